/* actions.h - the interface's actions, generated from actions.def. */
#ifndef CX_ACTIONS_H
#define CX_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CONTEXT(id, title, is_view) CTX_##id,
enum ui_context {
#include "ui/contexts.def"
	CTX_COUNT
};
#undef CONTEXT

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
/* The action a key means on a modal screen: in its context, then (for
 * the line and notes editors and pickers) in CTX_EDITING; else ACT_NONE
 * (a character to type, or nothing). */
enum ui_action actions_modal(enum ui_context c, int key);
/* The context a modal context falls back to (CTX_EDITING), or c. */
enum ui_context actions_fallback(enum ui_context c);
/* A view's context (keys in the bottom bar), not a modal screen's. */
bool actions_is_view(enum ui_context c);
#define ACTIONS_IS_VIEW(c) actions_is_view(c)
const char *actions_context_title(enum ui_context c);
/* The key names of an action as people see them, translated. */
const char *actions_keys(const struct ui_action_info *a);

/* The bottom bar's actions for a view's context: those with a bar label,
 * the view's then the global ones, Help and Quit last; at most max. */
size_t actions_bar(enum ui_context view, const struct ui_action_info **out,
		   size_t max);

/* Key lists for `cxmap --help` and for the man page (`--keys-man`). */
void actions_print_help(FILE *out);
void actions_print_man(FILE *out);

#endif
