/* rn-query-run.c: evaluating compiled queries fast on a big library.
 *
 * A first page of newest items must not sort the whole match set: two
 * common words match a third of a million items. So a page is found by
 * one of these plans, chosen per call:
 *
 * 0. A first page, newest first, of a query with a driver (see 1): the
 *    driver's matches among the newest ids, in growing windows, when the
 *    sort index shows that no older id is dated after the page's last row
 *    (fetch_recent()). Cost ∝ the window.
 * 1. Few full-text matches (the query has a top-level full-text conjunct,
 *    the "driver", and reading its matches stops before DRIVER_CAP + 1):
 *    check each of those rowids against the rest of the query, sort the
 *    survivors. Cost ∝ matches, at most DRIVER_CAP point look-ups.
 *    A column filter over a common word can
 *    take FTS5 16 ms to find DRIVER_CAP matches in a million items: past
 *    DRIVER_BUDGET_US the reading stops when the matches so far project
 *    to more than the cap. Not tried for a prefix driver (see
 *    driver_prefix).
 * 2. No full-text part at all: one statement; SQLite walks the items_sort
 *    index, or a feed/starred index when a condition makes one selective.
 *    Except when a required tag is common: SQLite would then read every
 *    tagged item and sort them, so plan 3 is used instead.
 * 3. Otherwise walk items_sort (sort_date, id) in windows of growing size.
 *    For each window its id range [lo, hi] is taken, and every full-text
 *    subquery is bound to `rowid BETWEEN lo AND hi`: FTS5 then reads only
 *    that slice of its doclists. Ids grow with arrival time, so a window
 *    of recent items is a narrow id range. The walk stops as soon as the
 *    page is full. Cost ∝ rows walked ≈ page size / selectivity.
 *
 * Incremental evaluation binds the same range to the new ids only. */
#define G_LOG_DOMAIN "rn-query"

#include "config.h"

#include <string.h>

#include "rn-query-private.h"
#include "rn-query-run.h"
#include "store/rn-sql.h"
#include "store/rn-store.h"

#define DRIVER_CAP       3000
#define DRIVER_BUDGET_US 3000
#define FIRST_WINDOW     4096
#define MAX_WINDOW       (1 << 20)
#define RECENT_FIRST_IDS 4096
#define ID_BLOCK         4096 /* ids per row of id_block_dates (id >> 12) */

static gint64 driver_cap = DRIVER_CAP;
static gint64 first_window = FIRST_WINDOW;
static gint64 recent_first_ids = RECENT_FIRST_IDS;

void
rn_query_run_set_recent (gint64 first_ids)
{
  recent_first_ids = first_ids >= 0 ? first_ids : RECENT_FIRST_IDS;
}

void
rn_query_run_set_tuning (gint64 cap,
                         gint64 window)
{
  driver_cap = cap >= 0 ? cap : DRIVER_CAP;
  first_window = window > 0 ? window : FIRST_WINDOW;
}

typedef struct
{
  GCancellable *cancellable;
} Guard;

static int
on_progress (void *data)
{
  Guard *guard = data;

  return g_cancellable_is_cancelled (guard->cancellable) ? 1 : 0;
}

/* Lets a long statement notice cancellation. */
static void
guard_begin (Guard        *guard,
             sqlite3      *db,
             GCancellable *cancellable)
{
  guard->cancellable = cancellable;
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 4000, on_progress, guard);
}

static void
guard_end (Guard   *guard,
           sqlite3 *db)
{
  if (guard->cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      rn_sql_set_error (error, db, rc, "Could not prepare a search");
      g_warning ("Search statement failed to prepare (%s): %s", sqlite3_errmsg (db), sql);
      return NULL;
    }
  return stmt;
}

static gboolean
step_failed (sqlite3_stmt  *stmt,
             int            rc,
             GCancellable  *cancellable,
             GError       **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return FALSE;
  if ((rc & 0xff) == SQLITE_INTERRUPT && g_cancellable_is_cancelled (cancellable))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Search cancelled");
  else
    rn_sql_set_error (error, sqlite3_db_handle (stmt), rc, "Search failed");
  return TRUE;
}

