/* rn-feed-date.c: date parsing for feeds.
 *
 * Two readers: one for ISO 8601 shaped text (it starts with a four-digit
 * year followed by '-', or is a compact YYYYMMDD), one token based for
 * everything else (RFC 822 and the many ways feeds get it wrong). Both end
 * in civil_to_unix(), which validates every field, so impossible dates
 * (Feb 30, 25:00) give RN_NO_DATE instead of a silently normalised date. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <string.h>

#include "rn-feed-date.h"
#include "rn-parsed-feed.h"

#define MAX_DATE_LENGTH 128

typedef struct
{
  int year, month, day, hour, minute, second;
  int offset_minutes;         /* east of UTC */
} Civil;

static gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && is_leap (year))
    return 29;
  return days[month - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * well-known algorithm, written out here). */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static gint64
civil_to_unix (const Civil *c)
{
  gint64 days;
  int second = c->second;

  if (c->year < 1 || c->year > 9999 || c->month < 1 || c->month > 12 ||
      c->day < 1 || c->day > days_in_month (c->year, c->month) ||
      c->hour < 0 || c->hour > 24 || c->minute < 0 || c->minute > 59 ||
      second < 0 || second > 60 ||
      c->offset_minutes < -24 * 60 || c->offset_minutes > 24 * 60)
    return RN_NO_DATE;
  /* 24:00:00 is the end of the day; 24:30 is nonsense. */
  if (c->hour == 24 && (c->minute != 0 || second != 0))
    return RN_NO_DATE;
  /* A leap second is read as the last second of its minute. */
  if (second == 60)
    second = 59;

  days = days_from_civil (c->year, c->month, c->day);
  return days * 86400 + c->hour * 3600 + c->minute * 60 + second
         - (gint64) c->offset_minutes * 60;
}

/* Reads exactly @n digits. */
static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n')
    (*p)++;
}

/* "Z", "+HH:MM", "+HHMM", "+HH", or a zone name after a space. */
static gboolean
read_numeric_offset (const char **p,
                     int         *offset)
{
  int sign, hours = 0, minutes = 0;

  if (**p != '+' && **p != '-')
    return FALSE;
  sign = **p == '-' ? -1 : 1;
  (*p)++;
  if (!read_digits (p, 2, &hours))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!read_digits (p, 2, &minutes))
        return FALSE;
    }
  else if (g_ascii_isdigit (**p))
    {
      if (!read_digits (p, 2, &minutes))
        return FALSE;
    }
  if (hours > 23 || minutes > 59)
    return FALSE;
  *offset = sign * (hours * 60 + minutes);
  return TRUE;
}

static gboolean zone_offset (const char *name, gsize len, int *offset);

static gint64
parse_iso8601 (const char *p)
{
  Civil c = { 0, 1, 1, 0, 0, 0, 0 };

  if (!read_digits (&p, 4, &c.year))
    return RN_NO_DATE;

  if (*p == '-')
    {
      p++;
      if (!read_digits (&p, 2, &c.month))
        return RN_NO_DATE;
      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, &c.day))
            return RN_NO_DATE;
        }
    }
  else if (g_ascii_isdigit (*p))
    {
      /* Compact form: YYYYMMDD */
      if (!read_digits (&p, 2, &c.month) || !read_digits (&p, 2, &c.day))
        return RN_NO_DATE;
    }

  if (*p == 'T' || *p == 't' || (*p == ' ' && g_ascii_isdigit (p[1])))
    {
      p++;
      if (!read_digits (&p, 2, &c.hour))
        return RN_NO_DATE;
      if (*p == ':')
        p++;
      if (!read_digits (&p, 2, &c.minute))
        return RN_NO_DATE;
      if (*p == ':' || g_ascii_isdigit (*p))
        {
          if (*p == ':')
            p++;
          if (!read_digits (&p, 2, &c.second))
            return RN_NO_DATE;
          /* Fractions of a second are dropped. */
          if (*p == '.' || *p == ',')
            {
              p++;
              if (!g_ascii_isdigit (*p))
                return RN_NO_DATE;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
    }

  skip_spaces (&p);
  if (*p == 'Z' || *p == 'z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      if (!read_numeric_offset (&p, &c.offset_minutes))
        return RN_NO_DATE;
    }
  else if (g_ascii_isalpha (*p))
    {
      const char *start = p;

      while (g_ascii_isalpha (*p))
        p++;
      if (!zone_offset (start, p - start, &c.offset_minutes))
        return RN_NO_DATE;
    }
  skip_spaces (&p);
  if (*p != '\0')
    return RN_NO_DATE;
  return civil_to_unix (&c);
}

static int
month_from_name (const char *name,
                 gsize       len)
{
  static const char *const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
  };
  static const char *const long_months[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
  };

  for (int i = 0; i < 12; i++)
    {
      if ((len == 3 && g_ascii_strncasecmp (name, months[i], 3) == 0) ||
          (len == strlen (long_months[i]) &&
           g_ascii_strncasecmp (name, long_months[i], len) == 0))
        return i + 1;
      /* "Sept" */
      if (i == 8 && len == 4 && g_ascii_strncasecmp (name, "sept", 4) == 0)
        return 9;
    }
  return 0;
}

