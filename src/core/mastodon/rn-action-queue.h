/* rn-action-queue.h: social actions (bookmark, favourite and their undo)
 * that must reach the server even when they were taken offline.
 *
 * rn_action_queue_add() writes the action to pending_actions and tries to
 * send the queue. The queue is sent in order, one action at a time; an
 * action leaves it when the server confirmed it, or when the server
 * refused it for good (the post is gone: 404/410/422). Network trouble, a
 * 5xx, a rate limit or an expired sign-in stop the flush and keep the
 * rest for later. The queue flushes again when GNetworkMonitor says the
 * network came back, and whenever rn_action_queue_flush_async() is called. */
#pragma once

#include "accounts/rn-credentials.h"
#include "net/rn-http.h"
#include "rn-mastodon-actions.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_TYPE_ACTION_QUEUE (rn_action_queue_get_type ())
G_DECLARE_FINAL_TYPE (RnActionQueue, rn_action_queue, RN, ACTION_QUEUE, GObject)

RnActionQueue *rn_action_queue_new          (RnStore             *store,
                                             RnHttp              *http,
                                             RnCredentials       *credentials) G_GNUC_WARN_UNUSED_RESULT;
/* Queues the action on @status_id (the server's id) for @account_id and
 * starts a flush in the background. */
gboolean       rn_action_queue_add          (RnActionQueue       *self,
                                             gint64               account_id,
                                             RnMastodonAction     action,
                                             const char          *status_id,
                                             GError             **error);
/* Sends what is queued. Returns the number of actions sent; a flush that
 * stopped early is not an error (the actions stay queued). A call while a
 * flush runs completes with that flush and then flushes again. */
void           rn_action_queue_flush_async  (RnActionQueue       *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
guint          rn_action_queue_flush_finish (RnActionQueue       *self,
                                             GAsyncResult        *result,
                                             GError             **error);
guint          rn_action_queue_get_n_pending (RnActionQueue      *self);
/* Watch GNetworkMonitor (on by default; tests turn it off). */
void           rn_action_queue_set_watch_network (RnActionQueue  *self,
                                             gboolean             watch);

G_END_DECLS
