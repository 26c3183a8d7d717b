/* rn-mastodon-api.c: one JSON call to a Mastodon server. */
#define G_LOG_DOMAIN "rn-mastodon"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rn-mastodon-api.h"

G_DEFINE_QUARK (rn-mastodon-error-quark, rn_mastodon_error)

/* A reset further away than this is a broken header, not a plan. */
#define MAX_RATE_LIMIT_WAIT (60 * 60)

static gboolean
is_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.';
}

char *
rn_mastodon_normalize_server (const char  *server,
                              GError     **error)
{
  g_autofree char *text = NULL;
  char *host, *end;
  const char *colon;

  if (server == NULL)
    server = "";
  text = g_strstrip (g_ascii_strdown (server, -1));
  host = text;
  if (g_str_has_prefix (host, "https://"))
    host += strlen ("https://");
  else if (g_str_has_prefix (host, "http://"))
    host += strlen ("http://");
  /* "@me@server" or "me@server": the server part */
  if (strrchr (host, '@') != NULL)
    host = strrchr (host, '@') + 1;
  end = strpbrk (host, "/?#");
  if (end != NULL)
    *end = '\0';

  colon = strchr (host, ':');
  for (const char *p = host; *p != '\0' && p != colon; p++)
    if (!is_host_char (*p))
      goto invalid;
  if (colon != NULL)
    {
      guint64 port = 0;

      if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL))
        goto invalid;
    }
  if (*host == '\0' || host[0] == '.' || host[0] == '-' || strlen (host) > 253 ||
      (colon == NULL && strchr (host, '.') == NULL && !g_str_equal (host, "localhost")))
    goto invalid;
  return g_strdup (host);

invalid:
  g_set_error (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_INVALID_SERVER,
               _("“%s” is not a server name such as mastodon.social"), server);
  return NULL;
}

gboolean
rn_mastodon_allow_http (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (g_strcmp0 (g_getenv ("RADNET_MASTODON_SCHEME"), "http") != 0 || url == NULL)
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_strcmp0 (g_uri_get_host (uri), "127.0.0.1") == 0;
}

char *
rn_mastodon_base_url (const char *server)
{
  g_autofree char *probe = g_strdup_printf ("http://%s/", server);

  if (rn_mastodon_allow_http (probe))
    return g_strdup_printf ("http://%s", server);
  return g_strdup_printf ("https://%s", server);
}

void
rn_mastodon_reply_free (RnMastodonReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->response, rn_http_response_unref);
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply->link_next);
  g_free (reply->link_prev);
  g_free (reply);
}

/* Link: <https://…?max_id=1>; rel="next", <https://…?min_id=9>; rel="prev" */
char *
rn_mastodon_parse_link (const char *link_header,
                        const char *rel)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *want = NULL;

  if (link_header == NULL || rel == NULL)
    return NULL;
  want = g_strdup_printf ("rel=\"%s\"", rel);
  parts = g_strsplit (link_header, ",", 16);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *lt = strchr (parts[i], '<');
      const char *gt = lt != NULL ? strchr (lt, '>') : NULL;

      if (gt == NULL || strstr (gt, want) == NULL)
        continue;
      return g_strndup (lt + 1, gt - lt - 1);
    }
  return NULL;
}

