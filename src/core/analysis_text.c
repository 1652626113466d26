/* analysis_text.c - the analysis in words: the kinds' keys and labels,
 * and a sentence for each finding.  Pure, like analysis.c: names come
 * from the model as it is now, raw (escape them before printing). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "core/plan.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define ANALYSIS_KIND_KEY(name, key, label) key,
static const char *const kind_keys[] = {
	ANALYSIS_KIND_LIST(ANALYSIS_KIND_KEY)
	ANALYSIS_RECORD_LIST(ANALYSIS_KIND_KEY)
};
#undef ANALYSIS_KIND_KEY
#define ANALYSIS_KIND_LABEL(name, key, label) label,
static const char *const kind_labels[] = {
	ANALYSIS_KIND_LIST(ANALYSIS_KIND_LABEL)
	ANALYSIS_RECORD_LIST(ANALYSIS_KIND_LABEL)
};
#undef ANALYSIS_KIND_LABEL
_Static_assert(sizeof kind_keys / sizeof *kind_keys == ANALYSIS_NREPORT_KINDS,
	       "one key per report kind");

const char *analysis_kind_key(int k)
{
	return k >= 0 && k < ANALYSIS_NREPORT_KINDS ? kind_keys[k] : "";
}

int analysis_kind_parse(const char *key)
{
	for (int k = 0; k < ANALYSIS_NREPORT_KINDS; k++)
		if (strcmp(kind_keys[k], key) == 0)
			return k;
	return -1;
}

const char *analysis_kind_label(int k)
{
	return k >= 0 && k < ANALYSIS_NREPORT_KINDS ? _(kind_labels[k]) : "";
}

/* Indexed by report kind, like kind_keys. */
static const char *const kind_meanings[] = {
	[ANALYSIS_UNOWNED] = N_("No department is accountable for this "
				"touchpoint, so nobody fixes it when it "
				"fails."),
	[ANALYSIS_EMPTY_STAGE] = N_("A stage with no touchpoints: part of the "
				    "journey nobody has mapped yet."),
	[ANALYSIS_CROWDED] = N_("Three or more departments contribute besides "
				"the owner: too many hands, and the customer "
				"feels it."),
	[ANALYSIS_UNACKNOWLEDGED_PAIN] = N_("The customer has a bad moment "
					    "here and no gap or silo records "
					    "it, so nobody is working on it."),
	[ANALYSIS_HANDOFF] = N_("The customer is passed from one department "
				"to another at a painful moment."),
	[ANALYSIS_SILO_HANDOFF] = N_("The customer is passed between two "
				     "departments that are known not to work "
				     "together."),
	[ANALYSIS_CONCENTRATION] = N_("One department owns most of this "
				      "stage; check that this is by design."),
	[ANALYSIS_NO_JOURNEY_OWNER] = N_("Nobody sponsors the journey as a "
					 "whole, so problems between "
					 "departments have no one to go to."),
	[ANALYSIS_MOMENT_WITHOUT_METRIC] = N_("A moment of truth nobody "
					      "measures: nobody will know "
					      "when it gets worse."),
	[ANALYSIS_METRIC_OFF_TARGET] = N_("A measure that misses the target "
					  "the team set for it."),
	[ANALYSIS_PAIN_WITHOUT_VOICE] = N_("The pain is an assumption: no "
					   "customer, employee, partner or "
					   "data backs it."),
	[ANALYSIS_GAP_WITHOUT_ACTION] = N_("A serious open gap that no action "
					   "is fixing."),
	[ANALYSIS_ACTION_OVERDUE] = N_("An action still open after its due "
				       "date."),
	[ANALYSIS_ACTION_OWNER_OUTSIDE] = N_("An action owned by a department "
					     "that has no part in what it "
					     "fixes."),
	[ANALYSIS_KIND_GAP] = N_("A problem the team recorded, with its "
				 "severity."),
	[ANALYSIS_KIND_SILO] = N_("Two departments the team recorded as not "
				  "working together."),
};
_Static_assert(sizeof kind_meanings / sizeof *kind_meanings ==
	       ANALYSIS_NREPORT_KINDS, "one meaning per report kind");

const char *analysis_kind_meaning(int k)
{
	return k >= 0 && k < ANALYSIS_NREPORT_KINDS ? _(kind_meanings[k]) : "";
}

/* ------------------------------------------------------------------ */
/* Descriptions */

static const char *an_tp_name(const struct model_map *m, int64_t id)
{
	const struct model_touchpoint *t = model_touchpoint(m, id, NULL);
	return t ? t->name : "?";
}

