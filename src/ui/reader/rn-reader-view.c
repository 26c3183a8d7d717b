/* rn-reader-view.c: title, source, author and date above the rendered
 * content; images load asynchronously into anchored GtkPictures, following
 * the privacy setting, and are cancelled when the item changes. */
#define G_LOG_DOMAIN "rn-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "feeds/rn-feed-store.h"
#include "offline/rn-snapshot.h"
#include "rn-format.h"
#include "social/rn-post-render.h"
#include "viewer/rn-image-viewer.h"
#include "rn-reader-render.h"
#include "feeds/rn-item-citation.h"
#include "rn-reader-view.h"

#define MAX_IMAGE_WIDTH 680

struct _RnReaderView
{
  GtkWidget       parent_instance;

  RnItem         *item;
  RnStore        *store;
  RnImageCache   *images;
  RnRemoteImages  policy;
  GPtrArray      *pending;       /* RnReaderImage not loaded yet */
  GCancellable   *cancellable;
  guint           n_pictures;
  char           *link;          /* base URL of the content */
  gboolean        offline_copy;  /* showing the stored snapshot */
  GPtrArray      *pictures;      /* GtkPicture shown, in load order */

  GtkStack       *stack;
  GtkScrolledWindow *scroller;
  GtkRevealer    *images_revealer;
  GtkTextView    *text_view;
};

enum {
  PROP_0,
  PROP_IMAGES_BLOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RnReaderView, rn_reader_view, GTK_TYPE_WIDGET)

static void on_dark_changed (RnReaderView *self);

static void
set_blocked (RnReaderView *self,
             gboolean      blocked)
{
  if (gtk_revealer_get_reveal_child (self->images_revealer) == blocked)
    return;
  gtk_revealer_set_reveal_child (self->images_revealer, blocked);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGES_BLOCKED]);
}

typedef struct
{
  GWeakRef       view;
  RnReaderImage *image;
} ImageLoad;

static void
image_load_free (ImageLoad *load)
{
  g_weak_ref_clear (&load->view);
  rn_reader_image_free (load->image);
  g_free (load);
}

static void
on_picture_clicked (GtkButton    *button,
                    RnReaderView *self)
{
  GtkWidget *picture = gtk_button_get_child (button);
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  g_autoptr(GPtrArray) alts = g_ptr_array_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint index = 0;

  for (guint i = 0; i < self->pictures->len; i++)
    {
      GtkPicture *p = g_ptr_array_index (self->pictures, i);

      if (GTK_WIDGET (p) == picture)
        index = images->len;
      g_ptr_array_add (images, gtk_picture_get_paintable (p));
      g_ptr_array_add (alts, (gpointer) gtk_picture_get_alternative_text (p));
    }
  if (images->len == 0)
    return;
  gtk_window_present (GTK_WINDOW (rn_image_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       images, alts, index)));
}

/* A picture is a flat button: clicked or activated from the keyboard, it
 * opens the item's images in the viewer. */
static void
add_picture (RnReaderView  *self,
             GtkWidget     *picture,
             RnReaderImage *image)
{
  GtkWidget *button = gtk_button_new ();
  g_autofree char *label = NULL;

  gtk_widget_add_css_class (picture, "reader-image");
  gtk_button_set_child (GTK_BUTTON (button), picture);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "reader-image-button");
  label = image->alt != NULL && *image->alt != '\0'
          /* Translators: %s describes the image (its alt text) */
          ? g_strdup_printf (_("Open Image: %s"), image->alt)
          : g_strdup (_("Open Image"));
  gtk_widget_set_tooltip_text (button, image->alt != NULL && *image->alt != '\0' ? image->alt : _("Open Image"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_picture_clicked), self);
  gtk_text_view_add_child_at_anchor (self->text_view, button, image->anchor);
  g_ptr_array_add (self->pictures, picture);
  self->n_pictures++;
}

