/* The query language: parsing, canonical form, errors and their positions,
 * and the safety of the compiled SQL/FTS5 against hostile input. */
#include "config.h"

#include <string.h>

#include "rn-test-util.h"
#include "search/rn-query.h"
#include "search/rn-query-private.h"

typedef struct
{
  const char *input;
  const char *canonical;   /* NULL: must fail */
  int         code;
  guint       start;       /* error span, characters */
  guint       end;
} ParseCase;

#define OK(in, out)             { in, out, -1, 0, 0 }
#define ERR(in, code, s, e)     { in, NULL, RN_QUERY_ERROR_ ## code, s, e }

static const ParseCase cases[] = {
  /* words, phrases, prefixes */
  OK ("embolism", "embolism"),
  OK ("  embolism  ", "embolism"),
  OK ("pulmonary embolism", "pulmonary AND embolism"),
  OK ("\"pulmonary embolism\"", "\"pulmonary embolism\""),
  OK ("\"pulmonary embolism\" OR CTPA since:30d", "\"pulmonary embolism\" OR (CTPA AND since:30d)"),
  OK ("radiol*", "radiol*"),
  OK ("radiol**", "radiol*"),
  OK ("\"deep learn\"*", "\"deep learn\"*"),
  OK ("Zürich", "Zürich"),
  OK ("α-synuclein CO₂", "α-synuclein AND CO₂"),
  OK ("and or not", "and AND or AND not"),
  OK ("R & D", "R AND D"),
  OK ("a — b", "a AND b"),
  OK ("10:30", "10:30"),
  OK ("\"AND\"", "\"AND\""),
  /* boolean structure and precedence */
  OK ("a AND b", "a AND b"),
  OK ("a OR b", "a OR b"),
  OK ("a b OR c", "(a AND b) OR c"),
  OK ("a OR b c", "a OR (b AND c)"),
  OK ("a (b OR c)", "a AND (b OR c)"),
  OK ("NOT a", "NOT a"),
  OK ("-a", "NOT a"),
  OK ("a -b", "a AND NOT b"),
  OK ("a NOT b OR c", "(a AND NOT b) OR c"),
  OK ("NOT a b", "NOT a AND b"),
  OK ("NOT (a OR b)", "NOT (a OR b)"),
  OK ("-(a b)", "NOT (a AND b)"),
  OK ("-\"x y\"", "NOT \"x y\""),
  OK ("--a", "NOT NOT a"),
  OK ("a (b (c d))", "a AND b AND c AND d"),
  OK ("(a OR b) OR (c OR d)", "a OR b OR c OR d"),
  OK ("((a))", "a"),
  OK ("a-b", "a-b"),
  /* fields */
  OK ("title:cancer", "title:cancer"),
  OK ("Title:cancer", "title:cancer"),
  OK ("author:radiopaedia type:case", "author:radiopaedia AND type:case"),
  OK ("author:\"van der Berg\"", "author:\"van der Berg\""),
  OK ("title:neuro*", "title:neuro*"),
  OK ("source:\"Radiology\" has:doi is:unread", "source:Radiology AND has:doi AND is:unread"),
  OK ("source:\"Pediatric Radiology\"", "source:\"Pediatric Radiology\""),
  OK ("feed:Radiology", "source:Radiology"),
  OK ("folder:Journals", "folder:Journals"),
  OK ("#RSNA2026", "tag:RSNA2026"),
  OK ("tag:#rsna", "tag:rsna"),
  OK ("-#spam", "NOT tag:spam"),
  OK ("##rsna tag:###x", "tag:rsna AND tag:x"),
  OK ("has:image OR has:enclosure", "has:image OR has:enclosure"),
  OK ("is:starred is:saved is:read", "is:starred AND is:saved AND is:read"),
  OK ("is:boost OR is:reply", "is:boost OR is:reply"),
  OK ("type:POST", "type:post"),
  OK ("type:podcast type:article", "type:podcast AND type:article"),
  OK ("lang:EN-gb", "lang:en-gb"),
  OK ("since:7d", "since:7d"),
  OK ("since:12h before:2w", "since:12h AND before:2w"),
  OK ("since:3m since:1y", "since:3m AND since:1y"),
  OK ("since:2026-01-01", "since:2026-01-01"),
  OK ("before:2024-02-29", "before:2024-02-29"),
  OK ("boosts:>=10", "boosts:>=10"),
  OK ("boosts:10", "boosts:>=10"),
  OK ("reblogs:>3 replies:<=2", "boosts:>3 AND replies:<=2"),
  OK ("favs:<5 likes:=0 favourites:>1", "favs:<5 AND favs:=0 AND favs:>1"),
  /* hostile text is just text */
  OK ("'; DROP TABLE items; --", "DROP AND TABLE AND items;"),
  OK ("/* comment */ x", "comment AND x"),
  OK ("NEAR(a b)", "NEAR AND a AND b"),
  OK ("\"NEAR(a b, 2)\"", "\"NEAR(a b, 2)\""),
  OK ("^start", "^start"),
  OK ("\"title : x\"", "\"title : x\""),
  OK ("\"{title author}: x\"", "\"{title author}: x\""),
  OK ("a*b", "a*b"),
  OK ("\"it's\" ok'", "\"it's\" AND ok'"),

  /* errors, with character spans */
  ERR ("", EMPTY, 0, 0),
  ERR ("   ", EMPTY, 0, 3),
  ERR ("& — *", EMPTY, 0, 5),
  ERR ("()", EMPTY, 0, 2),
  ERR ("a ( )", EMPTY, 2, 5),
  ERR ("(a", UNBALANCED, 0, 1),
  ERR ("a)", UNBALANCED, 1, 2),
  ERR (")", UNBALANCED, 0, 1),
  ERR ("(a OR (b)", UNBALANCED, 0, 1),
  ERR ("\"open", UNBALANCED, 0, 5),
  ERR ("a \"b c", UNBALANCED, 2, 6),
  ERR ("Zürich \"x", UNBALANCED, 7, 9),
  ERR ("a AND", DANGLING_OPERATOR, 2, 5),
  ERR ("OR a", DANGLING_OPERATOR, 0, 2),
  ERR ("a OR", DANGLING_OPERATOR, 2, 4),
  ERR ("a OR OR b", DANGLING_OPERATOR, 2, 4),
  ERR ("a AND OR b", DANGLING_OPERATOR, 2, 5),
  ERR ("NOT", DANGLING_OPERATOR, 0, 3),
  ERR ("a NOT", DANGLING_OPERATOR, 2, 5),
  ERR ("(a NOT)", DANGLING_OPERATOR, 3, 6),
  ERR ("foo:bar", UNKNOWN_FIELD, 0, 4),
  ERR ("x https://example.org", UNKNOWN_FIELD, 2, 8),
  ERR ("title:", MISSING_VALUE, 0, 6),
  ERR ("title: x", MISSING_VALUE, 0, 6),
  ERR ("source:\"\"", MISSING_VALUE, 0, 9),
  ERR ("title:(a b)", MISSING_VALUE, 0, 6),
  ERR ("title:&", BAD_VALUE, 6, 7),
  ERR ("\"&&\"", BAD_VALUE, 0, 4),
  ERR ("\"\"", BAD_VALUE, 0, 2),
  ERR ("has:pdf", BAD_VALUE, 4, 7),
  ERR ("is:urgent", BAD_VALUE, 3, 9),
  ERR ("type:video", BAD_VALUE, 5, 10),
  ERR ("lang:e!", BAD_VALUE, 5, 7),
  ERR ("since:yesterday", BAD_DATE, 6, 15),
  ERR ("since:7x", BAD_DATE, 6, 8),
  ERR ("since:2026-02-30", BAD_DATE, 6, 16),
  ERR ("before:2026-1-1", BAD_DATE, 7, 15),
  ERR ("since:999y", BAD_DATE, 6, 10),
  ERR ("since:d", BAD_DATE, 6, 7),
  ERR ("boosts:many", BAD_THRESHOLD, 7, 11),
  ERR ("boosts:>=", BAD_THRESHOLD, 7, 9),
  ERR ("replies:=>3", BAD_THRESHOLD, 8, 11),
  ERR ("favs:-1", BAD_THRESHOLD, 5, 7),
  ERR ("favs:9999999999999", BAD_THRESHOLD, 5, 18),
};

