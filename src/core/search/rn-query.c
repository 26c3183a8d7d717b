/* rn-query.c: parsing the saved-search query language.
 *
 * Grammar (recursive descent; AND/OR/NOT are keywords only in capitals,
 * "and" is a word; `-` negates when it is glued to what follows):
 *
 *   query    := or_expr EOF
 *   or_expr  := and_expr ( "OR" and_expr )*
 *   and_expr := unary ( [ "AND" ] unary )*        adjacent terms mean AND
 *   unary    := ( "NOT" | "-" ) unary | primary
 *   primary  := "(" or_expr ")" | term
 *   term     := word [ "*" ]                      full text; word* = prefix
 *             | '"' chars '"' [ "*" ]             phrase (last word a prefix)
 *             | "#" tagname                       same as tag:tagname
 *             | field ":" value                   no space around ':'
 *   value    := word | '"' chars '"'
 *
 *   field      value
 *   title      word / phrase / prefix, matched in the title only
 *   author     word / phrase / prefix, matched in the author only
 *   source     feed title, whole; `*` in the value is a wildcard (alias feed)
 *   folder     folder title, whole, `*` wildcard; includes sub-folders
 *   tag        hashtag or category of the item, or tag in the reading list
 *   has        doi | image | enclosure
 *   is         unread | read | starred | saved | boost | reply
 *   type       article | post | podcast | case
 *   lang       language code: `en` also matches `en-GB`
 *   since      N h|d|w|m|y (hours, days, weeks, months, years before now)
 *              or YYYY-MM-DD (from local midnight of that day)
 *   before     the same, exclusive
 *   boosts     [>= > <= < =] N; a bare N means >= N (alias reblogs)
 *   replies    the same
 *   favs       the same (aliases favourites, favorites, likes)
 *
 * Precedence: NOT binds tightest, then AND, then OR. Matching ignores case
 * and diacritics. A word with no letters or digits (`&`, `—`) is ignored.
 * Limits: RN_QUERY_MAX_CHARS characters, RN_QUERY_MAX_DEPTH nested
 * parentheses/negations; recursion is bounded by the latter.
 *
 * Nothing typed here reaches SQL or FTS5 as syntax: the compiler quotes
 * every word as an FTS5 string and binds every value (rn-query-compile.c). */
#define G_LOG_DOMAIN "rn-query"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rn-query-private.h"

/* ---- errors with a position ---- */

typedef struct
{
  guint start;
  guint end;
} RnQueryErrorPrivate;

/* The generated accessor returns NULL for a foreign error; it is never
 * called with one here, but the checks keep the compiler's null analysis
 * satisfied. */
static void
rn_query_error_private_init (RnQueryErrorPrivate *priv)
{
  if (priv != NULL)
    priv->start = priv->end = 0;
}

static void
rn_query_error_private_copy (const RnQueryErrorPrivate *src,
                             RnQueryErrorPrivate       *dest)
{
  if (src != NULL && dest != NULL)
    *dest = *src;
}

static void
rn_query_error_private_clear (RnQueryErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (RnQueryError, rn_query_error)

gboolean
rn_query_error_get_position (const GError *error,
                             guint        *start,
                             guint        *end)
{
  RnQueryErrorPrivate *priv;

  if (start != NULL)
    *start = 0;
  if (end != NULL)
    *end = 0;
  if (error == NULL || error->domain != RN_QUERY_ERROR)
    return FALSE;
  priv = rn_query_error_get_private (error);
  if (priv == NULL)
    return FALSE;
  if (start != NULL)
    *start = priv->start;
  if (end != NULL)
    *end = priv->end;
  return TRUE;
}

void
rn_query_error_set_position (GError *error,
                             guint   start,
                             guint   end)
{
  RnQueryErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == RN_QUERY_ERROR);
  priv = rn_query_error_get_private (error);
  if (priv == NULL)
    return;
  priv->start = start;
  priv->end = end;
}

/* ---- the tree ---- */

RnQNode *
rn_qnode_new (RnQNodeKind kind,
              guint       start,
              guint       end)
{
  RnQNode *node = g_new0 (RnQNode, 1);

  node->kind = kind;
  node->start = start;
  node->end = end;
  if (kind == RN_QNODE_AND || kind == RN_QNODE_OR || kind == RN_QNODE_NOT)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_qnode_free);
  return node;
}

void
rn_qnode_free (RnQNode *node)
{
  if (node == NULL)
    return;
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node->text);
  g_free (node);
}

