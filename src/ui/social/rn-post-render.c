/* rn-post-render.c: the post's chrome is made of widgets anchored in the
 * reader's buffer, so it scrolls and reflows with the text; the content
 * warning hides the body with an invisible tag rather than removing it, so
 * "Show Content" is instant and selection keeps working. */
#define G_LOG_DOMAIN "rn-social"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "feeds/rn-feed-store.h"
#include "rn-post-render.h"

#define HIDDEN_TAG "post-hidden"
#define N_MEDIA_KEY "rn-post-n-media"
#define MEDIA_SIZE 220
#define MAX_MEDIA 16

void
rn_post_info_free (RnPostInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->content_warning);
  g_free (info->boosted_by);
  g_free (info->post_id);
  g_free (info->card_url);
  g_free (info->card_title);
  g_free (info->card_description);
  g_clear_pointer (&info->media_urls, g_ptr_array_unref);
  g_clear_pointer (&info->media_alts, g_ptr_array_unref);
  g_free (info);
}

static char *
dup_member (JsonObject *o,
            const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (n));
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

RnPostInfo *
rn_post_info_load (RnStore *store,
                   gint64   item_id)
{
  g_autofree char *extra = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *card;
  JsonArray *media;
  RnPostInfo *info;

  if (!rn_item_store_load_extra (store, item_id, &extra, &error))
    {
      g_debug ("No post data for %" G_GINT64_FORMAT ": %s", item_id, error->message);
      return NULL;
    }
  if (extra == NULL || !json_parser_load_from_data (parser, extra, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  info = g_new0 (RnPostInfo, 1);
  info->content_warning = dup_member (root, "cw");
  info->boosted_by = dup_member (root, "boosted_by");
  info->post_id = dup_member (root, "post_id");
  info->sensitive = json_object_has_member (root, "sensitive")
                    && JSON_NODE_HOLDS_VALUE (json_object_get_member (root, "sensitive"))
                    && json_object_get_boolean_member (root, "sensitive");
  card = json_object_has_member (root, "card") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "card"))
         ? json_object_get_object_member (root, "card") : NULL;
  info->card_url = dup_member (card, "url");
  if (!is_web_url (info->card_url))
    g_clear_pointer (&info->card_url, g_free);
  info->card_title = dup_member (card, "title");
  info->card_description = dup_member (card, "description");

  info->media_urls = g_ptr_array_new_with_free_func (g_free);
  info->media_alts = g_ptr_array_new_with_free_func (g_free);
  media = json_object_has_member (root, "media") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "media"))
          ? json_object_get_array_member (root, "media") : NULL;
  for (guint i = 0; media != NULL && i < json_array_get_length (media) && info->media_urls->len < MAX_MEDIA; i++)
    {
      JsonNode *n = json_array_get_element (media, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      g_autofree char *type = dup_member (m, "type");
      g_autofree char *preview = dup_member (m, "preview");
      g_autofree char *url = dup_member (m, "url");
      char *alt = dup_member (m, "description");
      const char *show = is_web_url (preview) ? preview : url;

      /* Audio has no picture; video shows its preview only. */
      if (!is_web_url (show) || (type != NULL && g_str_has_prefix (type, "audio") && show == url))
        {
          g_free (alt);
          continue;
        }
      g_ptr_array_add (info->media_urls, g_strdup (show));
      g_ptr_array_add (info->media_alts, alt != NULL ? alt : g_strdup (""));
    }
  return info;
}

/* Content warning */

static GtkTextTag *
hidden_tag (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), HIDDEN_TAG);

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, HIDDEN_TAG, "invisible", TRUE, NULL);
  return tag;
}

gboolean
rn_post_render_get_content_shown (GtkTextView *view)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (view)),
                                               HIDDEN_TAG);
  gboolean invisible = FALSE;

  if (tag == NULL)
    return TRUE;
  g_object_get (tag, "invisible", &invisible, NULL);
  return !invisible;
}

void
rn_post_render_set_content_shown (GtkTextView *view,
                                  gboolean     shown)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (view)),
                                               HIDDEN_TAG);
  GtkToggleButton *toggle = g_object_get_data (G_OBJECT (view), "rn-post-cw-toggle");

  if (tag != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      GtkTextIter iter;

      g_object_set (tag, "invisible", !shown, NULL);
      /* Widgets anchored in invisible text are still drawn (at their last
       * place): hide them with it. */
      gtk_text_buffer_get_start_iter (buffer, &iter);
      do
        {
          GtkTextChildAnchor *anchor = gtk_text_iter_get_child_anchor (&iter);
          GtkWidget **widgets;
          guint n = 0;

          if (anchor == NULL || !gtk_text_iter_has_tag (&iter, tag))
            continue;
          widgets = gtk_text_child_anchor_get_widgets (anchor, &n);
          for (guint k = 0; k < n; k++)
            gtk_widget_set_visible (widgets[k], shown);
          g_free (widgets);
        }
      while (gtk_text_iter_forward_char (&iter));
    }
  if (toggle != NULL && gtk_toggle_button_get_active (toggle) != shown)
    gtk_toggle_button_set_active (toggle, shown);
}

