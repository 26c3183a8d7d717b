/* rn-marker-sync.h: keeps each account's home timeline read position in
 * step with its server (the markers API).
 *
 * Pulling: the server's position marks every post at or before it read
 * (read on the phone, read here). Pushing: when the posts read here reach
 * further than the server's position (everything up to some post is
 * read, see rn_mastodon_home_read_through()), that post is sent. The
 * position never moves backwards, and one the server could not be told
 * (offline) stays in the markers table and is sent by the next sync.
 *
 * Once started, a sync runs at once, when the network returns, a few
 * seconds after new posts arrive (pull and push) and a few seconds after
 * read flags change (push only, no request unless there is news). */
#pragma once

#include "accounts/rn-credentials.h"
#include "net/rn-http.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_MARKER_SYNC_DEFAULT_DELAY_MS 5000

#define RN_TYPE_MARKER_SYNC (rn_marker_sync_get_type ())
G_DECLARE_FINAL_TYPE (RnMarkerSync, rn_marker_sync, RN, MARKER_SYNC, GObject)

RnMarkerSync *rn_marker_sync_new        (RnStore             *store,
                                         RnHttp              *http,
                                         RnCredentials       *credentials) G_GNUC_WARN_UNUSED_RESULT;
/* Follows the store and the network from now on (the app does; the CLI
 * and tests call rn_marker_sync_run_async() themselves). */
void          rn_marker_sync_start      (RnMarkerSync        *self);
/* How long after a change a sync waits, gathering further changes. */
void          rn_marker_sync_set_delay  (RnMarkerSync        *self,
                                         guint                delay_ms);
/* One sync of every account with a home timeline source; @pull asks the
 * servers for their positions first. A call while a sync runs completes
 * after it and a sync of its own. Returns the posts newly marked read;
 * an account whose server cannot be reached is not an error (its
 * position stays local until the next sync). */
void          rn_marker_sync_run_async  (RnMarkerSync        *self,
                                         gboolean             pull,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
guint         rn_marker_sync_run_finish (RnMarkerSync        *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
