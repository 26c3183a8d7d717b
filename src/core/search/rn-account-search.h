/* rn-account-search.h: signed-in accounts as remote searches for columns.
 *
 * A column that names accounts (rn_column_set_remote_accounts(), keys
 * "mastodon:ID" / "bluesky:ID") gets what their servers find for its
 * query next to the library's own items: a Mastodon account reads the
 * hashtag's timeline for a "#tag" query and searches posts otherwise; a
 * Bluesky account searches posts. */
#pragma once

#include "accounts/rn-account.h"
#include "accounts/rn-credentials.h"
#include "net/rn-http.h"
#include "search/rn-column-store.h"
#include "search/rn-remote-search.h"

G_BEGIN_DECLS

#define RN_TYPE_ACCOUNT_SEARCH (rn_account_search_get_type ())
G_DECLARE_FINAL_TYPE (RnAccountSearch, rn_account_search, RN, ACCOUNT_SEARCH, GObject)

RnAccountSearch *rn_account_search_new        (RnStore          *store,
                                               RnHttp           *http,
                                               RnCredentials    *credentials,
                                               const RnAccount  *account) G_GNUC_WARN_UNUSED_RESULT;
/* "mastodon:3": what columns store to name the account. */
char            *rn_account_search_key_for    (const RnAccount  *account);
/* What a server is asked for a column's @query: its first #hashtag, else
 * its words and phrases without operators and fields. NULL: nothing. */
char            *rn_account_search_query_text (const char       *query);

/* Asks the accounts every column of @columns names (those signed in) and
 * stores what they find; completes when all have answered with the number
 * of new items. A column whose search failed (any of its accounts) makes
 * it fail with that column's reason, once all have answered: what the
 * others found is stored all the same. */
void             rn_account_search_columns_async  (RnColumnStore       *columns,
                                                   RnHttp              *http,
                                                   RnCredentials       *credentials,
                                                   RnColumn            *only,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gint64           rn_account_search_columns_finish (GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
