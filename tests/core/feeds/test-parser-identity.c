/* test-parser-identity.c: stable item identity (rn-feed-identity.h). */
#include "config.h"

#include "feeds/rn-feed-identity.h"
#include "feeds/rn-feed-parser.h"
#include "rn-test-util.h"

typedef struct
{
  const char *input;
  const char *expected;
} IdCase;

static const IdCase id_cases[] = {
  { "abc", "abc" },
  { "  abc  ", "abc" },
  { "\n\tabc\r\n", "abc" },
  { "a   b\n\tc", "a b c" },
  { "ABC", "ABC" },                                     /* non-URL ids keep their case */
  { "tag:Example.ORG,2025:Item/1", "tag:Example.ORG,2025:Item/1" },
  { "urn:uuid:ABCDEF", "urn:uuid:ABCDEF" },
  { "HTTP://Example.ORG/Path/To?Q=A#F", "http://example.org/Path/To?Q=A#F" },
  { "https://WWW.Example.org:8443/X", "https://www.example.org:8443/X" },
  { "https://User:PW@Host.ORG/X", "https://User:PW@host.org/X" },  /* user info keeps its case */
  { "https://Host.ORG", "https://host.org" },
  { "https://Host.ORG?Q", "https://host.org?Q" },
  { "ftp://FTP.Example.org/A", "ftp://ftp.example.org/A" },
  { "  https://Host.org/a b  ", "https://host.org/a b" },
  { "", NULL },
  { "   \n ", NULL },
  { NULL, NULL },
};

static void
test_normalize (gconstpointer data)
{
  const IdCase *c = data;
  g_autofree char *id = rn_feed_identity_normalize (c->input);
  g_autofree char *again = rn_feed_identity_normalize (id);

  g_assert_cmpstr (id, ==, c->expected);
  /* normalising twice changes nothing */
  g_assert_cmpstr (again, ==, id);
}

static void
test_fallbacks (void)
{
  g_autoptr(RnParsedEntry) e = rn_parsed_entry_new ();
  g_autofree char *none = rn_parsed_entry_identity (e);
  g_autofree char *by_title = NULL;
  g_autofree char *by_title_date = NULL;
  g_autofree char *by_title_other_date = NULL;
  g_autofree char *by_link = NULL;
  g_autofree char *by_id = NULL;

  g_assert_null (none);
  e->title = g_strdup ("Title");
  by_title = rn_parsed_entry_identity (e);
  g_assert_true (g_str_has_prefix (by_title, "rn-hash:"));
  e->published = 1000;
  by_title_date = rn_parsed_entry_identity (e);
  g_assert_cmpstr (by_title_date, !=, by_title);
  e->published = 2000;
  by_title_other_date = rn_parsed_entry_identity (e);
  g_assert_cmpstr (by_title_other_date, !=, by_title_date);
  e->link = g_strdup ("HTTPS://Example.org/Item");
  by_link = rn_parsed_entry_identity (e);
  g_assert_cmpstr (by_link, ==, "https://example.org/Item");
  e->id = g_strdup (" guid-1 ");
  by_id = rn_parsed_entry_identity (e);
  g_assert_cmpstr (by_id, ==, "guid-1");
}

/* A feed that re-indents its GUIDs or changes the case of their host
 * keeps the identity of every item. */
static void
test_feed_changes (void)
{
  g_autoptr(GBytes) a = rn_test_load_data ("feeds", "guids-a.xml", NULL);
  g_autoptr(GBytes) b = rn_test_load_data ("feeds", "guids-b.xml", NULL);
  g_autoptr(RnParsedFeed) fa = rn_feed_parse (a, NULL, NULL, NULL);
  g_autoptr(RnParsedFeed) fb = rn_feed_parse (b, NULL, NULL, NULL);

  g_assert_nonnull (fa);
  g_assert_nonnull (fb);
  g_assert_cmpuint (fa->entries->len, ==, 4);
  g_assert_cmpuint (fb->entries->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      RnParsedEntry *ea = fa->entries->pdata[i];
      RnParsedEntry *eb = fb->entries->pdata[i];

      g_assert_nonnull (ea->id);
      g_assert_cmpstr (ea->id, ==, eb->id);
    }
  g_assert_cmpstr (((RnParsedEntry *) fa->entries->pdata[0])->id, ==,
                   "https://journal.example.org/Article/ABC");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (id_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/radnet/core/feeds/identity/normalize/%02" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &id_cases[i], test_normalize);
    }
  g_test_add_func ("/radnet/core/feeds/identity/fallbacks", test_fallbacks);
  g_test_add_func ("/radnet/core/feeds/identity/feed-changes", test_feed_changes);
  return g_test_run ();
}
