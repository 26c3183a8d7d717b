/* rn-ui-shot.c: see rn-ui-shot.h. */
#define G_LOG_DOMAIN "rn-ui-shot"

#include "config.h"

#include "rn-ui-shot.h"
#include "rn-ui-test.h"

void
rn_ui_shot_save (GtkWidget  *window,
                 const char *path,
                 int        *width,
                 int        *height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = 0, h = 0;

  for (int tries = 0; node == NULL && tries < 50; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      rn_ui_test_wait_frame (window);
      w = gtk_widget_get_width (window);
      h = gtk_widget_get_height (window);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}
