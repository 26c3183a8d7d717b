/* rn-pubmed-dialog.h: "Add PubMed Search": a query with a live count of
 * its results, a date window and a name; adds the search as a source. */
#pragma once

#include <adwaita.h>

#include "pubmed/rn-pubmed-client.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_TYPE_PUBMED_DIALOG (rn_pubmed_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RnPubmedDialog, rn_pubmed_dialog, RN, PUBMED_DIALOG, AdwWindow)

/* Emits "source-added" (gint64 feed id) before it closes. */
RnPubmedDialog *rn_pubmed_dialog_new (GtkWindow      *parent,
                                      RnStore        *store,
                                      RnPubmedClient *client);

G_END_DECLS
