#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include "rn-feed-private.h"

G_DEFINE_FINAL_TYPE (RnFolder, rn_folder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_UNREAD_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rn_folder_finalize (GObject *object)
{
  g_free (RN_FOLDER (object)->title);
  G_OBJECT_CLASS (rn_folder_parent_class)->finalize (object);
}

static void
rn_folder_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RnFolder *self = RN_FOLDER (object);

  switch (prop_id)
    {
    case PROP_ID:           g_value_set_int64 (value, self->id); break;
    case PROP_TITLE:        g_value_set_string (value, self->title); break;
    case PROP_UNREAD_COUNT: g_value_set_uint (value, self->unread_count); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_folder_class_init (RnFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rn_folder_finalize;
  object_class->get_property = rn_folder_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_UNREAD_COUNT] = g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rn_folder_init (RnFolder *self)
{
}

gint64      rn_folder_get_id           (RnFolder *self) { g_return_val_if_fail (RN_IS_FOLDER (self), 0); return self->id; }
gint64      rn_folder_get_parent_id    (RnFolder *self) { g_return_val_if_fail (RN_IS_FOLDER (self), 0); return self->parent_id; }
const char *rn_folder_get_title        (RnFolder *self) { g_return_val_if_fail (RN_IS_FOLDER (self), NULL); return self->title; }
guint       rn_folder_get_unread_count (RnFolder *self) { g_return_val_if_fail (RN_IS_FOLDER (self), 0); return self->unread_count; }
