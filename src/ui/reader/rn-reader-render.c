/* rn-reader-render.c: walks the sanitised RnHtmlDoc tree and inserts text
 * with tags. Blocks end with a newline (a GtkTextView paragraph), so the
 * spacing between blocks is the tags' pixels-below-lines; a line break
 * inside a block is U+2028, which Pango breaks on without starting a new
 * paragraph. */
#define G_LOG_DOMAIN "rn-reader"

#include "config.h"

#include "rn-reader-render.h"

#include "html/rn-html-doc.h"

#define LINK_KEY "rn-link-url"
#define INDENT_STEP 28
#define MAX_INDENT 8
#define LINE_SEPARATOR "\xe2\x80\xa8"
#define MARGIN_KEY "rn-reader-margin"
/* Table columns: an estimate of a character's width, and the gap. */
#define CHAR_WIDTH 8
#define COLUMN_GAP 24
#define MAX_COLUMN 320

void
rn_reader_image_free (RnReaderImage *image)
{
  if (image == NULL)
    return;
  g_clear_object (&image->anchor);
  g_free (image->src);
  g_free (image->alt);
  g_free (image);
}

const char *
rn_reader_render_link_at (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *url = g_object_get_data (l->data, LINK_KEY);

      if (url != NULL)
        return url;
    }
  return NULL;
}

void
rn_reader_render_insert_link (GtkTextBuffer *buffer,
                              GtkTextIter   *iter,
                              const char    *text,
                              const char    *url,
                              const char    *extra_tag)
{
  GtkTextTag *link_tag = gtk_text_buffer_create_tag (buffer, NULL, NULL);

  g_object_set_data_full (G_OBJECT (link_tag), LINK_KEY, g_strdup (url), g_free);
  gtk_text_buffer_insert_with_tags (buffer, iter, text, -1, link_tag,
                                    gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "link"),
                                    extra_tag != NULL
                                      ? gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), extra_tag)
                                      : NULL,
                                    NULL);
}

void
rn_reader_render_set_dark (GtkTextBuffer *buffer,
                           gboolean       dark)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *link = gtk_text_tag_table_lookup (table, "link");
  GtkTextTag *source = gtk_text_tag_table_lookup (table, "head-source");
  GtkTextTag *quote = gtk_text_tag_table_lookup (table, "quote");

  /* The link colours of Adwaita (light and dark). */
  if (link != NULL)
    g_object_set (link, "foreground", dark ? "#78aeed" : "#1c71d8", NULL);
  if (source != NULL)
    g_object_set (source, "foreground", dark ? "#78aeed" : "#1c71d8", NULL);
  /* Dimmed, but still 4.5:1 against Adwaita's view background. */
  if (quote != NULL)
    g_object_set (quote, "foreground", dark ? "#b0b0b0" : "#5e5c64", NULL);
}

static GtkTextTag *
named_tag (GtkTextBuffer *buffer,
           const char    *name)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
}

/* Created once per buffer; later tags win over earlier ones, so the more
 * specific block tags come after "p". */
