/* rn-account.c: the accounts table. */
#define G_LOG_DOMAIN "rn-accounts"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rn-account.h"
#include "store/rn-sql.h"

#define ACCOUNT_COLUMNS \
  "id, kind, server, username, display_name, avatar_url, client_id, state, options, created"

void
rn_account_free (RnAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->kind);
  g_free (account->server);
  g_free (account->username);
  g_free (account->display_name);
  g_free (account->avatar_url);
  g_free (account->client_id);
  g_free (account->state);
  g_free (account->options);
  g_free (account);
}

RnAccount *
rn_account_copy (const RnAccount *account)
{
  RnAccount *copy = g_new0 (RnAccount, 1);

  copy->id = account->id;
  copy->kind = g_strdup (account->kind);
  copy->server = g_strdup (account->server);
  copy->username = g_strdup (account->username);
  copy->display_name = g_strdup (account->display_name);
  copy->avatar_url = g_strdup (account->avatar_url);
  copy->client_id = g_strdup (account->client_id);
  copy->state = g_strdup (account->state);
  copy->options = g_strdup (account->options);
  copy->created = account->created;
  return copy;
}

char *
rn_account_dup_label (const RnAccount *account)
{
  g_return_val_if_fail (account != NULL, NULL);

  if (g_strcmp0 (account->kind, "mastodon") == 0)
    return g_strdup_printf ("@%s@%s", account->username, account->server);
  return g_strdup_printf ("@%s", account->username);
}

char *
rn_account_dup_option (const RnAccount *account,
                       const char      *name)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (account->options == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, account->options, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), name, NULL));
}

static RnAccount *
account_from_row (sqlite3_stmt *stmt)
{
  RnAccount *account = g_new0 (RnAccount, 1);

  account->id = sqlite3_column_int64 (stmt, 0);
  account->kind = rn_sql_dup_text (stmt, 1);
  account->server = rn_sql_dup_text (stmt, 2);
  account->username = rn_sql_dup_text (stmt, 3);
  account->display_name = rn_sql_dup_text (stmt, 4);
  account->avatar_url = rn_sql_dup_text (stmt, 5);
  account->client_id = rn_sql_dup_text (stmt, 6);
  account->state = rn_sql_dup_text (stmt, 7);
  account->options = rn_sql_dup_text (stmt, 8);
  account->created = sqlite3_column_int64 (stmt, 9);
  return account;
}

typedef struct
{
  const RnAccount *account;
  gint64           id;
  const char      *state;
} Write;

static gboolean
add_in_txn (RnStore  *store,
            sqlite3  *db,
            gpointer  data,
            GError  **error)
{
  Write *w = data;
  const RnAccount *a = w->account;
  int rc;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "INSERT INTO accounts (kind, server, username, display_name, avatar_url, client_id, "
    "state, options, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  rn_sql_bind_text (stmt, 1, a->kind);
  rn_sql_bind_text (stmt, 2, a->server);
  rn_sql_bind_text (stmt, 3, a->username != NULL ? a->username : "");
  rn_sql_bind_text (stmt, 4, a->display_name);
  rn_sql_bind_text (stmt, 5, a->avatar_url);
  rn_sql_bind_text (stmt, 6, a->client_id);
  rn_sql_bind_text (stmt, 7, a->state != NULL ? a->state : RN_ACCOUNT_STATE_OK);
  rn_sql_bind_text (stmt, 8, a->options);
  sqlite3_bind_int64 (stmt, 9, a->created > 0 ? a->created : g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_CONSTRAINT,
                   _("The account %s is already in your library"), a->username);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      rn_sql_set_error (error, db, rc, "add account");
      return FALSE;
    }
  w->id = sqlite3_last_insert_rowid (db);
  return w->id > 0;
}

