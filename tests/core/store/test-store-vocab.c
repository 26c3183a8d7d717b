/* The words of the full-text index (rn-store-vocab.h): noted as items are
 * indexed, folded as FTS5 folds them, listed per prefix, and filled from
 * the index for a library indexed before the list existed. */
#include "config.h"

#include "rn-test-util.h"
#include "store/rn-sql.h"
#include "store/rn-store.h"
#include "store/rn-store-vocab.h"

static const char items[] =
  "INSERT INTO feeds (id, url, added) VALUES (1, 'https://a.example/', 0);"
  "INSERT INTO items (feed_id, guid, first_seen, sort_date, title, author, summary) VALUES"
  " (1, 'a', 0, 1, 'Neuroradiology today', 'Ana Névé', NULL),"
  " (1, 'b', 0, 2, 'NEURAL networks', NULL, '<p>Neuronal <b>signal</b> of an X-ray</p>'),"
  " (1, 'c', 0, 3, 'Névrose', NULL, NULL);";

static gboolean
exec_sql (RnStore  *store,
          sqlite3  *db,
          gpointer  data,
          GError  **error)
{
  return rn_sql_exec (db, data, error);
}

static char *
expand (RnStore    *store,
        const char *prefix,
        guint       max_words)
{
  g_auto(GStrv) words = rn_store_vocab_expand (rn_store_get_reader (store), prefix, max_words);

  return words != NULL ? g_strjoinv (" ", words) : NULL;
}

static RnStore *
open_with_items (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (rn_store_write (store, exec_sql, (gpointer) items, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

/* As a library indexed before the store listed its words. */
static void
make_unlisted (RnStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rn_store_write (store, exec_sql,
                                 "DELETE FROM fts_terms;"
                                 "INSERT INTO meta (key, value) VALUES ('fts_terms_after', '')", &error));
  g_assert_no_error (error);
}

static void
test_expand (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(RnStore) store = open_with_items (path);
  g_autofree char *neur = expand (store, "neur", 64);
  g_autofree char *upper = expand (store, "NEUR", 64);
  g_autofree char *accented = expand (store, "név", 64);
  g_autofree char *plain = expand (store, "nev", 64);
  g_autofree char *signal = expand (store, "signal", 64);

  /* Words of the title, the author and the text of the HTML, folded. */
  g_assert_true (rn_store_vocab_complete (rn_store_get_reader (store)));
  g_assert_cmpstr (neur, ==, "neural neuronal neuroradiology");
  g_assert_cmpstr (upper, ==, neur);
  g_assert_cmpstr (accented, ==, "neve nevrose");
  g_assert_cmpstr (plain, ==, accented);
  g_assert_cmpstr (signal, ==, "signal");

  /* Declined: more words than allowed, none, or not one word. */
  g_assert_null (expand (store, "neur", 2));
  g_assert_null (expand (store, "zzz", 64));
  g_assert_null (expand (store, "x-r", 64));
  g_assert_null (expand (store, "", 64));
  g_assert_null (expand (store, "\"", 64));

  g_clear_object (&store);
  rn_test_rmdir (dir);
}

static gboolean
fill_slice (RnStore  *store,
            sqlite3  *db,
            gpointer  data,
            GError  **error)
{
  gboolean *done = data;

  /* No budget: one word per slice. */
  return rn_store_vocab_fill (db, 0, done, error);
}

/* A library whose index was built before the list: its words are listed
 * from the index, a slice at a time, and nothing is expanded before. */
static void
test_fill_from_index (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(RnStore) store = open_with_items (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *neur = NULL;
  gboolean done = FALSE;
  guint slices = 0;

  make_unlisted (store);
  g_assert_false (rn_store_vocab_complete (rn_store_get_reader (store)));
  g_assert_null (expand (store, "neur", 64));

  while (!done)
    {
      g_assert_true (rn_store_write (store, fill_slice, &done, &error));
      g_assert_no_error (error);
      slices++;
    }
  g_assert_true (rn_store_vocab_complete (rn_store_get_reader (store)));
  /* Every word of the index, and each slice took one. */
  g_assert_cmpint (slices, ==, rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM fts_terms", 0) + 1);
  neur = expand (store, "neur", 64);
  g_assert_cmpstr (neur, ==, "neural neuronal neuroradiology");

  g_clear_object (&store);
  rn_test_rmdir (dir);
}

/* Opening such a library lists its words in the background. */
static void
test_fill_on_open (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(RnStore) store = open_with_items (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *neur = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  make_unlisted (store);
  g_clear_object (&store);

  store = rn_store_open (path, &error);
  g_assert_no_error (error);
  while (!rn_store_vocab_complete (rn_store_get_reader (store)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (rn_store_vocab_complete (rn_store_get_reader (store)));
  while (g_main_context_iteration (NULL, FALSE))
    ;   /* the last slice's report */
  neur = expand (store, "neur", 64);
  g_assert_cmpstr (neur, ==, "neural neuronal neuroradiology");

  g_clear_object (&store);
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/core/store/vocab/expand", test_expand);
  g_test_add_func ("/radnet/core/store/vocab/fill-from-index", test_fill_from_index);
  g_test_add_func ("/radnet/core/store/vocab/fill-on-open", test_fill_on_open);
  return g_test_run ();
}
