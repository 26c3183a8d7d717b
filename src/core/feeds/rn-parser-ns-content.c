/* rn-parser-ns-content.c: full item content, as content:encoded (escaped
 * HTML) or as an inline xhtml:body / xhtml:div. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include "rn-parser-private.h"

RnRole
rn_parser_content_start (RnParseState   *st,
                         RnFrame        *fr,
                         int             n_attrs,
                         const xmlChar **attrs)
{
  const char *name = (const char *) fr->name;

  if (st->entry == NULL)
    return RN_ROLE_NONE;
  if (fr->ns == RN_NS_CONTENT && g_str_equal (name, "encoded"))
    {
      fr->text_kind = RN_TEXT_HTML;
      return RN_ROLE_CONTENT_ENCODED;
    }
  if (fr->ns == RN_NS_XHTML && (g_str_equal (name, "body") || g_str_equal (name, "div")))
    {
      fr->text_kind = RN_TEXT_XHTML;
      return RN_ROLE_XHTML_BODY;
    }
  return RN_ROLE_NONE;
}

void
rn_parser_content_end (RnParseState *st,
                       RnFrame      *fr,
                       const char   *text,
                       gsize         len)
{
  RnParsedEntry *entry = st->entry;

  if (entry == NULL)
    return;
  if (fr->role == RN_ROLE_CONTENT_ENCODED)
    rn_parser_take_field (&entry->content, &st->entry_prio.content, RN_PRIO_MAIN,
                          rn_parser_text_value (st, fr, text, len, TRUE));
  else if (fr->role == RN_ROLE_XHTML_BODY)
    rn_parser_take_field (&entry->content, &st->entry_prio.content, RN_PRIO_ALT,
                          rn_parser_text_value (st, fr, text, len, TRUE));
}
