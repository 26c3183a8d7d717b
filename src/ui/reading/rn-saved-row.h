/* rn-saved-row.h: one entry of the Reading List page. */
#pragma once

#include <adwaita.h>

#include "reading/rn-saved-item.h"

G_BEGIN_DECLS

#define RN_TYPE_SAVED_ROW (rn_saved_row_get_type ())
G_DECLARE_FINAL_TYPE (RnSavedRow, rn_saved_row, RN, SAVED_ROW, GtkWidget)

GtkWidget   *rn_saved_row_new       (void);
void         rn_saved_row_set_entry (RnSavedRow  *self,
                                     RnSavedItem *entry);
RnSavedItem *rn_saved_row_get_entry (RnSavedRow  *self);

/* Translated names of reading states and snapshot states, for rows,
 * menus and tooltips. */
const char  *rn_saved_state_label   (RnSavedState state);

G_END_DECLS
