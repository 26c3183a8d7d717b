/* rn-store.h: the one SQLite database that holds the user's library.
 *
 * One writing connection, serialised: every write runs through
 * rn_store_write() (any thread, blocking) or rn_store_write_async() (queued
 * on the store's writer thread), each inside one transaction. Readers use
 * their own connections: rn_store_get_reader() for the thread that opened
 * the store, rn_store_open_reader() for worker threads. WAL lets them read
 * while the writer writes.
 *
 * Change signals are emitted on the main context of the thread that opened
 * the store, after the transaction that caused them has committed. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define RN_STORE_ERROR (rn_store_error_quark ())

typedef enum
{
  RN_STORE_ERROR_FAILED,
  RN_STORE_ERROR_CORRUPT,
  RN_STORE_ERROR_TOO_NEW,
  RN_STORE_ERROR_READ_ONLY,
  RN_STORE_ERROR_FULL,
  RN_STORE_ERROR_CONSTRAINT,
  RN_STORE_ERROR_NOT_FOUND,
  RN_STORE_ERROR_CANCELLED,
  RN_STORE_ERROR_INVALID,
} RnStoreError;

#define RN_TYPE_STORE (rn_store_get_type ())
G_DECLARE_FINAL_TYPE (RnStore, rn_store, RN, STORE, GObject)

/* Runs inside BEGIN IMMEDIATE … COMMIT on the writing connection. Return
 * FALSE with @error set to roll the whole transaction back. */
typedef gboolean (*RnStoreWriteFunc) (RnStore  *store,
                                      sqlite3  *db,
                                      gpointer  user_data,
                                      GError  **error);

GQuark        rn_store_error_quark      (void);

RnStore      *rn_store_open             (const char          *path,
                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
char         *rn_store_default_path     (void);
const char   *rn_store_get_path         (RnStore             *self);
/* The highest item id announced by items-added so far (every id at open).
 * A reader that follows items-added leaves out the items above it: they
 * are committed, and their announcement is on its way. */
gint64        rn_store_get_announced_upto (RnStore           *self);
int           rn_store_get_schema_version (RnStore           *self);

gboolean      rn_store_write            (RnStore             *self,
                                         RnStoreWriteFunc     func,
                                         gpointer             user_data,
                                         GError             **error);
/* Queued on the store's writer thread, which commits the writes waiting in
 * its queue together (each in its own savepoint: all-or-nothing per
 * write). The callback's source object is NULL. */
void          rn_store_write_async      (RnStore             *self,
                                         RnStoreWriteFunc     func,
                                         gpointer             user_data,
                                         GDestroyNotify       user_data_free,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             callback_data);
gboolean      rn_store_write_finish     (RnStore             *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* A statement on the writing connection, prepared once and kept; only valid
 * inside a RnStoreWriteFunc. It is reset and its bindings cleared. */
sqlite3_stmt *rn_store_writer_stmt      (RnStore             *self,
                                         const char          *sql,
                                         GError             **error);

sqlite3      *rn_store_get_reader       (RnStore             *self);
sqlite3_stmt *rn_store_reader_stmt      (RnStore             *self,
                                         const char          *sql,
                                         GError             **error);
sqlite3      *rn_store_open_reader      (RnStore             *self,
                                         GError             **error);

/* Called inside a write: the signals go out after COMMIT. New items need
 * no call: the store announces them (items-added) once they are in the
 * full-text index. */
void          rn_store_note_items_changed (RnStore           *self);
void          rn_store_note_feeds_changed (RnStore           *self);

/* Around many writes in a row (a refresh): new items are indexed for
 * search in large chunks instead of with each write, and announced as
 * they are. After the last bulk ends, what is left is indexed and
 * announced; the callback runs once it is. Bulks may nest and overlap. */
void          rn_store_begin_bulk        (RnStore             *self);
void          rn_store_end_bulk_async    (RnStore             *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean      rn_store_end_bulk_finish   (RnStore             *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Key/value settings that belong with the library (never secrets). */
char         *rn_store_get_meta         (RnStore             *self,
                                         const char          *key);
gboolean      rn_store_set_meta         (RnStore             *self,
                                         const char          *key,
                                         const char          *value,
                                         GError             **error);

G_END_DECLS
