/* bench-load-corpus.c: generated feeds and the library built from them. */
#define G_LOG_DOMAIN "bench-load"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bench-load-corpus.h"
#include "feeds/rn-feed-folders.h"
#include "feeds/rn-feed-parser.h"
#include "feeds/rn-feed-store.h"
#include "rn-context.h"
#include "store/rn-sql.h"

/* Bump when the generated texts change: a library built by another
 * version is rebuilt. */
#define CORPUS_VERSION 1
/* Hours between two items of a feed: 410 items span 137 days. */
#define ITEM_STEP (8 * 3600)
/* The app removes read items older than 180 days after a full refresh
 * (its default); a library older than this would start losing its
 * oldest read items to that, so it is rebuilt. */
#define MAX_AGE_DAYS 40
/* The newest items of each feed stay unread, the rest are read, as in a
 * library someone keeps up with. */
#define UNREAD_PER_FEED 20
#define N_FOLDERS 25
/* Feeds per write: big transactions, as a bulk import would use. */
#define FEEDS_PER_WRITE 20

/* ---- text ---- */

/* Words of the field; the rest of the vocabulary is made of syllables so
 * that the full-text index holds a few thousand distinct terms, with
 * these frequent ones at the head. */
static const char *const common_words[] = {
  "the", "of", "and", "in", "with", "for", "a", "to", "on", "by", "from", "at", "is", "was",
  "were", "are", "as", "an", "or", "after", "versus", "among", "using", "between", "during",
  "patients", "imaging", "study", "cohort", "results", "outcomes", "diagnostic", "accuracy",
  "clinical", "trial", "randomized", "retrospective", "prospective", "analysis", "risk",
  "association", "mortality", "survival", "treatment", "therapy", "dose", "radiation",
  "computed", "tomography", "magnetic", "resonance", "ultrasound", "contrast", "enhanced",
  "lesion", "lesions", "nodule", "nodules", "tumor", "carcinoma", "metastases", "biopsy",
  "screening", "mammography", "prostate", "breast", "lung", "liver", "kidney", "adrenal",
  "thyroid", "pancreatic", "cardiac", "coronary", "stroke", "aneurysm", "embolism",
  "fracture", "spine", "knee", "shoulder", "pediatric", "adult", "elderly", "women", "men",
  "reader", "readers", "agreement", "sensitivity", "specificity", "validation", "model",
  "deep", "learning", "algorithm", "artificial", "intelligence", "segmentation", "detection",
  "classification", "prediction", "multicenter", "registry", "guideline", "consensus",
  "review", "systematic", "meta", "follow", "up", "year", "years", "months", "baseline",
  "incidence", "prevalence", "findings", "features", "score", "grade", "stage", "volume",
  "perfusion", "diffusion", "weighted", "spectroscopy", "positron", "emission", "tracer",
  "uptake", "molecular", "genomic", "biomarker", "inflammation", "fibrosis", "cirrhosis",
  "steatosis", "hemorrhage", "ischemia", "infarction", "occlusion", "stenosis", "plaque",
  "calcium", "density", "bone", "muscle", "fat", "brain", "white", "matter", "cortex",
  "dementia", "cognitive", "decline", "sclerosis", "epilepsy", "trauma", "emergency",
  "intervention", "ablation", "embolization", "stent", "catheter", "surgery", "resection",
  "recurrence", "response", "chemotherapy", "immunotherapy", "radiotherapy", "toxicity",
  "complications", "safety", "efficacy", "cost", "effectiveness", "workflow", "report",
  "reporting", "structured", "protocol", "low", "high", "reduced", "improved", "increased",
  "compared", "assessed", "evaluated", "observed", "significant", "independent", "early",
  "late", "acute", "chronic", "benign", "malignant", "incidental", "Zürich", "α-synuclein",
  "CO₂", "R&D", "Ødegaard", "naïve",
};

static const char *const syllables[] = {
  "ba", "be", "bi", "bo", "ca", "ce", "co", "cu", "da", "de", "di", "do", "fa", "fe", "fi",
  "ga", "ge", "go", "ka", "ke", "ki", "la", "le", "li", "lo", "lu", "ma", "me", "mi", "mo",
  "na", "ne", "ni", "no", "pa", "pe", "pi", "po", "ra", "re", "ri", "ro", "sa", "se", "si",
  "so", "ta", "te", "ti", "to", "tu", "va", "ve", "vi", "xa", "za", "ze", "zo", "ph", "th",
  "st", "tr", "gr", "cl", "nd", "rt", "sk", "ly", "ex", "um",
};

