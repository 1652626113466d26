/* check_svg.c - the HTML page's emotion curve (hs_emotion_curve): one
 * standalone <svg> that an XML parser reads, a point per touchpoint with
 * pains, moments and stages told apart by shape and words, hostile names
 * as text only, a bounded size for a map of any size, the same bytes
 * every time, and Spanish words with C-locale numbers. */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "io/digest.h"
#include "io/export_html_private.h"
#include "testmaps.h"
#include "testutil.h"
#include "util/buf.h"
#include "util/i18n.h"

static void teardown(void)
{
	tu_cleanup();
}

/* The curve of m, as the page gets it. */
static char *curve(const struct model_map *m)
{
	struct digest d;
	digest_make(&d, m);
	struct buf b = { 0 };
	hs_emotion_curve(&b, m, &d);
	digest_free(&d);
	return buf_take(&b);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p;
	     p = strstr(p + strlen(needle), needle))
		n++;
	return n;
}

#define has(s, x) ck_assert_msg(strstr((s), (x)) != NULL, "missing: %s", (x))
#define hasnt(s, x) ck_assert_msg(strstr((s), (x)) == NULL, "found: %s", (x))

/* The SVG read by an XML parser (Python's), checked to hold nothing
 * that acts: no script, img, foreignObject, iframe or style element, no
 * attribute named on*, no link.  Falls back to xmllint. */
static void check_parses(const char *svg, const char *name)
{
	const char *path = tu_path(name);
	tu_write_file(path, svg, strlen(svg));
	char cmd[4096];
	if (system("command -v python3 >/dev/null 2>&1") == 0) {
		snprintf(cmd, sizeof cmd,
			 "python3 -c '\n"
			 "import sys, xml.etree.ElementTree as E\n"
			 "r = E.parse(sys.argv[1]).getroot()\n"
			 "assert r.tag == \"{http://www.w3.org/2000/svg}svg\", r.tag\n"
			 "for e in r.iter():\n"
			 "  t = e.tag.split(\"}\")[-1]\n"
			 "  assert t not in (\"script\", \"img\", \"foreignObject\",\n"
			 "    \"iframe\", \"a\", \"use\", \"image\", \"style\"), t\n"
			 "  for k in e.attrib:\n"
			 "    assert not k.lower().startswith(\"on\"), k\n"
			 "    assert \"href\" not in k, k\n"
			 "' '%s' >'%s.log' 2>&1", path, path);
	} else {
		snprintf(cmd, sizeof cmd, "xmllint --noout '%s' >'%s.log' 2>&1",
			 path, path);
	}
	int rc = system(cmd);
	if (rc != 0) {
		size_t len;
		char log_path[1100];
		snprintf(log_path, sizeof log_path, "%s.log", path);
		char *log = tu_read_file(log_path, &len);
		ck_abort_msg("%s does not parse as safe SVG: %s", name, log);
	}
}

/* 3 stages: Awareness (+2, 0 and a moment), Buy (unrated, -2), Use
 * (-1, +1). */
static struct model_map *small_map(void)
{
	struct model_map *m = tb_map("Small");
	int64_t a = tb_stage(m, "Awareness");
	int64_t b = tb_stage(m, "Buy");
	int64_t c = tb_stage(m, "Use");
	tb_emotion(m, tb_tp(m, a, "Sees an ad", 0), 2);
	int64_t demo = tb_tp(m, a, "Books a demo", 0);
	tb_emotion(m, demo, 0);
	tb_moment(m, demo, true);
	tb_tp(m, b, "Reads the pricing page", 0);
	tb_emotion(m, tb_tp(m, b, "First invoice", 0), -2);
	tb_emotion(m, tb_tp(m, c, "Onboarding call", 0), -1);
	tb_emotion(m, tb_tp(m, c, "Renews", 0), 1);
	return m;
}

/* A map of n touchpoints in nstages stages, emotions -2..+2 in turn,
 * every seventh unrated, every fifty-third a moment. */
