/* radnet-cli saved add|list|remove|export|case-html|snapshot|zotero: the reading
 * list from a terminal. */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "offline/rn-snapshot.h"
#include "reading/rn-export-selection.h"
#include "reading/rn-reading-list.h"
#include "reading/rn-zotero.h"
#include "rn-cli.h"

typedef struct
{
  GMainLoop      *loop;
  GError         *error;
  RnSnapshotState state;
} Wait;

static RnReadingList *
open_list (RnCli *cli)
{
  RnContext *context = rn_cli_context (cli);

  if (context == NULL)
    return NULL;
  /* Crossref asks for a contact address; the app passes the one from its
   * settings, the CLI takes it from the environment. */
  return rn_reading_list_new (rn_context_get_store (context), rn_context_get_http (context),
                              g_getenv ("RADNET_CONTACT_EMAIL"));
}

static void
on_flushed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  rn_reading_list_flush_finish (RN_READING_LIST (source), result, NULL);
  g_main_loop_quit (wait->loop);
}

/* Waits for writes queued by background work (the look-up cache), so
 * nothing is lost when the process exits. */
static void
flush (RnReadingList *list)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL, 0 };

  rn_reading_list_flush_async (list, on_flushed, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
}

static gboolean
parse_item_id (const char *command,
               const char *text,
               gint64     *out_id)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_printerr (_("radnet-cli %s: expected an item id, got “%s”\n"), command, text ? text : "");
      return FALSE;
    }
  *out_id = (gint64) value;
  return TRUE;
}

static int
exit_for (const GError *error)
{
  if (g_error_matches (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND) ||
      error->domain == RN_READING_LIST_ERROR)
    return RN_CLI_EXIT_INPUT;
  return rn_cli_exit_for_error (error);
}

static char *
iso_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (unix_seconds);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

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

static const char *
notice_label (const char *notice)
{
  if (g_strcmp0 (notice, "retraction") == 0)
    return _("RETRACTED");
  if (g_strcmp0 (notice, "correction") == 0)
    return _("corrected");
  if (g_strcmp0 (notice, "expression-of-concern") == 0)
    return _("expression of concern");
  return notice;
}