static const char *const surnames[] = {
  "Nguyen", "Müller", "García", "Okafor", "Tanaka", "Kowalski", "Rossi", "Haddad", "Silva",
  "Larsen", "Dubois", "Chen", "Patel", "Novak", "O'Brien", "Jensen", "Ivanova", "Kim",
  "Schmidt", "Moreau", "Andersson", "Costa", "Yilmaz", "Cohen",
};

#define N_PSEUDO 2400

static char  **vocabulary;
static guint   n_vocabulary;

typedef struct
{
  guint64 state;
} Rng;

/* splitmix64: small, fast, and the same on every machine. */
static guint64
rng_next (Rng *r)
{
  guint64 z = (r->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static double
rng_unit (Rng *r)
{
  return (rng_next (r) >> 11) * (1.0 / 9007199254740992.0);
}

static guint
rng_range (Rng  *r,
           guint lo,
           guint hi)
{
  return lo + (guint) (rng_next (r) % (hi - lo + 1));
}

static void
vocabulary_init (void)
{
  Rng r = { 42 };
  GHashTable *seen;

  if (vocabulary != NULL)
    return;
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  vocabulary = g_new0 (char *, G_N_ELEMENTS (common_words) + N_PSEUDO + 1);
  for (guint i = 0; i < G_N_ELEMENTS (common_words); i++)
    {
      vocabulary[n_vocabulary++] = g_strdup (common_words[i]);
      g_hash_table_add (seen, vocabulary[n_vocabulary - 1]);
    }
  while (n_vocabulary < G_N_ELEMENTS (common_words) + N_PSEUDO)
    {
      GString *w = g_string_new (NULL);
      guint n = rng_range (&r, 2, 4);

      for (guint i = 0; i < n; i++)
        g_string_append (w, syllables[rng_next (&r) % G_N_ELEMENTS (syllables)]);
      if (g_hash_table_contains (seen, w->str))
        {
          g_string_free (w, TRUE);
          continue;
        }
      vocabulary[n_vocabulary++] = g_string_free (w, FALSE);
      g_hash_table_add (seen, vocabulary[n_vocabulary - 1]);
    }
  g_hash_table_unref (seen);
}

/* Zipf-like: the head of the vocabulary is drawn far more often. */
static const char *
pick_word (Rng *r)
{
  double u = rng_unit (r);

  return vocabulary[MIN ((guint) (n_vocabulary * u * u * u), n_vocabulary - 1)];
}

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      default: g_string_append_c (out, *p);
      }
}

/* @n words as sentences of 8 to 15 words. */
static void
append_prose (GString *out,
              Rng     *r,
              guint    n)
{
  guint in_sentence = 0, sentence_len = rng_range (r, 8, 15);

  for (guint i = 0; i < n; i++)
    {
      const char *word = pick_word (r);

      if (i > 0)
        g_string_append_c (out, ' ');
      if (in_sentence == 0 && g_ascii_islower (*word))
        {
          g_string_append_c (out, g_ascii_toupper (*word));
          append_escaped (out, word + 1);
        }
      else
        append_escaped (out, word);
      if (++in_sentence == sentence_len || i + 1 == n)
        {
          g_string_append_c (out, '.');
          in_sentence = 0;
          sentence_len = rng_range (r, 8, 15);
        }
    }
}

static void
append_title (GString *out,
              Rng     *r)
{
  guint n = rng_range (r, 7, 13);

  for (guint i = 0; i < n; i++)
    {
      const char *word = pick_word (r);

      if (i > 0)
        g_string_append_c (out, ' ');
      if (i == 0 && g_ascii_islower (*word))
        {
          g_string_append_c (out, g_ascii_toupper (*word));
          append_escaped (out, word + 1);
        }
      else
        append_escaped (out, word);
    }
}

