/* rn-html-build.c: the whitelist sanitiser. Walks libxml2's HTML tree
 * (iteratively, with an explicit stack) and builds the RnHtmlDoc tree:
 * known elements become nodes, harmless unknown ones only give their
 * content, dangerous ones are dropped whole. No attribute is copied except
 * the few each node kind reads, and URLs go through rn_html_sanitize_url(). */
#define G_LOG_DOMAIN "rn-html"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rn-html-private.h"

typedef enum
{
  ACT_INLINE,   /* keep the content, no node (span, font, unknown tags) */
  ACT_BLOCK,    /* keep the content, no node, but break the line (div) */
  ACT_DROP,     /* drop the element with everything inside */
  ACT_NODE,     /* becomes a node of the rule's kind */
} Action;

typedef struct
{
  const char     *name;
  Action          action;
  RnHtmlNodeKind  kind;
} ElementRule;

/* Sorted by name (strcmp) for bsearch. Anything not listed is ACT_INLINE:
 * its text is kept, its attributes are not. That includes the void
 * elements libxml2's HTML 4 tables do not know (source, track, param,
 * keygen): libxml2 nests what follows them inside them, so dropping them
 * would drop e.g. the <img> of a <picture>. */
static const ElementRule element_rules[] = {
  { "a", ACT_NODE, RN_HTML_NODE_LINK },
  { "address", ACT_BLOCK, 0 },
  { "applet", ACT_DROP, 0 },
  { "area", ACT_DROP, 0 },
  { "article", ACT_BLOCK, 0 },
  { "aside", ACT_BLOCK, 0 },
  { "audio", ACT_DROP, 0 },
  { "b", ACT_NODE, RN_HTML_NODE_STRONG },
  { "base", ACT_DROP, 0 },
  { "basefont", ACT_DROP, 0 },
  { "bgsound", ACT_DROP, 0 },
  { "blockquote", ACT_NODE, RN_HTML_NODE_BLOCKQUOTE },
  { "body", ACT_BLOCK, 0 },
  { "br", ACT_NODE, RN_HTML_NODE_LINE_BREAK },
  { "button", ACT_DROP, 0 },
  { "canvas", ACT_DROP, 0 },
  { "caption", ACT_NODE, RN_HTML_NODE_CAPTION },
  { "center", ACT_BLOCK, 0 },
  { "cite", ACT_NODE, RN_HTML_NODE_EMPHASIS },
  { "code", ACT_NODE, RN_HTML_NODE_CODE },
  { "col", ACT_DROP, 0 },
  { "colgroup", ACT_DROP, 0 },
  { "datalist", ACT_DROP, 0 },
  { "dd", ACT_BLOCK, 0 },
  { "del", ACT_NODE, RN_HTML_NODE_STRIKE },
  { "details", ACT_BLOCK, 0 },
  { "dfn", ACT_NODE, RN_HTML_NODE_EMPHASIS },
  { "dialog", ACT_DROP, 0 },
  { "dir", ACT_NODE, RN_HTML_NODE_LIST },
  { "div", ACT_BLOCK, 0 },
  { "dl", ACT_BLOCK, 0 },
  { "dt", ACT_BLOCK, 0 },
  { "em", ACT_NODE, RN_HTML_NODE_EMPHASIS },
  { "embed", ACT_DROP, 0 },
  { "fieldset", ACT_BLOCK, 0 },
  { "figcaption", ACT_NODE, RN_HTML_NODE_CAPTION },
  { "figure", ACT_NODE, RN_HTML_NODE_FIGURE },
  { "footer", ACT_BLOCK, 0 },
  { "form", ACT_DROP, 0 },
  { "frame", ACT_DROP, 0 },
  { "frameset", ACT_DROP, 0 },
  { "h1", ACT_NODE, RN_HTML_NODE_HEADING },
  { "h2", ACT_NODE, RN_HTML_NODE_HEADING },
  { "h3", ACT_NODE, RN_HTML_NODE_HEADING },
  { "h4", ACT_NODE, RN_HTML_NODE_HEADING },
  { "h5", ACT_NODE, RN_HTML_NODE_HEADING },
  { "h6", ACT_NODE, RN_HTML_NODE_HEADING },
  { "head", ACT_DROP, 0 },
  { "header", ACT_BLOCK, 0 },
  { "hgroup", ACT_BLOCK, 0 },
  { "hr", ACT_NODE, RN_HTML_NODE_HR },
  { "html", ACT_BLOCK, 0 },
  { "i", ACT_NODE, RN_HTML_NODE_EMPHASIS },
  { "iframe", ACT_DROP, 0 },
  { "ilayer", ACT_DROP, 0 },
  { "image", ACT_DROP, 0 },
  { "img", ACT_NODE, RN_HTML_NODE_IMAGE },
  { "input", ACT_DROP, 0 },
  { "isindex", ACT_DROP, 0 },
  { "kbd", ACT_NODE, RN_HTML_NODE_CODE },
  { "layer", ACT_DROP, 0 },
  { "legend", ACT_BLOCK, 0 },
  { "li", ACT_NODE, RN_HTML_NODE_LIST_ITEM },
  { "link", ACT_DROP, 0 },
  { "listing", ACT_NODE, RN_HTML_NODE_PRE },
  { "main", ACT_BLOCK, 0 },
  { "map", ACT_DROP, 0 },
  { "menu", ACT_NODE, RN_HTML_NODE_LIST },
  { "meta", ACT_DROP, 0 },
  { "meter", ACT_DROP, 0 },
  { "nav", ACT_BLOCK, 0 },
  { "noembed", ACT_DROP, 0 },
  { "noframes", ACT_DROP, 0 },
  { "noscript", ACT_DROP, 0 },
  { "object", ACT_DROP, 0 },
  { "ol", ACT_NODE, RN_HTML_NODE_LIST },
  { "optgroup", ACT_DROP, 0 },
  { "option", ACT_DROP, 0 },
  { "output", ACT_DROP, 0 },
  { "p", ACT_NODE, RN_HTML_NODE_PARAGRAPH },
  { "plaintext", ACT_NODE, RN_HTML_NODE_PRE },
  { "portal", ACT_DROP, 0 },
  { "pre", ACT_NODE, RN_HTML_NODE_PRE },
  { "progress", ACT_DROP, 0 },
  { "rp", ACT_DROP, 0 },
  { "s", ACT_NODE, RN_HTML_NODE_STRIKE },
  { "samp", ACT_NODE, RN_HTML_NODE_CODE },
  { "script", ACT_DROP, 0 },
  { "section", ACT_BLOCK, 0 },
  { "select", ACT_DROP, 0 },
  { "slot", ACT_DROP, 0 },
  { "strike", ACT_NODE, RN_HTML_NODE_STRIKE },
  { "strong", ACT_NODE, RN_HTML_NODE_STRONG },
  { "style", ACT_DROP, 0 },
  { "sub", ACT_NODE, RN_HTML_NODE_SUB },
  { "summary", ACT_BLOCK, 0 },
  { "sup", ACT_NODE, RN_HTML_NODE_SUP },
  { "svg", ACT_DROP, 0 },
  { "table", ACT_NODE, RN_HTML_NODE_TABLE },
  { "tbody", ACT_BLOCK, 0 },
  { "td", ACT_NODE, RN_HTML_NODE_TABLE_CELL },
  { "template", ACT_DROP, 0 },
  { "textarea", ACT_DROP, 0 },
  { "tfoot", ACT_BLOCK, 0 },
  { "th", ACT_NODE, RN_HTML_NODE_TABLE_CELL },
  { "thead", ACT_BLOCK, 0 },
  { "title", ACT_DROP, 0 },
  { "tr", ACT_NODE, RN_HTML_NODE_TABLE_ROW },
  { "tt", ACT_NODE, RN_HTML_NODE_CODE },
  { "ul", ACT_NODE, RN_HTML_NODE_LIST },
  { "var", ACT_NODE, RN_HTML_NODE_EMPHASIS },
  { "video", ACT_DROP, 0 },
  { "xml", ACT_DROP, 0 },
  { "xmp", ACT_NODE, RN_HTML_NODE_PRE },
};

