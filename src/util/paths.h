/* paths.h - where cxmap keeps its files. */
#ifndef CX_PATHS_H
#define CX_PATHS_H

#include <stdbool.h>

/* The default map file: $XDG_DATA_HOME/cxmap/maps.db, else
 * ~/.local/share/cxmap/maps.db.  With create, makes the folders that are
 * missing, 0700; commands that only read leave the disk alone.  Returns a
 * new string, or NULL with *err set to a message to free. */
char *paths_default_db(bool create, char **err);

/* A path as a person typed it, made absolute: "~" and "~/..." start at
 * the home folder, a relative path at the current folder (as the shell
 * would).  A new string; the path itself unchanged when neither can be
 * found. */
char *paths_expand(const char *path);

/* The current folder (a new string), or NULL. */
char *paths_cwd(void);
/* Where the templates and the translations are: CXMAP_DATADIR and
 * CXMAP_LOCALEDIR when set; else, for the binary that sits in the build
 * tree it was built in (src/cxmap, not installed), that tree's data/ and
 * its po/locale/ (which `make` fills); else the installed PKGDATADIR and
 * LOCALEDIR.  Constant strings. */
const char *paths_datadir(void);
const char *paths_localedir(void);
/* True when this process is the build tree's own src/cxmap. */
bool paths_in_build_tree(void);

/* mkdir -p for the folders leading to `path` (not path itself), each
 * made 0700. */
int paths_mkdirs_for(const char *path);

#endif
