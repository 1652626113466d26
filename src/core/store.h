/* store.h - the map file: the only module that speaks SQL.
 *
 * Every public operation is one transaction (unless the caller groups
 * several with store_begin/store_commit), so an edit is on disk the moment
 * the call returns STORE_OK. */
#ifndef CX_STORE_H
#define CX_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/plan.h"

/* One list of status codes; their messages are generated from it. */
#define STORE_STATUS_LIST(X) \
	X(OK, "ok") \
	X(NOTFOUND, N_("no such file")) \
	X(NODIR, N_("its folder does not exist")) \
	X(NOACCESS, N_("permission denied")) \
	X(NOTSQLITE, N_("not a cxmap file (not an SQLite database)")) \
	X(EMPTY, N_("an empty file, with no maps yet")) \
	X(CORRUPT, N_("the file is damaged, and cxmap writes nothing more to it; 'cxmap check FILE' says what is wrong")) \
	X(FOREIGN, N_("an SQLite database of another program, not a cxmap file")) \
	X(NEWER, N_("written by a newer cxmap; upgrade cxmap to open it")) \
	X(OLDREADONLY, N_("written by an older cxmap and read-only here, so it cannot be upgraded")) \
	X(READONLY, N_("the file is read-only")) \
	X(BUSY, N_("the file stayed locked by another process; nothing was changed")) \
	X(FULL, N_("the disk is full; nothing was changed")) \
	X(IO, N_("input/output error; nothing was changed")) \
	X(IOUNSURE, N_("input/output error while saving; the change may or may not have been kept: look again once the disk works")) \
	X(EXISTS, N_("that name is already taken")) \
	X(MISSING, N_("the item no longer exists")) \
	X(INUSE, N_("the department is still in use")) \
	X(CONFLICT, N_("someone else changed it meanwhile; nothing was changed")) \
	X(INVALID, N_("invalid value")) \
	X(TOOLONG, N_("too long: a name takes at most 1,024 bytes, a text 65,536")) \
	X(BADVALUE, N_("the file holds a value cxmap cannot use")) \
	X(SCHEMA, N_("the file's tables do not match its schema version")) \
	X(GONE, N_("the file was deleted or replaced by another program")) \
	X(DIRREADONLY, N_("its folder cannot be written, and cxmap must create FILE-wal and FILE-shm there to change the file")) \
	X(FAILED, N_("the database reported an error"))

#define STORE_STATUS_ENUM(name, msg) STORE_##name,
enum store_status { STORE_STATUS_LIST(STORE_STATUS_ENUM) };
#undef STORE_STATUS_ENUM

/* The longest name (of a map, stage, touchpoint, department or label) and
 * the longest other text, in bytes: what the JSON import takes too. */
#define STORE_NAME_MAX 1024
#define STORE_TEXT_MAX 65536

/* The schema version this program writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 5
/* PRAGMA application_id of a cxmap file: "CXMP". */
#define STORE_APPLICATION_ID 0x43584d50

enum store_open_flags {
	STORE_OPEN_READONLY = 1 << 0,	/* never write, even if allowed */
	STORE_OPEN_NOCREATE = 1 << 1,	/* a missing file is an error */
	STORE_OPEN_PRIVATE = 1 << 2,	/* a new file is 0600, not umask's */
};

struct store;

/* A translated message for a status code. */
const char *store_status_message(enum store_status st);

/* Opens (or creates, honouring the umask) a map file.  A file that is not a
 * cxmap file, or cannot be opened, is left byte-for-byte as it was. */
enum store_status store_open(const char *path, unsigned flags,
			     struct store **out);
void store_close(struct store *s);
/* A new file for path, made whole before anyone can see it: the store
 * works on a temporary file next to path; store_publish then gives it
 * the name path (and closes the store), or returns STORE_EXISTS when a
 * file of that name appeared meanwhile -- which is never replaced.
 * store_close without publishing removes the temporary file, so a
 * failure leaves nothing behind.  store_open creates files this way. */
