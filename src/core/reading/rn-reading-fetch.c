#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-reading-fetch.h"

#define CHUNK_SIZE 16384

typedef struct
{
  SoupSession  *session;
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *body;
  gsize         max_bytes;
  GCancellable *internal;     /* cancelled by the caller or the deadline */
  GCancellable *external;
  gulong        external_id;
  GSource      *deadline;
  gboolean      timed_out;
} Fetch;

static void
fetch_stop (Fetch *f)
{
  if (f->deadline != NULL)
    {
      g_source_destroy (f->deadline);
      g_clear_pointer (&f->deadline, g_source_unref);
    }
  if (f->external_id != 0)
    {
      g_cancellable_disconnect (f->external, f->external_id);
      f->external_id = 0;
    }
}

static void
fetch_free (gpointer data)
{
  Fetch *f = data;

  fetch_stop (f);
  g_clear_object (&f->session);
  g_clear_object (&f->msg);
  g_clear_object (&f->stream);
  g_clear_pointer (&f->body, g_byte_array_unref);
  g_clear_object (&f->internal);
  g_clear_object (&f->external);
  g_free (f);
}

static void
fetch_fail (GTask  *task,
            GError *error)
{
  Fetch *f = g_task_get_task_data (task);

  fetch_stop (f);
  if (f->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               _("The server did not answer in time"));
      return;
    }
  g_task_return_error (task, error);
}

static gboolean
on_deadline (gpointer user_data)
{
  Fetch *f = user_data;

  f->timed_out = TRUE;
  g_cancellable_cancel (f->internal);
  return G_SOURCE_REMOVE;
}

static void
on_external_cancelled (GCancellable *cancellable,
                       gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      fetch_fail (task, g_steal_pointer (&error));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      fetch_stop (f);
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&f->body)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (f->body->len + g_bytes_get_size (chunk) > f->max_bytes)
    {
      fetch_fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                     _("The answer is larger than %zu bytes"),
                                     f->max_bytes));
      return;
    }
  g_byte_array_append (f->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (f->stream, CHUNK_SIZE, G_PRIORITY_DEFAULT, f->internal,
                                   read_cb, g_steal_pointer (&task));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset declared;

  f->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (f->stream == NULL)
    {
      fetch_fail (task, g_steal_pointer (&error));
      return;
    }
  declared = soup_message_headers_get_content_length (soup_message_get_response_headers (f->msg));
  if (declared > 0 && (guint64) declared > f->max_bytes)
    {
      fetch_fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                     _("The answer is larger than %zu bytes"),
                                     f->max_bytes));
      return;
    }
  g_input_stream_read_bytes_async (f->stream, CHUNK_SIZE, G_PRIORITY_DEFAULT, f->internal,
                                   read_cb, g_steal_pointer (&task));
}

void
rn_reading_fetch_async (SoupSession         *session,
                        SoupMessage         *msg,
                        gsize                max_bytes,
                        guint                timeout_ms,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Fetch *f;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_reading_fetch_async);
  f = g_new0 (Fetch, 1);
  f->session = g_object_ref (session);
  f->msg = g_object_ref (msg);
  f->body = g_byte_array_new ();
  f->max_bytes = max_bytes;
  f->internal = g_cancellable_new ();
  g_task_set_task_data (task, f, fetch_free);
  /* The task checks the caller's cancellable itself; we only forward it. */
  g_task_set_check_cancellable (task, FALSE);

  if (cancellable != NULL)
    {
      f->external = g_object_ref (cancellable);
      f->external_id = g_cancellable_connect (cancellable, G_CALLBACK (on_external_cancelled),
                                              g_object_ref (f->internal), g_object_unref);
    }
  if (timeout_ms > 0)
    {
      f->deadline = g_timeout_source_new (timeout_ms);
      g_source_set_callback (f->deadline, on_deadline, f, NULL);
      g_source_attach (f->deadline, g_main_context_get_thread_default ());
    }

  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, f->internal,
                           sent_cb, g_steal_pointer (&task));
}

GBytes *
rn_reading_fetch_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
