/* radnet-cli add URL [--folder NAME] */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "feeds/rn-discover.h"
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

typedef struct
{
  GMainLoop *loop;
  GPtrArray *candidates;
  GError    *error;
} Discover;

static void
on_discovered (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Discover *d = user_data;

  d->candidates = rn_discover_finish (RN_HTTP (source), result, &d->error);
  g_main_loop_quit (d->loop);
}

/* The feed behind @url: itself when it is a feed, the one feed a page
 * announces, or NULL after listing the candidates when there are several. */
static char *
discover (RnContext   *context,
          const char  *url,
          int         *status)
{
  Discover d = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  char *feed = NULL;

  rn_discover_async (rn_context_get_http (context), url, NULL, on_discovered, &d);
  g_main_loop_run (d.loop);
  g_main_loop_unref (d.loop);

  if (d.candidates == NULL)
    {
      g_printerr (_("radnet-cli add: no feed found at %s: %s\n"), url, d.error->message);
      *status = d.error->domain == RN_DISCOVER_ERROR ? RN_CLI_EXIT_INPUT : RN_CLI_EXIT_NETWORK;
      g_clear_error (&d.error);
      return NULL;
    }

  if (d.candidates->len == 1)
    feed = g_strdup (((RnFeedCandidate *) g_ptr_array_index (d.candidates, 0))->url);
  else
    {
      g_printerr (_("%s offers %u feeds; add the one you want:\n"), url, d.candidates->len);
      for (guint i = 0; i < d.candidates->len; i++)
        {
          RnFeedCandidate *c = g_ptr_array_index (d.candidates, i);
          g_print ("%s\t%s\n", c->url, c->title != NULL ? c->title : "");
        }
      *status = RN_CLI_EXIT_FAILED;
    }
  g_ptr_array_unref (d.candidates);
  return feed;
}

int
rn_cli_add (RnCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *folder = NULL;
  g_autofree char *title = NULL;
  g_autofree char *feed_url = NULL;
  gboolean exact = FALSE;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder, N_("Put the feed in folder NAME"), N_("NAME") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Show the feed as NAME"), N_("NAME") },
    { "no-discover", 0, 0, G_OPTION_ARG_NONE, &exact, N_("Subscribe to URL as it is, without looking for feeds"), NULL },
    { NULL }
  };
  AddSpec add = { NULL, { 0 } };
  RnContext *context;
  RnStore *store;
  gint64 id = 0;
  int status = RN_CLI_EXIT_OK;

  if (!rn_cli_parse_options ("add", _("URL"),
                             _("Subscribe to a feed, or to the feed a web page announces."),
                             entries, &argc, &argv))
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

  if (exact)
    feed_url = g_strdup (argv[1]);
  else if ((feed_url = discover (context, argv[1], &status)) == NULL)
    return status;

  add.folder = folder;
  add.spec.url = feed_url;
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
  g_print (_("Added feed %" PRId64 ": %s\n"), id, feed_url);
  return RN_CLI_EXIT_OK;
}
