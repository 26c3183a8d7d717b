/* rn-html-doc.c: the document and its nodes, and writing them back out as
 * HTML or text. Parsing lives in rn-html-build.c. */
#define G_LOG_DOMAIN "rn-html"

#include "config.h"

#include <string.h>

#include "rn-html-private.h"

G_DEFINE_BOXED_TYPE (RnHtmlDoc, rn_html_doc, rn_html_doc_ref, rn_html_doc_unref)

static void
node_free (gpointer data)
{
  RnHtmlNode *node = data;

  g_free (node->text);
  g_free (node->url);
  g_free (node->alt);
  g_free (node);
}

RnHtmlDoc *
rn_html_doc_new_empty (const char      *base_uri,
                       RnHtmlImageMode  images)
{
  RnHtmlDoc *doc = g_new0 (RnHtmlDoc, 1);

  g_atomic_ref_count_init (&doc->ref_count);
  doc->nodes = g_ptr_array_new_with_free_func (node_free);
  doc->base_uri = g_strdup (base_uri);
  doc->images = images;
  doc->root = rn_html_doc_new_node (doc, RN_HTML_NODE_DOCUMENT);
  return doc;
}

RnHtmlNode *
rn_html_doc_new_node (RnHtmlDoc      *doc,
                      RnHtmlNodeKind  kind)
{
  RnHtmlNode *node = g_new0 (RnHtmlNode, 1);

  node->kind = kind;
  node->width = -1;
  node->height = -1;
  node->colspan = 1;
  node->rowspan = 1;
  g_ptr_array_add (doc->nodes, node);
  return node;
}

RnHtmlDoc *
rn_html_doc_ref (RnHtmlDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  g_atomic_ref_count_inc (&doc->ref_count);
  return doc;
}

void
rn_html_doc_unref (RnHtmlDoc *doc)
{
  g_return_if_fail (doc != NULL);

  if (!g_atomic_ref_count_dec (&doc->ref_count))
    return;
  /* nodes are freed from the flat array: no recursion over the tree */
  g_ptr_array_unref (doc->nodes);
  g_free (doc->base_uri);
  g_free (doc);
}

const RnHtmlNode *
rn_html_doc_get_root (RnHtmlDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc->root;
}

gboolean
rn_html_doc_is_truncated (RnHtmlDoc *doc)
{
  g_return_val_if_fail (doc != NULL, FALSE);
  return doc->truncated;
}

RnHtmlImageMode
rn_html_doc_get_image_mode (RnHtmlDoc *doc)
{
  g_return_val_if_fail (doc != NULL, RN_HTML_IMAGES_NEVER);
  return doc->images;
}

const char *
rn_html_doc_get_base_uri (RnHtmlDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc->base_uri;
}

guint
rn_html_doc_get_n_nodes (RnHtmlDoc *doc)
{
  g_return_val_if_fail (doc != NULL, 0);
  return doc->nodes->len;
}

/* Pre-order successor of @node within @root's subtree, or NULL. When
 * @skip_children is set the subtree of @node is not entered. Iterative,
 * so any depth is fine. */
static const RnHtmlNode *
next_node (const RnHtmlNode *root,
           const RnHtmlNode *node,
           gboolean          skip_children)
{
  if (!skip_children && node->first_child != NULL)
    return node->first_child;
  while (node != root)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }
  return NULL;
}

GPtrArray *
rn_html_doc_get_images (RnHtmlDoc *doc)
{
  GPtrArray *images;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (doc != NULL, NULL);

  images = g_ptr_array_new_with_free_func (g_free);
  if (doc->images == RN_HTML_IMAGES_NEVER)
    return images;
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (const RnHtmlNode *node = doc->root; node != NULL; node = next_node (doc->root, node, FALSE))
    if (node->kind == RN_HTML_NODE_IMAGE && !node->tracker && node->url != NULL
        && g_hash_table_add (seen, node->url))
      g_ptr_array_add (images, g_strdup (node->url));
  return images;
}

/* ---- HTML output ---- */

