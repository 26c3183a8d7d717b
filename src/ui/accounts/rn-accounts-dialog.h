/* rn-accounts-dialog.h: the social accounts of the library: list, sign
 * out, sign in to Mastodon (browser, or a pasted code) and Bluesky (app
 * password), and hashtags to follow without an account. */
#pragma once

#include <adwaita.h>

#include "rn-context.h"

G_BEGIN_DECLS

#define RN_TYPE_ACCOUNTS_DIALOG (rn_accounts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RnAccountsDialog, rn_accounts_dialog, RN, ACCOUNTS_DIALOG, AdwPreferencesWindow)

/* ::sources-changed (gint64 feed_id): a timeline or hashtag became a
 * source (the window refreshes it), or 0 when sources went with an account. ::busy notifies while a sign-in runs. */
RnAccountsDialog *rn_accounts_dialog_new          (GtkWindow        *parent,
                                                   RnContext        *context);
/* What the Bluesky form's Sign In does. @pds nullable. */
void              rn_accounts_dialog_sign_in_bluesky (RnAccountsDialog *self,
                                                   const char       *handle,
                                                   const char       *app_password,
                                                   const char       *pds);
/* What the Mastodon form's Sign In does: with @paste FALSE the browser
 * comes back to a loopback address; with TRUE the user pastes the code
 * (rn_accounts_dialog_submit_code). */
void              rn_accounts_dialog_sign_in_mastodon (RnAccountsDialog *self,
                                                   const char       *server,
                                                   gboolean          paste);
void              rn_accounts_dialog_submit_code  (RnAccountsDialog *self,
                                                   const char       *code);
/* What "Follow a Hashtag" does; FALSE and the error shown inline. */
gboolean          rn_accounts_dialog_follow_hashtag (RnAccountsDialog *self,
                                                   const char       *tag,
                                                   const char       *server);
/* Opens the hashtag form directly (the window's "Follow a Hashtag…"). */
void              rn_accounts_dialog_show_hashtag_form (RnAccountsDialog *self);
void              rn_accounts_dialog_show_bluesky_form (RnAccountsDialog *self);
/* For tests: accounts listed, whether a sign-in runs, the last error shown. */
guint             rn_accounts_dialog_get_n_accounts (RnAccountsDialog *self);
gboolean          rn_accounts_dialog_get_busy     (RnAccountsDialog *self);
const char       *rn_accounts_dialog_get_error    (RnAccountsDialog *self);
/* Signs the account out (what its Remove button does). */
void              rn_accounts_dialog_remove_account (RnAccountsDialog *self,
                                                   gint64            account_id);

G_END_DECLS
