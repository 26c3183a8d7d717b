/* rn-parser-ns-itunes.c: the iTunes podcast namespace: artwork, episode
 * numbers, durations, and the author when RSS has none. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include "rn-parser-private.h"

RnRole
rn_parser_itunes_start (RnParseState   *st,
                        RnFrame        *fr,
                        int             n_attrs,
                        const xmlChar **attrs)
{
  const char *name = (const char *) fr->name;

  if (g_str_equal (name, "image"))
    {
      g_autofree char *href = rn_parser_attr_dup (n_attrs, attrs, NULL, "href");

      if (href == NULL)
        href = rn_parser_attr_dup (n_attrs, attrs, NULL, "url");
      if (href == NULL)
        return RN_ROLE_NONE;
      if (st->entry != NULL)
        {
          if (st->entry->image == NULL)
            st->entry->image = rn_parser_resolve (fr->base, href);
        }
      else
        rn_parser_take_field (&st->feed->image, &st->feed_prio.image, RN_PRIO_ALT,
                              rn_parser_resolve (fr->base, href));
      return RN_ROLE_NONE;
    }
  if (g_str_equal (name, "category") && st->entry != NULL)
    {
      char *term = rn_parser_attr_dup (n_attrs, attrs, NULL, "text");

      if (term != NULL && g_strstrip (term)[0] != '\0' && st->entry->categories->len < 1000)
        g_ptr_array_add (st->entry->categories, term);
      else
        g_free (term);
      return RN_ROLE_NONE;
    }
  if (g_str_equal (name, "subtitle") && st->entry == NULL)
    return RN_ROLE_DESCRIPTION;
  if (st->entry == NULL)
    return RN_ROLE_NONE;
  if (g_str_equal (name, "duration"))
    return RN_ROLE_DURATION;
  if (g_str_equal (name, "episode"))
    return RN_ROLE_EPISODE;
  if (g_str_equal (name, "author"))
    return RN_ROLE_CREATOR;
  if (g_str_equal (name, "summary"))
    {
      fr->text_kind = RN_TEXT_PLAIN;
      return RN_ROLE_ITUNES_SUMMARY;
    }
  if (g_str_equal (name, "title"))
    return RN_ROLE_TITLE;
  return RN_ROLE_NONE;
}

void
rn_parser_itunes_end (RnParseState *st,
                      RnFrame      *fr,
                      const char   *text,
                      gsize         len)
{
  RnParsedEntry *entry = st->entry;

  if (entry == NULL)
    {
      if (fr->role == RN_ROLE_DESCRIPTION)
        rn_parser_take_field (&st->feed->description, &st->feed_prio.summary, RN_PRIO_FALLBACK,
                              rn_parser_strip (text, len));
      return;
    }
  switch (fr->role)
    {
    case RN_ROLE_DURATION:
      if (entry->duration == NULL)
        entry->duration = rn_parser_strip (text, len);
      break;
    case RN_ROLE_EPISODE:
      if (entry->episode == NULL)
        entry->episode = rn_parser_strip (text, len);
      break;
    case RN_ROLE_CREATOR:
      rn_parser_add_author (st, rn_parser_strip (text, len), RN_PRIO_FALLBACK);
      break;
    case RN_ROLE_ITUNES_SUMMARY:
      rn_parser_take_field (&entry->summary, &st->entry_prio.summary, RN_PRIO_FALLBACK,
                            rn_parser_text_value (st, fr, text, len, TRUE));
      break;
    case RN_ROLE_TITLE:
      rn_parser_take_field (&entry->title, &st->entry_prio.title, RN_PRIO_FALLBACK,
                            rn_parser_strip (text, len));
      break;
    default:
      break;
    }
}
