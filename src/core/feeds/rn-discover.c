/* rn-discover.c: feed autodiscovery.
 *
 * The probes of the usual paths use GET, not HEAD: many servers answer
 * HEAD wrongly or not at all, and only the first bytes of a body tell a
 * feed from an HTML error page served with status 200. They go through
 * RnHttp, so its per-host limit keeps them polite. */
#define G_LOG_DOMAIN "rn-discover"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "rn-discover.h"

#define SNIFF_SIZE        (64 * 1024)
#define PROBE_BODY_SIZE   (4 * 1024 * 1024)

G_DEFINE_QUARK (rn-discover-error-quark, rn_discover_error)

/* Tried, in this order, when a page announces no feed. */
static const char * const common_paths[] = {
  "/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml",
  "/feeds/posts/default", "/?feed=rss2",
};

void
rn_feed_candidate_free (RnFeedCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->url);
  g_free (candidate->title);
  g_free (candidate);
}

static RnFeedCandidate *
candidate_new (const char *url,
               const char *title,
               RnFeedType  type)
{
  RnFeedCandidate *c = g_new0 (RnFeedCandidate, 1);

  c->url = g_strdup (url);
  c->title = g_strdup (title);
  c->type = type;
  return c;
}

/* Sniffing ------------------------------------------------------------- */

static RnFeedType
sniff_json (const char *data,
            gsize       size)
{
  static GRegex *version = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (g_once_init_enter (&version))
    {
      GRegex *re = g_regex_new ("\"version\"\\s*:\\s*\"https?://jsonfeed\\.org/version/",
                                G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);

      g_once_init_leave (&version, re);
    }

  if (g_regex_match_full (version, data, size, 0, 0, &match, NULL))
    return RN_FEED_TYPE_JSON;
  return RN_FEED_TYPE_UNKNOWN;
}

/* Skips "<?...?>", "<!--...-->" and "<!...>" before the root element, then
 * names it by its local name. */
static RnFeedType
sniff_xml (const char *p,
           const char *end)
{
  const char *name;
  gsize len;

  while (p < end)
    {
      const char *close;

      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p >= end || *p != '<')
        return RN_FEED_TYPE_UNKNOWN;

      if (p + 4 <= end && memcmp (p, "<!--", 4) == 0)
        {
          close = g_strstr_len (p + 4, end - p - 4, "-->");
          if (close != NULL)
            close += 2;
        }
      else if (p + 1 < end && (p[1] == '?' || p[1] == '!'))
        close = memchr (p, '>', end - p);
      else
        break;
      if (close == NULL)
        return RN_FEED_TYPE_UNKNOWN;
      p = close + 1;
    }

  if (p >= end)
    return RN_FEED_TYPE_UNKNOWN;

  name = ++p;
  while (p < end && !g_ascii_isspace (*p) && *p != '>' && *p != '/')
    p++;
  len = p - name;
  {
    const char *colon = memchr (name, ':', len);

    if (colon != NULL)
      {
        len -= colon + 1 - name;
        name = colon + 1;
      }
  }

  if (len == 3 && memcmp (name, "rss", 3) == 0)
    return RN_FEED_TYPE_RSS;
  if (len == 3 && memcmp (name, "RDF", 3) == 0)
    return RN_FEED_TYPE_RSS;
  if (len == 4 && memcmp (name, "feed", 4) == 0)
    return RN_FEED_TYPE_ATOM;
  return RN_FEED_TYPE_UNKNOWN;
}

RnFeedType
rn_discover_sniff (GBytes *body)
{
  gsize size = 0;
  const char *data;
  const char *p, *end;

  g_return_val_if_fail (body != NULL, RN_FEED_TYPE_UNKNOWN);

  data = g_bytes_get_data (body, &size);
  if (data == NULL || size == 0)
    return RN_FEED_TYPE_UNKNOWN;
  size = MIN (size, SNIFF_SIZE);
  p = data;
  end = data + size;

  if (size >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end)
    return RN_FEED_TYPE_UNKNOWN;

  if (*p == '{')
    return sniff_json (p, end - p);
  if (*p == '<')
    return sniff_xml (p, end);
  return RN_FEED_TYPE_UNKNOWN;
}

/* HTML ---------------------------------------------------------------- */

