#!/bin/sh
# check-cmd.sh - `cxmap check` and damaged files: opening reads only what
# it shows, so damage is reported when it is read, naming `cxmap check`,
# which reads the whole file without writing a byte (issue 12 item 2).
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
export LC_ALL=C
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "check-cmd.sh: SKIP: sqlite3 is missing"
	exit 77
fi

# no file, no byte changed, no -wal or -shm made
unchanged() {
	ok; cmp -s "$1" "$T/before" || fail "$2: the file was changed"
	ok; [ ! -e "$1-wal" ] && [ ! -e "$1-shm" ] || fail "$2: -wal or -shm left"
}

run "$CXMAP" --help
expect_out "check \[--full\] FILE" "--help lists check"
run "$CXMAP" check --help
expect_rc 0 "check --help"
expect_out "Exit status" "check --help says the exit statuses"
run "$CXMAP" check
expect_rc 2 "check without FILE"
run "$CXMAP" check --bogus "$T/x.db"
expect_rc 2 "check: unknown option"
run "$CXMAP" check "$T/none.db"
expect_rc 1 "check: no such file"
expect_err "no such file" "check: no such file"
[ ! -e "$T/none.db" ] || fail "check made a file"

# a sound file: "ok", 0, nothing written, nothing on stderr in a script
"$FIXTURE" "$T/good.db" "Onboarding" && "$FIXTURE" "$T/good.db" "Retail"
cp "$T/good.db" "$T/before"
run "$CXMAP" check "$T/good.db"
expect_rc 0 "check of a sound file"
expect_out "^ok$" "check of a sound file"
ok; [ ! -s "$T/err" ] || fail "check printed on stderr in a script: $(cat "$T/err")"
unchanged "$T/good.db" "check of a sound file"
run "$CXMAP" check --full "$T/good.db"
expect_rc 0 "check --full of a sound file"
expect_out "^ok$" "check --full of a sound file"

# read-only, in a folder that cannot be written either
mkdir "$T/ro" && cp "$T/good.db" "$T/ro/m.db" && chmod a-w "$T/ro/m.db" "$T/ro"
run "$CXMAP" check "$T/ro/m.db"
expect_rc 0 "check of a read-only file"
expect_out "^ok$" "check of a read-only file"
chmod u+w "$T/ro"

# cxmap's own rules broken with sqlite3: said in words, exit 1
cp "$T/good.db" "$T/rules.db"
sqlite3 "$T/rules.db" "PRAGMA ignore_check_constraints = 1;
 UPDATE gap SET stage_id = (SELECT min(id) FROM stage)
  WHERE id = (SELECT min(id) FROM gap WHERE touchpoint_id IS NOT NULL);
 UPDATE touchpoint SET pos = 0 WHERE id = (SELECT max(id) FROM touchpoint);
 UPDATE department SET colour = 12 WHERE id = (SELECT min(id) FROM department);"
cp "$T/rules.db" "$T/before"
run "$CXMAP" check "$T/rules.db"
expect_rc 1 "check of broken rules"
expect_out "gap [0-9]* is at both stage [0-9]* and touchpoint [0-9]*" "a gap at a stage and a touchpoint"
expect_out "touchpoint [0-9]*: its position 0 is not a whole number above 0" "a position not above 0"
expect_out "department [0-9]*: colour is 12, not 0 to 7" "a colour out of range"
ok; ! grep -q "^ok$" "$T/out" || fail "check said ok about broken rules"
unchanged "$T/rules.db" "check of broken rules"

# the plan's rules (schema 5): a dangling reference, a value out of
# range, a day that does not exist
cp "$T/good.db" "$T/plan.db"
sqlite3 "$T/plan.db" "PRAGMA ignore_check_constraints = 1;
 INSERT INTO metric (map_id, touchpoint_id, name) VALUES
  ((SELECT min(id) FROM map), 4242, 'NPS');
 INSERT INTO action (map_id, title, impact, created) VALUES
  ((SELECT min(id) FROM map), 'Fix it', 7, 1700000000);
 INSERT INTO voice (map_id, stage_id, text, date) VALUES
  ((SELECT min(id) FROM map), (SELECT min(id) FROM stage), 'Slow',
   '2026-02-30');"
