/* rn-store.c: opening the library safely, the single writer, readers and
 * change notifications. */
#define G_LOG_DOMAIN "rn-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rn-sql.h"
#include "rn-sql-functions.h"
#include "rn-store.h"
#include "rn-store-index.h"
#include "rn-store-schema.h"

/* What writes since the last COMMIT changed: copied to be put back when a
 * write rolls back. */
typedef struct
{
  gint64   first;
  gint64   last;
  gboolean items_changed;
  gboolean feeds_changed;
} PendingNotes;

struct _RnStore
{
  GObject       parent_instance;

  char         *path;
  GMainContext *main_context;   /* where signals are emitted */
  GThread      *owner;          /* the thread that opened the store */

  GMutex        write_lock;     /* serialises every use of `writer` */
  sqlite3      *writer;
  GHashTable   *writer_stmts;   /* const char *sql → sqlite3_stmt* */
  GThread      *writer_thread;  /* runs async writes, in order */
  GAsyncQueue  *write_queue;    /* GTask, or the store itself to stop */
  RnStoreVocab *vocab;          /* notes the words `writer` indexes */

  /* Bulk writes under way (refreshes): full-text indexing waits for a
   * full chunk, see rn-store-index.h. Guarded by write_lock. */
  guint         bulk;
  /* The highest item id announced by items-added: items are announced
   * once indexed, so that searches and columns find what a list shows. */
  gint64        notified_upto;
  /* The highest item id items-added has announced on the owner thread
   * (all of them at open). */
  gint64        announced_upto;

  /* Collected during a write, flushed after COMMIT. */
  PendingNotes  pending;

  sqlite3      *reader;         /* for the owner thread */
  GHashTable   *reader_stmts;
};

