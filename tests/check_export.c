/* check_export.c - Markdown and JSON export: byte-identical golden files
 * (UTF-8 and hostile names), output a real GFM parser (cmark-gfm) reads
 * as intended, a Mermaid block the journey grammar accepts, and no control
 * character in any file.
 *
 * After a deliberate change of the output, regenerate the golden files
 * with CXMAP_UPDATE_GOLDEN=1 make check, and review the diff. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/digest.h"
#include "io/export_json.h"
#include "io/export_md.h"
#include "io/import_json.h"
#include "io/report_actions.h"
#include "io/report_text.h"
#include "core/plan.h"
#include <cjson/cJSON.h>
#include "builder.h"
#include "testmaps.h"
#include "testutil.h"
#include "util/file.h"
#include "util/text.h"

static void teardown(void)
{
	tu_cleanup();
}

static char *golden_path(const char *name)
{
	static char path[1024];
	snprintf(path, sizeof path, "%s/%s", TESTDATA, name);
	return path;
}

/* The output must equal tests/data/NAME byte for byte. */
static void check_golden(const char *name, const char *got)
{
	const char *path = golden_path(name);
	if (getenv("CXMAP_UPDATE_GOLDEN")) {
		tu_write_file(path, got, strlen(got));
		return;
	}
	size_t len;
	char *want = tu_read_file(path, &len);
	if (len != strlen(got) || memcmp(want, got, len) != 0) {
		tu_write_file(tu_path(name), got, strlen(got));
		ck_abort_msg("%s differs from the golden file; see diff -u %s %s",
			     name, path, tu_path(name));
	}
	free(want);
}

static struct model_map *(*const makers[])(void) = { tm_sample, tm_hostile,
						      tm_empty };
static const char *const maker_names[] = { "sample", "hostile", "empty" };

START_TEST(test_golden_markdown)
{
	struct model_map *m = makers[_i]();
	char *md = export_markdown(m);
	char name[64];
	snprintf(name, sizeof name, "export-%s.md", maker_names[_i]);
	check_golden(name, md);
	char *again = export_markdown(m);
	ck_assert_str_eq(md, again);	/* deterministic */
	free(again);
	free(md);
	model_map_free(m);
}
END_TEST

START_TEST(test_golden_json)
{
	struct model_map *m = makers[_i]();
	char *json = export_json(m);
	char name[64];
	snprintf(name, sizeof name, "export-%s.json", maker_names[_i]);
	check_golden(name, json);
	/* and it reads back to the same document */
	char *err = NULL;
	struct model_map *back = import_json_parse(json, strlen(json), &err);
	ck_assert_msg(back != NULL, "%s", err);
	char *again = export_json(back);
	ck_assert_str_eq(json, again);
	free(again);
	model_map_free(back);
	free(json);
	model_map_free(m);
}
END_TEST

/* Only the line feed: no C0, DEL or C1 control, no bidirectional
 * override, and valid UTF-8 throughout. */
static void check_clean(const char *what, const char *s)
{
	size_t len = strlen(s);
	ck_assert_msg(text_utf8_valid(s, len), "%s: invalid UTF-8", what);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, &cp);
		ck_assert_msg(cp == '\n' || !text_is_control(cp),
			      "%s: control U+%04X at byte %zu", what, cp, i);
		ck_assert_msg(!(cp >= 0x202a && cp <= 0x202e) &&
			      !(cp >= 0x2066 && cp <= 0x2069),
			      "%s: bidi override at byte %zu", what, i);
		i += n;
	}
}

START_TEST(test_no_controls)
{
	struct model_map *m = tm_hostile();
	char *md = export_markdown(m), *json = export_json(m);
	check_clean("markdown", md);
	check_clean("json", json);
	ck_assert_ptr_null(strchr(md, '\x1b'));
	ck_assert_ptr_nonnull(strstr(md, "\\\\x1b\\[31mred"));	/* visible */
	free(md);
	free(json);
	/* bytes that are not UTF-8 (no store writes them, but a model may
	 * come from elsewhere) are shown, never copied */
	free(m->stages[0].name);
	m->stages[0].name = strdup("bad \xff\xc0 bytes");
	md = export_markdown(m);
	json = export_json(m);
	check_clean("markdown", md);
	check_clean("json", json);
	ck_assert_ptr_nonnull(strstr(md, "bad \\\\xff\\\\xc0 bytes"));
	ck_assert_ptr_nonnull(strstr(json, "bad \\ufffd\\ufffd bytes"));
	free(md);
	free(json);
	model_map_free(m);
}
END_TEST

/* ------------------------------------------------------------------ */
/* a real GFM parser */

static char *cmark(const char *md, const char *to)
{
	ck_assert_msg(system("command -v cmark-gfm >/dev/null 2>&1") == 0,
		      "cmark-gfm is not installed (Debian package cmark-gfm)");
	const char *in = tu_path("doc.md");
	tu_write_file(in, md, strlen(md));
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "cmark-gfm -e table -e strikethrough "
		 "-e autolink -e tagfilter -t %s '%s'", to, in);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	size_t cap = 1 << 16, n = 0, r;
	char *out = malloc(cap + 1);
	while ((r = fread(out + n, 1, cap - n, p)) > 0)
		if ((n += r) == cap)
			out = realloc(out, (cap *= 2) + 1);
	out[n] = '\0';
	ck_assert_int_eq(pclose(p), 0);
	return out;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* Pipes that GFM takes as cell borders: not after a backslash that is
 * itself unescaped. */
static size_t border_pipes(const char *line, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (line[i] == '\\')
			i++;
		else if (line[i] == '|')
			n++;
	}
	return n;
}

/* Every row of every table has as many borders as its header. */
static void check_table_columns(const char *md)
{
	size_t want = 0;
	bool in_table = false;
	for (const char *line = md; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (len > 0 && line[0] == '|') {
			size_t got = border_pipes(line, len);
			if (!in_table)
				want = got;
			ck_assert_msg(got == want, "row with %zu borders in a "
				      "table of %zu: %.*s", got, want,
				      (int)len, line);
			in_table = true;
		} else {
			in_table = false;
		}
		line = nl ? nl + 1 : line + len;
	}
}

/* No name becomes a link: not even a bare URL, "www." or an e-mail
 * address, which GFM's autolink extension would link (and a link would
 * swallow the backslash of a hard break after it, as %5C). */
static void check_no_links(char *html)
{
	const char *a = strstr(html, "<a ");
	ck_assert_msg(a == NULL, "a link: %.80s", a);
	ck_assert_ptr_null(strstr(html, "%5C"));
	free(html);
}

START_TEST(test_gfm_structure)
{
	struct model_map *m = makers[_i]();
	char *md = export_markdown(m);
	check_table_columns(md);
	char *xml = cmark(md, "xml");
	ck_assert_uint_eq(count(xml, "<html_block"), 0);
	ck_assert_uint_eq(count(xml, "<html_inline"), 0);
	ck_assert_uint_eq(count(xml, "<heading level=\"1\""), 1);
	/* a level-3 heading per stage and per severity with findings */
	struct digest dg;
	digest_make(&dg, m);
	size_t severities = 0;
	for (size_t k = 0; k < 3; k++)
		severities += dg.by_severity[k] > 0;
	ck_assert_uint_eq(count(xml, "<heading level=\"3\""),
			  m->nstages + severities);
	/* a diagram as soon as there is a stage, even an empty one, and
	 * the ownership flowchart as soon as there is a touchpoint */
	size_t diagrams = (m->nstages > 0) + (model_touchpoint_count(m) > 0);
	ck_assert_uint_eq(count(xml, "<code_block info=\"mermaid\""),
			  diagrams);
	ck_assert_uint_eq(count(xml, "<code_block"), diagrams);
	/* the summary's worst problems, the only ordered list */
	ck_assert_uint_eq(count(xml, "<list type=\"ordered\""),
			  dg.nfindings > 0);
	ck_assert_uint_eq(count(xml, "<block_quote"), 0);
	ck_assert_uint_eq(count(xml, "<thematic_break"), 0);
	check_no_links(cmark(md, "html"));
	ck_assert_uint_eq(count(xml, "<image"), 0);
	ck_assert_uint_eq(count(xml, "<strikethrough"), 0);
	ck_assert_uint_eq(count(xml, "<code>"), 0);
	/* a table per stage with touchpoints, the matrix, gaps, silos */
	size_t tables = (m->nstages > 0) + (m->ngaps > 0) + (m->nsilos > 0);
	for (size_t i = 0; i < m->nstages; i++)
		tables += m->stages[i].ntouchpoints > 0;
	/* the handoffs when there are any, one of every metric, one of
	 * every voice, the actions and the decisions */
	size_t handoffs = 0;
	for (size_t r = 0; r < dg.a->handoffs.nrows; r++)
		handoffs += analysis_matrix_row_total(&dg.a->handoffs, r);
	tables += (handoffs > 0) + (m->nmetrics > 0) + (m->nvoices > 0) +
		  (m->nactions > 0) + (m->ndecisions > 0);
	ck_assert_uint_eq(count(xml, "<table>"), tables);
	digest_free(&dg);
	free(xml);
	free(md);
	model_map_free(m);
}
END_TEST

