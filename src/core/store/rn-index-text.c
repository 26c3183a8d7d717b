#define G_LOG_DOMAIN "rn-store"

#include "config.h"

#include "html/rn-html-doc.h"
#include "rn-index-text.h"

void
rn_index_text_append_html (GString    *out,
                           const char *html)
{
  g_autofree char *text = NULL;

  if (html == NULL || *html == '\0')
    return;
  text = rn_html_to_text (html, -1);
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, text);
}

static void
item_text (sqlite3_context *ctx,
           int              argc,
           sqlite3_value  **argv)
{
  GString *out = g_string_sized_new (4096);

  for (int i = 0; i < argc; i++)
    rn_index_text_append_html (out, (const char *) sqlite3_value_text (argv[i]));
  sqlite3_result_text (ctx, out->str, (int) out->len, g_free);
  g_string_free (out, FALSE);
}

int
rn_index_text_register (sqlite3 *db)
{
  return sqlite3_create_function_v2 (db, "rn_item_text", 2,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                     NULL, item_text, NULL, NULL, NULL);
}
