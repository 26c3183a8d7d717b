/* rn-lookup-cache.h: where metadata look-ups keep the raw answers of
 * services (Crossref, NCBI), so each is asked once. The store backs it
 * with its `lookup_cache` table; tests use the in-memory one. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Returns the body stored under @key, or NULL. Called on the main thread
 * before a request: it must answer quickly (an in-memory index or a read
 * connection, never the network). */
typedef GBytes *(*RnLookupCacheGetFunc) (const char *key,
                                         gpointer    user_data);
/* Stores @body under @key. May return before the write is done. */
typedef void    (*RnLookupCachePutFunc) (const char *key,
                                         GBytes     *body,
                                         gpointer    user_data);

#define RN_TYPE_LOOKUP_CACHE (rn_lookup_cache_get_type ())

typedef struct _RnLookupCache RnLookupCache;

GType          rn_lookup_cache_get_type   (void) G_GNUC_CONST;

RnLookupCache *rn_lookup_cache_new        (RnLookupCacheGetFunc  get,
                                           RnLookupCachePutFunc  put,
                                           gpointer              user_data,
                                           GDestroyNotify        destroy);
/* Keeps at most @max_entries bodies, dropping the oldest first. */
RnLookupCache *rn_lookup_cache_new_memory (guint                 max_entries);
RnLookupCache *rn_lookup_cache_ref        (RnLookupCache        *self);
void           rn_lookup_cache_unref      (RnLookupCache        *self);

GBytes        *rn_lookup_cache_get        (RnLookupCache        *self,
                                           const char           *key);
void           rn_lookup_cache_put        (RnLookupCache        *self,
                                           const char           *key,
                                           GBytes               *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnLookupCache, rn_lookup_cache_unref)

G_END_DECLS
