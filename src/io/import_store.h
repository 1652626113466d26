/* import_store.h - a map (parsed by import_json, or loaded from another
 * store) written into a store as a new map.  The only part of importing
 * that touches a file; the parser stays pure (and the fuzzer SQLite-free). */
#ifndef CX_IMPORT_STORE_H
#define CX_IMPORT_STORE_H

#include <stdint.h>

#include "core/model.h"
#include "core/store.h"

/* Adds a map to the store as a new map named `name` (NULL: the map's own
 * name), in one transaction: all of it or, on any failure, nothing.
 * Departments are matched by name; missing ones are created with the
 * document's label and colour (existing ones keep theirs).  Stages and
 * touchpoints keep their order; gaps and silos keep their created time
 * when they have one.  Works for any consistent model, also one that
 * store_map_load gave (a copy).  STORE_EXISTS when the name is taken. */
enum store_status import_store_map(struct store *s, const struct model_map *m,
				   const char *name, int64_t *map_id);

#endif