enum store_status store_open_new(const char *path, unsigned flags,
				 struct store **out);
enum store_status store_publish(struct store *s);
bool store_readonly(const struct store *s);
const char *store_path(const struct store *s);
/* How many SQL statements this store has prepared: tests use it to check
 * that drawing and moving read nothing from the file. */
uint64_t store_statements(const struct store *s);
/* SQLite's own words about the last failure, for diagnostics. */
const char *store_last_error(const struct store *s);
/* For a person, what goes with the last STORE_BADVALUE: the row and the
 * value ("gap 3: severity is 100000000, not 0 to 2"); "" otherwise. */
const char *store_why(const struct store *s);

/* Waiting for another process's lock: each store waits at most about
 * ten seconds in all (then STORE_BUSY).  From the first second on it
 * calls fn: `who` is "in use by alice, bob" (the other cxmap sessions
 * the file lists) or "held by another program" on the first call, NULL
 * on later ones (made every few milliseconds while it waits, so that an
 * interface can look for a key); `left` is the seconds still to wait.
 * fn returns false to stop waiting.  With s NULL: for the stores opened
 * from now on (so that opening a busy file says so too). */
typedef bool store_busy_fn(void *arg, const char *who, int left);
void store_set_busy(struct store *s, store_busy_fn *fn, void *arg);

/* Groups several operations into one transaction (used by import and
 * undo).  Nested calls only count; the outermost commit writes. */
enum store_status store_begin(struct store *s);
enum store_status store_commit(struct store *s);
void store_rollback(struct store *s);

/* --- maps --- */
struct store_map_info {
	int64_t id;
	char *name;
	size_t nstages, ntouchpoints, nunowned;
	size_t ngaps_open, ngaps, nsilos_open, nsilos;
	int64_t version;	/* for store_map_delete */
	int64_t rev;	/* the map row's own, for store_map_set */
};
enum store_map_field { STORE_MAP_NAME, STORE_MAP_PERSONA, STORE_MAP_SCENARIO,
		       STORE_MAP_PROMISE, STORE_MAP_OWNER, STORE_MAP_CX_LEAD,
		       STORE_MAP_SUCCESS };

/* Every map, by name in the locale's order (LC_COLLATE). */
enum store_status store_map_list(struct store *s, struct store_map_info **out,
				 size_t *n);
void store_map_info_free(struct store_map_info *v, size_t n);
/* The same maps with only id, name and rev filled (the counts and version
 * 0): cheap, for picking a map by name or opening the first. */
enum store_status store_map_names(struct store *s,
				  struct store_map_info **out, size_t *n);
enum store_status store_map_find(struct store *s, const char *name,
				 int64_t *id);
enum store_status store_map_create(struct store *s, const char *name,
				   int64_t *id);
enum store_status store_map_set(struct store *s, int64_t id, int64_t rev,
				enum store_map_field f, const char *value);
enum store_status store_map_delete(struct store *s, int64_t id,
				   int64_t version);
/* A model written as a new map named `name` (NULL: the model's), in one
 * change with one history entry: its stages, touchpoints, contributors,
 * gaps, silos, metrics, voices, actions and decisions, every reference
 * among them (the model's ids) made to name the new rows.  depts[i] is the
 * file's id for m->departments[i] (import_store_map finds or creates
 * them).  Texts are checked as the item-by-item calls check them; a
 * decision whose subject is not in the model is left out.  A touchpoint
 * with metric_name/metric_value texts (a version 1 document) and no metric
 * in m->metrics gets one, by the schema 4 -> 5 rule. */
enum store_status store_map_insert(struct store *s, const struct model_map *m,
				   const char *name, const int64_t *depts,
				   int64_t *map_id);
/* A copy of a whole map under a new name, as store_map_insert writes a
 * loaded one: everything, references remapped (departments are shared). */
enum store_status store_map_copy(struct store *s, int64_t id,
				 const char *name, int64_t *new_id);
/* Loads a whole map, read in one snapshot. */
enum store_status store_map_load(struct store *s, int64_t id,
				 struct model_map **out);

