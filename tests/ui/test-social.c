/* test-social.c: the accounts dialog signing in to Bluesky against an
 * in-process server (real keyring only: skipped without a session bus),
 * a followed hashtag whose posts (a content warning with a sensitive
 * image, a boost) reach the list and the reader from a fixture Mastodon
 * server, and the compose dialog's counter against the server's limit. */
#include "config.h"

#include <string.h>

#include "accounts/rn-account.h"
#include "accounts/rn-accounts-dialog.h"
#include "deck/rn-column-editor.h"
#include "deck/rn-column-view.h"
#include "deck/rn-deck.h"
#include "items/rn-item-list-view.h"
#include "items/rn-item-row.h"
#include "reader/rn-reader-view.h"
#include "rn-test-server.h"
#include "rn-test-util.h"
#include "rn-ui-test.h"
#include "sidebar/rn-sidebar.h"
#include "social/rn-compose-dialog.h"
#include "social/rn-post-render.h"
#include "store/rn-sql.h"

#define HANDLE "reader.bsky.example"
#define APP_PASSWORD "abcd-efgh-ijkl-mnop"

typedef struct
{
  RnUiFixture   ui;
  RnTestServer *server;
  char         *host;      /* "127.0.0.1:PORT" */
  guint         sessions;
} Fixture;

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

/* Bluesky's createSession, as much of it as a sign-in reads. */
static void
on_xrpc (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr(GBytes) body = NULL;

  if (!g_str_has_suffix (path, "/com.atproto.server.createSession"))
    {
      reply_json (msg, 404, "{\"error\":\"MethodNotImplemented\"}");
      return;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (g_bytes_get_size (body) == 0 || strstr (g_bytes_get_data (body, NULL), APP_PASSWORD) == NULL)
    {
      reply_json (msg, 401, "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}");
      return;
    }
  f->sessions++;
  reply_json (msg, 200, "{\"did\":\"did:plc:testreader\",\"handle\":\"" HANDLE "\","
                        "\"accessJwt\":\"rn-secret-access\",\"refreshJwt\":\"rn-secret-refresh\",\"active\":true}");
}

static char *
status_json (const char *host,
             const char *id,
             const char *minute,
             const char *spoiler,
             gboolean    sensitive,
             const char *media_description)
{
  return g_strdup_printf (
    "{\"id\":\"%s\",\"uri\":\"https://%s/users/jane/statuses/%s\",\"url\":\"https://%s/@jane/%s\","
    "\"created_at\":\"2026-11-30T10:%s:00.000Z\",\"language\":\"en\",\"visibility\":\"public\","
    "\"content\":\"<p>Incidental renal mass on staging CT. Which follow-up would you choose? #radiology</p>\","
    "\"spoiler_text\":\"%s\",\"sensitive\":%s,"
    "\"account\":{\"id\":\"7\",\"username\":\"jane\",\"acct\":\"jane@example.social\",\"display_name\":\"Dr Jane Doe\"},"
    "\"media_attachments\":[{\"id\":\"m%s\",\"type\":\"image\",\"url\":\"http://%s/media/%s.png\","
    "\"preview_url\":\"http://%s/media/%s.png\",\"description\":\"%s\"}],"
    "\"tags\":[{\"name\":\"radiology\"}],"
    "\"card\":{\"url\":\"https://journals.example.org/renal-mass\",\"title\":\"Management of incidental renal masses\","
    "\"description\":\"A white paper of the incidental findings committee\"},"
    "\"reblogs_count\":2,\"replies_count\":1,\"favourites_count\":5,\"reblog\":null}",
    id, host, id, host, id, minute, spoiler, sensitive ? "true" : "false", id, host, id, host, id, media_description);
}

/* GET /api/v1/timelines/tag/radiology: a post behind a content warning
 * with a sensitive image, and a boost of a plain one. */
static void
on_tag (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Fixture *f = user_data;
  g_autofree char *warned = status_json (f->host, "1001", "15", "Post-operative image", TRUE,
                                         "Axial contrast CT: 3 cm enhancing mass of the left kidney");
  g_autofree char *plain = status_json (f->host, "1002", "05", "", FALSE, "Coronal reformat of the same mass");
  g_autofree char *boost = g_strdup_printf ("{\"id\":\"2002\",\"created_at\":\"2026-11-30T10:20:00.000Z\","
                                            "\"content\":\"\",\"spoiler_text\":\"\",\"sensitive\":false,"
                                            "\"account\":{\"id\":\"9\",\"username\":\"sam\",\"acct\":\"sam@example.social\","
                                            "\"display_name\":\"Sam Roe\"},\"media_attachments\":[],\"reblog\":%s}", plain);
  g_autofree char *answer = g_strdup_printf ("[%s,%s]", boost, warned);

  reply_json (msg, 200, answer);
}

static void
on_instance (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  reply_json (msg, 200, "{\"domain\":\"127.0.0.1\",\"configuration\":{\"statuses\":{\"max_characters\":1000}}}");
}

static GBytes *
make_png (guint32 rgb)
{
  g_autoptr(GByteArray) pixels = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  for (int i = 0; i < 200 * 150; i++)
    {
      guint8 px[3] = { (rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff };
      g_byte_array_append (pixels, px, 3);
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&pixels));
  texture = gdk_memory_texture_new (200, 150, GDK_MEMORY_R8G8B8, bytes, 200 * 3);
  return gdk_texture_save_to_png_bytes (texture);
}

static void
fixture_setup (Fixture  *f,
               int       width,
               gboolean  dark)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GBytes) red = make_png (0xa51d2d);
  g_autoptr(GBytes) green = make_png (0x26a269);
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;

  g_settings_set_string (settings, "color-scheme", dark ? "dark" : "light");
  g_settings_set_string (settings, "remote-images", "load");
  f->server = rn_test_server_new ();
  url = rn_test_server_url (f->server, "/");
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  f->host = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));
  rn_test_server_add_handler (f->server, "/xrpc", on_xrpc, f);
  rn_test_server_add_handler (f->server, "/api/v1/timelines/tag", on_tag, f);
  rn_test_server_add_handler (f->server, "/api/v2/instance", on_instance, f);
  rn_test_server_add_bytes (f->server, "/media/1001.png", "image/png", red);
  rn_test_server_add_bytes (f->server, "/media/1002.png", "image/png", green);
  rn_ui_fixture_setup (&f->ui, 1, 3, width, 800);
}

