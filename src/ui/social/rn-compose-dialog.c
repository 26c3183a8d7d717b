/* rn-compose-dialog.c: the counter counts as the server does (core's
 * rn_mastodon_count_characters: links as 23, mentions without their
 * domain, the content warning included; graphemes on Bluesky) against the
 * limit the server announces, so "Post" is enabled exactly when the
 * server would take the post. */
#define G_LOG_DOMAIN "rn-social"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/rn-account.h"
#include "bluesky/rn-bluesky-post.h"
#include "bluesky/rn-bluesky-source.h"
#include "mastodon/rn-mastodon-actions.h"
#include "rn-compose-dialog.h"
#include "rn-window.h"

struct _RnComposeDialog
{
  AdwWindow      parent_instance;

  RnContext     *context;
  GPtrArray     *accounts;      /* RnAccount */
  guint          limit;
  GCancellable  *cancellable;   /* limit look-up and posting */
  gboolean       posting;

  GtkDropDown   *account_dropdown;
  GtkEntry      *warning_entry;
  GtkTextView   *text_view;
  GtkDropDown   *visibility_dropdown;
  GtkDropDown   *language_dropdown;
  GtkLabel      *counter;
  GtkWidget     *post_button;
  GtkWidget     *no_account;
  GtkWidget     *form;
  AdwToastOverlay *overlay;
};

G_DEFINE_FINAL_TYPE (RnComposeDialog, rn_compose_dialog, ADW_TYPE_WINDOW)

static const char *const visibilities[] = { "public", "unlisted", "private", "direct" };
static const struct
{
  const char *code;
  const char *name;   /* the language's own name: not translated */
} languages[] = {
  { "en", "English" }, { "de", "Deutsch" }, { "es", "Español" }, { "fr", "Français" },
  { "it", "Italiano" }, { "nl", "Nederlands" }, { "pt", "Português" }, { "sv", "Svenska" },
  { "pl", "Polski" }, { "ja", "日本語" }, { "zh", "中文" },
};

static RnAccount *
current_account (RnComposeDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->account_dropdown);

  if (self->accounts == NULL || i >= self->accounts->len)
    return NULL;
  return g_ptr_array_index (self->accounts, i);
}

static gboolean
is_bluesky (RnAccount *account)
{
  return account != NULL && g_strcmp0 (account->kind, "bluesky") == 0;
}

static char *
dup_text (RnComposeDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

int
rn_compose_dialog_get_remaining (RnComposeDialog *self)
{
  g_autofree char *text = NULL;
  RnAccount *account;
  guint used;

  g_return_val_if_fail (RN_IS_COMPOSE_DIALOG (self), 0);
  text = dup_text (self);
  account = current_account (self);
  if (is_bluesky (account))
    used = rn_bluesky_count_graphemes (text);
  else
    used = rn_mastodon_count_characters (text)
           + rn_mastodon_count_characters (gtk_editable_get_text (GTK_EDITABLE (self->warning_entry)));
  return (int) self->limit - (int) used;
}

gboolean
rn_compose_dialog_can_post (RnComposeDialog *self)
{
  g_autofree char *text = dup_text (self);

  g_strstrip (text);
  return !self->posting && current_account (self) != NULL && *text != '\0'
         && rn_compose_dialog_get_remaining (self) >= 0;
}

static void
update_counter (RnComposeDialog *self)
{
  int remaining = rn_compose_dialog_get_remaining (self);
  g_autofree char *label = g_strdup_printf ("%d", remaining);
  g_autofree char *description = NULL;

  gtk_label_set_label (self->counter, label);
  /* Translators: what a screen reader says about the counter */
  description = g_strdup_printf (ngettext ("%d character left", "%d characters left", ABS (remaining)), remaining);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->counter), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->counter), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  if (remaining < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->counter), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter), "warning");
    }
  else if (remaining < 20)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->counter), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter), "error");
    }
  gtk_widget_set_sensitive (self->post_button, rn_compose_dialog_can_post (self));
}

static void
on_limit_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RnComposeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint limit = rn_mastodon_get_max_characters_finish (result, &error);

  if (limit == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Server limit unknown: %s", error != NULL ? error->message : "none");
      return;
    }
  self->limit = limit;
  update_counter (self);
}

static void
on_account_changed (RnComposeDialog *self)
{
  RnAccount *account = current_account (self);
  gboolean bluesky = is_bluesky (account);

  gtk_widget_set_visible (GTK_WIDGET (self->warning_entry), !bluesky);
  gtk_widget_set_visible (GTK_WIDGET (self->visibility_dropdown), !bluesky);
  self->limit = bluesky ? RN_BLUESKY_MAX_GRAPHEMES : RN_MASTODON_DEFAULT_MAX_CHARACTERS;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (account != NULL && !bluesky)
    rn_mastodon_get_max_characters_async (rn_context_get_http (self->context), account->server, self->cancellable,
                                          on_limit_cb, g_object_ref (self));
  update_counter (self);
}

