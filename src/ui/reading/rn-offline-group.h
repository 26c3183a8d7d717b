/* rn-offline-group.h: the Offline group of Preferences: the space the
 * offline copies take, and Remove All Snapshots. */
#pragma once

#include <adwaita.h>

#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_TYPE_OFFLINE_GROUP (rn_offline_group_get_type ())
G_DECLARE_FINAL_TYPE (RnOfflineGroup, rn_offline_group, RN, OFFLINE_GROUP, AdwPreferencesGroup)

GtkWidget *rn_offline_group_new        (RnStore        *store);
/* Removes every snapshot without asking (what the confirmation leads to). */
gboolean   rn_offline_group_remove_all (RnOfflineGroup *self,
                                        GError        **error);
/* The "Space Used" text shown, for tests. */
const char *rn_offline_group_get_usage (RnOfflineGroup *self);

G_END_DECLS
