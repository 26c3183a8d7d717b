/* rn-parser-atom.c: Atom 1.0 (RFC 4287) and Atom 0.3 elements, also where
 * they appear inside RSS (atom:link rel="self"). */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <string.h>

#include "rn-parser-private.h"

/* How a text construct is written: Atom 1.0 says it with type="text|html|
 * xhtml" or a MIME type on content; Atom 0.3 with a MIME type plus
 * mode="xml|escaped|base64". */
static RnTextKind
text_kind (RnFrame        *fr,
           int             n_attrs,
           const xmlChar **attrs)
{
  g_autofree char *type = rn_parser_attr_dup (n_attrs, attrs, NULL, "type");
  g_autofree char *mode = NULL;

  if (type != NULL)
    {
      g_strstrip (type);
      for (char *p = type; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
    }

  if (fr->ns == RN_NS_ATOM03)
    {
      mode = rn_parser_attr_dup (n_attrs, attrs, NULL, "mode");
      if (mode != NULL && g_ascii_strcasecmp (mode, "base64") == 0)
        return RN_TEXT_BASE64;
      if (type != NULL && (g_str_equal (type, "text/plain") || g_str_equal (type, "text")))
        return RN_TEXT_PLAIN;
      if (mode != NULL && g_ascii_strcasecmp (mode, "escaped") == 0)
        return RN_TEXT_HTML;
      /* mode="xml", the default: inline markup. */
      return RN_TEXT_XHTML;
    }

  if (type == NULL || type[0] == '\0' || g_str_equal (type, "text") || g_str_equal (type, "text/plain"))
    return RN_TEXT_PLAIN;
  if (g_str_equal (type, "html") || g_str_equal (type, "text/html"))
    return RN_TEXT_HTML;
  if (g_str_equal (type, "xhtml") || g_str_equal (type, "application/xhtml+xml"))
    return RN_TEXT_XHTML;
  if (g_str_has_suffix (type, "+xml") || g_str_has_suffix (type, "/xml"))
    return RN_TEXT_XHTML;
  if (g_str_has_prefix (type, "text/"))
    return RN_TEXT_PLAIN;
  /* Any other media type is base64 (RFC 4287 section 4.1.3.3). */
  return RN_TEXT_BASE64;
}

/* Returns TRUE when the link has its address as text (Atom 0.3 misuse). */
static gboolean
read_link (RnParseState   *st,
           RnFrame        *fr,
           int             n_attrs,
           const xmlChar **attrs)
{
  g_autofree char *rel = rn_parser_attr_dup (n_attrs, attrs, NULL, "rel");
  g_autofree char *href = rn_parser_attr_dup (n_attrs, attrs, NULL, "href");
  g_autofree char *type = NULL;
  RnParsedEntry *entry = st->entry;

  if (href == NULL)
    {
      /* Atom 0.3 used "url" in places. */
      href = rn_parser_attr_dup (n_attrs, attrs, NULL, "url");
      if (href == NULL)
        return rel == NULL || g_str_equal (g_strstrip (rel), "alternate");
    }
  if (rel != NULL)
    g_strstrip (rel);
  if (rel == NULL || rel[0] == '\0' || g_str_equal (rel, "alternate") ||
      g_str_equal (rel, "http://www.iana.org/assignments/relation/alternate"))
    {
      char *url = rn_parser_resolve (fr->base, href);

      /* The first alternate link wins: later ones are other languages or
       * formats of the same page. */
      if (entry != NULL)
        rn_parser_take_field (&entry->link, &st->entry_prio.link, RN_PRIO_MAIN, url);
      else if (st->depth <= 3)
        rn_parser_take_field (&st->feed->link, &st->feed_prio.link, RN_PRIO_MAIN, url);
      else
        g_free (url);
    }
  else if (g_str_equal (rel, "enclosure"))
    {
      g_autofree char *length = rn_parser_attr_dup (n_attrs, attrs, NULL, "length");

      type = rn_parser_attr_dup (n_attrs, attrs, NULL, "type");
      rn_parser_add_enclosure (st, rn_parser_resolve (fr->base, href),
                               g_steal_pointer (&type), rn_parser_parse_length (length));
    }
  else if (g_str_equal (rel, "self") && entry == NULL)
    {
      if (st->feed->self_link == NULL)
        st->feed->self_link = rn_parser_resolve (fr->base, href);
    }
  else if (entry != NULL && entry->doi == NULL &&
           (g_str_equal (rel, "related") || g_str_equal (rel, "describedby")))
    entry->doi = rn_parser_doi_from (href, FALSE);
  return FALSE;
}

RnRole
rn_parser_atom_start (RnParseState   *st,
                      RnFrame        *fr,
                      int             n_attrs,
                      const xmlChar **attrs)
{
  const char *name = (const char *) fr->name;

  /* Atom elements count only where Atom puts them: an <id> inside some
   * extension element of an entry is not the entry's id. */
  if (st->depth >= 2 && !g_str_equal (name, "feed") && !g_str_equal (name, "entry"))
    {
      RnRole parent = st->frames[st->depth - 2].role;

      if (parent != RN_ROLE_FEED && parent != RN_ROLE_CHANNEL && parent != RN_ROLE_ENTRY &&
          parent != RN_ROLE_PERSON)
        return RN_ROLE_NONE;
    }

  switch (name[0])
    {
    case 'f':
      if (g_str_equal (name, "feed"))
        {
          if (st->depth == 1)
            {
              g_autofree char *version = rn_parser_attr_dup (n_attrs, attrs, NULL, "version");

              st->feed->format = fr->ns == RN_NS_ATOM03 ||
                                 (version != NULL && g_str_has_prefix (version, "0."))
                                 ? RN_FEED_FORMAT_ATOM03 : RN_FEED_FORMAT_ATOM10;
            }
          return RN_ROLE_FEED;
        }
      break;
    case 'e':
      if (g_str_equal (name, "entry"))
        {
          if (st->entry != NULL)
            return RN_ROLE_IGNORE;
          rn_parser_begin_entry (st);
          return RN_ROLE_ENTRY;
        }
      if (g_str_equal (name, "email"))
        return RN_ROLE_PERSON_EMAIL;
      break;
    case 't':
      if (g_str_equal (name, "title"))
        {
          fr->text_kind = text_kind (fr, n_attrs, attrs);
          return RN_ROLE_TITLE;
        }
      if (g_str_equal (name, "tagline"))
        {
          fr->text_kind = text_kind (fr, n_attrs, attrs);
          return RN_ROLE_DESCRIPTION;
        }
      break;
    case 's':
      if (g_str_equal (name, "subtitle"))
        {
          fr->text_kind = text_kind (fr, n_attrs, attrs);
          return RN_ROLE_DESCRIPTION;
        }
      if (g_str_equal (name, "summary"))
        {
          fr->text_kind = text_kind (fr, n_attrs, attrs);
          return RN_ROLE_SUMMARY;
        }
      if (g_str_equal (name, "source"))
        return RN_ROLE_SOURCE;
      break;
    case 'c':
      if (g_str_equal (name, "content"))
        {
          fr->text_kind = text_kind (fr, n_attrs, attrs);
          return RN_ROLE_CONTENT;
        }
      if (g_str_equal (name, "contributor"))
        {
          g_clear_pointer (&st->person_name, g_free);
          g_clear_pointer (&st->person_email, g_free);
          st->person_is_author = FALSE;
          return RN_ROLE_PERSON;
        }
      if (g_str_equal (name, "created"))
        return RN_ROLE_CREATED;
      if (g_str_equal (name, "category") && st->entry != NULL)
        {
          char *term = rn_parser_attr_dup (n_attrs, attrs, NULL, "term");

          if (term != NULL && g_strstrip (term)[0] != '\0' && st->entry->categories->len < 1000)
            g_ptr_array_add (st->entry->categories, term);
          else
            g_free (term);
          return RN_ROLE_NONE;
        }
      break;
    case 'l':
      if (g_str_equal (name, "link"))
        {
          return read_link (st, fr, n_attrs, attrs) ? RN_ROLE_LINK : RN_ROLE_NONE;
        }
      if (g_str_equal (name, "logo"))
        return RN_ROLE_LOGO;
      break;
    case 'i':
      if (g_str_equal (name, "id"))
        return RN_ROLE_ID;
      if (g_str_equal (name, "issued"))
        return RN_ROLE_PUBLISHED;
      if (g_str_equal (name, "icon"))
        return RN_ROLE_ICON;
      break;
    case 'u':
      if (g_str_equal (name, "updated"))
        return RN_ROLE_UPDATED;
      if (g_str_equal (name, "uri") || g_str_equal (name, "url"))
        return RN_ROLE_PERSON_URI;
      break;
    case 'm':
      if (g_str_equal (name, "modified"))
        return RN_ROLE_UPDATED;
      break;
    case 'p':
      if (g_str_equal (name, "published"))
        return RN_ROLE_PUBLISHED;
      break;
    case 'a':
      if (g_str_equal (name, "author"))
        {
          g_clear_pointer (&st->person_name, g_free);
          g_clear_pointer (&st->person_email, g_free);
          st->person_is_author = TRUE;
          return RN_ROLE_PERSON;
        }
      break;
    case 'n':
      if (g_str_equal (name, "name"))
        return RN_ROLE_PERSON_NAME;
      break;
    default:
      break;
    }
  return RN_ROLE_NONE;
}

void
rn_parser_atom_end (RnParseState *st,
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
      break;

    case RN_ROLE_LINK:
      {
        g_autofree char *href = rn_parser_strip (text, len);

        if (href == NULL)
          break;
        if (entry != NULL)
          rn_parser_take_field (&entry->link, &st->entry_prio.link, RN_PRIO_ALT,
                                rn_parser_resolve (fr->base, href));
        else
          rn_parser_take_field (&feed->link, &st->feed_prio.link, RN_PRIO_ALT,
                                rn_parser_resolve (fr->base, href));
      }
      break;

    case RN_ROLE_TITLE:
      if (entry != NULL)
        rn_parser_take_field (&entry->title, &st->entry_prio.title, RN_PRIO_MAIN,
                              rn_parser_text_value (st, fr, text, len, FALSE));
      else if (st->depth <= 3)
        rn_parser_take_field (&feed->title, &st->feed_prio.title, RN_PRIO_MAIN,
                              rn_parser_text_value (st, fr, text, len, FALSE));
      break;

    case RN_ROLE_DESCRIPTION:
      if (entry == NULL)
        rn_parser_take_field (&feed->description, &st->feed_prio.summary, RN_PRIO_MAIN,
                              rn_parser_text_value (st, fr, text, len, FALSE));
      break;

    case RN_ROLE_SUMMARY:
      if (entry != NULL)
        {
          rn_parser_take_field (&entry->summary, &st->entry_prio.summary, RN_PRIO_MAIN,
                                rn_parser_text_value (st, fr, text, len, TRUE));
          /* Relative links in the HTML resolve against its own xml:base. */
          if (entry->content == NULL && fr->base != NULL)
            {
              g_free (entry->base);
              entry->base = g_strdup (fr->base);
            }
        }
      break;

    case RN_ROLE_CONTENT:
      if (entry != NULL)
        {
          rn_parser_take_field (&entry->content, &st->entry_prio.content, RN_PRIO_MAIN,
                                rn_parser_text_value (st, fr, text, len, TRUE));
          if (fr->base != NULL)
            {
              g_free (entry->base);
              entry->base = g_strdup (fr->base);
            }
        }
      break;

    case RN_ROLE_ID:
      if (entry != NULL)
        rn_parser_take_field (&entry->id, &st->entry_prio.id, RN_PRIO_MAIN,
                              rn_parser_strip (text, len));
      break;

    case RN_ROLE_UPDATED:
    case RN_ROLE_PUBLISHED:
    case RN_ROLE_CREATED:
      {
        g_autofree char *value = rn_parser_strip (text, len);

        if (entry == NULL)
          {
            rn_parser_set_date (&feed->updated, &st->feed_prio.updated,
                                fr->role == RN_ROLE_UPDATED ? RN_PRIO_MAIN : RN_PRIO_ALT, value);
            break;
          }
        if (fr->role == RN_ROLE_UPDATED)
          rn_parser_set_date (&entry->updated, &st->entry_prio.updated, RN_PRIO_MAIN, value);
        else
          rn_parser_set_date (&entry->published, &st->entry_prio.published,
                              fr->role == RN_ROLE_PUBLISHED ? RN_PRIO_MAIN : RN_PRIO_ALT, value);
      }
      break;

    case RN_ROLE_PERSON_NAME:
      g_free (st->person_name);
      st->person_name = rn_parser_strip (text, len);
      break;

    case RN_ROLE_PERSON_EMAIL:
      g_free (st->person_email);
      st->person_email = rn_parser_strip (text, len);
      break;

    case RN_ROLE_PERSON:
      if (st->person_is_author)
        {
          char *who = st->person_name != NULL ? g_steal_pointer (&st->person_name)
                                              : g_steal_pointer (&st->person_email);

          rn_parser_add_author (st, who, RN_PRIO_MAIN);
        }
      g_clear_pointer (&st->person_name, g_free);
      g_clear_pointer (&st->person_email, g_free);
      break;

    case RN_ROLE_LOGO:
    case RN_ROLE_ICON:
      if (entry == NULL)
        {
          g_autofree char *href = rn_parser_strip (text, len);

          rn_parser_take_field (&feed->image, &st->feed_prio.image,
                                fr->role == RN_ROLE_LOGO ? RN_PRIO_MAIN : RN_PRIO_ALT,
                                rn_parser_resolve (fr->base, href));
        }
      break;

    default:
      break;
    }
}
