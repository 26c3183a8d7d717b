/* rn-sidebar-entry.c: the object behind a sidebar row. */
#define G_LOG_DOMAIN "rn-sidebar"

#include "config.h"

#include "rn-sidebar-entry.h"

struct _RnSidebarEntry
{
  GObject        parent_instance;

  RnSidebarKind  kind;
  gint64         id;
  char          *title;
  char          *icon_name;
  char          *error;
  guint          unread;
  gboolean       nested;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_UNREAD,
  PROP_ERROR,
  PROP_NESTED,
  PROP_IS_HEADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RnSidebarEntry, rn_sidebar_entry, G_TYPE_OBJECT)

static void
rn_sidebar_entry_finalize (GObject *object)
{
  RnSidebarEntry *self = RN_SIDEBAR_ENTRY (object);

  g_free (self->title);
  g_free (self->icon_name);
  g_free (self->error);

  G_OBJECT_CLASS (rn_sidebar_entry_parent_class)->finalize (object);
}

static void
rn_sidebar_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RnSidebarEntry *self = RN_SIDEBAR_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TITLE:      g_value_set_string (value, self->title); break;
    case PROP_ICON_NAME:  g_value_set_string (value, self->icon_name); break;
    case PROP_UNREAD:     g_value_set_uint (value, self->unread); break;
    case PROP_ERROR:      g_value_set_string (value, self->error); break;
    case PROP_NESTED:     g_value_set_boolean (value, self->nested); break;
    case PROP_IS_HEADING: g_value_set_boolean (value, self->kind == RN_SIDEBAR_HEADING); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_sidebar_entry_class_init (RnSidebarEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rn_sidebar_entry_finalize;
  object_class->get_property = rn_sidebar_entry_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  properties[PROP_UNREAD] = g_param_spec_uint ("unread", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_NESTED] = g_param_spec_boolean ("nested", NULL, NULL, FALSE, flags);
  properties[PROP_IS_HEADING] = g_param_spec_boolean ("is-heading", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rn_sidebar_entry_init (RnSidebarEntry *self)
{
}

RnSidebarEntry *
rn_sidebar_entry_new (RnSidebarKind  kind,
                      gint64         id,
                      const char    *title,
                      const char    *icon_name)
{
  RnSidebarEntry *self = g_object_new (RN_TYPE_SIDEBAR_ENTRY, NULL);

  self->kind = kind;
  self->id = id;
  self->title = g_strdup (title);
  self->icon_name = g_strdup (icon_name);
  return self;
}

RnSidebarKind
rn_sidebar_entry_get_kind (RnSidebarEntry *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR_ENTRY (self), RN_SIDEBAR_ALL);
  return self->kind;
}

gint64
rn_sidebar_entry_get_id (RnSidebarEntry *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR_ENTRY (self), 0);
  return self->id;
}

const char *
rn_sidebar_entry_get_title (RnSidebarEntry *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR_ENTRY (self), NULL);
  return self->title;
}

void
rn_sidebar_entry_set_title (RnSidebarEntry *self,
                            const char     *title)
{
  g_return_if_fail (RN_IS_SIDEBAR_ENTRY (self));
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
rn_sidebar_entry_get_icon_name (RnSidebarEntry *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR_ENTRY (self), NULL);
  return self->icon_name;
}

guint
rn_sidebar_entry_get_unread (RnSidebarEntry *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR_ENTRY (self), 0);
  return self->unread;
}

void
rn_sidebar_entry_set_unread (RnSidebarEntry *self,
                             guint           unread)
{
  g_return_if_fail (RN_IS_SIDEBAR_ENTRY (self));
  if (self->unread == unread)
    return;
  self->unread = unread;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD]);
}

const char *
rn_sidebar_entry_get_error (RnSidebarEntry *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR_ENTRY (self), NULL);
  return self->error;
}

void
rn_sidebar_entry_set_error (RnSidebarEntry *self,
                            const char     *error)
{
  g_return_if_fail (RN_IS_SIDEBAR_ENTRY (self));
  if (error != NULL && *error == '\0')
    error = NULL;
  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

gboolean
rn_sidebar_entry_get_nested (RnSidebarEntry *self)
{
  g_return_val_if_fail (RN_IS_SIDEBAR_ENTRY (self), FALSE);
  return self->nested;
}

void
rn_sidebar_entry_set_nested (RnSidebarEntry *self,
                             gboolean        nested)
{
  g_return_if_fail (RN_IS_SIDEBAR_ENTRY (self));
  nested = !!nested;
  if (self->nested == nested)
    return;
  self->nested = nested;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NESTED]);
}

gboolean
rn_sidebar_entry_same (RnSidebarEntry *a,
                       RnSidebarEntry *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->kind == b->kind && a->id == b->id;
}

void
rn_sidebar_entry_get_filter (RnSidebarEntry *self,
                             RnItemFilter   *filter)
{
  g_return_if_fail (RN_IS_SIDEBAR_ENTRY (self));
  g_return_if_fail (filter != NULL);

  *filter = (RnItemFilter) { 0 };
  switch (self->kind)
    {
    case RN_SIDEBAR_UNREAD:       filter->unread_only = TRUE; break;
    case RN_SIDEBAR_STARRED:      filter->starred_only = TRUE; break;
    /* Until the reading list has its own model, it is the saved items. */
    case RN_SIDEBAR_READING_LIST: filter->saved_only = TRUE; break;
    case RN_SIDEBAR_FOLDER:       filter->folder_id = self->id; break;
    case RN_SIDEBAR_FEED:         filter->feed_id = self->id; break;
    case RN_SIDEBAR_ALL:
    case RN_SIDEBAR_HEADING:
    default:
      break;
    }
}
