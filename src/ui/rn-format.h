/* rn-format.h: how dates and counts read in lists and the reader. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Just now", "5 min ago", "3 h ago", "Yesterday", "Monday", "12 Mar",
 * "12 Mar 2021". @when and @now are Unix seconds; @when 0 gives "". */
char *rn_format_relative_date (gint64 when,
                               gint64 now);
/* A full local date and time, for the reader and tooltips. */
char *rn_format_full_date     (gint64 when);

G_END_DECLS
