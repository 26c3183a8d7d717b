/* rn-query-compile.c: from the syntax tree to SQL with bound parameters.
 *
 * Every full-text part becomes an FTS5 expression in which each user word
 * is an FTS5 string ("..." with quotes doubled), so FTS5 syntax typed by
 * the user (NEAR, ^, :, *, {col}) is only text. The FTS5 expression is
 * itself a bound parameter of
 *
 *   +i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?
 *             AND rowid BETWEEN ? AND ?)
 *
 * so the boolean structure of the query is kept exactly when full-text and
 * SQL conditions are mixed (`#rsna OR is:starred`). Adjacent full-text
 * children of an AND or an OR are merged into one MATCH, the cheap case.
 * The rowid range lets the evaluator look at a window of ids only; the
 * unary plus keeps SQLite from driving the whole query from the subquery
 * (the evaluator chooses that itself, see rn-query-run.c). */
#define G_LOG_DOMAIN "rn-query"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rn-query-private.h"
#include "store/rn-sql-functions.h"
#include "store/rn-store-vocab.h"

/* A prefix matching more words than this is left to FTS5: each word of an
 * expansion costs a doclist seek per statement. */
#define MAX_PREFIX_WORDS 64

typedef struct
{
  RnQuerySql    *sql;
  const RnQNode *root;
  const char    *text;     /* query text, for error positions; may be NULL */
  gint64         now;
  gboolean       omit_driver;  /* write "1" for the driver conjunct */
  GError        *error;
} Compiler;

/* ---- full-text expressions ---- */

static void
append_fts_string (GString    *out,
                   const char *text)
{
  g_string_append_c (out, '"');
  for (const char *s = text; *s != '\0'; s++)
    {
      if (*s == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *s);
    }
  g_string_append_c (out, '"');
}

static void
append_fts_term (GString       *out,
                 const RnQNode *node)
{
  if (node->column == RN_QCOL_TITLE)
    g_string_append (out, "title : ");
  else if (node->column == RN_QCOL_AUTHOR)
    g_string_append (out, "author : ");
  append_fts_string (out, node->text);
  if (node->prefix)
    g_string_append (out, " *");
}

static char *fts_expr (const RnQNode *node);

/* Whether a word of @node's tree ends in *. */
static gboolean
has_prefix (const RnQNode *node)
{
  if (node->prefix)
    return TRUE;
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    if (has_prefix (g_ptr_array_index (node->children, i)))
      return TRUE;
  return FALSE;
}

/* Splits the children of an AND into full-text positives, full-text
 * negatives (NOT x with x full-text) and the rest. */
static void
split_and (const RnQNode *node,
           GPtrArray     *pos,
           GPtrArray     *neg,
           GPtrArray     *rest)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      const RnQNode *child = g_ptr_array_index (node->children, i);
      char *expr;

      if (child->kind == RN_QNODE_NOT &&
          (expr = fts_expr (g_ptr_array_index (child->children, 0))) != NULL)
        g_ptr_array_add (neg, expr);
      else if ((expr = fts_expr (child)) != NULL)
        g_ptr_array_add (pos, expr);
      else if (rest != NULL)
        g_ptr_array_add (rest, (gpointer) child);
      else
        g_ptr_array_add (neg, NULL);   /* marks "not expressible" */
    }
}

static char *
join_fts (GPtrArray  *parts,
          const char *op)
{
  GString *out = g_string_new (NULL);

  if (parts->len > 1)
    g_string_append_c (out, '(');
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (out, op);
      g_string_append (out, g_ptr_array_index (parts, i));
    }
  if (parts->len > 1)
    g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

/* pos AND … NOT (neg OR …): FTS5's NOT needs a left side. Negatives are
 * or-ed under one NOT so the FTS5 tree stays flat (it limits depth). */
static char *
and_fts (GPtrArray *pos,
         GPtrArray *neg)
{
  g_autofree char *left = join_fts (pos, " AND ");
  g_autofree char *right = NULL;

  if (neg->len == 0)
    return g_steal_pointer (&left);
  right = join_fts (neg, " OR ");
  return g_strdup_printf ("(%s NOT %s)", left, right);
}

