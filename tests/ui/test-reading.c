/* test-reading.c: the Reading List page, saving through the window's
 * action, filters, a bulk state change, export, an offline case whose
 * images come from the library once the server is gone, the image viewer
 * and the Offline preferences group. Articles are served by an in-process
 * server on 127.0.0.1. */
#include "config.h"

#include <string.h>

#include "feeds/rn-feed-store.h"
#include "offline/rn-snapshot.h"
#include "reader/rn-reader-view.h"
#include "reading/rn-offline-group.h"
#include "reading/rn-reading-page.h"
#include "reading/rn-save-dialog.h"
#include "rn-test-server.h"
#include "rn-test-util.h"
#include "rn-ui-test.h"
#include "sidebar/rn-sidebar.h"
#include "viewer/rn-image-viewer.h"

typedef struct
{
  RnUiFixture   ui;
  RnTestServer *server;
  gint64        feed_id;
  gint64        case_id;
  gint64        article_ids[2];
} Fixture;

/* A small PNG of one colour, made here. */
static GBytes *
make_png (guint32 rgb,
          int     width,
          int     height)
{
  g_autoptr(GByteArray) pixels = g_byte_array_sized_new (width * height * 3);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  for (int i = 0; i < width * height; i++)
    {
      guint8 px[3] = { (rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff };
      g_byte_array_append (pixels, px, 3);
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&pixels));
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, bytes, (gsize) width * 3);
  return gdk_texture_save_to_png_bytes (texture);
}

static void
serve_text (RnTestServer *server,
            const char   *path,
            const char   *type,
            const char   *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  rn_test_server_add_bytes (server, path, type, body);
}

/* A case report with two images and two plain articles, as a feed in the
 * library whose links point at the server. */
static void
add_server_feed (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) parsed = rn_parsed_feed_new ();
  g_autoptr(GBytes) red = make_png (0xc01c28, 320, 240);
  g_autoptr(GBytes) blue = make_png (0x1c71d8, 240, 320);
  g_autofree char *case_url = rn_test_server_url (f->server, "/case/1");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  RnFeedSpec spec = { 0 };
  const char *titles[] = { "Case 41: pulmonary embolism on CT angiography",
                           "Lung nodule follow-up in the screening population",
                           "Reader agreement for prostate MRI" };

  serve_text (f->server, "/case/1", "text/html; charset=utf-8",
              "<!DOCTYPE html><html><head><title>Case 41</title></head><body><article>"
              "<h1>Case 41: pulmonary embolism on CT angiography</h1>"
              "<p>A 54-year-old woman presented with sudden dyspnoea and pleuritic chest pain after a long flight. "
              "D-dimer was raised; CT pulmonary angiography was performed the same day.</p>"
              "<p><img src=\"/img/axial.png\" alt=\"Axial CT: filling defect in the right main pulmonary artery\" width=\"320\" height=\"240\"></p>"
              "<p>The filling defect extends into the lobar arteries of the right lower lobe. The right ventricle is "
              "not dilated. Anticoagulation was started and the patient recovered.</p>"
              "<p><img src=\"/img/coronal.png\" alt=\"Coronal reformat of the same study\" width=\"240\" height=\"320\"></p>"
              "<blockquote><p>Teaching point: look at every segmental artery in two planes.</p></blockquote>"
              "</article></body></html>");
  rn_test_server_add_bytes (f->server, "/img/axial.png", "image/png", red);
  rn_test_server_add_bytes (f->server, "/img/coronal.png", "image/png", blue);

  spec.url = "https://cases.example.org/feed.xml";
  spec.title = "Teaching Cases";
  g_assert_true (rn_feed_store_add_feed (f->ui.store, &spec, &f->feed_id, &error));
  g_assert_no_error (error);
  parsed->title = g_strdup ("Teaching Cases");
  for (guint i = 0; i < 3; i++)
    {
      RnParsedEntry *e = rn_parsed_entry_new ();

      e->id = g_strdup_printf ("urn:radnet:test-reading:%u", i);
      e->title = g_strdup (titles[i]);
      e->link = i == 0 ? g_strdup (case_url) : rn_test_server_url (f->server, i == 1 ? "/article/2" : "/article/3");
      e->summary = g_strdup_printf ("<p>Summary of “%s”.</p>", titles[i]);
      e->published = now - i * 3600;
      e->updated = RN_NO_DATE;
      g_ptr_array_add (parsed->entries, e);
    }
  g_assert_true (rn_feed_store_ingest_sync (f->ui.store, f->feed_id, parsed, NULL, &error));
  g_assert_no_error (error);
  serve_text (f->server, "/article/2", "text/html", "<html><body><article><p>Nodules.</p></article></body></html>");
  serve_text (f->server, "/article/3", "text/html", "<html><body><article><p>Prostate.</p></article></body></html>");
}

