#define G_LOG_DOMAIN "rn-context"

#include "config.h"

#include "accounts/rn-credentials-secret.h"
#include "bluesky/rn-bluesky-source.h"
#include "mastodon/rn-action-queue.h"
#include "mastodon/rn-mastodon-source.h"
#include "net/rn-web-source.h"
#include "pubmed/rn-pubmed-refresh-source.h"
#include "rn-context.h"

struct _RnContext
{
  GObject  parent_instance;

  char        *data_dir;
  RnStore     *store;
  RnHttp      *http;
  RnRefresher *refresher;
  RnPubmedClient *pubmed;
  RnCredentials *credentials;
  RnActionQueue *action_queue;
  RnMarkerSync  *marker_sync;
};

G_DEFINE_FINAL_TYPE (RnContext, rn_context, G_TYPE_OBJECT)

static void
rn_context_finalize (GObject *object)
{
  RnContext *self = RN_CONTEXT (object);

  g_clear_object (&self->action_queue);
  g_clear_object (&self->marker_sync);
  g_clear_object (&self->refresher);
  g_clear_object (&self->pubmed);
  g_clear_object (&self->credentials);
  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_free (self->data_dir);

  G_OBJECT_CLASS (rn_context_parent_class)->finalize (object);
}

static void
rn_context_class_init (RnContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_context_finalize;
}

static void
rn_context_init (RnContext *self)
{
}

/**
 * rn_context_new:
 * @data_dir: (nullable): folder of the library; %NULL for `$RADNET_DATA_DIR`
 *   or `$XDG_DATA_HOME/radnet`
 */
RnContext *
rn_context_new (const char  *data_dir,
                GError     **error)
{
  g_autoptr(RnContext) self = g_object_new (RN_TYPE_CONTEXT, NULL);
  g_autofree char *path = NULL;

  if (data_dir != NULL)
    path = g_build_filename (data_dir, "library.db", NULL);
  else
    path = rn_store_default_path ();

  self->data_dir = g_path_get_dirname (path);
  self->store = rn_store_open (path, error);
  if (self->store == NULL)
    return NULL;

  self->http = rn_http_new ();
  self->refresher = rn_refresher_new (self->store);
  {
    g_autoptr(RnWebSource) web = rn_web_source_new (self->store, self->http);
    rn_refresher_add_source (self->refresher, RN_SOURCE (web));
  }

  /* NCBI asks for a contact address; RADNET_PUBMED_URL points tests at a
   * fixture server. */
  self->pubmed = rn_pubmed_client_new (rn_http_get_session (self->http), g_getenv ("RADNET_CONTACT_EMAIL"));
  if (g_getenv ("RADNET_PUBMED_URL") != NULL)
    rn_pubmed_client_set_base_url (self->pubmed, g_getenv ("RADNET_PUBMED_URL"));
  {
    g_autoptr(RnPubmedRefreshSource) pubmed = rn_pubmed_refresh_source_new (self->store, self->pubmed);
    rn_refresher_add_source (self->refresher, RN_SOURCE (pubmed));
  }
  /* Social sources: tokens come from the keyring, nowhere else. */
  self->credentials = rn_credentials_secret_new ();
  for (const char * const *kind = rn_mastodon_source_kinds (); *kind != NULL; kind++)
    {
      g_autoptr(RnMastodonSource) source =
        rn_mastodon_source_new (self->store, self->http, self->credentials, *kind);
      rn_refresher_add_source (self->refresher, RN_SOURCE (source));
    }
  for (const char * const *kind = rn_bluesky_source_kinds (); *kind != NULL; kind++)
    {
      g_autoptr(RnBlueskySource) source =
        rn_bluesky_source_new (self->store, self->http, self->credentials, *kind);
      rn_refresher_add_source (self->refresher, RN_SOURCE (source));
    }
  self->action_queue = rn_action_queue_new (self->store, self->http, self->credentials);
  self->marker_sync = rn_marker_sync_new (self->store, self->http, self->credentials);

  return g_steal_pointer (&self);
}

RnStore *
rn_context_get_store (RnContext *self)
{
  g_return_val_if_fail (RN_IS_CONTEXT (self), NULL);
  return self->store;
}

const char *
rn_context_get_data_dir (RnContext *self)
{
  g_return_val_if_fail (RN_IS_CONTEXT (self), NULL);
  return self->data_dir;
}

RnHttp *
rn_context_get_http (RnContext *self)
{
  g_return_val_if_fail (RN_IS_CONTEXT (self), NULL);
  return self->http;
}

RnRefresher *
rn_context_get_refresher (RnContext *self)
{
  g_return_val_if_fail (RN_IS_CONTEXT (self), NULL);
  return self->refresher;
}

RnPubmedClient *
rn_context_get_pubmed (RnContext *self)
{
  g_return_val_if_fail (RN_IS_CONTEXT (self), NULL);
  return self->pubmed;
}

/* The address NCBI and Crossref may write to about our requests. */
void
rn_context_set_contact_email (RnContext  *self,
                              const char *email)
{
  g_return_if_fail (RN_IS_CONTEXT (self));
  if (email != NULL && *email != '\0')
    rn_pubmed_client_set_contact_email (self->pubmed, email);
}

RnCredentials *
rn_context_get_credentials (RnContext *self)
{
  g_return_val_if_fail (RN_IS_CONTEXT (self), NULL);
  return self->credentials;
}

RnMarkerSync *
rn_context_get_marker_sync (RnContext *self)
{
  g_return_val_if_fail (RN_IS_CONTEXT (self), NULL);
  return self->marker_sync;
}

RnActionQueue *
rn_context_get_action_queue (RnContext *self)
{
  g_return_val_if_fail (RN_IS_CONTEXT (self), NULL);
  return self->action_queue;
}
