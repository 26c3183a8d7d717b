/* rn-default-sources.h: the radiology sources offered on first run. */
#pragma once

#include "rn-opml.h"

G_BEGIN_DECLS

/* The OPML document of the default sources. None of them is assumed to
 * work: the first refresh checks each and reports failures per source. */
GBytes   *rn_default_sources_get    (void);
gboolean  rn_default_sources_import (RnStore            *store,
                                     RnOpmlImportStats  *stats,
                                     GError            **error);

G_END_DECLS
