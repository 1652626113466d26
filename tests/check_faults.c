/* check_faults.c - power loss and I/O errors, through tests/faultvfs.c.
 *
 * A scripted session (a map made, stages, touchpoints, owners, a gap, a
 * silo, renames, moves, deletes, undo and redo, a template imported)
 * runs through the store and core/edit with the faultvfs as SQLite's
 * VFS.  Power loss: before every sync, and after every acknowledged step,
 * the faultvfs writes out what the disk would hold (clean, and torn); each
 * image must open with the real VFS, pass integrity_check and hold every
 * step acknowledged so far (an image taken while a new file was being
 * made may have none yet; once its opening is acknowledged, it must) (and, for a step in progress, all of it or
 * nothing of it).  I/O errors: the nth read, write, sync or truncation
 * fails, for every n the session reaches; the person must get the I/O
 * message, the map must be as before the step, the step must work when
 * tried again, and the file at the end must be what an undisturbed
 * session leaves.  The migrations from schema versions 1 and 2 go through
 * both.  A self-test checks that the faultvfs does lose what was not
 * synced. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/edit.h"
#include "faultvfs.h"
#include "io/import_json.h"
#include "io/import_store.h"
#include "io/templates.h"
#include "testutil.h"
#include "util/buf.h"

#define FILE_NAME "journey.cxmap"
/* I/O error runs per kind of operation at most (evenly spread over the
 * operations a session makes; syncs are all tried), so the suite stays
 * bounded. */
#define MAX_RUNS 30

/* ------------------------------------------------------------------ */
/* the file as a person sees it */

/* One read for a dump or a reload: an injected error must say I/O, and
 * the second try must work. */
#define READ_RETRY(expr) do { \
	enum store_status rs_ = (expr); \
	if (rs_ != STORE_OK && fv_injected() > 0 && rs_ == STORE_IO) \
		rs_ = (expr); \
	ck_assert_msg(rs_ == STORE_OK, "%s: %s", #expr, \
		      store_status_message(rs_)); \
} while (0)

static void dump_map(struct buf *b, const struct model_map *m)
{
	buf_addf(b, "map %lld %s|%s|%s|%s r%lld\n", (long long)m->id,
		 m->name, m->persona, m->scenario, m->promise,
		 (long long)m->rev);
	for (size_t i = 0; i < m->ndepartments; i++) {
		const struct model_department *d = &m->departments[i];
		buf_addf(b, " dept %lld %s|%s|%d\n", (long long)d->id, d->name,
			 d->label, d->colour);
	}
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		buf_addf(b, " stage %lld %s|%s r%lld\n", (long long)sg->id,
			 sg->name, sg->description, (long long)sg->rev);
		for (size_t j = 0; j < sg->ntouchpoints; j++) {
			const struct model_touchpoint *t = &sg->touchpoints[j];
			buf_addf(b, "  tp %lld %s|%s|%s|%d%d|%d|o%lld r%lld c",
				 (long long)t->id, t->name, t->channel,
				 t->notes, t->has_emotion, t->emotion,
				 t->moment,
				 (long long)t->owner_id, (long long)t->rev);
			for (size_t c = 0; c < t->ncontributors; c++)
				buf_addf(b, "%lld,",
					 (long long)t->contributors[c]);
			buf_addc(b, '\n');
		}
	}
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		buf_addf(b, " gap %lld %lld/%lld %s|%d|%d\n", (long long)g->id,
			 (long long)g->stage_id, (long long)g->touchpoint_id,
			 g->description, g->severity, g->status);
	}
	for (size_t i = 0; i < m->nsilos; i++) {
		const struct model_silo *o = &m->silos[i];
		buf_addf(b, " silo %lld %lld-%lld/%lld %s|%d\n",
			 (long long)o->id, (long long)o->dept_a,
			 (long long)o->dept_b, (long long)o->touchpoint_id,
			 o->description, o->status);
	}
}

static void dump_history(struct buf *b, struct store *s, int64_t map)
{
	struct store_change *h = NULL;
	size_t n = 0;
	READ_RETRY(store_history_list(s, map, 0, &h, &n));
	for (size_t i = 0; i < n; i++)
		buf_addf(b, " change %lld %s %d %d %lld %lld %s|%s|%s\n",
			 (long long)h[i].id, h[i].user, h[i].action,
			 h[i].kind, (long long)h[i].item_id,
			 (long long)h[i].map_id, h[i].field, h[i].name,
			 h[i].value);
	store_history_free(h, n);
}

