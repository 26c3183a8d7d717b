/* rn-mastodon-auth.c: the sign-in flow, sign-out and token look-up. Each
 * step is one callback; the secrets (client secret, verifier, token) live
 * in this object only until the keyring has them, and are wiped on free. */
#define G_LOG_DOMAIN "rn-mastodon"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "accounts/rn-oauth.h"
#include "rn-mastodon-api.h"
#include "rn-mastodon-auth.h"

struct _RnMastodonSignIn
{
  GObject          parent_instance;

  RnStore         *store;
  RnHttp          *http;
  RnCredentials   *credentials;
  char            *server;
  char            *base_url;
  gboolean         paste;

  RnOAuthLoopback *loopback;
  char            *redirect_uri;
  char            *client_id;
  char            *client_secret;   /* secret */
  char            *verifier;        /* secret until used */
  char            *state;
  char            *token;           /* secret */

  RnAccount       *account;         /* built from verify_credentials */
  gboolean         created_row;     /* we added it: remove it on failure */
  gboolean         begun;
};

G_DEFINE_FINAL_TYPE (RnMastodonSignIn, rn_mastodon_sign_in, G_TYPE_OBJECT)

static void
rn_mastodon_sign_in_finalize (GObject *object)
{
  RnMastodonSignIn *self = RN_MASTODON_SIGN_IN (object);

  g_clear_object (&self->loopback);
  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_object (&self->credentials);
  g_free (self->server);
  g_free (self->base_url);
  g_free (self->redirect_uri);
  g_free (self->client_id);
  g_free (self->state);
  rn_credentials_secret_free (self->client_secret);
  rn_credentials_secret_free (self->verifier);
  rn_credentials_secret_free (self->token);
  g_clear_pointer (&self->account, rn_account_free);

  G_OBJECT_CLASS (rn_mastodon_sign_in_parent_class)->finalize (object);
}

static void
rn_mastodon_sign_in_class_init (RnMastodonSignInClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_mastodon_sign_in_finalize;
}

static void
rn_mastodon_sign_in_init (RnMastodonSignIn *self)
{
}

RnMastodonSignIn *
rn_mastodon_sign_in_new (RnStore        *store,
                         RnHttp         *http,
                         RnCredentials  *credentials,
                         const char     *server,
                         gboolean        paste,
                         GError        **error)
{
  g_autoptr(RnMastodonSignIn) self = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  g_return_val_if_fail (RN_IS_HTTP (http), NULL);
  g_return_val_if_fail (RN_IS_CREDENTIALS (credentials), NULL);

  host = rn_mastodon_normalize_server (server, error);
  if (host == NULL)
    return NULL;

  self = g_object_new (RN_TYPE_MASTODON_SIGN_IN, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->credentials = g_object_ref (credentials);
  self->server = g_steal_pointer (&host);
  self->base_url = rn_mastodon_base_url (self->server);
  self->paste = paste;
  return g_steal_pointer (&self);
}

const char *
rn_mastodon_sign_in_get_server (RnMastodonSignIn *self)
{
  g_return_val_if_fail (RN_IS_MASTODON_SIGN_IN (self), NULL);
  return self->server;
}

const char *
rn_mastodon_sign_in_get_redirect_uri (RnMastodonSignIn *self)
{
  g_return_val_if_fail (RN_IS_MASTODON_SIGN_IN (self), NULL);
  return self->loopback != NULL ? self->redirect_uri : NULL;
}

static char *
form_encode (const char *first_name,
             ...)
{
  g_autoptr(GString) out = g_string_new (NULL);
  va_list ap;

  va_start (ap, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (ap, const char *))
    {
      const char *value = va_arg (ap, const char *);

      if (value == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append_uri_escaped (out, name, NULL, FALSE);
      g_string_append_c (out, '=');
      g_string_append_uri_escaped (out, value, NULL, FALSE);
    }
  va_end (ap);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- begin ---- */

static char *
authorization_url (RnMastodonSignIn *self)
{
  g_autofree char *challenge = rn_oauth_s256_challenge (self->verifier);
  g_autofree char *query = form_encode ("response_type", "code",
                                        "client_id", self->client_id,
                                        "redirect_uri", self->redirect_uri,
                                        "scope", RN_MASTODON_SCOPES,
                                        "state", self->state,
                                        "code_challenge", challenge,
                                        "code_challenge_method", "S256",
                                        NULL);

  return g_strdup_printf ("%s/oauth/authorize?%s", self->base_url, query);
}

static void
on_app_registered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(GTask) task = data;
  RnMastodonSignIn *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_call_finish (RN_HTTP (source), result, NULL, &error);
  JsonObject *obj;
  const char *id, *secret;

  if (reply == NULL)
    {
      g_prefix_error (&error, _("%s did not let RadNet register: "), self->server);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  obj = reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root) ? json_node_get_object (reply->root) : NULL;
  id = obj != NULL ? json_object_get_string_member_with_default (obj, "client_id", NULL) : NULL;
  secret = obj != NULL ? json_object_get_string_member_with_default (obj, "client_secret", NULL) : NULL;
  if (id == NULL || secret == NULL || *id == '\0' || *secret == '\0')
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_BAD_RESPONSE,
                               _("%s did not register RadNet (is it a Mastodon server?)"), self->server);
      return;
    }
  self->client_id = g_strdup (id);
  self->client_secret = g_strdup (secret);
  self->begun = TRUE;
  g_task_return_pointer (task, authorization_url (self), g_free);
}

