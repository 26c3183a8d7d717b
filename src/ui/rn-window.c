/* rn-window.c: the main window: sidebar | item list | reader in an
 * AdwLeaflet (kept in this file and its template only, so that it can be
 * replaced by the newer split views in one place), the welcome page, the
 * offline banner and toasts. Actions live in rn-window-actions.c. */
#define G_LOG_DOMAIN "rn-window"

#include "config.h"

#include <glib/gi18n.h>

#include "feeds/rn-feed-store.h"
#include "mastodon/rn-mastodon-read-position.h"
#include "reading/rn-offline-group.h"
#include "search/rn-column.h"
#include "rn-window-private.h"
#include "sidebar/rn-feed-removal.h"

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SIDEBAR_VISIBLE,
  PROP_COLUMNS_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RnWindow, rn_window, ADW_TYPE_APPLICATION_WINDOW)

void
_rn_window_show_error (RnWindow   *self,
                       const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
rn_window_add_toast (RnWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (RN_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_pane_visibility (RnWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  /* Folded, the sidebar is a page one navigates back to: never hide it. */
  gboolean show = self->sidebar_visible || folded;

  gtk_widget_set_visible (self->sidebar_pane, show);
  gtk_widget_set_visible (self->sidebar_separator, show);
  gtk_widget_set_visible (self->content_back_button, folded);
  gtk_widget_set_visible (self->reader_back_button, folded);
  /* A phone-wide header has room for few buttons: the star stays in the
   * item menu (and on its key). */
  gtk_widget_set_visible (GTK_WIDGET (self->star_button), !folded);
  /* Narrow header bars have no room for it: the primary menu and
   * Ctrl+Shift+C switch to the columns there. */
  gtk_widget_set_visible (self->columns_button, !folded);
  gtk_widget_set_visible (self->sidebar_button, !folded && !self->sidebar_visible);

  adw_header_bar_set_show_end_title_buttons (self->sidebar_header, folded);
  adw_header_bar_set_show_start_title_buttons (self->content_header, folded || !show);
  adw_header_bar_set_show_end_title_buttons (self->content_header, folded);
  adw_header_bar_set_show_start_title_buttons (self->reader_header, folded);
}

static void
on_folded_changed_cb (RnWindow *self)
{
  update_pane_visibility (self);
}

static void
set_empty_state (RnWindow       *self,
                 RnSidebarEntry *entry,
                 gboolean        searching)
{
  RnItemListView *view = self->item_list_view;

  if (searching)
    {
      rn_item_list_view_set_empty_state (view, "edit-find-symbolic", _("No Results"),
                                         _("No item matches this search"));
      return;
    }
  switch (entry != NULL ? rn_sidebar_entry_get_kind (entry) : RN_SIDEBAR_ALL)
    {
    case RN_SIDEBAR_UNREAD:
      rn_item_list_view_set_empty_state (view, "mail-read-symbolic", _("No Unread Items"),
                                         _("You are all caught up"));
      break;
    case RN_SIDEBAR_STARRED:
      rn_item_list_view_set_empty_state (view, "starred-symbolic", _("No Starred Items"),
                                         _("Star an item to keep it at hand"));
      break;
    case RN_SIDEBAR_READING_LIST:
      rn_item_list_view_set_empty_state (view, "user-bookmarks-symbolic", _("Reading List Is Empty"),
                                         _("Items you save to read later appear here"));
      break;
    case RN_SIDEBAR_FEED:
    case RN_SIDEBAR_FOLDER:
      rn_item_list_view_set_empty_state (view, "application-rss+xml-symbolic", _("No Items"),
                                         _("Nothing has been received from this source yet"));
      break;
    case RN_SIDEBAR_ALL:
    case RN_SIDEBAR_HEADING:
    default:
      rn_item_list_view_set_empty_state (view, "application-rss+xml-symbolic", _("No Items"),
                                         _("New items of your sources appear here"));
      break;
    }
}

static void
update_list_title (RnWindow *self)
{
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);
  g_autofree char *subtitle = NULL;
  guint unread;

  if (entry == NULL || self->columns_visible)
    return;
  adw_window_title_set_title (self->list_title, rn_sidebar_entry_get_title (entry));
  unread = rn_sidebar_entry_get_unread (entry);
  if (unread > 0)
    subtitle = g_strdup_printf (ngettext ("%u unread", "%u unread", unread), unread);
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

/* The search typed over the place shown, or the place's list again. A
 * search is the query language, paged like a column: the first page costs
 * what it shows, not the whole match. */
static void
show_search (RnWindow *self)
{
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);
  const char *search = rn_item_list_view_get_search_text (self->item_list_view);
  g_autoptr(GListModel) results = NULL;
  RnItemFilter filter = { 0 };

  if (entry != NULL)
    rn_sidebar_entry_get_filter (entry, &filter);
  if (search != NULL && *search != '\0')
    {
      g_autoptr(RnColumn) column = rn_column_new (self->store, "search", search, NULL);

      if (column != NULL)
        {
          RnColumnFilters scope = {
            .feed_id = filter.feed_id,
            .folder_id = filter.folder_id,
            .unread_only = filter.unread_only,
            .starred_only = filter.starred_only,
            .saved_only = filter.saved_only,
          };

          rn_column_set_scope (column, &scope);
          results = G_LIST_MODEL (g_steal_pointer (&column));
        }
      else
        {
          /* Not (yet) a valid query, e.g. an open quote: plain words. */
          filter.search = search;
          results = G_LIST_MODEL (rn_item_list_new (self->store, &filter, RN_ITEM_SORT_NEWEST));
        }
    }

  set_empty_state (self, entry, results != NULL);
  if (results != NULL)
    rn_item_list_view_show_results (self->item_list_view, results);
  else
    rn_item_list_view_show_list (self->item_list_view);
  update_list_title (self);
  _rn_window_update_actions (self);
}

/* The place chosen in the sidebar changed (or its list must be read again). */
void
_rn_window_reload_items (RnWindow *self)
{
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);
  g_autoptr(RnItemList) list = NULL;
  RnItemFilter filter = { 0 };

  if (entry != NULL)
    rn_sidebar_entry_get_filter (entry, &filter);
  list = rn_item_list_new (self->store, &filter, RN_ITEM_SORT_NEWEST);
  g_set_object (&self->items, list);
  rn_item_list_view_set_model (self->item_list_view, list);

  /* A home timeline opens where the user stopped reading (on any device),
   * as Mastodon clients do: the last post read at the top, the newer ones
   * just above it, to scroll up through. */
  if (filter.feed_id > 0 && *rn_item_list_view_get_search_text (self->item_list_view) == '\0')
    {
      gint64 last_read = rn_mastodon_home_last_read_item (self->store, filter.feed_id);
      int position = last_read > 0 ? rn_item_list_find (list, last_read) : -1;

      if (position >= 0)
        rn_item_list_view_scroll_to_position (self->item_list_view, (guint) position);
    }
  show_search (self);
}

/* Whether the keyboard focus is in @widget: the user is working there. */
static gboolean
focus_within (RnWindow  *self,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Only the page on show is visible: AdwViewStack measures every visible
 * page at each layout, and the deck and the reading list are large (a
 * tenth of the first frame's time with 50,000 items). */
static void
show_content (RnWindow   *self,
              const char *name)
{
  GtkWidget *pages[] = { GTK_WIDGET (self->item_list_view), GTK_WIDGET (self->deck), GTK_WIDGET (self->reading_page) };
  const char *names[] = { "items", "deck", "reading-list" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_str_equal (names[i], name))
      gtk_widget_set_visible (pages[i], TRUE);
  adw_view_stack_set_visible_child_name (self->content_stack, name);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (!g_str_equal (names[i], name))
      gtk_widget_set_visible (pages[i], FALSE);
}

static void
on_sidebar_selection_cb (RnWindow *self)
{
  RnSidebarEntry *entry = rn_sidebar_get_selected_entry (self->sidebar);

  g_signal_group_set_target (self->entry_signals, entry);
  if (entry == NULL)
    return;
  /* The reading list has its own page (filters, bulk actions); choosing
   * it leaves the columns. */
  if (rn_sidebar_entry_get_kind (entry) == RN_SIDEBAR_READING_LIST)
    {
      if (self->columns_visible)
        g_object_set (self, "columns-visible", FALSE, NULL);
      show_content (self, "reading-list");
    }
  else if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->content_stack), "reading-list") == 0)
    show_content (self, self->columns_visible ? "deck" : "items");
  _rn_window_reload_items (self);
  /* Folded, choosing a place shows its list. */
  if (adw_leaflet_get_folded (self->leaflet)
      && g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "sidebar") == 0
      && focus_within (self, GTK_WIDGET (self->sidebar)))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