#define WJ "\xe2\x81\xa0"	/* U+2060 word joiner, after each '@' */

/* Cells and paragraphs show exactly the text of the names. */
START_TEST(test_gfm_text)
{
	struct model_map *m = tm_hostile();
	char *md = export_markdown(m);
	char *html = cmark(md, "html");
	static const char *const want[] = {
		"<h1>Q3 &lt;script&gt;alert(1)&lt;/script&gt; | *launch* "
		"_plan_ &amp; `x` \\x1b[31mred\\x1b[0m #</h1>",
		"<p><strong>Persona:</strong> # Not a heading<br />\n"
		"- not a list<br />\n+ nor this<br />\n1. nor this<br />\n"
		"2) nor this<br />\n&gt; not a quote<br />\nnot code<br />\n"
		"===<br />\n---<br />\nmail me@" WJ "evil.example or "
		"www.evil.example/p https://evil.example/persona<br />\n"
		"&lt;b&gt;bold&lt;/b&gt; &amp;amp; "
		"[link](http://x) ![img](y) ~~strike~~ "
		"$x$\n[^1] trailing\\</p>\n"
		"<p>Second paragraph\\</p>",
		"<strong>Scenario:</strong> at www.evil.example<br />\nCR LF<br />\nline<br />\n"
		"U+2028<br />\ntab here RLO\\u202eevil\\u202c</p>",
		"<strong>Promise:</strong> reply to promise@" WJ "evil.example"
		"<br />\nC1 CSI \\u009b31m bell \\x07 del \\x7f nel<br />\nend</p>",
		"<h3>1. Journey: start; #1 % %% done</h3>",
		"<p>*Bold* | pipe<br />\n# hash</p>",
		"<td>journey review</td>\n<td>web|app</td>\n<td>R&amp;D | Labs</td>\n"
		"<td>Sales: EMEA; North #1, 100%, Éxito ☕ 販売</td>\n<td>+2</td>\n"
		"<td>\xe2\x9a\xa0 1</td>\n<td>notes | pipe new line new para</td>",
		"<td>Title: the end; #2</td>\n<td>`code`</td>",
		"<td>&lt;img src=x onerror=alert(1)&gt;</td>",
		"<td>``` fenced? ```</td>",
		"<td>section 5 %% comment</td>\n<td>**</td>\n<td><em>no owner</em></td>",
		"<td>back\\slash\\</td>\n<td>\\|</td>",
		"<td>\\x1b]0;pwned\\x07 title</td>\n<td>\\x1b[2J</td>",
		"<td>\\u009b1;31m</td>",
		"<td>line1 line2 line3</td>\n<td>a b</td>",
		"<td>gap | with *stars* and \\x1b[1mbold\\x1b[0m</td>",
		"<td>&lt;!-- comment --&gt; &amp; &amp;lt; entity</td>",
		"<td>line break | map-wide</td>",
		"<td>&lt;img src=x onerror=alert(1)&gt; ↔ R&amp;D | Labs</td>",
		"<td>silo `tick` | &lt;u&gt;u&lt;/u&gt;</td>",
		/* addresses, "www." and URLs read as written, and lines that
		 * end in one keep their hard break */
		"<h3>4. Docs www.evil.example</h3>\n<p>Read "
		"https://evil.example/docs<br />\nor mail help@" WJ
		"evil.example<br />\nor www.evil.example<br />\n"
		"ftp://evil.example/x</p>",
		"<td>https://evil.example/login?a=1&amp;b=2</td>\n"
		"<td>www.evil.example</td>\n<td>help@" WJ "evil.example</td>",
		"<td>HTTP://WWW.EVIL.EXAMPLE</td>\n<td>a.b+c@" WJ "evil.example</td>",
		"<td>FTP://evil.example/x mailto:a@" WJ "evil.example xmpp:b@" WJ
		"evil.example/r (www.evil.example) @" WJ "octocat</td>",
		"<td>see https://evil.example/gap</td>",
		"<td>ask ops@" WJ "evil.example</td>",
		/* the journey's leads, metrics, voices, actions, decisions */
		"<p><strong>Journey owner:</strong> &lt;b&gt;Boss&lt;/b&gt; | "
		"*owner* \\x1b[31m<br />\n<strong>CX lead:</strong> @" WJ
		"lead www.evil.example</p>",
		"<p><strong>Definition of success:"
		"</strong> # success<br />\n- list | pipe<br />\n\\u009b31m</p>",
		"<td>NPS | &lt;i&gt;</td>\n<td>-5 `%`|</td>\n"
		"<td>\xe2\x89\xa5 1000 `%`|</td>\n<td><strong>off target</strong>"
		"</td>\n<td>2024-02-29</td>\n<td>*survey* @" WJ "x</td>",
		"<td>m\\x1b[2J</td>\n<td>a|b &lt;c&gt;</td>",
		"<td>\xe2\x80\x9c&quot;quote&quot; | &lt;script&gt;x&lt;/script&gt; "
		"# not a heading\xe2\x80\x9d</td>\n<td>customer</td>\n"
		"<td>ticket `#1`</td>\n<td>2024-01-31</td>",
		"<td>\xe2\x80\x9cwww.evil.example/v\xe2\x80\x9d</td>\n"
		"<td>partner</td>\n<td>\\x1b]0;t\\x07</td>",
		"<td>\xe2\x80\x9c**50%** | _x_\xe2\x80\x9d</td>\n<td>data</td>",
		"<td>Fix | *it* &lt;now&gt;</td>\n<td>2. title Section \xe2\x80\xba "
		"\\x1b]0;pwned\\x07 title</td>\n<td>R&amp;D | Labs</td>\n"
		"<td>@" WJ "dev \\x1b[1m</td>\n<td>planned</td>\n"
		"<td>2020-01-01 <strong>overdue</strong></td>",
		"<td>`rm -rf` ~~x~~</td>\n<td>silo 1: Sales: EMEA; North #1, "
		"100% \xe2\x86\x94 help@" WJ "evil.example</td>\n"
		"<td><em>no owner</em></td>",
		"<td>empty stage</td>\n<td><em>whole map</em>; NPS | "
		"&lt;i&gt;</td>\n<td>dismissed</td>\n<td>reason | "
		"&lt;b&gt;x&lt;/b&gt; line</td>\n<td>who\\x1b[31m</td>",
	};
	tu_write_file(tu_path("doc.html"), html, strlen(html));
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		ck_assert_msg(strstr(html, want[i]), "%s lacks:\n%s",
			      tu_path("doc.html"), want[i]);
	free(html);
	free(md);
	model_map_free(m);
}
END_TEST

/* A line of free text that ends in an address keeps its hard break: the
 * backslash is not swallowed into a link (href="...%5C") nor shown. */
START_TEST(test_hard_break_after_url)
{
	struct model_map *m = tm_empty();
	free(m->persona);
	free(m->scenario);
	free(m->promise);
	m->persona = strdup("see https://a.example/persona\nnext");
	m->scenario = strdup("at www.a.example\nnext");
	m->promise = strdup("mail a@b.example\nnext");
	char *md = export_markdown(m);
	char *html = cmark(md, "html");
	ck_assert_ptr_nonnull(strstr(html, "<p><strong>Persona:</strong> see "
				     "https://a.example/persona<br />\nnext</p>"));
	ck_assert_ptr_nonnull(strstr(html, "<p><strong>Scenario:</strong> at "
				     "www.a.example<br />\nnext</p>"));
	ck_assert_ptr_nonnull(strstr(html, "<p><strong>Promise:</strong> mail "
				     "a@" WJ "b.example<br />\nnext</p>"));
	ck_assert_ptr_null(strchr(html, '\\'));
	check_no_links(html);
	free(md);
	model_map_free(m);
}
END_TEST

/* The links of a document (cmark-gfm XML), one a line. */
static char *link_targets(const char *xml)
{
	size_t cap = strlen(xml) + 1, n = 0;
	char *out = calloc(cap, 1);
	const char *tag = "<link destination=\"";
	for (const char *p = xml; (p = strstr(p, tag)); ) {
		p += strlen(tag);
		size_t len = strcspn(p, "\"");
		memcpy(out + n, p, len);
		n += len;
		out[n++] = '\n';
	}
	return out;
}

