#include "config.h"

#include <string.h>

#include "reading/rn-zotero.h"
#include "rn-test-server.h"
#include "rn-test-util.h"

/* A stand-in for Zotero's connector server. */
typedef struct
{
  RnTestServer *server;
  JsonNode     *saved;          /* the last saveItems body */
  char         *api_version;
  char         *content_type;
  guint         save_status;
  guint         pings;
} Fixture;

static void
handle_ping (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *f = user_data;
  static const char page[] = "<!DOCTYPE html><html><body>Zotero is running</body></html>";

  f->pings++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

static void
handle_save (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  g_free (f->api_version);
  f->api_version = g_strdup (soup_message_headers_get_one (headers, "X-Zotero-Connector-API-Version"));
  g_free (f->content_type);
  f->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    {
      g_clear_pointer (&f->saved, json_node_unref);
      f->saved = json_node_copy (json_parser_get_root (parser));
    }
  soup_server_message_set_status (msg, f->save_status, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = rn_test_server_new ();
  f->save_status = SOUP_STATUS_CREATED;
  rn_test_server_add_handler (f->server, "/connector/ping", handle_ping, f);
  rn_test_server_add_handler (f->server, "/connector/saveItems", handle_save, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rn_test_server_free (f->server);
  g_clear_pointer (&f->saved, json_node_unref);
  g_free (f->api_version);
  g_free (f->content_type);
}

static RnZotero *
new_client (Fixture *f)
{
  g_autofree char *base = rn_test_server_url (f->server, "");

  return rn_zotero_new (NULL, base);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->ok = rn_zotero_ping_finish (RN_ZOTERO (object), result, &r->error);
  r->done = TRUE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->ok = rn_zotero_save_finish (RN_ZOTERO (object), result, &r->error);
  r->done = TRUE;
}

static GPtrArray *
entries_new (void)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_export_entry_free);
  g_autoptr(RnReference) article = rn_reference_new ("article-journal");
  g_autoptr(RnReference) podcast = rn_reference_new ("broadcast");
  g_autoptr(RnReference) web = rn_reference_new ("webpage");
  const char *tags[] = { "lung", "screening", NULL };

  rn_reference_set (article, RN_REF_TITLE, "Deep Learning Reconstruction and Lung Nodule Volumetry");
  rn_reference_set (article, RN_REF_CONTAINER_TITLE, "Radiology");
  rn_reference_set (article, RN_REF_CONTAINER_TITLE_SHORT, "Radiology");
  rn_reference_set (article, RN_REF_VOLUME, "306");
  rn_reference_set (article, RN_REF_ISSUE, "3");
  rn_reference_set (article, RN_REF_PAGE, "e221045");
  rn_reference_set (article, RN_REF_DOI, "10.5555/radiol.2023.221045");
  rn_reference_set (article, RN_REF_PMID, "36719287");
  rn_reference_set (article, RN_REF_URL, "https://pubs.example.org/doi/10.5555/radiol.2023.221045");
  rn_reference_set (article, RN_REF_ABSTRACT, "Background: noise.");
  rn_reference_add_author (article, "Müller", "Anna");
  rn_reference_add_author_literal (article, "Lung Screening Consortium");
  rn_reference_set_issued (article, 2023, 3, 0);
  rn_reference_set_notice (article, RN_NOTICE_CORRECTION, "10.5555/radiol.2023.229001", NULL, NULL);

  rn_reference_set (podcast, RN_REF_TITLE, "Episode 42: Adrenal nodules");
  rn_reference_set (podcast, RN_REF_CONTAINER_TITLE, "The Reading Room");
  rn_reference_set (podcast, RN_REF_DOI, "10.5555/pod.42");
  rn_reference_add_author (podcast, "Okafor", "Chidi");

  rn_reference_set (web, RN_REF_TITLE, "Bosniak classification");
  rn_reference_set (web, RN_REF_CONTAINER_TITLE, "Radiopaedia");

  g_ptr_array_add (entries, rn_export_entry_new (article, "Read for <journal club> & discuss.", tags,
                                                 G_MININT64, NULL));
  g_ptr_array_add (entries, rn_export_entry_new (podcast, NULL, NULL, G_MININT64, NULL));
  g_ptr_array_add (entries, rn_export_entry_new (web, NULL, NULL, G_MININT64, NULL));
  return entries;
}

static void
test_ping (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RnZotero) zotero = new_client (f);
  Result r = { 0 };

  rn_zotero_ping_async (zotero, NULL, ping_cb, &r);
  g_assert_true (rn_test_wait_for (&r.done, 5000));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (f->pings, ==, 1);
}

