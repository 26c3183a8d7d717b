/* rn-feed-folders.h: folder operations the app needs outside a write
 * transaction. */
#pragma once

#include <gio/gio.h>

#include "store/rn-store.h"

G_BEGIN_DECLS

/* The id of the top-level folder titled @title, created if missing. */
gboolean rn_feed_store_create_folder (RnStore     *store,
                                      const char  *title,
                                      gint64      *out_id,
                                      GError     **error);

G_END_DECLS
