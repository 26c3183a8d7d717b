/* rn-column.c: a saved-search column: settings and a paging list model. */
#define G_LOG_DOMAIN "rn-column"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "feeds/rn-item-private.h"
#include "rn-column.h"
#include "store/rn-sql.h"

#define PAGE_SIZE        64
#define MAX_CACHED       1536   /* RnItems held at most */
#define MAX_INCREMENTAL  512    /* more new matches than this: reload */
#define RECOUNT_DELAY_MS 150

typedef struct
{
  RnItem  *item;
  guint64  stamp;               /* last use, for eviction */
} CacheEntry;

struct _RnColumn
{
  GObject      parent_instance;

  RnStore     *store;
  gint64       id;
  char        *name;
  char        *query;
  RnQuerySort  sort;
  gboolean     notify;
  int          position;
  int          width;
  GStrv        exclude_words;
  GStrv        authors;
  gboolean     media_only;
  gboolean     hide_boosts;
  gboolean     hide_replies;
  char        *remote_json;
  gint64       seen_id;
  RnColumnFilters scope;        /* feed_id … saved_only only; not saved */

  /* the model */
  RnQuerySql  *sql;
  gboolean     started;
  gboolean     complete;
  GArray      *keys;            /* RnQueryKey of the rows found so far, in order */
  GHashTable  *cache;           /* item id → CacheEntry */
  guint64      clock;
  guint        unread_count;
  guint        recount_id;
  guint        count_generation;
  GCancellable *cancellable;
  RnColumnStats stats;

  gulong       added_id;
  gulong       changed_id;
  gulong       feeds_id;
  char        *feeds_fingerprint;
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_QUERY,
  PROP_SORT,
  PROP_NOTIFY,
  PROP_POSITION,
  PROP_WIDTH,
  PROP_EXCLUDE_WORDS,
  PROP_AUTHORS,
  PROP_MEDIA_ONLY,
  PROP_HIDE_BOOSTS,
  PROP_HIDE_REPLIES,
  PROP_REMOTE,
  PROP_SEEN_ID,
  PROP_UNREAD_COUNT,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rn_column_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnColumn, rn_column, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rn_column_model_init))

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_object_unref (entry->item);
  g_free (entry);
}

const char *
rn_column_sort_to_string (RnQuerySort sort)
{
  switch (sort)
    {
    case RN_QUERY_SORT_OLDEST:
      return "oldest";
    case RN_QUERY_SORT_RELEVANCE:
      return "relevance";
    case RN_QUERY_SORT_NEWEST:
    default:
      return "newest";
    }
}

gboolean
rn_column_sort_from_string (const char  *text,
                            RnQuerySort *sort)
{
  if (g_strcmp0 (text, "newest") == 0)
    *sort = RN_QUERY_SORT_NEWEST;
  else if (g_strcmp0 (text, "oldest") == 0)
    *sort = RN_QUERY_SORT_OLDEST;
  else if (g_strcmp0 (text, "relevance") == 0)
    *sort = RN_QUERY_SORT_RELEVANCE;
  else
    return FALSE;
  return TRUE;
}

/* ---- compiling ---------------------------------------------------------- */

/* With @db, word prefixes are spelled as the index's words (see
 * rn_query_compile_for()). */
static RnQuerySql *
compile_text (sqlite3               *db,
              const char            *text,
              const char * const    *exclude_words,
              const char * const    *authors,
              gboolean               media_only,
              gboolean               hide_boosts,
              gboolean               hide_replies,
              const RnColumnFilters *scope,
              GError               **error)
{
  g_autoptr(RnQuery) query = NULL;
  RnColumnFilters filters = {
    .exclude_words = exclude_words,
    .authors = authors,
    .media_only = media_only,
    .hide_boosts = hide_boosts,
    .hide_replies = hide_replies,
    .feed_id = scope->feed_id,
    .folder_id = scope->folder_id,
    .unread_only = scope->unread_only,
    .starred_only = scope->starred_only,
    .saved_only = scope->saved_only,
  };

  if (text != NULL && *text != '\0')
    {
      query = rn_query_parse (text, error);
      if (query == NULL)
        return NULL;
    }
  return rn_query_compile_for (query, &filters, g_get_real_time () / G_USEC_PER_SEC, db, error);
}

