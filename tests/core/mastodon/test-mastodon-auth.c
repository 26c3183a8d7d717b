/* Mastodon sign-in: PKCE pieces, app registration, the loopback and
 * paste flows end to end against the fixture, state checking, a missing
 * keyring, and sign-out. */
#include "config.h"

#include <string.h>

#include "accounts/rn-oauth.h"
#include "mastodon/rn-mastodon-api.h"
#include "mastodon/rn-mastodon-auth.h"
#include "mastodon/rn-mastodon-source.h"
#include "mastodon-test.h"
#include "store/rn-sql.h"

static void
test_pkce (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = rn_oauth_random_string (32, &error);
  g_autofree char *b = rn_oauth_random_string (32, &error);
  g_autofree char *long_one = rn_oauth_random_string (96, &error);
  g_autofree char *challenge = NULL;

  g_assert_no_error (error);
  /* RFC 7636: 43–128 unreserved characters. */
  g_assert_cmpuint (strlen (a), ==, 43);
  g_assert_cmpuint (strlen (long_one), ==, 128);
  g_assert_cmpuint (strspn (a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), ==, 43);
  g_assert_cmpstr (a, !=, b);
  /* The example of RFC 7636 appendix B. */
  challenge = rn_oauth_s256_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_normalize_server (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "mastodon.social", "mastodon.social" },
    { "  Mastodon.Social ", "mastodon.social" },
    { "https://med-mastodon.com/about", "med-mastodon.com" },
    { "@someone@radiology.example", "radiology.example" },
    { "127.0.0.1:8080", "127.0.0.1:8080" },
    { "", NULL },
    { "not a server", NULL },
    { "evil.example:99999", NULL },
    { "nodots", NULL },
    { "exa_mple.org", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = rn_mastodon_normalize_server (cases[i].in, &error);

      g_assert_cmpstr (out, ==, cases[i].out);
      if (cases[i].out == NULL)
        g_assert_error (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_INVALID_SERVER);
    }
}

static void
test_http_only_for_loopback (void)
{
  g_autofree char *local = NULL;
  g_autofree char *remote = NULL;

  g_setenv ("RADNET_MASTODON_SCHEME", "http", TRUE);
  local = rn_mastodon_base_url ("127.0.0.1:4000");
  remote = rn_mastodon_base_url ("mastodon.social");
  g_assert_cmpstr (local, ==, "http://127.0.0.1:4000");
  g_assert_cmpstr (remote, ==, "https://mastodon.social");
  g_assert_false (rn_mastodon_allow_http ("http://127.0.0.1.evil.example/"));
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  return rn_sql_query_int (rn_store_get_reader (f->store), sql, -1);
}

static void
test_sign_in_loopback (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(RnAccount) stored = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  /* Registration: narrow scopes, the project's website, the exact
   * loopback redirect (plus the paste fallback). */
  g_assert_cmpstr (f->m->registered_scopes, ==, RN_MASTODON_SCOPES);
  g_assert_cmpstr (f->m->registered_website, ==, PACKAGE_URL);
  g_assert_true (g_str_has_prefix (f->m->registered_redirects, "http://127.0.0.1:"));
  g_assert_nonnull (strstr (f->m->registered_redirects, "/callback\nurn:ietf:wg:oauth:2.0:oob"));
  /* PKCE: the fixture compared S256(verifier) with the challenge. */
  g_assert_true (f->m->pkce_checked);
  g_assert_cmpuint (f->m->pkce_failures, ==, 0);
  g_assert_cmpstr (f->m->challenge_method, ==, "S256");

  g_assert_cmpstr (account->kind, ==, "mastodon");
  g_assert_cmpstr (account->server, ==, f->m->name);
  g_assert_cmpstr (account->username, ==, "rn_tester");
  g_assert_cmpstr (account->display_name, ==, "RadNet Tester");
  g_assert_cmpstr (account->state, ==, RN_ACCOUNT_STATE_OK);
  stored = rn_account_store_get (f->store, account->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->client_id, ==, f->m->client_id);
  g_assert_cmpstr (stored->avatar_url, ==, "https://radiology.example/avatars/rn_tester.png");
  g_assert_cmpstr (stored->state, ==, "ok");

  /* The token and the client secret are in the credentials, nowhere in
   * the accounts table. */
  g_assert_cmpuint (rn_credentials_memory_get_n_secrets (RN_CREDENTIALS_MEMORY (f->creds)), ==, 2);
  rn_credentials_lookup_async (f->creds, account->id, RN_CREDENTIAL_ACCESS_TOKEN, NULL, keep_result, &res);
  token = rn_credentials_lookup_finish (f->creds, wait_result (&res), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, f->m->access_token);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM accounts WHERE "
                                  "instr(coalesce(options,'') || coalesce(client_id,''), 'rn-secret-') > 0"), ==, 0);
}

