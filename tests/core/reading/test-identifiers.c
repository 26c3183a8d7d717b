#include "config.h"

#include "reading/rn-identifiers.h"

typedef struct
{
  const char *name;
  const char *text;
  const char *link;
  const char *hint;
  const char *doi;        /* expected primary DOI, NULL: none */
  const char *pmid;
  const char *pmcid;
  const char *arxiv;
  const char *preprint;
} Case;

static const Case cases[] = {
  /* DOIs in their many dresses */
  { "doi-prefix", "doi:10.1148/radiol.2020200432", NULL, NULL, "10.1148/radiol.2020200432" },
  { "doi-prefix-space", "DOI: 10.1148/radiol.2020200432", NULL, NULL, "10.1148/radiol.2020200432" },
  { "info-doi", "info:doi/10.1002/mrm.28512", NULL, NULL, "10.1002/mrm.28512" },
  { "doi-org-link", NULL, "https://doi.org/10.1056/NEJMoa2034577", NULL, "10.1056/nejmoa2034577" },
  { "dx-doi-org-link", NULL, "http://dx.doi.org/10.1016/j.jacr.2021.01.002", NULL, "10.1016/j.jacr.2021.01.002" },
  { "doi-url-encoded", NULL, "https://doi.org/10.1002%2F%28SICI%291097-4636%28199603%2931%3A3", NULL, "10.1002/(sici)1097-4636(199603)31:3" },
  { "doi-url-encoded-slash", "see https://dx.doi.org/10.1148%2Fradiol.2021204104 now", NULL, NULL, "10.1148/radiol.2021204104" },
  { "publisher-link", NULL, "https://pubs.rsna.org/doi/full/10.1148/radiol.220311", NULL, "10.1148/radiol.220311" },
  { "springer-link", NULL, "https://link.springer.com/article/10.1007/s00330-021-08049-8", NULL, "10.1007/s00330-021-08049-8" },
  { "free-text", "Our study (published as 10.2214/AJR.21.26553) showed", NULL, NULL, "10.2214/ajr.21.26553" },
  { "trailing-period", "The DOI is 10.1148/rg.2021200112.", NULL, NULL, "10.1148/rg.2021200112" },
  { "trailing-comma", "cf. 10.1148/rg.2021200112, and others", NULL, NULL, "10.1148/rg.2021200112" },
  { "trailing-semicolon", "10.1148/rg.2021200112; 10.1148/rg.2021200113", NULL, NULL, "10.1148/rg.2021200112" },
  { "unbalanced-paren", "(see doi:10.1259/bjr.20201234)", NULL, NULL, "10.1259/bjr.20201234" },
  { "balanced-paren-kept", "doi 10.1016/S0140-6736(20)30183-5 here", NULL, NULL, "10.1016/s0140-6736(20)30183-5" },
  { "paren-then-period", "(10.1016/S0140-6736(20)30183-5).", NULL, NULL, "10.1016/s0140-6736(20)30183-5" },
  { "html-href", "<p>Read <a href=\"https://doi.org/10.1148/radiol.2021211030\">the paper</a>.</p>", NULL, NULL, "10.1148/radiol.2021211030" },
  { "html-text-then-tag", "<span>doi:10.3348/kjr.2020.0146</span>", NULL, NULL, "10.3348/kjr.2020.0146" },
  { "uppercase-normalised", "DOI:10.1097/RLI.0000000000000763", NULL, NULL, "10.1097/rli.0000000000000763" },
  { "hint-wins", "also 10.1148/radiol.2020200432", NULL, "https://doi.org/10.2214/AJR.20.23034", "10.2214/ajr.20.23034" },
  { "link-before-text", "text cites 10.1000/aaa111", "https://doi.org/10.1000/bbb222", NULL, "10.1000/bbb222" },
  { "first-in-text-wins", "first 10.1000/first1 then 10.1000/second2", NULL, NULL, "10.1000/first1" },
  { "query-stripped", NULL, "https://doi.org/10.1148/radiol.2021211030?utm_source=feed", NULL, "10.1148/radiol.2021211030" },
  { "fragment-stripped", NULL, "https://onlinelibrary.wiley.com/doi/10.1002/jmri.27421#references", NULL, "10.1002/jmri.27421" },
  { "nine-digit-prefix", "10.123456789/abc", NULL, NULL, "10.123456789/abc" },
  /* false positives that must stay away */
  { "fp-short-prefix", "version 10.123/abc is not a DOI", NULL, NULL, NULL },
  { "fp-no-suffix", "10.1148/ alone", NULL, NULL, NULL },
  { "fp-ip-cidr", "route 10.10.10.0/24 via gateway", NULL, NULL, NULL },
  { "fp-glued-word", "id x10.1148/radiol.1 is noise", NULL, NULL, NULL },
  { "fp-glued-digit", "2010.1148/radiol.1", NULL, NULL, NULL },
  { "fp-ten-digit-prefix", "10.1234567890/abc", NULL, NULL, NULL },
  { "fp-decimal", "The ratio was 10.12345 overall", NULL, NULL, NULL },
  { "fp-pmid-too-long", "PMID: 123456789012", NULL, NULL, NULL },
  { "fp-bare-arxiv-number", "It cost 2301.01234 dollars", NULL, NULL, NULL },
  { "fp-pmc-lowercase-word", "the pmc12345 thing", NULL, NULL, NULL },
  { "fp-pmid-word", "PMIDs are numbers", NULL, NULL, NULL },
  { "fp-arxiv-bad-month", "arXiv:2313.01234", NULL, NULL, NULL },
  /* PubMed */
  { "pmid-link", NULL, "https://pubmed.ncbi.nlm.nih.gov/33301246/", NULL, NULL, "33301246" },
  { "pmid-old-link", NULL, "https://www.ncbi.nlm.nih.gov/pubmed/31204564", NULL, NULL, "31204564" },
  { "pmid-text", "Smith J. Radiology. 2021. PMID: 33650904", NULL, NULL, NULL, "33650904" },
  { "pmid-nocolon", "PMID 33650904.", NULL, NULL, NULL, "33650904" },
  { "pmcid-text", "PMCID: PMC7890123", NULL, NULL, NULL, NULL, "PMC7890123" },
  { "pmcid-link", NULL, "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8123456/", NULL, NULL, NULL, "PMC8123456" },
  { "pmid-and-doi", "doi: 10.1148/radiol.2021204104. PMID: 33724062; PMCID: PMC8011234", NULL, NULL,
    "10.1148/radiol.2021204104", "33724062", "PMC8011234" },
  /* arXiv */
  { "arxiv-abs", NULL, "https://arxiv.org/abs/2301.01234v2", NULL, NULL, NULL, NULL, "2301.01234v2" },
  { "arxiv-pdf", NULL, "https://arxiv.org/pdf/2107.12345.pdf", NULL, NULL, NULL, NULL, "2107.12345" },
  { "arxiv-text", "Preprint: arXiv:1912.0456 [eess.IV]", NULL, NULL, NULL, NULL, NULL, "1912.0456" },
  { "arxiv-old", "arXiv:hep-th/9901001", NULL, NULL, NULL, NULL, NULL, "hep-th/9901001" },
  { "arxiv-old-subject", NULL, "http://arxiv.org/abs/math.AG/0211159v1", NULL, NULL, NULL, NULL, "math.AG/0211159v1" },
  { "arxiv-doi", "https://doi.org/10.48550/arXiv.2303.08774", NULL, NULL, "10.48550/arxiv.2303.08774", NULL, NULL, "2303.08774" },
  /* medRxiv / bioRxiv */
  { "medrxiv-link", NULL, "https://www.medrxiv.org/content/10.1101/2020.03.04.20031112v2.full.pdf", NULL,
    "10.1101/2020.03.04.20031112", NULL, NULL, NULL, "10.1101/2020.03.04.20031112" },
  { "biorxiv-link", NULL, "https://www.biorxiv.org/content/10.1101/2021.06.01.446528v1", NULL,
    "10.1101/2021.06.01.446528", NULL, NULL, NULL, "10.1101/2021.06.01.446528" },
  { "biorxiv-old", "doi: 10.1101/123456", NULL, NULL, "10.1101/123456", NULL, NULL, NULL, "10.1101/123456" },
  { "cshl-journal-not-preprint", "Genome Res. doi:10.1101/gr.275303.121", NULL, NULL, "10.1101/gr.275303.121" },
  /* nothing at all */
  { "empty", "", NULL, NULL, NULL },
  { "all-null", NULL, NULL, NULL, NULL },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(RnIdentifiers) ids = rn_identifiers_find (c->text, c->link, c->hint);

  g_assert_cmpstr (rn_identifiers_get_doi (ids), ==, c->doi);
  g_assert_cmpstr (rn_identifiers_get_pmid (ids), ==, c->pmid);
  g_assert_cmpstr (rn_identifiers_get_pmcid (ids), ==, c->pmcid);
  g_assert_cmpstr (rn_identifiers_get_arxiv (ids), ==, c->arxiv);
  g_assert_cmpstr (rn_identifiers_get_preprint (ids), ==, c->preprint);
  g_assert_cmpint (rn_identifiers_is_empty (ids), ==,
                   c->doi == NULL && c->pmid == NULL && c->pmcid == NULL && c->arxiv == NULL);
}

