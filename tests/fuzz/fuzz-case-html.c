/* An untrusted page body exported as a self-contained case. */
#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>

#include "reading/rn-export.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Schemes are case-insensitive: "httP://" is a web link like any other. */
static gboolean
has_scheme (const char *value,
            const char *scheme)
{
  return g_ascii_strncasecmp (value, scheme, strlen (scheme)) == 0;
}

/* What the page must never contain, read back as a browser would. */
static void
check (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) node->name;

          g_assert (!g_str_equal (name, "script") && !g_str_equal (name, "iframe") &&
                    !g_str_equal (name, "object") && !g_str_equal (name, "embed"));
          for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
            {
              g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) attr);
              const char *attr_name = (const char *) attr->name;

              g_assert (g_ascii_strncasecmp (attr_name, "on", 2) != 0);
              if (g_ascii_strcasecmp (attr_name, "src") == 0)
                g_assert (g_str_has_prefix (value, "data:image/"));
              if (g_ascii_strcasecmp (attr_name, "href") == 0)
                g_assert (g_str_equal (name, "a") &&
                          (has_scheme (value, "https:") || has_scheme (value, "http:") ||
                           has_scheme (value, "mailto:")));
            }
        }
      check (node->children);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *body = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_export_image_free);
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
  g_autofree char *html = NULL;
  htmlDocPtr doc;

  g_ptr_array_add (images, rn_export_image_new ("a.png", "image/png", png, "alt"));
  html = rn_export_case_html ("t", "s", "https://example.org/", body, "n", images, NULL);
  if (html == NULL)
    return 0;
  doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc != NULL)
    {
      check (xmlDocGetRootElement (doc));
      xmlFreeDoc (doc);
    }
  return 0;
}
