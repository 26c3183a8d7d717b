/* rn-opml.c: OPML import and export.
 *
 * Real exports differ: Feedly and Inoreader nest feeds in `text`-only
 * outlines, Liferea marks folders with type="folder", NewsBlur and
 * Thunderbird put `title` and `text` in either order, newsboat writes a flat
 * list, some tools use `url` instead of `xmlUrl` or lower-case the
 * attribute names. An outline is a feed when it has a feed URL, and a folder
 * when it has children. */
#define G_LOG_DOMAIN "rn-opml"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include "rn-feed-store.h"
#include "rn-opml.h"
#include "store/rn-sql.h"

#define MAX_OPML_SIZE (16 * 1024 * 1024)
#define MAX_DEPTH 16

G_DEFINE_QUARK (rn-opml-error-quark, rn_opml_error)

void
rn_opml_outline_free (RnOpmlOutline *outline)
{
  if (outline == NULL)
    return;
  g_free (outline->title);
  g_free (outline->xml_url);
  g_free (outline->html_url);
  g_free (outline->kind);
  g_strfreev (outline->folders);
  g_free (outline);
}

/* Attribute names compared case-insensitively: exports disagree. */
static char *
get_attr (xmlNode    *node,
          const char *name)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      if (g_ascii_strcasecmp ((const char *) attr->name, name) == 0)
        {
          xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);
          char *result = NULL;

          if (value != NULL)
            {
              g_autofree char *copy = g_strdup ((const char *) value);
              result = g_strdup (g_strstrip (copy));
              if (*result == '\0')
                g_clear_pointer (&result, g_free);
            }
          xmlFree (value);
          return result;
        }
    }
  return NULL;
}

static gboolean
has_outline_children (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrcmp (child->name, (const xmlChar *) "outline") == 0)
      return TRUE;
  return FALSE;
}

static void
collect (xmlNode    *parent,
         GPtrArray  *path,
         GPtrArray  *out,
         guint       depth)
{
  if (depth > MAX_DEPTH)
    return;

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      g_autofree char *xml_url = NULL;
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;

      if (node->type != XML_ELEMENT_NODE || xmlStrcmp (node->name, (const xmlChar *) "outline") != 0)
        continue;

      xml_url = get_attr (node, "xmlUrl");
      if (xml_url == NULL)
        xml_url = get_attr (node, "url");
      title = get_attr (node, "title");
      text = get_attr (node, "text");

      if (xml_url != NULL && (g_str_has_prefix (xml_url, "http://") ||
                              g_str_has_prefix (xml_url, "https://") ||
                              g_str_has_prefix (xml_url, "radnet:")))
        {
          RnOpmlOutline *o = g_new0 (RnOpmlOutline, 1);
          g_autofree char *kind = get_attr (node, "radnetKind");

          o->title = g_strdup (title != NULL ? title : text);
          o->html_url = get_attr (node, "htmlUrl");
          o->kind = g_strdup (kind != NULL ? kind : "feed");
          /* RadNet's own sources (PubMed searches, hashtags) round-trip as
           * radnet:KIND?QUERY-less URLs with the address in radnetQuery. */
          if (g_str_has_prefix (xml_url, "radnet:"))
            o->xml_url = get_attr (node, "radnetQuery");
          else
            o->xml_url = g_steal_pointer (&xml_url);
          g_ptr_array_add (path, NULL);
          o->folders = g_strdupv ((char **) path->pdata);
          g_ptr_array_remove_index (path, path->len - 1);
          if (o->xml_url != NULL)
            g_ptr_array_add (out, o);
          else
            rn_opml_outline_free (o);
        }
      else if (has_outline_children (node))
        {
          const char *name = title != NULL ? title : text;

          if (name != NULL)
            g_ptr_array_add (path, (gpointer) name);
          collect (node, path, out, depth + 1);
          if (name != NULL)
            g_ptr_array_remove_index (path, path->len - 1);
        }
    }
}

