#!/bin/sh
# run.sh - builds the libFuzzer targets with clang (ASan + UBSan) and runs
# each for a bounded time on a copy of its seed corpus:
#   import  the JSON importer (fuzz_import.c): tests/fuzz/corpus, the
#           golden exports and the templates
#   file    what reads map files -- the store, the analysis, the
#           exporters (fuzz_file.c): the cxmap files in tests/fuzz/files
#
#   sh tests/fuzz/run.sh [SECONDS] [TARGET]...   default 30 s; both targets
#
# From a configured tree.  Not part of make check or distcheck (it needs
# clang and libFuzzer: Debian packages clang and libclang-rt-14-dev);
# .ci/run calls it.  An input that fails is kept as fuzz-TARGET-crash-* at
# the top of the tree.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-30}
[ $# -gt 0 ] && shift
targets=${*:-import file}
cd "$top"
if [ ! -f config.h ]; then
	echo "fuzz: config.h is missing: run ./configure first" >&2
	exit 2
fi
if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: clang is not installed (Debian packages clang, libclang-rt-14-dev)" >&2
	exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# the parser alone: no store.c, no SQLite (writing into a store is
# import_store.c's)
src="src/util/xalloc.c src/util/text.c src/util/buf.c src/util/clock.c
src/core/model.c src/core/plan.c src/core/analysis.c src/core/analysis_plan.c
src/core/analysis_query.c src/core/analysis_text.c src/io/export_json.c
src/io/digest.c src/io/export_md.c src/io/export_md_plan.c
src/io/export_md_summary.c src/io/export_mermaid.c src/io/export_html.c
src/io/export_html_parts.c src/io/export_html_svg.c src/io/export_html_text.c
src/io/import_json.c src/io/import_json_plan.c"
# the file target reads through the store, so the store (src/core/store*.c) and SQLite come along
file_src="$src src/core/store.c src/core/store_schema.c src/core/store_share.c src/core/store_map.c src/core/store_journey.c src/core/store_dept.c src/core/store_records.c src/core/store_check.c src/core/store_import.c src/core/store_plan.c src/core/history.c"

for target in $targets; do
	case $target in
	import)
		seeds="tests/fuzz/corpus/* tests/data/export-*.json data/templates/*.json"
		opts="-max_len=65536 -dict=tests/fuzz/json.dict"
		tsrc=$src libs="libcjson" ;;
	file)
		seeds="tests/fuzz/files/*"
		opts="-max_len=65536"
		tsrc=$file_src libs="libcjson sqlite3" ;;
	*)
		echo "fuzz: no target $target (import, file)" >&2
		exit 2 ;;
	esac
	echo "==> fuzz $target: building with clang -fsanitize=fuzzer,address,undefined"
	# shellcheck disable=SC2046,SC2086
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -I. -Isrc \
		$(pkg-config --cflags $libs) \
		$tsrc "tests/fuzz/fuzz_$target.c" -o "$work/fuzz_$target" \
		$(pkg-config --libs $libs)
	mkdir "$work/corpus-$target" "$work/tmp-$target"
	# shellcheck disable=SC2086
	cp $seeds "$work/corpus-$target/"
	echo "==> fuzz $target: running for ${secs}s"
	# shellcheck disable=SC2086
	if ! TMPDIR="$work/tmp-$target" "$work/fuzz_$target" \
		-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 $opts \
		-artifact_prefix="$top/fuzz-$target-" -print_final_stats=1 \
		"$work/corpus-$target" >"$work/log-$target" 2>&1; then
		tail -n 60 "$work/log-$target"
		echo "fuzz $target: FAILED; the input is kept in $top/fuzz-$target-*" >&2
		exit 1
	fi
	grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' \
		"$work/log-$target" || true
	echo "==> fuzz $target: no failure"
done
