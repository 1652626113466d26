/* paths.h - where cxmap keeps its files. */
#ifndef CX_PATHS_H
#define CX_PATHS_H

/* The default map file: $XDG_DATA_HOME/cxmap/maps.db, else
 * ~/.local/share/cxmap/maps.db.  Creates the folders (honouring the umask).
 * Returns a new string, or NULL with *err set to a message to free. */
char *paths_default_db(char **err);

/* mkdir -p for the folders leading to `path` (not path itself). */
int paths_mkdirs_for(const char *path);

#endif
