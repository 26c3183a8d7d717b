/* rn-item-store.c: writing items (ingest from a parsed feed, state changes,
 * pruning) and reading one item's content. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rn-feed-store.h"
#include "store/rn-sql.h"

/* FNV-1a over the fields that make an entry "changed". */
static void
hash_mix (guint64    *h,
          const char *s)
{
  if (s != NULL)
    for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
      {
        *h ^= *p;
        *h *= G_GUINT64_CONSTANT (1099511628211);
      }
  *h ^= 0xff;
  *h *= G_GUINT64_CONSTANT (1099511628211);
}

static gint64
entry_hash (const RnParsedEntry *e)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);
  char dates[64];

  hash_mix (&h, e->title);
  hash_mix (&h, e->link);
  hash_mix (&h, e->summary);
  hash_mix (&h, e->content);
  hash_mix (&h, e->doi);
  hash_mix (&h, e->thumbnail);
  for (guint i = 0; i < e->authors->len; i++)
    hash_mix (&h, g_ptr_array_index (e->authors, i));
  for (guint i = 0; i < e->enclosures->len; i++)
    hash_mix (&h, ((RnEnclosure *) g_ptr_array_index (e->enclosures, i))->url);
  g_snprintf (dates, sizeof dates, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, e->published, e->updated);
  hash_mix (&h, dates);
  /* Post counts and warnings change on the server: re-store them. */
  g_snprintf (dates, sizeof dates, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%d%d%d",
              e->boosts, e->replies, e->favourites, e->is_boost, e->is_reply, e->sensitive);
  hash_mix (&h, dates);
  hash_mix (&h, e->spoiler_text);
  hash_mix (&h, e->boosted_by);
  hash_mix (&h, e->card_url);
  return (gint64) (h >> 1);
}

/* A stable identity when the parser gave none: the link, else a hash of
 * title and date. */
static char *
entry_guid (const RnParsedEntry *e)
{
  g_autofree char *basis = NULL;

  if (e->id != NULL && *e->id != '\0')
    return g_strdup (e->id);
  if (e->link != NULL && *e->link != '\0')
    return g_strdup (e->link);
  basis = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, e->title != NULL ? e->title : "", e->published);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, basis, -1);
}

