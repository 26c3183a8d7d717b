/* rn-context.h: owns the services of one library (store, HTTP, refresher,
 * credentials) and hands them to the UI and the CLI. No globals: whoever
 * needs a service is given the context. */
#pragma once

#include <gio/gio.h>

#include "accounts/rn-credentials.h"
#include "mastodon/rn-action-queue.h"
#include "mastodon/rn-marker-sync.h"
#include "net/rn-http.h"
#include "net/rn-refresher.h"
#include "pubmed/rn-pubmed-client.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_TYPE_CONTEXT (rn_context_get_type ())
G_DECLARE_FINAL_TYPE (RnContext, rn_context, RN, CONTEXT, GObject)

RnContext *rn_context_new        (const char  *data_dir,
                                  GError     **error) G_GNUC_WARN_UNUSED_RESULT;
RnStore     *rn_context_get_store     (RnContext   *self);
RnHttp      *rn_context_get_http      (RnContext   *self);
RnRefresher *rn_context_get_refresher (RnContext   *self);
RnPubmedClient *rn_context_get_pubmed (RnContext  *self);
void         rn_context_set_contact_email (RnContext *self,
                                           const char *email);
const char *rn_context_get_data_dir (RnContext *self);
/* The keyring (libsecret): the only place secrets are kept. */
RnCredentials *rn_context_get_credentials  (RnContext *self);
/* Social actions (bookmark, favourite) queued while offline. */
RnActionQueue *rn_context_get_action_queue (RnContext *self);
/* The home timelines' read positions, kept in step with the servers. */
RnMarkerSync  *rn_context_get_marker_sync  (RnContext *self);

G_END_DECLS
