/* rn-ui-fixture.h: a library with feeds, folders and items, built through
 * core as the app would store them, for UI tests and benchmarks. */
#pragma once

#include <gio/gio.h>

#include "store/rn-store.h"

G_BEGIN_DECLS

/* @n_feeds feeds (every third in the folder "Journals"), each with @items_per_feed items, newest first,
 * one every 10 minutes back from now. The first item of feed 1 has a
 * structured HTML body. */
gboolean rn_ui_fixture_populate (RnStore  *store,
                                 guint     n_feeds,
                                 guint     items_per_feed,
                                 GError  **error);

G_END_DECLS
