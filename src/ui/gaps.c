/* gaps.c - the gaps view: recorded gaps and silos together with what the
 * analysis finds, grouped and sorted by stage, severity or status, and
 * filtered by department, kind, severity and status.  Findings people
 * accepted or dismissed leave that list for the decisions list (c). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/plan.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define GAPS_TEXT_MIN 30	/* cells a description gets before columns go */

struct gaps_row {
	int kind;	/* a report kind (analysis.h) */
	size_t index;	/* into the map's gaps or silos, or the findings */
	uint64_t order;	/* journey order: 64 bits even where size_t is 32 */
	int severity;
	int status;	/* MODEL_OPEN for findings */
	int64_t stage_id, tp_id;
	int64_t item;	/* the gap's or silo's id; the finding's index */
};

/* The view's own state: selection, grouping and filters. */
struct gaps_state {
	size_t sel;
	int sort;	/* 0 stage, 1 severity, 2 status */
	int64_t dept;	/* 0: every department */
	int kind;	/* -1 every kind, else a report kind */
	int minsev;	/* 0 all, 1 medium and up, 2 high */
	int status;	/* 0 open, 1 resolved, 2 all */
	bool decisions;	/* listing the decisions on findings instead */
	size_t dsel;	/* the selected decision */
	/* the rows as last listed and sorted, with what they were for:
	 * listed again after a reload or a change of filter, not per key */
	struct gaps_row *rows;
	size_t nrows;
	bool fresh;
	struct gaps_state_key {
		int sort, kind, minsev, status;
		int64_t dept;
		const void *map, *analysis;
		size_t ngaps, nsilos, nfindings;	/* in-place changes */
		size_t ndecisions;
	} key;
};

static void *gaps_open(struct app *a)
{
	(void)a;
	struct gaps_state *gs = xcalloc(1, sizeof *gs);
	gs->kind = -1;
	return gs;
}

/* Position in the journey: stage by stage, card by card (map-wide items
 * first); order / GAPS_STAGE_STEP - 1 is the stage index. */
#define GAPS_STAGE_STEP ((uint64_t)1 << 32)

static uint64_t gaps_order(const struct app *a, int64_t stage_id,
			   int64_t tp_id)
{
	size_t si, j;
	if (app_locate(a, tp_id, &si, &j))
		return ((uint64_t)si + 1) * GAPS_STAGE_STEP + j + 1;
	const struct model_stage *sg = model_stage(a->map, stage_id);
	return sg ? ((uint64_t)(sg - a->map->stages) + 1) * GAPS_STAGE_STEP : 0;
}

static bool gaps_touches_dept(const struct app *a, int64_t tp_id,
			      int64_t dept)
{
	size_t si, j;
	if (!app_locate(a, tp_id, &si, &j))
		return false;
	const struct model_touchpoint *t = &a->map->stages[si].touchpoints[j];
	if (t->owner_id == dept)
		return true;
	for (size_t k = 0; k < t->ncontributors; k++)
		if (t->contributors[k] == dept)
			return true;
	return false;
}

static bool gaps_keep(const struct app *a, const struct gaps_state *gs,
		      const struct gaps_row *r,
		      int64_t dept_match)
{
	if (gs->kind >= 0 && r->kind != gs->kind)
		return false;
	if (r->severity < gs->minsev)
		return false;
	if (gs->status < 2 && r->status != gs->status)
		return false;
	return !gs->dept || dept_match;
}

