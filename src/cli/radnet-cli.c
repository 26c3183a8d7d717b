/* radnet-cli: the library from a terminal, for scripts, tests and
 * benchmarks. A thin front over core. */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "rn-cli.h"
#include "store/rn-store.h"

static const RnCliCommand commands[] = {
  { "import-opml", rn_cli_import_opml, N_("Import subscriptions from an OPML file") },
  { "export-opml", rn_cli_export_opml, N_("Export subscriptions as OPML") },
  { "add",         rn_cli_add,         N_("Subscribe to a feed") },
  { "list",        rn_cli_list,        N_("List feeds or items") },
  { "search",      rn_cli_search,      N_("Search the library") },
  { "refresh",     rn_cli_refresh,     N_("Fetch what is new from every source") },
  { "parse", rn_cli_parse, N_("Show what RadNet reads from a feed") },
  { "saved", rn_cli_saved, N_("The reading list: save, list, remove, export") },
  { "pubmed", rn_cli_pubmed, N_("Add and test PubMed searches") },
  { "account", rn_cli_account, N_("Sign in to Mastodon and Bluesky, list and remove accounts") },
  { "hashtag", rn_cli_hashtag, N_("Follow a hashtag on a Mastodon server") },
  { "column", rn_cli_column, N_("Saved-search columns: add, list, show, remove") },
  { NULL, NULL, NULL }
};

RnContext *
rn_cli_context (RnCli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->context != NULL)
    return cli->context;

  cli->context = rn_context_new (cli->data_dir, &error);
  if (cli->context == NULL)
    rn_cli_print_error (NULL, error);
  return cli->context;
}

int
rn_cli_exit_for_error (const GError *error)
{
  if (error == NULL)
    return RN_CLI_EXIT_OK;
  if (error->domain == RN_STORE_ERROR || error->domain == G_FILE_ERROR ||
      (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_INVALID_DATA))
    return RN_CLI_EXIT_IO;
  return RN_CLI_EXIT_INPUT;
}

void
rn_cli_print_error (const char   *command,
                    const GError *error)
{
  if (command != NULL)
    g_printerr ("radnet-cli %s: %s\n", command, error->message);
  else
    g_printerr ("radnet-cli: %s\n", error->message);
}

gboolean
rn_cli_parse_options (const char    *command,
                      const char    *parameter_string,
                      const char    *summary,
                      GOptionEntry  *entries,
                      int           *argc,
                      char        ***argv)
{
  g_autoptr(GOptionContext) octx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *params = g_strdup_printf ("%s %s", command, parameter_string);

  octx = g_option_context_new (params);
  g_option_context_set_summary (octx, summary);
  g_option_context_set_translation_domain (octx, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (octx, argc, argv, &error))
    {
      g_printerr ("radnet-cli %s: %s\n", command, error->message);
      g_printerr (_("Try “radnet-cli %s --help”.\n"), command);
      return FALSE;
    }
  return TRUE;
}

/* One line from stdin, newline removed. With @hidden and a terminal, the
 * typing is not echoed. FALSE at end of input. */
gboolean
rn_cli_read_line (const char *prompt,
           gboolean    hidden,
           char       *buf,
           gsize       size)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  gboolean restore = FALSE;
  char *got;

  if (tty)
    {
      fputs (prompt, stderr);
      fflush (stderr);
    }
  if (tty && hidden && tcgetattr (STDIN_FILENO, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      restore = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  got = fgets (buf, (int) size, stdin);
  if (restore)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }
  if (got == NULL)
    return FALSE;
  buf[strcspn (buf, "\r\n")] = '\0';
  return TRUE;
}

void
rn_cli_print_json (gpointer json_node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, json_node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

/* Every log message goes to stderr: stdout carries the results (JSON),
 * also with G_MESSAGES_DEBUG set. */
static GLogWriterOutput
log_to_stderr (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  g_autofree char *line = NULL;

  if (g_log_writer_default_would_drop (level, NULL))
    {
      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "GLIB_DOMAIN") &&
            !g_log_writer_default_would_drop (level, fields[i].value))
          goto keep;
      return G_LOG_WRITER_HANDLED;
    }
keep:
  line = g_log_writer_format_fields (level, fields, n_fields, g_log_writer_supports_color (STDERR_FILENO));
  fprintf (stderr, "%s\n", line);
  fflush (stderr);
  return G_LOG_WRITER_HANDLED;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s", _("Usage:\n  radnet-cli [--data-dir DIR] COMMAND [OPTIONS…]\n\n"));
  fprintf (out, "%s", _("Commands:\n"));
  for (gsize i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "%s", _("\nGlobal options:\n"
                        "  --data-dir DIR  Use the library in DIR (or set RADNET_DATA_DIR)\n"
                        "  --help          Show this help\n"
                        "  --version       Show the version\n\n"
                        "“radnet-cli COMMAND --help” describes a command.\n"));
}

int
main (int   argc,
      char *argv[])
{
  RnCli cli = { NULL, NULL };
  int i = 1;
  int status;

  setlocale (LC_ALL, "");
  g_set_prgname ("radnet-cli");
  g_log_set_writer_func (log_to_stderr, NULL, NULL);
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return RN_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("radnet-cli %s\n", PACKAGE_VERSION);
          return RN_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--data-dir") && i + 1 < argc)
        cli.data_dir = argv[++i];
      else if (g_str_has_prefix (argv[i], "--data-dir="))
        cli.data_dir = argv[i] + strlen ("--data-dir=");
      else
        {
          g_printerr (_("radnet-cli: unknown option “%s”\n"), argv[i]);
          print_usage (stderr);
          return RN_CLI_EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return RN_CLI_EXIT_USAGE;
    }

  for (gsize c = 0; commands[c].name != NULL; c++)
    {
      if (g_str_equal (argv[i], commands[c].name))
        {
          status = commands[c].func (&cli, argc - i, argv + i);
          g_clear_object (&cli.context);
          return status;
        }
    }

  g_printerr (_("radnet-cli: unknown command “%s”\n"), argv[i]);
  print_usage (stderr);
  return RN_CLI_EXIT_USAGE;
}
