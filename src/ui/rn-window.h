#pragma once

#include <adwaita.h>

#include "rn-application.h"
#include "rn-context.h"

G_BEGIN_DECLS

#define RN_TYPE_WINDOW (rn_window_get_type ())
G_DECLARE_FINAL_TYPE (RnWindow, rn_window, RN, WINDOW, AdwApplicationWindow)

RnWindow *rn_window_new (RnApplication *app,
                         RnContext     *context);

G_END_DECLS
