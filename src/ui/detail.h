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
/* Where each card's metrics, voices, gaps, silos and actions are in the
 * map's lists, so that drawing a card or the pane costs what that card
 * holds, not what the map holds.  Made again (O(items)) only when the
 * map changed (a->generation); the board keeps one. */
struct detail_index;
struct detail_index *detail_index_new(void);
void detail_index_free(struct detail_index *x);
void detail_index_update(struct detail_index *x, const struct app *a);

/* Draws the selected card (or stage) whole in the pane from column x,
 * over the body's lines; blanks the pane first. */
void detail_draw(const struct app *a, const struct detail_index *x, int x0,
		 int w);

/* What a card's markers say about a touchpoint: card j of stage si. */
struct detail_marks {
	size_t off_target;	/* metrics off their target */
	size_t voices;	/* voices about it */
	bool assumption;	/* a pain (negative emotion) with no voice */
	bool moment;	/* a moment of truth */
};
struct detail_marks detail_marks(const struct detail_index *x,
				 const struct model_map *m, size_t si,
				 size_t j);

/* The markers' symbols, with ASCII stand-ins outside UTF-8. */
enum detail_glyph { DETAIL_OFF_TARGET, DETAIL_VOICE, DETAIL_ASSUMPTION,
		    DETAIL_MOMENT };
const char *detail_glyph(enum detail_glyph g);

#endif