/* RFC 822 in English whatever the locale. */
static void
append_rfc822 (GString *out,
               gint64   t)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  g_string_append_printf (out, "%s, %02d %s %04d %02d:%02d:%02d +0000",
                          days[g_date_time_get_day_of_week (dt) - 1], g_date_time_get_day_of_month (dt),
                          months[g_date_time_get_month (dt) - 1], g_date_time_get_year (dt),
                          g_date_time_get_hour (dt), g_date_time_get_minute (dt),
                          g_date_time_get_second (dt));
}

/* Item @k of feed @feed (k = 0 is the newest). */
static gint64
item_date (gint64 epoch,
           guint  feed,
           guint  k)
{
  return epoch - (gint64) k * ITEM_STEP - (gint64) feed * 7;
}

/* The whole document of a feed: @n_items items, the newest first. */
static GString *
feed_xml (guint  feed,
          guint  n_items,
          gint64 epoch)
{
  GString *out = g_string_sized_new (n_items * 760 + 512);
  Rng r = { G_GUINT64_CONSTANT (0x5EED000000000000) | feed };

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
  g_string_append_printf (out, "<title>Journal %05u: ", feed);
  append_title (out, &r);
  g_string_append_printf (out, "</title>\n<link>https://f%05u.example.org/</link>\n<description>", feed);
  append_prose (out, &r, 20);
  g_string_append (out, "</description>\n<language>en</language>\n");

  for (guint k = 0; k < n_items; k++)
    {
      Rng ir = { ((guint64) feed << 32) | k };
      guint n_authors = rng_range (&ir, 1, 3);

      g_string_append (out, "<item>\n<title>");
      append_title (out, &ir);
      g_string_append_printf (out, "</title>\n<link>https://f%05u.example.org/articles/%u</link>\n"
                                   "<guid isPermaLink=\"false\">urn:radnet-bench:f%05u:%u</guid>\n<pubDate>",
                              feed, k, feed, k);
      append_rfc822 (out, item_date (epoch, feed, k));
      g_string_append (out, "</pubDate>\n");
      for (guint a = 0; a < n_authors; a++)
        g_string_append_printf (out, "<dc:creator>%c. %s</dc:creator>\n", 'A' + (int) rng_range (&ir, 0, 25),
                                surnames[rng_next (&ir) % G_N_ELEMENTS (surnames)]);
      g_string_append (out, "<description>");
      append_prose (out, &ir, rng_range (&ir, 45, 75));
      g_string_append (out, "</description>\n</item>\n");
    }
  g_string_append (out, "</channel>\n</rss>\n");
  return out;
}

/* ---- the library ---- */

void
rn_bench_load_library_clear (RnBenchLoadLibrary *lib)
{
  g_clear_pointer (&lib->built_at, g_free);
}

static char *
feed_path (const char *dir,
           guint       feed)
{
  g_autofree char *name = g_strdup_printf ("f%05u.rss", feed);

  return g_build_filename (dir, "www", "feeds", name, NULL);
}

static char *
feed_url (guint port,
          guint feed)
{
  /* Under /nv/ the server sends no validators and answers every GET with
   * 200: each refresh parses and checks every item. */
  return g_strdup_printf ("http://127.0.0.1:%u/nv/feeds/f%05u.rss", port, feed);
}

typedef struct
{
  gint64        feed_ids[FEEDS_PER_WRITE];
  guint         feeds[FEEDS_PER_WRITE];
  RnParsedFeed *parsed[FEEDS_PER_WRITE];
  guint         n;
  gint64        epoch;
} Batch;

static void
batch_free (gpointer data)
{
  Batch *b = data;

  for (guint i = 0; i < b->n; i++)
    rn_parsed_feed_free (b->parsed[i]);
  g_free (b);
}