/* Everything in the file a person could see, times left out (a run
 * that retried a step is compared with one that did not). */
static char *dump(struct store *s)
{
	struct buf b = { 0 };
	buf_add(&b, "");
	struct store_map_info *maps = NULL;
	size_t n = 0;
	READ_RETRY(store_map_list(s, &maps, &n));
	for (size_t i = 0; i < n; i++) {
		struct model_map *m = NULL;
		READ_RETRY(store_map_load(s, maps[i].id, &m));
		dump_map(&b, m);
		model_map_free(m);
		dump_history(&b, s, maps[i].id);
	}
	store_map_info_free(maps, n);
	return buf_take(&b);
}

/* With plain SQLite over the real VFS: integrity_check says ok; the
 * schema version. */
static int64_t check_integrity(const char *path)
{
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE,
					 "unix"), SQLITE_OK);
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1,
					    &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	ck_assert_msg(strcmp((const char *)sqlite3_column_text(stmt, 0),
			     "ok") == 0, "%s: integrity_check: %s", path,
		      sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA user_version", -1,
					    &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	int64_t version = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	return version;
}

/* Opens a file as cxmap does, with the real VFS, after an integrity
 * check, and dumps it.  *version (optional): the schema version found. */
static char *reopen_dump(const char *path, int64_t *version)
{
	fv_use(false);
	int64_t v = check_integrity(path);
	if (version)
		*version = v;
	struct store *s = NULL;
	enum store_status st = store_open(path, STORE_OPEN_NOCREATE, &s);
	ck_assert_msg(st == STORE_OK, "%s after a crash: %s (%s)", path,
		      store_status_message(st), s ? store_last_error(s) : "");
	char *d = dump(s);
	store_close(s);
	fv_use(true);
	return d;
}

static void assert_dump(const char *got, const char *want, const char *want2,
			const char *what)
{
	if (strcmp(got, want) == 0 || (want2 && strcmp(got, want2) == 0))
		return;
	fprintf(stderr, "%s: got\n%s\n--- wanted\n%s\n", what, got, want);
	if (want2)
		fprintf(stderr, "--- or\n%s\n", want2);
	ck_abort_msg("%s: the file is not as acknowledged (dumps above)",
		     what);
}

/* ------------------------------------------------------------------ */
/* power-loss images */

static char img_root[512];
static int img_next, img_done;

/* A new file is made under a temporary name and published (linked into
 * place) once whole: until then a crash leaves no file at all, which is
 * as good as an empty one -- nothing was acknowledged.  Once published
 * (its opening acknowledged), the file must be there. */
static bool may_lack;

/* The image of the file at path, opened as cxmap does. */
static char *image_dump(const char *path, const char *what)
{
	if (!tu_exists(path)) {
		ck_assert_msg(may_lack, "%s: the file is gone", what);
		return strdup("");
	}
	return reopen_dump(path, NULL);
}

/* The image and whatever else it holds (a temporary name). */
static void rm_image(const char *dir)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	struct dirent *e;
	char p[1000];
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		ck_assert_int_eq(unlink(p), 0);
	}
	closedir(d);
	ck_assert_int_eq(rmdir(dir), 0);
}

/* The sync hook, and "a power loss now": both images, clean and torn. */
static void snap(void *arg)
{
	(void)arg;
	char d[600];
	for (int torn = 0; torn < 2; torn++) {
		snprintf(d, sizeof d, "%s/%d%c", img_root, img_next,
			 torn ? 't' : 'c');
		if (mkdir(d, 0700) != 0)
			abort();
		fv_image(d, torn, (unsigned)img_next);
	}
	img_next++;
}

/* Every image taken since the last call must hold `want` or `want2`. */
static void check_images(const char *want, const char *want2,
			 const char *what)
{
	char d[600], p[700], label[200];
	for (; img_done < img_next; img_done++) {
		for (int torn = 0; torn < 2; torn++) {
			snprintf(d, sizeof d, "%s/%d%c", img_root, img_done,
				 torn ? 't' : 'c');
			snprintf(p, sizeof p, "%s/" FILE_NAME, d);
			snprintf(label, sizeof label, "%s, image %d%s", what,
				 img_done, torn ? " (torn)" : "");
			char *got = image_dump(p, label);
			assert_dump(got, want, want2, label);
			free(got);
			rm_image(d);
		}
	}
}

