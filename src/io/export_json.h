/* export_json.h - a map as a JSON document, in the format doc/FORMAT.md
 * describes and import_json reads back.  Pure: no file, no locale. */
#ifndef CX_EXPORT_JSON_H
#define CX_EXPORT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/model.h"

/* The "format" and "version" members of every document. */
#define EXPORT_JSON_FORMAT "cxmap-map"
#define EXPORT_JSON_VERSION 2

/* The document for one map (malloc'd, ends with a newline).  The same map
 * gives the same bytes: no database ids, departments by name, places by
 * position, two-space indentation.  Departments are those the map uses. */
char *export_json(const struct model_map *m);
/* Several maps as a JSON array of such documents. */
char *export_json_all(const struct model_map *const *maps, size_t n);
/* export_json of maps[0] (array false) or export_json_all, written to
 * out in large chunks as it is made; flushes out.  Returns 0, or the
 * errno of the first failed write. */
int export_json_write(const struct model_map *const *maps, size_t n,
		      bool array, FILE *out);

/* A time as "2024-05-31T14:00:00Z" (UTC) into out. */
#define EXPORT_JSON_TIME_LEN 21
void export_json_time(int64_t t, char out[EXPORT_JSON_TIME_LEN]);

/* Which departments the map uses (model_department_used), by position
 * in m->departments, in one pass over the map: malloc'd, free it. */
bool *export_departments_used(const struct model_map *m);

#endif
