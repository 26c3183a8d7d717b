/* rn-feed-parser.c: the entry point, format sniffing and the SAX driver.
 *
 * The XML formats are read in one streaming pass with libxml2's SAX2
 * interface rather than a DOM: a feed of 10,000 items is read at close to
 * the speed of libxml2 itself, and memory stays bounded by the open
 * elements. Each call creates its own parser context, so calls on several
 * threads at once do not share anything. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "rn-feed-encoding.h"
#include "rn-feed-parser.h"
#include "rn-parser-private.h"

G_DEFINE_QUARK (rn-feed-parse-error-quark, rn_feed_parse_error)

#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* libxml2 options. Deliberately absent: XML_PARSE_NOENT (no entity
 * substitution, so no external entity is ever read), XML_PARSE_DTDLOAD and
 * XML_PARSE_DTDATTR (no DTD is fetched or applied), XML_PARSE_HUGE (keeps
 * libxml2's own limits on text and on entity amplification). */
#define RN_XML_OPTIONS (XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | \
                        XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT)

typedef struct
{
  const char *uri;
  RnNs        ns;
} NsName;

static const NsName known_namespaces[] = {
  { "http://purl.org/rss/1.0/", RN_NS_RSS10 },
  { "http://my.netscape.com/rdf/simple/0.9/", RN_NS_RSS090 },
  { "http://www.w3.org/1999/02/22-rdf-syntax-ns#", RN_NS_RDF },
  { "http://www.w3.org/2005/Atom", RN_NS_ATOM10 },
  { "http://purl.org/atom/ns#", RN_NS_ATOM03 },
  { "http://purl.org/dc/elements/1.1/", RN_NS_DC },
  { "http://purl.org/dc/elements/1.0/", RN_NS_DC },
  { "http://purl.org/dc/terms/", RN_NS_DCTERMS },
  { "http://purl.org/rss/1.0/modules/content/", RN_NS_CONTENT },
  { "http://search.yahoo.com/mrss/", RN_NS_MEDIA },
  { "http://search.yahoo.com/mrss", RN_NS_MEDIA },
  { "http://video.search.yahoo.com/mrss", RN_NS_MEDIA },
  { "http://video.search.yahoo.com/mrss/", RN_NS_MEDIA },
  { "http://www.w3.org/1999/xhtml", RN_NS_XHTML },
  /* RSS 2.0 under a namespace: the same elements. */
  { "http://backend.userland.com/rss2", RN_NS_NONE },
  { "http://blogs.law.harvard.edu/tech/rss", RN_NS_NONE },
  { "http://backend.userland.com/rss", RN_NS_NONE },
};

/* Prefixes used without a declaration (a common mistake, recovered). */
static const NsName known_prefixes[] = {
  { "dc", RN_NS_DC }, { "dcterms", RN_NS_DCTERMS }, { "content", RN_NS_CONTENT },
  { "prism", RN_NS_PRISM }, { "media", RN_NS_MEDIA }, { "itunes", RN_NS_ITUNES },
  { "atom", RN_NS_ATOM10 }, { "rdf", RN_NS_RDF }, { "xhtml", RN_NS_XHTML },
};

static RnNs
ns_from_uri (const char *uri,
             const char *prefix)
{
  if (uri == NULL || uri[0] == '\0')
    {
      if (prefix != NULL)
        for (gsize i = 0; i < G_N_ELEMENTS (known_prefixes); i++)
          if (g_str_equal (prefix, known_prefixes[i].uri))
            return known_prefixes[i].ns;
      return prefix == NULL ? RN_NS_NONE : RN_NS_OTHER;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (known_namespaces); i++)
    if (g_str_equal (uri, known_namespaces[i].uri))
      return known_namespaces[i].ns;
  /* PRISM has many versions: basic/1.2, basic/2.0, basic/2.1, basic/3.0 */
  if (g_str_has_prefix (uri, "http://prismstandard.org/namespaces/"))
    return RN_NS_PRISM;
  /* iTunes' URI is written with any case. */
  if (g_ascii_strcasecmp (uri, "http://www.itunes.com/dtds/podcast-1.0.dtd") == 0 ||
      g_ascii_strcasecmp (uri, "https://www.itunes.com/dtds/podcast-1.0.dtd") == 0)
    return RN_NS_ITUNES;
  if (g_str_has_prefix (uri, "http://www.w3.org/2005/Atom"))
    return RN_NS_ATOM10;
  if (g_str_has_prefix (uri, "http://backend.userland.com/rss"))
    return RN_NS_NONE;
  return RN_NS_OTHER;
}

