/* Bluesky: post mapping, facets and graphemes, sign-in with an app
 * password, session refresh when the access token expired, sources,
 * posting, sign-out, against an in-process PDS fixture. */
#include "config.h"

#include <string.h>

#include "accounts/rn-credentials-memory.h"
#include "bluesky/rn-bluesky-post.h"
#include "bluesky/rn-bluesky-session.h"
#include "bluesky/rn-bluesky-source.h"
#include "feeds/rn-feed-store.h"
#include "rn-test-server.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"

#define HANDLE       "rn-tester.bsky.example"
#define DID          "did:plc:rntester0000000000000000"
#define APP_PASSWORD "abcd-efgh-ijkl-mnop"

typedef struct
{
  char          *dir;
  RnContext     *context;
  RnStore       *store;
  RnHttp        *http;
  RnCredentials *creds;
  RnTestServer  *server;
  char          *pds;

  /* the fixture PDS */
  char          *access;
  char          *refresh;
  guint          generation;
  gboolean       access_expired;
  gboolean       refresh_invalid;
  guint          refreshes;
  guint          timeline_requests;
  gboolean       deleted_session;
  char          *created_record;
  int            rate_remaining;
} Fixture;

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
reply_file (SoupServerMessage *msg,
            const char        *name)
{
  g_autoptr(GBytes) bytes = rn_test_load_data ("bluesky", name, NULL);

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static const char *
bearer (SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  return auth != NULL && g_str_has_prefix (auth, "Bearer ") ? auth + strlen ("Bearer ") : NULL;
}

static void
new_session (Fixture           *f,
             SoupServerMessage *msg)
{
  g_autofree char *answer = NULL;

  f->generation++;
  g_free (f->access);
  g_free (f->refresh);
  f->access = g_strdup_printf ("rn-secret-bsky-access-%u", f->generation);
  f->refresh = g_strdup_printf ("rn-secret-bsky-refresh-%u", f->generation);
  f->access_expired = FALSE;
  answer = g_strdup_printf ("{\"did\":\"%s\",\"handle\":\"%s\",\"email\":\"t@example.org\","
                            "\"accessJwt\":\"%s\",\"refreshJwt\":\"%s\",\"active\":true}",
                            DID, HANDLE, f->access, f->refresh);
  reply_json (msg, 200, answer);
}

static gboolean
check_access (Fixture           *f,
              SoupServerMessage *msg)
{
  if (g_strcmp0 (bearer (msg), f->access) != 0)
    {
      reply_json (msg, 401, "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid token\"}");
      return FALSE;
    }
  if (f->access_expired)
    {
      reply_json (msg, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
      return FALSE;
    }
  return TRUE;
}

static void
on_xrpc (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  Fixture *f = data;
  const char *method = path + strlen ("/xrpc/");

  if (g_str_equal (method, "com.atproto.server.createSession"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *obj;

      if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
        {
          reply_json (msg, 400, "{\"error\":\"InvalidRequest\",\"message\":\"bad json\"}");
          return;
        }
      obj = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member_with_default (obj, "identifier", ""), HANDLE) != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (obj, "password", ""), APP_PASSWORD) != 0)
        {
          reply_json (msg, 401, "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}");
          return;
        }
      new_session (f, msg);
    }
  else if (g_str_equal (method, "com.atproto.server.refreshSession"))
    {
      if (f->refresh_invalid || g_strcmp0 (bearer (msg), f->refresh) != 0)
        {
          reply_json (msg, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has been revoked\"}");
          return;
        }
      f->refreshes++;
      new_session (f, msg);
    }
  else if (g_str_equal (method, "com.atproto.server.deleteSession"))
    {
      f->deleted_session = g_strcmp0 (bearer (msg), f->refresh) == 0;
      soup_server_message_set_status (msg, 200, NULL);
    }
  else if (g_str_equal (method, "app.bsky.feed.getTimeline"))
    {
      f->timeline_requests++;
      if (!check_access (f, msg))
        return;
      if (f->rate_remaining >= 0)
        {
          g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC + 300);
          g_autofree char *left = g_strdup_printf ("%d", f->rate_remaining);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "RateLimit-Remaining", left);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "RateLimit-Reset", reset);
        }
      reply_file (msg, "timeline.json");
    }
  else if (g_str_equal (method, "app.bsky.feed.searchPosts"))
    {
      if (!check_access (f, msg))
        return;
      if (query == NULL || g_strcmp0 (g_hash_table_lookup (query, "q"), "#MedEd") != 0 ||
          g_strcmp0 (g_hash_table_lookup (query, "sort"), "latest") != 0)
        {
          reply_json (msg, 400, "{\"error\":\"InvalidRequest\",\"message\":\"unexpected query\"}");
          return;
        }
      reply_file (msg, "search.json");
    }
  else if (g_str_equal (method, "com.atproto.repo.createRecord"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

      if (!check_access (f, msg))
        return;
      g_free (f->created_record);
      f->created_record = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      reply_json (msg, 200, "{\"uri\":\"at://" DID "/app.bsky.feed.post/3lbz000000001\",\"cid\":\"bafyreinew\"}");
    }
  else
    reply_json (msg, 501, "{\"error\":\"MethodNotImplemented\",\"message\":\"no\"}");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->context = rn_test_context_new (&f->dir);
  f->store = rn_context_get_store (f->context);
  f->http = rn_context_get_http (f->context);
  f->creds = rn_credentials_memory_new ();
  f->server = rn_test_server_new ();
  f->rate_remaining = -1;
  rn_test_server_add_handler (f->server, "/xrpc", on_xrpc, f);
  f->pds = rn_test_server_url (f->server, "");
  if (g_str_has_suffix (f->pds, "/"))
    f->pds[strlen (f->pds) - 1] = '\0';
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->creds);
  g_clear_object (&f->context);
  rn_test_server_free (f->server);
  rn_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->pds);
  g_free (f->access);
  g_free (f->refresh);
  g_free (f->created_record);
}

