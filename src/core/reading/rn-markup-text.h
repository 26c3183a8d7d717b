/* rn-markup-text.h: markup (JATS abstracts, sanitised HTML) to plain text,
 * for records, exports and digests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Tags are dropped (block elements become paragraph breaks "\n\n", <br>
 * a line break), script/style content skipped, entities decoded, white
 * space collapsed. The result is valid UTF-8 of at most @max_bytes bytes
 * (0: no limit), cut at a character boundary. */
char     *rn_markup_to_text   (const char *markup,
                               gssize      length,
                               gsize       max_bytes);

/* TRUE when @data (JSON text) nests arrays/objects at most @max_depth
 * deep. Checked before parsing untrusted JSON: the parser recurses. */
gboolean  rn_json_depth_ok    (const char *data,
                               gsize       length,
                               guint       max_depth);

G_END_DECLS