static void
fixture_teardown (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs left open go with the test. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);

      if (!RN_IS_WINDOW (w))
        gtk_window_destroy (w);
    }
  rn_ui_fixture_teardown (&f->ui);
  g_clear_pointer (&f->server, rn_test_server_free);
  g_clear_pointer (&f->host, g_free);
}

/* A dialog is shot once it is on screen and has drawn itself. */
static void
shoot_dialog (GtkWidget  *dialog,
              const char *name)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (dialog) && g_get_monotonic_time () < end)
    rn_ui_test_spin (20);
  g_assert_true (gtk_widget_get_mapped (dialog));
  rn_ui_test_spin (300);
  rn_ui_test_screenshot (dialog, name);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
dialog_idle (gpointer data)
{
  return !rn_accounts_dialog_get_busy (data);
}

static void
test_accounts_bluesky (void)
{
  Fixture f = { 0 };
  RnAccountsDialog *dialog;
  g_autofree char *pds = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus: the keyring is needed to keep the session");
      return;
    }
  fixture_setup (&f, 1280, FALSE);
  pds = g_strdup_printf ("http://%s", f.host);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.accounts", NULL));
  rn_ui_test_spin (200);
  dialog = RN_ACCOUNTS_DIALOG (find_toplevel (RN_TYPE_ACCOUNTS_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (rn_accounts_dialog_get_n_accounts (dialog), ==, 0);
  shoot_dialog (GTK_WIDGET (dialog), "accounts-empty-light");

  /* A wrong app password: the server's refusal, inline. */
  rn_accounts_dialog_sign_in_bluesky (dialog, HANDLE, "wrong-password", pds);
  rn_ui_test_spin_until (dialog_idle, dialog, 20);
  g_assert_nonnull (rn_accounts_dialog_get_error (dialog));
  g_assert_cmpuint (rn_accounts_dialog_get_n_accounts (dialog), ==, 0);

  rn_accounts_dialog_sign_in_bluesky (dialog, HANDLE, APP_PASSWORD, pds);
  rn_ui_test_spin_until (dialog_idle, dialog, 20);
  if (rn_accounts_dialog_get_n_accounts (dialog) == 0)
    {
      /* A bus without a usable keyring: the sign-in must say so. */
      g_test_message ("sign-in failed: %s", rn_accounts_dialog_get_error (dialog));
      g_assert_nonnull (rn_accounts_dialog_get_error (dialog));
      g_test_skip ("no usable keyring on this bus");
      fixture_teardown (&f);
      return;
    }
  g_assert_cmpuint (f.sessions, ==, 1);
  g_assert_cmpuint (rn_accounts_dialog_get_n_accounts (dialog), ==, 1);
  accounts = rn_account_store_list (f.ui.store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((RnAccount *) g_ptr_array_index (accounts, 0))->username, ==, HANDLE);
  rn_ui_test_spin (300);
  shoot_dialog (GTK_WIDGET (dialog), "accounts-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  rn_ui_test_spin (300);
  shoot_dialog (GTK_WIDGET (dialog), "accounts-dark");

  /* Signing out removes the account (and its secrets). */
  rn_accounts_dialog_remove_account (dialog, ((RnAccount *) g_ptr_array_index (accounts, 0))->id);
  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       rn_accounts_dialog_get_n_accounts (dialog) > 0 && g_get_monotonic_time () < end; )
    rn_ui_test_spin (20);
  g_assert_cmpuint (rn_accounts_dialog_get_n_accounts (dialog), ==, 0);
  fixture_teardown (&f);
}

static gboolean
list_has_two (gpointer data)
{
  RnUiFixture *ui = data;
  GListModel *model = G_LIST_MODEL (rn_item_list_view_get_model (RN_ITEM_LIST_VIEW (rn_window_get_item_list_view (ui->window))));

  return model != NULL && g_list_model_get_n_items (model) == 2;
}

static gboolean
refresh_done (gpointer data)
{
  RnRefresher *refresher = rn_context_get_refresher (rn_application_get_context (data));

  return !rn_refresher_get_busy (refresher);
}

static gint64
hashtag_feed (RnSidebar *sidebar)
{
  GListModel *model = rn_sidebar_get_model (sidebar);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RnSidebarEntry) e = g_list_model_get_item (model, i);

      if (rn_sidebar_entry_get_kind (e) == RN_SIDEBAR_FEED && strstr (rn_sidebar_entry_get_title (e), "radiology") != NULL)
        return rn_sidebar_entry_get_id (e);
    }
  return 0;
}

