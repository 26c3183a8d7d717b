/* rn-parser-ns-dc.c: Dublin Core elements (dc:) and terms (dcterms:), the
 * vocabulary of journal tables of contents: creators, dates, DOIs. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <string.h>

#include "rn-parser-private.h"

RnRole
rn_parser_dc_start (RnParseState   *st,
                    RnFrame        *fr,
                    int             n_attrs,
                    const xmlChar **attrs)
{
  const char *name = (const char *) fr->name;

  if (g_str_equal (name, "title"))
    return RN_ROLE_TITLE;
  if (g_str_equal (name, "creator") || g_str_equal (name, "author"))
    return RN_ROLE_CREATOR;
  if (g_str_equal (name, "date") || g_str_equal (name, "modified"))
    return RN_ROLE_UPDATED;
  if (g_str_equal (name, "issued") || g_str_equal (name, "available"))
    return RN_ROLE_PUBLISHED;
  if (g_str_equal (name, "created"))
    return RN_ROLE_CREATED;
  if (g_str_equal (name, "identifier"))
    return RN_ROLE_IDENTIFIER;
  if (g_str_equal (name, "description") || g_str_equal (name, "abstract"))
    return RN_ROLE_DESCRIPTION;
  if (g_str_equal (name, "subject"))
    return RN_ROLE_CATEGORY;
  if (g_str_equal (name, "language"))
    return RN_ROLE_LANGUAGE;
  if (g_str_equal (name, "source"))
    return RN_ROLE_PUBLICATION_NAME;
  return RN_ROLE_NONE;
}

void
rn_parser_dc_end (RnParseState *st,
                  RnFrame      *fr,
                  const char   *text,
                  gsize         len)
{
  RnParsedFeed *feed = st->feed;
  RnParsedEntry *entry = st->entry;
  g_autofree char *value = NULL;

  if (st->image_depth > 0)
    return;
  value = rn_parser_strip (text, len);
  if (value == NULL)
    return;

  switch (fr->role)
    {
    case RN_ROLE_TITLE:
      if (entry != NULL)
        rn_parser_take_field (&entry->title, &st->entry_prio.title, RN_PRIO_FALLBACK,
                              g_steal_pointer (&value));
      else
        rn_parser_take_field (&feed->title, &st->feed_prio.title, RN_PRIO_FALLBACK,
                              g_steal_pointer (&value));
      break;

    case RN_ROLE_CREATOR:
      /* Journals list one dc:creator per author; they are the better
       * source when RSS <author> has a single mailbox. */
      rn_parser_add_author (st, rn_parser_author_name (value, strlen (value)), RN_PRIO_ALT);
      break;

    case RN_ROLE_UPDATED:
      if (entry != NULL)
        {
          rn_parser_set_date (&entry->updated, &st->entry_prio.updated, RN_PRIO_ALT, value);
          /* dc:date is the only date of many journal feeds: it is when the
           * article appeared, unless the feed says otherwise. */
          rn_parser_set_date (&entry->published, &st->entry_prio.published, RN_PRIO_FALLBACK, value);
        }
      else
        rn_parser_set_date (&feed->updated, &st->feed_prio.updated, RN_PRIO_ALT, value);
      break;

    case RN_ROLE_PUBLISHED:
    case RN_ROLE_CREATED:
      if (entry != NULL)
        rn_parser_set_date (&entry->published, &st->entry_prio.published,
                            fr->role == RN_ROLE_PUBLISHED ? RN_PRIO_ALT : RN_PRIO_FALLBACK, value);
      else
        rn_parser_set_date (&feed->updated, &st->feed_prio.updated, RN_PRIO_FALLBACK, value);
      break;

    case RN_ROLE_IDENTIFIER:
      if (entry != NULL)
        rn_parser_take_field (&entry->doi, &st->entry_prio.doi, RN_PRIO_ALT,
                              rn_parser_doi_from (value, TRUE));
      break;

    case RN_ROLE_DESCRIPTION:
      if (entry != NULL)
        rn_parser_take_field (&entry->summary, &st->entry_prio.summary, RN_PRIO_FALLBACK,
                              g_steal_pointer (&value));
      else
        rn_parser_take_field (&feed->description, &st->feed_prio.summary, RN_PRIO_FALLBACK,
                              g_steal_pointer (&value));
      break;

    case RN_ROLE_CATEGORY:
      if (entry != NULL && entry->categories->len < 1000)
        g_ptr_array_add (entry->categories, g_steal_pointer (&value));
      break;

    case RN_ROLE_LANGUAGE:
      if (entry == NULL)
        rn_parser_take_field (&feed->lang, &st->feed_prio.lang, RN_PRIO_ALT, g_steal_pointer (&value));
      else if (entry != NULL && entry->lang == NULL)
        entry->lang = g_steal_pointer (&value);
      break;

    case RN_ROLE_PUBLICATION_NAME:
      if (entry != NULL && entry->publication_name == NULL)
        entry->publication_name = g_steal_pointer (&value);
      break;

    default:
      break;
    }
}
