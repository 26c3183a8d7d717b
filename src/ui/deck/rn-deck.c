/* rn-deck.c: the columns, side by side or one at a time. */
#define G_LOG_DOMAIN "rn-deck"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-column-editor.h"
#include "rn-column-view.h"
#include "rn-deck.h"
#include "search/rn-account-search.h"
#include "search/rn-column-notify.h"

#define NOTIFY_QUIET_MS 2000

struct _RnDeck
{
  GtkWidget         parent_instance;

  RnColumnStore    *columns;
  RnColumnNotifier *notifier;
  RnImageCache     *images;
  GHashTable       *views;        /* RnColumn → RnColumnView (owned ref) */
  gboolean          narrow;
  guint             mode_idle_id;
  int               focus_index;
  RnItem           *selected;
  RnColumn         *removed;      /* for undo */
  guint             removed_position;
  AdwToast         *undo_toast;
  RnHttp           *http;         /* for the columns' remote results */
  RnCredentials    *credentials;
  GCancellable     *cancellable;

  /* template */
  GtkStack         *stack;
  GtkScrolledWindow *scroller;
  GtkBox           *row;
  AdwCarousel      *carousel;
};

enum
{
  PROP_0,
  PROP_SELECTED_ITEM,
  PROP_NARROW,
  N_PROPS
};

enum
{
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RnDeck, rn_deck, GTK_TYPE_WIDGET)

static RnColumnView *
view_at (RnDeck *self,
         guint   index)
{
  g_autoptr(RnColumn) column = NULL;

  if (self->columns == NULL)
    return NULL;
  column = g_list_model_get_item (G_LIST_MODEL (self->columns), index);
  return column != NULL ? g_hash_table_lookup (self->views, column) : NULL;
}

static guint
n_columns (RnDeck *self)
{
  return self->columns != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->columns)) : 0;
}

/* Takes every view out of both containers. */
static void
detach_views (RnDeck *self)
{
  GHashTableIter iter;
  GtkWidget *view;

  g_hash_table_iter_init (&iter, self->views);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &view))
    {
      GtkWidget *parent = gtk_widget_get_parent (view);

      if (parent == GTK_WIDGET (self->row))
        gtk_box_remove (self->row, view);
      else if (parent != NULL)
        adw_carousel_remove (self->carousel, view);
    }
}

/* Puts the views, in order, into the container of the current mode. */
static void
layout_views (RnDeck *self)
{
  guint n = n_columns (self);
  GtkWidget *focus = gtk_widget_get_root (GTK_WIDGET (self)) != NULL
                   ? gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self))) : NULL;
  int focus_index = self->focus_index;

  detach_views (self);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *view = GTK_WIDGET (view_at (self, i));

      if (self->narrow)
        {
          gtk_widget_set_hexpand (view, TRUE);
          adw_carousel_append (self->carousel, view);
        }
      else
        {
          gtk_widget_set_hexpand (view, FALSE);
          gtk_box_append (self->row, view);
          if (i + 1 < n)
            gtk_box_append (self->row, g_object_new (GTK_TYPE_SEPARATOR,
                                                     "orientation", GTK_ORIENTATION_VERTICAL, NULL));
        }
    }
  gtk_stack_set_visible_child_name (self->stack, n == 0 ? "empty" : self->narrow ? "narrow" : "wide");
  if (n > 0 && focus_index >= 0)
    {
      self->focus_index = MIN (focus_index, (int) n - 1);
      if (self->narrow)
        adw_carousel_scroll_to (self->carousel, GTK_WIDGET (view_at (self, self->focus_index)), FALSE);
    }
  /* Moving a widget drops the focus inside it: put it back. */
  if (focus != NULL && gtk_widget_get_root (focus) == NULL && self->focus_index >= 0)
    rn_deck_focus_column (self, self->focus_index);
}

static void
remove_separators (RnDeck *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->row));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_SEPARATOR (child))
        gtk_box_remove (self->row, child);
      child = next;
    }
}

