/* PubMed: parsers, the E-utilities client against a fake NCBI, and the
 * refresh of a PubMed source into the library. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "accounts/rn-credentials-memory.h"
#include "feeds/rn-item-citation.h"
#include "pubmed/rn-pubmed-client.h"
#include "pubmed/rn-pubmed-key.h"
#include "pubmed/rn-pubmed-parse.h"
#include "pubmed/rn-pubmed-source.h"
#include "rn-test-server.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"

#define SECRET_KEY "sEcReT-kEy-4711"

/* ---- a fake E-utilities server ---- */

typedef struct
{
  char       *endpoint;   /* "esearch.fcgi" */
  char       *method;
  GHashTable *params;     /* merged query or form */
  gint64      time;       /* monotonic µs at arrival */
} Hit;

static void
hit_free (gpointer data)
{
  Hit *h = data;

  g_free (h->endpoint);
  g_free (h->method);
  g_hash_table_unref (h->params);
  g_free (h);
}

typedef struct
{
  RnTestServer *server;
  GPtrArray    *hits;
  const char   *esearch;        /* fixture name, or NULL for generated */
  guint64       total;          /* generated esearch: count */
  guint         fail_429;       /* answer this many requests with 429 */
  const char   *retry_after;
  guint         fail_500;
  guint         fail_400;       /* 400 echoing the request URL */
  gboolean      stall;          /* never answer */
  gsize         huge;           /* answer with this many bytes */
} Fake;

static GBytes *
load (const char *name)
{
  return rn_test_load_data ("pubmed", name, NULL);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *type,
         const char        *body,
         gsize              len)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, len);
}

