/* radnet-cli saved, end to end: subscribe and refresh from an in-process
 * server, save (with tags, note, state, reference look-up and offline
 * copy), list, export in every format (checked by bibtexparser and pandoc
 * when installed), the case file written after the server is gone,
 * removal and usage errors. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rn-cli-test.h"
#include "rn-test-server.h"
#include "rn-test-util.h"

static const char page[] =
  "<!DOCTYPE html><html><head><title>Whole-body MRI</title></head><body>"
  "<nav>Home Issues NAVMARKER</nav>"
  "<article><h1>Whole-body MRI</h1>"
  "<p>Whole-body MRI was compared with CT, PET and bone scintigraphy in two hundred patients, and the "
  "readers, blinded to the other tests, recorded every lesion, its site, and their confidence.</p>"
  "<p><img src=\"/img/red.png\" alt=\"Coronal STIR\"></p>"
  "<p>Survival was longer in the patients whose staging changed, which the authors read as a benefit "
  "of the method, although lead time and selection may explain much of it, as the letters point out.</p>"
  "</article></body></html>";

/* Like g_assert_cmpint on the exit status, with the command's stderr in
 * the failure message. */
#define assert_status(run, expected) G_STMT_START {                          \
    if ((run)->status != (expected))                                          \
      g_error ("exit status %d, expected %d; stderr:\n%s", (run)->status,     \
               (expected), (run)->err);                                       \
  } G_STMT_END

static char *
feed_for (RnTestServer *server)
{
  g_autofree char *article = rn_test_server_url (server, "/article");

  return g_strdup_printf (
    "<?xml version=\"1.0\"?>"
    "<rss version=\"2.0\" xmlns:prism=\"http://prismstandard.org/namespaces/basic/2.0/\""
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>European Journal of Example Radiology</title>"
    "<link>https://ejer.example.org/</link>"
    "<item><title>Whole-body MRI predicts survival</title><link>%s</link><guid>w1</guid>"
    "<pubDate>Mon, 03 Jun 2019 08:00:00 GMT</pubDate><prism:doi>10.5555/ejer.2019.0412</prism:doi></item>"
    "<item><title>Müller sign in aortic regurgitation</title><link>https://ejer.example.org/m2</link><guid>m2</guid>"
    "<pubDate>Sun, 02 Jun 2019 08:00:00 GMT</pubDate><dc:creator>Anna Müller, Peter Brown</dc:creator>"
    "<prism:publicationName>Heart Imaging</prism:publicationName><prism:volume>7</prism:volume>"
    "<prism:number>2</prism:number><prism:startingPage>44</prism:startingPage>"
    "<description>A pulsating uvula.</description></item>"
    "</channel></rss>", article);
}

static void
handle_works (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  if (g_str_equal (path, "/works/10.5555/ejer.2019.0412"))
    {
      g_autoptr(GBytes) body = rn_test_load_data ("reading", "crossref-retracted.json", NULL);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static JsonNode *zotero_body;   /* the last saveItems request */

static void
handle_zotero (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    {
      g_clear_pointer (&zotero_body, json_node_unref);
      zotero_body = json_node_copy (json_parser_get_root (parser));
    }
  soup_server_message_set_status (msg, SOUP_STATUS_CREATED, NULL);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gint64
item_id_with_guid_title (JsonArray  *items,
                         const char *title_prefix)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);

      if (g_str_has_prefix (json_object_get_string_member (o, "title"), title_prefix))
        return json_object_get_int_member (o, "id");
    }
  g_assert_not_reached ();
}

static char *
find_python_with_bibtexparser (void)
{
  const char *candidates[] = { "python3", "/usr/bin/python3" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *python = g_find_program_in_path (candidates[i]);
      const char *argv[] = { NULL, "-c", "import bibtexparser", NULL };
      int status = -1;

      if (python == NULL)
        continue;
      argv[0] = python;
      if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL))
        return g_steal_pointer (&python);
    }
  return NULL;
}