/* ------------------------------------------------------------------ */
/* the scripted session */

struct run {
	const char *path;
	bool crash;		/* take and check power-loss images */
	bool persist;		/* the disk fails until the person tries again */
	enum fv_op op;		/* the kind of operation that fails */
	struct store *s;
	struct edit *e;
	struct model_map *m;
	struct model_map *demo;	/* the template, parsed once */
	int64_t map, st[3], tp[4], dept[2], gap, silo, imported;
	char *done;		/* dump after the last acknowledged step */
	/* an undisturbed session's dumps: [0] after opening, [k + 1] after
	 * step k; recorded by one, compared with by the others, which then
	 * need not dump after every step */
	char **trail;
	bool record;
};

#define NSTEPS 26

static enum store_status step(struct run *r, int k)
{
	static char notes[3000];
	if (!notes[0])
		memset(notes, 'n', sizeof notes - 1);
	struct edit *e = r->e;
	const struct model_map *m = r->m;
	switch (k) {
	case 0: return store_map_create(r->s, "Onboarding", &r->map);
	case 1: return edit_stage_add(e, m, 0, "Discover", &r->st[0]);
	case 2: return edit_stage_add(e, m, 1, "Sign up", &r->st[1]);
	case 3: return edit_stage_add(e, m, 2, "Use", &r->st[2]);
	case 4: return edit_tp_add(e, m, r->st[0], 0, "Advert", &r->tp[0]);
	case 5: return edit_tp_add(e, m, r->st[0], 1, "Web site", &r->tp[1]);
	case 6: return edit_tp_add(e, m, r->st[1], 0, "Form", &r->tp[2]);
	case 7: return edit_tp_add(e, m, r->st[2], 0, "Welcome", &r->tp[3]);
	case 8: return edit_dept_find_or_create(e, "Marketing", &r->dept[0]);
	case 9: return edit_dept_find_or_create(e, "Support", &r->dept[1]);
	case 10: return edit_tp_set_owner(e, m, r->tp[0], r->dept[0]);
	case 11: return edit_tp_set_contributor(e, m, r->tp[2], r->dept[1],
						true);
	case 12: return edit_tp_set_emotion(e, m, r->tp[2], true, -2);
	case 13: return edit_tp_set(e, m, r->tp[1], STORE_TP_NOTES, notes);
	case 14: return edit_gap_add(e, m, r->st[1], 0, "Nobody answers",
				     MODEL_SEV_HIGH, &r->gap);
	case 15: return edit_silo_add(e, m, r->dept[0], r->dept[1], r->tp[2],
				      "Two lists", &r->silo);
	case 16: return edit_stage_set(e, m, r->st[1], STORE_STAGE_NAME,
				       "Register");
	case 17: return edit_tp_move(e, m, r->tp[3], r->st[0], 0);
	case 18: return edit_tp_delete(e, m, r->tp[1]);
	case 19: return edit_undo(e);
	case 20: return edit_stage_delete(e, m, r->st[2]);
	case 21: return edit_undo(e);
	case 22: return edit_redo(e);
	case 23: return edit_map_set(e, m, STORE_MAP_PERSONA, "Ana, 34");
	case 24: return import_store_map(r->s, r->demo, "Demo", &r->imported);
	case 25: return edit_gap_set_status(e, m, r->gap, MODEL_RESOLVED);
	default: return STORE_INVALID;
	}
}

static void reload(struct run *r)
{
	model_map_free(r->m);
	r->m = NULL;
	if (r->map)
		READ_RETRY(store_map_load(r->s, r->map, &r->m));
}

/* An error the faultvfs injected must reach the person as an I/O
 * message. */
static void assert_io(enum store_status st, const char *what, int k)
{
	ck_assert_msg(fv_injected() > 0, "%s %d failed with no fault: %s",
		      what, k, store_status_message(st));
	ck_assert_msg(st == STORE_IO || st == STORE_IOUNSURE,
		      "%s %d: an I/O error was reported as \"%s\"", what, k,
		      store_status_message(st));
}

static void copy_file(const char *from, const char *to)
{
	if (!tu_exists(from))
		return;
	size_t len;
	char *data = tu_read_file(from, &len);
	tu_write_file(to, data, len);
	free(data);
}

