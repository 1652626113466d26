/* import_json.c - reads the JSON format back: a scan of the raw bytes
 * (size, nesting, UTF-8, NUL), cJSON for the syntax, then a walk over the
 * tree that checks every member against the format and builds the model.
 * The first problem found stops the walk and is reported with its place. */
#include <config.h>

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/analysis.h"
#include "core/plan.h"
#include "io/export_json.h"
#include "io/import_json.h"
#include "io/import_json_private.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Places in messages are cut to this many bytes of a key or name. */
#define IJ_QUOTE_MAX 60

/* ------------------------------------------------------------------ */
/* messages */

/* A piece of input fit for a message: controls escaped, cut short. */
static char *ij_quote(const char *s)
{
	char *e = text_escape_controls(s);
	size_t n = strlen(e);
	if (n > IJ_QUOTE_MAX) {
		n = IJ_QUOTE_MAX;
		while (n > 0 && ((unsigned char)e[n] & 0xc0) == 0x80)
			n--;	/* not in the middle of a character */
		strcpy(e + n, "...");
	}
	return e;
}

bool ij_fail(struct ij *c, const char *fmt, ...)
{
	if (c->err)
		return false;
	va_list ap;
	va_start(ap, fmt);
	char *why = xvasprintf(fmt, ap);
	va_end(ap);
	c->err = c->plen ? xasprintf("%s: %s", c->path, why) : xstrdup(why);
	free(why);
	return false;
}

/* The place grows as the walk goes down; a pop restores it. */
size_t ij_push_key(struct ij *c, const char *key)
{
	size_t old = c->plen;
	/* Our own keys (and any short plain one) need no quoting: this runs
	 * for every member of every item, so it must not allocate (it was a
	 * quarter of importing 10,000 touchpoints). */
	size_t n = 0;
	while (n <= IJ_QUOTE_MAX && key[n] > 0x20 && key[n] < 0x7f)
		n++;
	if (!key[n] && c->plen + n + 2 < sizeof c->path) {
		if (c->plen)
			c->path[c->plen++] = '.';
		memcpy(c->path + c->plen, key, n + 1);
		c->plen += n;
		return old;
	}
	char *q = ij_quote(key);
	int w = snprintf(c->path + c->plen, sizeof c->path - c->plen, "%s%s",
			 c->plen ? "." : "", q);
	free(q);
	if (w > 0)
		c->plen = strnlen(c->path, sizeof c->path - 1);
	return old;
}

size_t ij_push_index(struct ij *c, size_t i)
{
	size_t old = c->plen;
	char d[24];
	size_t n = 0;
	do
		d[n++] = (char)('0' + i % 10);
	while ((i /= 10) > 0);
	if (c->plen + n + 3 > sizeof c->path)
		return old;	/* a place that long is cut */
	c->path[c->plen++] = '[';
	while (n > 0)
		c->path[c->plen++] = d[--n];
	c->path[c->plen++] = ']';
	c->path[c->plen] = '\0';
	return old;
}

void ij_pop(struct ij *c, size_t old)
{
	c->plen = old;
	c->path[old] = '\0';
}

/* ------------------------------------------------------------------ */
/* the raw bytes */