/* Images of an offline copy come from the library, never the network. */
static void
load_stored_images (RnReaderView *self)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      RnReaderImage *image = g_ptr_array_index (self->pending, i);
      g_autofree char *mime = NULL;
      g_autoptr(GBytes) bytes = rn_snapshot_get_asset (self->store, rn_item_get_id (self->item), image->src, &mime);
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GError) error = NULL;
      GtkWidget *picture;
      int width, height;

      if (bytes == NULL)
        continue;
      texture = gdk_texture_new_from_bytes (bytes, &error);
      if (texture == NULL)
        {
          g_debug ("Stored image %s not shown: %s", image->src, error->message);
          continue;
        }
      width = gdk_texture_get_width (texture);
      height = gdk_texture_get_height (texture);
      if (image->width > 0 && image->width < width)
        {
          height = (int) ((double) height * image->width / width);
          width = image->width;
        }
      if (width > MAX_IMAGE_WIDTH)
        {
          height = (int) ((double) height * MAX_IMAGE_WIDTH / width);
          width = MAX_IMAGE_WIDTH;
        }
      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      if (image->alt != NULL)
        gtk_picture_set_alternative_text (GTK_PICTURE (picture), image->alt);
      gtk_widget_set_size_request (picture, width, height);
      add_picture (self, picture, image);
    }
  g_ptr_array_set_size (self->pending, 0);
}

static void
on_image_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImageLoad *load = user_data;
  g_autoptr(RnReaderView) self = g_weak_ref_get (&load->view);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = rn_image_cache_load_finish (RN_IMAGE_CACHE (source), result, &error);
  GtkWidget *picture;
  int width, height;

  if (texture == NULL || self == NULL || gtk_text_child_anchor_get_deleted (load->image->anchor))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Image %s not shown: %s", load->image->src, error->message);
      image_load_free (load);
      return;
    }

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  /* The page's declared width wins (retina images are twice as large). */
  if (load->image->width > 0 && load->image->width < width)
    {
      height = (int) ((double) height * load->image->width / width);
      width = load->image->width;
    }
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  if (load->image->alt != NULL)
    gtk_picture_set_alternative_text (GTK_PICTURE (picture), load->image->alt);
  /* Scale big pictures down to the column; never blow small ones up. */
  if (width > MAX_IMAGE_WIDTH)
    {
      height = (int) ((double) height * MAX_IMAGE_WIDTH / width);
      width = MAX_IMAGE_WIDTH;
    }
  gtk_widget_set_size_request (picture, width, height);
  add_picture (self, picture, load->image);
  image_load_free (load);
}

static void
start_loading (RnReaderView *self)
{
  if (self->images == NULL)
    return;
  for (guint i = 0; i < self->pending->len; i++)
    {
      ImageLoad *load = g_new0 (ImageLoad, 1);

      g_weak_ref_init (&load->view, self);
      load->image = g_ptr_array_steal_index (self->pending, i--);
      rn_image_cache_load_async (self->images, load->image->src, self->cancellable, on_image_cb, load);
    }
}

static void
cancel_loads (RnReaderView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static gboolean
open_link (RnReaderView *self,
           const char   *url)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (url == NULL)
    return FALSE;
  /* The sanitiser only lets http(s) and mailto through; check again. */
  if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "mailto:"))
    return FALSE;
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
  return TRUE;
}

static const char *
link_at (RnReaderView *self,
         double        x,
         double        y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return NULL;
  return rn_reader_render_link_at (&iter);
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      RnReaderView    *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  /* A drag that selected text is not a click on the link. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;
  if (open_link (self, link_at (self, x, y)))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              RnReaderView             *self)
{
  const char *url = link_at (self, x, y);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), url != NULL ? "pointer" : "text");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->text_view), url);
}

/* Enter on a link (keyboard users move the cursor with caret browsing F7). */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *key,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   RnReaderView          *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter)
    return FALSE;
  if (!gtk_text_view_get_cursor_visible (self->text_view))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return open_link (self, rn_reader_render_link_at (&iter));
}

