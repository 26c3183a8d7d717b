/* rn-item-row.c: a list row bound to an RnItem; follows its read and
 * starred state, loads its thumbnail asynchronously and cancels the load
 * when the row is recycled for another item. */
#define G_LOG_DOMAIN "rn-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-format.h"
#include "rn-item-row.h"
#include "social/rn-post-render.h"

struct _RnItemRow
{
  GtkWidget     parent_instance;

  RnItem       *item;
  RnImageCache *images;
  GSignalGroup *signals;
  GCancellable *cancellable;

  GtkWidget    *grid;
  GtkWidget    *dot;
  GtkLabel     *source_label;
  GtkWidget    *star_icon;
  GtkLabel     *date_label;
  GtkLabel     *title_label;
  GtkLabel     *snippet_label;
  GtkPicture   *thumbnail;
};

G_DEFINE_FINAL_TYPE (RnItemRow, rn_item_row, GTK_TYPE_WIDGET)

static void
update_state (RnItemRow *self)
{
  gboolean read, starred;

  if (self->item == NULL)
    return;
  read = rn_item_get_read (self->item);
  starred = rn_item_get_starred (self->item);

  gtk_widget_set_opacity (self->dot, read ? 0.0 : 1.0);
  if (read)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
  gtk_widget_set_visible (self->star_icon, starred);
}

static void
update_accessible_label (RnItemRow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (!rn_item_get_read (self->item))
    g_string_append_printf (text, "%s, ", _("Unread"));
  if (rn_item_get_starred (self->item))
    g_string_append_printf (text, "%s, ", _("Starred"));
  g_string_append_printf (text, "%s, %s, %s", rn_item_get_title (self->item),
                          rn_item_get_feed_title (self->item), gtk_label_get_label (self->date_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
}

static void
on_item_notify (RnItemRow *self)
{
  update_state (self);
  update_accessible_label (self);
}

static void
on_thumbnail_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RnItemRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = rn_image_cache_load_finish (RN_IMAGE_CACHE (source), result, &error);

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }
  /* Cancelled loads never get here, so this is still the row's item. */
  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), TRUE);
}

static void
load_thumbnail (RnItemRow *self,
                gboolean   load_remote)
{
  const char *url = rn_item_get_thumbnail (self->item);
  GdkTexture *cached;

  if (url == NULL || *url == '\0' || self->images == NULL)
    return;
  cached = rn_image_cache_lookup (self->images, url);
  if (cached != NULL)
    {
      gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (cached));
      gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), TRUE);
      return;
    }
  /* With remote images set to 'ask' or 'never', a list shows none. */
  if (!load_remote)
    return;
  self->cancellable = g_cancellable_new ();
  rn_image_cache_load_async (self->images, url, self->cancellable, on_thumbnail_cb, g_object_ref (self));
}

static void
rn_item_row_dispose (GObject *object)
{
  RnItemRow *self = RN_ITEM_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->signals);
  g_clear_object (&self->item);
  g_clear_object (&self->images);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_ITEM_ROW);
  /* A template child without an id is not unparented by the above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rn_item_row_parent_class)->dispose (object);
}

/* The full date, asked for when the pointer rests on the relative one.
 * Setting a tooltip's text instead makes GTK ask the X server where the
 * pointer is, a round trip per row bound: a fifth of a search's time. */
static gboolean
on_date_query_tooltip_cb (RnItemRow  *self,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip)
{
  g_autofree char *full_date = NULL;

  if (self->item == NULL)
    return FALSE;
  full_date = rn_format_full_date (rn_item_get_sort_date (self->item));
  gtk_tooltip_set_text (tooltip, full_date);
  return TRUE;
}

