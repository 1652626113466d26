#!/bin/sh
# ui-dialogs.sh - the interface's dialogs as a person meets them: pickers
# open on the value there is now, prompts look like questions, two people
# editing one item are told who changed what, and small terminals still
# show the words.
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C

# expect_selected TEXT WHAT: TEXT is drawn in reverse video (the selection)
expect_selected() {
	ok
	ui_wait_escapes "$(printf '\033')\\[7m[^$(printf '\033')]*$1" ||
		fail "$2: '$1' is not the selected line:
$(ui_screen)"
}

# --- pickers open on the current value: Enter keeps it --------------------------
"$FIXTURE" "$T/pick.db"
ui_start 80 24 "$T/pick.db"
expect_screen "Demo" "the fixture's board"
# the Demo card (Purchase) is owned by Sales
ui_keys l j o
expect_screen "Filter:" "the owner picker opens"
expect_selected "Sales" "the owner picker opens on the owner"
ui_keys Enter
ui_keys e
expect_screen_re "Owner +Sales" "o then Enter keeps the owner"
# emotion +2, then the picker again
ui_keys Down Down Down Down Enter
expect_screen "very positive" "the emotion picker"
ui_type "+2"; ui_keys Enter
expect_screen_re "Emotion +\+2  very positive" "emotion set to +2"
ui_keys Enter
expect_screen "Filter:" "the emotion picker again"
expect_selected "\+2  very positive" "the emotion picker opens on +2"
ui_keys Enter
expect_screen_re "Emotion +\+2  very positive" "Enter keeps +2"
ui_keys Escape
# contributors: a new one, then the picker opens on it
ui_keys c
expect_screen "Contributors" "the contributors picker"
ui_type "Support"; ui_keys Enter Enter
expect_screen "&1" "a contributor on the card"
ui_keys c
expect_screen "Contributors" "the contributors picker again"
expect_selected "\[x\] Support" "the contributors picker opens on the one checked"
ui_keys Escape
# the gaps view's department filter: the picker opens on the filter set
ui_keys Tab Tab
expect_screen "shown" "the gaps view"
ui_keys f; ui_type "Sales"; ui_keys Enter
expect_screen "department: Sales" "filtered by Sales"
ui_keys f
expect_screen "Filter:" "the department picker again"
expect_selected "Sales" "the department picker opens on the filter"
ui_keys Enter
expect_screen "department: Sales" "Enter keeps the filter"
ui_stop

# --- a prompt looks like one: a question, a cursor, the keys that answer ------------
"$FIXTURE" "$T/prompt.db"
ui_start 80 24 "$T/prompt.db"
expect_screen "Demo" "the board before the maps view"
ui_keys m t
expect_screen "New map from a template" "the template picker"
ui_type "retail"; ui_keys Enter
expect_screen "Name of the new map: Retail and e-commerce journey" "the name is asked for, not announced"
expect_screen "Enter accepts, Esc cancels" "the keys that answer the prompt"
ok; ui_wait_escapes "journey$(printf '\033')\\[7m" ||
	fail "the cursor shows after the name: $(ui_screen_escapes | cat -v | tail -3)"
ui_keys Escape
expect_no_screen "Retail and e-commerce journey" "Escape made no map"
ui_keys Escape
ui_keys d
expect_screen "y answers yes" "a y/n question says which keys answer it"
ui_keys n
ui_stop

# --- the smallest terminal shows words, not columns of ellipses ----------------------
"$FIXTURE" "$T/small.db"
ui_start 40 12 "$T/small.db"
expect_screen "Demo" "the board at 40x12"
ui_keys Tab Tab
expect_screen "shown" "the gaps view at 40x12"
expect_screen "Leads not h" "the gaps view shows the descriptions at 40 columns"
ui_keys w
expect_screen "History" "the history view at 40x12"
expect_screen "recorded gap" "the history view shows what changed at 40 columns"
ui_stop

# --- a dialog clears what it covers -------------------------------------------------
"$FIXTURE" "$T/cover.db"
ui_start 80 24 "$T/cover.db"
expect_screen "Demo" "the board before the dialogs"
ui_keys j e
expect_screen "Moment of truth" "the form over the board"
ok; ui_screen | sed -n '2,21p' | grep -E '^ ?[^ ]' >"$T/edge" &&
	fail "the form leaves pieces of the board at its left edge: $(cat "$T/edge")"
ui_keys Escape o
expect_screen "Filter:" "the owner picker over the board"
ok; ui_screen | sed -n '3,22p' | grep -vE '^ {10}|^$' >"$T/edge" &&
	fail "the picker leaves pieces of the board beside it: $(cat "$T/edge")"
