/* rn-mastodon-actions.c: calls as a signed-in account. */
#define G_LOG_DOMAIN "rn-mastodon"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "accounts/rn-oauth.h"
#include "rn-mastodon-actions.h"
#include "rn-mastodon-auth.h"
#include "rn-mastodon-status.h"
#include "store/rn-sql.h"

const char *
rn_mastodon_action_to_string (RnMastodonAction action)
{
  switch (action)
    {
    case RN_MASTODON_ACTION_BOOKMARK:    return "bookmark";
    case RN_MASTODON_ACTION_UNBOOKMARK:  return "unbookmark";
    case RN_MASTODON_ACTION_FAVOURITE:   return "favourite";
    case RN_MASTODON_ACTION_UNFAVOURITE: return "unfavourite";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
rn_mastodon_action_from_string (const char       *text,
                                RnMastodonAction *out_action)
{
  for (RnMastodonAction a = RN_MASTODON_ACTION_BOOKMARK; a <= RN_MASTODON_ACTION_UNFAVOURITE; a++)
    if (g_strcmp0 (text, rn_mastodon_action_to_string (a)) == 0)
      {
        *out_action = a;
        return TRUE;
      }
  return FALSE;
}

/* ---- calls as an account ---- */

typedef struct
{
  RnStore   *store;
  RnHttp    *http;
  gint64     account_id;
  char      *method;
  char      *url;
  JsonNode  *body;
} AccountCall;

static void
account_call_free (AccountCall *ac)
{
  g_clear_object (&ac->store);
  g_clear_object (&ac->http);
  g_free (ac->method);
  g_free (ac->url);
  g_clear_pointer (&ac->body, json_node_unref);
  g_free (ac);
}

static void
on_account_reply (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GTask) task = data;
  AccountCall *ac = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  RnMastodonReply *reply = rn_mastodon_call_finish (RN_HTTP (source), result, NULL, &error);

  if (reply == NULL)
    {
      if (g_error_matches (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_UNAUTHORIZED))
        rn_account_store_set_state (ac->store, ac->account_id, RN_ACCOUNT_STATE_EXPIRED, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, reply, (GDestroyNotify) rn_mastodon_reply_free);
}

static void
on_account_token (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  GTask *task = data;
  AccountCall *ac = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnSecretString) token = rn_mastodon_get_token_finish (result, &error);
  RnMastodonCall call = { 0 };

  if (token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  call.method = ac->method;
  call.url = ac->url;
  call.token = token;
  call.json_body = ac->body;
  call.user_requested = TRUE;
  rn_mastodon_call_async (ac->http, &call, g_task_get_cancellable (task), on_account_reply, task);
}

void
rn_mastodon_account_call_async (RnStore             *store,
                                RnHttp              *http,
                                RnCredentials       *credentials,
                                gint64               account_id,
                                const char          *method,
                                const char          *path,
                                JsonNode            *json_body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(RnAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  AccountCall *ac;

  g_task_set_source_tag (task, rn_mastodon_account_call_async);
  account = rn_account_store_get (store, account_id, &error);
  if (account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_strcmp0 (account->kind, "mastodon") != 0)
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_FAILED,
                               _("Account %" PRId64 " is not a Mastodon account"), account_id);
      return;
    }
  if (g_strcmp0 (account->state, RN_ACCOUNT_STATE_EXPIRED) == 0)
    {
      g_autofree char *label = rn_account_dup_label (account);

      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_UNAUTHORIZED,
                               _("%s is signed out. Sign in again."), label);
      return;
    }
  base = rn_mastodon_base_url (account->server);
  ac = g_new0 (AccountCall, 1);
  ac->store = g_object_ref (store);
  ac->http = g_object_ref (http);
  ac->account_id = account_id;
  ac->method = g_strdup (method);
  ac->url = g_strconcat (base, path, NULL);
  ac->body = json_body != NULL ? json_node_ref (json_body) : NULL;
  g_task_set_task_data (task, ac, (GDestroyNotify) account_call_free);
  rn_mastodon_get_token_async (store, credentials, account_id, cancellable, on_account_token,
                               g_steal_pointer (&task));
}

RnMastodonReply *
rn_mastodon_account_call_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- bookmark / favourite ---- */

static void
on_action_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_account_call_finish (result, &error);

  if (reply == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
valid_id (const char *id)
{
  /* Status ids are short tokens; anything else must not reach a URL path. */
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

void
rn_mastodon_status_action_async (RnStore             *store,
                                 RnHttp              *http,
                                 RnCredentials       *credentials,
                                 gint64               account_id,
                                 RnMastodonAction     action,
                                 const char          *status_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autofree char *path = NULL;

  g_task_set_source_tag (task, rn_mastodon_status_action_async);
  if (!valid_id (status_id))
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_NOT_FOUND,
                               _("“%s” is not a post id"), status_id != NULL ? status_id : "");
      return;
    }
  path = g_strdup_printf ("/api/v1/statuses/%s/%s", status_id, rn_mastodon_action_to_string (action));
  rn_mastodon_account_call_async (store, http, credentials, account_id, "POST", path, NULL,
                                  cancellable, on_action_done, g_steal_pointer (&task));
}