static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RnZotero) zotero = new_client (f);
  g_autoptr(GPtrArray) entries = entries_new ();
  Result r = { 0 };
  JsonObject *root, *item, *creator;
  JsonArray *items, *creators;

  rn_zotero_save_async (zotero, entries, "https://pubs.example.org/toc", NULL, save_cb, &r);
  g_assert_true (rn_test_wait_for (&r.done, 5000));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);

  g_assert_cmpstr (f->api_version, ==, "3");
  g_assert_cmpstr (f->content_type, ==, "application/json");
  g_assert_nonnull (f->saved);
  root = json_node_get_object (f->saved);
  g_assert_cmpstr (json_object_get_string_member (root, "uri"), ==, "https://pubs.example.org/toc");
  g_assert_cmpuint (strlen (json_object_get_string_member (root, "sessionID")), ==, 36);
  items = json_object_get_array_member (root, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);

  item = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "itemType"), ==, "journalArticle");
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "Deep Learning Reconstruction and Lung Nodule Volumetry");
  g_assert_cmpstr (json_object_get_string_member (item, "publicationTitle"), ==, "Radiology");
  g_assert_cmpstr (json_object_get_string_member (item, "journalAbbreviation"), ==, "Radiology");
  g_assert_cmpstr (json_object_get_string_member (item, "volume"), ==, "306");
  g_assert_cmpstr (json_object_get_string_member (item, "issue"), ==, "3");
  g_assert_cmpstr (json_object_get_string_member (item, "pages"), ==, "e221045");
  g_assert_cmpstr (json_object_get_string_member (item, "date"), ==, "2023-03");
  g_assert_cmpstr (json_object_get_string_member (item, "DOI"), ==, "10.5555/radiol.2023.221045");
  g_assert_cmpstr (json_object_get_string_member (item, "url"), ==, "https://pubs.example.org/doi/10.5555/radiol.2023.221045");
  g_assert_cmpstr (json_object_get_string_member (item, "abstractNote"), ==, "Background: noise.");
  g_assert_cmpstr (json_object_get_string_member (item, "extra"), ==,
                   "PMID: 36719287\nNotice: correction doi:10.5555/radiol.2023.229001");
  creators = json_object_get_array_member (item, "creators");
  g_assert_cmpuint (json_array_get_length (creators), ==, 2);
  creator = json_array_get_object_element (creators, 0);
  g_assert_cmpstr (json_object_get_string_member (creator, "firstName"), ==, "Anna");
  g_assert_cmpstr (json_object_get_string_member (creator, "lastName"), ==, "Müller");
  g_assert_cmpstr (json_object_get_string_member (creator, "creatorType"), ==, "author");
  creator = json_array_get_object_element (creators, 1);
  g_assert_cmpstr (json_object_get_string_member (creator, "lastName"), ==, "Lung Screening Consortium");
  g_assert_cmpint (json_object_get_int_member (creator, "fieldMode"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (item, "tags"), 1), "tag"),
                   ==, "screening");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (item, "notes"), 0), "note"),
                   ==, "<p>Read for &lt;journal club&gt; &amp; discuss.</p>");

  item = json_array_get_object_element (items, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "itemType"), ==, "podcast");
  g_assert_cmpstr (json_object_get_string_member (item, "seriesTitle"), ==, "The Reading Room");
  g_assert_false (json_object_has_member (item, "DOI"));
  g_assert_cmpstr (json_object_get_string_member (item, "extra"), ==, "DOI: 10.5555/pod.42");
  creator = json_array_get_object_element (json_object_get_array_member (item, "creators"), 0);
  g_assert_cmpstr (json_object_get_string_member (creator, "creatorType"), ==, "podcaster");

  item = json_array_get_object_element (items, 2);
  g_assert_cmpstr (json_object_get_string_member (item, "itemType"), ==, "webpage");
  g_assert_cmpstr (json_object_get_string_member (item, "websiteTitle"), ==, "Radiopaedia");
}

