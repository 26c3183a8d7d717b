/* rn-bluesky-session.c: XRPC transport, session create / refresh / delete. */
#define G_LOG_DOMAIN "rn-bluesky"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "mastodon/rn-mastodon-api.h"
#include "rn-bluesky-session.h"

G_DEFINE_QUARK (rn-bluesky-error-quark, rn_bluesky_error)

#define MAX_BODY (8 * 1024 * 1024)

char *
rn_bluesky_normalize_pds (const char  *pds,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (pds == NULL || *pds == '\0')
    pds = RN_BLUESKY_DEFAULT_PDS;
  uri = g_uri_parse (pds, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 &&
       !(g_strcmp0 (scheme, "http") == 0 && rn_mastodon_allow_http (pds))))
    {
      g_set_error (error, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_INVALID,
                   _("“%s” is not the https address of a Bluesky server"), pds);
      return NULL;
    }
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s://%s:%d", scheme, g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup_printf ("%s://%s", scheme, g_uri_get_host (uri));
}

void
rn_bluesky_reply_free (RnBlueskyReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->response, rn_http_response_unref);
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply);
}

/* ---- one request ---- */

/* RateLimit-Remaining: 0 with RateLimit-Reset in Unix seconds. */
static guint
rate_limit_wait (SoupMessageHeaders *headers)
{
  const char *remaining, *reset;
  guint64 left = 1, when = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (headers == NULL)
    return 0;
  remaining = soup_message_headers_get_one (headers, "RateLimit-Remaining");
  reset = soup_message_headers_get_one (headers, "RateLimit-Reset");
  if (remaining == NULL || !g_ascii_string_to_unsigned (remaining, 10, 0, G_MAXUINT32, &left, NULL) ||
      left > 0)
    return 0;
  if (reset == NULL || !g_ascii_string_to_unsigned (reset, 10, 0, G_MAXINT64, &when, NULL))
    return 60;
  if ((gint64) when <= now)
    return 0;
  return (guint) MIN ((gint64) when - now, 60 * 60);
}

typedef struct
{
  guint retry_after;
} RawData;

static void
on_raw (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(GTask) task = data;
  RawData *raw = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) response = rn_http_fetch_finish (RN_HTTP (source), result, &error);
  g_autoptr(RnBlueskyReply) reply = g_new0 (RnBlueskyReply, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = g_bytes_get_size (response->body);
  const char *code = NULL, *message = NULL;

  reply->response = rn_http_response_ref (response);
  reply->retry_after = rate_limit_wait (response->headers);
  raw->retry_after = MAX (reply->retry_after, response->retry_after);
  if (size > 0 &&
      json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL), size, NULL) &&
      json_parser_get_root (parser) != NULL)
    {
      reply->root = json_node_copy (json_parser_get_root (parser));
      if (JSON_NODE_HOLDS_OBJECT (reply->root))
        {
          code = json_object_get_string_member_with_default (json_node_get_object (reply->root), "error", NULL);
          message = json_object_get_string_member_with_default (json_node_get_object (reply->root), "message", NULL);
        }
    }

  if (error == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) rn_bluesky_reply_free);
      return;
    }
  if (g_error_matches (error, RN_HTTP_ERROR, RN_HTTP_ERROR_CANCELLED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  else if (response->status == SOUP_STATUS_UNAUTHORIZED ||
           g_strcmp0 (code, "ExpiredToken") == 0 || g_strcmp0 (code, "InvalidToken") == 0)
    g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_EXPIRED,
                             _("Bluesky no longer accepts RadNet’s sign-in. Sign in again."));
  else if (g_error_matches (error, RN_HTTP_ERROR, RN_HTTP_ERROR_RATE_LIMITED))
    g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_RATE_LIMITED,
                             _("Bluesky asks RadNet to wait before asking again"));
  else if (error->domain == RN_HTTP_ERROR &&
           (error->code == RN_HTTP_ERROR_NETWORK || error->code == RN_HTTP_ERROR_TIMEOUT ||
            error->code == RN_HTTP_ERROR_TLS || error->code == RN_HTTP_ERROR_SERVER))
    g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_NETWORK, "%s", error->message);
  else if (message != NULL && *message != '\0')
    g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_FAILED,
                             _("Bluesky answered: %s"), message);
  else
    g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_FAILED, "%s", error->message);
}

