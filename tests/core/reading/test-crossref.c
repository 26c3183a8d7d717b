#include "config.h"

#include <string.h>

#include "reading/rn-crossref.h"
#include "rn-test-server.h"
#include "rn-test-util.h"

/* A stand-in for api.crossref.org that serves the fixtures by DOI. */
typedef struct
{
  RnTestServer *server;
  GArray       *arrivals;       /* gint64, monotonic µs */
  char         *user_agent;
  char         *query;
  guint         requests;
  GPtrArray    *paused;         /* SoupServerMessage * */
} Fixture;

static const struct
{
  const char *doi;
  const char *file;
} routes[] = {
  { "10.5555/radiol.2023.221045", "crossref-article.json" },
  { "10.5555/ejer.2019.0412", "crossref-retracted.json" },
  { "10.5555/ejer.2021.0031", "crossref-retraction-notice.json" },
  { "10.5555/ejer.2020.0099", "crossref-erratum.json" },
  { "10.5555/978-0-00-000000-2_7", "crossref-chapter.json" },
  { "10.1101/2023.06.12.23291234", "crossref-preprint.json" },
};

static void
handle_works (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fixture *f = user_data;
  const char *doi = path + strlen ("/works/");
  gint64 now = g_get_monotonic_time ();
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);

  f->requests++;
  g_array_append_val (f->arrivals, now);
  g_free (f->user_agent);
  f->user_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                          "User-Agent"));
  g_free (f->query);
  f->query = g_strdup (g_uri_get_query (uri));

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_str_equal (doi, routes[i].doi))
      {
        g_autoptr(GBytes) body = rn_test_load_data ("reading", routes[i].file, NULL);

        soup_message_headers_replace (response, "X-Rate-Limit-Limit", "50");
        soup_message_headers_replace (response, "X-Rate-Limit-Interval", "1s");
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                          g_bytes_get_data (body, NULL), g_bytes_get_size (body));
        return;
      }
  if (g_str_equal (doi, "10.5555/slow"))
    {
      /* Never answers: the client's deadline must fire. */
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
      return;
    }
  if (g_str_equal (doi, "10.5555/busy"))
    {
      soup_message_headers_replace (response, "Retry-After", "1");
      soup_server_message_set_status (msg, 429, NULL);
      return;
    }
  if (g_str_equal (doi, "10.5555/garbage"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<html>oops", 10);
      return;
    }
  if (g_str_equal (doi, "10.5555/error"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }
  {
    g_autoptr(GBytes) body = rn_test_load_data ("reading", "crossref-404.txt", NULL);

    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY,
                                      g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = rn_test_server_new ();
  f->arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  rn_test_server_add_handler (f->server, "/works", handle_works, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < f->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (f->paused, i);

      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_unref (f->paused);
  rn_test_server_free (f->server);
  g_array_unref (f->arrivals);
  g_free (f->user_agent);
  g_free (f->query);
}

static RnCrossref *
new_client (Fixture *f)
{
  RnCrossref *crossref = rn_crossref_new (NULL, "library@hospital.example");
  g_autofree char *base = rn_test_server_url (f->server, "");

  rn_crossref_set_base_url (crossref, base);
  rn_crossref_set_rate_limit (crossref, 50);
  return crossref;
}

typedef struct
{
  gboolean     done;
  RnReference *ref;
  GError      *error;
} Result;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->ref = rn_crossref_lookup_finish (RN_CROSSREF (object), result, &r->error);
  r->done = TRUE;
}

static RnReference *
lookup (RnCrossref  *crossref,
        const char  *doi,
        GError     **error)
{
  Result r = { FALSE, NULL, NULL };

  rn_crossref_lookup_async (crossref, doi, NULL, lookup_cb, &r);
  g_assert_true (rn_test_wait_for (&r.done, 10000));
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.ref;
}

static void
test_article (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = lookup (crossref, "https://doi.org/10.5555/RADIOL.2023.221045", &error);
  int y, m, d;

  g_assert_no_error (error);
  g_assert_cmpstr (rn_reference_get_csl_type (ref), ==, "article-journal");
  g_assert_cmpstr (rn_reference_get_title (ref), ==, "Deep Learning Reconstruction and Lung Nodule Volumetry at Low-Dose CT");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_CONTAINER_TITLE), ==, "Radiology");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_CONTAINER_TITLE_SHORT), ==, "Radiology");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_VOLUME), ==, "306");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_ISSUE), ==, "3");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_PAGE), ==, "e221045");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_ISSN), ==, "0033-8419");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_LANGUAGE), ==, "en");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_PUBLISHER), ==, "Radiological Society of North America (RSNA)");
  g_assert_cmpstr (rn_reference_get_doi (ref), ==, "10.5555/radiol.2023.221045");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_URL), ==, "http://dx.doi.org/10.5555/radiol.2023.221045");
  g_assert_cmpuint (rn_reference_get_n_authors (ref), ==, 4);
  g_assert_cmpstr (rn_reference_get_author (ref, 0).family, ==, "Müller");
  g_assert_cmpstr (rn_reference_get_author (ref, 0).given, ==, "Anna");
  g_assert_cmpstr (rn_reference_get_author (ref, 3).literal, ==, "Lung Screening Consortium");
  /* "issued" wins over the online date. */
  g_assert_true (rn_reference_get_issued (ref, &y, &m, &d));
  g_assert_cmpint (y, ==, 2023);
  g_assert_cmpint (m, ==, 3);
  g_assert_cmpint (d, ==, 0);
  /* JATS → text: heading "Abstract" dropped, sections kept, entities decoded. */
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_ABSTRACT), ==,
                   "Background\n\nLow-dose CT is used to screen for lung cancer; the effect of deep learning "
                   "reconstruction on nodule volumetry is unknown.\n\nResults\n\nVolumes differed by 2.1% & "
                   "agreement was high (ICC > 0.98).");
  g_assert_cmpint (rn_reference_get_notice (ref, NULL, NULL, NULL), ==, RN_NOTICE_NONE);

  /* Polite: contact in the query and in the User-Agent. */
  g_assert_cmpstr (f->query, ==, "mailto=library@hospital.example");
  g_assert_nonnull (strstr (f->user_agent, "mailto:library@hospital.example"));
  g_assert_true (g_str_has_prefix (f->user_agent, "RadNet/"));
}

