/* rn-export-selection.h: the reading list (as a view shows it) through the
 * exporters: references with the user's edits merged, notes and tags for
 * the digests; one saved case with its offline images as one HTML file. */
#pragma once

#include <glib.h>

#include "rn-reading-list.h"

G_BEGIN_DECLS

typedef enum
{
  RN_EXPORT_FORMAT_BIBTEX,
  RN_EXPORT_FORMAT_RIS,
  RN_EXPORT_FORMAT_CSL_JSON,
  RN_EXPORT_FORMAT_MARKDOWN,    /* the journal-club digest */
  RN_EXPORT_FORMAT_HTML,        /* the same digest as one HTML page */
} RnExportFormat;

/* "bibtex", "ris", "csl-json", "markdown", "html". */
gboolean    rn_export_format_from_string  (const char      *text,
                                           RnExportFormat  *out_format);

/* RnExportEntry * of the entries @list shows, in its order. */
GPtrArray  *rn_export_selection_collect   (RnReadingList   *list,
                                           GError         **error);
/* The whole view in @format; @title names a digest (NULL: a default). */
char       *rn_export_selection_run       (RnReadingList   *list,
                                           RnExportFormat   format,
                                           const char      *title,
                                           GError         **error);
/* One saved item as a self-contained HTML page: the offline copy (or the
 * item's content) with its stored images inlined, and the note. */
char       *rn_export_selection_case_html (RnStore         *store,
                                           gint64           item_id,
                                           GError         **error);

G_END_DECLS
