/* test-deck.c: the columns deck in the running window. Three columns are
 * made through the window's actions and the column dialog; then keyboard
 * movement between columns, moving, removal with undo, opening an item in
 * the reader, the dialog's inline errors and live count, the help popover,
 * and screenshots at 1280×800 and 400×800 (one column at a time). */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "deck/rn-column-editor.h"
#include "deck/rn-column-view.h"
#include "deck/rn-deck.h"
#include "deck/rn-query-help.h"
#include "rn-ui-test.h"

static RnDeck *
find_deck (RnWindow *window)
{
  GtkWidget *list = rn_window_get_item_list_view (window);
  GtkWidget *stack = gtk_widget_get_ancestor (list, ADW_TYPE_VIEW_STACK);
  GtkWidget *deck = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "deck");

  g_assert_true (RN_IS_DECK (deck));
  return RN_DECK (deck);
}

/* The column dialog that an action opened. */
static RnColumnEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (RN_IS_COLUMN_EDITOR (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return RN_COLUMN_EDITOR (w);
    }
  return NULL;
}

static GtkWidget *
find_child_of_type (GtkWidget *root,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_child_of_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
wait_for_count (RnColumnEditor *editor)
{
  for (guint i = 0; i < 100; i++)
    {
      const char *text = rn_column_editor_get_count_text (editor);

      if (text != NULL && (strstr (text, "match") != NULL) && strstr (text, "Counting") == NULL)
        return;
      rn_ui_test_spin (50);
    }
  g_assert_not_reached ();
}

static void
test_deck (void)
{
  RnUiFixture f = { 0 };
  RnDeck *deck;
  RnColumnStore *columns;
  RnColumnEditor *editor;
  GtkWidget *view;
  g_autoptr(RnColumn) removed = NULL;
  g_autofree char *xdotool = NULL;

  rn_ui_fixture_setup (&f, 8, 30, 1280, 800);
  deck = find_deck (f.window);
  columns = rn_deck_get_columns (deck);
  g_assert_nonnull (columns);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (columns)), ==, 0);

  /* Columns are shown in place of the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-columns", NULL));
  rn_ui_test_spin (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (deck)));

  /* A query with a mistake: underlined, explained, and Save refuses. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.add-column", NULL));
  rn_ui_test_spin (50);
  editor = find_editor ();
  g_assert_nonnull (editor);
  gtk_editable_set_text (rn_column_editor_get_query_entry (editor), "(MRI OR \"whole body");
  g_assert_nonnull (rn_column_editor_get_error (editor));
  g_assert_nonnull (gtk_entry_get_attributes (GTK_ENTRY (rn_column_editor_get_query_entry (editor))));
  g_assert_false (rn_column_editor_save (editor));
  gtk_window_set_default_size (GTK_WINDOW (editor), 560, 700);
  rn_ui_test_spin (300);
  rn_ui_test_screenshot (GTK_WIDGET (editor), "column-editor-error");
  /* The syntax help, from the query editor; an example goes in. */
  {
    GtkWidget *help = find_child_of_type (GTK_WIDGET (editor), GTK_TYPE_MENU_BUTTON);

    g_assert_nonnull (help);
    gtk_menu_button_popup (GTK_MENU_BUTTON (help));
    rn_ui_test_spin (300);
    rn_ui_test_screenshot (GTK_WIDGET (editor), "column-editor-help");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (help));
  }
  /* Corrected: the error goes and the count comes. */
  gtk_editable_set_text (rn_column_editor_get_query_entry (editor), "MRI OR ultrasound");
  g_assert_null (rn_column_editor_get_error (editor));
  g_assert_null (gtk_entry_get_attributes (GTK_ENTRY (rn_column_editor_get_query_entry (editor))));
  wait_for_count (editor);
  g_assert_nonnull (strstr (rn_column_editor_get_count_text (editor), "items match"));
  /* No name yet: cannot save. */
  g_assert_false (rn_column_editor_save (editor));
  gtk_window_close (GTK_WINDOW (editor));
  rn_ui_test_spin (50);

  /* The help lists every operator. */
  g_assert_cmpuint (rn_query_help_n_entries (), >=, 20);

  /* Three columns through the action and the dialog (the name is filled
   * in from a sidebar place or a search, here by the rename path). */
  {
    static const char *const names[] = { "MRI and ultrasound", "Radiology 1", "Journals, last 30 days" };
    static const char *const queries[] = { "MRI OR ultrasound", "source:\"Radiology 1\"", "folder:Journals since:30d" };

    for (guint i = 0; i < 3; i++)
      {
        rn_deck_edit_column (deck, NULL, names[i], queries[i]);
        rn_ui_test_spin (50);
        editor = find_editor ();
        g_assert_nonnull (editor);
        wait_for_count (editor);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
        rn_ui_test_spin (50);
        g_assert_null (find_editor ());
      }
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (columns)), ==, 3);
  rn_ui_test_spin (300);
  for (guint i = 0; i < 3; i++)
    {
      view = rn_deck_get_column_view (deck, i);
      g_assert_nonnull (view);
      g_assert_true (gtk_widget_get_mapped (view));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rn_column_view_get_column (RN_COLUMN_VIEW (view)))), >, 0);
    }

  /* Keyboard: focus moves between columns. */
  g_assert_true (rn_deck_focus_column (deck, 0));
  rn_ui_test_spin (50);
  g_assert_cmpint (rn_deck_get_focus_index (deck), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (deck), "deck.focus-next", NULL));
  rn_ui_test_spin (50);
  g_assert_cmpint (rn_deck_get_focus_index (deck), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (deck), "deck.focus-next", NULL));
  rn_ui_test_spin (50);
  g_assert_cmpint (rn_deck_get_focus_index (deck), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (deck), "deck.focus-previous", NULL));
  rn_ui_test_spin (50);
  g_assert_cmpint (rn_deck_get_focus_index (deck), ==, 1);

  /* The same with real key presses through the X server, when xdotool is
   * there: Ctrl+Right / Ctrl+Left from inside a column's list. */
  xdotool = g_find_program_in_path ("xdotool");
  if (xdotool != NULL && GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (f.window))))
    {
      g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                                gtk_native_get_surface (GTK_NATIVE (f.window))));
      const char *focus_argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
      const char *right_argv[] = { "xdotool", "key", "ctrl+Right", NULL };
      const char *left_argv[] = { "xdotool", "key", "ctrl+Left", NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) focus_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, NULL, NULL));
      rn_ui_test_spin (200);
      g_assert_true (rn_deck_focus_column (deck, 0));
      rn_ui_test_spin (100);
      g_assert_true (g_spawn_sync (NULL, (char **) right_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, NULL, NULL));
      rn_ui_test_spin (300);
      g_assert_cmpint (rn_deck_get_focus_index (deck), ==, 1);
      g_assert_true (g_spawn_sync (NULL, (char **) right_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, NULL, NULL));
      rn_ui_test_spin (300);
      g_assert_cmpint (rn_deck_get_focus_index (deck), ==, 2);
      g_assert_true (g_spawn_sync (NULL, (char **) left_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, NULL, NULL));
      rn_ui_test_spin (300);
      g_assert_cmpint (rn_deck_get_focus_index (deck), ==, 1);
    }
  else
    g_test_message ("xdotool missing: key presses not tried");

  /* Focusing a column selects its first item, which opens in the reader. */
  view = rn_deck_get_column_view (deck, 1);
  g_assert_nonnull (rn_column_view_get_selected (RN_COLUMN_VIEW (view)));
  g_assert_true (rn_window_get_current_item (f.window) == (gpointer) rn_column_view_get_selected (RN_COLUMN_VIEW (view)));
  /* Down within the column. */
  g_assert_true (rn_column_view_select_offset (RN_COLUMN_VIEW (view), 1));
  rn_ui_test_spin (50);
  g_assert_true (rn_window_get_current_item (f.window) == (gpointer) rn_column_view_get_selected (RN_COLUMN_VIEW (view)));

  rn_ui_test_screenshot (GTK_WIDGET (f.window), "deck-1280x800");

  /* Move the first column right, then remove it and undo. */
  view = rn_deck_get_column_view (deck, 0);
  g_assert_false (gtk_widget_activate_action (view, "column.move-left", NULL) &&
                  rn_column_store_index_of (columns, rn_column_view_get_column (RN_COLUMN_VIEW (view))) != 0);
  g_assert_true (gtk_widget_activate_action (view, "column.move-right", NULL));
  g_assert_cmpint (rn_column_store_index_of (columns, rn_column_view_get_column (RN_COLUMN_VIEW (view))), ==, 1);
  g_assert_true (rn_deck_get_column_view (deck, 1) == view);
  removed = g_object_ref (rn_column_view_get_column (RN_COLUMN_VIEW (view)));
  g_assert_true (gtk_widget_activate_action (view, "column.remove", NULL));
  rn_ui_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (columns)), ==, 2);
  g_assert_true (rn_deck_undo_remove (deck));
  rn_ui_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (columns)), ==, 3);
  g_assert_cmpint (rn_column_store_index_of (columns, removed), ==, 1);

  /* Sort through the column menu's action. */
  view = rn_deck_get_column_view (deck, 0);
  g_assert_true (gtk_widget_activate_action (view, "column.sort", "s", "oldest"));
  g_assert_cmpint (rn_column_get_sort (rn_column_view_get_column (RN_COLUMN_VIEW (view))), ==, RN_QUERY_SORT_OLDEST);
  g_assert_true (gtk_widget_activate_action (view, "column.sort", "s", "newest"));

  /* Narrow: one column at a time. */
  gtk_window_set_default_size (GTK_WINDOW (f.window), 400, 800);
  for (guint i = 0; i < 40 && !rn_deck_get_narrow (deck); i++)
    rn_ui_test_spin (50);
  g_assert_true (rn_deck_get_narrow (deck));
  rn_ui_test_spin (300);
  {
    GtkWidget *leaflet = gtk_widget_get_ancestor (GTK_WIDGET (deck), ADW_TYPE_LEAFLET);

    adw_leaflet_set_visible_child_name (ADW_LEAFLET (leaflet), "content");
    rn_ui_test_spin (400);
  }
  g_assert_true (rn_deck_focus_column (deck, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (deck), "deck.focus-next", NULL));
  rn_ui_test_spin (400);
  g_assert_cmpint (rn_deck_get_focus_index (deck), ==, 1);
  /* Choosing an item went to the reader page; back to the columns. */
  adw_leaflet_set_visible_child_name (ADW_LEAFLET (gtk_widget_get_ancestor (GTK_WIDGET (deck), ADW_TYPE_LEAFLET)),
                                      "content");
  rn_ui_test_spin (600);
  rn_ui_test_screenshot (GTK_WIDGET (f.window), "deck-400x800");

  rn_ui_fixture_teardown (&f);
}

