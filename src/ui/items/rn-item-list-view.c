/* rn-item-list-view.c: GtkListView over an RnItemList. The view keeps a
 * cursor position so that "next item" still works after the selected item
 * left a filtered list (read in Unread). */
#define G_LOG_DOMAIN "rn-item-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-item-list-view.h"
#include "rn-item-row.h"
#include "rn-list-loader.h"
#include "rn-paced-model.h"
#include "rn-row-limit-model.h"
#include "search/rn-column.h"

/* A list view with what feeds it. The view has two: the place's list, and
 * a search's results. Each keeps its rows while the other shows, so a
 * search does not first take apart the 200 row widgets of the list (about
 * 20 ms), and closing it gives the list back where it was. */
typedef struct
{
  RnItemListView     *view;
  GListModel         *model;          /* RnItemList, or a search's RnColumn */
  RnPacedModel       *paced;          /* the model, new rows let in a few per frame */
  RnRowLimitModel    *limited;        /* the first rows until the first frame */
  GtkSingleSelection *selection;
  RnListLoader       *loader;         /* grows a search's column as it is scrolled */
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
  gboolean            all_rows;       /* the limit is lifted: the model is shown whole */
  gulong              after_paint_id;
  guint               grow_idle;
  GdkFrameClock      *frame_clock;
  guint               cursor;         /* last selected position */
  gulong              items_changed_id;
  GHashTable         *bound;          /* GtkListItem: the rows bound to widgets */
} Pane;

enum { PANE_LIST, PANE_RESULTS, N_PANES };

struct _RnItemListView
{
  GtkWidget           parent_instance;

  Pane                panes[N_PANES];
  Pane               *shown;
  RnImageCache       *images;
  gboolean            load_remote;
  int                 shortest_row;   /* px, of the rows drawn so far; 0 before */

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
  GtkScrolledWindow  *results_scroller;
  GtkListView        *results_view;
  AdwStatusPage      *empty_page;
};

enum {
  PROP_0,
  PROP_SELECTED_ITEM,
  PROP_SEARCH_MODE,
  N_PROPS
};

enum {
  SEARCH_CHANGED,
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RnItemListView, rn_item_list_view, GTK_TYPE_WIDGET)

/* GTK 4.8's list view keeps up to 200 row widgets around its anchor, and
 * makes them all as soon as it has a model; making one costs about 2 ms.
 * Until the first frame of a list is drawn the view sees only the rows a
 * window can show (as tall as the shortest row drawn so far, and no row
 * is under 50 px); then the rest is let in a few rows per idle, so the
 * other row widgets are made after the first frame, without a pause. A
 * search's results are drawn after a screenful of rows is made. */
#define ROWS_BEFORE_FIRST_FRAME 16
#define MIN_ROW_HEIGHT 50
#define ROWS_PER_IDLE 40
#define ROWS_KEPT_BY_GTK 200

static void update_more (Pane *p);

/* Every row is let in: an append below the rows shown, which keeps their
 * widgets, the selected row and the scroll position. */
static void
let_all_rows_in (Pane *p)
{
  g_clear_handle_id (&p->grow_idle, g_source_remove);
  p->all_rows = TRUE;
  rn_row_limit_model_set_limit (p->limited, RN_ROW_LIMIT_NONE);
  update_more (p);
}

static gboolean
grow_rows_cb (gpointer data)
{
  Pane *p = data;
  guint size = rn_row_limit_model_get_limit (p->limited);

  if (size >= ROWS_KEPT_BY_GTK)
    {
      p->grow_idle = 0;
      let_all_rows_in (p);
      return G_SOURCE_REMOVE;
    }
  rn_row_limit_model_set_limit (p->limited, size + ROWS_PER_IDLE);
  update_more (p);
  return G_SOURCE_CONTINUE;
}

static void
stop_waiting_for_frame (Pane *p)
{
  if (p->after_paint_id != 0)
    g_clear_signal_handler (&p->after_paint_id, p->frame_clock);
  g_clear_object (&p->frame_clock);
}

static void
lift_row_limit (Pane     *p,
                gboolean  now)
{
  stop_waiting_for_frame (p);
  if (p->all_rows)
    return;
  if (now)
    let_all_rows_in (p);
  else if (p->grow_idle == 0)
    p->grow_idle = g_idle_add_full (G_PRIORITY_LOW, grow_rows_cb, p, NULL);
}

/* The shortest row drawn so far: a list's first screenful needs no more
 * rows than fit at that height. */