static void
respond_bytes (SoupServerMessage *msg,
               const char        *type,
               GBytes            *bytes)
{
  respond (msg, 200, type, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static GPtrArray *
split_ids (const char *ids)
{
  g_auto(GStrv) parts = g_strsplit (ids != NULL ? ids : "", ",", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (out, g_strdup (parts[i]));
  return out;
}

/* Generated answers for the large result set: PMIDs 40000000 - index. */
static char *
generated_esearch (Fake       *fake,
                   GHashTable *params)
{
  guint64 start = g_ascii_strtoull (g_hash_table_lookup (params, "retstart") ?: "0", NULL, 10);
  guint64 max = g_ascii_strtoull (g_hash_table_lookup (params, "retmax") ?: "20", NULL, 10);
  GString *out = g_string_new (NULL);
  guint64 n = 0;

  g_string_append_printf (out, "{\"header\":{\"type\":\"esearch\",\"version\":\"0.3\"},"
                          "\"esearchresult\":{\"count\":\"%" G_GUINT64_FORMAT "\",\"retmax\":\"%" G_GUINT64_FORMAT "\","
                          "\"retstart\":\"%" G_GUINT64_FORMAT "\",\"idlist\":[",
                          fake->total, MIN (max, fake->total > start ? fake->total - start : 0), start);
  for (guint64 i = start; i < fake->total && n < max; i++, n++)
    g_string_append_printf (out, "%s\"%" G_GUINT64_FORMAT "\"", n > 0 ? "," : "", 40000000 - i);
  g_string_append (out, "],\"translationset\":[],\"querytranslation\":\"mri[All Fields]\"}}");
  return g_string_free (out, FALSE);
}

static char *
generated_esummary (GHashTable *params)
{
  g_autoptr(GPtrArray) ids = split_ids (g_hash_table_lookup (params, "id"));
  GString *out = g_string_new ("{\"header\":{\"type\":\"esummary\",\"version\":\"0.3\"},\"result\":{\"uids\":[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s\"%s\"", i > 0 ? "," : "", (char *) ids->pdata[i]);
  g_string_append (out, "]");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, ",\"%s\":{\"uid\":\"%s\",\"pubdate\":\"2025 Jan\",\"epubdate\":\"\","
                            "\"source\":\"Radiology\",\"authors\":[{\"name\":\"Doe J\",\"authtype\":\"Author\",\"clusterid\":\"\"}],"
                            "\"title\":\"Record %s.\",\"volume\":\"1\",\"issue\":\"1\",\"pages\":\"1-2\",\"pubtype\":[\"Journal Article\"],"
                            "\"articleids\":[{\"idtype\":\"pubmed\",\"idtypen\":1,\"value\":\"%s\"}],"
                            "\"fulljournalname\":\"Radiology\",\"sortpubdate\":\"2025/01/01 00:00\"}",
                            (char *) ids->pdata[i], (char *) ids->pdata[i], (char *) ids->pdata[i], (char *) ids->pdata[i]);
  g_string_append (out, "}}");
  return g_string_free (out, FALSE);
}

static char *
generated_efetch (GHashTable *params)
{
  g_autoptr(GPtrArray) ids = split_ids (g_hash_table_lookup (params, "id"));
  GString *out = g_string_new ("<?xml version=\"1.0\" ?>\n<PubmedArticleSet>\n");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\">"
                            "<PMID Version=\"1\">%s</PMID><Article PubModel=\"Print\"><ArticleTitle>Record %s.</ArticleTitle>"
                            "<Abstract><AbstractText>Abstract of %s.</AbstractText></Abstract></Article></MedlineCitation>"
                            "<PubmedData><ArticleIdList><ArticleId IdType=\"pubmed\">%s</ArticleId></ArticleIdList></PubmedData>"
                            "</PubmedArticle>\n",
                            (char *) ids->pdata[i], (char *) ids->pdata[i], (char *) ids->pdata[i], (char *) ids->pdata[i]);
  g_string_append (out, "</PubmedArticleSet>\n");
  return g_string_free (out, FALSE);
}

static void
eutils_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Fake *fake = user_data;
  Hit *hit = g_new0 (Hit, 1);
  const char *endpoint = strrchr (path, '/') + 1;
  GHashTable *params;

  hit->endpoint = g_strdup (endpoint);
  hit->method = g_strdup (soup_server_message_get_method (msg));
  hit->time = g_get_monotonic_time ();
  if (g_str_equal (hit->method, "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      hit->params = soup_form_decode (text);
    }
  else
    hit->params = query != NULL ? g_hash_table_ref (query)
                                : g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (fake->hits, hit);
  params = hit->params;

  if (fake->stall)
    {
      soup_server_message_pause (msg);
      return;
    }
  if (fake->fail_429 > 0)
    {
      static const char body[] = "{\"error\":\"API rate limit exceeded\",\"api-key\":\"127.0.0.1\",\"count\":\"4\",\"limit\":\"3\"}\n";

      fake->fail_429--;
      if (fake->retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", fake->retry_after);
      respond (msg, 429, "application/json", body, strlen (body));
      return;
    }
  if (fake->fail_500 > 0)
    {
      static const char body[] = "<html><body>Internal Server Error</body></html>";

      fake->fail_500--;
      respond (msg, 500, "text/html", body, strlen (body));
      return;
    }
  if (fake->fail_400 > 0)
    {
      g_autofree char *echo = g_strdup_printf ("{\"error\":\"Bad request: /entrez/eutils/%s?db=pubmed&api_key=%s&term=x\"}",
                                               endpoint, (char *) g_hash_table_lookup (params, "api_key") ?: "");

      fake->fail_400--;
      respond (msg, 400, "application/json", echo, strlen (echo));
      return;
    }
  if (fake->huge > 0)
    {
      g_autofree char *big = g_malloc (fake->huge);

      memset (big, ' ', fake->huge);
      respond (msg, 200, "application/json", big, fake->huge);
      return;
    }

  if (g_str_equal (endpoint, "esearch.fcgi"))
    {
      if (fake->esearch != NULL)
        {
          g_autoptr(GBytes) bytes = load (fake->esearch);
          respond_bytes (msg, "application/json; charset=UTF-8", bytes);
        }
      else
        {
          g_autofree char *body = generated_esearch (fake, params);
          respond (msg, 200, "application/json; charset=UTF-8", body, strlen (body));
        }
    }
  else if (g_str_equal (endpoint, "esummary.fcgi"))
    {
      if (fake->esearch != NULL)
        {
          g_autoptr(GBytes) bytes = load ("esummary-ctpa.json");
          respond_bytes (msg, "application/json; charset=UTF-8", bytes);
        }
      else
        {
          g_autofree char *body = generated_esummary (params);
          respond (msg, 200, "application/json; charset=UTF-8", body, strlen (body));
        }
    }
  else if (g_str_equal (endpoint, "efetch.fcgi"))
    {
      if (fake->esearch != NULL)
        {
          g_autoptr(GBytes) bytes = load ("efetch-ctpa.xml");
          respond_bytes (msg, "text/xml; charset=UTF-8", bytes);
        }
      else
        {
          g_autofree char *body = generated_efetch (params);
          respond (msg, 200, "text/xml; charset=UTF-8", body, strlen (body));
        }
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static Fake *
fake_new (void)
{
  Fake *fake = g_new0 (Fake, 1);

  fake->server = rn_test_server_new ();
  fake->hits = g_ptr_array_new_with_free_func (hit_free);
  fake->esearch = "esearch-ctpa.json";
  rn_test_server_add_handler (fake->server, "/entrez/eutils", eutils_handler, fake);
  return fake;
}

static void
fake_free (Fake *fake)
{
  rn_test_server_free (fake->server);
  g_ptr_array_unref (fake->hits);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_free)

static RnPubmedClient *
client_for (Fake *fake)
{
  g_autofree char *base = rn_test_server_url (fake->server, "/entrez/eutils/");
  RnPubmedClient *client = rn_pubmed_client_new (NULL, "tests@radnet.example.com");

  rn_pubmed_client_set_base_url (client, base);
  rn_pubmed_client_set_retry_policy (client, 3, 50, 200);
  rn_pubmed_client_set_timeout (client, 10);
  return client;
}

static guint
count_hits (Fake       *fake,
            const char *endpoint)
{
  guint n = 0;

  for (guint i = 0; i < fake->hits->len; i++)
    if (g_str_equal (((Hit *) fake->hits->pdata[i])->endpoint, endpoint))
      n++;
  return n;
}

static Hit *
nth_hit (Fake       *fake,
         const char *endpoint,
         guint       nth)
{
  for (guint i = 0; i < fake->hits->len; i++)
    {
      Hit *h = fake->hits->pdata[i];

      if (g_str_equal (h->endpoint, endpoint) && nth-- == 0)
        return h;
    }
  g_assert_not_reached ();
}

static const char *
param (Hit        *hit,
       const char *name)
{
  return g_hash_table_lookup (hit->params, name);
}

/* ---- async helpers ---- */

typedef struct
{
  gboolean      done;
  guint64       count;
  char         *notice;
  RnParsedFeed *feed;
  GError       *error;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_free (o->notice);
  g_clear_pointer (&o->feed, rn_parsed_feed_free);
  g_clear_error (&o->error);
  memset (o, 0, sizeof *o);
}

static void
on_count (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Outcome *o = data;

  rn_pubmed_client_count_finish (RN_PUBMED_CLIENT (source), result, &o->count, &o->notice, &o->error);
  o->done = TRUE;
}

static void
on_search (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Outcome *o = data;

  o->feed = rn_pubmed_client_search_finish (RN_PUBMED_CLIENT (source), result, &o->count, &o->error);
  o->done = TRUE;
}

static void
run_count (RnPubmedClient *client,
           const char     *query,
           guint           days,
           Outcome        *o)
{
  rn_pubmed_client_count_async (client, query, days, NULL, on_count, o);
  g_assert_true (rn_test_wait_for (&o->done, 20000));
}

static void
run_search (RnPubmedClient *client,
            const char     *query,
            guint           days,
            guint           max,
            Outcome        *o)
{
  rn_pubmed_client_search_async (client, query, days, max, NULL, on_search, o);
  g_assert_true (rn_test_wait_for (&o->done, 30000));
}

/* ---- parsers ---- */

static void
test_parse_esearch (void)
{
  g_autoptr(GBytes) ok = load ("esearch-ctpa.json");
  g_autoptr(GBytes) empty = load ("esearch-empty.json");
  g_autoptr(GBytes) not_found = load ("esearch-not-found.json");
  g_autoptr(GBytes) syntax = load ("esearch-error.json");
  g_autoptr(GBytes) partial = load ("esearch-partial.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnPubmedSearchPage) page = NULL;
  static const char deep[] = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]";

  page = rn_pubmed_parse_esearch (g_bytes_get_data (ok, NULL), g_bytes_get_size (ok), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->count, ==, 3);
  g_assert_cmpuint (page->ids->len, ==, 3);
  g_assert_cmpstr (page->ids->pdata[0], ==, "39500003");
  g_assert_nonnull (strstr (page->query_translation, "[MeSH Terms]"));
  g_assert_null (page->notice);
  g_clear_pointer (&page, rn_pubmed_search_page_free);

  /* Nothing matched a valid query: an empty result, not an error. */
  page = rn_pubmed_parse_esearch (g_bytes_get_data (empty, NULL), g_bytes_get_size (empty), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->count, ==, 0);
  g_assert_cmpuint (page->ids->len, ==, 0);
  g_assert_cmpstr (page->notice, ==, "No items found.");
  g_clear_pointer (&page, rn_pubmed_search_page_free);

  page = rn_pubmed_parse_esearch (g_bytes_get_data (not_found, NULL), g_bytes_get_size (not_found), &error);
  g_assert_null (page);
  g_assert_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY);
  g_assert_nonnull (strstr (error->message, "pulmnoary angiografy, zzqxv"));
  g_clear_error (&error);

  page = rn_pubmed_parse_esearch (g_bytes_get_data (syntax, NULL), g_bytes_get_size (syntax), &error);
  g_assert_null (page);
  g_assert_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY);
  g_assert_nonnull (strstr (error->message, "unbalanced parentheses"));
  g_clear_error (&error);

  /* Some terms unknown but records matched: results plus a notice. */
  page = rn_pubmed_parse_esearch (g_bytes_get_data (partial, NULL), g_bytes_get_size (partial), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->count, ==, 2);
  g_assert_nonnull (strstr (page->notice, "qqzzyx"));
  g_assert_nonnull (strstr (page->notice, "and"));
  g_clear_pointer (&page, rn_pubmed_search_page_free);

  page = rn_pubmed_parse_esearch ("<html>oops</html>", 17, &error);
  g_assert_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  page = rn_pubmed_parse_esearch (deep, strlen (deep), &error);
  g_assert_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  page = rn_pubmed_parse_esearch ("{\"esearchresult\":{\"idlist\":[\"1\"]}}", 34, &error);
  g_assert_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  /* Ids that are not PMIDs are dropped. */
  {
    static const char odd[] = "{\"esearchresult\":{\"count\":\"2\",\"idlist\":[\"12\",\"../x\",\"1234567890123\",7]}}";
    page = rn_pubmed_parse_esearch (odd, strlen (odd), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (page->ids->len, ==, 1);
  }
}

static gboolean
has_string (GPtrArray  *array,
            const char *s)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (array->pdata[i], s) == 0)
      return TRUE;
  return FALSE;
}

static void
test_parse_esummary (void)
{
  g_autoptr(GBytes) bytes = load ("esummary-ctpa.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = rn_pubmed_parse_esummary (g_bytes_get_data (bytes, NULL),
                                                           g_bytes_get_size (bytes), &error);
  RnParsedEntry *e;
  static const char with_error[] =
    "{\"header\":{\"type\":\"esummary\",\"version\":\"0.3\"},\"result\":{\"uids\":[\"1\",\"2\"],"
    "\"1\":{\"uid\":\"1\",\"error\":\"cannot get document summary\"},\"2\":{\"uid\":\"2\",\"title\":\"Two.\"}}}";

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);

  e = entries->pdata[1];
  g_assert_cmpstr (e->pmid, ==, "39500002");
  g_assert_cmpstr (e->id, ==, "pmid:39500002");
  g_assert_cmpstr (e->link, ==, "https://pubmed.ncbi.nlm.nih.gov/39500002/");
  g_assert_cmpstr (e->title, ==, "Low-dose versus standard CT pulmonary angiography in pregnancy: a randomized controlled trial.");
  g_assert_cmpuint (e->authors->len, ==, 3);
  g_assert_cmpstr (e->authors->pdata[0], ==, "Lindqvist E");
  g_assert_cmpstr (e->authors->pdata[2], ==, "CTPA-PREG Trial Group");
  g_assert_cmpstr (e->doi, ==, "10.1007/s00330-024-11234-x");
  g_assert_cmpstr (e->pmcid, ==, "PMC11800002");
  g_assert_cmpstr (e->publication_name, ==, "European radiology");
  g_assert_cmpstr (e->volume, ==, "35");
  g_assert_cmpstr (e->number, ==, "2");
  g_assert_cmpstr (e->starting_page, ==, "812");
  g_assert_cmpstr (e->cover_date, ==, "2025 Feb");
  g_assert_cmpstr (e->lang, ==, "en");
  g_assert_true (has_string (e->categories, "Randomized Controlled Trial"));
  /* epubdate 2025 Jan 20 */
  g_assert_cmpint (e->published, ==, 1737331200);

  e = entries->pdata[2];
  g_assert_true (has_string (e->categories, "Review"));
  g_assert_true (has_string (e->categories, "Practice Guideline"));
  g_assert_cmpstr (e->doi, ==, "10.2214/ajr.24.31001");
  g_assert_null (e->pmcid);
  g_assert_cmpstr (e->publication_name, ==, "AJR. American journal of roentgenology");

  /* No epubdate: the sortable date (2025/03/01). */
  e = entries->pdata[0];
  g_assert_cmpint (e->published, ==, 1740787200);
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = rn_pubmed_parse_esummary (with_error, strlen (with_error), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((RnParsedEntry *) entries->pdata[0])->pmid, ==, "2");
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = rn_pubmed_parse_esummary ("{\"error\":\"Invalid uid api_key=" SECRET_KEY "\"}", 44, &error);
  g_assert_null (entries);
  g_assert_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE);
  g_assert_null (strstr (error->message, SECRET_KEY));
}

