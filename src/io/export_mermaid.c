/* export_mermaid.c - the Markdown document's Mermaid diagrams.
 *
 * Mermaid has no escapes: mm_text swaps the few characters a diagram's
 * grammar reserves for look-alikes, after text_printable, so control
 * characters and escape sequences only ever appear as visible text. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/analysis.h"
#include "io/export_md_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"


/* ------------------------------------------------------------------ */
/* Mermaid */

/* What the journey grammar's \s (JavaScript's) skips around a name. */
static bool mm_space(unsigned cp)
{
	return cp == ' ' || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
	       cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
}

/* Where a piece of text goes: in the journey block, or in a quoted
 * label of the flowchart (a node, a subgraph's title, an edge's text). */
enum mm_kind { MM_TITLE, MM_SECTION, MM_TASK, MM_ACTOR, MM_LABEL };

/* ':' ends a section or task name and splits task data (a title may hold
 * it), ';' and '#' end a line, "%%" starts a comment, ',' splits actors;
 * '<' and '>' could reach a renderer that takes labels as HTML.  Each
 * becomes a character that looks alike.  A flowchart's label is quoted
 * and Mermaid reads "#name;" in it as a character reference: '"' would
 * end it, '#' start a reference, '&', '<' and '>' reach the label's HTML,
 * a backtick make it Markdown and "%%{" a directive, so these (and ';',
 * for the "#...;" Mermaid's own style lines make) become references --
 * the name reads exactly as it is, in any font. */
static const char *mm_label_swap(unsigned cp)
{
	switch (cp) {
	case '"': return "#quot;";
	case '&': return "#amp;";
	case '<': return "#lt;";
	case '>': return "#gt;";
	case '#': return "#35;";
	case ';': return "#59;";
	case '%': return "#37;";
	case '`': return "#96;";
	default: return NULL;
	}
}

static const char *mm_swap(unsigned cp, enum mm_kind kind)
{
	if (kind == MM_LABEL)
		return mm_label_swap(cp);
	switch (cp) {
	case ':':	/* U+A789 modifier letter colon */
		return kind == MM_TITLE ? NULL : "\xea\x9e\x89";
	case ';': return "\xef\xbc\x9b";	/* U+FF1B fullwidth semicolon */
	case '#': return "\xef\xbc\x83";	/* U+FF03 fullwidth number sign */
	case '%': return "\xef\xbc\x85";	/* U+FF05 fullwidth percent */
	case '<': return "\xe2\x80\xb9";	/* U+2039 single angle quote */
	case '>': return "\xe2\x80\xba";	/* U+203A */
	case ',': return kind == MM_ACTOR ? "\xe2\x80\x9a" : NULL; /* U+201A */
	default: return NULL;
	}
}

/* Words the journey lexer takes as keywords at the start of a line, in
 * any case; a task name that starts with one gets a zero-width space
 * after its first letter. */
static bool mm_keyword_start(const char *s)
{
	static const char *const words[] = { "journey", "title", "section",
					     "acctitle", "accdescr" };
	char first = (char)(s[0] | 0x20);	/* lower case, for letters */
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (first == words[i][0] &&
		    strncasecmp(s, words[i], strlen(words[i])) == 0)
			return true;
	return false;
}

/* The characters mm_swap may change. */
static bool mm_maybe_swapped(unsigned char c)
{
	return c == ':' || c == ';' || c == '#' || c == '%' || c == '<' ||
	       c == '>' || c == ',' || c == '"' || c == '&' || c == '`';
}

/* The start of the white space the lexer skips at the end of p. */
static size_t mm_trim_end(const char *p, size_t start, size_t end)
{
	while (end > start) {
		size_t k = end - 1;
		while (k > start && ((unsigned char)p[k] & 0xc0) == 0x80)
			k--;
		unsigned cp;
		text_utf8_decode(p + k, &cp);
		if (!mm_space(cp))
			break;
		end = k;
	}
	return end;
}

