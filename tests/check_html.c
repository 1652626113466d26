/* check_html.c - the HTML page (export --format html): a hostile map
 * injects nothing (no script, no element or attribute a name brought),
 * the page fetches nothing, its sections come in the document's order,
 * every badge links to an entry on the page, the same map gives the
 * same bytes, and the headings follow the language. */
#include <config.h>

#include <check.h>
#include <ctype.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builder.h"
#include "io/export_html.h"
#include "testmaps.h"
#include "testutil.h"

#define SCRIPT "<script>alert(1)</script>"
#define IMG "\"><img src=x onerror=alert(1)>"

/* Names that try to become markup, entities, escape sequences, bidi
 * overrides and line breaks, everywhere a name goes. */
static struct model_map *hostile(void)
{
	struct model_map *m = tb_map(SCRIPT " map");
	free(m->persona);
	m->persona = strdup("&amp; persona\nline two \xe2\x80\xae" "evil");
	int64_t a = tb_dept(m, IMG " dept");
	int64_t c = tb_dept(m, "Sales &amp; \x1b[31mred");
	int64_t s1 = tb_stage(m, SCRIPT " stage");
	int64_t t1 = tb_tp(m, s1, IMG " tp", a);
	int64_t t2 = tb_tp(m, s1, "line\nbreak \xe2\x80\xae" "rtl", 0);
	int64_t s2 = tb_stage(m, "<style>body{display:none}</style>");
	int64_t t3 = tb_tp(m, s2, "<a href=\"http://evil\">x</a>", c);
	tb_contributor(m, t1, c);
	tb_contributor(m, t2, a);
	tb_emotion(m, t1, -2);
	tb_emotion(m, t3, 1);
	tb_moment(m, t1, true);
	tb_gap(m, s1, t1, MODEL_SEV_HIGH, MODEL_OPEN);
	tb_silo(m, a, c, t3, MODEL_OPEN);
	tb_metric(m, t1, "<svg onload=alert(1)>", "3", "5", "higher");
	tb_voice(m, MODEL_REF_TOUCHPOINT, t1, MODEL_VOICE_CUSTOMER,
		 "<iframe src=javascript:alert(1)>");
	tb_action(m, MODEL_REF_TOUCHPOINT, t1, "<object data=x>", a,
		  MODEL_ACTION_PLANNED, "2024-01-01");
	return m;
}

/* A plain map with everything: owners, contributors, no owner, a
 * finding on a card, an open gap and silo, metrics, voices, actions. */