static gboolean
compile (RnColumn *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->sql, rn_query_sql_free);
  self->sql = compile_text (rn_store_get_reader (self->store), self->query,
                            (const char * const *) self->exclude_words,
                            (const char * const *) self->authors,
                            self->media_only, self->hide_boosts, self->hide_replies,
                            &self->scope, &error);
  if (self->sql == NULL)
    {
      g_warning ("Column “%s” does not compile: %s", self->name, error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- keys and positions ------------------------------------------------- */

/* TRUE if @a comes before @b in the column's order (NEWEST or OLDEST). */
static gboolean
key_before (RnColumn         *self,
            const RnQueryKey *a,
            const RnQueryKey *b)
{
  if (self->sort == RN_QUERY_SORT_OLDEST)
    return a->sort_date < b->sort_date || (a->sort_date == b->sort_date && a->id < b->id);
  return a->sort_date > b->sort_date || (a->sort_date == b->sort_date && a->id > b->id);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  RnColumn *self = data;

  if (key_before (self, a, b))
    return -1;
  return key_before (self, b, a) ? 1 : 0;
}

/* The first position whose key does not come before @key. */
static guint
insertion_point (RnColumn         *self,
                 const RnQueryKey *key)
{
  guint lo = 0, hi = self->keys->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (key_before (self, &g_array_index (self->keys, RnQueryKey, mid), key))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* ---- rows --------------------------------------------------------------- */

static int
cmp_stamp (gconstpointer a,
           gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static void
evict (RnColumn *self)
{
  g_autoptr(GArray) stamps = NULL;
  GHashTableIter iter;
  CacheEntry *entry;
  guint64 cut;

  if (g_hash_table_size (self->cache) < MAX_CACHED)
    return;
  /* Drop the least recently used half in one pass. */
  stamps = g_array_sized_new (FALSE, FALSE, sizeof (guint64), g_hash_table_size (self->cache));
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    g_array_append_val (stamps, entry->stamp);
  g_array_sort (stamps, cmp_stamp);
  cut = g_array_index (stamps, guint64, stamps->len / 2);
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->stamp < cut)
      g_hash_table_iter_remove (&iter);
}

/* Materialises the rows around @position that are not held yet. */
static void
load_rows (RnColumn *self,
           guint     position)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " RN_ITEM_ROW_COLUMNS
                                         " FROM items i JOIN feeds f ON f.id = i.feed_id"
                                         " WHERE i.id IN (");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint first = position >= PAGE_SIZE / 4 ? position - PAGE_SIZE / 4 : 0;
  guint last = MIN (first + PAGE_SIZE, self->keys->len);
  guint wanted = 0;

  for (guint k = first; k < last; k++)
    {
      gint64 id = g_array_index (self->keys, RnQueryKey, k).id;

      if (g_hash_table_contains (self->cache, &id))
        continue;
      /* ids are integers from our own keys: safe to write inline */
      g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, wanted > 0 ? "," : "", id);
      wanted++;
    }
  if (wanted == 0)
    return;
  g_string_append_c (sql, ')');

  stmt = rn_sql_prepare (rn_store_get_reader (self->store), sql->str, &error);
  if (stmt == NULL)
    {
      g_warning ("Could not load column rows: %s", error->message);
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CacheEntry *entry = g_new (CacheEntry, 1);
      gint64 *key = g_new (gint64, 1);

      entry->item = rn_item_new_from_row (stmt);
      entry->stamp = ++self->clock;
      *key = rn_item_get_id (entry->item);
      g_hash_table_replace (self->cache, key, entry);
      self->stats.rows_loaded++;
    }
}

/* ---- GListModel --------------------------------------------------------- */

static void schedule_recount (RnColumn *self);
static char *feeds_fingerprint (RnColumn *self);

static gboolean
fetch_page (RnColumn  *self,
            GArray    *out,
            GError   **error)
{
  const RnQueryKey *after = NULL;

  if (self->keys->len > 0)
    after = &g_array_index (self->keys, RnQueryKey, self->keys->len - 1);
  self->stats.pages_fetched++;
  return rn_query_fetch_page (self->sql, rn_store_get_reader (self->store), self->sort,
                              after, PAGE_SIZE, out, NULL, error);
}

