#include "config.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>

#include "reading/rn-export.h"
#include "rn-test-util.h"

/* --- the reading list under test ----------------------------------------- */

static RnReference *
article (void)
{
  RnReference *ref = rn_reference_new ("article-journal");

  rn_reference_set (ref, RN_REF_TITLE, "Deep learning & the {50%} $cost# of CT_scans ~ ^ \\ revisited");
  rn_reference_set (ref, RN_REF_CONTAINER_TITLE, "Radiology");
  rn_reference_set (ref, RN_REF_CONTAINER_TITLE_SHORT, "Radiology");
  rn_reference_set (ref, RN_REF_VOLUME, "306");
  rn_reference_set (ref, RN_REF_ISSUE, "3");
  rn_reference_set (ref, RN_REF_PAGE, "1234-56");
  rn_reference_set (ref, RN_REF_DOI, "10.5555/radiol_2023.221045");
  rn_reference_set (ref, RN_REF_PMID, "36719287");
  rn_reference_set (ref, RN_REF_URL, "https://pubs.example.org/doi/10.5555/radiol_2023.221045?a=1&b={2}");
  rn_reference_set (ref, RN_REF_ABSTRACT, "Background: noise.\n\nResults: less noise.");
  rn_reference_set (ref, RN_REF_ISSN, "0033-8419");
  rn_reference_add_author (ref, "Müller", "Anna");
  rn_reference_add_author (ref, "O'Brien", "Seán");
  rn_reference_add_author_literal (ref, "Lung Screening Consortium");
  rn_reference_set_issued (ref, 2023, 3, 14);
  return ref;
}

static RnReference *
retracted (void)
{
  RnReference *ref = rn_reference_new ("article-journal");

  rn_reference_set (ref, RN_REF_TITLE, "Whole-body MRI predicts survival in every cancer");
  rn_reference_set (ref, RN_REF_CONTAINER_TITLE, "European Journal of Example Radiology");
  rn_reference_set (ref, RN_REF_VOLUME, "12");
  rn_reference_set (ref, RN_REF_PAGE, "301–309");
  rn_reference_set (ref, RN_REF_DOI, "10.5555/ejer.2019.0412");
  rn_reference_add_author (ref, "Smith", "John");
  rn_reference_set_issued (ref, 2021, 0, 0);
  rn_reference_set_notice (ref, RN_NOTICE_RETRACTION, "10.5555/ejer.2021.0031",
                           "https://doi.org/10.5555/ejer.2021.0031", "2021-03-02");
  return ref;
}

static RnReference *
same_key (void)
{
  RnReference *ref = rn_reference_new ("article-journal");

  rn_reference_set (ref, RN_REF_TITLE, "The whole truth about MRI");
  rn_reference_set (ref, RN_REF_CONTAINER_TITLE, "Example Radiology Letters");
  rn_reference_add_author (ref, "Smith", "Jane");
  rn_reference_set_issued (ref, 2021, 5, 0);
  return ref;
}

static RnReference *
preprint (void)
{
  RnReference *ref = rn_reference_new ("article");

  rn_reference_set (ref, RN_REF_TITLE, "Photon-counting CT angiography of calcified coronary arteries");
  rn_reference_set (ref, RN_REF_CONTAINER_TITLE, "medRxiv");
  rn_reference_set (ref, RN_REF_DOI, "10.1101/2023.06.12.23291234");
  rn_reference_set (ref, RN_REF_GENRE, "preprint");
  rn_reference_add_author (ref, "Novák", "Tomáš");
  rn_reference_set_issued (ref, 2023, 6, 14);
  return ref;
}

static RnReference *
podcast (void)
{
  RnReference *ref = rn_reference_new ("broadcast");

  rn_reference_set (ref, RN_REF_TITLE, "Episode 42: Incidental adrenal nodules");
  rn_reference_set (ref, RN_REF_CONTAINER_TITLE, "The Reading Room Podcast");
  rn_reference_set (ref, RN_REF_GENRE, "Podcast episode");
  rn_reference_set (ref, RN_REF_URL, "https://podcast.example.org/42");
  rn_reference_add_author (ref, "Okafor", "Chidi");
  rn_reference_set_issued (ref, 2024, 1, 9);
  return ref;
}

