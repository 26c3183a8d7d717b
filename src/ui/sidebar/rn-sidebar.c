/* rn-sidebar.c: a flat list of entries with folder headings over a
 * GtkListView. The list is rebuilt from the store when feeds change; when
 * only counts or errors changed, the existing entries are updated in place
 * so that the selection and the scroll position stay. */
#define G_LOG_DOMAIN "rn-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "feeds/rn-feed-store.h"
#include "rn-sidebar.h"
#include "rn-sidebar-row.h"

/* During a refresh feeds change many times a second, and with thousands
 * of feeds a reload costs the main loop tens of milliseconds. After a
 * reload the next one waits this many times as long as it took, so the
 * sidebar never takes more than a tenth of the main loop; with a few
 * hundred feeds that wait is a few milliseconds. */
#define RELOAD_SPACING 9

/* GTK 4.8's list view makes a row widget for each of the first 200
 * entries as soon as they are in its model (about 0.4 ms each). Until the
 * window's first frame the sidebar holds only what a window can show; the
 * other entries follow, a few per idle, after that frame. */
#define ROWS_BEFORE_FIRST_FRAME 32
#define ROWS_PER_IDLE 40

struct _RnSidebar
{
  GtkWidget           parent_instance;

  RnStore            *store;
  gulong              feeds_changed_id;
  guint               reload_idle;
  gint64              last_reload;  /* monotonic µs, when the last reload ended */
  gint64              reload_cost;  /* µs it took */
  GCancellable       *listing;      /* the feeds being read on a worker */
  gint64              listing_start;
  guint               listing_generation;
  guint               generation;   /* of the entries: a listing read before a reload is stale */
  gboolean            relist;       /* feeds changed while they were read */
  guint               n_feeds;

  GListStore         *entries;
  GPtrArray          *pending;      /* all entries, while some follow the first frame */
  guint               pending_added; /* how many of them are in the list */
  gboolean            drawn;        /* the first frame is drawn */
  GdkFrameClock      *frame_clock;
  gulong              after_paint_id;
  guint               pending_idle;
  GtkSingleSelection *selection;

  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
  GMenuModel         *feed_menu_model;
  GMenuModel         *accounts_menu_model;
  GHashTable         *hidden;      /* feed ids whose removal waits for undo */
};

enum {
  PROP_0,
  PROP_SELECTED_ENTRY,
  PROP_N_FEEDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RnSidebar, rn_sidebar, GTK_TYPE_WIDGET)

static void
add_entry (GPtrArray     *out,
           RnSidebarKind  kind,
           gint64         id,
           const char    *title,
           const char    *icon,
           guint          unread,
           const char    *error,
           gboolean       nested)
{
  RnSidebarEntry *e = rn_sidebar_entry_new (kind, id, title, icon);

  rn_sidebar_entry_set_unread (e, unread);
  rn_sidebar_entry_set_error (e, error);
  rn_sidebar_entry_set_nested (e, nested);
  g_ptr_array_add (out, e);
}

/* Timelines of accounts and followed hashtags go under "Accounts". */
static gboolean
is_social (RnFeed *feed)
{
  const char *kind = rn_feed_get_kind (feed);

  return kind != NULL && (g_str_has_prefix (kind, "mastodon-") || g_str_has_prefix (kind, "bluesky-"));
}

static const char *
feed_icon (RnFeed *feed)
{
  const char *kind = rn_feed_get_kind (feed);

  if (g_strcmp0 (kind, "mastodon-home") == 0 || g_strcmp0 (kind, "bluesky-timeline") == 0)
    return "user-home-symbolic";
  if (g_strcmp0 (kind, "mastodon-bookmarks") == 0)
    return "user-bookmarks-symbolic";
  if (g_strcmp0 (kind, "mastodon-favourites") == 0)
    return "starred-symbolic";
  if (g_strcmp0 (kind, "mastodon-list") == 0)
    return "view-list-symbolic";
  if (g_strcmp0 (kind, "mastodon-hashtag") == 0 || g_strcmp0 (kind, "bluesky-search") == 0)
    return "edit-find-symbolic";
  if (g_strcmp0 (kind, "pubmed") == 0)
    return "system-search-symbolic";
  return "application-rss+xml-symbolic";
}

/* The entries for @feeds and @folders (from the store; @feeds loses the
 * feeds not listed). */
