#!/bin/sh
# share-group.sh - a team's file: group-writable, in a setgid folder.  Two
# members of the group write it, at once and one after the other, even
# when one has a private umask or was killed leaving its -wal and -shm
# behind; a user outside the group can read it and cannot change it.
# Needs root to make the users (skipped otherwise).
. "$top_srcdir/tests/lib.sh"
if [ "$(id -u)" -ne 0 ]; then
	echo "share-group.sh: SKIP: needs root to create test users and a group"
	exit 77
fi
for tool in useradd userdel groupadd groupdel setpriv stat; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "share-group.sh: SKIP: $tool is missing"
		exit 77
	fi
done

G=cxg$$ A=cxa$$ B=cxb$$ C=cxc$$
BG=""	# writers started in the background, stopped before userdel
cleanup() {
	for p in $BG; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	for u in "$A" "$B" "$C"; do userdel "$u" 2>/dev/null; done
	groupdel "$G" 2>/dev/null
	chmod -R u+rwx "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
groupadd "$G" &&
	useradd -M -N -g "$G" -d / -s /bin/sh "$A" &&
	useradd -M -N -g "$G" -d / -s /bin/sh "$B" &&
	useradd -M -N -d / -s /bin/sh "$C" || { echo "cannot create users"; exit 99; }

# The programs and the folder must be reachable by the test users.
chmod 755 "$T"
mkdir "$T/bin" "$T/team"
cp "$(dirname "$CXMAP")/../tests/storm" "$CXMAP" "$T/bin/"
chmod 755 "$T/bin" "$T/bin/storm" "$T/bin/cxmap"
chgrp "$G" "$T/team"
chmod 2775 "$T/team"
DB=$T/team/journey.cxmap

# as USER UMASK CMD...: runs CMD as USER with their groups and that umask;
# it replaces the (sub)shell it runs in, so "(as ...) &" leaves the
# command's own pid in $!.
as() {
	user=$1 mask=$2
	shift 2
	exec setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups \
		sh -c 'umask "$0"; exec "$@"' "$mask" "$@"
}

(as "$A" 002 "$T/bin/storm" init "$DB" Team 3) >"$T/init.log"
rc=$?
expect_rc 0 "the first member creates the file"
ok; [ "$(stat -c '%a %G' "$DB")" = "664 $G" ] ||
	fail "new file is $(stat -c '%a %G' "$DB"), want 664 $G (umask 002, setgid folder)"

# both at once; B's umask would make private files, yet the companions
# take the file's mode and nobody is locked out
(as "$B" 077 "$T/bin/storm" run "$DB" Team 2 300 2) >"$T/b1.log" 2>"$T/b1.err" &
pb=$!
BG="$BG $pb"
(as "$A" 002 "$T/bin/storm" run "$DB" Team 1 300 1) >"$T/a1.log" 2>"$T/a1.err"
rc=$?
cp "$T/a1.err" "$T/err"
expect_rc 0 "A writes while B writes"
wait "$pb"
rc=$?
expect_rc 0 "B (umask 077) writes while A writes"
ok; [ ! -e "$DB-wal" ] || fail "the last one out left $DB-wal behind"

# B is killed in mid-edit: its -wal and -shm stay, owned by B
(as "$B" 077 "$T/bin/storm" run "$DB" Team 3 1000000 3) >"$T/b2.log" 2>/dev/null &
pb=$!
BG="$BG $pb"
n=0
while [ ! -s "$T/b2.log" ] && [ "$n" -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
sleep 0.3
kill -9 "$pb"
{ wait "$pb"; } 2>/dev/null
size=$(wc -c <"$T/b2.log")
sleep 0.2
ok; [ "$(wc -c <"$T/b2.log")" -eq "$size" ] || fail "B's writer is still running"
ok; [ "$(stat -c '%U %a %G' "$DB-shm")" = "$B 664 $G" ] ||
	fail "B's -shm is $(stat -c '%U %a %G' "$DB-shm"), want $B 664 $G"

# a user outside the group reads it -- even now -- and changes nothing
ls -la "$T/team" >"$T/before"
(as "$C" 022 "$T/bin/cxmap" list "$DB") >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "a user outside the group lists the file"
expect_out "^Team	" "a user outside the group lists the file"
ls -la "$T/team" >"$T/after"
ok; cmp -s "$T/before" "$T/after" || fail "the reader changed the folder: $(diff "$T/before" "$T/after")"

# and A still writes after B's crash
(as "$A" 002 "$T/bin/storm" run "$DB" Team 4 300 4) >"$T/a2.log" 2>"$T/a2.err"
rc=$?
expect_rc 0 "A writes after B was killed (B's -shm in place)"

run "$T/bin/storm" check "$DB" Team -k 1 "$T/init.log" "$T/a1.log" \
	"$T/b1.log" "$T/b2.log" "$T/a2.log"
expect_rc 0 "every acknowledged edit of both members is there"
expect_out ": ok$" "both members' edits"
expect_out "^users:.* $A" "the history names $A"
expect_out "^users:.* $B" "the history names $B"
ok; [ "$(stat -c '%U %a %G' "$DB")" = "$A 664 $G" ] ||
	fail "the file is now $(stat -c '%U %a %G' "$DB"): cxmap changed its mode or owner"
finish
