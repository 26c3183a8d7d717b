/* The sanitised document model: structure, text, serialisation, limits. */
#include "config.h"

#include <string.h>

#include "html/rn-html-doc.h"
#include "rn-html-test-util.h"
#include "rn-test-util.h"

#define BASE "https://journal.example.org/articles/42/"

typedef struct
{
  const char *name;
  const char *html;
  const char *tree;   /* rn_html_test_dump of the root */
} StructureCase;

static const StructureCase structure_cases[] = {
  { "paragraphs", "<p>One</p><p>Two</p>",
    "document{paragraph{text'One'},paragraph{text'Two'}}" },
  { "loose-text", "Hello <b>bold</b> world",
    "document{paragraph{text'Hello ',strong{text'bold'},text' world'}}" },
  { "whitespace", "<p>  a \n\t b   <em> c </em>  d  </p>",
    "document{paragraph{text'a b ',emphasis{text'c'},text' d'}}" },
  { "headings", "<h1>T</h1><h3>S</h3><h6>x</h6>",
    "document{heading1{text'T'},heading3{text'S'},heading6{text'x'}}" },
  { "list", "<ul><li>a</li><li>b</li></ul>",
    "document{list{list-item{paragraph{text'a'}},list-item{paragraph{text'b'}}}}" },
  { "ordered-start", "<ol start=\"3\"><li>c</li></ol>",
    "document{list#3{list-item{paragraph{text'c'}}}}" },
  { "nested-list", "<ul><li>a<ul><li>b</li></ul></li></ul>",
    "document{list{list-item{paragraph{text'a'},list{list-item{paragraph{text'b'}}}}}}" },
  { "stray-li", "<li>x</li>",
    "document{list{list-item{paragraph{text'x'}}}}" },
  { "table", "<table><caption>Cap</caption><thead><tr><th>H</th><th colspan=2>I</th></tr></thead>"
             "<tbody><tr><td>1</td><td></td><td>3</td></tr></tbody></table>",
    "document{table{caption{text'Cap'},table-row{table-cell!{paragraph{text'H'}},"
    "table-cell!2x1{paragraph{text'I'}}},table-row{table-cell{paragraph{text'1'}},table-cell,"
    "table-cell{paragraph{text'3'}}}}}" },
  { "pre", "<pre>\n  int x;\n\n    return  x;\n</pre>",
    "document{pre{text'  int x;\n\n    return  x;\n'}}" },
  { "pre-code", "<pre><code>a  &lt;b&gt;\n c</code></pre>",
    "document{pre{code{text'a  <b>\n c'}}}" },
  { "inline-code", "<p>Use <code>ls  -l</code> now</p>",
    "document{paragraph{text'Use ',code{text'ls -l'},text' now'}}" },
  { "link-relative", "<p><a href=\"../43/\">next</a> <a href=\"#refs\">refs</a></p>",
    "document{paragraph{link<https://journal.example.org/articles/43/>{text'next'},text' ',"
    "link<https://journal.example.org/articles/42/#refs>{text'refs'}}}" },
  { "link-mailto", "<a href=\"mailto:editor@example.org\">mail</a>",
    "document{paragraph{link<mailto:editor@example.org>{text'mail'}}}" },
  { "link-dropped", "<a href=\"javascript:alert(1)\">x</a>",
    "document{paragraph{text'x'}}" },
  { "image", "<p><img src=\"fig1.png\" alt=\" Axial  CT \" width=\"640\" height=\"480px\"></p>",
    "document{paragraph{image<https://journal.example.org/articles/42/fig1.png|Axial CT|640x480>}}" },
  { "image-lazy", "<img src=\"data:image/gif;base64,R0lGOD\" data-src=\"/big.jpg\" alt=\"x\">",
    "document{paragraph{image<https://journal.example.org/big.jpg|x|-1x-1>}}" },
  { "tracker", "<p>Hi<img src=\"https://example.com/a.gif\" width=\"1\" height=\"1\"></p>",
    "document{paragraph{text'Hi',image!}}" },
  { "entities", "<p>&lt;tag&gt; &amp; caf&eacute; &#8212; &#x1F600; &nbsp;x</p>",
    "document{paragraph{text'<tag> & café — 😀 \xc2\xa0x'}}" },
  { "br", "<p>a<br>b<br/><br>c<br></p>",
    "document{paragraph{text'a',line-break,text'b',line-break,line-break,text'c'}}" },
  { "sub-sup-strike", "<p>H<sub>2</sub>O x<sup>2</sup> <s>old</s> <del>gone</del></p>",
    "document{paragraph{text'H',sub{text'2'},text'O x',sup{text'2'},text' ',strike{text'old'},"
    "text' ',strike{text'gone'}}}" },
  { "blockquote", "<blockquote><p>Quoted</p>tail</blockquote>",
    "document{blockquote{paragraph{text'Quoted'},paragraph{text'tail'}}}" },
  { "figure", "<figure><img src=\"/f.png\" alt=\"f\"><figcaption><p>Fig 1.</p><p>CT</p></figcaption></figure>",
    "document{figure{paragraph{image<https://journal.example.org/f.png|f|-1x-1>},"
    "caption{text'Fig 1.',line-break,text'CT'}}}" },
  { "hr", "<p>a</p><hr><p>b</p>",
    "document{paragraph{text'a'},hr,paragraph{text'b'}}" },
  { "divs", "<div>a</div><div>b<div>c</div>d</div>",
    "document{paragraph{text'a'},paragraph{text'b'},paragraph{text'c'},paragraph{text'd'}}" },
  { "block-in-link", "<p><a href=\"/x\"><div>Title</div><div>Teaser</div></a></p>",
    "document{paragraph{link<https://journal.example.org/x>{text'Title',line-break,text'Teaser'}}}" },
  { "empties-dropped", "<p></p><p> </p><ul><li></li></ul><b></b><p><br></p>",
    "document" },
  { "unknown-tags", "<custom-el data-x=1>kept <font color=red>text</font></custom-el>",
    "document{paragraph{text'kept text'}}" },
  { "math-text", "<p>x<math><mi>y</mi></math></p>",
    "document{paragraph{text'xy'}}" },
  { "empty", "", "document" },
  /* found by fuzzing: the output must parse back to the same tree */
  { "pre-code-newline", "<pre><code>\n\nX</code></pre>", "document{pre{code{text'\nX'}}}" },
  { "space-before-tracker", "<p>World <img src=\"https://example.com/p.gif\" width=1 height=1></p>",
    "document{paragraph{text'World',image!}}" },
  { "space-before-empty-inline", "<p>a <b></b></p><p>c <i> </i>d</p>",
    "document{paragraph{text'a'},paragraph{text'c d'}}" },
  { "break-before-tracker", "<p>a<span><h1><a href=/></a><img src=\"https://example.com/p.gif\" width=1></h1></span></p>",
    "document{paragraph{text'a',image!}}" },
};

