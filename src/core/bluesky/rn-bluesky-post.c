/* rn-bluesky-post.c: post JSON → entries; text, facets and graphemes.
 * Untrusted input: every member optional, every offset checked. */
#define G_LOG_DOMAIN "rn-bluesky"

#include "config.h"

#include <string.h>

#include "mastodon/rn-mastodon-status.h"
#include "rn-bluesky-post.h"

#define MAX_POSTS  200
#define MAX_FACETS 100
#define MAX_IMAGES 8

static const char *
str (JsonObject *obj,
     const char *name)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
num (JsonObject *obj,
     const char *name)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (node);
}

static JsonObject *
obj_member (JsonObject *obj,
            const char *name)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static JsonArray *
array_member (JsonObject *obj,
              const char *name)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
iso_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return RN_NO_DATE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL ? g_date_time_to_unix (dt) : RN_NO_DATE;
}

static char *
author_label (JsonObject *author)
{
  const char *name = str (author, "displayName");
  const char *handle = str (author, "handle");

  if (handle == NULL)
    return NULL;
  if (name == NULL || *name == '\0')
    return g_strdup_printf ("@%s", handle);
  return g_strdup_printf ("%s (@%s)", name, handle);
}

static void
append_escaped_text (GString    *out,
                     const char *text,
                     gsize       len)
{
  g_autofree char *piece = g_markup_escape_text (text, (gssize) len);
  g_autoptr(GString) lines = g_string_new (piece);

  g_string_replace (lines, "\n", "<br>", 0);
  g_string_append (out, lines->str);
}

static void
append_attr (GString    *out,
             const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  g_string_append (out, escaped);
}

typedef struct
{
  gsize       start;
  gsize       end;
  JsonObject *feature;
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

char *
rn_bluesky_text_to_html (const char *text,
                         JsonArray  *facets)
{
  g_autoptr(GString) out = g_string_new ("<p>");
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  gsize len, pos = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  len = strlen (text);

  for (guint i = 0; facets != NULL && i < MIN (json_array_get_length (facets), MAX_FACETS); i++)
    {
      JsonObject *facet = array_object (facets, i);
      JsonObject *index = obj_member (facet, "index");
      JsonArray *features = array_member (facet, "features");
      gint64 start = num (index, "byteStart"), end = num (index, "byteEnd");
      Span span;

      if (start < 0 || end <= start || (gsize) end > len || features == NULL ||
          json_array_get_length (features) == 0 ||
          /* offsets must fall between characters */
          (text[start] & 0xc0) == 0x80 || ((gsize) end < len && (text[end] & 0xc0) == 0x80))
        continue;
      span.start = (gsize) start;
      span.end = (gsize) end;
      span.feature = array_object (features, 0);
      if (span.feature != NULL)
        g_array_append_val (spans, span);
    }
  g_array_sort (spans, compare_spans);

  for (guint i = 0; i < spans->len; i++)
    {
      Span *s = &g_array_index (spans, Span, i);
      const char *type = str (s->feature, "$type");
      g_autofree char *href = NULL;

      if (s->start < pos)   /* overlapping: keep the first */
        continue;
      if (g_strcmp0 (type, "app.bsky.richtext.facet#link") == 0 && str (s->feature, "uri") != NULL &&
          (g_str_has_prefix (str (s->feature, "uri"), "https://") ||
           g_str_has_prefix (str (s->feature, "uri"), "http://")))
        href = g_strdup (str (s->feature, "uri"));
      else if (g_strcmp0 (type, "app.bsky.richtext.facet#mention") == 0 && str (s->feature, "did") != NULL)
        href = g_strdup_printf ("https://bsky.app/profile/%s", str (s->feature, "did"));
      else if (g_strcmp0 (type, "app.bsky.richtext.facet#tag") == 0 && str (s->feature, "tag") != NULL)
        {
          g_autofree char *tag = g_uri_escape_string (str (s->feature, "tag"), NULL, FALSE);
          href = g_strdup_printf ("https://bsky.app/hashtag/%s", tag);
        }
      if (href == NULL)
        continue;
      append_escaped_text (out, text + pos, s->start - pos);
      g_string_append (out, "<a href=\"");
      append_attr (out, href);
      g_string_append (out, "\">");
      append_escaped_text (out, text + s->start, s->end - s->start);
      g_string_append (out, "</a>");
      pos = s->end;
    }
  append_escaped_text (out, text + pos, len - pos);
  g_string_append (out, "</p>");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
joins_previous (gunichar c)
{
  return g_unichar_ismark (c) ||
         (c >= 0xFE00 && c <= 0xFE0F) ||        /* variation selectors */
         (c >= 0x1F3FB && c <= 0x1F3FF) ||      /* skin tones */
         (c >= 0xE0020 && c <= 0xE007F) ||      /* tag characters (flags) */
         c == 0x200D;
}

guint
rn_bluesky_count_graphemes (const char *text)
{
  guint count = 0;
  gboolean after_zwj = FALSE;
  gboolean open_flag = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean regional = c >= 0x1F1E6 && c <= 0x1F1FF;

      if (after_zwj)
        after_zwj = FALSE;
      else if (c == '\n' && p > text && p[-1] == '\r')
        ;
      else if (regional && open_flag)
        open_flag = FALSE;       /* second half of a flag */
      else if (!joins_previous (c))
        {
          count++;
          open_flag = regional;
        }
      if (c == 0x200D)
        after_zwj = TRUE;
    }
  return count;
}

static void
add_facet (JsonBuilder *b,
           gsize        start,
           gsize        end,
           const char  *type,
           const char  *key,
           const char  *value)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "byteStart");
  json_builder_add_int_value (b, (gint64) start);
  json_builder_set_member_name (b, "byteEnd");
  json_builder_add_int_value (b, (gint64) end);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "$type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonNode *
