#define G_LOG_DOMAIN "rn-source"

#include "config.h"

#include <string.h>

#include "rn-source.h"

G_DEFINE_INTERFACE (RnSource, rn_source, G_TYPE_OBJECT)

static void
rn_source_default_init (RnSourceInterface *iface)
{
}

void
rn_refresh_outcome_clear (RnRefreshOutcome *outcome)
{
  g_clear_pointer (&outcome->moved_to, g_free);
  g_clear_pointer (&outcome->error, g_free);
  memset (outcome, 0, sizeof *outcome);
}

const char *
rn_source_get_kind (RnSource *self)
{
  g_return_val_if_fail (RN_IS_SOURCE (self), NULL);
  return RN_SOURCE_GET_IFACE (self)->get_kind (self);
}

void
rn_source_refresh_async (RnSource            *self,
                         gint64               feed_id,
                         gboolean             user_requested,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (RN_IS_SOURCE (self));
  RN_SOURCE_GET_IFACE (self)->refresh_async (self, feed_id, user_requested,
                                             cancellable, callback, user_data);
}

gboolean
rn_source_refresh_finish (RnSource          *self,
                          GAsyncResult      *result,
                          RnRefreshOutcome  *outcome,
                          GError           **error)
{
  g_return_val_if_fail (RN_IS_SOURCE (self), FALSE);
  return RN_SOURCE_GET_IFACE (self)->refresh_finish (self, result, outcome, error);
}