static void
ensure_tags (GtkTextBuffer *buffer)
{
  static const double heading_scale[] = { 1.6, 1.4, 1.25, 1.15, 1.05, 1.0 };

  if (named_tag (buffer, "p") != NULL)
    return;

  gtk_text_buffer_create_tag (buffer, "p", "pixels-below-lines", 14, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (heading_scale); i++)
    {
      g_autofree char *name = g_strdup_printf ("h%u", i + 1);
      gtk_text_buffer_create_tag (buffer, name, "weight", PANGO_WEIGHT_BOLD, "scale", heading_scale[i],
                                  "pixels-above-lines", 10, "pixels-below-lines", 8, NULL);
    }
  gtk_text_buffer_create_tag (buffer, "li", "pixels-below-lines", 6, NULL);
  /* Quotes: indented (the indent tags) and set apart by colour. */
  gtk_text_buffer_create_tag (buffer, "quote", "style", PANGO_STYLE_ITALIC,
                              "foreground-rgba", &(GdkRGBA) { 0.45, 0.45, 0.45, 1.0 }, NULL);
  /* Code starts where body text starts (the margin is set with the
   * others in rn_reader_render_set_margin()) on a faint background that
   * reads on light and dark. */
  gtk_text_buffer_create_tag (buffer, "pre", "family", "monospace", "wrap-mode", GTK_WRAP_CHAR,
                              "pixels-below-lines", 14, "scale", 0.92,
                              "paragraph-background-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 0.12 }, NULL);
  gtk_text_buffer_create_tag (buffer, "row", "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "row-last", "pixels-below-lines", 14, NULL);
  gtk_text_buffer_create_tag (buffer, "caption", "style", PANGO_STYLE_ITALIC, "scale", 0.9, NULL);
  gtk_text_buffer_create_tag (buffer, "hr", "justification", GTK_JUSTIFY_CENTER, "pixels-below-lines", 14, NULL);
  gtk_text_buffer_create_tag (buffer, "dim", "foreground-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 1.0 }, NULL);
  gtk_text_buffer_create_tag (buffer, "em", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace", NULL);
  gtk_text_buffer_create_tag (buffer, "sub", "rise", -3 * PANGO_SCALE, "scale", 0.8, NULL);
  gtk_text_buffer_create_tag (buffer, "sup", "rise", 5 * PANGO_SCALE, "scale", 0.8, NULL);
  gtk_text_buffer_create_tag (buffer, "strike", "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "link", "underline", PANGO_UNDERLINE_SINGLE,
                              "foreground", "#1c71d8", NULL);
  for (guint i = 1; i <= MAX_INDENT; i++)
    {
      g_autofree char *name = g_strdup_printf ("indent%u", i);
      gtk_text_buffer_create_tag (buffer, name, NULL, NULL);
    }
  rn_reader_render_set_margin (buffer, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), MARGIN_KEY)));
}

/* A tag's left-margin replaces the view's (it does not add to it), so every
 * tag that indents is re-based on the view's margin when that changes. */
void
rn_reader_render_set_margin (GtkTextBuffer *buffer,
                             int            margin)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *pre = gtk_text_tag_table_lookup (table, "pre");

  g_object_set_data (G_OBJECT (buffer), MARGIN_KEY, GINT_TO_POINTER (margin));
  if (pre == NULL)
    return;
  g_object_set (pre, "left-margin", margin, "right-margin", margin, NULL);
  for (guint i = 1; i <= MAX_INDENT; i++)
    {
      g_autofree char *name = g_strdup_printf ("indent%u", i);
      GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

      if (tag != NULL)
        g_object_set (tag, "left-margin", margin + (int) i * INDENT_STEP, NULL);
    }
}


typedef struct
{
  GtkTextBuffer *buffer;
  GPtrArray     *tags;        /* GtkTextTag *, the inline and block tags in force */
  GPtrArray     *images;      /* RnReaderImage */
  guint          indent;      /* nesting of lists and quotes */
  char          *prefix;      /* bullet or number waiting for the next block */
  gboolean       in_pre;
} Ctx;

static void
insert (Ctx        *ctx,
        const char *text,
        gssize      len)
{
  GtkTextIter end, start;
  int offset;

  gtk_text_buffer_get_end_iter (ctx->buffer, &end);
  offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (ctx->buffer, &end, text, (int) len);
  gtk_text_buffer_get_iter_at_offset (ctx->buffer, &start, offset);
  gtk_text_buffer_get_end_iter (ctx->buffer, &end);
  for (guint i = 0; i < ctx->tags->len; i++)
    gtk_text_buffer_apply_tag (ctx->buffer, g_ptr_array_index (ctx->tags, i), &start, &end);
}

static void
push (Ctx        *ctx,
      GtkTextTag *tag)
{
  g_ptr_array_add (ctx->tags, tag);
}

static void
pop (Ctx *ctx)
{
  g_ptr_array_set_size (ctx->tags, ctx->tags->len - 1);
}

static void
push_named (Ctx        *ctx,
            const char *name)
{
  push (ctx, named_tag (ctx->buffer, name));
}

static void render_inlines (Ctx *ctx, const RnHtmlNode *first);
static void render_blocks  (Ctx *ctx, const RnHtmlNode *first);

