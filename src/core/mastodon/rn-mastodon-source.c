/* rn-mastodon-source.c: refresh of one Mastodon timeline. Pages are
 * fetched on the main context; parsing and the one write transaction
 * (posts + cursor) run on a worker thread. */
#define G_LOG_DOMAIN "rn-mastodon"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "accounts/rn-oauth.h"
#include "feeds/rn-feed-state.h"
#include "feeds/rn-feed-store.h"
#include "rn-mastodon-api.h"
#include "rn-mastodon-auth.h"
#include "rn-mastodon-source.h"
#include "rn-mastodon-status.h"

struct _RnMastodonSource
{
  GObject        parent_instance;

  RnStore       *store;
  RnHttp        *http;
  RnCredentials *credentials;
  char          *kind;
};

static void rn_mastodon_source_iface_init (RnSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnMastodonSource, rn_mastodon_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RN_TYPE_SOURCE, rn_mastodon_source_iface_init))

static const char * const kinds[] = {
  "mastodon-home", "mastodon-list", "mastodon-bookmarks", "mastodon-favourites",
  "mastodon-hashtag", NULL
};

const char * const *
rn_mastodon_source_kinds (void)
{
  return kinds;
}

typedef struct
{
  gint64            feed_id;
  gint64            account_id;
  gboolean          user_requested;
  char             *base_url;      /* https://server */
  char             *endpoint;      /* https://server/api/v1/… */
  char             *title;         /* for the feed */
  char             *token;         /* secret, or NULL */
  char             *cursor;        /* min_id of the last refresh */
  char             *new_cursor;
  gboolean          incremental;
  GPtrArray        *pages;         /* JsonNode * */
  guint             n_statuses;
  RnRefreshOutcome  outcome;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->base_url);
  g_free (job->endpoint);
  g_free (job->title);
  rn_credentials_secret_free (job->token);
  g_free (job->cursor);
  g_free (job->new_cursor);
  g_ptr_array_unref (job->pages);
  rn_refresh_outcome_clear (&job->outcome);
  g_free (job);
}

static void
return_failure (GTask      *task,
                const char *message)
{
  Job *job = g_task_get_task_data (task);

  job->outcome.status = RN_REFRESH_FAILED;
  g_free (job->outcome.error);
  job->outcome.error = g_strdup (message);
  g_task_return_boolean (task, TRUE);
}

/* ---- store ---- */

typedef struct
{
  Job                *job;
  const RnParsedFeed *parsed;
  RnIngestStats       stats;
} Store;

static gboolean
store_in_txn (RnStore  *store,
              sqlite3  *db,
              gpointer  data,
              GError  **error)
{
  Store *s = data;
  const char *cursor = s->job->new_cursor != NULL ? s->job->new_cursor : s->job->cursor;

  return rn_feed_store_ingest (store, db, s->job->feed_id, s->parsed, "post",
                               g_get_real_time () / G_USEC_PER_SEC, &s->stats, error) &&
         rn_feed_store_set_validators (store, s->job->feed_id, cursor, NULL, error);
}

static void
parse_and_store (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  RnMastodonSource *self = source_object;
  Job *job = task_data;
  g_autoptr(RnParsedFeed) parsed = rn_parsed_feed_new ();
  g_autoptr(GError) error = NULL;
  Store s = { job, NULL, { 0 } };

  parsed->title = g_strdup (job->title);
  parsed->link = g_strdup (job->base_url);
  for (guint i = 0; i < job->pages->len; i++)
    rn_mastodon_statuses_append (parsed, g_ptr_array_index (job->pages, i));

  s.parsed = parsed;
  if (!rn_store_write (self->store, store_in_txn, &s, &error))
    {
      return_failure (task, error->message);
      return;
    }
  if (job->outcome.status != RN_REFRESH_FAILED)
    job->outcome.status = s.stats.added > 0 || s.stats.updated > 0 ? RN_REFRESH_OK : RN_REFRESH_NOT_MODIFIED;
  job->outcome.new_items = s.stats.added;
  job->outcome.updated_items = s.stats.updated;
  g_task_return_boolean (task, TRUE);
}

/* ---- fetch ---- */

static void fetch_page (GTask *task, const char *url);

/* Mastodon ids are numbers in strings: longer is larger. */
static int
compare_ids (const char *a,
             const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

static char *
newest_id (JsonNode *page)
{
  JsonArray *array;
  const char *best = NULL;

  if (page == NULL || !JSON_NODE_HOLDS_ARRAY (page))
    return NULL;
  array = json_node_get_array (page);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
      if (id != NULL && *id != '\0' && strspn (id, "0123456789") == strlen (id) &&
          (best == NULL || compare_ids (id, best) > 0))
        best = id;
    }
  return g_strdup (best);
}

