/* radnet-cli list feeds | items, and radnet-cli search: plain text or one
 * JSON array. */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "feeds/rn-feed-store.h"
#include "feeds/rn-item-list.h"
#include "rn-cli.h"

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

static int
list_feeds (RnStore  *store,
            gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = rn_feed_store_list_feeds (store, &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (feeds == NULL)
    {
      rn_cli_print_error ("list", error);
      return RN_CLI_EXIT_IO;
    }
  for (guint i = 0; i < feeds->len; i++)
    if (rn_feed_is_hidden (g_ptr_array_index (feeds, i)))
      g_ptr_array_remove_index (feeds, i--);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < feeds->len; i++)
        {
          RnFeed *feed = g_ptr_array_index (feeds, i);
          g_autofree char *last = iso_date (rn_feed_get_last_success (feed));
          g_autofree char *next = iso_date (rn_feed_get_next_fetch (feed));

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, rn_feed_get_id (feed));
          add_string (b, "kind", rn_feed_get_kind (feed));
          add_string (b, "title", rn_feed_get_title (feed));
          add_string (b, "url", rn_feed_get_url (feed));
          add_string (b, "site_url", rn_feed_get_site_url (feed));
          add_string (b, "folder", rn_feed_get_folder_title (feed));
          json_builder_set_member_name (b, "unread");
          json_builder_add_int_value (b, rn_feed_get_unread_count (feed));
          add_string (b, "error", rn_feed_get_error (feed));
          add_string (b, "last_success", last);
          json_builder_set_member_name (b, "failures");
          json_builder_add_int_value (b, rn_feed_get_failures (feed));
          add_string (b, "next_fetch", next);
          json_builder_set_member_name (b, "disabled");
          json_builder_add_boolean_value (b, rn_feed_get_disabled (feed));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      rn_cli_print_json (root);
      return RN_CLI_EXIT_OK;
    }

  for (guint i = 0; i < feeds->len; i++)
    {
      RnFeed *feed = g_ptr_array_index (feeds, i);
      const char *folder = rn_feed_get_folder_title (feed);

      g_print ("%4" G_GINT64_FORMAT "  %-7s %5u  %s%s%s\n", rn_feed_get_id (feed),
               rn_feed_get_kind (feed), rn_feed_get_unread_count (feed),
               folder != NULL ? folder : "", folder != NULL ? " / " : "",
               rn_feed_get_title (feed));
      g_print ("        %s\n", rn_feed_get_url (feed));
      if (rn_feed_get_error (feed) != NULL)
        {
          g_print (ngettext ("        error: %s (%u failure in a row", "        error: %s (%u failures in a row",
                             rn_feed_get_failures (feed)),
                   rn_feed_get_error (feed), rn_feed_get_failures (feed));
          if (rn_feed_get_next_fetch (feed) > now)
            g_print (_("; next try in %" PRId64 " min"), (rn_feed_get_next_fetch (feed) - now + 59) / 60);
          g_print (")\n");
        }
      if (rn_feed_get_disabled (feed))
        g_print ("%s", _("        disabled\n"));
    }
  return RN_CLI_EXIT_OK;
}

/* Items newest first as `list items` prints them: text or one JSON array.
 * Shared by the commands that show items (list, search, column show). */
int
rn_cli_print_items (GListModel *items,
                    guint       limit,
                    gboolean    json)
{
  guint n = MIN (g_list_model_get_n_items (items), limit);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RnItem) item = g_list_model_get_item (items, i);
          g_autofree char *published = NULL;

          if (item == NULL)
            continue;
          published = iso_date (rn_item_get_published (item));
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, rn_item_get_id (item));
          json_builder_set_member_name (b, "feed_id");
          json_builder_add_int_value (b, rn_item_get_feed_id (item));
          add_string (b, "title", rn_item_get_title (item));
          add_string (b, "link", rn_item_get_link (item));
          add_string (b, "published", published);
          json_builder_set_member_name (b, "read");
          json_builder_add_boolean_value (b, rn_item_get_read (item));
          json_builder_set_member_name (b, "starred");
          json_builder_add_boolean_value (b, rn_item_get_starred (item));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      rn_cli_print_json (root);
      return RN_CLI_EXIT_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RnItem) item = g_list_model_get_item (items, i);
      g_autofree char *published = NULL;

      if (item == NULL)
        continue;
      published = iso_date (rn_item_get_published (item));
      g_print ("%6" G_GINT64_FORMAT " %s %s  %s\n", rn_item_get_id (item),
               rn_item_get_read (item) ? " " : "•",
               published != NULL ? published : "                    ",
               rn_item_get_title (item) != NULL ? rn_item_get_title (item) : _("(untitled)"));
    }
  return RN_CLI_EXIT_OK;
}

int
rn_cli_list (RnCli  *cli,
             int     argc,
             char  **argv)
{
  gboolean json = FALSE, unread = FALSE;
  gint64 feed_id = 0;
  int limit = 50;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { "feed", 0, 0, G_OPTION_ARG_INT64, &feed_id, N_("Only items of feed ID"), N_("ID") },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Only unread items"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N items (default 50)"), N_("N") },
    { NULL }
  };
  RnContext *context;

  if (!rn_cli_parse_options ("list", "feeds|items", _("List feeds or items, newest first."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 2 || (!g_str_equal (argv[1], "feeds") && !g_str_equal (argv[1], "items")) || limit < 0)
    {
      g_printerr (_("radnet-cli list: expected “feeds” or “items”\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;

  if (g_str_equal (argv[1], "feeds"))
    return list_feeds (rn_context_get_store (context), json);
  else
    {
      RnItemFilter filter = { .feed_id = feed_id, .unread_only = unread };
      g_autoptr(RnItemList) items = rn_item_list_new (rn_context_get_store (context), &filter,
                                                      RN_ITEM_SORT_NEWEST);
      return rn_cli_print_items (G_LIST_MODEL (items), (guint) limit, json);
    }
}

int
rn_cli_search (RnCli  *cli,
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
  g_autofree char *query = NULL;
  g_autoptr(RnItemList) items = NULL;
  RnItemFilter filter = { 0 };
  RnContext *context;

  if (!rn_cli_parse_options ("search", _("WORDS…"), _("Find items that contain all the words."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc < 2 || limit < 0)
    {
      g_printerr (_("radnet-cli search: expected a query\n"));
      return RN_CLI_EXIT_USAGE;
    }
  query = g_strjoinv (" ", argv + 1);
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;
  filter.search = query;
  items = rn_item_list_new (rn_context_get_store (context), &filter, RN_ITEM_SORT_NEWEST);
  return rn_cli_print_items (G_LIST_MODEL (items), (guint) limit, json);
}
