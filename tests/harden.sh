#!/bin/sh
# harden.sh - the races and faults of issue 17, as a person meets them:
# two runs creating one file at once, bad values in a file, locks held by
# another program, files deleted or replaced under the interface,
# permissions of the default file, export -o over odd targets.
. "$top_srcdir/tests/lib.sh"
BIN=$(dirname "$CXMAP")/../tests
FIXTURE=$BIN/fixture
export LC_ALL=C
for tool in sqlite3 tmux mkfifo timeout stat; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "harden.sh: SKIP: $tool is missing"
		exit 77
	fi
done

# no_crash WHAT: the last run exited normally, not killed by a signal
no_crash() { ok; [ "$rc" -lt 128 ] || fail "$1: killed by signal $((rc - 128)) (stderr: $(cat "$T/err"))"; }

# --- values out of range in a file: every reader says which row ---
F=$T/bad.db
"$FIXTURE" "$F" >/dev/null
sqlite3 "$F" "PRAGMA ignore_check_constraints = 1; UPDATE gap SET severity = 100000000;"
for cmd in "gaps" "export" "export --format json"; do
	run $CXMAP $cmd "$F"
	no_crash "$cmd on a bad severity"
	expect_rc 1 "$cmd on a bad severity"
	expect_err "severity is 100000000, not 0 to 2" "$cmd names the value"
done
chmod a-w "$F"
run $CXMAP gaps "$F"
no_crash "gaps on a read-only file with a bad severity"
expect_err "gap [0-9]*: severity" "gaps names the row"
chmod u+w "$F"

# --- two runs making one missing file at once (item 1) ---
# every run that said it saved its map left it in the file, and no
# temporary file is left over
"$FIXTURE" "$T/src.db" "Shared" >/dev/null
$CXMAP export --format json "$T/src.db" >"$T/doc.json"
race_lost=0 race_left=0
race() {	# race ROUND CMD-A CMD-B MAP-A MAP-B
	f=$T/race$1.db
	sh -c "$2" >/dev/null 2>"$T/race-a" &
	pa=$!
	sh -c "$3" >/dev/null 2>"$T/race-b" &
	pb=$!
	wait $pa; ra=$?
	wait $pb; rb=$?
	$CXMAP list "$f" >"$T/race-list" 2>&1
	if [ $ra -eq 0 ] && ! grep -q "^$4	" "$T/race-list"; then
		race_lost=$((race_lost + 1))
	fi
	if [ $rb -eq 0 ] && ! grep -q "^$5	" "$T/race-list"; then
		race_lost=$((race_lost + 1))
	fi
	[ $ra -eq 0 ] || [ $rb -eq 0 ] || race_lost=$((race_lost + 1))
	for x in "$f".new-*; do [ -e "$x" ] && race_left=$((race_left + 1)); done
}
i=0
while [ $i -lt 25 ]; do
	f=$T/race$i.db
	race $i "'$CXMAP' new '$f'" "'$CXMAP' new '$f'" "New map" "New map"
	i=$((i + 1))
done
ok; [ $race_lost -eq 0 ] || fail "two new at once: $race_lost saved maps lost"
while [ $i -lt 50 ]; do
	f=$T/race$i.db
	race $i "'$CXMAP' import '$f' '$T/doc.json'" "'$CXMAP' import '$f' '$T/doc.json'" Shared Shared
	i=$((i + 1))
done
ok; [ $race_lost -eq 0 ] || fail "two imports at once: $race_lost saved maps lost"
ok; [ $race_left -eq 0 ] || fail "racing runs left $race_left temporary files"

# a run that fails leaves no file, not even an empty one
run sh -c "ulimit -f 2; trap '' XFSZ; '$CXMAP' new '$T/full.db'"
expect_rc 1 "new on a full disk"
ok; [ ! -e "$T/full.db" ] || fail "new on a full disk left $(ls -l "$T/full.db")"
ok; [ -z "$(ls "$T" | grep 'full.db.new')" ] || fail "new on a full disk left a temporary file"
run sh -c "ulimit -f 2; trap '' XFSZ; '$CXMAP' import '$T/full2.db' '$T/doc.json'"
expect_rc 1 "import on a full disk"
ok; [ ! -e "$T/full2.db" ] || fail "import on a full disk left a file"

