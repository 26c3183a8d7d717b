#include "config.h"

#include "rn-cli-test.h"

void
rn_cli_run_free (RnCliRun *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

typedef struct
{
  RnCliRun *run;
  gboolean  done;
} Wait;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Wait *wait = data;
  g_autoptr(GBytes) out = NULL, err = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &out, &err, &error);
  g_assert_no_error (error);
  wait->run->out = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  wait->run->err = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  wait->run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  wait->done = TRUE;
}

RnCliRun *
rn_cli_runv (const char        *data_dir,
             const char        *input,
             const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stdin_bytes = NULL;
  const char *cli = g_getenv ("RADNET_CLI");
  Wait wait = { g_new0 (RnCliRun, 1), FALSE };

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  if (data_dir != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--data-dir");
      g_ptr_array_add (argv, (gpointer) data_dir);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* With a stdin pipe, communicate() wants a buffer, even an empty one. */
  stdin_bytes = g_bytes_new (input != NULL ? input : "", input != NULL ? strlen (input) : 0);
  g_subprocess_communicate_async (proc, stdin_bytes, NULL, on_communicated, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  return wait.run;
}

RnCliRun *
rn_cli_run (const char *data_dir,
            const char *input,
            const char *first_arg,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return rn_cli_runv (data_dir, input, (const char *const *) args->pdata);
}