gboolean
rn_query_count (RnQuerySql    *sql,
                sqlite3       *db,
                gint64         cap,
                gint64        *out_count,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  Guard guard;
  int index = 1;
  int rc;

  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  if (sql->driver != NULL)
    text = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM "
                            "(SELECT rowid AS rid FROM items_fts WHERE items_fts MATCH ?) AS m "
                            "CROSS JOIN items AS i ON i.id = m.rid WHERE %s LIMIT ?)", sql->where_rest);
  else
    text = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM items AS i WHERE %s LIMIT ?)",
                            sql->where);
  stmt = prepare (db, text, error);
  if (stmt == NULL)
    return FALSE;
  if (sql->driver != NULL)
    {
      sqlite3_bind_text (stmt, index++, sql->driver, -1, SQLITE_STATIC);
      index = rn_query_bind_params (sql->params_rest, stmt, index, G_MININT64, G_MAXINT64);
    }
  else
    index = rn_query_sql_bind (sql, stmt, index);
  sqlite3_bind_int64 (stmt, index, cap > 0 ? cap : -1);

  guard_begin (&guard, db, cancellable);
  rc = sqlite3_step (stmt);
  guard_end (&guard, db);
  if (step_failed (stmt, rc, cancellable, error))
    return FALSE;
  *out_count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Runs @stmt and appends (id, sort_date[, rank]) rows. */
static gboolean
collect_keys (sqlite3_stmt  *stmt,
              gboolean       with_rank,
              GArray        *out_keys,
              guint         *n_added,
              GCancellable  *cancellable,
              GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RnQueryKey key = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        with_rank ? sqlite3_column_double (stmt, 2) : 0.0,
      };

      g_array_append_val (out_keys, key);
      if (n_added != NULL)
        (*n_added)++;
    }
  return !step_failed (stmt, rc, cancellable, error);
}

typedef struct
{
  const char *desc;   /* "DESC" or "ASC" */
  const char *past;   /* "<" or ">": rows after a key */
  const char *upto;   /* ">=" or "<=": rows up to and including a key */
} Order;

static const Order newest = { "DESC", "<", ">=" };
static const Order oldest = { "ASC", ">", "<=" };

/* Plan 2: one statement, planned by SQLite. */
static gboolean
fetch_direct (RnQuerySql        *sql,
              sqlite3           *db,
              const Order       *order,
              const RnQueryKey  *after,
              guint              limit,
              GArray            *out_keys,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int index = 1;

  text = g_strdup_printf ("SELECT i.id, i.sort_date FROM items AS i "
                          "WHERE %s AND %s ORDER BY i.sort_date %s, i.id %s LIMIT ?",
                          after != NULL ? (order == &newest ? "(i.sort_date, i.id) < (?, ?)"
                                                            : "(i.sort_date, i.id) > (?, ?)")
                                        : "1",
                          sql->where, order->desc, order->desc);
  stmt = prepare (db, text, error);
  if (stmt == NULL)
    return FALSE;
  if (after != NULL)
    {
      sqlite3_bind_int64 (stmt, index++, after->sort_date);
      sqlite3_bind_int64 (stmt, index++, after->id);
    }
  index = rn_query_sql_bind (sql, stmt, index);
  sqlite3_bind_int64 (stmt, index, limit);
  return collect_keys (stmt, FALSE, out_keys, NULL, cancellable, error);
}

