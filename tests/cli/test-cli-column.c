/* radnet-cli column add | list | show | remove, end to end, on the search
 * fixture library (tests/data/search/library.sql). */
#include "config.h"

#include <json-glib/json-glib.h>

#include "rn-cli-test.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"
#include "store/rn-store.h"

static gboolean
load_fixture (RnStore  *s,
              sqlite3  *db,
              gpointer  data,
              GError  **error)
{
  return rn_sql_exec (db, data, error);
}

static char *
make_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sql = rn_test_load_data ("search", "library.sql", NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
  char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(RnStore) store = rn_store_open (path, &error);

  g_assert_no_error (error);
  rn_store_write (store, load_fixture, text, &error);
  g_assert_no_error (error);
  return dir;
}

static JsonArray *
parse_array (const char *text,
             JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_column_cli (void)
{
  g_autofree char *dir = make_library ();
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  g_autoptr(RnCliRun) add1 = rn_cli_run (dir, NULL, "column", "add", "PE", "embolism OR CTPA", NULL);
  g_autoptr(RnCliRun) add2 = rn_cli_run (dir, NULL, "column", "add", "Radiology", "source:\"Radiology\"",
                                         "--sort", "oldest", "--notify", NULL);
  g_autoptr(RnCliRun) dup = rn_cli_run (dir, NULL, "column", "add", "PE", "x", NULL);
  g_autoptr(RnCliRun) bad = rn_cli_run (dir, NULL, "column", "add", "X", "\"unbalanced", NULL);
  g_autoptr(RnCliRun) bad_sort = rn_cli_run (dir, NULL, "column", "add", "Y", "x", "--sort", "sideways", NULL);
  g_autoptr(RnCliRun) list = rn_cli_run (dir, NULL, "column", "list", "--json", NULL);
  g_autoptr(RnCliRun) text = rn_cli_run (dir, NULL, "column", "list", NULL);
  g_autoptr(RnCliRun) show = rn_cli_run (dir, NULL, "column", "show", "PE", "--json", NULL);
  g_autoptr(RnCliRun) limited = rn_cli_run (dir, NULL, "column", "show", "PE", "--limit", "1", "--json", NULL);
  g_autoptr(RnCliRun) show_text = rn_cli_run (dir, NULL, "column", "show", "Radiology", NULL);
  g_autoptr(RnCliRun) missing = rn_cli_run (dir, NULL, "column", "show", "Nope", NULL);
  g_autoptr(RnCliRun) remove = NULL;
  g_autoptr(RnCliRun) after = NULL;
  g_autoptr(RnCliRun) usage = rn_cli_run (dir, NULL, "column", NULL);
  JsonArray *array;
  JsonObject *o;
  gint64 prev_date = G_MAXINT64;

  g_assert_cmpint (add1->status, ==, 0);
  g_assert_cmpint (add2->status, ==, 0);
  g_assert_cmpint (dup->status, ==, 3);
  g_assert_nonnull (strstr (dup->err, "already exists"));
  /* The parser's message and position. */
  g_assert_cmpint (bad->status, ==, 3);
  g_assert_true (g_str_has_prefix (bad->err, "radnet-cli column: query error at 1-11: "));
  g_assert_cmpint (bad_sort->status, ==, 2);
  g_assert_cmpint (usage->status, ==, 2);

  g_assert_cmpint (list->status, ==, 0);
  array = parse_array (list->out, p1);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "PE");
  g_assert_cmpstr (json_object_get_string_member (o, "query"), ==, "embolism OR CTPA");
  g_assert_cmpstr (json_object_get_string_member (o, "sort"), ==, "newest");
  g_assert_false (json_object_get_boolean_member (o, "notify"));
  o = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Radiology");
  g_assert_cmpstr (json_object_get_string_member (o, "sort"), ==, "oldest");
  g_assert_true (json_object_get_boolean_member (o, "notify"));
  g_assert_cmpint (json_object_get_int_member (o, "position"), ==, 1);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "embolism OR CTPA"));

  /* Items 1, 3, 4 of the fixture match (title/summary words), newest first. */
  g_assert_cmpint (show->status, ==, 0);
  array = parse_array (show->out, p2);
  g_assert_cmpuint (json_array_get_length (array), >=, 3);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GDateTime) dt = NULL;
      const char *published;

      o = json_array_get_object_element (array, i);
      for (const char *const *k = (const char *const[]) { "id", "feed_id", "title", "link", "published", "read", "starred", NULL }; *k; k++)
        g_assert_true (json_object_has_member (o, *k));
      published = json_object_get_string_member_with_default (o, "published", NULL);
      if (published == NULL)
        continue;
      dt = g_date_time_new_from_iso8601 (published, NULL);
      g_assert_nonnull (dt);
      g_assert_cmpint (g_date_time_to_unix (dt), <=, prev_date);
      prev_date = g_date_time_to_unix (dt);
    }
  g_assert_cmpint (limited->status, ==, 0);
  array = parse_array (limited->out, p3);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpint (show_text->status, ==, 0);
  g_assert_nonnull (strstr (show_text->out, "Pulmonary embolism on CTPA"));
  g_assert_cmpint (missing->status, ==, 3);

  remove = rn_cli_run (dir, NULL, "column", "remove", "PE", NULL);
  after = rn_cli_run (dir, NULL, "column", "list", NULL);
  g_assert_cmpint (remove->status, ==, 0);
  g_assert_null (strstr (after->out, "embolism OR CTPA"));
  g_assert_nonnull (strstr (after->out, "Radiology"));

  rn_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/cli/column/add-list-show-remove", test_column_cli);
  return g_test_run ();
}
