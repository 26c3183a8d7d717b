/* rn-cli-pubmed.c: `radnet-cli pubmed add|count|api-key`: PubMed searches
 * from a terminal, and the NCBI API key (read from stdin, kept in the
 * keyring, never printed). RADNET_PUBMED_URL points the client at another E-utilities
 * address (tests), RADNET_CONTACT_EMAIL gives NCBI a contact. */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "feeds/rn-feed-store.h"
#include "accounts/rn-credentials-secret.h"
#include "pubmed/rn-pubmed-client.h"
#include "pubmed/rn-pubmed-key.h"
#include "pubmed/rn-pubmed-source.h"
#include "rn-cli.h"

static int
exit_for_pubmed_error (const GError *error)
{
  if (error->domain != RN_PUBMED_ERROR)
    return rn_cli_exit_for_error (error);
  switch ((RnPubmedError) error->code)
    {
    case RN_PUBMED_ERROR_INVALID_QUERY:
      return RN_CLI_EXIT_INPUT;
    case RN_PUBMED_ERROR_RATE_LIMITED:
    case RN_PUBMED_ERROR_SERVER:
    case RN_PUBMED_ERROR_NETWORK:
    case RN_PUBMED_ERROR_BAD_RESPONSE:
    default:
      return RN_CLI_EXIT_NETWORK;
    }
}

static gboolean
parse_days (const char  *command,
            int          days,
            guint       *out)
{
  if (days < 0 || days > 100 * 365)
    {
      g_printerr (_("radnet-cli %s: --days must be between 0 and %d\n"), command, 100 * 365);
      return FALSE;
    }
  *out = (guint) days;
  return TRUE;
}

typedef struct
{
  const char *title;
  gint64      id;
} EnsureFolder;

static gboolean
ensure_folder_in_txn (RnStore  *store,
                      sqlite3  *db,
                      gpointer  data,
                      GError  **error)
{
  EnsureFolder *f = data;

  f->id = rn_feed_store_ensure_folder (store, db, 0, f->title, error);
  return f->id > 0;
}

