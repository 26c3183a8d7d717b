/* test-window.c: the main window driven through its actions; results are
 * checked in the store and in the widgets. */
#include "config.h"

#include <string.h>

#include "feeds/rn-feed-store.h"
#include "feeds/rn-item-list.h"
#include "feeds/rn-item.h"
#include "items/rn-item-list-view.h"
#include "pubmed/rn-pubmed-dialog.h"
#include "reader/rn-reader-render.h"
#include "reader/rn-reader-view.h"
#include "rn-test-server.h"
#include "search/rn-column.h"
#include "rn-test-util.h"
#include "rn-ui-test.h"
#include "sidebar/rn-sidebar.h"
#include "store/rn-sql.h"

#define N_FEEDS 3
#define PER_FEED 5

static RnItemListView *
list_view (RnUiFixture *f)
{
  return RN_ITEM_LIST_VIEW (rn_window_get_item_list_view (f->window));
}

static void
act (RnUiFixture *f,
     const char  *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  /* Store signals arrive from the main loop after the commit. */
  rn_ui_test_spin (60);
}

static gboolean
sidebar_has_sources (gpointer sidebar)
{
  return rn_sidebar_get_n_feeds (sidebar) > 3;
}

typedef struct
{
  RnSidebarEntry *entry;
  guint           unread;
} UnreadWait;

static gboolean
unread_is (gpointer data)
{
  UnreadWait *w = data;

  return rn_sidebar_entry_get_unread (w->entry) == w->unread;
}

/* The sidebar reads counts a little after a burst of changes. */
static void
wait_unread (RnSidebarEntry *entry,
             guint           unread)
{
  UnreadWait w = { entry, unread };

  rn_ui_test_spin_until (unread_is, &w, 10);
}

static void
test_welcome (void)
{
  RnUiFixture f = { 0 };
  RnSidebar *sidebar;

  rn_ui_fixture_setup (&f, 0, 0, 1000, 700);
  g_assert_cmpstr (rn_window_get_page (f.window), ==, "welcome");

  /* "Add Radiology Sources" subscribes to the shipped list. */
  act (&f, "win.add-default-sources");
  sidebar = RN_SIDEBAR (rn_window_get_sidebar (f.window));
  rn_ui_test_spin_until (sidebar_has_sources, sidebar, 10);
  g_assert_cmpstr (rn_window_get_page (f.window), ==, "library");
  rn_ui_fixture_teardown (&f);
}

static void
test_navigate (void)
{
  RnUiFixture f = { 0 };
  RnItemListView *view;
  RnItem *first, *second;
  guint unread_before;

  rn_ui_fixture_setup (&f, N_FEEDS, PER_FEED, 1200, 800);
  view = list_view (&f);
  g_assert_cmpstr (rn_window_get_page (f.window), ==, "library");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rn_item_list_view_get_model (view))), ==, N_FEEDS * PER_FEED);
  g_assert_null (rn_window_get_current_item (f.window));

  unread_before = rn_ui_test_count (f.store, TRUE, FALSE);
  g_assert_cmpuint (unread_before, ==, N_FEEDS * PER_FEED);

  act (&f, "win.next-item");
  g_assert_cmpuint (rn_item_list_view_get_selected_position (view), ==, 0);
  first = rn_window_get_current_item (f.window);
  g_assert_nonnull (first);
  /* Opening an item marks it read. */
  g_assert_true (rn_item_get_read (first));
  g_assert_cmpuint (rn_ui_test_count (f.store, TRUE, FALSE), ==, unread_before - 1);
  g_assert_true (rn_reader_view_get_item (RN_READER_VIEW (rn_window_get_reader_view (f.window))) == first);

  act (&f, "win.next-item");
  second = rn_window_get_current_item (f.window);
  g_assert_cmpuint (rn_item_list_view_get_selected_position (view), ==, 1);
  g_assert_true (second != first);
  g_assert_cmpint (rn_item_get_sort_date (second), <=, rn_item_get_sort_date (first));

  act (&f, "win.previous-item");
  g_assert_cmpuint (rn_item_list_view_get_selected_position (view), ==, 0);
  g_assert_cmpint (rn_item_get_id (rn_window_get_current_item (f.window)), ==, rn_item_get_id (first));

  /* m: back to unread, and read again. */
  act (&f, "win.toggle-read");
  g_assert_false (rn_item_get_read (rn_window_get_current_item (f.window)));
  g_assert_cmpuint (rn_ui_test_count (f.store, TRUE, FALSE), ==, unread_before - 1);
  act (&f, "win.toggle-read");
  g_assert_cmpuint (rn_ui_test_count (f.store, TRUE, FALSE), ==, unread_before - 2);

  /* s: starred in the store, shown in Starred. */
  act (&f, "win.toggle-star");
  g_assert_cmpuint (rn_ui_test_count (f.store, FALSE, TRUE), ==, 1);
  g_assert_true (rn_item_get_starred (rn_window_get_current_item (f.window)));
  g_assert_true (rn_sidebar_select (RN_SIDEBAR (rn_window_get_sidebar (f.window)), RN_SIDEBAR_STARRED, 0));
  rn_ui_test_spin (30);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rn_item_list_view_get_model (view))), ==, 1);
  act (&f, "win.next-item");
  act (&f, "win.toggle-star");
  g_assert_cmpuint (rn_ui_test_count (f.store, FALSE, TRUE), ==, 0);

  rn_ui_fixture_teardown (&f);
}

