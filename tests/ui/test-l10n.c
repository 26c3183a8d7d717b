/* test-l10n.c: the app in the language of $LANGUAGE, with the catalogues
 * of the build. It checks that the translation is used, that no fixed
 * label is cut short (ellipsized) and that the main window still fits a
 * 360-pixel-wide screen (the metainfo promises it); it writes screenshots
 * of each window to $RADNET_SCREENSHOT_DIR for a person to look at. */
#define G_LOG_DOMAIN "rn-test-l10n"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dialogs/rn-add-feed-dialog.h"
#include "dialogs/rn-feed-properties-dialog.h"
#include "prefs/rn-preferences-window.h"
#include "pubmed/rn-pubmed-dialog.h"
#include "rn-ui-shot.h"
#include "rn-ui-test.h"

/* The narrowest screen the metainfo declares (display_length >= 360). */
#define NARROWEST 360

static const char *language;

/* Labels whose text is content (feed and item titles in the model-backed
 * lists, the article) may be cut to fit; the app's own words may not,
 * including the rows of preferences (list boxes) and drop-downs. */
static gboolean
is_content (GtkWidget *widget)
{
  GtkWidget *list = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_VIEW);

  /* Drop-downs and combo rows show their chosen item through a list item
   * as well. */
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN) != NULL
      || gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW) != NULL)
    return FALSE;
  return list != NULL
         || gtk_widget_get_ancestor (widget, GTK_TYPE_GRID_VIEW) != NULL
         || gtk_widget_get_ancestor (widget, GTK_TYPE_TEXT_VIEW) != NULL;
}

/* Whether a person sees @widget: mapped and inside the window (a folded
 * leaflet keeps its other pages mapped beside the visible one). */
static gboolean
on_screen (GtkWidget *widget)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_compute_bounds (widget, window, &bounds))
    return FALSE;
  return bounds.origin.x >= 0 && bounds.origin.y >= 0
         && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window)
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (window);
}

static void
find_cut_labels (GtkWidget  *widget,
                 GString    *problems,
                 const char *where)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && !is_content (widget) && on_screen (widget)
      && gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE
      && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_string_append_printf (problems, "\n  %s: “%s” is cut short", where,
                            gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    find_cut_labels (c, problems, where);
}

/* $RADNET_SCREENSHOT_DIR/l10n-LANG-NAME.png, for a person to look at. */
static void
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("RADNET_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  int w, h;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s/l10n-%s-%s.png", dir, language, name);
  rn_ui_shot_save (window, file, &w, &h);
  g_test_message ("screenshot %s (%dx%d)", file, w, h);
}

static void
look_at (GtkWidget  *window,
         const char *name,
         GString    *problems)
{
  rn_ui_test_wait_frame (window);
  rn_ui_test_spin (150);
  find_cut_labels (window, problems, name);
  screenshot (window, name);
}

static void
test_translated (void)
{
  /* A few words from different parts of the app: the catalogue is the
   * build's, and it is the one used. */
  g_assert_cmpstr (_("Preferences"), !=, "Preferences");
  g_assert_cmpstr (_("_Cancel"), !=, "_Cancel");
  g_assert_cmpstr (_("Add PubMed Search"), !=, "Add PubMed Search");
}

static void
test_windows (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(RnPubmedClient) client = NULL;
  RnUiFixture f = { 0 };
  static const char *pages[] = { "sidebar", "content", "reader" };
  GtkWindow *dialog;
  AdwLeaflet *leaflet;
  int min_width = 0;

  rn_ui_fixture_setup (&f, 6, 12, 1280, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.next-item", NULL));
  rn_ui_test_spin (200);
  look_at (GTK_WIDGET (f.window), "main", problems);

  /* The content, without the shadow the window draws around it. */
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (f.window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_test_message ("%s: the main window needs at least %d pixels", language, min_width);
  if (min_width > NARROWEST)
    g_string_append_printf (problems, "\n  main window: needs %d pixels, more than %d", min_width, NARROWEST);

  /* Narrow, as on a phone: each page of the folded window in turn. */
  gtk_window_set_default_size (GTK_WINDOW (f.window), NARROWEST, 720);
  rn_ui_test_wait_frame (GTK_WIDGET (f.window));
  leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (rn_window_get_item_list_view (f.window), ADW_TYPE_LEAFLET));
  g_assert_nonnull (leaflet);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("narrow-%s", pages[i]);

      adw_leaflet_set_visible_child_name (leaflet, pages[i]);
      rn_ui_test_spin (400);
      look_at (GTK_WIDGET (f.window), name, problems);
    }

  dialog = rn_preferences_window_new (GTK_WINDOW (f.window), rn_application_get_context (f.app));
  gtk_window_present (dialog);
  look_at (GTK_WIDGET (dialog), "preferences", problems);
  gtk_window_destroy (dialog);

  dialog = rn_add_feed_dialog_new (GTK_WINDOW (f.window), rn_application_get_context (f.app));
  gtk_window_present (dialog);
  look_at (GTK_WIDGET (dialog), "add-feed", problems);
  gtk_window_destroy (dialog);

  dialog = rn_feed_properties_dialog_new (GTK_WINDOW (f.window), f.store, 1);
  gtk_window_present (dialog);
  look_at (GTK_WIDGET (dialog), "feed-properties", problems);
  gtk_window_destroy (dialog);

  client = rn_pubmed_client_new (NULL, "l10n-tests@radnet.example.com");
  dialog = GTK_WINDOW (rn_pubmed_dialog_new (GTK_WINDOW (f.window), f.store, client));
  gtk_window_present (dialog);
  look_at (GTK_WIDGET (dialog), "pubmed", problems);
  gtk_window_destroy (dialog);

  rn_ui_test_spin (50);
  rn_ui_fixture_teardown (&f);
  if (problems->len > 0)
    g_error ("%s:%s", language, problems->str);
}

int
main (int   argc,
      char *argv[])
{
  const char *catalogues = g_getenv ("RADNET_LOCALE_DIR");

  language = g_getenv ("LANGUAGE");
  g_assert_nonnull (language);
  g_assert_nonnull (catalogues);
  rn_ui_test_init (&argc, &argv);
  /* gtk_test_init keeps the C locale; the app's main() sets the user's.
   * With LANG=C.UTF-8 glibc honours LANGUAGE (with plain C it would not). */
  setlocale (LC_ALL, "");
  /* The window buttons of GNOME (and of phones): close only. Xvfb has no
   * desktop settings, and GTK's own default adds minimise and maximise. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  bindtextdomain (GETTEXT_PACKAGE, catalogues);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/radnet/ui/l10n/translated", test_translated);
  g_test_add_func ("/radnet/ui/l10n/windows", test_windows);
  return g_test_run ();
}