static void
test_sign_in_twice_keeps_row (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RnAccount) first = sign_in (f);
  g_autoptr(RnAccount) second = sign_in (f);

  g_assert_cmpint (first->id, ==, second->id);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM accounts"), ==, 1);
}

static void
test_sign_in_paste (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonSignIn) sign = rn_mastodon_sign_in_new (f->store, f->http, f->creds, f->m->name, TRUE, &error);
  g_autoptr(GAsyncResult) begun = NULL, done = NULL;
  g_autoptr(RnAccount) account = NULL;
  g_autofree char *url = NULL;
  g_autofree char *redirect = NULL;

  rn_mastodon_sign_in_begin_async (sign, NULL, keep_result, &begun);
  url = rn_mastodon_sign_in_begin_finish (sign, wait_result (&begun), &error);
  g_assert_no_error (error);
  redirect = rn_oauth_query_param (url, "redirect_uri");
  g_assert_cmpstr (redirect, ==, RN_OAUTH_OOB_REDIRECT_URI);
  g_assert_null (rn_mastodon_sign_in_get_redirect_uri (sign));
  g_assert_cmpstr (f->m->registered_redirects, ==, RN_OAUTH_OOB_REDIRECT_URI);

  /* The "browser" shows the code; the user pastes it (with stray spaces). */
  g_assert_cmpuint (mastodon_fixture_browse (f->m, url), ==, 200);
  {
    g_autofree char *pasted = g_strdup_printf ("  %s\n", mastodon_fixture_get_code (f->m));

    rn_mastodon_sign_in_complete_async (sign, pasted, NULL, keep_result, &done);
  }
  account = rn_mastodon_sign_in_complete_finish (sign, wait_result (&done), &error);
  g_assert_no_error (error);
  g_assert_true (f->m->pkce_checked);
  g_assert_cmpstr (account->username, ==, "rn_tester");
}

static void
on_wrong_state (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  *(guint *) data = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (source), result));
}

static void
test_loopback_checks_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnOAuthLoopback) loopback = rn_oauth_loopback_new ("expected-state", 60, &error);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) wrong = NULL, right = NULL, late = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autofree char *wrong_url = NULL, *right_url = NULL, *code = NULL;
  guint status = 0;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rn_oauth_loopback_get_redirect_uri (loopback), "http://127.0.0.1:"));
  rn_oauth_loopback_wait_async (loopback, NULL, keep_result, &res);

  wrong_url = g_strdup_printf ("%s?code=stolen&state=other", rn_oauth_loopback_get_redirect_uri (loopback));
  wrong = soup_message_new ("GET", wrong_url);
  soup_session_send_and_read_async (session, wrong, G_PRIORITY_DEFAULT, NULL, on_wrong_state, &status);
  while (status == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (status, ==, 400);
  g_assert_null (res);   /* still waiting for the real answer */

  right_url = g_strdup_printf ("%s?code=the-code&state=expected-state", rn_oauth_loopback_get_redirect_uri (loopback));
  right = soup_message_new ("GET", right_url);
  status = 0;
  soup_session_send_and_read_async (session, right, G_PRIORITY_DEFAULT, NULL, on_wrong_state, &status);
  code = rn_oauth_loopback_wait_finish (loopback, wait_result (&res), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "the-code");
  while (status == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_loopback_times_out (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnOAuthLoopback) loopback = rn_oauth_loopback_new ("s", 1, &error);
  g_autoptr(GAsyncResult) res = NULL;
  g_autofree char *code = NULL;

  rn_oauth_loopback_wait_async (loopback, NULL, keep_result, &res);
  code = rn_oauth_loopback_wait_finish (loopback, wait_result (&res), &error);
  g_assert_null (code);
  g_assert_error (error, RN_OAUTH_ERROR, RN_OAUTH_ERROR_TIMED_OUT);
}

static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonSignIn) sign = NULL;
  g_autoptr(GAsyncResult) begun = NULL, done = NULL;
  g_autofree char *url = NULL;
  g_autoptr(RnAccount) account = NULL;

  /* Before the browser: refused at once, nothing registered. */
  rn_credentials_memory_set_available (RN_CREDENTIALS_MEMORY (f->creds), FALSE);
  sign = rn_mastodon_sign_in_new (f->store, f->http, f->creds, f->m->name, FALSE, &error);
  rn_mastodon_sign_in_begin_async (sign, NULL, keep_result, &begun);
  url = rn_mastodon_sign_in_begin_finish (sign, wait_result (&begun), &error);
  g_assert_null (url);
  g_assert_error (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_assert_null (f->m->registered_scopes);
  g_clear_error (&error);
  g_clear_object (&sign);
  g_clear_object (&begun);

  /* The keyring goes away during the sign-in: no account row stays. */
  rn_credentials_memory_set_available (RN_CREDENTIALS_MEMORY (f->creds), TRUE);
  sign = rn_mastodon_sign_in_new (f->store, f->http, f->creds, f->m->name, FALSE, &error);
  rn_mastodon_sign_in_begin_async (sign, NULL, keep_result, &begun);
  url = rn_mastodon_sign_in_begin_finish (sign, wait_result (&begun), &error);
  g_assert_no_error (error);
  rn_credentials_memory_set_available (RN_CREDENTIALS_MEMORY (f->creds), FALSE);
  rn_mastodon_sign_in_complete_async (sign, NULL, NULL, keep_result, &done);
  mastodon_fixture_browse (f->m, url);
  account = rn_mastodon_sign_in_complete_finish (sign, wait_result (&done), &error);
  g_assert_null (account);
  g_assert_error (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_UNAVAILABLE);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM accounts"), ==, 0);
  g_assert_cmpuint (rn_credentials_memory_get_n_secrets (RN_CREDENTIALS_MEMORY (f->creds)), ==, 0);
}