static void
raw_call_async (RnHttp              *http,
                const char          *method,
                const char          *url,
                const char          *bearer,
                JsonNode            *body,
                gboolean             user_requested,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (http, cancellable, callback, user_data);
  g_autofree char *auth = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *headers[3] = { NULL };
  RnHttpRequest request = { 0 };

  g_task_set_source_tag (task, raw_call_async);
  g_task_set_task_data (task, g_new0 (RawData, 1), g_free);
  if (bearer != NULL)
    {
      auth = g_strdup_printf ("Bearer %s", bearer);
      headers[0] = "Authorization";
      headers[1] = auth;
    }
  if (body != NULL)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();

      json_generator_set_root (gen, body);
      json = json_generator_to_data (gen, NULL);
      bytes = g_bytes_new (json, strlen (json));
      request.content_type = "application/json";
    }
  request.url = url;
  request.method = method;
  request.body = bytes;
  request.accept = "application/json";
  request.headers = bearer != NULL ? headers : NULL;
  request.max_body_size = MAX_BODY;
  request.flags = user_requested ? RN_HTTP_REQUEST_PRIORITY : RN_HTTP_REQUEST_NONE;
  rn_http_fetch_async (http, &request, cancellable, on_raw, g_steal_pointer (&task));
  /* The secrets went into RnHttp's copy; wipe ours. */
  if (auth != NULL)
    memset (auth, 0, strlen (auth));
  if (json != NULL)
    memset (json, 0, strlen (json));
}

static RnBlueskyReply *
raw_call_finish (RnHttp        *http,
                 GAsyncResult  *result,
                 guint         *out_retry_after,
                 GError       **error)
{
  RawData *raw = g_task_get_task_data (G_TASK (result));

  if (out_retry_after != NULL)
    *out_retry_after = raw->retry_after;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
member (RnBlueskyReply *reply,
        const char     *name)
{
  if (reply == NULL || reply->root == NULL || !JSON_NODE_HOLDS_OBJECT (reply->root))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (reply->root), name, NULL);
}

/* ---- storing a session ---- */

typedef struct
{
  RnStore       *store;
  RnHttp        *http;
  RnCredentials *credentials;
  RnAccount     *account;
  gboolean       created_row;
  char          *access;    /* secret */
  char          *refresh;   /* secret */
} SessionJob;

static void
session_job_free (SessionJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->http);
  g_clear_object (&job->credentials);
  g_clear_pointer (&job->account, rn_account_free);
  rn_credentials_secret_free (job->access);
  rn_credentials_secret_free (job->refresh);
  g_free (job);
}

static void store_next_secret (GTask *task);