static void
note_row_heights (Pane *p)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (p->list_view));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      int height = gtk_widget_get_height (row);

      if (gtk_widget_get_mapped (row) && height >= MIN_ROW_HEIGHT
          && (p->view->shortest_row == 0 || height < p->view->shortest_row))
        p->view->shortest_row = height;
    }
}

static void
on_after_paint (GdkFrameClock *clock,
                Pane          *p)
{
  note_row_heights (p);
  lift_row_limit (p, FALSE);
}

/* The limit goes after the next frame is drawn. */
static void
lift_row_limit_after_paint (Pane *p)
{
  GtkWidget *view = GTK_WIDGET (p->view);

  if (p->after_paint_id != 0 || p->all_rows || !gtk_widget_get_mapped (view))
    return;
  p->frame_clock = g_object_ref (gtk_widget_get_frame_clock (view));
  p->after_paint_id = g_signal_connect (p->frame_clock, "after-paint", G_CALLBACK (on_after_paint), p);
}

static void
rn_item_list_view_map (GtkWidget *widget)
{
  RnItemListView *self = RN_ITEM_LIST_VIEW (widget);

  GTK_WIDGET_CLASS (rn_item_list_view_parent_class)->map (widget);
  for (guint i = 0; i < N_PANES; i++)
    if (self->panes[i].grow_idle == 0)
      lift_row_limit_after_paint (&self->panes[i]);
}

static guint
rows_for_a_screen (Pane *p)
{
  int height = gtk_widget_get_height (GTK_WIDGET (p->view->stack));
  int row = MAX (p->view->shortest_row, MIN_ROW_HEIGHT);

  return height > 0 ? (guint) (height / row) + 1 : ROWS_BEFORE_FIRST_FRAME;
}

static guint
pane_n_items (Pane *p)
{
  return g_list_model_get_n_items (G_LIST_MODEL (p->paced));
}

/* The rows the list view keeps widgets for (RnPacedWindowFunc). */
static gboolean
pane_window (gpointer  data,
             guint    *first,
             guint    *last)
{
  Pane *p = data;
  GHashTableIter iter;
  gpointer item;

  if (!gtk_widget_get_mapped (GTK_WIDGET (p->list_view)) || g_hash_table_size (p->bound) == 0)
    return FALSE;
  *first = G_MAXUINT;
  *last = 0;
  g_hash_table_iter_init (&iter, p->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      guint position = gtk_list_item_get_position (item);

      if (position == GTK_INVALID_LIST_POSITION)
        continue;
      *first = MIN (*first, position);
      *last = MAX (*last, position);
    }
  return *first <= *last;
}

/* A search's column reads its next page as the list is scrolled near its
 * end (RnListLoader), not when GTK reads its last rows; and only once the
 * view shows all the rows it has. */
static void
update_more (Pane *p)
{
  gboolean all_shown = p->all_rows || rn_row_limit_model_get_limit (p->limited) >= pane_n_items (p);

  rn_list_loader_set_more (p->loader, all_shown && RN_IS_COLUMN (p->model)
                                      && !rn_column_get_complete (RN_COLUMN (p->model)));
}

static void
on_near_end_cb (RnListLoader *loader,
                Pane         *p)
{
  g_autoptr(GError) error = NULL;

  if (RN_IS_COLUMN (p->model) && rn_column_load_more (RN_COLUMN (p->model), &error) == 0 && error != NULL)
    g_warning ("Could not read more results: %s", error->message);
  update_more (p);
}

static void
update_stack (RnItemListView *self)
{
  const char *page = pane_n_items (self->shown) == 0 ? "empty"
                     : self->shown == &self->panes[PANE_LIST] ? "list" : "results";

  gtk_stack_set_visible_child_name (self->stack, page);
}

/* Connected before the selection model's own handler: when the whole list
 * is replaced, drop the selection first, or GtkSingleSelection would look
 * for the selected item among all the new rows (and so read every page of
 * a list of 100,000). */
static void
on_model_items_changed (Pane  *p,
                        guint  position,
                        guint  removed,
                        guint  added)
{
  if (position == 0 && removed > 0 && removed + added > 2 * 64)
    gtk_single_selection_set_selected (p->selection, GTK_INVALID_LIST_POSITION);
}

/* What the view shows changed. */
static void
on_paced_items_changed (Pane *p)
{
  if (p == p->view->shown)
    update_stack (p->view);
  update_more (p);
}

