#!/bin/sh
# ui-backlog.sh - the backlog view and the decisions on findings, as a
# person uses them in a real terminal (tmux): actions by priority, the
# department and overdue filters, a status changed and undone, an action
# added; a finding accepted with a reason, listed under the decisions,
# reopened.  The map is tests/fixture's with tests/backlog-fixture's four
# actions, today being 2026-02-01; the same in Spanish; someone else's change
# to an action meanwhile.
. "$top_srcdir/tests/lib.sh"
BIN=$(dirname "$CXMAP")/../tests
FIXTURE=$BIN/fixture
ACTIONS=$BIN/backlog-fixture
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C
# 2026-02-01 12:00 UTC: "Assign a billing owner" (due 2026-01-10) is late
UI_ENV="CXMAP_TEST_NOW=1769947200 TZ=UTC"

# line_of TEXT: the number of the first screen line showing TEXT (0: none)
line_of() { n=$(grep -nF -- "$1" "$T/screen" | head -n 1 | cut -d: -f1); echo "${n:-0}"; }
# expect_row TITLE TEXT WHAT: the row of the action TITLE shows TEXT
row_has() { grep -F -- "$1" "$T/screen" | grep -qF -- "$2"; }
expect_row() {
	ok
	ui_until row_has "$1" "$2" || fail "$3: the row of '$1' lacks '$2':
$(cat "$T/screen")"
}
# findings: the number of findings the header counts now
findings() { ui_screen | sed -n '1,2p' | grep -o '[0-9]* findings\{0,1\}' | head -n 1 | cut -d' ' -f1; }

to_backlog() {
	ui_keys Tab Tab Tab
	expect_screen "shown of" "$1: the backlog view"
}

# --- the actions by priority, the filters -------------------------------------------
scenario_order_and_filters() {
	"$FIXTURE" "$T/order.db" && "$ACTIONS" "$T/order.db" || fail "fixture"
	UI_LANG=C UI_ENV="$UI_ENV NO_COLOR=1" ui_start 80 24 "$T/order.db"
	expect_screen "Awareness" "board"
	to_backlog "order"
	expect_screen "4 shown of 4 | 3 live | 1 overdue | 1 done" "summary counts"
	expect_screen "Action" "column titles"
	expect_screen "Owner" "owner column at 80 columns"
	ok
	a=$(line_of "Assign a billing owner") b=$(line_of "Joint lead review")
	c=$(line_of "Journey dashboard") d=$(line_of "Refresh the ad")
	if ! [ "$a" -gt 0 ] || ! [ "$a" -lt "$b" ] || ! [ "$b" -lt "$c" ] ||
	   ! [ "$c" -lt "$d" ]; then
		fail "not in priority order (impact over effort, then due):
$(cat "$T/screen")"
	fi
	expect_row "Assign a billing owner" "2026-01-10!" "the late action is marked overdue"
	expect_row "Joint lead review" "2026-03-01" "a due date"
	expect_row "Joint lead review" "doing" "a status"
	expect_row "Assign a billing owner" "gap: Nobody own" "what it fixes, in words"
	expect_row "Journey dashboard" "the whole journ" "an action for the journey"
	expect_row "Refresh the ad" "touchpoint: Ad" "an action for a touchpoint"
	expect_row "Assign a billing owner" "Sales" "the owner department"
	# the selected one whole, below the list
	expect_screen "gap: Nobody owns billing" "what the selected action fixes, whole"
	expect_screen "person: Ana" "the selected action's person"
	expect_screen "due: 2026-01-10 (overdue)" "the selected action's date"

	# what Marketing owes
	ui_keys f
	expect_screen "(every department)" "department picker"
	ui_type "Marketing"; ui_keys Enter
	expect_screen "department: Marketing" "the filter is shown"
	expect_screen "2 shown of 2 | 2 live | 0 overdue | 0 done" "Marketing's counts"
	expect_screen "Joint lead review" "Marketing's silo action"
	expect_screen "Refresh the ad" "Marketing's touchpoint action"
	expect_no_screen "Assign a billing owner" "Sales' action is not Marketing's"

	# every department again, overdue only
	ui_keys f; ui_type "every"; ui_keys Enter
	expect_screen "4 shown of 4" "every department again"
	ui_keys '!'
	expect_screen "overdue only" "the overdue filter is shown"
	expect_screen "1 shown of 4" "one action is late"
	expect_screen "Assign a billing owner" "the late action"
	expect_no_screen "Joint lead review" "an action due later is not late"
	ui_keys '!'
	expect_screen "4 shown of 4" "overdue filter off"

	# only what is done
	ui_keys o; ui_type "done"; ui_keys Enter
	expect_screen "status: done" "status filter shown"
	expect_screen "1 shown of 4" "one action is done"
	expect_screen "Journey dashboard" "the done action"
	ui_keys o; ui_type "every"; ui_keys Enter
	expect_screen "4 shown of 4" "every status again"

	# the selection stays on its action through the filters; Enter shows
	# what the first fixes on the board
	ui_keys k k k k Enter
	expect_screen "A Stage" "Enter goes to the board"
	ui_keys e
	expect_screen_re "Name +Invoice" "the gap's touchpoint is selected"
	ui_stop
}