static void mm_text(struct buf *b, const char *s, enum mm_kind kind)
{
	struct buf tmp = { 0 };
	size_t len = strlen(s), start = 0, n;
	const char *p = s;
	unsigned cp;
	if (text_plain_span(s, len) < len) {	/* else it is printable */
		text_printable_add(&tmp, s, len, false);
		p = tmp.data;
		len = tmp.len;
	}
	/* trim what the lexer would skip, so a name never vanishes */
	while (start < len && (n = text_utf8_decode(p + start, &cp)) &&
	       mm_space(cp))
		start += n;
	size_t end = mm_trim_end(p, start, len);
	if (start >= end) {
		buf_add(b, "\xe2\x80\x94");	/* an em dash for "nothing" */
		buf_free(&tmp);
		return;
	}
	size_t run = start, i = start;
	if (kind == MM_TASK && mm_keyword_start(p + start)) {
		/* the keyword's first letter, then a zero-width space */
		buf_addc(b, p[start]);
		buf_add(b, "\xe2\x80\x8b");
		run = i = start + 1;
	}
	/* only ASCII is swapped, so bytes of other characters go in runs */
	for (; i < end; i++) {
		const char *swap;
		if (!mm_maybe_swapped((unsigned char)p[i]) ||
		    !(swap = mm_swap((unsigned char)p[i], kind)))
			continue;
		buf_addn(b, p + run, i - run);
		buf_add(b, swap);
		run = i + 1;
	}
	buf_addn(b, p + run, end - run);
	buf_free(&tmp);
}

/* Score 1 to 5 from emotion -2 to +2; no emotion is drawn as neutral
 * and its task is marked. */
static int mm_score(const struct model_touchpoint *t)
{
	return t->has_emotion ? t->emotion - MODEL_EMOTION_MIN + 1 : 3;
}

/* Mermaid draws nothing that the analysis would report: a section without
 * tasks vanishes, a task without actors has no mark, and an unrated one
 * looks neutral.  So an empty stage gets a placeholder task, an unowned
 * touchpoint the actor "no owner", and an unrated one a word after its
 * name. */
static void mm_task(struct buf *b, const struct md_words *w,
		    const struct model_map *m, const struct model_touchpoint *t)
{
	buf_add(b, "      ");
	mm_text(b, t->name, MM_TASK);
	if (!t->has_emotion) {
		buf_add(b, " (");
		mm_text(b, w->unrated, MM_SECTION);
		buf_addc(b, ')');
	}
	buf_add(b, ": ");
	buf_add_int(b, mm_score(t));
	buf_add(b, ": ");
	if (t->owner_id)
		mm_text(b, md_dept_name(m, t->owner_id), MM_ACTOR);
	else
		mm_text(b, w->no_owner, MM_ACTOR);
	for (size_t k = 0; k < t->ncontributors; k++) {
		buf_add(b, ", ");
		mm_text(b, md_dept_name(m, t->contributors[k]), MM_ACTOR);
	}
	buf_addc(b, '\n');
}

void mm_journey(struct buf *b, const struct md_words *w,
		       const struct model_map *m)
{
	buf_add(b, "```mermaid\njourney\n    title ");
	mm_text(b, m->name, MM_TITLE);
	buf_addc(b, '\n');
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		buf_add(b, "    section ");
		mm_text(b, sg->name, MM_SECTION);
		buf_addc(b, '\n');
		if (sg->ntouchpoints == 0) {
			buf_add(b, "      ");
			mm_text(b, _("No touchpoints yet."), MM_TASK);
			buf_add(b, ": 3\n");
		}
		for (size_t j = 0; j < sg->ntouchpoints; j++)
			mm_task(b, w, m, &sg->touchpoints[j]);
	}
	buf_add(b, "```\n\n");
}

