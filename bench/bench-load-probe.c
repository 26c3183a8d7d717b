/* bench-load-probe.c: main-loop gaps, frame intervals and resident memory. */
#define G_LOG_DOMAIN "bench-load"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench-load-probe.h"

/* Gaps are counted in 100 µs buckets up to 10 s; longer ones land in the
 * last bucket (the maximum is kept exactly). */
#define BUCKET_US 100
#define N_BUCKETS 100000

typedef struct
{
  guint32 *buckets;
  guint64  n;
  gint64   max_us;
  guint64  over_stall;
  gint64   stalled_us;
  gint64   last;         /* monotonic µs of the previous event; 0 none */
} Gaps;

struct _RnLoadProbe
{
  GtkWidget *window;
  guint      timer_id;
  guint      tick_id;
  gulong     paint_id;
  gboolean   measuring;

  Gaps       loop;
  Gaps       frames;
  guint64    frames_painted;
  gint64     began;
  RnLoadStall worst[RN_LOAD_PROBE_N_WORST];
  guint       n_worst;

  GThread   *sampler;
  gint       stop_sampler;     /* atomic */
  GMutex     lock;             /* guards rss_peak_kib */
  long       rss_peak_kib;
  long       rss_begin_kib;
};

long
rn_load_probe_rss_kib (void)
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

static void
gaps_reset (Gaps *g)
{
  memset (g->buckets, 0, N_BUCKETS * sizeof *g->buckets);
  g->n = 0;
  g->max_us = 0;
  g->over_stall = 0;
  g->stalled_us = 0;
  g->last = 0;
}

/* Returns the gap since the previous event, or -1 for the first. */
static gint64
gaps_add (Gaps   *g,
          gint64  now)
{
  gint64 gap;

  if (g->last == 0)
    {
      g->last = now;
      return -1;
    }
  gap = now - g->last;
  g->last = now;
  g->n++;
  g->buckets[MIN (gap / BUCKET_US, N_BUCKETS - 1)]++;
  g->max_us = MAX (g->max_us, gap);
  if (gap > RN_LOAD_PROBE_STALL_US)
    {
      g->over_stall++;
      g->stalled_us += gap;
    }
  return gap;
}

static double
gaps_quantile_ms (const Gaps *g,
                  double      q)
{
  guint64 rank, seen = 0;

  if (g->n == 0)
    return 0;
  rank = (guint64) (q * (double) g->n);
  if (rank >= g->n)
    rank = g->n - 1;
  for (guint i = 0; i < N_BUCKETS; i++)
    {
      seen += g->buckets[i];
      if (seen > rank)
        return i == N_BUCKETS - 1 ? g->max_us / 1000.0 : MIN ((i + 1) * BUCKET_US, g->max_us) / 1000.0;
    }
  return g->max_us / 1000.0;
}

static void
gaps_report (const Gaps *g,
             RnLoadGaps *out)
{
  out->n = g->n;
  out->max_ms = g->max_us / 1000.0;
  out->p50_ms = gaps_quantile_ms (g, 0.50);
  out->p99_ms = gaps_quantile_ms (g, 0.99);
  out->p999_ms = gaps_quantile_ms (g, 0.999);
  out->over_stall = g->over_stall;
  out->stalled_ms = g->stalled_us / 1000.0;
}

static void
note_worst (RnLoadProbe *probe,
            gint64       start,
            gint64       end)
{
  guint i;

  for (i = probe->n_worst; i > 0; i--)
    if (probe->worst[i - 1].end - probe->worst[i - 1].start >= end - start)
      break;
  if (i >= RN_LOAD_PROBE_N_WORST)
    return;
  memmove (&probe->worst[i + 1], &probe->worst[i],
           (MIN (probe->n_worst, RN_LOAD_PROBE_N_WORST - 1) - i) * sizeof probe->worst[0]);
  probe->worst[i].start = start;
  probe->worst[i].end = end;
  probe->n_worst = MIN (probe->n_worst + 1, RN_LOAD_PROBE_N_WORST);
}

