/* rn-column-editor.c: adding and editing a column. The live count runs on
 * a worker thread with its own connection, debounced while typing. */
#define G_LOG_DOMAIN "rn-deck"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-column-editor.h"
#include "rn-query-help.h"
#include "search/rn-account-search.h"
#include "search/rn-query-run.h"

#define COUNT_DELAY_MS 250
#define COUNT_CAP      10000

struct _RnColumnEditor
{
  AdwWindow       parent_instance;

  RnColumnStore  *columns;
  RnColumn       *column;       /* NULL: adding */
  GCancellable   *count_cancellable;
  guint           count_id;
  char           *error_text;

  /* template */
  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  AdwPreferencesPage *page;
  AdwEntryRow    *name_row;
  GtkLabel       *name_error;
  GtkMenuButton  *help_button;
  GtkEntry       *query_entry;
  GtkLabel       *query_error;
  GtkLabel       *count_label;
  AdwComboRow    *sort_row;
  GtkSwitch      *notify_switch;
  GtkWidget      *filters_group;
  AdwEntryRow    *exclude_row;
  AdwEntryRow    *authors_row;
  GtkSwitch      *media_switch;
  GtkSwitch      *boosts_switch;
  GtkSwitch      *replies_switch;
  AdwPreferencesGroup *remote_group;
  GPtrArray      *remote_switches;   /* GtkSwitch, each with its account's key */
};

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RnColumnEditor, rn_column_editor, ADW_TYPE_WINDOW)

/* "a, b ,c" → { "a", "b", "c" } */
static GStrv
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *s = g_strstrip (parts[i]);

      if (*s != '\0')
        g_strv_builder_add (b, s);
    }
  return g_strv_builder_end (b);
}

static char *
join_list (const char * const *v)
{
  return v != NULL ? g_strjoinv (", ", (char **) v) : g_strdup ("");
}

/* ---- the live count ----------------------------------------------------- */

typedef struct
{
  char    *query;
  GStrv    exclude;
  GStrv    authors;
  gboolean media, boosts, replies;
} CountJob;

static void
count_job_free (CountJob *job)
{
  g_free (job->query);
  g_strfreev (job->exclude);
  g_strfreev (job->authors);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  CountJob *job = data;
  RnStore *store = g_object_get_data (G_OBJECT (task), "rn-store");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuery) query = NULL;
  g_autoptr(RnQuerySql) sql = NULL;
  RnColumnFilters filters = {
    .exclude_words = (const char * const *) job->exclude,
    .authors = (const char * const *) job->authors,
    .media_only = job->media,
    .hide_boosts = job->boosts,
    .hide_replies = job->replies,
  };
  sqlite3 *db;
  gint64 count = 0;
  gboolean ok;

  query = rn_query_parse (job->query, &error);
  if (query == NULL || (db = rn_store_open_reader (store, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sql = rn_query_compile_for (query, &filters, g_get_real_time () / G_USEC_PER_SEC, db, &error);
  if (sql == NULL)
    {
      sqlite3_close (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ok = rn_query_count (sql, db, COUNT_CAP + 1, &count, cancellable, &error);
  sqlite3_close (db);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, count);
}

static void
on_count_done (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;
  gssize count = g_task_propagate_int (G_TASK (result), &error);
  RnColumnEditor *self;
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RN_COLUMN_EDITOR (data);
  if (error != NULL)
    text = g_strdup (error->message);
  else if (count > COUNT_CAP)
    text = g_strdup_printf (_("More than %d items match"), COUNT_CAP);
  else if (count == 0)
    text = g_strdup (_("No item matches yet"));
  else
    text = g_strdup_printf (ngettext ("%zd item matches", "%zd items match", count), count);
  gtk_label_set_label (self->count_label, text);
}

static gboolean
on_count_timeout (gpointer data)
{
  RnColumnEditor *self = data;
  g_autoptr(GTask) task = NULL;
  CountJob *job = g_new0 (CountJob, 1);

  self->count_id = 0;
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_cancellable = g_cancellable_new ();

  job->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->query_entry)));
  job->exclude = split_list (gtk_editable_get_text (GTK_EDITABLE (self->exclude_row)));
  job->authors = split_list (gtk_editable_get_text (GTK_EDITABLE (self->authors_row)));
  job->media = gtk_switch_get_active (self->media_switch);
  job->boosts = gtk_switch_get_active (self->boosts_switch);
  job->replies = gtk_switch_get_active (self->replies_switch);

  /* The callback runs only if not cancelled, and dispose cancels: the
   * editor is alive then. */
  task = g_task_new (NULL, self->count_cancellable, on_count_done, self);
  g_task_set_source_tag (task, on_count_timeout);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
  g_task_set_check_cancellable (task, TRUE);
  g_object_set_data_full (G_OBJECT (task), "rn-store",
                          g_object_ref (rn_column_store_get_store (self->columns)), g_object_unref);
  g_task_run_in_thread (task, count_thread);
  return G_SOURCE_REMOVE;
}

