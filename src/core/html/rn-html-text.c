/* rn-html-text.c: rn_html_to_text(), the fast path for the full-text
 * index. A single pass over the bytes with a small state machine instead of
 * a parser and a tree: it runs on every stored item during a refresh.
 * Named entities come from libxml2's HTML entity table, copied once into
 * a hash table (no parsing through libxml2). */
#define G_LOG_DOMAIN "rn-html"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "rn-html-doc.h"

enum
{
  C_TEXT,
  C_HIGH,   /* bytes of non-ASCII UTF-8 (or invalid input) */
  C_SPACE,
  C_LT,
  C_AMP,
  C_CTRL,
};

/* Filled once by init_tables(). */
static guint8 byte_class[256];
static GHashTable *entities;   /* entity name -> code point */


static void
init_classes (void)
{
  for (guint c = 0; c < 256; c++)
    byte_class[c] = c < 0x20 || c == 0x7f ? C_CTRL : c >= 0x80 ? C_HIGH : C_TEXT;
  byte_class[' '] = byte_class['\t'] = byte_class['\n'] = C_SPACE;
  byte_class['\r'] = byte_class['\f'] = C_SPACE;
  byte_class['<'] = C_LT;
  byte_class['&'] = C_AMP;
  byte_class['\0'] = C_CTRL;
}

typedef enum
{
  SEP_NONE,
  SEP_SPACE,
  SEP_NEWLINE,
} Sep;

typedef struct
{
  char  *buf;
  gsize  len;
  gsize  cap;
  Sep    sep;
} Out;

static inline void
out_reserve (Out   *o,
             gsize  n)
{
  if (o->len + n + 2 > o->cap)
    {
      o->cap = MAX (o->cap * 2, o->len + n + 64);
      o->buf = g_realloc (o->buf, o->cap);
    }
}

/* Writes the pending separator (never at the very start). */
static inline void
out_sep (Out *o)
{
  if (o->sep != SEP_NONE && o->len > 0)
    o->buf[o->len++] = o->sep == SEP_NEWLINE ? '\n' : ' ';
  o->sep = SEP_NONE;
}

static inline void
out_append (Out        *o,
            const char *text,
            gsize       n)
{
  out_reserve (o, n);
  out_sep (o);
  memcpy (o->buf + o->len, text, n);
  o->len += n;
}

static inline void
want (Out *o,
      Sep  sep)
{
  if (sep > o->sep)
    o->sep = sep;
}

/* Windows-1252 for numeric references 0x80-0x9F, as HTML prescribes. */
static const gunichar cp1252[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static void
out_unichar (Out      *o,
             gunichar  c)
{
  char utf8[6];
  int n;

  if (c == 0xA0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
    {
      want (o, SEP_SPACE);
      return;
    }
  if (c >= 0x80 && c <= 0x9F)
    c = cp1252[c - 0x80];
  if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c < 0x20 || c == 0x7f)
    c = 0xFFFD;
  n = g_unichar_to_utf8 (c, utf8);
  out_append (o, utf8, n);
}

/* Decodes the reference at p ('&'); returns the bytes consumed, or 0 when
 * it is no reference (the '&' is then literal). */
static gsize
decode_entity (Out        *o,
               const char *p,
               const char *end)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      gboolean hex = FALSE;
      guint64 value = 0;
      const char *digits;

      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        {
          hex = TRUE;
          q++;
        }
      digits = q;
      while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)))
        {
          value = value * (hex ? 16 : 10) + (hex ? (guint) g_ascii_xdigit_value (*q) : (guint) (*q - '0'));
          if (value > 0x10FFFF)
            value = 0x110000;   /* stays invalid, no overflow */
          q++;
        }
      if (q == digits)
        return 0;
      if (q < end && *q == ';')
        q++;
      out_unichar (o, (gunichar) value);
      return q - p;
    }
  else
    {
      char name[33];
      gsize n = 0;

      while (q < end && g_ascii_isalnum (*q) && n < sizeof name - 1)
        name[n++] = *q++;
      name[n] = '\0';
      if (n == 0)
        return 0;
      if (q < end && *q == ';')
        {
          gpointer value;

          /* the usual few first */
          if (n == 3 && memcmp (name, "amp", 3) == 0)
            {
              out_append (o, "&", 1);
              return q + 1 - p;
            }
          if (n == 4 && memcmp (name, "nbsp", 4) == 0)
            {
              want (o, SEP_SPACE);
              return q + 1 - p;
            }
          value = g_hash_table_lookup (entities, name);

          if (value == NULL)
            return 0;
          out_unichar (o, GPOINTER_TO_UINT (value));
          return q + 1 - p;
        }
      /* a few legacy references work without the semicolon */
      if (strcmp (name, "amp") == 0)
        out_append (o, "&", 1);
      else if (strcmp (name, "lt") == 0)
        out_append (o, "<", 1);
      else if (strcmp (name, "gt") == 0)
        out_append (o, ">", 1);
      else if (strcmp (name, "quot") == 0)
        out_append (o, "\"", 1);
      else if (strcmp (name, "nbsp") == 0)
        want (o, SEP_SPACE);
      else
        return 0;
      return q - p;
    }
}

