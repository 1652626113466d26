/* prompt.c - line editor, notes editor, y/n question and picker.
 *
 * Text is edited as wide characters and handed back as UTF-8.  Each
 * editor is a small modal loop that repaints the screen behind it through
 * its host (struct prompt_host) on every turn, so a resize at any moment
 * redraws correctly.  Nothing here knows the interface's state. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define KEY_ESC 27
#define PROMPT_MAX 65536	/* characters in one field: what import takes */

/* ------------------------------------------------------------------ */
/* a growable wide string */

struct wbuf {
	wchar_t *s;
	size_t len, cap;
};

static void wbuf_insert(struct wbuf *b, size_t at, wchar_t c)
{
	if (b->len >= PROMPT_MAX)
		return;
	b->s = xgrow(b->s, &b->cap, b->len + 2, sizeof *b->s);
	memmove(b->s + at + 1, b->s + at, (b->len - at) * sizeof *b->s);
	b->s[at] = c;
	b->len++;
	b->s[b->len] = L'\0';
}

static void wbuf_delete(struct wbuf *b, size_t at, size_t n)
{
	if (at >= b->len)
		return;
	if (at + n > b->len)
		n = b->len - at;
	memmove(b->s + at, b->s + at + n, (b->len - at - n) * sizeof *b->s);
	b->len -= n;
	b->s[b->len] = L'\0';
}

static void wbuf_from_utf8(struct wbuf *b, const char *s)
{
	memset(b, 0, sizeof *b);
	b->s = xgrow(NULL, &b->cap, 1, sizeof *b->s);
	b->s[0] = L'\0';
	for (size_t i = 0, len = strlen(s); i < len;) {
		size_t n = text_utf8_seq(s + i, len - i);
		unsigned cp = 0xfffd;
		if (n)
			text_utf8_decode(s + i, &cp);
		i += n ? n : 1;
		wbuf_insert(b, b->len, (wchar_t)cp);
	}
}

static char *wbuf_to_utf8(const struct wbuf *b)
{
	char *out = xmalloc(b->len * 4 + 1), *o = out;
	for (size_t i = 0; i < b->len; i++) {
		unsigned c = (unsigned)b->s[i];
		if (c >= 0xd800 && c <= 0xdfff)
			c = 0xfffd;
		if (c < 0x80) {
			*o++ = (char)c;
		} else if (c < 0x800) {
			*o++ = (char)(0xc0 | (c >> 6));
			*o++ = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			*o++ = (char)(0xe0 | (c >> 12));
			*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*o++ = (char)(0x80 | (c & 0x3f));
		} else {
			*o++ = (char)(0xf0 | (c >> 18));
			*o++ = (char)(0x80 | ((c >> 12) & 0x3f));
			*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*o++ = (char)(0x80 | (c & 0x3f));
		}
	}
	*o = '\0';
	return out;
}

