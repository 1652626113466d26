#!/bin/sh
# ui-edit.sh - typed editing flows in a real terminal (tmux), each scenario
# on its own file and in its own session: drawing a journey from an empty
# file and reopening it, moving cards, delete with undo and redo, search
# and the detail form, export and a map from a template.
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C

# --- a journey typed into a new file; quit and reopen: everything as left --
scenario_journey() {
	DB="$T/journey.db"
	ui_start 80 24 "$DB"
	expect_screen "press A to add the first stage" "empty map hint"
	expect_screen "journey" "map named after the file"
	expect_screen "q Quit" "bottom bar"
	# Escape cancels and changes nothing
	ui_keys A; ui_type "Nope"; ui_keys Escape
	expect_no_screen "Nope" "cancelled stage"
	# stages and touchpoints
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
	# the owner picker creates a department
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
	# contributors
	ui_keys c
	expect_screen "Contributors" "contributor picker"
	expect_no_screen "[ ] Finance" "the owner is not offered as a contributor"
	ui_type "Customer care"; ui_keys Enter
	expect_screen "[x] Customer care" "a new contributor is created, checked"
	ui_type "Legal"; ui_keys Enter Enter
	expect_screen "+2" "two contributors marked on the card"
	# a gap and a silo
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
	# quit and reopen
	ui_keys q
	expect_screen "CXMAP-EXIT=0" "q quits with status 0"
	run "$CXMAP" list "$DB"
	expect_out "5 stages	6 touchpoints	4 unowned	1 open gap	1 open silo" "the file holds the journey"
	ui_start 80 24 "$DB"
	expect_screen "Awareness (2)" "reopened"
	expect_screen "6 touchpoints" "reopened counts"
	expect_screen "Finance" "reopened owner"
	ui_stop
}

# --- moving a card between stages and within one ---------------------------
scenario_move() {
	"$FIXTURE" "$T/move.db"
	ui_start 80 24 "$T/move.db"
	expect_screen "Purchase (2)" "board"
	# the Demo (Purchase, top) goes left to Awareness, down, and up
	ui_keys l j
	ui_keys H
	expect_screen "Awareness (2)" "H moves the touchpoint to the previous stage"
	expect_screen_line 4 "Demo" "H keeps the card's row: the top"
	ui_keys J
	expect_screen_line 7 "Demo" "J moves the touchpoint down"
	expect_screen_line 4 "Ad" "...past the other card"
	ui_keys K
	expect_screen_line 4 "Demo" "K moves it back up"
	ui_keys L
	expect_screen "Purchase (2)" "L moves it back"
	ui_stop
}

# --- delete with confirmation, undo and redo ---------------------------------
scenario_delete_undo() {
	"$FIXTURE" "$T/delete.db"
	ui_start 80 24 "$T/delete.db"
	expect_screen "Purchase (2)" "board"
	ui_keys l
	ui_keys d
	expect_screen 'Delete stage "Purchase" with 2 touchpoints, 1 gap? (y/n)' "delete asks first"
	ui_keys n
	expect_screen "Purchase (2)" "n keeps the stage"
	ui_keys d; ui_keys y
	expect_no_screen "Purchase" "y deletes the stage"
	ui_keys u
	expect_screen "Undone: delete" "undo says what it undid"
	expect_screen "Purchase (2)" "undo brings the stage back with its cards"
	ui_keys C-r
	expect_screen "Redone: delete" "redo"
	expect_screen_gone "Purchase (2)" "redo deletes it again"
	ui_keys u
	expect_screen "Purchase (2)" "undone again"
	ui_stop
	run "$CXMAP" list "$T/delete.db"
	expect_out "3 stages	3 touchpoints" "the file has the stage back"
}

