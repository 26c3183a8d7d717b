#define G_LOG_DOMAIN "rn-crossref"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rn-crossref.h"
#include "rn-markup-text.h"

/* Crossref work types → CSL types. Unknown types are "document". */
static const struct
{
  const char *crossref;
  const char *csl;
} type_map[] = {
  { "journal-article", "article-journal" },
  { "posted-content", "article" },            /* preprints */
  { "book-chapter", "chapter" },
  { "book-section", "chapter" },
  { "book-part", "chapter" },
  { "book", "book" },
  { "monograph", "book" },
  { "edited-book", "book" },
  { "reference-book", "book" },
  { "proceedings-article", "paper-conference" },
  { "dataset", "dataset" },
  { "report", "report" },
  { "dissertation", "thesis" },
  { "reference-entry", "entry" },
  { "peer-review", "review" },
  { "standard", "standard" },
  { "component", "document" },
};

#define MAX_JSON_DEPTH 64

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Crossref gives most titles as arrays of strings: the first one counts. */
static const char *
first_string (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    return string_member (object, name);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        return json_node_get_string (element);
    }
  return NULL;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* {"date-parts": [[2021, 3, 2]]} → y/m/d; FALSE without a year. */
static gboolean
read_date (JsonObject *date,
           int         ymd[3])
{
  JsonArray *parts, *first;
  JsonNode *node;

  ymd[0] = ymd[1] = ymd[2] = 0;
  if (date == NULL || (parts = array_member (date, "date-parts")) == NULL ||
      json_array_get_length (parts) == 0)
    return FALSE;
  node = json_array_get_element (parts, 0);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  first = json_node_get_array (node);
  for (guint i = 0; i < 3 && i < json_array_get_length (first); i++)
    {
      JsonNode *part = json_array_get_element (first, i);

      if (JSON_NODE_HOLDS_VALUE (part) && json_node_get_value_type (part) == G_TYPE_INT64)
        {
          gint64 v = json_node_get_int (part);

          ymd[i] = v > 0 && v < 10000 ? (int) v : 0;
        }
    }
  return ymd[0] != 0;
}

static char *
date_to_string (const int ymd[3])
{
  if (ymd[0] == 0)
    return NULL;
  if (ymd[1] == 0)
    return g_strdup_printf ("%04d", ymd[0]);
  if (ymd[2] == 0)
    return g_strdup_printf ("%04d-%02d", ymd[0], ymd[1]);
  return g_strdup_printf ("%04d-%02d-%02d", ymd[0], ymd[1], ymd[2]);
}

/* Crossref titles may hold inline markup ("<i>In vivo</i>"). */
static void
set_text (RnReference *ref,
          RnRefField   field,
          const char  *markup)
{
  g_autofree char *text = NULL;

  if (markup == NULL)
    return;
  text = rn_markup_to_text (markup, -1, RN_REFERENCE_MAX_FIELD);
  rn_reference_set (ref, field, text);
}

/* The update types Crossref's Crossmark uses, by how much they matter
 * to a reader: a retraction outranks an expression of concern, which
 * outranks a correction. New versions, addenda etc. are no notices. */
static RnNoticeKind
notice_kind (const char *type,
             int        *severity)
{
  static const struct { const char *type; RnNoticeKind kind; int severity; } kinds[] = {
    { "retraction", RN_NOTICE_RETRACTION, 3 },
    { "partial_retraction", RN_NOTICE_RETRACTION, 3 },
    { "withdrawal", RN_NOTICE_RETRACTION, 3 },
    { "removal", RN_NOTICE_RETRACTION, 3 },
    { "expression_of_concern", RN_NOTICE_EXPRESSION_OF_CONCERN, 2 },
    { "expression-of-concern", RN_NOTICE_EXPRESSION_OF_CONCERN, 2 },
    { "correction", RN_NOTICE_CORRECTION, 1 },
    { "erratum", RN_NOTICE_CORRECTION, 1 },
    { "corrigendum", RN_NOTICE_CORRECTION, 1 },
  };
  g_autofree char *lower = NULL;

  *severity = 0;
  if (type == NULL)
    return RN_NOTICE_NONE;
  lower = g_ascii_strdown (type, -1);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (lower, kinds[i].type))
      {
        *severity = kinds[i].severity;
        return kinds[i].kind;
      }
  return RN_NOTICE_NONE;
}