/* ---- add ---- */

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  rn_reading_list_save_finish (RN_READING_LIST (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static int
saved_add (RnCli  *cli,
           int     argc,
           char  **argv)
{
  g_auto(GStrv) tags = NULL;
  g_autofree char *note = NULL;
  g_autofree char *state = NULL;
  gboolean no_snapshot = FALSE;
  GOptionEntry entries[] = {
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Add a tag (repeatable)"), N_("TAG") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A personal note"), N_("TEXT") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("to-read, reading or done"), N_("STATE") },
    { "no-snapshot", 0, 0, G_OPTION_ARG_NONE, &no_snapshot, N_("Don’t keep an offline copy"), NULL },
    { NULL }
  };
  RnSaveOptions options = { 0 };
  g_autoptr(RnReadingList) list = NULL;
  g_autoptr(RnSavedItem) saved = NULL;
  Wait wait = { NULL, NULL, 0 };
  gint64 item_id;

  if (!rn_cli_parse_options ("saved add", _("ITEM_ID"), _("Save an item to the reading list."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2 || !parse_item_id ("saved add", argv[1], &item_id))
    return RN_CLI_EXIT_USAGE;
  if (state != NULL && !rn_saved_state_from_string (state, &options.state))
    {
      g_printerr (_("radnet-cli saved add: “%s” is not a state (to-read, reading, done)\n"), state);
      return RN_CLI_EXIT_USAGE;
    }
  options.set_state = state != NULL;
  options.note = note;
  options.tags = (const char * const *) tags;
  options.no_snapshot = no_snapshot;

  if ((list = open_list (cli)) == NULL)
    return RN_CLI_EXIT_IO;

  wait.loop = g_main_loop_new (NULL, FALSE);
  rn_reading_list_save_async (list, item_id, &options, NULL, on_saved, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  flush (list);
  if (wait.error != NULL)
    {
      int status = exit_for (wait.error);

      rn_cli_print_error ("saved add", wait.error);
      g_error_free (wait.error);
      return status;
    }

  saved = rn_reading_list_get (list, item_id);
  g_print (_("Saved item %" PRId64 " (%s)"), item_id,
           saved != NULL ? rn_saved_state_to_string (rn_saved_item_get_state (saved)) : "?");
  if (saved != NULL && !no_snapshot)
    g_print (_("; offline copy: %s"), rn_snapshot_state_to_string (rn_saved_item_get_snapshot_state (saved)));
  if (saved != NULL && rn_saved_item_get_notice (saved) != NULL)
    g_print (_("; notice: %s"), notice_label (rn_saved_item_get_notice (saved)));
  g_print ("\n");
  return RN_CLI_EXIT_OK;
}

/* ---- list ---- */

static int
saved_list (RnCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *state = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *search = NULL;
  g_autofree char *sort = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("Only entries in STATE"), N_("STATE") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only entries with TAG"), N_("TAG") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only entries whose text or note has the words"), N_("WORDS") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("saved (default), published or title"), N_("ORDER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };
  RnSavedFilter filter = { 0 };
  g_autoptr(RnReadingList) list = NULL;
  guint n;

  if (!rn_cli_parse_options ("saved list", "", _("List the reading list, most recently saved first."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      g_printerr (_("radnet-cli saved list: unexpected “%s”\n"), argv[1]);
      return RN_CLI_EXIT_USAGE;
    }
  if (state != NULL)
    {
      if (!rn_saved_state_from_string (state, &filter.state))
        {
          g_printerr (_("radnet-cli saved list: “%s” is not a state (to-read, reading, done)\n"), state);
          return RN_CLI_EXIT_USAGE;
        }
      filter.by_state = TRUE;
    }
  if (sort != NULL && !g_str_equal (sort, "saved") && !g_str_equal (sort, "published") &&
      !g_str_equal (sort, "title"))
    {
      g_printerr (_("radnet-cli saved list: “%s” is not an order (saved, published, title)\n"), sort);
      return RN_CLI_EXIT_USAGE;
    }
  filter.tag = tag;
  filter.search = search;

  if ((list = open_list (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  if (sort != NULL)
    rn_reading_list_set_sort (list, g_str_equal (sort, "published") ? RN_SAVED_SORT_PUBLISHED
                                    : g_str_equal (sort, "title") ? RN_SAVED_SORT_TITLE
                                    : RN_SAVED_SORT_SAVED);
  rn_reading_list_set_filter (list, &filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RnSavedItem) e = g_list_model_get_item (G_LIST_MODEL (list), i);
          g_autofree char *saved_at = iso_date (rn_saved_item_get_saved_at (e));
          const char * const *t = rn_saved_item_get_tags (e);

          json_builder_begin_object (b);
          /* An entry is known by its item: both names, for scripts. */
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, rn_saved_item_get_item_id (e));
          json_builder_set_member_name (b, "item_id");
          json_builder_add_int_value (b, rn_saved_item_get_item_id (e));
          add_string (b, "title", rn_saved_item_get_title (e));
          add_string (b, "source", rn_saved_item_get_source (e));
          add_string (b, "link", rn_saved_item_get_link (e));
          add_string (b, "state", rn_saved_state_to_string (rn_saved_item_get_state (e)));
          json_builder_set_member_name (b, "tags");
          json_builder_begin_array (b);
          for (guint k = 0; t[k] != NULL; k++)
            json_builder_add_string_value (b, t[k]);
          json_builder_end_array (b);
          add_string (b, "note", rn_saved_item_get_note (e));
          add_string (b, "saved_at", saved_at);
          add_string (b, "doi", rn_saved_item_get_doi (e));
          add_string (b, "snapshot", rn_snapshot_state_to_string (rn_saved_item_get_snapshot_state (e)));
          add_string (b, "notice", rn_saved_item_get_notice (e));
          add_string (b, "notice_url", rn_saved_item_get_notice_url (e));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      rn_cli_print_json (root);
      return RN_CLI_EXIT_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RnSavedItem) e = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *saved_at = iso_date (rn_saved_item_get_saved_at (e));
      g_autofree char *tags = g_strjoinv (", ", (char **) rn_saved_item_get_tags (e));
      const char *title = rn_saved_item_get_title (e);

      g_print ("%6" G_GINT64_FORMAT "  %-8s %s  %s\n", rn_saved_item_get_item_id (e),
               rn_saved_state_to_string (rn_saved_item_get_state (e)), saved_at != NULL ? saved_at : "",
               title != NULL ? title : _("(untitled)"));
      if (rn_saved_item_get_notice (e) != NULL)
        g_print (_("        notice: %s %s\n"), notice_label (rn_saved_item_get_notice (e)),
                 rn_saved_item_get_notice_url (e) != NULL ? rn_saved_item_get_notice_url (e) : "");
      if (*tags != '\0')
        g_print (_("        tags: %s\n"), tags);
      if (rn_saved_item_get_note (e) != NULL)
        g_print (_("        note: %s\n"), rn_saved_item_get_note (e));
      g_print (_("        offline: %s\n"), rn_snapshot_state_to_string (rn_saved_item_get_snapshot_state (e)));
    }
  return RN_CLI_EXIT_OK;
}

/* ---- remove ---- */

static int
saved_remove (RnCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(RnReadingList) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id;

  if (!rn_cli_parse_options ("saved remove", _("ITEM_ID"), _("Remove an item from the reading list."),
                             NULL, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2 || !parse_item_id ("saved remove", argv[1], &item_id))
    return RN_CLI_EXIT_USAGE;
  if ((list = open_list (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  if (!rn_reading_list_remove (list, item_id, &error))
    {
      rn_cli_print_error ("saved remove", error);
      return exit_for (error);
    }
  return RN_CLI_EXIT_OK;
}

/* ---- export ---- */

static gboolean
write_output (const char  *path,
              const char  *text,
              GError     **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    {
      g_print ("%s", text);
      return TRUE;
    }
  return g_file_set_contents (path, text, -1, error);
}

static int
saved_export (RnCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *title = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("bibtex, ris, csl-json, markdown or html"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (default: standard output)"), N_("FILE") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only entries with TAG"), N_("TAG") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of a digest"), N_("TEXT") },
    { NULL }
  };
  RnSavedFilter filter = { 0 };
  g_autoptr(RnReadingList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RnExportFormat format;

  if (!rn_cli_parse_options ("saved export", "", _("Export the reading list with its references."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 1 || format_name == NULL || !rn_export_format_from_string (format_name, &format))
    {
      g_printerr (_("radnet-cli saved export: --format must be bibtex, ris, csl-json, markdown or html\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((list = open_list (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  filter.tag = tag;
  rn_reading_list_set_filter (list, &filter);
  text = rn_export_selection_run (list, format, title, &error);
  if (text == NULL || !write_output (output, text, &error))
    {
      rn_cli_print_error ("saved export", error);
      return exit_for (error);
    }
  return RN_CLI_EXIT_OK;
}

/* ---- case-html ---- */

static int
saved_case_html (RnCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (default: standard output)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RnContext *context;
  gint64 item_id;

  if (!rn_cli_parse_options ("saved case-html", _("ITEM_ID"),
                             _("Write a saved item as one self-contained HTML file."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2 || !parse_item_id ("saved case-html", argv[1], &item_id))
    return RN_CLI_EXIT_USAGE;
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  text = rn_export_selection_case_html (rn_context_get_store (context), item_id, &error);
  if (text == NULL || !write_output (output, text, &error))
    {
      rn_cli_print_error ("saved case-html", error);
      return exit_for (error);
    }
  return RN_CLI_EXIT_OK;
}

/* ---- snapshot (retry) ---- */

static void
on_retried (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->state = rn_reading_list_retry_snapshot_finish (RN_READING_LIST (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static int
saved_snapshot (RnCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(RnReadingList) list = NULL;
  g_autofree char *problem = NULL;
  Wait wait = { NULL, NULL, 0 };
  gint64 item_id;

  if (!rn_cli_parse_options ("saved snapshot", _("ITEM_ID"),
                             _("Take the offline copy of a saved item again."), NULL, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2 || !parse_item_id ("saved snapshot", argv[1], &item_id))
    return RN_CLI_EXIT_USAGE;
  if ((list = open_list (cli)) == NULL)
    return RN_CLI_EXIT_IO;

  wait.loop = g_main_loop_new (NULL, FALSE);
  rn_reading_list_retry_snapshot_async (list, item_id, NULL, on_retried, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error != NULL)
    {
      int status = exit_for (wait.error);

      rn_cli_print_error ("saved snapshot", wait.error);
      g_error_free (wait.error);
      return status;
    }
  g_print (_("Offline copy of item %" PRId64 ": %s\n"), item_id,
           rn_snapshot_state_to_string (wait.state));
  /* A failed attempt may have kept an older copy: say why it failed. */
  rn_snapshot_get_state (rn_reading_list_get_store (list), item_id, &problem);
  if (problem != NULL)
    {
      g_printerr (_("radnet-cli saved snapshot: %s\n"), problem);
      return RN_CLI_EXIT_FAILED;
    }
  return RN_CLI_EXIT_OK;
}

/* ---- zotero ---- */

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} ZoteroWait;

static void
on_zotero_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ZoteroWait *wait = user_data;

  rn_zotero_save_finish (RN_ZOTERO (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static int
saved_zotero (RnCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *tag = NULL;
  GOptionEntry entries[] = {
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only entries with TAG"), N_("TAG") },
    { NULL }
  };
  RnSavedFilter filter = { 0 };
  g_autoptr(RnReadingList) list = NULL;
  g_autoptr(RnZotero) zotero = NULL;
  g_autoptr(GPtrArray) selection = NULL;
  g_autoptr(GError) error = NULL;
  ZoteroWait wait = { NULL, NULL };

  if (!rn_cli_parse_options ("saved zotero", "",
                             _("Send the reading list to the Zotero desktop app (it must be running)."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      g_printerr (_("radnet-cli saved zotero: unexpected “%s”\n"), argv[1]);
      return RN_CLI_EXIT_USAGE;
    }
  if ((list = open_list (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  filter.tag = tag;
  rn_reading_list_set_filter (list, &filter);
  selection = rn_export_selection_collect (list, &error);
  if (selection == NULL)
    {
      rn_cli_print_error ("saved zotero", error);
      return exit_for (error);
    }
  if (selection->len == 0)
    {
      g_print ("%s", _("Nothing to send.\n"));
      return RN_CLI_EXIT_OK;
    }

  /* The connector listens on this machine only; tests point elsewhere. */
  zotero = rn_zotero_new (rn_http_get_session (rn_context_get_http (rn_cli_context (cli))),
                          g_getenv ("RADNET_ZOTERO_URL"));
  wait.loop = g_main_loop_new (NULL, FALSE);
  rn_zotero_save_async (zotero, selection, NULL, NULL, on_zotero_saved, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error != NULL)
    {
      int status = wait.error->domain == RN_ZOTERO_ERROR ? RN_CLI_EXIT_NETWORK : exit_for (wait.error);

      rn_cli_print_error ("saved zotero", wait.error);
      g_error_free (wait.error);
      return status;
    }
  g_print (ngettext ("Sent %u item to Zotero.\n", "Sent %u items to Zotero.\n", selection->len),
           selection->len);
  return RN_CLI_EXIT_OK;
}

static const struct
{
  const char       *name;
  RnCliCommandFunc  func;
  const char       *summary;
} subcommands[] = {
  { "add",       saved_add,       N_("Save an item (waits for its offline copy)") },
  { "list",      saved_list,      N_("List saved items") },
  { "remove",    saved_remove,    N_("Remove an item from the reading list") },
  { "export",    saved_export,    N_("Export as BibTeX, RIS, CSL-JSON or a digest") },
  { "case-html", saved_case_html, N_("Write one saved item as a self-contained HTML file") },
  { "snapshot",  saved_snapshot,  N_("Take an item’s offline copy again") },
  { "zotero",    saved_zotero,    N_("Send the reading list to Zotero") },
};

int
rn_cli_saved (RnCli  *cli,
              int     argc,
              char  **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].func (cli, argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s", _("Usage:\n  radnet-cli saved SUBCOMMAND [OPTIONS…]\n\nSubcommands:\n"));
      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        g_print ("  %-10s %s\n", subcommands[i].name, _(subcommands[i].summary));
      return RN_CLI_EXIT_OK;
    }
  g_printerr ("%s", _("radnet-cli saved: expected add, list, remove, export, case-html, snapshot or zotero\n"));
  return RN_CLI_EXIT_USAGE;
}