/* The first page, read the first time someone looks (no signal: nobody has
 * seen the model before). */
static void
ensure_started (RnColumn *self)
{
  g_autoptr(GError) error = NULL;

  if (self->started)
    return;
  self->started = TRUE;
  if (self->feeds_fingerprint == NULL)
    self->feeds_fingerprint = feeds_fingerprint (self);
  if (self->sql == NULL && !compile (self))
    {
      self->complete = TRUE;
      return;
    }
  if (!fetch_page (self, self->keys, &error))
    {
      g_warning ("Column “%s”: %s", self->name, error->message);
      self->complete = TRUE;
      return;
    }
  self->complete = self->keys->len < PAGE_SIZE;
  schedule_recount (self);
}

static GType
rn_column_get_item_type (GListModel *model)
{
  return RN_TYPE_ITEM;
}

static guint
rn_column_get_n_items (GListModel *model)
{
  RnColumn *self = RN_COLUMN (model);

  ensure_started (self);
  return self->keys->len;
}

static gpointer
rn_column_get_item (GListModel *model,
                    guint       position)
{
  RnColumn *self = RN_COLUMN (model);
  CacheEntry *entry;
  gint64 id;

  ensure_started (self);
  if (position >= self->keys->len)
    return NULL;

  id = g_array_index (self->keys, RnQueryKey, position).id;
  entry = g_hash_table_lookup (self->cache, &id);
  if (entry == NULL)
    {
      evict (self);
      load_rows (self, position);
      entry = g_hash_table_lookup (self->cache, &id);
      if (entry == NULL)
        return NULL;   /* deleted meanwhile; feeds-changed reloads */
    }
  entry->stamp = ++self->clock;
  return g_object_ref (entry->item);
}

static void
rn_column_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rn_column_get_item_type;
  iface->get_n_items = rn_column_get_n_items;
  iface->get_item = rn_column_get_item;
}

guint
rn_column_load_more (RnColumn  *self,
                     GError   **error)
{
  g_autoptr(GArray) page = NULL;
  guint old;

  g_return_val_if_fail (RN_IS_COLUMN (self), 0);

  if (!self->started)
    {
      ensure_started (self);
      if (self->keys->len > 0)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->keys->len);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
        }
      return self->keys->len;
    }
  if (self->complete || self->sql == NULL)
    return 0;

  page = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  if (!fetch_page (self, page, error))
    {
      self->complete = TRUE;
      return 0;
    }
  if (page->len < PAGE_SIZE)
    self->complete = TRUE;
  if (page->len == 0)
    return 0;
  old = self->keys->len;
  g_array_append_vals (self->keys, page->data, page->len);
  g_list_model_items_changed (G_LIST_MODEL (self), old, 0, page->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return page->len;
}

