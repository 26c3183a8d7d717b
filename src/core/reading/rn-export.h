/* rn-export.h: the reading list leaves the app as BibTeX, RIS, CSL-JSON,
 * a journal-club digest (Markdown or HTML), or, for one saved case, a
 * self-contained HTML page. All of these are pure: text in, text out. */
#pragma once

#include <glib.h>

#include "rn-reference.h"

G_BEGIN_DECLS

#define RN_EXPORT_ERROR (rn_export_error_quark ())

typedef enum
{
  RN_EXPORT_ERROR_TOO_LARGE,
  RN_EXPORT_ERROR_INVALID,
} RnExportError;

/* A case page may embed this many bytes of body and images, at most. */
#define RN_EXPORT_CASE_MAX_BODY   (16 * 1024 * 1024)
#define RN_EXPORT_CASE_MAX_IMAGES (64 * 1024 * 1024)

/* One saved item as the exporters see it. */
typedef struct
{
  RnReference  *ref;
  char         *note;         /* the user's note, plain text, or NULL */
  GStrv         tags;         /* or NULL */
  gint64        saved_at;     /* Unix seconds UTC, or G_MININT64 */
  char         *content_html;  /* sanitised HTML of the item, or NULL */
} RnExportEntry;

/* An image of a saved case, from its offline snapshot. */
typedef struct
{
  char   *url;                /* as the body's <img src> names it */
  char   *mime;               /* image/png, image/jpeg, image/gif, image/webp */
  GBytes *data;
  char   *alt;
} RnExportImage;

GQuark          rn_export_error_quark     (void);

RnExportEntry  *rn_export_entry_new       (RnReference        *ref,
                                           const char         *note,
                                           const char * const *tags,
                                           gint64              saved_at,
                                           const char         *content_html);
void            rn_export_entry_free      (RnExportEntry      *entry);

RnExportImage  *rn_export_image_new       (const char         *url,
                                           const char         *mime,
                                           GBytes             *data,
                                           const char         *alt);
void            rn_export_image_free      (RnExportImage      *image);

/* Citation keys of @entries (RnExportEntry *), in order: ASCII-folded
 * first author's family name + year + first significant title word, e.g.
 * "muller2023deep"; repeated keys get "a", "b", … in order of appearance
 * (the first keeps the plain key). The same list gives the same keys. */
GStrv           rn_export_citation_keys   (GPtrArray          *entries);

/* BibTeX for BibTeX and biblatex. Text is kept as UTF-8 (biber and
 * bibtex8 read it; LaTeX users load inputenc/fontspec); LaTeX's special
 * characters are escaped; url and doi are verbatim fields. */
char           *rn_export_bibtex          (GPtrArray          *entries);
/* RIS, lines ending in CR LF as the RIS specification asks, one AU line
 * per author, UTF-8. */
char           *rn_export_ris             (GPtrArray          *entries);
/* A CSL-JSON array whose ids are the citation keys. */
char           *rn_export_csl_json        (GPtrArray          *entries);
/* The journal-club digest: title, authors, journal, year, DOI link, the
 * user's note and tags, an excerpt. */
char           *rn_export_digest_markdown (GPtrArray          *entries,
                                           const char         *title);
/* The same as one valid, self-contained HTML5 page (XML-well-formed). */
char           *rn_export_digest_html     (GPtrArray          *entries,
                                           const char         *title);

/* One saved case as ONE HTML file that loads nothing from anywhere:
 * @images (RnExportImage *) replace the <img> whose src they name, as
 * data: URIs; other images become their alt text; scripts, styles, frames
 * and every other way to load a resource are removed. */
char           *rn_export_case_html       (const char         *title,
                                           const char         *source,
                                           const char         *link,
                                           const char         *sanitised_html_body,
                                           const char         *note,
                                           GPtrArray          *images,
                                           GError            **error);

G_END_DECLS
