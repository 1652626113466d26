/* builder.h - builds a struct model_map in memory for unit tests of the
 * pure modules (analysis, exporters): no file, no store.  Ids are unique
 * within a map; free the result with model_map_free(). */
#ifndef CX_BUILDER_H
#define CX_BUILDER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/model.h"

struct model_map *tb_map(const char *name);
/* Departments are kept in name order, as the store loads them. */
int64_t tb_dept(struct model_map *m, const char *name);
/* Appends a stage / a touchpoint (owner 0: nobody owns it). */
int64_t tb_stage(struct model_map *m, const char *name);
int64_t tb_tp(struct model_map *m, int64_t stage_id, const char *name,
	      int64_t owner);
void tb_contributor(struct model_map *m, int64_t tp_id, int64_t dept_id);
void tb_emotion(struct model_map *m, int64_t tp_id, int emotion);
/* Moves a touchpoint to the end of another stage. */
void tb_move(struct model_map *m, int64_t tp_id, int64_t stage_id);
int64_t tb_gap(struct model_map *m, int64_t stage_id, int64_t tp_id,
	       enum model_severity sev, enum model_status status);
int64_t tb_silo(struct model_map *m, int64_t dept_a, int64_t dept_b,
		int64_t tp_id, enum model_status status);

/* The touchpoint or stage with that id, for tests to change in place. */
struct model_touchpoint *tb_tp_at(struct model_map *m, int64_t tp_id);

/* Issue 13.  tb_map gives the journey an owner; this sets another ("":
 * none). */
void tb_journey_owner(struct model_map *m, const char *owner);
void tb_moment(struct model_map *m, int64_t tp_id, bool moment);
/* A metric of a touchpoint (0: of the journey); value and target as
 * their text ("" for none), better "higher" or "lower". */
int64_t tb_metric(struct model_map *m, int64_t tp_id, const char *name,
		  const char *value, const char *target, const char *better);
struct model_metric *tb_metric_at(struct model_map *m, int64_t id);
int64_t tb_voice(struct model_map *m, enum model_ref_kind about,
		 int64_t about_id, enum model_voice_kind kind,
		 const char *text);
/* An action fixing fixes_id (a ref of kind fixes), due "" or a date. */
int64_t tb_action(struct model_map *m, enum model_ref_kind fixes,
		  int64_t fixes_id, const char *title, int64_t owner,
		  enum model_action_status status, const char *due);
struct model_action *tb_action_at(struct model_map *m, int64_t id);
int64_t tb_decision(struct model_map *m, const char *finding,
		    const struct model_ref subject[2],
		    enum model_decision_kind decision, const char *reason,
		    const char *who, int64_t at);

#endif
