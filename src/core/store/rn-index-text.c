#define G_LOG_DOMAIN "rn-store"

#include "config.h"

#include <string.h>

#include "rn-index-text.h"

/* Tokens of the text matter, not its layout: tags become spaces, the
 * contents of script and style elements are skipped, and entities are
 * left for the tokenizer (it splits "&amp;" into "amp", harmlessly). */
void
rn_index_text_append_html (GString    *out,
                           const char *html)
{
  const char *p = html;

  if (html == NULL || *html == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');

  while (*p != '\0')
    {
      const char *lt = strchr (p, '<');
      const char *gt;

      if (lt == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, lt - p);
      if (g_ascii_strncasecmp (lt + 1, "script", 6) == 0 || g_ascii_strncasecmp (lt + 1, "style", 5) == 0)
        {
          const char *name = g_ascii_strncasecmp (lt + 1, "script", 6) == 0 ? "</script" : "</style";
          const char *end = strstr (lt, name);   /* case variants are rare enough */

          if (end == NULL)
            break;
          lt = end;
        }
      gt = strchr (lt, '>');
      if (gt == NULL)
        break;
      g_string_append_c (out, ' ');
      p = gt + 1;
    }
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