static gboolean
same_server (Job        *job,
             const char *url)
{
  g_autofree char *prefix = g_strconcat (job->base_url, "/", NULL);

  return url != NULL && g_str_has_prefix (url, prefix);
}

/* Takes @task. */
static void
finish_fetching (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  Job *job = g_task_get_task_data (task);

  if (job->pages->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_run_in_thread (task, parse_and_store);
}

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GTask) task = data;
  RnMastodonSource *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint retry_after = 0;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_call_finish (RN_HTTP (source), result, &retry_after, &error);
  guint count;
  g_autofree char *cursor = NULL;
  const char *follow;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Refresh cancelled"));
      return;
    }
  if (reply == NULL)
    {
      job->outcome.retry_after = retry_after;
      if (g_error_matches (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_UNAUTHORIZED) && job->account_id > 0)
        {
          g_autoptr(GError) local = NULL;

          if (!rn_account_store_set_state (self->store, job->account_id, RN_ACCOUNT_STATE_EXPIRED, &local))
            g_warning ("Could not mark account %" G_GINT64_FORMAT " expired: %s", job->account_id, local->message);
        }
      /* Pages read before a failure are still worth keeping. */
      if (job->pages->len > 0)
        {
          job->outcome.status = RN_REFRESH_FAILED;
          job->outcome.error = g_strdup (error->message);
          g_task_run_in_thread (task, parse_and_store);
          return;
        }
      return_failure (task, error->message);
      return;
    }

  job->outcome.http_status = reply->response->status;
  count = reply->root != NULL && JSON_NODE_HOLDS_ARRAY (reply->root)
          ? json_array_get_length (json_node_get_array (reply->root)) : 0;
  if (reply->root != NULL && !JSON_NODE_HOLDS_ARRAY (reply->root))
    {
      return_failure (task, _("The server’s answer is not a timeline"));
      return;
    }
  g_debug ("Feed %" G_GINT64_FORMAT ": %u posts, next %s, prev %s", job->feed_id, count,
           reply->link_next != NULL ? "yes" : "no", reply->link_prev != NULL ? "yes" : "no");
  if (count > 0)
    {
      g_ptr_array_add (job->pages, json_node_ref (reply->root));
      job->n_statuses += count;
    }

  /* The newest position seen: from the first page when walking back, from
   * every page when walking forward. */
  if (count > 0 && (job->incremental || job->pages->len == 1))
    {
      if (reply->link_prev != NULL)
        cursor = rn_oauth_query_param (reply->link_prev, "min_id");
      if (cursor == NULL)
        cursor = newest_id (reply->root);
      if (cursor != NULL)
        {
          g_free (job->new_cursor);
          job->new_cursor = g_steal_pointer (&cursor);
        }
    }

  if (retry_after > 0)
    {
      /* Limit spent: keep what we have, come back after the reset. */
      job->outcome.retry_after = retry_after;
      g_debug ("Rate limit of %s reached; waiting %u s", job->base_url, retry_after);
      finish_fetching (g_steal_pointer (&task));
      return;
    }

  follow = job->incremental ? reply->link_prev : reply->link_next;
  if (count >= RN_MASTODON_PAGE_SIZE && follow != NULL && same_server (job, follow) &&
      job->n_statuses < (job->incremental ? RN_MASTODON_INCREMENTAL_MAX : RN_MASTODON_FIRST_MAX))
    {
      g_autofree char *next = g_strdup (follow);

      fetch_page (g_steal_pointer (&task), next);
      return;
    }
  finish_fetching (g_steal_pointer (&task));
}

static void
fetch_page (GTask      *task,
            const char *url)
{
  RnMastodonSource *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  RnMastodonCall call = { 0 };

  call.url = url;
  call.token = job->token;
  call.user_requested = job->user_requested;
  rn_mastodon_call_async (self->http, &call, g_task_get_cancellable (task), on_page, task);
}

static void
start_fetching (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  g_autofree char *url = NULL;

  job->incremental = job->cursor != NULL && *job->cursor != '\0';
  if (job->incremental)
    {
      g_autofree char *escaped = g_uri_escape_string (job->cursor, NULL, FALSE);

      url = g_strdup_printf ("%s?limit=%d&min_id=%s", job->endpoint, RN_MASTODON_PAGE_SIZE, escaped);
    }
  else
    url = g_strdup_printf ("%s?limit=%d", job->endpoint, RN_MASTODON_PAGE_SIZE);
  fetch_page (task, url);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->token = rn_mastodon_get_token_finish (result, &error);
  if (job->token == NULL)
    {
      if (g_error_matches (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Refresh cancelled"));
      else
        return_failure (task, error->message);
      g_object_unref (task);
      return;
    }
  start_fetching (task);
}

static char *
option (const char *options,
        const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (options == NULL || !json_parser_load_from_data (parser, options, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), name, NULL));
}

/* "https://server/tags/NAME" → server, NAME */
static gboolean
split_hashtag_url (const char  *url,
                   char       **out_server,
                   char       **out_tag)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *path;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  path = g_uri_get_path (uri);
  if (!g_str_has_prefix (path, "/tags/") || path[strlen ("/tags/")] == '\0' ||
      strchr (path + strlen ("/tags/"), '/') != NULL)
    return FALSE;
  *out_server = g_uri_get_port (uri) > 0
                ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri))
                : g_strdup (g_uri_get_host (uri));
  *out_tag = g_strdup (path + strlen ("/tags/"));
  return TRUE;
}