static void
test_unread_view_keeps_going (void)
{
  RnUiFixture f = { 0 };
  RnItemListView *view;
  gint64 first_id, second_id;

  rn_ui_fixture_setup (&f, N_FEEDS, PER_FEED, 1200, 800);
  view = list_view (&f);
  g_assert_true (rn_sidebar_select (RN_SIDEBAR (rn_window_get_sidebar (f.window)), RN_SIDEBAR_UNREAD, 0));
  rn_ui_test_spin (30);

  /* The read item leaves the Unread list; "next" goes on with the one
   * that took its place, and the reader keeps showing the read one. */
  act (&f, "win.next-item");
  first_id = rn_item_get_id (rn_window_get_current_item (f.window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rn_item_list_view_get_model (view))), ==,
                    N_FEEDS * PER_FEED - 1);
  act (&f, "win.next-item");
  second_id = rn_item_get_id (rn_window_get_current_item (f.window));
  g_assert_cmpint (second_id, !=, first_id);
  g_assert_cmpuint (rn_ui_test_count (f.store, TRUE, FALSE), ==, N_FEEDS * PER_FEED - 2);
  rn_ui_fixture_teardown (&f);
}

/* A new item at the top of a long list: the view reads the rows it shows,
 * not the whole list. (While the first-frame slice stayed in the chain,
 * GTK 4.8 read every row of the list after each insertion.) */
static void
test_live_insert_reads_little (void)
{
  RnUiFixture f = { 0 };
  RnItemList *list;
  g_autoptr(RnParsedFeed) parsed = rn_parsed_feed_new ();
  RnParsedEntry *e = rn_parsed_entry_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnItem) top = NULL;
  guint64 before;
  guint n;

  rn_ui_fixture_setup (&f, 4, 1500, 1200, 800);
  rn_ui_test_spin (300);
  g_assert_true (RN_IS_ITEM_LIST (rn_item_list_view_get_model (list_view (&f))));
  list = RN_ITEM_LIST (rn_item_list_view_get_model (list_view (&f)));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 4 * 1500);
  before = rn_item_list_get_rows_fetched (list);

  e->id = g_strdup ("urn:radnet:test:just-published");
  e->title = g_strdup ("Just published");
  e->published = g_get_real_time () / G_USEC_PER_SEC + 60;
  e->updated = RN_NO_DATE;
  g_ptr_array_add (parsed->entries, e);
  g_assert_true (rn_feed_store_ingest_sync (f.store, 1, parsed, NULL, &error));
  g_assert_no_error (error);
  rn_ui_test_spin (100);
  rn_ui_test_wait_frame (GTK_WIDGET (f.window));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n + 1);
  top = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (rn_item_get_title (top), ==, "Just published");
  g_assert_cmpuint (rn_item_list_get_rows_fetched (list) - before, <, n / 4);
  rn_ui_fixture_teardown (&f);
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the list view shows. */
static GListModel *
shown_model (RnUiFixture *f)
{
  GtkWidget *view = find_list_view (GTK_WIDGET (list_view (f)));
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (view));

  return gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
}

/* The list view shows the whole list (the first-frame row limit is lifted). */
static gboolean
shows_whole_list (gpointer data)
{
  RnUiFixture *f = data;

  return g_list_model_get_n_items (shown_model (f))
         == g_list_model_get_n_items (G_LIST_MODEL (rn_item_list_view_get_model (list_view (f))));
}

typedef struct
{
  RnUiFixture *f;
  guint        n;
} ShownRows;

static gboolean
shows_rows (gpointer data)
{
  ShownRows *want = data;

  return g_list_model_get_n_items (shown_model (want->f)) == want->n;
}

/* Rows on screen behind the first-frame row limit, their list not yet
 * whole. */
static gboolean
shows_rows_behind_limit (gpointer data)
{
  RnUiFixture *f = data;
  GtkWidget *view = find_list_view (GTK_WIDGET (list_view (f)));
  guint mapped = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL; row = gtk_widget_get_next_sibling (row))
    mapped += gtk_widget_get_mapped (row);
  return mapped > 5 && !shows_whole_list (f);
}

/* A new list is shown behind a row limit until its first frame, then the
 * rest is let in: the row widgets already on screen stay (the limit used
 * to go through an empty model, which remade every row once, 170 ms with
 * a large library). */
