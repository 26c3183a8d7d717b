/* rn-store-schema.h: numbered migrations on PRAGMA user_version. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int      rn_store_schema_latest_version (void);
gboolean rn_store_schema_migrate        (sqlite3  *db,
                                         GError  **error);

G_END_DECLS
