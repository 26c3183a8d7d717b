/* rn-list-loader.h: says when a scrolled list comes near its end, so that
 * its view reads the next page of a paged column.
 *
 * Columns grow as they are scrolled, not when GTK reads their last rows:
 * GTK 4.8's list view reads, and builds a row widget for, every row of a
 * short model, so a column grown on reads went on growing to about 200
 * rows (a few hundred milliseconds of the main loop) after every search,
 * for rows nobody had scrolled to. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RN_TYPE_LIST_LOADER (rn_list_loader_get_type ())
G_DECLARE_FINAL_TYPE (RnListLoader, rn_list_loader, RN, LIST_LOADER, GObject)

/* Watches @scroller's vertical adjustment and @shown, the model its list
 * view shows. RnListLoader::near-end is emitted from an idle (never while
 * the list is being laid out) when the visible part is within two screens
 * of the end, and again after each change while it still is. */
RnListLoader *rn_list_loader_new   (GtkScrolledWindow *scroller,
                                    GListModel        *shown);
/* Whether there is more to let in; when FALSE nothing is emitted. */
void          rn_list_loader_set_more (RnListLoader   *self,
                                       gboolean        more);

G_END_DECLS