static char *
join_authors (const RnParsedEntry *e)
{
  g_autoptr(GString) out = NULL;

  if (e->authors->len == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < e->authors->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (e->authors, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_member (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* Social post data: "cw" (content warning, shown collapsed), "sensitive"
 * (media blurred), "boosted_by", "post_id", "timeline_id" (a boost's own
 * id), "card" {url, title,
 * description, image}, "media" [{url, type, description, preview}]. */
static void
add_post_members (JsonBuilder         *b,
                  const RnParsedEntry *e)
{
  add_member (b, "cw", e->spoiler_text != NULL && *e->spoiler_text != '\0' ? e->spoiler_text : NULL);
  json_builder_set_member_name (b, "sensitive");
  json_builder_add_boolean_value (b, e->sensitive);
  add_member (b, "boosted_by", e->boosted_by);
  add_member (b, "post_id", e->post_id);
  add_member (b, "timeline_id", e->timeline_id);
  if (e->card_url != NULL)
    {
      json_builder_set_member_name (b, "card");
      json_builder_begin_object (b);
      add_member (b, "url", e->card_url);
      add_member (b, "title", e->card_title);
      add_member (b, "description", e->card_description);
      add_member (b, "image", e->card_image);
      json_builder_end_object (b);
    }
  if (e->enclosures->len > 0)
    {
      json_builder_set_member_name (b, "media");
      json_builder_begin_array (b);
      for (guint i = 0; i < e->enclosures->len; i++)
        {
          RnEnclosure *enc = g_ptr_array_index (e->enclosures, i);
          const char *preview = i < e->media_previews->len ? g_ptr_array_index (e->media_previews, i) : NULL;

          json_builder_begin_object (b);
          add_member (b, "url", enc->url);
          add_member (b, "type", enc->type);
          add_member (b, "description", enc->description);
          add_member (b, "preview", preview != NULL && *preview != '\0' ? preview : NULL);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
}

/* Journal and podcast details the list does not need to query by. */
static char *
entry_extra (const RnParsedEntry *e)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;

  gboolean post = e->spoiler_text != NULL || e->sensitive || e->boosted_by != NULL ||
                  e->post_id != NULL || e->card_url != NULL;

  if (e->publication_name == NULL && e->volume == NULL && e->number == NULL &&
      e->starting_page == NULL && e->cover_date == NULL && e->duration == NULL &&
      e->episode == NULL && e->image == NULL && e->comments == NULL && !post)
    return NULL;

  b = json_builder_new ();
  json_builder_begin_object (b);
  add_member (b, "journal", e->publication_name);
  add_member (b, "volume", e->volume);
  add_member (b, "issue", e->number);
  add_member (b, "first_page", e->starting_page);
  add_member (b, "cover_date", e->cover_date);
  add_member (b, "duration", e->duration);
  add_member (b, "episode", e->episode);
  add_member (b, "image", e->image);
  add_member (b, "comments", e->comments);
  if (post)
    add_post_members (b, e);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static const char *
entry_type (const RnParsedEntry *e,
            const char          *item_type)
{
  if (item_type != NULL)
    return item_type;
  for (guint i = 0; i < e->enclosures->len; i++)
    {
      RnEnclosure *enc = g_ptr_array_index (e->enclosures, i);

      if (enc->type != NULL &&
          (g_str_has_prefix (enc->type, "audio/") || g_str_has_prefix (enc->type, "video/")))
        return "podcast";
    }
  return "article";
}

static gboolean
entry_has_image (const RnParsedEntry *e)
{
  if (e->thumbnail != NULL || e->image != NULL)
    return TRUE;
  for (guint i = 0; i < e->enclosures->len; i++)
    {
      RnEnclosure *enc = g_ptr_array_index (e->enclosures, i);

      if (enc->type != NULL && g_str_has_prefix (enc->type, "image/"))
        return TRUE;
    }
  return (e->content != NULL && strstr (e->content, "<img") != NULL) ||
         (e->summary != NULL && strstr (e->summary, "<img") != NULL);
}

static gboolean
write_children (RnStore             *store,
                gint64               item_id,
                const RnParsedEntry *e,
                gboolean             replace,
                GError             **error)
{
  sqlite3_stmt *stmt;

  if (replace)
    {
      stmt = rn_store_writer_stmt (store, "DELETE FROM enclosures WHERE item_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item_id);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < e->enclosures->len; i++)
    {
      RnEnclosure *enc = g_ptr_array_index (e->enclosures, i);

      stmt = rn_store_writer_stmt (store,
        "INSERT OR IGNORE INTO enclosures (item_id, url, type, length, description) "
        "VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item_id);
      rn_sql_bind_text (stmt, 2, enc->url);
      rn_sql_bind_text (stmt, 3, enc->type);
      if (enc->length > 0)
        sqlite3_bind_int64 (stmt, 4, enc->length);
      rn_sql_bind_text (stmt, 5, enc->description);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < e->categories->len; i++)
    {
      stmt = rn_store_writer_stmt (store,
        "INSERT OR IGNORE INTO item_tags (item_id, tag) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item_id);
      rn_sql_bind_text (stmt, 2, g_ptr_array_index (e->categories, i));
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_entry (sqlite3_stmt        *stmt,
            const RnParsedEntry *e,
            const char          *authors,
            const char          *extra,
            const char          *type,
            gint64               hash)
{
  /* ?1 title ?2 link ?3 author ?4 published ?5 updated ?6 summary
   * ?7 content ?8 hash ?9 thumbnail ?10 doi ?11 lang ?12 has_image
   * ?13 extra ?14 type; posts: ?18 is_boost ?19 is_reply ?20 boosts
   * ?21 replies ?22 favourites (?15–?17 are the caller's) */
  rn_sql_bind_text (stmt, 1, e->title);
  rn_sql_bind_text (stmt, 2, e->link);
  rn_sql_bind_text (stmt, 3, authors);
  if (e->published != RN_NO_DATE)
    sqlite3_bind_int64 (stmt, 4, e->published);
  if (e->updated != RN_NO_DATE)
    sqlite3_bind_int64 (stmt, 5, e->updated);
  rn_sql_bind_text (stmt, 6, e->summary);
  rn_sql_bind_text (stmt, 7, e->content);
  sqlite3_bind_int64 (stmt, 8, hash);
  rn_sql_bind_text (stmt, 9, e->thumbnail != NULL ? e->thumbnail : e->image);
  rn_sql_bind_text (stmt, 10, e->doi);
  rn_sql_bind_text (stmt, 11, e->lang);
  sqlite3_bind_int (stmt, 12, entry_has_image (e));
  rn_sql_bind_text (stmt, 13, extra);
  rn_sql_bind_text (stmt, 14, type);
  sqlite3_bind_int (stmt, 18, e->is_boost ? 1 : 0);
  sqlite3_bind_int (stmt, 19, e->is_reply ? 1 : 0);
  if (e->boosts >= 0)
    sqlite3_bind_int64 (stmt, 20, e->boosts);
  if (e->replies >= 0)
    sqlite3_bind_int64 (stmt, 21, e->replies);
  if (e->favourites >= 0)
    sqlite3_bind_int64 (stmt, 22, e->favourites);
}

static gboolean
ingest_entry (RnStore             *store,
              sqlite3             *db,
              gint64               feed_id,
              const RnParsedEntry *e,
              const char          *item_type,
              gint64               now,
              RnIngestStats       *stats,
              GError             **error)
{
  g_autofree char *guid = entry_guid (e);
  g_autofree char *authors = NULL;
  g_autofree char *extra = NULL;
  const char *type = entry_type (e, item_type);
  gint64 hash = entry_hash (e);
  sqlite3_stmt *stmt;
  gint64 item_id = 0;
  gint64 old_hash = 0;

  stmt = rn_store_writer_stmt (store,
    "SELECT id, content_hash FROM items WHERE feed_id = ? AND guid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, feed_id);
  rn_sql_bind_text (stmt, 2, guid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      item_id = sqlite3_column_int64 (stmt, 0);
      old_hash = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (item_id != 0 && old_hash == hash)
    {
      stats->unchanged++;
      return TRUE;
    }

  authors = join_authors (e);
  extra = entry_extra (e);

  if (item_id != 0)
    {
      /* Updated in place: same row, same read state; sort date kept unless
       * the feed now gives one. */
      stmt = rn_store_writer_stmt (store,
        "UPDATE items SET title = ?1, link = ?2, author = ?3, published = ?4, updated = ?5, "
        "summary = ?6, content = ?7, content_hash = ?8, thumbnail = ?9, doi = ?10, lang = ?11, "
        "has_image = ?12, extra = ?13, type = ?14, "
        "is_boost = ?18, is_reply = ?19, boosts = ?20, replies = ?21, favourites = ?22, "
        "sort_date = coalesce(?4, first_seen) WHERE id = ?15", error);
      if (stmt == NULL)
        return FALSE;
      bind_entry (stmt, e, authors, extra, type, hash);
      sqlite3_bind_int64 (stmt, 15, item_id);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
      stats->updated++;
      rn_store_note_items_changed (store);
      return write_children (store, item_id, e, TRUE, error);
    }

  stmt = rn_store_writer_stmt (store,
    "INSERT INTO items (title, link, author, published, updated, summary, content, "
    "content_hash, thumbnail, doi, lang, has_image, extra, type, feed_id, guid, first_seen, sort_date, "
    "is_boost, is_reply, boosts, replies, favourites) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, coalesce(?4, ?17), "
    "?18, ?19, ?20, ?21, ?22)",
    error);
  if (stmt == NULL)
    return FALSE;
  bind_entry (stmt, e, authors, extra, type, hash);
  sqlite3_bind_int64 (stmt, 15, feed_id);
  rn_sql_bind_text (stmt, 16, guid);
  sqlite3_bind_int64 (stmt, 17, now);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  item_id = sqlite3_last_insert_rowid (db);
  stats->added++;
  return write_children (store, item_id, e, FALSE, error);
}

gboolean
rn_feed_store_ingest (RnStore            *store,
                      sqlite3            *db,
                      gint64              feed_id,
                      const RnParsedFeed *parsed,
                      const char         *item_type,
                      gint64              now,
                      RnIngestStats      *stats,
                      GError            **error)
{
  RnIngestStats local = { 0, 0, 0 };
  sqlite3_stmt *stmt;

  if (stats == NULL)
    stats = &local;

  stmt = rn_store_writer_stmt (store,
    "UPDATE feeds SET title = coalesce(?, title), site_url = coalesce(?, site_url), "
    "description = coalesce(?, description), ttl_hint = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  rn_sql_bind_text (stmt, 1, parsed->title != NULL && *parsed->title != '\0' ? parsed->title : NULL);
  rn_sql_bind_text (stmt, 2, parsed->link);
  rn_sql_bind_text (stmt, 3, parsed->description);
  if (parsed->ttl > 0)
    sqlite3_bind_int64 (stmt, 4, parsed->ttl);
  sqlite3_bind_int64 (stmt, 5, feed_id);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;

  /* Feeds list the newest entry first. Inserting from the end gives the
   * first entry the highest id, so undated entries keep the feed's order. */
  for (guint i = parsed->entries->len; i > 0; i--)
    if (!ingest_entry (store, db, feed_id, g_ptr_array_index (parsed->entries, i - 1),
                       item_type, now, stats, error))
      return FALSE;

  rn_store_note_feeds_changed (store);
  return TRUE;
}

typedef struct
{
  gint64              feed_id;
  const RnParsedFeed *parsed;
  RnIngestStats      *stats;
} IngestJob;

static gboolean
ingest_in_txn (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  IngestJob *job = data;

  return rn_feed_store_ingest (store, db, job->feed_id, job->parsed, NULL,
                               g_get_real_time () / G_USEC_PER_SEC, job->stats, error);
}

gboolean
rn_feed_store_ingest_sync (RnStore            *store,
                           gint64              feed_id,
                           const RnParsedFeed *parsed,
                           RnIngestStats      *stats,
                           GError            **error)
{
  IngestJob job = { feed_id, parsed, stats };

  return rn_store_write (store, ingest_in_txn, &job, error);
}

/* ---- state ---- */

typedef struct
{
  const char *sql;
  gint64      id;
  int         value;
} SetFlag;

static gboolean
set_flag_in_txn (RnStore  *store,
                 sqlite3  *db,
                 gpointer  data,
                 GError  **error)
{
  SetFlag *flag = data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store, flag->sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, flag->value);
  sqlite3_bind_int64 (stmt, 2, flag->id);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  if (sqlite3_changes (db) > 0)
    {
      rn_store_note_items_changed (store);
      rn_store_note_feeds_changed (store);   /* unread counts */
    }
  return TRUE;
}

gboolean
rn_item_store_set_read (RnStore   *store,
                        gint64     item_id,
                        gboolean   read,
                        GError   **error)
{
  SetFlag flag = { "UPDATE items SET read = ? WHERE id = ? AND read != ?1", item_id, !!read };

  return rn_store_write (store, set_flag_in_txn, &flag, error);
}

gboolean
rn_item_store_set_starred (RnStore   *store,
                           gint64     item_id,
                           gboolean   starred,
                           GError   **error)
{
  SetFlag flag = { "UPDATE items SET starred = ? WHERE id = ? AND starred != ?1", item_id, !!starred };

  return rn_store_write (store, set_flag_in_txn, &flag, error);
}

typedef struct
{
  gint64  feed_id;
  gint64  folder_id;
  GArray *ids;
  int     read;
} MarkAll;

static gboolean
mark_all_in_txn (RnStore  *store,
                 sqlite3  *db,
                 gpointer  data,
                 GError  **error)
{
  MarkAll *m = data;
  g_autoptr(sqlite3_stmt) select = NULL;
  sqlite3_stmt *update;

  select = rn_sql_prepare (db,
    "SELECT i.id FROM items i JOIN feeds f ON f.id = i.feed_id "
    "WHERE i.read = 0 AND (?1 = 0 OR i.feed_id = ?1) AND (?2 = 0 OR f.folder_id = ?2)", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, m->feed_id);
  sqlite3_bind_int64 (select, 2, m->folder_id);
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      g_array_append_val (m->ids, id);
    }

  update = rn_store_writer_stmt (store, "UPDATE items SET read = 1 WHERE id = ?", error);
  if (update == NULL)
    return FALSE;
  for (guint i = 0; i < m->ids->len; i++)
    {
      sqlite3_bind_int64 (update, 1, g_array_index (m->ids, gint64, i));
      if (!rn_sql_step_done (update, error))
        return FALSE;
    }
  rn_store_note_items_changed (store);
  rn_store_note_feeds_changed (store);
  return TRUE;
}

GArray *
rn_item_store_mark_all_read (RnStore  *store,
                             gint64    feed_id,
                             gint64    folder_id,
                             GError  **error)
{
  MarkAll m = { feed_id, folder_id, g_array_new (FALSE, FALSE, sizeof (gint64)), 1 };

  if (!rn_store_write (store, mark_all_in_txn, &m, error))
    {
      g_array_unref (m.ids);
      return NULL;
    }
  return m.ids;
}

static gboolean
set_read_ids_in_txn (RnStore  *store,
                     sqlite3  *db,
                     gpointer  data,
                     GError  **error)
{
  MarkAll *m = data;
  sqlite3_stmt *update = rn_store_writer_stmt (store, "UPDATE items SET read = ? WHERE id = ?", error);

  if (update == NULL)
    return FALSE;
  for (guint i = 0; i < m->ids->len; i++)
    {
      sqlite3_bind_int (update, 1, m->read);
      sqlite3_bind_int64 (update, 2, g_array_index (m->ids, gint64, i));
      if (!rn_sql_step_done (update, error))
        return FALSE;
    }
  rn_store_note_items_changed (store);
  rn_store_note_feeds_changed (store);
  return TRUE;
}

gboolean
rn_item_store_set_read_ids (RnStore   *store,
                            GArray    *item_ids,
                            gboolean   read,
                            GError   **error)
{
  MarkAll m = { 0, 0, item_ids, !!read };

  return rn_store_write (store, set_read_ids_in_txn, &m, error);
}

gboolean
rn_item_store_load_content (RnStore   *store,
                            gint64     item_id,
                            char     **out_html,
                            char     **out_link,
                            GError   **error)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (store,
    "SELECT coalesce(content, summary, ''), link FROM items WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                   _("There is no item %" PRId64), item_id);
      return FALSE;
    }
  if (out_html != NULL)
    *out_html = rn_sql_dup_text (stmt, 0);
  if (out_link != NULL)
    *out_link = rn_sql_dup_text (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
rn_item_store_load_extra (RnStore   *store,
                          gint64     item_id,
                          char     **out_extra,
                          GError   **error)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (store,
    "SELECT CASE WHEN json_valid(extra) THEN extra END FROM items WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                   _("There is no item %" PRId64), item_id);
      return FALSE;
    }
  *out_extra = rn_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

typedef struct
{
  gint64 before;
  gint64 removed;
} Prune;

static gboolean
prune_in_txn (RnStore  *store,
              sqlite3  *db,
              gpointer  data,
              GError  **error)
{
  Prune *p = data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "DELETE FROM items WHERE read = 1 AND starred = 0 AND sort_date < ? "
    "AND id NOT IN (SELECT item_id FROM saved)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->before);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  p->removed = sqlite3_changes (db);
  if (p->removed > 0)
    {
      rn_store_note_items_changed (store);
      rn_store_note_feeds_changed (store);
    }
  return TRUE;
}

gint64
rn_item_store_prune (RnStore  *store,
                     gint64    before,
                     GError  **error)
{
  Prune p = { before, 0 };

  if (!rn_store_write (store, prune_in_txn, &p, error))
    return -1;
  return p.removed;
}
