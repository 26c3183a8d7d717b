/* rn-store-schema.c: the database schema as numbered migrations.
 *
 * Each entry of `migrations` moves the database from version N to N+1 and
 * runs in the same transaction as the bump of PRAGMA user_version, so a
 * crash leaves either the old or the new schema. Never edit a migration that
 * has shipped: append a new one. */
#define G_LOG_DOMAIN "rn-store"

#include "config.h"

#include "rn-sql.h"
#include "rn-store.h"
#include "rn-store-schema.h"

/* Version 1: the whole library. Times are Unix seconds (UTC). */
static const char migration_1[] =
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ");"

  "CREATE TABLE folders ("
  "  id        INTEGER PRIMARY KEY,"
  "  parent_id INTEGER REFERENCES folders(id) ON DELETE CASCADE,"
  "  title     TEXT NOT NULL,"
  "  position  INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE UNIQUE INDEX folders_title ON folders(ifnull(parent_id, 0), title);"

  "CREATE TABLE accounts ("
  "  id           INTEGER PRIMARY KEY,"
  "  kind         TEXT NOT NULL,"           /* mastodon | bluesky | pubmed */
  "  server       TEXT NOT NULL,"
  "  username     TEXT NOT NULL DEFAULT '',"
  "  display_name TEXT,"
  "  avatar_url   TEXT,"
  "  client_id    TEXT,"                    /* public OAuth client id, never the secret */
  "  state        TEXT NOT NULL DEFAULT 'ok',"
  "  options      TEXT,"                    /* JSON */
  "  created      INTEGER NOT NULL,"
  "  UNIQUE (kind, server, username)"
  ");"

  /* A source: a web feed, a PubMed search, a social timeline. `url` is the
   * feed URL, or the query / timeline address for other kinds. */
  "CREATE TABLE feeds ("
  "  id               INTEGER PRIMARY KEY,"
  "  kind             TEXT NOT NULL DEFAULT 'feed',"
  "  folder_id        INTEGER REFERENCES folders(id) ON DELETE SET NULL,"
  "  account_id       INTEGER REFERENCES accounts(id) ON DELETE CASCADE,"
  "  url              TEXT NOT NULL,"
  "  title            TEXT,"
  "  user_title       TEXT,"               /* set by the user; wins over title */
  "  site_url         TEXT,"
  "  description      TEXT,"
  "  icon_url         TEXT,"
  "  position         INTEGER NOT NULL DEFAULT 0,"
  "  etag             TEXT,"
  "  last_modified    TEXT,"
  "  refresh_interval INTEGER,"            /* seconds; NULL: the app's default */
  "  ttl_hint         INTEGER,"            /* seconds, from ttl / sy:updatePeriod */
  "  last_fetch       INTEGER,"
  "  last_success     INTEGER,"
  "  next_fetch       INTEGER,"
  "  retry_after      INTEGER,"
  "  error            TEXT,"
  "  http_status      INTEGER,"
  "  failures         INTEGER NOT NULL DEFAULT 0,"
  "  disabled         INTEGER NOT NULL DEFAULT 0,"
  "  options          TEXT,"               /* JSON, source specific */
  "  added            INTEGER NOT NULL,"
  "  UNIQUE (kind, url)"
  ");"
  "CREATE INDEX feeds_folder ON feeds(folder_id);"

  /* Items keep an AUTOINCREMENT id so that `id > N` means "added after N":
   * columns evaluate only new rows this way. sort_date is published, or the
   * time the item was first seen when the feed gives no date. */
  "CREATE TABLE items ("
  "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  feed_id      INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
  "  guid         TEXT NOT NULL,"
  "  type         TEXT NOT NULL DEFAULT 'article'," /* article|post|podcast|case */
  "  title        TEXT,"
  "  link         TEXT,"
  "  author       TEXT,"
  "  published    INTEGER,"
  "  updated      INTEGER,"
  "  first_seen   INTEGER NOT NULL,"
  "  sort_date    INTEGER NOT NULL,"
  "  summary      TEXT,"
  "  content      TEXT,"
  "  content_hash INTEGER,"                 /* detects unchanged entries */
  "  thumbnail    TEXT,"
  "  doi          TEXT,"
  "  lang         TEXT,"
  "  has_image    INTEGER NOT NULL DEFAULT 0,"
  "  read         INTEGER NOT NULL DEFAULT 0,"
  "  starred      INTEGER NOT NULL DEFAULT 0,"
  "  is_boost     INTEGER NOT NULL DEFAULT 0,"
  "  is_reply     INTEGER NOT NULL DEFAULT 0,"
  "  boosts       INTEGER,"
  "  replies      INTEGER,"
  "  favourites   INTEGER,"
  "  extra        TEXT,"                     /* JSON: PRISM, iTunes, post data */
  "  UNIQUE (feed_id, guid)"
  ");"
  "CREATE INDEX items_sort ON items(sort_date DESC, id DESC);"
  "CREATE INDEX items_feed_sort ON items(feed_id, sort_date DESC, id DESC);"
  "CREATE INDEX items_unread ON items(feed_id) WHERE read = 0;"
  "CREATE INDEX items_starred ON items(sort_date) WHERE starred = 1;"
  "CREATE INDEX items_doi ON items(doi) WHERE doi IS NOT NULL;"

  "CREATE TABLE enclosures ("
  "  id          INTEGER PRIMARY KEY,"
  "  item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  url         TEXT NOT NULL,"
  "  type        TEXT,"
  "  length      INTEGER,"
  "  description TEXT,"
  "  UNIQUE (item_id, url)"
  ");"

  "CREATE TABLE item_tags ("               /* hashtags of posts, categories */
  "  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  tag     TEXT NOT NULL COLLATE NOCASE,"
  "  PRIMARY KEY (item_id, tag)"
  ") WITHOUT ROWID;"
  "CREATE INDEX item_tags_tag ON item_tags(tag);"

  /* Full-text index of the plain text of each item (rowid = items.id). It
   * keeps no copy of the text: its content is the view items_text, whose
   * body rn_item_text() computes from the HTML (see rn-index-text.h). The
   * triggers keep it in sync with items. Hashtags and categories are
   * searched through item_tags. */
  "CREATE VIEW items_text AS "
  "  SELECT id, title, author, rn_item_text(summary, content) AS body FROM items;"
  "CREATE VIRTUAL TABLE items_fts USING fts5("
  "  title, author, body,"
  "  content = 'items_text', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN"
  "  INSERT INTO items_fts (rowid, title, author, body)"
  "  VALUES (new.id, new.title, new.author, rn_item_text(new.summary, new.content));"
  "END;"
  "CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
  "  INSERT INTO items_fts (items_fts, rowid, title, author, body)"
  "  VALUES ('delete', old.id, old.title, old.author, rn_item_text(old.summary, old.content));"
  "END;"
  "CREATE TRIGGER items_fts_update AFTER UPDATE OF title, author, summary, content ON items BEGIN"
  "  INSERT INTO items_fts (items_fts, rowid, title, author, body)"
  "  VALUES ('delete', old.id, old.title, old.author, rn_item_text(old.summary, old.content));"
  "  INSERT INTO items_fts (rowid, title, author, body)"
  "  VALUES (new.id, new.title, new.author, rn_item_text(new.summary, new.content));"
  "END;"

  "CREATE TABLE columns ("
  "  id            INTEGER PRIMARY KEY,"
  "  name          TEXT NOT NULL UNIQUE,"
  "  query         TEXT NOT NULL,"
  "  sort          TEXT NOT NULL DEFAULT 'newest',"
  "  notify        INTEGER NOT NULL DEFAULT 0,"
  "  position      INTEGER NOT NULL DEFAULT 0,"
  "  width         INTEGER NOT NULL DEFAULT 360,"
  "  exclude_words TEXT,"
  "  authors       TEXT,"
  "  media_only    INTEGER NOT NULL DEFAULT 0,"
  "  hide_boosts   INTEGER NOT NULL DEFAULT 0,"
  "  hide_replies  INTEGER NOT NULL DEFAULT 0,"
  "  remote        TEXT,"                   /* JSON: accounts asked for remote results */
  "  seen_id       INTEGER NOT NULL DEFAULT 0"
  ");"

  "CREATE TABLE saved ("
  "  item_id  INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,"
  "  state    TEXT NOT NULL DEFAULT 'to-read',"  /* to-read | reading | done */
  "  note     TEXT,"
  "  saved_at INTEGER NOT NULL,"
  "  changed  INTEGER NOT NULL"
  ");"
  "CREATE TABLE saved_tags ("
  "  item_id INTEGER NOT NULL REFERENCES saved(item_id) ON DELETE CASCADE,"
  "  tag     TEXT NOT NULL COLLATE NOCASE,"
  "  PRIMARY KEY (item_id, tag)"
  ") WITHOUT ROWID;"

  /* Bibliographic references found in items and resolved from Crossref or
   * NCBI. csl holds CSL-JSON; user edits live in csl_user and win. */
  "CREATE TABLE refs ("
  "  id          INTEGER PRIMARY KEY,"
  "  item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  doi         TEXT,"
  "  pmid        TEXT,"
  "  pmcid       TEXT,"
  "  arxiv       TEXT,"
  "  preprint    TEXT,"                     /* medRxiv / bioRxiv DOI */
  "  csl         TEXT,"
  "  csl_user    TEXT,"
  "  notice      TEXT,"                     /* retraction | correction | expression-of-concern */
  "  notice_url  TEXT,"
  "  resolved_at INTEGER,"
  "  UNIQUE (item_id)"
  ");"
  "CREATE INDEX refs_doi ON refs(doi) WHERE doi IS NOT NULL;"
  "CREATE INDEX refs_pmid ON refs(pmid) WHERE pmid IS NOT NULL;"

  /* Answers of metadata services, so a look-up is made once. */
  "CREATE TABLE lookup_cache ("
  "  key     TEXT PRIMARY KEY,"
  "  body    TEXT NOT NULL,"
  "  fetched INTEGER NOT NULL"
  ");"

  "CREATE TABLE snapshots ("
  "  item_id    INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,"
  "  state      TEXT NOT NULL,"             /* complete | partial | failed | pending */
  "  title      TEXT,"
  "  html       TEXT,"                      /* sanitised main text */
  "  error      TEXT,"
  "  bytes      INTEGER NOT NULL DEFAULT 0,"
  "  fetched_at INTEGER"
  ");"
  "CREATE TABLE snapshot_assets ("
  "  id       INTEGER PRIMARY KEY,"
  "  item_id  INTEGER NOT NULL REFERENCES snapshots(item_id) ON DELETE CASCADE,"
  "  url      TEXT NOT NULL,"
  "  mime     TEXT NOT NULL,"
  "  width    INTEGER,"
  "  height   INTEGER,"
  "  data     BLOB NOT NULL,"
  "  UNIQUE (item_id, url)"
  ");"

  /* Social: read positions and actions queued while offline. */
  "CREATE TABLE markers ("
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  timeline   TEXT NOT NULL,"
  "  last_read  TEXT,"
  "  PRIMARY KEY (account_id, timeline)"
  ");"
  "CREATE TABLE pending_actions ("
  "  id         INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  action     TEXT NOT NULL,"
  "  target     TEXT NOT NULL,"
  "  created    INTEGER NOT NULL"
  ");";

