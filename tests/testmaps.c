/* testmaps.c - maps built in memory for the io tests. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "testmaps.h"
#include "util/xalloc.h"

/* 2024-05-31T14:00:00Z and a day later */
#define TM_T0 1717164000
#define TM_DAY 86400

static struct model_map *tm_map(const char *name, const char *persona,
				const char *scenario, const char *promise)
{
	struct model_map *m = xcalloc(1, sizeof *m);
	m->id = 1;
	m->name = xstrdup(name);
	m->persona = xstrdup(persona);
	m->scenario = xstrdup(scenario);
	m->promise = xstrdup(promise);
	m->owner = xstrdup("");
	m->cx_lead = xstrdup("");
	m->success = xstrdup("");
	return m;
}

/* The map's journey owner, CX lead and definition of success. */
static void tm_lead(struct model_map *m, const char *owner,
		    const char *cx_lead, const char *success)
{
	free(m->owner);
	free(m->cx_lead);
	free(m->success);
	m->owner = xstrdup(owner);
	m->cx_lead = xstrdup(cx_lead);
	m->success = xstrdup(success);
}

/* A metric of a touchpoint (0: of the journey); fields as plan.h text
 * ("" leaves one unset). */
static struct model_metric *tm_metric(struct model_map *m, int64_t tp,
				      const char *name, const char *value,
				      const char *target, const char *unit,
				      const char *better,
				      const char *measured,
				      const char *source)
{
	const char *f[PLAN_METRIC_NFIELDS] = { name, value, target, unit,
					       better, measured, source };
	m->metrics = xrealloc(m->metrics,
			      (m->nmetrics + 1) * sizeof *m->metrics);
	struct model_metric *v = &m->metrics[m->nmetrics++];
	plan_init(PLAN_METRIC, v);
	v->id = 600 + (int64_t)m->nmetrics;
	v->touchpoint_id = tp;
	for (int i = 0; i < PLAN_METRIC_NFIELDS; i++)
		if (!plan_put(PLAN_METRIC, v, i, f[i]))
			abort();
	return v;
}

static void tm_voice(struct model_map *m, enum model_ref_kind kind,
		     int64_t about, const char *voice, const char *text,
		     const char *source, const char *date)
{
	const char *f[PLAN_VOICE_NFIELDS] = { voice, text, source, date };
	m->voices = xrealloc(m->voices, (m->nvoices + 1) * sizeof *m->voices);
	struct model_voice *v = &m->voices[m->nvoices++];
	plan_init(PLAN_VOICE, v);
	v->id = 700 + (int64_t)m->nvoices;
	v->about = (struct model_ref){ kind, about };
	for (int i = 0; i < PLAN_VOICE_NFIELDS; i++)
		if (!plan_put(PLAN_VOICE, v, i, f[i]))
			abort();
}

/* An action; owner is a department id (0: none). */
static int64_t tm_action(struct model_map *m, enum model_ref_kind kind,
			 int64_t fixes, const char *title, int64_t owner,
			 const char *person, const char *status,
			 const char *due, int impact, int effort,
			 int64_t created)
{
	m->actions = xrealloc(m->actions,
			      (m->nactions + 1) * sizeof *m->actions);
	struct model_action *a = &m->actions[m->nactions++];
	plan_init(PLAN_ACTION, a);
	a->id = 800 + (int64_t)m->nactions;
	a->fixes = (struct model_ref){ kind, fixes };
	if (!plan_put(PLAN_ACTION, a, PLAN_ACTION_TITLE, title) ||
	    !plan_put(PLAN_ACTION, a, PLAN_ACTION_PERSON, person) ||
	    !plan_put(PLAN_ACTION, a, PLAN_ACTION_STATUS, status) ||
	    !plan_put(PLAN_ACTION, a, PLAN_ACTION_DUE, due))
		abort();
	a->owner_id = owner;
	a->impact = impact;
	a->effort = effort;
	a->created = created;
	return a->id;
}

static void tm_decision(struct model_map *m, const char *finding,
			struct model_ref s0, struct model_ref s1,
			enum model_decision_kind decision, const char *reason,
			const char *who, int64_t at)
{
	m->decisions = xrealloc(m->decisions,
				(m->ndecisions + 1) * sizeof *m->decisions);
	struct model_decision *d = &m->decisions[m->ndecisions++];
	*d = (struct model_decision){
		.id = 900 + (int64_t)m->ndecisions,
		.finding = xstrdup(finding), .subject = { s0, s1 },
		.decision = decision, .reason = xstrdup(reason),
		.who = xstrdup(who), .at = at };
}

