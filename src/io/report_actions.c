/* report_actions.c - the "cxmap actions" report (report_actions.h).
 * Text is a table whose widths are worked out from its cells; on a
 * terminal the widest text columns give way until a line fits.  JSON is
 * written by hand, as export_json is, so no control character is raw. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/plan.h"
#include "io/export_json.h"
#include "io/export_md.h"
#include "io/report_actions.h"
#include "io/report_text.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static bool ra_keep(const struct model_action *a,
		    const struct report_actions_filter *f)
{
	unsigned statuses = f->statuses ? f->statuses
		: (1u << MODEL_ACTION_IDEA) | (1u << MODEL_ACTION_PLANNED) |
		  (1u << MODEL_ACTION_DOING);
	if (!(statuses & (1u << a->status)))
		return false;
	if (f->department && a->owner_id != f->department)
		return false;
	return !f->overdue || plan_action_overdue(a, f->today);
}

struct model_action *report_actions_select(const struct model_map *m,
					   const struct report_actions_filter *f,
					   size_t *n)
{
	struct model_action *v = NULL;
	*n = 0;
	for (size_t i = 0; i < m->nactions; i++) {
		if (!ra_keep(&m->actions[i], f))
			continue;
		if (!v)
			v = xmalloc(m->nactions * sizeof *v);
		v[(*n)++] = m->actions[i];
	}
	if (*n)
		qsort(v, *n, sizeof *v, plan_action_compare);
	return v;
}

static const char *ra_dept(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return d ? d->name : NULL;
}

/* What an action fixes, in words (raw names): "gap 1: ...", "silo 2:
 * A ↔ B", "'Invoice' in stage 'Buy'", "whole map". */
static void ra_fixes(struct buf *b, const struct model_map *m,
		     struct model_ref r)
{
	const struct model_gap *g;
	const struct model_silo *o;
	const struct model_touchpoint *t;
	size_t si;
	if (r.kind == MODEL_REF_GAP && (g = model_gap(m, r.id))) {
		buf_addf(b, _("gap %zu"), (size_t)(g - m->gaps) + 1);
		buf_add(b, ": ");
		buf_add(b, g->description);
	} else if (r.kind == MODEL_REF_SILO && (o = model_silo(m, r.id))) {
		const char *a = ra_dept(m, o->dept_a), *c = ra_dept(m, o->dept_b);
		buf_addf(b, _("silo %zu"), (size_t)(o - m->silos) + 1);
		buf_add(b, ": ");
		buf_add(b, a ? a : "?");
		buf_add(b, " \xe2\x86\x94 ");	/* U+2194 ↔ */
		buf_add(b, c ? c : "?");
	} else if (r.kind == MODEL_REF_TOUCHPOINT &&
		   (t = model_touchpoint(m, r.id, &si))) {
		buf_addf(b, _("'%s' in stage '%s'"), t->name,
			 m->stages[si].name);
	} else {
		buf_add(b, _("whole map"));
	}
}

/* ------------------------------------------------------------------ */
/* Text */

/* What matters most at a stand-up comes first: what, who, how far, when;
 * what it fixes last, the first to be cut on a narrow terminal. */
enum { RA_TITLE, RA_OWNER, RA_PERSON, RA_STATUS, RA_DUE, RA_IMPACT,
       RA_EFFORT, RA_FIXES, RA_NCOLS };

/* Columns that give way on a narrow terminal, and how far. */
static const size_t ra_min[RA_NCOLS] = { 16, 10, 8, 0, 0, 0, 0, 10 };

/* Every cell of the table, escaped: rows[0] is the header. */
static char **ra_cells(const struct model_map *m,
		       const struct report_actions_filter *f,
		       const struct model_action *v, size_t n)
{
	static const char *const head[RA_NCOLS] = {
		N_("Action"), N_("Owner"), N_("Person"), N_("Status"),
		N_("Due"), N_("Impact"), N_("Effort"), N_("Fixes") };
	char **cell = xcalloc((n + 1) * RA_NCOLS, sizeof *cell);
	for (int c = 0; c < RA_NCOLS; c++)
		cell[c] = xstrdup(_(head[c]));
	for (size_t i = 0; i < n; i++) {
		const struct model_action *a = &v[i];
		char **row = cell + (i + 1) * RA_NCOLS;
		struct buf t = { 0 };
		const char *owner = ra_dept(m, a->owner_id);
		buf_add(&t, "");
		ra_fixes(&t, m, a->fixes);
		row[RA_TITLE] = text_escape_controls(a->title);
		row[RA_FIXES] = text_escape_controls(t.data);
		row[RA_OWNER] = owner ? text_escape_controls(owner)
				      : xstrdup(_("no owner"));
		row[RA_PERSON] = text_escape_controls(a->person);
		row[RA_STATUS] = xstrdup(plan_action_status_label(a->status));
		row[RA_DUE] = plan_action_overdue(a, f->today)
			? xasprintf(_("%s overdue"), a->due) : xstrdup(a->due);
		row[RA_IMPACT] = xasprintf("%d", a->impact);
		row[RA_EFFORT] = xasprintf("%d", a->effort);
		buf_free(&t);
	}
	return cell;
}

