/* rn-test-util.h: helpers every test shares. */
#pragma once

#include <gio/gio.h>

#include "rn-context.h"

G_BEGIN_DECLS

/* A fresh temporary folder, removed by rn_test_rmdir(). */
char      *rn_test_mkdtemp        (void);
void       rn_test_rmdir          (const char *path);
/* A context on a fresh library in its own temporary folder. */
RnContext *rn_test_context_new    (char      **out_dir);
/* tests/data/<parts…> */
char      *rn_test_data_path      (const char *first, ...) G_GNUC_NULL_TERMINATED;
GBytes    *rn_test_load_data      (const char *first, ...) G_GNUC_NULL_TERMINATED;
/* ../shared/<parts…> or NULL (the test should then g_test_skip) */
char      *rn_test_shared_path    (const char *first, ...) G_GNUC_NULL_TERMINATED;
/* Runs the main context until *flag is TRUE or timeout_ms passes. */
gboolean   rn_test_wait_for       (gboolean   *flag,
                                   guint       timeout_ms);

G_END_DECLS
