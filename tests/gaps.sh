#!/bin/sh
# gaps.sh - "cxmap gaps": the report in both formats and the exit statuses
# a CI job or a cron report relies on.
. "$top_srcdir/tests/lib.sh"
BIN=$(dirname "$CXMAP")/../tests
FIXTURE=$BIN/fixture
GF=$BIN/gaps-fixture
export LC_ALL=C

# jget PATH: the value at PATH in the JSON on stdout ($T/out)
jget() { "$GF" json "$1" <"$T/out"; }
expect_json() { ok; v=$(jget "$1"); [ "$v" = "$2" ] || fail "$3: $1 is '$v', want '$2'"; }

# --- usage ---
run "$CXMAP" --help
expect_out "gaps \[OPTION\]... \[FILE\]" "--help lists gaps"

run "$CXMAP" gaps --help
expect_rc 0 "gaps --help"
expect_out "Usage: cxmap gaps" "gaps --help"
expect_out "^  unowned, empty-stage, crowded, unacknowledged-pain, handoff,$" "gaps --help lists the kinds"
expect_out "^  silo-handoff, concentration, no-journey-owner, moment-without-metric,$" "gaps --help lists the kinds"
expect_out "^  action-overdue, action-owner-outside, gap, silo$" "gaps --help lists the kinds"
expect_out "^decisions, and --fail-on does not count them.$" "gaps --help says decided findings do not count"

"$FIXTURE" "$T/one.db" "B2B onboarding"
for args in "--format xml" "--fail-on bogus" "--fail-on unowned,,gap" \
	"--fail-on unowned," "--fail-on ,gap" "--bogus"; do
	# shellcheck disable=SC2086
	run "$CXMAP" gaps $args "$T/one.db"
	expect_rc 2 "gaps $args"
	expect_no_out "gaps $args"
done
run "$CXMAP" gaps --fail-on "" "$T/one.db"
expect_rc 2 "empty --fail-on"
run "$CXMAP" gaps --fail-on unowned,Gap "$T/one.db"
expect_rc 2 "kinds are case-sensitive"
expect_err "unknown kind 'Gap' in --fail-on" "unknown kind named"
expect_err "known kinds: unowned, " "unknown kind lists the kinds"
run "$CXMAP" gaps --format xml "$T/one.db"
expect_err "unknown format 'xml'" "unknown format named"
run "$CXMAP" gaps --format "$(printf 'x\033[2J')" "$T/one.db"
expect_rc 2 "hostile --format"
ok; if grep -q "$(printf '\033')" "$T/err"; then fail "an escape character reached stderr"; fi
run "$CXMAP" gaps a b
expect_rc 2 "gaps: too many arguments"
run "$CXMAP" gaps "$T/one.db" --map
expect_rc 2 "--map without a name"
expect_no_out "--map without a name"

# --- files ---
run "$CXMAP" gaps "$T/missing.db"
expect_rc 1 "gaps on a missing file"
expect_err "missing.db: no such file" "gaps on a missing file"
[ ! -e "$T/missing.db" ] || fail "gaps created a file"

"$GF" none "$T/empty.db"
run "$CXMAP" gaps "$T/empty.db"
expect_rc 1 "a file without maps"
expect_err "empty.db: the file holds no maps" "a file without maps"

# --- the text report of the shared fixture ---
# Awareness [Ad: Marketing] Purchase [Demo: Sales, Invoice: nobody, open
# high gap, no action] Renewal [] and an open Marketing/Sales silo; the
# map names no journey owner
run "$CXMAP" gaps "$T/one.db"
expect_rc 0 "gaps without --fail-on"
expect_out "^Map 'B2B onboarding'$" "the map is named"
expect_out "^Recorded gaps: 1 open, 0 resolved$" "recorded gaps counted"
expect_out "^  high    open      'Invoice' in stage 'Purchase': Nobody owns billing$" "a recorded gap"
expect_out "^  open      Marketing and Sales, whole map: Leads not handed over$" "a recorded silo"
expect_out "^Findings: 5$" "findings counted"
# high first, then journey order; columns aligned
expect_out "^  high    no journey owner     the journey has no owner: nobody is its executive sponsor$" "no journey owner"
expect_out "^  high    silo handoff         'Ad' (Marketing) hands off to 'Demo' (Sales) across an open silo$" "silo handoff"
expect_out "^  high    unowned              'Invoice' in stage 'Purchase' has no owner department$" "unowned"
expect_out "^  high    gap without action   no live action fixes the high gap on 'Invoice' in stage 'Purchase': Nobody owns billing$" "gap without action"
expect_out "^  medium  empty stage          stage 'Renewal' has no touchpoints$" "empty stage"
ok; sed -n '/^Findings/{n;p;n;p;n;p;n;p;n;p;}' "$T/out" | cut -c3-10 | tr -d ' ' | tr '\n' ' ' |
	grep -qx 'high high high high medium ' || fail "findings not sorted high first"
