/* rn-credentials-memory.h: RnCredentials in a hash table, FOR UNIT TESTS
 * ONLY. The product never creates one: secrets must survive only in the
 * keyring. A test may switch it "unavailable" to play a missing keyring. */
#pragma once

#include "rn-credentials.h"

G_BEGIN_DECLS

#define RN_TYPE_CREDENTIALS_MEMORY (rn_credentials_memory_get_type ())
G_DECLARE_FINAL_TYPE (RnCredentialsMemory, rn_credentials_memory, RN, CREDENTIALS_MEMORY, GObject)

RnCredentials *rn_credentials_memory_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void           rn_credentials_memory_set_available (RnCredentialsMemory *self,
                                                    gboolean             available);
/* How many secrets it holds (all accounts). */
guint          rn_credentials_memory_get_n_secrets (RnCredentialsMemory *self);

G_END_DECLS