static struct model_map *big_map(size_t n, size_t nstages)
{
	struct model_map *m = tb_map("Big");
	int64_t *st = malloc(nstages * sizeof *st);
	char name[64];
	for (size_t i = 0; i < nstages; i++) {
		snprintf(name, sizeof name, "Stage %zu", i + 1);
		st[i] = tb_stage(m, name);
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof name, "Touchpoint number %zu", i + 1);
		int64_t t = tb_tp(m, st[i * nstages / n], name, 0);
		if (i % 7)
			tb_emotion(m, t, (int)(i % 5) - 2);
		if (i % 53 == 0)
			tb_moment(m, t, true);
	}
	free(st);
	return m;
}

START_TEST(test_small)
{
	struct model_map *m = small_map();
	char *s = curve(m);
	ck_assert_uint_eq(count(s, "<svg "), 1);
	ck_assert_uint_eq(count(s, "</svg>"), 1);
	ck_assert_ptr_eq(strstr(s, "<svg "), s);
	has(s, " viewBox=\"0 0 1000 ");
	has(s, " width=\"100%\"");
	has(s, " role=\"img\"");
	has(s, ">Emotion across the journey</title>");
	/* one point per touchpoint: two pains, one unrated, one moment */
	ck_assert_uint_eq(count(s, "<g class=\"cx-point"), 6);
	ck_assert_uint_eq(count(s, "<g class=\"cx-point cx-pain\">"), 2);
	ck_assert_uint_eq(count(s, "<g class=\"cx-point cx-unrated\">"), 1);
	ck_assert_uint_eq(count(s, "cx-moment-point"), 1);
	ck_assert_uint_eq(count(s, "<polygon class=\"cx-moment\""), 1);
	ck_assert_uint_eq(count(s, "<path "), 2 + 1);	/* + the legend's */
	has(s, "Books a demo \xe2\x80\x94 1. Awareness \xe2\x80\x94 neutral "
	       "(0) \xe2\x80\x94 \xe2\x98\x85 moment of truth</title>");
	has(s, "First invoice \xe2\x80\x94 2. Buy \xe2\x80\x94 very negative "
	       "(-2)</title>");
	/* the stages over their bands, the names under the axis */
	has(s, ">1. Awareness</text>");
	has(s, ">2. Buy</text>");
	has(s, ">3. Use</text>");
	ck_assert_uint_eq(count(s, "class=\"cx-name\""), 6);
	/* the scale in words, the zero line apart */
	has(s, ">very positive +2</text>");
	has(s, ">neutral 0</text>");
	has(s, ">very negative -2</text>");
	ck_assert_uint_eq(count(s, "class=\"cx-zero\""), 1);
	/* the pains' names bold, with their value */
	ck_assert_uint_eq(count(s, "class=\"cx-callout\""), 0);
	has(s, "font-weight=\"bold\"><tspan x=\"");
	has(s, ">First invoice</tspan><tspan x=\"");
	has(s, ">Onboarding call</tspan><tspan x=\"");
	ck_assert_uint_eq(count(s, ">(-2)</tspan></text>"), 1);
	ck_assert_uint_eq(count(s, ">(-1)</tspan></text>"), 1);
	has(s, "fill=\"#222\"><tspan x=\"");
	has(s, ">Renews</tspan></text>");
	/* the description a screen reader says */
	has(s, ">6 touchpoints in 3 stages; 2 painful: First invoice (-2), "
	       "Onboarding call (-1).</desc>");
	/* the line breaks at the unrated touchpoint: +2 0 | -2 -1 +1 */
	ck_assert_uint_eq(count(s, "<polyline class=\"cx-line\""), 2);
	check_parses(s, "curve.svg");
	free(s);
	model_map_free(m);
}
END_TEST

