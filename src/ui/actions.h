/* actions.h - the interface's actions, generated from actions.def. */
#ifndef CX_ACTIONS_H
#define CX_ACTIONS_H

#include <stdio.h>

enum ui_context {
	CTX_ALL,	/* every view */
	CTX_NAV,	/* moving, in every view */
	CTX_BOARD, CTX_LANES, CTX_GAPS, CTX_MAPS, CTX_DEPTS, CTX_HISTORY,
	CTX_COUNT
};

#define ACTION(id, ctx, k1, k2, keys, bar, help) ACT_##id,
enum ui_action { ACT_NONE, /* keep first */
#include "ui/actions.def"
	ACT_COUNT };
#undef ACTION

struct ui_action_info {
	enum ui_action id;
	enum ui_context context;
	int key1, key2;
	const char *keys;	/* untranslated key names */
	const char *bar;	/* N_() or NULL */
	const char *help;	/* N_() */
};

/* Every action, in table order, ending with ACT_NONE. */
extern const struct ui_action_info ui_actions[];

/* The action a key means in a view's context (else in CTX_NAV and
 * CTX_ALL), or ACT_NONE. */
enum ui_action actions_lookup(enum ui_context view, int key);
const char *actions_context_title(enum ui_context c);
/* The key names of an action as people see them, translated. */
const char *actions_keys(const struct ui_action_info *a);

/* Key lists for `cxmap --help` and for the man page (`--keys-man`). */
void actions_print_help(FILE *out);
void actions_print_man(FILE *out);

#endif
