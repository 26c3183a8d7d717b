/* bench-load: the window during a full refresh of a very large library.
 *
 *   bench-load [--build-only] N_FEEDS ITEMS_PER_FEED
 *
 * The library (N_FEEDS feeds of ITEMS_PER_FEED stored items; see
 * bench-load-corpus.h) is built once into $RADNET_BENCH_DATA. nginx serves
 * every feed from 127.0.0.1 (the shared bench/serve.sh) in a process of
 * its own, so the server costs the app nothing; each feed answers 200
 * with its stored items plus 10 new ones. The app opens the library in
 * this process under X, and once its first frame is drawn the window's
 * own refresh action (win.refresh, F5) refreshes every feed while
 * bench-load-probe.h measures the main loop, the frames and the memory.
 *
 * The figures are the result: the exit status is 0 whether the 50 ms goal
 * is met or not (the output says which). 77 (skipped) without a display,
 * nginx or the shared bench folder. RADNET_BENCH_LOAD_FEEDS overrides
 * N_FEEDS for a quick dry run through meson. --build-only builds the
 * library (if needed) and stops: no display or server needed. */
#define G_LOG_DOMAIN "bench-load"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libsoup/soup.h>

#include "bench-load-corpus.h"
#include "bench-load-probe.h"
#include "rn-application.h"
#include "rn-context.h"
#include "rn-source.h"
#include "rn-window.h"

#define REFRESH_LIMIT_SECONDS (3 * 3600)
#define BASELINE_SECONDS      3
#define AFTER_SECONDS         3

static double
cpu_seconds (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
run_for (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

/* ---- the server ---- */

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, any, FALSE, NULL))
    return 0;
  bound = g_socket_get_local_address (socket, NULL);
  return bound != NULL ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)) : 0;
}

static GPid
start_server (const char *serve_sh,
              const char *dir,
              guint       port)
{
  g_autofree char *port_str = g_strdup_printf ("%u", port);
  const char *argv[] = { "sh", serve_sh, dir, port_str, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      g_printerr ("cannot start nginx: %s\n", error->message);
      return 0;
    }
  return pid;
}

static void
stop_server (GPid pid)
{
  int status;

  if (pid == 0)
    return;
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
}

/* The first feed, fetched until the server answers (10 s at most). */
static gboolean
wait_server (guint    port,
             GError **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/nv/feeds/f00001.rss", port);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) local = NULL;

      body = soup_session_send_and_read (session, msg, NULL, &local);
      if (body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK)
        {
          const char *etag = soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag");

          g_print ("# server on port %u: %s is %zu bytes, %s validators\n", port, url,
                   g_bytes_get_size (body), etag != NULL ? "with" : "without");
          return TRUE;
        }
      if (body != NULL || g_get_monotonic_time () > end)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", url,
                       body != NULL ? soup_message_get_reason_phrase (msg) : local->message);
          return FALSE;
        }
      g_usleep (50000);
    }
}

/* ---- the app ---- */

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

static RnWindow *
start_app (RnApplication *app,
           const char    *dir)
{
  GtkWindow *window;
  gint64 t0 = g_get_monotonic_time ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  rn_application_set_data_dir (app, dir);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    return NULL;
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL || !RN_IS_WINDOW (window))
    return NULL;
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  wait_frame (GTK_WIDGET (window));
  g_print ("# window drawn %.0f ms after start\n", (g_get_monotonic_time () - t0) / 1000.0);
  return RN_WINDOW (window);
}

/* ---- where the CPU went: per thread, from /proc ---- */

static GHashTable *
thread_ticks (void)
{
  GHashTable *ticks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) d = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (d != NULL && (tid = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/stat", tid);
      g_autofree char *text = NULL;
      g_auto(GStrv) fields = NULL;
      char *open, *close;
      unsigned long long utime, stime;

      if (!g_file_get_contents (path, &text, NULL, NULL) ||
          (open = strchr (text, '(')) == NULL || (close = strrchr (text, ')')) == NULL)
        continue;
      /* Fields after the name: state is the 3rd field, utime the 14th. */
      fields = g_strsplit (close + 2, " ", 14);
      if (g_strv_length (fields) < 14 ||
          sscanf (fields[11], "%llu", &utime) != 1 || sscanf (fields[12], "%llu", &stime) != 1)
        continue;
      *close = '\0';
      g_hash_table_insert (ticks, g_strdup_printf ("%s\t%s", tid, open + 1),
                           GSIZE_TO_POINTER ((gsize) (utime + stime)));
    }
  return ticks;
}

