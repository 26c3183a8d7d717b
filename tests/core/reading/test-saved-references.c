/* References of saved items: identifiers found on save (prism:doi, text),
 * records built from the item's fields, Crossref look-ups through a
 * fixture server with the answer cached in the library, a retraction
 * stored and shown, the user's edits merged into every export. */
#include "config.h"

#include <string.h>

#include "reading-fixture.h"
#include "reading/rn-crossref.h"
#include "reading/rn-export-selection.h"
#include "reading/rn-reading-list.h"
#include "rn-test-server.h"
#include "rn-test-util.h"

static const char rss[] =
  "<?xml version=\"1.0\"?>"
  "<rss version=\"2.0\" xmlns:prism=\"http://prismstandard.org/namespaces/basic/2.0/\""
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
  "<channel><title>Radiology feed</title><link>https://journal.example.org/</link>"
  "<item><title>Whole-body MRI (feed title)</title><link>https://journal.example.org/r1</link><guid>r1</guid>"
  "<pubDate>Tue, 03 Jun 2019 08:00:00 GMT</pubDate><prism:doi>10.5555/ejer.2019.0412</prism:doi></item>"
  "<item><title>Appendicitis in children</title><link>https://journal.example.org/r2</link><guid>r2</guid>"
  "<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate>"
  "<description>See doi:10.5555/PED.2025.77 and PMID: 31234567 for the protocol.</description></item>"
  "<item><title>Mammography screening intervals</title><link>https://journal.example.org/r3</link><guid>r3</guid>"
  "<pubDate>Sun, 01 Jun 2025 08:00:00 GMT</pubDate><dc:creator>Ann Lee</dc:creator>"
  "<description>Screening every two years.</description>"
  "<prism:publicationName>Breast Imaging Letters</prism:publicationName><prism:volume>12</prism:volume>"
  "<prism:number>1</prism:number><prism:startingPage>e5</prism:startingPage></item>"
  "</channel></rss>";

typedef struct
{
  RnTestServer  *server;
  guint          works_requests;
  char          *dir;
  RnContext     *context;
  RnStore       *store;
  RnReadingList *list;
  gint64         r1, r2, r3;
} Fixture;

static void
handle_works (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fixture *f = user_data;

  f->works_requests++;
  if (g_str_equal (path, "/works/10.5555/ejer.2019.0412"))
    {
      g_autoptr(GBytes) body = rn_test_load_data ("reading", "crossref-retracted.json", NULL);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "Resource not found.", 19);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *base = NULL;

  f->server = rn_test_server_new ();
  rn_test_server_add_handler (f->server, "/works", handle_works, f);
  base = rn_test_server_url (f->server, "");
  /* The resolver takes Crossref's address from the environment. */
  g_setenv ("RADNET_CROSSREF_URL", base, TRUE);
  f->context = rn_test_context_new (&f->dir);
  f->store = rn_context_get_store (f->context);
  fixture_add_feed (f->store, "https://journal.example.org/rss", rss);
  f->r1 = fixture_item_id (f->store, "r1");
  f->r2 = fixture_item_id (f->store, "r2");
  f->r3 = fixture_item_id (f->store, "r3");
  f->list = rn_reading_list_new (f->store, rn_context_get_http (f->context), "reader@example.org");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->list);
  g_clear_object (&f->context);
  g_clear_pointer (&f->server, rn_test_server_free);
  g_unsetenv ("RADNET_CROSSREF_URL");
  rn_test_rmdir (f->dir);
  g_free (f->dir);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Wait;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *w = user_data;

  rn_reading_list_save_finish (RN_READING_LIST (source), result, &w->error);
  w->done = TRUE;
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *w = user_data;

  rn_reading_list_resolve_finish (RN_READING_LIST (source), result, &w->error);
  w->done = TRUE;
}

static void
on_flushed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  rn_reading_list_flush_finish (RN_READING_LIST (source), result, &w->error);
  w->done = TRUE;
}

