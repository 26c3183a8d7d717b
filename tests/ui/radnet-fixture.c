/* radnet-fixture: builds a fixture library for manual runs and benchmarks:
 *   radnet-fixture DIR N_FEEDS ITEMS_PER_FEED */
#include "config.h"

#include <stdlib.h>

#include "rn-context.h"
#include "rn-ui-fixture.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnContext) context = NULL;

  if (argc != 4)
    {
      g_printerr ("usage: %s DIR N_FEEDS ITEMS_PER_FEED\n", argv[0]);
      return 2;
    }
  context = rn_context_new (argv[1], &error);
  if (context == NULL
      || !rn_ui_fixture_populate (rn_context_get_store (context), (guint) atoi (argv[2]),
                                  (guint) atoi (argv[3]), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
