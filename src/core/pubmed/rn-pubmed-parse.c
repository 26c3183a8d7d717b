/* rn-pubmed-parse.c: esearch / esummary JSON and efetch XML into the
 * structs the client assembles. Every input is untrusted: sizes are capped
 * by the caller, nesting and lengths here. */
#define G_LOG_DOMAIN "rn-pubmed"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "rn-pubmed-parse.h"

/* json-glib recurses per nesting level; NCBI's answers are 4 deep. */
#define MAX_JSON_DEPTH 32
#define MAX_ID_LENGTH 12
#define MAX_AUTHORS 50
#define MAX_ABSTRACT (256 * 1024)
#define MAX_XML_DEPTH 64

G_DEFINE_QUARK (rn-pubmed-error-quark, rn_pubmed_error)

void
rn_pubmed_search_page_free (RnPubmedSearchPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->ids, g_ptr_array_unref);
  g_free (page->query_translation);
  g_free (page->notice);
  g_free (page);
}

char *
rn_pubmed_scrub_secrets (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  p = text;
  while (*p != '\0')
    {
      if (g_ascii_strncasecmp (p, "api_key=", 8) == 0)
        {
          g_string_append (out, "api_key=***");
          p += 8;
          while (*p != '\0' && *p != '&' && *p != '"' && *p != '\'' &&
                 *p != '<' && *p != '>' && !g_ascii_isspace (*p))
            p++;
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (out, FALSE);
}

/* ---- dates ---- */

static int
month_from_word (const char *word)
{
  static const char *const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (word, months[i], 3) == 0)
      return (int) i + 1;
  /* Quarterlies give seasons. */
  if (g_ascii_strncasecmp (word, "win", 3) == 0)
    return 1;
  if (g_ascii_strncasecmp (word, "spr", 3) == 0)
    return 4;
  if (g_ascii_strncasecmp (word, "sum", 3) == 0)
    return 7;
  if (g_ascii_strncasecmp (word, "fal", 3) == 0 || g_ascii_strncasecmp (word, "aut", 3) == 0)
    return 10;
  return 0;
}

static gint64
make_date (int year,
           int month,
           int day)
{
  g_autoptr(GDateTime) dt = NULL;

  if (year < 1800 || year > 2200)
    return RN_NO_DATE;
  if (month < 1 || month > 12)
    month = 1;
  if (day < 1 || day > 31)
    day = 1;
  dt = g_date_time_new_utc (year, month, day, 0, 0, 0);
  while (dt == NULL && day > 28)    /* "Feb 30" and friends */
    dt = g_date_time_new_utc (year, month, --day, 0, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : RN_NO_DATE;
}

gint64
rn_pubmed_parse_date (const char *text)
{
  g_auto(GStrv) words = NULL;
  int year, month = 0, day = 0;
  guint n;

  if (text == NULL)
    return RN_NO_DATE;
  while (g_ascii_isspace (*text))
    text++;
  if (strlen (text) < 4 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]))
    return RN_NO_DATE;
  year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');

  /* sortpubdate: "2024/07/15 00:00" */
  if (text[4] == '/')
    {
      month = (int) g_ascii_strtoll (text + 5, NULL, 10);
      if (strlen (text) >= 8 && text[7] == '/')
        day = (int) g_ascii_strtoll (text + 8, NULL, 10);
      return make_date (year, month, day);
    }

  /* pubdate / epubdate: "2024 Jul 15", "2024 Jul-Aug", "2024 Jul 15-21" */
  words = g_strsplit_set (text, " ", 4);
  n = g_strv_length (words);
  if (n >= 2)
    month = month_from_word (words[1]);
  if (n >= 3 && month > 0 && g_ascii_isdigit (words[2][0]))
    day = (int) g_ascii_strtoll (words[2], NULL, 10);
  return make_date (year, month, day);
}

/* ---- JSON ---- */

/* Rejects nesting deeper than json-glib should recurse. */
static gboolean
json_depth_ok (const char *data,
               gsize       length)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }
  return TRUE;
}

