/* rn-saved-row.c: source and date, title, the retraction or correction
 * badge first (it matters most), state, tags, the note's first line, and
 * whether the item reads offline (with Retry when the copy failed). The
 * row follows its entry's notifications. */
#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rn-format.h"
#include "rn-saved-row.h"

#define MAX_TAGS_SHOWN 4

struct _RnSavedRow
{
  GtkWidget    parent_instance;

  RnSavedItem *entry;
  gulong       notify_id;

  GtkImage    *state_icon;
  GtkLabel    *meta_label;
  GtkLabel    *title_label;
  GtkLabel    *notice_badge;
  GtkLabel    *state_badge;
  GtkBox      *tags_box;
  GtkLabel    *note_label;
  GtkImage    *snapshot_icon;
  GtkButton   *retry_button;
};

G_DEFINE_FINAL_TYPE (RnSavedRow, rn_saved_row, GTK_TYPE_WIDGET)

const char *
rn_saved_state_label (RnSavedState state)
{
  switch (state)
    {
    case RN_SAVED_STATE_READING: return _("Reading");
    case RN_SAVED_STATE_DONE:    return _("Done");
    case RN_SAVED_STATE_TO_READ:
    default:                     return _("To Read");
    }
}

static const char *
state_icon_name (RnSavedState state)
{
  switch (state)
    {
    case RN_SAVED_STATE_READING: return "document-edit-symbolic";
    case RN_SAVED_STATE_DONE:    return "emblem-ok-symbolic";
    case RN_SAVED_STATE_TO_READ:
    default:                     return "user-bookmarks-symbolic";
    }
}

static void
update_notice (RnSavedRow *self)
{
  const char *notice = rn_saved_item_get_notice (self->entry);
  const char *label = NULL, *tip = NULL;

  if (g_strcmp0 (notice, "retraction") == 0)
    {
      label = _("Retracted");
      tip = _("A retraction notice was published for this article");
    }
  else if (g_strcmp0 (notice, "correction") == 0)
    {
      label = _("Corrected");
      tip = _("A correction was published for this article");
    }
  else if (g_strcmp0 (notice, "expression-of-concern") == 0)
    {
      label = _("Expression of Concern");
      tip = _("The journal published an expression of concern about this article");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notice_badge), label != NULL);
  if (label == NULL)
    return;
  gtk_label_set_label (self->notice_badge, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->notice_badge), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notice_badge),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip, -1);
  /* A retraction is an error; a correction or concern a warning. */
  if (g_strcmp0 (notice, "retraction") == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->notice_badge), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->notice_badge), "warning");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->notice_badge), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->notice_badge), "error");
    }
}

static void
update_snapshot (RnSavedRow *self)
{
  RnSnapshotState state = rn_saved_item_get_snapshot_state (self->entry);
  const char *icon = NULL, *tip = NULL;

  switch (state)
    {
    case RN_SNAPSHOT_STATE_COMPLETE:
      icon = "folder-download-symbolic";
      tip = _("Available offline");
      break;
    case RN_SNAPSHOT_STATE_PARTIAL:
      icon = "dialog-warning-symbolic";
      tip = _("Available offline, but some images could not be kept");
      break;
    case RN_SNAPSHOT_STATE_FAILED:
      icon = "network-error-symbolic";
      tip = _("The offline copy could not be made");
      break;
    case RN_SNAPSHOT_STATE_PENDING:
      icon = "content-loading-symbolic";
      tip = _("Making the offline copy…");
      break;
    case RN_SNAPSHOT_STATE_NONE:
    default:
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->snapshot_icon), icon != NULL);
  if (icon != NULL)
    {
      gtk_image_set_from_icon_name (self->snapshot_icon, icon);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->snapshot_icon), tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->snapshot_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button),
                          state == RN_SNAPSHOT_STATE_FAILED || state == RN_SNAPSHOT_STATE_PARTIAL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->retry_button),
                                          g_variant_new_int64 (rn_saved_item_get_item_id (self->entry)));
  if (state == RN_SNAPSHOT_STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->snapshot_icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->snapshot_icon), "error");
}

