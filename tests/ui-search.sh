#!/bin/sh
# ui-search.sh - finding things and finding one's way, on the demo map at
# 80x24: search (a new term each time; gaps, silos and metrics too), the
# marks of stage gaps and contributors, the two-line bottom bar, the
# help's legend, export paths, and what history, undo and delete say.
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C
DB="$T/demo.cxmap"
run "$CXMAP" new --template demo "$DB"
expect_rc 0 "the demo map"
mkdir "$T/home"
export UI_ENV="HOME='$T/home'"
cd "$T" || exit 99
ui_start 80 24 "$DB"
expect_screen "Awareness (2)" "the demo map is open"

# --- search: every / starts a new term --------------------------------------
# search TERM: a new search; the prompt clears the last message first
search() {
	ui_keys /
	ui_wait "Search:" || true
	ui_type "$1"
	ui_keys Enter
}
search "Webinar"
expect_screen "Match 1 of 2" "Webinar: the card and a channel"
ui_keys /
expect_screen "Search: Webinar" "the last term is offered"
ui_keys Right BSpace BSpace BSpace Enter
expect_screen "Match 2 of 2" "an arrow keeps the offered term to edit (Webi)"
search "Pricing"
expect_screen "Not found: Pricing" "typing replaces the offered term"
expect_no_screen "WebinarPricing" "the new term is not added to the last"
ui_keys / Enter
expect_screen "Not found: Pricing" "Enter takes the offered term"
# what search covers besides names
search "confuses new customers"
expect_screen "Match 1 of 1" "a gap's description finds its touchpoint"
search "starts from zero"
expect_screen "Match 1 of 1" "a silo's description finds its touchpoint"
search "onboarding plan"
expect_screen "Match 1 of 1" "a stage gap's description finds the stage"
search "retention"
expect_screen "Match 1 of 1" "a metric's name"
search "104"
expect_screen "Match 1 of 1" "a metric's value"

# --- marks: a gap on a stage shows on its title; contributors are &N --------
ui_keys h h h h h h
expect_screen "(3) !1" "Onboarding's gap shows on its title"
expect_screen "SAL &1" "contributors: &N after the owner"
expect_no_screen "SAL +1" "no +N that reads like an emotion"
ui_keys k k k
ui_keys g; ui_type "Ads miss the persona"; ui_keys Enter
expect_screen "Gap recorded" "a gap on the first stage"
expect_screen "Awareness (2) !1" "the stage's title shows it at once"

# --- the bottom bar at 80 columns: views, search, export, contributors ------
for k in "c Contributors" "/ Search" "u Undo" "Tab View" "m Maps" \
	"D Departments" "w History" "x Export" "? Help" "q Quit" "s Silo" \
	"d Delete"; do
	expect_screen "$k" "the bar shows $k at 80x24"
done
ui_keys ?
expect_screen "On cards: &N other departments contribute" "the marks' legend opens the help"
ui_keys q

# --- history, undo and delete say what happens ------------------------------
ui_keys j j K
ui_keys w
expect_screen "moved touchpoint “Webinar” to position 1 in" "a move within a stage, in the history"
expect_no_screen "to stage “Awareness”" "not a move to the stage it was in"
ui_keys Tab
ui_keys Tab Tab
expect_screen "by stage" "the gaps view"
ui_keys t
ui_type "recorded silo"; ui_keys Enter
expect_screen "Sales" "the silos"
ui_keys p
expect_screen "A silo is always high" "p says the same"
ui_keys t; ui_type "recorded gap"; ui_keys Enter
ui_keys r
expect_screen "Resolved" "a gap resolved"
ui_keys u
expect_screen "Undone: resolve the gap" "undo names the resolve"
ui_keys m Enter
ui_keys l l l
ui_keys d
expect_screen "Delete stage \"Onboarding\" with 3 touchpoints, 1 gap, 1 silo? (y/n)" \
	"deleting a stage says its gaps and silos go too"
ui_keys n
ui_keys h j j j
ui_keys d
expect_screen "Delete touchpoint \"First invoice\" with 1 gap? (y/n)" \
	"and so does deleting a touchpoint"
ui_keys n

# --- export: the whole path, ~ expanded -------------------------------------
ui_keys x
expect_screen "Export the map as" "x asks which format"
ui_keys Enter
expect_screen "Export to Markdown file: $T/demo-b2b-saas-journey.md" "the whole path is offered"
ui_keys Enter
expect_screen "Exported to $T/demo-b2b-saas-journey.md" "exported where it said"
ok; [ -s "$T/demo-b2b-saas-journey.md" ] || fail "the file is in the current folder"
ui_keys x
expect_screen "Export the map as" "x asks which format again"
ui_keys Enter C-u; ui_type "~/mine.md"; ui_keys Enter
expect_screen "Exported to $T/home/mine.md" "~/ is the home folder"
ok; [ -s "$T/home/mine.md" ] || fail "the file is in the home folder"
ok; [ ! -e "$T/~" ] || fail "no folder named ~"
ui_stop

# a folder that cannot be written: said before the name is asked (root
# can write anywhere, so the test runs as nobody then)
mkdir "$T/ro"
chmod 755 "$T" "$T/ro"
chmod 777 "$T/home"
chmod 644 "$DB"
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups "%s" "$@"\n' \
			"$CXMAP" >"$T/as-nobody"
		chmod 755 "$T/as-nobody"
		REAL=$CXMAP CXMAP=$T/as-nobody
	else
		REAL=""
	fi
else
	chmod 555 "$T/ro"
	REAL=$CXMAP
fi
if [ -n "$REAL" ]; then
	cd "$T/ro" || exit 99
	ui_start 80 24 "$DB"
	expect_screen "Awareness" "the map, from a folder that cannot be written"
	ui_keys x
	expect_screen "Export the map as" "x asks which format"
	ui_keys Enter
	expect_screen "Not writable here; export to:" "the prompt says so"
	expect_screen "/home/demo-b2b-saas-journey.md" "and offers the home folder"
	ui_keys Enter
	expect_screen "Exported to $T/home/demo-b2b-saas-journey.md" "exported there"
	ui_stop
	CXMAP=$REAL
	cd "$T" || exit 99
fi
finish
