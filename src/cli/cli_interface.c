/* cli_interface.c - "cxmap [FILE]": open the file, then the interface. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "util/i18n.h"

/* A bare word that names no file is far more likely a mistyped command
 * than a new map file: refuse it rather than create "lsit". */
static bool interface_looks_like_command(const char *arg)
{
	struct stat sb;
	return strchr(arg, '/') == NULL && strchr(arg, '.') == NULL &&
	       stat(arg, &sb) != 0;
}

int cli_interface(const char *arg)
{
	if (arg && interface_looks_like_command(arg))
		return cli_usage(_("unknown command '%s' (to create a map file "
				   "of that name, write ./%s)"), arg, arg);
	char *path = cli_resolve_path(arg);
	if (!path)
		return CLI_ERROR;
	struct store *s = cli_open(path, 0);
	free(path);
	if (!s)
		return CLI_ERROR;
	store_close(s);
	return cli_error(_("the interactive board is not part of this build yet; "
			   "use 'cxmap list'"));
}
