#define G_LOG_DOMAIN "rn-zotero"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rn-export-private.h"
#include "rn-reading-fetch.h"
#include "rn-zotero.h"

#define PING_TIMEOUT_MS   3000
/* Zotero may ask the user where to save; give it time. */
#define SAVE_TIMEOUT_MS   60000
#define MAX_ANSWER        (256 * 1024)
/* What the connector protocol of Zotero 6 and 7 speaks. */
#define CONNECTOR_API_VERSION "3"

struct _RnZotero
{
  GObject      parent_instance;
  SoupSession *session;
  char        *base_url;
};

G_DEFINE_FINAL_TYPE (RnZotero, rn_zotero, G_TYPE_OBJECT)
G_DEFINE_QUARK (rn-zotero-error-quark, rn_zotero_error)

/* CSL types → Zotero item types and where each puts its container. */
static const struct
{
  const char *csl;
  const char *item_type;
  const char *container;
  const char *creator;      /* the creator type of the authors */
  gboolean    has_doi;      /* has a DOI field (else DOI goes to Extra) */
} types[] = {
  { "article-journal", "journalArticle", "publicationTitle", "author", TRUE },
  { "review", "journalArticle", "publicationTitle", "author", TRUE },
  { "article-magazine", "magazineArticle", "publicationTitle", "author", FALSE },
  { "article-newspaper", "newspaperArticle", "publicationTitle", "author", FALSE },
  { "article", "preprint", "repository", "author", TRUE },
  { "book", "book", NULL, "author", FALSE },
  { "chapter", "bookSection", "bookTitle", "author", FALSE },
  { "paper-conference", "conferencePaper", "proceedingsTitle", "author", TRUE },
  { "thesis", "thesis", NULL, "author", FALSE },
  { "report", "report", NULL, "author", FALSE },
  { "dataset", "dataset", "repository", "author", TRUE },
  { "webpage", "webpage", "websiteTitle", "author", FALSE },
  { "post-weblog", "blogPost", "blogTitle", "author", FALSE },
  { "post", "forumPost", "forumTitle", "author", FALSE },
  { "broadcast", "podcast", "seriesTitle", "podcaster", FALSE },
};

static void
rn_zotero_finalize (GObject *object)
{
  RnZotero *self = RN_ZOTERO (object);

  g_clear_object (&self->session);
  g_free (self->base_url);

  G_OBJECT_CLASS (rn_zotero_parent_class)->finalize (object);
}

static void
rn_zotero_class_init (RnZoteroClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_zotero_finalize;
}

static void
rn_zotero_init (RnZotero *self)
{
}

static gboolean
is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    return FALSE;
  host = g_uri_get_host (uri);
  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1") ||
                          g_str_equal (host, "localhost"));
}

RnZotero *
rn_zotero_new (SoupSession *session,
               const char  *base_url)
{
  RnZotero *self;

  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (base_url == NULL || is_loopback (base_url), NULL);

  self = g_object_new (RN_TYPE_ZOTERO, NULL);
  self->session = session != NULL ? g_object_ref (session) : soup_session_new ();
  self->base_url = g_strdup (base_url != NULL ? base_url : RN_ZOTERO_DEFAULT_BASE_URL);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  return self;
}

static SoupMessage *
new_message (RnZotero   *self,
             const char *method,
             const char *path)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  /* Zotero refuses requests that look like they come from a web page
   * unless they say which connector protocol they speak. */
  soup_message_headers_replace (headers, "X-Zotero-Connector-API-Version", CONNECTOR_API_VERSION);
  soup_message_headers_replace (headers, "Zotero-Allowed-Request", "1");
  soup_message_headers_replace (headers, "User-Agent", PACKAGE_NAME "/" PACKAGE_VERSION);
  return msg;
}

static GError *
error_for_transport (GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (RN_ZOTERO_ERROR, RN_ZOTERO_ERROR_TIMEOUT,
                        _("Zotero did not answer in time."));
  /* Refused, unreachable, reset: nobody is there. */
  return g_error_new (RN_ZOTERO_ERROR, RN_ZOTERO_ERROR_NOT_RUNNING,
                      _("Zotero is not running. Start Zotero and try again."));
}

