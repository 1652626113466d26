/* edit_private.h - what edit.c, edit_map.c, edit_records.c and
 * edit_items.c share; everything else uses edit.h. */
#ifndef CXMAP_EDIT_PRIVATE_H
#define CXMAP_EDIT_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/edit.h"

#define EDIT_UNSET INT64_MIN	/* an emotion that is not set */
#define EDIT_DEPTH 1000	/* steps kept for undo */

enum op_kind {
	OP_TEXT,	/* a text field of any item */
	OP_EMOTION, OP_OWNER, OP_CONTRIB, OP_STATUS, OP_SEVERITY, OP_COLOUR,
	OP_MOVE,	/* a stage or touchpoint changes position */
	OP_EXISTS,	/* an item is created or deleted */
	OP_MOMENT,	/* a touchpoint marked a moment of truth or not */
};

/* T_METRIC + k is the target of plan item k (enum plan_item). */
enum op_target { T_MAP, T_STAGE, T_TP, T_DEPT, T_GAP, T_SILO,
		 T_METRIC, T_VOICE, T_ACTION, T_DECISION };
#define T_ITEM(k) ((enum op_target)(T_METRIC + (int)(k)))
#define T_IS_ITEM(t) ((t) >= T_METRIC && (t) <= T_ACTION)
#define T_PLAN(t) ((enum plan_item)((t) - T_METRIC))

struct op {
	enum op_kind kind;
	enum op_target target;
	int field;
	int64_t id;
	int64_t map_id;
	char *text[2];	/* before, after */
	int64_t num[2];
	int64_t parent[2];	/* stage of a touchpoint, map of a stage */
	size_t pos[2];
	int64_t dept;	/* OP_CONTRIB */
	bool exists_after;	/* OP_EXISTS: a creation (else a deletion) */
	/* Checked ops refuse to overwrite what someone else changed since:
	 * rev[side] is the version the item must have before going to that
	 * side (kept up to date as the op is applied back and forth). */
	bool checked;
	int64_t rev[2];
	/* the item's version (in the op chain) before and after this op */
	int64_t before, after;
	/* a map's existence (T_MAP, OP_EXISTS): the version every row of the
	 * map had when this session last created or restored it, and the
	 * map's chain version its snapshot stands for */
	int64_t base, logical;
	/* a metric's, voice's, action's or decision's place on the board,
	 * for edit_focus: its touchpoint, else its stage (0: none) */
	int64_t at_tp, at_stage;
	union {
		struct model_map *map;
		struct model_stage stage;
		struct model_touchpoint tp;
		struct model_gap gap;
		struct model_silo silo;
		struct model_department dept;
		struct model_metric metric;
		struct model_voice voice;
		struct model_action action;
		struct model_decision decision;
	} snap;
};

struct step {
	char *label;
	struct op *ops;
	size_t nops, cap;
};

/* Undo and redo stacks: one for the open map, one for the file's maps. */
struct history {
	struct step *undo, *redo;
	size_t nundo, capundo, nredo, capredo;
};

/* The version this session's own last write gave an item: undo checks
 * against it, so only somebody else's change since counts as a conflict. */
struct known_rev {
	enum op_target target;
	int64_t id;
	int64_t rev;	/* the version our last write gave the item */
	/* the version of the op chain that state stands for: after undoing
	 * an op, the item is again what it was before that op, whatever
	 * number the undo's own write gave it */
	int64_t logical;
};

struct edit {
	struct store *store;
	struct known_rev *known;	/* as of the last commit */
	size_t nknown, capknown;
	struct known_rev *pend;	/* written by the open transaction */
	size_t npend, cappend;
	/* the stage or touchpoint (or, in the file history, the map) the
	 * last undo or redo was about */
	bool focus_tp;
	int64_t focus_id, focus_map;
	struct history hist[2];	/* EDIT_MAP, EDIT_FILE */
	enum edit_history open_hist;	/* where the open step goes */
	struct step *open;	/* the step being built */
	int depth;
	enum store_status status;	/* first failure in the open step */
	/* undo and redo "anyway": versions are not compared */
	bool force;
	/* the item whose change by someone else refused the last undo or
	 * redo, and the version this session knew it at */
	enum op_target conflict_target;
	int64_t conflict_id, conflict_since;
	/* what the last step, undo or redo wrote (edit_changed) */
	struct edit_change changed;
};

/* edit.c: steps run through these, so undo and redo see every op */
void edit_known_put(struct edit *e, enum op_target t, int64_t id,
		    int64_t rev, int64_t logical);
enum store_status edit_step_run(struct edit *e, struct op *o);
enum store_status edit_one(struct edit *e, const char *label, struct op *o);
void edit_op_check(struct op *o, int64_t rev);
struct op edit_op_text_new(enum op_target t, int64_t id, int field,
			   const char *before, const char *after);
void edit_record_created(struct edit *e, struct op *o);
void edit_change_note(struct edit *e, const struct op *o, bool creates);

/* edit_items.c: a snapshot's version, the rows that go with what is
 * deleted */
int64_t edit_snap_rev(const struct op *o);
void edit_snap_set_rev(struct op *o, int64_t rev);
/* What is about to be deleted with one step (ids of the stages,
 * touchpoints, gaps and silos; the rest is worked out). */
struct edit_gone {
	int64_t *stages, *tps, *gaps, *silos;
	size_t nstages, ntps, ngaps, nsilos;
};
void edit_gone_add(int64_t **v, size_t *n, int64_t id);
/* Records the deletion of the metrics, voices and actions that go with
 * what `g` lists (the file's foreign keys take them; undo
 * must bring them back), then frees g's lists. */
void edit_gone_run(struct edit *e, const struct model_map *m,
		   struct edit_gone *g);

#endif
