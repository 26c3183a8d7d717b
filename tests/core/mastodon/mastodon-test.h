/* mastodon-test.h: what the Mastodon tests share: a library, in-memory
 * credentials, the fixture server, and waiting for async results. */
#pragma once

#include "accounts/rn-account.h"
#include "accounts/rn-credentials-memory.h"
#include "mastodon-fixture.h"
#include "rn-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  char            *dir;
  RnContext       *context;
  RnStore         *store;
  RnHttp          *http;
  RnCredentials   *creds;
  MastodonFixture *m;
} Fixture;

void          fixture_setup    (Fixture *f, gconstpointer data);
void          fixture_teardown (Fixture *f, gconstpointer data);

/* Callback that stores a ref of the result in *(GAsyncResult **) data. */
void          keep_result      (GObject *source, GAsyncResult *result, gpointer data);
GAsyncResult *wait_result      (GAsyncResult **slot);

/* The whole loopback sign-in against the fixture; asserts success. */
RnAccount    *sign_in          (Fixture *f);

G_END_DECLS
