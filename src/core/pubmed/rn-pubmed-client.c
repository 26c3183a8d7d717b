/* rn-pubmed-client.c: the one door to NCBI E-utilities. Every request goes
 * through a queue that keeps NCBI's rate limit (a sliding one-second
 * window), carries `tool` and `email`, is capped in time and size, and is
 * retried with exponential back-off on 429 and 5xx (Retry-After wins). */
#define G_LOG_DOMAIN "rn-pubmed"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-pubmed-client-private.h"
#include "rn-pubmed-parse.h"

/* NCBI counts requests per second; a little slack keeps us below the limit
 * when requests arrive late at NCBI. */
#define RATE_WINDOW_US (G_USEC_PER_SEC + 50 * 1000)
#define RATE_WITHOUT_KEY 3
#define RATE_WITH_KEY 10
#define READ_CHUNK 65536
/* Retry-After beyond this is not waited for. */
#define MAX_RETRY_AFTER_S 120
#define MAX_QUERY_LENGTH (16 * 1024)
#define STATUS_TOO_MANY_REQUESTS 429

struct _RnPubmedClient
{
  GObject       parent_instance;

  SoupSession  *session;
  GMainContext *context;
  char         *base_url;
  char         *email;
  char         *api_key;          /* secret: never logged */

  guint         max_retries;
  guint         base_delay_ms;
  guint         max_delay_ms;
  guint         timeout_s;
  guint         search_page;
  guint         fetch_batch;

  GQueue        pending;          /* GTask *, waiting for the rate limit */
  GArray       *sent;             /* gint64 monotonic times of recent sends */
  GSource      *pump_source;
};

G_DEFINE_FINAL_TYPE (RnPubmedClient, rn_pubmed_client, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_BASE_URL,
  PROP_CONTACT_EMAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char          *endpoint;
  GStrv          params;
  gboolean       post;
  gsize          max_bytes;
  guint          attempt;

  SoupMessage   *msg;
  GInputStream  *stream;
  GByteArray    *body;
  GCancellable  *op_cancel;       /* this attempt: user cancel or timeout */
  GCancellable  *user_cancel;
  gulong         user_cancel_id;
  GSource       *timeout_source;
  gboolean       timed_out;
  GSource       *wait_source;     /* back-off before a retry */
  GSource       *wait_cancel_source;
} Request;

static void pump (RnPubmedClient *self);

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_source_unref (*source);
      *source = NULL;
    }
}

static void
end_attempt (Request *req)
{
  destroy_source (&req->timeout_source);
  if (req->user_cancel_id != 0)
    {
      g_cancellable_disconnect (req->user_cancel, req->user_cancel_id);
      req->user_cancel_id = 0;
    }
  g_clear_object (&req->op_cancel);
  g_clear_object (&req->stream);
}

static void
request_free (gpointer data)
{
  Request *req = data;

  end_attempt (req);
  destroy_source (&req->wait_source);
  destroy_source (&req->wait_cancel_source);
  g_free (req->endpoint);
  g_strfreev (req->params);
  g_clear_object (&req->msg);
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_clear_object (&req->user_cancel);
  g_free (req);
}

/* ---- GObject ---- */

static void
rn_pubmed_client_dispose (GObject *object)
{
  RnPubmedClient *self = RN_PUBMED_CLIENT (object);

  destroy_source (&self->pump_source);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rn_pubmed_client_parent_class)->dispose (object);
}

static void
rn_pubmed_client_finalize (GObject *object)
{
  RnPubmedClient *self = RN_PUBMED_CLIENT (object);

  g_assert (g_queue_is_empty (&self->pending));
  g_free (self->base_url);
  g_free (self->email);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_free (self->api_key);
  g_array_unref (self->sent);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (rn_pubmed_client_parent_class)->finalize (object);
}