/* The process killed now: a copy of the files as they are (-shm aside). */
static void killed_image(struct run *r)
{
	char d[600], from[700], to[700];
	snprintf(d, sizeof d, "%s/killed", img_root);
	ck_assert_int_eq(mkdir(d, 0700), 0);
	snprintf(to, sizeof to, "%s/" FILE_NAME, d);
	copy_file(r->path, to);
	snprintf(from, sizeof from, "%s-wal", r->path);
	snprintf(to, sizeof to, "%s/" FILE_NAME "-wal", d);
	copy_file(from, to);
}

static void check_killed(const char *want, const char *want2,
			 const char *what)
{
	char d[600], p[700], label[120];
	snprintf(d, sizeof d, "%s/killed", img_root);
	snprintf(p, sizeof p, "%s/" FILE_NAME, d);
	snprintf(label, sizeof label, "%s, then killed", what);
	char *got = image_dump(p, label);
	assert_dump(got, want, want2, label);
	free(got);
	rm_image(d);
}

static void run_open(struct run *r)
{
	enum store_status st = store_open(r->path, 0, &r->s);
	if (st != STORE_OK) {
		assert_io(st, "opening", 0);
		if (r->persist) {
			st = store_open(r->path, 0, &r->s);
			assert_io(st, "opening, still failing,", 0);
			fv_fail(r->op, 0, false);
		}
		/* the file opens, whole, elsewhere (migrated or not) */
		if (r->trail && !r->record) {
			killed_image(r);
			check_killed(r->trail[0], NULL, "opening failed");
		}
		st = store_open(r->path, 0, &r->s);
	}
	ck_assert_msg(st == STORE_OK, "opening again: %s",
		      store_status_message(st));
	may_lack = false;
	r->e = edit_new(r->s);
	reload(r);
	free(r->done);
	r->done = NULL;
	if (!r->trail || r->record)
		r->done = dump(r->s);
	if (r->record)
		r->trail[0] = strdup(r->done);
}

static void run_close(struct run *r)
{
	model_map_free(r->m);
	r->m = NULL;
	edit_free(r->e);
	store_close(r->s);
	r->s = NULL;
}

/* A step refused by an injected error: the person was told; the map is
 * as before (also for a process killed now, unless the message said that
 * could not be known); the disk heals and the step works when tried
 * again. */
/* The file as it was before step k. */
static const char *run_before(const struct run *r, int k)
{
	return r->trail && !r->record ? r->trail[k] : r->done;
}

static void step_failed(struct run *r, int k, enum store_status st,
			int64_t map)
{
	char what[64];
	snprintf(what, sizeof what, "step %d failed", k);
	assert_io(st, "step", k);
	/* the disk works again at once: the edit was surely not kept */
	if (!r->persist)
		ck_assert_int_eq(st, STORE_IO);
	r->map = map;	/* an id may come back with a failure */
	bool unsure = st == STORE_IOUNSURE;
	if (r->persist) {
		st = step(r, k);
		assert_io(st, "step, still failing,", k);
		r->map = map;
		unsure |= st == STORE_IOUNSURE;
		fv_fail(r->op, 0, false);
	}
	reload(r);
	char *now = dump(r->s);
	assert_dump(now, run_before(r, k), NULL, what);
	free(now);
	killed_image(r);
	if (!unsure)
		check_killed(run_before(r, k), NULL, what);
	st = step(r, k);
	ck_assert_msg(st == STORE_OK, "step %d again: %s", k,
		      store_status_message(st));
	if (unsure) {
		reload(r);
		now = dump(r->s);
		check_killed(run_before(r, k), now, what);
		free(now);
	}
}

static void run_steps(struct run *r, int from, int to)
{
	char what[64];
	for (int k = from; k < to; k++) {
		int64_t map = r->map;
		enum store_status st = step(r, k);
		if (st != STORE_OK)
			step_failed(r, k, st, map);
		reload(r);
		if (r->trail && !r->record)
			continue;
		char *before = r->done;
		r->done = dump(r->s);
		if (r->record)
			r->trail[k + 1] = strdup(r->done);
		if (r->crash) {
			snprintf(what, sizeof what, "during step %d", k);
			check_images(before, r->done, what);
			snap(NULL);
			snprintf(what, sizeof what, "after step %d", k);
			check_images(r->done, NULL, what);
		}
		free(before);
	}
}