void
rn_column_reload (RnColumn *self)
{
  guint old;

  g_return_if_fail (RN_IS_COLUMN (self));

  old = self->keys->len;
  g_array_set_size (self->keys, 0);
  g_hash_table_remove_all (self->cache);
  compile (self);   /* again: relative dates move with time */
  self->started = FALSE;
  self->complete = FALSE;
  ensure_started (self);
  if (old != 0 || self->keys->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->keys->len);
  if (old != self->keys->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Settings that change the result: start over, if anyone is looking. */
static void
requery (RnColumn *self)
{
  g_clear_pointer (&self->sql, rn_query_sql_free);
  if (self->started)
    rn_column_reload (self);
}

/* ---- following the store ------------------------------------------------ */

/* New rows [first, last]: only that range is evaluated. */
static void
on_items_added (RnStore  *store,
                gint64    first,
                gint64    last,
                RnColumn *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) new_keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  guint inserted = 0;

  if (!self->started || self->sql == NULL || last < first)
    return;

  /* The new rows may bring new words that a prefix of the query matches. */
  if (rn_query_sql_has_prefix (self->sql) && !compile (self))
    return;
  db = rn_store_get_reader (store);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->stats.incremental_runs++;
  self->stats.ids_evaluated += (guint64) (last - first + 1);
  if (!rn_query_match_ids (self->sql, db, first, last, ids, NULL, &error))
    {
      g_warning ("Column “%s”: %s", self->name, error->message);
      return;
    }
  if (ids->len == 0)
    return;

  /* Relevance ranks a pool of the newest matches: new rows change the
   * pool, so rank again. Floods are cheaper to read again too. */
  if (self->sort == RN_QUERY_SORT_RELEVANCE || ids->len > MAX_INCREMENTAL)
    {
      rn_column_reload (self);
      schedule_recount (self);
      return;
    }

  sql = g_string_new ("SELECT id, sort_date FROM items WHERE id IN (");
  for (guint k = 0; k < ids->len; k++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, k > 0 ? "," : "", g_array_index (ids, gint64, k));
  g_string_append (sql, ")");
  stmt = rn_sql_prepare (db, sql->str, &error);
  if (stmt == NULL)
    {
      g_warning ("Column “%s”: %s", self->name, error->message);
      return;
    }
  new_keys = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RnQueryKey key = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), 0.0 };
      g_array_append_val (new_keys, key);
    }

  /* In the column's order, so that each insertion lands after the ones
   * before it and the positions a view sees only grow. */
  g_array_sort_with_data (new_keys, compare_keys, self);
  for (guint k = 0; k < new_keys->len; k++)
    {
      RnQueryKey *key = &g_array_index (new_keys, RnQueryKey, k);
      guint at = insertion_point (self, key);

      /* Past the rows read so far: paging will bring it in its turn. */
      if (at == self->keys->len && !self->complete)
        continue;
      g_array_insert_val (self->keys, at, *key);
      g_list_model_items_changed (G_LIST_MODEL (self), at, 0, 1);
      inserted++;
    }
  if (inserted > 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      schedule_recount (self);
    }
  g_debug ("Column “%s”: %u new rows of %" G_GINT64_FORMAT " inserted", self->name, inserted,
           last - first + 1);
}

/* Read/starred/saved changed somewhere: refresh the rows held. */
static void
on_items_changed (RnStore  *store,
                  RnColumn *self)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gint64 *id;
  guint n = 0;

  if (!self->started)
    return;
  schedule_recount (self);
  if (g_hash_table_size (self->cache) == 0)
    return;

  sql = g_string_new ("SELECT i.id, i.read, i.starred, "
                      "EXISTS (SELECT 1 FROM saved s WHERE s.item_id = i.id) "
                      "FROM items i WHERE i.id IN (");
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, n++ > 0 ? "," : "", *id);
  g_string_append_c (sql, ')');
  stmt = rn_sql_prepare (rn_store_get_reader (store), sql->str, &error);
  if (stmt == NULL)
    {
      g_warning ("Column “%s”: %s", self->name, error->message);
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 row_id = sqlite3_column_int64 (stmt, 0);
      CacheEntry *entry = g_hash_table_lookup (self->cache, &row_id);

      if (entry != NULL)
        rn_item_set_state (entry->item, sqlite3_column_int (stmt, 1),
                           sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3));
    }
}

/* A cheap fingerprint of which feeds exist, their titles and folders:
 * feeds-changed also fires for unread counts and fetch times, which change
 * no column's rows. */
static char *
feeds_fingerprint (RnColumn *self)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (rn_store_get_reader (self->store),
    "SELECT count(*), total(id), total(ifnull(folder_id, 0) * id),"
    " total(length(coalesce(user_title, title, url)) * id),"
    " total(unicode(coalesce(user_title, title, url)) * id),"
    " (SELECT count(*) || ':' || total(length(title) * id) FROM folders) FROM feeds", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup_printf ("%lld/%.0f/%.0f/%.0f/%.0f/%s", (long long) sqlite3_column_int64 (stmt, 0),
                          sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2),
                          sqlite3_column_double (stmt, 3), sqlite3_column_double (stmt, 4),
                          rn_sql_column_text (stmt, 5));
}

/* Feeds went, were renamed or moved: source:/folder: may mean other rows,
 * and the rows of a removed feed are gone. */
