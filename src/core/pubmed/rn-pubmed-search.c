/* rn-pubmed-search.c: counting and fetching a PubMed search. A search is
 * esearch pages (newest first) for the ids, then esummary batches for the
 * metadata and efetch batches for the abstracts. */
#define G_LOG_DOMAIN "rn-pubmed"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-pubmed-client-private.h"
#include "rn-pubmed-parse.h"

/* Long queries and id lists go in a POST body, not the URL. */
#define MAX_GET_TERM 1500
#define MAX_GET_IDS 50

static char *
days_string (guint days)
{
  return g_strdup_printf ("%u", days);
}

/* ---- count ---- */

typedef struct
{
  guint64  count;
  char    *notice;
} CountResult;

static void
count_result_free (gpointer data)
{
  CountResult *r = data;

  g_free (r->notice);
  g_free (r);
}

static void
on_count_done (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = rn_pubmed_client_request_finish (RN_PUBMED_CLIENT (source), result, &error);
  g_autoptr(RnPubmedSearchPage) page = NULL;
  CountResult *r;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  page = rn_pubmed_parse_esearch (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  r = g_new0 (CountResult, 1);
  r->count = page->count;
  r->notice = g_steal_pointer (&page->notice);
  g_task_return_pointer (task, r, count_result_free);
}

void
rn_pubmed_client_count_async (RnPubmedClient      *self,
                              const char          *query,
                              guint                days,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reldate = days_string (days);
  const char *params[] = {
    "db", "pubmed",
    "term", query,
    "retmode", "json",
    "retmax", "0",
    days > 0 ? "datetype" : NULL, "edat",
    "reldate", reldate,
    NULL
  };

  g_return_if_fail (RN_IS_PUBMED_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_pubmed_client_count_async);
  if (!rn_pubmed_check_query (query, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rn_pubmed_client_request_async (self, "esearch.fcgi", params, strlen (query) > MAX_GET_TERM,
                                  RN_PUBMED_MAX_SEARCH_BYTES, cancellable,
                                  on_count_done, g_steal_pointer (&task));
}

gboolean
rn_pubmed_client_count_finish (RnPubmedClient  *self,
                               GAsyncResult    *result,
                               guint64         *out_count,
                               char           **out_notice,
                               GError         **error)
{
  CountResult *r;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return FALSE;
  if (out_count != NULL)
    *out_count = r->count;
  if (out_notice != NULL)
    *out_notice = g_steal_pointer (&r->notice);
  count_result_free (r);
  return TRUE;
}

/* ---- search ---- */

typedef struct
{
  char        *query;
  guint        days;
  guint        max_results;
  guint64      count;
  gboolean     counted;
  GPtrArray   *ids;        /* char *, newest first, no duplicates */
  GHashTable  *seen;       /* id → NULL */
  guint        pages;
  guint64      next_start; /* NCBI's offset of the next page */
  GHashTable  *by_pmid;    /* PMID → RnParsedEntry * (owned) */
  guint        batch_start;
} Search;

static void
search_free (gpointer data)
{
  Search *s = data;

  g_free (s->query);
  g_ptr_array_unref (s->ids);
  g_hash_table_unref (s->seen);
  g_hash_table_unref (s->by_pmid);
  g_free (s);
}

static void search_next_page (GTask *task);
static void fetch_next_summaries (GTask *task);
static void fetch_next_abstracts (GTask *task);

static guint
wanted (Search *s)
{
  return (guint) MIN ((guint64) s->max_results, s->count);
}

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GTask *task = data;
  Search *s = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = rn_pubmed_client_request_finish (RN_PUBMED_CLIENT (source), result, &error);
  g_autoptr(RnPubmedSearchPage) page = NULL;
  guint before = s->ids->len;

  if (body != NULL)
    page = rn_pubmed_parse_esearch (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (!s->counted)
    {
      s->count = page->count;
      s->counted = TRUE;
    }
  /* Records that arrive while we page shift the list: skip repeats. */
  for (guint i = 0; i < page->ids->len && s->ids->len < s->max_results; i++)
    {
      const char *id = g_ptr_array_index (page->ids, i);

      if (g_hash_table_contains (s->seen, id))
        continue;
      g_hash_table_add (s->seen, g_strdup (id));
      g_ptr_array_add (s->ids, g_strdup (id));
    }
  s->pages++;
  s->next_start = page->retstart + page->ids->len;

  if (s->ids->len < wanted (s) && page->ids->len > 0 && s->ids->len > before &&
      page->retstart + page->ids->len < s->count &&
      s->pages <= RN_PUBMED_MAX_RESULTS_LIMIT / rn_pubmed_client_get_search_page (RN_PUBMED_CLIENT (source)) + 1)
    search_next_page (task);
  else
    fetch_next_summaries (task);
}

static void
search_next_page (GTask *task)
{
  RnPubmedClient *self = g_task_get_source_object (task);
  Search *s = g_task_get_task_data (task);
  guint page_size = rn_pubmed_client_get_search_page (self);
  guint64 start = s->next_start;
  guint size = s->counted ? MIN (page_size, wanted (s) - s->ids->len) : MIN (page_size, s->max_results);
  g_autofree char *retstart = g_strdup_printf ("%" G_GUINT64_FORMAT, start);
  g_autofree char *retmax = g_strdup_printf ("%u", size);
  g_autofree char *reldate = days_string (s->days);
  const char *params[] = {
    "db", "pubmed",
    "term", s->query,
    "retmode", "json",
    "sort", "pub_date",
    "retstart", retstart,
    "retmax", retmax,
    s->days > 0 ? "datetype" : NULL, "edat",
    "reldate", reldate,
    NULL
  };

  rn_pubmed_client_request_async (self, "esearch.fcgi", params, strlen (s->query) > MAX_GET_TERM,
                                  RN_PUBMED_MAX_SEARCH_BYTES, g_task_get_cancellable (task),
                                  on_page, task);
}

static char *
join_batch (Search *s,
            guint   start,
            guint   count)
{
  GString *ids = g_string_new (NULL);

  for (guint i = start; i < start + count; i++)
    {
      if (i > start)
        g_string_append_c (ids, ',');
      g_string_append (ids, g_ptr_array_index (s->ids, i));
    }
  return g_string_free (ids, FALSE);
}

static void
on_summaries (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GTask *task = data;
  Search *s = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = rn_pubmed_client_request_finish (RN_PUBMED_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) entries = NULL;

  if (body != NULL)
    entries = rn_pubmed_parse_esummary (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  if (entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  /* Only what was asked for: a confused answer cannot add records. */
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      RnParsedEntry *e = g_ptr_array_index (entries, i);

      if (g_hash_table_contains (s->seen, e->pmid) && !g_hash_table_contains (s->by_pmid, e->pmid))
        g_hash_table_insert (s->by_pmid, g_strdup (e->pmid), e);
      else
        rn_parsed_entry_free (e);
    }
  fetch_next_summaries (task);
}

static void
fetch_next_summaries (GTask *task)
{
  RnPubmedClient *self = g_task_get_source_object (task);
  Search *s = g_task_get_task_data (task);
  guint batch = rn_pubmed_client_get_fetch_batch (self);
  guint n;
  g_autofree char *ids = NULL;
  const char *params[] = { "db", "pubmed", "retmode", "json", "id", NULL, NULL };

  if (s->batch_start >= s->ids->len)
    {
      s->batch_start = 0;
      fetch_next_abstracts (task);
      return;
    }
  n = MIN (batch, s->ids->len - s->batch_start);
  ids = join_batch (s, s->batch_start, n);
  s->batch_start += n;
  params[5] = ids;
  rn_pubmed_client_request_async (self, "esummary.fcgi", params, n > MAX_GET_IDS,
                                  RN_PUBMED_MAX_SUMMARY_BYTES, g_task_get_cancellable (task),
                                  on_summaries, task);
}

static void
on_abstracts (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GTask *task = data;
  Search *s = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = rn_pubmed_client_request_finish (RN_PUBMED_CLIENT (source), result, &error);

  if (body == NULL ||
      !rn_pubmed_parse_efetch (g_bytes_get_data (body, NULL), g_bytes_get_size (body), s->by_pmid, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  fetch_next_abstracts (task);
}

static void
finish_search (GTask *task)
{
  Search *s = g_task_get_task_data (task);
  g_autoptr(RnParsedFeed) feed = rn_parsed_feed_new ();

  feed->link = rn_pubmed_query_web_url (s->query);
  for (guint i = 0; i < s->ids->len; i++)
    {
      gpointer key, value;

      if (g_hash_table_steal_extended (s->by_pmid, g_ptr_array_index (s->ids, i), &key, &value))
        {
          g_free (key);
          g_ptr_array_add (feed->entries, value);
        }
    }
  g_debug ("search: %u of %" G_GUINT64_FORMAT " records", feed->entries->len, s->count);
  g_task_return_pointer (task, g_steal_pointer (&feed), (GDestroyNotify) rn_parsed_feed_free);
  g_object_unref (task);
}

static void
fetch_next_abstracts (GTask *task)
{
  RnPubmedClient *self = g_task_get_source_object (task);
  Search *s = g_task_get_task_data (task);
  guint batch = rn_pubmed_client_get_fetch_batch (self);
  g_autoptr(GString) ids = g_string_new (NULL);
  guint n = 0;
  const char *params[] = { "db", "pubmed", "retmode", "xml", "rettype", "abstract", "id", NULL, NULL };

  /* Only the records esummary described. */
  while (s->batch_start < s->ids->len && n < batch)
    {
      const char *id = g_ptr_array_index (s->ids, s->batch_start++);

      if (!g_hash_table_contains (s->by_pmid, id))
        continue;
      if (n++ > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, id);
    }
  if (n == 0)
    {
      finish_search (task);
      return;
    }
  params[7] = ids->str;
  rn_pubmed_client_request_async (self, "efetch.fcgi", params, n > MAX_GET_IDS,
                                  RN_PUBMED_MAX_FETCH_BYTES, g_task_get_cancellable (task),
                                  on_abstracts, task);
}

void
rn_pubmed_client_search_async (RnPubmedClient      *self,
                               const char          *query,
                               guint                days,
                               guint                max_results,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  GError *error = NULL;
  Search *s;

  g_return_if_fail (RN_IS_PUBMED_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_pubmed_client_search_async);
  g_task_set_check_cancellable (task, TRUE);
  if (!rn_pubmed_check_query (query, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  s = g_new0 (Search, 1);
  s->query = g_strdup (query);
  s->days = days;
  s->max_results = max_results == 0 ? RN_PUBMED_DEFAULT_MAX_RESULTS
                                     : MIN (max_results, RN_PUBMED_MAX_RESULTS_LIMIT);
  s->ids = g_ptr_array_new_with_free_func (g_free);
  s->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->by_pmid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) rn_parsed_entry_free);
  g_task_set_task_data (task, s, search_free);
  search_next_page (task);
}

RnParsedFeed *
rn_pubmed_client_search_finish (RnPubmedClient  *self,
                                GAsyncResult    *result,
                                guint64         *out_count,
                                GError         **error)
{
  Search *s;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  s = g_task_get_task_data (G_TASK (result));
  if (out_count != NULL)
    *out_count = s != NULL ? s->count : 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}