/* Line and column (in characters, from 1) of a byte offset. */
static void ij_where(const char *text, size_t off, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

static bool ij_fail_at(struct ij *c, const char *text, size_t off,
		       const char *why)
{
	size_t line, col;
	ij_where(text, off, &line, &col);
	return ij_fail(c, _("line %zu, column %zu: %s"), line, col, why);
}

/* What cJSON does not check or would choke on, before it runs: the size,
 * the nesting depth, the number of values, NUL bytes and escapes, and
 * UTF-8 (raw bytes; escapes are checked by cJSON). */
static bool ij_scan(struct ij *c, const char *text, size_t len)
{
	if (len > IMPORT_JSON_MAX_BYTES)
		return ij_fail(c, _("the document is larger than %zu MiB (the limit)"),
			       IMPORT_JSON_MAX_BYTES >> 20);
	bool in_string = false;
	size_t depth = 0, values = 1;
	char msg[96];
	for (size_t i = 0; i < len; i++) {
		/* inside a string only quotes, escapes, NUL and non-ASCII
		 * bytes matter: skip the rest in a tight loop (most bytes of a
		 * document are text) */
		for (unsigned char b; in_string && i < len; i++) {
			b = (unsigned char)text[i];
			if (b == '"' || b == '\\' || b - 1u >= 0x7fu)
				break;
		}
		if (i == len)
			break;
		unsigned char ch = (unsigned char)text[i];
		if (ch == 0)
			return ij_fail_at(c, text, i, _("a NUL byte"));
		if (ch >= 0x80) {
			size_t n = text_utf8_seq(text + i, len - i);
			if (n == 0)
				return ij_fail_at(c, text, i,
						  _("not valid UTF-8"));
			i += n - 1;
			continue;
		}
		if (in_string) {
			if (ch == '"')
				in_string = false;
			else if (ch == '\\' && i + 1 < len) {
				if (len - i >= 6 &&
				    memcmp(text + i + 1, "u0000", 5) == 0)
					return ij_fail_at(c, text, i,
						_("\\u0000 (a NUL character) is not allowed"));
				i++;
			}
			continue;
		}
		if (ch == '"') {
			in_string = true;
		} else if (ch == '[' || ch == '{') {
			if (++depth > IMPORT_JSON_MAX_DEPTH) {
				snprintf(msg, sizeof msg,
					 _("nested more than %d levels deep (the limit)"),
					 IMPORT_JSON_MAX_DEPTH);
				return ij_fail_at(c, text, i, msg);
			}
			values++;
		} else if (ch == ']' || ch == '}') {
			depth -= depth > 0;
		} else if (ch == ',' && ++values > IMPORT_JSON_MAX_VALUES) {
			snprintf(msg, sizeof msg, _("more than %d values (the limit)"),
				 IMPORT_JSON_MAX_VALUES);
			return ij_fail_at(c, text, i, msg);
		}
	}
	return true;
}

/* cJSON allocates every node and string on its own and frees them one
 * by one: a fifth of importing 10,000 touchpoints.  While a document is
 * parsed and read, its allocations come from an arena instead, released
 * at once by ij_arena_release (cxmap runs one thread; the hooks are put
 * back before anything else uses cJSON). */
struct ij_chunk {
	struct ij_chunk *next;
	size_t used, size;
	max_align_t data[];
};

static struct ij_chunk *ij_chunks;

#define IJ_CHUNK_SIZE ((size_t)1 << 20)

static void *ij_arena_malloc(size_t n)
{
	size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	struct ij_chunk *k = ij_chunks;
	if (!k || k->size - k->used < n) {
		size_t size = n > IJ_CHUNK_SIZE ? n : IJ_CHUNK_SIZE;
		k = xmalloc(sizeof *k + size);
		k->next = ij_chunks;
		k->used = 0;
		k->size = size;
		ij_chunks = k;
	}
	void *p = (char *)k->data + k->used;
	k->used += n;
	return p;
}

static void ij_arena_free(void *p)
{
	(void)p;	/* all of it goes in ij_arena_release */
}

static void ij_arena_use(void)
{
	cJSON_Hooks hooks = { ij_arena_malloc, ij_arena_free };
	cJSON_InitHooks(&hooks);
}

static void ij_arena_release(void)
{
	cJSON_InitHooks(NULL);
	while (ij_chunks) {
		struct ij_chunk *next = ij_chunks->next;
		free(ij_chunks);
		ij_chunks = next;
	}
}

/* cJSON, then a message with the place where it stopped. */
static cJSON *ij_syntax(struct ij *c, const char *text, size_t len)
{
	if (!ij_scan(c, text, len))
		return NULL;
	/* cJSON wants a NUL right after the value to refuse trailing junk. */
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, true);
	if (!root) {
		size_t off = end && end >= copy ? (size_t)(end - copy) : 0;
		if (text_blank(copy))
			ij_fail(c, _("the document is empty"));
		else if (off >= len)
			ij_fail_at(c, text, len,
				   _("the document ends too early (cut short?)"));
		else
			ij_fail_at(c, text, off, _("not valid JSON"));
	}
	free(copy);
	return root;
}

/* ------------------------------------------------------------------ */
/* members */

/* Sorts the members of an object into vals[] by the NULL-terminated list
 * of keys; an unknown or repeated member is an error. */
bool ij_members(struct ij *c, const cJSON *obj,
		const char *const *keys, const cJSON **vals)
{
	size_t nkeys = 0;
	while (keys[nkeys])	/* cleared first: callers read them after a failure */
		vals[nkeys++] = NULL;
	if (!cJSON_IsObject(obj))
		return ij_fail(c, _("expected an object"));
	for (const cJSON *it = obj->child; it; it = it->next) {
		size_t k = 0;
		while (k < nkeys && strcmp(keys[k], it->string) != 0)
			k++;
		size_t old = ij_push_key(c, it->string);
		if (k == nkeys)
			return ij_fail(c, _("unknown field"));
		if (vals[k])
			return ij_fail(c, _("repeated field"));
		vals[k] = it;
		ij_pop(c, old);
	}
	return true;
}

/* A text member: absent is "" unless required; required ones show
 * something (text_blank). */
