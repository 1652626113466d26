#!/bin/sh
# keys.sh - the man page, --help and the help screen list the same keys:
# all three come from src/ui/actions.def, and the man page's copy must be
# the generated one.
. "$top_srcdir/tests/lib.sh"
export LC_ALL=C
man="$top_srcdir/doc/cxmap.1"

"$CXMAP" --keys-man >"$T/generated" || fail "--keys-man failed"
sed -n '/^\.\\" KEYS BEGIN/,/^\.\\" KEYS END/p' "$man" | sed '1d;$d' >"$T/inman"
ok
if ! cmp -s "$T/generated" "$T/inman"; then
	fail "doc/cxmap.1 KEYS section differs from 'cxmap --keys-man' (regenerate it):"
	diff "$T/inman" "$T/generated" | head -20
fi

# every key name of the man page is in --help too
run "$CXMAP" --help
expect_rc 0 "--help"
grep '^\.B ' "$T/generated" | sed 's/^\.B //; s/\\-/-/g' >"$T/keys"
[ -s "$T/keys" ] || fail "no keys generated"
while IFS= read -r k; do
	ok
	grep -qF -- "  $k " "$T/out" || fail "--help does not list key '$k'"
done <"$T/keys"
expect_out "Keys in the interface" "--help has a key section"
# the man page lints clean
if command -v groff >/dev/null 2>&1; then
	ok
	out=$(groff -man -ww -z "$man" 2>&1)
	[ -z "$out" ] || fail "groff -man -ww: $out"
fi
if command -v mandoc >/dev/null 2>&1; then
	ok
	out=$(mandoc -Tlint "$man" 2>&1)
	[ -z "$out" ] || fail "mandoc -Tlint: $out"
fi
finish
