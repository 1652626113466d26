/* export_html_svg.c - the HTML page's emotion curve: an inline <svg>
 * that stands alone (presentation attributes, no script, no reference
 * outside itself), so it reads the same on screen, printed and in grey.
 *
 * The x axis is the journey: one column per touchpoint, in stage bands
 * (an empty stage keeps one empty column).  Up to SV_NAMES_MAX columns
 * each touchpoint's name is written under the axis; up to SV_POINTS_MAX
 * every touchpoint is still a point, without names.  Past that one
 * column per stage (or per run of stages, at most SV_COLS_MAX) shows
 * the stage's average and its range, so the drawing stays the same size
 * for a map of any size.  The worst pains (or, aggregated, the stages
 * lowest on average) are named in a lane under the plot when names are
 * not written.  The viewBox is always SV_W wide: drawn at 1000 px a
 * 12-unit text is 12 px.
 *
 * Meaning never rests on colour alone: pains are downward triangles,
 * moments of truth stars, unrated touchpoints hollow circles on the zero
 * line where the line breaks.  Coordinates are integers in tenths,
 * written without printf's locale; every text goes through hs_text. */
#include <config.h>

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/export_html_private.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define SV_W 1000	/* the viewBox's width */
#define SV_LEFT 150	/* the scale's words */
#define SV_RIGHT 16
#define SV_PLOT (SV_W - SV_LEFT - SV_RIGHT)
#define SV_STAGE_Y 20	/* baseline of the stage names */
#define SV_TOP 52	/* the +2 line */
#define SV_ROW 40	/* between two emotion levels */
#define SV_BOTTOM (SV_TOP + 4 * SV_ROW)	/* the -2 line */
#define SV_BAND_END (SV_BOTTOM + 18)
#define SV_NAMES_MAX 60
#define SV_FLAT_STEP 1000	/* columns this wide (tenths): level names */
#define SV_POINTS_MAX 300
#define SV_COLS_MAX 120
#define SV_SHORT 22	/* characters of a name before "…" */
#define SV_TITLE_MAX 200	/* of a name in a hover title */
#define SV_CALLOUTS 3	/* the worst touchpoints (stages) named */
#define SV_LANE_ROW 15	/* a row of the callouts' lane */
#define SV_DESC_PAINS 5	/* pains named in the description */
#define SV_CHAR 68	/* a 12-unit letter's width, roughly, in tenths */

#define SV_ELLIPSIS "\xe2\x80\xa6"
#define SV_DASH " \xe2\x80\x94 "
#define SV_STAR "\xe2\x98\x85"

/* The columns of the drawing and the stage bands over them. */
struct sv_band {
	size_t s0, s1;	/* stages s0..s1 (one unless aggregated) */
	size_t col0, ncols;
};

struct sv_col {
	const struct model_touchpoint *t;	/* a touchpoint's column */
	size_t band;
	/* an aggregated column: its touchpoints */
	size_t n, nrated, npains, nmoments;
	int min, max;
	long sum;
};

struct sv_plot {
	const struct model_map *m;
	const struct digest *d;
	bool aggregate, names;
	bool flat;	/* names level under wide columns, else slanted */
	struct sv_band *bands;
	size_t nbands;
	struct sv_col *cols;
	size_t ncols;
	size_t per_band;	/* stages per band when aggregated */
	/* the columns named in the lane under the plot, worst first, and
	 * the touchpoint when one is named */
	size_t callout_col[SV_CALLOUTS];
	const struct model_touchpoint *callout_tp[SV_CALLOUTS];
	size_t ncallouts;
	int step;	/* between two columns, in tenths */
	int height;	/* of the viewBox */
	char id[32];	/* prefix of the element ids, unique in the page */
};

/* ------------------------------------------------------------------ */
/* numbers and text */

/* v tenths as a decimal number with a point, whatever the locale. */
static void sv_num(struct buf *b, long v)
{
	if (v < 0) {
		buf_addc(b, '-');
		v = -v;
	}
	buf_add_int(b, v / 10);
	if (v % 10) {
		buf_addc(b, '.');
		buf_addc(b, (char)('0' + v % 10));
	}
}

/* name="v" with v in tenths. */
static void sv_attr(struct buf *b, const char *name, long v)
{
	buf_addc(b, ' ');
	buf_add(b, name);
	buf_add(b, "=\"");
	sv_num(b, v);
	buf_addc(b, '"');
}

/* A character's width at 12 units, in tenths, roughly: two for the
 * wide scripts (CJK, Hangul, full-width forms, emoji), else an average
 * Latin letter's, a little generous. */
static long sv_cp_width(unsigned cp)
{
	bool wide = (cp >= 0x1100 && cp <= 0x115f) ||
		    (cp >= 0x2e80 && cp <= 0xa4cf) ||
		    (cp >= 0xac00 && cp <= 0xd7a3) ||
		    (cp >= 0xf900 && cp <= 0xfaff) ||
		    (cp >= 0xfe30 && cp <= 0xfe4f) ||
		    (cp >= 0xff00 && cp <= 0xff60) ||
		    (cp >= 0xffe0 && cp <= 0xffe6) ||
		    (cp >= 0x1f300 && cp <= 0x1faff) ||
		    (cp >= 0x20000 && cp <= 0x3fffd);
	return wide ? 2 * SV_CHAR : SV_CHAR;
}