ok; if grep -q "^Decisions" "$T/out"; then fail "no decisions, no section"; fi
expect_out "^              Awareness  Purchase  Renewal  Total$" "ownership header"
expect_out "^  Marketing           1         0        0      1$" "ownership row"
expect_out "^  (no owner)          0         1        0      1$" "no-owner row"
expect_out "^  Marketing -> Sales: 1$" "handoff matrix"

# --- --fail-on ---
fail_on() { # KINDS WANT-RC
	run "$CXMAP" gaps --fail-on "$1" "$T/one.db"
	expect_rc "$2" "--fail-on $1"
	expect_out "^Findings: 5$" "--fail-on $1 still prints the report"
}
fail_on unowned 1
fail_on silo-handoff 1
fail_on empty-stage 1
fail_on gap 1
fail_on silo 1
fail_on crowded 0
fail_on handoff 0
fail_on unacknowledged-pain,concentration,crowded 0
fail_on crowded,unowned 1
fail_on no-journey-owner 1
fail_on gap-without-action 1
fail_on pain-without-voice,metric-off-target,moment-without-metric 0
fail_on action-overdue,action-owner-outside 0
run "$CXMAP" gaps "$T/one.db" --fail-on unowned
expect_rc 1 "options may follow FILE"
run "$CXMAP" gaps --fail-on unowned,gap "$T/one.db"
expect_err "2 items match --fail-on" "--fail-on says how many"
run "$CXMAP" gaps --fail-on crowded --fail-on gap "$T/one.db"
expect_rc 1 "--fail-on given twice adds up"

# --- several maps ---
"$GF" rich "$T/two.db" "Rich"
"$GF" clean "$T/two.db" "Clean"
run "$CXMAP" gaps "$T/two.db"
expect_rc 2 "several maps and no --map"
expect_err "holds 2 maps; choose one with --map: 'Clean', 'Rich'" "the maps are listed"
expect_no_out "several maps and no --map"
run "$CXMAP" gaps --map Nope "$T/two.db"
expect_rc 1 "--map naming no map"
expect_err "no map named 'Nope' (maps: 'Clean', 'Rich')" "--map naming no map"

# every kind but the journey's owner, which the store's fixtures leave
# empty
all=unowned,empty-stage,crowded,unacknowledged-pain,handoff,silo-handoff,concentration,moment-without-metric,metric-off-target,pain-without-voice,gap-without-action,action-overdue,action-owner-outside,gap,silo
run "$CXMAP" gaps --map Clean --fail-on "$all" "$T/two.db"
expect_rc 0 "a clean map passes every check"
expect_out "^Findings: 1$" "a clean map"
expect_out "^  high    no journey owner " "a clean map without a journey owner"
expect_out "^  (none)$" "a clean map has no handoffs"

run "$CXMAP" gaps --map Rich "$T/two.db"
expect_rc 0 "the rich map"
expect_out "^Findings: 11$" "the rich map"
expect_out "^  high    unacknowledged pain  'Factura'" "pain at -2 ranks high"
expect_out "^  medium  unacknowledged pain  'EVIL" "a resolved gap is no acknowledgement"
expect_out "^  medium  crowded              'Demo' in stage 'Compra 購入': 3 departments" "crowded"
expect_out "^  low     concentration        Marketing owns 3 of the 3 touchpoints" "concentration"
expect_out "^  medium  pain without voice   'Factura' .* no voice behind it: an assumption$" "pain without voice at -2"
expect_out "^  low     pain without voice   'EVIL" "pain without voice at -1"
# EVIL -> Reembolso is a plain handoff: in the matrix, not a finding
ok; if grep -q "hands off to 'Reembolso'" "$T/out"; then fail "a plain handoff is no finding"; fi
expect_out "^  Atención al cliente -> Finanzas: 1$" "a plain handoff in the matrix"
expect_out "^  resolved  Atención al cliente and Finanzas, whole map: Refunds wait$" "resolved silo listed"
# names from the file never reach the terminal raw
ok; if grep -q "$(printf '\033')" "$T/out"; then fail "an escape character reached stdout"; fi
ok; if grep -q "$(printf '\007')" "$T/out"; then fail "a bell reached stdout"; fi
expect_out "EVIL\\\\x1b\]0;pwned\\\\x07tp" "escapes shown as text"