#define TM_REF(k, i) ((struct model_ref){ MODEL_REF_##k, (i) })

/* Departments must be added in name order, as the store gives them. */
static int64_t tm_dept(struct model_map *m, const char *name,
		       const char *label, int colour)
{
	m->departments = xrealloc(m->departments,
				  (m->ndepartments + 1) * sizeof *m->departments);
	struct model_department *d = &m->departments[m->ndepartments++];
	d->id = 100 + (int64_t)m->ndepartments;
	d->name = xstrdup(name);
	d->label = xstrdup(label);
	d->colour = colour;
	return d->id;
}

static int64_t tm_stage(struct model_map *m, const char *name,
			const char *description)
{
	m->stages = xrealloc(m->stages, (m->nstages + 1) * sizeof *m->stages);
	struct model_stage *s = &m->stages[m->nstages++];
	memset(s, 0, sizeof *s);
	s->id = 200 + (int64_t)m->nstages;
	s->name = xstrdup(name);
	s->description = xstrdup(description);
	return s->id;
}

static int64_t tm_next_tp = 300;

/* A touchpoint in the last stage; emotion 99 means none. */
static struct model_touchpoint *tm_tp(struct model_map *m, const char *name,
				      const char *channel, int64_t owner,
				      int emotion, const char *metric_name,
				      const char *metric_value,
				      const char *notes)
{
	struct model_stage *s = &m->stages[m->nstages - 1];
	s->touchpoints = xrealloc(s->touchpoints,
				  (s->ntouchpoints + 1) * sizeof *s->touchpoints);
	struct model_touchpoint *t = &s->touchpoints[s->ntouchpoints++];
	memset(t, 0, sizeof *t);
	t->id = ++tm_next_tp;
	t->stage_id = s->id;
	t->name = xstrdup(name);
	t->channel = xstrdup(channel);
	t->notes = xstrdup(notes);
	/* a version 1 metric, as the importer and the store migrate it */
	if (*metric_name || *metric_value)
		tm_metric(m, t->id, *metric_name ? metric_name : "Metric",
			  metric_value, "", "", "higher", "", "");
	t->owner_id = owner;
	t->has_emotion = emotion != 99;
	t->emotion = emotion == 99 ? 0 : emotion;
	return t;
}

/* Contributors in department name order, as the store gives them. */
static void tm_contrib(struct model_touchpoint *t, int64_t dept)
{
	t->contributors = xrealloc(t->contributors,
				   (t->ncontributors + 1) * sizeof *t->contributors);
	t->contributors[t->ncontributors++] = dept;
}

static void tm_gap(struct model_map *m, int64_t stage, int64_t tp,
		   const char *description, enum model_severity sev,
		   enum model_status status, int64_t created)
{
	m->gaps = xrealloc(m->gaps, (m->ngaps + 1) * sizeof *m->gaps);
	m->gaps[m->ngaps++] = (struct model_gap){
		.id = 400 + (int64_t)m->ngaps, .stage_id = stage,
		.touchpoint_id = tp, .description = xstrdup(description),
		.severity = sev, .status = status, .created = created };
}

static void tm_silo(struct model_map *m, int64_t a, int64_t b, int64_t tp,
		    const char *description, enum model_status status,
		    int64_t created)
{
	m->silos = xrealloc(m->silos, (m->nsilos + 1) * sizeof *m->silos);
	m->silos[m->nsilos++] = (struct model_silo){
		.id = 500 + (int64_t)m->nsilos, .dept_a = a, .dept_b = b,
		.touchpoint_id = tp, .description = xstrdup(description),
		.status = status, .created = created };
}

