#!/bin/sh
# ui-actions.sh - the actions of every view and editor as a person uses
# them in a real terminal (tmux): the maps view (new, rename, duplicate,
# the map form), the stage and touchpoint forms, the notes editor, the
# departments, lanes, history and gaps views.  After each action that
# saves something the file itself is read back (cxmap export), so a
# passing test means the data reached the disk, not only the screen.
. "$top_srcdir/tests/lib.sh"
BIN=$(dirname "$CXMAP")/../tests
FIXTURE=$BIN/fixture
GF=$BIN/gaps-fixture
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C
# keys as an xterm sends them (tmux's own names send other sequences)
HOME_KEY=$(printf '\033OH')
END_KEY=$(printf '\033OF')
ui_raw() { ui_keys -l "$1"; }

# map_get MAP PATH: the value at PATH in the JSON export of MAP in $DB
map_get() {
	"$CXMAP" export --format json --map "$1" "$DB" 2>"$T/err" | "$GF" json "$2"
}
# expect_map MAP PATH VALUE WHAT: the file holds VALUE at PATH of MAP's
# export, waiting up to 5 s for the interface to save it
expect_map() {
	ok
	i=0
	while :; do
		v=$(map_get "$1" "$2")
		[ "$v" = "$3" ] && return 0
		i=$((i + 1))
		[ $i -lt 50 ] || break
		sleep 0.1
	done
	fail "$4: in the file, $1's $2 is '$v', want '$3' $(cat "$T/err")"
}
# expect_list LINE WHAT: `cxmap list` shows LINE (waiting up to 5 s)
expect_list() {
	ok
	i=0
	while :; do
		"$CXMAP" list "$DB" >"$T/out" 2>"$T/err"
		grep -qxF -- "$1" "$T/out" && return 0
		i=$((i + 1))
		[ $i -lt 50 ] || break
		sleep 0.1
	done
	fail "$2: cxmap list lacks '$1': $(cat "$T/out" "$T/err")"
}
# expect_form_name NAME WHAT: e opens the form of the selected item,
# which is NAME; Escape closes it again
expect_form_name() {
	ui_keys e
	expect_screen_re "Name {2,}$1( |$)" "$2"
	ui_keys Escape
	expect_no_screen "Metric value" "$2: the form closes"
}
TAB=$(printf '\t')
MAP="B2B onboarding"

# === the map form, from an empty new map =====================================
DB="$T/maps.db"
"$FIXTURE" "$DB"
ui_start 100 30 "$DB"
expect_screen "Awareness (1)" "the fixture's board"
ui_keys m
expect_screen "Maps in this file" "the maps view"
# a: a new, empty map, opened on the board
ui_keys a; ui_type "Second journey"; ui_keys Enter
expect_screen "Press A to add the first one" "the new map is open and empty"
expect_screen "Second journey" "the header names the new map"
expect_list "Second journey${TAB}0 stages${TAB}0 touchpoints${TAB}0 unowned${TAB}0 open gaps${TAB}0 open silos" \
	"the new map is in the file"
ui_keys m a; ui_type "Never made"; ui_keys Escape
expect_no_screen "Never made" "Escape cancels a new map"
ok; "$CXMAP" list "$DB" | grep -q "Never made" && fail "a cancelled new map reached the file"
# e on a map with no stages opens the map's form
ui_keys Tab Tab Tab
expect_screen "Press A to add the first one" "back on the board"
ui_keys e
expect_screen "Persona" "e on an empty board opens the map form"
expect_screen "Promise" "the map form lists the promise"
ui_keys Enter C-u; ui_type "Renewal journey"; ui_keys Enter
expect_screen_re "Name {2,}Renewal journey" "the form shows the new name"
expect_map "Renewal journey" name "Renewal journey" "the map form renamed the map"
# persona, scenario and promise go through the notes editor
ui_keys j Enter
ui_type "Head of IT"; ui_keys Enter; ui_type "Buys for 40 people"; ui_keys C-d
expect_screen_re "Persona +Head of IT …" "a several-line field shows its first line, marked"
expect_map "Renewal journey" persona "$(printf 'Head of IT\nBuys for 40 people')" \
	"Ctrl-D saved two lines of persona"