static void
test_parse_case (gconstpointer data)
{
  const ParseCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuery) query = rn_query_parse (c->input, &error);

  if (c->canonical != NULL)
    {
      g_autofree char *out = NULL;
      g_autofree char *again_out = NULL;
      g_autoptr(RnQuery) again = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (query);
      out = rn_query_to_string (query);
      g_assert_cmpstr (out, ==, c->canonical);
      /* The canonical form is a fixed point. */
      again = rn_query_parse (out, &error);
      g_assert_no_error (error);
      again_out = rn_query_to_string (again);
      g_assert_cmpstr (again_out, ==, out);
      g_assert_true (rn_query_check (c->input, NULL, NULL, NULL));
    }
  else
    {
      guint start = 99, end = 99;
      guint cstart = 98, cend = 98;
      g_autofree char *message = NULL;

      g_assert_null (query);
      g_assert_error (error, RN_QUERY_ERROR, c->code);
      g_assert_true (rn_query_error_get_position (error, &start, &end));
      g_assert_cmpuint (start, ==, c->start);
      g_assert_cmpuint (end, ==, c->end);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_false (rn_query_check (c->input, &cstart, &cend, &message));
      g_assert_cmpuint (cstart, ==, start);
      g_assert_cmpuint (cend, ==, end);
      g_assert_cmpstr (message, ==, error->message);
    }
}