struct model_map *tm_sample(void)
{
	struct model_map *m = tm_map("Alta de clientes B2B",
		"Ana, responsable de TI en una pyme",
		"Compra la herramienta y la implanta en su equipo.\n"
		"Necesita que funcione antes de fin de trimestre.",
		"En marcha en una semana.");
	int64_t atc = tm_dept(m, "Atención al cliente", "ATC", 3);
	int64_t mk = tm_dept(m, "Marketing", "MKT", 0);
	int64_t ven = tm_dept(m, "Ventas", "VEN", 1);
	int64_t sales_jp = tm_dept(m, "営業", "", 6);
	tm_stage(m, "Conocimiento", "El cliente descubre el producto.");
	struct model_touchpoint *t = tm_tp(m, "Anuncio 📣", "Redes sociales",
					   mk, 1, "Clics", "1200", "");
	int64_t ad = t->id;
	int64_t s1 = m->stages[0].id;
	t = tm_tp(m, "Seminario web", "En línea", mk, 2, "", "", "");
	int64_t webinar = t->id;
	tm_contrib(t, ven);
	tm_contrib(t, sales_jp);
	int64_t s2 = tm_stage(m, "購入 Compra", "");
	t = tm_tp(m, "Llamada de demo", "Teléfono", ven, 0, "Conversión",
		  "35 %", "Grabada.\nSe envía el resumen por correo.");
	tm_contrib(t, mk);
	int64_t demo = t->id;
	t = tm_tp(m, "Factura 🧾", "Correo", 0, -2, "", "",
		  "Nadie la explica.");
	t->moment = true;
	int64_t inv = t->id;
	int64_t s3 = tm_stage(m, "Soporte", "Incidencias y dudas.");
	t = tm_tp(m, "Incidencia", "Centro de ayuda", atc, 99, "CSAT", "4,1",
		  "");
	tm_contrib(t, ven);
	int64_t ticket = t->id;
	tm_gap(m, 0, inv, "Nadie es responsable de la factura",
	       MODEL_SEV_HIGH, MODEL_OPEN, TM_T0);
	tm_gap(m, s2, 0, "La compra tarda seis semanas", MODEL_SEV_MEDIUM,
	       MODEL_OPEN, TM_T0 + TM_DAY);
	tm_gap(m, 0, 0, "No hay un responsable de CX", MODEL_SEV_LOW,
	       MODEL_RESOLVED, TM_T0 + 2 * TM_DAY);
	tm_silo(m, ven, atc, ticket, "Ventas no traspasa el contrato",
		MODEL_OPEN, TM_T0 + TM_DAY);
	tm_silo(m, mk, ven, 0, "Los leads llegan sin contexto",
		MODEL_RESOLVED, TM_T0 + 3 * TM_DAY);
	tm_lead(m, "Lucía Pérez, directora de operaciones", "Marta Gil",
		"Clientes activos en una semana,\nsin llamar a soporte.");
	tm_metric(m, 0, "NPS", "32", "40", "", "higher", "2024-05-01",
		  "Encuesta trimestral");
	tm_metric(m, 0, "Tiempo hasta el valor", "6", "7", "días", "lower",
		  "2024-05-15", "CRM");
	int64_t doubts = tm_metric(m, inv, "Facturas con dudas", "18", "5",
				   "%", "lower", "2024-05-20", "Tickets")->id;
	tm_metric(m, ticket, "Tiempo de respuesta", "", "4", "horas",
		  "lower", "", "");
	tm_voice(m, MODEL_REF_TOUCHPOINT, inv, "customer",
		 "No entiendo qué me cobran.", "entrevista", "2024-05-20");
	tm_voice(m, MODEL_REF_TOUCHPOINT, inv, "data",
		 "18 % de las facturas acaban en un ticket.", "tickets", "");
	tm_voice(m, MODEL_REF_STAGE, s3, "employee",
		 "Nos llegan incidencias sin el contrato.", "taller",
		 "2024-05-22");
	tm_voice(m, MODEL_REF_GAP, m->gaps[0].id, "partner",
		 "El integrador no sabe a quién escalar.", "llamada", "");
	tm_action(m, MODEL_REF_GAP, m->gaps[0].id,
		  "Explicar la factura en el correo de bienvenida", atc,
		  "Jorge", "doing", "2024-06-10", 3, 1, TM_T0 + TM_DAY);
	int64_t handover = tm_action(m, MODEL_REF_SILO, m->silos[0].id,
		  "Traspasar el contrato a soporte", ven, "", "planned",
		  "2024-07-01", 2, 2, TM_T0 + TM_DAY);
	tm_action(m, MODEL_REF_TOUCHPOINT, webinar, "Seminario mensual", mk,
		  "", "idea", "", 1, 3, TM_T0 + 2 * TM_DAY);
	tm_action(m, MODEL_REF_MAP, 0, "Nombrar responsable de CX", 0, "",
		  "done", "2024-05-01", 3, 2, TM_T0);
	tm_action(m, MODEL_REF_TOUCHPOINT, ad, "Folleto impreso", mk, "",
		  "dropped", "", 1, 1, TM_T0);
	tm_decision(m, "handoff", TM_REF(TOUCHPOINT, webinar),
		    TM_REF(TOUCHPOINT, demo), MODEL_DECISION_DISMISSED,
		    "Son alternativas, no una secuencia.", "marta",
		    TM_T0 + 4 * TM_DAY);
	tm_decision(m, "unowned", TM_REF(TOUCHPOINT, inv), TM_REF(NONE, 0),
		    MODEL_DECISION_ACCEPTED,
		    "Riesgo conocido hasta julio.", "lucia",
		    TM_T0 + 5 * TM_DAY);
	tm_decision(m, "concentration", TM_REF(DEPARTMENT, atc),
		    TM_REF(ACTION, handover), MODEL_DECISION_ACCEPTED, "",
		    "marta", TM_T0 + 5 * TM_DAY);
	tm_decision(m, "crowded", TM_REF(STAGE, s1), TM_REF(METRIC, doubts),
		    MODEL_DECISION_DISMISSED, "Etapa corta.", "marta",
		    TM_T0 + 6 * TM_DAY);
	tm_decision(m, "unacknowledged-pain", TM_REF(GAP, m->gaps[1].id),
		    TM_REF(SILO, m->silos[1].id), MODEL_DECISION_DISMISSED,
		    "Ya se trata en la brecha.", "marta", TM_T0 + 6 * TM_DAY);
	return m;
}