static void
test_structure (gconstpointer data)
{
  const StructureCase *c = data;
  g_autoptr(RnHtmlDoc) doc = rn_html_doc_parse (c->html, -1, BASE, NULL);
  g_autofree char *tree = rn_html_test_dump_doc (doc);

  g_assert_cmpstr (tree, ==, c->tree);
  rn_html_test_check_shape (doc);
  g_assert_false (rn_html_doc_is_truncated (doc));
}

static void
test_round_trip (gconstpointer data)
{
  const StructureCase *c = data;
  g_autoptr(RnHtmlDoc) doc = rn_html_doc_parse (c->html, -1, BASE, NULL);
  g_autofree char *html = rn_html_doc_to_html (doc);
  g_autoptr(RnHtmlDoc) again = rn_html_doc_parse (html, -1, BASE, NULL);
  g_autofree char *tree = rn_html_test_dump (rn_html_doc_get_root (doc), FALSE);
  g_autofree char *tree2 = rn_html_test_dump (rn_html_doc_get_root (again), FALSE);
  g_autofree char *html2 = rn_html_doc_to_html (again);

  g_assert_cmpstr (tree2, ==, tree);
  g_assert_cmpstr (html2, ==, html);
}

static RnHtmlDoc *
parse (const char *html)
{
  RnHtmlDoc *doc = rn_html_doc_parse (html, -1, BASE, NULL);

  rn_html_test_check_shape (doc);
  return doc;
}

