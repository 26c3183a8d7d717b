/* RnRowLimitModel: the changes it reports always describe its rows exactly
 * (checked against a mirror that applies them, through random edits of the
 * source and of the limit); past the source's end a change passes on as it
 * is, and raising the limit is an append. */
#include "config.h"

#include <gio/gio.h>

#include "items/rn-row-limit-model.h"

typedef struct
{
  GListStore      *source;
  RnRowLimitModel *limited;
  GPtrArray       *mirror;    /* the model's rows as its changes say */
  GArray          *changes;   /* guint triples */
} Fixture;

static void
on_changed (GListModel *model,
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
append_rows (GListStore *store,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (store, row);
    }
}

static void
fixture_setup (Fixture *f,
               guint    n,
               guint    limit)
{
  f->source = g_list_store_new (G_TYPE_OBJECT);
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  f->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  append_rows (f->source, n);
  f->limited = rn_row_limit_model_new ();
  g_signal_connect (f->limited, "items-changed", G_CALLBACK (on_changed), f);
  rn_row_limit_model_set_model (f->limited, G_LIST_MODEL (f->source), limit);
  g_array_set_size (f->changes, 0);
}

static void
fixture_teardown (Fixture *f)
{
  g_clear_object (&f->limited);
  g_clear_object (&f->source);
  g_ptr_array_unref (f->mirror);
  g_array_unref (f->changes);
}

/* The model shows the source's first rows up to the limit, and the mirror
 * built from its changes shows the same. */
static void
assert_consistent (Fixture *f)
{
  guint n_source = g_list_model_get_n_items (G_LIST_MODEL (f->source));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->limited));

  g_assert_cmpuint (n, ==, MIN (n_source, rn_row_limit_model_get_limit (f->limited)));
  g_assert_cmpuint (f->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (f->limited), i);
      g_autoptr(GObject) expected = g_list_model_get_item (G_LIST_MODEL (f->source), i);

      g_assert_true (row == expected);
      g_assert_true (row == g_ptr_array_index (f->mirror, i));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->limited), n));
}

static void
assert_changes (Fixture     *f,
                const guint *expected,
                guint        n_changes)
{
  g_assert_cmpuint (f->changes->len, ==, 3 * n_changes);
  for (guint i = 0; i < 3 * n_changes; i++)
    g_assert_cmpuint (g_array_index (f->changes, guint, i), ==, expected[i]);
  g_array_set_size (f->changes, 0);
}

/* What the list view is told stays small behind the limit, and exact
 * once it is lifted: no change of every row below an insertion. */
static void
test_changes (void)
{
  Fixture f = { 0 };
  g_autoptr(GObject) row = g_object_new (G_TYPE_OBJECT, NULL);

  fixture_setup (&f, 10000, 16);
  assert_consistent (&f);

  /* Behind the limit: the rows shown from the insertion down. */
  g_list_store_insert (f.source, 3, row);
  assert_changes (&f, (const guint[]) { 3, 13, 13 }, 1);
  /* Below the limit: nothing shown changes. */
  g_list_store_remove (f.source, 500);
  assert_changes (&f, NULL, 0);
  assert_consistent (&f);

  /* Raising the limit appends. */
  rn_row_limit_model_set_limit (f.limited, 56);
  assert_changes (&f, (const guint[]) { 16, 0, 40 }, 1);
  rn_row_limit_model_set_limit (f.limited, RN_ROW_LIMIT_NONE);
  assert_changes (&f, (const guint[]) { 56, 0, 10000 - 56 }, 1);
  assert_consistent (&f);

  /* Lifted: changes pass on as they are. */
  g_list_store_insert (f.source, 0, row);
  assert_changes (&f, (const guint[]) { 0, 0, 1 }, 1);
  g_list_store_remove (f.source, 9000);
  assert_changes (&f, (const guint[]) { 9000, 1, 0 }, 1);
  assert_consistent (&f);

  /* Lowering it removes from the end. */
  rn_row_limit_model_set_limit (f.limited, 10);
  assert_changes (&f, (const guint[]) { 10, 10000 - 10, 0 }, 1);
  assert_consistent (&f);
  fixture_teardown (&f);
}

/* Random edits of the source and the limit, around and across it. */
static void
test_random (void)
{
  Fixture f = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);

  fixture_setup (&f, 0, 0);
  for (guint step = 0; step < 4000; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f.source));
      guint what = g_rand_int_range (rand, 0, 10);

      if (what < 4)
        {
          guint count = g_rand_int_range (rand, 1, 12);
          guint at = g_rand_int_range (rand, 0, n + 1);
          g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint k = 0; k < count; k++)
            g_ptr_array_add (rows, g_object_new (G_TYPE_OBJECT, NULL));
          g_list_store_splice (f.source, at, 0, rows->pdata, rows->len);
        }
      else if (what < 7 && n > 0)
        {
          guint at = g_rand_int_range (rand, 0, n);
          guint count = g_rand_int_range (rand, 1, MIN (n - at, 12) + 1);
          g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

          /* Removed, and as many or fewer or more in their place. */
          for (guint k = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 0, 12) : 0; k > 0; k--)
            g_ptr_array_add (rows, g_object_new (G_TYPE_OBJECT, NULL));
          g_list_store_splice (f.source, at, count, rows->pdata, rows->len);
        }
      else if (what < 9)
        rn_row_limit_model_set_limit (f.limited, g_rand_int_range (rand, 0, 80));
      else
        rn_row_limit_model_set_limit (f.limited, RN_ROW_LIMIT_NONE);
      assert_consistent (&f);
    }
  fixture_teardown (&f);
}

/* A new model replaces every row, with its own limit. */
static void
test_set_model (void)
{
  Fixture f = { 0 };
  g_autoptr(GListStore) other = g_list_store_new (G_TYPE_OBJECT);

  fixture_setup (&f, 30, 20);
  assert_consistent (&f);
  append_rows (other, 5);
  rn_row_limit_model_set_model (f.limited, G_LIST_MODEL (other), 16);
  assert_changes (&f, (const guint[]) { 0, 20, 5 }, 1);
  g_clear_object (&f.source);
  f.source = g_object_ref (other);
  assert_consistent (&f);
  rn_row_limit_model_set_model (f.limited, NULL, 16);
  assert_changes (&f, (const guint[]) { 0, 5, 0 }, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.limited)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f.limited), 0));
  fixture_teardown (&f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/ui/row-limit-model/changes", test_changes);
  g_test_add_func ("/radnet/ui/row-limit-model/random", test_random);
  g_test_add_func ("/radnet/ui/row-limit-model/set-model", test_set_model);
  return g_test_run ();
}