struct model_map *tm_hostile(void)
{
	struct model_map *m = tm_map(
		"Q3 <script>alert(1)</script> | *launch* _plan_ & `x` "
		"\x1b[31mred\x1b[0m #",
		"# Not a heading\n- not a list\n+ nor this\n1. nor this\n"
		"2) nor this\n> not a quote\n    not code\n===\n---\n"
		"mail me@evil.example or www.evil.example/p https://evil.example/persona\n"
		"<b>bold</b> &amp; [link](http://x) ![img](y) ~~strike~~ $x$ "
		"[^1] trailing\\\n\nSecond paragraph\\",
		"at www.evil.example\nCR LF\r\nline\rU+2028\xe2\x80\xa8tab\there "
		"RLO\xe2\x80\xae" "evil\xe2\x80\xac",
		"reply to promise@evil.example\nC1 CSI \xc2\x9b" "31m bell \x07 del \x7f nel\xc2\x85" "end");
	int64_t img = tm_dept(m, "<img src=x onerror=alert(1)>", "<i>", 7);
	int64_t rd = tm_dept(m, "R&D | Labs", "R|D", 2);
	int64_t emea = tm_dept(m, "Sales: EMEA; North #1, 100%", "S:E", 1);
	int64_t help = tm_dept(m, "help@evil.example", "www.evil.example", 5);
	int64_t cafe = tm_dept(m, "\xc3\x89xito \xe2\x98\x95 \xe8\xb2\xa9\xe5\xa3\xb2",
			       "", 4);
	tm_stage(m, "Journey: start; #1 % %% done", "*Bold* | pipe\n# hash");
	struct model_touchpoint *t = tm_tp(m, "journey review", "web|app",
					   rd, 2, "a|b", "c|d",
					   "notes | pipe\nnew line\n\nnew para");
	tm_contrib(t, emea);
	tm_contrib(t, cafe);
	t = tm_tp(m, "Title: the end; #2", "`code`", emea, -2, "", "",
		  "```\nfenced?\n```");
	tm_contrib(t, img);
	tm_tp(m, "section 5 %% comment", "**", 0, 0, "", "", "");
	tm_tp(m, "accDescr {x}", "", img, 1, "", "", "");
	tm_tp(m, "%%{init: {}}%%", "", cafe, 99, "", "", "");
	tm_stage(m, "title Section", "");
	t = tm_tp(m, "nbsp\xc2\xa0" "inside", "nbsp\xc2\xa0" "channel", 0, 99, "", "", "");
	t = tm_tp(m, "back\\slash\\", "\\|", rd, -1, "", "", "\\");
	t = tm_tp(m, "\x1b]0;pwned\x07 title", "\x1b[2J", emea, 0, "", "",
		  "\xc2\x9b" "1;31m");
	int64_t evil = t->id;
	t = tm_tp(m, "line1\nline2\r\nline3", "a\tb", 0, 99, "", "", "");
	int64_t empty = tm_stage(m, "\xc3\x9cn\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9 "
				 "\xe8\xb3\xbc\xe5\x85\xa5 \xf0\x9f\x9b\x92", "");
	tm_stage(m, "Docs www.evil.example", "Read https://evil.example/docs\n"
		 "or mail help@evil.example\nor www.evil.example\n"
		 "ftp://evil.example/x");
	t = tm_tp(m, "https://evil.example/login?a=1&b=2", "www.evil.example",
		  help, 1, "HTTP://WWW.EVIL.EXAMPLE", "a.b+c@evil.example",
		  "FTP://evil.example/x mailto:a@evil.example "
		  "xmpp:b@evil.example/r (www.evil.example) @octocat");
	int64_t link = t->id;
	tm_gap(m, 0, link, "see https://evil.example/gap", MODEL_SEV_LOW,
	       MODEL_OPEN, TM_T0);
	tm_silo(m, emea, help, link, "ask ops@evil.example", MODEL_OPEN, TM_T0);
	tm_gap(m, 0, evil, "gap | with *stars* and \x1b[1mbold\x1b[0m",
	       MODEL_SEV_HIGH, MODEL_OPEN, TM_T0);
	tm_gap(m, empty, 0, "<!-- comment --> & &lt; entity", MODEL_SEV_LOW,
	       MODEL_OPEN, TM_T0);
	tm_gap(m, 0, 0, "line\nbreak | map-wide", MODEL_SEV_MEDIUM,
	       MODEL_RESOLVED, TM_T0 + TM_DAY);
	tm_silo(m, img, rd, evil, "silo `tick` | <u>u</u>", MODEL_OPEN, TM_T0);
	tm_lead(m, "<b>Boss</b> | *owner* \x1b[31m", "@lead www.evil.example",
		"# success\n- list | pipe\n\xc2\x9b" "31m");
	int64_t nps = tm_metric(m, 0, "NPS | <i>", "-5", "1e3", "`%`|",
				"higher", "2024-02-29", "*survey* @x")->id;
	tm_metric(m, evil, "m\x1b[2J", "a|b <c>", "", "\xe2\x80\xae",
		  "lower", "", "");
	tm_voice(m, MODEL_REF_TOUCHPOINT, evil, "customer",
		 "\"quote\" | <script>x</script>\n# not a heading",
		 "ticket `#1`", "2024-01-31");
	tm_voice(m, MODEL_REF_STAGE, empty, "partner", "www.evil.example/v",
		 "\x1b]0;t\x07", "");
	tm_voice(m, MODEL_REF_GAP, m->gaps[0].id, "data", "**50%** | _x_",
		 "", "");
	tm_action(m, MODEL_REF_TOUCHPOINT, evil, "Fix | *it* <now>", rd,
		  "@dev \x1b[1m", "planned", "2020-01-01", 3, 1, TM_T0);
	tm_action(m, MODEL_REF_SILO, m->silos[0].id, "`rm -rf` ~~x~~", 0,
		  "", "idea", "", 2, 2, TM_T0 + TM_DAY);
	tm_decision(m, "empty-stage", TM_REF(MAP, 0), TM_REF(METRIC, nps),
		    MODEL_DECISION_DISMISSED, "reason | <b>x</b>\nline",
		    "who\x1b[31m", TM_T0);
	return m;
}

