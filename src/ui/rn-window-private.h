/* rn-window-private.h: what the files of the main window share. */
#pragma once

#include "deck/rn-deck.h"
#include "items/rn-item-list-view.h"
#include "reader/rn-reader-view.h"
#include "reading/rn-reading-page.h"
#include "rn-image-cache.h"
#include "rn-window.h"
#include "sidebar/rn-sidebar.h"

G_BEGIN_DECLS

struct _RnWindow
{
  AdwApplicationWindow  parent_instance;

  RnContext            *context;
  RnStore              *store;
  GSettings            *settings;
  RnImageCache         *images;
  GNetworkMonitor      *network;
  RnItemList           *items;         /* the list shown */
  RnItem               *item;          /* the item in the reader */
  GSignalGroup         *item_signals;
  GSignalGroup         *entry_signals;   /* the selected sidebar entry */
  GArray               *undo_ids;      /* of the last mark-all-read */
  AdwToast             *undo_toast;
  gboolean              sidebar_visible;
  gboolean              columns_visible;
  gulong                network_id;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_pane;
  GtkWidget            *sidebar_separator;
  AdwHeaderBar         *sidebar_header;
  RnSidebar            *sidebar;
  GtkWidget            *content_pane;
  AdwHeaderBar         *content_header;
  AdwWindowTitle       *list_title;
  GtkWidget            *content_back_button;
  GtkWidget            *sidebar_button;
  GtkWidget            *search_button;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  GtkProgressBar       *refresh_bar;
  GtkWidget            *refresh_progress_button;
  RnRefresher          *refresher;
  GCancellable         *refresh_cancellable;
  GtkRevealer          *offline_revealer;
  AdwViewStack         *content_stack;
  RnItemListView       *item_list_view;
  RnDeck               *deck;
  GtkWidget            *columns_button;
  GtkWidget            *reader_pane;
  AdwHeaderBar         *reader_header;
  AdwWindowTitle       *reader_title;
  GtkButton            *save_button;
  RnReadingPage        *reading_page;
  RnReadingList        *reading_list;
  GtkWidget            *reader_back_button;
  GtkButton            *star_button;
  GtkButton            *unread_button;
  RnReaderView         *reader_view;
};

/* rn-window-actions.c */
void _rn_window_class_actions_init (GtkWidgetClass *widget_class);
void _rn_window_update_actions     (RnWindow       *self);

/* rn-window-state.c: size, maximised state and layout in GSettings */
void _rn_window_restore_state      (RnWindow       *self);
void _rn_window_save_state         (RnWindow       *self);

/* rn-window.c */
/* The item with @item_id as lists show it, or NULL. */
RnItem *_rn_window_lookup_item     (RnWindow       *self,
                                    gint64          item_id);
void _rn_window_reload_items       (RnWindow       *self);
void _rn_window_show_error         (RnWindow       *self,
                                    const char     *message);
/* Refreshes one feed (> 0), a folder (> 0) or all, as the user asked. */
void _rn_window_refresh            (RnWindow       *self,
                                    gint64          feed_id,
                                    gint64          folder_id);

G_END_DECLS