static RnColumnEditor *
find_column_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (RN_IS_COLUMN_EDITOR (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return RN_COLUMN_EDITOR (w);
    }
  return NULL;
}

/* Whether a post's picture is on screen. */
static gboolean
media_drawn (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "post-media") && gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (media_drawn (c))
      return TRUE;
  return FALSE;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_label (c, text))
      return TRUE;
  return FALSE;
}

static gboolean
counted (RnColumnEditor *editor,
         const char     *text)
{
  const char *count = rn_column_editor_get_count_text (editor);

  return count != NULL && strstr (count, text) != NULL;
}

static void
hashtag_column (Fixture    *f,
                const char *name)
{
  GtkWidget *stack = gtk_widget_get_ancestor (rn_window_get_item_list_view (f->ui.window), ADW_TYPE_VIEW_STACK);
  RnDeck *deck = RN_DECK (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "deck"));
  g_autofree char *shot = g_strdup_printf ("%s-column", name);
  RnColumnEditor *editor;
  GtkWidget *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->ui.window), "win.show-columns", NULL));
  rn_ui_test_spin (100);
  rn_deck_edit_column (deck, NULL, "#radiology", "#radiology");
  rn_ui_test_spin (100);
  editor = find_column_editor ();
  g_assert_nonnull (editor);
  for (guint i = 0; i < 400 && !counted (editor, "2 items match"); i++)
    rn_ui_test_spin (50);
  g_assert_true (counted (editor, "2 items match"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  for (guint i = 0; i < 1000 && !(view = rn_deck_get_column_view (deck, 0), view != NULL && gtk_widget_get_mapped (view)); i++)
    rn_ui_test_spin (20);
  rn_ui_test_spin (300);
  view = rn_deck_get_column_view (deck, 0);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (view));
  for (guint i = 0; i < 1000 && g_list_model_get_n_items (G_LIST_MODEL (rn_column_view_get_column (RN_COLUMN_VIEW (view)))) < 2; i++)
    rn_ui_test_spin (20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rn_column_view_get_column (RN_COLUMN_VIEW (view)))), ==, 2);
  /* As in the list: the warning, not the text or the image. */
  g_assert_true (shows_label (view, "Content warning: Post-operative image"));
  g_assert_true (shows_label (view, "Text and 1 image hidden"));
  rn_ui_test_screenshot (GTK_WIDGET (f->ui.window), shot);
}

