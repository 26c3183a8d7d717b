#define G_LOG_DOMAIN "rn-export"

#include "config.h"

#include <string.h>

#include "rn-export-private.h"

static const struct
{
  const char *csl;
  const char *bibtex;
  const char *container;      /* the field the container title goes to */
  const char *publisher;
} types[] = {
  { "article-journal", "article", "journal", "publisher" },
  { "article-magazine", "article", "journal", "publisher" },
  { "article-newspaper", "article", "journal", "publisher" },
  { "review", "article", "journal", "publisher" },
  { "book", "book", "series", "publisher" },
  { "chapter", "incollection", "booktitle", "publisher" },
  { "entry-encyclopedia", "incollection", "booktitle", "publisher" },
  { "paper-conference", "inproceedings", "booktitle", "publisher" },
  { "thesis", "phdthesis", NULL, "school" },
  { "report", "techreport", "series", "institution" },
};

/* Everything else (preprints, web pages, posts, podcasts, datasets) is
 * @misc, its container named in howpublished. */
#define MISC_CONTAINER "howpublished"

/* LaTeX's special characters. Braces become \textbrace… rather than \{:
 * BibTeX counts braces without looking at backslashes, so "\{" would
 * unbalance the field. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\textbackslash{}"); break;
        case '{': g_string_append (out, "\\textbraceleft{}"); break;
        case '}': g_string_append (out, "\\textbraceright{}"); break;
        case '%': g_string_append (out, "\\%"); break;
        case '&': g_string_append (out, "\\&"); break;
        case '$': g_string_append (out, "\\$"); break;
        case '#': g_string_append (out, "\\#"); break;
        case '_': g_string_append (out, "\\_"); break;
        case '~': g_string_append (out, "\\textasciitilde{}"); break;
        case '^': g_string_append (out, "\\textasciicircum{}"); break;
        case '\n': case '\r': case '\t':
          /* A blank line would end the paragraph inside a field. */
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          break;
        default:
          if ((guchar) *p >= 0x20)
            g_string_append_c (out, *p);
          break;
        }
    }
}

/* url and doi are verbatim in biblatex: no LaTeX escapes, but BibTeX must
 * still see balanced braces, so braces, backslashes and blanks are
 * percent-encoded as in any URL. */
static void
append_verbatim (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '{' || *p == '}' || *p == '\\' || (guchar) *p <= 0x20)
        g_string_append_printf (out, "%%%02X", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
}

static void
field (GString    *out,
       const char *name,
       const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append_printf (out, ",\n  %s = {", name);
  append_escaped (out, value);
  g_string_append_c (out, '}');
}

static void
verbatim_field (GString    *out,
                const char *name,
                const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append_printf (out, ",\n  %s = {", name);
  append_verbatim (out, value);
  g_string_append_c (out, '}');
}

static void
authors_field (GString     *out,
               RnReference *ref)
{
  guint n = rn_reference_get_n_authors (ref);

  if (n == 0)
    return;
  g_string_append (out, ",\n  author = {");
  for (guint i = 0; i < n; i++)
    {
      RnRefName name = rn_reference_get_author (ref, i);

      if (i > 0)
        g_string_append (out, " and ");
      if (name.family != NULL)
        {
          /* "Family, Given" is the one form BibTeX never misreads; a
           * family name holding " and " or a comma is kept whole. */
          gboolean protect = strstr (name.family, " and ") != NULL || strchr (name.family, ',') != NULL;

          if (protect)
            g_string_append_c (out, '{');
          append_escaped (out, name.family);
          if (protect)
            g_string_append_c (out, '}');
          if (name.given != NULL)
            {
              g_string_append (out, ", ");
              append_escaped (out, name.given);
            }
        }
      else
        {
          /* Organisations in double braces, or BibTeX splits them. */
          g_string_append_c (out, '{');
          append_escaped (out, name.literal);
          g_string_append_c (out, '}');
        }
    }
  g_string_append_c (out, '}');
}

