/* rn-item-list.c: paging list model over the items table. */
#define G_LOG_DOMAIN "rn-item-list"

#include "config.h"

#include <string.h>

#include "rn-item-list.h"
#include "rn-item-private.h"
#include "store/rn-sql.h"

#define PAGE_SIZE 64
#define MAX_PAGES 24          /* about 1,500 rows held at most */
/* New rows are placed by merging their keys with the old rows' keys, read
 * in order (an index walk: 33,000 rows took 50 ms) as far as the rows a
 * view has read lately and MERGE_MARGIN more, MIN_MERGE_ROWS at least and
 * MERGE_ROWS at most. New rows below those replace the rest of the list,
 * where no view shows a row. */
#define MERGE_ROWS 65536
#define MIN_MERGE_ROWS 2048
#define MERGE_MARGIN 1024

typedef struct
{
  guint start;
  guint len;
} Run;

static guint merge_rows = MERGE_ROWS;

void
rn_item_list_set_merge_rows (guint rows)
{
  merge_rows = rows > 0 ? rows : MERGE_ROWS;
}

typedef struct
{
  gint64 date;
  gint64 id;
} Key;

typedef struct
{
  guint      index;
  GPtrArray *items;           /* RnItem */
} Page;

struct _RnItemList
{
  GObject     parent_instance;

  RnStore    *store;
  /* Boolean SQL over i (items) and f (feeds), then "AND i.id <= ?" bound
   * to `upto`: items committed but not yet announced by items-added are
   * left out, or a page read in between would hold a row twice (a list
   * view then read the whole library) and the announcement would add
   * rows the count already had. */
  char       *where;
  char       *where_all;      /* the same without the bound */
  /* "items i", joined with "feeds f" only when the condition needs it: a
   * walk in date order then reads the sort index alone, where the join
   * looked up each row (a new batch's merge read 10,000 rows from disk,
   * 150 ms on the main loop, in a library of 2,000,000). */
  const char *from;
  gint64      upto;           /* the highest item id announced */
  /* How deep a view was reading when new rows last came, moved down by
   * the rows inserted above: a view keeps the rows it shows through a
   * change without reading them again, so the pages read since say
   * nothing about it. */
  guint       depth;
  char       *count_sql;      /* the rows' count from kept counts, or NULL */
  GPtrArray  *params;         /* GVariant */
  RnItemSort  sort;

  guint       n_items;
  GHashTable *pages;          /* page index → Page */
  GQueue      lru;            /* page indices, most recent first */
  GHashTable *end_keys;       /* page index → Key of its last row */
  GHashTable *kept;           /* item id → RnItem read before new rows came */

  guint64     rows_fetched;
  gulong      added_id;
  gulong      changed_id;
};

static void rn_item_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnItemList, rn_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rn_item_list_model_init))

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  g_free (page);
}

static const char *
order_by (RnItemList *self)
{
  return self->sort == RN_ITEM_SORT_NEWEST
    ? " ORDER BY i.sort_date DESC, i.id DESC"
    : " ORDER BY i.sort_date ASC, i.id ASC";
}

/* "comes after key" in the list's order */
static const char *
after_key (RnItemList *self)
{
  return self->sort == RN_ITEM_SORT_NEWEST
    ? " AND (i.sort_date, i.id) < (?, ?)"
    : " AND (i.sort_date, i.id) > (?, ?)";
}

static const char *
before_key (RnItemList *self)
{
  return self->sort == RN_ITEM_SORT_NEWEST
    ? " AND (i.sort_date, i.id) > (?, ?)"
    : " AND (i.sort_date, i.id) < (?, ?)";
}

