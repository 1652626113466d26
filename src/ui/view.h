/* view.h - the contract every view fills, and the list helper they share.
 *
 * A view is one file that defines one `struct view_ops` and keeps its
 * own state (what `open` returns).  `reload` reads what the view shows,
 * from the model or the store, and is the only place it may read the
 * file; `draw` paints from what reload read (no SQL, no file access);
 * `action` handles a key of the view's context (CTX_NAV moves too).  The
 * interface calls `reload` when the view is entered, after the open map
 * was read again, after an action of the view other than a move, and when
 * another process committed.  views.c holds the list, in Tab order. */
#ifndef CX_VIEW_H
#define CX_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/actions.h"

struct app;

struct view_ops {
	const char *name;	/* for app_show_view: "board", "maps"... */
	enum ui_context ctx;	/* the keys it takes (actions.def) */
	bool file_undo;	/* u and Ctrl-R undo changes to whole maps */
	void *(*open)(struct app *a);	/* its state; may be NULL */
	void (*reload)(struct app *a, void *state);	/* may be NULL */
	void (*draw)(struct app *a, void *state);
	void (*action)(struct app *a, void *state, enum ui_action act);
	/* a click at a screen cell (may be NULL) */
	void (*click)(struct app *a, void *state, int y, int x);
	void (*close)(void *state);	/* may be NULL: free() */
};

/* Every view in Tab order. */
extern const struct view_ops *const views_all[];
extern const size_t views_count;

/* The index of a view by name (0, the first view, when none). */
size_t views_find(const char *name);

/* A list with a selection: keeps `sel` in range and returns the first
 * line to show in `rows` lines; moves it for a moving action. */
size_t list_top(size_t *sel, size_t n, int rows);
void list_move(size_t *sel, size_t n, enum ui_action act);

#endif
