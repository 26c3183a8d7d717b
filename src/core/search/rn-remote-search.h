/* rn-remote-search.h: a service that can search beyond the library.
 *
 * Social sources (Mastodon, Bluesky) implement RnRemoteSearch; a column
 * names the accounts it asks (rn_column_dup_remote_accounts(), matched
 * against rn_remote_search_get_key()). What they return is stored as items
 * of a hidden source of kind "remote-search", one per column, so the
 * column's own query decides what it shows, exactly as for local items. */
#pragma once

#include <gio/gio.h>

#include "feeds/rn-parsed-feed.h"
#include "search/rn-column.h"

G_BEGIN_DECLS

#define RN_TYPE_REMOTE_SEARCH (rn_remote_search_get_type ())
G_DECLARE_INTERFACE (RnRemoteSearch, rn_remote_search, RN, REMOTE_SEARCH, GObject)

struct _RnRemoteSearchInterface
{
  GTypeInterface parent_iface;

  /* A stable key of the account, e.g. "mastodon:3"; stored in columns. */
  const char   *(*get_key)       (RnRemoteSearch       *self);
  void          (*search_async)  (RnRemoteSearch       *self,
                                  const char           *query_text,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
  RnParsedFeed *(*search_finish) (RnRemoteSearch       *self,
                                  GAsyncResult         *result,
                                  GError              **error);
};

/* The kind of the hidden sources remote results are stored in. */
#define RN_REMOTE_SEARCH_KIND "remote-search"

const char   *rn_remote_search_get_key       (RnRemoteSearch      *self);
/* @query_text is the column's query as the user typed it; each service
 * searches what it understands of it (a hashtag, words). */
void          rn_remote_search_search_async  (RnRemoteSearch      *self,
                                              const char          *query_text,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
RnParsedFeed *rn_remote_search_search_finish (RnRemoteSearch      *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Asks every search of @searches whose key the column names, and stores
 * the results in the column's hidden source (created on first use). The
 * column picks the new items up through RnStore::items-added. Completes
 * when all have answered, with the number of new items, or with the first
 * failure when one of them failed (what the others found is stored). */
void          rn_column_search_remote_async  (RnColumn            *column,
                                              GPtrArray           *searches,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns the number of new items, or -1 with @error set. */
gint64        rn_column_search_remote_finish (RnColumn            *column,
                                              GAsyncResult        *result,
                                              GError             **error);
/* The id of the column's hidden source, created if needed. */
gint64        rn_column_ensure_remote_source (RnColumn            *column,
                                              GError             **error);

G_END_DECLS
