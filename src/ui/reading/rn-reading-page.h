/* rn-reading-page.h: the Reading List page of the window's content: the
 * saved entries with filters, search, sort, multi-selection and bulk
 * actions (state, tag, remove, export, Zotero). */
#pragma once

#include <adwaita.h>

#include "net/rn-http.h"
#include "reading/rn-export-selection.h"
#include "reading/rn-reading-list.h"

G_BEGIN_DECLS

#define RN_TYPE_READING_PAGE (rn_reading_page_get_type ())
G_DECLARE_FINAL_TYPE (RnReadingPage, rn_reading_page, RN, READING_PAGE, GtkWidget)

/* The list the page shows (it sets its filter and sort), the HTTP session
 * Zotero is reached through, and where toasts go. */
void               rn_reading_page_setup           (RnReadingPage   *self,
                                                    RnReadingList   *list,
                                                    RnHttp          *http,
                                                    AdwToastOverlay *overlay);
RnReadingList     *rn_reading_page_get_list        (RnReadingPage   *self);
GtkSelectionModel *rn_reading_page_get_selection   (RnReadingPage   *self);

/* The filters as the popover sets them; for tests and the keyboard.
 * @state -1: any state. */
void               rn_reading_page_set_state_filter (RnReadingPage  *self,
                                                    int              state);
void               rn_reading_page_set_search      (RnReadingPage   *self,
                                                    const char      *text);
/* Sets the state of the selected entries (what the State menu does). */
void               rn_reading_page_set_selected_state (RnReadingPage *self,
                                                    RnSavedState     state);
/* Writes the selected entries (all shown when none is selected) to @file
 * in @format: what Export… does after its file chooser. */
gboolean           rn_reading_page_export_to_file  (RnReadingPage   *self,
                                                    RnExportFormat   format,
                                                    GFile           *file,
                                                    GError         **error);
/* For tests: Zotero's address (NULL: the usual one). */
void               rn_reading_page_set_zotero_url  (RnReadingPage   *self,
                                                    const char      *base_url);

G_END_DECLS
