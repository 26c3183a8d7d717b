/* rn-cli-test.h: running radnet-cli in tests. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;      /* exit status */
  char *out;
  char *err;
} RnCliRun;

/* Runs `radnet-cli --data-dir DIR ARGS…` (DIR may be NULL), feeding @input
 * (nullable) on stdin, while the calling thread's main context keeps
 * running (so an in-process test server can answer). */
RnCliRun *rn_cli_run      (const char  *data_dir,
                           const char  *input,
                           const char  *first_arg,
                           ...) G_GNUC_NULL_TERMINATED;
RnCliRun *rn_cli_runv     (const char  *data_dir,
                           const char  *input,
                           const char *const *args);
void      rn_cli_run_free (RnCliRun    *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnCliRun, rn_cli_run_free)

G_END_DECLS
