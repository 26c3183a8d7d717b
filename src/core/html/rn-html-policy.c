#define G_LOG_DOMAIN "rn-html"

#include "config.h"

#include <string.h>

#include "rn-html-policy.h"

void
rn_html_policy_init (RnHtmlPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  memset (policy, 0, sizeof *policy);
  policy->images = RN_HTML_IMAGES_ASK;
  policy->max_input = RN_HTML_DEFAULT_MAX_INPUT;
  policy->max_depth = RN_HTML_DEFAULT_MAX_DEPTH;
  policy->max_nodes = RN_HTML_DEFAULT_MAX_NODES;
}

/* Bytes a browser would ignore or that have no business in a URL: every
 * C0 control (tab, newline, NUL, …) and DEL. Removing them everywhere is
 * stricter than browsers (which drop only tab/newline in the middle), and
 * that is the point: "java\x01script:" cannot become anything else. */
static inline gboolean
is_control (guchar c)
{
  return c < 0x20 || c == 0x7f;
}

static inline gboolean
needs_escape (guchar c)
{
  return c <= 0x20 || c >= 0x7f || strchr ("\"<>\\^`{|}", c) != NULL;
}

/* Strips controls anywhere and spaces at both ends, then percent-encodes
 * what must not appear raw. Stray '%' not followed by two hex digits is
 * encoded too, so the result always parses with G_URI_FLAGS_ENCODED. */
