/* model.h - the in-memory journey map: what the store loads and what the
 * analysis, the exporters and the views read.  Plain data; the model owns
 * every string and array it points to. */
#ifndef CX_MODEL_H
#define CX_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MODEL_EMOTION_MIN (-2)
#define MODEL_EMOTION_MAX 2
/* Departments have eight colour slots; the interface maps them to colours. */
#define MODEL_COLOURS 8

enum model_severity { MODEL_SEV_LOW, MODEL_SEV_MEDIUM, MODEL_SEV_HIGH };
enum model_status { MODEL_OPEN, MODEL_RESOLVED };

/* What an item is about: a voice's evidence, an action's fix, a decision's
 * finding (core/plan.h has their keys, labels and fields). */
enum model_ref_kind { MODEL_REF_NONE, MODEL_REF_MAP, MODEL_REF_STAGE,
		      MODEL_REF_TOUCHPOINT, MODEL_REF_GAP, MODEL_REF_SILO,
		      MODEL_REF_DEPARTMENT, MODEL_REF_METRIC,
		      MODEL_REF_ACTION };
struct model_ref {
	enum model_ref_kind kind;
	int64_t id;	/* 0 with NONE and MAP */
};

enum model_better { MODEL_BETTER_HIGHER, MODEL_BETTER_LOWER };
enum model_voice_kind { MODEL_VOICE_CUSTOMER, MODEL_VOICE_EMPLOYEE,
			MODEL_VOICE_PARTNER, MODEL_VOICE_DATA };
enum model_action_status { MODEL_ACTION_IDEA, MODEL_ACTION_PLANNED,
			   MODEL_ACTION_DOING, MODEL_ACTION_DONE,
			   MODEL_ACTION_DROPPED };
enum model_decision_kind { MODEL_DECISION_ACCEPTED, MODEL_DECISION_DISMISSED };

struct model_department {
	int64_t id;
	char *name;
	char *label;	/* short label for cards; may be empty */
	int colour;	/* 0 .. MODEL_COLOURS-1 */
};

struct model_touchpoint {
	int64_t id;
	int64_t stage_id;
	char *name;
	char *channel;
	char *notes;
	bool has_emotion;
	/* the five texts are one allocation from name (the store loads them
	 * so); false for anything built or copied text by text */
	bool packed;
	int emotion;	/* MODEL_EMOTION_MIN .. MAX when has_emotion */
	int64_t owner_id;	/* 0: nobody owns it */
	bool moment;	/* a moment of truth */
	int64_t *contributors;	/* department ids, by name order */
	size_t ncontributors;
	int64_t rev;	/* row version, bumped by every change */
};

struct model_stage {
	int64_t id;
	char *name;
	char *description;
	struct model_touchpoint *touchpoints;	/* in position order */
	size_t ntouchpoints;
	int64_t rev;
};

struct model_gap {
	int64_t id;
	int64_t stage_id;	/* 0 when not tied to a stage */
	int64_t touchpoint_id;	/* 0 when not tied to a touchpoint */
	char *description;
	enum model_severity severity;
	enum model_status status;
	int64_t created;	/* seconds since the epoch */
};

struct model_silo {
	int64_t id;
	int64_t dept_a, dept_b;
	int64_t touchpoint_id;	/* 0 when not tied to a touchpoint */
	char *description;
	enum model_status status;
	int64_t created;
};

/* A measure of success, of a touchpoint or of the whole journey.  Dates
 * are "YYYY-MM-DD" or "" (not known). */
struct model_metric {
	int64_t id;
	int64_t touchpoint_id;	/* 0: a success metric of the journey */
	char *name;	/* NPS, CSAT, CES or any */
	bool has_value;
	double value;
	char *value_text;	/* a value that is not a number (from a v1
				 * file's free text); "" when has_value */
	bool has_target;
	double target;
	char *unit;
	enum model_better better;
	char *measured;	/* date measured */
	char *source;
	int64_t rev;
};

/* Evidence: what a customer, employee or partner said, or what data shows. */
struct model_voice {
	int64_t id;
	struct model_ref about;	/* a STAGE, TOUCHPOINT or GAP */
	enum model_voice_kind kind;
	char *text;	/* the quote or observation */
	char *source;	/* interview, survey, ticket, call... */
	char *date;
	int64_t rev;
};

/* An improvement with one accountable department. */
struct model_action {
	int64_t id;
	struct model_ref fixes;	/* a GAP, SILO or TOUCHPOINT; MAP: the
				 * journey as a whole */
	char *title;
	int64_t owner_id;	/* accountable department; 0: none yet */
	char *person;	/* optional */
	enum model_action_status status;
	char *due;	/* date, or "" */
	int impact, effort;	/* 1 (low) .. 3 (high) */
	int64_t created;	/* seconds since the epoch */
	int64_t rev;
};

/* A person's decision on a finding of the analysis: the finding is named
 * by its kind's key and the items it is about (analysis_finding_subject),
 * so it survives reloads and matches only that finding. */
struct model_decision {
	int64_t id;
	char *finding;	/* the kind's key: "handoff", "unowned"... */
	struct model_ref subject[2];	/* unused ones are NONE */
	enum model_decision_kind decision;
	char *reason;
	char *who;	/* login */
	int64_t at;	/* seconds since the epoch */
};

