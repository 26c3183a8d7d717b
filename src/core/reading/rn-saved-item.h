/* rn-saved-item.h: one entry of the reading list as a list row shows it:
 * the saved item's title and source, the reading state, tags, the user's
 * note, when it was saved, whether it can be read offline and whether a
 * retraction or correction was published about it. RnReadingList keeps
 * the properties of the entries it holds current (notify on change). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RN_SAVED_STATE_TO_READ,
  RN_SAVED_STATE_READING,
  RN_SAVED_STATE_DONE,
} RnSavedState;

/* What is kept to read the item without a network. */
typedef enum
{
  RN_SNAPSHOT_STATE_NONE,       /* not asked for (saved with --no-snapshot) */
  RN_SNAPSHOT_STATE_PENDING,    /* asked for, not taken yet */
  RN_SNAPSHOT_STATE_COMPLETE,   /* page text and every image */
  RN_SNAPSHOT_STATE_PARTIAL,    /* page text, some images failed */
  RN_SNAPSHOT_STATE_FAILED,     /* the page could not be fetched or read */
} RnSnapshotState;

#define RN_TYPE_SAVED_ITEM (rn_saved_item_get_type ())
G_DECLARE_FINAL_TYPE (RnSavedItem, rn_saved_item, RN, SAVED_ITEM, GObject)

gint64           rn_saved_item_get_item_id        (RnSavedItem *self);
const char      *rn_saved_item_get_title          (RnSavedItem *self);
/* The source's name (for items of a removed source, its former name). */
const char      *rn_saved_item_get_source         (RnSavedItem *self);
const char      *rn_saved_item_get_link           (RnSavedItem *self);
const char      *rn_saved_item_get_item_type      (RnSavedItem *self);
RnSavedState     rn_saved_item_get_state          (RnSavedItem *self);
/* NULL-terminated, sorted; never NULL. */
const char * const *rn_saved_item_get_tags        (RnSavedItem *self);
gboolean         rn_saved_item_has_tag            (RnSavedItem *self,
                                                   const char  *tag);
const char      *rn_saved_item_get_note           (RnSavedItem *self);
/* Unix seconds UTC */
gint64           rn_saved_item_get_saved_at       (RnSavedItem *self);
/* Unix seconds UTC, 0 when unknown */
gint64           rn_saved_item_get_published      (RnSavedItem *self);
const char      *rn_saved_item_get_doi            (RnSavedItem *self);
RnSnapshotState  rn_saved_item_get_snapshot_state (RnSavedItem *self);
/* "retraction", "correction", "expression-of-concern" or NULL */
const char      *rn_saved_item_get_notice         (RnSavedItem *self);
const char      *rn_saved_item_get_notice_url     (RnSavedItem *self);
gboolean         rn_saved_item_has_notice         (RnSavedItem *self);

const char      *rn_saved_state_to_string         (RnSavedState     state);
/* FALSE when @text is not "to-read", "reading" or "done". */
gboolean         rn_saved_state_from_string       (const char      *text,
                                                   RnSavedState    *out_state);
const char      *rn_snapshot_state_to_string      (RnSnapshotState  state);
RnSnapshotState  rn_snapshot_state_from_string    (const char      *text);

G_END_DECLS