/* The FTS5 expression equivalent to @node, or NULL if it has parts that
 * only SQL can answer, or is a bare negation. */
static char *
fts_expr (const RnQNode *node)
{
  switch (node->kind)
    {
    case RN_QNODE_TEXT:
      {
        GString *out = g_string_new (NULL);

        append_fts_term (out, node);
        return g_string_free (out, FALSE);
      }

    case RN_QNODE_OR:
      {
        g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

        for (guint i = 0; i < node->children->len; i++)
          {
            char *expr = fts_expr (g_ptr_array_index (node->children, i));

            if (expr == NULL)
              return NULL;
            g_ptr_array_add (parts, expr);
          }
        return join_fts (parts, " OR ");
      }

    case RN_QNODE_AND:
      {
        g_autoptr(GPtrArray) pos = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) neg = g_ptr_array_new_with_free_func (g_free);

        split_and (node, pos, neg, NULL);
        if (pos->len == 0)
          return NULL;
        for (guint i = 0; i < neg->len; i++)
          if (g_ptr_array_index (neg, i) == NULL)
            return NULL;
        return and_fts (pos, neg);
      }

    case RN_QNODE_NOT:
    case RN_QNODE_SOURCE:
    case RN_QNODE_SCOPE:
    case RN_QNODE_FOLDER:
    case RN_QNODE_TAG:
    case RN_QNODE_HAS:
    case RN_QNODE_IS:
    case RN_QNODE_TYPE:
    case RN_QNODE_LANG:
    case RN_QNODE_DATE:
    case RN_QNODE_COUNT:
    default:
      return NULL;
    }
}

/* ---- parameters ---- */

static void
param_free (gpointer data)
{
  RnQParam *param = data;

  g_free (param->text);
}

static void
add_int (Compiler *c,
         gint64    value)
{
  RnQParam param = { RN_QPARAM_INT64, value, NULL };

  g_array_append_val (c->sql->params, param);
}

static void
add_text (Compiler   *c,
          const char *text)
{
  RnQParam param = { RN_QPARAM_TEXT, 0, g_strdup (text) };

  g_array_append_val (c->sql->params, param);
}

static void
add_range (Compiler *c)
{
  RnQParam lo = { RN_QPARAM_MIN_ID, 0, NULL };
  RnQParam hi = { RN_QPARAM_MAX_ID, 0, NULL };

  g_array_append_val (c->sql->params, lo);
  g_array_append_val (c->sql->params, hi);
}

/* ---- SQL ---- */

static void
emit_match (Compiler   *c,
            GString    *out,
            const char *expr,
            gboolean    negate)
{
  g_string_append (out, negate ? "i.id NOT IN" : "+i.id IN");
  g_string_append (out, " (SELECT rowid FROM items_fts WHERE items_fts MATCH ?"
                        " AND rowid BETWEEN ? AND ?)");
  add_text (c, expr);
  add_range (c);
  c->sql->uses_fts = TRUE;
}

/* A LIKE pattern matching the folded @value as a whole, `*` as wildcard. */
static char *
like_pattern (const char *value)
{
  g_autofree char *folded = rn_sql_fold (value);
  GString *out = g_string_new (NULL);

  for (const char *s = folded; *s != '\0'; s++)
    {
      if (*s == '%' || *s == '_' || *s == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *s == '*' ? '%' : *s);
    }
  return g_string_free (out, FALSE);
}

static void
set_position_error (Compiler      *c,
                    const RnQNode *node,
                    int            code,
                    const char    *message)
{
  GError *error;

  if (c->error != NULL)
    return;
  error = g_error_new_literal (RN_QUERY_ERROR, code, message);
  if (c->text != NULL && node->end <= strlen (c->text))
    rn_query_error_set_position (error,
                                 (guint) g_utf8_pointer_to_offset (c->text, c->text + node->start),
                                 (guint) g_utf8_pointer_to_offset (c->text, c->text + node->end));
  c->error = error;
}