static void
test_row_limit_keeps_rows (void)
{
  RnUiFixture f = { 0 };
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GtkWidget *view;
  guint alive = 0;

  rn_ui_fixture_setup (&f, 4, 1500, 1200, 800);
  g_assert_true (rn_sidebar_select (RN_SIDEBAR (rn_window_get_sidebar (f.window)), RN_SIDEBAR_UNREAD, 0));
  rn_ui_test_spin_until (shows_rows_behind_limit, &f, 10);
  view = find_list_view (GTK_WIDGET (list_view (&f)));
  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row))
      g_ptr_array_add (shown, row);
  for (guint i = 0; i < shown->len; i++)
    g_object_add_weak_pointer (G_OBJECT (shown->pdata[i]), &shown->pdata[i]);

  rn_ui_test_spin_until (shows_whole_list, &f, 20);
  rn_ui_test_wait_frame (GTK_WIDGET (f.window));
  for (guint i = 0; i < shown->len; i++)
    alive += g_ptr_array_index (shown, i) != NULL;
  g_test_message ("%u of %u row widgets on screen kept", alive, shown->len);
  g_assert_cmpuint (alive, ==, shown->len);
  for (guint i = 0; i < shown->len; i++)
    if (g_ptr_array_index (shown, i) != NULL)
      g_object_remove_weak_pointer (G_OBJECT (shown->pdata[i]), &shown->pdata[i]);
  rn_ui_fixture_teardown (&f);
}

/* A refresh indexes its new items in large batches. One landing among the
 * rows on screen must keep the row widgets GTK shows (it used to replace
 * them: GTK then built, bound and measured a screenful again, 200 ms per
 * batch on a large library), and the rows must come out in order. */
static void
check_batch_keeps_rows (gint64 (*date) (gint64 now,
                                        guint  i))
{
  RnUiFixture f = { 0 };
  g_autoptr(RnParsedFeed) parsed = rn_parsed_feed_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GtkWidget *view;
  GListModel *list;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC, previous = G_MAXINT64;
  guint n, alive = 0;

  rn_ui_fixture_setup (&f, 4, 1500, 1200, 800);
  list = G_LIST_MODEL (rn_item_list_view_get_model (list_view (&f)));
  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, ==, 4 * 1500);
  rn_ui_test_spin_until (shows_whole_list, &f, 10);
  rn_ui_test_wait_frame (GTK_WIDGET (f.window));
  view = find_list_view (GTK_WIDGET (list_view (&f)));
  g_assert_nonnull (view);
  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row))
      g_ptr_array_add (shown, row);
  g_assert_cmpuint (shown->len, >, 5);
  /* Watched once the array no longer grows (the weak pointers point into it). */
  for (guint i = 0; i < shown->len; i++)
    g_object_add_weak_pointer (G_OBJECT (shown->pdata[i]), &shown->pdata[i]);

  /* 600 new items (more than are placed one by one). */
  for (guint i = 0; i < 600; i++)
    {
      RnParsedEntry *e = rn_parsed_entry_new ();

      e->id = g_strdup_printf ("urn:radnet:test:batch:%u", i);
      e->title = g_strdup_printf ("Batch item %u", i);
      e->published = date (now, i);
      e->updated = RN_NO_DATE;
      g_ptr_array_add (parsed->entries, e);
    }
  g_assert_true (rn_feed_store_ingest_sync (f.store, 1, parsed, NULL, &error));
  g_assert_no_error (error);
  rn_ui_test_spin (100);
  rn_ui_test_wait_frame (GTK_WIDGET (f.window));

  /* The view takes the new rows in a few per frame. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n + 600);
  rn_ui_test_spin_until (shows_rows, &(ShownRows) { &f, n + 600 }, 60);
  rn_ui_test_wait_frame (GTK_WIDGET (f.window));
  for (guint i = 0; i < shown->len; i++)
    alive += g_ptr_array_index (shown, i) != NULL;
  g_test_message ("%u of %u row widgets on screen kept", alive, shown->len);
  g_assert_cmpuint (alive, ==, shown->len);
  for (guint i = 0; i < 800; i++)
    {
      g_autoptr(RnItem) item = g_list_model_get_item (list, i);

      g_assert_cmpint (rn_item_get_sort_date (item), <=, previous);
      previous = rn_item_get_sort_date (item);
    }
  for (guint i = 0; i < shown->len; i++)
    if (g_ptr_array_index (shown, i) != NULL)
      g_object_remove_weak_pointer (G_OBJECT (shown->pdata[i]), &shown->pdata[i]);
  rn_ui_fixture_teardown (&f);
}

/* Their dates spread over the newest rows and above them: a few runs. */
static gint64
date_over_top (gint64 now,
               guint  i)
{
  return now + 3600 - (gint64) i * 7;
}

static void
test_live_batch_keeps_rows (void)
{
  check_batch_keeps_rows (date_over_top);
}

/* One between each two of the newest rows (the fixture's come every ten
 * minutes): hundreds of runs, said as one change near the top. */
static gint64
date_between_rows (gint64 now,
                   guint  i)
{
  return now - 300 - (gint64) i * 600;
}

