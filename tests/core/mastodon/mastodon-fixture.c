/* mastodon-fixture.c: see mastodon-fixture.h. Answers in the shapes of the
 * Mastodon API documentation. */
#include "config.h"

#include <string.h>

#include "accounts/rn-oauth.h"
#include "mastodon-fixture.h"
#include "rn-test-util.h"

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

static void
reply_node (SoupServerMessage *msg,
            JsonNode          *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  reply_json (msg, 200, text);
}

static GHashTable *
form_params (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return g_uri_parse_params (text, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
}

static JsonNode *
json_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static char *
body_text (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* TRUE when the request carries the valid token; answers 401 otherwise. */
static gboolean
check_bearer (MastodonFixture   *self,
              SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  g_autofree char *want = g_strdup_printf ("Bearer %s", self->access_token != NULL ? self->access_token : "");

  if (self->access_token != NULL && !self->token_revoked && !self->reject_tokens &&
      g_strcmp0 (auth, want) == 0)
    return TRUE;
  reply_json (msg, 401, "{\"error\":\"The access token is invalid\"}");
  return FALSE;
}

static void
on_apps (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  MastodonFixture *self = data;
  g_autoptr(JsonNode) root = json_body (msg);
  JsonObject *obj = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autofree char *answer = NULL;

  if (obj == NULL || g_strcmp0 (json_object_get_string_member_with_default (obj, "client_name", ""), "RadNet") != 0)
    {
      reply_json (msg, 422, "{\"error\":\"Validation failed: Application name can't be blank\"}");
      return;
    }
  g_free (self->registered_redirects);
  g_free (self->registered_scopes);
  g_free (self->registered_website);
  self->registered_redirects = g_strdup (json_object_get_string_member_with_default (obj, "redirect_uris", ""));
  self->registered_scopes = g_strdup (json_object_get_string_member_with_default (obj, "scopes", ""));
  self->registered_website = g_strdup (json_object_get_string_member_with_default (obj, "website", ""));
  answer = g_strdup_printf ("{\"id\":\"563419\",\"name\":\"RadNet\",\"website\":\"%s\","
                            "\"scopes\":[\"read\"],\"redirect_uri\":\"%s\","
                            "\"client_id\":\"%s\",\"client_secret\":\"%s\",\"vapid_key\":\"BCk-QqERU0q\"}",
                            self->registered_website, "urn:ietf:wg:oauth:2.0:oob",
                            self->client_id, self->client_secret);
  reply_json (msg, 200, answer);
}

static gboolean
redirect_registered (MastodonFixture *self,
                     const char      *redirect)
{
  g_auto(GStrv) lines = g_strsplit (self->registered_redirects != NULL ? self->registered_redirects : "", "\n", -1);

  return redirect != NULL && g_strv_contains ((const char * const *) lines, redirect);
}

static void
on_authorize (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  MastodonFixture *self = data;
  const char *redirect = query != NULL ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  g_autofree char *location = NULL;
  g_autofree char *escaped_state = NULL;

  if (query == NULL ||
      g_strcmp0 (g_hash_table_lookup (query, "client_id"), self->client_id) != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "response_type"), "code") != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "scope"), self->registered_scopes) != 0 ||
      !redirect_registered (self, redirect) ||
      g_hash_table_lookup (query, "code_challenge") == NULL)
    {
      soup_server_message_set_status (msg, 400, NULL);
      return;
    }
  g_free (self->challenge);
  g_free (self->challenge_method);
  g_free (self->auth_redirect);
  g_free (self->code);
  self->challenge = g_strdup (g_hash_table_lookup (query, "code_challenge"));
  self->challenge_method = g_strdup (g_hash_table_lookup (query, "code_challenge_method"));
  self->auth_redirect = g_strdup (redirect);
  self->code = rn_oauth_random_string (16, NULL);

  if (g_str_equal (redirect, "urn:ietf:wg:oauth:2.0:oob"))
    {
      g_autofree char *page = g_strdup_printf ("<html><body>Copy this code: <code>%s</code></body></html>", self->code);

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, page, strlen (page));
      return;
    }
  escaped_state = g_uri_escape_string (state != NULL ? state : "", NULL, FALSE);
  location = g_strdup_printf ("%s?code=%s&state=%s", redirect, self->code, escaped_state);
  soup_server_message_set_redirect (msg, 302, location);
}

