#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include "rn-default-sources.h"

/* Generated from data/com.example.RadNet.core.gresource.xml. Calling it
 * (rather than the global lookup) keeps the resource linked in from the
 * static library. */
GResource *rn_core_get_resource (void);

GBytes *
rn_default_sources_get (void)
{
  return g_resource_lookup_data (rn_core_get_resource (),
                                 "/com/example/RadNet/core/default-sources.opml",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

gboolean
rn_default_sources_import (RnStore            *store,
                           RnOpmlImportStats  *stats,
                           GError            **error)
{
  g_autoptr(GBytes) opml = rn_default_sources_get ();

  g_return_val_if_fail (opml != NULL, FALSE);
  return rn_opml_import (store, opml, stats, error);
}
