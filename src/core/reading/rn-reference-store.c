/* rn-reference-store.c: SQL of references and the metadata cache. */
#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "rn-identifiers.h"
#include "rn-reference-store.h"
#include "store/rn-sql.h"

/* Content beyond this is not scanned for identifiers (they sit near the
 * top), which keeps a save cheap on a huge item. */
#define SCAN_MAX (256 * 1024)

static void
append_capped (GString    *text,
               const char *part)
{
  gsize room;

  if (part == NULL || text->len >= SCAN_MAX)
    return;
  room = SCAN_MAX - text->len;
  if (strlen (part) > room)
    {
      const char *end = part + room;

      /* Cut on a character boundary. */
      g_utf8_validate (part, (gssize) room, &end);
      g_string_append_len (text, part, end - part);
    }
  else
    g_string_append (text, part);
  g_string_append_c (text, '\n');
}

gboolean
rn_reference_store_find_identifiers (RnStore  *store,
                                     sqlite3  *db,
                                     gint64    item_id,
                                     GError  **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(RnIdentifiers) ids = NULL;
  g_autofree char *link = NULL;
  g_autofree char *doi = NULL;
  int rc;

  stmt = rn_store_writer_stmt (store,
    "SELECT title, summary, substr(content, 1, 262144), link, doi FROM items WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                     _("There is no item %" PRId64), item_id);
      else
        rn_sql_set_error (error, db, rc, "Could not read the item");
      return FALSE;
    }
  append_capped (text, rn_sql_column_text (stmt, 0));
  append_capped (text, rn_sql_column_text (stmt, 1));
  append_capped (text, rn_sql_column_text (stmt, 2));
  link = rn_sql_dup_text (stmt, 3);
  doi = rn_sql_dup_text (stmt, 4);
  sqlite3_reset (stmt);

  ids = rn_identifiers_find (text->str, link, doi);

  /* New identifiers replace old ones only where found: an item rescanned
   * after its feed dropped the DOI keeps what it had. */
  stmt = rn_store_writer_stmt (store,
    "INSERT INTO refs (item_id, doi, pmid, pmcid, arxiv, preprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (item_id) DO UPDATE SET "
    "  doi = coalesce(excluded.doi, doi), pmid = coalesce(excluded.pmid, pmid), "
    "  pmcid = coalesce(excluded.pmcid, pmcid), arxiv = coalesce(excluded.arxiv, arxiv), "
    "  preprint = coalesce(excluded.preprint, preprint), "
    "  resolved_at = CASE WHEN excluded.doi IS NOT doi AND excluded.doi IS NOT NULL THEN NULL ELSE resolved_at END",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rn_sql_bind_text (stmt, 2, rn_identifiers_get_doi (ids));
  rn_sql_bind_text (stmt, 3, rn_identifiers_get_pmid (ids));
  rn_sql_bind_text (stmt, 4, rn_identifiers_get_pmcid (ids));
  rn_sql_bind_text (stmt, 5, rn_identifiers_get_arxiv (ids));
  rn_sql_bind_text (stmt, 6, rn_identifiers_get_preprint (ids));
  return rn_sql_step_done (stmt, error);
}

char *
rn_reference_store_get_doi (sqlite3  *db,
                            gint64    item_id,
                            gboolean  even_if_resolved)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *doi = NULL;

  stmt = rn_sql_prepare (db, "SELECT doi, resolved_at FROM refs WHERE item_id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      (even_if_resolved || sqlite3_column_type (stmt, 1) == SQLITE_NULL))
    doi = rn_sql_dup_text (stmt, 0);
  return doi;
}

typedef struct
{
  gint64       item_id;
  const char  *csl;
  const char  *notice;
  const char  *notice_url;
  gint64       now;
} Resolved;

static gboolean
write_resolved (RnStore  *store,
                sqlite3  *db,
                gpointer  user_data,
                GError  **error)
{
  Resolved *r = user_data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "UPDATE refs SET csl = ?2, notice = ?3, notice_url = ?4, resolved_at = ?5 WHERE item_id = ?1",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->item_id);
  rn_sql_bind_text (stmt, 2, r->csl);
  rn_sql_bind_text (stmt, 3, r->notice);
  rn_sql_bind_text (stmt, 4, r->notice_url);
  sqlite3_bind_int64 (stmt, 5, r->now);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  rn_store_note_items_changed (store);
  return TRUE;
}

