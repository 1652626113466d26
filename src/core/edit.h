/* edit.h - every change a person makes, with undo and redo.
 *
 * The interface never calls the store's write functions itself: it calls
 * these, which write through the store (one transaction per step) and keep
 * the inverse, so that undo and redo work many levels deep, deletes and
 * moves included.  `m` is the map as the person saw it: old values and
 * snapshots of deleted items come from it. */
#ifndef CX_EDIT_H
#define CX_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/plan.h"
#include "core/store.h"

struct edit;

/* Two histories.  EDIT_MAP: the changes inside the open map, forgotten
 * when another map is opened (edit_clear).  EDIT_FILE: what the maps view
 * does to whole maps -- create, copy, make from a template, delete,
 * rename -- kept for the session, whichever map is open; the maps view's
 * undo and redo work on it.  Both share the versions this session wrote,
 * so neither takes back someone else's change (doc/DESIGN.md). */
enum edit_history { EDIT_MAP, EDIT_FILE };

struct edit *edit_new(struct store *s);
void edit_free(struct edit *e);
/* Forgets the open map's history (another map was opened). */
void edit_clear(struct edit *e);

/* Several operations as one step: one transaction and one undo.  The
 * label is an untranslated N_() string naming it in messages; callers
 * show _(label).  Nested begin/end pairs join the outer step. */
void edit_step_begin(struct edit *e, const char *label);
enum store_status edit_step_end(struct edit *e);

bool edit_can_undo(const struct edit *e);
bool edit_can_redo(const struct edit *e);
/* Label of the step that undo / redo would apply, or NULL. */
const char *edit_undo_label(const struct edit *e);
const char *edit_redo_label(const struct edit *e);
enum store_status edit_undo(struct edit *e);
/* The stage or touchpoint the last undo or redo was about (0: none), so
 * the interface can show it. */
int64_t edit_focus(const struct edit *e, bool *is_touchpoint);
enum store_status edit_redo(struct edit *e);
/* An undo or redo refused with STORE_CONFLICT (someone else changed the
 * item since this session's write) stays where it was: the person then
 * either applies it anyway, overwriting that change, or drops it. */
enum store_status edit_undo_anyway(struct edit *e, enum edit_history w);
enum store_status edit_redo_anyway(struct edit *e, enum edit_history w);
void edit_drop(struct edit *e, enum edit_history w, bool redo);
/* The item of the last conflict and the version this session knew it at
 * (the changes after it are someone else's); false when none. */
bool edit_conflict(const struct edit *e, enum store_kind *kind, int64_t *id,
		   int64_t *since);
/* The same for either history. */
const char *edit_undo_label_in(const struct edit *e, enum edit_history w);
const char *edit_redo_label_in(const struct edit *e, enum edit_history w);
enum store_status edit_undo_in(struct edit *e, enum edit_history w);
enum store_status edit_redo_in(struct edit *e, enum edit_history w);
/* The map the last undo or redo of the file history was about (0: none). */
int64_t edit_focus_map(const struct edit *e);

/* What the last step, undo or redo wrote (whether it committed or not),
 * so that a reader of the map can read just that again (model_patch.h)
 * instead of all of it.  Every step also changes the map row (its time). */
struct edit_change {
	bool all;	/* something no part below says: read everything */
	bool stages;	/* the list of stages: one added, deleted or moved */
	bool departments;	/* a department's label or colour, or one
				 * added or deleted (a rename sets `all`: the
				 * contributors are in the names' order) */
	bool removed;	/* a stage or touchpoint went: its gaps and silos
			 * went with it */
	bool places;	/* a touchpoint came, went or moved (else those
			 * of tp_ids only changed where they are) */
	int64_t *stage_ids;	/* stages whose own row changed or that came
				 * or went */
	size_t nstage_ids;
	int64_t *tp_ids;	/* touchpoints changed, added, moved, deleted */
	size_t ntp_ids;
	int64_t *new_tp_ids;	/* those of them the step made (or brought
				 * back): not in a map read before it */
	size_t nnew_tp_ids;
	/* the map's list of these changed (an item added, changed or
	 * deleted, here or with what it belongs to): read it again */
	bool items[PLAN_NITEMS];	/* by enum plan_item */
	bool decisions;
	int64_t *gap_ids, *silo_ids;	/* gaps and silos changed or not */
	size_t ngap_ids, nsilo_ids;
	size_t cap[5];
};
const struct edit_change *edit_changed(const struct edit *e);
/* The reader has read it: an edit that then writes nothing (a lookup that
 * fails, a change to the same value) shows as nothing changed. */
void edit_changed_reset(struct edit *e);

/* Whole maps, in the EDIT_FILE history.  Undo of a creation (create, copy,
 * import) deletes the map as it then is -- refused with STORE_CONFLICT
 * when someone else changed anything in it since -- and redo brings it
 * back under its ids; undo of a delete brings back all of it.  delete
 * compares `version` (store_map_info.version) and rename `rev`
 * (store_map_info.rev) with what the person saw: STORE_CONFLICT when
 * someone else changed the map meanwhile.  import_store_map's
 * departments that did not exist go with the map on undo. */
