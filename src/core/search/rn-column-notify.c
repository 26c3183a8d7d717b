/* rn-column-notify.c: grouping new matches into one notice per column. */
#define G_LOG_DOMAIN "rn-column"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-column-notify.h"
#include "store/rn-sql.h"

void
rn_column_notice_free (RnColumnNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->column_name);
  g_ptr_array_unref (notice->titles);
  g_free (notice);
}

char *
rn_column_notice_dup_title (const RnColumnNotice *notice)
{
  g_return_val_if_fail (notice != NULL, NULL);
  return g_strdup_printf (ngettext ("%u new in %s", "%u new in %s", notice->count),
                          notice->count, notice->column_name);
}

char *
rn_column_notice_dup_body (const RnColumnNotice *notice)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_return_val_if_fail (notice != NULL, NULL);
  for (guint i = 0; i < notice->titles->len; i++)
    {
      if (i > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, g_ptr_array_index (notice->titles, i));
    }
  if (notice->count > notice->titles->len)
    g_string_append (body, "\n…");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* The titles of the newest (by date) of @ids; only the last arrivals are
 * looked at, a bounded number. */
static void
add_titles (sqlite3   *db,
            GArray    *ids,
            GPtrArray *titles)
{
  g_autoptr(GString) sql = g_string_new ("SELECT title FROM items WHERE id IN (");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint first = ids->len > 500 ? ids->len - 500 : 0;

  for (guint k = first; k < ids->len; k++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, k > first ? "," : "", g_array_index (ids, gint64, k));
  g_string_append_printf (sql, ") ORDER BY sort_date DESC, id DESC LIMIT %d", RN_COLUMN_NOTICE_TITLES);
  stmt = rn_sql_prepare (db, sql->str, NULL);
  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *title = rn_sql_column_text (stmt, 0);

      g_ptr_array_add (titles, g_strdup (title != NULL ? title : _("(untitled)")));
    }
}

GPtrArray *
rn_column_collect_notices (RnColumnStore  *columns,
                           GError        **error)
{
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_column_notice_free);
  RnStore *store;
  sqlite3 *db;
  gint64 newest;

  g_return_val_if_fail (RN_IS_COLUMN_STORE (columns), NULL);

  store = rn_column_store_get_store (columns);
  db = rn_store_get_reader (store);
  newest = rn_sql_query_int (db, "SELECT ifnull(max(id), 0) FROM items", 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (columns)); i++)
    {
      g_autoptr(RnColumn) column = g_list_model_get_item (G_LIST_MODEL (columns), i);
      g_autoptr(GArray) ids = NULL;
      RnColumnNotice *notice;
      RnQuerySql *sql;
      gint64 from;

      if (!rn_column_get_notify (column) || rn_column_get_seen_id (column) >= newest)
        continue;
      sql = rn_column_get_sql (column);
      if (sql == NULL)
        continue;
      from = MAX (rn_column_get_seen_id (column) + 1, newest - RN_COLUMN_NOTICE_MAX_RANGE + 1);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!rn_query_match_ids (sql, db, from, newest, ids, NULL, error))
        return NULL;
      rn_column_set_seen_id (column, newest);
      if (ids->len == 0)
        continue;

      notice = g_new0 (RnColumnNotice, 1);
      notice->column_id = rn_column_get_id (column);
      notice->column_name = g_strdup (rn_column_get_name (column));
      notice->count = ids->len;
      notice->newest_id = g_array_index (ids, gint64, ids->len - 1);
      notice->titles = g_ptr_array_new_with_free_func (g_free);
      add_titles (db, ids, notice->titles);
      g_ptr_array_add (notices, notice);
    }
  return g_steal_pointer (&notices);
}

/* ---- RnColumnNotifier --------------------------------------------------- */

struct _RnColumnNotifier
{
  GObject        parent_instance;

  RnColumnStore *columns;
  guint          quiet_ms;
  guint          timeout_id;
  gulong         added_id;
};

enum
{
  NOTICES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RnColumnNotifier, rn_column_notifier, G_TYPE_OBJECT)

void
rn_column_notifier_flush (RnColumnNotifier *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notices = NULL;

  g_return_if_fail (RN_IS_COLUMN_NOTIFIER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  notices = rn_column_collect_notices (self->columns, &error);
  if (notices == NULL)
    {
      g_warning ("Could not look for new items in columns: %s", error->message);
      return;
    }
  if (notices->len > 0)
    g_signal_emit (self, signals[NOTICES], 0, notices);
}

static gboolean
on_quiet (gpointer data)
{
  RnColumnNotifier *self = data;

  self->timeout_id = 0;
  rn_column_notifier_flush (self);
  return G_SOURCE_REMOVE;
}

/* A refresh adds items feed by feed: wait until they stop coming. */
static void
on_items_added (RnStore          *store,
                gint64            first,
                gint64            last,
                RnColumnNotifier *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->quiet_ms, on_quiet, self);
}

static void
rn_column_notifier_dispose (GObject *object)
{
  RnColumnNotifier *self = RN_COLUMN_NOTIFIER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->columns != NULL)
    g_clear_signal_handler (&self->added_id, rn_column_store_get_store (self->columns));
  g_clear_object (&self->columns);

  G_OBJECT_CLASS (rn_column_notifier_parent_class)->dispose (object);
}

static void
rn_column_notifier_class_init (RnColumnNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rn_column_notifier_dispose;

  signals[NOTICES] = g_signal_new ("notices", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
rn_column_notifier_init (RnColumnNotifier *self)
{
}

RnColumnNotifier *
rn_column_notifier_new (RnColumnStore *columns,
                        guint          quiet_ms)
{
  RnColumnNotifier *self;

  g_return_val_if_fail (RN_IS_COLUMN_STORE (columns), NULL);

  self = g_object_new (RN_TYPE_COLUMN_NOTIFIER, NULL);
  self->columns = g_object_ref (columns);
  self->quiet_ms = quiet_ms;
  self->added_id = g_signal_connect (rn_column_store_get_store (columns), "items-added",
                                     G_CALLBACK (on_items_added), self);
  return self;
}
