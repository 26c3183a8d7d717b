/* rn-account-search.c: Mastodon and Bluesky accounts behind the remote
 * search interface, and the search of every column that names them. */
#define G_LOG_DOMAIN "rn-search"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bluesky/rn-bluesky-source.h"
#include "mastodon/rn-mastodon-actions.h"
#include "rn-account-search.h"

struct _RnAccountSearch
{
  GObject        parent_instance;

  RnStore       *store;
  RnHttp        *http;
  RnCredentials *credentials;
  RnAccount     *account;
  char          *key;
};

static void rn_account_search_iface_init (RnRemoteSearchInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnAccountSearch, rn_account_search, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RN_TYPE_REMOTE_SEARCH, rn_account_search_iface_init))

char *
rn_account_search_key_for (const RnAccount *account)
{
  g_return_val_if_fail (account != NULL, NULL);
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, account->kind, account->id);
}

static gboolean
is_operator (const char *word)
{
  return strcmp (word, "AND") == 0 || strcmp (word, "OR") == 0 || strcmp (word, "NOT") == 0;
}

char *
rn_account_search_query_text (const char *query)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_auto(GStrv) tokens = NULL;

  if (query == NULL)
    return NULL;
  tokens = g_strsplit_set (query, " \t\n()", -1);
  /* A hashtag is what servers search best: the first one wins. */
  for (guint i = 0; tokens[i] != NULL; i++)
    if (tokens[i][0] == '#' && tokens[i][1] != '\0')
      return g_strdup (tokens[i]);
  /* Fields (since:30d, source:…), exclusions and operators mean
   * nothing to a server. */
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *t = tokens[i];

      if (*t == '\0' || *t == '-' || strchr (t, ':') != NULL || is_operator (t))
        continue;
      if (words->len > 0)
        g_string_append_c (words, ' ');
      g_string_append (words, t);
    }
  return words->len > 0 ? g_string_free (g_steal_pointer (&words), FALSE) : NULL;
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  RnAccountSearch *self = g_task_get_source_object (task);
  GError *error = NULL;
  RnParsedFeed *feed = g_strcmp0 (self->account->kind, "bluesky") == 0
                       ? rn_bluesky_search_finish (result, &error)
                       : rn_mastodon_search_finish (result, &error);

  if (feed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, feed, (GDestroyNotify) rn_parsed_feed_free);
}

static void
search_async (RnRemoteSearch      *search,
              const char          *query,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  RnAccountSearch *self = RN_ACCOUNT_SEARCH (search);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *text = rn_account_search_query_text (query);

  g_task_set_source_tag (task, search_async);
  if (text == NULL)
    {
      /* Nothing a server could search for: no results, not an error. */
      g_task_return_pointer (task, rn_parsed_feed_new (), (GDestroyNotify) rn_parsed_feed_free);
      return;
    }
  if (g_strcmp0 (self->account->kind, "bluesky") == 0)
    rn_bluesky_search_async (self->store, self->http, self->credentials, self->account->id, text,
                             cancellable, on_searched, g_steal_pointer (&task));
  else
    rn_mastodon_search_async (self->store, self->http, self->credentials, self->account->id,
                              self->account->server, text, cancellable, on_searched, g_steal_pointer (&task));
}