rn_bluesky_build_facets (const char *text)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean word_start = TRUE;
  const char *p = text;

  json_builder_begin_array (b);
  while (p != NULL && *p != '\0')
    {
      if (word_start && (g_str_has_prefix (p, "https://") || g_str_has_prefix (p, "http://")))
        {
          gsize n = 0;
          g_autofree char *uri = NULL;

          while (p[n] != '\0' && !g_ascii_isspace (p[n]))
            n++;
          /* Trailing punctuation ends a sentence, not the link. */
          while (n > 0 && strchr (".,;:!?)", p[n - 1]) != NULL)
            n--;
          uri = g_strndup (p, n);
          add_facet (b, p - text, p - text + n, "app.bsky.richtext.facet#link", "uri", uri);
          p += n;
          word_start = FALSE;
          continue;
        }
      if (word_start && *p == '#')
        {
          const char *q = p + 1;
          g_autofree char *tag = NULL;

          while (*q != '\0')
            {
              gunichar c = g_utf8_get_char (q);

              if (!g_unichar_isalnum (c) && c != '_')
                break;
              q = g_utf8_next_char (q);
            }
          if (q > p + 1 && q - p <= 65)
            {
              tag = g_strndup (p + 1, q - p - 1);
              add_facet (b, p - text, q - text, "app.bsky.richtext.facet#tag", "tag", tag);
              p = q;
              word_start = FALSE;
              continue;
            }
        }
      word_start = g_unichar_isspace (g_utf8_get_char (p)) || *p == '(';
      p = g_utf8_next_char (p);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static gboolean
sensitive_labels (JsonArray *labels)
{
  static const char * const hidden[] = { "sexual", "nudity", "porn", "graphic-media", "gore", NULL };

  for (guint i = 0; labels != NULL && i < MIN (json_array_get_length (labels), 64); i++)
    if (g_strv_contains (hidden, str (array_object (labels, i), "val") != NULL
                                 ? str (array_object (labels, i), "val") : ""))
      return TRUE;
  return FALSE;
}

static void
add_embed (RnParsedEntry *e,
           JsonObject    *embed)
{
  const char *type = str (embed, "$type");

  if (type == NULL)
    return;
  if (g_str_equal (type, "app.bsky.embed.images#view"))
    {
      JsonArray *images = array_member (embed, "images");

      for (guint i = 0; images != NULL && i < MIN (json_array_get_length (images), MAX_IMAGES); i++)
        {
          JsonObject *img = array_object (images, i);
          const char *full = str (img, "fullsize"), *thumb = str (img, "thumb");
          RnEnclosure *enc;

          if (full == NULL)
            continue;
          enc = rn_enclosure_new (full, "image/jpeg", 0);
          enc->description = g_strdup (str (img, "alt"));
          g_ptr_array_add (e->enclosures, enc);
          g_ptr_array_add (e->media_previews, g_strdup (thumb != NULL ? thumb : ""));
          if (e->thumbnail == NULL && thumb != NULL)
            e->thumbnail = g_strdup (thumb);
        }
    }
  else if (g_str_equal (type, "app.bsky.embed.video#view"))
    {
      const char *playlist = str (embed, "playlist"), *thumb = str (embed, "thumbnail");
      RnEnclosure *enc;

      if (playlist == NULL)
        return;
      enc = rn_enclosure_new (playlist, "application/x-mpegurl", 0);
      enc->description = g_strdup (str (embed, "alt"));
      g_ptr_array_add (e->enclosures, enc);
      g_ptr_array_add (e->media_previews, g_strdup (thumb != NULL ? thumb : ""));
      if (e->thumbnail == NULL && thumb != NULL)
        e->thumbnail = g_strdup (thumb);
    }
  else if (g_str_equal (type, "app.bsky.embed.external#view"))
    {
      JsonObject *ext = obj_member (embed, "external");

      if (str (ext, "uri") == NULL)
        return;
      e->card_url = g_strdup (str (ext, "uri"));
      e->card_title = g_strdup (str (ext, "title"));
      e->card_description = g_strdup (str (ext, "description"));
      e->card_image = g_strdup (str (ext, "thumb"));
    }
  else if (g_str_equal (type, "app.bsky.embed.recordWithMedia#view"))
    add_embed (e, obj_member (embed, "media"));
}

const char *
rn_bluesky_item_sort_key (JsonObject *item)
{
  JsonObject *reason = obj_member (item, "reason");
  JsonObject *post = obj_member (item, "post");

  if (reason != NULL && str (reason, "indexedAt") != NULL)
    return str (reason, "indexedAt");
  return str (post != NULL ? post : item, "indexedAt");
}

RnParsedEntry *
rn_bluesky_post_to_entry (JsonObject *item)
{
  g_autoptr(RnParsedEntry) e = NULL;
  JsonObject *post = obj_member (item, "post");
  JsonObject *reason = obj_member (item, "reason");
  JsonObject *record, *author;
  const char *uri, *handle, *rkey;
  JsonArray *tags;

  if (post == NULL)
    post = item;   /* a bare postView (search results) */
  uri = str (post, "uri");
  if (uri == NULL || !g_str_has_prefix (uri, "at://"))
    return NULL;
  record = obj_member (post, "record");
  author = obj_member (post, "author");

  e = rn_parsed_entry_new ();
  e->id = g_strdup (uri);
  e->post_id = g_strdup (uri);
  handle = str (author, "handle");
  rkey = strrchr (uri, '/');
  if (handle != NULL && rkey != NULL && rkey[1] != '\0')
    e->link = g_strdup_printf ("https://bsky.app/profile/%s/post/%s", handle, rkey + 1);
  e->content = rn_bluesky_text_to_html (str (record, "text"), array_member (record, "facets"));
  e->title = rn_social_short_title (e->content, 80);
  {
    char *label = author_label (author);

    if (label != NULL)
      g_ptr_array_add (e->authors, label);
  }
  if (reason != NULL && g_strcmp0 (str (reason, "$type"), "app.bsky.feed.defs#reasonRepost") == 0)
    {
      e->is_boost = TRUE;
      e->boosted_by = author_label (obj_member (reason, "by"));
      e->published = iso_time (str (reason, "indexedAt"));
    }
  if (e->published == RN_NO_DATE)
    e->published = iso_time (str (record, "createdAt"));
  if (e->published == RN_NO_DATE)
    e->published = iso_time (str (post, "indexedAt"));
  e->is_reply = obj_member (record, "reply") != NULL;
  e->boosts = MAX (num (post, "repostCount"), -1);
  e->replies = MAX (num (post, "replyCount"), -1);
  e->favourites = MAX (num (post, "likeCount"), -1);
  e->sensitive = sensitive_labels (array_member (post, "labels"));
  {
    JsonArray *langs = array_member (record, "langs");

    if (langs != NULL && json_array_get_length (langs) > 0 &&
        JSON_NODE_HOLDS_VALUE (json_array_get_element (langs, 0)) &&
        json_node_get_value_type (json_array_get_element (langs, 0)) == G_TYPE_STRING)
      e->lang = g_strdup (json_array_get_string_element (langs, 0));
  }

  /* Tags: from facets and from the record's own list. */
  {
    JsonArray *facets = array_member (record, "facets");

    for (guint i = 0; facets != NULL && i < MIN (json_array_get_length (facets), MAX_FACETS); i++)
      {
        JsonArray *features = array_member (array_object (facets, i), "features");

        for (guint j = 0; features != NULL && j < MIN (json_array_get_length (features), 8); j++)
          {
            JsonObject *f = array_object (features, j);
            const char *tag = str (f, "tag");

            if (g_strcmp0 (str (f, "$type"), "app.bsky.richtext.facet#tag") == 0 && tag != NULL &&
                *tag != '\0' && strlen (tag) <= 200)
              {
                char *lower = g_utf8_strdown (tag, -1);

                if (!g_ptr_array_find_with_equal_func (e->categories, lower, g_str_equal, NULL))
                  g_ptr_array_add (e->categories, lower);
                else
                  g_free (lower);
              }
            else if (g_strcmp0 (str (f, "$type"), "app.bsky.richtext.facet#link") == 0 &&
                     e->doi == NULL)
              e->doi = rn_social_find_doi (str (f, "uri"));
          }
      }
  }
  tags = array_member (record, "tags");
  for (guint i = 0; tags != NULL && i < MIN (json_array_get_length (tags), 8); i++)
    {
      JsonNode *node = json_array_get_element (tags, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          char *lower = g_utf8_strdown (json_node_get_string (node), -1);

          if (*lower != '\0' && !g_ptr_array_find_with_equal_func (e->categories, lower, g_str_equal, NULL))
            g_ptr_array_add (e->categories, lower);
          else
            g_free (lower);
        }
    }

  add_embed (e, obj_member (post, "embed"));
  if (e->doi == NULL)
    e->doi = rn_social_find_doi (str (record, "text"));
  if (e->doi == NULL && e->card_url != NULL)
    e->doi = rn_social_find_doi (e->card_url);
  return g_steal_pointer (&e);
}

guint
rn_bluesky_posts_append (RnParsedFeed *feed,
                         JsonNode     *array)
{
  JsonArray *items;
  guint read = 0;

  if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array))
    return 0;
  items = json_node_get_array (array);
  for (guint i = 0; i < MIN (json_array_get_length (items), MAX_POSTS); i++)
    {
      JsonObject *item = array_object (items, i);
      RnParsedEntry *e = item != NULL ? rn_bluesky_post_to_entry (item) : NULL;

      if (e == NULL)
        continue;
      g_ptr_array_add (feed->entries, e);
      read++;
    }
  return read;
}
