/* analysis.h - what cxmap finds in a map by itself: findings (unowned
 * touchpoints, empty stages, handoffs...), the ownership matrix and the
 * handoff matrix.  Pure functions over struct model_map: no I/O, no SQL,
 * no curses.  The rules are described for users in doc/GAPS.md.
 *
 * Findings refer to the map by id, never by pointer, so an analysis stays
 * safe to read after the map is freed; run it again after a reload. */
#ifndef CX_ANALYSIS_H
#define CX_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

/* The kinds, in the order reports list them: enum name, stable key (for
 * files and --fail-on, never translated), short label (translated). */
#define ANALYSIS_KIND_LIST(X) \
	X(UNOWNED, "unowned", N_("unowned")) \
	X(EMPTY_STAGE, "empty-stage", N_("empty stage")) \
	X(CROWDED, "crowded", N_("crowded")) \
	X(UNACKNOWLEDGED_PAIN, "unacknowledged-pain", \
	  N_("unacknowledged pain")) \
	X(HANDOFF, "handoff", N_("handoff")) \
	X(SILO_HANDOFF, "silo-handoff", N_("silo handoff")) \
	X(CONCENTRATION, "concentration", N_("concentration")) \
	X(NO_JOURNEY_OWNER, "no-journey-owner", N_("no journey owner")) \
	X(MOMENT_WITHOUT_METRIC, "moment-without-metric", \
	  N_("unmeasured moment")) \
	X(METRIC_OFF_TARGET, "metric-off-target", N_("metric off target")) \
	X(PAIN_WITHOUT_VOICE, "pain-without-voice", N_("pain without voice")) \
	X(GAP_WITHOUT_ACTION, "gap-without-action", N_("gap without action")) \
	X(ACTION_OVERDUE, "action-overdue", N_("action overdue")) \
	X(ACTION_OWNER_OUTSIDE, "action-owner-outside", N_("outside owner"))

#define ANALYSIS_KIND_ENUM(name, key, label) ANALYSIS_##name,
enum analysis_kind { ANALYSIS_KIND_LIST(ANALYSIS_KIND_ENUM) ANALYSIS_NKINDS };
#undef ANALYSIS_KIND_ENUM

/* What reports count, --fail-on names and the gaps view filters by: the
 * finding kinds above, then the items people record (open ones count),
 * numbered ANALYSIS_NKINDS on.  Same columns.  These two lists are the
 * only place the kinds' keys and labels are written. */
#define ANALYSIS_RECORD_LIST(X) \
	X(GAP, "gap", N_("recorded gap")) \
	X(SILO, "silo", N_("recorded silo"))

#define ANALYSIS_RECORD_ENUM(name, key, label) ANALYSIS_RECORD_##name,
enum analysis_record { ANALYSIS_RECORD_LIST(ANALYSIS_RECORD_ENUM)
		       ANALYSIS_NRECORDS };
#undef ANALYSIS_RECORD_ENUM
#define ANALYSIS_KIND_GAP (ANALYSIS_NKINDS + ANALYSIS_RECORD_GAP)
#define ANALYSIS_KIND_SILO (ANALYSIS_NKINDS + ANALYSIS_RECORD_SILO)
#define ANALYSIS_NREPORT_KINDS (ANALYSIS_NKINDS + ANALYSIS_NRECORDS)

/* A set of kinds as a bit mask. */
#define ANALYSIS_MASK(kind) (1u << (kind))
#define ANALYSIS_ALL_KINDS ((1u << ANALYSIS_NKINDS) - 1)
/* The kinds about a whole stage rather than a touchpoint in it. */
#define ANALYSIS_STAGE_KINDS (ANALYSIS_MASK(ANALYSIS_EMPTY_STAGE) | \
			      ANALYSIS_MASK(ANALYSIS_CONCENTRATION))
/* The kinds about the journey as a whole and its plan (the owner, the
 * gaps' and actions' follow-up): worked out whole on every update, never
 * on a card, even when they name a touchpoint. */
#define ANALYSIS_PLAN_KINDS (ANALYSIS_MASK(ANALYSIS_NO_JOURNEY_OWNER) | \
			     ANALYSIS_MASK(ANALYSIS_GAP_WITHOUT_ACTION) | \
			     ANALYSIS_MASK(ANALYSIS_ACTION_OVERDUE) | \
			     ANALYSIS_MASK(ANALYSIS_ACTION_OWNER_OUTSIDE))

