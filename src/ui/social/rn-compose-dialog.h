/* rn-compose-dialog.h: write a post as one of the signed-in accounts, with
 * a live character counter that follows the server's limit, a content
 * warning, visibility and language; also used to share a library item. */
#pragma once

#include <adwaita.h>

#include "feeds/rn-item.h"
#include "rn-context.h"

G_BEGIN_DECLS

#define RN_TYPE_COMPOSE_DIALOG (rn_compose_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RnComposeDialog, rn_compose_dialog, RN, COMPOSE_DIALOG, AdwWindow)

/* @text: what the post starts with (nullable). */
RnComposeDialog *rn_compose_dialog_new           (GtkWindow       *parent,
                                                  RnContext       *context,
                                                  const char      *text);
/* The text to share @item: its title, DOI link or link. */
char            *rn_compose_text_for_item        (RnItem          *item);
void             rn_compose_dialog_set_text      (RnComposeDialog *self,
                                                  const char      *text);
void             rn_compose_dialog_set_content_warning (RnComposeDialog *self,
                                                  const char      *warning);
/* Characters left under the server's limit (negative when over). */
int              rn_compose_dialog_get_remaining (RnComposeDialog *self);
guint            rn_compose_dialog_get_limit     (RnComposeDialog *self);
/* For tests: the limit as if the server had said it. */
void             rn_compose_dialog_set_limit     (RnComposeDialog *self,
                                                  guint            limit);
gboolean         rn_compose_dialog_can_post      (RnComposeDialog *self);

G_END_DECLS