static void
render_image (Ctx              *ctx,
              const RnHtmlNode *node)
{
  const char *src = rn_html_node_get_src (node);
  const char *alt = rn_html_node_get_alt (node);
  RnReaderImage *image;
  GtkTextIter end;

  /* Tracking pixels show nothing and are never loaded. */
  if (rn_html_node_is_tracker (node))
    return;
  if (src == NULL)
    {
      if (alt != NULL && *alt != '\0')
        {
          g_autofree char *text = g_strdup_printf ("[%s]", alt);

          push_named (ctx, "dim");
          insert (ctx, text, -1);
          pop (ctx);
        }
      return;
    }
  gtk_text_buffer_get_end_iter (ctx->buffer, &end);
  image = g_new0 (RnReaderImage, 1);
  image->anchor = g_object_ref (gtk_text_buffer_create_child_anchor (ctx->buffer, &end));
  image->src = g_strdup (src);
  image->alt = g_strdup (alt);
  image->width = rn_html_node_get_width (node);
  image->height = rn_html_node_get_height (node);
  g_ptr_array_add (ctx->images, image);
}

static void
render_inline (Ctx              *ctx,
               const RnHtmlNode *node)
{
  GtkTextTag *link_tag;

  switch (rn_html_node_get_kind (node))
    {
    case RN_HTML_NODE_TEXT:
      insert (ctx, rn_html_node_get_text (node), -1);
      break;
    case RN_HTML_NODE_EMPHASIS:
      push_named (ctx, "em");
      render_inlines (ctx, rn_html_node_get_first_child (node));
      pop (ctx);
      break;
    case RN_HTML_NODE_STRONG:
      push_named (ctx, "strong");
      render_inlines (ctx, rn_html_node_get_first_child (node));
      pop (ctx);
      break;
    case RN_HTML_NODE_CODE:
      push_named (ctx, "code");
      render_inlines (ctx, rn_html_node_get_first_child (node));
      pop (ctx);
      break;
    case RN_HTML_NODE_SUB:
      push_named (ctx, "sub");
      render_inlines (ctx, rn_html_node_get_first_child (node));
      pop (ctx);
      break;
    case RN_HTML_NODE_SUP:
      push_named (ctx, "sup");
      render_inlines (ctx, rn_html_node_get_first_child (node));
      pop (ctx);
      break;
    case RN_HTML_NODE_STRIKE:
      push_named (ctx, "strike");
      render_inlines (ctx, rn_html_node_get_first_child (node));
      pop (ctx);
      break;
    case RN_HTML_NODE_LINK:
      /* An anonymous tag per link carries its address. */
      link_tag = gtk_text_buffer_create_tag (ctx->buffer, NULL, NULL);
      g_object_set_data_full (G_OBJECT (link_tag), LINK_KEY, g_strdup (rn_html_node_get_href (node)), g_free);
      push (ctx, link_tag);
      push_named (ctx, "link");
      render_inlines (ctx, rn_html_node_get_first_child (node));
      pop (ctx);
      pop (ctx);
      break;
    case RN_HTML_NODE_IMAGE:
      render_image (ctx, node);
      break;
    case RN_HTML_NODE_LINE_BREAK:
      insert (ctx, ctx->in_pre ? "\n" : LINE_SEPARATOR, -1);
      break;
    case RN_HTML_NODE_DOCUMENT:
    case RN_HTML_NODE_PARAGRAPH:
    case RN_HTML_NODE_HEADING:
    case RN_HTML_NODE_LIST:
    case RN_HTML_NODE_LIST_ITEM:
    case RN_HTML_NODE_BLOCKQUOTE:
    case RN_HTML_NODE_PRE:
    case RN_HTML_NODE_TABLE:
    case RN_HTML_NODE_TABLE_ROW:
    case RN_HTML_NODE_TABLE_CELL:
    case RN_HTML_NODE_HR:
    case RN_HTML_NODE_FIGURE:
    case RN_HTML_NODE_CAPTION:
    default:
      /* Blocks inside a cell are flattened: their inlines only. */
      render_inlines (ctx, rn_html_node_get_first_child (node));
      break;
    }
}

static void
render_inlines (Ctx              *ctx,
                const RnHtmlNode *first)
{
  for (const RnHtmlNode *n = first; n != NULL; n = rn_html_node_get_next_sibling (n))
    render_inline (ctx, n);
}

/* A text block: the tags of its kind and indentation, the pending bullet,
 * its inlines, and the newline that ends it. */
