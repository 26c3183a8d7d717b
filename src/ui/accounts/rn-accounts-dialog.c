/* rn-accounts-dialog.c: an AdwPreferencesWindow whose forms are subpages.
 * Every sign-in step is asynchronous and cancellable; errors (a wrong
 * password, a server that is not Mastodon, no keyring) are shown inline
 * under the form they belong to, in core's words. Secrets pass through
 * here only on their way to core: the password entry is emptied as soon
 * as the sign-in starts. */
#define G_LOG_DOMAIN "rn-accounts"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "accounts/rn-account.h"
#include "bluesky/rn-bluesky-session.h"
#include "bluesky/rn-bluesky-source.h"
#include "mastodon/rn-mastodon-auth.h"
#include "mastodon/rn-mastodon-source.h"
#include "rn-accounts-dialog.h"

struct _RnAccountsDialog
{
  AdwPreferencesWindow  parent_instance;

  RnContext            *context;
  RnStore              *store;
  GCancellable         *cancellable;
  RnMastodonSignIn     *sign_in;
  gboolean              busy;
  char                 *error;
  guint                 n_accounts;

  AdwPreferencesGroup  *accounts_group;
  GPtrArray            *account_rows;

  /* Mastodon form */
  GtkWidget            *mastodon_page;
  AdwEntryRow          *server_row;
  GtkWidget            *mastodon_button;
  GtkWidget            *waiting_box;
  GtkWidget            *code_group;
  AdwEntryRow          *code_row;
  GtkLabel             *mastodon_error;

  /* Bluesky form */
  GtkWidget            *bluesky_page;
  AdwEntryRow          *handle_row;
  AdwPasswordEntryRow  *password_row;
  AdwEntryRow          *pds_row;
  GtkWidget            *bluesky_button;
  GtkLabel             *bluesky_error;