ui_keys j Enter; ui_type "Contract ends"; ui_keys F2
expect_screen_re "Scenario +Contract ends" "F2 saved the scenario"
expect_map "Renewal journey" scenario "Contract ends" "the scenario is in the file"
ui_keys j Enter; ui_type "Renew in one click"; ui_keys C-d
expect_map "Renewal journey" promise "Renew in one click" "the promise is in the file"
ui_keys Escape
expect_screen "Press A to add the first one" "the map form closes"

# === the maps view: e opens another map's form, rename, duplicate ==============
ui_keys m
expect_screen "Renewal journey" "the renamed map in the maps view"
# the list is in name order: B2B onboarding first
ui_raw "$HOME_KEY"; ui_keys e
expect_screen "Persona" "e in the maps view opens the map form"
expect_screen_re "Name {2,}B2B onboarding" "...of the selected map, which is now open"
ui_keys j Enter; ui_type "Ops lead"; ui_keys C-d
expect_map "$MAP" persona "Ops lead" "persona of the other map saved"
ui_keys Escape
expect_screen "Maps in this file" "the maps view stays behind the form"
# rename a map that is not open
ui_keys m; ui_raw "$END_KEY"; ui_keys r
expect_screen "Rename map to: Renewal journey" "rename offers the old name"
ui_keys C-u; ui_type "Annual renewal"; ui_keys Enter
expect_list "Annual renewal${TAB}0 stages${TAB}0 touchpoints${TAB}0 unowned${TAB}0 open gaps${TAB}0 open silos" \
	"the renamed map is in the file"
# the selection stays on the renamed map: Enter opens it
ui_keys Enter
expect_screen "Press A to add the first one" "the renamed map is still the selected one"
expect_screen "Annual renewal" "...and opens"
# rename the open map, and a refused rename
ui_keys m r C-u; ui_type "$MAP"; ui_keys Enter
expect_screen "already taken" "a name that is taken is refused"
expect_list "Annual renewal${TAB}0 stages${TAB}0 touchpoints${TAB}0 unowned${TAB}0 open gaps${TAB}0 open silos" \
	"a refused rename leaves the file alone"
expect_list "$MAP${TAB}3 stages${TAB}3 touchpoints${TAB}1 unowned${TAB}1 open gap${TAB}1 open silo" \
	"a refused rename leaves the other map alone"
ui_keys r; ui_type " 2027"; ui_keys Enter
expect_screen "Annual renewal 2027" "the open map renamed from the maps view"
expect_map "Annual renewal 2027" name "Annual renewal 2027" "the open map's new name is in the file"
ui_keys r; ui_type "x"; ui_keys Escape
expect_no_screen "2027x" "Escape cancels a rename"
expect_map "Annual renewal 2027" name "Annual renewal 2027" "a cancelled rename leaves the file alone"
ui_stop

# === the stage form, the touchpoint form and the notes editor =================
ui_start 100 30 "$DB"
# the maps in name order: Annual renewal 2027, B2B onboarding
ui_keys m
expect_screen "Maps in this file" "the maps view"
ui_raw "$END_KEY"; ui_keys Enter
expect_screen "Awareness (1)" "the fixture's map"
# k above the first card selects the stage; e opens the stage's form
ui_keys k e
expect_screen "Description" "the stage form"
ui_keys Enter C-u; ui_type "Discovery"; ui_keys Enter
expect_screen_re "Name {2,}Discovery" "the stage form renames the stage"
expect_map "$MAP" stages.0.name "Discovery" "the stage's new name is in the file"
ui_keys j Enter
ui_type "Sees an ad"; ui_keys Enter; ui_type "Searches the web"; ui_keys C-d
expect_screen_re "Description +Sees an ad …" "the description's first line in the form"
expect_map "$MAP" stages.0.description "$(printf 'Sees an ad\nSearches the web')" \
	"the stage description is in the file"
