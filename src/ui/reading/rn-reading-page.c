/* rn-reading-page.c: a GtkListView over the RnReadingList with a
 * GtkMultiSelection. Filters and sort are set on the list itself (core
 * filters in SQL); bulk actions go through rn_reading_list_change_async()
 * so the window never waits on the writer. Selecting one entry (or
 * activating it) emits ::item-activated so the window opens it. */
#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rn-reading-export.h"
#include "rn-reading-page.h"
#include "rn-reference-dialog.h"
#include "rn-saved-row.h"

struct _RnReadingPage
{
  GtkWidget          parent_instance;

  RnReadingList     *list;
  RnHttp            *http;
  AdwToastOverlay   *overlay;
  GtkMultiSelection *selection;
  GtkStringList     *tags;          /* "All Tags" then the tags in use */
  char              *zotero_url;
  GCancellable      *cancellable;
  gboolean           updating_tags;

  GtkSearchEntry    *search_entry;
  GtkMenuButton     *filter_button;
  GtkDropDown       *state_dropdown;
  GtkDropDown       *tag_dropdown;
  GtkDropDown       *offline_dropdown;
  GtkDropDown       *sort_dropdown;
  GtkCheckButton    *note_check;
  GtkStack          *stack;
  GtkListView       *list_view;
  AdwStatusPage     *empty_page;
  GtkRevealer       *selection_revealer;
  GtkLabel          *selection_label;
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RnReadingPage, rn_reading_page, GTK_TYPE_WIDGET)

static void
show_toast (RnReadingPage *self,
            const char    *message)
{
  if (self->overlay != NULL)
    adw_toast_overlay_add_toast (self->overlay, adw_toast_new (message));
  else
    g_message ("%s", message);
}

static gboolean
filtering (RnReadingPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return gtk_drop_down_get_selected (self->state_dropdown) > 0
         || gtk_drop_down_get_selected (self->tag_dropdown) > 0
         || gtk_drop_down_get_selected (self->offline_dropdown) > 0
         || gtk_check_button_get_active (self->note_check)
         || (search != NULL && *search != '\0');
}

static void
update_empty (RnReadingPage *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  if (filtering (self))
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Items"));
      adw_status_page_set_description (self->empty_page, _("Try other words or fewer filters"));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "user-bookmarks-symbolic");
      adw_status_page_set_title (self->empty_page, _("Reading List Is Empty"));
      adw_status_page_set_description (self->empty_page,
                                       _("Save items to read later with Ctrl+D; they are kept for reading offline"));
    }
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  /* A filter in force shows on its button. */
  if (gtk_drop_down_get_selected (self->state_dropdown) > 0 || gtk_drop_down_get_selected (self->tag_dropdown) > 0
      || gtk_drop_down_get_selected (self->offline_dropdown) > 0 || gtk_check_button_get_active (self->note_check))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

static GtkBitset *
selected_set (RnReadingPage *self)
{
  if (self->selection == NULL)
    return gtk_bitset_new_empty ();
  return gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
}

/* The item ids of the selected entries. */
static GArray *
selected_ids (RnReadingPage *self)
{
  g_autoptr(GtkBitset) set = selected_set (self);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint pos;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &pos); ok; ok = gtk_bitset_iter_next (&iter, &pos))
    {
      g_autoptr(RnSavedItem) entry = g_list_model_get_item (G_LIST_MODEL (self->list), pos);

      if (entry != NULL)
        {
          gint64 id = rn_saved_item_get_item_id (entry);
          g_array_append_val (ids, id);
        }
    }
  return ids;
}

static void
update_selection (RnReadingPage *self)
{
  g_autoptr(GtkBitset) set = selected_set (self);
  guint64 n = gtk_bitset_get_size (set);
  g_autofree char *label = NULL;
  GtkWidget *w = GTK_WIDGET (self);

  /* Translators: the number of selected reading-list entries */
  label = g_strdup_printf (ngettext ("%u selected", "%u selected", (gulong) n), (guint) n);
  gtk_label_set_label (self->selection_label, label);
  gtk_revealer_set_reveal_child (self->selection_revealer, n > 0);
  gtk_widget_action_set_enabled (w, "reading.set-state", n > 0);
  gtk_widget_action_set_enabled (w, "reading.add-tag", n > 0);
  gtk_widget_action_set_enabled (w, "reading.remove", n > 0);
  gtk_widget_action_set_enabled (w, "reading.edit-reference", n == 1);
  gtk_widget_action_set_enabled (w, "reading.save-case", n == 1);
  gtk_widget_action_set_enabled (w, "reading.select-none", n > 0);
}

