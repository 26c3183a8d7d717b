/* rn-add-feed-dialog.h: subscribe to a feed by its address. */
#pragma once

#include <adwaita.h>

#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_TYPE_ADD_FEED_DIALOG (rn_add_feed_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RnAddFeedDialog, rn_add_feed_dialog, RN, ADD_FEED_DIALOG, AdwWindow)

GtkWindow *rn_add_feed_dialog_new (GtkWindow *parent,
                                   RnStore   *store);

/* Whether @text is an address we can subscribe to (http or https, with a
 * host); returns it normalised (scheme added when missing) or NULL. */
char      *rn_add_feed_dialog_normalize_url (const char *text);

G_END_DECLS