static int
compare_rule (const void *key,
              const void *item)
{
  return strcmp (key, ((const ElementRule *) item)->name);
}

static const ElementRule *
lookup_rule (const char *name)
{
  return bsearch (name, element_rules, G_N_ELEMENTS (element_rules),
                  sizeof (ElementRule), compare_rule);
}

/* What to undo when the walk leaves an element. */
typedef enum
{
  FRAME_NONE,
  FRAME_POP,     /* pop the stack down to pop_to (the element's node) */
  FRAME_BLOCK,   /* pop implicit nodes opened inside, then break */
} FrameMode;

typedef struct
{
  FrameMode mode;
  guint     pop_to;
} Frame;

typedef struct
{
  RnHtmlDoc       *doc;
  const char      *base_uri;
  RnHtmlImageMode  images;
  guint            max_depth;
  guint            max_nodes;
  GPtrArray       *stack;          /* RnHtmlNode *, open containers; [0] is the root */
  guint            pre_depth;      /* PRE nodes on the stack */
  guint            link_depth;     /* LINK nodes on the stack */
  gboolean         at_line_start;  /* nothing visible yet on this line */
  gboolean         pending_space;  /* collapsed whitespace not yet written */
  gboolean         after_space;    /* the last thing written was a space */
  gboolean         pending_break;  /* a block ended inside inline content */
  gboolean         pre_start;      /* right after <pre>: drop one newline */
  RnHtmlNode      *text_node;      /* TEXT node `text` is filling */
  GString         *text;
  gboolean         full;           /* max_nodes reached */
  RnHtmlSkipFunc   skip;
  gpointer         skip_data;
} Builder;

