/* mastodon-fixture.h: an in-process Mastodon server for tests: app
 * registration, OAuth with PKCE (the verifier is checked against the
 * challenge), verify_credentials, timelines with Link pagination and
 * min_id/max_id/since_id, rate-limit headers, status actions, markers,
 * instance, search, revoke. */
#pragma once

#include <json-glib/json-glib.h>

#include "rn-test-server.h"

G_BEGIN_DECLS

typedef struct
{
  RnTestServer *server;
  char         *name;            /* "127.0.0.1:PORT" */
  char         *base;            /* "http://127.0.0.1:PORT" */

  /* OAuth */
  char         *client_id;
  char         *client_secret;   /* distinctive: "rn-secret-client-…" */
  char         *registered_redirects;
  char         *registered_scopes;
  char         *registered_website;
  char         *code;
  char         *challenge;
  char         *challenge_method;
  char         *auth_redirect;
  char         *access_token;    /* distinctive: "rn-secret-access-…" */
  gboolean      pkce_checked;    /* a token exchange passed the S256 check */
  guint         pkce_failures;
  gboolean      token_revoked;
  gboolean      reject_tokens;   /* answer 401 to any bearer */

  /* Timelines: JsonObject statuses, newest (highest id) first. */
  GPtrArray    *statuses;
  int           rate_remaining;  /* -1: no rate-limit headers */
  guint         timeline_requests;
  GPtrArray    *timeline_queries; /* char * query strings seen */
  gboolean      saw_auth_on_tag;

  /* Actions, markers, posting */
  GPtrArray    *actions;         /* "bookmark:ID" … */
  char         *marker;
  guint         marker_posts;
  gboolean      markers_down;    /* answer 503 on /api/v1/markers */
  char         *posted_body;
  guint         max_characters;
} MastodonFixture;

MastodonFixture *mastodon_fixture_new            (void);
void             mastodon_fixture_free           (MastodonFixture *self);
/* Replaces the statuses with the array in @json (a file's contents). */
void             mastodon_fixture_set_statuses   (MastodonFixture *self,
                                                  const char      *json);
/* Replaces the statuses with @n generated ones, ids first_id … first_id+n-1. */
void             mastodon_fixture_generate       (MastodonFixture *self,
                                                  guint            n,
                                                  guint64          first_id);
/* Plays the browser: GET the authorization URL (checks it, records the
 * challenge), then GET the redirect it answers with (the app's loopback
 * receiver). Runs the main context until both answered. Returns the HTTP
 * status of the loopback page. */
guint            mastodon_fixture_browse         (MastodonFixture *self,
                                                  const char      *authorization_url);
/* The code the server showed to paste (after browsing with the
 * out-of-band redirect: no second GET happens). */
const char      *mastodon_fixture_get_code       (MastodonFixture *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MastodonFixture, mastodon_fixture_free)

G_END_DECLS
