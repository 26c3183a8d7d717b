/* rn-store-vocab.c: the words of the full-text index; see the header. */
#define G_LOG_DOMAIN "rn-store"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "rn-sql.h"
#include "rn-store-vocab.h"

/* The index's tokenizer, as items_fts was created with it (migration 1):
 * words must be folded exactly as FTS5 folds them. */
static const char *const tokenizer_args[] = { "remove_diacritics", "2" };
#define TOKENIZER_NAME "unicode61"

/* Where the filling of a library indexed before the list existed has got
 * to (the last word copied; "" before the first); no row once complete. */
#define FILL_KEY "fts_terms_after"

typedef struct
{
  fts5_tokenizer  api;
  Fts5Tokenizer  *tokenizer;
} Tokenizer;

static fts5_api *
fts5_api_of (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  fts5_api *api = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  return api;
}

static gboolean
tokenizer_open (Tokenizer *tok,
                sqlite3   *db)
{
  fts5_api *api = fts5_api_of (db);
  void *context = NULL;

  tok->tokenizer = NULL;
  if (api == NULL || api->xFindTokenizer (api, TOKENIZER_NAME, &context, &tok->api) != SQLITE_OK)
    return FALSE;
  return tok->api.xCreate (context, (const char **) tokenizer_args, G_N_ELEMENTS (tokenizer_args),
                           &tok->tokenizer) == SQLITE_OK;
}

static void
tokenizer_close (Tokenizer *tok)
{
  if (tok->tokenizer != NULL)
    tok->api.xDelete (tok->tokenizer);
  tok->tokenizer = NULL;
}

/* ---- noting the words indexed ---- */

struct _RnStoreVocab
{
  sqlite3    *db;
  Tokenizer   tok;
  GHashTable *words;     /* noted since the last flush */
  GString    *scratch;
};

static int
note_token (void       *data,
            int         flags,
            const char *token,
            int         length,
            int         start,
            int         end)
{
  RnStoreVocab *vocab = data;

  g_string_truncate (vocab->scratch, 0);
  g_string_append_len (vocab->scratch, token, length);
  if (!g_hash_table_contains (vocab->words, vocab->scratch->str))
    g_hash_table_add (vocab->words, g_strndup (token, length));
  return SQLITE_OK;
}

static void
sql_vocab_note (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  RnStoreVocab *vocab = sqlite3_user_data (context);
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  int length = sqlite3_value_bytes (argv[0]);

  if (text != NULL &&
      vocab->tok.api.xTokenize (vocab->tok.tokenizer, vocab, FTS5_TOKENIZE_DOCUMENT,
                                text, length, note_token) != SQLITE_OK)
    {
      sqlite3_result_error (context, "Could not read the words of an item", -1);
      return;
    }
  sqlite3_result_value (context, argv[0]);
}

RnStoreVocab *
rn_store_vocab_new (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(RnStoreVocab) vocab = g_new0 (RnStoreVocab, 1);
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  vocab->db = db;
  vocab->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  vocab->scratch = g_string_new (NULL);
  if (!tokenizer_open (&vocab->tok, db))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The full-text tokenizer is not available");
      return NULL;
    }
  /* Not deterministic: it has an effect besides its result. */
  rc = sqlite3_create_function_v2 (db, "rn_vocab_note", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                   vocab, sql_vocab_note, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      rn_sql_set_error (error, db, rc, "Could not register SQL functions");
      return NULL;
    }
  return g_steal_pointer (&vocab);
}

void
rn_store_vocab_free (RnStoreVocab *vocab)
{
  if (vocab == NULL)
    return;
  /* The function must not outlive its data. */
  if (vocab->db != NULL && vocab->tok.tokenizer != NULL)
    sqlite3_create_function_v2 (vocab->db, "rn_vocab_note", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL, NULL);
  tokenizer_close (&vocab->tok);
  g_hash_table_unref (vocab->words);
  g_string_free (vocab->scratch, TRUE);
  g_free (vocab);
}

gboolean
rn_store_vocab_flush (RnStoreVocab  *vocab,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer word;

  g_return_val_if_fail (vocab != NULL, FALSE);

  if (g_hash_table_size (vocab->words) == 0)
    return TRUE;
  stmt = rn_sql_prepare (vocab->db, "INSERT OR IGNORE INTO fts_terms (term) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, vocab->words);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    {
      rn_sql_bind_text (stmt, 1, word);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }
  g_hash_table_remove_all (vocab->words);
  return TRUE;
}