/* The width of printable text at 12 units, in tenths. */
static long sv_width(const char *s)
{
	long w = 0;
	for (size_t i = 0, len = strlen(s); i < len;) {
		unsigned cp = '?';
		size_t k = text_utf8_seq(s + i, len - i);
		if (k)
			text_utf8_decode(s + i, &cp);
		i += k ? k : 1;
		w += sv_cp_width(cp);
	}
	return w;
}

/* s as printable text (plain, for hs_text), cut with "…" to at most
 * max characters and maxw tenths wide. */
static void sv_short_plain(struct buf *out, const char *s, size_t max,
			   long maxw)
{
	struct buf p = { 0 };
	text_printable_add(&p, s, strlen(s), false);
	if (!p.len)
		return;
	if (text_chars(p.data) <= max && sv_width(p.data) <= maxw) {
		buf_addn(out, p.data, p.len);
		buf_free(&p);
		return;
	}
	size_t i = 0, chars = 0;
	long w = SV_CHAR;	/* the ellipsis */
	while (i < p.len && chars + 1 < max) {
		unsigned cp = '?';
		size_t k = text_utf8_seq(p.data + i, p.len - i);
		if (k)
			text_utf8_decode(p.data + i, &cp);
		if (w + sv_cp_width(cp) > maxw)
			break;
		w += sv_cp_width(cp);
		i += k ? k : 1;
		chars++;
	}
	buf_addn(out, p.data, i);
	buf_add(out, SV_ELLIPSIS);
	buf_free(&p);
}

static void sv_short(struct buf *b, const char *s, size_t max, long maxw)
{
	struct buf p = { 0 };
	sv_short_plain(&p, s, max, maxw);
	if (p.len)
		hs_text(b, p.data);
	buf_free(&p);
}

/* An emotion within the scale: the store keeps it so, but a model built
 * otherwise must not index past the tables below. */
static int sv_clamp(int e)
{
	return e < MODEL_EMOTION_MIN ? MODEL_EMOTION_MIN
	       : e > MODEL_EMOTION_MAX ? MODEL_EMOTION_MAX : e;
}

static const char *sv_sign(int e)
{
	static const char *const s[] = { "-2", "-1", "0", "+1", "+2" };
	return s[sv_clamp(e) + 2];
}

/* Fill colours by meaning: red below zero, grey at it, blue above. */
static const char *sv_colour(int e)
{
	static const char *const c[] = { "#b2182b", "#d6604d", "#8c8c8c",
					 "#4393c3", "#2166ac" };
	return c[sv_clamp(e) + 2];
}

/* ------------------------------------------------------------------ */
/* layout */

static size_t sv_stage_cols(const struct model_stage *sg)
{
	return sg->ntouchpoints ? sg->ntouchpoints : 1;
}

static void sv_layout_points(struct sv_plot *p)
{
	const struct model_map *m = p->m;
	p->nbands = m->nstages;
	p->bands = xcalloc(p->nbands + 1, sizeof *p->bands);
	p->cols = xcalloc(p->ncols + 1, sizeof *p->cols);
	size_t c = 0;
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		p->bands[i] = (struct sv_band){ i, i, c, sv_stage_cols(sg) };
		for (size_t j = 0; j < sv_stage_cols(sg); j++, c++) {
			p->cols[c].band = i;
			if (j < sg->ntouchpoints)
				p->cols[c].t = &sg->touchpoints[j];
		}
	}
}

static void sv_add_to_col(struct sv_col *c, const struct model_touchpoint *t)
{
	c->n++;
	c->nmoments += t->moment;
	if (!t->has_emotion)
		return;
	int e = sv_clamp(t->emotion);
	if (!c->nrated || e < c->min)
		c->min = e;
	if (!c->nrated || e > c->max)
		c->max = e;
	c->nrated++;
	c->sum += e;
	c->npains += e < 0;
}

static void sv_layout_aggregate(struct sv_plot *p)
{
	const struct model_map *m = p->m;
	p->aggregate = true;
	p->per_band = (m->nstages + SV_COLS_MAX - 1) / SV_COLS_MAX;
	p->nbands = (m->nstages + p->per_band - 1) / p->per_band;
	p->ncols = p->nbands;
	p->bands = xcalloc(p->nbands + 1, sizeof *p->bands);
	p->cols = xcalloc(p->ncols + 1, sizeof *p->cols);
	for (size_t i = 0; i < p->nbands; i++) {
		size_t s0 = i * p->per_band, s1 = s0 + p->per_band - 1;
		if (s1 >= m->nstages)
			s1 = m->nstages - 1;
		p->bands[i] = (struct sv_band){ s0, s1, i, 1 };
		p->cols[i].band = i;
		for (size_t s = s0; s <= s1; s++)
			for (size_t j = 0; j < m->stages[s].ntouchpoints; j++)
				sv_add_to_col(&p->cols[i],
					      &m->stages[s].touchpoints[j]);
	}
}

/* An aggregated column's average emotion, in tenths, rounded. */
static long sv_avg10(const struct sv_col *col)
{
	long n = (long)col->nrated, s = col->sum * 10;
	return s >= 0 ? (s + n / 2) / n : -((-s + n / 2) / n);
}

static size_t sv_col_of(const struct sv_plot *p,
			const struct model_touchpoint *t);

