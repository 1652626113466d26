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

/* White space a table cell or heading shows as one space. */
static bool md_white(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Runs of white space as one space, none at the ends: GFM shows them so
 * anyway, and markdownlint takes spaces before a cell's border for
 * padding (MD060) and after a heading's '#' for too many (MD019). */
static bool md_needs_squash(const char *s, size_t len)
{
	return len > 0 && (md_white(s[0]) || md_white(s[len - 1]) ||
			   strstr(s, "  ") || strpbrk(s, "\t\n\v\f\r"));
}

void md_inline(struct buf *b, const char *s)
{
	size_t len = strlen(s);
	if (!md_needs_squash(s, len)) {
		md_inline_n(b, s, len);
		return;
	}
	char *t = xmalloc(len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (!md_white(s[i]))
			t[n++] = s[i];
		else if (n > 0 && t[n - 1] != ' ')
			t[n++] = ' ';
	while (n > 0 && t[n - 1] == ' ')
		n--;
	md_inline_n(b, t, n);
	free(t);
}

/* ------------------------------------------------------------------ */
/* prose wrapped at 80 columns */

/* The columns a character counts for, the most of what an editor shows
 * (East Asian wide characters take two) and what markdownlint counts
 * (UTF-16 units: two beyond U+FFFF). */
static size_t md_char_cols(unsigned cp)
{
	if (cp >= 0x10000 || (cp >= 0x1100 && cp <= 0x115f) ||
	    (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6))
		return 2;
	return 1;
}

/* The columns of the text up to the first space from s[i] (or len),
 * and in *n its length in bytes: ASCII a column a byte, the rest
 * decoded. */
static size_t md_word_cols(const char *s, size_t len, size_t i, size_t *n)
{
	size_t cols = 0, k = i;
	while (k < len && s[k] != ' ') {
		if (!((unsigned char)s[k] & 0x80)) {
			cols++;
			k++;
			continue;
		}
		unsigned cp;
		size_t step = text_utf8_seq(s + k, len - k);
		if (step == 0) {
			cols++;
			k++;
			continue;
		}
		text_utf8_decode(s + k, &cp);
		cols += md_char_cols(cp);
		k += step;
	}
	*n = k - i;
	return cols;
}

size_t md_cols(const char *s, size_t len)
{
	size_t cols = 0, n;
	for (size_t i = 0; i < len; i += n) {
		cols += md_word_cols(s, len, i, &n);
		if (i + n < len) {	/* the space */
			cols++;
			n++;
		}
	}
	return cols;
}

/* Does the word w (n bytes) hold only characters of set? */
static bool md_only(const char *w, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(set, w[i]))
			return false;
	return true;
}

/* A word of escaped Markdown that starts a line, made safe there: block
 * markers only count at the start of a line, and md_inline leaves some
 * alone -- a bullet ("-", "+"), a thematic break or setext underline
 * ("---", "==="), a table's delimiter (":--") and an ordered list's
 * number ("1." or "1)").  The others ('#', '>', '*', '_', '|', '`', '~',
 * '<') md_inline has escaped already, and a line never starts with a
 * space.  Returns the backslashes it added. */
static size_t md_line_start(struct buf *b, const char *w, size_t n)
{
	size_t digits = 0;
	while (digits < n && w[digits] >= '0' && w[digits] <= '9')
		digits++;
	if (md_only(w, n, "-") || md_only(w, n, "+") || md_only(w, n, "=") ||
	    (w[0] == ':' && md_only(w, n, ":-"))) {
		buf_addc(b, '\\');
		buf_addn(b, w, n);
		return 1;
	}
	if (digits > 0 && digits + 1 == n &&
	    (w[digits] == '.' || w[digits] == ')')) {
		buf_addn(b, w, digits);
		buf_addc(b, '\\');
		buf_addc(b, w[digits]);
		return 1;
	}
	buf_addn(b, w, n);
	return 0;
}

/* The characters of a word that stays on the line of the word before
 * it: only ASCII punctuation, as the "%" of "18 %" or the "/" of
 * "4.5 / 5". */
#define MD_GLUE "%/)]}!?.,;:"

static bool md_glue_char(char c)
{
	switch (c) {
	case '%': case '/': case ')': case ']': case '}': case '!':
	case '?': case '.': case ',': case ';': case ':':
		return true;
	default:
		return false;
	}
}

/* The columns from md[i] to the end of the words glued to it (*end);
 * *n is the first word's length. */
static size_t md_unit(const char *md, size_t len, size_t i, size_t *n,
		      size_t *end)
{
	size_t w = md_word_cols(md, len, i, n), k;
	bool slash = *n == 1 && md[i] == '/';
	for (i += *n; i + 1 < len && md[i] == ' ' &&
		      (slash || md_glue_char(md[i + 1]));) {
		size_t c = md_word_cols(md, len, i + 1, &k);
		if (!slash && !md_only(md + i + 1, k, MD_GLUE))
			break;
		slash = k == 1 && md[i + 1] == '/';
		w += 1 + c;
		i += 1 + k;
	}
	*end = i;
	return w;
}

/* Escaped Markdown text of one line (md) as lines of at most MD_WIDTH
 * columns, broken at spaces: the text starts at column *col of the
 * current line, and every further line is indented by `indent` spaces
 * (a list item's).  A word that starts a line is made safe there
 * (md_line_start); the first one too when *col is the indent, at the
 * start of a block.  *col is where the text ends.  A word longer than a
 * line stays whole (markdownlint allows a line with no space past the
 * limit), and so do "18 %" and "4.5 / 5" (md_glue_char).  Runs of
 * spaces are one.  What lies between breaks is copied in one piece. */
void md_wrap(struct buf *b, size_t *col, size_t indent, const char *md,
	     size_t len)
{
	size_t i = 0, run, n, end;
	while (len > 0 && md[len - 1] == ' ')
		len--;
	while (i < len && md[i] == ' ')
		i++;
	if (i >= len)
		return;
	size_t w = md_unit(md, len, i, &n, &end);
	if (*col == indent)
		*col += md_line_start(b, md + i, n);
	else
		buf_addn(b, md + i, n);
	*col += w;
	run = i + n;
	for (i = end; i < len; i = end) {
		size_t sp = i;
		while (i < len && md[i] == ' ')
			i++;
		w = md_unit(md, len, i, &n, &end);
		if (*col + 1 + w <= MD_WIDTH) {
			if (i - sp > 1) {	/* one space for several */
				buf_addn(b, md + run, sp + 1 - run);
				run = i;
			}
			*col += 1 + w;
			continue;
		}
		buf_addn(b, md + run, sp - run);
		buf_addc(b, '\n');
		for (size_t k = 0; k < indent; k++)
			buf_addc(b, ' ');
		*col = indent + w + md_line_start(b, md + i, n);
		run = i + n;
	}
	buf_addn(b, md + run, len - run);
}

/* Plain text (from the map or translated) as wrapped Markdown. */
void md_wrap_text(struct buf *b, size_t *col, size_t indent, const char *s)
{
	struct buf t = { 0 };
	buf_add(&t, "");
	md_inline(&t, s);
	md_wrap(b, col, indent, t.data, t.len);
	buf_free(&t);
}

/* A list item of plain text: "- text" (marker "- ", or "1. " and so on)
 * after `indent` spaces, wrapped under its first character. */
void md_item(struct buf *b, size_t indent, const char *marker, const char *s)
{
	struct buf t = { 0 };
	buf_add(&t, "");
	md_inline(&t, s);
	md_item_md(b, indent, marker, t.data);
	buf_free(&t);
}

/* The same of Markdown text already escaped. */
void md_item_md(struct buf *b, size_t indent, const char *marker,
		const char *md)
{
	for (size_t k = 0; k < indent; k++)
		buf_addc(b, ' ');
	buf_add(b, marker);
	size_t col = indent + strlen(marker);
	md_wrap(b, &col, col, md, strlen(md));
	buf_addc(b, '\n');
}

/* A paragraph of plain text, wrapped. */
void md_sentence(struct buf *b, const char *s)
{
	size_t col = 0;
	md_wrap_text(b, &col, 0, s);
	buf_add(b, "\n\n");
}

/* Free text after an optional bold label, wrapped: single line breaks
 * stay (as hard breaks), blank lines separate paragraphs, and leading and
 * trailing spaces go (four would start a code block). */
void md_para(struct buf *b, const char *label, const char *s)
{
	struct buf tmp = { 0 }, line_md = { 0 };
	size_t len = strlen(s), col = 0;
	const char *p = s;
	bool started = false, gap = false;
	if (text_plain_span(s, len) < len) {	/* else it is printable */
		text_printable_add(&tmp, s, len, true);
		p = tmp.data;
		len = tmp.len;
	}
	if (label) {
		md_inline(&line_md, label);
		buf_add(b, "**");
		buf_addn(b, line_md.data, line_md.len);
		buf_add(b, "** ");
		col = md_cols(line_md.data, line_md.len) + 5;
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
			if (started) {
				buf_add(b, gap ? "\n\n" : "\\\n");
				col = 0;
			}
			line_md.len = 0;
			buf_add(&line_md, "");
			md_inline_n(&line_md, line, n);
			md_wrap(b, &col, 0, line_md.data, line_md.len);
			started = true;
			gap = false;
		}
		line = nl ? nl + 1 : NULL;
	}
	buf_add(b, "\n\n");
	buf_free(&tmp);
	buf_free(&line_md);
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


/* A heading's text: md_inline's, with a backslash before a ':' that
 * a letter follows.  GFM shows it the same, but markdownlint's parser
 * reads ":name" as a directive and leaves it out of the anchor it checks
 * links against (MD051). */
static void md_heading_text(struct buf *b, const char *s)
{
	struct buf t = { 0 };
	buf_add(&t, "");
	md_inline(&t, s);
	size_t run = 0;
	for (size_t i = 0; i < t.len; i++) {
		if (t.data[i] == '\\') {
			i++;
		} else if (t.data[i] == ':' && i + 1 < t.len &&
			   ((t.data[i + 1] | 0x20) >= 'a' &&
			    (t.data[i + 1] | 0x20) <= 'z')) {
			buf_addn(b, t.data + run, i - run);
			buf_addc(b, '\\');
			run = i;
		}
	}
	buf_addn(b, t.data + run, t.len - run);
	buf_free(&t);
}

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
	md_heading_text(b, title);
	if (d->map && depth != MD_MAP) {
		buf_add(b, " \xe2\x80\x94 ");	/* U+2014 em dash */
		md_heading_text(b, d->map);
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

/* The touchpoint's marks: findings to act on there, open gaps and
 * silos recorded there, each with how many. */
static void md_flags(struct buf *b, const struct md_doc *d, size_t stage,
		     size_t tp)
{
	struct analysis_card c = analysis_card(d->dg->a, stage, tp);
	const char *sep = "";
	if (c.found.count) {
		buf_add(b, MD_FINDING " ");
		buf_add_uint(b, c.found.count);
		sep = ", ";
		*d->marks |= MD_MARK_FINDING;
	}
	if (c.open_gaps) {
		buf_add(b, sep);
		buf_add(b, MD_GAP " ");
		buf_add_uint(b, c.open_gaps);
		sep = ", ";
		*d->marks |= MD_MARK_GAP;
	}
	if (c.open_silos) {
		buf_add(b, sep);
		buf_add(b, MD_SILO " ");
		buf_add_uint(b, c.open_silos);
		*d->marks |= MD_MARK_SILO;
	}
}

static void md_touchpoint_row(struct buf *b, const struct md_doc *d,
			      const struct model_map *m, size_t stage,
			      size_t tp)
{
	const struct model_touchpoint *t = &m->stages[stage].touchpoints[tp];
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
		md_emphasis(b, d->w->no_owner);
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
	md_flags(b, d, stage, tp);
	md_close(b, at);
	md_cell(b, t->notes);
	md_row_end(b);
}

static void md_stage(struct buf *b, const struct md_doc *d,
		     const struct model_map *m, size_t i)
{
	static const char *const head[] = {
		N_("Touchpoint"), N_("Channel"), N_("Owner"),
		N_("Contributors"), N_("Emotion"), N_("Flags"), N_("Notes") };
	const struct model_stage *sg = &m->stages[i];
	md_heading(b, d, MD_STAGE, i + 1, sg->name);
	if (!text_blank(sg->description))
		md_para(b, NULL, sg->description);
	if (sg->ntouchpoints == 0) {
		md_emphasis(b, _("No touchpoints yet."));
		buf_add(b, "\n\n");
		return;
	}
	md_table_head(b, head, sizeof head / sizeof *head);
	for (size_t j = 0; j < sg->ntouchpoints; j++)
		md_touchpoint_row(b, d, m, i, j);
	buf_addc(b, '\n');
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
	md_sentence(b, _("Touchpoints each department owns in each stage; in "
			 "brackets, those it contributes to."));
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

/* Where an item is: "2. Stage › Touchpoint", "2. Stage", or the whole
 * map. */
void md_where(struct buf *b, const struct md_words *w,
	      const struct model_map *m, int64_t stage_id, int64_t tp_id)
{
	struct buf t = { 0 };
	if (digest_where(&t, m, stage_id, tp_id))
		md_inline(b, t.data);
	else
		md_emphasis(b, w->whole_map);
	buf_free(&t);
}

static void md_place(struct buf *b, const struct md_words *w,
		     const struct model_map *m,
		     int64_t stage_id, int64_t tp_id)
{
	size_t at = md_open(b);
	md_where(b, w, m, stage_id, tp_id);
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

/* The recorded gaps, open first and by severity (digest order), each
 * with the number it was recorded under (as actions name it). */
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
	md_sentence(b, _("Open gaps first, the most severe first."));
	md_table_head(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < d->dg->ngaps; i++) {
		const struct model_gap *g = d->dg->gaps[i];
		buf_add(b, "| ");
		buf_add_uint(b, (size_t)(g - m->gaps) + 1);
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

/* The title and the counts line. */
static void md_title(struct buf *b, const struct md_doc *d,
		     const struct model_map *m)
{
	struct buf t = { 0 };
	md_heading(b, d, MD_MAP, 0, d->label ? d->label : m->name);
	buf_add(&t, "");
	digest_counts(&t, d->dg);
	size_t col = 0;
	md_wrap_text(b, &col, 0, t.data);
	buf_add(b, "\n\n");
	buf_free(&t);
}

static void md_journey(struct buf *b, const struct md_doc *d,
		       const struct model_map *m)
{
	md_heading(b, d, MD_PART, 0, _("Journey"));
	if (m->nstages == 0) {
		md_emphasis(b, _("No stages yet."));
		buf_add(b, "\n\n");
		return;
	}
	mm_journey(b, d->w, m);
	mm_legend(b);
	for (size_t i = 0; i < m->nstages; i++)
		md_stage(b, d, m, i);
}

/* A map's part of a document, ending with a blank line, in the order a
 * manager reads it (doc/DESIGN.md, "Documents"): one analysis (the
 * digest) serves every part. */
static void md_map(struct buf *b, const struct md_doc *doc,
		   const struct model_map *m)
{
	struct digest dg;
	unsigned marks = 0;
	digest_make(&dg, m);
	struct md_doc with = *doc;
	with.plan = dg.plan;
	with.dg = &dg;
	with.marks = &marks;
	const struct md_doc *d = &with;
	md_title(b, d, m);
	md_summary(b, d, m);
	md_about(b, d, m);
	md_journey(b, d, m);
	md_findings(b, d, m);
	if (m->nstages > 0) {
		md_matrix(b, d, m);
		mm_flowchart(b, d->w, m, dg.a);
	}
	md_handoffs(b, d, m);
	md_gaps(b, d, m);
	md_silos(b, d, m);
	md_metrics(b, d, m);
	md_voices(b, d, m);
	md_actions(b, d, m);
	md_decisions(b, d, m);
	md_legend(b, d, m);
	digest_free(&dg);
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
	for (size_t i = 0; i < n; i++) {
		/* a name an earlier map has gets its number, so that no two
		 * headings read the same (markdownlint's MD024) */
		struct buf label = { 0 };
		buf_add(&label, maps[i]->name);
		for (size_t k = 0; k < i; k++)
			if (strcmp(maps[k]->name, maps[i]->name) == 0) {
				buf_addf(&label, " (%zu)", i + 1);
				break;
			}
		md_map(&body, &(struct md_doc){ .level = 2, .w = &w,
						.map = label.data,
						.label = label.data }, maps[i]);
		buf_free(&label);
	}
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
