/* history.c - the file's history of changes, in words for people.
 *
 * Whole sentences, one per kind of change, so that translators never have
 * to assemble one from pieces. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "core/history.h"
#include "core/model.h"
#include "core/plan.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* A decision on a finding: its name is the finding's kind (shown by its
 * label), its value "accepted" or "dismissed". */
static char *history_decided(const struct store_change *c)
{
	bool dismissed = plan_decision_parse(c->value) ==
			 MODEL_DECISION_DISMISSED;
	int kind = analysis_kind_parse(c->name);
	const char *n = kind >= 0 ? analysis_kind_label(kind) : c->name;
	if (c->action == STORE_ACTION_DELETE)
		return xasprintf(dismissed
			? _("took back the dismissal of finding “%s”")
			: _("took back the acceptance of finding “%s”"), n);
	return xasprintf(dismissed ? _("dismissed finding “%s”")
				   : _("accepted finding “%s”"), n);
}

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
	/* the value names what the item was added to ("": the journey) */
	case STORE_KIND_METRIC:
		if (*c->value)
			return xasprintf(_("added metric “%s” to “%s”"), n,
					 c->value);
		return xasprintf(_("added metric “%s” to the journey"), n);
	case STORE_KIND_VOICE:
		return xasprintf(_("added a voice to “%s”: “%s”"), c->value, n);
	case STORE_KIND_ACTION:
		if (*c->value)
			return xasprintf(_("added action “%s” to fix “%s”"), n,
					 c->value);
		return xasprintf(_("added action “%s” for the journey"), n);
	case STORE_KIND_DECISION:
		return history_decided(c);
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
	case STORE_KIND_METRIC:
		return xasprintf(_("deleted metric “%s”"), n);
	case STORE_KIND_VOICE:
		return xasprintf(_("deleted voice “%s”"), n);
	case STORE_KIND_ACTION:
		return xasprintf(_("deleted action “%s”"), n);
	case STORE_KIND_DECISION:
		return history_decided(c);
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
	case STORE_KIND_METRIC:
		return xasprintf(_("renamed metric “%s” to “%s”"), n, v);
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
	if (is(f, "moment") && atoi(v))
		return xasprintf(_("marked “%s” as a moment of truth"), n);
	if (is(f, "moment"))
		return xasprintf(_("unmarked “%s” as a moment of truth"), n);
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

/* Metrics, voices and actions: the field is plan_field_key's, the value
 * the field's text (plan.h): keys of enumerations show as their labels,
 * an empty text as "cleared". */
static char *history_metric_changed(const struct store_change *c)
{
	const char *f = c->field, *n = c->name, *v = c->value;
	int better = plan_better_parse(v);
	if (is(f, "value"))
		return *v ? xasprintf(_("set the value of metric “%s” to %s"), n, v)
			  : xasprintf(_("cleared the value of metric “%s”"), n);
	if (is(f, "target"))
		return *v ? xasprintf(_("set the target of metric “%s” to %s"), n, v)
			  : xasprintf(_("cleared the target of metric “%s”"), n);
	if (is(f, "unit"))
		return xasprintf(_("set the unit of metric “%s” to “%s”"), n, v);
	if (is(f, "better") && better >= 0)
		return xasprintf(_("set metric “%s” to %s"), n,
				 plan_better_label((enum model_better)better));
	if (is(f, "measured"))
		return *v ? xasprintf(_("set when metric “%s” was measured to %s"),
				      n, v)
			  : xasprintf(_("cleared when metric “%s” was measured"), n);
	if (is(f, "source"))
		return xasprintf(_("set the source of metric “%s” to “%s”"), n, v);
	return xasprintf(_("changed metric “%s”"), n);
}

static char *history_voice_changed(const struct store_change *c)
{
	const char *f = c->field, *n = c->name, *v = c->value;
	int kind = plan_voice_kind_parse(v);
	if (is(f, "kind") && kind >= 0)
		return xasprintf(_("set whose voice “%s” is to %s"), n,
				 plan_voice_kind_label((enum model_voice_kind)kind));
	if (is(f, "text"))
		return xasprintf(_("changed voice “%s” to “%s”"), n, v);
	if (is(f, "source"))
		return xasprintf(_("set the source of voice “%s” to “%s”"), n, v);
	if (is(f, "date"))
		return *v ? xasprintf(_("set the date of voice “%s” to %s"), n, v)
			  : xasprintf(_("cleared the date of voice “%s”"), n);
	return xasprintf(_("changed voice “%s”"), n);
}

static char *history_action_changed(const struct store_change *c)
{
	const char *f = c->field, *n = c->name, *v = c->value;
	int status = plan_action_status_parse(v);
	if (is(f, "title"))
		return xasprintf(_("renamed action “%s” to “%s”"), n, v);
	if (is(f, "owner"))
		return *v ? xasprintf(_("set the owner of action “%s” to %s"), n, v)
			  : xasprintf(_("removed the owner of action “%s”"), n);
	if (is(f, "person"))
		return *v ? xasprintf(_("set the person for action “%s” to “%s”"),
				      n, v)
			  : xasprintf(_("removed the person for action “%s”"), n);
	if (is(f, "status") && status >= 0)
		return xasprintf(_("marked action “%s” as %s"), n,
				 plan_action_status_label(
					 (enum model_action_status)status));
	if (is(f, "due"))
		return *v ? xasprintf(_("set the due date of action “%s” to %s"),
				      n, v)
			  : xasprintf(_("cleared the due date of action “%s”"), n);
	if (is(f, "impact"))
		return xasprintf(_("set the impact of action “%s” to %s"), n, v);
	if (is(f, "effort"))
		return xasprintf(_("set the effort of action “%s” to %s"), n, v);
	return xasprintf(_("changed action “%s”"), n);
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
		if (is(f, "journey_owner"))
			return xasprintf(_("set the journey owner of map “%s” to “%s”"),
					 n, v);
		if (is(f, "cx_lead"))
			return xasprintf(_("set the CX lead of map “%s” to “%s”"),
					 n, v);
		if (is(f, "success"))
			return xasprintf(_("set the definition of success of map “%s” to “%s”"),
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
	case STORE_KIND_METRIC:
		return history_metric_changed(c);
	case STORE_KIND_VOICE:
		return history_voice_changed(c);
	case STORE_KIND_ACTION:
		return history_action_changed(c);
	case STORE_KIND_DECISION:
		return history_decided(c);
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
