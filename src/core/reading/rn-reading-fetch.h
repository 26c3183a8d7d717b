/* rn-reading-fetch.h: one HTTP exchange with a size cap and a deadline,
 * shared by the Crossref and Zotero clients. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Sends @msg and reads its body (whatever the status). Fails with
 * G_IO_ERROR_MESSAGE_TOO_LARGE past @max_bytes, G_IO_ERROR_TIMED_OUT when
 * the whole exchange takes longer than @timeout_ms (0: no deadline),
 * G_IO_ERROR_CANCELLED when @cancellable fires, or the transport's error.
 * The status is then in @msg. */
void     rn_reading_fetch_async   (SoupSession          *session,
                                   SoupMessage          *msg,
                                   gsize                 max_bytes,
                                   guint                 timeout_ms,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
GBytes  *rn_reading_fetch_finish  (GAsyncResult         *result,
                                   GError              **error);

G_END_DECLS
