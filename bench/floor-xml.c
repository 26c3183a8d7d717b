/* floor-xml: the libxml2 floor of the refresh benchmark. Reads each file
 * named on the command line into memory, then walks it with
 * xmlTextReader, copying the text of titles, descriptions, contents and
 * summaries, and counts items. Prints "items seconds". */
#include <glib.h>
#include <libxml/xmlreader.h>
#include <string.h>

static const char *const text_elements[] = {
  "title", "description", "encoded", "content", "summary",
};

int
main (int   argc,
      char *argv[])
{
  GPtrArray *bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint64 items = 0;
  gint64 start;

  for (int i = 1; i < argc; i++)
    {
      char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (argv[i], &data, &len, NULL))
        return 1;
      g_ptr_array_add (bodies, g_bytes_new_take (data, len));
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < bodies->len; i++)
    {
      gsize len;
      const char *data = g_bytes_get_data (g_ptr_array_index (bodies, i), &len);
      xmlTextReaderPtr reader = xmlReaderForMemory (data, (int) len, NULL, NULL, XML_PARSE_NONET);

      while (xmlTextReaderRead (reader) == 1)
        {
          const char *name;

          if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT)
            continue;
          name = (const char *) xmlTextReaderConstLocalName (reader);
          if (strcmp (name, "item") == 0 || strcmp (name, "entry") == 0)
            items++;
          for (gsize k = 0; k < G_N_ELEMENTS (text_elements); k++)
            if (strcmp (name, text_elements[k]) == 0)
              {
                xmlChar *text = xmlTextReaderReadString (reader);
                xmlFree (text);
                break;
              }
        }
      xmlFreeTextReader (reader);
    }
  g_print ("%" G_GUINT64_FORMAT " %.3f\n", items, (g_get_monotonic_time () - start) / 1e6);
  g_ptr_array_unref (bodies);
  return 0;
}