  /* Hashtag form */
  GtkWidget            *hashtag_page;
  AdwEntryRow          *tag_row;
  AdwEntryRow          *tag_server_row;
  GtkLabel             *hashtag_error;
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SOURCES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RnAccountsDialog, rn_accounts_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static void reload_accounts (RnAccountsDialog *self);

static void
set_busy (RnAccountsDialog *self,
          gboolean          busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_set_sensitive (self->mastodon_button, !busy);
  gtk_widget_set_sensitive (self->bluesky_button, !busy);
  gtk_widget_set_visible (self->waiting_box, busy && self->sign_in != NULL
                                             && rn_mastodon_sign_in_get_redirect_uri (self->sign_in) != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (RnAccountsDialog *self,
            GtkLabel         *label,
            const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  if (label == NULL)
    return;
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
toast (RnAccountsDialog *self,
       const char       *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* A signed-in account brings its timelines as sources. */
static void
add_account_sources (RnAccountsDialog *self,
                     RnAccount        *account)
{
  static const char *const mastodon_kinds[] = { "mastodon-home", "mastodon-bookmarks", "mastodon-favourites" };
  g_autoptr(GError) error = NULL;
  gint64 feed_id = 0;

  if (g_strcmp0 (account->kind, "bluesky") == 0)
    {
      if (rn_bluesky_add_timeline_source (self->store, account, &feed_id, &error))
        g_signal_emit (self, signals[SOURCES_CHANGED], 0, feed_id);
      else
        g_warning ("Cannot add the Bluesky timeline: %s", error->message);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (mastodon_kinds); i++)
    {
      g_clear_error (&error);
      if (rn_mastodon_add_timeline_source (self->store, account, mastodon_kinds[i], NULL, &feed_id, &error))
        g_signal_emit (self, signals[SOURCES_CHANGED], 0, feed_id);
      else
        g_warning ("Cannot add %s: %s", mastodon_kinds[i], error->message);
    }
}

static void
signed_in (RnAccountsDialog *self,
           RnAccount        *account)
{
  g_autofree char *label = rn_account_dup_label (account);
  g_autofree char *message = g_strdup_printf (_("Signed in as %s"), label);

  add_account_sources (self, account);
  reload_accounts (self);
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  toast (self, message);
}

/* Mastodon */

static void
on_mastodon_completed (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(RnAccountsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnAccount) account = rn_mastodon_sign_in_complete_finish (RN_MASTODON_SIGN_IN (source), result, &error);

  if (RN_MASTODON_SIGN_IN (source) != self->sign_in)
    return;
  set_busy (self, FALSE);
  if (account == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, self->mastodon_error, error->message);
      return;
    }
  g_clear_object (&self->sign_in);
  gtk_widget_set_visible (self->code_group, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  signed_in (self, account);
}

static void
on_mastodon_begun (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RnAccountsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = rn_mastodon_sign_in_begin_finish (RN_MASTODON_SIGN_IN (source), result, &error);
  gboolean paste;

  if (RN_MASTODON_SIGN_IN (source) != self->sign_in)
    return;
  if (url == NULL)
    {
      set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, self->mastodon_error, error->message);
      return;
    }
  paste = rn_mastodon_sign_in_get_redirect_uri (self->sign_in) == NULL;
  /* Tests set this so that no browser opens. */
  if (g_getenv ("RADNET_NO_BROWSER") == NULL)
    gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
  else
    g_debug ("Would open %s", url);
  if (paste)
    {
      set_busy (self, FALSE);
      gtk_widget_set_visible (self->code_group, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
      return;
    }
  gtk_widget_set_visible (self->waiting_box, TRUE);
  rn_mastodon_sign_in_complete_async (self->sign_in, NULL, self->cancellable, on_mastodon_completed,
                                      g_object_ref (self));
}

static void
restart_cancellable (RnAccountsDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

void
rn_accounts_dialog_sign_in_mastodon (RnAccountsDialog *self,
                                     const char       *server,
                                     gboolean          paste)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = g_strstrip (g_strdup (server != NULL ? server : ""));

  g_return_if_fail (RN_IS_ACCOUNTS_DIALOG (self));

  restart_cancellable (self);
  g_clear_object (&self->sign_in);
  show_error (self, self->mastodon_error, NULL);
  gtk_widget_set_visible (self->code_group, FALSE);
  if (*host == '\0')
    {
      show_error (self, self->mastodon_error, _("Enter the address of your server, such as mastodon.social"));
      return;
    }
  self->sign_in = rn_mastodon_sign_in_new (self->store, rn_context_get_http (self->context),
                                           rn_context_get_credentials (self->context), host, paste, &error);
  if (self->sign_in == NULL)
    {
      show_error (self, self->mastodon_error, error->message);
      return;
    }
  set_busy (self, TRUE);
  rn_mastodon_sign_in_begin_async (self->sign_in, self->cancellable, on_mastodon_begun, g_object_ref (self));
}

void
rn_accounts_dialog_submit_code (RnAccountsDialog *self,
                                const char       *code)
{
  g_autofree char *text = g_strstrip (g_strdup (code != NULL ? code : ""));

  g_return_if_fail (RN_IS_ACCOUNTS_DIALOG (self));
  if (self->sign_in == NULL || *text == '\0')
    return;
  show_error (self, self->mastodon_error, NULL);
  set_busy (self, TRUE);
  rn_mastodon_sign_in_complete_async (self->sign_in, text, self->cancellable, on_mastodon_completed,
                                      g_object_ref (self));
}

static void
on_mastodon_clicked (RnAccountsDialog *self)
{
  rn_accounts_dialog_sign_in_mastodon (self, gtk_editable_get_text (GTK_EDITABLE (self->server_row)), FALSE);
}

static void
on_paste_clicked (RnAccountsDialog *self)
{
  rn_accounts_dialog_sign_in_mastodon (self, gtk_editable_get_text (GTK_EDITABLE (self->server_row)), TRUE);
}

static void
on_code_apply (RnAccountsDialog *self)
{
  rn_accounts_dialog_submit_code (self, gtk_editable_get_text (GTK_EDITABLE (self->code_row)));
}

static void
on_cancel_waiting (RnAccountsDialog *self)
{
  restart_cancellable (self);
  g_clear_object (&self->sign_in);
  set_busy (self, FALSE);
  gtk_widget_set_visible (self->waiting_box, FALSE);
}

/* Bluesky */

static void
on_bluesky_signed_in (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(RnAccountsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnAccount) account = rn_bluesky_sign_in_finish (result, &error);

  set_busy (self, FALSE);
  if (account == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, self->bluesky_error, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->handle_row), "");
  signed_in (self, account);
}

void
rn_accounts_dialog_sign_in_bluesky (RnAccountsDialog *self,
                                    const char       *handle,
                                    const char       *app_password,
                                    const char       *pds)
{
  g_autofree char *h = g_strstrip (g_strdup (handle != NULL ? handle : ""));
  g_autofree char *p = g_strstrip (g_strdup (pds != NULL ? pds : ""));

  g_return_if_fail (RN_IS_ACCOUNTS_DIALOG (self));

  show_error (self, self->bluesky_error, NULL);
  if (*h == '\0' || app_password == NULL || *app_password == '\0')
    {
      show_error (self, self->bluesky_error, _("Enter your handle and an app password"));
      return;
    }
  restart_cancellable (self);
  set_busy (self, TRUE);
  rn_bluesky_sign_in_async (self->store, rn_context_get_http (self->context),
                            rn_context_get_credentials (self->context), h, app_password,
                            *p != '\0' ? p : NULL, self->cancellable, on_bluesky_signed_in, g_object_ref (self));
}

static void
on_bluesky_clicked (RnAccountsDialog *self)
{
  /* The password leaves the entry as soon as it is handed over. */
  g_autofree char *password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  rn_accounts_dialog_sign_in_bluesky (self, gtk_editable_get_text (GTK_EDITABLE (self->handle_row)), password,
                                      gtk_editable_get_text (GTK_EDITABLE (self->pds_row)));
  if (password != NULL)
    memset (password, 0, strlen (password));
}

/* Hashtags */

gboolean
rn_accounts_dialog_follow_hashtag (RnAccountsDialog *self,
                                   const char       *tag,
                                   const char       *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t = g_strstrip (g_strdup (tag != NULL ? tag : ""));
  g_autofree char *s = g_strstrip (g_strdup (server != NULL ? server : ""));
  g_autofree char *message = NULL;
  gint64 feed_id = 0;

  g_return_val_if_fail (RN_IS_ACCOUNTS_DIALOG (self), FALSE);

  show_error (self, self->hashtag_error, NULL);
  if (!rn_mastodon_add_hashtag_source (self->store, *s != '\0' ? s : NULL, t, 0, &feed_id, &error))
    {
      show_error (self, self->hashtag_error, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[SOURCES_CHANGED], 0, feed_id);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_row), "");
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  /* Translators: %s is a hashtag without "#" */
  message = g_strdup_printf (_("Following #%s"), *t == '#' ? t + 1 : t);
  toast (self, message);
  return TRUE;
}

static void
on_follow_clicked (RnAccountsDialog *self)
{
  rn_accounts_dialog_follow_hashtag (self, gtk_editable_get_text (GTK_EDITABLE (self->tag_row)),
                                     gtk_editable_get_text (GTK_EDITABLE (self->tag_server_row)));
}

/* The list */

typedef struct
{
  RnAccountsDialog *self;
  char             *label;
  gboolean          bluesky;
} SignOut;

static void
on_signed_out (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SignOut *s = user_data;
  g_autoptr(GError) error = NULL;
  if (s->bluesky)
    rn_bluesky_sign_out_finish (result, &error);
  else
    rn_mastodon_sign_out_finish (result, &error);
  reload_accounts (s->self);
  g_signal_emit (s->self, signals[SOURCES_CHANGED], 0, (gint64) 0);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (s->self, error->message);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Signed out of %s"), s->label);
      toast (s->self, message);
    }
  g_object_unref (s->self);
  g_free (s->label);
  g_free (s);
}

void
rn_accounts_dialog_remove_account (RnAccountsDialog *self,
                                   gint64            account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnAccount) account = rn_account_store_get (self->store, account_id, &error);
  SignOut *s;

  g_return_if_fail (RN_IS_ACCOUNTS_DIALOG (self));
  if (account == NULL)
    {
      toast (self, error->message);
      return;
    }
  s = g_new0 (SignOut, 1);
  s->self = g_object_ref (self);
  s->label = rn_account_dup_label (account);
  s->bluesky = g_strcmp0 (account->kind, "bluesky") == 0;
  if (s->bluesky)
    rn_bluesky_sign_out_async (self->store, rn_context_get_http (self->context),
                               rn_context_get_credentials (self->context), account_id, NULL, on_signed_out, s);
  else
    rn_mastodon_sign_out_async (self->store, rn_context_get_http (self->context),
                                rn_context_get_credentials (self->context), account_id, NULL, on_signed_out, s);
}

static void
on_remove_clicked (GtkButton        *button,
                   RnAccountsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "rn-account-id"));

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  rn_accounts_dialog_remove_account (self, id);
}