static void
on_feeds_changed (RnStore  *store,
                  RnColumn *self)
{
  g_autofree char *fingerprint = NULL;

  if (!self->started)
    return;
  fingerprint = feeds_fingerprint (self);
  if (g_strcmp0 (fingerprint, self->feeds_fingerprint) == 0)
    return;
  g_free (self->feeds_fingerprint);
  self->feeds_fingerprint = g_steal_pointer (&fingerprint);
  rn_column_reload (self);
  schedule_recount (self);
}

/* ---- unread count, on a worker thread ----------------------------------- */

typedef struct
{
  char    *query;
  GStrv    exclude_words;
  GStrv    authors;
  gboolean media_only, hide_boosts, hide_replies;
  RnColumnFilters scope;
  guint    generation;
} CountJob;

static void
count_job_free (CountJob *job)
{
  g_free (job->query);
  g_strfreev (job->exclude_words);
  g_strfreev (job->authors);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  RnColumn *self = source;
  CountJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuerySql) sql = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db;
  gint64 count = 0;
  gboolean ok;

  /* The unread rows of the column: its query AND is:unread. */
  if (job->query != NULL && *job->query != '\0')
    text = g_strdup_printf ("(%s) is:unread", job->query);
  else
    text = g_strdup ("is:unread");
  db = rn_store_open_reader (self->store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sql = compile_text (db, text, (const char * const *) job->exclude_words,
                      (const char * const *) job->authors,
                      job->media_only, job->hide_boosts, job->hide_replies, &job->scope, &error);
  if (sql == NULL)
    {
      sqlite3_close (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ok = rn_query_count (sql, db, RN_COLUMN_UNREAD_CAP, &count, cancellable, &error);
  sqlite3_close (db);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, count);
}

static void
on_count_done (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  RnColumn *self = RN_COLUMN (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize count = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Column “%s”: unread count: %s", self->name, error->message);
      return;
    }
  if (job->generation != self->count_generation)
    return;   /* a newer count is on its way */
  if ((guint) count != self->unread_count)
    {
      self->unread_count = (guint) count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
    }
}

static gboolean
on_recount_timeout (gpointer data)
{
  RnColumn *self = data;
  g_autoptr(GTask) task = NULL;
  CountJob *job;

  self->recount_id = 0;
  job = g_new0 (CountJob, 1);
  job->query = g_strdup (self->query);
  job->exclude_words = g_strdupv (self->exclude_words);
  job->authors = g_strdupv (self->authors);
  job->media_only = self->media_only;
  job->hide_boosts = self->hide_boosts;
  job->hide_replies = self->hide_replies;
  job->scope = self->scope;
  job->generation = ++self->count_generation;

  task = g_task_new (self, self->cancellable, on_count_done, NULL);
  g_task_set_source_tag (task, on_recount_timeout);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
  g_task_run_in_thread (task, count_thread);
  return G_SOURCE_REMOVE;
}

/* Debounced: a refresh adds items feed by feed. */
static void
schedule_recount (RnColumn *self)
{
  if (self->recount_id == 0)
    self->recount_id = g_timeout_add (RECOUNT_DELAY_MS, on_recount_timeout, self);
}

/* ---- GObject ------------------------------------------------------------ */

static void
rn_column_dispose (GObject *object)
{
  RnColumn *self = RN_COLUMN (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->recount_id, g_source_remove);
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->added_id, self->store);
      g_clear_signal_handler (&self->changed_id, self->store);
      g_clear_signal_handler (&self->feeds_id, self->store);
    }

  G_OBJECT_CLASS (rn_column_parent_class)->dispose (object);
}

static void
rn_column_finalize (GObject *object)
{
  RnColumn *self = RN_COLUMN (object);

  g_clear_pointer (&self->sql, rn_query_sql_free);
  g_array_unref (self->keys);
  g_hash_table_unref (self->cache);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_free (self->name);
  g_free (self->query);
  g_strfreev (self->exclude_words);
  g_strfreev (self->authors);
  g_free (self->remote_json);
  g_free (self->feeds_fingerprint);

  G_OBJECT_CLASS (rn_column_parent_class)->finalize (object);
}

