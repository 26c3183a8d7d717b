/* rn-query-help.c: the in-app reference of the search language. It
 * follows the "Search syntax" section of the README. */
#define G_LOG_DOMAIN "rn-deck"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-query-help.h"

typedef struct
{
  const char *example;       /* what is inserted; not translated: syntax */
  const char *description;   /* N_() */
} HelpEntry;

static const HelpEntry entries[] = {
  { "embolism", N_("The word in the title, author or text") },
  { "pulmonary embolism", N_("Both words, anywhere") },
  { "\"pulmonary embolism\"", N_("The exact phrase") },
  { "radiol*", N_("Words starting with “radiol”") },
  { "stroke AND thrombectomy", N_("Both (the same as writing them side by side)") },
  { "CTPA OR \"CT angiography\"", N_("Either") },
  { "-type:post", N_("Without it; NOT works too") },
  { "embolism (CTPA OR MRI)", N_("Grouping with parentheses") },
  { "title:cancer", N_("The word, phrase or prefix in the title only") },
  { "author:radiopaedia", N_("… in the author only") },
  { "source:\"Radiology\"", N_("Items of the source with this title; * is a wildcard") },
  { "folder:Journals", N_("Items of the sources in this folder") },
  { "#RSNA2026", N_("Items with this hashtag or category (also tag:)") },
  { "has:doi", N_("Items with a DOI; also has:image, has:enclosure") },
  { "is:unread", N_("Item state; also is:read, is:starred, is:saved, is:boost, is:reply") },
  { "type:case", N_("The kind of item: article, post, podcast or case") },
  { "lang:en", N_("Items in this language") },
  { "since:30d", N_("Published in the last 30 days; units h, d, w, m, y") },
  { "since:2026-01-01", N_("Published on or after that day") },
  { "before:2026-01-01", N_("Published before that day or that long ago") },
  { "boosts:>=10", N_("Posts boosted at least 10 times; also replies: and favs:") },
};

guint
rn_query_help_n_entries (void)
{
  return G_N_ELEMENTS (entries);
}

static void
on_row_activated (GtkListBox    *box,
                  GtkListBoxRow *row,
                  GtkWidget     *popover)
{
  GtkEditable *target = g_object_get_data (G_OBJECT (popover), "rn-target");
  const HelpEntry *entry = &entries[gtk_list_box_row_get_index (row)];
  int position;
  const char *text;

  if (target == NULL)
    return;
  text = gtk_editable_get_text (target);
  position = gtk_editable_get_position (target);
  /* Separate from what is there with a space. */
  if (position > 0 && text[0] != '\0' && !g_ascii_isspace (g_utf8_offset_to_pointer (text, position)[-1]))
    gtk_editable_insert_text (target, " ", -1, &position);
  gtk_editable_insert_text (target, entry->example, -1, &position);
  gtk_editable_set_position (target, position);
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_grab_focus (GTK_WIDGET (target));
}

GtkWidget *
rn_query_help_new (GtkEditable *target)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Search Syntax"));
  GtkWidget *hint = gtk_label_new (_("Choose an example to insert it. Operators are in capitals; "
                                     "NOT binds tightest, then AND, then OR."));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 50);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_set_margin_start (outer, 6);
  gtk_widget_set_margin_end (outer, 6);
  gtk_widget_set_margin_top (outer, 6);
  gtk_widget_set_margin_bottom (outer, 6);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search operators"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *example = gtk_label_new (entries[i].example);
      GtkWidget *description = gtk_label_new (_(entries[i].description));
      g_autofree char *a11y = g_strdup_printf ("%s: %s", entries[i].example, _(entries[i].description));

      gtk_label_set_xalign (GTK_LABEL (example), 0);
      gtk_label_set_selectable (GTK_LABEL (example), FALSE);
      gtk_widget_add_css_class (example, "monospace");
      gtk_label_set_xalign (GTK_LABEL (description), 0);
      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (description), 46);
      gtk_widget_add_css_class (description, "dim-label");
      gtk_widget_add_css_class (description, "caption");
      gtk_widget_set_margin_start (box, 10);
      gtk_widget_set_margin_end (box, 10);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_box_append (GTK_BOX (box), example);
      gtk_box_append (GTK_BOX (box), description);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Insert this example"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (on_row_activated), popover);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (outer), title);
  gtk_box_append (GTK_BOX (outer), hint);
  gtk_box_append (GTK_BOX (outer), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), outer);
  g_object_set_data (G_OBJECT (popover), "rn-target", target);
  return popover;
}
