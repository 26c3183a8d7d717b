/* bench-ui: the app on large libraries, in process under X.
 *
 *   bench-ui startup N   time from process start to the first frame of the
 *                        window showing feeds with unread counts
 *   bench-ui search N    from a submitted query to the drawn results
 *   bench-ui scroll N    scroll through the whole All Items list; RSS
 *                        sampled on the way must stay flat
 *
 * The library of N items (N/1000 feeds of 1000 entries) is built once
 * through core into $RADNET_BENCH_DATA/ui-N. Exits 77 without a display. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "feeds/rn-item-list.h"
#include "items/rn-item-list-view.h"
#include "rn-application.h"
#include "rn-context.h"
#include "rn-ui-fixture.h"
#include "rn-window.h"
#include "sidebar/rn-sidebar.h"

static gint64 t_start;
static double cpu_at_start;

/* CPU time of the process: the machine is shared, so wall time alone
 * says more about the neighbours than about us. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
ms_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static long
rss_kib (void)
{
  long pages = 0, resident = 0;
  FILE *f = fopen ("/proc/self/statm", "r");

  if (f == NULL)
    return 0;
  if (fscanf (f, "%ld %ld", &pages, &resident) != 2)
    resident = 0;
  fclose (f);
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static char *
ensure_library (guint n_items)
{
  const char *base = g_getenv ("RADNET_BENCH_DATA");
  g_autofree char *name = g_strdup_printf ("ui-%u", n_items);
  g_autofree char *db = NULL;
  char *dir;

  dir = g_build_filename (base != NULL ? base : g_get_tmp_dir (), name, NULL);
  db = g_build_filename (dir, "library.db", NULL);
  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RnContext) context = NULL;
      gint64 t0 = g_get_monotonic_time ();

      g_mkdir_with_parents (dir, 0755);
      context = rn_context_new (dir, &error);
      if (context == NULL || !rn_ui_fixture_populate (rn_context_get_store (context), n_items / 1000, 1000, &error))
        {
          g_printerr ("cannot build the library: %s\n", error->message);
          exit (1);
        }
      g_print ("# built %s in %.1f s\n", dir, ms_since (t0) / 1000);
    }
  return dir;
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static void
wait_frame (GtkWidget *widget)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);

  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

/* The floor of search-50k: the same words as a plain FTS5 MATCH on the
 * same library (its own connection, warm: the better of two runs), the
 * first 50 by bm25 and the first 50 newest. */
