/* paths.h - where cxmap keeps its files. */
#ifndef CX_PATHS_H
#define CX_PATHS_H

#include <stdbool.h>

/* The default map file: $XDG_DATA_HOME/cxmap/maps.db, else
 * ~/.local/share/cxmap/maps.db.  With create, makes the folders that are
 * missing, 0700; commands that only read leave the disk alone.  Returns a
 * new string, or NULL with *err set to a message to free. */
char *paths_default_db(bool create, char **err);

/* mkdir -p for the folders leading to `path` (not path itself), each
 * made 0700. */
int paths_mkdirs_for(const char *path);

#endif
