/* rn-reading-export.c: file choosers and toasts around the exporters of
 * core/reading. The text is made by core; this file only picks what goes
 * out and where. */
#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reading/rn-zotero.h"
#include "rn-reading-export.h"

static const struct
{
  RnExportFormat  format;
  const char     *id;
  const char     *extension;
} formats[] = {
  { RN_EXPORT_FORMAT_BIBTEX,   "bibtex",   ".bib" },
  { RN_EXPORT_FORMAT_RIS,      "ris",      ".ris" },
  { RN_EXPORT_FORMAT_CSL_JSON, "csl-json", ".json" },
  { RN_EXPORT_FORMAT_MARKDOWN, "markdown", ".md" },
  { RN_EXPORT_FORMAT_HTML,     "html",     ".html" },
};

GPtrArray *
rn_reading_export_collect (RnReadingList  *list,
                           GtkBitset      *selected,
                           GError        **error)
{
  g_autoptr(GPtrArray) all = rn_export_selection_collect (list, error);
  GPtrArray *out;

  if (all == NULL || selected == NULL)
    return g_steal_pointer (&all);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_export_entry_free);
  for (guint i = 0; i < all->len; i++)
    if (gtk_bitset_contains (selected, i))
      g_ptr_array_add (out, g_steal_pointer (&all->pdata[i]));
  return out;
}

char *
rn_reading_export_text (RnReadingList   *list,
                        GtkBitset       *selected,
                        RnExportFormat   format,
                        GError         **error)
{
  g_autoptr(GPtrArray) entries = rn_reading_export_collect (list, selected, error);

  if (entries == NULL)
    return NULL;
  switch (format)
    {
    case RN_EXPORT_FORMAT_BIBTEX:   return rn_export_bibtex (entries);
    case RN_EXPORT_FORMAT_RIS:      return rn_export_ris (entries);
    case RN_EXPORT_FORMAT_CSL_JSON: return rn_export_csl_json (entries);
    case RN_EXPORT_FORMAT_MARKDOWN: return rn_export_digest_markdown (entries, _("Reading List"));
    case RN_EXPORT_FORMAT_HTML:     return rn_export_digest_html (entries, _("Reading List"));
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Unknown export format"));
      return NULL;
    }
}

gboolean
rn_reading_export_to_file (RnReadingList   *list,
                           GtkBitset       *selected,
                           RnExportFormat   format,
                           GFile           *file,
                           GError         **error)
{
  g_autofree char *text = rn_reading_export_text (list, selected, format, error);

  if (text == NULL)
    return FALSE;
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

gboolean
rn_reading_export_format_for_name (const char     *name,
                                   RnExportFormat *out_format)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      {
        *out_format = formats[i].format;
        return TRUE;
      }
  if (g_str_has_suffix (lower, ".htm") || g_str_has_suffix (lower, ".markdown"))
    {
      *out_format = g_str_has_suffix (lower, ".htm") ? RN_EXPORT_FORMAT_HTML : RN_EXPORT_FORMAT_MARKDOWN;
      return TRUE;
    }
  return FALSE;
}

/* Export… */

typedef struct
{
  RnReadingList   *list;
  GtkBitset       *selected;
  AdwToastOverlay *overlay;
} ExportData;

static void
export_data_free (ExportData *d)
{
  g_object_unref (d->list);
  g_clear_pointer (&d->selected, gtk_bitset_unref);
  g_object_unref (d->overlay);
  g_free (d);
}

static void
toast (AdwToastOverlay *overlay,
       const char      *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (overlay, t);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    ExportData      *d)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  RnExportFormat format = RN_EXPORT_FORMAT_BIBTEX;
  const char *choice;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      name = g_file_get_basename (file);
      /* The name's extension wins over the choice: it is what the user
       * typed last. */
      if (!rn_reading_export_format_for_name (name, &format))
        {
          choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
          if (choice == NULL || !rn_export_format_from_string (choice, &format))
            format = RN_EXPORT_FORMAT_BIBTEX;
        }
      if (rn_reading_export_to_file (d->list, d->selected, format, file, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);
          toast (d->overlay, message);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);
          toast (d->overlay, message);
        }
    }
  export_data_free (d);
  g_object_unref (chooser);
}