static void
on_probed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  RnMastodonSignIn *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *url = NULL;
  RnMastodonCall call = { 0 };

  if (!rn_credentials_probe_finish (RN_CREDENTIALS (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->verifier = rn_oauth_random_string (48, &error);   /* 64 characters */
  self->state = self->verifier != NULL ? rn_oauth_random_string (24, &error) : NULL;
  if (self->state == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The receiver listens before the app is registered, so that the exact
   * redirect (with its port) is registered: servers compare it verbatim.
   * The out-of-band redirect is registered too, so that the user may
   * still paste the code if the browser cannot reach us. */
  if (!self->paste)
    {
      self->loopback = rn_oauth_loopback_new (self->state, RN_OAUTH_LOOPBACK_TIMEOUT, &error);
      if (self->loopback == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      self->redirect_uri = g_strdup (rn_oauth_loopback_get_redirect_uri (self->loopback));
    }
  else
    self->redirect_uri = g_strdup (RN_OAUTH_OOB_REDIRECT_URI);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "client_name");
  json_builder_add_string_value (b, "RadNet");
  /* One per line: the form every Mastodon version understands. */
  json_builder_set_member_name (b, "redirect_uris");
  if (!self->paste)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", self->redirect_uri, RN_OAUTH_OOB_REDIRECT_URI);
      json_builder_add_string_value (b, both);
    }
  else
    json_builder_add_string_value (b, RN_OAUTH_OOB_REDIRECT_URI);
  json_builder_set_member_name (b, "scopes");
  json_builder_add_string_value (b, RN_MASTODON_SCOPES);
  json_builder_set_member_name (b, "website");
  json_builder_add_string_value (b, PACKAGE_URL);
  json_builder_end_object (b);
  body = json_builder_get_root (b);

  url = g_strdup_printf ("%s/api/v1/apps", self->base_url);
  call.method = "POST";
  call.url = url;
  call.json_body = body;
  call.user_requested = TRUE;
  rn_mastodon_call_async (self->http, &call, g_task_get_cancellable (task), on_app_registered,
                          g_object_ref (task));
}

void
rn_mastodon_sign_in_begin_async (RnMastodonSignIn    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RN_IS_MASTODON_SIGN_IN (self));
  g_return_if_fail (!self->begun);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_mastodon_sign_in_begin_async);
  rn_credentials_probe_async (self->credentials, cancellable, on_probed, g_steal_pointer (&task));
}

