/* `radnet-cli pubmed`, end to end: the real binary against a fake NCBI
 * served from a thread of this test (the test blocks on the child). */
#include "config.h"

#include <string.h>

#include "rn-test-server.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"
#include "store/rn-store.h"

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  RnTestServer *server;
  char         *base;
  GMutex        lock;
  GCond         ready;
  GPtrArray    *queries;   /* GHashTable * of each request's parameters */
} FakeNcbi;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  FakeNcbi *fake = user_data;
  const char *term = query != NULL ? g_hash_table_lookup (query, "term") : NULL;
  g_autoptr(GBytes) body = NULL;

  g_mutex_lock (&fake->lock);
  g_ptr_array_add (fake->queries, query != NULL ? g_hash_table_ref (query)
                                                : g_hash_table_new (g_str_hash, g_str_equal));
  g_mutex_unlock (&fake->lock);

  if (!g_str_has_suffix (path, "/esearch.fcgi") || term == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  body = rn_test_load_data ("pubmed", strstr (term, "zzqxv") != NULL ? "esearch-not-found.json"
                                                                    : "esearch-ctpa.json", NULL);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gpointer
serve (gpointer data)
{
  FakeNcbi *fake = data;

  g_main_context_push_thread_default (fake->context);
  fake->server = rn_test_server_new ();
  rn_test_server_add_handler (fake->server, "/entrez/eutils", handler, fake);
  g_mutex_lock (&fake->lock);
  fake->base = rn_test_server_url (fake->server, "/entrez/eutils/");
  g_cond_signal (&fake->ready);
  g_mutex_unlock (&fake->lock);

  g_main_loop_run (fake->loop);

  rn_test_server_free (fake->server);
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

static FakeNcbi *
fake_start (void)
{
  FakeNcbi *fake = g_new0 (FakeNcbi, 1);

  g_mutex_init (&fake->lock);
  g_cond_init (&fake->ready);
  fake->queries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  fake->thread = g_thread_new ("fake-ncbi", serve, fake);
  g_mutex_lock (&fake->lock);
  while (fake->base == NULL)
    g_cond_wait (&fake->ready, &fake->lock);
  g_mutex_unlock (&fake->lock);
  return fake;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
fake_stop (FakeNcbi *fake)
{
  g_main_context_invoke (fake->context, quit_loop, fake->loop);
  g_thread_join (fake->thread);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_ptr_array_unref (fake->queries);
  g_free (fake->base);
  g_mutex_clear (&fake->lock);
  g_cond_clear (&fake->ready);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeNcbi, fake_stop)

static int run_cli_va (FakeNcbi *fake, const char *data_dir, const char *input,
                       char **out_stdout, char **out_stderr, va_list args);

/* Runs radnet-cli with @args (NULL-terminated); returns the exit status. */
static int
run_cli (FakeNcbi    *fake,
         const char  *data_dir,
         char       **out_stdout,
         char       **out_stderr,
         ...)
{
  va_list args;
  int status;

  va_start (args, out_stderr);
  status = run_cli_va (fake, data_dir, NULL, out_stdout, out_stderr, args);
  va_end (args);
  return status;
}

/* The same, with @input on stdin. */
static int
run_cli_in (FakeNcbi    *fake,
            const char  *data_dir,
            const char  *input,
            char       **out_stdout,
            char       **out_stderr,
            ...)
{
  va_list args;
  int status;

  va_start (args, out_stderr);
  status = run_cli_va (fake, data_dir, input, out_stdout, out_stderr, args);
  va_end (args);
  return status;
}

static int
run_cli_va (FakeNcbi    *fake,
            const char  *data_dir,
            const char  *input,
            char       **out_stdout,
            char       **out_stderr,
            va_list      args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                               (input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : G_SUBPROCESS_FLAGS_NONE));
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("RADNET_CLI");
  const char *arg;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  if (data_dir != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--data-dir");
      g_ptr_array_add (argv, (gpointer) data_dir);
    }
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "RADNET_PUBMED_URL", fake->base, TRUE);
  g_subprocess_launcher_setenv (launcher, "RADNET_CONTACT_EMAIL", "cli-tests@radnet.example.com", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

static GHashTable *
last_query (FakeNcbi *fake)
{
  GHashTable *q;

  g_mutex_lock (&fake->lock);
  g_assert_cmpuint (fake->queries->len, >, 0);
  q = g_hash_table_ref (fake->queries->pdata[fake->queries->len - 1]);
  g_mutex_unlock (&fake->lock);
  return q;
}

static void
test_count (void)
{
  g_autoptr(FakeNcbi) fake = fake_start ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) q = NULL;
  int status;

  status = run_cli (fake, NULL, &out, &err, "pubmed", "count", "--days", "30",
                    "CT pulmonary angiography AND pregnancy", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "3\n");
  q = last_query (fake);
  g_assert_cmpstr (g_hash_table_lookup (q, "term"), ==, "CT pulmonary angiography AND pregnancy");
  g_assert_cmpstr (g_hash_table_lookup (q, "reldate"), ==, "30");
  g_assert_cmpstr (g_hash_table_lookup (q, "tool"), ==, "radnet");
  g_assert_cmpstr (g_hash_table_lookup (q, "email"), ==, "cli-tests@radnet.example.com");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* NCBI's message, exit code 3 (bad input). */
  status = run_cli (fake, NULL, &out, &err, "pubmed", "count", "pulmnoary angiografy zzqxv", NULL);
  g_assert_cmpint (status, ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "pulmnoary angiografy"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors: 2. */
  g_assert_cmpint (run_cli (fake, NULL, &out, &err, "pubmed", "count", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fake, NULL, &out, &err, "pubmed", "count", "--days", "-4", "x", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fake, NULL, &out, &err, "pubmed", "frobnicate", NULL), ==, 2);
}

static void
test_add (void)
{
  g_autoptr(FakeNcbi) fake = fake_start ();
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *db_path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int status;

  status = run_cli (fake, dir, &out, &err, "pubmed", "add", "CT pulmonary angiography AND pregnancy",
                    "--title", "CTPA in pregnancy", "--days", "30", "--folder", "Chest", NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Added PubMed search "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Default title: the query. */
  status = run_cli (fake, dir, &out, &err, "pubmed", "add", "Smith J[au] AND radiology", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same search twice is refused. */
  status = run_cli (fake, dir, &out, &err, "pubmed", "add", "Smith J[au] AND radiology", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (err, !=, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fake, dir, &out, &err, "pubmed", "add", NULL), ==, 2);

  /* Adding never talked to NCBI. */
  g_assert_cmpuint (fake->queries->len, ==, 0);

  store = rn_store_open (db_path, &error);
  g_assert_no_error (error);
  stmt = rn_sql_prepare (rn_store_get_reader (store),
                         "SELECT f.kind, f.url, f.user_title, f.options, d.title FROM feeds f "
                         "LEFT JOIN folders d ON d.id = f.folder_id ORDER BY f.id", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (rn_sql_column_text (stmt, 0), ==, "pubmed");
  g_assert_cmpstr (rn_sql_column_text (stmt, 1), ==, "CT pulmonary angiography AND pregnancy");
  g_assert_cmpstr (rn_sql_column_text (stmt, 2), ==, "CTPA in pregnancy");
  g_assert_cmpstr (rn_sql_column_text (stmt, 3), ==, "{\"days\":30}");
  g_assert_cmpstr (rn_sql_column_text (stmt, 4), ==, "Chest");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (rn_sql_column_text (stmt, 1), ==, "Smith J[au] AND radiology");
  g_assert_cmpstr (rn_sql_column_text (stmt, 2), ==, "Smith J[au] AND radiology");
  g_assert_null (rn_sql_column_text (stmt, 3));
  g_assert_null (rn_sql_column_text (stmt, 4));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

/* True when @needle is in no file of @dir (the library, its WAL). */
static gboolean
nowhere_in (const char *dir,
            const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length;

      if (g_file_get_contents (path, &data, &length, NULL) &&
          g_strstr_len (data, (gssize) length, needle) != NULL)
        return FALSE;
    }
  return TRUE;
}

/* The NCBI API key goes from stdin to the keyring, is sent to NCBI by
 * later commands, never printed, never in the library; --remove ends it. */
static void
test_api_key (void)
{
  static const char key[] = "5ec4e7ab0123456789abcdef0123456789ab";
  g_autoptr(FakeNcbi) fake = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *input = g_strconcat (key, "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) q = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session: the keyring tests run under build-aux/test.sh");
      return;
    }
  fake = fake_start ();
  dir = rn_test_mkdtemp ();

  g_assert_cmpint (run_cli_in (fake, dir, input, &out, &err, "pubmed", "api-key", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "saved in the keyring"));
  g_assert_null (strstr (out, key));
  g_assert_null (strstr (err, key));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fake, dir, &out, &err, "pubmed", "count", "CT pulmonary angiography", NULL), ==, 0);
  q = last_query (fake);
  g_assert_cmpstr (g_hash_table_lookup (q, "api_key"), ==, key);
  g_clear_pointer (&q, g_hash_table_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Junk is refused (bad input) and the stored key stays. */
  g_assert_cmpint (run_cli_in (fake, dir, "not a key!\n", &out, &err, "pubmed", "api-key", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "letters and digits"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* On the command line it would show in `ps`: refused. */
  g_assert_cmpint (run_cli (fake, dir, &out, &err, "pubmed", "api-key", key, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fake, dir, &out, &err, "pubmed", "api-key", "--remove", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "removed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fake, dir, &out, &err, "pubmed", "count", "CT pulmonary angiography", NULL), ==, 0);
  q = last_query (fake);
  g_assert_null (g_hash_table_lookup (q, "api_key"));

  g_assert_true (nowhere_in (dir, key));
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/cli/pubmed/count", test_count);
  g_test_add_func ("/radnet/cli/pubmed/add", test_add);
  g_test_add_func ("/radnet/cli/pubmed/api-key", test_api_key);

  return g_test_run ();
}