cp "$T/plan.db" "$T/before"
run "$CXMAP" check "$T/plan.db"
expect_rc 1 "check of broken plan rules"
expect_out "metric [0-9]* points to touchpoint 4242, which does not exist" "a metric on a missing touchpoint"
expect_out "action [0-9]*: impact is 7, which is out of range" "an impact out of range"
expect_out "voice [0-9]*: date is 2026-02-30, not a date (YYYY-MM-DD)" "a day that does not exist"
unchanged "$T/plan.db" "check of broken plan rules"

# a damaged page (the touchpoints' tree, zeroed) deep in a file whose
# size and header are right: opening reads only what it shows, so the
# damage is met when the map is read -- with words and the command
cp "$T/good.db" "$T/bad.db"
ps=$(sqlite3 "$T/bad.db" "PRAGMA page_size")
root=$(sqlite3 "$T/bad.db" "SELECT rootpage FROM sqlite_master WHERE name = 'touchpoint'")
dd if=/dev/zero of="$T/bad.db" bs="$ps" seek=$((root - 1)) count=1 conv=notrunc 2>/dev/null
cp "$T/bad.db" "$T/before"
run "$CXMAP" check "$T/bad.db"
expect_rc 1 "check of a damaged page"
expect_out "damaged: .*Page $root" "check names the damaged page"
unchanged "$T/bad.db" "check of a damaged page"
run "$CXMAP" export --map Retail --format json "$T/bad.db"
expect_rc 1 "export of a damaged map"
expect_err "damaged" "export of a damaged map"
expect_err "cxmap check FILE" "export of a damaged map names the command"
unchanged "$T/bad.db" "export of a damaged map"
printf '{"format":"cxmap-map","version":1,"name":"New","stages":[{"name":"S","touchpoints":[{"name":"T"}]}]}' >"$T/new.json"
run "$CXMAP" import "$T/bad.db" "$T/new.json"
expect_rc 1 "import into a damaged file"
expect_err "cxmap check FILE" "import into a damaged file names the command"
unchanged "$T/bad.db" "import into a damaged file"

# damage in one map's pages only: the other maps still open and export
# (the whole-file check on every open refused the file), the damaged one
# says so when it is read.  Needs SQLite's dbstat to find the page.
cp "$T/good.db" "$T/two.db"
sqlite3 "$T/two.db" "PRAGMA foreign_keys = ON;
 INSERT INTO map (name, created, updated) VALUES ('Big', 0, 0);
 INSERT INTO stage (map_id, pos, name) SELECT id, 0, 'S' FROM map WHERE name = 'Big';
 WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299)
 INSERT INTO touchpoint (stage_id, pos, name, notes)
  SELECT (SELECT s.id FROM stage s JOIN map m ON m.id = s.map_id
          WHERE m.name = 'Big'), i, 'T' || i, printf('%.2000c', 'n') FROM n;"
page=$(sqlite3 "$T/two.db" "SELECT pageno FROM dbstat WHERE name = 'touchpoint'
 AND pagetype = 'leaf' ORDER BY path DESC LIMIT 1" 2>/dev/null)
if [ -n "$page" ]; then
	ps=$(sqlite3 "$T/two.db" "PRAGMA page_size")
	dd if=/dev/zero of="$T/two.db" bs="$ps" seek=$((page - 1)) count=1 conv=notrunc 2>/dev/null
	cp "$T/two.db" "$T/before"
	run "$CXMAP" export --map Onboarding --format json "$T/two.db"
	expect_rc 0 "export of a sound map beside a damaged one"
	expect_out '"name": "Onboarding"' "export of a sound map beside a damaged one"
	run "$CXMAP" export --map Big --format json "$T/two.db"
	expect_rc 1 "export of the damaged map"
	expect_err "cxmap check FILE" "export of the damaged map names the command"
	unchanged "$T/two.db" "exports of a file damaged in one map"
	run "$CXMAP" check "$T/two.db"
	expect_rc 1 "check of a file damaged in one map"
	expect_out "damaged: " "check of a file damaged in one map"
fi

# a file cut short still gets the whole check on open (its size is not
# what its header says), and is refused untouched
cp "$T/good.db" "$T/short.db"
size=$(wc -c <"$T/short.db")
dd if="$T/good.db" of="$T/short.db" bs=$((size / 2)) count=1 2>/dev/null
cp "$T/short.db" "$T/before"
run "$CXMAP" list "$T/short.db"
expect_rc 1 "list of a file cut short"
expect_err "damaged" "list of a file cut short"
unchanged "$T/short.db" "list of a file cut short"
run "$CXMAP" check "$T/short.db"
expect_rc 1 "check of a file cut short"

finish