static JsonNode *
load_json (const char  *data,
           gsize        length,
           const char  *what,
           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (data == NULL || length == 0 || length > G_MAXSSIZE || !json_depth_ok (data, length))
    {
      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                   _("PubMed sent an unreadable answer to the %s request"), what);
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local))
    {
      g_debug ("%s: %s", what, local->message);
      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                   _("PubMed sent an unreadable answer to the %s request"), what);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                   _("PubMed sent an unexpected answer to the %s request"), what);
      return NULL;
    }
  return json_node_ref (root);
}

/* A member that is a non-empty string (NCBI writes numbers as strings, but
 * accept numbers too); NULL otherwise. */
static const char *
get_string (JsonObject *obj,
            const char *name)
{
  JsonNode *node;
  const char *s;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  s = json_node_get_string (node);
  return s != NULL && *s != '\0' ? s : NULL;
}

static gboolean
get_count (JsonObject *obj,
           const char *name,
           guint64    *out)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;
  const char *s;

  *out = 0;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);
      *out = v > 0 ? (guint64) v : 0;
      return TRUE;
    }
  s = get_string (obj, name);
  return s != NULL && g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT64, out, NULL);
}

static JsonObject *
get_object (JsonObject *obj,
            const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *obj,
           const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Joins the strings of a list; returns how many there were. */
static guint
append_list (GString    *out,
             JsonArray  *array)
{
  guint n = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array) && i < 50; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (n > 0)
        g_string_append (out, ", ");
      g_string_append (out, json_node_get_string (node));
      n++;
    }
  return n;
}

/* "Prefix: a, b." after what @notice holds; @prefix may be NULL. */
static guint
add_notice (GString    *notice,
            const char *prefix,
            JsonArray  *array)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = append_list (list, array);

  if (n == 0)
    return 0;
  if (notice->len > 0)
    g_string_append (notice, " ");
  if (prefix != NULL)
    g_string_append_printf (notice, "%s %s.", prefix, list->str);
  else
    g_string_append (notice, list->str);
  return n;
}

static gboolean
is_pmid (const char *s)
{
  gsize len = 0;

  for (const char *p = s; *p != '\0'; p++, len++)
    if (!g_ascii_isdigit (*p) || len >= MAX_ID_LENGTH)
      return FALSE;
  return len > 0;
}

RnPubmedSearchPage *
rn_pubmed_parse_esearch (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(JsonNode) root = load_json (data, length, "esearch", error);
  g_autoptr(RnPubmedSearchPage) page = NULL;
  g_autoptr(GString) notice = NULL;
  JsonObject *result, *errors, *warnings;
  JsonArray *ids;
  const char *message;
  guint not_found = 0;

  if (root == NULL)
    return NULL;
  result = get_object (json_node_get_object (root), "esearchresult");
  if (result == NULL)
    {
      g_autofree char *scrubbed = rn_pubmed_scrub_secrets (get_string (json_node_get_object (root), "error"));

      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                   _("PubMed could not run the search: %s"),
                   scrubbed != NULL ? scrubbed : _("no result in the answer"));
      return NULL;
    }

  message = get_string (result, "ERROR");
  if (message != NULL)
    {
      g_autofree char *scrubbed = rn_pubmed_scrub_secrets (message);

      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY,
                   _("PubMed rejected the query: %s"), scrubbed);
      return NULL;
    }

  page = g_new0 (RnPubmedSearchPage, 1);
  page->ids = g_ptr_array_new_with_free_func (g_free);
  if (!get_count (result, "count", &page->count))
    {
      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                   _("PubMed’s answer to the search has no count"));
      return NULL;
    }
  get_count (result, "retstart", &page->retstart);
  page->query_translation = g_strdup (get_string (result, "querytranslation"));

  ids = get_array (result, "idlist");
  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      JsonNode *node = json_array_get_element (ids, i);
      const char *id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      id = json_node_get_string (node);
      if (is_pmid (id))
        g_ptr_array_add (page->ids, g_strdup (id));
    }

  /* Terms NCBI did not know: fatal only when nothing matched, otherwise a
   * notice beside the results. */
  notice = g_string_new (NULL);
  errors = get_object (result, "errorlist");
  warnings = get_object (result, "warninglist");
  not_found += add_notice (notice, _("Not found in PubMed:"), get_array (errors, "phrasesnotfound"));
  not_found += add_notice (notice, _("Unknown search field:"), get_array (errors, "fieldsnotfound"));
  not_found += add_notice (notice, _("Quoted phrase not found:"), get_array (warnings, "quotedphrasesnotfound"));
  add_notice (notice, _("Ignored:"), get_array (warnings, "phrasesignored"));
  add_notice (notice, NULL, get_array (warnings, "outputmessages"));

  if (page->count == 0 && not_found > 0)
    {
      g_autofree char *scrubbed = rn_pubmed_scrub_secrets (notice->str);

      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_INVALID_QUERY,
                   _("PubMed rejected the query: %s"), scrubbed);
      return NULL;
    }
  if (notice->len > 0)
    page->notice = rn_pubmed_scrub_secrets (notice->str);
  return g_steal_pointer (&page);
}

