/* rn-feed-encoding.c: see rn-feed-encoding.h. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <string.h>

#include "rn-feed-encoding.h"

/* Windows-1252 bytes 0x80..0x9F; the five undefined ones map to the C1
 * control of the same number, as the WHATWG Encoding Standard does. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static char *
decode_cp1252 (const char *data,
               gsize       length,
               gsize      *out_length)
{
  GString *out = g_string_sized_new (length + length / 8 + 1);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      if (c < 0x80)
        g_string_append_c (out, c == 0 ? ' ' : (char) c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }
  *out_length = out->len;
  return g_string_free (out, FALSE);
}

char *
rn_feed_utf8_make_valid (const char *text,
                         gssize      length)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return NULL;
  if (length < 0)
    length = strlen (text);
  out = g_string_sized_new (length + 1);
  p = text;
  end = text + length;
  while (p < end)
    {
      const char *valid_end;

      g_utf8_validate (p, end - p, &valid_end);
      g_string_append_len (out, p, valid_end - p);
      p = valid_end;
      if (p < end)
        {
          g_string_append (out, "\xef\xbf\xbd");
          p++;
        }
    }
  return g_string_free (out, FALSE);
}

char *
rn_feed_content_type_charset (const char *content_type)
{
  const char *p;

  if (content_type == NULL)
    return NULL;
  p = strchr (content_type, ';');
  while (p != NULL)
    {
      const char *name, *value, *value_end;

      p++;
      while (*p == ' ' || *p == '\t')
        p++;
      name = p;
      while (*p != '\0' && *p != '=' && *p != ';')
        p++;
      if (*p != '=')
        {
          p = strchr (p, ';');
          continue;
        }
      {
        const char *name_end = p;

        while (name_end > name && (name_end[-1] == ' ' || name_end[-1] == '\t'))
          name_end--;
        p++;
        while (*p == ' ' || *p == '\t')
          p++;
        value = p;
        if (*value == '"' || *value == '\'')
          {
            char quote = *value++;

            value_end = strchr (value, quote);
            if (value_end == NULL)
              value_end = value + strlen (value);
          }
        else
          {
            value_end = value;
            while (*value_end != '\0' && *value_end != ';' && *value_end != ' ' && *value_end != '\t')
              value_end++;
          }
        if (name_end - name == 7 && g_ascii_strncasecmp (name, "charset", 7) == 0 &&
            value_end > value)
          return g_ascii_strdown (value, value_end - value);
        p = strchr (value_end, ';');
      }
    }
  return NULL;
}

/* The encoding="…" of an ASCII-compatible XML declaration, or NULL. */
static char *
xml_declared_encoding (const char *data,
                       gsize       length)
{
  gsize limit = MIN (length, 512);
  const char *end, *p;

  if (limit < 6 || memcmp (data, "<?xml", 5) != 0)
    return NULL;
  end = memchr (data, '>', limit);
  if (end == NULL)
    return NULL;
  for (p = data + 5; p + 8 < end; p++)
    {
      if (memcmp (p, "encoding", 8) == 0)
        {
          const char *q = p + 8, *value;
          char quote;

          while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
            q++;
          if (q >= end || *q != '=')
            return NULL;
          q++;
          while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
            q++;
          if (q >= end || (*q != '"' && *q != '\''))
            return NULL;
          quote = *q++;
          value = q;
          while (q < end && *q != quote)
            q++;
          if (q >= end || q == value || q - value > 40)
            return NULL;
          return g_ascii_strdown (value, q - value);
        }
    }
  return NULL;
}

