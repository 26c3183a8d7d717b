/* rn-feed-folders.c: folder operations in their own transaction. */
#define G_LOG_DOMAIN "rn-feed-store"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-feed-folders.h"
#include "rn-feed-store.h"

typedef struct
{
  const char *title;
  gint64      id;
} CreateFolder;

static gboolean
create_folder_in_txn (RnStore  *store,
                      sqlite3  *db,
                      gpointer  data,
                      GError  **error)
{
  CreateFolder *c = data;

  c->id = rn_feed_store_ensure_folder (store, db, 0, c->title, error);
  return c->id > 0;
}

gboolean
rn_feed_store_create_folder (RnStore     *store,
                             const char  *title,
                             gint64      *out_id,
                             GError     **error)
{
  g_autofree char *clean = NULL;
  CreateFolder c = { NULL, 0 };

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  clean = g_strstrip (g_strdup (title));
  if (*clean == '\0')
    {
      g_set_error_literal (error, RN_STORE_ERROR, RN_STORE_ERROR_INVALID, _("A folder needs a name"));
      return FALSE;
    }
  c.title = clean;
  if (!rn_store_write (store, create_folder_in_txn, &c, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = c.id;
  return TRUE;
}
