/* rn-feed-encoding.h: turning the bytes of a feed into UTF-8. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *text;        /* UTF-8, NUL-terminated, without a byte order mark */
  gsize     length;
  char     *encoding;    /* the encoding used to read the bytes, lower case */
  char     *problem;     /* why the bytes were read another way than they said, or NULL */
} RnDecodedText;

/* Reads @data as text, choosing the encoding by, in order: a byte order
 * mark; the charset parameter of @content_type (the HTTP header); the
 * encoding of the XML declaration when @is_xml; UTF-8. Text that is not
 * valid in the chosen encoding is read as UTF-8 if it is valid UTF-8, else
 * as Windows-1252 (which can read any byte), and @problem says so.
 * ISO-8859-1 and US-ASCII are read as Windows-1252, as browsers do,
 * because publishers who say Latin-1 often send Windows-1252 quotes.
 * Never fails: the result is always valid UTF-8. */
void   rn_feed_decode_text        (const char    *data,
                                   gsize          length,
                                   const char    *content_type,
                                   gboolean       is_xml,
                                   RnDecodedText *out);
void   rn_decoded_text_clear      (RnDecodedText *decoded);

/* The charset parameter of a Content-Type value, lower case, or NULL. */
char  *rn_feed_content_type_charset (const char *content_type);

/* Copies @text, replacing invalid UTF-8 sequences and NUL bytes by U+FFFD;
 * reads at most @length bytes (-1: up to the NUL). */
char  *rn_feed_utf8_make_valid    (const char    *text,
                                   gssize         length);

G_END_DECLS