# --- JSON ---
run "$CXMAP" gaps --format json --map Rich "$T/two.db"
expect_rc 0 "json"
ok; jget format >/dev/null || fail "json: stdout is not JSON"
expect_json format cxmap-gaps "json"
expect_json version 2 "json"
expect_json map.name Rich "json"
expect_json options.crowded_threshold 3 "json options"
expect_json counts.unowned 1 "json counts"
expect_json counts.crowded 1 "json counts"
expect_json counts.unacknowledged-pain 2 "json counts"
expect_json counts.handoff 0 "json counts: plain handoffs are no finding"
expect_json counts.no-journey-owner 1 "json counts"
expect_json counts.pain-without-voice 2 "json counts"
expect_json counts.gap-without-action 0 "json counts: the open gap is medium"
expect_json counts.silo-handoff 1 "json counts"
expect_json counts.concentration 2 "json counts"
expect_json counts.empty-stage 1 "json counts"
expect_json counts.gap 1 "json counts open gaps only"
expect_json counts.silo 1 "json counts open silos only"
expect_json gaps 2 "json lists every recorded gap"
# in the order they were recorded
expect_json gaps.0.status resolved "json resolved gap"
expect_json gaps.0.stage.name Soporte "json gap on a touchpoint names its stage"
expect_json gaps.0.touchpoint.name "EVIL$(printf '\033')]0;pwned$(printf '\007')tp" "json names as they are"
expect_json gaps.1.status open "json gap"
expect_json gaps.1.stage.name "Renovación" "json gap on a stage"
expect_json gaps.1.touchpoint null "json gap on a stage"
expect_json silos.0.departments.0.name Ventas "json silo"
expect_json silos.0.touchpoint.name Demo "json silo at a touchpoint"
expect_json silos.1.touchpoint null "json silo of the whole map"
expect_json findings 11 "json findings"
expect_json decisions 0 "json: nobody decided"
expect_json findings.0.kind no-journey-owner "json findings high first"
expect_json findings.0.stage null "json: the whole journey"
expect_json findings.0.touchpoints 0 "json: the whole journey"
expect_json findings.1.kind silo-handoff "json findings high first"
expect_json findings.1.severity high "json severity key"
expect_json findings.1.stage.name Descubrimiento "json handoff stage"
expect_json findings.1.touchpoints.1.name Demo "json handoff touchpoints"
expect_json findings.1.departments.0.name Marketing "json handoff from"
expect_json findings.1.departments.1.name Ventas "json handoff to"
expect_json findings.1.silo 1 "json silo id"
expect_json findings.2.kind unowned "json"
expect_json findings.2.touchpoints 1 "json unowned touchpoint"
expect_json findings.2.departments 0 "json unowned has no department"
expect_json findings.7.kind empty-stage "json"
expect_json findings.7.touchpoints 0 "json empty stage"
expect_json ownership.stages 4 "json ownership columns"
expect_json ownership.rows 6 "json ownership: every department and no owner"
expect_json ownership.rows.5.department null "json the no-owner row"
expect_json ownership.rows.5.counts.1 1 "json no-owner count"
expect_json ownership.rows.3.department.name Marketing "json rows by name"
expect_json ownership.rows.3.total 3 "json row total"
expect_json handoffs 2 "json handoff pairs"
expect_json handoffs.1.from.name Marketing "json handoff from"
expect_json handoffs.1.count 1 "json handoff count"
ok; if grep -q "$(printf '\033')" "$T/out"; then fail "json: raw escape character"; fi
expect_out 'EVIL\\u001b' "json escapes control characters"

run "$CXMAP" gaps --format json --fail-on gap --map Clean "$T/two.db"
expect_rc 0 "json, clean"
expect_json findings 1 "json, clean: no journey owner"
expect_json handoffs 0 "json, clean"
run "$CXMAP" gaps --format text --format json --fail-on concentration --map Rich "$T/two.db"
expect_rc 1 "json with --fail-on"
expect_json counts.concentration 2 "the last --format wins"

# --- read-only files are reported and left alone ---
cp "$T/one.db" "$T/ro.db"
chmod 444 "$T/ro.db"
cp "$T/ro.db" "$T/ro.orig"
run "$CXMAP" gaps "$T/ro.db"
expect_rc 0 "gaps on a read-only file"
expect_out "^Findings: 5$" "gaps on a read-only file"
cmp -s "$T/ro.db" "$T/ro.orig" || fail "gaps changed a read-only file"
[ ! -e "$T/ro.db-wal" ] || fail "gaps left a -wal file"

# --- the default file ---
mkdir -p "$T/xdg/cxmap"
"$FIXTURE" "$T/xdg/cxmap/maps.db" "Default map"
XDG_DATA_HOME="$T/xdg" run "$CXMAP" gaps --fail-on gap
expect_rc 1 "gaps on the default file"
expect_out "^Map 'Default map'$" "gaps on the default file"

finish