static const char *an_stage_name(const struct model_map *m, int64_t id)
{
	const struct model_stage *sg = model_stage(m, id);
	return sg ? sg->name : "?";
}

static const char *an_dept_name(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return d ? d->name : _("(deleted department)");
}

/* The sentences' translations, kept after the first lookup when a report
 * describes many findings (gettext costs as much as the rest of a
 * sentence).  Plurals are looked up each time: they depend on a count,
 * and few findings need one. */
enum an_word { AN_W_EMPTY, AN_W_UNOWNED, AN_W_PAIN, AN_W_HANDOFF,
	       AN_W_SILO_HANDOFF, AN_W_PAIN_HANDOFF, AN_W_NO_OWNER,
	       AN_W_MOMENT, AN_W_METRIC_TP, AN_W_METRIC_MAP, AN_W_NO_VOICE,
	       AN_W_GAP_ACTION, AN_W_OVERDUE, AN_W_OVERDUE_NOBODY,
	       AN_W_OUTSIDE, AN_W_AT_TP, AN_W_AT_STAGE, AN_W_AT_MAP,
	       AN_W_AT_SILO, AN_NWORDS };

struct analysis_words {
	const char *word[AN_NWORDS];
};

struct analysis_words *analysis_words_new(void)
{
	return xcalloc(1, sizeof(struct analysis_words));
}

void analysis_words_free(struct analysis_words *w)
{
	free(w);
}

/* gettext(msgid), kept in w (which may be NULL). */
static const char *an_gettext(struct analysis_words *w, enum an_word k,
			      const char *msgid)
	__attribute__((format_arg(3)));
static const char *an_gettext(struct analysis_words *w, enum an_word k,
			      const char *msgid)
{
	if (!w)
		return _(msgid);
	if (!w->word[k])
		w->word[k] = _(msgid);
	return w->word[k];
}

/* Names of departments[from...] joined by ", ". */
static void an_dept_list(struct buf *b, const struct model_map *m,
			 const struct analysis_finding *f, size_t from)
{
	for (size_t i = from; i < f->ndepartments; i++) {
		if (i > from)
			buf_add(b, ", ");
		buf_add(b, an_dept_name(m, f->departments[i]));
	}
}

static void an_describe_unowned(struct buf *b, const struct model_map *m,
				const struct analysis_finding *f,
				struct analysis_words *w)
{
	const char *tp = an_tp_name(m, f->touchpoint_id);
	const char *sg = an_stage_name(m, f->stage_id);
	if (f->count == 0) {
		buf_addf(b, an_gettext(w, AN_W_UNOWNED,
				       N_("'%s' in stage '%s' has no owner "
					  "department")), tp, sg);
		return;
	}
	buf_addf(b, ngettext("'%s' in stage '%s' has no owner "
			     "department; %zu department contributes, "
			     "none is accountable",
			     "'%s' in stage '%s' has no owner "
			     "department; %zu departments contribute, "
			     "none is accountable", f->count),
		 tp, sg, f->count);
}

static void an_describe_crowded(struct buf *b, const struct model_map *m,
				const struct analysis_finding *f,
				struct analysis_words *w)
{
	const char *tp = an_tp_name(m, f->touchpoint_id);
	const char *sg = an_stage_name(m, f->stage_id);
	bool owned = f->ndepartments > f->count;
	struct buf list = { 0 };
	buf_add(&list, "");
	an_dept_list(&list, m, f, owned ? 1 : 0);
	if (owned)
		buf_addf(b, ngettext("'%s' in stage '%s': %zu department "
				     "contributes besides the owner, %s: %s",
				     "'%s' in stage '%s': %zu departments "
				     "contribute besides the owner, %s: %s",
				     f->count), tp, sg, f->count,
			 an_dept_name(m, f->departments[0]), list.data);
	else
		buf_addf(b, ngettext("'%s' in stage '%s': %zu department "
				     "contributes and none owns it: %s",
				     "'%s' in stage '%s': %zu departments "
				     "contribute and none owns it: %s",
				     f->count), tp, sg, f->count, list.data);
	buf_free(&list);
}