/* --- stages: positions are 0-based, dense and unique within a map --- */
enum store_stage_field { STORE_STAGE_NAME, STORE_STAGE_DESCRIPTION };

/* pos beyond the end appends. */
enum store_status store_stage_add(struct store *s, int64_t map_id, size_t pos,
				  const char *name, int64_t *id);
enum store_status store_stage_set(struct store *s, int64_t id, int64_t rev,
				  enum store_stage_field f, const char *value);
enum store_status store_stage_move(struct store *s, int64_t id, int64_t rev,
				   size_t pos);
enum store_status store_stage_delete(struct store *s, int64_t id,
				     int64_t version);

/* --- touchpoints: positions dense and unique within a stage --- */
enum store_tp_field { STORE_TP_NAME, STORE_TP_CHANNEL, STORE_TP_NOTES,
		      STORE_TP_METRIC_NAME, STORE_TP_METRIC_VALUE };

enum store_status store_tp_add(struct store *s, int64_t stage_id, size_t pos,
			       const char *name, int64_t *id);
enum store_status store_tp_set(struct store *s, int64_t id, int64_t rev,
			       enum store_tp_field f, const char *value);
enum store_status store_tp_set_emotion(struct store *s, int64_t id, int64_t rev,
				       bool has_emotion, int emotion);
/* dept_id 0 leaves the touchpoint without an owner. */
enum store_status store_tp_set_owner(struct store *s, int64_t id, int64_t rev,
				     int64_t dept_id);
enum store_status store_tp_add_contributor(struct store *s, int64_t id,
					   int64_t dept_id);
enum store_status store_tp_remove_contributor(struct store *s, int64_t id,
					      int64_t dept_id);
/* Marks or unmarks a moment of truth (checked against rev). */
enum store_status store_tp_set_moment(struct store *s, int64_t id, int64_t rev,
				      bool moment);
/* Moves to position pos of stage stage_id (the same or another stage of
 * the same map). */
enum store_status store_tp_move(struct store *s, int64_t id, int64_t rev,
				int64_t stage_id, size_t pos);
enum store_status store_tp_delete(struct store *s, int64_t id, int64_t version);

/* --- departments: shared by every map in the file, names unique --- */
enum store_status store_dept_create(struct store *s, const char *name,
				    int64_t *id);
/* By exact name (import: a document's "Sales" and "sales" are two). */
enum store_status store_dept_find_exact(struct store *s, const char *name,
					int64_t *id);
/* By name, ignoring the case of ASCII letters when no name is exact (what
 * a person typing means). */
enum store_status store_dept_find(struct store *s, const char *name,
				  int64_t *id);
/* Reads one department; the caller frees its name and label. */
enum store_status store_dept_get(struct store *s, int64_t id,
				 struct model_department *out);
enum store_status store_dept_rename(struct store *s, int64_t id,
				    const char *name);
enum store_status store_dept_set_label(struct store *s, int64_t id,
				       const char *label);
enum store_status store_dept_set_colour(struct store *s, int64_t id,
					int colour);
/* How many touchpoints, contributions, silos and actions (as their
 * owner) use the department. */
enum store_status store_dept_usage(struct store *s, int64_t id, size_t *n);
/* Refuses with STORE_INUSE while anything uses the department. */
enum store_status store_dept_delete(struct store *s, int64_t id);

/* --- recorded gaps and silos --- */
/* A gap belongs to a map and, optionally, to one stage or one touchpoint
 * of it (at most one of stage_id and touchpoint_id is non-zero). */
enum store_status store_gap_add(struct store *s, int64_t map_id,
				int64_t stage_id, int64_t touchpoint_id,
				const char *description,
				enum model_severity severity, int64_t *id);
enum store_status store_gap_set_description(struct store *s, int64_t id,
					    const char *description);
enum store_status store_gap_set_severity(struct store *s, int64_t id,
					 enum model_severity severity);
enum store_status store_gap_set_status(struct store *s, int64_t id,
				       enum model_status status);
