/* rn-bluesky-source.c: refresh of a Bluesky timeline or search; search
 * and post for the UI. */
#define G_LOG_DOMAIN "rn-bluesky"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "feeds/rn-feed-state.h"
#include "feeds/rn-feed-store.h"
#include "rn-bluesky-post.h"
#include "rn-bluesky-session.h"
#include "rn-bluesky-source.h"

struct _RnBlueskySource
{
  GObject        parent_instance;

  RnStore       *store;
  RnHttp        *http;
  RnCredentials *credentials;
  char          *kind;
};

static void rn_bluesky_source_iface_init (RnSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnBlueskySource, rn_bluesky_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RN_TYPE_SOURCE, rn_bluesky_source_iface_init))

static const char * const kinds[] = { "bluesky-timeline", "bluesky-search", NULL };

const char * const *
rn_bluesky_source_kinds (void)
{
  return kinds;
}

typedef struct
{
  gint64            feed_id;
  gint64            account_id;
  gboolean          user_requested;
  gboolean          search;
  char             *query;        /* search only, not encoded */
  char             *title;
  char             *cursor;       /* newest sort key of the last refresh */
  char             *new_cursor;
  JsonArray        *items;        /* the new feed items, newest first */
  guint             n_pages;
  RnRefreshOutcome  outcome;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->query);
  g_free (job->title);
  g_free (job->cursor);
  g_free (job->new_cursor);
  g_clear_pointer (&job->items, json_array_unref);
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
  RnBlueskySource *self = source_object;
  Job *job = task_data;
  g_autoptr(RnParsedFeed) parsed = rn_parsed_feed_new ();
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), job->items);
  g_autoptr(GError) error = NULL;
  Store s = { job, NULL, { 0 } };

  parsed->title = g_strdup (job->title);
  parsed->link = g_strdup ("https://bsky.app/");
  rn_bluesky_posts_append (parsed, node);
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

static void fetch_page (GTask *task, const char *api_cursor);

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GTask) task = data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint retry_after = 0;
  g_autoptr(RnBlueskyReply) reply = rn_bluesky_call_finish (result, &retry_after, &error);
  JsonObject *root;
  JsonNode *list;
  JsonArray *array;
  const char *api_cursor;
  gboolean reached_known = FALSE;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Refresh cancelled"));
      return;
    }
  if (reply == NULL)
    {
      job->outcome.retry_after = retry_after;
      if (json_array_get_length (job->items) > 0)
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
  root = reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root) ? json_node_get_object (reply->root) : NULL;
  list = root != NULL ? json_object_get_member (root, job->search ? "posts" : "feed") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      return_failure (task, _("The server’s answer is not a Bluesky feed"));
      return;
    }
  array = json_node_get_array (list);
  n = json_array_get_length (array);
  job->n_pages++;
  for (guint i = 0; i < MIN (n, 100); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *key = JSON_NODE_HOLDS_OBJECT (node) ? rn_bluesky_item_sort_key (json_node_get_object (node)) : NULL;

      if (key == NULL)
        continue;
      if (job->cursor != NULL && strcmp (key, job->cursor) <= 0)
        {
          /* Sorted newest first: the rest was seen before. */
          reached_known = TRUE;
          break;
        }
      if (job->new_cursor == NULL || strcmp (key, job->new_cursor) > 0)
        {
          g_free (job->new_cursor);
          job->new_cursor = g_strdup (key);
        }
      json_array_add_element (job->items, json_node_copy (node));
    }

  api_cursor = root != NULL ? json_object_get_string_member_with_default (root, "cursor", NULL) : NULL;
  if (retry_after > 0)
    job->outcome.retry_after = retry_after;
  else if (!reached_known && n >= RN_BLUESKY_PAGE_SIZE && api_cursor != NULL && *api_cursor != '\0' &&
           strlen (api_cursor) < 1024 &&
           json_array_get_length (job->items) < (job->cursor != NULL ? RN_BLUESKY_INCREMENTAL_MAX
                                                                      : RN_BLUESKY_FIRST_MAX))
    {
      g_autofree char *next = g_strdup (api_cursor);

      fetch_page (g_steal_pointer (&task), next);
      return;
    }
  if (json_array_get_length (job->items) == 0)
    {
      job->outcome.status = RN_REFRESH_NOT_MODIFIED;
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_run_in_thread (task, parse_and_store);
}

static void
fetch_page (GTask      *task,
            const char *api_cursor)
{
  RnBlueskySource *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GString) query = g_string_new (NULL);

  g_string_append_printf (query, "limit=%d", RN_BLUESKY_PAGE_SIZE);
  if (job->search)
    {
      g_string_append (query, "&sort=latest&q=");
      g_string_append_uri_escaped (query, job->query, NULL, FALSE);
    }
  if (api_cursor != NULL)
    {
      g_string_append (query, "&cursor=");
      g_string_append_uri_escaped (query, api_cursor, NULL, FALSE);
    }
  rn_bluesky_call_async (self->store, self->http, self->credentials, job->account_id, "GET",
                         job->search ? "app.bsky.feed.searchPosts" : "app.bsky.feed.getTimeline",
                         query->str, NULL, job->user_requested, g_task_get_cancellable (task),
                         on_page, task);
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

