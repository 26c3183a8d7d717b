/* bench-load-corpus.h: the library and the feeds of the load benchmark.
 *
 * N feeds of M items each, built once into a folder:
 *   library.db        the library, written through core's ingest path
 *   www/feeds/fNNNNN.rss  what the local server answers for each feed: its M
 *                     stored items plus RN_BENCH_LOAD_NEW_ITEMS newer ones
 *   build.ini         what was built, when, and how long it took; written
 *                     last, so a folder without it is an unfinished build
 *
 * Every text is generated from (feed, item) alone, so the served files
 * and the stored rows agree byte for byte: a refresh sees the stored
 * items unchanged and writes only the new ones. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RN_BENCH_LOAD_NEW_ITEMS 10

typedef struct
{
  guint   n_feeds;
  guint   items_per_feed;
  gint64  epoch;          /* Unix seconds: the newest item's date */
  gint64  base_id;        /* items with a greater id were added by a refresh */
  double  build_seconds;  /* how long the build took */
  char   *built_at;       /* ISO 8601 */
  gboolean fresh;         /* built by this call */
} RnBenchLoadLibrary;

void     rn_bench_load_library_clear  (RnBenchLoadLibrary *lib);

/* Builds the library in @dir unless a complete one of that size is there
 * (and young enough: see the .c). */
gboolean rn_bench_load_library_ensure (const char         *dir,
                                       guint               n_feeds,
                                       guint               items_per_feed,
                                       RnBenchLoadLibrary *lib,
                                       GError            **error);

/* Back to the state of the build: removes the items a refresh added,
 * clears the fetch state of the feeds and points them at
 * http://127.0.0.1:@port/. */
gboolean rn_bench_load_library_reset  (const char         *dir,
                                       const RnBenchLoadLibrary *lib,
                                       guint               port,
                                       GError            **error);

typedef struct
{
  gint64 old_items;       /* id <= base_id */
  gint64 new_items;       /* id > base_id */
  gint64 old_hash_sum;    /* changes when a refresh rewrites an old item */
  gint64 unread;
} RnBenchLoadCounts;

gboolean rn_bench_load_library_count  (const char         *dir,
                                       const RnBenchLoadLibrary *lib,
                                       RnBenchLoadCounts  *counts,
                                       GError            **error);

G_END_DECLS