static void
resolved_free (gpointer data)
{
  Resolved *r = data;

  g_free ((char *) r->csl);
  g_free ((char *) r->notice_url);
  g_free (r);
}

/* Everything the write needs, copied: it may run on the writer thread. */
static Resolved *
resolved_new (gint64       item_id,
              RnReference *resolved)
{
  Resolved *r = g_new0 (Resolved, 1);
  const char *notice_url = NULL;
  RnNoticeKind kind = rn_reference_get_notice (resolved, NULL, &notice_url, NULL);

  r->item_id = item_id;
  r->now = g_get_real_time () / G_USEC_PER_SEC;
  r->csl = rn_reference_to_csl_json_string (resolved);
  if (kind != RN_NOTICE_NONE)
    {
      r->notice = rn_notice_kind_to_string (kind);   /* static */
      r->notice_url = g_strdup (notice_url);
    }
  return r;
}

gboolean
rn_reference_store_set_resolved (RnStore      *store,
                                 gint64        item_id,
                                 RnReference  *resolved,
                                 GError      **error)
{
  Resolved *r;
  gboolean ok;

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  g_return_val_if_fail (RN_IS_REFERENCE (resolved), FALSE);

  r = resolved_new (item_id, resolved);
  ok = rn_store_write (store, write_resolved, r, error);
  resolved_free (r);
  return ok;
}

static void
on_resolved_written (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!rn_store_write_finish (RN_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
rn_reference_store_set_resolved_async (RnStore             *store,
                                       gint64               item_id,
                                       RnReference         *resolved,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RN_IS_STORE (store));
  g_return_if_fail (RN_IS_REFERENCE (resolved));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_reference_store_set_resolved_async);
  rn_store_write_async (store, write_resolved, resolved_new (item_id, resolved), resolved_free,
                        cancellable, on_resolved_written, task);
}

gboolean
rn_reference_store_set_resolved_finish (RnStore       *store,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  gint64      item_id;
  const char *csl_user;
} Override;

static gboolean
write_override (RnStore  *store,
                sqlite3  *db,
                gpointer  user_data,
                GError  **error)
{
  Override *o = user_data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "INSERT INTO refs (item_id, csl_user) VALUES (?1, ?2) "
    "ON CONFLICT (item_id) DO UPDATE SET csl_user = excluded.csl_user", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, o->item_id);
  rn_sql_bind_text (stmt, 2, o->csl_user);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  rn_store_note_items_changed (store);
  return TRUE;
}

gboolean
rn_reference_store_set_override (RnStore   *store,
                                 gint64     item_id,
                                 JsonNode  *csl_user,
                                 GError   **error)
{
  g_autofree char *text = NULL;
  Override o = { item_id, NULL };

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);

  if (csl_user != NULL)
    {
      g_autoptr(RnReference) probe = rn_reference_new ("article");
      g_autoptr(RnReference) merged = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (csl_user))
        {
          g_set_error (error, RN_REFERENCE_ERROR, RN_REFERENCE_ERROR_INVALID,
                       _("A reference edit must be a CSL-JSON object"));
          return FALSE;
        }
      /* Refuse what could not be applied later, now. */
      merged = rn_reference_apply_overrides (probe, csl_user, error);
      if (merged == NULL)
        return FALSE;
      text = json_to_string (csl_user, FALSE);
    }
  o.csl_user = text;
  return rn_store_write (store, write_override, &o, error);
}

/* "Jane Doe, John Smith" is two people; "Doe, Jane" is one. Feeds join
 * authors with ", " or "; ", so: split on ';' when there is one, on ','
 * only when every part looks like a whole name. */