static void
on_token (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  MastodonFixture *self = data;
  g_autoptr(GHashTable) form = form_params (msg);
  const char *verifier = form != NULL ? g_hash_table_lookup (form, "code_verifier") : NULL;
  g_autofree char *expected = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *token_tail = NULL;

  if (form == NULL ||
      g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "authorization_code") != 0 ||
      self->code == NULL || g_strcmp0 (g_hash_table_lookup (form, "code"), self->code) != 0 ||
      g_strcmp0 (g_hash_table_lookup (form, "client_id"), self->client_id) != 0 ||
      g_strcmp0 (g_hash_table_lookup (form, "client_secret"), self->client_secret) != 0 ||
      g_strcmp0 (g_hash_table_lookup (form, "redirect_uri"), self->auth_redirect) != 0)
    {
      reply_json (msg, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is invalid\"}");
      return;
    }
  /* RFC 7636 §4.6: S256(verifier) must equal the challenge. */
  if (verifier == NULL || strlen (verifier) < 43 || strlen (verifier) > 128 ||
      g_strcmp0 (self->challenge_method, "S256") != 0 ||
      (expected = rn_oauth_s256_challenge (verifier)) == NULL ||
      g_strcmp0 (expected, self->challenge) != 0)
    {
      self->pkce_failures++;
      reply_json (msg, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE verification failed\"}");
      return;
    }
  self->pkce_checked = TRUE;
  g_clear_pointer (&self->code, g_free);   /* one use only */
  token_tail = rn_oauth_random_string (24, NULL);
  g_free (self->access_token);
  self->access_token = g_strdup_printf ("rn-secret-access-%s", token_tail);
  self->token_revoked = FALSE;
  answer = g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"scope\":\"%s\",\"created_at\":1764320000}",
                            self->access_token, self->registered_scopes);
  reply_json (msg, 200, answer);
}

static void
on_revoke (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  MastodonFixture *self = data;
  g_autoptr(GHashTable) form = form_params (msg);

  if (form != NULL && g_strcmp0 (g_hash_table_lookup (form, "token"), self->access_token) == 0 &&
      g_strcmp0 (g_hash_table_lookup (form, "client_secret"), self->client_secret) == 0)
    self->token_revoked = TRUE;
  reply_json (msg, 200, "{}");
}

