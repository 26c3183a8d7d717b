/* Mastodon actions: the character counter, composing against the
 * server's limit, read markers, the offline action queue, remote search. */
#include "config.h"

#include <string.h>

#include "mastodon/rn-action-queue.h"
#include "search/rn-account-search.h"
#include "mastodon/rn-mastodon-actions.h"
#include "mastodon-test.h"
#include "store/rn-sql.h"

static void
test_count_characters (void)
{
  g_autofree char *long_url = NULL;

  g_assert_cmpuint (rn_mastodon_count_characters (""), ==, 0);
  g_assert_cmpuint (rn_mastodon_count_characters ("Hello"), ==, 5);
  g_assert_cmpuint (rn_mastodon_count_characters ("Größe 🫁"), ==, 7);
  /* Every link counts 23, however long. */
  long_url = g_strdup_printf ("see https://doi.org/10.1148/%s", "radiol.2026240101.extra.long.suffix.here");
  g_assert_cmpuint (rn_mastodon_count_characters (long_url), ==, 4 + 23);
  g_assert_cmpuint (rn_mastodon_count_characters ("http://a.b"), ==, 23);
  g_assert_cmpuint (rn_mastodon_count_characters ("https://"), ==, 8);
  /* A mention counts its local part only. */
  g_assert_cmpuint (rn_mastodon_count_characters ("@ayla@radiology.example hi"), ==, 5 + 3);
  g_assert_cmpuint (rn_mastodon_count_characters ("mail me@radiology.example"), ==, 25);
  g_assert_cmpuint (rn_mastodon_count_characters ("\xff\xfe"), ==, 0);
}

static void
test_post_status (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *id = NULL;
  g_autofree char *too_long = NULL;
  JsonObject *body;

  rn_mastodon_post_status_async (f->store, f->http, f->creds, account->id,
                                 "Slides from today: https://radiology.example/slides #MedEd",
                                 "Long thread", "unlisted", "en", "113500000000000300",
                                 NULL, keep_result, &res);
  id = rn_mastodon_post_status_finish (wait_result (&res), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "113600000000000001");
  g_assert_true (json_parser_load_from_data (parser, f->m->posted_body, -1, NULL));
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (body, "status"), ==,
                   "Slides from today: https://radiology.example/slides #MedEd");
  g_assert_cmpstr (json_object_get_string_member (body, "spoiler_text"), ==, "Long thread");
  g_assert_cmpstr (json_object_get_string_member (body, "visibility"), ==, "unlisted");
  g_assert_cmpstr (json_object_get_string_member (body, "in_reply_to_id"), ==, "113500000000000300");

  /* Over this server's limit (it says 100): refused before sending. */
  g_clear_object (&res);
  g_clear_pointer (&f->m->posted_body, g_free);
  f->m->max_characters = 100;
  too_long = g_strnfill (101, 'x');
  rn_mastodon_post_status_async (f->store, f->http, f->creds, account->id, too_long, NULL, NULL, NULL, NULL,
                                 NULL, keep_result, &res);
  g_assert_null (rn_mastodon_post_status_finish (wait_result (&res), &error));
  g_assert_error (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "101"));
  g_assert_null (f->m->posted_body);
  g_clear_error (&error);

  /* A long link still fits: it counts as 23. */
  g_clear_object (&res);
  {
    g_autofree char *path = g_strnfill (150, 'a');

    g_free (too_long);
    too_long = g_strdup_printf ("https://radiology.example/%s", path);
  }
  rn_mastodon_post_status_async (f->store, f->http, f->creds, account->id, too_long, NULL, NULL, NULL, NULL,
                                 NULL, keep_result, &res);
  g_free (id);
  id = rn_mastodon_post_status_finish (wait_result (&res), &error);
  g_assert_no_error (error);
}

static void
test_markers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  g_autofree char *local = NULL;

  /* The server has a position: it is read and kept locally. */
  f->m->marker = g_strdup ("113500000000000100");
  rn_mastodon_markers_get_async (f->store, f->http, f->creds, account->id, NULL, keep_result, &res);
  got = rn_mastodon_markers_get_finish (wait_result (&res), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "113500000000000100");
  local = rn_mastodon_markers_get_local (f->store, account->id, "home");
  g_assert_cmpstr (local, ==, "113500000000000100");

  /* Reading further moves it on the server too. */
  g_clear_object (&res);
  rn_mastodon_markers_set_async (f->store, f->http, f->creds, account->id, "113500000000000300",
                                 NULL, keep_result, &res);
  g_assert_true (rn_mastodon_markers_set_finish (wait_result (&res), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->m->marker, ==, "113500000000000300");
  g_free (local);
  local = rn_mastodon_markers_get_local (f->store, account->id, "home");
  g_assert_cmpstr (local, ==, "113500000000000300");

  /* An id that is not one never reaches a URL or the server. */
  g_clear_object (&res);
  rn_mastodon_markers_set_async (f->store, f->http, f->creds, account->id, "../../x",
                                 NULL, keep_result, &res);
  g_assert_false (rn_mastodon_markers_set_finish (wait_result (&res), &error));
  g_assert_nonnull (error);
}

