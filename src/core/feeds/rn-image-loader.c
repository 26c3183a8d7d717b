/* rn-image-loader.c: async GET of an image with a size cap. */
#define G_LOG_DOMAIN "rn-image-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rn-image-loader.h"

#define CHUNK_SIZE (64 * 1024)
#define TIMEOUT_SECONDS 30

struct _RnImageLoader
{
  GObject      parent_instance;

  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (RnImageLoader, rn_image_loader, G_TYPE_OBJECT)
G_DEFINE_QUARK (rn-image-loader-error-quark, rn_image_loader_error)

typedef struct
{
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_clear_object (&d->message);
  g_clear_object (&d->stream);
  g_clear_pointer (&d->body, g_byte_array_unref);
  g_free (d);
}

static void
rn_image_loader_dispose (GObject *object)
{
  RnImageLoader *self = RN_IMAGE_LOADER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rn_image_loader_parent_class)->dispose (object);
}

static void
rn_image_loader_class_init (RnImageLoaderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rn_image_loader_dispose;
}

static void
rn_image_loader_init (RnImageLoader *self)
{
  self->session = soup_session_new_with_options ("timeout", TIMEOUT_SECONDS,
                                                 "max-conns-per-host", 4,
                                                 "user-agent", PACKAGE_NAME "/" PACKAGE_VERSION " ",
                                                 NULL);
}

RnImageLoader *
rn_image_loader_new (void)
{
  return g_object_new (RN_TYPE_IMAGE_LOADER, NULL);
}

gboolean
rn_image_loader_type_ok (const char *content_type)
{
  if (content_type == NULL || !g_str_has_prefix (content_type, "image/"))
    return FALSE;
  return !g_str_has_prefix (content_type, "image/svg");
}

static void
return_error (GTask      *task,
              int         code,
              const char *message)
{
  g_task_return_new_error (task, RN_IMAGE_LOADER_ERROR, code, "%s", message);
}

static void read_next (GTask *task);

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        return_error (task, RN_IMAGE_LOADER_ERROR_NETWORK, error->message);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      GBytes *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&d->body));

      g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (d->body->len + g_bytes_get_size (chunk) > RN_IMAGE_LOADER_MAX_BYTES)
    {
      return_error (task, RN_IMAGE_LOADER_ERROR_TOO_LARGE, _("The image is too large"));
      return;
    }
  g_byte_array_append (d->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  LoadData *d = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (d->stream, CHUNK_SIZE, G_PRIORITY_LOW,
                                   g_task_get_cancellable (task), on_read_cb, task);
}

static void
on_send_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  goffset length;
  guint status;

  d->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (d->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        return_error (task, RN_IMAGE_LOADER_ERROR_NETWORK, error->message);
      return;
    }

  status = soup_message_get_status (d->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, RN_IMAGE_LOADER_ERROR, RN_IMAGE_LOADER_ERROR_HTTP,
                               _("The server answered %u"), status);
      return;
    }
  headers = soup_message_get_response_headers (d->message);
  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (!rn_image_loader_type_ok (content_type))
    {
      return_error (task, RN_IMAGE_LOADER_ERROR_NOT_IMAGE, _("The address does not point to an image"));
      return;
    }
  length = soup_message_headers_get_content_length (headers);
  if (length > RN_IMAGE_LOADER_MAX_BYTES)
    {
      return_error (task, RN_IMAGE_LOADER_ERROR_TOO_LARGE, _("The image is too large"));
      return;
    }
  d->body = g_byte_array_sized_new (length > 0 ? (guint) length : CHUNK_SIZE);
  read_next (g_steal_pointer (&task));
}

void
rn_image_loader_load_async (RnImageLoader       *self,
                            const char          *url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  LoadData *d;

  g_return_if_fail (RN_IS_IMAGE_LOADER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_image_loader_load_async);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      return_error (task, RN_IMAGE_LOADER_ERROR_INVALID_URL, _("Not a web address"));
      return;
    }

  d = g_new0 (LoadData, 1);
  d->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_message_headers_replace (soup_message_get_request_headers (d->message), "Accept",
                                "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1");
  g_task_set_task_data (task, d, load_data_free);
  soup_session_send_async (self->session, d->message, G_PRIORITY_LOW, cancellable,
                           on_send_cb, g_steal_pointer (&task));
}

GBytes *
rn_image_loader_load_finish (RnImageLoader  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