enum store_status store_gap_delete(struct store *s, int64_t id);
/* When a gap or silo was recorded (seconds since the epoch, > 0); the
 * add functions use the current time, an import keeps the original. */
enum store_status store_gap_set_created(struct store *s, int64_t id,
					int64_t created);

enum store_status store_silo_add(struct store *s, int64_t map_id,
				 int64_t dept_a, int64_t dept_b,
				 int64_t touchpoint_id,
				 const char *description, int64_t *id);
enum store_status store_silo_set_description(struct store *s, int64_t id,
					     const char *description);
enum store_status store_silo_set_status(struct store *s, int64_t id,
					enum model_status status);
enum store_status store_silo_delete(struct store *s, int64_t id);
enum store_status store_silo_set_created(struct store *s, int64_t id,
					 int64_t created);

/* --- metrics, voices and actions: one path for the three (plan.h) ---
 * `item` points at a struct model_metric, model_voice or model_action.
 * add: a new item of map map_id with every field of the struct (its id
 * and rev ignored; an action's created 0 means now) under its parent: a
 * metric's touchpoint_id (0: the journey), a voice's `about`, an action's
 * `fixes`, which must be of that map (else STORE_INVALID), as must every
 * field's text (plan_check).  set: one field from its text (plan.h);
 * STORE_CONFLICT when the item's rev is no longer `rev` (someone else
 * changed it), STORE_INVALID when plan_check refuses the text.  delete:
 * STORE_CONFLICT likewise (rev < 0: not compared).  restore: a deleted
 * item back under its own id (undo): STORE_MISSING while its parent is
 * not back, STORE_EXISTS when it is already.  An item goes with the
 * touchpoint, stage, gap or silo it belongs to.  Texts are limited as
 * names (a metric's name and unit, an action's title and person:
 * STORE_NAME_MAX) or texts (the rest: STORE_TEXT_MAX), else STORE_TOOLONG;
 * an action's owner that does not exist is STORE_MISSING.  History: add
 * has the item's name (a voice's text) and, as value, the name of what it
 * hangs on ("" for the journey); a change the field's key (plan_field_key)
 * and the new text (an owner: the department's name). */
enum store_status store_item_add(struct store *s, enum plan_item k,
				 int64_t map_id, const void *item,
				 int64_t *id);
enum store_status store_item_set(struct store *s, enum plan_item k,
				 int64_t id, int64_t rev, int field,
				 const char *value);
enum store_status store_item_delete(struct store *s, enum plan_item k,
				    int64_t id, int64_t rev);
enum store_status store_item_restore(struct store *s, enum plan_item k,
				     int64_t map_id, const void *item);

/* --- decisions on findings ---
 * add: who "" and at 0 mean this session's login and now.  A map has at
 * most one decision per finding (kind and subjects): STORE_EXISTS.  Its
 * subjects must be of the map (STORE_INVALID).  A decision whose subject
 * is deleted stays in the file but is not loaded, and is back when undo
 * brings the subject back.  History: the finding's key as the name,
 * "accepted" or "dismissed" as the value. */
enum store_status store_decision_add(struct store *s, int64_t map_id,
				     const struct model_decision *d,
				     int64_t *id);
enum store_status store_decision_delete(struct store *s, int64_t id);
enum store_status store_decision_restore(struct store *s, int64_t map_id,
					 const struct model_decision *d);

/* --- bringing deleted items back under their own ids (undo, redo) ---
 * Ids are never reused (AUTOINCREMENT), so a deleted item's id is free
 * unless it was already restored (STORE_EXISTS).  A stage comes back with
 * its touchpoints and their contributors; gaps and silos separately. */
enum store_status store_stage_restore(struct store *s, int64_t map_id,
				      size_t pos, const struct model_stage *sg);
enum store_status store_tp_restore(struct store *s, int64_t stage_id,
				   size_t pos, const struct model_touchpoint *t);
enum store_status store_gap_restore(struct store *s, int64_t map_id,
				    const struct model_gap *g);