/* Plan 3: windows over items_sort. */
static gboolean
fetch_windowed (RnQuerySql        *sql,
                sqlite3           *db,
                const Order       *order,
                const RnQueryKey  *after,
                guint              limit,
                GArray            *out_keys,
                GCancellable      *cancellable,
                GError           **error)
{
  g_autofree char *window_text = NULL;
  g_autofree char *window_first_text = NULL;
  g_autofree char *match_text = NULL;
  g_autofree char *match_first_text = NULL;
  g_autoptr(sqlite3_stmt) window = NULL;
  g_autoptr(sqlite3_stmt) window_first = NULL;
  g_autoptr(sqlite3_stmt) match = NULL;
  g_autoptr(sqlite3_stmt) match_first = NULL;
  gboolean have_start = after != NULL;
  RnQueryKey start = after != NULL ? *after : (RnQueryKey) { 0, 0, 0 };
  gint64 size = first_window;
  guint need = limit;

  window_text = g_strdup_printf ("SELECT id, sort_date FROM items WHERE (sort_date, id) %s (?, ?) "
                                 "ORDER BY sort_date %s, id %s LIMIT ?",
                                 order->past, order->desc, order->desc);
  window_first_text = g_strdup_printf ("SELECT id, sort_date FROM items "
                                       "ORDER BY sort_date %s, id %s LIMIT ?",
                                       order->desc, order->desc);
  match_text = g_strdup_printf ("SELECT i.id, i.sort_date FROM items AS i INDEXED BY items_sort "
                                "WHERE (i.sort_date, i.id) %s (?, ?) AND (i.sort_date, i.id) %s (?, ?) "
                                "AND %s ORDER BY i.sort_date %s, i.id %s LIMIT ?",
                                order->past, order->upto, sql->where, order->desc, order->desc);
  match_first_text = g_strdup_printf ("SELECT i.id, i.sort_date FROM items AS i INDEXED BY items_sort "
                                      "WHERE (i.sort_date, i.id) %s (?, ?) "
                                      "AND %s ORDER BY i.sort_date %s, i.id %s LIMIT ?",
                                      order->upto, sql->where, order->desc, order->desc);

  window = prepare (db, window_text, error);
  window_first = window != NULL ? prepare (db, window_first_text, error) : NULL;
  match = window_first != NULL ? prepare (db, match_text, error) : NULL;
  match_first = match != NULL ? prepare (db, match_first_text, error) : NULL;
  if (match_first == NULL)
    return FALSE;

  while (need > 0)
    {
      sqlite3_stmt *w = have_start ? window : window_first;
      sqlite3_stmt *m = have_start ? match : match_first;
      gint64 lo = G_MAXINT64, hi = G_MININT64, rows = 0;
      RnQueryKey last = { 0, 0, 0 };
      guint added = 0;
      int index = 1;
      int rc;

      /* The window: the next `size` rows in sort order, their id range and
       * the key of the last one. */
      sqlite3_reset (w);
      if (have_start)
        {
          sqlite3_bind_int64 (w, index++, start.sort_date);
          sqlite3_bind_int64 (w, index++, start.id);
        }
      sqlite3_bind_int64 (w, index, size);
      while ((rc = sqlite3_step (w)) == SQLITE_ROW)
        {
          last.id = sqlite3_column_int64 (w, 0);
          last.sort_date = sqlite3_column_int64 (w, 1);
          lo = MIN (lo, last.id);
          hi = MAX (hi, last.id);
          rows++;
        }
      if (step_failed (w, rc, cancellable, error))
        return FALSE;
      if (rows == 0)
        break;

      sqlite3_reset (m);
      index = 1;
      if (have_start)
        {
          sqlite3_bind_int64 (m, index++, start.sort_date);
          sqlite3_bind_int64 (m, index++, start.id);
        }
      sqlite3_bind_int64 (m, index++, last.sort_date);
      sqlite3_bind_int64 (m, index++, last.id);
      index = rn_query_sql_bind_range (sql, m, index, lo, hi);
      sqlite3_bind_int64 (m, index, need);
      if (!collect_keys (m, FALSE, out_keys, &added, cancellable, error))
        return FALSE;
      need -= MIN (added, need);

      g_debug ("page: window of %" G_GINT64_FORMAT " rows, ids %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
               ", %u matches", rows, lo, hi, added);
      if (rows < size)
        break;   /* that was the end of the table */
      start = last;
      have_start = TRUE;
      size = MIN (size * 4, MAX_WINDOW);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* bm25 over the newest RN_QUERY_RELEVANCE_POOL driver matches; title hits
 * weigh most, then author, then body. */
static gboolean
fetch_relevance (RnQuerySql        *sql,
                 sqlite3           *db,
                 const RnQueryKey  *after,
                 guint              limit,
                 GArray            *out_keys,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autoptr(sqlite3_stmt) floor_stmt = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  gint64 floor_id = G_MININT64;
  int index = 1;
  int rc;

  floor_stmt = prepare (db, "SELECT rowid FROM items_fts WHERE items_fts MATCH ? "
                            "ORDER BY rowid DESC LIMIT 1 OFFSET ?", error);
  if (floor_stmt == NULL)
    return FALSE;
  sqlite3_bind_text (floor_stmt, 1, sql->driver, -1, SQLITE_STATIC);
  sqlite3_bind_int (floor_stmt, 2, RN_QUERY_RELEVANCE_POOL - 1);
  rc = sqlite3_step (floor_stmt);
  if (step_failed (floor_stmt, rc, cancellable, error))
    return FALSE;
  if (rc == SQLITE_ROW)
    floor_id = sqlite3_column_int64 (floor_stmt, 0);

  text = g_strdup_printf ("SELECT i.id, i.sort_date, m.r FROM "
                          "(SELECT rowid AS rid, bm25(items_fts, 10.0, 5.0, 1.0) AS r FROM items_fts "
                          " WHERE items_fts MATCH ? AND rowid >= ?) AS m "
                          "CROSS JOIN items AS i ON i.id = m.rid "
                          "WHERE %s AND %s ORDER BY m.r, i.id DESC LIMIT ?",
                          after != NULL ? "(m.r > ? OR (m.r = ? AND i.id < ?))" : "1",
                          sql->where_rest);
  stmt = prepare (db, text, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, index++, sql->driver, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, index++, floor_id);
  if (after != NULL)
    {
      sqlite3_bind_double (stmt, index++, after->rank);
      sqlite3_bind_double (stmt, index++, after->rank);
      sqlite3_bind_int64 (stmt, index++, after->id);
    }
  index = rn_query_bind_params (sql->params_rest, stmt, index, G_MININT64, G_MAXINT64);
  sqlite3_bind_int64 (stmt, index, limit);
  return collect_keys (stmt, TRUE, out_keys, NULL, cancellable, error);
}

/* How many items carry the tag driver, counting at most @cap + 1. */
static gboolean
count_tag_driver (RnQuerySql    *sql,
                  sqlite3       *db,
                  gint64         cap,
                  gint64        *out,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db, "SELECT count(*) FROM (SELECT 1 FROM item_tags WHERE tag IN (?, ?, ?) "
                 "UNION ALL SELECT 1 FROM saved_tags WHERE tag IN (?, ?, ?) LIMIT ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (int k = 0; k < 6; k++)
    sqlite3_bind_text (stmt, k + 1, sql->tag_driver[k % 3], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, cap + 1);
  rc = sqlite3_step (stmt);
  if (step_failed (stmt, rc, cancellable, error))
    return FALSE;
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static int
cmp_newest (gconstpointer a,
            gconstpointer b)
{
  const RnQueryKey *x = a, *y = b;

  if (x->sort_date != y->sort_date)
    return x->sort_date < y->sort_date ? 1 : -1;
  return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static int
cmp_oldest (gconstpointer a,
            gconstpointer b)
{
  return cmp_newest (b, a);
}

static gboolean
key_after (const RnQueryKey *key,
           const RnQueryKey *after,
           const Order      *order)
{
  if (order == &newest)
    return key->sort_date < after->sort_date ||
           (key->sort_date == after->sort_date && key->id < after->id);
  return key->sort_date > after->sort_date ||
         (key->sort_date == after->sort_date && key->id > after->id);
}

/* Plan 1: reads at most driver_cap + 1 driver matches; if that is all of
 * them, checks each against the rest of the query by rowid and sorts the
 * survivors. One full-text evaluation in all. Sets *too_many otherwise. */
static gboolean
fetch_from_driver (RnQuerySql        *sql,
                   sqlite3           *db,
                   const Order       *order,
                   const RnQueryKey  *after,
                   guint              limit,
                   GArray            *out_keys,
                   gboolean          *too_many,
                   GCancellable      *cancellable,
                   GError           **error)
{
  g_autoptr(sqlite3_stmt) matches = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  g_autofree char *check_text = NULL;
  gint64 deadline;
  int rc;

  *too_many = FALSE;
  matches = prepare (db, "SELECT rowid FROM items_fts WHERE items_fts MATCH ? LIMIT ?", error);
  if (matches == NULL)
    return FALSE;
  sqlite3_bind_text (matches, 1, sql->driver, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (matches, 2, driver_cap + 1);
  deadline = g_get_monotonic_time () + DRIVER_BUDGET_US;
  while ((rc = sqlite3_step (matches)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (matches, 0);

      g_array_append_val (ids, id);
      /* FTS5 returns matches by rowid: at the budget, the share of ids
       * read so far tells how many matches there are in all. */
      if (deadline != 0 && g_get_monotonic_time () > deadline)
        {
          gint64 max_id = rn_sql_query_int (db, "SELECT max(id) FROM items", 0);

          deadline = 0;
          if (id > 0 && (gint64) ids->len * max_id / id > driver_cap)
            {
              g_debug ("page: %u driver matches by id %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT ", too many",
                       ids->len, id, max_id);
              *too_many = TRUE;
              return TRUE;
            }
        }
    }
  if (step_failed (matches, rc, cancellable, error))
    return FALSE;
  g_debug ("page: %u driver matches (cap %" G_GINT64_FORMAT ")", ids->len, driver_cap);
  if ((gint64) ids->len > driver_cap)
    {
      *too_many = TRUE;
      return TRUE;
    }
  if (ids->len == 0)
    return TRUE;

  if (strcmp (sql->where_rest, "1") == 0)
    {
      /* The driver is the whole query (a phrase, say): the sort keys in
       * one statement. The ids are the index's own integers. */
      g_autoptr(GString) text = g_string_new ("SELECT id, sort_date FROM items WHERE id IN (");

      for (guint k = 0; k < ids->len; k++)
        g_string_append_printf (text, "%s%" G_GINT64_FORMAT, k > 0 ? "," : "", g_array_index (ids, gint64, k));
      g_string_append_c (text, ')');
      check = prepare (db, text->str, error);
      if (check == NULL)
        return FALSE;
      while ((rc = sqlite3_step (check)) == SQLITE_ROW)
        {
          RnQueryKey key = { sqlite3_column_int64 (check, 0), sqlite3_column_int64 (check, 1), 0.0 };

          if (after == NULL || key_after (&key, after, order))
            g_array_append_val (keys, key);
        }
      if (step_failed (check, rc, cancellable, error))
        return FALSE;
    }
  else
    {
      /* Full-text parts of the rest are bound to this one rowid: each
       * check is a point look-up, not a scan. */
      check_text = g_strdup_printf ("SELECT i.sort_date FROM items AS i WHERE i.id = ? AND %s",
                                    sql->where_rest);
      check = prepare (db, check_text, error);
      if (check == NULL)
        return FALSE;
      for (guint k = 0; k < ids->len; k++)
        {
          RnQueryKey key = { g_array_index (ids, gint64, k), 0, 0.0 };

          sqlite3_reset (check);
          sqlite3_bind_int64 (check, 1, key.id);
          rn_query_bind_params (sql->params_rest, check, 2, key.id, key.id);
          rc = sqlite3_step (check);
          if (step_failed (check, rc, cancellable, error))
            return FALSE;
          if (rc != SQLITE_ROW)
            continue;
          key.sort_date = sqlite3_column_int64 (check, 0);
          if (after == NULL || key_after (&key, after, order))
            g_array_append_val (keys, key);
        }
    }

  g_array_sort (keys, order == &newest ? cmp_newest : cmp_oldest);
  g_array_append_vals (out_keys, keys->data, MIN (keys->len, limit));
  return TRUE;
}

/* Plan 0, a first page of newest items: the driver's matches among the
 * newest ids only, in windows of ids growing from RECENT_FIRST_IDS. Ids
 * grow with arrival, and so, mostly, do dates: once a window holds a page
 * of matches, the page is the answer if no older id has a later date than
 * its last row. The latest date of each block of ids (id_block_dates)
 * tells that at once; those dates are upper bounds, so when they say
 * "maybe", the sort index decides by reading the rows dated after the
 * last one. Windows start on a block, so that no block straddles one.
 * Cost ∝ the window, not the match set (a phrase matching 572 of
 * 1,000,000 items took the whole evaluation, 19 ms, before). Sets *done
 * when it found the page. */
static gboolean
fetch_recent (RnQuerySql    *sql,
              sqlite3       *db,
              guint          limit,
              GArray        *out_keys,
              gboolean      *done,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) older = NULL;
  g_autoptr(sqlite3_stmt) bound = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  gint64 max_id = rn_sql_query_int (db, "SELECT max(id) FROM items", 0);

  *done = FALSE;
  text = g_strdup_printf ("SELECT i.id, i.sort_date FROM "
                          "(SELECT rowid AS rid FROM items_fts WHERE items_fts MATCH ? AND rowid >= ?) AS m "
                          "CROSS JOIN items AS i ON i.id = m.rid WHERE %s", sql->where_rest);
  stmt = prepare (db, text, error);
  older = stmt != NULL ? prepare (db, "SELECT EXISTS (SELECT 1 FROM items INDEXED BY items_sort "
                                      "WHERE (sort_date, id) >= (?, ?) AND id < ?)", error) : NULL;
  bound = older != NULL ? prepare (db, "SELECT coalesce(max(latest), ?1) <= ?1 FROM id_block_dates "
                                       "WHERE block < (?2 + " G_STRINGIFY (ID_BLOCK) " - 1) / " G_STRINGIFY (ID_BLOCK),
                                   error) : NULL;
  if (bound == NULL)
    return FALSE;

  for (gint64 window = recent_first_ids; window <= max_id / 2; window *= 4)
    {
      gint64 lo = max_id - window + 1;
      const RnQueryKey *last;
      gboolean none_later;
      int rc;

      if (window >= ID_BLOCK)
        lo -= lo % ID_BLOCK;

      g_array_set_size (keys, 0);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, sql->driver, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, lo);
      rn_query_bind_params (sql->params_rest, stmt, 3, lo, max_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          RnQueryKey key = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), 0.0 };

          g_array_append_val (keys, key);
        }
      if (step_failed (stmt, rc, cancellable, error))
        return FALSE;
      g_debug ("page: %u matches among the newest %" G_GINT64_FORMAT " ids", keys->len, window);
      if (keys->len < limit)
        continue;

      g_array_sort (keys, cmp_newest);
      last = &g_array_index (keys, RnQueryKey, limit - 1);
      sqlite3_reset (bound);
      sqlite3_bind_int64 (bound, 1, last->sort_date);
      sqlite3_bind_int64 (bound, 2, lo);
      rc = sqlite3_step (bound);
      if (step_failed (bound, rc, cancellable, error))
        return FALSE;
      none_later = rc == SQLITE_ROW && sqlite3_column_int (bound, 0) != 0;
      if (!none_later)
        {
          sqlite3_reset (older);
          sqlite3_bind_int64 (older, 1, last->sort_date);
          sqlite3_bind_int64 (older, 2, last->id);
          sqlite3_bind_int64 (older, 3, lo);
          rc = sqlite3_step (older);
          if (step_failed (older, rc, cancellable, error))
            return FALSE;
          none_later = rc == SQLITE_ROW && sqlite3_column_int (older, 0) == 0;
        }
      if (none_later)
        {
          g_array_append_vals (out_keys, keys->data, limit);
          *done = TRUE;
          g_debug ("page: found among the newest %" G_GINT64_FORMAT " ids", window);
        }
      else
        g_debug ("page: an older id is dated later, the window does not decide");
      return TRUE;
    }
  return TRUE;
}

gboolean
rn_query_fetch_page (RnQuerySql        *sql,
                     sqlite3           *db,
                     RnQuerySort        sort,
                     const RnQueryKey  *after,
                     guint              limit,
                     GArray            *out_keys,
                     GCancellable      *cancellable,
                     GError           **error)
{
  const Order *order = sort == RN_QUERY_SORT_OLDEST ? &oldest : &newest;
  Guard guard;
  gboolean ok;

  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out_keys != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (out_keys) == sizeof (RnQueryKey), FALSE);

  if (limit == 0)
    return TRUE;

  guard_begin (&guard, db, cancellable);
  if (sort == RN_QUERY_SORT_RELEVANCE && sql->driver != NULL)
    ok = fetch_relevance (sql, db, after, limit, out_keys, cancellable, error);
  else
    {
      gboolean too_many = TRUE, found = FALSE;

      if (sql->driver != NULL && !sql->driver_prefix && order == &newest && after == NULL &&
          recent_first_ids > 0 &&
          !fetch_recent (sql, db, limit, out_keys, &found, cancellable, error))
        ok = FALSE;
      else if (found)
        ok = TRUE;
      else if (sql->driver != NULL && driver_cap > 0 && !sql->driver_prefix &&
          !fetch_from_driver (sql, db, order, after, limit, out_keys, &too_many, cancellable, error))
        ok = FALSE;
      else if (sql->driver != NULL && !too_many)
        ok = TRUE;
      else if (!sql->uses_fts)
        {
          gint64 tagged = 0;

          /* A common tag is cheaper to meet while walking the dates; SQLite
           * would rather read every tagged item and sort them. */
          if (sql->tag_driver != NULL &&
              !count_tag_driver (sql, db, MAX (driver_cap, 1), &tagged, cancellable, error))
            ok = FALSE;
          else if (sql->tag_driver != NULL && tagged > MAX (driver_cap, 1))
            ok = fetch_windowed (sql, db, order, after, limit, out_keys, cancellable, error);
          else
            {
              g_debug ("page: no full-text part, one statement");
              ok = fetch_direct (sql, db, order, after, limit, out_keys, cancellable, error);
            }
        }
      else
        ok = fetch_windowed (sql, db, order, after, limit, out_keys, cancellable, error);
    }
  guard_end (&guard, db);
  return ok;
}

gboolean
rn_query_match_ids (RnQuerySql    *sql,
                    sqlite3       *db,
                    gint64         min_id,
                    gint64         max_id,
                    GArray        *out_ids,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Guard guard;
  int index = 1;
  int rc;

  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out_ids != NULL, FALSE);

  if (min_id > max_id)
    return TRUE;

  /* Only the new rows: from the driver's matches in the range, or the
   * range of the table itself. The CROSS JOIN keeps SQLite from driving
   * from an id list instead (`i.id IN (tagged items)` would read every
   * tagged item of the library; the unary plus stops SQLite from moving
   * that condition onto the range). */
  if (sql->driver != NULL)
    text = g_strdup_printf ("SELECT i.id FROM "
                            "(SELECT rowid AS rid FROM items_fts WHERE items_fts MATCH ? "
                            " AND rowid BETWEEN ? AND ?) AS m "
                            "CROSS JOIN items AS i ON i.id = m.rid WHERE %s ORDER BY i.id",
                            sql->where_rest);
  else
    text = g_strdup_printf ("SELECT i.id FROM (SELECT id AS rid FROM items WHERE id BETWEEN ? AND ?) AS r "
                            "CROSS JOIN items AS i ON i.id = +r.rid WHERE %s ORDER BY i.id", sql->where);
  stmt = prepare (db, text, error);
  if (stmt == NULL)
    return FALSE;
  if (sql->driver != NULL)
    sqlite3_bind_text (stmt, index++, sql->driver, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, index++, min_id);
  sqlite3_bind_int64 (stmt, index++, max_id);
  rn_query_bind_params (sql->driver != NULL ? sql->params_rest : sql->params, stmt, index,
                        min_id, max_id);

  guard_begin (&guard, db, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (out_ids, id);
    }
  guard_end (&guard, db);
  return !step_failed (stmt, rc, cancellable, error);
}