static inline RnHtmlNode *
top (Builder *b)
{
  return b->stack->pdata[b->stack->len - 1];
}

static inline gboolean
kind_is_inline (RnHtmlNodeKind kind)
{
  return kind >= RN_HTML_NODE_TEXT;
}

static inline gboolean
kind_is_text_block (RnHtmlNodeKind kind)
{
  return kind == RN_HTML_NODE_PARAGRAPH || kind == RN_HTML_NODE_HEADING
         || kind == RN_HTML_NODE_PRE || kind == RN_HTML_NODE_CAPTION;
}

static inline gboolean
kind_is_flow (RnHtmlNodeKind kind)
{
  return kind == RN_HTML_NODE_DOCUMENT || kind == RN_HTML_NODE_BLOCKQUOTE
         || kind == RN_HTML_NODE_LIST_ITEM || kind == RN_HTML_NODE_TABLE_CELL
         || kind == RN_HTML_NODE_FIGURE;
}

static inline gboolean
in_inline_context (Builder *b)
{
  RnHtmlNodeKind kind = top (b)->kind;

  return kind_is_text_block (kind) || kind_is_inline (kind);
}

/* Whether a block of @child kind may be a child of @parent. */
static gboolean
accepts_block (RnHtmlNodeKind parent,
               RnHtmlNodeKind child)
{
  switch (parent)
    {
    case RN_HTML_NODE_LIST:
      return child == RN_HTML_NODE_LIST_ITEM;
    case RN_HTML_NODE_TABLE:
      return child == RN_HTML_NODE_TABLE_ROW || child == RN_HTML_NODE_CAPTION;
    case RN_HTML_NODE_TABLE_ROW:
      return child == RN_HTML_NODE_TABLE_CELL;
    default:
      return kind_is_flow (parent)
             && child != RN_HTML_NODE_LIST_ITEM
             && child != RN_HTML_NODE_TABLE_ROW
             && child != RN_HTML_NODE_TABLE_CELL;
    }
}

static void
flush_text (Builder *b)
{
  if (b->text_node == NULL)
    return;
  b->text_node->text = g_strndup (b->text->str, b->text->len);
  g_string_truncate (b->text, 0);
  b->text_node = NULL;
}

/* A new node appended to the top of the stack, or NULL at max_nodes. */
static RnHtmlNode *
append_node (Builder        *b,
             RnHtmlNodeKind  kind)
{
  RnHtmlNode *parent = top (b);
  RnHtmlNode *node;

  if (b->full || b->doc->nodes->len >= b->max_nodes)
    {
      b->full = TRUE;
      b->doc->truncated = TRUE;
      return NULL;
    }
  flush_text (b);
  node = rn_html_doc_new_node (b->doc, kind);
  node->parent = parent;
  node->prev = parent->last_child;
  if (parent->last_child != NULL)
    parent->last_child->next = node;
  else
    parent->first_child = node;
  parent->last_child = node;
  parent->n_children++;
  return node;
}

static void
remove_last_child (Builder    *b,
                   RnHtmlNode *parent)
{
  RnHtmlNode *node = parent->last_child;
  GPtrArray *nodes = b->doc->nodes;

  parent->last_child = node->prev;
  if (node->prev != NULL)
    node->prev->next = NULL;
  else
    parent->first_child = NULL;
  parent->n_children--;
  /* A childless last child is the newest node: give its slot back. If
   * that ever does not hold, the array still owns and frees it. */
  if (nodes->pdata[nodes->len - 1] == node)
    g_ptr_array_set_size (nodes, nodes->len - 1);
}

/* Takes a childless node out of the tree; the node array still owns it. */
static void
unlink_child (RnHtmlNode *parent,
              RnHtmlNode *node)
{
  if (node->prev != NULL)
    node->prev->next = node->next;
  else
    parent->first_child = node->next;
  if (node->next != NULL)
    node->next->prev = node->prev;
  else
    parent->last_child = node->prev;
  node->prev = node->next = NULL;
  parent->n_children--;
}

