/* rn-parser-rss.c: RSS 0.90, 0.91, 0.92, 2.0 and RSS 1.0 (RDF) elements.
 * RSS 1.0 and 0.90 put the same element names in a namespace and the
 * items beside the channel instead of in it; the same code reads both. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <string.h>

#include "rn-parser-private.h"

static RnFeedFormat
format_from_version (const char *version)
{
  if (version == NULL)
    return RN_FEED_FORMAT_RSS20;
  if (g_str_has_prefix (version, "0.90"))
    return RN_FEED_FORMAT_RSS090;
  if (g_str_has_prefix (version, "0.91"))
    return RN_FEED_FORMAT_RSS091;
  if (g_str_has_prefix (version, "0.92") || g_str_has_prefix (version, "0.93") ||
      g_str_has_prefix (version, "0.94"))
    return RN_FEED_FORMAT_RSS092;
  return RN_FEED_FORMAT_RSS20;
}

/* Microsoft's CDF (<CHANNEL HREF=… LASTMOD=…>, <ITEM HREF=…>) lives on
 * in old feeds: its attributes are read like RSS elements. */
static void
read_cdf_attributes (RnParseState   *st,
                     RnFrame        *fr,
                     int             n_attrs,
                     const xmlChar **attrs,
                     gboolean        is_entry)
{
  g_autofree char *href = rn_parser_attr_dup (n_attrs, attrs, NULL, "HREF");
  g_autofree char *lastmod = rn_parser_attr_dup (n_attrs, attrs, NULL, "LASTMOD");

  if (is_entry && st->entry != NULL)
    {
      rn_parser_take_field (&st->entry->link, &st->entry_prio.link, RN_PRIO_ALT,
                            rn_parser_resolve (fr->base, href));
      rn_parser_set_date (&st->entry->updated, &st->entry_prio.updated, RN_PRIO_ALT, lastmod);
    }
  else if (!is_entry)
    {
      rn_parser_take_field (&st->feed->link, &st->feed_prio.link, RN_PRIO_ALT,
                            rn_parser_resolve (fr->base, href));
      rn_parser_set_date (&st->feed->updated, &st->feed_prio.updated, RN_PRIO_ALT, lastmod);
    }
}

