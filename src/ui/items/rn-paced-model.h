/* rn-paced-model.h: a list model that lets rows inserted into its source
 * in a few at a time.
 *
 * GTK 4.8's list view keeps up to 200 row widgets around its anchor and
 * makes one for every row inserted among them at once: about 2 ms each,
 * built, bound and measured. A refresh of a large library scatters
 * hundreds of new rows over the top of a list in each batch it indexes,
 * which held the main loop for 150–300 ms a batch. Through this model
 * the inserted rows are held back and let in a few per frame where the
 * view keeps widgets (the "window", which the view reports), and the rest
 * in a few changes per frame, since every change above the window moves
 * each widget in it. Changes other than insertions pass straight on;
 * rows held back and then removed are never shown. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RN_TYPE_PACED_MODEL (rn_paced_model_get_type ())
G_DECLARE_FINAL_TYPE (RnPacedModel, rn_paced_model, RN, PACED_MODEL, GObject)

/* Where the view keeps row widgets, in this model's positions; FALSE when
 * it keeps none (not shown): insertions then pass straight on. */
typedef gboolean (*RnPacedWindowFunc) (gpointer  data,
                                       guint    *first,
                                       guint    *last);

RnPacedModel *rn_paced_model_new            (RnPacedWindowFunc  window_func,
                                             gpointer           data);
void          rn_paced_model_set_source     (RnPacedModel      *self,
                                             GListModel        *source);
/* Rows held back now. */
guint         rn_paced_model_get_n_held     (RnPacedModel      *self);
/* Lets every row held back in now. */
void          rn_paced_model_flush          (RnPacedModel      *self);

G_END_DECLS
