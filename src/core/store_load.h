/* store_load.h - reading parts of a map into a loaded model, for patching
 * it after an edit (core/model_patch.c) instead of reading all of it.
 * Implemented in store_map.c (the plan's lists in store_plan.c), with
 * store_map_load, from the same row readers, so a part read alone is what
 * the whole load would hold. */
#ifndef CX_STORE_LOAD_H
#define CX_STORE_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/store.h"

/* One read snapshot around several reads (nothing when a transaction is
 * already open; *began says whether this one was). */
enum store_status store_read_begin(struct store *s, bool *began);
void store_read_end(struct store *s, bool began);

/* The map row's own fields (name, persona... rev) into m->id's model. */
enum store_status store_load_map_row(struct store *s, struct model_map *m);
/* All the file's departments into m, in the locale's order. */
enum store_status store_load_departments(struct store *s, struct model_map *m);
/* Ids in position order: a map's stages, a stage's touchpoints. */
enum store_status store_load_stage_ids(struct store *s, int64_t map_id,
				       int64_t **ids, size_t *n);
enum store_status store_load_tp_ids(struct store *s, int64_t stage_id,
				    int64_t **ids, size_t *n);
enum store_status store_load_tp_count(struct store *s, int64_t stage_id,
				      size_t *n);
/* One item by id and the map it is in; STORE_MISSING when gone.  A stage
 * `whole` comes with its touchpoints; a touchpoint with its contributors
 * (in the order of m's departments) and its position in its stage.  What was read is in *out even on
 * failure, for the model's clear functions. */
enum store_status store_load_stage(struct store *s, const struct model_map *m,
				   int64_t id, bool whole,
				   struct model_stage *out, int64_t *map_id);
enum store_status store_load_touchpoint(struct store *s,
					const struct model_map *m, int64_t id,
					struct model_touchpoint *out,
					int64_t *map_id, size_t *pos);
enum store_status store_load_gap(struct store *s, int64_t id,
				 struct model_gap *out, int64_t *map_id);
enum store_status store_load_silo(struct store *s, int64_t id,
				  struct model_silo *out, int64_t *map_id);

/* A map's metrics, voices or actions (k), by id: *out an array of
 * struct model_metric, model_voice or model_action (the caller clears
 * each and frees it); nothing on failure. */
enum store_status store_load_items(struct store *s, int64_t map_id,
				   enum plan_item k, void **out, size_t *n);
/* One of them by id into *item (a struct of kind k; cleared by the
 * caller even on failure), and its map. */
enum store_status store_load_item(struct store *s, enum plan_item k,
				  int64_t id, void *item, int64_t *map_id);
/* A map's decisions, by id: those whose subjects all exist (a decision
 * on a deleted item is kept, and comes back with it). */
enum store_status store_load_decisions(struct store *s, int64_t map_id,
				       struct model_decision **out, size_t *n);

#endif
