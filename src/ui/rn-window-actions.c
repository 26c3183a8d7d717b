/* rn-window-actions.c: the window's actions and their keys. */
#define G_LOG_DOMAIN "rn-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dialogs/rn-add-feed-dialog.h"
#include "pubmed/rn-pubmed-dialog.h"
#include "dialogs/rn-feed-properties-dialog.h"
#include "dialogs/rn-opml-io.h"
#include "feeds/rn-feed-store.h"
#include "rn-window-private.h"
#include "accounts/rn-account.h"
#include "accounts/rn-accounts-dialog.h"
#include "reading/rn-save-dialog.h"
#include "social/rn-compose-dialog.h"
#include "social/rn-post-render.h"
#include "sidebar/rn-feed-removal.h"

static void
next_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  if (!rn_item_list_view_select_offset (self->item_list_view, 1))
    gtk_widget_error_bell (widget);
}

static void
previous_item_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  if (!rn_item_list_view_select_offset (self->item_list_view, -1))
    gtk_widget_error_bell (widget);
}

static void
toggle_read_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->item == NULL)
    return;
  if (!rn_item_store_set_read (self->store, rn_item_get_id (self->item), !rn_item_get_read (self->item), &error))
    _rn_window_show_error (self, error->message);
}

static void
toggle_star_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->item == NULL)
    return;
  if (!rn_item_store_set_starred (self->store, rn_item_get_id (self->item), !rn_item_get_starred (self->item), &error))
    _rn_window_show_error (self, error->message);
}

static void
open_in_browser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  const char *link = self->item != NULL ? rn_item_get_link (self->item) : NULL;

  if (link == NULL || (!g_str_has_prefix (link, "https://") && !g_str_has_prefix (link, "http://")))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  gtk_show_uri (GTK_WINDOW (self), link, GDK_CURRENT_TIME);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
  rn_item_list_view_set_search_mode (self->item_list_view, TRUE);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_undo_dismissed (RnWindow *self)
{
  g_clear_pointer (&self->undo_ids, g_array_unref);
}

static void
undo_mark_all_read_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_steal_pointer (&self->undo_ids);

  if (ids == NULL)
    return;
  if (!rn_item_store_set_read_ids (self->store, ids, FALSE, &error))
    _rn_window_show_error (self, error->message);
  _rn_window_update_actions (self);
}

static void
mark_all_read_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *title = NULL;
  gint64 feed_id = 0, folder_id = 0;
  AdwToast *toast;

  if (entry == NULL)
    return;
  switch (rn_sidebar_entry_get_kind (entry))
    {
    case RN_SIDEBAR_FEED:   feed_id = rn_sidebar_entry_get_id (entry); break;
    case RN_SIDEBAR_FOLDER: folder_id = rn_sidebar_entry_get_id (entry); break;
    case RN_SIDEBAR_ALL:
    case RN_SIDEBAR_UNREAD: break;
    case RN_SIDEBAR_STARRED:
    case RN_SIDEBAR_READING_LIST:
    case RN_SIDEBAR_HEADING:
    default:
      return;
    }

  ids = rn_item_store_mark_all_read (self->store, feed_id, folder_id, &error);
  if (ids == NULL)
    {
      _rn_window_show_error (self, error->message);
      return;
    }
  if (ids->len == 0)
    return;

  g_clear_pointer (&self->undo_ids, g_array_unref);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  self->undo_ids = g_steal_pointer (&ids);

  title = g_strdup_printf (ngettext ("%u item marked as read", "%u items marked as read", self->undo_ids->len),
                           self->undo_ids->len);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-mark-all-read");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_dismissed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  _rn_window_update_actions (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _rn_window_refresh (RN_WINDOW (widget), 0, 0);
}

static void
refresh_feed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);

  if (entry == NULL)
    return;
  if (rn_sidebar_entry_get_kind (entry) == RN_SIDEBAR_FEED)
    _rn_window_refresh (self, rn_sidebar_entry_get_id (entry), 0);
  else if (rn_sidebar_entry_get_kind (entry) == RN_SIDEBAR_FOLDER)
    _rn_window_refresh (self, 0, rn_sidebar_entry_get_id (entry));
}