static void
rn_column_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RnColumn *self = RN_COLUMN (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_SORT:
      g_value_set_int (value, self->sort);
      break;
    case PROP_NOTIFY:
      g_value_set_boolean (value, self->notify);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;
    case PROP_EXCLUDE_WORDS:
      g_value_set_boxed (value, self->exclude_words);
      break;
    case PROP_AUTHORS:
      g_value_set_boxed (value, self->authors);
      break;
    case PROP_MEDIA_ONLY:
      g_value_set_boolean (value, self->media_only);
      break;
    case PROP_HIDE_BOOSTS:
      g_value_set_boolean (value, self->hide_boosts);
      break;
    case PROP_HIDE_REPLIES:
      g_value_set_boolean (value, self->hide_replies);
      break;
    case PROP_REMOTE:
      g_value_set_string (value, self->remote_json);
      break;
    case PROP_SEEN_ID:
      g_value_set_int64 (value, self->seen_id);
      break;
    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->started ? self->keys->len : 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_column_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RnColumn *self = RN_COLUMN (object);

  switch (prop_id)
    {
    case PROP_NAME:
      rn_column_set_name (self, g_value_get_string (value));
      break;
    case PROP_SORT:
      rn_column_set_sort (self, g_value_get_int (value));
      break;
    case PROP_NOTIFY:
      rn_column_set_notify (self, g_value_get_boolean (value));
      break;
    case PROP_WIDTH:
      rn_column_set_width (self, g_value_get_int (value));
      break;
    case PROP_MEDIA_ONLY:
      rn_column_set_media_only (self, g_value_get_boolean (value));
      break;
    case PROP_HIDE_BOOSTS:
      rn_column_set_hide_boosts (self, g_value_get_boolean (value));
      break;
    case PROP_HIDE_REPLIES:
      rn_column_set_hide_replies (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_column_class_init (RnColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rn_column_dispose;
  object_class->finalize = rn_column_finalize;
  object_class->get_property = rn_column_get_property;
  object_class->set_property = rn_column_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_QUERY] = g_param_spec_string ("query", NULL, NULL, NULL, ro);
  properties[PROP_SORT] = g_param_spec_int ("sort", NULL, NULL, RN_QUERY_SORT_NEWEST,
                                            RN_QUERY_SORT_RELEVANCE, RN_QUERY_SORT_NEWEST, rw);
  properties[PROP_NOTIFY] = g_param_spec_boolean ("notify", NULL, NULL, FALSE, rw);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_WIDTH] = g_param_spec_int ("width", NULL, NULL, 200, 2000, 320, rw);
  properties[PROP_EXCLUDE_WORDS] = g_param_spec_boxed ("exclude-words", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_AUTHORS] = g_param_spec_boxed ("authors", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_MEDIA_ONLY] = g_param_spec_boolean ("media-only", NULL, NULL, FALSE, rw);
  properties[PROP_HIDE_BOOSTS] = g_param_spec_boolean ("hide-boosts", NULL, NULL, FALSE, rw);
  properties[PROP_HIDE_REPLIES] = g_param_spec_boolean ("hide-replies", NULL, NULL, FALSE, rw);
  properties[PROP_REMOTE] = g_param_spec_string ("remote", NULL, NULL, NULL, ro);
  properties[PROP_SEEN_ID] = g_param_spec_int64 ("seen-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UNREAD_COUNT] = g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rn_column_init (RnColumn *self)
{
  self->width = 320;
  self->keys = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, cache_entry_free);
  self->cancellable = g_cancellable_new ();
}

RnColumn *
rn_column_new (RnStore     *store,
               const char  *name,
               const char  *query,
               GError     **error)
{
  g_autoptr(RnColumn) self = NULL;
  g_autoptr(RnQuery) parsed = NULL;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  parsed = rn_query_parse (query, error);
  if (parsed == NULL)
    return NULL;

  self = g_object_new (RN_TYPE_COLUMN, NULL);
  self->store = g_object_ref (store);
  self->name = g_strdup (name);
  self->query = g_strdup (query);
  self->added_id = g_signal_connect (store, "items-added", G_CALLBACK (on_items_added), self);
  self->changed_id = g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), self);
  self->feeds_id = g_signal_connect (store, "feeds-changed", G_CALLBACK (on_feeds_changed), self);
  return g_steal_pointer (&self);
}