typedef struct
{
  RnNoticeKind  kind;
  int           severity;
  const char   *doi;
  int           date[3];
} Update;

static void
pick_update (JsonArray *updates,
             Update    *best)
{
  for (guint i = 0; updates != NULL && i < json_array_get_length (updates); i++)
    {
      JsonNode *node = json_array_get_element (updates, i);
      JsonObject *update;
      int severity;
      RnNoticeKind kind;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      update = json_node_get_object (node);
      kind = notice_kind (string_member (update, "type"), &severity);
      if (kind == RN_NOTICE_NONE || severity <= best->severity)
        continue;
      best->kind = kind;
      best->severity = severity;
      best->doi = string_member (update, "DOI");
      read_date (object_member (update, "updated"), best->date);
    }
}

/* "relation" names links both ways: "is-retracted-by"-like names point from
 * the work to its notice, "-of" names ("is-retraction-of") from a notice to
 * its work. Crossref has no fixed list of these, so match on stems. */
static void
read_relations (JsonObject *relation,
                Update     *notice,
                Update     *updates)
{
  g_autoptr(GList) names = NULL;

  if (relation == NULL)
    return;
  names = json_object_get_members (relation);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonArray *targets = array_member (relation, name);
      Update *into = g_str_has_suffix (name, "-of") ? updates : notice;
      RnNoticeKind kind = RN_NOTICE_NONE;
      int severity = 0;
      JsonNode *first;
      const char *id;

      if (strstr (name, "retract") != NULL)
        kind = RN_NOTICE_RETRACTION, severity = 3;
      else if (strstr (name, "concern") != NULL)
        kind = RN_NOTICE_EXPRESSION_OF_CONCERN, severity = 2;
      else if (strstr (name, "correct") != NULL || strstr (name, "errat") != NULL ||
               strstr (name, "corrigend") != NULL)
        kind = RN_NOTICE_CORRECTION, severity = 1;
      if (kind == RN_NOTICE_NONE || severity <= into->severity ||
          targets == NULL || json_array_get_length (targets) == 0)
        continue;
      first = json_array_get_element (targets, 0);
      if (!JSON_NODE_HOLDS_OBJECT (first))
        continue;
      id = string_member (json_node_get_object (first), "id");
      if (id == NULL || g_strcmp0 (string_member (json_node_get_object (first), "id-type"), "doi") != 0)
        continue;
      into->kind = kind;
      into->severity = severity;
      into->doi = id;
      into->date[0] = into->date[1] = into->date[2] = 0;
    }
}

static void
read_authors (RnReference *ref,
              JsonArray   *authors)
{
  for (guint i = 0; authors != NULL && i < json_array_get_length (authors); i++)
    {
      JsonNode *node = json_array_get_element (authors, i);
      JsonObject *author;
      const char *family;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      author = json_node_get_object (node);
      family = string_member (author, "family");
      if (family != NULL)
        rn_reference_add_author (ref, family, string_member (author, "given"));
      else
        rn_reference_add_author_literal (ref, string_member (author, "name"));
    }
}

static void
read_issued (RnReference *ref,
             JsonObject  *work)
{
  static const char * const keys[] = {
    "issued", "published-print", "published-online", "published", "posted", "created",
  };
  int ymd[3];

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (read_date (object_member (work, keys[i]), ymd))
      {
        rn_reference_set_issued (ref, ymd[0], ymd[1], ymd[2]);
        return;
      }
}

static void
read_notices (RnReference *ref,
              JsonObject  *work)
{
  Update notice = { RN_NOTICE_NONE, 0, NULL, { 0, 0, 0 } };
  Update updates = { RN_NOTICE_NONE, 0, NULL, { 0, 0, 0 } };

  pick_update (array_member (work, "updated-by"), &notice);
  pick_update (array_member (work, "update-to"), &updates);
  read_relations (object_member (work, "relation"), &notice, &updates);

  if (notice.kind != RN_NOTICE_NONE)
    {
      g_autofree char *date = date_to_string (notice.date);
      g_autofree char *url = notice.doi != NULL
                             ? g_strconcat ("https://doi.org/", notice.doi, NULL) : NULL;

      rn_reference_set_notice (ref, notice.kind, notice.doi, url, date);
    }
  if (updates.kind != RN_NOTICE_NONE)
    rn_reference_set_updates (ref, updates.kind, updates.doi);
}

