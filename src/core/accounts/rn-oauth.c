/* rn-oauth.c: PKCE and the loopback redirect receiver. */
#define G_LOG_DOMAIN "rn-oauth"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/random.h>

#include "rn-oauth.h"

G_DEFINE_QUARK (rn-oauth-error-quark, rn_oauth_error)

static char *
base64url (const guchar *data,
           gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *out = text;

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *out++ = '-';
      else if (*p == '/')
        *out++ = '_';
      else if (*p != '=')
        *out++ = *p;
    }
  *out = '\0';
  return text;
}

char *
rn_oauth_random_string (gsize    n_bytes,
                        GError **error)
{
  g_autofree guchar *buf = NULL;
  gsize got = 0;
  char *text;

  g_return_val_if_fail (n_bytes > 0 && n_bytes <= 256, NULL);

  buf = g_malloc (n_bytes);
  /* getrandom(2) blocks only until the pool is initialised at boot. */
  while (got < n_bytes)
    {
      ssize_t n = getrandom (buf + got, n_bytes - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;

          g_set_error (error, RN_OAUTH_ERROR, RN_OAUTH_ERROR_RANDOM,
                       _("The system gave no random numbers for a secure sign-in: %s"),
                       g_strerror (saved));
          return NULL;
        }
      got += (gsize) n;
    }
  text = base64url (buf, n_bytes);
  memset (buf, 0, n_bytes);
  return text;
}

char *
rn_oauth_s256_challenge (const char *verifier)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (sum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sum, digest, &len);
  return base64url (digest, len);
}

char *
rn_oauth_query_param (const char *uri,
                      const char *name)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;
  const char *query;

  if (parsed == NULL || (query = g_uri_get_query (parsed)) == NULL)
    return NULL;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  if (params == NULL)
    return NULL;
  return g_strdup (g_hash_table_lookup (params, name));
}

/* ---- loopback receiver ---- */

struct _RnOAuthLoopback
{
  GObject     parent_instance;

  SoupServer *server;
  char       *state;
  char       *redirect_uri;
  guint       timeout_seconds;
  GTask      *task;           /* the pending wait */
  GSource    *timeout;
  gulong      cancel_id;
  char       *code;           /* arrived before anyone waited */
  GError     *error;
  gboolean    answered;
};

G_DEFINE_FINAL_TYPE (RnOAuthLoopback, rn_oauth_loopback, G_TYPE_OBJECT)

static const char page_ok[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>RadNet</title></head>"
  "<body style=\"font-family:sans-serif;text-align:center;margin-top:4em\">"
  "<h1>%s</h1><p>%s</p></body></html>";

static void
stop_listening (RnOAuthLoopback *self)
{
  if (self->timeout != NULL)
    {
      g_source_destroy (self->timeout);
      g_clear_pointer (&self->timeout, g_source_unref);
    }
  if (self->server != NULL)
    soup_server_disconnect (self->server);
}

static void
complete (RnOAuthLoopback *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;
  if (self->cancel_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancel_id);
      self->cancel_id = 0;
    }
  if (self->error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&self->code), g_free);
}

static void
settle (RnOAuthLoopback *self,
        char            *code,
        GError          *error,
        gboolean         stop_now)
{
  if (self->answered)
    {
      g_free (code);
      g_clear_error (&error);
      return;
    }
  self->answered = TRUE;
  self->code = code;
  self->error = error;
  if (stop_now)
    stop_listening (self);
  complete (self);
}

/* Disconnecting the server drops its connections: wait until the page has
 * reached the browser before we stop listening. */