ui_keys Escape
expect_screen "Discovery (1)" "the board shows the renamed stage"
# the touchpoint form: emotion, then notes
ui_keys j e
expect_screen_re "Name {2,}Ad( |$)" "the touchpoint form of the Ad"
ui_keys j j j j Enter
expect_screen "very positive" "the emotion picker"
ui_type "+1"; ui_keys Enter
expect_map "$MAP" stages.0.touchpoints.0.emotion 1 "emotion +1 is in the file"
expect_screen_re "Emotion +\+1 +positive" "the form shows the emotion"
ui_keys Enter; ui_type "not set"; ui_keys Enter
expect_map "$MAP" stages.0.touchpoints.0.emotion null "emotion cleared in the file"
ui_keys Enter Escape
expect_map "$MAP" stages.0.touchpoints.0.emotion null "Escape in the emotion picker changes nothing"
# notes: Enter breaks lines, arrows move between them keeping the column,
# Home and End go to the ends of a line, Backspace and Delete delete
ui_raw "$END_KEY"
expect_screen_re "Notes" "the notes field"
ui_keys Enter
ui_type "abc"; ui_keys Enter; ui_type "defgh"
ui_keys Up; ui_type "X"		# line 1 is shorter: the end of it
ui_keys Down; ui_type "Y"	# back to column 4 of line 2
ui_raw "$HOME_KEY"; ui_type "<"
ui_raw "$END_KEY"; ui_type ">"
ui_keys Left Left BSpace DC	# "defgYh>" loses the Y and the h
ui_type "ñ購"
expect_screen "<defgñ購>" "the notes as typed"
ui_keys C-d
expect_map "$MAP" stages.0.touchpoints.0.notes "$(printf 'abcX\n<defgñ購>')" \
	"the notes editor saved what the screen showed"
expect_screen_re "Notes +abcX …" "the form shows the first line of the notes"
# editing again starts at the end of the text
ui_keys Enter; ui_type "!"; ui_keys F2
expect_map "$MAP" stages.0.touchpoints.0.notes "$(printf 'abcX\n<defgñ購>!')" \
	"the cursor starts at the end of the notes"
# Escape after typing asks first; n goes on editing, y throws it away
ui_keys Enter; ui_type "typo"; ui_keys Escape
expect_screen "(y/n)" "Escape after typing asks first"
ui_keys n
expect_screen "<defgñ購>!typo" "n keeps the typing"
ui_keys Escape y
expect_screen_re "Notes +abcX …" "y closes the editor"
expect_map "$MAP" stages.0.touchpoints.0.notes "$(printf 'abcX\n<defgñ購>!')" \
	"thrown-away typing never reaches the file"
# Escape without typing closes at once, asking nothing
ui_keys Enter Escape
expect_no_screen "(y/n)" "Escape without typing asks nothing"
expect_screen_re "Notes +abcX …" "Escape without typing closes at once"
# many lines scroll: the cursor's line is always in sight
ui_keys Enter
for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
	ui_keys Enter; ui_type "L$n"
done
expect_screen "L30" "the last line typed is in sight"
expect_no_screen "L01" "the first lines scrolled away"
for n in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31; do
	ui_keys Up
done
expect_screen "abcX" "Up scrolls back to the first line"
expect_no_screen "L30" "...and the last lines leave the box"
ui_keys C-d
expect_map "$MAP" stages.0.touchpoints.0.notes "$(printf 'abcX\n<defgñ購>!'; for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do printf '\nL%s' $n; done)" \
	"thirty more lines saved"
ui_keys Escape q
expect_screen "CXMAP-EXIT=0" "quit, leaving the file whole to copy"
ui_stop

# a read-only file: the form shows the whole notes, and nothing is editable
cp "$DB" "$T/ro.db"
ui_start 100 30 --read-only "$T/ro.db"
expect_screen "[read-only]" "read-only"
ui_keys m; ui_raw "$END_KEY"; ui_keys Enter
expect_screen "Discovery (1)" "the map with the notes"
ui_keys j e; ui_raw "$END_KEY"; ui_keys Enter
expect_screen "<defgñ購>!" "the notes viewer shows the text"
ui_type "Z"; ui_keys Left
expect_no_screen "<defgñ購>!Z" "the viewer takes no typing"
ui_keys q
expect_screen_re "Notes +abcX …" "q closes the viewer, back to the form"
ui_keys Escape
expect_no_screen "Metric value" "Escape closes the form"
ui_stop

