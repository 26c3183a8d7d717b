/* rn-offline-group.c: offline copies live in the library file; this group
 * tells how much room they take and lets the user drop them all (saved
 * entries stay; they can be copied again with Retry). */
#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <glib/gi18n.h>

#include "offline/rn-snapshot.h"
#include "rn-offline-group.h"

struct _RnOfflineGroup
{
  AdwPreferencesGroup  parent_instance;

  RnStore             *store;
  AdwActionRow        *usage_row;
  GtkWidget           *remove_button;
  char                *usage;
};

G_DEFINE_FINAL_TYPE (RnOfflineGroup, rn_offline_group, ADW_TYPE_PREFERENCES_GROUP)

static void
update_usage (RnOfflineGroup *self)
{
  gint64 bytes = rn_snapshot_total_bytes (self->store);

  g_free (self->usage);
  self->usage = bytes > 0 ? g_format_size ((guint64) bytes) : g_strdup (_("None"));
  adw_action_row_set_subtitle (self->usage_row, self->usage);
  gtk_widget_set_sensitive (self->remove_button, bytes > 0);
}

gboolean
rn_offline_group_remove_all (RnOfflineGroup  *self,
                             GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (RN_IS_OFFLINE_GROUP (self), FALSE);
  ok = rn_snapshot_remove_all (self->store, error);
  update_usage (self);
  return ok;
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RnOfflineGroup   *self)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (g_strcmp0 (response, "remove") != 0)
    return;
  if (!rn_offline_group_remove_all (self, &error) && ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (error->message));
}

static void
on_remove_clicked (RnOfflineGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Remove All Offline Copies?"),
                                              _("Saved items stay on the reading list but cannot be read "
                                                "without a network until they are copied again"));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove All"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rn_offline_group_dispose (GObject *object)
{
  RnOfflineGroup *self = RN_OFFLINE_GROUP (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->usage, g_free);
  G_OBJECT_CLASS (rn_offline_group_parent_class)->dispose (object);
}

static void
rn_offline_group_class_init (RnOfflineGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rn_offline_group_dispose;
}

static void
rn_offline_group_init (RnOfflineGroup *self)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Offline"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Saved items are copied into the library so they can be read without a network"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Space Used"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  self->usage_row = ADW_ACTION_ROW (row);

  self->remove_button = gtk_button_new_with_mnemonic (_("_Remove All Snapshots"));
  gtk_widget_set_valign (self->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->remove_button, "destructive-action");
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->remove_button);
}

GtkWidget *
rn_offline_group_new (RnStore *store)
{
  RnOfflineGroup *self = g_object_new (RN_TYPE_OFFLINE_GROUP, NULL);

  self->store = g_object_ref (store);
  update_usage (self);
  return GTK_WIDGET (self);
}

const char *
rn_offline_group_get_usage (RnOfflineGroup *self)
{
  g_return_val_if_fail (RN_IS_OFFLINE_GROUP (self), NULL);
  return self->usage;
}