/* ---- accessors ---------------------------------------------------------- */

RnStore *
rn_column_get_store (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), NULL);
  return self->store;
}

gint64
rn_column_get_id (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), 0);
  return self->id;
}

void
_rn_column_set_id (RnColumn *self,
                   gint64    id)
{
  self->id = id;
}

const char *
rn_column_get_name (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), NULL);
  return self->name;
}

void
rn_column_set_name (RnColumn   *self,
                    const char *name)
{
  g_return_if_fail (RN_IS_COLUMN (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
rn_column_get_query (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), NULL);
  return self->query;
}

gboolean
rn_column_set_query (RnColumn    *self,
                     const char  *query,
                     GError     **error)
{
  g_autoptr(RnQuery) parsed = NULL;

  g_return_val_if_fail (RN_IS_COLUMN (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  parsed = rn_query_parse (query, error);
  if (parsed == NULL)
    return FALSE;
  if (g_strcmp0 (self->query, query) == 0)
    return TRUE;
  g_free (self->query);
  self->query = g_strdup (query);
  requery (self);
  schedule_recount (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  return TRUE;
}

RnQuerySort
rn_column_get_sort (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), RN_QUERY_SORT_NEWEST);
  return self->sort;
}

void
rn_column_set_sort (RnColumn    *self,
                    RnQuerySort  sort)
{
  g_return_if_fail (RN_IS_COLUMN (self));
  g_return_if_fail (sort <= RN_QUERY_SORT_RELEVANCE);

  if (self->sort == sort)
    return;
  self->sort = sort;
  if (self->started)
    rn_column_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

gboolean
rn_column_get_notify (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), FALSE);
  return self->notify;
}

void
rn_column_set_notify (RnColumn *self,
                      gboolean  notify)
{
  g_return_if_fail (RN_IS_COLUMN (self));

  notify = !!notify;
  if (self->notify == notify)
    return;
  self->notify = notify;
  if (notify)
    rn_column_set_seen_id (self, rn_sql_query_int (rn_store_get_reader (self->store),
                                                   "SELECT ifnull(max(id), 0) FROM items", 0));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY]);
}

int
rn_column_get_position (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), 0);
  return self->position;
}

void
_rn_column_set_position (RnColumn *self,
                         int       position)
{
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

int
rn_column_get_width (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), 320);
  return self->width;
}

void
rn_column_set_width (RnColumn *self,
                     int       width)
{
  g_return_if_fail (RN_IS_COLUMN (self));

  width = CLAMP (width, 200, 2000);
  if (self->width == width)
    return;
  self->width = width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal (a, b);
}

/* Empty lists are stored as NULL. */
static GStrv
strv_copy_nonempty (const char * const *v)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  guint n = 0;

  if (v == NULL)
    return NULL;
  for (guint i = 0; v[i] != NULL; i++)
    {
      g_autofree char *s = g_strstrip (g_strdup (v[i]));

      if (*s == '\0')
        continue;
      g_strv_builder_add (b, s);
      n++;
    }
  return n > 0 ? g_strv_builder_end (b) : NULL;
}

const char * const *
rn_column_get_exclude_words (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), NULL);
  return (const char * const *) self->exclude_words;
}

void
rn_column_set_exclude_words (RnColumn           *self,
                             const char * const *words)
{
  g_return_if_fail (RN_IS_COLUMN (self));

  if (strv_equal0 ((const char * const *) self->exclude_words, words))
    return;
  g_strfreev (self->exclude_words);
  self->exclude_words = strv_copy_nonempty (words);
  requery (self);
  schedule_recount (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCLUDE_WORDS]);
}

const char * const *
rn_column_get_authors (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), NULL);
  return (const char * const *) self->authors;
}

void
rn_column_set_authors (RnColumn           *self,
                       const char * const *authors)
{
  g_return_if_fail (RN_IS_COLUMN (self));

  if (strv_equal0 ((const char * const *) self->authors, authors))
    return;
  g_strfreev (self->authors);
  self->authors = strv_copy_nonempty (authors);
  requery (self);
  schedule_recount (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORS]);
}