static RnReference *
chapter (void)
{
  RnReference *ref = rn_reference_new ("chapter");

  rn_reference_set (ref, RN_REF_TITLE, "Imaging of acute stroke");
  rn_reference_set (ref, RN_REF_CONTAINER_TITLE, "Emergency Neuroradiology");
  rn_reference_set (ref, RN_REF_PUBLISHER, "Example Academic Publishing");
  rn_reference_set (ref, RN_REF_PAGE, "145-172");
  rn_reference_add_author (ref, "Lindqvist", "Karin");
  rn_reference_set_issued (ref, 2022, 0, 0);
  return ref;
}

static RnReference *
webpage (void)
{
  RnReference *ref = rn_reference_new ("webpage");

  rn_reference_set (ref, RN_REF_TITLE, "Case: <script>alert(1)</script> \"Bosniak\" cyst");
  rn_reference_set (ref, RN_REF_CONTAINER_TITLE, "Radiopaedia");
  rn_reference_set (ref, RN_REF_URL, "javascript:alert(1)");
  return ref;
}

static GPtrArray *
entries_new (void)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_export_entry_free);
  const char *tags1[] = { "lung", "AI & CT", NULL };
  const char *tags2[] = { "journal club", NULL };
  RnReference *refs[] = { article (), retracted (), same_key (), preprint (), podcast (), chapter (), webpage () };

  g_ptr_array_add (entries, rn_export_entry_new (refs[0], "Good methods.\nSmall n <30>.", tags1, 1700000000, NULL));
  g_ptr_array_add (entries, rn_export_entry_new (refs[1], NULL, tags2, G_MININT64, NULL));
  g_ptr_array_add (entries, rn_export_entry_new (refs[2], NULL, NULL, G_MININT64,
                                                 "<p>The <b>truth</b> &amp; nothing but.</p><script>x()</script>"));
  g_ptr_array_add (entries, rn_export_entry_new (refs[3], "Preprint: wait for peer review", NULL, G_MININT64, NULL));
  g_ptr_array_add (entries, rn_export_entry_new (refs[4], NULL, NULL, G_MININT64, NULL));
  g_ptr_array_add (entries, rn_export_entry_new (refs[5], NULL, NULL, G_MININT64, NULL));
  g_ptr_array_add (entries, rn_export_entry_new (refs[6], "# not a heading *nor* [link](x)", NULL, G_MININT64, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    g_object_unref (refs[i]);
  return entries;
}

/* --- running the real consumers ------------------------------------------ */

static gboolean
run (const char * const *argv,
     const char         *cwd,
     char              **out,
     char              **err)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (cwd, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* --- keys ---------------------------------------------------------------- */

static void
test_keys (void)
{
  g_autoptr(GPtrArray) entries = entries_new ();
  g_auto(GStrv) keys = rn_export_citation_keys (entries);
  g_auto(GStrv) again = rn_export_citation_keys (entries);

  g_assert_cmpuint (g_strv_length (keys), ==, 7);
  g_assert_cmpstr (keys[0], ==, "muller2023deep");
  g_assert_cmpstr (keys[1], ==, "smith2021whole");
  g_assert_cmpstr (keys[2], ==, "smith2021wholea");
  g_assert_cmpstr (keys[3], ==, "novak2023photon");
  g_assert_cmpstr (keys[4], ==, "okafor2024episode");
  g_assert_cmpstr (keys[5], ==, "lindqvist2022imaging");
  g_assert_cmpstr (keys[6], ==, "anoncase");
  g_assert_true (g_strv_equal ((const char * const *) keys, (const char * const *) again));
}

static void
test_key_collisions (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_export_entry_free);
  g_auto(GStrv) keys = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(RnReference) ref = rn_reference_new (NULL);

      rn_reference_add_author (ref, "Øster", "P");
      rn_reference_set (ref, RN_REF_TITLE, "A study of the knee");
      rn_reference_set_issued (ref, 2020, 1, 1);
      g_ptr_array_add (entries, rn_export_entry_new (ref, NULL, NULL, G_MININT64, NULL));
    }
  keys = rn_export_citation_keys (entries);
  g_assert_cmpstr (keys[0], ==, "oester2020study");
  g_assert_cmpstr (keys[1], ==, "oester2020studya");
  g_assert_cmpstr (keys[2], ==, "oester2020studyb");
  g_assert_cmpstr (keys[26], ==, "oester2020studyz");
  g_assert_cmpstr (keys[27], ==, "oester2020studyaa");
  for (guint i = 0; keys[i] != NULL; i++)
    for (guint j = i + 1; keys[j] != NULL; j++)
      g_assert_cmpstr (keys[i], !=, keys[j]);
}

