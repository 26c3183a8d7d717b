/* The reading list: saving, state, tags, notes, filters, sort, search,
 * bulk changes, the model's signals, items' `saved` flag, and saved items
 * surviving the removal of their feed (schema 2). */
#include "config.h"

#include <string.h>

#include "feeds/rn-item-list.h"
#include "reading-fixture.h"
#include "reading/rn-reading-list.h"
#include "rn-test-util.h"
#include "store/rn-store-schema.h"

static const char journal_rss[] =
  "<?xml version=\"1.0\"?>"
  "<rss version=\"2.0\" xmlns:prism=\"http://prismstandard.org/namespaces/basic/2.0/\""
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
  "<channel><title>Journal of Thoracic Imaging</title><link>https://journal.example.org/</link>"
  "<item><title>Zebra sign on chest CT</title><link>https://journal.example.org/a1</link><guid>a1</guid>"
  "<pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate><dc:creator>Jane Doe, John Smith</dc:creator>"
  "<description>Pulmonary embolism in pregnancy, a cohort.</description>"
  "<prism:doi>10.5555/jti.2025.0001</prism:doi><prism:publicationName>Journal of Thoracic Imaging</prism:publicationName>"
  "<prism:volume>40</prism:volume><prism:number>3</prism:number><prism:startingPage>101</prism:startingPage></item>"
  "<item><title>Appendicitis in children: ultrasound first</title><link>https://journal.example.org/a2</link><guid>a2</guid>"
  "<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate>"
  "<description>See doi:10.5555/PED.2025.77 for the protocol; gadolinium was not used.</description></item>"
  "<item><title>Mammography screening intervals</title><link>https://journal.example.org/a3</link><guid>a3</guid>"
  "<pubDate>Sun, 01 Jun 2025 08:00:00 GMT</pubDate><dc:creator>Ann Lee</dc:creator>"
  "<description>Screening every two years.</description>"
  "<prism:publicationName>Breast Imaging Letters</prism:publicationName><prism:volume>12</prism:volume>"
  "<prism:number>1</prism:number><prism:startingPage>e5</prism:startingPage></item>"
  "<item><title>Not saved</title><link>https://journal.example.org/a4</link><guid>a4</guid>"
  "<pubDate>Sat, 31 May 2025 08:00:00 GMT</pubDate></item>"
  "</channel></rss>";

typedef struct
{
  char          *dir;
  RnContext     *context;
  RnStore       *store;
  RnReadingList *list;
  gint64         feed;
  gint64         a1, a2, a3, a4;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->context = rn_test_context_new (&f->dir);
  f->store = rn_context_get_store (f->context);
  f->feed = fixture_add_feed (f->store, "https://journal.example.org/rss", journal_rss);
  f->a1 = fixture_item_id (f->store, "a1");
  f->a2 = fixture_item_id (f->store, "a2");
  f->a3 = fixture_item_id (f->store, "a3");
  f->a4 = fixture_item_id (f->store, "a4");
  f->list = rn_reading_list_new (f->store, rn_context_get_http (f->context), NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->list);
  g_clear_object (&f->context);
  rn_test_rmdir (f->dir);
  g_free (f->dir);
}

static RnSavedItem *
entry (Fixture *f,
       guint    position)
{
  RnSavedItem *e = g_list_model_get_item (G_LIST_MODEL (f->list), position);

  g_assert_nonnull (e);
  g_object_unref (e);   /* the model holds it */
  return e;
}

static void
save (Fixture *f,
      gint64   item_id)
{
  g_autoptr(GError) error = NULL;

  rn_reading_list_save (f->list, item_id, NULL, &error);
  g_assert_no_error (error);
}

