/* testmaps.c - maps built in memory for the io tests. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

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
	return m;
}

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
	t->metric_name = xstrdup(metric_name);
	t->metric_value = xstrdup(metric_value);
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
					   mk, 1, "Clics", "1.200", "");
	t = tm_tp(m, "Seminario web", "En línea", mk, 2, "", "", "");
	tm_contrib(t, ven);
	tm_contrib(t, sales_jp);
	int64_t s2 = tm_stage(m, "購入 Compra", "");
	t = tm_tp(m, "Llamada de demo", "Teléfono", ven, 0, "Conversión",
		  "35 %", "Grabada.\nSe envía el resumen por correo.");
	tm_contrib(t, mk);
	int64_t inv = tm_tp(m, "Factura 🧾", "Correo", 0, -2, "", "",
			    "Nadie la explica.")->id;
	tm_stage(m, "Soporte", "Incidencias y dudas.");
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
	return m;
}
