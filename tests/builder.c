/* builder.c - in-memory maps for unit tests (see builder.h). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "builder.h"
#include "core/plan.h"
#include "util/xalloc.h"

/* One id sequence for everything, so ids of different kinds never
 * coincide and a mix-up shows. */
static int64_t tb_last_id = 100;

static int64_t tb_next_id(void)
{
	return ++tb_last_id;
}

struct model_map *tb_map(const char *name)
{
	struct model_map *m = xcalloc(1, sizeof *m);
	m->id = 1;
	m->name = xstrdup(name);
	m->persona = xstrdup("");
	m->scenario = xstrdup("");
	m->promise = xstrdup("");
	/* a journey with an owner, so that only the tests about it find
	 * none (tb_journey_owner) */
	m->owner = xstrdup("Journey owner");
	m->cx_lead = xstrdup("");
	m->success = xstrdup("");
	return m;
}

int64_t tb_dept(struct model_map *m, const char *name)
{
	size_t i = 0;
	while (i < m->ndepartments && strcmp(m->departments[i].name, name) < 0)
		i++;
	m->departments = xrealloc(m->departments, (m->ndepartments + 1) *
				  sizeof *m->departments);
	memmove(&m->departments[i + 1], &m->departments[i],
		(m->ndepartments - i) * sizeof *m->departments);
	m->ndepartments++;
	struct model_department *d = &m->departments[i];
	memset(d, 0, sizeof *d);
	d->id = tb_next_id();
	d->name = xstrdup(name);
	d->label = xstrdup("");
	return d->id;
}

int64_t tb_stage(struct model_map *m, const char *name)
{
	m->stages = xrealloc(m->stages, (m->nstages + 1) * sizeof *m->stages);
	struct model_stage *s = &m->stages[m->nstages++];
	memset(s, 0, sizeof *s);
	s->id = tb_next_id();
	s->name = xstrdup(name);
	s->description = xstrdup("");
	return s->id;
}

static struct model_stage *tb_stage_at(struct model_map *m, int64_t id)
{
	for (size_t i = 0; i < m->nstages; i++)
		if (m->stages[i].id == id)
			return &m->stages[i];
	ck_abort_msg("no stage %jd", (intmax_t)id);
	return NULL;
}

static struct model_touchpoint *tb_append(struct model_stage *s)
{
	s->touchpoints = xrealloc(s->touchpoints, (s->ntouchpoints + 1) *
				  sizeof *s->touchpoints);
	return &s->touchpoints[s->ntouchpoints++];
}

int64_t tb_tp(struct model_map *m, int64_t stage_id, const char *name,
	      int64_t owner)
{
	struct model_stage *s = tb_stage_at(m, stage_id);
	struct model_touchpoint *t = tb_append(s);
	memset(t, 0, sizeof *t);
	t->id = tb_next_id();
	t->stage_id = stage_id;
	t->name = xstrdup(name);
	t->channel = xstrdup("");
	t->notes = xstrdup("");
	t->owner_id = owner;
	return t->id;
}

struct model_touchpoint *tb_tp_at(struct model_map *m, int64_t tp_id)
{
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++)
			if (m->stages[i].touchpoints[j].id == tp_id)
				return &m->stages[i].touchpoints[j];
	ck_abort_msg("no touchpoint %jd", (intmax_t)tp_id);
	return NULL;
}

void tb_contributor(struct model_map *m, int64_t tp_id, int64_t dept_id)
{
	struct model_touchpoint *t = tb_tp_at(m, tp_id);
	t->contributors = xrealloc(t->contributors, (t->ncontributors + 1) *
				   sizeof *t->contributors);
	t->contributors[t->ncontributors++] = dept_id;
}

void tb_emotion(struct model_map *m, int64_t tp_id, int emotion)
{
	struct model_touchpoint *t = tb_tp_at(m, tp_id);
	t->has_emotion = true;
	t->emotion = emotion;
}

void tb_move(struct model_map *m, int64_t tp_id, int64_t stage_id)
{
	for (size_t i = 0; i < m->nstages; i++) {
		struct model_stage *s = &m->stages[i];
		for (size_t j = 0; j < s->ntouchpoints; j++) {
			if (s->touchpoints[j].id != tp_id)
				continue;
			struct model_touchpoint t = s->touchpoints[j];
			memmove(&s->touchpoints[j], &s->touchpoints[j + 1],
				(s->ntouchpoints - j - 1) * sizeof t);
			s->ntouchpoints--;
			t.stage_id = stage_id;
			*tb_append(tb_stage_at(m, stage_id)) = t;
			return;
		}
	}
	ck_abort_msg("no touchpoint %jd", (intmax_t)tp_id);
}