static gint64
date_bound (Compiler      *c,
            const RnQNode *node)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) then = NULL;

  switch (node->unit)
    {
    case 'h':
      return c->now - node->value * 3600;
    case 'd':
      return c->now - node->value * 86400;
    case 'w':
      return c->now - node->value * 7 * 86400;
    case 'm':
    case 'y':
      now = g_date_time_new_from_unix_local (c->now);
      if (now != NULL)
        then = node->unit == 'm' ? g_date_time_add_months (now, (int) -node->value)
                                 : g_date_time_add_years (now, (int) -node->value);
      break;
    default:
      {
        g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

        then = g_date_time_new (tz, (int) (node->value / 10000), (int) (node->value / 100 % 100),
                                (int) (node->value % 100), 0, 0, 0);
      }
      break;
    }
  if (then == NULL)
    {
      set_position_error (c, node, RN_QUERY_ERROR_BAD_DATE, _("This date is out of range"));
      return 0;
    }
  return g_date_time_to_unix (then);
}

static void compile_node (Compiler *c, const RnQNode *node, GString *out);

static void
compile_leaf (Compiler      *c,
              const RnQNode *node,
              GString       *out)
{
  static const char *const is_sql[] = {
    [RN_QIS_UNREAD] = "i.read = 0",
    [RN_QIS_READ] = "i.read <> 0",
    [RN_QIS_STARRED] = "i.starred = 1",
    [RN_QIS_SAVED] = "i.id IN (SELECT item_id FROM saved)",
    [RN_QIS_BOOST] = "i.is_boost <> 0",
    [RN_QIS_REPLY] = "i.is_reply <> 0",
  };
  static const char *const has_sql[] = {
    [RN_QHAS_DOI] = "(i.doi IS NOT NULL AND i.doi <> '')",
    [RN_QHAS_IMAGE] = "(i.has_image <> 0 OR i.thumbnail IS NOT NULL)",
    [RN_QHAS_ENCLOSURE] = "EXISTS (SELECT 1 FROM enclosures AS e WHERE e.item_id = i.id)",
    [RN_QHAS_MEDIA] = ("(i.has_image <> 0 OR i.thumbnail IS NOT NULL OR "
                       "EXISTS (SELECT 1 FROM enclosures AS e WHERE e.item_id = i.id))"),
  };
  static const char *const count_columns[] = { "i.boosts", "i.replies", "i.favourites" };
  static const char *const ops[] = { ">=", ">", "<=", "<", "=" };

  switch (node->kind)
    {
    case RN_QNODE_SOURCE:
      {
        g_autofree char *pattern = like_pattern (node->text);

        g_string_append (out, "i.feed_id IN (SELECT f.id FROM feeds AS f WHERE "
                              "rn_fold(coalesce(f.user_title, f.title, '')) LIKE ? ESCAPE '\\')");
        add_text (c, pattern);
      }
      break;

    case RN_QNODE_SCOPE:
      if (node->sub == 0)
        g_string_append (out, "i.feed_id = ?");
      else
        g_string_append (out, "i.feed_id IN (SELECT f.id FROM feeds AS f WHERE f.folder_id = ?)");
      add_int (c, node->value);
      break;

    case RN_QNODE_FOLDER:
      {
        g_autofree char *pattern = like_pattern (node->text);

        g_string_append (out, "i.feed_id IN (SELECT f.id FROM feeds AS f WHERE f.folder_id IN ("
                              "WITH RECURSIVE sub(id) AS ("
                              "SELECT d.id FROM folders AS d WHERE rn_fold(d.title) LIKE ? ESCAPE '\\' "
                              "UNION SELECT d.id FROM folders AS d JOIN sub ON d.parent_id = sub.id) "
                              "SELECT id FROM sub))");
        add_text (c, pattern);
      }
      break;

    case RN_QNODE_TAG:
      {
        /* The tag indexes compare with NOCASE: the value as typed, in
         * lower case, and folded cover "RSNA", "Zürich" → "zürich", and
         * "zürich" → a tag stored as "zurich". */
        g_autofree char *lower = g_utf8_strdown (node->text, -1);
        g_autofree char *folded = rn_sql_fold (node->text);

        g_string_append (out, "i.id IN (SELECT t.item_id FROM item_tags AS t WHERE t.tag IN (?, ?, ?) "
                              "UNION ALL SELECT s.item_id FROM saved_tags AS s WHERE s.tag IN (?, ?, ?))");
        if (c->sql->tag_driver == NULL &&
            (node == c->root || (c->root->kind == RN_QNODE_AND && g_ptr_array_find (c->root->children, node, NULL))))
          {
            c->sql->tag_driver = g_new0 (char *, 4);
            c->sql->tag_driver[0] = g_strdup (node->text);
            c->sql->tag_driver[1] = g_strdup (lower);
            c->sql->tag_driver[2] = g_strdup (folded);
          }
        for (int k = 0; k < 2; k++)
          {
            add_text (c, node->text);
            add_text (c, lower);
            add_text (c, folded);
          }
      }
      break;

    case RN_QNODE_HAS:
      g_string_append (out, has_sql[node->sub]);
      break;

    case RN_QNODE_IS:
      g_string_append (out, is_sql[node->sub]);
      break;

    case RN_QNODE_TYPE:
      g_string_append (out, "i.type = ?");
      add_text (c, node->text);
      break;

    case RN_QNODE_LANG:
      {
        g_autofree char *pattern = g_strdup_printf ("%s-%%", node->text);
        char *s;

        /* `_` is a LIKE wildcard; codes use `-`, so treat `_` as `-`. */
        for (s = pattern; *s != '\0'; s++)
          if (*s == '_')
            *s = '-';
        g_string_append (out, "(i.lang IS NOT NULL AND (lower(i.lang) = ? OR lower(i.lang) LIKE ?))");
        add_text (c, node->text);
        add_text (c, pattern);
      }
      break;

    case RN_QNODE_DATE:
      g_string_append (out, node->sub == RN_QDATE_SINCE ? "i.sort_date >= ?" : "i.sort_date < ?");
      add_int (c, date_bound (c, node));
      break;

    case RN_QNODE_COUNT:
      g_string_append_printf (out, "(%s IS NOT NULL AND %s %s ?)",
                              count_columns[node->sub], count_columns[node->sub], ops[node->op]);
      add_int (c, node->value);
      break;

    case RN_QNODE_TEXT:
      {
        g_autofree char *expr = fts_expr (node);

        emit_match (c, out, expr, FALSE);
      }
      break;

    case RN_QNODE_AND:
    case RN_QNODE_OR:
    case RN_QNODE_NOT:
    default:
      g_assert_not_reached ();
    }
}

