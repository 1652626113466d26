/* paths.c - the default location of the map file (XDG base directories). */
#include <config.h>

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/paths.h"
#include "util/text.h"
#include "util/xalloc.h"

int paths_mkdirs_for(const char *path)
{
	char *buf = xstrdup(path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		/* private, as the XDG spec asks: a person's maps are
		 * theirs (a folder that exists keeps its mode) */
		if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
			int e = errno;
			free(buf);
			errno = e;
			return -1;
		}
		*p = '/';
	}
	free(buf);
	return 0;
}

static const char *paths_home(void)
{
	const char *home = getenv("HOME");
	if (home && *home)
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_dir : NULL;
}

char *paths_default_db(bool create, char **err)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	char *path;
	/* The spec says a relative XDG_DATA_HOME is invalid and is ignored. */
	if (xdg && xdg[0] == '/') {
		path = xasprintf("%s/cxmap/maps.db", xdg);
	} else {
		const char *home = paths_home();
		if (!home) {
			*err = xstrdup(_("cannot find the home folder; name a map file"));
			return NULL;
		}
		path = xasprintf("%s/.local/share/cxmap/maps.db", home);
	}
	if (create && paths_mkdirs_for(path) != 0) {
		char *safe = text_escape_controls(path);
		*err = xasprintf(_("%s: cannot create its folder: %s"), safe,
				 strerror(errno));
		free(safe);
		free(path);
		return NULL;
	}
	return path;
}
