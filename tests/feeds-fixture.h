/* feeds-fixture.h: building parsed feeds in tests without a parser. */
#pragma once

#include "feeds/rn-parsed-feed.h"

static inline RnParsedEntry *
fixture_entry (const char *id,
               const char *title,
               gint64      published)
{
  RnParsedEntry *e = rn_parsed_entry_new ();

  e->id = g_strdup (id);
  e->title = g_strdup (title);
  e->link = g_strdup_printf ("https://journal.example.org/%s", id);
  e->summary = g_strdup_printf ("<p>Abstract of <b>%s</b>.</p>", title);
  e->published = published;
  return e;
}
