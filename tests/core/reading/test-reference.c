#include "config.h"

#include <string.h>

#include "reading/rn-markup-text.h"
#include "reading/rn-reference.h"

static RnReference *
sample (void)
{
  RnReference *ref = rn_reference_new ("article-journal");

  rn_reference_set (ref, RN_REF_TITLE, "  Deep Learning for Pulmonary Embolism on CT  ");
  rn_reference_set (ref, RN_REF_CONTAINER_TITLE, "Radiology");
  rn_reference_set (ref, RN_REF_CONTAINER_TITLE_SHORT, "Radiology");
  rn_reference_set (ref, RN_REF_VOLUME, "301");
  rn_reference_set (ref, RN_REF_ISSUE, "2");
  rn_reference_set (ref, RN_REF_PAGE, "345-352");
  rn_reference_set (ref, RN_REF_DOI, "https://doi.org/10.1148/RADIOL.2021204104");
  rn_reference_set (ref, RN_REF_PMID, "33724062");
  rn_reference_set (ref, RN_REF_PMCID, "PMC8011234");
  rn_reference_set (ref, RN_REF_URL, "https://pubs.rsna.org/doi/10.1148/radiol.2021204104");
  rn_reference_set (ref, RN_REF_ABSTRACT, "Background: PE is common.\n\nResults: AUC 0.95.");
  rn_reference_set (ref, RN_REF_ISSN, "0033-8419");
  rn_reference_set (ref, RN_REF_PUBLISHER, "Radiological Society of North America (RSNA)");
  rn_reference_set (ref, RN_REF_LANGUAGE, "en");
  rn_reference_add_author (ref, "Müller", "Anna");
  rn_reference_add_author (ref, "O'Brien", "Seán");
  rn_reference_add_author_literal (ref, "RSNA COVID-19 Task Force");
  rn_reference_set_issued (ref, 2021, 11, 30);
  rn_reference_set_notice (ref, RN_NOTICE_CORRECTION, "doi:10.1148/radiol.2022229001",
                           "https://doi.org/10.1148/radiol.2022229001", "2022-01-04");
  return ref;
}

static void
assert_same (RnReference *a,
             RnReference *b)
{
  int ya, ma, da, yb, mb, db;
  const char *d1, *u1, *t1, *d2, *u2, *t2;

  for (guint i = 0; i < RN_REF_N_FIELDS; i++)
    g_assert_cmpstr (rn_reference_get (a, i), ==, rn_reference_get (b, i));
  g_assert_cmpuint (rn_reference_get_n_authors (a), ==, rn_reference_get_n_authors (b));
  for (guint i = 0; i < rn_reference_get_n_authors (a); i++)
    {
      RnRefName na = rn_reference_get_author (a, i), nb = rn_reference_get_author (b, i);

      g_assert_cmpstr (na.family, ==, nb.family);
      g_assert_cmpstr (na.given, ==, nb.given);
      g_assert_cmpstr (na.literal, ==, nb.literal);
    }
  g_assert_cmpint (rn_reference_get_issued (a, &ya, &ma, &da), ==, rn_reference_get_issued (b, &yb, &mb, &db));
  g_assert_cmpint (ya, ==, yb);
  g_assert_cmpint (ma, ==, mb);
  g_assert_cmpint (da, ==, db);
  g_assert_cmpint (rn_reference_get_notice (a, &d1, &u1, &t1), ==, rn_reference_get_notice (b, &d2, &u2, &t2));
  g_assert_cmpstr (d1, ==, d2);
  g_assert_cmpstr (u1, ==, u2);
  g_assert_cmpstr (t1, ==, t2);
}

