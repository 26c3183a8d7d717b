/* radnet-cli add URL [--folder NAME] */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "feeds/rn-feed-store.h"
#include "rn-cli.h"

/* Inside one transaction: the folder (created when missing), then the feed. */
typedef struct
{
  const char *folder;
  RnFeedSpec  spec;
} AddSpec;

static gboolean
ensure_folder (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  AddSpec *add = data;

  add->spec.folder_id = rn_feed_store_ensure_folder (store, db, 0, add->folder, error);
  return add->spec.folder_id != 0;
}

static gboolean
looks_like_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL &&
         (g_str_equal (g_uri_get_scheme (uri), "http") || g_str_equal (g_uri_get_scheme (uri), "https"));
}

int
rn_cli_add (RnCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *folder = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder, N_("Put the feed in folder NAME"), N_("NAME") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Show the feed as NAME"), N_("NAME") },
    { NULL }
  };
  AddSpec add = { NULL, { 0 } };
  RnContext *context;
  RnStore *store;
  gint64 id = 0;

  if (!rn_cli_parse_options ("add", _("URL"), _("Subscribe to a feed."), entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("radnet-cli add: expected one URL\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if (!looks_like_url (argv[1]))
    {
      g_printerr (_("radnet-cli add: “%s” is not an http or https address\n"), argv[1]);
      return RN_CLI_EXIT_INPUT;
    }
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  store = rn_context_get_store (context);

  add.folder = folder;
  add.spec.url = argv[1];
  add.spec.title = title;
  if (folder != NULL && !rn_store_write (store, ensure_folder, &add, &error))
    {
      rn_cli_print_error ("add", error);
      return RN_CLI_EXIT_IO;
    }
  if (!rn_feed_store_add_feed (store, &add.spec, &id, &error))
    {
      rn_cli_print_error ("add", error);
      return g_error_matches (error, RN_STORE_ERROR, RN_STORE_ERROR_CONSTRAINT)
        ? RN_CLI_EXIT_INPUT : RN_CLI_EXIT_IO;
    }
  g_print (_("Added feed %" G_GINT64_FORMAT ": %s\n"), id, argv[1]);
  return RN_CLI_EXIT_OK;
}
