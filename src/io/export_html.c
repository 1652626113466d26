/* export_html.c - the HTML page: its head and style, the summary, the
 * findings, the legend, and what every part uses (headings, anchors,
 * the badges that mark where findings, gaps and silos are).  The other
 * sections are in export_html_parts.c, the emotion curve in
 * export_html_svg.c.  Every text from the map goes through hs_text or
 * hs_text_lines; every other text is ours (translations are escaped
 * too: a translator's '<' is text). */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/analysis.h"
#include "core/plan.h"
#include "io/export_html.h"
#include "io/export_html_css.h"
#include "io/export_html_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* marks: where findings, open gaps and open silos are */

struct hs_pair {
	size_t key, item;
};

/* Lists by key (0 .. nkeys-1) of the pairs' items, in the pairs' order:
 * a counting sort, stable. */
static struct hs_marks hs_marks_make(const struct hs_pair *v, size_t n,
				     size_t nkeys)
{
	struct hs_marks x;
	x.at = xcalloc(nkeys + 2, sizeof *x.at);
	x.items = xcalloc(n + 1, sizeof *x.items);
	for (size_t i = 0; i < n; i++)
		x.at[v[i].key + 2]++;
	for (size_t k = 2; k < nkeys + 2; k++)
		x.at[k] += x.at[k - 1];
	for (size_t i = 0; i < n; i++)
		x.items[x.at[v[i].key + 1]++] = v[i].item;
	return x;
}

static void hs_marks_free(struct hs_marks *x)
{
	free(x->at);
	free(x->items);
}

/* The touchpoint's place in journey order, or MODEL_NOWHERE. */
static size_t hs_tp_key(const struct hs_doc *h, int64_t id)
{
	size_t si;
	const struct model_touchpoint *t =
		id ? model_touchpoint(h->m, id, &si) : NULL;
	if (!t)
		return MODEL_NOWHERE;
	return h->base[si] + (size_t)(t - h->m->stages[si].touchpoints);
}

static size_t hs_stage_key(const struct hs_doc *h, int64_t id)
{
	const struct model_stage *sg = id ? model_stage(h->m, id) : NULL;
	return sg ? (size_t)(sg - h->m->stages) : MODEL_NOWHERE;
}

static void hs_find_marks(struct hs_doc *h, size_t ntp)
{
	const struct digest *d = h->d;
	struct hs_pair *tp = xcalloc(2 * d->nfindings + 1, sizeof *tp);
	struct hs_pair *st = xcalloc(d->nfindings + 1, sizeof *st);
	size_t ntpp = 0, nst = 0;
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct analysis_finding *f = d->findings[i];
		size_t k = hs_tp_key(h, f->touchpoint_id);
		size_t k2 = hs_tp_key(h, f->next_touchpoint_id);
		if (k != MODEL_NOWHERE)
			tp[ntpp++] = (struct hs_pair){ k, i };
		if (k2 != MODEL_NOWHERE && k2 != k)
			tp[ntpp++] = (struct hs_pair){ k2, i };
		if (k == MODEL_NOWHERE &&
		    (k = hs_stage_key(h, f->stage_id)) != MODEL_NOWHERE)
			st[nst++] = (struct hs_pair){ k, i };
	}
	h->tp_findings = hs_marks_make(tp, ntpp, ntp);
	h->stage_findings = hs_marks_make(st, nst, h->m->nstages);
	free(tp);
	free(st);
}