enum store_status store_silo_restore(struct store *s, int64_t map_id,
				     const struct model_silo *o);
enum store_status store_dept_restore(struct store *s,
				     const struct model_department *d);
/* A whole map as store_map_load gave it (departments are not touched:
 * they must still exist, else STORE_MISSING), in one change; STORE_EXISTS
 * when its name or id is taken. */
enum store_status store_map_restore(struct store *s,
				    const struct model_map *m);
/* --- sharing: several processes on one file ---
 *
 * Row versions.  Every write is one numbered change (its audit entry id,
 * growing through the whole file), and the map, stage or touchpoint it
 * changes takes that number as its `rev`.  An edit based on what a person
 * saw passes the `rev` it saw; when the row has changed since, the edit is
 * refused with STORE_CONFLICT and nothing is written.  STORE_REV_ANY skips
 * the check (an import, a fresh item nobody else has seen).
 *
 * Deletes compare a deeper version, because a delete takes everything
 * below: a touchpoint's version is its rev, a stage's the newest rev of the
 * stage and its touchpoints (model_stage_version), a map's the newest of
 * the map, its stages and touchpoints (model_map_version,
 * store_map_info.version).  So a stage that has gained or changed a card
 * since it was shown is not deleted.  Gaps, silos, departments and
 * contributors are not version-checked. */
#define STORE_REV_ANY (-1)

/* The id of the newest change this store committed (0: none yet): the
 * rev its edit gave the item, and the history entry that describes it. */
int64_t store_last_change(const struct store *s);
/* Inside a transaction: the id of the change written last (the rev the
 * item it touched now carries); 0 outside one. */
int64_t store_pending_change(const struct store *s);

/* Change detection for an idle interface, cheap enough for every input
 * timeout: *version changes only when another process has committed
 * something (presence heartbeats included).  Then store_map_stamp tells
 * whether the map itself must be reloaded: it is the id of the newest
 * change to the map or to a department.  Read-only stores notice writers
 * too (they reopen the file when it changes under them). */
enum store_status store_data_version(struct store *s, uint64_t *version);
enum store_status store_map_stamp(struct store *s, int64_t map_id,
				  int64_t *stamp);

/* Who writes: the login name of the effective user (getpwuid, else
 * $USER).  Recorded in the history and in presence.  store_set_user is for
 * tests and tools that act for someone else. */
const char *store_user(const struct store *s);
void store_set_user(struct store *s, const char *login);

/* Presence: who else has a map open.  A session joins a map, beats at
 * least every STORE_PRESENCE_BEAT seconds (store_presence_beat may be
 * called on every input timeout: it writes only when a beat is due), and
 * leaves (store_close leaves too).  Sessions whose last beat is older than
 * STORE_PRESENCE_TTL seconds -- a killed process, a dropped connection --
 * are no longer listed.  Writing presence never waits long for a lock:
 * when the file is busy the beat is skipped (STORE_BUSY) and retried.  A
 * read-only session cannot write, so it is not shown to others
 * (join returns STORE_READONLY) but still sees them. */
#define STORE_PRESENCE_BEAT 5
#define STORE_PRESENCE_TTL 15

struct store_presence {
	char *user;
	char *host;
	int64_t pid;
	int64_t map_id;
	int64_t since;		/* when the session joined the map */
	int64_t heartbeat;	/* its last beat */
};

enum store_status store_presence_join(struct store *s, int64_t map_id);
enum store_status store_presence_beat(struct store *s);
enum store_status store_presence_leave(struct store *s);
/* Other live sessions on map_id (not this one), by user name; a person
 * with two sessions is listed twice. */
enum store_status store_presence_list(struct store *s, int64_t map_id,
				      struct store_presence **out, size_t *n);
void store_presence_free(struct store_presence *v, size_t n);

/* History: every change, written in the transaction that makes it. */
#define STORE_KIND_LIST(X) \
	X(MAP, "map") X(STAGE, "stage") X(TOUCHPOINT, "touchpoint") \
	X(DEPARTMENT, "department") X(GAP, "gap") X(SILO, "silo") \
	X(METRIC, "metric") X(VOICE, "voice") X(ACTION, "action") \
	X(DECISION, "decision")
