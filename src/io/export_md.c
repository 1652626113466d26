/* export_md.c - Markdown export.
 *
 * Every piece of text from the map goes through one of three writers:
 * md_inline (a table cell or heading: one line, every character Markdown
 * could read as markup escaped with a backslash), md_para (free text that
 * keeps its line breaks) and mm_text (Mermaid, in export_mermaid.c, whose
 * syntax has no escapes, so the few characters it reserves are swapped for
 * look-alikes).  All three start from text_printable, so control characters and escape
 * sequences only ever appear as visible text such as \x1b. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wctype.h>

#include "core/analysis.h"
#include "core/plan.h"
#include "io/export_json.h"
#include "io/export_md.h"
#include "io/export_md_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* What md_inline does with a byte: copy it as part of a run; put a
 * backslash before it (characters with a meaning somewhere in GFM inline
 * text: code, emphasis, links, raw HTML, entities, table cells,
 * strikethrough, heading closers, and GitHub's $math$); '@'; the ':' and
 * '.' of a link; or look closer (controls, and the first byte of a
 * character beyond ASCII). */
enum md_class { MD_COPY, MD_ESCAPE, MD_AT, MD_LINK, MD_OTHER };

static const unsigned char *md_classes(void)
{
	static unsigned char cls[256];
	static bool ready;
	if (!ready) {
		for (int c = 0; c < 256; c++)
			cls[c] = c < 0x20 || c >= 0x7f ? MD_OTHER : MD_COPY;
		for (const char *e = "\\`*_[]<>&|~#$"; *e; e++)
			cls[(unsigned char)*e] = MD_ESCAPE;
		cls['@'] = MD_AT;
		cls[':'] = cls['.'] = MD_LINK;
		ready = true;
	}
	return cls;
}

/* GFM's autolink extension links bare "http://", "https://", "ftp://",
 * "www." and e-mail addresses (also after "mailto:" and "xmpp:"), and a
 * link swallows what follows it up to a space -- even the backslash of a
 * hard break.  A backslash before the ':' of "://" and the '.' of "www."
 * stops the first two; an address is found in the text after escapes are
 * undone, so '@' gets a word joiner (U+2060, invisible) after it, which
 * also keeps "@name" from being read as a mention.  The text reads the
 * same.  (Looking at s itself rather than at its printable form is the
 * same: escapes never hold 'w', ':' or '/'.) */
static bool md_autolink_at(const char *s, size_t len, size_t i)
{
	return (s[i] == ':' && i + 2 < len && s[i + 1] == '/' &&
		s[i + 2] == '/') ||
	       (s[i] == '.' && i >= 3 && strncasecmp(s + i - 3, "www", 3) == 0);
}

/* A table cell or heading: one line (text_printable's), every character
 * Markdown could read as markup escaped.  Runs that need nothing are
 * copied whole. */
static void md_inline_n(struct buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	const unsigned char *cls = md_classes();
	size_t i = 0, run = 0;
	while (i < len) {
		/* eight bytes at a time while they are all MD_COPY (0) */
		while (i + 8 <= len &&
		       !(cls[u[i]] | cls[u[i + 1]] | cls[u[i + 2]] |
			 cls[u[i + 3]] | cls[u[i + 4]] | cls[u[i + 5]] |
			 cls[u[i + 6]] | cls[u[i + 7]]))
			i += 8;
		if (i >= len)
			break;
		unsigned k = cls[u[i]];
		if (k == MD_COPY) {
			i++;
			continue;
		}
		if (k == MD_OTHER && u[i] >= 0x80) {
			size_t n = text_utf8_seq(s + i, len - i);
			unsigned cp;
			if (n && (text_utf8_decode(s + i, &cp),
				  !text_is_unsafe(cp))) {
				i += n;
				continue;
			}
		}
		if (k == MD_LINK && !md_autolink_at(s, len, i)) {
			i++;
			continue;
		}
		buf_addn(b, s + run, i - run);
		if (k == MD_ESCAPE || k == MD_LINK) {
			/* the character itself starts the next run */
			buf_addc(b, '\\');
			run = i++;
		} else if (k == MD_AT) {
			buf_addn(b, "@\xe2\x81\xa0", 4);	/* U+2060 */
			run = ++i;
		} else {
			char out[TEXT_CHAR_MAX];
			size_t o;
			i += text_printable_char(s + i, len - i, false, out, &o);
			if (out[0] == '\\')	/* "\x1b" shows as it is */
				buf_addc(b, '\\');
			buf_addn(b, out, o);
			run = i;
		}
	}
	buf_addn(b, s + run, i - run);
}

