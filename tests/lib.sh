# lib.sh - shared by the shell tests: a private folder, and assertions
# that say what a user would have seen.
set -u
: "${CXMAP:?run me through make check}"
T=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-sh-XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
FAILS=0
CHECKS=0

fail() { FAILS=$((FAILS + 1)); printf 'FAIL: %s\n' "$*"; }
ok() { CHECKS=$((CHECKS + 1)); }

# run CMD...: runs it, keeping stdout in $T/out, stderr in $T/err, status in $rc
run() { "$@" >"$T/out" 2>"$T/err"; rc=$?; }

expect_rc() { ok; [ "$rc" -eq "$1" ] || fail "$2: exit $rc, want $1 (stderr: $(cat "$T/err"))"; }
expect_out() { ok; grep -q -- "$1" "$T/out" || fail "$2: stdout lacks '$1': $(cat "$T/out")"; }
expect_err() { ok; grep -q -- "$1" "$T/err" || fail "$2: stderr lacks '$1': $(cat "$T/err")"; }
expect_no_out() { ok; [ ! -s "$T/out" ] || fail "$1: unexpected stdout: $(cat "$T/out")"; }
expect_lines() { ok; n=$(wc -l <"$T/out"); [ "$n" -eq "$1" ] || fail "$2: $n lines, want $1"; }

finish() {
	printf '%s: %d checks, %d failed\n' "$(basename "$0")" "$CHECKS" "$FAILS"
	[ "$FAILS" -eq 0 ]
}
