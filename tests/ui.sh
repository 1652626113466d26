#!/bin/sh
# ui.sh - the interface as a person meets it, in a real terminal (tmux):
# drawing a journey from an empty file, every editing key, undo and redo,
# search, the views, resizing, small terminals, locales and colours.
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C
DB="$T/journey.db"

# --- a new file opens on an empty map with a hint -------------------------
ui_start 80 24 "$DB"
expect_screen "press A to add the first stage" "empty map hint"
expect_screen "journey" "map named after the file"
expect_screen "q Quit" "bottom bar"

# --- Escape cancels and changes nothing ----------------------------------
ui_keys A; ui_type "Nope"; ui_keys Escape
expect_no_screen "Nope" "cancelled stage"

# --- stages and touchpoints ----------------------------------------------
ui_keys A; ui_type "Awareness"; ui_keys Enter
expect_screen "Awareness (0)" "first stage"
ui_keys a; ui_type "Ad campaign"; ui_keys Enter
expect_screen "Ad campaign" "first touchpoint"
expect_screen "(no owner)" "unowned card is marked"
ui_keys a; ui_type "Webinar"; ui_keys Enter
ui_keys A; ui_type "Purchase"; ui_keys Enter
ui_keys a; ui_type "Demo call"; ui_keys Enter
ui_keys A; ui_type "Onboarding"; ui_keys Enter
ui_keys a; ui_type "Welcome mail"; ui_keys Enter
ui_keys A; ui_type "Use"; ui_keys Enter
ui_keys a; ui_type "Support ticket"; ui_keys Enter
ui_keys A; ui_type "Renewal"; ui_keys Enter
ui_keys a; ui_type "Invoice"; ui_keys Enter
expect_screen "Renewal (1)" "fifth stage"
expect_screen "6 touchpoints" "header counts touchpoints"
expect_screen "6 unowned" "header counts unowned"

# --- the owner picker creates a department --------------------------------
ui_keys o
expect_screen "Filter:" "owner picker opens"
ui_type "Finance"
expect_screen '+ create "Finance"' "picker offers to create"
ui_keys Enter
expect_screen "Finance" "owner shown on the card"
expect_screen "5 unowned" "one fewer unowned"
# pick an existing one by filtering
ui_keys h; ui_keys o; ui_type "fin"; ui_keys Enter
expect_screen "4 unowned" "existing department picked by filter"

# --- contributors ----------------------------------------------------------
ui_keys c
expect_screen "Contributors" "contributor picker"
expect_no_screen "[ ] Finance" "the owner is not offered as a contributor"
ui_type "Customer care"; ui_keys Enter
expect_screen "[x] Customer care" "a new contributor is created, checked"
ui_type "Legal"; ui_keys Enter Enter
expect_screen "+2" "two contributors marked on the card"

# --- a gap and a silo -------------------------------------------------------
ui_keys g; ui_type "Nobody answers within a day"; ui_keys Enter
expect_screen "Gap recorded" "gap message"
expect_screen "1 open gap" "header counts the gap"
ui_keys s
expect_screen "Silo with which department?" "silo asks for the other department"
ui_type "Customer care"; ui_keys Enter
expect_screen "What fails to hand off?" "silo asks what fails"
ui_type "Tickets never reach billing"; ui_keys Enter
expect_screen "Silo recorded" "silo message"
expect_screen "1 silo" "header counts the silo"

# --- moving ------------------------------------------------------------------
# the Support ticket (stage 4) goes left to Onboarding, down, and up
ui_keys H
expect_screen "Onboarding (2)" "H moves the touchpoint to the previous stage"
expect_screen_line 4 "Support ticket" "H keeps the card's row: the top"
ui_keys J
expect_screen_line 7 "Support ticket" "J moves the touchpoint down"
expect_screen_line 4 "Welcome mail" "...past the other card"
ui_keys K
expect_screen_line 4 "Support ticket" "K moves it back up"
ui_keys L
expect_screen "Use (1)" "L moves it back"

# --- delete with confirmation, undo and redo ----------------------------------
ui_keys l l k
ui_keys d
expect_screen 'Delete stage "Renewal" with 1 touchpoint? (y/n)' "delete asks first"
ui_keys n
expect_screen "Renewal (1)" "n keeps the stage"
ui_keys d; ui_keys y
expect_no_screen "Renewal" "y deletes the stage"
ui_keys u
expect_screen "Undone: delete" "undo says what it undid"
expect_screen "Renewal (1)" "undo brings the stage back with its card"
ui_keys C-r
expect_screen "Redone: delete" "redo"
ui_keys u
expect_screen "Renewal (1)" "undone again"