ui_keys Escape
ui_stop

# --- two people on one file: who changed what, and a choice ---------------------------
ME=$(id -un)
"$FIXTURE" "$T/shared.db"
ui_start 80 24 "$T/shared.db"
A_SOCK=$TMUX_SOCK
expect_screen "Awareness" "the first person"
UI_N=$((UI_N + 1)); TMUX_SOCK="$T/tmux$UI_N.sock"
tm -f /dev/null new-session -d -x 80 -y 24 \
	"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$CXMAP' '$T/shared.db'; sleep 60"
tm set-option -g status off >/dev/null
B_SOCK=$TMUX_SOCK
expect_screen "with $ME" "the second person sees the first"
# A has the Ad's form open; B changes its channel: A's form shows it
TMUX_SOCK=$A_SOCK
ui_keys j e
expect_screen "Moment of truth" "A's form"
TMUX_SOCK=$B_SOCK
ui_keys j e
expect_screen "Moment of truth" "B's form"
ui_keys Down Enter; ui_type "Email"; ui_keys Enter
expect_screen_re "Channel +Email" "B changed the channel"
TMUX_SOCK=$A_SOCK
expect_screen_re "Channel +(\* +)?Email" "A's open form shows B's channel"
expect_screen_re "Channel +\* +Email" "the changed field is marked"
expect_screen "$ME changed this meanwhile" "A is told who changed the item"
# A writes notes while B changes the channel again: the notes are saved
ui_keys Down Down Down Down Down Down Down Down Down Enter
expect_screen "Ctrl-D or F2 saves" "A's notes editor"
ui_type "hello"
TMUX_SOCK=$B_SOCK
ui_keys Enter C-u; ui_type "Phone"; ui_keys Enter
expect_screen_re "Channel +Phone" "B changed the channel again"
TMUX_SOCK=$A_SOCK
ui_keys C-d
expect_screen_re "Notes +(\\* +)?hello" "A's notes are saved although the channel changed"
expect_no_screen "(y/n)" "no conflict over a field nobody else touched"
expect_screen_re "Channel +(\\* +)?Phone" "and A sees B's channel"
ui_keys Escape
TMUX_SOCK=$B_SOCK
ui_keys Escape
# A opens the owner picker on the Invoice; B sets its owner first
TMUX_SOCK=$A_SOCK
ui_keys l j o
expect_screen "Filter:" "A's owner picker"
TMUX_SOCK=$B_SOCK
ui_keys l j o; ui_type "Mark"; ui_keys Enter
expect_screen "Marketing" "B set the owner"
TMUX_SOCK=$A_SOCK
ui_type "(no"; ui_keys Enter
expect_screen "Meanwhile $ME set the owner" "A is told who set the owner"
expect_screen "to Marketing" "A is told what the owner is now"
expect_screen "over it? (y/n)" "A is asked whether to set theirs over it"
ui_keys n
expect_screen "Kept their version" "n keeps the other person's owner"
expect_no_screen "No search" "n answered the question, not next match"
# A is asked to delete the Invoice; B renames it meanwhile
ui_keys d
expect_screen 'Delete touchpoint "Invoice" with 1 gap? (y/n)' "A's delete question"
TMUX_SOCK=$B_SOCK
ui_keys r C-u; ui_type "Live demo"; ui_keys Enter
expect_screen "Live demo" "B renamed the Invoice"
TMUX_SOCK=$A_SOCK
ui_keys y
expect_screen "Meanwhile $ME renamed touchpoint" "A is told who renamed it"
expect_screen "Delete it anyway? (y/n)" "A is asked again"
ui_keys y
expect_screen "Deleted (u undoes)" "A deleted it anyway"
ui_keys u
expect_screen "Live demo" "A's undo brings it back"
# A renames it, B renames it after: A's undo would overwrite B's name
ui_keys r C-u; ui_type "Mine"; ui_keys Enter
expect_screen "Mine" "A renamed it"
TMUX_SOCK=$B_SOCK
expect_screen "Mine" "B sees A's name"
ui_keys r C-u; ui_type "Theirs"; ui_keys Enter
TMUX_SOCK=$A_SOCK
expect_screen "Theirs" "A sees B's name"
ui_keys u
expect_screen "Meanwhile $ME renamed touchpoint" "A's undo says who changed it"
expect_screen 'anyway? (y/n)' "A's undo asks"
ui_keys n
expect_screen "Kept their version" "n keeps B's name"
expect_no_screen "No search" "n answered the undo question, not next match"
expect_screen "Theirs" "B's name stays"
ui_stop
TMUX_SOCK=$B_SOCK; ui_stop

finish