static void
test_to_text (void)
{
  g_autoptr(RnHtmlDoc) doc = parse ("<h1>Title</h1><p>First <b>para</b>.<br>Line two</p>"
                                    "<ul><li>one</li><li>two<ol start=\"4\"><li>four</li></ol></li></ul>"
                                    "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
                                    "<p><img src=\"/x.png\" alt=\"Chest film\"> after"
                                    "<img src=\"https://stats.wordpress.com/b.gif?x=1\" alt=\"tracker\"></p>"
                                    "<pre>a\n  b</pre>");
  g_autofree char *text = rn_html_doc_to_text (doc);

  g_assert_cmpstr (text, ==,
                   "Title\n\nFirst para.\nLine two\n\n"
                   "• one\n• two\n  4. four\n\n"
                   "A\tB\n1\t2\n\n"
                   "Chest film after\n\n"
                   "a\n  b");
}

static void
test_to_html (void)
{
  g_autoptr(RnHtmlDoc) doc = parse ("<div class=x style=\"color:red\" onclick=\"evil()\">"
                                    "<p id=p1>A &amp; B &lt;c&gt; \"q\"</p>"
                                    "<p><a href=\"/path?a=1&amp;b=2\" title=t target=_blank>link</a></p>"
                                    "<p><img src=\"i.png\" alt='say \"hi\"' width=10 height=20 class=c></p>"
                                    "<ol start=2><li>x</li></ol><table><tr><td colspan=2>c</td></tr></table></div>");
  g_autofree char *html = rn_html_doc_to_html (doc);

  g_assert_cmpstr (html, ==,
                   "<p>A &amp; B &lt;c&gt; &quot;q&quot;</p>\n"
                   "<p><a href=\"https://journal.example.org/path?a=1&amp;b=2\">link</a></p>\n"
                   "<p><img src=\"https://journal.example.org/articles/42/i.png\" alt=\"say &quot;hi&quot;\""
                   " width=\"10\" height=\"20\"></p>\n"
                   "<ol start=\"2\"><li><p>x</p>\n</li>\n</ol>\n"
                   "<table><tr><td colspan=\"2\"><p>c</p>\n</td>\n</tr>\n</table>\n");
}

static void
test_images (void)
{
  g_autoptr(RnHtmlDoc) doc = parse ("<img src=\"/a.png\" alt=a><img src=\"b.jpg\"><img src=\"/a.png\">"
                                    "<img src=\"https://feeds.feedburner.com/~r/Radiology/~4/abc\">"
                                    "<img src=\"https://cdn.example.com/p.gif\" style=\"width:1px;height:1px\">"
                                    "<img src=\"https://cdn.example.com/h.gif\" style=\"display: none\">"
                                    "<img src=\"javascript:alert(1)\" alt=js>"
                                    "<img src=\"https://cdn.example.com/c.png\" width=\"100%\">");
  g_autoptr(GPtrArray) images = rn_html_doc_get_images (doc);
  RnHtmlPolicy policy;
  g_autoptr(RnHtmlDoc) never = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *never_html = NULL;

  g_assert_cmpuint (images->len, ==, 3);
  g_assert_cmpstr (images->pdata[0], ==, "https://journal.example.org/a.png");
  g_assert_cmpstr (images->pdata[1], ==, "https://journal.example.org/articles/42/b.jpg");
  g_assert_cmpstr (images->pdata[2], ==, "https://cdn.example.com/c.png");
  g_assert_cmpint (rn_html_doc_get_image_mode (doc), ==, RN_HTML_IMAGES_ASK);

  rn_html_policy_init (&policy);
  policy.images = RN_HTML_IMAGES_NEVER;
  never = rn_html_doc_parse ("<p><img src=\"/a.png\" alt=\"Axial CT\"></p>", -1, BASE, &policy);
  none = rn_html_doc_get_images (never);
  g_assert_cmpuint (none->len, ==, 0);
  never_html = rn_html_doc_to_html (never);
  g_assert_cmpstr (never_html, ==, "<p><img alt=\"Axial CT\"></p>\n");
  g_assert_cmpint (rn_html_doc_get_image_mode (never), ==, RN_HTML_IMAGES_NEVER);
}