static void
set_flag (RnColumn *self,
          gboolean *field,
          gboolean  value,
          guint     prop)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  requery (self);
  schedule_recount (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gboolean
rn_column_get_media_only (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), FALSE);
  return self->media_only;
}

void
rn_column_set_media_only (RnColumn *self,
                          gboolean  media_only)
{
  g_return_if_fail (RN_IS_COLUMN (self));
  set_flag (self, &self->media_only, media_only, PROP_MEDIA_ONLY);
}

gboolean
rn_column_get_hide_boosts (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), FALSE);
  return self->hide_boosts;
}

void
rn_column_set_hide_boosts (RnColumn *self,
                           gboolean  hide)
{
  g_return_if_fail (RN_IS_COLUMN (self));
  set_flag (self, &self->hide_boosts, hide, PROP_HIDE_BOOSTS);
}

gboolean
rn_column_get_hide_replies (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), FALSE);
  return self->hide_replies;
}

void
rn_column_set_hide_replies (RnColumn *self,
                            gboolean  hide)
{
  g_return_if_fail (RN_IS_COLUMN (self));
  set_flag (self, &self->hide_replies, hide, PROP_HIDE_REPLIES);
}

const char *
_rn_column_get_remote_json (RnColumn *self)
{
  return self->remote_json;
}

void
_rn_column_set_remote_json (RnColumn   *self,
                            const char *json)
{
  if (g_strcmp0 (self->remote_json, json) == 0)
    return;
  g_free (self->remote_json);
  self->remote_json = g_strdup (json);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE]);
}

char **
rn_column_dup_remote_accounts (RnColumn *self)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) b = NULL;
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (RN_IS_COLUMN (self), NULL);

  b = g_strv_builder_new ();
  if (self->remote_json == NULL)
    return g_strv_builder_end (b);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, self->remote_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return g_strv_builder_end (b);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (b, json_node_get_string (node));
    }
  return g_strv_builder_end (b);
}

void
rn_column_set_remote_accounts (RnColumn           *self,
                               const char * const *accounts)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  g_return_if_fail (RN_IS_COLUMN (self));

  if (accounts == NULL || accounts[0] == NULL)
    {
      _rn_column_set_remote_json (self, NULL);
      return;
    }
  b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; accounts[i] != NULL; i++)
    json_builder_add_string_value (b, accounts[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json = json_to_string (root, FALSE);
  _rn_column_set_remote_json (self, json);
}

gint64
rn_column_get_seen_id (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), 0);
  return self->seen_id;
}

void
rn_column_set_seen_id (RnColumn *self,
                       gint64    seen_id)
{
  g_return_if_fail (RN_IS_COLUMN (self));

  if (self->seen_id == seen_id)
    return;
  self->seen_id = MAX (seen_id, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEEN_ID]);
}

guint
rn_column_get_unread_count (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), 0);
  return self->unread_count;
}

gboolean
rn_column_get_complete (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), TRUE);
  ensure_started (self);
  return self->complete;
}

RnQuerySql *
rn_column_get_sql (RnColumn *self)
{
  g_return_val_if_fail (RN_IS_COLUMN (self), NULL);
  if (self->sql == NULL)
    compile (self);
  return self->sql;
}

void
rn_column_get_stats (RnColumn      *self,
                     RnColumnStats *stats)
{
  g_return_if_fail (RN_IS_COLUMN (self));
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
  stats->items_cached = g_hash_table_size (self->cache);
}

void
rn_column_set_scope (RnColumn              *self,
                     const RnColumnFilters *scope)
{
  g_return_if_fail (RN_IS_COLUMN (self));

  memset (&self->scope, 0, sizeof self->scope);
  if (scope != NULL)
    {
      self->scope.feed_id = scope->feed_id;
      self->scope.folder_id = scope->folder_id;
      self->scope.unread_only = scope->unread_only;
      self->scope.starred_only = scope->starred_only;
      self->scope.saved_only = scope->saved_only;
    }
  requery (self);
  schedule_recount (self);
}
