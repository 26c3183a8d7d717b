/* rn-saved-item.c: a reading-list entry; immutable for its users, updated
 * in place by the list so bound widgets follow. */
#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <string.h>

#include "rn-saved-item-private.h"
#include "store/rn-sql.h"

struct _RnSavedItem
{
  GObject          parent_instance;

  gint64           item_id;
  char            *title;
  char            *source;
  char            *link;
  char            *item_type;
  RnSavedState     state;
  GStrv            tags;
  char            *note;
  gint64           saved_at;
  gint64           published;
  char            *doi;
  RnSnapshotState  snapshot_state;
  char            *notice;
  char            *notice_url;
};

enum {
  PROP_0,
  PROP_ITEM_ID,
  PROP_TITLE,
  PROP_SOURCE,
  PROP_LINK,
  PROP_ITEM_TYPE,
  PROP_STATE,
  PROP_TAGS,
  PROP_NOTE,
  PROP_SAVED_AT,
  PROP_PUBLISHED,
  PROP_DOI,
  PROP_SNAPSHOT_STATE,
  PROP_NOTICE,
  PROP_NOTICE_URL,
  PROP_HAS_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RnSavedItem, rn_saved_item, G_TYPE_OBJECT)

static const char *const state_names[] = { "to-read", "reading", "done" };
static const char *const snapshot_names[] = { "none", "pending", "complete", "partial", "failed" };

static void
rn_saved_item_finalize (GObject *object)
{
  RnSavedItem *self = RN_SAVED_ITEM (object);

  g_free (self->title);
  g_free (self->source);
  g_free (self->link);
  g_free (self->item_type);
  g_strfreev (self->tags);
  g_free (self->note);
  g_free (self->doi);
  g_free (self->notice);
  g_free (self->notice_url);

  G_OBJECT_CLASS (rn_saved_item_parent_class)->finalize (object);
}