static char *
clean_url (const char *url)
{
  g_autoptr(GString) out = g_string_sized_new (strlen (url) + 8);
  const guchar *p = (const guchar *) url;
  gsize end;

  while (*p != '\0' && (*p == ' ' || is_control (*p)))
    p++;
  for (; *p != '\0'; p++)
    {
      if (is_control (*p))
        continue;
      if (*p == '%' && !(g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2])))
        g_string_append (out, "%25");
      else if (needs_escape (*p))
        g_string_append_printf (out, "%%%02X", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  /* Trailing spaces were encoded as %20: take them off again. */
  end = out->len;
  while (end >= 3 && strncmp (out->str + end - 3, "%20", 3) == 0)
    end -= 3;
  g_string_truncate (out, end);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The scheme as RFC 3986 defines it (ALPHA *( ALPHA / DIGIT / + - . ) ":"),
 * lower-cased, or NULL for a relative reference. */
static char *
get_scheme (const char *url)
{
  const char *p = url;

  if (!g_ascii_isalpha (*p))
    return NULL;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  if (*p != ':')
    return NULL;
  return g_ascii_strdown (url, p - url);
}

static gboolean
is_web_scheme (const char *scheme)
{
  return scheme != NULL && (strcmp (scheme, "http") == 0 || strcmp (scheme, "https") == 0);
}

/* An absolute http(s) URI with a host, normalised by GUri; else NULL. */
static char *
check_web_uri (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
  const char *host;

  if (uri == NULL || !is_web_scheme (g_uri_get_scheme (uri)))
    return NULL;
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return NULL;
  return g_uri_to_string (uri);
}

char *
rn_html_sanitize_url (const char    *url,
                      const char    *base_uri,
                      RnHtmlUrlKind  kind)
{
  g_autofree char *cleaned = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *base_scheme = NULL;

  if (url == NULL)
    return NULL;
  cleaned = clean_url (url);
  if (*cleaned == '\0')
    return NULL;

  scheme = get_scheme (cleaned);
  if (scheme != NULL)
    {
      if (is_web_scheme (scheme))
        return check_web_uri (cleaned);
      if (kind == RN_HTML_URL_LINK && strcmp (scheme, "mailto") == 0
          && g_uri_is_valid (cleaned, G_URI_FLAGS_ENCODED, NULL))
        return g_steal_pointer (&cleaned);
      return NULL;
    }

  /* Relative, including "//host/path": only against a web base. */
  if (base_uri == NULL)
    return NULL;
  base_scheme = get_scheme (base_uri);
  if (!is_web_scheme (base_scheme))
    return NULL;
  resolved = g_uri_resolve_relative (base_uri, cleaned, G_URI_FLAGS_ENCODED, NULL);
  if (resolved == NULL)
    return NULL;
  return check_web_uri (resolved);
}

/* Known tracking pixels. Each row matches a host (exactly, or as a domain
 * suffix when it starts with '.') and optionally a path prefix and a path
 * substring:
 *   feeds.feedburner.com/~r/…/~4/…   FeedBurner's per-item view counter
 *   feeds.feedburner.com/~ff/…       FeedFlare buttons (remote counters)
 *   feedproxy.google.com/~r/…/~4/…   the same behind Google's proxy
 *   stats.wordpress.com/b.gif, pixel.wp.com   WordPress.com stats
 *   .google-analytics.com, .doubleclick.net, .scorecardresearch.com,
 *   .quantserve.com, .feedsportal.com, mf.feeds.reuters.com   ad/metrics hosts
 *   feeds.feedblitz.com/~/i/          FeedBlitz's item pixel
 *   www.facebook.com/tr               Meta pixel
 *   .sendgrid.net/wf/open, .list-manage.com/track/   newsletter open counters
 * Any host: a first path segment of pixel, beacon, track, tracking or
 * tracker, or a file named pixel, beacon, track, tracker, 1x1 or spacer
 * (any extension). */
typedef struct
{
  const char *host;
  const char *path_prefix;
  const char *path_contains;
} RnTrackerRule;

static const RnTrackerRule tracker_rules[] = {
  { "feeds.feedburner.com", "/~r/", "/~4/" },
  { "feeds.feedburner.com", "/~ff/", NULL },
  { "feedproxy.google.com", "/~r/", "/~4/" },
  { "stats.wordpress.com", "/b.gif", NULL },
  { "pixel.wp.com", NULL, NULL },
  { ".google-analytics.com", NULL, NULL },
  { ".doubleclick.net", NULL, NULL },
  { ".scorecardresearch.com", NULL, NULL },
  { ".quantserve.com", NULL, NULL },
  { ".feedsportal.com", NULL, NULL },
  { "mf.feeds.reuters.com", NULL, NULL },
  { "feeds.feedblitz.com", "/~/i/", NULL },
  { "www.facebook.com", "/tr", NULL },
  { ".sendgrid.net", "/wf/open", NULL },
  { ".list-manage.com", "/track/", NULL },
};

static gboolean
host_matches (const char *host,
              const char *pattern)
{
  gsize hlen, plen;

  if (pattern[0] != '.')
    return g_ascii_strcasecmp (host, pattern) == 0;
  /* ".example.com" matches example.com and any sub-domain of it */
  if (g_ascii_strcasecmp (host, pattern + 1) == 0)
    return TRUE;
  hlen = strlen (host);
  plen = strlen (pattern);
  return hlen > plen && g_ascii_strcasecmp (host + hlen - plen, pattern) == 0;
}

static gboolean
is_tracker_name (const char *name,
                 gsize       len)
{
  static const char *const names[] = {
    "pixel", "beacon", "track", "tracking", "tracker", "1x1", "spacer",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (name, names[i], len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
path_is_tracker (const char *path)
{
  const char *first, *first_end, *last, *dot;

  if (path == NULL || path[0] != '/')
    return FALSE;
  first = path + 1;
  first_end = strchr (first, '/');
  if (first_end != NULL && is_tracker_name (first, first_end - first))
    return TRUE;
  last = strrchr (path, '/') + 1;
  dot = strchr (last, '.');
  return is_tracker_name (last, dot != NULL ? (gsize) (dot - last) : strlen (last));
}

gboolean
rn_html_url_is_tracker (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host, *path;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return FALSE;
  host = g_uri_get_host (uri);
  path = g_uri_get_path (uri);
  if (host != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (tracker_rules); i++)
      {
        const RnTrackerRule *rule = &tracker_rules[i];

        if (!host_matches (host, rule->host))
          continue;
        if (rule->path_prefix != NULL && !g_str_has_prefix (path, rule->path_prefix))
          continue;
        if (rule->path_contains != NULL && strstr (path, rule->path_contains) == NULL)
          continue;
        return TRUE;
      }
  return path_is_tracker (path);
}