/* No children, or only tracking pixels (which a renderer hides). */
static gboolean
shows_nothing (const RnHtmlNode *node)
{
  for (const RnHtmlNode *child = node->first_child; child != NULL; child = child->next)
    if (child->kind != RN_HTML_NODE_IMAGE || !child->tracker)
      return FALSE;
  return TRUE;
}

/* Removes the last child of @parent, which shows nothing, with its
 * tracker children. They are the newest nodes: their slots are given back
 * (if that ever does not hold, the array still owns and frees them). */
static void
remove_empty (Builder    *b,
              RnHtmlNode *parent)
{
  RnHtmlNode *node = parent->last_child;
  GPtrArray *nodes = b->doc->nodes;
  guint n = node->n_children;

  parent->last_child = node->prev;
  if (node->prev != NULL)
    node->prev->next = NULL;
  else
    parent->first_child = NULL;
  parent->n_children--;
  if (nodes->len > n && nodes->pdata[nodes->len - 1 - n] == node)
    g_ptr_array_set_size (nodes, nodes->len - 1 - n);
}

/* The collapsed space written before an inline element that turned out
 * empty becomes pending again, so that a block never ends with a space. */
static void
take_back_space (Builder    *b,
                 RnHtmlNode *parent)
{
  RnHtmlNode *last = parent->last_child;
  gsize len;

  if (last == NULL || last->kind != RN_HTML_NODE_TEXT || last->text == NULL || !b->after_space)
    return;
  len = strlen (last->text);
  if (len == 0 || last->text[len - 1] != ' ')
    return;
  last->text[len - 1] = '\0';
  if (len == 1)
    remove_empty (b, parent);
  b->after_space = FALSE;
  b->pending_space = TRUE;
}

static RnHtmlNode *
push_node (Builder        *b,
           RnHtmlNodeKind  kind,
           gboolean        implicit)
{
  RnHtmlNode *node = append_node (b, kind);

  if (node == NULL)
    return NULL;
  node->implicit = implicit;
  g_ptr_array_add (b->stack, node);
  if (kind == RN_HTML_NODE_PRE)
    {
      b->pre_depth++;
      b->pre_start = TRUE;
    }
  if (kind == RN_HTML_NODE_LINK)
    b->link_depth++;
  if (kind_is_text_block (kind))
    {
      b->at_line_start = TRUE;
      b->pending_space = FALSE;
      b->pending_break = FALSE;
    }
  return node;
}

static void
pop_node (Builder *b)
{
  RnHtmlNode *node = top (b);
  RnHtmlNode *parent;

  g_assert (b->stack->len > 1);
  flush_text (b);
  g_ptr_array_set_size (b->stack, b->stack->len - 1);
  parent = top (b);

  if (node->kind == RN_HTML_NODE_PRE)
    b->pre_depth--;
  if (node->kind == RN_HTML_NODE_LINK)
    b->link_depth--;
  if (kind_is_text_block (node->kind))
    {
      /* a trailing <br> shows nothing in a browser either, nor do the
       * tracking pixels after it (which the output leaves out) */
      RnHtmlNode *last = node->last_child;

      while (last != NULL && last->kind == RN_HTML_NODE_IMAGE && last->tracker)
        last = last->prev;
      if (last != NULL && last->kind == RN_HTML_NODE_LINE_BREAK)
        {
          if (last == node->last_child)
            remove_last_child (b, node);
          else
            unlink_child (node, last);
        }
      b->at_line_start = TRUE;
      b->pending_space = FALSE;
      b->pending_break = FALSE;
    }
  if (node->kind != RN_HTML_NODE_TABLE_CELL && shows_nothing (node))
    {
      gboolean was_inline = kind_is_inline (node->kind);

      remove_empty (b, parent);   /* frees node */
      if (was_inline)
        take_back_space (b, parent);
    }
}

static void
pop_to (Builder *b,
        guint    len)
{
  while (b->stack->len > len && b->stack->len > 1)
    pop_node (b);
}

/* Makes the top of the stack take inline content, opening implicit
 * wrappers (paragraph, list item, row, cell) as the content model needs. */
static gboolean
ensure_inline (Builder *b)
{
  for (;;)
    {
      RnHtmlNodeKind kind = top (b)->kind;
      RnHtmlNodeKind wrapper;

      if (kind_is_text_block (kind) || kind_is_inline (kind))
        return TRUE;
      if (kind == RN_HTML_NODE_LIST)
        wrapper = RN_HTML_NODE_LIST_ITEM;
      else if (kind == RN_HTML_NODE_TABLE)
        wrapper = RN_HTML_NODE_TABLE_ROW;
      else if (kind == RN_HTML_NODE_TABLE_ROW)
        wrapper = RN_HTML_NODE_TABLE_CELL;
      else
        wrapper = RN_HTML_NODE_PARAGRAPH;
      if (push_node (b, wrapper, TRUE) == NULL)
        return FALSE;
    }
}

