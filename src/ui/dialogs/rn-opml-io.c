/* rn-opml-io.c: GtkFileChooserNative (GtkFileDialog is GTK 4.10) around
 * rn_opml_import() and rn_opml_export(). */
#define G_LOG_DOMAIN "rn-opml-io"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "feeds/rn-default-sources.h"
#include "feeds/rn-opml.h"
#include "rn-opml-io.h"

#define MAX_OPML_SIZE (16 * 1024 * 1024)

typedef struct
{
  RnStore         *store;
  AdwToastOverlay *toasts;   /* weak */
} IoData;

static void
io_data_free (IoData *d)
{
  g_clear_object (&d->store);
  g_clear_weak_pointer (&d->toasts);
  g_free (d);
}

static IoData *
io_data_new (RnStore         *store,
             AdwToastOverlay *toasts)
{
  IoData *d = g_new0 (IoData, 1);

  d->store = g_object_ref (store);
  g_set_weak_pointer (&d->toasts, toasts);
  return d;
}

static void
toast (AdwToastOverlay *toasts,
       const char      *message)
{
  AdwToast *t;

  if (toasts == NULL)
    return;
  t = adw_toast_new (message);
  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (toasts, t);
}

gboolean
rn_opml_io_import_bytes (RnStore         *store,
                         GBytes          *data,
                         AdwToastOverlay *toasts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RnOpmlImportStats stats = { 0 };

  if (!rn_opml_import (store, data, &stats, &error))
    {
      /* The core's message names the line of a malformed document. */
      message = g_strdup_printf (_("Could not import: %s"), error->message);
      toast (toasts, message);
      return FALSE;
    }
  if (stats.added == 0)
    message = g_strdup (_("No new feeds: you follow all of them already"));
  else
    message = g_strdup_printf (ngettext ("Added %u feed", "Added %u feeds", stats.added), stats.added);
  toast (toasts, message);
  return TRUE;
}

gboolean
rn_opml_io_import_default (RnStore         *store,
                           AdwToastOverlay *toasts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RnOpmlImportStats stats = { 0 };

  if (!rn_default_sources_import (store, &stats, &error))
    {
      message = g_strdup_printf (_("Could not add the sources: %s"), error->message);
      toast (toasts, message);
      return FALSE;
    }
  message = g_strdup_printf (ngettext ("Added %u feed", "Added %u feeds", stats.added), stats.added);
  toast (toasts, message);
  return TRUE;
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  IoData *d = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the file: %s"), error->message);
      toast (d->toasts, message);
    }
  else if (length > MAX_OPML_SIZE)
    toast (d->toasts, _("The file is too large to be a list of subscriptions"));
  else
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      rn_opml_io_import_bytes (d->store, bytes, d->toasts);
    }
  io_data_free (d);
}

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       IoData          *d)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    g_file_load_contents_async (file, NULL, on_loaded_cb, d);
  else
    io_data_free (d);
  g_object_unref (chooser);
}

static GtkFileFilter *
opml_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("OPML Files"));
  gtk_file_filter_add_pattern (filter, "*.opml");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_mime_type (filter, "text/x-opml+xml");
  return filter;
}

void
rn_opml_io_import (GtkWindow       *parent,
                   RnStore         *store,
                   AdwToastOverlay *toasts)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = opml_filter ();

  g_return_if_fail (RN_IS_STORE (store));

  chooser = gtk_file_chooser_native_new (_("Import Subscriptions"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response_cb), io_data_new (store, toasts));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  IoData *d = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);
      toast (d->toasts, message);
    }
  else
    toast (d->toasts, _("Subscriptions exported"));
  io_data_free (d);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       IoData          *d)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *xml;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    {
      io_data_free (d);
      return;
    }
  xml = rn_opml_export (d->store, &error);
  if (xml == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);
      toast (d->toasts, message);
      io_data_free (d);
      return;
    }
  bytes = g_bytes_new_take (xml, strlen (xml));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_saved_cb, d);
}

void
rn_opml_io_export (GtkWindow       *parent,
                   RnStore         *store,
                   AdwToastOverlay *toasts)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = opml_filter ();

  g_return_if_fail (RN_IS_STORE (store));

  chooser = gtk_file_chooser_native_new (_("Export Subscriptions"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "radnet-subscriptions.opml");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), io_data_new (store, toasts));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