bool ij_text(struct ij *c, const char *key, const cJSON *v,
	     enum ij_text_kind kind, char **out)
{
	bool required = kind == IJ_NAME || kind == IJ_DESCRIPTION;
	bool line = kind == IJ_NAME || kind == IJ_LINE;
	size_t max = line ? IMPORT_JSON_MAX_NAME : IMPORT_JSON_MAX_TEXT;
	size_t old = ij_push_key(c, key);
	*out = NULL;
	if (!v && required)
		return ij_fail(c, _("missing"));
	if (v && !cJSON_IsString(v))
		return ij_fail(c, _("expected a string"));
	const char *s = v ? v->valuestring : "";
	/* Most texts are ASCII, and a text that starts and ends with a
	 * visible ASCII character has nothing to trim and is not blank: the
	 * UTF-8 walks below are for the others (they were a fifth of an
	 * import). */
	size_t len = 0;
	bool ascii = true;
	for (; s[len]; len++)
		ascii &= (unsigned char)s[len] < 0x80;
	bool plain = len && s[0] > 0x20 && s[0] < 0x7f &&
		     s[len - 1] > 0x20 && s[len - 1] < 0x7f;
	if (!ascii && !text_utf8_valid(s, len))
		return ij_fail(c, _("not valid UTF-8"));
	char *copy = xmalloc(len + 1);
	memcpy(copy, s, len + 1);
	if (line && !plain)
		text_trim(copy);
	if ((plain ? len : strlen(copy)) > max) {
		free(copy);
		return ij_fail(c, _("longer than %zu bytes (the limit)"), max);
	}
	if (required && !plain && text_blank(copy)) {
		free(copy);
		return ij_fail(c, _("must not be empty"));
	}
	*out = copy;
	ij_pop(c, old);
	return true;
}

bool ij_is_int(const cJSON *v, int lo, int hi)
{
	if (!cJSON_IsNumber(v))
		return false;
	double d = v->valuedouble;
	/* the range first: only then is the cast defined */
	return isfinite(d) && d >= lo && d <= hi && d == (double)(int)d;
}

/* An integer member from lo to hi; null or absent give *has = false. */
bool ij_int(struct ij *c, const char *key, const cJSON *v, int lo,
	    int hi, bool *has, int *out)
{
	size_t old = ij_push_key(c, key);
	*has = false;
	*out = 0;
	if (v && !cJSON_IsNull(v)) {
		if (!ij_is_int(v, lo, hi))
			return ij_fail(c, _("expected an integer from %d to %d"),
				       lo, hi);
		*has = true;
		*out = (int)v->valuedouble;
	}
	ij_pop(c, old);
	return true;
}

/* An array member of at most max items; absent is empty. */
bool ij_array(struct ij *c, const char *key, const cJSON *v,
	      size_t max, size_t *n)
{
	size_t old = ij_push_key(c, key);
	*n = 0;
	if (v && !cJSON_IsArray(v))
		return ij_fail(c, _("expected an array"));
	for (const cJSON *it = v ? v->child : NULL; it; it = it->next)
		if (++*n > max)
			return ij_fail(c, _("more than %zu %s (the limit)"), max,
				       *key ? key : "maps");
	ij_pop(c, old);
	return true;
}

/* "2024-05-31T14:00:00Z", exactly; null or absent give 0. */
bool ij_time_at(struct ij *c, const char *key, const cJSON *v,
		int64_t *out)
{
	size_t old = ij_push_key(c, key);
	*out = 0;
	if (!v || cJSON_IsNull(v)) {
		ij_pop(c, old);
		return true;
	}
	struct tm tm = { 0 };
	int y, mo, d, h, mi, s, used = 0;
	const char *str = cJSON_IsString(v) ? v->valuestring : "";
	bool ok = strlen(str) == 20 &&
		  sscanf(str, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h,
			 &mi, &s, &used) == 6 && used == 20 &&
		  y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
		  h <= 23 && mi <= 59 && s <= 59 && h >= 0 && mi >= 0 && s >= 0;
	for (size_t i = 0; ok && i < 19; i++)	/* no signs or spaces */
		ok = (i == 4 || i == 7) ? str[i] == '-' : i == 10 ? str[i] == 'T'
		     : (i == 13 || i == 16) ? str[i] == ':'
		     : (str[i] >= '0' && str[i] <= '9');
	if (ok) {
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = s;
		time_t t = timegm(&tm);
		/* timegm normalises 31 April into 1 May: refuse that */
		ok = t >= 0 && tm.tm_mday == d && tm.tm_mon == mo - 1;
		*out = (int64_t)t;
	}
	if (!ok)
		return ij_fail(c, _("expected a UTC time such as "
				    "\"2024-05-31T14:00:00Z\", or null"));
	ij_pop(c, old);
	return true;
}

bool ij_time(struct ij *c, const cJSON *v, int64_t *out)
{
	return ij_time_at(c, "created", v, out);
}

