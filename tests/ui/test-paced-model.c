/* RnPacedModel: insertions above the end of the view's window are held and
 * let in a few per tick; every other change passes on; and the changes it
 * reports always describe its rows exactly (checked against a mirror that
 * applies them, through random edits of the source). */
#include "config.h"

#include <gtk/gtk.h>

#include "items/rn-paced-model.h"

typedef struct
{
  gboolean shown;
  guint    first;
  guint    last;
} Window;

static gboolean
window_of (gpointer  data,
           guint    *first,
           guint    *last)
{
  Window *w = data;

  *first = w->first;
  *last = w->last;
  return w->shown;
}

typedef struct
{
  GListStore   *source;
  RnPacedModel *paced;
  GPtrArray    *mirror;    /* the paced model's rows as its changes say */
  GArray       *changes;   /* guint triples */
  Window        window;
  guint         next;      /* names of new rows */
} Fixture;

static void
on_paced_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  guint change[] = { position, removed, added };

  g_array_append_vals (f->changes, change, 3);
  g_assert_cmpuint (position + removed, <=, f->mirror->len);
  g_ptr_array_remove_range (f->mirror, position, removed);
  for (guint k = 0; k < added; k++)
    g_ptr_array_insert (f->mirror, position + k, g_list_model_get_item (model, position + k));
}

static void
fixture_setup (Fixture *f,
               guint    n)
{
  f->source = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  f->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  f->window = (Window) { TRUE, 0, 9 };
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("old %u", i);
      g_autoptr(GtkStringObject) row = gtk_string_object_new (name);

      g_list_store_append (f->source, row);
    }
  f->paced = rn_paced_model_new (window_of, &f->window);
  g_signal_connect (f->paced, "items-changed", G_CALLBACK (on_paced_changed), f);
  rn_paced_model_set_source (f->paced, G_LIST_MODEL (f->source));
  g_array_set_size (f->changes, 0);
}

static void
fixture_teardown (Fixture *f)
{
  g_clear_object (&f->paced);
  g_clear_object (&f->source);
  g_ptr_array_unref (f->mirror);
  g_array_unref (f->changes);
}

static void
insert_new (Fixture *f,
            guint    position,
            guint    n)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *name = g_strdup_printf ("new %u", f->next++);

      g_ptr_array_add (rows, gtk_string_object_new (name));
    }
  g_list_store_splice (f->source, position, 0, rows->pdata, rows->len);
}

/* The model shows the source minus the rows it holds, in order, and the
 * mirror built from its changes shows the same. */
static void
assert_consistent (Fixture *f)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->paced));
  guint s = 0;

  g_assert_cmpuint (n + rn_paced_model_get_n_held (f->paced), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (f->source)));
  g_assert_cmpuint (f->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (f->paced), i);

      g_assert_true (row == g_ptr_array_index (f->mirror, i));
      /* Rows keep the source's order. */
      for (;; s++)
        {
          g_autoptr(GObject) candidate = g_list_model_get_item (G_LIST_MODEL (f->source), s);

          g_assert_nonnull (candidate);
          if (candidate == row)
            break;
        }
      s++;
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->paced), n));
}

