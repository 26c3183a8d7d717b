/* rn-sidebar-row.c: icon, title, error mark and unread count of a source. */
#define G_LOG_DOMAIN "rn-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-sidebar-row.h"

struct _RnSidebarRow
{
  GtkWidget       parent_instance;

  RnSidebarEntry *entry;
  GSignalGroup   *signals;

  GtkWidget      *box;
  GtkImage       *icon;
  GtkLabel       *title_label;
  GtkImage       *error_icon;
  GtkLabel       *count_label;
};

G_DEFINE_FINAL_TYPE (RnSidebarRow, rn_sidebar_row, GTK_TYPE_WIDGET)

static void
update (RnSidebarRow *self)
{
  RnSidebarEntry *e = self->entry;
  RnSidebarKind kind;
  const char *error;
  guint unread;

  if (e == NULL)
    return;
  kind = rn_sidebar_entry_get_kind (e);
  error = rn_sidebar_entry_get_error (e);
  unread = rn_sidebar_entry_get_unread (e);

  gtk_label_set_label (self->title_label, rn_sidebar_entry_get_title (e));
  gtk_image_set_from_icon_name (self->icon, rn_sidebar_entry_get_icon_name (e));
  gtk_widget_set_visible (GTK_WIDGET (self->icon), kind != RN_SIDEBAR_HEADING);

  if (kind == RN_SIDEBAR_HEADING)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self), "sidebar-heading");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "sidebar-heading");
    }

  if (rn_sidebar_entry_get_nested (e))
    gtk_widget_add_css_class (GTK_WIDGET (self), "nested");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "nested");

  gtk_widget_set_visible (GTK_WIDGET (self->error_icon), error != NULL);
  if (error != NULL)
    {
      g_autofree char *tip = g_strdup_printf (_("Last update failed: %s"), error);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_icon), tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->count_label), unread > 0 && kind != RN_SIDEBAR_HEADING);
  if (unread > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", unread);
      g_autofree char *a11y = g_strdup_printf (ngettext ("%u unread item", "%u unread items", unread), unread);

      gtk_label_set_label (self->count_label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }
}

static void
rn_sidebar_row_dispose (GObject *object)
{
  RnSidebarRow *self = RN_SIDEBAR_ROW (object);

  g_clear_object (&self->signals);
  g_clear_object (&self->entry);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_SIDEBAR_ROW);
  /* A template child without an id is not unparented by the above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rn_sidebar_row_parent_class)->dispose (object);
}

static void
rn_sidebar_row_class_init (RnSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_sidebar_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RnSidebarRow, box);
  gtk_widget_class_bind_template_child (widget_class, RnSidebarRow, icon);
  gtk_widget_class_bind_template_child (widget_class, RnSidebarRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RnSidebarRow, error_icon);
  gtk_widget_class_bind_template_child (widget_class, RnSidebarRow, count_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rnsidebarrow");
}

static void
rn_sidebar_row_init (RnSidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->signals = g_signal_group_new (RN_TYPE_SIDEBAR_ENTRY);
  g_signal_group_connect_swapped (self->signals, "notify", G_CALLBACK (update), self);
}

GtkWidget *
rn_sidebar_row_new (void)
{
  return g_object_new (RN_TYPE_SIDEBAR_ROW, NULL);
}

RnSidebarEntry *
rn_sidebar_row_get_entry (RnSidebarRow *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR_ROW (self), NULL);
  return self->entry;
}

void
rn_sidebar_row_set_entry (RnSidebarRow   *self,
                          RnSidebarEntry *entry)
{
  g_return_if_fail (RN_IS_SIDEBAR_ROW (self));
  if (!g_set_object (&self->entry, entry))
    return;
  g_signal_group_set_target (self->signals, entry);
  update (self);
}
