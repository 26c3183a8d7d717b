/* libFuzzer target: the PubMed parsers on arbitrary bytes. The first byte
 * picks esearch JSON, esummary JSON or efetch XML. */
#include "config.h"

#include "pubmed/rn-pubmed-parse.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  const char *text;
  gsize len;

  if (size < 1)
    return 0;
  text = (const char *) data + 1;
  len = size - 1;

  switch (data[0] % 3)
    {
    case 0:
      {
        RnPubmedSearchPage *page = rn_pubmed_parse_esearch (text, len, &error);
        rn_pubmed_search_page_free (page);
        break;
      }
    case 1:
      {
        GPtrArray *entries = rn_pubmed_parse_esummary (text, len, &error);
        g_clear_pointer (&entries, g_ptr_array_unref);
        break;
      }
    default:
      {
        g_autoptr(GHashTable) by_pmid = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) rn_parsed_entry_free);
        RnParsedEntry *e = rn_parsed_entry_new ();

        e->pmid = g_strdup ("39500002");
        g_hash_table_insert (by_pmid, e->pmid, e);
        rn_pubmed_parse_efetch (text, len, by_pmid, &error);
        break;
      }
    }
  return 0;
}
