/* templates.c - finding, listing and using journey templates. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/import_json.h"
#include "io/import_store.h"
#include "io/templates.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/text.h"
#include "util/xalloc.h"

char *templates_dir(void)
{
	return xasprintf("%s/templates", paths_datadir());
}

/* gettext's order: a C or POSIX locale means no translation whatever
 * LANGUAGE says; otherwise LANGUAGE's first entry wins over the locale. */
char *templates_language(void)
{
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *loc = NULL;
	for (size_t i = 0; i < 3 && !loc; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			loc = v;
	}
	if (!loc || strcmp(loc, "C") == 0 || strncmp(loc, "C.", 2) == 0 ||
	    strcmp(loc, "POSIX") == 0)
		return NULL;
	const char *language = getenv("LANGUAGE");
	if (language && *language)
		loc = language;
	size_t n = strspn(loc, "abcdefghijklmnopqrstuvwxyz");
	if (n < 2 || n > 3 || !strchr("_.@:", loc[n]))
		return NULL;
	return xstrndup(loc, n);
}

/* Letters, digits, '-' and '_': never a path. */
static bool tpl_valid_name(const char *name, size_t n)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz"
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
	return n > 0 && strspn(name, ok) >= n;
}

/* The file for a template in a language, if it exists. */
static char *tpl_path(const char *dir, const char *name, const char *lang)
{
	if (lang) {
		char *p = xasprintf("%s/%s.%s.json", dir, name, lang);
		FILE *f = fopen(p, "rb");
		if (f) {
			fclose(f);
			return p;
		}
		free(p);
	}
	return xasprintf("%s/%s.json", dir, name);
}

/* Reads and parses one template file; errors name the file. */
static struct model_map *tpl_read(const char *path, char **err)
{
	FILE *f = fopen(path, "rb");
	char *safe = text_escape_controls(path);
	if (!f) {
		*err = xasprintf("%s: %s", safe, strerror(errno));
		free(safe);
		return NULL;
	}
	size_t len = 0;
	bool too_big;
	char *text = file_read(f, IMPORT_JSON_MAX_BYTES, &len, &too_big);
	int e = errno;
	fclose(f);
	struct model_map *m = NULL;
	char *why = NULL;
	if (!text)
		*err = xasprintf("%s: %s", safe, too_big
				 ? _("the document is too large") : strerror(e));
	else if (!(m = import_json_parse(text, len, &why)))
		*err = xasprintf("%s: %s", safe, why);
	free(why);
	free(text);
	free(safe);
	return m;
}

struct model_map *templates_load(const char *dir, const char *name,
				 const char *lang, char **err)
{
	char *own_dir = dir ? NULL : templates_dir();
	char *own_lang = lang ? NULL : templates_language();
	struct model_map *m = NULL;
	*err = NULL;
	if (!tpl_valid_name(name, strlen(name))) {
		char *safe = text_escape_controls(name);
		*err = xasprintf(_("no template named '%s' (see 'cxmap new "
				   "--list-templates')"), safe);
		free(safe);
	} else {
		char *path = tpl_path(dir ? dir : own_dir, name,
				      lang ? lang : own_lang);
		FILE *f = fopen(path, "rb");
		if (!f && errno == ENOENT)
			*err = xasprintf(_("no template named '%s' (see 'cxmap "
					   "new --list-templates')"), name);
		else
			m = tpl_read(path, err);
		if (f)
			fclose(f);
		free(path);
	}
	free(own_dir);
	free(own_lang);
	return m;
}

static int tpl_info_cmp(const void *a, const void *b)
{
	const struct template_info *x = a, *y = b;
	return strcmp(x->name, y->name);
}

/* "NAME.json" with a valid NAME and no language part gives NAME. */
static char *tpl_name_of(const char *file)
{
	size_t n = strlen(file);
	if (n <= 5 || strcmp(file + n - 5, ".json") != 0)
		return NULL;
	if (!tpl_valid_name(file, n - 5))
		return NULL;
	return xstrndup(file, n - 5);
}

int templates_list(const char *dir, const char *lang,
		   struct template_info **out, size_t *n, char **err)
{
	char *own_dir = dir ? NULL : templates_dir();
	const char *d = dir ? dir : own_dir;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*err = NULL;
	DIR *dh = opendir(d);
	if (!dh) {
		int e = errno;
		char *safe = text_escape_controls(d);
		/* installed elsewhere, or a copy of the binary: say what helps */
		*err = e == ENOENT && !dir
		       ? xasprintf(_("%s: %s (is cxmap installed? Set CXMAP_DATADIR "
				     "to the folder holding templates/)"), safe,
				   strerror(e))
		       : xasprintf("%s: %s", safe, strerror(e));
		free(safe);
		free(own_dir);
		return -1;
	}
	struct dirent *de;
	while (!*err && (de = readdir(dh)) != NULL) {
		char *name = tpl_name_of(de->d_name);
		if (!name)
			continue;
		struct model_map *m = templates_load(d, name, lang, err);
		if (!m) {
			free(name);
			break;
		}
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (struct template_info){
			.name = name, .title = xstrdup(m->name),
			.nstages = m->nstages,
			.ntouchpoints = model_touchpoint_count(m),
		};
		model_map_free(m);
	}
	closedir(dh);
	free(own_dir);
	if (*err) {
		templates_info_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	if (*n)
		qsort(*out, *n, sizeof **out, tpl_info_cmp);
	return 0;
}

void templates_info_free(struct template_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].title);
	}
	free(v);
}

enum store_status templates_instantiate(struct store *s, const char *name,
					const char *map_name, int64_t *map_id,
					char **err)
{
	*err = NULL;
	struct model_map *m = templates_load(NULL, name, NULL, err);
	if (!m)
		return STORE_NOTFOUND;
	enum store_status st = import_store_map(s, m, map_name, map_id);
	if (st != STORE_OK)
		*err = xstrdup(store_status_message(st));
	model_map_free(m);
	return st;
}
