#define G_LOG_DOMAIN "rn-export"

#include "config.h"

#include <string.h>

#include "rn-export-private.h"

G_DEFINE_QUARK (rn-export-error-quark, rn_export_error)

RnExportEntry *
rn_export_entry_new (RnReference        *ref,
                     const char         *note,
                     const char * const *tags,
                     gint64              saved_at,
                     const char         *content_html)
{
  RnExportEntry *entry;

  g_return_val_if_fail (RN_IS_REFERENCE (ref), NULL);

  entry = g_new0 (RnExportEntry, 1);
  entry->ref = g_object_ref (ref);
  entry->note = g_strdup (note);
  entry->tags = g_strdupv ((char **) tags);
  entry->saved_at = saved_at;
  entry->content_html = g_strdup (content_html);
  return entry;
}

void
rn_export_entry_free (RnExportEntry *entry)
{
  if (entry == NULL)
    return;
  g_object_unref (entry->ref);
  g_free (entry->note);
  g_strfreev (entry->tags);
  g_free (entry->content_html);
  g_free (entry);
}

RnExportImage *
rn_export_image_new (const char *url,
                     const char *mime,
                     GBytes     *data,
                     const char *alt)
{
  RnExportImage *image;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  image = g_new0 (RnExportImage, 1);
  image->url = g_strdup (url);
  image->mime = g_strdup (mime);
  image->data = g_bytes_ref (data);
  image->alt = g_strdup (alt);
  return image;
}

void
rn_export_image_free (RnExportImage *image)
{
  if (image == NULL)
    return;
  g_free (image->url);
  g_free (image->mime);
  g_bytes_unref (image->data);
  g_free (image->alt);
  g_free (image);
}

char *
rn_export_ascii_word (const char *text)
{
  g_autofree char *ascii = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  /* The "C" locale keeps the folding the same wherever the export runs. */
  ascii = g_str_to_ascii (text, "C");
  out = g_string_new (NULL);
  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

void
rn_export_append_html (GString    *out,
                       const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default:
          /* Control characters are not allowed in HTML text. */
          if ((guchar) *p >= 0x20 || *p == '\n' || *p == '\t')
            g_string_append_c (out, *p);
          break;
        }
    }
}

gboolean
rn_export_is_web_url (const char *url)
{
  return url != NULL &&
         (g_ascii_strncasecmp (url, "https://", 8) == 0 ||
          g_ascii_strncasecmp (url, "http://", 7) == 0) &&
         g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL);
}

char *
rn_export_doi_url (const char *doi)
{
  g_autofree char *escaped = NULL;

  if (doi == NULL)
    return NULL;
  escaped = g_uri_escape_string (doi, "/:;()", FALSE);
  return g_strconcat ("https://doi.org/", escaped, NULL);
}

void
rn_export_split_pages (const char  *page,
                       char       **first,
                       char       **last)
{
  g_autofree char *copy = NULL;
  char *dash;
  gsize dash_len = 1;

  *first = NULL;
  *last = NULL;
  if (page == NULL || *page == '\0')
    return;
  copy = g_strdup (page);
  dash = strstr (copy, "\xe2\x80\x93");      /* en dash */
  if (dash != NULL)
    dash_len = 3;
  else
    dash = strchr (copy, '-');
  if (dash == NULL)
    {
      *first = g_strdup (g_strstrip (copy));
      return;
    }
  *dash = '\0';
  *first = g_strdup (g_strstrip (copy));
  {
    char *end = dash + dash_len;
    gsize lf, le;

    while (*end == '-')
      end++;
    end = g_strstrip (end);
    lf = strlen (*first);
    le = strlen (end);
    if (le == 0)
      return;
    /* "1234-56" means 1234 to 1256. */
    if (le < lf && strspn (*first, "0123456789") == lf && strspn (end, "0123456789") == le)
      *last = g_strdup_printf ("%.*s%s", (int) (lf - le), *first, end);
    else
      *last = g_strdup (end);
  }
}