/* X-RateLimit-Remaining: 0, X-RateLimit-Reset: 2026-11-30T12:05:00.123Z */
guint
rn_mastodon_rate_limit_wait (const char *remaining,
                             const char *reset,
                             GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  guint64 left = 1;
  GTimeSpan span;

  if (remaining == NULL ||
      !g_ascii_string_to_unsigned (remaining, 10, 0, G_MAXUINT32, &left, NULL) ||
      left > 0)
    return 0;
  if (reset != NULL)
    when = g_date_time_new_from_iso8601 (reset, NULL);
  if (when == NULL)
    return 60;
  span = g_date_time_difference (when, now) / G_TIME_SPAN_SECOND;
  if (span <= 0)
    return 0;
  return (guint) MIN (span, MAX_RATE_LIMIT_WAIT);
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) response = rn_http_fetch_finish (RN_HTTP (source), result, &error);
  g_autoptr(RnMastodonReply) reply = g_new0 (RnMastodonReply, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = g_bytes_get_size (response->body);
  const char *api_message = NULL;
  guint *retry_after = g_task_get_task_data (task);

  reply->response = rn_http_response_ref (response);
  if (response->headers != NULL)
    {
      const char *link = soup_message_headers_get_one (response->headers, "Link");
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      reply->link_next = rn_mastodon_parse_link (link, "next");
      reply->link_prev = rn_mastodon_parse_link (link, "prev");
      reply->retry_after = rn_mastodon_rate_limit_wait (
        soup_message_headers_get_one (response->headers, "X-RateLimit-Remaining"),
        soup_message_headers_get_one (response->headers, "X-RateLimit-Reset"), now);
    }

  if (size > 0 &&
      json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL), size, NULL) &&
      json_parser_get_root (parser) != NULL)
    {
      reply->root = json_node_copy (json_parser_get_root (parser));
      if (JSON_NODE_HOLDS_OBJECT (reply->root))
        api_message = json_object_get_string_member_with_default (
          json_node_get_object (reply->root), "error_description",
          json_object_get_string_member_with_default (json_node_get_object (reply->root), "error", NULL));
    }

  if (error != NULL)
    {
      RnMastodonError code = RN_MASTODON_ERROR_FAILED;
      g_autofree char *host = NULL;
      g_autoptr(GUri) uri = g_uri_parse (response->url != NULL ? response->url : "", G_URI_FLAGS_NONE, NULL);

      host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
      if (g_error_matches (error, RN_HTTP_ERROR, RN_HTTP_ERROR_CANCELLED))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          return;
        }
      if (response->status == SOUP_STATUS_UNAUTHORIZED)
        {
          g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_UNAUTHORIZED,
                                   _("%s no longer accepts RadNet’s sign-in. Sign in again."), host);
          return;
        }
      if (g_error_matches (error, RN_HTTP_ERROR, RN_HTTP_ERROR_RATE_LIMITED))
        {
          if (retry_after != NULL)
            *retry_after = MAX (response->retry_after, reply->retry_after);
          g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_RATE_LIMITED,
                                   _("%s asks RadNet to wait before asking again"), host);
          return;
        }
      if (error->domain == RN_HTTP_ERROR &&
          (error->code == RN_HTTP_ERROR_NETWORK || error->code == RN_HTTP_ERROR_TIMEOUT ||
           error->code == RN_HTTP_ERROR_TLS || error->code == RN_HTTP_ERROR_SERVER))
        code = RN_MASTODON_ERROR_NETWORK;
      else if (g_error_matches (error, RN_HTTP_ERROR, RN_HTTP_ERROR_NOT_FOUND))
        code = RN_MASTODON_ERROR_NOT_FOUND;
      /* The server's own words, when it gave some (e.g. 422 "Text too long"). */
      if (api_message != NULL && *api_message != '\0')
        g_task_return_new_error (task, RN_MASTODON_ERROR, code, _("%s answered: %s"), host,
                                 api_message);
      else
        g_task_return_new_error (task, RN_MASTODON_ERROR, code, "%s", error->message);
      return;
    }

  if (size > 0 && reply->root == NULL)
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_BAD_RESPONSE,
                               _("The server’s answer is not what a Mastodon server sends"));
      return;
    }
  if (retry_after != NULL)
    *retry_after = reply->retry_after;
  g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) rn_mastodon_reply_free);
}

void
rn_mastodon_call_async (RnHttp               *http,
                        const RnMastodonCall *call,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (http, cancellable, callback, user_data);
  g_autofree char *auth = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *headers[7] = { NULL };
  guint n = 0;
  RnHttpRequest request = { 0 };

  g_task_set_source_tag (task, rn_mastodon_call_async);
  g_task_set_task_data (task, g_new0 (guint, 1), g_free);

  if (!g_str_has_prefix (call->url, "https://") && !rn_mastodon_allow_http (call->url))
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_INVALID_SERVER,
                               _("RadNet speaks to servers only over a secure connection (https)"));
      return;
    }

  if (call->token != NULL)
    {
      auth = g_strdup_printf ("Bearer %s", call->token);
      headers[n++] = "Authorization";
      headers[n++] = auth;
    }
  if (call->idempotency_key != NULL)
    {
      headers[n++] = "Idempotency-Key";
      headers[n++] = call->idempotency_key;
    }

  if (call->json_body != NULL)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();

      json_generator_set_root (gen, call->json_body);
      json = json_generator_to_data (gen, NULL);
      body = g_bytes_new (json, strlen (json));
      request.content_type = "application/json";
    }
  else if (call->form_body != NULL)
    {
      body = g_bytes_new (call->form_body, strlen (call->form_body));
      request.content_type = "application/x-www-form-urlencoded";
    }

  request.url = call->url;
  request.method = call->method;
  request.body = body;
  request.accept = "application/json";
  request.headers = n > 0 ? headers : NULL;
  request.max_body_size = RN_MASTODON_MAX_BODY;
  request.flags = call->user_requested ? RN_HTTP_REQUEST_PRIORITY : RN_HTTP_REQUEST_NONE;
  rn_http_fetch_async (http, &request, cancellable, on_fetched, g_steal_pointer (&task));

  /* The token went into RnHttp's own copy; wipe ours now. */
  if (auth != NULL)
    memset (auth, 0, strlen (auth));
}

RnMastodonReply *
rn_mastodon_call_finish (RnHttp        *http,
                         GAsyncResult  *result,
                         guint         *out_retry_after,
                         GError       **error)
{
  guint *retry_after;

  g_return_val_if_fail (g_task_is_valid (result, http), NULL);
  retry_after = g_task_get_task_data (G_TASK (result));
  if (out_retry_after != NULL)
    *out_retry_after = retry_after != NULL ? *retry_after : 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}