# --- search --------------------------------------------------------------------
ui_keys /; ui_type "webinar"; ui_keys Enter
ui_keys e
expect_screen "Webinar" "search selects the match (form shows it)"
ui_keys Escape

# --- the detail form ------------------------------------------------------------
ui_keys e
expect_screen "Metric value" "form lists every field"
ui_keys Down Enter; ui_type "Zoom"; ui_keys Enter
expect_screen "Zoom" "channel edited in the form"
ui_keys Escape

# --- views ---------------------------------------------------------------------
ui_keys Tab
expect_screen "Department" "lanes view"
expect_screen "(no owner)" "lanes view has the unowned row"
ui_keys Tab
expect_screen "shown · by stage" "gaps view"
ui_keys Tab
expect_screen "Maps in this file" "maps view"
ui_keys Tab
expect_screen "Departments (shared" "departments view"
expect_screen "Customer care" "departments listed"
ui_keys Tab
expect_screen "History, newest first" "history view"
expect_screen "set the channel of touchpoint “Webinar”" "history says what changed"
ui_keys Tab
expect_screen "Awareness" "back on the board"
ui_keys ?
expect_screen "undo the last change" "help lists keys"
expect_screen "Ctrl-R" "help lists redo"
ui_keys q
expect_screen "A Stage" "help closes"

# --- export to Markdown, a map from a template ----------------------------------
ui_keys x
expect_screen "Export to Markdown file: " "x asks for a file"
expect_screen "/journey.md" "x suggests the whole path of a file named after the map"
ui_keys C-u; ui_type "$T/journey.md"; ui_keys Enter
expect_screen "Exported to $T/journey.md" "x exports"
ok; grep -q '```mermaid' "$T/journey.md" || fail "the export has a Mermaid block"
ok; grep -q 'Ad campaign' "$T/journey.md" || fail "the export has the touchpoints"
ui_keys m t
expect_screen "New map from a template" "template picker"
expect_screen "(b2b-saas)" "templates listed"
ui_type "retail"; ui_keys Enter
expect_screen "Name of the new map:" "name asked"
ui_keys C-u; ui_type "Shop"; ui_keys Enter
expect_screen "Shop" "map from the template is open"
ui_keys m
expect_screen "journey" "both maps listed"
ui_keys j Enter
expect_screen "Awareness (2)" "back on the first map"
sleep 1	# visits are recorded to the second: the last one must be last

# --- quit and reopen: everything as left ----------------------------------------
ui_keys q
expect_screen "CXMAP-EXIT=0" "q quits with status 0"
run "$CXMAP" list "$DB"
expect_out "5 stages	6 touchpoints	4 unowned	1 open gap	1 open silo" "the file holds the journey"
ui_start 80 24 "$DB"
expect_screen "Awareness (2)" "reopened"
expect_screen "6 touchpoints" "reopened counts"
expect_screen "Finance" "reopened owner"
ui_stop

# --- resize while a prompt is open; too small ---------------------------------------
ui_start 80 24 "$DB"
ui_keys a; ui_type "Half typed"
tm resize-window -t 0 -x 100 -y 30
expect_screen "Half typed" "prompt survives a resize"
ui_keys Enter
expect_screen "Half typed" "the resized prompt still accepts"
tm resize-window -t 0 -x 30 -y 10
expect_screen "Terminal too small" "too small says so"
tm resize-window -t 0 -x 120 -y 40
expect_screen "Awareness" "the board returns when the terminal grows"
ui_stop

# --- locales, colours, terminals ----------------------------------------------------
"$FIXTURE" "$T/wide.db" "Ñandú 購入 🛒"
UI_LANG=C ui_start 80 24 "$T/wide.db"
expect_screen "----------" "ASCII lines in the C locale"
expect_screen "?and? ?? ?" "non-ASCII shown as ? in the C locale"
ui_stop
UI_LANG=C.UTF-8 ui_start 80 24 "$T/wide.db"
expect_screen "Ñandú 購入 🛒" "UTF-8 names in a UTF-8 locale"
expect_screen "────" "box lines in a UTF-8 locale"
ui_stop
UI_ENV="NO_COLOR=1" ui_start 80 24 "$T/wide.db"
ui_keys j
ok; ui_wait_escapes "$(printf '\033\\[7m')" || fail "no reverse video for the selection with NO_COLOR"
ok; if ui_screen_escapes | grep -q "$(printf '\033\\[3[1-7]m')"; then fail "colours despite NO_COLOR"; fi
ui_stop
for term in xterm-256color screen vt100; do
	UI_TERM=$term ui_start 80 24 "$T/wide.db"
	expect_screen "Awareness" "board draws on TERM=$term"
	ui_keys q
	expect_screen "CXMAP-EXIT=0" "quits on TERM=$term"
	ui_stop