static void
test_all_dois (void)
{
  g_autoptr(RnIdentifiers) ids =
    rn_identifiers_find ("a 10.1000/one1, b doi:10.1000/TWO2; again 10.1000/ONE1 and "
                         "https://doi.org/10.1000%2Fthree3", NULL, NULL);
  guint n = 0;
  const char * const *dois = rn_identifiers_get_dois (ids, &n);

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (dois[0], ==, "10.1000/one1");
  g_assert_cmpstr (dois[1], ==, "10.1000/two2");
  g_assert_cmpstr (dois[2], ==, "10.1000/three3");
  g_assert_null (dois[3]);
}

static void
test_preprint_server (void)
{
  g_autoptr(RnIdentifiers) med =
    rn_identifiers_find (NULL, "https://www.medrxiv.org/content/10.1101/2020.03.04.20031112v1", NULL);
  g_autoptr(RnIdentifiers) bare = rn_identifiers_find ("doi:10.1101/2020.03.04.20031112", NULL, NULL);

  g_assert_cmpstr (rn_identifiers_get_preprint_server (med), ==, "medRxiv");
  g_assert_null (rn_identifiers_get_preprint_server (bare));
  g_assert_cmpstr (rn_identifiers_get_preprint (bare), ==, "10.1101/2020.03.04.20031112");
}