static gboolean
is_cp1252_family (const char *encoding)
{
  static const char *const names[] = {
    "windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1",
    "latin1", "latin-1", "l1", "us-ascii", "ascii", "x-cp1252", "ansi_x3.4-1968",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (encoding, names[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_utf8_name (const char *encoding)
{
  return g_str_equal (encoding, "utf-8") || g_str_equal (encoding, "utf8");
}

/* The sniffed encoding of a document without a BOM whose first
 * characters are "<?" in UTF-16/32; NULL otherwise. */
static const char *
sniff_wide (const guchar *d,
            gsize         length)
{
  if (length < 4)
    return NULL;
  if (d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == '<')
    return "utf-32be";
  if (d[0] == '<' && d[1] == 0 && d[2] == 0 && d[3] == 0)
    return "utf-32le";
  if (d[0] == 0 && d[1] == '<' && d[2] == 0 && d[3] == '?')
    return "utf-16be";
  if (d[0] == '<' && d[1] == 0 && d[2] == '?' && d[3] == 0)
    return "utf-16le";
  return NULL;
}

/* Converts with iconv; FALSE when the encoding is unknown or the bytes
 * are invalid in it. */
static gboolean
convert_with (const char *data,
              gsize       length,
              const char *encoding,
              char      **out,
              gsize      *out_length)
{
  const char *iconv_name = encoding;
  g_autoptr(GError) error = NULL;
  gsize read = 0;
  char *text;

  /* GB2312 documents use GBK/GB18030 characters; read them with the
   * superset. */
  if (g_str_equal (encoding, "gb2312") || g_str_equal (encoding, "gbk") ||
      g_str_equal (encoding, "x-gbk") || g_str_equal (encoding, "euc-cn"))
    iconv_name = "gb18030";

  text = g_convert (data, length, "UTF-8", iconv_name, &read, out_length, &error);
  if (text == NULL)
    return FALSE;
  if (!g_utf8_validate (text, *out_length, NULL))
    {
      g_free (text);
      return FALSE;
    }
  *out = text;
  return TRUE;
}

static const char *
canonical_name (const char *encoding)
{
  if (g_str_equal (encoding, "gb2312") || g_str_equal (encoding, "gbk") ||
      g_str_equal (encoding, "x-gbk") || g_str_equal (encoding, "euc-cn"))
    return "gb18030";
  if (g_str_equal (encoding, "utf8"))
    return "utf-8";
  if (g_str_equal (encoding, "utf-16"))
    return "utf-16be";
  if (g_str_equal (encoding, "utf-32"))
    return "utf-32be";
  return encoding;
}

/* NUL bytes are not XML characters and would cut C strings short. */
static void
replace_nuls (char  *text,
              gsize  length)
{
  char *p = text;

  while ((p = memchr (p, '\0', text + length - p)) != NULL)
    *p = ' ';
}

static void
set_result (RnDecodedText *out,
            char          *text,
            gsize          length,
            const char    *encoding)
{
  replace_nuls (text, length);
  out->text = text;
  out->length = length;
  out->encoding = g_strdup (encoding);
}

void
rn_feed_decode_text (const char    *data,
                     gsize          length,
                     const char    *content_type,
                     gboolean       is_xml,
                     RnDecodedText *out)
{
  const guchar *d = (const guchar *) data;
  g_autofree char *http_charset = NULL;
  g_autofree char *declared = NULL;
  const char *encoding = NULL;
  const char *bom_encoding = NULL;
  gsize skip = 0;
  char *text = NULL;
  gsize text_length = 0;

  g_return_if_fail (out != NULL);
  memset (out, 0, sizeof *out);
  if (data == NULL)
    length = 0;

  if (length >= 4 && d[0] == 0 && d[1] == 0 && d[2] == 0xFE && d[3] == 0xFF)
    bom_encoding = "utf-32be", skip = 4;
  else if (length >= 4 && d[0] == 0xFF && d[1] == 0xFE && d[2] == 0 && d[3] == 0)
    bom_encoding = "utf-32le", skip = 4;
  else if (length >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
    bom_encoding = "utf-8", skip = 3;
  else if (length >= 2 && d[0] == 0xFE && d[1] == 0xFF)
    bom_encoding = "utf-16be", skip = 2;
  else if (length >= 2 && d[0] == 0xFF && d[1] == 0xFE)
    bom_encoding = "utf-16le", skip = 2;
  else
    bom_encoding = sniff_wide (d, length);

  data += skip;
  length -= skip;
  http_charset = rn_feed_content_type_charset (content_type);

  if (bom_encoding != NULL)
    encoding = bom_encoding;
  else if (http_charset != NULL)
    encoding = http_charset;
  else if (is_xml && (declared = xml_declared_encoding (data, length)) != NULL)
    {
      /* A document read as bytes cannot be UTF-16 when its declaration
       * was readable as ASCII. */
      if (g_str_has_prefix (declared, "utf-16") || g_str_has_prefix (declared, "utf-32"))
        encoding = "utf-8";
      else
        encoding = declared;
    }
  else
    encoding = "utf-8";

  if (is_utf8_name (encoding))
    {
      if (g_utf8_validate (data, length, NULL))
        {
          set_result (out, g_strndup (data, length), length, "utf-8");
          return;
        }
    }
  else if (is_cp1252_family (encoding))
    {
      /* Pure ASCII is the same in all of them: no copy through a table. */
      gboolean ascii = TRUE;

      for (gsize i = 0; i < length && ascii; i++)
        ascii = d[skip + i] < 0x80;
      if (ascii)
        text = g_strndup (data, length), text_length = length;
      else
        text = decode_cp1252 (data, length, &text_length);
      set_result (out, text, text_length, encoding);
      return;
    }
  else if (convert_with (data, length, encoding, &text, &text_length))
    {
      set_result (out, text, text_length, canonical_name (encoding));
      return;
    }

  /* The document is not what it says it is. */
  if (!is_utf8_name (encoding) && g_utf8_validate (data, length, NULL))
    {
      out->problem = g_strdup_printf ("document declared as %s is not valid %s; read as UTF-8",
                                      encoding, encoding);
      set_result (out, g_strndup (data, length), length, "utf-8");
      return;
    }
  out->problem = g_strdup_printf ("document declared as %s is not valid %s; read as Windows-1252",
                                  encoding, encoding);
  text = decode_cp1252 (data, length, &text_length);
  set_result (out, text, text_length, "windows-1252");
}

void
rn_decoded_text_clear (RnDecodedText *decoded)
{
  g_clear_pointer (&decoded->text, g_free);
  g_clear_pointer (&decoded->encoding, g_free);
  g_clear_pointer (&decoded->problem, g_free);
  decoded->length = 0;
}
