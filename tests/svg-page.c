/* svg-page.c - the emotion curve alone in a minimal HTML page, 1000 px
 * wide, for tests/doc-svg.sh to draw in headless Chromium (and for a
 * person to look at):
 *   svg-page FILE.cxmap      the file's first map
 *   svg-page --big N S       a built map of N touchpoints in S stages
 *   svg-page --sample | --hostile   tests/testmaps.c's maps */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "core/store.h"
#include "io/digest.h"
#include "io/export_html_private.h"
#include "testmaps.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/paths.h"

static struct model_map *load(const char *path)
{
	struct store *s;
	struct store_map_info *v;
	size_t n;
	struct model_map *m = NULL;
	if (store_open(path, STORE_OPEN_READONLY | STORE_OPEN_NOCREATE, &s))
		return NULL;
	if (store_map_names(s, &v, &n) == STORE_OK && n)
		store_map_load(s, v[0].id, &m);
	if (n)
		store_map_info_free(v, n);
	store_close(s);
	return m;
}

/* A random walk of emotions (the same every run), every seventh
 * touchpoint unrated, every fifty-third a moment. */
static struct model_map *big(size_t n, size_t nstages)
{
	struct model_map *m = tb_map("Big");
	int64_t *st = calloc(nstages, sizeof *st);
	char name[64];
	for (size_t i = 0; i < nstages; i++) {
		snprintf(name, sizeof name, "Stage %zu", i + 1);
		st[i] = tb_stage(m, name);
	}
	unsigned long seed = 12345;
	int e = 0;
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245 + 12345;
		int step = (int)((seed >> 16) % 4);	/* -1, 0, 0, +1 */
		e += step == 0 ? -1 : step == 3 ? 1 : 0;
		e = e < -2 ? -2 : e > 2 ? 2 : e;
		snprintf(name, sizeof name, "Touchpoint number %zu", i + 1);
		int64_t t = tb_tp(m, st[i * nstages / n], name, 0);
		if (i % 7)
			tb_emotion(m, t, e);
		if (i % 53 == 0)
			tb_moment(m, t, true);
	}
	free(st);
	return m;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, paths_localedir());
	textdomain(PACKAGE);
	struct model_map *m = NULL;
	if (argc == 2 && strcmp(argv[1], "--sample") == 0)
		m = tm_sample();
	else if (argc == 2 && strcmp(argv[1], "--hostile") == 0)
		m = tm_hostile();
	else if (argc == 2)
		m = load(argv[1]);
	else if (argc == 4 && strcmp(argv[1], "--big") == 0)
		m = big(strtoul(argv[2], NULL, 10),
			strtoul(argv[3], NULL, 10));
	if (!m) {
		fprintf(stderr, "usage: svg-page FILE.cxmap | --big N STAGES | "
			"--sample | --hostile\n");
		return 2;
	}
	struct digest d;
	digest_make(&d, m);
	struct buf b = { 0 };
	buf_add(&b, "<!doctype html><html><head><meta charset=\"utf-8\">"
		"<title>curve</title></head>"
		"<body style=\"margin:0;width:1000px\">\n");
	hs_emotion_curve(&b, m, &d);
	buf_add(&b, "</body></html>\n");
	fputs(b.data, stdout);
	buf_free(&b);
	digest_free(&d);
	model_map_free(m);
	return 0;
}
