/* rn-reference-dialog.h: edit the reference of a saved item (title,
 * authors, journal, year, volume, issue, pages, DOI, PMID). What the user
 * changes is kept as overrides over the looked-up record. */
#pragma once

#include <adwaita.h>

#include "reading/rn-reading-list.h"

G_BEGIN_DECLS

#define RN_TYPE_REFERENCE_DIALOG (rn_reference_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RnReferenceDialog, rn_reference_dialog, RN, REFERENCE_DIALOG, AdwWindow)

/* NULL (and a warning) when the item has no reference. */
GtkWindow *rn_reference_dialog_new   (GtkWindow         *parent,
                                      RnReadingList     *list,
                                      gint64             item_id);
/* Writes the overrides (what Save does). */
gboolean   rn_reference_dialog_save  (RnReferenceDialog *self,
                                      GError           **error);
/* For tests: the entry row of a CSL field ("title", "DOI", "author", …). */
GtkEditable *rn_reference_dialog_get_field (RnReferenceDialog *self,
                                            const char        *csl_name);

G_END_DECLS