/* ---- esummary ---- */

static char *
normalise_doi (const char *value)
{
  const char *p = value;
  g_autofree char *copy = NULL;

  if (value == NULL)
    return NULL;
  while (g_ascii_isspace (*p))
    p++;
  if (g_ascii_strncasecmp (p, "doi:", 4) == 0)
    p += 4;
  else if (g_ascii_strncasecmp (p, "https://doi.org/", 16) == 0)
    p += 16;
  while (g_ascii_isspace (*p))
    p++;
  if (!g_str_has_prefix (p, "10.") || strchr (p, '/') == NULL || strlen (p) > 512)
    return NULL;
  copy = g_strstrip (g_strdup (p));
  /* DOIs compare case-insensitively: one spelling lets items match. */
  return g_ascii_strdown (copy, -1);
}

static char *
first_page (const char *pages)
{
  const char *dash;

  if (pages == NULL)
    return NULL;
  dash = strchr (pages, '-');
  return dash != NULL ? g_strndup (pages, (gsize) (dash - pages)) : g_strdup (pages);
}

static void
read_article_ids (RnParsedEntry *e,
                  JsonArray     *ids)
{
  for (guint i = 0; ids != NULL && i < json_array_get_length (ids) && i < 64; i++)
    {
      JsonNode *node = json_array_get_element (ids, i);
      JsonObject *obj;
      const char *type, *value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      obj = json_node_get_object (node);
      type = get_string (obj, "idtype");
      value = get_string (obj, "value");
      if (type == NULL || value == NULL)
        continue;
      if (g_str_equal (type, "doi") && e->doi == NULL)
        e->doi = normalise_doi (value);
      else if (g_str_equal (type, "pmc") && e->pmcid == NULL && g_str_has_prefix (value, "PMC"))
        e->pmcid = g_strdup (value);
    }
}

static RnParsedEntry *
entry_from_summary (const char *uid,
                    JsonObject *doc)
{
  g_autoptr(RnParsedEntry) e = rn_parsed_entry_new ();
  const char *title, *journal;
  JsonArray *authors, *types, *langs;
  gint64 date;

  e->pmid = g_strdup (uid);
  e->id = g_strconcat ("pmid:", uid, NULL);
  e->link = g_strdup_printf ("https://pubmed.ncbi.nlm.nih.gov/%s/", uid);

  title = get_string (doc, "title");
  if (title == NULL)
    title = get_string (doc, "booktitle");
  e->title = g_strdup (title);

  authors = get_array (doc, "authors");
  for (guint i = 0; authors != NULL && i < json_array_get_length (authors); i++)
    {
      JsonNode *node = json_array_get_element (authors, i);
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (name = get_string (json_node_get_object (node), "name")) == NULL)
        continue;
      if (e->authors->len == MAX_AUTHORS)
        {
          g_ptr_array_add (e->authors, g_strdup (_("et al.")));
          break;
        }
      g_ptr_array_add (e->authors, g_strdup (name));
    }

  /* The earliest exact date: online first, else NCBI's sortable date. */
  date = RN_NO_DATE;
  if (get_string (doc, "epubdate") != NULL)
    {
      g_auto(GStrv) words = g_strsplit (get_string (doc, "epubdate"), " ", 4);
      if (g_strv_length (words) >= 3)
        date = rn_pubmed_parse_date (get_string (doc, "epubdate"));
    }
  if (date == RN_NO_DATE)
    date = rn_pubmed_parse_date (get_string (doc, "sortpubdate"));
  if (date == RN_NO_DATE)
    date = rn_pubmed_parse_date (get_string (doc, "pubdate"));
  e->published = date;
  e->cover_date = g_strdup (get_string (doc, "pubdate"));

  journal = get_string (doc, "fulljournalname");
  if (journal == NULL)
    journal = get_string (doc, "source");
  e->publication_name = g_strdup (journal);
  e->volume = g_strdup (get_string (doc, "volume"));
  e->number = g_strdup (get_string (doc, "issue"));
  e->starting_page = first_page (get_string (doc, "pages"));

  types = get_array (doc, "pubtype");
  for (guint i = 0; types != NULL && i < json_array_get_length (types) && i < 32; i++)
    {
      JsonNode *node = json_array_get_element (types, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          *json_node_get_string (node) != '\0')
        g_ptr_array_add (e->categories, g_strdup (json_node_get_string (node)));
    }

  langs = get_array (doc, "lang");
  if (langs != NULL && json_array_get_length (langs) == 1)
    {
      JsonNode *node = json_array_get_element (langs, 0);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), "eng") == 0)
        e->lang = g_strdup ("en");
    }

  read_article_ids (e, get_array (doc, "articleids"));
  return g_steal_pointer (&e);
}