/* --- BibTeX --------------------------------------------------------------- */

static void
test_bibtex_text (void)
{
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autofree char *bib = rn_export_bibtex (entries);

  g_assert_nonnull (strstr (bib, "@article{muller2023deep,\n"));
  g_assert_nonnull (strstr (bib, "author = {Müller, Anna and O'Brien, Seán and {Lung Screening Consortium}}"));
  g_assert_nonnull (strstr (bib, "title = {Deep learning \\& the \\textbraceleft{}50\\%\\textbraceright{} "
                                 "\\$cost\\# of CT\\_scans \\textasciitilde{} \\textasciicircum{} \\textbackslash{} revisited}"));
  g_assert_nonnull (strstr (bib, "pages = {1234--1256}"));
  g_assert_nonnull (strstr (bib, "pages = {301--309}"));
  g_assert_nonnull (strstr (bib, "doi = {10.5555/radiol_2023.221045}"));
  g_assert_nonnull (strstr (bib, "url = {https://pubs.example.org/doi/10.5555/radiol_2023.221045?a=1&b=%7B2%7D}"));
  g_assert_nonnull (strstr (bib, "keywords = {lung, AI \\& CT}"));
  g_assert_nonnull (strstr (bib, "note = {Retracted: doi:10.5555/ejer.2021.0031}"));
  g_assert_nonnull (strstr (bib, "@misc{novak2023photon,"));
  g_assert_nonnull (strstr (bib, "howpublished = {medRxiv}"));
  g_assert_nonnull (strstr (bib, "@incollection{lindqvist2022imaging,"));
  g_assert_nonnull (strstr (bib, "booktitle = {Emergency Neuroradiology}"));
  g_assert_nonnull (strstr (bib, "date = {2023-03-14}"));
  /* Braces balance in every entry: what BibTeX checks first. */
  {
    int depth = 0;

    for (const char *p = bib; *p != '\0'; p++)
      {
        depth += *p == '{';
        depth -= *p == '}';
        g_assert_cmpint (depth, >=, 0);
      }
    g_assert_cmpint (depth, ==, 0);
  }
}

static void
test_bibtex_bibtool (void)
{
  g_autofree char *bibtool = g_find_program_in_path ("bibtool");
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *bib = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (bibtool == NULL)
    {
      g_test_skip ("bibtool is not installed");
      return;
    }
  entries = entries_new ();
  bib = rn_export_bibtex (entries);
  dir = rn_test_mkdtemp ();
  path = write_temp (dir, "refs.bib", bib);
  {
    const char *argv[] = { bibtool, "-q", "-r", "biblatex", path, NULL };

    if (!run (argv, dir, &out, &err))
      g_error ("bibtool failed: %s", err);
  }
  g_assert_cmpstr (err, ==, "");
  /* bibtool re-emits every entry with its key. */
  g_assert_nonnull (strstr (out, "muller2023deep"));
  g_assert_nonnull (strstr (out, "smith2021wholea,"));
  g_assert_nonnull (strstr (out, "anoncase"));
  rn_test_rmdir (dir);
}

static char *
find_python_with_bibtexparser (void)
{
  const char *candidates[] = { "python3", "/usr/bin/python3", NULL };

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      g_autofree char *python = g_find_program_in_path (candidates[i]);
      const char *argv[] = { python, "-c", "import bibtexparser", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      if (python != NULL && run (argv, NULL, &out, &err))
        return g_steal_pointer (&python);
    }
  return NULL;
}

