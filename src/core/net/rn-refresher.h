/* rn-refresher.h: refreshes sources — all, a folder or one — and keeps them
 * fresh on a schedule.
 *
 * Each kind of source is an RnSource (web feeds, PubMed, …); the refresher
 * runs at most `max-jobs` of them at once, records every outcome (errors,
 * back-off, next look) and exposes progress as properties for the UI. It
 * never blocks the main loop: sources fetch asynchronously and parse and
 * write on worker threads. Cancelling at any point leaves the store
 * consistent: every source writes in one transaction. */
#pragma once

#include <gio/gio.h>

#include "rn-source.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  feed_id;
  char   *title;
  char   *error;
} RnRefreshFailure;

typedef struct
{
  guint      ok;             /* sources with new or changed items */
  guint      not_modified;   /* sources with nothing new */
  guint      failed;
  guint      skipped;        /* not tried: no network */
  guint      new_items;
  double     seconds;
  GPtrArray *failures;       /* RnRefreshFailure, in the order they failed */
} RnRefreshSummary;

void rn_refresh_summary_free (RnRefreshSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnRefreshSummary, rn_refresh_summary_free)

#define RN_TYPE_REFRESHER (rn_refresher_get_type ())
G_DECLARE_FINAL_TYPE (RnRefresher, rn_refresher, RN, REFRESHER, GObject)

RnRefresher      *rn_refresher_new            (RnStore             *store) G_GNUC_WARN_UNUSED_RESULT;
void              rn_refresher_add_source     (RnRefresher         *self,
                                               RnSource            *source);

/* Refreshes one feed (@feed_id > 0), a folder (@folder_id > 0) or all.
 * While a refresh runs, another request adds its sources to it and
 * completes when it ends. @user_requested puts the requests ahead of
 * scheduled ones and refreshes sources whose next look is not due yet. */
void              rn_refresher_refresh_async  (RnRefresher         *self,
                                               gint64               feed_id,
                                               gint64               folder_id,
                                               gboolean             user_requested,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
RnRefreshSummary *rn_refresher_refresh_finish (RnRefresher         *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void              rn_refresher_cancel         (RnRefresher         *self);

/* Looks every minute for sources whose time has come (and not while
 * offline). Off by default; the app turns it on. */
void              rn_refresher_set_scheduled  (RnRefresher         *self,
                                               gboolean             scheduled);

gboolean          rn_refresher_get_busy       (RnRefresher         *self);
guint             rn_refresher_get_n_done     (RnRefresher         *self);
guint             rn_refresher_get_n_total    (RnRefresher         *self);
const char       *rn_refresher_get_current_title (RnRefresher      *self);
gboolean          rn_refresher_get_online     (RnRefresher         *self);

void              rn_refresher_set_max_jobs   (RnRefresher         *self,
                                               guint                max_jobs);
/* Seconds between looks at a source that names no interval of its own. */
void              rn_refresher_set_default_interval (RnRefresher   *self,
                                               guint                seconds);
/* After a full refresh, read items older than this many days (neither
 * starred nor saved) are removed. 0 keeps everything. */
void              rn_refresher_set_retention_days (RnRefresher     *self,
                                               guint                days);

G_END_DECLS
