/* rn-folder.h: a folder of sources. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RN_TYPE_FOLDER (rn_folder_get_type ())
G_DECLARE_FINAL_TYPE (RnFolder, rn_folder, RN, FOLDER, GObject)

gint64      rn_folder_get_id           (RnFolder *self);
gint64      rn_folder_get_parent_id    (RnFolder *self);
const char *rn_folder_get_title        (RnFolder *self);
guint       rn_folder_get_unread_count (RnFolder *self);

G_END_DECLS