/* Open gaps on touchpoints and on stages; open silos on touchpoints. */
static void hs_record_marks(struct hs_doc *h, size_t ntp)
{
	const struct model_map *m = h->m;
	struct hs_pair *tp = xcalloc(m->ngaps + 1, sizeof *tp);
	struct hs_pair *st = xcalloc(m->ngaps + 1, sizeof *st);
	size_t ntpp = 0, nst = 0, k;
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		if (g->status != MODEL_OPEN)
			continue;
		if ((k = hs_tp_key(h, g->touchpoint_id)) != MODEL_NOWHERE)
			tp[ntpp++] = (struct hs_pair){ k, i };
		else if ((k = hs_stage_key(h, g->stage_id)) != MODEL_NOWHERE)
			st[nst++] = (struct hs_pair){ k, i };
	}
	h->tp_gaps = hs_marks_make(tp, ntpp, ntp);
	h->stage_gaps = hs_marks_make(st, nst, m->nstages);
	free(tp);
	tp = xcalloc(m->nsilos + 1, sizeof *tp);
	ntpp = 0;
	for (size_t i = 0; i < m->nsilos; i++)
		if (m->silos[i].status == MODEL_OPEN &&
		    (k = hs_tp_key(h, m->silos[i].touchpoint_id)) !=
			    MODEL_NOWHERE)
			tp[ntpp++] = (struct hs_pair){ k, i };
	h->tp_silos = hs_marks_make(tp, ntpp, ntp);
	free(tp);
	free(st);
}

static void hs_doc_init(struct hs_doc *h, const struct model_map *m,
			const struct digest *d, int level, const char *id)
{
	memset(h, 0, sizeof *h);
	h->m = m;
	h->d = d;
	h->level = level;
	h->id = id;
	h->plan = plan_index_new(m);
	h->no_owner = _("no owner");
	h->whole_map = _("whole map");
	h->unrated = _("unrated");
	h->contributes = _("contributes");
	h->moment = _("moment of truth");
	h->open_gap = _("open gap");
	h->open_silo = _("open silo");
	for (int e = MODEL_EMOTION_MIN; e <= MODEL_EMOTION_MAX; e++)
		h->emotion[e + 2] = model_emotion_label(e);
	for (int i = 0; i < 3; i++)
		h->severity[i] = model_severity_label((enum model_severity)i);
	for (int i = 0; i < 2; i++) {
		h->gap_status[i] = model_gap_status_label((enum model_status)i);
		h->status[i] = model_status_label((enum model_status)i);
	}
	h->base = xcalloc(m->nstages + 1, sizeof *h->base);
	size_t ntp = 0;
	for (size_t i = 0; i < m->nstages; i++) {
		h->base[i] = ntp;
		ntp += m->stages[i].ntouchpoints;
	}
	h->base[m->nstages] = ntp;
	hs_find_marks(h, ntp);
	hs_record_marks(h, ntp);
}

static void hs_doc_free(struct hs_doc *h)
{
	plan_index_free(h->plan);
	free(h->base);
	hs_marks_free(&h->tp_findings);
	hs_marks_free(&h->tp_gaps);
	hs_marks_free(&h->tp_silos);
	hs_marks_free(&h->stage_findings);
	hs_marks_free(&h->stage_gaps);
}

/* ------------------------------------------------------------------ */
/* pieces */

/* A heading at depth (0: the map's name, 1: a section, 2: under it),
 * with an anchor when id is not NULL. */
void hs_heading(struct buf *b, const struct hs_doc *h, int depth,
		const char *id, const char *title)
{
	int level = h->level + depth;
	buf_addf(b, "<h%d", level);
	if (id)
		buf_addf(b, " id=\"%s%s\"", h->id, id);
	buf_addc(b, '>');
	hs_text(b, title);
	buf_addf(b, "</h%d>\n", level);
}

/* id="f3" (findings), "g2" (gaps), "s1" (silos): the prefix and n. */
void hs_anchor(struct buf *b, const struct hs_doc *h, char kind, size_t n)
{
	buf_add(b, h->id);
	buf_addc(b, kind);
	buf_add_uint(b, n);
}

static void hs_badge_finding(struct buf *b, const struct hs_doc *h,
			     size_t i)
{
	const struct analysis_finding *f = h->d->findings[i];
	unsigned s = (unsigned)f->severity < 3 ? f->severity : 0;
	buf_add(b, "<a class=\"badge sev sev-");
	buf_add_uint(b, s);
	buf_add(b, "\" href=\"#");
	hs_anchor(b, h, 'f', h->d->number[i]);
	buf_add(b, "\" title=\"");
	hs_text(b, analysis_kind_label((int)f->kind));
	buf_add(b, "\">F");
	buf_add_uint(b, h->d->number[i]);
	buf_addc(b, ' ');
	hs_text(b, h->severity[s]);
	buf_add(b, "</a>");
}