static void
hashtag_posts (int         width,
               gboolean    dark,
               const char *name)
{
  Fixture f = { 0 };
  RnAccountsDialog *dialog;
  RnSidebar *sidebar;
  RnReaderView *reader;
  GtkTextView *view;
  AdwLeaflet *leaflet;
  g_autofree char *shot = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  gint64 feed_id;
  guint boosts = 0;
  RnItem *item;

  fixture_setup (&f, width, dark);
  sidebar = RN_SIDEBAR (rn_window_get_sidebar (f.ui.window));
  reader = RN_READER_VIEW (rn_window_get_reader_view (f.ui.window));
  view = rn_reader_view_get_text_view (reader);
  leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (GTK_WIDGET (reader), ADW_TYPE_LEAFLET));

  /* Follow a Hashtag…: the form's own function, then the window refreshes
   * the new source from the fixture server. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.follow-hashtag", NULL));
  rn_ui_test_spin (200);
  dialog = RN_ACCOUNTS_DIALOG (find_toplevel (RN_TYPE_ACCOUNTS_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_false (rn_accounts_dialog_follow_hashtag (dialog, "not a tag!", f.host));
  g_assert_nonnull (rn_accounts_dialog_get_error (dialog));
  if (width > 1000)
    {
      g_free (shot);
      shot = g_strdup_printf ("hashtag-form-%s", dark ? "dark" : "light");
      rn_ui_test_spin (300);
      shoot_dialog (GTK_WIDGET (dialog), shot);
      adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (dialog));
      /* As a user would: after the page has slid away. */
      rn_ui_test_spin (800);
      rn_accounts_dialog_show_bluesky_form (dialog);
      /* Without a usable keyring (or with a wrong password) the form says
       * why, in place. */
      rn_accounts_dialog_sign_in_bluesky (dialog, "", "", NULL);
      rn_ui_test_spin (300);
      g_free (shot);
      shot = g_strdup_printf ("bluesky-form-%s", dark ? "dark" : "light");
      shoot_dialog (GTK_WIDGET (dialog), shot);
    }
  g_assert_true (rn_accounts_dialog_follow_hashtag (dialog, "#radiology", f.host));
  gtk_window_destroy (GTK_WINDOW (dialog));
  rn_ui_test_spin (100);

  /* The refresh is done and its notice delivered before the list opens:
   * an RnItemList made between a write and its notice counts the new
   * rows twice. */
  rn_ui_test_spin_until (refresh_done, f.ui.app, 30);
  rn_ui_test_spin (300);
  feed_id = hashtag_feed (sidebar);
  g_assert_cmpint (feed_id, >, 0);
  g_assert_true (rn_sidebar_select (sidebar, RN_SIDEBAR_FEED, feed_id));
  rn_ui_test_spin_until (list_has_two, &f.ui, 20);

  /* Both posts, in whatever order the list sorts them: the boost, and
   * the post behind its warning (shown last). */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (rn_item_list_view_select_position (RN_ITEM_LIST_VIEW (rn_window_get_item_list_view (f.ui.window)),
                                                        i));
      rn_ui_test_spin (300);
      item = rn_window_get_current_item (f.ui.window);
      g_assert_cmpstr (rn_item_get_item_type (item), ==, "post");
      if (g_strcmp0 (rn_item_get_title (item), "Post-operative image") == 0)
        continue;
      g_clear_pointer (&text, g_free);
      gtk_text_buffer_get_bounds (rn_reader_view_get_buffer (reader), &start, &end);
      text = gtk_text_buffer_get_text (rn_reader_view_get_buffer (reader), &start, &end, FALSE);
      g_assert_nonnull (strstr (text, "Boosted by Sam Roe"));
      g_assert_true (rn_post_render_get_content_shown (view));
      g_assert_cmpuint (rn_post_render_get_n_media (view), ==, 1);
      boosts++;
    }
  g_assert_cmpuint (boosts, ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (rn_item_list_view_select_position (RN_ITEM_LIST_VIEW (rn_window_get_item_list_view (f.ui.window)),
                                                        i));
      rn_ui_test_spin (300);
      if (g_strcmp0 (rn_item_get_title (rn_window_get_current_item (f.ui.window)), "Post-operative image") == 0)
        break;
    }
  item = rn_window_get_current_item (f.ui.window);
  g_assert_cmpstr (rn_item_get_title (item), ==, "Post-operative image");
  /* Collapsed behind "Show Content"; the image is there, blurred, and
   * hidden with the text (not drawn over what follows). */
  g_assert_false (rn_post_render_get_content_shown (view));
  g_assert_cmpuint (rn_post_render_get_n_media (view), ==, 1);
  g_assert_false (media_drawn (GTK_WIDGET (view)));
  if (adw_leaflet_get_folded (leaflet))
    {
      adw_leaflet_set_visible_child_name (leaflet, "content");
      rn_ui_test_spin (400);
      shot = g_strdup_printf ("%s-list", name);
      rn_ui_test_screenshot (GTK_WIDGET (f.ui.window), shot);
      adw_leaflet_set_visible_child_name (leaflet, "reader");
      rn_ui_test_spin (400);
    }
  g_free (shot);
  shot = g_strdup_printf ("%s-warning", name);
  rn_ui_test_screenshot (GTK_WIDGET (f.ui.window), shot);
  rn_post_render_set_content_shown (view, TRUE);
  g_assert_true (rn_post_render_get_content_shown (view));
  rn_ui_test_spin (300);
  g_assert_true (media_drawn (GTK_WIDGET (view)));
  g_free (shot);
  shot = g_strdup_printf ("%s-shown", name);
  rn_ui_test_screenshot (GTK_WIDGET (f.ui.window), shot);

  /* Bookmarking needs an account; this hashtag has none. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.post-bookmark", NULL));

  /* The same posts as a #hashtag column of the deck, saved through the
   * column dialog: the warning stays collapsed in the column, the image
   * shows as a thumbnail. */
  if (width > 1000)
    hashtag_column (&f, name);
  fixture_teardown (&f);
}