gboolean
rn_mastodon_status_action_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- markers ---- */

typedef struct
{
  gint64      account_id;
  const char *timeline;
  const char *last_read;
} Marker;

static gboolean
marker_in_txn (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  Marker *m = data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "INSERT INTO markers (account_id, timeline, last_read) VALUES (?, ?, ?) "
    "ON CONFLICT (account_id, timeline) DO UPDATE SET last_read = excluded.last_read", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->account_id);
  rn_sql_bind_text (stmt, 2, m->timeline);
  rn_sql_bind_text (stmt, 3, m->last_read);
  return rn_sql_step_done (stmt, error);
}

gboolean
rn_mastodon_markers_set_local (RnStore     *store,
                               gint64       account_id,
                               const char  *last_read_id,
                               GError     **error)
{
  Marker m = { account_id, "home", last_read_id };

  if (!valid_id (last_read_id))
    {
      g_set_error (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_NOT_FOUND,
                   _("“%s” is not a post id"), last_read_id != NULL ? last_read_id : "");
      return FALSE;
    }
  return rn_store_write (store, marker_in_txn, &m, error);
}

char *
rn_mastodon_markers_get_local (RnStore    *store,
                               gint64      account_id,
                               const char *timeline)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (rn_store_get_reader (store),
    "SELECT last_read FROM markers WHERE account_id = ? AND timeline = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  rn_sql_bind_text (stmt, 2, timeline);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return rn_sql_dup_text (stmt, 0);
}

static void
on_markers_got (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  gint64 account_id = GPOINTER_TO_SIZE (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_account_call_finish (result, &error);
  JsonObject *home = NULL;
  const char *last_read;
  Marker m = { account_id, "home", NULL };

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root))
    {
      JsonNode *node = json_object_get_member (json_node_get_object (reply->root), "home");

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        home = json_node_get_object (node);
    }
  last_read = home != NULL ? json_object_get_string_member_with_default (home, "last_read_id", NULL) : NULL;
  if (last_read == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  m.last_read = last_read;
  if (!rn_store_write (RN_STORE (g_task_get_source_object (task)), marker_in_txn, &m, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_strdup (last_read), g_free);
}

void
rn_mastodon_markers_get_async (RnStore             *store,
                               RnHttp              *http,
                               RnCredentials       *credentials,
                               gint64               account_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, rn_mastodon_markers_get_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER ((gsize) account_id), NULL);
  rn_mastodon_account_call_async (store, http, credentials, account_id, "GET",
                                  "/api/v1/markers?timeline[]=home", NULL, cancellable,
                                  on_markers_got, g_steal_pointer (&task));
}

char *
rn_mastodon_markers_get_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rn_mastodon_markers_set_async (RnStore             *store,
                               RnHttp              *http,
                               RnCredentials       *credentials,
                               gint64               account_id,
                               const char          *last_read_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_task_set_source_tag (task, rn_mastodon_markers_set_async);
  /* Local first (checked there): the position is kept even when the
   * server is away. */
  if (!rn_mastodon_markers_set_local (store, account_id, last_read_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "home");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "last_read_id");
  json_builder_add_string_value (b, last_read_id);
  json_builder_end_object (b);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  rn_mastodon_account_call_async (store, http, credentials, account_id, "POST", "/api/v1/markers",
                                  body, cancellable, on_action_done, g_steal_pointer (&task));
}

gboolean
rn_mastodon_markers_set_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- composing ---- */

static gsize
url_length (const char *p)
{
  gsize n = 0;

  if (!g_str_has_prefix (p, "http://") && !g_str_has_prefix (p, "https://"))
    return 0;
  while (p[n] != '\0' && !g_ascii_isspace (p[n]))
    n++;
  /* A scheme alone is not a link. */
  if (n <= strlen ("https://"))
    return 0;
  return n;
}

