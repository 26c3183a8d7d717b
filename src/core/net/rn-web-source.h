/* rn-web-source.h: the RnSource of web feeds (RSS, Atom, JSON Feed):
 * conditional GET through RnHttp, parsing and storing off the main thread,
 * in one transaction per feed. */
#pragma once

#include "net/rn-http.h"
#include "rn-source.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_TYPE_WEB_SOURCE (rn_web_source_get_type ())
G_DECLARE_FINAL_TYPE (RnWebSource, rn_web_source, RN, WEB_SOURCE, GObject)

RnWebSource *rn_web_source_new (RnStore *store,
                                RnHttp  *http);

G_END_DECLS
