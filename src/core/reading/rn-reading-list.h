/* rn-reading-list.h: the reading list: items (articles, posts, podcast
 * episodes, cases) the user saved, with a reading state, tags, a note and
 * the date saved; their references; their offline snapshots.
 *
 * RnReadingList is a GListModel of RnSavedItem over the library, filtered
 * and sorted as asked. It follows the store: when anything changes
 * (through this object, another RnReadingList, the CLI's process is not
 * seen until the next change), the rows are re-read, entries that stay
 * are updated in place (their properties notify) and items-changed is
 * emitted when rows came, went or moved. A reading list is small (it is
 * what one person saved), so the whole filtered list is held.
 *
 * Use it on the thread that opened the store (its main context). Changes
 * are written by the store's single writer: the plain functions block for
 * that one small transaction (CLI, tests); rn_reading_list_change_async()
 * does not (UI). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "net/rn-http.h"
#include "offline/rn-snapshotter.h"
#include "rn-reference.h"
#include "rn-saved-item.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

typedef enum
{
  RN_SAVED_SORT_SAVED,        /* most recently saved first */
  RN_SAVED_SORT_PUBLISHED,    /* newest first */
  RN_SAVED_SORT_TITLE,        /* A → Z, case ignored */
} RnSavedSort;

typedef enum
{
  RN_OFFLINE_ANY,
  RN_OFFLINE_AVAILABLE,       /* snapshot complete or partial */
  RN_OFFLINE_MISSING,         /* none, pending or failed */
} RnOfflineFilter;

typedef struct
{
  gboolean         by_state;    /* FALSE (a zeroed filter): any state */
  RnSavedState     state;       /* with @by_state: only this one */
  const char      *tag;         /* nullable; case ignored */
  gboolean         has_note;
  RnOfflineFilter  offline;
  const char      *search;      /* nullable; every word must occur in the
                                 * item's text (full-text) or in the note */
} RnSavedFilter;

/* What to save with. A saved item saved again keeps its state and note
 * unless they are given here; tags given are added. */
typedef struct
{
  gboolean            set_state;
  RnSavedState        state;
  const char         *note;         /* nullable: keep */
  const char * const *tags;         /* nullable, NULL-terminated */
  gboolean            no_snapshot;  /* don't keep an offline copy */
} RnSaveOptions;

typedef enum
{
  RN_SAVED_CHANGE_STATE,        /* value: "to-read" | "reading" | "done" */
  RN_SAVED_CHANGE_NOTE,         /* value: the note; NULL or "" clears */
  RN_SAVED_CHANGE_ADD_TAG,      /* value: the tag */
  RN_SAVED_CHANGE_REMOVE_TAG,   /* value: the tag */
  RN_SAVED_CHANGE_REMOVE,       /* value: unused; unsaves, drops the snapshot */
} RnSavedChangeKind;

#define RN_READING_LIST_ERROR (rn_reading_list_error_quark ())

typedef enum
{
  RN_READING_LIST_ERROR_NOT_SAVED,   /* the item is not on the reading list */
  RN_READING_LIST_ERROR_INVALID,     /* an empty tag, an unknown state */
} RnReadingListError;

/* Longest note and tag kept, in bytes. */
#define RN_READING_LIST_MAX_NOTE (64 * 1024)
#define RN_READING_LIST_MAX_TAG  100

#define RN_TYPE_READING_LIST (rn_reading_list_get_type ())
G_DECLARE_FINAL_TYPE (RnReadingList, rn_reading_list, RN, READING_LIST, GObject)

GQuark          rn_reading_list_error_quark   (void);

/* @contact_email: the address Crossref asks polite clients for (nullable;
 * from the app's settings). Crossref's address is RADNET_CROSSREF_URL
 * when set, else the public API. */
RnReadingList  *rn_reading_list_new           (RnStore              *store,
                                               RnHttp               *http,
                                               const char           *contact_email);
RnStore        *rn_reading_list_get_store     (RnReadingList        *self);
RnSnapshotter  *rn_reading_list_get_snapshotter (RnReadingList      *self);
void            rn_reading_list_set_crossref_url (RnReadingList     *self,
                                               const char           *base_url);

/* The view: NULL filter shows everything. */
void            rn_reading_list_set_filter    (RnReadingList        *self,
                                               const RnSavedFilter  *filter);