struct analysis_options {
	/* A touchpoint is crowded when this many departments besides its
	 * owner contribute to it; 0 turns the check off. */
	size_t crowded_threshold;
	/* A stage of at least concentration_min touchpoints is concentrated
	 * when one department owns more than concentration_percent percent
	 * of them; concentration_min 0 turns the check off. */
	size_t concentration_min;
	unsigned concentration_percent;
	/* false: a touchpoint without an owner breaks the chain of handoffs;
	 * true: the chain skips it and links its owned neighbours. */
	bool handoff_skip_unowned;
	/* "YYYY-MM-DD": actions due before it are overdue (plan_today) */
	char today[11];
};

#define ANALYSIS_CROWDED_DEFAULT 3
#define ANALYSIS_CONCENTRATION_MIN_DEFAULT 3
#define ANALYSIS_CONCENTRATION_PERCENT_DEFAULT 50

/* The defaults: crowded at 3, concentration over 50% of 3 or more,
 * unowned touchpoints break handoff chains. */
void analysis_options_init(struct analysis_options *o);

struct analysis_finding {
	enum analysis_kind kind;
	enum model_severity severity;
	/* The stage it is in; for a handoff, the stage of the first
	 * touchpoint (next_stage_id is the second's); for the plan's kinds,
	 * where the gap or what the action fixes is (0: the whole map). */
	int64_t stage_id;
	/* 0 for empty-stage, concentration, no-journey-owner, a journey
	 * metric, and gaps and actions not on a touchpoint */
	int64_t touchpoint_id;
	/* Handoffs only: the touchpoint handed to, and its stage. */
	int64_t next_touchpoint_id;
	int64_t next_stage_id;
	/* The departments concerned, owned by the analysis:
	 *   handoff, silo-handoff  [from, to]
	 *   crowded                the owner (if any), then the contributors
	 *   unacknowledged-pain, pain-without-voice, moment-without-metric,
	 *   metric-off-target (a touchpoint's), gap-without-action (on a
	 *   touchpoint)            the touchpoint's owner, if any
	 *   action-overdue, action-owner-outside  the action's owner, if any
	 *   concentration          the department that owns most of the stage
	 *   unowned, empty-stage, no-journey-owner   none */
	int64_t *departments;
	size_t ndepartments;
	/* silo-handoff: an open silo between the two; an action's: the
	 * silo it fixes */
	int64_t silo_id;
	/* unowned, crowded: contributing departments besides the owner
	 * (count); concentration: touchpoints the department owns (count)
	 * of the stage's (total). */
	size_t count, total;
	/* unacknowledged-pain, pain-without-voice: the touchpoint's emotion;
	 * handoff: the emotion of the touchpoint handed to */
	int emotion;
	size_t order;	/* rank in journey order, 0-based */
	/* what the kinds about metrics, gaps and actions are about:
	 * metric-off-target its metric; gap-without-action its gap; the
	 * action kinds their action (and gap_id when it fixes a gap) */
	int64_t gap_id, metric_id, action_id;
	/* the map's decision on it (model_decision), 0: none.  A decided
	 * finding stays in the list but no count, summary or mark has it. */
	int64_t decision_id;
};

/* The items a finding is about, for a decision on it (model_decision:
 * the kind's key and these two refs; unused ones are NONE):
 *   unowned, crowded, unacknowledged-pain, moment-without-metric,
 *   pain-without-voice     the touchpoint
 *   empty-stage            the stage
 *   concentration          the stage, the department
 *   handoff, silo-handoff  the two touchpoints, from and to
 *   metric-off-target      the metric
 *   gap-without-action     the gap
 *   action-overdue, action-owner-outside   the action
 *   no-journey-owner       the map */
void analysis_finding_subject(const struct analysis_finding *f,
			      struct model_ref s[2]);

/* What a card or a column marker needs. */
struct analysis_summary {
	size_t count;	/* matching findings */
	unsigned kinds;	/* ANALYSIS_MASK() of each kind among them */
	enum model_severity worst;	/* the highest severity; LOW if none */
};

/* departments x stages or departments x departments, counts row by row. */
struct analysis_matrix {
	size_t nrows, ncols;
	int64_t *rows;	/* department ids (0: the "no owner" row) */
	int64_t *cols;	/* stage ids or department ids */
	size_t *cells;	/* cells[row * ncols + col] */
};

struct analysis {
	struct analysis_finding *findings;
	size_t nfindings;
	/* undecided findings of each kind (a finding with a decision_id is
	 * in the list, in no count) */
	size_t counts[ANALYSIS_NKINDS];
	size_t ndecided;	/* findings a person accepted or dismissed */
	/* Rows: every department of the file, by name, then the "no owner"
	 * row (id 0); columns: the stages in order.  A cell counts the
	 * touchpoints the department owns in the stage. */
	struct analysis_matrix ownership;
	/* Rows "from", columns "to": every department of the file, by name.
	 * A cell counts handoffs, silo-handoffs included. */
	struct analysis_matrix handoffs;
	struct analysis_options options;	/* what it was run with */
	/* The header's counts: touchpoints, those with no owner id, open
	 * recorded gaps and silos (what model_*_count() say). */
	size_t ntouchpoints, nunowned, nopen_gaps, nopen_silos;
	/* private: findings, marks and matrix columns kept per stage, so
	 * that analysis_update redoes only the stages that changed */
	struct an_stages *per_stage;
};