# === duplicating a map ==========================================================
ui_start 100 30 "$DB"
ui_keys m; ui_raw "$END_KEY"; ui_keys Enter
expect_screen "Discovery (1)" "the map to copy"
# a contributor, so the copy has one to carry
ui_keys j c; ui_type "Sales"; ui_keys Enter Enter
expect_map "$MAP" stages.0.touchpoints.0.contributors.0 "Sales" "a contributor to copy"
# a gap on a stage and a silo at a card, besides the fixture's gap on a
# card and map-wide silo
ui_keys k g; ui_type "Few visits"; ui_keys Enter
expect_map "$MAP" gaps.1.description "Few visits" "a gap on the stage to copy"
expect_map "$MAP" gaps.1.touchpoint null "...on the stage itself"
ui_keys j s; ui_type "Sales"; ui_keys Enter; ui_type "Leads wait"; ui_keys Enter
expect_map "$MAP" silos.1.description "Leads wait" "a silo at the card to copy"
expect_map "$MAP" silos.1.touchpoint 0 "...at the card"
ui_keys m; ui_raw "$END_KEY"; ui_keys y
expect_screen "$MAP (copy)" "the copy's name is suggested"
ui_keys Enter
expect_list "$MAP (copy)${TAB}3 stages${TAB}3 touchpoints${TAB}1 unowned${TAB}2 open gaps${TAB}2 open silos" \
	"the copy is in the file with its counts"
# the copy's export is the original's but for the name
"$CXMAP" export --format json --map "$MAP" "$DB" | grep -v '^  "name": ' >"$T/orig.json"
"$CXMAP" export --format json --map "$MAP (copy)" "$DB" | grep -v '^  "name": ' >"$T/copy.json"
ok; grep -q "Leads wait" "$T/copy.json" || fail "the copy's export: $(cat "$T/copy.json")"
ok; cmp -s "$T/orig.json" "$T/copy.json" ||
	fail "the copy differs from the original: $(diff "$T/orig.json" "$T/copy.json" | head -20)"
expect_map "$MAP (copy)" persona "Ops lead" "the copy has the persona"
# the copy is selected: Enter opens it, with its stages and cards
ui_keys Enter
expect_screen "Discovery (1)" "the copy opens with its stages"
expect_screen "Sales ◆1" "...and its cards"
expect_screen_line 1 "$MAP (copy)" "the header names the copy"
# the copy stands on its own: renaming its stage leaves the original alone
ui_keys k r C-u; ui_type "Interest"; ui_keys Enter
expect_map "$MAP (copy)" stages.0.name "Interest" "the copy's stage renamed"
expect_map "$MAP" stages.0.name "Discovery" "the original's stage is untouched"
# a second copy gets a name no map has; a taken name is refused
ui_keys m y
expect_screen "$MAP (copy) (copy)" "a fresh name for the copy of a copy"
ui_keys C-u; ui_type "$MAP"; ui_keys Enter
expect_screen "already taken" "a copy under a taken name is refused"
ok; [ "$("$CXMAP" list "$DB" | wc -l)" -eq 3 ] || fail "a copy under a taken name was made: $("$CXMAP" list "$DB")"
ui_keys y Escape
expect_no_screen "(copy) (copy)" "Escape cancels a copy"
ok; [ "$("$CXMAP" list "$DB" | wc -l)" -eq 3 ] || fail "a cancelled copy was made: $("$CXMAP" list "$DB")"
ui_stop

