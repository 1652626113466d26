/* import_store.c - a parsed (or loaded) model written into a store as a
 * new map: the store API only, in one grouped transaction. */
#include <config.h>

#include <stdlib.h>

#include "io/import_json.h"
#include "io/import_store.h"
#include "util/xalloc.h"

/* The parser's limits are the store's, so what it accepts fits. */
_Static_assert(IMPORT_JSON_MAX_NAME == STORE_NAME_MAX,
	       "a name the importer takes must fit the store");
_Static_assert(IMPORT_JSON_MAX_TEXT == STORE_TEXT_MAX,
	       "a text the importer takes must fit the store");

/* New ids of the map's departments, by position. */
struct ims_ids {
	int64_t *dept;
};

static enum store_status ims_departments(struct store *s,
					 const struct model_map *m,
					 struct ims_ids *ids)
{
	enum store_status st = STORE_OK;
	for (size_t i = 0; st == STORE_OK && i < m->ndepartments; i++) {
		const struct model_department *d = &m->departments[i];
		st = store_dept_find_exact(s, d->name, &ids->dept[i]);
		if (st != STORE_MISSING)
			continue;
		st = store_dept_create(s, d->name, &ids->dept[i]);
		if (st == STORE_OK && d->label[0])
			st = store_dept_set_label(s, ids->dept[i], d->label);
		if (st == STORE_OK)
			st = store_dept_set_colour(s, ids->dept[i], d->colour);
	}
	return st;
}

/* The departments first (found by name, or made with the document's
 * label and colour: a few, each a change of its own), then the map in
 * one (store_map_insert). */
static enum store_status ims_map(struct store *s,
				 const struct model_map *m,
				 const char *name, int64_t *map,
				 struct ims_ids *ids)
{
	enum store_status st = ims_departments(s, m, ids);
	if (st == STORE_OK)
		st = store_map_insert(s, m, name, ids->dept, map);
	return st;
}

enum store_status import_store_map(struct store *s, const struct model_map *m,
				   const char *name, int64_t *map_id)
{
	struct ims_ids ids = {
		.dept = xcalloc(m->ndepartments + 1, sizeof *ids.dept),
	};
	int64_t map = 0;
	enum store_status st = store_begin(s);
	if (st == STORE_OK) {
		st = ims_map(s, m, name ? name : m->name, &map, &ids);
		if (st == STORE_OK)
			st = store_commit(s);
		else
			store_rollback(s);
	}
	free(ids.dept);
	if (st == STORE_OK && map_id)
		*map_id = map;
	return st;
}