static void
test_parse_efetch (void)
{
  g_autoptr(GBytes) bytes = load ("efetch-ctpa.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) by_pmid = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) rn_parsed_entry_free);
  const char *pmids[] = { "39500001", "39500002", "39500003" };
  RnParsedEntry *e;
  static const char laughs[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [\n"
    "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
    "]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>39500003</PMID><Article>"
    "<Abstract><AbstractText>x&d;y</AbstractText></Abstract></Article></MedlineCitation>"
    "</PubmedArticle></PubmedArticleSet>";
  static const char external[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [\n"
    "<!ENTITY e SYSTEM \"file:///etc/hostname\">\n"
    "]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>39500003</PMID><Article>"
    "<Abstract><AbstractText>x&e;y</AbstractText></Abstract></Article></MedlineCitation>"
    "</PubmedArticle></PubmedArticleSet>";

  for (guint i = 0; i < G_N_ELEMENTS (pmids); i++)
    {
      e = rn_parsed_entry_new ();
      e->pmid = g_strdup (pmids[i]);
      g_hash_table_insert (by_pmid, e->pmid, e);
    }
  g_assert_true (rn_pubmed_parse_efetch (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), by_pmid, &error));
  g_assert_no_error (error);

  e = g_hash_table_lookup (by_pmid, "39500001");
  g_assert_cmpstr (e->summary, ==,
                   "<p><strong>BACKGROUND:</strong> Pulmonary embolism is a leading cause of maternal death; "
                   "imaging must balance diagnostic yield against fetal and maternal breast dose.</p>"
                   "<p><strong>PURPOSE:</strong> To summarise evidence and give recommendations for CT pulmonary "
                   "angiography and V/Q scintigraphy in pregnancy.</p>"
                   "<p><strong>CONCLUSION:</strong> Chest radiography first; CTPA with a reduced-dose protocol "
                   "when it is normal &amp; D-dimer is raised.</p>");
  g_assert_cmpstr (e->doi, ==, "10.2214/ajr.24.31001");

  e = g_hash_table_lookup (by_pmid, "39500002");
  g_assert_nonnull (strstr (e->summary, "dose &lt; 0.1 mGy &amp; diagnostic"));
  g_assert_nonnull (strstr (e->summary, "(<i>P</i> &lt; .001)"));
  g_assert_nonnull (strstr (e->summary, "CTDI<sub>vol</sub>"));
  g_assert_null (strstr (e->summary, "Society of Radiology"));   /* copyright left out */
  /* This record's PMCID, not the one of a cited reference. */
  g_assert_cmpstr (e->pmcid, ==, "PMC11800002");

  e = g_hash_table_lookup (by_pmid, "39500003");
  g_assert_null (e->summary);

  /* Entities are neither fetched nor expanded. */
  g_assert_true (rn_pubmed_parse_efetch (external, strlen (external), by_pmid, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (e->summary, ==, "<p>xy</p>");
  g_clear_pointer (&e->summary, g_free);
  if (rn_pubmed_parse_efetch (laughs, strlen (laughs), by_pmid, &error))
    g_assert_cmpstr (e->summary, ==, "<p>xy</p>");
  else
    g_assert_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  g_assert_false (rn_pubmed_parse_efetch ("<PubmedArticleSet><PubmedArticle>", 33, by_pmid, &error));
  g_assert_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_assert_false (rn_pubmed_parse_efetch ("<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>", 57, by_pmid, &error));
  g_assert_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE);
}

static void
test_parse_dates (void)
{
  const struct { const char *text; gint64 expected; } cases[] = {
    { "2024/07/15 00:00", 1721001600 },
    { "2024 Jul 15", 1721001600 },
    { "2024 Jul", 1719792000 },
    { "2024 Jul-Aug", 1719792000 },
    { "2024 Jul 15-21", 1721001600 },
    { "2024", 1704067200 },
    { "2023 Winter", 1672531200 },
    { "2024 Feb 30", 1709164800 },   /* clamped to Feb 29 */
    { "", RN_NO_DATE },
    { "Jul 2024", RN_NO_DATE },
    { "0001 Jan", RN_NO_DATE },
    { NULL, RN_NO_DATE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (rn_pubmed_parse_date (cases[i].text), ==, cases[i].expected);
}

static void
test_scrub (void)
{
  g_autofree char *a = rn_pubmed_scrub_secrets ("GET /esearch.fcgi?db=pubmed&api_key=abc123&term=x failed");
  g_autofree char *b = rn_pubmed_scrub_secrets ("API_KEY=zzz");
  g_autofree char *c = rn_pubmed_scrub_secrets ("nothing here");

  g_assert_cmpstr (a, ==, "GET /esearch.fcgi?db=pubmed&api_key=***&term=x failed");
  g_assert_cmpstr (b, ==, "api_key=***");
  g_assert_cmpstr (c, ==, "nothing here");
}

/* ---- client ---- */

static void
test_count (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  Outcome o = { 0 };
  Hit *hit;

  run_count (client, "CT pulmonary angiography AND pregnancy", 30, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.count, ==, 3);
  g_assert_null (o.notice);
  g_assert_cmpuint (fake->hits->len, ==, 1);
  hit = nth_hit (fake, "esearch.fcgi", 0);
  g_assert_cmpstr (hit->method, ==, "GET");
  g_assert_cmpstr (param (hit, "db"), ==, "pubmed");
  g_assert_cmpstr (param (hit, "term"), ==, "CT pulmonary angiography AND pregnancy");
  g_assert_cmpstr (param (hit, "retmode"), ==, "json");
  g_assert_cmpstr (param (hit, "retmax"), ==, "0");
  g_assert_cmpstr (param (hit, "datetype"), ==, "edat");
  g_assert_cmpstr (param (hit, "reldate"), ==, "30");
  g_assert_cmpstr (param (hit, "tool"), ==, "radnet");
  g_assert_cmpstr (param (hit, "email"), ==, "tests@radnet.example.com");
  g_assert_null (param (hit, "api_key"));
  outcome_clear (&o);

  /* Any time: no date window. */
  run_count (client, "pregnancy", 0, &o);
  g_assert_no_error (o.error);
  hit = nth_hit (fake, "esearch.fcgi", 1);
  g_assert_null (param (hit, "reldate"));
  g_assert_null (param (hit, "datetype"));
  outcome_clear (&o);

  /* Empty queries never leave the computer. */
  run_count (client, "   ", 0, &o);
  g_assert_error (o.error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY);
  g_assert_cmpuint (fake->hits->len, ==, 2);
  outcome_clear (&o);
}

static void
test_search (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  Outcome o = { 0 };
  RnParsedEntry *e;
  Hit *hit;

  run_search (client, "CT pulmonary angiography AND pregnancy", 0, 0, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.count, ==, 3);
  g_assert_cmpuint (o.feed->entries->len, ==, 3);
  g_assert_cmpstr (o.feed->link, ==,
                   "https://pubmed.ncbi.nlm.nih.gov/?term=CT%20pulmonary%20angiography%20AND%20pregnancy&sort=date");
  /* NCBI's order: newest first. */
  g_assert_cmpstr (((RnParsedEntry *) o.feed->entries->pdata[0])->pmid, ==, "39500003");
  e = o.feed->entries->pdata[2];
  g_assert_cmpstr (e->pmid, ==, "39500001");
  g_assert_nonnull (strstr (e->summary, "<strong>PURPOSE:</strong>"));
  g_assert_cmpstr (e->publication_name, ==, "AJR. American journal of roentgenology");

  g_assert_cmpuint (count_hits (fake, "esearch.fcgi"), ==, 1);
  g_assert_cmpuint (count_hits (fake, "esummary.fcgi"), ==, 1);
  g_assert_cmpuint (count_hits (fake, "efetch.fcgi"), ==, 1);
  hit = nth_hit (fake, "esearch.fcgi", 0);
  g_assert_cmpstr (param (hit, "sort"), ==, "pub_date");
  g_assert_cmpstr (param (hit, "retstart"), ==, "0");
  g_assert_cmpstr (param (hit, "retmax"), ==, "100");
  hit = nth_hit (fake, "esummary.fcgi", 0);
  g_assert_cmpstr (param (hit, "id"), ==, "39500003,39500002,39500001");
  g_assert_cmpstr (param (hit, "retmode"), ==, "json");
  g_assert_cmpstr (param (hit, "tool"), ==, "radnet");
  hit = nth_hit (fake, "efetch.fcgi", 0);
  g_assert_cmpstr (param (hit, "retmode"), ==, "xml");
  g_assert_cmpstr (param (hit, "rettype"), ==, "abstract");
  g_assert_cmpstr (param (hit, "id"), ==, "39500003,39500002,39500001");
  g_assert_cmpstr (param (hit, "email"), ==, "tests@radnet.example.com");
  outcome_clear (&o);
}

static void
test_search_empty (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  Outcome o = { 0 };

  fake->esearch = "esearch-empty.json";
  run_search (client, "gadoxetate AND fetal MRI", 30, 0, &o);
  g_assert_no_error (o.error);
  g_assert_nonnull (o.feed);
  g_assert_cmpuint (o.feed->entries->len, ==, 0);
  g_assert_cmpuint (o.count, ==, 0);
  /* Nothing to describe: no esummary, no efetch. */
  g_assert_cmpuint (fake->hits->len, ==, 1);
  outcome_clear (&o);
}

static void
test_invalid_query (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  Outcome o = { 0 };

  fake->esearch = "esearch-not-found.json";
  run_count (client, "pulmnoary angiografy zzqxv", 0, &o);
  g_assert_error (o.error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY);
  g_assert_nonnull (strstr (o.error->message, "pulmnoary angiografy"));
  outcome_clear (&o);

  fake->esearch = "esearch-error.json";
  run_search (client, "(pregnancy AND", 0, 0, &o);
  g_assert_error (o.error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY);
  g_assert_nonnull (strstr (o.error->message, "unbalanced parentheses"));
  g_assert_null (o.feed);
  g_assert_cmpuint (fake->hits->len, ==, 2);
  outcome_clear (&o);

  fake->esearch = "esearch-partial.json";
  run_count (client, "pulmonary embolism and qqzzyx", 0, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.count, ==, 2);
  g_assert_nonnull (strstr (o.notice, "qqzzyx"));
  outcome_clear (&o);
}

/* count 1234, 500 per esearch page: the newest 1200 take three pages. */
static void
test_paging (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  Outcome o = { 0 };
  Hit *hit;

  fake->esearch = NULL;
  fake->total = 1234;
  /* With a key NCBI allows 10 requests a second: the test runs faster. */
  rn_pubmed_client_set_api_key (client, SECRET_KEY);

  run_search (client, "mri", 0, 1200, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.count, ==, 1234);
  g_assert_cmpuint (o.feed->entries->len, ==, 1200);
  g_assert_cmpstr (((RnParsedEntry *) o.feed->entries->pdata[0])->pmid, ==, "40000000");
  g_assert_cmpstr (((RnParsedEntry *) o.feed->entries->pdata[1199])->pmid, ==, "39998801");
  g_assert_cmpstr (((RnParsedEntry *) o.feed->entries->pdata[1199])->summary, ==, "<p>Abstract of 39998801.</p>");

  g_assert_cmpuint (count_hits (fake, "esearch.fcgi"), ==, 3);
  hit = nth_hit (fake, "esearch.fcgi", 0);
  g_assert_cmpstr (param (hit, "retstart"), ==, "0");
  g_assert_cmpstr (param (hit, "retmax"), ==, "500");
  hit = nth_hit (fake, "esearch.fcgi", 1);
  g_assert_cmpstr (param (hit, "retstart"), ==, "500");
  g_assert_cmpstr (param (hit, "retmax"), ==, "500");
  hit = nth_hit (fake, "esearch.fcgi", 2);
  g_assert_cmpstr (param (hit, "retstart"), ==, "1000");
  g_assert_cmpstr (param (hit, "retmax"), ==, "200");

  /* 1200 ids in batches of 200, sent by POST (long id lists). */
  g_assert_cmpuint (count_hits (fake, "esummary.fcgi"), ==, 6);
  g_assert_cmpuint (count_hits (fake, "efetch.fcgi"), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GPtrArray) ids = NULL;

      hit = nth_hit (fake, "esummary.fcgi", i);
      g_assert_cmpstr (hit->method, ==, "POST");
      ids = split_ids (param (hit, "id"));
      g_assert_cmpuint (ids->len, ==, 200);
      g_assert_cmpstr (param (hit, "api_key"), ==, SECRET_KEY);
      g_assert_cmpstr (param (hit, "tool"), ==, "radnet");
      hit = nth_hit (fake, "efetch.fcgi", i);
      g_assert_cmpstr (hit->method, ==, "POST");
      g_assert_cmpstr (param (hit, "email"), ==, "tests@radnet.example.com");
    }
  outcome_clear (&o);

  /* The default: the newest 100 only, in one page. */
  g_ptr_array_set_size (fake->hits, 0);
  run_search (client, "mri", 0, 0, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.feed->entries->len, ==, 100);
  g_assert_cmpuint (count_hits (fake, "esearch.fcgi"), ==, 1);
  g_assert_cmpstr (param (nth_hit (fake, "esearch.fcgi", 0), "retmax"), ==, "100");
  g_assert_cmpuint (count_hits (fake, "esummary.fcgi"), ==, 1);
  g_assert_cmpstr (nth_hit (fake, "esummary.fcgi", 0)->method, ==, "POST");
  outcome_clear (&o);
}

static void
test_rate_limited (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  Outcome o = { 0 };
  gint64 gap;

  /* 429 with Retry-After: 1 → waits a second, then succeeds. */
  fake->fail_429 = 1;
  fake->retry_after = "1";
  run_count (client, "pregnancy", 0, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.count, ==, 3);
  g_assert_cmpuint (fake->hits->len, ==, 2);
  gap = ((Hit *) fake->hits->pdata[1])->time - ((Hit *) fake->hits->pdata[0])->time;
  g_assert_cmpint (gap, >=, G_USEC_PER_SEC * 95 / 100);
  outcome_clear (&o);

  /* Still limited after every retry: RATE_LIMITED. */
  g_ptr_array_set_size (fake->hits, 0);
  fake->fail_429 = 100;
  fake->retry_after = NULL;
  run_count (client, "pregnancy", 0, &o);
  g_assert_error (o.error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_RATE_LIMITED);
  g_assert_cmpuint (fake->hits->len, ==, 4);   /* 1 + 3 retries */
  outcome_clear (&o);
}

static void
test_server_error_retry (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  Outcome o = { 0 };

  /* Two 500s, then the answer: the search completes. */
  fake->fail_500 = 2;
  run_search (client, "pregnancy", 0, 0, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.feed->entries->len, ==, 3);
  g_assert_cmpuint (count_hits (fake, "esearch.fcgi"), ==, 3);
  outcome_clear (&o);

  /* Back-off grows: 50 ms, 100 ms, 200 ms (plus the rate limit). */
  g_ptr_array_set_size (fake->hits, 0);
  fake->fail_500 = 100;
  run_count (client, "pregnancy", 0, &o);
  g_assert_error (o.error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_SERVER);
  g_assert_cmpuint (fake->hits->len, ==, 4);
  g_assert_cmpint (((Hit *) fake->hits->pdata[3])->time - ((Hit *) fake->hits->pdata[2])->time, >=, 190 * 1000);
  outcome_clear (&o);
  fake->fail_500 = 0;

  /* A 4xx is not retried, and the key NCBI echoes is scrubbed. */
  g_ptr_array_set_size (fake->hits, 0);
  rn_pubmed_client_set_api_key (client, SECRET_KEY);
  fake->fail_400 = 1;
  run_count (client, "pregnancy", 0, &o);
  g_assert_error (o.error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_SERVER);
  g_assert_cmpuint (fake->hits->len, ==, 1);
  g_assert_null (strstr (o.error->message, SECRET_KEY));
  g_assert_nonnull (strstr (o.error->message, "api_key=***"));
  outcome_clear (&o);
}

/* NCBI's rule: no more than 3 requests in any second without a key. */
static void
test_rate_limit_timing (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  Outcome outcomes[10] = { { 0 } };
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    rn_pubmed_client_count_async (client, "pregnancy", 0, NULL, on_count, &outcomes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_assert_true (rn_test_wait_for (&outcomes[i].done, 20000));
      g_assert_no_error (outcomes[i].error);
      outcome_clear (&outcomes[i]);
    }
  g_assert_cmpuint (fake->hits->len, ==, 10);
  for (guint i = 0; i + 3 < fake->hits->len; i++)
    {
      gint64 span = ((Hit *) fake->hits->pdata[i + 3])->time - ((Hit *) fake->hits->pdata[i])->time;

      /* Four requests never fit in one second. */
      g_assert_cmpint (span, >=, G_USEC_PER_SEC);
    }
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 3 * G_USEC_PER_SEC);

  /* With a key: 10 a second. */
  g_ptr_array_set_size (fake->hits, 0);
  rn_pubmed_client_set_api_key (client, SECRET_KEY);
  g_usleep (G_USEC_PER_SEC + 100 * 1000);   /* let the old window pass */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    rn_pubmed_client_count_async (client, "pregnancy", 0, NULL, on_count, &outcomes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_assert_true (rn_test_wait_for (&outcomes[i].done, 20000));
      g_assert_no_error (outcomes[i].error);
      outcome_clear (&outcomes[i]);
    }
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpstr (param (fake->hits->pdata[0], "api_key"), ==, SECRET_KEY);
}

static void
test_timeout_and_size (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  Outcome o = { 0 };

  fake->huge = 5 * 1024 * 1024;
  run_count (client, "pregnancy", 0, &o);
  g_assert_error (o.error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE);
  outcome_clear (&o);
  fake->huge = 0;

  fake->stall = TRUE;
  rn_pubmed_client_set_timeout (client, 1);
  run_count (client, "pregnancy", 0, &o);
  g_assert_error (o.error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_NETWORK);
  outcome_clear (&o);
}

static void
test_cancel (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0 };

  fake->stall = TRUE;
  rn_pubmed_client_search_async (client, "pregnancy", 0, 0, cancellable, on_search, &o);
  while (fake->hits->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  g_assert_true (rn_test_wait_for (&o.done, 5000));
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  outcome_clear (&o);
}

/* ---- the source ---- */

typedef struct
{
  gboolean      done;
  gboolean      ok;
  RnIngestStats stats;
  GError       *error;
} RefreshOutcome;

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  RefreshOutcome *r = data;

  r->ok = rn_pubmed_refresh_feed_finish (result, &r->stats, &r->error);
  r->done = TRUE;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return rn_sql_dup_text (stmt, 0);
}

static void
test_refresh (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  RnPubmedOptions options = { 30, 0 };
  g_autoptr(GError) error = NULL;
  RefreshOutcome r = { 0 };
  sqlite3 *db;
  gint64 feed_id = 0;
  g_autofree char *text = NULL;
  g_autoptr(RnFeed) feed = NULL;

  g_assert_true (rn_pubmed_source_add (store, "  CT pulmonary angiography AND pregnancy ", NULL, &options,
                                       0, &feed_id, &error));
  g_assert_no_error (error);
  feed = rn_feed_store_get_feed (store, feed_id, &error);
  g_assert_cmpstr (rn_feed_get_kind (feed), ==, "pubmed");
  g_assert_cmpstr (rn_feed_get_url (feed), ==, "CT pulmonary angiography AND pregnancy");
  g_assert_cmpstr (rn_feed_get_title (feed), ==, "CT pulmonary angiography AND pregnancy");

  rn_pubmed_refresh_feed_async (store, client, feed_id, NULL, on_refreshed, &r);
  g_assert_true (rn_test_wait_for (&r.done, 30000));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (r.stats.added, ==, 3);

  /* The date window from the options reached NCBI. */
  g_assert_cmpstr (param (nth_hit (fake, "esearch.fcgi", 0), "reldate"), ==, "30");
  g_assert_cmpstr (param (nth_hit (fake, "esearch.fcgi", 0), "datetype"), ==, "edat");

  db = rn_store_get_reader (store);
  g_assert_cmpint (rn_sql_query_int (db, "SELECT count(*) FROM items WHERE type = 'article'", 0), ==, 3);
  text = query_text (db, "SELECT doi FROM items WHERE guid = 'pmid:39500002'");
  g_assert_cmpstr (text, ==, "10.1007/s00330-024-11234-x");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT link FROM items WHERE guid = 'pmid:39500002'");
  g_assert_cmpstr (text, ==, "https://pubmed.ncbi.nlm.nih.gov/39500002/");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT json_extract(extra, '$.journal') || '|' || json_extract(extra, '$.volume') || '|' || "
                         "json_extract(extra, '$.issue') || '|' || json_extract(extra, '$.first_page') || '|' || "
                         "json_extract(extra, '$.pmid') || '|' || json_extract(extra, '$.pmcid') "
                         "FROM items WHERE guid = 'pmid:39500002'");
  g_assert_cmpstr (text, ==, "European radiology|35|2|812|39500002|PMC11800002");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT author FROM items WHERE guid = 'pmid:39500001'");
  g_assert_cmpstr (text, ==, "Ferreira-Santos A, Chen W");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT summary FROM items WHERE guid = 'pmid:39500001'");
  g_assert_nonnull (strstr (text, "<p><strong>PURPOSE:</strong> To summarise evidence"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (rn_sql_query_int (db, "SELECT count(*) FROM item_tags t JOIN items i ON i.id = t.item_id "
                                         "WHERE i.guid = 'pmid:39500001' AND t.tag IN ('Review', 'Practice Guideline')", 0), ==, 2);
  g_assert_cmpint (rn_sql_query_int (db, "SELECT count(*) FROM item_tags t JOIN items i ON i.id = t.item_id "
                                         "WHERE i.guid = 'pmid:39500002' AND t.tag = 'Randomized Controlled Trial'", 0), ==, 1);
  g_assert_cmpint (rn_sql_query_int (db, "SELECT published FROM items WHERE guid = 'pmid:39500002'", 0), ==, 1737331200);
  /* Full-text search finds words of the abstract. */
  g_assert_cmpint (rn_sql_query_int (db, "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'scintigraphy'", 0), ==, 1);
  text = query_text (db, "SELECT site_url FROM feeds WHERE kind = 'pubmed'");
  g_assert_true (g_str_has_prefix (text, "https://pubmed.ncbi.nlm.nih.gov/?term="));
  g_clear_pointer (&text, g_free);

  /* Refreshing again adds nothing. */
  memset (&r, 0, sizeof r);
  rn_pubmed_refresh_feed_async (store, client, feed_id, NULL, on_refreshed, &r);
  g_assert_true (rn_test_wait_for (&r.done, 30000));
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.stats.added, ==, 0);
  g_assert_cmpuint (r.stats.updated, ==, 0);
  g_assert_cmpuint (r.stats.unchanged, ==, 3);
  g_assert_cmpint (rn_sql_query_int (db, "SELECT count(*) FROM items", 0), ==, 3);
  g_assert_cmpint (rn_sql_query_int (db, "SELECT count(*) FROM items WHERE json_extract(extra, '$.pmid') IS NOT NULL", 0), ==, 3);

  /* What the reader's header shows: the journal reference, the types
   * worth naming, and the PubMed, PMC and DOI addresses. */
  {
    g_autoptr(RnItemCitation) citation = NULL;
    g_autofree char *source = NULL;
    g_autofree char *pubmed = NULL;
    g_autofree char *pmc = NULL;
    g_autofree char *doi = NULL;

    citation = rn_item_citation_load (store, rn_sql_query_int (db, "SELECT id FROM items WHERE guid = 'pmid:39500002'", 0),
                                      &error);
    g_assert_no_error (error);
    source = rn_item_citation_format_source (citation);
    g_assert_cmpstr (source, ==, "European radiology 35(2):812");
    /* "Journal Article" goes without saying. */
    g_assert_cmpuint (citation->types->len, ==, 2);
    g_assert_cmpstr (citation->types->pdata[0], ==, "Multicenter Study");
    g_assert_cmpstr (citation->types->pdata[1], ==, "Randomized Controlled Trial");
    pubmed = rn_item_citation_pubmed_url (citation);
    pmc = rn_item_citation_pmc_url (citation);
    doi = rn_item_citation_doi_url (citation);
    g_assert_cmpstr (pubmed, ==, "https://pubmed.ncbi.nlm.nih.gov/39500002/");
    g_assert_cmpstr (pmc, ==, "https://pmc.ncbi.nlm.nih.gov/articles/PMC11800002/");
    g_assert_cmpstr (doi, ==, "https://doi.org/10.1007/s00330-024-11234-x");
    g_clear_pointer (&citation, rn_item_citation_free);

    citation = rn_item_citation_load (store, 999999, &error);
    g_assert_null (citation);
    g_assert_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_clear_object (&feed);
  g_clear_object (&context);
  rn_test_rmdir (dir);
}

static void
test_refresh_errors (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnPubmedClient) client = client_for (fake);
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  RnFeedSpec spec = { .url = "https://example.org/feed.xml" };
  g_autoptr(GError) error = NULL;
  RefreshOutcome r = { 0 };
  gint64 web_id = 0, pubmed_id = 0;

  g_assert_true (rn_feed_store_add_feed (store, &spec, &web_id, &error));
  rn_pubmed_refresh_feed_async (store, client, web_id, NULL, on_refreshed, &r);
  g_assert_true (rn_test_wait_for (&r.done, 10000));
  g_assert_false (r.ok);
  g_assert_error (r.error, RN_STORE_ERROR, RN_STORE_ERROR_INVALID);
  g_clear_error (&r.error);

  memset (&r, 0, sizeof r);
  rn_pubmed_refresh_feed_async (store, client, 9999, NULL, on_refreshed, &r);
  g_assert_true (rn_test_wait_for (&r.done, 10000));
  g_assert_error (r.error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&r.error);

  /* NCBI's complaint reaches the caller; nothing is stored. */
  g_assert_true (rn_pubmed_source_add (store, "(pregnancy AND", "Broken", NULL, 0, &pubmed_id, &error));
  fake->esearch = "esearch-error.json";
  memset (&r, 0, sizeof r);
  rn_pubmed_refresh_feed_async (store, client, pubmed_id, NULL, on_refreshed, &r);
  g_assert_true (rn_test_wait_for (&r.done, 10000));
  g_assert_error (r.error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY);
  g_clear_error (&r.error);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM items", -1), ==, 0);

  g_assert_false (rn_pubmed_source_add (store, " ", NULL, NULL, 0, NULL, &error));
  g_assert_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY);

  g_clear_object (&context);
  rn_test_rmdir (dir);
}

static void
test_options (void)
{
  RnPubmedOptions o = { 7, 7 };
  RnPubmedOptions back;
  g_autofree char *json = NULL;

  g_assert_true (rn_pubmed_options_parse (NULL, &o));
  g_assert_cmpuint (o.days, ==, 0);
  g_assert_true (rn_pubmed_options_parse ("{\"days\": 30}", &o));
  g_assert_cmpuint (o.days, ==, 30);
  g_assert_cmpuint (o.max_results, ==, 0);
  g_assert_true (rn_pubmed_options_parse ("{\"days\": \"x\", \"max_results\": 99999999}", &o));
  g_assert_cmpuint (o.days, ==, 0);
  g_assert_cmpuint (o.max_results, ==, RN_PUBMED_MAX_RESULTS_LIMIT);
  g_assert_false (rn_pubmed_options_parse ("[1]", &o));
  g_assert_false (rn_pubmed_options_parse ("{", &o));

  o.days = 365;
  o.max_results = 200;
  json = rn_pubmed_options_to_json (&o);
  g_assert_true (rn_pubmed_options_parse (json, &back));
  g_assert_cmpuint (back.days, ==, 365);
  g_assert_cmpuint (back.max_results, ==, 200);
  o.days = 0;
  o.max_results = 0;
  g_assert_null (rn_pubmed_options_to_json (&o));
}

/* ---- API key in the keyring ---- */

#define KEY "0123456789abcdef0123456789abcdef0123"

static void
on_key_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
key_save (RnCredentials  *creds,
          RnPubmedClient *client,
          const char     *key,
          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rn_pubmed_key_save_async (creds, client, key, NULL, on_key_done, &result);
  return rn_pubmed_key_save_finish (wait_result (&result), error);
}

static gboolean
key_load (RnCredentials  *creds,
          RnPubmedClient *client,
          gboolean       *found,
          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rn_pubmed_key_load_async (creds, client, NULL, on_key_done, &result);
  return rn_pubmed_key_load_finish (wait_result (&result), found, error);
}

static void
test_api_key (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(RnCredentials) creds = rn_credentials_memory_new ();
  g_autoptr(RnPubmedClient) first = client_for (fake);
  g_autoptr(RnPubmedClient) second = client_for (fake);
  g_autoptr(GError) error = NULL;
  Outcome o = { 0 };
  gboolean found = TRUE;

  /* Nothing stored yet: success, no key, NCBI's keyless limit. */
  g_assert_true (key_load (creds, first, &found, &error));
  g_assert_no_error (error);
  g_assert_false (found);
  g_assert_false (rn_pubmed_client_has_api_key (first));

  /* Junk is refused before it reaches the keyring. */
  g_assert_false (key_save (creds, first, "abc def", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (rn_credentials_memory_get_n_secrets (RN_CREDENTIALS_MEMORY (creds)), ==, 0);

  g_assert_true (key_save (creds, first, KEY, &error));
  g_assert_no_error (error);
  g_assert_true (rn_pubmed_client_has_api_key (first));
  g_assert_cmpuint (rn_credentials_memory_get_n_secrets (RN_CREDENTIALS_MEMORY (creds)), ==, 1);

  /* A new client (the next start) reads it back and sends it. */
  g_assert_true (key_load (creds, second, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  run_count (second, "pregnancy", 0, &o);
  g_assert_no_error (o.error);
  g_assert_cmpstr (param (nth_hit (fake, "esearch.fcgi", 0), "api_key"), ==, KEY);
  outcome_clear (&o);

  /* A keyring that cannot be reached is an error; the client keeps going
   * without a key rather than guessing one. */
  rn_credentials_memory_set_available (RN_CREDENTIALS_MEMORY (creds), FALSE);
  {
    g_autoptr(RnPubmedClient) third = client_for (fake);

    g_assert_false (key_load (creds, third, &found, &error));
    g_assert_error (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_UNAVAILABLE);
    g_clear_error (&error);
    g_assert_false (rn_pubmed_client_has_api_key (third));
  }
  rn_credentials_memory_set_available (RN_CREDENTIALS_MEMORY (creds), TRUE);

  /* Removing it: gone from the keyring and from the requests. */
  g_assert_true (key_save (creds, second, "", &error));
  g_assert_no_error (error);
  g_assert_false (rn_pubmed_client_has_api_key (second));
  g_assert_cmpuint (rn_credentials_memory_get_n_secrets (RN_CREDENTIALS_MEMORY (creds)), ==, 0);
  run_count (second, "pregnancy", 0, &o);
  g_assert_no_error (o.error);
  g_assert_null (param (nth_hit (fake, "esearch.fcgi", 1), "api_key"));
  outcome_clear (&o);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/pubmed/parse/esearch", test_parse_esearch);
  g_test_add_func ("/radnet/core/pubmed/parse/esummary", test_parse_esummary);
  g_test_add_func ("/radnet/core/pubmed/parse/efetch", test_parse_efetch);
  g_test_add_func ("/radnet/core/pubmed/parse/dates", test_parse_dates);
  g_test_add_func ("/radnet/core/pubmed/parse/scrub", test_scrub);
  g_test_add_func ("/radnet/core/pubmed/client/count", test_count);
  g_test_add_func ("/radnet/core/pubmed/client/search", test_search);
  g_test_add_func ("/radnet/core/pubmed/client/empty", test_search_empty);
  g_test_add_func ("/radnet/core/pubmed/client/invalid-query", test_invalid_query);
  g_test_add_func ("/radnet/core/pubmed/client/paging", test_paging);
  g_test_add_func ("/radnet/core/pubmed/client/rate-limited", test_rate_limited);
  g_test_add_func ("/radnet/core/pubmed/client/server-error", test_server_error_retry);
  g_test_add_func ("/radnet/core/pubmed/client/rate-limit-timing", test_rate_limit_timing);
  g_test_add_func ("/radnet/core/pubmed/client/timeout-and-size", test_timeout_and_size);
  g_test_add_func ("/radnet/core/pubmed/client/cancel", test_cancel);
  g_test_add_func ("/radnet/core/pubmed/client/api-key", test_api_key);
  g_test_add_func ("/radnet/core/pubmed/source/options", test_options);
  g_test_add_func ("/radnet/core/pubmed/source/refresh", test_refresh);
  g_test_add_func ("/radnet/core/pubmed/source/refresh-errors", test_refresh_errors);

  return g_test_run ();
}