# === the departments view ======================================================
DB="$T/depts.db"
"$FIXTURE" "$DB"
ui_start 100 30 "$DB"
expect_screen "Awareness (1)" "the fixture's board"
ui_keys D
expect_screen "Marketing" "the departments view lists Marketing"
expect_screen "Sales" "...and Sales"
# a: a new department, which the owner picker offers from then on
ui_keys a; ui_type "Support"; ui_keys Enter
expect_screen_re "Support +used 0 times" "the new department is listed, unused"
# r renames it; b gives it a label; a taken name is refused
ui_keys r C-u; ui_type "Customer care"; ui_keys Enter
expect_screen_re "Customer care +used 0 times" "the department renamed"
expect_no_screen "Support" "the old name is gone"
ui_keys b; ui_type "CC"; ui_keys Enter
expect_screen_re "Customer care +CC +used 0 times" "the label is shown"
ui_keys r C-u; ui_type "sales"; ui_keys Enter
expect_screen "already taken" "a look-alike of a taken name is refused"
expect_screen_re "Customer care +CC" "...and the department keeps its name"
# give it a touchpoint, so the map's export shows it
ui_keys Tab Tab
expect_screen "Awareness (1)" "back on the board"
ui_keys l j j o; ui_type "Customer care"; ui_keys Enter
expect_map "$MAP" stages.1.touchpoints.1.owner "Customer care" "the new department owns the Invoice"
expect_map "$MAP" departments.0.name "Customer care" "the department is in the file"
expect_map "$MAP" departments.0.label "CC" "...with its label"
# c gives the next colour (the list is in name order: Sales is last)
ui_keys D
expect_screen_re "Customer care +CC +used 1 time" "departments again"
ui_raw "$END_KEY"; ui_keys c
expect_map "$MAP" departments.2.colour 2 "c gave Sales the next colour"
expect_map "$MAP" departments.2.name "Sales" "...Sales"
# d refuses a department in use, and the file keeps it
ui_keys d
expect_screen "used 2 times:" "d refuses a department in use"
expect_screen_re "Sales +used 2 times" "Sales still listed"
expect_map "$MAP" departments.2.name "Sales" "a refused delete leaves the department in the file"
# d deletes one nothing uses, after a question: n keeps it, y deletes
ui_keys a; ui_type "Temp"; ui_keys Enter
expect_screen_re "Temp +used 0 times" "a department to delete"
ui_keys d
expect_screen "(y/n)" "delete asks first"
ui_keys n
expect_no_screen "(y/n)" "n answers the question"
expect_screen_re "Temp +used 0 times" "n keeps the department"
ui_keys d y
expect_no_screen "Temp" "y deletes the department"
ui_keys u
expect_screen_re "Temp +used 0 times" "u brings the department back"
ui_raw "$END_KEY"; ui_keys d y
expect_no_screen "Temp" "deleted again"
# the file agrees: a new session lists what this one left
ui_keys q
expect_screen "CXMAP-EXIT=0" "quit"
ui_start 100 30 "$DB"
ui_keys D
expect_screen_re "Customer care +CC +used 1 time" "the new department is in the file"
expect_no_screen "Temp" "the deleted department is gone from the file"
# Escape on a prompt of this view changes nothing
ui_keys r; ui_type "zzz"; ui_keys Escape
expect_no_screen "zzz" "Escape cancels a department rename"
ui_stop
expect_map "$MAP" departments.0.name "Customer care" "a cancelled rename leaves the file alone"

# === the lanes view: moving, and Enter shows the cell on the board ==============
DB="$T/lanes.db"
"$FIXTURE" "$DB"
ui_start 100 30 "$DB"
expect_screen "Awareness (1)" "the fixture's board"
ui_keys Tab
expect_screen "Department" "the lanes view"
ui_keys j l Enter		# Sales, Purchase
expect_screen "Renewal (0)" "Enter goes to the board"
expect_form_name "Demo" "Enter shows Sales's card in Purchase"
ui_keys Tab; ui_raw "$END_KEY"; ui_keys Enter	# (no owner), Purchase
expect_form_name "Invoice" "the last lane is the unowned cards"
ui_keys Tab; ui_raw "$HOME_KEY"; ui_keys h h h Enter	# Marketing, Awareness
expect_form_name "Ad" "Home and Left reach the first lane and stage"
ui_keys Tab; ui_keys l l l l j j j j j k k Enter	# Sales, Renewal: empty
expect_screen "Renewal (0)" "the board again"
ui_keys e
expect_screen "Description" "an empty cell selects its stage"
expect_screen_re "Name {2,}Renewal" "...the stage of the cell"
ui_keys Escape
ui_stop
# a narrow terminal shows two stages; moving right scrolls the columns
ui_start 60 24 "$DB"
expect_screen "Awareness (1)" "the board, narrow"
ui_keys Tab
expect_screen "Department" "the lanes view, narrow"
expect_no_screen "Renewal" "the third stage is off screen"
ui_keys l l
expect_screen "Renewal" "l scrolls the third stage in"
expect_screen_gone "Awareness" "...and the first out"
ui_keys h h
expect_screen "Awareness" "h scrolls back"
ui_stop