static void
on_verify (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  g_autoptr(GBytes) bytes = NULL;

  if (!check_bearer (data, msg))
    return;
  bytes = rn_test_load_data ("mastodon", "verify_credentials.json", NULL);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static int
compare_ids (const char *a,
             const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

static const char *
status_id (JsonObject *status)
{
  return json_object_get_string_member_with_default (status, "id", "0");
}

static void
on_timeline (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           data)
{
  MastodonFixture *self = data;
  const char *max_id = query != NULL ? g_hash_table_lookup (query, "max_id") : NULL;
  const char *min_id = query != NULL ? g_hash_table_lookup (query, "min_id") : NULL;
  const char *since_id = query != NULL ? g_hash_table_lookup (query, "since_id") : NULL;
  const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  guint limit = limit_text != NULL ? (guint) g_ascii_strtoull (limit_text, NULL, 10) : 20;
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gboolean tag = g_str_has_prefix (path, "/api/v1/timelines/tag/");
  const char *uri_query = g_uri_get_query (soup_server_message_get_uri (msg));

  self->timeline_requests++;
  g_ptr_array_add (self->timeline_queries, g_strdup (uri_query != NULL ? uri_query : ""));
  if (tag)
    {
      if (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization") != NULL)
        self->saw_auth_on_tag = TRUE;
    }
  else if (!check_bearer (self, msg))
    return;

  if (self->rate_remaining == 0)
    {
      reply_json (msg, 429, "{\"error\":\"Too many requests\"}");
      return;
    }

  limit = CLAMP (limit, 1, 40);
  if (min_id != NULL)
    {
      /* The `limit` statuses just above min_id (oldest of the newer ones). */
      for (guint i = self->statuses->len; i > 0 && page->len < limit; i--)
        {
          JsonObject *s = g_ptr_array_index (self->statuses, i - 1);

          if (compare_ids (status_id (s), min_id) > 0)
            g_ptr_array_insert (page, 0, s);
        }
    }
  else
    for (guint i = 0; i < self->statuses->len && page->len < limit; i++)
      {
        JsonObject *s = g_ptr_array_index (self->statuses, i);

        if (max_id != NULL && compare_ids (status_id (s), max_id) >= 0)
          continue;
        if (since_id != NULL && compare_ids (status_id (s), since_id) <= 0)
          continue;
        g_ptr_array_add (page, s);
      }

  for (guint i = 0; i < page->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (page, i)));
  if (page->len > 0)
    {
      g_autofree char *link = g_strdup_printf ("<%s%s?limit=%u&max_id=%s>; rel=\"next\", <%s%s?limit=%u&min_id=%s>; rel=\"prev\"",
                                               self->base, path, limit, status_id (g_ptr_array_index (page, page->len - 1)),
                                               self->base, path, limit, status_id (g_ptr_array_index (page, 0)));
      soup_message_headers_replace (headers, "Link", link);
    }
  if (self->rate_remaining > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) reset = g_date_time_add_seconds (now, 120);
      g_autofree char *reset_text = g_date_time_format_iso8601 (reset);
      g_autofree char *remaining = g_strdup_printf ("%d", --self->rate_remaining);

      soup_message_headers_replace (headers, "X-RateLimit-Limit", "300");
      soup_message_headers_replace (headers, "X-RateLimit-Remaining", remaining);
      soup_message_headers_replace (headers, "X-RateLimit-Reset", reset_text);
    }
  root = json_node_init_array (json_node_alloc (), array);
  reply_node (msg, root);
}

static void
on_status_action (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           data)
{
  MastodonFixture *self = data;
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  if (!check_bearer (self, msg))
    return;
  /* /api/v1/statuses/ID/ACTION */
  if (g_strv_length (parts) == 6 && g_strcmp0 (soup_server_message_get_method (msg), "POST") == 0)
    {
      if (g_str_equal (parts[4], "404"))
        {
          reply_json (msg, 404, "{\"error\":\"Record not found\"}");
          return;
        }
      g_ptr_array_add (self->actions, g_strdup_printf ("%s:%s", parts[5], parts[4]));
      reply_json (msg, 200, "{\"id\":\"1\"}");
      return;
    }
  if (g_str_equal (path, "/api/v1/statuses") && g_strcmp0 (soup_server_message_get_method (msg), "POST") == 0)
    {
      g_free (self->posted_body);
      self->posted_body = body_text (msg);
      reply_json (msg, 200, "{\"id\":\"113600000000000001\",\"content\":\"<p>ok</p>\"}");
      return;
    }
  soup_server_message_set_status (msg, 404, NULL);
}

static void
on_markers (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  MastodonFixture *self = data;
  g_autofree char *answer = NULL;

  if (!check_bearer (self, msg))
    return;
  if (self->markers_down)
    {
      reply_json (msg, 503, "{\"error\":\"Service unavailable\"}");
      return;
    }
  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") == 0)
    {
      g_autoptr(JsonNode) root = json_body (msg);
      JsonObject *home = NULL;

      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        home = json_object_get_object_member (json_node_get_object (root), "home");
      if (home == NULL)
        {
          reply_json (msg, 422, "{\"error\":\"Validation failed\"}");
          return;
        }
      g_free (self->marker);
      self->marker = g_strdup (json_object_get_string_member_with_default (home, "last_read_id", NULL));
      self->marker_posts++;
    }
  if (self->marker == NULL)
    {
      reply_json (msg, 200, "{}");
      return;
    }
  answer = g_strdup_printf ("{\"home\":{\"last_read_id\":\"%s\",\"version\":3,\"updated_at\":\"2026-11-28T10:00:00.000Z\"}}",
                            self->marker);
  reply_json (msg, 200, answer);
}

static void
on_instance (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           data)
{
  MastodonFixture *self = data;
  g_autoptr(GBytes) bytes = rn_test_load_data ("mastodon", "instance.json", NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *limit = g_strdup_printf ("\"max_characters\": %u", self->max_characters);
  g_autoptr(GString) s = g_string_new (text);

  g_string_replace (s, "\"max_characters\": 500", limit, 1);
  reply_json (msg, 200, s->str);
}

static void
on_search (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  g_autofree char *corpus = rn_test_shared_path ("corpus", "mastodon", "search_v2.json", NULL);
  g_autofree char *contents = NULL;

  if (!check_bearer (data, msg))
    return;
  if (corpus == NULL || !g_file_get_contents (corpus, &contents, NULL, NULL))
    {
      reply_json (msg, 200, "{\"accounts\":[],\"statuses\":[],\"hashtags\":[]}");
      return;
    }
  reply_json (msg, 200, contents);
}

MastodonFixture *
mastodon_fixture_new (void)
{
  MastodonFixture *self = g_new0 (MastodonFixture, 1);
  g_autofree char *secret_tail = rn_oauth_random_string (24, NULL);
  g_autofree char *url = NULL;

  self->server = rn_test_server_new ();
  url = rn_test_server_url (self->server, "");
  self->base = g_strdup (url);
  if (g_str_has_suffix (self->base, "/"))
    self->base[strlen (self->base) - 1] = '\0';
  self->name = g_strdup (self->base + strlen ("http://"));
  self->client_id = g_strdup ("rn-client-id-Dm8xK2");
  self->client_secret = g_strdup_printf ("rn-secret-client-%s", secret_tail);
  self->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->timeline_queries = g_ptr_array_new_with_free_func (g_free);
  self->actions = g_ptr_array_new_with_free_func (g_free);
  self->rate_remaining = -1;
  self->max_characters = 500;

  rn_test_server_add_handler (self->server, "/api/v1/apps", on_apps, self);
  rn_test_server_add_handler (self->server, "/oauth/authorize", on_authorize, self);
  rn_test_server_add_handler (self->server, "/oauth/token", on_token, self);
  rn_test_server_add_handler (self->server, "/oauth/revoke", on_revoke, self);
  rn_test_server_add_handler (self->server, "/api/v1/accounts/verify_credentials", on_verify, self);
  rn_test_server_add_handler (self->server, "/api/v1/timelines", on_timeline, self);
  rn_test_server_add_handler (self->server, "/api/v1/bookmarks", on_timeline, self);
  rn_test_server_add_handler (self->server, "/api/v1/favourites", on_timeline, self);
  rn_test_server_add_handler (self->server, "/api/v1/statuses", on_status_action, self);
  rn_test_server_add_handler (self->server, "/api/v1/markers", on_markers, self);
  rn_test_server_add_handler (self->server, "/api/v2/instance", on_instance, self);
  rn_test_server_add_handler (self->server, "/api/v2/search", on_search, self);
  return self;
}

void
mastodon_fixture_free (MastodonFixture *self)
{
  if (self == NULL)
    return;
  rn_test_server_free (self->server);
  g_free (self->name);
  g_free (self->base);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->registered_redirects);
  g_free (self->registered_scopes);
  g_free (self->registered_website);
  g_free (self->code);
  g_free (self->challenge);
  g_free (self->challenge_method);
  g_free (self->auth_redirect);
  g_free (self->access_token);
  g_ptr_array_unref (self->statuses);
  g_ptr_array_unref (self->timeline_queries);
  g_ptr_array_unref (self->actions);
  g_free (self->marker);
  g_free (self->posted_body);
  g_free (self);
}

void
mastodon_fixture_set_statuses (MastodonFixture *self,
                               const char      *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));
  g_ptr_array_set_size (self->statuses, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (self->statuses, json_object_ref (json_array_get_object_element (array, i)));
}