static int wcell(wchar_t c)
{
	if (!term_utf8())
		return 1;
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

/* Repaints the screen with `text` in bold on the status line, in at most
 * `width` cells; returns the cells used. */
static int prompt_status(const struct prompt_host *h, const char *text,
			 int width)
{
	h->redraw(h->ctx, true);
	int y = h->status_y(h->ctx);
	move(y, 0);
	clrtoeol();
	return draw_text(y, 0, text, width, A_BOLD);
}

/* Draws one character of text being edited at the cursor, as the rest of
 * the screen would (a replacement for what must not reach the terminal). */
static void prompt_put(wchar_t c)
{
	if (!term_utf8() && c >= 0x80)
		c = L'?';
	if (text_is_unsafe((unsigned)c))
		c = term_utf8() ? 0xfffd : L'?';
	addnwstr(&c, 1);
}

/* Reads one key for an editor: a quitting signal is an Escape. */
static int prompt_key(const struct prompt_host *h, wint_t *wch, bool *is_char)
{
	int key = h->read_key(h->ctx, wch, is_char);
	return key == PROMPT_KEY_QUIT ? KEY_ESC : key;
}

/* Editing keys shared by the line and notes editors; returns true when
 * the key was one of them. */
static bool prompt_edit_key(struct wbuf *b, size_t *cur, int key, wint_t wch,
			    bool is_char)
{
	switch (actions_modal(CTX_EDITING, key)) {
	case ACT_EDIT_LEFT: if (*cur > 0) (*cur)--; return true;
	case ACT_EDIT_RIGHT: if (*cur < b->len) (*cur)++; return true;
	case ACT_EDIT_BACKSPACE: case ACT_EDIT_CTRL_H:
		if (*cur > 0) wbuf_delete(b, --(*cur), 1);
		return true;
	case ACT_EDIT_DELETE: wbuf_delete(b, *cur, 1); return true;
	default: break;
	}
	if (is_char && iswprint((wint_t)wch) != 0) {
		wbuf_insert(b, (*cur)++, (wchar_t)wch);
		return true;
	}
	if (is_char && !term_utf8() && wch >= 0x80) {
		wbuf_insert(b, (*cur)++, (wchar_t)wch);
		return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* one line */

/* Draws the field so the cursor stays visible (horizontal scrolling). */
static void line_draw(int y, int x, int w, const struct wbuf *b, size_t cur,
		      size_t *first)
{
	if (cur < *first)
		*first = cur;
	int width = 0;
	for (size_t i = *first; i < cur; i++)
		width += wcell(b->s[i]);
	while (width >= w && *first < cur)
		width -= wcell(b->s[(*first)++]);
	move(y, x);
	int used = 0;
	for (size_t i = *first; i < b->len; i++) {
		wchar_t c = b->s[i];
		int cw = wcell(c);
		if (used + cw > w)
			break;
		/* the cursor's cell in reverse: seen even where the
		 * terminal's own cursor is hard to spot */
		if (i == cur)
			attron(A_REVERSE);
		prompt_put(c);
		attroff(A_REVERSE);
		used += cw;
	}
	if (cur == b->len && width < w)
		mvaddch(y, x + width, ' ' | A_REVERSE);
	move(y, x + width);
}

/* The bar's lines while a prompt is open: the keys that answer it, in
 * place of the view's keys (which do not work there). */
static void prompt_keys(const struct prompt_host *h, const char *keys)
{
	int y = h->status_y(h->ctx) + 1;
	draw_clear_rows(y, LINES - y);
	draw_text(y, 0, keys, COLS, term_attr(TERM_BAR_KEY));
}

/* An offered text, selected: typing replaces it, a deleting key clears
 * it, Enter takes it, moving keeps it to edit.  Returns true when the key
 * is used up. */
static bool line_offered(struct wbuf *b, size_t *cur, bool *selected,
			 int key, bool is_char)
{
	enum ui_action act = actions_modal(CTX_LINE, key);
	if (!*selected || act == ACT_LINE_ACCEPT || key == 0)	/* 0: a tick */
		return false;
	*selected = false;
	if (is_char || act == ACT_EDIT_BACKSPACE || act == ACT_EDIT_CTRL_H ||
	    act == ACT_EDIT_DELETE || act == ACT_LINE_CLEAR) {
		wbuf_delete(b, 0, b->len);
		*cur = 0;
		return !is_char;
	}
	return false;
}

static char *line_run(const struct prompt_host *h, const char *label,
		      const char *initial,
		      bool selected, bool optional)
{
	struct wbuf b;
	wbuf_from_utf8(&b, initial);
	size_t cur = b.len, first = 0;
	char *result = NULL;
	term_cursor(true);
	for (;;) {
		int y = h->status_y(h->ctx);
		int lw = prompt_status(h, label, COLS / 2) + 1;
		prompt_keys(h, _("Enter accepts, Esc cancels, Ctrl-U clears"));
		attrset(selected ? A_REVERSE : A_NORMAL);	/* the offer */
		line_draw(y, lw, COLS - lw - 1, &b, cur, &first);
		attrset(A_NORMAL);
		refresh();
		wint_t wch = 0;
		bool is_char = false;
		int key = prompt_key(h, &wch, &is_char);
		enum ui_action act = actions_modal(CTX_LINE, key);
		if (act == ACT_LINE_CANCEL)
			break;
		if (line_offered(&b, &cur, &selected, key, is_char))
			continue;
		if (act == ACT_LINE_ACCEPT) {
			/* " Sales " would be a look-alike of "Sales" */
			char *t = text_trim(wbuf_to_utf8(&b));
			if (optional || !text_blank(t)) {
				result = t;
				break;
			}
			free(t);
			beep();	/* an empty name is no name */
			continue;
		}
		if (act == ACT_LINE_HOME)
			cur = 0;
		else if (act == ACT_LINE_END)
			cur = b.len;
		else if (act == ACT_LINE_CLEAR) {
			wbuf_delete(&b, 0, cur);
			cur = 0;
		} else
			prompt_edit_key(&b, &cur, key, wch, is_char);
	}
	term_cursor(false);
	free(b.s);
	return result;
}

char *prompt_line(const struct prompt_host *h, const char *label,
		  const char *initial)
{
	return line_run(h, label, initial, false, false);
}

char *prompt_line_optional(const struct prompt_host *h, const char *label,
			   const char *initial)
{
	return line_run(h, label, initial, false, true);
}

char *prompt_line_offer(const struct prompt_host *h, const char *label,
			const char *offer)
{
	return line_run(h, label, offer, offer[0] != '\0', false);
}

/* ------------------------------------------------------------------ */
/* several lines (notes): Enter starts a new line, Ctrl-D or F2 saves */

static void prompt_box(int y, int x, int h, int w, const char *title)
{
	draw_clear_rows(y, h);
	draw_fill(y, x, w, term_glyph(G_HLINE), A_BOLD);
	draw_fill(y + h - 1, x, w, term_glyph(G_HLINE), A_BOLD);
	draw_text(y, x + 2, title, w - 4, A_BOLD | A_REVERSE);
}

/* Moves the cursor to the same column of the line above or below. */
static size_t text_vertical(const struct wbuf *b, size_t cur, bool up)
{
	size_t start = cur;
	while (start > 0 && b->s[start - 1] != L'\n')
		start--;
	size_t off = cur - start;
	if (up && start > 0) {
		size_t ps = start - 1;
		while (ps > 0 && b->s[ps - 1] != L'\n')
			ps--;
		return ps + (off < start - 1 - ps ? off : start - 1 - ps);
	}
	if (up)
		return cur;
	size_t end = cur;
	while (end < b->len && b->s[end] != L'\n')
		end++;
	if (end == b->len)
		return cur;
	size_t ns = end + 1, ne = ns;
	while (ne < b->len && b->s[ne] != L'\n')
		ne++;
	return ns + (off < ne - ns ? off : ne - ns);
}

/* Draws the text in the box, scrolled both ways so the cursor shows;
 * *left keeps the sideways scroll from one turn to the next. */
static void text_draw(const struct wbuf *b, size_t cur, int y0, int x0,
		      int rows, int cols, int *left)
{
	int cy = 0, cx = 0, line = 0, col = 0;
	for (size_t i = 0; i < cur; i++) {
		if (b->s[i] == L'\n') {
			line++;
			col = 0;
		} else {
			col += wcell(b->s[i]);
		}
	}
	cy = line;
	cx = col;
	if (cx < *left)
		*left = cx;
	if (cx >= *left + cols)
		*left = cx - cols + 1;
	int top = cy >= rows ? cy - rows + 1 : 0;
	line = 0;
	col = 0;
	for (size_t i = 0; i < b->len; i++) {
		if (b->s[i] == L'\n') {
			line++;
			col = 0;
			continue;
		}
		int cw = wcell(b->s[i]);
		if (line >= top && line < top + rows && col >= *left &&
		    col + cw <= *left + cols) {
			move(y0 + line - top, x0 + col - *left);
			prompt_put(b->s[i]);
		}
		col += cw;
	}
	move(y0 + cy - top, x0 + cx - *left);
}

/* The notes editor, or with edit false a viewer (for read-only files). */
static char *prompt_text_run(const struct prompt_host *h, const char *title,
			     const char *initial, bool edit)
{
	struct wbuf b;
	wbuf_from_utf8(&b, initial);
	size_t cur = edit ? b.len : 0;
	int left = 0;
	char *result = NULL;
	term_cursor(true);
	for (bool stop = false; !stop;) {
		h->redraw(h->ctx, false);
		int bh = LINES - 4, w = COLS - 4, y0 = 2, x0 = 2;
		prompt_box(y0, x0, bh, w, title);
		draw_text(y0 + bh - 1, x0 + 2,
			  edit ? _(" Ctrl-D or F2 saves, Esc cancels ")
			       : _(" read-only: arrows move, Esc closes "),
			  w - 4, A_BOLD);
		text_draw(&b, cur, y0 + 1, x0 + 1, bh - 2, w - 3, &left);
		refresh();
		wint_t wch = 0;
		bool is_char = false;
		int key = prompt_key(h, &wch, &is_char);
		enum ui_action act = actions_modal(edit ? CTX_NOTES : CTX_READER,
						   key);
		if (act == ACT_NOTES_CANCEL) {
			/* several lines of typing are not thrown away unasked */
			char *now = wbuf_to_utf8(&b);
			bool same = strcmp(now, initial) == 0;
			free(now);
			if (same || prompt_yes(h, _("Throw away what you typed? (y/n)")))
				break;
			continue;
		}
		switch (act) {
		case ACT_READ_CLOSE: case ACT_READ_ENTER:
			stop = true;
			break;
		case ACT_NOTES_SAVE:
			result = wbuf_to_utf8(&b);
			stop = true;
			break;
		case ACT_NOTES_UP: case ACT_NOTES_DOWN:
		case ACT_READ_UP: case ACT_READ_DOWN:
			cur = text_vertical(&b, cur, act == ACT_NOTES_UP ||
					    act == ACT_READ_UP);
			break;
		case ACT_NOTES_HOME: case ACT_READ_HOME:
			while (cur > 0 && b.s[cur - 1] != L'\n')
				cur--;
			break;
		case ACT_NOTES_END: case ACT_READ_END:
			while (cur < b.len && b.s[cur] != L'\n')
				cur++;
			break;
		case ACT_READ_LEFT: if (cur > 0) cur--; break;
		case ACT_READ_RIGHT: if (cur < b.len) cur++; break;
		case ACT_NOTES_NEWLINE:
			wbuf_insert(&b, cur++, L'\n');
			break;
		default:
			if (edit)
				prompt_edit_key(&b, &cur, key, wch, is_char);
			break;
		}
	}
	term_cursor(false);
	free(b.s);
	return result;
}

char *prompt_text(const struct prompt_host *h, const char *title,
		  const char *initial)
{
	return prompt_text_run(h, title, initial, true);
}

void prompt_view(const struct prompt_host *h, const char *title,
		 const char *text)
{
	free(prompt_text_run(h, title, text, false));
}

/* ------------------------------------------------------------------ */
/* y/n */

/* Draws a y/n question on the status line.  What comes
 * before its last newline (who changed what, say) is context: up to two
 * lines above it, so that it is read whole.  A longer question keeps its
 * end, "(y/n)", in sight: the middle is what gets cut. */
static void prompt_question(const struct prompt_host *h,
			    const char *question)
{
	const char *nl = strrchr(question, '\n');
	const char *q = nl ? nl + 1 : question;
	const char *tail = strrchr(q, '(');
	int tw = tail ? draw_width(tail) : 0;
	size_t starts[3] = { 0 }, n = 0;
	char *context = nl ? xasprintf("%.*s", (int)(nl - question), question)
			   : NULL;
	if (context)
		n = draw_wrap(context, COLS - 1, starts, 2);
	int y = h->status_y(h->ctx);
	draw_clear_rows(y - (int)n, (int)n + 1);
	for (size_t k = 0; k < n; k++) {
		char *line = xasprintf("%.*s", (int)(starts[k + 1] - starts[k]),
				       context + starts[k]);
		draw_text(y - (int)(n - k), 0, line, COLS, A_BOLD);
		free(line);
	}
	free(context);
	int w = draw_width(q) > COLS && tail && tw < COLS - 8
		? COLS - tw - 1 : COLS;
	draw_text(y, 0, q, w, A_BOLD);
	if (w < COLS)
		draw_text(y, w + 1, tail, tw, A_BOLD);
}

bool prompt_yes(const struct prompt_host *h, const char *question)
{
	/* TRANSLATORS: the letter that answers "yes" to a y/n question */
	const char *yes = _("y");
	for (;;) {
		prompt_status(h, "", 0);
		prompt_question(h, question);
		char *keys = xasprintf(_("%s answers yes, any other key no"),
				       yes);
		prompt_keys(h, keys);
		free(keys);
		refresh();
		wint_t wch = 0;
		bool is_char = false;
		int key = prompt_key(h, &wch, &is_char);
		if (key == 0)
			continue;
		return key == 'y' || key == 'Y' ||
		       (is_char && (wint_t)(unsigned char)yes[0] == wch);
	}
}

/* ------------------------------------------------------------------ */
/* the picker */

/* Case-insensitive substring match of the filter in a name (ASCII
 * letters fold; other characters match exactly). */
static bool picker_match(const char *name, const char *filter)
{
	if (!filter[0])
		return true;
	size_t fl = strlen(filter);
	for (const char *p = name; *p; p++) {
		size_t i = 0;
		while (i < fl && p[i] &&
		       (p[i] == filter[i] ||
			((unsigned char)p[i] < 0x80 &&
			 (unsigned char)filter[i] < 0x80 &&
			 towlower((wint_t)(unsigned char)p[i]) ==
			 towlower((wint_t)(unsigned char)filter[i]))))
			i++;
		if (i == fl)
			return true;
	}
	return false;
}

struct picker {
	const char *title;
	const char *const *items;
	size_t n;
	bool *checked;	/* multi choice, or NULL */
	bool allow_create;
	char **created;	/* names made in this picker (multi) */
	size_t ncreated;
	struct wbuf filter;
	size_t fcur;
	size_t sel, top;
	size_t *shown;	/* indexes of items that match; n means "create" */
	size_t nshown;
};

/* Whether the typed name is one already listed (ignoring the case of
 * ASCII letters, as the store does): then there is nothing to create. */
static bool picker_exact(const struct picker *p, const char *f)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcasecmp(p->items[i], f) == 0)
			return true;
	for (size_t i = 0; i < p->ncreated; i++)
		if (strcasecmp(p->created[i], f) == 0)
			return true;
	return false;
}

/* The filter as a name to create: without surrounding spaces. */
static char *picker_typed(const struct picker *p)
{
	return text_trim(wbuf_to_utf8(&p->filter));
}

static void picker_filter(struct picker *p)
{
	char *f = picker_typed(p);
	p->nshown = 0;
	for (size_t i = 0; i < p->n; i++)
		if (picker_match(p->items[i], f))
			p->shown[p->nshown++] = i;
	if (p->allow_create && !text_blank(f) && !picker_exact(p, f))
		p->shown[p->nshown++] = p->n;
	free(f);
	if (p->sel >= p->nshown)
		p->sel = p->nshown ? p->nshown - 1 : 0;
}

static void picker_draw(const struct prompt_host *h, struct picker *p)
{
	h->redraw(h->ctx, false);
	int w = COLS - 8 < 60 ? COLS - 8 : 60;
	int bh = LINES - 4 < 20 ? LINES - 4 : 20;
	int y0 = (LINES - bh) / 2, x0 = (COLS - w) / 2;
	prompt_box(y0, x0, bh, w, p->title);
	const char *hint = p->checked
		? _(" Space toggles, Enter accepts, Esc cancels ")
		: _(" type to filter, Enter chooses, Esc cancels ");
	draw_text(y0 + bh - 1, x0 + 1, hint, w - 2, A_BOLD);
	int rows = bh - 3;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows)
		p->top = p->sel + 1 - (size_t)rows;
	char *f = picker_typed(p);
	for (int r = 0; r < rows && p->top + (size_t)r < p->nshown; r++) {
		size_t k = p->top + (size_t)r, i = p->shown[k];
		attr_t at = k == p->sel ? A_REVERSE : A_NORMAL;
		int y = y0 + 2 + r, x = x0 + 1;
		draw_fill(y, x, w - 2, NULL, at);
		if (i == p->n) {
			char *line = xasprintf(_("+ create \"%s\""), f);
			draw_text(y, x + 1, line, w - 4, at | A_BOLD);
			free(line);
			continue;
		}
		if (p->checked)
			x += draw_text(y, x + 1, p->checked[i] ? "[x] " : "[ ] ",
				       4, at);
		draw_text(y, x + 1, p->items[i], w - 4 - (x - x0 - 1), at);
	}
	for (size_t i = 0; i < p->ncreated; i++) {
		int y = y0 + 2 + (int)(p->nshown - p->top + i);
		if (y < y0 + bh - 1 && y > y0 + 1) {
			char *line = xasprintf("[x] %s", p->created[i]);
			draw_text(y, x0 + 2, line, w - 4, A_BOLD);
			free(line);
		}
	}
	free(f);
	/* the filter line, with the cursor */
	move(y0 + 1, x0 + 1);
	draw_fill(y0 + 1, x0 + 1, w - 2, NULL, A_NORMAL);
	int lw = draw_text(y0 + 1, x0 + 2, _("Filter:"), w / 3, A_BOLD) + 1;
	size_t first = 0;
	line_draw(y0 + 1, x0 + 2 + lw, w - lw - 4, &p->filter, p->fcur, &first);
}