/* Every row that passes the filters, sorted; returns how many. */
static size_t gaps_rows(const struct app *a, const struct gaps_state *gs,
			struct gaps_row **out)
{
	const struct model_map *m = a->map;
	const struct analysis *an = a->analysis;
	size_t n = 0, cap = m->ngaps + m->nsilos + an->nfindings + 1;
	struct gaps_row *v = xcalloc(cap, sizeof *v);
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		struct gaps_row r = { ANALYSIS_KIND_GAP, i,
			gaps_order(a, g->stage_id, g->touchpoint_id),
			(int)g->severity, (int)g->status, g->stage_id,
			g->touchpoint_id, g->id };
		if (gaps_keep(a, gs, &r, gaps_touches_dept(a, g->touchpoint_id,
						       gs->dept)))
			v[n++] = r;
	}
	for (size_t i = 0; i < m->nsilos; i++) {
		const struct model_silo *o = &m->silos[i];
		/* a silo is two departments failing each other: high */
		struct gaps_row r = { ANALYSIS_KIND_SILO, i,
			gaps_order(a, 0, o->touchpoint_id), MODEL_SEV_HIGH,
			(int)o->status, 0, o->touchpoint_id, o->id };
		if (gaps_keep(a, gs, &r, o->dept_a == gs->dept ||
				     o->dept_b == gs->dept))
			v[n++] = r;
	}
	struct analysis_filter flt = { .department_id = gs->dept };
	for (size_t i = 0; i < an->nfindings; i++) {
		const struct analysis_finding *f = &an->findings[i];
		if (f->decision_id)	/* decided: listed with the decisions */
			continue;
		struct gaps_row r = { (int)f->kind, i,
			gaps_order(a, f->stage_id, f->touchpoint_id),
			(int)f->severity, MODEL_OPEN, f->stage_id,
			f->touchpoint_id, (int64_t)i };
		if (gaps_keep(a, gs, &r, analysis_matches(f, &flt)))
			v[n++] = r;
	}
	*out = v;
	return n;
}

static int gaps_sort_mode;

static int gaps_cmp(const void *pa, const void *pb)
{
	const struct gaps_row *x = pa, *y = pb;
	int d = 0;
	if (gaps_sort_mode == 1)
		d = y->severity - x->severity;
	else if (gaps_sort_mode == 2)
		d = x->status - y->status;
	if (d == 0)
		d = (x->order > y->order) - (x->order < y->order);
	if (d == 0 && gaps_sort_mode != 1)
		d = y->severity - x->severity;
	if (d == 0)
		d = x->kind - y->kind;
	if (d == 0)
		d = (x->index > y->index) - (x->index < y->index);
	return d;
}

static void gaps_sort(const struct app *a, const struct gaps_state *gs,
		      struct gaps_row *v, size_t n)
{
	gaps_sort_mode = gs->sort;
	qsort(v, n, sizeof *v, gaps_cmp);
}

/* The rows as they are now, sorted: the view's own copy (do not free). */
static size_t gaps_list(const struct app *a, struct gaps_state *gs,
			const struct gaps_row **out)
{
	struct gaps_state_key k;
	memset(&k, 0, sizeof k);	/* padding too: compared whole */
	k.sort = gs->sort;
	k.kind = gs->kind;
	k.minsev = gs->minsev;
	k.status = gs->status;
	k.dept = gs->dept;
	k.map = a->map;
	k.analysis = a->analysis;
	k.ngaps = a->map->ngaps;
	k.nsilos = a->map->nsilos;
	k.nfindings = a->analysis->nfindings;
	k.ndecisions = a->map->ndecisions;
	if (!gs->fresh || memcmp(&k, &gs->key, sizeof k) != 0) {
		analysis_flatten(a->analysis);	/* after an update */
		struct gaps_row *rows;
		size_t n = gaps_rows(a, gs, &rows);
		gaps_sort(a, gs, rows, n);
		free(gs->rows);
		gs->rows = rows;
		gs->nrows = n;
		gs->key = k;
		gs->fresh = true;
	}
	*out = gs->rows;
	return gs->nrows;
}

static void gaps_reload(struct app *a, void *state)
{
	(void)a;
	((struct gaps_state *)state)->fresh = false;
}

static void gaps_close(void *state)
{
	struct gaps_state *gs = state;
	free(gs->rows);
	free(gs);
}