static void
toast (RnComposeDialog *self,
       const char      *message)
{
  adw_toast_overlay_add_toast (self->overlay, adw_toast_new (message));
}

static void
posted (RnComposeDialog *self,
        char            *id,
        GError          *error)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  self->posting = FALSE;
  if (id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      update_counter (self);
      return;
    }
  if (RN_IS_WINDOW (parent))
    rn_window_add_toast (RN_WINDOW (parent), adw_toast_new (_("Posted")));
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_mastodon_posted (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RnComposeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = rn_mastodon_post_status_finish (result, &error);

  posted (self, id, error);
}

static void
on_bluesky_posted (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RnComposeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = rn_bluesky_post_finish (result, &error);

  posted (self, id, error);
}

static void
post_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RnComposeDialog *self = RN_COMPOSE_DIALOG (widget);
  RnAccount *account = current_account (self);
  g_autofree char *text = dup_text (self);
  guint lang = gtk_drop_down_get_selected (self->language_dropdown);
  const char *code = lang < G_N_ELEMENTS (languages) ? languages[lang].code : NULL;
  const char *warning = gtk_editable_get_text (GTK_EDITABLE (self->warning_entry));
  guint vis = gtk_drop_down_get_selected (self->visibility_dropdown);

  if (!rn_compose_dialog_can_post (self))
    return;
  self->posting = TRUE;
  gtk_widget_set_sensitive (self->post_button, FALSE);
  if (is_bluesky (account))
    rn_bluesky_post_async (rn_context_get_store (self->context), rn_context_get_http (self->context),
                           rn_context_get_credentials (self->context), account->id, text, code,
                           self->cancellable, on_bluesky_posted, g_object_ref (self));
  else
    rn_mastodon_post_status_async (rn_context_get_store (self->context), rn_context_get_http (self->context),
                                   rn_context_get_credentials (self->context), account->id, text,
                                   *warning != '\0' ? warning : NULL,
                                   vis < G_N_ELEMENTS (visibilities) ? visibilities[vis] : NULL, code, NULL,
                                   self->cancellable, on_mastodon_posted, g_object_ref (self));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  gtk_window_close (GTK_WINDOW (widget));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.accounts", NULL);
}

static void
rn_compose_dialog_dispose (GObject *object)
{
  RnComposeDialog *self = RN_COMPOSE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rn_compose_dialog_parent_class)->dispose (object);
}

