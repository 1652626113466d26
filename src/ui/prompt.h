/* prompt.h - the interface's small editors: a one-line UTF-8 editor, a
 * multi-line one for notes, a y/n question and a filtering picker.  Each
 * redraws itself (and the screen behind) on resize; Escape cancels and
 * changes nothing. */
#ifndef CX_PROMPT_H
#define CX_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

struct app;

/* The typed text (malloc'd UTF-8), or NULL when cancelled. */
char *prompt_line(struct app *a, const char *label, const char *initial);
/* The same, offering a text shown selected: typing replaces it, Enter
 * takes it, an arrow keeps it to edit (a search's last term). */
char *prompt_line_offer(struct app *a, const char *label, const char *offer);
char *prompt_text(struct app *a, const char *title, const char *initial);
/* Shows a text in the notes editor's box without letting it change. */
void prompt_view(struct app *a, const char *title, const char *text);
/* True for y (or the translated "yes" letter), false otherwise. */
bool prompt_yes(struct app *a, const char *question);

/* A list of names filtered as you type.  Single choice: returns the
 * chosen index, or -1 when cancelled; with allow_create, Enter on a typed
 * name that matches none returns PICKER_CREATE and *typed holds it.
 * Multi choice (checked != NULL): opens on the first checked item;
 * Space toggles, Enter accepts (returns 0), Escape cancels (-1); created
 * names come back in *created (a NULL-terminated array) when
 * allow_create. */
#define PICKER_CREATE (-2)
int picker_single(struct app *a, const char *title, const char *const *items,
		  size_t n, bool allow_create, char **typed);
/* The same, opening with item `current` selected (the value the item has
 * now), so that Enter keeps it. */
int picker_single_at(struct app *a, const char *title,
		     const char *const *items, size_t n, size_t current,
		     bool allow_create, char **typed);
int picker_multi(struct app *a, const char *title, const char *const *items,
		 size_t n, bool *checked, char ***created);

#endif
