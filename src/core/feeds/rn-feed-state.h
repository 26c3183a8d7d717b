/* rn-feed-state.h: what the refresher knows about each source: where to
 * fetch it, its validators, its errors and when to look next. */
#pragma once

#include "rn-source.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

/* Bounds of the interval between two looks at a source. */
#define RN_FEED_MIN_INTERVAL   (15 * 60)
#define RN_FEED_MAX_INTERVAL   (24 * 60 * 60)

typedef struct
{
  gint64   id;
  char    *kind;
  char    *url;
  char    *title;
  char    *etag;
  char    *last_modified;
  char    *options;          /* JSON or NULL */
  guint    failures;
  guint    refresh_interval; /* seconds, 0: the default */
  gboolean disabled;
} RnFeedFetchInfo;

void             rn_feed_fetch_info_free   (RnFeedFetchInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnFeedFetchInfo, rn_feed_fetch_info_free)

/* On any connection (sources read it on worker threads with their own). */
RnFeedFetchInfo *rn_feed_store_get_fetch_info (sqlite3  *db,
                                               gint64    feed_id,
                                               GError  **error);

/* Ids of the sources to refresh: one feed (@feed_id > 0), a folder
 * (@folder_id > 0) or all; with @due_only, only those whose next look is
 * due at @now. Disabled sources are left out. */
GArray          *rn_feed_store_list_refreshable (RnStore *store,
                                                 gint64   feed_id,
                                                 gint64   folder_id,
                                                 gboolean due_only,
                                                 gint64   now,
                                                 GError **error);

/* Records the outcome of a look: error text, consecutive failures, the
 * next time to look (interval on success, exponential back-off on failure,
 * Retry-After honoured), a permanent move, a source that is gone. */
gboolean         rn_feed_store_record_outcome (RnStore                *store,
                                               gint64                  feed_id,
                                               const RnRefreshOutcome *outcome,
                                               guint                   default_interval,
                                               gint64                  now,
                                               GError                **error);

/* The same on the store's writer thread, so the caller never waits. */
void             rn_feed_store_record_outcome_async (RnStore                *store,
                                                     gint64                  feed_id,
                                                     const RnRefreshOutcome *outcome,
                                                     guint                   default_interval,
                                                     gint64                  now,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);

/* The seconds to wait before the next look; pure, for tests. */
gint64           rn_feed_next_delay          (const RnRefreshOutcome *outcome,
                                              guint                   failures,
                                              guint                   feed_interval,
                                              guint                   default_interval);

/* Inside a write: the validators of the copy just stored. */
gboolean         rn_feed_store_set_validators (RnStore    *store,
                                               gint64      feed_id,
                                               const char *etag,
                                               const char *last_modified,
                                               GError    **error);

G_END_DECLS