static void
test_invalid_utf8 (void)
{
  const char html[] = "<meta charset=\"iso-8859-1\"><p>caf\xc3\xa9 \xff\xfe bad \xc3 x\xe2\x82</p><p>after\x01\x02 nul</p>";
  g_autoptr(RnHtmlDoc) doc = rn_html_doc_parse (html, sizeof html - 1, NULL, NULL);
  g_autofree char *tree = rn_html_test_dump_doc (doc);
  /* embedded NUL */
  const char with_nul[] = "<p>a\0b</p>";
  g_autoptr(RnHtmlDoc) doc2 = rn_html_doc_parse (with_nul, sizeof with_nul - 1, NULL, NULL);
  g_autofree char *tree2 = rn_html_test_dump_doc (doc2);

  rn_html_test_check_shape (doc);
  g_assert_cmpstr (tree, ==, "document{paragraph{text'café \xef\xbf\xbd\xef\xbf\xbd bad \xef\xbf\xbd x\xef\xbf\xbd\xef\xbf\xbd'},"
                             "paragraph{text'after nul'}}");
  g_assert_cmpstr (tree2, ==, "document{paragraph{text'a\xef\xbf\xbd" "b'}}");
}

static void
test_garbage (void)
{
  const char *inputs[] = { "<", "<<<>>>", "</p></div>", "<p", "&", "&#", "&#x;", "<!--", "<![CDATA[",
                           "<a href=", "<img src=\"", "<table><td><tr><li><dd>", "\xff\xff", "   \n " };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(RnHtmlDoc) doc = rn_html_doc_parse (inputs[i], -1, NULL, NULL);
      g_autofree char *html = rn_html_doc_to_html (doc);
      g_autofree char *text = rn_html_doc_to_text (doc);

      rn_html_test_check_shape (doc);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_null (strstr (html, "<a"));
    }
  {
    g_autoptr(RnHtmlDoc) doc = rn_html_doc_parse (NULL, 0, NULL, NULL);
    g_assert_null (rn_html_node_get_first_child (rn_html_doc_get_root (doc)));
  }
}

static void
test_deep_nesting (void)
{
  const char *tags[] = { "div", "b", "blockquote", "ul", "table", "a href=/x" };

  for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
    {
      g_autoptr(GString) html = g_string_new ("<p>start</p>");
      g_autoptr(RnHtmlDoc) doc = NULL;
      g_autofree char *text = NULL;
      g_autofree char *out = NULL;
      g_autoptr(RnHtmlDoc) again = NULL;
      gint64 begin = g_get_monotonic_time ();

      for (guint i = 0; i < 100000; i++)
        g_string_append_printf (html, "<%s>", tags[t]);
      g_string_append (html, "deep");
      doc = rn_html_doc_parse (html->str, html->len, BASE, NULL);
      rn_html_test_check_shape (doc);
      g_assert_cmpuint (rn_html_test_depth (rn_html_doc_get_root (doc)), <=, RN_HTML_DEFAULT_MAX_DEPTH + 1);
      text = rn_html_doc_to_text (doc);
      g_assert_true (g_str_has_prefix (text, "start"));
      out = rn_html_doc_to_html (doc);
      again = rn_html_doc_parse (out, -1, BASE, NULL);
      rn_html_test_check_shape (again);
      g_test_message ("100000 x <%s>: %u nodes, depth %u, truncated %d, %.1f ms", tags[t],
                      rn_html_doc_get_n_nodes (doc), rn_html_test_depth (rn_html_doc_get_root (doc)),
                      rn_html_doc_is_truncated (doc), (g_get_monotonic_time () - begin) / 1000.0);
    }
}

static void
test_depth_limit (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autofree char *text = NULL;

  /* 180 elements deep: below libxml2's own limit (256), above ours */
  for (guint i = 0; i < 120; i++)
    g_string_append (html, i % 2 ? "<blockquote>" : "<ul><li>");
  g_string_append (html, "deep <b>text</b>");
  for (guint i = 0; i < 120; i++)
    g_string_append (html, i % 2 ? "</li></ul>" : "</blockquote>");
  g_string_append (html, "<p>after</p>");
  doc = rn_html_doc_parse (html->str, html->len, NULL, NULL);
  rn_html_test_check_shape (doc);
  g_assert_cmpuint (rn_html_test_depth (rn_html_doc_get_root (doc)), <=, RN_HTML_DEFAULT_MAX_DEPTH + 1);
  text = rn_html_doc_to_text (doc);
  g_assert_nonnull (strstr (text, "deep text"));
  g_assert_true (g_str_has_suffix (text, "after"));
  /* Its structure was cut: said, as for a cut at the node limit. */
  g_assert_true (rn_html_doc_is_truncated (doc));
}

