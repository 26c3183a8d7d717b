/* rn-cli-pubmed.c: `radnet-cli pubmed add|count`: PubMed searches from a
 * terminal. RADNET_PUBMED_URL points the client at another E-utilities
 * address (tests), RADNET_CONTACT_EMAIL gives NCBI a contact. */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>

#include "feeds/rn-feed-store.h"
#include "pubmed/rn-pubmed-client.h"
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

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s", _("Usage:\n"
                       "  radnet-cli pubmed add QUERY [--title NAME] [--days N] [--folder NAME]\n"
                       "  radnet-cli pubmed count QUERY [--days N]\n"));
      return RN_CLI_EXIT_OK;
    }
  g_printerr ("%s", _("Usage:\n"
                      "  radnet-cli pubmed add QUERY [--title NAME] [--days N] [--folder NAME]\n"
                      "  radnet-cli pubmed count QUERY [--days N]\n"));
  return RN_CLI_EXIT_USAGE;
}
