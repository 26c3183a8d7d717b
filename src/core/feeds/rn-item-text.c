#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include "rn-item-text.h"

void
rn_item_text_append_html (GString    *out,
                          const char *html)
{
  gboolean in_tag = FALSE;

  if (html == NULL)
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        {
          in_tag = FALSE;
          g_string_append_c (out, ' ');
        }
      else if (!in_tag)
        g_string_append_c (out, *p);
    }
}
