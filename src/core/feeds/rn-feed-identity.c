/* rn-feed-identity.c: stable item identity, see rn-feed-identity.h. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <string.h>

#include "rn-feed-identity.h"

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Length of "scheme://" at the start of @s, or 0. */
static gsize
url_scheme_length (const char *s)
{
  gsize i = 0;

  if (!g_ascii_isalpha (s[0]))
    return 0;
  while (g_ascii_isalnum (s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
    i++;
  if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
    return i + 3;
  return 0;
}

char *
rn_feed_identity_normalize (const char *id)
{
  GString *out;
  gsize scheme_len;
  const char *p;

  if (id == NULL)
    return NULL;

  out = g_string_sized_new (strlen (id));
  p = id;
  while (is_space (*p))
    p++;
  while (*p != '\0')
    {
      if (is_space (*p))
        {
          while (is_space (*p))
            p++;
          if (*p != '\0')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  scheme_len = url_scheme_length (out->str);
  if (scheme_len > 0)
    {
      gsize i;

      for (i = 0; i < scheme_len; i++)
        out->str[i] = g_ascii_tolower (out->str[i]);
      /* The authority ends at the first '/', '?' or '#'; user info
       * ("user@") is case-sensitive and kept as is. */
      {
        gsize auth_end = scheme_len;
        gsize host_start = scheme_len;

        while (auth_end < out->len && out->str[auth_end] != '/' &&
               out->str[auth_end] != '?' && out->str[auth_end] != '#')
          {
            if (out->str[auth_end] == '@')
              host_start = auth_end + 1;
            auth_end++;
          }
        for (i = host_start; i < auth_end; i++)
          out->str[i] = g_ascii_tolower (out->str[i]);
      }
    }
  return g_string_free (out, FALSE);
}

char *
rn_parsed_entry_identity (const RnParsedEntry *entry)
{
  char *id;
  gint64 date;
  g_autoptr(GChecksum) sum = NULL;
  g_autofree char *date_text = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  if ((id = rn_feed_identity_normalize (entry->id)) != NULL)
    return id;
  if ((id = rn_feed_identity_normalize (entry->link)) != NULL)
    return id;
  if (entry->title == NULL || entry->title[0] == '\0')
    return NULL;

  date = entry->published != RN_NO_DATE ? entry->published : entry->updated;
  date_text = date == RN_NO_DATE ? g_strdup ("") : g_strdup_printf ("%" G_GINT64_FORMAT, date);
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, (const guchar *) entry->title, strlen (entry->title));
  /* The NUL keeps "ab"+"1" apart from "a"+"b1". */
  g_checksum_update (sum, (const guchar *) "", 1);
  g_checksum_update (sum, (const guchar *) date_text, strlen (date_text));
  return g_strconcat ("rn-hash:", g_checksum_get_string (sum), NULL);
}
