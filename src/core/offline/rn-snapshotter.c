/* rn-snapshotter.c: one snapshot is a small pipeline:
 *   read the item (owner thread) → fetch the page (main context)
 *   → extract + sanitise, list images (worker thread)
 *   → fetch and check images (main context) → write (store writer). */
#define G_LOG_DOMAIN "rn-offline"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "feeds/rn-feed-encoding.h"
#include "html/rn-html-doc.h"
#include "html/rn-html-extract.h"
#include "rn-image-sniff.h"
#include "rn-snapshotter.h"
#include "store/rn-sql.h"

#define IMAGE_ACCEPT "image/png, image/jpeg, image/gif, image/webp"

struct _RnSnapshotter
{
  GObject   parent_instance;

  RnStore  *store;
  RnHttp   *http;
  gsize     max_image_bytes;
  gsize     max_total_bytes;
  guint     max_images;
  guint     max_concurrent;

  GQueue    waiting;      /* GTask * (owned) */
  GList    *running;      /* GTask * (borrowed; each task owns itself) */
};

G_DEFINE_FINAL_TYPE (RnSnapshotter, rn_snapshotter, G_TYPE_OBJECT)

typedef struct
{
  char   *url;
  char   *mime;
  int     width;
  int     height;
  GBytes *data;
} Asset;

typedef struct
{
  gint64           item_id;
  GCancellable    *cancel;       /* ours; the caller's is chained to it */
  GCancellable    *caller_cancel;
  gulong           caller_cancel_id;

  /* the item */
  char            *link;
  char            *item_title;
  char            *content;

  /* the page */
  GBytes          *page_body;
  char            *page_url;
  char            *page_charset;  /* from Content-Type, or NULL */
  char            *page_error;
  char            *page_title;
  char            *page_html;

  /* images */
  GPtrArray       *image_urls;   /* char *, in document order */
  gboolean         images_cut;   /* more than max_images */
  GPtrArray       *assets;       /* Asset * */
  guint            images_failed;
  guint            outstanding;
  gsize            total_bytes;

  RnSnapshotState  state;
  gboolean         written;
} Job;

static void pump (RnSnapshotter *self);

static void
asset_free (gpointer data)
{
  Asset *a = data;

  g_free (a->url);
  g_free (a->mime);
  g_bytes_unref (a->data);
  g_free (a);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->caller_cancel_id != 0)
    g_cancellable_disconnect (job->caller_cancel, job->caller_cancel_id);
  g_clear_object (&job->caller_cancel);
  g_clear_object (&job->cancel);
  g_free (job->link);
  g_free (job->item_title);
  g_free (job->content);
  g_clear_pointer (&job->page_body, g_bytes_unref);
  g_free (job->page_url);
  g_free (job->page_charset);
  g_free (job->page_error);
  g_free (job->page_title);
  g_free (job->page_html);
  g_clear_pointer (&job->image_urls, g_ptr_array_unref);
  g_clear_pointer (&job->assets, g_ptr_array_unref);
  g_free (job);
}

static void
rn_snapshotter_finalize (GObject *object)
{
  RnSnapshotter *self = RN_SNAPSHOTTER (object);

  /* Tasks hold a reference on us: nothing can be queued here. */
  g_warn_if_fail (self->waiting.length == 0 && self->running == NULL);
  g_clear_object (&self->store);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (rn_snapshotter_parent_class)->finalize (object);
}

static void
rn_snapshotter_class_init (RnSnapshotterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_snapshotter_finalize;
}

static void
rn_snapshotter_init (RnSnapshotter *self)
{
  self->max_image_bytes = RN_SNAPSHOT_DEFAULT_MAX_IMAGE_BYTES;
  self->max_total_bytes = RN_SNAPSHOT_DEFAULT_MAX_TOTAL_BYTES;
  self->max_images = RN_SNAPSHOT_DEFAULT_MAX_IMAGES;
  self->max_concurrent = RN_SNAPSHOT_DEFAULT_CONCURRENCY;
}

