#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "rn-identifiers.h"
#include "rn-reference.h"

typedef struct
{
  char *family;
  char *given;
  char *literal;
} Name;

struct _RnReference
{
  GObject       parent_instance;

  char         *fields[RN_REF_N_FIELDS];
  GPtrArray    *authors;          /* Name * */
  int           year, month, day;

  RnNoticeKind  notice;
  char         *notice_doi;
  char         *notice_url;
  char         *notice_date;

  RnNoticeKind  updates;
  char         *updates_doi;
};

G_DEFINE_FINAL_TYPE (RnReference, rn_reference, G_TYPE_OBJECT)
G_DEFINE_QUARK (rn-reference-error-quark, rn_reference_error)

static const char * const csl_names[RN_REF_N_FIELDS] = {
  [RN_REF_TYPE] = "type",
  [RN_REF_TITLE] = "title",
  [RN_REF_CONTAINER_TITLE] = "container-title",
  [RN_REF_CONTAINER_TITLE_SHORT] = "container-title-short",
  [RN_REF_VOLUME] = "volume",
  [RN_REF_ISSUE] = "issue",
  [RN_REF_PAGE] = "page",
  [RN_REF_DOI] = "DOI",
  [RN_REF_PMID] = "PMID",
  [RN_REF_PMCID] = "PMCID",
  [RN_REF_URL] = "URL",
  [RN_REF_ABSTRACT] = "abstract",
  [RN_REF_ISSN] = "ISSN",
  [RN_REF_PUBLISHER] = "publisher",
  [RN_REF_LANGUAGE] = "language",
  [RN_REF_GENRE] = "genre",
  [RN_REF_NUMBER] = "number",
};

/* Where our own data goes: CSL-JSON 1.0.2 reserves "custom" for it. */
#define CUSTOM_KEY  "custom"
#define NOTICE_KEY  "radnet-notice"
#define UPDATES_KEY "radnet-updates"

static void
name_free (gpointer data)
{
  Name *name = data;

  g_free (name->family);
  g_free (name->given);
  g_free (name->literal);
  g_free (name);
}