static void
test_hashtag_posts (void)
{
  hashtag_posts (1280, FALSE, "posts-light");
  hashtag_posts (1280, TRUE, "posts-dark");
  hashtag_posts (400, FALSE, "posts-narrow-light");
}

static gboolean
limit_known (gpointer data)
{
  return rn_compose_dialog_get_limit (data) == 1000;
}

static void
compose (gboolean dark)
{
  Fixture f = { 0 };
  RnComposeDialog *dialog;
  g_autoptr(GError) error = NULL;
  RnAccount account = { 0 };
  gint64 account_id = 0;

  fixture_setup (&f, 1280, dark);

  /* Without an account the dialog says how to get one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.compose", NULL));
  rn_ui_test_spin (200);
  dialog = RN_COMPOSE_DIALOG (find_toplevel (RN_TYPE_COMPOSE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_false (rn_compose_dialog_can_post (dialog));
  if (!dark)
    shoot_dialog (GTK_WIDGET (dialog), "compose-no-account-light");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* An account row (no secret is needed to count characters). */
  account.kind = (char *) "mastodon";
  account.server = f.host;
  account.username = (char *) "jane";
  account.display_name = (char *) "Dr Jane Doe";
  account.state = (char *) RN_ACCOUNT_STATE_OK;
  g_assert_true (rn_account_store_add (f.ui.store, &account, &account_id, &error));
  g_assert_no_error (error);

  /* Share the current item: title and link prefilled. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.next-item", NULL));
  rn_ui_test_spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.ui.window), "win.share-item", NULL));
  rn_ui_test_spin (100);
  dialog = RN_COMPOSE_DIALOG (find_toplevel (RN_TYPE_COMPOSE_DIALOG));
  g_assert_nonnull (dialog);
  /* The server says 1000. */
  rn_ui_test_spin_until (limit_known, dialog, 20);
  rn_compose_dialog_set_text (dialog, "Hello");
  g_assert_cmpint (rn_compose_dialog_get_remaining (dialog), ==, 995);
  /* A link counts as 23 characters, whatever its length. */
  rn_compose_dialog_set_text (dialog, "See https://journals.example.org/a/very/long/path/to/the/article/full-text");
  g_assert_cmpint (rn_compose_dialog_get_remaining (dialog), ==, 1000 - 4 - 23);
  /* The content warning counts too. */
  rn_compose_dialog_set_content_warning (dialog, "CT images");
  g_assert_cmpint (rn_compose_dialog_get_remaining (dialog), ==, 1000 - 4 - 23 - 9);
  g_assert_true (rn_compose_dialog_can_post (dialog));
  rn_compose_dialog_set_limit (dialog, 20);
  g_assert_cmpint (rn_compose_dialog_get_remaining (dialog), <, 0);
  g_assert_false (rn_compose_dialog_can_post (dialog));
  rn_compose_dialog_set_limit (dialog, 500);
  rn_compose_dialog_set_content_warning (dialog, "Staging CT");
  rn_compose_dialog_set_text (dialog, "Reader agreement for prostate MRI is better than we thought: "
                                      "https://doi.org/10.1148/radiol.2024 #radiology");
  rn_ui_test_spin (300);
  shoot_dialog (GTK_WIDGET (dialog), dark ? "compose-dark" : "compose-light");
  gtk_window_destroy (GTK_WINDOW (dialog));
  fixture_teardown (&f);
}