GPtrArray *
rn_opml_parse (GBytes  *data,
               GError **error)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_opml_outline_free);
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlNode *root, *body = NULL;
  gsize size;
  const char *bytes = g_bytes_get_data (data, &size);

  if (size > MAX_OPML_SIZE)
    {
      g_set_error (error, RN_OPML_ERROR, RN_OPML_ERROR_TOO_LARGE,
                   _("The OPML file is too large (over %d MB)"), MAX_OPML_SIZE / (1024 * 1024));
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  /* No network, no external entities, no DTD loading: OPML is untrusted. */
  doc = xmlCtxtReadMemory (ctxt, bytes, (int) size, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !ctxt->wellFormed)
    {
      const xmlError *err = xmlCtxtGetLastError (ctxt);
      g_autofree char *msg = g_strdup (err != NULL && err->message != NULL ? err->message : "");

      g_strstrip (msg);
      g_set_error (error, RN_OPML_ERROR, RN_OPML_ERROR_MALFORMED,
                   _("The OPML file is not well-formed at line %d: %s"),
                   err != NULL ? err->line : 0, msg);
      if (doc != NULL)
        xmlFreeDoc (doc);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  root = xmlDocGetRootElement (doc);
  if (root != NULL && xmlStrcasecmp (root->name, (const xmlChar *) "opml") == 0)
    for (xmlNode *node = root->children; node != NULL; node = node->next)
      if (node->type == XML_ELEMENT_NODE && xmlStrcasecmp (node->name, (const xmlChar *) "body") == 0)
        body = node;
  if (body == NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, RN_OPML_ERROR, RN_OPML_ERROR_NOT_OPML,
                   _("This is not an OPML file (no <opml> with a <body>)"));
      return NULL;
    }

  collect (body, path, outlines, 0);
  xmlFreeDoc (doc);
  return g_steal_pointer (&outlines);
}

typedef struct
{
  GPtrArray         *outlines;
  RnOpmlImportStats *stats;
} Import;

static gboolean
import_in_txn (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  Import *imp = data;
  gint64 folders_before = rn_sql_query_int (db, "SELECT count(*) FROM folders", 0);
  sqlite3_stmt *stmt;

  for (guint i = 0; i < imp->outlines->len; i++)
    {
      RnOpmlOutline *o = g_ptr_array_index (imp->outlines, i);
      gint64 folder_id = 0;

      for (guint k = 0; o->folders[k] != NULL; k++)
        {
          folder_id = rn_feed_store_ensure_folder (store, db, folder_id, o->folders[k], error);
          if (folder_id == 0)
            return FALSE;
        }

      stmt = rn_store_writer_stmt (store,
        "INSERT INTO feeds (kind, url, user_title, site_url, folder_id, added, position) "
        "VALUES (?, ?, ?, ?, ?, ?, (SELECT ifnull(max(position), 0) + 1 FROM feeds)) "
        "ON CONFLICT (kind, url) DO NOTHING", error);
      if (stmt == NULL)
        return FALSE;
      rn_sql_bind_text (stmt, 1, o->kind);
      rn_sql_bind_text (stmt, 2, o->xml_url);
      rn_sql_bind_text (stmt, 3, o->title);
      rn_sql_bind_text (stmt, 4, o->html_url);
      if (folder_id > 0)
        sqlite3_bind_int64 (stmt, 5, folder_id);
      sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
      if (sqlite3_changes (db) > 0)
        imp->stats->added++;
      else
        imp->stats->already++;
    }
  imp->stats->folders = (guint) (rn_sql_query_int (db, "SELECT count(*) FROM folders", 0) - folders_before);
  rn_store_note_feeds_changed (store);
  return TRUE;
}

gboolean
rn_opml_import (RnStore            *store,
                GBytes             *data,
                RnOpmlImportStats  *stats,
                GError            **error)
{
  g_autoptr(GPtrArray) outlines = rn_opml_parse (data, error);
  RnOpmlImportStats local = { 0 };
  Import imp;

  if (outlines == NULL)
    return FALSE;
  if (stats == NULL)
    stats = &local;
  *stats = local;
  imp.outlines = outlines;
  imp.stats = stats;
  return rn_store_write (store, import_in_txn, &imp, error);
}