static void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static RnAccount *
sign_in (Fixture    *f,
         const char *password,
         GError    **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  rn_bluesky_sign_in_async (f->store, f->http, f->creds, "@" HANDLE, password, f->pds, NULL, keep_result, &res);
  return rn_bluesky_sign_in_finish (wait_result (&res), error);
}

static char *
lookup (Fixture          *f,
        gint64            account_id,
        RnCredentialKind  kind)
{
  g_autoptr(GAsyncResult) res = NULL;

  rn_credentials_lookup_async (f->creds, account_id, kind, NULL, keep_result, &res);
  return rn_credentials_lookup_finish (f->creds, wait_result (&res), NULL);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return rn_sql_query_int (rn_store_get_reader (f->store), sql, -1);
}

/* ---- pure parts ---- */

static JsonNode *
load_json (const char *name)
{
  g_autoptr(GBytes) bytes = rn_test_load_data ("bluesky", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_post_mapping (void)
{
  g_autoptr(JsonNode) root = load_json ("timeline.json");
  g_autoptr(RnParsedFeed) feed = rn_parsed_feed_new ();
  RnParsedEntry *e;
  RnEnclosure *enc;

  g_assert_cmpuint (rn_bluesky_posts_append (feed, json_object_get_member (json_node_get_object (root), "feed")), ==, 3);

  e = g_ptr_array_index (feed->entries, 0);
  g_assert_cmpstr (e->id, ==, "at://did:plc:ayla4radiology/app.bsky.feed.post/3lbq2x7hk2c2a");
  g_assert_cmpstr (e->link, ==, "https://bsky.app/profile/ayla.radiology.example/post/3lbq2x7hk2c2a");
  g_assert_cmpstr (g_ptr_array_index (e->authors, 0), ==, "Dr Ayla Demir (@ayla.radiology.example)");
  g_assert_cmpstr (e->content, ==,
                   "<p>Adrenal consensus → <a href=\"https://doi.org/10.1148/radiol.2026240101\">"
                   "doi.org/10.1148/radiol.2026240101</a> "
                   "<a href=\"https://bsky.app/hashtag/RSNA2026\">#RSNA2026</a> 😀</p>");
  g_assert_cmpstr (e->doi, ==, "10.1148/radiol.2026240101");
  g_assert_cmpstr (g_ptr_array_index (e->categories, 0), ==, "rsna2026");
  enc = g_ptr_array_index (e->enclosures, 0);
  g_assert_cmpstr (enc->description, ==, "Axial CT, left adrenal nodule");
  g_assert_true (g_str_has_prefix (enc->type, "image/"));
  g_assert_nonnull (e->thumbnail);
  g_assert_cmpint (e->boosts, ==, 5);
  g_assert_cmpint (e->replies, ==, 2);
  g_assert_cmpint (e->favourites, ==, 19);
  g_assert_cmpstr (e->lang, ==, "en");

  e = g_ptr_array_index (feed->entries, 1);
  g_assert_true (e->is_boost);
  g_assert_cmpstr (e->boosted_by, ==, "@ben.radiology.example");
  g_assert_true (e->sensitive);   /* labelled graphic-media */

  e = g_ptr_array_index (feed->entries, 2);
  g_assert_true (e->is_reply);
  g_assert_cmpstr (e->content, ==, "<p>Agreed &amp; &lt;script&gt;x&lt;/script&gt;</p>");
  g_assert_cmpstr (e->card_title, ==, "JACR white paper");
  g_assert_cmpstr (e->doi, ==, "10.1016/j.jacr.2025.01.002");
}

static void
test_hostile_facets (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *html = NULL;

  /* out of range, inside a multibyte character, overlapping, javascript: */
  g_assert_true (json_parser_load_from_data (parser,
    "[{\"index\":{\"byteStart\":0,\"byteEnd\":999},\"features\":[{\"$type\":\"app.bsky.richtext.facet#link\",\"uri\":\"https://a.example\"}]},"
    " {\"index\":{\"byteStart\":1,\"byteEnd\":3},\"features\":[{\"$type\":\"app.bsky.richtext.facet#link\",\"uri\":\"https://b.example\"}]},"
    " {\"index\":{\"byteStart\":0,\"byteEnd\":2},\"features\":[{\"$type\":\"app.bsky.richtext.facet#link\",\"uri\":\"javascript:alert(1)\"}]},"
    " {\"index\":{\"byteStart\":3,\"byteEnd\":5},\"features\":[{\"$type\":\"app.bsky.richtext.facet#link\",\"uri\":\"https://c.example/\\\"x\"}]},"
    " {\"index\":{\"byteStart\":4,\"byteEnd\":5},\"features\":[{\"$type\":\"app.bsky.richtext.facet#link\",\"uri\":\"https://d.example\"}]},"
    " {\"index\":\"x\"}, 7, {\"features\":[]}]", -1, NULL));
  html = rn_bluesky_text_to_html ("éab<c", json_node_get_array (json_parser_get_root (parser)));
  g_assert_cmpstr (html, ==, "<p>éa<a href=\"https://c.example/&quot;x\">b&lt;</a>c</p>");
  g_assert_null (rn_bluesky_text_to_html ("\xff", NULL));
}

static void
test_graphemes (void)
{
  g_assert_cmpuint (rn_bluesky_count_graphemes ("hello"), ==, 5);
  g_assert_cmpuint (rn_bluesky_count_graphemes ("e\xcc\x81"), ==, 1);               /* e + combining acute */
  g_assert_cmpuint (rn_bluesky_count_graphemes ("👍🏽"), ==, 1);                      /* skin tone */
  g_assert_cmpuint (rn_bluesky_count_graphemes ("🇩🇪🇫🇷"), ==, 2);                   /* two flags */
  g_assert_cmpuint (rn_bluesky_count_graphemes ("👩‍⚕️ MD"), ==, 4);                  /* ZWJ sequence */
  g_assert_cmpuint (rn_bluesky_count_graphemes ("a\r\nb"), ==, 3);
}

static void
test_build_facets (void)
{
  const char *text = "Slides → https://radiology.example/s1. #MedEd #FOAMrad!";
  g_autoptr(JsonNode) facets = rn_bluesky_build_facets (text);
  JsonArray *array = json_node_get_array (facets);
  JsonObject *link, *index;

  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  link = json_array_get_object_element (array, 0);
  index = json_object_get_object_member (link, "index");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (link, "features"), 0), "uri"),
                   ==, "https://radiology.example/s1");
  /* byte offsets: "Slides → " is 11 bytes */
  g_assert_cmpint (json_object_get_int_member (index, "byteStart"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (index, "byteEnd"), ==, 11 + strlen ("https://radiology.example/s1"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (array, 2), "features"), 0), "tag"),
                   ==, "FOAMrad");
}