static void
test_fields (void)
{
  g_autoptr(RnReference) ref = sample ();

  g_assert_cmpstr (rn_reference_get_title (ref), ==, "Deep Learning for Pulmonary Embolism on CT");
  g_assert_cmpstr (rn_reference_get_doi (ref), ==, "10.1148/radiol.2021204104");
  g_assert_cmpstr (rn_reference_get_csl_type (ref), ==, "article-journal");
  g_assert_cmpstr (rn_reference_field_to_csl (RN_REF_CONTAINER_TITLE_SHORT), ==, "container-title-short");

  rn_reference_set (ref, RN_REF_VOLUME, "");
  g_assert_null (rn_reference_get (ref, RN_REF_VOLUME));
  /* Not UTF-8: repaired, never stored broken. */
  rn_reference_set (ref, RN_REF_TITLE, "Caf\xe9 study");
  g_assert_true (g_utf8_validate (rn_reference_get_title (ref), -1, NULL));
}

static void
test_csl_roundtrip (void)
{
  g_autoptr(RnReference) ref = sample ();
  g_autofree char *json = rn_reference_to_csl_json_string (ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) back = rn_reference_new_from_csl_json_string (json, &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"container-title\":\"Radiology\""));
  g_assert_nonnull (strstr (json, "\"date-parts\":[[2021,11,30]]"));
  g_assert_nonnull (strstr (json, "\"literal\":\"RSNA COVID-19 Task Force\""));
  g_assert_nonnull (strstr (json, "\"radnet-notice\""));
  assert_same (ref, back);
  again = rn_reference_to_csl_json_string (back);
  g_assert_cmpstr (json, ==, again);
}

static void
test_csl_foreign (void)
{
  /* What other tools write: numbers, raw dates, unknown variables. */
  const char *json =
    "{\"id\":\"x\",\"type\":\"chapter\",\"title\":\"Imaging of the knee\","
    "\"volume\":12,\"page\":\"1-20\",\"issued\":{\"raw\":\"2019-06\"},"
    "\"author\":[{\"family\":\"Doe\",\"given\":\"Jane\"},{\"literal\":\"ACR\"},{\"given\":\"nobody\"},7],"
    "\"unknown-thing\":[1,2,3]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = rn_reference_new_from_csl_json_string (json, &error);
  int year, month, day;

  g_assert_no_error (error);
  g_assert_cmpstr (rn_reference_get_csl_type (ref), ==, "chapter");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_VOLUME), ==, "12");
  g_assert_true (rn_reference_get_issued (ref, &year, &month, &day));
  g_assert_cmpint (year, ==, 2019);
  g_assert_cmpint (month, ==, 6);
  g_assert_cmpint (day, ==, 0);
  g_assert_cmpuint (rn_reference_get_n_authors (ref), ==, 2);
  g_assert_cmpstr (rn_reference_get_author (ref, 1).literal, ==, "ACR");
}

static void
test_csl_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) a = rn_reference_new_from_csl_json_string ("[1,2]", &error);

  g_assert_null (a);
  g_assert_error (error, RN_REFERENCE_ERROR, RN_REFERENCE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (rn_reference_new_from_csl_json_string ("{not json", &error));
  g_assert_nonnull (error);
}

static void
test_overrides (void)
{
  g_autoptr(RnReference) ref = sample ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) edited = NULL;
  int year;

  json_parser_load_from_data (parser,
                              "{\"title\":\"Corrected title\",\"page\":null,"
                              "\"author\":[{\"family\":\"Mueller\",\"given\":\"A.\"}],"
                              "\"issued\":{\"date-parts\":[[2022]]}}", -1, &error);
  g_assert_no_error (error);
  edited = rn_reference_apply_overrides (ref, json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rn_reference_get_title (edited), ==, "Corrected title");
  g_assert_null (rn_reference_get (edited, RN_REF_PAGE));
  g_assert_cmpstr (rn_reference_get (edited, RN_REF_CONTAINER_TITLE), ==, "Radiology");
  g_assert_cmpuint (rn_reference_get_n_authors (edited), ==, 1);
  g_assert_cmpstr (rn_reference_get_author (edited, 0).family, ==, "Mueller");
  rn_reference_get_issued (edited, &year, NULL, NULL);
  g_assert_cmpint (year, ==, 2022);
  /* The base is untouched: edits live apart. */
  g_assert_cmpstr (rn_reference_get_title (ref), ==, "Deep Learning for Pulmonary Embolism on CT");
  g_assert_cmpint (rn_reference_get_notice (edited, NULL, NULL, NULL), ==, RN_NOTICE_CORRECTION);
}