#define N_HOME 120
#define LAST_READ 2030   /* of posts 2000 … 2119 */

static gboolean
seed_home (RnStore  *store,
           sqlite3  *db,
           gpointer  data,
           GError  **error)
{
  gint64 *feed_id = data;
  g_autoptr(GString) sql = g_string_new (
    "INSERT INTO accounts (id, kind, server, username, created) VALUES (7, 'mastodon', 'social.example', 'ayla', 0);"
    "INSERT INTO feeds (kind, url, title, account_id, added) "
    "  VALUES ('mastodon-home', 'https://social.example/home', 'Home', 7, 0);");

  if (!rn_sql_exec (db, sql->str, error))
    return FALSE;
  *feed_id = sqlite3_last_insert_rowid (db);
  g_string_truncate (sql, 0);
  for (guint k = 0; k < N_HOME; k++)
    g_string_append_printf (sql,
      "INSERT INTO items (feed_id, guid, type, title, first_seen, sort_date, read, extra) "
      "VALUES (%" G_GINT64_FORMAT ", 'p%u', 'post', 'Post %u', 0, %u, %d, '{\"post_id\":\"%u\"}');",
      *feed_id, 2000 + k, 2000 + k, 1800000000 + k * 60, 2000 + k <= LAST_READ, 2000 + k);
  g_string_append_printf (sql, "INSERT INTO markers (account_id, timeline, last_read) VALUES (7, 'home', '%u');",
                          LAST_READ);
  rn_store_note_feeds_changed (store);
  return rn_sql_exec (db, sql->str, error);
}

/* The rows the list shows, by the item each holds. */
static gboolean
row_shown (GtkWidget *list,
           GtkWidget *widget,
           gint64     item_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (RN_IS_ITEM_ROW (child))
        {
          RnItem *item = rn_item_row_get_item (RN_ITEM_ROW (child));
          graphene_rect_t bounds;

          if (item != NULL && rn_item_get_id (item) == item_id && gtk_widget_get_mapped (child)
              && gtk_widget_compute_bounds (child, list, &bounds))
            return bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list) + 1;
        }
      if (row_shown (list, child, item_id))
        return TRUE;
    }
  return FALSE;
}

/* A home timeline opens where its read marker is, not at the top. */
static void
test_home_read_position (void)
{
  RnUiFixture f = { 0 };
  g_autoptr(GError) error = NULL;
  RnSidebar *sidebar;
  GtkWidget *list;
  GtkAdjustment *adj;
  gint64 feed_id = 0, last_read;

  rn_ui_fixture_setup (&f, 1, 1, 1200, 800);
  g_assert_true (rn_store_write (f.store, seed_home, &feed_id, &error));
  g_assert_no_error (error);
  rn_ui_test_spin (100);
  last_read = rn_sql_query_int (rn_store_get_reader (f.store),
                                "SELECT id FROM items WHERE guid = 'p" G_STRINGIFY (LAST_READ) "'", 0);
  g_assert_cmpint (last_read, >, 0);

  /* The sidebar reloads from an idle after the store's notice: slow under
   * sanitizers. */
  sidebar = RN_SIDEBAR (rn_window_get_sidebar (f.window));
  for (guint i = 0; i < 1000 && !rn_sidebar_select (sidebar, RN_SIDEBAR_FEED, feed_id); i++)
    rn_ui_test_spin (20);
  g_assert_true (rn_sidebar_select (sidebar, RN_SIDEBAR_FEED, feed_id));
  rn_ui_test_spin (300);
  rn_ui_test_wait_frame (GTK_WIDGET (f.window));
  list = GTK_WIDGET (rn_window_get_item_list_view (f.window));
  adj = rn_item_list_view_get_vadjustment (RN_ITEM_LIST_VIEW (list));
  g_test_message ("scrolled to %.0f of %.0f", gtk_adjustment_get_value (adj), gtk_adjustment_get_upper (adj));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  /* The last post read shows; above it, scrolled past, the 89 newer. */
  g_assert_true (row_shown (list, list, last_read));
  rn_ui_test_screenshot (GTK_WIDGET (f.window), "home-read-position");
  rn_ui_fixture_teardown (&f);
}