/* export --all: one title, a contents list whose links reach each map's
 * heading by the anchor GitHub gives it, and no two headings alike. */
START_TEST(test_all_document)
{
	struct model_map *m[] = { tm_sample(), tm_hostile(), tm_empty() };
	const struct model_map *maps[] = { m[0], m[1], m[2] };
	char *md = export_markdown_all(maps, 3);
	check_table_columns(md);
	char *xml = cmark(md, "xml");
	ck_assert_uint_eq(count(xml, "<heading level=\"1\""), 1);
	ck_assert_ptr_nonnull(strstr(md, "# Journey maps\n\n3 maps\n\n"));
	ck_assert_uint_eq(count(xml, "<heading level=\"2\""), 3);
	/* the contents, and each map's worst problems */
	size_t ordered = 1;
	for (size_t i = 0; i < 3; i++) {
		struct digest dg;
		digest_make(&dg, m[i]);
		ordered += dg.nfindings > 0;
		digest_free(&dg);
	}
	ck_assert_uint_eq(count(xml, "<list type=\"ordered\""), ordered);
	ck_assert_uint_eq(count(xml, "<html_block"), 0);
	ck_assert_uint_eq(count(xml, "<html_inline"), 0);
	/* the journey and the ownership flowchart of the two with stages */
	ck_assert_uint_eq(count(xml, "<code_block info=\"mermaid\""), 4);
	char *links = link_targets(xml);
	ck_assert_str_eq(links, "#alta-de-clientes-b2b\n"
			 "#q3-scriptalert1script--launch-_plan_--x-x1b31mredx1b0m-\n"
			 "#empty\n");
	free(links);
	/* map headings a level down, followed by the map's name below */
	ck_assert_ptr_nonnull(strstr(md, "\n## Alta de clientes B2B\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n### Journey — Alta de clientes B2B\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n#### 1. Conocimiento — Alta de "
				     "clientes B2B\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n### Silos — Empty\n"));
	/* no heading twice (markdownlint's MD024) */
	size_t nheads = 0;
	const char *heads[200];
	for (const char *line = md; *line; ) {
		const char *nl = strchr(line, '\n');
		if (*line == '#') {
			ck_assert_uint_lt(nheads, 200);
			for (size_t i = 0; i < nheads; i++)
				ck_assert_msg(strncmp(heads[i], line,
						      (size_t)(nl - line) + 1),
					      "twice: %.*s", (int)(nl - line), line);
			heads[nheads++] = line;
		}
		line = nl ? nl + 1 : line + strlen(line);
	}
	free(xml);
	free(md);
	for (size_t i = 0; i < 3; i++)
		model_map_free(m[i]);
}
END_TEST

/* Anchors that GitHub numbers: a map whose heading reads like an earlier
 * one's gets "-1", and a name of symbols only, with no anchor, no link. */
START_TEST(test_all_anchors)
{
	struct model_map *a = tm_sample(), *b = tm_empty(), *c = tm_empty();
	free(b->name);
	b->name = strdup("Journey — Alta de clientes B2B");
	free(c->name);
	c->name = strdup("🛒✓");
	const struct model_map *maps[] = { a, b, c };
	char *md = export_markdown_all(maps, 3);
	char *xml = cmark(md, "xml");
	char *links = link_targets(xml);
	ck_assert_str_eq(links, "#alta-de-clientes-b2b\n"
			 "#journey--alta-de-clientes-b2b-1\n");
	ck_assert_ptr_nonnull(strstr(md, "\n3. 🛒✓\n"));
	free(links);
	free(xml);
	free(md);
	model_map_free(a);
	model_map_free(b);
	model_map_free(c);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Mermaid: the rules of the journey grammar's lexer (journey.jison) */

static bool has_any(const char *s, size_t n, const char *chars)
{
	for (size_t i = 0; i < n; i++)
		if (strchr(chars, s[i]))
			return true;
	return false;
}

static void check_task(const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);
	ck_assert_msg(colon, "task without data: %.*s", (int)len, line);
	size_t nlen = (size_t)(colon - line);
	const char *name = line;
	while (nlen > 0 && *name == ' ') {
		name++;
		nlen--;
	}
	ck_assert_msg(nlen > 0, "empty task name: %.*s", (int)len, line);
	ck_assert_msg(!has_any(name, nlen, "#;%"), "task name: %.*s",
		      (int)len, line);
	static const char *const kw[] = { "journey", "title", "section",
					  "acctitle", "accdescr" };
	for (size_t k = 0; k < 5; k++)
		ck_assert_msg(strncasecmp(name, kw[k], strlen(kw[k])) != 0,
			      "task name starts with a keyword: %.*s",
			      (int)len, line);
	const char *data = colon + 1;
	size_t dlen = len - nlen - (size_t)(name - line) - 1;
	ck_assert_msg(dlen >= 2 && data[0] == ' ' && data[1] >= '1' &&
		      data[1] <= '5', "score: %.*s", (int)len, line);
	ck_assert_msg(dlen == 2 || (dlen > 4 && data[2] == ':' &&
				    data[3] == ' '), "actors: %.*s",
		      (int)len, line);
	ck_assert_msg(!has_any(data + 2, dlen - 2 > 0 ? dlen - 2 : 0, "#;%") &&
		      (dlen == 2 || !memchr(data + 3, ':', dlen - 3)),
		      "actors: %.*s", (int)len, line);
}

START_TEST(test_mermaid_grammar)
{
	struct model_map *m = makers[_i]();
	char *md = export_markdown(m);
	const char *block = strstr(md, "```mermaid\njourney\n");
	ck_assert_ptr_nonnull(block);
	const char *line = block + strlen("```mermaid\njourney\n");
	size_t tasks = 0, sections = 0, empty = 0;
	for (;;) {
		const char *nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		size_t len = (size_t)(nl - line);
		if (len == 3 && memcmp(line, "```", 3) == 0)
			break;
		if (strncmp(line, "    title ", 10) == 0) {
			ck_assert(len > 10 && !has_any(line + 10, len - 10, "#;%"));
		} else if (strncmp(line, "    section ", 12) == 0) {
			ck_assert(len > 12 &&
				  !has_any(line + 12, len - 12, "#:;%"));
			sections++;
		} else {
			ck_assert_msg(strncmp(line, "      ", 6) == 0,
				      "unexpected line: %.*s", (int)len, line);
			check_task(line + 6, len - 6);
			tasks++;
		}
		line = nl + 1;
	}
	for (size_t i = 0; i < m->nstages; i++)
		empty += m->stages[i].ntouchpoints == 0;
	/* every section has a task, or Mermaid would not draw it */
	ck_assert_uint_eq(sections, m->nstages);
	ck_assert_uint_eq(tasks, model_touchpoint_count(m) + empty);
	free(md);
	model_map_free(m);
}
END_TEST

START_TEST(test_mermaid_scores_and_actors)
{
	struct model_map *m = tm_sample();
	char *md = export_markdown(m);
	/* emotion +1 is 4 of 5, owner then contributors */
	ck_assert_ptr_nonnull(strstr(md, "      Anuncio 📣: 4: Marketing\n"));
	ck_assert_ptr_nonnull(strstr(md, "      Seminario web: 5: Marketing, "
				     "Ventas, 営業\n"));
	/* no owner: said so; emotion -2 is 1 of 5 */
	ck_assert_ptr_nonnull(strstr(md, "      Factura 🧾: 1: no owner\n"));
	/* no emotion: drawn neutral, and marked */
	ck_assert_ptr_nonnull(strstr(md, "      Incidencia (unrated): 3: "
				     "Atención al cliente, Ventas\n"));
	/* the document says how scores and marks read */
	ck_assert_ptr_nonnull(strstr(md, "```\n\nIn the diagram a touchpoint's "
				     "score is its emotion plus 3: 5 is very "
				     "positive\n(+2), 4 positive, 3 neutral, 2 "
				     "negative, 1 very negative (-2). \"unrated\""));
	free(md);
	model_map_free(m);
}
END_TEST

/* A stage without touchpoints stays in the diagram (Mermaid draws no
 * section without a task), with a placeholder that says it is empty. */
