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

/* One list of status codes; their messages are generated from it. */
#define STORE_STATUS_LIST(X) \
	X(OK, "ok") \
	X(NOTFOUND, N_("no such file")) \
	X(NOACCESS, N_("permission denied")) \
	X(NOTSQLITE, N_("not a cxmap file (not an SQLite database)")) \
	X(CORRUPT, N_("the database is damaged")) \
	X(FOREIGN, N_("an SQLite database of another program, not a cxmap file")) \
	X(NEWER, N_("written by a newer cxmap; upgrade cxmap to open it")) \
	X(OLDREADONLY, N_("written by an older cxmap and read-only here, so it cannot be upgraded")) \
	X(READONLY, N_("the file is read-only")) \
	X(BUSY, N_("the file stayed locked by another process; nothing was changed")) \
	X(FULL, N_("the disk is full; nothing was changed")) \
	X(IO, N_("input/output error; nothing was changed")) \
	X(EXISTS, N_("that name is already taken")) \
	X(MISSING, N_("the item no longer exists")) \
	X(INUSE, N_("the department is still in use")) \
	X(INVALID, N_("invalid value")) \
	X(FAILED, N_("the database reported an error"))

#define STORE_STATUS_ENUM(name, msg) STORE_##name,
enum store_status { STORE_STATUS_LIST(STORE_STATUS_ENUM) };
#undef STORE_STATUS_ENUM

/* The schema version this program writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 2
/* PRAGMA application_id of a cxmap file: "CXMP". */
#define STORE_APPLICATION_ID 0x43584d50

enum store_open_flags {
	STORE_OPEN_READONLY = 1 << 0,	/* never write, even if allowed */
	STORE_OPEN_NOCREATE = 1 << 1,	/* a missing file is an error */
};

struct store;

/* A translated message for a status code. */
const char *store_status_message(enum store_status st);

/* Opens (or creates, honouring the umask) a map file.  A file that is not a
 * cxmap file, or cannot be opened, is left byte-for-byte as it was. */
enum store_status store_open(const char *path, unsigned flags,
			     struct store **out);
void store_close(struct store *s);
bool store_readonly(const struct store *s);
const char *store_path(const struct store *s);
/* SQLite's own words about the last failure, for diagnostics. */
const char *store_last_error(const struct store *s);

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
};
enum store_map_field { STORE_MAP_NAME, STORE_MAP_PERSONA, STORE_MAP_SCENARIO,
		       STORE_MAP_PROMISE };

enum store_status store_map_list(struct store *s, struct store_map_info **out,
				 size_t *n);
void store_map_info_free(struct store_map_info *v, size_t n);
enum store_status store_map_find(struct store *s, const char *name,
				 int64_t *id);
enum store_status store_map_create(struct store *s, const char *name,
				   int64_t *id);
enum store_status store_map_set(struct store *s, int64_t id,
				enum store_map_field f, const char *value);
enum store_status store_map_delete(struct store *s, int64_t id);
/* Loads a whole map, read in one snapshot. */
enum store_status store_map_load(struct store *s, int64_t id,
				 struct model_map **out);

/* --- stages: positions are 0-based, dense and unique within a map --- */
enum store_stage_field { STORE_STAGE_NAME, STORE_STAGE_DESCRIPTION };

/* pos beyond the end appends. */
enum store_status store_stage_add(struct store *s, int64_t map_id, size_t pos,
				  const char *name, int64_t *id);
enum store_status store_stage_set(struct store *s, int64_t id,
				  enum store_stage_field f, const char *value);
enum store_status store_stage_move(struct store *s, int64_t id, size_t pos);
enum store_status store_stage_delete(struct store *s, int64_t id);

/* --- touchpoints: positions dense and unique within a stage --- */
enum store_tp_field { STORE_TP_NAME, STORE_TP_CHANNEL, STORE_TP_NOTES,
		      STORE_TP_METRIC_NAME, STORE_TP_METRIC_VALUE };

enum store_status store_tp_add(struct store *s, int64_t stage_id, size_t pos,
			       const char *name, int64_t *id);
enum store_status store_tp_set(struct store *s, int64_t id,
			       enum store_tp_field f, const char *value);
enum store_status store_tp_set_emotion(struct store *s, int64_t id,
				       bool has_emotion, int emotion);
/* dept_id 0 leaves the touchpoint without an owner. */
enum store_status store_tp_set_owner(struct store *s, int64_t id,
				     int64_t dept_id);
enum store_status store_tp_add_contributor(struct store *s, int64_t id,
					   int64_t dept_id);
enum store_status store_tp_remove_contributor(struct store *s, int64_t id,
					      int64_t dept_id);
/* Moves to position pos of stage stage_id (the same or another stage of
 * the same map). */
enum store_status store_tp_move(struct store *s, int64_t id, int64_t stage_id,
				size_t pos);
enum store_status store_tp_delete(struct store *s, int64_t id);

/* --- departments: shared by every map in the file, names unique --- */
enum store_status store_dept_create(struct store *s, const char *name,
				    int64_t *id);
enum store_status store_dept_find(struct store *s, const char *name,
				  int64_t *id);
enum store_status store_dept_rename(struct store *s, int64_t id,
				    const char *name);
enum store_status store_dept_set_label(struct store *s, int64_t id,
				       const char *label);
enum store_status store_dept_set_colour(struct store *s, int64_t id,
					int colour);
/* How many touchpoints, contributions and silos use the department. */
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

#endif
