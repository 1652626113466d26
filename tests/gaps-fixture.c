/* gaps-fixture.c - helps tests/gaps.sh, with no tool beyond the build:
 *
 *   gaps-fixture rich FILE [MAP]   a map with every kind of finding
 *   gaps-fixture clean FILE [MAP]  a map with nothing to report
 *   gaps-fixture none FILE         a valid file without maps
 *   gaps-fixture json PATH         reads JSON on stdin, prints the value
 *                                  at PATH (a.b.0.c; arrays and objects
 *                                  print their size); exit 1 if invalid
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "core/store.h"

#define TRY(expr) do { enum store_status st_ = (expr); if (st_ != STORE_OK) { \
	fprintf(stderr, "gaps-fixture: %s: %s\n", #expr, \
		store_status_message(st_)); exit(1); } } while (0)

static int64_t dept(struct store *s, const char *name)
{
	int64_t id;
	if (store_dept_find(s, name, &id) != STORE_OK)
		TRY(store_dept_create(s, name, &id));
	return id;
}

static int64_t tp(struct store *s, int64_t stage, size_t pos,
		  const char *name, int64_t owner)
{
	int64_t id;
	TRY(store_tp_add(s, stage, pos, name, &id));
	if (owner)
		TRY(store_tp_set_owner(s, id, STORE_REV_ANY, owner));
	return id;
}

/* Every kind once or more, UTF-8 names and one hostile name:
 *   Descubrimiento  Ad, Webinar, Blog: Marketing      concentration
 *   Compra 購入     Demo: Ventas + 3 contributors      crowded
 *                   Factura: nobody, -2                unowned, pain
 *   Soporte         Ticket, EVIL: Atención, EVIL -1    pain (gap resolved)
 *                   Reembolso: Finanzas                handoff EVIL->Reembolso
 *   Renovación      (empty)                            empty-stage
 * Blog -> Demo crosses an open Ventas/Marketing silo: silo-handoff. */
static void rich(struct store *s, const char *name)
{
	int64_t map, st[4];
	TRY(store_map_create(s, name, &map));
	const char *stages[] = { "Descubrimiento", "Compra 購入", "Soporte",
				 "Renovación" };
	for (size_t i = 0; i < 4; i++)
		TRY(store_stage_add(s, map, i, stages[i], &st[i]));
	int64_t mk = dept(s, "Marketing"), ve = dept(s, "Ventas"),
		at = dept(s, "Atención al cliente"), fi = dept(s, "Finanzas"),
		le = dept(s, "Legal");
	tp(s, st[0], 0, "Ad", mk);
	tp(s, st[0], 1, "Webinar", mk);
	tp(s, st[0], 2, "Blog", mk);
	int64_t demo = tp(s, st[1], 0, "Demo", ve);
	TRY(store_tp_add_contributor(s, demo, mk));
	TRY(store_tp_add_contributor(s, demo, fi));
	TRY(store_tp_add_contributor(s, demo, le));
	int64_t fac = tp(s, st[1], 1, "Factura", 0);
	TRY(store_tp_set_emotion(s, fac, STORE_REV_ANY, true, -2));
	tp(s, st[2], 0, "Ticket", at);
	int64_t evil = tp(s, st[2], 1, "EVIL\033]0;pwned\007tp", at);
	TRY(store_tp_set_emotion(s, evil, STORE_REV_ANY, true, -1));
	tp(s, st[2], 2, "Reembolso", fi);
	int64_t g;
	TRY(store_gap_add(s, map, 0, evil, "Long waits", MODEL_SEV_MEDIUM, &g));
	TRY(store_gap_set_status(s, g, MODEL_RESOLVED));
	TRY(store_gap_add(s, map, st[3], 0, "Nothing planned for renewal",
			  MODEL_SEV_MEDIUM, NULL));
	TRY(store_silo_add(s, map, ve, mk, demo, "Leads arrive cold", NULL));
	TRY(store_silo_add(s, map, at, fi, 0, "Refunds wait", &g));
	TRY(store_silo_set_status(s, g, MODEL_RESOLVED));
}

/* One department owns everything, two touchpoints a stage. */
static void clean(struct store *s, const char *name)
{
	int64_t map, st;
	TRY(store_map_create(s, name, &map));
	int64_t ve = dept(s, "Ventas");
	for (size_t i = 0; i < 2; i++) {
		TRY(store_stage_add(s, map, i, i ? "Compra" : "Interés", &st));
		tp(s, st, 0, i ? "Contrato" : "Demo", ve);
		tp(s, st, 1, i ? "Factura" : "Propuesta", ve);
	}
}

static int json_get(const char *path)
{
	size_t cap = 1 << 16, n = 0, r;
	char *buf = malloc(cap + 1);
	while (buf && (r = fread(buf + n, 1, cap - n, stdin)) > 0)
		if ((n += r) == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	if (!buf)
		return 1;
	buf[n] = '\0';
	cJSON *root = cJSON_Parse(buf), *v = root;
	free(buf);
	if (!root) {
		fprintf(stderr, "gaps-fixture: not JSON\n");
		return 1;
	}
	char *p = strdup(path), *save = NULL;
	for (char *k = strtok_r(p, ".", &save); k && v;
	     k = strtok_r(NULL, ".", &save))
		v = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, atoi(k))
			: cJSON_GetObjectItemCaseSensitive(v, k);
	free(p);
	if (!v)
		puts("(missing)");
	else if (cJSON_IsString(v))
		puts(v->valuestring);
	else if (cJSON_IsNumber(v))
		printf("%.0f\n", v->valuedouble);
	else if (cJSON_IsArray(v) || cJSON_IsObject(v))
		printf("%d\n", cJSON_GetArraySize(v));
	else
		puts(cJSON_IsNull(v) ? "null" : cJSON_IsTrue(v) ? "true" : "false");
	cJSON_Delete(root);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "json") == 0)
		return json_get(argv[2]);
	if (argc < 3) {
		fprintf(stderr, "usage: gaps-fixture rich|clean|none FILE [MAP]\n"
			"       gaps-fixture json PATH <FILE.json\n");
		return 2;
	}
	struct store *s;
	TRY(store_open(argv[2], 0, &s));
	const char *name = argc > 3 ? argv[3] : argv[1];
	if (strcmp(argv[1], "rich") == 0)
		rich(s, name);
	else if (strcmp(argv[1], "clean") == 0)
		clean(s, name);
	store_close(s);
	return 0;
}
