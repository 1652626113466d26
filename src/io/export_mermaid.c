/* export_mermaid.c - the Markdown document's Mermaid diagrams.
 *
 * Mermaid has no escapes: mm_text swaps the few characters a diagram's
 * grammar reserves for look-alikes, after text_printable, so control
 * characters and escape sequences only ever appear as visible text. */
#include <config.h>

#include <string.h>
#include <strings.h>

#include "io/export_md_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"


/* ------------------------------------------------------------------ */
/* Mermaid */

/* What the journey grammar's \s (JavaScript's) skips around a name. */
static bool mm_space(unsigned cp)
{
	return cp == ' ' || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
	       cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
}

/* Where a piece of text goes in the journey block. */
enum mm_kind { MM_TITLE, MM_SECTION, MM_TASK, MM_ACTOR };

/* ':' ends a section or task name and splits task data (a title may hold
 * it), ';' and '#' end a line, "%%" starts a comment, ',' splits actors;
 * '<' and '>' could reach a renderer that takes labels as HTML.  Each
 * becomes a character that looks alike. */
static const char *mm_swap(unsigned cp, enum mm_kind kind)
{
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
	       c == '>' || c == ',';
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