static GPtrArray *
build_entries (RnSidebar *self,
               GPtrArray *feeds,
               GPtrArray *folders,
               guint     *n_feeds)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  guint total_unread = 0;
  gboolean social_heading = FALSE;

  /* A feed whose removal waits for its Undo toast is already gone here.
   * RadNet's own hidden sources are not listed, but their items are in
   * All Items, so they count there. */
  for (guint i = 0; i < feeds->len; i++)
    {
      RnFeed *feed = g_ptr_array_index (feeds, i);

      if (g_hash_table_contains (self->hidden, &((gint64) { rn_feed_get_id (feed) })))
        {
          g_ptr_array_remove_index (feeds, i--);
          continue;
        }
      total_unread += rn_feed_get_unread_count (feed);
      if (rn_feed_is_hidden (feed))
        g_ptr_array_remove_index (feeds, i--);
    }
  *n_feeds = feeds->len;

  add_entry (out, RN_SIDEBAR_ALL, 0, _("All Items"), "view-list-bullet-symbolic", total_unread, NULL, FALSE);
  add_entry (out, RN_SIDEBAR_UNREAD, 0, _("Unread"), "mail-unread-symbolic", total_unread, NULL, FALSE);
  add_entry (out, RN_SIDEBAR_STARRED, 0, _("Starred"), "starred-symbolic", 0, NULL, FALSE);
  add_entry (out, RN_SIDEBAR_READING_LIST, 0, _("Reading List"), "user-bookmarks-symbolic", 0, NULL, FALSE);

  if (feeds->len == 0)
    return g_steal_pointer (&out);

  add_entry (out, RN_SIDEBAR_HEADING, 0, _("Sources"), NULL, 0, NULL, FALSE);

  /* Feeds without a folder first, then each folder with its feeds; the
   * store lists feeds in folder order already. */
  for (guint i = 0; i < feeds->len; i++)
    {
      RnFeed *feed = g_ptr_array_index (feeds, i);

      if (rn_feed_get_folder_id (feed) == 0 && !is_social (feed))
        add_entry (out, RN_SIDEBAR_FEED, rn_feed_get_id (feed), rn_feed_get_title (feed),
                   feed_icon (feed), rn_feed_get_unread_count (feed),
                   rn_feed_get_error (feed), FALSE);
    }
  for (guint k = 0; k < folders->len; k++)
    {
      RnFolder *folder = g_ptr_array_index (folders, k);
      gint64 folder_id = rn_folder_get_id (folder);

      add_entry (out, RN_SIDEBAR_FOLDER, folder_id, rn_folder_get_title (folder),
                 "folder-symbolic", rn_folder_get_unread_count (folder), NULL, FALSE);
      for (guint i = 0; i < feeds->len; i++)
        {
          RnFeed *feed = g_ptr_array_index (feeds, i);

          if (rn_feed_get_folder_id (feed) == folder_id && !is_social (feed))
            add_entry (out, RN_SIDEBAR_FEED, rn_feed_get_id (feed), rn_feed_get_title (feed),
                       feed_icon (feed), rn_feed_get_unread_count (feed),
                       rn_feed_get_error (feed), TRUE);
        }
    }

  for (guint i = 0; i < feeds->len; i++)
    {
      RnFeed *feed = g_ptr_array_index (feeds, i);

      if (!is_social (feed))
        continue;
      if (!social_heading)
        {
          /* Its context menu manages accounts and hashtags. */
          add_entry (out, RN_SIDEBAR_HEADING, RN_SIDEBAR_ACCOUNTS_HEADING, _("Accounts"), NULL, 0, NULL, FALSE);
          social_heading = TRUE;
        }
      add_entry (out, RN_SIDEBAR_FEED, rn_feed_get_id (feed), rn_feed_get_title (feed), feed_icon (feed),
                 rn_feed_get_unread_count (feed), rn_feed_get_error (feed), FALSE);
    }
  return g_steal_pointer (&out);
}

static gboolean
same_shape (GListModel *model,
            GPtrArray  *fresh)
{
  if (g_list_model_get_n_items (model) != fresh->len)
    return FALSE;
  for (guint i = 0; i < fresh->len; i++)
    {
      g_autoptr(RnSidebarEntry) old = g_list_model_get_item (model, i);
      RnSidebarEntry *e = g_ptr_array_index (fresh, i);

      if (!rn_sidebar_entry_same (old, e) || rn_sidebar_entry_get_nested (old) != rn_sidebar_entry_get_nested (e))
        return FALSE;
    }
  return TRUE;
}

