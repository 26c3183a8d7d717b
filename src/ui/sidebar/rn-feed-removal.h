/* rn-feed-removal.h: removing a source in one step with an Undo toast, and
 * replacing its address. */
#pragma once

#include <adwaita.h>

#include "rn-sidebar.h"

G_BEGIN_DECLS

/* Hides the feed at once and shows a toast with Undo; the feed is removed
 * from the library when the toast goes away without Undo (or when the
 * toast is destroyed with the window). */
void rn_feed_removal_start          (RnSidebar       *sidebar,
                                     RnStore         *store,
                                     AdwToastOverlay *overlay,
                                     gint64           feed_id);

/* Carries out the removals whose toasts still show on @overlay: the
 * window is closing. */
void rn_feed_removal_commit_all     (AdwToastOverlay *overlay);
typedef void (*RnFeedReplacedFunc) (gpointer user_data,
                                    gint64   new_feed_id);

/* Asks for the new address of @feed_id; on Replace, subscribes to it with
 * the same name and folder and removes the old source, then calls @done
 * (with @user_data, which must outlive the dialog: pass the window). */
void rn_feed_replace_address_dialog (GtkWindow          *parent,
                                     RnStore            *store,
                                     AdwToastOverlay    *overlay,
                                     gint64              feed_id,
                                     RnFeedReplacedFunc  done,
                                     gpointer            user_data);

G_END_DECLS