static void
append_entry (GString       *out,
              RnExportEntry *entry,
              const char    *key)
{
  RnReference *ref = entry->ref;
  const char *csl_type = rn_reference_get_csl_type (ref);
  const char *bibtex_type = "misc", *container = MISC_CONTAINER, *publisher = "publisher";
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *tags = NULL;
  const char *notice_doi = NULL;
  RnNoticeKind notice;
  int year, month, day;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (csl_type, types[i].csl) == 0)
      {
        bibtex_type = types[i].bibtex;
        container = types[i].container;
        publisher = types[i].publisher;
      }

  g_string_append_printf (out, "@%s{%s", bibtex_type, key);
  authors_field (out, ref);
  field (out, "title", rn_reference_get_title (ref));
  if (container != NULL)
    field (out, container, rn_reference_get (ref, RN_REF_CONTAINER_TITLE));
  if (g_str_equal (bibtex_type, "article"))
    field (out, "shortjournal", rn_reference_get (ref, RN_REF_CONTAINER_TITLE_SHORT));
  if (rn_reference_get_issued (ref, &year, &month, &day))
    {
      g_autofree char *y = g_strdup_printf ("%04d", year);
      g_autofree char *date = month == 0 ? NULL
                              : day == 0 ? g_strdup_printf ("%04d-%02d", year, month)
                              : g_strdup_printf ("%04d-%02d-%02d", year, month, day);

      field (out, "year", y);
      field (out, "date", date);      /* biblatex; BibTeX ignores it */
    }
  field (out, "volume", rn_reference_get (ref, RN_REF_VOLUME));
  field (out, "number", rn_reference_get (ref, RN_REF_ISSUE));
  rn_export_split_pages (rn_reference_get (ref, RN_REF_PAGE), &first, &last);
  if (first != NULL)
    pages = last != NULL ? g_strconcat (first, "--", last, NULL) : g_strdup (first);
  field (out, "pages", pages);
  field (out, publisher, rn_reference_get (ref, RN_REF_PUBLISHER));
  field (out, "issn", rn_reference_get (ref, RN_REF_ISSN));
  verbatim_field (out, "doi", rn_reference_get_doi (ref));
  verbatim_field (out, "url", rn_reference_get (ref, RN_REF_URL));
  field (out, "pmid", rn_reference_get (ref, RN_REF_PMID));
  field (out, "pmcid", rn_reference_get (ref, RN_REF_PMCID));
  field (out, "langid", rn_reference_get (ref, RN_REF_LANGUAGE));
  field (out, "type", rn_reference_get (ref, RN_REF_GENRE));
  field (out, "abstract", rn_reference_get (ref, RN_REF_ABSTRACT));
  if (entry->tags != NULL && entry->tags[0] != NULL)
    tags = g_strjoinv (", ", entry->tags);
  field (out, "keywords", tags);
  field (out, "annote", entry->note);

  notice = rn_reference_get_notice (ref, &notice_doi, NULL, NULL);
  if (notice != RN_NOTICE_NONE)
    {
      g_autofree char *text = g_strdup_printf ("%s%s%s",
                                               notice == RN_NOTICE_RETRACTION ? "Retracted"
                                               : notice == RN_NOTICE_CORRECTION ? "Corrected"
                                               : "Expression of concern",
                                               notice_doi != NULL ? ": doi:" : "",
                                               notice_doi != NULL ? notice_doi : "");

      field (out, "note", text);
    }
  g_string_append (out, "\n}\n\n");
}

char *
rn_export_bibtex (GPtrArray *entries)
{
  g_auto(GStrv) keys = NULL;
  GString *out;

  g_return_val_if_fail (entries != NULL, NULL);

  keys = rn_export_citation_keys (entries);
  out = g_string_new ("% Encoding: UTF-8\n\n");
  for (guint i = 0; i < entries->len; i++)
    append_entry (out, g_ptr_array_index (entries, i), keys[i]);
  return g_string_free (out, FALSE);
}
