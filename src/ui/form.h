/* form.h - the detail forms (modal editors over the board or the maps
 * view), and the owner and contributor pickers they share with the
 * board. */
#ifndef CX_FORM_H
#define CX_FORM_H

#include <stdint.h>

struct app;

void form_touchpoint(struct app *a, int64_t tp_id);
void form_stage(struct app *a, int64_t stage_id);
void form_map(struct app *a);
/* The owner and contributor pickers for one touchpoint. */
void form_set_owner(struct app *a, int64_t tp_id);
void form_set_contributors(struct app *a, int64_t tp_id);
/* Marks a touchpoint a moment of truth, or unmarks it (undoable). */
void form_toggle_moment(struct app *a, int64_t tp_id);

#endif