enum
{
  TAG_OTHER,
  TAG_SKIPPED,   /* content is not text for a reader */
  TAG_BLOCK,     /* starts a new line */
  TAG_SPACED,    /* separates words (cells, images) */
};

/* Element names by length, so that a tag costs a switch and a memcmp or
 * two rather than a hash. */
static guint
tag_class (const char *name,
           gsize       n)
{
#define IS(lit) (n == sizeof lit - 1 && memcmp (name, lit, n) == 0)
  switch (n)
    {
    case 1:
      return name[0] == 'p' ? TAG_BLOCK : TAG_OTHER;
    case 2:
      if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6')
        return TAG_BLOCK;
      if (IS ("td") || IS ("th"))
        return TAG_SPACED;
      if (IS ("br") || IS ("li") || IS ("ul") || IS ("ol") || IS ("dl") || IS ("dt")
          || IS ("dd") || IS ("tr") || IS ("hr"))
        return TAG_BLOCK;
      return TAG_OTHER;
    case 3:
      if (IS ("img"))
        return TAG_SPACED;
      if (IS ("svg"))
        return TAG_SKIPPED;
      if (IS ("div") || IS ("pre") || IS ("nav"))
        return TAG_BLOCK;
      return TAG_OTHER;
    case 4:
      if (IS ("head"))
        return TAG_SKIPPED;
      if (IS ("body") || IS ("html") || IS ("main") || IS ("form") || IS ("menu"))
        return TAG_BLOCK;
      return TAG_OTHER;
    case 5:
      if (IS ("style") || IS ("title"))
        return TAG_SKIPPED;
      if (IS ("table") || IS ("aside"))
        return TAG_BLOCK;
      return TAG_OTHER;
    case 6:
      if (IS ("script") || IS ("iframe") || IS ("object") || IS ("select"))
        return TAG_SKIPPED;
      if (IS ("header") || IS ("footer") || IS ("figure") || IS ("center") || IS ("hgroup"))
        return TAG_BLOCK;
      return TAG_OTHER;
    case 7:
      if (IS ("section") || IS ("article") || IS ("caption") || IS ("address") || IS ("details")
          || IS ("summary"))
        return TAG_BLOCK;
      return TAG_OTHER;
    case 8:
      if (IS ("template") || IS ("noscript") || IS ("textarea"))
        return TAG_SKIPPED;
      if (IS ("fieldset"))
        return TAG_BLOCK;
      return TAG_OTHER;
    case 10:
      return IS ("blockquote") || IS ("figcaption") ? TAG_BLOCK : TAG_OTHER;
    default:
      return TAG_OTHER;
    }
#undef IS
}

/* The entity names come from libxml2's HTML 4 table, read once through its
 * value lookup (the table itself is private) over the ranges where HTML 4
 * defines entities. */
static void
init_tables (void)
{
  init_classes ();
  entities = g_hash_table_new (g_str_hash, g_str_equal);
  for (gunichar c = 1; c < 0x2800; c = c == 0x3ff ? 0x2000 : c + 1)
    {
      const htmlEntityDesc *desc = htmlEntityValueLookup (c);

      if (desc != NULL)
        g_hash_table_insert (entities, (gpointer) desc->name, GUINT_TO_POINTER (desc->value));
    }
  /* &apos; is XML and HTML 5, not in the HTML 4 table */
  g_hash_table_insert (entities, (gpointer) "apos", GUINT_TO_POINTER ('\''));
}

/* From after a tag name to just after its '>', honouring quoted values. */
static const char *
skip_tag_rest (const char *p,
               const char *end)
{
  while (p < end)
    {
      if (*p == '>')
        return p + 1;
      if (*p == '=')
        {
          p++;
          while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              const char *close = memchr (p + 1, *p, end - p - 1);

              if (close == NULL)
                return end;
              p = close + 1;
            }
          continue;
        }
      p++;
    }
  return end;
}

