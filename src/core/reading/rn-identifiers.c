#define G_LOG_DOMAIN "rn-reading"

#include "config.h"

#include <string.h>

#include "rn-identifiers.h"

struct _RnIdentifiers
{
  gatomicrefcount  ref_count;
  GPtrArray       *dois;          /* char *, NULL-terminated */
  char            *pmid;
  char            *pmcid;
  char            *arxiv;
  char            *preprint;
  const char      *preprint_server;
};

G_DEFINE_BOXED_TYPE (RnIdentifiers, rn_identifiers, rn_identifiers_ref, rn_identifiers_unref)

/* The regexes run in RAW mode: input is untrusted and may not be UTF-8;
 * every identifier we look for is ASCII. */
typedef enum
{
  RX_DOI_FREE,
  RX_DOI_PREFIXED,
  RX_DOI_ANCHORED,
  RX_PREPRINT_DOI,
  RX_PREPRINT_LINK,
  RX_PMID,
  RX_PMCID,
  RX_ARXIV,
  N_RX
} Rx;

static const struct
{
  const char         *pattern;
  GRegexCompileFlags  flags;
} rx_defs[N_RX] = {
  /* Crossref's recommended pattern, not glued to a preceding word. */
  [RX_DOI_FREE] = { "(?<![A-Za-z0-9])10\\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]+", 0 },
  /* Links and prefixes whose DOI may be percent-encoded. */
  [RX_DOI_PREFIXED] = { "(?:doi\\.org/|info:doi/|doi:[ \\t]?)(10(?:\\.|%2e)[^\\s\"'<>&]+)", G_REGEX_CASELESS },
  [RX_DOI_ANCHORED] = { "^10\\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]+", 0 },
  /* medRxiv/bioRxiv DOIs: dated (2019-) or six-digit (earlier) suffixes;
   * anything after (version, ".full.pdf") belongs to the web page. */
  [RX_PREPRINT_DOI] = { "^10\\.1101/([0-9]{4}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{6,10}|[0-9]{6})(?![0-9])", 0 },
  [RX_PREPRINT_LINK] = { "(medrxiv|biorxiv)\\.org/content/(?:early/[0-9/]+/)?10\\.1101/", G_REGEX_CASELESS },
  [RX_PMID] = { "(?:pubmed\\.ncbi\\.nlm\\.nih\\.gov/|ncbi\\.nlm\\.nih\\.gov/pubmed/|(?<![A-Za-z0-9])PMID:?[ \\t]{0,3})([0-9]{1,8})(?![0-9])", G_REGEX_CASELESS },
  [RX_PMCID] = { "(?<![A-Za-z0-9])(PMC[0-9]{3,9})(?![0-9])", 0 },
  /* New (YYMM.NNNNN) and old (archive/YYMMNNN) arXiv ids, only where the
   * context says arXiv: a bare "2301.01234" is just a number. */
  [RX_ARXIV] = { "(?:arxiv\\.org/(?:abs|pdf)/|(?<![A-Za-z0-9])arxiv:[ \\t]?|10\\.48550/arxiv\\.)"
                 "([0-9]{2}(?:0[1-9]|1[0-2])\\.[0-9]{4,5}|[a-z]+(?:-[a-z]+)?(?:\\.[a-z]{2})?/[0-9]{2}(?:0[1-9]|1[0-2])[0-9]{3})"
                 "(v[0-9]{1,3})?(?![0-9])", G_REGEX_CASELESS },
};

static GRegex *
get_rx (Rx which)
{
  static GRegex *compiled[N_RX];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < N_RX; i++)
        {
          g_autoptr(GError) error = NULL;

          compiled[i] = g_regex_new (rx_defs[i].pattern,
                                     rx_defs[i].flags | G_REGEX_RAW | G_REGEX_OPTIMIZE,
                                     0, &error);
          g_assert_no_error (error);
        }
      g_once_init_leave (&initialized, 1);
    }
  return compiled[which];
}

static guint
count_char (const char *s,
            gsize       len,
            char        c)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    n += s[i] == c;
  return n;
}

/* Drops what sentences and markup glue to the end of a DOI: final stops
 * and commas always, a closing parenthesis only when it has no partner
 * inside the DOI ("(see 10.1000/x)" vs "10.1002/(SICI)…"). */
static gsize
trim_doi (const char *doi,
          gsize       len)
{
  while (len > 0)
    {
      char last = doi[len - 1];

      if (last == '.' || last == ',' || last == ';' || last == ':')
        len--;
      else if (last == ')' && count_char (doi, len, '(') < count_char (doi, len, ')'))
        len--;
      else
        break;
    }
  return len;
}

