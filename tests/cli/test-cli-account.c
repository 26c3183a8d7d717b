/* radnet-cli account and hashtag, end to end: sign-in to the Mastodon
 * fixture through a real process (the test plays the browser), the
 * missing-keyring error, and the secret-leak check: after a sign-in and a
 * refresh under full debug logging, the token and the client secret must
 * be nowhere but in the keyring: not in the database files (WAL
 * included), not in the settings keyfile, not in any output or export. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "accounts/rn-credentials-secret.h"
#include "../core/mastodon/mastodon-fixture.h"
#include "rn-cli-test.h"
#include "rn-test-util.h"

typedef struct
{
  GSubprocess      *proc;
  GDataInputStream *out;
  GString          *out_text;
  GOutputStream    *err;
  gboolean          out_done;
  gboolean          err_done;
  gboolean          exited;
  char             *url;        /* the authorization URL, once printed */
} Spawn;

/* Pass as @input to keep stdin open (spawn_write() feeds it later). */
static const char KEEP_STDIN_OPEN[] = "";

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Spawn *s = data;
  gsize len = 0;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, &len, NULL);

  if (line == NULL)
    {
      s->out_done = TRUE;
      return;
    }
  g_string_append_printf (s->out_text, "%s\n", line);
  g_strstrip (line);
  if (s->url == NULL && strstr (line, "/oauth/authorize?") != NULL)
    s->url = g_strdup (line);
  g_data_input_stream_read_line_async (s->out, G_PRIORITY_DEFAULT, NULL, on_line, s);
}

static void
on_err_spliced (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Spawn *s = data;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, NULL);
  s->err_done = TRUE;
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Spawn *s = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  s->exited = TRUE;
}

/* Starts radnet-cli with @env_set (name, value, …, NULL) and without the
 * variables in @env_unset; stdin gets @input then closes. */
static Spawn *
spawn (const char * const *env_set,
       const char * const *env_unset,
       const char         *input,
       const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GOutputStream *in;
  Spawn *s = g_new0 (Spawn, 1);

  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "RADNET_MASTODON_SCHEME", "http", TRUE);
  for (guint i = 0; env_set != NULL && env_set[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env_set[i], env_set[i + 1], TRUE);
  for (guint i = 0; env_unset != NULL && env_unset[i] != NULL; i++)
    g_subprocess_launcher_unsetenv (launcher, env_unset[i]);

  g_ptr_array_add (args, (gpointer) g_getenv ("RADNET_CLI"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  s->proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  in = g_subprocess_get_stdin_pipe (s->proc);
  if (input != KEEP_STDIN_OPEN)
    {
      if (input != NULL)
        g_output_stream_write_all (in, input, strlen (input), NULL, NULL, NULL);
      g_output_stream_close (in, NULL, NULL);
    }

  s->out_text = g_string_new (NULL);
  s->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->proc));
  g_data_input_stream_read_line_async (s->out, G_PRIORITY_DEFAULT, NULL, on_line, s);
  s->err = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (s->err, g_subprocess_get_stderr_pipe (s->proc),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, G_PRIORITY_DEFAULT, NULL,
                                on_err_spliced, s);
  g_subprocess_wait_async (s->proc, NULL, on_exited, s);
  return s;
}

static void
spawn_write (Spawn      *s,
             const char *input)
{
  GOutputStream *in = g_subprocess_get_stdin_pipe (s->proc);

  g_assert_true (g_output_stream_write_all (in, input, strlen (input), NULL, NULL, NULL));
  g_output_stream_close (in, NULL, NULL);
}

static int
spawn_wait (Spawn *s)
{
  while (!s->exited || !s->out_done || !s->err_done)
    g_main_context_iteration (NULL, TRUE);
  return g_subprocess_get_exit_status (s->proc);
}

static char *
spawn_err (Spawn *s)
{
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (s->err)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (s->err)));
}

static void
spawn_free (Spawn *s)
{
  g_object_unref (s->proc);
  g_object_unref (s->out);
  g_object_unref (s->err);
  g_string_free (s->out_text, TRUE);
  g_free (s->url);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Spawn, spawn_free)

/* ---- plain commands ---- */