static void
on_selection_changed (RnReadingPage *self,
                      guint          position,
                      guint          n_items)
{
  g_autoptr(GtkBitset) set = selected_set (self);

  update_selection (self);
  /* One entry chosen: read it. */
  if (gtk_bitset_get_size (set) == 1)
    {
      g_autoptr(RnSavedItem) entry = g_list_model_get_item (G_LIST_MODEL (self->list), gtk_bitset_get_minimum (set));

      if (entry != NULL)
        g_signal_emit (self, signals[ITEM_ACTIVATED], 0, rn_saved_item_get_item_id (entry));
    }
}

static void
on_list_activate_cb (RnReadingPage *self,
                     guint          position)
{
  g_autoptr(RnSavedItem) entry = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (entry != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, rn_saved_item_get_item_id (entry));
}

/* The tag drop-down lists the tags in use; keep the chosen one. */
static void
update_tags (RnReadingPage *self)
{
  g_auto(GStrv) tags = self->list != NULL ? rn_reading_list_list_tags (self->list) : NULL;
  g_autofree char *current = NULL;
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tags));
  guint keep = 0;

  if (selected > 0 && selected < n)
    current = g_strdup (gtk_string_list_get_string (self->tags, selected));
  self->updating_tags = TRUE;
  gtk_string_list_splice (self->tags, 1, n - 1, (const char * const *) tags);
  for (guint i = 0; current != NULL && tags != NULL && tags[i] != NULL; i++)
    if (g_strcmp0 (tags[i], current) == 0)
      keep = i + 1;
  gtk_drop_down_set_selected (self->tag_dropdown, keep);
  self->updating_tags = FALSE;
}

static void
apply_filters (RnReadingPage *self)
{
  RnSavedFilter filter = { 0 };
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->list == NULL)
    return;
  filter.by_state = state != 0 && state != GTK_INVALID_LIST_POSITION;
  filter.state = filter.by_state ? (RnSavedState) (state - 1) : RN_SAVED_STATE_TO_READ;
  if (tag > 0 && tag != GTK_INVALID_LIST_POSITION)
    filter.tag = gtk_string_list_get_string (self->tags, tag);
  filter.has_note = gtk_check_button_get_active (self->note_check);
  switch (gtk_drop_down_get_selected (self->offline_dropdown))
    {
    case 1:  filter.offline = RN_OFFLINE_AVAILABLE; break;
    case 2:  filter.offline = RN_OFFLINE_MISSING; break;
    default: filter.offline = RN_OFFLINE_ANY; break;
    }
  filter.search = search != NULL && *search != '\0' ? search : NULL;
  rn_reading_list_set_filter (self->list, &filter);
  update_empty (self);
}

static void
on_filters_changed_cb (RnReadingPage *self)
{
  if (self->updating_tags)
    return;
  apply_filters (self);
}

static void
on_sort_changed_cb (RnReadingPage *self)
{
  static const RnSavedSort sorts[] = { RN_SAVED_SORT_SAVED, RN_SAVED_SORT_PUBLISHED, RN_SAVED_SORT_TITLE };
  guint i = gtk_drop_down_get_selected (self->sort_dropdown);

  if (self->list != NULL && i < G_N_ELEMENTS (sorts))
    rn_reading_list_set_sort (self->list, sorts[i]);
}

static void
on_items_changed (RnReadingPage *self)
{
  update_empty (self);
  update_tags (self);
}

/* Bulk changes */

static void
on_changed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RnReadingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rn_reading_list_change_finish (RN_READING_LIST (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message);
}

static void
change_selected (RnReadingPage     *self,
                 RnSavedChangeKind  kind,
                 const char        *value)
{
  g_autoptr(GArray) ids = selected_ids (self);

  if (ids->len == 0 || self->list == NULL)
    return;
  rn_reading_list_change_async (self->list, kind, (const gint64 *) ids->data, ids->len, value,
                                self->cancellable, on_changed_cb, g_object_ref (self));
}

void
rn_reading_page_set_selected_state (RnReadingPage *self,
                                    RnSavedState   state)
{
  g_return_if_fail (RN_IS_READING_PAGE (self));
  change_selected (self, RN_SAVED_CHANGE_STATE, rn_saved_state_to_string (state));
}

