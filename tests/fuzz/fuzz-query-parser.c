/* libFuzzer target: parse, compile and run any text as a column query.
 *
 * Whatever the input, parsing must either fail with an RN_QUERY_ERROR that
 * has a position inside the text, or succeed; the canonical form must
 * parse again to the same form; and the compiled SQL must prepare and run
 * on a database with the real schema. An SQL or FTS5 syntax error here is
 * a compiler bug (user text reaching SQL or FTS5 unquoted), so it aborts. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "search/rn-query.h"
#include "search/rn-query-run.h"
#include "store/rn-sql.h"
#include "store/rn-sql-functions.h"
#include "store/rn-store-schema.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static sqlite3 *
open_db (void)
{
  static sqlite3 *db;
  g_autoptr(GError) error = NULL;

  if (db != NULL)
    return db;
  g_assert (sqlite3_open (":memory:", &db) == SQLITE_OK);
  g_assert (rn_sql_functions_register (db, &error));
  g_assert (rn_store_schema_migrate (db, &error));
  g_assert_no_error (error);
  /* A few rows so that statements actually evaluate their conditions. */
  g_assert (rn_sql_exec (db,
    "INSERT INTO folders (id, title) VALUES (1, 'Journals');"
    "INSERT INTO feeds (id, folder_id, url, title, added) VALUES (1, 1, 'u', 'Radiology', 0);"
    "INSERT INTO items (id, feed_id, guid, title, author, first_seen, sort_date, boosts, lang, summary) VALUES"
    " (1, 1, 'a', 'Zürich embolism', 'Müller', 0, 10, 3, 'en', 'near title body'),"
    " (2, 1, 'b', 'CTPA', 'Smith', 0, 10, NULL, NULL, 'x');"
    "INSERT INTO item_tags VALUES (1, 'rsna');"
    /* Words for prefixes to be spelled out with. */
    "INSERT INTO fts_terms VALUES ('embolism'), ('emboli'), ('zurich'), ('muller'), ('ctpa');", &error));
  return db;
}

static void
run_all (RnQuerySql *sql,
         sqlite3    *db)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 count = 0;

  for (RnQuerySort sort = RN_QUERY_SORT_NEWEST; sort <= RN_QUERY_SORT_RELEVANCE; sort++)
    {
      g_autoptr(GError) error = NULL;

      g_array_set_size (keys, 0);
      if (!rn_query_fetch_page (sql, db, sort, NULL, 1, keys, NULL, &error))
        g_error ("page failed: %s\n%s", error->message, rn_query_sql_get_where (sql));
      if (keys->len > 0 &&
          !rn_query_fetch_page (sql, db, sort, &g_array_index (keys, RnQueryKey, 0), 5, keys, NULL, &error))
        g_error ("next page failed: %s", error->message);
    }
  {
    g_autoptr(GError) error = NULL;

    if (!rn_query_match_ids (sql, db, 1, 2, ids, NULL, &error))
      g_error ("match ids failed: %s", error->message);
    if (!rn_query_count (sql, db, 10, &count, NULL, &error))
      g_error ("count failed: %s", error->message);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *const words[] = { "embolism", "x", NULL };
  RnColumnFilters filters = { words, words, TRUE, TRUE, TRUE };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuery) query = NULL;
  sqlite3 *db = open_db ();

  if (size > 3 * RN_QUERY_MAX_CHARS)
    return 0;
  text = g_strndup ((const char *) data, size);

  query = rn_query_parse (text, &error);
  if (query == NULL)
    {
      guint start, end;
      glong chars = g_utf8_validate (text, -1, NULL) ? g_utf8_strlen (text, -1) : (glong) strlen (text);

      g_assert (error != NULL);
      g_assert (rn_query_error_get_position (error, &start, &end));
      g_assert (start <= end);
      g_assert ((glong) end <= chars + 1);
      g_assert (!rn_query_check (text, NULL, NULL, NULL));
      return 0;
    }

  {
    g_autofree char *canonical = rn_query_to_string (query);
    g_autoptr(RnQuery) again = rn_query_parse (canonical, &error);
    g_autofree char *again_text = NULL;

    /* Written out in full (" AND ", parentheses) the canonical form can
     * pass the length limit; it must then fail for that reason only. */
    if (again == NULL && g_utf8_strlen (canonical, -1) > RN_QUERY_MAX_CHARS &&
        g_error_matches (error, RN_QUERY_ERROR, RN_QUERY_ERROR_TOO_LONG))
      {
        g_clear_error (&error);
        goto compile;
      }
    if (again == NULL)
      g_error ("canonical form does not parse: «%s» → «%s»: %s", text, canonical, error->message);
    again_text = rn_query_to_string (again);
    if (strcmp (again_text, canonical) != 0)
      g_error ("canonical form is not stable: «%s» → «%s»", canonical, again_text);
  }

compile:
  for (int with_filters = 0; with_filters < 2; with_filters++)
    {
      /* With the filters, prefixes are also spelled as the words. */
      g_autoptr(RnQuerySql) sql = rn_query_compile_for (query, with_filters ? &filters : NULL,
                                                        1767225600, with_filters ? db : NULL, &error);

      if (sql == NULL)
        {
          /* Only dates out of range fail here. */
          g_assert (g_error_matches (error, RN_QUERY_ERROR, RN_QUERY_ERROR_BAD_DATE));
          g_clear_error (&error);
          continue;
        }
      run_all (sql, db);
    }
  return 0;
}
