/* import_json.h - JSON documents (doc/FORMAT.md) back into maps.
 *
 * Parsing is pure: it reads bytes and builds a struct model_map, checking
 * everything, and touches no file (no SQLite: the fuzzer links it alone).
 * Writing a parsed map into a store is io/import_store's, one grouped
 * transaction. */
#ifndef CX_IMPORT_JSON_H
#define CX_IMPORT_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

/* What a document may hold; beyond these it is refused with a message. */
#define IMPORT_JSON_MAX_BYTES ((size_t)256 << 20)	/* the whole document */
#define IMPORT_JSON_MAX_DEPTH 16	/* nesting of arrays and objects */
#define IMPORT_JSON_MAX_VALUES 16000000	/* values of any kind */
/* The store's STORE_NAME_MAX and STORE_TEXT_MAX (import_store.c checks). */
#define IMPORT_JSON_MAX_NAME 1024	/* bytes in a name or label */
#define IMPORT_JSON_MAX_TEXT 65536	/* bytes in any other text */
#define IMPORT_JSON_MAX_MAPS 1000
#define IMPORT_JSON_MAX_STAGES 10000
#define IMPORT_JSON_MAX_TOUCHPOINTS 250000	/* in one map */
#define IMPORT_JSON_MAX_DEPARTMENTS 1000
#define IMPORT_JSON_MAX_RECORDS 250000	/* gaps, and silos, of one map */
/* metrics, voices, actions and decisions, each, in one map */
#define IMPORT_JSON_MAX_PLAN 250000

/* Parses a document holding one map.  On failure returns NULL and sets
 * *err to a message naming the place and the reason, such as
 * "stages[2].touchpoints[0].emotion: expected an integer from -2 to 2" or
 * "line 3, column 7: not valid JSON"; it is translated, holds no control
 * character, and is the caller's to free.
 *
 * The map comes back in the order the store would give it: departments
 * and each touchpoint's contributors by name, gaps and silos by creation
 * time (those without one last).  Ids are small numbers private to the
 * result (departments 1..n in that order); created times are 0 when the
 * document gives none; the map's own created/updated are 0. */
struct model_map *import_json_parse(const char *text, size_t len, char **err);

/* Parses a document holding one map or an array of maps (what
 * export_json_all writes).  Returns an array of *n maps, or NULL with *err
 * set; an empty array gives a non-NULL result with *n = 0. */
struct model_map **import_json_parse_all(const char *text, size_t len,
					 size_t *n, char **err);
void import_json_free_all(struct model_map **maps, size_t n);

#endif
