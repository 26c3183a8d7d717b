/* rn-sidebar.h: the places of the library: smart views, folders and feeds
 * with their unread counts and errors. */
#pragma once

#include <gtk/gtk.h>

#include "rn-sidebar-entry.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

/* The id of the "Accounts" heading (other headings have 0). */
#define RN_SIDEBAR_ACCOUNTS_HEADING 1

#define RN_TYPE_SIDEBAR (rn_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (RnSidebar, rn_sidebar, RN, SIDEBAR, GtkWidget)

void            rn_sidebar_set_store          (RnSidebar     *self,
                                               RnStore       *store);
/* (nullable) (transfer none) */
RnSidebarEntry *rn_sidebar_get_selected_entry (RnSidebar     *self);
/* Selects the entry of @kind and @id; FALSE when there is none. */
gboolean        rn_sidebar_select             (RnSidebar     *self,
                                               RnSidebarKind  kind,
                                               gint64         id);
guint           rn_sidebar_get_n_feeds        (RnSidebar     *self);
/* The entries shown: a GListModel of RnSidebarEntry. Past the first
 * screenful, entries join after the window's first frame. */
GListModel     *rn_sidebar_get_model          (RnSidebar     *self);
/* Re-reads feeds and counts now (normally done on RnStore::feeds-changed). */
void            rn_sidebar_reload             (RnSidebar     *self);

/* Leaves a feed out of the list (its removal waits for the Undo toast). */
void            rn_sidebar_set_feed_hidden    (RnSidebar     *self,
                                               gint64         feed_id,
                                               gboolean       hidden);

G_END_DECLS