void
rn_reading_export_dialog (GtkWindow       *parent,
                          RnReadingList   *list,
                          GtkBitset       *selected,
                          AdwToastOverlay *overlay)
{
  GtkFileChooserNative *chooser;
  const char *ids[G_N_ELEMENTS (formats) + 1] = { NULL };
  const char *labels[] = { _("BibTeX"), _("RIS"), _("CSL-JSON"), _("Markdown Digest"), _("HTML Digest"), NULL };
  ExportData *d;

  g_return_if_fail (RN_IS_READING_LIST (list));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    ids[i] = formats[i].id;
  chooser = gtk_file_chooser_native_new (_("Export Reading List"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "bibtex");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("reading-list.bib"));

  d = g_new0 (ExportData, 1);
  d->list = g_object_ref (list);
  d->selected = selected != NULL ? gtk_bitset_copy (selected) : NULL;
  d->overlay = g_object_ref (overlay);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Save Case as HTML… */

typedef struct
{
  RnStore         *store;
  gint64           item_id;
  AdwToastOverlay *overlay;
} CaseData;

static void
on_case_response (GtkNativeDialog *chooser,
                  int              response,
                  CaseData        *d)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autofree char *html = rn_export_selection_case_html (d->store, d->item_id, &error);
      g_autofree char *name = g_file_get_basename (file);

      if (html != NULL
          && g_file_replace_contents (file, html, strlen (html), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                      NULL, NULL, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);
          toast (d->overlay, message);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not save the case: %s"), error->message);
          toast (d->overlay, message);
        }
    }
  g_object_unref (d->store);
  g_object_unref (d->overlay);
  g_free (d);
  g_object_unref (chooser);
}

/* A file name from a title: no separators or control characters. */
static char *
file_name_for (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title != NULL ? title : ""; *p != '\0' && name->len < 80; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  if (name->str[0] == '\0' || name->str[0] == '.')
    return g_strdup (_("case.html"));
  return g_strconcat (name->str, ".html", NULL);
}

void
rn_reading_save_case_dialog (GtkWindow       *parent,
                             RnStore         *store,
                             gint64           item_id,
                             const char      *title,
                             AdwToastOverlay *overlay)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = file_name_for (title);
  CaseData *d;

  chooser = gtk_file_chooser_native_new (_("Save Case as HTML"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  d = g_new0 (CaseData, 1);
  d->store = g_object_ref (store);
  d->item_id = item_id;
  d->overlay = g_object_ref (overlay);
  g_signal_connect (chooser, "response", G_CALLBACK (on_case_response), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Send to Zotero */

static void
on_zotero_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) overlay = user_data;
  g_autoptr(GError) error = NULL;

  if (rn_zotero_save_finish (RN_ZOTERO (source), result, &error))
    toast (overlay, _("Sent to Zotero"));
  else if (g_error_matches (error, RN_ZOTERO_ERROR, RN_ZOTERO_ERROR_NOT_RUNNING))
    toast (overlay, _("Zotero is not running: start Zotero, then send again"));
  else
    {
      g_autofree char *message = g_strdup_printf (_("Could not send to Zotero: %s"), error->message);
      toast (overlay, message);
    }
}

void
rn_reading_send_to_zotero (RnReadingList   *list,
                           GtkBitset       *selected,
                           SoupSession     *session,
                           const char      *base_url,
                           AdwToastOverlay *overlay)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = rn_reading_export_collect (list, selected, &error);
  g_autoptr(RnZotero) zotero = NULL;

  if (entries == NULL || entries->len == 0)
    {
      toast (overlay, error != NULL ? error->message : _("Nothing to send"));
      return;
    }
  zotero = rn_zotero_new (session, base_url);
  rn_zotero_save_async (zotero, entries, NULL, NULL, on_zotero_saved, g_object_ref (overlay));
}