/* Near the depth limit, the output parsed again must be cut where the
 * input was: a link that opens a list item's content gets an implicit
 * paragraph, which the output spells out, so the link is one level deeper
 * on the stack of the second parse than of the first when it is reached. */
static void
test_depth_limit_reparse (void)
{
  /* a link that needs an implicit paragraph; a block that needs an
   * implicit list item */
  const char *const levels[] = { "<ul><li><a href=\"https://a.example/\">link</a>", "<ul><blockquote>quote" };

  guint whole = 0, cut = 0;

  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    for (guint shift = 0; shift < 2; shift++)   /* every depth, whatever its parity */
      for (guint n = 1; n <= RN_HTML_DEFAULT_MAX_DEPTH / 2 + 2; n++)
        {
          g_autoptr(GString) html = g_string_new (shift ? "<blockquote>" : "");
          g_autoptr(RnHtmlDoc) doc = NULL;
          g_autoptr(RnHtmlDoc) again = NULL;
          g_autofree char *out = NULL;
          g_autofree char *out2 = NULL;

          for (guint i = 0; i < n; i++)
            g_string_append (html, levels[l]);
          doc = rn_html_doc_parse (html->str, html->len, NULL, NULL);
          out = rn_html_doc_to_html (doc);
          again = rn_html_doc_parse (out, -1, NULL, NULL);
          out2 = rn_html_doc_to_html (again);
          if (rn_html_doc_is_truncated (doc))
            cut++;
          else
            {
              g_assert_cmpstr (out2, ==, out);
              whole++;
            }
        }
  /* the limit was crossed */
  g_assert_cmpuint (whole, >, 0);
  g_assert_cmpuint (cut, >, 0);
}

static void
test_node_limit (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  RnHtmlPolicy policy;
  g_autoptr(RnHtmlDoc) doc = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (html, "<p>a<b>b</b></p>");
  rn_html_policy_init (&policy);
  policy.max_nodes = 100;
  doc = rn_html_doc_parse (html->str, html->len, NULL, &policy);
  rn_html_test_check_shape (doc);
  g_assert_cmpuint (rn_html_doc_get_n_nodes (doc), <=, 100);
  g_assert_true (rn_html_doc_is_truncated (doc));
}

static void
test_big_input (void)
{
  gsize size = 20 * 1024 * 1024;
  g_autoptr(GString) html = g_string_sized_new (size + 64);
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autofree char *text = NULL;
  gint64 begin = g_get_monotonic_time ();

  while (html->len < size)
    g_string_append (html, "<p>Radiology report with <b>findings</b>, impression &amp; more.</p>\n");
  doc = rn_html_doc_parse (html->str, html->len, NULL, NULL);
  g_assert_true (rn_html_doc_is_truncated (doc));
  g_assert_cmpuint (rn_html_doc_get_n_nodes (doc), <=, RN_HTML_DEFAULT_MAX_NODES);
  rn_html_test_check_shape (doc);
  text = rn_html_doc_to_text (doc);
  g_assert_true (g_str_has_prefix (text, "Radiology report with findings, impression & more."));
  g_test_message ("20 MiB input: %u nodes, %.0f ms", rn_html_doc_get_n_nodes (doc),
                  (g_get_monotonic_time () - begin) / 1000.0);
}

static void
test_input_cut (void)
{
  RnHtmlPolicy policy;
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autofree char *text = NULL;

  rn_html_policy_init (&policy);
  policy.max_input = 7;   /* cuts inside the two-byte é */
  doc = rn_html_doc_parse ("<p>caf\xc3\xa9 au lait</p>", -1, NULL, &policy);
  text = rn_html_doc_to_text (doc);
  g_assert_cmpstr (text, ==, "caf");
  g_assert_true (rn_html_doc_is_truncated (doc));
}

