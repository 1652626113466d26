/* cli_interface.c - "cxmap [FILE]": open the file, then the interface. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ui/app.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* A bare word that names no file is far more likely a mistyped command
 * than a new map file: refuse it rather than create "lsit". */
static bool interface_looks_like_command(const char *arg)
{
	struct stat sb;
	return strchr(arg, '/') == NULL && strchr(arg, '.') == NULL &&
	       stat(arg, &sb) != 0;
}

/* The name of the first map of a new file: the file's name without its
 * folder and extension. */
static char *interface_map_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strcspn(base, ".");
	if (n == 0)
		n = strlen(base);
	char *name = xstrndup(base, n);
	if (!text_utf8_valid(name, strlen(name)) || text_blank(name)) {
		free(name);
		name = xstrdup(_("My journey"));
	}
	return name;
}

int cli_interface(const char *arg, unsigned flags)
{
	if (arg && interface_looks_like_command(arg)) {
		char *safe = text_escape_controls(arg);
		int rc = cli_usage(_("unknown command '%s' (to create a map file "
				     "of that name, write ./%s)"), safe, safe);
		free(safe);
		return rc;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error(_("the interface needs a terminal; for scripts "
				   "see 'cxmap --help'"));
	char *path = cli_resolve_path(arg, true);
	if (!path)
		return CLI_ERROR;
	/* the default file is private; a file named may be a team's, made
	 * with the umask */
	struct store *s = cli_open(path, flags & CLI_UI_READONLY
				   ? STORE_OPEN_READONLY | STORE_OPEN_NOCREATE
				   : arg ? 0 : STORE_OPEN_PRIVATE);
	if (!s) {
		free(path);
		return CLI_ERROR;
	}
	char *name = interface_map_name(path);
	int rc = app_run(s, name, flags & CLI_UI_MOUSE);
	free(name);
	if (rc == -1) {
		char *safe = text_escape_controls(path);
		cli_error(_("%s: the file has no map and is read-only"), safe);
		free(safe);
	}
	else if (rc == -2)
		cli_error(_("cannot start the terminal interface (is TERM set?)"));
	store_close(s);
	free(path);
	return rc == 0 ? CLI_OK : CLI_ERROR;
}
