/* rn-cli.h: what the radnet-cli commands share. Each command lives in its
 * own rn-cli-*.c file and is listed in radnet-cli.c. */
#pragma once

#include <glib.h>

#include "rn-context.h"

G_BEGIN_DECLS

/* Exit codes: distinct so scripts can tell what went wrong. */
typedef enum
{
  RN_CLI_EXIT_OK      = 0,
  RN_CLI_EXIT_FAILED  = 1,  /* the command ran, but (part of) the work failed */
  RN_CLI_EXIT_USAGE   = 2,  /* bad command line */
  RN_CLI_EXIT_INPUT   = 3,  /* bad input: a malformed file, feed or query */
  RN_CLI_EXIT_IO      = 4,  /* the library or a file could not be read or written */
  RN_CLI_EXIT_NETWORK = 5,  /* a network request failed */
} RnCliExit;

typedef struct
{
  const char *data_dir;     /* --data-dir, or NULL */
  RnContext  *context;      /* opened lazily by rn_cli_context() */
} RnCli;

typedef int (*RnCliCommandFunc) (RnCli  *cli,
                                 int     argc,
                                 char  **argv);

typedef struct
{
  const char       *name;
  RnCliCommandFunc  func;
  const char       *summary;   /* N_() */
} RnCliCommand;

/* Opens the library; prints the error and returns NULL on failure. */
RnContext *rn_cli_context        (RnCli        *cli);
int        rn_cli_exit_for_error (const GError *error);
void       rn_cli_print_error    (const char   *command,
                                  const GError *error);
/* Parses a command's options; prints usage errors. */
gboolean   rn_cli_parse_options  (const char   *command,
                                  const char   *parameter_string,
                                  const char   *summary,
                                  GOptionEntry *entries,
                                  int          *argc,
                                  char       ***argv);
/* Items as `list items` prints them (text, or one JSON array). */
int        rn_cli_print_items    (GListModel   *items,
                                  guint         limit,
                                  gboolean      json);
/* One line from stdin, newline removed. With @hidden and a terminal, the
 * typing is not echoed. FALSE at end of input. */
gboolean   rn_cli_read_line      (const char   *prompt,
                                  gboolean      hidden,
                                  char         *buf,
                                  gsize         size);
/* A whole JSON document (array or object) on stdout, with a newline. */
void       rn_cli_print_json     (gpointer      json_node);

/* Gives @client the NCBI API key of the keyring, when there is one. */
void       rn_cli_load_pubmed_key (RnCredentials  *credentials,
                                   RnPubmedClient *client);

int rn_cli_import_opml   (RnCli *cli, int argc, char **argv);
int rn_cli_export_opml   (RnCli *cli, int argc, char **argv);
int rn_cli_add           (RnCli *cli, int argc, char **argv);
int rn_cli_list          (RnCli *cli, int argc, char **argv);
int rn_cli_search        (RnCli *cli, int argc, char **argv);
int rn_cli_refresh       (RnCli *cli, int argc, char **argv);
int rn_cli_parse         (RnCli *cli, int argc, char **argv);
int rn_cli_saved         (RnCli *cli, int argc, char **argv);
int rn_cli_pubmed        (RnCli *cli, int argc, char **argv);
int rn_cli_account       (RnCli *cli, int argc, char **argv);
int rn_cli_hashtag       (RnCli *cli, int argc, char **argv);
int rn_cli_column        (RnCli *cli, int argc, char **argv);

G_END_DECLS
