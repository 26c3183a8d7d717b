/* rn-column-view.c: a column of the deck. Its menu's actions (column.*)
 * change the column directly (sort, notifications, moves) or ask the deck
 * (edit, remove: dialogs and the undo toast belong to the deck). */
#define G_LOG_DOMAIN "rn-deck"

#include "config.h"

#include <glib/gi18n.h>

#include "items/rn-item-row.h"
#include "items/rn-list-loader.h"
#include "rn-column-view.h"

struct _RnColumnView
{
  GtkWidget           parent_instance;

  RnColumnStore      *columns;
  RnColumn           *column;
  RnImageCache       *images;
  GtkSingleSelection *selection;
  RnListLoader       *loader;

  /* template */
  GtkWidget          *box;
  GtkLabel           *name_label;
  GtkLabel           *count_label;
  GtkWidget          *notify_icon;
  GtkMenuButton      *menu_button;
  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
};

enum
{
  PROP_0,
  PROP_SORT,
  PROP_NOTIFY,
  PROP_SELECTED_ITEM,
  N_PROPS
};

enum
{
  EDIT,
  REMOVE,
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RnColumnView, rn_column_view, GTK_TYPE_WIDGET)

static void
update_header (RnColumnView *self)
{
  guint unread = rn_column_get_unread_count (self->column);
  g_autofree char *count = NULL;
  g_autofree char *a11y = NULL;

  gtk_label_set_label (self->name_label, rn_column_get_name (self->column));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), rn_column_get_query (self->column));
  if (unread >= RN_COLUMN_UNREAD_CAP)
    count = g_strdup_printf (_("%u+ unread"), RN_COLUMN_UNREAD_CAP);
  else if (unread > 0)
    count = g_strdup_printf (ngettext ("%u unread", "%u unread", unread), unread);
  else
    count = g_strdup (_("All read"));
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (self->notify_icon, rn_column_get_notify (self->column));

  /* Translators: accessible name of a column: its name and unread count */
  a11y = g_strdup_printf (_("Column %s, %s"), rn_column_get_name (self->column), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rn_column_get_name (self->column), -1);
}

static void
update_empty (RnColumnView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->column));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
update_move_actions (RnColumnView *self)
{
  int index = rn_column_store_index_of (self->columns, self->column);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->columns));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.move-left", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.move-right", index >= 0 && (guint) index + 1 < n);
}

