/* rn-reader-render.c: HTML → GtkTextBuffer. */
#define G_LOG_DOMAIN "rn-reader"

#include "config.h"

#include "feeds/rn-item-text.h"
#include "rn-reader-render.h"

#define LINK_KEY "rn-link-url"

void
rn_reader_image_free (RnReaderImage *image)
{
  if (image == NULL)
    return;
  g_clear_object (&image->anchor);
  g_free (image->src);
  g_free (image->alt);
  g_free (image);
}

const char *
rn_reader_render_link_at (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *url = g_object_get_data (l->data, LINK_KEY);

      if (url != NULL)
        return url;
    }
  return NULL;
}

GPtrArray *
rn_reader_render (GtkTextBuffer *buffer,
                  const char    *html,
                  const char    *base_url)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *images = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_reader_image_free);

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), images);

  /* Plain text until the structured document of core/html is available. */
  rn_item_text_append_html (text, html);
  gtk_text_buffer_set_text (buffer, g_strstrip (text->str), -1);
  return images;
}