bool ij_enum(struct ij *c, const char *key, const cJSON *v,
	     int (*parse)(const char *), const char *expected,
	     int dflt, int *out)
{
	size_t old = ij_push_key(c, key);
	*out = dflt;
	if (v) {
		int r = cJSON_IsString(v) ? parse(v->valuestring) : -1;
		if (r < 0)
			return ij_fail(c, "%s", expected);
		*out = r;
	}
	ij_pop(c, old);
	return true;
}

/* ------------------------------------------------------------------ */
/* departments */

static int ij_dept_cmp(const void *a, const void *b)
{
	const struct model_department *x = a, *y = b;
	return strcmp(x->name, y->name);
}

/* A department id by name (departments are sorted by then). */
static int64_t ij_dept_id(const struct model_map *m, const char *name)
{
	struct model_department key = { .name = (char *)(uintptr_t)name };
	const struct model_department *d =
		bsearch(&key, m->departments, m->ndepartments,
			sizeof *m->departments, ij_dept_cmp);
	return d ? d->id : 0;
}

bool ij_dept_ref(struct ij *c, const struct model_map *m,
		 const cJSON *v, int64_t *id)
{
	*id = 0;
	if (!cJSON_IsString(v))
		return ij_fail(c, _("expected a department name"));
	/* trimmed, as the names it refers to are */
	char *name = text_trim(xstrdup(v->valuestring));
	*id = ij_dept_id(m, name);
	free(name);
	if (*id == 0) {
		char *q = ij_quote(v->valuestring);
		ij_fail(c, _("no department named \"%s\" in departments"), q);
		free(q);
		return false;
	}
	return true;
}

static bool ij_department(struct ij *c, const cJSON *o, size_t i,
			  struct model_department *d)
{
	static const char *const keys[] = { "name", "label", "colour", NULL };
	const cJSON *v[3];
	bool has;
	size_t old = ij_push_index(c, i);
	if (!ij_members(c, o, keys, v) ||
	    !ij_text(c, "name", v[0], IJ_NAME, &d->name) ||
	    !ij_text(c, "label", v[1], IJ_LINE, &d->label) ||
	    !ij_int(c, "colour", v[2], 0, MODEL_COLOURS - 1, &has, &d->colour))
		return false;
	if (!has)	/* the store's own choice for a new department */
		d->colour = (int)(i % MODEL_COLOURS);
	ij_pop(c, old);
	return true;
}

static bool ij_departments(struct ij *c, const cJSON *v, struct model_map *m)
{
	size_t n;
	if (!ij_array(c, "departments", v, IMPORT_JSON_MAX_DEPARTMENTS, &n))
		return false;
	size_t old = ij_push_key(c, "departments");
	m->departments = xcalloc(n, sizeof *m->departments);
	size_t i = 0;
	for (const cJSON *it = v ? v->child : NULL; it; it = it->next, i++) {
		m->ndepartments++;	/* counted first: freed on failure */
		if (!ij_department(c, it, i, &m->departments[i]))
			return false;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(m->departments[j].name,
				   m->departments[i].name) != 0)
				continue;
			ij_push_index(c, i);
			char *q = ij_quote(m->departments[i].name);
			ij_fail(c, _("\"%s\" is listed twice"), q);
			free(q);
			return false;
		}
	}
	qsort(m->departments, n, sizeof *m->departments, ij_dept_cmp);
	for (i = 0; i < n; i++)
		m->departments[i].id = (int64_t)i + 1;
	ij_pop(c, old);
	return true;
}

/* "moment": true or false; absent is false. */
static bool ij_bool(struct ij *c, const char *key, const cJSON *v, bool *out)
{
	size_t old = ij_push_key(c, key);
	*out = false;
	if (v && !cJSON_IsBool(v))
		return ij_fail(c, _("expected true or false"));
	*out = v && cJSON_IsTrue(v);
	ij_pop(c, old);
	return true;
}

/* ------------------------------------------------------------------ */
/* stages and touchpoints */

static int ij_id_cmp_by_name(const struct model_map *m, int64_t a, int64_t b)
{
	return strcmp(model_department(m, a)->name,
		      model_department(m, b)->name);
}

static bool ij_contributors(struct ij *c, const cJSON *v,
			    const struct model_map *m,
			    struct model_touchpoint *t)
{
	size_t n;
	if (!ij_array(c, "contributors", v, IMPORT_JSON_MAX_DEPARTMENTS, &n))
		return false;
	size_t old = ij_push_key(c, "contributors");
	t->contributors = xcalloc(n, sizeof *t->contributors);
	size_t i = 0;
	for (const cJSON *it = v ? v->child : NULL; it; it = it->next, i++) {
		size_t o2 = ij_push_index(c, i);
		int64_t id;
		if (!ij_dept_ref(c, m, it, &id))
			return false;
		for (size_t k = 0; k < t->ncontributors; k++)
			if (t->contributors[k] == id)
				return ij_fail(c, _("listed twice"));
		/* insertion sort by name, the order the store keeps */
		size_t k = t->ncontributors++;
		while (k > 0 && ij_id_cmp_by_name(m, t->contributors[k - 1],
						  id) > 0) {
			t->contributors[k] = t->contributors[k - 1];
			k--;
		}
		t->contributors[k] = id;
		ij_pop(c, o2);
	}
	ij_pop(c, old);
	return true;
}

