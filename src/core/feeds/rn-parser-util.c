/* rn-parser-util.c: helpers the format and namespace readers share. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "rn-feed-date.h"
#include "rn-feed-encoding.h"
#include "rn-feed-identity.h"
#include "rn-parser-private.h"

const xmlChar *
rn_parser_attr (int             n_attrs,
                const xmlChar **attrs,
                const char     *ns_uri,
                const char     *name,
                gsize          *out_len)
{
  for (int i = 0; i < n_attrs; i++)
    {
      const xmlChar **a = attrs + i * 5;

      if (strcmp ((const char *) a[0], name) != 0)
        continue;
      if (ns_uri == NULL ? a[2] != NULL : (a[2] == NULL || strcmp ((const char *) a[2], ns_uri) != 0))
        continue;
      *out_len = a[4] - a[3];
      return a[3];
    }
  return NULL;
}

/* libxml2 hands attribute values over with each "&" written as "&#38;"
 * when it does not substitute entities: undo that. */
char *
rn_parser_attr_dup (int             n_attrs,
                    const xmlChar **attrs,
                    const char     *ns_uri,
                    const char     *name)
{
  gsize len = 0;
  const char *value = (const char *) rn_parser_attr (n_attrs, attrs, ns_uri, name, &len);
  const char *amp;
  GString *out;

  if (value == NULL)
    return NULL;
  amp = memchr (value, '&', len);
  if (amp == NULL)
    return g_strndup (value, len);

  out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      if (value[i] == '&' && i + 5 <= len && memcmp (value + i, "&#38;", 5) == 0)
        {
          g_string_append_c (out, '&');
          i += 4;
        }
      else
        g_string_append_c (out, value[i]);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_ws (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *
rn_parser_strip (const char *text,
                 gsize       len)
{
  const char *end;

  if (text == NULL)
    return NULL;
  end = text + len;
  while (text < end && is_ws (*text))
    text++;
  while (end > text && is_ws (end[-1]))
    end--;
  if (end == text)
    return NULL;
  return g_strndup (text, end - text);
}

/* Links RadNet will open or fetch: never javascript:, data:, vbscript:. */
gboolean
rn_parser_is_safe_uri (const char *uri)
{
  const char *colon;
  const char *delimiter;
  gsize scheme_len;

  if (uri == NULL)
    return FALSE;

  colon = strchr (uri, ':');
  delimiter = strpbrk (uri, "/?#");
  if (colon == NULL || (delimiter != NULL && delimiter < colon))
    return TRUE;   /* relative */
  scheme_len = colon - uri;
  return (scheme_len == 4 && g_ascii_strncasecmp (uri, "http", 4) == 0) ||
         (scheme_len == 5 && g_ascii_strncasecmp (uri, "https", 5) == 0) ||
         (scheme_len == 3 && g_ascii_strncasecmp (uri, "ftp", 3) == 0) ||
         (scheme_len == 6 && g_ascii_strncasecmp (uri, "mailto", 6) == 0) ||
         (scheme_len == 4 && g_ascii_strncasecmp (uri, "file", 4) == 0) ||
         (scheme_len == 3 && g_ascii_strncasecmp (uri, "tag", 3) == 0) ||
         (scheme_len == 3 && g_ascii_strncasecmp (uri, "urn", 3) == 0);
}

char *
rn_parser_resolve (const char *base,
                   const char *href)
{
  g_autofree char *clean = NULL;
  char *resolved;

  if (href == NULL)
    return NULL;
  clean = rn_parser_strip (href, strlen (href));
  if (clean == NULL)
    return base != NULL ? g_strdup (base) : NULL;
  /* Absolute web links are the common case: no parsing needed. */
  if (g_str_has_prefix (clean, "http://") || g_str_has_prefix (clean, "https://"))
    return g_steal_pointer (&clean);
  if (!rn_parser_is_safe_uri (clean))
    return NULL;
  if (base == NULL)
    return g_steal_pointer (&clean);
  resolved = g_uri_resolve_relative (base, clean, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL)
    return g_steal_pointer (&clean);
  return resolved;
}

/* Appends the character of an HTML reference at @p ("&amp;", "&#233;",
 * "&#xE9;"); returns the bytes it used, or 0 when it is not one. */
static gsize
decode_reference (const char *p,
                  GString    *out)
{
  const char *q = p + 1;
  gunichar c = 0;

  if (*q == '#')
    {
      gboolean hex = q[1] == 'x' || q[1] == 'X';
      const char *digits = q + (hex ? 2 : 1);
      const char *d = digits;
      guint64 value = 0;

      while (hex ? g_ascii_isxdigit (*d) : g_ascii_isdigit (*d))
        {
          value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*d) : *d - '0');
          if (value > 0x10FFFF)
            return 0;
          d++;
        }
      if (d == digits)
        return 0;
      c = (gunichar) value;
      if (c == 0 || !g_unichar_validate (c))
        c = 0xFFFD;
      g_string_append_unichar (out, c);
      return (*d == ';' ? d + 1 : d) - p;
    }
  else
    {
      char name[40];
      gsize n = 0;
      const htmlEntityDesc *entity;

      while (g_ascii_isalnum (q[n]) && n < sizeof name - 1)
        {
          name[n] = q[n];
          n++;
        }
      if (n == 0 || q[n] != ';')
        return 0;
      name[n] = '\0';
      entity = htmlEntityLookup ((const xmlChar *) name);
      if (entity == NULL)
        return 0;
      g_string_append_unichar (out, entity->value);
      return n + 2;
    }
}

