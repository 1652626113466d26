/* actions.c - lookups and listings over the action table. */
#include <config.h>

#include <curses.h>
#include <stdbool.h>
#include <string.h>

#include "ui/actions.h"
#include "util/i18n.h"
#include "util/text.h"

#define ACTION(id, ctx, k1, k2, keys, bar, help) \
	{ ACT_##id, ctx, k1, k2, keys, bar, help },
const struct ui_action_info ui_actions[] = {
#include "ui/actions.def"
	{ ACT_NONE, CTX_ALL, 0, 0, NULL, NULL, NULL },
};
#undef ACTION

#define CONTEXT(id, title, is_view) title,
static const char *const context_titles[CTX_COUNT] = {
#include "ui/contexts.def"
};
#undef CONTEXT

bool actions_is_view(enum ui_context c)
{
#define CONTEXT(id, title, is_view) is_view,
	static const bool views[CTX_COUNT] = {
#include "ui/contexts.def"
	};
#undef CONTEXT
	return (int)c >= 0 && c < CTX_COUNT && views[c];
}

const char *actions_keys(const struct ui_action_info *a)
{
	/* a lone letter is the key itself: "y" must stay "y" even where the
	 * catalogue has "y" (the yes answer) */
	return a->keys[1] ? _(a->keys) : a->keys;
}

const char *actions_context_title(enum ui_context c)
{
	return _(context_titles[c]);
}

static enum ui_action actions_find(enum ui_context c, int key)
{
	for (const struct ui_action_info *a = ui_actions; a->id; a++)
		if (a->context == c && key && (a->key1 == key || a->key2 == key))
			return a->id;
	return ACT_NONE;
}

enum ui_action actions_lookup(enum ui_context view, int key)
{
	enum ui_action a = actions_find(view, key);
	if (a == ACT_NONE)
		a = actions_find(CTX_NAV, key);
	if (a == ACT_NONE)
		a = actions_find(CTX_ALL, key);
	return a;
}

enum ui_context actions_fallback(enum ui_context c)
{
	return c == CTX_LINE || c == CTX_NOTES || c == CTX_PICKER
	       ? CTX_EDITING : c;
}

enum ui_action actions_modal(enum ui_context c, int key)
{
	enum ui_action a = actions_find(c, key);
	if (a == ACT_NONE && actions_fallback(c) != c)
		a = actions_find(actions_fallback(c), key);
	return a;
}

size_t actions_bar(enum ui_context view, const struct ui_action_info **out,
		   size_t max)
{
	size_t n = 0;
	/* Help and Quit last, in the table's order otherwise */
	for (int pass = 0; pass < 2; pass++)
		for (const struct ui_action_info *i = ui_actions; i->id && n < max;
		     i++) {
			bool last = i->id == ACT_HELP || i->id == ACT_QUIT;
			if (!i->bar || (pass == 0) == last ||
			    (i->context != view && i->context != CTX_ALL))
				continue;
			out[n++] = i;
		}
	return n;
}

void actions_print_help(FILE *out)
{
	for (int c = 0; c < CTX_COUNT; c++) {
		fprintf(out, "\n%s:\n", actions_context_title(c));
		for (const struct ui_action_info *a = ui_actions; a->id; a++)
			if ((int)a->context == c) {
				/* pad by characters, not bytes ("Mayús-Tab") */
				const char *k = actions_keys(a);
				int pad = 22 - (int)text_chars(k);
				fprintf(out, "  %s%*s %s\n", k, pad > 0 ? pad : 0,
					"", _(a->help));
			}
	}
}

/* Roff needs a backslash before a leading dot or quote and before any
 * backslash; the table's texts have none of those but '-' is escaped so
 * that key names like Ctrl-R print as hyphens. */
static void man_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '-' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
}

void actions_print_man(FILE *out)
{
	for (int c = 0; c < CTX_COUNT; c++) {
		fputs(".SS ", out);
		man_text(out, context_titles[c]);
		fputc('\n', out);
		for (const struct ui_action_info *a = ui_actions; a->id; a++) {
			if ((int)a->context != c)
				continue;
			fputs(".TP\n.B ", out);
			man_text(out, a->keys);
			fputc('\n', out);
			man_text(out, a->help);
			fputs("\n", out);
		}
	}
}
