/* rn-query.h: the saved-search query language of columns.
 *
 * rn_query_parse() turns what the user typed into a syntax tree, or fails
 * with an RN_QUERY_ERROR that carries the span of the offending text
 * (rn_query_error_get_position()). rn_query_compile() turns the tree, plus
 * the column's own filters, into an SQL condition over `items AS i` whose
 * every user-supplied value is a bound parameter; rn-query-run.h evaluates
 * it. The syntax is documented at the top of rn-query.c and in the README
 * ("Search syntax"). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define RN_QUERY_ERROR (rn_query_error_quark ())

typedef enum
{
  RN_QUERY_ERROR_EMPTY,              /* nothing to search for */
  RN_QUERY_ERROR_TOO_LONG,           /* more than RN_QUERY_MAX_CHARS */
  RN_QUERY_ERROR_TOO_DEEP,           /* more than RN_QUERY_MAX_DEPTH nested groups */
  RN_QUERY_ERROR_INVALID_TEXT,       /* not UTF-8, or a control character */
  RN_QUERY_ERROR_UNBALANCED,         /* ( without ), ) without (, " without " */
  RN_QUERY_ERROR_DANGLING_OPERATOR,  /* AND/OR/NOT/- with nothing to act on */
  RN_QUERY_ERROR_UNKNOWN_FIELD,      /* foo:bar with an unknown foo */
  RN_QUERY_ERROR_MISSING_VALUE,      /* title: with nothing after it */
  RN_QUERY_ERROR_BAD_VALUE,          /* has:foo, type:foo, lang:?!, a bad phrase */
  RN_QUERY_ERROR_BAD_DATE,           /* since:/before: */
  RN_QUERY_ERROR_BAD_THRESHOLD,      /* boosts:/replies:/favs: */
} RnQueryErrorCode;

/* Limits on untrusted input: text longer than this (in characters) or
 * nested deeper than this (parentheses and NOT/-) is refused. */
#define RN_QUERY_MAX_CHARS 2000
#define RN_QUERY_MAX_DEPTH 32

typedef struct _RnQuery RnQuery;
typedef struct _RnQuerySql RnQuerySql;

/* Per-column filters, compiled together with the column's query. All
 * fields may be left zero/NULL. */
typedef struct
{
  const char * const *exclude_words;  /* NULL-terminated; items containing any are hidden */
  const char * const *authors;        /* NULL-terminated; if set, only items by one of them */
  gboolean            media_only;     /* only items with an image or an enclosure */
  gboolean            hide_boosts;
  gboolean            hide_replies;
  /* A place of the library the search is limited to (the item list's
   * search within a feed, a folder or a state): 0 / FALSE for none. */
  gint64              feed_id;
  gint64              folder_id;    /* feeds directly in this folder */
  gboolean            unread_only;
  gboolean            starred_only;
  gboolean            saved_only;
} RnColumnFilters;

GQuark       rn_query_error_quark        (void);

/* For an error of the RN_QUERY_ERROR domain: the span of the query text it
 * is about, as character (not byte) offsets, @end exclusive. Returns FALSE
 * (and 0, 0) for other errors. */
gboolean     rn_query_error_get_position (const GError  *error,
                                          guint         *start,
                                          guint         *end);

RnQuery     *rn_query_parse              (const char    *text,
                                          GError       **error);
void         rn_query_free               (RnQuery       *query);
const char  *rn_query_get_text           (RnQuery       *query);
/* The tree written back in the canonical syntax: explicit AND/OR/NOT,
 * parentheses around every nested group, `#x` as tag:x. Parsing it again
 * gives the same tree (unless the longer form passes RN_QUERY_MAX_CHARS). */
char        *rn_query_to_string          (RnQuery       *query);

/* For the search entry while the user types: TRUE if @text parses.
 * Otherwise the span to underline (character offsets, end exclusive) and a
 * translated message (free it) are returned. Any out argument may be NULL. */
gboolean     rn_query_check              (const char    *text,
                                          guint         *start,
                                          guint         *end,
                                          char         **message);

/* @query may be NULL (the column shows everything that passes @filters).
 * @now (Unix seconds) anchors relative dates such as since:7d. */
RnQuerySql  *rn_query_compile            (RnQuery               *query,
                                          const RnColumnFilters *filters,
                                          gint64                 now,
                                          GError               **error);
/* Same; with @db, each word prefix (neur*) is spelled as the words of
 * @db's full-text index that start with it, where they can be listed
 * (store/rn-store-vocab.h): the same matches, without FTS5 merging every
 * such word's doclist first. The SQL is then right only until a new word
 * starting with the prefix is indexed: compile again after items are
 * added when rn_query_sql_has_prefix(). */
RnQuerySql  *rn_query_compile_for        (RnQuery               *query,
                                          const RnColumnFilters *filters,
                                          gint64                 now,
                                          sqlite3               *db,
                                          GError               **error);
void         rn_query_sql_free           (RnQuerySql    *sql);

/* A boolean SQL expression over `items AS i` (no other table needs to be
 * joined: everything else is reached through subqueries). It holds only
 * `?` placeholders, in order; no user text is ever part of it. */
const char  *rn_query_sql_get_where      (RnQuerySql    *sql);
guint        rn_query_sql_get_n_params   (RnQuerySql    *sql);
/* Binds the parameters of the WHERE fragment to @stmt, the first at
 * @first_index. Full-text subqueries are bound to the whole id range.
 * Returns the index after the last one bound. */
int          rn_query_sql_bind           (RnQuerySql    *sql,
                                          sqlite3_stmt  *stmt,
                                          int            first_index);
/* Same, but the full-text subqueries only look at rowids in
 * [@min_id, @max_id]: correct as long as the statement also restricts
 * i.id to that range, and much cheaper when the range is narrow. */
int          rn_query_sql_bind_range     (RnQuerySql    *sql,
                                          sqlite3_stmt  *stmt,
                                          int            first_index,
                                          gint64         min_id,
                                          gint64         max_id);
/* TRUE if the query has a word prefix (word*). */
gboolean     rn_query_sql_has_prefix     (RnQuerySql    *sql);
/* TRUE if the query uses the full-text index at all. */
gboolean     rn_query_sql_uses_fts       (RnQuerySql    *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnQuery, rn_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnQuerySql, rn_query_sql_free)

G_END_DECLS
