/* rn-feed-date.h: the dates feeds write, read into Unix time. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads an RFC 822 / RFC 2822 date (and the sloppy variants found in RSS:
 * missing seconds or weekday, a wrong weekday, two-digit years, named and
 * military zones) or an ISO 8601 / RFC 3339 / W3C-DTF date (date only, no
 * seconds, fractional seconds, "Z" or offsets, a space instead of "T").
 * Returns Unix seconds UTC, or RN_NO_DATE when @text is NULL or cannot be
 * read: a date is never guessed. Pure and thread-safe. */
gint64 rn_feed_date_parse      (const char *text);

/* "YYYY-MM-DDTHH:MM:SSZ", or NULL for RN_NO_DATE or an out-of-range value. */
char  *rn_feed_date_to_iso8601 (gint64      unix_time);

G_END_DECLS