static bool ij_owner(struct ij *c, const cJSON *v, const struct model_map *m,
		     struct model_touchpoint *t)
{
	if (v && !cJSON_IsNull(v)) {
		size_t old = ij_push_key(c, "owner");
		if (!ij_dept_ref(c, m, v, &t->owner_id))
			return false;
		ij_pop(c, old);
	}
	return true;
}

/* A version 1 touchpoint: metric_name and metric_value become a metric. */
static bool ij_touchpoint_v1(struct ij *c, const cJSON *o,
			     struct model_map *m, struct model_touchpoint *t)
{
	static const char *const keys[] = {
		"name", "channel", "owner", "contributors", "emotion",
		"metric_name", "metric_value", "notes", NULL };
	const cJSON *v[8];
	char *name = NULL, *value = NULL;
	bool ok = ij_members(c, o, keys, v) &&
		  ij_text(c, "name", v[0], IJ_NAME, &t->name) &&
		  ij_text(c, "channel", v[1], IJ_LINE, &t->channel) &&
		  ij_text(c, "metric_name", v[5], IJ_LINE, &name) &&
		  ij_text(c, "metric_value", v[6], IJ_LINE, &value) &&
		  ij_text(c, "notes", v[7], IJ_TEXT, &t->notes) &&
		  ij_int(c, "emotion", v[4], MODEL_EMOTION_MIN,
			 MODEL_EMOTION_MAX, &t->has_emotion, &t->emotion) &&
		  ij_owner(c, v[2], m, t) && ij_contributors(c, v[3], m, t);
	if (ok)
		ij_v1_metric(c, m, t->id, name, value);
	free(name);
	free(value);
	return ok;
}

static bool ij_touchpoint_v2(struct ij *c, const cJSON *o,
			     struct model_map *m, struct model_touchpoint *t)
{
	static const char *const keys[] = {
		"name", "channel", "owner", "contributors", "emotion",
		"moment", "metrics", "voices", "notes", NULL };
	const cJSON *v[9];
	return ij_members(c, o, keys, v) &&
	       ij_text(c, "name", v[0], IJ_NAME, &t->name) &&
	       ij_text(c, "channel", v[1], IJ_LINE, &t->channel) &&
	       ij_text(c, "notes", v[8], IJ_TEXT, &t->notes) &&
	       ij_int(c, "emotion", v[4], MODEL_EMOTION_MIN, MODEL_EMOTION_MAX,
		      &t->has_emotion, &t->emotion) &&
	       ij_owner(c, v[2], m, t) && ij_contributors(c, v[3], m, t) &&
	       ij_bool(c, "moment", v[5], &t->moment) &&
	       ij_metrics(c, v[6], m, t->id) &&
	       ij_voices(c, v[7], m, MODEL_REF_TOUCHPOINT, t->id);
}

static bool ij_touchpoint(struct ij *c, const cJSON *o, size_t i,
			  struct model_map *m, int64_t stage_id,
			  struct model_touchpoint *t)
{
	size_t old = ij_push_index(c, i);
	t->id = ++c->next_tp;
	t->stage_id = stage_id;
	if (!(c->version == 1 ? ij_touchpoint_v1(c, o, m, t)
			      : ij_touchpoint_v2(c, o, m, t)))
		return false;
	ij_pop(c, old);
	return true;
}

static bool ij_stage(struct ij *c, const cJSON *o, size_t i,
		     struct model_map *m, size_t *total)
{
	static const char *const keys1[] = { "name", "description",
					     "touchpoints", NULL };
	static const char *const keys2[] = { "name", "description",
					     "touchpoints", "voices", NULL };
	const cJSON *v[4];
	struct model_stage *sg = &m->stages[i];
	size_t old = ij_push_index(c, i), n;
	sg->id = (int64_t)i + 1;
	if (!ij_members(c, o, c->version == 1 ? keys1 : keys2, v) ||
	    (c->version > 1 &&
	     !ij_voices(c, v[3], m, MODEL_REF_STAGE, sg->id)) ||
	    !ij_text(c, "name", v[0], IJ_NAME, &sg->name) ||
	    !ij_text(c, "description", v[1], IJ_TEXT, &sg->description) ||
	    !ij_array(c, "touchpoints", v[2], IMPORT_JSON_MAX_TOUCHPOINTS, &n))
		return false;
	if ((*total += n) > IMPORT_JSON_MAX_TOUCHPOINTS)
		return ij_fail(c, _("more than %d touchpoints in the map (the limit)"),
			       IMPORT_JSON_MAX_TOUCHPOINTS);
	size_t o2 = ij_push_key(c, "touchpoints");
	sg->touchpoints = xcalloc(n, sizeof *sg->touchpoints);
	size_t j = 0;
	for (const cJSON *it = v[2] ? v[2]->child : NULL; it;
	     it = it->next, j++) {
		sg->ntouchpoints++;
		if (!ij_touchpoint(c, it, j, m, sg->id, &sg->touchpoints[j]))
			return false;
	}
	ij_pop(c, o2);
	ij_pop(c, old);
	return true;
}