static void
rn_bluesky_source_refresh_async (RnSource            *source,
                                 gint64               feed_id,
                                 gboolean             user_requested,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  RnBlueskySource *self = RN_BLUESKY_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(RnFeedFetchInfo) info = NULL;
  g_autoptr(RnAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  g_task_set_source_tag (task, rn_bluesky_source_refresh_async);
  job = g_new0 (Job, 1);
  job->feed_id = feed_id;
  job->user_requested = user_requested;
  job->search = g_str_equal (self->kind, "bluesky-search");
  job->items = json_array_new ();
  g_task_set_task_data (task, job, job_free);

  info = rn_feed_store_get_fetch_info (rn_store_get_reader (self->store), feed_id, &error);
  if (info == NULL)
    {
      return_failure (task, error->message);
      return;
    }
  job->cursor = info->etag != NULL && *info->etag != '\0' ? g_strdup (info->etag) : NULL;
  job->account_id = rn_account_store_feed_account (rn_store_get_reader (self->store), feed_id);
  account = job->account_id > 0 ? rn_account_store_get (self->store, job->account_id, NULL) : NULL;
  if (account == NULL)
    {
      return_failure (task, _("This Bluesky source belongs to an account that is not in your library any more"));
      return;
    }
  if (job->search)
    {
      job->query = option (info->options, "q");
      if (job->query == NULL || *job->query == '\0')
        {
          return_failure (task, _("This Bluesky search has no query"));
          return;
        }
      job->title = g_strdup_printf (_("“%s” on Bluesky"), job->query);
    }
  else
    job->title = g_strdup_printf (_("Bluesky (@%s)"), account->username);
  fetch_page (g_steal_pointer (&task), NULL);
}

static gboolean
rn_bluesky_source_refresh_finish (RnSource          *source,
                                  GAsyncResult      *result,
                                  RnRefreshOutcome  *outcome,
                                  GError           **error)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  *outcome = job->outcome;
  memset (&job->outcome, 0, sizeof job->outcome);
  return TRUE;
}

static const char *
rn_bluesky_source_get_kind (RnSource *source)
{
  return RN_BLUESKY_SOURCE (source)->kind;
}

static void
rn_bluesky_source_iface_init (RnSourceInterface *iface)
{
  iface->get_kind = rn_bluesky_source_get_kind;
  iface->refresh_async = rn_bluesky_source_refresh_async;
  iface->refresh_finish = rn_bluesky_source_refresh_finish;
}

static void
rn_bluesky_source_finalize (GObject *object)
{
  RnBlueskySource *self = RN_BLUESKY_SOURCE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_object (&self->credentials);
  g_free (self->kind);
  G_OBJECT_CLASS (rn_bluesky_source_parent_class)->finalize (object);
}

static void
rn_bluesky_source_class_init (RnBlueskySourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_bluesky_source_finalize;
}

static void
rn_bluesky_source_init (RnBlueskySource *self)
{
}

RnBlueskySource *
rn_bluesky_source_new (RnStore       *store,
                       RnHttp        *http,
                       RnCredentials *credentials,
                       const char    *kind)
{
  RnBlueskySource *self;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  g_return_val_if_fail (g_strv_contains (kinds, kind), NULL);

  self = g_object_new (RN_TYPE_BLUESKY_SOURCE, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->credentials = g_object_ref (credentials);
  self->kind = g_strdup (kind);
  return self;
}

/* ---- adding sources ---- */

static gboolean
add_source (RnStore          *store,
            const RnAccount  *account,
            const char       *kind,
            const char       *url,
            const char       *options,
            gint64           *out_feed_id,
            GError          **error)
{
  RnFeedSpec spec = { 0 };
  gint64 id = 0;

  spec.kind = kind;
  spec.url = url;
  spec.site_url = "https://bsky.app/";
  spec.options = options;
  if (!rn_feed_store_add_feed (store, &spec, &id, error) ||
      !rn_account_store_attach_feed (store, id, account->id, error))
    return FALSE;
  if (out_feed_id != NULL)
    *out_feed_id = id;
  return TRUE;
}

gboolean
rn_bluesky_add_timeline_source (RnStore          *store,
                                const RnAccount  *account,
                                gint64           *out_feed_id,
                                GError          **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (account != NULL && g_strcmp0 (account->kind, "bluesky") == 0, FALSE);
  url = g_strdup_printf ("https://bsky.app/profile/%s/following", account->username);
  return add_source (store, account, "bluesky-timeline", url, NULL, out_feed_id, error);
}

gboolean
rn_bluesky_add_search_source (RnStore          *store,
                              const RnAccount  *account,
                              const char       *query,
                              gint64           *out_feed_id,
                              GError          **error)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *options = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (account != NULL && g_strcmp0 (account->kind, "bluesky") == 0, FALSE);
  if (query == NULL || *query == '\0' || strlen (query) > 500)
    {
      g_set_error_literal (error, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_INVALID,
                           _("Type something to search for"));
      return FALSE;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "q");
  json_builder_add_string_value (b, query);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  options = json_generator_to_data (gen, NULL);
  escaped = g_uri_escape_string (query, NULL, FALSE);
  url = g_strdup_printf ("https://bsky.app/search?q=%s", escaped);
  return add_source (store, account, "bluesky-search", url, options, out_feed_id, error);
}