static void
add_authors (GPtrArray  *out,
             const char *authors)
{
  g_auto(GStrv) parts = NULL;
  gboolean whole_names = TRUE;

  if (authors == NULL || *authors == '\0')
    return;
  if (strchr (authors, ';') != NULL)
    parts = g_strsplit (authors, ";", 200);
  else
    {
      parts = g_strsplit (authors, ",", 200);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (strchr (parts[i], ' ') == NULL)
            whole_names = FALSE;
        }
      if (!whole_names || g_strv_length (parts) < 2)
        {
          g_ptr_array_add (out, g_strdup (authors));
          return;
        }
    }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_ptr_array_add (out, g_strdup (parts[i]));
    }
}

static const char *
extra_string (JsonObject *extra,
              const char *name)
{
  JsonNode *node;

  if (extra == NULL || (node = json_object_get_member (extra, name)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static RnReference *
reference_from_item (sqlite3_stmt *stmt)
{
  /* columns: 0 title, 1 link, 2 author, 3 published, 4 extra, 5 doi,
   * 6 type, 7 source */
  g_autoptr(GPtrArray) authors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *extra = NULL;
  const char *extra_text = rn_sql_column_text (stmt, 4);
  const char *type = rn_sql_column_text (stmt, 6);
  const char *csl_type = NULL;
  const char *genre = NULL;
  const char *journal;
  RnReference *ref;

  if (extra_text != NULL)
    {
      parser = json_parser_new ();
      if (json_parser_load_from_data (parser, extra_text, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        extra = json_node_get_object (json_parser_get_root (parser));
    }
  add_authors (authors, rn_sql_column_text (stmt, 2));

  if (g_strcmp0 (type, "post") == 0)
    csl_type = "post";
  else if (g_strcmp0 (type, "podcast") == 0)
    {
      csl_type = "broadcast";
      genre = "Podcast episode";
    }
  else if (g_strcmp0 (type, "case") == 0)
    {
      csl_type = "webpage";
      genre = "Radiology case";
    }

  journal = extra_string (extra, "journal");
  ref = rn_reference_new_from_item_fields (rn_sql_column_text (stmt, 0),
                                           rn_sql_column_text (stmt, 1),
                                           authors,
                                           sqlite3_column_type (stmt, 3) == SQLITE_NULL
                                             ? G_MININT64 : sqlite3_column_int64 (stmt, 3),
                                           journal,
                                           extra_string (extra, "volume"),
                                           extra_string (extra, "issue"),
                                           extra_string (extra, "first_page"),
                                           rn_sql_column_text (stmt, 5),
                                           csl_type);
  if (genre != NULL)
    rn_reference_set (ref, RN_REF_GENRE, genre);
  /* Without a journal, the source (site, show) is the container. */
  if (journal == NULL && rn_reference_get (ref, RN_REF_CONTAINER_TITLE) == NULL)
    rn_reference_set (ref, RN_REF_CONTAINER_TITLE, rn_sql_column_text (stmt, 7));
  return ref;
}

RnReference *
rn_reference_store_get (sqlite3  *db,
                        gint64    item_id,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(RnReference) ref = NULL;
  const char *csl, *csl_user;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = rn_sql_prepare (db,
    "SELECT i.title, i.link, i.author, i.published, i.extra, coalesce(r.doi, i.doi), i.type, "
    "  CASE WHEN f.kind = 'archive' THEN coalesce(json_extract(CASE WHEN json_valid(i.extra) THEN i.extra END, '$.source'), f.title) "
    "       ELSE coalesce(f.user_title, f.title) END, "
    "  r.csl, r.csl_user, r.pmid, r.pmcid, r.arxiv, r.notice, r.notice_url "
    "FROM items i JOIN feeds f ON f.id = i.feed_id LEFT JOIN refs r ON r.item_id = i.id "
    "WHERE i.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                     _("There is no item %" PRId64), item_id);
      else
        rn_sql_set_error (error, db, rc, "Could not read the reference");
      return NULL;
    }

  csl = rn_sql_column_text (stmt, 8);
  if (csl != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      ref = rn_reference_new_from_csl_json_string (csl, &local_error);
      if (ref == NULL)
        g_warning ("Stored reference of item %" G_GINT64_FORMAT " is unreadable: %s",
                   item_id, local_error->message);
    }
  if (ref == NULL)
    ref = reference_from_item (stmt);

  if (rn_reference_get (ref, RN_REF_PMID) == NULL)
    rn_reference_set (ref, RN_REF_PMID, rn_sql_column_text (stmt, 10));
  if (rn_reference_get (ref, RN_REF_PMCID) == NULL)
    rn_reference_set (ref, RN_REF_PMCID, rn_sql_column_text (stmt, 11));
  if (rn_reference_get (ref, RN_REF_NUMBER) == NULL && rn_sql_column_text (stmt, 12) != NULL)
    rn_reference_set (ref, RN_REF_NUMBER, rn_sql_column_text (stmt, 12));
  if (rn_reference_get_notice (ref, NULL, NULL, NULL) == RN_NOTICE_NONE &&
      rn_sql_column_text (stmt, 13) != NULL)
    rn_reference_set_notice (ref, rn_notice_kind_from_string (rn_sql_column_text (stmt, 13)),
                             NULL, rn_sql_column_text (stmt, 14), NULL);

  csl_user = rn_sql_column_text (stmt, 9);
  if (csl_user != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) local_error = NULL;
      RnReference *merged = NULL;

      if (json_parser_load_from_data (parser, csl_user, -1, &local_error))
        merged = rn_reference_apply_overrides (ref, json_parser_get_root (parser), &local_error);
      if (merged == NULL)
        g_warning ("The edits of reference %" G_GINT64_FORMAT " are unreadable: %s",
                   item_id, local_error->message);
      else
        {
          g_object_unref (ref);
          ref = merged;
        }
    }
  return g_steal_pointer (&ref);
}

/* ---- the lookup cache over the store ---- */

static GBytes *
cache_get (const char *key,
           gpointer    user_data)
{
  RnStore *store = user_data;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = rn_store_reader_stmt (store, "SELECT body FROM lookup_cache WHERE key = ?", &error);
  GBytes *body = NULL;

  if (stmt == NULL)
    {
      g_debug ("Lookup cache unreadable: %s", error->message);
      return NULL;
    }
  rn_sql_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    body = g_bytes_new (sqlite3_column_text (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return body;
}

typedef struct
{
  char   *key;
  GBytes *body;
} CachePut;

static void
cache_put_free (gpointer data)
{
  CachePut *put = data;

  g_free (put->key);
  g_bytes_unref (put->body);
  g_free (put);
}

static gboolean
write_cache (RnStore  *store,
             sqlite3  *db,
             gpointer  user_data,
             GError  **error)
{
  CachePut *put = user_data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "INSERT INTO lookup_cache (key, body, fetched) VALUES (?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET body = excluded.body, fetched = excluded.fetched", error);
  gsize size;
  const char *data;

  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (put->body, &size);
  rn_sql_bind_text (stmt, 1, put->key);
  sqlite3_bind_text (stmt, 2, data != NULL ? data : "", (int) size, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  return rn_sql_step_done (stmt, error);
}

static void
cache_put_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rn_store_write_finish (RN_STORE (source), result, &error))
    g_warning ("Could not keep a metadata answer: %s", error->message);
}

static void
cache_put (const char *key,
           GBytes     *body,
           gpointer    user_data)
{
  RnStore *store = user_data;
  CachePut *put;

  /* The table holds text; an answer that is not UTF-8 is not kept. */
  if (!g_utf8_validate (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL))
    return;
  put = g_new0 (CachePut, 1);
  put->key = g_strdup (key);
  put->body = g_bytes_ref (body);
  rn_store_write_async (store, write_cache, put, cache_put_free, NULL, cache_put_done, NULL);
}

RnLookupCache *
rn_reference_store_new_cache (RnStore *store)
{
  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  return rn_lookup_cache_new (cache_get, cache_put, g_object_ref (store), g_object_unref);
}