/* ---- checking while typing ---------------------------------------------- */

static void
show_query_error (RnColumnEditor *self,
                  const char     *message,
                  guint           start,
                  guint           end)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->query_entry));
  glong length = g_utf8_strlen (text, -1);
  g_autoptr(PangoAttrList) attrs = NULL;

  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_widget_set_visible (GTK_WIDGET (self->query_error), message != NULL);
  gtk_label_set_label (self->query_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), message == NULL);

  if (message == NULL)
    {
      gtk_entry_set_attributes (self->query_entry, NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->query_entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->query_entry), GTK_ACCESSIBLE_STATE_INVALID);
      return;
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->query_entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->query_entry), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  /* Underline the span (an empty span at the end: the last character). */
  if (length > 0)
    {
      PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
      PangoAttribute *color = pango_attr_underline_color_new (0xe000, 0x1b00, 0x2400);
      guint s = MIN (start, (guint) length - 1);
      guint e = MAX (MIN (end, (guint) length), s + 1);

      underline->start_index = color->start_index = g_utf8_offset_to_pointer (text, s) - text;
      underline->end_index = color->end_index = g_utf8_offset_to_pointer (text, e) - text;
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, underline);
      pango_attr_list_insert (attrs, color);
    }
  gtk_entry_set_attributes (self->query_entry, attrs);
}

static void
check (RnColumnEditor *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->query_entry));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *message = NULL;
  guint start = 0, end = 0;
  gboolean ok;

  ok = rn_query_check (query, &start, &end, &message);
  show_query_error (self, ok ? NULL : message, start, end);
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  gtk_widget_set_sensitive (self->save_button, ok && *name != '\0');

  g_clear_handle_id (&self->count_id, g_source_remove);
  if (ok)
    {
      gtk_label_set_label (self->count_label, _("Counting matches…"));
      self->count_id = g_timeout_add (COUNT_DELAY_MS, on_count_timeout, self);
    }
  else
    g_cancellable_cancel (self->count_cancellable);
}

static void
on_input_changed_cb (RnColumnEditor *self)
{
  check (self);
}

/* ---- saving ------------------------------------------------------------- */

static void
show_save_error (RnColumnEditor *self,
                 const GError   *error)
{
  guint start, end;

  if (rn_query_error_get_position (error, &start, &end))
    show_query_error (self, error->message, start, end);
  else
    {
      gtk_label_set_label (self->name_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->name_error), TRUE);
    }
}

static void
apply_settings (RnColumnEditor *self,
                RnColumn       *column)
{
  g_auto(GStrv) exclude = split_list (gtk_editable_get_text (GTK_EDITABLE (self->exclude_row)));
  g_auto(GStrv) authors = split_list (gtk_editable_get_text (GTK_EDITABLE (self->authors_row)));

  rn_column_set_sort (column, adw_combo_row_get_selected (self->sort_row));
  rn_column_set_notify (column, gtk_switch_get_active (self->notify_switch));
  rn_column_set_exclude_words (column, (const char * const *) exclude);
  rn_column_set_authors (column, (const char * const *) authors);
  rn_column_set_media_only (column, gtk_switch_get_active (self->media_switch));
  rn_column_set_hide_boosts (column, gtk_switch_get_active (self->boosts_switch));
  rn_column_set_hide_replies (column, gtk_switch_get_active (self->replies_switch));
  {
    g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
    g_auto(GStrv) strv = NULL;

    for (guint i = 0; i < self->remote_switches->len; i++)
      {
        GtkSwitch *sw = g_ptr_array_index (self->remote_switches, i);

        if (gtk_switch_get_active (sw))
          g_strv_builder_add (keys, g_object_get_data (G_OBJECT (sw), "rn-account-key"));
      }
    strv = g_strv_builder_end (keys);
    rn_column_set_remote_accounts (column, (const char * const *) strv);
  }
}

/* One switch per signed-in account; on for those the column names. */
static void
add_remote_rows (RnColumnEditor *self)
{
  g_autoptr(GPtrArray) accounts = rn_account_store_list (rn_column_store_get_store (self->columns), NULL);
  g_auto(GStrv) named = self->column != NULL ? rn_column_dup_remote_accounts (self->column) : NULL;

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      RnAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *label = rn_account_dup_label (account);
      char *key = rn_account_search_key_for (account);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   g_strcmp0 (account->kind, "bluesky") == 0 ? _("Bluesky") : _("Mastodon"));
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw), named != NULL && g_strv_contains ((const char * const *) named, key));
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (sw), "rn-account-key", key, g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (self->remote_group, row);
      g_ptr_array_add (self->remote_switches, sw);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->remote_group), self->remote_switches->len > 0);
}