static void
on_selected_changed (Pane *p)
{
  guint pos = gtk_single_selection_get_selected (p->selection);

  if (pos != GTK_INVALID_LIST_POSITION)
    p->cursor = pos;
  if (p == p->view->shown)
    g_object_notify_by_pspec (G_OBJECT (p->view), properties[PROP_SELECTED_ITEM]);
}

static void
on_search_changed_cb (RnItemListView *self)
{
  g_signal_emit (self, signals[SEARCH_CHANGED], 0, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_activate_cb (RnItemListView *self)
{
  /* Enter in the search entry goes to the results. */
  if (pane_n_items (self->shown) > 0)
    {
      rn_item_list_view_select_position (self, 0);
      rn_item_list_view_focus_list (self);
    }
}

static void
on_stop_search_cb (RnItemListView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  rn_item_list_view_focus_list (self);
}

/* Only the list on show can be activated. */
static void
on_list_activate_cb (RnItemListView *self,
                     guint           position)
{
  rn_item_list_view_select_position (self, position);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              Pane                     *p)
{
  gtk_list_item_set_child (list_item, rn_item_row_new (p->view->images));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             Pane                     *p)
{
  RnStore *store = RN_IS_ITEM_LIST (p->model) ? rn_item_list_get_store (RN_ITEM_LIST (p->model))
                   : RN_IS_COLUMN (p->model) ? rn_column_get_store (RN_COLUMN (p->model)) : NULL;

  rn_item_row_bind (RN_ITEM_ROW (gtk_list_item_get_child (list_item)), gtk_list_item_get_item (list_item),
                    store, p->view->load_remote);
  if (p->bound != NULL)
    g_hash_table_add (p->bound, g_object_ref (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               Pane                     *p)
{
  /* The pane may be cleared before the list view lets its rows go. */
  if (p->bound != NULL)
    g_hash_table_remove (p->bound, list_item);
}

static void
pane_init (Pane              *p,
           RnItemListView    *view,
           GtkScrolledWindow *scroller,
           GtkListView       *list_view)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  p->view = view;
  p->scroller = scroller;
  p->list_view = list_view;
  p->cursor = GTK_INVALID_LIST_POSITION;
  /* Held: a row let go without an unbind only has no position. */
  p->bound = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  p->paced = rn_paced_model_new (pane_window, p);
  g_signal_connect_swapped (p->paced, "items-changed", G_CALLBACK (on_paced_items_changed), p);
  p->limited = rn_row_limit_model_new ();
  rn_row_limit_model_set_model (p->limited, NULL, ROWS_BEFORE_FIRST_FRAME);
  p->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (p->limited)));
  gtk_single_selection_set_autoselect (p->selection, FALSE);
  gtk_single_selection_set_can_unselect (p->selection, TRUE);
  g_signal_connect_swapped (p->selection, "notify::selected", G_CALLBACK (on_selected_changed), p);
  gtk_list_view_set_model (list_view, GTK_SELECTION_MODEL (p->selection));
  p->loader = rn_list_loader_new (scroller, G_LIST_MODEL (p->selection));
  g_signal_connect (p->loader, "near-end", G_CALLBACK (on_near_end_cb), p);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), p);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), p);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), p);
  gtk_list_view_set_factory (list_view, factory);
}

static void
pane_clear (Pane *p)
{
  if (p->model != NULL)
    g_clear_signal_handler (&p->items_changed_id, p->model);
  stop_waiting_for_frame (p);
  g_clear_handle_id (&p->grow_idle, g_source_remove);
  if (p->selection != NULL)
    g_signal_handlers_disconnect_by_data (p->selection, p);
  if (p->loader != NULL)
    g_signal_handlers_disconnect_by_data (p->loader, p);
  g_clear_object (&p->selection);
  g_clear_object (&p->limited);
  if (p->paced != NULL)
    g_signal_handlers_disconnect_by_data (p->paced, p);
  g_clear_object (&p->paced);
  g_clear_object (&p->loader);
  g_clear_object (&p->model);
  g_clear_pointer (&p->bound, g_hash_table_unref);
}