static void
print_fts_floor (const char *dir,
                 const char *words)
{
  static const char *sql[] = {
    "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1 ORDER BY rank LIMIT 50",
    "SELECT i.id FROM items_fts JOIN items i ON i.id = items_fts.rowid "
    "WHERE items_fts MATCH ?1 ORDER BY i.sort_date DESC LIMIT 50",
  };
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  double best[G_N_ELEMENTS (sql)];
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_print ("  floor: cannot open %s: %s\n", path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return;
    }
  for (guint q = 0; q < G_N_ELEMENTS (sql); q++)
    {
      best[q] = G_MAXDOUBLE;
      for (guint run = 0; run < 2; run++)
        {
          sqlite3_stmt *stmt = NULL;
          gint64 t0 = g_get_monotonic_time ();

          if (sqlite3_prepare_v2 (db, sql[q], -1, &stmt, NULL) != SQLITE_OK)
            {
              g_print ("  floor: %s\n", sqlite3_errmsg (db));
              sqlite3_close (db);
              return;
            }
          sqlite3_bind_text (stmt, 1, words, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            ;
          sqlite3_finalize (stmt);
          best[q] = MIN (best[q], ms_since (t0));
        }
    }
  g_print ("  floor, plain FTS5 MATCH of the same words: %.1f ms (50 by bm25), %.1f ms (50 newest)\n",
           best[0], best[1]);
  sqlite3_close (db);
}

static RnWindow *
start_app (RnApplication **out_app,
           const char     *dir)
{
  RnApplication *app = rn_application_new ();
  GtkWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  rn_application_set_data_dir (app, dir);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    exit (1);
  g_print ("# registered at %.0f ms\n", ms_since (t_start));
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_print ("# window built at %.0f ms\n", ms_since (t_start));
  /* The first frame: mapped, laid out, drawn. */
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  g_print ("# mapped at %.0f ms\n", ms_since (t_start));
  wait_frame (GTK_WIDGET (window));
  *out_app = app;
  return RN_WINDOW (window);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = NULL;
  RnApplication *app = NULL;
  RnWindow *window;
  RnSidebar *sidebar;
  RnItemListView *view;
  guint n_items;
  const char *mode;

  t_start = g_get_monotonic_time ();
  if (argc != 3)
    {
      g_printerr ("usage: %s startup|search|scroll N\n", argv[0]);
      return 2;
    }
  mode = argv[1];
  n_items = (guint) atoi (argv[2]);
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_print ("no display: skipped\n");
      return 77;
    }
  g_setenv ("RADNET_NO_AUTO_REFRESH", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  /* The library is built before the clock of "startup" starts. */
  dir = ensure_library (n_items);
  t_start = g_get_monotonic_time ();
  cpu_at_start = cpu_ms ();

  window = start_app (&app, dir);
  sidebar = RN_SIDEBAR (rn_window_get_sidebar (window));
  view = RN_ITEM_LIST_VIEW (rn_window_get_item_list_view (window));
  g_assert (rn_sidebar_get_n_feeds (sidebar) == n_items / 1000);

  if (g_str_equal (mode, "startup"))
    {
      g_autoptr(RnSidebarEntry) all = g_list_model_get_item (rn_sidebar_get_model (sidebar), 0);

      g_print ("startup-%uk: %.0f ms wall (%.0f ms CPU, library build excluded) from start to the first frame "
               "with %u feeds and %u unread (goal < 500 ms; Liferea 1.14: 1240 ms at 50k per BENCHMARKS.md, "
               "not re-measured here)\n",
               n_items / 1000, ms_since (t_start), cpu_ms () - cpu_at_start, rn_sidebar_get_n_feeds (sidebar),
               rn_sidebar_entry_get_unread (all));
    }
  else if (g_str_equal (mode, "search"))
    {
      const char *queries[] = { "photon", "prostate mri", "nosuchword", "adrenal nodules" };

      /* A second after the first frame, as a reader starts a search: the
       * start's own idle work (the rest of the list, the accounts) is done. */
      for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end; )
        g_main_context_iteration (NULL, FALSE);

      for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
        {
          gint64 t0;
          double c0;

          rn_item_list_view_set_search_mode (view, TRUE);
          rn_item_list_view_set_search_text (view, queries[i]);
          /* The search bar is open and the words typed, as the entry
           * shows them before it submits them. */
          wait_frame (GTK_WIDGET (window));
          /* Submitted: what the entry emits once typing pauses. */
          t0 = g_get_monotonic_time ();
          c0 = cpu_ms ();
          g_signal_emit_by_name (view, "search-changed", queries[i]);
          wait_frame (GTK_WIDGET (window));
          g_print ("search-%uk \"%s\": %.1f ms wall, %.1f ms CPU to drawn results (%u hits; goal < 30 ms)\n",
                   n_items / 1000, queries[i], ms_since (t0), cpu_ms () - c0,
                   g_list_model_get_n_items (G_LIST_MODEL (rn_item_list_view_get_model (view))));
          print_fts_floor (dir, queries[i]);
          /* Let the entry's own delayed emission pass before the next one. */
          for (gint64 end = g_get_monotonic_time () + 400000; g_get_monotonic_time () < end; )
            g_main_context_iteration (NULL, FALSE);
        }
    }
  else if (g_str_equal (mode, "scroll"))
    {
      GtkAdjustment *adj = rn_item_list_view_get_vadjustment (view);
      RnItemList *list = RN_ITEM_LIST (rn_item_list_view_get_model (view));
      long rss_start;
      long rss_max;
      guint frames = 0;
      gint64 t0;

      /* A second after the first frame, as a reader starts scrolling: the
       * view has let the rest of the list in by then (a screenful first). */
      for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end; )
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
      rss_start = rss_max = rss_kib ();
      t0 = g_get_monotonic_time ();

      while (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) < gtk_adjustment_get_upper (adj) - 1)
        {
          /* Ten screens a frame: through 100,000 rows in a few thousand frames. */
          gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + 10 * gtk_adjustment_get_page_size (adj));
          wait_frame (GTK_WIDGET (window));
          frames++;
          if (frames % 100 == 0)
            {
              long rss = rss_kib ();
              rss_max = MAX (rss_max, rss);
              g_print ("# frame %u: value %.0f of %.0f, RSS %ld KiB, pages held %u\n", frames,
                       gtk_adjustment_get_value (adj), gtk_adjustment_get_upper (adj), rss,
                       rn_item_list_get_pages_held (list));
            }
        }
      g_print ("scroll-%uk: %u frames in %.1f s (%.0f fps), RSS %ld KiB at start, %ld KiB max, %ld KiB at end; "
               "%u pages held, %" G_GUINT64_FORMAT " rows read\n",
               n_items / 1000, frames, ms_since (t0) / 1000, frames / (ms_since (t0) / 1000),
               rss_start, rss_max, rss_kib (), rn_item_list_get_pages_held (list),
               rn_item_list_get_rows_fetched (list));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  return 0;
}
