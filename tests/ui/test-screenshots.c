/* test-screenshots.c: the window at desktop and phone widths, light and
 * dark, written to $RADNET_SCREENSHOT_DIR for review. The assertions check
 * what each size must show. */
#include "config.h"

#include "items/rn-item-list-view.h"
#include "sidebar/rn-sidebar.h"
#include "rn-ui-test.h"

static void
shoot (int         width,
       int         height,
       gboolean    dark,
       const char *name)
{
  RnUiFixture f = { 0 };
  g_autofree char *shot = NULL;
  AdwLeaflet *leaflet;

  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* Through the setting, as the preferences do. */
  g_settings_set_string (settings, "color-scheme", dark ? "dark" : "light");
  rn_ui_fixture_setup (&f, 8, 30, width, height);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()) == dark);
  leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (rn_window_get_item_list_view (f.window), ADW_TYPE_LEAFLET));
  g_assert_nonnull (leaflet);
  /* Folded below the width of three panes, and only then. */
  g_assert_true (adw_leaflet_get_folded (leaflet) == (width < 800));

  /* The list with the reader on the rich first item. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.next-item", NULL));
  rn_ui_test_spin (200);
  shot = g_strdup_printf ("%s-reader", name);
  rn_ui_test_screenshot (GTK_WIDGET (f.window), shot);

  if (adw_leaflet_get_folded (leaflet))
    {
      /* Narrow: the list page, then the sidebar page. */
      adw_leaflet_set_visible_child_name (leaflet, "content");
      rn_ui_test_spin (400);
      g_free (shot);
      shot = g_strdup_printf ("%s-list", name);
      rn_ui_test_screenshot (GTK_WIDGET (f.window), shot);
      adw_leaflet_set_visible_child_name (leaflet, "sidebar");
      rn_ui_test_spin (400);
      g_free (shot);
      shot = g_strdup_printf ("%s-sidebar", name);
      rn_ui_test_screenshot (GTK_WIDGET (f.window), shot);
      adw_leaflet_set_visible_child_name (leaflet, "reader");
      rn_ui_test_spin (400);
      g_free (shot);
      shot = g_strdup_printf ("%s-reader-page", name);
      rn_ui_test_screenshot (GTK_WIDGET (f.window), shot);
    }
  rn_ui_fixture_teardown (&f);
}

static void
test_wide_light (void)
{
  shoot (1280, 800, FALSE, "wide-light");
}

static void
test_wide_dark (void)
{
  shoot (1280, 800, TRUE, "wide-dark");
}

static void
test_narrow_light (void)
{
  shoot (400, 800, FALSE, "narrow-light");
}

static void
test_narrow_dark (void)
{
  shoot (400, 800, TRUE, "narrow-dark");
}

static void
test_welcome (void)
{
  RnUiFixture f = { 0 };

  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "color-scheme", "light");
  rn_ui_fixture_setup (&f, 0, 0, 1280, 800);
  g_assert_cmpstr (rn_window_get_page (f.window), ==, "welcome");
  rn_ui_test_screenshot (GTK_WIDGET (f.window), "welcome-light");
  rn_ui_fixture_teardown (&f);

  rn_ui_fixture_setup (&f, 0, 0, 400, 800);
  rn_ui_test_screenshot (GTK_WIDGET (f.window), "welcome-narrow");
  rn_ui_fixture_teardown (&f);
}

static void
test_empty_unread (void)
{
  RnUiFixture f = { 0 };

  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "color-scheme", "light");
  rn_ui_fixture_setup (&f, 2, 3, 1280, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.mark-all-read", NULL));
  rn_ui_test_spin (100);
  g_assert_true (rn_sidebar_select (RN_SIDEBAR (rn_window_get_sidebar (f.window)), RN_SIDEBAR_UNREAD, 0));
  rn_ui_test_spin (100);
  rn_ui_test_screenshot (GTK_WIDGET (f.window), "empty-unread-light");
  rn_ui_fixture_teardown (&f);
}

int
main (int argc, char *argv[])
{
  rn_ui_test_init (&argc, &argv);
  g_test_add_func ("/radnet/ui/screenshots/wide-light", test_wide_light);
  g_test_add_func ("/radnet/ui/screenshots/wide-dark", test_wide_dark);
  g_test_add_func ("/radnet/ui/screenshots/narrow-light", test_narrow_light);
  g_test_add_func ("/radnet/ui/screenshots/narrow-dark", test_narrow_dark);
  g_test_add_func ("/radnet/ui/screenshots/welcome", test_welcome);
  g_test_add_func ("/radnet/ui/screenshots/empty-unread", test_empty_unread);
  return g_test_run ();
}