void md_inline(struct buf *b, const char *s)
{
	md_inline_n(b, s, strlen(s));
}

/* One line of a paragraph.  Block markers only count at the start of a
 * line; the ones md_inline leaves alone are escaped here: list bullets,
 * setext underlines and ordered-list numbers ("1." or "1)"). */
static void md_line(struct buf *b, const char *s, size_t n)
{
	size_t digits = 0;
	while (digits < n && s[digits] >= '0' && s[digits] <= '9')
		digits++;
	/* ':' too: a line of ":---" under another would make it a table */
	if (n > 0 && strchr("-+=:", s[0]))
		buf_addc(b, '\\');
	if (digits > 0 && digits < n && (s[digits] == '.' || s[digits] == ')')) {
		buf_addn(b, s, digits);
		buf_addc(b, '\\');
		md_inline_n(b, s + digits, n - digits);
	} else {
		md_inline_n(b, s, n);
	}
}

/* Free text after an optional bold label: single line breaks stay (as
 * hard breaks), blank lines separate paragraphs, and leading and trailing
 * spaces go (four would start a code block). */
void md_para(struct buf *b, const char *label, const char *s)
{
	struct buf tmp = { 0 };
	size_t len = strlen(s);
	const char *p = s;
	bool started = false, gap = false;
	if (text_plain_span(s, len) < len) {	/* else it is printable */
		text_printable_add(&tmp, s, len, true);
		p = tmp.data;
		len = tmp.len;
	}
	if (label) {
		buf_add(b, "**");
		md_inline(b, label);
		buf_add(b, "** ");
	}
	for (const char *line = p, *stop = p + len; line;) {
		const char *nl = memchr(line, '\n', (size_t)(stop - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(stop - line);
		while (n > 0 && line[0] == ' ') {
			line++;
			n--;
		}
		while (n > 0 && line[n - 1] == ' ')
			n--;
		if (n == 0) {
			gap = started;
		} else {
			if (started)
				buf_add(b, gap ? "\n\n" : "\\\n");
			md_line(b, line, n);
			started = true;
			gap = false;
		}
		line = nl ? nl + 1 : NULL;
	}
	buf_add(b, "\n\n");
	buf_free(&tmp);
}
void md_words_init(struct md_words *w)
{
	w->no_owner = _("no owner");
	w->unrated = _("unrated");
	w->whole_map = _("whole map");
	plan_today(w->today);
	for (int i = 0; i < 3; i++)
		w->severity[i] = model_severity_label((enum model_severity)i);
	for (int i = 0; i < 2; i++) {
		w->gap_status[i] = model_gap_status_label((enum model_status)i);
		w->status[i] = model_status_label((enum model_status)i);
	}
}

const char *md_dept_name(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return d ? d->name : "?";
}

/* ------------------------------------------------------------------ */
/* headings */


/* A heading at `depth` under the map; number > 0 puts "N. " first. */
void md_heading(struct buf *b, const struct md_doc *d,
		enum md_depth depth, size_t number, const char *title)
{
	for (int i = 0; i < d->level + (int)depth; i++)
		buf_addc(b, '#');
	buf_addc(b, ' ');
	if (number) {
		buf_add_uint(b, number);
		buf_add(b, ". ");
	}
	md_inline(b, title);
	if (d->map && depth != MD_MAP) {
		buf_add(b, " \xe2\x80\x94 ");	/* U+2014 em dash */
		md_inline(b, d->map);
	}
	buf_add(b, "\n\n");
}

/* ------------------------------------------------------------------ */
/* tables */

/* A header row and its delimiter row; the labels are translated. */
void md_table_head(struct buf *b, const char *const *labels, size_t n)
{
	buf_addc(b, '|');
	for (size_t i = 0; i < n; i++) {
		buf_addc(b, ' ');
		md_inline(b, _(labels[i]));
		buf_add(b, " |");
	}
	buf_add(b, "\n|");
	for (size_t i = 0; i < n; i++)
		buf_add(b, " --- |");
	buf_addc(b, '\n');
}

/* A cell is "| text " or, empty, "| "; md_open starts one and md_close
 * ends it, so composite cells follow the same spacing.  A row is closed by
 * md_row_end. */
size_t md_open(struct buf *b)
{
	buf_add(b, "| ");
	return buf_pos(b);
}

void md_close(struct buf *b, size_t at)
{
	if (buf_pos(b) > at)
		buf_addc(b, ' ');
}

void md_cell(struct buf *b, const char *text)
{
	size_t at = md_open(b);
	md_inline(b, text);
	md_close(b, at);
}

void md_row_end(struct buf *b)
{
	buf_add(b, "|\n");
}

void md_emphasis(struct buf *b, const char *text)
{
	buf_addc(b, '_');
	md_inline(b, text);
	buf_addc(b, '_');
}

static void md_touchpoint_row(struct buf *b, const struct md_words *w,
			      const struct model_map *m,
			      const struct plan_index *x,
			      const struct model_touchpoint *t)
{
	size_t at = md_open(b);
	if (t->moment)
		buf_add(b, MD_MOMENT " ");
	md_inline(b, t->name);
	md_close(b, at);
	md_cell(b, t->channel);
	at = md_open(b);
	if (t->owner_id)
		md_inline(b, md_dept_name(m, t->owner_id));
	else
		md_emphasis(b, w->no_owner);
	md_close(b, at);
	at = md_open(b);
	for (size_t k = 0; k < t->ncontributors; k++) {
		if (k)
			buf_add(b, ", ");
		md_inline(b, md_dept_name(m, t->contributors[k]));
	}
	md_close(b, at);
	at = md_open(b);
	if (t->has_emotion) {
		if (t->emotion > 0)
			buf_addc(b, '+');
		buf_add_int(b, t->emotion);
	}
	md_close(b, at);
	at = md_open(b);
	size_t n;
	const size_t *pos = plan_index_metrics(x, t->id, &n);
	for (size_t i = 0; i < n; i++) {
		const struct model_metric *v = &m->metrics[pos[i]];
		if (i)
			buf_add(b, "; ");
		md_inline(b, v->name);
		if (v->has_value || v->value_text[0]) {
			buf_add(b, ": ");
			md_value(b, v, false);
		}
	}
	md_close(b, at);
	md_cell(b, t->notes);
	md_row_end(b);
}

static void md_stage(struct buf *b, const struct md_doc *d,
		     const struct model_map *m, size_t i)
{
	static const char *const head[] = {
		N_("Touchpoint"), N_("Channel"), N_("Owner"),
		N_("Contributors"), N_("Emotion"), N_("Metrics"), N_("Notes") };
	const struct model_stage *sg = &m->stages[i];
	md_heading(b, d, MD_STAGE, i + 1, sg->name);
	if (!text_blank(sg->description))
		md_para(b, NULL, sg->description);
	md_stage_voices(b, m, d->plan, sg);
	if (sg->ntouchpoints == 0) {
		md_emphasis(b, _("No touchpoints yet."));
		buf_add(b, "\n\n");
		return;
	}
	md_table_head(b, head, sizeof head / sizeof *head);
	for (size_t j = 0; j < sg->ntouchpoints; j++)
		md_touchpoint_row(b, d->w, m, d->plan, &sg->touchpoints[j]);
	buf_addc(b, '\n');
	for (size_t j = 0; j < sg->ntouchpoints; j++)
		md_touchpoint_detail(b, m, d->plan, &sg->touchpoints[j]);
}

/* ------------------------------------------------------------------ */
/* the ownership matrix: stages down, departments across */

static void md_count_cell(struct buf *b, size_t owned, size_t helped)
{
	size_t at = md_open(b);
	if (owned)
		buf_add_uint(b, owned);
	if (helped) {
		buf_add(b, owned ? " (" : "(");
		buf_add_uint(b, helped);
		buf_addc(b, ')');
	}
	md_close(b, at);
}

/* Touchpoints owned and contributed to, per department (by position in
 * m->departments), and those without an owner, in some stages: one pass
 * over their touchpoints. */
struct md_tally {
	size_t *owned, *helped, unowned;
};

static size_t md_dept_pos(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return d ? (size_t)(d - m->departments) : MODEL_NOWHERE;
}

static void md_tally_stage(const struct model_map *m,
			   const struct model_stage *sg, struct md_tally *y)
{
	for (size_t j = 0; j < sg->ntouchpoints; j++) {
		const struct model_touchpoint *t = &sg->touchpoints[j];
		size_t d = t->owner_id ? md_dept_pos(m, t->owner_id)
				       : MODEL_NOWHERE;
		y->unowned += t->owner_id == 0;
		if (d != MODEL_NOWHERE)
			y->owned[d]++;
		for (size_t k = 0; k < t->ncontributors; k++)
			if ((d = md_dept_pos(m, t->contributors[k])) !=
			    MODEL_NOWHERE)
				y->helped[d]++;
	}
}

static void md_matrix_row(struct buf *b, const struct model_map *m,
			  const bool *used, const struct md_tally *y)
{
	for (size_t d = 0; d < m->ndepartments; d++)
		if (used[d])
			md_count_cell(b, y->owned[d], y->helped[d]);
	md_count_cell(b, y->unowned, 0);
	md_row_end(b);
}

static void md_matrix(struct buf *b, const struct md_doc *d,
		      const struct model_map *m)
{
	md_heading(b, d, MD_PART, 0, _("Ownership"));
	md_inline(b, _("Touchpoints each department owns in each stage; in "
		       "brackets, those it contributes to."));
	buf_add(b, "\n\n");
	md_cell(b, _("Stage"));
	size_t cols = 2, nd = m->ndepartments + 1;
	bool *used = export_departments_used(m);
	for (size_t k = 0; k < m->ndepartments; k++)
		if (used[k]) {
			md_cell(b, m->departments[k].name);
			cols++;
		}
	size_t at = md_open(b);
	md_emphasis(b, _("no owner"));
	md_close(b, at);
	buf_add(b, "|\n|");
	for (size_t i = 0; i < cols; i++)
		buf_add(b, " --- |");
	buf_addc(b, '\n');
	size_t *counts = xcalloc(4 * nd, sizeof *counts);
	struct md_tally row = { counts, counts + nd, 0 };
	struct md_tally all = { counts + 2 * nd, counts + 3 * nd, 0 };
	for (size_t i = 0; i < m->nstages; i++) {
		memset(counts, 0, 2 * nd * sizeof *counts);
		row.unowned = 0;
		md_tally_stage(m, &m->stages[i], &row);
		for (size_t k = 0; k < nd; k++) {
			all.owned[k] += row.owned[k];
			all.helped[k] += row.helped[k];
		}
		all.unowned += row.unowned;
		buf_add(b, "| ");
		buf_add_uint(b, i + 1);
		buf_add(b, ". ");
		md_inline(b, m->stages[i].name);
		buf_addc(b, ' ');
		md_matrix_row(b, m, used, &row);
	}
	buf_add(b, "| **");
	md_inline(b, _("Total"));
	buf_add(b, "** ");
	md_matrix_row(b, m, used, &all);
	buf_addc(b, '\n');
	free(counts);
	free(used);
}

/* ------------------------------------------------------------------ */
/* gaps and silos */

static void md_place(struct buf *b, const struct md_words *w,
		     const struct model_map *m,
		     int64_t stage_id, int64_t tp_id)
{
	size_t si, ti;
	size_t at = md_open(b);
	if (!model_locate(m, stage_id, tp_id, &si, &ti) || si == MODEL_NOWHERE) {
		md_emphasis(b, w->whole_map);
	} else {
		buf_add_uint(b, si + 1);
		buf_add(b, ". ");
		md_inline(b, m->stages[si].name);
		if (ti != MODEL_NOWHERE) {
			buf_add(b, " \xe2\x80\xba ");	/* U+203A › */
			md_inline(b, m->stages[si].touchpoints[ti].name);
		}
	}
	md_close(b, at);
}

void md_date(struct buf *b, int64_t t)
{
	char day[16] = "";
	time_t tt = (time_t)t;
	struct tm tm;
	if (t > 0 && gmtime_r(&tt, &tm))
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
	md_cell(b, day);
}

/* Each list says "none" in its own words: Spanish "ninguna" (brecha)
 * but "ningún silo". */
void md_none(struct buf *b, const char *none)
{
	md_emphasis(b, none);
	buf_add(b, "\n\n");
}

static void md_gaps(struct buf *b, const struct md_doc *d,
		    const struct model_map *m)
{
	static const char *const head[] = {
		"#", N_("Where"), N_("Description"), N_("Severity"),
		N_("Status"), N_("Recorded") };
	md_heading(b, d, MD_PART, 0, _("Gaps"));
	if (m->ngaps == 0) {
		md_none(b, C_("gaps", "None recorded."));
		return;
	}
	md_table_head(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		buf_add(b, "| ");
		buf_add_uint(b, i + 1);
		buf_addc(b, ' ');
		md_place(b, d->w, m, g->stage_id, g->touchpoint_id);
		md_cell(b, g->description);
		md_cell(b, d->w->severity[(unsigned)g->severity < 3 ?
					    g->severity : 0]);
		md_cell(b, d->w->gap_status[g->status == MODEL_OPEN ? 0 : 1]);
		md_date(b, g->created);
		md_row_end(b);
	}
	buf_addc(b, '\n');
	for (size_t i = 0; i < m->ngaps; i++) {
		if (!md_voice_count(d->plan, MODEL_REF_GAP, m->gaps[i].id))
			continue;
		buf_add(b, "**");
		buf_addf(b, _("Voices on gap %zu"), i + 1);
		buf_add(b, "**\n\n");
		md_voices(b, m, d->plan, MODEL_REF_GAP, m->gaps[i].id);
	}
}

static void md_silos(struct buf *b, const struct md_doc *d,
		     const struct model_map *m)
{
	static const char *const head[] = {
		"#", N_("Between"), N_("Where"), N_("Description"),
		N_("Status"), N_("Recorded") };
	md_heading(b, d, MD_PART, 0, _("Silos"));
	if (m->nsilos == 0) {
		md_none(b, C_("silos", "None recorded."));
		return;
	}
	md_table_head(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < m->nsilos; i++) {
		const struct model_silo *o = &m->silos[i];
		buf_add(b, "| ");
		buf_add_uint(b, i + 1);
		buf_add(b, " | ");
		md_inline(b, md_dept_name(m, o->dept_a));
		buf_add(b, " \xe2\x86\x94 ");	/* U+2194 ↔ */
		md_inline(b, md_dept_name(m, o->dept_b));
		buf_addc(b, ' ');
		md_place(b, d->w, m, 0, o->touchpoint_id);
		md_cell(b, o->description);
		md_cell(b, d->w->status[(unsigned)o->status < 2 ? o->status : 0]);
		md_date(b, o->created);
		md_row_end(b);
	}
	buf_addc(b, '\n');
}

/* ------------------------------------------------------------------ */

/* "3 stages · 5 touchpoints · 1 unowned · 1 open gap · 1 open silo" */
static void md_summary(struct buf *b, const struct model_map *m)
{
	size_t ntp = model_touchpoint_count(m), nun = model_unowned_count(m);
	size_t ngap = model_open_gap_count(m), nsilo = model_open_silo_count(m);
	const char *dot = " \xc2\xb7 ";	/* U+00B7 middle dot */
	buf_addf(b, ngettext("%zu stage", "%zu stages", m->nstages),
		 m->nstages);
	buf_add(b, dot);
	buf_addf(b, ngettext("%zu touchpoint", "%zu touchpoints", ntp), ntp);
	buf_add(b, dot);
	buf_addf(b, ngettext("%zu unowned", "%zu unowned", nun), nun);
	buf_add(b, dot);
	buf_addf(b, ngettext("%zu open gap", "%zu open gaps", ngap), ngap);
	buf_add(b, dot);
	buf_addf(b, ngettext("%zu open silo", "%zu open silos", nsilo), nsilo);
	buf_add(b, "\n\n");
}

/* A map's part of a document, ending with a blank line. */
static void md_map(struct buf *b, const struct md_doc *doc,
		   const struct model_map *m)
{
	struct plan_index *plan = plan_index_new(m);
	struct md_doc with_plan = *doc;
	with_plan.plan = plan;
	const struct md_doc *d = &with_plan;
	md_heading(b, d, MD_MAP, 0, m->name);
	md_summary(b, m);
	if (!text_blank(m->persona))
		md_para(b, _("Persona:"), m->persona);
	if (!text_blank(m->scenario))
		md_para(b, _("Scenario:"), m->scenario);
	if (!text_blank(m->promise))
		md_para(b, _("Promise:"), m->promise);
	md_leads(b, m);
	md_success(b, d, m);
	md_heading(b, d, MD_PART, 0, _("Journey"));
	if (m->nstages == 0) {
		md_emphasis(b, _("No stages yet."));
		buf_add(b, "\n\n");
	} else {
		mm_journey(b, d->w, m);
		mm_legend(b);
	}
	for (size_t i = 0; i < m->nstages; i++)
		md_stage(b, d, m, i);
	if (m->nstages > 0)
		md_matrix(b, d, m);
	mm_flowchart(b, d->w, m, NULL);
	md_gaps(b, d, m);
	md_silos(b, d, m);
	md_actions(b, d, m);
	md_decisions(b, d, m);
	plan_index_free(plan);
}

/* The document into b (streaming or not): the last append of md_map is
 * its closing newlines, and a streaming buffer writes only before an
 * append, so the last newline is still in b to take back. */
static void md_document(struct buf *b, const struct model_map *m)
{
	struct md_words w;
	md_words_init(&w);
	md_map(b, &(struct md_doc){ .level = 1, .w = &w }, m);
	/* one newline at the end, not two */
	b->data[--b->len] = '\0';
}

char *export_markdown(const struct model_map *m)
{
	struct buf b = { 0 };
	md_document(&b, m);
	return buf_take(&b);
}

int export_markdown_write(const struct model_map *m, FILE *out)
{
	struct buf b = { 0 };
	buf_stream(&b, out);
	md_document(&b, m);
	return buf_finish(&b);
}

/* ------------------------------------------------------------------ */
/* several maps in one document */

/* Marks, numbers that are not letters (superscripts, fractions, circled
 * digits) and connector punctuation that the C library's classes leave
 * out, but that anchors keep: Unicode's \p{Mark}, \p{Number}, \p{Pc}. */
static bool md_anchor_extra(unsigned cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x483 && cp <= 0x489) ||
	       (cp >= 0x1ab0 && cp <= 0x1aff) ||
	       (cp >= 0x1dc0 && cp <= 0x1dff) ||
	       (cp >= 0x20d0 && cp <= 0x20ff) ||
	       (cp >= 0xfe00 && cp <= 0xfe0f) ||
	       (cp >= 0xfe20 && cp <= 0xfe2f) ||
	       (cp >= 0xe0100 && cp <= 0xe01ef) ||
	       cp == 0xb2 || cp == 0xb3 || cp == 0xb9 ||
	       (cp >= 0xbc && cp <= 0xbe) || (cp >= 0x2070 && cp <= 0x2089) ||
	       (cp >= 0x2150 && cp <= 0x218b) ||
	       (cp >= 0x2460 && cp <= 0x249b) ||
	       (cp >= 0x24ea && cp <= 0x24ff) ||
	       (cp >= 0x2776 && cp <= 0x2793) || cp == 0x203f ||
	       cp == 0x2040 || cp == 0x2054 || cp == 0xfe33 || cp == 0xfe34 ||
	       (cp >= 0xfe4d && cp <= 0xfe4f) || cp == 0xff3f;
}

static void md_add_utf8(struct buf *b, unsigned cp)
{
	char u[4];
	size_t k = 0;
	if (cp < 0x80) {
		u[k++] = (char)cp;
	} else {
		if (cp < 0x800) {
			u[k++] = (char)(0xc0 | (cp >> 6));
		} else if (cp < 0x10000) {
			u[k++] = (char)(0xe0 | (cp >> 12));
			u[k++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		} else {
			u[k++] = (char)(0xf0 | (cp >> 18));
			u[k++] = (char)(0x80 | ((cp >> 12) & 0x3f));
			u[k++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		}
		u[k++] = (char)(0x80 | (cp & 0x3f));
	}
	buf_addn(b, u, k);
}

/* The anchor GitHub gives a heading (and markdownlint expects, MD051):
 * its text in lower case, keeping letters, marks, numbers, '_' and '-',
 * with spaces made '-'.  line is the heading's Markdown; a backslash
 * escape stands for the character after it.  Without a UTF-8 locale
 * (loc 0) other characters than ASCII are kept as they are. */
static char *md_anchor(const char *line, size_t len, locale_t loc)
{
	struct buf a = { 0 };
	size_t i = strspn(line, "#");
	i += i < len && line[i] == ' ';
	buf_add(&a, "");
	while (i < len) {
		unsigned cp;
		if (line[i] == '\\' && i + 1 < len)
			i++;
		size_t n = text_utf8_seq(line + i, len - i);
		if (n == 0) {
			i++;
			continue;
		}
		text_utf8_decode(line + i, &cp);
		if (cp < 0x80) {
			char c = (char)cp;
			if (c == ' ')
				buf_addc(&a, '-');
			else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
				 c == '_' || c == '-')
				buf_addc(&a, c);
			else if (c >= 'A' && c <= 'Z')
				buf_addc(&a, (char)(c - 'A' + 'a'));
		} else if (!loc || md_anchor_extra(cp)) {
			buf_addn(&a, line + i, n);
		} else if (cp == 0x130) {	/* İ: "i" and a dot above */
			buf_add(&a, "i\xcc\x87");
		} else if (iswalnum_l((wint_t)cp, loc)) {
			md_add_utf8(&a, (unsigned)towlower_l((wint_t)cp, loc));
		}
		i += n;
	}
	return buf_take(&a);
}

/* The headings of a document, in order: level and anchor. */
struct md_headings {
	char **anchor;
	int *level;
	size_t n;
};

static void md_headings_scan(struct md_headings *h, const char *text,
			     locale_t loc)
{
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		/* only headings start with '#': text escapes it */
		if (line[0] == '#') {
			h->anchor = xrealloc(h->anchor,
					     (h->n + 1) * sizeof *h->anchor);
			h->level = xrealloc(h->level,
					    (h->n + 1) * sizeof *h->level);
			h->level[h->n] = (int)strspn(line, "#");
			h->anchor[h->n++] = md_anchor(line, len, loc);
		}
		line += len + (nl != NULL);
	}
}

/* Pointers into the list of anchors: by text, then by place. */
static int md_anchor_cmp(const void *x, const void *y)
{
	char **const *a = x, **const *b = y;
	int c = strcmp(**a, **b);
	return c ? c : (*a < *b ? -1 : *a > *b);
}

/* The second heading with an anchor gets "-1" after it, the third "-2". */
static void md_anchors_unique(char **v, size_t n)
{
	char ***by_text = xmalloc((n + 1) * sizeof *by_text);
	size_t *rank = xcalloc(n + 1, sizeof *rank);
	for (size_t i = 0; i < n; i++)
		by_text[i] = &v[i];
	qsort(by_text, n, sizeof *by_text, md_anchor_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcmp(*by_text[i], *by_text[i - 1]) == 0)
			rank[by_text[i] - v] = rank[by_text[i - 1] - v] + 1;
	for (size_t i = 0; i < n; i++)
		if (rank[i] && v[i][0]) {
			struct buf b = { 0 };
			buf_addf(&b, "%s-%zu", v[i], rank[i]);
			free(v[i]);
			v[i] = buf_take(&b);
		}
	free(by_text);
	free(rank);
}

/* A UTF-8 locale for the character classes, whatever the user's is. */
static locale_t md_utf8_locale(void)
{
	static const char *const names[] = { "C.UTF-8", "C.utf8",
					     "en_US.UTF-8" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		locale_t loc = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
		if (loc)
			return loc;
	}
	return (locale_t)0;
}

/* "1. [Name](#anchor)": the map's name linking to its section (a name
 * without an anchor, only symbols, has no link). */
static void md_contents(struct buf *b, const struct model_map *const *maps,
			size_t n, const struct md_headings *h)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		while (k < h->n && h->level[k] != 2)
			k++;
		const char *anchor = k < h->n ? h->anchor[k++] : "";
		buf_addf(b, "%zu. ", i + 1);
		if (anchor[0]) {
			buf_addc(b, '[');
			md_inline(b, maps[i]->name);
			buf_addf(b, "](#%s)\n", anchor);
		} else {
			md_inline(b, maps[i]->name);
			buf_addc(b, '\n');
		}
	}
	buf_addc(b, '\n');
}