static void
set_state_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RnReadingPage *self = RN_READING_PAGE (widget);
  RnSavedState state;

  if (rn_saved_state_from_string (g_variant_get_string (parameter, NULL), &state))
    rn_reading_page_set_selected_state (self, state);
}

static void
on_tag_response (AdwMessageDialog *dialog,
                 const char       *response,
                 RnReadingPage    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "add") == 0 && *tag != '\0')
    change_selected (self, RN_SAVED_CHANGE_ADD_TAG, tag);
}

static void
on_tag_entry_changed (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", *tag != '\0' && strlen (tag) <= RN_READING_LIST_MAX_TAG);
}

static void
add_tag_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RnReadingPage *self = RN_READING_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Add Tag"), _("The tag is added to every selected item"));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_max_length (GTK_ENTRY (entry), RN_READING_LIST_MAX_TAG);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. journal club"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tag"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  g_signal_connect (entry, "changed", G_CALLBACK (on_tag_entry_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_tag_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RnReadingPage    *self)
{
  if (g_strcmp0 (response, "remove") == 0)
    change_selected (self, RN_SAVED_CHANGE_REMOVE, NULL);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RnReadingPage *self = RN_READING_PAGE (widget);
  g_autoptr(GtkBitset) set = selected_set (self);
  guint n = (guint) gtk_bitset_get_size (set);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (n == 0)
    return;
  heading = g_strdup_printf (ngettext ("Remove %u Item?", "Remove %u Items?", n), n);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("They leave the reading list with their tags, notes and offline copies"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWindow *
parent_window (RnReadingPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RnReadingPage *self = RN_READING_PAGE (widget);
  g_autoptr(GtkBitset) set = selected_set (self);

  if (self->list == NULL)
    return;
  rn_reading_export_dialog (parent_window (self), self->list, gtk_bitset_is_empty (set) ? NULL : set, self->overlay);
}

static void
send_to_zotero_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RnReadingPage *self = RN_READING_PAGE (widget);
  g_autoptr(GtkBitset) set = selected_set (self);

  if (self->list == NULL || self->overlay == NULL)
    return;
  rn_reading_send_to_zotero (self->list, gtk_bitset_is_empty (set) ? NULL : set,
                             self->http != NULL ? rn_http_get_session (self->http) : NULL,
                             self->zotero_url, self->overlay);
}

static RnSavedItem *
single_selected (RnReadingPage *self)
{
  g_autoptr(GtkBitset) set = selected_set (self);

  if (gtk_bitset_get_size (set) != 1)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->list), gtk_bitset_get_minimum (set));
}

static void
edit_reference_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RnReadingPage *self = RN_READING_PAGE (widget);
  g_autoptr(RnSavedItem) entry = single_selected (self);
  GtkWindow *dialog;

  if (entry == NULL)
    return;
  dialog = rn_reference_dialog_new (parent_window (self), self->list, rn_saved_item_get_item_id (entry));
  if (dialog != NULL)
    gtk_window_present (dialog);
}

static void
save_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RnReadingPage *self = RN_READING_PAGE (widget);
  g_autoptr(RnSavedItem) entry = single_selected (self);

  if (entry == NULL || self->overlay == NULL)
    return;
  rn_reading_save_case_dialog (parent_window (self), rn_reading_list_get_store (self->list),
                               rn_saved_item_get_item_id (entry), rn_saved_item_get_title (entry), self->overlay);
}

static void
on_retried_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RnReadingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  RnSnapshotState state = rn_reading_list_retry_snapshot_finish (RN_READING_LIST (source), result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
    }
  else if (state == RN_SNAPSHOT_STATE_FAILED)
    show_toast (self, _("The offline copy could not be made again"));
  else if (state == RN_SNAPSHOT_STATE_PARTIAL)
    show_toast (self, _("Offline copy made, but some images could not be kept"));
}