/* Version 2: the reading list survives unsubscribing. Items belong to their
 * feed (ON DELETE CASCADE), so removing a feed would delete the saved items
 * with it, and a clinician's reading list with its notes, references and
 * offline copies would be lost. Before a feed is deleted, its saved items
 * move to one hidden source of kind 'archive' (created when first needed,
 * disabled so nothing refreshes it). Their guid is prefixed with the old
 * feed's id because guids are only unique per feed; the old source's name
 * is kept in extra.source so lists can still say where an item came from.
 * Deleting the archive itself deletes what it holds, as asked. */
static const char migration_2[] =
  "CREATE TRIGGER feeds_keep_saved BEFORE DELETE ON feeds"
  "  WHEN old.kind <> 'archive'"
  "   AND EXISTS (SELECT 1 FROM saved s JOIN items i ON i.id = s.item_id"
  "               WHERE i.feed_id = old.id)"
  " BEGIN"
  "  INSERT OR IGNORE INTO feeds (kind, url, title, disabled, added)"
  "    VALUES ('archive', 'radnet:archive', 'Saved from removed sources', 1,"
  "            CAST(strftime('%s', 'now') AS INTEGER));"
  "  UPDATE items SET"
  "    feed_id = (SELECT id FROM feeds WHERE kind = 'archive' AND url = 'radnet:archive'),"
  "    guid = old.id || ':' || guid,"
  "    extra = json_set(CASE WHEN json_valid(extra) THEN extra ELSE '{}' END,"
  "                     '$.source', coalesce(old.user_title, old.title, old.url))"
  "  WHERE feed_id = old.id AND id IN (SELECT item_id FROM saved);"
  " END;";