static int
pubmed_add (RnCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *folder = NULL;
  int days = 0;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Name of the source (default: the query)"), N_("NAME") },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Only records added to PubMed in the last N days"), N_("N") },
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder, N_("Put the source in this folder"), N_("NAME") },
    { NULL }
  };
  RnPubmedOptions options = { 0, 0 };
  g_autoptr(GError) error = NULL;
  RnContext *context;
  RnStore *store;
  EnsureFolder f = { NULL, 0 };
  gint64 id = 0;

  if (!rn_cli_parse_options ("pubmed add", _("QUERY"), _("Add a PubMed search as a source."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("radnet-cli pubmed add: give one QUERY (quote it)\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if (!parse_days ("pubmed add", days, &options.days))
    return RN_CLI_EXIT_USAGE;

  context = rn_cli_context (cli);
  if (context == NULL)
    return RN_CLI_EXIT_IO;
  store = rn_context_get_store (context);

  if (folder != NULL && *folder != '\0')
    {
      f.title = folder;
      if (!rn_feed_store_find_folder (store, folder, 0, &f.id, NULL) &&
          !rn_store_write (store, ensure_folder_in_txn, &f, &error))
        {
          rn_cli_print_error ("pubmed add", error);
          return rn_cli_exit_for_error (error);
        }
    }

  if (!rn_pubmed_source_add (store, argv[1], title, &options, f.id, &id, &error))
    {
      rn_cli_print_error ("pubmed add", error);
      return exit_for_pubmed_error (error);
    }
  g_print (_("Added PubMed search %" PRId64 "\n"), id);
  return RN_CLI_EXIT_OK;
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_waited (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  ((Wait *) data)->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

void
rn_cli_load_pubmed_key (RnCredentials  *credentials,
                        RnPubmedClient *client)
{
  Wait wait = { NULL };
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  rn_pubmed_key_load_async (credentials, client, NULL, on_waited, &wait);
  /* Without a keyring PubMed still answers, three requests a second. */
  if (!rn_pubmed_key_load_finish (wait_for (&wait), &found, &error))
    g_debug ("NCBI API key not loaded: %s", error->message);
  g_clear_object (&wait.result);
}

static int
pubmed_api_key (RnCli  *cli,
                int     argc,
                char  **argv)
{
  gboolean remove = FALSE;
  GOptionEntry entries[] = {
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Remove the stored key"), NULL },
    { NULL }
  };
  char key[RN_PUBMED_KEY_MAX_LENGTH + 2] = { 0 };
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };
  RnContext *context;
  gboolean ok;

  if (!rn_cli_parse_options ("pubmed api-key", "",
                             _("Store the NCBI API key read from standard input in the keyring."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      g_printerr (_("radnet-cli pubmed api-key: the key is read from standard input, not the command line\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if (!remove && (!rn_cli_read_line (_("NCBI API key: "), TRUE, key, sizeof key) || key[0] == '\0'))
    {
      g_printerr (_("radnet-cli pubmed api-key: no key given\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((context = rn_cli_context (cli)) == NULL)
    {
      memset (key, 0, sizeof key);
      return RN_CLI_EXIT_IO;
    }
  rn_pubmed_key_save_async (rn_context_get_credentials (context), rn_context_get_pubmed (context),
                            remove ? NULL : key, NULL, on_waited, &wait);
  memset (key, 0, sizeof key);
  ok = rn_pubmed_key_save_finish (wait_for (&wait), &error);
  g_clear_object (&wait.result);
  if (!ok)
    {
      rn_cli_print_error ("pubmed api-key", error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        return RN_CLI_EXIT_INPUT;
      return error->domain == RN_CREDENTIALS_ERROR ? RN_CLI_EXIT_IO : RN_CLI_EXIT_FAILED;
    }
  g_print ("%s\n", remove ? _("NCBI API key removed from the keyring")
                          : _("NCBI API key saved in the keyring"));
  return RN_CLI_EXIT_OK;
}

typedef struct
{
  gboolean  done;
  guint64   count;
  char     *notice;
  GError   *error;
} CountOutcome;

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  CountOutcome *o = data;

  rn_pubmed_client_count_finish (RN_PUBMED_CLIENT (source), result, &o->count, &o->notice, &o->error);
  o->done = TRUE;
  g_main_context_wakeup (NULL);
}

static int
pubmed_count (RnCli  *cli,
              int     argc,
              char  **argv)
{
  int days = 0;
  GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Only records added to PubMed in the last N days"), N_("N") },
    { NULL }
  };
  g_autoptr(RnPubmedClient) client = NULL;
  CountOutcome o = { FALSE, 0, NULL, NULL };
  guint window = 0;
  int status = RN_CLI_EXIT_OK;

  if (!rn_cli_parse_options ("pubmed count", _("QUERY"), _("Print how many PubMed records match QUERY."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("radnet-cli pubmed count: give one QUERY (quote it)\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if (!parse_days ("pubmed count", days, &window))
    return RN_CLI_EXIT_USAGE;

  client = rn_pubmed_client_new (NULL, g_getenv ("RADNET_CONTACT_EMAIL"));
  if (g_getenv ("RADNET_PUBMED_URL") != NULL)
    rn_pubmed_client_set_base_url (client, g_getenv ("RADNET_PUBMED_URL"));
  {
    g_autoptr(RnCredentials) credentials = rn_credentials_secret_new ();

    rn_cli_load_pubmed_key (credentials, client);
  }

  rn_pubmed_client_count_async (client, argv[1], window, NULL, on_counted, &o);
  while (!o.done)
    g_main_context_iteration (NULL, TRUE);

  if (o.error != NULL)
    {
      rn_cli_print_error ("pubmed count", o.error);
      status = exit_for_pubmed_error (o.error);
    }
  else
    {
      if (o.notice != NULL)
        g_printerr (_("PubMed: %s\n"), o.notice);
      g_print ("%" G_GUINT64_FORMAT "\n", o.count);
    }
  g_free (o.notice);
  g_clear_error (&o.error);
  return status;
}

int
rn_cli_pubmed (RnCli  *cli,
               int     argc,
               char  **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return pubmed_add (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "count"))
    return pubmed_count (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "api-key"))
    return pubmed_api_key (cli, argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s", _("Usage:\n"
                       "  radnet-cli pubmed add QUERY [--title NAME] [--days N] [--folder NAME]\n"
                       "  radnet-cli pubmed count QUERY [--days N]\n"
                       "  radnet-cli pubmed api-key [--remove] < KEY-FILE\n"));
      return RN_CLI_EXIT_OK;
    }
  g_printerr ("%s", _("Usage:\n"
                      "  radnet-cli pubmed add QUERY [--title NAME] [--days N] [--folder NAME]\n"
                      "  radnet-cli pubmed count QUERY [--days N]\n"
                      "  radnet-cli pubmed api-key [--remove] < KEY-FILE\n"));
  return RN_CLI_EXIT_USAGE;
}