START_TEST(test_mermaid_empty_stage)
{
	struct model_map *m = tm_hostile();
	char *md = export_markdown(m);
	ck_assert_ptr_nonnull(strstr(md, "    section Ünïcödé 購入 🛒\n"
				     "      No touchpoints yet.: 3\n"
				     "    section Docs"));
	/* unowned touchpoints carry the "no owner" actor */
	ck_assert_ptr_nonnull(strstr(md, "      s\xe2\x80\x8b" "ection 5 ％％ "
				     "comment: 3: no owner\n"));
	free(md);
	model_map_free(m);
	/* a map of empty stages still has its diagram */
	m = tm_empty();
	char *stage = strdup("Only");
	m->stages = calloc(1, sizeof *m->stages);
	m->stages[0] = (struct model_stage){ .id = 1, .name = stage,
					     .description = strdup("") };
	m->nstages = 1;
	md = export_markdown(m);
	ck_assert_ptr_nonnull(strstr(md, "```mermaid\njourney\n    title Empty\n"
				     "    section Only\n      No touchpoints yet.: 3\n"
				     "```\n"));
	free(md);
	model_map_free(m);
}
END_TEST

/* An empty map still gives a well-formed document that says so. */
START_TEST(test_empty_map)
{
	struct model_map *m = tm_empty();
	char *md = export_markdown(m);
	ck_assert_ptr_nonnull(strstr(md, "# Empty\n"));
	ck_assert_ptr_nonnull(strstr(md, "_No stages yet._"));
	ck_assert_ptr_null(strstr(md, "```mermaid"));
	ck_assert(md[strlen(md) - 1] == '\n' && md[strlen(md) - 2] != '\n');
	free(md);
	model_map_free(m);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Escaping, byte for byte: every character class in every field
 * (tm_escapes), and runs longer than any buffer the writers use. */

START_TEST(test_escapes_golden)
{
	struct model_map *m = tm_escapes();
	char *md = export_markdown(m), *json = export_json(m);
	check_golden("export-escapes.md", md);
	check_golden("export-escapes.json", json);
	check_clean("markdown", md);
	check_clean("json", json);
	free(md);
	free(json);
	model_map_free(m);
}
END_TEST

/* A touchpoint row and some JSON members, spelled out: Markdown escapes
 * its specials with a backslash and shows controls, separators,
 * bidirectional controls and invalid bytes as visible escapes (whose
 * backslash it escapes too); JSON uses its short escapes, \u for the
 * other controls and U+FFFD for invalid bytes, and keeps the rest. */
START_TEST(test_escapes_bytes)
{
	struct model_map *m = tm_escapes();
	char *md = export_markdown(m), *json = export_json(m);
	ck_assert_ptr_nonnull(strstr(md,
		"| :;\\#%\\<\\>, \\\\u202a\\\\u202b\\\\u202c\\\\u202d\\\\u202e"
		"\\\\u2066\\\\u2067\\\\u2068\\\\u2069 "
		"|  \\|  | B \"q\" \\\\ / \\\\x08 \\\\xff.\\\\xc0\\\\xaf."
		"\\\\xed\\\\xa0\\\\x80.\\\\x80.\\\\xf4\\\\x90\\\\x80\\\\x80.\\\\xf5."
		"\\\\xe2\\\\x82 "
		"| | -1 | \xe2\x9a\xa0 2, \xe2\x97\x86 1 | \\| \\\\ \\\\\\| \\<b\\>x\\</b\\> \\&amp; \\`c\\` "
		"\\*e\\* \\_u\\_ \\[l\\](x) \\~s\\~ \\#h \\$m\\$ @\xe2\x81\xa0me "
		"www\\.x.org WWW\\.Y http\\://x ftp\\://y a:b a.b \\| \\\\ \\\\\\| "
		"\\<b\\>x\\</b\\> \\&amp; \\`c\\` \\*e\\* \\_u\\_ \\[l\\](x) \\~s\\~ "
		"\\#h \\$m\\$ @\xe2\x81\xa0me www\\.x.org WWW\\.Y http\\://x ftp\\://y "
		"a:b a.b |\n"));
	ck_assert_ptr_nonnull(strstr(json,
		"          \"notes\": \"\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 "
		"\xc2\xa0 \xe2\x80\x8b \xe8\xb2\xa9 \xef\xbf\xbd \xf4\x8f\xbf\xbf "
		"\\ufffd.\\ufffd\\ufffd.\\ufffd\\ufffd\\ufffd.\\ufffd."
		"\\ufffd\\ufffd\\ufffd\\ufffd.\\ufffd.\\ufffd\\ufffd\"\n"));
	ck_assert_ptr_nonnull(strstr(json,
		"          \"notes\": \"\\\"q\\\" \\\\ / \\b \\f \\n \\r \\t\"\n"));
	ck_assert_ptr_nonnull(strstr(json,
		"      \"label\": \"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006"
		"\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012"
		"\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b"
		"\\u001c\\u001d\\u001e\\u001f\",\n"));
	ck_assert_ptr_nonnull(strstr(json,
		"      \"name\": \"C :;#%<>, \\u0080\\u0081\\u0084\\u0085\\u008d"
		"\\u009b\\u009f\",\n"));
	ck_assert_ptr_nonnull(strstr(json,
		"      \"label\": \"\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066"
		"\\u2067\\u2068\\u2069\",\n"));
	free(md);
	free(json);
	model_map_free(m);
}
END_TEST

/* A pattern n times in the notes of a one-touchpoint map. */
static struct model_map *long_notes_map(const char *pattern, size_t n)
{
	struct model_map *m = tm_empty();
	size_t len = strlen(pattern);
	char *notes = malloc(len * n + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(notes + i * len, pattern, len);
	notes[len * n] = '\0';
	m->stages = calloc(1, sizeof *m->stages);
	m->nstages = 1;
	m->stages[0].id = 1;
	m->stages[0].name = strdup("S");
	m->stages[0].description = strdup("");
	m->stages[0].touchpoints = calloc(1, sizeof *m->stages[0].touchpoints);
	m->stages[0].ntouchpoints = 1;
	struct model_touchpoint *t = &m->stages[0].touchpoints[0];
	t->id = 2;
	t->stage_id = 1;
	t->name = strdup("T");
	t->channel = strdup("");
	t->notes = notes;
	return m;
}

static char *repeat(const char *s, size_t n)
{
	size_t len = strlen(s);
	char *r = malloc(len * n + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(r + i * len, s, len);
	r[len * n] = '\0';
	return r;
}

/* Long runs with escapes in them, across any chunk the writers use:
 * each copy of the pattern escapes the same way. */
START_TEST(test_escapes_long)
{
	static const char pattern[] = "plain text run | www.x \x1b \xc2\x9b "
		"\xe2\x80\xae \xf0\x9f\x98\x80 \"q\" \\ \xff";
	static const char md_once[] = "plain text run \\| www\\.x \\\\x1b "
		"\\\\u009b \\\\u202e \xf0\x9f\x98\x80 \"q\" \\\\ \\\\xff";
	static const char json_once[] = "plain text run | www.x \\u001b "
		"\\u009b \\u202e \xf0\x9f\x98\x80 \\\"q\\\" \\\\ \\ufffd";
	size_t n = 20000;
	struct model_map *m = long_notes_map(pattern, n);
	char *md = export_markdown(m), *json = export_json(m);
	char *want_md = repeat(md_once, n), *want_json = repeat(json_once, n);
	char *cell = strstr(md, "| T |");
	ck_assert_ptr_nonnull(cell);
	ck_assert_ptr_nonnull(strstr(cell, want_md));
	ck_assert_ptr_nonnull(strstr(json, want_json));
	free(want_md);
	free(want_json);
	free(md);
	free(json);
	model_map_free(m);
}
END_TEST

/* What a writer sends to a FILE, as a string. */
static char *written(int (*write)(const struct model_map *, FILE *),
		     const struct model_map *m, int *err)
{
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	*err = write(m, f);
	long n = ftell(f);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static int json_one(const struct model_map *m, FILE *f)
{
	return export_json_write(&m, 1, false, f);
}

static int json_array(const struct model_map *m, FILE *f)
{
	return export_json_write(&m, 1, true, f);
}

/* Written to a file as they are made (in chunks), the documents are the
 * same bytes as in memory: every test map, and one far longer than a
 * chunk with escapes across the chunks' edges. */
START_TEST(test_stream_same)
{
	struct model_map *(*const all[])(void) = { tm_sample, tm_hostile,
						   tm_empty, tm_escapes };
	for (size_t i = 0; i <= sizeof all / sizeof *all; i++) {
		struct model_map *m = i < sizeof all / sizeof *all ? all[i]()
			: long_notes_map("a | b \x1b " "\xe2\x80\xae " "c\\d\n", 30000);
		int err;
		char *md = export_markdown(m), *json = export_json(m);
		char *s = written(export_markdown_write, m, &err);
		ck_assert_int_eq(err, 0);
		ck_assert_msg(strcmp(s, md) == 0, "markdown %zu differs", i);
		free(s);
		s = written(json_one, m, &err);
		ck_assert_int_eq(err, 0);
		ck_assert_msg(strcmp(s, json) == 0, "json %zu differs", i);
		free(s);
		const struct model_map *one[] = { m };
		char *arr = export_json_all(one, 1);
		s = written(json_array, m, &err);
		ck_assert_int_eq(err, 0);
		ck_assert_msg(strcmp(s, arr) == 0, "json array %zu differs", i);
		free(s);
		free(arr);
		free(md);
		free(json);
		model_map_free(m);
	}
}
END_TEST

/* A full disk is reported, not taken for a finished export. */
START_TEST(test_stream_error)
{
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		return;	/* not on this system */
	struct model_map *m = long_notes_map("0123456789", 20000);
	ck_assert_int_ne(export_markdown_write(m, f), 0);
	clearerr(f);
	ck_assert_int_ne(json_one(m, f), 0);
	fclose(f);
	model_map_free(m);
}
END_TEST

/* A writer for file_replace_with: 300 KB of "x", then an error when
 * ctx says so. */
static int big_writer(FILE *f, void *ctx)
{
	for (int i = 0; i < 300; i++) {
		char k[1024];
		memset(k, 'x', sizeof k);
		if (fwrite(k, 1, sizeof k, f) != sizeof k)
			return EIO;
	}
	return *(int *)ctx;
}

/* export -o writes through file_replace_with: a writer that fails half
 * way leaves OUT as it was and no temporary file behind; one that
 * succeeds replaces it whole. */
START_TEST(test_replace_with)
{
	char out[1024];
	snprintf(out, sizeof out, "%s", tu_path("out.md"));
	tu_write_file(out, "before\n", 7);
	int fail = EIO, ok = 0;
	ck_assert_int_eq(file_replace_with(out, big_writer, &fail), EIO);
	size_t len;
	char *got = tu_read_file(out, &len);
	ck_assert_str_eq(got, "before\n");
	free(got);
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -q 'out.md.'", tu_dir());
	ck_assert_int_ne(system(cmd), 0);	/* no temporary file left */
	ck_assert_int_eq(file_replace_with(out, big_writer, &ok), 0);
	got = tu_read_file(out, &len);
	ck_assert_uint_eq(len, 300 * 1024);
	free(got);
}
END_TEST

/* ------------------------------------------------------------------ */
/* cxmap actions */

static char *actions_of(const struct model_map *m, unsigned statuses,
			int64_t dept, bool overdue,
			enum report_actions_format format, size_t width)
{
	struct report_actions_filter f = { .department = dept,
					   .statuses = statuses,
					   .overdue = overdue };
	plan_today(f.today);
	return report_actions(m, &f, format, width);
}

/* The stand-up list in its three formats: live actions by priority
 * (impact over effort, then due date), the overdue one marked. */
START_TEST(test_actions_golden)
{
	struct model_map *m = tm_sample();
	char *text = actions_of(m, 0, 0, false, REPORT_ACTIONS_TEXT, 0);
	check_golden("actions-sample.txt", text);
	char *json = actions_of(m, ~0u, 0, false, REPORT_ACTIONS_JSON, 0);
	check_golden("actions-sample.json", json);
	char *md = actions_of(m, 0, 0, false, REPORT_ACTIONS_MARKDOWN, 0);
	check_golden("actions-sample.md", md);
	/* the live ones only, by priority, and the JSON is JSON */
	ck_assert_ptr_null(strstr(text, "Folleto"));
	ck_assert_ptr_null(strstr(text, "Nombrar"));
	const char *a = strstr(text, "Explicar"), *b = strstr(text, "Traspasar"),
		   *c = strstr(text, "Seminario mensual");
	ck_assert(a && b && c && a < b && b < c);
	ck_assert_ptr_nonnull(strstr(text, "2024-06-10 overdue"));
	cJSON *root = cJSON_Parse(json);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root,
								"actions")), 5);
	cJSON_Delete(root);
	free(text);
	free(json);
	free(md);
	model_map_free(m);
}
END_TEST

START_TEST(test_actions_filters)
{
	struct model_map *m = tm_sample();
	int64_t sales = m->departments[2].id;	/* Ventas */
	char *t = actions_of(m, 0, sales, false, REPORT_ACTIONS_TEXT, 0);
	ck_assert_ptr_nonnull(strstr(t, "Traspasar"));
	ck_assert_ptr_null(strstr(t, "Explicar"));
	ck_assert_ptr_nonnull(strstr(t, ": 1 action\n"));
	free(t);
	t = actions_of(m, 1u << MODEL_ACTION_DONE, 0, false,
		       REPORT_ACTIONS_TEXT, 0);
	ck_assert_ptr_nonnull(strstr(t, "Nombrar"));
	ck_assert_ptr_null(strstr(t, "Explicar"));
	free(t);
	t = actions_of(m, (1u << MODEL_ACTION_IDEA) |
		       (1u << MODEL_ACTION_DROPPED), 0, false,
		       REPORT_ACTIONS_TEXT, 0);
	ck_assert_ptr_nonnull(strstr(t, "Folleto"));
	ck_assert_ptr_nonnull(strstr(t, "Seminario mensual"));
	ck_assert_ptr_null(strstr(t, "Traspasar"));
	free(t);
	t = actions_of(m, 0, 0, true, REPORT_ACTIONS_TEXT, 0);
	ck_assert_ptr_nonnull(strstr(t, "Explicar"));
	ck_assert_ptr_null(strstr(t, "Traspasar"));
	free(t);
	/* nothing matches: said so */
	t = actions_of(m, 0, m->departments[3].id, false, REPORT_ACTIONS_TEXT,
		       0);
	ck_assert_ptr_nonnull(strstr(t, "0 actions\nNo action matches.\n"));
	free(t);
	model_map_free(m);
}
END_TEST

/* On a terminal every line fits its width; in a pipe (0) nothing is
 * cut. */
START_TEST(test_actions_fit)
{
	static const size_t widths[] = { 40, 60, 80, 100, 120 };
	struct model_map *m = tm_sample();
	for (size_t i = 0; i < sizeof widths / sizeof *widths; i++) {
		char *t = actions_of(m, ~0u, 0, false, REPORT_ACTIONS_TEXT,
				     widths[i]);
		char *save = NULL;
		size_t lines = 0;
		for (char *l = strtok_r(t, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save), lines++)
			if (lines)	/* the count line is not a row */
				ck_assert_msg(report_width(l) <= widths[i],
					      "%zu columns: %s", widths[i], l);
		ck_assert_uint_eq(lines, 7);
		free(t);
	}
	char *t = actions_of(m, ~0u, 0, false, REPORT_ACTIONS_TEXT, 0);
	ck_assert_ptr_null(strstr(t, "\xe2\x80\xa6"));
	ck_assert_ptr_nonnull(strstr(t, "gap 1: Nadie es responsable de la "
				     "factura\n"));
	free(t);
	t = actions_of(m, ~0u, 0, false, REPORT_ACTIONS_TEXT, 100);
	ck_assert_ptr_nonnull(strstr(t, "\xe2\x80\xa6"));
	free(t);
	model_map_free(m);
}
END_TEST

/* Hostile names: text escapes control characters, JSON and Markdown
 * keep them out, as the exports do. */
START_TEST(test_actions_escapes)
{
	struct model_map *m = tm_hostile();
	for (int f = REPORT_ACTIONS_TEXT; f <= REPORT_ACTIONS_MARKDOWN; f++) {
		char *t = actions_of(m, ~0u, 0, false,
				     (enum report_actions_format)f, 0);
		for (const unsigned char *p = (const unsigned char *)t; *p; p++)
			ck_assert_msg(*p == '\n' || (*p >= 0x20 && *p != 0x7f),
				      "format %d: control 0x%02x", f, *p);
		ck_assert_ptr_null(strstr(t, "\xc2\x9b"));
		if (f == REPORT_ACTIONS_TEXT)
			ck_assert_ptr_nonnull(strstr(t, "@dev \\x1b[1m"));
		if (f == REPORT_ACTIONS_MARKDOWN)
			ck_assert_ptr_nonnull(strstr(t, "| Fix \\| \\*it\\* "
						     "\\<now\\> |"));
		free(t);
	}
	model_map_free(m);
}
END_TEST

/* ------------------------------------------------------------------ */
/* the document a manager reads (issue 14): order, wrapping, stability */

/* The text of the section under "## title" (up to the next "## "). */
static char *section(const char *md, const char *title)
{
	char head[200];
	snprintf(head, sizeof head, "\n## %s\n", title);
	const char *p = strstr(md, head);
	if (!p)
		return NULL;
	p += strlen(head);
	const char *end = strstr(p, "\n## ");
	size_t n = end ? (size_t)(end - p) : strlen(p);
	char *r = malloc(n + 1);
	memcpy(r, p, n);
	r[n] = '\0';
	return r;
}

/* Summary first, the legend last, the rest in the documented order. */
START_TEST(test_md_section_order)
{
	static const char *const order[] = {
		"Summary", "About this journey", "Journey", "Findings",
		"Ownership", "Handoffs", "Gaps", "Silos", "Metrics", "Voices",
		"Actions", "Decisions on findings", "Legend" };
	struct model_map *m = tm_sample();
	char *md = export_markdown(m);
	const char *last = md;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		char head[100];
		snprintf(head, sizeof head, "\n## %s\n", order[i]);
		const char *at = strstr(md, head);
		ck_assert_msg(at, "no section %s", order[i]);
		ck_assert_msg(at > last, "%s out of order", order[i]);
		last = at;
	}
	ck_assert_ptr_null(strstr(last + 1, "\n## "));
	/* the counts line under the title, the worst problem first */
	ck_assert_ptr_nonnull(strstr(md, "# Alta de clientes B2B\n\n3 stages \xc2\xb7 "
				     "5 touchpoints"));
	struct digest dg;
	digest_make(&dg, m);
	char *worst = analysis_describe(m, dg.findings[0]);
	char *sum = section(md, "Summary");
	const char *one = strstr(sum, "\n1. **High:** ");
	ck_assert_ptr_nonnull(one);
	ck_assert_msg(strncmp(one + 14, worst, 30) == 0, "the worst: %s", worst);
	ck_assert_ptr_nonnull(strstr(sum, "\n- NPS: 32 \xe2\x80\x94 target "
				     "\xe2\x89\xa5 40 \xe2\x80\x94 **off target**\n"));
	free(worst);
	free(sum);
	/* findings: High before Medium, a kind's meaning before its own */
	char *fs = section(md, "Findings");
	const char *high = strstr(fs, "### High"), *med = strstr(fs, "### Medium");
	ck_assert(high && med && high < med);
	ck_assert_ptr_null(strstr(fs, "### Low"));
	const char *kind = strstr(high, "- **metric off target**: A measure");
	ck_assert(kind && kind < med);
	ck_assert_ptr_nonnull(strstr(kind, "\n  - 'Factura"));
	free(fs);
	digest_free(&dg);
	free(md);
	model_map_free(m);
}
END_TEST

