/* import_json_private.h - what the JSON importer's two files share:
 * import_json.c (the scan, the messages and places, the map, its stages,
 * departments, gaps and silos) and import_json_plan.c (the version 2 plan:
 * metrics, voices, references, actions, decisions).  Not for other
 * modules: the public calls are in import_json.h. */
#ifndef CXMAP_IO_IMPORT_JSON_PRIVATE_H
#define CXMAP_IO_IMPORT_JSON_PRIVATE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

/* The walk's state. */
struct ij {
	char *err;	/* the first problem, with its place */
	char path[512];	/* "stages[2].touchpoints[0]" */
	size_t plen;
	int64_t next_tp;	/* private touchpoint ids */
	int version;	/* of the document being read */
	size_t metrics_cap, voices_cap;	/* of the map's arrays */
};

/* What a text member is: a name (required; trimmed as the interface trims
 * what a person types, so " Sales\u3000" is "Sales"), another line of
 * text (trimmed too: a label, a channel, a metric), free text, or the
 * description of a gap or silo (required). */
enum ij_text_kind { IJ_NAME, IJ_LINE, IJ_TEXT, IJ_DESCRIPTION };

/* import_json.c: messages, places and the members every list shares */
bool ij_fail(struct ij *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
size_t ij_push_key(struct ij *c, const char *key);
size_t ij_push_index(struct ij *c, size_t i);
void ij_pop(struct ij *c, size_t old);
bool ij_members(struct ij *c, const cJSON *obj,
		const char *const *keys, const cJSON **vals);
bool ij_text(struct ij *c, const char *key, const cJSON *v,
	     enum ij_text_kind kind, char **out);
bool ij_is_int(const cJSON *v, int lo, int hi);
bool ij_int(struct ij *c, const char *key, const cJSON *v, int lo,
	    int hi, bool *has, int *out);
bool ij_array(struct ij *c, const char *key, const cJSON *v,
	      size_t max, size_t *n);
bool ij_time_at(struct ij *c, const char *key, const cJSON *v,
		int64_t *out);
bool ij_time(struct ij *c, const cJSON *v, int64_t *out);
bool ij_enum(struct ij *c, const char *key, const cJSON *v,
	     int (*parse)(const char *), const char *expected,
	     int dflt, int *out);
bool ij_dept_ref(struct ij *c, const struct model_map *m,
		 const cJSON *v, int64_t *id);

/* import_json_plan.c: the version 2 plan (metrics, voices, references,
 * actions and decisions) and version 1 metrics */
bool ij_metrics(struct ij *c, const cJSON *v, struct model_map *m,
		int64_t tp_id);
void ij_v1_metric(struct ij *c, struct model_map *m, int64_t tp_id,
		  const char *name, const char *value);
bool ij_voices(struct ij *c, const cJSON *v, struct model_map *m,
	       enum model_ref_kind kind, int64_t id);
bool ij_plan_lists(struct ij *c, const cJSON *actions,
		   const cJSON *decisions, struct model_map *m);

#endif