static void
on_session_secret_stored (GObject      *source,
                          GAsyncResult *result,
                          gpointer      data)
{
  GTask *task = data;
  SessionJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!rn_credentials_store_finish (RN_CREDENTIALS (source), result, &error))
    {
      /* Nothing of the sign-in stays: not the row, not a half session. */
      if (job->created_row && job->account->id > 0)
        {
          rn_credentials_clear_account_async (job->credentials, job->account->id, NULL, NULL, NULL);
          rn_account_store_remove (job->store, job->account->id, NULL);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  store_next_secret (task);
}

/* Access token, then refresh token; then the row is "ok". */
static void
store_next_secret (GTask *task)
{
  SessionJob *job = g_task_get_task_data (task);
  g_autofree char *label = g_strdup_printf ("RadNet: @%s (Bluesky)", job->account->username);
  g_autoptr(RnSecretString) secret = NULL;
  RnCredentialKind kind;
  g_autoptr(GError) error = NULL;

  if (job->access != NULL)
    {
      secret = g_steal_pointer (&job->access);
      kind = RN_CREDENTIAL_ACCESS_TOKEN;
    }
  else if (job->refresh != NULL)
    {
      secret = g_steal_pointer (&job->refresh);
      kind = RN_CREDENTIAL_REFRESH_TOKEN;
    }
  else
    {
      if (g_strcmp0 (job->account->state, RN_ACCOUNT_STATE_OK) != 0 &&
          !rn_account_store_set_state (job->store, job->account->id, RN_ACCOUNT_STATE_OK, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      g_free (job->account->state);
      job->account->state = g_strdup (RN_ACCOUNT_STATE_OK);
      g_task_return_pointer (task, rn_account_copy (job->account), (GDestroyNotify) rn_account_free);
      g_object_unref (task);
      return;
    }
  rn_credentials_store_async (job->credentials, job->account->id, kind, label, secret,
                              g_task_get_cancellable (task), on_session_secret_stored, task);
}

/* ---- sign in ---- */

static void
on_session_created (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GTask) task = data;
  SessionJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnBlueskyReply) reply = raw_call_finish (RN_HTTP (source), result, NULL, &error);
  g_autoptr(RnAccount) existing = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) options = NULL;
  const char *access, *refresh, *handle, *did;

  if (reply == NULL)
    {
      if (g_error_matches (error, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_EXPIRED) ||
          g_error_matches (error, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_FAILED))
        {
          g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_AUTH,
                                   _("Bluesky did not accept this handle and app password (%s)"),
                                   error->message);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  access = member (reply, "accessJwt");
  refresh = member (reply, "refreshJwt");
  handle = member (reply, "handle");
  did = member (reply, "did");
  if (access == NULL || refresh == NULL || handle == NULL || did == NULL ||
      !g_str_has_prefix (did, "did:"))
    {
      g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_BAD_RESPONSE,
                               _("The server’s answer is not a Bluesky session"));
      return;
    }
  job->access = g_strdup (access);
  job->refresh = g_strdup (refresh);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "did");
  json_builder_add_string_value (b, did);
  json_builder_end_object (b);
  options = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, options);

  job->account->username = g_strdup (handle);
  job->account->display_name = g_strdup (handle);
  job->account->options = json_generator_to_data (gen, NULL);
  job->account->state = g_strdup (RN_ACCOUNT_STATE_SIGNING_IN);

  existing = rn_account_store_find (job->store, "bluesky", job->account->server, handle, NULL);
  if (existing != NULL)
    {
      job->account->id = existing->id;
      job->account->created = existing->created;
      if (!rn_account_store_update (job->store, job->account, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    {
      if (!rn_account_store_add (job->store, job->account, &job->account->id, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      job->created_row = TRUE;
    }
  store_next_secret (g_steal_pointer (&task));
}

/* The body holds the app password: wipe it before it is freed. */static void
wipe_body (JsonNode *body)
{
  JsonObject *obj = json_node_get_object (body);
  const char *password = json_object_get_string_member_with_default (obj, "password", NULL);

  if (password != NULL)
    memset ((char *) password, 0, strlen (password));
  json_node_unref (body);
}

static void
on_sign_in_probed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(GTask) task = data;
  SessionJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonNode *body = g_object_get_data (G_OBJECT (task), "body");
  g_autofree char *url = NULL;

  if (!rn_credentials_probe_finish (RN_CREDENTIALS (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  url = g_strdup_printf ("%s/xrpc/com.atproto.server.createSession", job->account->server);
  raw_call_async (job->http, "POST", url, NULL, body, TRUE, g_task_get_cancellable (task),
                  on_session_created, g_object_ref (task));
  /* The request holds its own copy now: forget the password here. */
  g_object_set_data (G_OBJECT (task), "body", NULL);
}

void
rn_bluesky_sign_in_async (RnStore             *store,
                          RnHttp              *http,
                          RnCredentials       *credentials,
                          const char          *handle,
                          const char          *app_password,
                          const char          *pds,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *server = NULL;
  g_autofree char *clean = NULL;
  SessionJob *job;

  g_task_set_source_tag (task, rn_bluesky_sign_in_async);
  server = rn_bluesky_normalize_pds (pds, &error);
  if (server == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  clean = g_strstrip (g_strdup (handle != NULL ? handle : ""));
  if (clean[0] == '@')
    memmove (clean, clean + 1, strlen (clean));
  if (*clean == '\0' || strlen (clean) > 253 || strchr (clean, ' ') != NULL)
    {
      g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_INVALID,
                               _("“%s” is not a Bluesky handle such as name.bsky.social"),
                               handle != NULL ? handle : "");
      return;
    }
  if (app_password == NULL || *app_password == '\0')
    {
      g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_INVALID,
                               _("An app password is needed (create one in Bluesky’s settings)"));
      return;
    }

  job = g_new0 (SessionJob, 1);
  job->store = g_object_ref (store);
  job->http = g_object_ref (http);
  job->credentials = g_object_ref (credentials);
  job->account = g_new0 (RnAccount, 1);
  job->account->kind = g_strdup ("bluesky");
  job->account->server = g_steal_pointer (&server);
  g_task_set_task_data (task, job, (GDestroyNotify) session_job_free);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "identifier");
  json_builder_add_string_value (b, clean);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, app_password);
  json_builder_end_object (b);
  g_object_set_data_full (G_OBJECT (task), "body", json_builder_get_root (b), (GDestroyNotify) wipe_body);

  rn_credentials_probe_async (credentials, cancellable, on_sign_in_probed, g_steal_pointer (&task));
}

RnAccount *
rn_bluesky_sign_in_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- authorised calls with refresh ---- */

typedef struct
{
  RnStore       *store;
  RnHttp        *http;
  RnCredentials *credentials;
  RnAccount     *account;
  char          *method;
  char          *url;
  JsonNode      *body;
  gboolean       user_requested;
  gboolean       refreshed;
  guint          retry_after;
  char          *access;    /* secret */
  char          *refresh;   /* secret */
} Call;

static void
call_free (Call *c)
{
  g_clear_object (&c->store);
  g_clear_object (&c->http);
  g_clear_object (&c->credentials);
  g_clear_pointer (&c->account, rn_account_free);
  g_free (c->method);
  g_free (c->url);
  g_clear_pointer (&c->body, json_node_unref);
  rn_credentials_secret_free (c->access);
  rn_credentials_secret_free (c->refresh);
  g_free (c);
}

static void send_call (GTask *task);

static void
expire (Call *c)
{
  g_autoptr(GError) error = NULL;

  if (!rn_account_store_set_state (c->store, c->account->id, RN_ACCOUNT_STATE_EXPIRED, &error))
    g_warning ("Could not mark account %" G_GINT64_FORMAT " expired: %s", c->account->id, error->message);
}

static void
on_refreshed_stored (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  GTask *task = data;
  Call *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!rn_credentials_store_finish (RN_CREDENTIALS (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (c->refresh != NULL)
    {
      g_autoptr(RnSecretString) secret = g_steal_pointer (&c->refresh);
      g_autofree char *label = g_strdup_printf ("RadNet: @%s (Bluesky)", c->account->username);

      rn_credentials_store_async (c->credentials, c->account->id, RN_CREDENTIAL_REFRESH_TOKEN, label,
                                  secret, g_task_get_cancellable (task), on_refreshed_stored, task);
      return;
    }
  send_call (task);
}

static void
on_session_refreshed (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  GTask *task = data;
  Call *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnBlueskyReply) reply = raw_call_finish (RN_HTTP (source), result, NULL, &error);
  g_autofree char *label = g_strdup_printf ("RadNet: @%s (Bluesky)", c->account->username);
  const char *access, *refresh;

  rn_credentials_secret_free (g_steal_pointer (&c->refresh));
  if (reply == NULL)
    {
      if (g_error_matches (error, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_EXPIRED) ||
          g_error_matches (error, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_FAILED))
        {
          expire (c);
          g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_EXPIRED,
                                   _("@%s is signed out of Bluesky. Sign in again."), c->account->username);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  access = member (reply, "accessJwt");
  refresh = member (reply, "refreshJwt");
  if (access == NULL || refresh == NULL)
    {
      g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_BAD_RESPONSE,
                               _("The server’s answer is not a Bluesky session"));
      g_object_unref (task);
      return;
    }
  g_debug ("Bluesky session of account %" G_GINT64_FORMAT " refreshed", c->account->id);
  rn_credentials_secret_free (c->access);
  c->access = g_strdup (access);
  c->refresh = g_strdup (refresh);
  rn_credentials_store_async (c->credentials, c->account->id, RN_CREDENTIAL_ACCESS_TOKEN, label,
                              c->access, g_task_get_cancellable (task), on_refreshed_stored, task);
}

static void
on_refresh_token (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  GTask *task = data;
  Call *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  c->refresh = rn_credentials_lookup_finish (RN_CREDENTIALS (source), result, &error);
  if (c->refresh == NULL)
    {
      if (g_error_matches (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_NOT_FOUND))
        expire (c);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  url = g_strdup_printf ("%s/xrpc/com.atproto.server.refreshSession", c->account->server);
  raw_call_async (c->http, "POST", url, c->refresh, NULL, c->user_requested,
                  g_task_get_cancellable (task), on_session_refreshed, task);
}

static void
on_call_reply (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GTask *task = data;
  Call *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  RnBlueskyReply *reply = raw_call_finish (RN_HTTP (source), result, &c->retry_after, &error);

  if (reply != NULL)
    {
      g_task_return_pointer (task, reply, (GDestroyNotify) rn_bluesky_reply_free);
      g_object_unref (task);
      return;
    }
  if (g_error_matches (error, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_EXPIRED) && !c->refreshed)
    {
      c->refreshed = TRUE;
      rn_credentials_lookup_async (c->credentials, c->account->id, RN_CREDENTIAL_REFRESH_TOKEN,
                                   g_task_get_cancellable (task), on_refresh_token, task);
      return;
    }
  if (g_error_matches (error, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_EXPIRED))
    expire (c);
  g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

static void
send_call (GTask *task)
{
  Call *c = g_task_get_task_data (task);

  raw_call_async (c->http, c->method, c->url, c->access, c->body, c->user_requested,
                  g_task_get_cancellable (task), on_call_reply, task);
}

static void
on_access_token (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  GTask *task = data;
  Call *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  c->access = rn_credentials_lookup_finish (RN_CREDENTIALS (source), result, &error);
  if (c->access == NULL)
    {
      if (g_error_matches (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_NOT_FOUND))
        expire (c);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  send_call (task);
}

void
rn_bluesky_call_async (RnStore             *store,
                       RnHttp              *http,
                       RnCredentials       *credentials,
                       gint64               account_id,
                       const char          *method,
                       const char          *nsid,
                       const char          *query,
                       JsonNode            *body,
                       gboolean             user_requested,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnAccount) account = NULL;
  Call *c;

  g_task_set_source_tag (task, rn_bluesky_call_async);
  account = rn_account_store_get (store, account_id, &error);
  if (account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_strcmp0 (account->kind, "bluesky") != 0)
    {
      g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_INVALID,
                               _("Account %" PRId64 " is not a Bluesky account"), account_id);
      return;
    }
  if (g_strcmp0 (account->state, RN_ACCOUNT_STATE_EXPIRED) == 0)
    {
      g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_EXPIRED,
                               _("@%s is signed out of Bluesky. Sign in again."), account->username);
      return;
    }
  c = g_new0 (Call, 1);
  c->store = g_object_ref (store);
  c->http = g_object_ref (http);
  c->credentials = g_object_ref (credentials);
  c->method = g_strdup (method != NULL ? method : "GET");
  c->url = query != NULL && *query != '\0'
           ? g_strdup_printf ("%s/xrpc/%s?%s", account->server, nsid, query)
           : g_strdup_printf ("%s/xrpc/%s", account->server, nsid);
  c->body = body != NULL ? json_node_ref (body) : NULL;
  c->user_requested = user_requested;
  c->account = g_steal_pointer (&account);
  g_task_set_task_data (task, c, (GDestroyNotify) call_free);
  rn_credentials_lookup_async (credentials, account_id, RN_CREDENTIAL_ACCESS_TOKEN, cancellable,
                               on_access_token, g_steal_pointer (&task));
}

RnBlueskyReply *
rn_bluesky_call_finish (GAsyncResult  *result,
                        guint         *out_retry_after,
                        GError       **error)
{
  Call *c = g_task_get_task_data (G_TASK (result));

  if (out_retry_after != NULL)
    *out_retry_after = c != NULL ? c->retry_after : 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- sign out ---- */

static void
on_out_cleared (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  SessionJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!rn_credentials_clear_account_finish (RN_CREDENTIALS (source), result, &error) ||
      !rn_account_store_remove (job->store, job->account->id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_session_deleted (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  GTask *task = data;
  SessionJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnBlueskyReply) reply = raw_call_finish (RN_HTTP (source), result, NULL, &error);

  if (reply == NULL)
    g_message ("Could not end the Bluesky session of account %" G_GINT64_FORMAT ": %s",
               job->account->id, error->message);
  rn_credentials_clear_account_async (job->credentials, job->account->id, g_task_get_cancellable (task),
                                      on_out_cleared, task);
}

static void
on_out_refresh_token (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  GTask *task = data;
  SessionJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnSecretString) refresh = rn_credentials_lookup_finish (RN_CREDENTIALS (source), result, &error);
  g_autofree char *url = NULL;

  if (refresh == NULL)
    {
      if (!g_error_matches (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      rn_credentials_clear_account_async (job->credentials, job->account->id, g_task_get_cancellable (task),
                                          on_out_cleared, task);
      return;
    }
  url = g_strdup_printf ("%s/xrpc/com.atproto.server.deleteSession", job->account->server);
  raw_call_async (job->http, "POST", url, refresh, NULL, TRUE, g_task_get_cancellable (task),
                  on_session_deleted, task);
}

void
rn_bluesky_sign_out_async (RnStore             *store,
                           RnHttp              *http,
                           RnCredentials       *credentials,
                           gint64               account_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  SessionJob *job;

  g_task_set_source_tag (task, rn_bluesky_sign_out_async);
  job = g_new0 (SessionJob, 1);
  job->store = g_object_ref (store);
  job->http = g_object_ref (http);
  job->credentials = g_object_ref (credentials);
  g_task_set_task_data (task, job, (GDestroyNotify) session_job_free);
  job->account = rn_account_store_get (store, account_id, &error);
  if (job->account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rn_credentials_lookup_async (credentials, account_id, RN_CREDENTIAL_REFRESH_TOKEN, cancellable,
                               on_out_refresh_token, g_steal_pointer (&task));
}

gboolean
rn_bluesky_sign_out_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
