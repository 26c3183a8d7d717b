/* rn-item.c: the row record of an item. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <string.h>

#include "rn-item-private.h"
#include "store/rn-sql.h"

struct _RnItem
{
  GObject  parent_instance;

  gint64   id;
  gint64   feed_id;
  char    *feed_title;
  char    *type;
  char    *title;
  char    *link;
  char    *author;
  gint64   published;
  gint64   sort_date;
  char    *snippet;
  char    *thumbnail;
  char    *doi;
  gboolean read;
  gboolean starred;
  gboolean saved;
};

G_DEFINE_FINAL_TYPE (RnItem, rn_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FEED_TITLE,
  PROP_ITEM_TYPE,
  PROP_TITLE,
  PROP_LINK,
  PROP_AUTHOR,
  PROP_PUBLISHED,
  PROP_SORT_DATE,
  PROP_SNIPPET,
  PROP_THUMBNAIL,
  PROP_DOI,
  PROP_READ,
  PROP_STARRED,
  PROP_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rn_item_finalize (GObject *object)
{
  RnItem *self = RN_ITEM (object);

  g_free (self->feed_title);
  g_free (self->type);
  g_free (self->title);
  g_free (self->link);
  g_free (self->author);
  g_free (self->snippet);
  g_free (self->thumbnail);
  g_free (self->doi);

  G_OBJECT_CLASS (rn_item_parent_class)->finalize (object);
}

static void
rn_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RnItem *self = RN_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:         g_value_set_int64 (value, self->id); break;
    case PROP_FEED_TITLE: g_value_set_string (value, self->feed_title); break;
    case PROP_ITEM_TYPE:  g_value_set_string (value, self->type); break;
    case PROP_TITLE:      g_value_set_string (value, self->title); break;
    case PROP_LINK:       g_value_set_string (value, self->link); break;
    case PROP_AUTHOR:     g_value_set_string (value, self->author); break;
    case PROP_PUBLISHED:  g_value_set_int64 (value, self->published); break;
    case PROP_SORT_DATE:  g_value_set_int64 (value, self->sort_date); break;
    case PROP_SNIPPET:    g_value_set_string (value, self->snippet); break;
    case PROP_THUMBNAIL:  g_value_set_string (value, self->thumbnail); break;
    case PROP_DOI:        g_value_set_string (value, self->doi); break;
    case PROP_READ:       g_value_set_boolean (value, self->read); break;
    case PROP_STARRED:    g_value_set_boolean (value, self->starred); break;
    case PROP_SAVED:      g_value_set_boolean (value, self->saved); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_item_class_init (RnItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags state = flags | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = rn_item_finalize;
  object_class->get_property = rn_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FEED_TITLE] = g_param_spec_string ("feed-title", NULL, NULL, NULL, flags);
  properties[PROP_ITEM_TYPE] = g_param_spec_string ("item-type", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHED] = g_param_spec_int64 ("published", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SORT_DATE] = g_param_spec_int64 ("sort-date", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SNIPPET] = g_param_spec_string ("snippet", NULL, NULL, NULL, flags);
  properties[PROP_THUMBNAIL] = g_param_spec_string ("thumbnail", NULL, NULL, NULL, flags);
  properties[PROP_DOI] = g_param_spec_string ("doi", NULL, NULL, NULL, flags);
  properties[PROP_READ] = g_param_spec_boolean ("read", NULL, NULL, FALSE, state);
  properties[PROP_STARRED] = g_param_spec_boolean ("starred", NULL, NULL, FALSE, state);
  properties[PROP_SAVED] = g_param_spec_boolean ("saved", NULL, NULL, FALSE, state);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rn_item_init (RnItem *self)
{
}

/* Tags that end a line of text: a space stands in for them in a snippet;
 * inline tags (b, a, em, …) join their text with what surrounds them. */