static void
stop_refresh_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  if (self->refresher != NULL)
    rn_refresher_cancel (self->refresher);
}

static void
add_feed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  GtkWindow *dialog = rn_add_feed_dialog_new (GTK_WINDOW (self), self->context);

  gtk_window_present (dialog);
}

/* A new search shows its first results at once, selected in the sidebar. */
static void
on_pubmed_source_added (RnWindow *self,
                        gint64    feed_id)
{
  rn_sidebar_reload (self->sidebar);
  rn_sidebar_select (self->sidebar, RN_SIDEBAR_FEED, feed_id);
  _rn_window_refresh (self, feed_id, 0);
}

static void
add_pubmed_search_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  RnPubmedDialog *dialog = rn_pubmed_dialog_new (GTK_WINDOW (self), self->store,
                                                 rn_context_get_pubmed (self->context));

  g_signal_connect_object (dialog, "source-added", G_CALLBACK (on_pubmed_source_added), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
feed_properties_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);
  GtkWindow *dialog;

  if (entry == NULL || rn_sidebar_entry_get_kind (entry) != RN_SIDEBAR_FEED)
    return;
  dialog = rn_feed_properties_dialog_new (GTK_WINDOW (self), self->store, rn_sidebar_entry_get_id (entry));
  if (dialog != NULL)
    gtk_window_present (dialog);
}

static void
save_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  if (self->item == NULL || self->reading_list == NULL)
    return;
  gtk_window_present (GTK_WINDOW (rn_save_dialog_new (GTK_WINDOW (self), self->reading_list, self->item,
                                                      self->toast_overlay)));
}

static void
on_sources_changed (RnWindow *self,
                    gint64    feed_id)
{
  rn_sidebar_reload (self->sidebar);
  if (feed_id > 0)
    _rn_window_refresh (self, feed_id, 0);
}

static RnAccountsDialog *
accounts_dialog (RnWindow *self)
{
  RnAccountsDialog *dialog = rn_accounts_dialog_new (GTK_WINDOW (self), self->context);

  g_signal_connect_object (dialog, "sources-changed", G_CALLBACK (on_sources_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
accounts_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  accounts_dialog (RN_WINDOW (widget));
}

static void
follow_hashtag_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  rn_accounts_dialog_show_hashtag_form (accounts_dialog (RN_WINDOW (widget)));
}

static void
compose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  g_autofree char *text = NULL;

  if (g_strcmp0 (action_name, "win.share-item") == 0 && self->item != NULL)
    text = rn_compose_text_for_item (self->item);
  gtk_window_present (GTK_WINDOW (rn_compose_dialog_new (GTK_WINDOW (self), self->context, text)));
}

/* Bookmark and favourite go through the action queue: sent now when
 * online, later otherwise. */
static void
post_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  gboolean bookmark = g_strcmp0 (action_name, "win.post-bookmark") == 0;
  g_autoptr(RnPostInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 account_id;

  if (self->item == NULL)
    return;
  info = rn_post_info_load (self->store, rn_item_get_id (self->item));
  account_id = rn_account_store_feed_account (rn_store_get_reader (self->store), rn_item_get_feed_id (self->item));
  if (info == NULL || info->post_id == NULL || account_id == 0)
    {
      _rn_window_show_error (self, _("Only posts of a signed-in account’s timelines can be bookmarked or favourited"));
      return;
    }
  if (!rn_action_queue_add (rn_context_get_action_queue (self->context), account_id,
                            bookmark ? RN_MASTODON_ACTION_BOOKMARK : RN_MASTODON_ACTION_FAVOURITE,
                            info->post_id, &error))
    _rn_window_show_error (self, error->message);
  else
    _rn_window_show_error (self, bookmark ? _("Bookmarked") : _("Favourited"));
}

static void
remove_feed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);

  if (entry == NULL || rn_sidebar_entry_get_kind (entry) != RN_SIDEBAR_FEED)
    return;
  rn_feed_removal_start (self->sidebar, self->store, self->toast_overlay, rn_sidebar_entry_get_id (entry));
}