/* What the lane under the plot names: the worst pains (d->pains) when
 * every touchpoint is a point, else the stages lowest on average, up to
 * SV_CALLOUTS of those below zero.  Not with names under the axis: the
 * pains' names say it there. */
static void sv_pick_callouts(struct sv_plot *p)
{
	if (p->names)
		return;
	if (!p->aggregate) {
		for (size_t i = 0; i < p->d->npains; i++) {
			size_t c = sv_col_of(p, p->d->pains[i]);
			if (c == SIZE_MAX)
				continue;
			p->callout_col[p->ncallouts] = c;
			p->callout_tp[p->ncallouts] = p->d->pains[i];
			if (++p->ncallouts == SV_CALLOUTS)
				break;
		}
		return;
	}
	/* insertion into a short list, lowest first, journey order within */
	for (size_t c = 0; c < p->ncols; c++) {
		if (!p->cols[c].nrated || sv_avg10(&p->cols[c]) >= 0)
			continue;
		long a = sv_avg10(&p->cols[c]);
		size_t k = p->ncallouts;
		while (k > 0 && sv_avg10(&p->cols[p->callout_col[k - 1]]) > a)
			k--;
		if (k >= SV_CALLOUTS)
			continue;
		size_t n = p->ncallouts < SV_CALLOUTS ? p->ncallouts : SV_CALLOUTS - 1;
		memmove(&p->callout_col[k + 1], &p->callout_col[k],
			(n - k) * sizeof *p->callout_col);
		p->callout_col[k] = c;
		if (p->ncallouts < SV_CALLOUTS)
			p->ncallouts++;
	}
}

static void sv_layout(struct sv_plot *p, const struct model_map *m,
		      const struct digest *d, size_t pos)
{
	memset(p, 0, sizeof *p);
	p->m = m;
	p->d = d;
	for (size_t i = 0; i < m->nstages; i++)
		p->ncols += sv_stage_cols(&m->stages[i]);
	if (p->ncols <= SV_POINTS_MAX)
		sv_layout_points(p);
	else
		sv_layout_aggregate(p);
	p->names = !p->aggregate && p->ncols <= SV_NAMES_MAX;
	p->step = p->ncols ? (int)(SV_PLOT * 10 / p->ncols) : SV_PLOT * 10;
	sv_pick_callouts(p);
	p->flat = p->names && p->step >= SV_FLAT_STEP;
	snprintf(p->id, sizeof p->id, "cx-curve-%zu", pos);
}

/* The centre of column c, and the height of emotion e (tenths each;
 * e itself in tenths for averages). */
static long sv_x(const struct sv_plot *p, size_t c)
{
	return SV_LEFT * 10L + (long)p->step * (long)c + p->step / 2;
}

static long sv_y10(long e10)
{
	return SV_TOP * 10L + (20 - e10) * SV_ROW;
}

static long sv_y(int e)
{
	return sv_y10(sv_clamp(e) * 10L);
}

/* A marker's radius (tenths): smaller as the columns get narrow. */
static long sv_radius(const struct sv_plot *p)
{
	long r = p->step * 3 / 10;
	return r > 55 ? 55 : r < 20 ? 20 : r;
}

/* ------------------------------------------------------------------ */
/* markers */

/* A star's size in percent: full, or as wide as a column allows, but
 * never so small that a moment goes unseen (moments are few: two
 * neighbours may touch).  Aggregated columns may each have one: smaller
 * there. */
static long sv_star_pct(const struct sv_plot *p)
{
	long pct = (long)p->step * 45 / 70, min = p->aggregate ? 60 : 80;
	return pct > 100 ? 100 : pct < min ? min : pct;
}

static void sv_circle(struct buf *b, long x, long y, long r, const char *fill,
		      const char *stroke)
{
	buf_add(b, "<circle");
	sv_attr(b, "cx", x);
	sv_attr(b, "cy", y);
	sv_attr(b, "r", r);
	/* a small marker with a white edge would vanish */
	if (r < 35 && !strcmp(stroke, "#fff"))
		buf_addf(b, " fill=\"%s\"/>", fill);
	else
		buf_addf(b, " fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>",
			 fill, stroke, r < 35 ? "0.8" : "1.2");
}

/* A downward triangle: a pain, whatever the colour. */
static void sv_triangle(struct buf *b, long x, long y, long r,
			const char *fill)
{
	long s = r < 35 ? r * 16 / 10 : r * 13 / 10;
	buf_add(b, "<path d=\"M");
	sv_num(b, x - s);
	buf_addc(b, ' ');
	sv_num(b, y - s * 7 / 10);
	buf_add(b, "H");
	sv_num(b, x + s);
	buf_add(b, "L");
	sv_num(b, x);
	buf_addc(b, ' ');
	sv_num(b, y + s);
	if (r < 35)
		buf_addf(b, "Z\" fill=\"%s\"/>", fill);
	else
		buf_addf(b, "Z\" fill=\"%s\" stroke=\"#fff\" "
			 "stroke-width=\"1\"/>", fill);
}

/* A five-pointed star centred at x, y, its outer radius pct % of 7
 * units. */
