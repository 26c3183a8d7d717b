/* radnet-cli import-opml / export-opml */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "feeds/rn-default-sources.h"
#include "feeds/rn-opml.h"
#include "rn-cli.h"

int
rn_cli_import_opml (RnCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GFile) file = NULL;
  RnOpmlImportStats stats = { 0 };
  gboolean defaults = FALSE;
  GOptionEntry entries[] = {
    { "defaults", 0, 0, G_OPTION_ARG_NONE, &defaults, N_("Import RadNet's default radiology sources"), NULL },
    { NULL }
  };
  RnContext *context;

  if (!rn_cli_parse_options ("import-opml", _("FILE | --defaults"), _("Import subscriptions from an OPML file."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if ((argc != 2 && !defaults) || (argc != 1 && defaults))
    {
      g_printerr (_("radnet-cli import-opml: expected one FILE, or --defaults\n"));
      return RN_CLI_EXIT_USAGE;
    }

  if (defaults)
    data = rn_default_sources_get ();
  else
    {
      file = g_file_new_for_commandline_arg (argv[1]);
      data = g_file_load_bytes (file, NULL, NULL, &error);
      if (data == NULL)
        {
          rn_cli_print_error ("import-opml", error);
          return RN_CLI_EXIT_IO;
        }
    }
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  if (!rn_opml_import (rn_context_get_store (context), data, &stats, &error))
    {
      g_printerr ("radnet-cli import-opml: %s: %s\n", defaults ? "--defaults" : argv[1], error->message);
      return error->domain == RN_OPML_ERROR ? RN_CLI_EXIT_INPUT : RN_CLI_EXIT_IO;
    }
  g_print (ngettext ("Imported %u feed", "Imported %u feeds", stats.added), stats.added);
  if (stats.already > 0)
    g_print (ngettext (" (%u already subscribed)", " (%u already subscribed)", stats.already), stats.already);
  g_print ("\n");
  return RN_CLI_EXIT_OK;
}

int
rn_cli_export_opml (RnCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *opml = NULL;
  RnContext *context;

  if (!rn_cli_parse_options ("export-opml", _("[FILE]"),
                             _("Export subscriptions as OPML to FILE, or to standard output."),
                             NULL, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc > 2)
    {
      g_printerr (_("radnet-cli export-opml: expected at most one FILE\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  opml = rn_opml_export (rn_context_get_store (context), &error);
  if (opml == NULL)
    {
      rn_cli_print_error ("export-opml", error);
      return RN_CLI_EXIT_IO;
    }
  if (argc == 2 && !g_str_equal (argv[1], "-"))
    {
      if (!g_file_set_contents (argv[1], opml, -1, &error))
        {
          rn_cli_print_error ("export-opml", error);
          return RN_CLI_EXIT_IO;
        }
    }
  else
    g_print ("%s", opml);
  return RN_CLI_EXIT_OK;
}