static struct model_map *load_demo(void)
{
	const char *d = getenv("CXMAP_DATADIR");
	ck_assert_msg(d != NULL, "run through make check (CXMAP_DATADIR)");
	char dir[600], *err = NULL;
	snprintf(dir, sizeof dir, "%s/templates", d);
	struct model_map *m = templates_load(dir, "demo", "en", &err);
	ck_assert_msg(m != NULL, "demo template: %s", err);
	return m;
}

/* A fresh folder with the file (a copy of `base`, or none) and the
 * faultvfs watching it. */
static struct run run_new(const char *base, bool crash)
{
	static char path[600];
	static int serial;
	char dir[560];
	snprintf(dir, sizeof dir, "%s/live%d", tu_dir(), serial++);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/" FILE_NAME, dir);
	if (base) {
		size_t len;
		char *data = tu_read_file(base, &len);
		tu_write_file(path, data, len);
		free(data);
	}
	snprintf(img_root, sizeof img_root, "%s", tu_dir());
	fv_use(true);
	fv_watch(dir);
	may_lack = base == NULL;
	struct run r = { .path = path, .crash = crash, .demo = load_demo() };
	if (crash)
		fv_on_sync(snap, NULL);
	return r;
}

static void run_free(struct run *r)
{
	if (r->s)
		run_close(r);
	model_map_free(r->demo);
	free(r->done);
	fv_watch(NULL);
	fv_use(false);
}

/* ------------------------------------------------------------------ */
/* power loss */

/* The whole session with an image before every sync and after every
 * step; `base` is where it starts (NULL: a new file). */
static void crash_session(const char *base, const char *start, int steps)
{
	struct run r = run_new(base, true);
	img_next = img_done = 0;
	run_open(&r);
	/* taken while opening: a new file was not published yet */
	may_lack = base == NULL;
	check_images(start, NULL, "opening");
	may_lack = false;
	assert_dump(r.done, start, NULL, "opened");
	snap(NULL);
	check_images(start, NULL, "after opening");
	run_steps(&r, 0, steps);
	char *done = r.done;
	r.done = NULL;
	run_close(&r);
	check_images(done, NULL, "closing");
	snap(NULL);
	check_images(done, NULL, "after closing");
	char *again = reopen_dump(r.path, NULL);
	assert_dump(again, done, NULL, "reopened");
	ck_assert_int_gt(img_next, steps);
	free(again);
	free(done);
	run_free(&r);
}

START_TEST(test_power_loss_session)
{
	crash_session(NULL, "", NSTEPS);
}
END_TEST

/* A file of an older schema, from its SQL, and what it holds once
 * migrated (opened with the real VFS, on a copy). */
static char *legacy_file(const char *sql_name, char **migrated)
{
	static char path[600];
	snprintf(path, sizeof path, "%s/%s.db", tu_dir(), sql_name);
	char sqlpath[600];
	snprintf(sqlpath, sizeof sqlpath, "%s/%s.sql", TESTDATA, sql_name);
	char *sql = tu_read_file(sqlpath, NULL);
	fv_use(false);
	tu_sql_exec(path, sql);
	free(sql);
	char copy[620];
	snprintf(copy, sizeof copy, "%s.copy", path);
	size_t len;
	char *data = tu_read_file(path, &len);
	tu_write_file(copy, data, len);
	free(data);
	*migrated = reopen_dump(copy, NULL);
	return path;
}