char *
rn_mastodon_sign_in_begin_finish (RnMastodonSignIn  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- complete ---- */

static void store_secrets (GTask *task);

static void
fail_and_forget (GTask  *task,
                 GError *error)
{
  RnMastodonSignIn *self = g_task_get_source_object (task);

  /* The keyring did not take the token: no trace of this sign-in stays. */
  if (self->created_row && self->account != NULL && self->account->id > 0)
    {
      g_autoptr(GError) local = NULL;

      rn_credentials_clear_account_async (self->credentials, self->account->id, NULL, NULL, NULL);
      if (!rn_account_store_remove (self->store, self->account->id, &local))
        g_warning ("Could not remove the unfinished account: %s", local->message);
      self->account->id = 0;
      self->created_row = FALSE;
    }
  g_task_return_error (task, error);
}

static void
on_secret_stored (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GTask) task = data;
  RnMastodonSignIn *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!rn_credentials_store_finish (RN_CREDENTIALS (source), result, &error))
    {
      fail_and_forget (task, g_steal_pointer (&error));
      return;
    }
  if (self->client_secret != NULL)
    {
      store_secrets (g_steal_pointer (&task));
      return;
    }
  if (!rn_account_store_set_state (self->store, self->account->id, RN_ACCOUNT_STATE_OK, &error))
    {
      fail_and_forget (task, g_steal_pointer (&error));
      return;
    }
  g_free (self->account->state);
  self->account->state = g_strdup (RN_ACCOUNT_STATE_OK);
  g_debug ("Signed in to %s as %s (account %" G_GINT64_FORMAT ")", self->server,
           self->account->username, self->account->id);
  g_task_return_pointer (task, rn_account_copy (self->account), (GDestroyNotify) rn_account_free);
}