static void
on_feed_replaced (gpointer user_data,
                  gint64   new_feed_id)
{
  RnWindow *self = RN_WINDOW (user_data);

  rn_sidebar_reload (self->sidebar);
  rn_sidebar_select (self->sidebar, RN_SIDEBAR_FEED, new_feed_id);
  _rn_window_refresh (self, new_feed_id, 0);
}

static void
replace_feed_address_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);

  if (entry == NULL || rn_sidebar_entry_get_kind (entry) != RN_SIDEBAR_FEED)
    return;
  /* The dialog is modal to the window, so the window outlives it. */
  rn_feed_replace_address_dialog (GTK_WINDOW (self), self->store, self->toast_overlay,
                                  rn_sidebar_entry_get_id (entry), on_feed_replaced, self);
}

static void
import_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  rn_opml_io_import (GTK_WINDOW (self), self->store, self->toast_overlay);
}

static void
export_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  rn_opml_io_export (GTK_WINDOW (self), self->store, self->toast_overlay);
}

static void
add_default_sources_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  rn_opml_io_import_default (self->store, self->toast_overlay);
}

static void
load_images_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  rn_reader_view_load_images (self->reader_view);
}

static void
add_column_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);

  rn_deck_edit_column (self->deck, NULL, NULL, NULL);
}

/* The item list's search, kept as a column. */
static void
save_search_as_column_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  const char *search = rn_item_list_view_get_search_text (self->item_list_view);

  if (search == NULL || *search == '\0')
    return;
  rn_deck_edit_column (self->deck, NULL, search, search);
}

/* A feed or folder of the sidebar as a column: source:"…" / folder:"…". */
static void
open_as_column_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RnWindow *self = RN_WINDOW (widget);
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);
  RnSidebarKind kind;
  g_autofree char *title = NULL;
  g_autofree char *query = NULL;

  if (entry == NULL)
    return;
  kind = rn_sidebar_entry_get_kind (entry);
  if (kind != RN_SIDEBAR_FEED && kind != RN_SIDEBAR_FOLDER)
    return;
  /* A quote cannot be written inside a quoted value: let * stand for it. */
  title = g_strdelimit (g_strdup (rn_sidebar_entry_get_title (entry)), "\"", '*');
  query = g_strdup_printf ("%s:\"%s\"", kind == RN_SIDEBAR_FEED ? "source" : "folder", title);
  rn_deck_edit_column (self->deck, NULL, rn_sidebar_entry_get_title (entry), query);
}

void
_rn_window_update_actions (RnWindow *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);
  RnSidebarKind kind = entry != NULL ? rn_sidebar_entry_get_kind (entry) : RN_SIDEBAR_HEADING;
  gboolean has_item = self->item != NULL;
  gboolean has_feeds = rn_sidebar_get_n_feeds (self->sidebar) > 0;

  gtk_widget_action_set_enabled (w, "win.toggle-read", has_item);
  gtk_widget_action_set_enabled (w, "win.toggle-star", has_item);
  gtk_widget_action_set_enabled (w, "win.save-item", has_item);
  gtk_widget_action_set_enabled (w, "win.share-item", has_item);
  gtk_widget_action_set_enabled (w, "win.post-bookmark",
                                 has_item && g_strcmp0 (rn_item_get_item_type (self->item), "post") == 0);
  gtk_widget_action_set_enabled (w, "win.post-favourite",
                                 has_item && g_strcmp0 (rn_item_get_item_type (self->item), "post") == 0);
  gtk_widget_action_set_enabled (w, "win.open-in-browser", has_item && rn_item_get_link (self->item) != NULL);
  gtk_widget_action_set_enabled (w, "win.mark-all-read",
                                 kind == RN_SIDEBAR_ALL || kind == RN_SIDEBAR_UNREAD
                                 || kind == RN_SIDEBAR_FEED || kind == RN_SIDEBAR_FOLDER);
  gtk_widget_action_set_enabled (w, "win.undo-mark-all-read", self->undo_ids != NULL);
  gtk_widget_action_set_enabled (w, "win.feed-properties", kind == RN_SIDEBAR_FEED);
  gtk_widget_action_set_enabled (w, "win.remove-feed", kind == RN_SIDEBAR_FEED);
  gtk_widget_action_set_enabled (w, "win.replace-feed-address", kind == RN_SIDEBAR_FEED);
  gtk_widget_action_set_enabled (w, "win.export-opml", has_feeds);
  gtk_widget_action_set_enabled (w, "win.search", has_feeds);
  gtk_widget_action_set_enabled (w, "win.refresh", has_feeds);
  gtk_widget_action_set_enabled (w, "win.refresh-feed", kind == RN_SIDEBAR_FEED || kind == RN_SIDEBAR_FOLDER);
  gtk_widget_action_set_enabled (w, "win.open-as-column", kind == RN_SIDEBAR_FEED || kind == RN_SIDEBAR_FOLDER);
  {
    const char *search = rn_item_list_view_get_search_text (self->item_list_view);

    gtk_widget_action_set_enabled (w, "win.save-search-as-column", search != NULL && *search != '\0');
  }
}

