/* backlog-fixture.c - adds actions to a map file that tests/fixture
 * wrote, through the store like any edit would:  backlog-fixture FILE.
 * As someone else changing an action meanwhile:
 *   backlog-fixture FILE retitle TITLE NEW
 *
 * With the fixture's gap "Nobody owns billing", silo Marketing/Sales and
 * touchpoint "Ad", and today 2026-02-01 (CXMAP_TEST_NOW), in priority
 * order (impact over effort, then due date):
 *   Assign a billing owner   gap   Sales      planned 2026-01-10 (overdue) 3/1
 *   Joint lead review        silo  Marketing  doing   2026-03-01          2/1
 *   Journey dashboard        map   (nobody)   done    -                   2/2
 *   Refresh the ad           tp    Marketing  idea    -                   1/2 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "core/store.h"
#include "util/xalloc.h"

#define TRY(expr) do { enum store_status st_ = (expr); if (st_ != STORE_OK) { \
	fprintf(stderr, "backlog-fixture: %s: %s\n", #expr, \
		store_status_message(st_)); \
	exit(1); } } while (0)

static void add(struct store *s, int64_t map, struct model_ref fixes,
		const char *title, int64_t owner, const char *person,
		const char *status, const char *due, int impact, int effort)
{
	struct model_action x;
	plan_init(PLAN_ACTION, &x);
	x.fixes = fixes;
	x.owner_id = owner;
	plan_put(PLAN_ACTION, &x, PLAN_ACTION_TITLE, title);
	plan_put(PLAN_ACTION, &x, PLAN_ACTION_PERSON, person);
	plan_put(PLAN_ACTION, &x, PLAN_ACTION_STATUS, status);
	plan_put(PLAN_ACTION, &x, PLAN_ACTION_DUE, due);
	x.impact = impact;
	x.effort = effort;
	TRY(store_item_add(s, PLAN_ACTION, map, &x, NULL));
	model_action_clear(&x);
}

/* Another person's change: the action's title, whatever its version. */
static int retitle(struct store *s, int64_t map, const char *title,
		   const char *now)
{
	struct model_map *m;
	TRY(store_map_load(s, map, &m));
	int64_t id = 0;
	for (size_t i = 0; i < m->nactions; i++)
		if (strcmp(m->actions[i].title, title) == 0)
			id = m->actions[i].id;
	model_map_free(m);
	if (!id) {
		fprintf(stderr, "backlog-fixture: no action '%s'\n", title);
		return 1;
	}
	TRY(store_item_set(s, PLAN_ACTION, id, STORE_REV_ANY,
			   PLAN_ACTION_TITLE, now));
	store_close(s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2 && !(argc == 5 && strcmp(argv[2], "retitle") == 0)) {
		fprintf(stderr, "usage: backlog-fixture FILE [retitle TITLE NEW]\n");
		return 2;
	}
	struct store *s;
	TRY(store_open(argv[1], 0, &s));
	int64_t map, mk, sales;
	TRY(store_map_find(s, "B2B onboarding", &map));
	if (argc == 5)
		return retitle(s, map, argv[3], argv[4]);
	TRY(store_dept_find(s, "Marketing", &mk));
	TRY(store_dept_find(s, "Sales", &sales));
	struct model_map *m;
	TRY(store_map_load(s, map, &m));
	if (!m->ngaps || !m->nsilos) {
		fprintf(stderr, "backlog-fixture: run tests/fixture first\n");
		return 1;
	}
	int64_t ad = m->stages[0].touchpoints[0].id;
	add(s, map, (struct model_ref){ MODEL_REF_TOUCHPOINT, ad },
	    "Refresh the ad", mk, "", "idea", "", 1, 2);
	add(s, map, (struct model_ref){ MODEL_REF_GAP, m->gaps[0].id },
	    "Assign a billing owner", sales, "Ana", "planned", "2026-01-10",
	    3, 1);
	add(s, map, (struct model_ref){ MODEL_REF_MAP, 0 },
	    "Journey dashboard", 0, "", "done", "", 2, 2);
	add(s, map, (struct model_ref){ MODEL_REF_SILO, m->silos[0].id },
	    "Joint lead review", mk, "Luis", "doing", "2026-03-01", 2, 1);
	model_map_free(m);
	store_close(s);
	return 0;
}
