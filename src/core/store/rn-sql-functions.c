/* rn-sql-functions.c: custom SQL functions.
 *
 * rn_fold() exists for the LIKE/equality comparisons that the full-text
 * index cannot answer (feed and folder titles, tags): it makes them
 * insensitive to case and diacritics, like the FTS5 tokenizer is.
 * rn_item_text() computes what the full-text index holds (rn-index-text.h). */
#define G_LOG_DOMAIN "rn-store"

#include "config.h"

#include <string.h>

#include "rn-index-text.h"
#include "rn-sql.h"
#include "rn-sql-functions.h"

/* Longer values are folded only up to here: titles and tags are short,
 * and this keeps a hostile row from costing much. */
#define FOLD_MAX_BYTES 4096

static gboolean
is_ascii (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

static char *
fold_len (const char *text,
          gsize       len)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;

  if (len > FOLD_MAX_BYTES)
    {
      const char *end = text + FOLD_MAX_BYTES;

      /* Cut on a character boundary. */
      while (end > text && ((guchar) *end & 0xC0) == 0x80)
        end--;
      len = end - text;
    }

  /* Most titles are ASCII: lower-case them without the Unicode tables. */
  if (is_ascii (text, len))
    return g_ascii_strdown (text, len);

  if (!g_utf8_validate_len (text, len, NULL))
    return g_ascii_strdown (text, len);

  /* Case-fold first (ß → ss), then decompose and drop the combining marks
   * (é → e + ◌́ → e). */
  folded = g_utf8_casefold (text, len);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_steal_pointer (&folded);

  out = g_string_sized_new (strlen (decomposed));
  for (const char *s = decomposed; *s != '\0'; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
rn_sql_fold (const char *text)
{
  if (text == NULL)
    return NULL;
  return fold_len (text, strlen (text));
}

static void
sql_fold (sqlite3_context  *ctx,
          int               argc,
          sqlite3_value   **argv)
{
  const char *text;
  int len;
  char *folded;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  text = (const char *) sqlite3_value_text (argv[0]);
  len = sqlite3_value_bytes (argv[0]);
  if (text == NULL)
    {
      sqlite3_result_error_nomem (ctx);
      return;
    }
  folded = fold_len (text, (gsize) len);
  sqlite3_result_text (ctx, folded, -1, g_free);
}

gboolean
rn_sql_functions_register (sqlite3  *db,
                           GError  **error)
{
  int rc = sqlite3_create_function_v2 (db, "rn_fold", 1,
                                       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                       NULL, sql_fold, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = rn_index_text_register (db);

  if (rc != SQLITE_OK)
    {
      rn_sql_set_error (error, db, rc, "Could not register SQL functions");
      return FALSE;
    }
  return TRUE;
}