static void
test_normalize (void)
{
  g_autofree char *a = rn_identifiers_normalize_doi ("  https://doi.org/10.1148/RADIOL.2020200432 ");
  g_autofree char *b = rn_identifiers_normalize_doi ("doi:10.1148/radiol.2020200432.");
  g_autofree char *c = rn_identifiers_normalize_doi ("not a doi");

  g_assert_cmpstr (a, ==, "10.1148/radiol.2020200432");
  g_assert_cmpstr (b, ==, "10.1148/radiol.2020200432");
  g_assert_null (c);
  g_assert_null (rn_identifiers_normalize_doi (NULL));
}

/* Many DOIs, huge and hostile input: bounded and quick. */
static void
test_limits (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(RnIdentifiers) ids = NULL;
  guint n = 0;
  gint64 start;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "10.1000/x%u ", i);
  for (guint i = 0; i < 200000; i++)
    g_string_append (text, "10.1000/");
  g_string_append_c (text, '\xff');
  start = g_get_monotonic_time ();
  ids = rn_identifiers_find (text->str, NULL, NULL);
  rn_identifiers_get_dois (ids, &n);
  g_assert_cmpuint (n, ==, RN_IDENTIFIERS_MAX_DOIS);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/radnet/core/reading/identifiers/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/radnet/core/reading/identifiers/all-dois", test_all_dois);
  g_test_add_func ("/radnet/core/reading/identifiers/preprint-server", test_preprint_server);
  g_test_add_func ("/radnet/core/reading/identifiers/normalize", test_normalize);
  g_test_add_func ("/radnet/core/reading/identifiers/limits", test_limits);
  return g_test_run ();
}
