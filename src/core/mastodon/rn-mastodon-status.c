/* rn-mastodon-status.c: one status (or a page of them) into parsed
 * entries. Everything here reads untrusted JSON: every member is optional
 * and of any type, so only the typed accessors with defaults are used. */
#define G_LOG_DOMAIN "rn-mastodon"

#include "config.h"

#include <string.h>

#include "store/rn-index-text.h"
#include "rn-mastodon-status.h"

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
  return MAX (json_node_get_int (node), 0);
}

static gboolean
boolean (JsonObject *obj,
         const char *name)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  return json_node_get_boolean (node);
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
author_label (JsonObject *account)
{
  const char *name = str (account, "display_name");
  const char *acct = str (account, "acct");

  if (acct == NULL)
    acct = str (account, "username");
  if (acct == NULL)
    return NULL;
  if (name == NULL || *name == '\0')
    return g_strdup_printf ("@%s", acct);
  return g_strdup_printf ("%s (@%s)", name, acct);
}

static const char *
guess_type (const char *kind,
            const char *url)
{
  g_autofree char *lower = g_ascii_strdown (url != NULL ? url : "", -1);
  char *q = strpbrk (lower, "?#");

  if (q != NULL)
    *q = '\0';
  if (g_strcmp0 (kind, "image") == 0)
    {
      if (g_str_has_suffix (lower, ".png"))
        return "image/png";
      if (g_str_has_suffix (lower, ".gif"))
        return "image/gif";
      if (g_str_has_suffix (lower, ".webp"))
        return "image/webp";
      if (g_str_has_suffix (lower, ".avif"))
        return "image/avif";
      return "image/jpeg";
    }
  if (g_strcmp0 (kind, "video") == 0 || g_strcmp0 (kind, "gifv") == 0)
    return "video/mp4";
  if (g_strcmp0 (kind, "audio") == 0)
    return g_str_has_suffix (lower, ".ogg") ? "audio/ogg" : "audio/mpeg";
  return "application/octet-stream";
}

char *
rn_social_find_doi (const char *html)
{
  static GRegex *re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *doi = NULL;
  gsize len;

  if (html == NULL)
    return NULL;
  if (g_once_init_enter (&re))
    {
      /* 10.<registrant>/<suffix>; the suffix ends at space, quote, tag or
       * entity. Bounded lengths keep the match linear. */
      GRegex *r = g_regex_new ("\\b(10\\.[0-9]{4,9}/[^\\s\"<>&]{1,200})", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&re, r);
    }
  if (!g_regex_match (re, html, 0, &match))
    return NULL;
  doi = g_match_info_fetch (match, 1);
  /* Sentence punctuation after a DOI is not part of it. */
  len = strlen (doi);
  while (len > 0 && strchr (".,;:)]}'!?", doi[len - 1]) != NULL)
    doi[--len] = '\0';
  {
    char *slash = strchr (doi, '/');
    g_autofree char *prefix = g_ascii_strdown (doi, slash - doi);
    g_autofree char *unescaped = g_uri_unescape_string (slash, NULL);

    return g_strconcat (prefix, unescaped != NULL ? unescaped : slash, NULL);
  }
}

char *
rn_social_short_title (const char *html,
                       guint       max_chars)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char *start, *nl;
  glong n;

  if (html == NULL)
    return NULL;
  /* Paragraph and line breaks become newlines before the tags go. */
  {
    g_autoptr(GString) marked = g_string_new (html);

    g_string_replace (marked, "</p>", "\n</p>", 0);
    g_string_replace (marked, "<br", "\n<br", 0);
    rn_index_text_append_html (text, marked->str);
  }
  start = text->str;
  while (*start == '\n' || g_ascii_isspace (*start))
    start++;
  nl = strchr (start, '\n');
  if (nl != NULL)
    *nl = '\0';
  g_strstrip (start);
  if (*start == '\0')
    return NULL;
  n = g_utf8_strlen (start, -1);
  if (n <= (glong) max_chars)
    return g_strdup (start);
  {
    g_autofree char *cut = g_utf8_substring (start, 0, max_chars > 1 ? max_chars - 1 : 1);

    return g_strconcat (g_strchomp (cut), "…", NULL);
  }
}

