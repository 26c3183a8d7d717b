/* test-reader.c: the native reader: structure of the rendered text, links,
 * images under each privacy setting, tracking pixels. */
#include "config.h"

#include <string.h>

#include "feeds/rn-feed-store.h"
#include "reader/rn-reader-render.h"
#include "reader/rn-reader-view.h"
#include "rn-test-server.h"
#include "rn-ui-test.h"

static const char body[] =
  "<h2>Methods</h2>"
  "<p>We enrolled <strong>412</strong> patients; see <a href=\"https://example.org/full\">the full text</a>.</p>"
  "<ul><li>Low-dose CT</li><li>Two readers</li></ul>"
  "<ol start=\"3\"><li>third</li><li>fourth</li></ol>"
  "<blockquote><p>Sensitivity rose.</p></blockquote>"
  "<pre>AUC 0.94</pre>"
  "<table><tr><th>Reader</th><th>Sensitivity</th></tr><tr><td>A</td><td>0.91</td></tr></table>"
  "<script>alert(1)</script><p><a href=\"javascript:alert(1)\">bad</a></p>"
  "<p><img src=\"%s\" alt=\"Figure 1\" width=\"40\" height=\"30\">"
  "<img src=\"%s\" width=\"1\" height=\"1\"></p>";

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_render_structure (void)
{
#if __has_include ("html/rn-html-doc.h")
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *html = g_strdup_printf (body, "https://img.example.org/f.png", "https://img.example.org/p.gif");
  g_autoptr(GPtrArray) images = rn_reader_render (buffer, html, "https://example.org/a", TRUE);
  g_autofree char *text = buffer_text (buffer);
  GtkTextIter iter;
  const char *found;

  g_assert_nonnull (strstr (text, "Methods\n"));
  g_assert_nonnull (strstr (text, "\xe2\x80\xa2\xe2\x80\x82Low-dose CT\n"));
  g_assert_nonnull (strstr (text, "3.\xe2\x80\x82third\n4.\xe2\x80\x82" "fourth\n"));
  /* Cells are separated by tabs that line up on the table's tab stops. */
  g_assert_nonnull (strstr (text, "Reader\tSensitivity\n"));
  g_assert_nonnull (strstr (text, "AUC 0.94"));
  g_assert_null (strstr (text, "alert"));

  /* The link is a clickable range with its address; javascript: is not. */
  found = strstr (text, "the full text");
  g_assert_nonnull (found);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) g_utf8_pointer_to_offset (text, found) + 2);
  g_assert_cmpstr (rn_reader_render_link_at (&iter), ==, "https://example.org/full");
  found = strstr (text, "bad");
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) g_utf8_pointer_to_offset (text, found));
  g_assert_null (rn_reader_render_link_at (&iter));

  /* One image to load; the tracking pixel is not offered. */
  g_assert_cmpuint (images->len, ==, 1);
  g_assert_cmpstr (((RnReaderImage *) g_ptr_array_index (images, 0))->src, ==, "https://img.example.org/f.png");
  g_assert_cmpstr (((RnReaderImage *) g_ptr_array_index (images, 0))->alt, ==, "Figure 1");

  /* 'never': no addresses at all, the alt text stands in. */
  g_ptr_array_unref (g_steal_pointer (&images));
  images = rn_reader_render (buffer, html, "https://example.org/a", FALSE);
  g_assert_cmpuint (images->len, ==, 0);
  g_free (text);
  text = buffer_text (buffer);
  g_assert_nonnull (strstr (text, "[Figure 1]"));
#else
  g_test_skip ("core/html is not merged yet: the reader renders plain text");
#endif
}

/* A 2×2 PNG. */
/* A valid 4×4 PNG. */
static const guint8 png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09,
  0x29, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38, 0x20, 0xa3, 0x01,
  0x47, 0x0c, 0xc4, 0x71, 0x00, 0xb0, 0x43, 0x10, 0x41, 0xea, 0x39, 0x38, 0x32, 0x00, 0x00, 0x00,
  0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static void
