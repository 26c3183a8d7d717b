/* rn-ui-fixture.c: generated feeds and entries, stored with the feed store. */
#include "config.h"

#include "feeds/rn-feed-folders.h"
#include "feeds/rn-feed-store.h"
#include "rn-ui-fixture.h"

static const char *const topics[] = {
  "Deep learning detection of pulmonary nodules on low-dose CT",
  "Contrast-enhanced mammography versus MRI in dense breasts",
  "Radiation dose reduction in paediatric CT: a multicentre audit",
  "Prostate MRI with PI-RADS 2.1: inter-reader agreement",
  "Photon-counting CT for coronary plaque characterisation",
  "Incidental adrenal nodules: management in practice",
  "Whole-body MRI in multiple myeloma staging",
  "Point-of-care ultrasound in the emergency department",
};

static const char *const journals[] = {
  "Radiology", "European Radiology", "American Journal of Roentgenology",
  "Insights into Imaging", "Clinical Radiology", "RadioGraphics",
};

static const char rich_body[] =
  "<p>This <strong>prospective</strong> study enrolled 412 patients. "
  "See <a href=\"https://example.org/full\">the full text</a>.</p>"
  "<h2>Methods</h2>"
  "<ul><li>Low-dose CT at 1 mSv</li><li>Two readers, blinded</li></ul>"
  "<blockquote>Sensitivity rose from 81% to 93%.</blockquote>"
  "<pre>AUC 0.94 (95% CI 0.91-0.97)</pre>"
  "<table><tr><th>Reader</th><th>Sensitivity</th></tr><tr><td>A</td><td>0.91</td></tr></table>"
  "<p><img src=\"https://images.example.org/figure1.png\" alt=\"Figure 1\" width=\"600\" height=\"400\">"
  "<img src=\"https://track.example.org/pixel.gif\" width=\"1\" height=\"1\"></p>";

gboolean
rn_ui_fixture_populate (RnStore  *store,
                        guint     n_feeds,
                        guint     items_per_feed,
                        GError  **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 folder_id = 0;

  if (!rn_feed_store_create_folder (store, "Journals", &folder_id, error))
    return FALSE;

  for (guint f = 0; f < n_feeds; f++)
    {
      g_autoptr(RnParsedFeed) parsed = rn_parsed_feed_new ();
      g_autofree char *url = g_strdup_printf ("https://feeds.example.org/%u.xml", f + 1);
      g_autofree char *title = g_strdup_printf ("%s %u", journals[f % G_N_ELEMENTS (journals)], f + 1);
      RnFeedSpec spec = { 0 };
      gint64 feed_id = 0;

      spec.url = url;
      spec.title = title;
      spec.folder_id = f % 3 == 2 ? folder_id : 0;
      if (!rn_feed_store_add_feed (store, &spec, &feed_id, error))
        return FALSE;

      parsed->format = RN_FEED_FORMAT_RSS20;
      parsed->title = g_strdup (title);
      for (guint i = 0; i < items_per_feed; i++)
        {
          RnParsedEntry *e = rn_parsed_entry_new ();
          guint serial = f * items_per_feed + i;

          e->id = g_strdup_printf ("urn:radnet:fixture:%u:%u", f, i);
          e->title = g_strdup_printf ("%s (%u)", topics[(f + i) % G_N_ELEMENTS (topics)], serial);
          e->link = g_strdup_printf ("https://journals.example.org/article/%u", serial);
          if (f == 0 && i == 0)
            e->content = g_strdup (rich_body);
          else
            e->summary = g_strdup_printf ("<p>Summary of article %u: we studied imaging findings "
                                          "in a cohort and report diagnostic accuracy.</p>", serial);
          e->published = now - (gint64) (i * n_feeds + f) * 600;
          e->updated = RN_NO_DATE;
          g_ptr_array_add (e->authors, g_strdup ("A. Author"));
          g_ptr_array_add (parsed->entries, e);
        }
      if (!rn_feed_store_ingest_sync (store, feed_id, parsed, NULL, error))
        return FALSE;
    }
  return TRUE;
}