static gboolean
is_block_tag (const char *p)
{
  static const char *const blocks[] = {
    "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3",
    "h4", "h5", "h6", "blockquote", "pre", "hr", "img", "table", "section",
  };
  gsize len = 0;

  if (*p == '/')
    p++;
  while (g_ascii_isalnum (p[len]))
    len++;
  for (gsize i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (strlen (blocks[i]) == len && g_ascii_strncasecmp (p, blocks[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* Summaries are HTML; a row wants one line of plain text. */
static char *
make_snippet (const char *html)
{
  GString *out;
  gboolean in_tag = FALSE;
  gboolean space = FALSE;

  if (html == NULL)
    return NULL;
  out = g_string_sized_new (256);
  for (const char *p = html; *p != '\0' && out->len < 300; p++)
    {
      if (*p == '<')
        {
          in_tag = TRUE;
          if (is_block_tag (p + 1))
            space = out->len > 0;
        }
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag)
        {
          if (g_ascii_isspace (*p))
            space = out->len > 0;
          else
            {
              if (space)
                g_string_append_c (out, ' ');
              space = FALSE;
              g_string_append_c (out, *p);
            }
        }
    }
  /* Cut on a character boundary and decode the entities people meet most. */
  while (out->len > 0 && !g_utf8_validate (out->str, out->len, NULL))
    g_string_truncate (out, out->len - 1);
  {
    static const char *const entities[][2] = {
      { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
      { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", " " },
    };
    for (gsize i = 0; i < G_N_ELEMENTS (entities); i++)
      g_string_replace (out, entities[i][0], entities[i][1], 0);
  }
  return g_string_free (out, FALSE);
}

RnItem *
rn_item_new_from_row (sqlite3_stmt *stmt)
{
  RnItem *self = g_object_new (RN_TYPE_ITEM, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->feed_id = sqlite3_column_int64 (stmt, 1);
  self->feed_title = rn_sql_dup_text (stmt, 2);
  self->type = rn_sql_dup_text (stmt, 3);
  self->title = rn_sql_dup_text (stmt, 4);
  self->link = rn_sql_dup_text (stmt, 5);
  self->author = rn_sql_dup_text (stmt, 6);
  self->published = sqlite3_column_int64 (stmt, 7);
  self->sort_date = sqlite3_column_int64 (stmt, 8);
  self->snippet = make_snippet (rn_sql_column_text (stmt, 9));
  self->thumbnail = rn_sql_dup_text (stmt, 10);
  self->doi = rn_sql_dup_text (stmt, 11);
  self->read = sqlite3_column_int (stmt, RN_ITEM_ROW_READ) != 0;
  self->starred = sqlite3_column_int (stmt, RN_ITEM_ROW_STARRED) != 0;
  self->saved = sqlite3_column_int (stmt, RN_ITEM_ROW_SAVED) != 0;
  return self;
}

void
rn_item_set_state (RnItem   *self,
                   gboolean  read,
                   gboolean  starred,
                   gboolean  saved)
{
  read = !!read;
  starred = !!starred;
  saved = !!saved;
  if (self->read != read)
    {
      self->read = read;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
    }
  if (self->starred != starred)
    {
      self->starred = starred;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
    }
  if (self->saved != saved)
    {
      self->saved = saved;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED]);
    }
}

gint64      rn_item_get_id         (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), 0); return self->id; }
gint64     *rn_item_peek_id        (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), NULL); return &self->id; }
gint64      rn_item_get_feed_id    (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), 0); return self->feed_id; }
const char *rn_item_get_feed_title (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), NULL); return self->feed_title; }
const char *rn_item_get_item_type  (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), NULL); return self->type; }
const char *rn_item_get_title      (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), NULL); return self->title; }
const char *rn_item_get_link       (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), NULL); return self->link; }
const char *rn_item_get_author     (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), NULL); return self->author; }
gint64      rn_item_get_published  (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), 0); return self->published; }
gint64      rn_item_get_sort_date  (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), 0); return self->sort_date; }
const char *rn_item_get_snippet    (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), NULL); return self->snippet; }
const char *rn_item_get_thumbnail  (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), NULL); return self->thumbnail; }
const char *rn_item_get_doi        (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), NULL); return self->doi; }
gboolean    rn_item_get_read       (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), FALSE); return self->read; }
gboolean    rn_item_get_starred    (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), FALSE); return self->starred; }
gboolean    rn_item_get_saved      (RnItem *self) { g_return_val_if_fail (RN_IS_ITEM (self), FALSE); return self->saved; }
