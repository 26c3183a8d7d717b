/* libFuzzer target for core/html: sanitise, serialise, sanitise again (the
 * trees must agree), plain text both ways, and the article extractor. */
#include "config.h"

#include <string.h>

#include "html/rn-html-doc.h"
#include "html/rn-html-extract.h"

static void
check_tree (const RnHtmlNode *root)
{
  const RnHtmlNode *node = root;

  while (node != NULL)
    {
      if (rn_html_node_get_kind (node) == RN_HTML_NODE_LINK)
        {
          const char *href = rn_html_node_get_href (node);

          /* Schemes are case-insensitive: "maiLto:" is kept, rightly. */
          if (href == NULL || !(g_ascii_strncasecmp (href, "http://", 7) == 0
                                || g_ascii_strncasecmp (href, "https://", 8) == 0
                                || g_ascii_strncasecmp (href, "mailto:", 7) == 0))
            __builtin_trap ();
        }
      if (rn_html_node_get_kind (node) == RN_HTML_NODE_TEXT
          && !g_utf8_validate (rn_html_node_get_text (node), -1, NULL))
        __builtin_trap ();
      if (rn_html_node_get_first_child (node) != NULL)
        {
          node = rn_html_node_get_first_child (node);
          continue;
        }
      while (node != root && rn_html_node_get_next_sibling (node) == NULL)
        node = rn_html_node_get_parent (node);
      node = node == root ? NULL : rn_html_node_get_next_sibling (node);
    }
}

/* Whether a tag of the lower-cased serialised @html has an href or src
 * that is not a web or mail address. The serialiser escapes "<" in text
 * and quotes every attribute value, escaping the quotes inside, so the
 * tags can be read plainly. */
static gboolean
has_bad_url (const char *html)
{
  const char *p = html;

  while ((p = strchr (p, '<')) != NULL)
    {
      p++;
      while (*p != '\0' && *p != '>')
        {
          const char *name = p, *value;
          gsize name_len;

          if (*p == ' ' || *p == '/' || g_ascii_isalnum (*p))
            {
              while (*p != '\0' && *p != '>' && *p != '=')
                p++;
              if (*p != '=')
                break;
              /* back from '=' to the start of the attribute's name */
              for (name = p; name > html && name[-1] != ' '; name--)
                ;
              name_len = (gsize) (p - name);
              if (p[1] != '"')
                return TRUE;   /* every value is quoted */
              value = p + 2;
              p = strchr (value, '"');
              if (p == NULL)
                return TRUE;
              p++;
              if (((name_len == 4 && strncmp (name, "href", 4) == 0) || (name_len == 3 && strncmp (name, "src", 3) == 0))
                  && !g_str_has_prefix (value, "http://") && !g_str_has_prefix (value, "https://")
                  && !g_str_has_prefix (value, "mailto:"))
                return TRUE;
            }
          else
            p++;
        }
    }
  return FALSE;
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *html = (const char *) data;
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autoptr(RnHtmlDoc) again = NULL;
  g_autoptr(RnHtmlDoc) article = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fast = NULL;
  g_autofree char *title = NULL;

  doc = rn_html_doc_parse (html, size, "https://fuzz.example/a/b", NULL);
  check_tree (rn_html_doc_get_root (doc));
  out = rn_html_doc_to_html (doc);
  text = rn_html_doc_to_text (doc);
  images = rn_html_doc_get_images (doc);
  if (!g_utf8_validate (out, -1, NULL) || !g_utf8_validate (text, -1, NULL))
    __builtin_trap ();
  /* no script markup, no URL attribute starting with a dangerous scheme
   * (text, alt text included, may contain these words, but it is escaped) */
  {
    /* in any case: "JavaScript:" is as dangerous */
    g_autofree char *lower = g_ascii_strdown (out, -1);

    if (strstr (lower, "<script") != NULL || has_bad_url (lower))
      __builtin_trap ();
  }

  /* serialising is a fixed point: parse (to_html (doc)) == doc */
  again = rn_html_doc_parse (out, -1, "https://fuzz.example/a/b", NULL);
  out2 = rn_html_doc_to_html (again);
  if (!rn_html_doc_is_truncated (doc) && strcmp (out, out2) != 0)
    __builtin_trap ();

  fast = rn_html_to_text (html, size);
  if (!g_utf8_validate (fast, -1, NULL))
    __builtin_trap ();

  if (rn_html_extract_article (html, size, "https://fuzz.example/", &title, &article, &error))
    check_tree (rn_html_doc_get_root (article));
  return 0;
}