static gboolean
write_batch_in_txn (RnStore  *store,
                    sqlite3  *db,
                    gpointer  data,
                    GError  **error)
{
  Batch *b = data;

  for (guint i = 0; i < b->n; i++)
    {
      RnIngestStats stats = { 0 };
      sqlite3_stmt *stmt;

      /* The app's own write path: the same hashes, rows and index
       * entries a refresh would have written. */
      if (!rn_feed_store_ingest (store, db, b->feed_ids[i], b->parsed[i], NULL,
                                 b->epoch, &stats, error))
        return FALSE;
      stmt = rn_store_writer_stmt (store, "UPDATE items SET read = 1 WHERE feed_id = ? AND sort_date <= ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, b->feed_ids[i]);
      sqlite3_bind_int64 (stmt, 2, item_date (b->epoch, b->feeds[i], RN_BENCH_LOAD_NEW_ITEMS + UNREAD_PER_FEED));
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  RnStore *store;
  guint    pending;
  GError  *error;
} Writes;

static void
on_batch_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Writes *w = user_data;
  GError *error = NULL;

  if (!rn_store_write_finish (w->store, result, &error) && w->error == NULL)
    w->error = error;
  else
    g_clear_error (&error);
  w->pending--;
}

static gboolean
write_file (const char  *path,
            GString     *text,
            GError     **error)
{
  return g_file_set_contents (path, text->str, (gssize) text->len, error);
}

/* Writes the served document of feed @f and returns what the product's
 * parser reads from it, less the newest entries, which the refresh is
 * to find: the stored items. */
static RnParsedFeed *
generate_feed (const char *dir,
               guint       f,
               guint       items_per_feed,
               gint64      epoch,
               GError    **error)
{
  g_autoptr(GString) xml = feed_xml (f, items_per_feed + RN_BENCH_LOAD_NEW_ITEMS, epoch);
  g_autofree char *path = feed_path (dir, f);
  g_autofree char *url = feed_url (1, f);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RnParsedFeed) parsed = NULL;

  if (!write_file (path, xml, error))
    return NULL;
  bytes = g_bytes_new_static (xml->str, xml->len);
  parsed = rn_feed_parse (bytes, "application/rss+xml", url, error);
  if (parsed == NULL)
    return NULL;
  if (parsed->recovered || parsed->entries->len != items_per_feed + RN_BENCH_LOAD_NEW_ITEMS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "feed %u parsed into %u entries (%s)",
                   f, parsed->entries->len, parsed->error != NULL ? parsed->error : "well-formed");
      return NULL;
    }
  g_ptr_array_remove_range (parsed->entries, 0, RN_BENCH_LOAD_NEW_ITEMS);
  return g_steal_pointer (&parsed);
}