/* Plain text of an HTML fragment: tags dropped, references decoded. Used
 * for titles, which RadNet shows as text. */
char *
rn_parser_html_to_text (const char *html)
{
  GString *out;
  const char *p;

  if (html == NULL)
    return NULL;
  out = g_string_sized_new (strlen (html));
  for (p = html; *p != '\0';)
    {
      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?'))
        {
          const char *close = strchr (p, '>');

          if (close == NULL)
            break;
          p = close + 1;
          continue;
        }
      if (*p == '&')
        {
          gsize used = decode_reference (p, out);

          if (used > 0)
            {
              p += used;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
  {
    char *text = rn_parser_strip (out->str, out->len);

    g_string_free (out, TRUE);
    return text;
  }
}

char *
rn_parser_text_to_html (const char *text)
{
  if (text == NULL)
    return NULL;
  return g_markup_escape_text (text, -1);
}

char *
rn_parser_base64_text (const char *text)
{
  g_autofree guchar *raw = NULL;
  g_autofree char *value = NULL;
  gsize len = 0;

  if (text == NULL)
    return NULL;
  raw = g_base64_decode (text, &len);
  if (raw == NULL)
    return NULL;
  value = rn_feed_utf8_make_valid ((const char *) raw, len);
  return rn_parser_strip (value, strlen (value));
}

/* "%2F" → "/" in a DOI taken from a URL. */
static char *
percent_decode (const char *text)
{
  char *decoded = g_uri_unescape_string (text, NULL);

  return decoded != NULL ? decoded : g_strdup (text);
}

/* A DOI in one of the ways feeds write it: "doi:10.1000/x", "info:doi/…",
 * "https://doi.org/…", "http://dx.doi.org/…" and, when @bare_allowed (the
 * element is known to hold a DOI), "10.1000/x". Returns the bare DOI with
 * its "10." prefix, or NULL. */
char *
rn_parser_doi_from (const char *text,
                    gboolean    bare_allowed)
{
  static const char *const prefixes[] = {
    "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
    "https://www.doi.org/", "http://www.doi.org/", "doi.org/", "info:doi/", "doi:",
  };
  g_autofree char *clean = NULL;
  g_autofree char *decoded = NULL;
  const char *p = NULL, *slash, *end;
  gboolean from_url = FALSE;

  if (text == NULL)
    return NULL;
  clean = rn_parser_strip (text, strlen (text));
  if (clean == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes) && p == NULL; i++)
    if (g_ascii_strncasecmp (clean, prefixes[i], strlen (prefixes[i])) == 0)
      {
        p = clean + strlen (prefixes[i]);
        from_url = i < 7;
      }
  if (p == NULL)
    {
      if (!bare_allowed)
        return NULL;
      p = clean;
    }
  while (*p == ' ')
    p++;
  if (from_url)
    {
      decoded = percent_decode (p);
      p = decoded;
    }
  /* 10.<registrant digits, maybe dotted>/<suffix> */
  if (strncmp (p, "10.", 3) != 0 || !g_ascii_isdigit (p[3]))
    return NULL;
  slash = strchr (p, '/');
  if (slash == NULL || slash[1] == '\0')
    return NULL;
  for (const char *q = p + 3; q < slash; q++)
    if (!g_ascii_isdigit (*q) && *q != '.')
      return NULL;
  end = slash + 1;
  while (*end != '\0' && !is_ws (*end))
    end++;
  return g_strndup (p, end - p);
}

gint64
rn_parser_parse_length (const char *text)
{
  gint64 value;
  char *end = NULL;

  if (text == NULL)
    return 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || value < 0)
    return 0;
  return value;
}

void
rn_parser_take_field (char   **field,
                      guint8  *prio,
                      RnPrio   strength,
                      char    *value)
{
  if (value == NULL)
    return;
  if (*field == NULL || strength > *prio)
    {
      g_free (*field);
      *field = value;
      *prio = strength;
    }
  else
    g_free (value);
}

void
rn_parser_set_date (gint64     *field,
                    guint8     *prio,
                    RnPrio      strength,
                    const char *text)
{
  gint64 date = rn_feed_date_parse (text);

  if (date == RN_NO_DATE)
    return;
  /* Of equal sources the last wins: feeds that repeat a date element
   * correct the first one. */
  if (*field == RN_NO_DATE || strength >= *prio)
    {
      *field = date;
      *prio = strength;
    }
}

void
rn_parser_add_author (RnParseState *st,
                      char         *author,
                      RnPrio        strength)
{
  GPtrArray *authors;

  if (author == NULL || st->entry == NULL)
    {
      g_free (author);
      return;
    }
  authors = st->entry->authors;
  if (strength > st->entry_prio.authors)
    {
      g_ptr_array_set_size (authors, 0);
      st->entry_prio.authors = strength;
    }
  else if (strength < st->entry_prio.authors)
    {
      g_free (author);
      return;
    }
  for (guint i = 0; i < authors->len; i++)
    if (g_str_equal (authors->pdata[i], author))
      {
        g_free (author);
        return;
      }
  if (authors->len < 1000)
    g_ptr_array_add (authors, author);
  else
    g_free (author);
}

void
rn_parser_add_enclosure (RnParseState *st,
                         char         *url,
                         char         *type,
                         gint64        length)
{
  GPtrArray *enclosures;

  if (url == NULL || st->entry == NULL)
    {
      g_free (url);
      g_free (type);
      return;
    }
  enclosures = st->entry->enclosures;
  for (guint i = 0; i < enclosures->len; i++)
    {
      RnEnclosure *e = enclosures->pdata[i];

      if (g_str_equal (e->url, url))
        {
          /* A second mention (media:content after enclosure) may know more. */
          if (e->type == NULL)
            e->type = g_steal_pointer (&type);
          if (e->length == 0)
            e->length = length;
          g_free (url);
          g_free (type);
          return;
        }
    }
  if (enclosures->len < 1000)
    {
      RnEnclosure *e = g_new0 (RnEnclosure, 1);

      e->url = url;
      e->type = type;
      e->length = length;
      g_ptr_array_add (enclosures, e);
    }
  else
    {
      g_free (url);
      g_free (type);
    }
}

/* Atom 1.0 wraps inline XHTML in a <div> that is not part of the content. */
static char *
unwrap_div (char *markup)
{
  gsize len = strlen (markup);
  int depth = 0;
  const char *p;

  if (!g_str_has_prefix (markup, "<div") || (markup[4] != '>' && markup[4] != ' ') ||
      !g_str_has_suffix (markup, "</div>"))
    return markup;
  /* The first <div> must close at the very end. */
  for (p = markup; *p != '\0'; p++)
    {
      if (strncmp (p, "<div", 4) == 0 && (p[4] == '>' || p[4] == ' '))
        depth++;
      else if (strncmp (p, "</div>", 6) == 0)
        {
          depth--;
          if (depth == 0 && p + 6 != markup + len)
            return markup;
        }
    }
  {
    const char *start = strchr (markup, '>') + 1;
    char *inner = rn_parser_strip (start, markup + len - 6 - start);

    g_free (markup);
    return inner != NULL ? inner : g_strdup ("");
  }
}

char *
rn_parser_text_value (RnParseState *st,
                      RnFrame      *fr,
                      const char   *text,
                      gsize         len,
                      gboolean      want_html)
{
  char *value = rn_parser_strip (text, len);
  char *converted;

  if (value == NULL)
    return NULL;
  switch (fr->text_kind)
    {
    case RN_TEXT_PLAIN:
      if (!want_html)
        return value;
      converted = rn_parser_text_to_html (value);
      break;
    case RN_TEXT_XHTML:
      if (fr->ns == RN_NS_ATOM10)
        value = unwrap_div (value);
      if (want_html)
        return value;
      converted = rn_parser_html_to_text (value);
      break;
    case RN_TEXT_BASE64:
      converted = rn_parser_base64_text (value);
      if (converted != NULL && !want_html)
        {
          char *plain = rn_parser_html_to_text (converted);

          g_free (converted);
          converted = plain;
        }
      break;
    case RN_TEXT_HTML:
    default:
      if (want_html)
        return value;
      converted = rn_parser_html_to_text (value);
      break;
    }
  g_free (value);
  return converted;
}

void
rn_parser_begin_entry (RnParseState *st)
{
  RnFrame *fr = &st->frames[st->depth - 1];

  if (st->feed->entries->len >= RN_FEED_PARSE_MAX_ENTRIES)
    {
      rn_parser_set_limit_error (st, _("The feed has more entries than the limit"));
      return;
    }
  if (st->entry != NULL)
    rn_parser_end_entry (st);
  st->entry = rn_parsed_entry_new ();
  st->entry->base = g_strdup (fr->base);
  memset (&st->entry_prio, 0, sizeof st->entry_prio);
  st->guid_is_permalink = FALSE;
  g_clear_pointer (&st->guid_link, g_free);
}

void
rn_parser_end_entry (RnParseState *st)
{
  RnParsedEntry *entry = st->entry;

  if (entry == NULL)
    return;
  /* RSS: a permalink guid stands in for a missing <link>. */
  if (entry->link == NULL && st->guid_link != NULL)
    entry->link = g_steal_pointer (&st->guid_link);
  g_clear_pointer (&st->guid_link, g_free);
  g_ptr_array_add (st->feed->entries, entry);
  st->entry = NULL;
}

/* U+0080..U+009F are C1 controls nobody means: they come from Windows-1252
 * text mislabelled as Latin-1 ("&#146;" for a right quote). Read them as
 * the Windows-1252 characters they were. */
static char *
demoronize (const char *text)
{
  static const gunichar cp1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  };
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) p[0] == 0xC2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9F)
        {
          g_string_append_unichar (out, cp1252[(guchar) p[1] - 0x80]);
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_c1 (const char *text)
{
  for (const char *p = strchr (text, '\xC2'); p != NULL; p = strchr (p + 1, '\xC2'))
    if ((guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9F)
      return TRUE;
  return FALSE;
}

static void
make_valid (char **field)
{
  if (*field == NULL)
    return;
  if (!g_utf8_validate (*field, -1, NULL))
    {
      char *valid = rn_feed_utf8_make_valid (*field, -1);

      g_free (*field);
      *field = valid;
    }
  if (has_c1 (*field))
    {
      char *fixed = demoronize (*field);

      g_free (*field);
      *field = fixed;
    }
}

static void
make_valid_array (GPtrArray *strings)
{
  for (guint i = 0; i < strings->len; i++)
    make_valid ((char **) &strings->pdata[i]);
}

/* Last pass over what any reader produced: DOIs from links, identities,
 * and a guarantee that every string is valid UTF-8. */
void
rn_parser_finish_feed (RnParsedFeed *feed)
{
  /* "en_US" is a locale name; feeds mean the language tag "en-US". */
  if (feed->lang != NULL)
    g_strdelimit (feed->lang, "_", '-');
  make_valid (&feed->title);
  make_valid (&feed->link);
  make_valid (&feed->self_link);
  make_valid (&feed->description);
  make_valid (&feed->image);
  make_valid (&feed->lang);
  make_valid (&feed->error);
  make_valid (&feed->encoding);

  for (guint i = 0; i < feed->entries->len; i++)
    {
      RnParsedEntry *e = feed->entries->pdata[i];
      char *identity;

      make_valid (&e->id);
      make_valid (&e->title);
      make_valid (&e->link);
      make_valid (&e->summary);
      make_valid (&e->content);
      make_valid (&e->doi);
      make_valid (&e->thumbnail);
      make_valid (&e->lang);
      make_valid (&e->comments);
      make_valid (&e->publication_name);
      make_valid (&e->volume);
      make_valid (&e->number);
      make_valid (&e->starting_page);
      make_valid (&e->cover_date);
      make_valid (&e->duration);
      make_valid (&e->episode);
      make_valid (&e->image);
      make_valid (&e->base);
      make_valid_array (e->authors);
      make_valid_array (e->categories);
      for (guint j = 0; j < e->enclosures->len; j++)
        {
          RnEnclosure *enc = e->enclosures->pdata[j];

          make_valid (&enc->url);
          make_valid (&enc->type);
          make_valid (&enc->description);
        }

      if (e->doi == NULL)
        e->doi = rn_parser_doi_from (e->link, FALSE);
      if (e->doi == NULL)
        e->doi = rn_parser_doi_from (e->id, FALSE);

      identity = rn_parsed_entry_identity (e);
      g_free (e->id);
      e->id = identity;
    }
}