enum store_status edit_map_create(struct edit *e, const char *name,
				  int64_t *id);
enum store_status edit_map_copy(struct edit *e, int64_t id, const char *name,
				int64_t *new_id);
enum store_status edit_map_import(struct edit *e, const struct model_map *m,
				  const char *name, int64_t *id);
enum store_status edit_map_delete(struct edit *e, int64_t id,
				  int64_t version);
enum store_status edit_map_rename(struct edit *e, int64_t id, int64_t rev,
				  const char *old, const char *name);

enum store_status edit_map_set(struct edit *e, const struct model_map *m,
			       enum store_map_field f, const char *value);

enum store_status edit_stage_add(struct edit *e, const struct model_map *m,
				 size_t pos, const char *name, int64_t *id);
enum store_status edit_stage_set(struct edit *e, const struct model_map *m,
				 int64_t id, enum store_stage_field f,
				 const char *value);
enum store_status edit_stage_move(struct edit *e, const struct model_map *m,
				  int64_t id, size_t pos);
enum store_status edit_stage_delete(struct edit *e, const struct model_map *m,
				    int64_t id);

enum store_status edit_tp_add(struct edit *e, const struct model_map *m,
			      int64_t stage_id, size_t pos, const char *name,
			      int64_t *id);
enum store_status edit_tp_set(struct edit *e, const struct model_map *m,
			      int64_t id, enum store_tp_field f,
			      const char *value);
enum store_status edit_tp_set_emotion(struct edit *e,
				      const struct model_map *m, int64_t id,
				      bool has_emotion, int emotion);
enum store_status edit_tp_set_owner(struct edit *e, const struct model_map *m,
				    int64_t id, int64_t dept_id);
enum store_status edit_tp_set_contributor(struct edit *e,
					  const struct model_map *m,
					  int64_t id, int64_t dept_id,
					  bool on);
enum store_status edit_tp_move(struct edit *e, const struct model_map *m,
			       int64_t id, int64_t stage_id, size_t pos);
enum store_status edit_tp_delete(struct edit *e, const struct model_map *m,
				 int64_t id);

enum store_status edit_gap_add(struct edit *e, const struct model_map *m,
			       int64_t stage_id, int64_t touchpoint_id,
			       const char *description,
			       enum model_severity severity, int64_t *id);
enum store_status edit_gap_set_description(struct edit *e,
					   const struct model_map *m,
					   int64_t id, const char *value);
enum store_status edit_gap_set_severity(struct edit *e,
					const struct model_map *m, int64_t id,
					enum model_severity severity);
enum store_status edit_gap_set_status(struct edit *e, const struct model_map *m,
				      int64_t id, enum model_status status);
enum store_status edit_gap_delete(struct edit *e, const struct model_map *m,
				  int64_t id);

enum store_status edit_silo_add(struct edit *e, const struct model_map *m,
				int64_t dept_a, int64_t dept_b,
				int64_t touchpoint_id, const char *description,
				int64_t *id);
enum store_status edit_silo_set_description(struct edit *e,
					    const struct model_map *m,
					    int64_t id, const char *value);
enum store_status edit_silo_set_status(struct edit *e,
				       const struct model_map *m, int64_t id,
				       enum model_status status);
enum store_status edit_silo_delete(struct edit *e, const struct model_map *m,
				   int64_t id);

/* Metrics, voices and actions (plan.h): item is a struct model_metric,
 * model_voice or model_action with its parent set (see store_item_add);
 * fields change one at a time from their text.  All undoable and
 * checked against the rev the person saw. */
enum store_status edit_item_add(struct edit *e, const struct model_map *m,
				enum plan_item k, const void *item,
				int64_t *id);
enum store_status edit_item_set(struct edit *e, const struct model_map *m,
				enum plan_item k, int64_t id, int field,
				const char *value);
enum store_status edit_item_delete(struct edit *e, const struct model_map *m,
				   enum plan_item k, int64_t id);
enum store_status edit_tp_set_moment(struct edit *e, const struct model_map *m,
				     int64_t id, bool moment);
/* Accepting or dismissing a finding (d: its finding, subjects, decision
 * and reason), and taking that back (the finding counts again). */
enum store_status edit_decision_add(struct edit *e, const struct model_map *m,
				    const struct model_decision *d,
				    int64_t *id);
enum store_status edit_decision_delete(struct edit *e,
				       const struct model_map *m, int64_t id);

/* Departments (file-wide).  edit_dept_find_or_create returns the id of the
 * department with that name, creating it (undoably) when there is none. */
enum store_status edit_dept_find_or_create(struct edit *e, const char *name,
					   int64_t *id);
enum store_status edit_dept_rename(struct edit *e, const struct model_map *m,
				   int64_t id, const char *name);
enum store_status edit_dept_set_label(struct edit *e,
				      const struct model_map *m, int64_t id,
				      const char *label);
enum store_status edit_dept_set_colour(struct edit *e,
				       const struct model_map *m, int64_t id,
				       int colour);
enum store_status edit_dept_delete(struct edit *e, const struct model_map *m,
				   int64_t id);

#endif