on_entry_counts_changed (RnWindow *self)
{
  update_list_title (self);
}

/* Counts change in place on the entries: follow the selected one. */
static void
on_sidebar_unread_notify (RnWindow *self)
{
  update_list_title (self);
}

static void
on_n_feeds_cb (RnWindow *self)
{
  guint n = rn_sidebar_get_n_feeds (self->sidebar);

  gtk_stack_set_visible_child_name (self->main_stack, n > 0 ? "library" : "welcome");
  _rn_window_update_actions (self);
}

static void
update_item_buttons (RnWindow *self)
{
  gboolean starred = self->item != NULL && rn_item_get_starred (self->item);
  gboolean read = self->item == NULL || rn_item_get_read (self->item);
  gboolean saved = self->item != NULL && rn_item_get_saved (self->item);

  gtk_button_set_icon_name (self->star_button, starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button), starred ? _("Unstar") : _("Star"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  starred ? _("Unstar") : _("Star"), -1);
  gtk_button_set_icon_name (self->unread_button, read ? "mail-read-symbolic" : "mail-unread-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->unread_button), read ? _("Mark as Unread") : _("Mark as Read"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unread_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  read ? _("Mark as Unread") : _("Mark as Read"), -1);
  gtk_button_set_icon_name (self->save_button, saved ? "user-bookmarks-symbolic" : "bookmark-new-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               saved ? _("Edit Reading List Entry (Ctrl+D)") : _("Save to Reading List (Ctrl+D)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  saved ? _("Edit Reading List Entry") : _("Save to Reading List"), -1);
  if (starred)
    gtk_widget_add_css_class (GTK_WIDGET (self->star_button), "starred");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->star_button), "starred");
}

