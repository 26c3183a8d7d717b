/* rn-item-list-view.h: the list of items of the selected place, with the
 * search bar above it and an empty state. */
#pragma once

#include <adwaita.h>

#include "feeds/rn-item-list.h"
#include "rn-image-cache.h"

G_BEGIN_DECLS

#define RN_TYPE_ITEM_LIST_VIEW (rn_item_list_view_get_type ())
G_DECLARE_FINAL_TYPE (RnItemListView, rn_item_list_view, RN, ITEM_LIST_VIEW, GtkWidget)

void        rn_item_list_view_set_image_cache (RnItemListView *self,
                                               RnImageCache   *images);
/* Whether thumbnails may be fetched (remote-images is 'load'). */
void        rn_item_list_view_set_load_remote (RnItemListView *self,
                                               gboolean        load_remote);
/* The place's list (shown unless a search's results are). */
void        rn_item_list_view_set_model       (RnItemListView *self,
                                               RnItemList     *model);
/* A search's results (any GListModel of RnItem: an RnColumn), shown in
 * place of the list, which keeps its rows and scroll position. */
void        rn_item_list_view_show_results    (RnItemListView *self,
                                               GListModel     *results);
/* The list again, as it was; the results are let go. */
void        rn_item_list_view_show_list       (RnItemListView *self);
/* The model shown (the place's RnItemList, or the search's results). */
GListModel *rn_item_list_view_get_model       (RnItemListView *self);
/* What the empty list says. */
void        rn_item_list_view_set_empty_state (RnItemListView *self,
                                               const char     *icon_name,
                                               const char     *title,
                                               const char     *description);
/* (nullable) (transfer none) */
RnItem     *rn_item_list_view_get_selected    (RnItemListView *self);
guint       rn_item_list_view_get_selected_position (RnItemListView *self);
/* Moves the selection by @delta rows and scrolls to it; FALSE at an end. */
gboolean    rn_item_list_view_select_offset   (RnItemListView *self,
                                               int             delta);
gboolean    rn_item_list_view_select_position (RnItemListView *self,
                                               guint           position);
/* Scrolls so the row at @position shows, without selecting it. */
gboolean    rn_item_list_view_scroll_to_position (RnItemListView *self,
                                                  guint           position);
void        rn_item_list_view_set_search_mode (RnItemListView *self,
                                               gboolean        search_mode);
gboolean    rn_item_list_view_get_search_mode (RnItemListView *self);
const char *rn_item_list_view_get_search_text (RnItemListView *self);
void        rn_item_list_view_set_search_text (RnItemListView *self,
                                               const char     *text);
void        rn_item_list_view_focus_list      (RnItemListView *self);
/* For benchmarks: the scroll position of the list. */
GtkAdjustment *rn_item_list_view_get_vadjustment (RnItemListView *self);

G_END_DECLS
