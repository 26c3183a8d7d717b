/* rn-source.h: what every kind of source (web feed, PubMed search, social
 * timeline) does for the refresher: fetch what is new and store it.
 *
 * A source writes its items (and whatever lets it ask for less next time,
 * such as HTTP validators or a cursor) itself, in one transaction. The
 * refresher keeps the bookkeeping common to all kinds: errors, consecutive
 * failures, back-off and the next time to look. */
#pragma once

#include <gio/gio.h>

#include "store/rn-store.h"

G_BEGIN_DECLS

typedef enum
{
  RN_REFRESH_OK,             /* new content read and stored */
  RN_REFRESH_NOT_MODIFIED,   /* nothing new (HTTP 304, or an empty answer) */
  RN_REFRESH_FAILED,
} RnRefreshStatus;

typedef struct
{
  RnRefreshStatus  status;
  guint            new_items;
  guint            updated_items;
  guint            http_status;   /* 0 when not HTTP or no answer */
  guint            retry_after;   /* seconds the server asked us to wait */
  guint            ttl;           /* seconds the source asks between looks; 0 none */
  gboolean         gone;          /* removed for good: stop asking */
  char            *moved_to;      /* permanent new address, to store */
  char            *error;         /* translated reason when FAILED */
} RnRefreshOutcome;

void rn_refresh_outcome_clear (RnRefreshOutcome *outcome);

#define RN_TYPE_SOURCE (rn_source_get_type ())
G_DECLARE_INTERFACE (RnSource, rn_source, RN, SOURCE, GObject)

struct _RnSourceInterface
{
  GTypeInterface parent_iface;

  /* The `feeds.kind` this source serves, e.g. "feed" or "pubmed". */
  const char *(*get_kind)       (RnSource            *self);
  void        (*refresh_async)  (RnSource            *self,
                                 gint64               feed_id,
                                 gboolean             user_requested,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
  /* Fills @outcome; FALSE only when cancelled (@error set). */
  gboolean    (*refresh_finish) (RnSource            *self,
                                 GAsyncResult        *result,
                                 RnRefreshOutcome    *outcome,
                                 GError             **error);
};

const char *rn_source_get_kind       (RnSource            *self);
void        rn_source_refresh_async  (RnSource            *self,
                                      gint64               feed_id,
                                      gboolean             user_requested,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean    rn_source_refresh_finish (RnSource            *self,
                                      GAsyncResult        *result,
                                      RnRefreshOutcome    *outcome,
                                      GError             **error);

G_END_DECLS
