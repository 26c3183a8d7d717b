/* rn-feed.c: a read-only record with properties, for binding in lists. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include "rn-feed-private.h"

G_DEFINE_FINAL_TYPE (RnFeed, rn_feed, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_TITLE,
  PROP_URL,
  PROP_SITE_URL,
  PROP_FOLDER_ID,
  PROP_FOLDER_TITLE,
  PROP_UNREAD_COUNT,
  PROP_ERROR,
  PROP_FAILURES,
  PROP_DISABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rn_feed_finalize (GObject *object)
{
  RnFeed *self = RN_FEED (object);

  g_free (self->kind);
  g_free (self->title);
  g_free (self->url);
  g_free (self->site_url);
  g_free (self->folder_title);
  g_free (self->error);

  G_OBJECT_CLASS (rn_feed_parent_class)->finalize (object);
}

static void
rn_feed_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RnFeed *self = RN_FEED (object);

  switch (prop_id)
    {
    case PROP_ID:           g_value_set_int64 (value, self->id); break;
    case PROP_KIND:         g_value_set_string (value, self->kind); break;
    case PROP_TITLE:        g_value_set_string (value, self->title); break;
    case PROP_URL:          g_value_set_string (value, self->url); break;
    case PROP_SITE_URL:     g_value_set_string (value, self->site_url); break;
    case PROP_FOLDER_ID:    g_value_set_int64 (value, self->folder_id); break;
    case PROP_FOLDER_TITLE: g_value_set_string (value, self->folder_title); break;
    case PROP_UNREAD_COUNT: g_value_set_uint (value, self->unread_count); break;
    case PROP_ERROR:        g_value_set_string (value, self->error); break;
    case PROP_FAILURES:     g_value_set_uint (value, self->failures); break;
    case PROP_DISABLED:     g_value_set_boolean (value, self->disabled); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_feed_class_init (RnFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rn_feed_finalize;
  object_class->get_property = rn_feed_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_SITE_URL] = g_param_spec_string ("site-url", NULL, NULL, NULL, flags);
  properties[PROP_FOLDER_ID] = g_param_spec_int64 ("folder-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FOLDER_TITLE] = g_param_spec_string ("folder-title", NULL, NULL, NULL, flags);
  properties[PROP_UNREAD_COUNT] = g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_FAILURES] = g_param_spec_uint ("failures", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DISABLED] = g_param_spec_boolean ("disabled", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rn_feed_init (RnFeed *self)
{
}

gint64      rn_feed_get_id               (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), 0); return self->id; }
const char *rn_feed_get_kind             (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), NULL); return self->kind; }
const char *rn_feed_get_title            (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), NULL); return self->title; }
const char *rn_feed_get_url              (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), NULL); return self->url; }
const char *rn_feed_get_site_url         (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), NULL); return self->site_url; }
gint64      rn_feed_get_folder_id        (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), 0); return self->folder_id; }
const char *rn_feed_get_folder_title     (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), NULL); return self->folder_title; }
guint       rn_feed_get_unread_count     (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), 0); return self->unread_count; }
const char *rn_feed_get_error            (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), NULL); return self->error; }
guint       rn_feed_get_failures         (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), 0); return self->failures; }
gint64      rn_feed_get_last_success     (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), 0); return self->last_success; }
gint64      rn_feed_get_next_fetch       (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), 0); return self->next_fetch; }
guint       rn_feed_get_refresh_interval (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), 0); return self->refresh_interval; }
gboolean    rn_feed_get_disabled         (RnFeed *self) { g_return_val_if_fail (RN_IS_FEED (self), FALSE); return self->disabled; }

gboolean
rn_feed_is_hidden (RnFeed *self)
{
  g_return_val_if_fail (RN_IS_FEED (self), FALSE);
  /* "remote-search" is RN_REMOTE_SEARCH_KIND (search/ builds on feeds/). */
  return g_strcmp0 (self->kind, "archive") == 0 || g_strcmp0 (self->kind, "remote-search") == 0;
}
