/* rn-preferences-window.h: the app's settings (GSettings com.example.RadNet)
 * and the NCBI API key (the keyring). */
#pragma once

#include <adwaita.h>

#include "rn-context.h"

G_BEGIN_DECLS

#define RN_TYPE_PREFERENCES_WINDOW (rn_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RnPreferencesWindow, rn_preferences_window, RN, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @context gives the rows that keep secrets (the NCBI API key) the keyring
 * and the PubMed client; without one they are hidden. */
GtkWindow *rn_preferences_window_new (GtkWindow *parent,
                                      RnContext *context);

G_END_DECLS