/* Gaps: open before resolved, high before low, then as recorded; each
 * keeps the number actions know it by. */
START_TEST(test_md_gaps_open_first)
{
	struct model_map *m = tm_sample();
	m->gaps[0].status = MODEL_RESOLVED;	/* high, resolved */
	m->gaps[1].severity = MODEL_SEV_LOW;	/* open, low */
	m->gaps[2].status = MODEL_OPEN;		/* low -> high, open */
	m->gaps[2].severity = MODEL_SEV_HIGH;
	char *md = export_markdown(m);
	char *gaps = section(md, "Gaps");
	const char *g3 = strstr(gaps, "\n| 3 | "), *g2 = strstr(gaps, "\n| 2 | "),
		   *g1 = strstr(gaps, "\n| 1 | ");
	ck_assert_msg(g3 && g2 && g1 && g3 < g2 && g2 < g1, "%s", gaps);
	ck_assert_ptr_nonnull(strstr(g3, "| high | open |"));
	ck_assert_ptr_nonnull(strstr(g1, "| high | resolved |"));
	free(gaps);
	free(md);
	model_map_free(m);
}
END_TEST

/* A finding a person decided on is under "Decisions on findings" only:
 * not among the findings, nor the worst problems, nor a touchpoint's
 * flags. */
START_TEST(test_md_decided_apart)
{
	struct model_map *m = tm_sample();
	char *md = export_markdown(m);
	char *fs = section(md, "Findings"), *sum = section(md, "Summary");
	char *dec = section(md, "Decisions on findings");
	/* "Factura" has no owner, and that was accepted */
	ck_assert_ptr_null(strstr(fs, "**unowned**"));
	ck_assert_ptr_null(strstr(fs, "has no owner department"));
	ck_assert_ptr_null(strstr(sum, "has no owner department"));
	ck_assert_ptr_nonnull(strstr(dec, "| unowned | 2. 購入 Compra \xe2\x80\xba "
				     "Factura 🧾 | accepted |"));
	/* the seminar's handoff was dismissed: no handoff finding */
	ck_assert_ptr_null(strstr(fs, "**handoff**"));
	free(fs);
	free(sum);
	free(dec);
	free(md);
	/* undecided, the same finding is back */
	m->ndecisions = 0;
	md = export_markdown(m);
	fs = section(md, "Findings");
	ck_assert_ptr_nonnull(strstr(fs, "**unowned**"));
	ck_assert_ptr_null(section(md, "Decisions on findings"));
	free(fs);
	free(md);
	m->ndecisions = 5;
	model_map_free(m);
}
END_TEST