static RnParsedFeed *
search_finish (RnRemoteSearch  *search,
               GAsyncResult    *result,
               GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
get_key (RnRemoteSearch *search)
{
  return RN_ACCOUNT_SEARCH (search)->key;
}

static void
rn_account_search_iface_init (RnRemoteSearchInterface *iface)
{
  iface->get_key = get_key;
  iface->search_async = search_async;
  iface->search_finish = search_finish;
}

static void
rn_account_search_finalize (GObject *object)
{
  RnAccountSearch *self = RN_ACCOUNT_SEARCH (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_object (&self->credentials);
  g_clear_pointer (&self->account, rn_account_free);
  g_free (self->key);
  G_OBJECT_CLASS (rn_account_search_parent_class)->finalize (object);
}

static void
rn_account_search_class_init (RnAccountSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_account_search_finalize;
}

static void
rn_account_search_init (RnAccountSearch *self)
{
}

RnAccountSearch *
rn_account_search_new (RnStore         *store,
                       RnHttp          *http,
                       RnCredentials   *credentials,
                       const RnAccount *account)
{
  RnAccountSearch *self = g_object_new (RN_TYPE_ACCOUNT_SEARCH, NULL);

  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->credentials = g_object_ref (credentials);
  self->account = rn_account_copy (account);
  self->key = rn_account_search_key_for (account);
  return self;
}

/* ---- every column ---- */

typedef struct
{
  guint   pending;
  gint64  added;
  guint   failed;   /* columns */
  GError *error;    /* the first column's failure */
} ColumnsJob;

static void
columns_job_free (ColumnsJob *job)
{
  g_clear_error (&job->error);
  g_free (job);
}

static void
finish_column (GTask *task)
{
  ColumnsJob *job = g_task_get_task_data (task);

  if (--job->pending == 0)
    {
      if (job->error == NULL)
        g_task_return_int (task, job->added);
      else if (job->failed == 1)
        g_task_return_error (task, g_steal_pointer (&job->error));
      else
        g_task_return_new_error (task, job->error->domain, job->error->code,
                                 /* Translators: the first of several failures, then how many more */
                                 ngettext ("%s (and %u other column)", "%s (and %u other columns)", job->failed - 1),
                                 job->error->message, job->failed - 1);
    }
  g_object_unref (task);
}

static void
on_column_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  GTask *task = data;
  ColumnsJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 added = rn_column_search_remote_finish (RN_COLUMN (source), result, &error);

  if (added < 0)
    {
      g_message ("Remote results of column “%s” not fetched: %s", rn_column_get_name (RN_COLUMN (source)),
                 error->message);
      job->failed++;
      if (job->error == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            /* Translators: a column's name, then why its search failed */
            g_prefix_error (&error, _("Column “%s”: "), rn_column_get_name (RN_COLUMN (source)));
          job->error = g_steal_pointer (&error);
        }
    }
  else
    job->added += added;
  finish_column (task);
}

void
rn_account_search_columns_async (RnColumnStore       *columns,
                                 RnHttp              *http,
                                 RnCredentials       *credentials,
                                 RnColumn            *only,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  RnStore *store = rn_column_store_get_store (columns);
  g_autoptr(GTask) task = g_task_new (columns, cancellable, callback, user_data);
  g_autoptr(GPtrArray) searches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) accounts = rn_account_store_list (store, NULL);
  ColumnsJob *job = g_new0 (ColumnsJob, 1);

  g_task_set_source_tag (task, rn_account_search_columns_async);
  g_task_set_task_data (task, job, (GDestroyNotify) columns_job_free);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      RnAccount *account = g_ptr_array_index (accounts, i);

      /* An expired sign-in is re-done in the Accounts dialog first. */
      if (g_strcmp0 (account->state, RN_ACCOUNT_STATE_OK) == 0)
        g_ptr_array_add (searches, rn_account_search_new (store, http, credentials, account));
    }

  job->pending = 1;   /* held until every column is started */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (columns)); i++)
    {
      g_autoptr(RnColumn) column = g_list_model_get_item (G_LIST_MODEL (columns), i);
      g_auto(GStrv) keys = rn_column_dup_remote_accounts (column);

      if ((only != NULL && column != only) || keys == NULL || keys[0] == NULL || searches->len == 0)
        continue;
      job->pending++;
      rn_column_search_remote_async (column, searches, cancellable, on_column_searched, g_object_ref (task));
    }
  finish_column (g_steal_pointer (&task));
}

gint64
rn_account_search_columns_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}