/* An empty stage keeps a band; a map with no stages still draws. */
START_TEST(test_empty)
{
	struct model_map *m = tb_map("Empty");
	char *s = curve(m);
	has(s, "<svg ");
	has(s, ">0 touchpoints in 0 stages; none painful.</desc>");
	ck_assert_uint_eq(count(s, "<g class=\"cx-point"), 0);
	check_parses(s, "curve.svg");
	free(s);
	tb_stage(m, "Nothing here yet");
	tb_tp(m, tb_stage(m, "Later"), "Only one", 0);
	s = curve(m);
	has(s, ">1. Nothing here yet</text>");
	has(s, ">2. Later</text>");
	ck_assert_uint_eq(count(s, "<g class=\"cx-stage\">"), 2);
	ck_assert_uint_eq(count(s, "<g class=\"cx-point cx-unrated\">"), 1);
	check_parses(s, "curve.svg");
	free(s);
	model_map_free(m);
}
END_TEST

/* Long names are cut under the axis, whole in the point's title: in
 * two level lines under a wide column, slanted under narrow ones. */
START_TEST(test_long_names)
{
	static const char *const name = "Receives the welcome pack by post "
		"and then waits for weeks";
	struct model_map *m = tb_map("Long");
	int64_t st = tb_stage(m, "A stage with a rather long name indeed");
	for (int i = 0; i < 8; i++)
		tb_emotion(m, tb_tp(m, st, name, 0), 1);
	char *s = curve(m);
	ck_assert_uint_eq(count(s, "class=\"cx-name\""), 8);
	ck_assert_uint_eq(count(s, "<tspan "), 16);
	ck_assert_uint_eq(count(s, ">Receives the</tspan>"), 8);
	ck_assert_uint_eq(count(s, "\xe2\x80\xa6</tspan></text>"), 8);
	has(s, "<title>Receives the welcome pack by post and then waits for "
	       "weeks \xe2\x80\x94");
	has(s, "<title>1. A stage with a rather long name indeed</title>");
	free(s);
	for (int i = 0; i < 8; i++)
		tb_emotion(m, tb_tp(m, st, name, 0), 1);
	s = curve(m);
	ck_assert_uint_eq(count(s, "<tspan "), 0);
	ck_assert_uint_eq(count(s, ">Receives the welcome \xe2\x80\xa6</text>"),
			  16);
	free(s);
	model_map_free(m);
}
END_TEST

static const char *const evil[] = {
	"<script>alert(1)</script>",
	"\"><img src=x onerror=alert(1)>",
	"Fish & Chips 'n' \"quotes\"",
	"\x1b[31mred\x1b[0m \x1b]0;pwned\x07",
	"RLO\u202eevil\u202c end",	/* \u: exactly four digits */
	"]]><!-- --> <![CDATA[ x ]]> &amp; &#60;",
};

/* Names built to become markup stay text: nothing that acts, each name
 * present as escaped text. */