guint
rn_mastodon_count_characters (const char *text)
{
  guint count = 0;
  const char *p = text;
  gboolean word_start = TRUE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return 0;
  while (*p != '\0')
    {
      gsize len;

      if (word_start && (len = url_length (p)) > 0)
        {
          count += RN_MASTODON_URL_LENGTH;
          p += len;
          continue;
        }
      /* "@user@domain": only "@user" counts. */
      if (word_start && *p == '@')
        {
          const char *q = p + 1;
          const char *second;

          while (*q != '\0' && (g_ascii_isalnum (*q) || *q == '_'))
            q++;
          if (q > p + 1 && *q == '@')
            {
              second = q + 1;
              while (*second != '\0' && (g_ascii_isalnum (*second) || *second == '.' || *second == '-'))
                second++;
              if (second > q + 1)
                {
                  count += (guint) (q - p);
                  p = second;
                  word_start = FALSE;
                  continue;
                }
            }
        }
      word_start = g_unichar_isspace (g_utf8_get_char (p));
      p = g_utf8_next_char (p);
      count++;
    }
  return count;
}

static void
on_instance (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_call_finish (RN_HTTP (source), result, NULL, &error);
  gint64 max = RN_MASTODON_DEFAULT_MAX_CHARACTERS;

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root))
    {
      JsonObject *obj = json_node_get_object (reply->root);
      JsonNode *conf = json_object_get_member (obj, "configuration");
      JsonNode *statuses = conf != NULL && JSON_NODE_HOLDS_OBJECT (conf)
                           ? json_object_get_member (json_node_get_object (conf), "statuses") : NULL;

      if (statuses != NULL && JSON_NODE_HOLDS_OBJECT (statuses))
        max = json_object_get_int_member_with_default (json_node_get_object (statuses),
                                                       "max_characters", max);
    }
  if (max <= 0 || max > 1000000)
    max = RN_MASTODON_DEFAULT_MAX_CHARACTERS;
  g_task_return_int (task, max);
}

void
rn_mastodon_get_max_characters_async (RnHttp              *http,
                                      const char          *server,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (http, cancellable, callback, user_data);
  g_autofree char *base = rn_mastodon_base_url (server);
  g_autofree char *url = g_strdup_printf ("%s/api/v2/instance", base);
  RnMastodonCall call = { 0 };

  g_task_set_source_tag (task, rn_mastodon_get_max_characters_async);
  call.url = url;
  call.user_requested = TRUE;
  rn_mastodon_call_async (http, &call, cancellable, on_instance, g_steal_pointer (&task));
}

guint
rn_mastodon_get_max_characters_finish (GAsyncResult  *result,
                                       GError       **error)
{
  gssize n = g_task_propagate_int (G_TASK (result), error);

  return n > 0 ? (guint) n : 0;
}

typedef struct
{
  RnStore       *store;
  RnHttp        *http;
  RnCredentials *credentials;
  gint64         account_id;
  JsonNode      *body;
  char          *text;
  char          *idempotency;
} Post;

static void
post_free (Post *p)
{
  g_clear_object (&p->store);
  g_clear_object (&p->http);
  g_clear_object (&p->credentials);
  g_clear_pointer (&p->body, json_node_unref);
  g_free (p->text);
  g_free (p->idempotency);
  g_free (p);
}

static void
on_posted (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_call_finish (RN_HTTP (source), result, NULL, &error);
  const char *id = NULL;

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root))
    id = json_object_get_string_member_with_default (json_node_get_object (reply->root), "id", NULL);
  if (id == NULL)
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_BAD_RESPONSE,
                               _("The server did not confirm the post"));
      return;
    }
  g_task_return_pointer (task, g_strdup (id), g_free);
}

