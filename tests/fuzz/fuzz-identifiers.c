/* Identifier scanning on arbitrary text, link and hint. */
#include "config.h"

#include <string.h>

#include "reading/rn-identifiers.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(RnIdentifiers) ids = NULL;
  const char *link = text + strlen (text) / 2;
  guint n = 0;

  ids = rn_identifiers_find (text, link, size > 8 ? text + 8 : NULL);
  rn_identifiers_get_dois (ids, &n);
  g_assert (n <= RN_IDENTIFIERS_MAX_DOIS);
  for (guint i = 0; i < n; i++)
    g_assert (g_str_has_prefix (rn_identifiers_get_dois (ids, NULL)[i], "10."));
  g_free (rn_identifiers_normalize_doi (text));
  return 0;
}
