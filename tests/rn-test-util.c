#include "config.h"

#include <glib/gstdio.h>

#include "rn-test-util.h"

char *
rn_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("radnet-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_recursive (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_recursive (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

void
rn_test_rmdir (const char *path)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  g_chmod (path, 0700);
  remove_recursive (file);
}

RnContext *
rn_test_context_new (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  char *dir = rn_test_mkdtemp ();
  RnContext *context = rn_context_new (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (context);
  *out_dir = dir;
  return context;
}

static char *
build_path_va (const char *base,
               const char *first,
               va_list     args)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;

  g_ptr_array_add (parts, (gpointer) base);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

char *
rn_test_data_path (const char *first, ...)
{
  g_autofree char *base = g_test_build_filename (G_TEST_DIST, "data", NULL);
  va_list args;
  char *path;

  /* G_TEST_SRCDIR is tests/; test binaries live in subfolders of it. */
  if (!g_file_test (base, G_FILE_TEST_IS_DIR))
    {
      g_free (base);
      base = g_build_filename (g_getenv ("RADNET_SOURCE_ROOT"), "tests", "data", NULL);
    }
  va_start (args, first);
  path = build_path_va (base, first, args);
  va_end (args);
  return path;
}

GBytes *
rn_test_load_data (const char *first, ...)
{
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  va_list args;

  base = g_build_filename (g_getenv ("RADNET_SOURCE_ROOT"), "tests", "data", NULL);
  va_start (args, first);
  path = build_path_va (base, first, args);
  va_end (args);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

char *
rn_test_shared_path (const char *first, ...)
{
  const char *shared = g_getenv ("RADNET_SHARED_DIR");
  va_list args;
  char *path;

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    return NULL;
  va_start (args, first);
  path = build_path_va (shared, first, args);
  va_end (args);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_clear_pointer (&path, g_free);
  return path;
}

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
rn_test_wait_for (gboolean *flag,
                  guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag;
}