static void
test_bibtex_bibtexparser (void)
{
  static const char script[] =
    "import json, sys, bibtexparser\n"
    "from bibtexparser.bparser import BibTexParser\n"
    "parser = BibTexParser(common_strings=True)\n"
    "parser.ignore_nonstandard_types = False\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    db = bibtexparser.load(f, parser=parser)\n"
    "print(json.dumps(db.entries))\n";
  g_autofree char *python = find_python_with_bibtexparser ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bib = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *script_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *parsed;
  JsonObject *first, *second;

  if (python == NULL)
    {
      g_test_skip ("python3 with bibtexparser is not installed");
      return;
    }
  entries = entries_new ();
  bib = rn_export_bibtex (entries);
  dir = rn_test_mkdtemp ();
  path = write_temp (dir, "refs.bib", bib);
  script_path = write_temp (dir, "check.py", script);
  {
    const char *argv[] = { python, script_path, path, NULL };

    if (!run (argv, dir, &out, &err))
      g_error ("bibtexparser failed: %s", err);
  }
  parser = json_parser_new ();
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  parsed = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (parsed), ==, 7);
  first = json_array_get_object_element (parsed, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "ID"), ==, "muller2023deep");
  g_assert_cmpstr (json_object_get_string_member (first, "ENTRYTYPE"), ==, "article");
  g_assert_cmpstr (json_object_get_string_member (first, "journal"), ==, "Radiology");
  g_assert_cmpstr (json_object_get_string_member (first, "year"), ==, "2023");
  g_assert_cmpstr (json_object_get_string_member (first, "volume"), ==, "306");
  g_assert_cmpstr (json_object_get_string_member (first, "pages"), ==, "1234--1256");
  g_assert_cmpstr (json_object_get_string_member (first, "doi"), ==, "10.5555/radiol_2023.221045");
  g_assert_cmpstr (json_object_get_string_member (first, "author"), ==,
                   "Müller, Anna and O'Brien, Seán and {Lung Screening Consortium}");
  second = json_array_get_object_element (parsed, 2);
  g_assert_cmpstr (json_object_get_string_member (second, "ID"), ==, "smith2021wholea");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (parsed, 5), "ENTRYTYPE"), ==,
                   "incollection");
  rn_test_rmdir (dir);
}

/* --- RIS ------------------------------------------------------------------ */

/* What a strict RIS reader insists on. */
static void
check_ris (const char *ris,
           guint       expected_records)
{
  g_auto(GStrv) lines = NULL;
  gboolean in_record = FALSE;
  guint records = 0;
  g_autoptr(GRegex) tag_line = g_regex_new ("^[A-Z][A-Z0-9]  - ", 0, 0, NULL);

  g_assert_true (g_utf8_validate (ris, -1, NULL));
  /* Every line ends in CR LF; no bare CR or LF anywhere. */
  for (const char *p = ris; *p != '\0'; p++)
    {
      if (*p == '\r')
        g_assert_cmpint (p[1], ==, '\n');
      if (*p == '\n')
        g_assert_true (p > ris && p[-1] == '\r');
    }
  lines = g_strsplit (ris, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (*line == '\0')
        {
          g_assert_false (in_record);
          continue;
        }
      g_assert_true (g_regex_match (tag_line, line, 0, NULL));
      if (g_str_has_prefix (line, "TY  - "))
        {
          g_assert_false (in_record);
          g_assert_cmpuint (strlen (line), >, 6);
          in_record = TRUE;
          records++;
        }
      else if (g_str_has_prefix (line, "ER  - "))
        {
          g_assert_true (in_record);
          g_assert_cmpstr (line, ==, "ER  - ");
          in_record = FALSE;
        }
      else
        {
          g_assert_true (in_record);
          /* every value is non-empty */
          g_assert_cmpuint (strlen (line), >, 6);
        }
    }
  g_assert_false (in_record);
  g_assert_cmpuint (records, ==, expected_records);
}

static void
test_ris (void)
{
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autofree char *ris = rn_export_ris (entries);

  check_ris (ris, 7);
  g_assert_true (g_str_has_prefix (ris, "TY  - JOUR\r\nAU  - Müller, Anna\r\nAU  - O'Brien, Seán\r\n"
                                        "AU  - Lung Screening Consortium\r\nTI  - Deep learning"));
  g_assert_nonnull (strstr (ris, "T2  - Radiology\r\n"));
  g_assert_nonnull (strstr (ris, "PY  - 2023\r\nDA  - 2023/03/14/\r\n"));
  g_assert_nonnull (strstr (ris, "SP  - 1234\r\nEP  - 1256\r\n"));
  g_assert_nonnull (strstr (ris, "DO  - 10.5555/radiol_2023.221045\r\n"));
  g_assert_nonnull (strstr (ris, "AB  - Background: noise. Results: less noise.\r\n"));
  g_assert_nonnull (strstr (ris, "KW  - lung\r\nKW  - AI & CT\r\n"));
  g_assert_nonnull (strstr (ris, "N1  - Good methods. Small n <30>.\r\n"));
  g_assert_nonnull (strstr (ris, "N1  - Retracted: doi:10.5555/ejer.2021.0031\r\n"));
  g_assert_nonnull (strstr (ris, "TY  - UNPB\r\n"));
  g_assert_nonnull (strstr (ris, "TY  - SOUND\r\n"));
  g_assert_nonnull (strstr (ris, "TY  - CHAP\r\n"));
  g_assert_nonnull (strstr (ris, "TY  - ELEC\r\n"));
  g_assert_nonnull (strstr (ris, "PY  - 2021\r\nDA  - 2021///\r\n"));
}