static sqlite3_stmt *
prepare (RnItemList  *self,
         const char  *sql,
         int         *next_param)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = rn_store_reader_stmt (self->store, sql, &error);

  if (stmt == NULL)
    {
      g_warning ("Item list query failed: %s", error->message);
      return NULL;
    }
  for (guint i = 0; i < self->params->len; i++)
    {
      GVariant *v = g_ptr_array_index (self->params, i);

      if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, (int) i + 1, g_variant_get_int64 (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        sqlite3_bind_text (stmt, (int) i + 1, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
      else
        g_return_val_if_reached (stmt);
    }
  /* Statements over `where` have its bound next; the others ignore it. */
  sqlite3_bind_int64 (stmt, (int) self->params->len + 1, self->upto);
  *next_param = (int) self->params->len + 2;
  return stmt;
}

/* Steps a count prepared by prepare() and bound; 0 when it failed
 * (prepare() logs why). */
static guint
step_count (sqlite3_stmt *stmt)
{
  guint n = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static guint
count_rows (RnItemList *self)
{
  g_autofree char *sql = NULL;
  g_autofree char *unannounced = NULL;
  guint n;
  int next;

  if (self->count_sql == NULL)
    {
      sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", self->from, self->where);
      return step_count (prepare (self, sql, &next));
    }
  /* The kept counts include items not yet announced (few: a walk of the
   * newest ids). */
  n = step_count (prepare (self, self->count_sql, &next));
  unannounced = g_strdup_printf ("SELECT count(*) FROM %s WHERE (%s) AND i.id > ?",
                                 self->from, self->where_all);
  return n - MIN (n, step_count (prepare (self, unannounced, &next)));
}

static void
forget_pages (RnItemList *self)
{
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->end_keys);
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->kept);
}

/* Positions moved but the old rows did not change: the items read so far
 * are handed out again when their rows are read anew, so that a list view
 * finds the objects it shows among the rows of a change and keeps their
 * row widgets (GTK 4.8 matches them by object). */
static void
forget_pages_keeping_items (RnItemList *self)
{
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  GHashTableIter iter;
  Page *page;
  RnItem *item;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    for (guint i = 0; i < page->items->len; i++)
      {
        item = g_ptr_array_index (page->items, i);
        g_hash_table_replace (kept, rn_item_peek_id (item), g_object_ref (item));
      }
  /* Those kept last time and not read again since (a view may still show
   * them), as long as that stays a few pages' worth. */
  if (g_hash_table_size (kept) + g_hash_table_size (self->kept) <= 2 * MAX_PAGES * PAGE_SIZE)
    {
      g_hash_table_iter_init (&iter, self->kept);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
        if (!g_hash_table_contains (kept, rn_item_peek_id (item)))
          g_hash_table_insert (kept, rn_item_peek_id (item), g_object_ref (item));
    }
  forget_pages (self);
  g_hash_table_unref (self->kept);
  self->kept = g_steal_pointer (&kept);
}

/* The item of the row @stmt is on: the one handed out before if its row
 * was only moved, with the state read now. */
static RnItem *
item_from_row (RnItemList   *self,
               sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  RnItem *item = g_hash_table_lookup (self->kept, &id);

  if (item == NULL)
    return rn_item_new_from_row (stmt);
  rn_item_set_state (item, sqlite3_column_int (stmt, RN_ITEM_ROW_READ), sqlite3_column_int (stmt, RN_ITEM_ROW_STARRED),
                     sqlite3_column_int (stmt, RN_ITEM_ROW_SAVED));
  return g_object_ref (item);
}

static void
touch_page (RnItemList *self,
            guint       index)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (index));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (index));
  while (g_queue_get_length (&self->lru) > MAX_PAGES)
    {
      guint old = GPOINTER_TO_UINT (g_queue_pop_tail (&self->lru));
      /* The end key stays: it lets the next read of a neighbour page seek. */
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (old));
    }
}

/* The key of the row @offset rows past @from (or past the top), stepped
 * in the sort index alone: an OFFSET in the page statement looked up each
 * row it skipped, and its feed (a page a few screens down, read again
 * after every batch of new rows, read 9,000 rows from disk). FALSE past
 * the end. */