static void
fixture_setup (Fixture *f,
               int      width,
               int      height,
               gboolean dark)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RnSidebar *sidebar;
  RnItem *item;

  g_settings_set_string (settings, "color-scheme", dark ? "dark" : "light");
  f->server = rn_test_server_new ();
  rn_ui_fixture_setup (&f->ui, 1, 3, width, height);
  add_server_feed (f);
  /* Let the store's notice of the new items reach the open lists before
   * a list is made that already holds them (RnItemList would count them
   * twice). */
  rn_ui_test_spin (200);
  sidebar = RN_SIDEBAR (rn_window_get_sidebar (f->ui.window));
  rn_sidebar_reload (sidebar);
  g_assert_true (rn_sidebar_select (sidebar, RN_SIDEBAR_FEED, f->feed_id));
  rn_ui_test_spin (100);
  /* The newest item of the feed is the case. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->ui.window), "win.next-item", NULL));
  rn_ui_test_spin (100);
  item = rn_window_get_current_item (f->ui.window);
  g_assert_nonnull (item);
  g_assert_cmpstr (rn_item_get_title (item), ==, "Case 41: pulmonary embolism on CT angiography");
  f->case_id = rn_item_get_id (item);
}

static void
fixture_teardown (Fixture *f)
{
  rn_ui_fixture_teardown (&f->ui);
  g_clear_pointer (&f->server, rn_test_server_free);
}

/* A dialog is shot once it is on screen and has drawn itself. */
static void
shoot_dialog (GtkWidget  *dialog,
              const char *name)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (dialog) && g_get_monotonic_time () < end)
    rn_ui_test_spin (20);
  g_assert_true (gtk_widget_get_mapped (dialog));
  rn_ui_test_spin (300);
  rn_ui_test_screenshot (dialog, name);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
wait_until (gboolean (*done) (gpointer), gpointer data, guint seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  g_assert_true (done (data));
}

typedef struct
{
  RnReadingList *list;
  gint64         id;
} Wait;

static gboolean
entry_saved (gpointer data)
{
  Wait *w = data;

  return rn_reading_list_is_saved (w->list, w->id);
}

static gboolean
snapshot_settled (gpointer data)
{
  Wait *w = data;
  g_autoptr(RnSavedItem) entry = rn_reading_list_get (w->list, w->id);

  return entry != NULL && rn_saved_item_get_snapshot_state (entry) != RN_SNAPSHOT_STATE_PENDING;
}

/* Saves the current item through win.save-item and its dialog. */
static void
save_through_dialog (Fixture      *f,
                     RnSavedState  state,
                     const char   *tags,
                     const char   *note)
{
  RnReadingList *list = rn_window_get_reading_list (f->ui.window);
  RnSaveDialog *dialog;
  Wait w = { list, f->case_id };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->ui.window), "win.save-item", NULL));
  rn_ui_test_spin (50);
  dialog = RN_SAVE_DIALOG (find_toplevel (RN_TYPE_SAVE_DIALOG));
  g_assert_nonnull (dialog);
  rn_save_dialog_set_values (dialog, state, tags, note);
  rn_ui_test_spin (400);
  shoot_dialog (GTK_WIDGET (dialog), adw_style_manager_get_dark (adw_style_manager_get_default ())
                                              ? "save-dialog-dark" : "save-dialog-light");
  rn_save_dialog_save (dialog);
  /* The entry is written by the store's writer, then the page follows. */
  wait_until (entry_saved, &w, 10);
  wait_until (snapshot_settled, &w, 30);
}