# --- the default file is private; a file named follows the umask (item 6) ---
mode() { stat -c %a "$1"; }
mkdir "$T/home"
umask 022
UI_ENV="HOME='$T/home' XDG_DATA_HOME=" ui_start 80 24
expect_screen "maps.db" "the interface on the default file"
ui_keys q
expect_screen "CXMAP-EXIT=0" "the interface quits"
ui_stop
for d in .local .local/share .local/share/cxmap; do
	ok; [ "$(mode "$T/home/$d")" = 700 ] || fail "$d made $(mode "$T/home/$d"), want 700"
done
ok; [ "$(mode "$T/home/.local/share/cxmap/maps.db")" = 600 ] ||
	fail "the default file is $(mode "$T/home/.local/share/cxmap/maps.db"), want 600"
mkdir -m 755 "$T/xdg"
UI_ENV="XDG_DATA_HOME='$T/xdg'" ui_start 80 24
expect_screen "maps.db" "the interface on \$XDG_DATA_HOME"
ui_keys q
expect_screen "CXMAP-EXIT=0" "the interface quits"
ui_stop
ok; [ "$(mode "$T/xdg")" = 755 ] || fail "an existing \$XDG_DATA_HOME changed to $(mode "$T/xdg")"
ok; [ "$(mode "$T/xdg/cxmap")" = 700 ] || fail "\$XDG_DATA_HOME/cxmap is $(mode "$T/xdg/cxmap"), want 700"
ok; [ "$(mode "$T/xdg/cxmap/maps.db")" = 600 ] || fail "the default file is $(mode "$T/xdg/cxmap/maps.db"), want 600"
umask 002
run $CXMAP new "$T/team.db"
ok; [ "$(mode "$T/team.db")" = 664 ] || fail "a file named is $(mode "$T/team.db") under umask 002, want 664"
umask 022

# --- the interface's file deleted or replaced under it (item 2) ---
F=$T/gone.db
$CXMAP new --map Gone "$F" >/dev/null
ui_start 100 30 "$F"
expect_screen "Gone" "the interface on a file"
rm -f "$F" "$F-wal" "$F-shm"
expect_screen "deleted or replaced by another program" "the interface notices its file deleted"
ui_keys A; ui_type "Lost stage"; ui_keys Enter
expect_screen "Not saved:" "an edit after the file was deleted is refused"
ui_stop
ok; [ ! -e "$F" ] || fail "the deleted file came back"
$CXMAP new --map Gone "$F" >/dev/null
cp "$F" "$T/backup.db"
ui_start 100 30 "$F"
expect_screen "Gone" "the interface on a file"
ui_keys A; ui_type "Kept stage"; ui_keys Enter
expect_screen "Kept stage" "a stage before the restore"
mv "$T/backup.db" "$F"
expect_screen "deleted or replaced by another program" "the interface notices a backup restored over its file"
ui_keys A; ui_type "Mixed stage"; ui_keys Enter
expect_screen "Not saved:" "an edit after the restore is refused"
ui_keys q
expect_screen "CXMAP-EXIT=" "the interface quits"
ui_stop
run $CXMAP export "$F"
expect_rc 0 "the restored file reads"
ok; ! grep -q "Mixed stage" "$T/out" || fail "the edit after the restore went into the restored file"
run sqlite3 "$F" "PRAGMA integrity_check"
expect_out "^ok$" "the restored file is whole"

