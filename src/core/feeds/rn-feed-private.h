/* rn-feed-private.h: the fields of RnFeed and RnFolder, filled by the feed
 * store. */
#pragma once

#include "rn-feed.h"
#include "rn-folder.h"

G_BEGIN_DECLS

struct _RnFeed
{
  GObject  parent_instance;

  gint64   id;
  char    *kind;
  char    *title;             /* what to show: the user's title, the feed's, or the URL */
  char    *url;
  char    *site_url;
  gint64   folder_id;
  char    *folder_title;
  guint    unread_count;
  char    *error;
  guint    failures;
  gint64   last_success;
  gint64   next_fetch;
  guint    refresh_interval;
  gboolean disabled;
};

struct _RnFolder
{
  GObject  parent_instance;

  gint64   id;
  gint64   parent_id;
  char    *title;
  guint    unread_count;
};

G_END_DECLS