static void
on_dark_changed (RnReaderView *self)
{
  rn_reader_render_set_dark (gtk_text_view_get_buffer (self->text_view),
                             adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
rn_reader_view_dispose (GObject *object)
{
  RnReaderView *self = RN_READER_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_READER_VIEW);
  /* A template child without an id is not unparented by the above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->item);
  g_clear_object (&self->store);
  g_clear_object (&self->images);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->pictures, g_ptr_array_unref);
  g_clear_pointer (&self->link, g_free);

  G_OBJECT_CLASS (rn_reader_view_parent_class)->dispose (object);
}

static void
rn_reader_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RnReaderView *self = RN_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_IMAGES_BLOCKED:
      g_value_set_boolean (value, rn_reader_view_get_images_blocked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A readable column: at most this wide, centred (AdwClamp cannot hold a
 * scrollable text view). */
#define COLUMN_WIDTH 720

static void
rn_reader_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  RnReaderView *self = RN_READER_VIEW (widget);
  int margin = MAX (18, (width - COLUMN_WIDTH) / 2);

  if (gtk_text_view_get_left_margin (self->text_view) != margin)
    {
      gtk_text_view_set_left_margin (self->text_view, margin);
      gtk_text_view_set_right_margin (self->text_view, margin);
      rn_reader_render_set_margin (gtk_text_view_get_buffer (self->text_view), margin);
    }
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static void
rn_reader_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
rn_reader_view_class_init (RnReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_reader_view_dispose;
  object_class->get_property = rn_reader_view_get_property;
  widget_class->size_allocate = rn_reader_view_size_allocate;
  widget_class->measure = rn_reader_view_measure;

  properties[PROP_IMAGES_BLOCKED] =
    g_param_spec_boolean ("images-blocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-reader-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RnReaderView, stack);
  gtk_widget_class_bind_template_child (widget_class, RnReaderView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RnReaderView, images_revealer);
  gtk_widget_class_bind_template_child (widget_class, RnReaderView, text_view);
  gtk_widget_class_set_css_name (widget_class, "rnreaderview");
}

static void
rn_reader_view_init (RnReaderView *self)
{
  GtkGesture *click;
  GtkEventController *motion, *key;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Code blocks and indents start from the margin the view starts with
   * (size_allocate() re-bases them only when it changes). */
  rn_reader_render_set_margin (gtk_text_view_get_buffer (self->text_view),
                               gtk_text_view_get_left_margin (self->text_view));
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_reader_image_free);
  self->pictures = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->policy = RN_REMOTE_IMAGES_ASK;

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), motion);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), key);

  gtk_stack_set_visible_child_name (self->stack, "empty");

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
}

void
rn_reader_view_set_image_cache (RnReaderView *self,
                                RnImageCache *images)
{
  g_return_if_fail (RN_IS_READER_VIEW (self));
  g_set_object (&self->images, images);
}

static void show_item (RnReaderView *self);

void
rn_reader_view_set_remote_images (RnReaderView   *self,
                                  RnRemoteImages  policy)
{
  g_return_if_fail (RN_IS_READER_VIEW (self));
  if (self->policy == policy)
    return;
  self->policy = policy;
  /* Image addresses are kept or dropped when the content is parsed. */
  if (self->item != NULL)
    show_item (self);
}

/* Journal, publication types and where to find the article (PubMed, PMC,
 * DOI): what a clinician checks before reading on. Nothing for items that
 * are not articles of a journal. */
static void
insert_citation (RnReaderView  *self,
                 GtkTextBuffer *buffer,
                 GtkTextIter   *iter,
                 RnItem        *item)
{
  g_autoptr(RnItemCitation) citation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *source = NULL;
  struct { const char *label; char *url; } links[] = {
    { "PubMed", NULL }, { "PMC", NULL }, { "DOI", NULL },
  };
  gboolean any_link = FALSE;

  citation = rn_item_citation_load (self->store, rn_item_get_id (item), &error);
  if (citation == NULL)
    {
      g_debug ("No citation for item %" G_GINT64_FORMAT ": %s", rn_item_get_id (item), error->message);
      return;
    }
  if (citation->notice != NULL)
    {
      const char *label = g_str_equal (citation->notice, "retraction") ? _("Retracted")
                        : g_str_equal (citation->notice, "correction") ? _("Corrected")
                        : g_str_equal (citation->notice, "expression-of-concern") ? _("Expression of Concern")
                        : NULL;

      if (label != NULL)
        {
          /* The notice itself, when Crossref gave its address. */
          if (citation->notice_url != NULL && (g_str_has_prefix (citation->notice_url, "https://") ||
                                               g_str_has_prefix (citation->notice_url, "http://")))
            rn_reader_render_insert_link (buffer, iter, label, citation->notice_url, "head-notice");
          else
            gtk_text_buffer_insert_with_tags_by_name (buffer, iter, label, -1, "head-notice", NULL);
          gtk_text_buffer_insert_with_tags_by_name (buffer, iter, "\n", -1, "head-notice", NULL);
        }
    }
  source = rn_item_citation_format_source (citation);
  if (source != NULL)
    g_string_append (line, source);
  for (guint i = 0; i < citation->types->len; i++)
    {
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, g_ptr_array_index (citation->types, i));
    }
  if (line->len > 0)
    {
      gtk_text_buffer_insert_with_tags_by_name (buffer, iter, line->str, -1, "head-citation", NULL);
      gtk_text_buffer_insert_with_tags_by_name (buffer, iter, "\n", -1, "head-citation", NULL);
    }

  links[0].url = rn_item_citation_pubmed_url (citation);
  links[1].url = rn_item_citation_pmc_url (citation);
  links[2].url = rn_item_citation_doi_url (citation);
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      if (links[i].url == NULL)
        continue;
      if (any_link)
        gtk_text_buffer_insert_with_tags_by_name (buffer, iter, "  ·  ", -1, "head-links", NULL);
      rn_reader_render_insert_link (buffer, iter, links[i].label, links[i].url, "head-links");
      any_link = TRUE;
      g_free (links[i].url);
    }
  if (any_link)
    gtk_text_buffer_insert_with_tags_by_name (buffer, iter, "\n", -1, "head-links", NULL);
}