void
rn_qnode_add (RnQNode *parent,
              RnQNode *child)
{
  g_ptr_array_add (parent->children, child);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnQNode, rn_qnode_free)

void
rn_query_free (RnQuery *query)
{
  if (query == NULL)
    return;
  rn_qnode_free (query->root);
  g_free (query->text);
  g_free (query);
}

const char *
rn_query_get_text (RnQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);
  return query->text;
}

/* ---- the parser ---- */

typedef struct
{
  const char *text;
  gsize       len;
  gsize       pos;      /* byte offset of the next unread character */
  GError    **error;
} Parser;

typedef enum
{
  TOK_EOF,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_AND,
  TOK_OR,
  TOK_NOT,
  TOK_MINUS,
  TOK_TERM,
} TokKind;

typedef struct
{
  TokKind kind;
  gsize   start;
  gsize   end;
} Tok;

static void
fail (Parser     *p,
      int         code,
      gsize       start,
      gsize       end,
      const char *format,
      ...) G_GNUC_PRINTF (5, 6);

static void
fail (Parser     *p,
      int         code,
      gsize       start,
      gsize       end,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;
  GError *error;

  if (p->error == NULL || *p->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  error = g_error_new_literal (RN_QUERY_ERROR, code, message);
  /* The text was validated as UTF-8 before any error but INVALID_TEXT,
   * which computes its own offsets. */
  rn_query_error_set_position (error,
                               (guint) g_utf8_pointer_to_offset (p->text, p->text + start),
                               (guint) g_utf8_pointer_to_offset (p->text, p->text + end));
  g_propagate_error (p->error, error);
}

/* Characters the FTS5 unicode61 tokenizer keeps as parts of tokens:
 * letters, numbers, marks and private-use characters. A term without any
 * would match nothing, or everything if ignored inside an OR. */
static gboolean
is_token_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
has_token_chars (const char *text,
                 gsize       len)
{
  const char *end = text + len;

  for (const char *s = text; s < end; s = g_utf8_next_char (s))
    if (is_token_char (g_utf8_get_char (s)))
      return TRUE;
  return FALSE;
}

static gboolean
is_space_at (Parser *p,
             gsize   pos)
{
  return g_unichar_isspace (g_utf8_get_char (p->text + pos));
}

/* Words end at white space, parentheses and quotes. */
static gboolean
is_delim_at (Parser *p,
             gsize   pos)
{
  char c = p->text[pos];

  return pos >= p->len || c == '(' || c == ')' || c == '"' || is_space_at (p, pos);
}

static gsize
word_end (Parser *p,
          gsize   pos)
{
  while (!is_delim_at (p, pos))
    pos = g_utf8_next_char (p->text + pos) - p->text;
  return pos;
}

static gboolean
word_is (Parser     *p,
         gsize       start,
         gsize       end,
         const char *keyword)
{
  gsize n = strlen (keyword);

  return end - start == n && memcmp (p->text + start, keyword, n) == 0;
}

/* Skips white space and words that hold nothing searchable. */
static void
skip_noise (Parser *p)
{
  for (;;)
    {
      gsize end;

      while (p->pos < p->len && is_space_at (p, p->pos))
        p->pos = g_utf8_next_char (p->text + p->pos) - p->text;
      if (p->pos >= p->len || is_delim_at (p, p->pos))
        return;
      /* `-(`, `-"` and `-#x` negate even though `-` is not a token char. */
      if (p->text[p->pos] == '-' && p->pos + 1 < p->len &&
          (p->text[p->pos + 1] == '(' || p->text[p->pos + 1] == '"' || p->text[p->pos + 1] == '#'))
        return;
      end = word_end (p, p->pos);
      if (has_token_chars (p->text + p->pos, end - p->pos))
        return;
      p->pos = end;
    }
}

static Tok
peek (Parser *p)
{
  Tok tok = { TOK_EOF, 0, 0 };
  gsize end;
  char c;

  skip_noise (p);
  tok.start = tok.end = p->pos;
  if (p->pos >= p->len)
    return tok;

  c = p->text[p->pos];
  tok.end = p->pos + 1;
  if (c == '(')
    tok.kind = TOK_LPAREN;
  else if (c == ')')
    tok.kind = TOK_RPAREN;
  else if (c == '-' && p->pos + 1 < p->len && !is_delim_at (p, p->pos + 1))
    tok.kind = TOK_MINUS;
  else if (c == '-' && p->pos + 1 < p->len &&
           (p->text[p->pos + 1] == '(' || p->text[p->pos + 1] == '"'))
    tok.kind = TOK_MINUS;
  else if (c == '"')
    tok.kind = TOK_TERM;
  else
    {
      end = word_end (p, p->pos);
      tok.end = end;
      if (word_is (p, p->pos, end, "AND"))
        tok.kind = TOK_AND;
      else if (word_is (p, p->pos, end, "OR"))
        tok.kind = TOK_OR;
      else if (word_is (p, p->pos, end, "NOT"))
        tok.kind = TOK_NOT;
      else
        tok.kind = TOK_TERM;
    }
  return tok;
}

static gboolean
starts_unary (TokKind kind)
{
  return kind == TOK_TERM || kind == TOK_LPAREN || kind == TOK_NOT || kind == TOK_MINUS;
}

/* A quoted string at p->pos: returns its contents, moves past the closing
 * quote. */
static char *
read_phrase (Parser *p)
{
  gsize open = p->pos;
  const char *close = memchr (p->text + open + 1, '"', p->len - open - 1);

  if (close == NULL)
    {
      fail (p, RN_QUERY_ERROR_UNBALANCED, open, p->len,
            _("This quote is not closed"));
      return NULL;
    }
  p->pos = close - p->text + 1;
  return g_strndup (p->text + open + 1, close - p->text - open - 1);
}

/* Reads a field value: a word up to the next delimiter or a quoted string. */
static char *
read_value (Parser     *p,
            gsize       field_start,
            const char *field,
            gboolean   *quoted)
{
  gsize end;

  *quoted = FALSE;
  if (p->pos < p->len && p->text[p->pos] == '"')
    {
      *quoted = TRUE;
      return read_phrase (p);
    }
  end = word_end (p, p->pos);
  if (end == p->pos)
    {
      fail (p, RN_QUERY_ERROR_MISSING_VALUE, field_start, p->pos,
            _("“%s:” needs a value right after the colon"), field);
      return NULL;
    }
  {
    gsize start = p->pos;

    p->pos = end;
    return g_strndup (p->text + start, end - start);
  }
}

static RnQNode *
parse_text (Parser     *p,
            gsize       start,
            RnQColumn   column,
            const char *field)
{
  g_autoptr(RnQNode) node = NULL;
  gsize value_start = p->pos;
  gboolean quoted = FALSE;
  gboolean prefix = FALSE;
  g_autofree char *value = read_value (p, start, field != NULL ? field : "", &quoted);
  gsize len;

  if (value == NULL)
    return NULL;
  len = strlen (value);
  if (quoted && p->pos < p->len && p->text[p->pos] == '*')
    {
      prefix = TRUE;
      p->pos++;
    }
  else if (!quoted)
    {
      while (len > 0 && value[len - 1] == '*')
        {
          value[--len] = '\0';
          prefix = TRUE;
        }
    }

  if (!has_token_chars (value, len))
    {
      if (quoted)
        fail (p, RN_QUERY_ERROR_BAD_VALUE, value_start, p->pos,
              _("This phrase has no letters or digits to search for"));
      else if (prefix)
        fail (p, RN_QUERY_ERROR_BAD_VALUE, value_start, p->pos,
              _("“*” needs the start of a word before it, as in radiol*"));
      else
        fail (p, RN_QUERY_ERROR_BAD_VALUE, value_start, p->pos,
              _("“%s:” needs a word with letters or digits"), field != NULL ? field : "");
      return NULL;
    }

  node = rn_qnode_new (RN_QNODE_TEXT, start, p->pos);
  node->text = g_steal_pointer (&value);
  node->column = column;
  node->phrase = quoted;
  node->prefix = prefix;
  return g_steal_pointer (&node);
}

typedef struct
{
  const char *name;
  int         value;
} Keyword;

static const Keyword has_keywords[] = {
  { "doi", RN_QHAS_DOI }, { "image", RN_QHAS_IMAGE }, { "enclosure", RN_QHAS_ENCLOSURE },
};
static const Keyword is_keywords[] = {
  { "unread", RN_QIS_UNREAD }, { "read", RN_QIS_READ }, { "starred", RN_QIS_STARRED },
  { "saved", RN_QIS_SAVED }, { "boost", RN_QIS_BOOST }, { "reply", RN_QIS_REPLY },
};
static const char *const type_keywords[] = { "article", "post", "podcast", "case" };

static int
lookup_keyword (const Keyword *table,
                gsize          n,
                const char    *value)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (table[i].name, value) == 0)
      return table[i].value;
  return -1;
}