static void
test_retracted (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = lookup (crossref, "10.5555/ejer.2019.0412", &error);
  const char *doi, *url, *date;

  g_assert_no_error (error);
  /* A correction and a retraction: the retraction is what matters. */
  g_assert_cmpint (rn_reference_get_notice (ref, &doi, &url, &date), ==, RN_NOTICE_RETRACTION);
  g_assert_cmpstr (doi, ==, "10.5555/ejer.2021.0031");
  g_assert_cmpstr (url, ==, "https://doi.org/10.5555/ejer.2021.0031");
  g_assert_cmpstr (date, ==, "2021-03-02");
  g_assert_cmpint (rn_reference_get_updates (ref, NULL), ==, RN_NOTICE_NONE);
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_PAGE), ==, "301-309");
}

static void
test_retraction_notice (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = lookup (crossref, "10.5555/ejer.2021.0031", &error);
  const char *target = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (rn_reference_get_updates (ref, &target), ==, RN_NOTICE_RETRACTION);
  g_assert_cmpstr (target, ==, "10.5555/ejer.2019.0412");
  g_assert_cmpint (rn_reference_get_notice (ref, NULL, NULL, NULL), ==, RN_NOTICE_NONE);
  g_assert_cmpuint (rn_reference_get_n_authors (ref), ==, 0);
}

static void
test_erratum (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = lookup (crossref, "10.5555/ejer.2020.0099", &error);
  const char *target = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (rn_reference_get_updates (ref, &target), ==, RN_NOTICE_CORRECTION);
  g_assert_cmpstr (target, ==, "10.5555/ejer.2019.0412");
}

static void
test_chapter (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = lookup (crossref, "10.5555/978-0-00-000000-2_7", &error);
  int year, month;

  g_assert_no_error (error);
  g_assert_cmpstr (rn_reference_get_csl_type (ref), ==, "chapter");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_CONTAINER_TITLE), ==, "Emergency Neuroradiology");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_PAGE), ==, "145-172");
  g_assert_cmpstr (rn_reference_get_author (ref, 1).family, ==, "Álvarez-García");
  g_assert_true (rn_reference_get_issued (ref, &year, &month, NULL));
  g_assert_cmpint (year, ==, 2022);
  g_assert_cmpint (month, ==, 0);
}