gboolean
rn_column_editor_set_remote (RnColumnEditor *self,
                             const char     *key,
                             gboolean        active)
{
  g_return_val_if_fail (RN_IS_COLUMN_EDITOR (self), FALSE);
  for (guint i = 0; i < self->remote_switches->len; i++)
    {
      GtkSwitch *sw = g_ptr_array_index (self->remote_switches, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (sw), "rn-account-key"), key) == 0)
        {
          gtk_switch_set_active (sw, active);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
rn_column_editor_save (RnColumnEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->query_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  g_return_val_if_fail (RN_IS_COLUMN_EDITOR (self), FALSE);

  if (self->column == NULL)
    {
      RnColumn *column = rn_column_store_add (self->columns, trimmed, query,
                                              adw_combo_row_get_selected (self->sort_row),
                                              gtk_switch_get_active (self->notify_switch), &error);
      if (column == NULL)
        {
          show_save_error (self, error);
          return FALSE;
        }
      apply_settings (self, column);
      g_signal_emit (self, signals[SAVED], 0, column);
    }
  else
    {
      if (!rn_column_store_rename (self->columns, self->column, trimmed, &error) ||
          !rn_column_set_query (self->column, query, &error))
        {
          show_save_error (self, error);
          return FALSE;
        }
      apply_settings (self, self->column);
      g_signal_emit (self, signals[SAVED], 0, self->column);
    }
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rn_column_editor_save (RN_COLUMN_EDITOR (widget));
}

/* ---- GObject ------------------------------------------------------------ */

static void
rn_column_editor_dispose (GObject *object)
{
  RnColumnEditor *self = RN_COLUMN_EDITOR (object);

  g_clear_handle_id (&self->count_id, g_source_remove);
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  g_clear_object (&self->column);
  g_clear_object (&self->columns);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->remote_switches, g_ptr_array_unref);

  G_OBJECT_CLASS (rn_column_editor_parent_class)->dispose (object);
}

static void
rn_column_editor_class_init (RnColumnEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_column_editor_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, RN_TYPE_COLUMN);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-column-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, page);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, help_button);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, query_entry);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, query_error);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, count_label);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, sort_row);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, filters_group);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, exclude_row);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, authors_row);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, media_switch);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, boosts_switch);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, replies_switch);
  gtk_widget_class_bind_template_child (widget_class, RnColumnEditor, remote_group);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
rn_column_editor_init (RnColumnEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->remote_switches = g_ptr_array_new ();
  gtk_menu_button_set_popover (self->help_button, rn_query_help_new (GTK_EDITABLE (self->query_entry)));
}

RnColumnEditor *
rn_column_editor_new (GtkWindow           *parent,
                      RnColumnStore       *columns,
                      RnColumn            *column,
                      const char          *name,
                      const char          *query,
                      RnColumnEditorFocus  focus)
{
  RnColumnEditor *self;

  g_return_val_if_fail (RN_IS_COLUMN_STORE (columns), NULL);

  self = g_object_new (RN_TYPE_COLUMN_EDITOR, "transient-for", parent, NULL);
  self->columns = g_object_ref (columns);
  if (column != NULL)
    {
      g_autofree char *exclude = join_list (rn_column_get_exclude_words (column));
      g_autofree char *authors = join_list (rn_column_get_authors (column));

      self->column = g_object_ref (column);
      adw_window_title_set_title (self->window_title, _("Edit Column"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
      name = rn_column_get_name (column);
      query = rn_column_get_query (column);
      adw_combo_row_set_selected (self->sort_row, rn_column_get_sort (column));
      gtk_switch_set_active (self->notify_switch, rn_column_get_notify (column));
      gtk_editable_set_text (GTK_EDITABLE (self->exclude_row), exclude);
      gtk_editable_set_text (GTK_EDITABLE (self->authors_row), authors);
      gtk_switch_set_active (self->media_switch, rn_column_get_media_only (column));
      gtk_switch_set_active (self->boosts_switch, rn_column_get_hide_boosts (column));
      gtk_switch_set_active (self->replies_switch, rn_column_get_hide_replies (column));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Column"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));
    }
  add_remote_rows (self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->query_entry), query != NULL ? query : "");
  check (self);

  switch (focus)
    {
    case RN_COLUMN_EDITOR_FOCUS_NAME:
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      break;
    case RN_COLUMN_EDITOR_FOCUS_FILTERS:
      gtk_widget_grab_focus (GTK_WIDGET (self->exclude_row));
      break;
    case RN_COLUMN_EDITOR_FOCUS_QUERY:
    default:
      gtk_widget_grab_focus (GTK_WIDGET (self->query_entry));
      break;
    }
  return self;
}

GtkEditable *
rn_column_editor_get_query_entry (RnColumnEditor *self)
{
  g_return_val_if_fail (RN_IS_COLUMN_EDITOR (self), NULL);
  return GTK_EDITABLE (self->query_entry);
}

const char *
rn_column_editor_get_error (RnColumnEditor *self)
{
  g_return_val_if_fail (RN_IS_COLUMN_EDITOR (self), NULL);
  return self->error_text;
}

const char *
rn_column_editor_get_count_text (RnColumnEditor *self)
{
  g_return_val_if_fail (RN_IS_COLUMN_EDITOR (self), NULL);
  return gtk_label_get_label (self->count_label);
}
