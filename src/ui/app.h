/* app.h - the interface's state and the pieces that views share. */
#ifndef CX_APP_H
#define CX_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "core/analysis.h"
#include "core/edit.h"
#include "core/model.h"
#include "core/store.h"
#include "ui/actions.h"
#include "ui/help.h"
#include "ui/prompt.h"

struct app {
	struct store *store;
	const char *default_name;	/* for a new first map: the file's */
	struct edit *edit;
	struct model_map *map;	/* the open map */
	/* its findings, the board's cards and the header's counts: run on
	 * a reload, updated after a limited change (app_map_changed) */
	struct analysis *analysis;
	/* the current view: an index into views_all (ui/view.h), and every
	 * view's own state, from its open() */
	size_t view;
	void **states;
	/* frames: generation counts view reloads (what a view shows may
	 * have changed); keep_body tells the view drawing a frame that the
	 * body is still on screen as the view's last frame left it (nothing
	 * else drew since, same view and size), for views that redraw only
	 * what changed (the board) */
	uint64_t generation;
	bool keep_body, frame_ok;
	size_t frame_view;
	int frame_cols, frame_lines;
	bool entering;	/* while a view is reloaded on being entered */
	int64_t focus_map;	/* a map a list of maps should select, or 0 */
	bool quit;

	/* board selection: a stage, and a card in it (-1: the stage) */
	size_t stage;
	long card;
	size_t first_stage;	/* leftmost visible stage */
	long card_top;	/* first visible card of the selected stage */

	/* sharing: what others do to the file */
	uint64_t data_version;	/* store_data_version when last looked */
	int64_t map_stamp;	/* the map's newest change when loaded */
	char *others;	/* who else has the map open, or NULL */
	int64_t visit_stamp, visit_time;	/* this user's previous visit */
	bool gone;	/* the file was deleted or replaced: said once */

	char message[512];
	bool message_error;
	struct prompt_host host;	/* what editors see of the app */
	struct help_state help;	/* the help screen, when open */
};

/* Where a touchpoint is on the board: its stage index and card index.
 * False when it is not in the map.  O(1) (the map's index). */
bool app_locate(const struct app *a, int64_t tp_id, size_t *stage,
		size_t *card);

/* What a text edit is about. */
enum app_target { APP_MAP, APP_STAGE, APP_TP };

/* Saves a text field of the map, a stage or a touchpoint.  When somebody
 * else changed the item after it was drawn here, shows their version and
 * asks whether to apply this one anyway.  True when saved. */
bool app_set_text(struct app *a, enum app_target t, int64_t id, int field,
		  const char *value);
/* After an edit was refused with STORE_CONFLICT: shows the map as it is
 * now, says who changed what (the newest change to the item, or to that
 * field, after version `since`) and asks `question`, a y/n question such
 * as "Delete it anyway?".  False (having said so) when the answer is no
 * or the item is gone. */
bool app_conflict_ask(struct app *a, enum store_kind kind, int64_t id,
		      const char *field, int64_t since, const char *question);
/* Called while waiting for a key: keeps this session's presence alive
 * and, with `reload`, picks up what others committed (about once a
 * second; nothing when idle otherwise). */
void app_idle(struct app *a, bool reload);

/* Shows a message on the status line until the next key. */
void app_message(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void app_error(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Reports a failed store call in words (with the file), returns false. */
bool app_check(struct app *a, enum store_status st);
/* True when the file may be written; else says why. */
bool app_writable(struct app *a);

/* After a->map was changed in place as ch says (and re-indexed, see
 * model_reindex*): brings the analysis up to date (incrementally where
 * it can; ch NULL: from scratch) and the current view with it. */
void app_map_changed(struct app *a, const struct analysis_change *ch);
/* Reads the open map again after a change, keeping the selection on the
 * same item where it still exists. */
void app_reload(struct app *a);
/* After this session's own edit (edit_*, undo, redo): brings the map up
 * to date reading only what the edit wrote when it can (model_patch.h),
 * else all of it, keeping the selection as app_reload does. */
void app_edited(struct app *a);
/* Opens the map this user had open last (else the first by name),
 * creating one named after the file when there is none. */
bool app_open_first(struct app *a);
/* Opens another map of the file. */
bool app_open_map(struct app *a, int64_t map_id);
/* Selects a touchpoint (or a stage with tp 0) on the board. */
void app_select(struct app *a, int64_t stage_id, int64_t tp_id);

/* The selected stage and touchpoint (NULL when none). */
const struct model_stage *app_stage(const struct app *a);
const struct model_touchpoint *app_touchpoint(const struct app *a);

/* Draws everything for the current view: header, body, status, bar.
 * Prompts call it to repaint behind themselves (after a resize too). */
void app_draw(struct app *a);
/* "3 stages · 4 touchpoints · 3 unowned · 1 open gap · 2 silos ·
 * 5 findings"; APP_OMIT leaves out the stages, touchpoints or findings. */
#define APP_OMIT ((size_t)-1)
void app_format_counts(char *buf, size_t size, size_t stages, size_t tps,
		       size_t unowned, size_t gaps, size_t silos,
		       size_t findings);

/* Lines between the header and the status line; the status line
 * (messages and prompts), above the bottom bar's one or two. */
int app_body_top(void);
int app_body_lines(void);
int app_status_y(void);

/* The narrow interface editors, pickers and the help screen work with:
 * redraw behind, read a key (keeping presence alive), the status line. */
const struct prompt_host *app_host(struct app *a);

/* Shows a view (by its name in the view table), reading what it shows. */
void app_show_view(struct app *a, const char *name);

/* One code per key: KEY_ENTER and CR become '\n'. */
int app_key(int r, wint_t wch);
/* Reads a key in a modal loop (editors, forms, help): 0 after the
 * timeout or a resize (redraw and ask again; presence is kept alive
 * meanwhile), APP_KEY_QUIT when a signal asks cxmap to end.  is_char
 * (optional) says whether it is a character to insert. */
#define APP_KEY_QUIT PROMPT_KEY_QUIT
int app_read_key(struct app *a, wint_t *wch, bool *is_char);
/* The same for a dialog that shows the map as it is now (the detail
 * form): others' changes are read in on the timeout. */
int app_read_key_live(struct app *a, wint_t *wch, bool *is_char);

/* The interface without its loop (app_run, and the benchmark, drive it):
 * opening the map last open, handling one key, closing. */
bool app_open(struct app *a, struct store *s, const char *default_map_name);
/* app_open without opening a map (a->map stays NULL): for tests that open
 * one themselves. */
void app_init(struct app *a, struct store *s, const char *default_map_name);
void app_feed(struct app *a, int key);
/* Draws and feeds keys until the person quits or a signal (or the end of
 * the input) asks cxmap to end; the terminal must be set up. */
void app_loop(struct app *a);
void app_close(struct app *a);

/* Runs the interface on an open store: 0, or -1 when there is no map and
 * none can be made, -2 when the terminal cannot be set up. */
int app_run(struct store *s, const char *default_map_name, bool mouse);

#endif