static void
reload_accounts (RnAccountsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = rn_account_store_list (self->store, &error);

  for (guint i = 0; i < self->account_rows->len; i++)
    adw_preferences_group_remove (self->accounts_group, g_ptr_array_index (self->account_rows, i));
  g_ptr_array_set_size (self->account_rows, 0);
  self->n_accounts = accounts != NULL ? accounts->len : 0;

  if (accounts == NULL || accounts->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No Accounts"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   error != NULL ? error->message : _("Sign in below to follow your timelines"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->accounts_group, row);
      g_ptr_array_add (self->account_rows, row);
      return;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      RnAccount *a = g_ptr_array_index (accounts, i);
      g_autofree char *label = rn_account_dup_label (a);
      g_autofree char *subtitle = NULL;
      g_autofree char *tip = NULL;
      const char *service = g_strcmp0 (a->kind, "bluesky") == 0 ? _("Bluesky") : _("Mastodon");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *avatar, *button;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     a->display_name != NULL && *a->display_name != '\0' ? a->display_name : label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (g_strcmp0 (a->state, RN_ACCOUNT_STATE_EXPIRED) == 0)
        /* Translators: "@me@example.social · Mastodon · Sign in again" */
        subtitle = g_strdup_printf (_("%s · %s · Sign in again"), label, service);
      else
        subtitle = g_strdup_printf ("%s · %s", label, service);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      avatar = adw_avatar_new (32, a->display_name != NULL ? a->display_name : a->username, TRUE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      tip = g_strdup_printf (_("Sign Out of %s"), label);
      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      g_object_set_data (G_OBJECT (button), "rn-account-id", GSIZE_TO_POINTER ((gsize) a->id));
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->accounts_group, row);
      g_ptr_array_add (self->account_rows, row);
    }
}