/* Quotes are escaped in text too: then '="' in the output can only be an
 * attribute, which keeps checks on the output simple. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      default: g_string_append_c (out, *p); break;
      }
}

static void
append_attr (GString    *out,
             const char *name,
             const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value);
  g_string_append_c (out, '"');
}

static const char *
tag_name (const RnHtmlNode *node)
{
  static const char *const headings[] = { "h1", "h2", "h3", "h4", "h5", "h6" };

  switch (node->kind)
    {
    case RN_HTML_NODE_PARAGRAPH: return "p";
    case RN_HTML_NODE_HEADING: return headings[CLAMP (node->level, 1, 6) - 1];
    case RN_HTML_NODE_LIST: return node->ordered ? "ol" : "ul";
    case RN_HTML_NODE_LIST_ITEM: return "li";
    case RN_HTML_NODE_BLOCKQUOTE: return "blockquote";
    case RN_HTML_NODE_PRE: return "pre";
    case RN_HTML_NODE_TABLE: return "table";
    case RN_HTML_NODE_TABLE_ROW: return "tr";
    case RN_HTML_NODE_TABLE_CELL: return node->header ? "th" : "td";
    case RN_HTML_NODE_HR: return "hr";
    case RN_HTML_NODE_FIGURE: return "figure";
    case RN_HTML_NODE_CAPTION:
      return node->parent != NULL && node->parent->kind == RN_HTML_NODE_TABLE ? "caption" : "figcaption";
    case RN_HTML_NODE_EMPHASIS: return "em";
    case RN_HTML_NODE_STRONG: return "strong";
    case RN_HTML_NODE_CODE: return "code";
    case RN_HTML_NODE_LINK: return "a";
    case RN_HTML_NODE_IMAGE: return "img";
    case RN_HTML_NODE_LINE_BREAK: return "br";
    case RN_HTML_NODE_SUB: return "sub";
    case RN_HTML_NODE_SUP: return "sup";
    case RN_HTML_NODE_STRIKE: return "s";
    case RN_HTML_NODE_DOCUMENT:
    case RN_HTML_NODE_TEXT:
    default:
      return NULL;
    }
}

static void
open_tag (GString          *out,
          const RnHtmlNode *node)
{
  const char *name = tag_name (node);

  if (node->kind == RN_HTML_NODE_TEXT)
    {
      append_escaped (out, node->text != NULL ? node->text : "");
      return;
    }
  if (name == NULL)
    return;
  g_string_append_printf (out, "<%s", name);
  switch (node->kind)
    {
    case RN_HTML_NODE_LIST:
      if (node->ordered && node->start != 1)
        g_string_append_printf (out, " start=\"%d\"", node->start);
      break;
    case RN_HTML_NODE_TABLE_CELL:
      if (node->colspan != 1)
        g_string_append_printf (out, " colspan=\"%u\"", node->colspan);
      if (node->rowspan != 1)
        g_string_append_printf (out, " rowspan=\"%u\"", node->rowspan);
      break;
    case RN_HTML_NODE_LINK:
      append_attr (out, "href", node->url);
      break;
    case RN_HTML_NODE_IMAGE:
      if (node->url != NULL)
        append_attr (out, "src", node->url);
      if (node->alt != NULL)
        append_attr (out, "alt", node->alt);
      if (node->width >= 0)
        g_string_append_printf (out, " width=\"%d\"", node->width);
      if (node->height >= 0)
        g_string_append_printf (out, " height=\"%d\"", node->height);
      break;
    default:
      break;
    }
  g_string_append_c (out, '>');
  /* Parsing drops one newline at the start of a <pre>'s first text (also
   * inside <code>): give it one to drop. */
  if (node->kind == RN_HTML_NODE_PRE)
    {
      const RnHtmlNode *text = node;

      while (text != NULL && text->kind != RN_HTML_NODE_TEXT)
        text = next_node (node, text, FALSE);
      if (text != NULL && text->text != NULL && text->text[0] == '\n')
        g_string_append_c (out, '\n');
    }
}

static void
close_tag (GString          *out,
           const RnHtmlNode *node)
{
  const char *name = tag_name (node);

  if (name == NULL || node->kind == RN_HTML_NODE_IMAGE || node->kind == RN_HTML_NODE_HR
      || node->kind == RN_HTML_NODE_LINE_BREAK)
    return;
  g_string_append_printf (out, "</%s>", name);
  if (rn_html_node_is_block (node))
    g_string_append_c (out, '\n');
}

