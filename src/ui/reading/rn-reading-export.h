/* rn-reading-export.h: the reading list (or the selected entries) leaves
 * the app: a file in a citation or digest format, one case as an HTML
 * page, or Zotero. */
#pragma once

#include <adwaita.h>
#include <libsoup/soup.h>

#include "reading/rn-export-selection.h"

G_BEGIN_DECLS

/* RnExportEntry * of the entries of @list whose positions are in
 * @selected (NULL: every entry the list shows), in list order. */
GPtrArray *rn_reading_export_collect      (RnReadingList   *list,
                                           GtkBitset       *selected,
                                           GError         **error);
char      *rn_reading_export_text         (RnReadingList   *list,
                                           GtkBitset       *selected,
                                           RnExportFormat   format,
                                           GError         **error);
gboolean   rn_reading_export_to_file      (RnReadingList   *list,
                                           GtkBitset       *selected,
                                           RnExportFormat   format,
                                           GFile           *file,
                                           GError         **error);
/* The format a file name asks for by its extension; FALSE when none. */
gboolean   rn_reading_export_format_for_name (const char   *name,
                                           RnExportFormat  *out_format);

/* Asks for a file (and a format) and writes it; reports in @overlay. */
void       rn_reading_export_dialog       (GtkWindow       *parent,
                                           RnReadingList   *list,
                                           GtkBitset       *selected,
                                           AdwToastOverlay *overlay);
void       rn_reading_save_case_dialog    (GtkWindow       *parent,
                                           RnStore         *store,
                                           gint64           item_id,
                                           const char      *title,
                                           AdwToastOverlay *overlay);
/* Sends the entries to the Zotero desktop app; a toast says how it went
 * (and that Zotero must be running when it is not). @base_url: NULL for
 * Zotero's usual address (tests point it at a fixture). */
void       rn_reading_send_to_zotero      (RnReadingList   *list,
                                           GtkBitset       *selected,
                                           SoupSession     *session,
                                           const char      *base_url,
                                           AdwToastOverlay *overlay);

G_END_DECLS
