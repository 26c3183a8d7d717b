/* rn-feed-removal.c: a failing default source goes in one step. Removal
 * is kept pending while the toast shows (Undo is cheaper than a question
 * asked every time); the feed is deleted when the toast is dismissed or
 * destroyed without Undo. */
#define G_LOG_DOMAIN "rn-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "feeds/rn-feed-store.h"
#include "rn-feed-removal.h"

/* The overlay's list of removals whose toasts still show. */
#define PENDING_KEY "rn-pending-removals"

typedef struct
{
  GWeakRef  sidebar;
  GWeakRef  overlay;
  RnStore  *store;
  gint64    feed_id;
  gboolean  settled;    /* undone or removed */
} PendingRemoval;

static void
pending_commit (PendingRemoval *p)
{
  g_autoptr(RnSidebar) sidebar = g_weak_ref_get (&p->sidebar);
  g_autoptr(GError) error = NULL;

  if (p->settled)
    return;
  p->settled = TRUE;
  if (!rn_feed_store_remove_feed (p->store, p->feed_id, &error))
    g_warning ("Cannot remove feed %" G_GINT64_FORMAT ": %s", p->feed_id, error->message);
  if (sidebar != NULL)
    rn_sidebar_set_feed_hidden (sidebar, p->feed_id, FALSE);
}

static void
pending_free (gpointer data)
{
  PendingRemoval *p = data;
  g_autoptr(AdwToastOverlay) overlay = g_weak_ref_get (&p->overlay);

  /* The toast went with its window: what the user asked still happens. */
  pending_commit (p);
  if (overlay != NULL && g_object_get_data (G_OBJECT (overlay), PENDING_KEY) != NULL)
    g_ptr_array_remove (g_object_get_data (G_OBJECT (overlay), PENDING_KEY), p);
  g_weak_ref_clear (&p->overlay);
  g_weak_ref_clear (&p->sidebar);
  g_object_unref (p->store);
  g_free (p);
}

static void
on_undo_clicked (AdwToast       *toast,
                 PendingRemoval *p)
{
  g_autoptr(RnSidebar) sidebar = g_weak_ref_get (&p->sidebar);

  if (p->settled)
    return;
  p->settled = TRUE;
  if (sidebar != NULL)
    {
      rn_sidebar_set_feed_hidden (sidebar, p->feed_id, FALSE);
      rn_sidebar_select (sidebar, RN_SIDEBAR_FEED, p->feed_id);
    }
}

static void
on_dismissed (AdwToast       *toast,
              PendingRemoval *p)
{
  pending_commit (p);
}
/* The window closes while the toast shows: the toast may outlive it (its
 * overlay lets it go later, or never: not before the process exits), the
 * removal must not. */
void
rn_feed_removal_commit_all (AdwToastOverlay *overlay)
{
  GPtrArray *pending = g_object_get_data (G_OBJECT (overlay), PENDING_KEY);

  for (guint i = 0; pending != NULL && i < pending->len; i++)
    pending_commit (g_ptr_array_index (pending, i));
}

void
rn_feed_removal_start (RnSidebar       *sidebar,
                       RnStore         *store,
                       AdwToastOverlay *overlay,
                       gint64           feed_id)
{
  g_autoptr(RnFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  PendingRemoval *p;
  AdwToast *toast;

  g_return_if_fail (RN_IS_SIDEBAR (sidebar));
  g_return_if_fail (RN_IS_STORE (store));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  feed = rn_feed_store_get_feed (store, feed_id, &error);
  if (feed == NULL)
    {
      adw_toast_overlay_add_toast (overlay, adw_toast_new (error->message));
      return;
    }

  p = g_new0 (PendingRemoval, 1);
  g_weak_ref_init (&p->sidebar, sidebar);
  g_weak_ref_init (&p->overlay, overlay);
  p->store = g_object_ref (store);
  p->feed_id = feed_id;

  /* Translators: %s is the name of a source */
  title = g_strdup_printf (_("“%s” removed"), rn_feed_get_title (feed));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "rn-pending-removal", p, pending_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_clicked), p);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed), p);

  if (g_object_get_data (G_OBJECT (overlay), PENDING_KEY) == NULL)
    g_object_set_data_full (G_OBJECT (overlay), PENDING_KEY, g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_add (g_object_get_data (G_OBJECT (overlay), PENDING_KEY), p);

  rn_sidebar_set_feed_hidden (sidebar, feed_id, TRUE);
  adw_toast_overlay_add_toast (overlay, toast);
}

/* Replace Address… */

typedef struct
{
  RnStore            *store;
  AdwToastOverlay    *overlay;
  gint64              feed_id;
  GtkEditable        *entry;
  RnFeedReplacedFunc  done;
  gpointer            user_data;
} ReplaceData;

static void
replace_data_free (gpointer  data,
                   GClosure *closure)
{
  ReplaceData *d = data;

  g_object_unref (d->store);
  g_object_unref (d->overlay);
  g_free (d);
}

static gboolean
looks_like_web_address (const char *text)
{
  return g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://");
}

static void
on_entry_changed (GtkEditable  *entry,
                  AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "replace", looks_like_web_address (text));
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     ReplaceData      *d)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (d->entry)));
  g_autoptr(RnFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  RnFeedSpec spec = { 0 };
  gint64 new_id = 0;

  if (g_strcmp0 (response, "replace") != 0 || !looks_like_web_address (url))
    return;
  feed = rn_feed_store_get_feed (d->store, d->feed_id, &error);
  if (feed == NULL)
    {
      adw_toast_overlay_add_toast (d->overlay, adw_toast_new (error->message));
      return;
    }
  if (g_strcmp0 (url, rn_feed_get_url (feed)) == 0)
    return;
  spec.url = url;
  spec.kind = rn_feed_get_kind (feed);
  /* The name the user knows it by, unless it was only the old address. */
  if (g_strcmp0 (rn_feed_get_title (feed), rn_feed_get_url (feed)) != 0)
    spec.title = rn_feed_get_title (feed);
  spec.site_url = rn_feed_get_site_url (feed);
  spec.folder_id = rn_feed_get_folder_id (feed);
  if (!rn_feed_store_add_feed (d->store, &spec, &new_id, &error)
      || !rn_feed_store_remove_feed (d->store, d->feed_id, &error))
    {
      adw_toast_overlay_add_toast (d->overlay, adw_toast_new (error->message));
      return;
    }
  if (d->done != NULL)
    d->done (d->user_data, new_id);
}

void
rn_feed_replace_address_dialog (GtkWindow          *parent,
                                RnStore            *store,
                                AdwToastOverlay    *overlay,
                                gint64              feed_id,
                                RnFeedReplacedFunc  done,
                                gpointer            user_data)
{
  g_autoptr(RnFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog, *entry;
  ReplaceData *d;

  g_return_if_fail (RN_IS_STORE (store));

  feed = rn_feed_store_get_feed (store, feed_id, &error);
  if (feed == NULL)
    {
      adw_toast_overlay_add_toast (overlay, adw_toast_new (error->message));
      return;
    }
  dialog = adw_message_dialog_new (parent, _("Replace Address"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Enter the new address of “%s”. Items received from the old address are "
                                    "removed with it; saved items are kept."),
                                  rn_feed_get_title (feed));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), rn_feed_get_url (feed));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Address"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "replace");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  d = g_new0 (ReplaceData, 1);
  d->store = g_object_ref (store);
  d->overlay = g_object_ref (overlay);
  d->feed_id = feed_id;
  d->entry = GTK_EDITABLE (entry);
  d->done = done;
  d->user_data = user_data;
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_replace_response), d,
                         replace_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}