static void
test_many_attributes (void)
{
  g_autoptr(GString) html = g_string_new ("<p>before</p><img ");
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autofree char *text = NULL;
  gint64 begin = g_get_monotonic_time ();
  double ms;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (html, "a%u=\"x>y\" ", i);
  g_string_append (html, "src=\"/late.png\" alt=late><p>after</p>");
  doc = rn_html_doc_parse (html->str, html->len, BASE, NULL);
  ms = (g_get_monotonic_time () - begin) / 1000.0;
  rn_html_test_check_shape (doc);
  text = rn_html_doc_to_text (doc);
  /* attributes past the cap are dropped (src among them), the rest stays */
  g_assert_cmpstr (text, ==, "before\n\nafter");
  g_test_message ("img with 200000 attributes: %.0f ms", ms);
  g_assert_cmpfloat (ms, <, 5000);
}

static void
test_meta_charset_ignored (void)
{
  g_autoptr(RnHtmlDoc) doc = parse ("<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
                                    "</head><p>Gr\xc3\xbc\xc3\x9f Gott \xe2\x80\x94 \xce\xb1</p>");
  g_autofree char *text = rn_html_doc_to_text (doc);

  g_assert_cmpstr (text, ==, "Grüß Gott — α");
}

static void
test_refcount (void)
{
  RnHtmlDoc *doc = rn_html_doc_parse ("<p>x</p>", -1, NULL, NULL);
  GValue value = G_VALUE_INIT;

  g_assert_true (rn_html_doc_ref (doc) == doc);
  rn_html_doc_unref (doc);
  g_value_init (&value, RN_TYPE_HTML_DOC);
  g_value_set_boxed (&value, doc);
  rn_html_doc_unref (doc);
  g_assert_cmpstr (rn_html_node_get_text (rn_html_node_get_first_child (rn_html_node_get_first_child (
                     rn_html_doc_get_root (g_value_get_boxed (&value))))), ==, "x");
  g_value_unset (&value);
}

typedef struct
{
  const char *url;
  const char *base;
  RnHtmlUrlKind kind;
  const char *expected;
} UrlCase;

static const UrlCase url_cases[] = {
  { "https://example.com/a?b=c#d", NULL, RN_HTML_URL_LINK, "https://example.com/a?b=c#d" },
  { "HTTP://Example.com/", NULL, RN_HTML_URL_LINK, "http://Example.com/" },
  { "  https://example.com/x  ", NULL, RN_HTML_URL_LINK, "https://example.com/x" },
  { "/rel/path", "https://a.example/b/c", RN_HTML_URL_LINK, "https://a.example/rel/path" },
  { "rel", "https://a.example/b/c", RN_HTML_URL_IMAGE, "https://a.example/b/rel" },
  { "rel", NULL, RN_HTML_URL_LINK, NULL },
  { "rel", "file:///etc/", RN_HTML_URL_LINK, NULL },
  { "//cdn.example/x.png", "https://a.example/", RN_HTML_URL_IMAGE, "https://cdn.example/x.png" },
  { "//cdn.example/x.png", NULL, RN_HTML_URL_IMAGE, NULL },
  { "mailto:a@b.example?subject=Hi", NULL, RN_HTML_URL_LINK, "mailto:a@b.example?subject=Hi" },
  { "mailto:a@b.example", NULL, RN_HTML_URL_IMAGE, NULL },
  { "javascript:alert(1)", "https://a.example/", RN_HTML_URL_LINK, NULL },
  { "JaVaScRiPt:alert(1)", NULL, RN_HTML_URL_LINK, NULL },
  { "jav\tascript:alert(1)", NULL, RN_HTML_URL_LINK, NULL },
  { "\x01javascript:alert(1)", NULL, RN_HTML_URL_LINK, NULL },
  { " \njava\nscript:alert(1)", "https://a.example/", RN_HTML_URL_LINK, NULL },
  { "vbscript:msgbox", NULL, RN_HTML_URL_LINK, NULL },
  { "data:text/html,<script>", NULL, RN_HTML_URL_LINK, NULL },
  { "data:image/png;base64,AAAA", NULL, RN_HTML_URL_IMAGE, NULL },
  { "file:///etc/passwd", NULL, RN_HTML_URL_IMAGE, NULL },
  { "blob:https://a.example/uuid", NULL, RN_HTML_URL_IMAGE, NULL },
  { "ftp://a.example/x", NULL, RN_HTML_URL_LINK, NULL },
  { "http:evil.example", NULL, RN_HTML_URL_LINK, NULL },
  { "https://", NULL, RN_HTML_URL_LINK, NULL },
  { "/\\evil.example/x", "https://a.example/", RN_HTML_URL_LINK, "https://a.example/%5Cevil.example/x" },
  { "https://a.example/a b\"<>", NULL, RN_HTML_URL_LINK, "https://a.example/a%20b%22%3C%3E" },
  { "https://a.example/caf\xc3\xa9", NULL, RN_HTML_URL_LINK, "https://a.example/caf%C3%A9" },
  { "https://a.example/100%", NULL, RN_HTML_URL_LINK, "https://a.example/100%25" },
  { "", "https://a.example/", RN_HTML_URL_LINK, NULL },
};

