/* rn-ui-shot.h: a PNG of a window as GTK renders it, waiting until the
 * window has painted (before that it has no render node). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Writes @path; returns its size in @width and @height. */
void rn_ui_shot_save (GtkWidget  *window,
                      const char *path,
                      int        *width,
                      int        *height);

G_END_DECLS
