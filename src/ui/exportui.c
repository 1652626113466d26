/* exportui.c - the `x` key: the open map to a Markdown file or an HTML
 * page, asking which and where (the whole path shown, ~ expanded, a
 * folder that cannot be written said before the name is asked for). */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/export_html.h"
#include "io/export_md.h"
#include "ui/app.h"
#include "ui/exportui.h"
#include "ui/prompt.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The formats `x` offers, in the picker's order. */
enum exportui_format { EXPORTUI_MARKDOWN, EXPORTUI_HTML, EXPORTUI_NFORMATS };

struct exportui_kind {
	const char *choice;	/* the picker's line (translated) */
	const char *ext;
	const char *label, *label_away;	/* the path prompt's */
	char *(*write)(const struct model_map *m);
};

static const struct exportui_kind *exportui_kind(enum exportui_format f)
{
	static const struct exportui_kind kinds[EXPORTUI_NFORMATS] = {
		[EXPORTUI_MARKDOWN] = {
			N_("Markdown (.md): for GitHub, GitLab, wikis and git"),
			"md", N_("Export to Markdown file:"),
			N_("Not writable here; export to:"), export_markdown },
		[EXPORTUI_HTML] = {
			N_("HTML page (.html): one file to send, open or print"),
			"html", N_("Export to HTML file:"),
			N_("Not writable here; export the page to:"),
			export_html },
	};
	return &kinds[f];
}

/* A file name from the map's name: letters and digits kept (UTF-8 too),
 * runs of anything else made one '-'. */
static char *exportui_name(const char *name, const char *ext)
{
	size_t len = strlen(name);
	char *out = xmalloc(len + 4), *o = out;
	bool dash = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 0x80 || (c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
			if (dash && o > out)
				*o++ = '-';
			*o++ = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
			dash = false;
		} else {
			dash = true;
		}
	}
	*o = '\0';
	char *path = xasprintf("%s.%s", out[0] ? out : "journey", ext);
	free(out);
	if (text_utf8_valid(path, strlen(path)))
		return path;
	free(path);
	return xasprintf("journey.%s", ext);
}

/* The path offered: the whole of it, so nobody has to guess the folder;
 * in the home folder when the current one cannot be written, saying so. */
static char *exportui_suggest(const char *map_name,
			      const struct exportui_kind *k, const char **label)
{
	char *name = exportui_name(map_name, k->ext);
	char *cwd = paths_cwd();
	bool here = cwd && access(cwd, W_OK) == 0;
	char *tilde = xasprintf("~/%s", name);
	char *path = paths_expand(here ? name : tilde);
	*label = here ? _(k->label) : _(k->label_away);
	free(tilde);
	free(cwd);
	free(name);
	return path;
}

/* Which format: the picker opens on the one chosen last (this session). */
static int exportui_pick(struct app *a)
{
	static size_t last = EXPORTUI_MARKDOWN;
	const char *items[EXPORTUI_NFORMATS];
	for (size_t i = 0; i < EXPORTUI_NFORMATS; i++)
		items[i] = _(exportui_kind((enum exportui_format)i)->choice);
	int i = picker_single_at(app_host(a), _("Export the map as"), items,
				 EXPORTUI_NFORMATS, last, false, NULL);
	if (i >= 0)
		last = (size_t)i;
	return i;
}

void exportui_run(struct app *a)
{
	int f = exportui_pick(a);
	if (f < 0)
		return;
	const struct exportui_kind *k = exportui_kind((enum exportui_format)f);
	const char *label;
	char *suggest = exportui_suggest(a->map->name, k, &label);
	char *typed = prompt_line(app_host(a), label, suggest);
	free(suggest);
	if (!typed)
		return;
	char *path = paths_expand(typed);	/* ~/ as in a shell */
	free(typed);
	bool go = true;
	if (file_is_db(path, store_path(a->store))) {
		app_error(a, _("That is the map file itself; choose another name"));
		go = false;
	} else if (access(path, F_OK) == 0) {
		char *q = xasprintf(_("%s exists. Replace it? (y/n)"), path);
		go = prompt_yes(app_host(a), q);
		free(q);
	}
	if (go) {
		char *doc = k->write(a->map);
		int err = file_replace(path, doc, strlen(doc));
		free(doc);
		if (err)
			app_error(a, _("Not exported: %s: %s"), path, strerror(err));
		else
			app_message(a, _("Exported to %s"), path);
	}
	free(path);
}