static void
test_wrong_verifier_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonSignIn) sign = rn_mastodon_sign_in_new (f->store, f->http, f->creds, f->m->name, TRUE, &error);
  g_autoptr(GAsyncResult) begun = NULL, done = NULL;
  g_autofree char *url = NULL;
  g_autofree char *forged = NULL;
  g_autoptr(RnAccount) account = NULL;

  rn_mastodon_sign_in_begin_async (sign, NULL, keep_result, &begun);
  url = rn_mastodon_sign_in_begin_finish (sign, wait_result (&begun), &error);
  g_assert_no_error (error);
  /* Someone else's challenge: the verifier RadNet sends no longer matches. */
  {
    g_autoptr(GString) s = g_string_new (url);
    g_autofree char *challenge = rn_oauth_query_param (url, "code_challenge");

    g_string_replace (s, challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", 1);
    forged = g_string_free (g_steal_pointer (&s), FALSE);
  }
  mastodon_fixture_browse (f->m, forged);
  rn_mastodon_sign_in_complete_async (sign, mastodon_fixture_get_code (f->m), NULL, keep_result, &done);
  account = rn_mastodon_sign_in_complete_finish (sign, wait_result (&done), &error);
  g_assert_null (account);
  g_assert_nonnull (error);
  g_assert_cmpuint (f->m->pkce_failures, ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM accounts"), ==, 0);
}

static void
test_sign_out (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RnAccount) account = sign_in (f);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;

  /* A timeline of the account goes with it. */
  rn_mastodon_add_timeline_source (f->store, account, "mastodon-home", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM feeds WHERE account_id IS NOT NULL"), ==, 1);

  rn_mastodon_sign_out_async (f->store, f->http, f->creds, account->id, NULL, keep_result, &res);
  g_assert_true (rn_mastodon_sign_out_finish (wait_result (&res), &error));
  g_assert_no_error (error);
  g_assert_true (f->m->token_revoked);
  g_assert_cmpuint (rn_credentials_memory_get_n_secrets (RN_CREDENTIALS_MEMORY (f->creds)), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM accounts"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM feeds"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RADNET_MASTODON_SCHEME", "http", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/mastodon/pkce", test_pkce);
  g_test_add_func ("/radnet/core/mastodon/normalize-server", test_normalize_server);
  g_test_add_func ("/radnet/core/mastodon/http-only-for-loopback", test_http_only_for_loopback);
  g_test_add_func ("/radnet/core/mastodon/loopback-checks-state", test_loopback_checks_state);
  g_test_add_func ("/radnet/core/mastodon/loopback-times-out", test_loopback_times_out);
  g_test_add ("/radnet/core/mastodon/sign-in-loopback", Fixture, NULL, fixture_setup, test_sign_in_loopback, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/sign-in-twice", Fixture, NULL, fixture_setup, test_sign_in_twice_keeps_row, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/sign-in-paste", Fixture, NULL, fixture_setup, test_sign_in_paste, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/sign-in-no-keyring", Fixture, NULL, fixture_setup, test_no_keyring, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/wrong-verifier", Fixture, NULL, fixture_setup, test_wrong_verifier_refused, fixture_teardown);
  g_test_add ("/radnet/core/mastodon/sign-out", Fixture, NULL, fixture_setup, test_sign_out, fixture_teardown);
  return g_test_run ();
}