# === the touchpoint form's owner and contributors; the line editor's keys =====
ui_start 100 30 "$DB"
expect_screen "Awareness (1)" "the fixture's board"
ui_keys l j j e		# the Invoice, which nobody owns
expect_screen_re "Name {2,}Invoice" "the Invoice's form"
ui_keys j j Enter; ui_type "Sales"; ui_keys Enter
expect_map "$MAP" stages.1.touchpoints.1.owner "Sales" "the form's owner field sets the owner"
expect_screen_re "Owner {2,}Sales" "the form shows the owner"
ui_keys j Enter; ui_type "Marketing"; ui_keys Enter; ui_type "Legal"; ui_keys Enter Enter
expect_map "$MAP" stages.1.touchpoints.1.contributors 2 "the form's contributors field"
expect_map "$MAP" stages.1.touchpoints.1.contributors.1 "Marketing" "...Marketing contributes"
expect_screen_re "Contributors {2,}Legal, Marketing" "the form lists the contributors"
# the line editor: Ctrl-A, Ctrl-E, arrows; an empty name is refused
ui_raw "$HOME_KEY"; ui_keys Enter C-a; ui_type "Final "; ui_keys C-e; ui_type " 2"
ui_keys Left BSpace; ui_keys Enter	# the space before the 2 goes
expect_map "$MAP" stages.1.touchpoints.1.name "Final Invoice2" "the line editor's keys"
# an empty name is not taken: the prompt stays open for a real one
ui_keys Enter C-u Enter; ui_type "Paid"; ui_keys Enter
expect_map "$MAP" stages.1.touchpoints.1.name "Paid" "an empty name leaves the prompt open"
ui_keys Escape
ui_stop

# === the history view: Enter shows the changed item ===========================
DB="$T/history.db"
"$FIXTURE" "$DB"
ui_start 100 30 "$DB"
expect_screen "Awareness (1)" "the fixture's board"
ui_keys w
expect_screen "created map “$MAP”" "the history view"
# End: the oldest entry, the map itself, is on no card
ui_raw "$END_KEY"; ui_keys Enter
expect_screen "not on the board any more" "a map-wide change has no place on the board"
expect_screen "History, newest first" "...and the history view stays"
# one up: the first stage added
ui_keys k Enter
expect_screen "Renewal (0)" "Enter goes to the board"
ui_keys e
expect_screen "Description" "the stage is selected"
expect_screen_re "Name {2,}Awareness" "...the stage the entry added"
ui_keys Escape
# a recorded gap: its touchpoint
ui_keys w; ui_raw "$HOME_KEY"; ui_keys j Enter
expect_form_name "Invoice" "a gap's entry shows its touchpoint"
# a change made now is the newest entry
ui_keys k r C-u; ui_type "Demo call"; ui_keys Enter
expect_screen "Demo call" "the card renamed"
ui_keys h w
expect_screen "“Demo call”" "the rename in the history"
ui_raw "$HOME_KEY"; ui_keys Enter
expect_form_name "Demo call" "the newest entry is the rename"
# a silo recorded at a card: its card
ui_keys h s; ui_type "Sales"; ui_keys Enter; ui_type "No handover note"; ui_keys Enter
expect_map "$MAP" silos.1.description "No handover note" "the silo is in the file"
ui_keys l w; ui_raw "$HOME_KEY"; ui_keys Enter
expect_form_name "Ad" "a silo's entry shows its card"
# a deleted card is not on the board any more
ui_keys d y
expect_no_screen "Marketing ◆" "the Ad is deleted"
ui_keys w; ui_raw "$HOME_KEY"; ui_keys Enter
expect_screen "not on the board any more" "a deleted card cannot be shown"
ui_stop