static void
tick (void)
{
  gint64 end = g_get_monotonic_time () + 40 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_held_and_let_in (void)
{
  Fixture f = { 0 };

  fixture_setup (&f, 100);
  g_assert_cmpuint (f.mirror->len, ==, 100);

  /* 30 new rows among the rows the view shows: held. */
  insert_new (&f, 5, 30);
  g_assert_cmpuint (f.changes->len, ==, 0);
  g_assert_cmpuint (rn_paced_model_get_n_held (f.paced), ==, 30);
  assert_consistent (&f);

  /* Far below the window: passed on at once. */
  insert_new (&f, 120, 5);
  g_assert_cmpuint (f.changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (f.changes, guint, 0), ==, 90);
  g_assert_cmpuint (g_array_index (f.changes, guint, 2), ==, 5);
  assert_consistent (&f);

  /* A held row removed is never shown; a shown one removed is said. */
  g_list_store_remove (f.source, 8);
  g_assert_cmpuint (f.changes->len, ==, 3);
  g_assert_cmpuint (rn_paced_model_get_n_held (f.paced), ==, 29);
  g_list_store_remove (f.source, 34);
  g_assert_cmpuint (f.changes->len, ==, 6);
  g_assert_cmpuint (g_array_index (f.changes, guint, 3), ==, 5);
  g_assert_cmpuint (g_array_index (f.changes, guint, 4), ==, 1);
  assert_consistent (&f);

  /* A tick lets a few in, where they belong. */
  g_array_set_size (f.changes, 0);
  tick ();
  g_assert_cmpuint (f.changes->len, >=, 3);
  g_assert_cmpuint (g_array_index (f.changes, guint, 0), ==, 5);
  g_assert_cmpuint (g_array_index (f.changes, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (f.changes, guint, 2), <=, 8);
  g_assert_cmpuint (rn_paced_model_get_n_held (f.paced), >, 0);
  assert_consistent (&f);

  /* In time, all of them. */
  for (guint i = 0; i < 50 && rn_paced_model_get_n_held (f.paced) > 0; i++)
    tick ();
  g_assert_cmpuint (rn_paced_model_get_n_held (f.paced), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.paced)), ==, 100 + 30 + 5 - 2);
  assert_consistent (&f);

  /* Rows above the window's first row need no widgets: all in one go. */
  insert_new (&f, 0, 30);
  g_assert_cmpuint (rn_paced_model_get_n_held (f.paced), ==, 30);
  g_array_set_size (f.changes, 0);
  tick ();
  g_assert_cmpuint (rn_paced_model_get_n_held (f.paced), ==, 0);
  g_assert_cmpuint (f.changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (f.changes, guint, 2), ==, 30);
  assert_consistent (&f);
  fixture_teardown (&f);
}

/* A view that is not shown holds nothing. */
static void
test_not_shown (void)
{
  Fixture f = { 0 };

  fixture_setup (&f, 10);
  f.window.shown = FALSE;
  insert_new (&f, 0, 4);
  g_assert_cmpuint (rn_paced_model_get_n_held (f.paced), ==, 0);
  g_assert_cmpuint (f.changes->len, ==, 3);
  assert_consistent (&f);
  fixture_teardown (&f);
}

/* Random edits of the source, ticks and window moves: the reported changes
 * always match the rows, and a flush shows the whole source. */
static void
test_random (void)
{
  Fixture f = { 0 };
  GRand *rand = g_rand_new_with_seed (20261201);

  fixture_setup (&f, 300);
  for (guint step = 0; step < 1500; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f.source));
      guint op = g_rand_int_range (rand, 0, 10);

      if (op < 5)
        insert_new (&f, g_rand_int_range (rand, 0, n + 1), g_rand_int_range (rand, 1, 12));
      else if (op < 7 && n > 0)
        {
          guint at = g_rand_int_range (rand, 0, n);
          guint count = g_rand_int_range (rand, 1, 6);

          g_list_store_splice (f.source, at, MIN (n - at, count), NULL, 0);
        }
      else if (op < 8 && n > 0)
        {
          /* A replacement: rows said removed and added again. */
          guint at = g_rand_int_range (rand, 0, n);
          guint want = g_rand_int_range (rand, 1, 20);
          guint count = MIN (n - at, want);
          g_autoptr(GPtrArray) same = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint k = 0; k < count; k++)
            g_ptr_array_add (same, g_list_model_get_item (G_LIST_MODEL (f.source), at + k));
          g_list_store_splice (f.source, at, count, same->pdata, count);
        }
      else if (op < 9)
        {
          f.window.first = g_rand_int_range (rand, 0, 200);
          f.window.last = f.window.first + g_rand_int_range (rand, 0, 40);
          f.window.shown = g_rand_int_range (rand, 0, 8) != 0;
        }
      else
        g_main_context_iteration (NULL, FALSE);
      if (step % 50 == 0)
        tick ();
      if (step % 5 == 0)
        assert_consistent (&f);
    }
  rn_paced_model_flush (f.paced);
  g_assert_cmpuint (rn_paced_model_get_n_held (f.paced), ==, 0);
  assert_consistent (&f);
  g_rand_free (rand);
  fixture_teardown (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/ui/paced-model/held-and-let-in", test_held_and_let_in);
  g_test_add_func ("/radnet/ui/paced-model/not-shown", test_not_shown);
  g_test_add_func ("/radnet/ui/paced-model/random", test_random);
  return g_test_run ();
}