static void sv_star(struct buf *b, long x, long y, long pct,
		    const char *cls)
{
	static const int pt[10][2] = {
		{ 0, -70 }, { 18, -24 }, { 67, -22 }, { 29, 9 }, { 41, 57 },
		{ 0, 30 }, { -41, 57 }, { -29, 9 }, { -67, -22 }, { -18, -24 }
	};
	buf_addf(b, "<polygon class=\"%s\" points=\"", cls);
	for (int i = 0; i < 10; i++) {
		if (i)
			buf_addc(b, ' ');
		sv_num(b, x + pt[i][0] * pct / 100);
		buf_addc(b, ',');
		sv_num(b, y + pt[i][1] * pct / 100);
	}
	buf_add(b, "\" fill=\"#f0b400\" stroke=\"#5c4400\" "
		"stroke-width=\"1\"/>");
}

/* ------------------------------------------------------------------ */
/* the parts of the drawing */

static void sv_band_title(struct buf *b, const struct sv_plot *p,
			  const struct sv_band *bd)
{
	const struct model_map *m = p->m;
	buf_addf(b, "%zu. ", bd->s0 + 1);
	sv_short(b, m->stages[bd->s0].name, SV_TITLE_MAX, LONG_MAX);
	if (bd->s1 != bd->s0) {
		buf_addf(b, SV_DASH "%zu. ", bd->s1 + 1);
		sv_short(b, m->stages[bd->s1].name, SV_TITLE_MAX, LONG_MAX);
	}
}

/* A stage band's label: "1. Awareness" cut to fit the band (named),
 * else its number(s) alone, which may be wider than the band.  Text
 * escaped into t; its estimated extent (bold is about a tenth wider). */
struct sv_label {
	struct buf t;
	long left, right;
	bool named;
};

static void sv_band_text(const struct sv_plot *p, size_t i,
			 struct sv_label *l)
{
	const struct sv_band *bd = &p->bands[i];
	long w = (long)p->step * (long)bd->ncols;	/* tenths */
	long room = (w - 40) * 10 / 11;
	long mid = sv_x(p, bd->col0) - p->step / 2 + w / 2;
	char num[48];
	if (bd->s1 != bd->s0)
		snprintf(num, sizeof num, "%zu\xe2\x80\x93%zu", bd->s0 + 1,
			 bd->s1 + 1);
	else
		snprintf(num, sizeof num, "%zu. ", bd->s0 + 1);
	long numw = sv_width(num);
	memset(l, 0, sizeof *l);
	l->named = bd->s1 == bd->s0 && room >= numw + 4 * SV_CHAR;
	if (l->named) {
		buf_add(&l->t, num);
		sv_short(&l->t, p->m->stages[bd->s0].name, SIZE_MAX,
			 room - numw);
		l->left = mid - w / 2;
		l->right = mid + w / 2;
		return;
	}
	if (bd->s1 == bd->s0)
		num[strlen(num) - 2] = '\0';	/* "12" */
	buf_add(&l->t, num);
	long half = sv_width(num) * 11 / 20 + SV_CHAR / 2;
	l->left = mid - half;
	l->right = mid + half;
}

/* The stages' labels over their bands: every name that fits its band,
 * and of the numbers alone those that run into no other label. */
static void sv_stage_labels(struct buf *b, const struct sv_plot *p)
{
	struct sv_label *l = xcalloc(p->nbands + 1, sizeof *l);
	for (size_t i = 0; i < p->nbands; i++)
		sv_band_text(p, i, &l[i]);
	long last = 0;	/* the right end of the last label drawn */
	size_t next = 0;	/* the next named label */
	for (size_t i = 0; i < p->nbands; i++) {
		while (next < p->nbands && (next <= i || !l[next].named))
			next++;
		bool draw = l[i].named ||
			    (l[i].left >= last && l[i].left >= 0 &&
			     l[i].right <= SV_W * 10L &&
			     (next >= p->nbands || l[i].right <= l[next].left));
		if (draw) {
			const struct sv_band *bd = &p->bands[i];
			long w = (long)p->step * (long)bd->ncols;
			buf_add(b, "<text class=\"cx-stage-name\"");
			sv_attr(b, "x", sv_x(p, bd->col0) - p->step / 2 + w / 2);
			buf_addf(b, " y=\"%d\" text-anchor=\"middle\" "
				 "font-weight=\"bold\" fill=\"#222\">%s</text>\n",
				 SV_STAGE_Y, l[i].t.data);
			last = l[i].right + 40;
		}
		buf_free(&l[i].t);
	}
	free(l);
}

static void sv_bands(struct buf *b, const struct sv_plot *p)
{
	for (size_t i = 0; i < p->nbands; i++) {
		const struct sv_band *bd = &p->bands[i];
		buf_add(b, "<g class=\"cx-stage\"><title>");
		sv_band_title(b, p, bd);
		buf_add(b, "</title><rect");
		sv_attr(b, "x", sv_x(p, bd->col0) - p->step / 2);
		buf_add(b, " y=\"0\"");
		sv_attr(b, "width", (long)p->step * (long)bd->ncols);
		buf_addf(b, " height=\"%d\" fill=\"%s\"/></g>\n", SV_BAND_END,
			 i % 2 ? "#ffffff" : "#eef1f5");
	}
	sv_stage_labels(b, p);
}