/* Full-text indexing moves out of the write that adds an item: the
 * triggers list what needs (re)indexing in fts_pending, and the store
 * indexes it in large chunks (rn-store-index.c). A refresh of many feeds
 * then builds few large index segments instead of merging one small
 * segment per feed, which was most of its cost. An item still pending is
 * not in the index, so a change or removal only has to drop it from the
 * list; an indexed one is taken out of the index first. Items stored
 * before this migration were indexed by the old triggers. */
static const char migration_3[] =
  "CREATE TABLE IF NOT EXISTS fts_pending (id INTEGER PRIMARY KEY);"
  "DROP TRIGGER IF EXISTS items_fts_insert;"
  "DROP TRIGGER IF EXISTS items_fts_update;"
  "DROP TRIGGER IF EXISTS items_fts_delete;"
  "CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN"
  "  INSERT OR IGNORE INTO fts_pending (id) VALUES (new.id);"
  "END;"
  "CREATE TRIGGER items_fts_update AFTER UPDATE OF title, author, summary, content ON items BEGIN"
  "  INSERT INTO items_fts (items_fts, rowid, title, author, body)"
  "    SELECT 'delete', old.id, old.title, old.author, rn_item_text(old.summary, old.content)"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = old.id);"
  "  INSERT OR IGNORE INTO fts_pending (id) VALUES (new.id);"
  "END;"
  "CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
  "  INSERT INTO items_fts (items_fts, rowid, title, author, body)"
  "    SELECT 'delete', old.id, old.title, old.author, rn_item_text(old.summary, old.content)"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = old.id);"
  "  DELETE FROM fts_pending WHERE id = old.id;"
  "END;";