static gboolean
key_at (RnItemList *self,
        const Key  *from,
        guint       offset,
        Key        *out)
{
  g_autofree char *sql = g_strdup_printf ("SELECT i.sort_date, i.id FROM %s WHERE %s%s%s LIMIT 1 OFFSET ?",
                                          self->from, self->where, from != NULL ? after_key (self) : "",
                                          order_by (self));
  sqlite3_stmt *stmt;
  gboolean found;
  int next;

  stmt = prepare (self, sql, &next);
  if (stmt == NULL)
    return FALSE;
  if (from != NULL)
    {
      sqlite3_bind_int64 (stmt, next++, from->date);
      sqlite3_bind_int64 (stmt, next++, from->id);
    }
  sqlite3_bind_int (stmt, next, (int) offset);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    *out = (Key) { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
  sqlite3_reset (stmt);
  return found;
}

static Page *
load_page (RnItemList *self,
           guint       index)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " RN_ITEM_ROW_COLUMNS
                                         " FROM items i JOIN feeds f ON f.id = i.feed_id WHERE ");
  Key *known = NULL;
  Key start;
  gboolean have_start = FALSE, past_end = FALSE;
  guint known_page = 0;
  guint offset;
  sqlite3_stmt *stmt;
  Page *page;
  int next;

  g_string_append (sql, self->where);

  /* Start after the last row of the nearest page before whose end is
   * known, or of the row before the page found in the index. */
  for (guint k = index; k > 0; k--)
    {
      known = g_hash_table_lookup (self->end_keys, GUINT_TO_POINTER (k - 1));
      if (known != NULL)
        {
          known_page = k;
          break;
        }
    }
  offset = (index - known_page) * PAGE_SIZE;
  if (offset == 0 && known != NULL)
    {
      start = *known;
      have_start = TRUE;
    }
  else if (offset > 0)
    {
      have_start = key_at (self, known, offset - 1, &start);
      past_end = !have_start;
    }
  if (have_start)
    g_string_append (sql, after_key (self));
  g_string_append (sql, order_by (self));
  g_string_append (sql, " LIMIT ?");

  stmt = prepare (self, sql->str, &next);
  if (stmt == NULL)
    return NULL;
  if (have_start)
    {
      sqlite3_bind_int64 (stmt, next++, start.date);
      sqlite3_bind_int64 (stmt, next++, start.id);
    }
  sqlite3_bind_int (stmt, next++, past_end ? 0 : PAGE_SIZE);

  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (page->items, item_from_row (self, stmt));
      self->rows_fetched++;
    }
  sqlite3_reset (stmt);

  if (page->items->len > 0)
    {
      RnItem *last = g_ptr_array_index (page->items, page->items->len - 1);
      Key *key = g_new (Key, 1);

      key->date = rn_item_get_sort_date (last);
      key->id = rn_item_get_id (last);
      g_hash_table_insert (self->end_keys, GUINT_TO_POINTER (index), key);
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  touch_page (self, index);
  return page;
}

static GType
rn_item_list_get_item_type (GListModel *model)
{
  return RN_TYPE_ITEM;
}

static guint
rn_item_list_get_n_items (GListModel *model)
{
  return RN_ITEM_LIST (model)->n_items;
}

static gpointer
rn_item_list_get_item (GListModel *model,
                       guint       position)
{
  RnItemList *self = RN_ITEM_LIST (model);
  guint index = position / PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    page = load_page (self, index);
  else
    touch_page (self, index);
  if (page == NULL || position % PAGE_SIZE >= page->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->items, position % PAGE_SIZE));
}

static void
rn_item_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rn_item_list_get_item_type;
  iface->get_n_items = rn_item_list_get_n_items;
  iface->get_item = rn_item_list_get_item;
}

