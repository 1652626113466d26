/* fuzz_import.c - libFuzzer target for the JSON importer (built and run
 * by tests/fuzz/run.sh).  Whatever the bytes, import_json_parse_all
 * either refuses them with a clean message, or gives maps that export,
 * parse again and export again to the same bytes, and export to Markdown
 * without a control character. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export_json.h"
#include "io/export_html.h"
#include "io/export_md.h"
#include "io/import_json.h"
#include "util/text.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static void fz_round_trip(const struct model_map *m)
{
	char *j1 = export_json(m), *err = NULL;
	fz_check_clean("json", j1);
	struct model_map *again = import_json_parse(j1, strlen(j1), &err);
	if (!again) {
		fprintf(stderr, "an export was refused: %s\n%s\n", err, j1);
		abort();
	}
	char *j2 = export_json(again);
	if (strcmp(j1, j2) != 0) {
		fprintf(stderr, "export, parse, export differs:\n%s\n---\n%s\n",
			j1, j2);
		abort();
	}
	char *md = export_markdown(m);
	fz_check_clean("markdown", md);
	free(md);
	char *page = export_html(m);
	fz_check_html(page);
	free(page);
	free(j2);
	free(j1);
	model_map_free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	char *err = NULL;
	struct model_map **maps = import_json_parse_all((const char *)data,
							size, &n, &err);
	if (!maps) {
		if (!err || !*err)
			abort();	/* a refusal always says why */
		fz_check_clean("message", err);
		free(err);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		fz_round_trip(maps[i]);
	import_json_free_all(maps, n);
	return 0;
}
