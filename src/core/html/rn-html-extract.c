/* rn-html-extract.c: main-text extraction. Three linear passes over
 * libxml2's tree (no recursion): measure every element (text, links,
 * commas, boilerplate hints), score the containers of paragraphs, then pick
 * the best container and its good siblings and sanitise them. */
#define G_LOG_DOMAIN "rn-html"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rn-html-extract.h"
#include "rn-html-private.h"

G_DEFINE_QUARK (rn-html-error-quark, rn_html_error)

/* What we know of one element; hung on xmlNode._private while we work. */
typedef struct
{
  xmlNode  *node;
  gsize     text_len;     /* non-space bytes of text below */
  gsize     link_len;     /* of which inside links */
  guint     commas;
  double    score;
  gboolean  candidate;
  gboolean  unlikely;     /* it or an ancestor looks like boilerplate */
  gboolean  has_block;    /* has a block-level element child */
  gboolean  ignored;      /* script, style, …: no text of its own */
} Info;

/* @node must not be NULL */
static inline Info *
info_of (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE ? node->_private : NULL;
}

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return node->name != NULL && strcmp ((const char *) node->name, name) == 0;
}

static gboolean
name_in (xmlNode           *node,
         const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (name_is (node, names[i]))
      return TRUE;
  return FALSE;
}

static const char *const ignored_tags[] = {
  "script", "style", "noscript", "template", "svg", "iframe", "object",
  "embed", "form", "button", "select", "textarea", "head", "title", NULL,
};
static const char *const block_tags[] = {
  "p", "div", "table", "ul", "ol", "dl", "pre", "blockquote", "section",
  "article", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "img", "form",
  "header", "footer", "aside", "nav", "main", NULL,
};
/* Hints in class and id. A negative hint makes a node "unlikely" unless a
 * positive one is present too. */
static const char *const negative_hints[] = {
  "comment", "sidebar", "footer", "footnote-nav", "nav", "menu", "share",
  "social", "related", "promo", "sponsor", "advert", "banner", "cookie",
  "popup", "modal", "newsletter", "subscribe", "breadcrumb", "masthead",
  "widget", "outbrain", "taboola", "pagination", "pager", "login", "signup",
  "disqus", "toolbar", "skip", "hidden", "tags", "byline-share", "most-read",
  "recommend", NULL,
};
static const char *const positive_hints[] = {
  "article", "content", "main", "post", "entry", "story", "body", "text",
  "blog", "abstract", "case", "findings", "discussion", NULL,
};

/* "ad" alone or as a word part ("ad-slot", "top_ad") but not "head" or
 * "download". */
static gboolean
has_ad_word (const char *hints)
{
  const char *p = hints;

  while ((p = strstr (p, "ad")) != NULL)
    {
      gboolean start = p == hints || !g_ascii_isalpha (p[-1]);
      gboolean end = !g_ascii_isalpha (p[2]) || g_str_has_prefix (p, "ads");

      if (start && end)
        return TRUE;
      p += 2;
    }
  return FALSE;
}

static char *
hints_of (xmlNode *node)
{
  xmlChar *klass = xmlGetNoNsProp (node, (const xmlChar *) "class");
  xmlChar *id = xmlGetNoNsProp (node, (const xmlChar *) "id");
  g_autofree char *joined = g_strconcat (klass != NULL ? (const char *) klass : "", " ",
                                         id != NULL ? (const char *) id : "", NULL);

  xmlFree (klass);
  xmlFree (id);
  return g_ascii_strdown (joined, -1);
}

static int
hint_weight (const char *hints)
{
  int weight = 0;

  for (guint i = 0; negative_hints[i] != NULL; i++)
    if (strstr (hints, negative_hints[i]) != NULL)
      {
        weight -= 25;
        break;
      }
  if (weight == 0 && has_ad_word (hints))
    weight -= 25;
  for (guint i = 0; positive_hints[i] != NULL; i++)
    if (strstr (hints, positive_hints[i]) != NULL)
      {
        weight += 25;
        break;
      }
  return weight;
}

static gboolean
looks_unlikely (xmlNode *node)
{
  static const char *const boiler_tags[] = { "nav", "aside", "footer", "form", NULL };
  g_autofree char *hints = NULL;

  if (name_in (node, boiler_tags))
    return TRUE;
  if (name_is (node, "body") || name_is (node, "html") || name_is (node, "article")
      || name_is (node, "main"))
    return FALSE;
  hints = hints_of (node);
  return hint_weight (hints) < 0;
}

