/* fuzz-feed-parser.c: libFuzzer target for rn_feed_parse(). The first byte
 * chooses a Content-Type, so the charset paths are fuzzed too. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "feeds/rn-feed-date.h"
#include "feeds/rn-feed-identity.h"
#include "feeds/rn-feed-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *const types[] = {
    NULL, "application/rss+xml", "text/xml; charset=windows-1252",
    "application/atom+xml; charset=utf-16", "application/feed+json", "text/html; charset=iso-8859-2",
  };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;
  g_autofree char *text = NULL;
  const char *type;

  if (size == 0)
    return 0;
  type = types[data[0] % G_N_ELEMENTS (types)];
  body = g_bytes_new (data + 1, size - 1);
  feed = rn_feed_parse (body, type, "https://fuzz.example.org/feed", &error);
  g_assert ((feed == NULL) != (error == NULL));
  if (feed != NULL)
    {
      for (guint i = 0; i < feed->entries->len; i++)
        {
          RnParsedEntry *e = feed->entries->pdata[i];
          g_autofree char *again = rn_feed_identity_normalize (e->id);

          /* Every string is valid UTF-8; identities are stable. */
          g_assert (e->title == NULL || g_utf8_validate (e->title, -1, NULL));
          g_assert (e->summary == NULL || g_utf8_validate (e->summary, -1, NULL));
          g_assert (e->content == NULL || g_utf8_validate (e->content, -1, NULL));
          g_assert (e->id == NULL || g_strcmp0 (again, e->id) == 0 || g_str_has_prefix (e->id, "rn-hash:"));
        }
    }

  /* Dates: any text, never a crash. */
  text = g_strndup ((const char *) data, MIN (size, 200));
  (void) rn_feed_date_parse (text);
  return 0;
}
