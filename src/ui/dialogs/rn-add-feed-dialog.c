/* rn-add-feed-dialog.c: an address in, subscriptions out. The address is
 * looked at first (rn_discover_async): a feed is subscribed to at once, a
 * page that announces several feeds offers them to choose from. A new
 * feed is fetched right away. */
#define G_LOG_DOMAIN "rn-add-feed"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "feeds/rn-discover.h"
#include "feeds/rn-feed-store.h"
#include "rn-add-feed-dialog.h"

struct _RnAddFeedDialog
{
  AdwWindow     parent_instance;

  RnContext    *context;
  GCancellable *cancellable;
  GPtrArray    *candidates;     /* RnFeedCandidate, shown as rows */
  GPtrArray    *checks;         /* GtkCheckButton per candidate */

  GtkWidget    *add_button;
  AdwEntryRow  *url_row;
  GtkWidget    *busy_box;
  GtkSpinner   *spinner;
  GtkWidget    *candidates_group;
  GtkListBox   *candidates_list;
  GtkLabel     *error_label;
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
show_error (RnAddFeedDialog *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
}

static void
set_busy (RnAddFeedDialog *self,
          gboolean         busy)
{
  gtk_widget_set_visible (self->busy_box, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (self->add_button, !busy);
}

static void
clear_candidates (RnAddFeedDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->candidates_list))) != NULL)
    gtk_list_box_remove (self->candidates_list, child);
  g_ptr_array_set_size (self->candidates, 0);
  g_ptr_array_set_size (self->checks, 0);
  gtk_widget_set_visible (self->candidates_group, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->add_button), _("_Add"));
}

static void
on_url_changed_cb (RnAddFeedDialog *self)
{
  g_autofree char *url = rn_add_feed_dialog_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));

  g_cancellable_cancel (self->cancellable);
  clear_candidates (self);
  gtk_widget_set_sensitive (self->add_button, url != NULL);
  show_error (self, NULL);
}

/* Subscribes to @url; TRUE when done (or already followed). */
static gboolean
subscribe (RnAddFeedDialog *self,
           const char      *url,
           const char      *title)
{
  g_autoptr(GError) error = NULL;
  RnFeedSpec spec = { 0 };
  gint64 feed_id = 0;

  spec.url = url;
  spec.title = title;
  if (!rn_feed_store_add_feed (rn_context_get_store (self->context), &spec, &feed_id, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  /* Fetch it now rather than at the next scheduled look. */
  rn_refresher_refresh_async (rn_context_get_refresher (self->context), feed_id, 0, TRUE, NULL, NULL, NULL);
  return TRUE;
}

static void
add_candidate_row (RnAddFeedDialog *self,
                   RnFeedCandidate *candidate)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 candidate->title != NULL && *candidate->title != '\0'
                                 ? candidate->title : candidate->url);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), candidate->url);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), self->candidates->len == 0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (self->candidates_list, row);
  g_ptr_array_add (self->candidates, candidate);
  g_ptr_array_add (self->checks, check);
}

static void
on_discovered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RnAddFeedDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = rn_discover_finish (RN_HTTP (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  set_busy (self, FALSE);
  if (found == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (found->len == 1)
    {
      RnFeedCandidate *c = g_ptr_array_index (found, 0);

      if (subscribe (self, c->url, c->title))
        gtk_window_close (GTK_WINDOW (self));
      return;
    }
  clear_candidates (self);
  for (guint i = 0; i < found->len; i++)
    add_candidate_row (self, g_ptr_array_steal_index (found, i--));
  gtk_widget_set_visible (self->candidates_group, TRUE);
  gtk_button_set_label (GTK_BUTTON (self->add_button), _("_Subscribe"));
}

static void
on_add_clicked_cb (RnAddFeedDialog *self)
{
  g_autofree char *url = NULL;
  gboolean all_ok = TRUE;
  guint chosen = 0;

  /* Candidates on show: subscribe to the chosen ones. */
  if (self->candidates->len > 0)
    {
      for (guint i = 0; i < self->candidates->len; i++)
        {
          RnFeedCandidate *c = g_ptr_array_index (self->candidates, i);

          if (!gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
            continue;
          chosen++;
          all_ok &= subscribe (self, c->url, c->title);
        }
      if (chosen > 0 && all_ok)
        gtk_window_close (GTK_WINDOW (self));
      return;
    }

  url = rn_add_feed_dialog_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  if (url == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  show_error (self, NULL);
  set_busy (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  rn_discover_async (rn_context_get_http (self->context), url, self->cancellable,
                     on_discovered_cb, g_object_ref (self));
}

static void
rn_add_feed_dialog_dispose (GObject *object)
{
  RnAddFeedDialog *self = RN_ADD_FEED_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_ADD_FEED_DIALOG);
  g_clear_object (&self->context);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, RnAddFeedDialog, busy_box);
  gtk_widget_class_bind_template_child (widget_class, RnAddFeedDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RnAddFeedDialog, candidates_group);
  gtk_widget_class_bind_template_child (widget_class, RnAddFeedDialog, candidates_list);
  gtk_widget_class_bind_template_child (widget_class, RnAddFeedDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rn_add_feed_dialog_init (RnAddFeedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_feed_candidate_free);
  self->checks = g_ptr_array_new ();
}

GtkWindow *
rn_add_feed_dialog_new (GtkWindow *parent,
                        RnContext *context)
{
  RnAddFeedDialog *self;

  g_return_val_if_fail (RN_IS_CONTEXT (context), NULL);

  self = g_object_new (RN_TYPE_ADD_FEED_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  return GTK_WINDOW (self);
}

GtkEditable *
rn_add_feed_dialog_get_entry (RnAddFeedDialog *self)
{
  g_return_val_if_fail (RN_IS_ADD_FEED_DIALOG (self), NULL);
  return GTK_EDITABLE (self->url_row);
}

guint
rn_add_feed_dialog_get_n_candidates (RnAddFeedDialog *self)
{
  g_return_val_if_fail (RN_IS_ADD_FEED_DIALOG (self), 0);
  return self->candidates->len;
}

void
rn_add_feed_dialog_submit (RnAddFeedDialog *self)
{
  g_return_if_fail (RN_IS_ADD_FEED_DIALOG (self));
  on_add_clicked_cb (self);
}