# --- search selects a match; the detail form edits a field --------------------
scenario_search_form() {
	"$FIXTURE" "$T/form.db"
	ui_start 80 24 "$T/form.db"
	expect_screen "Purchase (2)" "board"
	ui_keys /; ui_type "invoice"; ui_keys Enter
	ui_keys e
	expect_screen_re "Name +Invoice" "search selects the match (form shows it)"
	ui_keys Escape
	expect_screen_gone "Moment of truth" "Escape closes the form"
	ui_keys e
	expect_screen "Moment of truth" "form lists every field"
	ui_keys Down Enter; ui_type "Zoom"; ui_keys Enter
	expect_screen "Zoom" "channel edited in the form"
	ui_keys Escape
	ui_keys w
	expect_screen "History, newest first" "history view"
	expect_screen "set the channel of touchpoint “Invoice”" "history says what changed"
	ui_stop
}

# --- export to Markdown ---------------------------------------------------------
scenario_export() {
	"$FIXTURE" "$T/export.db" "journey"
	ui_start 80 24 "$T/export.db"
	expect_screen "Awareness" "board"
	ui_keys x
	expect_screen "Export the map as" "x asks which format"
	expect_screen "Markdown (.md)" "Markdown is offered"
	expect_screen "HTML page (.html)" "HTML is offered"
	ui_keys Enter
	expect_screen "Export to Markdown file: " "x asks for a file"
	expect_screen "/journey.md" "x suggests the whole path of a file named after the map"
	ui_keys C-u; ui_type "$T/journey.md"; ui_keys Enter
	expect_screen "Exported to $T/journey.md" "x exports"
	ok; grep -q '```mermaid' "$T/journey.md" || fail "the export has a Mermaid block"
	ok; grep -q 'Invoice' "$T/journey.md" || fail "the export has the touchpoints"
	# the page: picked by moving down, suggested with .html
	ui_keys x
	expect_screen "Export the map as" "x asks again"
	ui_keys Down Enter
	expect_screen "Export to HTML file: " "HTML asks for a file"
	expect_screen "/journey.html" "the page is suggested with .html"
	ui_keys C-u; ui_type "$T/journey.html"; ui_keys Enter
	expect_screen "Exported to $T/journey.html" "x exports the page"
	ok; grep -qi '^<!doctype html>' "$T/journey.html" || fail "the page is HTML"
	ok; grep -q 'Invoice' "$T/journey.html" || fail "the page has the touchpoints"
	ok; ! grep -qi '<script' "$T/journey.html" || fail "the page has no script"
	# the picker opens on the format chosen last; Escape changes nothing
	before=$(ls "$T")
	ui_keys x
	expect_screen "Export the map as" "x asks a third time"
	ui_keys Enter
	expect_screen "Export to HTML file: " "the last format is offered first"
	ui_keys Escape
	expect_no_screen "Export to HTML file: " "Escape cancels"
	ui_keys x
	expect_screen "Export the map as" "and the picker"
	ui_keys Escape
	expect_no_screen "Export the map as" "Escape cancels the picker"
	ok; [ "$(ls "$T")" = "$before" ] || fail "cancelling wrote nothing: $(ls "$T")"
	ui_stop
}

# --- a map from a template, and back to the first ------------------------------
scenario_template() {
	"$FIXTURE" "$T/template.db" "journey"
	ui_start 80 24 "$T/template.db"
	expect_screen "Purchase (2)" "board"
	ui_keys m t
	expect_screen "New map from a template" "template picker"
	expect_screen "(b2b-saas)" "templates listed"
	ui_type "retail"; ui_keys Enter
	expect_screen "Name of the new map:" "name asked"
	ui_keys C-u; ui_type "Shop"; ui_keys Enter
	expect_screen "Shop" "map from the template is open"
	expect_screen_gone "Purchase (2)" "the first map is no longer shown"
	ui_keys m
	expect_screen "journey" "both maps listed"
	ui_keys j Enter
	expect_screen "Purchase (2)" "back on the first map"
	ui_stop
	run "$CXMAP" list "$T/template.db"
	expect_out "^Shop	" "the new map is in the file"
}

scenario_journey
scenario_move
scenario_delete_undo
scenario_search_form
scenario_export
scenario_template
finish