/* Every row is read anew (pages forgotten): said as "all removed", then
 * "all added". In one change (0, old, n), GTK 4.8's list view reads every
 * added row looking for the row widgets it could keep, which it never
 * finds among objects read anew: on a library of 2,000,000 items, a
 * minute and more of the main loop. */
static void
replace_all (RnItemList *self,
             guint       n)
{
  guint old = self->n_items;

  forget_pages (self);
  self->n_items = 0;
  self->depth = 0;
  if (old != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  self->n_items = n;
  if (n != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n);
}

static void
reset (RnItemList *self)
{
  replace_all (self, count_rows (self));
}

static int
compare_newest (gconstpointer a,
                gconstpointer b)
{
  const Key *ka = a, *kb = b;

  if (ka->date != kb->date)
    return ka->date > kb->date ? -1 : 1;
  return ka->id > kb->id ? -1 : ka->id < kb->id;
}

static int
compare_oldest (gconstpointer a,
                gconstpointer b)
{
  return compare_newest (b, a);
}

/* Orders keys as the list shows its rows. */
static GCompareFunc
key_order (RnItemList *self)
{
  return self->sort == RN_ITEM_SORT_NEWEST ? compare_newest : compare_oldest;
}

/* The keys of the matching new rows, ids in [first, last]: read through
 * the rowid range, so the cost follows the size of the batch. */
static GArray *
read_new_keys (RnItemList *self,
               gint64      first,
               gint64      last)
{
  g_autofree char *sql = g_strdup_printf ("SELECT i.sort_date, i.id FROM %s "
                                          "WHERE (%s) AND i.id BETWEEN ? AND ?", self->from, self->where);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (Key));
  int next;
  sqlite3_stmt *stmt = prepare (self, sql, &next);

  if (stmt == NULL)
    return keys;
  sqlite3_bind_int64 (stmt, next, first);
  sqlite3_bind_int64 (stmt, next + 1, last);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Key key = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (keys, key);
    }
  sqlite3_reset (stmt);
  return keys;
}

/* How deep a view reads: the deepest page read since the last change, or
 * the depth carried over from before it. */
static guint
view_depth (RnItemList *self)
{
  GHashTableIter iter;
  gpointer index;
  guint deepest = self->depth;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &index, NULL))
    deepest = MAX (deepest, (GPOINTER_TO_UINT (index) + 1) * PAGE_SIZE);
  return deepest;
}

/* How far new rows are merged with the old ones: past where a view reads
 * (what it shows and keeps). */
static guint
rows_to_merge (RnItemList *self)
{
  return MIN (MAX (view_depth (self) + MERGE_MARGIN, MIN_MERGE_ROWS), merge_rows);
}

/* Many new rows far down the list: the rows from @position to the end are
 * said to be replaced, in two changes for the reason given at
 * replace_all(), and nothing recounts the whole list (on 2,000,000 items a
 * recount alone held the main loop for 200 ms). */
static void
replace_from (RnItemList *self,
              guint       position,
              guint       n_new)
{
  guint old_tail = self->n_items - MIN (position, self->n_items);

  position = MIN (position, self->n_items);
  self->n_items = position;
  if (old_tail != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, old_tail, 0);
  self->n_items = position + old_tail + n_new;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, old_tail + n_new);
}

/* Steps the old rows (id < first) in the list's order; FALSE at the end. */
static gboolean
next_old_key (sqlite3_stmt *old,
              Key          *key)
{
  if (old == NULL || sqlite3_step (old) != SQLITE_ROW)
    return FALSE;
  key->date = sqlite3_column_int64 (old, 0);
  key->id = sqlite3_column_int64 (old, 1);
  return TRUE;
}