static void
test_preprint (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = lookup (crossref, "https://www.medrxiv.org/content/10.1101/2023.06.12.23291234v1", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (rn_reference_get_csl_type (ref), ==, "article");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_CONTAINER_TITLE), ==, "medRxiv");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_GENRE), ==, "preprint");
  g_assert_cmpstr (rn_reference_get (ref, RN_REF_ABSTRACT), ==,
                   "Photon-counting CT of the coronary arteries reduced blooming (P < .001).");
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = lookup (crossref, "10.5555/does-not-exist", &error);

  g_assert_null (ref);
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "10.5555/does-not-exist"));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = NULL;

  ref = lookup (crossref, "not a doi at all", &error);
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_INVALID_DOI);
  g_clear_error (&error);
  g_assert_cmpuint (f->requests, ==, 0);

  ref = lookup (crossref, "10.5555/garbage", &error);
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_PARSE);
  g_clear_error (&error);

  ref = lookup (crossref, "10.5555/error", &error);
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_HTTP);
  g_clear_error (&error);

  ref = lookup (crossref, "10.5555/busy", &error);
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  rn_crossref_set_max_body_size (crossref, 512);
  ref = lookup (crossref, "10.5555/radiol.2023.221045", &error);
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_TOO_LARGE);
  g_assert_null (ref);
}

static void
test_backoff_after_429 (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = NULL;
  gint64 gap;

  ref = lookup (crossref, "10.5555/busy", &error);
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  /* Retry-After: 1 → the next request waits about a second. */
  ref = lookup (crossref, "10.5555/radiol.2023.221045", &error);
  g_assert_no_error (error);
  gap = g_array_index (f->arrivals, gint64, 1) - g_array_index (f->arrivals, gint64, 0);
  g_assert_cmpint (gap, >=, 900 * 1000);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = NULL;
  gint64 start = g_get_monotonic_time ();

  rn_crossref_set_timeout (crossref, 300);
  ref = lookup (crossref, "10.5555/slow", &error);
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_cache (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(RnLookupCache) cache = rn_lookup_cache_new_memory (16);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) first = NULL;
  g_autoptr(RnReference) second = NULL;
  g_autoptr(RnReference) seeded = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) chapter = rn_test_load_data ("reading", "crossref-chapter.json", NULL);
  g_autofree char *key = rn_crossref_cache_key ("doi:10.5555/RADIOL.2023.221045");

  rn_crossref_set_cache (crossref, cache);
  first = lookup (crossref, "10.5555/radiol.2023.221045", &error);
  g_assert_no_error (error);
  second = lookup (crossref, "https://doi.org/10.5555/radiol.2023.221045", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpstr (rn_reference_get_title (first), ==, rn_reference_get_title (second));

  g_assert_cmpstr (key, ==, "crossref:work:10.5555/radiol.2023.221045");
  stored = rn_lookup_cache_get (cache, key);
  g_assert_nonnull (stored);

  /* A body the store kept from an earlier run: no request at all. */
  rn_lookup_cache_put (cache, "crossref:work:10.5555/978-0-00-000000-2_7", chapter);
  seeded = lookup (crossref, "10.5555/978-0-00-000000-2_7", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rn_reference_get_title (seeded), ==, "Imaging of Acute Stroke");
  g_assert_cmpuint (f->requests, ==, 1);

  /* Failures are not cached. */
  g_clear_object (&seeded);
  seeded = lookup (crossref, "10.5555/nope", &error);
  g_clear_error (&error);
  g_assert_null (rn_lookup_cache_get (cache, "crossref:work:10.5555/nope"));
}

static void
test_memory_cache_eviction (void)
{
  g_autoptr(RnLookupCache) cache = rn_lookup_cache_new_memory (2);
  g_autoptr(GBytes) body = g_bytes_new_static ("x", 1);
  g_autoptr(GBytes) got = NULL;

  rn_lookup_cache_put (cache, "a", body);
  rn_lookup_cache_put (cache, "b", body);
  rn_lookup_cache_put (cache, "a", body);
  rn_lookup_cache_put (cache, "c", body);
  got = rn_lookup_cache_get (cache, "a");
  g_assert_null (got);
  got = rn_lookup_cache_get (cache, "c");
  g_assert_nonnull (got);
}

typedef struct
{
  guint  done;
  GError *errors[4];
} Many;

