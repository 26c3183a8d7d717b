/* rn-reading-list.c: the reading list model and its changes. */
#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "feeds/rn-item-list.h"
#include "rn-crossref.h"
#include "rn-reading-list.h"
#include "rn-reference-store.h"
#include "rn-saved-item-private.h"
#include "store/rn-sql.h"

struct _RnReadingList
{
  GObject         parent_instance;

  RnStore        *store;
  RnHttp         *http;
  RnCrossref     *crossref;
  RnSnapshotter  *snapshotter;

  /* the view */
  gboolean        by_state;
  RnSavedState    state;
  char           *tag;
  gboolean        has_note;
  RnOfflineFilter offline;
  char           *search;
  RnSavedSort     sort;

  GThread        *owner;         /* the store's owner thread */
  GMainContext   *context;       /* its main context */
  GPtrArray      *entries;       /* RnSavedItem */
  gulong          items_changed_id;
  gulong          feeds_changed_id;
};

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rn_reading_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnReadingList, rn_reading_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rn_reading_list_model_init))
G_DEFINE_QUARK (rn-reading-list-error-quark, rn_reading_list_error)

/* ---- GListModel ---- */

static GType
model_get_item_type (GListModel *model)
{
  return RN_TYPE_SAVED_ITEM;
}

static guint
model_get_n_items (GListModel *model)
{
  return RN_READING_LIST (model)->entries->len;
}

static gpointer
model_get_item (GListModel *model,
                guint       position)
{
  RnReadingList *self = RN_READING_LIST (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
rn_reading_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = model_get_item_type;
  iface->get_n_items = model_get_n_items;
  iface->get_item = model_get_item;
}

/* ---- reading the rows ---- */

/* CROSS JOINs keep saved as the outer loop: without it the planner may
 * walk every item of the library in the sort order (an empty or small
 * saved table has no statistics), which cost 100 ms per reload at 80,000
 * items and seconds at millions, on every store notice. */
#define ROW_FROM \
  " FROM saved s CROSS JOIN items i ON i.id = s.item_id CROSS JOIN feeds f ON f.id = i.feed_id" \
  " LEFT JOIN refs r ON r.item_id = s.item_id LEFT JOIN snapshots sn ON sn.item_id = s.item_id"

static char *
build_query (RnReadingList *self,
             GPtrArray     *params)
{
  GString *sql = g_string_new ("SELECT " RN_SAVED_ROW_COLUMNS ROW_FROM " WHERE 1");

  if (self->by_state)
    {
      g_string_append (sql, " AND s.state = ?");
      g_ptr_array_add (params, g_strdup (rn_saved_state_to_string (self->state)));
    }
  if (self->tag != NULL)
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM saved_tags t WHERE t.item_id = s.item_id AND t.tag = ?)");
      g_ptr_array_add (params, g_strdup (self->tag));
    }
  if (self->has_note)
    g_string_append (sql, " AND s.note IS NOT NULL AND s.note <> ''");
  if (self->offline == RN_OFFLINE_AVAILABLE)
    g_string_append (sql, " AND sn.state IN ('complete', 'partial')");
  else if (self->offline == RN_OFFLINE_MISSING)
    g_string_append (sql, " AND (sn.state IS NULL OR sn.state NOT IN ('complete', 'partial'))");
  if (self->search != NULL)
    {
      g_auto(GStrv) words = g_strsplit_set (self->search, " \t\n", 32);

      /* Each word may be in the item's text or in the note. */
      for (guint i = 0; words[i] != NULL; i++)
        {
          g_autofree char *fts = rn_item_list_fts_from_words (words[i]);

          if (fts == NULL)
            continue;
          g_string_append (sql, " AND (s.item_id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)"
                                " OR instr(lower(ifnull(s.note, '')), lower(?)) > 0)");
          g_ptr_array_add (params, g_steal_pointer (&fts));
          g_ptr_array_add (params, g_strdup (words[i]));
        }
    }

  switch (self->sort)
    {
    case RN_SAVED_SORT_PUBLISHED:
      g_string_append (sql, " ORDER BY i.sort_date DESC, i.id DESC");
      break;
    case RN_SAVED_SORT_TITLE:
      g_string_append (sql, " ORDER BY ifnull(i.title, '') COLLATE NOCASE ASC, i.id ASC");
      break;
    case RN_SAVED_SORT_SAVED:
    default:
      g_string_append (sql, " ORDER BY s.saved_at DESC, s.item_id DESC");
      break;
    }
  return g_string_free (sql, FALSE);
}