# --- another program holding the lock (item 5) ---
# lock_take FILE SQL...: sqlite3 holds FILE's lock until lock_drop
lock_take() {
	rm -f "$T/lockin" "$T/lockout"
	mkfifo "$T/lockin"
	sqlite3 "$1" <"$T/lockin" >"$T/lockout" 2>&1 &
	LOCKPID=$!
	exec 3>"$T/lockin"
	shift
	printf '%s\n' "$@" "SELECT 'lock' || 'ed';" >&3
	i=0
	while [ $i -lt 50 ] && ! grep -q locked "$T/lockout"; do sleep 0.1; i=$((i + 1)); done
}
lock_drop() { exec 3>&-; wait "$LOCKPID"; }
# bg_says TEXT SECONDS: the command in the background ($BGPID,
# stderr in $T/bgerr) says TEXT within SECONDS
bg_says() {
	i=0
	while [ $i -lt $(($2 * 10)) ]; do
		grep -q -- "$1" "$T/bgerr" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
F=$T/locked.db
"$FIXTURE" "$F" >/dev/null
lock_take "$F" "PRAGMA locking_mode = EXCLUSIVE;" "BEGIN EXCLUSIVE;"
for cmd in list export "new --map Other"; do
	start=$(date +%s)
	: >"$T/bgerr"
	$CXMAP $cmd "$F" >/dev/null 2>"$T/bgerr" 3>&- &
	BGPID=$!
	ok; bg_says "the file is busy (held by another program)" 3 ||
		fail "$cmd behind a lock: nothing said within 3 s: $(cat "$T/bgerr")"
	# one waits the whole bound; the others have said enough
	[ "$cmd" = list ] || kill $BGPID
	wait $BGPID; rc=$?
	[ "$cmd" = list ] || continue
	took=$(($(date +%s) - start))
	expect_rc 1 "$cmd behind a lock"
	ok; grep -q "stayed locked" "$T/bgerr" || fail "$cmd behind a lock: $(cat "$T/bgerr")"
	ok; [ $took -le 13 ] || fail "$cmd behind a lock waited $took s"
done
lock_drop
run $CXMAP list "$F"
expect_rc 0 "list once the lock is gone"

# the interface starts at once behind a writer's lock, says within a
# second that the file is busy, and Esc stops waiting
lock_take "$F" "BEGIN EXCLUSIVE;"
ui_start 100 30 "$F" 3>&-
expect_screen "B2B onboarding" "the interface starts behind a lock"
ui_keys A; ui_type "Busy stage"; ui_keys Enter
expect_screen "The file is busy (held by another program)" "an edit behind a lock says so"
ui_keys Escape
expect_screen "stayed locked" "Esc stops waiting"
expect_no_screen "Busy stage (0)" "the refused stage is not shown"
lock_drop
# once the interface is seen in the file, a command behind a lock names
# who else has it open
i=0
while [ $i -lt 50 ] && [ "$(sqlite3 "$F" 'SELECT count(*) FROM presence')" = 0 ]; do
	sleep 0.1; i=$((i + 1))
done
lock_take "$F" "BEGIN EXCLUSIVE;"
: >"$T/bgerr"
$CXMAP new --map Other "$F" >/dev/null 2>"$T/bgerr" 3>&- &
BGPID=$!
ok; bg_says "the file is busy (in use by $(id -un))" 3 ||
	fail "new behind a lock with the interface open: $(cat "$T/bgerr")"
kill $BGPID; wait $BGPID
lock_drop
ui_keys A; ui_type "Free stage"; ui_keys Enter
expect_screen "Free stage" "an edit once the lock is gone"
ui_keys q
ui_stop

# --- a file whose tables do not match its version says which (item 7) ---
F=$T/schema.db
"$FIXTURE" "$F" >/dev/null
sqlite3 "$F" "DROP TABLE silo;"
for cmd in list export "new --map X"; do
	run $CXMAP $cmd "$F"
	expect_rc 1 "$cmd on a file without its silo table"
	expect_err "the table silo is missing" "$cmd names the missing table"
done

# --- a writable file in a folder that is not (item 7) ---
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	mkdir "$T/rodir"
	"$FIXTURE" "$T/rodir/f.db" >/dev/null
	chmod 666 "$T/rodir/f.db"
	chmod 755 "$T" "$T/rodir"
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	run as_nobody $CXMAP list "$T/rodir/f.db"
	expect_rc 0 "list in a folder that cannot be written"
	expect_out "B2B onboarding" "list in a folder that cannot be written"
	run as_nobody $CXMAP new --map X "$T/rodir/f.db"
	expect_rc 1 "new in a folder that cannot be written"
	expect_err "its folder cannot be written" "new says the folder is the problem"
	run as_nobody $CXMAP export "$T/rodir/f.db"
	expect_rc 0 "export in a folder that cannot be written"
fi

# --- export -o over odd targets (item 7) ---
F=$T/exp.db
"$FIXTURE" "$F" >/dev/null
mkdir "$T/o"
ln -s target.md "$T/o/dangling.md"
run $CXMAP export -o "$T/o/dangling.md" "$F"
expect_rc 0 "export through a dangling link"
ok; [ -L "$T/o/dangling.md" ] || fail "export replaced a dangling link with a file"
ok; grep -q "B2B onboarding" "$T/o/target.md" 2>/dev/null || fail "export did not make the link's target"
for comp in -wal -shm -journal; do
	[ -e "$F$comp" ] && cp "$F$comp" "$T/comp-before" || rm -f "$T/comp-before"
	run $CXMAP export -o "$F$comp" "$F"
	expect_rc 1 "export over the map file's $comp"
	expect_err "this is the map file" "export over $comp says why"
	if [ -e "$T/comp-before" ]; then
		ok; cmp -s "$T/comp-before" "$F$comp" || fail "export changed $F$comp"
	else
		ok; [ ! -e "$F$comp" ] || fail "export made $F$comp"
	fi
done
mkfifo "$T/o/pipe"
start=$(date +%s)
run timeout 10 $CXMAP export -o "$T/o/pipe" "$F"
expect_rc 1 "export into a pipe nobody reads"
expect_err "nothing reads this pipe" "export into a pipe says why"
ok; [ $(($(date +%s) - start)) -le 3 ] || fail "export into a pipe nobody reads waited"
echo old >"$T/o/ro.md"
chmod 444 "$T/o/ro.md"
run $CXMAP export -o "$T/o/ro.md" "$F"
expect_rc 1 "export over a read-only file"
expect_err "Permission denied" "export over a read-only file says why"
ok; [ "$(cat "$T/o/ro.md")" = old ] || fail "export replaced a read-only file"
if [ "$(id -u)" -eq 0 ]; then
	echo old >"$T/o/theirs.md"
	chown 65534:65534 "$T/o/theirs.md"
	chmod 640 "$T/o/theirs.md"
	run $CXMAP export -o "$T/o/theirs.md" "$F"
	expect_rc 0 "root exports over another user's file"
	ok; [ "$(stat -c %u:%g:%a "$T/o/theirs.md")" = 65534:65534:640 ] ||
		fail "root's export made the file $(stat -c %u:%g:%a "$T/o/theirs.md")"
fi

# --- U+2028 and U+2029 never reach a terminal or JSON raw (item 7) ---
F=$T/sep.db
"$FIXTURE" "$F" >/dev/null
sqlite3 "$F" "UPDATE stage SET name = 'Aware' || char(8232) || 'ness' WHERE pos = 1024;
UPDATE gap SET description = 'Line' || char(8233) || 'break';"
LS=$(printf '\342\200\250') PS=$(printf '\342\200\251')
for fmt in text json; do
	run $CXMAP gaps --format $fmt "$F"
	ok; ! grep -q "$LS\|$PS" "$T/out" || fail "gaps --format $fmt prints U+2028/U+2029 raw"
	expect_out 'u2029' "gaps --format $fmt shows the separator escaped"
done
run $CXMAP export --format json "$F"
ok; ! grep -q "$LS\|$PS" "$T/out" || fail "export --format json writes U+2028/U+2029 raw"

# --- a pasted DCS sequence leaves nothing in a name (item 7) ---
ui_start 100 30 "$F"
expect_screen "B2B onboarding" "the interface for a paste"
ui_keys A
tm send-keys -t 0 -H 1b 50 71 1b 5c
ui_type "Pasted"; ui_keys Enter
expect_screen "Pasted (0)" "a stage named after a DCS paste"
expect_no_screen '\Pasted' "the DCS terminator's backslash is not in the name"
ui_keys q
ui_stop

finish