gboolean
rn_account_store_add (RnStore          *store,
                      const RnAccount  *account,
                      gint64           *out_id,
                      GError          **error)
{
  Write w = { account, 0, NULL };

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  g_return_val_if_fail (account != NULL && account->kind != NULL && account->server != NULL, FALSE);

  if (!rn_store_write (store, add_in_txn, &w, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = w.id;
  return TRUE;
}

static gboolean
update_in_txn (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  Write *w = data;
  const RnAccount *a = w->account;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "UPDATE accounts SET display_name = ?, avatar_url = ?, client_id = coalesce(?, client_id), "
    "state = coalesce(?, state), options = coalesce(?, options) WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  rn_sql_bind_text (stmt, 1, a->display_name);
  rn_sql_bind_text (stmt, 2, a->avatar_url);
  rn_sql_bind_text (stmt, 3, a->client_id);
  rn_sql_bind_text (stmt, 4, a->state);
  rn_sql_bind_text (stmt, 5, a->options);
  sqlite3_bind_int64 (stmt, 6, a->id);
  return rn_sql_step_done (stmt, error);
}

gboolean
rn_account_store_update (RnStore          *store,
                         const RnAccount  *account,
                         GError          **error)
{
  Write w = { account, 0, NULL };

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  return rn_store_write (store, update_in_txn, &w, error);
}

static gboolean
state_in_txn (RnStore  *store,
              sqlite3  *db,
              gpointer  data,
              GError  **error)
{
  Write *w = data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "UPDATE accounts SET state = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  rn_sql_bind_text (stmt, 1, w->state);
  sqlite3_bind_int64 (stmt, 2, w->id);
  return rn_sql_step_done (stmt, error);
}

gboolean
rn_account_store_set_state (RnStore     *store,
                            gint64       account_id,
                            const char  *state,
                            GError     **error)
{
  Write w = { NULL, account_id, state };

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  return rn_store_write (store, state_in_txn, &w, error);
}

static gboolean
remove_in_txn (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  Write *w = data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store, "DELETE FROM accounts WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, w->id);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  rn_store_note_feeds_changed (store);
  rn_store_note_items_changed (store);
  return TRUE;
}

gboolean
rn_account_store_remove (RnStore  *store,
                         gint64    account_id,
                         GError  **error)
{
  Write w = { NULL, account_id, NULL };

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  return rn_store_write (store, remove_in_txn, &w, error);
}

RnAccount *
rn_account_store_get_on (sqlite3  *db,
                         gint64    account_id,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db,
    "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                   _("There is no account %" PRId64), account_id);
      return NULL;
    }
  return account_from_row (stmt);
}

RnAccount *
rn_account_store_get (RnStore  *store,
                      gint64    account_id,
                      GError  **error)
{
  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  return rn_account_store_get_on (rn_store_get_reader (store), account_id, error);
}

RnAccount *
rn_account_store_find (RnStore     *store,
                       const char  *kind,
                       const char  *server,
                       const char  *username,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (rn_store_get_reader (store),
    "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE kind = ? AND server = ? AND username = ?", error);

  if (stmt == NULL)
    return NULL;
  rn_sql_bind_text (stmt, 1, kind);
  rn_sql_bind_text (stmt, 2, server);
  rn_sql_bind_text (stmt, 3, username);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                   _("There is no account %s on %s"), username, server);
      return NULL;
    }
  return account_from_row (stmt);
}

GPtrArray *
rn_account_store_list (RnStore  *store,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *accounts;
  int rc;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);

  stmt = rn_sql_prepare (rn_store_get_reader (store),
                         "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY created, id", error);
  if (stmt == NULL)
    return NULL;
  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_account_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      rn_sql_set_error (error, rn_store_get_reader (store), rc, "list accounts");
      g_ptr_array_unref (accounts);
      return NULL;
    }
  return accounts;
}

gint64
rn_account_store_feed_account (sqlite3 *db,
                               gint64   feed_id)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db, "SELECT account_id FROM feeds WHERE id = ?", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, feed_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

typedef struct
{
  gint64 feed_id;
  gint64 account_id;
} Attach;

static gboolean
attach_in_txn (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  Attach *a = data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store, "UPDATE feeds SET account_id = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (a->account_id > 0)
    sqlite3_bind_int64 (stmt, 1, a->account_id);
  sqlite3_bind_int64 (stmt, 2, a->feed_id);
  return rn_sql_step_done (stmt, error);
}

gboolean
rn_account_store_attach_feed (RnStore  *store,
                              gint64    feed_id,
                              gint64    account_id,
                              GError  **error)
{
  Attach a = { feed_id, account_id };

  return rn_store_write (store, attach_in_txn, &a, error);
}