static void
test_live_scattered_keeps_rows (void)
{
  check_batch_keeps_rows (date_between_rows);
}

static void
test_mark_all_read_undo (void)
{
  RnUiFixture f = { 0 };
  RnSidebar *sidebar;
  GListModel *entries;
  g_autoptr(RnSidebarEntry) all = NULL;

  rn_ui_fixture_setup (&f, N_FEEDS, PER_FEED, 1200, 800);
  sidebar = RN_SIDEBAR (rn_window_get_sidebar (f.window));
  entries = rn_sidebar_get_model (sidebar);
  all = g_list_model_get_item (entries, 0);
  g_assert_cmpint (rn_sidebar_entry_get_kind (all), ==, RN_SIDEBAR_ALL);
  g_assert_cmpuint (rn_sidebar_entry_get_unread (all), ==, N_FEEDS * PER_FEED);

  act (&f, "win.mark-all-read");
  rn_ui_test_spin (50);
  g_assert_cmpuint (rn_ui_test_count (f.store, TRUE, FALSE), ==, 0);
  wait_unread (all, 0);

  /* The toast's Undo restores exactly what was changed. */
  act (&f, "win.undo-mark-all-read");
  rn_ui_test_spin (50);
  g_assert_cmpuint (rn_ui_test_count (f.store, TRUE, FALSE), ==, N_FEEDS * PER_FEED);
  wait_unread (all, N_FEEDS * PER_FEED);

  /* Per feed: only that feed's items. */
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(RnSidebarEntry) e = g_list_model_get_item (entries, i);

      if (rn_sidebar_entry_get_kind (e) == RN_SIDEBAR_FEED)
        {
          g_assert_cmpuint (rn_sidebar_entry_get_unread (e), ==, PER_FEED);
          g_assert_true (rn_sidebar_select (sidebar, RN_SIDEBAR_FEED, rn_sidebar_entry_get_id (e)));
          break;
        }
    }
  rn_ui_test_spin (30);
  act (&f, "win.mark-all-read");
  rn_ui_test_spin (50);
  g_assert_cmpuint (rn_ui_test_count (f.store, TRUE, FALSE), ==, (N_FEEDS - 1) * PER_FEED);
  rn_ui_fixture_teardown (&f);
}

/* The list's size once it becomes @pred-true, or after 10 s: the entry
 * waits for typing to pause, and sanitised builds are slow. */
static guint
wait_n_items (RnItemListView *view,
              gboolean      (*pred) (guint n, guint arg),
              guint           arg)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint n;

  rn_ui_test_spin (300);
  while (!pred (n = g_list_model_get_n_items (G_LIST_MODEL (rn_item_list_view_get_model (view))), arg)
         && g_get_monotonic_time () < end)
    rn_ui_test_spin (50);
  return n;
}

static gboolean
n_below (guint n,
         guint limit)
{
  return n > 0 && n < limit;
}

static gboolean
n_equal (guint n,
         guint expected)
{
  return n == expected;
}

static void
test_search (void)
{
  RnUiFixture f = { 0 };
  RnItemListView *view;
  guint n;

  rn_ui_fixture_setup (&f, N_FEEDS, PER_FEED, 1200, 800);
  view = list_view (&f);

  act (&f, "win.search");
  g_assert_true (rn_item_list_view_get_search_mode (view));
  rn_item_list_view_set_search_text (view, "photon counting");
  n = wait_n_items (view, n_below, N_FEEDS * PER_FEED);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, N_FEEDS * PER_FEED);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RnItem) item = g_list_model_get_item (G_LIST_MODEL (rn_item_list_view_get_model (view)), i);
      g_assert_nonnull (strstr (rn_item_get_title (item), "Photon-counting"));
    }

  rn_item_list_view_set_search_text (view, "nosuchwordanywhere");
  g_assert_cmpuint (wait_n_items (view, n_equal, 0), ==, 0);

  /* Leaving search shows everything again. */
  rn_item_list_view_set_search_mode (view, FALSE);
  g_assert_cmpuint (wait_n_items (view, n_equal, N_FEEDS * PER_FEED), ==, N_FEEDS * PER_FEED);
  rn_ui_fixture_teardown (&f);
}

/* Closing a search gives back the list as it was: the same list, the
 * same selected row (the list keeps its rows while the results show). */
