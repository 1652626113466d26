/* check_import.c - JSON import and templates: export -> import -> export
 * gives the same bytes, every kind of bad document is refused with its
 * place and reason (and nothing is written), departments are matched by
 * name, and the templates load in English and Spanish. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/export_json.h"
#include "io/export_md.h"
#include "io/import_json.h"
#include "io/import_store.h"
#include "io/templates.h"
#include "testmaps.h"
#include "testutil.h"

static void teardown(void)
{
	tu_cleanup();
}

static struct model_map *load(struct store *s, int64_t id)
{
	struct model_map *m = NULL;
	ck_assert_store(store_map_load(s, id, &m));
	return m;
}

static struct model_map *parse_ok(const char *json)
{
	char *err = NULL;
	struct model_map *m = import_json_parse(json, strlen(json), &err);
	ck_assert_msg(m != NULL, "refused: %s", err);
	return m;
}

/* Adds m to the file and returns what the file then gives back. */
static struct model_map *through_store(const char *file,
				       const struct model_map *m)
{
	struct store *s = tu_open(tu_path(file));
	int64_t id = 0;
	ck_assert_store(import_store_map(s, m, NULL, &id));
	struct model_map *back = load(s, id);
	store_close(s);
	return back;
}

/* ------------------------------------------------------------------ */
/* round trips */

static struct model_map *(*const makers[])(void) = { tm_sample, tm_hostile,
						      tm_empty };

/* The store keeps everything the model holds: the exports of the model
 * and of what the file gives back are the same bytes. */
START_TEST(test_store_keeps_everything)
{
	struct model_map *m = makers[_i]();
	/* schema 5 keeps no free-text metric on a touchpoint: its metrics
	 * list does (check_plan_store.c) */
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			struct model_touchpoint *t = &m->stages[i].touchpoints[j];
			t->metric_name[0] = t->metric_value[0] = '\0';
		}
	struct model_map *back = through_store("a.cxmap", m);
	char *j1 = export_json(m), *j2 = export_json(back);
	ck_assert_str_eq(j1, j2);
	char *m1 = export_markdown(m), *m2 = export_markdown(back);
	ck_assert_str_eq(m1, m2);
	free(j1);
	free(j2);
	free(m1);
	free(m2);
	model_map_free(back);
	model_map_free(m);
}
END_TEST

/* export -> import into another file -> export: byte-identical. */
START_TEST(test_roundtrip_files)
{
	struct store *s = tu_open(tu_path("first.cxmap"));
	int64_t id = tu_sample_map(s, "Sample");
	tu_sample_map(s, "Another");	/* shares the departments */
	int64_t dept;
	ck_assert_store(store_dept_find(s, "Sales", &dept));
	ck_assert_store(store_dept_set_label(s, dept, "SAL"));
	ck_assert_store(store_dept_set_colour(s, dept, 6));
	struct model_map *m = load(s, id);
	store_close(s);
	char *j1 = export_json(m);
	struct model_map *parsed = parse_ok(j1);
	struct model_map *back = through_store("second.cxmap", parsed);
	char *j2 = export_json(back);
	ck_assert_str_eq(j1, j2);
	/* and once more, into a file that already holds it under a new name */
	struct store *s2 = tu_open(tu_path("second.cxmap"));
	int64_t id2;
	ck_assert_store(import_store_map(s2, parsed, "Copy", &id2));
	struct model_map *copy = load(s2, id2);
	store_close(s2);
	char *j3 = export_json(copy);
	ck_assert_ptr_nonnull(strstr(j3, "\"name\": \"Copy\""));
	ck_assert_str_eq(strstr(j1, "\"persona\""), strstr(j3, "\"persona\""));
	free(j1);
	free(j2);
	free(j3);
	model_map_free(copy);
	model_map_free(back);
	model_map_free(parsed);
	model_map_free(m);
}
END_TEST

/* The parser puts things in the order the store keeps them, so what it
 * gives is what an import will show. */