/* Building */

static void
close_subpage (RnAccountsDialog *self)
{
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
}

static GtkWidget *
subpage_new (RnAccountsDialog *self,
             const char       *title,
             GtkWidget       **out_page)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (close_subpage), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (box), header);
  *out_page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (*out_page, TRUE);
  gtk_box_append (GTK_BOX (box), *out_page);
  return box;
}

static GtkWidget *
group_new (GtkWidget  *page,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static GtkWidget *
pill_button (const char *label,
             gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 12);
  return button;
}

static GtkLabel *
error_label (GtkWidget *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_visible (label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Error"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  return GTK_LABEL (label);
}

static void
build_mastodon_page (RnAccountsDialog *self)
{
  GtkWidget *page, *group, *button, *spinner, *label, *cancel;

  self->mastodon_page = subpage_new (self, _("Add Mastodon Account"), &page);
  group = group_new (page, NULL, _("RadNet opens your server’s sign-in page in your browser. When you allow "
                                   "access there, you come back here signed in."));
  self->server_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->server_row), _("Server, such as mastodon.social"));
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), "");
  adw_entry_row_set_input_purpose (self->server_row, GTK_INPUT_PURPOSE_URL);
  adw_entry_row_set_activates_default (self->server_row, TRUE);
  g_signal_connect_swapped (self->server_row, "entry-activated", G_CALLBACK (on_mastodon_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->server_row));
  self->mastodon_error = error_label (group);

  group = group_new (page, NULL, NULL);
  self->mastodon_button = pill_button (_("_Sign In with Browser"), TRUE);
  g_signal_connect_swapped (self->mastodon_button, "clicked", G_CALLBACK (on_mastodon_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->mastodon_button);

  self->waiting_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (self->waiting_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->waiting_box, 12);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  label = gtk_label_new (_("Waiting for the browser…"));
  gtk_widget_add_css_class (label, "dim-label");
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_waiting), self);
  gtk_box_append (GTK_BOX (self->waiting_box), spinner);
  gtk_box_append (GTK_BOX (self->waiting_box), label);
  gtk_box_append (GTK_BOX (self->waiting_box), cancel);
  gtk_widget_set_visible (self->waiting_box, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->waiting_box);

  button = gtk_button_new_with_mnemonic (_("_Paste the Code Instead"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_tooltip_text (button, _("For browsers on another device: the server shows a code to copy here"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_paste_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);

  self->code_group = group_new (page, _("Authorization Code"), _("Copy the code your server shows after you allow access"));
  self->code_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->code_row), _("Code"));
  adw_entry_row_set_show_apply_button (self->code_row, TRUE);
  g_signal_connect_swapped (self->code_row, "apply", G_CALLBACK (on_code_apply), self);
  g_signal_connect_swapped (self->code_row, "entry-activated", G_CALLBACK (on_code_apply), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->code_group), GTK_WIDGET (self->code_row));
  gtk_widget_set_visible (self->code_group, FALSE);
}