char *export_markdown_all(const struct model_map *const *maps, size_t n)
{
	struct buf head = { 0 }, body = { 0 };
	struct md_words w;
	md_words_init(&w);
	buf_add(&head, "# ");
	md_inline(&head, _("Journey maps"));
	buf_add(&head, "\n\n");
	buf_addf(&head, ngettext("%zu map", "%zu maps", n), n);
	buf_add(&head, "\n\n");
	buf_add(&body, "");
	for (size_t i = 0; i < n; i++)
		md_map(&body, &(struct md_doc){ .level = 2, .w = &w,
						.map = maps[i]->name }, maps[i]);
	/* the anchors GitHub will give the headings, title included */
	struct md_headings h = { 0 };
	locale_t loc = md_utf8_locale();
	md_headings_scan(&h, head.data, loc);
	md_headings_scan(&h, body.data, loc);
	if (loc)
		freelocale(loc);
	md_anchors_unique(h.anchor, h.n);
	md_contents(&head, maps, n, &h);
	buf_add(&head, body.data);
	for (size_t i = 0; i < h.n; i++)
		free(h.anchor[i]);
	free(h.anchor);
	free(h.level);
	buf_free(&body);
	/* one newline at the end, not two */
	head.data[--head.len] = '\0';
	return buf_take(&head);
}