START_TEST(test_parse_orders_like_the_store)
{
	struct model_map *m = parse_ok(
		"{\"format\": \"cxmap-map\", \"version\": 1, \"name\": \"o\","
		" \"departments\": [{\"name\": \"Sales\"}, {\"name\": \"Legal\"},"
		" {\"name\": \"Finance\"}],"
		" \"stages\": [{\"name\": \"s\", \"touchpoints\": [{\"name\": \"t\","
		" \"contributors\": [\"Sales\", \"Finance\", \"Legal\"]}]}],"
		" \"gaps\": [{\"description\": \"later\", \"created\": "
		"\"2024-06-02T00:00:00Z\"}, {\"description\": \"unknown\"},"
		" {\"description\": \"earlier\", \"created\": "
		"\"2024-06-01T00:00:00Z\"}]}");
	ck_assert_str_eq(m->departments[0].name, "Finance");
	ck_assert_str_eq(m->departments[2].name, "Sales");
	const struct model_touchpoint *t = &m->stages[0].touchpoints[0];
	ck_assert_str_eq(model_department(m, t->contributors[0])->name, "Finance");
	ck_assert_str_eq(model_department(m, t->contributors[1])->name, "Legal");
	ck_assert_str_eq(model_department(m, t->contributors[2])->name, "Sales");
	ck_assert_str_eq(m->gaps[0].description, "earlier");
	ck_assert_str_eq(m->gaps[1].description, "later");
	ck_assert_str_eq(m->gaps[2].description, "unknown");
	ck_assert_int_eq(m->gaps[2].created, 0);
	ck_assert_int_eq(m->gaps[0].severity, MODEL_SEV_MEDIUM);	/* default */
	model_map_free(m);
}
END_TEST

/* ------------------------------------------------------------------ */
/* refusals */

#define HEAD "{\"format\": \"cxmap-map\", \"version\": 1, \"name\": \"m\", "
#define DEPTS "\"departments\": [{\"name\": \"Sales\"}, {\"name\": \"Support\"}], "
#define ONE_TP "\"stages\": [{\"name\": \"s\", \"touchpoints\": [{\"name\": \"t\"}]}]"