enum {
  ITEMS_ADDED,
  ITEMS_CHANGED,
  FEEDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RnStore, rn_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (rn-store-error-quark, rn_store_error)

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
rn_store_finalize (GObject *object)
{
  RnStore *self = RN_STORE (object);

  if (self->writer_thread != NULL)
    {
      g_async_queue_push (self->write_queue, self);   /* stop after the rest */
      g_thread_join (self->writer_thread);
    }
  g_clear_pointer (&self->write_queue, g_async_queue_unref);
  g_clear_pointer (&self->writer_stmts, g_hash_table_unref);
  g_clear_pointer (&self->reader_stmts, g_hash_table_unref);
  g_clear_pointer (&self->vocab, rn_store_vocab_free);
  if (self->reader != NULL)
    sqlite3_close_v2 (self->reader);
  if (self->writer != NULL)
    {
      /* Leave a small WAL behind, and fresh statistics for the planner. */
      sqlite3_exec (self->writer, "PRAGMA optimize", NULL, NULL, NULL);
      sqlite3_close_v2 (self->writer);
    }
  g_mutex_clear (&self->write_lock);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_free (self->path);

  G_OBJECT_CLASS (rn_store_parent_class)->finalize (object);
}

static void
rn_store_class_init (RnStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rn_store_finalize;

  /**
   * RnStore::items-added:
   * @first_id: the lowest new item id
   * @last_id: the highest new item id
   *
   * Items with ids in [@first_id, @last_id] were added (ids only grow).
   */
  signals[ITEMS_ADDED] =
    g_signal_new ("items-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /* Items changed state (read, starred, saved) or were removed. */
  signals[ITEMS_CHANGED] =
    g_signal_new ("items-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Feeds or folders were added, removed, renamed, or their state changed. */
  signals[FEEDS_CHANGED] =
    g_signal_new ("feeds-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rn_store_init (RnStore *self)
{
  g_mutex_init (&self->write_lock);
  self->writer_stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->reader_stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
}

char *
rn_store_default_path (void)
{
  const char *dir = g_getenv ("RADNET_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "library.db", NULL);
  return g_build_filename (g_get_user_data_dir (), "radnet", "library.db", NULL);
}

/* A file that exists but is not an SQLite database must never be opened for
 * writing: SQLite would refuse it anyway, but we want to say so plainly and
 * be sure nothing truncates it. */
static gboolean
check_existing_file (const char  *path,
                     GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  gsize got = 0;
  g_autoptr(GError) local_error = NULL;

  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_READ_ONLY,
                   "Cannot read the library %s: %s", path, local_error->message);
      return FALSE;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &got, NULL, &local_error))
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_READ_ONLY,
                   "Cannot read the library %s: %s", path, local_error->message);
      return FALSE;
    }
  if (got == 0)
    return TRUE;   /* an empty file is a new database */
  if (got < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_CORRUPT,
                   "%s is not a RadNet library (not an SQLite database). "
                   "It was left untouched; move it away to start a new library.",
                   path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure_connection (sqlite3  *db,
                      gboolean  writer,
                      GError  **error)
{
  sqlite3_busy_timeout (db, 10000);
  sqlite3_extended_result_codes (db, 1);
  if (!rn_sql_exec (db, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (!rn_sql_functions_register (db, error))
    return FALSE;
  /* The writer gets a somewhat larger page cache (20 MB): with the index
   * built in chunks, more bought no speed and cost a refresh 40 MB of
   * resident memory. Checkpoints run less often, so pages written several
   * times in a row go to the database file once. */
  if (writer &&
      (!rn_sql_exec (db, "PRAGMA journal_mode = WAL", error) ||
       !rn_sql_exec (db, "PRAGMA synchronous = NORMAL", error) ||
       !rn_sql_exec (db, "PRAGMA cache_size = -20000", error) ||
       !rn_sql_exec (db, "PRAGMA wal_autocheckpoint = 8192", error)))
    return FALSE;
  /* Test hook: a library that cannot grow past N pages behaves like a full
   * disk (SQLITE_FULL), which tests cannot otherwise arrange. */
  if (writer && g_getenv ("RADNET_TEST_MAX_PAGES") != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                                              g_ascii_strtoll (g_getenv ("RADNET_TEST_MAX_PAGES"), NULL, 10));
      if (!rn_sql_exec (db, sql, error))
        return FALSE;
    }
  if (!rn_sql_exec (db, "PRAGMA temp_store = MEMORY", error) ||
      (!writer && !rn_sql_exec (db, "PRAGMA cache_size = -16000", error)))
    return FALSE;
  return TRUE;
}

static sqlite3 *
open_connection (const char  *path,
                 int          flags,
                 gboolean     writer,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      rn_sql_set_error (error, db, rc, "Cannot open the library");
      sqlite3_close_v2 (db);
      return NULL;
    }
  if (!configure_connection (db, writer, error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

static gpointer writer_thread_main (gpointer data);

/* Listing the words of a library indexed before the list existed
 * (rn-store-vocab.h): a slice per write, so that refreshes go on in
 * between; the next slice is queued when one is done. */
#define VOCAB_SLICE_US 100000

typedef struct
{
  GWeakRef store;   /* the callback may run after the store is gone */
  gboolean done;
} VocabSlice;

static gboolean
fill_vocab_slice (RnStore  *store,
                  sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  VocabSlice *slice = user_data;

  return rn_store_vocab_fill (db, VOCAB_SLICE_US, &slice->done, error);
}

static void fill_vocab (RnStore *self);

static void
on_vocab_slice_filled (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  VocabSlice *slice = user_data;
  g_autoptr(RnStore) self = g_weak_ref_get (&slice->store);
  g_autoptr(GError) error = NULL;
  gboolean done = slice->done;

  g_weak_ref_clear (&slice->store);
  g_free (slice);
  if (self == NULL)
    return;
  if (!rn_store_write_finish (self, result, &error))
    g_warning ("Could not list the words of the full-text index: %s", error->message);
  else if (!done)
    fill_vocab (self);
}

static void
fill_vocab (RnStore *self)
{
  VocabSlice *slice = g_new0 (VocabSlice, 1);

  g_weak_ref_init (&slice->store, self);
  rn_store_write_async (self, fill_vocab_slice, slice, NULL, NULL, on_vocab_slice_filled, slice);
}

static gboolean
write_nothing (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  return TRUE;
}

RnStore *
rn_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(RnStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) local_error = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_READ_ONLY,
                   "Cannot create the data folder %s: %s", dir, g_strerror (saved_errno));
      return NULL;
    }
  if (access (dir, W_OK) != 0)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_READ_ONLY,
                   "The data folder %s is read-only; RadNet needs to write its library there.",
                   dir);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!check_existing_file (path, error))
        return NULL;
      if (access (path, W_OK) != 0)
        {
          g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_READ_ONLY,
                       "The library %s is read-only.", path);
          return NULL;
        }
    }

  self = g_object_new (RN_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->main_context = g_main_context_ref_thread_default ();
  self->owner = g_thread_self ();

  self->writer = open_connection (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, TRUE, &local_error);
  if (self->writer == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* A damaged file shows up here, before anything is written to it. */
  rc = sqlite3_exec (self->writer, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_CORRUPT,
                   "The library %s is damaged (%s). It was left untouched.",
                   path, sqlite3_errmsg (self->writer));
      return NULL;
    }

  if (!rn_store_schema_migrate (self->writer, error) ||
      !rn_store_index_mend_stats (self->writer, error))
    return NULL;
  self->vocab = rn_store_vocab_new (self->writer, error);
  if (self->vocab == NULL)
    return NULL;

  self->notified_upto = rn_sql_query_int (self->writer, "SELECT coalesce(max(id), 0) FROM items", 0);
  self->announced_upto = self->notified_upto;

  self->write_queue = g_async_queue_new ();
  self->writer_thread = g_thread_new ("rn-store-writer", writer_thread_main, self);
  /* Items left unindexed by a crash during a refresh: index them now,
   * off this thread (an empty write indexes what is pending). */
  if (rn_store_index_count_pending (self->writer) > 0)
    rn_store_write_async (self, write_nothing, NULL, NULL, NULL, NULL, NULL);
  if (!rn_store_vocab_complete (self->writer))
    fill_vocab (self);
  return g_steal_pointer (&self);
}