static void
on_cw_toggled (GtkToggleButton *toggle,
               GtkTextView     *view)
{
  gboolean shown = gtk_toggle_button_get_active (toggle);

  gtk_button_set_label (GTK_BUTTON (toggle), shown ? _("_Hide Content") : _("_Show Content"));
  rn_post_render_set_content_shown (view, shown);
}

static GtkWidget *
content_warning_box (GtkTextView *view,
                     const char  *warning)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (warning);
  GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_("_Show Content"));

  gtk_widget_add_css_class (box, "post-content-warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Content warning"), -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* An anchored widget is as wide as it asks to be at least: readable,
   * and narrow enough for a phone-wide reader. */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (13, (int) g_utf8_strlen (warning, -1)));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_cw_toggled), view, 0);
  g_object_set_data (G_OBJECT (view), "rn-post-cw-toggle", toggle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), toggle);
  return box;
}

/* Media */

typedef struct
{
  GWeakRef      button;
  char         *url;
} MediaLoad;

static void
media_load_free (MediaLoad *load)
{
  g_weak_ref_clear (&load->button);
  g_free (load->url);
  g_free (load);
}

static void
on_media_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MediaLoad *load = user_data;
  g_autoptr(GtkWidget) button = g_weak_ref_get (&load->button);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = rn_image_cache_load_finish (RN_IMAGE_CACHE (source), result, &error);

  if (button != NULL && texture != NULL)
    {
      GtkWidget *picture = g_object_get_data (G_OBJECT (button), "rn-media-picture");

      if (GTK_IS_PICTURE (picture))
        gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Media %s not shown: %s", load->url, error->message);
  media_load_free (load);
}

static void
load_media (GtkWidget    *button,
            RnImageCache *images,
            const char   *url)
{
  MediaLoad *load;

  if (images == NULL)
    return;
  load = g_new0 (MediaLoad, 1);
  g_weak_ref_init (&load->button, button);
  load->url = g_strdup (url);
  rn_image_cache_load_async (images, url, NULL, on_media_loaded, load);
}

/* The first click on blurred or not yet loaded media reveals it; later
 * clicks open the medium in the browser. */
static void
on_media_clicked (GtkButton *button,
                  gpointer   data)
{
  GtkWidget *picture = g_object_get_data (G_OBJECT (button), "rn-media-picture");
  GtkWidget *notice = g_object_get_data (G_OBJECT (button), "rn-media-notice");
  const char *url = g_object_get_data (G_OBJECT (button), "rn-media-url");
  RnImageCache *images = g_object_get_data (G_OBJECT (button), "rn-media-cache");
  GtkRoot *root;

  if (gtk_widget_has_css_class (picture, "sensitive-media"))
    {
      gtk_widget_remove_css_class (picture, "sensitive-media");
      if (notice != NULL)
        gtk_widget_set_visible (notice, FALSE);
      if (gtk_picture_get_paintable (GTK_PICTURE (picture)) == NULL)
        load_media (GTK_WIDGET (button), images, url);
      return;
    }
  if (gtk_picture_get_paintable (GTK_PICTURE (picture)) == NULL)
    {
      load_media (GTK_WIDGET (button), images, url);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (button));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static GtkWidget *
media_button (RnImageCache *images,
              const char   *url,
              const char   *alt,
              gboolean      sensitive,
              gboolean      load)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *overlay;
  gboolean has_alt = alt != NULL && *alt != '\0';
  g_autofree char *label = NULL;

  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, MEDIA_SIZE, MEDIA_SIZE * 3 / 4);
  gtk_widget_add_css_class (picture, "post-media");
  if (has_alt)
    gtk_picture_set_alternative_text (GTK_PICTURE (picture), alt);
  if (sensitive)
    gtk_widget_add_css_class (picture, "sensitive-media");
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);
  g_object_set_data (G_OBJECT (button), "rn-media-picture", picture);
  if (sensitive)
    {
      GtkWidget *notice = gtk_label_new (_("Sensitive Content"));

      gtk_widget_add_css_class (notice, "sensitive-notice");
      gtk_widget_set_halign (notice, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (notice, GTK_ALIGN_CENTER);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), notice);
      g_object_set_data (G_OBJECT (button), "rn-media-notice", notice);
    }
  gtk_button_set_child (GTK_BUTTON (button), overlay);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "post-media-button");
  /* The blur must not spill over the text around it. */
  gtk_widget_set_overflow (button, GTK_OVERFLOW_HIDDEN);

  if (sensitive)
    label = has_alt ? g_strdup_printf (_("Sensitive media, click to show: %s"), alt)
                    : g_strdup (_("Sensitive media, click to show"));
  else if (!load)
    label = has_alt ? g_strdup_printf (_("Load image: %s"), alt) : g_strdup (_("Load image"));
  else
    label = g_strdup (has_alt ? alt : _("Image without a description"));
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  g_object_set_data_full (G_OBJECT (button), "rn-media-url", g_strdup (url), g_free);
  if (images != NULL)
    g_object_set_data_full (G_OBJECT (button), "rn-media-cache", g_object_ref (images), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_media_clicked), NULL);
  /* Blurred media is loaded too (the blur is the protection): the user
   * chose to load images, and a placeholder would say less. */
  if (load)
    load_media (button, images, url);
  return button;
}