static bool ij_stages(struct ij *c, const cJSON *v, struct model_map *m)
{
	size_t n, total = 0;
	if (!ij_array(c, "stages", v, IMPORT_JSON_MAX_STAGES, &n))
		return false;
	size_t old = ij_push_key(c, "stages");
	m->stages = xcalloc(n, sizeof *m->stages);
	size_t i = 0;
	for (const cJSON *it = v ? v->child : NULL; it; it = it->next, i++) {
		m->nstages++;
		if (!ij_stage(c, it, i, m, &total))
			return false;
	}
	ij_pop(c, old);
	return true;
}

/* ------------------------------------------------------------------ */
/* gaps and silos */

/* "stage" and "touchpoint" positions into ids; a touchpoint needs its
 * stage; with stage_ok false, a stage alone is not a place. */
static bool ij_place(struct ij *c, const cJSON *vs, const cJSON *vt,
		     const struct model_map *m, bool stage_ok,
		     int64_t *stage_id, int64_t *tp_id)
{
	bool has_s, has_t;
	int si, ti;
	int smax = m->nstages ? (int)m->nstages - 1 : -1;
	*stage_id = *tp_id = 0;
	if (vs && !cJSON_IsNull(vs) && smax < 0) {
		size_t old = ij_push_key(c, "stage");
		ij_fail(c, _("the map has no stages"));
		ij_pop(c, old);
		return false;
	}
	if (!ij_int(c, "stage", vs, 0, smax, &has_s, &si))
		return false;
	const struct model_stage *sg = has_s ? &m->stages[si] : NULL;
	int tmax = sg && sg->ntouchpoints ? (int)sg->ntouchpoints - 1 : -1;
	size_t old = ij_push_key(c, "touchpoint");
	bool has_tv = vt && !cJSON_IsNull(vt);
	if (has_tv && !has_s)
		return ij_fail(c, _("needs \"stage\" as well"));
	if (has_tv && tmax < 0)
		return ij_fail(c, _("stage %d has no touchpoints"), si);
	if (!has_tv && has_s && !stage_ok)
		return ij_fail(c, _("missing (a silo is tied to a touchpoint "
				    "or to none)"));
	ij_pop(c, old);
	if (!ij_int(c, "touchpoint", vt, 0, tmax, &has_t, &ti))
		return false;
	if (has_t)
		*tp_id = sg->touchpoints[ti].id;
	else if (has_s)
		*stage_id = sg->id;
	return true;
}

static bool ij_gap(struct ij *c, const cJSON *o, size_t i,
		   struct model_map *m, struct model_gap *g)
{
	static const char *const keys1[] = { "stage", "touchpoint",
		"description", "severity", "status", "created", NULL };
	static const char *const keys2[] = { "stage", "touchpoint",
		"description", "severity", "status", "created", "voices",
		NULL };
	const cJSON *v[7];
	int sev, status;
	size_t old = ij_push_index(c, i);
	g->id = (int64_t)i + 1;
	if (!ij_members(c, o, c->version == 1 ? keys1 : keys2, v) ||
	    (c->version > 1 && !ij_voices(c, v[6], m, MODEL_REF_GAP, g->id)) ||
	    !ij_place(c, v[0], v[1], m, true, &g->stage_id,
		      &g->touchpoint_id) ||
	    !ij_text(c, "description", v[2], IJ_DESCRIPTION,
		     &g->description) ||
	    !ij_enum(c, "severity", v[3], model_severity_parse,
		     _("expected \"low\", \"medium\" or \"high\""),
		     MODEL_SEV_MEDIUM, &sev) ||
	    !ij_enum(c, "status", v[4], model_status_parse,
		     _("expected \"open\" or \"resolved\""), MODEL_OPEN,
		     &status) ||
	    !ij_time(c, v[5], &g->created))
		return false;
	g->severity = (enum model_severity)sev;
	g->status = (enum model_status)status;
	ij_pop(c, old);
	return true;
}