static void
on_view_selected (RnDeck       *self,
                  GParamSpec   *pspec,
                  RnColumnView *view)
{
  RnItem *item = rn_column_view_get_selected (view);

  if (item == NULL)
    return;
  self->focus_index = rn_column_store_index_of (self->columns, rn_column_view_get_column (view));
  if (g_set_object (&self->selected, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

static void
on_view_activated (RnDeck       *self,
                   RnColumnView *view)
{
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0);
}

static void
on_view_edit (RnDeck       *self,
              int           what,
              RnColumnView *view)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RnColumnEditor *editor = rn_column_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                 self->columns, rn_column_view_get_column (view),
                                                 NULL, NULL, (RnColumnEditorFocus) what);

  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_view_remove (RnDeck       *self,
                RnColumnView *view)
{
  g_autoptr(GError) error = NULL;

  if (!rn_deck_remove_column (self, rn_column_view_get_column (view), &error))
    g_warning ("Could not remove the column: %s", error->message);
}

static void
on_columns_changed (RnDeck *self)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  RnColumn *column;
  GtkWidget *view;
  guint n = n_columns (self);

  remove_separators (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RnColumn) c = g_list_model_get_item (G_LIST_MODEL (self->columns), i);

      g_hash_table_add (keep, c);
      if (g_hash_table_contains (self->views, c))
        continue;
      view = rn_column_view_new (self->columns, c, self->images);
      g_signal_connect_object (view, "notify::selected-item", G_CALLBACK (on_view_selected), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "item-activated", G_CALLBACK (on_view_activated), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "edit", G_CALLBACK (on_view_edit), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "remove", G_CALLBACK (on_view_remove), self, G_CONNECT_SWAPPED);
      g_hash_table_insert (self->views, g_object_ref (c), g_object_ref_sink (view));
    }
  /* Views of columns that went. */
  detach_views (self);
  g_hash_table_iter_init (&iter, self->views);
  while (g_hash_table_iter_next (&iter, (gpointer *) &column, (gpointer *) &view))
    if (!g_hash_table_contains (keep, column))
      g_hash_table_iter_remove (&iter);
  layout_views (self);
}

/* ---- notifications ------------------------------------------------------ */

static void
on_notices (RnDeck           *self,
            GPtrArray        *notices,
            RnColumnNotifier *notifier)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GApplication *app = GTK_IS_WINDOW (root) ? G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root))) : NULL;

  if (app == NULL)
    return;
  for (guint i = 0; i < notices->len; i++)
    {
      RnColumnNotice *notice = g_ptr_array_index (notices, i);
      g_autoptr(GNotification) n = NULL;
      g_autofree char *title = rn_column_notice_dup_title (notice);
      g_autofree char *body = rn_column_notice_dup_body (notice);
      g_autofree char *id = g_strdup_printf ("column-%" G_GINT64_FORMAT, notice->column_id);

      n = g_notification_new (title);
      g_notification_set_body (n, body);
      /* One per column: a newer one replaces the last. */
      g_application_send_notification (app, id, n);
    }
}

/* ---- size: wide or narrow ----------------------------------------------- */

static gboolean
on_mode_idle (gpointer data)
{
  RnDeck *self = data;
  gboolean narrow = gtk_widget_get_width (GTK_WIDGET (self)) < RN_DECK_NARROW_WIDTH;

  self->mode_idle_id = 0;
  if (narrow == self->narrow)
    return G_SOURCE_REMOVE;
  self->narrow = narrow;
  layout_views (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
  return G_SOURCE_REMOVE;
}

static void
rn_deck_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  RnDeck *self = RN_DECK (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural, NULL, NULL);
  /* The row scrolls: the deck needs no more than one column, but would
   * like all of them side by side, in either mode (or narrow would
   * never ask to become wide again). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int want = 0;

      for (guint i = 0; i < n_columns (self); i++)
        {
          RnColumnView *view = view_at (self, i);

          want += rn_column_get_width (rn_column_view_get_column (view)) + (i > 0 ? 1 : 0);
        }
      *minimum = MIN (*minimum, 300);
      *natural = MAX (*natural, want);
    }
}

static void
rn_deck_size_allocate (GtkWidget *widget,
                       int        width,
                       int        height,
                       int        baseline)
{
  RnDeck *self = RN_DECK (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  /* Changing children is not allowed while allocating: next turn. */
  if ((width < RN_DECK_NARROW_WIDTH) != self->narrow && self->mode_idle_id == 0)
    self->mode_idle_id = g_idle_add (on_mode_idle, self);
}

/* ---- actions ------------------------------------------------------------ */

static void
add_column_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  rn_deck_edit_column (RN_DECK (widget), NULL, NULL, NULL);
}

/* Follows the focus: the column that has it, else the one last used. */
static int
current_index (RnDeck *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *view = focus != NULL ? gtk_widget_get_ancestor (focus, RN_TYPE_COLUMN_VIEW) : NULL;

  if (view != NULL)
    return rn_column_store_index_of (self->columns, rn_column_view_get_column (RN_COLUMN_VIEW (view)));
  if (self->narrow && n_columns (self) > 0)
    return (int) adw_carousel_get_position (self->carousel);
  return self->focus_index;
}

