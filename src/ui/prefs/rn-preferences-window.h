/* rn-preferences-window.h: the app's settings (GSettings com.example.RadNet). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RN_TYPE_PREFERENCES_WINDOW (rn_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RnPreferencesWindow, rn_preferences_window, RN, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *rn_preferences_window_new (GtkWindow *parent);

G_END_DECLS