static const struct {
	const char *json;
	const char *error;
} refusals[] = {
	{ "", "the document is empty" },
	{ " \n\t ", "the document is empty" },
	{ "{", "line 1, column 2: the document ends too early (cut short?)" },
	{ HEAD "\"stages\": [{\"name\": \"s\"",
	  "line 1, column 75: the document ends too early (cut short?)" },
	{ "{\"format\": \"cxmap-map\",, }",
	  "line 1, column 25: not valid JSON" },
	{ "{\n  \"format\": 'cxmap-map'\n}", "line 2, column 13: not valid JSON" },
	{ HEAD "\"stages\": []} trailing", "line 1, column 66: not valid JSON" },
	{ HEAD "\"persona\": \"\\ud800\"}", "line 1, column 64: not valid JSON" },
	{ "42", "expected an object (one map)" },
	{ "{}", "format: missing (is this a cxmap JSON export?)" },
	{ "{\"format\": \"trello\", \"version\": 1}",
	  "format: expected \"cxmap-map\"" },
	{ "{\"format\": \"cxmap-map\"}", "version: missing" },
	{ "{\"format\": \"cxmap-map\", \"version\": 2, \"lanes\": []}",
	  "version: format version 2 is newer than this cxmap reads (1); "
	  "upgrade cxmap" },
	{ "{\"format\": \"cxmap-map\", \"version\": \"1\"}", "version: expected 1" },
	{ "{\"format\": \"cxmap-map\", \"version\": 1}", "name: missing" },
	{ HEAD "\"name\": \"again\"}", "name: repeated field" },
	{ "{\"format\": \"cxmap-map\", \"version\": 1, \"name\": \" \\n\"}",
	  "name: must not be empty" },
	{ "{\"format\": \"cxmap-map\", \"version\": 1, \"name\": "
	  "\"\u00a0\u3000\u200b\"}", "name: must not be empty" },
	{ HEAD "\"stages\": [{\"name\": \"\xc2\xa0\"}]}",
	  "stages[0].name: must not be empty" },
	{ HEAD "\"stages\": [{\"name\": \"s\", \"touchpoints\": [{\"name\": "
	  "\"\\u200b\\u2060\\ufeff\"}]}]}",
	  "stages[0].touchpoints[0].name: must not be empty" },
	{ HEAD "\"departments\": [{\"name\": \"\\u3000\"}]}",
	  "departments[0].name: must not be empty" },
	{ HEAD "\"departments\": [{\"name\": \"Sales\"}, "
	  "{\"name\": \"Sales\\u00a0\"}]}",
	  "departments[1]: \"Sales\" is listed twice" },
	{ HEAD "\"gaps\": [{\"description\": \"\\u00a0\\u200b\"}]}",
	  "gaps[0].description: must not be empty" },
	{ "{\"format\": \"cxmap-map\", \"version\": 1, \"name\": 5}",
	  "name: expected a string" },
	{ HEAD "\"colour\": 3}", "colour: unknown field" },
	{ HEAD "\"\\u001b[2J\": 3}", "\\x1b[2J: unknown field" },
	{ HEAD "\"persona\": null}", "persona: expected a string" },
	{ HEAD "\"stages\": {}}", "stages: expected an array" },
	{ HEAD "\"stages\": [[]]}", "stages[0]: expected an object" },
	{ HEAD "\"stages\": [{}]}", "stages[0].name: missing" },
	{ HEAD "\"stages\": [{\"name\": \"a\"}, {\"name\": \"b\"}, {\"name\": \"c\","
	  " \"touchpoints\": [{\"name\": \"t\", \"emotion\": 3}]}]}",
	  "stages[2].touchpoints[0].emotion: expected an integer from -2 to 2" },
	{ HEAD "\"stages\": [{\"name\": \"s\", \"touchpoints\": [{\"name\": \"t\","
	  " \"emotion\": 1.5}]}]}",
	  "stages[0].touchpoints[0].emotion: expected an integer from -2 to 2" },
	{ HEAD "\"stages\": [{\"name\": \"s\", \"touchpoints\": [{\"name\": \"t\","
	  " \"emotion\": \"1\"}]}]}",
	  "stages[0].touchpoints[0].emotion: expected an integer from -2 to 2" },
	{ HEAD "\"stages\": [{\"name\": \"s\", \"touchpoints\": [{\"name\": \"t\","
	  " \"emotion\": 1e400}]}]}",
	  "stages[0].touchpoints[0].emotion: expected an integer from -2 to 2" },
	{ HEAD "\"stages\": [{\"name\": \"s\", \"touchpoints\": [{\"name\": \"t\","
	  " \"owners\": []}]}]}", "stages[0].touchpoints[0].owners: unknown field" },
	{ HEAD DEPTS "\"stages\": [{\"name\": \"s\", \"touchpoints\": [{\"name\": "
	  "\"t\", \"owner\": \"Legal\"}]}]}",
	  "stages[0].touchpoints[0].owner: no department named \"Legal\" in "
	  "departments" },
	{ HEAD DEPTS "\"stages\": [{\"name\": \"s\", \"touchpoints\": [{\"name\": "
	  "\"t\", \"owner\": 1}]}]}",
	  "stages[0].touchpoints[0].owner: expected a department name" },
	{ HEAD DEPTS "\"stages\": [{\"name\": \"s\", \"touchpoints\": [{\"name\": "
	  "\"t\", \"contributors\": [\"Sales\", \"Sales\"]}]}]}",
	  "stages[0].touchpoints[0].contributors[1]: listed twice" },
	{ HEAD "\"departments\": [{\"name\": \"Sales\", \"colour\": 8}]}",
	  "departments[0].colour: expected an integer from 0 to 7" },
	{ HEAD "\"departments\": [{\"name\": \"Sales\"}, {\"name\": \"Sales\"}]}",
	  "departments[1]: \"Sales\" is listed twice" },
	{ HEAD "\"departments\": [{\"label\": \"S\"}]}",
	  "departments[0].name: missing" },
	{ HEAD ONE_TP ", \"gaps\": [{\"description\": \"d\", \"severity\": "
	  "\"urgent\"}]}",
	  "gaps[0].severity: expected \"low\", \"medium\" or \"high\"" },
	{ HEAD ONE_TP ", \"gaps\": [{\"description\": \"d\", \"status\": "
	  "\"closed\"}]}", "gaps[0].status: expected \"open\" or \"resolved\"" },
	{ HEAD ONE_TP ", \"gaps\": [{\"description\": \"d\", \"stage\": 5}]}",
	  "gaps[0].stage: expected an integer from 0 to 0" },
	{ HEAD ONE_TP ", \"gaps\": [{\"description\": \"d\", \"stage\": -1}]}",
	  "gaps[0].stage: expected an integer from 0 to 0" },
	{ HEAD "\"gaps\": [{\"description\": \"d\", \"stage\": 0}]}",
	  "gaps[0].stage: the map has no stages" },
	{ HEAD ONE_TP ", \"gaps\": [{\"description\": \"d\", \"touchpoint\": 0}]}",
	  "gaps[0].touchpoint: needs \"stage\" as well" },
	{ HEAD ONE_TP ", \"gaps\": [{\"description\": \"d\", \"stage\": 0, "
	  "\"touchpoint\": 3}]}",
	  "gaps[0].touchpoint: expected an integer from 0 to 0" },
	{ HEAD "\"stages\": [{\"name\": \"s\"}], \"gaps\": [{\"description\": "
	  "\"d\", \"stage\": 0, \"touchpoint\": 0}]}",
	  "gaps[0].touchpoint: stage 0 has no touchpoints" },
	{ HEAD "\"gaps\": [{\"severity\": \"low\"}]}",
	  "gaps[0].description: missing" },
	{ HEAD "\"gaps\": [{\"description\": \"d\", \"created\": \"yesterday\"}]}",
	  "gaps[0].created: expected a UTC time such as "
	  "\"2024-05-31T14:00:00Z\", or null" },
	{ HEAD "\"gaps\": [{\"description\": \"d\", \"created\": "
	  "\"2024-02-30T10:00:00Z\"}]}",
	  "gaps[0].created: expected a UTC time such as "
	  "\"2024-05-31T14:00:00Z\", or null" },
	{ HEAD "\"gaps\": [{\"description\": \"d\", \"created\": "
	  "\"2024-05-31 14:00:00\"}]}",
	  "gaps[0].created: expected a UTC time such as "
	  "\"2024-05-31T14:00:00Z\", or null" },
	{ HEAD "\"gaps\": [{\"description\": \"d\", \"created\": 1717164000}]}",
	  "gaps[0].created: expected a UTC time such as "
	  "\"2024-05-31T14:00:00Z\", or null" },
	{ HEAD DEPTS "\"silos\": [{\"departments\": [\"Sales\", \"Sales\"], "
	  "\"description\": \"d\"}]}",
	  "silos[0].departments: a silo is between two different departments" },
	{ HEAD DEPTS "\"silos\": [{\"departments\": [\"Sales\"], "
	  "\"description\": \"d\"}]}",
	  "silos[0].departments: expected an array of two department names" },
	{ HEAD DEPTS "\"silos\": [{\"description\": \"d\"}]}",
	  "silos[0].departments: missing" },
	{ HEAD DEPTS "\"silos\": [{\"departments\": [\"Sales\", \"Legal\"], "
	  "\"description\": \"d\"}]}",
	  "silos[0].departments[1]: no department named \"Legal\" in departments" },
	{ HEAD DEPTS ONE_TP ", \"silos\": [{\"departments\": [\"Sales\", "
	  "\"Support\"], \"stage\": 0, \"description\": \"d\"}]}",
	  "silos[0].touchpoint: missing (a silo is tied to a touchpoint or to "
	  "none)" },
	{ HEAD "\"persona\": \"a\\u0000b\"}",
	  "line 1, column 65: \\u0000 (a NUL character) is not allowed" },
	{ HEAD "\"persona\": \"caf\xe9\"}", "line 1, column 67: not valid UTF-8" },
	{ "[" HEAD "\"stages\": []}, {\"format\": \"cxmap-map\", \"version\": 1}]",
	  "[1].name: missing" },
};

