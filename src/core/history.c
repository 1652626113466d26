/* history.c - the file's history of changes, in words for people.
 *
 * Whole sentences, one per kind of change, so that translators never have
 * to assemble one from pieces. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/model.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static char *history_added(const struct store_change *c)
{
	const char *n = c->name;
	switch (c->kind) {
	case STORE_KIND_MAP:
		return xasprintf(_("created map “%s”"), n);
	case STORE_KIND_STAGE:
		return xasprintf(_("added stage “%s”"), n);
	case STORE_KIND_TOUCHPOINT:
		return xasprintf(_("added touchpoint “%s” to stage “%s”"), n,
				 c->value);
	case STORE_KIND_DEPARTMENT:
		return xasprintf(_("added department “%s”"), n);
	case STORE_KIND_GAP:
		return xasprintf(_("recorded gap “%s”"), n);
	case STORE_KIND_SILO:
		return xasprintf(_("recorded silo “%s”"), n);
	default:	/* the plan's kinds: words come with the edit layer */
		break;
	}
	return xstrdup(n);
}

static char *history_deleted(const struct store_change *c)
{
	const char *n = c->name;
	int count = atoi(c->value);
	switch (c->kind) {
	case STORE_KIND_MAP:
		return xasprintf(_("deleted map “%s”"), n);
	case STORE_KIND_STAGE:
		if (count > 0)
			return xasprintf(ngettext(
				"deleted stage “%s” with %d touchpoint",
				"deleted stage “%s” with %d touchpoints",
				(unsigned long)count), n, count);
		return xasprintf(_("deleted stage “%s”"), n);
	case STORE_KIND_TOUCHPOINT:
		return xasprintf(_("deleted touchpoint “%s”"), n);
	case STORE_KIND_DEPARTMENT:
		return xasprintf(_("deleted department “%s”"), n);
	case STORE_KIND_GAP:
		return xasprintf(_("deleted gap “%s”"), n);
	case STORE_KIND_SILO:
		return xasprintf(_("deleted silo “%s”"), n);
	default:	/* the plan's kinds: words come with the edit layer */
		break;
	}
	return xstrdup(n);
}

static char *history_moved(const struct store_change *c)
{
	if (c->kind == STORE_KIND_STAGE)
		return xasprintf(_("moved stage “%s” to position %d"), c->name,
				 atoi(c->value) + 1);
	if (strcmp(c->field, "position") == 0)
		return xasprintf(_("moved touchpoint “%s” to position %d in its stage"),
				 c->name, atoi(c->value) + 1);
	return xasprintf(_("moved touchpoint “%s” to stage “%s”"), c->name,
			 c->value);
}

static bool is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static char *history_renamed(const struct store_change *c)
{
	const char *n = c->name, *v = c->value;
	switch (c->kind) {
	case STORE_KIND_MAP:
		return xasprintf(_("renamed map “%s” to “%s”"), n, v);
	case STORE_KIND_STAGE:
		return xasprintf(_("renamed stage “%s” to “%s”"), n, v);
	case STORE_KIND_TOUCHPOINT:
		return xasprintf(_("renamed touchpoint “%s” to “%s”"), n, v);
	default:
		return xasprintf(_("renamed department “%s” to “%s”"), n, v);
	}
}

static char *history_tp_changed(const struct store_change *c)
{
	const char *f = c->field, *n = c->name, *v = c->value;
	if (is(f, "channel"))
		return xasprintf(_("set the channel of touchpoint “%s” to “%s”"),
				 n, v);
	if (is(f, "notes"))
		return xasprintf(_("changed the notes of touchpoint “%s”"), n);
	if (is(f, "metric_name"))
		return xasprintf(_("set the metric of touchpoint “%s” to “%s”"),
				 n, v);
	if (is(f, "metric_value"))
		return xasprintf(_("set the metric value of touchpoint “%s” to “%s”"),
				 n, v);
	if (is(f, "emotion") && !*v)
		return xasprintf(_("cleared the emotion of touchpoint “%s”"), n);
	if (is(f, "emotion"))
		return xasprintf(_("set the emotion of touchpoint “%s” to %s"), n,
				 v);
	if (is(f, "owner") && !*v)
		return xasprintf(_("removed the owner of touchpoint “%s”"), n);
	if (is(f, "owner"))
		return xasprintf(_("set the owner of touchpoint “%s” to %s"), n,
				 v);
	if (is(f, "add_contributor"))
		return xasprintf(_("added a contributor to touchpoint “%s”: %s"),
				 n, v);
	if (is(f, "remove_contributor"))
		return xasprintf(_("removed a contributor from touchpoint “%s”: %s"),
				 n, v);
	return xasprintf(_("changed touchpoint “%s”"), n);
}

/* Severity and status are stored by key; show their translated labels. */
static char *history_record_changed(const struct store_change *c)
{
	const char *f = c->field, *n = c->name;
	bool gap = c->kind == STORE_KIND_GAP;
	int status = model_status_parse(c->value);
	int severity = model_severity_parse(c->value);
	if (is(f, "status") && status >= 0)
		return gap ? xasprintf(_("marked gap “%s” as %s"), n,
				       model_gap_status_label(status))
			   : xasprintf(_("marked silo “%s” as %s"), n,
				       model_status_label(status));
	if (is(f, "severity") && severity >= 0)
		return xasprintf(_("set the severity of gap “%s” to %s"), n,
				 model_severity_label(severity));
	return gap ? xasprintf(_("changed the description of gap “%s” to “%s”"),
			       n, c->value)
		   : xasprintf(_("changed the description of silo “%s” to “%s”"),
			       n, c->value);
}

static char *history_changed(const struct store_change *c)
{
	const char *f = c->field, *n = c->name, *v = c->value;
	if (is(f, "name"))
		return history_renamed(c);
	switch (c->kind) {
	case STORE_KIND_MAP:
		if (is(f, "persona"))
			return xasprintf(_("set the persona of map “%s” to “%s”"),
					 n, v);
		if (is(f, "scenario"))
			return xasprintf(_("set the scenario of map “%s” to “%s”"),
					 n, v);
		return xasprintf(_("set the brand promise of map “%s” to “%s”"),
				 n, v);
	case STORE_KIND_STAGE:
		return xasprintf(_("changed the description of stage “%s”"), n);
	case STORE_KIND_TOUCHPOINT:
		return history_tp_changed(c);
	case STORE_KIND_DEPARTMENT:
		if (is(f, "label"))
			return xasprintf(_("set the label of department “%s” to “%s”"),
					 n, v);
		return xasprintf(_("changed the colour of department “%s”"), n);
	case STORE_KIND_GAP:
	case STORE_KIND_SILO:
		return history_record_changed(c);
	default:	/* the plan's kinds: words come with the edit layer */
		break;
	}
	return xstrdup(n);
}

char *history_describe(const struct store_change *c)
{
	switch (c->action) {
	case STORE_ACTION_ADD:
		return history_added(c);
	case STORE_ACTION_CHANGE:
		return history_changed(c);
	case STORE_ACTION_MOVE:
		return history_moved(c);
	case STORE_ACTION_DELETE:
		return history_deleted(c);
	}
	return xstrdup(c->name);
}