# --- a status changed and undone; an action added; an empty backlog ------------------
scenario_change() {
	"$FIXTURE" "$T/change.db" && "$ACTIONS" "$T/change.db" || fail "fixture"
	ui_start 80 24 "$T/change.db"
	expect_screen "Awareness" "board"
	to_backlog "change"
	ui_keys j j j
	expect_screen "owner: Marketing · person: - · due: -" "the last action selected"
	ui_keys s
	expect_screen "planned" "the status picker"
	ui_type "doing"; ui_keys Enter
	expect_screen "Status: doing (u undoes)" "status changed"
	expect_row "Refresh the ad" "doing" "the new status is in the row"
	ui_keys u
	expect_screen "Undone" "undo"
	expect_row "Refresh the ad" "idea" "undo brings the old status back"
	ui_keys '>'
	expect_row "Refresh the ad" "planned" "> moves the status one step on"
	ui_keys u
	expect_row "Refresh the ad" "idea" "undone too"

	# e: any field, here the due date, checked
	ui_keys e
	expect_screen "Change which field?" "the field picker"
	ui_type "Due"; ui_keys Enter
	expect_screen "YYYY-MM-DD" "the date is asked for"
	ui_type "2026-02-30"; ui_keys Enter
	expect_screen "Due date:" "a date that does not exist is refused"
	expect_row "Refresh the ad" " - " "nothing saved"
	ui_keys e; ui_type "Due"; ui_keys Enter
	ui_type "2026-01-20"; ui_keys Enter
	expect_row "Refresh the ad" "2026-01-20!" "a past due date shows overdue"

	# a: an action for the silo, owned by a new department
	ui_keys a
	expect_screen "What does the action fix?" "what it fixes is asked"
	expect_screen "the whole journey" "the journey is offered"
	ui_type "silo"; ui_keys Enter
	expect_screen "Action:" "the title is asked"
	ui_type "Shared lead form"; ui_keys Enter
	expect_screen "(no owner)" "the owner is asked"
	ui_keys C-u; ui_type "Revenue Ops"; ui_keys Enter
	expect_screen "Action added" "added"
	expect_screen "5 shown of 5" "five actions"
	expect_row "Shared lead form" "Revenue O" "owned by the new department"
	expect_screen "owner: Revenue Ops" "the new action is selected"
	expect_row "Shared lead form" "idea" "a new action is an idea"
	ui_keys u
	expect_screen "4 shown of 4" "undo takes the action back"

	# d: deleted after a question, undone
	ui_keys k k k k k d
	expect_screen 'Delete action "Assign a billing owner"? (y/n)' "delete asks"
	ui_keys y
	expect_screen "3 shown of 3" "deleted"
	ui_keys u
	expect_screen "4 shown of 4" "undo brings it back"
	ui_stop

	"$FIXTURE" "$T/empty.db"
	ui_start 80 24 "$T/empty.db"
	expect_screen "Awareness" "board of a map without actions"
	to_backlog "empty"
	expect_screen "No actions yet: press a to add one" "the empty backlog says how"
	ui_stop
}

# --- someone else changed the action meanwhile: asked, as for any edit ------------
scenario_conflict() {
	"$FIXTURE" "$T/both.db" && "$ACTIONS" "$T/both.db" || fail "fixture"
	ui_start 80 24 "$T/both.db"
	expect_screen "Awareness" "board"
	ui_keys B
	expect_screen "4 shown of 4" "B shows the backlog"
	ui_keys j j j e
	expect_screen "Change which field?" "the field picker"
	ui_type "Action"; ui_keys Enter
	expect_screen "Action: Refresh the ad" "the title's editor"
	"$ACTIONS" "$T/both.db" retitle "Refresh the ad" "New ad campaign" ||
		fail "someone else's change"
	ui_keys C-u; ui_type "Rework the ad"; ui_keys Enter
	expect_screen "Meanwhile" "who changed it is said"
	expect_screen "New ad campaign" "what they did is said"
	expect_screen 'Save yours ("Rework the ad") over it? (y/n)' "asked before saving over it"
	ui_keys n
	expect_screen "Kept their version" "n keeps theirs"
	expect_screen "New ad campaign" "their title is shown"
	ui_keys e; ui_type "Action"; ui_keys Enter
	expect_screen "Action: New ad campaign" "the editor has their title"
	"$ACTIONS" "$T/both.db" retitle "New ad campaign" "Ad, again" ||
		fail "someone else's second change"
	ui_keys C-u; ui_type "Rework the ad"; ui_keys Enter
	expect_screen 'Save yours ("Rework the ad") over it? (y/n)' "asked again"
	ui_keys y
	expect_row "Rework the ad" "touchpoint: Ad" "y saves this person's title"
	expect_no_screen "Ad, again" "over theirs"
	ui_stop
}

