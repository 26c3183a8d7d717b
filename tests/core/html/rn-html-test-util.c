#include "config.h"

#include <string.h>

#include "rn-html-test-util.h"

static void
dump_open (GString          *out,
           const RnHtmlNode *node)
{
  RnHtmlNodeKind kind = rn_html_node_get_kind (node);

  g_string_append (out, rn_html_node_kind_to_string (kind));
  switch (kind)
    {
    case RN_HTML_NODE_TEXT:
      g_string_append_printf (out, "'%s'", rn_html_node_get_text (node));
      break;
    case RN_HTML_NODE_HEADING:
      g_string_append_printf (out, "%u", rn_html_node_get_level (node));
      break;
    case RN_HTML_NODE_LIST:
      if (rn_html_node_is_ordered (node))
        g_string_append_printf (out, "#%d", rn_html_node_get_start (node));
      break;
    case RN_HTML_NODE_TABLE_CELL:
      if (rn_html_node_is_header (node))
        g_string_append (out, "!");
      if (rn_html_node_get_colspan (node) != 1 || rn_html_node_get_rowspan (node) != 1)
        g_string_append_printf (out, "%ux%u", rn_html_node_get_colspan (node),
                                rn_html_node_get_rowspan (node));
      break;
    case RN_HTML_NODE_LINK:
      g_string_append_printf (out, "<%s>", rn_html_node_get_href (node));
      break;
    case RN_HTML_NODE_IMAGE:
      if (rn_html_node_is_tracker (node))
        {
          g_string_append (out, "!");
          break;
        }
      g_string_append_printf (out, "<%s|%s|%dx%d>",
                              rn_html_node_get_src (node) ? rn_html_node_get_src (node) : "",
                              rn_html_node_get_alt (node) ? rn_html_node_get_alt (node) : "",
                              rn_html_node_get_width (node), rn_html_node_get_height (node));
      break;
    default:
      break;
    }
  if (rn_html_node_get_first_child (node) != NULL)
    g_string_append_c (out, '{');
}

char *
rn_html_test_dump (const RnHtmlNode *root,
                   gboolean          with_trackers)
{
  GString *out = g_string_new (NULL);
  const RnHtmlNode *node = root;

  while (node != NULL)
    {
      gboolean skip = !with_trackers && rn_html_node_is_tracker (node);

      if (!skip)
        {
          if (node != root && rn_html_node_get_prev_sibling (node) != NULL
              && out->len > 0 && out->str[out->len - 1] != '{')
            g_string_append_c (out, ',');
          dump_open (out, node);
          if (rn_html_node_get_first_child (node) != NULL)
            {
              node = rn_html_node_get_first_child (node);
              continue;
            }
        }
      while (node != root && rn_html_node_get_next_sibling (node) == NULL)
        {
          node = rn_html_node_get_parent (node);
          g_string_append_c (out, '}');
        }
      node = node == root ? NULL : rn_html_node_get_next_sibling (node);
    }
  return g_string_free (out, FALSE);
}

char *
rn_html_test_dump_doc (RnHtmlDoc *doc)
{
  return rn_html_test_dump (rn_html_doc_get_root (doc), TRUE);
}

guint
rn_html_test_depth (const RnHtmlNode *root)
{
  const RnHtmlNode *node = root;
  guint depth = 1, max = 1;

  while (node != NULL)
    {
      if (rn_html_node_get_first_child (node) != NULL)
        {
          node = rn_html_node_get_first_child (node);
          depth++;
          max = MAX (max, depth);
          continue;
        }
      while (node != root && rn_html_node_get_next_sibling (node) == NULL)
        {
          node = rn_html_node_get_parent (node);
          depth--;
        }
      node = node == root ? NULL : rn_html_node_get_next_sibling (node);
    }
  return max;
}

