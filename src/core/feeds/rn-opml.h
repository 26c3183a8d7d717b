/* rn-opml.h: subscriptions in and out as OPML, with nested folders. */
#pragma once

#include <gio/gio.h>

#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_OPML_ERROR (rn_opml_error_quark ())

typedef enum
{
  RN_OPML_ERROR_MALFORMED,   /* not well-formed XML: the message has the line */
  RN_OPML_ERROR_NOT_OPML,    /* well-formed, but no <opml><body> */
  RN_OPML_ERROR_TOO_LARGE,
} RnOpmlError;

typedef struct
{
  char  *title;
  char  *xml_url;
  char  *html_url;
  char  *kind;               /* "feed", or RadNet's own kinds (pubmed, …) */
  char **folders;            /* path of folder titles, outermost first */
} RnOpmlOutline;

typedef struct
{
  guint added;
  guint already;             /* subscribed before: left as they were */
  guint folders;
} RnOpmlImportStats;

GQuark     rn_opml_error_quark   (void);

/* The feeds of a document, in order. Never partial: NULL and @error on any
 * problem. */
GPtrArray *rn_opml_parse         (GBytes             *data,
                                  GError            **error);
void       rn_opml_outline_free  (RnOpmlOutline      *outline);

/* Parses and imports in one transaction: all or nothing. */
gboolean   rn_opml_import        (RnStore            *store,
                                  GBytes             *data,
                                  RnOpmlImportStats  *stats,
                                  GError            **error);
char      *rn_opml_export        (RnStore            *store,
                                  GError            **error);

G_END_DECLS