/* ---- filling the list from the index ---- */

gboolean
rn_store_vocab_complete (sqlite3 *db)
{
  return rn_sql_query_int (db, "SELECT EXISTS (SELECT 1 FROM meta WHERE key = '" FILL_KEY "')", 1) == 0;
}

gboolean
rn_store_vocab_fill (sqlite3   *db,
                     gint64     budget_us,
                     gboolean  *out_done,
                     GError   **error)
{
  g_autoptr(sqlite3_stmt) position = NULL;
  g_autoptr(sqlite3_stmt) words = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) save = NULL;
  g_autofree char *after = NULL;
  gint64 deadline = g_get_monotonic_time () + budget_us;
  int rc;

  *out_done = FALSE;
  position = rn_sql_prepare (db, "SELECT value FROM meta WHERE key = '" FILL_KEY "'", error);
  if (position == NULL)
    return FALSE;
  if (sqlite3_step (position) != SQLITE_ROW)
    {
      *out_done = TRUE;
      return TRUE;
    }
  after = g_strdup (rn_sql_column_text (position, 0));

  /* fts5vocab reads each word's doclist to count it: slow per word, so a
   * slice stops at its budget. */
  if (!rn_sql_exec (db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.rn_fts_words "
                        "USING fts5vocab(main, items_fts, row)", error))
    return FALSE;
  words = rn_sql_prepare (db, "SELECT term FROM temp.rn_fts_words WHERE term > ? ORDER BY term", error);
  insert = rn_sql_prepare (db, "INSERT OR IGNORE INTO fts_terms (term) VALUES (?)", error);
  if (words == NULL || insert == NULL)
    return FALSE;
  rn_sql_bind_text (words, 1, after);
  while ((rc = sqlite3_step (words)) == SQLITE_ROW)
    {
      g_free (after);
      after = rn_sql_dup_text (words, 0);
      rn_sql_bind_text (insert, 1, after);
      if (!rn_sql_step_done (insert, error))
        return FALSE;
      sqlite3_reset (insert);
      if (g_get_monotonic_time () >= deadline)
        break;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rn_sql_set_error (error, db, rc, "Could not list the words of the index");
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    {
      *out_done = TRUE;
      return rn_sql_exec (db, "DELETE FROM meta WHERE key = '" FILL_KEY "'", error);
    }
  save = rn_sql_prepare (db, "UPDATE meta SET value = ? WHERE key = '" FILL_KEY "'", error);
  if (save == NULL)
    return FALSE;
  rn_sql_bind_text (save, 1, after);
  return rn_sql_step_done (save, error);
}

/* ---- expanding a prefix ---- */

typedef struct
{
  GString *word;
  guint    count;
} Folded;

static int
fold_token (void       *data,
            int         flags,
            const char *token,
            int         length,
            int         start,
            int         end)
{
  Folded *folded = data;

  if (folded->count++ == 0)
    g_string_append_len (folded->word, token, length);
  return SQLITE_OK;
}

GStrv
rn_store_vocab_expand (sqlite3    *db,
                       const char *prefix,
                       guint       max_words)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) folded_word = g_string_new (NULL);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *above = NULL;
  Folded folded = { folded_word, 0 };
  Tokenizer tok;
  guint n = 0;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  if (max_words == 0 || !rn_store_vocab_complete (db))
    return NULL;
  if (!tokenizer_open (&tok, db))
    return NULL;
  rc = tok.api.xTokenize (tok.tokenizer, &folded, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX,
                          prefix, (int) strlen (prefix), fold_token);
  tokenizer_close (&tok);
  if (rc != SQLITE_OK || folded.count != 1)
    return NULL;

  /* Every word starting with the prefix sorts below the prefix followed by
   * 0xF5, a byte no UTF-8 text has (bound as text: a blob sorts above
   * every text). */
  above = g_strconcat (folded_word->str, "\xf5", NULL);
  stmt = rn_sql_prepare (db, "SELECT term FROM fts_terms WHERE term >= ? AND term < ? "
                             "ORDER BY term LIMIT ?", NULL);
  if (stmt == NULL)
    return NULL;
  rn_sql_bind_text (stmt, 1, folded_word->str);
  sqlite3_bind_text (stmt, 2, above, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (gint64) max_words + 1);
  builder = g_strv_builder_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_strv_builder_add (builder, rn_sql_column_text (stmt, 0));
      n++;
    }
  if (rc != SQLITE_DONE || n == 0 || n > max_words)
    return NULL;
  return g_strv_builder_end (builder);
}