static void
test_list_empty_and_hashtag (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autoptr(RnCliRun) empty = rn_cli_run (dir, NULL, "account", "list", "--json", NULL);
  g_autoptr(RnCliRun) text = rn_cli_run (dir, NULL, "account", "list", NULL);
  g_autoptr(RnCliRun) add = rn_cli_run (dir, NULL, "hashtag", "add", "#FOAMrad", "--server", "med-mastodon.com", NULL);
  g_autoptr(RnCliRun) again = rn_cli_run (dir, NULL, "hashtag", "add", "FOAMrad", "--server", "med-mastodon.com", NULL);
  g_autoptr(RnCliRun) bad = rn_cli_run (dir, NULL, "hashtag", "add", "two words", NULL);
  g_autoptr(RnCliRun) feeds = rn_cli_run (dir, NULL, "list", "feeds", "--json", NULL);
  g_autoptr(RnCliRun) usage = rn_cli_run (dir, NULL, "account", "frob", NULL);

  g_assert_cmpint (empty->status, ==, 0);
  g_assert_cmpstr (g_strstrip (empty->out), ==, "[]");
  g_assert_nonnull (strstr (text->out, "No accounts"));
  g_assert_cmpint (add->status, ==, 0);
  g_assert_nonnull (strstr (add->out, "#FOAMrad"));
  g_assert_cmpint (again->status, ==, 1);     /* already followed */
  g_assert_cmpint (bad->status, ==, 2);
  g_assert_nonnull (strstr (feeds->out, "\"kind\" : \"mastodon-hashtag\""));
  g_assert_nonnull (strstr (feeds->out, "https://med-mastodon.com/tags/FOAMrad"));
  g_assert_cmpint (usage->status, ==, 2);
  rn_test_rmdir (dir);
}

/* The refresher knows the hashtag kind: radnet-cli refresh reads it. */
static void
test_hashtag_refresh (void)
{
  g_autoptr(MastodonFixture) m = mastodon_fixture_new ();
  g_autofree char *dir = rn_test_mkdtemp ();
  const char *add[] = { "--data-dir", dir, "hashtag", "add", "radiology", "--server", m->name, NULL };
  const char *refresh[] = { "--data-dir", dir, "refresh", NULL };
  const char *items[] = { "--data-dir", dir, "list", "items", "--json", NULL };
  g_autoptr(Spawn) a = NULL, r = NULL, l = NULL;

  mastodon_fixture_generate (m, 7, 3000);
  a = spawn (NULL, NULL, NULL, add);
  g_assert_cmpint (spawn_wait (a), ==, 0);
  r = spawn (NULL, NULL, NULL, refresh);
  g_assert_cmpint (spawn_wait (r), ==, 0);
  g_assert_cmpuint (m->timeline_requests, ==, 1);
  g_assert_false (m->saw_auth_on_tag);
  l = spawn (NULL, NULL, NULL, items);
  g_assert_cmpint (spawn_wait (l), ==, 0);
  g_assert_nonnull (strstr (l->out_text->str, "Generated post 3006"));
  rn_test_rmdir (dir);
}

/* ---- no keyring ---- */

static void
test_no_keyring (void)
{
  g_autoptr(MastodonFixture) m = mastodon_fixture_new ();
  g_autofree char *dir = rn_test_mkdtemp ();
  const char *env[] = { "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/radnet-test-bus", NULL };
  const char *unset[] = { "DISPLAY", "WAYLAND_DISPLAY", NULL };
  const char *mastodon[] = { "--data-dir", dir, "account", "add-mastodon", m->name, NULL };
  const char *bluesky[] = { "--data-dir", dir, "account", "add-bluesky", "me.bsky.example",
                            "--pds", "http://127.0.0.1:9", NULL };
  g_autoptr(Spawn) a = spawn (env, unset, NULL, mastodon);
  g_autoptr(Spawn) b = NULL;
  g_autoptr(RnCliRun) list = NULL;
  g_autofree char *err_a = NULL, *err_b = NULL;

  g_assert_cmpint (spawn_wait (a), ==, 4);
  err_a = spawn_err (a);
  g_assert_nonnull (strstr (err_a, "RadNet keeps passwords in your desktop’s keyring, and none is running"));
  g_assert_null (a->url);                     /* not sent to a browser for nothing */
  g_assert_null (m->registered_scopes);       /* never even registered */

  b = spawn (env, unset, "abcd-efgh-ijkl-mnop\n", bluesky);
  g_assert_cmpint (spawn_wait (b), ==, 4);
  err_b = spawn_err (b);
  g_assert_nonnull (strstr (err_b, "keyring"));
  g_assert_null (strstr (err_b, "abcd-efgh"));

  list = rn_cli_run (dir, NULL, "account", "list", "--json", NULL);
  g_assert_cmpstr (g_strstrip (list->out), ==, "[]");
  rn_test_rmdir (dir);
}