static void
render_text_block (Ctx              *ctx,
                   const RnHtmlNode *node,
                   const char       *kind_tag)
{
  guint pushed = 0;

  push_named (ctx, kind_tag);
  pushed++;
  if (ctx->indent > 0)
    {
      g_autofree char *name = g_strdup_printf ("indent%u", MIN (ctx->indent, MAX_INDENT));

      push_named (ctx, name);
      pushed++;
      /* Items of a list sit close together. */
      if (ctx->prefix != NULL || g_strcmp0 (kind_tag, "p") == 0)
        {
          push_named (ctx, "li");
          pushed++;
        }
    }
  if (ctx->prefix != NULL)
    {
      insert (ctx, ctx->prefix, -1);
      g_clear_pointer (&ctx->prefix, g_free);
    }
  render_inlines (ctx, rn_html_node_get_first_child (node));
  insert (ctx, "\n", 1);
  while (pushed-- > 0)
    pop (ctx);
}

/* Characters of a cell's text, for the width of its column. */
static guint
cell_length (const RnHtmlNode *node)
{
  guint n = 0;

  for (const RnHtmlNode *c = rn_html_node_get_first_child (node); c != NULL; c = rn_html_node_get_next_sibling (c))
    {
      if (rn_html_node_get_kind (c) == RN_HTML_NODE_TEXT)
        n += g_utf8_strlen (rn_html_node_get_text (c), -1);
      else
        n += cell_length (c);
      if (n > MAX_COLUMN)
        break;
    }
  return n;
}

/* Cells line up on tab stops, one per column, placed after the widest
 * cell of the column before (estimated from its length; capped so one
 * long cell does not push the rest out of view). */
static GtkTextTag *
table_tag (Ctx              *ctx,
           const RnHtmlNode *table)
{
  guint widths[16] = { 0 };
  guint n_columns = 0;
  PangoTabArray *tabs;
  GtkTextTag *tag;
  int x = 0;

  for (const RnHtmlNode *row = rn_html_node_get_first_child (table); row != NULL;
       row = rn_html_node_get_next_sibling (row))
    {
      guint col = 0;

      if (rn_html_node_get_kind (row) == RN_HTML_NODE_CAPTION)
        continue;
      for (const RnHtmlNode *cell = rn_html_node_get_first_child (row); cell != NULL && col < G_N_ELEMENTS (widths);
           cell = rn_html_node_get_next_sibling (cell), col++)
        widths[col] = MAX (widths[col], MIN (cell_length (cell) * CHAR_WIDTH, MAX_COLUMN));
      n_columns = MAX (n_columns, col);
    }
  tabs = pango_tab_array_new (MAX (1, (int) n_columns - 1), TRUE);
  for (guint col = 0; col + 1 < n_columns; col++)
    {
      x += (int) widths[col] + COLUMN_GAP;
      pango_tab_array_set_tab (tabs, (int) col, PANGO_TAB_LEFT, x);
    }
  tag = gtk_text_buffer_create_tag (ctx->buffer, NULL, "tabs", tabs, "wrap-mode", GTK_WRAP_NONE, NULL);
  pango_tab_array_free (tabs);
  return tag;
}

static void
render_table (Ctx              *ctx,
              const RnHtmlNode *table)
{
  GtkTextTag *columns = table_tag (ctx, table);

  for (const RnHtmlNode *row = rn_html_node_get_first_child (table); row != NULL;
       row = rn_html_node_get_next_sibling (row))
    {
      gboolean last_row = rn_html_node_get_next_sibling (row) == NULL;

      if (rn_html_node_get_kind (row) == RN_HTML_NODE_CAPTION)
        {
          render_text_block (ctx, row, "caption");
          continue;
        }
      push_named (ctx, last_row ? "row-last" : "row");
      push (ctx, columns);
      for (const RnHtmlNode *cell = rn_html_node_get_first_child (row); cell != NULL;
           cell = rn_html_node_get_next_sibling (cell))
        {
          gboolean header = rn_html_node_is_header (cell);

          if (cell != rn_html_node_get_first_child (row))
            insert (ctx, "\t", 1);
          if (header)
            push_named (ctx, "strong");
          render_inlines (ctx, rn_html_node_get_first_child (cell));
          if (header)
            pop (ctx);
        }
      insert (ctx, "\n", 1);
      pop (ctx);
      pop (ctx);
    }
}

