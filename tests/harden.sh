#!/bin/sh
# harden.sh - the races and faults of issue 17, as a person meets them:
# two runs creating one file at once, bad values in a file, locks held by
# another program, files deleted or replaced under the interface,
# permissions of the default file, export -o over odd targets.
. "$top_srcdir/tests/lib.sh"
BIN=$(dirname "$CXMAP")/../tests
FIXTURE=$BIN/fixture
export LC_ALL=C

# status_ok WHAT: the last run exited normally (no signal), 0 or 1
no_crash() { ok; [ "$rc" -lt 128 ] || fail "$1: killed by signal $((rc - 128)) (stderr: $(cat "$T/err"))"; }

# --- values out of range in a file: every reader says which row ---
F=$T/bad.db
"$FIXTURE" "$F" >/dev/null
sqlite3 "$F" "PRAGMA ignore_check_constraints = 1; UPDATE gap SET severity = 100000000;"
for cmd in "gaps" "export" "export --format json"; do
	run $CXMAP $cmd "$F"
	no_crash "$cmd on a bad severity"
	expect_rc 1 "$cmd on a bad severity"
	expect_err "severity is 100000000, not 0 to 2" "$cmd names the value"
done
chmod a-w "$F"
run $CXMAP gaps "$F"
no_crash "gaps on a read-only file with a bad severity"
expect_err "gap [0-9]*: severity" "gaps names the row"
chmod u+w "$F"

finish