GPtrArray *
rn_pubmed_parse_esummary (const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(JsonNode) root = load_json (data, length, "esummary", error);
  g_autoptr(GPtrArray) entries = NULL;
  JsonObject *result;
  JsonArray *uids;

  if (root == NULL)
    return NULL;
  result = get_object (json_node_get_object (root), "result");
  uids = get_array (result, "uids");
  if (result == NULL || uids == NULL)
    {
      g_autofree char *scrubbed = rn_pubmed_scrub_secrets (get_string (json_node_get_object (root), "error"));

      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                   _("PubMed could not describe the articles: %s"),
                   scrubbed != NULL ? scrubbed : _("no result in the answer"));
      return NULL;
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_parsed_entry_free);
  for (guint i = 0; i < json_array_get_length (uids); i++)
    {
      JsonNode *node = json_array_get_element (uids, i);
      JsonObject *doc;
      const char *uid;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      uid = json_node_get_string (node);
      if (!is_pmid (uid))
        continue;
      doc = get_object (result, uid);
      if (doc == NULL || get_string (doc, "error") != NULL)
        {
          g_debug ("esummary has no document for %s", uid);
          continue;
        }
      g_ptr_array_add (entries, entry_from_summary (uid, doc));
    }
  return g_steal_pointer (&entries);
}

/* ---- efetch ---- */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

static xmlNode *
child (xmlNode    *parent,
       const char *name)
{
  for (xmlNode *n = parent != NULL ? parent->children : NULL; n != NULL; n = n->next)
    if (is_element (n, name))
      return n;
  return NULL;
}

static char *
attr (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* Text and CDATA only: entity references are never expanded, so a hostile
 * DTD cannot make the text grow. */
static void
append_text (GString *out,
             xmlNode *node,
             gboolean markup,
             int      depth)
{
  if (depth > MAX_XML_DEPTH)
    return;
  for (xmlNode *n = node->children; n != NULL && out->len < MAX_ABSTRACT; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          if (markup)
            {
              g_autofree char *escaped = g_markup_escape_text ((const char *) n->content, -1);
              g_string_append (out, escaped);
            }
          else
            g_string_append (out, (const char *) n->content);
        }
      else if (n->type == XML_ELEMENT_NODE)
        {
          static const char *const inline_tags[] = { "i", "b", "u", "sup", "sub" };
          const char *tag = NULL;

          for (guint i = 0; markup && i < G_N_ELEMENTS (inline_tags); i++)
            if (g_str_equal ((const char *) n->name, inline_tags[i]))
              tag = inline_tags[i];
          if (tag != NULL)
            g_string_append_printf (out, "<%s>", tag);
          append_text (out, n, markup, depth + 1);
          if (tag != NULL)
            g_string_append_printf (out, "</%s>", tag);
        }
    }
}

static char *
text_of (xmlNode *node)
{
  GString *out = g_string_new (NULL);

  if (node != NULL)
    append_text (out, node, FALSE, 0);
  return g_strstrip (g_string_free (out, FALSE));
}