/* Analyses a map; o NULL means the defaults.  Findings come in journey
 * order: the journey's own first (no-journey-owner, then its metrics off
 * target), then stage by stage, the stage's own findings first, then
 * each touchpoint's (in kind order), then the handoff that leaves it;
 * last the plan's: gaps without action (gaps in order), then each
 * action's (actions in order).  Findings that match a decision of the
 * map (m->decisions: the kind's key and analysis_finding_subject) carry
 * its id and are counted in ndecided, not in counts[]. */
struct analysis *analysis_run(const struct model_map *m,
			      const struct analysis_options *o);
void analysis_free(struct analysis *a);

/* A known, limited change to the map an analysis was run on. */
struct analysis_change {
	/* Stages whose own fields or touchpoints changed: touchpoints
	 * edited, added, removed, reordered, or moved in or out (name both
	 * stages of a move).  Ids as in the new map; a deleted stage needs
	 * no naming (set `stages`). */
	const int64_t *stage_ids;
	size_t nstage_ids;
	bool stages;	/* stages added, deleted or reordered */
	bool gaps;	/* gaps added, deleted or changed (anywhere) */
	bool silos;	/* silos added, deleted or changed (anywhere) */
	bool departments;	/* departments changed: never incremental */
	/* The lists of metrics, voices, actions and decisions are the
	 * ones of the map before (not read again), and no gap changed
	 * (a voice on a gap counts for the gap's touchpoint): what the
	 * analysis knew of them holds.  False (the default): read again. */
	bool plan_same;
};

/* Brings a (from analysis_run, or updated since, for the map before the
 * change) up to date with m, in time proportional to the stages named,
 * their neighbours (handoffs cross stage borders) and the number of
 * stages, gaps, silos, metrics, voices, actions and decisions -- not of
 * touchpoints.  Metrics, voices, actions and decisions need no naming:
 * unless plan_same says they stayed, every update reads them again and
 * redoes the stages whose cards they changed.  Afterwards a equals
 * analysis_run(m, &a->options): findings (in journey order, order
 * renumbered, after analysis_flatten), counts, matrices, cards, the header's counts.  False when
 * the change cannot be done incrementally (departments, or a silo that
 * turns handoffs into silo handoffs or back): a is then unchanged and
 * the caller runs analysis_run.  m must be indexed (model_reindex*), or
 * the update costs a scan per lookup. */
bool analysis_update(struct analysis *a, const struct model_map *m,
		     const struct analysis_change *c);
/* After an update a->findings is NULL (nfindings, counts and the rest
 * are current) until this lists the findings again, O(findings): call
 * it before reading a->findings or selecting, summarising or sorting. */
void analysis_flatten(struct analysis *a);

/* What the board shows on a card and on a stage's title, worked out by
 * analysis_run and analysis_update, so a frame costs what is on screen. */
#define ANALYSIS_CARD_KINDS (ANALYSIS_ALL_KINDS & \
			     ~ANALYSIS_MASK(ANALYSIS_UNOWNED) & \
			     ~ANALYSIS_PLAN_KINDS)
struct analysis_card {
	/* cards: findings of ANALYSIS_CARD_KINDS at the touchpoint (a
	 * handoff at either end); stages: of ANALYSIS_STAGE_KINDS */
	struct analysis_summary found;
	size_t open_gaps;	/* recorded on the touchpoint (on the stage
				   itself, not its cards, for a stage) */
	size_t open_silos;	/* recorded on the touchpoint (0: stage) */
};
/* By position in the map last analysed: stage index, card index in it.
 * Out of range: an empty card. */
struct analysis_card analysis_card(const struct analysis *a, size_t stage,
				   size_t tp);
struct analysis_card analysis_stage_card(const struct analysis *a,
					 size_t stage);

/* A cell of the lanes view: the cards of a stage that a department row
 * (its place in m->departments; ndepartments: the "no owner" row, owner
 * id 0) owns or contributes to, in card order.  Returns how many; *items
 * (when not NULL) gets them, valid until the next update. */
struct analysis_lane_item {
	uint32_t card;	/* 8 bytes an item, not 16: one per card and lane */
	bool contributes;	/* not the owner, a contributor */
};
size_t analysis_lane(const struct analysis *a, size_t stage, size_t row,
		     const struct analysis_lane_item **items);

