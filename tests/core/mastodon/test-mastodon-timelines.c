/* Mastodon timelines: status mapping (own fixtures and the API
 * documentation's examples), hashtag source without an account, home
 * timeline with pagination and incremental refresh, rate limits, refused
 * tokens. */
#include "config.h"

#include <string.h>

#include "feeds/rn-feed-store.h"
#include "mastodon/rn-marker-sync.h"
#include "mastodon/rn-mastodon-actions.h"
#include "mastodon/rn-mastodon-read-position.h"
#include "mastodon/rn-mastodon-source.h"
#include "mastodon/rn-mastodon-status.h"
#include "mastodon-test.h"
#include "store/rn-sql.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static RnParsedFeed *
parse_data_file (const char *name)
{
  g_autoptr(GBytes) bytes = rn_test_load_data ("mastodon", name, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(JsonNode) root = parse (text);
  RnParsedFeed *feed = rn_parsed_feed_new ();

  rn_mastodon_statuses_append (feed, root);
  return feed;
}

static void
test_status_mapping (void)
{
  g_autoptr(RnParsedFeed) feed = parse_data_file ("home.json");
  RnParsedEntry *e;
  RnEnclosure *enc;

  g_assert_cmpuint (feed->entries->len, ==, 3);

  /* A post with hashtags, a DOI link, an image with alt text and a card. */
  e = g_ptr_array_index (feed->entries, 0);
  g_assert_cmpstr (e->id, ==, "https://radiology.example/users/ayla/statuses/113500000000000300");
  g_assert_cmpstr (e->link, ==, "https://radiology.example/@ayla/113500000000000300");
  g_assert_cmpstr (e->post_id, ==, "113500000000000300");
  g_assert_cmpstr (g_ptr_array_index (e->authors, 0), ==, "Dr Ayla Demir (@ayla)");
  g_assert_true (g_str_has_prefix (e->title, "New consensus statement on incidental adrenal nodules"));
  g_assert_nonnull (strstr (e->content, "<a href=\"https://doi.org/10.1148/radiol.2026240101\""));
  g_assert_cmpstr (e->doi, ==, "10.1148/radiol.2026240101");
  g_assert_cmpuint (e->categories->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (e->categories, 0), ==, "rsna2026");
  g_assert_cmpstr (g_ptr_array_index (e->categories, 1), ==, "meded");
  g_assert_cmpuint (e->enclosures->len, ==, 1);
  enc = g_ptr_array_index (e->enclosures, 0);
  g_assert_cmpstr (enc->url, ==, "https://files.radiology.example/media/original/adrenal.png");
  g_assert_cmpstr (enc->type, ==, "image/png");
  g_assert_cmpstr (enc->description, ==, "Axial CT showing a 1.8 cm left adrenal nodule");
  g_assert_cmpstr (e->thumbnail, ==, "https://files.radiology.example/media/small/adrenal.png");
  g_assert_cmpstr (e->card_title, ==, "Management of Incidental Adrenal Nodules");
  g_assert_cmpint (e->boosts, ==, 12);
  g_assert_cmpint (e->replies, ==, 3);
  g_assert_cmpint (e->favourites, ==, 41);
  g_assert_false (e->is_boost);
  g_assert_false (e->is_reply);
  g_assert_cmpint (e->published, ==, 1795857300);
  g_assert_cmpstr (e->lang, ==, "en");

  /* A boost: the boosted post is the content, with its warning and
   * sensitive media; the booster is recorded. */
  e = g_ptr_array_index (feed->entries, 1);
  g_assert_true (e->is_boost);
  g_assert_cmpstr (e->boosted_by, ==, "@ben");
  g_assert_cmpstr (e->id, ==, "https://foamed.example/users/casey/statuses/113499000000000100");
  g_assert_cmpstr (e->post_id, ==, "113499000000000100");
  /* Read markers count in the boost's own id. */
  g_assert_cmpstr (e->timeline_id, ==, "113500000000000200");
  g_assert_cmpstr (g_ptr_array_index (e->authors, 0), ==, "Casey R. (@casey@foamed.example)");
  g_assert_cmpstr (e->spoiler_text, ==, "Trauma imaging, graphic");
  g_assert_cmpstr (e->title, ==, "Trauma imaging, graphic");   /* the warning, not the content */
  g_assert_true (e->sensitive);
  g_assert_cmpuint (e->enclosures->len, ==, 2);
  g_assert_cmpstr (((RnEnclosure *) g_ptr_array_index (e->enclosures, 1))->type, ==, "video/mp4");
  g_assert_cmpstr (g_ptr_array_index (e->categories, 0), ==, "foamrad");
  /* sorted by when it was boosted */
  g_assert_cmpint (e->published, ==, 1795852800);

  /* A reply with a bare DOI in its text. */
  e = g_ptr_array_index (feed->entries, 2);
  g_assert_true (e->is_reply);
  g_assert_cmpstr (e->doi, ==, "10.1016/j.jacr.2025.01.002");
  g_assert_cmpstr (g_ptr_array_index (e->authors, 0), ==, "Dana <script>alert(1)</script> (@dana)");
}

static void
test_doi_and_title (void)
{
  struct { const char *html; const char *doi; } cases[] = {
    { "<p>see https://doi.org/10.1056/NEJMoa2034577.</p>", "10.1056/NEJMoa2034577" },
    { "<a href=\"https://doi.org/10.1148%2Fradiol.2021\">x</a>", NULL },
    { "<p>DOI 10.1001/JAMA.2020.1234, thanks</p>", "10.1001/JAMA.2020.1234" },
    { "<p>no reference here, 10.5 mm</p>", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *doi = rn_social_find_doi (cases[i].html);

      g_assert_cmpstr (doi, ==, cases[i].doi);
    }
  {
    g_autofree char *t = rn_social_short_title ("<p>First line<br>second</p><p>more</p>", 80);
    g_autofree char *cut = rn_social_short_title ("<p>abcdefghij klmnop</p>", 8);
    g_autofree char *empty = rn_social_short_title ("<p> </p>", 8);

    g_assert_cmpstr (t, ==, "First line");
    g_assert_cmpstr (cut, ==, "abcdefg…");
    g_assert_null (empty);
  }
}

static void
test_corpus_examples (void)
{
  g_autofree char *status_path = rn_test_shared_path ("corpus", "mastodon", "status.json", NULL);
  g_autofree char *tag_path = rn_test_shared_path ("corpus", "mastodon", "timelines_tag.json", NULL);
  g_autofree char *status_text = NULL, *tag_text = NULL;
  g_autoptr(JsonNode) status = NULL, tag = NULL;
  g_autoptr(RnParsedEntry) e = NULL;
  g_autoptr(RnParsedFeed) feed = rn_parsed_feed_new ();

  if (status_path == NULL || !g_file_get_contents (status_path, &status_text, NULL, NULL) ||
      tag_path == NULL || !g_file_get_contents (tag_path, &tag_text, NULL, NULL))
    {
      g_test_skip ("the Mastodon API examples are not available");
      return;
    }
  status = parse (status_text);
  e = rn_mastodon_status_to_entry (json_node_get_object (status));
  g_assert_nonnull (e);
  g_assert_cmpstr (e->id, ==, "https://mastodon.social/users/Gargron/statuses/103270115826048975");
  g_assert_cmpstr (g_ptr_array_index (e->authors, 0), ==, "Eugen (@Gargron)");
  g_assert_cmpstr (e->card_url, ==, "https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code");
  g_assert_cmpint (e->favourites, ==, 11);
  g_assert_cmpint (e->published, ==, 1575776913);

  /* The documentation's timeline is truncated (no account, no uri):
   * every post is still read. */
  tag = parse (tag_text);
  g_assert_cmpuint (rn_mastodon_statuses_append (feed, tag), ==, 2);
  {
    RnParsedEntry *first = g_ptr_array_index (feed->entries, 0);
    RnParsedEntry *second = g_ptr_array_index (feed->entries, 1);

    g_assert_cmpstr (first->id, ==, "103206185588894565");
    g_assert_cmpuint (first->authors->len, ==, 0);
    g_assert_cmpstr (g_ptr_array_index (first->categories, 0), ==, "cats");
    g_assert_true (g_ptr_array_find_with_equal_func (second->categories, "qualitätskatzen", g_str_equal, NULL));
  }
}

static void
test_hostile_statuses (void)
{
  const char *bodies[] = {
    "[]",
    "[1, \"x\", null, [], {}]",
    "[{\"id\": 5, \"uri\": 7, \"content\": [], \"tags\": \"no\", \"media_attachments\": {}}]",
    "[{\"id\": \"1\", \"reblog\": {\"reblog\": {\"id\": \"2\"}}, \"account\": 3}]",
    "[{\"id\": \"1\", \"tags\": [{\"name\": \"#\"}, {\"name\": 3}, {}], \"card\": {\"url\": null}}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(JsonNode) root = parse (bodies[i]);
      g_autoptr(RnParsedFeed) feed = rn_parsed_feed_new ();

      rn_mastodon_statuses_append (feed, root);
      g_assert_cmpuint (feed->entries->len, <=, 1);
    }
}

/* ---- sources ---- */

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RnRefreshOutcome, rn_refresh_outcome_clear)

static RnRefreshOutcome
refresh (Fixture    *f,
         const char *kind,
         gint64      feed_id)
{
  g_autoptr(RnMastodonSource) source = rn_mastodon_source_new (f->store, f->http, f->creds, kind);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  RnRefreshOutcome outcome = { 0 };

  rn_source_refresh_async (RN_SOURCE (source), feed_id, TRUE, NULL, keep_result, &res);
  g_assert_true (rn_source_refresh_finish (RN_SOURCE (source), wait_result (&res), &outcome, &error));
  g_assert_no_error (error);
  return outcome;
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return rn_sql_query_int (rn_store_get_reader (f->store), sql, -1);
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (rn_store_get_reader (f->store), sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return rn_sql_dup_text (stmt, 0);
}

static void
test_hashtag_without_account (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) bytes = rn_test_load_data ("mastodon", "home.json", NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  g_auto(RnRefreshOutcome) outcome = { 0 };
  gint64 feed_id = 0;

  mastodon_fixture_set_statuses (f->m, text);
  g_assert_true (rn_mastodon_add_hashtag_source (f->store, f->m->name, "#RSNA2026", 0, &feed_id, &error));
  g_assert_no_error (error);
  url = query_text (f, "SELECT url FROM feeds");
  {
    g_autofree char *want = g_strdup_printf ("https://%s/tags/RSNA2026", f->m->name);

    g_assert_cmpstr (url, ==, want);
  }

  outcome = refresh (f, "mastodon-hashtag", feed_id);
  g_assert_cmpint (outcome.status, ==, RN_REFRESH_OK);
  g_assert_cmpuint (outcome.new_items, ==, 3);
  g_assert_false (f->m->saw_auth_on_tag);    /* no account, no token */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM items WHERE type = 'post'"), ==, 3);
  title = query_text (f, "SELECT title FROM feeds");
  g_assert_nonnull (strstr (title, "#RSNA2026"));

  /* Stored as the reader needs them. */
  g_assert_cmpint (query_int (f, "SELECT is_boost FROM items WHERE guid LIKE '%casey%'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT boosts FROM items WHERE guid LIKE '%ayla%'"), ==, 12);
  g_assert_cmpint (query_int (f, "SELECT favourites FROM items WHERE guid LIKE '%ayla%'"), ==, 41);
  g_assert_cmpint (query_int (f, "SELECT is_reply FROM items WHERE guid LIKE '%dana%'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT json_extract(extra, '$.sensitive') FROM items WHERE guid LIKE '%casey%'"), ==, 1);
  {
    g_autofree char *cw = query_text (f, "SELECT json_extract(extra, '$.cw') FROM items WHERE guid LIKE '%casey%'");
    g_autofree char *by = query_text (f, "SELECT json_extract(extra, '$.boosted_by') FROM items WHERE guid LIKE '%casey%'");
    g_autofree char *alt = query_text (f, "SELECT description FROM enclosures e JOIN items i ON i.id = e.item_id WHERE i.guid LIKE '%ayla%'");
    g_autofree char *preview = query_text (f, "SELECT json_extract(extra, '$.media[0].preview') FROM items WHERE guid LIKE '%ayla%'");
    g_autofree char *card = query_text (f, "SELECT json_extract(extra, '$.card.title') FROM items WHERE guid LIKE '%ayla%'");
    g_autofree char *doi = query_text (f, "SELECT doi FROM items WHERE guid LIKE '%ayla%'");

    g_assert_cmpstr (cw, ==, "Trauma imaging, graphic");
    g_assert_cmpstr (by, ==, "@ben");
    g_assert_cmpstr (alt, ==, "Axial CT showing a 1.8 cm left adrenal nodule");
    g_assert_cmpstr (preview, ==, "https://files.radiology.example/media/small/adrenal.png");
    g_assert_cmpstr (card, ==, "Management of Incidental Adrenal Nodules");
    g_assert_cmpstr (doi, ==, "10.1148/radiol.2026240101");
  }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item_tags WHERE tag = 'rsna2026'"), ==, 1);
}

static void
test_hashtag_validation (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rn_mastodon_add_hashtag_source (f->store, NULL, "no spaces", 0, NULL, &error));
  g_assert_error (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (rn_mastodon_add_hashtag_source (f->store, NULL, "a/../b", 0, NULL, &error));
  g_clear_error (&error);
  g_assert_false (rn_mastodon_add_hashtag_source (f->store, "bad server", "ok", 0, NULL, &error));
  g_assert_error (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_INVALID_SERVER);
  g_clear_error (&error);
  g_assert_true (rn_mastodon_add_hashtag_source (f->store, NULL, "Qualitätskatzen", 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM feeds WHERE url LIKE 'https://mastodon.social/tags/%'"), ==, 1);
}

static gboolean
saw_query (Fixture    *f,
           const char *needle)
{
  for (guint i = 0; i < f->m->timeline_queries->len; i++)
    if (strstr (g_ptr_array_index (f->m->timeline_queries, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_home_pagination (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  gint64 feed_id = 0;

  g_assert_true (rn_mastodon_add_timeline_source (f->store, account, "mastodon-home", NULL, &feed_id, &error));
  g_assert_no_error (error);

  /* First look: the newest page and one older (Link rel="next"), 80 posts. */
  mastodon_fixture_generate (f->m, 150, 1000);
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-home", feed_id);

    g_assert_cmpint (outcome.status, ==, RN_REFRESH_OK);
    g_assert_cmpuint (outcome.new_items, ==, 80);
  }
  g_assert_cmpuint (f->m->timeline_requests, ==, 2);
  g_assert_true (saw_query (f, "max_id=1110"));
  cursor = query_text (f, "SELECT etag FROM feeds");
  g_assert_cmpstr (cursor, ==, "1149");
  g_assert_cmpint (query_int (f, "SELECT min(CAST(substr(guid, -4) AS INTEGER)) FROM items"), ==, 1070);

  /* Nothing new: one request with min_id, nothing stored. */
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-home", feed_id);

    g_assert_cmpint (outcome.status, ==, RN_REFRESH_NOT_MODIFIED);
  }
  g_assert_true (saw_query (f, "min_id=1149"));
  g_assert_cmpuint (f->m->timeline_requests, ==, 3);

  /* 55 new posts: walked forward with min_id (40, then 15), only new ones. */
  mastodon_fixture_generate (f->m, 205, 1000);
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-home", feed_id);

    g_assert_cmpuint (outcome.new_items, ==, 55);
  }
  g_assert_cmpuint (f->m->timeline_requests, ==, 5);
  g_assert_true (saw_query (f, "min_id=1189"));
  g_free (cursor);
  cursor = query_text (f, "SELECT etag FROM feeds");
  g_assert_cmpstr (cursor, ==, "1204");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM items"), ==, 135);
}

static gint64
item_with_status (Fixture *f,
                  guint    status)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM items WHERE guid LIKE '%%/%u'", status);

  return query_int (f, sql);
}

static gboolean
exec_in_txn (RnStore  *store,
             sqlite3  *db,
             gpointer  sql,
             GError  **error)
{
  return rn_sql_exec (db, sql, error);
}

/* The server's read marker as read flags, and the post a list returns to. */
static void
test_home_read_position (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *timeline_id = NULL;
  gint64 feed_id = 0, account_id = 0;
  guint marked = 0;

  g_assert_cmpint (rn_mastodon_id_compare ("999", "1000"), <, 0);
  g_assert_cmpint (rn_mastodon_id_compare ("1001", "1000"), >, 0);
  g_assert_cmpint (rn_mastodon_id_compare ("AbC", "AbC"), ==, 0);
  g_assert_cmpint (rn_mastodon_id_compare (NULL, "1"), <, 0);

  g_assert_true (rn_mastodon_add_timeline_source (f->store, account, "mastodon-home", NULL, &feed_id, &error));
  g_assert_no_error (error);
  mastodon_fixture_generate (f->m, 150, 1000);
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-home", feed_id);
    g_assert_cmpuint (outcome.new_items, ==, 80);   /* 1070 … 1149 */
  }

  g_assert_true (rn_mastodon_home_post (f->store, item_with_status (f, 1100), &account_id, &timeline_id));
  g_assert_cmpint (account_id, ==, account->id);
  g_assert_cmpstr (timeline_id, ==, "1100");

  /* No marker yet: nowhere to return to. */
  g_assert_cmpint (rn_mastodon_home_last_read_item (f->store, feed_id), ==, 0);

  /* Up to 1100 inclusive: 31 posts, once. */
  g_assert_true (rn_mastodon_home_mark_read_until (f->store, account->id, "1100", 0, &marked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (marked, ==, 31);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM items WHERE read = 0"), ==, 49);
  g_assert_true (rn_mastodon_home_mark_read_until (f->store, account->id, "1100", 0, &marked, &error));
  g_assert_cmpuint (marked, ==, 0);

  g_assert_true (rn_mastodon_markers_set_local (f->store, account->id, "1100", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rn_mastodon_home_last_read_item (f->store, feed_id), ==, item_with_status (f, 1100));
  /* The marked post gone from the library: the one before it. */
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM items WHERE id = %" G_GINT64_FORMAT,
                                            item_with_status (f, 1100));
    g_assert_true (rn_store_write (f->store, exec_in_txn, sql, &error));
  }
  g_assert_cmpint (rn_mastodon_home_last_read_item (f->store, feed_id), ==, item_with_status (f, 1099));

  /* Not a post id: refused before it reaches the table. */
  g_assert_false (rn_mastodon_markers_set_local (f->store, account->id, "../x", &error));
  g_assert_error (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_NOT_FOUND);
}

static void
set_read_range (Fixture *f,
                guint    first,
                guint    last,
                gboolean read)
{
  g_autoptr(GError) error = NULL;

  for (guint n = first; n <= last; n++)
    {
      g_assert_true (rn_item_store_set_read (f->store, item_with_status (f, n), read, &error));
      g_assert_no_error (error);
    }
}

static guint
sync_markers (RnMarkerSync *sync,
              gboolean      pull)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  guint marked;

  rn_marker_sync_run_async (sync, pull, NULL, keep_result, &res);
  marked = rn_marker_sync_run_finish (sync, wait_result (&res), &error);
  g_assert_no_error (error);
  return marked;
}

/* Read here, read on the phone, read offline: the position follows. */
static void
test_marker_sync (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(RnMarkerSync) sync = rn_marker_sync_new (f->store, f->http, f->creds);
  g_autoptr(GError) error = NULL;
  g_autofree char *local = NULL;
  gint64 feed_id = 0;
  gint64 deadline;

  g_assert_true (rn_mastodon_add_timeline_source (f->store, account, "mastodon-home", NULL, &feed_id, &error));
  mastodon_fixture_generate (f->m, 150, 1000);
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-home", feed_id);
    g_assert_cmpuint (outcome.new_items, ==, 80);   /* 1070 … 1149, unread */
  }

  /* Read elsewhere up to 1100: the posts up to it are read here. */
  f->m->marker = g_strdup ("1100");
  g_assert_cmpuint (sync_markers (sync, TRUE), ==, 31);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM items WHERE read = 0"), ==, 49);
  g_assert_cmpuint (f->m->marker_posts, ==, 0);

  /* Read here, in order, up to 1120: the server hears of it. A post read
   * out of order (1140) does not move the position past the unread ones. */
  set_read_range (f, 1101, 1120, TRUE);
  set_read_range (f, 1140, 1140, TRUE);
  g_assert_cmpuint (sync_markers (sync, FALSE), ==, 0);
  g_assert_cmpstr (f->m->marker, ==, "1120");
  g_assert_cmpuint (f->m->marker_posts, ==, 1);

  /* Nothing new: no request. */
  sync_markers (sync, FALSE);
  g_assert_cmpuint (f->m->marker_posts, ==, 1);

  /* The server is away: kept locally, sent by the next sync. */
  f->m->markers_down = TRUE;
  set_read_range (f, 1121, 1130, TRUE);
  sync_markers (sync, FALSE);
  local = rn_mastodon_markers_get_local (f->store, account->id, "home");
  g_assert_cmpstr (local, ==, "1130");
  g_assert_cmpstr (f->m->marker, ==, "1120");
  f->m->markers_down = FALSE;
  sync_markers (sync, TRUE);
  g_assert_cmpstr (f->m->marker, ==, "1130");

  /* Read further on the phone. */
  g_free (f->m->marker);
  f->m->marker = g_strdup ("1145");
  g_assert_cmpuint (sync_markers (sync, TRUE), ==, 14);   /* 1131 … 1145 but 1140 */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM items WHERE read = 0"), ==, 4);

  /* Marked unread here: the position never moves back. */
  set_read_range (f, 1105, 1105, FALSE);
  sync_markers (sync, TRUE);
  g_assert_cmpstr (f->m->marker, ==, "1145");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM items WHERE read = 0"), ==, 5);

  /* Started, it follows the library by itself. */
  rn_marker_sync_set_delay (sync, 10);
  rn_marker_sync_start (sync);
  set_read_range (f, 1105, 1105, TRUE);
  set_read_range (f, 1146, 1149, TRUE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_strcmp0 (f->m->marker, "1149") != 0 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpstr (f->m->marker, ==, "1149");

  /* The phone had newer posts and read up to 1155; they arrive here: read
   * up to there, the newer ones not. */
  g_free (f->m->marker);
  f->m->marker = g_strdup ("1155");
  g_assert_true (rn_mastodon_markers_set_local (f->store, account->id, "1155", &error));
  mastodon_fixture_generate (f->m, 160, 1000);
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-home", feed_id);
    g_assert_cmpuint (outcome.new_items, ==, 10);
  }
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (query_int (f, "SELECT count(*) FROM items WHERE read = 0") != 4 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM items WHERE read = 0"), ==, 4);
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(GError) error = NULL;
  gint64 feed_id = 0;

  rn_mastodon_add_timeline_source (f->store, account, "mastodon-home", NULL, &feed_id, &error);
  g_assert_no_error (error);
  mastodon_fixture_generate (f->m, 150, 1000);
  f->m->rate_remaining = 1;   /* this answer spends the last request */
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-home", feed_id);

    /* What came is kept; no second page until the reset. */
    g_assert_cmpuint (outcome.new_items, ==, 40);
    g_assert_cmpuint (f->m->timeline_requests, ==, 1);
    g_assert_cmpuint (outcome.retry_after, >=, 100);
    g_assert_cmpuint (outcome.retry_after, <=, 121);
  }
  /* Asked again anyway: the server answers 429, the refresh fails cleanly. */
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-home", feed_id);

    g_assert_cmpint (outcome.status, ==, RN_REFRESH_FAILED);
    g_assert_nonnull (outcome.error);
  }
}

static void
test_expired_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(RnAccount) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 feed_id = 0;

  rn_mastodon_add_timeline_source (f->store, account, "mastodon-bookmarks", NULL, &feed_id, &error);
  g_assert_no_error (error);
  mastodon_fixture_generate (f->m, 3, 1000);
  f->m->reject_tokens = TRUE;
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-bookmarks", feed_id);

    g_assert_cmpint (outcome.status, ==, RN_REFRESH_FAILED);
    g_assert_nonnull (strstr (outcome.error, "Sign in again"));
  }
  after = rn_account_store_get (f->store, account->id, &error);
  g_assert_cmpstr (after->state, ==, RN_ACCOUNT_STATE_EXPIRED);

  /* While expired, no request is made at all. */
  {
    guint before = f->m->timeline_requests;
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-bookmarks", feed_id);

    g_assert_cmpint (outcome.status, ==, RN_REFRESH_FAILED);
    g_assert_cmpuint (f->m->timeline_requests, ==, before);
  }
}

