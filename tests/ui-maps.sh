#!/bin/sh
# ui-maps.sh - the maps view: adding, copying, making from a template,
# renaming and deleting maps can be undone and redone there (u, Ctrl-R),
# and a stale rename of a map that is not open is refused with the other
# person's name shown, as for touchpoints.
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C
DB="$T/maps.db"
"$FIXTURE" "$DB"
"$FIXTURE" "$DB" "Other"
run "$CXMAP" list "$DB"
cp "$T/out" "$T/list-before"

# the maps of the file, as `cxmap list` prints them
expect_list() {
	run "$CXMAP" list "$DB"
	ok
	cmp -s "$T/out" "$1" || fail "$2: cxmap list shows
$(cat "$T/out")
want
$(cat "$1")"
}

ui_start 100 24 "$DB"
expect_screen "Awareness" "the first map opens"
ui_keys m
expect_screen "Maps in this file" "maps view"

# --- a new map: undo takes it away, redo brings it back -------------------
ui_keys a; ui_type "Fresh"; ui_keys Enter
expect_screen "press A to add the first stage" "the new map is open"
# the board's undo is the open map's: it knows nothing of the new map
ui_keys u
expect_screen "Nothing to undo" "the board does not undo adding a map"
ui_keys m u
expect_screen "Undone: add a map" "u in the maps view undoes adding a map"
expect_no_screen "Fresh" "the new map is gone"
expect_list "$T/list-before" "after undoing the new map"
ui_keys C-r
expect_screen "Redone: add a map" "Ctrl-R brings it back"
expect_screen "Fresh" "the new map is listed again"
ui_keys u
expect_screen "Undone: add a map" "undone again"

# --- a copy -------------------------------------------------------------
ui_keys PPage y
expect_screen "Name of the copy:" "copy asks for a name"
ui_keys Enter
expect_screen "Map duplicated" "copied"
expect_screen "B2B onboarding (copy)" "the copy is listed"
ui_keys u
expect_screen "Undone: copy a map" "undo of a copy"
expect_no_screen "(copy)" "the copy is gone"
expect_list "$T/list-before" "after undoing the copy"

# --- rename a map that is not open --------------------------------------
ui_keys NPage r C-u; ui_type "Renamed"; ui_keys Enter
expect_screen "Renamed" "the other map renamed"
expect_no_screen "Other" "its old name is gone"
ui_keys u
expect_screen "Undone: rename a map" "undo of a rename"
expect_screen "Other" "the old name is back"
expect_list "$T/list-before" "after undoing the rename"

# --- delete a map that is not open, with all in it ----------------------
ui_keys NPage d
expect_screen "undoes it)? (y/n)" "delete asks first"
ui_keys y
expect_screen "Map deleted" "deleted"
expect_no_screen "Other" "the map is gone"
ui_keys u
expect_screen "Undone: delete a map" "undo of a delete"
expect_screen "Other" "the map is back"
expect_list "$T/list-before" "the deleted map came back whole"
ui_keys NPage Enter
expect_screen "Invoice" "what came back opens"
ui_keys m C-r
expect_screen "Redone: delete a map" "redo of the delete of the open map"
expect_screen "Maps in this file" "still in the maps view"
expect_no_screen "Other" "gone again"
ui_keys u
expect_screen "Other" "and back again"

# --- the open map itself, deleted and undone -----------------------------
ui_keys PPage Enter m d y
expect_screen "Map deleted" "the open map deleted"
ui_keys u
expect_screen "B2B onboarding" "the open map is back"
expect_list "$T/list-before" "after undoing the delete of the open map"

# --- a map from a template ------------------------------------------------
ui_keys t
expect_screen "New map from a template" "template picker"
ui_type "retail"; ui_keys Enter
expect_screen "Name of the new map:" "name asked"
ui_keys C-u; ui_type "Shop"; ui_keys Enter
expect_screen "Shop" "the template's map is open"
ui_keys m u
expect_screen "Undone: add a map" "undo of a map from a template"
expect_list "$T/list-before" "after undoing the template's map"
ui_stop

# --- a stale rename of a map that is not open ----------------------------
DB="$T/stale.db"
"$FIXTURE" "$DB"
"$FIXTURE" "$DB" "Other"
ui_start 100 24 "$DB"
A_SOCK=$TMUX_SOCK
ui_keys m NPage
expect_screen "Maps in this file" "A in the maps view"
TMUX_SOCK="$T/none.sock"	# ui_start stops the session it names: not A's
ui_start 100 24 "$DB"
B_SOCK=$TMUX_SOCK
ui_keys m NPage
expect_screen "Maps in this file" "B in the maps view"
# A starts renaming Other; meanwhile B renames it
TMUX_SOCK=$A_SOCK
ui_keys r C-u; ui_type "Mine"
expect_screen "Mine" "A is typing"
TMUX_SOCK=$B_SOCK
ui_keys r C-u; ui_type "Theirs"; ui_keys Enter
expect_screen "Theirs" "B renamed it"
TMUX_SOCK=$A_SOCK
ui_keys Enter
expect_screen "Meanwhile $(id -un) renamed map" "A is told who renamed it"
expect_screen "to “Theirs”" "A is shown B's name"
expect_screen "Save yours (\"Mine\") over it? (y/n)" "A is asked"
ui_keys n
expect_screen "Kept their version" "A keeps B's name"
run "$CXMAP" list "$DB"
expect_out "^Theirs	" "B's name stays"
# again, this time A saves over it
ui_keys r C-u; ui_type "Mine"
TMUX_SOCK=$B_SOCK
ui_keys r C-u; ui_type "Theirs 2"; ui_keys Enter
expect_screen "Theirs 2" "B renamed it again"
TMUX_SOCK=$A_SOCK
ui_keys Enter
expect_screen "to “Theirs 2”" "A is shown B's new name"
ui_keys y
expect_screen "Mine" "A's name saved over it"
run "$CXMAP" list "$DB"
expect_out "^Mine	" "A's name is in the file"
# B renames once more: A's undo would throw that away, so A is asked
TMUX_SOCK=$B_SOCK
expect_screen "Mine" "B sees A's name"
ui_keys r C-u; ui_type "Final"; ui_keys Enter
TMUX_SOCK=$A_SOCK
expect_screen "Final" "A sees B's rename"
ui_keys u
expect_screen "to “Final”" "A's undo says who renamed it to what"
expect_screen "anyway? (y/n)" "A's undo asks"
ui_keys n
expect_screen "Kept their version" "n keeps B's rename"
run "$CXMAP" list "$DB"
expect_out "^Final	" "B's rename stays"
tm kill-server 2>/dev/null
TMUX_SOCK=$B_SOCK
ui_stop

finish