static void
test_search_keeps_list (void)
{
  RnUiFixture f = { 0 };
  RnItemListView *view;
  GListModel *list;
  RnItem *selected;

  rn_ui_fixture_setup (&f, N_FEEDS, PER_FEED, 1200, 800);
  view = list_view (&f);
  list = rn_item_list_view_get_model (view);
  g_assert_true (RN_IS_ITEM_LIST (list));
  g_assert_true (rn_item_list_view_select_position (view, 3));
  rn_ui_test_spin (50);
  selected = rn_item_list_view_get_selected (view);
  g_assert_nonnull (selected);

  act (&f, "win.search");
  rn_item_list_view_set_search_text (view, "photon counting");
  g_assert_cmpuint (wait_n_items (view, n_below, N_FEEDS * PER_FEED), >, 0);
  g_assert_true (rn_item_list_view_get_model (view) != list);
  g_assert_true (RN_IS_COLUMN (rn_item_list_view_get_model (view)));
  rn_ui_test_wait_frame (GTK_WIDGET (f.window));
  rn_ui_test_screenshot (GTK_WIDGET (f.window), "search-light");

  rn_item_list_view_set_search_mode (view, FALSE);
  g_assert_cmpuint (wait_n_items (view, n_equal, N_FEEDS * PER_FEED), ==, N_FEEDS * PER_FEED);
  g_assert_true (rn_item_list_view_get_model (view) == list);
  g_assert_cmpuint (rn_item_list_view_get_selected_position (view), ==, 3);
  g_assert_true (rn_item_list_view_get_selected (view) == selected);
  rn_ui_fixture_teardown (&f);
}

/* A search reads one page of results; GTK reading (and making rows for)
 * all of them does not read more, scrolling near the end does. */
static void
test_search_pages (void)
{
  RnUiFixture f = { 0 };
  RnItemListView *view;
  guint first;

  rn_ui_fixture_setup (&f, 2, 100, 1200, 800);
  view = list_view (&f);
  act (&f, "win.search");
  rn_item_list_view_set_search_text (view, "cohort");   /* 199 of 200 */
  first = wait_n_items (view, n_below, 199);
  g_assert_cmpuint (first, >, 20);
  rn_ui_test_spin (500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rn_item_list_view_get_model (view))), ==, first);

  /* Scrolled to the last row, again as rows come in, as a reader would
   * (by the list's own action: setting the adjustment past rows GTK has
   * not measured yet makes it warn). */
  for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       g_list_model_get_n_items (G_LIST_MODEL (rn_item_list_view_get_model (view))) <= first
       && g_get_monotonic_time () < end; )
    {
      g_assert_true (rn_item_list_view_scroll_to_position (view, first - 1));
      rn_ui_test_spin (100);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rn_item_list_view_get_model (view))), >, first);
  rn_ui_fixture_teardown (&f);
}

static gboolean
model_has (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static gboolean
more_than_60 (gpointer data)
{
  return g_list_model_get_n_items (data) > 60;
}

/* A long sidebar holds a screenful of entries until its first frame is
 * drawn and takes in the rest after it; selecting one of the rest before
 * that brings them in at once. */
static void
test_sidebar_long_list (void)
{
  RnUiFixture f = { 0 };
  GListModel *entries;
  RnSidebar *sidebar;
  GtkWidget *window;
  gint64 last_feed = 0;
  guint whole;

  rn_ui_fixture_setup (&f, 60, 1, 1200, 800);
  entries = rn_sidebar_get_model (RN_SIDEBAR (rn_window_get_sidebar (f.window)));
  /* The window's sidebar takes in the rest after its first frame (one
   * idle's worth: 32 entries and 40 more cover all 66). */
  rn_ui_test_spin_until (more_than_60, entries, 20);
  rn_ui_test_spin (100);
  whole = g_list_model_get_n_items (entries);
  for (guint i = 0; i < whole; i++)
    {
      g_autoptr(RnSidebarEntry) e = g_list_model_get_item (entries, i);

      if (rn_sidebar_entry_get_kind (e) == RN_SIDEBAR_FEED)
        last_feed = rn_sidebar_entry_get_id (e);
    }

  sidebar = g_object_new (RN_TYPE_SIDEBAR, NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (sidebar));
  rn_sidebar_set_store (sidebar, f.store);
  g_assert_cmpuint (rn_sidebar_get_n_feeds (sidebar), ==, 60);
  g_assert_cmpuint (g_list_model_get_n_items (rn_sidebar_get_model (sidebar)), <, whole);
  gtk_window_present (GTK_WINDOW (window));
  rn_ui_test_wait_frame (window);
  rn_ui_test_spin_until (model_has, (gpointer[]) { rn_sidebar_get_model (sidebar), GUINT_TO_POINTER (whole) }, 10);
  gtk_window_destroy (GTK_WINDOW (window));

  sidebar = g_object_ref_sink (g_object_new (RN_TYPE_SIDEBAR, NULL));
  rn_sidebar_set_store (sidebar, f.store);
  g_assert_cmpuint (g_list_model_get_n_items (rn_sidebar_get_model (sidebar)), <, whole);
  g_assert_true (rn_sidebar_select (sidebar, RN_SIDEBAR_FEED, last_feed));
  g_assert_cmpuint (g_list_model_get_n_items (rn_sidebar_get_model (sidebar)), ==, whole);
  g_assert_cmpint (rn_sidebar_entry_get_id (rn_sidebar_get_selected_entry (sidebar)), ==, last_feed);
  g_object_unref (sidebar);
  rn_ui_fixture_teardown (&f);
}

static void
test_sidebar_counts (void)
{
  RnUiFixture f = { 0 };
  RnSidebar *sidebar;
  GListModel *entries;
  guint feeds = 0, folders = 0;

  rn_ui_fixture_setup (&f, 6, PER_FEED, 1200, 800);
  sidebar = RN_SIDEBAR (rn_window_get_sidebar (f.window));
  entries = rn_sidebar_get_model (sidebar);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(RnSidebarEntry) e = g_list_model_get_item (entries, i);

      if (rn_sidebar_entry_get_kind (e) == RN_SIDEBAR_FEED)
        {
          feeds++;
          g_assert_cmpuint (rn_sidebar_entry_get_unread (e), ==, PER_FEED);
        }
      else if (rn_sidebar_entry_get_kind (e) == RN_SIDEBAR_FOLDER)
        {
          folders++;
          /* every third feed is in the folder */
          g_assert_cmpuint (rn_sidebar_entry_get_unread (e), ==, 2 * PER_FEED);
          g_assert_true (rn_sidebar_select (sidebar, RN_SIDEBAR_FOLDER, rn_sidebar_entry_get_id (e)));
        }
    }
  g_assert_cmpuint (feeds, ==, 6);
  g_assert_cmpuint (folders, ==, 1);
  rn_ui_test_spin (30);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rn_item_list_view_get_model (list_view (&f)))), ==,
                    2 * PER_FEED);

  /* RadNet's own hidden sources are not listed. */
  {
    RnFeedSpec hidden = { .kind = "remote-search", .url = "radnet:column/1", .title = "Column results" };
    g_autoptr(GError) error = NULL;

    g_assert_true (rn_feed_store_add_feed (f.store, &hidden, NULL, &error));
    g_assert_no_error (error);
    rn_ui_test_spin (300);
    g_assert_cmpuint (rn_sidebar_get_n_feeds (sidebar), ==, 6);
    for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
      {
        g_autoptr(RnSidebarEntry) e = g_list_model_get_item (entries, i);

        g_assert_cmpstr (rn_sidebar_entry_get_title (e), !=, "Column results");
      }
  }
  rn_ui_fixture_teardown (&f);
}

