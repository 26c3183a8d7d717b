/* rn-mastodon-read-position.h: where the user stopped reading the home
 * timeline, in the library's terms.
 *
 * The server keeps one position per account (the markers API, see
 * rn-mastodon-actions.h); here it becomes read flags on the posts of the
 * account's home timeline sources, and the post a list scrolls back to.
 * Posts are placed by their timeline id: a boost counts by its own id,
 * which is what the server's marker names. */
#pragma once

#include "store/rn-store.h"

G_BEGIN_DECLS

/* Mastodon ids sort as numbers (snowflakes); some servers use fixed-width
 * sortable strings. Shorter is older, then bytewise: both orders hold.
 * NULL sorts first. */
int      rn_mastodon_id_compare              (const char  *a,
                                              const char  *b);

/* The home timeline post behind @item_id: its account and timeline id.
 * FALSE when the item is not a post of a Mastodon home timeline source. */
gboolean rn_mastodon_home_post               (RnStore     *store,
                                              gint64       item_id,
                                              gint64      *out_account_id,
                                              char       **out_timeline_id);

/* Marks read every unread post of @account_id's home timeline sources at
 * or before @last_read_id (only items from @from_item_id on when it is
 * > 0: those that just arrived); @out_marked (nullable) gets how many. */
gboolean rn_mastodon_home_mark_read_until    (RnStore     *store,
                                              gint64       account_id,
                                              const char  *last_read_id,
                                              gint64       from_item_id,
                                              guint       *out_marked,
                                              GError     **error);

/* How far the user has read through @account_id's home timeline: the
 * newest post such that it and every post before it in the library are
 * read. NULL when the oldest post is unread or there is none. */
char    *rn_mastodon_home_read_through       (RnStore     *store,
                                              gint64       account_id);

/* Accounts with at least one home timeline source. */
GArray  *rn_mastodon_home_accounts           (RnStore     *store);

/* The post of the home timeline source @feed_id the read position names
 * (the newest at or before it), or 0. */
gint64   rn_mastodon_home_last_read_item     (RnStore     *store,
                                              gint64       feed_id);

G_END_DECLS