/* --- CSL-JSON ----------------------------------------------------------- */

static void
test_csl_json (void)
{
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autofree char *json = rn_export_csl_json (entries);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *first;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 7);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "muller2023deep");
  g_assert_cmpstr (json_object_get_string_member (first, "keyword"), ==, "lung, AI & CT");
  g_assert_false (json_object_has_member (json_array_get_object_element (array, 1), "custom"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "id"), ==,
                   "smith2021wholea");
}

static void
test_csl_json_pandoc (void)
{
  g_autofree char *pandoc = g_find_program_in_path ("pandoc");
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *json = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *bib = NULL;
  g_autofree char *md = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (pandoc == NULL)
    {
      g_test_skip ("pandoc is not installed");
      return;
    }
  entries = entries_new ();
  json = rn_export_csl_json (entries);
  dir = rn_test_mkdtemp ();
  bib = write_temp (dir, "refs.json", json);
  md = write_temp (dir, "paper.md",
                   "As shown [@muller2023deep; @smith2021whole], and [@novak2023photon].\n"
                   "Also @lindqvist2022imaging and [@okafor2024episode].\n");
  {
    const char *argv[] = { pandoc, "--citeproc", "--bibliography", bib, "-t", "plain",
                           "--wrap=none", md, NULL };

    if (!run (argv, dir, &out, &err))
      g_error ("pandoc failed: %s", err);
  }
  /* No "citation not found" warnings: every key resolved. */
  g_assert_null (strstr (err, "not found"));
  /* The default style (Chicago author-date) formats them. */
  g_assert_nonnull (strstr (out, "Müller"));
  g_assert_nonnull (strstr (out, "2023"));
  g_assert_nonnull (strstr (out, "Radiology 306 (3): 1234"));
  g_assert_nonnull (strstr (out, "Whole-Body MRI Predicts Survival in Every Cancer"));
  g_assert_nonnull (strstr (out, "Emergency Neuroradiology"));
  g_assert_nonnull (strstr (out, "https://doi.org/10.5555/radiol_2023.221045"));
  rn_test_rmdir (dir);
}

/* --- digests ------------------------------------------------------------ */

static void
test_digest_markdown (void)
{
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autofree char *md = rn_export_digest_markdown (entries, "Journal club – March");

  g_assert_true (g_str_has_prefix (md, "# Journal club – March\n\n## 1. Deep learning \\& the {50%} $cost\\# of CT\\_scans \\~ \\^ \\\\ revisited\n\n"));
  g_assert_nonnull (strstr (md, "Müller A, O'Brien S, Lung Screening Consortium.  \n*Radiology*. 2023;306(3):1234-56.  \n"));
  g_assert_nonnull (strstr (md, "DOI: [10.5555/radiol\\_2023.221045](<https://doi.org/10.5555/radiol_2023.221045>)"));
  g_assert_nonnull (strstr (md, "> Good methods.\n> Small n \\<30\\>.\n"));
  g_assert_nonnull (strstr (md, "Tags: `lung`, `AI & CT`"));
  g_assert_nonnull (strstr (md, "**Retracted** (notice: [10.5555/ejer.2021.0031](<https://doi.org/10.5555/ejer.2021.0031>))"));
  /* The item's own text, scripts left out, as an excerpt. */
  g_assert_nonnull (strstr (md, "The truth \\& nothing but."));
  g_assert_null (strstr (md, "x()"));
  g_assert_nonnull (strstr (md, "> \\# not a heading \\*nor\\* \\[link\\](x)"));
  g_assert_null (strstr (md, "javascript:"));
}