/* Whole-value date: Nh Nd Nw Nm Ny, or YYYY-MM-DD. */
static gboolean
parse_date (const char *value,
            gint64     *amount,
            char       *unit)
{
  static const struct { char unit; gint64 max; } limits[] = {
    { 'h', 1000000 }, { 'd', 50000 }, { 'w', 5000 }, { 'm', 1200 }, { 'y', 100 },
  };
  gsize len = strlen (value);
  int y, m, d;

  if (len >= 2 && len <= 8 && g_ascii_isdigit (value[0]))
    {
      char u = g_ascii_tolower (value[len - 1]);
      gsize i;

      for (i = 0; i + 1 < len; i++)
        if (!g_ascii_isdigit (value[i]))
          break;
      if (i + 1 == len)
        for (gsize k = 0; k < G_N_ELEMENTS (limits); k++)
          if (limits[k].unit == u)
            {
              gint64 n = g_ascii_strtoll (value, NULL, 10);

              if (n > limits[k].max)
                return FALSE;
              *amount = n;
              *unit = u;
              return TRUE;
            }
    }

  if (len == 10 && value[4] == '-' && value[7] == '-')
    {
      for (gsize i = 0; i < len; i++)
        if (i != 4 && i != 7 && !g_ascii_isdigit (value[i]))
          return FALSE;
      y = (int) g_ascii_strtoll (value, NULL, 10);
      m = (int) g_ascii_strtoll (value + 5, NULL, 10);
      d = (int) g_ascii_strtoll (value + 8, NULL, 10);
      if (y < 1900 || y > 9999 || !g_date_valid_dmy (d, m, y))
        return FALSE;
      *amount = (gint64) y * 10000 + m * 100 + d;
      *unit = 0;
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_threshold (const char *value,
                 RnQOp      *op,
                 gint64     *number)
{
  static const struct { const char *text; RnQOp op; } ops[] = {
    { ">=", RN_QOP_GE }, { "<=", RN_QOP_LE }, { ">", RN_QOP_GT }, { "<", RN_QOP_LT }, { "=", RN_QOP_EQ },
  };
  const char *digits = value;
  gsize n;

  *op = RN_QOP_GE;
  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    if (g_str_has_prefix (value, ops[i].text))
      {
        *op = ops[i].op;
        digits = value + strlen (ops[i].text);
        break;
      }
  n = strlen (digits);
  if (n == 0 || n > 12)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (digits[i]))
      return FALSE;
  *number = g_ascii_strtoll (digits, NULL, 10);
  return TRUE;
}

static gboolean
valid_lang (const char *value)
{
  gsize n = strlen (value);

  if (n == 0 || n > 35 || !g_ascii_isalpha (value[0]))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (value[i]) && value[i] != '-' && value[i] != '_')
      return FALSE;
  return TRUE;
}

