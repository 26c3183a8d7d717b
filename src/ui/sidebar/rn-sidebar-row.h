/* rn-sidebar-row.h: shows one RnSidebarEntry. */
#pragma once

#include <gtk/gtk.h>

#include "rn-sidebar-entry.h"

G_BEGIN_DECLS

#define RN_TYPE_SIDEBAR_ROW (rn_sidebar_row_get_type ())
G_DECLARE_FINAL_TYPE (RnSidebarRow, rn_sidebar_row, RN, SIDEBAR_ROW, GtkWidget)

GtkWidget      *rn_sidebar_row_new       (void);
RnSidebarEntry *rn_sidebar_row_get_entry (RnSidebarRow   *self);
void            rn_sidebar_row_set_entry (RnSidebarRow   *self,
                                          RnSidebarEntry *entry);

G_END_DECLS