static void
on_column_notify (RnColumnView *self,
                  GParamSpec   *pspec)
{
  update_header (self);
  if (g_str_equal (pspec->name, "sort"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
  else if (g_str_equal (pspec->name, "notify"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY]);
}

static void
on_selected_changed (RnColumnView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

static void
on_list_activate_cb (RnColumnView *self,
                     guint         position)
{
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              RnColumnView             *self)
{
  gtk_list_item_set_child (list_item, rn_item_row_new (self->images));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             RnColumnView             *self)
{
  RnItem *item = gtk_list_item_get_item (list_item);

  /* A row deleted under us (the column reloads on feeds-changed). */
  if (item != NULL)
    rn_item_row_bind (RN_ITEM_ROW (gtk_list_item_get_child (list_item)), item,
                      rn_column_get_store (self->column), FALSE);
}

/* ---- actions ------------------------------------------------------------ */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  int what = g_str_equal (action_name, "column.rename") ? 1
           : g_str_equal (action_name, "column.filters") ? 2 : 0;

  g_signal_emit (widget, signals[EDIT], 0, what);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RnColumnView *self = RN_COLUMN_VIEW (widget);
  g_autoptr(GError) error = NULL;
  int index = rn_column_store_index_of (self->columns, self->column);
  int to = index + (g_str_equal (action_name, "column.move-left") ? -1 : 1);

  if (index < 0 || to < 0 || (guint) to >= g_list_model_get_n_items (G_LIST_MODEL (self->columns)))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (!rn_column_store_move (self->columns, self->column, (guint) to, &error))
    g_warning ("Could not move the column: %s", error->message);
}

/* ---- GObject ------------------------------------------------------------ */

/* The column reads its next page as the list is scrolled near its end. */
static void
update_more (RnColumnView *self)
{
  rn_list_loader_set_more (self->loader, !rn_column_get_complete (self->column));
}

static void
on_near_end_cb (RnColumnView *self)
{
  g_autoptr(GError) error = NULL;

  if (rn_column_load_more (self->column, &error) == 0 && error != NULL)
    g_warning ("Column “%s”: %s", rn_column_get_name (self->column), error->message);
  update_more (self);
}

static void
rn_column_view_dispose (GObject *object)
{
  RnColumnView *self = RN_COLUMN_VIEW (object);

  g_clear_object (&self->loader);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_COLUMN_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->column);
  g_clear_object (&self->columns);
  g_clear_object (&self->images);

  G_OBJECT_CLASS (rn_column_view_parent_class)->dispose (object);
}

static void
rn_column_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RnColumnView *self = RN_COLUMN_VIEW (object);

  switch (prop_id)
    {
    case PROP_SORT:
      g_value_set_string (value, self->column != NULL
                          ? rn_column_sort_to_string (rn_column_get_sort (self->column)) : "newest");
      break;
    case PROP_NOTIFY:
      g_value_set_boolean (value, self->column != NULL && rn_column_get_notify (self->column));
      break;
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, rn_column_view_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_column_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RnColumnView *self = RN_COLUMN_VIEW (object);
  RnQuerySort sort;

  switch (prop_id)
    {
    case PROP_SORT:
      if (self->column != NULL && rn_column_sort_from_string (g_value_get_string (value), &sort))
        rn_column_set_sort (self->column, sort);
      break;
    case PROP_NOTIFY:
      if (self->column != NULL)
        rn_column_set_notify (self->column, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_column_view_class_init (RnColumnViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_column_view_dispose;
  object_class->get_property = rn_column_view_get_property;
  object_class->set_property = rn_column_view_set_property;

  properties[PROP_SORT] = g_param_spec_string ("sort", NULL, NULL, "newest",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTIFY] = g_param_spec_boolean ("notify", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ITEM] = g_param_spec_object ("selected-item", NULL, NULL, RN_TYPE_ITEM,
                                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* edit (what: 0 query, 1 name, 2 filters) */
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-column-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RnColumnView, box);
  gtk_widget_class_bind_template_child (widget_class, RnColumnView, name_label);
  gtk_widget_class_bind_template_child (widget_class, RnColumnView, count_label);
  gtk_widget_class_bind_template_child (widget_class, RnColumnView, notify_icon);
  gtk_widget_class_bind_template_child (widget_class, RnColumnView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RnColumnView, stack);
  gtk_widget_class_bind_template_child (widget_class, RnColumnView, list_view);
  gtk_widget_class_bind_template_child (widget_class, RnColumnView, scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_install_action (widget_class, "column.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "column.rename", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "column.filters", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "column.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "column.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "column.move-right", NULL, move_action);
  gtk_widget_class_install_property_action (widget_class, "column.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "column.notify", "notify");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "column.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK, "column.remove", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rncolumnview");
}

static void
rn_column_view_init (RnColumnView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
}

GtkWidget *
rn_column_view_new (RnColumnStore *columns,
                    RnColumn      *column,
                    RnImageCache  *images)
{
  RnColumnView *self;

  g_return_val_if_fail (RN_IS_COLUMN_STORE (columns), NULL);
  g_return_val_if_fail (RN_IS_COLUMN (column), NULL);

  self = g_object_new (RN_TYPE_COLUMN_VIEW, NULL);
  self->columns = g_object_ref (columns);
  self->column = g_object_ref (column);
  self->images = images != NULL ? g_object_ref (images) : NULL;

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (column)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_changed), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  self->loader = rn_list_loader_new (self->scroller, G_LIST_MODEL (self->selection));
  g_signal_connect_object (self->loader, "near-end", G_CALLBACK (on_near_end_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (column, "items-changed", G_CALLBACK (update_more), self, G_CONNECT_SWAPPED);
  update_more (self);

  g_signal_connect_object (column, "notify", G_CALLBACK (on_column_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (column, "items-changed", G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (columns, "items-changed", G_CALLBACK (update_move_actions), self, G_CONNECT_SWAPPED);
  gtk_widget_set_size_request (GTK_WIDGET (self), rn_column_get_width (column), -1);
  update_header (self);
  update_empty (self);
  update_move_actions (self);
  return GTK_WIDGET (self);
}

RnColumn *
rn_column_view_get_column (RnColumnView *self)
{
  g_return_val_if_fail (RN_IS_COLUMN_VIEW (self), NULL);
  return self->column;
}

RnItem *
rn_column_view_get_selected (RnColumnView *self)
{
  g_return_val_if_fail (RN_IS_COLUMN_VIEW (self), NULL);
  return self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

void
rn_column_view_focus_list (RnColumnView *self)
{
  g_return_if_fail (RN_IS_COLUMN_VIEW (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->column)) == 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->menu_button));
      return;
    }
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

gboolean
rn_column_view_select_offset (RnColumnView *self,
                              int           delta)
{
  guint n, pos;
  gint64 next;

  g_return_val_if_fail (RN_IS_COLUMN_VIEW (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->column));
  pos = gtk_single_selection_get_selected (self->selection);
  next = pos == GTK_INVALID_LIST_POSITION ? 0 : (gint64) pos + delta;
  if (n == 0 || next < 0 || next >= n)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, (guint) next);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) next);
  return TRUE;
}