static void
test_page (void)
{
  Fixture f = { 0 };
  RnReadingList *list;
  RnReadingPage *page;
  g_autoptr(RnSavedItem) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "list.bib", NULL);
  g_autofree char *text = NULL;
  RnSaveOptions quick = { .no_snapshot = TRUE };
  GListModel *model;
  guint n_entries = 0;

  fixture_setup (&f, 1280, 800, FALSE);
  list = rn_window_get_reading_list (f.ui.window);
  page = RN_READING_PAGE (rn_window_get_reading_page (f.ui.window));
  model = G_LIST_MODEL (list);

  save_through_dialog (&f, RN_SAVED_STATE_READING, "ct, pulmonary embolism", "Show at Thursday's journal club");
  entry = rn_reading_list_get (list, f.case_id);
  g_assert_cmpint (rn_saved_item_get_state (entry), ==, RN_SAVED_STATE_READING);
  g_assert_true (rn_saved_item_has_tag (entry, "ct"));
  g_assert_true (rn_saved_item_has_tag (entry, "pulmonary embolism"));
  g_assert_cmpstr (rn_saved_item_get_note (entry), ==, "Show at Thursday's journal club");
  /* The reader's button follows the saved state. */
  g_assert_true (rn_item_get_saved (rn_window_get_current_item (f.ui.window)));

  /* Two more entries, saved as the CLI would. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.next-item", NULL));
  rn_ui_test_spin (50);
  f.article_ids[0] = rn_item_get_id (rn_window_get_current_item (f.ui.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.next-item", NULL));
  rn_ui_test_spin (50);
  f.article_ids[1] = rn_item_get_id (rn_window_get_current_item (f.ui.window));
  g_assert_true (rn_reading_list_save (list, f.article_ids[0], &quick, &error));
  g_assert_no_error (error);
  g_assert_true (rn_reading_list_save (list, f.article_ids[1], &quick, &error));
  g_assert_no_error (error);

  /* The sidebar's Reading List opens the page. */
  g_assert_true (rn_sidebar_select (RN_SIDEBAR (rn_window_get_sidebar (f.ui.window)), RN_SIDEBAR_READING_LIST, 0));
  rn_ui_test_spin (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_false (gtk_widget_get_mapped (rn_window_get_item_list_view (f.ui.window)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* Filters: state, then a search nothing matches. */
  rn_reading_page_set_state_filter (page, RN_SAVED_STATE_READING);
  rn_ui_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  rn_reading_page_set_state_filter (page, -1);
  rn_reading_page_set_search (page, "zzzznothing");
  rn_ui_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  rn_ui_test_screenshot (GTK_WIDGET (f.ui.window), "reading-list-no-match-light");
  rn_reading_page_set_search (page, NULL);
  rn_ui_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* Select two, then a bulk state change through the State menu's action. */
  gtk_selection_model_select_item (rn_reading_page_get_selection (page), 0, TRUE);
  gtk_selection_model_select_item (rn_reading_page_get_selection (page), 1, FALSE);
  rn_ui_test_spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reading.set-state", "s", "done"));
  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC; g_get_monotonic_time () < end; )
    {
      guint done = 0;

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(RnSavedItem) e = g_list_model_get_item (model, i);
          done += rn_saved_item_get_state (e) == RN_SAVED_STATE_DONE;
        }
      if (done == 2)
        break;
      rn_ui_test_spin (20);
    }
  rn_reading_page_set_state_filter (page, RN_SAVED_STATE_DONE);
  rn_ui_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  rn_reading_page_set_state_filter (page, -1);
  rn_ui_test_spin (100);

  /* Export: the selection (two entries) as BibTeX, through core. */
  gtk_selection_model_select_item (rn_reading_page_get_selection (page), 0, TRUE);
  gtk_selection_model_select_item (rn_reading_page_get_selection (page), 2, FALSE);
  file = g_file_new_for_path (path);
  g_assert_true (rn_reading_page_export_to_file (page, RN_EXPORT_FORMAT_BIBTEX, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *p = text; (p = strchr (p, '@')) != NULL; p++)
    n_entries += (p == text || p[-1] == '\n');
  g_assert_cmpuint (n_entries, ==, 2);
  g_clear_pointer (&text, g_free);
  /* Nothing selected: the whole view, here as the Markdown digest. */
  gtk_selection_model_unselect_all (rn_reading_page_get_selection (page));
  g_assert_true (rn_reading_page_export_to_file (page, RN_EXPORT_FORMAT_MARKDOWN, file, &error));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Case 41"));
  g_assert_nonnull (strstr (text, "Reader agreement for prostate MRI"));
  g_assert_nonnull (strstr (text, "Thursday's journal club"));

  gtk_selection_model_select_item (rn_reading_page_get_selection (page), 0, TRUE);
  rn_ui_test_spin (300);
  rn_ui_test_screenshot (GTK_WIDGET (f.ui.window), "reading-list-light");
  rn_test_rmdir (dir);
  fixture_teardown (&f);
}

static void
shoot_page (int         width,
            gboolean    dark,
            const char *name)
{
  Fixture f = { 0 };
  RnReadingList *list;
  RnReadingPage *page;
  g_autoptr(GError) error = NULL;
  RnSaveOptions quick = { .no_snapshot = TRUE };
  AdwLeaflet *leaflet;

  fixture_setup (&f, width, 800, dark);
  list = rn_window_get_reading_list (f.ui.window);
  page = RN_READING_PAGE (rn_window_get_reading_page (f.ui.window));
  save_through_dialog (&f, RN_SAVED_STATE_READING, "ct, teaching", "Show at Thursday's journal club");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.next-item", NULL));
  rn_ui_test_spin (50);
  g_assert_true (rn_reading_list_save (list, rn_item_get_id (rn_window_get_current_item (f.ui.window)), &quick, &error));
  g_assert_true (rn_reading_list_add_tag (list, rn_item_get_id (rn_window_get_current_item (f.ui.window)),
                                          "screening", &error));
  g_assert_no_error (error);
  g_assert_true (rn_sidebar_select (RN_SIDEBAR (rn_window_get_sidebar (f.ui.window)), RN_SIDEBAR_READING_LIST, 0));
  leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_LEAFLET));
  if (adw_leaflet_get_folded (leaflet))
    adw_leaflet_set_visible_child_name (leaflet, "content");
  rn_ui_test_spin (400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  rn_ui_test_screenshot (GTK_WIDGET (f.ui.window), name);
  fixture_teardown (&f);
}

