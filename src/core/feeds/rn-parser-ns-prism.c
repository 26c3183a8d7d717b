/* rn-parser-ns-prism.c: PRISM, the journal publishers' vocabulary: DOI,
 * journal name, volume, issue, first page and cover date of an article. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include "rn-parser-private.h"

RnRole
rn_parser_prism_start (RnParseState   *st,
                       RnFrame        *fr,
                       int             n_attrs,
                       const xmlChar **attrs)
{
  const char *name = (const char *) fr->name;

  if (st->entry == NULL)
    return RN_ROLE_NONE;
  if (g_str_equal (name, "doi"))
    return RN_ROLE_DOI;
  if (g_str_equal (name, "publicationName"))
    return RN_ROLE_PUBLICATION_NAME;
  if (g_str_equal (name, "volume"))
    return RN_ROLE_VOLUME;
  if (g_str_equal (name, "number") || g_str_equal (name, "issueIdentifier"))
    return RN_ROLE_NUMBER;
  if (g_str_equal (name, "startingPage"))
    return RN_ROLE_STARTING_PAGE;
  if (g_str_equal (name, "coverDate") || g_str_equal (name, "coverDisplayDate"))
    return RN_ROLE_COVER_DATE;
  if (g_str_equal (name, "publicationDate"))
    return RN_ROLE_PUBLISHED;
  return RN_ROLE_NONE;
}

static void
set_first (char       **field,
           const char  *text,
           gsize        len)
{
  if (*field == NULL)
    *field = rn_parser_strip (text, len);
}

void
rn_parser_prism_end (RnParseState *st,
                     RnFrame      *fr,
                     const char   *text,
                     gsize         len)
{
  RnParsedEntry *entry = st->entry;

  if (entry == NULL)
    return;
  switch (fr->role)
    {
    case RN_ROLE_DOI:
      {
        g_autofree char *value = rn_parser_strip (text, len);

        rn_parser_take_field (&entry->doi, &st->entry_prio.doi, RN_PRIO_MAIN,
                              rn_parser_doi_from (value, TRUE));
      }
      break;
    case RN_ROLE_PUBLICATION_NAME:
      g_clear_pointer (&entry->publication_name, g_free);
      set_first (&entry->publication_name, text, len);
      break;
    case RN_ROLE_VOLUME:
      set_first (&entry->volume, text, len);
      break;
    case RN_ROLE_NUMBER:
      set_first (&entry->number, text, len);
      break;
    case RN_ROLE_STARTING_PAGE:
      set_first (&entry->starting_page, text, len);
      break;
    case RN_ROLE_COVER_DATE:
      set_first (&entry->cover_date, text, len);
      break;
    case RN_ROLE_PUBLISHED:
      {
        g_autofree char *value = rn_parser_strip (text, len);

        rn_parser_set_date (&entry->published, &st->entry_prio.published, RN_PRIO_FALLBACK, value);
      }
      break;
    default:
      break;
    }
}
