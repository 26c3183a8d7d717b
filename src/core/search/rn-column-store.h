/* rn-column-store.h: the user's columns, in order, saved in the library.
 *
 * A GListModel of RnColumn backed by the `columns` table. Changing a
 * column's settings through its setters saves them; adding, renaming,
 * moving and removing go through this object, which keeps `position`
 * dense (0, 1, 2 …). A removed column keeps all its data: give it back to
 * rn_column_store_restore() to undo. */
#pragma once

#include <gio/gio.h>

#include "search/rn-column.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_COLUMN_ERROR (rn_column_error_quark ())

typedef enum
{
  RN_COLUMN_ERROR_FAILED,
  RN_COLUMN_ERROR_EXISTS,      /* another column has this name */
  RN_COLUMN_ERROR_NOT_FOUND,
  RN_COLUMN_ERROR_INVALID,     /* an empty name, or too many columns */
} RnColumnError;

/* Names longer than this are refused; so is more than this many columns. */
#define RN_COLUMN_MAX_NAME    200
#define RN_COLUMN_MAX_COLUMNS 100

#define RN_TYPE_COLUMN_STORE (rn_column_store_get_type ())
G_DECLARE_FINAL_TYPE (RnColumnStore, rn_column_store, RN, COLUMN_STORE, GObject)

GQuark         rn_column_error_quark     (void);

/* Loads the saved columns in order. */
RnColumnStore *rn_column_store_new       (RnStore        *store,
                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;
RnStore       *rn_column_store_get_store (RnColumnStore  *self);

/* Appends a new column; @query must parse (an RN_QUERY_ERROR with the
 * position otherwise). Returns the column (owned by the store). */
RnColumn      *rn_column_store_add       (RnColumnStore  *self,
                                          const char     *name,
                                          const char     *query,
                                          RnQuerySort     sort,
                                          gboolean        notify,
                                          GError        **error);
RnColumn      *rn_column_store_find      (RnColumnStore  *self,
                                          const char     *name);
/* Index of @column, or -1. */
int            rn_column_store_index_of  (RnColumnStore  *self,
                                          RnColumn       *column);
gboolean       rn_column_store_rename    (RnColumnStore  *self,
                                          RnColumn       *column,
                                          const char     *name,
                                          GError        **error);
gboolean       rn_column_store_move      (RnColumnStore  *self,
                                          RnColumn       *column,
                                          guint           position,
                                          GError        **error);
/* Deletes the row; @column keeps its settings so that it can be restored. */
gboolean       rn_column_store_remove    (RnColumnStore  *self,
                                          RnColumn       *column,
                                          GError        **error);
/* Undo of remove: the same column, with its id and settings, back at
 * @position (clamped). */
gboolean       rn_column_store_restore   (RnColumnStore  *self,
                                          RnColumn       *column,
                                          guint           position,
                                          GError        **error);
/* Writes the settings of @column now (the setters do it already). */
gboolean       rn_column_store_save      (RnColumnStore  *self,
                                          RnColumn       *column,
                                          GError        **error);

/* A name for a new column based on @base that no column has yet
 * ("Radiology", "Radiology 2", …). */
char          *rn_column_store_unique_name (RnColumnStore *self,
                                            const char    *base);

G_END_DECLS
