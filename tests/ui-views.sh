#!/bin/sh
# ui-views.sh - the views as a person moves through them in a real terminal
# (tmux), each scenario on its own file: Tab through every view and the
# help, the gaps view's filters, resolve, undo and jump, and a mouse click.
# What each view shows when still is a golden screen (tests/screens/
# lanes-80-en, gaps-80-en, maps-80-en, depts-80-en, history-80-en,
# help-80-en and their 40x12 and Spanish twins).
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C

# --- Tab goes through every view and back; ? shows the help ----------------------
scenario_tab_views() {
	"$FIXTURE" "$T/views.db"
	ui_start 80 24 "$T/views.db"
	expect_screen "Awareness" "board"
	ui_keys Tab
	expect_screen "Department" "lanes view"
	expect_screen "(no owner)" "lanes view has the unowned row"
	ui_keys Tab
	expect_screen "shown · by stage" "gaps view"
	ui_keys Tab
	expect_screen "No actions yet" "backlog view"
	ui_keys Tab
	expect_screen "Maps in this file" "maps view"
	ui_keys Tab
	expect_screen "Departments (shared" "departments view"
	expect_screen "Marketing" "departments listed"
	ui_keys Tab
	expect_screen "History, newest first" "history view"
	ui_keys Tab
	expect_screen "Awareness" "back on the board"
	ui_keys ?
	expect_screen "undo the last change" "help lists keys"
	expect_screen "Ctrl-R" "help lists redo"
	ui_keys q
	expect_screen "A Stage" "help closes"
	ui_keys q
	expect_screen "CXMAP-EXIT=0" "q quits from the board"
	ui_stop
}

# --- the gaps view: recorded items and findings, filters, jump -------------------
scenario_gaps() {
	"$FIXTURE" "$T/gaps.db"
	ui_start 100 30 "$T/gaps.db"
	expect_screen "5 findings" "header counts findings"
	expect_screen "Renewal (0) ◆1" "stage marker for an empty stage"
	expect_screen "Marketing ◆1" "card marker for a finding"
	ui_keys Tab Tab
	expect_screen "7 shown" "gaps view lists recorded items and findings"
	expect_screen "recorded silo" "recorded silo listed"
	expect_screen "silo handoff" "silo handoff found"
	expect_screen "empty stage" "empty stage found"
	ui_keys S
	expect_screen "by severity" "sort by severity"
	ui_keys t
	expect_screen "(every kind)" "kind filter picker"
	ui_type "recorded gap"; ui_keys Enter
	expect_screen "1 shown" "kind filter keeps one row"
	ui_keys r
	expect_screen "Resolved" "resolving a gap"
	expect_screen "0 shown" "resolved gap leaves the open list"
	ui_keys o
	expect_screen "status: resolved" "status filter"
	expect_screen "Nobody owns billing" "resolved gap shown with the resolved filter"
	ui_keys u
	expect_screen "Undone" "undo works in the gaps view"
	ui_keys o o t
	ui_type "unowned"; ui_keys Enter
	expect_screen "has no owner" "unowned finding"
	ui_keys Enter
	expect_screen "Invoice" "jump to the board"
	ui_keys e
	expect_screen "Moment of truth" "the jumped-to touchpoint is selected"
	expect_screen_re "Name +Invoice" "the jumped-to touchpoint is the invoice"
	ui_stop
	run "$CXMAP" gaps --format json "$T/gaps.db"
	ok; grep -q '"unowned":[[:space:]]*1,' "$T/out" || fail "cxmap gaps agrees on unowned: $(head -30 "$T/out")"
	ok; grep -q '"empty-stage":[[:space:]]*1,' "$T/out" || fail "cxmap gaps agrees on the empty stage"
	ok; grep -q '"silo-handoff":[[:space:]]*1,' "$T/out" || fail "cxmap gaps agrees on the silo handoff"
}

# --- the mouse, when asked for: a click selects a card -----------------------------
scenario_mouse() {
	"$FIXTURE" "$T/mouse.db"
	UI_TERM=xterm-256color ui_start 80 24 --mouse "$T/mouse.db"
	expect_screen "Invoice" "board with the mouse on"
	ui_keys -l "$(printf '\033[<0;30;7M')"; ui_keys -l "$(printf '\033[<0;30;7m')"
	ui_keys e
	expect_screen "Moment of truth" "a click selected a card"
	expect_screen_re "Name +Invoice" "the click selected the card under it"
	ui_stop
}

scenario_tab_views
scenario_gaps
scenario_mouse
finish