static struct model_map *plain(void)
{
	struct model_map *m = tb_map("Plain journey");
	int64_t ops = tb_dept(m, "Operations");
	int64_t sal = tb_dept(m, "Sales");
	int64_t s1 = tb_stage(m, "Discover");
	int64_t s2 = tb_stage(m, "Buy");
	tb_tp(m, s1, "Advert", sal);
	int64_t t2 = tb_tp(m, s2, "Checkout", ops);
	int64_t t3 = tb_tp(m, s2, "Invoice", 0);
	tb_contributor(m, t2, sal);
	tb_emotion(m, t2, -1);
	tb_emotion(m, t3, -2);
	tb_moment(m, t2, true);
	tb_gap(m, s2, t2, MODEL_SEV_MEDIUM, MODEL_OPEN);
	tb_gap(m, s1, 0, MODEL_SEV_LOW, MODEL_RESOLVED);
	tb_silo(m, ops, sal, t2, MODEL_OPEN);
	tb_metric(m, 0, "NPS", "20", "40", "higher");
	tb_metric(m, t2, "CSAT", "70", "80", "higher");
	tb_voice(m, MODEL_REF_TOUCHPOINT, t2, MODEL_VOICE_CUSTOMER,
		 "Too many steps");
	tb_action(m, MODEL_REF_TOUCHPOINT, t2, "Shorter checkout", ops,
		  MODEL_ACTION_PLANNED, "2024-01-01");
	return m;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static const char *ifind(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* Every tag of the page: its name is one we write, no attribute is an
 * event handler or fetches anything, every link stays on the page and
 * goes to an id the page has. */
static void check_tags(const char *html)
{
	static const char *const ok[] = {
		"!doctype", "html", "head", "meta", "title", "style", "body",
		"main", "header", "nav", "section", "h1", "h2", "h3", "h4",
		"h5", "h6", "p", "ul", "ol", "li", "dl", "dt", "dd", "table",
		"thead", "tbody", "tr", "th", "td", "span", "div", "a", "em",
		"strong", "br", "blockquote", NULL };
	int in_svg = 0;
	for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
		const char *end = strchr(p, '>');
		ck_assert_ptr_nonnull(end);
		char name[32] = "";
		size_t n = 0;
		const char *q = p + 1 + (p[1] == '/');
		while (n < sizeof name - 1 && (isalnum((unsigned char)q[n]) ||
					       q[n] == '!'))
			name[n] = (char)tolower((unsigned char)q[n]), n++;
		name[n] = '\0';
		if (strcmp(name, "svg") == 0)
			in_svg = p[1] != '/';
		bool known = in_svg || strcmp(name, "svg") == 0;
		for (size_t i = 0; !known && ok[i]; i++)
			known = strcmp(name, ok[i]) == 0;
		ck_assert_msg(known, "unexpected tag <%s> at: %.60s", name, p);
		/* attributes: name=... */
		for (const char *a = q + n; a < end; a++) {
			if (*a == '"') {	/* skip a quoted value */
				a = strchr(a + 1, '"');
				ck_assert_msg(a && a < end, "quote at %.60s", p);
				continue;
			}
			if (!isspace((unsigned char)a[-1]) ||
			    !isalpha((unsigned char)*a))
				continue;
			ck_assert_msg(strncasecmp(a, "on", 2) != 0 &&
				      strncasecmp(a, "src", 3) != 0 &&
				      strncasecmp(a, "xlink", 5) != 0 &&
				      strncasecmp(a, "action", 6) != 0,
				      "attribute at: %.60s", a);
			if (strncasecmp(a, "href=\"", 6) == 0) {
				ck_assert_msg(a[6] == '#', "link out: %.60s", a);
				const char *e = strchr(a + 7, '"');
				char *id = strndup(a + 7, (size_t)(e - a - 7));
				char want[300];
				snprintf(want, sizeof want, " id=\"%s\"", id);
				ck_assert_msg(strstr(html, want),
					      "no target for #%s", id);
				free(id);
			}
		}
	}
}

static void check_closed(const char *html)
{
	for (const unsigned char *p = (const unsigned char *)html; *p; p++)
		ck_assert_msg(*p == '\n' || (*p >= 0x20 && *p != 0x7f),
			      "control 0x%02x", *p);
	ck_assert_ptr_null(strstr(html, "\xe2\x80\xae"));	/* RLO */
	ck_assert_ptr_null(ifind(html, "<script"));
	ck_assert_ptr_null(ifind(html, "<img"));
	ck_assert_ptr_null(ifind(html, "<iframe"));
	ck_assert_ptr_null(ifind(html, "<object"));
	ck_assert_ptr_null(ifind(html, "<a href=\"http"));
	ck_assert_int_eq(count(html, "<style>"), 1);
	check_tags(html);
}

START_TEST(test_hostile_injects_nothing)
{
	struct model_map *m = hostile();
	char *html = export_html(m);
	check_closed(html);
	/* every name is there, as text */
	ck_assert_ptr_nonnull(strstr(html, "&lt;script&gt;alert(1)&lt;/script"
					   "&gt; map"));
	ck_assert_ptr_nonnull(strstr(html, "&quot;&gt;&lt;img src=x "
					   "onerror=alert(1)&gt; tp"));
	ck_assert_ptr_nonnull(strstr(html, "&quot;&gt;&lt;img src=x "
					   "onerror=alert(1)&gt; dept"));
	ck_assert_ptr_nonnull(strstr(html, "&amp;amp; persona<br>"));
	ck_assert_ptr_nonnull(strstr(html, "Sales &amp;amp; \\x1b[31mred"));
	ck_assert_ptr_nonnull(strstr(html, "line break "));
	ck_assert_ptr_nonnull(strstr(html, "&lt;style&gt;body{display:none}"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;a href=&quot;http://evil"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;svg onload=alert(1)&gt;"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;iframe src=javascript:"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;object data=x&gt;"));
	/* the title too */
	ck_assert_ptr_nonnull(strstr(html, "<title>&lt;script&gt;"));
	free(html);
	model_map_free(m);
}
END_TEST

/* The test maps built to break Markdown and terminals. */
START_TEST(test_testmaps_inject_nothing)
{
	struct model_map *(*make[])(void) = { tm_hostile, tm_escapes,
					      tm_sample, tm_empty };
	struct model_map *m = make[_i]();
	char *html = export_html(m);
	check_closed(html);
	free(html);
	model_map_free(m);
}
END_TEST

START_TEST(test_fetches_nothing)
{
	struct model_map *m = plain();
	char *html = export_html(m);
	/* the inline SVG's namespace is a name, not something fetched */
	ck_assert_int_eq(count(html, "http"),
			 count(html, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	ck_assert_ptr_null(ifind(html, "src="));
	ck_assert_ptr_null(ifind(html, "url("));
	ck_assert_ptr_null(ifind(html, "@import"));
	ck_assert_ptr_null(ifind(html, "@font-face"));
	ck_assert_ptr_null(ifind(html, "file:"));
	ck_assert_ptr_null(ifind(html, "<link"));
	ck_assert_int_eq(count(html, "href=\""), count(html, "href=\"#"));
	ck_assert_int_eq(strncmp(html, "<!doctype html>\n<html lang=\"en\">", 32),
			 0);
	ck_assert_ptr_nonnull(strstr(html, "<meta charset=\"utf-8\">"));
	ck_assert_ptr_nonnull(strstr(html, "<meta name=\"viewport\""));
	ck_assert_ptr_nonnull(strstr(html, "<title>Plain journey</title>"));
	ck_assert_ptr_nonnull(strstr(html, "@media print"));
	ck_assert_ptr_nonnull(strstr(html, "</html>\n"));
	check_closed(html);
	free(html);
	model_map_free(m);
}
END_TEST

/* The sections in the document's order, under the Markdown's headings. */
START_TEST(test_section_order)
{
	static const char *const order[] = {
		"<h1>Plain journey</h1>", "<h2>Summary</h2>", "<h2>Journey</h2>",
		"<h2>Findings</h2>", "<h2>Ownership</h2>", "<h2>Handoffs</h2>",
		"<h2>Gaps</h2>", "<h2>Silos</h2>", "<h2>Metrics</h2>",
		"<h2>Voices</h2>", "<h2>Actions</h2>", "<h2>Legend</h2>" };
	struct model_map *m = plain();
	char *html = export_html(m);
	const char *at = html;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		const char *p = strstr(html, order[i]);
		ck_assert_msg(p, "missing %s", order[i]);
		ck_assert_msg(p > at, "%s out of order", order[i]);
		ck_assert_int_eq(count(html, order[i]), 1);
		at = p;
	}
	/* findings grouped by severity, high first */
	const char *hi = strstr(html, ">High <span"),
		   *med = strstr(html, ">Medium <span");
	ck_assert_ptr_nonnull(hi);
	ck_assert_ptr_nonnull(med);
	ck_assert(hi < med);
	free(html);
	model_map_free(m);
}
END_TEST

/* The grid: owners' cards solid, contributors' apart, a "no owner" row,
 * the emotion in words, and badges linking to the entries. */
START_TEST(test_grid_cards)
{
	struct model_map *m = plain();
	char *html = export_html(m);
	const char *grid = strstr(html, "<table class=\"grid\"");
	ck_assert_ptr_nonnull(grid);
	const char *end = strstr(grid, "</table>");
	char *g = strndup(grid, (size_t)(end - grid));
	/* rows: Operations, Sales, no owner */
	const char *ops = strstr(g, ">Operations</th>");
	const char *sal = strstr(g, ">Sales</th>");
	const char *none = strstr(g, ">no owner</th>");
	ck_assert_ptr_nonnull(ops);
	ck_assert_ptr_nonnull(sal);
	ck_assert_ptr_nonnull(none);
	ck_assert(ops < sal);
	ck_assert(sal < none);
	/* Operations owns Checkout (a moment of truth), Sales contributes */
	const char *own = strstr(ops, "<div class=\"card moment\">");
	ck_assert_ptr_nonnull(own);
	ck_assert(own < sal);
	ck_assert_ptr_nonnull(strstr(own, "\xe2\x98\x85</span> Checkout"));
	const char *helps = strstr(sal, "<div class=\"card helps moment\">");
	ck_assert_ptr_nonnull(helps);
	ck_assert(helps < none);
	ck_assert_ptr_nonnull(strstr(helps, ">contributes<"));
	/* the emotion: sign and word */
	ck_assert_ptr_nonnull(strstr(own, "\xe2\x88\x92" "1 negative"));
	/* badges: the gap and the silo on Checkout */
	ck_assert_ptr_nonnull(strstr(own, "<a class=\"badge gap\" href=\"#g1\""));
	ck_assert_ptr_nonnull(strstr(own, "<a class=\"badge silo\" href=\"#s1\""));
	ck_assert_ptr_nonnull(strstr(html, "<tr id=\"g1\">"));
	ck_assert_ptr_nonnull(strstr(html, "<tr id=\"s1\">"));
	/* the invoice nobody owns has a high finding badge */
	const char *inv = strstr(none, "Invoice");
	ck_assert_ptr_nonnull(inv);
	ck_assert_ptr_nonnull(strstr(inv, "class=\"badge sev sev-2\""));
	free(g);
	check_tags(html);
	free(html);
	model_map_free(m);
}
END_TEST

START_TEST(test_same_bytes)
{
	struct model_map *m = plain();
	char *a = export_html(m), *b = export_html(m);
	ck_assert_str_eq(a, b);
	const char *path = tu_path("page.html");
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(export_html_write(m, f), 0);
	fclose(f);
	size_t len;
	char *c = tu_read_file(path, &len);
	ck_assert_uint_eq(len, strlen(a));
	ck_assert_str_eq(a, c);
	free(a);
	free(b);
	free(c);
	model_map_free(m);
	tu_cleanup();
}
END_TEST

START_TEST(test_all_maps)
{
	struct model_map *m[2] = { plain(), hostile() };
	char *html = export_html_all((const struct model_map *const *)m, 2);
	ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#m1-\">Plain journey"));
	ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#m2-\">&lt;script"));
	ck_assert_ptr_nonnull(strstr(html, "<h2 id=\"m1-\">Plain journey</h2>"));
	ck_assert_ptr_nonnull(strstr(html, "<tr id=\"m1-g1\">"));
	ck_assert_ptr_nonnull(strstr(html, "<tr id=\"m2-g1\">"));
	ck_assert_int_eq(count(html, "<!doctype html>"), 1);
	check_closed(html);
	free(html);
	model_map_free(m[0]);
	model_map_free(m[1]);
}
END_TEST

START_TEST(test_spanish)
{
	if (!setlocale(LC_ALL, "es_ES.UTF-8") && !setlocale(LC_ALL, "es_ES.utf8"))
		return;	/* no Spanish locale on this machine */
	bindtextdomain(PACKAGE, CX_BUILDDIR "/po/locale");
	textdomain(PACKAGE);
	struct model_map *m = plain();
	char *html = export_html(m);
	setlocale(LC_ALL, "C");
	ck_assert_int_eq(strncmp(html, "<!doctype html>\n<html lang=\"es\">", 32),
			 0);
	static const char *const want[] = {
		"<h2>Resumen</h2>", "<h2>Recorrido</h2>", "<h2>Hallazgos</h2>",
		"<h2>Responsabilidades</h2>", "<h2>Brechas</h2>",
		"<h2>Leyenda</h2>", "1 negativa", "sin responsable" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		ck_assert_msg(strstr(html, want[i]), "no %s", want[i]);
	ck_assert_ptr_null(strstr(html, "<h2>Summary</h2>"));
	free(html);
	model_map_free(m);
}
END_TEST

int main(void)
{
	setenv("CXMAP_TEST_NOW", "1718452800", 1);
	setenv("TZ", "UTC", 1);
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("safe");
	tcase_add_test(tc, test_hostile_injects_nothing);
	tcase_add_loop_test(tc, test_testmaps_inject_nothing, 0, 4);
	tcase_add_test(tc, test_fetches_nothing);
	suite_add_tcase(s, tc);
	tc = tcase_create("page");
	tcase_add_test(tc, test_section_order);
	tcase_add_test(tc, test_grid_cards);
	tcase_add_test(tc, test_same_bytes);
	tcase_add_test(tc, test_all_maps);
	tcase_add_test(tc, test_spanish);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
