/* bench-parse.c: rn_feed_parse() on the 10,000-item feed of the shared
 * benchmark corpus, side by side with a plain libxml2 parse of the same
 * bytes (xmlTextReader walk copying every text, and xmlReadMemory) and
 * with python3-feedparser, all measured in the same run.
 * Exit 77 (skipped) when the corpus generator is absent. */
#include "config.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdio.h>

#include "feeds/rn-feed-parser.h"

#define ROUNDS 5

typedef struct
{
  const char *name;
  double      seconds;    /* best of the rounds */
  guint       items;
} Result;

static char *
find_or_make_huge_feed (void)
{
  const char *data_dir = g_getenv ("RADNET_BENCH_DATA");
  const char *shared = g_getenv ("RADNET_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autofree char *generator = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (data_dir == NULL)
    return NULL;
  path = g_build_filename (data_dir, "parse", "www", "huge.rss", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  if (shared == NULL)
    return NULL;
  generator = g_build_filename (shared, "bench", "gen_corpus.py", NULL);
  if (!g_file_test (generator, G_FILE_TEST_EXISTS))
    return NULL;

  {
    g_autofree char *out = g_build_filename (data_dir, "parse", NULL);
    /* Only the huge feed: no small feeds, no items in them. */
    const char *argv[] = { "python3", generator, "feeds", "--out", out,
                           "--feeds", "0", "--items", "0", "--huge", "10000", NULL };

    g_mkdir_with_parents (out, 0755);
    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                       NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, NULL))
      {
        g_printerr ("bench-parse: could not generate the corpus: %s\n",
                    error != NULL ? error->message : "generator failed");
        return NULL;
      }
  }
  return g_file_test (path, G_FILE_TEST_EXISTS) ? g_steal_pointer (&path) : NULL;
}

static void
run_radnet (GBytes *bytes,
            Result *r)
{
  for (int i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RnParsedFeed) feed = rn_feed_parse (bytes, "application/rss+xml", "https://example.org/huge.rss", &error);
      double s = (g_get_monotonic_time () - start) / 1e6;

      g_assert_no_error (error);
      r->items = feed->entries->len;
      if (r->seconds == 0 || s < r->seconds)
        r->seconds = s;
    }
}

static void
run_reader (GBytes *bytes,
            Result *r)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  for (int i = 0; i < ROUNDS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      xmlTextReaderPtr reader = xmlReaderForMemory (data, (int) size, NULL, NULL,
                                                    XML_PARSE_NONET | XML_PARSE_RECOVER);
      guint items = 0;
      double s;

      while (xmlTextReaderRead (reader) == 1)
        {
          int type = xmlTextReaderNodeType (reader);

          if (type == XML_READER_TYPE_ELEMENT &&
              xmlStrEqual (xmlTextReaderConstLocalName (reader), BAD_CAST "item"))
            items++;
          else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA)
            {
              /* A reader client copies what it keeps. */
              xmlChar *text = xmlTextReaderValue (reader);

              xmlFree (text);
            }
        }
      xmlFreeTextReader (reader);
      s = (g_get_monotonic_time () - start) / 1e6;
      r->items = items;
      if (r->seconds == 0 || s < r->seconds)
        r->seconds = s;
    }
}

static void
run_dom (GBytes *bytes,
         Result *r)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  for (int i = 0; i < ROUNDS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      xmlDocPtr doc = xmlReadMemory (data, (int) size, NULL, NULL, XML_PARSE_NONET | XML_PARSE_RECOVER);
      double s = (g_get_monotonic_time () - start) / 1e6;

      g_assert_nonnull (doc);
      xmlFreeDoc (doc);
      r->items = 0;
      if (r->seconds == 0 || s < r->seconds)
        r->seconds = s;
    }
}

/* feedparser is timed inside Python, so interpreter start-up is not counted. */
static gboolean
run_feedparser (const char *path,
                Result     *r)
{
  const char *script =
    "import sys, time\n"
    "import feedparser\n"
    "data = open(sys.argv[1], 'rb').read()\n"
    "t = time.perf_counter()\n"
    "d = feedparser.parse(data)\n"
    "print(time.perf_counter() - t, len(d.entries))\n";
  /* Debian's python3-feedparser lives with the system interpreter, which
   * another python3 on PATH may hide. */
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                       ? "/usr/bin/python3" : "python3";
  const char *argv[] = { python, "-c", script, path, NULL };
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL) || out == NULL)
    return FALSE;
  if (sscanf (out, "%lf %u", &r->seconds, &r->items) != 2)
    return FALSE;
  return TRUE;
}

static void
print_row (const Result *r,
           gsize         size,
           const Result *radnet)
{
  double mb = size / (1024.0 * 1024.0);

  g_print ("%-28s %9.3f s %12.0f items/s %9.1f MB/s   RadNet = %.2fx\n",
           r->name, r->seconds, r->items > 0 ? r->items / r->seconds : 0.0, mb / r->seconds,
           r->seconds / radnet->seconds);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = find_or_make_huge_feed ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  Result radnet = { "RadNet rn_feed_parse", 0, 0 };
  Result reader = { "libxml2 xmlTextReader walk", 0, 0 };
  Result dom = { "libxml2 xmlReadMemory (DOM)", 0, 0 };
  Result fp = { "python3-feedparser", 0, 0 };
  gsize size;

  if (path == NULL)
    {
      g_print ("bench-parse: ../shared/bench is absent: skipped\n");
      return 77;
    }
  mapped = g_mapped_file_new (path, FALSE, NULL);
  g_assert_nonnull (mapped);
  bytes = g_mapped_file_get_bytes (mapped);
  size = g_bytes_get_size (bytes);
  xmlInitParser ();

  run_radnet (bytes, &radnet);
  run_reader (bytes, &reader);
  run_dom (bytes, &dom);

  g_print ("%s: %.1f MB, best of %d rounds\n", path, size / (1024.0 * 1024.0), ROUNDS);
  print_row (&radnet, size, &radnet);
  print_row (&reader, size, &radnet);
  print_row (&dom, size, &radnet);
  if (run_feedparser (path, &fp))
    print_row (&fp, size, &radnet);
  else
    g_print ("%-28s (python3-feedparser not available: skipped)\n", fp.name);

  g_print ("RadNet throughput: %.0f%% of the libxml2 reader, %.0f%% of libxml2 DOM",
           100 * reader.seconds / radnet.seconds, 100 * dom.seconds / radnet.seconds);
  if (fp.seconds > 0)
    g_print (", %.1fx feedparser", fp.seconds / radnet.seconds);
  g_print ("\n");
  return 0;
}