static void
test_shots (void)
{
  shoot_page (1280, TRUE, "reading-list-dark");
  shoot_page (400, FALSE, "reading-list-narrow-light");
  shoot_page (400, TRUE, "reading-list-narrow-dark");
}

static gboolean
viewer_gone (gpointer data)
{
  return find_toplevel (RN_TYPE_IMAGE_VIEWER) == NULL;
}

static void
offline_case (gboolean    dark,
              const char *suffix)
{
  Fixture f = { 0 };
  RnReadingList *list;
  RnReaderView *reader;
  g_autoptr(RnSavedItem) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) assets = NULL;
  GtkTextIter start, end;
  GtkWidget *group;
  RnImageViewer *viewer;
  GtkWidget *child;

  fixture_setup (&f, 1280, 800, dark);
  list = rn_window_get_reading_list (f.ui.window);
  reader = RN_READER_VIEW (rn_window_get_reader_view (f.ui.window));
  save_through_dialog (&f, RN_SAVED_STATE_TO_READ, "case", NULL);
  entry = rn_reading_list_get (list, f.case_id);
  g_assert_cmpint (rn_saved_item_get_snapshot_state (entry), ==, RN_SNAPSHOT_STATE_COMPLETE);
  assets = rn_snapshot_list_assets (f.ui.store, f.case_id);
  g_assert_cmpuint (g_strv_length (assets), ==, 2);

  /* The server goes away; the case is opened again from the list. */
  g_clear_pointer (&f.server, rn_test_server_free);
  g_assert_true (rn_sidebar_select (RN_SIDEBAR (rn_window_get_sidebar (f.ui.window)), RN_SIDEBAR_READING_LIST, 0));
  rn_ui_test_spin (100);
  rn_reader_view_set_item (reader, f.ui.store, NULL);
  gtk_selection_model_select_item (rn_reading_page_get_selection (RN_READING_PAGE (rn_window_get_reading_page (f.ui.window))),
                                   0, TRUE);
  rn_ui_test_spin (300);
  g_assert_nonnull (rn_reader_view_get_item (reader));
  g_assert_cmpint (rn_item_get_id (rn_reader_view_get_item (reader)), ==, f.case_id);
  /* Both images, from the store: no network was there to give them. */
  g_assert_cmpuint (rn_reader_view_get_n_pictures (reader), ==, 2);
  gtk_text_buffer_get_bounds (rn_reader_view_get_buffer (reader), &start, &end);
  text = gtk_text_buffer_get_text (rn_reader_view_get_buffer (reader), &start, &end, FALSE);
  g_assert_nonnull (strstr (text, "Offline copy"));
  g_assert_nonnull (strstr (text, "Anticoagulation was started"));
  shot = g_strdup_printf ("offline-case-%s", suffix);
  rn_ui_test_screenshot (GTK_WIDGET (f.ui.window), shot);

  /* The first image opens the viewer; arrows move, Ctrl+plus zooms. */
  child = NULL;
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (reader)); w != NULL && child == NULL; )
    {
      /* Depth-first search for the first image button. */
      if (GTK_IS_BUTTON (w) && gtk_widget_has_css_class (w, "reader-image-button"))
        child = w;
      else if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w) == GTK_WIDGET (reader) ? NULL : gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (child);
  g_signal_emit_by_name (child, "clicked");
  rn_ui_test_spin (300);
  viewer = RN_IMAGE_VIEWER (find_toplevel (RN_TYPE_IMAGE_VIEWER));
  g_assert_nonnull (viewer);
  g_assert_cmpuint (rn_image_viewer_get_n_images (viewer), ==, 2);
  g_assert_cmpuint (rn_image_viewer_get_index (viewer), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next", NULL));
  g_assert_cmpuint (rn_image_viewer_get_index (viewer), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.previous", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  g_assert_cmpfloat (rn_image_viewer_get_zoom (viewer), >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-fit", NULL));
  g_assert_cmpfloat (rn_image_viewer_get_zoom (viewer), ==, 0);
  rn_ui_test_spin (200);
  g_free (shot);
  shot = g_strdup_printf ("image-viewer-%s", suffix);
  shoot_dialog (GTK_WIDGET (viewer), shot);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.close", NULL));
  wait_until (viewer_gone, NULL, 5);

  /* Preferences: the space used, then Remove All. */
  group = g_object_ref_sink (rn_offline_group_new (f.ui.store));
  g_assert_cmpstr (rn_offline_group_get_usage (RN_OFFLINE_GROUP (group)), !=, "None");
  g_assert_true (rn_offline_group_remove_all (RN_OFFLINE_GROUP (group), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rn_offline_group_get_usage (RN_OFFLINE_GROUP (group)), ==, "None");
  g_assert_cmpint (rn_snapshot_total_bytes (f.ui.store), ==, 0);
  g_object_unref (group);
  fixture_teardown (&f);
}

static void
test_offline_case (void)
{
  offline_case (FALSE, "light");
  offline_case (TRUE, "dark");
}

int
main (int argc, char *argv[])
{
  rn_ui_test_init (&argc, &argv);
  g_test_add_func ("/radnet/ui/reading/page", test_page);
  g_test_add_func ("/radnet/ui/reading/screenshots", test_shots);
  g_test_add_func ("/radnet/ui/reading/offline-case", test_offline_case);
  return g_test_run ();
}