/* The five levels: gridlines and their words, the zero line strong. */
static void sv_scale(struct buf *b)
{
	for (int e = MODEL_EMOTION_MAX; e >= MODEL_EMOTION_MIN; e--) {
		long y = sv_y(e);
		buf_add(b, "<line");
		sv_attr(b, "x1", SV_LEFT * 10);
		sv_attr(b, "y1", y);
		sv_attr(b, "x2", (SV_W - SV_RIGHT) * 10);
		sv_attr(b, "y2", y);
		buf_add(b, e ? " stroke=\"#b4b4b4\" stroke-dasharray=\"4 3\" "
			"stroke-width=\"1\"/>"
			     : " class=\"cx-zero\" stroke=\"#333\" "
			"stroke-width=\"1.6\"/>");
		buf_add(b, "<text");
		sv_attr(b, "x", (SV_LEFT - 8) * 10);
		sv_attr(b, "y", y + 40);
		buf_add(b, " text-anchor=\"end\" fill=\"#222\">");
		hs_text(b, model_emotion_label(e));
		buf_addf(b, " %s</text>\n", sv_sign(e));
	}
}

/* Whether column c has a value, and its height (tenths). */
static bool sv_value(const struct sv_plot *p, size_t c, long *y)
{
	const struct sv_col *col = &p->cols[c];
	if (p->aggregate) {
		if (!col->nrated)
			return false;
		*y = sv_y10(sv_avg10(col));
		return true;
	}
	if (!col->t || !col->t->has_emotion)
		return false;
	*y = sv_y(col->t->emotion);
	return true;
}

/* The line through the values, broken where a column has none. */
static void sv_line(struct buf *b, const struct sv_plot *p)
{
	size_t c = 0;
	long y;
	while (c < p->ncols) {
		size_t start = c;
		while (c < p->ncols && sv_value(p, c, &y))
			c++;
		if (c - start >= 2) {
			buf_add(b, "<polyline class=\"cx-line\" points=\"");
			for (size_t k = start; k < c; k++) {
				sv_value(p, k, &y);
				if (k > start)
					buf_addc(b, ' ');
				sv_num(b, sv_x(p, k));
				buf_addc(b, ',');
				sv_num(b, y);
			}
			buf_add(b, "\" fill=\"none\" stroke=\"#3a3a3a\" "
				"stroke-width=\"2\" stroke-linejoin=\"round\"/>\n");
		}
		if (c == start)
			c++;
	}
}

static void sv_stage_ref(struct buf *t, const struct sv_plot *p, size_t s)
{
	buf_addf(t, "%zu. ", s + 1);
	sv_short_plain(t, p->m->stages[s].name, SV_TITLE_MAX, LONG_MAX);
}

/* A touchpoint's point: its marker by emotion, a star over a moment,
 * and a title with its whole name for hover. */
static void sv_point(struct buf *b, const struct sv_plot *p, size_t c)
{
	const struct model_touchpoint *t = p->cols[c].t;
	bool pain = t->has_emotion && t->emotion < 0;
	long x = sv_x(p, c), r = sv_radius(p);
	long y = sv_y(t->has_emotion ? t->emotion : 0);
	buf_addf(b, "<g class=\"cx-point%s%s\"><title>",
		 pain ? " cx-pain" : t->has_emotion ? "" : " cx-unrated",
		 t->moment ? " cx-moment-point" : "");
	struct buf tt = { 0 };
	sv_short_plain(&tt, t->name, SV_TITLE_MAX, LONG_MAX);
	buf_add(&tt, SV_DASH);
	sv_stage_ref(&tt, p, p->cols[c].band);
	buf_add(&tt, SV_DASH);
	if (t->has_emotion)
		buf_addf(&tt, "%s (%s)", model_emotion_label(t->emotion),
			 sv_sign(t->emotion));
	else
		buf_add(&tt, _("unrated"));
	if (t->moment)
		buf_addf(&tt, SV_DASH SV_STAR " %s", _("moment of truth"));
	hs_text(b, tt.data);
	buf_free(&tt);
	buf_add(b, "</title>");
	if (pain)
		sv_triangle(b, x, y, r, sv_colour(t->emotion));
	else if (t->has_emotion)
		sv_circle(b, x, y, r, sv_colour(t->emotion), "#fff");
	else
		sv_circle(b, x, y, r, "#fff", "#666");
	if (t->moment)
		sv_star(b, x, y - r - 80 * sv_star_pct(p) / 100, sv_star_pct(p),
			"cx-moment");
	buf_add(b, "</g>\n");
}

/* An aggregated column: the range from lowest to highest as a bar, the
 * average as a point (a triangle when below zero), a star when a
 * moment of truth is among its touchpoints. */
