/* radnet-screenshots: the screenshots of the AppStream metainfo, taken
 * from the app on a fixture library (build-aux/screenshots.sh runs it
 * under Xvfb):
 *   radnet-screenshots OUTDIR
 * writes OUTDIR/main-window.png, pubmed-search.png and preferences.png and
 * prints "NAME WIDTH HEIGHT" for each. $LANGUAGE with $RADNET_LOCALE_DIR
 * gives them in another language. */
#define G_LOG_DOMAIN "rn-screenshots"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "prefs/rn-preferences-window.h"
#include "pubmed/rn-pubmed-dialog.h"
#include "rn-ui-shot.h"
#include "rn-ui-test.h"

static const char *outdir;

static void
shoot (GtkWidget  *window,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (outdir, file, NULL);
  int w, h;

  rn_ui_test_wait_frame (window);
  rn_ui_test_spin (300);
  rn_ui_shot_save (window, path, &w, &h);
  printf ("%s %d %d\n", file, w, h);
}

static void
take (void)
{
  g_autoptr(RnPubmedClient) client = NULL;
  RnUiFixture f = { 0 };
  GtkWindow *dialog;
  GtkWidget *query;

  rn_ui_fixture_setup (&f, 6, 12, 1280, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.next-item", NULL));
  shoot (GTK_WIDGET (f.window), "main-window");

  /* No look-up leaves the machine: the client is never asked (no text is
   * typed), the dialog shows its empty state. */
  client = rn_pubmed_client_new (NULL, "screenshots@radnet.example.com");
  dialog = GTK_WINDOW (rn_pubmed_dialog_new (GTK_WINDOW (f.window), f.store, client));
  gtk_window_present (dialog);
  query = gtk_window_get_focus (dialog);
  if (query != NULL)
    gtk_widget_grab_focus (query);
  shoot (GTK_WIDGET (dialog), "pubmed-search");
  gtk_window_destroy (dialog);

  dialog = rn_preferences_window_new (GTK_WINDOW (f.window), rn_application_get_context (f.app));
  gtk_window_present (dialog);
  shoot (GTK_WIDGET (dialog), "preferences");
  gtk_window_destroy (dialog);

  rn_ui_test_spin (50);
  rn_ui_fixture_teardown (&f);
}

int
main (int   argc,
      char *argv[])
{
  const char *catalogues = g_getenv ("RADNET_LOCALE_DIR");

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTDIR\n", argv[0]);
      return 2;
    }
  outdir = argv[1];
  rn_ui_test_init (&argc, &argv);
  setlocale (LC_ALL, "");
  /* As on GNOME: a close button only. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  if (catalogues != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, catalogues);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_mkdir_with_parents (outdir, 0755);
  take ();
  return 0;
}