static void
add_media (RnParsedEntry *e,
           JsonArray     *media)
{
  guint n = media != NULL ? MIN (json_array_get_length (media), 16) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (media, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *url = str (m, "url");
      const char *kind = str (m, "type");
      const char *preview = str (m, "preview_url");
      RnEnclosure *enc;

      if (url == NULL)
        url = str (m, "remote_url");
      if (url == NULL)
        continue;
      enc = rn_enclosure_new (url, guess_type (kind, url), 0);
      enc->description = g_strdup (str (m, "description"));
      g_ptr_array_add (e->enclosures, enc);
      g_ptr_array_add (e->media_previews, g_strdup (preview != NULL ? preview : ""));
      if (e->thumbnail == NULL && preview != NULL &&
          (g_strcmp0 (kind, "image") == 0 || g_strcmp0 (kind, "gifv") == 0 || g_strcmp0 (kind, "video") == 0))
        e->thumbnail = g_strdup (preview);
    }
}

static void
add_tags (RnParsedEntry *e,
          JsonArray     *tags)
{
  guint n = tags != NULL ? MIN (json_array_get_length (tags), 64) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (tags, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (node) ? str (json_node_get_object (node), "name") : NULL;
      g_autofree char *lower = NULL;

      if (name == NULL || *name == '\0' || strlen (name) > 200 || !g_utf8_validate (name, -1, NULL))
        continue;
      while (*name == '#')
        name++;
      lower = g_utf8_strdown (name, -1);
      if (*lower != '\0' && !g_ptr_array_find_with_equal_func (e->categories, lower, g_str_equal, NULL))
        g_ptr_array_add (e->categories, g_steal_pointer (&lower));
    }
}

RnParsedEntry *
rn_mastodon_status_to_entry (JsonObject *status)
{
  g_autoptr(RnParsedEntry) e = NULL;
  JsonObject *post = obj_member (status, "reblog");
  JsonObject *card;
  const char *id, *spoiler;

  g_return_val_if_fail (status != NULL, NULL);

  e = rn_parsed_entry_new ();
  if (post != NULL)
    {
      e->is_boost = TRUE;
      e->boosted_by = author_label (obj_member (status, "account"));
    }
  else
    post = status;

  id = str (post, "uri");
  if (id == NULL)
    id = str (post, "url");
  if (id == NULL && str (post, "id") == NULL)
    return NULL;
  e->id = g_strdup (id != NULL ? id : str (post, "id"));
  e->post_id = g_strdup (str (post, "id"));
  if (post != status)
    e->timeline_id = g_strdup (str (status, "id"));
  e->link = g_strdup (str (post, "url") != NULL ? str (post, "url") : str (post, "uri"));
  e->content = g_strdup (str (post, "content"));
  e->lang = g_strdup (str (post, "language"));
  /* A boost sorts by when it was boosted: that is when it reached us. */
  e->published = iso_time (str (status, "created_at"));
  e->updated = iso_time (str (post, "edited_at"));

  spoiler = str (post, "spoiler_text");
  if (spoiler != NULL && *spoiler != '\0')
    {
      e->spoiler_text = g_strdup (spoiler);
      /* The title must not give away what the warning hides. */
      e->title = g_utf8_make_valid (spoiler, MIN (strlen (spoiler), 200));
    }
  else
    e->title = rn_social_short_title (e->content, 80);
  e->sensitive = boolean (post, "sensitive");
  e->is_reply = str (post, "in_reply_to_id") != NULL;

  {
    char *author = author_label (obj_member (post, "account"));

    if (author != NULL)
      g_ptr_array_add (e->authors, author);
  }
  e->boosts = num (post, "reblogs_count");
  e->replies = num (post, "replies_count");
  e->favourites = num (post, "favourites_count");

  add_tags (e, array_member (post, "tags"));
  add_media (e, array_member (post, "media_attachments"));

  card = obj_member (post, "card");
  if (card != NULL && str (card, "url") != NULL)
    {
      e->card_url = g_strdup (str (card, "url"));
      e->card_title = g_strdup (str (card, "title"));
      e->card_description = g_strdup (str (card, "description"));
      e->card_image = g_strdup (str (card, "image"));
    }

  e->doi = rn_social_find_doi (e->content);
  if (e->doi == NULL && e->card_url != NULL)
    e->doi = rn_social_find_doi (e->card_url);
  return g_steal_pointer (&e);
}

guint
rn_mastodon_statuses_append (RnParsedFeed *feed,
                             JsonNode     *array)
{
  JsonArray *statuses;
  guint n, read = 0;

  if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array))
    return 0;
  statuses = json_node_get_array (array);
  n = MIN (json_array_get_length (statuses), RN_MASTODON_MAX_STATUSES);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (statuses, i);
      RnParsedEntry *e;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      e = rn_mastodon_status_to_entry (json_node_get_object (node));
      if (e == NULL)
        continue;
      g_ptr_array_add (feed->entries, e);
      read++;
    }
  return read;
}
