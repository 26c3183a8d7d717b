/* rn-opml-io.h: importing and exporting subscriptions through the file
 * chooser, with the outcome as a toast. */
#pragma once

#include <adwaita.h>

#include "store/rn-store.h"

G_BEGIN_DECLS

void     rn_opml_io_import          (GtkWindow       *parent,
                                     RnStore         *store,
                                     AdwToastOverlay *toasts);
void     rn_opml_io_export          (GtkWindow       *parent,
                                     RnStore         *store,
                                     AdwToastOverlay *toasts);
/* Subscribes to the radiology sources shipped with the app. */
gboolean rn_opml_io_import_default  (RnStore         *store,
                                     AdwToastOverlay *toasts);
/* Imports @data and shows the outcome; for the paths above and tests. */
gboolean rn_opml_io_import_bytes    (RnStore         *store,
                                     GBytes          *data,
                                     AdwToastOverlay *toasts);

G_END_DECLS