/* E-utilities as NCBI answers the CTPA-in-pregnancy search. */
static void
on_eutils (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  const char *file = NULL;
  const char *type = "application/json";
  g_autoptr(GBytes) body = NULL;

  if (g_str_has_suffix (path, "/esearch.fcgi"))
    file = "esearch-ctpa.json";
  else if (g_str_has_suffix (path, "/esummary.fcgi"))
    file = "esummary-ctpa.json";
  else if (g_str_has_suffix (path, "/efetch.fcgi"))
    file = "efetch-ctpa.xml", type = "text/xml";
  if (file == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  body = rn_test_load_data ("pubmed", file, NULL);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gboolean
exec_sql (RnStore  *store,
          sqlite3  *db,
          gpointer  sql,
          GError  **error)
{
  return rn_sql_exec (db, sql, error);
}

static RnPubmedDialog *
find_pubmed_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (RN_IS_PUBMED_DIALOG (w))
        return RN_PUBMED_DIALOG (w);
    }
  return NULL;
}

static char *
reader_text (RnUiFixture *f)
{
  GtkTextBuffer *buffer = rn_reader_view_get_buffer (RN_READER_VIEW (rn_window_get_reader_view (f->window)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The reader's link under the first occurrence of @label, or NULL. */
static const char *
reader_link (RnUiFixture *f,
             const char  *label)
{
  GtkTextBuffer *buffer = rn_reader_view_get_buffer (RN_READER_VIEW (rn_window_get_reader_view (f->window)));
  GtkTextIter start, match, end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_search (&start, label, 0, &match, &end, NULL))
    return NULL;
  return rn_reader_render_link_at (&match);
}

/* Main menu → Add PubMed Search…: the live count, then the source in the
 * sidebar, selected and refreshed, and a record's journal, types and
 * links in the reader. */
static void
test_add_pubmed_search (void)
{
  RnUiFixture f = { 0 };
  RnTestServer *server = rn_test_server_new ();
  g_autofree char *base = NULL;
  RnPubmedDialog *dialog;
  RnSidebarEntry *entry;
  g_autofree char *text = NULL;
  gint64 end;

  rn_test_server_add_handler (server, "/entrez/eutils", on_eutils, NULL);
  base = rn_test_server_url (server, "/entrez/eutils/");
  g_setenv ("RADNET_PUBMED_URL", base, TRUE);
  rn_ui_fixture_setup (&f, 1, PER_FEED, 1200, 800);
  g_unsetenv ("RADNET_PUBMED_URL");

  act (&f, "win.add-pubmed-search");
  dialog = find_pubmed_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), RN_TYPE_PUBMED_DIALOG,
                                                                     "query_row")),
                         "CT pulmonary angiography AND pregnancy");
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), RN_TYPE_PUBMED_DIALOG,
                                                                                "add_button")))
         && g_get_monotonic_time () < end)
    rn_ui_test_spin (20);
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (dialog), RN_TYPE_PUBMED_DIALOG, "add_button"),
                         "clicked");

  /* The refresh of the new source brings the three records. */
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (rn_ui_test_count (f.store, FALSE, FALSE) < PER_FEED + 3 && g_get_monotonic_time () < end)
    rn_ui_test_spin (50);
  g_assert_cmpuint (rn_ui_test_count (f.store, FALSE, FALSE), ==, PER_FEED + 3);
  entry = rn_sidebar_get_selected_entry (RN_SIDEBAR (rn_window_get_sidebar (f.window)));
  g_assert_nonnull (entry);
  g_assert_cmpint (rn_sidebar_entry_get_kind (entry), ==, RN_SIDEBAR_FEED);
  g_assert_cmpstr (rn_sidebar_entry_get_title (entry), ==, "CT pulmonary angiography AND pregnancy");

  /* Crossref reported a retraction of the trial: the reader says so. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (rn_store_write (f.store, exec_sql,
                                   "INSERT INTO refs (item_id, doi, notice, notice_url) "
                                   "SELECT id, doi, 'retraction', 'https://doi.org/10.1007/s00330-025-99999-z' "
                                   "FROM items WHERE guid = 'pmid:39500002'", &error));
    g_assert_no_error (error);
  }

  /* Newest first: the editorial, then the trial. */
  rn_ui_test_spin (200);
  act (&f, "win.next-item");
  act (&f, "win.next-item");
  rn_ui_test_spin (200);
  text = reader_text (&f);
  g_assert_nonnull (strstr (text, "European radiology 35(2):812 · Multicenter Study · Randomized Controlled Trial"));
  g_assert_cmpstr (reader_link (&f, "PubMed"), ==, "https://pubmed.ncbi.nlm.nih.gov/39500002/");
  g_assert_cmpstr (reader_link (&f, "PMC"), ==, "https://pmc.ncbi.nlm.nih.gov/articles/PMC11800002/");
  g_assert_cmpstr (reader_link (&f, "DOI"), ==, "https://doi.org/10.1007/s00330-024-11234-x");
  g_assert_cmpstr (reader_link (&f, "Retracted"), ==, "https://doi.org/10.1007/s00330-025-99999-z");
  rn_ui_test_screenshot (GTK_WIDGET (f.window), "pubmed-record");

  rn_ui_fixture_teardown (&f);
  rn_test_server_free (server);
}