/* Runs the picker; returns the chosen index, PICKER_CREATE, -1 for
 * Escape, or 0 for Enter in multi mode. */
static int picker_run(const struct prompt_host *h, struct picker *p)
{
	p->shown = xcalloc(p->n + 1, sizeof *p->shown);
	wbuf_from_utf8(&p->filter, "");
	picker_filter(p);	/* everything shown: p->sel is an item's index */
	int rc = -1;
	term_cursor(true);
	for (;;) {
		picker_draw(h, p);
		refresh();
		wint_t wch = 0;
		bool is_char = false;
		int key = prompt_key(h, &wch, &is_char);
		enum ui_action act = actions_modal(CTX_PICKER, key);
		if (act == ACT_PICK_CANCEL)
			break;
		size_t i = p->nshown ? p->shown[p->sel] : (size_t)-1;
		if (act == ACT_PICK_UP && p->sel > 0) {
			p->sel--;
		} else if (act == ACT_PICK_DOWN && p->sel + 1 < p->nshown) {
			p->sel++;
		} else if (p->checked && i == p->n && act == ACT_PICK_CHOOSE) {
			/* a new name: keep it, checked, and clear the filter */
			p->created = xrealloc(p->created, (p->ncreated + 2) *
					      sizeof *p->created);
			p->created[p->ncreated++] = picker_typed(p);
			p->created[p->ncreated] = NULL;
			wbuf_delete(&p->filter, 0, p->filter.len);
			p->fcur = 0;
			picker_filter(p);
		} else if (p->checked && i != (size_t)-1 &&
			   ((act == ACT_PICK_TOGGLE && p->filter.len == 0) ||
			    (act == ACT_PICK_CHOOSE && p->filter.len > 0))) {
			/* Space toggles; so does Enter after filtering, which
			 * then clears the filter for the next name */
			p->checked[i] = !p->checked[i];
			if (act == ACT_PICK_CHOOSE) {
				wbuf_delete(&p->filter, 0, p->filter.len);
				p->fcur = 0;
				picker_filter(p);
			}
		} else if (act == ACT_PICK_CHOOSE) {
			if (p->checked) {
				rc = 0;
				break;
			}
			if (i == (size_t)-1)
				continue;
			rc = i == p->n ? PICKER_CREATE : (int)i;
			break;
		} else if (prompt_edit_key(&p->filter, &p->fcur, key, wch,
					   is_char)) {
			p->sel = 0;
			picker_filter(p);
		}
	}
	term_cursor(false);
	free(p->shown);
	return rc;
}

