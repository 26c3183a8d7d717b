/* Offline review: saved items are snapshotted from a fixture server (main
 * text without the page's clutter, images checked and capped, trackers
 * and SVG refused), the server goes away, the library is opened again,
 * and everything reads from the store. Also: retry after a failure,
 * cancellation, removing snapshots, image sniffing. */
#include "config.h"

#include <string.h>

#include "../reading/reading-fixture.h"
#include "offline/rn-image-sniff.h"
#include "offline/rn-snapshot.h"
#include "reading/rn-reading-list.h"
#include "rn-test-server.h"
#include "rn-test-util.h"

static const char article_page[] =
  "<!DOCTYPE html><html><head><title>Chest CT in pregnancy | Journal of Imaging</title></head><body>"
  "<nav class=\"site-nav\"><a href=\"/\">Home</a> <a href=\"/issues\">Issues</a> <a href=\"/about\">About</a>"
  " NAVIGATIONMARKER</nav>"
  "<aside class=\"sidebar\"><h3>Most read</h3><ul><li><a href=\"/x\">Other story</a></li>"
  "<li><a href=\"/y\">Another story</a></li></ul><p>SIDEBARMARKER advertisement</p></aside>"
  "<article class=\"article-body\"><h1>Chest CT in pregnancy</h1>"
  "<p>Computed tomography pulmonary angiography remains the reference test when pulmonary embolism is "
  "suspected in a pregnant patient, and the dose to the fetus, in the second and third trimester, is small. "
  "The tumour board reviewed forty cases, their imaging, and the outcomes at six weeks.</p>"
  "<p><img src=\"/img/red.png\" alt=\"Axial CT\"></p>"
  "<p>Perfusion scintigraphy was chosen in women with a normal chest radiograph, which kept the maternal "
  "breast dose low, while CT was preferred when the radiograph was abnormal, as guidelines advise.</p>"
  "<figure><img src=\"/img/blue.jpg\" alt=\"Coronal reformat\"><figcaption>Coronal reformat</figcaption></figure>"
  "<p>Both pathways found the emboli that mattered, with few indeterminate studies, and no fetal harm was "
  "recorded in the follow-up period, which reassured the referring obstetricians.</p>"
  "<p><img src=\"/pixel.gif\" width=\"1\" height=\"1\" alt=\"\">"
  "<img src=\"%s\" alt=\"Huge figure\"><img src=\"/img/logo.svg\" alt=\"Logo\">"
  "<img src=\"/img/fake.png\" alt=\"Fake\"></p>"
  "</article>"
  "<div class=\"comments\"><h3>Comments</h3><p>COMMENTMARKER Great article, thanks, very useful, more please.</p></div>"
  "<footer>Copyright FOOTERMARKER</footer></body></html>";

static const char second_page[] =
  "<!DOCTYPE html><html><head><title>Wrist fractures</title></head><body>"
  "<main><h1>Wrist fractures</h1>"
  "<p>Scaphoid fractures are missed on the first radiograph in a good share of cases, so a patient with "
  "snuffbox tenderness is immobilised and imaged again, or sent to MRI, which settles the question early.</p>"
  "<p><img src=\"/img/green.gif\" alt=\"Scaphoid\"></p>"
  "<p>Distal radius fractures, by contrast, are seldom subtle, and the report should give angulation, "
  "shortening and the state of the distal radioulnar joint, which guide the choice of treatment.</p>"
  "</main></body></html>";

static const char svg[] =
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>";

typedef struct
{
  gboolean        done;
  GError         *error;
  RnSnapshotState state;
} Wait;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *w = user_data;

  rn_reading_list_save_finish (RN_READING_LIST (source), result, &w->error);
  w->done = TRUE;
}

static void
on_retried (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  w->state = rn_reading_list_retry_snapshot_finish (RN_READING_LIST (source), result, &w->error);
  w->done = TRUE;
}