static gboolean
is_flow (RnHtmlNodeKind kind)
{
  return kind == RN_HTML_NODE_DOCUMENT || kind == RN_HTML_NODE_BLOCKQUOTE
         || kind == RN_HTML_NODE_LIST_ITEM || kind == RN_HTML_NODE_TABLE_CELL
         || kind == RN_HTML_NODE_FIGURE;
}

static gboolean
holds_inlines (RnHtmlNodeKind kind)
{
  return kind == RN_HTML_NODE_PARAGRAPH || kind == RN_HTML_NODE_HEADING
         || kind == RN_HTML_NODE_PRE || kind == RN_HTML_NODE_CAPTION
         || kind >= RN_HTML_NODE_TEXT;
}

static void
check_child (const RnHtmlNode *parent,
             const RnHtmlNode *child)
{
  RnHtmlNodeKind p = rn_html_node_get_kind (parent);
  RnHtmlNodeKind c = rn_html_node_get_kind (child);

  g_assert_true (rn_html_node_get_parent (child) == parent);
  if (is_flow (p))
    {
      g_assert_true (rn_html_node_is_block (child));
      g_assert_true (c != RN_HTML_NODE_LIST_ITEM && c != RN_HTML_NODE_TABLE_ROW
                     && c != RN_HTML_NODE_TABLE_CELL);
    }
  else if (p == RN_HTML_NODE_LIST)
    g_assert_cmpint (c, ==, RN_HTML_NODE_LIST_ITEM);
  else if (p == RN_HTML_NODE_TABLE)
    g_assert_true (c == RN_HTML_NODE_TABLE_ROW || c == RN_HTML_NODE_CAPTION);
  else if (p == RN_HTML_NODE_TABLE_ROW)
    g_assert_cmpint (c, ==, RN_HTML_NODE_TABLE_CELL);
  else if (holds_inlines (p))
    g_assert_false (rn_html_node_is_block (child));
  else
    g_assert_not_reached ();
}

void
rn_html_test_check_shape (RnHtmlDoc *doc)
{
  const RnHtmlNode *root = rn_html_doc_get_root (doc);
  const RnHtmlNode *node = root;

  g_assert_cmpint (rn_html_node_get_kind (root), ==, RN_HTML_NODE_DOCUMENT);
  while (node != NULL)
    {
      RnHtmlNodeKind kind = rn_html_node_get_kind (node);
      guint n = 0;

      for (const RnHtmlNode *c = rn_html_node_get_first_child (node); c != NULL;
           c = rn_html_node_get_next_sibling (c))
        {
          check_child (node, c);
          n++;
        }
      g_assert_cmpuint (n, ==, rn_html_node_get_n_children (node));
      if (kind == RN_HTML_NODE_TEXT)
        {
          const char *text = rn_html_node_get_text (node);

          g_assert_nonnull (text);
          g_assert_cmpuint (strlen (text), >, 0);
          g_assert_true (g_utf8_validate (text, -1, NULL));
        }
      else if (kind == RN_HTML_NODE_LINK)
        {
          const char *href = rn_html_node_get_href (node);

          g_assert_nonnull (href);
          g_assert_true (g_str_has_prefix (href, "http://") || g_str_has_prefix (href, "https://")
                         || g_str_has_prefix (href, "mailto:"));
        }
      else if (kind == RN_HTML_NODE_IMAGE)
        {
          const char *src = rn_html_node_get_src (node);

          g_assert_true (src == NULL || g_str_has_prefix (src, "http://")
                         || g_str_has_prefix (src, "https://"));
        }
      if (kind != RN_HTML_NODE_DOCUMENT && kind != RN_HTML_NODE_TABLE_CELL
          && (rn_html_node_is_block (node) || kind >= RN_HTML_NODE_EMPHASIS)
          && kind != RN_HTML_NODE_HR && kind != RN_HTML_NODE_IMAGE
          && kind != RN_HTML_NODE_LINE_BREAK)
        g_assert_nonnull (rn_html_node_get_first_child (node));

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
