/* rn-image-cache.c: fetch, decode on a worker thread, keep the last few. */
#define G_LOG_DOMAIN "rn-image-cache"

#include "config.h"

#include "feeds/rn-image-loader.h"
#include "rn-image-cache.h"

struct _RnImageCache
{
  GObject        parent_instance;

  RnImageLoader *loader;
  GHashTable    *textures;   /* url → GdkTexture */
  GQueue         lru;        /* urls (owned by textures' keys), newest first */
  guint          max_entries;
};

G_DEFINE_FINAL_TYPE (RnImageCache, rn_image_cache, G_TYPE_OBJECT)

static void
rn_image_cache_finalize (GObject *object)
{
  RnImageCache *self = RN_IMAGE_CACHE (object);

  g_queue_clear (&self->lru);
  g_hash_table_unref (self->textures);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (rn_image_cache_parent_class)->finalize (object);
}

static void
rn_image_cache_class_init (RnImageCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_image_cache_finalize;
}

static void
rn_image_cache_init (RnImageCache *self)
{
  self->loader = rn_image_loader_new ();
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->lru);
}

RnImageCache *
rn_image_cache_new (guint max_entries)
{
  RnImageCache *self = g_object_new (RN_TYPE_IMAGE_CACHE, NULL);

  self->max_entries = MAX (max_entries, 1);
  return self;
}

GdkTexture *
rn_image_cache_lookup (RnImageCache *self,
                       const char   *url)
{
  char *key;
  GdkTexture *texture;

  g_return_val_if_fail (RN_IS_IMAGE_CACHE (self), NULL);
  if (url == NULL || !g_hash_table_lookup_extended (self->textures, url, (gpointer *) &key, (gpointer *) &texture))
    return NULL;
  g_queue_remove (&self->lru, key);
  g_queue_push_head (&self->lru, key);
  return texture;
}

static void
remember (RnImageCache *self,
          const char   *url,
          GdkTexture   *texture)
{
  char *key;

  if (g_hash_table_contains (self->textures, url))
    return;
  key = g_strdup (url);
  g_hash_table_insert (self->textures, key, g_object_ref (texture));
  g_queue_push_head (&self->lru, key);
  while (g_queue_get_length (&self->lru) > self->max_entries)
    g_hash_table_remove (self->textures, g_queue_pop_tail (&self->lru));
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  GBytes *bytes = data;
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_bytes (bytes, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
on_decoded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RnImageCache *self = g_task_get_source_object (task);
  GError *error = NULL;
  GdkTexture *texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (texture == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  remember (self, g_task_get_task_data (task), texture);
  g_task_return_pointer (task, texture, g_object_unref);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) decode = NULL;
  GError *error = NULL;
  GBytes *bytes = rn_image_loader_load_finish (RN_IMAGE_LOADER (source), result, &error);

  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  decode = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task),
                       on_decoded_cb, g_object_ref (task));
  g_task_set_task_data (decode, bytes, (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (decode, decode_in_thread);
}

void
rn_image_cache_load_async (RnImageCache        *self,
                           const char          *url,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GdkTexture *texture;

  g_return_if_fail (RN_IS_IMAGE_CACHE (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_image_cache_load_async);
  g_task_set_task_data (task, g_strdup (url), g_free);

  texture = rn_image_cache_lookup (self, url);
  if (texture != NULL)
    {
      g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      return;
    }
  rn_image_loader_load_async (self->loader, url, cancellable, on_loaded_cb, g_steal_pointer (&task));
}

GdkTexture *
rn_image_cache_load_finish (RnImageCache  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