/* New rows in [first, last]: find those that match and insert each where
 * it belongs; only the new rows are evaluated. Each run of adjacent new
 * rows is one insertion: a list view keeps the row widgets of the rows
 * around them (and paces the new ones, see the UI's RnPacedModel), where a
 * replacement made GTK build, bind and measure them all again. The rows
 * read before stay the same objects.
 *
 * Positions come from merging the new keys with the old rows' keys, read
 * in order as far as the last new row goes, rows_to_merge() at most (an
 * index walk). New rows further down replace the rows from that point
 * down. */
static void
on_items_added (RnStore    *store,
                gint64      first,
                gint64      last,
                RnItemList *self)
{
  g_autoptr(GArray) keys = NULL;
  g_autofree char *old_sql = NULL;
  sqlite3_stmt *old;
  Key old_key;
  gboolean have_old;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  Run run = { 0, 0 };
  guint placed = 0, above = 0, limit;
  int next;

  self->upto = MAX (self->upto, last);
  keys = read_new_keys (self, first, last);
  if (keys->len == 0)
    return;
  limit = rows_to_merge (self);
  /* Sorted here: ordered in SQL, the planner may walk the whole sort
   * index to avoid sorting a batch. */
  g_array_sort (keys, key_order (self));
  old_sql = g_strdup_printf ("SELECT i.sort_date, i.id FROM %s WHERE (%s) AND i.id < ?%s LIMIT %u",
                             self->from, self->where, order_by (self), limit);
  old = prepare (self, old_sql, &next);
  if (old != NULL)
    sqlite3_bind_int64 (old, next, first);
  have_old = next_old_key (old, &old_key);

  /* New rows that land next to each other make one run. */
  for (guint k = 0; k <= keys->len; k++)
    {
      const Key *key = k < keys->len ? &g_array_index (keys, Key, k) : NULL;
      guint position = G_MAXUINT;

      if (key != NULL)
        {
          while (have_old && key_order (self) (&old_key, key) < 0)
            {
              above++;
              have_old = next_old_key (old, &old_key);
            }
          if (have_old || above < limit)
            position = above + k;                 /* merged */
        }
      if (run.len > 0 && position != G_MAXUINT && position == run.start + run.len)
        {
          run.len++;
          continue;
        }
      if (run.len > 0)
        {
          g_array_append_val (runs, run);
          placed += run.len;
        }
      if (position == G_MAXUINT)
        break;
      run = (Run) { position, 1 };
    }
  if (old != NULL)
    sqlite3_reset (old);

  /* Positions move: pages and seek keys are re-read on demand. The view
   * moves down with the rows inserted above it (at most). */
  self->depth = MIN (view_depth (self) + placed, merge_rows);
  forget_pages_keeping_items (self);

  for (guint r = 0; r < runs->len; r++)
    {
      Run *each = &g_array_index (runs, Run, r);

      self->n_items += each->len;
      g_list_model_items_changed (G_LIST_MODEL (self), each->start, 0, each->len);
    }

  /* The rest of a large batch, past the rows merged. */
  if (placed < keys->len)
    replace_from (self, limit + placed, keys->len - placed);
  g_debug ("Inserted %u new rows in %u runs (%u old rows read); %u more replaced below",
           placed, runs->len, above, keys->len - placed);
}

