/* paths.c - the default location of the map file (XDG base directories),
 * and where the templates and translations are. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
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

char *paths_cwd(void)
{
	size_t cap = 256;
	char *buf = xmalloc(cap);
	while (!getcwd(buf, cap)) {
		if (errno != ERANGE || cap > (1u << 20)) {
			free(buf);
			return NULL;
		}
		cap *= 2;
		buf = xrealloc(buf, cap);
	}
	return buf;
}

char *paths_expand(const char *path)
{
	const char *home = paths_home();
	if (path[0] == '~' && (path[1] == '/' || !path[1]) && home)
		return xasprintf("%s%s", home, path + 1);
	char *cwd = path[0] == '/' ? NULL : paths_cwd();
	if (!cwd)
		return xstrdup(path);
	char *full = xasprintf("%s%s%s", cwd,
			       strcmp(cwd, "/") == 0 ? "" : "/", path);
	free(cwd);
	return full;
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

/* The build tree's binary: configure's folders (CX_BUILDDIR, CX_SRCDIR)
 * are compiled in, but used only when /proc/self/exe is that very file,
 * so an installed copy never looks there, wherever it came from. */
bool paths_in_build_tree(void)
{
	static int known = -1;
	if (known < 0) {
		char exe[PATH_MAX], here[PATH_MAX];
		known = realpath("/proc/self/exe", exe) &&
			realpath(CX_BUILDDIR "/src/cxmap" EXEEXT, here) &&
			strcmp(exe, here) == 0;
	}
	return known;
}

const char *paths_datadir(void)
{
	const char *d = getenv("CXMAP_DATADIR");
	if (d && *d)
		return d;
	return paths_in_build_tree() ? CX_SRCDIR "/data" : PKGDATADIR;
}

const char *paths_localedir(void)
{
	const char *d = getenv("CXMAP_LOCALEDIR");
	if (d && *d)
		return d;
	return paths_in_build_tree() ? CX_BUILDDIR "/po/locale" : LOCALEDIR;
}