static void
test_limits_length (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuery) query = NULL;
  guint start, end;

  while (text->len < RN_QUERY_MAX_CHARS - 2)
    g_string_append (text, "a ");
  query = rn_query_parse (text->str, &error);
  g_assert_no_error (error);
  g_clear_pointer (&query, rn_query_free);

  /* Over the limit in characters (ü is 2 bytes, 1 character). */
  g_string_truncate (text, 0);
  for (int i = 0; i < RN_QUERY_MAX_CHARS + 5; i++)
    g_string_append (text, "ü");
  query = rn_query_parse (text->str, &error);
  g_assert_null (query);
  g_assert_error (error, RN_QUERY_ERROR, RN_QUERY_ERROR_TOO_LONG);
  g_assert_true (rn_query_error_get_position (error, &start, &end));
  g_assert_cmpuint (start, ==, RN_QUERY_MAX_CHARS);
  g_assert_cmpuint (end, ==, RN_QUERY_MAX_CHARS + 5);
}

static void
test_limits_depth (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuery) query = NULL;
  guint start, end;

  for (int i = 0; i < RN_QUERY_MAX_DEPTH; i++)
    g_string_append_c (text, '(');
  g_string_append (text, "x");
  for (int i = 0; i < RN_QUERY_MAX_DEPTH; i++)
    g_string_append_c (text, ')');
  query = rn_query_parse (text->str, &error);
  g_assert_no_error (error);
  g_clear_pointer (&query, rn_query_free);

  g_string_prepend_c (text, '(');
  g_string_append_c (text, ')');
  query = rn_query_parse (text->str, &error);
  g_assert_error (error, RN_QUERY_ERROR, RN_QUERY_ERROR_TOO_DEEP);
  g_assert_true (rn_query_error_get_position (error, &start, &end));
  g_assert_cmpuint (start, ==, RN_QUERY_MAX_DEPTH);
  g_clear_error (&error);

  /* Negations count as depth too, and 400 of them must not recurse 400
   * times. */
  g_string_truncate (text, 0);
  for (int i = 0; i < 400; i++)
    g_string_append (text, "NOT ");
  g_string_append (text, "x");
  query = rn_query_parse (text->str, &error);
  g_assert_error (error, RN_QUERY_ERROR, RN_QUERY_ERROR_TOO_DEEP);
  g_clear_error (&error);

  g_string_truncate (text, 0);
  for (int i = 0; i < 1500; i++)
    g_string_append_c (text, '(');
  query = rn_query_parse (text->str, &error);
  g_assert_error (error, RN_QUERY_ERROR, RN_QUERY_ERROR_TOO_DEEP);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuery) query = rn_query_parse ("ab\xff\xfe", &error);
  guint start, end;

  g_assert_null (query);
  g_assert_error (error, RN_QUERY_ERROR, RN_QUERY_ERROR_INVALID_TEXT);
  g_assert_true (rn_query_error_get_position (error, &start, &end));
  g_assert_cmpuint (start, ==, 2);
}

