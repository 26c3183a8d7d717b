/* rn-save-dialog.c: a small form. Saving is asynchronous (the reference is
 * looked up and the offline copy taken after the entry is written), so the
 * dialog closes at once and a toast reports problems; the page shows the
 * look-up's and the snapshot's outcome on the entry itself. */
#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rn-reference-dialog.h"
#include "rn-save-dialog.h"
#include "rn-saved-row.h"

struct _RnSaveDialog
{
  AdwWindow        parent_instance;

  RnReadingList   *list;
  RnItem          *item;
  AdwToastOverlay *overlay;
  gboolean         was_saved;
  GStrv            old_tags;

  AdwComboRow     *state_row;
  AdwEntryRow     *tags_row;
  GtkTextView     *note_view;
};

G_DEFINE_FINAL_TYPE (RnSaveDialog, rn_save_dialog, ADW_TYPE_WINDOW)

static void
toast (RnSaveDialog *self,
       const char   *message)
{
  if (self->overlay != NULL)
    adw_toast_overlay_add_toast (self->overlay, adw_toast_new (message));
}

typedef struct
{
  AdwToastOverlay *overlay;
} SaveData;

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) overlay = user_data;
  g_autoptr(GError) error = NULL;

  if (!rn_reading_list_save_finish (RN_READING_LIST (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && overlay != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);
      adw_toast_overlay_add_toast (overlay, adw_toast_new (message));
    }
}

static GStrv
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0' && strlen (parts[i]) <= RN_READING_LIST_MAX_TAG)
        g_strv_builder_add (b, parts[i]);
    }
  return g_strv_builder_end (b);
}

void
rn_save_dialog_save (RnSaveDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  g_auto(GStrv) tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  g_autofree char *note = NULL;
  RnSaveOptions options = { 0 };
  GtkTextIter start, end;
  gint64 id = rn_item_get_id (self->item);

  g_return_if_fail (RN_IS_SAVE_DIALOG (self));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  options.set_state = TRUE;
  options.state = (RnSavedState) adw_combo_row_get_selected (ADW_COMBO_ROW (self->state_row));
  options.note = note;
  options.tags = (const char * const *) tags;

  /* Tags taken out of the field leave the entry. */
  for (guint i = 0; self->old_tags != NULL && self->old_tags[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) tags, self->old_tags[i]))
      {
        g_autoptr(GError) error = NULL;

        if (!rn_reading_list_remove_tag (self->list, id, self->old_tags[i], &error))
          toast (self, error->message);
      }
  rn_reading_list_save_async (self->list, id, &options, NULL, on_saved_cb,
                              self->overlay != NULL ? g_object_ref (self->overlay) : NULL);
  if (!self->was_saved)
    toast (self, _("Saved to Reading List"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_remove_clicked (RnSaveDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!rn_reading_list_remove (self->list, rn_item_get_id (self->item), &error))
    toast (self, error->message);
  else
    toast (self, _("Removed from Reading List"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_reference_clicked (RnSaveDialog *self)
{
  GtkWindow *dialog = rn_reference_dialog_new (GTK_WINDOW (self), self->list, rn_item_get_id (self->item));

  if (dialog != NULL)
    gtk_window_present (dialog);
}

void
rn_save_dialog_set_values (RnSaveDialog *self,
                           RnSavedState  state,
                           const char   *tags,
                           const char   *note)
{
  g_return_if_fail (RN_IS_SAVE_DIALOG (self));
  adw_combo_row_set_selected (self->state_row, state);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags != NULL ? tags : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note != NULL ? note : "", -1);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rn_save_dialog_save (RN_SAVE_DIALOG (widget));
}

static void
rn_save_dialog_dispose (GObject *object)
{
  RnSaveDialog *self = RN_SAVE_DIALOG (object);

  g_clear_object (&self->list);
  g_clear_object (&self->item);
  g_clear_object (&self->overlay);
  g_clear_pointer (&self->old_tags, g_strfreev);
  G_OBJECT_CLASS (rn_save_dialog_parent_class)->dispose (object);
}

static void
rn_save_dialog_class_init (RnSaveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_save_dialog_dispose;
  gtk_widget_class_install_action (widget_class, "save.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "save.close", NULL);
  gtk_widget_class_install_action (widget_class, "save.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "save.save", NULL);
}

static void
rn_save_dialog_init (RnSaveDialog *self)
{
}

RnSaveDialog *
rn_save_dialog_new (GtkWindow       *parent,
                    RnReadingList   *list,
                    RnItem          *item,
                    AdwToastOverlay *overlay)
{
  g_autoptr(RnSavedItem) entry = NULL;
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  RnSaveDialog *self;
  GtkWidget *box, *header, *cancel, *save, *page, *group, *frame, *row, *button;

  g_return_val_if_fail (RN_IS_READING_LIST (list), NULL);
  g_return_val_if_fail (RN_IS_ITEM (item), NULL);

  entry = rn_reading_list_get (list, rn_item_get_id (item));
  self = g_object_new (RN_TYPE_SAVE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", entry != NULL ? _("Reading List") : _("Save to Reading List"),
                       "default-width", 460,
                       "default-height", 560,
                       NULL);
  self->list = g_object_ref (list);
  self->item = g_object_ref (item);
  self->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;
  self->was_saved = entry != NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "save.close");
  save = gtk_button_new_with_mnemonic (entry != NULL ? _("_Done") : _("_Save"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "save.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), rn_item_get_title (item));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), rn_item_get_feed_title (item));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  for (RnSavedState s = RN_SAVED_STATE_TO_READ; s <= RN_SAVED_STATE_DONE; s++)
    gtk_string_list_append (states, rn_saved_state_label (s));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("State"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (states));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  self->state_row = ADW_COMBO_ROW (row);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Tags, separated by commas"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  self->tags_row = ADW_ENTRY_ROW (row);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Note"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  frame = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (frame), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (frame, -1, 120);
  gtk_widget_add_css_class (frame, "card");
  self->note_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->note_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->note_view, 12);
  gtk_text_view_set_bottom_margin (self->note_view, 12);
  gtk_text_view_set_left_margin (self->note_view, 12);
  gtk_text_view_set_right_margin (self->note_view, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->note_view), "note-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), GTK_WIDGET (self->note_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  if (entry != NULL)
    {
      g_autofree char *tags = g_strjoinv (", ", (char **) rn_saved_item_get_tags (entry));

      self->old_tags = g_strdupv ((char **) rn_saved_item_get_tags (entry));
      rn_save_dialog_set_values (self, rn_saved_item_get_state (entry), tags, rn_saved_item_get_note (entry));

      group = adw_preferences_group_new ();
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Edit _Reference…"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_swapped (row, "activated", G_CALLBACK (on_reference_clicked), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

      button = gtk_button_new_with_mnemonic (_("_Remove from Reading List"));
      gtk_widget_add_css_class (button, "destructive-action");
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (button, 12);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_remove_clicked), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
    }

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
  return self;
}