/* ---- paste flow (real keyring) ---- */

static gboolean
have_keyring (void)
{
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

static void
test_add_mastodon_paste (void)
{
  g_autoptr(MastodonFixture) m = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *code_line = NULL;
  g_autoptr(Spawn) s = NULL;
  g_autoptr(RnCliRun) list = NULL;
  g_autoptr(RnCliRun) feeds = NULL;

  if (!have_keyring ())
    {
      g_test_skip ("no D-Bus session: the keyring tests run under build-aux/test.sh");
      return;
    }
  m = mastodon_fixture_new ();
  dir = rn_test_mkdtemp ();
  {
    const char *add[] = { "--data-dir", dir, "account", "add-mastodon", m->name, "--paste", NULL };

    s = spawn (NULL, NULL, KEEP_STDIN_OPEN, add);
  }
  while (s->url == NULL && !s->out_done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (s->url);
  g_assert_nonnull (strstr (s->url, "redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob"));
  /* The server shows the code; the user types it. */
  g_assert_cmpuint (mastodon_fixture_browse (m, s->url), ==, 200);
  code_line = g_strdup_printf ("%s\n", mastodon_fixture_get_code (m));
  spawn_write (s, code_line);
  if (spawn_wait (s) != 0)
    {
      g_autofree char *err = spawn_err (s);

      g_printerr ("%s", err);
      if (strstr (err, "keyring") != NULL)
        {
          g_test_skip ("no keyring");
          rn_test_rmdir (dir);
          return;
        }
      g_assert_not_reached ();
    }
  g_assert_true (m->pkce_checked);
  list = rn_cli_run (dir, NULL, "account", "list", "--json", NULL);
  g_assert_nonnull (strstr (list->out, "\"username\" : \"rn_tester\""));
  g_assert_nonnull (strstr (list->out, "\"state\" : \"ok\""));
  feeds = rn_cli_run (dir, NULL, "list", "feeds", "--json", NULL);
  g_assert_nonnull (strstr (feeds->out, "mastodon-home"));
  {
    const char *remove[] = { "--data-dir", dir, "account", "remove", "1", NULL };
    g_autoptr(Spawn) r = spawn (NULL, NULL, NULL, remove);

    g_assert_cmpint (spawn_wait (r), ==, 0);
  }
  rn_test_rmdir (dir);
}

/* ---- the secret-leak check (real keyring) ---- */

static void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
contains (const char *haystack,
          gsize       len,
          const char *needle)
{
  return g_strstr_len (haystack, (gssize) len, needle) != NULL;
}

/* Every file under @dir, raw bytes. */
static void
assert_not_in_files (const char *dir,
                     const char *secret,
                     guint      *n_files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_not_in_files (path, secret, n_files);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      if (contains (contents, len, secret))
        g_error ("A secret was found in %s", path);
      (*n_files)++;
    }
}

static void
assert_not_in (const char *what,
               const char *text,
               const char *secret)
{
  if (text != NULL && strstr (text, secret) != NULL)
    g_error ("A secret was found in %s", what);
}

static void
test_secret_leak (void)
{
  g_autoptr(MastodonFixture) m = NULL;
  g_autoptr(RnCredentials) creds = NULL;
  g_autoptr(GAsyncResult) probe = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *config = NULL, *secret_lookup = NULL;
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) secrets = g_ptr_array_new ();
  guint n_files = 0;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session: the keyring tests run under build-aux/test.sh");
      return;
    }
  creds = rn_credentials_secret_new ();
  rn_credentials_probe_async (creds, NULL, keep_result, &probe);
  if (!rn_credentials_probe_finish (creds, wait_result (&probe), &error))
    {
      g_test_skip_printf ("no keyring: %s", error->message);
      return;
    }

  m = mastodon_fixture_new ();
  mastodon_fixture_generate (m, 5, 7000);
  dir = rn_test_mkdtemp ();
  config = rn_test_mkdtemp ();
  {
    const char *env[] = { "G_MESSAGES_DEBUG", "all", "GSETTINGS_BACKEND", "keyfile",
                          "XDG_CONFIG_HOME", config, NULL };
    const char *add[] = { "--data-dir", dir, "account", "add-mastodon", m->name, NULL };
    const char *refresh[] = { "--data-dir", dir, "refresh", NULL };
    const char *list_accounts[] = { "--data-dir", dir, "account", "list", "--json", NULL };
    const char *list_feeds[] = { "--data-dir", dir, "list", "feeds", "--json", NULL };
    const char *export[] = { "--data-dir", dir, "export-opml", NULL };
    const char * const *runs[] = { refresh, list_accounts, list_feeds, export };
    g_autoptr(Spawn) s = spawn (env, NULL, NULL, add);

    /* Play the browser as soon as the address is printed. */
    while (s->url == NULL && !s->out_done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (s->url);
    g_assert_cmpuint (mastodon_fixture_browse (m, s->url), ==, 200);
    g_assert_cmpint (spawn_wait (s), ==, 0);
    g_assert_true (m->pkce_checked);
    g_assert_nonnull (strstr (s->out_text->str, "Signed in as @rn_tester@"));
    g_ptr_array_add (outputs, g_strdup (s->out_text->str));
    g_ptr_array_add (outputs, spawn_err (s));

    for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
      {
        g_autoptr(Spawn) r = spawn (env, NULL, NULL, runs[i]);

        g_assert_cmpint (spawn_wait (r), ==, 0);
        g_ptr_array_add (outputs, g_strdup (r->out_text->str));
        g_ptr_array_add (outputs, spawn_err (r));
      }
  }
  /* The refresh used the token (the home timeline came in)... */
  g_assert_cmpuint (m->timeline_requests, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (outputs, 4), "rn_tester"));   /* account list */

  /* ...and the keyring has it: the check below is not vacuous. */
  {
    g_autoptr(GAsyncResult) res = NULL;

    rn_credentials_lookup_async (creds, 1, RN_CREDENTIAL_ACCESS_TOKEN, NULL, keep_result, &res);
    secret_lookup = rn_credentials_lookup_finish (creds, wait_result (&res), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (secret_lookup, ==, m->access_token);
  }

  g_ptr_array_add (secrets, m->access_token);
  g_ptr_array_add (secrets, m->client_secret);
  for (guint i = 0; i < secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (secrets, i);

      n_files = 0;
      assert_not_in_files (dir, secret, &n_files);       /* library.db, -wal, -shm */
      g_assert_cmpuint (n_files, >=, 1);
      assert_not_in_files (config, secret, &n_files);    /* the settings keyfile, if any */
      for (guint j = 0; j < outputs->len; j++)
        assert_not_in ("the output or the debug log of radnet-cli", g_ptr_array_index (outputs, j), secret);
    }

  /* Signing out revokes the token and empties the keyring. */
  {
    const char *remove[] = { "--data-dir", dir, "account", "remove", "1", NULL };
    g_autoptr(Spawn) removed = spawn (NULL, NULL, NULL, remove);
    g_autoptr(GAsyncResult) res = NULL;
    g_autofree char *gone = NULL;

    g_assert_cmpint (spawn_wait (removed), ==, 0);
    g_assert_true (m->token_revoked);
    rn_credentials_lookup_async (creds, 1, RN_CREDENTIAL_ACCESS_TOKEN, NULL, keep_result, &res);
    g_clear_error (&error);
    gone = rn_credentials_lookup_finish (creds, wait_result (&res), &error);
    g_assert_null (gone);
    g_assert_error (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_NOT_FOUND);
  }
  rn_test_rmdir (dir);
  rn_test_rmdir (config);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/cli/account/list-and-hashtag", test_list_empty_and_hashtag);
  g_test_add_func ("/radnet/cli/account/hashtag-refresh", test_hashtag_refresh);
  g_test_add_func ("/radnet/cli/account/no-keyring", test_no_keyring);
  g_test_add_func ("/radnet/cli/account/add-mastodon-paste", test_add_mastodon_paste);
  g_test_add_func ("/radnet/cli/account/secret-leak", test_secret_leak);
  return g_test_run ();
}
