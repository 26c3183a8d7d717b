/* rn-image-sniff.c: magic numbers and header sizes of raster images. */
#define G_LOG_DOMAIN "rn-offline"

#include "config.h"

#include <string.h>

#include "rn-image-sniff.h"

/* Headers beyond this are not searched for a JPEG frame. */
#define JPEG_SCAN_MAX (256 * 1024)

static guint
be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
le16 (const guint8 *p)
{
  return p[0] | ((guint) p[1] << 8);
}

static guint32
le24 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16);
}

static void
jpeg_size (const guint8 *data,
           gsize         len,
           int          *width,
           int          *height)
{
  gsize i = 2;

  len = MIN (len, JPEG_SCAN_MAX);
  while (i + 9 < len)
    {
      guint marker, seg;

      if (data[i] != 0xFF)
        return;
      marker = data[i + 1];
      if (marker == 0xFF)
        {
          i++;              /* fill byte */
          continue;
        }
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01)
        {
          i += 2;           /* markers without a length */
          continue;
        }
      seg = be16 (data + i + 2);
      if (seg < 2)
        return;
      /* SOF0…SOF15 carry the frame size, except DHT (C4), JPG (C8), DAC (CC). */
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          *height = (int) be16 (data + i + 5);
          *width = (int) be16 (data + i + 7);
          return;
        }
      i += 2 + seg;
    }
}

const char *
rn_image_sniff (const guint8 *data,
                gsize         len,
                int          *width,
                int          *height)
{
  static const guint8 png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  int w = -1, h = -1;
  const char *mime = NULL;

  if (data == NULL)
    return NULL;

  if (len >= 24 && memcmp (data, png, sizeof png) == 0)
    {
      mime = "image/png";
      if (memcmp (data + 12, "IHDR", 4) == 0)
        {
          w = (int) MIN (be32 (data + 16), (guint32) G_MAXINT);
          h = (int) MIN (be32 (data + 20), (guint32) G_MAXINT);
        }
    }
  else if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    {
      mime = "image/jpeg";
      jpeg_size (data, len, &w, &h);
    }
  else if (len >= 10 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    {
      mime = "image/gif";
      w = (int) le16 (data + 6);
      h = (int) le16 (data + 8);
    }
  else if (len >= 16 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBPVP8", 7) == 0)
    {
      mime = "image/webp";
      if (data[15] == ' ' && len >= 30)            /* lossy: frame header */
        {
          w = (int) (le16 (data + 26) & 0x3FFF);
          h = (int) (le16 (data + 28) & 0x3FFF);
        }
      else if (data[15] == 'L' && len >= 25 && data[20] == 0x2F)   /* lossless */
        {
          guint32 bits = data[21] | ((guint32) data[22] << 8) | ((guint32) data[23] << 16) |
                         ((guint32) data[24] << 24);
          w = (int) (bits & 0x3FFF) + 1;
          h = (int) ((bits >> 14) & 0x3FFF) + 1;
        }
      else if (data[15] == 'X' && len >= 30)       /* extended */
        {
          w = (int) le24 (data + 24) + 1;
          h = (int) le24 (data + 27) + 1;
        }
    }

  if (mime != NULL)
    {
      if (width != NULL)
        *width = w;
      if (height != NULL)
        *height = h;
    }
  return mime;
}