gint64
rn_store_get_announced_upto (RnStore *self)
{
  g_return_val_if_fail (RN_IS_STORE (self), 0);
  return self->announced_upto;
}

const char *
rn_store_get_path (RnStore *self)
{
  g_return_val_if_fail (RN_IS_STORE (self), NULL);
  return self->path;
}

int
rn_store_get_schema_version (RnStore *self)
{
  g_return_val_if_fail (RN_IS_STORE (self), -1);
  return (int) rn_sql_query_int (rn_store_get_reader (self), "PRAGMA user_version", -1);
}

/* ---- notifications ---- */

typedef struct
{
  RnStore  *store;
  gint64    first;
  gint64    last;
  gboolean  items_changed;
  gboolean  feeds_changed;
} Notification;

static gboolean
emit_notification (gpointer data)
{
  Notification *n = data;

  if (n->feeds_changed)
    g_signal_emit (n->store, signals[FEEDS_CHANGED], 0);
  if (n->first > 0)
    {
      n->store->announced_upto = MAX (n->store->announced_upto, n->last);
      g_signal_emit (n->store, signals[ITEMS_ADDED], 0, n->first, n->last);
    }
  if (n->items_changed)
    g_signal_emit (n->store, signals[ITEMS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
free_notification (gpointer data)
{
  Notification *n = data;

  g_object_unref (n->store);
  g_free (n);
}

/* Takes what the write noted, or NULL when nothing changed. */
static Notification *
take_notification (RnStore *self)
{
  Notification *n;

  if (self->pending.first == 0 && !self->pending.items_changed && !self->pending.feeds_changed)
    return NULL;

  n = g_new0 (Notification, 1);
  n->store = g_object_ref (self);
  n->first = self->pending.first;
  n->last = self->pending.last;
  self->notified_upto = MAX (self->notified_upto, self->pending.last);
  n->items_changed = self->pending.items_changed;
  n->feeds_changed = self->pending.feeds_changed;
  self->pending = (PendingNotes) { 0 };
  return n;
}

/* On the thread that opened the store, after the write lock is released:
 * the signals go out now, so a caller sees its own change reflected when
 * rn_store_write() returns. From any other thread they go through an idle
 * source on the store's main context (never g_main_context_invoke(), which
 * would run them on this thread whenever that context is free). */
static void
deliver_notification (RnStore      *self,
                      Notification *n)
{
  GSource *source;

  if (n == NULL)
    return;
  if (g_thread_self () == self->owner)
    {
      emit_notification (n);
      free_notification (n);
      return;
    }
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_notification, n, free_notification);
  g_source_set_static_name (source, "[rn-store] change notification");
  g_source_attach (source, self->main_context);
  g_source_unref (source);
}

/* Just before COMMIT, with the write lock held: the full-text index takes
 * in what the write added or changed, unless a bulk write is under way and
 * less than a chunk is waiting. New items are announced once indexed. A
 * failure leaves the items pending for the next write; the write itself
 * stands. */
static void
index_before_commit (RnStore *self)
{
  g_autoptr(GError) error = NULL;
  gint64 first = 0, last = 0;
  gboolean more = TRUE;

  if (self->bulk > 0 && rn_store_index_count_pending (self->writer) < RN_STORE_INDEX_CHUNK)
    return;
  if (!rn_sql_exec (self->writer, "SAVEPOINT rn_index", &error))
    {
      g_warning ("Could not index new items: %s", error->message);
      return;
    }
  while (more)
    {
      if (!rn_store_index_pending (self->vocab, self->writer, RN_STORE_INDEX_CHUNK, self->notified_upto,
                                   &first, &last, &more, &error))
        {
          g_warning ("Could not index new items: %s", error->message);
          sqlite3_exec (self->writer, "ROLLBACK TO rn_index", NULL, NULL, NULL);
          break;
        }
      if (first != 0 && (self->pending.first == 0 || first < self->pending.first))
        self->pending.first = first;
      if (last > self->pending.last)
        self->pending.last = last;
      /* During a bulk write one chunk at a time: the rest of the write
       * queue should not wait for a backlog. */
      if (self->bulk > 0)
        break;
    }
  sqlite3_exec (self->writer, "RELEASE rn_index", NULL, NULL, NULL);
}

void
rn_store_begin_bulk (RnStore *self)
{
  g_return_if_fail (RN_IS_STORE (self));
  g_mutex_lock (&self->write_lock);
  self->bulk++;
  g_mutex_unlock (&self->write_lock);
}

static void
on_bulk_flushed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!rn_store_write_finish (RN_STORE (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
rn_store_end_bulk_async (RnStore             *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RN_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_store_end_bulk_async);
  g_mutex_lock (&self->write_lock);
  g_warn_if_fail (self->bulk > 0);
  if (self->bulk > 0)
    self->bulk--;
  g_mutex_unlock (&self->write_lock);
  /* An empty write, queued after every write of the bulk: it indexes what
   * is still pending once the last bulk has ended. (Cancelled, it is
   * skipped, but the batch it was in indexes all the same.) */
  rn_store_write_async (self, write_nothing, NULL, NULL, cancellable, on_bulk_flushed, task);
}

gboolean
rn_store_end_bulk_finish (RnStore       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rn_store_note_items_changed (RnStore *self)
{
  self->pending.items_changed = TRUE;
}

void
rn_store_note_feeds_changed (RnStore *self)
{
  self->pending.feeds_changed = TRUE;
}

/* ---- writing ---- */

sqlite3_stmt *
rn_store_writer_stmt (RnStore     *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->writer_stmts, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->writer, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          rn_sql_set_error (error, self->writer, sqlite3_errcode (self->writer),
                            "Could not prepare a database statement");
          return NULL;
        }
      g_hash_table_insert (self->writer_stmts, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

gboolean
rn_store_write (RnStore           *self,
                RnStoreWriteFunc   func,
                gpointer           user_data,
                GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  Notification *notification = NULL;
  gboolean ok;

  g_return_val_if_fail (RN_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  g_mutex_lock (&self->write_lock);

  ok = rn_sql_exec (self->writer, "BEGIN IMMEDIATE", &local_error);
  if (ok)
    {
      ok = func (self, self->writer, user_data, &local_error);
      if (ok)
        index_before_commit (self);
      if (ok)
        ok = rn_sql_exec (self->writer, "COMMIT", &local_error);
      if (!ok)
        {
          sqlite3_exec (self->writer, "ROLLBACK", NULL, NULL, NULL);
          self->pending = (PendingNotes) { 0 };
        }
      else
        notification = take_notification (self);
    }

  g_mutex_unlock (&self->write_lock);
  deliver_notification (self, notification);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  RnStoreWriteFunc func;
  gpointer         user_data;
  GDestroyNotify   user_data_free;
} WriteJob;

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  if (job->user_data_free != NULL)
    job->user_data_free (job->user_data);
  g_free (job);
}

/* Group commit: the writer thread takes every write waiting in the queue
 * (up to MAX_BATCH) into one transaction, each in its own SAVEPOINT, so a
 * failing write rolls back alone and every write stays all-or-nothing.
 * One commit for many feeds spares the full-text index a segment per
 * feed, which is most of the cost of a refresh. */
#define MAX_BATCH 64

/* Writes @batch (GTasks) in one transaction and completes them. A write
 * that makes SQLite roll the whole transaction back (a full disk, an I/O
 * error) takes the writes before it along, which fail with its error;
 * the writes after it have not run: they are returned, for a transaction
 * of their own. Run without one, each would commit alone, outside the
 * index's step before commit, and then be said to have failed. */
static GPtrArray *
write_batch (RnStore   *self,
             GPtrArray *batch)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *rest = NULL;
  Notification *batch_notification = NULL;
  PendingNotes before;

  g_debug ("Writing %u queued writes in one transaction", batch->len);
  g_mutex_lock (&self->write_lock);
  if (!rn_sql_exec (self->writer, "BEGIN IMMEDIATE", &error))
    {
      for (guint i = 0; i < batch->len; i++)
        g_task_return_error (g_ptr_array_index (batch, i), g_error_copy (error));
      g_mutex_unlock (&self->write_lock);
      return NULL;
    }
  before = self->pending;
  for (guint i = 0; i < batch->len && rest == NULL; i++)
    {
      GTask *task = g_ptr_array_index (batch, i);
      WriteJob *job = g_task_get_task_data (task);
      GError *job_error = NULL;
      PendingNotes noted = self->pending;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &job_error)
          || !rn_sql_exec (self->writer, "SAVEPOINT rn_job", &job_error))
        {
          g_ptr_array_add (errors, job_error);
          continue;
        }
      ok = job->func (self, self->writer, job->user_data, &job_error);
      if (!ok && job_error == NULL)
        g_set_error_literal (&job_error, RN_STORE_ERROR, RN_STORE_ERROR_FAILED, "The write failed");
      if (sqlite3_get_autocommit (self->writer))
        {
          if (ok)
            g_set_error_literal (&job_error, RN_STORE_ERROR, RN_STORE_ERROR_FAILED,
                                 "The library rolled the write back");
          rest = g_ptr_array_new_with_free_func (g_object_unref);
          for (guint j = i + 1; j < batch->len; j++)
            g_ptr_array_add (rest, g_object_ref (g_ptr_array_index (batch, j)));
        }
      else if (ok)
        sqlite3_exec (self->writer, "RELEASE rn_job", NULL, NULL, NULL);
      else
        {
          sqlite3_exec (self->writer, "ROLLBACK TO rn_job", NULL, NULL, NULL);
          sqlite3_exec (self->writer, "RELEASE rn_job", NULL, NULL, NULL);
          self->pending = noted;   /* what the job noted did not happen */
        }
      g_ptr_array_add (errors, job_error);
    }
  if (rest != NULL)
    {
      const GError *cause = g_ptr_array_index (errors, errors->len - 1);

      self->pending = before;
      for (guint i = 0; i + 1 < errors->len; i++)
        if (errors->pdata[i] == NULL)
          errors->pdata[i] = g_error_copy (cause);
    }
  else
    {
      index_before_commit (self);
      if (!rn_sql_exec (self->writer, "COMMIT", &error))
        {
          sqlite3_exec (self->writer, "ROLLBACK", NULL, NULL, NULL);
          self->pending = (PendingNotes) { 0 };
          for (guint i = 0; i < errors->len; i++)
            {
              g_clear_error ((GError **) &errors->pdata[i]);
              errors->pdata[i] = g_error_copy (error);
            }
        }
      else
        batch_notification = take_notification (self);
    }
  g_mutex_unlock (&self->write_lock);
  deliver_notification (self, batch_notification);

  for (guint i = 0; i < errors->len; i++)
    {
      GTask *task = g_ptr_array_index (batch, i);
      GError *job_error = g_ptr_array_index (errors, i);

      if (job_error != NULL)
        g_task_return_error (task, job_error);
      else
        g_task_return_boolean (task, TRUE);
    }
  return rest;
}

static gpointer
writer_thread_main (gpointer data)
{
  RnStore *self = data;
  gboolean stop = FALSE;

  while (!stop)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      gpointer item = g_async_queue_pop (self->write_queue);

      while (item != NULL)
        {
          if (item == self)
            {
              stop = TRUE;
              break;
            }
          g_ptr_array_add (batch, item);
          item = batch->len < MAX_BATCH ? g_async_queue_try_pop (self->write_queue) : NULL;
        }
      while (batch != NULL && batch->len > 0)
        {
          GPtrArray *rest = write_batch (self, batch);

          g_ptr_array_unref (batch);
          batch = rest;
        }
    }
  return NULL;
}

void
rn_store_write_async (RnStore             *self,
                      RnStoreWriteFunc     func,
                      gpointer             user_data,
                      GDestroyNotify       user_data_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             callback_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (RN_IS_STORE (self));

  /* The task does not hold the store: the writer thread drops its tasks,
   * and must never drop the last reference of the store it runs for. The
   * store finishes every queued write before it goes away. */
  task = g_task_new (NULL, cancellable, callback, callback_data);
  g_task_set_source_tag (task, rn_store_write_async);
  job = g_new0 (WriteJob, 1);
  job->func = func;
  job->user_data = user_data;
  job->user_data_free = user_data_free;
  g_task_set_task_data (task, job, write_job_free);

  g_async_queue_push (self->write_queue, g_steal_pointer (&task));
}

gboolean
rn_store_write_finish (RnStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rn_store_write_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- reading ---- */

sqlite3 *
rn_store_open_reader (RnStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (RN_IS_STORE (self), NULL);
  return open_connection (self->path, SQLITE_OPEN_READONLY, FALSE, error);
}

sqlite3 *
rn_store_get_reader (RnStore *self)
{
  g_return_val_if_fail (RN_IS_STORE (self), NULL);
  g_return_val_if_fail (g_thread_self () == self->owner, NULL);

  if (self->reader == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->reader = rn_store_open_reader (self, &error);
      if (self->reader == NULL)
        g_critical ("Cannot open a reader on the library: %s", error->message);
    }
  return self->reader;
}

sqlite3_stmt *
rn_store_reader_stmt (RnStore     *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3 *db = rn_store_get_reader (self);
  sqlite3_stmt *stmt;

  if (db == NULL)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_FAILED, "The library is not readable");
      return NULL;
    }
  stmt = g_hash_table_lookup (self->reader_stmts, sql);
  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          rn_sql_set_error (error, db, sqlite3_errcode (db), "Could not prepare a database query");
          return NULL;
        }
      g_hash_table_insert (self->reader_stmts, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

/* ---- meta ---- */

char *
rn_store_get_meta (RnStore    *self,
                   const char *key)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  rn_sql_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = rn_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

typedef struct
{
  const char *key;
  const char *value;
} MetaPair;

static gboolean
write_meta (RnStore  *store,
            sqlite3  *db,
            gpointer  user_data,
            GError  **error)
{
  MetaPair *pair = user_data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
      "INSERT INTO meta (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  rn_sql_bind_text (stmt, 1, pair->key);
  rn_sql_bind_text (stmt, 2, pair->value);
  return rn_sql_step_done (stmt, error);
}

gboolean
rn_store_set_meta (RnStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  MetaPair pair = { key, value };

  return rn_store_write (self, write_meta, &pair, error);
}
