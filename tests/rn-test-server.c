#include "config.h"

#include "rn-test-server.h"

struct _RnTestServer
{
  SoupServer *server;
  char       *base;
  GHashTable *files;     /* path → Resource */
  GHashTable *hits;      /* path → GUINT */
  GHashTable *not_modified;
};

typedef struct
{
  GBytes *body;
  char   *content_type;
  char   *etag;
  char   *last_modified;
} Resource;

static void
resource_free (gpointer data)
{
  Resource *r = data;

  g_bytes_unref (r->body);
  g_free (r->content_type);
  g_free (r->etag);
  g_free (r->last_modified);
  g_free (r);
}

static void
count (GHashTable *table,
       const char *path)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, path));

  g_hash_table_insert (table, g_strdup (path), GUINT_TO_POINTER (n + 1));
}

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  RnTestServer *self = user_data;
  Resource *r;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *inm, *ims;

  count (self->hits, path);
  r = g_hash_table_lookup (self->files, path);
  if (r == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_message_headers_replace (response, "ETag", r->etag);
  soup_message_headers_replace (response, "Last-Modified", r->last_modified);

  inm = soup_message_headers_get_one (request, "If-None-Match");
  ims = soup_message_headers_get_one (request, "If-Modified-Since");
  if ((inm != NULL && g_str_equal (inm, r->etag)) ||
      (inm == NULL && ims != NULL && g_str_equal (ims, r->last_modified)))
    {
      count (self->not_modified, path);
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, r->content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (r->body, NULL),
                                    g_bytes_get_size (r->body));
}

RnTestServer *
rn_test_server_new (void)
{
  RnTestServer *self = g_new0 (RnTestServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->server = soup_server_new (NULL, NULL);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, resource_free);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->not_modified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soup_server_add_handler (self->server, NULL, serve, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
rn_test_server_free (RnTestServer *self)
{
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_hash_table_unref (self->files);
  g_hash_table_unref (self->hits);
  g_hash_table_unref (self->not_modified);
  g_free (self->base);
  g_free (self);
}

SoupServer *
rn_test_server_get_soup (RnTestServer *self)
{
  return self->server;
}

char *
rn_test_server_url (RnTestServer *self,
                    const char   *path)
{
  return g_strconcat (self->base, path, NULL);
}

void
rn_test_server_add_bytes (RnTestServer *self,
                          const char   *path,
                          const char   *content_type,
                          GBytes       *body)
{
  Resource *r = g_new0 (Resource, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  r->body = g_bytes_ref (body);
  r->content_type = g_strdup (content_type);
  r->etag = g_strdup_printf ("\"%08x-%zu\"", g_bytes_hash (body), g_bytes_get_size (body));
  r->last_modified = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  g_hash_table_insert (self->files, g_strdup (path), r);
}

void
rn_test_server_add_handler (RnTestServer       *self,
                            const char         *path,
                            SoupServerCallback  callback,
                            gpointer            user_data)
{
  soup_server_add_handler (self->server, path, callback, user_data, NULL);
}

guint
rn_test_server_get_hits (RnTestServer *self,
                         const char   *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
}

guint
rn_test_server_get_304s (RnTestServer *self,
                         const char   *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->not_modified, path));
}