int picker_single(const struct prompt_host *h, const char *title,
		  const char *const *items,
		  size_t n, bool allow_create, char **typed)
{
	return picker_single_at(h, title, items, n, 0, allow_create, typed);
}

int picker_single_at(const struct prompt_host *h, const char *title,
		     const char *const *items, size_t n, size_t current,
		     bool allow_create, char **typed)
{
	/* opening on the current value: Enter keeps what is there */
	struct picker p = { .title = title, .items = items, .n = n,
			    .allow_create = allow_create,
			    .sel = current < n ? current : 0 };
	int rc = picker_run(h, &p);
	if (rc == PICKER_CREATE && typed)
		*typed = picker_typed(&p);
	free(p.filter.s);
	return rc;
}

int picker_multi(const struct prompt_host *h, const char *title,
		 const char *const *items,
		 size_t n, bool *checked, char ***created)
{
	struct picker p = { .title = title, .items = items, .n = n,
			    .checked = checked, .allow_create = true };
	/* on the first department already checked, the current value */
	while (p.sel < n && !checked[p.sel])
		p.sel++;
	if (p.sel == n)
		p.sel = 0;
	int rc = picker_run(h, &p);
	free(p.filter.s);
	if (rc == 0 && created) {
		*created = p.created;
	} else {
		for (size_t i = 0; i < p.ncreated; i++)
			free(p.created[i]);
		free(p.created);
	}
	return rc;
}
