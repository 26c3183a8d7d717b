/* rn-pubmed-source.c: PubMed searches stored as sources, and their refresh:
 * read the row (worker), search NCBI (main context), store (worker: the
 * store's writer blocks). */
#define G_LOG_DOMAIN "rn-pubmed"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rn-pubmed-source.h"
#include "store/rn-sql.h"

#define MAX_OPTIONS_LENGTH 4096

gboolean
rn_pubmed_options_parse (const char      *json,
                         RnPubmedOptions *out)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *obj;

  g_return_val_if_fail (out != NULL, FALSE);

  out->days = 0;
  out->max_results = 0;
  if (json == NULL || *json == '\0')
    return TRUE;
  if (strlen (json) > MAX_OPTIONS_LENGTH)
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  obj = json_node_get_object (root);
  if (json_object_has_member (obj, "days"))
    {
      JsonNode *node = json_object_get_member (obj, "days");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        out->days = (guint) CLAMP (json_node_get_int (node), 0, 100 * 365);
    }
  if (json_object_has_member (obj, "max_results"))
    {
      JsonNode *node = json_object_get_member (obj, "max_results");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        out->max_results = (guint) CLAMP (json_node_get_int (node), 0, RN_PUBMED_MAX_RESULTS_LIMIT);
    }
  return TRUE;
}

char *
rn_pubmed_options_to_json (const RnPubmedOptions *options)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (options == NULL || (options->days == 0 && options->max_results == 0))
    return NULL;
  b = json_builder_new ();
  json_builder_begin_object (b);
  if (options->days > 0)
    {
      json_builder_set_member_name (b, "days");
      json_builder_add_int_value (b, options->days);
    }
  if (options->max_results > 0)
    {
      json_builder_set_member_name (b, "max_results");
      json_builder_add_int_value (b, options->max_results);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
rn_pubmed_source_add (RnStore                *store,
                      const char             *query,
                      const char             *title,
                      const RnPubmedOptions  *options,
                      gint64                  folder_id,
                      gint64                 *out_id,
                      GError                **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *json = rn_pubmed_options_to_json (options);
  RnFeedSpec spec = { 0 };

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);

  trimmed = g_strstrip (g_strdup (query != NULL ? query : ""));
  if (*trimmed == '\0')
    {
      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY, _("The search is empty"));
      return FALSE;
    }
  spec.kind = RN_PUBMED_KIND;
  spec.url = trimmed;
  spec.title = title != NULL && *title != '\0' ? title : trimmed;
  spec.folder_id = folder_id;
  spec.options = json;
  return rn_feed_store_add_feed (store, &spec, out_id, error);
}

/* ---- refresh ---- */

typedef struct
{
  RnStore         *store;
  RnPubmedClient  *client;
  gint64           feed_id;
  char            *query;
  RnPubmedOptions  options;
  RnParsedFeed    *parsed;
  RnIngestStats    stats;
} Refresh;

static void
refresh_free (gpointer data)
{
  Refresh *r = data;

  g_object_unref (r->store);
  g_object_unref (r->client);
  g_free (r->query);
  g_clear_pointer (&r->parsed, rn_parsed_feed_free);
  g_free (r);
}

