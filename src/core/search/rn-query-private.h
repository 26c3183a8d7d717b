/* rn-query-private.h: the syntax tree shared by the parser (rn-query.c),
 * the compiler (rn-query-compile.c) and the evaluator (rn-query-run.c). */
#pragma once

#include "rn-query.h"

G_BEGIN_DECLS

typedef enum
{
  RN_QNODE_AND,
  RN_QNODE_OR,
  RN_QNODE_NOT,
  RN_QNODE_TEXT,     /* full-text: word, "phrase", word*; maybe one column */
  RN_QNODE_SOURCE,   /* source: / feed: */
  RN_QNODE_FOLDER,
  RN_QNODE_TAG,      /* tag: / #tag */
  RN_QNODE_HAS,
  RN_QNODE_IS,
  RN_QNODE_TYPE,
  RN_QNODE_LANG,
  RN_QNODE_DATE,     /* since: / before: */
  RN_QNODE_COUNT,    /* boosts: / replies: / favs: */
  RN_QNODE_SCOPE,    /* never parsed: a feed (sub 0) or folder (sub 1) id from RnColumnFilters */
} RnQNodeKind;

typedef enum { RN_QCOL_ANY, RN_QCOL_TITLE, RN_QCOL_AUTHOR } RnQColumn;
typedef enum { RN_QHAS_DOI, RN_QHAS_IMAGE, RN_QHAS_ENCLOSURE, RN_QHAS_MEDIA } RnQHas;
typedef enum { RN_QIS_UNREAD, RN_QIS_READ, RN_QIS_STARRED, RN_QIS_SAVED,
               RN_QIS_BOOST, RN_QIS_REPLY } RnQIs;
typedef enum { RN_QDATE_SINCE, RN_QDATE_BEFORE } RnQDate;
typedef enum { RN_QCOUNT_BOOSTS, RN_QCOUNT_REPLIES, RN_QCOUNT_FAVS } RnQCount;
typedef enum { RN_QOP_GE, RN_QOP_GT, RN_QOP_LE, RN_QOP_LT, RN_QOP_EQ } RnQOp;

typedef struct _RnQNode RnQNode;

struct _RnQNode
{
  RnQNodeKind  kind;
  guint        start;      /* byte span in the query text */
  guint        end;
  GPtrArray   *children;   /* AND / OR / NOT (one child) */
  char        *text;       /* TEXT, SOURCE, FOLDER, TAG, TYPE, LANG */
  RnQColumn    column;     /* TEXT */
  gboolean     phrase;     /* TEXT: was quoted */
  gboolean     prefix;     /* TEXT: ends in * */
  int          sub;        /* RnQHas, RnQIs, RnQDate, RnQCount */
  RnQOp        op;         /* COUNT */
  gint64       value;      /* COUNT threshold; DATE amount, or yyyymmdd when unit is 0 */
  char         unit;       /* DATE: 'h' 'd' 'w' 'm' 'y', or 0 for a calendar date */
};

struct _RnQuery
{
  char    *text;
  RnQNode *root;
};

RnQNode *rn_qnode_new    (RnQNodeKind kind,
                          guint       start,
                          guint       end);
void     rn_qnode_free   (RnQNode    *node);
void     rn_qnode_add    (RnQNode    *parent,
                          RnQNode    *child);

/* Sets the character span of an RN_QUERY_ERROR. */
void     rn_query_error_set_position (GError *error,
                                      guint   start,
                                      guint   end);

/* Compilation data the evaluator needs beyond the public accessors. */
typedef enum
{
  RN_QPARAM_INT64,
  RN_QPARAM_TEXT,
  RN_QPARAM_MIN_ID,   /* lower rowid bound of a full-text subquery */
  RN_QPARAM_MAX_ID,
} RnQParamType;

typedef struct
{
  RnQParamType type;
  gint64       value;
  char        *text;
} RnQParam;

struct _RnQuerySql
{
  char     *where;
  GArray   *params;     /* RnQParam */
  /* A full-text expression every match satisfies (a top-level conjunct),
   * or NULL: the evaluator may drive from it. */
  char     *driver;
  /* The driver has a prefix term: FTS5 merges the doclists of every term
   * it matches before its first row, whatever range is bound, so reading
   * its matches costs as much as a window and decides nothing. */
  gboolean  driver_prefix;
  gboolean  has_prefix;   /* the query has a word prefix, spelled out or not */
  gboolean  uses_fts;
  /* The WHERE fragment without the driver conjunct ("1" in its place),
   * for statements that already join the driver's matches. */
  char     *where_rest;
  GArray   *params_rest;
  /* A tag every match has (a top-level conjunct): its three spellings as
   * bound in the WHERE fragment, or NULL. */
  char    **tag_driver;
};

/* Binds @params like rn_query_sql_bind_range(). */
int      rn_query_bind_params (GArray       *params,
                               sqlite3_stmt *stmt,
                               int           first_index,
                               gint64        min_id,
                               gint64        max_id);

/* For tests: the largest driver match count for which the evaluator reads
 * the matches directly (0: never), and the first window size of the
 * windowed plan. -1 restores the default. */
void     rn_query_run_set_tuning (gint64 driver_cap,
                                  gint64 first_window);
/* For tests: the first window of newest ids a first page is looked for in
 * (0: never). -1 restores the default. */
void     rn_query_run_set_recent (gint64 first_ids);

G_END_DECLS
