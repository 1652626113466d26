/* help.h - the help screen: a modal state over the current view.  While
 * `open`, the app draws it instead of the view and gives it every key
 * (looked up in CTX_HELP). */
#ifndef CX_HELP_H
#define CX_HELP_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/actions.h"

struct help_state {
	bool open;
	size_t top;	/* the first line shown */
	size_t lines;	/* how many there are, as last drawn */
};

/* Draws the whole screen. */
void help_draw(struct help_state *hs);
/* Scrolls, or closes (open becomes false). */
void help_action(struct help_state *hs, enum ui_action act);

#endif
