/* rn-query-help.h: a popover that lists every operator of the search
 * language with an example; choosing one inserts the example. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A GtkPopover; examples go into @target at its cursor. */
GtkWidget *rn_query_help_new         (GtkEditable *target);
/* The number of entries listed (for tests). */
guint      rn_query_help_n_entries   (void);

G_END_DECLS
