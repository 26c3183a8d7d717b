/* rn-add-feed-dialog.c: the address of a feed in, a subscription out.
 * Autodiscovery (a web page → its feeds) needs core/net; until it is
 * there, the address is subscribed to as given and fetched on the next
 * refresh. */
#define G_LOG_DOMAIN "rn-add-feed"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "feeds/rn-feed-store.h"
#include "rn-add-feed-dialog.h"

struct _RnAddFeedDialog
{
  AdwWindow    parent_instance;

  RnStore     *store;

  GtkWidget   *add_button;
  AdwEntryRow *url_row;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (RnAddFeedDialog, rn_add_feed_dialog, ADW_TYPE_WINDOW)

char *
rn_add_feed_dialog_normalize_url (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return NULL;
  /* "feed:" is what some pages link to; it means http(s). */
  if (g_str_has_prefix (trimmed, "feed://"))
    with_scheme = g_strconcat ("https://", trimmed + strlen ("feed://"), NULL);
  else if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if ((g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
      || host == NULL || *host == '\0'
      || (strchr (host, '.') == NULL && g_strcmp0 (host, "localhost") != 0))
    return NULL;
  return g_uri_to_string (uri);
}

static void
on_url_changed_cb (RnAddFeedDialog *self)
{
  g_autofree char *url = rn_add_feed_dialog_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));

  gtk_widget_set_sensitive (self->add_button, url != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
}

static void
on_add_clicked_cb (RnAddFeedDialog *self)
{
  g_autofree char *url = rn_add_feed_dialog_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  g_autoptr(GError) error = NULL;
  RnFeedSpec spec = { 0 };

  if (url == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  spec.url = url;
  if (!rn_feed_store_add_feed (self->store, &spec, NULL, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
rn_add_feed_dialog_dispose (GObject *object)
{
  RnAddFeedDialog *self = RN_ADD_FEED_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_ADD_FEED_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rn_add_feed_dialog_parent_class)->dispose (object);
}

static void
rn_add_feed_dialog_class_init (RnAddFeedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_add_feed_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-add-feed-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RnAddFeedDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, RnAddFeedDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, RnAddFeedDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rn_add_feed_dialog_init (RnAddFeedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
rn_add_feed_dialog_new (GtkWindow *parent,
                        RnStore   *store)
{
  RnAddFeedDialog *self;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);

  self = g_object_new (RN_TYPE_ADD_FEED_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return GTK_WINDOW (self);
}