static void
save_and_wait (Fixture *f,
               gint64   item_id)
{
  RnSaveOptions options = { .no_snapshot = TRUE, .note = "Discuss at journal club" };
  Wait w = { 0 }, flushed = { 0 };

  rn_reading_list_save_async (f->list, item_id, &options, NULL, on_saved, &w);
  g_assert_true (rn_test_wait_for (&w.done, 10000));
  g_assert_no_error (w.error);
  rn_reading_list_flush_async (f->list, on_flushed, &flushed);
  g_assert_true (rn_test_wait_for (&flushed.done, 10000));
  g_assert_no_error (flushed.error);
}

static char *
query_text (RnStore    *store,
            const char *sql,
            gint64      item_id)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (store, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = rn_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return text;
}

static void
test_identifiers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doi1 = NULL, *doi2 = NULL, *pmid2 = NULL, *doi3 = NULL;
  RnSaveOptions no_snapshot = { .no_snapshot = TRUE };

  const gint64 ids[] = { f->r1, f->r2, f->r3 };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      rn_reading_list_save (f->list, ids[i], &no_snapshot, &error);
      g_assert_no_error (error);
    }
  doi1 = query_text (f->store, "SELECT doi FROM refs WHERE item_id = ?", f->r1);
  doi2 = query_text (f->store, "SELECT doi FROM refs WHERE item_id = ?", f->r2);
  pmid2 = query_text (f->store, "SELECT pmid FROM refs WHERE item_id = ?", f->r2);
  doi3 = query_text (f->store, "SELECT doi FROM refs WHERE item_id = ?", f->r3);
  g_assert_cmpstr (doi1, ==, "10.5555/ejer.2019.0412");     /* prism:doi */
  g_assert_cmpstr (doi2, ==, "10.5555/ped.2025.77");        /* from the text */
  g_assert_cmpstr (pmid2, ==, "31234567");
  g_assert_null (doi3);
  g_assert_cmpint (fixture_count (f->store, "SELECT count(*) FROM snapshots"), ==, 0);
}

static void
test_reference_from_fields (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = NULL;
  RnRefName author;
  int year = 0, month = 0, day = 0;

  rn_reading_list_save (f->list, f->r3, NULL, &error);
  g_assert_no_error (error);
  ref = rn_reading_list_get_reference (f->list, f->r3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rn_reference_get_csl_type (ref), ==, "article-journal");
  g_assert_cmpstr (rn_reference_get_title (ref), ==, "Mammography screening intervals");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_CONTAINER_TITLE), ==, "Breast Imaging Letters");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_VOLUME), ==, "12");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_ISSUE), ==, "1");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_PAGE), ==, "e5");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_URL), ==, "https://journal.example.org/r3");
  g_assert_cmpuint (rn_reference_get_n_authors (ref), ==, 1);
  author = rn_reference_get_author (ref, 0);
  g_assert_cmpstr (author.family, ==, "Lee");
  g_assert_true (rn_reference_get_issued (ref, &year, &month, &day));
  g_assert_cmpint (year, ==, 2025);
  g_assert_cmpint (month, ==, 6);
  g_assert_cmpint (day, ==, 1);
}

