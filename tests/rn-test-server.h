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

/* The same server over https with the given certificate and key (PEM
 * files): "https://127.0.0.1:PORT". NULL and @error when TLS is missing. */
RnTestServer *rn_test_server_new_https  (const char         *cert_file,
                                         const char         *key_file,
                                         GError            **error);
/* The server's URL with another host name, e.g. "localhost", so that one
 * server can play two hosts. */
char         *rn_test_server_url_for_host (RnTestServer     *self,
                                         const char         *host,
                                         const char         *path);

/* A raw TCP server on 127.0.0.1 for answers SoupServer will not give:
 * broken, stalled, endless. Every connection reads the request head, then
 * writes @head verbatim (status line and headers, "\r\n\r\n" included)
 * and goes on as @mode says with @body. */
typedef enum
{
  RN_TEST_RAW_CLOSE,    /* write @body once, then close the connection */
  RN_TEST_RAW_STALL,    /* write nothing more, keep the connection open */
  RN_TEST_RAW_TRICKLE,  /* @body one byte every @interval_ms, over and over */
  RN_TEST_RAW_ENDLESS,  /* @body again and again until the client goes */
} RnTestRawMode;

typedef struct _RnTestRawServer RnTestRawServer;

RnTestRawServer *rn_test_raw_server_new   (RnTestRawMode    mode,
                                           const char      *head,
                                           GBytes          *body,
                                           guint            interval_ms);
char            *rn_test_raw_server_url   (RnTestRawServer *self,
                                           const char      *path);
/* Body bytes written so far, over all connections. */
guint64          rn_test_raw_server_get_body_written (RnTestRawServer *self);
guint            rn_test_raw_server_get_connections  (RnTestRawServer *self);
/* Closes every connection and waits (on the main context) for its
 * pending operations to end. */
void             rn_test_raw_server_free  (RnTestRawServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnTestRawServer, rn_test_raw_server_free)

G_END_DECLS
