#define G_LOG_DOMAIN "rn-crossref"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rn-crossref.h"
#include "rn-identifiers.h"
#include "rn-reading-fetch.h"

/* After a 429 without Retry-After, wait this long. */
#define BACKOFF_DEFAULT_US (10 * G_USEC_PER_SEC)
#define BACKOFF_MAX_US     (300 * G_USEC_PER_SEC)

struct _RnCrossref
{
  GObject         parent_instance;

  SoupSession    *session;
  char           *mailto;
  char           *base_url;
  RnLookupCache  *cache;
  guint           rate;            /* what we were told */
  guint           server_rate;     /* what Crossref's headers allow; 0 unknown */
  gsize           max_body;
  guint           timeout_ms;

  /* One request at a time, started no faster than the rate allows. */
  GQueue          pending;         /* GTask * (owned) */
  gboolean        busy;
  gint64          next_start_us;   /* monotonic */
  GSource        *wait;
};

G_DEFINE_FINAL_TYPE (RnCrossref, rn_crossref, G_TYPE_OBJECT)
G_DEFINE_QUARK (rn-crossref-error-quark, rn_crossref_error)

typedef struct
{
  char         *doi;
  char         *key;
  gulong        cancel_id;
  SoupMessage  *msg;
} Lookup;

static void pump (RnCrossref *self);

static void
lookup_free (gpointer data)
{
  Lookup *l = data;

  g_free (l->doi);
  g_free (l->key);
  g_clear_object (&l->msg);
  g_free (l);
}

static void
rn_crossref_dispose (GObject *object)
{
  RnCrossref *self = RN_CROSSREF (object);

  if (self->wait != NULL)
    {
      g_source_destroy (self->wait);
      g_clear_pointer (&self->wait, g_source_unref);
    }
  G_OBJECT_CLASS (rn_crossref_parent_class)->dispose (object);
}

static void
rn_crossref_finalize (GObject *object)
{
  RnCrossref *self = RN_CROSSREF (object);

  /* Queued tasks hold a reference on us, so the queue is empty here. */
  g_warn_if_fail (self->pending.length == 0);
  g_clear_object (&self->session);
  g_clear_pointer (&self->cache, rn_lookup_cache_unref);
  g_free (self->mailto);
  g_free (self->base_url);

  G_OBJECT_CLASS (rn_crossref_parent_class)->finalize (object);
}

static void
rn_crossref_class_init (RnCrossrefClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rn_crossref_dispose;
  object_class->finalize = rn_crossref_finalize;
}

static void
rn_crossref_init (RnCrossref *self)
{
  self->base_url = g_strdup (RN_CROSSREF_DEFAULT_BASE_URL);
  self->rate = RN_CROSSREF_DEFAULT_RATE;
  self->max_body = RN_CROSSREF_DEFAULT_MAX_BODY;
  self->timeout_ms = RN_CROSSREF_DEFAULT_TIMEOUT_MS;
  g_queue_init (&self->pending);
}

RnCrossref *
rn_crossref_new (SoupSession *session,
                 const char  *mailto)
{
  RnCrossref *self;

  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  self = g_object_new (RN_TYPE_CROSSREF, NULL);
  self->session = session != NULL ? g_object_ref (session) : soup_session_new ();
  if (mailto != NULL && *mailto != '\0' && strchr (mailto, '@') != NULL)
    self->mailto = g_strdup (mailto);
  return self;
}

void
rn_crossref_set_base_url (RnCrossref *self,
                          const char *base_url)
{
  g_return_if_fail (RN_IS_CROSSREF (self));
  g_return_if_fail (base_url != NULL);

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
}

void
rn_crossref_set_cache (RnCrossref    *self,
                       RnLookupCache *cache)
{
  g_return_if_fail (RN_IS_CROSSREF (self));

  if (cache != NULL)
    rn_lookup_cache_ref (cache);
  g_clear_pointer (&self->cache, rn_lookup_cache_unref);
  self->cache = cache;
}

void
rn_crossref_set_rate_limit (RnCrossref *self,
                            guint       per_second)
{
  g_return_if_fail (RN_IS_CROSSREF (self));

  self->rate = MAX (per_second, 1);
}

void
rn_crossref_set_max_body_size (RnCrossref *self,
                               gsize       max_bytes)
{
  g_return_if_fail (RN_IS_CROSSREF (self));
  g_return_if_fail (max_bytes > 0);

  self->max_body = max_bytes;
}

