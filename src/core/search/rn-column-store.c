/* rn-column-store.c: the columns table as an ordered list model. */
#define G_LOG_DOMAIN "rn-column"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-column-store.h"
#include "store/rn-sql.h"

G_DEFINE_QUARK (rn-column-error-quark, rn_column_error)

struct _RnColumnStore
{
  GObject    parent_instance;

  RnStore   *store;
  GPtrArray *columns;       /* RnColumn, in order */
  gboolean   loading;       /* settings applied from the table: don't save */
};

static void rn_column_store_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnColumnStore, rn_column_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rn_column_store_model_init))

static GType
rn_column_store_get_item_type (GListModel *model)
{
  return RN_TYPE_COLUMN;
}

static guint
rn_column_store_get_n_items (GListModel *model)
{
  return RN_COLUMN_STORE (model)->columns->len;
}

static gpointer
rn_column_store_get_item (GListModel *model,
                          guint       position)
{
  RnColumnStore *self = RN_COLUMN_STORE (model);

  if (position >= self->columns->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->columns, position));
}

static void
rn_column_store_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rn_column_store_get_item_type;
  iface->get_n_items = rn_column_store_get_n_items;
  iface->get_item = rn_column_store_get_item;
}

/* ---- SQL ---------------------------------------------------------------- */

static char *
join_lines (const char * const *v)
{
  return v != NULL && v[0] != NULL ? g_strjoinv ("\n", (char **) v) : NULL;
}

static GStrv
split_lines (const char *text)
{
  return text != NULL && *text != '\0' ? g_strsplit (text, "\n", -1) : NULL;
}

typedef struct
{
  RnColumn *column;
  gboolean  insert;        /* else update */
  gboolean  keep_id;       /* insert with the column's own id (undo) */
} SaveJob;

static gboolean
save_in_transaction (RnStore  *store,
                     sqlite3  *db,
                     gpointer  data,
                     GError  **error)
{
  SaveJob *job = data;
  RnColumn *c = job->column;
  g_autofree char *exclude = join_lines (rn_column_get_exclude_words (c));
  g_autofree char *authors = join_lines (rn_column_get_authors (c));
  sqlite3_stmt *stmt;

  if (job->insert)
    stmt = rn_store_writer_stmt (store,
      "INSERT INTO columns (name, query, sort, notify, position, width, exclude_words, authors,"
      " media_only, hide_boosts, hide_replies, remote, seen_id, id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", error);
  else
    stmt = rn_store_writer_stmt (store,
      "UPDATE columns SET name = ?1, query = ?2, sort = ?3, notify = ?4, position = ?5,"
      " width = ?6, exclude_words = ?7, authors = ?8, media_only = ?9, hide_boosts = ?10,"
      " hide_replies = ?11, remote = ?12, seen_id = ?13 WHERE id = ?14", error);
  if (stmt == NULL)
    return FALSE;
  rn_sql_bind_text (stmt, 1, rn_column_get_name (c));
  rn_sql_bind_text (stmt, 2, rn_column_get_query (c));
  rn_sql_bind_text (stmt, 3, rn_column_sort_to_string (rn_column_get_sort (c)));
  sqlite3_bind_int (stmt, 4, rn_column_get_notify (c));
  sqlite3_bind_int (stmt, 5, rn_column_get_position (c));
  sqlite3_bind_int (stmt, 6, rn_column_get_width (c));
  rn_sql_bind_text (stmt, 7, exclude);
  rn_sql_bind_text (stmt, 8, authors);
  sqlite3_bind_int (stmt, 9, rn_column_get_media_only (c));
  sqlite3_bind_int (stmt, 10, rn_column_get_hide_boosts (c));
  sqlite3_bind_int (stmt, 11, rn_column_get_hide_replies (c));
  rn_sql_bind_text (stmt, 12, _rn_column_get_remote_json (c));
  sqlite3_bind_int64 (stmt, 13, rn_column_get_seen_id (c));
  if (!job->insert || job->keep_id)
    sqlite3_bind_int64 (stmt, 14, rn_column_get_id (c));
  else
    sqlite3_bind_null (stmt, 14);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  if (job->insert)
    _rn_column_set_id (c, sqlite3_last_insert_rowid (db));
  return TRUE;
}

