/* rn-post-render.h: what makes a social post more than an article in the
 * reader: who boosted it, its content warning (the text stays hidden until
 * "Show Content"), its media (sensitive media blurred until clicked, alt
 * text as tooltip and accessible label) and its link card. */
#pragma once

#include <gtk/gtk.h>

#include "feeds/rn-item.h"
#include "rn-image-cache.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

/* The post data of items.extra, parsed. */
typedef struct
{
  char      *content_warning;   /* nullable */
  gboolean   sensitive;
  char      *boosted_by;        /* nullable */
  char      *post_id;           /* nullable */
  char      *card_url;
  char      *card_title;
  char      *card_description;
  GPtrArray *media_urls;        /* char *: preview when there is one, else the media */
  GPtrArray *media_alts;        /* char *, "" when none */
} RnPostInfo;

void        rn_post_info_free        (RnPostInfo    *info);
/* NULL when the item has no post data. */
RnPostInfo *rn_post_info_load        (RnStore       *store,
                                      gint64         item_id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnPostInfo, rn_post_info_free)

/* Called with the post's body rendered in @view's buffer and nothing
 * else: adds the boost line and the content warning before it, media and
 * the card after it. @images loads media when @load_media; otherwise each
 * medium is a button that loads it when clicked. */
void        rn_post_render_decorate  (GtkTextView   *view,
                                      RnStore       *store,
                                      RnItem        *item,
                                      RnImageCache  *images,
                                      gboolean       load_media);
/* For tests: whether the post's text is shown (no warning, or "Show
 * Content" was pressed), and the pictures of its media. */
gboolean    rn_post_render_get_content_shown (GtkTextView *view);
void        rn_post_render_set_content_shown (GtkTextView *view,
                                              gboolean     shown);
guint       rn_post_render_get_n_media       (GtkTextView *view);

G_END_DECLS