/* --- ping --------------------------------------------------------------- */

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = rn_reading_fetch_finish (result, &error);
  const char *data;
  gsize size;

  if (body == NULL)
    {
      g_task_return_error (task, error_for_transport (error));
      return;
    }
  data = g_bytes_get_data (body, &size);
  /* Zotero answers a GET with a short HTML page saying it is running
   * (and a POST with JSON); anything else is another program. */
  if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)) && data != NULL &&
      (g_strstr_len (data, size, "Zotero is running") != NULL ||
       (size > 0 && data[0] == '{' && g_strstr_len (data, size, "prefs") != NULL)))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_return_new_error (task, RN_ZOTERO_ERROR, RN_ZOTERO_ERROR_NOT_ZOTERO,
                           _("Another program than Zotero answers on Zotero’s port."));
}

void
rn_zotero_ping_async (RnZotero            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SoupMessage *msg;

  g_return_if_fail (RN_IS_ZOTERO (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_zotero_ping_async);
  msg = new_message (self, SOUP_METHOD_GET, "/connector/ping");
  g_task_set_task_data (task, msg, g_object_unref);
  rn_reading_fetch_async (self->session, msg, MAX_ANSWER, PING_TIMEOUT_MS, cancellable,
                          ping_cb, g_steal_pointer (&task));
}

gboolean
rn_zotero_ping_finish (RnZotero      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (RN_IS_ZOTERO (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- items -------------------------------------------------------------- */

static void
member (JsonBuilder *builder,
        const char  *name,
        const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static char *
note_html (const char *note)
{
  g_auto(GStrv) lines = g_strsplit (note, "\n", -1);
  GString *html = g_string_new ("<p>");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (html, "<br/>");
      rn_export_append_html (html, lines[i]);
    }
  g_string_append (html, "</p>");
  return g_string_free (html, FALSE);
}

JsonNode *
rn_zotero_item_to_json (RnExportEntry *entry,
                        const char    *id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) extra = g_string_new (NULL);
  RnReference *ref;
  const char *item_type = "document", *container = NULL, *creator = "author";
  const char *notice_doi = NULL;
  gboolean has_doi = FALSE;
  RnNoticeKind notice;
  int year, month, day;

  g_return_val_if_fail (entry != NULL, NULL);

  ref = entry->ref;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (rn_reference_get_csl_type (ref), types[i].csl) == 0)
      {
        item_type = types[i].item_type;
        container = types[i].container;
        creator = types[i].creator;
        has_doi = types[i].has_doi;
      }

  json_builder_begin_object (builder);
  member (builder, "id", id);
  member (builder, "itemType", item_type);
  member (builder, "title", rn_reference_get_title (ref));

  json_builder_set_member_name (builder, "creators");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rn_reference_get_n_authors (ref); i++)
    {
      RnRefName name = rn_reference_get_author (ref, i);

      json_builder_begin_object (builder);
      if (name.family != NULL)
        {
          member (builder, "firstName", name.given != NULL ? name.given : "");
          member (builder, "lastName", name.family);
        }
      else
        {
          /* One-field names: organisations. */
          member (builder, "lastName", name.literal);
          json_builder_set_member_name (builder, "fieldMode");
          json_builder_add_int_value (builder, 1);
        }
      member (builder, "creatorType", creator);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (container != NULL)
    member (builder, container, rn_reference_get (ref, RN_REF_CONTAINER_TITLE));
  if (g_str_equal (item_type, "journalArticle"))
    member (builder, "journalAbbreviation", rn_reference_get (ref, RN_REF_CONTAINER_TITLE_SHORT));
  member (builder, "volume", rn_reference_get (ref, RN_REF_VOLUME));
  member (builder, "issue", rn_reference_get (ref, RN_REF_ISSUE));
  member (builder, "pages", rn_reference_get (ref, RN_REF_PAGE));
  if (rn_reference_get_issued (ref, &year, &month, &day))
    {
      g_autofree char *date = month == 0 ? g_strdup_printf ("%04d", year)
                              : day == 0 ? g_strdup_printf ("%04d-%02d", year, month)
                              : g_strdup_printf ("%04d-%02d-%02d", year, month, day);

      member (builder, "date", date);
    }
  if (has_doi)
    member (builder, "DOI", rn_reference_get_doi (ref));
  else if (rn_reference_get_doi (ref) != NULL)
    g_string_append_printf (extra, "DOI: %s\n", rn_reference_get_doi (ref));
  if (g_str_equal (item_type, "journalArticle"))
    member (builder, "ISSN", rn_reference_get (ref, RN_REF_ISSN));
  member (builder, "url", rn_reference_get (ref, RN_REF_URL));
  member (builder, "abstractNote", rn_reference_get (ref, RN_REF_ABSTRACT));
  member (builder, "language", rn_reference_get (ref, RN_REF_LANGUAGE));
  if (g_str_equal (item_type, "book") || g_str_equal (item_type, "bookSection"))
    member (builder, "publisher", rn_reference_get (ref, RN_REF_PUBLISHER));
  /* Zotero reads these "Key: value" lines of Extra as fields. */
  if (rn_reference_get (ref, RN_REF_PMID) != NULL)
    g_string_append_printf (extra, "PMID: %s\n", rn_reference_get (ref, RN_REF_PMID));
  if (rn_reference_get (ref, RN_REF_PMCID) != NULL)
    g_string_append_printf (extra, "PMCID: %s\n", rn_reference_get (ref, RN_REF_PMCID));
  notice = rn_reference_get_notice (ref, &notice_doi, NULL, NULL);
  if (notice != RN_NOTICE_NONE)
    g_string_append_printf (extra, "Notice: %s%s%s\n", rn_notice_kind_to_string (notice),
                            notice_doi != NULL ? " doi:" : "", notice_doi != NULL ? notice_doi : "");
  if (extra->len > 0)
    {
      g_string_truncate (extra, extra->len - 1);
      member (builder, "extra", extra->str);
    }

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; entry->tags != NULL && entry->tags[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      member (builder, "tag", entry->tags[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  if (entry->note != NULL && *entry->note != '\0')
    {
      g_autofree char *html = note_html (entry->note);

      json_builder_begin_object (builder);
      member (builder, "note", html);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = rn_reading_fetch_finish (result, &error);
  guint status;

  if (body == NULL)
    {
      g_task_return_error (task, error_for_transport (error));
      return;
    }
  status = soup_message_get_status (msg);
  g_debug ("saveItems: HTTP %u", status);
  if (status == SOUP_STATUS_CREATED || status == SOUP_STATUS_OK)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, RN_ZOTERO_ERROR, RN_ZOTERO_ERROR_REJECTED,
                             _("Zotero could not save the items (HTTP %u)."), status);
}

void
rn_zotero_save_async (RnZotero            *self,
                      GPtrArray           *entries,
                      const char          *uri,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *session_id = g_uuid_string_random ();
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *msg;

  g_return_if_fail (RN_IS_ZOTERO (self));
  g_return_if_fail (entries != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_zotero_save_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("radnet-%u", i + 1);

      json_builder_add_value (builder, rn_zotero_item_to_json (g_ptr_array_index (entries, i), id));
    }
  json_builder_end_array (builder);
  member (builder, "uri", uri);
  member (builder, "sessionID", session_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  body = g_bytes_new (json, strlen (json));

  msg = new_message (self, SOUP_METHOD_POST, "/connector/saveItems");
  g_task_set_task_data (task, msg, g_object_unref);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  rn_reading_fetch_async (self->session, msg, MAX_ANSWER, SAVE_TIMEOUT_MS, cancellable,
                          save_cb, g_steal_pointer (&task));
}

gboolean
rn_zotero_save_finish (RnZotero      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (RN_IS_ZOTERO (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