/* Outside tables, headings and code blocks no line is longer than 80
 * characters with a space past them (markdownlint's MD013). */
static void check_prose_width(const char *md)
{
	bool code = false;
	for (const char *line = md; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (strncmp(line, "```", 3) == 0)
			code = !code;
		if (!code && line[0] != '|' && line[0] != '#') {
			size_t chars = 0, i = 0;
			while (i < len && chars < 80)
				chars += (((unsigned char)line[i++] & 0xc0) != 0x80);
			while (i < len && ((unsigned char)line[i] & 0xc0) == 0x80)
				i++;
			ck_assert_msg(!memchr(line + i, ' ', len - i),
				      "a line over 80: %.*s", (int)len, line);
		}
		line += len + (nl != NULL);
	}
}

/* A map whose texts are made of `word` many times: the persona, a
 * stage's description, and an unowned touchpoint's name (which the
 * findings and the summary repeat in list items). */
static struct model_map *wordy_map(const char *word)
{
	char *text = repeat(word, 40);
	struct model_map *m = long_notes_map("n", 1);
	free(m->persona);
	m->persona = strdup(text);
	free(m->stages[0].description);
	m->stages[0].description = strdup(text);
	free(m->stages[0].touchpoints[0].name);
	m->stages[0].touchpoints[0].name = strdup(text);
	free(text);
	return m;
}

static const char *const md_blocks[] = {
	"<list", "<item", "<heading", "<thematic_break", "<paragraph",
	"<table", "<code_block", "<block_quote", "<html_block" };

/* Wrapped prose never starts a line with block markup: a text of "- x",
 * "1. y", "=== z" (and so on) many times reads as the same blocks as a
 * text of plain words of the same lengths, and shows as written. */
START_TEST(test_md_wrap_no_markup)
{
	static const char *const bad[] = { "- x ", "1. y ", "=== z ", "+ w ",
					   "10) v ", "--- u ", ":-- t " };
	static const char *const good[] = { "a x ", "a. y ", "aaa z ",
					    "b w ", "aa) v ", "ccc u ",
					    "ddd t " };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct model_map *mb = wordy_map(bad[i]), *mg = wordy_map(good[i]);
		char *md_b = export_markdown(mb), *md_g = export_markdown(mg);
		char *xb = cmark(md_b, "xml"), *xg = cmark(md_g, "xml");
		for (size_t k = 0; k < sizeof md_blocks / sizeof *md_blocks; k++)
			ck_assert_msg(count(xb, md_blocks[k]) ==
				      count(xg, md_blocks[k]),
				      "'%s': %zu %s, plain words %zu", bad[i],
				      count(xb, md_blocks[k]), md_blocks[k],
				      count(xg, md_blocks[k]));
		/* the words read as written (line breaks aside) */
		char *got = cmark(md_b, "html");
		for (char *p = got; *p; p++)
			if (*p == '\n')
				*p = ' ';
		char *phrase = repeat(bad[i], 3);
		ck_assert_msg(strstr(got, phrase), "'%s' not shown as written",
			      bad[i]);
		free(phrase);
		free(got);
		check_prose_width(md_b);
		free(xb);
		free(xg);
		free(md_b);
		free(md_g);
		model_map_free(mb);
		model_map_free(mg);
	}
}
END_TEST

/* The same map gives the same bytes, export after export and from a
 * fresh copy (the analysis inside is run anew each time); and every
 * test map's prose fits 80 columns. */
