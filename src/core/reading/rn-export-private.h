/* rn-export-private.h: helpers the exporters share. */
#pragma once

#include "rn-export.h"

G_BEGIN_DECLS

/* ASCII letters and digits of @text, folded ("Müller" → "Muller"). */
char       *rn_export_ascii_word      (const char  *text);
/* Appends @text with & < > " ' escaped, for HTML text and attributes. */
void        rn_export_append_html     (GString     *out,
                                       const char  *text);
/* TRUE for absolute http(s) URLs: the only links exports may carry. */
gboolean    rn_export_is_web_url      (const char  *url);
/* "https://doi.org/10.1148/radiol…", escaped for a URL. */
char       *rn_export_doi_url         (const char  *doi);
/* "123-130", "123–30", "e221234" → first and last page (last may be NULL;
 * abbreviated last pages are expanded: "1234-56" → "1256"). */
void        rn_export_split_pages     (const char  *page,
                                       char       **first,
                                       char       **last);
/* "Doe JQ, Smith J, Roe R, et al" (Vancouver style, for digests). */
char       *rn_export_short_authors   (RnReference *ref,
                                       guint        max_names);

G_END_DECLS
