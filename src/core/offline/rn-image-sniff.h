/* rn-image-sniff.h: what an image really is, from its first bytes, never
 * from what the server claims. Only raster formats a reader can show
 * safely pass: PNG, JPEG, GIF, WebP (no SVG: it is a document that can
 * load things and run scripts). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The media type of @data ("image/png", …) or NULL when it is none of the
 * accepted formats. @width and @height (nullable) get the size in pixels
 * when the header tells it, else -1. */
const char *rn_image_sniff (const guint8 *data,
                            gsize         len,
                            int          *width,
                            int          *height);

G_END_DECLS