/* The head of the article (source, title, author and date) is text of the
 * buffer too, so that it scrolls and selects with the body. */
static void
insert_header (RnReaderView *self,
               RnItem       *item)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *date = rn_format_full_date (rn_item_get_published (item) > 0
                                               ? rn_item_get_published (item)
                                               : rn_item_get_sort_date (item));
  const char *author = rn_item_get_author (item);
  const char *title = rn_item_get_title (item);
  const char *source = rn_item_get_feed_title (item);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextIter iter;

  if (gtk_text_tag_table_lookup (table, "head-source") == NULL)
    {
      gtk_text_buffer_create_tag (buffer, "head-source", "weight", PANGO_WEIGHT_BOLD, "scale", 0.85,
                                  "pixels-below-lines", 6, NULL);
      gtk_text_buffer_create_tag (buffer, "head-title", "weight", PANGO_WEIGHT_BOLD, "scale", 1.9,
                                  "pixels-below-lines", 8, "wrap-mode", GTK_WRAP_WORD_CHAR, NULL);
      gtk_text_buffer_create_tag (buffer, "head-meta", "foreground-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 1.0 },
                                  "pixels-below-lines", 4, NULL);
      gtk_text_buffer_create_tag (buffer, "head-citation", "style", PANGO_STYLE_ITALIC,
                                  "pixels-below-lines", 4, NULL);
      gtk_text_buffer_create_tag (buffer, "head-links", "pixels-below-lines", 4, NULL);
      /* libadwaita's destructive red, readable on light and dark. */
      gtk_text_buffer_create_tag (buffer, "head-notice", "weight", PANGO_WEIGHT_BOLD,
                                  "foreground-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 },
                                  "pixels-below-lines", 4, NULL);
      /* The gap between the header and the text, on whichever line ends
       * the header. */
      gtk_text_buffer_create_tag (buffer, "head-end", "pixels-below-lines", 22, NULL);
    }

  if (author != NULL && *author != '\0')
    g_string_append (meta, author);
  if (*date != '\0')
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append (meta, date);
    }
  if (self->offline_copy)
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append (meta, _("Offline copy"));
    }

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (source != NULL && *source != '\0')
    {
      gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, source, -1, "head-source", NULL);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, "\n", -1, "head-source", NULL);
    }
  gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, title != NULL && *title != '\0' ? title : _("Untitled"),
                                            -1, "head-title", NULL);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, "\n", -1, "head-title", NULL);
  if (meta->len > 0)
    {
      gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, meta->str, -1, "head-meta", NULL);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, "\n", -1, "head-meta", NULL);
    }
  insert_citation (self, buffer, &iter, item);
  {
    GtkTextIter line_start = iter;

    gtk_text_iter_backward_line (&line_start);
    gtk_text_buffer_apply_tag_by_name (buffer, "head-end", &line_start, &iter);
  }
}

/* Pages (offline copies above all) often start with the article's title,
 * which the header shows already. */
static void
drop_repeated_title (GtkTextBuffer *buffer,
                     const char    *title)
{
  GtkTextIter start, end;
  g_autofree char *line = NULL;

  if (title == NULL || *title == '\0')
    return;
  gtk_text_buffer_get_start_iter (buffer, &start);
  end = start;
  if (!gtk_text_iter_forward_line (&end))
    return;
  line = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (line);
  if (g_utf8_collate (line, title) == 0 && gtk_text_iter_get_child_anchor (&start) == NULL)
    gtk_text_buffer_delete (buffer, &start, &end);
}

