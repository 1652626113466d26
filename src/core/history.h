/* history.h - the file's history of changes, in words for people. */
#ifndef CX_HISTORY_H
#define CX_HISTORY_H

#include "core/store.h"

/* One translated line saying what a change did, for example
 * "renamed stage “Buy” to “Purchase”".  Names and values come from the
 * file: escape the result before it reaches a terminal.  Free it. */
char *history_describe(const struct store_change *c);

#endif