RnItem *
_rn_window_lookup_item (RnWindow *self,
                        gint64    item_id)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(RnItemList) list = NULL;

  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (item_id)));
  list = rn_item_list_new_for_where (self->store, "i.id = ?", params, RN_ITEM_SORT_NEWEST);
  return g_list_model_get_n_items (G_LIST_MODEL (list)) > 0 ? g_list_model_get_item (G_LIST_MODEL (list), 0) : NULL;
}

static void
show_item (RnWindow *self,
           RnItem   *item)
{
  if (item == self->item)
    return;
  g_set_object (&self->item, item);
  g_signal_group_set_target (self->item_signals, item);
  rn_reader_view_set_item (self->reader_view, self->store, item);
  adw_window_title_set_title (self->reader_title, item != NULL ? rn_item_get_feed_title (item) : "");

  /* Opening an item marks it read. */
  if (item != NULL && !rn_item_get_read (item))
    {
      g_autoptr(GError) error = NULL;

      if (!rn_item_store_set_read (self->store, rn_item_get_id (item), TRUE, &error))
        _rn_window_show_error (self, error->message);
    }
  update_item_buttons (self);
  _rn_window_update_actions (self);
}

static void
on_item_selected_cb (RnWindow *self)
{
  RnItem *item = rn_item_list_view_get_selected (self->item_list_view);

  /* An item that left the list (read in Unread) stays in the reader. */
  if (item == NULL)
    return;
  show_item (self, item);
  if (adw_leaflet_get_folded (self->leaflet)
      && g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "content") == 0
      && focus_within (self, GTK_WIDGET (self->item_list_view)))
    adw_leaflet_set_visible_child_name (self->leaflet, "reader");
}

static void
on_item_activated_cb (RnWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "reader");
}

/* An entry of the Reading List page: read it. */
static void
on_reading_item_activated_cb (RnWindow *self,
                              gint64    item_id)
{
  g_autoptr(RnItem) item = _rn_window_lookup_item (self, item_id);

  if (item == NULL)
    return;
  show_item (self, item);
  if (adw_leaflet_get_folded (self->leaflet)
      && focus_within (self, GTK_WIDGET (self->reading_page)))
    adw_leaflet_set_visible_child_name (self->leaflet, "reader");
}

static void
on_search_changed_cb (RnWindow   *self,
                      const char *text)
{
  show_search (self);
}

/* An item chosen in a column opens in the reader, as from the list. */
static void
on_deck_selected_cb (RnWindow *self)
{
  RnItem *item = rn_deck_get_selected (self->deck);

  if (item == NULL || !self->columns_visible)
    return;
  show_item (self, item);
  if (adw_leaflet_get_folded (self->leaflet)
      && g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "content") == 0
      && focus_within (self, GTK_WIDGET (self->deck)))
    adw_leaflet_set_visible_child_name (self->leaflet, "reader");
}