START_TEST(test_md_same_bytes)
{
	struct model_map *(*const all[])(void) = { tm_sample, tm_hostile,
						   tm_empty, tm_escapes };
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		struct model_map *a = all[i](), *b = all[i]();
		char *x = export_markdown(a), *y = export_markdown(a);
		char *z = export_markdown(b);
		ck_assert_msg(strcmp(x, y) == 0, "map %zu: twice differs", i);
		ck_assert_msg(strcmp(x, z) == 0, "map %zu: a copy differs", i);
		check_prose_width(x);
		free(x);
		free(y);
		free(z);
		model_map_free(a);
		model_map_free(b);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* The ownership flowchart (issue 14) */

/* The flowchart block of a Markdown export (from "flowchart TB" to the
 * closing fence), copied; NULL when there is none. */
static char *flow_block(const char *md)
{
	const char *start = strstr(md, "\nflowchart TB\n");
	if (!start)
		return NULL;
	start++;
	const char *end = strstr(start, "\n```\n");
	ck_assert_ptr_nonnull(end);
	return strndup(start, (size_t)(end - start + 1));
}

/* Lines of block that start with prefix. */
static size_t flow_count(const char *block, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);
	for (const char *line = block; line && *line;) {
		if (strncmp(line, prefix, len) == 0)
			n++;
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return n;
}

/* What a reader looks for: a box per department that owns touchpoints,
 * named, and one for those nobody owns; a node per touchpoint; an edge
 * between consecutive touchpoints across an empty stage. */
START_TEST(test_flow_lanes)
{
	struct model_map *m = tb_map("Lanes");
	int64_t sales = tb_dept(m, "Sales"), ops = tb_dept(m, "Ops");
	tb_dept(m, "Idle");	/* owns nothing: no box */
	int64_t s1 = tb_stage(m, "One");
	tb_stage(m, "Empty");
	int64_t s3 = tb_stage(m, "Three");
	tb_tp(m, s1, "Call", sales);
	int64_t helped = tb_tp(m, s1, "Quote", sales);
	tb_contributor(m, helped, ops);
	tb_moment(m, helped, true);
	tb_tp(m, s3, "Invoice", 0);
	tb_tp(m, s3, "Setup", ops);
	char *md = export_markdown(m);
	char *fc = flow_block(md);
	ck_assert_ptr_nonnull(fc);
	ck_assert_uint_eq(flow_count(fc, "    subgraph "), 3);
	ck_assert_ptr_nonnull(strstr(fc, "    subgraph d1[\"Ops\"]\n"));
	ck_assert_ptr_nonnull(strstr(fc, "    subgraph d2[\"Sales\"]\n"));
	ck_assert_ptr_nonnull(strstr(fc, "    subgraph nobody[\"no owner\"]\n"));
	ck_assert_ptr_null(strstr(fc, "Idle"));
	ck_assert_uint_eq(flow_count(fc, "        t"), 4);
	/* stage number, moment, contributors on a line of their own */
	ck_assert_ptr_nonnull(strstr(fc, "        t2[\"1 \xc2\xb7 Quote "
				     "\xe2\x98\x85<br/>+ Ops\"]\n"));
	ck_assert_ptr_nonnull(strstr(fc, "        t3[\"3 \xc2\xb7 Invoice\"]\n"));
	/* journey order, the empty stage stepped over: 3 edges */
	ck_assert_uint_eq(flow_count(fc, "    t"), 3);
	ck_assert_ptr_nonnull(strstr(fc, "    t2 --> t3\n    t3 --> t4\n"));
	/* the unowned box stands out, and the legend says what it all means */
	ck_assert_ptr_nonnull(strstr(fc, "    style nobody fill:#fff0f0,"
				     "stroke:#c00000,stroke-width:2px,"
				     "stroke-dasharray:6 4\n"));
	const char *legend = strstr(md, "```\n\nIn the ownership diagram "
				    "each box is a department");
	ck_assert_ptr_nonnull(legend);
	/* wrapped at 80 columns, as markdownlint wants prose */
	legend += 5;
	for (const char *nl; (nl = strchr(legend, '\n')) && nl > legend;
	     legend = nl + 1) {
		char *line = strndup(legend, (size_t)(nl - legend));
		ck_assert_msg(text_chars(line) <= 80, "long: %s", line);
		free(line);
	}
	free(fc);
	free(md);
	model_map_free(m);
	/* no touchpoints: no flowchart */
	m = tb_map("Bare");
	tb_stage(m, "One");
	md = export_markdown(m);
	ck_assert_ptr_null(strstr(md, "flowchart"));
	free(md);
	model_map_free(m);
}
END_TEST

/* A handoff across an open silo is drawn thick and red and says "silo";
 * one into pain says so; a resolved silo is a plain handoff. */
START_TEST(test_flow_silo)
{
	struct model_map *m = tb_map("Silo");
	int64_t sales = tb_dept(m, "Sales"), cs = tb_dept(m, "Success");
	int64_t fin = tb_dept(m, "Finance");
	int64_t s = tb_stage(m, "One");
	tb_tp(m, s, "Sign", sales);
	tb_tp(m, s, "Kick-off", cs);
	int64_t bill = tb_tp(m, s, "Bill", fin);
	tb_emotion(m, bill, -1);
	tb_tp(m, s, "Renew", sales);
	int64_t silo = tb_silo(m, sales, cs, 0, MODEL_OPEN);
	char *md = export_markdown(m);
	char *fc = flow_block(md);
	ck_assert_ptr_nonnull(fc);
	ck_assert_ptr_nonnull(strstr(fc, "    t1 ==>|\"silo\"| t2\n"));
	ck_assert_ptr_nonnull(strstr(fc, "    t2 -->|\"into pain\"| t3\n"));
	ck_assert_ptr_nonnull(strstr(fc, "    t3 --> t4\n"));
	ck_assert_ptr_nonnull(strstr(fc, "    linkStyle 0 stroke:#c00000,"
				     "stroke-width:4px"));
	free(fc);
	free(md);
	/* resolved: no silo any more */
	for (size_t i = 0; i < m->nsilos; i++)
		if (m->silos[i].id == silo)
			m->silos[i].status = MODEL_RESOLVED;
	md = export_markdown(m);
	fc = flow_block(md);
	ck_assert_ptr_nonnull(strstr(fc, "    t1 --> t2\n"));
	ck_assert_ptr_null(strstr(fc, "==>"));
	free(fc);
	free(md);
	model_map_free(m);
}
END_TEST

static unsigned flow_hex(const char *s)
{
	return (unsigned)strtoul(s, NULL, 16);
}

/* Twelve departments, twelve fills, no two alike (at least 40 apart in
 * some channel), and text black on light fills, white on dark. */
START_TEST(test_flow_colours)
{
	struct model_map *m = tb_map("Twelve");
	int64_t d[12];
	char name[32];
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "Department %02d", i + 1);
		d[i] = tb_dept(m, name);
	}
	int64_t s = tb_stage(m, "One");
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "Touchpoint %d", i + 1);
		tb_tp(m, s, name, d[i]);
	}
	char *md = export_markdown(m);
	char *fc = flow_block(md);
	ck_assert_ptr_nonnull(fc);
	ck_assert_uint_eq(flow_count(fc, "    subgraph d"), 12);
	unsigned rgb[12][3];
	size_t n = 0;
	for (const char *p = fc; (p = strstr(p, "classDef c")); p++) {
		const char *fill = strstr(p, "fill:#");
		const char *color = strstr(p, ",color:#");
		ck_assert(fill && color && n < 12);
		char hex[3] = { 0 };
		for (int k = 0; k < 3; k++) {
			memcpy(hex, fill + 6 + 2 * k, 2);
			rgb[n][k] = flow_hex(hex);
		}
		unsigned bright = (299 * rgb[n][0] + 587 * rgb[n][1] +
				   114 * rgb[n][2]) / 1000;
		ck_assert_msg(strncmp(color, bright >= 140 ? ",color:#000000"
						     : ",color:#ffffff", 14) == 0,
			      "text colour on fill %.7s", fill + 5);
		n++;
	}
	ck_assert_uint_eq(n, 12);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			unsigned far = 0;
			for (int k = 0; k < 3; k++) {
				unsigned dk = rgb[i][k] > rgb[j][k]
						      ? rgb[i][k] - rgb[j][k]
						      : rgb[j][k] - rgb[i][k];
				far = dk > far ? dk : far;
			}
			ck_assert_msg(far >= 40, "colours %zu and %zu alike", i, j);
		}
	free(fc);
	free(md);
	model_map_free(m);
}
END_TEST

/* Long names are cut after a whole character, at most 24 columns with
 * the ellipsis, and the result is still UTF-8: accents, CJK (two
 * columns each), emoji. */
