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
#include "core/store.h"

struct edit;

struct edit *edit_new(struct store *s);
void edit_free(struct edit *e);
/* Forgets the history (another map was opened). */
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
enum store_status edit_undo_anyway(struct edit *e);
enum store_status edit_redo_anyway(struct edit *e);
void edit_drop(struct edit *e, bool redo);
/* The item of the last conflict and the version this session knew it at
 * (the changes after it are someone else's); false when none. */
bool edit_conflict(const struct edit *e, enum store_kind *kind, int64_t *id,
		   int64_t *since);

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
