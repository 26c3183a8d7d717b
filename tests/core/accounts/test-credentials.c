/* Credentials: the in-memory backend, the libsecret backend against the
 * real keyring (skipped when none runs), and the accounts table. */
#include "config.h"

#include <string.h>

#include "accounts/rn-account.h"
#include "accounts/rn-credentials-memory.h"
#include "accounts/rn-credentials-secret.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"

static void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
store (RnCredentials    *creds,
       gint64            id,
       RnCredentialKind  kind,
       const char       *secret,
       GError          **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  rn_credentials_store_async (creds, id, kind, "RadNet: test", secret, NULL, keep_result, &res);
  return rn_credentials_store_finish (creds, wait_result (&res), error);
}

static char *
lookup (RnCredentials    *creds,
        gint64            id,
        RnCredentialKind  kind,
        GError          **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  rn_credentials_lookup_async (creds, id, kind, NULL, keep_result, &res);
  return rn_credentials_lookup_finish (creds, wait_result (&res), error);
}

static gboolean
clear (RnCredentials  *creds,
       gint64          id,
       GError        **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  rn_credentials_clear_account_async (creds, id, NULL, keep_result, &res);
  return rn_credentials_clear_account_finish (creds, wait_result (&res), error);
}

/* The contract every backend keeps. */
static void
check_round_trip (RnCredentials *creds,
                  gint64         base)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *missing = NULL;

  g_assert_true (store (creds, base + 1, RN_CREDENTIAL_ACCESS_TOKEN, "rn-secret-one", &error));
  g_assert_true (store (creds, base + 1, RN_CREDENTIAL_CLIENT_SECRET, "rn-secret-two", &error));
  g_assert_true (store (creds, base + 2, RN_CREDENTIAL_ACCESS_TOKEN, "rn-secret-three", &error));
  /* Storing again replaces. */
  g_assert_true (store (creds, base + 1, RN_CREDENTIAL_ACCESS_TOKEN, "rn-secret-one-b", &error));
  g_assert_no_error (error);

  a = lookup (creds, base + 1, RN_CREDENTIAL_ACCESS_TOKEN, &error);
  b = lookup (creds, base + 1, RN_CREDENTIAL_CLIENT_SECRET, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "rn-secret-one-b");
  g_assert_cmpstr (b, ==, "rn-secret-two");
  missing = lookup (creds, base + 1, RN_CREDENTIAL_REFRESH_TOKEN, &error);
  g_assert_null (missing);
  g_assert_error (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Clearing an account takes all its kinds, and only its own. */
  g_assert_true (clear (creds, base + 1, &error));
  g_assert_no_error (error);
  g_free (a);
  a = lookup (creds, base + 1, RN_CREDENTIAL_ACCESS_TOKEN, &error);
  g_assert_null (a);
  g_clear_error (&error);
  g_free (b);
  b = lookup (creds, base + 1, RN_CREDENTIAL_CLIENT_SECRET, &error);
  g_assert_null (b);
  g_clear_error (&error);
  c = lookup (creds, base + 2, RN_CREDENTIAL_ACCESS_TOKEN, &error);
  g_assert_cmpstr (c, ==, "rn-secret-three");
  g_assert_true (clear (creds, base + 2, &error));
  g_assert_true (clear (creds, base + 2, &error));   /* nothing left: fine */
  g_assert_no_error (error);
}

static void
test_memory (void)
{
  g_autoptr(RnCredentials) creds = rn_credentials_memory_new ();
  g_autoptr(GError) error = NULL;

  check_round_trip (creds, 0);
  g_assert_cmpuint (rn_credentials_memory_get_n_secrets (RN_CREDENTIALS_MEMORY (creds)), ==, 0);

  rn_credentials_memory_set_available (RN_CREDENTIALS_MEMORY (creds), FALSE);
  g_assert_false (store (creds, 1, RN_CREDENTIAL_APP_PASSWORD, "x", &error));
  g_assert_error (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_UNAVAILABLE);
  g_assert_cmpstr (error->message, ==, rn_credentials_unavailable_message ());
  g_assert_cmpuint (rn_credentials_memory_get_n_secrets (RN_CREDENTIALS_MEMORY (creds)), ==, 0);
}