static void
read_row_thread (GTask        *inner,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  Refresh *r = data;
  GError *error = NULL;
  sqlite3 *db = rn_store_open_reader (r->store, &error);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  gboolean is_pubmed = FALSE;
  g_autofree char *options = NULL;

  if (db == NULL)
    {
      g_task_return_error (inner, error);
      return;
    }
  stmt = rn_sql_prepare (db, "SELECT kind, url, options FROM feeds WHERE id = ?", &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, r->feed_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          found = TRUE;
          is_pubmed = g_strcmp0 (rn_sql_column_text (stmt, 0), RN_PUBMED_KIND) == 0;
          r->query = rn_sql_dup_text (stmt, 1);
          options = rn_sql_dup_text (stmt, 2);
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close_v2 (db);

  if (error != NULL)
    g_task_return_error (inner, error);
  else if (!found)
    g_task_return_new_error (inner, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                             _("There is no feed %" PRId64), r->feed_id);
  else if (!is_pubmed)
    g_task_return_new_error (inner, RN_STORE_ERROR, RN_STORE_ERROR_INVALID,
                             _("Source %" PRId64 " is not a PubMed search"), r->feed_id);
  else
    {
      if (!rn_pubmed_options_parse (options, &r->options))
        g_warning ("PubMed source %" G_GINT64_FORMAT ": unreadable options, using defaults", r->feed_id);
      g_task_return_boolean (inner, TRUE);
    }
}

static gboolean
ingest_in_txn (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  Refresh *r = data;

  if (!rn_feed_store_ingest (store, db, r->feed_id, r->parsed, "article",
                             g_get_real_time () / G_USEC_PER_SEC, &r->stats, error))
    return FALSE;

  /* The identifiers a reference needs, beside the journal details. Only
   * rows that lack them are rewritten. */
  for (guint i = 0; i < r->parsed->entries->len; i++)
    {
      RnParsedEntry *e = g_ptr_array_index (r->parsed->entries, i);
      sqlite3_stmt *stmt;

      if (e->pmid == NULL)
        continue;
      stmt = rn_store_writer_stmt (store,
        "UPDATE items SET extra = json_patch(coalesce(extra, '{}'), json_object('pmid', ?1, 'pmcid', ?2)) "
        "WHERE feed_id = ?3 AND guid = ?4 AND (extra IS NULL "
        "  OR json_extract(extra, '$.pmid') IS NOT ?1 OR json_extract(extra, '$.pmcid') IS NOT ?2)", error);
      if (stmt == NULL)
        return FALSE;
      rn_sql_bind_text (stmt, 1, e->pmid);
      rn_sql_bind_text (stmt, 2, e->pmcid);
      sqlite3_bind_int64 (stmt, 3, r->feed_id);
      rn_sql_bind_text (stmt, 4, e->id);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
ingest_thread (GTask        *inner,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Refresh *r = data;
  GError *error = NULL;

  if (rn_store_write (r->store, ingest_in_txn, r, &error))
    g_task_return_boolean (inner, TRUE);
  else
    g_task_return_error (inner, error);
}

static void
on_ingested (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GTask *task = data;
  Refresh *r = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else
    {
      RnIngestStats *stats = g_new (RnIngestStats, 1);

      *stats = r->stats;
      g_debug ("PubMed source %" G_GINT64_FORMAT ": %u new, %u updated, %u unchanged",
               r->feed_id, stats->added, stats->updated, stats->unchanged);
      g_task_return_pointer (task, stats, g_free);
    }
  g_object_unref (task);
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GTask *task = data;
  Refresh *r = g_task_get_task_data (task);
  GError *error = NULL;
  GTask *inner;

  r->parsed = rn_pubmed_client_search_finish (RN_PUBMED_CLIENT (source), result, NULL, &error);
  if (r->parsed == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  inner = g_task_new (NULL, g_task_get_cancellable (task), on_ingested, task);
  g_task_set_task_data (inner, r, NULL);
  g_task_run_in_thread (inner, ingest_thread);
  g_object_unref (inner);
}

static void
on_row_read (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GTask *task = data;
  Refresh *r = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  rn_pubmed_client_search_async (r->client, r->query, r->options.days, r->options.max_results,
                                 g_task_get_cancellable (task), on_searched, task);
}

void
rn_pubmed_refresh_feed_async (RnStore             *store,
                              RnPubmedClient      *client,
                              gint64               feed_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  GTask *inner;
  Refresh *r;

  g_return_if_fail (RN_IS_STORE (store));
  g_return_if_fail (RN_IS_PUBMED_CLIENT (client));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_pubmed_refresh_feed_async);
  r = g_new0 (Refresh, 1);
  r->store = g_object_ref (store);
  r->client = g_object_ref (client);
  r->feed_id = feed_id;
  g_task_set_task_data (task, r, refresh_free);

  inner = g_task_new (NULL, cancellable, on_row_read, task);
  g_task_set_task_data (inner, r, NULL);
  g_task_run_in_thread (inner, read_row_thread);
  g_object_unref (inner);
}

gboolean
rn_pubmed_refresh_feed_finish (GAsyncResult   *result,
                               RnIngestStats  *out_stats,
                               GError        **error)
{
  g_autofree RnIngestStats *stats = NULL;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rn_pubmed_refresh_feed_async, FALSE);

  stats = g_task_propagate_pointer (G_TASK (result), error);
  if (stats == NULL)
    return FALSE;
  if (out_stats != NULL)
    *out_stats = *stats;
  return TRUE;
}
