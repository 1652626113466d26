#!/bin/sh
# ui-cli.sh - how the interface starts, each scenario on its own file: a
# read-only file, --read-only, and no terminal at all.
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C

# --- a read-only file --------------------------------------------------------------
scenario_readonly_file() {
	"$FIXTURE" "$T/ro.db"
	chmod 444 "$T/ro.db"
	ui_start 80 24 "$T/ro.db"
	expect_screen "[read-only]" "header says read-only"
	ui_keys A
	expect_screen "Read-only" "edits refused with a message"
	ui_stop
}

# --- --read-only never writes ------------------------------------------------------
scenario_readonly_flag() {
	"$FIXTURE" "$T/look.db"
	sum=$(cksum <"$T/look.db")
	ui_start 80 24 --read-only "$T/look.db"
	expect_screen "[read-only]" "--read-only says so"
	ui_keys a
	expect_screen "Read-only" "--read-only refuses edits"
	ui_keys q
	expect_screen "CXMAP-EXIT=0" "quits"
	ui_stop
	ok; [ "$(cksum <"$T/look.db")" = "$sum" ] || fail "--read-only changed the file"
}

# --- not a terminal ------------------------------------------------------------------
scenario_no_terminal() {
	"$FIXTURE" "$T/plain.db"
	run "$CXMAP" "$T/plain.db" </dev/null
	expect_rc 1 "no terminal"
	expect_err "needs a terminal" "no terminal"
}

scenario_readonly_file
scenario_readonly_flag
scenario_no_terminal
finish
