/* cli.h - sub-commands: each is one small module with a run function.
 *
 * Exit statuses, for every sub-command: 0 success, 1 runtime error (the
 * message names the file and the reason), 2 usage error. */
#ifndef CX_CLI_H
#define CX_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "core/store.h"

enum cli_exit { CLI_OK = 0, CLI_ERROR = 1, CLI_USAGE = 2 };

struct cli_command {
	const char *name;
	const char *args;	/* synopsis after the name, N_() text */
	const char *summary;	/* N_() text */
	int (*run)(int argc, char **argv);
};

/* NULL-terminated, in the order --help lists them. */
extern const struct cli_command cli_commands[];

const struct cli_command *cli_find(const char *name);
/* cxmap --help and --version. */
void cli_print_help(FILE *out);
void cli_print_version(FILE *out);
/* "cxmap: MESSAGE" plus a hint to --help, on stderr; returns CLI_USAGE.
 * A NULL fmt prints only the hint (after getopt has said what is wrong). */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "cxmap: MESSAGE" on stderr; returns CLI_ERROR. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "cxmap: FILE: reason" for a store status; returns CLI_ERROR. */
int cli_store_error(const char *path, enum store_status st);
/* The FILE argument, or the default file when path is NULL (its folders
 * made when `create`).  Returns a string to free, or NULL after printing
 * why. */
/* The same, with what the store found wrong in the file when it knows
 * (the row of a bad value; with s NULL, what the last open refused). */
int cli_store_error_why(const struct store *s, const char *path,
			enum store_status st);
char *cli_resolve_path(const char *path, bool create);
/* "cxmap: FILE: a map named 'NAME' already exists; ..." (--map hint);
 * returns CLI_ERROR. */
int cli_map_exists_error(const char *path, const char *name);
/* Opens FILE for a sub-command, printing the reason on failure. */
struct store *cli_open(const char *path, unsigned flags);
/* FILE, or the default file when NULL, opened to be read only (a
 * report); NULL after saying why. */
struct store *cli_open_report(const char *file);
/* From now on, a store that waits for another process's lock says so on
 * standard error, naming path (cli_open calls it). */
void cli_on_busy(const char *path);
/* Runs add() on the map file path in one go.  A missing file is made
 * whole under a temporary name and appears only with what add() wrote:
 * a failure leaves no file behind, and a file another process made
 * meanwhile is added to, never removed. */
enum store_status cli_add(const char *path,
			  enum store_status (*add)(struct store *s, void *arg),
			  void *arg);

/* The map named `name` (--map), or the only map of the file when name
 * is NULL, into *id.  Otherwise says why and returns CLI_ERROR (no such
 * map, naming those there are; no maps) or CLI_USAGE (several maps and
 * no --map, listing them). */
int cli_pick_map(struct store *s, const char *name, int64_t *id);

/* cxmap [FILE]: the interactive interface. */
enum cli_ui_flags { CLI_UI_MOUSE = 1 << 0, CLI_UI_READONLY = 1 << 1 };
int cli_interface(const char *path, unsigned flags);
int cli_list_run(int argc, char **argv);
int cli_gaps_run(int argc, char **argv);
int cli_export_run(int argc, char **argv);
int cli_import_run(int argc, char **argv);
int cli_new_run(int argc, char **argv);
int cli_check_run(int argc, char **argv);
int cli_actions_run(int argc, char **argv);

#endif
