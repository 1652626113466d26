#!/bin/sh
# ui-names.sh - names typed in the interface follow the same rule as
# imported ones: Unicode white space and zero-width characters are trimmed,
# and a name that shows nothing is refused.
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C.UTF-8
DB="$T/names.db"
NBSP=$(printf '\302\240')
IDSP=$(printf '\343\200\200')
ZWSP=$(printf '\342\200\213')

ui_start 80 24 "$DB"
expect_screen "press A to add the first stage" "empty map"
# only invisible characters: refused, the prompt stays open
ui_keys A; ui_type "$NBSP$IDSP$ZWSP"; ui_keys Enter
expect_screen "Name of the new stage:" "an invisible name is refused"
ui_keys Escape
# spaces of any kind around a name go
ui_keys A; ui_type "$IDSP${ZWSP}Padded$NBSP"; ui_keys Enter
expect_screen "Padded (0)" "a padded name is saved"
ui_keys a; ui_type "${NBSP}Call$IDSP"; ui_keys Enter
expect_screen "Padded (1)" "a padded touchpoint name is saved"
run "$CXMAP" export -f json "$DB"
expect_rc 0 "export"
ok; n=$(grep -c '"name"' "$T/out")
[ "$n" -eq 3 ] || fail "want the map, one stage and one touchpoint: $(cat "$T/out")"
expect_out '^      "name": "Padded",$' "the stage name is trimmed"
expect_out '^          "name": "Call",$' "the touchpoint name is trimmed"
ui_stop

finish