/* ---- against the fixture ---- */

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnAccount) bad = sign_in (f, "wrong-password", &error);
  g_autoptr(RnAccount) account = NULL;
  g_autofree char *access = NULL, *refresh = NULL, *did = NULL;

  g_assert_null (bad);
  g_assert_error (error, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_AUTH);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM accounts"), ==, 0);
  g_clear_error (&error);

  account = sign_in (f, APP_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->kind, ==, "bluesky");
  g_assert_cmpstr (account->server, ==, f->pds);
  g_assert_cmpstr (account->username, ==, HANDLE);
  did = rn_account_dup_option (account, "did");
  g_assert_cmpstr (did, ==, DID);

  /* The session's tokens are kept; the app password is not. */
  access = lookup (f, account->id, RN_CREDENTIAL_ACCESS_TOKEN);
  refresh = lookup (f, account->id, RN_CREDENTIAL_REFRESH_TOKEN);
  g_assert_cmpstr (access, ==, f->access);
  g_assert_cmpstr (refresh, ==, f->refresh);
  g_assert_cmpuint (rn_credentials_memory_get_n_secrets (RN_CREDENTIALS_MEMORY (f->creds)), ==, 2);
  g_assert_null (lookup (f, account->id, RN_CREDENTIAL_APP_PASSWORD));
}