static void
build_bluesky_page (RnAccountsDialog *self)
{
  GtkWidget *page, *group;

  self->bluesky_page = subpage_new (self, _("Add Bluesky Account"), &page);
  group = group_new (page, NULL, _("Use an app password, not your main password: create one in Bluesky under "
                                   "Settings → Privacy and Security → App Passwords."));
  self->handle_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->handle_row), _("Handle, such as name.bsky.social"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->handle_row));
  self->password_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("App Password"));
  g_signal_connect_swapped (self->password_row, "entry-activated", G_CALLBACK (on_bluesky_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->password_row));
  self->pds_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pds_row), _("Server (optional, for your own PDS)"));
  adw_entry_row_set_input_purpose (self->pds_row, GTK_INPUT_PURPOSE_URL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->pds_row));
  self->bluesky_error = error_label (group);

  group = group_new (page, NULL, NULL);
  self->bluesky_button = pill_button (_("_Sign In"), TRUE);
  g_signal_connect_swapped (self->bluesky_button, "clicked", G_CALLBACK (on_bluesky_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->bluesky_button);
}

static void
build_hashtag_page (RnAccountsDialog *self)
{
  GtkWidget *page, *group, *button;

  self->hashtag_page = subpage_new (self, _("Follow a Hashtag"), &page);
  group = group_new (page, NULL, _("Public posts with the hashtag on a Mastodon server; no account is needed."));
  self->tag_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tag_row), _("Hashtag, such as #radiology"));
  g_signal_connect_swapped (self->tag_row, "entry-activated", G_CALLBACK (on_follow_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->tag_row));
  self->tag_server_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tag_server_row), _("Server"));
  gtk_editable_set_text (GTK_EDITABLE (self->tag_server_row), "mastodon.social");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->tag_server_row));
  self->hashtag_error = error_label (group);

  group = group_new (page, NULL, NULL);
  button = pill_button (_("_Follow"), TRUE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_follow_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
}

static void
present_subpage (RnAccountsDialog *self,
                 GtkWidget        *subpage)
{
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), subpage);
}