static gboolean
build (const char *dir,
       guint       n_feeds,
       guint       items_per_feed,
       gint64      epoch,
       GError    **error)
{
  g_autofree char *feeds_dir = g_build_filename (dir, "www", "feeds", NULL);
  g_autoptr(RnContext) context = NULL;
  g_autofree gint64 *folder_ids = g_new0 (gint64, N_FOLDERS);
  g_autofree gint64 *feed_ids = g_new0 (gint64, n_feeds + 1);
  Writes writes = { NULL, 0, NULL };
  RnStore *store;
  Batch *batch = NULL;
  gboolean ok = TRUE;
  gint64 t0 = g_get_monotonic_time ();

  if (g_mkdir_with_parents (feeds_dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "cannot create %s: %s", feeds_dir, g_strerror (errno));
      return FALSE;
    }
  context = rn_context_new (dir, error);
  if (context == NULL)
    return FALSE;
  store = rn_context_get_store (context);
  writes.store = store;

  for (guint i = 0; i < N_FOLDERS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Topic %02u", i + 1);

      if (!rn_feed_store_create_folder (store, title, &folder_ids[i], error))
        return FALSE;
    }
  for (guint f = 1; f <= n_feeds; f++)
    {
      g_autofree char *url = feed_url (1, f);
      RnFeedSpec spec = { 0 };

      spec.url = url;
      spec.folder_id = folder_ids[(f - 1) % N_FOLDERS];
      if (!rn_feed_store_add_feed (store, &spec, &feed_ids[f], error))
        return FALSE;
    }
  g_print ("# %u feeds in %u folders added in %.1f s\n", n_feeds, N_FOLDERS,
           (g_get_monotonic_time () - t0) / 1e6);

  for (guint f = 1; f <= n_feeds && ok; f++)
    {
      RnParsedFeed *parsed = generate_feed (dir, f, items_per_feed, epoch, error);

      if (parsed == NULL)
        {
          ok = FALSE;
          break;
        }
      if (batch == NULL)
        {
          batch = g_new0 (Batch, 1);
          batch->epoch = epoch;
        }
      batch->feed_ids[batch->n] = feed_ids[f];
      batch->feeds[batch->n] = f;
      batch->parsed[batch->n++] = parsed;
      if (batch->n == FEEDS_PER_WRITE || f == n_feeds)
        {
          writes.pending++;
          rn_store_write_async (store, write_batch_in_txn, g_steal_pointer (&batch), batch_free,
                                NULL, on_batch_written, &writes);
          /* Generating and parsing here while the writer thread writes
           * the previous batches; two in flight bound the memory. */
          while (writes.pending > 2)
            g_main_context_iteration (NULL, TRUE);
          ok = writes.error == NULL;
        }
      if (f % 250 == 0)
        g_print ("# %u/%u feeds stored, %.0f s\n", f, n_feeds, (g_get_monotonic_time () - t0) / 1e6);
    }
  g_clear_pointer (&batch, batch_free);
  /* The writes point at `writes`: all of them end before it goes. */
  while (writes.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  if (writes.error != NULL)
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&writes.error));
      ok = FALSE;
    }
  if (!ok)
    return FALSE;
  /* Let the change notifications of the writes run before the store goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return TRUE;
}

static gboolean
remove_tree (const char  *path,
             GError     **error)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_remove (path) != 0 && errno != ENOENT)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       "cannot remove %s: %s", path, g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }
  d = g_dir_open (path, 0, error);
  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!remove_tree (child, error))
        return FALSE;
    }
  if (g_rmdir (path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "cannot remove %s: %s", path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_info (const char         *path,
           guint               n_feeds,
           guint               items_per_feed,
           RnBenchLoadLibrary *lib)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  if (g_key_file_get_integer (kf, "library", "version", NULL) != CORPUS_VERSION ||
      (guint) g_key_file_get_integer (kf, "library", "feeds", NULL) != n_feeds ||
      (guint) g_key_file_get_integer (kf, "library", "items-per-feed", NULL) != items_per_feed)
    return FALSE;
  lib->epoch = g_key_file_get_int64 (kf, "library", "epoch", NULL);
  lib->base_id = g_key_file_get_int64 (kf, "library", "base-id", NULL);
  lib->build_seconds = g_key_file_get_double (kf, "library", "build-seconds", NULL);
  lib->built_at = g_key_file_get_string (kf, "library", "built-at", NULL);
  if (now - lib->epoch > (gint64) MAX_AGE_DAYS * 86400)
    {
      g_print ("# the library in %s is older than %d days: rebuilding it\n", path, MAX_AGE_DAYS);
      return FALSE;
    }
  return lib->base_id > 0 && lib->built_at != NULL;
}

static gboolean
save_info (const char               *path,
           const RnBenchLoadLibrary *lib)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  g_key_file_set_integer (kf, "library", "version", CORPUS_VERSION);
  g_key_file_set_integer (kf, "library", "feeds", (int) lib->n_feeds);
  g_key_file_set_integer (kf, "library", "items-per-feed", (int) lib->items_per_feed);
  g_key_file_set_int64 (kf, "library", "epoch", lib->epoch);
  g_key_file_set_int64 (kf, "library", "base-id", lib->base_id);
  g_key_file_set_double (kf, "library", "build-seconds", lib->build_seconds);
  g_key_file_set_string (kf, "library", "built-at", lib->built_at);
  return g_key_file_save_to_file (kf, path, NULL);
}

static gboolean
open_and_count (const char *dir,
                gint64      base_id,
                RnBenchLoadCounts *counts,
                GError    **error)
{
  g_autoptr(RnContext) context = rn_context_new (dir, error);
  sqlite3 *db;

  if (context == NULL)
    return FALSE;
  db = rn_store_get_reader (rn_context_get_store (context));
  counts->old_items = 0;
  counts->new_items = 0;
  counts->old_hash_sum = 0;
  counts->unread = rn_sql_query_int (db, "SELECT count(*) FROM items WHERE read = 0", -1);
  {
    g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db,
      "SELECT count(*) FILTER (WHERE id <= ?1), count(*) FILTER (WHERE id > ?1), "
      "  total(content_hash % 1048576) FILTER (WHERE id <= ?1) FROM items", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, base_id);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot count items: %s", sqlite3_errmsg (db));
        return FALSE;
      }
    counts->old_items = sqlite3_column_int64 (stmt, 0);
    counts->new_items = sqlite3_column_int64 (stmt, 1);
    counts->old_hash_sum = (gint64) sqlite3_column_double (stmt, 2);
  }
  return TRUE;
}

gboolean
rn_bench_load_library_ensure (const char         *dir,
                              guint               n_feeds,
                              guint               items_per_feed,
                              RnBenchLoadLibrary *lib,
                              GError            **error)
{
  g_autofree char *info_path = g_build_filename (dir, "build.ini", NULL);
  g_autofree char *db_path = g_build_filename (dir, "library.db", NULL);
  RnBenchLoadCounts counts = { 0 };
  gint64 t0;

  memset (lib, 0, sizeof *lib);
  lib->n_feeds = n_feeds;
  lib->items_per_feed = items_per_feed;
  vocabulary_init ();
  if (load_info (info_path, n_feeds, items_per_feed, lib) && g_file_test (db_path, G_FILE_TEST_EXISTS))
    return TRUE;
  rn_bench_load_library_clear (lib);

  /* Anything else in the folder is an unfinished or outdated build. */
  if (!remove_tree (dir, error))
    return FALSE;
  g_print ("# building %u feeds x %u items into %s\n", n_feeds, items_per_feed, dir);
  t0 = g_get_monotonic_time ();
  lib->epoch = g_get_real_time () / G_USEC_PER_SEC / 3600 * 3600;
  if (!build (dir, n_feeds, items_per_feed, lib->epoch, error))
    return FALSE;
  lib->base_id = (gint64) n_feeds * items_per_feed;
  /* Reopened (the first context has closed and checkpointed): the ids
   * must run 1..base_id for "id > base_id" to mean "added by a refresh". */
  if (!open_and_count (dir, lib->base_id, &counts, error))
    return FALSE;
  if (counts.old_items != lib->base_id || counts.new_items != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the library holds %" G_GINT64_FORMAT " items with ids up to %" G_GINT64_FORMAT
                   " and %" G_GINT64_FORMAT " beyond; expected %" G_GINT64_FORMAT,
                   counts.old_items, lib->base_id, counts.new_items, lib->base_id);
      return FALSE;
    }
  lib->build_seconds = (g_get_monotonic_time () - t0) / 1e6;
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    lib->built_at = g_date_time_format_iso8601 (now);
  }
  lib->fresh = TRUE;
  if (!save_info (info_path, lib))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", info_path);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64 base_id;
  guint  port;
} Reset;

