/* bench-load-probe.h: how responsive the main loop and the window stay,
 * and how much memory the process holds, while something runs.
 *
 * Three measures between begin and end:
 * - main-loop gaps: a 1 ms timeout at default priority (the priority of
 *   input events) records the time between its runs; a long gap is time
 *   during which the loop could not answer a click or a key;
 * - frame intervals: the time between two "after-paint" signals of the
 *   window's frame clock, with a tick callback that queues a redraw every
 *   frame so that the window draws as it would while being scrolled;
 * - resident memory, sampled every 250 ms by a thread of its own (so that
 *   a stalled main loop does not hide a peak). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RN_LOAD_PROBE_STALL_US  50000   /* a gap over 50 ms is a stall */
#define RN_LOAD_PROBE_N_WORST   10

typedef struct
{
  gint64 start;   /* monotonic µs */
  gint64 end;
} RnLoadStall;

typedef struct
{
  guint64 n;            /* gaps measured */
  double  max_ms;
  double  p50_ms;
  double  p99_ms;
  double  p999_ms;
  guint64 over_stall;   /* gaps over RN_LOAD_PROBE_STALL_US */
  double  stalled_ms;   /* sum of the gaps over it */
} RnLoadGaps;

typedef struct
{
  double      seconds;
  RnLoadGaps  loop;
  RnLoadGaps  frames;
  guint64     frames_painted;
  long        rss_begin_kib;
  long        rss_peak_kib;
  long        rss_end_kib;
  guint       n_worst;
  RnLoadStall worst[RN_LOAD_PROBE_N_WORST];   /* longest main-loop gaps, longest first */
} RnLoadReport;

typedef struct _RnLoadProbe RnLoadProbe;

RnLoadProbe *rn_load_probe_new      (GtkWidget   *window);
void         rn_load_probe_free     (RnLoadProbe *probe);
/* Starts a new measurement (the probe runs from new() on). */
void         rn_load_probe_begin    (RnLoadProbe *probe);
void         rn_load_probe_end      (RnLoadProbe *probe,
                                     RnLoadReport *report);
/* So far, without ending. */
double       rn_load_probe_max_gap_ms (RnLoadProbe *probe);
long         rn_load_probe_rss_kib  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnLoadProbe, rn_load_probe_free)

G_END_DECLS