/* Natural widths; then on a terminal the columns give way, each down to
 * its least in turn, until the line fits: what the action fixes first,
 * then the person, the owner, the action itself. */
static void ra_widths(char **cell, size_t rows, size_t width,
		      size_t w[RA_NCOLS])
{
	static const int order[] = { RA_FIXES, RA_PERSON, RA_OWNER, RA_TITLE };
	size_t total = 2 * (RA_NCOLS - 1);
	for (int c = 0; c < RA_NCOLS; c++) {
		w[c] = 0;
		for (size_t r = 0; r < rows; r++) {
			size_t x = report_width(cell[r * RA_NCOLS + c]);
			if (x > w[c])
				w[c] = x;
		}
		total += w[c];
	}
	for (size_t i = 0; width && total > width && i < 4; i++) {
		int c = order[i];
		size_t give = w[c] > ra_min[c] ? w[c] - ra_min[c] : 0;
		if (give > total - width)
			give = total - width;
		w[c] -= give;
		total -= give;
	}
}

static void ra_text(struct buf *b, const struct model_map *m,
		    const struct report_actions_filter *f,
		    const struct model_action *v, size_t n, size_t width)
{
	size_t overdue = 0;
	for (size_t i = 0; i < n; i++)
		overdue += plan_action_overdue(&v[i], f->today);
	char *name = text_escape_controls(m->name);
	buf_addf(b, _("Actions of '%s': "), name);
	free(name);
	buf_addf(b, ngettext("%zu action", "%zu actions", n), n);
	if (overdue) {
		buf_add(b, ", ");
		buf_addf(b, ngettext("%zu overdue", "%zu overdue", overdue),
			 overdue);
	}
	buf_addc(b, '\n');
	if (n == 0) {
		buf_add(b, _("No action matches.\n"));
		return;
	}
	char **cell = ra_cells(m, f, v, n);
	size_t w[RA_NCOLS];
	struct buf line = { 0 };
	ra_widths(cell, n + 1, width, w);
	for (size_t r = 0; r <= n; r++) {
		line.len = 0;
		buf_add(&line, "");
		for (int c = 0; c < RA_NCOLS; c++) {
			bool last = c + 1 == RA_NCOLS;
			bool number = c == RA_IMPACT || c == RA_EFFORT;
			if (c)
				buf_add(&line, "  ");
			if (number && r > 0)
				report_pad(&line, cell[r * RA_NCOLS + c], w[c],
					   true);
			else
				report_fit(&line, cell[r * RA_NCOLS + c], w[c],
					   last);
		}
		/* still too wide when every column has given way: cut */
		if (width && report_width(line.data) > width)
			report_fit(b, line.data, width, true);
		else
			buf_add(b, line.data);
		buf_addc(b, '\n');
	}
	buf_free(&line);
	for (size_t i = 0; i < (n + 1) * RA_NCOLS; i++)
		free(cell[i]);
	free(cell);
}

/* ------------------------------------------------------------------ */
/* JSON */

static void ra_key(struct buf *b, bool *first, int depth, const char *key)
{
	buf_add(b, *first ? "\n" : ",\n");
	*first = false;
	for (int i = 0; i < depth; i++)
		buf_add(b, "  ");
	text_json_string_add(b, key, false);
	buf_add(b, ": ");
}

static void ra_str(struct buf *b, bool *first, int depth, const char *key,
		   const char *value)
{
	ra_key(b, first, depth, key);
	if (value)
		text_json_string_add(b, value, false);
	else
		buf_add(b, "null");
}

