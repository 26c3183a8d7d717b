#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include "rn-lookup-cache.h"

struct _RnLookupCache
{
  gatomicrefcount       ref_count;
  RnLookupCacheGetFunc  get;
  RnLookupCachePutFunc  put;
  gpointer              user_data;
  GDestroyNotify        destroy;
};

G_DEFINE_BOXED_TYPE (RnLookupCache, rn_lookup_cache, rn_lookup_cache_ref, rn_lookup_cache_unref)

RnLookupCache *
rn_lookup_cache_new (RnLookupCacheGetFunc get,
                     RnLookupCachePutFunc put,
                     gpointer             user_data,
                     GDestroyNotify       destroy)
{
  RnLookupCache *self;

  g_return_val_if_fail (get != NULL, NULL);
  g_return_val_if_fail (put != NULL, NULL);

  self = g_new0 (RnLookupCache, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->get = get;
  self->put = put;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

RnLookupCache *
rn_lookup_cache_ref (RnLookupCache *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rn_lookup_cache_unref (RnLookupCache *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->destroy != NULL)
    self->destroy (self->user_data);
  g_free (self);
}

GBytes *
rn_lookup_cache_get (RnLookupCache *self,
                     const char    *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return self->get (key, self->user_data);
}

void
rn_lookup_cache_put (RnLookupCache *self,
                     const char    *key,
                     GBytes        *body)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (body != NULL);

  self->put (key, body, self->user_data);
}

/* --- in memory ---------------------------------------------------------- */

typedef struct
{
  GHashTable *bodies;   /* key → GBytes */
  GQueue      order;    /* keys, oldest first (owned by bodies) */
  guint       max_entries;
} Memory;

static void
memory_free (gpointer data)
{
  Memory *m = data;

  g_queue_clear (&m->order);
  g_hash_table_unref (m->bodies);
  g_free (m);
}

static GBytes *
memory_get (const char *key,
            gpointer    user_data)
{
  Memory *m = user_data;
  GBytes *body = g_hash_table_lookup (m->bodies, key);

  return body != NULL ? g_bytes_ref (body) : NULL;
}

static void
memory_put (const char *key,
            GBytes     *body,
            gpointer    user_data)
{
  Memory *m = user_data;
  char *owned;

  if (g_hash_table_contains (m->bodies, key))
    {
      /* insert() keeps the stored key (the one the queue points to) and
       * frees the copy. */
      g_hash_table_insert (m->bodies, g_strdup (key), g_bytes_ref (body));
      return;
    }
  while (m->order.length >= m->max_entries && m->order.length > 0)
    g_hash_table_remove (m->bodies, g_queue_pop_head (&m->order));
  owned = g_strdup (key);
  g_hash_table_insert (m->bodies, owned, g_bytes_ref (body));
  g_queue_push_tail (&m->order, owned);
}

RnLookupCache *
rn_lookup_cache_new_memory (guint max_entries)
{
  Memory *m = g_new0 (Memory, 1);

  m->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_bytes_unref);
  g_queue_init (&m->order);
  m->max_entries = MAX (max_entries, 1);
  return rn_lookup_cache_new (memory_get, memory_put, m, memory_free);
}
