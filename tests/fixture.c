/* fixture.c - writes a known map file for the shell tests, through the
 * store like any edit would:  fixture FILE [MAPNAME]. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "core/store.h"

#define TRY(expr) do { enum store_status st_ = (expr); if (st_ != STORE_OK) { \
	fprintf(stderr, "fixture: %s: %s\n", #expr, store_status_message(st_)); \
	exit(1); } } while (0)

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: fixture FILE [MAPNAME]\n");
		return 2;
	}
	struct store *s;
	TRY(store_open(argv[1], 0, &s));
	int64_t map, st1, st2, tp, mk, sales;
	TRY(store_map_create(s, argc > 2 ? argv[2] : "B2B onboarding", &map));
	TRY(store_stage_add(s, map, 0, "Awareness", &st1));
	TRY(store_stage_add(s, map, 1, "Purchase", &st2));
	TRY(store_stage_add(s, map, 2, "Renewal", NULL));
	if (store_dept_find(s, "Marketing", &mk) != STORE_OK)
		TRY(store_dept_create(s, "Marketing", &mk));
	if (store_dept_find(s, "Sales", &sales) != STORE_OK)
		TRY(store_dept_create(s, "Sales", &sales));
	TRY(store_tp_add(s, st1, 0, "Ad", &tp));
	TRY(store_tp_set_owner(s, tp, STORE_REV_ANY, mk));
	TRY(store_tp_add(s, st2, 0, "Demo", &tp));
	TRY(store_tp_set_owner(s, tp, STORE_REV_ANY, sales));
	TRY(store_tp_add(s, st2, 1, "Invoice", &tp));
	TRY(store_gap_add(s, map, 0, tp, "Nobody owns billing", MODEL_SEV_HIGH,
			  NULL));
	TRY(store_silo_add(s, map, mk, sales, 0, "Leads not handed over", NULL));
	store_close(s);
	return 0;
}
