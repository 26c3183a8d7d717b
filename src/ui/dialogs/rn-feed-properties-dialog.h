/* rn-feed-properties-dialog.h: title, folder, refresh interval, status and
 * removal of one feed. */
#pragma once

#include <adwaita.h>

#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_TYPE_FEED_PROPERTIES_DIALOG (rn_feed_properties_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RnFeedPropertiesDialog, rn_feed_properties_dialog, RN, FEED_PROPERTIES_DIALOG, AdwPreferencesWindow)

/* NULL (and a warning) when the feed does not exist. */
GtkWindow *rn_feed_properties_dialog_new (GtkWindow *parent,
                                          RnStore   *store,
                                          gint64     feed_id);

G_END_DECLS
