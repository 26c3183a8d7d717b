/* test-format.c: relative dates of item rows. */
#include "config.h"

#include <locale.h>

#include "rn-format.h"

static gint64
local_time (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, mo, d, h, mi, 0);
  return g_date_time_to_unix (dt);
}

static void
test_relative (void)
{
  gint64 now = local_time (2024, 3, 14, 15, 0);
  struct { gint64 when; const char *expected; } cases[] = {
    { now - 10, "Just now" },
    { now + 300, "Just now" },                 /* a publisher's clock ahead */
    { now - 5 * 60, "5 min ago" },
    { now - 3 * 3600, "3 h ago" },
    { local_time (2024, 3, 14, 0, 30), "14 h ago" },
    { local_time (2024, 3, 13, 23, 0), "Yesterday" },
    { local_time (2024, 3, 13, 0, 1), "Yesterday" },
    { local_time (2024, 3, 11, 9, 0), "Monday" },
    { local_time (2024, 2, 1, 9, 0), "1 Feb" },
    { local_time (2021, 12, 25, 9, 0), "25 Dec 2021" },
    { 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rn_format_relative_date (cases[i].when, now);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_full (void)
{
  g_autofree char *text = rn_format_full_date (local_time (2024, 3, 4, 9, 5));

  g_assert_cmpstr (text, ==, "4 March 2024, 09:05");
  g_free (g_steal_pointer (&text));
  text = rn_format_full_date (0);
  g_assert_cmpstr (text, ==, "");
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/ui/format/relative-date", test_relative);
  g_test_add_func ("/radnet/ui/format/full-date", test_full);
  return g_test_run ();
}
