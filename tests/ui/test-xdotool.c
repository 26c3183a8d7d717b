/* test-xdotool.c: the real app, driven as a person would: synthetic key
 * presses through the X server (xdotool), results checked in the library
 * with core functions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/rn-item-list.h"
#include "rn-context.h"
#include "rn-test-util.h"
#include "rn-ui-fixture.h"

static char *
run_xdotool (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

static void
key (const char *keys)
{
  g_free (run_xdotool ("key", "--delay", "60", keys, NULL));
  g_usleep (300 * 1000);
}

static guint
count_starred (const char *dir,
               char      **first_title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnContext) context = rn_context_new (dir, &error);
  RnItemFilter filter = { 0 };
  g_autoptr(RnItemList) list = NULL;
  guint n;

  g_assert_no_error (error);
  filter.starred_only = TRUE;
  list = rn_item_list_new (rn_context_get_store (context), &filter, RN_ITEM_SORT_OLDEST);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  /* All starred titles, one string, to look for the expected ones. */
  if (first_title != NULL)
    {
      GString *titles = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RnItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
          g_string_append_printf (titles, "%s\n", rn_item_get_title (item));
        }
      *first_title = g_string_free (titles, FALSE);
    }
  return n;
}

/* The app writes on its own writer; poll until the library shows it. */
static guint
wait_starred (const char *dir,
              guint       expected,
              char      **title)
{
  guint n = 0;

  for (int i = 0; i < 50; i++)
    {
      g_clear_pointer (title, g_free);
      n = count_starred (dir, title);
      if (n == expected)
        break;
      g_usleep (100 * 1000);
    }
  return n;
}

static void
test_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autofree char *wid = NULL;
  g_autofree char *title = NULL;
  const char *app_path = g_getenv ("RADNET_APP");
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (app_path == NULL || xdotool == NULL)
    {
      g_test_skip ("needs RADNET_APP and xdotool");
      return;
    }

  {
    g_autoptr(RnContext) context = rn_context_new (dir, &error);
    g_assert_no_error (error);
    g_assert_true (rn_ui_fixture_populate (rn_context_get_store (context), 3, 10, &error));
    g_assert_no_error (error);
  }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "RADNET_NO_AUTO_REFRESH", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11", TRUE);
  /* No leak check for the app this test drives: GLib leaves its first
   * quark block behind on purpose once a process has more than 2048
   * quarks, and LeakSanitizer can tell it apart (build-aux/lsan.supp) only
   * on full stacks, which make the app too slow to follow the keys. The
   * in-process UI tests check the same windows for leaks, with full
   * stacks. */
  if (g_getenv ("ASAN_OPTIONS") != NULL)
    {
      g_autofree char *asan = g_strconcat (g_getenv ("ASAN_OPTIONS"), ":detect_leaks=0", NULL);

      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", asan, TRUE);
    }
  app = g_subprocess_launcher_spawn (launcher, &error, app_path, "--data-dir", dir, NULL);
  g_assert_no_error (error);

  /* Wait for the window as a person would see it. */
  wid = run_xdotool ("search", "--sync", "--onlyvisible", "--name", "RadNet", NULL);
  g_strstrip (wid);
  if (strchr (wid, '\n') != NULL)
    *strchr (wid, '\n') = '\0';
  g_assert_cmpstr (wid, !=, "");
  g_usleep (800 * 1000);
  g_free (run_xdotool ("windowfocus", "--sync", wid, NULL));

  g_assert_cmpuint (count_starred (dir, NULL), ==, 0);

  /* j opens the newest item, s stars it. */
  key ("j");
  key ("s");
  g_assert_cmpuint (wait_starred (dir, 1, &title), ==, 1);
  g_assert_nonnull (strstr (title, "(0)"));

  /* Ctrl+F, a query, Enter goes to the first result; s stars it. */
  key ("ctrl+f");
  g_free (run_xdotool ("type", "--delay", "40", "photon", NULL));
  g_usleep (600 * 1000);
  key ("Return");
  key ("s");
  g_assert_cmpuint (wait_starred (dir, 2, &title), ==, 2);
  g_assert_nonnull (strstr (title, "Photon-counting"));

  /* Typing in the search entry did not trigger single-key shortcuts:
   * "photon" has an o (open in browser) and an n (next item) in it, and
   * the starred count shows no stray s. */
  key ("ctrl+q");
  g_assert_true (g_subprocess_wait (app, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
  rn_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/ui/xdotool/keys", test_keys);
  return g_test_run ();
}