static void
rn_saved_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RnSavedItem *self = RN_SAVED_ITEM (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID:        g_value_set_int64 (value, self->item_id); break;
    case PROP_TITLE:          g_value_set_string (value, self->title); break;
    case PROP_SOURCE:         g_value_set_string (value, self->source); break;
    case PROP_LINK:           g_value_set_string (value, self->link); break;
    case PROP_ITEM_TYPE:      g_value_set_string (value, self->item_type); break;
    case PROP_STATE:          g_value_set_string (value, rn_saved_state_to_string (self->state)); break;
    case PROP_TAGS:           g_value_set_boxed (value, self->tags); break;
    case PROP_NOTE:           g_value_set_string (value, self->note); break;
    case PROP_SAVED_AT:       g_value_set_int64 (value, self->saved_at); break;
    case PROP_PUBLISHED:      g_value_set_int64 (value, self->published); break;
    case PROP_DOI:            g_value_set_string (value, self->doi); break;
    case PROP_SNAPSHOT_STATE: g_value_set_string (value, rn_snapshot_state_to_string (self->snapshot_state)); break;
    case PROP_NOTICE:         g_value_set_string (value, self->notice); break;
    case PROP_NOTICE_URL:     g_value_set_string (value, self->notice_url); break;
    case PROP_HAS_NOTICE:     g_value_set_boolean (value, self->notice != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_saved_item_class_init (RnSavedItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rn_saved_item_finalize;
  object_class->get_property = rn_saved_item_get_property;

  properties[PROP_ITEM_ID] = g_param_spec_int64 ("item-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, ro);
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, ro);
  properties[PROP_ITEM_TYPE] = g_param_spec_string ("item-type", NULL, NULL, NULL, ro);
  /* Strings, so that templates can bind them without an enum type. */
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, ro);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, ro);
  properties[PROP_SAVED_AT] = g_param_spec_int64 ("saved-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_PUBLISHED] = g_param_spec_int64 ("published", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_DOI] = g_param_spec_string ("doi", NULL, NULL, NULL, ro);
  properties[PROP_SNAPSHOT_STATE] = g_param_spec_string ("snapshot-state", NULL, NULL, NULL, ro);
  properties[PROP_NOTICE] = g_param_spec_string ("notice", NULL, NULL, NULL, ro);
  properties[PROP_NOTICE_URL] = g_param_spec_string ("notice-url", NULL, NULL, NULL, ro);
  properties[PROP_HAS_NOTICE] = g_param_spec_boolean ("has-notice", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rn_saved_item_init (RnSavedItem *self)
{
  self->tags = g_new0 (char *, 1);
}

RnSavedItem *
rn_saved_item_new_from_row (sqlite3_stmt *stmt)
{
  RnSavedItem *self = g_object_new (RN_TYPE_SAVED_ITEM, NULL);
  const char *tags = rn_sql_column_text (stmt, 6);

  self->item_id = sqlite3_column_int64 (stmt, 0);
  self->title = rn_sql_dup_text (stmt, 1);
  self->source = rn_sql_dup_text (stmt, 2);
  self->link = rn_sql_dup_text (stmt, 3);
  self->item_type = rn_sql_dup_text (stmt, 4);
  if (!rn_saved_state_from_string (rn_sql_column_text (stmt, 5), &self->state))
    self->state = RN_SAVED_STATE_TO_READ;
  if (tags != NULL && *tags != '\0')
    {
      g_strfreev (self->tags);
      self->tags = g_strsplit (tags, "\x1f", -1);
    }
  self->note = rn_sql_dup_text (stmt, 7);
  self->saved_at = sqlite3_column_int64 (stmt, 8);
  self->published = sqlite3_column_int64 (stmt, 9);
  self->doi = rn_sql_dup_text (stmt, 10);
  self->snapshot_state = rn_snapshot_state_from_string (rn_sql_column_text (stmt, 11));
  self->notice = rn_sql_dup_text (stmt, 12);
  self->notice_url = rn_sql_dup_text (stmt, 13);
  return self;
}

static void
update_string (RnSavedItem  *self,
               char        **field,
               const char   *value,
               guint         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
update_int (RnSavedItem *self,
            gint64      *field,
            gint64       value,
            guint        prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  for (; *a != NULL && *b != NULL; a++, b++)
    if (strcmp (*a, *b) != 0)
      return FALSE;
  return *a == NULL && *b == NULL;
}

void
rn_saved_item_update_from (RnSavedItem *self,
                           RnSavedItem *from)
{
  gboolean had_notice = self->notice != NULL;

  g_return_if_fail (RN_IS_SAVED_ITEM (self));
  g_return_if_fail (RN_IS_SAVED_ITEM (from));

  g_object_freeze_notify (G_OBJECT (self));
  update_string (self, &self->title, from->title, PROP_TITLE);
  update_string (self, &self->source, from->source, PROP_SOURCE);
  update_string (self, &self->link, from->link, PROP_LINK);
  update_string (self, &self->item_type, from->item_type, PROP_ITEM_TYPE);
  if (self->state != from->state)
    {
      self->state = from->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (!strv_equal ((const char * const *) self->tags, (const char * const *) from->tags))
    {
      g_strfreev (self->tags);
      self->tags = g_strdupv (from->tags);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
    }
  update_string (self, &self->note, from->note, PROP_NOTE);
  update_int (self, &self->saved_at, from->saved_at, PROP_SAVED_AT);
  update_int (self, &self->published, from->published, PROP_PUBLISHED);
  update_string (self, &self->doi, from->doi, PROP_DOI);
  if (self->snapshot_state != from->snapshot_state)
    {
      self->snapshot_state = from->snapshot_state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT_STATE]);
    }
  update_string (self, &self->notice, from->notice, PROP_NOTICE);
  update_string (self, &self->notice_url, from->notice_url, PROP_NOTICE_URL);
  if (had_notice != (self->notice != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_NOTICE]);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64      rn_saved_item_get_item_id   (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), 0); return self->item_id; }
const char *rn_saved_item_get_title     (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), NULL); return self->title; }
const char *rn_saved_item_get_source    (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), NULL); return self->source; }
const char *rn_saved_item_get_link      (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), NULL); return self->link; }
const char *rn_saved_item_get_item_type (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), NULL); return self->item_type; }
RnSavedState rn_saved_item_get_state    (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), 0); return self->state; }
const char *rn_saved_item_get_note      (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), NULL); return self->note; }
gint64      rn_saved_item_get_saved_at  (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), 0); return self->saved_at; }
gint64      rn_saved_item_get_published (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), 0); return self->published; }
const char *rn_saved_item_get_doi       (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), NULL); return self->doi; }
RnSnapshotState rn_saved_item_get_snapshot_state (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), 0); return self->snapshot_state; }
const char *rn_saved_item_get_notice    (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), NULL); return self->notice; }
const char *rn_saved_item_get_notice_url (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), NULL); return self->notice_url; }
gboolean    rn_saved_item_has_notice    (RnSavedItem *self) { g_return_val_if_fail (RN_IS_SAVED_ITEM (self), FALSE); return self->notice != NULL; }

const char * const *
rn_saved_item_get_tags (RnSavedItem *self)
{
  g_return_val_if_fail (RN_IS_SAVED_ITEM (self), NULL);
  return (const char * const *) self->tags;
}

gboolean
rn_saved_item_has_tag (RnSavedItem *self,
                       const char  *tag)
{
  g_return_val_if_fail (RN_IS_SAVED_ITEM (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  /* Tags compare without case, as the saved_tags table does. */
  for (guint i = 0; self->tags[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->tags[i], tag) == 0)
      return TRUE;
  return FALSE;
}

const char *
rn_saved_state_to_string (RnSavedState state)
{
  g_return_val_if_fail (state <= RN_SAVED_STATE_DONE, "to-read");
  return state_names[state];
}

gboolean
rn_saved_state_from_string (const char   *text,
                            RnSavedState *out_state)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (text, state_names[i]))
      {
        *out_state = (RnSavedState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
rn_snapshot_state_to_string (RnSnapshotState state)
{
  g_return_val_if_fail (state <= RN_SNAPSHOT_STATE_FAILED, "none");
  return snapshot_names[state];
}

RnSnapshotState
rn_snapshot_state_from_string (const char *text)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (snapshot_names); i++)
    if (g_str_equal (text, snapshot_names[i]))
      return (RnSnapshotState) i;
  return RN_SNAPSHOT_STATE_NONE;
}