void
rn_crossref_set_timeout (RnCrossref *self,
                         guint       timeout_ms)
{
  g_return_if_fail (RN_IS_CROSSREF (self));

  self->timeout_ms = timeout_ms;
}

char *
rn_crossref_cache_key (const char *doi)
{
  g_autofree char *normal = rn_identifiers_normalize_doi (doi);

  return normal != NULL ? g_strconcat ("crossref:work:", normal, NULL) : NULL;
}

static gint64
interval_us (RnCrossref *self)
{
  guint rate = self->rate;

  if (self->server_rate > 0)
    rate = MIN (rate, self->server_rate);
  return G_USEC_PER_SEC / MAX (rate, 1);
}

/* Crossref says how much it allows: "X-Rate-Limit-Limit: 50" per
 * "X-Rate-Limit-Interval: 1s". */
static void
read_rate_headers (RnCrossref  *self,
                   SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *limit = soup_message_headers_get_one (headers, "X-Rate-Limit-Limit");
  const char *interval = soup_message_headers_get_one (headers, "X-Rate-Limit-Interval");
  guint64 n, seconds;

  if (limit == NULL || interval == NULL)
    return;
  n = g_ascii_strtoull (limit, NULL, 10);
  seconds = g_ascii_strtoull (interval, NULL, 10);
  if (n == 0 || seconds == 0)
    return;
  self->server_rate = (guint) MAX (n / seconds, 1);
}

static void
back_off (RnCrossref  *self,
          SoupMessage *msg)
{
  const char *retry = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  gint64 wait = BACKOFF_DEFAULT_US;

  if (retry != NULL && g_ascii_isdigit (*retry))
    wait = MIN ((gint64) g_ascii_strtoull (retry, NULL, 10) * G_USEC_PER_SEC, BACKOFF_MAX_US);
  self->next_start_us = MAX (self->next_start_us, g_get_monotonic_time () + wait);
}

static GError *
error_for_transport (GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_TIMEOUT,
                        _("Crossref did not answer in time"));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    return g_error_new (RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_TOO_LARGE,
                        _("Crossref’s answer is too large"));
  return g_error_new (RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_NETWORK,
                      _("Could not reach Crossref: %s"), error->message);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RnCrossref *self = g_task_get_source_object (task);
  Lookup *l = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  RnReference *ref;
  guint status;

  self->busy = FALSE;
  body = rn_reading_fetch_finish (result, &error);
  if (body == NULL)
    {
      g_debug ("Crossref %s: %s", l->doi, error->message);
      g_task_return_error (task, error_for_transport (error));
      pump (self);
      return;
    }

  status = soup_message_get_status (l->msg);
  read_rate_headers (self, l->msg);
  g_debug ("Crossref %s: HTTP %u, %" G_GSIZE_FORMAT " bytes", l->doi, status, g_bytes_get_size (body));
  if (status == SOUP_STATUS_NOT_FOUND)
    g_task_return_new_error (task, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_NOT_FOUND,
                             _("Crossref does not know the DOI %s"), l->doi);
  else if (status == 429  /* Too Many Requests; libsoup 3.2 has no name for it */)
    {
      back_off (self, l->msg);
      g_task_return_new_error (task, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_RATE_LIMITED,
                               _("Crossref asks to slow down; try again later"));
    }
  else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    g_task_return_new_error (task, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_HTTP,
                             _("Crossref answered with an error (HTTP %u)"), status);
  else if ((ref = rn_crossref_parse_work (body, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      /* Only answers that made a record are worth keeping. */
      if (self->cache != NULL)
        rn_lookup_cache_put (self->cache, l->key, body);
      g_task_return_pointer (task, ref, g_object_unref);
    }
  pump (self);
}

static char *
build_url (RnCrossref *self,
           const char *doi)
{
  g_autofree char *escaped = g_uri_escape_string (doi, "/", FALSE);

  if (self->mailto != NULL)
    {
      g_autofree char *mailto = g_uri_escape_string (self->mailto, "@", FALSE);

      return g_strconcat (self->base_url, "/works/", escaped, "?mailto=", mailto, NULL);
    }
  return g_strconcat (self->base_url, "/works/", escaped, NULL);
}

static void
start (RnCrossref *self,
       GTask      *task)
{
  Lookup *l = g_task_get_task_data (task);
  g_autofree char *url = build_url (self, l->doi);
  g_autofree char *agent = NULL;
  SoupMessageHeaders *headers;

  l->msg = soup_message_new (SOUP_METHOD_GET, url);
  if (l->msg == NULL)
    {
      g_task_return_new_error (task, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_NETWORK,
                               _("Invalid Crossref address: %s"), self->base_url);
      g_object_unref (task);
      return;
    }
  /* Crossref routes clients that name themselves and a contact to its
   * "polite" pool. */
  agent = self->mailto != NULL
          ? g_strdup_printf ("%s/%s (%s; mailto:%s)", PACKAGE_NAME, PACKAGE_VERSION, PACKAGE_URL, self->mailto)
          : g_strdup_printf ("%s/%s (%s)", PACKAGE_NAME, PACKAGE_VERSION, PACKAGE_URL);
  headers = soup_message_get_request_headers (l->msg);
  soup_message_headers_replace (headers, "User-Agent", agent);
  soup_message_headers_replace (headers, "Accept", "application/json");

  self->busy = TRUE;
  self->next_start_us = g_get_monotonic_time () + interval_us (self);
  rn_reading_fetch_async (self->session, l->msg, self->max_body, self->timeout_ms,
                          g_task_get_cancellable (task), fetched_cb, task);
}

static gboolean
wait_done (gpointer user_data)
{
  RnCrossref *self = user_data;

  g_clear_pointer (&self->wait, g_source_unref);
  pump (self);
  return G_SOURCE_REMOVE;
}

static void
pump (RnCrossref *self)
{
  while (!self->busy && self->wait == NULL && self->pending.length > 0)
    {
      gint64 now = g_get_monotonic_time ();
      GTask *task;
      Lookup *l;

      if (now < self->next_start_us)
        {
          self->wait = g_timeout_source_new ((self->next_start_us - now + 999) / 1000);
          g_source_set_callback (self->wait, wait_done, self, NULL);
          g_source_attach (self->wait, g_main_context_get_thread_default ());
          return;
        }
      task = g_queue_pop_head (&self->pending);
      l = g_task_get_task_data (task);
      if (l->cancel_id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (task), l->cancel_id);
      l->cancel_id = 0;
      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          continue;
        }
      start (self, task);   /* takes the queue's reference */
    }
}