START_TEST(test_power_loss_migration)
{
	/* the migration is all or nothing: every image opens (migrating
	 * again when it must) to the same maps; then a few edits */
	const char *const versions[] = { "schema-v1", "schema-v2" };
	for (size_t i = 0; i < 2; i++) {
		char *migrated;
		const char *path = legacy_file(versions[i], &migrated);
		crash_session(path, migrated, 6);
		free(migrated);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* I/O errors */

/* A session with nothing injected: what it leaves, its dumps after every
 * step, and how many operations of each kind it makes. */
static char *clean_session(const char *base, int steps, long counts[FV_NOPS],
			   char **trail)
{
	struct run r = run_new(base, false);
	r.trail = trail;
	r.record = true;
	run_open(&r);
	run_steps(&r, 0, steps);
	run_close(&r);
	for (int op = 0; op < FV_NOPS; op++)
		counts[op] = fv_count(op);
	char *d = reopen_dump(r.path, NULL);
	run_free(&r);
	return d;
}

/* The session again with the nth operation of kind op failing once, or
 * (persist) every operation of the kind from the nth on, until the
 * person has seen a step fail twice. */
static void error_session(const char *base, int steps, enum fv_op op,
			  long n, bool persist, char **trail)
{
	const char *want = trail[steps];
	struct run r = run_new(base, false);
	r.trail = trail;
	r.persist = persist;
	r.op = op;
	fv_fail(op, n, persist);
	run_open(&r);
	run_steps(&r, 0, steps);
	run_close(&r);
	if (!persist)
		ck_assert_int_le(fv_injected(), 1);
	char *got = reopen_dump(r.path, NULL);
	char what[80];
	snprintf(what, sizeof what, "error on operation %d #%ld", op, n);
	assert_dump(got, want, NULL, what);
	free(got);
	run_free(&r);
}

static void error_sessions(const char *base, int steps, long max_runs)
{
	long counts[FV_NOPS];
	char *trail[NSTEPS + 1] = { 0 };
	char *want = clean_session(base, steps, counts, trail);
	assert_dump(trail[steps], want, NULL, "an undisturbed session");
	for (int op = 0; op < FV_NOPS; op++) {
		/* every sync: each is the moment a commit becomes durable */
		long every = op == FV_SYNC ? 1 : counts[op] / max_runs + 1;
		for (long n = 1; n <= counts[op]; n += every)
			error_session(base, steps, op, n, false, trail);
	}
	/* a disk that keeps failing for a while: writes, syncs */
	for (int op = FV_WRITE; op <= FV_SYNC; op++) {
		long every = counts[op] / (max_runs / 5) + 1;
		for (long n = 1; n <= counts[op]; n += every)
			error_session(base, steps, op, n, true, trail);
	}
	for (int k = 0; k <= steps; k++)
		free(trail[k]);
	free(want);
}

START_TEST(test_io_errors_session)
{
	error_sessions(NULL, NSTEPS, MAX_RUNS);
}
END_TEST

START_TEST(test_io_errors_migration)
{
	const char *const versions[] = { "schema-v1", "schema-v2" };
	for (size_t i = 0; i < 2; i++) {
		char *migrated;
		const char *path = legacy_file(versions[i], &migrated);
		error_sessions(path, 3, MAX_RUNS / 2);
		free(migrated);
	}
}
END_TEST

/* The faultvfs itself: a commit SQLite did not sync is gone after a
 * power loss, a synced one stays (else the tests above prove nothing). */
static int64_t image_rows(void)
{
	char d[600], p[700];
	snprintf(d, sizeof d, "%s/self", img_root);
	ck_assert_int_eq(mkdir(d, 0700), 0);
	fv_image(d, false, 0);
	snprintf(p, sizeof p, "%s/" FILE_NAME, d);
	fv_use(false);
	int64_t n = tu_exists(p) ? tu_sql_int(p, "SELECT count(*) FROM"
					" sqlite_master WHERE name = 't'")
			: 0;
	if (n == 1)
		n = tu_sql_int(p, "SELECT count(*) FROM t") + 1;
	fv_use(true);
	rm_image(d);
	return n;	/* 0: no table; else 1 + its rows */
}

START_TEST(test_faultvfs_drops_unsynced)
{
	struct run r = run_new(NULL, false);
	/* made first, as the store does: SQLite never syncs the folder of
	 * a new database file, so the faultvfs would let it vanish */
	tu_write_file(r.path, "", 0);
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open_v2(r.path, &db, SQLITE_OPEN_READWRITE |
					 SQLITE_OPEN_CREATE, "faultvfs"),
			 SQLITE_OK);
	const char *sql[] = {
		("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
		 " CREATE TABLE t (x)"),
		"PRAGMA synchronous = NORMAL; INSERT INTO t VALUES (1)",
		"PRAGMA synchronous = FULL; INSERT INTO t VALUES (2)",
	};
	const int64_t want[] = { 1, 1, 3 };
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(sqlite3_exec(db, sql[i], NULL, NULL, NULL),
				 SQLITE_OK);
		ck_assert_int_eq(image_rows(), want[i]);
	}
	sqlite3_close(db);
	run_free(&r);
}
END_TEST

static void teardown(void)
{
	tu_cleanup();
}

static Suite *faults_suite(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = tcase_create("power loss");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_faultvfs_drops_unsynced);
	tcase_add_test(tc, test_power_loss_session);
	tcase_add_test(tc, test_power_loss_migration);
	suite_add_tcase(s, tc);
	tc = tcase_create("I/O errors");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_io_errors_session);
	tcase_add_test(tc, test_io_errors_migration);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(faults_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