static void
check_bibtex (const char *path)
{
  g_autofree char *python = find_python_with_bibtexparser ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *script =
    "import sys, bibtexparser\n"
    "db = bibtexparser.load(open(sys.argv[1], encoding='utf-8'))\n"
    "for e in db.entries:\n"
    "    print(e['ID'], e.get('doi', '-'), e['title'])\n";
  int status = -1;

  if (python == NULL)
    {
      g_test_message ("python3 with bibtexparser is not installed: BibTeX not parsed");
      return;
    }
  {
    const char *argv[] = { python, "-c", script, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("bibtexparser failed: %s", err);
  /* Two entries, with the DOI of the looked-up one and the accented name. */
  g_assert_nonnull (strstr (out, "10.5555/ejer.2019.0412"));
  g_assert_nonnull (strstr (out, "Whole-Body MRI Predicts Survival in Every Cancer"));
  g_assert_nonnull (strstr (out, "Müller sign"));
}

static void
check_csl_with_pandoc (const char *path,
                       const char *dir)
{
  g_autofree char *pandoc = g_find_program_in_path ("pandoc");
  g_autofree char *doc = g_build_filename (dir, "cite.md", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csl = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) text = g_string_new ("---\nnocite: |\n  @*\n---\n\n# References\n");
  int status = -1;

  g_assert_true (g_file_get_contents (path, &csl, NULL, NULL));
  root = parse_json (csl);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  if (pandoc == NULL)
    {
      g_test_message ("pandoc is not installed: CSL-JSON not rendered");
      return;
    }
  g_assert_true (g_file_set_contents (doc, text->str, -1, NULL));
  {
    const char *argv[] = { pandoc, "--citeproc", "--bibliography", path, "-t", "plain", doc, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pandoc failed: %s", err);
  g_assert_nonnull (strstr (out, "Whole-Body MRI Predicts Survival"));
  g_assert_nonnull (strstr (out, "Heart Imaging"));
}

static char *
read_file (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_saved_end_to_end (void)
{
  RnTestServer *server = rn_test_server_new ();
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *feed = feed_for (server);
  g_autofree char *feed_url = rn_test_server_url (server, "/rss");
  g_autofree char *crossref = rn_test_server_url (server, "");
  g_autofree char *id1 = NULL, *id2 = NULL;
  g_autoptr(GBytes) feed_bytes = g_bytes_new (feed, strlen (feed));
  g_autoptr(GBytes) page_bytes = g_bytes_new_static (page, sizeof page - 1);
  g_autoptr(GBytes) red = rn_test_load_data ("offline", "red.png", NULL);
  g_autoptr(JsonNode) items = NULL, saved = NULL;
  gint64 w1, m2;
  JsonObject *o;
  const char *formats[] = { "bibtex", "ris", "csl-json", "markdown", "html" };

  rn_test_server_add_bytes (server, "/rss", "application/rss+xml", feed_bytes);
  rn_test_server_add_bytes (server, "/article", "text/html", page_bytes);
  rn_test_server_add_bytes (server, "/img/red.png", "image/png", red);
  rn_test_server_add_handler (server, "/works", handle_works, NULL);
  rn_test_server_add_handler (server, "/connector/saveItems", handle_zotero, NULL);
  g_setenv ("RADNET_CROSSREF_URL", crossref, TRUE);

  {
    g_autoptr(RnCliRun) add = rn_cli_run (dir, NULL, "add", "--no-discover", feed_url, NULL);
    g_autoptr(RnCliRun) refresh = rn_cli_run (dir, NULL, "refresh", NULL);
    g_autoptr(RnCliRun) list = rn_cli_run (dir, NULL, "list", "items", "--json", NULL);

    assert_status (add, 0);
    assert_status (refresh, 0);
    assert_status (list, 0);
    items = parse_json (list->out);
  }
  w1 = item_id_with_guid_title (json_node_get_array (items), "Whole-body");
  m2 = item_id_with_guid_title (json_node_get_array (items), "Müller");
  id1 = g_strdup_printf ("%" G_GINT64_FORMAT, w1);
  id2 = g_strdup_printf ("%" G_GINT64_FORMAT, m2);

  /* Save: waits for the look-up and the offline copy. */
  {
    g_autoptr(RnCliRun) add = rn_cli_run (dir, NULL, "saved", "add", id1, "--tag", "teaching", "--tag", "MSK",
                                          "--note", "Retracted? Check before the club", "--state", "reading", NULL);
    g_autoptr(RnCliRun) again = rn_cli_run (dir, NULL, "saved", "add", id1, NULL);
    g_autoptr(RnCliRun) add2 = rn_cli_run (dir, NULL, "saved", "add", id2, "--no-snapshot", "--note", "Classic sign", NULL);

    assert_status (add, 0);
    g_assert_nonnull (strstr (add->out, "offline copy: complete"));
    g_assert_nonnull (strstr (add->out, "RETRACTED"));
    assert_status (again, 0);
    assert_status (add2, 0);
  }

  {
    g_autoptr(RnCliRun) list = rn_cli_run (dir, NULL, "saved", "list", "--json", NULL);
    g_autoptr(RnCliRun) tagged = rn_cli_run (dir, NULL, "saved", "list", "--tag", "msk", "--json", NULL);
    g_autoptr(RnCliRun) done = rn_cli_run (dir, NULL, "saved", "list", "--state", "done", "--json", NULL);
    g_autoptr(RnCliRun) text = rn_cli_run (dir, NULL, "saved", "list", NULL);
    g_autoptr(JsonNode) t = NULL, d = NULL;
    JsonArray *array, *tags;

    assert_status (list, 0);
    saved = parse_json (list->out);
    array = json_node_get_array (saved);
    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        o = json_array_get_object_element (array, i);
        if (json_object_get_int_member (o, "item_id") == w1)
          break;
      }
    g_assert_cmpint (json_object_get_int_member (o, "id"), ==, w1);
    g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Whole-body MRI predicts survival");
    g_assert_true (g_str_has_suffix (json_object_get_string_member (o, "link"), "/article"));
    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "reading");
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "Retracted? Check before the club");
    g_assert_cmpstr (json_object_get_string_member (o, "doi"), ==, "10.5555/ejer.2019.0412");
    g_assert_cmpstr (json_object_get_string_member (o, "snapshot"), ==, "complete");
    g_assert_cmpstr (json_object_get_string_member (o, "notice"), ==, "retraction");
    g_assert_nonnull (json_object_get_string_member (o, "saved_at"));
    tags = json_object_get_array_member (o, "tags");
    g_assert_cmpuint (json_array_get_length (tags), ==, 2);

    t = parse_json (tagged->out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (t)), ==, 1);
    d = parse_json (done->out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (d)), ==, 0);
    g_assert_nonnull (strstr (text->out, "notice: RETRACTED"));
    g_assert_nonnull (strstr (text->out, "offline: none"));
  }

  /* To Zotero's connector (a stand-in on the test server). */
  {
    g_autofree char *zotero = rn_test_server_url (server, "");
    g_autoptr(RnCliRun) send = NULL;
    g_autoptr(RnCliRun) none = NULL;
    JsonArray *sent;

    g_setenv ("RADNET_ZOTERO_URL", zotero, TRUE);
    send = rn_cli_run (dir, NULL, "saved", "zotero", "--tag", "teaching", NULL);
    assert_status (send, 0);
    g_assert_nonnull (zotero_body);
    sent = json_object_get_array_member (json_node_get_object (zotero_body), "items");
    g_assert_cmpuint (json_array_get_length (sent), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sent, 0), "DOI"),
                     ==, "10.5555/ejer.2019.0412");
    none = rn_cli_run (dir, NULL, "saved", "zotero", "--tag", "nothing-has-this", NULL);
    assert_status (none, 0);
    g_unsetenv ("RADNET_ZOTERO_URL");
  }

  /* No network from here on. */
  rn_test_server_free (server);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      /* pandoc tells a CSL-JSON bibliography by its extension */
      g_autofree char *name = g_str_equal (formats[i], "csl-json") ? g_strdup ("out-csl.json")
                                                                  : g_strdup_printf ("out.%s", formats[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(RnCliRun) run = rn_cli_run (dir, NULL, "saved", "export", "--format", formats[i],
                                            "--output", path, NULL);
      g_autofree char *text = NULL;

      assert_status (run, 0);
      text = read_file (path);
      g_assert_nonnull (strstr (text, "Whole-Body MRI Predicts Survival in Every Cancer"));
      g_assert_nonnull (strstr (text, "Müller sign"));
      if (g_str_equal (formats[i], "markdown") || g_str_equal (formats[i], "html"))
        {
          g_assert_nonnull (strstr (text, "Classic sign"));
          g_assert_nonnull (strstr (text, "Check before the club"));
        }
      if (g_str_equal (formats[i], "bibtex"))
        check_bibtex (path);
      if (g_str_equal (formats[i], "csl-json"))
        check_csl_with_pandoc (path, dir);
    }
  {
    g_autoptr(RnCliRun) only = rn_cli_run (dir, NULL, "saved", "export", "--format", "ris", "--tag", "teaching", NULL);

    assert_status (only, 0);
    g_assert_nonnull (strstr (only->out, "10.5555/ejer.2019.0412"));
    g_assert_null (strstr (only->out, "Müller"));
  }

  /* Taking the copy again without a network fails but keeps it. */
  {
    g_autoptr(RnCliRun) again = rn_cli_run (dir, NULL, "saved", "snapshot", id1, NULL);

    assert_status (again, 1);
    g_assert_nonnull (strstr (again->out, "complete"));
  }

  /* The case file, from the offline copy: its image inlined. */
  {
    g_autofree char *path = g_build_filename (dir, "case.html", NULL);
    g_autoptr(RnCliRun) run = rn_cli_run (dir, NULL, "saved", "case-html", id1, "--output", path, NULL);
    g_autofree char *html = NULL;

    assert_status (run, 0);
    html = read_file (path);
    g_assert_nonnull (strstr (html, "data:image/png;base64,"));
    g_assert_nonnull (strstr (html, "lead time and selection"));
    g_assert_null (strstr (html, "NAVMARKER"));
    g_assert_null (strstr (html, "src=\"http"));
  }

  /* Removal, and what is not there. */
  {
    g_autoptr(RnCliRun) rm = rn_cli_run (dir, NULL, "saved", "remove", id2, NULL);
    g_autoptr(RnCliRun) rm_again = rn_cli_run (dir, NULL, "saved", "remove", id2, NULL);
    g_autoptr(RnCliRun) list = rn_cli_run (dir, NULL, "saved", "list", "--json", NULL);
    g_autoptr(RnCliRun) missing = rn_cli_run (dir, NULL, "saved", "add", "999999", "--no-snapshot", NULL);
    g_autoptr(JsonNode) l = NULL;

    assert_status (rm, 0);
    assert_status (rm_again, 3);
    g_assert_nonnull (strstr (rm_again->err, "not on the reading list"));
    l = parse_json (list->out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (l)), ==, 1);
    assert_status (missing, 3);
  }

  /* Usage errors. */
  {
    g_autoptr(RnCliRun) bad_id = rn_cli_run (dir, NULL, "saved", "add", "abc", NULL);
    g_autoptr(RnCliRun) bad_state = rn_cli_run (dir, NULL, "saved", "add", id1, "--state", "later", NULL);
    g_autoptr(RnCliRun) bad_format = rn_cli_run (dir, NULL, "saved", "export", "--format", "docx", NULL);
    g_autoptr(RnCliRun) bad_sub = rn_cli_run (dir, NULL, "saved", "frobnicate", NULL);

    assert_status (bad_id, 2);
    assert_status (bad_state, 2);
    assert_status (bad_format, 2);
    assert_status (bad_sub, 2);
  }

  g_unsetenv ("RADNET_CROSSREF_URL");
  g_clear_pointer (&zotero_body, json_node_unref);
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/cli/saved/end-to-end", test_saved_end_to_end);
  return g_test_run ();
}