static gboolean
is_weekday (const char *name,
            gsize       len)
{
  static const char *const days[] = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "tues", "thur", "thurs",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (days); i++)
    if (len == strlen (days[i]) && g_ascii_strncasecmp (name, days[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* Named zones of RFC 822 plus the common ones feeds use. Military letters
 * other than Z are read as UTC: RFC 822 gave their signs backwards and
 * RFC 2822 (section 4.3) says to treat them as -0000. */
static gboolean
zone_offset (const char *name,
             gsize       len,
             int        *offset)
{
  static const struct { const char *name; int hours; } zones[] = {
    { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "WET", 0 },
    { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
    { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
    { "AST", -4 }, { "ADT", -3 }, { "AKST", -9 }, { "AKDT", -8 },
    { "HST", -10 }, { "BST", 1 }, { "CET", 1 }, { "CEST", 2 },
    { "MET", 1 }, { "MEST", 2 }, { "EET", 2 }, { "EEST", 3 },
    { "WEST", 1 }, { "JST", 9 }, { "KST", 9 }, { "AEST", 10 },
    { "AEDT", 11 }, { "NZST", 12 }, { "NZDT", 13 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (zones); i++)
    if (len == strlen (zones[i].name) && g_ascii_strncasecmp (name, zones[i].name, len) == 0)
      {
        *offset = zones[i].hours * 60;
        return TRUE;
      }
  if (len == 1 && g_ascii_isalpha (name[0]) && g_ascii_toupper (name[0]) != 'J')
    {
      *offset = 0;
      return TRUE;
    }
  return FALSE;
}

/* hh:mm[:ss] */
static gboolean
read_time (const char *tok,
           gsize       len,
           Civil      *c)
{
  const char *p = tok;
  const char *end = tok + len;
  int *fields[] = { &c->hour, &c->minute, &c->second };
  int n = 0;

  while (p < end && n < 3)
    {
      int value = 0, digits = 0;

      while (p < end && g_ascii_isdigit (*p) && digits < 3)
        {
          value = value * 10 + (*p - '0');
          p++;
          digits++;
        }
      if (digits == 0 || digits > 2)
        return FALSE;
      *fields[n++] = value;
      if (p < end && *p == ':')
        p++;
      else
        break;
    }
  /* Fractions of a second are dropped. */
  if (p < end && *p == '.' && n == 3)
    {
      p++;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  return p == end && n >= 2;
}

static gint64
parse_rfc822 (const char *text)
{
  Civil c = { 0, 0, 0, 0, 0, 0, 0 };
  int numbers[3];
  int number_digits[3];
  int n_numbers = 0;
  gboolean have_time = FALSE, have_zone = FALSE;
  const char *utc_name_end = NULL;   /* "GMT" directly followed by an offset */
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;
      gsize len;

      while (*p == ' ' || *p == ',' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
      if (*p == '\0')
        break;
      start = p;

      if ((*p == '+' || *p == '-') && have_time && (!have_zone || p == utc_name_end))
        {
          if (!read_numeric_offset (&p, &c.offset_minutes))
            return RN_NO_DATE;
          have_zone = TRUE;
          continue;
        }

      while (*p != '\0' && *p != ' ' && *p != ',' && *p != '\t' &&
             *p != '\r' && *p != '\n' &&
             !((*p == '+' || *p == '-') && have_time && p != start))
        p++;
      len = p - start;

      if (g_ascii_isalpha (*start))
        {
          int month;
          gsize alpha = 0;

          while (alpha < len && g_ascii_isalpha (start[alpha]))
            alpha++;
          /* "Jan." or "Mon." */
          if (alpha + 1 == len && start[alpha] == '.')
            len = alpha;
          if (alpha != len)
            {
              /* "GMT+0100" */
              if (have_time && !have_zone &&
                  zone_offset (start, alpha, &c.offset_minutes) &&
                  (start[alpha] == '+' || start[alpha] == '-'))
                {
                  const char *q = start + alpha;

                  if (!read_numeric_offset (&q, &c.offset_minutes) || q != start + len)
                    return RN_NO_DATE;
                  have_zone = TRUE;
                  continue;
                }
              return RN_NO_DATE;
            }
          if ((month = month_from_name (start, len)) != 0 && c.month == 0)
            c.month = month;
          else if (is_weekday (start, len) && c.month == 0 && n_numbers == 0)
            ;   /* the weekday is ignored: feeds often get it wrong */
          else if (have_time && !have_zone && zone_offset (start, len, &c.offset_minutes))
            {
              have_zone = TRUE;
              if (c.offset_minutes == 0)
                utc_name_end = start + len;
            }
          else
            return RN_NO_DATE;
        }
      else if (g_ascii_isdigit (*start))
        {
          if (memchr (start, ':', len) != NULL)
            {
              if (have_time || !read_time (start, len, &c))
                return RN_NO_DATE;
              have_time = TRUE;
            }
          else
            {
              int value = 0;

              if (n_numbers == 3 || len > 4)
                return RN_NO_DATE;
              for (gsize i = 0; i < len; i++)
                {
                  if (!g_ascii_isdigit (start[i]))
                    return RN_NO_DATE;
                  value = value * 10 + (start[i] - '0');
                }
              numbers[n_numbers] = value;
              number_digits[n_numbers] = (int) len;
              n_numbers++;
            }
        }
      else
        return RN_NO_DATE;
    }

  if (c.month == 0 || n_numbers != 2)
    return RN_NO_DATE;

  /* "01 Jan 2004" and "Jan 01 2004": the four-digit number is the year;
   * otherwise RFC 822's order, day then year. */
  if (number_digits[0] >= 3 && number_digits[1] <= 2)
    {
      c.year = numbers[0];
      c.day = numbers[1];
      if (number_digits[0] == 3)
        return RN_NO_DATE;
    }
  else
    {
      if (number_digits[0] > 2 || number_digits[1] == 3 || number_digits[1] == 1)
        return RN_NO_DATE;
      c.day = numbers[0];
      c.year = numbers[1];
      if (number_digits[1] == 2)
        c.year += c.year < 50 ? 2000 : 1900;
    }
  return civil_to_unix (&c);
}

gint64
rn_feed_date_parse (const char *text)
{
  const char *p;
  gsize len;

  if (text == NULL)
    return RN_NO_DATE;
  p = text;
  skip_spaces (&p);
  len = strnlen (p, MAX_DATE_LENGTH + 1);
  if (len == 0 || len > MAX_DATE_LENGTH)
    return RN_NO_DATE;

  if (len >= 4 && g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) &&
      g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) &&
      (p[4] == '-' || p[4] == '\0' || g_ascii_isdigit (p[4]) || p[4] == 'T'))
    {
      gint64 t = parse_iso8601 (p);

      if (t != RN_NO_DATE)
        return t;
    }
  return parse_rfc822 (p);
}

char *
rn_feed_date_to_iso8601 (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time == RN_NO_DATE)
    return NULL;
  dt = g_date_time_new_from_unix_utc (unix_time);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