struct model_map *tm_empty(void)
{
	return tm_map("Empty", "", "", "");
}

/* Every byte class the exporters' escaping tells apart. */
#define TM_C0 "\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f" \
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
#define TM_C1 "\xc2\x80\xc2\x81\xc2\x84\xc2\x85\xc2\x8d\xc2\x9b\xc2\x9f"
#define TM_BIDI "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad" \
	"\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9"
#define TM_SEPS "\xe2\x80\xa8|\xe2\x80\xa9"
#define TM_BAD "\xff.\xc0\xaf.\xed\xa0\x80.\x80.\xf4\x90\x80\x80.\xf5.\xe2\x82"
#define TM_UTF8 "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\xa0 " \
	"\xe2\x80\x8b \xe8\xb2\xa9 \xef\xbf\xbd \xf4\x8f\xbf\xbf"
#define TM_MD "| \\ \\| <b>x</b> &amp; `c` *e* _u_ [l](x) ~s~ #h $m$ " \
	"@me www.x.org WWW.Y http://x ftp://y a:b a.b"
#define TM_JSON "\"q\" \\ / \b \f \n \r \t"

struct model_map *tm_escapes(void)
{
	struct model_map *m = tm_map("Esc " TM_MD " " TM_UTF8,
		"- dash\n+ plus\n= eq\n:--- colon\n12. num\n7) paren\n"
		"  lead and trail  \n\n\n" TM_C0 "\n" TM_MD "\r\nCR\rNEL"
		"\xc2\x85" "LS\xe2\x80\xa8" "end",
		TM_BAD "\n" TM_C1 "\n" TM_BIDI, "");
	int64_t a = tm_dept(m, "A " TM_MD, TM_C0, 1);
	int64_t b = tm_dept(m, "B " TM_JSON " " TM_BAD, TM_BIDI, 2);
	int64_t c = tm_dept(m, "C :;#%<>, " TM_C1, "", 3);
	int64_t d = tm_dept(m, "D " TM_SEPS, "", 4);
	tm_stage(m, "title " TM_MD, "1. " TM_MD "\n" TM_JSON "\n\n" TM_BAD);
	struct model_touchpoint *t = tm_tp(m, "journey " TM_C0, TM_C1, a, -2,
					   TM_MD, TM_JSON, TM_UTF8 " " TM_BAD);
	tm_contrib(t, b);
	tm_contrib(t, c);
	tm_contrib(t, d);
	int64_t pain = tm_tp(m, ":;#%<>, " TM_BIDI, TM_SEPS, b, -1, "", "",
			     TM_MD " " TM_MD)->id;
	tm_tp(m, "\xc2\xa0 " TM_UTF8 " \xc2\xa0", "", 0, 99, "", TM_BAD, "");
	t = tm_tp(m, "section " TM_SEPS " x", "", c, 2, TM_C0, "", TM_JSON);
	tm_contrib(t, a);
	int64_t s2 = tm_stage(m, TM_BAD, TM_C0);
	tm_tp(m, TM_BAD, TM_BAD, d, 0, TM_BAD, TM_BAD, TM_BAD);
	tm_tp(m, "www.x " TM_JSON, "", a, 1, "", "", "");
	tm_stage(m, TM_C1 TM_BIDI, "");
	tm_gap(m, 0, pain, TM_MD " " TM_C0, MODEL_SEV_HIGH, MODEL_OPEN, TM_T0);
	tm_gap(m, s2, 0, TM_JSON " " TM_BAD, MODEL_SEV_LOW, MODEL_RESOLVED,
	       TM_T0 + TM_DAY);
	tm_gap(m, 0, 0, TM_UTF8 TM_SEPS TM_BIDI, MODEL_SEV_MEDIUM, MODEL_OPEN,
	       0);
	tm_silo(m, a, b, t->id, TM_C1 " " TM_MD, MODEL_OPEN, TM_T0);
	tm_silo(m, c, d, 0, TM_JSON, MODEL_RESOLVED, 0);
	/* no journey owner and the voice on a gap: what the analysis finds
	 * stays as before (tests/check_report.c reports this map) */
	tm_lead(m, "", TM_MD " " TM_C1 " " TM_BIDI " " TM_BAD,
		TM_C0 "\n" TM_MD);
	tm_metric(m, 0, TM_MD, TM_JSON, "", TM_C1, "lower", "", TM_BAD);
	tm_voice(m, MODEL_REF_GAP, m->gaps[2].id, "employee",
		 TM_MD "\n" TM_C0, TM_BIDI, "");
	tm_action(m, MODEL_REF_TOUCHPOINT, pain, TM_MD " " TM_C1, b,
		  TM_BAD, "doing", "", 2, 3, TM_T0);
	tm_decision(m, "crowded", TM_REF(TOUCHPOINT, pain), TM_REF(NONE, 0),
		    MODEL_DECISION_ACCEPTED, TM_MD "\n" TM_C0, TM_SEPS, TM_T0);
	return m;
}
