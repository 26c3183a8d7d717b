#include "config.h"

#include "mastodon/rn-mastodon-auth.h"
#include "mastodon-test.h"

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->context = rn_test_context_new (&f->dir);
  f->store = rn_context_get_store (f->context);
  f->http = rn_context_get_http (f->context);
  f->creds = rn_credentials_memory_new ();
  f->m = mastodon_fixture_new ();
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->creds);
  g_clear_object (&f->context);
  mastodon_fixture_free (f->m);
  rn_test_rmdir (f->dir);
  g_free (f->dir);
}

void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

RnAccount *
sign_in (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonSignIn) sign = rn_mastodon_sign_in_new (f->store, f->http, f->creds, f->m->name, FALSE, &error);
  g_autoptr(GAsyncResult) begun = NULL, done = NULL;
  g_autofree char *url = NULL;
  RnAccount *account;

  g_assert_no_error (error);
  rn_mastodon_sign_in_begin_async (sign, NULL, keep_result, &begun);
  url = rn_mastodon_sign_in_begin_finish (sign, wait_result (&begun), &error);
  g_assert_no_error (error);
  rn_mastodon_sign_in_complete_async (sign, NULL, NULL, keep_result, &done);
  g_assert_cmpuint (mastodon_fixture_browse (f->m, url), ==, 200);
  account = rn_mastodon_sign_in_complete_finish (sign, wait_result (&done), &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  return account;
}
