/* rn-item-list-view.c: GtkListView over an RnItemList. The view keeps a
 * cursor position so that "next item" still works after the selected item
 * left a filtered list (read in Unread). */
#define G_LOG_DOMAIN "rn-item-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-item-list-view.h"
#include "rn-item-row.h"
#include "rn-list-loader.h"
#include "search/rn-column.h"

struct _RnItemListView
{
  GtkWidget           parent_instance;

  GListModel         *model;          /* RnItemList, or a search's RnColumn */
  GtkSliceListModel  *slice;         /* the first rows until the first frame */
  RnListLoader       *loader;        /* grows a search's column as it is scrolled */
  gboolean            all_rows;      /* the slice is out: the model is shown whole */
  GtkSingleSelection *selection;
  gulong              after_paint_id;
  guint               grow_idle;
  GdkFrameClock      *frame_clock;
  RnImageCache       *images;
  gboolean            load_remote;
  guint               cursor;        /* last selected position */
  gulong              items_changed_id;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
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
 * window can show (the shortest row, a title and its source, is over
 * 50 px high); then the rest is let in a few rows per idle, so the other
 * row widgets are made after the first frame, without a pause. A
 * search's results are drawn after a screenful of rows is made. */
#define ROWS_BEFORE_FIRST_FRAME 16
#define MIN_ROW_HEIGHT 50
#define ROWS_PER_IDLE 40
#define ROWS_KEPT_BY_GTK 200

static void on_selected_changed (RnItemListView *self);
static void update_more (RnItemListView *self);

/* Every row is let in: the slice leaves the chain for good. GTK's slice
 * model reports an insertion as a change of every row after it
 * (position, n - position, n - position + 1), and GTK 4.8's list view then
 * reads each of those rows looking for widgets to keep: one new item at the
 * top of a library of 2,000,000 items read the whole library. The swap goes
 * through an empty model, as in set_list_model(), and keeps the selected
 * row and the scroll position. */
static void
let_all_rows_in (RnItemListView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  guint selected = gtk_single_selection_get_selected (self->selection);
  double value = gtk_adjustment_get_value (adj);

  g_clear_handle_id (&self->grow_idle, g_source_remove);
  self->all_rows = TRUE;
  g_signal_handlers_block_by_func (self->selection, on_selected_changed, self);
  gtk_single_selection_set_model (self->selection, NULL);
  gtk_slice_list_model_set_model (self->slice, NULL);
  gtk_single_selection_set_model (self->selection, self->model);
  gtk_single_selection_set_selected (self->selection, selected);
  g_signal_handlers_unblock_by_func (self->selection, on_selected_changed, self);
  if (gtk_single_selection_get_selected (self->selection) != selected)
    on_selected_changed (self);
  gtk_adjustment_set_value (adj, value);
  update_more (self);
}

static gboolean
grow_rows_cb (gpointer data)
{
  RnItemListView *self = data;
  guint size = gtk_slice_list_model_get_size (self->slice);

  if (size >= ROWS_KEPT_BY_GTK)
    {
      self->grow_idle = 0;
      let_all_rows_in (self);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->slice, size + ROWS_PER_IDLE);
  update_more (self);
  return G_SOURCE_CONTINUE;
}

static void
lift_row_limit (RnItemListView *self,
                gboolean        now)
{
  if (self->after_paint_id != 0)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  if (self->all_rows)
    return;
  if (now)
    let_all_rows_in (self);
  else if (self->grow_idle == 0)
    self->grow_idle = g_idle_add_full (G_PRIORITY_LOW, grow_rows_cb, self, NULL);
}

static void
on_after_paint (GdkFrameClock  *clock,
                RnItemListView *self)
{
  lift_row_limit (self, FALSE);
}

/* The limit goes after the next frame is drawn. */
static void
lift_row_limit_after_paint (RnItemListView *self)
{
  if (self->after_paint_id != 0 || self->all_rows || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint", G_CALLBACK (on_after_paint), self);
}

static void
rn_item_list_view_map (GtkWidget *widget)
{
  RnItemListView *self = RN_ITEM_LIST_VIEW (widget);

  GTK_WIDGET_CLASS (rn_item_list_view_parent_class)->map (widget);
  if (self->grow_idle == 0)
    lift_row_limit_after_paint (self);
}

static guint
rows_for_a_screen (RnItemListView *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->scroller));

  return height > 0 ? (guint) height / MIN_ROW_HEIGHT + 1 : ROWS_BEFORE_FIRST_FRAME;
}

/* A search's column reads its next page as the list is scrolled near its
 * end (RnListLoader), not when GTK reads its last rows; and only once the
 * view shows all the rows it has. */
static void
update_more (RnItemListView *self)
{
  gboolean all_shown = self->all_rows
                       || (self->model != NULL && gtk_slice_list_model_get_size (self->slice) >= g_list_model_get_n_items (self->model));

  rn_list_loader_set_more (self->loader, all_shown && RN_IS_COLUMN (self->model)
                                         && !rn_column_get_complete (RN_COLUMN (self->model)));
}

static void
on_near_end_cb (RnListLoader   *loader,
                RnItemListView *self)
{
  g_autoptr(GError) error = NULL;

  if (RN_IS_COLUMN (self->model) && rn_column_load_more (RN_COLUMN (self->model), &error) == 0 && error != NULL)
    g_warning ("Could not read more results: %s", error->message);
  update_more (self);
}