/* The group a row belongs to: a number, cheap to compare. */
static size_t gaps_group(const struct app *a, const struct gaps_state *gs,
			 const struct gaps_row *r)
{
	if (gs->sort == 1)
		return (size_t)r->severity;
	if (gs->sort == 2)
		return (size_t)r->status;
	return (size_t)(r->order / GAPS_STAGE_STEP);	/* 0: the whole map */
}

static const char *gaps_group_title(const struct app *a,
				    const struct gaps_state *gs, size_t g)
{
	if (gs->sort == 1)
		return model_severity_label((enum model_severity)g);
	if (gs->sort == 2)
		return model_status_label((enum model_status)g);
	return g ? a->map->stages[g - 1].name : _("The whole map");
}

static char *gaps_text(const struct app *a, const struct gaps_row *r)
{
	const struct model_map *m = a->map;
	if (r->kind == ANALYSIS_KIND_GAP) {
		const struct model_gap *g = &m->gaps[r->index];
		const struct model_touchpoint *t =
			model_touchpoint(m, g->touchpoint_id, NULL);
		return t ? xasprintf("%s: %s", t->name, g->description)
			 : xstrdup(g->description);
	}
	if (r->kind == ANALYSIS_KIND_SILO) {
		const struct model_silo *o = &m->silos[r->index];
		const struct model_department *da = model_department(m, o->dept_a);
		const struct model_department *db = model_department(m, o->dept_b);
		return xasprintf("%s %s %s: %s", da ? da->name : "?",
				 term_glyph(G_SILO), db ? db->name : "?",
				 o->description);
	}
	return analysis_describe(m, &a->analysis->findings[r->index]);
}

static void gaps_header(const struct app *a, const struct gaps_state *gs, int y,
			size_t shown)
{
	static const char *const sorts[] = { N_("stage"), N_("severity"),
					     N_("status") };
	static const char *const sevs[] = { N_("any"), N_("medium and up"),
					    N_("high") };
	static const char *const stats[] = { N_("open"), N_("resolved"),
					     N_("any") };
	const struct model_department *d = model_department(a->map, gs->dept);
	const char *sep = term_glyph(G_SEP);
	/* two lines, so that every filter's state stays in sight */
	char *line = xasprintf(_("%zu shown%sby %s"), shown, sep,
			       _(sorts[gs->sort]));
	if (a->map->ndecisions) {
		char *more = xasprintf(ngettext("%s%s%zu decision (c)",
						"%s%s%zu decisions (c)",
						a->map->ndecisions),
				       line, sep, a->map->ndecisions);
		free(line);
		line = more;
	}
	draw_text(y, 1, line, COLS - 2, A_BOLD);
	free(line);
	line = xasprintf(_("department: %s%skind: %s%sseverity: %s%sstatus: %s"),
		d ? d->name : _("any"), sep,
		gs->kind >= 0 ? analysis_kind_label(gs->kind) : _("any"),
		sep, _(sevs[gs->minsev]), sep, _(stats[gs->status]));
	draw_text(y + 1, 1, line, COLS - 2, A_NORMAL);
	free(line);
	draw_fill(y + 2, 0, COLS, term_glyph(G_HLINE), term_attr(TERM_DIM));
}

/* ------------------------------------------------------------------ */
/* decisions on findings */

/* The finding a decision is about, in the analysis as it is now; NULL
 * when the map no longer has it (fixed since). */
static const struct analysis_finding *gaps_decided(const struct app *a,
						   int64_t decision_id)
{
	const struct analysis *an = a->analysis;
	for (size_t i = 0; i < an->nfindings; i++)
		if (an->findings[i].decision_id == decision_id)
			return &an->findings[i];
	return NULL;
}