static void
compile_group (Compiler      *c,
               const RnQNode *node,
               GString       *out)
{
  g_autoptr(GPtrArray) pos = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) neg = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const char *op = node->kind == RN_QNODE_AND ? " AND " : " OR ";
  guint n = 0;

  if (node->kind == RN_QNODE_AND)
    split_and (node, pos, neg, rest);
  else
    for (guint i = 0; i < node->children->len; i++)
      {
        const RnQNode *child = g_ptr_array_index (node->children, i);
        char *expr = fts_expr (child);

        if (expr != NULL)
          g_ptr_array_add (pos, expr);
        else
          g_ptr_array_add (rest, (gpointer) child);
      }

  g_string_append_c (out, '(');
  if (node->kind == RN_QNODE_AND && pos->len > 0)
    {
      g_autofree char *expr = and_fts (pos, neg);

      if (node == c->root && c->omit_driver)
        g_string_append (out, "1");
      else
        emit_match (c, out, expr, FALSE);
      if (node == c->root)
        c->sql->driver = g_strdup (expr);
      n++;
    }
  else if (node->kind == RN_QNODE_AND && neg->len > 0)
    {
      g_autofree char *expr = join_fts (neg, " OR ");

      emit_match (c, out, expr, TRUE);
      n++;
    }
  else if (node->kind == RN_QNODE_OR && pos->len > 0)
    {
      g_autofree char *expr = join_fts (pos, " OR ");

      emit_match (c, out, expr, FALSE);
      n++;
    }

  for (guint i = 0; i < rest->len; i++)
    {
      if (n++ > 0)
        g_string_append (out, op);
      compile_node (c, g_ptr_array_index (rest, i), out);
    }
  g_string_append_c (out, ')');
}