/* A wide window gives the deck room for two columns side by side (the
 * reader keeps its minimum); narrower, the deck shows one at a time. */
static void
update_content_width (RnWindow *self)
{
  int width = 0, height = 0;
  gboolean roomy;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  roomy = self->columns_visible && width >= 1240;
  gtk_widget_set_size_request (self->content_pane, roomy ? 2 * 320 + 1 : 340, -1);
}

/* Ctrl+Left/Right move between columns from anywhere in the window while
 * they are shown (lists elsewhere would take the keys first, so this
 * looks in the capture phase), except in text fields, where they move by
 * words. Returning FALSE lets the key go on. */
static gboolean
on_column_key (GtkWidget *widget,
               GVariant  *args,
               gpointer   data)
{
  RnWindow *self = RN_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int delta = GPOINTER_TO_INT (data);

  if (!self->columns_visible || !gtk_widget_get_mapped (GTK_WIDGET (self->deck)) ||
      (focus != NULL && (GTK_IS_EDITABLE (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_TEXT) != NULL)))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self->deck),
                                     delta > 0 ? "deck.focus-next" : "deck.focus-previous", NULL);
}

/* The deck replaces the item list; it wants the width more than the
 * reader does. */
static void
set_columns_visible (RnWindow *self,
                     gboolean  visible)
{
  self->columns_visible = visible;
  show_content (self, visible ? "deck" : "items");
  gtk_widget_set_hexpand (self->content_pane, visible);
  gtk_widget_set_hexpand (self->reader_pane, !visible);
  update_content_width (self);
  gtk_widget_set_tooltip_text (self->columns_button, visible ? _("Show Items") : _("Show Columns"));
  if (visible)
    {
      adw_window_title_set_title (self->list_title, _("Columns"));
      adw_window_title_set_subtitle (self->list_title, NULL);
    }
  else
    update_list_title (self);
  _rn_window_update_actions (self);
}

static void
on_network_changed (RnWindow *self)
{
  gtk_revealer_set_reveal_child (self->offline_revealer,
                                 !g_network_monitor_get_network_available (self->network));
}

static void
on_remote_images_changed (RnWindow *self)
{
  RnRemoteImages policy = g_settings_get_enum (self->settings, "remote-images");

  rn_reader_view_set_remote_images (self->reader_view, policy);
  rn_item_list_view_set_load_remote (self->item_list_view, policy == RN_REMOTE_IMAGES_LOAD);
}

static void
update_refresh_progress (RnWindow *self)
{
  gboolean busy = rn_refresher_get_busy (self->refresher);
  guint done = rn_refresher_get_n_done (self->refresher);
  guint total = rn_refresher_get_n_total (self->refresher);
  const char *current = rn_refresher_get_current_title (self->refresher);
  g_autofree char *tip = NULL;

  gtk_stack_set_visible_child_name (self->refresh_stack, busy ? "progress" : "button");
  gtk_spinner_set_spinning (self->refresh_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_bar), busy && total > 0);
  if (!busy)
    return;
  gtk_progress_bar_set_fraction (self->refresh_bar, total > 0 ? (double) MIN (done, total) / total : 0.0);
  /* The counts live in the tooltip: the header keeps its width. */
  if (current != NULL && *current != '\0')
    /* Translators: sources done, sources to do, the source being updated */
    tip = g_strdup_printf (_("Updated %u of %u sources, now “%s” — click to stop"), MIN (done, total), total, current);
  else
    /* Translators: sources done, sources to do */
    tip = g_strdup_printf (_("Updated %u of %u sources — click to stop"), MIN (done, total), total);
  gtk_widget_set_tooltip_text (self->refresh_progress_button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->refresh_progress_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
}

static void
on_refreshed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RnWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnRefreshSummary) summary = rn_refresher_refresh_finish (RN_REFRESHER (source), result, &error);
  g_autofree char *message = NULL;

  if (summary == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rn_window_show_error (self, error->message);
      return;
    }
  if (summary->failed == 1 && summary->failures->len == 1)
    {
      RnRefreshFailure *f = g_ptr_array_index (summary->failures, 0);
      message = g_strdup_printf (_("“%s” could not be updated: %s"), f->title, f->error);
    }
  else if (summary->failed > 0)
    message = g_strdup_printf (ngettext ("%u source could not be updated; see the marks in the sidebar",
                                         "%u sources could not be updated; see the marks in the sidebar",
                                         summary->failed), summary->failed);
  else if (summary->skipped > 0)
    message = g_strdup (_("You are offline: sources were not updated"));
  if (message != NULL)
    _rn_window_show_error (self, message);
}

