/* rn-cli-parse.c: `radnet-cli parse FILE|URL [--json]`, what RadNet reads
 * from a feed, without touching the library. */
#define G_LOG_DOMAIN "radnet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "feeds/rn-feed-date.h"
#include "feeds/rn-feed-parser.h"
#include "rn-cli.h"

#define FETCH_TIMEOUT_SECONDS 30
#define FETCH_MAX_BYTES (20 * 1024 * 1024)

/* A small blocking fetch; the CLI has no main loop to share. */
static GBytes *
fetch_url (const char  *url,
           char       **content_type,
           char       **final_uri,
           GError     **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", FETCH_TIMEOUT_SECONDS,
                                                                  "user-agent", "RadNet/" PACKAGE_VERSION,
                                                                  NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  guint8 buffer[16384];
  gssize n;
  guint status;

  if (msg == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a valid URL"), url);
      return NULL;
    }
  stream = soup_session_send (session, msg, NULL, error);
  if (stream == NULL)
    return NULL;
  status = soup_message_get_status (msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The server answered %u %s"),
                   status, soup_message_get_reason_phrase (msg));
      return NULL;
    }
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, error)) > 0)
    {
      if (body->len + (gsize) n > FETCH_MAX_BYTES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("The feed is larger than %d MiB"), FETCH_MAX_BYTES / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (body, buffer, n);
    }
  if (n < 0)
    return NULL;
  *content_type = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                          "Content-Type"));
  *final_uri = g_uri_to_string (soup_message_get_uri (msg));
  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_date (JsonBuilder *b,
          const char  *name,
          gint64       date)
{
  g_autofree char *iso = rn_feed_date_to_iso8601 (date);

  add_string (b, name, iso);
}

static JsonNode *
feed_to_json (const RnParsedFeed *feed)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "format", rn_feed_format_to_string (feed->format));
  add_string (b, "title", feed->title);
  add_string (b, "link", feed->link);
  json_builder_set_member_name (b, "recovered");
  json_builder_add_boolean_value (b, feed->recovered);
  add_string (b, "error", feed->error);
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      const RnParsedEntry *e = feed->entries->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "id", e->id);
      add_string (b, "title", e->title);
      add_string (b, "link", e->link);
      add_date (b, "published", e->published);
      add_date (b, "updated", e->updated);
      json_builder_set_member_name (b, "authors");
      json_builder_begin_array (b);
      for (guint j = 0; j < e->authors->len; j++)
        json_builder_add_string_value (b, e->authors->pdata[j]);
      json_builder_end_array (b);
      add_string (b, "doi", e->doi);
      add_string (b, "summary", e->summary);
      json_builder_set_member_name (b, "enclosures");
      json_builder_begin_array (b);
      for (guint j = 0; j < e->enclosures->len; j++)
        {
          const RnEnclosure *enc = e->enclosures->pdata[j];

          json_builder_begin_object (b);
          add_string (b, "url", enc->url);
          add_string (b, "type", enc->type);
          json_builder_set_member_name (b, "length");
          json_builder_add_int_value (b, enc->length);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL)
    g_print ("  %-11s %s\n", label, value);
}

static void
print_text (const RnParsedFeed *feed)
{
  g_print (_("Format:     %s\n"), rn_feed_format_to_string (feed->format));
  g_print (_("Title:      %s\n"), feed->title != NULL ? feed->title : "");
  g_print (_("Link:       %s\n"), feed->link != NULL ? feed->link : "");
  if (feed->self_link != NULL)
    g_print (_("Feed URL:   %s\n"), feed->self_link);
  if (feed->encoding != NULL)
    g_print (_("Encoding:   %s\n"), feed->encoding);
  if (feed->recovered)
    g_print (_("Recovered:  yes — %s\n"), feed->error != NULL ? feed->error : "");
  else
    g_print (_("Recovered:  no\n"));
  g_print (_("Entries:    %u\n"), feed->entries->len);

  for (guint i = 0; i < feed->entries->len; i++)
    {
      const RnParsedEntry *e = feed->entries->pdata[i];
      g_autofree char *published = rn_feed_date_to_iso8601 (e->published);
      g_autofree char *updated = rn_feed_date_to_iso8601 (e->updated);

      g_print ("\n[%u] %s\n", i + 1, e->title != NULL ? e->title : _("(no title)"));
      print_field (_("id:"), e->id);
      print_field (_("link:"), e->link);
      print_field (_("published:"), published);
      print_field (_("updated:"), updated);
      if (e->authors->len > 0)
        {
          g_autoptr(GString) authors = g_string_new (NULL);

          for (guint j = 0; j < e->authors->len; j++)
            g_string_append_printf (authors, "%s%s", j > 0 ? "; " : "",
                                    (const char *) e->authors->pdata[j]);
          print_field (_("authors:"), authors->str);
        }
      print_field (_("doi:"), e->doi);
      for (guint j = 0; j < e->enclosures->len; j++)
        {
          const RnEnclosure *enc = e->enclosures->pdata[j];
          g_autofree char *line = g_strdup_printf ("%s (%s, %" G_GINT64_FORMAT " bytes)", enc->url,
                                                   enc->type != NULL ? enc->type : "?", enc->length);

          print_field (_("enclosure:"), line);
        }
    }
}

int
rn_cli_parse (RnCli  *cli,
              int     argc,
              char  **argv)
{
  gboolean as_json = FALSE;
  char *content_type_option = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { "content-type", 0, 0, G_OPTION_ARG_STRING, &content_type_option,
      N_("Read a FILE as if served with this Content-Type"), N_("TYPE") },
    { NULL }
  };
  g_autofree char *content_type = NULL;
  g_autofree char *base_uri = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;
  const char *source;

  if (!rn_cli_parse_options ("parse", _("FILE|URL"), _("Show what RadNet reads from a feed"),
                             entries, &argc, &argv))
    return RN_CLI_EXIT_USAGE;
  content_type = g_steal_pointer (&content_type_option);
  if (argc != 2)
    {
      g_printerr (_("radnet-cli parse: give one FILE or URL\n"));
      return RN_CLI_EXIT_USAGE;
    }
  source = argv[1];

  if (g_str_has_prefix (source, "http://") || g_str_has_prefix (source, "https://"))
    {
      g_autofree char *served_type = NULL;

      body = fetch_url (source, &served_type, &base_uri, &error);
      if (body == NULL)
        {
          rn_cli_print_error ("parse", error);
          return RN_CLI_EXIT_NETWORK;
        }
      if (content_type == NULL)
        content_type = g_steal_pointer (&served_type);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);
      char *data = NULL;
      gsize length = 0;

      if (!g_file_load_contents (file, NULL, &data, &length, NULL, &error))
        {
          rn_cli_print_error ("parse", error);
          return RN_CLI_EXIT_IO;
        }
      /* A local file has no web address: relative links stay relative
       * unless the feed gives its own base. */
      body = g_bytes_new_take (data, length);
    }

  feed = rn_feed_parse (body, content_type, base_uri, &error);
  if (feed == NULL)
    {
      rn_cli_print_error ("parse", error);
      return RN_CLI_EXIT_INPUT;
    }

  if (as_json)
    rn_cli_print_json (feed_to_json (feed));
  else
    print_text (feed);
  return RN_CLI_EXIT_OK;
}