static void
count_text (Info       *info,
            const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        continue;
      info->text_len++;
      if (*p == ',')
        info->commas++;
    }
}

/* Pass 1: one Info per element, totals bottom-up. */
static void
measure (xmlNode *root,
         GArray  *infos)
{
  xmlNode *cur = root;
  guint count = 0;

  /* first count elements so the array never moves under the pointers */
  for (xmlNode *n = root; n != NULL;)
    {
      if (n->type == XML_ELEMENT_NODE)
        count++;
      if (n->children != NULL && (n->type == XML_ELEMENT_NODE || n == root))
        n = n->children;
      else
        {
          while (n != root && n->next == NULL)
            n = n->parent;
          n = n == root ? NULL : n->next;
        }
    }
  g_array_set_size (infos, count);
  count = 0;

  while (cur != NULL)
    {
      Info *info = NULL;

      if (cur->type == XML_ELEMENT_NODE)
        {
          Info *parent = info_of (cur->parent);

          info = &g_array_index (infos, Info, count++);
          memset (info, 0, sizeof *info);
          info->node = cur;
          cur->_private = info;
          info->ignored = name_in (cur, ignored_tags) || (parent != NULL && parent->ignored);
          info->unlikely = (parent != NULL && parent->unlikely) || looks_unlikely (cur);
          if (parent != NULL && name_in (cur, block_tags))
            parent->has_block = TRUE;
        }
      else if (cur->type == XML_TEXT_NODE && cur->content != NULL)
        {
          Info *parent = info_of (cur->parent);

          if (parent != NULL && !parent->ignored)
            count_text (parent, (const char *) cur->content);
        }

      if (cur->children != NULL && (cur->type == XML_ELEMENT_NODE || cur == root))
        {
          cur = cur->children;
          continue;
        }
      /* leaving cur (and maybe ancestors): add totals into parents */
      for (;;)
        {
          Info *done = info_of (cur);
          Info *parent = cur != root ? info_of (cur->parent) : NULL;

          if (done != NULL && parent != NULL)
            {
              if (name_is (cur, "a"))
                done->link_len = done->text_len;
              parent->text_len += done->text_len;
              parent->link_len += done->link_len;
              parent->commas += done->commas;
            }
          if (cur == root)
            {
              cur = NULL;
              break;
            }
          if (cur->next != NULL)
            {
              cur = cur->next;
              break;
            }
          cur = cur->parent;
        }
    }
}

static double
link_density (const Info *info)
{
  return info->text_len == 0 ? 0.0 : (double) info->link_len / (double) info->text_len;
}

static void
init_candidate (Info *info)
{
  g_autofree char *hints = NULL;
  xmlNode *node = info->node;

  if (info->candidate)
    return;
  info->candidate = TRUE;
  if (name_is (node, "article") || name_is (node, "main"))
    info->score = 30;
  else if (name_is (node, "div") || name_is (node, "section"))
    info->score = 5;
  else if (name_is (node, "pre") || name_is (node, "td") || name_is (node, "blockquote"))
    info->score = 3;
  else if (name_is (node, "ol") || name_is (node, "ul") || name_is (node, "dl")
           || name_is (node, "li") || name_is (node, "form") || name_is (node, "address"))
    info->score = -3;
  else if (node->name != NULL && node->name[0] == 'h' && g_ascii_isdigit (node->name[1]))
    info->score = -5;
  hints = hints_of (node);
  info->score += hint_weight (hints);
}

static gboolean
is_paragraph_like (const Info *info)
{
  xmlNode *node = info->node;

  if (name_is (node, "p") || name_is (node, "pre") || name_is (node, "blockquote")
      || name_is (node, "td") || name_is (node, "li") || name_is (node, "figcaption"))
    return TRUE;
  /* text straight in a div or section, the way many CMSs write */
  return (name_is (node, "div") || name_is (node, "section")) && !info->has_block;
}

/* Pass 2: paragraphs give points to their parent, grandparent (half) and
 * great-grandparent (a third). */
static void
score (GArray *infos)
{
  for (guint i = 0; i < infos->len; i++)
    {
      Info *info = &g_array_index (infos, Info, i);
      xmlNode *ancestor = info->node->parent;
      double points;

      if (info->unlikely || info->ignored || !is_paragraph_like (info) || info->text_len < 25)
        continue;
      points = 1.0 + info->commas + MIN (info->text_len / 100, 3);
      for (guint level = 1; level <= 3 && ancestor != NULL; level++, ancestor = ancestor->parent)
        {
          Info *a = info_of (ancestor);

          if (a == NULL || a->unlikely)
            break;
          init_candidate (a);
          a->score += points / level;
        }
    }
}