typedef struct
{
  GPtrArray *paused;
  gboolean   answer;   /* from now on at once */
} SlowFeeds;

static void
on_slow_feed (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SlowFeeds *slow = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
  if (slow->answer)
    return;
  soup_server_message_pause (msg);
  g_ptr_array_add (slow->paused, g_object_ref (msg));
}

static gboolean
refresh_bar_shown (gpointer window)
{
  return gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (window, RN_TYPE_WINDOW, "refresh_bar")));
}

static gboolean
has_paused (gpointer paused)
{
  return ((GPtrArray *) paused)->len > 0;
}

static gboolean
refresh_bar_moved (gpointer bar)
{
  return gtk_progress_bar_get_fraction (bar) > 0.0;
}

static gboolean
refresh_bar_hidden (gpointer window)
{
  return !refresh_bar_shown (window);
}

/* A refresh shows its progress over the list, and the button that stops
 * it in place of the refresh button, one icon wide: a header that grew
 * made the rows of the lists below be laid out again, 95 ms at once for
 * a big library. The counts are in its tooltip and accessible label. */
static void
test_refresh_progress (void)
{
  RnUiFixture f = { 0 };
  RnTestServer *server = rn_test_server_new ();
  g_autoptr(GPtrArray) paused = g_ptr_array_new_with_free_func (g_object_unref);
  SlowFeeds slow = { paused, FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *sql = NULL;
  GtkWidget *window, *stack, *bar, *stop;
  int width;

  rn_test_server_add_handler (server, "/slow", on_slow_feed, &slow);
  base = rn_test_server_url (server, "/slow/");
  rn_ui_fixture_setup (&f, 2, PER_FEED, 1200, 800);
  window = GTK_WIDGET (f.window);
  stack = GTK_WIDGET (gtk_widget_get_template_child (window, RN_TYPE_WINDOW, "refresh_stack"));
  bar = GTK_WIDGET (gtk_widget_get_template_child (window, RN_TYPE_WINDOW, "refresh_bar"));
  stop = GTK_WIDGET (gtk_widget_get_template_child (window, RN_TYPE_WINDOW, "refresh_progress_button"));
  sql = g_strdup_printf ("UPDATE feeds SET url = '%s' || id", base);
  g_assert_true (rn_store_write (f.store, exec_sql, sql, &error));
  g_assert_no_error (error);
  width = gtk_widget_get_width (stack);
  g_assert_cmpint (width, >, 0);
  g_assert_false (gtk_widget_get_visible (bar));

  act (&f, "win.refresh");
  rn_ui_test_spin_until (refresh_bar_shown, window, 10);
  rn_ui_test_wait_frame (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "progress");
  g_assert_cmpint (gtk_widget_get_width (stack), ==, width);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 0.0);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (stop), "0 of 2"));

  /* One source answers (and fails): half done. */
  rn_ui_test_spin_until (has_paused, paused, 10);
  soup_server_message_unpause (paused->pdata[0]);
  rn_ui_test_spin_until (refresh_bar_moved, bar, 10);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 0.5);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (stop), "1 of 2"));
  rn_ui_test_wait_frame (window);
  g_assert_cmpint (gtk_widget_get_width (stack), ==, width);
  rn_ui_test_screenshot (window, "refresh-progress");

  /* The other one answers: the refresh ends. */
  slow.answer = TRUE;
  for (guint i = 1; i < paused->len; i++)
    soup_server_message_unpause (paused->pdata[i]);
  rn_ui_test_spin_until (refresh_bar_hidden, window, 20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "button");
  g_assert_cmpint (gtk_widget_get_width (stack), ==, width);

  rn_ui_fixture_teardown (&f);
  rn_test_server_free (server);
}