static guint
flush (RnActionQueue *queue)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  guint sent;

  rn_action_queue_flush_async (queue, NULL, keep_result, &res);
  sent = rn_action_queue_flush_finish (queue, wait_result (&res), &error);
  g_assert_no_error (error);
  return sent;
}

static void
test_action_queue_offline (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(RnActionQueue) queue = rn_action_queue_new (f->store, f->http, f->creds);
  g_autoptr(GError) error = NULL;
  SoupServer *soup = rn_test_server_get_soup (f->m->server);
  g_autoptr(GUri) uri = g_uri_parse (f->m->base, G_URI_FLAGS_NONE, NULL);
  int port = g_uri_get_port (uri);

  rn_action_queue_set_watch_network (queue, FALSE);

  /* The server goes away: actions wait in the library, in order. */
  soup_server_disconnect (soup);
  g_assert_true (rn_action_queue_add (queue, account->id, RN_MASTODON_ACTION_BOOKMARK, "113500000000000300", &error));
  g_assert_true (rn_action_queue_add (queue, account->id, RN_MASTODON_ACTION_FAVOURITE, "113500000000000300", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (flush (queue), ==, 0);
  g_assert_cmpuint (rn_action_queue_get_n_pending (queue), ==, 2);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (f->store),
                                     "SELECT count(*) FROM pending_actions WHERE action = 'bookmark'", -1), ==, 1);
  g_assert_cmpuint (f->m->actions->len, ==, 0);

  /* It is back: the queue drains, in the order the actions were taken. */
  g_assert_true (soup_server_listen_local (soup, port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (flush (queue), ==, 2);
  g_assert_cmpuint (rn_action_queue_get_n_pending (queue), ==, 0);
  g_assert_cmpuint (f->m->actions->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->m->actions, 0), ==, "bookmark:113500000000000300");
  g_assert_cmpstr (g_ptr_array_index (f->m->actions, 1), ==, "favourite:113500000000000300");

  /* A post that is gone is dropped, not retried for ever. */
  g_assert_true (rn_action_queue_add (queue, account->id, RN_MASTODON_ACTION_UNBOOKMARK, "404", &error));
  g_assert_cmpuint (flush (queue), ==, 0);
  g_assert_cmpuint (rn_action_queue_get_n_pending (queue), ==, 0);

  /* A refused token keeps the action for after the next sign-in. */
  f->m->reject_tokens = TRUE;
  g_assert_true (rn_action_queue_add (queue, account->id, RN_MASTODON_ACTION_UNFAVOURITE, "113500000000000300", &error));
  g_assert_cmpuint (flush (queue), ==, 0);
  g_assert_cmpuint (rn_action_queue_get_n_pending (queue), ==, 1);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;
  g_autofree char *corpus = rn_test_shared_path ("corpus", "mastodon", "search_v2.json", NULL);

  /* Without an account: a hashtag reads the public timeline, no token. */
  mastodon_fixture_generate (f->m, 3, 500);
  rn_mastodon_search_async (f->store, f->http, f->creds, 0, f->m->name, "#radiology", NULL, keep_result, &res);
  feed = rn_mastodon_search_finish (wait_result (&res), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->entries->len, ==, 3);
  g_assert_false (f->m->saw_auth_on_tag);
  g_clear_pointer (&feed, rn_parsed_feed_free);
  g_clear_object (&res);

  /* With an account, a hashtag is still its timeline, asked as the user. */
  rn_mastodon_search_async (f->store, f->http, f->creds, account->id, NULL, "#radiology", NULL, keep_result, &res);
  feed = rn_mastodon_search_finish (wait_result (&res), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->entries->len, ==, 3);
  g_assert_true (f->m->saw_auth_on_tag);
  g_clear_pointer (&feed, rn_parsed_feed_free);
  g_clear_object (&res);

  /* Free text needs an account. */
  rn_mastodon_search_async (f->store, f->http, f->creds, 0, f->m->name, "adrenal", NULL, keep_result, &res);
  g_assert_null (rn_mastodon_search_finish (wait_result (&res), &error));
  g_assert_error (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_clear_object (&res);

  rn_mastodon_search_async (f->store, f->http, f->creds, account->id, NULL, "cats", NULL, keep_result, &res);
  feed = rn_mastodon_search_finish (wait_result (&res), &error);
  g_assert_no_error (error);
  if (corpus == NULL)
    {
      g_assert_cmpuint (feed->entries->len, ==, 0);
      g_test_skip ("the Mastodon API examples are not available");
      return;
    }
  g_assert_cmpuint (feed->entries->len, ==, 2);
  g_assert_cmpstr (((RnParsedEntry *) g_ptr_array_index (feed->entries, 1))->spoiler_text, ==, "Cats");
}

/* What a server is asked for a column's query. */
static void
test_remote_query_text (void)
{
  static const struct { const char *query; const char *text; } cases[] = {
    { "#RSNA2026", "#RSNA2026" },
    { "MRI AND #radiology since:30d", "#radiology" },
    { "(MRI OR ultrasound) -pediatric source:Radiology", "MRI ultrasound" },
    { "\"pulmonary embolism\"", "\"pulmonary embolism\"" },
    { "since:7d", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rn_account_search_query_text (cases[i].query);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
on_columns_searched (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  gint64 *added = data;
  g_autoptr(GError) error = NULL;

  *added = rn_account_search_columns_finish (result, &error);
  g_assert_no_error (error);
}

/* A #hashtag column that names the account gets the server's posts; one
 * that names no account asks nobody. */
static void
test_column_remote_results (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumnStore) columns = rn_column_store_new (f->store, &error);
  g_autofree char *key = rn_account_search_key_for (account);
  const char *keys[] = { key, NULL };
  RnColumn *tagged, *local;
  gint64 added = -1;
  guint requests;

  g_assert_no_error (error);
  tagged = rn_column_store_add (columns, "Radiology", "#radiology", RN_QUERY_SORT_NEWEST, FALSE, &error);
  g_assert_no_error (error);
  local = rn_column_store_add (columns, "MRI", "MRI", RN_QUERY_SORT_NEWEST, FALSE, &error);
  g_assert_no_error (error);
  rn_column_set_remote_accounts (tagged, keys);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tagged)), ==, 0);

  mastodon_fixture_generate (f->m, 3, 700);
  requests = f->m->timeline_requests;
  rn_account_search_columns_async (columns, f->http, f->creds, NULL, NULL, on_columns_searched, &added);
  while (added < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (added, ==, 3);
  g_assert_cmpuint (f->m->timeline_requests, ==, requests + 1);
  g_assert_true (f->m->saw_auth_on_tag);
  /* The column shows them once the store's notice went out. */
  for (guint i = 0; i < 100 && g_list_model_get_n_items (G_LIST_MODEL (tagged)) < 3; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tagged)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (local)), ==, 0);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (f->store),
                                     "SELECT count(*) FROM feeds WHERE kind = 'remote-search'", 0), ==, 1);
}

