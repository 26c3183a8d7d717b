/* rn-pubmed-error.h: what can go wrong when talking to NCBI E-utilities. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RN_PUBMED_ERROR (rn_pubmed_error_quark ())

typedef enum
{
  RN_PUBMED_ERROR_INVALID_QUERY,  /* NCBI rejected the query; message is NCBI's */
  RN_PUBMED_ERROR_RATE_LIMITED,   /* 429 after every retry */
  RN_PUBMED_ERROR_SERVER,         /* 5xx after every retry, or another HTTP error */
  RN_PUBMED_ERROR_NETWORK,        /* no connection, timeout */
  RN_PUBMED_ERROR_BAD_RESPONSE,   /* not the shape NCBI sends, or too large */
} RnPubmedError;

GQuark rn_pubmed_error_quark (void);

G_END_DECLS