START_TEST(test_flow_shortening)
{
	static const char *const names[] = {
		"Ñandú añejo él está aquí según Íñigo Úrsula Óscar",
		"日本語の長い名前がここにありますとても長い名前です",
		"🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾",
		"Supercalifragilisticexpialidocious-and-more",
	};
	struct model_map *m = tb_map("Short");
	int64_t d = tb_dept(m, "Dept");
	int64_t s = tb_stage(m, "One");
	for (size_t i = 0; i < 4; i++)
		tb_tp(m, s, names[i], d);
	char *md = export_markdown(m);
	char *fc = flow_block(md);
	ck_assert_ptr_nonnull(fc);
	ck_assert(text_utf8_valid(fc, strlen(fc)));
	for (size_t i = 0; i < 4; i++) {
		char want[64];
		snprintf(want, sizeof want, "        t%zu[\"1 \xc2\xb7 ", i + 1);
		const char *label = strstr(fc, want);
		ck_assert_ptr_nonnull(label);
		label += strlen(want);
		const char *end = strstr(label, "\"]\n");
		ck_assert_ptr_nonnull(end);
		size_t len = (size_t)(end - label);
		ck_assert_msg(len > 3 && memcmp(end - 3, "\xe2\x80\xa6", 3) == 0,
			      "not shortened: %.*s", (int)len, label);
		char *cut = strndup(label, len);
		size_t chars = text_chars(cut);
		/* CJK and emoji take two columns: half as many characters */
		ck_assert_msg(chars <= (i == 1 || i == 2 ? 13 : 24),
			      "too long: %s", cut);
		ck_assert_msg(chars >= (i == 1 || i == 2 ? 8 : 12),
			      "too short: %s", cut);
		free(cut);
	}
	/* at a space when one is late enough */
	ck_assert_ptr_nonnull(strstr(fc, "Ñandú añejo él está…\"]"));
	free(fc);
	free(md);
	model_map_free(m);
}
END_TEST

/* The length of the character reference at p that the flowchart writes
 * for a character a label cannot hold, or 0. */
static size_t flow_reference(const char *p)
{
	static const char *const refs[] = { "#quot;", "#amp;", "#lt;", "#gt;",
					    "#35;", "#59;", "#37;", "#96;" };
	for (size_t i = 0; i < sizeof refs / sizeof *refs; i++)
		if (strncmp(p, refs[i], strlen(refs[i])) == 0)
			return strlen(refs[i]);
	return 0;
}

/* Hostile names: no label keeps a character that ends it or that Mermaid
 * or the HTML it becomes would read ('"', '<', '>', '&', '#', ';', '`')
 * but as one of the references above, and every line is one line of the
 * diagram. */
static void check_flow_labels(const char *fc)
{
	for (const char *line = fc; *line;) {
		const char *nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		const char *open = memchr(line, '"', (size_t)(nl - line));
		if (open && (strncmp(line, "        t", 9) == 0 ||
			     strncmp(line, "    subgraph ", 13) == 0)) {
			ck_assert_msg(nl - line > 2 && nl[-1] == ']' &&
				      nl[-2] == '"', "label: %.*s",
				      (int)(nl - line), line);
			for (const char *p = open + 1; p < nl - 2; p++) {
				if (strncmp(p, "<br/>", 5) == 0) {
					p += 4;
					continue;
				}
				size_t ref = flow_reference(p);
				if (ref) {
					p += ref - 1;
					continue;
				}
				ck_assert_msg(!strchr("\"<>&#;`", *p),
					      "'%c' in %.*s", *p,
					      (int)(nl - line), line);
			}
		}
		line = nl + 1;
	}
}

START_TEST(test_flow_hostile)
{
	struct model_map *(*const hostile[])(void) = { tm_hostile, tm_escapes,
						       tm_sample };
	struct model_map *m = hostile[_i]();
	char *md = export_markdown(m);
	char *fc = flow_block(md);
	ck_assert_ptr_nonnull(fc);
	check_flow_labels(fc);
	ck_assert_uint_eq(flow_count(fc, "        t"),
			  model_touchpoint_count(m));
	ck_assert_uint_eq(flow_count(fc, "    t"),
			  model_touchpoint_count(m) - 1);
	free(fc);
	free(md);
	model_map_free(m);
	/* names made of nothing but what is swapped */
	m = tb_map("Quotes");
	int64_t d = tb_dept(m, "\"]end[\"");
	int64_t s = tb_stage(m, "One");
	tb_tp(m, s, "\"]; <b>&amp;#quot;`md`", d);
	tb_tp(m, s, "%%{init: {\"x\": 1}}%%", 0);
	md = export_markdown(m);
	fc = flow_block(md);
	check_flow_labels(fc);
	ck_assert_ptr_nonnull(strstr(fc, "    subgraph d1[\"#quot;]end[#quot;\"]\n"));
	ck_assert_ptr_nonnull(strstr(fc, "[\"1 \xc2\xb7 #quot;]#59; #lt;b#gt;"
				     "#amp;amp#59;#35;quot#59;#96;md#96;\"]"));
	ck_assert_ptr_nonnull(strstr(fc, "[\"1 \xc2\xb7 #37;#37;{init: "
				     "{#quot;x#quot;: 1}}#37;#37;\"]"));
	free(fc);
	free(md);
	model_map_free(m);
}
END_TEST

/* A map too big to draw gets a sentence instead of a diagram Mermaid
 * would refuse (over 50,000 characters) and nobody could read. */
START_TEST(test_flow_too_big)
{
	struct model_map *m = tb_map("Big");
	int64_t d = tb_dept(m, "Dept");
	int64_t s = tb_stage(m, "One");
	char name[32];
	for (int i = 0; i < 150; i++) {
		snprintf(name, sizeof name, "Touchpoint %d", i + 1);
		tb_tp(m, s, name, d);
	}
	char *md = export_markdown(m);
	char *fc = flow_block(md);
	ck_assert_ptr_nonnull(fc);
	ck_assert_uint_eq(flow_count(fc, "        t"), 150);
	free(fc);
	free(md);
	tb_tp(m, s, "One more", d);
	md = export_markdown(m);
	ck_assert_ptr_null(strstr(md, "flowchart"));
	ck_assert_ptr_nonnull(strstr(md, "The ownership diagram is left out: "
				     "the map has more than 150 touchpoints, "
				     "too\nmany to draw.\n\n"));
	free(md);
	model_map_free(m);
}
END_TEST

int main(void)
{
	/* "overdue" is against today: 2024-06-15 in UTC */
	setenv("CXMAP_TEST_NOW", "1718452800", 1);
	setenv("TZ", "UTC", 1);
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("golden");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_golden_markdown, 0, 3);
	tcase_add_loop_test(tc, test_golden_json, 0, 3);
	tcase_add_test(tc, test_no_controls);
	tcase_add_test(tc, test_empty_map);
	suite_add_tcase(s, tc);
	tc = tcase_create("gfm");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_gfm_structure, 0, 3);
	tcase_add_test(tc, test_gfm_text);
	tcase_add_test(tc, test_hard_break_after_url);
	tcase_add_test(tc, test_all_document);
	tcase_add_test(tc, test_all_anchors);
	suite_add_tcase(s, tc);
	tc = tcase_create("mermaid");
	tcase_add_loop_test(tc, test_mermaid_grammar, 0, 2);
	tcase_add_test(tc, test_mermaid_scores_and_actors);
	tcase_add_test(tc, test_mermaid_empty_stage);
	suite_add_tcase(s, tc);
	tc = tcase_create("escapes");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_escapes_golden);
	tcase_add_test(tc, test_escapes_bytes);
	tcase_add_test(tc, test_escapes_long);
	tcase_add_test(tc, test_stream_same);
	tcase_add_test(tc, test_stream_error);
	tcase_add_test(tc, test_replace_with);
	suite_add_tcase(s, tc);
	tc = tcase_create("actions");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_actions_golden);
	tcase_add_test(tc, test_actions_filters);
	tcase_add_test(tc, test_actions_fit);
	tcase_add_test(tc, test_actions_escapes);
	suite_add_tcase(s, tc);
	tc = tcase_create("document");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_md_section_order);
	tcase_add_test(tc, test_md_gaps_open_first);
	tcase_add_test(tc, test_md_decided_apart);
	tcase_add_test(tc, test_md_wrap_no_markup);
	tcase_add_test(tc, test_md_same_bytes);
	suite_add_tcase(s, tc);
	tc = tcase_create("flowchart");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_flow_lanes);
	tcase_add_test(tc, test_flow_silo);
	tcase_add_test(tc, test_flow_colours);
	tcase_add_test(tc, test_flow_shortening);
	tcase_add_loop_test(tc, test_flow_hostile, 0, 3);
	tcase_add_test(tc, test_flow_too_big);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