/* @candidate starts with a DOI; returns it normalised or NULL. */
static char *
finish_doi (const char *candidate,
            gsize       len)
{
  g_autofree char *doi = NULL;
  g_autoptr(GMatchInfo) preprint = NULL;
  const char *slash;

  len = trim_doi (candidate, len);
  slash = memchr (candidate, '/', len);
  if (slash == NULL || (gsize) (slash - candidate) + 1 >= len)
    return NULL;
  doi = g_ascii_strdown (candidate, len);

  /* A preprint link carries the version and format after the DOI. */
  if (g_regex_match (get_rx (RX_PREPRINT_DOI), doi, 0, &preprint))
    {
      int end;

      g_match_info_fetch_pos (preprint, 0, NULL, &end);
      doi[end] = '\0';
    }
  return g_steal_pointer (&doi);
}

typedef struct
{
  gsize  pos;
  char  *doi;
} Found;

static int
found_compare (gconstpointer a,
               gconstpointer b)
{
  const Found *fa = a, *fb = b;

  return (fa->pos > fb->pos) - (fa->pos < fb->pos);
}

/* All DOIs of @text in order of appearance. */
static void
scan_dois (const char *text,
           gsize       len,
           GPtrArray  *out)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  g_autoptr(GMatchInfo) match = NULL;
  /* Where the prefixed pass found a DOI: the free pass must not add a
   * second, truncated copy of a percent-encoded one. */
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (int));

  g_regex_match_full (get_rx (RX_DOI_PREFIXED), text, len, 0, 0, &match, NULL);
  while (g_match_info_matches (match) && found->len < RN_IDENTIFIERS_MAX_DOIS * 2)
    {
      int start, end;
      g_autofree char *raw = NULL;
      g_autofree char *decoded = NULL;
      g_autoptr(GMatchInfo) anchored = NULL;

      g_match_info_fetch_pos (match, 1, &start, &end);
      g_array_append_val (spans, start);
      g_array_append_val (spans, end);
      raw = g_strndup (text + start, end - start);
      decoded = g_uri_unescape_string (raw, NULL);
      if (decoded != NULL &&
          g_regex_match (get_rx (RX_DOI_ANCHORED), decoded, 0, &anchored))
        {
          int aend;
          Found f;

          g_match_info_fetch_pos (anchored, 0, NULL, &aend);
          f.pos = start;
          f.doi = finish_doi (decoded, aend);
          if (f.doi != NULL)
            g_array_append_val (found, f);
        }
      g_match_info_next (match, NULL);
    }
  g_clear_pointer (&match, g_match_info_unref);

  g_regex_match_full (get_rx (RX_DOI_FREE), text, len, 0, 0, &match, NULL);
  while (g_match_info_matches (match) && found->len < RN_IDENTIFIERS_MAX_DOIS * 4)
    {
      int start, end;
      gboolean covered = FALSE;
      Found f;

      g_match_info_fetch_pos (match, 0, &start, &end);
      for (guint i = 0; i + 1 < spans->len && !covered; i += 2)
        covered = start >= g_array_index (spans, int, i) && start < g_array_index (spans, int, i + 1);
      if (covered)
        {
          g_match_info_next (match, NULL);
          continue;
        }
      f.pos = start;
      f.doi = finish_doi (text + start, end - start);
      if (f.doi != NULL)
        g_array_append_val (found, f);
      g_match_info_next (match, NULL);
    }

  g_array_sort (found, found_compare);
  for (guint i = 0; i < found->len; i++)
    {
      Found *f = &g_array_index (found, Found, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < out->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (out, j), f->doi);
      if (!seen && out->len < RN_IDENTIFIERS_MAX_DOIS)
        g_ptr_array_add (out, g_steal_pointer (&f->doi));
      g_free (f->doi);
    }
}

static char *
scan_group (Rx          which,
            const char *text,
            gsize       len,
            int         group)
{
  g_autoptr(GMatchInfo) match = NULL;
  int start, end;

  if (!g_regex_match_full (get_rx (which), text, len, 0, 0, &match, NULL))
    return NULL;
  if (!g_match_info_fetch_pos (match, group, &start, &end) || start < 0)
    return NULL;
  return g_strndup (text + start, end - start);
}