static void an_describe_handoff(struct buf *b, const struct model_map *m,
				const struct analysis_finding *f,
				struct analysis_words *w)
{
	const char *from = an_tp_name(m, f->touchpoint_id);
	const char *to = an_tp_name(m, f->next_touchpoint_id);
	const char *da = an_dept_name(m, f->departments[0]);
	const char *db = an_dept_name(m, f->departments[1]);
	if (f->kind == ANALYSIS_SILO_HANDOFF)
		buf_addf(b, an_gettext(w, AN_W_SILO_HANDOFF,
				       N_("'%s' (%s) hands off to '%s' (%s) "
					  "across an open silo")),
			 from, da, to, db);
	else if (f->emotion < 0)
		buf_addf(b, an_gettext(w, AN_W_PAIN_HANDOFF,
				       N_("'%s' (%s) hands off to '%s' (%s), "
					  "where the customer hurts (%+d)")),
			 from, da, to, db, f->emotion);
	else
		buf_addf(b, an_gettext(w, AN_W_HANDOFF,
				       N_("'%s' (%s) hands off to '%s' (%s)")),
			 from, da, to, db);
}

static void an_describe_stage(struct buf *b, const struct model_map *m,
			      const struct analysis_finding *f,
			      struct analysis_words *w)
{
	if (f->kind == ANALYSIS_EMPTY_STAGE) {
		buf_addf(b, an_gettext(w, AN_W_EMPTY,
				       N_("stage '%s' has no touchpoints")),
			 an_stage_name(m, f->stage_id));
		return;
	}
	buf_addf(b, ngettext("%s owns %zu of the %zu touchpoint in stage '%s'",
			     "%s owns %zu of the %zu touchpoints in stage '%s'",
			     f->total),
		 an_dept_name(m, f->departments[0]), f->count, f->total,
		 an_stage_name(m, f->stage_id));
}

/* Where a finding of the plan is: the touchpoint, the stage, the silo
 * an action fixes, or the whole map. */
static void an_place(struct buf *b, const struct model_map *m,
		     const struct analysis_finding *f,
		     struct analysis_words *w)
{
	const struct model_silo *s = f->silo_id ? model_silo(m, f->silo_id)
					       : NULL;
	if (s)
		buf_addf(b, an_gettext(w, AN_W_AT_SILO,
				       N_("the silo between %s and %s")),
			 an_dept_name(m, s->dept_a), an_dept_name(m, s->dept_b));
	else if (f->touchpoint_id)
		buf_addf(b, an_gettext(w, AN_W_AT_TP, N_("'%s' in stage '%s'")),
			 an_tp_name(m, f->touchpoint_id),
			 an_stage_name(m, f->stage_id));
	else if (f->stage_id)
		buf_addf(b, an_gettext(w, AN_W_AT_STAGE, N_("stage '%s'")),
			 an_stage_name(m, f->stage_id));
	else
		buf_add(b, an_gettext(w, AN_W_AT_MAP, N_("the whole map")));
}

/* A metric's value or target as its text, with the unit. */
static void an_amount(struct buf *b, const struct model_metric *mt,
		      int field)
{
	char *v = plan_get(PLAN_METRIC, mt, field);
	buf_add(b, v);
	if (mt->unit && *mt->unit) {
		buf_addc(b, ' ');
		buf_add(b, mt->unit);
	}
	free(v);
}

static void an_describe_metric(struct buf *b, const struct model_map *m,
			       const struct analysis_finding *f,
			       struct analysis_words *w)
{
	const struct model_metric *mt = plan_metric(m, f->metric_id);
	if (!mt) {
		buf_add(b, "?");
		return;
	}
	struct buf value = { 0 }, target = { 0 };
	an_amount(&value, mt, PLAN_METRIC_VALUE);
	an_amount(&target, mt, PLAN_METRIC_TARGET);
	if (f->touchpoint_id)
		buf_addf(b, an_gettext(w, AN_W_METRIC_TP,
				       N_("'%s' in stage '%s': %s is %s, off "
					  "its target of %s (%s)")),
			 an_tp_name(m, f->touchpoint_id),
			 an_stage_name(m, f->stage_id), mt->name, value.data,
			 target.data, plan_better_label(mt->better));
	else
		buf_addf(b, an_gettext(w, AN_W_METRIC_MAP,
				       N_("journey metric %s is %s, off its "
					  "target of %s (%s)")),
			 mt->name, value.data, target.data,
			 plan_better_label(mt->better));
	buf_free(&value);
	buf_free(&target);
}