static void
test_rejected (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RnZotero) zotero = new_client (f);
  g_autoptr(GPtrArray) entries = entries_new ();
  Result r = { 0 };

  f->save_status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  rn_zotero_save_async (zotero, entries, NULL, NULL, save_cb, &r);
  g_assert_true (rn_test_wait_for (&r.done, 5000));
  g_assert_false (r.ok);
  g_assert_error (r.error, RN_ZOTERO_ERROR, RN_ZOTERO_ERROR_REJECTED);
  g_clear_error (&r.error);
}

static void
handle_other (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "hello", 5);
}

static void
test_not_zotero (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  g_autofree char *base = rn_test_server_url (server, "");
  g_autoptr(RnZotero) zotero = rn_zotero_new (NULL, base);
  Result r = { 0 };

  rn_test_server_add_handler (server, "/connector/ping", handle_other, NULL);
  rn_zotero_ping_async (zotero, NULL, ping_cb, &r);
  g_assert_true (rn_test_wait_for (&r.done, 5000));
  g_assert_false (r.ok);
  g_assert_error (r.error, RN_ZOTERO_ERROR, RN_ZOTERO_ERROR_NOT_ZOTERO);
  g_clear_error (&r.error);
}

/* A port where nothing listens: bind one, note it, close it. */
static char *
dead_base_url (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
test_not_running (void)
{
  g_autofree char *base = dead_base_url ();
  g_autoptr(RnZotero) zotero = rn_zotero_new (NULL, base);
  g_autoptr(GPtrArray) entries = entries_new ();
  Result ping = { 0 };
  Result save = { 0 };

  rn_zotero_ping_async (zotero, NULL, ping_cb, &ping);
  g_assert_true (rn_test_wait_for (&ping.done, 5000));
  g_assert_false (ping.ok);
  g_assert_error (ping.error, RN_ZOTERO_ERROR, RN_ZOTERO_ERROR_NOT_RUNNING);
  g_assert_true (g_str_has_prefix (ping.error->message, "Zotero is not running"));
  g_clear_error (&ping.error);

  rn_zotero_save_async (zotero, entries, NULL, NULL, save_cb, &save);
  g_assert_true (rn_test_wait_for (&save.done, 5000));
  g_assert_error (save.error, RN_ZOTERO_ERROR, RN_ZOTERO_ERROR_NOT_RUNNING);
  g_clear_error (&save.error);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RnZotero) zotero = new_client (f);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  g_cancellable_cancel (cancellable);
  rn_zotero_save_async (zotero, entries, NULL, cancellable, save_cb, &r);
  g_assert_true (rn_test_wait_for (&r.done, 5000));
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (f->saved);
  g_clear_error (&r.error);
}

static void
test_loopback_only (void)
{
  if (g_test_subprocess ())
    {
      /* The library goes nowhere but this machine. */
      RnZotero *zotero = rn_zotero_new (NULL, "http://zotero.example.org:23119");

      g_assert_null (zotero);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*is_loopback*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/radnet/core/reading/zotero/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("ping", test_ping);
  ADD ("save", test_save);
  ADD ("rejected", test_rejected);
  ADD ("cancel", test_cancel);
#undef ADD
  g_test_add_func ("/radnet/core/reading/zotero/not-zotero", test_not_zotero);
  g_test_add_func ("/radnet/core/reading/zotero/not-running", test_not_running);
  g_test_add_func ("/radnet/core/reading/zotero/loopback-only", test_loopback_only);
  return g_test_run ();
}