static void
test_digest_markdown_pandoc (void)
{
  g_autofree char *pandoc = g_find_program_in_path ("pandoc");
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *md = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (pandoc == NULL)
    {
      g_test_skip ("pandoc is not installed");
      return;
    }
  entries = entries_new ();
  md = rn_export_digest_markdown (entries, NULL);
  dir = rn_test_mkdtemp ();
  path = write_temp (dir, "digest.md", md);
  {
    const char *argv[] = { pandoc, "-f", "commonmark", "-t", "html", "--wrap=none", path, NULL };

    g_assert_true (run (argv, dir, &out, &err));
  }
  /* Escapes come back as the literal text, never as markup. */
  g_assert_nonnull (strstr (out, "<h2>1. Deep learning &amp; the {50%} $cost# of CT_scans ~ ^ \\ revisited</h2>"));
  g_assert_nonnull (strstr (out, "<em>Radiology</em>"));
  g_assert_nonnull (strstr (out, "<a href=\"https://doi.org/10.5555/radiol_2023.221045\">10.5555/radiol_2023.221045</a>"));
  g_assert_nonnull (strstr (out, "<blockquote>"));
  g_assert_nonnull (strstr (out, "# not a heading *nor* [link](x)"));
  g_assert_null (strstr (out, "<script"));
  rn_test_rmdir (dir);
}

static void
test_digest_html (void)
{
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autofree char *html = rn_export_digest_html (entries, "Club <b>night</b>");
  xmlDocPtr doc;

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\"/>"));
  /* Well-formed XML too: every element closed, everything escaped. */
  doc = xmlReadMemory (html, strlen (html), "digest.html", "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  xmlFreeDoc (doc);
  g_assert_nonnull (strstr (html, "<title>Club &lt;b&gt;night&lt;/b&gt;</title>"));
  g_assert_nonnull (strstr (html, "Case: &lt;script&gt;alert(1)&lt;/script&gt; &quot;Bosniak&quot; cyst"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "javascript:"));
  g_assert_nonnull (strstr (html, "<a href=\"https://doi.org/10.5555/radiol_2023.221045\">"));
  g_assert_nonnull (strstr (html, "<cite>Radiology</cite>. 2023;306(3):1234-56"));
  g_assert_nonnull (strstr (html, "<blockquote class=\"note\"><p>Good methods.<br/>Small n &lt;30&gt;.</p></blockquote>"));
  g_assert_nonnull (strstr (html, "<li>AI &amp; CT</li>"));
  g_assert_nonnull (strstr (html, "<p class=\"notice\"><strong>Retracted</strong>"));
  /* Self-contained: nothing to fetch. */
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "src="));
  g_assert_null (strstr (html, "@import"));
}

/* --- a saved case --------------------------------------------------------- */

static void
walk_case (xmlNode *node,
           guint   *images,
           guint   *links)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) node->name;

          g_assert_false (g_str_equal (name, "script") || g_str_equal (name, "iframe") ||
                          g_str_equal (name, "link") || g_str_equal (name, "object") ||
                          g_str_equal (name, "video") || g_str_equal (name, "embed"));
          for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
            {
              g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) attr);
              const char *attr_name = (const char *) attr->name;

              g_assert_false (g_str_has_prefix (attr_name, "on"));
              g_assert_cmpstr (attr_name, !=, "style");
              g_assert_cmpstr (attr_name, !=, "srcset");
              if (g_str_equal (attr_name, "src"))
                {
                  g_assert_true (g_str_has_prefix (value, "data:image/"));
                  (*images)++;
                }
              if (g_str_equal (attr_name, "href"))
                {
                  g_assert_true (g_str_equal (name, "a"));
                  g_assert_true (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"));
                  (*links)++;
                }
            }
        }
      walk_case (node->children, images, links);
    }
}