static void
compile_node (Compiler      *c,
              const RnQNode *node,
              GString       *out)
{
  g_autofree char *expr = NULL;

  if (node->kind != RN_QNODE_NOT && (expr = fts_expr (node)) != NULL)
    {
      if (node == c->root && c->omit_driver)
        g_string_append (out, "1");
      else
        emit_match (c, out, expr, FALSE);
      if (node == c->root)
        c->sql->driver = g_steal_pointer (&expr);
      return;
    }

  switch (node->kind)
    {
    case RN_QNODE_AND:
    case RN_QNODE_OR:
      compile_group (c, node, out);
      break;

    case RN_QNODE_NOT:
      {
        const RnQNode *child = g_ptr_array_index (node->children, 0);

        expr = fts_expr (child);
        if (expr != NULL)
          emit_match (c, out, expr, TRUE);
        else
          {
            g_string_append (out, "NOT (");
            compile_node (c, child, out);
            g_string_append_c (out, ')');
          }
      }
      break;

    case RN_QNODE_TEXT:
    case RN_QNODE_SOURCE:
    case RN_QNODE_SCOPE:
    case RN_QNODE_FOLDER:
    case RN_QNODE_TAG:
    case RN_QNODE_HAS:
    case RN_QNODE_IS:
    case RN_QNODE_TYPE:
    case RN_QNODE_LANG:
    case RN_QNODE_DATE:
    case RN_QNODE_COUNT:
    default:
      compile_leaf (c, node, out);
      break;
    }
}

/* ---- column filters ---- */

static RnQNode *
copy_node (const RnQNode *node)
{
  RnQNode *copy = rn_qnode_new (node->kind, node->start, node->end);

  copy->text = g_strdup (node->text);
  copy->column = node->column;
  copy->phrase = node->phrase;
  copy->prefix = node->prefix;
  copy->sub = node->sub;
  copy->op = node->op;
  copy->value = node->value;
  copy->unit = node->unit;
  if (node->children != NULL)
    for (guint i = 0; i < node->children->len; i++)
      rn_qnode_add (copy, copy_node (g_ptr_array_index (node->children, i)));
  return copy;
}

static gboolean
searchable (const char *word)
{
  if (word == NULL || !g_utf8_validate (word, -1, NULL))
    return FALSE;
  for (const char *s = word; *s != '\0'; s = g_utf8_next_char (s))
    if (g_unichar_isalnum (g_utf8_get_char (s)) || g_unichar_ismark (g_utf8_get_char (s)))
      return TRUE;
  return FALSE;
}

static RnQNode *
text_node (const char *text,
           RnQColumn   column)
{
  RnQNode *node = rn_qnode_new (RN_QNODE_TEXT, 0, 0);

  node->text = g_strstrip (g_strdup (text));
  node->column = column;
  node->phrase = TRUE;
  return node;
}

static RnQNode *
not_node (RnQNode *child)
{
  RnQNode *node = rn_qnode_new (RN_QNODE_NOT, 0, 0);

  rn_qnode_add (node, child);
  return node;
}

