/* rn-html-input.c: getting untrusted bytes safely into libxml2's HTML
 * parser. libxml2 2.9 switches a whole document to Latin-1 (or stops) at
 * the first invalid UTF-8 byte, and checks attribute names for duplicates
 * in quadratic time, so the input is made valid and tags are capped first. */
#define G_LOG_DOMAIN "rn-html"

#include "config.h"

#include <string.h>

#include <libxml/HTMLtree.h>

#include "rn-html-private.h"

static void
append_valid_utf8 (GString    *out,
                   const char *text,
                   gsize       len)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *bad = NULL;

      if (g_utf8_validate_len (p, end - p, &bad))
        {
          g_string_append_len (out, p, end - p);
          return;
        }
      g_string_append_len (out, p, bad - p);
      g_string_append (out, "\xEF\xBF\xBD"); /* U+FFFD */
      p = bad + 1;
    }
}

typedef enum
{
  TAG_NONE,         /* text */
  TAG_NAME,
  TAG_BETWEEN,      /* between attributes */
  TAG_ATTR_NAME,
  TAG_AFTER_NAME,
  TAG_BEFORE_VALUE,
  TAG_VALUE_DQ,
  TAG_VALUE_SQ,
  TAG_VALUE_UQ,
} TagState;

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static inline gboolean
starts_tag (guchar c)
{
  /* Generous on purpose (libxml2 accepts non-ASCII names): a false "tag"
   * only matters after RN_HTML_MAX_ATTRIBUTES words. */
  return g_ascii_isalpha (c) || c == '_' || c == ':' || c == '.' || c >= 0x80;
}

/* A small tokenizer that only follows start tags closely enough to count
 * their attributes, and drops everything after the cap up to the tag's
 * '>'. Well-formed pages are copied unchanged. */
static char *
cap_attributes (char  *text,
                gsize  len,
                gsize *out_len)
{
  g_autoptr(GString) out = NULL;
  TagState state = TAG_NONE;
  guint count = 0;
  gboolean dropping = FALSE;
  gsize i;

  for (i = 0; i < len; i++)
    {
      char c = text[i];
      gboolean new_attr = FALSE;

      switch (state)
        {
        case TAG_NONE:
          if (c == '<' && i + 1 < len && starts_tag ((guchar) text[i + 1]))
            {
              state = TAG_NAME;
              count = 0;
            }
          break;
        case TAG_NAME:
          if (c == '>')
            state = TAG_NONE;
          else if (is_space (c) || c == '/')
            state = TAG_BETWEEN;
          break;
        case TAG_BETWEEN:
          if (c == '>')
            state = TAG_NONE;
          else if (!is_space (c) && c != '/')
            new_attr = TRUE;
          break;
        case TAG_ATTR_NAME:
          if (c == '>')
            state = TAG_NONE;
          else if (c == '=')
            state = TAG_BEFORE_VALUE;
          else if (is_space (c))
            state = TAG_AFTER_NAME;
          else if (c == '/')
            state = TAG_BETWEEN;
          break;
        case TAG_AFTER_NAME:
          if (c == '>')
            state = TAG_NONE;
          else if (c == '=')
            state = TAG_BEFORE_VALUE;
          else if (c == '/')
            state = TAG_BETWEEN;
          else if (!is_space (c))
            new_attr = TRUE;
          break;
        case TAG_BEFORE_VALUE:
          if (c == '>')
            state = TAG_NONE;
          else if (c == '"')
            state = TAG_VALUE_DQ;
          else if (c == '\'')
            state = TAG_VALUE_SQ;
          else if (!is_space (c))
            state = TAG_VALUE_UQ;
          break;
        case TAG_VALUE_DQ:
          if (c == '"')
            state = TAG_BETWEEN;
          break;
        case TAG_VALUE_SQ:
          if (c == '\'')
            state = TAG_BETWEEN;
          break;
        case TAG_VALUE_UQ:
          if (c == '>')
            state = TAG_NONE;
          else if (is_space (c))
            state = TAG_BETWEEN;
          break;
        default:
          g_assert_not_reached ();
        }

      if (new_attr)
        {
          state = TAG_ATTR_NAME;
          if (++count > RN_HTML_MAX_ATTRIBUTES && !dropping)
            {
              dropping = TRUE;
              if (out == NULL)
                {
                  out = g_string_sized_new (len);
                  g_string_append_len (out, text, i);
                }
            }
        }
      if (dropping && state == TAG_NONE)
        dropping = FALSE;   /* the '>' itself is kept */
      if (out != NULL && !dropping)
        g_string_append_c (out, c);
    }

  if (out == NULL)
    {
      *out_len = len;
      return text;
    }
  g_free (text);
  *out_len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
rn_html_prepare_input (const char *html,
                       gssize      len,
                       gsize       max_input,
                       gsize      *out_len,
                       gboolean   *out_truncated)
{
  g_autoptr(GString) valid = NULL;
  gsize n;

  g_return_val_if_fail (out_len != NULL, NULL);

  *out_truncated = FALSE;
  if (html == NULL)
    len = 0;
  n = len < 0 ? strlen (html) : (gsize) len;
  if (max_input == 0)
    max_input = RN_HTML_DEFAULT_MAX_INPUT;
  if (n > max_input)
    {
      n = max_input;
      /* back off to the start of a character */
      while (n > 0 && ((guchar) html[n] & 0xC0) == 0x80)
        n--;
      *out_truncated = TRUE;
    }

  valid = g_string_sized_new (n + 16);
  append_valid_utf8 (valid, html, n);
  n = valid->len;
  return cap_attributes (g_string_free (g_steal_pointer (&valid), FALSE), n, out_len);
}

htmlDocPtr
rn_html_parse_libxml (const char *html,
                      gssize      len,
                      gsize       max_input,
                      gboolean   *out_truncated)
{
  static gsize initialised = 0;
  g_autofree char *input = NULL;
  htmlParserCtxtPtr ctxt;
  htmlDocPtr xdoc = NULL;
  gsize input_len = 0;

  /* libxml2 2.9 wants its global state set up once before parsers run on
   * several threads (the feed worker and the UI may both parse HTML) */
  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }

  if (max_input == 0 || max_input > G_MAXINT / 2)
    max_input = MIN (max_input == 0 ? RN_HTML_DEFAULT_MAX_INPUT : max_input, G_MAXINT / 2);
  input = rn_html_prepare_input (html, len, max_input, &input_len, out_truncated);

  ctxt = htmlNewParserCtxt ();
  if (ctxt != NULL && input_len > 0)
    {
      xdoc = htmlCtxtReadMemory (ctxt, input, (int) input_len, NULL, "UTF-8",
                                 RN_HTML_PARSE_OPTIONS);
      /* libxml2 halts (and drops the rest) on excessive nesting */
      if (ctxt->instate == XML_PARSER_EOF && ctxt->disableSAX)
        *out_truncated = TRUE;
    }
  if (ctxt != NULL)
    htmlFreeParserCtxt (ctxt);
  if (xdoc == NULL)
    xdoc = htmlNewDocNoDtD (NULL, NULL);
  return xdoc;
}