static RnFeedType
type_for_link (const char *type,
               const char *href)
{
  g_autofree char *media = NULL;
  char *semi;

  if (type == NULL)
    return RN_FEED_TYPE_UNKNOWN;
  media = g_ascii_strdown (type, -1);
  semi = strchr (media, ';');
  if (semi != NULL)
    *semi = '\0';
  g_strstrip (media);

  if (g_str_equal (media, "application/rss+xml") || g_str_equal (media, "application/rdf+xml"))
    return RN_FEED_TYPE_RSS;
  if (g_str_equal (media, "application/atom+xml"))
    return RN_FEED_TYPE_ATOM;
  if (g_str_equal (media, "application/feed+json"))
    return RN_FEED_TYPE_JSON;
  /* WordPress announces its REST API as alternate application/json on
   * every page; that is not a feed. */
  if (g_str_equal (media, "application/json") && strstr (href, "/wp-json/") == NULL)
    return RN_FEED_TYPE_JSON;
  return RN_FEED_TYPE_UNKNOWN;
}

static gboolean
has_token (const char *list,
           const char *token)
{
  g_auto(GStrv) tokens = NULL;

  if (list == NULL)
    return FALSE;
  tokens = g_strsplit_set (list, " \t\r\n\f", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], token) == 0)
      return TRUE;
  return FALSE;
}

static char *
attr (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);
  return copy;
}

