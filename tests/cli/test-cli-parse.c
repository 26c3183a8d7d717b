/* test-cli-parse.c: `radnet-cli parse` end to end, as a user runs it. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "rn-test-server.h"
#include "rn-test-util.h"

typedef struct
{
  gboolean done;
  int      status;
  char    *out;
  char    *err;
} Run;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->done = TRUE;
}

/* Runs radnet-cli with @args while the main context keeps turning, so an
 * in-process server can answer it. */
static void
run_cli (Run         *run,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("RADNET_CLI");
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, on_communicated, run);
  g_assert_true (rn_test_wait_for (&run->done, 30000));
}

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

static JsonObject *
parse_json (const char  *text,
            JsonParser **parser)
{
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  json_parser_load_from_data (*parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*parser));
}

static void
test_text (void)
{
  g_autofree char *path = rn_test_data_path ("feeds", "rss20-basic.xml", NULL);
  Run run;

  run_cli (&run, "parse", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Radiology Weekly"));
  g_assert_nonnull (strstr (run.out, "rss20"));
  g_assert_nonnull (strstr (run.out, "Low-dose CT in screening"));
  g_assert_nonnull (strstr (run.out, "2025-06-01T08:30:00Z"));
  g_assert_nonnull (strstr (run.out, "Jane Doe"));
  run_clear (&run);
}

static void
test_json (void)
{
  g_autofree char *path = rn_test_data_path ("feeds", "rss10-journal.xml", NULL);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root, *e;
  JsonArray *entries;
  Run run;

  run_cli (&run, "parse", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out, &parser);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "rss10");
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Journal of Example Radiology");
  g_assert_cmpstr (json_object_get_string_member (root, "link"), ==, "https://journal.example.org/");
  g_assert_false (json_object_get_boolean_member (root, "recovered"));
  g_assert_true (json_object_get_null_member (root, "error"));
  entries = json_object_get_array_member (root, "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  e = json_array_get_object_element (entries, 0);
  g_assert_cmpstr (json_object_get_string_member (e, "id"), ==, "https://journal.example.org/a/1");
  g_assert_cmpstr (json_object_get_string_member (e, "doi"), ==, "10.1234/JER.2025.001");
  g_assert_cmpstr (json_object_get_string_member (e, "published"), ==, "2025-05-20T00:00:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (e, "authors")), ==, 2);
  g_assert_true (json_object_has_member (e, "summary"));
  g_assert_true (json_object_has_member (e, "updated"));
  g_assert_true (json_object_has_member (e, "title"));
  g_assert_true (json_object_has_member (e, "link"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (e, "enclosures")), ==, 0);
  run_clear (&run);
}

static void
test_recovered (void)
{
  g_autofree char *path = rn_test_data_path ("feeds", "malformed-unclosed.xml", NULL);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  Run run;

  /* Broken, but something could be read: success, flagged. */
  run_cli (&run, "parse", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out, &parser);
  g_assert_true (json_object_get_boolean_member (root, "recovered"));
  g_assert_nonnull (json_object_get_string_member (root, "error"));
  run_clear (&run);
}

static void
test_unreadable (void)
{
  g_autofree char *path = rn_test_data_path ("feeds", "not-a-feed.html", NULL);
  Run run;

  run_cli (&run, "parse", path, NULL);
  g_assert_cmpint (run.status, ==, 3);   /* RN_CLI_EXIT_INPUT */
  g_assert_nonnull (strstr (run.err, "radnet-cli parse:"));
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_cli (&run, "parse", "/nonexistent/feed.xml", NULL);
  g_assert_cmpint (run.status, ==, 4);   /* RN_CLI_EXIT_IO */
  run_clear (&run);

  run_cli (&run, "parse", NULL);
  g_assert_cmpint (run.status, ==, 2);   /* RN_CLI_EXIT_USAGE */
  run_clear (&run);
}

static void
test_url (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  g_autoptr(GBytes) body = rn_test_load_data ("feeds", "cp1252-http-charset.xml", NULL);
  g_autoptr(GBytes) atom = rn_test_load_data ("feeds", "atom10.xml", NULL);
  g_autofree char *url = NULL;
  g_autofree char *atom_url = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  Run run;

  rn_test_server_add_bytes (server, "/feed.xml", "text/xml; charset=windows-1252", body);
  rn_test_server_add_bytes (server, "/atom.xml", "application/atom+xml", atom);
  url = rn_test_server_url (server, "/feed.xml");
  atom_url = rn_test_server_url (server, "/atom.xml");
  missing = rn_test_server_url (server, "/missing.xml");

  /* The HTTP charset is used. */
  run_cli (&run, "parse", "--json", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out, &parser);
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Served as windows-1252: €uro");
  g_assert_false (json_object_get_boolean_member (root, "recovered"));
  run_clear (&run);

  run_cli (&run, "parse", atom_url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "https://blog.example.org/posts/first.html"));
  run_clear (&run);

  run_cli (&run, "parse", missing, NULL);
  g_assert_cmpint (run.status, ==, 5);   /* RN_CLI_EXIT_NETWORK */
  g_assert_nonnull (strstr (run.err, "404"));
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/cli/parse/text", test_text);
  g_test_add_func ("/radnet/cli/parse/json", test_json);
  g_test_add_func ("/radnet/cli/parse/recovered", test_recovered);
  g_test_add_func ("/radnet/cli/parse/unreadable", test_unreadable);
  g_test_add_func ("/radnet/cli/parse/url", test_url);
  return g_test_run ();
}