static void
rn_reference_finalize (GObject *object)
{
  RnReference *self = RN_REFERENCE (object);

  for (guint i = 0; i < RN_REF_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_ptr_array_unref (self->authors);
  g_free (self->notice_doi);
  g_free (self->notice_url);
  g_free (self->notice_date);
  g_free (self->updates_doi);

  G_OBJECT_CLASS (rn_reference_parent_class)->finalize (object);
}

static void
rn_reference_class_init (RnReferenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_reference_finalize;
}

static void
rn_reference_init (RnReference *self)
{
  self->authors = g_ptr_array_new_with_free_func (name_free);
}

/* Valid UTF-8, trimmed, capped; NULL when nothing is left. */
static char *
clean_text (const char *value)
{
  g_autofree char *valid = NULL;
  gsize len;

  if (value == NULL)
    return NULL;
  len = strnlen (value, RN_REFERENCE_MAX_FIELD + 8);
  valid = g_utf8_make_valid (value, len);
  if (strlen (valid) > RN_REFERENCE_MAX_FIELD)
    {
      const char *end = g_utf8_find_prev_char (valid, valid + RN_REFERENCE_MAX_FIELD + 1);

      valid[end - valid] = '\0';
    }
  g_strstrip (valid);
  if (*valid == '\0')
    return NULL;
  return g_steal_pointer (&valid);
}

RnReference *
rn_reference_new (const char *csl_type)
{
  RnReference *self = g_object_new (RN_TYPE_REFERENCE, NULL);

  rn_reference_set (self, RN_REF_TYPE, csl_type != NULL ? csl_type : "article-journal");
  return self;
}

const char *
rn_reference_field_to_csl (RnRefField field)
{
  g_return_val_if_fail (field < RN_REF_N_FIELDS, NULL);

  return csl_names[field];
}

const char *
rn_reference_get (RnReference *self,
                  RnRefField   field)
{
  g_return_val_if_fail (RN_IS_REFERENCE (self), NULL);
  g_return_val_if_fail (field < RN_REF_N_FIELDS, NULL);

  return self->fields[field];
}

void
rn_reference_set (RnReference *self,
                  RnRefField   field,
                  const char  *value)
{
  char *clean;

  g_return_if_fail (RN_IS_REFERENCE (self));
  g_return_if_fail (field < RN_REF_N_FIELDS);

  clean = clean_text (value);
  if (clean != NULL && field == RN_REF_DOI)
    {
      char *doi = rn_identifiers_normalize_doi (clean);

      /* Keep what we were given when it is not recognisably a DOI: the
       * user may know better than our pattern. */
      if (doi != NULL)
        {
          g_free (clean);
          clean = doi;
        }
    }
  g_free (self->fields[field]);
  self->fields[field] = clean;
}

const char *
rn_reference_get_csl_type (RnReference *self)
{
  return rn_reference_get (self, RN_REF_TYPE);
}

const char *
rn_reference_get_title (RnReference *self)
{
  return rn_reference_get (self, RN_REF_TITLE);
}

const char *
rn_reference_get_doi (RnReference *self)
{
  return rn_reference_get (self, RN_REF_DOI);
}

guint
rn_reference_get_n_authors (RnReference *self)
{
  g_return_val_if_fail (RN_IS_REFERENCE (self), 0);

  return self->authors->len;
}

RnRefName
rn_reference_get_author (RnReference *self,
                         guint        index)
{
  RnRefName out = { NULL, NULL, NULL };
  Name *name;

  g_return_val_if_fail (RN_IS_REFERENCE (self), out);
  g_return_val_if_fail (index < self->authors->len, out);

  name = g_ptr_array_index (self->authors, index);
  out.family = name->family;
  out.given = name->given;
  out.literal = name->literal;
  return out;
}

static void
add_name (RnReference *self,
          char        *family,
          char        *given,
          char        *literal)
{
  Name *name;

  if ((family == NULL && literal == NULL) || self->authors->len >= RN_REFERENCE_MAX_AUTHORS)
    {
      g_free (family);
      g_free (given);
      g_free (literal);
      return;
    }
  name = g_new0 (Name, 1);
  name->family = family;
  name->given = given;
  name->literal = family == NULL ? literal : (g_free (literal), NULL);
  g_ptr_array_add (self->authors, name);
}

void
rn_reference_add_author (RnReference *self,
                         const char  *family,
                         const char  *given)
{
  g_return_if_fail (RN_IS_REFERENCE (self));

  add_name (self, clean_text (family), clean_text (given), NULL);
}

void
rn_reference_add_author_literal (RnReference *self,
                                 const char  *literal)
{
  g_return_if_fail (RN_IS_REFERENCE (self));

  add_name (self, NULL, NULL, clean_text (literal));
}

void
rn_reference_clear_authors (RnReference *self)
{
  g_return_if_fail (RN_IS_REFERENCE (self));

  g_ptr_array_set_size (self->authors, 0);
}

/* Bylines name groups too; those must not be split into family/given. */
static gboolean
looks_like_organisation (const char *name)
{
  static const char * const words[] = {
    "society", "group", "consortium", "college", "association", "committee",
    "collaborat", "investigators", "institute", "university", "team",
    "network", "foundation", "board", "council", "radiopaedia", "editors",
    NULL
  };
  g_autofree char *lower = g_utf8_strdown (name, -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* "JQ" in "Doe JQ" (MEDLINE style) */
static gboolean
is_initials (const char *token)
{
  gsize len = strlen (token);

  if (len == 0 || len > 3)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (token[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_particle (const char *token)
{
  static const char * const particles[] = {
    "van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le", "ter", "ten", NULL
  };

  return g_strv_contains (particles, token);
}

void
rn_reference_add_author_parsed (RnReference *self,
                                const char  *name)
{
  g_autofree char *clean = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GString) given = NULL;
  g_autoptr(GString) family = NULL;
  const char *comma;
  guint n, family_start;

  g_return_if_fail (RN_IS_REFERENCE (self));

  clean = clean_text (name);
  if (clean == NULL)
    return;

  if (looks_like_organisation (clean))
    {
      rn_reference_add_author_literal (self, clean);
      return;
    }

  comma = strchr (clean, ',');
  if (comma != NULL)
    {
      g_autofree char *fam = g_strndup (clean, comma - clean);

      rn_reference_add_author (self, fam, comma + 1);
      return;
    }

  tokens = g_regex_split_simple ("\\s+", clean, 0, 0);
  n = g_strv_length (tokens);
  if (n == 1)
    {
      rn_reference_add_author_literal (self, clean);
      return;
    }

  given = g_string_new (NULL);
  family = g_string_new (NULL);
  if (is_initials (tokens[n - 1]))
    {
      for (const char *p = tokens[n - 1]; *p != '\0'; p++)
        g_string_append_printf (given, "%s%c.", given->len > 0 ? " " : "", *p);
      for (guint i = 0; i + 1 < n; i++)
        g_string_append_printf (family, "%s%s", family->len > 0 ? " " : "", tokens[i]);
    }
  else
    {
      family_start = n - 1;
      while (family_start > 1 && is_particle (tokens[family_start - 1]))
        family_start--;
      for (guint i = 0; i < family_start; i++)
        g_string_append_printf (given, "%s%s", given->len > 0 ? " " : "", tokens[i]);
      for (guint i = family_start; i < n; i++)
        g_string_append_printf (family, "%s%s", family->len > 0 ? " " : "", tokens[i]);
    }
  rn_reference_add_author (self, family->str, given->str);
}

void
rn_reference_set_issued (RnReference *self,
                         int          year,
                         int          month,
                         int          day)
{
  g_return_if_fail (RN_IS_REFERENCE (self));

  if (year < 1 || year > 9999)
    year = month = day = 0;
  if (month < 1 || month > 12)
    month = day = 0;
  if (day < 1 || day > 31)
    day = 0;
  self->year = year;
  self->month = month;
  self->day = day;
}

gboolean
rn_reference_get_issued (RnReference *self,
                         int         *year,
                         int         *month,
                         int         *day)
{
  g_return_val_if_fail (RN_IS_REFERENCE (self), FALSE);

  if (year != NULL)
    *year = self->year;
  if (month != NULL)
    *month = self->month;
  if (day != NULL)
    *day = self->day;
  return self->year != 0;
}

void
rn_reference_set_notice (RnReference  *self,
                         RnNoticeKind  kind,
                         const char   *notice_doi,
                         const char   *notice_url,
                         const char   *date)
{
  g_return_if_fail (RN_IS_REFERENCE (self));

  self->notice = kind;
  g_free (self->notice_doi);
  g_free (self->notice_url);
  g_free (self->notice_date);
  self->notice_doi = NULL;
  self->notice_url = NULL;
  self->notice_date = NULL;
  if (kind == RN_NOTICE_NONE)
    return;
  self->notice_doi = notice_doi != NULL ? rn_identifiers_normalize_doi (notice_doi) : NULL;
  self->notice_url = clean_text (notice_url);
  self->notice_date = clean_text (date);
}

RnNoticeKind
rn_reference_get_notice (RnReference  *self,
                         const char  **notice_doi,
                         const char  **notice_url,
                         const char  **date)
{
  g_return_val_if_fail (RN_IS_REFERENCE (self), RN_NOTICE_NONE);

  if (notice_doi != NULL)
    *notice_doi = self->notice_doi;
  if (notice_url != NULL)
    *notice_url = self->notice_url;
  if (date != NULL)
    *date = self->notice_date;
  return self->notice;
}

void
rn_reference_set_updates (RnReference  *self,
                          RnNoticeKind  kind,
                          const char   *target_doi)
{
  g_return_if_fail (RN_IS_REFERENCE (self));

  self->updates = kind;
  g_clear_pointer (&self->updates_doi, g_free);
  if (kind != RN_NOTICE_NONE && target_doi != NULL)
    self->updates_doi = rn_identifiers_normalize_doi (target_doi);
}

RnNoticeKind
rn_reference_get_updates (RnReference  *self,
                          const char  **target_doi)
{
  g_return_val_if_fail (RN_IS_REFERENCE (self), RN_NOTICE_NONE);

  if (target_doi != NULL)
    *target_doi = self->updates_doi;
  return self->updates;
}

const char *
rn_notice_kind_to_string (RnNoticeKind kind)
{
  switch (kind)
    {
    case RN_NOTICE_RETRACTION:
      return "retraction";
    case RN_NOTICE_CORRECTION:
      return "correction";
    case RN_NOTICE_EXPRESSION_OF_CONCERN:
      return "expression-of-concern";
    case RN_NOTICE_NONE:
    default:
      return NULL;
    }
}

RnNoticeKind
rn_notice_kind_from_string (const char *text)
{
  if (text == NULL)
    return RN_NOTICE_NONE;
  if (g_str_equal (text, "retraction"))
    return RN_NOTICE_RETRACTION;
  if (g_str_equal (text, "correction"))
    return RN_NOTICE_CORRECTION;
  if (g_str_equal (text, "expression-of-concern"))
    return RN_NOTICE_EXPRESSION_OF_CONCERN;
  return RN_NOTICE_NONE;
}

RnReference *
rn_reference_copy (RnReference *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (RN_IS_REFERENCE (self), NULL);

  node = rn_reference_to_csl_json (self);
  return rn_reference_new_from_csl_json (node, NULL);
}

RnReference *
rn_reference_new_from_item_fields (const char *title,
                                   const char *link,
                                   GPtrArray  *authors,
                                   gint64      published,
                                   const char *journal,
                                   const char *volume,
                                   const char *issue,
                                   const char *first_page,
                                   const char *doi,
                                   const char *csl_type)
{
  RnReference *self;

  if (csl_type == NULL)
    csl_type = (journal != NULL && *journal != '\0') || (doi != NULL && *doi != '\0')
               ? "article-journal" : "webpage";
  self = rn_reference_new (csl_type);
  rn_reference_set (self, RN_REF_TITLE, title);
  rn_reference_set (self, RN_REF_URL, link);
  rn_reference_set (self, RN_REF_CONTAINER_TITLE, journal);
  rn_reference_set (self, RN_REF_VOLUME, volume);
  rn_reference_set (self, RN_REF_ISSUE, issue);
  rn_reference_set (self, RN_REF_PAGE, first_page);
  rn_reference_set (self, RN_REF_DOI, doi);
  for (guint i = 0; authors != NULL && i < authors->len; i++)
    rn_reference_add_author_parsed (self, g_ptr_array_index (authors, i));
  if (published != G_MININT64)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (published);

      if (dt != NULL)
        rn_reference_set_issued (self, g_date_time_get_year (dt),
                                 g_date_time_get_month (dt),
                                 g_date_time_get_day_of_month (dt));
    }
  return self;
}

/* --- CSL-JSON ----------------------------------------------------------- */

/* CSL-JSON allows numbers where we keep text (volume: 12). */
static char *
node_to_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

static int
node_to_int (JsonNode *node)
{
  g_autofree char *text = node_to_text (node);
  gint64 value;

  if (text == NULL)
    return 0;
  value = g_ascii_strtoll (text, NULL, 10);
  return value > 0 && value < 10000 ? (int) value : 0;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
read_issued (RnReference *self,
             JsonNode    *node)
{
  JsonObject *object;
  JsonNode *parts;
  const char *raw;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  parts = json_object_get_member (object, "date-parts");
  if (parts != NULL && JSON_NODE_HOLDS_ARRAY (parts) &&
      json_array_get_length (json_node_get_array (parts)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (parts), 0);
      int ymd[3] = { 0, 0, 0 };

      if (JSON_NODE_HOLDS_ARRAY (first))
        {
          JsonArray *array = json_node_get_array (first);

          for (guint i = 0; i < 3 && i < json_array_get_length (array); i++)
            ymd[i] = node_to_int (json_array_get_element (array, i));
        }
      rn_reference_set_issued (self, ymd[0], ymd[1], ymd[2]);
      if (self->year != 0)
        return;
    }
  /* "raw"/"literal" dates: take what starts like ISO 8601. */
  raw = member_string (object, "raw");
  if (raw == NULL)
    raw = member_string (object, "literal");
  if (raw != NULL)
    {
      int y = 0, m = 0, d = 0;

      if (sscanf (raw, "%4d-%2d-%2d", &y, &m, &d) >= 1)
        rn_reference_set_issued (self, y, m, d);
    }
}

static void
read_authors (RnReference *self,
              JsonNode    *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *family, *literal;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      family = member_string (object, "family");
      literal = member_string (object, "literal");
      if (family != NULL)
        rn_reference_add_author (self, family, member_string (object, "given"));
      else if (literal != NULL)
        rn_reference_add_author_literal (self, literal);
    }
}

static void
read_custom (RnReference *self,
             JsonNode    *node)
{
  JsonObject *custom;
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  custom = json_node_get_object (node);

  member = json_object_get_member (custom, NOTICE_KEY);
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    {
      JsonObject *notice = json_node_get_object (member);

      rn_reference_set_notice (self,
                               rn_notice_kind_from_string (member_string (notice, "type")),
                               member_string (notice, "DOI"),
                               member_string (notice, "URL"),
                               member_string (notice, "date"));
    }

  member = json_object_get_member (custom, UPDATES_KEY);
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    {
      JsonObject *updates = json_node_get_object (member);

      rn_reference_set_updates (self,
                                rn_notice_kind_from_string (member_string (updates, "type")),
                                member_string (updates, "DOI"));
    }
}

RnReference *
rn_reference_new_from_csl_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(RnReference) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RN_REFERENCE_ERROR, RN_REFERENCE_ERROR_INVALID,
                   _("The reference is not a CSL-JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  self = g_object_new (RN_TYPE_REFERENCE, NULL);
  for (guint i = 0; i < RN_REF_N_FIELDS; i++)
    {
      g_autofree char *text = node_to_text (json_object_get_member (object, csl_names[i]));

      rn_reference_set (self, i, text);
    }
  if (self->fields[RN_REF_TYPE] == NULL)
    rn_reference_set (self, RN_REF_TYPE, "article");
  read_authors (self, json_object_get_member (object, "author"));
  read_issued (self, json_object_get_member (object, "issued"));
  read_custom (self, json_object_get_member (object, CUSTOM_KEY));
  return g_steal_pointer (&self);
}

RnReference *
rn_reference_new_from_csl_json_string (const char  *json,
                                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  return rn_reference_new_from_csl_json (json_parser_get_root (parser), error);
}

JsonNode *
rn_reference_to_csl_json (RnReference *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (RN_IS_REFERENCE (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < RN_REF_N_FIELDS; i++)
    {
      if (self->fields[i] == NULL)
        continue;
      json_builder_set_member_name (builder, csl_names[i]);
      json_builder_add_string_value (builder, self->fields[i]);
    }
  if (self->authors->len > 0)
    {
      json_builder_set_member_name (builder, "author");
      json_builder_begin_array (builder);
      for (guint a = 0; a < self->authors->len; a++)
        {
          Name *name = g_ptr_array_index (self->authors, a);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, name->family != NULL ? "family" : "literal");
          json_builder_add_string_value (builder, name->family != NULL ? name->family : name->literal);
          if (name->given != NULL)
            {
              json_builder_set_member_name (builder, "given");
              json_builder_add_string_value (builder, name->given);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  if (self->year != 0)
    {
      json_builder_set_member_name (builder, "issued");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date-parts");
      json_builder_begin_array (builder);
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, self->year);
      if (self->month != 0)
        json_builder_add_int_value (builder, self->month);
      if (self->month != 0 && self->day != 0)
        json_builder_add_int_value (builder, self->day);
      json_builder_end_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  if (self->notice != RN_NOTICE_NONE || self->updates != RN_NOTICE_NONE)
    {
      json_builder_set_member_name (builder, CUSTOM_KEY);
      json_builder_begin_object (builder);
      if (self->notice != RN_NOTICE_NONE)
        {
          json_builder_set_member_name (builder, NOTICE_KEY);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, rn_notice_kind_to_string (self->notice));
          if (self->notice_doi != NULL)
            {
              json_builder_set_member_name (builder, "DOI");
              json_builder_add_string_value (builder, self->notice_doi);
            }
          if (self->notice_url != NULL)
            {
              json_builder_set_member_name (builder, "URL");
              json_builder_add_string_value (builder, self->notice_url);
            }
          if (self->notice_date != NULL)
            {
              json_builder_set_member_name (builder, "date");
              json_builder_add_string_value (builder, self->notice_date);
            }
          json_builder_end_object (builder);
        }
      if (self->updates != RN_NOTICE_NONE)
        {
          json_builder_set_member_name (builder, UPDATES_KEY);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, rn_notice_kind_to_string (self->updates));
          if (self->updates_doi != NULL)
            {
              json_builder_set_member_name (builder, "DOI");
              json_builder_add_string_value (builder, self->updates_doi);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
rn_reference_to_csl_json_string (RnReference *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (RN_IS_REFERENCE (self), NULL);

  node = rn_reference_to_csl_json (self);
  return json_to_string (node, FALSE);
}

RnReference *
rn_reference_apply_overrides (RnReference  *self,
                              JsonNode     *overrides,
                              GError      **error)
{
  g_autoptr(JsonNode) merged = NULL;
  JsonObject *target, *source;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (RN_IS_REFERENCE (self), NULL);

  if (overrides == NULL || JSON_NODE_HOLDS_NULL (overrides))
    return rn_reference_copy (self);
  if (!JSON_NODE_HOLDS_OBJECT (overrides))
    {
      g_set_error (error, RN_REFERENCE_ERROR, RN_REFERENCE_ERROR_INVALID,
                   _("The edited reference is not a CSL-JSON object"));
      return NULL;
    }

  merged = rn_reference_to_csl_json (self);
  target = json_node_get_object (merged);
  source = json_node_get_object (overrides);
  members = json_object_get_members (source);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (source, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (target, l->data);
      else
        json_object_set_member (target, l->data, json_node_copy (value));
    }
  return rn_reference_new_from_csl_json (merged, error);
}