/* A field term; p->pos is just after the colon. */
static RnQNode *
parse_field (Parser     *p,
             gsize       start,
             const char *field)
{
  g_autoptr(RnQNode) node = NULL;
  g_autofree char *value = NULL;
  gsize value_start = p->pos;
  gboolean quoted;
  RnQNodeKind kind;

  if (strcmp (field, "title") == 0)
    return parse_text (p, start, RN_QCOL_TITLE, field);
  if (strcmp (field, "author") == 0)
    return parse_text (p, start, RN_QCOL_AUTHOR, field);

  if (strcmp (field, "source") == 0 || strcmp (field, "feed") == 0)
    kind = RN_QNODE_SOURCE;
  else if (strcmp (field, "folder") == 0)
    kind = RN_QNODE_FOLDER;
  else if (strcmp (field, "tag") == 0)
    kind = RN_QNODE_TAG;
  else if (strcmp (field, "has") == 0)
    kind = RN_QNODE_HAS;
  else if (strcmp (field, "is") == 0)
    kind = RN_QNODE_IS;
  else if (strcmp (field, "type") == 0)
    kind = RN_QNODE_TYPE;
  else if (strcmp (field, "lang") == 0)
    kind = RN_QNODE_LANG;
  else if (strcmp (field, "since") == 0 || strcmp (field, "before") == 0)
    kind = RN_QNODE_DATE;
  else if (strcmp (field, "boosts") == 0 || strcmp (field, "reblogs") == 0 ||
           strcmp (field, "replies") == 0 || strcmp (field, "favs") == 0 ||
           strcmp (field, "favourites") == 0 || strcmp (field, "favorites") == 0 ||
           strcmp (field, "likes") == 0)
    kind = RN_QNODE_COUNT;
  else
    {
      fail (p, RN_QUERY_ERROR_UNKNOWN_FIELD, start, value_start,
            _("Unknown field “%s:”; put the text in quotes to search for it"), field);
      return NULL;
    }

  value = read_value (p, start, field, &quoted);
  if (value == NULL)
    return NULL;
  g_strstrip (value);
  if (kind == RN_QNODE_TAG)
    {
      gsize hashes = strspn (value, "#");

      memmove (value, value + hashes, strlen (value) - hashes + 1);
    }
  if (value[0] == '\0')
    {
      fail (p, RN_QUERY_ERROR_MISSING_VALUE, start, p->pos,
            _("“%s:” needs a value right after the colon"), field);
      return NULL;
    }

  node = rn_qnode_new (kind, start, p->pos);
  switch (kind)
    {
    case RN_QNODE_SOURCE:
    case RN_QNODE_FOLDER:
    case RN_QNODE_TAG:
      node->text = g_steal_pointer (&value);
      break;

    case RN_QNODE_HAS:
      node->sub = lookup_keyword (has_keywords, G_N_ELEMENTS (has_keywords), value);
      if (node->sub < 0)
        {
          fail (p, RN_QUERY_ERROR_BAD_VALUE, value_start, p->pos,
                _("Use has:doi, has:image or has:enclosure"));
          return NULL;
        }
      break;

    case RN_QNODE_IS:
      node->sub = lookup_keyword (is_keywords, G_N_ELEMENTS (is_keywords), value);
      if (node->sub < 0)
        {
          fail (p, RN_QUERY_ERROR_BAD_VALUE, value_start, p->pos,
                _("Use is:unread, is:read, is:starred, is:saved, is:boost or is:reply"));
          return NULL;
        }
      break;

    case RN_QNODE_TYPE:
      for (gsize i = 0; i < G_N_ELEMENTS (type_keywords); i++)
        if (g_ascii_strcasecmp (value, type_keywords[i]) == 0)
          node->text = g_strdup (type_keywords[i]);
      if (node->text == NULL)
        {
          fail (p, RN_QUERY_ERROR_BAD_VALUE, value_start, p->pos,
                _("Use type:article, type:post, type:podcast or type:case"));
          return NULL;
        }
      break;

    case RN_QNODE_LANG:
      if (!valid_lang (value))
        {
          fail (p, RN_QUERY_ERROR_BAD_VALUE, value_start, p->pos,
                _("Use a language code such as lang:en or lang:pt-BR"));
          return NULL;
        }
      node->text = g_ascii_strdown (value, -1);
      break;

    case RN_QNODE_DATE:
      node->sub = strcmp (field, "since") == 0 ? RN_QDATE_SINCE : RN_QDATE_BEFORE;
      if (!parse_date (value, &node->value, &node->unit))
        {
          fail (p, RN_QUERY_ERROR_BAD_DATE, value_start, p->pos,
                _("Use a date such as %s:2026-01-31, or a time back from now such as "
                  "%s:12h, 7d, 2w, 3m (months) or 1y"), field, field);
          return NULL;
        }
      break;

    case RN_QNODE_COUNT:
      if (strcmp (field, "boosts") == 0 || strcmp (field, "reblogs") == 0)
        node->sub = RN_QCOUNT_BOOSTS;
      else if (strcmp (field, "replies") == 0)
        node->sub = RN_QCOUNT_REPLIES;
      else
        node->sub = RN_QCOUNT_FAVS;
      if (!parse_threshold (value, &node->op, &node->value))
        {
          fail (p, RN_QUERY_ERROR_BAD_THRESHOLD, value_start, p->pos,
                _("Use a number, maybe after >=, >, <=, < or =, as in %s:>=10"), field);
          return NULL;
        }
      break;

    case RN_QNODE_AND:
    case RN_QNODE_OR:
    case RN_QNODE_NOT:
    case RN_QNODE_TEXT:
    default:
      g_assert_not_reached ();
    }
  return g_steal_pointer (&node);
}