static void
retry_snapshot_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RnReadingPage *self = RN_READING_PAGE (widget);

  if (self->list == NULL)
    return;
  rn_reading_list_retry_snapshot_async (self->list, g_variant_get_int64 (parameter), self->cancellable,
                                        on_retried_cb, g_object_ref (self));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (RN_READING_PAGE (widget)->selection));
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (RN_READING_PAGE (widget)->selection));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (RN_READING_PAGE (widget)->search_entry));
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  gtk_list_item_set_child (item, rn_saved_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  rn_saved_row_set_entry (RN_SAVED_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  rn_saved_row_set_entry (RN_SAVED_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
rn_reading_page_dispose (GObject *object)
{
  RnReadingPage *self = RN_READING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_READING_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->http);
  g_clear_object (&self->overlay);
  g_clear_object (&self->tags);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->zotero_url, g_free);
  G_OBJECT_CLASS (rn_reading_page_parent_class)->dispose (object);
}

static void
rn_reading_page_class_init (RnReadingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_reading_page_dispose;

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-reading-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, offline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, note_check);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, RnReadingPage, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rnreadingpage");

  gtk_widget_class_install_action (widget_class, "reading.set-state", "s", set_state_action);
  gtk_widget_class_install_action (widget_class, "reading.add-tag", NULL, add_tag_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "reading.add-tag", NULL);
  gtk_widget_class_install_action (widget_class, "reading.remove", NULL, remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "reading.remove", NULL);
  gtk_widget_class_install_action (widget_class, "reading.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "reading.export", NULL);
  gtk_widget_class_install_action (widget_class, "reading.send-to-zotero", NULL, send_to_zotero_action);
  gtk_widget_class_install_action (widget_class, "reading.edit-reference", NULL, edit_reference_action);
  gtk_widget_class_install_action (widget_class, "reading.save-case", NULL, save_case_action);
  gtk_widget_class_install_action (widget_class, "reading.retry-snapshot", "x", retry_snapshot_action);
  gtk_widget_class_install_action (widget_class, "reading.select-all", NULL, select_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "reading.select-all", NULL);
  gtk_widget_class_install_action (widget_class, "reading.select-none", NULL, select_none_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "reading.select-none", NULL);
  gtk_widget_class_install_action (widget_class, "reading.focus-search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "reading.focus-search", NULL);
}

static void
rn_reading_page_init (RnReadingPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  const char *all_tags[] = { _("All Tags"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->tags = gtk_string_list_new (all_tags);
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tags));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  update_selection (self);
  update_empty (self);
}

void
rn_reading_page_setup (RnReadingPage   *self,
                       RnReadingList   *list,
                       RnHttp          *http,
                       AdwToastOverlay *overlay)
{
  g_return_if_fail (RN_IS_READING_PAGE (self));
  g_return_if_fail (RN_IS_READING_LIST (list));

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_set_object (&self->list, list);
  g_set_object (&self->http, http);
  g_set_object (&self->overlay, overlay);
  g_clear_object (&self->selection);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (list)));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (on_items_changed), self);
  apply_filters (self);
  on_sort_changed_cb (self);
  update_tags (self);
  update_selection (self);
}

RnReadingList *
rn_reading_page_get_list (RnReadingPage *self)
{
  g_return_val_if_fail (RN_IS_READING_PAGE (self), NULL);
  return self->list;
}

GtkSelectionModel *
rn_reading_page_get_selection (RnReadingPage *self)
{
  g_return_val_if_fail (RN_IS_READING_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

void
rn_reading_page_set_state_filter (RnReadingPage *self,
                                  int            state)
{
  g_return_if_fail (RN_IS_READING_PAGE (self));
  gtk_drop_down_set_selected (self->state_dropdown, state < 0 ? 0 : (guint) state + 1);
}

void
rn_reading_page_set_search (RnReadingPage *self,
                            const char    *text)
{
  g_return_if_fail (RN_IS_READING_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* The entry waits before it emits; a caller that sets it wants it now. */
  apply_filters (self);
}

gboolean
rn_reading_page_export_to_file (RnReadingPage   *self,
                                RnExportFormat   format,
                                GFile           *file,
                                GError         **error)
{
  g_autoptr(GtkBitset) set = NULL;

  g_return_val_if_fail (RN_IS_READING_PAGE (self), FALSE);
  g_return_val_if_fail (self->list != NULL, FALSE);
  set = selected_set (self);
  return rn_reading_export_to_file (self->list, gtk_bitset_is_empty (set) ? NULL : set, format, file, error);
}

void
rn_reading_page_set_zotero_url (RnReadingPage *self,
                                const char    *base_url)
{
  g_return_if_fail (RN_IS_READING_PAGE (self));
  g_free (self->zotero_url);
  self->zotero_url = g_strdup (base_url);
}