START_TEST(test_hostile)
{
	struct model_map *m = tb_map("<svg onload=alert(1)>");
	int64_t st = tb_stage(m, "</text><script>alert(2)</script>");
	size_t n = sizeof evil / sizeof *evil;
	for (size_t i = 0; i < n; i++)
		tb_emotion(m, tb_tp(m, st, evil[i], 0), (int)i % 5 - 2);
	tb_moment(m, m->stages[0].touchpoints[1].id, true);
	char *s = curve(m);
	hasnt(s, "<script");
	hasnt(s, "<img");
	hasnt(s, "<!--");
	hasnt(s, "<![CDATA[");
	/* "onerror" only in text, never inside a tag */
	ck_assert_uint_gt(count(s, "onerror"), 0);
	for (const char *o = strstr(s, "onerror"); o;
	     o = strstr(o + 1, "onerror")) {
		const char *q = o;
		while (q > s && *q != '<' && *q != '>')
			q--;
		ck_assert_msg(*q == '>', "onerror inside a tag: %.40s", q);
	}
	hasnt(s, "onload");
	hasnt(s, "\x1b");
	hasnt(s, "\x07");
	hasnt(s, "\xe2\x80\xae");
	ck_assert_uint_eq(count(s, "<svg "), 1);
	for (size_t i = 0; i < n; i++) {
		struct buf want = { 0 };
		buf_add(&want, "<title>");
		hs_text(&want, evil[i]);
		has(s, want.data);
		buf_free(&want);
	}
	has(s, "&lt;script&gt;alert(1)&lt;/script&gt;");
	has(s, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
	has(s, "Fish &amp; Chips &#39;n&#39; &quot;quotes&quot;");
	check_parses(s, "curve.svg");
	free(s);
	model_map_free(m);

	/* the exporters' hostile and escapes maps too */
	struct model_map *(*const makers[])(void) = { tm_hostile, tm_escapes,
						      tm_sample };
	for (size_t i = 0; i < 3; i++) {
		m = makers[i]();
		s = curve(m);
		hasnt(s, "<script");
		hasnt(s, "<img");
		hasnt(s, "<b>");
		check_parses(s, "curve.svg");
		free(s);
		model_map_free(m);
	}
}
END_TEST

/* Up to 60 columns every name is written; past that points only. */
START_TEST(test_names_threshold)
{
	struct model_map *m = big_map(60, 6);
	char *s = curve(m);
	ck_assert_uint_eq(count(s, "class=\"cx-name\""), 60);
	ck_assert_uint_eq(count(s, "<g class=\"cx-point"), 60);
	free(s);
	model_map_free(m);
	m = big_map(61, 6);
	s = curve(m);
	ck_assert_uint_eq(count(s, "class=\"cx-name\""), 0);
	ck_assert_uint_eq(count(s, "<g class=\"cx-point"), 61);
	has(s, ">1. Stage 1</text>");
	check_parses(s, "curve.svg");
	free(s);
	model_map_free(m);
}
END_TEST

/* 200 touchpoints: still one point each, a readable size. */
START_TEST(test_200)
{
	struct model_map *m = big_map(200, 8);
	char *s = curve(m);
	ck_assert_uint_eq(count(s, "<g class=\"cx-point"), 200);
	size_t pains = 0;
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++)
			pains += m->stages[i].touchpoints[j].has_emotion &&
				 m->stages[i].touchpoints[j].emotion < 0;
	ck_assert_uint_gt(pains, 50);
	ck_assert_uint_eq(count(s, "<g class=\"cx-point cx-pain"), pains);
	has(s, ">8. Stage 8</text>");
	ck_assert_uint_eq(count(s, "class=\"cx-callout\""), 3);
	ck_assert_uint_lt(strlen(s), 100 * 1024);
	check_parses(s, "curve.svg");
	free(s);
	model_map_free(m);
}
END_TEST

/* 10,000 touchpoints: one column per stage, the size bounded whatever
 * the number of stages; the stages lowest on average named (none when
 * none is below zero). */
START_TEST(test_10k)
{
	static const size_t stages[] = { 40, 10000 };
	for (size_t k = 0; k < 2; k++) {
		struct model_map *m = big_map(10000, stages[k]);
		char *s = curve(m);
		ck_assert_msg(strlen(s) < 200 * 1024, "%zu bytes",
			      strlen(s));
		ck_assert_uint_eq(count(s, "<g class=\"cx-point"), 0);
		size_t cols = count(s, "<g class=\"cx-agg");
		ck_assert_uint_eq(cols, k ? 120 : 40);
		has(s, "Drawn per stage: the average emotion and the range "
		       "from lowest to highest.");
		has(s, "10000 touchpoints in ");
		has(s, k ? ">1\xe2\x80\x93" "84</text>" : ">1</text>");
		has(s, k ? "<title>1. Stage 1 \xe2\x80\x94 84. Stage 84</title>"
			 : "<title>1. Stage 1</title>");
		ck_assert_uint_eq(count(s, "class=\"cx-callout\""), 0);
		check_parses(s, "curve.svg");
		free(s);
		/* touchpoints 2001..3000 very negative: stages 9..12 of 40 */
		size_t i = 0;
		for (size_t si = 0; si < m->nstages; si++)
			for (size_t j = 0; j < m->stages[si].ntouchpoints; j++, i++)
				if (i >= 2000 && i < 3000)
					tb_emotion(m, m->stages[si].touchpoints[j].id,
						   -2);
		s = curve(m);
		ck_assert_uint_eq(count(s, "class=\"cx-callout\""), 3);
		ck_assert_uint_eq(count(s, " (-2)</text>"), 3);
		if (!k) {
			has(s, ">9. Stage 9 (-2)</text>");
			has(s, ">11. Stage 11 (-2)</text>");
			hasnt(s, ">12. Stage 12 (-2)</text>");
		}
		ck_assert_msg(strlen(s) < 200 * 1024, "%zu bytes",
			      strlen(s));
		check_parses(s, "curve.svg");
		free(s);
		model_map_free(m);
	}
}
END_TEST

