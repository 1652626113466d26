#!/bin/sh
# cli.sh - the command line: exit statuses and messages, as a script or a
# person at a shell would meet them.
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
export LC_ALL=C

run "$CXMAP" --help
expect_rc 0 "--help"
expect_out "Usage: cxmap" "--help"
expect_out "list \[FILE\]" "--help lists the list command"
expect_out "XDG_DATA_HOME" "--help names the default file"

run "$CXMAP" --version
expect_rc 0 "--version"
expect_out "^cxmap [0-9]" "--version"

run "$CXMAP" --frobnicate
expect_rc 2 "unknown option"
expect_err "Try 'cxmap --help'" "unknown option"
expect_no_out "unknown option"

run "$CXMAP" lsit
expect_rc 2 "mistyped command"
expect_err "unknown command 'lsit'" "mistyped command"
[ ! -e lsit ] || fail "a mistyped command created a file"

run "$CXMAP" frob "$T/a.db"
expect_rc 2 "unknown command with a file"
expect_err "unknown command 'frob'" "unknown command with a file"

run "$CXMAP" list --bogus
expect_rc 2 "list: unknown option"

run "$CXMAP" list a b
expect_rc 2 "list: too many arguments"

run "$CXMAP" list --help
expect_rc 0 "list --help"
expect_out "Usage: cxmap list" "list --help"

# missing file: named in the message, not created
run "$CXMAP" list "$T/missing.db"
expect_rc 1 "list on a missing file"
expect_err "missing.db: no such file" "list on a missing file"
[ ! -e "$T/missing.db" ] || fail "list created a file"

# a FIFO is refused at once, not waited on
mkfifo "$T/fifo"
run timeout 10 "$CXMAP" list "$T/fifo"
expect_rc 1 "list on a FIFO"
expect_err "fifo: not a cxmap file" "list on a FIFO"

# a symbolic link to a map file works like the file
"$FIXTURE" "$T/real.db" "Linked"
ln -s "$T/real.db" "$T/link.db"
run "$CXMAP" list "$T/link.db"
expect_rc 0 "list through a symbolic link"
expect_out "^Linked	" "list through a symbolic link"

# output that cannot be written is an error, not a silent success
if [ -w /dev/full ]; then
	run sh -c "'$CXMAP' --help >/dev/full"
	expect_rc 1 "--help to a full disk"
	expect_err "write error" "--help to a full disk"
	run sh -c "'$CXMAP' export '$T/real.db' >/dev/full"
	expect_rc 1 "export to a full disk"
fi

# export -o keeps a symbolic link (writing its target) and writes into a
# FIFO rather than replacing it
echo old >"$T/target.md"
ln -s "$T/target.md" "$T/out-link.md"
run "$CXMAP" export -o "$T/out-link.md" "$T/real.db"
expect_rc 0 "export through a symbolic link"
ok; [ -L "$T/out-link.md" ] || fail "the link was replaced by a file"
ok; grep -q "^# Linked" "$T/target.md" || fail "the link's target was not written"
mkfifo "$T/out-fifo"
cat "$T/out-fifo" >"$T/from-fifo" &
reader=$!
# cxmap refuses a FIFO nobody reads (ENXIO at once), so wait until cat
# is in its open, which waits for a writer (Linux shows that in wchan)
for _ in $(seq 50); do
	[ -r /proc/$reader/wchan ] || { sleep 1; break; }
	[ "$(cat /proc/$reader/wchan)" = wait_for_partner ] && break
	sleep 0.1
done
run timeout 10 "$CXMAP" export -o "$T/out-fifo" "$T/real.db"
expect_rc 0 "export into a FIFO"
wait
ok; [ -p "$T/out-fifo" ] || fail "the FIFO was replaced by a file"
ok; grep -q "^# Linked" "$T/from-fifo" || fail "nothing came out of the FIFO"

# --all writes a JSON array even for one map
run "$CXMAP" export --all --format json "$T/real.db"
expect_out "^\[" "export --all is an array"

# cxmap gaps --format json escapes what cJSON would copy raw
"$FIXTURE" "$T/c1.db" "$(printf 'N\302\23331mX\177\342\200\256')"
run "$CXMAP" gaps --format json "$T/c1.db"
expect_rc 0 "gaps json on hostile names"
ok; if LC_ALL=C grep -q "$(printf '\302\233')" "$T/out"; then fail "a C1 control reached stdout"; fi
expect_out 'u009b' "the C1 control is escaped"
expect_out 'u202e' "the bidi override is escaped"