static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnAccount) account = NULL;

  rn_credentials_memory_set_available (RN_CREDENTIALS_MEMORY (f->creds), FALSE);
  account = sign_in (f, APP_PASSWORD, &error);
  g_assert_null (account);
  g_assert_error (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_UNAVAILABLE);
  g_assert_null (f->access);   /* the password was never even sent */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM accounts"), ==, 0);
}

static RnRefreshOutcome
refresh (Fixture    *f,
         const char *kind,
         gint64      feed_id)
{
  g_autoptr(RnBlueskySource) source = rn_bluesky_source_new (f->store, f->http, f->creds, kind);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  RnRefreshOutcome outcome = { 0 };

  rn_source_refresh_async (RN_SOURCE (source), feed_id, TRUE, NULL, keep_result, &res);
  g_assert_true (rn_source_refresh_finish (RN_SOURCE (source), wait_result (&res), &outcome, &error));
  g_assert_no_error (error);
  return outcome;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RnRefreshOutcome, rn_refresh_outcome_clear)

static void
test_timeline_and_refresh (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnAccount) account = sign_in (f, APP_PASSWORD, &error);
  g_autofree char *access = NULL, *refresh_token = NULL;
  gint64 feed_id = 0;

  g_assert_true (rn_bluesky_add_timeline_source (f->store, account, &feed_id, &error));
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "bluesky-timeline", feed_id);

    g_assert_cmpint (outcome.status, ==, RN_REFRESH_OK);
    g_assert_cmpuint (outcome.new_items, ==, 3);
  }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM items WHERE type = 'post'"), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT is_boost FROM items WHERE guid LIKE '%casey4foam%'"), ==, 1);

  /* The access token expires: refreshed once, the call retried, new
   * tokens stored. Nothing newer than the cursor: nothing stored. */
  f->access_expired = TRUE;
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "bluesky-timeline", feed_id);

    g_assert_cmpint (outcome.status, ==, RN_REFRESH_NOT_MODIFIED);
    g_assert_null (outcome.error);
  }
  g_assert_cmpuint (f->refreshes, ==, 1);
  g_assert_cmpuint (f->timeline_requests, ==, 3);
  access = lookup (f, account->id, RN_CREDENTIAL_ACCESS_TOKEN);
  refresh_token = lookup (f, account->id, RN_CREDENTIAL_REFRESH_TOKEN);
  g_assert_cmpstr (access, ==, "rn-secret-bsky-access-2");
  g_assert_cmpstr (refresh_token, ==, "rn-secret-bsky-refresh-2");

  /* Rate limit spent: reported as a wait. */
  f->rate_remaining = 0;
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "bluesky-timeline", feed_id);

    g_assert_cmpuint (outcome.retry_after, >=, 290);
  }
  f->rate_remaining = -1;

  /* Both tokens refused: the account is expired, the user told to sign in. */
  f->access_expired = TRUE;
  f->refresh_invalid = TRUE;
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "bluesky-timeline", feed_id);
    g_autoptr(RnAccount) after = rn_account_store_get (f->store, account->id, NULL);

    g_assert_cmpint (outcome.status, ==, RN_REFRESH_FAILED);
    g_assert_nonnull (strstr (outcome.error, "Sign in again"));
    g_assert_cmpstr (after->state, ==, RN_ACCOUNT_STATE_EXPIRED);
  }
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnAccount) account = sign_in (f, APP_PASSWORD, &error);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;
  gint64 feed_id = 0;

  g_assert_true (rn_bluesky_add_search_source (f->store, account, "#MedEd", &feed_id, &error));
  {
    g_auto(RnRefreshOutcome) outcome = refresh (f, "bluesky-search", feed_id);

    g_assert_cmpint (outcome.status, ==, RN_REFRESH_OK);
    g_assert_cmpuint (outcome.new_items, ==, 2);
  }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item_tags WHERE tag = 'meded'"), ==, 1);

  rn_bluesky_search_async (f->store, f->http, f->creds, account->id, "#MedEd", NULL, keep_result, &res);
  feed = rn_bluesky_search_finish (wait_result (&res), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->entries->len, ==, 2);
}

