/* rn-parser-json.c: JSON Feed 1.0 and 1.1 (jsonfeed.org). */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rn-feed-date.h"
#include "rn-parser-private.h"

/* json-glib parses recursively: refuse absurd nesting before it does. */
static gboolean
nesting_within_limit (const char *text,
                      gsize       length)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > RN_FEED_PARSE_MAX_DEPTH)
            return FALSE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }
  return TRUE;
}

static char *
dup_string (JsonObject *object,
            const char *member)
{
  JsonNode *node;
  const char *value;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  return rn_parser_strip (value, strlen (value));
}

/* "id" may be a number in careless feeds; JSON Feed says string. */
static char *
dup_id (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "id");

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return dup_string (object, "id");
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
add_author (RnParsedEntry *entry,
            JsonObject    *author)
{
  char *name = dup_string (author, "name");

  if (name == NULL)
    return;
  for (guint i = 0; i < entry->authors->len; i++)
    if (g_str_equal (entry->authors->pdata[i], name))
      {
        g_free (name);
        return;
      }
  g_ptr_array_add (entry->authors, name);
}

static void
read_authors (RnParsedEntry *entry,
              JsonObject    *object)
{
  JsonArray *authors = get_array (object, "authors");

  if (authors != NULL)
    {
      guint n = MIN (json_array_get_length (authors), 1000);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (authors, i);

          if (JSON_NODE_HOLDS_OBJECT (node))
            add_author (entry, json_node_get_object (node));
        }
    }
  else
    add_author (entry, get_object (object, "author"));   /* JSON Feed 1.0 */
}

static RnParsedEntry *
read_item (JsonObject *item,
           const char *base)
{
  RnParsedEntry *entry = rn_parsed_entry_new ();
  g_autofree char *url = dup_string (item, "url");
  g_autofree char *external = dup_string (item, "external_url");
  g_autofree char *image = dup_string (item, "image");
  g_autofree char *banner = dup_string (item, "banner_image");
  g_autofree char *published = dup_string (item, "date_published");
  g_autofree char *modified = dup_string (item, "date_modified");
  char *html = dup_string (item, "content_html");
  char *text = dup_string (item, "content_text");
  char *summary = dup_string (item, "summary");
  JsonArray *tags = get_array (item, "tags");
  JsonArray *attachments = get_array (item, "attachments");

  entry->id = dup_id (item);
  entry->title = dup_string (item, "title");
  entry->link = rn_parser_resolve (base, url != NULL ? url : external);
  entry->base = g_strdup (base);
  entry->lang = dup_string (item, "language");

  if (html != NULL)
    entry->content = html;
  else if (text != NULL)
    entry->content = rn_parser_text_to_html (text);
  if (html != NULL)
    g_free (text);
  else if (text != NULL)
    g_free (text);
  if (summary != NULL)
    {
      entry->summary = rn_parser_text_to_html (summary);
      g_free (summary);
    }

  entry->published = rn_feed_date_parse (published);
  entry->updated = rn_feed_date_parse (modified);
  entry->thumbnail = rn_parser_resolve (base, image != NULL ? image : banner);
  read_authors (entry, item);

  if (tags != NULL)
    {
      guint n = MIN (json_array_get_length (tags), 1000);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (tags, i);

          if (JSON_NODE_TYPE (node) == JSON_NODE_VALUE &&
              json_node_get_value_type (node) == G_TYPE_STRING)
            {
              const char *tag = json_node_get_string (node);
              char *clean = rn_parser_strip (tag, strlen (tag));

              if (clean != NULL)
                g_ptr_array_add (entry->categories, clean);
            }
        }
    }

  if (attachments != NULL)
    {
      guint n = MIN (json_array_get_length (attachments), 1000);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (attachments, i);
          JsonObject *a;
          g_autofree char *a_url = NULL;
          RnEnclosure *enclosure;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          a = json_node_get_object (node);
          a_url = dup_string (a, "url");
          if (a_url == NULL)
            continue;
          enclosure = g_new0 (RnEnclosure, 1);
          enclosure->url = rn_parser_resolve (base, a_url);
          enclosure->type = dup_string (a, "mime_type");
          enclosure->description = dup_string (a, "title");
          if (json_object_has_member (a, "size_in_bytes"))
            {
              JsonNode *size = json_object_get_member (a, "size_in_bytes");

              if (JSON_NODE_TYPE (size) == JSON_NODE_VALUE &&
                  json_node_get_value_type (size) == G_TYPE_INT64)
                enclosure->length = MAX (json_node_get_int (size), 0);
            }
          g_ptr_array_add (entry->enclosures, enclosure);
        }
    }
  return entry;
}

RnParsedFeed *
rn_parser_json_parse (const char  *text,
                      gsize        length,
                      const char  *base_uri,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;
  g_autofree char *version = NULL;
  g_autofree char *home = NULL;
  g_autofree char *self = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *favicon = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonArray *items;
  const char *base;

  if (!nesting_within_limit (text, length))
    {
      g_set_error_literal (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_LIMIT,
                           _("The feed nests elements deeper than the limit"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_set_error (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_MALFORMED,
                   _("The JSON feed could not be read: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_NOT_A_FEED,
                           _("The document is not an RSS, Atom or JSON feed"));
      return NULL;
    }
  object = json_node_get_object (root);
  version = dup_string (object, "version");
  items = get_array (object, "items");
  if ((version == NULL || !g_str_has_prefix (version, "https://jsonfeed.org/version/")) &&
      items == NULL)
    {
      g_set_error_literal (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_NOT_A_FEED,
                           _("The document is not an RSS, Atom or JSON feed"));
      return NULL;
    }

  feed = rn_parsed_feed_new ();
  feed->format = version != NULL && g_str_has_suffix (version, "/1.1")
                 ? RN_FEED_FORMAT_JSON11 : RN_FEED_FORMAT_JSON10;
  home = dup_string (object, "home_page_url");
  self = dup_string (object, "feed_url");
  icon = dup_string (object, "icon");
  favicon = dup_string (object, "favicon");
  base = base_uri != NULL ? base_uri : self;

  feed->title = dup_string (object, "title");
  feed->description = dup_string (object, "description");
  feed->lang = dup_string (object, "language");
  feed->link = rn_parser_resolve (base, home);
  feed->self_link = rn_parser_resolve (base, self);
  feed->image = rn_parser_resolve (base, icon != NULL ? icon : favicon);
  if (version == NULL)
    {
      feed->recovered = TRUE;
      feed->error = g_strdup ("the JSON feed has no version");
    }

  if (items != NULL)
    {
      guint n = json_array_get_length (items);

      if (n > RN_FEED_PARSE_MAX_ENTRIES)
        {
          g_set_error_literal (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_LIMIT,
                               _("The feed has more entries than the limit"));
          return NULL;
        }
      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (items, i);
          RnParsedEntry *entry;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          entry = read_item (json_node_get_object (node), base);
          /* Items inherit the feed's authors (JSON Feed 1.1). */
          if (entry->authors->len == 0)
            read_authors (entry, object);
          g_ptr_array_add (feed->entries, entry);
        }
    }
  return g_steal_pointer (&feed);
}