static RnQNode *
build_root (RnQuery               *query,
            const RnColumnFilters *filters)
{
  RnQNode *root = rn_qnode_new (RN_QNODE_AND, 0, 0);

  if (query != NULL)
    {
      RnQNode *copy = copy_node (query->root);

      if (copy->kind == RN_QNODE_AND)
        {
          for (guint i = 0; i < copy->children->len; i++)
            rn_qnode_add (root, g_steal_pointer (&copy->children->pdata[i]));
          g_ptr_array_set_size (copy->children, 0);
          rn_qnode_free (copy);
        }
      else
        rn_qnode_add (root, copy);
    }

  if (filters != NULL)
    {
      if (filters->exclude_words != NULL)
        for (guint i = 0; filters->exclude_words[i] != NULL; i++)
          if (searchable (filters->exclude_words[i]))
            rn_qnode_add (root, not_node (text_node (filters->exclude_words[i], RN_QCOL_ANY)));

      if (filters->authors != NULL)
        {
          RnQNode *any = rn_qnode_new (RN_QNODE_OR, 0, 0);

          for (guint i = 0; filters->authors[i] != NULL; i++)
            if (searchable (filters->authors[i]))
              rn_qnode_add (any, text_node (filters->authors[i], RN_QCOL_AUTHOR));
          if (any->children->len > 0)
            rn_qnode_add (root, any);
          else
            rn_qnode_free (any);
        }

      if (filters->media_only)
        {
          RnQNode *media = rn_qnode_new (RN_QNODE_HAS, 0, 0);

          media->sub = RN_QHAS_MEDIA;
          rn_qnode_add (root, media);
        }
      if (filters->feed_id > 0 || filters->folder_id > 0)
        {
          RnQNode *scope = rn_qnode_new (RN_QNODE_SCOPE, 0, 0);

          scope->sub = filters->feed_id > 0 ? 0 : 1;
          scope->value = filters->feed_id > 0 ? filters->feed_id : filters->folder_id;
          rn_qnode_add (root, scope);
        }
      for (int k = 0; k < 3; k++)
        {
          static const int subs[] = { RN_QIS_UNREAD, RN_QIS_STARRED, RN_QIS_SAVED };
          gboolean on[] = { filters->unread_only, filters->starred_only, filters->saved_only };

          if (on[k])
            {
              RnQNode *is = rn_qnode_new (RN_QNODE_IS, 0, 0);

              is->sub = subs[k];
              rn_qnode_add (root, is);
            }
        }
      if (filters->hide_boosts || filters->hide_replies)
        {
          RnQNode *is = rn_qnode_new (RN_QNODE_IS, 0, 0);

          is->sub = filters->hide_boosts ? RN_QIS_BOOST : RN_QIS_REPLY;
          rn_qnode_add (root, not_node (is));
          if (filters->hide_boosts && filters->hide_replies)
            {
              is = rn_qnode_new (RN_QNODE_IS, 0, 0);
              is->sub = RN_QIS_REPLY;
              rn_qnode_add (root, not_node (is));
            }
        }
    }

  if (root->children->len == 1)
    {
      RnQNode *only = g_steal_pointer (&root->children->pdata[0]);

      g_ptr_array_set_size (root->children, 0);
      rn_qnode_free (root);
      return only;
    }
  return root;
}

/* Spells each word prefix of the tree as an OR of the index's words that
 * start with it, where @db can list them. */
static RnQNode *
expand_prefixes (RnQNode *node,
                 sqlite3 *db)
{
  g_auto(GStrv) words = NULL;
  RnQNode *any;

  if (node->kind == RN_QNODE_TEXT && node->prefix && !node->phrase &&
      (words = rn_store_vocab_expand (db, node->text, MAX_PREFIX_WORDS)) != NULL)
    {
      if (words[1] == NULL)
        {
          g_free (node->text);
          node->text = g_strdup (words[0]);
          node->prefix = FALSE;
          return node;
        }
      any = rn_qnode_new (RN_QNODE_OR, node->start, node->end);
      for (guint i = 0; words[i] != NULL; i++)
        {
          RnQNode *word = rn_qnode_new (RN_QNODE_TEXT, node->start, node->end);

          word->text = g_strdup (words[i]);
          word->column = node->column;
          rn_qnode_add (any, word);
        }
      rn_qnode_free (node);
      return any;
    }
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    node->children->pdata[i] = expand_prefixes (node->children->pdata[i], db);
  return node;
}

/* ---- public ---- */

RnQuerySql *
rn_query_compile (RnQuery               *query,
                  const RnColumnFilters *filters,
                  gint64                 now,
                  GError               **error)
{
  return rn_query_compile_for (query, filters, now, NULL, error);
}

