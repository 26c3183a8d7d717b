/* rn-reference-store.h: the `refs` and `lookup_cache` tables: the
 * identifiers found in a saved item, the record resolved for it (Crossref
 * for DOIs), the notices (retraction, correction, expression of concern)
 * and the user's own edits, merged into the record every export uses. */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "rn-lookup-cache.h"
#include "rn-reference.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

/* Inside a write (RnStoreWriteFunc): scans the item's title, summary,
 * content, link and doi column with rn_identifiers_find() and records what
 * it found in refs. A resolved record and the user's edits are kept. */
gboolean      rn_reference_store_find_identifiers (RnStore      *store,
                                                   sqlite3      *db,
                                                   gint64        item_id,
                                                   GError      **error);

/* The DOI to resolve for @item_id, or NULL when it has none or it was
 * resolved already (unless @even_if_resolved). Any thread's connection. */
char         *rn_reference_store_get_doi          (sqlite3      *db,
                                                   gint64        item_id,
                                                   gboolean      even_if_resolved);

/* Stores the record Crossref (or NCBI) gave and its notice. */
gboolean      rn_reference_store_set_resolved     (RnStore      *store,
                                                   gint64        item_id,
                                                   RnReference  *resolved,
                                                   GError      **error);

/* The same without blocking: queued on the store's writer. */
void          rn_reference_store_set_resolved_async  (RnStore             *store,
                                                      gint64               item_id,
                                                      RnReference         *resolved,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean      rn_reference_store_set_resolved_finish (RnStore             *store,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The user's edits, a CSL-JSON object whose members replace the record's
 * (null removes one); NULL forgets every edit. */
gboolean      rn_reference_store_set_override     (RnStore      *store,
                                                   gint64        item_id,
                                                   JsonNode     *csl_user,
                                                   GError      **error);

/* The record of an item as exports see it: the resolved one, or one built
 * from the item's own fields (title, authors, journal/volume/issue/first
 * page from the feed, published, link), with the identifiers found, with
 * the user's edits applied. Any thread's connection. */
RnReference  *rn_reference_store_get              (sqlite3      *db,
                                                   gint64        item_id,
                                                   GError      **error);

/* A lookup cache over the lookup_cache table: reads on the store's owner
 * thread, writes queued on its writer. */
RnLookupCache *rn_reference_store_new_cache       (RnStore      *store);

G_END_DECLS