/* Threads named alike ("pool-3", "pool-7") count together. */
static char *
thread_kind (const char *key)
{
  const char *name = strchr (key, '\t') + 1;
  GString *kind = g_string_new (NULL);

  if (strtol (key, NULL, 10) == getpid ())
    return g_strdup ("main (UI)");
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      g_string_append_c (kind, *p);
  return g_string_free (kind, FALSE);
}

static void
print_thread_cpu (GHashTable *before,
                  GHashTable *after)
{
  g_autoptr(GHashTable) by_kind = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  double hz = (double) sysconf (_SC_CLK_TCK);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize t = GPOINTER_TO_SIZE (value) - GPOINTER_TO_SIZE (g_hash_table_lookup (before, key));
      char *kind = thread_kind (key);

      g_hash_table_insert (count, g_strdup (kind),
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (count, kind)) + 1));
      g_hash_table_insert (by_kind, kind, GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (by_kind, kind)) + t));
    }
  g_hash_table_iter_init (&iter, by_kind);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_SIZE (value) > 0)
      g_print ("#   CPU of %-24s %8.1f s  (%zu thread(s) alive at the end)\n", (char *) key,
               GPOINTER_TO_SIZE (value) / hz, GPOINTER_TO_SIZE (g_hash_table_lookup (count, key)));
}

/* ---- the run ---- */

typedef struct
{
  RnRefresher *refresher;
  guint        status[3];   /* RN_REFRESH_OK, _NOT_MODIFIED, _FAILED */
  RnLoadProbe *probe;
  gint64       t0;
} Run;

static void
on_feed_refreshed (RnRefresher *refresher,
                   gint64       feed_id,
                   int          status,
                   Run         *run)
{
  if (status >= 0 && status < 3)
    run->status[status]++;
}

static gboolean
print_progress (gpointer user_data)
{
  Run *run = user_data;

  g_print ("# %5.0f s: %u/%u feeds, RSS %ld MiB, longest main-loop gap so far %.1f ms\n",
           (g_get_monotonic_time () - run->t0) / 1e6, rn_refresher_get_n_done (run->refresher),
           rn_refresher_get_n_total (run->refresher), rn_load_probe_rss_kib () / 1024,
           rn_load_probe_max_gap_ms (run->probe));
  return G_SOURCE_CONTINUE;
}