static void
test_save_idempotent (Fixture       *f,
                      gconstpointer  data)
{
  const char *tags[] = { "ct", "Chest", NULL };
  const char *more[] = { "CT", "teaching", NULL };
  RnSaveOptions options = { .set_state = TRUE, .state = RN_SAVED_STATE_READING,
                            .note = "  for Friday's conference  ", .tags = tags };
  RnSaveOptions again = { .tags = more };
  g_autoptr(GError) error = NULL;
  RnSavedItem *e;
  gint64 saved_at;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  rn_reading_list_save (f->list, f->a1, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
  e = entry (f, 0);
  g_assert_cmpint (rn_saved_item_get_item_id (e), ==, f->a1);
  g_assert_cmpstr (rn_saved_item_get_title (e), ==, "Zebra sign on chest CT");
  g_assert_cmpstr (rn_saved_item_get_source (e), ==, "Journal of Thoracic Imaging");
  g_assert_cmpint (rn_saved_item_get_state (e), ==, RN_SAVED_STATE_READING);
  g_assert_cmpstr (rn_saved_item_get_note (e), ==, "for Friday's conference");
  g_assert_cmpuint (g_strv_length ((char **) rn_saved_item_get_tags (e)), ==, 2);
  g_assert_true (rn_saved_item_has_tag (e, "chest"));
  g_assert_cmpstr (rn_saved_item_get_doi (e), ==, "10.5555/jti.2025.0001");
  g_assert_cmpint (rn_saved_item_get_snapshot_state (e), ==, RN_SNAPSHOT_STATE_PENDING);
  saved_at = rn_saved_item_get_saved_at (e);
  g_assert_cmpint (ABS (saved_at - g_get_real_time () / G_USEC_PER_SEC), <, 60);

  /* Again: one entry, state and note kept, tags merged without case. */
  rn_reading_list_save (f->list, f->a1, &again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
  g_assert_true (entry (f, 0) == e);   /* the same object, updated */
  g_assert_cmpint (rn_saved_item_get_state (e), ==, RN_SAVED_STATE_READING);
  g_assert_cmpstr (rn_saved_item_get_note (e), ==, "for Friday's conference");
  g_assert_cmpint (rn_saved_item_get_saved_at (e), ==, saved_at);
  g_assert_cmpuint (g_strv_length ((char **) rn_saved_item_get_tags (e)), ==, 3);
  g_assert_true (rn_saved_item_has_tag (e, "teaching"));
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM saved"), ==, 1);

  /* Unknown item: an error, nothing saved. */
  g_assert_false (rn_reading_list_save (f->list, 99999, NULL, &error));
  g_assert_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* An empty tag is refused. */
  {
    const char *empty[] = { "  ", NULL };
    RnSaveOptions bad = { .tags = empty };

    g_assert_false (rn_reading_list_save (f->list, f->a2, &bad, &error));
    g_assert_error (error, RN_READING_LIST_ERROR, RN_READING_LIST_ERROR_INVALID);
    g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM saved"), ==, 1);
  }
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static gboolean
contains (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
test_state_tags_note (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RnSavedItem) e = NULL;
  guint changes = 0;

  save (f, f->a1);
  e = g_object_ref (entry (f, 0));
  g_signal_connect (e, "notify", G_CALLBACK (on_notify), names);
  g_signal_connect (f->list, "items-changed", G_CALLBACK (on_items_changed), &changes);

  g_assert_true (rn_reading_list_set_state (f->list, f->a1, RN_SAVED_STATE_DONE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rn_saved_item_get_state (e), ==, RN_SAVED_STATE_DONE);
  g_assert_true (contains (names, "state"));

  g_assert_true (rn_reading_list_add_tag (f->list, f->a1, "MSK", &error));
  g_assert_true (rn_reading_list_add_tag (f->list, f->a1, "msk", &error));   /* same tag */
  g_assert_true (rn_reading_list_add_tag (f->list, f->a1, "neuro", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) rn_saved_item_get_tags (e)), ==, 2);
  g_assert_true (contains (names, "tags"));
  g_assert_true (rn_reading_list_remove_tag (f->list, f->a1, "Msk", &error));
  g_assert_cmpuint (g_strv_length ((char **) rn_saved_item_get_tags (e)), ==, 1);
  g_assert_cmpstr (rn_saved_item_get_tags (e)[0], ==, "neuro");

  g_assert_true (rn_reading_list_set_note (f->list, f->a1, "Compare with 2019 guideline", &error));
  g_assert_cmpstr (rn_saved_item_get_note (e), ==, "Compare with 2019 guideline");
  g_assert_true (contains (names, "note"));
  g_assert_true (rn_reading_list_set_note (f->list, f->a1, "", &error));
  g_assert_null (rn_saved_item_get_note (e));
  g_assert_no_error (error);

  /* Changes to an entry in place do not rebuild the model. */
  g_assert_cmpuint (changes, ==, 0);

  /* Not saved: a clear error. */
  g_assert_false (rn_reading_list_set_state (f->list, f->a2, RN_SAVED_STATE_DONE, &error));
  g_assert_error (error, RN_READING_LIST_ERROR, RN_READING_LIST_ERROR_NOT_SAVED);
  g_clear_error (&error);
  g_assert_false (rn_reading_list_add_tag (f->list, f->a1, "", &error));
  g_assert_error (error, RN_READING_LIST_ERROR, RN_READING_LIST_ERROR_INVALID);
  g_clear_error (&error);

  /* Removal: the entry leaves the model, the tags go with it. */
  g_assert_true (rn_reading_list_remove (f->list, f->a1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM saved_tags"), ==, 0);
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM snapshots"), ==, 0);
  g_assert_false (rn_reading_list_remove (f->list, f->a1, &error));
  g_assert_error (error, RN_READING_LIST_ERROR, RN_READING_LIST_ERROR_NOT_SAVED);

  g_signal_handlers_disconnect_by_data (e, names);
}

static void
set_filter (Fixture             *f,
            const RnSavedFilter *filter)
{
  rn_reading_list_set_filter (f->list, filter);
}

static GArray *
ids (Fixture *f)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->list));

  for (guint i = 0; i < n; i++)
    {
      gint64 id = rn_saved_item_get_item_id (entry (f, i));
      g_array_append_val (out, id);
    }
  return out;
}

#define assert_ids(f, ...) G_STMT_START {                                   \
    const gint64 expected[] = { __VA_ARGS__ };                               \
    g_autoptr(GArray) got = ids (f);                                         \
    g_assert_cmpmem (got->data, got->len * sizeof (gint64),                 \
                     expected, sizeof expected);                             \
  } G_STMT_END

static void
test_filters_sort_search (Fixture       *f,
                          gconstpointer  data)
{
  const char *teaching[] = { "Teaching", NULL };
  RnSaveOptions o1 = { .tags = teaching, .note = "gestational age matters" };
  RnSaveOptions o3 = { .set_state = TRUE, .state = RN_SAVED_STATE_DONE };
  g_autoptr(GError) error = NULL;
  RnSavedFilter filter = { 0 };

  rn_reading_list_save (f->list, f->a1, &o1, &error);
  rn_reading_list_save (f->list, f->a2, NULL, &error);
  rn_reading_list_save (f->list, f->a3, &o3, &error);
  g_assert_no_error (error);
  /* Saved on different days: a2 last, then a3, then a1. */
  fixture_exec (f->store, "UPDATE saved SET saved_at = 1000 + item_id * 0 + CASE item_id "
                          "WHEN (SELECT id FROM items WHERE guid = 'a1') THEN 1 "
                          "WHEN (SELECT id FROM items WHERE guid = 'a3') THEN 2 ELSE 3 END");
  /* a3 can be read offline, a1's snapshot failed. */
  fixture_exec (f->store, "UPDATE snapshots SET state = 'complete' WHERE item_id = (SELECT id FROM items WHERE guid = 'a3');"
                          "UPDATE snapshots SET state = 'failed' WHERE item_id = (SELECT id FROM items WHERE guid = 'a1')");

  /* Default: most recently saved first. */
  assert_ids (f, f->a2, f->a3, f->a1);
  rn_reading_list_set_sort (f->list, RN_SAVED_SORT_PUBLISHED);
  assert_ids (f, f->a1, f->a2, f->a3);
  rn_reading_list_set_sort (f->list, RN_SAVED_SORT_TITLE);
  assert_ids (f, f->a2, f->a3, f->a1);   /* Appendicitis, Mammography, Zebra */
  rn_reading_list_set_sort (f->list, RN_SAVED_SORT_SAVED);

  filter.by_state = TRUE;
  filter.state = RN_SAVED_STATE_DONE;
  set_filter (f, &filter);
  assert_ids (f, f->a3);
  filter.state = RN_SAVED_STATE_TO_READ;
  set_filter (f, &filter);
  assert_ids (f, f->a2, f->a1);

  memset (&filter, 0, sizeof filter);
  filter.tag = "teaching";     /* case ignored */
  set_filter (f, &filter);
  assert_ids (f, f->a1);

  filter.tag = NULL;
  filter.has_note = TRUE;
  set_filter (f, &filter);
  assert_ids (f, f->a1);

  filter.has_note = FALSE;
  filter.offline = RN_OFFLINE_AVAILABLE;
  set_filter (f, &filter);
  assert_ids (f, f->a3);
  filter.offline = RN_OFFLINE_MISSING;
  set_filter (f, &filter);
  assert_ids (f, f->a2, f->a1);

  /* Search: full-text over the items, and the note. */
  filter.offline = RN_OFFLINE_ANY;
  filter.search = "ultrasound";
  set_filter (f, &filter);
  assert_ids (f, f->a2);
  filter.search = "gestational";   /* only in a1's note */
  set_filter (f, &filter);
  assert_ids (f, f->a1);
  filter.search = "embolism gestational";   /* one word each place */
  set_filter (f, &filter);
  assert_ids (f, f->a1);
  filter.search = "embolism screening";
  set_filter (f, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  filter.search = "\"embolism\" OR NOT";   /* FTS syntax is plain text */
  set_filter (f, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);

  /* A filtered view follows changes: a2 done → it joins the done view. */
  memset (&filter, 0, sizeof filter);
  filter.by_state = TRUE;
  filter.state = RN_SAVED_STATE_DONE;
  set_filter (f, &filter);
  assert_ids (f, f->a3);
  g_assert_true (rn_reading_list_set_state (f->list, f->a2, RN_SAVED_STATE_DONE, &error));
  assert_ids (f, f->a2, f->a3);

  {
    g_auto(GStrv) tags = rn_reading_list_list_tags (f->list);

    g_assert_cmpuint (g_strv_length (tags), ==, 1);
    g_assert_cmpstr (tags[0], ==, "Teaching");
  }
}

static void
on_bulk_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rn_reading_list_change_finish (RN_READING_LIST (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_bulk (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 some[3];
  gboolean done = FALSE;

  save (f, f->a1);
  save (f, f->a2);
  save (f, f->a3);
  some[0] = f->a1;
  some[1] = f->a3;
  some[2] = f->a4;      /* not saved: skipped */

  g_assert_true (rn_reading_list_change (f->list, RN_SAVED_CHANGE_STATE, some, 3, "done", &error));
  g_assert_no_error (error);
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM saved WHERE state = 'done'"), ==, 2);
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM saved"), ==, 3);

  g_assert_false (rn_reading_list_change (f->list, RN_SAVED_CHANGE_STATE, some, 3, "finished", &error));
  g_assert_error (error, RN_READING_LIST_ERROR, RN_READING_LIST_ERROR_INVALID);
  g_clear_error (&error);

  /* The asynchronous form, as the UI uses it. */
  rn_reading_list_change_async (f->list, RN_SAVED_CHANGE_ADD_TAG, some, 3, "journal club", NULL,
                                on_bulk_done, &done);
  g_assert_true (rn_test_wait_for (&done, 5000));
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM saved_tags WHERE tag = 'journal club'"), ==, 2);
  {
    g_autoptr(RnSavedItem) e3 = rn_reading_list_get (f->list, f->a3);
    g_assert_true (rn_saved_item_has_tag (e3, "journal club"));
  }

  g_assert_true (rn_reading_list_change (f->list, RN_SAVED_CHANGE_REMOVE, some, 3, NULL, &error));
  g_assert_no_error (error);
  assert_ids (f, f->a2);
}

static void
on_saved_notify (RnItem     *item,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_item_saved_property (Fixture       *f,
                          gconstpointer  data)
{
  RnItemFilter all = { 0 };
  RnItemFilter saved_only = { .saved_only = TRUE };
  g_autoptr(RnItemList) items = rn_item_list_new (f->store, &all, RN_ITEM_SORT_NEWEST);
  g_autoptr(RnItemList) saved = rn_item_list_new (f->store, &saved_only, RN_ITEM_SORT_NEWEST);
  g_autoptr(RnItem) first = g_list_model_get_item (G_LIST_MODEL (items), 0);
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_assert_cmpint (rn_item_get_id (first), ==, f->a1);
  g_assert_false (rn_item_get_saved (first));
  g_signal_connect (first, "notify::saved", G_CALLBACK (on_saved_notify), &notified);

  save (f, f->a1);
  g_assert_true (rn_item_get_saved (first));
  g_assert_cmpuint (notified, ==, 1);
  rn_item_list_reload (saved);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (saved)), ==, 1);

  g_assert_true (rn_reading_list_remove (f->list, f->a1, &error));
  g_assert_false (rn_item_get_saved (first));
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_feed_removal_keeps_saved (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "keep", NULL };
  RnSaveOptions options = { .note = "cite in thesis", .tags = tags };
  g_autoptr(RnSavedItem) e = NULL;
  g_autoptr(RnReference) ref = NULL;
  gint64 other;

  g_assert_cmpint (rn_store_get_schema_version (f->store), >=, 2);
  rn_reading_list_save (f->list, f->a1, &options, &error);
  g_assert_no_error (error);
  fixture_exec (f->store, "UPDATE snapshots SET state = 'complete', html = '<p>kept</p>', bytes = 11");

  /* A second feed with the same guids: both saved items must survive. */
  other = fixture_add_feed (f->store, "https://mirror.example.org/rss", journal_rss);
  {
    sqlite3_stmt *stmt = rn_store_reader_stmt (f->store,
      "SELECT id FROM items WHERE feed_id = ? AND guid = 'a1'", NULL);
    gint64 mirror_a1;

    sqlite3_bind_int64 (stmt, 1, other);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    mirror_a1 = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    save (f, mirror_a1);
  }

  g_assert_true (rn_feed_store_remove_feed (f->store, f->feed, &error));
  g_assert_no_error (error);
  g_assert_true (rn_feed_store_remove_feed (f->store, other, &error));
  g_assert_no_error (error);

  /* Unsaved items went with their feeds; saved ones stayed, whole. */
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM items"), ==, 2);
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM saved"), ==, 2);
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM feeds WHERE kind = 'archive' AND disabled = 1"), ==, 1);
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM feeds"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 2);

  e = rn_reading_list_get (f->list, f->a1);
  g_assert_nonnull (e);
  g_assert_cmpstr (rn_saved_item_get_note (e), ==, "cite in thesis");
  g_assert_true (rn_saved_item_has_tag (e, "keep"));
  g_assert_cmpint (rn_saved_item_get_snapshot_state (e), ==, RN_SNAPSHOT_STATE_COMPLETE);
  /* It still says where it came from. */
  g_assert_cmpstr (rn_saved_item_get_source (e), ==, "Journal of Thoracic Imaging");
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM refs WHERE doi = '10.5555/jti.2025.0001'"), ==, 2);
  ref = rn_reading_list_get_reference (f->list, f->a1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_CONTAINER_TITLE), ==, "Journal of Thoracic Imaging");
}

/* A library written before schema 2 gets the trigger when it is opened. */
static void
test_migration_from_v1 (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnContext) reopened = NULL;
  RnStore *store;

  save (f, f->a2);
  /* Back to schema 1 as far as the trigger goes; the later migrations
   * must cope with finding their own tables already there. */
  fixture_exec (f->store, "DROP TRIGGER feeds_keep_saved; PRAGMA user_version = 1");
  g_clear_object (&f->list);
  g_clear_object (&f->context);

  reopened = rn_context_new (f->dir, &error);
  g_assert_no_error (error);
  store = rn_context_get_store (reopened);
  g_assert_cmpint (rn_store_get_schema_version (store), ==, rn_store_schema_latest_version ());
  g_assert_cmpint (fixture_count (store, "SELECT count(*) FROM saved"), ==, 1);
  g_assert_true (rn_feed_store_remove_feed (store, f->feed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fixture_count (store, "SELECT count(*) FROM saved"), ==, 1);
  g_assert_cmpint (fixture_count (store, "SELECT count(*) FROM items"), ==, 1);
}

static gboolean
add_many_items (RnStore  *store,
                sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  return rn_sql_exec (db,
    "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 20000) "
    "INSERT INTO items (feed_id, guid, title, first_seen, sort_date) "
    "SELECT (SELECT min(id) FROM feeds), 'bulk-' || k, 'Bulk ' || k, 0, k FROM n;"
    "ANALYZE;", error);
}

/* The reading list reloads on every store notice: its query must start
 * from the saved items, not walk the library in the sort order. */
static void
test_query_starts_from_saved (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const RnSavedSort sorts[] = { RN_SAVED_SORT_SAVED, RN_SAVED_SORT_PUBLISHED, RN_SAVED_SORT_TITLE };

  g_assert_true (rn_store_write (f->store, add_many_items, NULL, &error));
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (sorts); k++)
    {
      g_autofree char *sql = NULL;
      g_autofree char *explain = NULL;
      g_autoptr(sqlite3_stmt) plan = NULL;

      rn_reading_list_set_sort (f->list, sorts[k]);
      sql = rn_reading_list_dup_sql (f->list);
      explain = g_strdup_printf ("EXPLAIN QUERY PLAN %s", sql);
      plan = rn_sql_prepare (rn_store_get_reader (f->store), explain, &error);
      g_assert_no_error (error);
      /* parameters (none in this view) stay unbound */
      g_assert_cmpint (sqlite3_step (plan), ==, SQLITE_ROW);
      g_test_message ("sort %u: %s", k, (const char *) sqlite3_column_text (plan, 3));
      g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (plan, 3), "SCAN s"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/radnet/core/reading/list/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("save-idempotent", test_save_idempotent);
  ADD ("state-tags-note", test_state_tags_note);
  ADD ("filters-sort-search", test_filters_sort_search);
  ADD ("bulk", test_bulk);
  ADD ("item-saved-property", test_item_saved_property);
  ADD ("feed-removal-keeps-saved", test_feed_removal_keeps_saved);
  ADD ("migration-from-v1", test_migration_from_v1);
  ADD ("query-starts-from-saved", test_query_starts_from_saved);
#undef ADD

  return g_test_run ();
}