static void sv_agg_point(struct buf *b, const struct sv_plot *p, size_t c)
{
	const struct sv_col *col = &p->cols[c];
	long x = sv_x(p, c), r = sv_radius(p), y = sv_y(0);
	bool rated = sv_value(p, c, &y);
	bool pain = rated && y > sv_y(0);
	buf_addf(b, "<g class=\"cx-agg%s\"><title>",
		 pain ? " cx-pain" : rated ? "" : " cx-unrated");
	struct buf tt = { 0 };
	sv_stage_ref(&tt, p, p->bands[col->band].s0);
	if (p->bands[col->band].s1 != p->bands[col->band].s0) {
		buf_add(&tt, SV_DASH);
		sv_stage_ref(&tt, p, p->bands[col->band].s1);
	}
	buf_add(&tt, ": ");
	buf_addf(&tt, ngettext("%zu touchpoint", "%zu touchpoints", col->n),
		 col->n);
	buf_add(&tt, ", ");
	buf_addf(&tt, ngettext("%zu rated", "%zu rated", col->nrated),
		 col->nrated);
	if (rated) {
		buf_add(&tt, ", ");
		buf_addf(&tt, _("from %s to %s"), sv_sign(col->min),
			 sv_sign(col->max));
		buf_add(&tt, ", ");
		buf_addf(&tt, ngettext("%zu painful", "%zu painful",
				       col->npains), col->npains);
	}
	hs_text(b, tt.data);
	buf_free(&tt);
	buf_add(b, "</title>");
	if (rated && col->max > col->min) {
		long w = r * 2 > 60 ? 60 : r * 2;
		buf_add(b, "<rect class=\"cx-range\"");
		sv_attr(b, "x", x - w / 2);
		sv_attr(b, "y", sv_y(col->max));
		sv_attr(b, "width", w);
		sv_attr(b, "height", sv_y(col->min) - sv_y(col->max));
		buf_add(b, " fill=\"#9aa5b1\" fill-opacity=\"0.55\"/>");
	}
	if (pain)
		sv_triangle(b, x, y, r, sv_colour(-1));
	else if (rated)
		sv_circle(b, x, y, r, sv_colour(1), "#fff");
	else
		sv_circle(b, x, y, r, "#fff", "#666");
	if (col->nmoments)
		sv_star(b, x,
			sv_y(col->nrated ? col->max : 0) - r -
				80 * sv_star_pct(p) / 100,
			sv_star_pct(p), "cx-moment");
	buf_add(b, "</g>\n");
}

/* The column a touchpoint is drawn in. */
static size_t sv_col_of(const struct sv_plot *p,
			const struct model_touchpoint *t)
{
	size_t si;
	if (!model_touchpoint(p->m, t->id, &si))
		return SIZE_MAX;
	if (p->aggregate)
		return si / p->per_band;
	return p->bands[si].col0 +
	       (size_t)(t - p->m->stages[si].touchpoints);
}

/* The baseline of row k of the lane under the plot (tenths). */
static long sv_lane_y(size_t k)
{
	return (SV_BAND_END + 14 + (long)k * SV_LANE_ROW) * 10L;
}

/* Where a callout goes: its label (plain) and place. */
struct sv_callout {
	struct buf label;
	long mx, my;	/* the marker */
	long x0, w;	/* the label's extent */
	size_t row;
};

/* A callout's label in the first row of the lane where it runs into no
 * other already placed. */
static void sv_callout_place(const struct sv_plot *p, size_t i,
			     struct sv_callout *v)
{
	size_t c = p->callout_col[i];
	const struct model_touchpoint *t = p->callout_tp[i];
	struct sv_callout *o = &v[i];
	memset(o, 0, sizeof *o);
	if (t) {
		sv_short_plain(&o->label, t->name, SV_SHORT,
			       SV_SHORT * SV_CHAR);
		buf_addf(&o->label, " (%s)", sv_sign(t->emotion));
		o->my = sv_y(t->emotion);
	} else {
		const struct sv_band *bd = &p->bands[p->cols[c].band];
		buf_addf(&o->label, "%zu. ", bd->s0 + 1);
		sv_short_plain(&o->label, p->m->stages[bd->s0].name, SV_SHORT,
			       SV_SHORT * SV_CHAR);
		if (bd->s1 != bd->s0)
			buf_addf(&o->label, " \xe2\x80\xa6 %zu", bd->s1 + 1);
		buf_add(&o->label, " (");
		sv_num(&o->label, sv_avg10(&p->cols[c]));
		buf_addc(&o->label, ')');
		o->my = sv_y10(sv_avg10(&p->cols[c]));
	}
	size_t nv = i;
	o->w = sv_width(o->label.data);	/* bold at 11 */
	o->mx = sv_x(p, c);
	o->my += sv_radius(p) + 20;
	o->x0 = o->mx - o->w / 2;
	if (o->x0 + o->w > (SV_W - SV_RIGHT) * 10L)
		o->x0 = (SV_W - SV_RIGHT) * 10L - o->w;
	if (o->x0 < 40)
		o->x0 = 40;
	for (size_t k = 0; k < nv; k++)
		if (v[k].row == o->row && o->x0 < v[k].x0 + v[k].w + 80 &&
		    v[k].x0 < o->x0 + o->w + 80) {
			o->row++;
			k = (size_t)-1;	/* that row anew */
		}
}

/* Places every callout; returns how many rows of the lane they take. */
static size_t sv_callouts_place(const struct sv_plot *p,
				struct sv_callout *v)
{
	size_t rows = 0;
	for (size_t i = 0; i < p->ncallouts; i++) {
		sv_callout_place(p, i, v);
		if (v[i].row + 1 > rows)
			rows = v[i].row + 1;
	}
	return rows;
}

/* The worst pains or stages named in the lane under the plot, worst
 * first, each with a dotted leader up to its marker; the leaders drawn
 * first so that no label is crossed. */