static void
pane_set_model (Pane       *p,
                GListModel *model)
{
  if (p->model != NULL)
    g_clear_signal_handler (&p->items_changed_id, p->model);
  /* Unselect before the swap, for the reason given above. */
  gtk_single_selection_set_selected (p->selection, GTK_INVALID_LIST_POSITION);
  g_set_object (&p->model, model);
  p->cursor = GTK_INVALID_LIST_POSITION;
  if (model != NULL)
    p->items_changed_id = g_signal_connect_swapped (model, "items-changed",
                                                    G_CALLBACK (on_model_items_changed), p);
  /* Empty the view first: with rows on screen, GTK 4.8's list item
   * manager looks through every added item for one it already shows.
   * Each new list starts behind the row limit again (see above). */
  g_clear_handle_id (&p->grow_idle, g_source_remove);
  gtk_single_selection_set_model (p->selection, NULL);
  rn_row_limit_model_set_model (p->limited, NULL, 0);
  rn_paced_model_set_source (p->paced, model);
  rn_row_limit_model_set_model (p->limited, G_LIST_MODEL (p->paced), rows_for_a_screen (p));
  gtk_single_selection_set_model (p->selection, G_LIST_MODEL (p->limited));
  p->all_rows = FALSE;
  lift_row_limit_after_paint (p);
  update_more (p);
  gtk_single_selection_set_selected (p->selection, GTK_INVALID_LIST_POSITION);
  /* A new place starts at the top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (p->scroller), 0);
}

/* GtkStack moves the keyboard focus along when it was in the list. */
static void
show_pane (RnItemListView *self,
           Pane           *p)
{
  gboolean changed = self->shown != p;

  self->shown = p;
  update_stack (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

static void
rn_item_list_view_dispose (GObject *object)
{
  RnItemListView *self = RN_ITEM_LIST_VIEW (object);

  for (guint i = 0; i < N_PANES; i++)
    pane_clear (&self->panes[i]);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_ITEM_LIST_VIEW);
  /* A template child without an id is not unparented by the above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->images);

  G_OBJECT_CLASS (rn_item_list_view_parent_class)->dispose (object);
}

static void
rn_item_list_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RnItemListView *self = RN_ITEM_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, rn_item_list_view_get_selected (self));
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, rn_item_list_view_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_item_list_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RnItemListView *self = RN_ITEM_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      rn_item_list_view_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_item_list_view_class_init (RnItemListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_item_list_view_dispose;
  object_class->get_property = rn_item_list_view_get_property;
  object_class->set_property = rn_item_list_view_set_property;

  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL, RN_TYPE_ITEM,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user typed a query (already debounced by GtkSearchEntry). */
  signals[SEARCH_CHANGED] =
    g_signal_new ("search-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Enter or a double click on an item. */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-item-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RnItemListView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RnItemListView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RnItemListView, stack);
  gtk_widget_class_bind_template_child (widget_class, RnItemListView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RnItemListView, list_view);
  gtk_widget_class_bind_template_child (widget_class, RnItemListView, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, RnItemListView, results_view);
  gtk_widget_class_bind_template_child (widget_class, RnItemListView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  widget_class->map = rn_item_list_view_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rnitemlistview");
}

static void
rn_item_list_view_init (RnItemListView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  pane_init (&self->panes[PANE_LIST], self, self->scroller, self->list_view);
  pane_init (&self->panes[PANE_RESULTS], self, self->results_scroller, self->results_view);
  self->shown = &self->panes[PANE_LIST];
  g_object_bind_property (self->search_bar, "search-mode-enabled", self, "search-mode", G_BINDING_BIDIRECTIONAL);
  update_stack (self);
}

void
rn_item_list_view_set_image_cache (RnItemListView *self,
                                   RnImageCache   *images)
{
  g_return_if_fail (RN_IS_ITEM_LIST_VIEW (self));
  g_set_object (&self->images, images);
}

void
rn_item_list_view_set_load_remote (RnItemListView *self,
                                   gboolean        load_remote)
{
  g_return_if_fail (RN_IS_ITEM_LIST_VIEW (self));
  self->load_remote = !!load_remote;
}

void
rn_item_list_view_set_model (RnItemListView *self,
                             RnItemList     *model)
{
  g_return_if_fail (RN_IS_ITEM_LIST_VIEW (self));
  g_return_if_fail (model == NULL || RN_IS_ITEM_LIST (model));

  pane_set_model (&self->panes[PANE_LIST], G_LIST_MODEL (model));
  update_stack (self);
}

void
rn_item_list_view_show_results (RnItemListView *self,
                                GListModel     *results)
{
  g_return_if_fail (RN_IS_ITEM_LIST_VIEW (self));
  g_return_if_fail (G_IS_LIST_MODEL (results) && g_list_model_get_item_type (results) == RN_TYPE_ITEM);

  pane_set_model (&self->panes[PANE_RESULTS], results);
  show_pane (self, &self->panes[PANE_RESULTS]);
}

void
rn_item_list_view_show_list (RnItemListView *self)
{
  g_return_if_fail (RN_IS_ITEM_LIST_VIEW (self));

  show_pane (self, &self->panes[PANE_LIST]);
  /* The results no longer follow the library once closed. */
  pane_set_model (&self->panes[PANE_RESULTS], NULL);
}

GListModel *
rn_item_list_view_get_model (RnItemListView *self)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), NULL);
  return self->shown->model;
}

void
rn_item_list_view_set_empty_state (RnItemListView *self,
                                   const char     *icon_name,
                                   const char     *title,
                                   const char     *description)
{
  g_return_if_fail (RN_IS_ITEM_LIST_VIEW (self));
  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

RnItem *
rn_item_list_view_get_selected (RnItemListView *self)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), NULL);
  return gtk_single_selection_get_selected_item (self->shown->selection);
}