/* Unread counts per feed, kept by triggers: the sidebar reads them after
 * every feed a refresh stores, and counting them from the items took
 * 70 ms at 2,000,000 items and 5,000 feeds (most of the UI thread during
 * such a refresh). A row exists once a feed has had an unread item. */
static const char migration_4[] =
  "CREATE TABLE IF NOT EXISTS feed_unread ("
  "  feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,"
  "  n       INTEGER NOT NULL DEFAULT 0"
  ");"
  "DELETE FROM feed_unread;"
  "INSERT INTO feed_unread (feed_id, n) SELECT feed_id, count(*) FROM items WHERE read = 0 GROUP BY feed_id;"
  "DROP TRIGGER IF EXISTS items_unread_insert;"
  "DROP TRIGGER IF EXISTS items_unread_delete;"
  "DROP TRIGGER IF EXISTS items_unread_update;"
  "CREATE TRIGGER items_unread_insert AFTER INSERT ON items WHEN new.read = 0 BEGIN"
  "  INSERT INTO feed_unread (feed_id, n) VALUES (new.feed_id, 1)"
  "    ON CONFLICT (feed_id) DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER items_unread_delete AFTER DELETE ON items WHEN old.read = 0 BEGIN"
  "  UPDATE feed_unread SET n = n - 1 WHERE feed_id = old.feed_id;"
  "END;"
  "CREATE TRIGGER items_unread_update AFTER UPDATE OF read, feed_id ON items"
  "  WHEN old.read IS NOT new.read OR old.feed_id IS NOT new.feed_id BEGIN"
  "  UPDATE feed_unread SET n = n - 1 WHERE feed_id = old.feed_id AND old.read = 0;"
  "  INSERT INTO feed_unread (feed_id, n) SELECT new.feed_id, 1 WHERE new.read = 0"
  "    ON CONFLICT (feed_id) DO UPDATE SET n = n + 1;"
  "END;";

/* Item counts per feed, kept the same way: an item list counts its rows
 * when it opens and whenever items change, and counting "All Items" from
 * the items took 200 ms at 2,000,000 items, on the main loop, after every
 * item marked read. */