/* Just after the "</name…>" that ends a raw-text element, or end. */
static const char *
skip_raw_content (const char *p,
                  const char *end,
                  const char *name)
{
  gsize n = strlen (name);

  while (p < end)
    {
      const char *lt = memchr (p, '<', end - p);

      if (lt == NULL)
        return end;
      if (lt + 2 + n <= end && lt[1] == '/' && g_ascii_strncasecmp (lt + 2, name, n) == 0
          && (lt + 2 + n == end || !g_ascii_isalnum (lt[2 + n])))
        return skip_tag_rest (lt + 2 + n, end);
      p = lt + 1;
    }
  return end;
}

char *
rn_html_to_text (const char *html,
                 gssize      len)
{
  static gsize classes_ready = 0;
  Out o = { NULL, 0, 0, SEP_NONE };
  const char *p, *end;
  gboolean copied_high = FALSE;

  if (g_once_init_enter (&classes_ready))
    {
      init_tables ();
      g_once_init_leave (&classes_ready, 1);
    }

  if (html == NULL)
    return g_strdup ("");
  if (len < 0)
    len = strlen (html);
  o.cap = (gsize) len + 64;
  o.buf = g_malloc (o.cap);
  p = html;
  end = html + len;

  while (p < end)
    {
      guint8 cls = byte_class[(guchar) *p];

      if (cls <= C_HIGH)
        {
          const char *run = p;
          guint seen = 0;

          /* a run goes on through single spaces between words: most
           * text is copied in one piece */
          for (;;)
            {
              while (p < end && (cls = byte_class[(guchar) *p]) <= C_HIGH)
                {
                  seen |= cls;
                  p++;
                }
              if (p + 1 < end && *p == ' ' && byte_class[(guchar) p[1]] <= C_HIGH)
                p++;
              else
                break;
            }
          if (seen & C_HIGH)
            copied_high = TRUE;
          out_append (&o, run, p - run);
        }
      else if (cls == C_SPACE)
        {
          want (&o, SEP_SPACE);
          p++;
        }
      else if (cls == C_CTRL)
        p++;
      else if (cls == C_AMP)
        {
          gsize used = decode_entity (&o, p, end);

          if (used == 0)
            {
              out_append (&o, "&", 1);
              used = 1;
            }
          p += used;
        }
      else /* C_LT */
        {
          const char *q = p + 1;
          gboolean closing = FALSE;
          char name[16];
          gsize n = 0;

          if (q < end && *q == '!')
            {
              if (end - q >= 3 && q[1] == '-' && q[2] == '-')
                {
                  const char *close = q + 3;

                  /* comments end at "-->" (or at "--!>"; rare enough) */
                  while (close < end)
                    {
                      const char *dash = memchr (close, '-', end - close);

                      if (dash == NULL || end - dash < 3)
                        {
                          close = end;
                          break;
                        }
                      if (dash[1] == '-' && dash[2] == '>')
                        {
                          close = dash + 3;
                          break;
                        }
                      close = dash + 1;
                    }
                  p = close;
                }
              else
                {
                  const char *gt = memchr (q, '>', end - q);
                  p = gt != NULL ? gt + 1 : end;
                }
              continue;
            }
          if (q < end && *q == '?')
            {
              const char *gt = memchr (q, '>', end - q);
              p = gt != NULL ? gt + 1 : end;
              continue;
            }
          if (q < end && *q == '/')
            {
              closing = TRUE;
              q++;
            }
          if (q >= end || !g_ascii_isalpha (*q))
            {
              out_append (&o, "<", 1);
              p++;
              continue;
            }
          while (q < end && (g_ascii_isalnum (*q) || *q == '-' || *q == ':'))
            {
              if (n < sizeof name - 1)
                name[n++] = (*q >= 'A' && *q <= 'Z') ? *q + ('a' - 'A') : *q;
              q++;
            }
          name[n] = '\0';
          p = skip_tag_rest (q, end);
          if (!closing && p[-1] == '>' && p - 2 >= html && p[-2] == '/')
            {
              /* self-closing: no content to skip */
            }
          else if (!closing && tag_class (name, n) == TAG_SKIPPED)
            {
              p = skip_raw_content (p, end, name);
              want (&o, SEP_SPACE);
              continue;
            }
          switch (tag_class (name, n))
            {
            case TAG_BLOCK:
              want (&o, SEP_NEWLINE);
              break;
            case TAG_SPACED:
              want (&o, SEP_SPACE);
              break;
            default:
              break;
            }
        }
    }

  o.buf[o.len] = '\0';
  /* what we wrote ourselves is valid; only copied non-ASCII needs a check */
  if (copied_high && !g_utf8_validate_len (o.buf, o.len, NULL))
    {
      char *valid = g_utf8_make_valid (o.buf, o.len);

      g_free (o.buf);
      return valid;
    }
  return o.buf;
}
