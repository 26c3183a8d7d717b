/* radnet-cli column add | list | show | remove: saved-search columns. */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rn-cli.h"
#include "search/rn-column-store.h"

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

/* "radnet-cli column: query error at 1-11: …" (1-based, inclusive). */
static void
print_query_error (const GError *error)
{
  guint start, end;

  if (rn_query_error_get_position (error, &start, &end))
    g_printerr (_("radnet-cli column: query error at %u-%u: %s\n"),
                start + 1, MAX (end, start + 1), error->message);
  else
    rn_cli_print_error ("column", error);
}

static RnColumnStore *
open_columns (RnCli *cli)
{
  g_autoptr(GError) error = NULL;
  RnContext *context = rn_cli_context (cli);
  RnColumnStore *columns;

  if (context == NULL)
    return NULL;
  columns = rn_column_store_new (rn_context_get_store (context), &error);
  if (columns == NULL)
    rn_cli_print_error ("column", error);
  return columns;
}

static int
column_add (RnCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *sort_text = NULL;
  gboolean notify = FALSE;
  GOptionEntry entries[] = {
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_text, N_("newest (default), oldest or relevance"), N_("ORDER") },
    { "notify", 0, 0, G_OPTION_ARG_NONE, &notify, N_("Notify about new matches"), NULL },
    { NULL }
  };
  g_autoptr(RnColumnStore) columns = NULL;
  g_autoptr(GError) error = NULL;
  RnQuerySort sort = RN_QUERY_SORT_NEWEST;
  RnColumn *column;

  if (!rn_cli_parse_options ("column add", _("NAME QUERY"), _("Add a saved-search column."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 3)
    {
      g_printerr (_("radnet-cli column add: expected a name and a query\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if (sort_text != NULL && !rn_column_sort_from_string (sort_text, &sort))
    {
      g_printerr (_("radnet-cli column add: --sort is newest, oldest or relevance\n"));
      return RN_CLI_EXIT_USAGE;
    }
  /* Check the query before opening the library. */
  {
    g_autoptr(RnQuery) query = rn_query_parse (argv[2], &error);

    if (query == NULL)
      {
        print_query_error (error);
        return RN_CLI_EXIT_INPUT;
      }
  }
  if ((columns = open_columns (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  column = rn_column_store_add (columns, argv[1], argv[2], sort, notify, &error);
  if (column == NULL)
    {
      if (error->domain == RN_QUERY_ERROR)
        print_query_error (error);
      else
        rn_cli_print_error ("column", error);
      return rn_cli_exit_for_error (error);
    }
  g_print (_("Added column “%s”\n"), rn_column_get_name (column));
  return RN_CLI_EXIT_OK;
}

static int
column_list (RnCli  *cli,
             int     argc,
             char  **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };
  g_autoptr(RnColumnStore) columns = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  guint n;

  if (!rn_cli_parse_options ("column list", "", _("List the columns in order."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      g_printerr (_("radnet-cli column list: unexpected arguments\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((columns = open_columns (cli)) == NULL)
    return RN_CLI_EXIT_IO;

  n = g_list_model_get_n_items (G_LIST_MODEL (columns));
  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RnColumn) c = g_list_model_get_item (G_LIST_MODEL (columns), i);
      const char * const *exclude = rn_column_get_exclude_words (c);
      const char * const *authors = rn_column_get_authors (c);

      if (!json)
        {
          g_print ("%2d  %-24s %-9s %s  %s\n", rn_column_get_position (c), rn_column_get_name (c),
                   rn_column_sort_to_string (rn_column_get_sort (c)),
                   rn_column_get_notify (c) ? "🔔" : "  ", rn_column_get_query (c));
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, rn_column_get_id (c));
      add_string (b, "name", rn_column_get_name (c));
      add_string (b, "query", rn_column_get_query (c));
      add_string (b, "sort", rn_column_sort_to_string (rn_column_get_sort (c)));
      json_builder_set_member_name (b, "notify");
      json_builder_add_boolean_value (b, rn_column_get_notify (c));
      json_builder_set_member_name (b, "position");
      json_builder_add_int_value (b, rn_column_get_position (c));
      json_builder_set_member_name (b, "width");
      json_builder_add_int_value (b, rn_column_get_width (c));
      json_builder_set_member_name (b, "exclude_words");
      json_builder_begin_array (b);
      for (guint k = 0; exclude != NULL && exclude[k] != NULL; k++)
        json_builder_add_string_value (b, exclude[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "authors");
      json_builder_begin_array (b);
      for (guint k = 0; authors != NULL && authors[k] != NULL; k++)
        json_builder_add_string_value (b, authors[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "media_only");
      json_builder_add_boolean_value (b, rn_column_get_media_only (c));
      json_builder_set_member_name (b, "hide_boosts");
      json_builder_add_boolean_value (b, rn_column_get_hide_boosts (c));
      json_builder_set_member_name (b, "hide_replies");
      json_builder_add_boolean_value (b, rn_column_get_hide_replies (c));
      json_builder_end_object (b);
    }
  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (b);
      root = json_builder_get_root (b);
      rn_cli_print_json (root);
    }
  return RN_CLI_EXIT_OK;
}

static RnColumn *
find_or_complain (RnColumnStore *columns,
                  const char    *name)
{
  RnColumn *column = rn_column_store_find (columns, name);

  if (column == NULL)
    g_printerr (_("radnet-cli column: no column named “%s”\n"), name);
  return column;
}

static int
column_show (RnCli  *cli,
             int     argc,
             char  **argv)
{
  gboolean json = FALSE;
  int limit = 50;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N items (default 50)"), N_("N") },
    { NULL }
  };
  g_autoptr(RnColumnStore) columns = NULL;
  GListModel *items;
  RnColumn *column;

  if (!rn_cli_parse_options ("column show", _("NAME"), _("Show the items of a column, in its order."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2 || limit < 0)
    {
      g_printerr (_("radnet-cli column show: expected a column name\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((columns = open_columns (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  if ((column = find_or_complain (columns, argv[1])) == NULL)
    return RN_CLI_EXIT_INPUT;

  items = G_LIST_MODEL (column);
  while (g_list_model_get_n_items (items) < (guint) limit && rn_column_load_more (column, NULL) > 0)
    ;
  return rn_cli_print_items (items, (guint) limit, json);
}

static int
column_remove (RnCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(RnColumnStore) columns = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumn) column = NULL;

  if (!rn_cli_parse_options ("column remove", _("NAME"), _("Remove a column."), NULL, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("radnet-cli column remove: expected a column name\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((columns = open_columns (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  column = find_or_complain (columns, argv[1]);
  if (column == NULL)
    return RN_CLI_EXIT_INPUT;
  g_object_ref (column);
  if (!rn_column_store_remove (columns, column, &error))
    {
      rn_cli_print_error ("column", error);
      return rn_cli_exit_for_error (error);
    }
  g_print (_("Removed column “%s”\n"), argv[1]);
  return RN_CLI_EXIT_OK;
}

int
rn_cli_column (RnCli  *cli,
               int     argc,
               char  **argv)
{
  static const struct
  {
    const char *name;
    RnCliCommandFunc func;
  } subs[] = {
    { "add", column_add },
    { "list", column_list },
    { "show", column_show },
    { "remove", column_remove },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
      if (g_str_equal (argv[1], subs[i].name))
        return subs[i].func (cli, argc - 1, argv + 1);

  g_printerr (_("radnet-cli column: expected add, list, show or remove\n"
                "  column add NAME QUERY [--sort newest|oldest|relevance] [--notify]\n"
                "  column list [--json]\n"
                "  column show NAME [--limit N] [--json]\n"
                "  column remove NAME\n"));
  return RN_CLI_EXIT_USAGE;
}