static void
test_crossref_retraction (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RnSavedItem) e = NULL;
  g_autoptr(RnReference) ref = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cached = NULL;
  Wait again = { 0 };

  save_and_wait (f, f->r1);
  g_assert_cmpuint (f->works_requests, ==, 1);

  e = rn_reading_list_get (f->list, f->r1);
  g_assert_nonnull (e);
  g_assert_true (rn_saved_item_has_notice (e));
  g_assert_cmpstr (rn_saved_item_get_notice (e), ==, "retraction");
  g_assert_cmpstr (rn_saved_item_get_notice_url (e), ==, "https://doi.org/10.5555/ejer.2021.0031");

  /* The record is Crossref's, not the feed's. */
  ref = rn_reading_list_get_reference (f->list, f->r1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rn_reference_get_title (ref), ==, "Whole-Body MRI Predicts Survival in Every Cancer");
  g_assert_cmpint (rn_reference_get_notice (ref, NULL, NULL, NULL), ==, RN_NOTICE_RETRACTION);

  /* The answer is in the library's cache: asking again costs nothing. */
  cached = query_text (f->store, "SELECT body FROM lookup_cache WHERE key = 'crossref:work:10.5555/ejer.2019.0412' AND ?1 = ?1", 0);
  g_assert_nonnull (cached);
  g_assert_nonnull (strstr (cached, "Whole-Body MRI"));
  g_clear_object (&f->list);
  f->list = rn_reading_list_new (f->store, rn_context_get_http (f->context), NULL);
  rn_reading_list_resolve_async (f->list, f->r1, TRUE, NULL, on_resolved, &again);
  g_assert_true (rn_test_wait_for (&again.done, 10000));
  g_assert_no_error (again.error);
  g_assert_cmpuint (f->works_requests, ==, 1);

  /* A DOI Crossref does not know: the save still works, the record is
   * built from the item, and nothing claims a notice. */
  save_and_wait (f, f->r2);
  g_assert_cmpuint (f->works_requests, ==, 2);
  g_clear_object (&e);
  e = rn_reading_list_get (f->list, f->r2);
  g_assert_false (rn_saved_item_has_notice (e));
  g_clear_object (&ref);
  ref = rn_reading_list_get_reference (f->list, f->r2, &error);
  g_assert_cmpstr (rn_reference_get_title (ref), ==, "Appendicitis in children");
  g_assert_cmpstr (rn_reference_get_doi (ref), ==, "10.5555/ped.2025.77");
}

static JsonNode *
json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_override_in_exports (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) edits = json ("{\"title\": \"Edited: screening every second year\","
                                    " \"volume\": \"13\", \"page\": null}");
  g_autoptr(JsonNode) not_object = json ("[1, 2]");
  g_autoptr(RnReference) ref = NULL;
  const RnExportFormat formats[] = { RN_EXPORT_FORMAT_BIBTEX, RN_EXPORT_FORMAT_RIS, RN_EXPORT_FORMAT_CSL_JSON,
                                     RN_EXPORT_FORMAT_MARKDOWN, RN_EXPORT_FORMAT_HTML };
  RnSaveOptions options = { .note = "Cite in the audit", .no_snapshot = TRUE };

  rn_reading_list_save (f->list, f->r3, &options, &error);
  g_assert_no_error (error);
  g_assert_true (rn_reading_list_set_reference_override (f->list, f->r3, edits, &error));
  g_assert_no_error (error);
  g_assert_false (rn_reading_list_set_reference_override (f->list, f->r3, not_object, &error));
  g_assert_error (error, RN_REFERENCE_ERROR, RN_REFERENCE_ERROR_INVALID);
  g_clear_error (&error);

  ref = rn_reading_list_get_reference (f->list, f->r3, &error);
  g_assert_cmpstr (rn_reference_get_title (ref), ==, "Edited: screening every second year");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_VOLUME), ==, "13");
  g_assert_null (rn_reference_get (ref, RN_REF_PAGE));
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_CONTAINER_TITLE), ==, "Breast Imaging Letters");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *text = rn_export_selection_run (f->list, formats[i], "Club", &error);

      g_assert_no_error (error);
      g_assert_nonnull (text);
      g_assert_nonnull (strstr (text, "Edited: screening every second year"));
      g_assert_null (strstr (text, "Mammography screening intervals"));
      if (formats[i] == RN_EXPORT_FORMAT_MARKDOWN || formats[i] == RN_EXPORT_FORMAT_HTML)
        g_assert_nonnull (strstr (text, "Cite in the audit"));
    }

  /* Forgetting the edits gives the original back. */
  g_assert_true (rn_reading_list_set_reference_override (f->list, f->r3, NULL, &error));
  g_clear_object (&ref);
  ref = rn_reading_list_get_reference (f->list, f->r3, &error);
  g_assert_cmpstr (rn_reference_get_title (ref), ==, "Mammography screening intervals");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_PAGE), ==, "e5");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/radnet/core/reading/saved-references/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("identifiers", test_identifiers);
  ADD ("from-item-fields", test_reference_from_fields);
  ADD ("crossref-retraction", test_crossref_retraction);
  ADD ("override-in-exports", test_override_in_exports);
#undef ADD

  return g_test_run ();
}