/* An open gap's (kind 'g') or silo's ('s') badge, G2 or S1, linking to
 * its entry. */
static void hs_badge_item(struct buf *b, const struct hs_doc *h, char kind,
			  size_t n)
{
	buf_add(b, kind == 'g' ? "<a class=\"badge gap\" href=\"#"
			       : "<a class=\"badge silo\" href=\"#");
	hs_anchor(b, h, kind, n);
	buf_add(b, "\" title=\"");
	hs_text(b, kind == 'g' ? h->open_gap : h->open_silo);
	buf_add(b, "\">");
	buf_addc(b, kind == 'g' ? 'G' : 'S');
	buf_add_uint(b, n);
	buf_add(b, "</a>");
}

/* The badges of list k of each kind of marks (any may be NULL). */
void hs_badges(struct buf *b, const struct hs_doc *h,
	       const struct hs_marks *f, const struct hs_marks *g,
	       const struct hs_marks *s, size_t k)
{
	bool any = (f && f->at[k + 1] > f->at[k]) ||
		   (g && g->at[k + 1] > g->at[k]) ||
		   (s && s->at[k + 1] > s->at[k]);
	if (!any)
		return;
	buf_add(b, "<span class=\"marks\">");
	for (size_t i = f ? f->at[k] : 0; f && i < f->at[k + 1]; i++)
		hs_badge_finding(b, h, f->items[i]);
	for (size_t i = g ? g->at[k] : 0; g && i < g->at[k + 1]; i++)
		hs_badge_item(b, h, 'g', g->items[i] + 1);
	for (size_t i = s ? s->at[k] : 0; s && i < s->at[k + 1]; i++)
		hs_badge_item(b, h, 's', s->items[i] + 1);
	buf_add(b, "</span>");
}

static const char *const hs_emotion_class[5] = {
	"emo-m2", "emo-m1", "emo-0", "emo-p1", "emo-p2" };

/* "-1 negative" on its colour: the sign and the word say it without. */
static void hs_emotion_value(struct buf *b, const struct hs_doc *h, int e)
{
	if (e < MODEL_EMOTION_MIN || e > MODEL_EMOTION_MAX)
		e = 0;
	buf_add(b, "<span class=\"emo ");
	buf_add(b, hs_emotion_class[e + 2]);
	buf_add(b, "\">");
	if (e < 0)
		buf_add(b, "\xe2\x88\x92");	/* U+2212 minus */
	else if (e > 0)
		buf_addc(b, '+');
	buf_addc(b, (char)('0' + (e < 0 ? -e : e)));
	buf_addc(b, ' ');
	hs_text(b, h->emotion[e + 2]);
	buf_add(b, "</span>");
}

void hs_emotion(struct buf *b, const struct hs_doc *h,
		const struct model_touchpoint *t)
{
	if (!t->has_emotion) {
		buf_add(b, "<span class=\"emo emo-none\">");
		hs_text(b, h->unrated);
		buf_add(b, "</span>");
		return;
	}
	hs_emotion_value(b, h, t->emotion);
}

/* "2. Stage › Touchpoint", or "whole map". */
void hs_place(struct buf *b, const struct hs_doc *h, int64_t stage_id,
	      int64_t tp_id)
{
	struct buf t = { 0 };
	if (digest_where(&t, h->m, stage_id, tp_id)) {
		hs_text(b, t.data);
	} else {
		buf_add(b, "<em>");
		hs_text(b, h->whole_map);
		buf_add(b, "</em>");
	}
	buf_free(&t);
}

void hs_dept(struct buf *b, const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	hs_text(b, d ? d->name : "?");
}