static void
test_post (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnAccount) account = sign_in (f, APP_PASSWORD, &error);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *uri = NULL;
  g_autofree char *too_long = g_strnfill (301, 'x');
  JsonObject *body, *record;

  rn_bluesky_post_async (f->store, f->http, f->creds, account->id, "New case: https://radiology.example/c/1 #FOAMrad",
                         "en", NULL, keep_result, &res);
  uri = rn_bluesky_post_finish (wait_result (&res), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (uri, "at://" DID "/app.bsky.feed.post/"));
  g_assert_true (json_parser_load_from_data (parser, f->created_record, -1, NULL));
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (body, "repo"), ==, DID);
  g_assert_cmpstr (json_object_get_string_member (body, "collection"), ==, "app.bsky.feed.post");
  record = json_object_get_object_member (body, "record");
  g_assert_cmpstr (json_object_get_string_member (record, "$type"), ==, "app.bsky.feed.post");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "facets")), ==, 2);
  g_assert_nonnull (json_object_get_string_member (record, "createdAt"));

  g_clear_object (&res);
  g_clear_pointer (&f->created_record, g_free);
  rn_bluesky_post_async (f->store, f->http, f->creds, account->id, too_long, NULL, NULL, keep_result, &res);
  g_assert_null (rn_bluesky_post_finish (wait_result (&res), &error));
  g_assert_error (error, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_TOO_LONG);
  g_assert_null (f->created_record);
}

static void
test_sign_out (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnAccount) account = sign_in (f, APP_PASSWORD, &error);
  g_autoptr(GAsyncResult) res = NULL;
  gint64 feed_id = 0;

  rn_bluesky_add_timeline_source (f->store, account, &feed_id, &error);
  rn_bluesky_sign_out_async (f->store, f->http, f->creds, account->id, NULL, keep_result, &res);
  g_assert_true (rn_bluesky_sign_out_finish (wait_result (&res), &error));
  g_assert_no_error (error);
  g_assert_true (f->deleted_session);
  g_assert_cmpuint (rn_credentials_memory_get_n_secrets (RN_CREDENTIALS_MEMORY (f->creds)), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM accounts"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM feeds"), ==, 0);
}

static void
test_pds_address (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { NULL, "https://bsky.social" },
    { "https://bsky.social/", "https://bsky.social" },
    { "https://pds.example:8443/xrpc", "https://pds.example:8443" },
    { "http://pds.example", NULL },
    { "ftp://pds.example", NULL },
    { "not a url", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = rn_bluesky_normalize_pds (cases[i].in, &error);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RADNET_MASTODON_SCHEME", "http", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/bluesky/post-mapping", test_post_mapping);
  g_test_add_func ("/radnet/core/bluesky/hostile-facets", test_hostile_facets);
  g_test_add_func ("/radnet/core/bluesky/graphemes", test_graphemes);
  g_test_add_func ("/radnet/core/bluesky/build-facets", test_build_facets);
  g_test_add_func ("/radnet/core/bluesky/pds-address", test_pds_address);
  g_test_add ("/radnet/core/bluesky/sign-in", Fixture, NULL, fixture_setup, test_sign_in, fixture_teardown);
  g_test_add ("/radnet/core/bluesky/no-keyring", Fixture, NULL, fixture_setup, test_no_keyring, fixture_teardown);
  g_test_add ("/radnet/core/bluesky/timeline-and-refresh", Fixture, NULL, fixture_setup, test_timeline_and_refresh, fixture_teardown);
  g_test_add ("/radnet/core/bluesky/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/radnet/core/bluesky/post", Fixture, NULL, fixture_setup, test_post, fixture_teardown);
  g_test_add ("/radnet/core/bluesky/sign-out", Fixture, NULL, fixture_setup, test_sign_out, fixture_teardown);
  return g_test_run ();
}
