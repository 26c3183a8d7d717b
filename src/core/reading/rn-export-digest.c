#define G_LOG_DOMAIN "rn-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rn-export-private.h"
#include "rn-markup-text.h"

/* How much of an abstract or of the item's text a digest shows. */
#define EXCERPT_BYTES 600
#define BYLINE_NAMES  6

static const char *
notice_label (RnNoticeKind kind)
{
  switch (kind)
    {
    case RN_NOTICE_RETRACTION:
      return _("Retracted");
    case RN_NOTICE_CORRECTION:
      return _("Corrected");
    case RN_NOTICE_EXPRESSION_OF_CONCERN:
      return _("Expression of concern");
    case RN_NOTICE_NONE:
    default:
      return NULL;
    }
}

/* The abstract, or else the start of the item's own text. */
static char *
excerpt (RnExportEntry *entry)
{
  const char *abstract = rn_reference_get (entry->ref, RN_REF_ABSTRACT);
  g_autofree char *text = NULL;
  gsize len;

  if (abstract != NULL)
    text = g_strdup (abstract);
  else if (entry->content_html != NULL)
    text = rn_markup_to_text (entry->content_html, -1, EXCERPT_BYTES * 4);
  if (text == NULL || *text == '\0')
    return NULL;
  len = strlen (text);
  if (len > EXCERPT_BYTES)
    {
      const char *cut = g_utf8_find_prev_char (text, text + EXCERPT_BYTES);
      const char *space = g_strrstr_len (text, cut - text, " ");

      if (space != NULL && space - text > EXCERPT_BYTES / 2)
        cut = space;
      text[cut - text] = '\0';
      return g_strconcat (text, "…", NULL);
    }
  return g_steal_pointer (&text);
}

static char *
source_line (RnReference *ref)
{
  GString *s = g_string_new (NULL);
  const char *journal = rn_reference_get (ref, RN_REF_CONTAINER_TITLE_SHORT);
  const char *volume = rn_reference_get (ref, RN_REF_VOLUME);
  const char *issue = rn_reference_get (ref, RN_REF_ISSUE);
  const char *page = rn_reference_get (ref, RN_REF_PAGE);
  int year;

  if (rn_reference_get (ref, RN_REF_CONTAINER_TITLE) != NULL)
    journal = rn_reference_get (ref, RN_REF_CONTAINER_TITLE);
  if (rn_reference_get_issued (ref, &year, NULL, NULL))
    g_string_append_printf (s, "%d", year);
  if (volume != NULL)
    g_string_append_printf (s, "%s%s", s->len > 0 ? ";" : "", volume);
  if (issue != NULL)
    g_string_append_printf (s, "(%s)", issue);
  if (page != NULL)
    g_string_append_printf (s, ":%s", page);
  if (journal != NULL)
    {
      /* The journal is set apart by the caller (italics); mark its end. */
      g_string_prepend (s, s->len > 0 ? "\x01. " : "\x01");
      g_string_prepend (s, journal);
    }
  return g_string_free (s, FALSE);
}

/* --- Markdown ----------------------------------------------------------- */

/* CommonMark lets any ASCII punctuation be backslash-escaped; escape the
 * characters that would otherwise start markup inside a line. */
static void
append_md (GString    *out,
           const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>#|&~^!", *p) != NULL)
        g_string_append_c (out, '\\');
      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else if ((guchar) *p >= 0x20)
        g_string_append_c (out, *p);
    }
}

static void
append_md_source (GString    *out,
                  const char *line)
{
  const char *mark = strchr (line, '\x01');

  if (mark == NULL)
    {
      append_md (out, line);
      return;
    }
  {
    g_autofree char *journal = g_strndup (line, mark - line);

    g_string_append_c (out, '*');
    append_md (out, journal);
    g_string_append_c (out, '*');
    append_md (out, mark + 1);
  }
}