char *
rn_export_short_authors (RnReference *ref,
                         guint        max_names)
{
  GString *out = g_string_new (NULL);
  guint n = rn_reference_get_n_authors (ref);

  for (guint i = 0; i < n && i < max_names; i++)
    {
      RnRefName name = rn_reference_get_author (ref, i);

      if (out->len > 0)
        g_string_append (out, ", ");
      if (name.family == NULL)
        {
          g_string_append (out, name.literal);
          continue;
        }
      g_string_append (out, name.family);
      if (name.given != NULL)
        {
          g_auto(GStrv) parts = g_regex_split_simple ("[\\s.-]+", name.given, 0, 0);

          g_string_append_c (out, ' ');
          for (guint p = 0; parts[p] != NULL; p++)
            if (parts[p][0] != '\0')
              g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (parts[p])));
        }
    }
  if (n > max_names)
    g_string_append (out, ", et al");
  return g_string_free (out, FALSE);
}

/* Words that do not name a paper. */
static gboolean
is_stop_word (const char *word)
{
  static const char * const stop[] = {
    "a", "an", "the", "on", "of", "in", "for", "and", "to", "with", "from", "at",
    "by", "is", "are", "as", "or", "vs", "versus", "into", "about", "its", "their",
    "do", "does", "how", "what", "why", "when", "can", "should", "be", "we", NULL
  };

  return g_strv_contains (stop, word);
}

static char *
key_title_word (const char *title)
{
  g_auto(GStrv) words = NULL;

  if (title == NULL)
    return g_strdup ("");
  words = g_regex_split_simple ("[\\s\\p{P}]+", title, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = rn_export_ascii_word (words[i]);
      g_autofree char *lower = g_ascii_strdown (word, -1);

      if (*lower != '\0' && !is_stop_word (lower))
        return g_steal_pointer (&lower);
    }
  return g_strdup ("");
}

static char *
base_key (RnReference *ref)
{
  g_autofree char *who = NULL;
  g_autofree char *what = key_title_word (rn_reference_get_title (ref));
  g_autofree char *lower = NULL;
  int year = 0;

  if (rn_reference_get_n_authors (ref) > 0)
    {
      RnRefName first = rn_reference_get_author (ref, 0);

      if (first.family != NULL)
        who = rn_export_ascii_word (first.family);
      else
        {
          g_auto(GStrv) words = g_strsplit (first.literal, " ", 2);

          who = rn_export_ascii_word (words[0]);
        }
    }
  if (who == NULL || *who == '\0')
    {
      g_free (who);
      who = g_strdup ("anon");
    }
  lower = g_ascii_strdown (who, -1);
  rn_reference_get_issued (ref, &year, NULL, NULL);
  if (year != 0)
    return g_strdup_printf ("%s%d%s", lower, year, what);
  return g_strconcat (lower, what, NULL);
}

/* "a" … "z", "aa", "ab", … */
static char *
suffix_for (guint n)
{
  GString *s = g_string_new (NULL);

  do
    {
      g_string_prepend_c (s, 'a' + n % 26);
      n = n / 26;
    }
  while (n-- > 0);
  return g_string_free (s, FALSE);
}

GStrv
rn_export_citation_keys (GPtrArray *entries)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) next_suffix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      RnExportEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *base = base_key (entry->ref);
      g_autofree char *key = NULL;

      if (!g_hash_table_contains (used, base))
        key = g_strdup (base);
      else
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (next_suffix, base));

          do
            {
              g_autofree char *suffix = suffix_for (n++);

              g_free (key);
              key = g_strconcat (base, suffix, NULL);
            }
          while (g_hash_table_contains (used, key));
          g_hash_table_insert (next_suffix, g_strdup (base), GUINT_TO_POINTER (n));
        }
      g_hash_table_add (used, g_strdup (key));
      g_strv_builder_add (keys, key);
    }
  return g_strv_builder_end (keys);
}
