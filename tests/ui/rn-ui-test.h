/* rn-ui-test.h: the app under Xvfb, inside the test process. */
#pragma once

#include <adwaita.h>

#include "rn-application.h"
#include "rn-window.h"

G_BEGIN_DECLS

typedef struct
{
  char          *dir;
  RnApplication *app;
  RnWindow      *window;
  RnStore       *store;
} RnUiFixture;

/* Exits with a TAP skip when there is no display; then gtk_test_init. */
void      rn_ui_test_init         (int         *argc,
                                   char      ***argv);
/* A running app on a new library of @n_feeds × @items_per_feed, its
 * window shown at @width × @height. */
void      rn_ui_fixture_setup     (RnUiFixture *fixture,
                                   guint        n_feeds,
                                   guint        items_per_feed,
                                   int          width,
                                   int          height);
void      rn_ui_fixture_teardown  (RnUiFixture *fixture);
/* Runs the main loop for @ms milliseconds. */
void      rn_ui_test_spin         (guint        ms);
/* Runs it until @done returns TRUE, at most @seconds; asserts it did. */
void      rn_ui_test_spin_until   (gboolean   (*done) (gpointer),
                                   gpointer     data,
                                   guint        seconds);
/* Runs it until the window has painted a frame again. */
void      rn_ui_test_wait_frame   (GtkWidget   *window);
/* Writes $RADNET_SCREENSHOT_DIR/@name.png; FALSE when the variable is unset. */
gboolean  rn_ui_test_screenshot   (GtkWidget   *window,
                                   const char  *name);
/* Unread items in the whole library, read from the store. */
guint     rn_ui_test_count        (RnStore     *store,
                                   gboolean     unread_only,
                                   gboolean     starred_only);

G_END_DECLS
