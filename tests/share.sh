#!/bin/sh
# share.sh - several people on one file: four writers at once make
# thousands of edits, some on a stale screen; every acknowledged edit is
# in the file and its history, stale ones are refused rather than
# overwriting, and kill -9 of writers in mid-edit loses nothing that was
# acknowledged.  tests/storm does the edits and the checking.
. "$top_srcdir/tests/lib.sh"
STORM=$(dirname "$CXMAP")/../tests/storm
DB=$T/team.cxmap
WRITERS=4
EDITS=${SHARE_EDITS:-1000}

"$STORM" init "$DB" Team 4 >"$T/init.log" || fail "storm init"

# --- writers at once: nothing lost, nothing silently overwritten ---
pids=""
w=1
while [ "$w" -le "$WRITERS" ]; do
	"$STORM" run "$DB" Team "$w" "$EDITS" "$w" >"$T/w$w.log" 2>"$T/w$w.err" &
	pids="$pids $!"
	w=$((w + 1))
done
for p in $pids; do
	ok; wait "$p" || fail "a writer stopped: $(cat "$T"/w*.err)"
done
run "$STORM" check "$DB" Team "$T/init.log" "$T"/w[0-9]*.log
expect_rc 0 "$WRITERS writers at once: the file holds every acknowledged edit"
expect_out ": ok$" "$WRITERS writers at once"
ok; grep -q "database is locked" "$T"/w*.err && fail "a writer saw 'database is locked'"
acks=$(cat "$T"/w[0-9]*.log | grep -c '^ack')
conflicts=$(cat "$T"/w[0-9]*.log | grep -c '^refused	conflict')
ok; [ "$acks" -ge $((WRITERS * EDITS * 8 / 10)) ] ||
	fail "only $acks of $((WRITERS * EDITS)) edits acknowledged"
ok; [ "$conflicts" -gt 0 ] || fail "no stale edit was refused: the check was not exercised"
printf 'share.sh: %s edits acknowledged, %s stale ones refused\n' "$acks" "$conflicts"

# --- kill -9 in mid-edit, again and again ---
# Each killed writer may have committed one edit it never acknowledged;
# storm check -k allows that many, and no more.
kills=0
round=1
while [ "$round" -le 5 ]; do
	"$STORM" run "$DB" Team $((10 + round)) 1000000 "$round" \
		>"$T/k1-$round.log" 2>/dev/null &
	a=$!
	"$STORM" run "$DB" Team $((20 + round)) 1000000 $((round + 7)) \
		>"$T/k2-$round.log" 2>/dev/null &
	b=$!
	# let both get going, then cut them off at different moments
	n=0
	while [ ! -s "$T/k1-$round.log" ] || [ ! -s "$T/k2-$round.log" ]; do
		n=$((n + 1))
		[ "$n" -lt 200 ] || break
		sleep 0.05
	done
	sleep "0.$((round + 1))"
	kill -9 "$a"
	sleep 0.05
	kill -9 "$b"
	{ wait "$a" "$b"; } 2>/dev/null
	kills=$((kills + 2))
	run "$STORM" check "$DB" Team -k "$kills" "$T/init.log" "$T"/w[0-9]*.log \
		"$T"/k*.log
	expect_rc 0 "kill -9, round $round: every acknowledged edit is there"
	expect_out ": ok$" "kill -9, round $round"
	round=$((round + 1))
done
tail -n 1 "$T/out" | sed 's/^/share.sh: /'

# after the crashes the file works as before
"$STORM" run "$DB" Team 99 200 99 >"$T/after.log" 2>"$T/after.err"
rc=$?
expect_rc 0 "writing after the crashes"
run "$CXMAP" list "$DB"
expect_rc 0 "list after the crashes"
expect_out "^Team	" "list after the crashes"
finish