static void
test_kind_names (void)
{
  g_assert_cmpstr (rn_credential_kind_to_string (RN_CREDENTIAL_ACCESS_TOKEN), ==, "access-token");
  g_assert_cmpstr (rn_credential_kind_to_string (RN_CREDENTIAL_REFRESH_TOKEN), ==, "refresh-token");
  g_assert_cmpstr (rn_credential_kind_to_string (RN_CREDENTIAL_CLIENT_SECRET), ==, "client-secret");
  g_assert_cmpstr (rn_credential_kind_to_string (RN_CREDENTIAL_APP_PASSWORD), ==, "app-password");
  g_assert_cmpstr (rn_credential_kind_to_string (RN_CREDENTIAL_API_KEY), ==, "api-key");
  g_assert_cmpstr (rn_credentials_secret_get_schema ()->name, ==, "com.example.RadNet.Secret");
}

static void
test_secret_service (void)
{
  g_autoptr(RnCredentials) creds = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session: the keyring tests run under build-aux/test.sh");
      return;
    }
  creds = rn_credentials_secret_new ();
  rn_credentials_probe_async (creds, NULL, keep_result, &res);
  if (!rn_credentials_probe_finish (creds, wait_result (&res), &error))
    {
      g_test_skip_printf ("no keyring: %s", error->message);
      return;
    }
  /* High ids: no clash with a user's real items in a developer's keyring. */
  check_round_trip (creds, G_GINT64_CONSTANT (9000000000));
}

static void
test_secret_service_missing (void)
{
  /* A bus address that leads nowhere: a clear error, no hang, no crash. */
  if (g_test_subprocess ())
    {
      g_autoptr(RnCredentials) creds = NULL;
      g_autoptr(GAsyncResult) res = NULL;
      g_autoptr(GError) error = NULL;

      creds = rn_credentials_secret_new ();
      g_assert_false (store (creds, 1, RN_CREDENTIAL_ACCESS_TOKEN, "rn-secret-x", &error));
      g_assert_error (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "keyring"));
      rn_credentials_probe_async (creds, NULL, keep_result, &res);
      g_clear_error (&error);
      g_assert_false (rn_credentials_probe_finish (creds, wait_result (&res), &error));
      g_assert_error (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_UNAVAILABLE);
      return;
    }
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/radnet-test-bus", TRUE);
  g_unsetenv ("DISPLAY");
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_account_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store_ = rn_context_get_store (context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RnAccount) got = NULL, found = NULL;
  g_autofree char *label = NULL, *did = NULL;
  RnAccount a = { 0 };
  gint64 id = 0, id2 = 0;

  a.kind = (char *) "mastodon";
  a.server = (char *) "radiology.example";
  a.username = (char *) "ayla";
  a.display_name = (char *) "Ayla";
  a.client_id = (char *) "public-client-id";
  g_assert_true (rn_account_store_add (store_, &a, &id, &error));
  g_assert_no_error (error);
  g_assert_false (rn_account_store_add (store_, &a, &id2, &error));
  g_assert_error (error, RN_STORE_ERROR, RN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  a.kind = (char *) "bluesky";
  a.server = (char *) "https://bsky.social";
  a.username = (char *) "ayla.bsky.social";
  a.options = (char *) "{\"did\":\"did:plc:abc\"}";
  g_assert_true (rn_account_store_add (store_, &a, &id2, &error));

  list = rn_account_store_list (store_, &error);
  g_assert_cmpuint (list->len, ==, 2);
  got = rn_account_store_get (store_, id, &error);
  label = rn_account_dup_label (got);
  g_assert_cmpstr (label, ==, "@ayla@radiology.example");
  g_assert_cmpstr (got->state, ==, RN_ACCOUNT_STATE_OK);
  found = rn_account_store_find (store_, "bluesky", "https://bsky.social", "ayla.bsky.social", &error);
  did = rn_account_dup_option (found, "did");
  g_assert_cmpstr (did, ==, "did:plc:abc");

  g_assert_true (rn_account_store_set_state (store_, id, RN_ACCOUNT_STATE_EXPIRED, &error));
  g_clear_pointer (&got, rn_account_free);
  got = rn_account_store_get (store_, id, &error);
  g_assert_cmpstr (got->state, ==, "expired");

  g_assert_true (rn_account_store_remove (store_, id, &error));
  g_clear_pointer (&got, rn_account_free);
  got = rn_account_store_get (store_, id, &error);
  g_assert_null (got);
  g_assert_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND);

  g_clear_object (&context);
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/accounts/memory", test_memory);
  g_test_add_func ("/radnet/core/accounts/kind-names", test_kind_names);
  g_test_add_func ("/radnet/core/accounts/secret-service", test_secret_service);
  g_test_add_func ("/radnet/core/accounts/secret-service-missing", test_secret_service_missing);
  g_test_add_func ("/radnet/core/accounts/account-store", test_account_store);
  return g_test_run ();
}