static bool ij_silo_departments(struct ij *c, const cJSON *v,
				const struct model_map *m,
				struct model_silo *o)
{
	size_t old = ij_push_key(c, "departments");
	if (!v)
		return ij_fail(c, _("missing"));
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 2)
		return ij_fail(c, _("expected an array of two department "
				    "names"));
	size_t o2 = ij_push_index(c, 0);
	if (!ij_dept_ref(c, m, v->child, &o->dept_a))
		return false;
	ij_pop(c, o2);
	ij_push_index(c, 1);
	if (!ij_dept_ref(c, m, v->child->next, &o->dept_b))
		return false;
	ij_pop(c, o2);
	if (o->dept_a == o->dept_b)
		return ij_fail(c, _("a silo is between two different "
				    "departments"));
	ij_pop(c, old);
	return true;
}

static bool ij_silo(struct ij *c, const cJSON *o, size_t i,
		    const struct model_map *m, struct model_silo *s)
{
	static const char *const keys[] = { "departments", "stage",
		"touchpoint", "description", "status", "created", NULL };
	const cJSON *v[6];
	int status;
	int64_t stage_id;
	size_t old = ij_push_index(c, i);
	s->id = (int64_t)i + 1;
	if (!ij_members(c, o, keys, v) ||
	    !ij_silo_departments(c, v[0], m, s) ||
	    !ij_place(c, v[1], v[2], m, false, &stage_id, &s->touchpoint_id) ||
	    !ij_text(c, "description", v[3], IJ_DESCRIPTION,
		     &s->description) ||
	    !ij_enum(c, "status", v[4], model_status_parse,
		     _("expected \"open\" or \"resolved\""), MODEL_OPEN,
		     &status) ||
	    !ij_time(c, v[5], &s->created))
		return false;
	s->status = (enum model_status)status;
	ij_pop(c, old);
	return true;
}

/* Creation order as the store keeps it: by time, unknown times last
 * (they become "now" on import), ties in document order. */
static bool ij_created_before(int64_t a, int64_t b)
{
	return a != b && (b == 0 || (a != 0 && a < b));
}

static void ij_sort_gaps(struct model_gap *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct model_gap x = v[i];
		size_t k = i;
		for (; k > 0 && ij_created_before(x.created, v[k - 1].created); k--)
			v[k] = v[k - 1];
		v[k] = x;
	}
}

static void ij_sort_silos(struct model_silo *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct model_silo x = v[i];
		size_t k = i;
		for (; k > 0 && ij_created_before(x.created, v[k - 1].created); k--)
			v[k] = v[k - 1];
		v[k] = x;
	}
}

static bool ij_records(struct ij *c, const cJSON *gaps, const cJSON *silos,
		       struct model_map *m)
{
	size_t n, i = 0;
	if (!ij_array(c, "gaps", gaps, IMPORT_JSON_MAX_RECORDS, &n))
		return false;
	size_t old = ij_push_key(c, "gaps");
	m->gaps = xcalloc(n, sizeof *m->gaps);
	for (const cJSON *it = gaps ? gaps->child : NULL; it; it = it->next) {
		m->ngaps++;
		if (!ij_gap(c, it, i++, m, &m->gaps[m->ngaps - 1]))
			return false;
	}
	ij_pop(c, old);
	ij_sort_gaps(m->gaps, m->ngaps);
	if (!ij_array(c, "silos", silos, IMPORT_JSON_MAX_RECORDS, &n))
		return false;
	old = ij_push_key(c, "silos");
	m->silos = xcalloc(n, sizeof *m->silos);
	i = 0;
	for (const cJSON *it = silos ? silos->child : NULL; it; it = it->next) {
		m->nsilos++;
		if (!ij_silo(c, it, i++, m, &m->silos[m->nsilos - 1]))
			return false;
	}
	ij_pop(c, old);
	ij_sort_silos(m->silos, m->nsilos);
	return true;
}

/* ------------------------------------------------------------------ */
/* the map */

/* "format" and "version" first: a newer document is named as such
 * rather than refused for the fields it added. */
static bool ij_format(struct ij *c, const cJSON *o)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, "format");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "version");
	size_t old = ij_push_key(c, "format");
	if (!f)
		return ij_fail(c, _("missing (is this a cxmap JSON export?)"));
	if (!cJSON_IsString(f) || strcmp(f->valuestring, EXPORT_JSON_FORMAT))
		return ij_fail(c, _("expected \"%s\""), EXPORT_JSON_FORMAT);
	ij_pop(c, old);
	old = ij_push_key(c, "version");
	if (!v)
		return ij_fail(c, _("missing"));
	if (ij_is_int(v, EXPORT_JSON_VERSION + 1, 1 << 30))
		return ij_fail(c, _("format version %d was written by a newer "
				    "cxmap (this one reads versions 1 to %d); "
				    "upgrade cxmap"),
			       (int)v->valuedouble, EXPORT_JSON_VERSION);
	if (!ij_is_int(v, 1, EXPORT_JSON_VERSION))
		return ij_fail(c, _("expected an integer from %d to %d"), 1,
			       EXPORT_JSON_VERSION);
	c->version = (int)v->valuedouble;
	ij_pop(c, old);
	return true;
}

