/* A Crossref answer, mapped to a record, then through every exporter. */
#include "config.h"

#include "reading/rn-crossref.h"
#include "reading/rn-export.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(RnReference) ref = rn_crossref_parse_work (body, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *json = NULL;
  g_autoptr(RnReference) back = NULL;

  if (ref == NULL)
    return 0;
  json = rn_reference_to_csl_json_string (ref);
  back = rn_reference_new_from_csl_json_string (json, NULL);
  g_assert (back != NULL);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_export_entry_free);
  g_ptr_array_add (entries, rn_export_entry_new (ref, "note", NULL, G_MININT64, NULL));
  g_free (rn_export_bibtex (entries));
  g_free (rn_export_ris (entries));
  g_free (rn_export_csl_json (entries));
  g_free (rn_export_digest_markdown (entries, NULL));
  g_free (rn_export_digest_html (entries, NULL));
  return 0;
}
