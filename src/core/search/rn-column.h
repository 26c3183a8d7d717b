/* rn-column.h: a saved-search column, a live GListModel of RnItem.
 *
 * A column has a name, a query in the search language (rn-query.h), a sort
 * order, per-column filters and display settings. As a list model it pages
 * through the result with keyset pagination (rn_query_fetch_page): the rows
 * found so far are known by their sort keys only, and only a bounded number
 * of RnItems is kept, so a column over a million items costs little memory.
 * The model grows when asked (rn_column_load_more()): views ask as they
 * are scrolled near the end, not when they merely read the last rows.
 *
 * It follows the store: on RnStore::items-added only the new id range is
 * evaluated (rn_query_match_ids) and matches are inserted where they belong;
 * read/starred/saved changes update the rows in place and the unread count
 * (counted on a worker thread with its own connection).
 *
 * Settings are plain properties; RnColumnStore (rn-column-store.h) saves
 * them when they change. */
#pragma once

#include <gio/gio.h>

#include "feeds/rn-item.h"
#include "search/rn-query.h"
#include "search/rn-query-run.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

/* The unread count stops counting here ("9999+"). */
#define RN_COLUMN_UNREAD_CAP 9999

#define RN_TYPE_COLUMN (rn_column_get_type ())
G_DECLARE_FINAL_TYPE (RnColumn, rn_column, RN, COLUMN, GObject)

/* @query must parse (see rn_query_check()); the column is not saved until
 * it is added to an RnColumnStore. */
RnColumn    *rn_column_new                (RnStore      *store,
                                           const char   *name,
                                           const char   *query,
                                           GError      **error) G_GNUC_WARN_UNUSED_RESULT;

RnStore     *rn_column_get_store          (RnColumn     *self);
gint64       rn_column_get_id             (RnColumn     *self);
const char  *rn_column_get_name           (RnColumn     *self);
void         rn_column_set_name           (RnColumn     *self,
                                           const char   *name);
const char  *rn_column_get_query          (RnColumn     *self);
/* Fails (and changes nothing) when @query does not parse; the error
 * carries the position (rn_query_error_get_position()). */
gboolean     rn_column_set_query          (RnColumn     *self,
                                           const char   *query,
                                           GError      **error);
RnQuerySort  rn_column_get_sort           (RnColumn     *self);
void         rn_column_set_sort           (RnColumn     *self,
                                           RnQuerySort   sort);
gboolean     rn_column_get_notify         (RnColumn     *self);
/* Turning notifications on starts from the newest item now: what is
 * already in the library is not announced. */
void         rn_column_set_notify         (RnColumn     *self,
                                           gboolean      notify);
int          rn_column_get_position       (RnColumn     *self);
int          rn_column_get_width          (RnColumn     *self);
void         rn_column_set_width          (RnColumn     *self,
                                           int           width);
const char * const *rn_column_get_exclude_words (RnColumn *self);
void         rn_column_set_exclude_words  (RnColumn     *self,
                                           const char * const *words);
const char * const *rn_column_get_authors (RnColumn     *self);
void         rn_column_set_authors        (RnColumn     *self,
                                           const char * const *authors);
gboolean     rn_column_get_media_only     (RnColumn     *self);
void         rn_column_set_media_only     (RnColumn     *self,
                                           gboolean      media_only);
gboolean     rn_column_get_hide_boosts    (RnColumn     *self);
void         rn_column_set_hide_boosts    (RnColumn     *self,
                                           gboolean      hide);
gboolean     rn_column_get_hide_replies   (RnColumn     *self);
void         rn_column_set_hide_replies   (RnColumn     *self,
                                           gboolean      hide);
/* Keys of the accounts asked for remote results (see rn-remote-search.h),
 * stored as a JSON array of strings. */
char       **rn_column_dup_remote_accounts (RnColumn    *self);
void         rn_column_set_remote_accounts (RnColumn    *self,
                                           const char * const *accounts);
/* The newest item id already announced (notifications). */
gint64       rn_column_get_seen_id        (RnColumn     *self);
void         rn_column_set_seen_id        (RnColumn     *self,
                                           gint64        seen_id);

/* Limits the column to a place of the library (the feed_id, folder_id,
 * unread_only, starred_only and saved_only fields of @scope; the rest is
 * ignored). For transient columns such as the item list's search; not
 * saved. */
void         rn_column_set_scope          (RnColumn     *self,
                                           const RnColumnFilters *scope);

/* The model */
guint        rn_column_get_unread_count   (RnColumn     *self);
/* TRUE when every matching row is in the model. */
gboolean     rn_column_get_complete       (RnColumn     *self);
/* Reads the next page; returns the number of rows added (0 at the end or
 * on error). */
guint        rn_column_load_more          (RnColumn     *self,
                                           GError      **error);
/* Forgets everything and reads the first page again. */
void         rn_column_reload             (RnColumn     *self);
/* The compiled query, for callers that evaluate it themselves (the
 * notifications); NULL if it failed to compile. */
RnQuerySql  *rn_column_get_sql            (RnColumn     *self);

/* For tests and benchmarks. */
typedef struct
{
  guint   pages_fetched;     /* rn_query_fetch_page calls */
  guint   incremental_runs;  /* rn_query_match_ids calls on items-added */
  guint64 ids_evaluated;     /* size of the id ranges given to them */
  guint64 rows_loaded;       /* RnItems materialised */
  guint   items_cached;      /* RnItems held now */
} RnColumnStats;

void         rn_column_get_stats          (RnColumn      *self,
                                           RnColumnStats *stats);

/* Used by RnColumnStore. */
void         _rn_column_set_id            (RnColumn     *self,
                                           gint64        id);
void         _rn_column_set_position      (RnColumn     *self,
                                           int           position);
const char  *_rn_column_get_remote_json   (RnColumn     *self);
void         _rn_column_set_remote_json   (RnColumn     *self,
                                           const char   *json);

const char  *rn_column_sort_to_string     (RnQuerySort   sort);
gboolean     rn_column_sort_from_string   (const char   *text,
                                           RnQuerySort  *sort);

G_END_DECLS
