/* rn-http-response.c: the response record, and the words for what went
 * wrong. Every message here may reach the user (a toast, a feed's error
 * line), so each one names the server and is translated. */
#define G_LOG_DOMAIN "rn-http"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "rn-http-private.h"

G_DEFINE_QUARK (rn-http-error-quark, rn_http_error)

G_DEFINE_BOXED_TYPE (RnHttpResponse, rn_http_response,
                     rn_http_response_ref, rn_http_response_unref)

RnHttpResponse *
rn_http_response_new (void)
{
  return g_atomic_rc_box_new0 (RnHttpResponse);
}

RnHttpResponse *
rn_http_response_ref (RnHttpResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
response_clear (gpointer data)
{
  RnHttpResponse *self = data;

  g_free (self->url);
  g_free (self->etag);
  g_free (self->last_modified);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->content_type);
  g_free (self->charset);
  g_free (self->permanent_url);
  g_clear_error (&self->error);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
}

void
rn_http_response_unref (RnHttpResponse *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, response_clear);
}

/* Retry-After is either delta seconds or an HTTP date (RFC 9110 10.2.3).
 * Anything else, or a date in the past, means no wait. */
guint
rn_http_parse_retry_after (const char *value,
                           GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *trimmed = NULL;
  GTimeSpan span;

  if (value == NULL)
    return 0;

  trimmed = g_strstrip (g_strdup (value));
  if (trimmed[0] == '\0')
    return 0;

  if (g_ascii_isdigit (trimmed[0]))
    {
      guint64 seconds;
      char *end = NULL;

      errno = 0;
      seconds = g_ascii_strtoull (trimmed, &end, 10);
      if (end == NULL || *end != '\0')
        return 0;
      if (errno == ERANGE || seconds > RN_HTTP_MAX_RETRY_AFTER)
        return RN_HTTP_MAX_RETRY_AFTER;
      return (guint) seconds;
    }

  when = soup_date_time_new_from_http_string (trimmed);
  if (when == NULL)
    return 0;

  span = g_date_time_difference (when, now);
  if (span <= 0)
    return 0;
  span = (span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND;
  return (guint) MIN (span, RN_HTTP_MAX_RETRY_AFTER);
}

GError *
rn_http_status_error (guint  status,
                      GUri  *uri)
{
  const char *host = g_uri_get_host (uri);
  const char *reason = soup_status_get_phrase (status);

  if (reason == NULL)
    reason = "";

  switch (status)
    {
    case SOUP_STATUS_NOT_FOUND:
      return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_NOT_FOUND,
                          _("The address was not found on %s (HTTP 404)"), host);
    case SOUP_STATUS_GONE:
      return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_GONE,
                          _("%s says this address was removed for good (HTTP 410)"), host);
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_FORBIDDEN,
                          _("%s refused access (HTTP %u %s)"), host, status, reason);
    case RN_HTTP_STATUS_TOO_MANY_REQUESTS:
      return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_RATE_LIMITED,
                          _("%s asks to slow down: too many requests (HTTP 429)"), host);
    default:
      break;
    }

  if (status >= 500 && status < 600)
    return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_SERVER,
                        _("The server %s had a problem (HTTP %u %s)"), host, status, reason);
  if (status >= 400 && status < 500)
    return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_CLIENT,
                        _("%s did not accept the request (HTTP %u %s)"), host, status, reason);
  return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_BAD_RESPONSE,
                      _("%s gave an unexpected answer (HTTP %u)"), host, status);
}

static GError *
tls_error (const GError *error,
           SoupMessage  *msg,
           const char   *host)
{
  GTlsCertificateFlags flags = msg != NULL ? soup_message_get_tls_peer_certificate_errors (msg) : 0;
  const char *why;

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    why = _("it is not signed by a trusted authority");
  else if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    why = _("it belongs to another site");
  else if (flags & G_TLS_CERTIFICATE_EXPIRED)
    why = _("it has expired");
  else if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    why = _("it is not valid yet");
  else if (flags & G_TLS_CERTIFICATE_REVOKED)
    why = _("it was revoked");
  else if (flags & G_TLS_CERTIFICATE_INSECURE)
    why = _("it uses insecure cryptography");
  else if (flags != 0 || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    why = _("it is not valid");
  else
    return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_TLS,
                        _("Could not set up a secure connection to %s: %s"),
                        host, error->message);

  return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_TLS,
                      _("The security certificate of %s was refused: %s. "
                        "The connection is not safe and was not made."),
                      host, why);
}

GError *
rn_http_transport_error (const GError *error,
                         SoupMessage  *msg,
                         GUri         *uri,
                         gboolean      timed_out)
{
  const char *host = g_uri_get_host (uri);

  if (timed_out)
    return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_TIMEOUT,
                        _("%s took too long to answer"), host);

  if (error->domain == RN_HTTP_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (RN_HTTP_ERROR, RN_HTTP_ERROR_CANCELLED,
                                _("The download was cancelled"));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_TIMEOUT,
                        _("%s took too long to answer"), host);

  if (error->domain == G_TLS_ERROR ||
      (msg != NULL && soup_message_get_tls_peer_certificate_errors (msg) != 0))
    return tls_error (error, msg, host);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_NETWORK,
                        _("Could not find the server %s: %s"), host, error->message);

  if (error->domain == SOUP_SESSION_ERROR)
    {
      switch (error->code)
        {
        case SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS:
        case SOUP_SESSION_ERROR_TOO_MANY_RESTARTS:
          return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_TOO_MANY_REDIRECTS,
                              _("%s redirects too many times"), host);
        default:
          return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_BAD_RESPONSE,
                              _("%s sent an answer that cannot be read: %s"),
                              host, error->message);
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_BAD_RESPONSE,
                        _("%s sent an answer that cannot be read: %s"),
                        host, error->message);

  /* libsoup ends a header block over its limit, or one cut off, this way
   * before any status is known. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
      msg != NULL && soup_message_get_status (msg) == 0)
    return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_BAD_RESPONSE,
                        _("%s sent no complete answer: its headers are missing, "
                          "cut off or too large"), host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_NETWORK,
                        _("The connection to %s broke off before the answer was complete"),
                        host);

  return g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_NETWORK,
                      _("Could not connect to %s: %s"), host, error->message);
}

/* "Text/HTML; charset=UTF-8" → "text/html", "UTF-8" */
void
rn_http_split_content_type (const char  *value,
                            char       **media_type,
                            char       **charset)
{
  g_autoptr(GHashTable) params = NULL;
  const char *cs;
  g_autofree char *type = NULL;

  *media_type = NULL;
  *charset = NULL;
  if (value == NULL)
    return;

  type = g_strdup (value);
  {
    char *semi = strchr (type, ';');

    if (semi != NULL)
      *semi = '\0';
  }
  g_strstrip (type);
  if (type[0] != '\0')
    *media_type = g_ascii_strdown (type, -1);

  {
    const char *semi = strchr (value, ';');

    if (semi == NULL)
      return;
    params = soup_header_parse_semi_param_list (semi + 1);
  }
  cs = g_hash_table_lookup (params, "charset");
  if (cs != NULL && cs[0] != '\0')
    *charset = g_strdup (cs);
}