static void
show_item (RnReaderView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *link = NULL;
  g_autoptr(GPtrArray) images = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  cancel_loads (self);
  g_ptr_array_set_size (self->pending, 0);
  g_ptr_array_set_size (self->pictures, 0);
  self->n_pictures = 0;
  self->offline_copy = FALSE;

  if (self->item == NULL)
    {
      gtk_text_buffer_set_text (buffer, "", 0);
      set_blocked (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* A saved item with a snapshot reads from it (the page's main text and
   * its stored images); so does any item while there is no network. */
  if (rn_item_get_saved (self->item) || !g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    {
      RnSnapshotState state = rn_snapshot_get_state (self->store, rn_item_get_id (self->item), NULL);

      if ((state == RN_SNAPSHOT_STATE_COMPLETE || state == RN_SNAPSHOT_STATE_PARTIAL)
          && rn_snapshot_load (self->store, rn_item_get_id (self->item), &html, NULL, NULL))
        self->offline_copy = TRUE;
    }
  if (html == NULL
      && !rn_item_store_load_content (self->store, rn_item_get_id (self->item), &html, &link, &error))
    {
      g_warning ("Cannot load item %" G_GINT64_FORMAT ": %s", rn_item_get_id (self->item), error->message);
      html = g_strdup ("");
    }
  g_free (self->link);
  self->link = g_strdup (link != NULL ? link : rn_item_get_link (self->item));

  /* Stored images are local: the remote-images policy does not apply. */
  images = rn_reader_render (buffer, html, self->link, self->offline_copy || self->policy != RN_REMOTE_IMAGES_NEVER);
  drop_repeated_title (buffer, rn_item_get_title (self->item));
  if (g_strcmp0 (rn_item_get_item_type (self->item), "post") == 0)
    rn_post_render_decorate (self->text_view, self->store, self->item, self->images,
                             self->policy == RN_REMOTE_IMAGES_LOAD);
  insert_header (self, self->item);
  on_dark_changed (self);
  for (guint i = 0; i < images->len; i++)
    g_ptr_array_add (self->pending, g_ptr_array_steal_index (images, i--));

  gtk_stack_set_visible_child_name (self->stack, "item");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  if (self->offline_copy)
    {
      set_blocked (self, FALSE);
      load_stored_images (self);
    }
  else if (self->policy == RN_REMOTE_IMAGES_LOAD)
    {
      set_blocked (self, FALSE);
      start_loading (self);
    }
  else
    set_blocked (self, self->policy == RN_REMOTE_IMAGES_ASK && self->pending->len > 0);
}

void
rn_reader_view_set_item (RnReaderView *self,
                         RnStore      *store,
                         RnItem       *item)
{
  g_return_if_fail (RN_IS_READER_VIEW (self));
  g_return_if_fail (item == NULL || RN_IS_STORE (store));

  if (item != NULL && self->item != NULL && rn_item_get_id (item) == rn_item_get_id (self->item))
    return;
  g_set_object (&self->item, item);
  if (store != NULL)
    g_set_object (&self->store, store);
  show_item (self);
}

RnItem *
rn_reader_view_get_item (RnReaderView *self)
{
  g_return_val_if_fail (RN_IS_READER_VIEW (self), NULL);
  return self->item;
}

void
rn_reader_view_load_images (RnReaderView *self)
{
  g_return_if_fail (RN_IS_READER_VIEW (self));
  set_blocked (self, FALSE);
  start_loading (self);
}

gboolean
rn_reader_view_get_images_blocked (RnReaderView *self)
{
  g_return_val_if_fail (RN_IS_READER_VIEW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->images_revealer);
}

guint
rn_reader_view_get_n_pictures (RnReaderView *self)
{
  g_return_val_if_fail (RN_IS_READER_VIEW (self), 0);
  return self->n_pictures;
}

GtkTextBuffer *
rn_reader_view_get_buffer (RnReaderView *self)
{
  g_return_val_if_fail (RN_IS_READER_VIEW (self), NULL);
  return gtk_text_view_get_buffer (self->text_view);
}

GtkTextView *
rn_reader_view_get_text_view (RnReaderView *self)
{
  g_return_val_if_fail (RN_IS_READER_VIEW (self), NULL);
  return self->text_view;
}