void
mastodon_fixture_generate (MastodonFixture *self,
                           guint            n,
                           guint64          first_id)
{
  g_ptr_array_set_size (self->statuses, 0);
  for (guint i = n; i > 0; i--)
    {
      guint64 id = first_id + i - 1;
      JsonObject *s = json_object_new ();
      JsonObject *account = json_object_new ();
      g_autofree char *id_text = g_strdup_printf ("%" G_GUINT64_FORMAT, id);
      g_autofree char *uri = g_strdup_printf ("https://radiology.example/users/gen/statuses/%s", id_text);
      g_autofree char *content = g_strdup_printf ("<p>Generated post %s #radiology</p>", id_text);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (1764000000 + (gint64) id);
      g_autofree char *created = g_date_time_format_iso8601 (when);

      json_object_set_string_member (account, "id", "5");
      json_object_set_string_member (account, "username", "gen");
      json_object_set_string_member (account, "acct", "gen");
      json_object_set_string_member (account, "display_name", "Generator");
      json_object_set_string_member (s, "id", id_text);
      json_object_set_string_member (s, "uri", uri);
      json_object_set_string_member (s, "url", uri);
      json_object_set_string_member (s, "created_at", created);
      json_object_set_string_member (s, "content", content);
      json_object_set_string_member (s, "spoiler_text", "");
      json_object_set_boolean_member (s, "sensitive", FALSE);
      json_object_set_object_member (s, "account", account);
      {
        /* as servers send it: the post's hashtags */
        JsonArray *tags = json_array_new ();
        JsonObject *tag = json_object_new ();

        json_object_set_string_member (tag, "name", "radiology");
        json_object_set_string_member (tag, "url", "https://radiology.example/tags/radiology");
        json_array_add_object_element (tags, tag);
        json_object_set_array_member (s, "tags", tags);
      }
      g_ptr_array_add (self->statuses, s);
    }
}

typedef struct
{
  gboolean done;
  guint    status;
} Browse;

static void
on_browsed (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Browse *b = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  b->status = error != NULL ? 0 : soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (source), result));
  b->done = TRUE;
}

guint
mastodon_fixture_browse (MastodonFixture *self,
                         const char      *authorization_url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", authorization_url);
  Browse b = { FALSE, 0 };

  g_assert_nonnull (msg);
  /* libsoup follows the 302 to the loopback receiver, as a browser would. */
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_browsed, &b);
  g_assert_true (rn_test_wait_for (&b.done, 20000));
  return b.status;
}

const char *
mastodon_fixture_get_code (MastodonFixture *self)
{
  return self->code;
}
