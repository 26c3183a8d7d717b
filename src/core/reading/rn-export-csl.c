#define G_LOG_DOMAIN "rn-export"

#include "config.h"

#include "rn-export-private.h"

char *
rn_export_csl_json (GPtrArray *entries)
{
  g_auto(GStrv) keys = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *array;

  g_return_val_if_fail (entries != NULL, NULL);

  keys = rn_export_citation_keys (entries);
  array = json_array_sized_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      RnExportEntry *entry = g_ptr_array_index (entries, i);
      JsonNode *node = rn_reference_to_csl_json (entry->ref);
      JsonObject *object = json_node_get_object (node);

      json_object_set_string_member (object, "id", keys[i]);
      /* Our own bookkeeping stays home. */
      json_object_remove_member (object, "custom");
      if (entry->note != NULL && *entry->note != '\0')
        json_object_set_string_member (object, "annote", entry->note);
      if (entry->tags != NULL && entry->tags[0] != NULL)
        {
          g_autofree char *keywords = g_strjoinv (", ", entry->tags);

          json_object_set_string_member (object, "keyword", keywords);
        }
      json_array_add_element (array, node);
    }
  root = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}