static void
on_add_mastodon (RnAccountsDialog *self)
{
  present_subpage (self, self->mastodon_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
}

static void
on_add_bluesky (RnAccountsDialog *self)
{
  present_subpage (self, self->bluesky_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->handle_row));
}

static void
on_add_hashtag (RnAccountsDialog *self)
{
  present_subpage (self, self->hashtag_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_row));
}

static GtkWidget *
nav_row (const char *title,
         const char *subtitle,
         const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
rn_accounts_dialog_dispose (GObject *object)
{
  RnAccountsDialog *self = RN_ACCOUNTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->mastodon_page);
  g_clear_object (&self->bluesky_page);
  g_clear_object (&self->hashtag_page);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);
  G_OBJECT_CLASS (rn_accounts_dialog_parent_class)->dispose (object);
}

static void
rn_accounts_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, RN_ACCOUNTS_DIALOG (object)->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_accounts_dialog_class_init (RnAccountsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rn_accounts_dialog_dispose;
  object_class->get_property = rn_accounts_dialog_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SOURCES_CHANGED] =
    g_signal_new ("sources-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
rn_accounts_dialog_init (RnAccountsDialog *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group, *row;

  self->cancellable = g_cancellable_new ();
  self->account_rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Accounts"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 620);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Accounts"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "system-users-symbolic");
  self->accounts_group = ADW_PREFERENCES_GROUP (group_new (page, _("Signed In"),
                                                           _("Timelines of these accounts are sources; bookmarks and "
                                                             "favourites you set here reach the server")));
  group = group_new (page, _("Add an Account"), NULL);
  row = nav_row (_("_Mastodon"), _("Sign in through your server’s web page"), "chat-message-new-symbolic");
  g_signal_connect_swapped (row, "activated", G_CALLBACK (on_add_mastodon), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = nav_row (_("_Bluesky"), _("Sign in with an app password"), "chat-message-new-symbolic");
  g_signal_connect_swapped (row, "activated", G_CALLBACK (on_add_bluesky), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  group = group_new (page, _("Without an Account"), NULL);
  row = nav_row (_("Follow a _Hashtag…"), _("Public posts of a hashtag on a Mastodon server"), "edit-find-symbolic");
  g_signal_connect_swapped (row, "activated", G_CALLBACK (on_add_hashtag), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));

  build_mastodon_page (self);
  build_bluesky_page (self);
  build_hashtag_page (self);
  /* The forms live as long as the dialog, shown or not. */
  g_object_ref_sink (self->mastodon_page);
  g_object_ref_sink (self->bluesky_page);
  g_object_ref_sink (self->hashtag_page);
}

RnAccountsDialog *
rn_accounts_dialog_new (GtkWindow *parent,
                        RnContext *context)
{
  RnAccountsDialog *self;

  g_return_val_if_fail (RN_IS_CONTEXT (context), NULL);

  self = g_object_new (RN_TYPE_ACCOUNTS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);
  self->store = g_object_ref (rn_context_get_store (context));
  reload_accounts (self);
  return self;
}

void
rn_accounts_dialog_show_hashtag_form (RnAccountsDialog *self)
{
  g_return_if_fail (RN_IS_ACCOUNTS_DIALOG (self));
  on_add_hashtag (self);
}

void
rn_accounts_dialog_show_bluesky_form (RnAccountsDialog *self)
{
  g_return_if_fail (RN_IS_ACCOUNTS_DIALOG (self));
  on_add_bluesky (self);
}

guint
rn_accounts_dialog_get_n_accounts (RnAccountsDialog *self)
{
  g_return_val_if_fail (RN_IS_ACCOUNTS_DIALOG (self), 0);
  return self->n_accounts;
}

gboolean
rn_accounts_dialog_get_busy (RnAccountsDialog *self)
{
  g_return_val_if_fail (RN_IS_ACCOUNTS_DIALOG (self), FALSE);
  return self->busy;
}

const char *
rn_accounts_dialog_get_error (RnAccountsDialog *self)
{
  g_return_val_if_fail (RN_IS_ACCOUNTS_DIALOG (self), NULL);
  return self->error;
}
