/* detail.h - the detail pane beside the board (wide terminals) and the
 * card markers it shares with the board and the help screen: drawn only
 * from the model. */
#ifndef CX_DETAIL_H
#define CX_DETAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"

struct app;

/* Terminals this wide or wider show the pane. */
#define DETAIL_MIN_COLS 120

/* The pane's width (its rule included) on the current screen: 0 when
 * the terminal is narrower than DETAIL_MIN_COLS. */
int detail_width(void);
/* Draws the selected card (or stage) whole in the pane from column x,
 * over the body's lines; blanks the pane first. */
void detail_draw(const struct app *a, int x, int w);

/* What a card's markers say about a touchpoint. */
struct detail_marks {
	size_t off_target;	/* metrics off their target */
	size_t voices;	/* voices about it */
	bool assumption;	/* a pain (negative emotion) with no voice */
	bool moment;	/* a moment of truth */
};
struct detail_marks detail_marks(const struct model_map *m,
				 const struct model_touchpoint *t);

/* The markers' symbols, with ASCII stand-ins outside UTF-8. */
enum detail_glyph { DETAIL_OFF_TARGET, DETAIL_VOICE, DETAIL_ASSUMPTION,
		    DETAIL_MOMENT };
const char *detail_glyph(enum detail_glyph g);

#endif