static void
rn_mastodon_source_refresh_async (RnSource            *source,
                                  gint64               feed_id,
                                  gboolean             user_requested,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  RnMastodonSource *self = RN_MASTODON_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(RnFeedFetchInfo) info = NULL;
  g_autoptr(RnAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  Job *job;

  g_task_set_source_tag (task, rn_mastodon_source_refresh_async);
  job = g_new0 (Job, 1);
  job->feed_id = feed_id;
  job->user_requested = user_requested;
  job->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_task_set_task_data (task, job, job_free);

  info = rn_feed_store_get_fetch_info (rn_store_get_reader (self->store), feed_id, &error);
  if (info == NULL)
    {
      return_failure (task, error->message);
      return;
    }
  job->cursor = g_strdup (info->etag);
  job->account_id = rn_account_store_feed_account (rn_store_get_reader (self->store), feed_id);
  if (job->account_id > 0)
    {
      account = rn_account_store_get (self->store, job->account_id, &error);
      if (account == NULL)
        {
          return_failure (task, error->message);
          return;
        }
      if (g_strcmp0 (account->state, RN_ACCOUNT_STATE_EXPIRED) == 0)
        {
          g_autofree char *label = rn_account_dup_label (account);
          g_autofree char *msg = g_strdup_printf (_("%s is signed out. Sign in again to see this timeline."), label);

          return_failure (task, msg);
          return;
        }
    }

  if (g_str_equal (self->kind, "mastodon-hashtag"))
    {
      g_autofree char *tag = NULL;
      g_autofree char *escaped = NULL;

      if (!split_hashtag_url (info->url, &server, &tag))
        {
          return_failure (task, _("This hashtag source has no valid address"));
          return;
        }
      job->base_url = rn_mastodon_base_url (server);
      escaped = g_uri_escape_string (tag, NULL, FALSE);
      job->endpoint = g_strdup_printf ("%s/api/v1/timelines/tag/%s", job->base_url, escaped);
      job->title = g_strdup_printf ("#%s (%s)", tag, server);
    }
  else
    {
      g_autofree char *label = NULL;

      if (account == NULL)
        {
          return_failure (task, _("This timeline belongs to a Mastodon account that is not in your library any more"));
          return;
        }
      label = rn_account_dup_label (account);
      job->base_url = rn_mastodon_base_url (account->server);
      if (g_str_equal (self->kind, "mastodon-home"))
        {
          job->endpoint = g_strdup_printf ("%s/api/v1/timelines/home", job->base_url);
          job->title = g_strdup_printf (_("Home (%s)"), label);
        }
      else if (g_str_equal (self->kind, "mastodon-list"))
        {
          g_autofree char *list_id = option (info->options, "list_id");
          g_autofree char *escaped = NULL;

          if (list_id == NULL || *list_id == '\0')
            {
              return_failure (task, _("This list source names no list"));
              return;
            }
          escaped = g_uri_escape_string (list_id, NULL, FALSE);
          job->endpoint = g_strdup_printf ("%s/api/v1/timelines/list/%s", job->base_url, escaped);
          job->title = g_strdup_printf (_("List (%s)"), label);
        }
      else if (g_str_equal (self->kind, "mastodon-bookmarks"))
        {
          job->endpoint = g_strdup_printf ("%s/api/v1/bookmarks", job->base_url);
          job->title = g_strdup_printf (_("Bookmarks (%s)"), label);
        }
      else
        {
          job->endpoint = g_strdup_printf ("%s/api/v1/favourites", job->base_url);
          job->title = g_strdup_printf (_("Favourites (%s)"), label);
        }
    }

  if (job->account_id > 0)
    rn_mastodon_get_token_async (self->store, self->credentials, job->account_id, cancellable,
                                 on_token, g_steal_pointer (&task));
  else
    start_fetching (g_steal_pointer (&task));
}

static gboolean
rn_mastodon_source_refresh_finish (RnSource          *source,
                                   GAsyncResult      *result,
                                   RnRefreshOutcome  *outcome,
                                   GError           **error)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (job->outcome.status == RN_REFRESH_OK && job->n_statuses == 0)
    job->outcome.status = RN_REFRESH_NOT_MODIFIED;
  *outcome = job->outcome;
  memset (&job->outcome, 0, sizeof job->outcome);
  return TRUE;
}