RnQuerySql *
rn_query_compile_for (RnQuery               *query,
                      const RnColumnFilters *filters,
                      gint64                 now,
                      sqlite3               *db,
                      GError               **error)
{
  RnQNode *root;
  RnQuerySql *sql = NULL;
  gboolean prefix;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = build_root (query, filters);
  prefix = has_prefix (root);
  if (prefix && db != NULL)
    root = expand_prefixes (root, db);

  /* Twice: the full fragment, then the one without the driver. */
  for (int pass = 0; pass < 2; pass++)
    {
      Compiler c = { 0 };
      GString *where = g_string_new (NULL);

      c.sql = g_new0 (RnQuerySql, 1);
      c.sql->params = g_array_new (FALSE, TRUE, sizeof (RnQParam));
      g_array_set_clear_func (c.sql->params, param_free);
      c.text = query != NULL ? query->text : NULL;
      c.now = now;
      c.root = root;
      c.omit_driver = pass == 1;

      if (root->kind == RN_QNODE_AND && root->children->len == 0)
        g_string_append (where, "1");
      else
        compile_node (&c, root, where);
      c.sql->where = g_string_free (where, FALSE);

      if (c.error != NULL)
        {
          g_propagate_error (error, c.error);
          rn_query_sql_free (c.sql);
          break;
        }
      if (pass == 0)
        {
          sql = c.sql;
          sql->driver_prefix = sql->driver != NULL && has_prefix (root);
          sql->has_prefix = prefix;
        }
      else
        {
          sql->where_rest = g_steal_pointer (&c.sql->where);
          sql->params_rest = g_steal_pointer (&c.sql->params);
          rn_query_sql_free (c.sql);
        }
    }
  rn_qnode_free (root);

  if (sql != NULL && sql->where_rest == NULL)
    g_clear_pointer (&sql, rn_query_sql_free);
  return sql;
}

void
rn_query_sql_free (RnQuerySql *sql)
{
  if (sql == NULL)
    return;
  g_free (sql->where);
  g_free (sql->where_rest);
  g_free (sql->driver);
  g_strfreev (sql->tag_driver);
  g_clear_pointer (&sql->params, g_array_unref);
  g_clear_pointer (&sql->params_rest, g_array_unref);
  g_free (sql);
}

const char *
rn_query_sql_get_where (RnQuerySql *sql)
{
  g_return_val_if_fail (sql != NULL, NULL);
  return sql->where;
}

guint
rn_query_sql_get_n_params (RnQuerySql *sql)
{
  g_return_val_if_fail (sql != NULL, 0);
  return sql->params->len;
}

gboolean
rn_query_sql_has_prefix (RnQuerySql *sql)
{
  g_return_val_if_fail (sql != NULL, FALSE);
  return sql->has_prefix;
}

gboolean
rn_query_sql_uses_fts (RnQuerySql *sql)
{
  g_return_val_if_fail (sql != NULL, FALSE);
  return sql->uses_fts;
}

int
rn_query_sql_bind_range (RnQuerySql   *sql,
                         sqlite3_stmt *stmt,
                         int           first_index,
                         gint64        min_id,
                         gint64        max_id)
{
  g_return_val_if_fail (sql != NULL, first_index);
  g_return_val_if_fail (stmt != NULL, first_index);

  return rn_query_bind_params (sql->params, stmt, first_index, min_id, max_id);
}

int
rn_query_bind_params (GArray       *params,
                      sqlite3_stmt *stmt,
                      int           first_index,
                      gint64        min_id,
                      gint64        max_id)
{
  int index = first_index;

  for (guint i = 0; i < params->len; i++, index++)
    {
      const RnQParam *param = &g_array_index (params, RnQParam, i);

      switch (param->type)
        {
        case RN_QPARAM_INT64:
          sqlite3_bind_int64 (stmt, index, param->value);
          break;
        case RN_QPARAM_TEXT:
          sqlite3_bind_text (stmt, index, param->text, -1, SQLITE_TRANSIENT);
          break;
        case RN_QPARAM_MIN_ID:
          sqlite3_bind_int64 (stmt, index, min_id);
          break;
        case RN_QPARAM_MAX_ID:
          sqlite3_bind_int64 (stmt, index, max_id);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return index;
}

int
rn_query_sql_bind (RnQuerySql   *sql,
                   sqlite3_stmt *stmt,
                   int           first_index)
{
  return rn_query_sql_bind_range (sql, stmt, first_index, G_MININT64, G_MAXINT64);
}