struct model_map {
	int64_t id;
	char *name;
	char *persona;
	char *scenario;
	char *promise;
	char *owner;	/* the journey's owner: its executive sponsor */
	char *cx_lead;
	char *success;	/* the definition of success */
	int64_t created, updated;
	int64_t rev;
	struct model_stage *stages;	/* in position order */
	size_t nstages;
	/* all in the file, by name in the locale's order (LC_COLLATE) */
	struct model_department *departments;
	size_t ndepartments;
	struct model_gap *gaps;	/* by creation */
	size_t ngaps;
	struct model_silo *silos;
	size_t nsilos;
	struct model_metric *metrics;	/* the journey's and the touchpoints',
					 * by id */
	size_t nmetrics;
	struct model_voice *voices;	/* by id */
	size_t nvoices;
	struct model_action *actions;	/* by id */
	size_t nactions;
	struct model_decision *decisions;	/* by id */
	size_t ndecisions;
	/* id -> position, for the lookups below (model_reindex); NULL or
	 * stale only makes them slow, never wrong */
	struct model_index *index;
};

void model_map_free(struct model_map *m);

/* Deep copies (for undo snapshots), and freeing what a copy owns. */
void model_touchpoint_copy(struct model_touchpoint *dst,
			   const struct model_touchpoint *src);
void model_touchpoint_clear(struct model_touchpoint *t);
void model_stage_copy(struct model_stage *dst, const struct model_stage *src);
void model_stage_clear(struct model_stage *sg);
void model_gap_copy(struct model_gap *dst, const struct model_gap *src);
void model_silo_copy(struct model_silo *dst, const struct model_silo *src);
void model_department_copy(struct model_department *dst,
			   const struct model_department *src);
void model_metric_copy(struct model_metric *dst,
		       const struct model_metric *src);
void model_voice_copy(struct model_voice *dst, const struct model_voice *src);
void model_action_copy(struct model_action *dst,
		       const struct model_action *src);
void model_decision_copy(struct model_decision *dst,
			 const struct model_decision *src);
void model_metric_clear(struct model_metric *v);
void model_voice_clear(struct model_voice *v);
void model_action_clear(struct model_action *v);
void model_decision_clear(struct model_decision *v);

/* The id -> position index.  store_map_load and the importer build it
 * once at the end; whoever changes a map's arrays afterwards re-indexes
 * what changed.  Every lookup checks that the item at the indexed place
 * has the id asked for and scans when it has not, so a model built by
 * hand, or patched and not re-indexed, is slow, never wrong.
 * Touchpoints are indexed by stage id and place in the stage, so a
 * stage added, deleted or moved leaves its touchpoints' entries good. */
struct model_index;
void model_reindex(struct model_map *m);	/* everything: O(items) */
/* Stages added, deleted or reordered: O(stages). */
void model_reindex_stages(struct model_map *m);
/* Stage si's touchpoints added, removed, reordered or moved in (re-index
 * both stages of a move), and the stage's own place: O(that stage). */
void model_reindex_stage(struct model_map *m, size_t si);
/* The arrays of gaps, silos, departments changed: O(that array). */
void model_reindex_gaps(struct model_map *m);
void model_reindex_silos(struct model_map *m);
void model_reindex_departments(struct model_map *m);

/* Lookups by id, O(1) with a fresh index; NULL when absent (or id 0). */
const struct model_department *model_department(const struct model_map *m,
						int64_t id);
const struct model_stage *model_stage(const struct model_map *m, int64_t id);
/* Finds a touchpoint; *stage_index (optional) receives its stage index. */
const struct model_touchpoint *model_touchpoint(const struct model_map *m,
						int64_t id, size_t *stage_index);
/* A recorded gap or silo of the map by id, or NULL. */
const struct model_gap *model_gap(const struct model_map *m, int64_t id);
const struct model_silo *model_silo(const struct model_map *m, int64_t id);
size_t model_touchpoint_count(const struct model_map *m);
size_t model_unowned_count(const struct model_map *m);
size_t model_open_gap_count(const struct model_map *m);
size_t model_open_silo_count(const struct model_map *m);
/* The versions a checked delete compares (see store.h): the newest rev of
 * the stage and its touchpoints; of the map, its stages and touchpoints. */
int64_t model_stage_version(const struct model_stage *sg);
int64_t model_map_version(const struct model_map *m);
/* True when a touchpoint of the map is owned by the department, or has it
 * as a contributor, or a silo of the map names it. */
bool model_department_used(const struct model_map *m, int64_t id);
/* The place a gap or silo points at, as positions: *si the stage index and
 * *ti the touchpoint index within that stage, each MODEL_NOWHERE when the
 * place is not that precise.  False when an id names nothing in the map. */
#define MODEL_NOWHERE ((size_t)-1)
bool model_locate(const struct model_map *m, int64_t stage_id,
		  int64_t touchpoint_id, size_t *si, size_t *ti);

/* Names for the enums, untranslated (for files) and translated (for people). */
const char *model_severity_key(enum model_severity s);
const char *model_status_key(enum model_status s);
int model_severity_parse(const char *key);	/* -1 when unknown */
int model_status_parse(const char *key);	/* -1 when unknown */
const char *model_severity_label(enum model_severity s);
/* An emotion in words ("very negative" .. "very positive"), translated;
 * out of range: the nearest end of the scale. */
const char *model_emotion_label(int e);
const char *model_status_label(enum model_status s);
/* The status of a gap: some languages say it otherwise than of a silo. */
const char *model_gap_status_label(enum model_status s);

#endif
