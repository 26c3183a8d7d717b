#define G_LOG_DOMAIN "rn-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include "rn-export-private.h"

/* Elements that load, run or embed something: gone with their content. */
static const char * const dropped_elements[] = {
  "script", "style", "link", "meta", "base", "iframe", "frame", "frameset",
  "object", "embed", "applet", "noscript", "template", "svg", "video", "audio",
  "source", "track", "canvas", "form", "input", "button", "select", "textarea",
  "portal", "head", "title", NULL
};

/* Attributes that load something or carry code or styles (url()). */
static const char * const dropped_attributes[] = {
  "style", "srcset", "background", "poster", "lowsrc", "dynsrc", "longdesc",
  "ping", "formaction", "action", "data", "codebase", "usemap", "xmlns",
  "imagesrcset", "sizes", NULL
};

static const char * const image_types[] = {
  "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", NULL
};

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node->name != NULL && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static RnExportImage *
find_image (GPtrArray  *images,
            const char *src)
{
  for (guint i = 0; images != NULL && i < images->len; i++)
    {
      RnExportImage *image = g_ptr_array_index (images, i);

      if (g_str_equal (image->url, src) && image->mime != NULL &&
          g_strv_contains (image_types, image->mime))
        return image;
    }
  return NULL;
}

static void
clean_attributes (xmlNode *node)
{
  xmlAttr *attr = node->properties;

  while (attr != NULL)
    {
      xmlAttr *next = attr->next;
      const char *name = (const char *) attr->name;
      gboolean drop = g_ascii_strncasecmp (name, "on", 2) == 0 ||
                      g_strv_contains (dropped_attributes, name) ||
                      attr->ns != NULL;

      /* Only <img> may have a src (replaced below); links may only point
       * to the web or mail, never run code. */
      if (g_ascii_strcasecmp (name, "src") == 0 && !is_named (node, "img"))
        drop = TRUE;
      if (g_ascii_strcasecmp (name, "href") == 0)
        {
          g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) attr);

          drop = !is_named (node, "a") ||
                 !(rn_export_is_web_url (value) || g_str_has_prefix (value, "mailto:"));
        }
      if (drop)
        xmlRemoveProp (attr);
      attr = next;
    }
}

/* Replaces an image by its embedded copy, or by its alt text. */
static void
embed_image (xmlNode   *img,
             GPtrArray *images)
{
  g_autofree char *src = (char *) xmlGetProp (img, (const xmlChar *) "src");
  RnExportImage *image = src != NULL ? find_image (images, src) : NULL;

  if (image != NULL)
    {
      gsize size;
      const guchar *data = g_bytes_get_data (image->data, &size);
      g_autofree char *base64 = g_base64_encode (data, size);
      g_autofree char *uri = g_strconcat ("data:", image->mime, ";base64,", base64, NULL);

      xmlSetProp (img, (const xmlChar *) "src", (const xmlChar *) uri);
      if (image->alt != NULL && !xmlHasProp (img, (const xmlChar *) "alt"))
        xmlSetProp (img, (const xmlChar *) "alt", (const xmlChar *) image->alt);
      return;
    }
  {
    g_autofree char *alt = (char *) xmlGetProp (img, (const xmlChar *) "alt");
    xmlNode *text = xmlNewText ((const xmlChar *) (alt != NULL && *alt != '\0'
                                                    ? alt : _("[image not saved]")));

    xmlReplaceNode (img, text);
    xmlFreeNode (img);
  }
}

static void
clean_tree (xmlNode   *node,
            GPtrArray *images)
{
  xmlNode *child = node->children;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      if (child->type == XML_ELEMENT_NODE)
        {
          if (g_strv_contains (dropped_elements, (const char *) child->name))
            {
              xmlUnlinkNode (child);
              xmlFreeNode (child);
            }
          else
            {
              clean_attributes (child);
              clean_tree (child, images);
              if (is_named (child, "img"))
                embed_image (child, images);
            }
        }
      else if (child->type != XML_TEXT_NODE && child->type != XML_CDATA_SECTION_NODE &&
               child->type != XML_ENTITY_REF_NODE)
        {
          /* comments, processing instructions (conditional comments!) */
          xmlUnlinkNode (child);
          xmlFreeNode (child);
        }
      child = next;
    }
}

