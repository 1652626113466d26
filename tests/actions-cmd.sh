#!/bin/sh
# actions-cmd.sh - "cxmap actions": the backlog a department head opens
# for a stand-up -- live actions by priority, filtered by department,
# status and overdue -- as text (fitted to a terminal, whole in a pipe),
# JSON and Markdown, with the exit statuses of the other commands.
. "$top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TZ=UTC
# "today" is 2024-06-15
export CXMAP_TEST_NOW=1718452800

cat >"$T/plan.json" <<'JSON'
{
  "format": "cxmap-map",
  "version": 2,
  "name": "Onboarding",
  "journey_owner": "Lucía",
  "departments": [
    {"name": "Finance"}, {"name": "Sales"}, {"name": "Support"}, {"name": "Legal"}
  ],
  "stages": [
    {"name": "Buy", "touchpoints": [
      {"name": "Contract", "owner": "Sales"},
      {"name": "Invoice", "owner": "Finance", "emotion": -2}
    ]}
  ],
  "gaps": [{"stage": 0, "touchpoint": 1, "description": "Nobody explains the invoice", "severity": "high"}],
  "silos": [{"departments": ["Sales", "Support"], "description": "The contract never reaches support"}],
  "actions": [
    {"title": "Explain the invoice in the welcome mail", "fixes": {"gap": 0}, "owner": "Finance",
     "person": "Jorge", "status": "doing", "due": "2024-06-10", "impact": 3, "effort": 1},
    {"title": "Hand the contract to support", "fixes": {"silo": 0}, "owner": "Sales",
     "status": "planned", "due": "2024-07-01", "impact": 2, "effort": 2},
    {"title": "Monthly onboarding webinar", "fixes": {"touchpoint": [0, 0]}, "owner": "Sales",
     "status": "idea", "impact": 1, "effort": 3},
    {"title": "Name a journey owner", "owner": "Support", "status": "done", "due": "2024-05-01",
     "impact": 3, "effort": 2},
    {"title": "Printed leaflet", "owner": "Sales", "status": "dropped", "impact": 1, "effort": 1},
    {"title": "Sales overdue call", "fixes": {"touchpoint": [0, 0]}, "owner": "Sales",
     "status": "idea", "due": "2024-06-01", "impact": 1, "effort": 1}
  ]
}
JSON
run "$CXMAP" import "$T/plan.db" "$T/plan.json"
expect_rc 0 "import of a version 2 document with actions"

# --- usage ---
run "$CXMAP" --help
expect_out "actions \[OPTION\]... \[FILE\]" "--help lists actions"
run "$CXMAP" actions --help
expect_rc 0 "actions --help"
expect_out "Usage: cxmap actions" "actions --help"
expect_out "--department NAME" "actions --help names --department"
expect_out "--overdue" "actions --help names --overdue"
for args in "--format xml" "--status open" "--bogus" "--map"; do
	# shellcheck disable=SC2086
	run "$CXMAP" actions "$T/plan.db" $args
	expect_rc 2 "actions $args"
	expect_no_out "actions $args"
done
run "$CXMAP" actions --status open "$T/plan.db"
expect_err "unknown status 'open' (use idea, planned, doing, done or dropped)" "unknown status named"
run "$CXMAP" actions --format xml "$T/plan.db"
expect_err "unknown format 'xml' (use text, json or markdown)" "unknown format named"
run "$CXMAP" actions a b
expect_rc 2 "too many arguments"

# --- the default: live actions by priority, whole lines in a pipe ---
run "$CXMAP" actions "$T/plan.db"
expect_rc 0 "actions"
expect_out "^Actions of 'Onboarding': 4 actions, 2 overdue$" "the count line"
expect_lines 6 "a header and four live actions"
ok; sed -n '3p' "$T/out" | grep -q "^Explain the invoice in the welcome mail " || fail "impact 3, effort 1 comes first: $(cat "$T/out")"
ok; sed -n '4p' "$T/out" | grep -q "^Sales overdue call " || fail "then impact 1, effort 1: $(cat "$T/out")"
ok; sed -n '5p' "$T/out" | grep -q "^Hand the contract to support " || fail "then impact 2, effort 2: $(cat "$T/out")"
ok; sed -n '6p' "$T/out" | grep -q "^Monthly onboarding webinar " || fail "impact 1, effort 3 last: $(cat "$T/out")"
expect_out "2024-06-10 overdue" "the overdue action is marked"
expect_out "gap 1: Nobody explains the invoice$" "what it fixes, whole in a pipe"
ok; if grep -q "Name a journey owner\|Printed leaflet" "$T/out"; then fail "done and dropped actions are not live"; fi
ok; if grep -q "…" "$T/out"; then fail "nothing is cut in a pipe"; fi