/* A failing source goes in one step: it leaves the sidebar at once, and
 * the library when its Undo toast goes away (here: the window is closed
 * while it shows). */
static void
test_remove_source (void)
{
  RnUiFixture f = { 0 };
  RnSidebar *sidebar;
  g_autoptr(RnStore) store = NULL;
  gint64 feed_id;

  rn_ui_fixture_setup (&f, N_FEEDS, PER_FEED, 1200, 800);
  store = g_object_ref (f.store);
  sidebar = RN_SIDEBAR (rn_window_get_sidebar (f.window));
  feed_id = rn_sql_query_int (rn_store_get_reader (store), "SELECT min(id) FROM feeds", 0);
  g_assert_true (rn_sidebar_select (sidebar, RN_SIDEBAR_FEED, feed_id));
  rn_ui_test_spin (30);

  act (&f, "win.remove-feed");
  g_assert_cmpuint (rn_sidebar_get_n_feeds (sidebar), ==, N_FEEDS - 1);
  /* Still undoable: nothing deleted yet. */
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM feeds", 0), ==, N_FEEDS);

  gtk_window_close (GTK_WINDOW (f.window));
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM feeds", 0), ==, N_FEEDS - 1);
  rn_ui_fixture_teardown (&f);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM items", 0), ==,
                   (N_FEEDS - 1) * PER_FEED);
}

/* A closed window may outlive its library for a moment (something still
 * holds its sidebar): feeds that changed just before it closed are not
 * read from a library that is gone. Warnings are fatal here. */
static void
test_sidebar_closed_reads_nothing (void)
{
  RnUiFixture f = { 0 };
  g_autoptr(GtkWidget) sidebar = NULL;

  rn_ui_fixture_setup (&f, 2, 3, 1000, 700);
  sidebar = g_object_ref (rn_window_get_sidebar (f.window));
  g_signal_emit_by_name (f.store, "feeds-changed");
  rn_ui_fixture_teardown (&f);
  rn_ui_test_spin (300);
  g_assert_false (gtk_widget_get_realized (sidebar));
}

int
main (int argc, char *argv[])
{
  rn_ui_test_init (&argc, &argv);
  g_test_add_func ("/radnet/ui/window/welcome", test_welcome);
  g_test_add_func ("/radnet/ui/window/navigate", test_navigate);
  g_test_add_func ("/radnet/ui/window/unread-view", test_unread_view_keeps_going);
  g_test_add_func ("/radnet/ui/window/live-insert-reads-little", test_live_insert_reads_little);
  g_test_add_func ("/radnet/ui/window/row-limit-keeps-rows", test_row_limit_keeps_rows);
  g_test_add_func ("/radnet/ui/window/live-batch-keeps-rows", test_live_batch_keeps_rows);
  g_test_add_func ("/radnet/ui/window/live-scattered-keeps-rows", test_live_scattered_keeps_rows);
  g_test_add_func ("/radnet/ui/window/mark-all-read-undo", test_mark_all_read_undo);
  g_test_add_func ("/radnet/ui/window/search", test_search);
  g_test_add_func ("/radnet/ui/window/search-keeps-list", test_search_keeps_list);
  g_test_add_func ("/radnet/ui/window/search-pages", test_search_pages);
  g_test_add_func ("/radnet/ui/window/sidebar-counts", test_sidebar_counts);
  g_test_add_func ("/radnet/ui/window/sidebar-long-list", test_sidebar_long_list);
  g_test_add_func ("/radnet/ui/window/add-pubmed-search", test_add_pubmed_search);
  g_test_add_func ("/radnet/ui/window/remove-source", test_remove_source);
  g_test_add_func ("/radnet/ui/window/refresh-progress", test_refresh_progress);
  g_test_add_func ("/radnet/ui/window/sidebar-closed-reads-nothing", test_sidebar_closed_reads_nothing);
  return g_test_run ();
}