static void
focus_move_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RnDeck *self = RN_DECK (widget);
  int delta = g_str_equal (action_name, "deck.focus-next") ? 1 : -1;
  int index = current_index (self);
  int next = index < 0 ? 0 : index + delta;

  g_debug ("Focus %s: from column %d to %d", action_name, index, next);

  if (next < 0 || (guint) next >= n_columns (self) || !rn_deck_focus_column (self, (guint) next))
    gtk_widget_error_bell (widget);
}

/* ---- GObject ------------------------------------------------------------ */

static void
rn_deck_dispose (GObject *object)
{
  RnDeck *self = RN_DECK (object);

  g_clear_handle_id (&self->mode_idle_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->http);
  g_clear_object (&self->credentials);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
  if (self->views != NULL)
    {
      detach_views (self);
      g_clear_pointer (&self->views, g_hash_table_unref);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_DECK);
  g_clear_object (&self->notifier);
  g_clear_object (&self->columns);
  g_clear_object (&self->images);
  g_clear_object (&self->selected);
  g_clear_object (&self->removed);

  G_OBJECT_CLASS (rn_deck_parent_class)->dispose (object);
}

static void
rn_deck_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RnDeck *self = RN_DECK (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, self->selected);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_deck_class_init (RnDeckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_deck_dispose;
  object_class->get_property = rn_deck_get_property;
  widget_class->measure = rn_deck_measure;
  widget_class->size_allocate = rn_deck_size_allocate;

  properties[PROP_SELECTED_ITEM] = g_param_spec_object ("selected-item", NULL, NULL, RN_TYPE_ITEM,
                                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NARROW] = g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RN_TYPE_COLUMN_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-deck.ui");
  gtk_widget_class_bind_template_child (widget_class, RnDeck, stack);
  gtk_widget_class_bind_template_child (widget_class, RnDeck, scroller);
  gtk_widget_class_bind_template_child (widget_class, RnDeck, row);
  gtk_widget_class_bind_template_child (widget_class, RnDeck, carousel);

  gtk_widget_class_install_action (widget_class, "deck.add-column", NULL, add_column_action);
  gtk_widget_class_install_action (widget_class, "deck.focus-next", NULL, focus_move_action);
  gtk_widget_class_install_action (widget_class, "deck.focus-previous", NULL, focus_move_action);
  gtk_widget_class_set_css_name (widget_class, "rndeck");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rn_deck_init (RnDeck *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->views = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->focus_index = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the capture phase: the lists would otherwise take Ctrl+Left/Right
   * for their own cursor movement before the deck sees them. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, GDK_CONTROL_MASK),
                      gtk_named_action_new ("deck.focus-next")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_CONTROL_MASK),
                      gtk_named_action_new ("deck.focus-previous")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

void
rn_deck_set_store (RnDeck       *self,
                   RnStore      *store,
                   RnImageCache *images)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RN_IS_DECK (self));
  g_return_if_fail (RN_IS_STORE (store));
  g_return_if_fail (self->columns == NULL);

  self->images = images != NULL ? g_object_ref (images) : NULL;
  self->columns = rn_column_store_new (store, &error);
  if (self->columns == NULL)
    {
      g_warning ("Could not load the columns: %s", error->message);
      return;
    }
  g_signal_connect_object (self->columns, "items-changed", G_CALLBACK (on_columns_changed), self, G_CONNECT_SWAPPED);
  self->notifier = rn_column_notifier_new (self->columns, NOTIFY_QUIET_MS);
  g_signal_connect_object (self->notifier, "notices", G_CALLBACK (on_notices), self, G_CONNECT_SWAPPED);
  on_columns_changed (self);
}

RnColumnStore *
rn_deck_get_columns (RnDeck *self)
{
  g_return_val_if_fail (RN_IS_DECK (self), NULL);
  return self->columns;
}

/* A column's accounts could not be asked: said in a toast, as the column
 * shows only what the library holds meanwhile. */