static Info *
best_candidate (GArray *infos)
{
  Info *best = NULL;
  double best_score = 0;

  for (guint i = 0; i < infos->len; i++)
    {
      Info *info = &g_array_index (infos, Info, i);
      double final;

      if (!info->candidate)
        continue;
      final = info->score * (1.0 - link_density (info));
      info->score = final;
      if (best == NULL || final > best_score)
        {
          best = info;
          best_score = final;
        }
    }
  return best;
}

static gboolean
sentence_like (xmlNode *node)
{
  xmlChar *text = xmlNodeGetContent (node);
  gboolean ends = FALSE;

  if (text != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup ((const char *) text));
      gsize n = strlen (stripped);

      ends = n > 0 && (stripped[n - 1] == '.' || strstr (stripped, ". ") != NULL);
      xmlFree (text);
    }
  return ends;
}

/* The top candidate and those siblings that belong to the same text. */
static GPtrArray *
select_content (Info *top)
{
  GPtrArray *selected = g_ptr_array_new ();
  xmlNode *parent = top->node->parent;
  double threshold = MAX (10.0, top->score * 0.2);
  g_autofree char *top_class = NULL;

  if (parent == NULL || parent->type != XML_ELEMENT_NODE)
    {
      g_ptr_array_add (selected, top->node);
      return selected;
    }
  {
    xmlChar *klass = xmlGetNoNsProp (top->node, (const xmlChar *) "class");

    top_class = g_strdup ((const char *) klass);
    xmlFree (klass);
  }

  for (xmlNode *sibling = parent->children; sibling != NULL; sibling = sibling->next)
    {
      Info *info = info_of (sibling);
      gboolean keep = FALSE;

      if (info == NULL)
        continue;
      if (info == top)
        keep = TRUE;
      else if (!info->unlikely && !info->ignored)
        {
          double bonus = 0;
          xmlChar *klass = xmlGetNoNsProp (sibling, (const xmlChar *) "class");

          if (top_class != NULL && klass != NULL && *top_class != '\0'
              && strcmp (top_class, (const char *) klass) == 0)
            bonus = top->score * 0.2;
          xmlFree (klass);
          if (info->candidate && info->score + bonus >= threshold)
            keep = TRUE;
          else if (name_is (sibling, "p"))
            {
              double density = link_density (info);

              if (info->text_len > 80 && density < 0.25)
                keep = TRUE;
              else if (info->text_len > 0 && density == 0 && sentence_like (sibling))
                keep = TRUE;
            }
        }
      if (keep)
        g_ptr_array_add (selected, sibling);
    }
  return selected;
}

/* Inside the chosen content: drop boilerplate blocks and link lists. */
static gboolean
skip_boilerplate (xmlNode *element,
                  gpointer user_data)
{
  static const char *const list_tags[] = { "ul", "ol", "div", "section", "table", "p", NULL };
  Info *info = info_of (element);

  if (info == NULL)
    return FALSE;
  if (looks_unlikely (element))
    return TRUE;
  if (name_in (element, list_tags) && info->text_len < 500 && link_density (info) > 0.5)
    return TRUE;
  return FALSE;
}

/* ---- title ---- */

static char *
collapse (const char *text)
{
  g_auto(GStrv) words = NULL;
  char *joined;

  if (text == NULL)
    return NULL;
  words = g_strsplit_set (text, " \t\n\r\f", -1);
  {
    g_autoptr(GPtrArray) kept = g_ptr_array_new ();

    for (guint i = 0; words[i] != NULL; i++)
      if (*words[i] != '\0')
        g_ptr_array_add (kept, words[i]);
    g_ptr_array_add (kept, NULL);
    joined = g_strjoinv (" ", (char **) kept->pdata);
  }
  if (*joined == '\0' || !g_utf8_validate (joined, -1, NULL))
    g_clear_pointer (&joined, g_free);
  return joined;
}

static guint
count_words (const char *text)
{
  guint words = 1;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == ' ')
      words++;
  return words;
}

/* "Case 42: a knee | Radiology Cases" -> "Case 42: a knee", when what is
 * left is still a real title (four words or more). */
