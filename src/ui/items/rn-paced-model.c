/* rn-paced-model.c: inserted rows let in a few per frame; see the header.
 *
 * The rows held back are kept as their positions in the source, ascending
 * (`held`). A row of this model at position p is the source row p + j,
 * where j is the number of held rows before it: held[j] - j counts the
 * rows shown before held[j], so j is found by a binary search. */
#define G_LOG_DOMAIN "rn-paced-model"

#include "config.h"

#include <string.h>

#include "rn-paced-model.h"

/* Per tick: rows let into the view's window (each is a row widget to
 * make, about 2 ms), and changes elsewhere (each moves the window's
 * widgets, about 0.2 ms). A tick comes after the frames waiting. */
#define ROWS_PER_TICK    8
#define CHANGES_PER_TICK 64
#define WINDOW_MARGIN    16
#define TICK_MS          16
/* Larger insertions (a list replaced from some row down) pass on, and so
 * does what would hold more rows than this: each change moves every held
 * row below it. */
#define MAX_HELD         8192

struct _RnPacedModel
{
  GObject            parent_instance;

  GListModel        *source;
  gulong             changed_id;
  GArray            *held;     /* guint: source positions, ascending */
  RnPacedWindowFunc  window_func;
  gpointer           window_data;
  guint              tick;
};

static void rn_paced_model_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnPacedModel, rn_paced_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rn_paced_model_model_init))

#define HELD(self, i) g_array_index ((self)->held, guint, (i))

/* The number of held rows before source position @s. */
static guint
held_before (RnPacedModel *self,
             guint         s)
{
  guint lo = 0, hi = self->held->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (HELD (self, mid) < s)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static GType
rn_paced_model_get_item_type (GListModel *model)
{
  RnPacedModel *self = RN_PACED_MODEL (model);

  return self->source != NULL ? g_list_model_get_item_type (self->source) : G_TYPE_OBJECT;
}

static guint
rn_paced_model_get_n_items (GListModel *model)
{
  RnPacedModel *self = RN_PACED_MODEL (model);

  return self->source != NULL ? g_list_model_get_n_items (self->source) - self->held->len : 0;
}

static gpointer
rn_paced_model_get_item (GListModel *model,
                         guint       position)
{
  RnPacedModel *self = RN_PACED_MODEL (model);
  guint lo = 0, hi = self->held->len;

  if (position >= rn_paced_model_get_n_items (model))
    return NULL;
  /* j: the held rows with fewer than position + 1 rows shown before them. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (HELD (self, mid) - mid <= position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return g_list_model_get_item (self->source, position + lo);
}

static void
rn_paced_model_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rn_paced_model_get_item_type;
  iface->get_n_items = rn_paced_model_get_n_items;
  iface->get_item = rn_paced_model_get_item;
}

/* Whether rows let in at @position get widgets: after the window's first
 * row (a row let in at it or above goes above the view's anchor, which
 * GTK keeps in place) and not far past its last. */
static gboolean
in_window (guint position,
           guint first,
           guint last)
{
  return position > first && position <= last + WINDOW_MARGIN;
}

typedef struct
{
  guint position;   /* in this model, once the runs before are in */
  guint index;      /* of its first row in `held`, before any run is let in */
  guint len;
} Run;

/* Lets held rows in: all of them, or a tick's worth. Each run of adjacent
 * rows is one insertion; runs are let in from the top down, so that the
 * positions worked out beforehand stay true. */
static void
let_in (RnPacedModel *self,
        gboolean      all)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  guint first = 0, last = 0, kept = 0, rows = 0, changes = 0, gone = 0;
  gboolean windowed = !all && self->window_func (self->window_data, &first, &last);

  for (guint i = 0; i < self->held->len; )
    {
      guint h = HELD (self, i), len = 1, take;
      guint position = h - kept;
      gboolean widgets = windowed && in_window (position, first, last);

      while (i + len < self->held->len && HELD (self, i + len) == h + len)
        len++;
      if (!windowed)
        take = len;
      else if (widgets)
        take = MIN (len, ROWS_PER_TICK - rows);
      else
        take = changes < CHANGES_PER_TICK ? len : 0;
      if (take > 0)
        {
          Run run = { position, i, take };

          g_array_append_val (runs, run);
          changes++;
          if (widgets)
            rows += take;
        }
      kept += len - take;
      i += len;
    }

  for (guint r = 0; r < runs->len; r++)
    {
      Run *run = &g_array_index (runs, Run, r);

      g_array_remove_range (self->held, run->index - gone, run->len);
      gone += run->len;
      g_list_model_items_changed (G_LIST_MODEL (self), run->position, 0, run->len);
    }
}

static gboolean
tick_cb (gpointer data)
{
  RnPacedModel *self = data;

  let_in (self, FALSE);
  if (self->held->len > 0)
    return G_SOURCE_CONTINUE;
  self->tick = 0;
  return G_SOURCE_REMOVE;
}

static void
on_source_items_changed (GListModel   *source,
                         guint         position,
                         guint         removed,
                         guint         added,
                         RnPacedModel *self)
{
  guint first_held = held_before (self, position);
  guint held_removed = held_before (self, position + removed) - first_held;
  guint shown_position = position - first_held;
  guint first = 0, last = 0;

  /* Held rows that went were never shown; those below move. */
  if (held_removed > 0)
    g_array_remove_range (self->held, first_held, held_removed);
  for (guint i = first_held; i < self->held->len; i++)
    HELD (self, i) = HELD (self, i) - removed + added;

  /* Insertions above the window's end are held (see the header). */
  if (removed == 0 && added > 0 && self->held->len + added <= MAX_HELD &&
      self->window_func (self->window_data, &first, &last) && shown_position <= last + WINDOW_MARGIN)
    {
      g_array_set_size (self->held, self->held->len + added);
      memmove (&HELD (self, first_held + added), &HELD (self, first_held),
               (self->held->len - added - first_held) * sizeof (guint));
      for (guint k = 0; k < added; k++)
        HELD (self, first_held + k) = position + k;
      if (self->tick == 0)
        self->tick = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, TICK_MS, tick_cb, self, NULL);
      return;
    }
  if (removed - held_removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), shown_position, removed - held_removed, added);
}