static gboolean
seed_account (RnStore  *store,
              sqlite3  *db,
              gpointer  data,
              GError  **error)
{
  return rn_sql_exec (db,
    "INSERT INTO accounts (id, kind, server, username, display_name, created) "
    "VALUES (7, 'mastodon', 'social.example', 'ayla', 'Dr Ayla Demir', 0);"
    "INSERT INTO accounts (id, kind, server, username, created) "
    "VALUES (8, 'bluesky', 'https://bsky.social', 'ayla.bsky.social', 0);", error);
}

/* The column dialog offers the signed-in accounts; the column keeps the
 * ones switched on. */
static void
test_column_remote_accounts (void)
{
  RnUiFixture f = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *stack;
  RnDeck *deck;
  RnColumnEditor *editor;
  RnColumn *column;
  g_auto(GStrv) keys = NULL;

  rn_ui_fixture_setup (&f, 1, 3, 1200, 800);
  g_assert_true (rn_store_write (f.store, seed_account, NULL, &error));
  g_assert_no_error (error);
  stack = gtk_widget_get_ancestor (rn_window_get_item_list_view (f.window), ADW_TYPE_VIEW_STACK);
  deck = RN_DECK (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "deck"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-columns", NULL));
  rn_deck_edit_column (deck, NULL, "RSNA 2026", "#RSNA2026");
  rn_ui_test_spin (100);
  editor = find_column_editor ();
  g_assert_nonnull (editor);
  g_assert_true (rn_column_editor_set_remote (editor, "mastodon:7", TRUE));
  g_assert_false (rn_column_editor_set_remote (editor, "mastodon:99", TRUE));
  gtk_window_set_default_size (GTK_WINDOW (editor), 560, 900);
  rn_ui_test_spin (300);
  rn_ui_test_screenshot (GTK_WIDGET (editor), "column-editor-accounts");
  g_assert_true (rn_column_editor_save (editor));
  rn_ui_test_spin (100);
  column = g_list_model_get_item (G_LIST_MODEL (rn_deck_get_columns (deck)), 0);
  keys = rn_column_dup_remote_accounts (column);
  g_assert_cmpuint (g_strv_length (keys), ==, 1);
  g_assert_cmpstr (keys[0], ==, "mastodon:7");
  g_object_unref (column);   /* the column store keeps it */

  /* Edited again: the switch shows what the column keeps. */
  rn_deck_edit_column (deck, column, NULL, NULL);
  rn_ui_test_spin (100);
  editor = find_column_editor ();
  g_assert_nonnull (editor);
  g_assert_true (rn_column_editor_set_remote (editor, "mastodon:7", FALSE));
  g_assert_true (rn_column_editor_save (editor));
  g_strfreev (keys);
  keys = rn_column_dup_remote_accounts (column);
  g_assert_true (keys == NULL || keys[0] == NULL);
  rn_ui_fixture_teardown (&f);
}

static void
test_compose (void)
{
  compose (FALSE);
  compose (TRUE);
}

int
main (int argc, char *argv[])
{
  /* Fixture servers speak http on 127.0.0.1 (a test hook of core). */
  g_setenv ("RADNET_MASTODON_SCHEME", "http", TRUE);
  g_setenv ("RADNET_NO_BROWSER", "1", TRUE);
  rn_ui_test_init (&argc, &argv);
  g_test_add_func ("/radnet/ui/social/accounts-bluesky", test_accounts_bluesky);
  g_test_add_func ("/radnet/ui/social/hashtag-posts", test_hashtag_posts);
  g_test_add_func ("/radnet/ui/social/compose", test_compose);
  g_test_add_func ("/radnet/ui/social/home-read-position", test_home_read_position);
  g_test_add_func ("/radnet/ui/social/column-remote-accounts", test_column_remote_accounts);
  return g_test_run ();
}
