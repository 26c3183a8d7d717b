#pragma once

#include <adwaita.h>

#include "rn-context.h"

G_BEGIN_DECLS

#define RN_TYPE_APPLICATION (rn_application_get_type ())
G_DECLARE_FINAL_TYPE (RnApplication, rn_application, RN, APPLICATION, AdwApplication)

RnApplication *rn_application_new         (void);
RnContext     *rn_application_get_context (RnApplication *self);
/* The library folder, as --data-dir gives it; before activation. */
void           rn_application_set_data_dir (RnApplication *self,
                                            const char    *data_dir);

G_END_DECLS