/* Token first, then the client secret; each one leaves memory once stored. */
static void
store_secrets (GTask *task)
{
  RnMastodonSignIn *self = g_task_get_source_object (task);
  g_autofree char *label = rn_account_dup_label (self->account);
  g_autofree char *full = g_strdup_printf ("RadNet: %s", label);
  g_autoptr(RnSecretString) secret = NULL;
  RnCredentialKind kind;

  if (self->token != NULL)
    {
      secret = g_steal_pointer (&self->token);
      kind = RN_CREDENTIAL_ACCESS_TOKEN;
    }
  else
    {
      secret = g_steal_pointer (&self->client_secret);
      kind = RN_CREDENTIAL_CLIENT_SECRET;
    }
  rn_credentials_store_async (self->credentials, self->account->id, kind, full, secret,
                              g_task_get_cancellable (task), on_secret_stored, task);
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  RnMastodonSignIn *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_call_finish (RN_HTTP (source), result, NULL, &error);
  g_autoptr(RnAccount) existing = NULL;
  JsonObject *obj;
  RnAccount *a;
  const char *username;

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  obj = reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root) ? json_node_get_object (reply->root) : NULL;
  username = obj != NULL ? json_object_get_string_member_with_default (obj, "username", NULL) : NULL;
  if (username == NULL || *username == '\0')
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_BAD_RESPONSE,
                               _("%s did not say who signed in"), self->server);
      return;
    }

  a = self->account = g_new0 (RnAccount, 1);
  a->kind = g_strdup ("mastodon");
  a->server = g_strdup (self->server);
  a->username = g_strdup (username);
  a->display_name = g_strdup (json_object_get_string_member_with_default (obj, "display_name", NULL));
  a->avatar_url = g_strdup (json_object_get_string_member_with_default (obj, "avatar", NULL));
  a->client_id = g_strdup (self->client_id);

  /* Signing in again to a known account keeps its row (and sources). */
  existing = rn_account_store_find (self->store, "mastodon", self->server, username, NULL);
  if (existing != NULL)
    {
      a->id = existing->id;
      a->created = existing->created;
      a->state = g_strdup (RN_ACCOUNT_STATE_SIGNING_IN);
      if (!rn_account_store_update (self->store, a, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    {
      a->state = g_strdup (RN_ACCOUNT_STATE_SIGNING_IN);
      if (!rn_account_store_add (self->store, a, &a->id, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      self->created_row = TRUE;
    }
  store_secrets (g_steal_pointer (&task));
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GTask) task = data;
  RnMastodonSignIn *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_call_finish (RN_HTTP (source), result, NULL, &error);
  g_autofree char *url = NULL;
  JsonObject *obj;
  const char *token;
  RnMastodonCall call = { 0 };

  g_clear_pointer (&self->verifier, rn_credentials_secret_free);
  if (reply == NULL)
    {
      g_prefix_error (&error, "%s", _("The server did not accept the sign-in code: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  obj = reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root) ? json_node_get_object (reply->root) : NULL;
  token = obj != NULL ? json_object_get_string_member_with_default (obj, "access_token", NULL) : NULL;
  if (token == NULL || *token == '\0')
    {
      g_task_return_new_error (task, RN_MASTODON_ERROR, RN_MASTODON_ERROR_BAD_RESPONSE,
                               _("%s gave RadNet no access token"), self->server);
      return;
    }
  self->token = g_strdup (token);

  url = g_strdup_printf ("%s/api/v1/accounts/verify_credentials", self->base_url);
  call.url = url;
  call.token = self->token;
  call.user_requested = TRUE;
  rn_mastodon_call_async (self->http, &call, g_task_get_cancellable (task), on_verified,
                          g_object_ref (task));
}

static void
exchange_code (GTask      *task,
               const char *code)
{
  RnMastodonSignIn *self = g_task_get_source_object (task);
  g_autofree char *url = g_strdup_printf ("%s/oauth/token", self->base_url);
  g_autoptr(RnSecretString) form = form_encode ("grant_type", "authorization_code",
                                              "code", code,
                                              "client_id", self->client_id,
                                              "client_secret", self->client_secret,
                                              "redirect_uri", self->redirect_uri,
                                              "code_verifier", self->verifier,
                                              "scope", RN_MASTODON_SCOPES,
                                              NULL);
  RnMastodonCall call = { 0 };

  call.method = "POST";
  call.url = url;
  call.form_body = form;
  call.user_requested = TRUE;
  rn_mastodon_call_async (self->http, &call, g_task_get_cancellable (task), on_token, task);
}

static void
on_redirected (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GTask *task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnSecretString) code = rn_oauth_loopback_wait_finish (RN_OAUTH_LOOPBACK (source), result, &error);

  if (code == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  exchange_code (task, code);
}

void
rn_mastodon_sign_in_complete_async (RnMastodonSignIn    *self,
                                    const char          *code,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (RN_IS_MASTODON_SIGN_IN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_mastodon_sign_in_complete_async);
  if (!self->begun || self->verifier == NULL)
    {
      g_task_return_new_error (task, RN_OAUTH_ERROR, RN_OAUTH_ERROR_FAILED,
                               _("This sign-in was not started, or is already over"));
      return;
    }

  if (code != NULL)
    {
      trimmed = g_strstrip (g_strdup (code));
      if (*trimmed == '\0' || strlen (trimmed) > 512)
        {
          g_task_return_new_error (task, RN_OAUTH_ERROR, RN_OAUTH_ERROR_FAILED,
                                   _("That is not a sign-in code"));
          return;
        }
      /* A pasted code answers the out-of-band redirect. */
      if (self->loopback != NULL)
        {
          g_free (self->redirect_uri);
          self->redirect_uri = g_strdup (RN_OAUTH_OOB_REDIRECT_URI);
        }
      exchange_code (g_steal_pointer (&task), trimmed);
      return;
    }
  if (self->loopback == NULL)
    {
      g_task_return_new_error (task, RN_OAUTH_ERROR, RN_OAUTH_ERROR_FAILED,
                               _("Paste the code the server showed"));
      return;
    }
  rn_oauth_loopback_wait_async (self->loopback, cancellable, on_redirected, g_steal_pointer (&task));
}

RnAccount *
rn_mastodon_sign_in_complete_finish (RnMastodonSignIn  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- token look-up ---- */

typedef struct
{
  RnStore *store;
  gint64   account_id;
} TokenJob;

static void
token_job_free (TokenJob *job)
{
  g_clear_object (&job->store);
  g_free (job);
}

static void
on_token_looked_up (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GTask) task = data;
  TokenJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token = rn_credentials_lookup_finish (RN_CREDENTIALS (source), result, &error);

  if (token == NULL)
    {
      if (g_error_matches (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_NOT_FOUND))
        rn_account_store_set_state (job->store, job->account_id, RN_ACCOUNT_STATE_EXPIRED, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, token, (GDestroyNotify) rn_credentials_secret_free);
}

void
rn_mastodon_get_token_async (RnStore             *store,
                             RnCredentials       *credentials,
                             gint64               account_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  TokenJob *job = g_new0 (TokenJob, 1);

  g_task_set_source_tag (task, rn_mastodon_get_token_async);
  job->store = g_object_ref (store);
  job->account_id = account_id;
  g_task_set_task_data (task, job, (GDestroyNotify) token_job_free);
  rn_credentials_lookup_async (credentials, account_id, RN_CREDENTIAL_ACCESS_TOKEN, cancellable,
                               on_token_looked_up, g_steal_pointer (&task));
}

char *
rn_mastodon_get_token_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- sign-out ---- */

typedef struct
{
  RnStore       *store;
  RnHttp        *http;
  RnCredentials *credentials;
  RnAccount     *account;
  char          *token;          /* secret */
  char          *client_secret;  /* secret */
} SignOut;

static void
sign_out_free (SignOut *so)
{
  g_clear_object (&so->store);
  g_clear_object (&so->http);
  g_clear_object (&so->credentials);
  g_clear_pointer (&so->account, rn_account_free);
  rn_credentials_secret_free (so->token);
  rn_credentials_secret_free (so->client_secret);
  g_free (so);
}

static void
on_secrets_cleared (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GTask) task = data;
  SignOut *so = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Keep the row while the keyring still holds secrets for it: the user
   * can try again, and nothing is orphaned in the keyring. */
  if (!rn_credentials_clear_account_finish (RN_CREDENTIALS (source), result, &error) ||
      !rn_account_store_remove (so->store, so->account->id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_debug ("Signed out of account %" G_GINT64_FORMAT, so->account->id);
  g_task_return_boolean (task, TRUE);
}

static void
on_revoked (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  SignOut *so = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnMastodonReply) reply = rn_mastodon_call_finish (RN_HTTP (source), result, NULL, &error);

  if (reply == NULL)
    g_message ("Could not revoke the token of account %" G_GINT64_FORMAT " on %s: %s",
               so->account->id, so->account->server, error->message);
  rn_credentials_clear_account_async (so->credentials, so->account->id, g_task_get_cancellable (task),
                                      on_secrets_cleared, g_object_ref (task));
}

static void
revoke_token (GTask *task)
{
  SignOut *so = g_task_get_task_data (task);
  g_autofree char *base = rn_mastodon_base_url (so->account->server);
  g_autofree char *url = g_strdup_printf ("%s/oauth/revoke", base);
  g_autoptr(RnSecretString) form = NULL;
  RnMastodonCall call = { 0 };

  if (so->token == NULL)
    {
      rn_credentials_clear_account_async (so->credentials, so->account->id, g_task_get_cancellable (task),
                                          on_secrets_cleared, task);
      return;
    }
  form = form_encode ("client_id", so->account->client_id,
                      "client_secret", so->client_secret,
                      "token", so->token,
                      NULL);
  call.method = "POST";
  call.url = url;
  call.form_body = form;
  call.user_requested = TRUE;
  rn_mastodon_call_async (so->http, &call, g_task_get_cancellable (task), on_revoked, task);
}

static void
on_client_secret (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  GTask *task = data;
  SignOut *so = g_task_get_task_data (task);

  so->client_secret = rn_credentials_lookup_finish (RN_CREDENTIALS (source), result, NULL);
  revoke_token (task);
}

static void
on_sign_out_token (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  GTask *task = data;
  SignOut *so = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  so->token = rn_credentials_lookup_finish (RN_CREDENTIALS (source), result, &error);
  if (error != NULL && !g_error_matches (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  rn_credentials_lookup_async (so->credentials, so->account->id, RN_CREDENTIAL_CLIENT_SECRET,
                               g_task_get_cancellable (task), on_client_secret, task);
}

void
rn_mastodon_sign_out_async (RnStore             *store,
                            RnHttp              *http,
                            RnCredentials       *credentials,
                            gint64               account_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  SignOut *so;

  g_task_set_source_tag (task, rn_mastodon_sign_out_async);
  so = g_new0 (SignOut, 1);
  so->store = g_object_ref (store);
  so->http = g_object_ref (http);
  so->credentials = g_object_ref (credentials);
  g_task_set_task_data (task, so, (GDestroyNotify) sign_out_free);

  so->account = rn_account_store_get (store, account_id, &error);
  if (so->account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rn_credentials_lookup_async (credentials, account_id, RN_CREDENTIAL_ACCESS_TOKEN, cancellable,
                               on_sign_out_token, g_steal_pointer (&task));
}

gboolean
rn_mastodon_sign_out_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
