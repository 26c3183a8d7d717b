/* Main-text extraction from realistic pages (fixtures in tests/data/html). */
#include "config.h"

#include <string.h>

#include "html/rn-html-extract.h"
#include "rn-html-test-util.h"
#include "rn-test-util.h"

typedef struct
{
  const char        *file;
  const char        *base;
  const char        *title;
  const char *const *keep;
  const char *const *drop;
  guint              images;   /* rn_html_doc_get_images() */
} ExtractCase;

static const char *const journal_keep[] = {
  "Deep learning triage of chest radiographs",
  "Purpose: To evaluate whether a deep learning model",
  "fell from 47 minutes to 19 minutes (p < 0.001)",
  "Table 1. Diagnostic performance by finding",
  "Pleural effusion\t0.88\t0.94",
  "Limitations include the single-centre design",
  NULL,
};
static const char *const journal_drop[] = {
  "Current issue", "Most read", "MRI safety in pacemaker", "Advertisement", "Great study",
  "All rights reserved", "Share", "dataLayer", "Search", "Home", NULL,
};
static const char *const blog_keep[] = {
  "When I started residency",
  "1. Read the request. The history tells you",
  "5. Keep a case log.",
  "Impression:\n  1. No acute cardiopulmonary process.",
  "the most common impression I dictated",
  NULL,
};
static const char *const blog_drop[] = {
  "About", "Related posts", "Surviving call", "Loading comments", "Subscribe", "Archives",
  "Powered by", "font-family", "Tags:", NULL,
};
static const char *const case_keep[] = {
  "A 24-year-old man fell on his outstretched hand",
  "PA radiograph of the wrist",
  "Figure 1. PA radiograph: a lucent line crosses the waist",
  "Figure 2. Coronal T1 MRI",
  "There is a non-united fracture through the waist",
  "MRI is the most sensitive follow-up test",
  "• Low T1 signal in the proximal pole",
  NULL,
};
static const char *const case_drop[] = {
  "Sign in", "Quiz", "Related cases", "Perilunate", "cookies", "teaching resource", "Pin", NULL,
};
static const char *const news_keep[] = {
  "The national medicines and devices regulator has approved",
  "Photon-counting detectors measure the energy",
  "every milligray counts",
  "has yet to be shown in trials",
  "installed in children's hospitals later this year",
  NULL,
};
static const char *const news_drop[] = {
  "World", "Subscribe for", "Most read", "Heatwave", "celebrity", "Contact", "Related: How much", NULL,
};

static const ExtractCase cases[] = {
  { "journal-article.html", "https://journal.example.org/articles/2026/12-3-5",
    "Deep learning triage of chest radiographs in the emergency department", journal_keep, journal_drop, 0 },
  { "blog-post.html", "https://blog.example.net/2026/03/five-things",
    "Five things I wish I knew as a first-year radiology resident", blog_keep, blog_drop, 0 },
  { "radiology-case.html", "https://cases.example.org/cases/1042/",
    "Case 1042: Scaphoid fracture with avascular necrosis", case_keep, case_drop, 2 },
  { "news-page.html", "https://news.example.com/health/pcct-children",
    "Regulator approves first photon-counting CT for children", news_keep, news_drop, 0 },
};

static void
test_extract (gconstpointer data)
{
  const ExtractCase *c = data;
  g_autoptr(GBytes) bytes = rn_test_load_data ("html", c->file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) images = NULL;
  gsize size;
  const char *html = g_bytes_get_data (bytes, &size);
  gboolean ok;

  ok = rn_html_extract_article (html, size, c->base, &title, &doc, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  rn_html_test_check_shape (doc);
  text = rn_html_doc_to_text (doc);
  g_test_message ("%s:\n%s", c->file, text);

  g_assert_cmpstr (title, ==, c->title);
  for (guint i = 0; c->keep[i] != NULL; i++)
    if (strstr (text, c->keep[i]) == NULL)
      g_error ("%s: main text lost \"%s\"", c->file, c->keep[i]);
  for (guint i = 0; c->drop[i] != NULL; i++)
    if (strstr (text, c->drop[i]) != NULL)
      g_error ("%s: boilerplate kept \"%s\"", c->file, c->drop[i]);
  images = rn_html_doc_get_images (doc);
  g_assert_cmpuint (images->len, ==, c->images);
}

static void
test_case_figures (void)
{
  g_autoptr(GBytes) bytes = rn_test_load_data ("html", "radiology-case.html", NULL);
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  guint figures = 0;

  g_assert_true (rn_html_extract_article (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                          "https://cases.example.org/cases/1042/", NULL, &doc, &error));
  g_assert_no_error (error);
  images = rn_html_doc_get_images (doc);
  g_assert_cmpstr (images->pdata[0], ==, "https://cases.example.org/cases/1042/images/1042-xray.jpg");
  g_assert_cmpstr (images->pdata[1], ==, "https://cases.example.org/cases/1042/images/mri-t1.jpg");
  for (const RnHtmlNode *n = rn_html_node_get_first_child (rn_html_doc_get_root (doc)); n != NULL;
       n = rn_html_node_get_next_sibling (n))
    if (rn_html_node_get_kind (n) == RN_HTML_NODE_FIGURE)
      {
        const RnHtmlNode *para = rn_html_node_get_first_child (n);
        const RnHtmlNode *image = rn_html_node_get_first_child (para);
        const RnHtmlNode *caption = rn_html_node_get_next_sibling (para);

        g_assert_cmpint (rn_html_node_get_kind (image), ==, RN_HTML_NODE_IMAGE);
        g_assert_cmpint (rn_html_node_get_width (image), ==, 800);
        g_assert_cmpint (rn_html_node_get_kind (caption), ==, RN_HTML_NODE_CAPTION);
        figures++;
      }
  g_assert_cmpuint (figures, ==, 2);
}

static void
test_no_content (void)
{
  const char *pages[] = { "", "<html><head><title>Empty</title></head><body></body></html>",
                          "<nav><a href=/>Home</a></nav><script>x()</script>" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RnHtmlDoc) doc = NULL;
      g_autofree char *title = NULL;

      g_assert_false (rn_html_extract_article (pages[i], -1, NULL, &title, &doc, &error));
      g_assert_error (error, RN_HTML_ERROR, RN_HTML_ERROR_NO_CONTENT);
      g_assert_null (doc);
      g_assert_null (title);
    }
}

static void
test_short_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  /* no paragraph long enough to score: the body is taken as it is */
  g_assert_true (rn_html_extract_article ("<html><body><h1>Short note</h1><p>Tiny.</p></body></html>", -1,
                                          NULL, &title, &doc, &error));
  g_assert_no_error (error);
  text = rn_html_doc_to_text (doc);
  g_assert_cmpstr (title, ==, "Short note");
  g_assert_cmpstr (text, ==, "Short note\n\nTiny.");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/radnet/core/html/extract/%s", cases[i].file);

      g_test_add_data_func (path, &cases[i], test_extract);
    }
  g_test_add_func ("/radnet/core/html/extract/case-figures", test_case_figures);
  g_test_add_func ("/radnet/core/html/extract/no-content", test_no_content);
  g_test_add_func ("/radnet/core/html/extract/short-page", test_short_page);
  return g_test_run ();
}
