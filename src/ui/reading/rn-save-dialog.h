/* rn-save-dialog.h: "Save to Reading List": reading state, tags and a note
 * for one item; for a saved item also Edit Reference and Remove. */
#pragma once

#include <adwaita.h>

#include "feeds/rn-item.h"
#include "reading/rn-reading-list.h"

G_BEGIN_DECLS

#define RN_TYPE_SAVE_DIALOG (rn_save_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RnSaveDialog, rn_save_dialog, RN, SAVE_DIALOG, AdwWindow)

RnSaveDialog *rn_save_dialog_new        (GtkWindow       *parent,
                                         RnReadingList   *list,
                                         RnItem          *item,
                                         AdwToastOverlay *overlay);
/* What the form says; for tests. @tags: comma-separated. */
void          rn_save_dialog_set_values (RnSaveDialog    *self,
                                         RnSavedState     state,
                                         const char      *tags,
                                         const char      *note);
/* Saves as the form says and closes (what the Save button does). */
void          rn_save_dialog_save       (RnSaveDialog    *self);

G_END_DECLS
