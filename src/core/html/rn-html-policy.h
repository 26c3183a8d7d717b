/* rn-html-policy.h: what the sanitiser lets through, and the URL checks it
 * uses (also useful on their own, e.g. for links in social posts).
 *
 * The policy is a plain struct on the stack: call rn_html_policy_init() and
 * change the fields you care about. A NULL policy means the defaults. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether remote images may be loaded. The document never loads anything:
 * the mode is recorded so the renderer can decide, and NEVER strips image
 * addresses at parse time (only the alt text stays). */
typedef enum
{
  RN_HTML_IMAGES_LOAD,   /* the renderer may fetch them */
  RN_HTML_IMAGES_ASK,    /* show placeholders; fetch when the user asks */
  RN_HTML_IMAGES_NEVER,  /* no addresses are kept at all */
} RnHtmlImageMode;

/* Defaults of the limits (used when a field is 0). */
#define RN_HTML_DEFAULT_MAX_INPUT  (8 * 1024 * 1024)  /* bytes; longer input is cut */
#define RN_HTML_DEFAULT_MAX_DEPTH  64                 /* nesting of containers */
#define RN_HTML_DEFAULT_MAX_NODES  200000             /* nodes in one document */

typedef struct
{
  RnHtmlImageMode images;
  gsize           max_input;   /* 0: RN_HTML_DEFAULT_MAX_INPUT */
  guint           max_depth;   /* 0: RN_HTML_DEFAULT_MAX_DEPTH (at least 8 is used) */
  guint           max_nodes;   /* 0: RN_HTML_DEFAULT_MAX_NODES */
} RnHtmlPolicy;

/* Fills @policy with the defaults: images ASK, default limits. */
void      rn_html_policy_init       (RnHtmlPolicy *policy);

typedef enum
{
  RN_HTML_URL_LINK,    /* http, https, mailto */
  RN_HTML_URL_IMAGE,   /* http, https */
} RnHtmlUrlKind;

/* Cleans an untrusted URL (already entity-decoded, as attribute values
 * are after parsing) and returns it absolute and safe to hand to a
 * browser or loader, or NULL when it must be dropped.
 *
 * Tabs, newlines and C0 controls anywhere, and spaces at both ends, are
 * removed first (browsers ignore them, so "jav\tascript:" would still be
 * javascript:); the scheme is then compared case-insensitively against the
 * allowed ones. Relative references (including "//host/…") are resolved
 * against @base_uri, which must itself be http or https; without a usable
 * base they are dropped. Spaces, backslashes, quotes, angle brackets and
 * non-ASCII bytes are percent-encoded so that the result is plain ASCII. */
char     *rn_html_sanitize_url      (const char    *url,
                                     const char    *base_uri,
                                     RnHtmlUrlKind  kind);

/* TRUE when an (absolute, sanitised) image URL matches a known tracking
 * pixel pattern. The list is in rn-html-policy.c and documented there. */
gboolean  rn_html_url_is_tracker    (const char    *url);

G_END_DECLS