RnRole
rn_parser_rss_start (RnParseState   *st,
                     RnFrame        *fr,
                     int             n_attrs,
                     const xmlChar **attrs)
{
  const char *name = (const char *) fr->name;
  RnParsedFeed *feed = st->feed;

  if (fr->ns == RN_NS_RDF)
    {
      if (st->depth == 1 && g_ascii_strcasecmp (name, "RDF") == 0)
        {
          feed->format = RN_FEED_FORMAT_RSS10;
          return RN_ROLE_FEED;
        }
      return RN_ROLE_NONE;
    }

  /* Element names are compared without case: feeds write <pubdate>
   * and <PubDate>. */
  switch (g_ascii_tolower (name[0]))
    {
    case 'r':
      if (st->depth == 1 && g_ascii_strcasecmp (name, "rss") == 0)
        {
          g_autofree char *version = rn_parser_attr_dup (n_attrs, attrs, NULL, "version");

          feed->format = format_from_version (version);
          return RN_ROLE_FEED;
        }
      break;
    case 'c':
      if (g_ascii_strcasecmp (name, "channel") == 0)
        {
          if (fr->ns == RN_NS_RSS090)
            feed->format = RN_FEED_FORMAT_RSS090;
          else if (feed->format == RN_FEED_FORMAT_UNKNOWN)
            feed->format = RN_FEED_FORMAT_RSS20;
          if (n_attrs > 0)
            read_cdf_attributes (st, fr, n_attrs, attrs, FALSE);
          return RN_ROLE_CHANNEL;
        }
      if (g_ascii_strcasecmp (name, "category") == 0)
        return RN_ROLE_CATEGORY;
      if (g_ascii_strcasecmp (name, "comments") == 0)
        return RN_ROLE_COMMENTS;
      break;
    case 'i':
      if (g_ascii_strcasecmp (name, "item") == 0)
        {
          if (st->entry != NULL && st->frames[st->depth - 2].role == RN_ROLE_ENTRY)
            return RN_ROLE_IGNORE;   /* an item in an item is not ours */
          rn_parser_begin_entry (st);
          /* RSS 1.0: rdf:about is the item's identity when it has no other. */
          if (st->entry != NULL)
            rn_parser_take_field (&st->entry->id, &st->entry_prio.id, RN_PRIO_FALLBACK,
                                  rn_parser_attr_dup (n_attrs, attrs,
                                                      "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "about"));
          if (n_attrs > 0)
            read_cdf_attributes (st, fr, n_attrs, attrs, TRUE);
          return RN_ROLE_ENTRY;
        }
      if (g_ascii_strcasecmp (name, "image") == 0)
        {
          if (st->entry != NULL)
            return RN_ROLE_NONE;
          st->image_depth++;
          return RN_ROLE_IMAGE;
        }
      break;
    case 't':
      if (g_ascii_strcasecmp (name, "title") == 0)
        return RN_ROLE_TITLE;
      if (g_ascii_strcasecmp (name, "ttl") == 0)
        return RN_ROLE_TTL;
      if (g_ascii_strcasecmp (name, "textInput") == 0 || g_ascii_strcasecmp (name, "textinput") == 0)
        return RN_ROLE_IGNORE;
      break;
    case 'l':
      if (g_ascii_strcasecmp (name, "link") == 0)
        return RN_ROLE_LINK;
      if (g_ascii_strcasecmp (name, "language") == 0)
        return RN_ROLE_LANGUAGE;
      if (g_ascii_strcasecmp (name, "lastBuildDate") == 0)
        return RN_ROLE_UPDATED;
      break;
    case 'd':
      if (g_ascii_strcasecmp (name, "description") == 0)
        return RN_ROLE_DESCRIPTION;
      break;
    case 'g':
      if (g_ascii_strcasecmp (name, "guid") == 0)
        {
          g_autofree char *permalink = rn_parser_attr_dup (n_attrs, attrs, NULL, "isPermaLink");

          st->guid_is_permalink = permalink == NULL || g_ascii_strcasecmp (permalink, "false") != 0;
          return RN_ROLE_GUID;
        }
      break;
    case 'p':
      if (g_ascii_strcasecmp (name, "pubDate") == 0)
        return RN_ROLE_PUBLISHED;
      break;
    case 'a':
      if (g_ascii_strcasecmp (name, "author") == 0)
        return RN_ROLE_AUTHOR_TEXT;
      if (g_ascii_strcasecmp (name, "abstract") == 0)
        return RN_ROLE_DESCRIPTION;
      break;
    case 'e':
      if (g_ascii_strcasecmp (name, "enclosure") == 0 && st->entry != NULL)
        {
          g_autofree char *url = rn_parser_attr_dup (n_attrs, attrs, NULL, "url");
          g_autofree char *length = rn_parser_attr_dup (n_attrs, attrs, NULL, "length");
          char *type = rn_parser_attr_dup (n_attrs, attrs, NULL, "type");

          rn_parser_add_enclosure (st, rn_parser_resolve (fr->base, url),
                                   type != NULL ? g_strstrip (type) : NULL,
                                   rn_parser_parse_length (length));
          return RN_ROLE_NONE;
        }
      break;
    case 'u':
      if (g_ascii_strcasecmp (name, "url") == 0 && st->image_depth > 0)
        return RN_ROLE_IMAGE_URL;
      break;
    case 's':
      if (g_ascii_strcasecmp (name, "source") == 0)
        return RN_ROLE_SOURCE;
      break;
    default:
      break;
    }
  return RN_ROLE_NONE;
}

/* "jdoe@example.org (Jane Doe)" or "Jane Doe <jdoe@example.org>" → "Jane Doe". */
char *
rn_parser_author_name (const char *text,
             gsize       len)
{
  g_autofree char *value = rn_parser_strip (text, len);
  char *open, *close;

  if (value == NULL)
    return NULL;
  open = strchr (value, '(');
  close = strrchr (value, ')');
  if (open != NULL && close != NULL && close > open && strchr (value, '@') != NULL)
    {
      char *name;

      /* "email (Name)" or "Name (email)": the part without "@". */
      if (strchr (value, '@') < open)
        name = rn_parser_strip (open + 1, close - open - 1);
      else
        name = rn_parser_strip (value, open - value);
      if (name != NULL)
        return name;
    }
  open = strchr (value, '<');
  close = strrchr (value, '>');
  if (open != NULL && close != NULL && close > open && open > value)
    {
      char *name = rn_parser_strip (value, open - value);

      if (name != NULL)
        return name;
    }
  return g_steal_pointer (&value);
}

void
rn_parser_rss_end (RnParseState *st,
                   RnFrame      *fr,
                   const char   *text,
                   gsize         len)
{
  RnParsedFeed *feed = st->feed;
  RnParsedEntry *entry = st->entry;

  switch (fr->role)
    {
    case RN_ROLE_ENTRY:
      rn_parser_end_entry (st);
      return;
    case RN_ROLE_IMAGE:
      st->image_depth--;
      return;
    case RN_ROLE_IMAGE_URL:
      {
        g_autofree char *url = rn_parser_strip (text, len);

        rn_parser_take_field (&feed->image, &st->feed_prio.image, RN_PRIO_MAIN,
                              rn_parser_resolve (fr->base, url));
      }
      return;
    default:
      break;
    }

  /* The title and link of <image> describe the image, not the channel. */
  if (st->image_depth > 0)
    return;

  switch (fr->role)
    {
    case RN_ROLE_TITLE:
      if (entry != NULL)
        rn_parser_take_field (&entry->title, &st->entry_prio.title, RN_PRIO_MAIN,
                              rn_parser_strip (text, len));
      else
        rn_parser_take_field (&feed->title, &st->feed_prio.title, RN_PRIO_MAIN,
                              rn_parser_strip (text, len));
      break;

    case RN_ROLE_LINK:
      {
        g_autofree char *href = rn_parser_strip (text, len);

        if (href == NULL)
          break;
        if (entry != NULL)
          rn_parser_take_field (&entry->link, &st->entry_prio.link, RN_PRIO_MAIN,
                                rn_parser_resolve (fr->base, href));
        else
          rn_parser_take_field (&feed->link, &st->feed_prio.link, RN_PRIO_MAIN,
                                rn_parser_resolve (fr->base, href));
      }
      break;

    case RN_ROLE_DESCRIPTION:
      if (entry != NULL)
        rn_parser_take_field (&entry->summary, &st->entry_prio.summary, RN_PRIO_MAIN,
                              rn_parser_strip (text, len));
      else
        rn_parser_take_field (&feed->description, &st->feed_prio.summary, RN_PRIO_MAIN,
                              rn_parser_strip (text, len));
      break;

    case RN_ROLE_GUID:
      if (entry != NULL)
        {
          char *id = rn_parser_strip (text, len);

          if (id != NULL && st->guid_is_permalink && st->guid_link == NULL &&
              (g_str_has_prefix (id, "http://") || g_str_has_prefix (id, "https://")))
            st->guid_link = rn_parser_resolve (fr->base, id);
          rn_parser_take_field (&entry->id, &st->entry_prio.id, RN_PRIO_MAIN, id);
        }
      break;

    case RN_ROLE_PUBLISHED:
      {
        g_autofree char *value = rn_parser_strip (text, len);

        if (entry != NULL)
          rn_parser_set_date (&entry->published, &st->entry_prio.published, RN_PRIO_MAIN, value);
        else
          rn_parser_set_date (&feed->updated, &st->feed_prio.updated, RN_PRIO_ALT, value);
      }
      break;

    case RN_ROLE_UPDATED:
      {
        g_autofree char *value = rn_parser_strip (text, len);

        if (entry == NULL)
          rn_parser_set_date (&feed->updated, &st->feed_prio.updated, RN_PRIO_MAIN, value);
      }
      break;

    case RN_ROLE_AUTHOR_TEXT:
      rn_parser_add_author (st, rn_parser_author_name (text, len), RN_PRIO_MAIN);
      break;

    case RN_ROLE_CATEGORY:
      if (entry != NULL)
        {
          char *term = rn_parser_strip (text, len);

          if (term != NULL && entry->categories->len < 1000)
            g_ptr_array_add (entry->categories, term);
          else
            g_free (term);
        }
      break;

    case RN_ROLE_COMMENTS:
      if (entry != NULL && entry->comments == NULL)
        {
          g_autofree char *href = rn_parser_strip (text, len);

          entry->comments = rn_parser_resolve (fr->base, href);
        }
      break;

    case RN_ROLE_LANGUAGE:
      if (entry == NULL)
        rn_parser_take_field (&feed->lang, &st->feed_prio.lang, RN_PRIO_MAIN,
                              rn_parser_strip (text, len));
      break;

    case RN_ROLE_TTL:
      if (entry == NULL)
        {
          g_autofree char *value = rn_parser_strip (text, len);
          gint64 minutes = rn_parser_parse_length (value);

          /* More than a year is a mistake, not a wish. */
          if (minutes > 0 && minutes <= 366 * 24 * 60)
            feed->ttl = minutes * 60;
        }
      break;

    default:
      break;
    }
}