static void
test_case_html (void)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
  g_autoptr(GBytes) png_bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) svg_bytes = g_bytes_new_static ("<svg/>", 6);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_export_image_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *expected_src = NULL;
  g_autofree char *b64 = g_base64_encode (png, sizeof png);
  const char *body =
    "<h2>Findings</h2><p style=\"color:red\" onclick=\"steal()\">Axial CT shows a 3 cm mass — "
    "Bosniak IIF.</p><figure><img src=\"https://cdn.example.org/case/1.png\" alt=\"Axial CT\" "
    "srcset=\"https://cdn.example.org/case/1@2x.png 2x\"/><figcaption>Figure 1</figcaption></figure>"
    "<img src=\"https://tracker.example.org/pixel.gif\" alt=\"\"/>"
    "<img src=\"https://cdn.example.org/case/2.svg\" alt=\"Coronal\"/>"
    "<script>steal()</script><iframe src=\"https://evil.example.org/\"></iframe>"
    "<link rel=\"stylesheet\" href=\"https://cdn.example.org/x.css\"/>"
    "<video src=\"https://cdn.example.org/v.mp4\" poster=\"https://cdn.example.org/p.jpg\"></video>"
    "<p>See <a href=\"https://radiopaedia.example.org/articles/bosniak\">Bosniak</a> and "
    "<a href=\"javascript:steal()\">this</a>.<!--[if IE]><img src=\"https://x.example/\"><![endif]--></p>";
  htmlDocPtr doc;
  guint n_images = 0, n_links = 0;

  g_ptr_array_add (images, rn_export_image_new ("https://cdn.example.org/case/1.png", "image/png", png_bytes, "Axial CT"));
  /* SVG is no allowed type: not embedded, alt text instead. */
  g_ptr_array_add (images, rn_export_image_new ("https://cdn.example.org/case/2.svg", "image/svg+xml", svg_bytes, NULL));

  html = rn_export_case_html ("Renal cyst, Bosniak IIF", "Radiopaedia",
                              "https://radiopaedia.example.org/cases/12345", body,
                              "Teaching file: classic IIF.\nShow residents.", images, &error);
  g_assert_no_error (error);
  g_assert_nonnull (html);

  expected_src = g_strconcat ("src=\"data:image/png;base64,", b64, "\"", NULL);
  g_assert_nonnull (strstr (html, expected_src));
  g_assert_nonnull (strstr (html, "Axial CT shows a 3 cm mass — Bosniak IIF."));
  g_assert_nonnull (strstr (html, "<title>Renal cyst, Bosniak IIF</title>"));
  g_assert_nonnull (strstr (html, "Teaching file: classic IIF.<br/>Show residents."));
  g_assert_nonnull (strstr (html, "Coronal"));
  g_assert_null (strstr (html, "tracker.example.org"));
  g_assert_null (strstr (html, "steal()"));
  g_assert_null (strstr (html, "cdn.example.org"));
  g_assert_null (strstr (html, "x.example"));

  doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  walk_case (xmlDocGetRootElement (doc), &n_images, &n_links);
  xmlFreeDoc (doc);
  g_assert_cmpuint (n_images, ==, 1);
  /* the source link and the Bosniak article; javascript: lost its href */
  g_assert_cmpuint (n_links, ==, 2);
}

static void
test_case_limits (void)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) rn_export_image_free);
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (RN_EXPORT_CASE_MAX_IMAGES + 1), RN_EXPORT_CASE_MAX_IMAGES + 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  g_ptr_array_add (images, rn_export_image_new ("a.png", "image/png", big, NULL));
  html = rn_export_case_html ("x", NULL, NULL, "<p>x</p>", NULL, images, &error);
  g_assert_null (html);
  g_assert_error (error, RN_EXPORT_ERROR, RN_EXPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  html = rn_export_case_html (NULL, NULL, "javascript:alert(1)", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (html, "javascript"));
  g_assert_nonnull (strstr (html, "<title>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/core/reading/export/keys", test_keys);
  g_test_add_func ("/radnet/core/reading/export/key-collisions", test_key_collisions);
  g_test_add_func ("/radnet/core/reading/export/bibtex-text", test_bibtex_text);
  g_test_add_func ("/radnet/core/reading/export/bibtex-bibtool", test_bibtex_bibtool);
  g_test_add_func ("/radnet/core/reading/export/bibtex-bibtexparser", test_bibtex_bibtexparser);
  g_test_add_func ("/radnet/core/reading/export/ris", test_ris);
  g_test_add_func ("/radnet/core/reading/export/csl-json", test_csl_json);
  g_test_add_func ("/radnet/core/reading/export/csl-json-pandoc", test_csl_json_pandoc);
  g_test_add_func ("/radnet/core/reading/export/digest-markdown", test_digest_markdown);
  g_test_add_func ("/radnet/core/reading/export/digest-markdown-pandoc", test_digest_markdown_pandoc);
  g_test_add_func ("/radnet/core/reading/export/digest-html", test_digest_html);
  g_test_add_func ("/radnet/core/reading/export/case-html", test_case_html);
  g_test_add_func ("/radnet/core/reading/export/case-limits", test_case_limits);
  return g_test_run ();
}