void
_rn_window_refresh (RnWindow *self,
                    gint64    feed_id,
                    gint64    folder_id)
{
  if (self->refresher == NULL)
    return;
  if (self->refresh_cancellable == NULL || g_cancellable_is_cancelled (self->refresh_cancellable))
    {
      g_clear_object (&self->refresh_cancellable);
      self->refresh_cancellable = g_cancellable_new ();
    }
  rn_refresher_refresh_async (self->refresher, feed_id, folder_id, TRUE, self->refresh_cancellable,
                              on_refreshed_cb, g_object_ref (self));
  /* Refreshing everything asks the columns' accounts again too. */
  if (feed_id == 0 && folder_id == 0)
    rn_deck_search_remote (self->deck);
}

static gboolean
rn_window_close_request (GtkWindow *window)
{
  _rn_window_save_state (RN_WINDOW (window));
  rn_feed_removal_commit_all (RN_WINDOW (window)->toast_overlay);
  return GTK_WINDOW_CLASS (rn_window_parent_class)->close_request (window);
}

static void
rn_window_constructed (GObject *object)
{
  RnWindow *self = RN_WINDOW (object);

  G_OBJECT_CLASS (rn_window_parent_class)->constructed (object);

  self->store = g_object_ref (rn_context_get_store (self->context));
  self->refresher = g_object_ref (rn_context_get_refresher (self->context));
  g_signal_connect_object (self->refresher, "notify::busy", G_CALLBACK (update_refresh_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "notify::n-done", G_CALLBACK (update_refresh_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "notify::n-total", G_CALLBACK (update_refresh_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "notify::current-title", G_CALLBACK (update_refresh_progress), self, G_CONNECT_SWAPPED);
  update_refresh_progress (self);
  {
    g_autofree char *email = g_settings_get_string (self->settings, "contact-email");

    self->reading_list = rn_reading_list_new (self->store, rn_context_get_http (self->context),
                                              *email != '\0' ? email : NULL);
    rn_reading_page_setup (self->reading_page, self->reading_list, rn_context_get_http (self->context),
                           self->toast_overlay);
  }
  /* Selecting the first place loads its list. */
  rn_sidebar_set_store (self->sidebar, self->store);
  rn_deck_set_store (self->deck, self->store, self->images);
  rn_deck_set_remote_search (self->deck, rn_context_get_http (self->context),
                             rn_context_get_credentials (self->context));
  on_n_feeds_cb (self);
  if (rn_item_list_view_get_model (self->item_list_view) == NULL)
    _rn_window_reload_items (self);
}

static void
rn_window_dispose (GObject *object)
{
  RnWindow *self = RN_WINDOW (object);

  if (self->network != NULL)
    g_clear_signal_handler (&self->network_id, self->network);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_WINDOW);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->entry_signals);
  g_clear_object (&self->item);
  g_clear_object (&self->items);
  g_clear_object (&self->reading_list);
  g_clear_object (&self->images);
  g_clear_object (&self->settings);
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_clear_object (&self->refresher);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->undo_ids, g_array_unref);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;

  G_OBJECT_CLASS (rn_window_parent_class)->dispose (object);
}

static void
rn_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RnWindow *self = RN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;
    case PROP_COLUMNS_VISIBLE:
      g_value_set_boolean (value, self->columns_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RnWindow *self = RN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SIDEBAR_VISIBLE:
      if (self->sidebar_visible != g_value_get_boolean (value))
        {
          self->sidebar_visible = g_value_get_boolean (value);
          update_pane_visibility (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_COLUMNS_VISIBLE:
      if (self->columns_visible != g_value_get_boolean (value))
        {
          set_columns_visible (self, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_window_class_init (RnWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rn_window_constructed;
  object_class->dispose = rn_window_dispose;
  object_class->get_property = rn_window_get_property;
  object_class->set_property = rn_window_set_property;
  window_class->close_request = rn_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RN_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMNS_VISIBLE] =
    g_param_spec_boolean ("columns-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RN_TYPE_DECK);
  g_type_ensure (RN_TYPE_SIDEBAR);
  g_type_ensure (RN_TYPE_ITEM_LIST_VIEW);
  g_type_ensure (RN_TYPE_READER_VIEW);
  g_type_ensure (RN_TYPE_READING_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RnWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, content_back_button);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, refresh_bar);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, refresh_progress_button);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, item_list_view);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, deck);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, columns_button);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, reader_pane);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, reader_header);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, reader_title);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, reading_page);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, reader_back_button);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, star_button);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, unread_button);
  gtk_widget_class_bind_template_child (widget_class, RnWindow, reader_view);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_selection_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_n_feeds_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_item_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reading_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_deck_selected_cb);

  _rn_window_class_actions_init (widget_class);
}