static void
test_list_needs_id (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(GError) error = NULL;
  gint64 feed_id = 0;

  mastodon_fixture_generate (f->m, 5, 2000);
  g_assert_true (rn_mastodon_add_timeline_source (f->store, account, "mastodon-list", "42", &feed_id, &error));
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "mastodon-list", feed_id);

    g_assert_cmpint (outcome.status, ==, RN_REFRESH_OK);
    g_assert_cmpuint (outcome.new_items, ==, 5);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RADNET_MASTODON_SCHEME", "http", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/mastodon/status-mapping", test_status_mapping);
  g_test_add_func ("/radnet/core/mastodon/doi-and-title", test_doi_and_title);
  g_test_add_func ("/radnet/core/mastodon/corpus-examples", test_corpus_examples);
  g_test_add_func ("/radnet/core/mastodon/hostile-statuses", test_hostile_statuses);
  g_test_add ("/radnet/core/mastodon/hashtag-without-account", Fixture, NULL, fixture_setup, test_hashtag_without_account, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/hashtag-validation", Fixture, NULL, fixture_setup, test_hashtag_validation, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/home-pagination", Fixture, NULL, fixture_setup, test_home_pagination, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/home-read-position", Fixture, NULL, fixture_setup, test_home_read_position, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/marker-sync", Fixture, NULL, fixture_setup, test_marker_sync, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/rate-limit", Fixture, NULL, fixture_setup, test_rate_limit, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/expired-token", Fixture, NULL, fixture_setup, test_expired_token, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/list", Fixture, NULL, fixture_setup, test_list_needs_id, fixture_teardown);
  return g_test_run ();
}