static void sv_callouts_draw(struct buf *b, const struct sv_plot *p,
			     struct sv_callout *v)
{
	size_t n = p->ncallouts;
	for (size_t i = 0; i < n; i++) {
		buf_add(b, "<line class=\"cx-leader\"");
		sv_attr(b, "x1", v[i].mx);
		sv_attr(b, "y1", v[i].my);
		sv_attr(b, "x2", v[i].mx);
		sv_attr(b, "y2", sv_lane_y(v[i].row) - 110);
		buf_add(b, " stroke=\"#8c1020\" stroke-width=\"0.8\" "
			"stroke-dasharray=\"2 2\"/>\n");
	}
	for (size_t i = 0; i < n; i++) {
		buf_add(b, "<text class=\"cx-callout\"");
		sv_attr(b, "x", v[i].x0 + v[i].w / 2);
		sv_attr(b, "y", sv_lane_y(v[i].row));
		buf_add(b, " text-anchor=\"middle\" font-size=\"11\" "
			"font-weight=\"bold\" fill=\"#8c1020\" "
			"stroke=\"#fff\" stroke-width=\"3\" "
			"paint-order=\"stroke\">");
		hs_text(b, v[i].label.data);
		buf_add(b, "</text>\n");
		buf_free(&v[i].label);
	}
}

/* Printable s in two lines of at most budget tenths: the first ends at
 * a space (or mid-word when one word is too long), the second is cut
 * with "…". */
static void sv_wrap(struct buf *l1, struct buf *l2, const char *s,
		    long budget)
{
	struct buf p = { 0 };
	sv_short_plain(&p, s, SV_TITLE_MAX, LONG_MAX);
	size_t i = 0, space = 0;
	long w = 0;
	while (i < p.len) {
		unsigned cp = '?';
		size_t k = text_utf8_seq(p.data + i, p.len - i);
		if (k)
			text_utf8_decode(p.data + i, &cp);
		if (cp == ' ')
			space = i;
		w += sv_cp_width(cp);
		if (w > budget)
			break;
		i += k ? k : 1;
	}
	if (i >= p.len) {
		if (p.len)
			buf_addn(l1, p.data, p.len);
	} else {
		size_t cut = space ? space : i;
		buf_addn(l1, p.data, cut);
		while (cut < p.len && p.data[cut] == ' ')
			cut++;
		sv_short_plain(l2, p.data + cut, SIZE_MAX, budget);
	}
	buf_free(&p);
}

/* One line of a horizontal name. */
static void sv_tspan(struct buf *b, long x, long y, const char *text)
{
	buf_add(b, "<tspan");
	sv_attr(b, "x", x);
	sv_attr(b, "y", y);
	buf_addc(b, '>');
	hs_text(b, text);
	buf_add(b, "</tspan>");
}

/* A name under a wide column: centred, in up to two lines, a pain's
 * value on a third. */
static void sv_name_flat(struct buf *b, const struct sv_plot *p, size_t c,
			 bool pain)
{
	const struct model_touchpoint *t = p->cols[c].t;
	struct buf l1 = { 0 }, l2 = { 0 };
	long x = sv_x(p, c), y = (SV_BAND_END + 16) * 10L;
	sv_wrap(&l1, &l2, t->name, p->step - 160);
	buf_addf(b, " text-anchor=\"middle\" fill=\"%s\"%s>",
		 pain ? "#8c1020" : "#222",
		 pain ? " font-weight=\"bold\"" : "");
	if (l1.len) {
		sv_tspan(b, x, y, l1.data);
		y += 140;
	}
	if (l2.len) {
		sv_tspan(b, x, y, l2.data);
		y += 140;
	}
	if (pain) {
		char v[8];
		snprintf(v, sizeof v, "(%s)", sv_sign(t->emotion));
		sv_tspan(b, x, y, v);
	}
	buf_free(&l1);
	buf_free(&l2);
}

/* A name under a narrow column: slanted, cut past SV_SHORT characters. */
static void sv_name_slant(struct buf *b, const struct sv_plot *p, size_t c,
			  bool pain)
{
	const struct model_touchpoint *t = p->cols[c].t;
	long x = sv_x(p, c) + 40, y = (SV_BAND_END + 10) * 10L;
	sv_attr(b, "x", x);
	sv_attr(b, "y", y);
	buf_add(b, " transform=\"rotate(-40 ");
	sv_num(b, x);
	buf_addc(b, ' ');
	sv_num(b, y);
	buf_addf(b, ")\" text-anchor=\"end\" fill=\"%s\"%s>",
		 pain ? "#8c1020" : "#222",
		 pain ? " font-weight=\"bold\"" : "");
	sv_short(b, t->name, SV_SHORT, SV_SHORT * SV_CHAR);
	if (pain)
		buf_addf(b, " (%s)", sv_sign(t->emotion));
}

/* The touchpoints' names under the axis; pains bold in their colour,
 * with their value. */
static void sv_names(struct buf *b, const struct sv_plot *p)
{
	for (size_t c = 0; c < p->ncols; c++) {
		const struct model_touchpoint *t = p->cols[c].t;
		if (!t)
			continue;
		bool pain = t->has_emotion && t->emotion < 0;
		buf_add(b, "<text class=\"cx-name\"");
		if (p->flat)
			sv_name_flat(b, p, c, pain);
		else
			sv_name_slant(b, p, c, pain);
		buf_add(b, "</text>\n");
	}
}

