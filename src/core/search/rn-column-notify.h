/* rn-column-notify.h: what is new in the columns that notify.
 *
 * Core decides what is new: for each column with notifications on, the
 * matching items with an id above its seen_id (rn_query_match_ids over that
 * id range only). The result is grouped: one RnColumnNotice per column per
 * refresh, with the count and the first titles; the UI turns each into
 * one GNotification. RnColumnNotifier collects after a refresh: it waits
 * until items stop arriving, then emits ::notices. */
#pragma once

#include <gio/gio.h>

#include "search/rn-column-store.h"

G_BEGIN_DECLS

/* At most this many titles in a notice. */
#define RN_COLUMN_NOTICE_TITLES 3
/* Look back at most this many ids (a column that was off for long). */
#define RN_COLUMN_NOTICE_MAX_RANGE 200000

typedef struct
{
  gint64     column_id;
  char      *column_name;
  guint      count;          /* new matching items */
  GPtrArray *titles;         /* char *, newest first, at most RN_COLUMN_NOTICE_TITLES */
  gint64     newest_id;
} RnColumnNotice;

void        rn_column_notice_free        (RnColumnNotice *notice);
/* "12 new in #RSNA2026" (translated) */
char       *rn_column_notice_dup_title   (const RnColumnNotice *notice);
/* The first titles, one a line, "…" when there are more. */
char       *rn_column_notice_dup_body    (const RnColumnNotice *notice);

/* For every column of @columns with notifications on: the new matches in
 * (seen_id, newest item id]; advances seen_id (saved). Returns the notices
 * (RnColumnNotice, in column order; columns with nothing new give none). */
GPtrArray  *rn_column_collect_notices    (RnColumnStore  *columns,
                                          GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnColumnNotice, rn_column_notice_free)

#define RN_TYPE_COLUMN_NOTIFIER (rn_column_notifier_get_type ())
G_DECLARE_FINAL_TYPE (RnColumnNotifier, rn_column_notifier, RN, COLUMN_NOTIFIER, GObject)

/* Emits ::notices (GPtrArray of RnColumnNotice) once items have stopped
 * arriving for @quiet_ms. */
RnColumnNotifier *rn_column_notifier_new   (RnColumnStore    *columns,
                                            guint             quiet_ms) G_GNUC_WARN_UNUSED_RESULT;
/* Collects now (e.g. when the refresher reports it is done). */
void              rn_column_notifier_flush (RnColumnNotifier *self);

G_END_DECLS
