/* rn-column-view.h: one column of the deck: a header (name, unread count,
 * menu) above a GtkListView of the column's items. */
#pragma once

#include <adwaita.h>

#include "rn-image-cache.h"
#include "search/rn-column-store.h"

G_BEGIN_DECLS

#define RN_TYPE_COLUMN_VIEW (rn_column_view_get_type ())
G_DECLARE_FINAL_TYPE (RnColumnView, rn_column_view, RN, COLUMN_VIEW, GtkWidget)

GtkWidget *rn_column_view_new          (RnColumnStore *columns,
                                        RnColumn      *column,
                                        RnImageCache  *images);
RnColumn  *rn_column_view_get_column   (RnColumnView  *self);
/* (nullable) (transfer none): the item selected in this column */
RnItem    *rn_column_view_get_selected (RnColumnView  *self);
/* Puts the keyboard focus on the list (the selected row, or the first). */
void       rn_column_view_focus_list   (RnColumnView  *self);
/* Moves the selection by @delta rows; FALSE at an end. */
gboolean   rn_column_view_select_offset (RnColumnView *self,
                                         int           delta);

G_END_DECLS