#define STORE_ACTION_LIST(X) \
	X(ADD, "add") X(CHANGE, "change") X(MOVE, "move") X(DELETE, "delete")

#define STORE_KIND_ENUM(name, key) STORE_KIND_##name,
enum store_kind { STORE_KIND_LIST(STORE_KIND_ENUM) };
#undef STORE_KIND_ENUM
#define STORE_ACTION_ENUM(name, key) STORE_ACTION_##name,
enum store_action { STORE_ACTION_LIST(STORE_ACTION_ENUM) };
#undef STORE_ACTION_ENUM

struct store_change {
	int64_t id;		/* grows with every change in the file */
	int64_t time;		/* seconds since the epoch */
	char *user;
	enum store_action action;
	enum store_kind kind;
	int64_t item_id;
	int64_t map_id;		/* 0: a department, shared by all maps */
	/* CHANGE: what changed -- a column ("name", "notes", "owner",
	 * "emotion", "severity", "status", "colour", ...) or
	 * "add_contributor" / "remove_contributor"; MOVE of a touchpoint
	 * within its stage: "position"; "" otherwise */
	char *field;
	/* the item's name (description for gaps and silos) before the
	 * change; a delete keeps the name it had */
	char *name;
	/* CHANGE: the new value, shortened (owner and contributors: the
	 * department's name; severity and status: their keys); MOVE: the
	 * new stage's name (touchpoint to another stage) or 0-based position
	 * (stage, touchpoint within its stage); DELETE
	 * of a stage: how many touchpoints went with it */
	char *value;
};

/* The map's history, newest first: its own changes and the departments'.
 * limit 0: all of it. */
enum store_status store_history_list(struct store *s, int64_t map_id,
				     size_t limit, struct store_change **out,
				     size_t *n);
/* What other users changed in the map after change `stamp` (for example
 * the stamp of this user's last visit), newest first. */
enum store_status store_history_since(struct store *s, int64_t map_id,
				      int64_t stamp, size_t limit,
				      struct store_change **out, size_t *n);
/* One change by id (a rev names the change that last touched a row). */
enum store_status store_history_get(struct store *s, int64_t id,
				    struct store_change **out);
/* The newest change to one item after change `after`, by anyone: of one
 * field (its key, as in struct store_change) or, with field NULL, of any;
 * STORE_MISSING when there is none.  Names who changed what when an edit
 * meets a conflict. */
enum store_status store_history_item(struct store *s, enum store_kind kind,
				     int64_t item_id, const char *field,
				     int64_t after, struct store_change **out);
void store_history_free(struct store_change *v, size_t n);

/* Visits: when this user last had a map open, and the map's stamp then
 * (0 and 0 when never).  Record a visit when the user opens the map, after
 * reading the previous one. */
enum store_status store_visit_get(struct store *s, int64_t map_id,
				  int64_t *time, int64_t *stamp);
enum store_status store_visit_record(struct store *s, int64_t map_id);

/* --- checking a whole file (cxmap check) ---
 * Reads the file at path without writing anything, even a damaged one
 * that store_open refuses: PRAGMA quick_check (with `full`,
 * integrity_check and foreign_key_check), then cxmap's own rules (dense
 * positions, rows whose parent is missing, a gap on both a stage and a
 * touchpoint, values out of range).  Each problem goes to report(), in
 * words; progress() (may be NULL) gets each step's name as it starts and
 * again now and then while it runs.  STORE_OK when the check ran
 * (*problems found), else why it could not. */
typedef void store_check_report_fn(void *arg, const char *problem);
typedef void store_check_progress_fn(void *arg, const char *step, int n,
				     int steps);
enum store_status store_check_file(const char *path, bool full,
				   store_check_report_fn *report,
				   store_check_progress_fn *progress,
				   void *arg, size_t *problems);

#endif
