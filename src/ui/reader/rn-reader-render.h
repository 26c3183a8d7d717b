/* rn-reader-render.h: an item's untrusted HTML, sanitised by core/html
 * (RnHtmlDoc), as the text of a GtkTextBuffer: paragraphs, headings, lists
 * with bullets or numbers, block quotes, code, tables as lines of cells,
 * links as clickable ranges, and anchors where images go. Only the node
 * kinds of the sanitised tree are handled; nothing else can get through. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  GtkTextChildAnchor *anchor;   /* where the picture goes */
  char               *src;      /* absolute http(s) URL */
  char               *alt;      /* nullable */
  int                 width;    /* -1 when unknown */
  int                 height;
} RnReaderImage;

void        rn_reader_image_free        (RnReaderImage *image);

/* Replaces the buffer's text with the rendering of @html, resolved against
 * @base_url. With @keep_images FALSE image addresses are dropped at parse
 * time and only alt texts show. Returns the images that may be loaded
 * (tracking pixels are never among them); element-type RnReaderImage. */
GPtrArray  *rn_reader_render            (GtkTextBuffer *buffer,
                                         const char    *html,
                                         const char    *base_url,
                                         gboolean       keep_images);
/* (nullable): the URL of the link at @iter */
const char *rn_reader_render_link_at    (const GtkTextIter *iter);
/* Inserts @text at @iter as a link to @url (after rn_reader_render(),
 * which creates the link style), also tagged @extra_tag when not NULL. */
void        rn_reader_render_insert_link (GtkTextBuffer *buffer,
                                          GtkTextIter   *iter,
                                          const char    *text,
                                          const char    *url,
                                          const char    *extra_tag);
/* The view's left and right margin: indented blocks and code follow it. */
void        rn_reader_render_set_margin (GtkTextBuffer *buffer,
                                         int            margin);
/* Colours links for a light or dark background. */
void        rn_reader_render_set_dark   (GtkTextBuffer *buffer,
                                         gboolean       dark);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnReaderImage, rn_reader_image_free)

G_END_DECLS