static char *
strip_site_name (char *title)
{
  static const char *const separators[] = { " | ", " – ", " — ", " - ", " :: ", " » ", NULL };

  for (guint i = 0; separators[i] != NULL; i++)
    {
      const char *sep = g_strrstr (title, separators[i]);

      if (sep != NULL)
        {
          g_autofree char *head = g_strndup (title, sep - title);

          if (count_words (head) >= 4)
            {
              g_free (title);
              return g_steal_pointer (&head);
            }
        }
    }
  return title;
}

static char *
find_title (xmlNode *root)
{
  g_autofree char *og = NULL;
  g_autofree char *title = NULL;
  g_autofree char *h1 = NULL;

  for (xmlNode *n = root; n != NULL;)
    {
      if (n->type == XML_ELEMENT_NODE)
        {
          if (og == NULL && name_is (n, "meta"))
            {
              xmlChar *property = xmlGetNoNsProp (n, (const xmlChar *) "property");
              xmlChar *name = xmlGetNoNsProp (n, (const xmlChar *) "name");

              if ((property != NULL && strcmp ((const char *) property, "og:title") == 0)
                  || (name != NULL && strcmp ((const char *) name, "og:title") == 0))
                {
                  xmlChar *content = xmlGetNoNsProp (n, (const xmlChar *) "content");

                  og = collapse ((const char *) content);
                  xmlFree (content);
                }
              xmlFree (property);
              xmlFree (name);
            }
          else if ((title == NULL && name_is (n, "title")) || (h1 == NULL && name_is (n, "h1")))
            {
              xmlChar *content = xmlNodeGetContent (n);
              char **slot = name_is (n, "title") ? &title : &h1;

              *slot = collapse ((const char *) content);
              xmlFree (content);
            }
        }
      if (n->children != NULL && (n->type == XML_ELEMENT_NODE || n == root))
        n = n->children;
      else
        {
          while (n != root && n->next == NULL)
            n = n->parent;
          n = n == root ? NULL : n->next;
        }
    }
  if (og != NULL)
    return g_steal_pointer (&og);
  if (title != NULL)
    return strip_site_name (g_steal_pointer (&title));
  return g_steal_pointer (&h1);
}

static xmlNode *
find_element (xmlNode    *root,
              const char *name)
{
  for (xmlNode *n = root; n != NULL;)
    {
      if (n->type == XML_ELEMENT_NODE && name_is (n, name))
        return n;
      if (n->children != NULL && (n->type == XML_ELEMENT_NODE || n == root))
        n = n->children;
      else
        {
          while (n != root && n->next == NULL)
            n = n->parent;
          n = n == root ? NULL : n->next;
        }
    }
  return NULL;
}

static gboolean
doc_has_text (RnHtmlDoc *doc)
{
  g_autofree char *text = rn_html_doc_to_text (doc);

  return text[0] != '\0';
}

gboolean
rn_html_extract_article (const char  *html,
                         gssize       len,
                         const char  *base_uri,
                         char       **out_title,
                         RnHtmlDoc  **out_doc,
                         GError     **error)
{
  gboolean truncated = FALSE;
  htmlDocPtr xdoc;
  xmlNode *root;
  g_autoptr(GArray) infos = g_array_new (FALSE, TRUE, sizeof (Info));
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(RnHtmlDoc) doc = NULL;
  g_autofree char *title = NULL;
  Info *top;

  g_return_val_if_fail (out_doc != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  xdoc = rn_html_parse_libxml (html, len, 0, &truncated);
  root = (xmlNode *) xdoc;
  title = find_title (root);

  measure (root, infos);
  score (infos);
  top = best_candidate (infos);
  if (top != NULL)
    selected = select_content (top);
  else
    {
      /* no scored paragraphs: fall back on the page's own markers */
      xmlNode *fallback = find_element (root, "article");

      if (fallback == NULL)
        fallback = find_element (root, "main");
      if (fallback == NULL)
        fallback = find_element (root, "body");
      selected = g_ptr_array_new ();
      if (fallback != NULL)
        g_ptr_array_add (selected, fallback);
    }

  if (selected->len > 0)
    doc = rn_html_doc_build ((xmlNode **) selected->pdata, selected->len, base_uri, NULL,
                             truncated, skip_boilerplate, NULL);
  xmlFreeDoc (xdoc);

  if (doc == NULL || !doc_has_text (doc))
    {
      g_set_error (error, RN_HTML_ERROR, RN_HTML_ERROR_NO_CONTENT,
                   _("No readable text was found on the page"));
      return FALSE;
    }
  if (out_title != NULL)
    *out_title = g_steal_pointer (&title);
  *out_doc = g_steal_pointer (&doc);
  return TRUE;
}
