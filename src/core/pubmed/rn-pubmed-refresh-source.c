#define G_LOG_DOMAIN "rn-pubmed"

#include "config.h"

#include <string.h>

#include "pubmed/rn-pubmed-error.h"
#include "pubmed/rn-pubmed-refresh-source.h"
#include "pubmed/rn-pubmed-source.h"

struct _RnPubmedRefreshSource
{
  GObject         parent_instance;

  RnStore        *store;
  RnPubmedClient *client;
};

static void rn_pubmed_refresh_source_iface_init (RnSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnPubmedRefreshSource, rn_pubmed_refresh_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RN_TYPE_SOURCE, rn_pubmed_refresh_source_iface_init))

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RnRefreshOutcome *outcome = g_new0 (RnRefreshOutcome, 1);
  RnIngestStats stats = { 0 };
  g_autoptr(GError) error = NULL;

  if (!rn_pubmed_refresh_feed_finish (result, &stats, &error))
    {
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          g_free (outcome);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
          return;
        }
      outcome->status = RN_REFRESH_FAILED;
      outcome->error = g_strdup (error->message);
    }
  else
    {
      outcome->status = stats.added + stats.updated > 0 ? RN_REFRESH_OK : RN_REFRESH_NOT_MODIFIED;
      outcome->new_items = stats.added;
      outcome->updated_items = stats.updated;
    }
  g_task_return_pointer (task, outcome, g_free);
}

static void
rn_pubmed_refresh_source_refresh_async (RnSource            *source,
                                        gint64               feed_id,
                                        gboolean             user_requested,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  RnPubmedRefreshSource *self = RN_PUBMED_REFRESH_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, rn_pubmed_refresh_source_refresh_async);
  rn_pubmed_refresh_feed_async (self->store, self->client, feed_id, cancellable, on_refreshed, task);
}

static gboolean
rn_pubmed_refresh_source_refresh_finish (RnSource          *source,
                                         GAsyncResult      *result,
                                         RnRefreshOutcome  *outcome,
                                         GError           **error)
{
  RnRefreshOutcome *got = g_task_propagate_pointer (G_TASK (result), error);

  if (got == NULL)
    return FALSE;
  *outcome = *got;   /* the strings move to the caller */
  g_free (got);
  return TRUE;
}

static const char *
rn_pubmed_refresh_source_get_kind (RnSource *source)
{
  return RN_PUBMED_KIND;
}

static void
rn_pubmed_refresh_source_iface_init (RnSourceInterface *iface)
{
  iface->get_kind = rn_pubmed_refresh_source_get_kind;
  iface->refresh_async = rn_pubmed_refresh_source_refresh_async;
  iface->refresh_finish = rn_pubmed_refresh_source_refresh_finish;
}

static void
rn_pubmed_refresh_source_finalize (GObject *object)
{
  RnPubmedRefreshSource *self = RN_PUBMED_REFRESH_SOURCE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (rn_pubmed_refresh_source_parent_class)->finalize (object);
}

static void
rn_pubmed_refresh_source_class_init (RnPubmedRefreshSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_pubmed_refresh_source_finalize;
}

static void
rn_pubmed_refresh_source_init (RnPubmedRefreshSource *self)
{
}

RnPubmedRefreshSource *
rn_pubmed_refresh_source_new (RnStore        *store,
                              RnPubmedClient *client)
{
  RnPubmedRefreshSource *self = g_object_new (RN_TYPE_PUBMED_REFRESH_SOURCE, NULL);

  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  return self;
}