/* What the diagram's scores and marks mean, under it. */
void mm_legend(struct buf *b)
{
	struct buf t = { 0 };
	buf_addf(&t, _("In the diagram a touchpoint's score is its emotion "
		       "plus 3: 5 is very positive (+2), 4 positive, 3 neutral, "
		       "2 negative, 1 very negative (-2).  \"%s\" marks a "
		       "touchpoint with no emotion recorded (drawn at 3), "
		       "\"%s\" one that no department owns, and \"%s\" a "
		       "stage without touchpoints."),
		 _("unrated"), _("no owner"), _("No touchpoints yet."));
	md_sentence(b, t.data);
	buf_free(&t);
}

/* ------------------------------------------------------------------ */
/* the ownership flowchart */

/* Columns a character takes in a label: East Asian wide characters and
 * emoji two, combining marks and joiners none, the rest one. */
static unsigned mm_cols(unsigned cp)
{
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200d) ||
	    (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) ||
	    (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

/* A name as a label: printable, on one line, at most max columns; a
 * longer one is cut after a whole character -- at a space when one is
 * late enough -- and ends in "…".  The full names are in the tables. */
static void mm_label(struct buf *b, const char *s, size_t max)
{
	struct buf p = { 0 };
	buf_add(&p, "");
	text_printable_add(&p, s, strlen(s), false);
	char *t = text_trim(p.data);
	size_t len = strlen(t), cols = 0, i = 0, fit = 0, space = 0;
	unsigned cp;
	while (i < len) {
		size_t n = text_utf8_decode(t + i, &cp);
		cols += mm_cols(cp);
		if (cols > max)
			break;
		if (cols < max) {	/* room for the ellipsis after it */
			fit = i + n;
			if (cp == ' ' && cols > max / 2)
				space = i;
		}
		i += n;
	}
	if (i < len) {
		t[space ? space : fit] = '\0';
		text_trim(t);
		struct buf cut = { 0 };
		buf_add(&cut, t);
		buf_add(&cut, "\xe2\x80\xa6");	/* U+2026 … */
		mm_text(b, cut.data, MM_LABEL);
		buf_free(&cut);
	} else {
		mm_text(b, t, MM_LABEL);
	}
	buf_free(&p);
}

/* Prose under a diagram, wrapped at 80 columns (markdownlint's MD013),
 * never so that a line starts with what Markdown takes for a block
 * marker ("-", "+", "1."...): a word that would is kept on the line
 * before, however long. */
static void mm_para(struct buf *b, const char *text)
{
	struct buf t = { 0 };
	buf_add(&t, "");
	md_inline(&t, text);
	const char *p = t.data;
	size_t col = 0;
	for (;;) {
		size_t sp = strspn(p, " ");
		const char *word = p + sp;
		size_t len = strcspn(word, " "), cols = 0;
		if (len == 0)
			break;
		for (size_t i = 0; i < len;) {
			unsigned cp;
			i += text_utf8_decode(word + i, &cp);
			cols += mm_cols(cp);
		}
		bool marker = strchr("-+=:", word[0]) ||
			      (word[0] >= '0' && word[0] <= '9');
		if (col > 0 && col + sp + cols > 80 && !marker) {
			buf_addc(b, '\n');
			col = 0;
		} else if (col > 0) {
			buf_addn(b, p, sp);
			col += sp;
		}
		buf_addn(b, word, len);
		col += cols;
		p = word + len;
	}
	buf_add(b, "\n\n");
	buf_free(&t);
}

/* Beyond this many touchpoints the diagram is too big to read (and
 * Mermaid refuses diagrams of more than 50,000 characters). */
#define MM_FLOW_MAX 150
/* Columns of a name in a node or a title */
#define MM_NAME_COLS 24

/* A lane is a department that owns touchpoints (its place in
 * m->departments), or the touchpoints nobody owns (ndepartments). */
struct mm_flow {
	const struct model_touchpoint **tp;	/* journey order */
	size_t *stage, *lane, n;	/* per touchpoint */
	char *edge;	/* per edge i -> i + 1: 0, 's' silo, 'p' pain */
	size_t *colour;	/* per department: its colour among the lanes */
	size_t nlanes;
	bool unowned;	/* some touchpoint has no owner */
};

static size_t mm_lane_of(const struct model_map *m,
			 const struct model_touchpoint *t)
{
	const struct model_department *d =
		t->owner_id ? model_department(m, t->owner_id) : NULL;
	return d ? (size_t)(d - m->departments) : m->ndepartments;
}

static size_t mm_find(const struct mm_flow *f, int64_t id)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->tp[i]->id == id)
			return i;
	return MODEL_NOWHERE;
}

