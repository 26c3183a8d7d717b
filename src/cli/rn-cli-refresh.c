/* radnet-cli refresh [--jobs N] [--feed ID] [--json] */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <unistd.h>

#include "rn-cli.h"
#include "store/rn-sql.h"

typedef struct
{
  GMainLoop        *loop;
  RnRefreshSummary *summary;
  GError           *error;
  gboolean          tty;
} Refresh;

static void
on_progress (RnRefresher *refresher,
             GParamSpec  *pspec,
             Refresh     *r)
{
  const char *title = rn_refresher_get_current_title (refresher);
  g_autofree char *line = NULL;

  if (!r->tty)
    return;
  line = g_strdup_printf ("%u/%u %s", rn_refresher_get_n_done (refresher),
                          rn_refresher_get_n_total (refresher), title != NULL ? title : "");
  /* One line, rewritten in place; cut to a terminal's width. */
  if (g_utf8_strlen (line, -1) > 78)
    {
      char *end = g_utf8_offset_to_pointer (line, 77);
      *end = '\0';
    }
  g_printerr ("\r\033[K%s", line);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Refresh *r = user_data;

  r->summary = rn_refresher_refresh_finish (RN_REFRESHER (source), result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
print_summary (const RnRefreshSummary *s,
               gboolean                json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_int_value (b, s->ok);
      json_builder_set_member_name (b, "not_modified");
      json_builder_add_int_value (b, s->not_modified);
      json_builder_set_member_name (b, "failed");
      json_builder_add_int_value (b, s->failed);
      json_builder_set_member_name (b, "new_items");
      json_builder_add_int_value (b, s->new_items);
      json_builder_set_member_name (b, "seconds");
      json_builder_add_double_value (b, s->seconds);
      json_builder_set_member_name (b, "skipped");
      json_builder_add_int_value (b, s->skipped);
      json_builder_set_member_name (b, "failures");
      json_builder_begin_array (b);
      for (guint i = 0; i < s->failures->len; i++)
        {
          RnRefreshFailure *f = g_ptr_array_index (s->failures, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "feed_id");
          json_builder_add_int_value (b, f->feed_id);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, f->title);
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, f->error);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      rn_cli_print_json (root);
      return;
    }

  for (guint i = 0; i < s->failures->len; i++)
    {
      RnRefreshFailure *f = g_ptr_array_index (s->failures, i);
      g_print (_("failed: %s (feed %" PRId64 "): %s\n"), f->title, f->feed_id, f->error);
    }
  g_print (_("%u updated, %u not modified, %u failed, %u new items in %.1f s\n"),
           s->ok, s->not_modified, s->failed, s->new_items, s->seconds);
  if (s->skipped > 0)
    g_print (ngettext ("%u source skipped: no network\n", "%u sources skipped: no network\n", s->skipped),
             s->skipped);
}

int
rn_cli_refresh (RnCli  *cli,
                int     argc,
                char  **argv)
{
  gboolean json = FALSE;
  gint64 feed_id = 0;
  int jobs = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as one JSON object"), NULL },
    { "feed", 0, 0, G_OPTION_ARG_INT64, &feed_id, N_("Only feed ID"), N_("ID") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Refresh N sources at once (default 8)"), N_("N") },
    { NULL }
  };
  Refresh r = { 0 };
  RnContext *context;
  RnRefresher *refresher;
  gulong progress_id;
  int status;

  if (!rn_cli_parse_options ("refresh", "", _("Fetch what is new from every source."),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  if (argc != 1 || jobs < 0 || jobs > 64)
    {
      g_printerr (_("radnet-cli refresh: unexpected arguments\n"));
      return RN_CLI_EXIT_USAGE;
    }
  if ((context = rn_cli_context (cli)) == NULL)
    return RN_CLI_EXIT_IO;

  refresher = rn_context_get_refresher (context);
  /* The keyring is asked only when a PubMed search will be refreshed. */
  if (rn_sql_query_int (rn_store_get_reader (rn_context_get_store (context)),
                        "SELECT EXISTS (SELECT 1 FROM feeds WHERE kind = 'pubmed')", 0) > 0)
    rn_cli_load_pubmed_key (rn_context_get_credentials (context), rn_context_get_pubmed (context));
  if (jobs > 0)
    {
      rn_refresher_set_max_jobs (refresher, (guint) jobs);
      rn_http_set_max_connections (rn_context_get_http (context), (guint) jobs);
    }

  r.loop = g_main_loop_new (NULL, FALSE);
  r.tty = isatty (STDERR_FILENO) && !json;
  progress_id = g_signal_connect (refresher, "notify::n-done", G_CALLBACK (on_progress), &r);
  rn_refresher_refresh_async (refresher, feed_id, 0, TRUE, NULL, on_done, &r);
  g_main_loop_run (r.loop);
  g_signal_handler_disconnect (refresher, progress_id);
  if (r.tty)
    g_printerr ("\r\033[K");

  if (r.summary == NULL)
    {
      rn_cli_print_error ("refresh", r.error);
      status = rn_cli_exit_for_error (r.error);
    }
  else
    {
      print_summary (r.summary, json);
      status = r.summary->failed > 0 ? RN_CLI_EXIT_FAILED : RN_CLI_EXIT_OK;
    }

  g_clear_error (&r.error);
  g_clear_pointer (&r.summary, rn_refresh_summary_free);
  g_main_loop_unref (r.loop);
  return status;
}