static void
on_columns_failed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  GError **error = data;

  g_assert_cmpint (rn_account_search_columns_finish (result, error), ==, -1);
  g_assert_nonnull (*error);
}

/* A server that turns the search away (rate limit) makes it fail with the
 * column's name in the reason, for the window to show. */
static void
test_column_remote_failure (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(RnColumnStore) columns = rn_column_store_new (f->store, &error);
  g_autofree char *key = rn_account_search_key_for (account);
  const char *keys[] = { key, NULL };
  RnColumn *tagged;

  g_assert_no_error (error);
  tagged = rn_column_store_add (columns, "Radiology", "#radiology", RN_QUERY_SORT_NEWEST, FALSE, &error);
  g_assert_no_error (error);
  rn_column_set_remote_accounts (tagged, keys);
  mastodon_fixture_generate (f->m, 3, 700);
  f->m->rate_remaining = 0;
  rn_account_search_columns_async (columns, f->http, f->creds, NULL, NULL, on_columns_failed, &failure);
  while (failure == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (failure->message, "Radiology"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tagged)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RADNET_MASTODON_SCHEME", "http", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/mastodon/count-characters", test_count_characters);
  g_test_add ("/radnet/core/mastodon/post-status", Fixture, NULL, fixture_setup, test_post_status, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/markers", Fixture, NULL, fixture_setup, test_markers, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/action-queue-offline", Fixture, NULL, fixture_setup, test_action_queue_offline, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add_func ("/radnet/core/mastodon/remote-query-text", test_remote_query_text);
  g_test_add ("/radnet/core/mastodon/column-remote-results", Fixture, NULL, fixture_setup, test_column_remote_results, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/column-remote-failure", Fixture, NULL, fixture_setup, test_column_remote_failure, fixture_teardown);
  return g_test_run ();
}
