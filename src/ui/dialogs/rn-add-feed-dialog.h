/* rn-add-feed-dialog.h: subscribe to a feed by its address or by the web
 * page that announces it (autodiscovery). */
#pragma once

#include <adwaita.h>

#include "rn-context.h"

G_BEGIN_DECLS

#define RN_TYPE_ADD_FEED_DIALOG (rn_add_feed_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RnAddFeedDialog, rn_add_feed_dialog, RN, ADD_FEED_DIALOG, AdwWindow)

GtkWindow *rn_add_feed_dialog_new (GtkWindow *parent,
                                   RnContext *context);

/* Whether @text is an address we can subscribe to (http or https, with a
 * host); returns it normalised (scheme added when missing) or NULL. */
char      *rn_add_feed_dialog_normalize_url (const char *text);

/* For tests: the address field, and the candidate rows found so far. */
GtkEditable *rn_add_feed_dialog_get_entry      (RnAddFeedDialog *self);
guint        rn_add_feed_dialog_get_n_candidates (RnAddFeedDialog *self);
/* Same as pressing the Add button. */
void         rn_add_feed_dialog_submit         (RnAddFeedDialog *self);

G_END_DECLS