static void
rn_item_row_class_init (RnItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_item_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RnItemRow, grid);
  gtk_widget_class_bind_template_child (widget_class, RnItemRow, dot);
  gtk_widget_class_bind_template_child (widget_class, RnItemRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, RnItemRow, star_icon);
  gtk_widget_class_bind_template_child (widget_class, RnItemRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, RnItemRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RnItemRow, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, RnItemRow, thumbnail);
  gtk_widget_class_bind_template_callback (widget_class, on_date_query_tooltip_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rnitemrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rn_item_row_init (RnItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->signals = g_signal_group_new (RN_TYPE_ITEM);
  g_signal_group_connect_swapped (self->signals, "notify::read", G_CALLBACK (on_item_notify), self);
  g_signal_group_connect_swapped (self->signals, "notify::starred", G_CALLBACK (on_item_notify), self);
}

GtkWidget *
rn_item_row_new (RnImageCache *images)
{
  RnItemRow *self = g_object_new (RN_TYPE_ITEM_ROW, NULL);

  self->images = images != NULL ? g_object_ref (images) : NULL;
  return GTK_WIDGET (self);
}

RnItem *
rn_item_row_get_item (RnItemRow *self)
{
  g_return_val_if_fail (RN_IS_ITEM_ROW (self), NULL);
  return self->item;
}

void
rn_item_row_set_item (RnItemRow *self,
                      RnItem    *item,
                      gboolean   load_remote)
{
  g_autofree char *date = NULL;
  const char *snippet;

  g_return_if_fail (RN_IS_ITEM_ROW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_picture_set_paintable (self->thumbnail, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), FALSE);

  g_set_object (&self->item, item);
  g_signal_group_set_target (self->signals, item);
  if (item == NULL)
    return;

  date = rn_format_relative_date (rn_item_get_sort_date (item), g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_label (self->title_label, rn_item_get_title (item) != NULL && *rn_item_get_title (item) != '\0'
                                          ? rn_item_get_title (item) : _("Untitled"));
  gtk_label_set_label (self->source_label, rn_item_get_feed_title (item));
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "item-cw");
  gtk_label_set_label (self->date_label, date);
  snippet = rn_item_get_snippet (item);
  gtk_label_set_label (self->snippet_label, snippet != NULL ? snippet : "");
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), snippet != NULL && *snippet != '\0');

  update_state (self);
  update_accessible_label (self);
  load_thumbnail (self, load_remote);
}

void
rn_item_row_bind (RnItemRow *self,
                  RnItem    *item,
                  RnStore   *store,
                  gboolean   load_remote)
{
  g_return_if_fail (RN_IS_ITEM_ROW (self));
  /* Bound again to the same item: GTK 4.8 rebinds every row below an
   * insertion only to tell it its new position. The row follows its item's
   * changes through signals, so there is nothing to do. */
  if (item != NULL && item == self->item)
    return;
  rn_item_row_set_item (self, item, load_remote);
  /* Posts: one small read of the post's data, for the rows on screen. */
  if (item != NULL && store != NULL && g_strcmp0 (rn_item_get_item_type (item), "post") == 0)
    {
      g_autoptr(RnPostInfo) info = rn_post_info_load (store, rn_item_get_id (item));

      if (info != NULL)
        rn_item_row_set_post (self, info->content_warning, info->sensitive, info->media_urls->len, info->boosted_by);
    }
}

void
rn_item_row_set_post (RnItemRow  *self,
                      const char *content_warning,
                      gboolean    sensitive,
                      guint       n_media,
                      const char *boosted_by)
{
  gboolean cw = content_warning != NULL && *content_warning != '\0';

  g_return_if_fail (RN_IS_ITEM_ROW (self));

  /* A warned post shows its warning, never its text; sensitive media
   * shows no thumbnail in a list. */
  if (cw)
    {
      g_autofree char *title = g_strdup_printf (_("Content warning: %s"), content_warning);
      g_autofree char *hidden = NULL;

      gtk_label_set_label (self->title_label, title);
      if (n_media > 0)
        hidden = g_strdup_printf (ngettext ("Text and %u image hidden", "Text and %u images hidden", n_media), n_media);
      else
        hidden = g_strdup (_("Text hidden: open the post to show it"));
      gtk_label_set_label (self->snippet_label, hidden);
      gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), TRUE);
    }
  if (cw)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "item-cw");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "item-cw");
  if (cw || sensitive)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_picture_set_paintable (self->thumbnail, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), FALSE);
    }
  if (boosted_by != NULL && *boosted_by != '\0')
    {
      /* Translators: "Home · boosted by Jane Doe (@jane@example.social)" */
      g_autofree char *source = g_strdup_printf (_("%s · boosted by %s"), rn_item_get_feed_title (self->item), boosted_by);
      gtk_label_set_label (self->source_label, source);
    }
  update_accessible_label (self);
}
