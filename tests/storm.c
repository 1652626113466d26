/* storm.c - many random edits on one map, as several people at once would
 * make them, and a checker that nothing acknowledged was lost.
 *
 *   storm init FILE MAP STAGES           a new map with STAGES stages
 *   storm run FILE MAP WHO EDITS SEED    EDITS random edits
 *   storm check FILE MAP [-k KILLS] LOG...
 *
 * init and run print one line per edit the moment the store has
 * acknowledged it (returned STORE_OK, so it is committed):
 *
 *   ack CHANGE OP ID ARG...      OP: map+ stage+ stage= stage> stage-
 *                                    tp+ tp= tp> tp-
 *   refused STATUS OP ID         a stale edit the store refused
 *
 * CHANGE is the id of the change (store_last_change), which orders the
 * acknowledged edits of all writers.  check replays the logs in that
 * order and compares with the file: every acknowledged edit is there,
 * and nothing else is (with -k, up to KILLS changes that were committed by
 * processes killed before they could acknowledge them).  It also checks
 * the history, the integrity of the file and that positions are dense. */
#include <config.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/store.h"

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("storm: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

/* One whole line per write(2), so that a kill never leaves half of one. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof line - 1)
		die("line too long");
	line[n++] = '\n';
	if (write(STDOUT_FILENO, line, (size_t)n) != n)
		die("cannot write the log");
}

static struct store *open_map(const char *path, const char *name,
			      int64_t *map)
{
	struct store *s = NULL;
	enum store_status st = store_open(path, 0, &s);
	if (st != STORE_OK)
		die("%s: %s", path, store_status_message(st));
	if (map && (st = store_map_find(s, name, map)) != STORE_OK)
		die("%s: map %s: %s", path, name, store_status_message(st));
	return s;
}

/* ------------------------------------------------------------------ */
/* init and run */

static int cmd_init(const char *path, const char *name, int stages)
{
	struct store *s = open_map(path, name, NULL);
	int64_t map, id;
	enum store_status st = store_map_create(s, name, &map);
	if (st != STORE_OK)
		die("create %s: %s", name, store_status_message(st));
	say("ack\t%" PRId64 "\tmap+\t%" PRId64 "\t%s", store_last_change(s),
	    map, name);
	for (int i = 0; i < stages; i++) {
		char sname[32];
		snprintf(sname, sizeof sname, "init-%d", i);
		if ((st = store_stage_add(s, map, (size_t)i, sname, &id))
		    != STORE_OK)
			die("add stage: %s", store_status_message(st));
		say("ack\t%" PRId64 "\tstage+\t%" PRId64 "\t%s",
		    store_last_change(s), id, sname);
	}
	store_close(s);
	return 0;
}

struct storm {
	struct store *s;
	int64_t map;
	struct model_map *m;
	int who;
	int seq;
	int refused;
};

static void reload(struct storm *w)
{
	model_map_free(w->m);
	w->m = NULL;
	enum store_status st = store_map_load(w->s, w->map, &w->m);
	if (st != STORE_OK)
		die("load: %s", store_status_message(st));
}

static size_t pick(size_t n)
{
	return (size_t)rand() % n;
}

/* A random touchpoint of the map as last loaded, or NULL. */
static const struct model_touchpoint *pick_tp(const struct model_map *m)
{
	size_t n = model_touchpoint_count(m);
	if (n == 0)
		return NULL;
	size_t k = pick(n);
	for (size_t i = 0; i < m->nstages; i++) {
		if (k < m->stages[i].ntouchpoints)
			return &m->stages[i].touchpoints[k];
		k -= m->stages[i].ntouchpoints;
	}
	return NULL;
}

/* Reports the outcome of one edit: acknowledged, refused as stale, or a
 * failure no person should ever see (the storm stops). */
static bool outcome(struct storm *w, enum store_status st, const char *op,
		    int64_t id, const char *arg)
{
	if (st == STORE_OK) {
		say("ack\t%" PRId64 "\t%s\t%" PRId64 "\t%s",
		    store_last_change(w->s), op, id, arg);
		return true;
	}
	if (st == STORE_CONFLICT || st == STORE_MISSING) {
		say("refused\t%s\t%s\t%" PRId64,
		    st == STORE_CONFLICT ? "conflict" : "missing", op, id);
		w->refused++;
		return false;
	}
	die("writer %d: %s %" PRId64 ": %s (%s)", w->who, op, id,
	    store_status_message(st), store_last_error(w->s));
	return false;
}

static bool edit_stage(struct storm *w, int r, const char *name)
{
	const struct model_map *m = w->m;
	char arg[64];
	int64_t id = 0;
	if (r < 12 && m->nstages > 12)
		r = 20;		/* enough stages: move one instead */
	if (r < 12 || m->nstages < 2) {
		enum store_status st = store_stage_add(w->s, w->map,
						       pick(m->nstages + 1),
						       name, &id);
		return outcome(w, st, "stage+", id, name);
	}
	const struct model_stage *sg = &m->stages[pick(m->nstages)];
	if (r < 20)
		return outcome(w, store_stage_set(w->s, sg->id, sg->rev,
		       STORE_STAGE_NAME, name), "stage=", sg->id, name);
	if (r < 26) {
		size_t pos = pick(m->nstages);
		snprintf(arg, sizeof arg, "%zu", pos);
		return outcome(w, store_stage_move(w->s, sg->id,
		       sg->rev, pos), "stage>", sg->id, arg);
	}
	/* only stages that were empty when seen: the store refuses the
	 * delete if one has gained a card since */
	for (size_t i = 0; i < m->nstages && m->nstages > 2; i++) {
		sg = &m->stages[i];
		if (sg->ntouchpoints == 0)
			return outcome(w, store_stage_delete(w->s,
			       sg->id, model_stage_version(sg)),
				       "stage-", sg->id, "");
	}
	return false;
}

static bool edit_tp(struct storm *w, int r, const char *name)
{
	const struct model_map *m = w->m;
	const struct model_stage *sg = &m->stages[pick(m->nstages)];
	const struct model_touchpoint *t = pick_tp(m);
	char arg[64];
	int64_t id = 0;
	if (r < 55 || !t) {
		enum store_status st = store_tp_add(w->s, sg->id,
			pick(sg->ntouchpoints + 1), name, &id);
		snprintf(arg, sizeof arg, "%" PRId64 "\t%s", sg->id, name);
		return outcome(w, st, "tp+", id, arg);
	}
	if (r < 70) {
		snprintf(arg, sizeof arg, "%" PRId64, sg->id);
		return outcome(w, store_tp_move(w->s, t->id, t->rev,
		       sg->id, pick(sg->ntouchpoints + 1)), "tp>",
			       t->id, arg);
	}
	if (r < 85)
		return outcome(w, store_tp_set(w->s, t->id, t->rev,
		       STORE_TP_NAME, name), "tp=", t->id, name);
	return outcome(w, store_tp_delete(w->s, t->id, t->rev), "tp-",
		       t->id, "");
}

static int cmd_run(const char *path, const char *name, int who, int edits,
		   unsigned seed)
{
	struct storm w = { .who = who };
	w.s = open_map(path, name, &w.map);
	srand(seed);
	store_presence_join(w.s, w.map);	/* best effort, as in the UI */
	reload(&w);
	int stale = 0;
	for (w.seq = 0; w.seq < edits; w.seq++) {
		/* A screen is sometimes a few edits behind: stale edits are
		 * what the conflict check is for. */
		if (stale-- <= 0) {
			reload(&w);
			stale = (int)pick(4);
		}
		char label[32];
		snprintf(label, sizeof label, "w%d-%d", who, w.seq);
		int r = (int)pick(100);
		/* keep the map a sensible size */
		if (model_touchpoint_count(w.m) > 80 && r < 55)
			r += 45;
		bool ok = r < 30 ? edit_stage(&w, r, label)
				 : edit_tp(&w, r, label);
		if (!ok)
			stale = 0;
		store_presence_beat(w.s);
	}
	model_map_free(w.m);
	store_close(w.s);
	fprintf(stderr, "storm: writer %d: %d edits, %d refused\n", who, edits,
		w.refused);
	return 0;
}

/* ------------------------------------------------------------------ */
/* check */

struct ack {
	int64_t change;
	char op[8];
	int64_t id;
	int64_t stage;	/* tp+ and tp> */
	char name[48];
};

struct item {
	bool alive, known, uncertain;
	int64_t stage;
	char name[48];
};

struct check {
	struct ack *acks;
	size_t nacks, cap;
	size_t refused, conflicts;
	struct item *stages, *tps;	/* indexed by id */
	size_t nstages_cap, ntps_cap;
	int failures;
};

static void fail(struct check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void fail(struct check *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("FAIL: ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	if (++c->failures > 20)
		exit(1);
}

static struct item *item(struct item **v, size_t *cap, int64_t id)
{
	if (id <= 0 || id > 10000000)
		die("bad id %" PRId64, id);
	if ((size_t)id >= *cap) {
		size_t n = (size_t)id * 2 + 64;
		*v = realloc(*v, n * sizeof **v);
		if (!*v)
			die("out of memory");
		memset(*v + *cap, 0, (n - *cap) * sizeof **v);
		*cap = n;
	}
	return &(*v)[id];
}

static void read_log(struct check *c, const char *file)
{
	FILE *f = fopen(file, "r");
	if (!f)
		die("cannot read %s", file);
	char line[512];
	while (fgets(line, sizeof line, f)) {
		if (!strchr(line, '\n'))
			continue;	/* cut off by a kill: not acknowledged */
		line[strcspn(line, "\n")] = '\0';
		char *save, *word = strtok_r(line, "\t", &save);
		if (word && strcmp(word, "refused") == 0) {
			c->refused++;
			word = strtok_r(NULL, "\t", &save);
			c->conflicts += word && strcmp(word, "conflict") == 0;
			continue;
		}
		if (!word || strcmp(word, "ack") != 0)
			die("%s: bad line", file);
		if (c->nacks == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 1024;
			c->acks = realloc(c->acks, c->cap * sizeof *c->acks);
			if (!c->acks)
				die("out of memory");
		}
		struct ack *a = &c->acks[c->nacks++];
		memset(a, 0, sizeof *a);
		char *f1 = strtok_r(NULL, "\t", &save);
		char *f2 = strtok_r(NULL, "\t", &save);
		char *f3 = strtok_r(NULL, "\t", &save);
		char *f4 = strtok_r(NULL, "\t", &save);
		char *f5 = strtok_r(NULL, "\t", &save);
		if (!f1 || !f2 || !f3)
			die("%s: short line", file);
		a->change = strtoll(f1, NULL, 10);
		snprintf(a->op, sizeof a->op, "%s", f2);
		a->id = strtoll(f3, NULL, 10);
		if (strcmp(a->op, "tp+") == 0 || strcmp(a->op, "tp>") == 0) {
			a->stage = f4 ? strtoll(f4, NULL, 10) : 0;
			snprintf(a->name, sizeof a->name, "%s", f5 ? f5 : "");
		} else {
			snprintf(a->name, sizeof a->name, "%s", f4 ? f4 : "");
		}
	}
	fclose(f);
}

static int by_change(const void *pa, const void *pb)
{
	const struct ack *a = pa, *b = pb;
	return (a->change > b->change) - (a->change < b->change);
}

/* Marks what the committed but unacknowledged changes touched: those
 * items are not compared. */
static size_t mark_extras(struct check *c, const struct store_change *h,
			  size_t n)
{
	size_t extras = 0, j = 0;
	/* both sorted by change id, ascending */
	for (size_t i = n; i-- > 0;) {
		while (j < c->nacks && c->acks[j].change < h[i].id)
			j++;
		if (j < c->nacks && c->acks[j].change == h[i].id)
			continue;
		extras++;
		if (h[i].kind == STORE_KIND_STAGE)
			item(&c->stages, &c->nstages_cap, h[i].item_id)->uncertain = true;
		else if (h[i].kind == STORE_KIND_TOUCHPOINT)
			item(&c->tps, &c->ntps_cap, h[i].item_id)->uncertain = true;
		else
			fail(c, "change %" PRId64 " is not the storm's",
			     h[i].id);
	}
	return extras;
}

/* Every acknowledged edit is in the history, as what it was. */
static void check_history(struct check *c, const struct store_change *h,
			  size_t n)
{
	size_t i = n;
	for (size_t j = 0; j < c->nacks; j++) {
		const struct ack *a = &c->acks[j];
		if (j > 0 && a->change == c->acks[j - 1].change)
			fail(c, "change %" PRId64 " acknowledged twice",
			     a->change);
		while (i > 0 && h[i - 1].id < a->change)
			i--;
		if (i == 0 || h[i - 1].id != a->change) {
			fail(c, "acknowledged change %" PRId64 " (%s %" PRId64
			     ") is not in the history", a->change, a->op,
			     a->id);
			continue;
		}
		const struct store_change *e = &h[i - 1];
		enum store_kind kind = a->op[0] == 's' ? STORE_KIND_STAGE
				       : a->op[0] == 'm' ? STORE_KIND_MAP
				       : STORE_KIND_TOUCHPOINT;
		char sym = a->op[strlen(a->op) - 1];
		enum store_action action = sym == '+' ? STORE_ACTION_ADD
					   : sym == '=' ? STORE_ACTION_CHANGE
					   : sym == '>' ? STORE_ACTION_MOVE
					   : STORE_ACTION_DELETE;
		if (e->kind != kind || e->action != action ||
		    e->item_id != a->id)
			fail(c, "history entry %" PRId64 " is not %s %" PRId64,
			     a->change, a->op, a->id);
	}
}

/* Applies the acknowledged edits in commit order. */
static void replay(struct check *c)
{
	for (size_t j = 0; j < c->nacks; j++) {
		const struct ack *a = &c->acks[j];
		if (a->op[0] == 'm')
			continue;	/* the map itself */
		bool tp = a->op[0] == 't';
		char sym = a->op[strlen(a->op) - 1];
		struct item *it = tp ? item(&c->tps, &c->ntps_cap, a->id)
				     : item(&c->stages, &c->nstages_cap, a->id);
		struct item *target = tp && a->stage
			? item(&c->stages, &c->nstages_cap, a->stage) : NULL;
		bool sure = !it->uncertain && !(target && target->uncertain);
		if (sym == '+') {
			if (it->alive && sure)
				fail(c, "%s %" PRId64 ": id used twice", a->op,
				     a->id);
			it->known = it->alive = true;
		} else if (!it->alive && sure) {
			fail(c, "%s %" PRId64 " acknowledged on a deleted item",
			     a->op, a->id);
		}
		if (target && !target->alive && sure)
			fail(c, "%s %" PRId64 " into deleted stage %" PRId64,
			     a->op, a->id, a->stage);
		if (sym == '+' || sym == '=')
			snprintf(it->name, sizeof it->name, "%s", a->name);
		if (target)
			it->stage = a->stage;
		if (sym == '-')
			it->alive = false;
		if (sym == '-' && !tp && sure) {
			for (size_t k = 0; k < c->ntps_cap; k++)
				if (c->tps[k].alive && c->tps[k].stage == a->id &&
				    !c->tps[k].uncertain)
					fail(c, "stage %" PRId64 " deleted with"
					     " touchpoint %zu in it", a->id, k);
		}
	}
}

/* The file holds exactly what the replay says (uncertain items aside). */
static void compare(struct check *c, const struct model_map *m,
		    size_t *nstages, size_t *ntps)
{
	*nstages = m->nstages;
	*ntps = model_touchpoint_count(m);
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		struct item *e = item(&c->stages, &c->nstages_cap, sg->id);
		if (!e->uncertain && (!e->alive || strcmp(e->name, sg->name)))
			fail(c, "stage %" PRId64 " '%s' is not what was"
			     " acknowledged ('%s', %s)", sg->id, sg->name,
			     e->name, e->alive ? "alive" : "deleted");
		e->known = false;	/* seen */
		for (size_t j = 0; j < sg->ntouchpoints; j++) {
			const struct model_touchpoint *t = &sg->touchpoints[j];
			struct item *x = item(&c->tps, &c->ntps_cap, t->id);
			if (!x->uncertain &&
			    (!x->alive || strcmp(x->name, t->name) ||
			     x->stage != sg->id))
				fail(c, "touchpoint %" PRId64 " '%s' in stage %"
				     PRId64 " is not what was acknowledged"
				     " ('%s' in %" PRId64 ", %s)", t->id,
				     t->name, sg->id, x->name, x->stage,
				     x->alive ? "alive" : "deleted");
			x->known = false;
		}
	}
	/* anything acknowledged and alive but not in the file is lost */
	for (size_t k = 0; k < c->nstages_cap; k++)
		if (c->stages[k].alive && c->stages[k].known &&
		    !c->stages[k].uncertain)
			fail(c, "stage %zu '%s' was lost", k, c->stages[k].name);
	for (size_t k = 0; k < c->ntps_cap; k++)
		if (c->tps[k].alive && c->tps[k].known && !c->tps[k].uncertain)
			fail(c, "touchpoint %zu '%s' was lost", k,
			     c->tps[k].name);
}

static int64_t sql_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Integrity and dense positions, looked at with plain SQLite. */
static void check_file(struct check *c, const char *path)
{
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("%s: cannot open", path);
	sqlite3_busy_timeout(db, 10000);
	if (sql_int(db, "SELECT count(*) FROM pragma_integrity_check"
		    " WHERE integrity_check <> 'ok'") != 0)
		fail(c, "integrity_check is not ok");
	/* positions are sparse: whole numbers above 0 (UNIQUE keeps them
	 * apart) */
	if (sql_int(db, "SELECT count(*) FROM stage WHERE"
		    " typeof(pos) <> 'integer' OR pos <= 0") != 0 ||
	    sql_int(db, "SELECT count(*) FROM touchpoint WHERE"
		    " typeof(pos) <> 'integer' OR pos <= 0") != 0)
		fail(c, "positions are not whole numbers above 0");
	if (sql_int(db, "PRAGMA foreign_key_check") != -1)
		fail(c, "foreign_key_check found orphans");
	sqlite3_close(db);
}

/* The users who wrote the history, for the group test. */
static void print_users(const struct store_change *h, size_t n)
{
	printf("users:");
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(h[j].user, h[i].user) == 0;
		if (!seen)
			printf(" %s", h[i].user);
	}
	printf("\n");
}

static int cmd_check(const char *path, const char *name, int kills,
		     char **logs, int nlogs)
{
	struct check c = { 0 };
	for (int i = 0; i < nlogs; i++)
		read_log(&c, logs[i]);
	qsort(c.acks, c.nacks, sizeof *c.acks, by_change);
	int64_t map;
	struct store *s = open_map(path, name, &map);
	struct store_change *h;
	size_t n, nstages, ntps;
	enum store_status st = store_history_list(s, map, 0, &h, &n);
	if (st != STORE_OK)
		die("history: %s", store_status_message(st));
	check_history(&c, h, n);
	size_t extras = mark_extras(&c, h, n);
	if (extras > (size_t)kills)
		fail(&c, "%zu changes in the history were never acknowledged"
		     " (at most %d allowed)", extras, kills);
	replay(&c);
	struct model_map *m = NULL;
	if ((st = store_map_load(s, map, &m)) != STORE_OK)
		die("load: %s", store_status_message(st));
	compare(&c, m, &nstages, &ntps);
	print_users(h, n);
	model_map_free(m);
	store_history_free(h, n);
	store_close(s);
	check_file(&c, path);
	printf("%zu acknowledged, %zu refused (%zu conflicts), %zu"
	       " unacknowledged; %zu stages, %zu touchpoints: %s\n", c.nacks,
	       c.refused, c.conflicts, extras, nstages, ntps,
	       c.failures ? "FAILED" : "ok");
	free(c.acks);
	free(c.stages);
	free(c.tps);
	return c.failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "init") == 0)
		return cmd_init(argv[2], argv[3], atoi(argv[4]));
	if (argc == 7 && strcmp(argv[1], "run") == 0)
		return cmd_run(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]),
			       (unsigned)strtoul(argv[6], NULL, 10));
	if (argc >= 5 && strcmp(argv[1], "check") == 0) {
		int kills = 0, first = 4;
		if (strcmp(argv[4], "-k") == 0 && argc >= 7) {
			kills = atoi(argv[5]);
			first = 6;
		}
		return cmd_check(argv[2], argv[3], kills, argv + first,
				 argc - first);
	}
	fprintf(stderr, "usage: storm init FILE MAP STAGES\n"
		"       storm run FILE MAP WHO EDITS SEED\n"
		"       storm check FILE MAP [-k KILLS] LOG...\n");
	return 2;
}