/* Names of a report kind (a finding kind or ANALYSIS_KIND_GAP/_SILO,
 * below ANALYSIS_NREPORT_KINDS): the stable key, the key parsed back (-1
 * when unknown), and the translated label. */
const char *analysis_kind_key(int k);
int analysis_kind_parse(const char *key);
const char *analysis_kind_label(int k);
/* What a kind means and why it matters, one translated sentence for a
 * reader who has not seen doc/GAPS.md (documents explain each kind they
 * list with it); "" when k is out of range. */
const char *analysis_kind_meaning(int k);

/* What a report counts, indexed by report kind: the findings of each
 * kind, then the map's open recorded gaps and silos. */
void analysis_report_counts(const struct model_map *m,
			    const struct analysis *a,
			    size_t counts[ANALYSIS_NREPORT_KINDS]);

/* A translated sentence for people, with the names as they are now in m
 * (so a renamed department shows its new name).  Names are raw: escape
 * the result before printing it to a terminal.  Free it. */
char *analysis_describe(const struct model_map *m,
			const struct analysis_finding *f);
/* The same sentence appended to b.  w keeps the translations after
 * their first lookup, for a report of many findings (NULL: look them up
 * every time); one w serves one language. */
struct buf;
struct analysis_words;
struct analysis_words *analysis_words_new(void);
void analysis_words_free(struct analysis_words *w);
void analysis_describe_add(struct buf *b, const struct model_map *m,
			   const struct analysis_finding *f,
			   struct analysis_words *w);

/* Selecting findings: every non-zero field must match (all zero matches
 * everything).  A finding is "at" a touchpoint, a stage and a department
 * when one of its sides is: a handoff has two sides (first touchpoint,
 * its stage, the "from" department; second touchpoint, its stage, the
 * "to" department), so {department, stage} picks one lane cell.  Every
 * other finding has one side with all its departments.  A stage matches
 * the findings of its touchpoints too; add kinds = ANALYSIS_STAGE_KINDS
 * for only the stage's own. */
struct analysis_filter {
	int64_t touchpoint_id;
	int64_t stage_id;
	int64_t department_id;
	unsigned kinds;	/* ANALYSIS_MASK()s; 0: any kind */
};

bool analysis_matches(const struct analysis_finding *f,
		      const struct analysis_filter *flt);
/* Indices into a->findings of the matching findings, in a->findings
 * order: returns how many match, and stores the first max in idx (idx
 * may be NULL when max is 0). */
size_t analysis_select(const struct analysis *a,
		       const struct analysis_filter *flt, size_t *idx,
		       size_t max);

struct analysis_summary analysis_summarise(const struct analysis *a,
					   const struct analysis_filter *flt);
struct analysis_summary analysis_touchpoint_summary(const struct analysis *a,
						    int64_t touchpoint_id);
struct analysis_summary analysis_stage_summary(const struct analysis *a,
					       int64_t stage_id);

/* Reorders a->findings (indices from analysis_select go stale).  Ties
 * keep journey order; BY_SEVERITY puts high first. */
/* Summaries for every touchpoint and stage at once, for views that need
 * many per frame: built in one pass (O((touchpoints + findings) log
 * touchpoints)), then each lookup is O(1).  They agree with
 * analysis_summarise() for the filter { touchpoint_id, tp_kinds } and
 * { stage_id, stage_kinds }.  Positions are the map's: stage index, and
 * the touchpoint's index in its stage. */
struct analysis_marks;
struct analysis_marks *analysis_marks_new(const struct analysis *a,
					  const struct model_map *m,
					  unsigned tp_kinds,
					  unsigned stage_kinds);
struct analysis_summary analysis_marks_touchpoint(
	const struct analysis_marks *x, size_t stage, size_t tp);
struct analysis_summary analysis_marks_stage(const struct analysis_marks *x,
					     size_t stage);
void analysis_marks_free(struct analysis_marks *x);

enum analysis_sort { ANALYSIS_BY_JOURNEY, ANALYSIS_BY_SEVERITY,
		     ANALYSIS_BY_KIND };
void analysis_sort(struct analysis *a, enum analysis_sort by);

/* Matrix lookups: the count for a row id and a column id (0 when either
 * is absent), and the totals of row r or column c (indices). */
size_t analysis_matrix_get(const struct analysis_matrix *mx, int64_t row_id,
			   int64_t col_id);
size_t analysis_matrix_row_total(const struct analysis_matrix *mx, size_t r);
size_t analysis_matrix_col_total(const struct analysis_matrix *mx, size_t c);

#endif
