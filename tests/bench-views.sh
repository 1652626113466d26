#!/bin/sh
# bench-views.sh - what one cursor move costs in the maps, departments and
# history views, at 10 and at 1,000 maps, departments and history rows:
# instructions per key (callgrind, counting only bench_view_keys) when
# valgrind is there, and microseconds per key (best of 5) always.
#   sh tests/bench-views.sh [path/to/tests/bench]
bench=${1:-tests/bench}
keys=12
printf '%-12s %6s %14s %10s\n' view rows "instr/key" "us/key"
for v in m:maps D:departments w:history; do
	key=${v%%:*} name=${v#*:}
	for rows in 10 1000; do
		us=$("$bench" views "$key" $rows 60)
		ir=-
		if command -v valgrind >/dev/null 2>&1; then
			out=$(mktemp)
			valgrind --tool=callgrind --callgrind-out-file="$out" \
				--toggle-collect=bench_view_keys \
				"$bench" views "$key" $rows $keys >/dev/null 2>&1
			total=$(sed -n 's/^summary: *//p; s/^totals: *//p' "$out" | head -1)
			rm -f "$out"
			# five rounds of $keys keys ran under collection
			[ -n "$total" ] && ir=$((total / (5 * keys)))
		fi
		printf '%-12s %6s %14s %10s\n' "$name" $rows "$ir" "$us"
	done
done