static RnQNode *
parse_term (Parser *p)
{
  gsize start = p->pos;
  gsize end;
  const char *colon;

  if (p->text[start] == '"')
    return parse_text (p, start, RN_QCOL_ANY, NULL);

  if (p->text[start] == '#')
    {
      g_autoptr(RnQNode) node = NULL;

      gsize name = start + strspn (p->text + start, "#");

      end = word_end (p, name);
      node = rn_qnode_new (RN_QNODE_TAG, start, end);
      node->text = g_strndup (p->text + name, end - name);
      p->pos = end;
      return g_steal_pointer (&node);
    }

  end = word_end (p, start);
  colon = memchr (p->text + start, ':', end - start);
  if (colon != NULL && colon > p->text + start)
    {
      gboolean letters = TRUE;

      for (const char *s = p->text + start; s < colon; s++)
        if (!g_ascii_isalpha (*s))
          letters = FALSE;
      if (letters)
        {
          g_autofree char *field = g_ascii_strdown (p->text + start, colon - p->text - start);

          p->pos = colon - p->text + 1;
          return parse_field (p, start, field);
        }
    }
  return parse_text (p, start, RN_QCOL_ANY, NULL);
}

static RnQNode *parse_or (Parser *p, guint depth);

static RnQNode *
parse_unary (Parser *p,
             guint   depth)
{
  Tok tok = peek (p);

  if (tok.kind == TOK_NOT || tok.kind == TOK_MINUS)
    {
      g_autoptr(RnQNode) node = NULL;
      RnQNode *child;
      Tok next;

      if (depth + 1 > RN_QUERY_MAX_DEPTH)
        {
          fail (p, RN_QUERY_ERROR_TOO_DEEP, tok.start, tok.end,
                _("This search is nested too deeply (at most %d levels)"), RN_QUERY_MAX_DEPTH);
          return NULL;
        }
      p->pos = tok.end;
      next = peek (p);
      if (!starts_unary (next.kind))
        {
          fail (p, RN_QUERY_ERROR_DANGLING_OPERATOR, tok.start, tok.end,
                _("Nothing to exclude after “%s”"), tok.kind == TOK_NOT ? "NOT" : "-");
          return NULL;
        }
      child = parse_unary (p, depth + 1);
      if (child == NULL)
        return NULL;
      node = rn_qnode_new (RN_QNODE_NOT, tok.start, child->end);
      rn_qnode_add (node, child);
      return g_steal_pointer (&node);
    }

  if (tok.kind == TOK_LPAREN)
    {
      RnQNode *inner;
      Tok close;

      if (depth + 1 > RN_QUERY_MAX_DEPTH)
        {
          fail (p, RN_QUERY_ERROR_TOO_DEEP, tok.start, tok.end,
                _("This search is nested too deeply (at most %d levels)"), RN_QUERY_MAX_DEPTH);
          return NULL;
        }
      p->pos = tok.end;
      close = peek (p);
      if (close.kind == TOK_RPAREN)
        {
          fail (p, RN_QUERY_ERROR_EMPTY, tok.start, close.end,
                _("There is nothing to search for between these parentheses"));
          return NULL;
        }
      if (close.kind == TOK_EOF)
        {
          fail (p, RN_QUERY_ERROR_UNBALANCED, tok.start, tok.end,
                _("This parenthesis is not closed"));
          return NULL;
        }
      inner = parse_or (p, depth + 1);
      if (inner == NULL)
        return NULL;
      close = peek (p);
      if (close.kind != TOK_RPAREN)
        {
          rn_qnode_free (inner);
          fail (p, RN_QUERY_ERROR_UNBALANCED, tok.start, tok.end,
                _("This parenthesis is not closed"));
          return NULL;
        }
      p->pos = close.end;
      return inner;
    }

  if (tok.kind == TOK_TERM)
    return parse_term (p);

  if (tok.kind == TOK_RPAREN)
    fail (p, RN_QUERY_ERROR_UNBALANCED, tok.start, tok.end,
          _("This parenthesis has no opening one"));
  else if (tok.kind == TOK_AND || tok.kind == TOK_OR)
    fail (p, RN_QUERY_ERROR_DANGLING_OPERATOR, tok.start, tok.end,
          _("“%s” needs something to search for on both sides"),
          tok.kind == TOK_AND ? "AND" : "OR");
  else
    fail (p, RN_QUERY_ERROR_EMPTY, tok.start, tok.end, _("There is nothing to search for"));
  return NULL;
}