# a new file in a folder that is not there
run "$CXMAP" new "$T/no/such/folder/maps.db"
expect_rc 1 "new file in a missing folder"
expect_err "maps.db: its folder does not exist" "new file in a missing folder"

# not a database: named, refused, untouched
printf 'shopping list\n- milk\n' >"$T/notes.txt"
cp "$T/notes.txt" "$T/notes.orig"
run "$CXMAP" list "$T/notes.txt"
expect_rc 1 "list on a text file"
expect_err "notes.txt: not a cxmap file" "list on a text file"
cmp -s "$T/notes.txt" "$T/notes.orig" || fail "the text file was changed"

# a real file: one line per map with its counts
"$FIXTURE" "$T/maps.db" "B2B onboarding" && "$FIXTURE" "$T/maps.db" "Retail"
run "$CXMAP" list "$T/maps.db"
expect_rc 0 "list"
expect_lines 2 "list prints a line per map"
expect_out "^B2B onboarding	3 stages	3 touchpoints	1 unowned	1 open gap	1 open silo$" "list counts"
expect_out "^Retail	" "list shows the second map"

# the default file comes from XDG_DATA_HOME
mkdir -p "$T/xdg/cxmap"
"$FIXTURE" "$T/xdg/cxmap/maps.db" "Default map"
XDG_DATA_HOME="$T/xdg" run "$CXMAP" list
expect_rc 0 "list on the default file"
expect_out "^Default map	" "list on the default file"

# hostile names never reach the terminal raw
"$FIXTURE" "$T/evil.db" "$(printf 'Evil\033[2J\033]0;pwned\007name')"
run "$CXMAP" list "$T/evil.db"
expect_rc 0 "list with escape sequences in a name"
ok; if grep -q "$(printf '\033')" "$T/out"; then fail "an escape character reached stdout"; fi
expect_out 'Evil\\x1b\[2J' "escape shown as text"

# a read-only file still lists
chmod 444 "$T/maps.db"
run "$CXMAP" list "$T/maps.db"
expect_rc 0 "list on a read-only file"
expect_lines 2 "list on a read-only file"

# the build tree's own binary finds the tree's templates and catalogue
# with nothing set (make check sets CXMAP_DATADIR: unset here)
run env -u CXMAP_DATADIR -u CXMAP_LOCALEDIR "$CXMAP" new --list-templates
expect_rc 0 "build tree: --list-templates with nothing set"
expect_out "^b2b-saas" "build tree: --list-templates with nothing set"
run env -u CXMAP_DATADIR -u CXMAP_LOCALEDIR "$CXMAP" new --template demo \
	"$T/tree-demo.db"
expect_rc 0 "build tree: a map from a template with nothing set"
if locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8'; then
	run env -u CXMAP_DATADIR -u CXMAP_LOCALEDIR LANG=es_ES.UTF-8 \
		LC_ALL=es_ES.UTF-8 LANGUAGE= "$CXMAP" --help
	expect_out "^Uso: cxmap" "build tree: Spanish with nothing set"
	run env -u CXMAP_DATADIR -u CXMAP_LOCALEDIR LANG=es_ES.UTF-8 \
		LC_ALL=es_ES.UTF-8 LANGUAGE= "$CXMAP" new --list-templates
	expect_out "Recorrido" "build tree: Spanish template titles"
fi
# the build tree's catalogue is today's po/es.po, every message of it (not
# a .gmo left from an earlier build)
if command -v msgunfmt >/dev/null 2>&1; then
	mo=$(dirname "$CXMAP")/../po/locale/es/LC_MESSAGES/cxmap.mo
	msgfmt -o "$T/es.mo" "$top_srcdir/po/es.po"
	msgunfmt "$T/es.mo" >"$T/want.po"
	run msgunfmt "$mo"
	ok; cmp -s "$T/out" "$T/want.po" ||
		fail "build tree: po/locale/es is not po/es.po as it is now"
fi
# a copy of the binary elsewhere is not the build tree's: it looks only
# where cxmap is installed (and says where it looked)
cp "$CXMAP" "$T/cxmap-copy"
run env -u CXMAP_DATADIR -u CXMAP_LOCALEDIR "$T/cxmap-copy" new --list-templates
ok; case $(cat "$T/out" "$T/err") in
*"$top_srcdir/data"*) fail "a copy outside the build tree read its data/" ;;
esac

finish
