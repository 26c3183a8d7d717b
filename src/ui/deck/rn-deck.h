/* rn-deck.h: the saved-search columns side by side.
 *
 * Wide, the columns sit in a horizontally scrolling row; narrower than
 * RN_DECK_NARROW_WIDTH, one column at a time in a carousel with dots.
 * Ctrl+Left/Right move the keyboard focus between columns, Up/Down move
 * within one. The deck owns the RnColumnStore, the column dialogs, the
 * undo of a removal and the notifications about new matches. */
#pragma once

#include <adwaita.h>

#include "rn-image-cache.h"
#include "accounts/rn-credentials.h"
#include "net/rn-http.h"
#include "search/rn-column-store.h"

G_BEGIN_DECLS

#define RN_DECK_NARROW_WIDTH 600

#define RN_TYPE_DECK (rn_deck_get_type ())
G_DECLARE_FINAL_TYPE (RnDeck, rn_deck, RN, DECK, GtkWidget)

/* Loads the columns of @store. */
void           rn_deck_set_store       (RnDeck       *self,
                                        RnStore      *store,
                                        RnImageCache *images);
RnColumnStore *rn_deck_get_columns     (RnDeck       *self);
/* Lets columns ask signed-in accounts for results (see
 * rn-account-search.h): a column does when it is saved, all of them on
 * rn_deck_search_remote(). */
void           rn_deck_set_remote_search (RnDeck        *self,
                                          RnHttp        *http,
                                          RnCredentials *credentials);
void           rn_deck_search_remote   (RnDeck       *self);
/* Opens the column dialog: @column NULL adds one, with @name and @query
 * filled in. */
void           rn_deck_edit_column     (RnDeck       *self,
                                        RnColumn     *column,
                                        const char   *name,
                                        const char   *query);
/* Removes a column and offers to undo it in a toast. */
gboolean       rn_deck_remove_column   (RnDeck       *self,
                                        RnColumn     *column,
                                        GError      **error);
gboolean       rn_deck_undo_remove     (RnDeck       *self);
/* The column view at @index, or NULL. */
GtkWidget     *rn_deck_get_column_view (RnDeck       *self,
                                        guint         index);
/* Index of the column holding the keyboard focus (or last shown), -1. */
int            rn_deck_get_focus_index (RnDeck       *self);
gboolean       rn_deck_focus_column    (RnDeck       *self,
                                        guint         index);
gboolean       rn_deck_get_narrow      (RnDeck       *self);
/* (nullable) (transfer none): the item last selected in any column */
RnItem        *rn_deck_get_selected    (RnDeck       *self);

G_END_DECLS