static void
on_taken (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *w = user_data;

  w->state = rn_snapshotter_take_finish (RN_SNAPSHOTTER (source), result, &w->error);
  w->done = TRUE;
}

static void
serve_file (RnTestServer *server,
            const char   *path,
            const char   *type,
            const char   *file)
{
  g_autoptr(GBytes) body = rn_test_load_data ("offline", file, NULL);

  rn_test_server_add_bytes (server, path, type, body);
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

static char *
feed_of (RnTestServer *server)
{
  g_autofree char *a = rn_test_server_url (server, "/article");
  g_autofree char *b = rn_test_server_url (server, "/wrist");
  g_autofree char *c = rn_test_server_url (server, "/later");

  return g_strdup_printf (
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Journal of Imaging</title>"
    "<link>https://journal.example.org/</link>"
    "<item><title>Chest CT in pregnancy</title><link>%s</link><guid>s1</guid>"
    "<description>&lt;p&gt;Summary with a figure &lt;img src=\"/img/blue.jpg\" alt=\"fig\"&gt;&lt;/p&gt;</description></item>"
    "<item><title>Wrist fractures</title><link>%s</link><guid>s2</guid>"
    "<description>Scaphoid first.</description></item>"
    "<item><title>Published later</title><link>%s</link><guid>s3</guid>"
    "<description>&lt;p&gt;Only a summary, for now.&lt;/p&gt;</description></item>"
    "</channel></rss>", a, b, c);
}

static void
assert_bytes_equal (GBytes     *got,
                    const char *file)
{
  g_autoptr(GBytes) want = rn_test_load_data ("offline", file, NULL);

  g_assert_nonnull (got);
  g_assert_true (g_bytes_equal (got, want));
}

static void
test_offline_review (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  g_autoptr(RnTestRawServer) huge = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *huge_url = NULL;
  g_autofree char *page = NULL;
  g_autofree char *rss = NULL;
  g_autofree char *red_url = rn_test_server_url (server, "/img/red.png");
  g_autofree char *blue_url = rn_test_server_url (server, "/img/blue.jpg");
  g_autofree char *green_url = rn_test_server_url (server, "/img/green.gif");
  g_autofree char *svg_url = rn_test_server_url (server, "/img/logo.svg");
  g_autofree char *fake_url = rn_test_server_url (server, "/img/fake.png");
  g_autofree char *pixel_url = rn_test_server_url (server, "/pixel.gif");
  RnContext *context;
  RnReadingList *list;
  RnStore *store;
  gint64 s1, s2, s3;
  Wait w1 = { 0 }, w2 = { 0 }, w3 = { 0 }, retry = { 0 };
  RnSaveOptions options = { 0 };
  gint64 total;

  huge = rn_test_raw_server_new (RN_TEST_RAW_STALL,
                                 "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                                 "Content-Length: 900000000\r\n\r\n", NULL, 0);
  huge_url = rn_test_raw_server_url (huge, "/huge.png");
  page = g_strdup_printf (article_page, huge_url);
  serve_text (server, "/article", "text/html; charset=utf-8", page);
  serve_text (server, "/wrist", "text/html", second_page);
  serve_file (server, "/img/red.png", "image/png", "red.png");
  serve_file (server, "/img/blue.jpg", "image/jpeg", "blue.jpg");
  serve_file (server, "/img/green.gif", "image/gif", "green.gif");
  serve_file (server, "/pixel.gif", "image/gif", "green.gif");
  serve_text (server, "/img/logo.svg", "image/svg+xml", svg);
  serve_text (server, "/img/fake.png", "image/png", svg);   /* lies about its type */

  context = rn_test_context_new (&dir);
  store = rn_context_get_store (context);
  rss = feed_of (server);
  fixture_add_feed (store, "https://journal.example.org/rss", rss);
  s1 = fixture_item_id (store, "s1");
  s2 = fixture_item_id (store, "s2");
  s3 = fixture_item_id (store, "s3");
  list = rn_reading_list_new (store, rn_context_get_http (context), NULL);

  /* Three at once, two run at a time. */
  rn_reading_list_save_async (list, s1, &options, NULL, on_saved, &w1);
  rn_reading_list_save_async (list, s2, &options, NULL, on_saved, &w2);
  rn_reading_list_save_async (list, s3, &options, NULL, on_saved, &w3);
  g_assert_true (rn_test_wait_for (&w1.done, 20000));
  g_assert_true (rn_test_wait_for (&w2.done, 20000));
  g_assert_true (rn_test_wait_for (&w3.done, 20000));
  g_assert_no_error (w1.error);
  g_assert_no_error (w2.error);
  g_assert_no_error (w3.error);

  g_assert_cmpint (rn_snapshot_get_state (store, s1, NULL), ==, RN_SNAPSHOT_STATE_PARTIAL);
  g_assert_cmpint (rn_snapshot_get_state (store, s2, NULL), ==, RN_SNAPSHOT_STATE_COMPLETE);
  g_assert_cmpint (rn_snapshot_get_state (store, s3, NULL), ==, RN_SNAPSHOT_STATE_FAILED);
  /* The tracker was never requested. */
  g_assert_cmpuint (rn_test_server_get_hits (server, "/pixel.gif"), ==, 0);
  /* The list shows the states too. */
  {
    g_autoptr(RnSavedItem) e = rn_reading_list_get (list, s3);
    g_assert_cmpint (rn_saved_item_get_snapshot_state (e), ==, RN_SNAPSHOT_STATE_FAILED);
  }

  /* The page appears: retry works. */
  serve_text (server, "/later", "text/html", second_page);
  rn_reading_list_retry_snapshot_async (list, s3, NULL, on_retried, &retry);
  g_assert_true (rn_test_wait_for (&retry.done, 20000));
  g_assert_no_error (retry.error);
  g_assert_cmpint (retry.state, ==, RN_SNAPSHOT_STATE_COMPLETE);
  g_assert_cmpint (rn_snapshot_get_state (store, s3, NULL), ==, RN_SNAPSHOT_STATE_COMPLETE);

  /* No network any more; a new context on the same folder. */
  g_clear_pointer (&server, rn_test_server_free);
  g_clear_pointer (&huge, rn_test_raw_server_free);
  g_object_unref (list);
  g_object_unref (context);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *html = NULL, *title = NULL, *mime = NULL;
    g_autoptr(GBytes) red = NULL, blue = NULL, green = NULL;
    g_auto(GStrv) assets = NULL;

    context = rn_context_new (dir, &error);
    g_assert_no_error (error);
    store = rn_context_get_store (context);

    g_assert_true (rn_snapshot_load (store, s1, &html, &title, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (title, ==, "Chest CT in pregnancy");
    g_assert_nonnull (strstr (html, "tumour board"));
    g_assert_nonnull (strstr (html, "fetal harm"));
    g_assert_null (strstr (html, "NAVIGATIONMARKER"));
    g_assert_null (strstr (html, "SIDEBARMARKER"));
    g_assert_null (strstr (html, "COMMENTMARKER"));
    g_assert_null (strstr (html, "<script"));
    g_assert_nonnull (strstr (html, red_url));

    red = rn_snapshot_get_asset (store, s1, red_url, &mime);
    assert_bytes_equal (red, "red.png");
    g_assert_cmpstr (mime, ==, "image/png");
    g_clear_pointer (&mime, g_free);
    blue = rn_snapshot_get_asset (store, s1, blue_url, &mime);
    assert_bytes_equal (blue, "blue.jpg");
    g_assert_cmpstr (mime, ==, "image/jpeg");
    g_assert_null (rn_snapshot_get_asset (store, s1, svg_url, NULL));
    g_assert_null (rn_snapshot_get_asset (store, s1, fake_url, NULL));
    g_assert_null (rn_snapshot_get_asset (store, s1, pixel_url, NULL));
    g_assert_null (rn_snapshot_get_asset (store, s1, huge_url, NULL));
    assets = rn_snapshot_list_assets (store, s1);
    g_assert_cmpuint (g_strv_length (assets), ==, 2);
    g_assert_cmpint (fixture_count (store, "SELECT count(*) FROM snapshot_assets WHERE width = 4 AND height = 4"), ==, 1);
    g_assert_cmpint (fixture_count (store, "SELECT count(*) FROM snapshot_assets WHERE width = 6 AND height = 3"), ==, 1);

    green = rn_snapshot_get_asset (store, s2, green_url, NULL);
    assert_bytes_equal (green, "green.gif");
    green = (g_bytes_unref (green), rn_snapshot_get_asset (store, s3, green_url, NULL));
    assert_bytes_equal (green, "green.gif");
    g_assert_cmpint (rn_snapshot_get_state (store, s1, NULL), ==, RN_SNAPSHOT_STATE_PARTIAL);

    /* Taking it again without a network keeps the copy we have. */
    {
      g_autoptr(RnReadingList) offline = rn_reading_list_new (store, rn_context_get_http (context), NULL);
      g_autofree char *why = NULL;
      g_autoptr(GBytes) still = NULL;
      Wait again = { 0 };

      rn_reading_list_retry_snapshot_async (offline, s1, NULL, on_retried, &again);
      g_assert_true (rn_test_wait_for (&again.done, 20000));
      g_assert_no_error (again.error);
      g_assert_cmpint (again.state, ==, RN_SNAPSHOT_STATE_PARTIAL);
      g_assert_cmpint (rn_snapshot_get_state (store, s1, &why), ==, RN_SNAPSHOT_STATE_PARTIAL);
      g_assert_nonnull (why);
      still = rn_snapshot_get_asset (store, s1, red_url, NULL);
      assert_bytes_equal (still, "red.png");
    }

    total = rn_snapshot_total_bytes (store);
    g_assert_cmpint (total, >, (gint64) (g_bytes_get_size (red) + g_bytes_get_size (blue) + strlen (html)));

    /* Remove one, then all: the space is given back, the list stays. */
    g_assert_true (rn_snapshot_remove (store, s2, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rn_snapshot_total_bytes (store), <, total);
    g_assert_true (rn_snapshot_remove_all (store, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rn_snapshot_total_bytes (store), ==, 0);
    g_assert_cmpint (fixture_count (store, "SELECT count(*) FROM snapshots"), ==, 0);
    g_assert_cmpint (fixture_count (store, "SELECT count(*) FROM snapshot_assets"), ==, 0);
    g_assert_cmpint (fixture_count (store, "SELECT count(*) FROM saved"), ==, 3);
    g_assert_cmpint (rn_snapshot_get_state (store, s1, NULL), ==, RN_SNAPSHOT_STATE_NONE);
    /* The item's own content is still there to read. */
    g_clear_pointer (&html, g_free);
    g_assert_true (rn_snapshot_load (store, s1, &html, NULL, &error));
    g_assert_nonnull (strstr (html, "Summary with a figure"));
    g_object_unref (context);
  }

  rn_test_rmdir (dir);
}

static void
test_limits (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  g_autofree char *dir = NULL;
  g_autofree char *rss = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  g_autoptr(RnReadingList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) page = g_string_new ("<html><body><article><h1>Many images</h1>");
  g_autofree char *link = rn_test_server_url (server, "/many");
  RnSaveOptions no_snapshot = { .no_snapshot = TRUE };
  Wait w = { 0 };
  gint64 id;

  /* 12 distinct images of 276 bytes each, limits: 5 images, 1000 bytes. */
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *path = g_strdup_printf ("/img/%u.png", i);

      serve_file (server, path, "image/png", "red.png");
      g_string_append_printf (page, "<p>Paragraph %u of a long article, with commas, words, and more words "
                              "so that it reads as text.</p><p><img src=\"%s\" alt=\"i\"></p>", i, path);
    }
  g_string_append (page, "</article></body></html>");
  serve_text (server, "/many", "text/html", page->str);
  rss = g_strdup_printf ("<rss version=\"2.0\"><channel><title>T</title><item><title>Many</title>"
                         "<link>%s</link><guid>m</guid></item></channel></rss>", link);
  fixture_add_feed (store, "https://example.org/rss", rss);
  id = fixture_item_id (store, "m");
  list = rn_reading_list_new (store, rn_context_get_http (context), NULL);
  rn_reading_list_save (list, id, &no_snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rn_snapshot_get_state (store, id, NULL), ==, RN_SNAPSHOT_STATE_NONE);

  rn_snapshotter_set_limits (rn_reading_list_get_snapshotter (list), 0, 1000, 5);
  rn_snapshotter_take_async (rn_reading_list_get_snapshotter (list), id, NULL, on_taken, &w);
  g_assert_true (rn_test_wait_for (&w.done, 20000));
  g_assert_no_error (w.error);
  g_assert_cmpint (w.state, ==, RN_SNAPSHOT_STATE_PARTIAL);
  /* At most 5 fetched; at most 1000 bytes kept (3 × 276). */
  g_assert_cmpint (fixture_count (store, "SELECT count(*) FROM snapshot_assets"), ==, 3);
  g_assert_cmpuint (rn_test_server_get_hits (server, "/img/5.png"), ==, 0);
  g_assert_cmpint (fixture_count (store, "SELECT sum(length(data)) FROM snapshot_assets"), <=, 1000);

  rn_test_rmdir (dir);
}

static void
test_cancel (void)
{
  g_autoptr(RnTestRawServer) stall = rn_test_raw_server_new (RN_TEST_RAW_STALL,
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n", NULL, 0);
  g_autofree char *link = rn_test_raw_server_url (stall, "/slow");
  g_autofree char *rss = g_strdup_printf ("<rss version=\"2.0\"><channel><title>T</title><item>"
                                          "<title>Slow</title><link>%s</link><guid>x</guid></item>"
                                          "</channel></rss>", link);
  g_autofree char *dir = NULL;
  RnContext *context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  RnReadingList *list = rn_reading_list_new (store, rn_context_get_http (context), NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gboolean never = FALSE;
  Wait w = { 0 };
  gint64 id;

  fixture_add_feed (store, "https://example.org/rss", rss);
  id = fixture_item_id (store, "x");
  rn_reading_list_save (list, id, NULL, &error);
  g_assert_no_error (error);
  rn_snapshotter_take_async (rn_reading_list_get_snapshotter (list), id, cancellable, on_taken, &w);
  rn_test_wait_for (&never, 300);
  g_assert_false (w.done);
  g_assert_cmpuint (rn_snapshotter_get_n_pending (rn_reading_list_get_snapshotter (list)), ==, 1);
  g_cancellable_cancel (cancellable);
  g_assert_true (rn_test_wait_for (&w.done, 5000));
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&w.error);
  g_assert_cmpint (rn_snapshot_get_state (store, id, NULL), ==, RN_SNAPSHOT_STATE_PENDING);
  g_assert_cmpuint (rn_snapshotter_get_n_pending (rn_reading_list_get_snapshotter (list)), ==, 0);

  g_object_unref (list);
  g_object_unref (context);
  g_clear_pointer (&stall, rn_test_raw_server_free);
  rn_test_rmdir (dir);
}

static void
test_concurrency_limit (void)
{
  g_autoptr(RnTestRawServer) stall = rn_test_raw_server_new (RN_TEST_RAW_STALL,
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n", NULL, 0);
  g_autofree char *one = rn_test_raw_server_url (stall, "/one");
  g_autofree char *two = rn_test_raw_server_url (stall, "/two");
  g_autofree char *rss = g_strdup_printf ("<rss version=\"2.0\"><channel><title>T</title>"
                                          "<item><title>One</title><link>%s</link><guid>1</guid></item>"
                                          "<item><title>Two</title><link>%s</link><guid>2</guid></item>"
                                          "<item><title>Three</title><guid>3</guid>"
                                          "<description>No link, only this text.</description></item>"
                                          "</channel></rss>", one, two);
  g_autofree char *dir = NULL;
  RnContext *context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  RnReadingList *list = rn_reading_list_new (store, rn_context_get_http (context), NULL);
  RnSnapshotter *snapshotter = rn_reading_list_get_snapshotter (list);
  RnSaveOptions no_snapshot = { .no_snapshot = TRUE };
  g_autoptr(GError) error = NULL;
  gboolean never = FALSE;
  Wait w1 = { 0 }, w2 = { 0 }, w3 = { 0 };
  gint64 i1, i2, i3;

  fixture_add_feed (store, "https://example.org/rss", rss);
  i1 = fixture_item_id (store, "1");
  i2 = fixture_item_id (store, "2");
  i3 = fixture_item_id (store, "3");
  rn_reading_list_save (list, i1, &no_snapshot, &error);
  rn_reading_list_save (list, i2, &no_snapshot, &error);
  rn_reading_list_save (list, i3, &no_snapshot, &error);
  g_assert_no_error (error);

  /* One at a time: the second page is not asked for while the first
   * hangs, and the third waits its turn. */
  rn_snapshotter_set_max_concurrent (snapshotter, 1);
  rn_snapshotter_take_async (snapshotter, i1, NULL, on_taken, &w1);
  rn_snapshotter_take_async (snapshotter, i2, NULL, on_taken, &w2);
  rn_snapshotter_take_async (snapshotter, i3, NULL, on_taken, &w3);
  rn_test_wait_for (&never, 400);
  g_assert_cmpuint (rn_test_raw_server_get_connections (stall), ==, 1);
  g_assert_cmpuint (rn_snapshotter_get_n_pending (snapshotter), ==, 3);
  g_assert_false (w3.done);

  /* Two at a time: the second starts. */
  rn_snapshotter_set_max_concurrent (snapshotter, 2);
  rn_test_wait_for (&never, 400);
  g_assert_cmpuint (rn_test_raw_server_get_connections (stall), ==, 2);

  rn_snapshotter_cancel_all (snapshotter);
  g_assert_true (rn_test_wait_for (&w1.done, 5000));
  g_assert_true (rn_test_wait_for (&w2.done, 5000));
  g_assert_true (rn_test_wait_for (&w3.done, 5000));
  g_assert_error (w1.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (w2.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (w3.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&w1.error);
  g_clear_error (&w2.error);
  g_clear_error (&w3.error);

  /* An item without a link: its own content is the snapshot. */
  memset (&w3, 0, sizeof w3);
  rn_snapshotter_take_async (snapshotter, i3, NULL, on_taken, &w3);
  g_assert_true (rn_test_wait_for (&w3.done, 5000));
  g_assert_no_error (w3.error);
  g_assert_cmpint (w3.state, ==, RN_SNAPSHOT_STATE_COMPLETE);
  {
    g_autofree char *html = NULL;

    g_assert_true (rn_snapshot_load (store, i3, &html, NULL, &error));
    g_assert_nonnull (strstr (html, "No link, only this text."));
  }

  g_object_unref (list);
  g_object_unref (context);
  g_clear_pointer (&stall, rn_test_raw_server_free);
  rn_test_rmdir (dir);
}

static void
test_charset (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  g_autoptr(RnReadingList) list = NULL;
  g_autofree char *link = rn_test_server_url (server, "/latin1");
  g_autofree char *rss = g_strdup_printf ("<rss version=\"2.0\"><channel><title>T</title><item><title>L</title>"
                                          "<link>%s</link><guid>l</guid></item></channel></rss>", link);
  /* "Radiologie générale" in ISO-8859-1: é is one byte, 0xE9. */
  static const char latin1[] =
    "<html><body><article><h1>Radiologie g\xe9n\xe9rale</h1>"
    "<p>La radiographie thoracique reste l'examen de premi\xe8re intention, simple, rapide, et peu irradiante, "
    "dans la plupart des situations cliniques courantes.</p>"
    "<p>Le scanner est r\xe9serv\xe9 aux cas difficiles, aux bilans d'extension, et aux urgences graves.</p>"
    "</article></body></html>";
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  Wait w = { 0 };
  gint64 id;

  serve_text (server, "/latin1", "text/html; charset=ISO-8859-1", latin1);
  fixture_add_feed (store, "https://example.org/rss", rss);
  id = fixture_item_id (store, "l");
  list = rn_reading_list_new (store, rn_context_get_http (context), NULL);
  rn_reading_list_save (list, id, NULL, &error);
  g_assert_no_error (error);
  rn_snapshotter_take_async (rn_reading_list_get_snapshotter (list), id, NULL, on_taken, &w);
  g_assert_true (rn_test_wait_for (&w.done, 10000));
  g_assert_no_error (w.error);
  g_assert_cmpint (w.state, ==, RN_SNAPSHOT_STATE_COMPLETE);
  g_assert_true (rn_snapshot_load (store, id, &html, NULL, &error));
  g_assert_nonnull (strstr (html, "r\xc3\xa9serv\xc3\xa9"));   /* réservé in UTF-8 */
  rn_test_rmdir (dir);
}

static void
test_sniff (void)
{
  static const struct
  {
    const char *file;
    const char *mime;
    int         width;
    int         height;
  } cases[] = {
    { "red.png", "image/png", 4, 4 },
    { "blue.jpg", "image/jpeg", 6, 3 },
    { "green.gif", "image/gif", 2, 2 },
  };
  static const guint8 webp[] = { 'R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X',
                                 10, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 4, 0, 0 };
  int w, h;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) data = rn_test_load_data ("offline", cases[i].file, NULL);
      gsize len;
      const guint8 *p = g_bytes_get_data (data, &len);

      g_assert_cmpstr (rn_image_sniff (p, len, &w, &h), ==, cases[i].mime);
      g_assert_cmpint (w, ==, cases[i].width);
      g_assert_cmpint (h, ==, cases[i].height);
      /* Cut short: still recognised or refused, never read past the end. */
      for (gsize cut = 0; cut < len; cut++)
        rn_image_sniff (p, cut, &w, &h);
    }
  g_assert_cmpstr (rn_image_sniff (webp, sizeof webp, &w, &h), ==, "image/webp");
  g_assert_cmpint (w, ==, 10);
  g_assert_cmpint (h, ==, 5);
  g_assert_null (rn_image_sniff ((const guint8 *) svg, strlen (svg), &w, &h));
  g_assert_null (rn_image_sniff ((const guint8 *) "<?xml version=\"1.0\"?><svg/>", 27, NULL, NULL));
  g_assert_null (rn_image_sniff ((const guint8 *) "GIF8", 4, NULL, NULL));
  g_assert_null (rn_image_sniff (NULL, 0, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/offline/review-without-network", test_offline_review);
  g_test_add_func ("/radnet/core/offline/limits", test_limits);
  g_test_add_func ("/radnet/core/offline/cancel", test_cancel);
  g_test_add_func ("/radnet/core/offline/charset", test_charset);
  g_test_add_func ("/radnet/core/offline/concurrency-limit", test_concurrency_limit);
  g_test_add_func ("/radnet/core/offline/sniff", test_sniff);

  return g_test_run ();
}
