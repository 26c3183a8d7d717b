/* rn-ui-test.c: shared set-up of the in-process UI tests. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "feeds/rn-item-list.h"
#include "rn-test-util.h"
#include "rn-ui-fixture.h"
#include "rn-ui-test.h"

void
rn_ui_test_init (int    *argc,
                 char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP no display\n");
      exit (0);
    }
  g_setenv ("RADNET_NO_AUTO_REFRESH", "1", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

void
rn_ui_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

void
rn_ui_test_spin_until (gboolean (*done) (gpointer),
                       gpointer    data,
                       guint       seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    rn_ui_test_spin (20);
  g_assert_true (done (data));
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

void
rn_ui_test_wait_frame (GtkWidget *window)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;
  /* A ceiling, not a wait: a first frame of a big window takes seconds
   * under AddressSanitizer with full stacks on a busy machine. */
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (window);
  clock = gtk_widget_get_frame_clock (window);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  while (!painted && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
}

gboolean
rn_ui_test_screenshot (GtkWidget  *window,
                       const char *name)
{
  const char *dir = g_getenv ("RADNET_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int w = 0, h = 0;

  if (dir == NULL)
    return FALSE;
  g_mkdir_with_parents (dir, 0755);
  paintable = gtk_widget_paintable_new (window);
  /* Right after a resize (and slowly under sanitizers) the window may
   * have nothing drawable yet: wait for further frames. */
  for (guint attempt = 0; attempt < 20 && node == NULL; attempt++)
    {
      rn_ui_test_wait_frame (window);
      w = gtk_widget_get_width (window);
      h = gtk_widget_get_height (window);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        rn_ui_test_spin (100);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s (%dx%d)", path, w, h);
  return TRUE;
}

guint
rn_ui_test_count (RnStore  *store,
                  gboolean  unread_only,
                  gboolean  starred_only)
{
  RnItemFilter filter = { 0 };
  g_autoptr(RnItemList) list = NULL;

  filter.unread_only = unread_only;
  filter.starred_only = starred_only;
  list = rn_item_list_new (store, &filter, RN_ITEM_SORT_NEWEST);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

void
rn_ui_fixture_setup (RnUiFixture *fixture,
                     guint        n_feeds,
                     guint        items_per_feed,
                     int          width,
                     int          height)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  fixture->dir = rn_test_mkdtemp ();
  static guint serial;
  g_autofree char *app_id = g_strdup_printf ("com.example.RadNet.Test%u", ++serial);

  fixture->app = rn_application_new ();
  /* Each fixture its own id: a finished app may still have its object
   * path exported on the bus. */
  g_application_set_application_id (G_APPLICATION (fixture->app), app_id);
  g_application_set_flags (G_APPLICATION (fixture->app), G_APPLICATION_NON_UNIQUE);
  rn_application_set_data_dir (fixture->app, fixture->dir);
  g_assert_true (g_application_register (G_APPLICATION (fixture->app), NULL, &error));
  g_assert_no_error (error);

  /* Build the library through the app's own context before the window
   * exists, as a library the user comes back to. */
  if (n_feeds > 0)
    {
      g_autoptr(RnContext) context = rn_context_new (fixture->dir, &error);

      g_assert_no_error (error);
      g_assert_true (rn_ui_fixture_populate (rn_context_get_store (context), n_feeds, items_per_feed, &error));
      g_assert_no_error (error);
    }

  g_application_activate (G_APPLICATION (fixture->app));
  window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  g_assert_true (RN_IS_WINDOW (window));
  fixture->window = RN_WINDOW (g_object_ref (window));
  fixture->store = g_object_ref (rn_context_get_store (rn_application_get_context (fixture->app)));
  gtk_window_set_default_size (window, width, height);
  rn_ui_test_wait_frame (GTK_WIDGET (window));
  rn_ui_test_spin (100);
}

void
rn_ui_fixture_teardown (RnUiFixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  rn_ui_test_spin (50);
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->store);
  g_application_quit (G_APPLICATION (fixture->app));
  g_clear_object (&fixture->app);
  rn_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}