int64_t tb_gap(struct model_map *m, int64_t stage_id, int64_t tp_id,
	       enum model_severity sev, enum model_status status)
{
	m->gaps = xrealloc(m->gaps, (m->ngaps + 1) * sizeof *m->gaps);
	struct model_gap *g = &m->gaps[m->ngaps++];
	memset(g, 0, sizeof *g);
	g->id = tb_next_id();
	g->stage_id = stage_id;
	g->touchpoint_id = tp_id;
	g->description = xstrdup("recorded gap");
	g->severity = sev;
	g->status = status;
	return g->id;
}

int64_t tb_silo(struct model_map *m, int64_t dept_a, int64_t dept_b,
		int64_t tp_id, enum model_status status)
{
	m->silos = xrealloc(m->silos, (m->nsilos + 1) * sizeof *m->silos);
	struct model_silo *s = &m->silos[m->nsilos++];
	memset(s, 0, sizeof *s);
	s->id = tb_next_id();
	s->dept_a = dept_a;
	s->dept_b = dept_b;
	s->touchpoint_id = tp_id;
	s->description = xstrdup("recorded silo");
	s->status = status;
	return s->id;
}

/* ------------------------------------------------------------------ */
/* Metrics, voices, actions, decisions, moments (issue 13) */

void tb_journey_owner(struct model_map *m, const char *owner)
{
	free(m->owner);
	m->owner = xstrdup(owner);
}

void tb_moment(struct model_map *m, int64_t tp_id, bool moment)
{
	tb_tp_at(m, tp_id)->moment = moment;
}

int64_t tb_metric(struct model_map *m, int64_t tp_id, const char *name,
		  const char *value, const char *target, const char *better)
{
	m->metrics = xrealloc(m->metrics, (m->nmetrics + 1) *
			      sizeof *m->metrics);
	struct model_metric *v = &m->metrics[m->nmetrics++];
	plan_init(PLAN_METRIC, v);
	v->id = tb_next_id();
	v->touchpoint_id = tp_id;
	ck_assert(plan_put(PLAN_METRIC, v, PLAN_METRIC_NAME, name));
	ck_assert(plan_put(PLAN_METRIC, v, PLAN_METRIC_VALUE, value));
	ck_assert(plan_put(PLAN_METRIC, v, PLAN_METRIC_TARGET, target));
	ck_assert(plan_put(PLAN_METRIC, v, PLAN_METRIC_BETTER, better));
	return v->id;
}

struct model_metric *tb_metric_at(struct model_map *m, int64_t id)
{
	for (size_t i = 0; i < m->nmetrics; i++)
		if (m->metrics[i].id == id)
			return &m->metrics[i];
	ck_abort_msg("no metric %jd", (intmax_t)id);
	return NULL;
}

int64_t tb_voice(struct model_map *m, enum model_ref_kind about,
		 int64_t about_id, enum model_voice_kind kind,
		 const char *text)
{
	m->voices = xrealloc(m->voices, (m->nvoices + 1) * sizeof *m->voices);
	struct model_voice *v = &m->voices[m->nvoices++];
	plan_init(PLAN_VOICE, v);
	v->id = tb_next_id();
	v->about = (struct model_ref){ about, about_id };
	v->kind = kind;
	ck_assert(plan_put(PLAN_VOICE, v, PLAN_VOICE_TEXT, text));
	return v->id;
}

int64_t tb_action(struct model_map *m, enum model_ref_kind fixes,
		  int64_t fixes_id, const char *title, int64_t owner,
		  enum model_action_status status, const char *due)
{
	m->actions = xrealloc(m->actions, (m->nactions + 1) *
			      sizeof *m->actions);
	struct model_action *v = &m->actions[m->nactions++];
	plan_init(PLAN_ACTION, v);
	v->id = tb_next_id();
	v->fixes = (struct model_ref){ fixes, fixes_id };
	v->owner_id = owner;
	v->status = status;
	ck_assert(plan_put(PLAN_ACTION, v, PLAN_ACTION_TITLE, title));
	ck_assert(plan_put(PLAN_ACTION, v, PLAN_ACTION_DUE, due));
	return v->id;
}

struct model_action *tb_action_at(struct model_map *m, int64_t id)
{
	for (size_t i = 0; i < m->nactions; i++)
		if (m->actions[i].id == id)
			return &m->actions[i];
	ck_abort_msg("no action %jd", (intmax_t)id);
	return NULL;
}

int64_t tb_decision(struct model_map *m, const char *finding,
		    const struct model_ref subject[2],
		    enum model_decision_kind decision, const char *reason,
		    const char *who, int64_t at)
{
	m->decisions = xrealloc(m->decisions, (m->ndecisions + 1) *
				sizeof *m->decisions);
	struct model_decision *v = &m->decisions[m->ndecisions++];
	memset(v, 0, sizeof *v);
	v->id = tb_next_id();
	v->finding = xstrdup(finding);
	v->subject[0] = subject[0];
	v->subject[1] = subject[1];
	v->decision = decision;
	v->reason = xstrdup(reason);
	v->who = xstrdup(who);
	v->at = at;
	return v->id;
}