static void
md_entry (GString       *out,
          RnExportEntry *entry,
          guint          number)
{
  RnReference *ref = entry->ref;
  g_autofree char *authors = rn_export_short_authors (ref, BYLINE_NAMES);
  g_autofree char *source = source_line (ref);
  g_autofree char *summary = excerpt (entry);
  const char *title = rn_reference_get_title (ref);
  const char *doi = rn_reference_get_doi (ref);
  const char *url = rn_reference_get (ref, RN_REF_URL);
  const char *notice_doi = NULL;
  RnNoticeKind notice = rn_reference_get_notice (ref, &notice_doi, NULL, NULL);

  g_string_append_printf (out, "## %u. ", number);
  append_md (out, title != NULL ? title : _("Untitled"));
  g_string_append (out, "\n\n");
  if (*authors != '\0')
    {
      append_md (out, authors);
      g_string_append (out, ".  \n");
    }
  if (*source != '\0')
    {
      append_md_source (out, source);
      g_string_append (out, ".  \n");
    }
  if (doi != NULL)
    {
      g_autofree char *doi_url = rn_export_doi_url (doi);

      g_string_append (out, "DOI: [");
      append_md (out, doi);
      g_string_append_printf (out, "](<%s>)  \n", doi_url);
    }
  else if (rn_export_is_web_url (url))
    {
      g_autofree char *escaped = g_uri_escape_string (url, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH "?#=&%", FALSE);

      g_string_append_printf (out, "<%s>  \n", escaped);
    }
  if (notice != RN_NOTICE_NONE)
    {
      g_string_append_printf (out, "**%s**", notice_label (notice));
      if (notice_doi != NULL)
        {
          g_autofree char *notice_url = rn_export_doi_url (notice_doi);

          g_string_append_printf (out, " (%s: [", _("notice"));
          append_md (out, notice_doi);
          g_string_append_printf (out, "](<%s>))", notice_url);
        }
      g_string_append (out, "  \n");
    }
  g_string_append_c (out, '\n');

  if (entry->note != NULL && *entry->note != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (entry->note, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_string_append (out, lines[i][0] != '\0' ? "> " : ">");
          append_md (out, lines[i]);
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }
  if (entry->tags != NULL && entry->tags[0] != NULL)
    {
      g_string_append_printf (out, "%s: ", _("Tags"));
      for (guint i = 0; entry->tags[i] != NULL; i++)
        {
          g_string_append (out, i > 0 ? ", " : "");
          /* Code spans cannot escape; no backticks inside. */
          g_string_append_c (out, '`');
          for (const char *p = entry->tags[i]; *p != '\0'; p++)
            g_string_append_c (out, *p == '`' || (guchar) *p < 0x20 ? '\'' : *p);
          g_string_append_c (out, '`');
        }
      g_string_append (out, "\n\n");
    }
  if (summary != NULL)
    {
      append_md (out, summary);
      g_string_append (out, "\n\n");
    }
}

char *
rn_export_digest_markdown (GPtrArray  *entries,
                           const char *title)
{
  GString *out;

  g_return_val_if_fail (entries != NULL, NULL);

  out = g_string_new ("# ");
  append_md (out, title != NULL ? title : _("Journal club"));
  g_string_append (out, "\n\n");
  for (guint i = 0; i < entries->len; i++)
    md_entry (out, g_ptr_array_index (entries, i), i + 1);
  return g_string_free (out, FALSE);
}

/* --- HTML --------------------------------------------------------------- */

static const char css[] =
  "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}"
  "h1{font-size:1.6rem}h2{font-size:1.15rem;margin:0 0 .3rem}"
  "ol.items{padding-left:1.2rem}ol.items>li{margin-bottom:2rem}"
  ".byline,.source{margin:.1rem 0;color:#444}.doi{margin:.1rem 0}"
  ".notice{margin:.4rem 0;padding:.3rem .6rem;background:#fde8e8;color:#8a1111;border-left:4px solid #c01c28}"
  "blockquote.note{margin:.6rem 0;padding:.2rem .8rem;border-left:4px solid #3584e4;background:#f0f6fd}"
  "ul.tags{list-style:none;padding:0;margin:.4rem 0}ul.tags li{display:inline-block;margin:0 .3rem .3rem 0;padding:0 .5rem;border-radius:.8rem;background:#eee;font-size:.85rem}"
  ".excerpt{color:#333;font-size:.95rem}"
  "@media (prefers-color-scheme:dark){body{color:#ddd;background:#1e1e1e}.byline,.source,.excerpt{color:#bbb}"
  "blockquote.note{background:#1c2a3a}.notice{background:#3a1c1c;color:#f6b6b6}ul.tags li{background:#333}}";

static void
append_paragraphs (GString    *out,
                   const char *text)
{
  g_auto(GStrv) paragraphs = g_regex_split_simple ("\\n\\s*\\n", text, 0, 0);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (g_strstrip (paragraphs[i]), "\n", -1);

      if (lines[0] == NULL || *lines[0] == '\0')
        continue;
      g_string_append (out, "<p>");
      for (guint l = 0; lines[l] != NULL; l++)
        {
          if (l > 0)
            g_string_append (out, "<br/>");
          rn_export_append_html (out, lines[l]);
        }
      g_string_append (out, "</p>");
    }
}