static void
on_page_sent (SoupServerMessage *msg,
              gpointer           data)
{
  stop_listening (data);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *title,
         const char        *text)
{
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *x = g_markup_escape_text (text, -1);
  g_autofree char *body = g_strdup_printf (page_ok, t, x);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  RnOAuthLoopback *self = data;
  const char *code, *state, *err;

  if (g_strcmp0 (path, "/callback") != 0 ||
      g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  if (self->answered)
    {
      respond (msg, SOUP_STATUS_GONE, _("Already done"),
               _("RadNet already received an answer. You can close this tab."));
      return;
    }

  code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;
  state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  err = query != NULL ? g_hash_table_lookup (query, "error") : NULL;

  /* A request without our state may come from another page on this
   * machine: refuse it, but keep waiting for the real one. */
  if (g_strcmp0 (state, self->state) != 0)
    {
      g_debug ("Loopback redirect with a wrong state ignored");
      respond (msg, SOUP_STATUS_BAD_REQUEST, _("Sign-in not recognised"),
               _("This answer does not belong to the sign-in RadNet started."));
      return;
    }
  if (err != NULL || code == NULL || *code == '\0')
    {
      respond (msg, SOUP_STATUS_OK, _("Sign-in cancelled"),
               _("RadNet was not given access. You can close this tab."));
      g_signal_connect_object (msg, "finished", G_CALLBACK (on_page_sent), self, 0);
      settle (self, NULL, g_error_new_literal (RN_OAUTH_ERROR, RN_OAUTH_ERROR_DENIED,
                                               _("The server did not give RadNet access "
                                                 "(the sign-in was refused or cancelled)")), FALSE);
      return;
    }

  respond (msg, SOUP_STATUS_OK, _("Signed in"),
           _("RadNet is signed in. You can close this tab."));
  g_signal_connect_object (msg, "finished", G_CALLBACK (on_page_sent), self, 0);
  settle (self, g_strdup (code), NULL, FALSE);
}

static gboolean
on_timeout (gpointer data)
{
  RnOAuthLoopback *self = data;

  g_clear_pointer (&self->timeout, g_source_unref);
  settle (self, NULL, g_error_new_literal (RN_OAUTH_ERROR, RN_OAUTH_ERROR_TIMED_OUT,
                                           _("The browser did not come back to RadNet in time. "
                                             "Start the sign-in again.")), TRUE);
  return G_SOURCE_REMOVE;
}

static void
rn_oauth_loopback_dispose (GObject *object)
{
  RnOAuthLoopback *self = RN_OAUTH_LOOPBACK (object);

  stop_listening (self);
  g_clear_object (&self->server);
  G_OBJECT_CLASS (rn_oauth_loopback_parent_class)->dispose (object);
}

static void
rn_oauth_loopback_finalize (GObject *object)
{
  RnOAuthLoopback *self = RN_OAUTH_LOOPBACK (object);

  g_free (self->state);
  g_free (self->redirect_uri);
  g_free (self->code);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (rn_oauth_loopback_parent_class)->finalize (object);
}

static void
rn_oauth_loopback_class_init (RnOAuthLoopbackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rn_oauth_loopback_dispose;
  object_class->finalize = rn_oauth_loopback_finalize;
}

static void
rn_oauth_loopback_init (RnOAuthLoopback *self)
{
}

RnOAuthLoopback *
rn_oauth_loopback_new (const char  *expected_state,
                       guint        timeout_seconds,
                       GError     **error)
{
  g_autoptr(RnOAuthLoopback) self = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;

  g_return_val_if_fail (expected_state != NULL, NULL);

  self = g_object_new (RN_TYPE_OAUTH_LOOPBACK, NULL);
  self->state = g_strdup (expected_state);
  self->timeout_seconds = timeout_seconds > 0 ? timeout_seconds : RN_OAUTH_LOOPBACK_TIMEOUT;
  self->server = soup_server_new ("server-header", "RadNet", NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);

  /* 127.0.0.1 only: nothing on the network may answer in the browser's place. */
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  if (!soup_server_listen (self->server, address, 0, error))
    {
      g_prefix_error (error, "%s", _("RadNet could not wait for the browser’s answer: "));
      return NULL;
    }
  uris = soup_server_get_uris (self->server);
  self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%d/callback",
                                        uris != NULL ? g_uri_get_port (uris->data) : 0);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->timeout = g_timeout_source_new_seconds (self->timeout_seconds);
  g_source_set_callback (self->timeout, on_timeout, self, NULL);
  g_source_attach (self->timeout, g_main_context_get_thread_default ());
  return g_steal_pointer (&self);
}

const char *
rn_oauth_loopback_get_redirect_uri (RnOAuthLoopback *self)
{
  g_return_val_if_fail (RN_IS_OAUTH_LOOPBACK (self), NULL);
  return self->redirect_uri;
}

static gboolean
cancel_in_idle (gpointer data)
{
  RnOAuthLoopback *self = data;

  settle (self, NULL, g_error_new_literal (RN_OAUTH_ERROR, RN_OAUTH_ERROR_CANCELLED,
                                           _("Sign-in cancelled")), TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, cancel_in_idle, g_object_ref (data), g_object_unref);
}

void
rn_oauth_loopback_wait_async (RnOAuthLoopback     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RN_IS_OAUTH_LOOPBACK (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_oauth_loopback_wait_async);
  self->task = g_steal_pointer (&task);
  if (self->answered)
    {
      complete (self);
      return;
    }
  if (cancellable != NULL)
    self->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_wait_cancelled), self, NULL);
}

char *
rn_oauth_loopback_wait_finish (RnOAuthLoopback  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