/* Up to @n of the entries held back join the list; FALSE when none is left. */
static gboolean
add_some_pending (RnSidebar *self,
                  guint      n)
{
  guint first = self->pending_added;

  if (self->pending == NULL)
    return FALSE;
  n = MIN (n, self->pending->len - first);
  self->pending_added += n;
  g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)), 0,
                       self->pending->pdata + first, n);
  if (self->pending_added < self->pending->len)
    return TRUE;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  return FALSE;
}

/* All of them, now. */
static void
add_pending (RnSidebar *self)
{
  g_clear_handle_id (&self->pending_idle, g_source_remove);
  add_some_pending (self, G_MAXUINT);
}

/* A few per idle, so that no idle makes many rows. */
static gboolean
add_pending_cb (gpointer data)
{
  RnSidebar *self = data;

  if (add_some_pending (self, ROWS_PER_IDLE))
    return G_SOURCE_CONTINUE;
  self->pending_idle = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_frame (RnSidebar *self)
{
  if (self->after_paint_id != 0)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

static void
on_after_paint (GdkFrameClock *clock,
                RnSidebar     *self)
{
  stop_waiting_for_frame (self);
  self->drawn = TRUE;
  if (self->pending != NULL && self->pending_idle == 0)
    self->pending_idle = g_idle_add_full (G_PRIORITY_LOW, add_pending_cb, self, NULL);
}

static void
rn_sidebar_map (GtkWidget *widget)
{
  RnSidebar *self = RN_SIDEBAR (widget);

  GTK_WIDGET_CLASS (rn_sidebar_parent_class)->map (widget);
  if (!self->drawn && self->after_paint_id == 0)
    {
      self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint", G_CALLBACK (on_after_paint), self);
    }
}

/* Replaces every entry; before the first frame, only the first ones. */
static void
replace_entries (RnSidebar *self,
                 GPtrArray *fresh,
                 guint      keep)
{
  guint now = fresh->len;

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_handle_id (&self->pending_idle, g_source_remove);
  if (!self->drawn && fresh->len > ROWS_BEFORE_FIRST_FRAME
      && (keep == GTK_INVALID_LIST_POSITION || keep < ROWS_BEFORE_FIRST_FRAME))
    {
      now = ROWS_BEFORE_FIRST_FRAME;
      self->pending_added = now;
      self->pending = g_ptr_array_ref (fresh);
    }
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       fresh->pdata, now);
}

/* Puts @fresh in place of the entries: in place when only counts,
 * titles or errors changed, which keeps the rows and the selection. */
static void
apply_entries (RnSidebar *self,
               GPtrArray *fresh,
               guint      n_feeds,
               gint64     start)
{
  g_autoptr(RnSidebarEntry) selected = NULL;
  guint old_n_feeds = self->n_feeds;

  self->n_feeds = n_feeds;
  self->generation++;
  add_pending (self);
  if (same_shape (G_LIST_MODEL (self->entries), fresh))
    {
      for (guint i = 0; i < fresh->len; i++)
        {
          g_autoptr(RnSidebarEntry) old = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
          RnSidebarEntry *e = g_ptr_array_index (fresh, i);

          rn_sidebar_entry_set_title (old, rn_sidebar_entry_get_title (e));
          rn_sidebar_entry_set_unread (old, rn_sidebar_entry_get_unread (e));
          rn_sidebar_entry_set_error (old, rn_sidebar_entry_get_error (e));
        }
    }
  else
    {
      RnSidebarEntry *current = gtk_single_selection_get_selected_item (self->selection);
      guint keep = GTK_INVALID_LIST_POSITION;

      if (current != NULL)
        selected = g_object_ref (current);
      for (guint i = 0; selected != NULL && i < fresh->len; i++)
        if (rn_sidebar_entry_same (selected, g_ptr_array_index (fresh, i)))
          keep = i;
      replace_entries (self, fresh, keep);
      /* The selected feed went away: fall back to All Items. */
      gtk_single_selection_set_selected (self->selection, keep != GTK_INVALID_LIST_POSITION ? keep : 0);
    }
  if (old_n_feeds != self->n_feeds)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FEEDS]);
  self->last_reload = g_get_monotonic_time ();
  self->reload_cost = self->last_reload - start;
  g_debug ("Sidebar listed %u feeds in %.1f ms", self->n_feeds, self->reload_cost / 1000.0);
}

/* Reads the feeds now, on this thread: when the sidebar must be right at
 * once (a source added or removed by the user, a new store). */