static void
html_entry (GString       *out,
            RnExportEntry *entry)
{
  RnReference *ref = entry->ref;
  g_autofree char *authors = rn_export_short_authors (ref, BYLINE_NAMES);
  g_autofree char *source = source_line (ref);
  g_autofree char *summary = excerpt (entry);
  const char *title = rn_reference_get_title (ref);
  const char *doi = rn_reference_get_doi (ref);
  const char *url = rn_reference_get (ref, RN_REF_URL);
  const char *notice_doi = NULL;
  RnNoticeKind notice = rn_reference_get_notice (ref, &notice_doi, NULL, NULL);
  const char *mark;

  g_string_append (out, "<li><article><h2>");
  if (rn_export_is_web_url (url))
    {
      g_string_append (out, "<a href=\"");
      rn_export_append_html (out, url);
      g_string_append (out, "\">");
      rn_export_append_html (out, title != NULL ? title : _("Untitled"));
      g_string_append (out, "</a>");
    }
  else
    rn_export_append_html (out, title != NULL ? title : _("Untitled"));
  g_string_append (out, "</h2>\n");

  if (*authors != '\0')
    {
      g_string_append (out, "<p class=\"byline\">");
      rn_export_append_html (out, authors);
      g_string_append (out, "</p>\n");
    }
  if (*source != '\0')
    {
      g_string_append (out, "<p class=\"source\">");
      mark = strchr (source, '\x01');
      if (mark != NULL)
        {
          g_autofree char *journal = g_strndup (source, mark - source);

          g_string_append (out, "<cite>");
          rn_export_append_html (out, journal);
          g_string_append (out, "</cite>");
          rn_export_append_html (out, mark + 1);
        }
      else
        rn_export_append_html (out, source);
      g_string_append (out, "</p>\n");
    }
  if (doi != NULL)
    {
      g_autofree char *doi_url = rn_export_doi_url (doi);

      g_string_append (out, "<p class=\"doi\">DOI: <a href=\"");
      rn_export_append_html (out, doi_url);
      g_string_append (out, "\">");
      rn_export_append_html (out, doi);
      g_string_append (out, "</a></p>\n");
    }
  if (notice != RN_NOTICE_NONE)
    {
      g_string_append (out, "<p class=\"notice\"><strong>");
      rn_export_append_html (out, notice_label (notice));
      g_string_append (out, "</strong>");
      if (notice_doi != NULL)
        {
          g_autofree char *notice_url = rn_export_doi_url (notice_doi);

          g_string_append_printf (out, " (%s: <a href=\"", _("notice"));
          rn_export_append_html (out, notice_url);
          g_string_append (out, "\">");
          rn_export_append_html (out, notice_doi);
          g_string_append (out, "</a>)");
        }
      g_string_append (out, "</p>\n");
    }
  if (entry->note != NULL && *entry->note != '\0')
    {
      g_string_append (out, "<blockquote class=\"note\">");
      append_paragraphs (out, entry->note);
      g_string_append (out, "</blockquote>\n");
    }
  if (entry->tags != NULL && entry->tags[0] != NULL)
    {
      g_string_append (out, "<ul class=\"tags\">");
      for (guint i = 0; entry->tags[i] != NULL; i++)
        {
          g_string_append (out, "<li>");
          rn_export_append_html (out, entry->tags[i]);
          g_string_append (out, "</li>");
        }
      g_string_append (out, "</ul>\n");
    }
  if (summary != NULL)
    {
      g_string_append (out, "<div class=\"excerpt\">");
      append_paragraphs (out, summary);
      g_string_append (out, "</div>\n");
    }
  g_string_append (out, "</article></li>\n");
}

char *
rn_export_digest_html (GPtrArray  *entries,
                       const char *title)
{
  GString *out;

  g_return_val_if_fail (entries != NULL, NULL);

  if (title == NULL)
    title = _("Journal club");
  out = g_string_new ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\"/>\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                      "<title>");
  rn_export_append_html (out, title);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>", css);
  rn_export_append_html (out, title);
  g_string_append (out, "</h1>\n<ol class=\"items\">\n");
  for (guint i = 0; i < entries->len; i++)
    html_entry (out, g_ptr_array_index (entries, i));
  g_string_append (out, "</ol>\n</main>\n</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