static void
rn_pubmed_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RnPubmedClient *self = RN_PUBMED_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_CONTACT_EMAIL:
      g_value_set_string (value, self->email);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_pubmed_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RnPubmedClient *self = RN_PUBMED_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_BASE_URL:
      rn_pubmed_client_set_base_url (self, g_value_get_string (value));
      break;
    case PROP_CONTACT_EMAIL:
      rn_pubmed_client_set_contact_email (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_pubmed_client_constructed (GObject *object)
{
  RnPubmedClient *self = RN_PUBMED_CLIENT (object);

  G_OBJECT_CLASS (rn_pubmed_client_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = soup_session_new_with_options ("user-agent", "RadNet/" PACKAGE_VERSION " ",
                                                   "max-conns-per-host", 3,
                                                   NULL);
}

static void
rn_pubmed_client_class_init (RnPubmedClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rn_pubmed_client_dispose;
  object_class->finalize = rn_pubmed_client_finalize;
  object_class->get_property = rn_pubmed_client_get_property;
  object_class->set_property = rn_pubmed_client_set_property;
  object_class->constructed = rn_pubmed_client_constructed;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, RN_PUBMED_DEFAULT_BASE_URL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTACT_EMAIL] =
    g_param_spec_string ("contact-email", NULL, NULL, RN_PUBMED_DEFAULT_EMAIL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rn_pubmed_client_init (RnPubmedClient *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->base_url = g_strdup (RN_PUBMED_DEFAULT_BASE_URL);
  self->email = g_strdup (RN_PUBMED_DEFAULT_EMAIL);
  self->max_retries = 3;
  self->base_delay_ms = 1000;
  self->max_delay_ms = 30000;
  self->timeout_s = 30;
  self->search_page = 500;
  self->fetch_batch = 200;
  self->sent = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_queue_init (&self->pending);
}

RnPubmedClient *
rn_pubmed_client_new (SoupSession *session,
                      const char  *contact_email)
{
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  return g_object_new (RN_TYPE_PUBMED_CLIENT,
                       "session", session,
                       "contact-email", contact_email,
                       NULL);
}

void
rn_pubmed_client_set_base_url (RnPubmedClient *self,
                               const char     *base_url)
{
  g_autofree char *url = NULL;

  g_return_if_fail (RN_IS_PUBMED_CLIENT (self));

  if (base_url == NULL || *base_url == '\0')
    base_url = RN_PUBMED_DEFAULT_BASE_URL;
  /* Endpoints are appended: the base ends with a slash. */
  url = g_str_has_suffix (base_url, "/") ? g_strdup (base_url) : g_strconcat (base_url, "/", NULL);
  if (g_strcmp0 (url, self->base_url) == 0)
    return;
  g_free (self->base_url);
  self->base_url = g_steal_pointer (&url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

const char *
rn_pubmed_client_get_base_url (RnPubmedClient *self)
{
  g_return_val_if_fail (RN_IS_PUBMED_CLIENT (self), NULL);
  return self->base_url;
}

void
rn_pubmed_client_set_contact_email (RnPubmedClient *self,
                                    const char     *email)
{
  g_return_if_fail (RN_IS_PUBMED_CLIENT (self));

  if (email == NULL || *email == '\0')
    email = RN_PUBMED_DEFAULT_EMAIL;
  if (g_strcmp0 (email, self->email) == 0)
    return;
  g_free (self->email);
  self->email = g_strdup (email);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_EMAIL]);
}

void
rn_pubmed_client_set_api_key (RnPubmedClient *self,
                              const char     *api_key)
{
  g_return_if_fail (RN_IS_PUBMED_CLIENT (self));

  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  if (api_key != NULL && *api_key != '\0')
    self->api_key = g_strdup (api_key);
  /* The limit may have risen. */
  pump (self);
}

gboolean
rn_pubmed_client_has_api_key (RnPubmedClient *self)
{
  g_return_val_if_fail (RN_IS_PUBMED_CLIENT (self), FALSE);
  return self->api_key != NULL;
}

void
rn_pubmed_client_set_retry_policy (RnPubmedClient *self,
                                   guint           max_retries,
                                   guint           base_delay_ms,
                                   guint           max_delay_ms)
{
  g_return_if_fail (RN_IS_PUBMED_CLIENT (self));

  self->max_retries = MIN (max_retries, 10);
  self->base_delay_ms = base_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, base_delay_ms);
}

void
rn_pubmed_client_set_timeout (RnPubmedClient *self,
                              guint           seconds)
{
  g_return_if_fail (RN_IS_PUBMED_CLIENT (self));
  self->timeout_s = seconds > 0 ? seconds : 30;
}

void
rn_pubmed_client_set_page_sizes (RnPubmedClient *self,
                                 guint           search_page,
                                 guint           fetch_batch)
{
  g_return_if_fail (RN_IS_PUBMED_CLIENT (self));

  /* NCBI: esearch returns at most 10 000 ids a page; esummary and efetch
   * take batches of at most 200 ids. */
  self->search_page = CLAMP (search_page, 1, 10000);
  self->fetch_batch = CLAMP (fetch_batch, 1, 200);
}

guint
rn_pubmed_client_get_search_page (RnPubmedClient *self)
{
  return self->search_page;
}

guint
rn_pubmed_client_get_fetch_batch (RnPubmedClient *self)
{
  return self->fetch_batch;
}

/* ---- one request ---- */

static void
append_param (GString    *form,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  if (form->len > 0)
    g_string_append_c (form, '&');
  g_string_append (form, name);
  g_string_append_c (form, '=');
  g_string_append (form, escaped);
}

static char *
encode_params (RnPubmedClient *self,
               Request        *req)
{
  GString *form = g_string_new (NULL);

  for (guint i = 0; req->params[i] != NULL && req->params[i + 1] != NULL; i += 2)
    append_param (form, req->params[i], req->params[i + 1]);
  append_param (form, "tool", RN_PUBMED_TOOL);
  append_param (form, "email", self->email);
  if (self->api_key != NULL)
    append_param (form, "api_key", self->api_key);
  return g_string_free (form, FALSE);
}

static void
return_error (GTask  *task,
              GError *error)
{
  /* NCBI echoes request URLs in some messages: the key must not leak. */
  g_autofree char *scrubbed = rn_pubmed_scrub_secrets (error->message);

  g_free (error->message);
  error->message = g_steal_pointer (&scrubbed);
  g_task_return_error (task, error);
}

static gboolean
on_timeout (gpointer data)
{
  Request *req = data;

  req->timed_out = TRUE;
  g_cancellable_cancel (req->op_cancel);
  return G_SOURCE_REMOVE;
}

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      data)
{
  /* May run on another thread; cancel is thread-safe. */
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static void read_more (GTask *task);

static void
fail_attempt (GTask  *task,
              GError *error)
{
  RnPubmedClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  gboolean timed_out = req->timed_out;

  end_attempt (req);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && timed_out)
    {
      g_error_free (error);
      g_task_return_new_error (task, RN_PUBMED_ERROR, RN_PUBMED_ERROR_NETWORK,
                               _("PubMed did not answer within %u seconds"), self->timeout_s);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
           error->domain == RN_PUBMED_ERROR)
    return_error (task, error);
  else
    {
      g_autofree char *scrubbed = rn_pubmed_scrub_secrets (error->message);

      g_debug ("%s: %s", req->endpoint, scrubbed);
      g_task_return_new_error (task, RN_PUBMED_ERROR, RN_PUBMED_ERROR_NETWORK,
                               _("Could not reach PubMed: %s"), scrubbed);
      g_error_free (error);
    }
  g_object_unref (task);
}

/* Seconds from Retry-After (delta or HTTP date); -1 when absent. */
static gint64
retry_after_seconds (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
    return (gint64) seconds;
  {
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    if (when == NULL)
      return -1;
    return MAX (0, g_date_time_difference (when, now) / G_USEC_PER_SEC);
  }
}

static gboolean
on_retry_wait_done (gpointer data)
{
  GTask *task = data;
  RnPubmedClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  /* This source is being dispatched: drop our pointer without destroying
   * it twice; the cancel source goes. */
  g_clear_pointer (&req->wait_source, g_source_unref);
  destroy_source (&req->wait_cancel_source);
  g_queue_push_tail (&self->pending, g_object_ref (task));
  pump (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_wait_cancelled (GCancellable *cancellable,
                         gpointer      data)
{
  GTask *task = data;
  Request *req = g_task_get_task_data (task);

  g_clear_pointer (&req->wait_cancel_source, g_source_unref);
  destroy_source (&req->wait_source);
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  RnPubmedClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  g_debug ("%s: retry %u in %u ms", req->endpoint, req->attempt, delay_ms);
  req->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (req->wait_source, on_retry_wait_done, g_object_ref (task), g_object_unref);
  g_source_attach (req->wait_source, self->context);
  if (req->user_cancel != NULL)
    {
      req->wait_cancel_source = g_cancellable_source_new (req->user_cancel);
      g_source_set_callback (req->wait_cancel_source, (GSourceFunc) (void (*) (void)) on_retry_wait_cancelled,
                             g_object_ref (task), g_object_unref);
      g_source_attach (req->wait_cancel_source, self->context);
    }
}

/* A short, scrubbed excerpt of an error body, for the message. */
static char *
body_excerpt (GByteArray *body)
{
  g_autofree char *text = NULL;
  gsize len = MIN (body->len, 300);

  if (len == 0)
    return NULL;
  text = g_utf8_make_valid ((const char *) body->data, (gssize) len);
  g_strstrip (text);
  return *text != '\0' ? rn_pubmed_scrub_secrets (text) : NULL;
}

static void
finish_response (GTask *task)
{
  RnPubmedClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  gboolean retryable = status == STATUS_TOO_MANY_REQUESTS || (status >= 500 && status < 600);
  g_autofree char *excerpt = NULL;

  end_attempt (req);

  if (status >= 200 && status < 300)
    {
      GByteArray *body = g_steal_pointer (&req->body);

      g_task_return_pointer (task, g_byte_array_free_to_bytes (body), (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  if (retryable && req->attempt < self->max_retries)
    {
      gint64 after = retry_after_seconds (req->msg);
      guint64 delay_ms;

      req->attempt++;
      if (after >= 0)
        {
          if (after > MAX_RETRY_AFTER_S)
            goto fail;
          delay_ms = (guint64) after * 1000;
        }
      else
        delay_ms = MIN ((guint64) self->base_delay_ms << (req->attempt - 1), self->max_delay_ms);
      g_clear_pointer (&req->body, g_byte_array_unref);
      g_clear_object (&req->msg);
      schedule_retry (task, (guint) delay_ms);
      g_object_unref (task);
      return;
    }

fail:
  excerpt = req->body != NULL ? body_excerpt (req->body) : NULL;
  g_debug ("%s: HTTP %u: %s", req->endpoint, status, excerpt != NULL ? excerpt : "");
  if (status == STATUS_TOO_MANY_REQUESTS)
    g_task_return_new_error (task, RN_PUBMED_ERROR, RN_PUBMED_ERROR_RATE_LIMITED,
                             _("PubMed is receiving too many requests from this computer; try again later"));
  else if (status >= 500)
    g_task_return_new_error (task, RN_PUBMED_ERROR, RN_PUBMED_ERROR_SERVER,
                             _("PubMed is not available right now (HTTP %u)"), status);
  else
    g_task_return_new_error (task, RN_PUBMED_ERROR, RN_PUBMED_ERROR_SERVER,
                             _("PubMed refused the request (HTTP %u): %s"), status,
                             excerpt != NULL ? excerpt : soup_message_get_reason_phrase (req->msg));
  g_object_unref (task);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GTask *task = data;
  Request *req = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      fail_attempt (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      finish_response (task);
      return;
    }
  if (req->body->len + g_bytes_get_size (chunk) > req->max_bytes)
    {
      fail_attempt (task, g_error_new (RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                                       _("PubMed’s answer is larger than %zu MB"),
                                       req->max_bytes / (1024 * 1024)));
      return;
    }
  g_byte_array_append (req->body, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
  read_more (task);
}

static void
read_more (GTask *task)
{
  Request *req = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->op_cancel, on_read, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GTask *task = data;
  Request *req = g_task_get_task_data (task);
  GError *error = NULL;
  goffset length;

  req->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (req->stream == NULL)
    {
      fail_attempt (task, error);
      return;
    }
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (req->msg));
  if (length > 0 && (guint64) length > req->max_bytes)
    {
      fail_attempt (task, g_error_new (RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                                       _("PubMed’s answer is larger than %zu MB"),
                                       req->max_bytes / (1024 * 1024)));
      return;
    }
  req->body = g_byte_array_new ();
  read_more (task);
}

static void
dispatch (RnPubmedClient *self,
          GTask          *task)
{
  Request *req = g_task_get_task_data (task);
  g_autofree char *url = g_strconcat (self->base_url, req->endpoint, NULL);
  char *form = encode_params (self, req);

  if (req->post)
    req->msg = soup_message_new_from_encoded_form ("POST", url, form);
  else
    {
      g_autofree char *full = g_strconcat (url, "?", form, NULL);

      g_free (form);
      req->msg = soup_message_new ("GET", full);
    }
  if (req->msg == NULL)
    {
      g_task_return_new_error (task, RN_PUBMED_ERROR, RN_PUBMED_ERROR_NETWORK,
                               _("The PubMed address is not valid"));
      g_object_unref (task);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (req->msg), "Accept",
                                g_str_has_prefix (req->endpoint, "efetch") ? "application/xml" : "application/json");

  g_debug ("%s %s (attempt %u)", req->post ? "POST" : "GET", req->endpoint, req->attempt + 1);

  req->op_cancel = g_cancellable_new ();
  req->timed_out = FALSE;
  if (req->user_cancel != NULL)
    req->user_cancel_id = g_cancellable_connect (req->user_cancel, G_CALLBACK (on_user_cancelled),
                                                 req->op_cancel, NULL);
  req->timeout_source = g_timeout_source_new_seconds (self->timeout_s);
  g_source_set_callback (req->timeout_source, on_timeout, req, NULL);
  g_source_attach (req->timeout_source, self->context);

  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT, req->op_cancel, on_sent, task);
}

/* ---- the rate limit ---- */

static gboolean
on_pump_timeout (gpointer data)
{
  RnPubmedClient *self = data;

  g_clear_pointer (&self->pump_source, g_source_unref);
  pump (self);
  return G_SOURCE_REMOVE;
}

static void
pump (RnPubmedClient *self)
{
  guint limit = self->api_key != NULL ? RATE_WITH_KEY : RATE_WITHOUT_KEY;

  if (self->pump_source != NULL)
    return;

  while (!g_queue_is_empty (&self->pending))
    {
      GTask *task = g_queue_peek_head (&self->pending);
      gint64 now = g_get_monotonic_time ();

      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (g_queue_pop_head (&self->pending));
          continue;
        }

      /* Forget sends that left the window. */
      while (self->sent->len > 0 && now - g_array_index (self->sent, gint64, 0) >= RATE_WINDOW_US)
        g_array_remove_index (self->sent, 0);

      if (self->sent->len >= limit)
        {
          gint64 wait_us = g_array_index (self->sent, gint64, self->sent->len - limit) + RATE_WINDOW_US - now;

          self->pump_source = g_timeout_source_new ((guint) (wait_us / 1000 + 1));
          g_source_set_callback (self->pump_source, on_pump_timeout, self, NULL);
          g_source_attach (self->pump_source, self->context);
          return;
        }

      g_array_append_val (self->sent, now);
      dispatch (self, g_queue_pop_head (&self->pending));
    }
}

void
rn_pubmed_client_request_async (RnPubmedClient      *self,
                                const char          *endpoint,
                                const char *const   *params,
                                gboolean             post,
                                gsize                max_bytes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Request *req;

  g_return_if_fail (RN_IS_PUBMED_CLIENT (self));
  g_return_if_fail (endpoint != NULL && params != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_pubmed_client_request_async);
  g_task_set_check_cancellable (task, TRUE);
  req = g_new0 (Request, 1);
  req->endpoint = g_strdup (endpoint);
  req->params = g_strdupv ((char **) params);
  req->post = post;
  req->max_bytes = max_bytes;
  req->user_cancel = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, req, request_free);

  g_queue_push_tail (&self->pending, task);
  pump (self);
}

GBytes *
rn_pubmed_client_request_finish (RnPubmedClient  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
rn_pubmed_query_web_url (const char *query)
{
  g_autofree char *escaped = g_uri_escape_string (query != NULL ? query : "", NULL, FALSE);

  return g_strconcat ("https://pubmed.ncbi.nlm.nih.gov/?term=", escaped, "&sort=date", NULL);
}

gboolean
rn_pubmed_check_query (const char  *query,
                       GError     **error)
{
  const char *p = query;

  if (query != NULL)
    while (g_ascii_isspace (*p))
      p++;
  if (query == NULL || *p == '\0')
    {
      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY, _("The search is empty"));
      return FALSE;
    }
  if (strlen (query) > MAX_QUERY_LENGTH || !g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY,
                   _("The search is too long or not valid text"));
      return FALSE;
    }
  return TRUE;
}