RnReference *
rn_crossref_parse_work (GBytes  *body,
                        GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(RnReference) ref = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;
  JsonNode *root;
  JsonObject *work, *institution;
  JsonArray *array;
  const char *type, *csl_type = "document", *subtitle, *abstract;

  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &size);
  if (size == 0 || !rn_json_depth_ok (data, size, MAX_JSON_DEPTH))
    {
      g_set_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_PARSE,
                   _("Crossref’s answer is not a work record"));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_PARSE,
                   _("Crossref’s answer is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (work = object_member (json_node_get_object (root), "message")) == NULL ||
      string_member (work, "DOI") == NULL)
    {
      g_set_error (error, RN_CROSSREF_ERROR, RN_CROSSREF_ERROR_PARSE,
                   _("Crossref’s answer is not a work record"));
      return NULL;
    }

  type = string_member (work, "type");
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (type_map); i++)
    if (g_str_equal (type, type_map[i].crossref))
      csl_type = type_map[i].csl;
  ref = rn_reference_new (csl_type);

  subtitle = first_string (work, "subtitle");
  if (first_string (work, "title") != NULL && subtitle != NULL)
    {
      g_autofree char *full = g_strconcat (first_string (work, "title"), ": ", subtitle, NULL);

      set_text (ref, RN_REF_TITLE, full);
    }
  else
    set_text (ref, RN_REF_TITLE, first_string (work, "title"));
  set_text (ref, RN_REF_CONTAINER_TITLE, first_string (work, "container-title"));
  set_text (ref, RN_REF_CONTAINER_TITLE_SHORT, first_string (work, "short-container-title"));
  read_authors (ref, array_member (work, "author"));
  read_issued (ref, work);
  rn_reference_set (ref, RN_REF_VOLUME, string_member (work, "volume"));
  rn_reference_set (ref, RN_REF_ISSUE, string_member (work, "issue"));
  rn_reference_set (ref, RN_REF_PAGE, string_member (work, "page"));
  if (rn_reference_get (ref, RN_REF_PAGE) == NULL)
    rn_reference_set (ref, RN_REF_PAGE, string_member (work, "article-number"));
  rn_reference_set (ref, RN_REF_DOI, string_member (work, "DOI"));
  rn_reference_set (ref, RN_REF_URL, string_member (work, "URL"));
  rn_reference_set (ref, RN_REF_ISSN, first_string (work, "ISSN"));
  rn_reference_set (ref, RN_REF_PUBLISHER, string_member (work, "publisher"));
  rn_reference_set (ref, RN_REF_LANGUAGE, string_member (work, "language"));

  abstract = string_member (work, "abstract");
  if (abstract != NULL)
    {
      g_autofree char *text = rn_markup_to_text (abstract, -1, RN_REFERENCE_MAX_FIELD);
      const char *start = text;

      /* JATS abstracts open with a heading that says just that. */
      if (g_str_has_prefix (start, "Abstract\n") || g_str_equal (start, "Abstract"))
        start += strlen ("Abstract");
      rn_reference_set (ref, RN_REF_ABSTRACT, start);
    }

  /* Preprint servers are named as the posting institution. */
  array = array_member (work, "institution");
  if (array != NULL && json_array_get_length (array) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
    {
      institution = json_node_get_object (json_array_get_element (array, 0));
      if (rn_reference_get (ref, RN_REF_CONTAINER_TITLE) == NULL)
        set_text (ref, RN_REF_CONTAINER_TITLE, string_member (institution, "name"));
    }
  if (g_strcmp0 (type, "posted-content") == 0)
    rn_reference_set (ref, RN_REF_GENRE, string_member (work, "subtype"));

  read_notices (ref, work);
  return g_steal_pointer (&ref);
}