static void
test_item_fields (void)
{
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  g_autoptr(RnReference) ref = NULL;
  g_autoptr(RnReference) web = NULL;
  int y, m, d;

  g_ptr_array_add (authors, "Jane Q. Doe");
  g_ptr_array_add (authors, "Smith JA");
  g_ptr_array_add (authors, "van der Berg, Pieter");
  g_ptr_array_add (authors, "Ludwig van Beethoven");
  g_ptr_array_add (authors, "Radiopaedia");
  g_ptr_array_add (authors, "European Society of Radiology");
  g_ptr_array_add (authors, "   ");
  ref = rn_reference_new_from_item_fields ("Stroke imaging", "https://example.org/a", authors,
                                           1638230400 /* 2021-11-30 */, "AJNR", "42", "11",
                                           "1950", "10.3174/ajnr.A7300", NULL);
  g_assert_cmpstr (rn_reference_get_csl_type (ref), ==, "article-journal");
  g_assert_cmpstr (rn_reference_get_doi (ref), ==, "10.3174/ajnr.a7300");
  g_assert_cmpuint (rn_reference_get_n_authors (ref), ==, 6);
  g_assert_cmpstr (rn_reference_get_author (ref, 0).family, ==, "Doe");
  g_assert_cmpstr (rn_reference_get_author (ref, 0).given, ==, "Jane Q.");
  g_assert_cmpstr (rn_reference_get_author (ref, 1).family, ==, "Smith");
  g_assert_cmpstr (rn_reference_get_author (ref, 1).given, ==, "J. A.");
  g_assert_cmpstr (rn_reference_get_author (ref, 2).family, ==, "van der Berg");
  g_assert_cmpstr (rn_reference_get_author (ref, 2).given, ==, "Pieter");
  g_assert_cmpstr (rn_reference_get_author (ref, 3).family, ==, "van Beethoven");
  g_assert_cmpstr (rn_reference_get_author (ref, 4).literal, ==, "Radiopaedia");
  g_assert_cmpstr (rn_reference_get_author (ref, 5).literal, ==, "European Society of Radiology");
  g_assert_true (rn_reference_get_issued (ref, &y, &m, &d));
  g_assert_cmpint (y * 10000 + m * 100 + d, ==, 20211130);

  web = rn_reference_new_from_item_fields ("A blog post", "https://example.org/p", NULL,
                                           G_MININT64, NULL, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpstr (rn_reference_get_csl_type (web), ==, "webpage");
  g_assert_false (rn_reference_get_issued (web, NULL, NULL, NULL));
}

static void
test_issued_validation (void)
{
  g_autoptr(RnReference) ref = rn_reference_new (NULL);
  int y, m, d;

  rn_reference_set_issued (ref, 2020, 13, 5);
  rn_reference_get_issued (ref, &y, &m, &d);
  g_assert_cmpint (y, ==, 2020);
  g_assert_cmpint (m, ==, 0);
  g_assert_cmpint (d, ==, 0);
  rn_reference_set_issued (ref, -3, 1, 1);
  g_assert_false (rn_reference_get_issued (ref, NULL, NULL, NULL));
}

static void
test_updates_roundtrip (void)
{
  g_autoptr(RnReference) ref = rn_reference_new ("article-journal");
  g_autoptr(RnReference) back = NULL;
  g_autofree char *json = NULL;
  const char *target = NULL;

  rn_reference_set_updates (ref, RN_NOTICE_RETRACTION, "10.1000/ORIGINAL");
  json = rn_reference_to_csl_json_string (ref);
  back = rn_reference_new_from_csl_json_string (json, NULL);
  g_assert_cmpint (rn_reference_get_updates (back, &target), ==, RN_NOTICE_RETRACTION);
  g_assert_cmpstr (target, ==, "10.1000/original");
  g_assert_cmpstr (rn_notice_kind_to_string (RN_NOTICE_EXPRESSION_OF_CONCERN), ==, "expression-of-concern");
  g_assert_cmpint (rn_notice_kind_from_string ("retraction"), ==, RN_NOTICE_RETRACTION);
  g_assert_cmpint (rn_notice_kind_from_string ("nonsense"), ==, RN_NOTICE_NONE);
}

static void
test_limits (void)
{
  g_autoptr(RnReference) ref = rn_reference_new (NULL);
  g_autofree char *huge = g_strnfill (RN_REFERENCE_MAX_FIELD * 2, 'x');

  rn_reference_set (ref, RN_REF_ABSTRACT, huge);
  g_assert_cmpuint (strlen (rn_reference_get (ref, RN_REF_ABSTRACT)), ==, RN_REFERENCE_MAX_FIELD);
  for (guint i = 0; i < RN_REFERENCE_MAX_AUTHORS + 50; i++)
    rn_reference_add_author (ref, "Doe", "J");
  g_assert_cmpuint (rn_reference_get_n_authors (ref), ==, RN_REFERENCE_MAX_AUTHORS);
}

static void
test_markup_text (void)
{
  g_autofree char *a = rn_markup_to_text ("<p>A &amp; B&#x2014;C&#8211;D &unknown; &#0;</p><p>E<br>F</p>", -1, 0);
  g_autofree char *b = rn_markup_to_text ("x<script>alert('<p>')</script><STYLE>p{}</style>y<!-- c -->z", -1, 0);
  g_autofree char *c = rn_markup_to_text ("\xc3\xa9\xc3\xa9\xc3\xa9", -1, 3);
  g_autofree char *d = rn_markup_to_text ("<jats:sec><jats:title>Purpose</jats:title><jats:p>To  test\n it.</jats:p></jats:sec>", -1, 0);
  g_autofree char *e = rn_markup_to_text ("bad \xff byte <unclosed", -1, 0);

  g_assert_cmpstr (a, ==, "A & B\xe2\x80\x94" "C\xe2\x80\x93" "D &unknown; &#0;\n\nE\nF");
  g_assert_cmpstr (b, ==, "xyz");
  g_assert_cmpstr (c, ==, "\xc3\xa9");
  g_assert_cmpstr (d, ==, "Purpose\n\nTo test it.");
  g_assert_true (g_utf8_validate (e, -1, NULL));
  g_assert_true (g_str_has_prefix (e, "bad "));
  g_assert_true (rn_json_depth_ok ("[[{\"a\":\"[[[[\"}]]", 16, 3));
  g_assert_false (rn_json_depth_ok ("[[[[", 4, 3));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/core/reading/reference/fields", test_fields);
  g_test_add_func ("/radnet/core/reading/reference/csl-roundtrip", test_csl_roundtrip);
  g_test_add_func ("/radnet/core/reading/reference/csl-foreign", test_csl_foreign);
  g_test_add_func ("/radnet/core/reading/reference/csl-invalid", test_csl_invalid);
  g_test_add_func ("/radnet/core/reading/reference/overrides", test_overrides);
  g_test_add_func ("/radnet/core/reading/reference/item-fields", test_item_fields);
  g_test_add_func ("/radnet/core/reading/reference/issued-validation", test_issued_validation);
  g_test_add_func ("/radnet/core/reading/reference/updates-roundtrip", test_updates_roundtrip);
  g_test_add_func ("/radnet/core/reading/reference/limits", test_limits);
  g_test_add_func ("/radnet/core/reading/markup/text", test_markup_text);
  return g_test_run ();
}
