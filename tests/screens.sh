#!/bin/sh
# screens.sh - the golden screens: runs every scenario of tests/screens/
# (NAME.keys) on a headless screen (tests/golden) and compares what it
# shows with NAME.screen, printing a unified diff where they differ.
# With SCREENS_UPDATE=1 (`make screens-update`) it writes the expected
# files anew instead and shows which changed.  Spanish scenarios are
# skipped where the es_ES.UTF-8 locale or msgfmt is missing.
set -u
: "${top_srcdir:?run me through make check or make screens-update}"
: "${CXMAP:=}"
GOLDEN=${GOLDEN:-$(dirname "$(dirname "$CXMAP")")/tests/golden}
dir=$top_srcdir/tests/screens
T=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-screens-XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir "$T/out"

# Spanish: the locale (generated when missing and we may) and the
# catalogue of this tree
es=yes
if ! locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8'; then
	if [ "$(id -u)" -eq 0 ] && command -v localedef >/dev/null 2>&1; then
		localedef -i es_ES -c -f UTF-8 es_ES.UTF-8 2>/dev/null || true
	fi
	locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || es=no
fi
if [ $es = yes ] && command -v msgfmt >/dev/null 2>&1; then
	mkdir -p "$T/locale/es/LC_MESSAGES"
	msgfmt -o "$T/locale/es/LC_MESSAGES/cxmap.mo" "$top_srcdir/po/es.po" || es=no
	CXMAP_LOCALEDIR=$T/locale
	export CXMAP_LOCALEDIR
else
	es=no
fi

set --
for k in "$dir"/*.keys; do
	if [ $es = no ] && grep -q '^lang es' "$k"; then
		echo "SKIP $(basename "$k" .keys): no es_ES.UTF-8 locale or msgfmt"
		continue
	fi
	set -- "$@" "$k"
done
status=0
"$GOLDEN" "$T/out" "$@" || status=1

fails=0
n=0
changed=0
for k in "$@"; do
	name=$(basename "$k" .keys)
	got=$T/out/$name.screen
	want=$dir/$name.screen
	[ -f "$got" ] || continue	# skipped, or said why above
	n=$((n + 1))
	if [ "${SCREENS_UPDATE:-}" = 1 ]; then
		if ! cmp -s "$got" "$want" 2>/dev/null; then
			cp "$got" "$want"
			changed=$((changed + 1))
		fi
	elif ! diff -u -L "tests/screens/$name.screen (expected)" \
		-L "$name.screen (now)" "$want" "$got"; then
		echo "FAIL: $name: the screen differs from tests/screens/$name.screen"
		fails=$((fails + 1))
	fi
done

if [ "${SCREENS_UPDATE:-}" = 1 ]; then
	# expected files whose scenario is gone
	for s in "$dir"/*.screen; do
		[ -f "$s" ] && [ ! -f "${s%.screen}.keys" ] && rm -f "$s"
	done
	echo "screens-update: $n screens, $changed written anew"
	# what now differs from the last commit: review it, then commit it
	(cd "$top_srcdir" && git status --short -- tests/screens | grep -v '^ M' ;
		git --no-pager diff --stat -- tests/screens) 2>/dev/null
	exit $status
fi
echo "screens.sh: $n checks, $fails failed"
[ $fails -eq 0 ] && [ $status -eq 0 ]
