/* plan.h - metrics, voices, actions and decisions as fields: their
 * names, values as text, checks, and the few facts worked out from them
 * (on or off target, overdue, priority).  Pure: no I/O, no SQL, no curses.
 *
 * Every field of these items has one text form, the same everywhere: the
 * store takes a changed field as that text (store_item_set), the undo
 * keeps it, the forms show and read it.  Numbers print with %g and read
 * with strtod in the C locale; an empty text unsets a number, a date or
 * a department.  Enumerations are their untranslated keys ("higher",
 * "planned"); a department is its id in decimal. */
#ifndef CX_PLAN_H
#define CX_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

/* The three kinds of item edited field by field. */
enum plan_item { PLAN_METRIC, PLAN_VOICE, PLAN_ACTION };
#define PLAN_NITEMS 3

enum plan_metric_field {
	PLAN_METRIC_NAME, PLAN_METRIC_VALUE, PLAN_METRIC_TARGET,
	PLAN_METRIC_UNIT, PLAN_METRIC_BETTER, PLAN_METRIC_MEASURED,
	PLAN_METRIC_SOURCE, PLAN_METRIC_NFIELDS
};
enum plan_voice_field {
	PLAN_VOICE_KIND, PLAN_VOICE_TEXT, PLAN_VOICE_SOURCE, PLAN_VOICE_DATE,
	PLAN_VOICE_NFIELDS
};
enum plan_action_field {
	PLAN_ACTION_TITLE, PLAN_ACTION_OWNER, PLAN_ACTION_PERSON,
	PLAN_ACTION_STATUS, PLAN_ACTION_DUE, PLAN_ACTION_IMPACT,
	PLAN_ACTION_EFFORT, PLAN_ACTION_NFIELDS
};

/* The item's key ("metric", "voice", "action": the history's and the
 * store's name for it) and a field's key (the column: "name", "value",
 * "target"...); NULL for a field out of range. */
const char *plan_item_key(enum plan_item k);
const char *plan_field_key(enum plan_item k, int field);
/* A field's label for people ("Target", "Due date"...), translated. */
const char *plan_field_label(enum plan_item k, int field);
size_t plan_nfields(enum plan_item k);

/* The field of an item as its text (allocated; the caller frees). */
char *plan_get(enum plan_item k, const void *item, int field);
/* NULL when value is a valid text for the field, else why not, in words
 * for a person (translated): "a number, such as 42 or 3.5". */
const char *plan_check(enum plan_item k, int field, const char *value);
/* Sets the field from its text; false (item unchanged) when plan_check
 * refuses it.  A metric's value that is not a number goes to value_text. */
bool plan_put(enum plan_item k, void *item, int field, const char *value);
/* An item with every field at its default (empty texts, impact and
 * effort 2, status "idea", better "higher", voice "customer"): what a
 * form starts from.  The caller then sets the parent and clears it. */
void plan_init(enum plan_item k, void *item);

/* "YYYY-MM-DD", a real day of the Gregorian calendar. */
bool plan_date_valid(const char *s);
/* Today in the local time zone as "YYYY-MM-DD" (clock_now()). */
void plan_today(char out[11]);

/* The keys of the enumerations (for files) and their labels (for people,
 * translated); parse returns -1 for an unknown key. */
const char *plan_better_key(enum model_better b);
const char *plan_better_label(enum model_better b);
int plan_better_parse(const char *key);
const char *plan_voice_kind_key(enum model_voice_kind v);
const char *plan_voice_kind_label(enum model_voice_kind v);
int plan_voice_kind_parse(const char *key);
const char *plan_action_status_key(enum model_action_status s);
const char *plan_action_status_label(enum model_action_status s);
int plan_action_status_parse(const char *key);
const char *plan_decision_key(enum model_decision_kind d);
const char *plan_decision_label(enum model_decision_kind d);
int plan_decision_parse(const char *key);
const char *plan_ref_key(enum model_ref_kind r);	/* "touchpoint"... */
int plan_ref_parse(const char *key);

/* A metric against its target. */
enum plan_target { PLAN_NO_TARGET,	/* no numeric value or no target */
		   PLAN_ON_TARGET, PLAN_OFF_TARGET };
enum plan_target plan_metric_target(const struct model_metric *v);
/* A metric's value with its unit ("18 %"), or its text; target true: the
 * target with the direction that is better ("\u2264 5 %"): plain text
 * for a document (escape it for the format), malloc'd, "" when unset. */
char *plan_metric_amount(const struct model_metric *v, bool target);

/* An action still to be done: idea, planned or doing. */
bool plan_action_live(const struct model_action *a);
/* Live and due before `today` ("YYYY-MM-DD", from plan_today). */
bool plan_action_overdue(const struct model_action *a, const char *today);
/* The backlog's order: impact over effort (higher first), then the due
 * date (sooner first, none last), then creation.  qsort-compatible. */
int plan_action_compare(const void *a, const void *b);

/* Lookups in the map, by id (linear: these lists are short). */
const struct model_metric *plan_metric(const struct model_map *m, int64_t id);
const struct model_voice *plan_voice(const struct model_map *m, int64_t id);
const struct model_action *plan_action(const struct model_map *m, int64_t id);
const struct model_decision *plan_decision(const struct model_map *m,
					   int64_t id);
/* Any of the three by kind, and its row version (rev). */
const void *plan_item_find(const struct model_map *m, enum plan_item k,
			   int64_t id);
int64_t plan_item_rev(enum plan_item k, const void *item);
/* Does a ref name an item the map has (MAP: this map; NONE: never)? */
bool plan_ref_exists(const struct model_map *m, struct model_ref r);

/* Which metrics, voices and actions belong to which item, built in one
 * pass so that a writer going item by item does not scan every list for
 * each (quadratic on big maps).  The lists give positions in m->metrics,
 * m->voices and m->actions, in the arrays' order; they are good while
 * those arrays are unchanged (build, use, free). */
struct plan_index;
struct plan_index *plan_index_new(const struct model_map *m);
void plan_index_free(struct plan_index *x);
/* The metrics of touchpoint tp_id (0: the journey's success metrics). */
const size_t *plan_index_metrics(const struct plan_index *x, int64_t tp_id,
				 size_t *n);
/* The voices about a stage, touchpoint or gap. */
const size_t *plan_index_voices(const struct plan_index *x,
				struct model_ref about, size_t *n);
/* The actions fixing a gap, silo, touchpoint or the map (MAP, id 0). */
const size_t *plan_index_actions(const struct plan_index *x,
				 struct model_ref fixes, size_t *n);

#endif