RnSnapshotter *
rn_snapshotter_new (RnStore *store,
                    RnHttp  *http)
{
  RnSnapshotter *self;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  g_return_val_if_fail (RN_IS_HTTP (http), NULL);

  self = g_object_new (RN_TYPE_SNAPSHOTTER, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  return self;
}

void
rn_snapshotter_set_limits (RnSnapshotter *self,
                           gsize          max_image_bytes,
                           gsize          max_total_bytes,
                           guint          max_images)
{
  g_return_if_fail (RN_IS_SNAPSHOTTER (self));

  self->max_image_bytes = max_image_bytes > 0 ? max_image_bytes : RN_SNAPSHOT_DEFAULT_MAX_IMAGE_BYTES;
  self->max_total_bytes = max_total_bytes > 0 ? max_total_bytes : RN_SNAPSHOT_DEFAULT_MAX_TOTAL_BYTES;
  self->max_images = max_images > 0 ? max_images : RN_SNAPSHOT_DEFAULT_MAX_IMAGES;
}

void
rn_snapshotter_set_max_concurrent (RnSnapshotter *self,
                                   guint          max_concurrent)
{
  g_return_if_fail (RN_IS_SNAPSHOTTER (self));

  self->max_concurrent = MAX (max_concurrent, 1);
  pump (self);
}

guint
rn_snapshotter_get_n_pending (RnSnapshotter *self)
{
  g_return_val_if_fail (RN_IS_SNAPSHOTTER (self), 0);
  return self->waiting.length + g_list_length (self->running);
}

/* ---- finishing ---- */

static void
job_done (GTask  *task,
          GError *error)
{
  RnSnapshotter *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GTask) owned = task;   /* the reference `running` stood for */

  self->running = g_list_remove (self->running, task);
  if (error == NULL && g_cancellable_is_cancelled (job->cancel))
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The snapshot was cancelled"));
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, job->state);
  pump (self);
}

/* ---- writing ---- */

static gboolean
write_pending (RnStore  *store,
               sqlite3  *db,
               gpointer  user_data,
               GError  **error)
{
  gint64 *item_id = user_data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "INSERT INTO snapshots (item_id, state) SELECT ?1, 'pending' "
    "WHERE EXISTS (SELECT 1 FROM saved WHERE item_id = ?1) "
    "ON CONFLICT (item_id) DO UPDATE SET state = 'pending', error = NULL "
    "  WHERE state NOT IN ('complete', 'partial')", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *item_id);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  rn_store_note_items_changed (store);
  return TRUE;
}