/* Makes the top of the stack accept a block of @kind: closes implicit
 * nodes that do not take it and opens implicit wrappers. FALSE when we are
 * inside explicit inline content, where blocks are flattened. */
static gboolean
prepare_block (Builder        *b,
               RnHtmlNodeKind  kind)
{
  gboolean wrapped = FALSE;

  for (;;)
    {
      RnHtmlNode *t = top (b);
      RnHtmlNodeKind wrapper;

      if (accepts_block (t->kind, kind))
        return TRUE;
      /* close implicit nodes from earlier content, never the wrappers
       * opened just now (that would loop) */
      if (t->implicit && !wrapped)
        {
          pop_node (b);
          continue;
        }
      if (kind_is_text_block (t->kind) || kind_is_inline (t->kind))
        return FALSE;
      if (t->kind == RN_HTML_NODE_LIST)
        wrapper = RN_HTML_NODE_LIST_ITEM;
      else if (t->kind == RN_HTML_NODE_TABLE)
        wrapper = RN_HTML_NODE_TABLE_ROW;
      else if (t->kind == RN_HTML_NODE_TABLE_ROW)
        wrapper = RN_HTML_NODE_TABLE_CELL;
      else if (kind == RN_HTML_NODE_LIST_ITEM)
        wrapper = RN_HTML_NODE_LIST;
      else
        wrapper = RN_HTML_NODE_TABLE;   /* a row or cell outside a table */
      if (push_node (b, wrapper, TRUE) == NULL)
        return FALSE;
      wrapped = TRUE;
    }
}

/* A block boundary seen where no node is made (div, end of div): close an
 * implicit paragraph, or inside inline content, break the line later. */
static void
block_break (Builder *b)
{
  while (top (b)->implicit && kind_is_text_block (top (b)->kind))
    pop_node (b);
  if (in_inline_context (b))
    b->pending_break = TRUE;
}

static void
append_text (Builder    *b,
             const char *text,
             gsize       len)
{
  RnHtmlNode *parent = top (b);

  if (b->text_node == NULL || parent->last_child != b->text_node)
    {
      RnHtmlNode *node;

      flush_text (b);
      /* after an empty element was removed, text continues the text
       * before it: one node, as parsing the output again would give */
      if (parent->last_child != NULL && parent->last_child->kind == RN_HTML_NODE_TEXT)
        {
          node = parent->last_child;
          g_string_assign (b->text, node->text != NULL ? node->text : "");
          g_clear_pointer (&node->text, g_free);
          b->text_node = node;
          g_string_append_len (b->text, text, len);
          return;
        }
      node = append_node (b, RN_HTML_NODE_TEXT);
      if (node == NULL)
        return;
      b->text_node = node;
    }
  g_string_append_len (b->text, text, len);
}

/* Before visible inline content: wrappers, then a pending line break or
 * collapsed space. */
static gboolean
begin_inline (Builder *b)
{
  if (!ensure_inline (b))
    return FALSE;
  if (b->pending_break && !b->at_line_start)
    {
      if (append_node (b, RN_HTML_NODE_LINE_BREAK) == NULL)
        return FALSE;
      b->at_line_start = TRUE;
    }
  b->pending_break = FALSE;
  if (b->pending_space && !b->at_line_start)
    {
      append_text (b, " ", 1);
      b->after_space = TRUE;
    }
  b->pending_space = FALSE;
  return !b->full;
}

static inline gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static inline gboolean
is_dropped_control (guchar c)
{
  return (c < 0x20 && !is_html_space (c)) || c == 0x7f;
}

static void
add_flow_text (Builder    *b,
               const char *text)
{
  const char *p = text;

  while (*p != '\0' && !b->full)
    {
      const char *run;

      if (is_html_space (*p))
        {
          if (!b->at_line_start && !b->after_space)
            b->pending_space = TRUE;
          p++;
          continue;
        }
      if (is_dropped_control ((guchar) *p))
        {
          p++;
          continue;
        }
      run = p;
      while (*p != '\0' && !is_html_space (*p) && !is_dropped_control ((guchar) *p))
        p++;
      if (!begin_inline (b))
        return;
      append_text (b, run, p - run);
      b->at_line_start = FALSE;
      b->after_space = FALSE;
    }
}

