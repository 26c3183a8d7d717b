/* rn-reference-dialog.c: one entry row per CSL field. The record shown has
 * the user's earlier edits applied; Save stores every field shown as the
 * overrides (an emptied field removes the value), so what the dialog
 * shows is exactly what exports will use. */
#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "rn-reference-dialog.h"

struct _RnReferenceDialog
{
  AdwWindow        parent_instance;

  RnReadingList   *list;
  gint64           item_id;
  RnReference     *reference;
  GHashTable      *rows;          /* CSL name → AdwEntryRow */
  AdwToastOverlay *overlay;
};

G_DEFINE_FINAL_TYPE (RnReferenceDialog, rn_reference_dialog, ADW_TYPE_WINDOW)

static const struct
{
  RnRefField  field;
  const char *label;
} text_fields[] = {
  { RN_REF_TITLE, N_("Title") },
  { RN_REF_CONTAINER_TITLE, N_("Journal") },
  { RN_REF_VOLUME, N_("Volume") },
  { RN_REF_ISSUE, N_("Issue") },
  { RN_REF_PAGE, N_("Pages") },
  { RN_REF_DOI, N_("DOI") },
  { RN_REF_PMID, N_("PMID") },
};

static char *
authors_text (RnReference *ref)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < rn_reference_get_n_authors (ref); i++)
    {
      RnRefName name = rn_reference_get_author (ref, i);

      if (text->len > 0)
        g_string_append (text, "; ");
      if (name.literal != NULL)
        g_string_append (text, name.literal);
      else if (name.given != NULL && *name.given != '\0')
        g_string_append_printf (text, "%s, %s", name.family != NULL ? name.family : "", name.given);
      else if (name.family != NULL)
        g_string_append (text, name.family);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
row_text (RnReferenceDialog *self,
          const char        *csl_name)
{
  GtkEditable *row = g_hash_table_lookup (self->rows, csl_name);

  return row != NULL ? gtk_editable_get_text (row) : "";
}

gboolean
rn_reference_dialog_save (RnReferenceDialog  *self,
                          GError            **error)
{
  g_autoptr(RnReference) edited = rn_reference_new (rn_reference_get_csl_type (self->reference));
  g_autoptr(JsonNode) full = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) overrides = NULL;
  g_auto(GStrv) names = NULL;
  JsonObject *o;
  const char *year;

  g_return_val_if_fail (RN_IS_REFERENCE_DIALOG (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (row_text (self, rn_reference_field_to_csl (text_fields[i].field))));

      rn_reference_set (edited, text_fields[i].field, value);
    }
  names = g_strsplit (row_text (self, "author"), ";", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (*names[i] != '\0')
        rn_reference_add_author_parsed (edited, names[i]);
    }
  year = row_text (self, "issued");
  if (*year != '\0')
    {
      char *end = NULL;
      long y = strtol (year, &end, 10);

      if (end == year || *end != '\0' || y < 1 || y > 9999)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The year must be a number such as 2024"));
          return FALSE;
        }
      rn_reference_set_issued (edited, (int) y, 0, 0);
    }

  /* Each field shown is an override; one left empty removes the value. */
  full = rn_reference_to_csl_json (edited);
  o = json_node_get_object (full);
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields) + 2; i++)
    {
      const char *name = i < G_N_ELEMENTS (text_fields) ? rn_reference_field_to_csl (text_fields[i].field)
                         : i == G_N_ELEMENTS (text_fields) ? "author" : "issued";

      json_builder_set_member_name (b, name);
      if (json_object_has_member (o, name))
        json_builder_add_value (b, json_node_copy (json_object_get_member (o, name)));
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
  overrides = json_builder_get_root (b);
  return rn_reading_list_set_reference_override (self->list, self->item_id, overrides, error);
}

static void
on_save_clicked (RnReferenceDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!rn_reference_dialog_save (self, &error))
    {
      adw_toast_overlay_add_toast (self->overlay, adw_toast_new (error->message));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
rn_reference_dialog_dispose (GObject *object)
{
  RnReferenceDialog *self = RN_REFERENCE_DIALOG (object);

  g_clear_object (&self->list);
  g_clear_object (&self->reference);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  G_OBJECT_CLASS (rn_reference_dialog_parent_class)->dispose (object);
}

static void
rn_reference_dialog_class_init (RnReferenceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_reference_dialog_dispose;
  gtk_widget_class_install_action (widget_class, "window.close-dialog", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close-dialog", NULL);
}

static void
rn_reference_dialog_init (RnReferenceDialog *self)
{
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
}

static GtkWidget *
add_row (RnReferenceDialog *self,
         GtkWidget         *group,
         const char        *csl_name,
         const char        *title,
         const char        *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_insert (self->rows, (gpointer) g_intern_string (csl_name), row);
  return row;
}

GtkWindow *
rn_reference_dialog_new (GtkWindow     *parent,
                         RnReadingList *list,
                         gint64         item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnReference) reference = rn_reading_list_get_reference (list, item_id, &error);
  g_autofree char *authors = NULL;
  g_autofree char *year = NULL;
  RnReferenceDialog *self;
  GtkWidget *box, *header, *cancel, *save, *page, *group, *row;
  int y = 0, m = 0, d = 0;

  if (reference == NULL)
    {
      g_warning ("No reference for item %" G_GINT64_FORMAT ": %s", item_id,
                 error != NULL ? error->message : "none");
      return NULL;
    }

  self = g_object_new (RN_TYPE_REFERENCE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("Edit Reference"),
                       "default-width", 520,
                       "default-height", 640,
                       NULL);
  self->list = g_object_ref (list);
  self->item_id = item_id;
  self->reference = g_steal_pointer (&reference);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close-dialog");
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  self->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->overlay), TRUE);
  page = adw_preferences_page_new ();
  adw_toast_overlay_set_child (self->overlay, page);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->overlay));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Work"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Your changes are used in every export of this item"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  row = add_row (self, group, rn_reference_field_to_csl (RN_REF_TITLE), _("Title"),
                 rn_reference_get (self->reference, RN_REF_TITLE));
  authors = authors_text (self->reference);
  row = add_row (self, group, "author", _("Authors (separated by “;”)"), authors);
  if (rn_reference_get_issued (self->reference, &y, &m, &d) && y > 0)
    year = g_strdup_printf ("%d", y);
  row = add_row (self, group, "issued", _("Year"), year);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (row), 4);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Publication"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  for (guint i = 1; i < G_N_ELEMENTS (text_fields) - 2; i++)
    add_row (self, group, rn_reference_field_to_csl (text_fields[i].field), _(text_fields[i].label),
             rn_reference_get (self->reference, text_fields[i].field));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Identifiers"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  for (guint i = G_N_ELEMENTS (text_fields) - 2; i < G_N_ELEMENTS (text_fields); i++)
    add_row (self, group, rn_reference_field_to_csl (text_fields[i].field), _(text_fields[i].label),
             rn_reference_get (self->reference, text_fields[i].field));

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
  return GTK_WINDOW (self);
}

GtkEditable *
rn_reference_dialog_get_field (RnReferenceDialog *self,
                               const char        *csl_name)
{
  g_return_val_if_fail (RN_IS_REFERENCE_DIALOG (self), NULL);
  return g_hash_table_lookup (self->rows, g_intern_string (csl_name));
}
