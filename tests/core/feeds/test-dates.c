/* test-dates.c: rn_feed_date_parse() against the ways feeds write dates. */
#include "config.h"

#include "feeds/rn-feed-date.h"
#include "feeds/rn-parsed-feed.h"

typedef struct
{
  const char *input;
  const char *expected;   /* ISO 8601 UTC, or NULL for RN_NO_DATE */
} DateCase;

static const DateCase cases[] = {
  /* RFC 822 / RFC 2822 */
  { "Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
  { "Thu, 01 Jan 2004 19:48:21 +0000", "2004-01-01T19:48:21Z" },
  { "Sun, 01 Jun 2025 10:30:00 +0200", "2025-06-01T08:30:00Z" },
  { "Sun, 01 Jun 2025 10:30:00 -0530", "2025-06-01T16:00:00Z" },
  { "Sun, 01 Jun 2025 10:30:00 +02:00", "2025-06-01T08:30:00Z" },
  { "Sun, 1 Jun 2025 10:30:00 UT", "2025-06-01T10:30:00Z" },
  { "Sun, 01 Jun 2025 10:30:00 UTC", "2025-06-01T10:30:00Z" },
  { "Sun, 01 Jun 2025 10:30:00 Z", "2025-06-01T10:30:00Z" },
  /* named zones */
  { "Sat, 31 May 2025 09:00:00 EST", "2025-05-31T14:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 EDT", "2025-05-31T13:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 CST", "2025-05-31T15:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 CDT", "2025-05-31T14:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 MST", "2025-05-31T16:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 MDT", "2025-05-31T15:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 PST", "2025-05-31T17:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 PDT", "2025-05-31T16:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 pdt", "2025-05-31T16:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 CEST", "2025-05-31T07:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 GMT+0100", "2025-05-31T08:00:00Z" },
  /* military zones: Z is UTC; the others are read as UTC (RFC 2822 4.3) */
  { "Sat, 31 May 2025 09:00:00 A", "2025-05-31T09:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 Y", "2025-05-31T09:00:00Z" },
  { "Sat, 31 May 2025 09:00:00 J", NULL },
  /* sloppy variants */
  { "Sat, 31 May 2025 09:00 EDT", "2025-05-31T13:00:00Z" },          /* no seconds */
  { "31 May 2025 09:00:00 GMT", "2025-05-31T09:00:00Z" },            /* no weekday */
  { "Mon, 31 May 2025 09:00:00 GMT", "2025-05-31T09:00:00Z" },       /* wrong weekday */
  { "Saturday, 31 May 2025 09:00:00 GMT", "2025-05-31T09:00:00Z" },  /* long weekday */
  { "Sat, 31 May 25 09:00:00 GMT", "2025-05-31T09:00:00Z" },         /* two-digit year */
  { "Wed, 02 Oct 02 08:00:00 EST", "2002-10-02T13:00:00Z" },
  { "Fri, 01 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z" },
  { "Sat, 31 may 2025 09:00:00 gmt", "2025-05-31T09:00:00Z" },       /* lower case */
  { "Sat, 31 September 2025 09:00:00 GMT", NULL },                   /* 31 Sep */
  { "Tue, 30 Sept 2025 09:00:00 GMT", "2025-09-30T09:00:00Z" },
  { "Tue, 30 September 2025 09:00:00 GMT", "2025-09-30T09:00:00Z" },
  { "Sat,31 May 2025 09:00:00 GMT", "2025-05-31T09:00:00Z" },        /* no space after comma */
  { "Sat, 31 May 2025 09:00:00", "2025-05-31T09:00:00Z" },           /* no zone: UTC */
  { "  Sat, 31 May 2025 09:00:00 GMT  ", "2025-05-31T09:00:00Z" },
  { "Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z" },            /* asctime */
  { "Jun 1 2025 10:00:00 GMT", "2025-06-01T10:00:00Z" },
  { "Sat, 31 May 2025 09:00:00.250 GMT", "2025-05-31T09:00:00Z" },
  /* RFC 3339 / ISO 8601 / W3C-DTF */
  { "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
  { "2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z" },
  { "2003-12-31T10:14:55+01:00", "2003-12-31T09:14:55Z" },
  { "2003-12-31T10:14:55.123Z", "2003-12-31T10:14:55Z" },
  { "2003-12-31T10:14:55.123456789+00:00", "2003-12-31T10:14:55Z" },
  { "2003-12-31T10:14Z", "2003-12-31T10:14:00Z" },                   /* no seconds */
  { "2003-12-31T10:14-05:00", "2003-12-31T15:14:00Z" },
  { "2003-12-31 10:14:55Z", "2003-12-31T10:14:55Z" },                /* space, no T */
  { "2003-12-31 10:14:55", "2003-12-31T10:14:55Z" },
  { "2003-12-31t10:14:55z", "2003-12-31T10:14:55Z" },
  { "2003-12-31", "2003-12-31T00:00:00Z" },                          /* date only */
  { "2003-12", "2003-12-01T00:00:00Z" },
  { "2003", "2003-01-01T00:00:00Z" },
  { "20031231T101455Z", "2003-12-31T10:14:55Z" },                    /* compact */
  { "2003-12-31T10:14:55+0100", "2003-12-31T09:14:55Z" },
  { "2003-12-31T10:14:55 +01:00", "2003-12-31T09:14:55Z" },
  { "2003-12-31T10:14:55 GMT", "2003-12-31T10:14:55Z" },
  { "2003-12-31T24:00:00Z", "2004-01-01T00:00:00Z" },
  { "2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z" },                /* leap second */
  { "2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z" },
  { "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z" },
  { "1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z" },
  /* nonsense gives no date, never a made-up one */
  { NULL, NULL },
  { "", NULL },
  { "   ", NULL },
  { "yesterday", NULL },
  { "not a date at all", NULL },
  { "2023-02-29T12:00:00Z", NULL },
  { "2003-13-01", NULL },
  { "2003-00-10", NULL },
  { "2003-12-32", NULL },
  { "2003-12-31T25:00:00Z", NULL },
  { "2003-12-31T24:30:00Z", NULL },
  { "2003-12-31T10:61:00Z", NULL },
  { "2003-12-31T10:14:55+25:00", NULL },
  { "2003-12-31T10:14:55.Z", NULL },
  { "2003-12-31T10:14:55Z trailing", NULL },
  { "Sat, 32 May 2025 09:00:00 GMT", NULL },
  { "Sat, 31 Foo 2025 09:00:00 GMT", NULL },
  { "Sat, 31 May 2025 29:00:00 GMT", NULL },
  { "Sat, 31 May 2025 09:00:00 XYZ", NULL },
  { "Sat, 31 May 2025 09:00:00 +9999", NULL },
  { "31 May", NULL },
  { "May 2025", NULL },
  { "12:00:00", NULL },
  { "Sat, 31 May 2025 09:00:00 GMT 2025", NULL },
  { "\xff\xfe\x80 2025", NULL },
  { "Sat, 31 May 2025 09:00:00 GMT\xc3\xa9", NULL },
  { "0000-01-01T00:00:00Z", NULL },
};

static void
test_case (gconstpointer data)
{
  const DateCase *c = data;
  gint64 parsed = rn_feed_date_parse (c->input);
  g_autofree char *iso = rn_feed_date_to_iso8601 (parsed);

  g_assert_cmpstr (iso, ==, c->expected);
  if (c->expected == NULL)
    g_assert_cmpint (parsed, ==, RN_NO_DATE);
}

static void
test_long_input (void)
{
  g_autofree char *text = g_strnfill (100000, '1');

  g_assert_cmpint (rn_feed_date_parse (text), ==, RN_NO_DATE);
}

static void
test_to_iso (void)
{
  g_autofree char *epoch = rn_feed_date_to_iso8601 (0);

  g_assert_cmpstr (epoch, ==, "1970-01-01T00:00:00Z");
  g_assert_null (rn_feed_date_to_iso8601 (RN_NO_DATE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/radnet/core/feeds/dates/%02" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/radnet/core/feeds/dates/long-input", test_long_input);
  g_test_add_func ("/radnet/core/feeds/dates/to-iso8601", test_to_iso);
  return g_test_run ();
}