static void
add_pre_text (Builder    *b,
              const char *text)
{
  const char *p = text;

  if (*p == '\0' || !begin_inline (b))
    return;
  if (b->pre_start && *p == '\n')
    p++;
  else if (b->pre_start && p[0] == '\r' && p[1] == '\n')
    p += 2;
  b->pre_start = FALSE;
  while (*p != '\0' && !b->full)
    {
      const char *run = p;

      while (*p != '\0' && *p != '\r' && !is_dropped_control ((guchar) *p))
        p++;
      if (p > run)
        append_text (b, run, p - run);
      if (*p == '\r')
        {
          append_text (b, "\n", 1);
          p += p[1] == '\n' ? 2 : 1;
        }
      else if (*p != '\0')
        p++;
      b->at_line_start = FALSE;
    }
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* A leading non-negative integer ("12", "12px"), or -1. Percentages and
 * other units say nothing about pixels. */
static int
parse_pixels (const char *text)
{
  const char *p = text;
  gint64 value = 0;

  if (text == NULL)
    return -1;
  while (is_html_space (*p))
    p++;
  if (!g_ascii_isdigit (*p))
    return -1;
  while (g_ascii_isdigit (*p))
    {
      value = value * 10 + (*p - '0');
      if (value > 100000)
        return 100000;
      p++;
    }
  if (*p == '.')
    while (g_ascii_isdigit (*++p))
      ;
  while (is_html_space (*p))
    p++;
  if (*p == '\0' || g_ascii_strncasecmp (p, "px", 2) == 0)
    return (int) value;
  return -1;
}

/* The value of a declaration in a style attribute ("width: 1px"), without
 * trailing "!important", lower-cased; NULL when absent. Only used to spot
 * hidden and tiny images: the style itself is never kept. */
static char *
style_value (const char *style,
             const char *property)
{
  g_auto(GStrv) decls = NULL;

  if (style == NULL)
    return NULL;
  decls = g_strsplit (style, ";", 64);
  for (guint i = 0; decls[i] != NULL; i++)
    {
      char *colon = strchr (decls[i], ':');
      char *name;

      if (colon == NULL)
        continue;
      *colon = '\0';
      name = g_strstrip (decls[i]);
      if (g_ascii_strcasecmp (name, property) == 0)
        {
          char *value = g_ascii_strdown (g_strstrip (colon + 1), -1);
          char *bang = strchr (value, '!');

          if (bang != NULL)
            *bang = '\0';
          return g_strstrip (value);
        }
    }
  return NULL;
}

/* Alt text: whitespace collapsed, controls dropped. */
static char *
clean_inline_text (const char *text)
{
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (is_html_space (*p))
        space = out->len > 0;
      else if (!is_dropped_control ((guchar) *p))
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_data_or_empty (const char *src)
{
  if (src == NULL)
    return TRUE;
  while (is_html_space (*src))
    src++;
  return *src == '\0' || g_ascii_strncasecmp (src, "data:", 5) == 0;
}

static void
add_image (Builder *b,
           xmlNode *element)
{
  g_autofree char *src = get_attr (element, "src");
  g_autofree char *alt = NULL;
  g_autofree char *style = get_attr (element, "style");
  g_autofree char *width_attr = get_attr (element, "width");
  g_autofree char *height_attr = get_attr (element, "height");
  g_autofree char *style_width = style_value (style, "width");
  g_autofree char *style_height = style_value (style, "height");
  g_autofree char *display = style_value (style, "display");
  g_autofree char *visibility = style_value (style, "visibility");
  g_autofree char *url = NULL;
  int width, height;
  gboolean tracker;
  RnHtmlNode *node;

  /* lazy-loading pages keep the real address in data-src */
  if (is_data_or_empty (src))
    {
      g_free (src);
      src = get_attr (element, "data-src");
    }
  url = rn_html_sanitize_url (src, b->base_uri, RN_HTML_URL_IMAGE);
  {
    g_autofree char *raw_alt = get_attr (element, "alt");
    alt = clean_inline_text (raw_alt);
  }
  width = parse_pixels (width_attr);
  if (width < 0)
    width = parse_pixels (style_width);
  height = parse_pixels (height_attr);
  if (height < 0)
    height = parse_pixels (style_height);

  tracker = (width >= 0 && width <= 2) || (height >= 0 && height <= 2)
            || g_strcmp0 (display, "none") == 0
            || g_strcmp0 (visibility, "hidden") == 0
            || (url != NULL && rn_html_url_is_tracker (url));
  if (url == NULL && alt == NULL)
    return;   /* nothing to show, nothing to load */
  /* a tracker shows nothing: it must not write a pending space or break */
  if (tracker ? !ensure_inline (b) : !begin_inline (b))
    return;
  node = append_node (b, RN_HTML_NODE_IMAGE);
  if (node == NULL)
    return;
  node->tracker = tracker;
  if (b->images != RN_HTML_IMAGES_NEVER)
    node->url = g_steal_pointer (&url);
  node->alt = g_steal_pointer (&alt);
  node->width = width;
  node->height = height;
  if (!tracker)
    {
      b->at_line_start = FALSE;
      b->after_space = FALSE;
    }
}

static void
add_line_break (Builder *b)
{
  if (!ensure_inline (b))
    return;
  if (append_node (b, RN_HTML_NODE_LINE_BREAK) == NULL)
    return;
  b->at_line_start = TRUE;
  b->pending_space = FALSE;
  b->pending_break = FALSE;
}

static guint
parse_span (xmlNode    *element,
            const char *name)
{
  g_autofree char *value = get_attr (element, name);
  gint64 span;

  if (value == NULL)
    return 1;
  span = g_ascii_strtoll (value, NULL, 10);
  return (guint) CLAMP (span, 1, 1000);
}

/* Room for an explicit container plus the implicit wrappers (at most
 * three) that content inside it may need. Without it the container's
 * structure is cut (its text stays): the document is marked truncated, as
 * it no longer says what the input said. Asked once the wrappers the
 * container itself needs are open, so that the answer depends on where it
 * lands in the output, not on which of its ancestors were implicit: parsed
 * again, the output is then cut in the same places. */
static inline gboolean
has_room (Builder *b)
{
  if (b->stack->len + 4 <= b->max_depth)
    return TRUE;
  b->doc->truncated = TRUE;
  return FALSE;
}

static void
fill_node (Builder    *b,
           RnHtmlNode *node,
           xmlNode    *element)
{
  const char *name = (const char *) element->name;

  switch (node->kind)
    {
    case RN_HTML_NODE_HEADING:
      node->level = (guint8) (name[1] - '0');
      break;
    case RN_HTML_NODE_LIST:
      node->ordered = strcmp (name, "ol") == 0;
      node->start = 1;
      if (node->ordered)
        {
          g_autofree char *start = get_attr (element, "start");

          if (start != NULL)
            node->start = (int) CLAMP (g_ascii_strtoll (start, NULL, 10), -1000000, 1000000);
        }
      break;
    case RN_HTML_NODE_TABLE_CELL:
      node->header = strcmp (name, "th") == 0;
      node->colspan = (guint16) parse_span (element, "colspan");
      node->rowspan = (guint16) parse_span (element, "rowspan");
      break;
    default:
      break;
    }
}

/* Called when the walk reaches an element. Returns whether to descend. */
static gboolean
enter_element (Builder *b,
               xmlNode *element,
               Frame   *frame)
{
  const ElementRule *rule = lookup_rule ((const char *) element->name);
  RnHtmlNodeKind kind;
  RnHtmlNode *node;

  frame->mode = FRAME_NONE;
  if (rule == NULL)
    return TRUE;
  switch (rule->action)
    {
    case ACT_DROP:
      return FALSE;
    case ACT_INLINE:
      return TRUE;
    case ACT_BLOCK:
      block_break (b);
      frame->mode = FRAME_BLOCK;
      frame->pop_to = b->stack->len;
      return TRUE;
    case ACT_NODE:
    default:
      break;
    }

  kind = rule->kind;
  switch (kind)
    {
    case RN_HTML_NODE_IMAGE:
      add_image (b, element);
      return FALSE;
    case RN_HTML_NODE_LINE_BREAK:
      add_line_break (b);
      return FALSE;
    case RN_HTML_NODE_HR:
      if (prepare_block (b, kind))
        append_node (b, kind);
      else
        b->pending_break = TRUE;
      return FALSE;
    default:
      break;
    }

  if (kind_is_inline (kind))
    {
      g_autofree char *href = NULL;

      if (kind == RN_HTML_NODE_LINK)
        {
          g_autofree char *raw = NULL;

          if (b->link_depth > 0)
            return TRUE;   /* links do not nest */
          raw = get_attr (element, "href");

          href = rn_html_sanitize_url (raw, b->base_uri, RN_HTML_URL_LINK);
          if (href == NULL)
            return TRUE;   /* a link to nowhere is just text */
        }
      if (!begin_inline (b))
        return FALSE;
      if (!has_room (b))
        return TRUE;
      node = push_node (b, kind, FALSE);
      if (node == NULL)
        return FALSE;
      node->url = g_steal_pointer (&href);
      frame->mode = FRAME_POP;
      frame->pop_to = b->stack->len - 1;
      return TRUE;
    }

  /* an explicit block */
  if (!prepare_block (b, kind) || !has_room (b))
    {
      block_break (b);
      frame->mode = FRAME_BLOCK;
      frame->pop_to = b->stack->len;
      return TRUE;
    }
  node = push_node (b, kind, FALSE);
  if (node == NULL)
    return FALSE;
  fill_node (b, node, element);
  frame->mode = FRAME_POP;
  frame->pop_to = b->stack->len - 1;
  return TRUE;
}

static gboolean
enter (Builder *b,
       xmlNode *node,
       Frame   *frame)
{
  frame->mode = FRAME_NONE;
  if (b->full)
    return FALSE;
  switch (node->type)
    {
    case XML_ELEMENT_NODE:
      return enter_element (b, node, frame);
    case XML_TEXT_NODE:
      if (node->content != NULL)
        {
          if (b->pre_depth > 0)
            add_pre_text (b, (const char *) node->content);
          else
            add_flow_text (b, (const char *) node->content);
        }
      return FALSE;
    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE:
      return TRUE;
    default:
      /* comments, CDATA, processing instructions, DTDs: never content */
      return FALSE;
    }
}

static void
leave (Builder     *b,
       const Frame *frame)
{
  switch (frame->mode)
    {
    case FRAME_POP:
      pop_to (b, frame->pop_to);
      break;
    case FRAME_BLOCK:
      pop_to (b, frame->pop_to);
      block_break (b);
      break;
    case FRAME_NONE:
    default:
      break;
    }
}

/* Walks one libxml2 subtree without recursion. */
static void
walk (Builder *b,
      xmlNode *root,
      GArray  *frames)
{
  xmlNode *cur = root;

  g_array_set_size (frames, 0);
  for (;;)
    {
      Frame frame = { FRAME_NONE, 0 };
      gboolean descend = FALSE;

      if (cur == root || b->skip == NULL || cur->type != XML_ELEMENT_NODE
          || !b->skip (cur, b->skip_data))
        descend = enter (b, cur, &frame);

      if (descend && cur->children != NULL)
        {
          g_array_append_val (frames, frame);
          cur = cur->children;
          continue;
        }
      if (descend)
        leave (b, &frame);

      for (;;)
        {
          if (cur == root)
            return;
          if (cur->next != NULL)
            {
              cur = cur->next;
              break;
            }
          cur = cur->parent;
          frame = g_array_index (frames, Frame, frames->len - 1);
          g_array_set_size (frames, frames->len - 1);
          leave (b, &frame);
        }
    }
}

RnHtmlDoc *
rn_html_doc_build (xmlNode           **roots,
                   guint               n_roots,
                   const char         *base_uri,
                   const RnHtmlPolicy *policy,
                   gboolean            truncated,
                   RnHtmlSkipFunc      skip,
                   gpointer            skip_data)
{
  RnHtmlPolicy defaults;
  Builder b = { 0 };
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (Frame));

  if (policy == NULL)
    {
      rn_html_policy_init (&defaults);
      policy = &defaults;
    }
  b.doc = rn_html_doc_new_empty (base_uri, policy->images);
  b.doc->truncated = truncated;
  b.base_uri = b.doc->base_uri;
  b.images = policy->images;
  b.max_depth = policy->max_depth == 0 ? RN_HTML_DEFAULT_MAX_DEPTH : MAX (policy->max_depth, 8);
  b.max_nodes = policy->max_nodes == 0 ? RN_HTML_DEFAULT_MAX_NODES : MAX (policy->max_nodes, 1);
  b.skip = skip;
  b.skip_data = skip_data;
  b.stack = g_ptr_array_new ();
  b.text = g_string_new (NULL);
  b.at_line_start = TRUE;
  g_ptr_array_add (b.stack, b.doc->root);

  for (guint i = 0; i < n_roots; i++)
    if (roots[i] != NULL)
      {
        walk (&b, roots[i], frames);
        /* separate roots are separate blocks */
        pop_to (&b, 1);
        b.pending_break = FALSE;
      }

  pop_to (&b, 1);
  flush_text (&b);
  g_ptr_array_unref (b.stack);
  g_string_free (b.text, TRUE);
  return b.doc;
}

RnHtmlDoc *
rn_html_doc_parse (const char         *html,
                   gssize              len,
                   const char         *base_uri,
                   const RnHtmlPolicy *policy)
{
  gboolean truncated = FALSE;
  htmlDocPtr xdoc;
  xmlNode *root;
  RnHtmlDoc *doc;

  xdoc = rn_html_parse_libxml (html, len, policy != NULL ? policy->max_input : 0, &truncated);
  root = (xmlNode *) xdoc;
  doc = rn_html_doc_build (&root, 1, base_uri, policy, truncated, NULL, NULL);
  xmlFreeDoc (xdoc);
  return doc;
}