static void ra_json_fixes(struct buf *b, const struct model_map *m,
			  struct model_ref r)
{
	const struct model_gap *g = r.kind == MODEL_REF_GAP
				    ? model_gap(m, r.id) : NULL;
	const struct model_silo *o = r.kind == MODEL_REF_SILO
				     ? model_silo(m, r.id) : NULL;
	size_t si = 0;
	const struct model_touchpoint *t = r.kind == MODEL_REF_TOUCHPOINT
		? model_touchpoint(m, r.id, &si) : NULL;
	bool first = true;
	buf_addc(b, '{');
	if (g) {
		ra_str(b, &first, 4, "kind", "gap");
		ra_key(b, &first, 4, "index");
		buf_add_uint(b, (size_t)(g - m->gaps));
		ra_str(b, &first, 4, "description", g->description);
	} else if (o) {
		const char *a = ra_dept(m, o->dept_a), *c = ra_dept(m, o->dept_b);
		ra_str(b, &first, 4, "kind", "silo");
		ra_key(b, &first, 4, "index");
		buf_add_uint(b, (size_t)(o - m->silos));
		ra_key(b, &first, 4, "departments");
		buf_addc(b, '[');
		text_json_string_add(b, a ? a : "", false);
		buf_add(b, ", ");
		text_json_string_add(b, c ? c : "", false);
		buf_addc(b, ']');
		ra_str(b, &first, 4, "description", o->description);
	} else if (t) {
		ra_str(b, &first, 4, "kind", "touchpoint");
		ra_str(b, &first, 4, "stage", m->stages[si].name);
		ra_str(b, &first, 4, "touchpoint", t->name);
	} else {
		ra_str(b, &first, 4, "kind", "map");
	}
	buf_add(b, "\n      }");
}

static void ra_json_action(struct buf *b, const struct model_map *m,
			   const struct report_actions_filter *f,
			   const struct model_action *a)
{
	bool first = true;
	char when[EXPORT_JSON_TIME_LEN];
	buf_add(b, "    {");
	ra_str(b, &first, 3, "title", a->title);
	ra_key(b, &first, 3, "fixes");
	ra_json_fixes(b, m, a->fixes);
	ra_str(b, &first, 3, "owner", ra_dept(m, a->owner_id));
	ra_str(b, &first, 3, "person", a->person);
	ra_str(b, &first, 3, "status", plan_action_status_key(a->status));
	ra_str(b, &first, 3, "due", a->due[0] ? a->due : NULL);
	ra_key(b, &first, 3, "overdue");
	buf_add(b, plan_action_overdue(a, f->today) ? "true" : "false");
	ra_key(b, &first, 3, "impact");
	buf_add_int(b, a->impact);
	ra_key(b, &first, 3, "effort");
	buf_add_int(b, a->effort);
	export_json_time(a->created, when);
	ra_str(b, &first, 3, "created", a->created ? when : NULL);
	buf_add(b, "\n    }");
}

static void ra_json(struct buf *b, const struct model_map *m,
		    const struct report_actions_filter *f,
		    const struct model_action *v, size_t n)
{
	bool first = true;
	buf_addc(b, '{');
	ra_str(b, &first, 1, "format", "cxmap-actions");
	ra_key(b, &first, 1, "version");
	buf_add_int(b, REPORT_ACTIONS_JSON_VERSION);
	ra_str(b, &first, 1, "map", m->name);
	ra_str(b, &first, 1, "today", f->today);
	ra_key(b, &first, 1, "actions");
	buf_add(b, n ? "[\n" : "[]");
	for (size_t i = 0; i < n; i++) {
		ra_json_action(b, m, f, &v[i]);
		buf_add(b, i + 1 < n ? ",\n" : "\n  ]");
	}
	buf_add(b, "\n}\n");
}

/* ------------------------------------------------------------------ */

char *report_actions(const struct model_map *m,
		     const struct report_actions_filter *f,
		     enum report_actions_format format, size_t width)
{
	size_t n;
	struct model_action *v = report_actions_select(m, f, &n);
	struct buf b = { 0 };
	buf_add(&b, "");
	if (format == REPORT_ACTIONS_JSON) {
		ra_json(&b, m, f, v, n);
	} else if (format == REPORT_ACTIONS_MARKDOWN) {
		char *title = xasprintf(_("Actions: %s"), m->name);
		char *md = export_markdown_actions(m, title, v, n);
		buf_add(&b, md);
		free(md);
		free(title);
	} else {
		ra_text(&b, m, f, v, n, width);
	}
	free(v);
	return buf_take(&b);
}