char *
rn_html_doc_to_html (RnHtmlDoc *doc)
{
  GString *out;
  const RnHtmlNode *root;
  const RnHtmlNode *node;

  g_return_val_if_fail (doc != NULL, NULL);

  out = g_string_new (NULL);
  root = doc->root;
  node = root->first_child;
  while (node != NULL)
    {
      const RnHtmlNode *done;

      gboolean hidden = node->kind == RN_HTML_NODE_IMAGE && node->tracker;

      if (!hidden)
        open_tag (out, node);
      if (!hidden && node->first_child != NULL)
        {
          node = node->first_child;
          continue;
        }
      /* close this node and every ancestor we finish on the way up */
      done = node;
      if (!hidden)
        close_tag (out, done);
      while (done != root && done->next == NULL)
        {
          done = done->parent;
          if (done != root)
            close_tag (out, done);
        }
      node = done == root ? NULL : done->next;
    }
  return g_string_free (out, FALSE);
}

/* ---- text output ---- */

typedef enum
{
  SEP_NONE,
  SEP_SPACE,
  SEP_TAB,
  SEP_LINE,
  SEP_BLANK,
} Separator;

typedef struct
{
  GString   *out;
  Separator  pending;
} TextWriter;

static void
want (TextWriter *w,
      Separator   sep)
{
  w->pending = MAX (w->pending, sep);
}

static void
write_text (TextWriter *w,
            const char *text)
{
  static const char *const seps[] = { "", " ", "\t", "\n", "\n\n" };

  if (text == NULL || *text == '\0')
    return;
  if (w->out->len > 0)
    g_string_append (w->out, seps[w->pending]);
  w->pending = SEP_NONE;
  g_string_append (w->out, text);
}

static guint
list_depth (const RnHtmlNode *node)
{
  guint depth = 0;

  for (; node != NULL; node = node->parent)
    if (node->kind == RN_HTML_NODE_LIST)
      depth++;
  return depth;
}

static gboolean
in_item_or_cell (const RnHtmlNode *node)
{
  return node->parent != NULL && (node->parent->kind == RN_HTML_NODE_LIST_ITEM
                                  || node->parent->kind == RN_HTML_NODE_TABLE_CELL);
}

static void
text_enter (TextWriter       *w,
            const RnHtmlNode *node)
{
  switch (node->kind)
    {
    case RN_HTML_NODE_TEXT:
      write_text (w, node->text);
      break;
    case RN_HTML_NODE_IMAGE:
      if (!node->tracker)
        write_text (w, node->alt);
      break;
    case RN_HTML_NODE_LINE_BREAK:
      want (w, SEP_LINE);
      break;
    case RN_HTML_NODE_LIST_ITEM:
      {
        g_autoptr(GString) prefix = g_string_new (NULL);
        const RnHtmlNode *list = node->parent;
        guint depth = list_depth (node);

        want (w, SEP_LINE);
        for (guint i = 1; i < depth; i++)
          g_string_append (prefix, "  ");
        if (list != NULL && list->ordered)
          {
            int number = list->start;

            for (const RnHtmlNode *s = node->prev; s != NULL; s = s->prev)
              number++;
            g_string_append_printf (prefix, "%d. ", number);
          }
        else
          g_string_append (prefix, "• ");
        write_text (w, prefix->str);
        /* the item's first block continues on the bullet's line (see the
         * default case below, which asks for no separator then) */
      }
      break;
    case RN_HTML_NODE_TABLE_ROW:
      want (w, SEP_LINE);
      break;
    case RN_HTML_NODE_TABLE_CELL:
      if (node->prev != NULL)
        want (w, SEP_TAB);
      break;
    default:
      if (!rn_html_node_is_block (node))
        break;
      /* blocks inside an item or a cell stay tight: the first continues
       * the bullet's line or the cell, later ones start a new line */
      if (in_item_or_cell (node))
        want (w, node->prev == NULL ? SEP_NONE : SEP_LINE);
      else
        want (w, SEP_BLANK);
      break;
    }
}