static xmlNode *
folder_node (GHashTable *nodes,
             sqlite3    *db,
             xmlNode    *body,
             gint64      folder_id,
             guint       depth)
{
  xmlNode *node = g_hash_table_lookup (nodes, &folder_id);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  xmlNode *parent = body;
  gint64 *key;

  if (node != NULL)
    return node;

  stmt = rn_sql_prepare (db, "SELECT title, ifnull(parent_id, 0) FROM folders WHERE id = ?", NULL);
  if (stmt == NULL)
    return body;
  sqlite3_bind_int64 (stmt, 1, folder_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return body;
  if (sqlite3_column_int64 (stmt, 1) > 0 && depth < MAX_DEPTH)
    parent = folder_node (nodes, db, body, sqlite3_column_int64 (stmt, 1), depth + 1);

  node = xmlNewChild (parent, NULL, (const xmlChar *) "outline", NULL);
  xmlNewProp (node, (const xmlChar *) "text", sqlite3_column_text (stmt, 0));
  xmlNewProp (node, (const xmlChar *) "title", sqlite3_column_text (stmt, 0));
  key = g_new (gint64, 1);
  *key = folder_id;
  g_hash_table_insert (nodes, key, node);
  return node;
}

char *
rn_opml_export (RnStore  *store,
                GError  **error)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S GMT");
  sqlite3 *db = rn_store_get_reader (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  xmlDocPtr doc;
  xmlNode *root, *head, *body;
  xmlChar *out = NULL;
  int out_len = 0;
  char *result;

  stmt = rn_sql_prepare (db,
    "SELECT kind, url, coalesce(user_title, title, url), site_url, ifnull(folder_id, 0) "
    "FROM feeds WHERE kind NOT IN ('archive', 'remote-search') "   /* see rn_feed_is_hidden() */
    "ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "opml");
  xmlNewProp (root, (const xmlChar *) "version", (const xmlChar *) "2.0");
  xmlDocSetRootElement (doc, root);
  head = xmlNewChild (root, NULL, (const xmlChar *) "head", NULL);
  xmlNewTextChild (head, NULL, (const xmlChar *) "title", (const xmlChar *) "RadNet subscriptions");
  xmlNewTextChild (head, NULL, (const xmlChar *) "dateCreated", (const xmlChar *) date);
  body = xmlNewChild (root, NULL, (const xmlChar *) "body", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      gint64 folder_id = sqlite3_column_int64 (stmt, 4);
      xmlNode *parent = folder_id > 0 ? folder_node (nodes, db, body, folder_id, 0) : body;
      xmlNode *node = xmlNewChild (parent, NULL, (const xmlChar *) "outline", NULL);

      xmlNewProp (node, (const xmlChar *) "text", sqlite3_column_text (stmt, 2));
      xmlNewProp (node, (const xmlChar *) "title", sqlite3_column_text (stmt, 2));
      if (g_strcmp0 (kind, "feed") == 0)
        {
          xmlNewProp (node, (const xmlChar *) "type", (const xmlChar *) "rss");
          xmlNewProp (node, (const xmlChar *) "xmlUrl", sqlite3_column_text (stmt, 1));
        }
      else
        {
          /* Other readers skip these; RadNet reads them back. */
          g_autofree char *url = g_strdup_printf ("radnet:%s", kind);
          xmlNewProp (node, (const xmlChar *) "type", (const xmlChar *) "radnet");
          xmlNewProp (node, (const xmlChar *) "xmlUrl", (const xmlChar *) url);
          xmlNewProp (node, (const xmlChar *) "radnetKind", (const xmlChar *) kind);
          xmlNewProp (node, (const xmlChar *) "radnetQuery", sqlite3_column_text (stmt, 1));
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        xmlNewProp (node, (const xmlChar *) "htmlUrl", sqlite3_column_text (stmt, 3));
    }

  xmlDocDumpFormatMemoryEnc (doc, &out, &out_len, "UTF-8", 1);
  result = g_strndup ((const char *) out, (gsize) out_len);
  xmlFree (out);
  xmlFreeDoc (doc);
  return result;
}
