/* rn-row-limit-model.h: the first rows of a list model, up to a limit
 * that can be raised to let every row in.
 *
 * A long list is shown behind a limit until its first frame is drawn:
 * GTK 4.8's list view makes a row widget for each of the first 200 rows
 * it is given at once. Unlike GtkSliceListModel, this model reports its
 * source's changes as they are once the limit is past the source's end,
 * and raising the limit is an append: GTK's slice model reports an
 * insertion as a change of every row after it, which made the list view
 * read a whole library of 2,000,000 rows, and lifting its limit meant
 * swapping it out through an empty model, remaking every row widget. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RN_TYPE_ROW_LIMIT_MODEL (rn_row_limit_model_get_type ())
G_DECLARE_FINAL_TYPE (RnRowLimitModel, rn_row_limit_model, RN, ROW_LIMIT_MODEL, GObject)

#define RN_ROW_LIMIT_NONE G_MAXUINT

RnRowLimitModel *rn_row_limit_model_new       (void);
/* Shows @model's first @limit rows (every row with RN_ROW_LIMIT_NONE). */
void             rn_row_limit_model_set_model (RnRowLimitModel *self,
                                               GListModel      *model,
                                               guint            limit);
void             rn_row_limit_model_set_limit (RnRowLimitModel *self,
                                               guint            limit);
guint            rn_row_limit_model_get_limit (RnRowLimitModel *self);

G_END_DECLS