static void
rn_compose_dialog_class_init (RnComposeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_compose_dialog_dispose;
  gtk_widget_class_install_action (widget_class, "compose.post", NULL, post_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "compose.post", NULL);
  gtk_widget_class_install_action (widget_class, "compose.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "compose.close", NULL);
  gtk_widget_class_install_action (widget_class, "compose.add-account", NULL, add_account_action);
}

static GtkWidget *
labelled_dropdown (const char * const *items,
                   const char         *label,
                   GtkDropDown       **out)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (items);

  gtk_widget_set_tooltip_text (dropdown, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  *out = GTK_DROP_DOWN (dropdown);
  return dropdown;
}

static void
rn_compose_dialog_init (RnComposeDialog *self)
{
  GtkWidget *box, *header, *cancel, *scroller, *bar, *stack, *status, *button;
  const char *vis_items[] = { _("Public"), _("Unlisted"), _("Followers Only"), _("Mentioned People Only"), NULL };
  const char *lang_items[G_N_ELEMENTS (languages) + 1] = { NULL };
  const char * const *locales = g_get_language_names ();
  guint lang = 0;

  self->limit = RN_MASTODON_DEFAULT_MAX_CHARACTERS;
  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("New Post"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 480);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "compose.close");
  self->post_button = gtk_button_new_with_mnemonic (_("_Post"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->post_button), "compose.post");
  gtk_widget_add_css_class (self->post_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->post_button, _("Post (Ctrl+Enter)"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->post_button);
  gtk_box_append (GTK_BOX (box), header);

  self->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->overlay), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->overlay));
  stack = gtk_stack_new ();
  adw_toast_overlay_set_child (self->overlay, stack);

  /* No account: say how to get one. */
  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Account"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), _("Sign in to Mastodon or Bluesky to post"));
  gtk_widget_add_css_class (status, "compact");
  button = gtk_button_new_with_mnemonic (_("_Add Account…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "compose.add-account");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
  self->no_account = status;
  gtk_stack_add_child (GTK_STACK (stack), status);

  self->form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->form, 12);
  gtk_widget_set_margin_bottom (self->form, 12);
  gtk_widget_set_margin_start (self->form, 12);
  gtk_widget_set_margin_end (self->form, 12);
  gtk_stack_add_child (GTK_STACK (stack), self->form);

  self->account_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->account_dropdown), _("Post as"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->account_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Post as"), -1);
  gtk_widget_set_halign (GTK_WIDGET (self->account_dropdown), GTK_ALIGN_START);
  g_signal_connect_swapped (self->account_dropdown, "notify::selected", G_CALLBACK (on_account_changed), self);
  gtk_box_append (GTK_BOX (self->form), GTK_WIDGET (self->account_dropdown));

  self->warning_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->warning_entry, _("Content warning (optional)"));
  gtk_entry_set_icon_from_icon_name (self->warning_entry, GTK_ENTRY_ICON_PRIMARY, "dialog-warning-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Content warning"), -1);
  g_signal_connect_swapped (self->warning_entry, "changed", G_CALLBACK (update_counter), self);
  gtk_box_append (GTK_BOX (self->form), GTK_WIDGET (self->warning_entry));

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_add_css_class (scroller, "card");
  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->text_view, 12);
  gtk_text_view_set_bottom_margin (self->text_view, 12);
  gtk_text_view_set_left_margin (self->text_view, 12);
  gtk_text_view_set_right_margin (self->text_view, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "note-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Post text"), -1);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (update_counter), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->text_view));
  gtk_box_append (GTK_BOX (self->form), scroller);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (bar), labelled_dropdown (vis_items, _("Visibility"), &self->visibility_dropdown));
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      lang_items[i] = languages[i].name;
      if (locales[0] != NULL && g_str_has_prefix (locales[0], languages[i].code))
        lang = i;
    }
  gtk_box_append (GTK_BOX (bar), labelled_dropdown (lang_items, _("Language"), &self->language_dropdown));
  gtk_drop_down_set_selected (self->language_dropdown, lang);
  self->counter = GTK_LABEL (gtk_label_new ("500"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->counter), TRUE);
  gtk_label_set_xalign (self->counter, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->counter), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->counter), "compose-counter");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->counter));
  gtk_box_append (GTK_BOX (self->form), bar);

  adw_window_set_content (ADW_WINDOW (self), box);
}

RnComposeDialog *
rn_compose_dialog_new (GtkWindow  *parent,
                       RnContext  *context,
                       const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  RnComposeDialog *self;

  g_return_val_if_fail (RN_IS_CONTEXT (context), NULL);

  self = g_object_new (RN_TYPE_COMPOSE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);
  self->accounts = rn_account_store_list (rn_context_get_store (context), &error);
  if (self->accounts == NULL)
    g_warning ("Cannot list accounts: %s", error->message);
  for (guint i = 0; self->accounts != NULL && i < self->accounts->len; i++)
    {
      g_autofree char *label = rn_account_dup_label (g_ptr_array_index (self->accounts, i));
      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->account_dropdown, G_LIST_MODEL (labels));
  gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_parent (self->form)),
                               self->accounts != NULL && self->accounts->len > 0 ? self->form : self->no_account);
  rn_compose_dialog_set_text (self, text);
  on_account_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  return self;
}

void
rn_compose_dialog_set_text (RnComposeDialog *self,
                            const char      *text)
{
  g_return_if_fail (RN_IS_COMPOSE_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "", -1);
}

void
rn_compose_dialog_set_content_warning (RnComposeDialog *self,
                                       const char      *warning)
{
  g_return_if_fail (RN_IS_COMPOSE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->warning_entry), warning != NULL ? warning : "");
}

guint
rn_compose_dialog_get_limit (RnComposeDialog *self)
{
  g_return_val_if_fail (RN_IS_COMPOSE_DIALOG (self), 0);
  return self->limit;
}

void
rn_compose_dialog_set_limit (RnComposeDialog *self,
                             guint            limit)
{
  g_return_if_fail (RN_IS_COMPOSE_DIALOG (self));
  /* The server's own answer must not replace it later. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->limit = limit;
  update_counter (self);
}

char *
rn_compose_text_for_item (RnItem *item)
{
  const char *title = rn_item_get_title (item);
  const char *doi = rn_item_get_doi (item);
  const char *link = rn_item_get_link (item);
  g_autoptr(GString) text = g_string_new (title != NULL ? title : "");

  if (doi != NULL && *doi != '\0')
    g_string_append_printf (text, "\n\nhttps://doi.org/%s", doi);
  else if (link != NULL && *link != '\0')
    g_string_append_printf (text, "\n\n%s", link);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
