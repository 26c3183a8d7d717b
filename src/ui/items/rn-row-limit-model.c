/* rn-row-limit-model.c: a list model's first rows; see the header. */
#define G_LOG_DOMAIN "rn-row-limit-model"

#include "config.h"

#include "rn-row-limit-model.h"

struct _RnRowLimitModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      changed_id;
  guint       limit;
};

static void rn_row_limit_model_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnRowLimitModel, rn_row_limit_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rn_row_limit_model_model_init))

static guint
source_n_items (RnRowLimitModel *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static GType
rn_row_limit_model_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
rn_row_limit_model_get_n_items (GListModel *model)
{
  RnRowLimitModel *self = RN_ROW_LIMIT_MODEL (model);

  return MIN (source_n_items (self), self->limit);
}

static gpointer
rn_row_limit_model_get_item (GListModel *model,
                             guint       position)
{
  RnRowLimitModel *self = RN_ROW_LIMIT_MODEL (model);

  if (self->model == NULL || position >= self->limit)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
rn_row_limit_model_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rn_row_limit_model_get_item_type;
  iface->get_n_items = rn_row_limit_model_get_n_items;
  iface->get_item = rn_row_limit_model_get_item;
}

/* A change within the rows shown passes on as it is. One that also moves
 * rows across the limit is said as a change of every row shown from its
 * position down: at most the limit's rows. */
static void
on_items_changed (RnRowLimitModel *self,
                  guint            position,
                  guint            removed,
                  guint            added)
{
  guint n_new = g_list_model_get_n_items (self->model);
  guint n_old = n_new - added + removed;

  if (position >= self->limit)
    return;
  if (n_old <= self->limit && n_new <= self->limit)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), position,
                                MIN (n_old, self->limit) - position, MIN (n_new, self->limit) - position);
}

void
rn_row_limit_model_set_model (RnRowLimitModel *self,
                              GListModel      *model,
                              guint            limit)
{
  guint before;

  g_return_if_fail (RN_IS_ROW_LIMIT_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  before = rn_row_limit_model_get_n_items (G_LIST_MODEL (self));
  if (self->model != NULL)
    g_clear_signal_handler (&self->changed_id, self->model);
  g_set_object (&self->model, model);
  self->limit = limit;
  if (model != NULL)
    self->changed_id = g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_items_changed), self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, rn_row_limit_model_get_n_items (G_LIST_MODEL (self)));
}

void
rn_row_limit_model_set_limit (RnRowLimitModel *self,
                              guint            limit)
{
  guint before, after;

  g_return_if_fail (RN_IS_ROW_LIMIT_MODEL (self));

  before = rn_row_limit_model_get_n_items (G_LIST_MODEL (self));
  self->limit = limit;
  after = rn_row_limit_model_get_n_items (G_LIST_MODEL (self));
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  else if (after < before)
    g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
}

guint
rn_row_limit_model_get_limit (RnRowLimitModel *self)
{
  g_return_val_if_fail (RN_IS_ROW_LIMIT_MODEL (self), 0);
  return self->limit;
}

static void
rn_row_limit_model_dispose (GObject *object)
{
  RnRowLimitModel *self = RN_ROW_LIMIT_MODEL (object);

  if (self->model != NULL)
    g_clear_signal_handler (&self->changed_id, self->model);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (rn_row_limit_model_parent_class)->dispose (object);
}

static void
rn_row_limit_model_class_init (RnRowLimitModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rn_row_limit_model_dispose;
}

static void
rn_row_limit_model_init (RnRowLimitModel *self)
{
}

RnRowLimitModel *
rn_row_limit_model_new (void)
{
  return g_object_new (RN_TYPE_ROW_LIMIT_MODEL, NULL);
}