START_TEST(test_refused)
{
	const char *json = refusals[_i].json;
	char *err = NULL;
	size_t n = 99;
	struct model_map **maps = import_json_parse_all(json, strlen(json), &n,
							&err);
	ck_assert_msg(maps == NULL, "accepted: %s", json);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(err, refusals[_i].error);
	free(err);
}
END_TEST

START_TEST(test_refused_bytes)
{
	char *err = NULL;
	/* a raw NUL byte inside the document */
	static const char nul[] = HEAD "\"persona\": \"a\0b\"}";
	ck_assert_ptr_null(import_json_parse(nul, sizeof nul - 1, &err));
	ck_assert_str_eq(err, "line 1, column 65: a NUL byte");
	free(err);
	/* an array where one map is wanted */
	const char *two = "[" HEAD "\"stages\": []}, " HEAD "\"stages\": []}]";
	ck_assert_ptr_null(import_json_parse(two, strlen(two), &err));
	/* (two maps of one name are refused first, naming the second) */
	ck_assert_str_eq(err, "[1]: name: the same as map [0]'s");
	free(err);
	const char *other = "[" HEAD "\"stages\": []}, {\"format\": \"cxmap-map\","
			    " \"version\": 1, \"name\": \"n\", \"stages\": []}]";
	ck_assert_ptr_null(import_json_parse(other, strlen(other), &err));
	ck_assert_str_eq(err, "expected one map (an object), found an array of 2");
	free(err);
}
END_TEST

/* Absurd sizes and depths: a message, never a crash or a long wait. */
static char *repeat(const char *head, const char *unit, size_t n,
		    const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	char *s = malloc(hl + ul * n + tl + 1), *p = s;
	memcpy(p, head, hl);
	p += hl;
	for (size_t i = 0; i < n; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, tail, tl + 1);
	return s;
}