/* What the marks mean, in a row under the drawing. */
static void sv_legend(struct buf *b, const struct sv_plot *p)
{
	long y = (p->height - 14) * 10L, x = SV_LEFT * 10L;
	const char *words[4];
	words[0] = p->aggregate ? _("a stage's average emotion")
				: _("emotion (the line joins them)");
	words[1] = p->aggregate ? _("below zero on average")
				: _("pain (below zero)");
	words[2] = p->aggregate ? _("no touchpoint rated")
				: _("unrated (on the zero line, no line)");
	words[3] = _("moment of truth");
	buf_add(b, "<g class=\"cx-legend\" font-size=\"11\" fill=\"#222\">");
	for (int i = 0; i < 4; i++) {
		switch (i) {
		case 0: sv_circle(b, x, y - 35, 45, sv_colour(1), "#fff"); break;
		case 1: sv_triangle(b, x, y - 35, 45, sv_colour(-2)); break;
		case 2: sv_circle(b, x, y - 35, 45, "#fff", "#666"); break;
		default: sv_star(b, x, y - 35, 100, "cx-key"); break;
		}
		buf_add(b, "<text");
		sv_attr(b, "x", x + 90);
		sv_attr(b, "y", y);
		buf_addc(b, '>');
		hs_text(b, words[i]);
		buf_add(b, "</text>");
		x += 90 + sv_width(words[i]) * 11 / 12 + 200;
	}
	if (p->aggregate) {
		buf_add(b, "<rect");
		sv_attr(b, "x", x - 30);
		sv_attr(b, "y", y - 100);
		buf_add(b, " width=\"6\" height=\"13\" fill=\"#9aa5b1\"/><text");
		sv_attr(b, "x", x + 90);
		sv_attr(b, "y", y);
		buf_addc(b, '>');
		hs_text(b, _("lowest to highest in the stage"));
		buf_add(b, "</text>");
	}
	buf_add(b, "</g>\n");
}

/* The summary a screen reader says: counts, the pains worst first. */
static void sv_desc(struct buf *b, const struct sv_plot *p)
{
	const struct digest *d = p->d;
	struct buf t = { 0 }, a = { 0 }, s = { 0 };
	buf_addf(&a, ngettext("%zu touchpoint", "%zu touchpoints",
			      d->ntouchpoints), d->ntouchpoints);
	buf_addf(&s, ngettext("%zu stage", "%zu stages", d->nstages),
		 d->nstages);
	buf_addf(&t, _("%s in %s"), a.data ? a.data : "",
		 s.data ? s.data : "");
	buf_add(&t, "; ");
	if (!d->npains)
		buf_add(&t, _("none painful"));
	else
		buf_addf(&t, ngettext("%zu painful", "%zu painful",
				      d->npains), d->npains);
	for (size_t i = 0; i < d->npains && i < SV_DESC_PAINS; i++) {
		buf_add(&t, i ? ", " : ": ");
		sv_short_plain(&t, d->pains[i]->name, 60, LONG_MAX);
		buf_addf(&t, " (%s)", sv_sign(d->pains[i]->emotion));
	}
	if (d->npains > SV_DESC_PAINS)
		buf_add(&t, ", " SV_ELLIPSIS);
	buf_addc(&t, '.');
	if (p->aggregate) {
		buf_addc(&t, ' ');
		buf_add(&t, _("Drawn per stage: the average emotion and the "
			      "range from lowest to highest."));
	}
	hs_text(b, t.data);
	buf_free(&t);
	buf_free(&a);
	buf_free(&s);
}

/* The viewBox's height: the plot, the names under it, the callouts'
 * rows, the legend. */
static int sv_height(const struct sv_plot *p, size_t rows)
{
	return SV_BAND_END + (p->flat ? 56 : p->names ? 125 : 0) +
	       (rows ? (int)rows * SV_LANE_ROW + 8 : 0) + 40;
}

void hs_emotion_curve(struct buf *b, const struct model_map *m,
		      const struct digest *d)
{
	struct sv_plot p;
	struct sv_callout v[SV_CALLOUTS];
	sv_layout(&p, m, d, buf_pos(b));
	p.height = sv_height(&p, sv_callouts_place(&p, v));
	buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		 "class=\"cx-curve\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
		 "style=\"max-width:%dpx;height:auto\" role=\"img\" "
		 "aria-labelledby=\"%s-title\" aria-describedby=\"%s-desc\" "
		 "font-family=\"sans-serif\" font-size=\"12\">\n"
		 "<title id=\"%s-title\">", SV_W, p.height, SV_W * 13 / 10,
		 p.id, p.id, p.id);
	hs_text(b, _("Emotion across the journey"));
	buf_addf(b, "</title>\n<desc id=\"%s-desc\">", p.id);
	sv_desc(b, &p);
	buf_add(b, "</desc>\n");
	sv_bands(b, &p);
	sv_scale(b);
	sv_line(b, &p);
	for (size_t c = 0; c < p.ncols; c++) {
		if (p.aggregate)
			sv_agg_point(b, &p, c);
		else if (p.cols[c].t)
			sv_point(b, &p, c);
	}
	if (p.names)
		sv_names(b, &p);
	sv_callouts_draw(b, &p, v);
	sv_legend(b, &p);
	buf_add(b, "</svg>\n");
	free(p.bands);
	free(p.cols);
}
