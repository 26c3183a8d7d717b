#define G_LOG_DOMAIN "rn-export"

#include "config.h"

#include <string.h>

#include "rn-export-private.h"

/* The RIS specification ends every line with CR LF; EndNote, Zotero and
 * Mendeley also read LF, but CR LF is what every reader accepts. */
#define EOL "\r\n"

static const struct
{
  const char *csl;
  const char *ris;
} types[] = {
  { "article-journal", "JOUR" },
  { "article-magazine", "MGZN" },
  { "article-newspaper", "NEWS" },
  { "review", "JOUR" },
  { "article", "UNPB" },            /* preprints */
  { "book", "BOOK" },
  { "chapter", "CHAP" },
  { "paper-conference", "CPAPER" },
  { "thesis", "THES" },
  { "report", "RPRT" },
  { "dataset", "DATA" },
  { "webpage", "ELEC" },
  { "post", "BLOG" },
  { "post-weblog", "BLOG" },
  { "broadcast", "SOUND" },         /* podcast episodes */
};

/* One tag line; the value on one line, without control characters. */
static void
tag (GString    *out,
     const char *name,
     const char *value)
{
  gboolean space = FALSE;
  gsize start;

  if (value == NULL)
    return;
  start = out->len;
  g_string_append_printf (out, "%s  - ", name);
  for (const char *p = value; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        space = TRUE;
      else
        {
          if (space && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  /* Nothing but blanks: no line at all. */
  if (out->len == start + strlen (name) + 4)
    g_string_truncate (out, start);
  else
    g_string_append (out, EOL);
}

static void
append_entry (GString       *out,
              RnExportEntry *entry)
{
  RnReference *ref = entry->ref;
  const char *ris_type = "GEN";
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  const char *notice_doi = NULL;
  RnNoticeKind notice;
  int year, month, day;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (rn_reference_get_csl_type (ref), types[i].csl) == 0)
      ris_type = types[i].ris;

  /* TY must come first and ER last. */
  tag (out, "TY", ris_type);
  for (guint i = 0; i < rn_reference_get_n_authors (ref); i++)
    {
      RnRefName name = rn_reference_get_author (ref, i);

      if (name.family != NULL && name.given != NULL)
        {
          g_autofree char *full = g_strconcat (name.family, ", ", name.given, NULL);

          tag (out, "AU", full);
        }
      else
        tag (out, "AU", name.family != NULL ? name.family : name.literal);
    }
  tag (out, "TI", rn_reference_get_title (ref));
  tag (out, "T2", rn_reference_get (ref, RN_REF_CONTAINER_TITLE));
  tag (out, "J2", rn_reference_get (ref, RN_REF_CONTAINER_TITLE_SHORT));
  if (rn_reference_get_issued (ref, &year, &month, &day))
    {
      g_autofree char *py = g_strdup_printf ("%04d", year);
      g_autofree char *da = NULL;

      /* DA is "YYYY/MM/DD/other": unknown parts stay empty. */
      if (month == 0)
        da = g_strdup_printf ("%04d///", year);
      else if (day == 0)
        da = g_strdup_printf ("%04d/%02d//", year, month);
      else
        da = g_strdup_printf ("%04d/%02d/%02d/", year, month, day);
      tag (out, "PY", py);
      tag (out, "DA", da);
    }
  tag (out, "VL", rn_reference_get (ref, RN_REF_VOLUME));
  tag (out, "IS", rn_reference_get (ref, RN_REF_ISSUE));
  rn_export_split_pages (rn_reference_get (ref, RN_REF_PAGE), &first, &last);
  tag (out, "SP", first);
  tag (out, "EP", last);
  tag (out, "PB", rn_reference_get (ref, RN_REF_PUBLISHER));
  tag (out, "SN", rn_reference_get (ref, RN_REF_ISSN));
  tag (out, "LA", rn_reference_get (ref, RN_REF_LANGUAGE));
  tag (out, "DO", rn_reference_get_doi (ref));
  tag (out, "UR", rn_reference_get (ref, RN_REF_URL));
  if (rn_reference_get (ref, RN_REF_PMID) != NULL)
    {
      g_autofree char *an = g_strconcat ("PMID: ", rn_reference_get (ref, RN_REF_PMID), NULL);

      tag (out, "AN", an);
    }
  tag (out, "AB", rn_reference_get (ref, RN_REF_ABSTRACT));
  for (guint i = 0; entry->tags != NULL && entry->tags[i] != NULL; i++)
    tag (out, "KW", entry->tags[i]);
  tag (out, "N1", entry->note);
  notice = rn_reference_get_notice (ref, &notice_doi, NULL, NULL);
  if (notice != RN_NOTICE_NONE)
    {
      g_autofree char *text = g_strdup_printf ("%s%s%s",
                                               notice == RN_NOTICE_RETRACTION ? "Retracted"
                                               : notice == RN_NOTICE_CORRECTION ? "Corrected"
                                               : "Expression of concern",
                                               notice_doi != NULL ? ": doi:" : "",
                                               notice_doi != NULL ? notice_doi : "");

      tag (out, "N1", text);
    }
  g_string_append (out, "ER  - " EOL EOL);
}

char *
rn_export_ris (GPtrArray *entries)
{
  GString *out;

  g_return_val_if_fail (entries != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < entries->len; i++)
    append_entry (out, g_ptr_array_index (entries, i));
  return g_string_free (out, FALSE);
}
