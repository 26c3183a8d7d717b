/* rn-zotero.h: hands references to the Zotero desktop app through its
 * connector server (the one browser connectors use, on 127.0.0.1:23119). */
#pragma once

#include <libsoup/soup.h>

#include "rn-export.h"

G_BEGIN_DECLS

#define RN_ZOTERO_ERROR (rn_zotero_error_quark ())

typedef enum
{
  RN_ZOTERO_ERROR_NOT_RUNNING,   /* nothing listens on the connector port */
  RN_ZOTERO_ERROR_NOT_ZOTERO,    /* something else answers there */
  RN_ZOTERO_ERROR_REJECTED,      /* Zotero refused the items */
  RN_ZOTERO_ERROR_TIMEOUT,
} RnZoteroError;

#define RN_ZOTERO_DEFAULT_BASE_URL "http://127.0.0.1:23119"

#define RN_TYPE_ZOTERO (rn_zotero_get_type ())
G_DECLARE_FINAL_TYPE (RnZotero, rn_zotero, RN, ZOTERO, GObject)

GQuark     rn_zotero_error_quark (void);

/* @session: the shared HTTP session (NULL: one of our own). @base_url:
 * NULL for RN_ZOTERO_DEFAULT_BASE_URL; it must name this machine
 * (127.0.0.1, ::1 or localhost): the user's library never leaves it. */
RnZotero  *rn_zotero_new         (SoupSession          *session,
                                  const char           *base_url);

/* TRUE when Zotero answers GET /connector/ping. */
void       rn_zotero_ping_async  (RnZotero             *self,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean   rn_zotero_ping_finish (RnZotero             *self,
                                  GAsyncResult         *result,
                                  GError              **error);

/* POSTs @entries (RnExportEntry *) to /connector/saveItems, with @uri
 * (the page they came from, may be NULL) and a fresh session id. */
void       rn_zotero_save_async  (RnZotero             *self,
                                  GPtrArray            *entries,
                                  const char           *uri,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean   rn_zotero_save_finish (RnZotero             *self,
                                  GAsyncResult         *result,
                                  GError              **error);

/* The Zotero item (connector JSON) for one entry. */
JsonNode  *rn_zotero_item_to_json (RnExportEntry       *entry,
                                   const char          *id);

G_END_DECLS
