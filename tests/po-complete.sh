#!/bin/sh
# po-complete.sh - the Spanish catalogue stays complete: no untranslated
# or fuzzy message, and every format string matches its original.
. "$top_srcdir/tests/lib.sh"
po="$top_srcdir/po/es.po"
ok
if ! command -v msgfmt >/dev/null 2>&1; then
	echo "SKIP: msgfmt is not installed"
	exit 77
fi
stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1) || fail "msgfmt --check: $stats"
case "$stats" in
*untranslated*|*fuzzy*) fail "po/es.po is incomplete: $stats" ;;
esac
# every message in the sources is in the catalogue
if command -v xgettext >/dev/null 2>&1; then
	ok
	(cd "$top_srcdir" && grep -v '^#' po/POTFILES.in | grep . |
	 xargs xgettext --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
		--from-code=UTF-8 -o "$T/all.pot") || fail "xgettext failed"
	msgcmp --use-untranslated "$po" "$T/all.pot" 2>"$T/err" ||
		fail "messages missing from po/es.po: $(cat "$T/err")"
	# and every file with _() is listed in POTFILES.in
	for f in $(cd "$top_srcdir" && grep -rl '_("' src); do
		grep -qx "$f" "$top_srcdir/po/POTFILES.in" || fail "$f is not in po/POTFILES.in"
	done
fi
finish
