/* rn-pubmed-dialog.c: the "Add PubMed Search" window. While the user types
 * it asks NCBI (through RnPubmedClient) how many records match, at most
 * every 500 ms and cancelling the question it no longer needs. */
#define G_LOG_DOMAIN "rn-pubmed-dialog"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "feeds/rn-feed-store.h"
#include "pubmed/rn-pubmed-source.h"
#include "rn-pubmed-dialog.h"

#define COUNT_DELAY_MS 500

/* Positions of the date-window combo's items, in days. */
static const guint window_days[] = { 0, 30, 365 };

struct _RnPubmedDialog
{
  AdwWindow        parent_instance;

  RnStore         *store;
  RnPubmedClient  *client;
  GCancellable    *count_cancellable;
  guint            count_timeout;
  gboolean         query_invalid;

  AdwEntryRow     *query_row;
  AdwComboRow     *window_row;
  AdwActionRow    *count_row;
  GtkSpinner      *spinner;
  AdwEntryRow     *title_row;
  GtkButton       *add_button;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (RnPubmedDialog, rn_pubmed_dialog, ADW_TYPE_WINDOW)

enum
{
  SOURCE_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
trimmed_query (RnPubmedDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->query_row))));
}

static guint
selected_days (RnPubmedDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->window_row);

  return selected < G_N_ELEMENTS (window_days) ? window_days[selected] : 0;
}

static void
update_add_button (RnPubmedDialog *self)
{
  g_autofree char *query = trimmed_query (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), *query != '\0' && !self->query_invalid);
}

static void
show_count_text (RnPubmedDialog *self,
                 const char     *text,
                 gboolean        is_error)
{
  adw_action_row_set_subtitle (self->count_row, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_row), "error");
  /* Screen readers hear the result where the focus is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->query_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
set_busy (RnPubmedDialog *self,
          gboolean        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(RnPubmedDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *text = NULL;
  guint64 count = 0;

  if (!rn_pubmed_client_count_finish (RN_PUBMED_CLIENT (source), result, &count, &notice, &error))
    {
      /* A newer question is on its way, or the window closed. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      self->query_invalid = g_error_matches (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY);
      show_count_text (self, error->message, TRUE);
      update_add_button (self);
      return;
    }

  set_busy (self, FALSE);
  self->query_invalid = FALSE;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " article",
                                       "%" PRIu64 " articles", (gulong) MIN (count, G_MAXULONG)),
                          count);
  if (notice != NULL)
    {
      g_autofree char *with_notice = g_strdup_printf ("%s — %s", text, notice);
      show_count_text (self, with_notice, FALSE);
    }
  else
    show_count_text (self, text, FALSE);
  update_add_button (self);
}

static gboolean
on_count_timeout (gpointer data)
{
  RnPubmedDialog *self = data;
  g_autofree char *query = trimmed_query (self);

  self->count_timeout = 0;
  g_clear_object (&self->count_cancellable);
  self->count_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  rn_pubmed_client_count_async (self->client, query, selected_days (self), self->count_cancellable,
                                on_counted, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_count (RnPubmedDialog *self)
{
  g_autofree char *query = trimmed_query (self);

  g_cancellable_cancel (self->count_cancellable);
  g_clear_handle_id (&self->count_timeout, g_source_remove);
  self->query_invalid = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  if (*query == '\0')
    {
      set_busy (self, FALSE);
      show_count_text (self, _("Type a query to see how many articles match"), FALSE);
    }
  else
    {
      set_busy (self, TRUE);
      self->count_timeout = g_timeout_add (COUNT_DELAY_MS, on_count_timeout, self);
    }
  update_add_button (self);
}

static void
on_query_changed (RnPubmedDialog *self)
{
  schedule_count (self);
}

static void
on_window_changed (RnPubmedDialog *self)
{
  schedule_count (self);
}

static void
on_add_clicked (RnPubmedDialog *self)
{
  g_autofree char *query = trimmed_query (self);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  RnPubmedOptions options = { selected_days (self), 0 };
  g_autofree char *json = rn_pubmed_options_to_json (&options);
  g_autoptr(GError) error = NULL;
  RnFeedSpec spec = { 0 };
  gint64 id = 0;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->add_button)))
    return;

  spec.kind = RN_PUBMED_KIND;
  spec.url = query;
  spec.title = *title != '\0' ? title : query;
  spec.options = json;
  if (!rn_feed_store_add_feed (self->store, &spec, &id, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[SOURCE_ADDED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
rn_pubmed_dialog_dispose (GObject *object)
{
  RnPubmedDialog *self = RN_PUBMED_DIALOG (object);

  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  g_clear_handle_id (&self->count_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_PUBMED_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (rn_pubmed_dialog_parent_class)->dispose (object);
}

static void
rn_pubmed_dialog_class_init (RnPubmedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_pubmed_dialog_dispose;

  signals[SOURCE_ADDED] =
    g_signal_new ("source-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-pubmed-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RnPubmedDialog, query_row);
  gtk_widget_class_bind_template_child (widget_class, RnPubmedDialog, window_row);
  gtk_widget_class_bind_template_child (widget_class, RnPubmedDialog, count_row);
  gtk_widget_class_bind_template_child (widget_class, RnPubmedDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RnPubmedDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, RnPubmedDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, RnPubmedDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_query_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_window_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rn_pubmed_dialog_init (RnPubmedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RnPubmedDialog *
rn_pubmed_dialog_new (GtkWindow      *parent,
                      RnStore        *store,
                      RnPubmedClient *client)
{
  RnPubmedDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  g_return_val_if_fail (RN_IS_PUBMED_CLIENT (client), NULL);

  self = g_object_new (RN_TYPE_PUBMED_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  return self;
}