static gboolean
write_positions (RnStore  *store,
                 sqlite3  *db,
                 gpointer  data,
                 GError  **error)
{
  GPtrArray *columns = data;

  for (guint i = 0; i < columns->len; i++)
    {
      RnColumn *c = g_ptr_array_index (columns, i);
      sqlite3_stmt *stmt = rn_store_writer_stmt (store, "UPDATE columns SET position = ? WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_int64 (stmt, 2, rn_column_get_id (c));
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
delete_row (RnStore  *store,
            sqlite3  *db,
            gpointer  data,
            GError  **error)
{
  sqlite3_stmt *stmt = rn_store_writer_stmt (store, "DELETE FROM columns WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) data);
  return rn_sql_step_done (stmt, error);
}

/* Store errors about the UNIQUE name become RN_COLUMN_ERROR_EXISTS. */
static void
translate_error (GError     **error,
                 const char  *name)
{
  if (error != NULL && *error != NULL &&
      g_error_matches (*error, RN_STORE_ERROR, RN_STORE_ERROR_CONSTRAINT))
    {
      g_clear_error (error);
      g_set_error (error, RN_COLUMN_ERROR, RN_COLUMN_ERROR_EXISTS,
                   _("A column named “%s” already exists"), name);
    }
}

/* Positions follow the order of the array. */
static gboolean
renumber (RnColumnStore  *self,
          GError        **error)
{
  self->loading = TRUE;
  for (guint i = 0; i < self->columns->len; i++)
    _rn_column_set_position (g_ptr_array_index (self->columns, i), (int) i);
  self->loading = FALSE;
  return rn_store_write (self->store, write_positions, self->columns, error);
}

/* ---- saving on change --------------------------------------------------- */

static void
on_column_notify (RnColumn      *column,
                  GParamSpec    *pspec,
                  RnColumnStore *self)
{
  g_autoptr(GError) error = NULL;

  /* Live state, not settings. */
  if (self->loading ||
      g_str_equal (pspec->name, "unread-count") ||
      g_str_equal (pspec->name, "n-items") ||
      g_str_equal (pspec->name, "position"))
    return;
  if (rn_column_store_index_of (self, column) < 0)
    return;
  if (!rn_column_store_save (self, column, &error))
    g_warning ("Could not save column “%s”: %s", rn_column_get_name (column), error->message);
}

static void
track (RnColumnStore *self,
       RnColumn      *column)
{
  g_signal_connect_object (column, "notify", G_CALLBACK (on_column_notify), self, 0);
}

static void
untrack (RnColumnStore *self,
         RnColumn      *column)
{
  g_signal_handlers_disconnect_by_func (column, on_column_notify, self);
}

/* ---- loading ------------------------------------------------------------ */

static gboolean
load (RnColumnStore  *self,
      GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = rn_sql_prepare (rn_store_get_reader (self->store),
                         "SELECT id, name, query, sort, notify, width, exclude_words, authors,"
                         " media_only, hide_boosts, hide_replies, remote, seen_id"
                         " FROM columns ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;

  self->loading = TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(RnColumn) c = NULL;
      g_auto(GStrv) exclude = split_lines (rn_sql_column_text (stmt, 6));
      g_auto(GStrv) authors = split_lines (rn_sql_column_text (stmt, 7));
      RnQuerySort sort = RN_QUERY_SORT_NEWEST;

      c = rn_column_new (self->store, rn_sql_column_text (stmt, 1),
                         rn_sql_column_text (stmt, 2), &local);
      if (c == NULL)
        {
          /* Saved by a version with another syntax: keep the row, skip it. */
          g_warning ("Skipping column “%s”: %s", rn_sql_column_text (stmt, 1), local->message);
          continue;
        }
      _rn_column_set_id (c, sqlite3_column_int64 (stmt, 0));
      rn_column_sort_from_string (rn_sql_column_text (stmt, 3), &sort);
      rn_column_set_sort (c, sort);
      /* seen_id first: set_notify would otherwise move it to now */
      rn_column_set_seen_id (c, sqlite3_column_int64 (stmt, 12));
      if (sqlite3_column_int (stmt, 4))
        {
          gint64 seen = sqlite3_column_int64 (stmt, 12);

          rn_column_set_notify (c, TRUE);
          rn_column_set_seen_id (c, seen);
        }
      rn_column_set_width (c, sqlite3_column_int (stmt, 5));
      rn_column_set_exclude_words (c, (const char * const *) exclude);
      rn_column_set_authors (c, (const char * const *) authors);
      rn_column_set_media_only (c, sqlite3_column_int (stmt, 8));
      rn_column_set_hide_boosts (c, sqlite3_column_int (stmt, 9));
      rn_column_set_hide_replies (c, sqlite3_column_int (stmt, 10));
      _rn_column_set_remote_json (c, rn_sql_column_text (stmt, 11));
      _rn_column_set_position (c, (int) self->columns->len);
      track (self, c);
      g_ptr_array_add (self->columns, g_steal_pointer (&c));
    }
  self->loading = FALSE;
  if (rc != SQLITE_DONE)
    {
      rn_sql_set_error (error, rn_store_get_reader (self->store), rc, "Could not read the columns");
      return FALSE;
    }
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------ */

static void
rn_column_store_finalize (GObject *object)
{
  RnColumnStore *self = RN_COLUMN_STORE (object);

  for (guint i = 0; i < self->columns->len; i++)
    untrack (self, g_ptr_array_index (self->columns, i));
  g_ptr_array_unref (self->columns);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rn_column_store_parent_class)->finalize (object);
}

static void
rn_column_store_class_init (RnColumnStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_column_store_finalize;
}

static void
rn_column_store_init (RnColumnStore *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
}

RnColumnStore *
rn_column_store_new (RnStore  *store,
                     GError  **error)
{
  g_autoptr(RnColumnStore) self = NULL;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);

  self = g_object_new (RN_TYPE_COLUMN_STORE, NULL);
  self->store = g_object_ref (store);
  if (!load (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

RnStore *
rn_column_store_get_store (RnColumnStore *self)
{
  g_return_val_if_fail (RN_IS_COLUMN_STORE (self), NULL);
  return self->store;
}

static gboolean
check_name (RnColumnStore  *self,
            RnColumn       *except,
            const char     *name,
            GError        **error)
{
  RnColumn *other;

  if (name == NULL || *name == '\0' || g_utf8_strlen (name, -1) > RN_COLUMN_MAX_NAME ||
      !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, RN_COLUMN_ERROR, RN_COLUMN_ERROR_INVALID,
                   _("A column needs a name of 1 to %d characters"), RN_COLUMN_MAX_NAME);
      return FALSE;
    }
  other = rn_column_store_find (self, name);
  if (other != NULL && other != except)
    {
      g_set_error (error, RN_COLUMN_ERROR, RN_COLUMN_ERROR_EXISTS,
                   _("A column named “%s” already exists"), name);
      return FALSE;
    }
  return TRUE;
}

RnColumn *
rn_column_store_add (RnColumnStore  *self,
                     const char     *name,
                     const char     *query,
                     RnQuerySort     sort,
                     gboolean        notify,
                     GError        **error)
{
  g_autoptr(RnColumn) column = NULL;
  SaveJob job = { 0 };

  g_return_val_if_fail (RN_IS_COLUMN_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!check_name (self, NULL, name, error))
    return NULL;
  if (self->columns->len >= RN_COLUMN_MAX_COLUMNS)
    {
      g_set_error (error, RN_COLUMN_ERROR, RN_COLUMN_ERROR_INVALID,
                   _("There can be at most %d columns"), RN_COLUMN_MAX_COLUMNS);
      return NULL;
    }
  column = rn_column_new (self->store, name, query, error);
  if (column == NULL)
    return NULL;
  rn_column_set_sort (column, sort);
  rn_column_set_notify (column, notify);
  _rn_column_set_position (column, (int) self->columns->len);

  job.column = column;
  job.insert = TRUE;
  if (!rn_store_write (self->store, save_in_transaction, &job, error))
    {
      translate_error (error, name);
      return NULL;
    }
  track (self, column);
  g_ptr_array_add (self->columns, g_object_ref (column));
  g_list_model_items_changed (G_LIST_MODEL (self), self->columns->len - 1, 0, 1);
  return column;
}

RnColumn *
rn_column_store_find (RnColumnStore *self,
                      const char    *name)
{
  g_return_val_if_fail (RN_IS_COLUMN_STORE (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      RnColumn *c = g_ptr_array_index (self->columns, i);

      if (g_strcmp0 (rn_column_get_name (c), name) == 0)
        return c;
    }
  return NULL;
}

int
rn_column_store_index_of (RnColumnStore *self,
                          RnColumn      *column)
{
  guint index;

  g_return_val_if_fail (RN_IS_COLUMN_STORE (self), -1);
  return g_ptr_array_find (self->columns, column, &index) ? (int) index : -1;
}

gboolean
rn_column_store_save (RnColumnStore  *self,
                      RnColumn       *column,
                      GError        **error)
{
  SaveJob job = { .column = column };

  g_return_val_if_fail (RN_IS_COLUMN_STORE (self), FALSE);
  g_return_val_if_fail (RN_IS_COLUMN (column), FALSE);

  if (!rn_store_write (self->store, save_in_transaction, &job, error))
    {
      translate_error (error, rn_column_get_name (column));
      return FALSE;
    }
  return TRUE;
}

gboolean
rn_column_store_rename (RnColumnStore  *self,
                        RnColumn       *column,
                        const char     *name,
                        GError        **error)
{
  g_return_val_if_fail (RN_IS_COLUMN_STORE (self), FALSE);
  g_return_val_if_fail (RN_IS_COLUMN (column), FALSE);

  if (g_strcmp0 (rn_column_get_name (column), name) == 0)
    return TRUE;
  if (!check_name (self, column, name, error))
    return FALSE;
  rn_column_set_name (column, name);   /* saved by on_column_notify */
  return TRUE;
}

gboolean
rn_column_store_move (RnColumnStore  *self,
                      RnColumn       *column,
                      guint           position,
                      GError        **error)
{
  int from;

  g_return_val_if_fail (RN_IS_COLUMN_STORE (self), FALSE);
  g_return_val_if_fail (RN_IS_COLUMN (column), FALSE);

  from = rn_column_store_index_of (self, column);
  if (from < 0)
    {
      g_set_error_literal (error, RN_COLUMN_ERROR, RN_COLUMN_ERROR_NOT_FOUND, _("No such column"));
      return FALSE;
    }
  position = MIN (position, self->columns->len - 1);
  if ((guint) from == position)
    return TRUE;

  g_object_ref (column);
  g_ptr_array_remove_index (self->columns, from);
  g_ptr_array_insert (self->columns, position, column);
  if (!renumber (self, error))
    return FALSE;
  /* One change that covers both places: views rebuild only that span. */
  g_list_model_items_changed (G_LIST_MODEL (self), MIN ((guint) from, position),
                              ABS ((int) position - from) + 1, ABS ((int) position - from) + 1);
  return TRUE;
}

gboolean
rn_column_store_remove (RnColumnStore  *self,
                        RnColumn       *column,
                        GError        **error)
{
  gint64 id;
  int index;

  g_return_val_if_fail (RN_IS_COLUMN_STORE (self), FALSE);
  g_return_val_if_fail (RN_IS_COLUMN (column), FALSE);

  index = rn_column_store_index_of (self, column);
  if (index < 0)
    {
      g_set_error_literal (error, RN_COLUMN_ERROR, RN_COLUMN_ERROR_NOT_FOUND, _("No such column"));
      return FALSE;
    }
  id = rn_column_get_id (column);
  if (!rn_store_write (self->store, delete_row, &id, error))
    return FALSE;
  untrack (self, column);
  g_ptr_array_remove_index (self->columns, index);
  g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
  return renumber (self, error);
}

gboolean
rn_column_store_restore (RnColumnStore  *self,
                         RnColumn       *column,
                         guint           position,
                         GError        **error)
{
  SaveJob job = { .column = column, .insert = TRUE, .keep_id = TRUE };

  g_return_val_if_fail (RN_IS_COLUMN_STORE (self), FALSE);
  g_return_val_if_fail (RN_IS_COLUMN (column), FALSE);
  g_return_val_if_fail (rn_column_store_index_of (self, column) < 0, FALSE);

  if (!check_name (self, NULL, rn_column_get_name (column), error))
    return FALSE;
  position = MIN (position, self->columns->len);
  /* A column added since may have taken the id again. */
  for (guint i = 0; i < self->columns->len; i++)
    if (rn_column_get_id (g_ptr_array_index (self->columns, i)) == rn_column_get_id (column))
      job.keep_id = FALSE;
  if (!rn_store_write (self->store, save_in_transaction, &job, error))
    {
      translate_error (error, rn_column_get_name (column));
      return FALSE;
    }
  track (self, column);
  g_ptr_array_insert (self->columns, position, g_object_ref (column));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  return renumber (self, error);
}

char *
rn_column_store_unique_name (RnColumnStore *self,
                             const char    *base)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (RN_IS_COLUMN_STORE (self), NULL);

  if (base == NULL || *base == '\0' || !g_utf8_validate (base, -1, NULL))
    base = _("Column");
  /* g_utf8_substring() must not be asked past the end. */
  trimmed = g_utf8_substring (base, 0, MIN (g_utf8_strlen (base, -1), RN_COLUMN_MAX_NAME - 8));
  if (rn_column_store_find (self, trimmed) == NULL)
    return g_steal_pointer (&trimmed);
  for (guint n = 2; ; n++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", trimmed, n);

      if (rn_column_store_find (self, name) == NULL)
        return g_steal_pointer (&name);
    }
}