/* A table's head: the labels are translated. */
void hs_th(struct buf *b, const char *const *labels, size_t n)
{
	buf_add(b, "<div class=\"tw\"><table class=\"t\"><thead><tr>");
	for (size_t i = 0; i < n; i++) {
		buf_add(b, "<th>");
		hs_text(b, labels[i][0] ? _(labels[i]) : "");
		buf_add(b, "</th>");
	}
	buf_add(b, "</tr></thead>\n<tbody>\n");
}

void hs_cell(struct buf *b, const char *text)
{
	buf_add(b, "<td>");
	hs_text(b, text);
	buf_add(b, "</td>");
}

void hs_date(struct buf *b, int64_t t)
{
	char day[16] = "";
	time_t tt = (time_t)t;
	struct tm tm;
	if (t > 0 && gmtime_r(&tt, &tm))
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
	buf_addf(b, "<td class=\"nw\">%s</td>", day);
}

void hs_none(struct buf *b, const char *none)
{
	buf_add(b, "<p class=\"none\">");
	hs_text(b, none);
	buf_add(b, "</p>\n");
}

/* A metric's value with its unit ("18 %"), or the target with the
 * direction that is better ("≤ 5 %"). */
void hs_value(struct buf *b, const struct model_metric *v, bool target)
{
	char *text = plan_metric_amount(v, target);
	hs_text(b, text);
	free(text);
}

/* "on target" or "off target" (a mark and a word besides the colour). */
void hs_target(struct buf *b, const struct model_metric *v)
{
	switch (plan_metric_target(v)) {
	case PLAN_ON_TARGET:
		buf_add(b, "<span class=\"on\">");
		hs_text(b, _("on target"));
		buf_add(b, "</span>");
		break;
	case PLAN_OFF_TARGET:
		buf_add(b, "<span class=\"off\">");
		hs_text(b, _("off target"));
		buf_add(b, "</span>");
		break;
	case PLAN_NO_TARGET:
		break;
	}
}

/* ------------------------------------------------------------------ */
/* the summary */

static void hs_lead(struct buf *b, const char *label, const char *who)
{
	buf_add(b, "<p><strong>");
	hs_text(b, label);
	buf_add(b, "</strong> ");
	if (who && !text_blank(who)) {
		hs_text(b, who);
	} else {
		buf_add(b, "<span class=\"missing\">");
		hs_text(b, _("not named"));
		buf_add(b, "</span>");
	}
	buf_add(b, "</p>");
}

/* A finding in words, with its severity and number, linking to it. */
static void hs_finding_line(struct buf *b, const struct hs_doc *h,
			    size_t i, struct analysis_words *aw)
{
	const struct analysis_finding *f = h->d->findings[i];
	unsigned s = (unsigned)f->severity < 3 ? f->severity : 0;
	struct buf t = { 0 };
	analysis_describe_add(&t, h->m, f, aw);
	buf_addf(b, "<span class=\"sev sev-%u\">", s);
	hs_text(b, h->severity[s]);
	buf_add(b, "</span> ");
	hs_text(b, t.data ? t.data : "");
	buf_add(b, " <a href=\"#");
	hs_anchor(b, h, 'f', h->d->number[i]);
	buf_addf(b, "\">F%zu</a>", h->d->number[i]);
	buf_free(&t);
}