static void
many_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Many *m = user_data;
  g_autoptr(RnReference) ref = rn_crossref_lookup_finish (RN_CROSSREF (object), result, &m->errors[m->done]);

  m->done++;
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  Many m = { 0 };
  gboolean all = FALSE;

  rn_crossref_set_rate_limit (crossref, 5);
  rn_crossref_lookup_async (crossref, "10.5555/radiol.2023.221045", NULL, many_cb, &m);
  rn_crossref_lookup_async (crossref, "10.5555/ejer.2019.0412", NULL, many_cb, &m);
  rn_crossref_lookup_async (crossref, "10.5555/ejer.2021.0031", NULL, many_cb, &m);
  rn_crossref_lookup_async (crossref, "10.5555/ejer.2020.0099", NULL, many_cb, &m);
  while (!all && rn_test_wait_for (&all, 50) == FALSE)
    all = m.done == 4;
  for (guint i = 0; i < 4; i++)
    g_assert_no_error (m.errors[i]);
  g_assert_cmpuint (f->arrivals->len, ==, 4);
  /* 5 per second: starts at least ~200 ms apart, one after the other. */
  for (guint i = 1; i < 4; i++)
    g_assert_cmpint (g_array_index (f->arrivals, gint64, i) - g_array_index (f->arrivals, gint64, i - 1),
                     >=, 150 * 1000);
}

static void
test_cancel_queued (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RnCrossref) crossref = new_client (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result first = { FALSE, NULL, NULL };
  Result second = { FALSE, NULL, NULL };
  gint64 start;

  rn_crossref_set_rate_limit (crossref, 1);
  rn_crossref_lookup_async (crossref, "10.5555/radiol.2023.221045", NULL, lookup_cb, &first);
  rn_crossref_lookup_async (crossref, "10.5555/ejer.2019.0412", cancellable, lookup_cb, &second);
  g_assert_true (rn_test_wait_for (&first.done, 5000));
  g_assert_no_error (first.error);
  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  g_assert_true (rn_test_wait_for (&second.done, 5000));
  /* Left the queue at once, without waiting for its turn. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 500 * 1000);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (second.ref);
  g_assert_cmpuint (f->requests, ==, 1);
  g_clear_object (&first.ref);
  g_clear_error (&second.error);
}

static void
test_parse_hostile (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"message\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) wrong = g_bytes_new_static ("{\"message\":{\"title\":[1,2]}}", 27);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  body = g_bytes_new (deep->str, deep->len);
  g_assert_null (rn_crossref_parse_work (body, &error));
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (rn_crossref_parse_work (empty, &error));
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (rn_crossref_parse_work (wrong, &error));
  g_assert_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_PARSE);
}

static void
test_parse_relation (void)
{
  const char *json =
    "{\"message\":{\"DOI\":\"10.5555/x.1\",\"type\":\"journal-article\",\"title\":[\"<i>In vivo</i> H<sub>2</sub>O imaging\"],"
    "\"relation\":{\"has-expression-of-concern\":[{\"id-type\":\"doi\",\"id\":\"10.5555/eoc.1\",\"asserted-by\":\"object\"}],"
    "\"is-supplemented-by\":[{\"id-type\":\"doi\",\"id\":\"10.5555/supp\",\"asserted-by\":\"subject\"}]}}}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) ref = rn_crossref_parse_work (body, &error);
  const char *doi = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (rn_reference_get_title (ref), ==, "In vivo H2O imaging");
  g_assert_cmpint (rn_reference_get_notice (ref, &doi, NULL, NULL), ==, RN_NOTICE_EXPRESSION_OF_CONCERN);
  g_assert_cmpstr (doi, ==, "10.5555/eoc.1");
  g_assert_cmpstr (rn_reference_get_csl_type (ref), ==, "article-journal");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/radnet/core/reading/crossref/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("article", test_article);
  ADD ("retracted", test_retracted);
  ADD ("retraction-notice", test_retraction_notice);
  ADD ("erratum", test_erratum);
  ADD ("chapter", test_chapter);
  ADD ("preprint", test_preprint);
  ADD ("not-found", test_not_found);
  ADD ("errors", test_errors);
  ADD ("backoff-after-429", test_backoff_after_429);
  ADD ("timeout", test_timeout);
  ADD ("cache", test_cache);
  ADD ("rate-limit", test_rate_limit);
  ADD ("cancel-queued", test_cancel_queued);
#undef ADD
  g_test_add_func ("/radnet/core/reading/crossref/memory-cache-eviction", test_memory_cache_eviction);
  g_test_add_func ("/radnet/core/reading/crossref/parse-hostile", test_parse_hostile);
  g_test_add_func ("/radnet/core/reading/crossref/parse-relation", test_parse_relation);
  return g_test_run ();
}
