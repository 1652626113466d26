#!/bin/sh
# make-seeds.sh - remakes the seed files of the file fuzzer
# (tests/fuzz/files) from a built tree: real cxmap files made by the
# project (the fixture program, a template, the older schemas of
# tests/data), rewritten with 512-byte pages so they stay small.
#
#   sh tests/fuzz/make-seeds.sh      from a built tree; needs sqlite3
#
# Not part of any test run: the seeds are checked in (and listed in
# Makefile.am's FUZZ_FILE_SEEDS).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out="$top/tests/fuzz/files"
work=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-seeds-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
export CXMAP_DATADIR="$top/data"

"$top/tests/fixture" "$work/fixture.cxmap" >/dev/null
"$top/src/cxmap" new --template demo "$work/demo.cxmap" >/dev/null
"$top/src/cxmap" new --map Empty "$work/empty.cxmap" >/dev/null
sqlite3 "$work/v1.cxmap" <"$top/tests/data/schema-v1.sql" >/dev/null
sqlite3 "$work/v2.cxmap" <"$top/tests/data/schema-v2.sql" >/dev/null
for f in fixture demo empty v1 v2; do
	sqlite3 "$work/$f.cxmap" >/dev/null <<SQL
PRAGMA journal_mode = DELETE;
PRAGMA page_size = 512;
VACUUM;
PRAGMA journal_mode = WAL;
SQL
	cp "$work/$f.cxmap" "$out/$f.cxmap"
done
ls -l "$out"