/* <p><strong>PURPOSE:</strong> …</p> for each AbstractText. */
static char *
abstract_html (xmlNode *abstract)
{
  g_autoptr(GString) html = g_string_new (NULL);

  for (xmlNode *n = abstract->children; n != NULL && html->len < MAX_ABSTRACT; n = n->next)
    {
      g_autofree char *label = NULL;
      g_autoptr(GString) text = NULL;

      if (!is_element (n, "AbstractText"))
        continue;
      text = g_string_new (NULL);
      append_text (text, n, TRUE, 0);
      g_strstrip (text->str);
      text->len = strlen (text->str);
      if (text->len == 0)
        continue;
      label = attr (n, "Label");
      g_string_append (html, "<p>");
      if (label != NULL && *label != '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (label, -1);
          g_string_append_printf (html, "<strong>%s:</strong> ", escaped);
        }
      g_string_append_len (html, text->str, (gssize) text->len);
      g_string_append (html, "</p>");
    }
  return html->len > 0 ? g_strdup (html->str) : NULL;
}

static void
read_id_list (RnParsedEntry *e,
              xmlNode       *list)
{
  for (xmlNode *n = list != NULL ? list->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *type = NULL;
      g_autofree char *value = NULL;

      if (!is_element (n, "ArticleId"))
        continue;
      type = attr (n, "IdType");
      value = text_of (n);
      if (g_strcmp0 (type, "pmc") == 0 && e->pmcid == NULL && g_str_has_prefix (value, "PMC"))
        e->pmcid = g_steal_pointer (&value);
      else if (g_strcmp0 (type, "doi") == 0 && e->doi == NULL)
        e->doi = normalise_doi (value);
    }
}

static void
read_article (xmlNode    *article,
              GHashTable *by_pmid)
{
  /* PubmedArticle: MedlineCitation/PMID, MedlineCitation/Article/Abstract,
   * PubmedData/ArticleIdList. PubmedBookArticle: BookDocument/PMID,
   * BookDocument/Abstract, PubmedBookData/ArticleIdList. The ArticleIdLists
   * of the ReferenceList are the cited works', not this one's. */
  gboolean book = is_element (article, "PubmedBookArticle");
  xmlNode *citation = child (article, book ? "BookDocument" : "MedlineCitation");
  xmlNode *data = child (article, book ? "PubmedBookData" : "PubmedData");
  xmlNode *abstract;
  g_autofree char *pmid = NULL;
  RnParsedEntry *e;

  if (citation == NULL)
    return;
  pmid = text_of (child (citation, "PMID"));
  e = g_hash_table_lookup (by_pmid, pmid);
  if (e == NULL)
    return;

  abstract = book ? child (citation, "Abstract") : child (child (citation, "Article"), "Abstract");
  if (abstract != NULL && e->summary == NULL)
    e->summary = abstract_html (abstract);
  read_id_list (e, child (data, "ArticleIdList"));
}

gboolean
rn_pubmed_parse_efetch (const char  *data,
                        gsize        length,
                        GHashTable  *by_pmid,
                        GError     **error)
{
  xmlDoc *doc;
  xmlNode *root;

  g_return_val_if_fail (by_pmid != NULL, FALSE);

  if (data == NULL || length == 0 || length > G_MAXINT)
    {
      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                   _("PubMed sent an empty answer to the abstracts request"));
      return FALSE;
    }
  /* No network, no DTD loading, no entity substitution (XML_PARSE_NOENT is
   * deliberately absent): the DOCTYPE NCBI sends stays unread. */
  doc = xmlReadMemory (data, (int) length, "efetch.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                       XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
  if (doc == NULL)
    {
      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                   _("PubMed sent unreadable abstracts"));
      return FALSE;
    }
  root = xmlDocGetRootElement (doc);
  if (!is_element (root, "PubmedArticleSet"))
    {
      xmlFreeDoc (doc);
      g_set_error (error, RN_PUBMED_ERROR, RN_PUBMED_ERROR_BAD_RESPONSE,
                   _("PubMed sent something else than abstracts"));
      return FALSE;
    }
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    if (is_element (n, "PubmedArticle") || is_element (n, "PubmedBookArticle"))
      read_article (n, by_pmid);
  xmlFreeDoc (doc);
  return TRUE;
}