static xmlNode *
find_body (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type == XML_ELEMENT_NODE && is_named (node, "body"))
        return node;
      if ((found = find_body (node->children)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
append_body (GString     *out,
             const char  *body_html,
             GPtrArray   *images,
             GError     **error)
{
  htmlDocPtr doc;
  xmlNode *body;
  xmlBufferPtr buffer;

  if (body_html == NULL || *body_html == '\0')
    return TRUE;
  doc = htmlReadMemory (body_html, strlen (body_html), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error (error, RN_EXPORT_ERROR, RN_EXPORT_ERROR_INVALID,
                   _("The saved page could not be read"));
      return FALSE;
    }
  body = find_body (xmlDocGetRootElement (doc));
  if (body != NULL)
    {
      clean_tree (body, images);
      buffer = xmlBufferCreate ();
      for (xmlNode *child = body->children; child != NULL; child = child->next)
        htmlNodeDump (buffer, doc, child);
      g_string_append_len (out, (const char *) xmlBufferContent (buffer), xmlBufferLength (buffer));
      xmlBufferFree (buffer);
    }
  xmlFreeDoc (doc);
  return TRUE;
}

static const char css[] =
  "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}"
  "img{max-width:100%;height:auto}figure{margin:1rem 0}"
  ".source{color:#555}.note{margin:1rem 0;padding:.3rem .9rem;border-left:4px solid #3584e4;background:#f0f6fd}"
  "@media (prefers-color-scheme:dark){body{color:#ddd;background:#1e1e1e}.source{color:#aaa}.note{background:#1c2a3a}}";

char *
rn_export_case_html (const char  *title,
                     const char  *source,
                     const char  *link,
                     const char  *sanitised_html_body,
                     const char  *note,
                     GPtrArray   *images,
                     GError     **error)
{
  g_autoptr(GString) out = NULL;
  gsize image_bytes = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sanitised_html_body != NULL && strlen (sanitised_html_body) > RN_EXPORT_CASE_MAX_BODY)
    {
      g_set_error (error, RN_EXPORT_ERROR, RN_EXPORT_ERROR_TOO_LARGE,
                   _("The saved page is too large to export"));
      return NULL;
    }
  for (guint i = 0; images != NULL && i < images->len; i++)
    image_bytes += g_bytes_get_size (((RnExportImage *) g_ptr_array_index (images, i))->data);
  if (image_bytes > RN_EXPORT_CASE_MAX_IMAGES)
    {
      g_set_error (error, RN_EXPORT_ERROR, RN_EXPORT_ERROR_TOO_LARGE,
                   _("The images of this case are too large to export in one file"));
      return NULL;
    }
  if (title == NULL || *title == '\0')
    title = _("Saved case");

  out = g_string_new ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\"/>\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                      /* Belt and braces: even a missed attribute loads nothing. */
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\"/>\n"
                      "<title>");
  rn_export_append_html (out, title);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>", css);
  rn_export_append_html (out, title);
  g_string_append (out, "</h1>\n");
  if ((source != NULL && *source != '\0') || rn_export_is_web_url (link))
    {
      g_string_append (out, "<p class=\"source\">");
      if (source != NULL && *source != '\0')
        rn_export_append_html (out, source);
      if (rn_export_is_web_url (link))
        {
          g_string_append (out, source != NULL && *source != '\0' ? " — <a href=\"" : "<a href=\"");
          rn_export_append_html (out, link);
          g_string_append (out, "\">");
          rn_export_append_html (out, link);
          g_string_append (out, "</a>");
        }
      g_string_append (out, "</p>\n");
    }
  if (note != NULL && *note != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (note, "\n", -1);

      g_string_append (out, "<div class=\"note\"><p>");
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, "<br/>");
          rn_export_append_html (out, lines[i]);
        }
      g_string_append (out, "</p></div>\n");
    }
  g_string_append (out, "</header>\n<article>\n");
  if (!append_body (out, sanitised_html_body, images, error))
    return NULL;
  g_string_append (out, "\n</article>\n</body>\n</html>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
