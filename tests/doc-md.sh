#!/bin/sh
# doc-md.sh - the Markdown a manager reads: every export (the demo and
# the templates in English and Spanish, hostile names, export --all of a
# file of several maps, an empty map) passes markdownlint-cli2 with
# doc/markdownlint.jsonc and parses in cmark-gfm (GitHub's parser) as
# meant: no links made of names, whole tables, the sections in the
# documented order, the summary naming the worst problem, findings High
# before Medium before Low, and nothing left in English in Spanish.
. "$top_srcdir/tests/lib.sh"
srcdir=$top_srcdir
. "$top_srcdir/tests/lib-doc.sh"
need_markdownlint
need_cmark
unset LANGUAGE LANG LC_MESSAGES
export LC_ALL=C.UTF-8
# "overdue" and the demo's findings are against a fixed day
export CXMAP_TEST_NOW=1796040000 TZ=UTC

# the catalogue of this tree, as it will be installed
mkdir -p "$T/locale/es/LC_MESSAGES"
msgfmt -o "$T/locale/es/LC_MESSAGES/cxmap.mo" "$top_srcdir/po/es.po" ||
	fail "msgfmt failed"
export CXMAP_LOCALEDIR="$T/locale"
es() { LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 LANGUAGE= "$@"; }
have_es=false
locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' && have_es=true

gfm() { cmark-gfm -e table -e autolink -e tagfilter -e strikethrough "$@"; }

# export_to NAME CMD...: the Markdown a command writes, in $T/NAME.md
export_to() {
	name=$1
	shift
	"$@" >"$T/$name.md" 2>"$T/err"
	rc=$?
	expect_rc 0 "export $name"
}

# lint NAME: markdownlint-cli2's default rules pass
lint() {
	mdlint "$T/$1.md"
	ok; [ "$rc" -eq 0 ] || fail "$1: markdownlint-cli2 fails: $(cat "$T/mdlint")"
}

# parse NAME: cmark-gfm reads no link (but the contents') and no raw
# HTML into it, and every
# row of every table has its header's cells
parse() {
	gfm "$T/$1.md" >"$T/$1.html"
	# (the contents of export --all links to its own headings, only)
	ok; ! grep '<a ' "$T/$1.html" | grep -v '^<li><a href="#[^"]*">[^<]*</a></li>$' | grep -q . ||
		fail "$1: a link: $(grep '<a ' "$T/$1.html" | grep -v '^<li><a href="#' | head -3)"
	gfm -t xml "$T/$1.md" >"$T/$1.xml"
	ok; ! grep -q '<html_block\|<html_inline' "$T/$1.xml" || fail "$1: raw HTML"
	# a table row's cells against its header's (cmark-gfm pads short
	# rows and drops extra cells, so count in the Markdown itself)
	bad=$(awk '
		function cells(s,   n, i, c) {
			n = 0
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c == "\\") i++
				else if (c == "|") n++
			}
			return n
		}
		/^\|/ { n = cells($0); if (!in_t) want = n; in_t = 1
			if (n != want) print FILENAME ":" FNR ": " n " not " want; next }
		{ in_t = 0 }' "$T/$1.md")
	ok; [ -z "$bad" ] || fail "$1: a row with other cells than its header: $bad"
}

# headings NAME: the map's sections (level 2), in order, one a line
headings() { sed -n 's/^## //p' "$T/$1.md"; }

# in_order NAME HEADING...: those headings are there, in that order
in_order() {
	name=$1
	shift
	headings "$name" >"$T/heads"
	last=0
	for h in "$@"; do
		n=$(grep -n -x -F -- "$h" "$T/heads" | head -1 | cut -d: -f1)
		ok; if [ -z "$n" ]; then
			fail "$name: no heading '$h': $(tr '\n' '/' <"$T/heads")"
		elif [ "$n" -le "$last" ]; then
			fail "$name: '$h' out of order: $(tr '\n' '/' <"$T/heads")"
		else
			last=$n
		fi
	done
}

# --- the demo and the templates, in English and in Spanish -----------
for t in demo b2b-saas retail blank; do
	run "$CXMAP" new --template "$t" "$T/$t.cxmap"
	expect_rc 0 "new --template $t"
	export_to "$t" "$CXMAP" export "$T/$t.cxmap"
	lint "$t"
	parse "$t"
	if $have_es; then
		run es "$CXMAP" new --template "$t" "$T/$t-es.cxmap"
		expect_rc 0 "new --template $t in Spanish"
		export_to "$t-es" es "$CXMAP" export "$T/$t-es.cxmap"
		lint "$t-es"
		parse "$t-es"
	fi
done