show_item_with_images (RnUiFixture  *f,
                       RnTestServer *server,
                       const char   *policy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) parsed = rn_parsed_feed_new ();
  g_autofree char *img = rn_test_server_url (server, "/f.png");
  g_autofree char *pixel = rn_test_server_url (server, "/pixel.gif");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RnParsedEntry *e = rn_parsed_entry_new ();
  RnFeedSpec spec = { 0 };
  gint64 feed_id = 0;

  g_settings_set_string (settings, "remote-images", policy);
  spec.url = "https://images.example.org/feed.xml";
  spec.title = "Images";
  g_assert_true (rn_feed_store_add_feed (f->store, &spec, &feed_id, &error));
  e->id = g_strdup ("img-1");
  e->title = g_strdup ("With a figure");
  e->link = g_strdup ("https://images.example.org/1");
  e->content = g_strdup_printf (body, img, pixel);
  e->published = g_get_real_time () / G_USEC_PER_SEC + 3600;   /* newest: first in the list */
  g_ptr_array_add (parsed->entries, e);
  g_assert_true (rn_feed_store_ingest_sync (f->store, feed_id, parsed, NULL, &error));
  g_assert_no_error (error);
  rn_ui_test_spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-item", NULL));
  rn_ui_test_spin (500);
}

/* Image loads finish when they finish: on a busy machine, later than any
 * fixed delay. Spin until @n pictures are shown, or 10 s. */
static void
wait_for_pictures (RnReaderView *reader,
                   guint         n)
{
  for (int i = 0; i < 200 && rn_reader_view_get_n_pictures (reader) < n; i++)
    rn_ui_test_spin (50);
}

static void
test_images (void)
{
  const char *policies[] = { "load", "ask", "never" };

  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      RnUiFixture f = { 0 };
      g_autoptr(RnTestServer) server = rn_test_server_new ();
      g_autoptr(GBytes) png_bytes = g_bytes_new_static (png, sizeof png);
      RnReaderView *reader;

      rn_test_server_add_bytes (server, "/f.png", "image/png", png_bytes);
      rn_test_server_add_bytes (server, "/pixel.gif", "image/png", png_bytes);
      rn_ui_fixture_setup (&f, 1, 2, 1200, 800);
      show_item_with_images (&f, server, policies[i]);
      reader = RN_READER_VIEW (rn_window_get_reader_view (f.window));
      g_assert_cmpstr (rn_item_get_title (rn_reader_view_get_item (reader)), ==, "With a figure");

#if __has_include ("html/rn-html-doc.h")
      if (i == 0)
        {
          wait_for_pictures (reader, 1);
          g_assert_cmpuint (rn_test_server_get_hits (server, "/f.png"), ==, 1);
          g_assert_cmpuint (rn_reader_view_get_n_pictures (reader), ==, 1);
          g_assert_false (rn_reader_view_get_images_blocked (reader));
        }
      else if (i == 1)
        {
          /* Nothing is fetched until the user asks. */
          g_assert_cmpuint (rn_test_server_get_hits (server, "/f.png"), ==, 0);
          g_assert_true (rn_reader_view_get_images_blocked (reader));
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.load-images", NULL));
          wait_for_pictures (reader, 1);
          g_assert_cmpuint (rn_test_server_get_hits (server, "/f.png"), ==, 1);
          g_assert_cmpuint (rn_reader_view_get_n_pictures (reader), ==, 1);
        }
      else
        {
          g_assert_false (rn_reader_view_get_images_blocked (reader));
          g_assert_cmpuint (rn_test_server_get_hits (server, "/f.png"), ==, 0);
        }
#endif
      /* A tracking pixel is never fetched, whatever the setting. */
      g_assert_cmpuint (rn_test_server_get_hits (server, "/pixel.gif"), ==, 0);
      rn_ui_fixture_teardown (&f);
    }
}

static void
test_reader_shows_text (void)
{
  RnUiFixture f = { 0 };
  RnReaderView *reader;
  g_autofree char *text = NULL;

  rn_ui_fixture_setup (&f, 2, 3, 1200, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.next-item", NULL));
  rn_ui_test_spin (200);
  reader = RN_READER_VIEW (rn_window_get_reader_view (f.window));
  text = buffer_text (rn_reader_view_get_buffer (reader));
  g_assert_nonnull (strstr (text, "prospective"));
  /* Its code block starts where the text does, not at the pane's edge. */
  {
    GtkTextTag *pre = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (rn_reader_view_get_buffer (reader)), "pre");
    int margin = 0;

    g_assert_nonnull (pre);
    g_object_get (pre, "left-margin", &margin, NULL);
    g_assert_cmpint (margin, >=, 18);
  }
  rn_ui_fixture_teardown (&f);
}

int
main (int argc, char *argv[])
{
  rn_ui_test_init (&argc, &argv);
  g_test_add_func ("/radnet/ui/reader/render-structure", test_render_structure);
  g_test_add_func ("/radnet/ui/reader/shows-text", test_reader_shows_text);
  g_test_add_func ("/radnet/ui/reader/images", test_images);
  return g_test_run ();
}
