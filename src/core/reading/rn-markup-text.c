#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <string.h>

#include "rn-markup-text.h"

typedef struct
{
  GString  *out;
  gboolean  space;      /* white space seen since the last text */
  int       breaks;     /* line breaks wanted before the next text */
} Writer;

static void
emit_text (Writer     *w,
           const char *text,
           gsize       len)
{
  if (w->out->len > 0)
    {
      if (w->breaks > 0)
        g_string_append_len (w->out, "\n\n", MIN (w->breaks, 2));
      else if (w->space)
        g_string_append_c (w->out, ' ');
    }
  w->breaks = 0;
  w->space = FALSE;
  g_string_append_len (w->out, text, len);
}

static gboolean
is_block (const char *name)
{
  static const char * const blocks[] = {
    "p", "div", "sec", "title", "li", "ul", "ol", "list", "list-item", "h1", "h2",
    "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "section", "article",
    "header", "footer", "figure", "figcaption", "abstract", "trans-abstract", "dl",
    "dt", "dd", "hr", NULL
  };

  return g_strv_contains (blocks, name);
}

/* Decodes the entity at @p (which points at '&'); returns the bytes used,
 * 0 when it is no entity we know. */
static gsize
decode_entity (const char *p,
               const char *end,
               Writer     *w)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", " " }, { "ndash", "\xe2\x80\x93" }, { "mdash", "\xe2\x80\x94" },
    { "hellip", "\xe2\x80\xa6" }, { "rsquo", "\xe2\x80\x99" }, { "lsquo", "\xe2\x80\x98" },
    { "ldquo", "\xe2\x80\x9c" }, { "rdquo", "\xe2\x80\x9d" }, { "plusmn", "\xc2\xb1" },
    { "times", "\xc3\x97" }, { "deg", "\xc2\xb0" }, { "micro", "\xc2\xb5" },
  };
  const char *semi;
  gsize name_len;

  semi = memchr (p, ';', MIN ((gsize) (end - p), 12));
  if (semi == NULL)
    return 0;
  name_len = semi - p - 1;
  if (name_len >= 2 && p[1] == '#')
    {
      gunichar c;
      char buf[8];
      char *digits_end;
      g_autofree char *digits = g_strndup (p + 2, name_len - 1);

      if (digits[0] == 'x' || digits[0] == 'X')
        c = (gunichar) g_ascii_strtoull (digits + 1, &digits_end, 16);
      else
        c = (gunichar) g_ascii_strtoull (digits, &digits_end, 10);
      if (*digits_end != '\0' || c == 0 || !g_unichar_validate (c))
        return 0;
      if (g_unichar_isspace (c))
        w->space = TRUE;
      else
        emit_text (w, buf, g_unichar_to_utf8 (c, buf));
      return semi - p + 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (strlen (named[i].name) == name_len && strncmp (p + 1, named[i].name, name_len) == 0)
      {
        if (g_str_equal (named[i].text, " "))
          w->space = TRUE;
        else
          emit_text (w, named[i].text, strlen (named[i].text));
        return semi - p + 1;
      }
  return 0;
}

/* Reads the tag at @p ('<'); returns where the text resumes. */
static const char *
handle_tag (const char *p,
            const char *end,
            Writer     *w)
{
  const char *close, *name_start, *name_end, *colon;
  g_autofree char *name = NULL;

  if (end - p >= 4 && strncmp (p, "<!--", 4) == 0)
    {
      const char *stop = g_strstr_len (p + 4, end - p - 4, "-->");

      return stop != NULL ? stop + 3 : end;
    }
  close = memchr (p, '>', end - p);
  if (close == NULL)
    return end;

  name_start = p + 1;
  if (name_start < close && *name_start == '/')
    name_start++;
  name_end = name_start;
  while (name_end < close && (g_ascii_isalnum (*name_end) || *name_end == ':' ||
                              *name_end == '-' || *name_end == '_'))
    name_end++;
  /* JATS comes with a namespace prefix: "jats:p". */
  colon = memchr (name_start, ':', name_end - name_start);
  if (colon != NULL)
    name_start = colon + 1;
  name = g_ascii_strdown (name_start, name_end - name_start);

  if (p[1] != '/' && (g_str_equal (name, "script") || g_str_equal (name, "style")))
    {
      g_autofree char *stop_tag = g_strconcat ("</", name, NULL);
      const char *q = close + 1;

      /* Skip to the matching end tag, case-insensitively. */
      while (q < end)
        {
          const char *lt = memchr (q, '<', end - q);

          if (lt == NULL)
            return end;
          if ((gsize) (end - lt) >= strlen (stop_tag) &&
              g_ascii_strncasecmp (lt, stop_tag, strlen (stop_tag)) == 0)
            {
              const char *gt = memchr (lt, '>', end - lt);

              return gt != NULL ? gt + 1 : end;
            }
          q = lt + 1;
        }
      return end;
    }

  if (g_str_equal (name, "br"))
    w->breaks = MAX (w->breaks, 1);
  else if (is_block (name))
    w->breaks = 2;
  /* Inline elements separate nothing: "H<sub>2</sub>O" is "H2O". */
  return close + 1;
}

char *
rn_markup_to_text (const char *markup,
                   gssize      length,
                   gsize       max_bytes)
{
  g_autofree char *valid = NULL;
  Writer w = { NULL, FALSE, 0 };
  const char *p, *end;

  if (markup == NULL)
    return g_strdup ("");
  if (length < 0)
    length = strlen (markup);
  valid = g_utf8_make_valid (markup, length);
  p = valid;
  end = valid + strlen (valid);
  w.out = g_string_sized_new (MIN ((gsize) (end - p), 4096));

  while (p < end)
    {
      if (max_bytes > 0 && w.out->len > max_bytes)
        break;
      if (*p == '<')
        p = handle_tag (p, end, &w);
      else if (*p == '&')
        {
          gsize used = decode_entity (p, end, &w);

          if (used == 0)
            {
              emit_text (&w, "&", 1);
              used = 1;
            }
          p += used;
        }
      else if (g_ascii_isspace (*p))
        {
          w.space = TRUE;
          p++;
        }
      else
        {
          const char *run = p;

          while (p < end && *p != '<' && *p != '&' && !g_ascii_isspace (*p))
            p++;
          emit_text (&w, run, p - run);
        }
    }

  if (max_bytes > 0 && w.out->len > max_bytes)
    {
      const char *cut = g_utf8_find_prev_char (w.out->str, w.out->str + max_bytes + 1);

      g_string_truncate (w.out, cut - w.out->str);
    }
  return g_string_free (w.out, FALSE);
}

gboolean
rn_json_depth_ok (const char *data,
                  gsize       length,
                  guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}
