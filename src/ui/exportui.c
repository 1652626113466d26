/* exportui.c - the `x` key: the open map to a Markdown file, asking where
 * (the whole path shown, ~ expanded, a folder that cannot be written
 * said before the name is asked for). */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/export_md.h"
#include "ui/app.h"
#include "ui/exportui.h"
#include "ui/prompt.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/text.h"
#include "util/xalloc.h"

/* A file name from the map's name: letters and digits kept (UTF-8 too),
 * runs of anything else made one '-'. */
static char *exportui_name(const char *name)
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
	char *path = xasprintf("%s.md", out[0] ? out : "journey");
	free(out);
	return text_utf8_valid(path, strlen(path)) ? path
						   : (free(path), xstrdup("journey.md"));
}

/* The path offered: the whole of it, so nobody has to guess the folder;
 * in the home folder when the current one cannot be written, saying so. */
static char *exportui_suggest(const char *map_name, const char **label)
{
	char *name = exportui_name(map_name);
	char *cwd = paths_cwd();
	bool here = cwd && access(cwd, W_OK) == 0;
	char *tilde = xasprintf("~/%s", name);
	char *path = paths_expand(here ? name : tilde);
	*label = here ? _("Export to Markdown file:")
		      : _("Not writable here; export to:");
	free(tilde);
	free(cwd);
	free(name);
	return path;
}

void exportui_run(struct app *a)
{
	const char *label;
	char *suggest = exportui_suggest(a->map->name, &label);
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
		char *md = export_markdown(a->map);
		int err = file_replace(path, md, strlen(md));
		free(md);
		if (err)
			app_error(a, _("Not exported: %s: %s"), path, strerror(err));
		else
			app_message(a, _("Exported to %s"), path);
	}
	free(path);
}