static void
rn_window_init (RnWindow *self)
{
  self->sidebar_visible = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->images = rn_image_cache_new (256);
  rn_item_list_view_set_image_cache (self->item_list_view, self->images);
  rn_reader_view_set_image_cache (self->reader_view, self->images);

  self->entry_signals = g_signal_group_new (RN_TYPE_SIDEBAR_ENTRY);
  g_signal_group_connect_swapped (self->entry_signals, "notify::unread", G_CALLBACK (on_sidebar_unread_notify), self);
  g_signal_group_connect_swapped (self->entry_signals, "notify::title", G_CALLBACK (on_sidebar_unread_notify), self);
  self->item_signals = g_signal_group_new (RN_TYPE_ITEM);
  g_signal_group_connect_swapped (self->item_signals, "notify::read", G_CALLBACK (update_item_buttons), self);
  g_signal_group_connect_swapped (self->item_signals, "notify::starred", G_CALLBACK (update_item_buttons), self);
  g_signal_group_connect_swapped (self->item_signals, "notify::saved", G_CALLBACK (update_item_buttons), self);

  g_signal_connect_object (self->settings, "changed::remote-images",
                           G_CALLBACK (on_remote_images_changed), self, G_CONNECT_SWAPPED);
  on_remote_images_changed (self);
  g_settings_bind (self->settings, "sidebar-visible", self, "sidebar-visible", G_SETTINGS_BIND_DEFAULT);

  /* Counts of the selected place shown in the list's title. */
  g_signal_connect_object (rn_sidebar_get_model (self->sidebar), "items-changed",
                           G_CALLBACK (on_entry_counts_changed), self, G_CONNECT_SWAPPED);

  self->network = g_network_monitor_get_default ();
  self->network_id = g_signal_connect_swapped (self->network, "notify::network-available",
                                               G_CALLBACK (on_network_changed), self);
  on_network_changed (self);

  g_signal_connect (self, "notify::default-width", G_CALLBACK (update_content_width), NULL);
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, GDK_CONTROL_MASK),
                        gtk_callback_action_new (on_column_key, GINT_TO_POINTER (1), NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_CONTROL_MASK),
                        gtk_callback_action_new (on_column_key, GINT_TO_POINTER (-1), NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  _rn_window_restore_state (self);
  update_pane_visibility (self);
  update_item_buttons (self);
}

RnWindow *
rn_window_new (RnApplication *app,
               RnContext     *context)
{
  return g_object_new (RN_TYPE_WINDOW,
                       "application", app,
                       "context", context,
                       NULL);
}

GtkWidget *
rn_window_get_sidebar (RnWindow *self)
{
  g_return_val_if_fail (RN_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->sidebar);
}

GtkWidget *
rn_window_get_item_list_view (RnWindow *self)
{
  g_return_val_if_fail (RN_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->item_list_view);
}

GtkWidget *
rn_window_get_reader_view (RnWindow *self)
{
  g_return_val_if_fail (RN_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->reader_view);
}

gpointer
rn_window_get_current_item (RnWindow *self)
{
  g_return_val_if_fail (RN_IS_WINDOW (self), NULL);
  return self->item;
}

const char *
rn_window_get_page (RnWindow *self)
{
  g_return_val_if_fail (RN_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

RnReadingList *
rn_window_get_reading_list (RnWindow *self)
{
  g_return_val_if_fail (RN_IS_WINDOW (self), NULL);
  return self->reading_list;
}

GtkWidget *
rn_window_get_reading_page (RnWindow *self)
{
  g_return_val_if_fail (RN_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->reading_page);
}

/* Preferences made here are about this window's library (the offline
 * copies): they are added to the app's Preferences window. */
void
rn_window_extend_preferences (RnWindow             *self,
                              AdwPreferencesWindow *prefs)
{
  AdwPreferencesPage *page;

  g_return_if_fail (RN_IS_WINDOW (self));
  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Offline"));
  adw_preferences_page_set_icon_name (page, "folder-download-symbolic");
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (rn_offline_group_new (self->store)));
  adw_preferences_window_add (prefs, page);
}