static void
on_items_changed (RnStore    *store,
                  RnItemList *self)
{
  GHashTableIter iter;
  Page *page;
  guint n;

  n = count_rows (self);
  if (n != self->n_items)
    {
      /* Rows left or joined the list (removed, or a state filter). */
      replace_all (self, n);
      return;
    }

  /* Same rows: refresh the state of those held, so bound rows update. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    {
      g_autoptr(GString) sql = NULL;
      sqlite3_stmt *stmt;
      g_autoptr(GHashTable) by_id = NULL;

      if (page->items->len == 0)
        continue;
      by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      sql = g_string_new ("SELECT i.id, i.read, i.starred, "
                          "EXISTS (SELECT 1 FROM saved s WHERE s.item_id = i.id) "
                          "FROM items i WHERE i.id IN (");
      for (guint k = 0; k < page->items->len; k++)
        {
          RnItem *item = g_ptr_array_index (page->items, k);
          /* ids come from our own rows: integers, safe to inline */
          g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, k > 0 ? "," : "", rn_item_get_id (item));
        }
      g_string_append (sql, ")");
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(sqlite3_stmt) owned = rn_sql_prepare (rn_store_get_reader (self->store), sql->str, &error);

        stmt = owned;
        if (stmt == NULL)
          continue;
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            gint64 id = sqlite3_column_int64 (stmt, 0);

            for (guint k = 0; k < page->items->len; k++)
              {
                RnItem *item = g_ptr_array_index (page->items, k);

                if (rn_item_get_id (item) == id)
                  {
                    rn_item_set_state (item, sqlite3_column_int (stmt, 1),
                                       sqlite3_column_int (stmt, 2),
                                       sqlite3_column_int (stmt, 3));
                    break;
                  }
              }
          }
      }
    }
}

static void
rn_item_list_dispose (GObject *object)
{
  RnItemList *self = RN_ITEM_LIST (object);

  g_clear_signal_handler (&self->added_id, self->store);
  g_clear_signal_handler (&self->changed_id, self->store);

  G_OBJECT_CLASS (rn_item_list_parent_class)->dispose (object);
}

static void
rn_item_list_finalize (GObject *object)
{
  RnItemList *self = RN_ITEM_LIST (object);

  forget_pages (self);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->end_keys);
  g_hash_table_unref (self->kept);
  g_ptr_array_unref (self->params);
  g_free (self->where);
  g_free (self->where_all);
  g_free (self->count_sql);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rn_item_list_parent_class)->finalize (object);
}

static void
rn_item_list_class_init (RnItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rn_item_list_dispose;
  object_class->finalize = rn_item_list_finalize;
}

static void
rn_item_list_init (RnItemList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->end_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_queue_init (&self->lru);
}

/* Whether @where names a column of feeds (as "f.x"). */
static gboolean
uses_feeds (const char *where)
{
  for (const char *s = strstr (where, "f."); s != NULL; s = strstr (s + 1, "f."))
    if (s == where || !(g_ascii_isalnum (s[-1]) || s[-1] == '_'))
      return TRUE;
  return FALSE;
}

static RnItemList *
item_list_new (RnStore    *store,
               const char *where,
               const char *count_sql,
               GPtrArray  *params,
               RnItemSort  sort)
{
  RnItemList *self = g_object_new (RN_TYPE_ITEM_LIST, NULL);

  self->store = g_object_ref (store);
  self->where = g_strdup_printf ("(%s) AND i.id <= ?", where);
  self->where_all = g_strdup (where);
  self->from = uses_feeds (where) ? "items i JOIN feeds f ON f.id = i.feed_id" : "items i";
  self->upto = rn_store_get_announced_upto (store);
  self->count_sql = g_strdup (count_sql);
  self->params = params != NULL ? g_ptr_array_ref (params)
                                : g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  self->sort = sort;
  self->n_items = count_rows (self);
  self->added_id = g_signal_connect (store, "items-added", G_CALLBACK (on_items_added), self);
  self->changed_id = g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), self);
  return self;
}

RnItemList *
rn_item_list_new_for_where (RnStore    *store,
                            const char *where,
                            GPtrArray  *params,
                            RnItemSort  sort)
{
  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  g_return_val_if_fail (where != NULL, NULL);

  return item_list_new (store, where, NULL, params, sort);
}