static GPtrArray *
read_rows (RnReadingList *self)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = build_query (self, params);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3 *db = rn_store_get_reader (self->store);
  int rc;

  if (db == NULL || (stmt = rn_sql_prepare (db, sql, &error)) == NULL)
    {
      g_warning ("Reading list query failed: %s", error != NULL ? error->message : "no reader");
      return rows;
    }
  for (guint i = 0; i < params->len; i++)
    rn_sql_bind_text (stmt, (int) i + 1, g_ptr_array_index (params, i));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, rn_saved_item_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    g_warning ("Reading list query failed: %s", sqlite3_errmsg (db));
  return rows;
}

char *
rn_reading_list_dup_sql (RnReadingList *self)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (RN_IS_READING_LIST (self), NULL);
  return build_query (self, params);
}

void
rn_reading_list_reload (RnReadingList *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) old = NULL;
  g_autoptr(GPtrArray) previous = NULL;
  gboolean same_order;
  guint old_len;

  g_return_if_fail (RN_IS_READING_LIST (self));

  rows = read_rows (self);
  old = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* Keep the objects of entries that stay, so bound rows follow. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      RnSavedItem *e = g_ptr_array_index (self->entries, i);
      gint64 *key = g_new (gint64, 1);

      *key = rn_saved_item_get_item_id (e);
      g_hash_table_insert (old, key, e);
    }

  same_order = rows->len == self->entries->len;
  for (guint i = 0; i < rows->len; i++)
    {
      RnSavedItem *fresh = g_ptr_array_index (rows, i);
      gint64 id = rn_saved_item_get_item_id (fresh);
      RnSavedItem *kept = g_hash_table_lookup (old, &id);

      if (same_order && rn_saved_item_get_item_id (g_ptr_array_index (self->entries, i)) != id)
        same_order = FALSE;
      if (kept != NULL)
        {
          rn_saved_item_update_from (kept, fresh);
          g_ptr_array_index (rows, i) = g_object_ref (kept);
          g_object_unref (fresh);
        }
    }

  if (same_order)
    return;

  old_len = self->entries->len;
  previous = g_steal_pointer (&self->entries);
  self->entries = g_steal_pointer (&rows);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->entries->len);
  if (old_len != self->entries->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
reload_in_idle (gpointer data)
{
  rn_reading_list_reload (data);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RnStore       *store,
                  RnReadingList *self)
{
  g_autoptr(GSource) idle = NULL;

  if (g_thread_self () == self->owner)
    {
      rn_reading_list_reload (self);
      return;
    }
  /* RnStore emits through g_main_context_invoke(), which runs the handler
   * on the writer's thread when it can acquire the context at that
   * moment. Our reader belongs to the owner thread: go there. */
  idle = g_idle_source_new ();
  g_source_set_callback (idle, reload_in_idle, g_object_ref (self), g_object_unref);
  g_source_attach (idle, self->context);
}

/* ---- object ---- */

static void
rn_reading_list_dispose (GObject *object)
{
  RnReadingList *self = RN_READING_LIST (object);

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->items_changed_id, self->store);
      g_clear_signal_handler (&self->feeds_changed_id, self->store);
    }
  if (self->snapshotter != NULL)
    rn_snapshotter_cancel_all (self->snapshotter);
  G_OBJECT_CLASS (rn_reading_list_parent_class)->dispose (object);
}

static void
rn_reading_list_finalize (GObject *object)
{
  RnReadingList *self = RN_READING_LIST (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->snapshotter);
  g_clear_object (&self->crossref);
  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_free (self->tag);
  g_free (self->search);

  G_OBJECT_CLASS (rn_reading_list_parent_class)->finalize (object);
}

