#!/bin/sh
# ui-share.sh - sessions on one file in real terminals (tmux), each
# scenario on its own file: two people (live refresh, presence, a conflict
# re-applied, a map deleted under the other), and a dropped connection
# (SIGHUP) that loses nothing.
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C

# --- two people on one file: live refresh, presence, conflicts ------------------
scenario_two_people() {
	"$FIXTURE" "$T/shared.db"
	ui_start 80 24 "$T/shared.db"
	A_SOCK=$TMUX_SOCK
	expect_screen "Awareness" "first person"
	UI_N=$((UI_N + 1)); TMUX_SOCK="$T/tmux$UI_N.sock"
	tm -f /dev/null new-session -d -x 80 -y 24 \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$CXMAP' '$T/shared.db'; echo CXMAP-EXIT=\$?; sleep 60"
	B_SOCK=$TMUX_SOCK
	expect_screen "Awareness" "second person"
	expect_screen "with $(id -un)" "presence shows the other session"
	# B adds a stage; A sees it without touching a key
	ui_keys A; ui_type "Loyalty"; ui_keys Enter
	expect_screen "Loyalty (0)" "B's own stage"
	TMUX_SOCK=$A_SOCK
	expect_screen "Loyalty (0)" "A sees B's stage within seconds"
	# A starts renaming the Ad; meanwhile B renames it; A is told
	ui_keys j r C-u; ui_type "Banner ad"
	TMUX_SOCK=$B_SOCK
	ui_keys h j r C-u; ui_type "Billboard"; ui_keys Enter
	expect_screen "Billboard" "B renamed the card"
	TMUX_SOCK=$A_SOCK
	ui_keys Enter
	expect_screen "Meanwhile $(id -un) renamed touchpoint" "A is told who renamed it"
	expect_screen "Save yours (\"Banner ad\") over it? (y/n)" "A is asked whether to save theirs over it"
	ui_keys y
	expect_screen "Banner ad" "A re-applied theirs"
	TMUX_SOCK=$B_SOCK
	expect_screen "Banner ad" "B sees A's version"
	run "$CXMAP" list "$T/shared.db"
	expect_out "4 stages	3 touchpoints" "both people's edits are in the file"
	# B deletes the map A is looking at
	ui_keys m d
	expect_screen "undoes it)? (y/n)" "B is asked before deleting a map"
	ui_keys y
	TMUX_SOCK=$A_SOCK
	expect_screen 'Someone else deleted the map "B2B onboarding"' "A is told the map went"
	expect_screen "with $(id -un)" "both are on the fresh map that replaced it"
	TMUX_SOCK=$B_SOCK
	ui_keys q
	expect_screen "CXMAP-EXIT=0" "B quits cleanly"
	# A goes on, on a fresh map, and sees B leave
	TMUX_SOCK=$A_SOCK
	expect_screen_gone "with $(id -un)" "A sees that B left"
	ui_keys A; ui_type "Fresh start"; ui_keys Enter
	expect_screen "Fresh start (0)" "A goes on working on a fresh map"
	run "$CXMAP" list "$T/shared.db"
	expect_out "^shared	1 stage	" "A's stage is in the file"
	ui_stop
	TMUX_SOCK=$B_SOCK; ui_stop
}

# --- a dropped connection (SIGHUP) loses nothing and exits cleanly ----------------
scenario_hangup() {
	"$FIXTURE" "$T/hup.db"
	ui_start 80 24 "$T/hup.db"
	expect_screen "Awareness" "before the hangup"
	ui_keys A; ui_type "Advocacy"; ui_keys Enter
	expect_screen "Advocacy (0)" "an edit just before the hangup"
	pid=$(tm list-panes -t 0 -F '#{pane_pid}')
	pkill -HUP -P "$pid" -x cxmap || kill -HUP $(pgrep -P "$pid")
	expect_screen "CXMAP-EXIT=0" "SIGHUP ends cxmap cleanly"
	ui_stop
	run "$CXMAP" list "$T/hup.db"
	expect_out "4 stages" "the edit made before the hangup is in the file"
}

scenario_two_people
scenario_hangup
finish