static void refuse_big(char *json, const char *error)
{
	char *err = NULL;
	ck_assert_ptr_null(import_json_parse(json, strlen(json), &err));
	ck_assert_str_eq(err, error);
	free(err);
	free(json);
}

START_TEST(test_refused_absurd)
{
	refuse_big(repeat("", "[", 17, ""),
		   "line 1, column 17: nested more than 16 levels deep (the limit)");
	refuse_big(repeat("", "{\"a\":", 1000000, ""),
		   "line 1, column 81: nested more than 16 levels deep (the limit)");
	refuse_big(repeat("", " ", IMPORT_JSON_MAX_BYTES + 1, "{}"),
		   "the document is larger than 256 MiB (the limit)");
	refuse_big(repeat("[", "0,", IMPORT_JSON_MAX_VALUES, "0]"),
		   "line 1, column 31999999: more than 16000000 values (the limit)");
	refuse_big(repeat(HEAD "\"stages\": [", "{\"name\": \"s\"},", 10000,
			  "{\"name\": \"s\"}]}"),
		   "stages: more than 10000 stages (the limit)");
}
END_TEST

START_TEST(test_refused_long_text)
{
	char *name = repeat(HEAD "\"persona\": \"", "x", IMPORT_JSON_MAX_TEXT + 1,
			    "\"}");
	refuse_big(name, "persona: longer than 65536 bytes (the limit)");
	char *json = repeat("{\"format\": \"cxmap-map\", \"version\": 1, "
			    "\"name\": \"", "é", IMPORT_JSON_MAX_NAME, "\"}");
	refuse_big(json, "name: longer than 1024 bytes (the limit)");
}
END_TEST

START_TEST(test_too_many_touchpoints)
{
	char *a = repeat("", "{\"name\": \"t\"},", 130000, "{\"name\": \"t\"}");
	size_t n = strlen(a) * 2 + 200;
	char *json = malloc(n);
	snprintf(json, n, HEAD "\"stages\": [{\"name\": \"a\", \"touchpoints\": "
		 "[%s]}, {\"name\": \"b\", \"touchpoints\": [%s]}]}", a, a);
	free(a);
	refuse_big(json, "stages[1]: more than 250000 touchpoints in the map (the limit)");
}
END_TEST

/* A big map is a real one (issue 12): 100,000 touchpoints and 10,001
 * gaps were refused by the old limits (10,000 of each). */
START_TEST(test_big_map_accepted)
{
	char *a = repeat("", "{\"name\": \"t\"},", 49999, "{\"name\": \"t\"}");
	char *g = repeat("", "{\"description\": \"g\"},", 10000,
			 "{\"description\": \"g\"}");
	size_t n = strlen(a) * 2 + strlen(g) + 200;
	char *json = malloc(n);
	snprintf(json, n, HEAD "\"stages\": [{\"name\": \"a\", \"touchpoints\": "
		 "[%s]}, {\"name\": \"b\", \"touchpoints\": [%s]}], \"gaps\": [%s]}",
		 a, a, g);
	free(a);
	free(g);
	char *err = NULL;
	struct model_map *m = import_json_parse(json, strlen(json), &err);
	ck_assert_msg(m, "refused: %s", err ? err : "?");
	ck_assert_uint_eq(m->stages[0].ntouchpoints + m->stages[1].ntouchpoints,
			  100000);
	ck_assert_uint_eq(m->ngaps, 10001);
	model_map_free(m);
	free(json);
}
END_TEST

/* ------------------------------------------------------------------ */
/* into a store */

/* A failing import writes nothing at all: no map, no department. */
START_TEST(test_failed_import_writes_nothing)
{
	const char *path = tu_path("taken.cxmap");
	struct store *s = tu_open(path);
	tu_sample_map(s, "Taken");
	store_close(s);
	int64_t depts = tu_sql_int(path, "SELECT count(*) FROM department");
	struct model_map *m = parse_ok(HEAD "\"departments\": [{\"name\": "
				       "\"Legal\"}], \"stages\": [{\"name\": \"s\"}]}");
	free(m->name);
	m->name = strdup("Taken");
	s = tu_open(path);
	ck_assert_int_eq(import_store_map(s, m, NULL, NULL), STORE_EXISTS);
	store_close(s);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM department"),
			 depts);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM map"), 1);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM stage"), 3);
	/* under another name it goes in */
	s = tu_open(path);
	ck_assert_store(import_store_map(s, m, "Taken 2", NULL));
	store_close(s);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM department"),
			 depts + 1);
	model_map_free(m);
}
END_TEST