char *
rn_item_list_fts_from_words (const char *text)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (text == NULL)
    return NULL;
  words = g_strsplit_set (text, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

RnItemList *
rn_item_list_new (RnStore            *store,
                  const RnItemFilter *filter,
                  RnItemSort          sort)
{
  g_autoptr(GString) where = g_string_new ("1");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  RnItemFilter none = { 0 };

  g_return_val_if_fail (RN_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &none;
  if (filter->feed_id > 0)
    {
      g_string_append (where, " AND i.feed_id = ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (filter->feed_id)));
    }
  if (filter->folder_id > 0)
    {
      g_string_append (where, " AND f.folder_id = ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (filter->folder_id)));
    }
  if (filter->unread_only)
    g_string_append (where, " AND i.read = 0");
  if (filter->starred_only)
    g_string_append (where, " AND i.starred = 1");
  if (filter->saved_only)
    g_string_append (where, " AND i.id IN (SELECT item_id FROM saved)");
  if (filter->search != NULL)
    {
      g_autofree char *fts = rn_item_list_fts_from_words (filter->search);

      if (fts != NULL)
        {
          g_string_append (where, " AND i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)");
          g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (fts)));
        }
    }
  /* A source, a folder, all items or all unread ones: counted from the
   * per-feed counts the store keeps (the same parameters, in the same
   * order), not by walking the items. */
  if (!filter->starred_only && !filter->saved_only && filter->search == NULL)
    {
      g_autoptr(GString) count_sql = g_string_new (NULL);

      g_string_printf (count_sql, "SELECT CAST(total(c.n) AS INTEGER) FROM %s c JOIN feeds f ON f.id = c.feed_id WHERE 1",
                       filter->unread_only ? "feed_unread" : "feed_items");
      if (filter->feed_id > 0)
        g_string_append (count_sql, " AND c.feed_id = ?");
      if (filter->folder_id > 0)
        g_string_append (count_sql, " AND f.folder_id = ?");
      return item_list_new (store, where->str, count_sql->str, params, sort);
    }
  return item_list_new (store, where->str, NULL, params, sort);
}

RnStore *
rn_item_list_get_store (RnItemList *self)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST (self), NULL);
  return self->store;
}

void
rn_item_list_reload (RnItemList *self)
{
  g_return_if_fail (RN_IS_ITEM_LIST (self));
  reset (self);
}

guint
rn_item_list_get_unread_count (RnItemList *self)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;
  int next;

  g_return_val_if_fail (RN_IS_ITEM_LIST (self), 0);
  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE (%s) AND i.read = 0", self->from, self->where);
  stmt = prepare (self, sql, &next);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

int
rn_item_list_find (RnItemList *self,
                   gint64      item_id)
{
  g_autofree char *key_sql = NULL;
  g_autofree char *count_sql = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  Key key = { 0, 0 };
  guint ahead = 0;
  int next;

  g_return_val_if_fail (RN_IS_ITEM_LIST (self), -1);
  key_sql = g_strdup_printf ("SELECT i.sort_date, i.id FROM %s WHERE (%s) AND i.id = ?", self->from, self->where);
  stmt = prepare (self, key_sql, &next);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, next, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      key.date = sqlite3_column_int64 (stmt, 0);
      key.id = sqlite3_column_int64 (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    return -1;

  /* Its index is how many rows come before it in the list's order. */
  count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE (%s)%s", self->from, self->where, before_key (self));
  stmt = prepare (self, count_sql, &next);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, next, key.date);
  sqlite3_bind_int64 (stmt, next + 1, key.id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ahead = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return ahead < self->n_items ? (int) ahead : -1;
}

int
rn_item_list_find_loaded (RnItemList *self,
                          gint64      item_id)
{
  GHashTableIter iter;
  Page *page;

  g_return_val_if_fail (RN_IS_ITEM_LIST (self), -1);
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    for (guint k = 0; k < page->items->len; k++)
      if (rn_item_get_id (g_ptr_array_index (page->items, k)) == item_id)
        return (int) (page->index * PAGE_SIZE + k);
  return -1;
}

guint64
rn_item_list_get_rows_fetched (RnItemList *self)
{
  return self->rows_fetched;
}

guint
rn_item_list_get_pages_held (RnItemList *self)
{
  return g_hash_table_size (self->pages);
}
