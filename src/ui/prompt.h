/* prompt.h - the interface's small editors: a one-line UTF-8 editor, a
 * multi-line one for notes, a y/n question and a filtering picker.  Each
 * redraws itself (and the screen behind) on resize; Escape cancels and
 * changes nothing. */
#ifndef CX_PROMPT_H
#define CX_PROMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* What an editor needs from the screen it opens over: nothing else. */
struct prompt_host {
	/* paints everything behind the editor; quiet: without the status
	 * line's message (the editor takes that line) */
	void (*redraw)(void *ctx, bool quiet);
	/* the next key, 0 after the idle tick or a resize (redraw and ask
	 * again), PROMPT_KEY_QUIT when a signal asks cxmap to end; is_char
	 * (optional) says whether it is a character to insert */
	int (*read_key)(void *ctx, wint_t *wch, bool *is_char);
	/* the status line, where one-line editors sit (the bar below) */
	int (*status_y)(void *ctx);
	void *ctx;
};
#define PROMPT_KEY_QUIT (-1)

/* The typed text (malloc'd UTF-8), or NULL when cancelled. */
char *prompt_line(const struct prompt_host *h, const char *label,
		  const char *initial);
/* The same where an empty text is an answer (an optional field): "" when
 * emptied, NULL when cancelled. */
char *prompt_line_optional(const struct prompt_host *h, const char *label,
			   const char *initial);
/* The same, offering a text shown selected: typing replaces it, Enter
 * takes it, an arrow keeps it to edit (a search's last term). */
char *prompt_line_offer(const struct prompt_host *h, const char *label,
			const char *offer);
char *prompt_text(const struct prompt_host *h, const char *title,
		  const char *initial);
/* Shows a text in the notes editor's box without letting it change. */
void prompt_view(const struct prompt_host *h, const char *title,
		 const char *text);
/* True for y (or the translated "yes" letter), false otherwise. */
bool prompt_yes(const struct prompt_host *h, const char *question);

/* A list of names filtered as you type.  Single choice: returns the
 * chosen index, or -1 when cancelled; with allow_create, Enter on a typed
 * name that matches none returns PICKER_CREATE and *typed holds it.
 * Multi choice (checked != NULL): opens on the first checked item;
 * Space toggles, Enter accepts (returns 0), Escape cancels (-1); created
 * names come back in *created (a NULL-terminated array) when
 * allow_create. */
#define PICKER_CREATE (-2)
int picker_single(const struct prompt_host *h, const char *title,
		  const char *const *items,
		  size_t n, bool allow_create, char **typed);
/* The same, opening with item `current` selected (the value the item has
 * now), so that Enter keeps it. */
int picker_single_at(const struct prompt_host *h, const char *title,
		     const char *const *items, size_t n, size_t current,
		     bool allow_create, char **typed);
int picker_multi(const struct prompt_host *h, const char *title,
		 const char *const *items,
		 size_t n, bool *checked, char ***created);

#endif
