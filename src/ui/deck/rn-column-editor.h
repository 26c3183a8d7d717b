/* rn-column-editor.h: the dialog that adds a column or edits one: name,
 * query (errors underlined while typing, a live count of matches), order,
 * notifications, filters and the signed-in accounts whose servers add
 * their results. Emits ::saved (RnColumn) when a column was saved. */
#pragma once

#include <adwaita.h>

#include "search/rn-column-store.h"

G_BEGIN_DECLS

typedef enum
{
  RN_COLUMN_EDITOR_FOCUS_QUERY,
  RN_COLUMN_EDITOR_FOCUS_NAME,
  RN_COLUMN_EDITOR_FOCUS_FILTERS,
} RnColumnEditorFocus;

#define RN_TYPE_COLUMN_EDITOR (rn_column_editor_get_type ())
G_DECLARE_FINAL_TYPE (RnColumnEditor, rn_column_editor, RN, COLUMN_EDITOR, AdwWindow)

/* @column NULL: a new column, with @name and @query as suggestions. */
RnColumnEditor *rn_column_editor_new        (GtkWindow           *parent,
                                             RnColumnStore       *columns,
                                             RnColumn            *column,
                                             const char          *name,
                                             const char          *query,
                                             RnColumnEditorFocus  focus);
/* For tests: the entry, the error shown (or NULL), the count text. */
GtkEditable    *rn_column_editor_get_query_entry (RnColumnEditor *self);
const char     *rn_column_editor_get_error       (RnColumnEditor *self);
const char     *rn_column_editor_get_count_text  (RnColumnEditor *self);
/* Applies the dialog as Save would; FALSE (and the error shown) if it
 * cannot. */
gboolean        rn_column_editor_save            (RnColumnEditor *self);
/* For tests: asks the account with @key ("mastodon:3") for results. */
gboolean        rn_column_editor_set_remote      (RnColumnEditor *self,
                                                  const char     *key,
                                                  gboolean        active);

G_END_DECLS