static void
test_sanitize_url (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (url_cases); i++)
    {
      g_autofree char *got = rn_html_sanitize_url (url_cases[i].url, url_cases[i].base, url_cases[i].kind);

      g_test_message ("%s -> %s", url_cases[i].url, got);
      g_assert_cmpstr (got, ==, url_cases[i].expected);
    }
}

static void
test_trackers (void)
{
  const char *trackers[] = {
    "https://feeds.feedburner.com/~r/RadiologyJournal/~4/AbCdEf",
    "http://feeds.feedburner.com/~ff/RadiologyJournal?d=yIl2AUoC8zA",
    "https://stats.wordpress.com/b.gif?host=x&blog=1",
    "https://pixel.wp.com/g.gif?x=1",
    "https://www.google-analytics.com/collect?v=1",
    "https://ad.doubleclick.net/ddm/x",
    "https://example.com/pixel.gif?id=3",
    "https://example.com/track/open/abc.png",
    "https://news.example.com/beacon?u=1",
    "https://example.com/img/1x1.png",
    "https://mailer.list-manage.com/track/open.php?u=1",
  };
  const char *fine[] = {
    "https://journal.example.org/figures/fig1.jpg",
    "https://example.com/pixel-art/cat.png",
    "https://feeds.feedburner.com/RadiologyJournal",
    "https://example.com/tracks/album.jpg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (trackers); i++)
    g_assert_true (rn_html_url_is_tracker (trackers[i]));
  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    g_assert_false (rn_html_url_is_tracker (fine[i]));
}

typedef struct
{
  const char *html;
  const char *text;
} TextCase;

static const TextCase text_cases[] = {
  { "<p>Hello <b>world</b></p><p>Two</p>", "Hello world\nTwo" },
  { "a<script>var x = '<p>no</p>';</script>b", "a b" },
  { "a<style>p { color: red }</style>b", "a b" },
  { "<SCRIPT type=x>x</SCRIPT >after", "after" },
  { "<!-- <p>hidden</p> -->shown", "shown" },
  { "x<!-- unterminated", "x" },
  { "&lt;&gt;&amp;&quot;&apos;&eacute;&#233;&#xE9;&#x1F600;", "<>&\"'ééé😀" },
  { "&amp &lt x &unknown; &#0; &#x110000; &#150;", "& < x &unknown; \xef\xbf\xbd \xef\xbf\xbd \xe2\x80\x93" },
  { "a&nbsp;&nbsp; b", "a b" },
  { "1 < 2 and 3 > 2", "1 < 2 and 3 > 2" },
  { "<a href=\"x>y\" title='a>b'>link</a>", "link" },
  { "<img src=x alt=y>word<br/>next", "word\nnext" },
  { "<template><p>t</p></template><noscript>enable js</noscript><svg><text>s</text></svg>ok", "ok" },
  { "<td>a</td><td>b</td>", "a b" },
  { "bad \xff utf8", "bad \xef\xbf\xbd utf8" },
  { "  lots   of\n\n  space  ", "lots of space" },
  { "<title>T</title><head><meta x></head>body", "body" },
  { "", "" },
};

static void
test_fast_text (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      g_autofree char *text = rn_html_to_text (text_cases[i].html, -1);

      g_assert_cmpstr (text, ==, text_cases[i].text);
    }
  {
    g_autofree char *text = rn_html_to_text (NULL, 0);
    g_assert_cmpstr (text, ==, "");
  }
}