static void
test_foreign_error (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  guint start = 5, end = 5;

  g_assert_false (rn_query_error_get_position (error, &start, &end));
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 0);
}

/* Compiled SQL never contains user text, and every FTS5 expression quotes
 * each word. */
static void
test_compile_bound (void)
{
  static const char *const hostile[] = {
    "'; DROP TABLE items; --",
    "\"NEAR(x y)\" title:\"a\"\"b\" ^x {title}:y",
    "source:\"x' OR 1=1 --\" folder:\"%_\\\\\" #'quote",
    "author:\"o'brien\" lang:en-x",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RnQuery) query = rn_query_parse (hostile[i], &error);
      g_autoptr(RnQuerySql) sql = NULL;
      const char *where;
      guint marks = 0;

      g_assert_no_error (error);
      sql = rn_query_compile (query, NULL, 1700000000, &error);
      g_assert_no_error (error);
      where = rn_query_sql_get_where (sql);
      g_assert_null (strstr (where, "DROP"));
      g_assert_null (strstr (where, "1=1"));
      g_assert_null (strstr (where, "brien"));
      g_assert_null (strstr (where, "NEAR"));
      for (const char *s = where; *s != '\0'; s++)
        if (*s == '?')
          marks++;
      g_assert_cmpuint (marks, ==, rn_query_sql_get_n_params (sql));
    }
}

/* A prefix anywhere in the full-text part marks the driver, so that the
 * evaluator does not read its matches first (FTS5 merges every matching
 * term's doclist before the first row). */
static void
test_compile_driver_prefix (void)
{
  const struct { const char *text; gboolean driver; gboolean prefix; } cases[] = {
    { "neur*", TRUE, TRUE },
    { "neuro imaging", TRUE, FALSE },
    { "\"deep learning\" radiol*", TRUE, TRUE },
    { "embolism -pulmon*", TRUE, TRUE },
    { "is:starred", FALSE, FALSE },
    { "title:cancer type:article", TRUE, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RnQuery) query = rn_query_parse (cases[i].text, &error);
      g_autoptr(RnQuerySql) sql = NULL;

      g_assert_no_error (error);
      sql = rn_query_compile (query, NULL, 1700000000, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sql->driver != NULL, ==, cases[i].driver);
      g_assert_cmpint (sql->driver_prefix, ==, cases[i].prefix);
    }
}

static void
test_compile_filters_only (void)
{
  const char *authors[] = { "Dr. Ávila", NULL };
  const char *exclude[] = { "sponsored", "  ", NULL };
  RnColumnFilters filters = { exclude, authors, TRUE, TRUE, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuerySql) all = rn_query_compile (NULL, NULL, 0, &error);
  g_autoptr(RnQuerySql) sql = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (rn_query_sql_get_where (all), ==, "1");
  g_assert_cmpuint (rn_query_sql_get_n_params (all), ==, 0);
  g_assert_false (rn_query_sql_uses_fts (all));

  sql = rn_query_compile (NULL, &filters, 0, &error);
  g_assert_no_error (error);
  g_assert_true (rn_query_sql_uses_fts (sql));
  g_assert_nonnull (strstr (rn_query_sql_get_where (sql), "is_boost"));
  g_assert_nonnull (strstr (rn_query_sql_get_where (sql), "is_reply"));
  g_assert_nonnull (strstr (rn_query_sql_get_where (sql), "enclosures"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/radnet/core/search/parse/%s/%02" G_GSIZE_FORMAT,
                                               cases[i].canonical != NULL ? "ok" : "error", i);

      g_test_add_data_func (path, &cases[i], test_parse_case);
    }
  g_test_add_func ("/radnet/core/search/parse/limit-length", test_limits_length);
  g_test_add_func ("/radnet/core/search/parse/limit-depth", test_limits_depth);
  g_test_add_func ("/radnet/core/search/parse/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/radnet/core/search/parse/foreign-error", test_foreign_error);
  g_test_add_func ("/radnet/core/search/compile/bound", test_compile_bound);
  g_test_add_func ("/radnet/core/search/compile/filters-only", test_compile_filters_only);
  g_test_add_func ("/radnet/core/search/compile/driver-prefix", test_compile_driver_prefix);

  return g_test_run ();
}
