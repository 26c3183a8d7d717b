/* rn-account.h: a signed-in account on a social server (Mastodon, Bluesky)
 * as the library records it: the `accounts` table. Never a secret: tokens
 * and passwords are in the keyring (rn-credentials.h), keyed by the id. */
#pragma once

#include <gio/gio.h>

#include "store/rn-store.h"

G_BEGIN_DECLS

/* accounts.state */
#define RN_ACCOUNT_STATE_OK         "ok"
#define RN_ACCOUNT_STATE_SIGNING_IN "signing-in"  /* row exists, secrets not stored yet */
#define RN_ACCOUNT_STATE_EXPIRED    "expired"     /* the server refused the token: sign in again */

typedef struct
{
  gint64  id;
  char   *kind;            /* "mastodon" | "bluesky" */
  char   *server;          /* host[:port] for Mastodon; PDS URL for Bluesky */
  char   *username;        /* acct / handle */
  char   *display_name;
  char   *avatar_url;
  char   *client_id;       /* public OAuth client id (Mastodon) */
  char   *state;           /* RN_ACCOUNT_STATE_* */
  char   *options;         /* JSON: e.g. {"did": …} for Bluesky */
  gint64  created;
} RnAccount;

void       rn_account_free         (RnAccount  *account);
RnAccount *rn_account_copy         (const RnAccount *account);
/* "@user@server" (Mastodon) or "@handle" (Bluesky), for labels. */
char      *rn_account_dup_label    (const RnAccount *account);
/* One string member of the options JSON, or NULL. */
char      *rn_account_dup_option   (const RnAccount *account,
                                    const char      *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnAccount, rn_account_free)

/* The SQL of the accounts table. Reads use the store's reader of the
 * calling (main) thread; writes go through rn_store_write(). */
gboolean   rn_account_store_add        (RnStore          *store,
                                        const RnAccount  *account,
                                        gint64           *out_id,
                                        GError          **error);
/* Profile fields and state of an existing row (id, kind, server, username
 * are kept). */
gboolean   rn_account_store_update     (RnStore          *store,
                                        const RnAccount  *account,
                                        GError          **error);
gboolean   rn_account_store_set_state  (RnStore          *store,
                                        gint64            account_id,
                                        const char       *state,
                                        GError          **error);
/* Deletes the row; its sources, markers and queued actions go with it
 * (ON DELETE CASCADE). Deleting the secrets is the caller's job. */
gboolean   rn_account_store_remove     (RnStore          *store,
                                        gint64            account_id,
                                        GError          **error);
/* Returns: (transfer full): NULL with RN_STORE_ERROR_NOT_FOUND when absent. */
RnAccount *rn_account_store_get        (RnStore          *store,
                                        gint64            account_id,
                                        GError          **error);
/* Works on any connection (sources read it on worker threads). */
RnAccount *rn_account_store_get_on     (sqlite3          *db,
                                        gint64            account_id,
                                        GError          **error);
RnAccount *rn_account_store_find       (RnStore          *store,
                                        const char       *kind,
                                        const char       *server,
                                        const char       *username,
                                        GError          **error);
/* Returns: (element-type RnAccount): every account, oldest first. */
GPtrArray *rn_account_store_list       (RnStore          *store,
                                        GError          **error);
/* The account a source (feeds row) belongs to: 0 when none. */
gint64     rn_account_store_feed_account (sqlite3        *db,
                                        gint64            feed_id);
/* Ties a source to an account (feeds.account_id). */
gboolean   rn_account_store_attach_feed (RnStore         *store,
                                        gint64            feed_id,
                                        gint64            account_id,
                                        GError          **error);

G_END_DECLS