/* A lookup cancelled while it waits in the queue leaves it at once, from
 * the main context rather than the signal handler. */
static gboolean
drop_cancelled (gpointer user_data)
{
  GTask *task = user_data;
  RnCrossref *self = g_task_get_source_object (task);
  Lookup *l = g_task_get_task_data (task);

  if (g_queue_remove (&self->pending, task))
    {
      if (l->cancel_id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (task), l->cancel_id);
      l->cancel_id = 0;
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);    /* the queue's reference */
    }
  return G_SOURCE_REMOVE;
}

static void
on_queued_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GSource) idle = g_idle_source_new ();

  g_source_set_callback (idle, drop_cancelled, g_object_ref (task), g_object_unref);
  g_source_attach (idle, g_task_get_context (task));
}

void
rn_crossref_lookup_async (RnCrossref          *self,
                          const char          *doi,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) cached = NULL;
  Lookup *l;

  g_return_if_fail (RN_IS_CROSSREF (self));
  g_return_if_fail (doi != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_crossref_lookup_async);
  l = g_new0 (Lookup, 1);
  g_task_set_task_data (task, l, lookup_free);

  l->doi = rn_identifiers_normalize_doi (doi);
  if (l->doi == NULL)
    {
      g_task_return_new_error (task, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_INVALID_DOI,
                               _("“%s” is not a DOI"), doi);
      return;
    }
  l->key = rn_crossref_cache_key (l->doi);

  if (self->cache != NULL && (cached = rn_lookup_cache_get (self->cache, l->key)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      RnReference *ref = rn_crossref_parse_work (cached, &error);

      if (ref != NULL)
        {
          g_debug ("Crossref %s: from cache", l->doi);
          g_task_return_pointer (task, ref, g_object_unref);
          return;
        }
      g_debug ("Crossref %s: cached body unusable, asking again: %s", l->doi, error->message);
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  if (cancellable != NULL)
    l->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_queued_cancelled), task, NULL);
  g_queue_push_tail (&self->pending, g_steal_pointer (&task));
  pump (self);
}

RnReference *
rn_crossref_lookup_finish (RnCrossref    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (RN_IS_CROSSREF (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
