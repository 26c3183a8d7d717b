/* rn-format.c: relative dates for item rows. */
#define G_LOG_DOMAIN "rn-format"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-format.h"

/* translators may choose formats that pad */
static char *
format_stripped (GDateTime  *dt,
                 const char *format)
{
  char *text = g_date_time_format (dt, format);

  return text != NULL ? g_strstrip (text) : g_strdup ("");
}

char *
rn_format_relative_date (gint64 when,
                         gint64 now)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  gint64 delta = now - when;
  gint64 since_midnight;

  if (when <= 0)
    return g_strdup ("");

  /* A date slightly in the future (clock skew of the publisher) reads as now. */
  if (delta < 60)
    return g_strdup (_("Just now"));
  if (delta < 60 * 60)
    {
      int min = (int) (delta / 60);
      /* Translators: a short relative time in an item list */
      return g_strdup_printf (ngettext ("%d min ago", "%d min ago", min), min);
    }

  then = g_date_time_new_from_unix_local (when);
  today = g_date_time_new_from_unix_local (now);
  if (then == NULL || today == NULL)
    return g_strdup ("");
  midnight = g_date_time_new_local (g_date_time_get_year (today), g_date_time_get_month (today),
                                    g_date_time_get_day_of_month (today), 0, 0, 0);
  since_midnight = now - g_date_time_to_unix (midnight);

  if (delta <= since_midnight)
    {
      int h = (int) (delta / 3600);
      return g_strdup_printf (ngettext ("%d h ago", "%d h ago", h), h);
    }
  if (delta <= since_midnight + 24 * 3600)
    return g_strdup (_("Yesterday"));
  if (delta <= since_midnight + 6 * 24 * 3600)
    /* Translators: weekday name, see strftime */
    return format_stripped (then, _("%A"));
  if (g_date_time_get_year (then) == g_date_time_get_year (today))
    /* Translators: day and month, see strftime */
    return format_stripped (then, _("%-d %b"));
  /* Translators: day, month and year, see strftime */
  return format_stripped (then, _("%-d %b %Y"));
}

char *
rn_format_full_date (gint64 when)
{
  g_autoptr(GDateTime) then = NULL;
  g_autofree char *text = NULL;

  if (when <= 0)
    return g_strdup ("");
  then = g_date_time_new_from_unix_local (when);
  if (then == NULL)
    return g_strdup ("");
  /* Translators: date and time in the reader, see strftime */
  text = g_date_time_format (then, _("%-d %B %Y, %H:%M"));
  return g_strdup (g_strstrip (text));
}