typedef struct
{
  RnParseState  st;
  /* Namespace URIs come from the parser's dictionary, so the same URI is
   * the same pointer: a tiny cache spares the string compares. */
  const xmlChar *cache_uri[8];
  RnNs           cache_ns[8];
  guint          cache_next;
  guint          real_errors;
  guint          ignored_errors;
} Driver;

static RnNs
lookup_ns (Driver        *d,
           const xmlChar *uri,
           const xmlChar *prefix)
{
  RnNs ns;

  if (uri == NULL)
    return ns_from_uri (NULL, (const char *) prefix);
  for (guint i = 0; i < G_N_ELEMENTS (d->cache_uri); i++)
    if (d->cache_uri[i] == uri)
      return d->cache_ns[i];
  ns = ns_from_uri ((const char *) uri, (const char *) prefix);
  d->cache_uri[d->cache_next] = uri;
  d->cache_ns[d->cache_next] = ns;
  d->cache_next = (d->cache_next + 1) % G_N_ELEMENTS (d->cache_uri);
  return ns;
}

static gboolean
is_void_element (const char *name)
{
  static const char *const names[] = {
    "br", "img", "hr", "input", "meta", "link", "area", "base", "col",
    "embed", "param", "source", "track", "wbr",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return TRUE;
  return FALSE;
}

static void
append_escaped (GString    *out,
                const char *text,
                gsize       len,
                gboolean    attribute)
{
  const char *end = text + len;
  const char *run = text;

  for (const char *p = text; p < end; p++)
    {
      const char *rep = NULL;

      switch (*p)
        {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = attribute ? "&quot;" : NULL; break;
        default: break;
        }
      if (rep != NULL)
        {
          g_string_append_len (out, run, p - run);
          g_string_append (out, rep);
          run = p + 1;
        }
    }
  g_string_append_len (out, run, end - run);
}

static void
check_text_limit (RnParseState *st)
{
  if (st->text->len > RN_FEED_PARSE_MAX_STRING && st->limit_error == NULL)
    rn_parser_set_limit_error (st, _("A text in the feed is longer than the limit"));
}

/* Inline XHTML (Atom type="xhtml") is written back out as markup. */
static void
serialize_start (RnParseState   *st,
                 const xmlChar  *localname,
                 int             n_attrs,
                 const xmlChar **attrs)
{
  g_string_append_c (st->text, '<');
  g_string_append (st->text, (const char *) localname);
  for (int i = 0; i < n_attrs; i++)
    {
      const xmlChar **a = attrs + i * 5;
      g_autofree char *value = NULL;

      /* xml:base / xml:lang were applied already; other namespaced
       * attributes mean nothing to HTML. */
      if (a[2] != NULL)
        continue;
      value = rn_parser_attr_dup (1, a, NULL, (const char *) a[0]);
      g_string_append_c (st->text, ' ');
      g_string_append (st->text, (const char *) a[0]);
      g_string_append (st->text, "=\"");
      append_escaped (st->text, value, strlen (value), TRUE);
      g_string_append_c (st->text, '"');
    }
  if (is_void_element ((const char *) localname))
    g_string_append (st->text, " />");
  else
    g_string_append_c (st->text, '>');
  check_text_limit (st);
}

static gboolean
is_text_role (RnRole role)
{
  switch (role)
    {
    case RN_ROLE_TITLE:
    case RN_ROLE_DESCRIPTION:
    case RN_ROLE_SUMMARY:
    case RN_ROLE_CONTENT:
    case RN_ROLE_CONTENT_ENCODED:
    case RN_ROLE_MEDIA_DESCRIPTION:
    case RN_ROLE_ITUNES_SUMMARY:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_start_element (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attrs,
                  int             n_defaulted,
                  const xmlChar **attrs)
{
  Driver *d = user_data;
  RnParseState *st = &d->st;
  RnFrame *parent = st->depth > 0 ? &st->frames[st->depth - 1] : NULL;
  RnFrame *fr;
  const xmlChar *value;
  gsize value_len;

  if (st->limit_error != NULL)
    return;
  if (st->depth >= RN_FEED_PARSE_MAX_DEPTH)
    {
      rn_parser_set_limit_error (st, _("The feed nests elements deeper than the limit"));
      return;
    }

  fr = &st->frames[st->depth++];
  memset (fr, 0, sizeof *fr);
  fr->name = localname;
  fr->text_start = st->text->len;
  fr->base = parent != NULL ? parent->base : st->document_uri;
  fr->lang = parent != NULL ? parent->lang : NULL;
  if (parent == NULL)
    st->saw_root = TRUE;

  if ((value = rn_parser_attr (n_attrs, attrs, XML_NS, "base", &value_len)) != NULL)
    {
      g_autofree char *href = rn_parser_attr_dup (n_attrs, attrs, XML_NS, "base");

      fr->owned_base = rn_parser_resolve (fr->base, href);
      fr->base = fr->owned_base;
    }
  if ((value = rn_parser_attr (n_attrs, attrs, XML_NS, "lang", &value_len)) != NULL)
    {
      fr->owned_lang = rn_parser_attr_dup (n_attrs, attrs, XML_NS, "lang");
      fr->lang = fr->owned_lang;
      /* xml:lang on the root or the channel is the feed's language unless
       * the feed names one. */
      if (st->depth <= 2 && st->ignore_depth == 0)
        rn_parser_take_field (&st->feed->lang, &st->feed_prio.lang, RN_PRIO_FALLBACK,
                              rn_parser_strip (fr->owned_lang, strlen (fr->owned_lang)));
    }

  /* Markup inside a text element ("naked" HTML in a description or an
   * Atom title) is kept as markup, as if it had been escaped. */
  if (parent != NULL && st->xhtml_depth == 0 && st->ignore_depth == 0 && is_text_role (parent->role))
    {
      st->xhtml_depth = 1;
      parent->xhtml_root = TRUE;
      if (parent->text_kind == RN_TEXT_PLAIN)
        parent->text_kind = RN_TEXT_HTML;
    }

  if (st->xhtml_depth > 0)
    {
      st->xhtml_depth++;
      serialize_start (st, localname, n_attrs, attrs);
      return;
    }
  if (st->ignore_depth > 0)
    {
      st->ignore_depth++;
      return;
    }

  fr->ns = lookup_ns (d, uri, prefix);
  /* A <feed> root in a namespace nobody knows (or none) is Atom written
   * carelessly; its elements are read as Atom. */
  if (st->depth == 1 && (fr->ns == RN_NS_OTHER || fr->ns == RN_NS_NONE) &&
      strcmp ((const char *) localname, "feed") == 0)
    {
      g_autofree char *version = rn_parser_attr_dup (n_attrs, attrs, NULL, "version");

      st->root_is_atom_alias = TRUE;
      st->atom_alias_uri = uri;
      st->atom_alias_ns = version != NULL && g_str_has_prefix (version, "0.") ? RN_NS_ATOM03 : RN_NS_ATOM10;
    }
  if (st->root_is_atom_alias && uri == st->atom_alias_uri &&
      (fr->ns == RN_NS_OTHER || fr->ns == RN_NS_NONE))
    fr->ns = st->atom_alias_ns;
  switch (fr->ns)
    {
    case RN_NS_NONE:
    case RN_NS_RSS10:
    case RN_NS_RSS090:
    case RN_NS_RDF:
      fr->role = rn_parser_rss_start (st, fr, n_attrs, attrs);
      /* <rdf:RDF xmlns="…/rdf/simple/0.9/"> is RSS 0.90 even without a channel. */
      if (st->depth == 1 && st->feed->format == RN_FEED_FORMAT_RSS10)
        for (int i = 0; i < n_namespaces; i++)
          if (namespaces[2 * i + 1] != NULL &&
              strcmp ((const char *) namespaces[2 * i + 1], "http://my.netscape.com/rdf/simple/0.9/") == 0)
            st->feed->format = RN_FEED_FORMAT_RSS090;
      break;
    case RN_NS_ATOM10:
    case RN_NS_ATOM03:
      fr->role = rn_parser_atom_start (st, fr, n_attrs, attrs);
      break;
    case RN_NS_DC:
    case RN_NS_DCTERMS:
      fr->role = rn_parser_dc_start (st, fr, n_attrs, attrs);
      break;
    case RN_NS_CONTENT:
    case RN_NS_XHTML:
      fr->role = rn_parser_content_start (st, fr, n_attrs, attrs);
      break;
    case RN_NS_PRISM:
      fr->role = rn_parser_prism_start (st, fr, n_attrs, attrs);
      break;
    case RN_NS_MEDIA:
      fr->role = rn_parser_media_start (st, fr, n_attrs, attrs);
      break;
    case RN_NS_ITUNES:
      fr->role = rn_parser_itunes_start (st, fr, n_attrs, attrs);
      break;
    case RN_NS_OTHER:
    default:
      fr->role = RN_ROLE_NONE;
      break;
    }

  if (fr->role == RN_ROLE_IGNORE || fr->role == RN_ROLE_SOURCE)
    st->ignore_depth = 1;
  else if (fr->text_kind == RN_TEXT_XHTML)
    {
      st->xhtml_depth = 1;
      fr->xhtml_root = TRUE;
    }
}

static void
pop_frame (RnParseState *st,
           RnFrame      *fr)
{
  g_free (fr->owned_base);
  g_free (fr->owned_lang);
  st->depth--;
}

static void
on_end_element (void          *user_data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Driver *d = user_data;
  RnParseState *st = &d->st;
  RnFrame *fr;
  const char *text;
  gsize len;

  if (st->depth == 0 || st->limit_error != NULL)
    return;
  fr = &st->frames[st->depth - 1];

  if (st->xhtml_depth > 1)
    {
      st->xhtml_depth--;
      if (!is_void_element ((const char *) fr->name))
        {
          g_string_append (st->text, "</");
          g_string_append (st->text, (const char *) fr->name);
          g_string_append_c (st->text, '>');
        }
      pop_frame (st, fr);
      return;
    }
  if (st->xhtml_depth == 1)
    st->xhtml_depth = 0;

  if (st->ignore_depth > 1)
    {
      st->ignore_depth--;
      pop_frame (st, fr);
      return;
    }
  if (st->ignore_depth == 1)
    st->ignore_depth = 0;

  text = st->text->str + fr->text_start;
  len = st->text->len - fr->text_start;

  if (fr->role != RN_ROLE_NONE && fr->role != RN_ROLE_IGNORE)
    {
      switch (fr->ns)
        {
        case RN_NS_NONE:
        case RN_NS_RSS10:
        case RN_NS_RSS090:
        case RN_NS_RDF:
          rn_parser_rss_end (st, fr, text, len);
          break;
        case RN_NS_ATOM10:
        case RN_NS_ATOM03:
          rn_parser_atom_end (st, fr, text, len);
          break;
        case RN_NS_DC:
        case RN_NS_DCTERMS:
          rn_parser_dc_end (st, fr, text, len);
          break;
        case RN_NS_CONTENT:
        case RN_NS_XHTML:
          rn_parser_content_end (st, fr, text, len);
          break;
        case RN_NS_PRISM:
          rn_parser_prism_end (st, fr, text, len);
          break;
        case RN_NS_MEDIA:
          rn_parser_media_end (st, fr, text, len);
          break;
        case RN_NS_ITUNES:
          rn_parser_itunes_end (st, fr, text, len);
          break;
        case RN_NS_OTHER:
        default:
          break;
        }
    }

  g_string_truncate (st->text, fr->text_start);
  pop_frame (st, fr);
}

static void
on_characters (void          *user_data,
               const xmlChar *chars,
               int            len)
{
  Driver *d = user_data;
  RnParseState *st = &d->st;

  if (st->ignore_depth > 0 || st->limit_error != NULL || st->depth == 0)
    return;
  if (st->xhtml_depth > 0)
    append_escaped (st->text, (const char *) chars, len, FALSE);
  else
    g_string_append_len (st->text, (const char *) chars, len);
  check_text_limit (st);
}

static void
on_structured_error (void        *user_data,
                     xmlErrorPtr  err)
{
  Driver *d = user_data;

  if (err == NULL || err->level < XML_ERR_ERROR)
    return;
  /* A parameter entity of the DTD that is not loaded (we never load one)
   * does not make the document itself broken. */
  if (err->code == XML_ERR_UNDECLARED_ENTITY && err->message != NULL &&
      g_str_has_prefix (err->message, "PEReference"))
    {
      d->ignored_errors++;
      return;
    }
  d->real_errors++;
  if (d->st.first_problem != NULL)
    return;
  d->st.first_problem = g_strdup_printf ("line %d: %s", err->line,
                                         err->message != NULL ? err->message : "error");
  g_strstrip (d->st.first_problem);
}

void
rn_parser_set_limit_error (RnParseState *st,
                           const char   *message)
{
  if (st->limit_error != NULL)
    return;
  st->limit_error = g_error_new_literal (RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_LIMIT, message);
  if (st->ctxt != NULL)
    xmlStopParser (st->ctxt);
}

void
rn_parser_problem (RnParseState *st,
                   const char   *format,
                   ...)
{
  va_list args;

  if (st->first_problem != NULL)
    return;
  va_start (args, format);
  st->first_problem = g_strdup_vprintf (format, args);
  va_end (args);
}

/* Is "&…;" at @p a reference XML knows: a character reference or one of
 * the five predefined entities? Sets *name_len for a named one. */
static gboolean
is_xml_reference (const char *p,
                  const char *end,
                  gsize      *name_len)
{
  const char *q = p + 1;

  *name_len = 0;
  if (q < end && *q == '#')
    {
      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        {
          q++;
          if (q >= end || !g_ascii_isxdigit (*q))
            return FALSE;
          while (q < end && g_ascii_isxdigit (*q))
            q++;
        }
      else
        {
          if (q >= end || !g_ascii_isdigit (*q))
            return FALSE;
          while (q < end && g_ascii_isdigit (*q))
            q++;
        }
      return q < end && *q == ';';
    }
  if (q >= end || !(g_ascii_isalpha (*q) || *q == '_' || *q == ':'))
    return FALSE;
  while (q < end && (g_ascii_isalnum (*q) || *q == '_' || *q == ':' || *q == '-' || *q == '.') &&
         q - p < 40)
    q++;
  if (q >= end || *q != ';')
    return FALSE;
  *name_len = q - p - 1;
  return TRUE;
}

static gboolean
is_predefined (const char *name,
               gsize       len)
{
  return (len == 3 && memcmp (name, "amp", 3) == 0) ||
         (len == 2 && memcmp (name, "lt", 2) == 0) ||
         (len == 2 && memcmp (name, "gt", 2) == 0) ||
         (len == 4 && memcmp (name, "quot", 4) == 0) ||
         (len == 4 && memcmp (name, "apos", 4) == 0);
}

/* Feeds are full of HTML entities (&nbsp;) that XML does not define, and
 * of bare ampersands (a=1&b=2). Both are rewritten before libxml2 sees the
 * document — an HTML entity to its character reference, a bare "&" to
 * "&amp;" — outside CDATA sections and comments. Entities declared in an
 * internal DTD subset are not expanded at all (that is what keeps "billion
 * laughs" harmless): any other entity reference is kept as literal text.
 * Returns NULL when nothing had to change. */
static char *
repair_references (const char *text,
                   gsize       len,
                   gsize      *out_len,
                   char      **problem)
{
  const char *p = text, *end = text + len, *copied = text;
  GString *out = NULL;

  if (memchr (text, '&', len) == NULL)
    return NULL;

  while (p < end)
    {
      if (*p == '<' && p + 3 < end && p[1] == '!')
        {
          const char *close = NULL;

          if (p + 9 <= end && memcmp (p, "<![CDATA[", 9) == 0)
            close = g_strstr_len (p + 9, end - p - 9, "]]>");
          else if (p[2] == '-' && p[3] == '-')
            close = g_strstr_len (p + 4, end - p - 4, "-->");
          else
            {
              p++;
              continue;
            }
          if (close == NULL)
            break;
          p = close + 3;
          continue;
        }
      if (*p == '&')
        {
          gsize name_len;
          const char *replacement = NULL;
          char numeric[16];

          if (p + 2 < end && p[1] == '#' && p[2] == 'X' && is_xml_reference (p, end, &name_len))
            {
              /* "&#X41;": XML wants a lower-case x. */
              replacement = "&#x";
              if (*problem == NULL)
                *problem = g_strdup ("a character reference with an upper-case X");
            }
          else if (!is_xml_reference (p, end, &name_len))
            {
              replacement = "&amp;";
              if (*problem == NULL)
                *problem = g_strdup ("an unescaped “&” in the text");
            }
          else if (name_len > 0 && !is_predefined (p + 1, name_len))
            {
              char name[48];
              const htmlEntityDesc *entity;

              memcpy (name, p + 1, name_len);
              name[name_len] = '\0';
              entity = htmlEntityLookup ((const xmlChar *) name);
              if (entity != NULL)
                {
                  g_snprintf (numeric, sizeof numeric, "&#%u;", entity->value);
                  replacement = numeric;
                  if (*problem == NULL)
                    *problem = g_strdup_printf ("the HTML entity “&%s;” is not defined in XML", name);
                }
              else
                {
                  /* Unknown: keep it as text rather than lose it. */
                  replacement = "&amp;";
                  if (*problem == NULL)
                    *problem = g_strdup_printf ("the entity “&%s;” is not defined", name);
                }
            }
          if (replacement != NULL)
            {
              if (out == NULL)
                out = g_string_sized_new (len + 64);
              g_string_append_len (out, copied, p - copied);
              g_string_append (out, replacement);
              p += replacement == numeric ? name_len + 2 : replacement[2] == 'x' ? 3 : 1;
              copied = p;
              continue;
            }
          p += 1;
          continue;
        }
      p++;
    }
  if (out == NULL)
    return NULL;
  g_string_append_len (out, copied, end - copied);
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static const xmlSAXHandler sax_handler = {
  .initialized = XML_SAX2_MAGIC,
  .startElementNs = on_start_element,
  .endElementNs = on_end_element,
  .characters = on_characters,
  .cdataBlock = on_characters,
  .serror = on_structured_error,
};

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

static RnParsedFeed *
parse_xml (const char  *text,
           gsize        len,
           const char  *base_uri,
           const char  *encoding_problem,
           GError     **error)
{
  g_autofree Driver *d = g_new0 (Driver, 1);
  RnParseState *st = &d->st;
  g_autofree char *repaired = NULL;
  g_autofree char *repair_problem = NULL;
  gsize repaired_len = 0;
  xmlParserCtxtPtr ctxt;
  gboolean well_formed;
  RnParsedFeed *feed;

  repaired = repair_references (text, len, &repaired_len, &repair_problem);
  if (repaired != NULL)
    {
      text = repaired;
      len = repaired_len;
    }

  ctxt = xmlCreateMemoryParserCtxt (text, (int) len);
  if (ctxt == NULL)
    {
      g_set_error_literal (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_MALFORMED,
                           _("The feed could not be read"));
      return NULL;
    }
  *ctxt->sax = sax_handler;
  ctxt->userData = d;
  xmlCtxtUseOptions (ctxt, RN_XML_OPTIONS);
  /* xmlCtxtUseOptions may have reset handlers it manages. */
  ctxt->sax->cdataBlock = on_characters;

  st->ctxt = ctxt;
  st->feed = rn_parsed_feed_new ();
  st->text = g_string_sized_new (4096);
  st->document_uri = g_strdup (base_uri);
  if (encoding_problem != NULL)
    st->first_problem = g_strdup (encoding_problem);

  xmlParseDocument (ctxt);
  well_formed = (ctxt->wellFormed || (d->real_errors == 0 && d->ignored_errors > 0)) &&
                ctxt->nsWellFormed;
  st->ctxt = NULL;
  /* Entity declarations make libxml2 build a document to hold them ("SAX
   * compatibility mode") even without DOM handlers: it is ours to free. */
  if (ctxt->myDoc != NULL)
    {
      xmlFreeDoc (ctxt->myDoc);
      ctxt->myDoc = NULL;
    }
  xmlFreeParserCtxt (ctxt);

  while (st->depth > 0)
    pop_frame (st, &st->frames[st->depth - 1]);
  if (st->entry != NULL)
    rn_parser_end_entry (st);
  g_string_free (st->text, TRUE);
  g_free (st->guid_link);
  g_free (st->document_uri);
  g_free (st->person_name);
  g_free (st->person_email);
  feed = st->feed;

  if (st->limit_error != NULL)
    {
      g_propagate_error (error, st->limit_error);
      g_free (st->first_problem);
      rn_parsed_feed_free (feed);
      return NULL;
    }
  if (!st->saw_root)
    {
      g_set_error (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_MALFORMED,
                   _("The feed could not be read: %s"),
                   st->first_problem != NULL ? st->first_problem : _("no document element"));
      g_free (st->first_problem);
      rn_parsed_feed_free (feed);
      return NULL;
    }
  if (feed->format == RN_FEED_FORMAT_UNKNOWN)
    {
      g_set_error_literal (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_NOT_A_FEED,
                           _("The document is not an RSS, Atom or JSON feed"));
      g_free (st->first_problem);
      rn_parsed_feed_free (feed);
      return NULL;
    }

  if (!well_formed || encoding_problem != NULL || repair_problem != NULL)
    {
      feed->recovered = TRUE;
      /* The earliest problem: the encoding, then the text repairs, then
       * libxml2's first error. */
      if (encoding_problem != NULL)
        feed->error = g_strdup (encoding_problem);
      else if (repair_problem != NULL)
        feed->error = g_steal_pointer (&repair_problem);
      else
        feed->error = g_strdup (st->first_problem != NULL ? st->first_problem : "not well-formed");
    }
  g_free (st->first_problem);
  return feed;
}

static gboolean
looks_like_json (const char *text,
                 gsize       len,
                 const char *content_type)
{
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')
        continue;
      return text[i] == '{';
    }
  return FALSE;
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

RnParsedFeed *
rn_feed_parse (GBytes      *body,
               const char  *content_type,
               const char  *base_uri,
               GError     **error)
{
  static GOnce once = G_ONCE_INIT;
  const char *data;
  gsize size = 0;
  RnDecodedText decoded;
  gboolean json;
  RnParsedFeed *feed;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_once (&once, init_libxml, NULL);
  if (base_uri != NULL && !rn_parser_is_safe_uri (base_uri))
    base_uri = NULL;

  data = g_bytes_get_data (body, &size);
  if (size > RN_FEED_PARSE_MAX_DOCUMENT)
    {
      g_set_error (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_TOO_LARGE,
                   _("The feed is larger than %d MiB"), RN_FEED_PARSE_MAX_DOCUMENT / (1024 * 1024));
      return NULL;
    }
  if (data == NULL || is_blank (data, size))
    {
      g_set_error_literal (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_EMPTY,
                           _("The feed is empty"));
      return NULL;
    }

  /* JSON starts with "{"; a JSON document is UTF-8 (RFC 8259), so the
   * decision is made on the raw bytes after a possible BOM. */
  {
    const char *probe = data;
    gsize probe_len = size;

    if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
      probe += 3, probe_len -= 3;
    json = looks_like_json (probe, probe_len, content_type);
  }

  rn_feed_decode_text (data, size, content_type, !json, &decoded);
  if (json)
    feed = rn_parser_json_parse (decoded.text, decoded.length, base_uri, error);
  else
    feed = parse_xml (decoded.text, decoded.length, base_uri, decoded.problem, error);

  if (feed != NULL)
    {
      if (json && decoded.problem != NULL && !feed->recovered)
        {
          feed->recovered = TRUE;
          feed->error = g_strdup (decoded.problem);
        }
      feed->encoding = g_strdup (decoded.encoding);
      rn_parser_finish_feed (feed);
    }
  rn_decoded_text_clear (&decoded);
  return feed;
}