# the demo reads top-down: summary first, the legend last
in_order demo Summary "About this journey" Journey Findings Ownership \
	Handoffs Gaps Silos Metrics Voices Actions "Decisions on findings" \
	Legend
ok; [ "$(headings demo | tail -1)" = Legend ] || fail "demo: the legend is not last"
# the summary names the worst problem, the first invoice nobody owns
sed -n '/^## Summary$/,/^## /p' "$T/demo.md" >"$T/summary"
ok; grep -q "^1\. \*\*High:\*\* 'First invoice'" "$T/summary" ||
	fail "the summary does not name the worst problem first: $(cat "$T/summary")"
ok; grep -q '^\*\*Journey owner:\*\* Elena Ruiz' "$T/summary" ||
	fail "the summary lacks the journey owner"
ok; grep -q '^- NPS: 32 — target ≥ 40 — \*\*off target\*\*$' "$T/summary" ||
	fail "the summary lacks the success metrics against target"
# findings: High, then Medium, then Low, each kind explained
sed -n '/^## Findings$/,/^## /p' "$T/demo.md" | sed -n 's/^### //p' >"$T/sev"
ok; [ "$(tr '\n' ' ' <"$T/sev")" = "High Medium " ] ||
	fail "the findings are not grouped High before Medium: $(cat "$T/sev")"
ok; grep -q '^- \*\*unowned\*\*: No department is accountable' "$T/demo.md" ||
	fail "the findings do not say what a kind means"
# a blank template says what is missing rather than leaving holes
in_order blank Summary Journey Findings Gaps Silos Legend
ok; grep -q '^\*\*Journey owner:\*\* _nobody is named' "$T/blank.md" ||
	fail "a missing journey owner is not said plainly: $(grep -i owner "$T/blank.md")"

if $have_es; then
	# nothing left in English in the Spanish demo: no English heading,
	# table header or summary label
	for h in Summary "About this journey" Journey Findings Ownership \
		Handoffs Gaps Metrics Voices Actions "Decisions on findings" \
		Legend High Medium Low; do
		ok; ! grep -q -x -F -- "## $h" "$T/demo-es.md" &&
			! grep -q -x -F -- "### $h" "$T/demo-es.md" ||
			fail "an English heading in the Spanish demo: $h"
	done
	for w in '| Touchpoint |' '| Where |' '| About |' '**Journey owner:**' \
		'Key figures:' 'The worst problems:' 'Success metrics:' \
		'Emotion, as'; do
		ok; ! grep -q -F -- "$w" "$T/demo-es.md" ||
			fail "English in the Spanish demo: $w"
	done
	in_order demo-es Resumen "Sobre este recorrido" Recorrido Hallazgos \
		Responsabilidades Traspasos Brechas Silos Métricas Voces \
		Acciones "Decisiones sobre los hallazgos" Leyenda
fi

# --- hostile names, a map of each kind in one file, --all -------------
for j in hostile escapes sample empty; do
	run "$CXMAP" import "$T/many.cxmap" "$top_srcdir/tests/data/export-$j.json"
	expect_rc 0 "import $j"
done
run "$CXMAP" new --template demo "$T/many.cxmap"
expect_rc 0 "the demo beside them"
run "$CXMAP" import "$T/hostile.cxmap" "$top_srcdir/tests/data/export-hostile.json"
expect_rc 0 "import the hostile map alone"
export_to hostile "$CXMAP" export "$T/hostile.cxmap"
export_to empty "$CXMAP" export --map Empty "$T/many.cxmap"
export_to all "$CXMAP" export --all "$T/many.cxmap"
for f in hostile empty all; do
	lint "$f"
	parse "$f"
done
ok; grep -q '^# Q3 ' "$T/hostile.md" || fail "the hostile map was not exported: $(head -3 "$T/hostile.md")"
in_order empty Summary Journey Findings Gaps Silos Legend
# every map's sections, and each contents link reaches a heading
ok; [ "$(grep -c '^## ' "$T/all.md")" -eq 5 ] || fail "--all: not a section per map"
sed -n 's/.*<link destination="#\([^"]*\)".*/\1/p' "$T/all.xml" >"$T/links"
ok; [ "$(wc -l <"$T/links")" -ge 4 ] || fail "--all: the contents has no links"
# maps whose names differ only in case stay apart (MD024, MD051)
run "$CXMAP" new --template demo --map Twin "$T/twins.cxmap"
expect_rc 0 "a map named Twin"
run "$CXMAP" new --template demo --map twin "$T/twins.cxmap"
expect_rc 0 "a map named twin"
export_to twins "$CXMAP" export --all "$T/twins.cxmap"
lint twins
parse twins

finish