static void
update_empty (RnItemListView *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

/* Connected before the selection model's own handler: when the whole list
 * is replaced, drop the selection first, or GtkSingleSelection would look
 * for the selected item among all the new rows (and so read every page of
 * a list of 100,000). */
static void
on_model_items_changed (RnItemListView *self,
                        guint           position,
                        guint           removed,
                        guint           added)
{
  if (position == 0 && removed > 0 && removed + added > 2 * 64)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_empty (self);
  update_more (self);
}

static void
on_selected_changed (RnItemListView *self)
{
  guint pos = gtk_single_selection_get_selected (self->selection);

  if (pos != GTK_INVALID_LIST_POSITION)
    self->cursor = pos;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
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
  if (self->model != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
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
              RnItemListView           *self)
{
  gtk_list_item_set_child (list_item, rn_item_row_new (self->images));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             RnItemListView           *self)
{
  RnStore *store = RN_IS_ITEM_LIST (self->model) ? rn_item_list_get_store (RN_ITEM_LIST (self->model))
                   : RN_IS_COLUMN (self->model) ? rn_column_get_store (RN_COLUMN (self->model)) : NULL;

  rn_item_row_bind (RN_ITEM_ROW (gtk_list_item_get_child (list_item)), gtk_list_item_get_item (list_item),
                    store, self->load_remote);
}

static void
rn_item_list_view_dispose (GObject *object)
{
  RnItemListView *self = RN_ITEM_LIST_VIEW (object);

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  if (self->after_paint_id != 0)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  g_clear_handle_id (&self->grow_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_ITEM_LIST_VIEW);
  /* A template child without an id is not unparented by the above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->loader);
  g_clear_object (&self->model);
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
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->slice = gtk_slice_list_model_new (NULL, 0, ROWS_BEFORE_FIRST_FRAME);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slice)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  self->loader = rn_list_loader_new (self->scroller, G_LIST_MODEL (self->selection));
  g_signal_connect (self->loader, "near-end", G_CALLBACK (on_near_end_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  g_object_bind_property (self->search_bar, "search-mode-enabled", self, "search-mode", G_BINDING_BIDIRECTIONAL);
  update_empty (self);
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
  rn_item_list_view_set_list_model (self, G_LIST_MODEL (model));
}

void
rn_item_list_view_set_list_model (RnItemListView *self,
                                  GListModel     *model)
{
  g_return_if_fail (RN_IS_ITEM_LIST_VIEW (self));
  g_return_if_fail (model == NULL || g_list_model_get_item_type (model) == RN_TYPE_ITEM);

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  /* Unselect before the swap, for the reason given above. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_set_object (&self->model, model);
  self->cursor = GTK_INVALID_LIST_POSITION;
  if (model != NULL)
    self->items_changed_id = g_signal_connect_swapped (model, "items-changed",
                                                       G_CALLBACK (on_model_items_changed), self);
  /* Empty the view first: with rows on screen, GTK 4.8's list item
   * manager looks through every added item for one it already shows.
   * Each new list starts behind the row limit again (see above). */
  g_clear_handle_id (&self->grow_idle, g_source_remove);
  gtk_single_selection_set_model (self->selection, NULL);
  gtk_slice_list_model_set_model (self->slice, NULL);
  gtk_slice_list_model_set_size (self->slice, rows_for_a_screen (self));
  gtk_slice_list_model_set_model (self->slice, model);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->slice));
  self->all_rows = FALSE;
  lift_row_limit_after_paint (self);
  update_more (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* A new place starts at the top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  update_empty (self);
}

GListModel *
rn_item_list_view_get_model (RnItemListView *self)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), NULL);
  return self->model;
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
  return gtk_single_selection_get_selected_item (self->selection);
}

guint
rn_item_list_view_get_selected_position (RnItemListView *self)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), GTK_INVALID_LIST_POSITION);
  return gtk_single_selection_get_selected (self->selection);
}

/* Makes the row at @position part of the view (past the first-frame row
 * limit if need be); FALSE when the list has no such row. */
static gboolean
reach_position (RnItemListView *self,
                guint           position)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  if (position >= n)
    return FALSE;
  if (!self->all_rows && position >= gtk_slice_list_model_get_size (self->slice))
    lift_row_limit (self, TRUE);
  return TRUE;
}

static void
scroll_to (RnItemListView *self,
           guint           position)
{
  /* gtk_list_view_scroll_to() is GTK 4.12; the list's own action works on 4.8. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

gboolean
rn_item_list_view_select_position (RnItemListView *self,
                                   guint           position)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), FALSE);
  if (!reach_position (self, position))
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to (self, position);
  return TRUE;
}

gboolean
rn_item_list_view_scroll_to_position (RnItemListView *self,
                                      guint           position)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), FALSE);
  if (!reach_position (self, position))
    return FALSE;
  scroll_to (self, position);
  return TRUE;
}

gboolean
rn_item_list_view_select_offset (RnItemListView *self,
                                 int             delta)
{
  guint pos, n, target;

  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), FALSE);
  n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  if (n == 0)
    return FALSE;

  pos = gtk_single_selection_get_selected (self->selection);
  if (pos == GTK_INVALID_LIST_POSITION)
    {
      /* Nothing selected: start at the top, or where the last selected
       * item was (it left the list: the next one took its place). */
      if (self->cursor == GTK_INVALID_LIST_POSITION)
        target = delta > 0 ? 0 : n - 1;
      else if (delta > 0)
        target = MIN (self->cursor, n - 1);
      else
        target = self->cursor > 0 ? MIN (self->cursor - 1, n - 1) : 0;
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
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

GtkAdjustment *
rn_item_list_view_get_vadjustment (RnItemListView *self)
{
  g_return_val_if_fail (RN_IS_ITEM_LIST_VIEW (self), NULL);
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}