/* Handoffs across a silo and into pain, from the findings, decided ones
 * too: a decision does not take the silo away.  With unowned touchpoints
 * skipped (an option) a handoff spans several edges; all are marked. */
static void mm_mark_edges(struct mm_flow *f, const struct analysis *a)
{
	for (size_t k = 0; k < a->nfindings; k++) {
		const struct analysis_finding *x = &a->findings[k];
		if (x->kind != ANALYSIS_SILO_HANDOFF &&
		    x->kind != ANALYSIS_HANDOFF)
			continue;
		size_t from = mm_find(f, x->touchpoint_id);
		size_t to = mm_find(f, x->next_touchpoint_id);
		if (from == MODEL_NOWHERE || to == MODEL_NOWHERE)
			continue;
		for (size_t i = from; i < to; i++)
			if (f->edge[i] != 's')
				f->edge[i] = x->kind == ANALYSIS_SILO_HANDOFF
						     ? 's' : 'p';
	}
}

static void mm_flow_init(struct mm_flow *f, const struct model_map *m,
			 const struct analysis *a)
{
	size_t n = model_touchpoint_count(m), nd = m->ndepartments;
	f->tp = xcalloc(n + 1, sizeof *f->tp);
	f->stage = xcalloc(n + 1, sizeof *f->stage);
	f->lane = xcalloc(n + 1, sizeof *f->lane);
	f->edge = xcalloc(n + 1, 1);
	f->colour = xcalloc(nd + 1, sizeof *f->colour);
	f->n = 0;
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			const struct model_touchpoint *t =
				&m->stages[i].touchpoints[j];
			f->tp[f->n] = t;
			f->stage[f->n] = i;
			f->lane[f->n++] = mm_lane_of(m, t);
		}
	/* colour[d] - 1: the department's place among the owning ones */
	f->unowned = false;
	for (size_t i = 0; i < f->n; i++)
		if (f->lane[i] < nd)
			f->colour[f->lane[i]] = 1;
		else
			f->unowned = true;
	f->nlanes = 0;
	for (size_t d = 0; d < nd; d++)
		if (f->colour[d])
			f->colour[d] = ++f->nlanes;
	mm_mark_edges(f, a);
}

static void mm_flow_free(struct mm_flow *f)
{
	free(f->tp);
	free(f->stage);
	free(f->lane);
	free(f->edge);
	free(f->colour);
}

/* "#rrggbb" of a colour given by hue (degrees), saturation and lightness
 * (0 to 1). */
static void mm_hsl(struct buf *b, double h, double s, double l,
		   unsigned *brightness)
{
	double c = (1 - (l > 0.5 ? 2 * l - 1 : 1 - 2 * l)) * s;
	double hp = h / 60;
	while (hp >= 2)
		hp -= 2;
	double x = c * (1 - (hp > 1 ? hp - 1 : 1 - hp));
	double rgb[3] = { 0, 0, 0 };
	int sector = (int)(h / 60) % 6;
	static const int big[6] = { 0, 1, 1, 2, 2, 0 };	/* gets c */
	static const int mid[6] = { 1, 0, 2, 1, 0, 2 };	/* gets x */
	rgb[big[sector]] = c;
	rgb[mid[sector]] = x;
	unsigned v[3];
	for (int k = 0; k < 3; k++)
		v[k] = (unsigned)((rgb[k] + l - c / 2) * 255 + 0.5);
	buf_addf(b, "#%02x%02x%02x", v[0], v[1], v[2]);
	if (brightness)
		*brightness = (299 * v[0] + 587 * v[1] + 114 * v[2]) / 1000;
}

