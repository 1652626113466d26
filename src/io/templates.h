/* templates.h - journey templates: JSON documents in the import format,
 * one per file in the template folder.
 *
 * NAME.json is a template, its name the file name without ".json" (letters,
 * digits, '-' and '_').  NAME.LANG.json, when present, is the same template
 * in language LANG ("es"): it is used instead when the messages language
 * is LANG, so a Spanish user gets Spanish stage and department names. */
#ifndef CX_TEMPLATES_H
#define CX_TEMPLATES_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/store.h"

struct template_info {
	char *name;	/* "b2b-saas": what --template takes */
	char *title;	/* the map name inside, in the chosen language */
	size_t nstages, ntouchpoints;
};

/* The template folder: paths_datadir()/templates ($CXMAP_DATADIR, the
 * build tree's data/ for its own binary, else PKGDATADIR).  New. */
char *templates_dir(void);

/* The language of messages as gettext picks it from LANGUAGE, LC_ALL,
 * LC_MESSAGES and LANG: "es" for es_ES.UTF-8; NULL for C/POSIX.  New. */
char *templates_language(void);

/* The templates in dir (NULL: templates_dir()) sorted by name, titles in
 * lang (NULL: templates_language()).  A template that does not parse is
 * an error naming its file.  Returns 0, or -1 with *err set (to free). */
int templates_list(const char *dir, const char *lang,
		   struct template_info **out, size_t *n, char **err);
void templates_info_free(struct template_info *v, size_t n);

/* Reads and checks one template, in lang when it has that translation.
 * NULL with *err set (to free) when there is no such template or it does
 * not parse. */
struct model_map *templates_load(const char *dir, const char *name,
				 const char *lang, char **err);

/* A new map from a template, in one transaction (import_store_map):
 * named map_name, or the template's own name when NULL, in the language
 * of messages.  On failure returns the store status, or STORE_NOTFOUND
 * for a missing or broken template; *err then holds a message (to free)
 * that does not name the map file. */
enum store_status templates_instantiate(struct store *s, const char *name,
					const char *map_name, int64_t *map_id,
					char **err);

#endif