void            rn_reading_list_set_sort      (RnReadingList        *self,
                                               RnSavedSort           sort);
/* Re-reads the rows now (changes made by another process). */
void            rn_reading_list_reload        (RnReadingList        *self);
/* For tests: the SQL the current view runs. */
char           *rn_reading_list_dup_sql       (RnReadingList        *self);

/* One entry whatever the view, or NULL when @item_id is not saved. */
RnSavedItem    *rn_reading_list_get           (RnReadingList        *self,
                                               gint64                item_id);
gboolean        rn_reading_list_is_saved      (RnReadingList        *self,
                                               gint64                item_id);
/* Every tag in use, sorted, with no duplicates. */
GStrv           rn_reading_list_list_tags     (RnReadingList        *self);

/* Saves (idempotent) and records the item's identifiers; the snapshot is
 * marked pending unless options say otherwise. No network. */
gboolean        rn_reading_list_save          (RnReadingList        *self,
                                               gint64                item_id,
                                               const RnSaveOptions  *options,
                                               GError              **error);
/* The same, then resolves the reference (Crossref) and takes the offline
 * snapshot; completes when all of it is done. Failures of the look-up or
 * the snapshot do not fail the save: they show as the entry's state. */
void            rn_reading_list_save_async    (RnReadingList        *self,
                                               gint64                item_id,
                                               const RnSaveOptions  *options,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        rn_reading_list_save_finish   (RnReadingList        *self,
                                               GAsyncResult         *result,
                                               GError              **error);

gboolean        rn_reading_list_remove        (RnReadingList        *self,
                                               gint64                item_id,
                                               GError              **error);
gboolean        rn_reading_list_set_state     (RnReadingList        *self,
                                               gint64                item_id,
                                               RnSavedState          state,
                                               GError              **error);
gboolean        rn_reading_list_set_note      (RnReadingList        *self,
                                               gint64                item_id,
                                               const char           *note,
                                               GError              **error);
gboolean        rn_reading_list_add_tag       (RnReadingList        *self,
                                               gint64                item_id,
                                               const char           *tag,
                                               GError              **error);
gboolean        rn_reading_list_remove_tag    (RnReadingList        *self,
                                               gint64                item_id,
                                               const char           *tag,
                                               GError              **error);

/* One change to many entries in one transaction (bulk actions). Ids that
 * are not saved are skipped; fails only when the library cannot be
 * written or @value is invalid. */
gboolean        rn_reading_list_change        (RnReadingList        *self,
                                               RnSavedChangeKind     kind,
                                               const gint64         *item_ids,
                                               guint                 n_ids,
                                               const char           *value,
                                               GError              **error);
void            rn_reading_list_change_async  (RnReadingList        *self,
                                               RnSavedChangeKind     kind,
                                               const gint64         *item_ids,
                                               guint                 n_ids,
                                               const char           *value,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        rn_reading_list_change_finish (RnReadingList        *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* References. */
RnReference    *rn_reading_list_get_reference (RnReadingList        *self,
                                               gint64                item_id,
                                               GError              **error);
/* The user's edits of the reference (a CSL-JSON object; NULL forgets
 * them). Exports use the record with the edits applied. */
gboolean        rn_reading_list_set_reference_override (RnReadingList *self,
                                               gint64                item_id,
                                               JsonNode             *csl_json_object,
                                               GError              **error);
/* Looks the item's DOI up (again, with @force) and stores the record and
 * any retraction / correction / expression of concern. Completes TRUE
 * with nothing to do when there is no DOI. */
void            rn_reading_list_resolve_async (RnReadingList        *self,
                                               gint64                item_id,
                                               gboolean              force,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        rn_reading_list_resolve_finish (RnReadingList       *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Takes the snapshot again (after a failure). */
void            rn_reading_list_retry_snapshot_async  (RnReadingList        *self,
                                               gint64                item_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
RnSnapshotState rn_reading_list_retry_snapshot_finish (RnReadingList       *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Completes once every write queued before it is committed (e.g. cache
 * entries), so a short-lived process can exit without losing them. */
void            rn_reading_list_flush_async   (RnReadingList        *self,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        rn_reading_list_flush_finish  (RnReadingList        *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