static gboolean
is_http_uri (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
         && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

/* Visits elements in document order without recursion (pages can nest
 * deeply). */
static xmlNode *
next_element (xmlNode *node,
              xmlNode *root)
{
  if (node->children != NULL)
    return node->children;
  while (node != NULL && node != root)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }
  return NULL;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

GPtrArray *
rn_discover_parse_html (GBytes     *html,
                        const char *base_url)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_feed_candidate_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GUri) base = NULL;
  htmlDocPtr doc;
  xmlNode *root;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (html != NULL, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  base = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  data = g_bytes_get_data (html, &size);
  if (base == NULL || data == NULL || size == 0 || size > G_MAXINT)
    return g_steal_pointer (&found);

  doc = htmlReadMemory (data, (int) size, base_url, NULL,
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
  if (doc == NULL)
    return g_steal_pointer (&found);
  root = xmlDocGetRootElement (doc);

  /* <base href> changes what relative links mean, wherever it is. */
  for (xmlNode *n = root; n != NULL; n = next_element (n, root))
    if (is_element (n, "base"))
      {
        g_autofree char *href = attr (n, "href");
        g_autoptr(GUri) resolved = NULL;

        if (href == NULL || href[0] == '\0')
          continue;
        resolved = g_uri_parse_relative (base, href, G_URI_FLAGS_NONE, NULL);
        if (resolved != NULL && is_http_uri (resolved))
          {
            g_uri_unref (base);
            base = g_steal_pointer (&resolved);
          }
        break;
      }

  for (xmlNode *n = root; n != NULL && found->len < RN_DISCOVER_MAX_CANDIDATES;
       n = next_element (n, root))
    {
      g_autofree char *rel = NULL;
      g_autofree char *type = NULL;
      g_autofree char *href = NULL;
      g_autofree char *title = NULL;
      g_autoptr(GUri) resolved = NULL;
      RnFeedCandidate *c;
      RnFeedType feed_type;

      if (!is_element (n, "link"))
        continue;
      rel = attr (n, "rel");
      if (!has_token (rel, "alternate"))
        continue;
      href = attr (n, "href");
      if (href == NULL || href[0] == '\0')
        continue;
      type = attr (n, "type");
      feed_type = type_for_link (type, href);
      if (feed_type == RN_FEED_TYPE_UNKNOWN)
        continue;

      resolved = g_uri_parse_relative (base, href, G_URI_FLAGS_NONE, NULL);
      if (resolved == NULL || !is_http_uri (resolved))
        continue;

      title = attr (n, "title");
      c = candidate_new (NULL, title != NULL && title[0] != '\0' ? title : NULL, feed_type);
      c->url = g_uri_to_string (resolved);
      if (g_hash_table_contains (seen, c->url))
        {
          rn_feed_candidate_free (c);
          continue;
        }
      g_ptr_array_add (found, c);
      g_hash_table_add (seen, c->url);
    }

  xmlFreeDoc (doc);
  return g_steal_pointer (&found);
}

/* Discovery ------------------------------------------------------------ */

typedef struct
{
  char            *url;
  RnFeedCandidate *probes[G_N_ELEMENTS (common_paths)];
  guint            pending;
} Discover;

typedef struct
{
  GTask *task;
  guint  index;
} Probe;

static void
discover_free (Discover *d)
{
  g_free (d->url);
  for (guint i = 0; i < G_N_ELEMENTS (common_paths); i++)
    rn_feed_candidate_free (d->probes[i]);
  g_free (d);
}

/* The URL to keep for a feed reached from @requested: where a permanent
 * redirect led, otherwise the address asked for. */
static const char *
url_to_keep (RnHttpResponse *r,
             const char     *requested)
{
  return r->permanent_url != NULL ? r->permanent_url : requested;
}

static void
return_probes (GTask *task)
{
  Discover *d = g_task_get_task_data (task);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_feed_candidate_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (common_paths); i++)
    {
      RnFeedCandidate *c = d->probes[i];

      if (c == NULL || g_hash_table_contains (seen, c->url))
        continue;
      d->probes[i] = NULL;
      g_ptr_array_add (found, c);
      g_hash_table_add (seen, c->url);
    }

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    g_task_return_new_error (task, RN_HTTP_ERROR, RN_HTTP_ERROR_CANCELLED,
                             "%s", _("The download was cancelled"));
  else if (found->len == 0)
    g_task_return_new_error (task, RN_DISCOVER_ERROR, RN_DISCOVER_ERROR_NO_FEED,
                             _("No feed was found at %s"), d->url);
  else
    g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_probe_fetched (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  Probe *probe = data;
  g_autoptr(GTask) task = probe->task;
  Discover *d = g_task_get_task_data (task);
  g_autoptr(RnHttpResponse) r = rn_http_fetch_finish (RN_HTTP (object), result, NULL);
  g_autofree char *requested = NULL;
  RnFeedType type;

  if (r->error == NULL && !r->not_modified && (type = rn_discover_sniff (r->body)) != RN_FEED_TYPE_UNKNOWN)
    {
      g_autoptr(GUri) site = g_uri_parse (d->url, G_URI_FLAGS_NONE, NULL);
      g_autoptr(GUri) target = g_uri_parse_relative (site, common_paths[probe->index],
                                                     G_URI_FLAGS_NONE, NULL);

      requested = g_uri_to_string (target);
      d->probes[probe->index] = candidate_new (url_to_keep (r, requested), NULL, type);
    }
  g_free (probe);

  if (--d->pending == 0)
    return_probes (task);
}

static void
probe_common_paths (GTask      *task,
                    RnHttp     *http,
                    const char *page_url)
{
  Discover *d = g_task_get_task_data (task);
  g_autoptr(GUri) page = g_uri_parse (page_url, G_URI_FLAGS_NONE, NULL);

  g_free (d->url);
  d->url = g_strdup (page_url);
  d->pending = G_N_ELEMENTS (common_paths);
  for (guint i = 0; i < G_N_ELEMENTS (common_paths); i++)
    {
      g_autoptr(GUri) target = g_uri_parse_relative (page, common_paths[i], G_URI_FLAGS_NONE, NULL);
      g_autofree char *url = g_uri_to_string (target);
      RnHttpRequest request = {
        .url = url,
        .max_body_size = PROBE_BODY_SIZE,
        .flags = RN_HTTP_REQUEST_PRIORITY | RN_HTTP_REQUEST_BROWSER_UA_RETRY,
      };
      Probe *probe = g_new0 (Probe, 1);

      probe->task = g_object_ref (task);
      probe->index = i;
      rn_http_fetch_async (http, &request, g_task_get_cancellable (task), on_probe_fetched, probe);
    }
}

static void
on_page_fetched (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  Discover *d = g_task_get_task_data (task);
  RnHttp *http = RN_HTTP (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = rn_http_fetch_finish (http, result, &error);
  g_autoptr(GPtrArray) links = NULL;
  RnFeedType type;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  type = rn_discover_sniff (r->body);
  if (type != RN_FEED_TYPE_UNKNOWN)
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_feed_candidate_free);

      g_ptr_array_add (found, candidate_new (url_to_keep (r, d->url), NULL, type));
      g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  links = rn_discover_parse_html (r->body, r->url);
  if (links->len > 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&links), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  g_debug ("%s announces no feed, trying the usual paths", r->url);
  probe_common_paths (task, http, r->url);
}

void
rn_discover_async (RnHttp              *http,
                   const char          *url,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Discover *d;
  RnHttpRequest request = {
    .url = url,
    .accept = "application/rss+xml, application/atom+xml, application/feed+json, "
              "application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, "
              "text/html;q=0.7, application/xhtml+xml;q=0.7, */*;q=0.1",
    .flags = RN_HTTP_REQUEST_PRIORITY | RN_HTTP_REQUEST_BROWSER_UA_RETRY,
  };

  g_return_if_fail (RN_IS_HTTP (http));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (http, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_discover_async);
  g_task_set_check_cancellable (task, FALSE);
  d = g_new0 (Discover, 1);
  d->url = g_strdup (url);
  g_task_set_task_data (task, d, (GDestroyNotify) discover_free);

  rn_http_fetch_async (http, &request, cancellable, on_page_fetched, g_steal_pointer (&task));
}

GPtrArray *
rn_discover_finish (RnHttp        *http,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (RN_IS_HTTP (http), NULL);
  g_return_val_if_fail (g_task_is_valid (result, http), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rn_discover_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
