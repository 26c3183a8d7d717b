#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include "rn-parsed-feed.h"

RnEnclosure *
rn_enclosure_new (const char *url,
                  const char *type,
                  gint64      length)
{
  RnEnclosure *enclosure = g_new0 (RnEnclosure, 1);

  enclosure->url = g_strdup (url);
  enclosure->type = g_strdup (type);
  enclosure->length = length;
  return enclosure;
}

void
rn_enclosure_free (RnEnclosure *enclosure)
{
  if (enclosure == NULL)
    return;
  g_free (enclosure->url);
  g_free (enclosure->type);
  g_free (enclosure->description);
  g_free (enclosure);
}

RnParsedEntry *
rn_parsed_entry_new (void)
{
  RnParsedEntry *entry = g_new0 (RnParsedEntry, 1);

  entry->authors = g_ptr_array_new_with_free_func (g_free);
  entry->categories = g_ptr_array_new_with_free_func (g_free);
  entry->enclosures = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_enclosure_free);
  entry->published = RN_NO_DATE;
  entry->updated = RN_NO_DATE;
  entry->boosts = -1;
  entry->replies = -1;
  entry->favourites = -1;
  entry->media_previews = g_ptr_array_new_with_free_func (g_free);
  return entry;
}

void
rn_parsed_entry_free (RnParsedEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->title);
  g_free (entry->link);
  g_free (entry->summary);
  g_free (entry->content);
  g_ptr_array_unref (entry->authors);
  g_ptr_array_unref (entry->categories);
  g_ptr_array_unref (entry->enclosures);
  g_free (entry->doi);
  g_free (entry->thumbnail);
  g_free (entry->lang);
  g_free (entry->comments);
  g_free (entry->publication_name);
  g_free (entry->volume);
  g_free (entry->number);
  g_free (entry->starting_page);
  g_free (entry->cover_date);
  g_free (entry->duration);
  g_free (entry->episode);
  g_free (entry->image);
  g_free (entry->base);
  g_free (entry->pmid);
  g_free (entry->pmcid);
  g_free (entry->spoiler_text);
  g_free (entry->boosted_by);
  g_free (entry->post_id);
  g_free (entry->timeline_id);
  g_free (entry->card_url);
  g_free (entry->card_title);
  g_free (entry->card_description);
  g_free (entry->card_image);
  g_ptr_array_unref (entry->media_previews);
  g_free (entry);
}

RnParsedFeed *
rn_parsed_feed_new (void)
{
  RnParsedFeed *feed = g_new0 (RnParsedFeed, 1);

  feed->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_parsed_entry_free);
  feed->updated = RN_NO_DATE;
  return feed;
}

void
rn_parsed_feed_free (RnParsedFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->title);
  g_free (feed->link);
  g_free (feed->self_link);
  g_free (feed->description);
  g_free (feed->image);
  g_free (feed->lang);
  g_free (feed->error);
  g_free (feed->encoding);
  g_ptr_array_unref (feed->entries);
  g_free (feed);
}

const char *
rn_feed_format_to_string (RnFeedFormat format)
{
  switch (format)
    {
    case RN_FEED_FORMAT_RSS090: return "rss090";
    case RN_FEED_FORMAT_RSS091: return "rss091";
    case RN_FEED_FORMAT_RSS092: return "rss092";
    case RN_FEED_FORMAT_RSS20:  return "rss20";
    case RN_FEED_FORMAT_RSS10:  return "rss10";
    case RN_FEED_FORMAT_ATOM03: return "atom03";
    case RN_FEED_FORMAT_ATOM10: return "atom10";
    case RN_FEED_FORMAT_JSON10: return "json1";
    case RN_FEED_FORMAT_JSON11: return "json11";
    case RN_FEED_FORMAT_UNKNOWN:
    default:
      return "unknown";
    }
}
