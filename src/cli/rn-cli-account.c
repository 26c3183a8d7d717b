/* radnet-cli account list | add-mastodon | add-bluesky | remove, and
 * radnet-cli hashtag add. Secrets never reach stdout, stderr or the log:
 * the app password is read without echo and wiped after use. */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "accounts/rn-account.h"
#include "bluesky/rn-bluesky-session.h"
#include "bluesky/rn-bluesky-source.h"
#include "mastodon/rn-mastodon-api.h"
#include "mastodon/rn-mastodon-auth.h"
#include "mastodon/rn-mastodon-source.h"
#include "rn-cli.h"

/* Longest line read from the terminal (a code or an app password). */
#define MAX_LINE 1024

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *source,
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

static int
exit_for (const GError *error)
{
  if (error->domain == RN_CREDENTIALS_ERROR &&
      (error->code == RN_CREDENTIALS_ERROR_UNAVAILABLE || error->code == RN_CREDENTIALS_ERROR_LOCKED))
    return RN_CLI_EXIT_IO;
  if ((error->domain == RN_MASTODON_ERROR && error->code == RN_MASTODON_ERROR_NETWORK) ||
      (error->domain == RN_BLUESKY_ERROR && error->code == RN_BLUESKY_ERROR_NETWORK))
    return RN_CLI_EXIT_NETWORK;
  if ((error->domain == RN_MASTODON_ERROR && error->code == RN_MASTODON_ERROR_INVALID_SERVER) ||
      (error->domain == RN_BLUESKY_ERROR && error->code == RN_BLUESKY_ERROR_INVALID))
    return RN_CLI_EXIT_USAGE;
  if (error->domain == RN_STORE_ERROR)
    return RN_CLI_EXIT_IO;
  return RN_CLI_EXIT_FAILED;
}

static void
wipe (char *buf,
      gsize size)
{
  for (volatile char *p = buf; size > 0; size--, p++)
    *p = '\0';
}