static gboolean
reset_in_txn (RnStore  *store,
              sqlite3  *db,
              gpointer  data,
              GError  **error)
{
  Reset *r = data;
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) feeds = NULL;
  g_autofree char *prefix = g_strdup_printf ("http://127.0.0.1:%u", r->port);

  del = rn_sql_prepare (db, "DELETE FROM items WHERE id > ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, r->base_id);
  if (!rn_sql_step_done (del, error))
    return FALSE;
  feeds = rn_sql_prepare (db,
    "UPDATE feeds SET url = ?1 || substr(url, instr(url, '/nv/')), etag = NULL, last_modified = NULL, "
    "  last_fetch = NULL, last_success = NULL, next_fetch = NULL, retry_after = NULL, error = NULL, "
    "  http_status = NULL, failures = 0 "
    "WHERE kind = 'feed' AND instr(url, '/nv/') > 0", error);
  if (feeds == NULL)
    return FALSE;
  rn_sql_bind_text (feeds, 1, prefix);
  return rn_sql_step_done (feeds, error);
}

gboolean
rn_bench_load_library_reset (const char               *dir,
                             const RnBenchLoadLibrary *lib,
                             guint                     port,
                             GError                  **error)
{
  g_autoptr(RnContext) context = rn_context_new (dir, error);
  Reset r = { lib->base_id, port };

  if (context == NULL)
    return FALSE;
  if (!rn_store_write (rn_context_get_store (context), reset_in_txn, &r, error))
    return FALSE;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return TRUE;
}

gboolean
rn_bench_load_library_count (const char               *dir,
                             const RnBenchLoadLibrary *lib,
                             RnBenchLoadCounts        *counts,
                             GError                  **error)
{
  return open_and_count (dir, lib->base_id, counts, error);
}