static void
update_tags (RnSavedRow *self)
{
  const char * const *tags = rn_saved_item_get_tags (self->entry);
  GtkWidget *child;
  guint n = g_strv_length ((char **) tags);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_box_remove (self->tags_box, child);
  for (guint i = 0; i < n && i < MAX_TAGS_SHOWN; i++)
    {
      GtkWidget *pill = gtk_label_new (tags[i]);

      gtk_label_set_ellipsize (GTK_LABEL (pill), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (pill), 16);
      gtk_widget_add_css_class (pill, "tag-pill");
      gtk_widget_add_css_class (pill, "caption");
      gtk_box_append (self->tags_box, pill);
    }
  if (n > MAX_TAGS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf ("+%u", n - MAX_TAGS_SHOWN);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->tags_box, label);
    }
}

static void
update (RnSavedRow *self)
{
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *saved = NULL;
  const char *source, *title, *note;
  RnSavedState state;

  if (self->entry == NULL)
    return;
  source = rn_saved_item_get_source (self->entry);
  title = rn_saved_item_get_title (self->entry);
  note = rn_saved_item_get_note (self->entry);
  state = rn_saved_item_get_state (self->entry);

  if (source != NULL && *source != '\0')
    g_string_append (meta, source);
  saved = rn_format_relative_date (rn_saved_item_get_saved_at (self->entry), g_get_real_time () / G_USEC_PER_SEC);
  if (saved != NULL && *saved != '\0')
    {
      g_autofree char *full = rn_format_full_date (rn_saved_item_get_saved_at (self->entry));
      g_autofree char *tip = NULL;

      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append (meta, saved);
      /* Translators: %s is a date and time */
      tip = g_strdup_printf (_("Saved %s"), full);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta_label), tip);
    }
  gtk_label_set_label (self->meta_label, meta->str);
  gtk_label_set_label (self->title_label, title != NULL && *title != '\0' ? title : _("Untitled"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title);

  gtk_image_set_from_icon_name (self->state_icon, state_icon_name (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rn_saved_state_label (state), -1);
  gtk_label_set_label (self->state_badge, rn_saved_state_label (state));
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_badge), "to-read");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_badge), "reading");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_badge), "done");
  gtk_widget_add_css_class (GTK_WIDGET (self->state_badge), rn_saved_state_to_string (state));

  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && *note != '\0');
  if (note != NULL && *note != '\0')
    {
      /* The first line of the note: rows are one glance each. */
      g_autofree char *line = g_strndup (note, strcspn (note, "\n"));

      gtk_label_set_label (self->note_label, line);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->note_label), note);
    }
  update_notice (self);
  update_snapshot (self);
  update_tags (self);
}

static void
rn_saved_row_dispose (GObject *object)
{
  RnSavedRow *self = RN_SAVED_ROW (object);

  rn_saved_row_set_entry (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_SAVED_ROW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rn_saved_row_parent_class)->dispose (object);
}

static void
rn_saved_row_class_init (RnSavedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_saved_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-saved-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RnSavedRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, RnSavedRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, RnSavedRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RnSavedRow, notice_badge);
  gtk_widget_class_bind_template_child (widget_class, RnSavedRow, state_badge);
  gtk_widget_class_bind_template_child (widget_class, RnSavedRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, RnSavedRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, RnSavedRow, snapshot_icon);
  gtk_widget_class_bind_template_child (widget_class, RnSavedRow, retry_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rnsavedrow");
}

static void
rn_saved_row_init (RnSavedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The target first: the action takes the item id. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->retry_button), g_variant_new_int64 (0));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry_button), "reading.retry-snapshot");
}

GtkWidget *
rn_saved_row_new (void)
{
  return g_object_new (RN_TYPE_SAVED_ROW, NULL);
}

void
rn_saved_row_set_entry (RnSavedRow  *self,
                        RnSavedItem *entry)
{
  g_return_if_fail (RN_IS_SAVED_ROW (self));

  if (self->entry == entry)
    return;
  if (self->entry != NULL)
    g_clear_signal_handler (&self->notify_id, self->entry);
  g_set_object (&self->entry, entry);
  if (entry != NULL)
    {
      self->notify_id = g_signal_connect_swapped (entry, "notify", G_CALLBACK (update), self);
      update (self);
    }
}

RnSavedItem *
rn_saved_row_get_entry (RnSavedRow *self)
{
  g_return_val_if_fail (RN_IS_SAVED_ROW (self), NULL);
  return self->entry;
}