static void
rn_paced_model_dispose (GObject *object)
{
  RnPacedModel *self = RN_PACED_MODEL (object);

  g_clear_handle_id (&self->tick, g_source_remove);
  if (self->source != NULL)
    g_clear_signal_handler (&self->changed_id, self->source);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (rn_paced_model_parent_class)->dispose (object);
}

static void
rn_paced_model_finalize (GObject *object)
{
  RnPacedModel *self = RN_PACED_MODEL (object);

  g_array_unref (self->held);

  G_OBJECT_CLASS (rn_paced_model_parent_class)->finalize (object);
}

static void
rn_paced_model_class_init (RnPacedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rn_paced_model_dispose;
  object_class->finalize = rn_paced_model_finalize;
}

static void
rn_paced_model_init (RnPacedModel *self)
{
  self->held = g_array_new (FALSE, FALSE, sizeof (guint));
}

RnPacedModel *
rn_paced_model_new (RnPacedWindowFunc window_func,
                    gpointer          data)
{
  RnPacedModel *self;

  g_return_val_if_fail (window_func != NULL, NULL);

  self = g_object_new (RN_TYPE_PACED_MODEL, NULL);
  self->window_func = window_func;
  self->window_data = data;
  return self;
}

void
rn_paced_model_set_source (RnPacedModel *self,
                           GListModel   *source)
{
  guint old;

  g_return_if_fail (RN_IS_PACED_MODEL (self));
  g_return_if_fail (source == NULL || G_IS_LIST_MODEL (source));

  if (self->source == source)
    return;
  old = rn_paced_model_get_n_items (G_LIST_MODEL (self));
  g_clear_handle_id (&self->tick, g_source_remove);
  if (self->source != NULL)
    g_clear_signal_handler (&self->changed_id, self->source);
  g_array_set_size (self->held, 0);
  g_set_object (&self->source, source);
  if (source != NULL)
    self->changed_id = g_signal_connect (source, "items-changed", G_CALLBACK (on_source_items_changed), self);
  if (old > 0 || rn_paced_model_get_n_items (G_LIST_MODEL (self)) > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, rn_paced_model_get_n_items (G_LIST_MODEL (self)));
}

guint
rn_paced_model_get_n_held (RnPacedModel *self)
{
  g_return_val_if_fail (RN_IS_PACED_MODEL (self), 0);
  return self->held->len;
}

void
rn_paced_model_flush (RnPacedModel *self)
{
  g_return_if_fail (RN_IS_PACED_MODEL (self));

  g_clear_handle_id (&self->tick, g_source_remove);
  let_in (self, TRUE);
}