/* "NPS 32 — target ≥ 40 — off target", one line each. */
static void hs_success_line(struct buf *b, const struct hs_doc *h)
{
	size_t n;
	const size_t *at = plan_index_metrics(h->plan, 0, &n);
	if (n == 0)
		return;
	buf_add(b, "<h3>");
	hs_text(b, _("Success metrics"));
	buf_add(b, "</h3>\n<ul class=\"facts\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct model_metric *v = &h->m->metrics[at[i]];
		buf_add(b, "<li><strong>");
		hs_text(b, v->name);
		buf_add(b, "</strong> ");
		hs_value(b, v, false);
		if (v->has_target) {
			buf_add(b, " \xe2\x80\x94 ");	/* — */
			hs_text(b, _("target"));
			buf_addc(b, ' ');
			hs_value(b, v, true);
		}
		if (plan_metric_target(v) != PLAN_NO_TARGET) {
			buf_add(b, " \xe2\x80\x94 ");
			hs_target(b, v);
		}
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ul>\n");
}

static void hs_summary(struct buf *b, const struct hs_doc *h,
		       struct analysis_words *aw)
{
	const struct digest *d = h->d;
	buf_addf(b, "<section id=\"%ssummary\">\n", h->id);
	hs_heading(b, h, 1, NULL, _("Summary"));
	buf_add(b, "<div class=\"leads\">");
	hs_lead(b, _("Journey owner:"), h->m->owner);
	hs_lead(b, _("CX lead:"), h->m->cx_lead);
	buf_add(b, "</div>\n");
	if (d->nfindings) {
		size_t n = d->nfindings < 3 ? d->nfindings : 3;
		buf_add(b, "<h3>");
		hs_text(b, ngettext("The worst problem", "The worst problems",
				    n));
		buf_add(b, "</h3>\n<ol class=\"worst\">\n");
		for (size_t i = 0; i < n; i++) {
			buf_add(b, "<li>");
			hs_finding_line(b, h, i, aw);
			buf_add(b, "</li>\n");
		}
		buf_add(b, "</ol>\n");
	}
	hs_success_line(b, h);
	struct buf facts = { 0 };
	digest_facts(&facts, d);
	buf_add(b, "<h3>");
	hs_text(b, _("Key figures"));
	buf_add(b, "</h3>\n<ul class=\"facts\">\n");
	for (const char *p = facts.data; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		buf_add(b, "<li>");
		hs_text(b, line);
		buf_add(b, "</li>\n");
		free(line);
		p += len + (nl != NULL);
	}
	buf_add(b, "</ul>\n</section>\n");
	buf_free(&facts);
}

static void hs_about_item(struct buf *b, const char *label, const char *s)
{
	if (!s || text_blank(s))
		return;
	buf_add(b, "<dt>");
	hs_text(b, label);
	buf_add(b, "</dt><dd>");
	hs_text_lines(b, s);
	buf_add(b, "</dd>\n");
}

static void hs_about(struct buf *b, const struct hs_doc *h)
{
	const struct model_map *m = h->m;
	const char *v[4] = { m->persona, m->scenario, m->promise, m->success };
	bool any = false;
	for (int i = 0; i < 4; i++)
		any |= v[i] && !text_blank(v[i]);
	if (!any)
		return;
	buf_addf(b, "<section id=\"%sabout\">\n", h->id);
	hs_heading(b, h, 1, NULL, _("About this journey"));
	buf_add(b, "<dl class=\"about\">\n");
	hs_about_item(b, _("Persona:"), v[0]);
	hs_about_item(b, _("Scenario:"), v[1]);
	hs_about_item(b, _("Promise:"), v[2]);
	hs_about_item(b, _("Definition of success:"), v[3]);
	buf_add(b, "</dl>\n</section>\n");
}

/* ------------------------------------------------------------------ */
/* findings: by severity, then by kind with what the kind means */

static const char *const hs_severity_heads[3] = {
	N_("Low"), N_("Medium"), N_("High") };

static void hs_findings(struct buf *b, const struct hs_doc *h,
			struct analysis_words *aw)
{
	const struct digest *d = h->d;
	size_t n = d->nfindings;
	const struct analysis_finding *const *v = d->listed;
	buf_addf(b, "<section id=\"%sfindings\">\n", h->id);
	hs_heading(b, h, 1, NULL, _("Findings"));
	if (n == 0)
		hs_none(b, _("cxmap finds nothing to act on in this map."));
	for (size_t r = 0; r < n;) {
		enum model_severity sev = v[r]->severity;
		unsigned s = (unsigned)sev < 3 ? sev : 0;
		buf_addf(b, "<h%d class=\"sev-head s%u\">", h->level + 2, s);
		hs_text(b, _(hs_severity_heads[s]));
		buf_addf(b, " <span class=\"num\">(%zu)</span></h%d>\n",
			 d->by_severity[s], h->level + 2);
		for (; r < n && v[r]->severity == sev;) {
			enum analysis_kind k = v[r]->kind;
			buf_addf(b, "<h%d>", h->level + 3);
			hs_text(b, analysis_kind_label((int)k));
			buf_addf(b, "</h%d>\n<p class=\"meaning\">", h->level + 3);
			hs_text(b, analysis_kind_meaning((int)k));
			buf_add(b, "</p>\n<ul class=\"flist\">\n");
			for (; r < n && v[r]->severity == sev && v[r]->kind == k;
			     r++) {
				struct buf t = { 0 };
				analysis_describe_add(&t, h->m, v[r], aw);
				buf_add(b, "<li id=\"");
				hs_anchor(b, h, 'f', r + 1);
				buf_addf(b, "\"><span class=\"fid\">F%zu</span> ",
					 r + 1);
				hs_text(b, t.data ? t.data : "");
				buf_add(b, "</li>\n");
				buf_free(&t);
			}
			buf_add(b, "</ul>\n");
		}
	}
	buf_add(b, "</section>\n");
}

/* ------------------------------------------------------------------ */
/* the legend: the same meanings as the Markdown's */

static void hs_legend_item(struct buf *b, const char *mark_html,
			   const char *text)
{
	buf_add(b, "<li>");
	buf_add(b, mark_html);
	buf_addc(b, ' ');
	hs_text(b, text);
	buf_add(b, "</li>\n");
}

static void hs_legend(struct buf *b, const struct hs_doc *h)
{
	buf_addf(b, "<section id=\"%slegend\">\n", h->id);
	hs_heading(b, h, 1, NULL, _("Legend"));
	buf_add(b, "<ul class=\"legend\">\n");
	for (int e = MODEL_EMOTION_MAX; e >= MODEL_EMOTION_MIN; e--) {
		buf_add(b, "<li>");
		hs_emotion_value(b, h, e);
		buf_add(b, "</li>\n");
	}
	buf_add(b, "<li><span class=\"emo emo-none\">");
	hs_text(b, _("unrated"));
	buf_add(b, "</span> ");
	hs_text(b, _("no emotion recorded"));
	buf_add(b, "</li>\n");
	hs_legend_item(b, "<span class=\"star\">\xe2\x98\x85</span>",
		       _("moment of truth"));
	for (int s = 2; s >= 0; s--) {
		struct buf t = { 0 };
		buf_addf(&t, "<span class=\"badge sev sev-%d\">F1 ", s);
		hs_text(&t, h->severity[s]);
		buf_add(&t, "</span>");
		buf_addf(b, "<li>%s ", t.data);
		hs_text(b, _("a finding, of this severity (see Findings)"));
		buf_add(b, "</li>\n");
		buf_free(&t);
	}
	hs_legend_item(b, "<span class=\"badge gap\">G1</span>",
		       _("an open gap (see Gaps)"));
	hs_legend_item(b, "<span class=\"badge silo\">S1</span>",
		       _("an open silo (see Silos)"));
	buf_add(b, "<li><span class=\"card\">");
	hs_text(b, _("Touchpoint"));
	buf_add(b, "</span>");
	hs_text(b, _("owned by the department of its row"));
	buf_add(b, "</li>\n<li><span class=\"card helps\">");
	hs_text(b, _("Touchpoint"));
	buf_add(b, "</span>");
	hs_text(b, _("the department of its row contributes"));
	buf_add(b, "</li>\n<li><em class=\"missing\">");
	hs_text(b, h->no_owner);
	buf_add(b, "</em> ");
	hs_text(b, _("touchpoints that no department owns"));
	buf_add(b, "</li>\n<li><span class=\"off\">");
	hs_text(b, _("off target"));
	buf_add(b, "</span> ");
	hs_text(b, _("a metric worse than its target"));
	buf_add(b, "</li>\n<li><span class=\"overdue\">");
	hs_text(b, _("overdue"));
	buf_add(b, "</span> ");
	hs_text(b, _("an open action past its due date"));
	buf_add(b, "</li>\n</ul>\n</section>\n");
}

/* ------------------------------------------------------------------ */
/* the page */

static void hs_map(struct buf *b, const struct model_map *m, int level,
		   const char *id, struct analysis_words *aw)
{
	struct digest d;
	struct hs_doc h;
	digest_make(&d, m);
	hs_doc_init(&h, m, &d, level, id);
	buf_add(b, "<header>\n");
	hs_heading(b, &h, 0, level > 1 ? "" : NULL, m->name);
	buf_add(b, "<p class=\"counts\">");
	struct buf t = { 0 };
	digest_counts(&t, &d);
	hs_text(b, t.data);
	buf_free(&t);
	buf_add(b, "</p>\n</header>\n");
	hs_summary(b, &h, aw);
	hs_about(b, &h);
	hs_journey(b, &h);
	hs_findings(b, &h, aw);
	if (m->nstages > 0) {
		hs_ownership(b, &h);
		hs_handoffs(b, &h);
	}
	hs_gaps(b, &h);
	hs_silos(b, &h);
	hs_metrics(b, &h);
	hs_voices(b, &h);
	hs_actions(b, &h);
	hs_decisions(b, &h);
	hs_legend(b, &h);
	hs_doc_free(&h);
	digest_free(&d);
}

static void hs_head(struct buf *b, const char *title)
{
	const char *lang = _("en");	/* TRANSLATORS: the page's language */
	buf_add(b, "<!doctype html>\n<html lang=\"");
	hs_text(b, lang);
	buf_add(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\">\n<meta name=\"generator\" content=\"cxmap\">\n"
		"<title>");
	hs_text(b, title);
	buf_add(b, "</title>\n<style>\n");
	for (size_t i = 0; hs_css[i]; i++)
		buf_add(b, hs_css[i]);
	buf_add(b, "</style>\n</head>\n<body>\n<main>\n");
}

static void hs_tail(struct buf *b)
{
	buf_add(b, "</main>\n</body>\n</html>\n");
}

static void hs_document(struct buf *b, const struct model_map *m)
{
	struct analysis_words *aw = analysis_words_new();
	hs_head(b, m->name);
	hs_map(b, m, 1, "", aw);
	hs_tail(b);
	analysis_words_free(aw);
}

char *export_html(const struct model_map *m)
{
	struct buf b = { 0 };
	hs_document(&b, m);
	return buf_take(&b);
}

int export_html_write(const struct model_map *m, FILE *out)
{
	struct buf b = { 0 };
	buf_stream(&b, out);
	hs_document(&b, m);
	return buf_finish(&b);
}

char *export_html_all(const struct model_map *const *maps, size_t n)
{
	struct buf b = { 0 };
	struct analysis_words *aw = analysis_words_new();
	hs_head(&b, _("Journey maps"));
	buf_add(&b, "<header>\n<h1>");
	hs_text(&b, _("Journey maps"));
	buf_add(&b, "</h1>\n<p class=\"counts\">");
	buf_addf(&b, ngettext("%zu map", "%zu maps", n), n);
	buf_add(&b, "</p>\n</header>\n<nav class=\"contents\">\n<h2>");
	hs_text(&b, _("Contents"));
	buf_add(&b, "</h2>\n<ol>\n");
	for (size_t i = 0; i < n; i++) {
		buf_addf(&b, "<li><a href=\"#m%zu-\">", i + 1);
		hs_text(&b, maps[i]->name);
		buf_add(&b, "</a></li>\n");
	}
	buf_add(&b, "</ol>\n</nav>\n");
	for (size_t i = 0; i < n; i++) {
		char id[32];
		snprintf(id, sizeof id, "m%zu-", i + 1);
		buf_add(&b, "<section class=\"map\">\n");
		hs_map(&b, maps[i], 2, id, aw);
		buf_add(&b, "</section>\n");
	}
	hs_tail(&b);
	analysis_words_free(aw);
	return buf_take(&b);
}