/* The members of the map in a version 2 document (version 1 has the
 * first ten). */
static const char *const ij_map_keys[] = {
	"format", "version", "name", "persona", "scenario", "promise",
	"departments", "stages", "gaps", "silos",
	"journey_owner", "cx_lead", "success", "metrics", "actions",
	"decisions", NULL };
#define IJ_MAP_KEYS_V1 10

static bool ij_map_v2(struct ij *c, const cJSON *const *v, struct model_map *m)
{
	if (c->version == 1) {	/* none of it, and no metrics yet */
		m->owner = xstrdup("");
		m->cx_lead = xstrdup("");
		m->success = xstrdup("");
		return true;
	}
	return ij_text(c, "journey_owner", v[10], IJ_LINE, &m->owner) &&
	       ij_text(c, "cx_lead", v[11], IJ_LINE, &m->cx_lead) &&
	       ij_text(c, "success", v[12], IJ_TEXT, &m->success) &&
	       ij_metrics(c, v[13], m, 0);
}

static struct model_map *ij_map(struct ij *c, const cJSON *o)
{
	static const char *const keys1[IJ_MAP_KEYS_V1 + 1] = {
		"format", "version", "name", "persona", "scenario", "promise",
		"departments", "stages", "gaps", "silos", NULL };
	const cJSON *v[16];
	if (!cJSON_IsObject(o)) {
		ij_fail(c, _("expected an object (one map)"));
		return NULL;
	}
	struct model_map *m = xcalloc(1, sizeof *m);
	c->next_tp = 0;
	c->metrics_cap = c->voices_cap = 0;
	bool ok = ij_format(c, o) &&
		  ij_members(c, o, c->version == 1 ? keys1 : ij_map_keys, v) &&
		  ij_text(c, "name", v[2], IJ_NAME, &m->name) &&
		  ij_text(c, "persona", v[3], IJ_TEXT, &m->persona) &&
		  ij_text(c, "scenario", v[4], IJ_TEXT, &m->scenario) &&
		  ij_text(c, "promise", v[5], IJ_TEXT, &m->promise) &&
		  ij_map_v2(c, v, m) &&
		  ij_departments(c, v[6], m) && ij_stages(c, v[7], m) &&
		  ij_records(c, v[8], v[9], m) &&
		  (c->version == 1 || ij_plan_lists(c, v[14], v[15], m));
	if (!ok) {
		model_map_free(m);
		return NULL;
	}
	model_reindex(m);
	return m;
}

struct model_map **import_json_parse_all(const char *text, size_t len,
					 size_t *n, char **err)
{
	struct ij c = { 0 };
	*n = 0;
	*err = NULL;
	ij_arena_use();
	cJSON *root = ij_syntax(&c, text, len);
	struct model_map **maps = NULL;
	if (root && cJSON_IsArray(root)) {
		size_t count;
		if (ij_array(&c, "", root, IMPORT_JSON_MAX_MAPS, &count)) {
			maps = xcalloc(count, sizeof *maps);
			for (const cJSON *it = root->child; it; it = it->next) {
				size_t old = ij_push_index(&c, *n);
				if (!(maps[*n] = ij_map(&c, it)))
					break;
				/* two maps of one name cannot both go in */
				for (size_t k = 0; k < *n; k++)
					if (strcmp(maps[k]->name,
						   maps[*n]->name) == 0)
						ij_fail(&c, _("name: the same as "
							"map [%zu]'s"), k);
				ij_pop(&c, old);
				(*n)++;
				if (c.err)
					break;
			}
		}
	} else if (root) {
		maps = xcalloc(1, sizeof *maps);
		if ((maps[0] = ij_map(&c, root)) != NULL)
			*n = 1;
	}
	ij_arena_release();	/* root and all it holds */
	if (c.err) {
		import_json_free_all(maps, *n);
		*n = 0;
		*err = c.err;
		return NULL;
	}
	return maps;
}

struct model_map *import_json_parse(const char *text, size_t len, char **err)
{
	size_t n;
	struct model_map **maps = import_json_parse_all(text, len, &n, err);
	if (!maps)
		return NULL;
	if (n != 1) {
		import_json_free_all(maps, n);
		*err = xasprintf(_("expected one map (an object), found an "
				   "array of %zu"), n);
		return NULL;
	}
	struct model_map *m = maps[0];
	free(maps);
	return m;
}

void import_json_free_all(struct model_map **maps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		model_map_free(maps[i]);
	free(maps);
}