/* Adds @child to the n-ary @group, lifting the children of a group of the
 * same kind (a AND (b AND c) is a AND b AND c). */
static void
add_flat (RnQNode *group,
          RnQNode *child)
{
  if (child->kind == group->kind)
    {
      for (guint i = 0; i < child->children->len; i++)
        rn_qnode_add (group, g_steal_pointer (&child->children->pdata[i]));
      g_ptr_array_set_size (child->children, 0);
      rn_qnode_free (child);
    }
  else
    rn_qnode_add (group, child);
}

static RnQNode *
parse_and (Parser *p,
           guint   depth)
{
  g_autoptr(RnQNode) group = NULL;
  RnQNode *first = parse_unary (p, depth);

  if (first == NULL)
    return NULL;

  for (;;)
    {
      Tok tok = peek (p);
      RnQNode *next;

      if (tok.kind == TOK_AND)
        {
          Tok after;

          p->pos = tok.end;
          after = peek (p);
          if (!starts_unary (after.kind))
            {
              if (group == NULL)
                rn_qnode_free (first);
              fail (p, RN_QUERY_ERROR_DANGLING_OPERATOR, tok.start, tok.end,
                    _("“%s” needs something to search for on both sides"), "AND");
              return NULL;
            }
        }
      else if (!starts_unary (tok.kind))
        break;

      next = parse_unary (p, depth);
      if (next == NULL)
        {
          if (group == NULL)
            rn_qnode_free (first);
          return NULL;
        }
      if (group == NULL)
        {
          group = rn_qnode_new (RN_QNODE_AND, first->start, first->end);
          add_flat (group, first);
        }
      group->end = next->end;
      add_flat (group, next);
    }

  return group != NULL ? g_steal_pointer (&group) : first;
}