static void
on_card_clicked (GtkButton *button,
                 gpointer   data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  const char *url = g_object_get_data (G_OBJECT (button), "rn-card-url");

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static GtkWidget *
card_button (const RnPostInfo *info)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autoptr(GUri) uri = g_uri_parse (info->card_url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  const char *title = info->card_title != NULL && *info->card_title != '\0' ? info->card_title : info->card_url;
  GtkWidget *label;

  label = gtk_label_new (host != NULL ? host : "");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (title);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  if (info->card_description != NULL && *info->card_description != '\0')
    {
      label = gtk_label_new (info->card_description);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "post-card");
  gtk_widget_add_css_class (button, "card");
  gtk_widget_set_tooltip_text (button, info->card_url);
  g_object_set_data_full (G_OBJECT (button), "rn-card-url", g_strdup (info->card_url), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_card_clicked), NULL);
  return button;
}

static void
anchor_at (GtkTextView *view,
           GtkTextIter *iter,
           GtkWidget   *child)
{
  GtkTextChildAnchor *anchor = gtk_text_buffer_create_child_anchor (gtk_text_view_get_buffer (view), iter);

  gtk_text_view_add_child_at_anchor (view, child, anchor);
}

void
rn_post_render_decorate (GtkTextView  *view,
                         RnStore      *store,
                         RnItem       *item,
                         RnImageCache *images,
                         gboolean      load)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(RnPostInfo) info = NULL;
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextIter start, end;
  GtkWidget *flow = NULL;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  g_object_set_data (G_OBJECT (view), "rn-post-cw-toggle", NULL);
  g_object_set_data (G_OBJECT (view), N_MEDIA_KEY, GUINT_TO_POINTER (0));
  /* A previous post's warning must not hide this one. */
  if (gtk_text_tag_table_lookup (table, HIDDEN_TAG) != NULL)
    g_object_set (gtk_text_tag_table_lookup (table, HIDDEN_TAG), "invisible", FALSE, NULL);

  info = rn_post_info_load (store, rn_item_get_id (item));
  if (info == NULL)
    return;
  if (gtk_text_tag_table_lookup (table, "post-block") == NULL)
    {
      gtk_text_buffer_create_tag (buffer, "post-block", "pixels-below-lines", 14, NULL);
      gtk_text_buffer_create_tag (buffer, "post-boost", "pixels-below-lines", 10, "scale", 0.9,
                                  "foreground-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 1.0 }, NULL);
    }

  /* After the body: media, then the card. */
  if (info->media_urls->len > 0)
    {
      flow = gtk_flow_box_new ();
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
      gtk_widget_add_css_class (flow, "post-media-grid");
      for (guint i = 0; i < info->media_urls->len; i++)
        gtk_flow_box_append (GTK_FLOW_BOX (flow),
                             media_button (images, g_ptr_array_index (info->media_urls, i),
                                           g_ptr_array_index (info->media_alts, i), info->sensitive, load));
      g_object_set_data (G_OBJECT (view), N_MEDIA_KEY, GUINT_TO_POINTER (info->media_urls->len));
    }
  if (flow != NULL || info->card_url != NULL)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "\n", 1);
      if (flow != NULL)
        {
          int offset = gtk_text_iter_get_offset (&end);

          anchor_at (view, &end, flow);
          gtk_text_buffer_insert (buffer, &end, "\n", 1);
          gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
          gtk_text_buffer_apply_tag_by_name (buffer, "post-block", &start, &end);
        }
      if (info->card_url != NULL)
        anchor_at (view, &end, card_button (info));
    }

  /* Before the body: the warning hides everything after it. */
  if (info->content_warning != NULL && *info->content_warning != '\0')
    {
      GtkTextTag *hidden = hidden_tag (buffer);

      g_object_set (hidden, "invisible", TRUE, NULL);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_apply_tag (buffer, hidden, &start, &end);
      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_insert (buffer, &start, "\n", 1);
      gtk_text_buffer_get_start_iter (buffer, &start);
      anchor_at (view, &start, content_warning_box (view, info->content_warning));
      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, 2);
      gtk_text_buffer_apply_tag_by_name (buffer, "post-block", &start, &end);
      rn_post_render_set_content_shown (view, FALSE);
    }
  if (info->boosted_by != NULL && *info->boosted_by != '\0')
    {
      g_autofree char *line = g_strdup_printf (_("Boosted by %s"), info->boosted_by);

      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &start, line, -1, "post-boost", NULL);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &start, "\n", 1, "post-boost", NULL);
    }
}

guint
rn_post_render_get_n_media (GtkTextView *view)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (view), N_MEDIA_KEY));
}