static void
test_fast_text_speed (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *text = NULL;
  gint64 begin;
  double seconds, mb_per_s;
  guint rounds = 2000;

  /* a realistic 20 KB article: markup, attributes, entities, a script */
  g_string_append (html, "<html><head><title>Case</title><style>p{margin:0}</style>"
                         "<script>window.dataLayer=[];function g(){}</script></head><body>");
  while (html->len < 20 * 1024)
    g_string_append (html, "<p class=\"para\">The <a href=\"https://example.org/ref?id=1&amp;x=2\">MRI</a> "
                           "shows a T2&ndash;hyperintense lesion &mdash; 12&nbsp;mm, <em>without</em> "
                           "enhancement; caf&eacute; &#8220;sign&#8221;.</p>\n");
  g_string_append (html, "</body></html>");

  begin = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      g_free (text);
      text = rn_html_to_text (html->str, html->len);
    }
  seconds = (g_get_monotonic_time () - begin) / 1e6;
  mb_per_s = html->len * (double) rounds / seconds / 1e6;
  g_test_message ("rn_html_to_text: %" G_GSIZE_FORMAT " bytes x %u in %.3f s = %.0f MB/s",
                  html->len, rounds, seconds, mb_per_s);
  g_assert_nonnull (strstr (text, "The MRI shows a T2–hyperintense lesion — 12 mm, without enhancement; café “sign”."));
  g_assert_null (strstr (text, "dataLayer"));
  /* the goal is well above 100 MB/s; sanitizer builds are much slower,
   * so only guard against a gross regression here */
  g_assert_cmpfloat (mb_per_s, >, 5);
}

static gpointer
parse_in_thread (gpointer data)
{
  RnHtmlDoc *shared = data;
  g_autofree char *expected = rn_html_doc_to_html (shared);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(RnHtmlDoc) doc = rn_html_doc_parse ("<p>Caf&eacute; <a href=\"/x\">link</a></p>", -1, BASE, NULL);
      g_autofree char *html = rn_html_doc_to_html (doc);
      g_autofree char *again = rn_html_doc_to_html (shared);
      g_autofree char *text = rn_html_to_text ("<p>Caf&eacute; &mdash; x</p>", -1);

      if (g_strcmp0 (html, expected) != 0 || g_strcmp0 (again, expected) != 0
          || g_strcmp0 (text, "Café — x") != 0)
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

static void
test_threads (void)
{
  g_autoptr(RnHtmlDoc) shared = rn_html_doc_parse ("<p>Caf&eacute; <a href=\"/x\">link</a></p>", -1, BASE, NULL);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("parse", parse_in_thread, shared);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (structure_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/radnet/core/html/structure/%s", structure_cases[i].name);
      g_autofree char *rt = g_strdup_printf ("/radnet/core/html/round-trip/%s", structure_cases[i].name);

      g_test_add_data_func (path, &structure_cases[i], test_structure);
      g_test_add_data_func (rt, &structure_cases[i], test_round_trip);
    }
  g_test_add_func ("/radnet/core/html/to-text", test_to_text);
  g_test_add_func ("/radnet/core/html/to-html", test_to_html);
  g_test_add_func ("/radnet/core/html/images", test_images);
  g_test_add_func ("/radnet/core/html/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/radnet/core/html/garbage", test_garbage);
  g_test_add_func ("/radnet/core/html/limits/deep-nesting", test_deep_nesting);
  g_test_add_func ("/radnet/core/html/limits/depth", test_depth_limit);
  g_test_add_func ("/radnet/core/html/limits/depth-reparse", test_depth_limit_reparse);
  g_test_add_func ("/radnet/core/html/limits/nodes", test_node_limit);
  g_test_add_func ("/radnet/core/html/limits/big-input", test_big_input);
  g_test_add_func ("/radnet/core/html/limits/input-cut", test_input_cut);
  g_test_add_func ("/radnet/core/html/limits/many-attributes", test_many_attributes);
  g_test_add_func ("/radnet/core/html/meta-charset-ignored", test_meta_charset_ignored);
  g_test_add_func ("/radnet/core/html/refcount", test_refcount);
  g_test_add_func ("/radnet/core/html/threads", test_threads);
  g_test_add_func ("/radnet/core/html/url/sanitize", test_sanitize_url);
  g_test_add_func ("/radnet/core/html/url/trackers", test_trackers);
  g_test_add_func ("/radnet/core/html/fast-text", test_fast_text);
  g_test_add_func ("/radnet/core/html/fast-text-speed", test_fast_text_speed);
  return g_test_run ();
}