/* Lane k of n: hues evenly spaced from blue, every other one darker, so
 * neighbours differ in two ways (with n odd the last, next to the first,
 * in between); the text black or white, whichever stands out more.  The
 * lane's box is a pale tint of the same hue. */
static void mm_lane_style(struct buf *b, size_t k, size_t n)
{
	double hue = 210 + 360.0 * (double)k / (double)n;
	while (hue >= 360)
		hue -= 360;
	double light = k % 2 ? 0.55 : 0.75;
	if (n % 2 && n > 1 && k == n - 1)
		light = 0.65;
	unsigned bright;
	buf_addf(b, "    classDef c%zu fill:", k + 1);
	mm_hsl(b, hue, 0.75, light, &bright);
	buf_add(b, ",stroke:");
	mm_hsl(b, hue, 0.60, 0.30, NULL);
	buf_add(b, bright >= 140 ? ",color:#000000\n" : ",color:#ffffff\n");
	buf_addf(b, "    style d%zu fill:", k + 1);
	mm_hsl(b, hue, 0.60, 0.96, NULL);
	buf_add(b, ",stroke:");
	mm_hsl(b, hue, 0.60, 0.40, NULL);
	buf_addc(b, '\n');
}

/* A node: "2 · Name ★" and, apart, "+ the contributors". */
static void mm_node(struct buf *b, const struct model_map *m,
		    const struct mm_flow *f, size_t i)
{
	const struct model_touchpoint *t = f->tp[i];
	buf_addf(b, "        t%zu[\"%zu \xc2\xb7 ", i + 1, f->stage[i] + 1);
	mm_label(b, t->name, MM_NAME_COLS);
	if (t->moment)
		buf_add(b, " " MD_MOMENT);
	if (t->ncontributors) {
		struct buf who = { 0 };
		buf_add(&who, "+ ");
		for (size_t k = 0; k < t->ncontributors; k++) {
			if (k)
				buf_add(&who, ", ");
			buf_add(&who, md_dept_name(m, t->contributors[k]));
		}
		buf_add(b, "<br/>");
		mm_label(b, who.data, MM_NAME_COLS);
		buf_free(&who);
	}
	buf_add(b, "\"]\n");
}

static void mm_lane(struct buf *b, const struct md_words *w,
		    const struct model_map *m, const struct mm_flow *f,
		    size_t lane)
{
	if (lane < m->ndepartments)
		buf_addf(b, "    subgraph d%zu[\"", f->colour[lane]);
	else
		buf_add(b, "    subgraph nobody[\"");
	mm_label(b, lane < m->ndepartments ? m->departments[lane].name
					   : w->no_owner, MM_NAME_COLS);
	buf_add(b, "\"]\n");
	for (size_t i = 0; i < f->n; i++)
		if (f->lane[i] == lane)
			mm_node(b, m, f, i);
	buf_add(b, "    end\n");
}

/* "class t1,t4 c2": a lane's nodes take its colour. */
static void mm_lane_class(struct buf *b, const struct mm_flow *f,
			  size_t lane, const char *cls)
{
	const char *sep = "    class ";
	for (size_t i = 0; i < f->n; i++)
		if (f->lane[i] == lane) {
			buf_addf(b, "%st%zu", sep, i + 1);
			sep = ",";
		}
	buf_addf(b, " %s\n", cls);
}