static void gaps_decisions_header(const struct app *a, int y)
{
	const struct model_map *m = a->map;
	size_t acc = 0;
	for (size_t i = 0; i < m->ndecisions; i++)
		acc += m->decisions[i].decision == MODEL_DECISION_ACCEPTED;
	const char *sep = term_glyph(G_SEP);
	char *line = xasprintf(ngettext("%zu decision on findings%sc shows the findings",
					"%zu decisions on findings%sc shows the findings",
					m->ndecisions), m->ndecisions, sep);
	draw_text(y, 1, line, COLS - 2, A_BOLD);
	free(line);
	line = xasprintf(_("%s: %zu%s%s: %zu%sr reopens a finding"),
			 plan_decision_label(MODEL_DECISION_ACCEPTED), acc, sep,
			 plan_decision_label(MODEL_DECISION_DISMISSED),
			 m->ndecisions - acc, sep);
	draw_text(y + 1, 1, line, COLS - 2, A_NORMAL);
	free(line);
	draw_fill(y + 2, 0, COLS, term_glyph(G_HLINE), term_attr(TERM_DIM));
}

/* A decision in two lines: what was decided on which finding; why, who
 * and when. */
static void gaps_decision_row(struct app *a, const struct model_decision *d,
			      int y, bool selected)
{
	attr_t at = selected ? A_REVERSE : A_NORMAL;
	draw_fill(y, 0, COLS, NULL, at);
	draw_fill(y + 1, 0, COLS, NULL, at);
	int x = 2, dw = 10;
	draw_text(y, x, plan_decision_label(d->decision), dw - 1, at | A_BOLD);
	x += dw;
	const struct analysis_finding *f = gaps_decided(a, d->id);
	int kind = analysis_kind_parse(d->finding);
	char *text = f ? analysis_describe(a->map, f)
		     : xasprintf(_("%s, no longer found in the map"),
				 kind >= 0 ? analysis_kind_label(kind) : d->finding);
	draw_text(y, x, text, COLS - x, at);
	free(text);
	char when[32] = "?";
	time_t tt = (time_t)d->at;
	struct tm tm;
	if (localtime_r(&tt, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	/* TRANSLATORS: a decision's reason, who decided, and when */
	char *why = xasprintf(_("\"%s\"%s%s, %s"), d->reason,
			      term_glyph(G_SEP), d->who, when);
	draw_text(y + 1, x, why, COLS - x, at | (selected ? 0 : term_attr(TERM_DIM)));
	free(why);
}

static void gaps_draw_decisions(struct app *a, struct gaps_state *gs)
{
	const struct model_map *m = a->map;
	int y = app_body_top();
	analysis_flatten(a->analysis);	/* after an update */
	gaps_decisions_header(a, y);
	if (m->ndecisions == 0) {
		draw_text(y + 4, 2, _("No decisions yet: on a finding, a accepts it as a known risk and n dismisses it."),
			  COLS - 4, A_NORMAL);
		return;
	}
	int rows = (app_body_lines() - 3) / 2;
	size_t top = list_top(&gs->dsel, m->ndecisions, rows);
	for (int r = 0; r < rows && top + (size_t)r < m->ndecisions; r++)
		gaps_decision_row(a, &m->decisions[top + (size_t)r],
				  y + 3 + 2 * r, top + (size_t)r == gs->dsel);
}

/* a, n: accepts or dismisses the selected finding, with a reason. */
static void gaps_decide(struct app *a, const struct gaps_row *r,
			enum model_decision_kind k)
{
	if (r->kind >= (int)ANALYSIS_NKINDS) {
		app_message(a, _("Only findings are accepted or dismissed: r resolves a recorded gap or silo"));
		return;
	}
	if (!app_writable(a))
		return;
	const struct analysis_finding *f = &a->analysis->findings[r->index];
	char *reason = prompt_line(app_host(a),
		k == MODEL_DECISION_ACCEPTED
		? _("Why is this risk accepted?")
		: _("Why is this not a problem?"), "");
	if (!reason)
		return;
	struct model_decision d = { 0 };
	char key[64], who[1] = "";
	snprintf(key, sizeof key, "%s", analysis_kind_key(f->kind));
	d.finding = key;
	analysis_finding_subject(f, d.subject);
	d.decision = k;
	d.reason = reason;
	d.who = who;	/* the store fills in who and when */
	int64_t id = 0;
	enum store_status st = edit_decision_add(a->edit, a->map, &d, &id);
	free(reason);
	if (!app_check(a, st))
		return;
	app_edited(a);
	app_message(a, k == MODEL_DECISION_ACCEPTED
		    ? _("Accepted: it no longer counts; c lists the decisions, u undoes")
		    : _("Dismissed: it no longer counts; c lists the decisions, u undoes"));
}

static void gaps_reopen(struct app *a, struct gaps_state *gs)
{
	if (gs->dsel >= a->map->ndecisions || !app_writable(a))
		return;
	int64_t id = a->map->decisions[gs->dsel].id;
	if (!app_check(a, edit_decision_delete(a->edit, a->map, id)))
		return;
	app_edited(a);
	app_message(a, _("Reopened: the finding counts again (u undoes)"));
}

static void gaps_decisions_action(struct app *a, struct gaps_state *gs,
				  enum ui_action act)
{
	const struct model_map *m = a->map;
	const struct model_decision *d =
		gs->dsel < m->ndecisions ? &m->decisions[gs->dsel] : NULL;
	const struct analysis_finding *f = d ? gaps_decided(a, d->id) : NULL;
	switch (act) {
	case ACT_GAPS_DECISIONS: gs->decisions = false; break;
	case ACT_GAPS_RESOLVE: gaps_reopen(a, gs); break;
	case ACT_GAPS_JUMP:
		if (!f)
			break;
		if (f->touchpoint_id || f->stage_id)
			app_select(a, f->stage_id, f->touchpoint_id);
		app_show_view(a, "board");
		break;
	case ACT_UP: case ACT_DOWN: case ACT_FIRST: case ACT_LAST:
		list_move(&gs->dsel, m->ndecisions, act);
		break;
	default:
		app_message(a, _("These are the decisions: r reopens one, c shows the findings"));
		break;
	}
}

static void gaps_draw(struct app *a, void *state)
{
	struct gaps_state *gs = state;
	if (gs->decisions) {
		gaps_draw_decisions(a, gs);
		return;
	}
	const struct gaps_row *v;
	size_t n = gaps_list(a, gs, &v);
	int y = app_body_top();
	gaps_header(a, gs, y, n);
	if (n == 0) {
		draw_text(y + 4, 2, _("Nothing here with these filters."),
			  COLS - 4, A_NORMAL);
		return;
	}
	if (gs->sel >= n)
		gs->sel = n - 1;
	int rows = app_body_lines() - 3;
	/* rows with their group headings, scrolled just enough to show the
	 * selection: walk up from it while the rows still fit */
	size_t first = gs->sel;
	int lines = 2;	/* the selected row and its heading */
	while (first > 0) {
		int add = gaps_group(a, gs, &v[first - 1]) ==
			  gaps_group(a, gs, &v[first]) ? 1 : 2;
		if (lines + add > rows)
			break;
		lines += add;
		first--;
	}
	int yy = y + 3;
	/* narrow screens drop columns, the kind first, then the status:
	 * the description keeps room to be read */
	int sevw = 7, statw = COLS >= 44 ? 10 : 0;
	int kindw = COLS >= 2 + sevw + statw + 20 + GAPS_TEXT_MIN ? 20 : 0;
	for (size_t i = first; i < n && yy < y + 3 + rows; i++) {
		size_t g = gaps_group(a, gs, &v[i]);
		if (i == first || g != gaps_group(a, gs, &v[i - 1])) {
			draw_text(yy++, 0, gaps_group_title(a, gs, g), COLS,
				  A_BOLD | A_UNDERLINE);
			if (yy >= y + 3 + rows)
				break;
		}
		const struct gaps_row *r = &v[i];
		attr_t at = i == gs->sel ? A_REVERSE : A_NORMAL;
		if (at != A_NORMAL)	/* else blank already (erase()) */
			draw_fill(yy, 0, COLS, NULL, at);
		attr_t sev = r->severity == MODEL_SEV_HIGH ? term_attr(TERM_GAP) : 0;
		int x = 2;
		draw_text(yy, x, model_severity_label((enum model_severity)r->severity),
			  sevw - 1, at | sev);
		x += sevw;
		if (statw)
			draw_text(yy, x, r->kind >= (int)ANALYSIS_NKINDS
			  ? (r->kind == ANALYSIS_KIND_GAP
			     ? model_gap_status_label((enum model_status)r->status)
			     : model_status_label((enum model_status)r->status))
			  : _("found"), statw - 1, at);
		x += statw;
		if (kindw)
			draw_text(yy, x, analysis_kind_label(r->kind),
				  kindw - 1,
				  at | (r->kind == ANALYSIS_KIND_SILO ||
					r->kind == ANALYSIS_SILO_HANDOFF
					? term_attr(TERM_SILO) : 0));
		x += kindw;
		char *text = gaps_text(a, r);
		draw_text(yy, x, text, COLS - x, at);
		free(text);
		yy++;
	}
}

/* ------------------------------------------------------------------ */

static bool gaps_selected(struct app *a, struct gaps_state *gs,
			  struct gaps_row *out)
{
	const struct gaps_row *v;
	size_t n = gaps_list(a, gs, &v);
	bool ok = gs->sel < n;
	if (ok)
		*out = v[gs->sel];
	return ok;
}

/* Keeps the selection on the same recorded item after it changed (and
 * moved in the order, or left the filtered list). */
static void gaps_follow(struct app *a, struct gaps_state *gs,
			const struct gaps_row *was)
{
	const struct gaps_row *v;
	size_t n = gaps_list(a, gs, &v);
	for (size_t i = 0; i < n; i++)
		if (v[i].kind == was->kind && v[i].item == was->item)
			gs->sel = i;
}

static bool gaps_recorded(struct app *a, const struct gaps_row *r)
{
	if (r->kind >= (int)ANALYSIS_NKINDS)
		return true;
	app_message(a, _("Findings go when the map is fixed; g on the board records a gap"));
	return false;
}

static void gaps_change(struct app *a, struct gaps_state *gs,
			enum ui_action act,
			const struct gaps_row *r)
{
	if (!gaps_recorded(a, r) || !app_writable(a))
		return;
	bool gap = r->kind == ANALYSIS_KIND_GAP;
	int64_t id = gap ? a->map->gaps[r->index].id : a->map->silos[r->index].id;
	enum store_status st = STORE_OK;
	enum model_severity sev;
	char *text = NULL;
	switch (act) {
	case ACT_GAPS_RESOLVE: {
		enum model_status now = gap ? a->map->gaps[r->index].status
					    : a->map->silos[r->index].status;
		enum model_status to = now == MODEL_OPEN ? MODEL_RESOLVED : MODEL_OPEN;
		st = gap ? edit_gap_set_status(a->edit, a->map, id, to)
			 : edit_silo_set_status(a->edit, a->map, id, to);
		if (st == STORE_OK)
			app_message(a, to == MODEL_RESOLVED ? _("Resolved") : _("Open again"));
		break;
	}
	case ACT_GAPS_EDIT:
		text = prompt_line(app_host(a), _("Description:"),
				   gap ? a->map->gaps[r->index].description
				       : a->map->silos[r->index].description);
		if (!text)
			return;
		st = gap ? edit_gap_set_description(a->edit, a->map, id, text)
			 : edit_silo_set_description(a->edit, a->map, id, text);
		break;
	case ACT_GAPS_SEVERITY:
		if (!gap) {
			app_message(a, _("A silo is always high: two departments failing each other; p changes a gap's severity"));
			return;
		}
		sev = (enum model_severity)((a->map->gaps[r->index].severity + 1) % 3);
		st = edit_gap_set_severity(a->edit, a->map, id, sev);
		if (st == STORE_OK)
			app_message(a, _("Severity: %s"), model_severity_label(sev));
		break;
	case ACT_GAPS_DELETE:
		if (!prompt_yes(app_host(a), gap ? _("Delete this gap? (y/n)")
				       : _("Delete this silo? (y/n)")))
			return;
		st = gap ? edit_gap_delete(a->edit, a->map, id)
			 : edit_silo_delete(a->edit, a->map, id);
		if (st == STORE_OK)
			app_message(a, _("Deleted (u undoes)"));
		break;
	default:
		return;
	}
	free(text);
	if (app_check(a, st)) {
		app_edited(a);
		gaps_follow(a, gs, r);
	}
}

static void gaps_pick_dept(struct app *a, struct gaps_state *gs)
{
	const struct model_map *m = a->map;
	const char **items = xcalloc(m->ndepartments + 2, sizeof *items);
	items[0] = _("(every department)");
	size_t now = 0;	/* the filter as it is: Enter keeps it */
	for (size_t i = 0; i < m->ndepartments; i++) {
		items[i + 1] = m->departments[i].name;
		if (m->departments[i].id == gs->dept)
			now = i + 1;
	}
	int k = picker_single_at(app_host(a), _("Department"), items,
				 m->ndepartments + 1, now, false, NULL);
	if (k == 0)
		gs->dept = 0;
	else if (k > 0)
		gs->dept = m->departments[k - 1].id;
	free(items);
	gs->sel = 0;
}

static void gaps_pick_kind(struct app *a, struct gaps_state *gs)
{
	enum { N = ANALYSIS_NREPORT_KINDS + 1 };
	const char *items[N];
	items[0] = _("(every kind)");
	for (int k = 0; k + 1 < N; k++)
		items[k + 1] = analysis_kind_label(k);
	int k = picker_single_at(app_host(a), _("Kind"), items, N,
				 (size_t)(gs->kind + 1), false, NULL);
	if (k >= 0)
		gs->kind = k - 1;
	gs->sel = 0;
}

static void gaps_action(struct app *a, void *state, enum ui_action act)
{
	struct gaps_state *gs = state;
	if (gs->decisions) {
		gaps_decisions_action(a, gs, act);
		return;
	}
	struct gaps_row r = { 0 };
	bool have = gaps_selected(a, gs, &r);
	switch (act) {
	case ACT_UP: if (gs->sel > 0) gs->sel--; break;
	case ACT_DOWN: gs->sel++; break;	/* clamped on drawing */
	case ACT_FIRST: gs->sel = 0; break;
	case ACT_LAST: gs->sel = (size_t)-1 / 2; break;
	case ACT_GAPS_JUMP:
		if (!have)
			break;
		/* app_select finds the card in whatever stage it is now */
		if (r.tp_id || r.stage_id)
			app_select(a, r.stage_id, r.tp_id);
		app_show_view(a, "board");
		break;
	case ACT_GAPS_RESOLVE: case ACT_GAPS_EDIT: case ACT_GAPS_SEVERITY:
	case ACT_GAPS_DELETE:
		if (have)
			gaps_change(a, gs, act, &r);
		break;
	case ACT_GAPS_SORT: gs->sort = (gs->sort + 1) % 3; break;
	case ACT_GAPS_DEPT: gaps_pick_dept(a, gs); break;
	case ACT_GAPS_KIND: gaps_pick_kind(a, gs); break;
	case ACT_GAPS_MINSEV: gs->minsev = (gs->minsev + 1) % 3; break;
	case ACT_GAPS_STATUS: gs->status = (gs->status + 1) % 3; break;
	case ACT_GAPS_ACCEPT: case ACT_GAPS_DISMISS:
		if (have)
			gaps_decide(a, &r, act == ACT_GAPS_ACCEPT
				    ? MODEL_DECISION_ACCEPTED
				    : MODEL_DECISION_DISMISSED);
		break;
	case ACT_GAPS_DECISIONS: gs->decisions = true; break;
	default: break;
	}
}

const struct view_ops gaps_view = {
	.name = "gaps", .ctx = CTX_GAPS,
	.open = gaps_open, .draw = gaps_draw, .action = gaps_action,
	.reload = gaps_reload, .close = gaps_close,
};
