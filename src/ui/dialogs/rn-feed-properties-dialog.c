/* rn-feed-properties-dialog.c: changes apply at once, as in GNOME's
 * preferences; removal asks first. */
#define G_LOG_DOMAIN "rn-feed-properties"

#include "config.h"

#include <glib/gi18n.h>

#include "feeds/rn-feed-folders.h"
#include "feeds/rn-feed-store.h"
#include "rn-format.h"
#include "rn-feed-properties-dialog.h"

struct _RnFeedPropertiesDialog
{
  AdwPreferencesWindow  parent_instance;

  RnStore              *store;
  RnFeed               *feed;
  GArray               *folder_ids;    /* gint64 per combo position; 0 = none, -1 = new */
  gboolean              loading;

  AdwEntryRow          *title_row;
  AdwComboRow          *folder_row;
  AdwEntryRow          *new_folder_row;
  GtkSpinButton        *interval_spin;
  AdwActionRow         *url_row;
  AdwActionRow         *status_row;
  GtkWidget            *status_icon;
};

G_DEFINE_FINAL_TYPE (RnFeedPropertiesDialog, rn_feed_properties_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static gint64
selected_folder (RnFeedPropertiesDialog *self)
{
  guint pos = adw_combo_row_get_selected (self->folder_row);

  if (pos == GTK_INVALID_LIST_POSITION || pos >= self->folder_ids->len)
    return 0;
  return MAX (g_array_index (self->folder_ids, gint64, pos), 0);
}

static void
save (RnFeedPropertiesDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  if (self->loading)
    return;
  if (!rn_feed_store_update_feed (self->store, rn_feed_get_id (self->feed), title, selected_folder (self),
                                  (guint) gtk_spin_button_get_value_as_int (self->interval_spin), &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
fill_folders (RnFeedPropertiesDialog *self,
              gint64                  select_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) folders = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = 0;
  gint64 none = 0, fresh = -1;

  folders = rn_feed_store_list_folders (self->store, &error);
  if (folders == NULL)
    g_warning ("Cannot list folders: %s", error->message);

  g_array_set_size (self->folder_ids, 0);
  gtk_string_list_append (names, _("No Folder"));
  g_array_append_val (self->folder_ids, none);
  for (guint i = 0; folders != NULL && i < folders->len; i++)
    {
      RnFolder *folder = g_ptr_array_index (folders, i);
      gint64 id = rn_folder_get_id (folder);

      gtk_string_list_append (names, rn_folder_get_title (folder));
      g_array_append_val (self->folder_ids, id);
      if (id == select_id)
        selected = self->folder_ids->len - 1;
    }
  gtk_string_list_append (names, _("New Folder…"));
  g_array_append_val (self->folder_ids, fresh);

  self->loading = TRUE;
  adw_combo_row_set_model (self->folder_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->folder_row, selected);
  self->loading = FALSE;
}

static void
on_title_apply_cb (RnFeedPropertiesDialog *self)
{
  save (self);
}

static void
on_interval_changed_cb (RnFeedPropertiesDialog *self)
{
  save (self);
}

static void
on_folder_selected_cb (RnFeedPropertiesDialog *self)
{
  guint pos = adw_combo_row_get_selected (self->folder_row);
  gboolean want_new = pos != GTK_INVALID_LIST_POSITION && pos < self->folder_ids->len
                      && g_array_index (self->folder_ids, gint64, pos) < 0;

  gtk_widget_set_visible (GTK_WIDGET (self->new_folder_row), want_new);
  if (want_new)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->new_folder_row));
      return;
    }
  save (self);
}

static void
on_new_folder_apply_cb (RnFeedPropertiesDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (!rn_feed_store_create_folder (self->store, gtk_editable_get_text (GTK_EDITABLE (self->new_folder_row)),
                                    &id, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_folder_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->new_folder_row), FALSE);
  fill_folders (self, id);
  save (self);
}

static void
on_remove_response_cb (AdwMessageDialog       *dialog,
                       const char             *response,
                       RnFeedPropertiesDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  if (!rn_feed_store_remove_feed (self->store, rn_feed_get_id (self->feed), &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_remove_clicked_cb (RnFeedPropertiesDialog *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Feed?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” and its items will be removed. Starred and saved items of this feed are removed too."),
                                  rn_feed_get_title (self->feed));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rn_feed_properties_dialog_dispose (GObject *object)
{
  RnFeedPropertiesDialog *self = RN_FEED_PROPERTIES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_FEED_PROPERTIES_DIALOG);
  g_clear_object (&self->feed);
  g_clear_object (&self->store);
  g_clear_pointer (&self->folder_ids, g_array_unref);

  G_OBJECT_CLASS (rn_feed_properties_dialog_parent_class)->dispose (object);
}

static void
rn_feed_properties_dialog_class_init (RnFeedPropertiesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_feed_properties_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-feed-properties-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RnFeedPropertiesDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, RnFeedPropertiesDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, RnFeedPropertiesDialog, new_folder_row);
  gtk_widget_class_bind_template_child (widget_class, RnFeedPropertiesDialog, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, RnFeedPropertiesDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, RnFeedPropertiesDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, RnFeedPropertiesDialog, status_icon);
  gtk_widget_class_bind_template_callback (widget_class, on_title_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_interval_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_folder_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
}

static void
rn_feed_properties_dialog_init (RnFeedPropertiesDialog *self)
{
  self->folder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
fill (RnFeedPropertiesDialog *self)
{
  const char *error = rn_feed_get_error (self->feed);
  g_autofree char *status = NULL;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), rn_feed_get_title (self->feed));
  gtk_spin_button_set_value (self->interval_spin, rn_feed_get_refresh_interval (self->feed));
  adw_action_row_set_subtitle (self->url_row, rn_feed_get_url (self->feed));

  if (error != NULL && *error != '\0')
    {
      status = g_strdup_printf (ngettext ("Failed: %s (%u time in a row)", "Failed: %s (%u times in a row)",
                                          rn_feed_get_failures (self->feed)),
                                error, rn_feed_get_failures (self->feed));
      gtk_widget_set_visible (self->status_icon, TRUE);
    }
  else if (rn_feed_get_last_success (self->feed) > 0)
    status = rn_format_full_date (rn_feed_get_last_success (self->feed));
  else
    status = g_strdup (_("Not fetched yet"));
  adw_action_row_set_subtitle (self->status_row, status);
  self->loading = FALSE;

  fill_folders (self, rn_feed_get_folder_id (self->feed));
}

GtkWindow *
rn_feed_properties_dialog_new (GtkWindow *parent,
                               RnStore   *store,
                               gint64     feed_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnFeed) feed = NULL;
  RnFeedPropertiesDialog *self;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);

  feed = rn_feed_store_get_feed (store, feed_id, &error);
  if (feed == NULL)
    {
      g_warning ("No feed %" G_GINT64_FORMAT ": %s", feed_id, error != NULL ? error->message : "");
      return NULL;
    }
  self = g_object_new (RN_TYPE_FEED_PROPERTIES_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->feed = g_steal_pointer (&feed);
  fill (self);
  return GTK_WINDOW (self);
}