START_TEST(test_same_bytes)
{
	struct model_map *m = big_map(50, 5);
	char *a = curve(m), *b = curve(m);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	model_map_free(m);
}
END_TEST

/* An emotion outside the scale (a model not from the store) is drawn at
 * its end, not read past a table. */
START_TEST(test_out_of_scale)
{
	struct model_map *m = small_map();
	m->stages[0].touchpoints[0].emotion = 7;
	m->stages[2].touchpoints[0].emotion = -9;
	char *s = curve(m);
	has(s, "Sees an ad \xe2\x80\x94 1. Awareness \xe2\x80\x94 very "
	       "positive (+2)</title>");
	has(s, "Onboarding call \xe2\x80\x94 3. Use \xe2\x80\x94 very "
	       "negative (-2)</title>");
	check_parses(s, "curve.svg");
	free(s);
	model_map_free(m);
}
END_TEST

/* Two curves in one page have different ids. */
START_TEST(test_ids_unique)
{
	struct model_map *m = small_map();
	struct digest d;
	digest_make(&d, m);
	struct buf b = { 0 };
	hs_emotion_curve(&b, m, &d);
	size_t first = b.len;
	hs_emotion_curve(&b, m, &d);
	char id[64];
	const char *p = strstr(b.data, "<title id=\"");
	ck_assert_ptr_nonnull(p);
	snprintf(id, sizeof id, "%.20s", p + 11);
	ck_assert_ptr_null(strstr(b.data + first, id));
	digest_free(&d);
	buf_free(&b);
	model_map_free(m);
}
END_TEST

/* In Spanish: the words translated, the numbers with points. */
START_TEST(test_spanish)
{
	if (!setlocale(LC_ALL, "es_ES.UTF-8"))
		return;	/* no Spanish locale here (tests/ui-es.sh says so too) */
	setenv("LANGUAGE", "es", 1);
	bindtextdomain(PACKAGE, TEST_LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	struct model_map *m = small_map();
	char *s = curve(m);
	has(s, ">Emoción a lo largo del recorrido</title>");
	has(s, ">muy positiva +2</text>");
	has(s, ">muy negativa -2</text>");
	has(s, "momento de la verdad");
	has(s, ">6 puntos de contacto en 3 etapas; 2 dolorosos: ");
	hasnt(s, ">Emotion across the journey");
	/* stroke-width="1.2", never "1,2" */
	has(s, "stroke-width=\"1.2\"");
	ck_assert_uint_eq(count(s, "=\"1,"), 0);
	has(s, "<polyline class=\"cx-line\" points=\"");
	free(s);
	model_map_free(m);
	struct model_map *big = big_map(10000, 40);
	s = curve(big);
	has(s, "Dibujado por etapa");
	check_parses(s, "curve.svg");
	free(s);
	model_map_free(big);
	setlocale(LC_ALL, "C");
	unsetenv("LANGUAGE");
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C");
	Suite *s = suite_create("svg");
	TCase *tc = tcase_create("curve");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_small);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_long_names);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_names_threshold);
	tcase_add_test(tc, test_200);
	tcase_add_test(tc, test_10k);
	tcase_add_test(tc, test_same_bytes);
	tcase_add_test(tc, test_ids_unique);
	tcase_add_test(tc, test_out_of_scale);
	tcase_add_test(tc, test_spanish);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