static RnQNode *
parse_or (Parser *p,
          guint   depth)
{
  g_autoptr(RnQNode) group = NULL;
  RnQNode *first = parse_and (p, depth);

  if (first == NULL)
    return NULL;

  for (;;)
    {
      Tok tok = peek (p);
      RnQNode *next;

      if (tok.kind != TOK_OR)
        break;
      p->pos = tok.end;
      if (!starts_unary (peek (p).kind))
        {
          if (group == NULL)
            rn_qnode_free (first);
          fail (p, RN_QUERY_ERROR_DANGLING_OPERATOR, tok.start, tok.end,
                _("“%s” needs something to search for on both sides"), "OR");
          return NULL;
        }
      next = parse_and (p, depth);
      if (next == NULL)
        {
          if (group == NULL)
            rn_qnode_free (first);
          return NULL;
        }
      if (group == NULL)
        {
          group = rn_qnode_new (RN_QNODE_OR, first->start, first->end);
          add_flat (group, first);
        }
      group->end = next->end;
      add_flat (group, next);
    }

  return group != NULL ? g_steal_pointer (&group) : first;
}

static gboolean
check_text (const char  *text,
            GError     **error)
{
  const char *bad = NULL;
  glong chars;

  if (!g_utf8_validate (text, -1, &bad))
    {
      g_autoptr(GError) local = NULL;
      guint at = (guint) g_utf8_pointer_to_offset (text, bad);

      local = g_error_new_literal (RN_QUERY_ERROR, RN_QUERY_ERROR_INVALID_TEXT,
                                   _("The search contains text that is not valid UTF-8"));
      rn_query_error_set_position (local, at, at + 1);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  chars = g_utf8_strlen (text, -1);
  if (chars > RN_QUERY_MAX_CHARS)
    {
      g_autoptr(GError) local = NULL;

      local = g_error_new (RN_QUERY_ERROR, RN_QUERY_ERROR_TOO_LONG,
                           _("This search is too long (at most %d characters)"),
                           RN_QUERY_MAX_CHARS);
      rn_query_error_set_position (local, RN_QUERY_MAX_CHARS, (guint) chars);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

RnQuery *
rn_query_parse (const char  *text,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  Parser p = { 0 };
  RnQNode *root;
  RnQuery *query;
  Tok tok;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (text, error))
    return NULL;

  p.text = text;
  p.len = strlen (text);
  p.error = &local_error;

  tok = peek (&p);
  if (tok.kind == TOK_EOF)
    {
      fail (&p, RN_QUERY_ERROR_EMPTY, 0, p.len, _("There is nothing to search for"));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  root = parse_or (&p, 0);
  if (root != NULL)
    {
      tok = peek (&p);
      if (tok.kind == TOK_RPAREN)
        fail (&p, RN_QUERY_ERROR_UNBALANCED, tok.start, tok.end,
              _("This parenthesis has no opening one"));
      else if (tok.kind != TOK_EOF)
        fail (&p, RN_QUERY_ERROR_DANGLING_OPERATOR, tok.start, tok.end,
              _("“%s” needs something to search for on both sides"),
              tok.kind == TOK_AND ? "AND" : "OR");
    }
  if (local_error != NULL)
    {
      rn_qnode_free (root);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_assert (root != NULL);

  query = g_new0 (RnQuery, 1);
  query->text = g_strdup (text);
  query->root = root;
  return query;
}

gboolean
rn_query_check (const char  *text,
                guint       *start,
                guint       *end,
                char       **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuery) query = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  query = rn_query_parse (text, &error);
  rn_query_error_get_position (error, start, end);
  if (message != NULL)
    *message = error != NULL ? g_strdup (error->message) : NULL;
  return query != NULL;
}

/* ---- the canonical form ---- */

static void
append_value (GString    *out,
              const char *value,
              gboolean    quote)
{
  if (!quote)
    for (const char *s = value; *s != '\0'; s = g_utf8_next_char (s))
      {
        gunichar c = g_utf8_get_char (s);

        if (c == '(' || c == ')' || g_unichar_isspace (c))
          quote = TRUE;
      }
  if (quote)
    g_string_append_c (out, '"');
  g_string_append (out, value);
  if (quote)
    g_string_append_c (out, '"');
}

static void
append_node (GString       *out,
             const RnQNode *node)
{
  static const char *const has_names[] = { "doi", "image", "enclosure", "media" };
  static const char *const is_names[] = { "unread", "read", "starred", "saved", "boost", "reply" };
  static const char *const count_names[] = { "boosts", "replies", "favs" };
  static const char *const op_names[] = { ">=", ">", "<=", "<", "=" };

  switch (node->kind)
    {
    case RN_QNODE_AND:
    case RN_QNODE_OR:
      for (guint i = 0; i < node->children->len; i++)
        {
          const RnQNode *child = g_ptr_array_index (node->children, i);
          gboolean group = child->kind == RN_QNODE_AND || child->kind == RN_QNODE_OR;

          if (i > 0)
            g_string_append (out, node->kind == RN_QNODE_AND ? " AND " : " OR ");
          if (group)
            g_string_append_c (out, '(');
          append_node (out, child);
          if (group)
            g_string_append_c (out, ')');
        }
      break;

    case RN_QNODE_NOT:
      {
        const RnQNode *child = g_ptr_array_index (node->children, 0);
        gboolean group = child->kind == RN_QNODE_AND || child->kind == RN_QNODE_OR;

        g_string_append (out, group ? "NOT (" : "NOT ");
        append_node (out, child);
        if (group)
          g_string_append_c (out, ')');
      }
      break;

    case RN_QNODE_TEXT:
      if (node->column == RN_QCOL_TITLE)
        g_string_append (out, "title:");
      else if (node->column == RN_QCOL_AUTHOR)
        g_string_append (out, "author:");
      append_value (out, node->text, node->phrase);
      if (node->prefix)
        g_string_append_c (out, '*');
      break;

    case RN_QNODE_SOURCE:
      g_string_append (out, "source:");
      append_value (out, node->text, FALSE);
      break;

    case RN_QNODE_FOLDER:
      g_string_append (out, "folder:");
      append_value (out, node->text, FALSE);
      break;

    case RN_QNODE_TAG:
      g_string_append (out, "tag:");
      append_value (out, node->text, FALSE);
      break;

    case RN_QNODE_HAS:
      g_string_append_printf (out, "has:%s", has_names[node->sub]);
      break;

    case RN_QNODE_IS:
      g_string_append_printf (out, "is:%s", is_names[node->sub]);
      break;

    case RN_QNODE_TYPE:
      g_string_append_printf (out, "type:%s", node->text);
      break;

    case RN_QNODE_LANG:
      g_string_append_printf (out, "lang:%s", node->text);
      break;

    case RN_QNODE_DATE:
      g_string_append (out, node->sub == RN_QDATE_SINCE ? "since:" : "before:");
      if (node->unit != 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT "%c", node->value, node->unit);
      else
        g_string_append_printf (out, "%04d-%02d-%02d", (int) (node->value / 10000),
                                (int) (node->value / 100 % 100), (int) (node->value % 100));
      break;

    case RN_QNODE_COUNT:
      g_string_append_printf (out, "%s:%s%" G_GINT64_FORMAT, count_names[node->sub],
                              op_names[node->op], node->value);
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
rn_query_to_string (RnQuery *query)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (query != NULL, NULL);
  append_node (out, query->root);
  return g_string_free (out, FALSE);
}