guint
rn_item_list_view_get_selected_position (RnItemListView *self)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), GTK_INVALID_LIST_POSITION);
  return gtk_single_selection_get_selected (self->shown->selection);
}

/* Makes the row at @position part of the view (past the first-frame row
 * limit if need be); FALSE when the list has no such row. */
static gboolean
reach_position (Pane  *p,
                guint  position)
{
  if (position >= pane_n_items (p))
    return FALSE;
  if (!p->all_rows && position >= rn_row_limit_model_get_limit (p->limited))
    lift_row_limit (p, TRUE);
  return TRUE;
}

static void
scroll_to (Pane  *p,
           guint  position)
{
  /* gtk_list_view_scroll_to() is GTK 4.12; the list's own action works on 4.8. */
  gtk_widget_activate_action (GTK_WIDGET (p->list_view), "list.scroll-to-item", "u", position);
}

gboolean
rn_item_list_view_select_position (RnItemListView *self,
                                   guint           position)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), FALSE);
  if (!reach_position (self->shown, position))
    return FALSE;
  gtk_single_selection_set_selected (self->shown->selection, position);
  scroll_to (self->shown, position);
  return TRUE;
}

gboolean
rn_item_list_view_scroll_to_position (RnItemListView *self,
                                      guint           position)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), FALSE);
  if (!reach_position (self->shown, position))
    return FALSE;
  scroll_to (self->shown, position);
  return TRUE;
}

gboolean
rn_item_list_view_select_offset (RnItemListView *self,
                                 int             delta)
{
  guint pos, n, target, cursor;

  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), FALSE);
  n = pane_n_items (self->shown);
  cursor = self->shown->cursor;
  if (n == 0)
    return FALSE;

  pos = gtk_single_selection_get_selected (self->shown->selection);
  if (pos == GTK_INVALID_LIST_POSITION)
    {
      /* Nothing selected: start at the top, or where the last selected
       * item was (it left the list: the next one took its place). */
      if (cursor == GTK_INVALID_LIST_POSITION)
        target = delta > 0 ? 0 : n - 1;
      else if (delta > 0)
        target = MIN (cursor, n - 1);
      else
        target = cursor > 0 ? MIN (cursor - 1, n - 1) : 0;
    }
  else if (delta < 0 && pos < (guint) -delta)
    return FALSE;
  else
    target = pos + delta;
  if (target >= n)
    return FALSE;
  return rn_item_list_view_select_position (self, target);
}

void
rn_item_list_view_set_search_mode (RnItemListView *self,
                                   gboolean        search_mode)
{
  g_return_if_fail (RN_IS_ITEM_LIST_VIEW (self));

  search_mode = !!search_mode;
  if (gtk_search_bar_get_search_mode (self->search_bar) != search_mode)
    gtk_search_bar_set_search_mode (self->search_bar, search_mode);
  if (search_mode)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

gboolean
rn_item_list_view_get_search_mode (RnItemListView *self)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

const char *
rn_item_list_view_get_search_text (RnItemListView *self)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

void
rn_item_list_view_set_search_text (RnItemListView *self,
                                   const char     *text)
{
  g_return_if_fail (RN_IS_ITEM_LIST_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

void
rn_item_list_view_focus_list (RnItemListView *self)
{
  g_return_if_fail (RN_IS_ITEM_LIST_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->shown->list_view));
}

GtkAdjustment *
rn_item_list_view_get_vadjustment (RnItemListView *self)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), NULL);
  return gtk_scrolled_window_get_vadjustment (self->shown->scroller);
}