/* ---- search ---- */

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnBlueskyReply) reply = rn_bluesky_call_finish (result, NULL, &error);
  g_autoptr(RnParsedFeed) feed = NULL;

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  feed = rn_parsed_feed_new ();
  if (reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root))
    rn_bluesky_posts_append (feed, json_object_get_member (json_node_get_object (reply->root), "posts"));
  g_task_return_pointer (task, g_steal_pointer (&feed), (GDestroyNotify) rn_parsed_feed_free);
}

void
rn_bluesky_search_async (RnStore             *store,
                         RnHttp              *http,
                         RnCredentials       *credentials,
                         gint64               account_id,
                         const char          *query,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GString) q = g_string_new ("limit=40&sort=latest&q=");

  g_task_set_source_tag (task, rn_bluesky_search_async);
  if (query == NULL || *query == '\0' || strlen (query) > 500)
    {
      g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_INVALID,
                               _("Type something to search for"));
      return;
    }
  g_string_append_uri_escaped (q, query, NULL, FALSE);
  rn_bluesky_call_async (store, http, credentials, account_id, "GET", "app.bsky.feed.searchPosts",
                         q->str, NULL, TRUE, cancellable, on_searched, g_steal_pointer (&task));
}

RnParsedFeed *
rn_bluesky_search_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- posting ---- */

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnBlueskyReply) reply = rn_bluesky_call_finish (result, NULL, &error);
  const char *uri = NULL;

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root))
    uri = json_object_get_string_member_with_default (json_node_get_object (reply->root), "uri", NULL);
  if (uri == NULL)
    {
      g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_BAD_RESPONSE,
                               _("Bluesky did not confirm the post"));
      return;
    }
  g_task_return_pointer (task, g_strdup (uri), g_free);
}

void
rn_bluesky_post_async (RnStore             *store,
                       RnHttp              *http,
                       RnCredentials       *credentials,
                       gint64               account_id,
                       const char          *text,
                       const char          *lang,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(RnAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *did = NULL;
  g_autofree char *created = NULL;
  guint graphemes;

  g_task_set_source_tag (task, rn_bluesky_post_async);
  if (text == NULL || !g_utf8_validate (text, -1, NULL) || text[strspn (text, " \t\r\n")] == '\0')
    {
      g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_INVALID, _("The post is empty"));
      return;
    }
  graphemes = rn_bluesky_count_graphemes (text);
  if (graphemes > RN_BLUESKY_MAX_GRAPHEMES)
    {
      g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_TOO_LONG,
                               ngettext ("The post is %u character long; Bluesky allows %u",
                                         "The post is %u characters long; Bluesky allows %u", graphemes),
                               graphemes, RN_BLUESKY_MAX_GRAPHEMES);
      return;
    }
  account = rn_account_store_get (store, account_id, &error);
  did = account != NULL ? rn_account_dup_option (account, "did") : NULL;
  if (did == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, RN_BLUESKY_ERROR, RN_BLUESKY_ERROR_INVALID,
                                 _("This Bluesky account is incomplete. Sign in again."));
      return;
    }
  created = g_date_time_format_iso8601 (now);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "repo");
  json_builder_add_string_value (b, did);
  json_builder_set_member_name (b, "collection");
  json_builder_add_string_value (b, "app.bsky.feed.post");
  json_builder_set_member_name (b, "record");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "$type");
  json_builder_add_string_value (b, "app.bsky.feed.post");
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "createdAt");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "facets");
  json_builder_add_value (b, rn_bluesky_build_facets (text));
  if (lang != NULL && *lang != '\0')
    {
      json_builder_set_member_name (b, "langs");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, lang);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  rn_bluesky_call_async (store, http, credentials, account_id, "POST", "com.atproto.repo.createRecord",
                         NULL, body, TRUE, cancellable, on_created, g_steal_pointer (&task));
}

char *
rn_bluesky_post_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