static void
text_leave (TextWriter       *w,
            const RnHtmlNode *node)
{
  if (node->kind == RN_HTML_NODE_LIST_ITEM || node->kind == RN_HTML_NODE_TABLE_ROW)
    want (w, SEP_LINE);
  else if (node->kind == RN_HTML_NODE_TABLE_CELL)
    return;
  else if (rn_html_node_is_block (node) && !in_item_or_cell (node))
    want (w, SEP_BLANK);
}

char *
rn_html_doc_to_text (RnHtmlDoc *doc)
{
  TextWriter w = { g_string_new (NULL), SEP_NONE };
  const RnHtmlNode *root;
  const RnHtmlNode *node;

  g_return_val_if_fail (doc != NULL, NULL);

  root = doc->root;
  node = root->first_child;
  while (node != NULL)
    {
      const RnHtmlNode *done;

      text_enter (&w, node);
      if (node->first_child != NULL)
        {
          node = node->first_child;
          continue;
        }
      done = node;
      text_leave (&w, done);
      while (done != root && done->next == NULL)
        {
          done = done->parent;
          if (done != root)
            text_leave (&w, done);
        }
      node = done == root ? NULL : done->next;
    }
  return g_string_free (w.out, FALSE);
}

/* ---- node accessors ---- */

RnHtmlNodeKind
rn_html_node_get_kind (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, RN_HTML_NODE_DOCUMENT);
  return node->kind;
}

const char *
rn_html_node_kind_to_string (RnHtmlNodeKind kind)
{
  static const char *const names[] = {
    "document", "paragraph", "heading", "list", "list-item", "blockquote",
    "pre", "table", "table-row", "table-cell", "hr", "figure", "caption",
    "text", "emphasis", "strong", "code", "link", "image", "line-break",
    "sub", "sup", "strike",
  };

  if ((guint) kind >= G_N_ELEMENTS (names))
    return "invalid";
  return names[kind];
}

gboolean
rn_html_node_is_block (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);
  return node->kind != RN_HTML_NODE_DOCUMENT && node->kind < RN_HTML_NODE_TEXT;
}

const RnHtmlNode *
rn_html_node_get_parent (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->parent;
}

const RnHtmlNode *
rn_html_node_get_first_child (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->first_child;
}

const RnHtmlNode *
rn_html_node_get_last_child (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->last_child;
}

const RnHtmlNode *
rn_html_node_get_next_sibling (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->next;
}

const RnHtmlNode *
rn_html_node_get_prev_sibling (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->prev;
}

guint
rn_html_node_get_n_children (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return node->n_children;
}

const char *
rn_html_node_get_text (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->kind == RN_HTML_NODE_TEXT ? node->text : NULL;
}

guint
rn_html_node_get_level (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return node->kind == RN_HTML_NODE_HEADING ? node->level : 0;
}

gboolean
rn_html_node_is_ordered (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);
  return node->kind == RN_HTML_NODE_LIST && node->ordered;
}

int
rn_html_node_get_start (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return node->kind == RN_HTML_NODE_LIST ? node->start : 0;
}

gboolean
rn_html_node_is_header (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);
  return node->kind == RN_HTML_NODE_TABLE_CELL && node->header;
}

guint
rn_html_node_get_colspan (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return node->kind == RN_HTML_NODE_TABLE_CELL ? node->colspan : 0;
}

guint
rn_html_node_get_rowspan (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  return node->kind == RN_HTML_NODE_TABLE_CELL ? node->rowspan : 0;
}

const char *
rn_html_node_get_href (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->kind == RN_HTML_NODE_LINK ? node->url : NULL;
}

const char *
rn_html_node_get_src (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->kind == RN_HTML_NODE_IMAGE ? node->url : NULL;
}

const char *
rn_html_node_get_alt (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->kind == RN_HTML_NODE_IMAGE ? node->alt : NULL;
}

int
rn_html_node_get_width (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, -1);
  return node->kind == RN_HTML_NODE_IMAGE ? node->width : -1;
}

int
rn_html_node_get_height (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, -1);
  return node->kind == RN_HTML_NODE_IMAGE ? node->height : -1;
}

gboolean
rn_html_node_is_tracker (const RnHtmlNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);
  return node->kind == RN_HTML_NODE_IMAGE && node->tracker;
}