static const char migration_5[] =
  "CREATE TABLE IF NOT EXISTS feed_items ("
  "  feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,"
  "  n       INTEGER NOT NULL DEFAULT 0"
  ");"
  "DELETE FROM feed_items;"
  "INSERT INTO feed_items (feed_id, n) SELECT feed_id, count(*) FROM items GROUP BY feed_id;"
  "DROP TRIGGER IF EXISTS items_count_insert;"
  "DROP TRIGGER IF EXISTS items_count_delete;"
  "DROP TRIGGER IF EXISTS items_count_move;"
  "CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN"
  "  INSERT INTO feed_items (feed_id, n) VALUES (new.feed_id, 1)"
  "    ON CONFLICT (feed_id) DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN"
  "  UPDATE feed_items SET n = n - 1 WHERE feed_id = old.feed_id;"
  "END;"
  "CREATE TRIGGER items_count_move AFTER UPDATE OF feed_id ON items"
  "  WHEN old.feed_id IS NOT new.feed_id BEGIN"
  "  UPDATE feed_items SET n = n - 1 WHERE feed_id = old.feed_id;"
  "  INSERT INTO feed_items (feed_id, n) VALUES (new.feed_id, 1)"
  "    ON CONFLICT (feed_id) DO UPDATE SET n = n + 1;"
  "END;";

/* The words of the full-text index, for spelling out word prefixes (see
 * rn-store-vocab.h). A library that already has items has them listed
 * in the background from the index; FILL_KEY there marks it unfinished. */
static const char migration_6[] =
  "CREATE TABLE IF NOT EXISTS fts_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;"
  "INSERT OR IGNORE INTO meta (key, value) SELECT 'fts_terms_after', '' WHERE EXISTS (SELECT 1 FROM items);";

/* The latest date among each block of 4,096 ids, kept by triggers. A
 * column's first page is looked for among the newest ids first, and is
 * the answer only if no older id is dated after its last row; the sort
 * index answers that by reading every row dated after it, 190,000 rows
 * (13 ms) for a rare phrase in a million items. These few hundred rows
 * answer it at once. A block's date is only ever raised (a deleted or
 * re-dated item leaves it as it was), so it is an upper bound: when it
 * says "maybe", the sort index still decides (see rn-query-run.c). */
static const char migration_7[] =
  "CREATE TABLE IF NOT EXISTS id_block_dates ("
  "  block  INTEGER PRIMARY KEY,"           /* id >> 12 */
  "  latest INTEGER NOT NULL"
  ");"
  "DELETE FROM id_block_dates;"
  "INSERT INTO id_block_dates (block, latest) SELECT id >> 12, max(sort_date) FROM items GROUP BY id >> 12;"
  "DROP TRIGGER IF EXISTS items_block_insert;"
  "DROP TRIGGER IF EXISTS items_block_redate;"
  "CREATE TRIGGER items_block_insert AFTER INSERT ON items BEGIN"
  "  INSERT INTO id_block_dates (block, latest) VALUES (new.id >> 12, new.sort_date)"
  "    ON CONFLICT (block) DO UPDATE SET latest = max(latest, excluded.latest);"
  "END;"
  "CREATE TRIGGER items_block_redate AFTER UPDATE OF sort_date, id ON items"
  "  WHEN new.sort_date > old.sort_date OR new.id IS NOT old.id BEGIN"
  "  INSERT INTO id_block_dates (block, latest) VALUES (new.id >> 12, new.sort_date)"
  "    ON CONFLICT (block) DO UPDATE SET latest = max(latest, excluded.latest);"
  "END;";

static const char *const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
};

int
rn_store_schema_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
rn_store_schema_migrate (sqlite3  *db,
                         GError  **error)
{
  int version = (int) rn_sql_query_int (db, "PRAGMA user_version", -1);

  if (version < 0)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_CORRUPT,
                   "Could not read the library's schema version: %s",
                   sqlite3_errmsg (db));
      return FALSE;
    }

  if (version > rn_store_schema_latest_version ())
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_TOO_NEW,
                   "This library was written by a newer RadNet (schema %d; "
                   "this version knows up to %d). Update RadNet to open it.",
                   version, rn_store_schema_latest_version ());
      return FALSE;
    }

  for (int v = version; v < rn_store_schema_latest_version (); v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      g_debug ("Migrating library schema %d → %d", v, v + 1);

      if (!rn_sql_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!rn_sql_exec (db, migrations[v], error) ||
          !rn_sql_exec (db, bump, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, "Could not upgrade the library to schema %d: ", v + 1);
          return FALSE;
        }
      if (!rn_sql_exec (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}
