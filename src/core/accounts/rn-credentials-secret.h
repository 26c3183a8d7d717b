/* rn-credentials-secret.h: RnCredentials in the desktop keyring (the
 * Secret Service, through libsecret).
 *
 * Schema "com.example.RadNet.Secret", attributes:
 *   account-id (string)  accounts.id of the owner
 *   kind       (string)  rn_credential_kind_to_string()
 *   version    (integer) 1; lets a later release change the layout
 * Items go to the default collection ("login"), so they are unlocked with
 * the user's session. Nothing is cached in memory longer than one call. */
#pragma once

#include <libsecret/secret.h>

#include "rn-credentials.h"

G_BEGIN_DECLS

#define RN_TYPE_CREDENTIALS_SECRET (rn_credentials_secret_get_type ())
G_DECLARE_FINAL_TYPE (RnCredentialsSecret, rn_credentials_secret, RN, CREDENTIALS_SECRET, GObject)

RnCredentials    *rn_credentials_secret_new        (void) G_GNUC_WARN_UNUSED_RESULT;
const SecretSchema *rn_credentials_secret_get_schema (void);

G_END_DECLS