static void
render_list (Ctx              *ctx,
             const RnHtmlNode *list)
{
  gboolean ordered = rn_html_node_is_ordered (list);
  int number = ordered ? rn_html_node_get_start (list) : 0;

  ctx->indent++;
  for (const RnHtmlNode *item = rn_html_node_get_first_child (list); item != NULL;
       item = rn_html_node_get_next_sibling (item))
    {
      g_free (ctx->prefix);
      ctx->prefix = ordered ? g_strdup_printf ("%d.\xe2\x80\x82", number++)   /* en space */
                            : g_strdup ("\xe2\x80\xa2\xe2\x80\x82");           /* • */
      render_blocks (ctx, rn_html_node_get_first_child (item));
    }
  g_clear_pointer (&ctx->prefix, g_free);
  ctx->indent--;
}

static void
render_block (Ctx              *ctx,
              const RnHtmlNode *node)
{
  g_autofree char *heading = NULL;

  switch (rn_html_node_get_kind (node))
    {
    case RN_HTML_NODE_PARAGRAPH:
      render_text_block (ctx, node, "p");
      break;
    case RN_HTML_NODE_HEADING:
      heading = g_strdup_printf ("h%u", CLAMP (rn_html_node_get_level (node), 1, 6));
      render_text_block (ctx, node, heading);
      break;
    case RN_HTML_NODE_CAPTION:
      render_text_block (ctx, node, "caption");
      break;
    case RN_HTML_NODE_PRE:
      ctx->in_pre = TRUE;
      render_text_block (ctx, node, "pre");
      ctx->in_pre = FALSE;
      break;
    case RN_HTML_NODE_LIST:
      render_list (ctx, node);
      break;
    case RN_HTML_NODE_BLOCKQUOTE:
      ctx->indent++;
      push_named (ctx, "quote");
      render_blocks (ctx, rn_html_node_get_first_child (node));
      pop (ctx);
      ctx->indent--;
      break;
    case RN_HTML_NODE_TABLE:
      render_table (ctx, node);
      break;
    case RN_HTML_NODE_HR:
      push_named (ctx, "hr");
      push_named (ctx, "dim");
      insert (ctx, "\xe2\x81\x82\n", -1);   /* ⁂ */
      pop (ctx);
      pop (ctx);
      break;
    case RN_HTML_NODE_FIGURE:
    case RN_HTML_NODE_LIST_ITEM:
    case RN_HTML_NODE_TABLE_ROW:
    case RN_HTML_NODE_TABLE_CELL:
    case RN_HTML_NODE_DOCUMENT:
      render_blocks (ctx, rn_html_node_get_first_child (node));
      break;
    case RN_HTML_NODE_TEXT:
    case RN_HTML_NODE_EMPHASIS:
    case RN_HTML_NODE_STRONG:
    case RN_HTML_NODE_CODE:
    case RN_HTML_NODE_LINK:
    case RN_HTML_NODE_IMAGE:
    case RN_HTML_NODE_LINE_BREAK:
    case RN_HTML_NODE_SUB:
    case RN_HTML_NODE_SUP:
    case RN_HTML_NODE_STRIKE:
    default:
      /* The tree never has inlines here; render them as a paragraph anyway. */
      push_named (ctx, "p");
      render_inline (ctx, node);
      insert (ctx, "\n", 1);
      pop (ctx);
      break;
    }
}

static void
render_blocks (Ctx              *ctx,
               const RnHtmlNode *first)
{
  for (const RnHtmlNode *n = first; n != NULL; n = rn_html_node_get_next_sibling (n))
    render_block (ctx, n);
}

GPtrArray *
rn_reader_render (GtkTextBuffer *buffer,
                  const char    *html,
                  const char    *base_url,
                  gboolean       keep_images)
{
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  GPtrArray *images = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_reader_image_free);
  RnHtmlPolicy policy;
  GtkTextIter start, end;
  Ctx ctx = { 0 };

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), images);

  ensure_tags (buffer);
  gtk_text_buffer_set_text (buffer, "", 0);

  rn_html_policy_init (&policy);
  policy.images = keep_images ? RN_HTML_IMAGES_ASK : RN_HTML_IMAGES_NEVER;
  doc = rn_html_doc_parse (html, -1, base_url, &policy);

  ctx.buffer = buffer;
  ctx.tags = tags;
  ctx.images = images;
  render_blocks (&ctx, rn_html_node_get_first_child (rn_html_doc_get_root (doc)));
  g_free (ctx.prefix);

  /* No blank line after the last block. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  start = end;
  if (gtk_text_iter_backward_char (&start) && gtk_text_iter_get_char (&start) == '\n')
    gtk_text_buffer_delete (buffer, &start, &end);
  return images;
}