static char *
thousands (gint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, n < 0 ? -n : n);
  GString *out = g_string_new (n < 0 ? "-" : "");
  size_t len = strlen (digits);

  for (size_t i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
row (const char *name,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
row (const char *name,
     const char *format,
     ...)
{
  va_list args;
  g_autofree char *value = NULL;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  g_print ("| %-52s | %-46s |\n", name, value);
}

static void
gap_rows (const char       *what,
          const RnLoadGaps *g)
{
  g_autofree char *name = NULL;

  name = g_strdup_printf ("%s: longest", what);
  row (name, "%.1f ms", g->max_ms);
  name = (g_free (name), g_strdup_printf ("%s: median / p99 / p99.9", what));
  row (name, "%.1f / %.1f / %.1f ms (%" G_GUINT64_FORMAT " gaps)", g->p50_ms, g->p99_ms, g->p999_ms, g->n);
  name = (g_free (name), g_strdup_printf ("%s: over 50 ms", what));
  row (name, "%" G_GUINT64_FORMAT " (%.2f s in all)", g->over_stall, g->stalled_ms / 1000.0);
}

int
main (int argc, char *argv[])
{
  const char *shared = g_getenv ("RADNET_SHARED_DIR");
  const char *base = g_getenv ("RADNET_BENCH_DATA");
  g_autofree char *serve_sh = NULL;
  g_autofree char *nginx = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ticks_before = NULL;
  g_autoptr(GHashTable) ticks_after = NULL;
  RnBenchLoadLibrary lib = { 0 };
  RnBenchLoadCounts before = { 0 }, after = { 0 };
  RnLoadReport idle = { 0 }, report = { 0 }, tail = { 0 };
  RnApplication *app;
  RnWindow *window;
  Run run = { 0 };
  guint n_feeds, items_per_feed, port, progress_id;
  double cpu0, cpu1, main_cpu0, main_cpu1, wall;
  gint64 t_done;
  gboolean build_only = argc > 1 && g_str_equal (argv[1], "--build-only");
  GPid server;

  if (build_only)
    {
      argv++;
      argc--;
    }
  if (argc != 3)
    {
      g_printerr ("usage: %s [--build-only] N_FEEDS ITEMS_PER_FEED\n", argv[0]);
      return 2;
    }
  n_feeds = (guint) atoi (g_getenv ("RADNET_BENCH_LOAD_FEEDS") != NULL ? g_getenv ("RADNET_BENCH_LOAD_FEEDS") : argv[1]);
  items_per_feed = (guint) atoi (argv[2]);
  if (n_feeds == 0 || items_per_feed == 0)
    {
      g_printerr ("N_FEEDS and ITEMS_PER_FEED must be positive\n");
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && !build_only)
    {
      g_print ("no display: skipped (run under xvfb-run)\n");
      return 77;
    }
  nginx = g_find_program_in_path ("nginx");
  if (!build_only && (shared == NULL || nginx == NULL))
    {
      g_print ("nginx or RADNET_SHARED_DIR missing: skipped\n");
      return 77;
    }
  serve_sh = g_build_filename (shared != NULL ? shared : ".", "bench", "serve.sh", NULL);
  if (!build_only && !g_file_test (serve_sh, G_FILE_TEST_EXISTS))
    {
      g_print ("%s missing: skipped\n", serve_sh);
      return 77;
    }
  g_setenv ("RADNET_NO_AUTO_REFRESH", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  name = g_strdup_printf ("load-%ux%u", n_feeds, items_per_feed);
  dir = g_build_filename (base != NULL ? base : g_get_tmp_dir (), name, NULL);
  if (!rn_bench_load_library_ensure (dir, n_feeds, items_per_feed, &lib, &error))
    {
      g_printerr ("cannot build the library in %s: %s\n", dir, error->message);
      return 1;
    }
  g_print ("# library %s: %u feeds x %u items, %s in %.0f s (%s)\n", dir, n_feeds, items_per_feed,
           lib.fresh ? "built now" : "cached, built", lib.build_seconds, lib.built_at);
  if (build_only)
    {
      rn_bench_load_library_clear (&lib);
      return 0;
    }

  port = free_port ();
  server = port != 0 ? start_server (serve_sh, dir, port) : 0;
  if (server == 0 || !wait_server (port, &error))
    {
      g_printerr ("the feed server did not come up: %s\n", error != NULL ? error->message : "no port");
      stop_server (server);
      return 1;
    }
  if (!rn_bench_load_library_reset (dir, &lib, port, &error) ||
      !rn_bench_load_library_count (dir, &lib, &before, &error))
    {
      g_printerr ("cannot prepare the library: %s\n", error->message);
      stop_server (server);
      return 1;
    }
  g_print ("# before: %" G_GINT64_FORMAT " items, %" G_GINT64_FORMAT " unread\n",
           before.old_items + before.new_items, before.unread);

  app = rn_application_new ();
  window = start_app (app, dir);
  if (window == NULL)
    {
      g_printerr ("the window did not open\n");
      stop_server (server);
      return 1;
    }
  run.refresher = rn_context_get_refresher (rn_application_get_context (app));
  g_signal_connect (run.refresher, "feed-refreshed", G_CALLBACK (on_feed_refreshed), &run);
  run.probe = rn_load_probe_new (GTK_WIDGET (window));

  /* The window at rest, for comparison. */
  rn_load_probe_begin (run.probe);
  run_for (BASELINE_SECONDS);
  rn_load_probe_end (run.probe, &idle);

  rn_load_probe_begin (run.probe);
  ticks_before = thread_ticks ();
  cpu0 = cpu_seconds (CLOCK_PROCESS_CPUTIME_ID);
  main_cpu0 = cpu_seconds (CLOCK_THREAD_CPUTIME_ID);
  run.t0 = g_get_monotonic_time ();
  g_print ("# refresh started at monotonic %.6f s\n", run.t0 / 1e6);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  if (!rn_refresher_get_busy (run.refresher))
    {
      g_printerr ("win.refresh started no refresh\n");
      stop_server (server);
      return 1;
    }
  progress_id = g_timeout_add_seconds (10, print_progress, &run);
  while (rn_refresher_get_busy (run.refresher) &&
         g_get_monotonic_time () - run.t0 < (gint64) REFRESH_LIMIT_SECONDS * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  t_done = g_get_monotonic_time ();
  cpu1 = cpu_seconds (CLOCK_PROCESS_CPUTIME_ID);
  main_cpu1 = cpu_seconds (CLOCK_THREAD_CPUTIME_ID);
  rn_load_probe_end (run.probe, &report);
  ticks_after = thread_ticks ();
  g_source_remove (progress_id);
  wall = (t_done - run.t0) / 1e6;

  /* What the end of the refresh leaves for the window to do. */
  rn_load_probe_begin (run.probe);
  run_for (AFTER_SECONDS);
  rn_load_probe_end (run.probe, &tail);

  g_clear_pointer (&run.probe, rn_load_probe_free);
  g_signal_handlers_disconnect_by_func (run.refresher, on_feed_refreshed, &run);
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  stop_server (server);

  if (!rn_bench_load_library_count (dir, &lib, &after, &error))
    {
      g_printerr ("cannot count the items: %s\n", error->message);
      return 1;
    }

  {
    g_autofree char *stored = thousands (lib.base_id);
    g_autofree char *written = thousands (after.new_items);
    g_autofree char *expected = thousands ((gint64) n_feeds * RN_BENCH_LOAD_NEW_ITEMS);
    g_autofree char *unchanged = thousands (after.old_items);
    gboolean rewritten = after.old_hash_sum != before.old_hash_sum;
    double cores = (cpu1 - cpu0) / MAX (wall, 1e-9);

    g_print ("\n%s: full refresh of %u feeds, %s stored items, window open (%s)\n\n", name, n_feeds, stored,
             lib.fresh ? "library built in this run" : "cached library");
    g_print ("| %-52s | %-46s |\n|%s|%s|\n", "measure", "value",
             "------------------------------------------------------", "------------------------------------------------");
    row ("library build (once, cached)", "%.0f s (%s)", lib.build_seconds, lib.built_at);
    row ("refresh wall time", "%.1f s", wall);
    row ("refresh CPU, whole process", "%.1f s (%.2f cores busy on average)", cpu1 - cpu0, cores);
    row ("refresh CPU, main (UI) thread", "%.1f s (%.0f %% of the wall time)", main_cpu1 - main_cpu0,
         100 * (main_cpu1 - main_cpu0) / MAX (wall, 1e-9));
    row ("feeds: new items / nothing new / failed", "%u / %u / %u", run.status[RN_REFRESH_OK],
         run.status[RN_REFRESH_NOT_MODIFIED], run.status[RN_REFRESH_FAILED]);
    row ("items written (new)", "%s (expected %s)", written, expected);
    row ("stored items seen again", "%s, %s", unchanged, rewritten ? "SOME REWRITTEN (content hashes changed)" : "none rewritten");
    gap_rows ("main-loop gap (1 ms timer)", &report.loop);
    gap_rows ("frame interval (after-paint)", &report.frames);
    row ("frames painted", "%" G_GUINT64_FORMAT " (%.1f per second)", report.frames_painted,
         report.frames_painted / MAX (report.seconds, 1e-9));
    row ("RSS before / peak / at the end", "%ld / %ld / %ld MiB", report.rss_begin_kib / 1024,
         report.rss_peak_kib / 1024, report.rss_end_kib / 1024);
    row ("at rest before: longest gap / frame, fps", "%.1f ms / %.1f ms, %.1f", idle.loop.max_ms, idle.frames.max_ms,
         idle.frames_painted / MAX (idle.seconds, 1e-9));
    row ("3 s after: longest gap / frame, RSS", "%.1f ms / %.1f ms, %ld MiB", tail.loop.max_ms, tail.frames.max_ms,
         tail.rss_end_kib / 1024);
    row ("goal: longest main-loop stall < 50 ms", "%s (%.1f ms)", report.loop.max_ms < 50 ? "MET" : "NOT MET",
         report.loop.max_ms);
    g_print ("\n# longest main-loop gaps (monotonic s, for perf script -k CLOCK_MONOTONIC):\n");
    for (guint i = 0; i < report.n_worst; i++)
      g_print ("#   stall %2u: %.1f ms from %.6f to %.6f (%.1f s into the refresh)\n", i + 1,
               (report.worst[i].end - report.worst[i].start) / 1000.0, report.worst[i].start / 1e6,
               report.worst[i].end / 1e6, (report.worst[i].start - run.t0) / 1e6);
    g_print ("# where the CPU went during the refresh:\n");
    print_thread_cpu (ticks_before, ticks_after);
    g_print ("# after: %" G_GINT64_FORMAT " unread\n", after.unread);
  }
  rn_bench_load_library_clear (&lib);
  return 0;
}