/* Departments are the file's: an existing one keeps its label and colour,
 * a missing one is created with the document's. */
START_TEST(test_departments_by_name)
{
	const char *path = tu_path("depts.cxmap");
	struct store *s = tu_open(path);
	int64_t sales;
	ck_assert_store(store_dept_create(s, "Sales", &sales));
	ck_assert_store(store_dept_set_label(s, sales, "S"));
	ck_assert_store(store_dept_set_colour(s, sales, 5));
	struct model_map *m = parse_ok(HEAD
		"\"departments\": [{\"name\": \"Sales\", \"label\": \"X\", "
		"\"colour\": 1}, {\"name\": \"Legal\", \"label\": \"LEG\", "
		"\"colour\": 7}], \"stages\": [{\"name\": \"s\", \"touchpoints\": "
		"[{\"name\": \"t\", \"owner\": \"Sales\", \"contributors\": "
		"[\"Legal\"]}]}]}");
	int64_t id;
	ck_assert_store(import_store_map(s, m, NULL, &id));
	struct model_map *back = load(s, id);
	store_close(s);
	ck_assert_uint_eq(back->ndepartments, 2);
	const struct model_department *legal = &back->departments[0];
	const struct model_department *d = &back->departments[1];
	ck_assert_int_eq(d->id, sales);
	ck_assert_str_eq(d->label, "S");
	ck_assert_int_eq(d->colour, 5);
	ck_assert_str_eq(legal->name, "Legal");
	ck_assert_str_eq(legal->label, "LEG");
	ck_assert_int_eq(legal->colour, 7);
	const struct model_touchpoint *t = &back->stages[0].touchpoints[0];
	ck_assert_int_eq(t->owner_id, sales);
	ck_assert_int_eq(t->contributors[0], legal->id);
	model_map_free(back);
	model_map_free(m);
}
END_TEST

/* Names are trimmed as the interface trims them (Unicode white space and
 * zero-width characters at both ends), and references to departments
 * with them. */
START_TEST(test_names_trimmed)
{
	struct model_map *m = parse_ok("{\"format\": \"cxmap-map\", "
		"\"version\": 1, \"name\": \"\\u3000Map\\u00a0one\\u200b\", "
		"\"departments\": [{\"name\": \" Sales\\u2003\", \"label\": "
		"\"\\u00a0S \"}], \"stages\": [{\"name\": \"\\ufeffStage\\t\", "
		"\"touchpoints\": [{\"name\": \"\\u00a0Call\\u00a0\", "
		"\"channel\": \" phone \", \"owner\": \"Sales\\u00a0\", "
		"\"contributors\": [\"\\u3000Sales\"], \"notes\": \" kept \"}]}]}");
	ck_assert_str_eq(m->name, "Map\xc2\xa0one");	/* inside stays */
	ck_assert_str_eq(m->departments[0].name, "Sales");
	ck_assert_str_eq(m->departments[0].label, "S");
	ck_assert_str_eq(m->stages[0].name, "Stage");
	const struct model_touchpoint *t = &m->stages[0].touchpoints[0];
	ck_assert_str_eq(t->name, "Call");
	ck_assert_str_eq(t->channel, "phone");
	ck_assert_str_eq(t->notes, " kept ");	/* free text is not a name */
	ck_assert_int_eq(t->owner_id, m->departments[0].id);
	ck_assert_int_eq(t->contributors[0], m->departments[0].id);
	model_map_free(m);
}
END_TEST

/* The store refuses a name that shows nothing, whoever asks. */
START_TEST(test_store_refuses_invisible_names)
{
	struct store *s = tu_open(tu_path("blank.cxmap"));
	int64_t id = 0;
	static const char *const names[] = { "\xc2\xa0", "\xe3\x80\x80",
					     "\xe2\x80\x8b", " \xc2\xa0\xe2\x81\xa0" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		ck_assert_int_eq(store_map_create(s, names[i], &id),
				 STORE_INVALID);
		ck_assert_int_eq(store_dept_create(s, names[i], &id),
				 STORE_INVALID);
	}
	store_close(s);
}
END_TEST

