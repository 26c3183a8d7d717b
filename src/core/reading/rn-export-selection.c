/* rn-export-selection.c: from saved rows to exporter entries. */
#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <glib/gi18n.h>

#include "html/rn-html-doc.h"
#include "offline/rn-snapshot.h"
#include "rn-export-selection.h"
#include "rn-export.h"
#include "rn-reference-store.h"
#include "store/rn-sql.h"

static const char *const format_names[] = { "bibtex", "ris", "csl-json", "markdown", "html" };

gboolean
rn_export_format_from_string (const char     *text,
                              RnExportFormat *out_format)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (text, format_names[i]) == 0)
      {
        *out_format = (RnExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* The item's own content, sanitised, for the digest's excerpt. */
static char *
item_content (sqlite3 *db,
              gint64   item_id)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db,
    "SELECT coalesce(content, summary), link FROM items WHERE id = ?", NULL);
  g_autoptr(RnHtmlDoc) doc = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  doc = rn_html_doc_parse (rn_sql_column_text (stmt, 0), -1, rn_sql_column_text (stmt, 1), NULL);
  return rn_html_doc_to_html (doc);
}

GPtrArray *
rn_export_selection_collect (RnReadingList  *list,
                             GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_export_entry_free);
  RnStore *store;
  sqlite3 *db;
  guint n;

  g_return_val_if_fail (RN_IS_READING_LIST (list), NULL);

  store = rn_reading_list_get_store (list);
  db = rn_store_get_reader (store);
  if (db == NULL)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_FAILED, "The library is not readable");
      return NULL;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RnSavedItem) saved = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 id = rn_saved_item_get_item_id (saved);
      g_autoptr(RnReference) ref = rn_reference_store_get (db, id, error);
      g_autofree char *content = NULL;

      if (ref == NULL)
        return NULL;
      content = item_content (db, id);
      g_ptr_array_add (entries, rn_export_entry_new (ref, rn_saved_item_get_note (saved),
                                                     rn_saved_item_get_tags (saved),
                                                     rn_saved_item_get_saved_at (saved),
                                                     content));
    }
  return g_steal_pointer (&entries);
}

char *
rn_export_selection_run (RnReadingList   *list,
                         RnExportFormat   format,
                         const char      *title,
                         GError         **error)
{
  g_autoptr(GPtrArray) entries = rn_export_selection_collect (list, error);

  if (entries == NULL)
    return NULL;
  if (title == NULL)
    title = _("Reading list");

  switch (format)
    {
    case RN_EXPORT_FORMAT_BIBTEX:   return rn_export_bibtex (entries);
    case RN_EXPORT_FORMAT_RIS:      return rn_export_ris (entries);
    case RN_EXPORT_FORMAT_CSL_JSON: return rn_export_csl_json (entries);
    case RN_EXPORT_FORMAT_MARKDOWN: return rn_export_digest_markdown (entries, title);
    case RN_EXPORT_FORMAT_HTML:     return rn_export_digest_html (entries, title);
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
rn_export_selection_case_html (RnStore  *store,
                               gint64    item_id,
                               GError  **error)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_export_image_free);
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autofree char *html = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *source = NULL;
  g_autofree char *link = NULL;
  g_autofree char *note = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);

  stmt = rn_store_reader_stmt (store,
    "SELECT i.link, coalesce(f.user_title, f.title), s.note "
    "FROM items i JOIN feeds f ON f.id = i.feed_id LEFT JOIN saved s ON s.item_id = i.id "
    "WHERE i.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      link = rn_sql_dup_text (stmt, 0);
      source = rn_sql_dup_text (stmt, 1);
      note = rn_sql_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (!rn_snapshot_load (store, item_id, &html, &title, error))
    return NULL;
  /* The item's own content is untrusted: sanitise whatever we have. */
  doc = rn_html_doc_parse (html, -1, link, NULL);
  body = rn_html_doc_to_html (doc);

  stmt = rn_store_reader_stmt (store, "SELECT url, mime, data FROM snapshot_assets WHERE item_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GBytes) data = g_bytes_new (sqlite3_column_blob (stmt, 2), (gsize) sqlite3_column_bytes (stmt, 2));

      g_ptr_array_add (images, rn_export_image_new (rn_sql_column_text (stmt, 0),
                                                    rn_sql_column_text (stmt, 1), data, NULL));
    }
  sqlite3_reset (stmt);

  return rn_export_case_html (title != NULL ? title : _("Untitled"), source, link, body, note, images, error);
}
