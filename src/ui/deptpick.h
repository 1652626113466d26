/* deptpick.h - choosing departments (owner, contributors, silo sides). */
#ifndef CX_DEPTPICK_H
#define CX_DEPTPICK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/store.h"

struct app;

/* A department chosen in a picker: an existing one, a new name, "none"
 * (0), or nothing (cancelled).  The picker opens on `current` (0: "none",
 * or the first), so Enter keeps it.  Choosing writes nothing: the file is
 * not locked while a person makes up their mind. */
struct deptpick_choice {
	bool cancelled;
	int64_t id;	/* 0 with name == NULL: no department */
	char *name;	/* a department to create */
};

struct deptpick_choice deptpick_choose(struct app *a, const char *title,
				       bool none, int64_t exclude,
				       int64_t current);
/* Turns a choice into a department id inside the open edit step. */
enum store_status deptpick_resolve(struct app *a, struct deptpick_choice *c);
/* The owner and contributor pickers for one touchpoint, then the edit. */
void deptpick_owner(struct app *a, int64_t tp_id);
void deptpick_contributors(struct app *a, int64_t tp_id);

#endif