static gboolean
write_snapshot (RnStore  *store,
                sqlite3  *db,
                gpointer  user_data,
                GError  **error)
{
  Job *job = user_data;
  sqlite3_stmt *stmt;
  gint64 bytes = 0;
  gboolean saved;

  stmt = rn_store_writer_stmt (store, "SELECT 1 FROM saved WHERE item_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->item_id);
  saved = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!saved)
    {
      job->state = RN_SNAPSHOT_STATE_NONE;
      return TRUE;
    }

  /* A failed attempt never replaces a copy that can be read: taking the
   * snapshot again without a network must not lose it. The old copy stays,
   * with the new error beside it. */
  if (job->state == RN_SNAPSHOT_STATE_FAILED)
    {
      RnSnapshotState kept = RN_SNAPSHOT_STATE_NONE;

      stmt = rn_store_writer_stmt (store, "SELECT state FROM snapshots WHERE item_id = ? AND html IS NOT NULL", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, job->item_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        kept = rn_snapshot_state_from_string (rn_sql_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (kept == RN_SNAPSHOT_STATE_COMPLETE || kept == RN_SNAPSHOT_STATE_PARTIAL)
        {
          stmt = rn_store_writer_stmt (store, "UPDATE snapshots SET error = ? WHERE item_id = ?", error);
          if (stmt == NULL)
            return FALSE;
          rn_sql_bind_text (stmt, 1, job->page_error);
          sqlite3_bind_int64 (stmt, 2, job->item_id);
          if (!rn_sql_step_done (stmt, error))
            return FALSE;
          job->state = kept;
          rn_store_note_items_changed (store);
          return TRUE;
        }
    }

  if (job->page_html != NULL)
    bytes += (gint64) strlen (job->page_html);
  bytes += (gint64) job->total_bytes;

  stmt = rn_store_writer_stmt (store,
    "INSERT INTO snapshots (item_id, state, title, html, error, bytes, fetched_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (item_id) DO UPDATE SET state = excluded.state, title = excluded.title, "
    "  html = excluded.html, error = excluded.error, bytes = excluded.bytes, "
    "  fetched_at = excluded.fetched_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->item_id);
  rn_sql_bind_text (stmt, 2, rn_snapshot_state_to_string (job->state));
  rn_sql_bind_text (stmt, 3, job->page_title);
  rn_sql_bind_text (stmt, 4, job->page_html);
  rn_sql_bind_text (stmt, 5, job->page_error);
  sqlite3_bind_int64 (stmt, 6, bytes);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;

  stmt = rn_store_writer_stmt (store, "DELETE FROM snapshot_assets WHERE item_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->item_id);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;

  for (guint i = 0; i < job->assets->len; i++)
    {
      Asset *a = g_ptr_array_index (job->assets, i);
      gsize size;
      gconstpointer data = g_bytes_get_data (a->data, &size);

      stmt = rn_store_writer_stmt (store,
        "INSERT OR REPLACE INTO snapshot_assets (item_id, url, mime, width, height, data) "
        "VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, job->item_id);
      rn_sql_bind_text (stmt, 2, a->url);
      rn_sql_bind_text (stmt, 3, a->mime);
      if (a->width >= 0)
        sqlite3_bind_int (stmt, 4, a->width);
      if (a->height >= 0)
        sqlite3_bind_int (stmt, 5, a->height);
      sqlite3_bind_blob64 (stmt, 6, data != NULL ? data : "", size, SQLITE_STATIC);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  job->written = TRUE;
  rn_store_note_items_changed (store);
  return TRUE;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!rn_store_write_finish (RN_STORE (source), result, &error))
    {
      job_done (task, error);
      return;
    }
  job_done (task, NULL);
}

static void
store_job (GTask *task)
{
  RnSnapshotter *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  if (job->page_error != NULL)
    job->state = RN_SNAPSHOT_STATE_FAILED;
  else if (job->images_failed > 0 || job->images_cut)
    job->state = RN_SNAPSHOT_STATE_PARTIAL;
  else
    job->state = RN_SNAPSHOT_STATE_COMPLETE;

  g_debug ("Snapshot of item %" G_GINT64_FORMAT ": %s, %u images (%u failed), %" G_GSIZE_FORMAT " bytes",
           job->item_id, rn_snapshot_state_to_string (job->state), job->assets->len,
           job->images_failed, job->total_bytes);
  rn_store_write_async (self->store, write_snapshot, job, NULL, job->cancel, on_written, task);
}

/* ---- images ---- */

typedef struct
{
  GTask *task;
  char  *url;
} ImageFetch;

static void
on_image (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ImageFetch *fetch = user_data;
  GTask *task = fetch->task;
  RnSnapshotter *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(RnHttpResponse) response = rn_http_fetch_finish (RN_HTTP (source), result, NULL);
  const char *mime = NULL;
  int width = -1, height = -1;
  gsize size = 0;
  const guint8 *data = NULL;

  if (response->error != NULL)
    g_debug ("Snapshot image %s failed: %s", fetch->url, response->error->message);
  else
    {
      data = g_bytes_get_data (response->body, &size);
      mime = rn_image_sniff (data, size, &width, &height);
      if (mime == NULL)
        g_debug ("Snapshot image %s refused: not PNG, JPEG, GIF or WebP (%s)",
                 fetch->url, response->content_type != NULL ? response->content_type : "no type");
    }

  if (mime == NULL || size > self->max_image_bytes)
    job->images_failed++;
  else if (job->total_bytes + size > self->max_total_bytes)
    {
      g_debug ("Snapshot of item %" G_GINT64_FORMAT ": total size cap reached", job->item_id);
      job->images_failed++;
    }
  else
    {
      Asset *a = g_new0 (Asset, 1);

      a->url = g_strdup (fetch->url);
      a->mime = g_strdup (mime);
      a->width = width;
      a->height = height;
      a->data = g_bytes_ref (response->body);
      job->total_bytes += size;
      g_ptr_array_add (job->assets, a);
    }

  g_free (fetch->url);
  g_free (fetch);

  if (--job->outstanding > 0)
    return;
  if (g_cancellable_is_cancelled (job->cancel))
    job_done (task, NULL);
  else
    store_job (task);
}

static void
fetch_images (GTask *task)
{
  RnSnapshotter *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  if (job->image_urls->len == 0)
    {
      store_job (task);
      return;
    }

  /* Every image is handed to RnHttp at once: its queue and per-host limit
   * pace them. Count first, so no early answer sees zero outstanding. */
  job->outstanding = job->image_urls->len;
  for (guint i = 0; i < job->image_urls->len; i++)
    {
      ImageFetch *fetch = g_new0 (ImageFetch, 1);
      RnHttpRequest request = {
        .url = g_ptr_array_index (job->image_urls, i),
        .accept = IMAGE_ACCEPT,
        .max_body_size = self->max_image_bytes,
      };

      fetch->task = task;
      fetch->url = g_strdup (request.url);
      rn_http_fetch_async (self->http, &request, job->cancel, on_image, fetch);
    }
}

/* ---- extraction (worker thread) ---- */

static void
add_images (Job                *job,
            RnSnapshotter      *self,
            GHashTable         *seen,
            RnHtmlDoc          *doc)
{
  g_autoptr(GPtrArray) images = rn_html_doc_get_images (doc);

  for (guint i = 0; i < images->len; i++)
    {
      const char *url = g_ptr_array_index (images, i);

      if (rn_html_url_is_tracker (url) || g_hash_table_contains (seen, url))
        continue;
      if (job->image_urls->len >= self->max_images)
        {
          job->images_cut = TRUE;
          return;
        }
      g_hash_table_add (seen, g_strdup (url));
      g_ptr_array_add (job->image_urls, g_strdup (url));
    }
}

static void
analyse_thread (GTask        *subtask,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GTask *task = task_data;
  RnSnapshotter *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (job->page_body != NULL)
    {
      g_autoptr(RnHtmlDoc) doc = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *title = NULL;
      g_autofree char *content_type = NULL;
      RnDecodedText decoded = { 0 };
      gsize len;
      const char *html = g_bytes_get_data (job->page_body, &len);

      /* The sanitiser reads UTF-8: honour the charset the server gave. */
      if (job->page_charset != NULL)
        content_type = g_strdup_printf ("text/html; charset=%s", job->page_charset);
      rn_feed_decode_text (html != NULL ? html : "", len, content_type, FALSE, &decoded);
      if (rn_html_extract_article (decoded.text, (gssize) decoded.length, job->page_url,
                                   &title, &doc, &error))
        {
          job->page_html = rn_html_doc_to_html (doc);
          job->page_title = g_steal_pointer (&title);
          add_images (job, self, seen, doc);
        }
      else
        job->page_error = g_strdup (error->message);
      rn_decoded_text_clear (&decoded);
    }

  if (job->content != NULL)
    {
      g_autoptr(RnHtmlDoc) doc = rn_html_doc_parse (job->content, -1, job->link, NULL);

      add_images (job, self, seen, doc);
    }
  g_task_return_boolean (subtask, TRUE);
}

static void
on_analysed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (job->cancel))
    {
      job_done (task, NULL);
      return;
    }
  fetch_images (task);
}

static void
analyse (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GTask) subtask = g_task_new (NULL, job->cancel, on_analysed, task);

  g_task_set_source_tag (subtask, analyse);
  g_task_set_task_data (subtask, task, NULL);
  g_task_run_in_thread (subtask, analyse_thread);
}

/* ---- the page ---- */

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(RnHttpResponse) response = rn_http_fetch_finish (RN_HTTP (source), result, NULL);

  if (g_cancellable_is_cancelled (job->cancel))
    {
      job_done (task, NULL);
      return;
    }
  if (response->error != NULL)
    job->page_error = g_strdup (response->error->message);
  else if (response->content_type != NULL &&
           !g_str_equal (response->content_type, "text/html") &&
           !g_str_equal (response->content_type, "application/xhtml+xml"))
    job->page_error = g_strdup_printf (_("The page is not a web page (%s)"), response->content_type);
  else
    {
      job->page_body = g_bytes_ref (response->body);
      job->page_url = g_strdup (response->url);
      job->page_charset = g_strdup (response->charset);
    }
  analyse (task);
}

static gboolean
read_item (RnSnapshotter  *self,
           Job            *job,
           GError        **error)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (self->store,
    "SELECT link, title, coalesce(content, summary) FROM items WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->item_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      job->link = rn_sql_dup_text (stmt, 0);
      job->item_title = rn_sql_dup_text (stmt, 1);
      job->content = rn_sql_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                 _("There is no item %" PRId64), job->item_id);
  return found;
}