static void an_describe_gap(struct buf *b, const struct model_map *m,
			    const struct analysis_finding *f,
			    struct analysis_words *w)
{
	const struct model_gap *g = model_gap(m, f->gap_id);
	struct buf where = { 0 };
	buf_add(&where, "");
	an_place(&where, m, f, w);
	buf_addf(b, an_gettext(w, AN_W_GAP_ACTION,
			       N_("no live action fixes the high gap on %s: "
				  "%s")), where.data, g ? g->description : "?");
	buf_free(&where);
}

static void an_describe_action(struct buf *b, const struct model_map *m,
			       const struct analysis_finding *f,
			       struct analysis_words *w)
{
	const struct model_action *a = plan_action(m, f->action_id);
	if (!a) {
		buf_add(b, "?");
		return;
	}
	const char *owner = a->owner_id ? an_dept_name(m, a->owner_id) : NULL;
	if (f->kind == ANALYSIS_ACTION_OVERDUE && owner) {
		buf_addf(b, an_gettext(w, AN_W_OVERDUE,
				       N_("action '%s' (%s) was due on %s and "
					  "is still '%s'")),
			 a->title, owner, a->due,
			 plan_action_status_label(a->status));
		return;
	}
	if (f->kind == ANALYSIS_ACTION_OVERDUE) {
		buf_addf(b, an_gettext(w, AN_W_OVERDUE_NOBODY,
				       N_("action '%s' was due on %s and is "
					  "still '%s'")),
			 a->title, a->due, plan_action_status_label(a->status));
		return;
	}
	struct buf where = { 0 };
	buf_add(&where, "");
	an_place(&where, m, f, w);
	buf_addf(b, an_gettext(w, AN_W_OUTSIDE,
			       N_("action '%s' is owned by %s, which neither "
				  "owns nor contributes to %s")),
		 a->title, owner ? owner : "?", where.data);
	buf_free(&where);
}

void analysis_describe_add(struct buf *b, const struct model_map *m,
			   const struct analysis_finding *f,
			   struct analysis_words *w)
{
	switch (f->kind) {
	case ANALYSIS_UNOWNED:
		an_describe_unowned(b, m, f, w);
		break;
	case ANALYSIS_EMPTY_STAGE:
	case ANALYSIS_CONCENTRATION:
		an_describe_stage(b, m, f, w);
		break;
	case ANALYSIS_CROWDED:
		an_describe_crowded(b, m, f, w);
		break;
	case ANALYSIS_UNACKNOWLEDGED_PAIN:
		buf_addf(b, an_gettext(w, AN_W_PAIN,
				       N_("'%s' in stage '%s' has a negative "
					  "emotion (%+d) and no open gap or "
					  "silo recorded on it or its stage")),
			 an_tp_name(m, f->touchpoint_id),
			 an_stage_name(m, f->stage_id), f->emotion);
		break;
	case ANALYSIS_HANDOFF:
	case ANALYSIS_SILO_HANDOFF:
		an_describe_handoff(b, m, f, w);
		break;
	case ANALYSIS_NO_JOURNEY_OWNER:
		buf_add(b, an_gettext(w, AN_W_NO_OWNER,
				      N_("the journey has no owner: nobody is "
					 "its executive sponsor")));
		break;
	case ANALYSIS_MOMENT_WITHOUT_METRIC:
		buf_addf(b, an_gettext(w, AN_W_MOMENT,
				       N_("'%s' in stage '%s' is a moment of "
					  "truth with no metric")),
			 an_tp_name(m, f->touchpoint_id),
			 an_stage_name(m, f->stage_id));
		break;
	case ANALYSIS_METRIC_OFF_TARGET:
		an_describe_metric(b, m, f, w);
		break;
	case ANALYSIS_PAIN_WITHOUT_VOICE:
		buf_addf(b, an_gettext(w, AN_W_NO_VOICE,
				       N_("'%s' in stage '%s' has a negative "
					  "emotion (%+d) and no voice behind "
					  "it: an assumption")),
			 an_tp_name(m, f->touchpoint_id),
			 an_stage_name(m, f->stage_id), f->emotion);
		break;
	case ANALYSIS_GAP_WITHOUT_ACTION:
		an_describe_gap(b, m, f, w);
		break;
	case ANALYSIS_ACTION_OVERDUE:
	case ANALYSIS_ACTION_OWNER_OUTSIDE:
		an_describe_action(b, m, f, w);
		break;
	case ANALYSIS_NKINDS:
		break;
	}
}

char *analysis_describe(const struct model_map *m,
			const struct analysis_finding *f)
{
	struct buf b = { 0 };
	analysis_describe_add(&b, m, f, NULL);
	return buf_take(&b);
}