static void
rn_reading_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RnReadingList *self = RN_READING_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->entries->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_reading_list_class_init (RnReadingListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rn_reading_list_dispose;
  object_class->finalize = rn_reading_list_finalize;
  object_class->get_property = rn_reading_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rn_reading_list_init (RnReadingList *self)
{
  self->owner = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

RnReadingList *
rn_reading_list_new (RnStore    *store,
                     RnHttp     *http,
                     const char *contact_email)
{
  RnReadingList *self;
  g_autoptr(RnLookupCache) cache = NULL;
  const char *url = g_getenv ("RADNET_CROSSREF_URL");

  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  g_return_val_if_fail (RN_IS_HTTP (http), NULL);

  self = g_object_new (RN_TYPE_READING_LIST, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->crossref = rn_crossref_new (rn_http_get_session (http),
                                    contact_email != NULL && *contact_email != '\0' ? contact_email : NULL);
  if (url != NULL && *url != '\0')
    rn_crossref_set_base_url (self->crossref, url);
  cache = rn_reference_store_new_cache (store);
  rn_crossref_set_cache (self->crossref, cache);
  self->snapshotter = rn_snapshotter_new (store, http);

  self->items_changed_id = g_signal_connect (store, "items-changed", G_CALLBACK (on_store_changed), self);
  self->feeds_changed_id = g_signal_connect (store, "feeds-changed", G_CALLBACK (on_store_changed), self);
  rn_reading_list_reload (self);
  return self;
}

RnStore *
rn_reading_list_get_store (RnReadingList *self)
{
  g_return_val_if_fail (RN_IS_READING_LIST (self), NULL);
  return self->store;
}

RnSnapshotter *
rn_reading_list_get_snapshotter (RnReadingList *self)
{
  g_return_val_if_fail (RN_IS_READING_LIST (self), NULL);
  return self->snapshotter;
}

void
rn_reading_list_set_crossref_url (RnReadingList *self,
                                  const char    *base_url)
{
  g_return_if_fail (RN_IS_READING_LIST (self));
  rn_crossref_set_base_url (self->crossref, base_url);
}

void
rn_reading_list_set_filter (RnReadingList       *self,
                            const RnSavedFilter *filter)
{
  g_return_if_fail (RN_IS_READING_LIST (self));

  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->search, g_free);
  self->by_state = filter != NULL && filter->by_state;
  self->state = filter != NULL ? filter->state : RN_SAVED_STATE_TO_READ;
  self->has_note = filter != NULL && filter->has_note;
  self->offline = filter != NULL ? filter->offline : RN_OFFLINE_ANY;
  if (filter != NULL && filter->tag != NULL && *filter->tag != '\0')
    self->tag = g_strdup (filter->tag);
  if (filter != NULL && filter->search != NULL && *filter->search != '\0')
    self->search = g_strdup (filter->search);
  rn_reading_list_reload (self);
}

void
rn_reading_list_set_sort (RnReadingList *self,
                          RnSavedSort    sort)
{
  g_return_if_fail (RN_IS_READING_LIST (self));

  self->sort = sort;
  rn_reading_list_reload (self);
}

RnSavedItem *
rn_reading_list_get (RnReadingList *self,
                     gint64         item_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  RnSavedItem *item = NULL;

  g_return_val_if_fail (RN_IS_READING_LIST (self), NULL);

  db = rn_store_get_reader (self->store);
  if (db == NULL)
    return NULL;
  stmt = rn_sql_prepare (db, "SELECT " RN_SAVED_ROW_COLUMNS ROW_FROM " WHERE s.item_id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    item = rn_saved_item_new_from_row (stmt);
  return item;
}

gboolean
rn_reading_list_is_saved (RnReadingList *self,
                          gint64         item_id)
{
  sqlite3_stmt *stmt;
  gboolean saved;

  g_return_val_if_fail (RN_IS_READING_LIST (self), FALSE);

  stmt = rn_store_reader_stmt (self->store, "SELECT 1 FROM saved WHERE item_id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  saved = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return saved;
}

GStrv
rn_reading_list_list_tags (RnReadingList *self)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RN_IS_READING_LIST (self), NULL);

  stmt = rn_store_reader_stmt (self->store,
    "SELECT tag FROM saved_tags GROUP BY tag COLLATE NOCASE ORDER BY tag COLLATE NOCASE", NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (tags, rn_sql_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (tags);
}

/* ---- writing ---- */

static char *
clean_text (const char *text,
            gsize       max)
{
  g_autofree char *valid = NULL;
  const char *end;
  char *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  if (strlen (valid) > max)
    {
      g_utf8_validate (valid, (gssize) max, &end);
      valid[end - valid] = '\0';
    }
  out = g_strstrip (g_steal_pointer (&valid));
  if (*out == '\0')
    {
      g_free (out);
      return NULL;
    }
  return out;
}

static gboolean
check_tag (const char  *tag,
           char       **out_clean,
           GError     **error)
{
  *out_clean = clean_text (tag, RN_READING_LIST_MAX_TAG);
  if (*out_clean == NULL)
    {
      g_set_error (error, RN_READING_LIST_ERROR, RN_READING_LIST_ERROR_INVALID,
                   _("A tag cannot be empty"));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64    item_id;
  gboolean  set_state;
  char     *state;
  char     *note;
  GStrv     tags;
  gboolean  no_snapshot;
  gint64    now;
} SaveOp;

static void
save_op_free (gpointer data)
{
  SaveOp *op = data;

  g_free (op->state);
  g_free (op->note);
  g_strfreev (op->tags);
  g_free (op);
}

static SaveOp *
save_op_new (gint64               item_id,
             const RnSaveOptions *options,
             GError             **error)
{
  SaveOp *op = g_new0 (SaveOp, 1);
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();

  op->item_id = item_id;
  op->now = g_get_real_time () / G_USEC_PER_SEC;
  if (options != NULL)
    {
      op->set_state = options->set_state;
      op->state = g_strdup (rn_saved_state_to_string (options->set_state ? options->state : 0));
      op->note = clean_text (options->note, RN_READING_LIST_MAX_NOTE);
      op->no_snapshot = options->no_snapshot;
      for (guint i = 0; options->tags != NULL && options->tags[i] != NULL; i++)
        {
          g_autofree char *tag = NULL;

          if (!check_tag (options->tags[i], &tag, error))
            {
              save_op_free (op);
              return NULL;
            }
          g_strv_builder_add (tags, tag);
        }
    }
  op->tags = g_strv_builder_end (tags);
  return op;
}

static gboolean
write_save (RnStore  *store,
            sqlite3  *db,
            gpointer  user_data,
            GError  **error)
{
  SaveOp *op = user_data;
  sqlite3_stmt *stmt;

  stmt = rn_store_writer_stmt (store,
    "INSERT INTO saved (item_id, state, note, saved_at, changed) "
    "VALUES (?1, coalesce(?2, 'to-read'), ?3, ?4, ?4) "
    "ON CONFLICT (item_id) DO UPDATE SET state = coalesce(?2, state), "
    "  note = coalesce(?3, note), changed = ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->item_id);
  rn_sql_bind_text (stmt, 2, op->set_state ? op->state : NULL);
  rn_sql_bind_text (stmt, 3, op->note);
  sqlite3_bind_int64 (stmt, 4, op->now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_extended_errcode (db);

      sqlite3_reset (stmt);
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                     _("There is no item %" PRId64), op->item_id);
      else
        rn_sql_set_error (error, db, rc, "Could not save the item");
      return FALSE;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; op->tags[i] != NULL; i++)
    {
      stmt = rn_store_writer_stmt (store, "INSERT OR IGNORE INTO saved_tags (item_id, tag) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, op->item_id);
      rn_sql_bind_text (stmt, 2, op->tags[i]);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }

  if (!rn_reference_store_find_identifiers (store, db, op->item_id, error))
    return FALSE;

  if (!op->no_snapshot)
    {
      stmt = rn_store_writer_stmt (store,
        "INSERT OR IGNORE INTO snapshots (item_id, state) VALUES (?, 'pending')", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, op->item_id);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }

  rn_store_note_items_changed (store);
  return TRUE;
}

gboolean
rn_reading_list_save (RnReadingList        *self,
                      gint64                item_id,
                      const RnSaveOptions  *options,
                      GError              **error)
{
  SaveOp *op;
  gboolean ok;

  g_return_val_if_fail (RN_IS_READING_LIST (self), FALSE);
  g_return_val_if_fail (item_id > 0, FALSE);

  if ((op = save_op_new (item_id, options, error)) == NULL)
    return FALSE;
  ok = rn_store_write (self->store, write_save, op, error);
  save_op_free (op);
  return ok;
}

typedef struct
{
  RnSavedChangeKind  kind;
  GArray            *ids;
  char              *value;
  gint64             now;
  guint              changed;
} ChangeOp;

static void
change_op_free (gpointer data)
{
  ChangeOp *op = data;

  g_array_unref (op->ids);
  g_free (op->value);
  g_free (op);
}

static ChangeOp *
change_op_new (RnSavedChangeKind   kind,
               const gint64       *item_ids,
               guint               n_ids,
               const char         *value,
               GError            **error)
{
  ChangeOp *op = g_new0 (ChangeOp, 1);
  RnSavedState state;

  op->kind = kind;
  op->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (op->ids, item_ids, n_ids);
  op->now = g_get_real_time () / G_USEC_PER_SEC;

  switch (kind)
    {
    case RN_SAVED_CHANGE_STATE:
      if (!rn_saved_state_from_string (value, &state))
        {
          g_set_error (error, RN_READING_LIST_ERROR, RN_READING_LIST_ERROR_INVALID,
                       _("“%s” is not a reading state (to-read, reading, done)"), value ? value : "");
          change_op_free (op);
          return NULL;
        }
      op->value = g_strdup (value);
      break;
    case RN_SAVED_CHANGE_NOTE:
      op->value = clean_text (value, RN_READING_LIST_MAX_NOTE);
      break;
    case RN_SAVED_CHANGE_ADD_TAG:
    case RN_SAVED_CHANGE_REMOVE_TAG:
      if (!check_tag (value, &op->value, error))
        {
          change_op_free (op);
          return NULL;
        }
      break;
    case RN_SAVED_CHANGE_REMOVE:
    default:
      break;
    }
  return op;
}

static const char *
change_sql (RnSavedChangeKind kind)
{
  switch (kind)
    {
    case RN_SAVED_CHANGE_STATE:
      return "UPDATE saved SET state = ?2, changed = ?3 WHERE item_id = ?1";
    case RN_SAVED_CHANGE_NOTE:
      return "UPDATE saved SET note = ?2, changed = ?3 WHERE item_id = ?1";
    case RN_SAVED_CHANGE_ADD_TAG:
      return "INSERT OR IGNORE INTO saved_tags (item_id, tag) "
             "SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM saved WHERE item_id = ?1)";
    case RN_SAVED_CHANGE_REMOVE_TAG:
      return "DELETE FROM saved_tags WHERE item_id = ?1 AND tag = ?2";
    case RN_SAVED_CHANGE_REMOVE:
    default:
      /* The offline copy goes with it (its assets cascade); the reference
       * stays: it is small and keeps the user's edits for a later save. */
      return "DELETE FROM saved WHERE item_id = ?1";
    }
}

static gboolean
write_change (RnStore  *store,
              sqlite3  *db,
              gpointer  user_data,
              GError  **error)
{
  ChangeOp *op = user_data;

  for (guint i = 0; i < op->ids->len; i++)
    {
      gint64 id = g_array_index (op->ids, gint64, i);
      sqlite3_stmt *stmt = rn_store_writer_stmt (store, change_sql (op->kind), error);

      if (stmt == NULL)
        return FALSE;
      /* Parameters: ?1 the id, then (when the statement has them) ?2 the
       * value and ?3 the time. */
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        rn_sql_bind_text (stmt, 2, op->value);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        sqlite3_bind_int64 (stmt, 3, op->now);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
      op->changed += (guint) sqlite3_changes (db);

      if (op->kind == RN_SAVED_CHANGE_REMOVE)
        {
          stmt = rn_store_writer_stmt (store, "DELETE FROM snapshots WHERE item_id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!rn_sql_step_done (stmt, error))
            return FALSE;
        }
      else if (op->kind == RN_SAVED_CHANGE_ADD_TAG || op->kind == RN_SAVED_CHANGE_REMOVE_TAG)
        {
          stmt = rn_store_writer_stmt (store, "UPDATE saved SET changed = ?2 WHERE item_id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, op->now);
          if (!rn_sql_step_done (stmt, error))
            return FALSE;
        }
    }
  rn_store_note_items_changed (store);
  return TRUE;
}

gboolean
rn_reading_list_change (RnReadingList      *self,
                        RnSavedChangeKind   kind,
                        const gint64       *item_ids,
                        guint               n_ids,
                        const char         *value,
                        GError            **error)
{
  ChangeOp *op;
  gboolean ok;

  g_return_val_if_fail (RN_IS_READING_LIST (self), FALSE);
  g_return_val_if_fail (item_ids != NULL || n_ids == 0, FALSE);

  if ((op = change_op_new (kind, item_ids, n_ids, value, error)) == NULL)
    return FALSE;
  ok = rn_store_write (self->store, write_change, op, error);
  change_op_free (op);
  return ok;
}

static void
on_change_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!rn_store_write_finish (RN_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
rn_reading_list_change_async (RnReadingList       *self,
                              RnSavedChangeKind    kind,
                              const gint64        *item_ids,
                              guint                n_ids,
                              const char          *value,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ChangeOp *op;

  g_return_if_fail (RN_IS_READING_LIST (self));
  g_return_if_fail (item_ids != NULL || n_ids == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_reading_list_change_async);
  if ((op = change_op_new (kind, item_ids, n_ids, value, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rn_store_write_async (self->store, write_change, op, change_op_free, cancellable,
                        on_change_written, g_steal_pointer (&task));
}

gboolean
rn_reading_list_change_finish (RnReadingList  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* One entry: fails when it is not saved, so the CLI can say so. */
static gboolean
change_one (RnReadingList      *self,
            RnSavedChangeKind   kind,
            gint64              item_id,
            const char         *value,
            GError            **error)
{
  ChangeOp *op;
  gboolean ok;

  if (!rn_reading_list_is_saved (self, item_id))
    {
      g_set_error (error, RN_READING_LIST_ERROR, RN_READING_LIST_ERROR_NOT_SAVED,
                   _("Item %" PRId64 " is not on the reading list"), item_id);
      return FALSE;
    }
  if ((op = change_op_new (kind, &item_id, 1, value, error)) == NULL)
    return FALSE;
  ok = rn_store_write (self->store, write_change, op, error);
  change_op_free (op);
  return ok;
}

gboolean
rn_reading_list_remove (RnReadingList  *self,
                        gint64          item_id,
                        GError        **error)
{
  g_return_val_if_fail (RN_IS_READING_LIST (self), FALSE);
  return change_one (self, RN_SAVED_CHANGE_REMOVE, item_id, NULL, error);
}

gboolean
rn_reading_list_set_state (RnReadingList  *self,
                           gint64          item_id,
                           RnSavedState    state,
                           GError        **error)
{
  g_return_val_if_fail (RN_IS_READING_LIST (self), FALSE);
  return change_one (self, RN_SAVED_CHANGE_STATE, item_id, rn_saved_state_to_string (state), error);
}

gboolean
rn_reading_list_set_note (RnReadingList  *self,
                          gint64          item_id,
                          const char     *note,
                          GError        **error)
{
  g_return_val_if_fail (RN_IS_READING_LIST (self), FALSE);
  return change_one (self, RN_SAVED_CHANGE_NOTE, item_id, note, error);
}

gboolean
rn_reading_list_add_tag (RnReadingList  *self,
                         gint64          item_id,
                         const char     *tag,
                         GError        **error)
{
  g_return_val_if_fail (RN_IS_READING_LIST (self), FALSE);
  return change_one (self, RN_SAVED_CHANGE_ADD_TAG, item_id, tag, error);
}

gboolean
rn_reading_list_remove_tag (RnReadingList  *self,
                            gint64          item_id,
                            const char     *tag,
                            GError        **error)
{
  g_return_val_if_fail (RN_IS_READING_LIST (self), FALSE);
  return change_one (self, RN_SAVED_CHANGE_REMOVE_TAG, item_id, tag, error);
}

/* ---- references ---- */

RnReference *
rn_reading_list_get_reference (RnReadingList  *self,
                               gint64          item_id,
                               GError        **error)
{
  sqlite3 *db;

  g_return_val_if_fail (RN_IS_READING_LIST (self), NULL);

  db = rn_store_get_reader (self->store);
  if (db == NULL)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_FAILED, "The library is not readable");
      return NULL;
    }
  return rn_reference_store_get (db, item_id, error);
}

gboolean
rn_reading_list_set_reference_override (RnReadingList  *self,
                                        gint64          item_id,
                                        JsonNode       *csl_json_object,
                                        GError        **error)
{
  g_return_val_if_fail (RN_IS_READING_LIST (self), FALSE);
  return rn_reference_store_set_override (self->store, item_id, csl_json_object, error);
}

static void
on_resolved_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!rn_reference_store_set_resolved_finish (RN_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RnReadingList *self = g_task_get_source_object (task);
  gint64 item_id = *(gint64 *) g_task_get_task_data (task);
  g_autoptr(RnReference) ref = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  ref = rn_crossref_lookup_finish (RN_CROSSREF (source), result, &error);
  if (ref == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  rn_reference_store_set_resolved_async (self->store, item_id, ref, cancellable,
                                         on_resolved_stored, g_steal_pointer (&task));
}

void
rn_reading_list_resolve_async (RnReadingList       *self,
                               gint64               item_id,
                               gboolean             force,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *doi = NULL;
  sqlite3 *db;

  g_return_if_fail (RN_IS_READING_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_reading_list_resolve_async);
  g_task_set_task_data (task, g_memdup2 (&item_id, sizeof item_id), g_free);

  db = rn_store_get_reader (self->store);
  if (db != NULL)
    doi = rn_reference_store_get_doi (db, item_id, force);
  if (doi == NULL)
    {
      /* No DOI: the record is built from the item's fields on demand.
       * PMIDs will be resolved through NCBI once its client exists. */
      g_task_return_boolean (task, TRUE);
      return;
    }
  rn_crossref_lookup_async (self->crossref, doi, cancellable, on_looked_up, g_steal_pointer (&task));
}

gboolean
rn_reading_list_resolve_finish (RnReadingList  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- snapshots ---- */

static void
on_retried (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  RnSnapshotState state = rn_snapshotter_take_finish (RN_SNAPSHOTTER (source), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, state);
}

void
rn_reading_list_retry_snapshot_async (RnReadingList       *self,
                                      gint64               item_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RN_IS_READING_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_reading_list_retry_snapshot_async);
  if (!rn_reading_list_is_saved (self, item_id))
    {
      g_task_return_new_error (task, RN_READING_LIST_ERROR, RN_READING_LIST_ERROR_NOT_SAVED,
                               _("Item %" PRId64 " is not on the reading list"), item_id);
      g_object_unref (task);
      return;
    }
  rn_snapshotter_take_async (self->snapshotter, item_id, cancellable, on_retried, task);
}

RnSnapshotState
rn_reading_list_retry_snapshot_finish (RnReadingList  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize state;

  g_return_val_if_fail (g_task_is_valid (result, self), RN_SNAPSHOT_STATE_NONE);

  state = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return RN_SNAPSHOT_STATE_NONE;
    }
  return (RnSnapshotState) state;
}

/* ---- save with look-up and snapshot ---- */

typedef struct
{
  gint64   item_id;
  gboolean no_snapshot;
} SaveJob;

static void
on_save_snapshot (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  rn_snapshotter_take_finish (RN_SNAPSHOTTER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    g_warning ("Offline copy failed: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
on_save_resolved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RnReadingList *self = RN_READING_LIST (source);
  SaveJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  if (!rn_reading_list_resolve_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Not fatal: the reference is built from the item until a later
       * look-up works. */
      g_message ("Reference look-up of item %" G_GINT64_FORMAT " failed: %s",
                 job->item_id, error->message);
    }
  if (job->no_snapshot)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  rn_snapshotter_take_async (self->snapshotter, job->item_id, cancellable,
                             on_save_snapshot, g_steal_pointer (&task));
}

static void
on_save_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RnReadingList *self = g_task_get_source_object (task);
  SaveJob *job = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!rn_store_write_finish (RN_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  rn_reading_list_resolve_async (self, job->item_id, FALSE, cancellable,
                                 on_save_resolved, g_steal_pointer (&task));
}

void
rn_reading_list_save_async (RnReadingList        *self,
                            gint64                item_id,
                            const RnSaveOptions  *options,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveJob *job;
  SaveOp *op;

  g_return_if_fail (RN_IS_READING_LIST (self));
  g_return_if_fail (item_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_reading_list_save_async);
  job = g_new0 (SaveJob, 1);
  job->item_id = item_id;
  job->no_snapshot = options != NULL && options->no_snapshot;
  g_task_set_task_data (task, job, g_free);

  if ((op = save_op_new (item_id, options, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rn_store_write_async (self->store, write_save, op, save_op_free, cancellable,
                        on_save_written, g_steal_pointer (&task));
}

gboolean
rn_reading_list_save_finish (RnReadingList  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- flush ---- */

static gboolean
write_nothing (RnStore  *store,
               sqlite3  *db,
               gpointer  user_data,
               GError  **error)
{
  return TRUE;
}

void
rn_reading_list_flush_async (RnReadingList       *self,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RN_IS_READING_LIST (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, rn_reading_list_flush_async);
  /* The writer runs jobs in order: when this one is done, so are those
   * queued before it. */
  rn_store_write_async (self->store, write_nothing, NULL, NULL, NULL, on_change_written, task);
}

gboolean
rn_reading_list_flush_finish (RnReadingList  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