static void
on_post_token (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GTask *task = data;
  Post *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnSecretString) token = rn_mastodon_get_token_finish (result, &error);
  g_autoptr(RnAccount) account = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  RnMastodonCall call = { 0 };

  if (token == NULL || (account = rn_account_store_get (p->store, p->account_id, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  base = rn_mastodon_base_url (account->server);
  url = g_strdup_printf ("%s/api/v1/statuses", base);
  call.method = "POST";
  call.url = url;
  call.token = token;
  call.json_body = p->body;
  call.idempotency_key = p->idempotency;
  call.user_requested = TRUE;
  rn_mastodon_call_async (p->http, &call, g_task_get_cancellable (task), on_posted, task);
}

static void
on_post_limit (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GTask *task = data;
  Post *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint max = rn_mastodon_get_max_characters_finish (result, &error);
  guint used = rn_mastodon_count_characters (p->text);

  if (max == 0)
    {
      g_debug ("No character limit from the server (%s); assuming %d", error->message,
               RN_MASTODON_DEFAULT_MAX_CHARACTERS);
      max = RN_MASTODON_DEFAULT_MAX_CHARACTERS;
    }
  if (used > max)
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_TOO_LONG,
                               ngettext ("The post is %u character long; this server allows %u",
                                         "The post is %u characters long; this server allows %u", used),
                               used, max);
      g_object_unref (task);
      return;
    }
  rn_mastodon_get_token_async (p->store, p->credentials, p->account_id, g_task_get_cancellable (task),
                               on_post_token, task);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

void
rn_mastodon_post_status_async (RnStore             *store,
                               RnHttp              *http,
                               RnCredentials       *credentials,
                               gint64               account_id,
                               const char          *text,
                               const char          *spoiler_text,
                               const char          *visibility,
                               const char          *language,
                               const char          *in_reply_to_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(RnAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  Post *p;

  g_task_set_source_tag (task, rn_mastodon_post_status_async);
  if (text == NULL || text[strspn (text, " \t\r\n")] == '\0')
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_FAILED,
                               _("The post is empty"));
      return;
    }
  account = rn_account_store_get (store, account_id, &error);
  if (account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  add_string (b, "status", text);
  add_string (b, "spoiler_text", spoiler_text);
  add_string (b, "visibility", visibility);
  add_string (b, "language", language);
  add_string (b, "in_reply_to_id", in_reply_to_id);
  json_builder_end_object (b);

  p = g_new0 (Post, 1);
  p->store = g_object_ref (store);
  p->http = g_object_ref (http);
  p->credentials = g_object_ref (credentials);
  p->account_id = account_id;
  p->body = json_builder_get_root (b);
  p->text = g_strdup (text);
  p->idempotency = g_uuid_string_random ();
  g_task_set_task_data (task, p, (GDestroyNotify) post_free);
  rn_mastodon_get_max_characters_async (http, account->server, cancellable, on_post_limit,
                                        g_steal_pointer (&task));
}

char *
rn_mastodon_post_status_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- search ---- */

static void
return_feed (GTask    *task,
             JsonNode *statuses,
             GError   *error)
{
  g_autoptr(RnParsedFeed) feed = NULL;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  feed = rn_parsed_feed_new ();
  rn_mastodon_statuses_append (feed, statuses);
  g_task_return_pointer (task, g_steal_pointer (&feed), (GDestroyNotify) rn_parsed_feed_free);
}

static void
on_search_reply (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_account_call_finish (result, &error);
  JsonNode *statuses = NULL;

  if (reply != NULL && reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root))
    statuses = json_object_get_member (json_node_get_object (reply->root), "statuses");
  return_feed (task, statuses, error);
}

/* A hashtag timeline asked as the account: the root is the array. */
static void
on_account_tag_reply (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_account_call_finish (result, &error);

  return_feed (task, reply != NULL ? reply->root : NULL, error);
}

static void
on_tag_reply (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_call_finish (RN_HTTP (source), result, NULL, &error);

  return_feed (task, reply != NULL ? reply->root : NULL, error);
}

void
rn_mastodon_search_async (RnStore             *store,
                          RnHttp              *http,
                          RnCredentials       *credentials,
                          gint64               account_id,
                          const char          *server,
                          const char          *query,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;

  g_task_set_source_tag (task, rn_mastodon_search_async);
  if (query == NULL || *query == '\0' || strlen (query) > 500)
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_FAILED,
                               _("Type something to search for"));
      return;
    }
  /* A hashtag is its timeline, which every server has (status search
   * needs the server's optional full-text search). */
  if (account_id > 0 && query[0] == '#' && query[1] != '\0')
    {
      g_autofree char *path = NULL;

      escaped = g_uri_escape_string (query + 1, NULL, FALSE);
      path = g_strdup_printf ("/api/v1/timelines/tag/%s?limit=40", escaped);
      rn_mastodon_account_call_async (store, http, credentials, account_id, "GET", path, NULL,
                                      cancellable, on_account_tag_reply, g_steal_pointer (&task));
      return;
    }
  if (account_id > 0)
    {
      g_autofree char *path = NULL;

      escaped = g_uri_escape_string (query, NULL, FALSE);
      path = g_strdup_printf ("/api/v2/search?type=statuses&resolve=false&limit=40&q=%s", escaped);
      rn_mastodon_account_call_async (store, http, credentials, account_id, "GET", path, NULL,
                                      cancellable, on_search_reply, g_steal_pointer (&task));
      return;
    }
  if (query[0] == '#' && query[1] != '\0')
    {
      g_autofree char *host = rn_mastodon_normalize_server (server != NULL ? server : "mastodon.social", &error);
      g_autofree char *base = NULL;
      g_autofree char *url = NULL;
      RnMastodonCall call = { 0 };

      if (host == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      base = rn_mastodon_base_url (host);
      escaped = g_uri_escape_string (query + 1, NULL, FALSE);
      url = g_strdup_printf ("%s/api/v1/timelines/tag/%s?limit=40", base, escaped);
      call.url = url;
      call.user_requested = TRUE;
      rn_mastodon_call_async (http, &call, cancellable, on_tag_reply, g_steal_pointer (&task));
      return;
    }
  g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_UNAUTHORIZED,
                           _("Searching posts on Mastodon needs an account; hashtags do not"));
}

RnParsedFeed *
rn_mastodon_search_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