static void
on_pending_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rn_store_write_finish (RN_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not mark a snapshot pending: %s", error->message);
}

static void
start_job (RnSnapshotter *self,
           GTask         *task)
{
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *scheme = NULL;   /* from g_uri_parse_scheme */

  self->running = g_list_prepend (self->running, task);

  if (g_cancellable_is_cancelled (job->cancel))
    {
      job_done (task, NULL);
      return;
    }
  if (!read_item (self, job, &error))
    {
      job_done (task, error);
      return;
    }

  rn_store_write_async (self->store, write_pending, g_memdup2 (&job->item_id, sizeof job->item_id),
                        g_free, NULL, on_pending_written, NULL);

  if (job->link != NULL)
    scheme = g_uri_parse_scheme (job->link);
  if (scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0))
    {
      RnHttpRequest request = {
        .url = job->link,
        .accept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
        .max_body_size = RN_SNAPSHOT_DEFAULT_MAX_PAGE_BYTES,
        .flags = RN_HTTP_REQUEST_BROWSER_UA_RETRY,
      };

      rn_http_fetch_async (self->http, &request, job->cancel, on_page, task);
    }
  else
    analyse (task);    /* nothing to fetch: the item's own content only */
}

static void
pump (RnSnapshotter *self)
{
  while (self->waiting.length > 0 && g_list_length (self->running) < self->max_concurrent)
    start_job (self, g_queue_pop_head (&self->waiting));
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

void
rn_snapshotter_take_async (RnSnapshotter       *self,
                           gint64               item_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (RN_IS_SNAPSHOTTER (self));
  g_return_if_fail (item_id > 0);

  job = g_new0 (Job, 1);
  job->item_id = item_id;
  job->cancel = g_cancellable_new ();
  job->image_urls = g_ptr_array_new_with_free_func (g_free);
  job->assets = g_ptr_array_new_with_free_func (asset_free);
  if (cancellable != NULL)
    {
      job->caller_cancel = g_object_ref (cancellable);
      /* The job's own cancellable outlives the caller's handler: passing
       * it as data (not owned) is safe because job_free disconnects first. */
      job->caller_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                     job->cancel, NULL);
    }

  task = g_task_new (self, job->cancel, callback, user_data);
  g_task_set_source_tag (task, rn_snapshotter_take_async);
  g_task_set_task_data (task, job, job_free);
  g_queue_push_tail (&self->waiting, task);
  pump (self);
}

RnSnapshotState
rn_snapshotter_take_finish (RnSnapshotter  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize state;

  g_return_val_if_fail (g_task_is_valid (result, self), RN_SNAPSHOT_STATE_NONE);

  state = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return RN_SNAPSHOT_STATE_NONE;
    }
  return (RnSnapshotState) state;
}

void
rn_snapshotter_cancel_all (RnSnapshotter *self)
{
  g_return_if_fail (RN_IS_SNAPSHOTTER (self));

  for (GList *l = self->waiting.head; l != NULL; l = l->next)
    g_cancellable_cancel (((Job *) g_task_get_task_data (l->data))->cancel);
  for (GList *l = self->running; l != NULL; l = l->next)
    g_cancellable_cancel (((Job *) g_task_get_task_data (l->data))->cancel);
}