static void
on_remote_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(RnDeck) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  if (rn_account_search_columns_finish (result, &error) >= 0
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;
  title = g_strdup_printf (_("Remote results not fetched: %s"), error->message);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
search_remote (RnDeck   *self,
               RnColumn *only)
{
  if (self->http == NULL || self->columns == NULL)
    return;
  rn_account_search_columns_async (self->columns, self->http, self->credentials, only, self->cancellable,
                                   on_remote_searched, g_object_ref (self));
}

void
rn_deck_search_remote (RnDeck *self)
{
  g_return_if_fail (RN_IS_DECK (self));
  search_remote (self, NULL);
}

void
rn_deck_set_remote_search (RnDeck        *self,
                           RnHttp        *http,
                           RnCredentials *credentials)
{
  g_return_if_fail (RN_IS_DECK (self));
  g_set_object (&self->http, http);
  g_set_object (&self->credentials, credentials);
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
}

/* A column just saved asks its accounts at once. */
static void
on_column_saved (RnDeck   *self,
                 RnColumn *column)
{
  search_remote (self, column);
}

void
rn_deck_edit_column (RnDeck     *self,
                     RnColumn   *column,
                     const char *name,
                     const char *query)
{
  GtkRoot *root;
  RnColumnEditor *editor;
  g_autofree char *unique = NULL;

  g_return_if_fail (RN_IS_DECK (self));
  if (self->columns == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (column == NULL && name != NULL)
    name = unique = rn_column_store_unique_name (self->columns, name);
  editor = rn_column_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->columns, column,
                                 name, query, name != NULL && query != NULL && column == NULL
                                              ? RN_COLUMN_EDITOR_FOCUS_NAME : RN_COLUMN_EDITOR_FOCUS_QUERY);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_column_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_undo_clicked (AdwToast *toast,
                 RnDeck   *self)
{
  rn_deck_undo_remove (self);
}

gboolean
rn_deck_remove_column (RnDeck    *self,
                       RnColumn  *column,
                       GError   **error)
{
  GtkWidget *overlay;
  int index;
  g_autofree char *title = NULL;

  g_return_val_if_fail (RN_IS_DECK (self), FALSE);
  g_return_val_if_fail (RN_IS_COLUMN (column), FALSE);

  index = rn_column_store_index_of (self->columns, column);
  g_object_ref (column);
  if (!rn_column_store_remove (self->columns, column, error))
    {
      g_object_unref (column);
      return FALSE;
    }
  g_clear_object (&self->removed);
  self->removed = column;
  self->removed_position = MAX (index, 0);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      if (self->undo_toast != NULL)
        {
          adw_toast_dismiss (self->undo_toast);
          g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
        }
      title = g_strdup_printf (_("Column “%s” removed"), rn_column_get_name (column));
      self->undo_toast = adw_toast_new (title);
      adw_toast_set_button_label (self->undo_toast, _("_Undo"));
      adw_toast_set_priority (self->undo_toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_object (self->undo_toast, "button-clicked", G_CALLBACK (on_undo_clicked), self, 0);
      g_object_add_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), self->undo_toast);
    }
  return TRUE;
}

gboolean
rn_deck_undo_remove (RnDeck *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumn) column = NULL;

  g_return_val_if_fail (RN_IS_DECK (self), FALSE);

  if (self->removed == NULL)
    return FALSE;
  column = g_steal_pointer (&self->removed);
  if (!rn_column_store_restore (self->columns, column, self->removed_position, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      else
        g_object_unref (g_object_ref_sink (toast));
      return FALSE;
    }
  return TRUE;
}

GtkWidget *
rn_deck_get_column_view (RnDeck *self,
                         guint   index)
{
  g_return_val_if_fail (RN_IS_DECK (self), NULL);
  return GTK_WIDGET (view_at (self, index));
}

int
rn_deck_get_focus_index (RnDeck *self)
{
  g_return_val_if_fail (RN_IS_DECK (self), -1);
  return current_index (self);
}

gboolean
rn_deck_focus_column (RnDeck *self,
                      guint   index)
{
  RnColumnView *view;

  g_return_val_if_fail (RN_IS_DECK (self), FALSE);

  view = view_at (self, index);
  if (view == NULL)
    return FALSE;
  self->focus_index = (int) index;
  if (self->narrow && gtk_widget_get_parent (GTK_WIDGET (view)) != NULL)
    adw_carousel_scroll_to (self->carousel, GTK_WIDGET (view), TRUE);
  rn_column_view_focus_list (view);
  /* Back in a column whose selection did not change: show it again. */
  on_view_selected (self, NULL, view);
  return TRUE;
}

gboolean
rn_deck_get_narrow (RnDeck *self)
{
  g_return_val_if_fail (RN_IS_DECK (self), FALSE);
  return self->narrow;
}

RnItem *
rn_deck_get_selected (RnDeck *self)
{
  g_return_val_if_fail (RN_IS_DECK (self), NULL);
  return self->selected;
}
