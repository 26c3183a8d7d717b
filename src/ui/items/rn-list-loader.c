/* rn-list-loader.c: says when a scrolled list comes near its end. */
#define G_LOG_DOMAIN "rn-list-loader"

#include "config.h"

#include "rn-list-loader.h"

/* Screens of rows kept ready below the visible part. */
#define SCREENS_AHEAD 2

struct _RnListLoader
{
  GObject        parent_instance;

  GtkAdjustment *adjustment;
  GListModel    *shown;
  gboolean       more;
  guint          idle;
};

enum {
  NEAR_END,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RnListLoader, rn_list_loader, G_TYPE_OBJECT)

static gboolean
near_end (RnListLoader *self)
{
  double value = gtk_adjustment_get_value (self->adjustment);
  double page = gtk_adjustment_get_page_size (self->adjustment);

  return value + page * (1 + SCREENS_AHEAD) >= gtk_adjustment_get_upper (self->adjustment);
}

static gboolean
idle_cb (gpointer data)
{
  RnListLoader *self = data;

  self->idle = 0;
  if (self->more && near_end (self))
    g_signal_emit (self, signals[NEAR_END], 0);
  return G_SOURCE_REMOVE;
}

/* The adjustment changes while the list is laid out, where its model must
 * not change: the signal waits for an idle. */
static void
check (RnListLoader *self)
{
  if (self->more && self->idle == 0 && near_end (self))
    self->idle = g_idle_add (idle_cb, self);
}

static void
on_adjustment_cb (GtkAdjustment *adjustment,
                  RnListLoader  *self)
{
  check (self);
}

static void
on_shown_items_changed_cb (GListModel   *shown,
                           guint         position,
                           guint         removed,
                           guint         added,
                           RnListLoader *self)
{
  check (self);
}

static void
rn_list_loader_dispose (GObject *object)
{
  RnListLoader *self = RN_LIST_LOADER (object);

  g_clear_handle_id (&self->idle, g_source_remove);
  if (self->adjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->adjustment, self);
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->adjustment);
  g_clear_object (&self->shown);
  G_OBJECT_CLASS (rn_list_loader_parent_class)->dispose (object);
}

static void
rn_list_loader_class_init (RnListLoaderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rn_list_loader_dispose;

  signals[NEAR_END] =
    g_signal_new ("near-end", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rn_list_loader_init (RnListLoader *self)
{
}

RnListLoader *
rn_list_loader_new (GtkScrolledWindow *scroller,
                    GListModel        *shown)
{
  RnListLoader *self;

  g_return_val_if_fail (GTK_IS_SCROLLED_WINDOW (scroller), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (shown), NULL);

  self = g_object_new (RN_TYPE_LIST_LOADER, NULL);
  self->adjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (scroller));
  self->shown = g_object_ref (shown);
  g_signal_connect (self->adjustment, "value-changed", G_CALLBACK (on_adjustment_cb), self);
  g_signal_connect (self->adjustment, "changed", G_CALLBACK (on_adjustment_cb), self);
  g_signal_connect (shown, "items-changed", G_CALLBACK (on_shown_items_changed_cb), self);
  return self;
}

void
rn_list_loader_set_more (RnListLoader *self,
                         gboolean      more)
{
  g_return_if_fail (RN_IS_LIST_LOADER (self));

  self->more = more;
  if (!more)
    g_clear_handle_id (&self->idle, g_source_remove);
  check (self);
}