void
rn_sidebar_reload (RnSidebar *self)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  g_autoptr(GError) error = NULL;
  guint n_feeds;
  gint64 start;

  g_return_if_fail (RN_IS_SIDEBAR (self));

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  start = g_get_monotonic_time ();
  if (self->store != NULL)
    {
      feeds = rn_feed_store_list_feeds (self->store, &error);
      if (feeds == NULL)
        g_warning ("Cannot list feeds: %s", error->message);
      g_clear_error (&error);
      folders = rn_feed_store_list_folders (self->store, &error);
      if (folders == NULL)
        g_warning ("Cannot list folders: %s", error->message);
    }
  if (feeds == NULL)
    feeds = g_ptr_array_new_with_free_func (g_object_unref);
  if (folders == NULL)
    folders = g_ptr_array_new_with_free_func (g_object_unref);
  fresh = build_entries (self, feeds, folders, &n_feeds);
  apply_entries (self, fresh, n_feeds, start);
}

static void on_feeds_changed (RnStore   *store,
                              RnSidebar *self);

/* A listing queued or running is dropped; its callback sees it cancelled. */
static void
stop_listing (RnSidebar *self)
{
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
}

/* The feeds changed while they could not be read: read them now. */
static void
relist_if_asked (RnSidebar *self)
{
  if (self->relist && self->store != NULL)
    {
      self->relist = FALSE;
      on_feeds_changed (self->store, self);
    }
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RnSidebar *self = user_data;   /* alive unless cancelled: dispose and unrealize cancel */
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GError) error = NULL;

  if (!rn_feed_store_list_finish (RN_STORE (source), result, &feeds, &folders, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot list feeds: %s", error->message);
    }
  g_clear_object (&self->listing);
  if (feeds != NULL && RN_STORE (source) == self->store && self->listing_generation == self->generation)
    {
      guint n_feeds;

      fresh = build_entries (self, feeds, folders, &n_feeds);
      apply_entries (self, fresh, n_feeds, self->listing_start);
    }
  relist_if_asked (self);
}

/* During a refresh the feeds change all the time: they are read on a
 * worker, one listing at a time. */
static gboolean
reload_idle_cb (gpointer data)
{
  RnSidebar *self = data;

  self->reload_idle = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  if (self->listing != NULL)
    {
      self->relist = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->listing = g_cancellable_new ();
  self->listing_start = g_get_monotonic_time ();
  self->listing_generation = self->generation;
  rn_feed_store_list_async (self->store, self->listing, on_listed, self);
  return G_SOURCE_REMOVE;
}

/* Marking many items read sends a burst of signals: read once. */
static void
on_feeds_changed (RnStore   *store,
                  RnSidebar *self)
{
  gint64 wait_ms;

  if (self->reload_idle != 0)
    return;
  wait_ms = (self->last_reload + RELOAD_SPACING * self->reload_cost - g_get_monotonic_time ()) / 1000;
  if (wait_ms <= 0)
    self->reload_idle = g_idle_add_full (G_PRIORITY_DEFAULT, reload_idle_cb, self, NULL);
  else
    self->reload_idle = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) wait_ms, reload_idle_cb, self, NULL);
}

/* A window being closed unrealizes its widgets before its library goes
 * away: a listing still on its way would read a store that may be gone.
 * It is stopped here and read again if the sidebar is shown again. */
static void
rn_sidebar_unrealize (GtkWidget *widget)
{
  RnSidebar *self = RN_SIDEBAR (widget);

  if (self->listing != NULL || self->reload_idle != 0)
    self->relist = TRUE;
  stop_listing (self);
  GTK_WIDGET_CLASS (rn_sidebar_parent_class)->unrealize (widget);
}

static void
rn_sidebar_realize (GtkWidget *widget)
{
  RnSidebar *self = RN_SIDEBAR (widget);

  GTK_WIDGET_CLASS (rn_sidebar_parent_class)->realize (widget);
  relist_if_asked (self);
}

static void
on_selection_changed (RnSidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ENTRY]);
}

