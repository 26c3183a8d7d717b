/* rn-reader-render.h: an item's untrusted HTML, sanitised by core/html, as
 * the text of a GtkTextBuffer: paragraphs, headings, lists, quotes, code,
 * tables, links as clickable ranges, and anchors where images go. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  GtkTextChildAnchor *anchor;   /* where the picture goes */
  char               *src;      /* absolute http(s) URL */
  char               *alt;      /* nullable */
  int                 width;    /* 0 when unknown */
  int                 height;
} RnReaderImage;

void        rn_reader_image_free        (RnReaderImage *image);

/* Replaces the buffer's text with the rendering of @html, resolved against
 * @base_url. Returns the images to load (tracking pixels are left out);
 * element-type RnReaderImage. */
GPtrArray  *rn_reader_render            (GtkTextBuffer *buffer,
                                         const char    *html,
                                         const char    *base_url);
/* (nullable): the URL of the link at @iter */
const char *rn_reader_render_link_at    (const GtkTextIter *iter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnReaderImage, rn_reader_image_free)

G_END_DECLS
