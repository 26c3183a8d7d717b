#pragma once

#include <adwaita.h>

#include "rn-application.h"
#include "rn-context.h"

G_BEGIN_DECLS

#define RN_TYPE_WINDOW (rn_window_get_type ())
G_DECLARE_FINAL_TYPE (RnWindow, rn_window, RN, WINDOW, AdwApplicationWindow)

RnWindow *rn_window_new                 (RnApplication *app,
                                         RnContext     *context);
/* Shows a toast; @message is already translated. */
void      rn_window_add_toast           (RnWindow      *self,
                                         AdwToast      *toast);

/* For tests and benchmarks. */
GtkWidget *rn_window_get_sidebar        (RnWindow      *self);
GtkWidget *rn_window_get_item_list_view (RnWindow      *self);
GtkWidget *rn_window_get_reader_view    (RnWindow      *self);
/* The item the reader shows, or NULL. */
gpointer   rn_window_get_current_item   (RnWindow      *self);
/* The visible page: "welcome" or "library". */
const char *rn_window_get_page          (RnWindow      *self);

G_END_DECLS