static void
on_row_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  RnSidebar *self = RN_SIDEBAR (gtk_widget_get_ancestor (row, RN_TYPE_SIDEBAR));
  RnSidebarEntry *entry = gtk_list_item_get_item (list_item);
  GtkWidget *popover;

  if (self == NULL || entry == NULL)
    return;
  if (rn_sidebar_entry_get_kind (entry) == RN_SIDEBAR_HEADING
      && rn_sidebar_entry_get_id (entry) == RN_SIDEBAR_ACCOUNTS_HEADING)
    popover = gtk_popover_menu_new_from_model (self->accounts_menu_model);
  else if (rn_sidebar_entry_get_kind (entry) == RN_SIDEBAR_FEED || rn_sidebar_entry_get_kind (entry) == RN_SIDEBAR_FOLDER)
    {
      gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
      popover = gtk_popover_menu_new_from_model (self->feed_menu_model);
    }
  else
    return;

  gtk_widget_set_parent (popover, row);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  GtkWidget *row = rn_sidebar_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed_cb), list_item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  data)
{
  RnSidebarEntry *entry = gtk_list_item_get_item (list_item);
  gboolean heading = rn_sidebar_entry_get_kind (entry) == RN_SIDEBAR_HEADING;

  rn_sidebar_row_set_entry (RN_SIDEBAR_ROW (gtk_list_item_get_child (list_item)), entry);
  gtk_list_item_set_selectable (list_item, !heading);
  gtk_list_item_set_activatable (list_item, !heading);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  rn_sidebar_row_set_entry (RN_SIDEBAR_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
rn_sidebar_dispose (GObject *object)
{
  RnSidebar *self = RN_SIDEBAR (object);

  stop_listing (self);
  g_clear_handle_id (&self->pending_idle, g_source_remove);
  stop_waiting_for_frame (self);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (self->store != NULL)
    g_clear_signal_handler (&self->feeds_changed_id, self->store);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_SIDEBAR);
  /* A template child without an id is not unparented by the above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->hidden, g_hash_table_unref);

  G_OBJECT_CLASS (rn_sidebar_parent_class)->dispose (object);
}

static void
rn_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RnSidebar *self = RN_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ENTRY:
      g_value_set_object (value, rn_sidebar_get_selected_entry (self));
      break;
    case PROP_N_FEEDS:
      g_value_set_uint (value, self->n_feeds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_sidebar_class_init (RnSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_sidebar_dispose;
  widget_class->map = rn_sidebar_map;
  widget_class->realize = rn_sidebar_realize;
  widget_class->unrealize = rn_sidebar_unrealize;
  object_class->get_property = rn_sidebar_get_property;

  properties[PROP_SELECTED_ENTRY] =
    g_param_spec_object ("selected-entry", NULL, NULL, RN_TYPE_SIDEBAR_ENTRY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_FEEDS] =
    g_param_spec_uint ("n-feeds", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, RnSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, RnSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, RnSidebar, feed_menu_model);
  gtk_widget_class_bind_template_child (widget_class, RnSidebar, accounts_menu_model);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rnsidebar");
}

static void
rn_sidebar_init (RnSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->entries = g_list_store_new (RN_TYPE_SIDEBAR_ENTRY);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  rn_sidebar_reload (self);
}

void
rn_sidebar_set_store (RnSidebar *self,
                      RnStore   *store)
{
  g_return_if_fail (RN_IS_SIDEBAR (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->feeds_changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->feeds_changed_id = g_signal_connect (store, "feeds-changed", G_CALLBACK (on_feeds_changed), self);
  rn_sidebar_reload (self);
}

RnSidebarEntry *
rn_sidebar_get_selected_entry (RnSidebar *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
rn_sidebar_select (RnSidebar     *self,
                   RnSidebarKind  kind,
                   gint64         id)
{
  GListModel *model;

  g_return_val_if_fail (RN_IS_SIDEBAR (self), FALSE);
  add_pending (self);
  model = G_LIST_MODEL (self->entries);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RnSidebarEntry) e = g_list_model_get_item (model, i);

      if (rn_sidebar_entry_get_kind (e) == kind && rn_sidebar_entry_get_id (e) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

guint
rn_sidebar_get_n_feeds (RnSidebar *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR (self), 0);
  return self->n_feeds;
}

GListModel *
rn_sidebar_get_model (RnSidebar *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->entries);
}

void
rn_sidebar_set_feed_hidden (RnSidebar *self,
                            gint64     feed_id,
                            gboolean   hidden)
{
  g_return_if_fail (RN_IS_SIDEBAR (self));

  if (hidden)
    g_hash_table_add (self->hidden, g_memdup2 (&feed_id, sizeof feed_id));
  else
    g_hash_table_remove (self->hidden, &feed_id);
  rn_sidebar_reload (self);
}
