/* exportui.h - exporting the open map from the interface. */
#ifndef CX_EXPORTUI_H
#define CX_EXPORTUI_H

struct app;

/* Asks for a file name and writes the open map there as Markdown; says
 * what happened on the status line. */
void exportui_run(struct app *a);

#endif
