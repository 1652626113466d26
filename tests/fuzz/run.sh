#!/bin/sh
# run.sh - builds the JSON importer's libFuzzer target with clang (ASan +
# UBSan) and runs it for a bounded time on a copy of the seed corpus:
# tests/fuzz/corpus, the golden exports and the templates.
#
#   sh tests/fuzz/run.sh [SECONDS]     default 30; from a configured tree
#
# Not part of make check or distcheck (it needs clang and libFuzzer:
# Debian packages clang and libclang-rt-14-dev); .ci/run calls it.  An
# input that fails is kept as fuzz-crash-* at the top of the tree.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-30}
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
src="src/util/xalloc.c src/util/text.c src/util/buf.c src/core/model.c
src/io/export_json.c src/io/export_md.c src/io/import_json.c"
echo "==> fuzz: building with clang -fsanitize=fuzzer,address,undefined"
# shellcheck disable=SC2046,SC2086
clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -I. -Isrc \
	$(pkg-config --cflags libcjson) \
	$src tests/fuzz/fuzz_import.c -o "$work/fuzz_import" \
	$(pkg-config --libs libcjson)

mkdir "$work/corpus"
cp tests/fuzz/corpus/* tests/data/export-*.json data/templates/*.json \
	"$work/corpus/"
echo "==> fuzz: running for ${secs}s"
if ! "$work/fuzz_import" -max_total_time="$secs" -timeout=10 \
	-rss_limit_mb=2048 -max_len=65536 -dict=tests/fuzz/json.dict \
	-artifact_prefix="$top/fuzz-" -print_final_stats=1 \
	"$work/corpus" >"$work/log" 2>&1; then
	tail -n 60 "$work/log"
	echo "fuzz: FAILED; the input is kept in $top/fuzz-*" >&2
	exit 1
fi
grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log" || true
echo "==> fuzz: no failure"