done

# --- hostile names never reach the terminal raw --------------------------------------
"$FIXTURE" "$T/evil.db" "$(printf 'Evil\033[2J\033]0;pwned\007map')"
ui_start 80 24 "$T/evil.db"
expect_screen "Awareness" "board still drawn"
expect_screen "Evil" "hostile map name shown"
ok; if ui_screen_escapes | grep -q "pwned$(printf '\007')"; then fail "an escape sequence reached the terminal"; fi
ui_stop

# --- a pasted escape sequence is not taken for keys --------------------------------
ui_start 80 24 "$T/evil.db"
ui_keys a
ui_type "$(printf 'x\033[31my')"
expect_screen "Name of the new touchpoint in Awareness: xy" "the sequence was swallowed, the text kept"
expect_no_screen "Maps in this file" "no key of the sequence acted"
ui_keys Escape
expect_no_screen "xy" "Escape still cancels"
ui_stop

# --- a read-only file -------------------------------------------------------------------
cp "$DB" "$T/ro.db"
chmod 444 "$T/ro.db"
ui_start 80 24 "$T/ro.db"
expect_screen "[read-only]" "header says read-only"
ui_keys A
expect_screen "Read-only" "edits refused with a message"
ui_stop

# --- the gaps view: recorded items and findings, filters, jump -------------------
"$FIXTURE" "$T/gaps.db"
ui_start 100 30 "$T/gaps.db"
expect_screen "3 findings" "header counts findings"
expect_screen "Renewal (0) ◆1" "stage marker for an empty stage"
expect_screen "Marketing ◆1" "card marker for a finding"
ui_keys Tab Tab
expect_screen "5 shown" "gaps view lists recorded items and findings"
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
expect_screen "Metric value" "the jumped-to touchpoint is selected"
expect_screen "Invoice" "the jumped-to touchpoint is the invoice"
ui_stop
run "$CXMAP" gaps --format json "$T/gaps.db"
ok; grep -q '"unowned":[[:space:]]*1,' "$T/out" || fail "cxmap gaps agrees on unowned: $(head -30 "$T/out")"
ok; grep -q '"empty-stage":[[:space:]]*1,' "$T/out" || fail "cxmap gaps agrees on the empty stage"
ok; grep -q '"silo-handoff":[[:space:]]*1,' "$T/out" || fail "cxmap gaps agrees on the silo handoff"

# --- two people on one file: live refresh, presence, conflicts ------------------
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

# --- a dropped connection (SIGHUP) loses nothing and exits cleanly ----------------
cp "$DB" "$T/hup.db"
ui_start 80 24 "$T/hup.db"
expect_screen "Awareness" "before the hangup"
ui_keys A; ui_type "Advocacy"; ui_keys Enter
expect_screen "Advocacy (0)" "an edit just before the hangup"
pid=$(tm list-panes -t 0 -F '#{pane_pid}')
pkill -HUP -P "$pid" -x cxmap || kill -HUP $(pgrep -P "$pid")
expect_screen "CXMAP-EXIT=0" "SIGHUP ends cxmap cleanly"
ui_stop
run "$CXMAP" list "$T/hup.db"
expect_out "6 stages" "the edit made before the hangup is in the file"

# --- the mouse, when asked for: a click selects a card -----------------------------
UI_TERM=xterm-256color ui_start 80 24 --mouse "$T/gaps.db"
expect_screen "Invoice" "board with the mouse on"
ui_keys -l "$(printf '\033[<0;30;7M')"; ui_keys -l "$(printf '\033[<0;30;7m')"
ui_keys e
expect_screen "Metric value" "a click selected a card"
ok; ui_screen | grep -q "Name *Invoice" || fail "the click selected the card under it: $(ui_screen)"
ui_stop

# --- --read-only never writes --------------------------------------------------------
cp "$T/gaps.db" "$T/look.db"
ui_start 80 24 --read-only "$T/look.db"
expect_screen "[read-only]" "--read-only says so"
ui_keys a
expect_screen "Read-only" "--read-only refuses edits"
ui_stop

# --- not a terminal / bad file -------------------------------------------------------
run "$CXMAP" "$DB" </dev/null
expect_rc 1 "no terminal"
expect_err "needs a terminal" "no terminal"
finish