# === the gaps view: descriptions, deleting a silo, the department filter ======
DB="$T/gaps.db"
"$FIXTURE" "$DB"
ui_start 100 30 "$DB"
expect_screen "Awareness (1)" "the fixture's board"
ui_keys Tab Tab
expect_screen "Leads not handed over" "the gaps view lists the silo"
# rows: the whole map (no journey owner, the silo), Awareness (silo
# handoff), Purchase (unowned, gap without action, the gap), Renewal
ui_raw "$HOME_KEY"; ui_keys j e
expect_screen "Description: Leads not handed over" "e offers the silo's description"
ui_keys C-u; ui_type "Leads lost between teams"; ui_keys Enter
expect_screen "Marketing ≠ Sales: Leads lost between teams" "the silo's new description"
expect_map "$MAP" silos.0.description "Leads lost between teams" "the silo's description is in the file"
ui_keys j j j j e C-u; ui_type "Bills go out late"; ui_keys Enter
expect_screen "Invoice: Bills go out late" "the gap's new description"
expect_map "$MAP" gaps.0.description "Bills go out late" "the gap's description is in the file"
ui_keys e; ui_type " again"; ui_keys Escape
expect_no_screen "late again" "Escape leaves the gap's description"
expect_map "$MAP" gaps.0.description "Bills go out late" "a cancelled edit leaves the file alone"
# the department filter: only what concerns Sales
ui_keys f
expect_screen "(every department)" "the department picker"
ui_type "Sales"; ui_keys Enter
expect_screen "department: Sales" "the filter is on"
expect_screen "Leads lost between teams" "Sales's silo shown"
expect_no_screen "Bills go out late" "the gap on an unowned card is not Sales's"
ui_keys f; ui_type "every"; ui_keys Enter
expect_screen "Bills go out late" "every department again"
# deleting the silo asks first; n keeps it, y deletes it, u brings it back
ui_raw "$HOME_KEY"; ui_keys j d
expect_screen "(y/n)" "deleting a silo asks first"
ui_keys n
expect_no_screen "(y/n)" "n answers the question"
expect_screen "Leads lost between teams" "n keeps the silo"
expect_map "$MAP" silos 1 "n leaves the silo in the file"
ui_keys d y
expect_no_screen "Leads lost between teams" "y deletes the silo"
expect_map "$MAP" silos 0 "the silo is gone from the file"
ui_keys u
expect_screen "Leads lost between teams" "u brings the silo back"
expect_map "$MAP" silos.0.description "Leads lost between teams" "...into the file"
# p gives a recorded gap the next severity; silos and findings have none
ui_raw "$HOME_KEY"; ui_keys j j j j j p	# the gap: high, then low
expect_map "$MAP" gaps.0.severity low "p: high becomes low"
expect_screen_re "low +open +recorded gap" "the gap's new severity shown"
ui_keys p
expect_map "$MAP" gaps.0.severity medium "p: low becomes medium"
ui_raw "$HOME_KEY"; ui_keys j p
expect_screen "A silo is always high" "p on a silo says why not"
ui_keys j r
expect_screen "Findings go when the map is fixed" "a finding cannot be resolved"
expect_map "$MAP" silos.0.status open "...nor the silo before it"
# v: from medium up, then high only (the gap is medium now)
ui_keys v
expect_screen "severity: medium and up" "v filters by severity"
expect_screen "Bills go out late" "the medium gap stays"
ui_keys v
expect_screen "severity: high" "v again: high only"
expect_screen_gone "Bills go out late" "the medium gap goes"
ui_keys v
expect_screen "Bills go out late" "v again: any severity"
# d deletes a recorded gap after a question (no longer high: no row for
# the gap without action)
ui_raw "$HOME_KEY"; ui_keys j j j j d y
expect_map "$MAP" gaps 0 "the gap is gone from the file"
expect_screen_gone "Bills go out late" "the gap leaves the list"
ui_keys u
expect_map "$MAP" gaps.0.description "Bills go out late" "u brings the gap back"
ui_stop

finish