# --- a finding accepted with a reason, listed, reopened ------------------------------
scenario_decisions() {
	"$FIXTURE" "$T/decide.db"
	ui_start 100 30 "$T/decide.db"
	expect_screen "findings" "the header counts findings"
	before=$(findings)
	ui_keys Tab Tab
	expect_screen "shown · by stage" "gaps view"
	ui_keys t; ui_type "unowned"; ui_keys Enter
	expect_screen "'Invoice' in stage 'Purchase' has no owner" "the unowned finding"
	ui_keys a
	expect_screen "Why is this risk accepted?" "a reason is asked"
	ui_keys Enter
	expect_screen "Why is this risk accepted?" "an empty reason is not taken"
	ui_keys Escape
	expect_screen_gone "Why is this risk accepted?" "Esc cancels"
	ok; [ "$(findings)" = "$before" ] || fail "a cancelled decision changed the count"
	ui_keys a; ui_type "Billing moves to Finance in Q3"; ui_keys Enter
	expect_screen "Accepted: it no longer counts" "accepted"
	expect_screen "0 shown · by stage · 1 decision (c)" "the finding left the list"
	ok; [ "$(findings)" = "$((before - 1))" ] ||
		fail "the header still counts the accepted finding ($(findings), was $before)"
	ui_keys c
	expect_screen "1 decision on findings" "the decisions list"
	expect_screen "accepted" "the decision"
	expect_screen "has no owner" "the finding decided on"
	expect_screen '"Billing moves to Finance in Q3"' "the reason"
	expect_screen "2026-02-01 12:00" "when"
	ui_keys r
	expect_screen "Reopened: the finding counts again" "reopened"
	expect_screen "0 decisions on findings" "no decisions left"
	ok; [ "$(findings)" = "$before" ] || fail "the reopened finding is not counted again"
	ui_keys u
	expect_screen "1 decision on findings" "undo of the reopening"
	ui_keys c
	expect_screen "0 shown · by stage · 1 decision (c)" "back to the findings"
	ui_keys u
	expect_screen "1 shown · by stage" "undo of the decision brings the finding back"

	# dismissed, in the same way
	ui_keys n
	expect_screen "Why is this not a problem?" "dismiss asks why"
	ui_type "Invoices are the bank's"; ui_keys Enter
	expect_screen "Dismissed: it no longer counts" "dismissed"
	ui_keys c
	expect_screen "dismissed" "listed as dismissed"
	ui_stop
	run "$CXMAP" gaps "$T/decide.db"
	expect_out "Findings: $((before - 1))" "cxmap gaps leaves the decided finding out"
}

# --- in Spanish --------------------------------------------------------------------
scenario_spanish() {
	if ! command -v msgfmt >/dev/null 2>&1 ||
	   ! locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8'; then
		echo "skipped the Spanish scenario: no es_ES.UTF-8 locale or msgfmt"
		return
	fi
	mkdir -p "$T/locale/es/LC_MESSAGES"
	msgfmt -o "$T/locale/es/LC_MESSAGES/cxmap.mo" "$top_srcdir/po/es.po" ||
		fail "msgfmt failed"
	"$FIXTURE" "$T/es.db" && "$ACTIONS" "$T/es.db" || fail "fixture"
	UI_LANG=es_ES.UTF-8 UI_ENV="$UI_ENV CXMAP_LOCALEDIR=$T/locale LANGUAGE=" \
		ui_start 80 24 "$T/es.db"
	expect_screen "Awareness" "board in Spanish"
	ui_keys B
	expect_screen "4 a la vista de 4 · vivas: 3 · vencidas: 1 · hechas: 1" "the summary in Spanish"
	expect_row "Assign a billing" "planificada" "a status in Spanish"
	expect_row "Assign a billing" "brecha: Nobod" "what it fixes, in Spanish"
	expect_screen "fecha: 2026-01-10 (vencida)" "overdue in Spanish"
	expect_screen "a Añadir" "the bar in Spanish"
	ui_keys Tab Tab Tab Tab Tab Tab
	expect_screen "a la vista · por etapa" "the gaps view in Spanish"
	ui_keys t; ui_type "sin responsable"; ui_keys Enter
	ui_keys a
	expect_screen "¿Por qué se acepta este riesgo?" "the reason asked in Spanish"
	ui_type "Lo lleva Finanzas"; ui_keys Enter
	expect_screen "Aceptado: ya no cuenta" "accepted, in Spanish"
	ui_keys c
	expect_screen "1 decisión sobre hallazgos" "the decisions in Spanish"
	expect_screen "aceptado" "the decision in Spanish"
	ui_stop
}

scenario_order_and_filters
scenario_spanish
scenario_change
scenario_conflict
scenario_decisions
finish
