/* views.c - the list of views, in Tab order, and what they share: a list
 * with a selection.  Adding a view is a new file and one line here. */
#include <config.h>

#include <string.h>

#include "ui/view.h"

extern const struct view_ops board_view, lanes_view, gaps_view, backlog_view,
	maps_view, depts_view, history_view;

const struct view_ops *const views_all[] = {
	&board_view, &lanes_view, &gaps_view, &backlog_view, &maps_view,
	&depts_view, &history_view,
};
const size_t views_count = sizeof views_all / sizeof *views_all;

size_t views_find(const char *name)
{
	for (size_t i = 0; i < views_count; i++)
		if (strcmp(views_all[i]->name, name) == 0)
			return i;
	return 0;
}

size_t list_top(size_t *sel, size_t n, int rows)
{
	if (*sel >= n)
		*sel = n ? n - 1 : 0;
	return rows > 0 && *sel >= (size_t)rows ? *sel - (size_t)rows + 1 : 0;
}

void list_move(size_t *sel, size_t n, enum ui_action act)
{
	switch (act) {
	case ACT_UP: if (*sel > 0) (*sel)--; break;
	case ACT_DOWN: if (*sel + 1 < n) (*sel)++; break;
	case ACT_FIRST: *sel = 0; break;
	case ACT_LAST: *sel = n ? n - 1 : 0; break;
	default: break;
	}
}