/* ---- list ---- */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static int
account_list (RnCli  *cli,
              int     argc,
              char  **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  RnContext *context;

  if (!rn_cli_parse_options ("account list", "", _("List the accounts (never their passwords)"),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  accounts = rn_account_store_list (rn_context_get_store (context), &error);
  if (accounts == NULL)
    {
      rn_cli_print_error ("account list", error);
      return RN_CLI_EXIT_IO;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < accounts->len; i++)
        {
          RnAccount *a = g_ptr_array_index (accounts, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, a->id);
          add_string (b, "kind", a->kind);
          add_string (b, "server", a->server);
          add_string (b, "username", a->username);
          add_string (b, "display_name", a->display_name);
          add_string (b, "state", a->state);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      rn_cli_print_json (root);
      return RN_CLI_EXIT_OK;
    }

  if (accounts->len == 0)
    g_print ("%s", _("No accounts. Add one with “radnet-cli account add-mastodon SERVER” "
                     "or “radnet-cli account add-bluesky HANDLE”.\n"));
  for (guint i = 0; i < accounts->len; i++)
    {
      RnAccount *a = g_ptr_array_index (accounts, i);
      g_autofree char *label = rn_account_dup_label (a);

      g_print ("%4" G_GINT64_FORMAT "  %-8s %-10s %s%s%s%s\n", a->id, a->kind, a->state, label,
               a->display_name != NULL ? " (" : "", a->display_name != NULL ? a->display_name : "",
               a->display_name != NULL ? ")" : "");
    }
  return RN_CLI_EXIT_OK;
}

/* ---- add-mastodon ---- */

static int
account_add_mastodon (RnCli  *cli,
                      int     argc,
                      char  **argv)
{
  gboolean paste = FALSE;
  GOptionEntry entries[] = {
    { "paste", 0, 0, G_OPTION_ARG_NONE, &paste,
      N_("Paste the code the server shows instead of waiting for the browser to come back"), NULL },
    { NULL }
  };
  g_autoptr(RnMastodonSignIn) sign = NULL;
  g_autoptr(RnAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Wait begun = { NULL }, done = { NULL };
  char code[MAX_LINE];
  RnContext *context;
  gint64 feed_id = 0;

  if (!rn_cli_parse_options ("account add-mastodon", _("SERVER"),
                             _("Sign in to a Mastodon server (for example mastodon.social) in your browser"),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s", _("radnet-cli account add-mastodon: name one server, e.g. mastodon.social\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;

  sign = rn_mastodon_sign_in_new (rn_context_get_store (context), rn_context_get_http (context),
                                  rn_context_get_credentials (context), argv[1], paste, &error);
  if (sign == NULL)
    {
      rn_cli_print_error ("account add-mastodon", error);
      return exit_for (error);
    }
  rn_mastodon_sign_in_begin_async (sign, NULL, on_done, &begun);
  url = rn_mastodon_sign_in_begin_finish (sign, wait_for (&begun), &error);
  g_clear_object (&begun.result);
  if (url == NULL)
    {
      rn_cli_print_error ("account add-mastodon", error);
      return exit_for (error);
    }

  g_print (_("Open this address in your browser and allow RadNet access:\n\n  %s\n\n"), url);
  if (paste)
    {
      fflush (stdout);
      if (!rn_cli_read_line (_("Code shown by the server: "), FALSE, code, sizeof code) || code[0] == '\0')
        {
          g_printerr ("%s", _("radnet-cli account add-mastodon: no code given\n"));
          return RN_CLI_EXIT_USAGE;
        }
      rn_mastodon_sign_in_complete_async (sign, code, NULL, on_done, &done);
      wipe (code, sizeof code);
    }
  else
    {
      g_print ("%s", _("Waiting for the browser to come back (5 minutes at most)…\n"));
      fflush (stdout);
      rn_mastodon_sign_in_complete_async (sign, NULL, NULL, on_done, &done);
    }
  account = rn_mastodon_sign_in_complete_finish (sign, wait_for (&done), &error);
  g_clear_object (&done.result);
  if (account == NULL)
    {
      rn_cli_print_error ("account add-mastodon", error);
      return exit_for (error);
    }

  /* The home timeline comes with the account; a second sign-in keeps it. */
  if (!rn_mastodon_add_timeline_source (rn_context_get_store (context), account, "mastodon-home",
                                        NULL, &feed_id, &error) &&
      !g_error_matches (error, RN_STORE_ERROR, RN_STORE_ERROR_CONSTRAINT))
    g_printerr ("radnet-cli account add-mastodon: %s\n", error->message);
  g_print (_("Signed in as @%s@%s (account %" PRId64 ").\n"), account->username,
           account->server, account->id);
  return RN_CLI_EXIT_OK;
}

/* ---- add-bluesky ---- */

static int
account_add_bluesky (RnCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autofree char *pds = NULL;
  GOptionEntry entries[] = {
    { "pds", 0, 0, G_OPTION_ARG_STRING, &pds, N_("Address of your Bluesky server (default https://bsky.social)"), N_("URL") },
    { NULL }
  };
  g_autoptr(RnAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  Wait done = { NULL };
  char password[MAX_LINE];
  g_autofree char *prompt = NULL;
  RnContext *context;
  gint64 feed_id = 0;

  if (!rn_cli_parse_options ("account add-bluesky", _("HANDLE"),
                             _("Sign in to Bluesky with an app password (Settings → App passwords). "
                               "The app password is read from the terminal without echo, or from "
                               "standard input, and is not stored."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s", _("radnet-cli account add-bluesky: name one handle, e.g. name.bsky.social\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;

  prompt = g_strdup_printf (_("App password for %s: "), argv[1]);
  if (!rn_cli_read_line (prompt, TRUE, password, sizeof password) || password[0] == '\0')
    {
      wipe (password, sizeof password);
      g_printerr ("%s", _("radnet-cli account add-bluesky: no app password given\n"));
      return RN_CLI_EXIT_USAGE;
    }
  rn_bluesky_sign_in_async (rn_context_get_store (context), rn_context_get_http (context),
                            rn_context_get_credentials (context), argv[1], password, pds,
                            NULL, on_done, &done);
  wipe (password, sizeof password);
  account = rn_bluesky_sign_in_finish (wait_for (&done), &error);
  g_clear_object (&done.result);
  if (account == NULL)
    {
      rn_cli_print_error ("account add-bluesky", error);
      return exit_for (error);
    }
  if (!rn_bluesky_add_timeline_source (rn_context_get_store (context), account, &feed_id, &error) &&
      !g_error_matches (error, RN_STORE_ERROR, RN_STORE_ERROR_CONSTRAINT))
    g_printerr ("radnet-cli account add-bluesky: %s\n", error->message);
  g_print (_("Signed in as @%s on %s (account %" PRId64 ").\n"), account->username,
           account->server, account->id);
  return RN_CLI_EXIT_OK;
}

/* ---- remove ---- */

static int
account_remove (RnCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(RnAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  Wait done = { NULL };
  RnContext *context;
  RnStore *store;
  gint64 id = 0;
  gboolean ok;

  if (!rn_cli_parse_options ("account remove", _("ID"),
                             _("Sign out: revoke the access on the server, delete the passwords from "
                               "the keyring, and remove the account and its timelines"),
                             NULL, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2 || !g_ascii_string_to_signed (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr ("%s", _("radnet-cli account remove: give the id shown by “radnet-cli account list”\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  store = rn_context_get_store (context);
  account = rn_account_store_get (store, id, &error);
  if (account == NULL)
    {
      rn_cli_print_error ("account remove", error);
      return RN_CLI_EXIT_INPUT;
    }
  if (g_str_equal (account->kind, "bluesky"))
    {
      rn_bluesky_sign_out_async (store, rn_context_get_http (context), rn_context_get_credentials (context),
                                 id, NULL, on_done, &done);
      ok = rn_bluesky_sign_out_finish (wait_for (&done), &error);
    }
  else
    {
      rn_mastodon_sign_out_async (store, rn_context_get_http (context), rn_context_get_credentials (context),
                                  id, NULL, on_done, &done);
      ok = rn_mastodon_sign_out_finish (wait_for (&done), &error);
    }
  g_clear_object (&done.result);
  if (!ok)
    {
      rn_cli_print_error ("account remove", error);
      return exit_for (error);
    }
  g_print (_("Signed out of account %" PRId64 ".\n"), id);
  return RN_CLI_EXIT_OK;
}

int
rn_cli_account (RnCli  *cli,
                int     argc,
                char  **argv)
{
  static const struct
  {
    const char *name;
    int (*func) (RnCli *, int, char **);
  } subcommands[] = {
    { "list", account_list },
    { "add-mastodon", account_add_mastodon },
    { "add-bluesky", account_add_bluesky },
    { "remove", account_remove },
  };

  if (argc >= 2)
    for (gsize i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].func (cli, argc - 1, argv + 1);

  g_printerr ("%s", _("Usage:\n"
                      "  radnet-cli account list [--json]\n"
                      "  radnet-cli account add-mastodon SERVER [--paste]\n"
                      "  radnet-cli account add-bluesky HANDLE [--pds URL]\n"
                      "  radnet-cli account remove ID\n"));
  return RN_CLI_EXIT_USAGE;
}

int
rn_cli_hashtag (RnCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *server = NULL;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("Mastodon server whose public timeline to follow (default mastodon.social)"), N_("SERVER") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  RnContext *context;
  gint64 feed_id = 0;
  const char *tag;

  if (argc < 2 || !g_str_equal (argv[1], "add"))
    {
      g_printerr ("%s", _("Usage:\n  radnet-cli hashtag add TAG [--server SERVER]\n"));
      return RN_CLI_EXIT_USAGE;
    }
  argc--;
  argv++;
  if (!rn_cli_parse_options ("hashtag add", _("TAG"),
                             _("Follow a hashtag on a Mastodon server; no account needed"),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s", _("radnet-cli hashtag add: name one hashtag, e.g. FOAMrad\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  if (!rn_mastodon_add_hashtag_source (rn_context_get_store (context), server, argv[1], 0, &feed_id, &error))
    {
      rn_cli_print_error ("hashtag add", error);
      if (g_error_matches (error, RN_STORE_ERROR, RN_STORE_ERROR_CONSTRAINT))
        return RN_CLI_EXIT_FAILED;
      return error->domain == RN_MASTODON_ERROR ? RN_CLI_EXIT_USAGE : RN_CLI_EXIT_IO;
    }
  tag = argv[1];
  while (*tag == '#')
    tag++;
  g_print (_("Following #%s on %s (source %" PRId64 ").\n"), tag,
           server != NULL ? server : "mastodon.social", feed_id);
  return RN_CLI_EXIT_OK;
}
