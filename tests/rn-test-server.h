/* rn-test-server.h: an in-process HTTP server on 127.0.0.1 for tests.
 * It runs on the thread-default main context of the test. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _RnTestServer RnTestServer;

RnTestServer *rn_test_server_new        (void);
void          rn_test_server_free       (RnTestServer       *self);
SoupServer   *rn_test_server_get_soup   (RnTestServer       *self);
/* "http://127.0.0.1:PORT" + path */
char         *rn_test_server_url        (RnTestServer       *self,
                                         const char         *path);
/* Serves @body at @path with an ETag and Last-Modified and answers
 * conditional requests with 304. */
void          rn_test_server_add_bytes  (RnTestServer       *self,
                                         const char         *path,
                                         const char         *content_type,
                                         GBytes             *body);
void          rn_test_server_add_handler (RnTestServer      *self,
                                         const char         *path,
                                         SoupServerCallback  callback,
                                         gpointer            user_data);
/* How many requests @path got, and how many of them were answered 304. */
guint         rn_test_server_get_hits   (RnTestServer       *self,
                                         const char         *path);
guint         rn_test_server_get_304s   (RnTestServer       *self,
                                         const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnTestServer, rn_test_server_free)

G_END_DECLS
