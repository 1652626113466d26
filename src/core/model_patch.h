/* model_patch.h - bringing a loaded map up to date after this session's
 * own edit by reading only what the edit wrote (edit_changed), so that
 * an edit costs what it touched, not the map.  The caller makes sure
 * nobody else wrote meanwhile (store_data_version); when a patch cannot
 * be made with certainty it says so and the caller reads the whole map
 * (store_map_load). */
#ifndef CX_MODEL_PATCH_H
#define CX_MODEL_PATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/edit.h"
#include "core/model.h"
#include "core/store.h"

/* What the patch changed in the model (re-indexed already), in the
 * terms of struct analysis_change. */
struct model_patch {
	bool stages;	/* the list of stages: stages came, went or moved */
	bool departments;	/* the departments were read again */
	bool gaps, silos;	/* gaps, silos came, went or changed */
	/* these lists of the map were read again (by enum plan_item) */
	bool items[PLAN_NITEMS];
	bool decisions;
	int64_t *stage_ids;	/* stages whose own fields or touchpoints
				 * changed (touchpoints added, deleted,
				 * moved, changed), as they are now */
	size_t nstage_ids, cap;
};

/* Patches m (the open map, as last loaded or patched) with what c says
 * the last edit wrote.  STORE_OK: m now equals what store_map_load would
 * give.  Anything else: m is consistent (freeable) but not to be trusted;
 * read the whole map again. */
enum store_status model_patch_apply(struct store *s, struct model_map *m,
				    const struct edit_change *c,
				    struct model_patch *out);
void model_patch_free(struct model_patch *p);

#endif