static void mm_edges(struct buf *b, const struct mm_flow *f)
{
	for (size_t i = 0; i + 1 < f->n; i++) {
		buf_addf(b, "    t%zu ", i + 1);
		if (f->edge[i] == 's') {
			buf_add(b, "==>|\"");
			mm_text(b, _("silo"), MM_LABEL);
			buf_add(b, "\"|");
		} else if (f->edge[i] == 'p') {
			buf_add(b, "-->|\"");
			mm_text(b, _("into pain"), MM_LABEL);
			buf_add(b, "\"|");
		} else {
			buf_add(b, "-->");
		}
		buf_addf(b, " t%zu\n", i + 2);
	}
	for (size_t i = 0; i + 1 < f->n; i++)
		if (f->edge[i] == 's')
			buf_addf(b, "    linkStyle %zu stroke:#c00000,"
				 "stroke-width:4px,color:#c00000\n", i);
		else if (f->edge[i] == 'p')
			buf_addf(b, "    linkStyle %zu stroke:#d06000,"
				 "stroke-width:2px,color:#a04000\n", i);
}

/* What the diagram shows, under it. */
static void mm_flow_legend(struct buf *b)
{
	struct buf t = { 0 };
	buf_addf(&t, _("In the ownership diagram each box is a department "
		       "and holds the touchpoints it owns, in journey order "
		       "from the top (the number is the stage, %s a moment of "
		       "truth, \"+\" the departments that contribute).  An "
		       "arrow from one box into another is a handoff; a thick "
		       "red arrow marked \"%s\" crosses an open silo between "
		       "the two, and \"%s\" marks a handoff into a touchpoint "
		       "that hurts.  The red dashed box \"%s\" holds the "
		       "touchpoints nobody owns."),
		 MD_MOMENT, _("silo"), _("into pain"), _("no owner"));
	mm_para(b, t.data);
	buf_free(&t);
}

void mm_flowchart(struct buf *b, const struct md_words *w,
		  const struct model_map *m, const struct analysis *a)
{
	size_t n = model_touchpoint_count(m);
	if (n == 0)
		return;
	if (n > MM_FLOW_MAX) {
		struct buf t = { 0 };
		buf_addf(&t, _("The ownership diagram is left out: the map has "
			       "more than %d touchpoints, too many to draw."),
			 MM_FLOW_MAX);
		mm_para(b, t.data);
		buf_free(&t);
		return;
	}
	struct analysis *own = a ? NULL : analysis_run(m, NULL);
	struct mm_flow f;
	mm_flow_init(&f, m, a ? a : own);
	/* Top to bottom, a column per lane: the width grows with the
	 * departments, not the touchpoints.  Tighter spacing than Mermaid's
	 * default keeps the demo (6 departments) under 1,000 px wide, so at a
	 * wiki's 800 px its text is still 13 px; a title margin keeps a lane's
	 * title clear of its first node. */
	buf_add(b, "```mermaid\n%%{init: {\"flowchart\": {\"nodeSpacing\": 15, "
		"\"rankSpacing\": 20, \"padding\": 8, \"subGraphTitleMargin\": "
		"{\"top\": 4, \"bottom\": 8}}}}%%\nflowchart TB\n");
	for (size_t d = 0; d <= m->ndepartments; d++)
		if (d == m->ndepartments ? f.unowned : f.colour[d] != 0)
			mm_lane(b, w, m, &f, d);
	mm_edges(b, &f);
	for (size_t d = 0; d < m->ndepartments; d++)
		if (f.colour[d]) {
			char cls[32];
			mm_lane_style(b, f.colour[d] - 1, f.nlanes);
			snprintf(cls, sizeof cls, "c%zu", f.colour[d]);
			mm_lane_class(b, &f, d, cls);
		}
	if (f.unowned) {
		buf_add(b, "    classDef none fill:#ffffff,stroke:#c00000,"
			"stroke-width:2px,stroke-dasharray:5 3,"
			"color:#000000\n");
		mm_lane_class(b, &f, m->ndepartments, "none");
		buf_add(b, "    style nobody fill:#fff0f0,stroke:#c00000,"
			"stroke-width:2px,stroke-dasharray:6 4\n");
	}
	buf_add(b, "```\n\n");
	mm_flow_legend(b);
	mm_flow_free(&f);
	analysis_free(own);
}
