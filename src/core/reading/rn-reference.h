/* rn-reference.h: the bibliographic record of one saved item, shaped like
 * CSL-JSON (the Citation Style Language's data model), so it goes to and
 * comes from the store's `refs.csl` column, Crossref, NCBI and every
 * exporter without loss. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RN_REFERENCE_ERROR (rn_reference_error_quark ())

typedef enum
{
  RN_REFERENCE_ERROR_INVALID,   /* not a CSL-JSON object */
} RnReferenceError;

/* Limits on what one record may hold, whatever the source says. */
#define RN_REFERENCE_MAX_FIELD   (256 * 1024)   /* bytes per text field */
#define RN_REFERENCE_MAX_AUTHORS 1000

/* The plain-text fields, each stored under its CSL-JSON variable name. */
typedef enum
{
  RN_REF_TYPE,                  /* "type": article-journal, article, post, … */
  RN_REF_TITLE,
  RN_REF_CONTAINER_TITLE,       /* journal, site, podcast show */
  RN_REF_CONTAINER_TITLE_SHORT, /* journal abbreviation */
  RN_REF_VOLUME,
  RN_REF_ISSUE,
  RN_REF_PAGE,                  /* "123-130" or "e230145" */
  RN_REF_DOI,                   /* bare, lower-cased */
  RN_REF_PMID,
  RN_REF_PMCID,
  RN_REF_URL,
  RN_REF_ABSTRACT,              /* plain text */
  RN_REF_ISSN,
  RN_REF_PUBLISHER,
  RN_REF_LANGUAGE,
  RN_REF_GENRE,                 /* "Podcast episode", "Radiology case" */
  RN_REF_NUMBER,                /* report / preprint number, arXiv id */
  RN_REF_N_FIELDS
} RnRefField;

typedef enum
{
  RN_NOTICE_NONE,
  RN_NOTICE_RETRACTION,
  RN_NOTICE_CORRECTION,
  RN_NOTICE_EXPRESSION_OF_CONCERN,
} RnNoticeKind;

/* An author: either family (+ given) or a literal (an organisation). */
typedef struct
{
  const char *family;
  const char *given;
  const char *literal;
} RnRefName;

#define RN_TYPE_REFERENCE (rn_reference_get_type ())
G_DECLARE_FINAL_TYPE (RnReference, rn_reference, RN, REFERENCE, GObject)

GQuark        rn_reference_error_quark        (void);

RnReference  *rn_reference_new                (const char   *csl_type);
RnReference  *rn_reference_copy               (RnReference  *self);

/* A record from what a feed item says about itself. @authors holds plain
 * names ("Jane Q. Doe", "Doe JQ", "Doe, Jane"); @published is Unix seconds
 * UTC or G_MININT64 when unknown. @csl_type may be NULL: it is then
 * "article-journal" when there is a journal or DOI and "webpage" otherwise. */
RnReference  *rn_reference_new_from_item_fields (const char *title,
                                                 const char *link,
                                                 GPtrArray  *authors,
                                                 gint64      published,
                                                 const char *journal,
                                                 const char *volume,
                                                 const char *issue,
                                                 const char *first_page,
                                                 const char *doi,
                                                 const char *csl_type);

/* CSL-JSON. Unknown variables are ignored; numbers become strings. */
RnReference  *rn_reference_new_from_csl_json  (JsonNode     *node,
                                               GError      **error);
RnReference  *rn_reference_new_from_csl_json_string (const char *json,
                                                     GError    **error);
JsonNode     *rn_reference_to_csl_json        (RnReference  *self);
char         *rn_reference_to_csl_json_string (RnReference  *self);

/* The user's edits are a second CSL object: each of its members replaces
 * the base's; a member set to null removes it. Returns a new record. */
RnReference  *rn_reference_apply_overrides    (RnReference  *self,
                                               JsonNode     *overrides,
                                               GError      **error);

const char   *rn_reference_get                (RnReference  *self,
                                               RnRefField    field);
/* NULL or "" clears. Text is made valid UTF-8 and capped. */
void          rn_reference_set                (RnReference  *self,
                                               RnRefField    field,
                                               const char   *value);
const char   *rn_reference_field_to_csl       (RnRefField    field);

/* Shorthands for the most used fields. */
const char   *rn_reference_get_csl_type       (RnReference  *self);
const char   *rn_reference_get_title          (RnReference  *self);
const char   *rn_reference_get_doi            (RnReference  *self);

guint         rn_reference_get_n_authors      (RnReference  *self);
/* Valid until the authors change. */
RnRefName     rn_reference_get_author         (RnReference  *self,
                                               guint         index);
void          rn_reference_add_author         (RnReference  *self,
                                               const char   *family,
                                               const char   *given);
void          rn_reference_add_author_literal (RnReference  *self,
                                               const char   *literal);
/* Splits a free-form name the way bylines write them. */
void          rn_reference_add_author_parsed  (RnReference  *self,
                                               const char   *name);
void          rn_reference_clear_authors      (RnReference  *self);

/* 0 means unknown; a month needs a year, a day needs a month. */
void          rn_reference_set_issued         (RnReference  *self,
                                               int           year,
                                               int           month,
                                               int           day);
gboolean      rn_reference_get_issued         (RnReference  *self,
                                               int          *year,
                                               int          *month,
                                               int          *day);

/* A retraction, correction or expression of concern published about this
 * work: its kind, the notice's DOI and URL, its date ("YYYY-MM-DD",
 * "YYYY-MM" or "YYYY"). */
void          rn_reference_set_notice         (RnReference  *self,
                                               RnNoticeKind  kind,
                                               const char   *notice_doi,
                                               const char   *notice_url,
                                               const char   *date);
RnNoticeKind  rn_reference_get_notice         (RnReference  *self,
                                               const char  **notice_doi,
                                               const char  **notice_url,
                                               const char  **date);
/* When this record IS such a notice: what kind, and which DOI it updates. */
void          rn_reference_set_updates        (RnReference  *self,
                                               RnNoticeKind  kind,
                                               const char   *target_doi);
RnNoticeKind  rn_reference_get_updates        (RnReference  *self,
                                               const char  **target_doi);

/* "retraction", "correction", "expression-of-concern" (as in refs.notice). */
const char   *rn_notice_kind_to_string        (RnNoticeKind  kind);
RnNoticeKind  rn_notice_kind_from_string      (const char   *text);

G_END_DECLS