static const char *
rn_mastodon_source_get_kind (RnSource *source)
{
  return RN_MASTODON_SOURCE (source)->kind;
}

static void
rn_mastodon_source_iface_init (RnSourceInterface *iface)
{
  iface->get_kind = rn_mastodon_source_get_kind;
  iface->refresh_async = rn_mastodon_source_refresh_async;
  iface->refresh_finish = rn_mastodon_source_refresh_finish;
}

static void
rn_mastodon_source_finalize (GObject *object)
{
  RnMastodonSource *self = RN_MASTODON_SOURCE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_object (&self->credentials);
  g_free (self->kind);
  G_OBJECT_CLASS (rn_mastodon_source_parent_class)->finalize (object);
}

static void
rn_mastodon_source_class_init (RnMastodonSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_mastodon_source_finalize;
}

static void
rn_mastodon_source_init (RnMastodonSource *self)
{
}

RnMastodonSource *
rn_mastodon_source_new (RnStore       *store,
                        RnHttp        *http,
                        RnCredentials *credentials,
                        const char    *kind)
{
  RnMastodonSource *self;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  g_return_val_if_fail (g_strv_contains (kinds, kind), NULL);

  self = g_object_new (RN_TYPE_MASTODON_SOURCE, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->credentials = g_object_ref (credentials);
  self->kind = g_strdup (kind);
  return self;
}

/* ---- adding sources ---- */

static gboolean
valid_tag (const char *tag)
{
  glong n = 0;

  if (!g_utf8_validate (tag, -1, NULL))
    return FALSE;
  for (const char *p = tag; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && c != '_' && !g_unichar_ismark (c))
        return FALSE;
    }
  return n > 0 && n <= 100;
}

gboolean
rn_mastodon_add_hashtag_source (RnStore     *store,
                                const char  *server,
                                const char  *tag,
                                gint64       account_id,
                                gint64      *out_feed_id,
                                GError     **error)
{
  g_autofree char *host = rn_mastodon_normalize_server (server != NULL ? server : "mastodon.social", error);
  g_autofree char *url = NULL;
  g_autofree char *escaped = NULL;
  RnFeedSpec spec = { 0 };
  gint64 id = 0;

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  if (host == NULL)
    return FALSE;
  while (*tag == '#')
    tag++;
  if (!valid_tag (tag))
    {
      g_set_error (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_FAILED,
                   _("“%s” is not a hashtag: use letters, digits and _ only"), tag);
      return FALSE;
    }
  escaped = g_uri_escape_string (tag, NULL, FALSE);
  url = g_strdup_printf ("https://%s/tags/%s", host, escaped);
  spec.kind = "mastodon-hashtag";
  spec.url = url;
  spec.site_url = url;
  if (!rn_feed_store_add_feed (store, &spec, &id, error))
    return FALSE;
  if (account_id > 0 && !rn_account_store_attach_feed (store, id, account_id, error))
    return FALSE;
  if (out_feed_id != NULL)
    *out_feed_id = id;
  return TRUE;
}

gboolean
rn_mastodon_add_timeline_source (RnStore          *store,
                                 const RnAccount  *account,
                                 const char       *kind,
                                 const char       *list_id,
                                 gint64           *out_feed_id,
                                 GError          **error)
{
  g_autofree char *url = NULL;
  g_autofree char *options = NULL;
  RnFeedSpec spec = { 0 };
  gint64 id = 0;

  g_return_val_if_fail (account != NULL && account->id > 0, FALSE);
  g_return_val_if_fail (g_strv_contains (kinds, kind) && !g_str_equal (kind, "mastodon-hashtag"), FALSE);
  g_return_val_if_fail (!g_str_equal (kind, "mastodon-list") || list_id != NULL, FALSE);

  /* The url names the timeline uniquely (feeds are unique by kind + url). */
  if (list_id != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *escaped = g_uri_escape_string (list_id, NULL, FALSE);

      url = g_strdup_printf ("https://%s/@%s/lists/%s", account->server, account->username, escaped);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "list_id");
      json_builder_add_string_value (b, list_id);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      options = json_generator_to_data (gen, NULL);
    }
  else
    url = g_strdup_printf ("https://%s/@%s/%s", account->server, account->username,
                           kind + strlen ("mastodon-"));
  spec.kind = kind;
  spec.url = url;
  spec.options = options;
  if (!rn_feed_store_add_feed (store, &spec, &id, error) ||
      !rn_account_store_attach_feed (store, id, account->id, error))
    return FALSE;
  if (out_feed_id != NULL)
    *out_feed_id = id;
  return TRUE;
}