void
_rn_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.next-item", NULL, next_item_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "win.next-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "win.next-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-item", NULL);

  gtk_widget_class_install_action (widget_class, "win.previous-item", NULL, previous_item_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "win.previous-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "win.previous-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-item", NULL);

  gtk_widget_class_install_action (widget_class, "win.toggle-read", NULL, toggle_read_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, 0, "win.toggle-read", NULL);

  gtk_widget_class_install_action (widget_class, "win.toggle-star", NULL, toggle_star_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "win.toggle-star", NULL);

  gtk_widget_class_install_action (widget_class, "win.open-in-browser", NULL, open_in_browser_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, 0, "win.open-in-browser", NULL);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);

  gtk_widget_class_install_action (widget_class, "win.refresh-feed", NULL, refresh_feed_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, GDK_SHIFT_MASK, "win.refresh-feed", NULL);
  gtk_widget_class_install_action (widget_class, "win.stop-refresh", NULL, stop_refresh_action);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);

  gtk_widget_class_install_action (widget_class, "win.mark-all-read", NULL, mark_all_read_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.mark-all-read", NULL);
  gtk_widget_class_install_action (widget_class, "win.undo-mark-all-read", NULL, undo_mark_all_read_action);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);

  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "sidebar-visible");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);

  gtk_widget_class_install_action (widget_class, "win.add-feed", NULL, add_feed_action);
  gtk_widget_class_install_action (widget_class, "win.add-pubmed-search", NULL, add_pubmed_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-feed", NULL);
  gtk_widget_class_install_action (widget_class, "win.import-opml", NULL, import_opml_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-opml", NULL);
  gtk_widget_class_install_action (widget_class, "win.export-opml", NULL, export_opml_action);
  gtk_widget_class_install_action (widget_class, "win.add-default-sources", NULL, add_default_sources_action);
  gtk_widget_class_install_action (widget_class, "win.feed-properties", NULL, feed_properties_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "win.feed-properties", NULL);
  gtk_widget_class_install_action (widget_class, "win.load-images", NULL, load_images_action);
  gtk_widget_class_install_action (widget_class, "win.remove-feed", NULL, remove_feed_action);
  gtk_widget_class_install_action (widget_class, "win.save-item", NULL, save_item_action);
  gtk_widget_class_install_action (widget_class, "win.accounts", NULL, accounts_action);
  gtk_widget_class_install_action (widget_class, "win.follow-hashtag", NULL, follow_hashtag_action);
  gtk_widget_class_install_action (widget_class, "win.compose", NULL, compose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.compose", NULL);
  gtk_widget_class_install_action (widget_class, "win.share-item", NULL, compose_action);
  gtk_widget_class_install_action (widget_class, "win.post-bookmark", NULL, post_action);
  gtk_widget_class_install_action (widget_class, "win.post-favourite", NULL, post_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.save-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, 0, "win.save-item", NULL);
  gtk_widget_class_install_action (widget_class, "win.replace-feed-address", NULL, replace_feed_address_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-columns", "columns-visible");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-columns", NULL);
  gtk_widget_class_install_action (widget_class, "win.add-column", NULL, add_column_action);
  gtk_widget_class_install_action (widget_class, "win.save-search-as-column", NULL, save_search_as_column_action);
  gtk_widget_class_install_action (widget_class, "win.open-as-column", NULL, open_as_column_action);
}
