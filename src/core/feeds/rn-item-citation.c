/* rn-item-citation.c: the journal details of an item (items.extra, the
 * PubMed publication types in item_tags) in one struct. */
#define G_LOG_DOMAIN "rn-item"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rn-item-citation.h"
#include "store/rn-sql.h"

/* Every PubMed record is a journal article; the types worth a word are
 * the others (review, guideline, trial, case report...). */
static gboolean
type_is_worth_naming (const char *type)
{
  return g_ascii_strcasecmp (type, "Journal Article") != 0 &&
         g_ascii_strcasecmp (type, "English Abstract") != 0;
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  if (*json_node_get_string (node) == '\0')
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static void
read_extra (RnItemCitation *c,
            const char     *extra)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  if (extra == NULL || !json_parser_load_from_data (parser, extra, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  c->journal = dup_member (object, "journal");
  c->volume = dup_member (object, "volume");
  c->issue = dup_member (object, "issue");
  c->first_page = dup_member (object, "first_page");
  c->pmid = dup_member (object, "pmid");
  c->pmcid = dup_member (object, "pmcid");
}

RnItemCitation *
rn_item_citation_load (RnStore  *store,
                       gint64    item_id,
                       GError  **error)
{
  g_autoptr(RnItemCitation) c = NULL;
  g_autofree char *extra = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);

  stmt = rn_store_reader_stmt (store,
    "SELECT CASE WHEN json_valid(extra) THEN extra END, doi FROM items WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                   _("There is no item %" PRId64), item_id);
      return NULL;
    }
  c = g_new0 (RnItemCitation, 1);
  c->types = g_ptr_array_new_with_free_func (g_free);
  extra = rn_sql_dup_text (stmt, 0);
  c->doi = rn_sql_dup_text (stmt, 1);
  sqlite3_reset (stmt);
  read_extra (c, extra);

  /* A notice Crossref reported for the article's DOI (see core/reading). */
  stmt = rn_store_reader_stmt (store, "SELECT notice, notice_url FROM refs WHERE item_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      c->notice = rn_sql_dup_text (stmt, 0);
      c->notice_url = rn_sql_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);

  /* Only a PubMed record's categories are publication types; a journal
   * feed's are the publisher's subject headings. */
  if (c->pmid == NULL)
    return g_steal_pointer (&c);
  stmt = rn_store_reader_stmt (store, "SELECT tag FROM item_tags WHERE item_id = ? ORDER BY tag", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *tag = (const char *) sqlite3_column_text (stmt, 0);

      if (tag != NULL && type_is_worth_naming (tag))
        g_ptr_array_add (c->types, g_strdup (tag));
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&c);
}

void
rn_item_citation_free (RnItemCitation *c)
{
  if (c == NULL)
    return;
  g_free (c->journal);
  g_free (c->volume);
  g_free (c->issue);
  g_free (c->first_page);
  g_free (c->pmid);
  g_free (c->pmcid);
  g_free (c->doi);
  g_free (c->notice);
  g_free (c->notice_url);
  g_clear_pointer (&c->types, g_ptr_array_unref);
  g_free (c);
}

char *
rn_item_citation_format_source (const RnItemCitation *c)
{
  GString *out;

  g_return_val_if_fail (c != NULL, NULL);
  if (c->journal == NULL)
    return NULL;
  out = g_string_new (c->journal);
  if (c->volume != NULL)
    g_string_append_printf (out, " %s", c->volume);
  if (c->issue != NULL)
    g_string_append_printf (out, "(%s)", c->issue);
  if (c->first_page != NULL)
    g_string_append_printf (out, ":%s", c->first_page);
  return g_string_free (out, FALSE);
}

/* Identifiers come from feeds: only the characters they are made of get
 * into an address. */
static gboolean
is_digits (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

char *
rn_item_citation_pubmed_url (const RnItemCitation *c)
{
  g_return_val_if_fail (c != NULL, NULL);
  if (!is_digits (c->pmid))
    return NULL;
  return g_strdup_printf ("https://pubmed.ncbi.nlm.nih.gov/%s/", c->pmid);
}

char *
rn_item_citation_pmc_url (const RnItemCitation *c)
{
  g_return_val_if_fail (c != NULL, NULL);
  if (c->pmcid == NULL || g_ascii_strncasecmp (c->pmcid, "PMC", 3) != 0 || !is_digits (c->pmcid + 3))
    return NULL;
  return g_strdup_printf ("https://pmc.ncbi.nlm.nih.gov/articles/PMC%s/", c->pmcid + 3);
}

char *
rn_item_citation_doi_url (const RnItemCitation *c)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (c != NULL, NULL);
  if (c->doi == NULL || !g_str_has_prefix (c->doi, "10.") || strchr (c->doi, '/') == NULL)
    return NULL;
  /* "/" stays: doi.org resolves the DOI as written. */
  escaped = g_uri_escape_string (c->doi, "/;:@&=+$,()", FALSE);
  return g_strdup_printf ("https://doi.org/%s", escaped);
}