static gboolean
column_grew (gpointer data)
{
  return g_list_model_get_n_items (data) > 64;
}

static gboolean
deck_has_column (gpointer deck)
{
  GtkWidget *view = rn_deck_get_column_view (deck, 0);

  return view != NULL && gtk_widget_get_mapped (view);
}

/* A column reads one page; GTK making rows for all of it reads no more,
 * scrolling near its end does. */
static void
test_column_pages (void)
{
  RnUiFixture f = { 0 };
  g_autoptr(GError) error = NULL;
  RnDeck *deck;
  RnColumn *column;
  GtkWidget *view, *list;

  rn_ui_fixture_setup (&f, 2, 100, 1280, 800);
  deck = find_deck (f.window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-columns", NULL));
  column = rn_column_store_add (rn_deck_get_columns (deck), "Cohorts", "cohort", RN_QUERY_SORT_NEWEST, FALSE, &error);
  g_assert_no_error (error);
  rn_ui_test_spin_until (deck_has_column, deck, 10);
  view = rn_deck_get_column_view (deck, 0);
  rn_ui_test_spin (500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column)), ==, 64);

  /* The list's own scroller (a menu's popover has one too). */
  /* Scrolled to the last row, again as rows are measured, as a reader
   * would (by the list's own action: setting the adjustment past rows GTK
   * has not measured yet makes it warn). */
  list = find_child_of_type (view, GTK_TYPE_LIST_VIEW);
  for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       !column_grew (column) && g_get_monotonic_time () < end; )
    {
      g_assert_true (gtk_widget_activate_action (list, "list.scroll-to-item", "u", 63));
      rn_ui_test_spin (100);
    }
  g_assert_true (column_grew (column));
  rn_ui_fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  rn_ui_test_init (&argc, &argv);
  g_test_add_func ("/radnet/ui/deck/columns", test_deck);
  g_test_add_func ("/radnet/ui/deck/column-pages", test_column_pages);
  return g_test_run ();
}