static gboolean
on_timer (gpointer user_data)
{
  RnLoadProbe *probe = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 before = probe->loop.last;
  gint64 gap;

  if (!probe->measuring)
    return G_SOURCE_CONTINUE;
  gap = gaps_add (&probe->loop, now);
  if (gap > RN_LOAD_PROBE_STALL_US)
    note_worst (probe, before, now);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  /* Every frame draws the whole window again, as a scroll would. */
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                RnLoadProbe   *probe)
{
  if (!probe->measuring)
    return;
  probe->frames_painted++;
  gaps_add (&probe->frames, g_get_monotonic_time ());
}

static gpointer
sampler_main (gpointer data)
{
  RnLoadProbe *probe = data;

  while (!g_atomic_int_get (&probe->stop_sampler))
    {
      long rss = rn_load_probe_rss_kib ();

      g_mutex_lock (&probe->lock);
      probe->rss_peak_kib = MAX (probe->rss_peak_kib, rss);
      g_mutex_unlock (&probe->lock);
      g_usleep (250000);
    }
  return NULL;
}

RnLoadProbe *
rn_load_probe_new (GtkWidget *window)
{
  RnLoadProbe *probe = g_new0 (RnLoadProbe, 1);
  GSource *timer;

  probe->window = g_object_ref (window);
  /* Allocated (and touched) before any measurement, so that the probe's
   * own memory is part of every RSS figure alike. */
  probe->loop.buckets = g_new0 (guint32, N_BUCKETS);
  probe->frames.buckets = g_new0 (guint32, N_BUCKETS);
  g_mutex_init (&probe->lock);

  timer = g_timeout_source_new (1);
  g_source_set_priority (timer, G_PRIORITY_DEFAULT);
  g_source_set_callback (timer, on_timer, probe, NULL);
  g_source_set_name (timer, "load probe");
  probe->timer_id = g_source_attach (timer, NULL);
  g_source_unref (timer);
  probe->tick_id = gtk_widget_add_tick_callback (window, on_tick, probe, NULL);
  probe->paint_id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                                      G_CALLBACK (on_after_paint), probe);
  probe->sampler = g_thread_new ("load-probe-rss", sampler_main, probe);
  return probe;
}

void
rn_load_probe_free (RnLoadProbe *probe)
{
  g_atomic_int_set (&probe->stop_sampler, 1);
  g_thread_join (probe->sampler);
  g_source_remove (probe->timer_id);
  gtk_widget_remove_tick_callback (probe->window, probe->tick_id);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (probe->window), probe->paint_id);
  g_object_unref (probe->window);
  g_mutex_clear (&probe->lock);
  g_free (probe->loop.buckets);
  g_free (probe->frames.buckets);
  g_free (probe);
}

void
rn_load_probe_begin (RnLoadProbe *probe)
{
  gaps_reset (&probe->loop);
  gaps_reset (&probe->frames);
  probe->frames_painted = 0;
  probe->n_worst = 0;
  probe->began = g_get_monotonic_time ();
  probe->rss_begin_kib = rn_load_probe_rss_kib ();
  g_mutex_lock (&probe->lock);
  probe->rss_peak_kib = probe->rss_begin_kib;
  g_mutex_unlock (&probe->lock);
  /* Gaps count from now: a stall that began earlier is not ours. */
  probe->loop.last = probe->began;
  probe->measuring = TRUE;
}

double
rn_load_probe_max_gap_ms (RnLoadProbe *probe)
{
  return probe->loop.max_us / 1000.0;
}

void
rn_load_probe_end (RnLoadProbe  *probe,
                   RnLoadReport *report)
{
  gint64 now = g_get_monotonic_time ();

  /* A stall running right now counts too. */
  on_timer (probe);
  probe->measuring = FALSE;
  memset (report, 0, sizeof *report);
  report->seconds = (now - probe->began) / 1e6;
  gaps_report (&probe->loop, &report->loop);
  gaps_report (&probe->frames, &report->frames);
  report->frames_painted = probe->frames_painted;
  report->rss_begin_kib = probe->rss_begin_kib;
  report->rss_end_kib = rn_load_probe_rss_kib ();
  g_mutex_lock (&probe->lock);
  report->rss_peak_kib = MAX (probe->rss_peak_kib, report->rss_end_kib);
  g_mutex_unlock (&probe->lock);
  report->n_worst = probe->n_worst;
  memcpy (report->worst, probe->worst, sizeof report->worst);
}
