/* help.c - the help screen: every key, from the action table, and what
 * the board's marks mean.  A modal state of the interface, not a loop:
 * while it is open the app draws it and hands it the keys. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "ui/actions.h"
#include "ui/detail.h"
#include "ui/draw.h"
#include "ui/help.h"
#include "ui/term.h"
#include "util/i18n.h"
#include "util/xalloc.h"


/* Draws text wrapped from column x to the right edge, on the help
 * screen's lines from `top` on; *line counts every line, *y the drawn. */
static void help_text(const char *text, int x, size_t top, size_t *line,
		      int *y)
{
	size_t st[17];
	size_t n = draw_wrap(text, COLS - x - 1, st, 16);
	for (size_t k = 0; k < n; k++) {
		if ((*line)++ < top || *y >= LINES)
			continue;
		char *part = xstrndup(text + st[k], st[k + 1] - st[k]);
		draw_text((*y)++, x, part, COLS - x - 1, A_NORMAL);
		free(part);
	}
}

void help_draw(struct help_state *hs)
{
	size_t top = hs->top;
	erase();
	int y = 0;
	size_t line = 0;
	draw_fill(0, 0, COLS, NULL, term_attr(TERM_HEADER));
	draw_text(0, 1, _("cxmap keys (arrows scroll, q or Esc closes)"),
		  COLS - 2, term_attr(TERM_HEADER) | A_BOLD);
	y = 1;
	/* what the board's marks mean, first: they puzzle people before
	 * any key does */
	char *legend = xasprintf(_("On cards: &N other departments contribute, !N open gaps, %sN open silos, %sN findings (see the gaps view); \"(no owner)\" marks a touchpoint nobody owns. A stage's title shows its touchpoints (N), its own open gaps and findings. In the lanes, %s marks a handoff between departments with an open silo."),
				 term_glyph(G_SILO), term_glyph(G_FINDING),
				 term_glyph(G_SILO));
	help_text(legend, 0, top, &line, &y);
	free(legend);
	/* the measures and the evidence (detail.h's markers) */
	legend = xasprintf(_("Also on cards: %sN metrics off their target, %sN voices (what customers, employees or partners said, or data), %s a pain nobody has voiced yet (an assumption); %s before the name marks a moment of truth. On a terminal 120 columns or wider, a pane beside the board shows the selected card whole: metrics against targets, voices, gaps, silos and actions."),
			   detail_glyph(DETAIL_OFF_TARGET),
			   detail_glyph(DETAIL_VOICE),
			   detail_glyph(DETAIL_ASSUMPTION),
			   detail_glyph(DETAIL_MOMENT));
	help_text(legend, 0, top, &line, &y);
	free(legend);
	for (int c = 0; c < CTX_COUNT; c++) {
		if (line++ >= top && y < LINES)
			draw_text(y++, 0, actions_context_title(c), COLS,
				  A_BOLD | A_UNDERLINE);
		for (const struct ui_action_info *i = ui_actions; i->id; i++) {
			if ((int)i->context != c)
				continue;
			/* long descriptions wrap under themselves */
			if (line >= top && y < LINES)
				draw_text(y, 2, actions_keys(i), 14,
					  term_attr(TERM_BAR_KEY));
			help_text(_(i->help), 17, top, &line, &y);
		}
	}
	hs->lines = line;
}

void help_action(struct help_state *hs, enum ui_action act)
{
	size_t page = (size_t)LINES - 1;	/* lines shown */
	size_t line = hs->lines;
	switch (act) {
	case ACT_HELP_DOWN:
		hs->top += hs->top + page < line ? 1 : 0;
		break;
	case ACT_HELP_PAGE_DOWN:
		hs->top += hs->top + page < line ? page - 1 : 0;
		break;
	case ACT_HELP_UP:
		hs->top -= hs->top > 0;
		break;
	case ACT_HELP_PAGE_UP:
		hs->top = hs->top > page + 1 ? hs->top - page - 1 : 0;
		break;
	case ACT_HELP_TOP: hs->top = 0; break;
	case ACT_HELP_BOTTOM: hs->top = line > page ? line - page : 0; break;
	case ACT_HELP_CLOSE: case ACT_HELP_AGAIN: case ACT_HELP_ENTER:
		hs->open = false;
		break;
	default: break;
	}
}
