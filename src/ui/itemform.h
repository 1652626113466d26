/* itemform.h - the form of one metric, voice or action (core/plan.h):
 * adding one from the board or a detail form, changing and deleting it. */
#ifndef CX_ITEMFORM_H
#define CX_ITEMFORM_H

#include <stdint.h>

#include "core/model.h"
#include "core/plan.h"

struct app;

/* A new item under `parent` (a metric: a TOUCHPOINT, or MAP for the
 * journey's; a voice: a TOUCHPOINT, STAGE or GAP; an action: what it
 * fixes), from sensible defaults; written in one undoable step when the
 * person saves (Ctrl-D), nothing when they close it. */
void itemform_add(struct app *a, enum plan_item k, struct model_ref parent);
/* An item of the open map: each field is saved as it is accepted. */
void itemform_edit(struct app *a, enum plan_item k, int64_t id);
/* Deletes an item after a y/n question (undoable). */
void itemform_delete(struct app *a, enum plan_item k, int64_t id);

/* One line about an item, for lists: "NPS 31 / 40 points (off target)". */
char *itemform_line(const struct model_map *m, enum plan_item k,
		    const void *item);

#endif
