#!/bin/sh
# ui-terminal.sh - what only a real terminal (tmux) shows, each scenario on
# its own file and in its own session: resizing with a prompt open, a
# terminal too small, C and UTF-8 locales, NO_COLOR, three TERMs, hostile
# names and a pasted escape sequence.  The still pictures of the C locale
# and NO_COLOR are also golden screens (tests/screens/board-80-c,
# board-80-en-nocolor); here they are checked on a real terminal.
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C

# --- resize while a prompt is open; too small ---------------------------------
scenario_resize() {
	"$FIXTURE" "$T/resize.db"
	ui_start 80 24 "$T/resize.db"
	expect_screen "Awareness" "board"
	ui_keys a; ui_type "Half typed"
	tm resize-window -t 0 -x 100 -y 30
	expect_screen "Half typed" "prompt survives a resize"
	ui_keys Enter
	expect_screen "Half typed" "the resized prompt still accepts"
	expect_screen "Awareness (2)" "the typed card is added"
	tm resize-window -t 0 -x 30 -y 10
	expect_screen "Terminal too small" "too small says so"
	tm resize-window -t 0 -x 120 -y 40
	expect_screen "Awareness" "the board returns when the terminal grows"
	expect_screen_gone "Terminal too small" "the message goes when it grows"
	ui_stop
	run "$CXMAP" list "$T/resize.db"
	expect_out "4 touchpoints" "the card typed across a resize is in the file"
}

# --- locales, colours, terminals ------------------------------------------------
scenario_locales() {
	"$FIXTURE" "$T/wide.db" "Ñandú 購入 🛒"
	UI_LANG=C ui_start 80 24 "$T/wide.db"
	expect_screen "----------" "ASCII lines in the C locale"
	expect_screen "?and? ?? ?" "non-ASCII shown as ? in the C locale"
	ui_stop
	UI_LANG=C.UTF-8 ui_start 80 24 "$T/wide.db"
	expect_screen "Ñandú 購入 🛒" "UTF-8 names in a UTF-8 locale"
	expect_screen "────" "box lines in a UTF-8 locale"
	ui_stop
}

scenario_no_color() {
	"$FIXTURE" "$T/nocolor.db"
	UI_ENV="NO_COLOR=1" ui_start 80 24 "$T/nocolor.db"
	expect_screen "Awareness" "board"
	ui_keys j
	ok; ui_wait_escapes "$(printf '\033\\[7m')" || fail "no reverse video for the selection with NO_COLOR"
	ok; if ui_screen_escapes | grep -q "$(printf '\033\\[3[1-7]m')"; then fail "colours despite NO_COLOR"; fi
	ui_stop
}

scenario_terms() {
	"$FIXTURE" "$T/terms.db"
	for term in xterm-256color screen vt100; do
		UI_TERM=$term ui_start 80 24 "$T/terms.db"
		expect_screen "Awareness" "board draws on TERM=$term"
		ui_keys q
		expect_screen "CXMAP-EXIT=0" "quits on TERM=$term"
		ui_stop
	done
}

# --- hostile names never reach the terminal raw ----------------------------------
scenario_hostile() {
	"$FIXTURE" "$T/evil.db" "$(printf 'Evil\033[2J\033]0;pwned\007map')"
	ui_start 80 24 "$T/evil.db"
	expect_screen "Awareness" "board still drawn"
	expect_screen "Evil" "hostile map name shown"
	ok; if ui_screen_escapes | grep -q "pwned$(printf '\007')"; then fail "an escape sequence reached the terminal"; fi
	ui_stop
}

# --- a pasted escape sequence is not taken for keys -------------------------------
scenario_paste() {
	"$FIXTURE" "$T/paste.db"
	ui_start 80 24 "$T/paste.db"
	expect_screen "Awareness" "board"
	ui_keys a
	ui_type "$(printf 'x\033[31my')"
	expect_screen "Name of the new touchpoint in Awareness: xy" "the sequence was swallowed, the text kept"
	expect_no_screen "Maps in this file" "no key of the sequence acted"
	ui_keys Escape
	expect_no_screen "xy" "Escape still cancels"
	ui_stop
}

scenario_resize
scenario_locales
scenario_no_color
scenario_terms
scenario_hostile
scenario_paste
finish