# --- filters ---
run "$CXMAP" actions --department Sales "$T/plan.db"
expect_rc 0 "--department"
expect_out "3 actions, 1 overdue" "Sales owns three live actions"
ok; if grep -q "Explain the invoice" "$T/out"; then fail "--department Sales lists Finance's action"; fi
run "$CXMAP" actions --department Sales --overdue "$T/plan.db"
expect_lines 3 "Sales' overdue action"
expect_out "^Sales overdue call " "--overdue with --department"
run "$CXMAP" actions --status done --status dropped "$T/plan.db"
expect_out "Name a journey owner" "--status done"
expect_out "Printed leaflet" "--status dropped"
expect_lines 4 "done and dropped only"
run "$CXMAP" actions --department Legal "$T/plan.db"
expect_rc 0 "a department with nothing to do"
expect_out "0 actions" "nothing for Legal"
expect_out "No action matches." "said in words"
run "$CXMAP" actions "$T/plan.db" --department Marketing
expect_rc 1 "an unknown department"
expect_err "no department named 'Marketing' (departments: 'Finance', 'Legal', 'Sales', 'Support')" "the departments there are"
expect_no_out "an unknown department"

# --- formats ---
run "$CXMAP" actions --format json --status done --status idea "$T/plan.db"
expect_rc 0 "--format json"
expect_out '"format": "cxmap-actions",' "json: format"
expect_out '"today": "2024-06-15",' "json: today"
expect_out '"status": "done",' "json: status key"
expect_out '"overdue": true,' "json: overdue"
if command -v python3 >/dev/null 2>&1; then
	ok; python3 -c 'import json,sys; d=json.load(sys.stdin); assert [a["title"] for a in d["actions"]] == ["Name a journey owner", "Sales overdue call", "Monthly onboarding webinar"], d' <"$T/out" || fail "json: the actions by priority"
fi
run "$CXMAP" actions --format markdown "$T/plan.db"
expect_rc 0 "--format markdown"
expect_out "^# Actions: Onboarding$" "markdown: heading"
expect_out "^| Action | Fixes | Owner | Person | Status | Due | Impact | Effort |$" "markdown: table"
expect_out "| 2024-06-10 \*\*overdue\*\* |" "markdown: overdue marked"

# --- maps ---
run "$CXMAP" import --map Second "$T/plan.db" "$T/plan.json"
expect_rc 0 "a second map"
run "$CXMAP" actions "$T/plan.db"
expect_rc 2 "two maps and no --map"
expect_err "choose one with --map: 'Onboarding', 'Second'" "the maps there are"
run "$CXMAP" actions --map Nope "$T/plan.db"
expect_rc 1 "an unknown map"
expect_err "no map named 'Nope' (maps: 'Onboarding', 'Second')" "an unknown map names those there are"
run "$CXMAP" actions --map Second --overdue "$T/plan.db"
expect_rc 0 "--map"
expect_out "Actions of 'Second'" "--map picks the map"
run "$CXMAP" actions "$T/missing.db"
expect_rc 1 "a missing file"
expect_err "missing.db: no such file" "a missing file"
[ ! -e "$T/missing.db" ] || fail "actions created a file"

# --- on a terminal: lines fit its width ---
if command -v tmux >/dev/null 2>&1; then
	UI_ENV="CXMAP_TEST_NOW=1718452800 TZ=UTC"
	ui_start 72 20 actions --map Onboarding "$T/plan.db"
	expect_screen "CXMAP-EXIT=0" "actions on a terminal"
	# a line wider than the terminal would wrap onto the next
	expect_screen_line 3 "Explain the inv" "the first action on line 3"
	expect_screen_line 4 "Sales overdue c" "no line wrapped"
	expect_screen_line 6 "Monthly onboard" "no line wrapped"
	expect_screen_line 7 "CXMAP-EXIT=0" "six lines, none wrapped"
	expect_screen "…" "cut with an ellipsis on a 72-column terminal"
	ui_stop
fi

# --- Spanish ---
if command -v msgfmt >/dev/null 2>&1 &&
	locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8'; then
	mkdir -p "$T/locale/es/LC_MESSAGES"
	msgfmt -o "$T/locale/es/LC_MESSAGES/cxmap.mo" "$top_srcdir/po/es.po" ||
		fail "msgfmt failed"
	es() { env CXMAP_LOCALEDIR="$T/locale" LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 LANGUAGE= "$@"; }
	run es "$CXMAP" actions --help
	expect_out "^Uso: cxmap actions" "actions --help in Spanish"
	run es "$CXMAP" actions --map Onboarding --status bogus "$T/plan.db"
	expect_rc 2 "a usage error in Spanish"
	expect_err "estado desconocido" "a usage error in Spanish"
	run es "$CXMAP" actions --map Onboarding "$T/plan.db"
	expect_out "^Acciones de «Onboarding»: 4 acciones, 2 vencidas$" "the count line in Spanish"
	expect_out "2024-06-10 vencida" "overdue in Spanish"
fi
finish
