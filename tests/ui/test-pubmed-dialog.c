/* The "Add PubMed Search" dialog against a fake NCBI: the live count is
 * debounced, NCBI's complaint shows inline and blocks Add, Add stores the
 * source. Needs a display (Xvfb); skips without one. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "feeds/rn-feed-store.h"
#include "rn-pubmed-dialog.h"
#include "rn-test-server.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"

typedef struct
{
  GPtrArray *terms;   /* char *, term of each esearch */
  GPtrArray *days;    /* char *, reldate of each esearch ("" when none) */
} Fake;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fake *fake = user_data;
  const char *term = query != NULL ? g_hash_table_lookup (query, "term") : NULL;
  const char *reldate = query != NULL ? g_hash_table_lookup (query, "reldate") : NULL;
  g_autoptr(GBytes) body = NULL;

  if (term == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  g_ptr_array_add (fake->terms, g_strdup (term));
  g_ptr_array_add (fake->days, g_strdup (reldate != NULL ? reldate : ""));
  body = rn_test_load_data ("pubmed", strstr (term, "zzqxv") != NULL ? "esearch-not-found.json"
                                                                    : "esearch-ctpa.json", NULL);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gpointer
child (gpointer    dialog,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (dialog), RN_TYPE_PUBMED_DIALOG, name);
}

static gboolean
subtitle_is (gpointer    dialog,
             const char *needle)
{
  const char *subtitle = adw_action_row_get_subtitle (child (dialog, "count_row"));

  return subtitle != NULL && strstr (subtitle, needle) != NULL;
}

static void
wait_for_subtitle (gpointer    dialog,
                   const char *needle)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!subtitle_is (dialog, needle) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (dialog, "count_row")), !=, NULL);
  g_assert_true (subtitle_is (dialog, needle));
}

static void
on_added (RnPubmedDialog *dialog,
          gint64          id,
          gpointer        data)
{
  *(gint64 *) data = id;
}

static void
test_dialog (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = NULL;
  g_autoptr(RnTestServer) server = NULL;
  g_autoptr(RnPubmedClient) client = NULL;
  g_autofree char *base = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  Fake fake = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  RnPubmedDialog *dialog;
  GtkEditable *query;
  gint64 added = 0;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_ptr_array_unref (fake.terms);
      g_ptr_array_unref (fake.days);
      return;
    }
  adw_init ();

  context = rn_test_context_new (&dir);
  server = rn_test_server_new ();
  rn_test_server_add_handler (server, "/entrez/eutils", handler, &fake);
  base = rn_test_server_url (server, "/entrez/eutils/");
  client = rn_pubmed_client_new (NULL, "ui-tests@radnet.example.com");
  rn_pubmed_client_set_base_url (client, base);

  dialog = rn_pubmed_dialog_new (NULL, rn_context_get_store (context), client);
  g_signal_connect (dialog, "source-added", G_CALLBACK (on_added), &added);
  gtk_window_present (GTK_WINDOW (dialog));
  query = child (dialog, "query_row");
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "add_button")));

  /* Typing fast asks once, for the last text only. */
  gtk_editable_set_text (query, "CT pulm");
  gtk_editable_set_text (query, "CT pulmonary angio");
  gtk_editable_set_text (query, "CT pulmonary angiography AND pregnancy");
  wait_for_subtitle (dialog, "3 articles");
  g_assert_cmpuint (fake.terms->len, ==, 1);
  g_assert_cmpstr (fake.terms->pdata[0], ==, "CT pulmonary angiography AND pregnancy");
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "add_button")));

  /* NCBI's complaint inline; Add is blocked. */
  gtk_editable_set_text (query, "pulmnoary angiografy zzqxv");
  wait_for_subtitle (dialog, "pulmnoary angiografy");
  g_assert_true (gtk_widget_has_css_class (child (dialog, "count_row"), "error"));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "add_button")));

  /* The date window takes part in the count. */
  gtk_editable_set_text (query, "CT pulmonary angiography AND pregnancy");
  adw_combo_row_set_selected (child (dialog, "window_row"), 1);
  wait_for_subtitle (dialog, "3 articles");
  g_assert_cmpstr (fake.days->pdata[fake.days->len - 1], ==, "30");
  g_assert_false (gtk_widget_has_css_class (child (dialog, "count_row"), "error"));

  gtk_editable_set_text (child (dialog, "title_row"), "CTPA in pregnancy");
  g_object_ref (dialog);
  g_signal_emit_by_name (child (dialog, "add_button"), "clicked");
  g_assert_cmpint (added, >, 0);
  g_object_unref (dialog);

  stmt = rn_sql_prepare (rn_store_get_reader (rn_context_get_store (context)),
                         "SELECT kind, url, user_title, options FROM feeds", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (rn_sql_column_text (stmt, 0), ==, "pubmed");
  g_assert_cmpstr (rn_sql_column_text (stmt, 1), ==, "CT pulmonary angiography AND pregnancy");
  g_assert_cmpstr (rn_sql_column_text (stmt, 2), ==, "CTPA in pregnancy");
  g_assert_cmpstr (rn_sql_column_text (stmt, 3), ==, "{\"days\":30}");
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Let the window finish going away. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_ptr_array_unref (fake.terms);
  g_ptr_array_unref (fake.days);
  g_clear_object (&context);
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/ui/pubmed/dialog", test_dialog);

  return g_test_run ();
}
