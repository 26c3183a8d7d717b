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
  return g_test_run ();
}