static char *
scan_arxiv (const char *text,
            gsize       len)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *id = NULL;
  g_autofree char *version = NULL;

  if (!g_regex_match_full (get_rx (RX_ARXIV), text, len, 0, 0, &match, NULL))
    return NULL;
  id = g_match_info_fetch (match, 1);
  version = g_match_info_fetch (match, 2);
  /* Old-style archive names are lower case; new ids are digits. */
  {
    g_autofree char *lower = g_ascii_strdown (id, -1);
    char *slash = strchr (lower, '/');
    char *dot = slash != NULL ? memchr (lower, '.', slash - lower) : NULL;

    /* The subject class of old ids is upper case: "math.AG/0211159". */
    if (dot != NULL)
      for (char *p = dot + 1; p < slash; p++)
        *p = g_ascii_toupper (*p);
    return g_strconcat (lower, version != NULL ? version : "", NULL);
  }
}

static const char *
scan_preprint_server (const char *text,
                      gsize       len)
{
  g_autofree char *host = scan_group (RX_PREPRINT_LINK, text, len, 1);

  if (host == NULL)
    return NULL;
  return g_ascii_strcasecmp (host, "medrxiv") == 0 ? "medRxiv" : "bioRxiv";
}

static void
scan_one (RnIdentifiers *self,
          const char    *text)
{
  gsize len;

  if (text == NULL || *text == '\0')
    return;
  len = strnlen (text, RN_IDENTIFIERS_MAX_INPUT);

  g_ptr_array_remove_index (self->dois, self->dois->len - 1);  /* the NULL */
  scan_dois (text, len, self->dois);
  g_ptr_array_add (self->dois, NULL);

  if (self->pmid == NULL)
    self->pmid = scan_group (RX_PMID, text, len, 1);
  if (self->pmcid == NULL)
    self->pmcid = scan_group (RX_PMCID, text, len, 1);
  if (self->arxiv == NULL)
    self->arxiv = scan_arxiv (text, len);
  if (self->preprint_server == NULL)
    self->preprint_server = scan_preprint_server (text, len);
}

RnIdentifiers *
rn_identifiers_find (const char *text_or_html,
                     const char *link,
                     const char *doi_hint)
{
  RnIdentifiers *self = g_new0 (RnIdentifiers, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->dois = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->dois, NULL);

  scan_one (self, doi_hint);
  scan_one (self, link);
  scan_one (self, text_or_html);

  for (guint i = 0; i + 1 < self->dois->len; i++)
    {
      const char *doi = g_ptr_array_index (self->dois, i);

      if (g_regex_match (get_rx (RX_PREPRINT_DOI), doi, 0, NULL))
        {
          self->preprint = g_strdup (doi);
          break;
        }
      /* arXiv registers DOIs of its own for every paper. */
      if (self->arxiv == NULL && g_str_has_prefix (doi, "10.48550/arxiv."))
        self->arxiv = g_strdup (doi + strlen ("10.48550/arxiv."));
    }
  if (self->preprint == NULL)
    self->preprint_server = NULL;
  return self;
}

RnIdentifiers *
rn_identifiers_ref (RnIdentifiers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rn_identifiers_unref (RnIdentifiers *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->dois);
  g_free (self->pmid);
  g_free (self->pmcid);
  g_free (self->arxiv);
  g_free (self->preprint);
  g_free (self);
}

gboolean
rn_identifiers_is_empty (RnIdentifiers *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->dois->len == 1 && self->pmid == NULL && self->pmcid == NULL &&
         self->arxiv == NULL;
}

const char *
rn_identifiers_get_doi (RnIdentifiers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_ptr_array_index (self->dois, 0);
}

const char * const *
rn_identifiers_get_dois (RnIdentifiers *self,
                         guint         *n_dois)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_dois != NULL)
    *n_dois = self->dois->len - 1;
  return (const char * const *) self->dois->pdata;
}

const char *
rn_identifiers_get_pmid (RnIdentifiers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->pmid;
}

const char *
rn_identifiers_get_pmcid (RnIdentifiers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->pmcid;
}

const char *
rn_identifiers_get_arxiv (RnIdentifiers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->arxiv;
}

const char *
rn_identifiers_get_preprint (RnIdentifiers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->preprint;
}

const char *
rn_identifiers_get_preprint_server (RnIdentifiers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->preprint_server;
}

char *
rn_identifiers_normalize_doi (const char *text)
{
  g_autoptr(GPtrArray) dois = NULL;
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strndup (text, strnlen (text, 4096)));
  dois = g_ptr_array_new_with_free_func (g_free);
  scan_dois (stripped, strlen (stripped), dois);
  if (dois->len == 0)
    return NULL;
  return g_strdup (g_ptr_array_index (dois, 0));
}