/* Recorded times are kept; records without one get the time of import. */
START_TEST(test_created_times)
{
	struct model_map *m = parse_ok(HEAD "\"gaps\": [{\"description\": "
		"\"old\", \"created\": \"2024-05-31T14:00:00Z\"}, "
		"{\"description\": \"new\"}]}");
	int64_t before = (int64_t)time(NULL);
	struct model_map *back = through_store("times.cxmap", m);
	ck_assert_int_eq(back->gaps[0].created, 1717164000);
	ck_assert_str_eq(back->gaps[0].description, "old");
	ck_assert_int_ge(back->gaps[1].created, before);
	ck_assert_int_le(back->gaps[1].created, (int64_t)time(NULL));
	model_map_free(back);
	model_map_free(m);
}
END_TEST

/* ------------------------------------------------------------------ */
/* templates */

static char *datadir_templates(void)
{
	const char *d = getenv("CXMAP_DATADIR");
	ck_assert_msg(d != NULL, "run through make check (CXMAP_DATADIR)");
	char *p = malloc(strlen(d) + 16);
	sprintf(p, "%s/templates", d);
	return p;
}

START_TEST(test_template_list)
{
	char *dir = datadir_templates(), *err = NULL;
	struct template_info *v;
	size_t n;
	ck_assert_int_eq(templates_list(dir, "en", &v, &n, &err), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(v[0].name, "b2b-saas");
	ck_assert_str_eq(v[0].title, "B2B SaaS journey");
	ck_assert_str_eq(v[1].name, "blank");
	ck_assert_str_eq(v[2].name, "demo");
	ck_assert_str_eq(v[3].name, "retail");
	ck_assert_uint_eq(v[0].nstages, 6);
	ck_assert_uint_eq(v[1].ntouchpoints, 0);
	templates_info_free(v, n);
	ck_assert_int_eq(templates_list(dir, "es", &v, &n, &err), 0);
	ck_assert_str_eq(v[0].title, "Recorrido B2B SaaS");
	templates_info_free(v, n);
	/* a folder that is not there is an error naming it */
	ck_assert_int_eq(templates_list("/nonexistent", "en", &v, &n, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent"));
	free(err);
	free(dir);
}
END_TEST

/* Every template, in each language, survives the round trip. */
START_TEST(test_templates_round_trip)
{
	static const char *const names[] = { "b2b-saas", "blank", "demo",
					     "retail" };
	char *dir = datadir_templates(), *err = NULL;
	for (size_t i = 0; i < 8; i++) {
		struct model_map *m = templates_load(dir, names[i / 2],
						     i % 2 ? "es" : NULL, &err);
		ck_assert_msg(m != NULL, "%s: %s", names[i / 2], err);
		struct model_map *a = through_store("one.cxmap", m);
		char *j1 = export_json(a);
		struct model_map *p = parse_ok(j1);
		struct model_map *b = through_store("two.cxmap", p);
		char *j2 = export_json(b);
		ck_assert_str_eq(j1, j2);
		free(j1);
		free(j2);
		model_map_free(m);
		model_map_free(a);
		model_map_free(p);
		model_map_free(b);
		tu_cleanup();
	}
	free(dir);
}
END_TEST

/* The B2B template has the brief's journey and departments; the demo
 * shows what cxmap is for. */
START_TEST(test_template_contents)
{
	char *dir = datadir_templates(), *err = NULL;
	struct model_map *m = templates_load(dir, "b2b-saas", "en", &err);
	static const char *const stages[] = { "Awareness", "Evaluation",
		"Purchase", "Onboarding", "Adoption", "Renewal" };
	ck_assert_uint_eq(m->nstages, 6);
	for (size_t i = 0; i < 6; i++)
		ck_assert_str_eq(m->stages[i].name, stages[i]);
	static const char *const depts[] = { "Customer service",
		"Customer success", "Finance", "Marketing", "Product", "Sales" };
	ck_assert_uint_eq(m->ndepartments, 6);
	for (size_t i = 0; i < 6; i++)
		ck_assert_str_eq(m->departments[i].name, depts[i]);
	model_map_free(m);
	m = templates_load(dir, "demo", "es", &err);
	ck_assert_str_eq(m->stages[0].name, "Conocimiento");
	ck_assert_uint_ge(model_unowned_count(m), 2);
	ck_assert_uint_ge(m->ngaps, 1);
	ck_assert_uint_ge(m->nsilos, 1);
	size_t contributed = 0, felt = 0;
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			contributed += m->stages[i].touchpoints[j].ncontributors;
			felt += m->stages[i].touchpoints[j].has_emotion;
		}
	ck_assert_uint_ge(contributed, 5);
	ck_assert_uint_eq(felt, model_touchpoint_count(m));
	model_map_free(m);
	/* a language without a translation falls back to English */
	m = templates_load(dir, "retail", "fr", &err);
	ck_assert_str_eq(m->name, "Retail and e-commerce journey");
	model_map_free(m);
	free(dir);
}
END_TEST

START_TEST(test_template_names)
{
	char *dir = datadir_templates(), *err = NULL;
	static const char *const bad[] = { "../templates/demo", "demo.es",
					   "", "nope" };
	for (size_t i = 0; i < 4; i++) {
		ck_assert_ptr_null(templates_load(dir, bad[i], NULL, &err));
		ck_assert_msg(strstr(err, "no template named"), "%s", err);
		free(err);
	}
	/* a broken template is named with its file and the reason */
	tu_write_file(tu_path("broken.json"), "{\"format\": 1}", 13);
	ck_assert_ptr_null(templates_load(tu_dir(), "broken", NULL, &err));
	ck_assert_ptr_nonnull(strstr(err, "broken.json: format: expected"));
	free(err);
	free(dir);
}
END_TEST

START_TEST(test_template_language)
{
	static const struct {
		const char *lc_all, *lc_messages, *lang, *language, *want;
	} cases[] = {
		{ NULL, NULL, "es_ES.UTF-8", NULL, "es" },
		{ NULL, "es_MX", "en_GB.UTF-8", NULL, "es" },
		{ "en_US.UTF-8", "es_ES", "es_ES", NULL, "en" },
		{ "C", NULL, "es_ES.UTF-8", "es", NULL },
		{ "C.UTF-8", NULL, NULL, "es", NULL },
		{ NULL, NULL, "de_DE.UTF-8", "es:de", "es" },
		{ NULL, NULL, NULL, NULL, NULL },
		{ NULL, NULL, "POSIX", NULL, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *vals[] = { cases[i].lc_all, cases[i].lc_messages,
				       cases[i].lang, cases[i].language };
		const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG",
				       "LANGUAGE" };
		for (size_t k = 0; k < 4; k++) {
			if (vals[k])
				setenv(vars[k], vals[k], 1);
			else
				unsetenv(vars[k]);
		}
		char *got = templates_language();
		if (cases[i].want)
			ck_assert_msg(got && strcmp(got, cases[i].want) == 0,
				      "case %zu: %s", i, got ? got : "(null)");
		else
			ck_assert_msg(got == NULL, "case %zu: %s", i, got);
		free(got);
	}
}
END_TEST

/* The store gets the new map in the template's language. */
START_TEST(test_template_instantiate)
{
	setenv("LANG", "es_ES.UTF-8", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	struct store *s = tu_open(tu_path("new.cxmap"));
	int64_t id;
	char *err = NULL;
	ck_assert_store(templates_instantiate(s, "demo", NULL, &id, &err));
	struct model_map *m = load(s, id);
	ck_assert_str_eq(m->name, "Demo: recorrido B2B SaaS");
	model_map_free(m);
	ck_assert_int_eq(templates_instantiate(s, "demo", NULL, &id, &err),
			 STORE_EXISTS);
	free(err);
	ck_assert_int_eq(templates_instantiate(s, "nope", NULL, &id, &err),
			 STORE_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(err, "no template named 'nope'"));
	free(err);
	store_close(s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("round trip");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_store_keeps_everything, 0, 3);
	tcase_add_test(tc, test_roundtrip_files);
	tcase_add_test(tc, test_parse_orders_like_the_store);
	suite_add_tcase(s, tc);
	tc = tcase_create("refusals");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_refused, 0,
			    sizeof refusals / sizeof *refusals);
	tcase_add_test(tc, test_refused_bytes);
	tcase_add_test(tc, test_names_trimmed);
	tcase_add_test(tc, test_store_refuses_invisible_names);
	tcase_add_test(tc, test_refused_absurd);
	tcase_add_test(tc, test_refused_long_text);
	tcase_add_test(tc, test_too_many_touchpoints);
	tcase_add_test(tc, test_big_map_accepted);
	suite_add_tcase(s, tc);
	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_failed_import_writes_nothing);
	tcase_add_test(tc, test_departments_by_name);
	tcase_add_test(tc, test_created_times);
	suite_add_tcase(s, tc);
	tc = tcase_create("templates");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_template_list);
	tcase_add_test(tc, test_templates_round_trip);
	tcase_add_test(tc, test_template_contents);
	tcase_add_test(tc, test_template_names);
	tcase_add_test(tc, test_template_language);
	tcase_add_test(tc, test_template_instantiate);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
