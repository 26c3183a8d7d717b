/* rn-sidebar-entry.h: one row of the sidebar: a smart view, a heading, a
 * folder or a feed. */
#pragma once

#include <glib-object.h>

#include "feeds/rn-item-list.h"

G_BEGIN_DECLS

typedef enum
{
  RN_SIDEBAR_ALL,
  RN_SIDEBAR_UNREAD,
  RN_SIDEBAR_STARRED,
  RN_SIDEBAR_READING_LIST,
  RN_SIDEBAR_HEADING,
  RN_SIDEBAR_FOLDER,
  RN_SIDEBAR_FEED,
} RnSidebarKind;

#define RN_TYPE_SIDEBAR_ENTRY (rn_sidebar_entry_get_type ())
G_DECLARE_FINAL_TYPE (RnSidebarEntry, rn_sidebar_entry, RN, SIDEBAR_ENTRY, GObject)

RnSidebarEntry *rn_sidebar_entry_new        (RnSidebarKind   kind,
                                             gint64          id,
                                             const char     *title,
                                             const char     *icon_name);
RnSidebarKind   rn_sidebar_entry_get_kind   (RnSidebarEntry *self);
gint64          rn_sidebar_entry_get_id     (RnSidebarEntry *self);
const char     *rn_sidebar_entry_get_title  (RnSidebarEntry *self);
void            rn_sidebar_entry_set_title  (RnSidebarEntry *self,
                                             const char     *title);
const char     *rn_sidebar_entry_get_icon_name (RnSidebarEntry *self);
guint           rn_sidebar_entry_get_unread (RnSidebarEntry *self);
void            rn_sidebar_entry_set_unread (RnSidebarEntry *self,
                                             guint           unread);
const char     *rn_sidebar_entry_get_error  (RnSidebarEntry *self);
void            rn_sidebar_entry_set_error  (RnSidebarEntry *self,
                                             const char     *error);
gboolean        rn_sidebar_entry_get_nested (RnSidebarEntry *self);
void            rn_sidebar_entry_set_nested (RnSidebarEntry *self,
                                             gboolean        nested);
/* Same kind and id: the same place in the library. */
gboolean        rn_sidebar_entry_same       (RnSidebarEntry *a,
                                             RnSidebarEntry *b);
/* The filter of the item list this entry shows. */
void            rn_sidebar_entry_get_filter (RnSidebarEntry *self,
                                             RnItemFilter   *filter);

G_END_DECLS
