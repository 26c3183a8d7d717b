/* rn-parser-ns-media.c: Media RSS (media:), used by podcasts, video sites
 * and journals for thumbnails and media files. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <string.h>

#include "rn-parser-private.h"

RnRole
rn_parser_media_start (RnParseState   *st,
                       RnFrame        *fr,
                       int             n_attrs,
                       const xmlChar **attrs)
{
  const char *name = (const char *) fr->name;
  RnParsedEntry *entry = st->entry;

  if (g_str_equal (name, "thumbnail"))
    {
      g_autofree char *url = rn_parser_attr_dup (n_attrs, attrs, NULL, "url");

      if (url == NULL)
        return RN_ROLE_NONE;
      if (entry != NULL)
        {
          if (entry->thumbnail == NULL)
            entry->thumbnail = rn_parser_resolve (fr->base, url);
        }
      else
        rn_parser_take_field (&st->feed->image, &st->feed_prio.image, RN_PRIO_FALLBACK,
                              rn_parser_resolve (fr->base, url));
      return RN_ROLE_NONE;
    }
  if (entry == NULL)
    return RN_ROLE_NONE;
  if (g_str_equal (name, "category"))
    return RN_ROLE_CATEGORY;
  if (g_str_equal (name, "group"))
    return RN_ROLE_MEDIA_GROUP;
  if (g_str_equal (name, "content"))
    {
      g_autofree char *url = rn_parser_attr_dup (n_attrs, attrs, NULL, "url");
      g_autofree char *size = rn_parser_attr_dup (n_attrs, attrs, NULL, "fileSize");
      g_autofree char *medium = rn_parser_attr_dup (n_attrs, attrs, NULL, "medium");
      char *type = rn_parser_attr_dup (n_attrs, attrs, NULL, "type");
      char *absolute;

      if (url == NULL)
        {
          g_free (type);
          return RN_ROLE_MEDIA_CONTENT;
        }
      absolute = rn_parser_resolve (fr->base, url);
      /* An image as content is the item's picture, not a download. */
      if ((medium != NULL && g_str_equal (medium, "image")) ||
          (type != NULL && g_str_has_prefix (type, "image/")))
        {
          if (entry->thumbnail == NULL)
            entry->thumbnail = g_strdup (absolute);
        }
      rn_parser_add_enclosure (st, absolute, type, rn_parser_parse_length (size));
      return RN_ROLE_MEDIA_CONTENT;
    }
  if (g_str_equal (name, "title"))
    {
      g_autofree char *type = rn_parser_attr_dup (n_attrs, attrs, NULL, "type");

      fr->text_kind = type != NULL && g_str_equal (type, "html") ? RN_TEXT_HTML : RN_TEXT_PLAIN;
      return RN_ROLE_MEDIA_TITLE;
    }
  if (g_str_equal (name, "description"))
    {
      g_autofree char *type = rn_parser_attr_dup (n_attrs, attrs, NULL, "type");

      fr->text_kind = type != NULL && g_str_equal (type, "html") ? RN_TEXT_HTML : RN_TEXT_PLAIN;
      return RN_ROLE_MEDIA_DESCRIPTION;
    }
  return RN_ROLE_NONE;
}

void
rn_parser_media_end (RnParseState *st,
                     RnFrame      *fr,
                     const char   *text,
                     gsize         len)
{
  RnParsedEntry *entry = st->entry;

  if (entry == NULL)
    return;
  switch (fr->role)
    {
    case RN_ROLE_CATEGORY:
      {
        char *term = rn_parser_strip (text, len);

        if (term != NULL && entry->categories->len < 1000)
          g_ptr_array_add (entry->categories, term);
        else
          g_free (term);
      }
      break;
    case RN_ROLE_MEDIA_TITLE:
      rn_parser_take_field (&entry->title, &st->entry_prio.title, RN_PRIO_FALLBACK,
                            rn_parser_text_value (st, fr, text, len, FALSE));
      break;
    case RN_ROLE_MEDIA_DESCRIPTION:
      {
        char *html = rn_parser_text_value (st, fr, text, len, TRUE);

        /* Inside media:content it describes that file. */
        if (html != NULL && st->depth >= 2 && st->frames[st->depth - 2].role == RN_ROLE_MEDIA_CONTENT &&
            entry->enclosures->len > 0)
          {
            RnEnclosure *e = g_ptr_array_index (entry->enclosures, entry->enclosures->len - 1);

            if (e->description == NULL)
              e->description = rn_parser_text_value (st, fr, text, len, FALSE);
          }
        rn_parser_take_field (&entry->summary, &st->entry_prio.summary, RN_PRIO_FALLBACK, html);
      }
      break;
    default:
      break;
    }
}
