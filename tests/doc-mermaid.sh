#!/bin/sh
# doc-mermaid.sh - every Mermaid diagram of the Markdown export drawn with
# the Mermaid library GitHub and GitLab use (in headless Chromium): the
# templates in English and Spanish, a map of hostile names and one of 12
# departments.  Every block must draw, and the ownership flowchart must
# stay readable on a wiki page 800 px wide.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-doc.sh"
need_mermaid
export LC_ALL=C.UTF-8
unset LANGUAGE LANG LC_MESSAGES

# the Spanish catalogue of this tree, when msgfmt and the locale are here
ES=
if command -v msgfmt >/dev/null 2>&1 &&
	locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8'; then
	mkdir -p "$T/locale/es/LC_MESSAGES"
	msgfmt -o "$T/locale/es/LC_MESSAGES/cxmap.mo" "$top_srcdir/po/es.po" &&
		ES=es_ES.UTF-8
fi
export CXMAP_LOCALEDIR="$T/locale"

# Mermaid draws text 16 px high; a diagram W px wide is shrunk to 800 px
# on a wiki page, its text to 16 * 800 / W px.  Below 10 px (W > 1280)
# labels stop being readable.
READABLE=1280

# draw NAME FILE.md: every block of the export draws; sets FLOW to the
# flowchart's block and FLOW_W, FLOW_H to its size
draw() {
	rm -rf "$T/blocks"
	n=$(mermaid_blocks "$2" "$T/blocks")
	ok
	[ "$n" -ge 1 ] || fail "$1: no Mermaid block"
	FLOW= FLOW_W=0 FLOW_H=0
	i=1
	while [ "$i" -le "$n" ]; do
		res=$(mermaid_render "$T/blocks/$i.mmd")
		ok
		case $res in
		ok\ *) ;;
		*) fail "$1: block $i does not draw: $res
$(head -40 "$T/blocks/$i.mmd")" ;;
		esac
		if grep -q '^flowchart TB$' "$T/blocks/$i.mmd"; then
			FLOW=$T/blocks/$i.mmd
			size=${res#ok }
			FLOW_W=${size%x*}
			FLOW_H=${size#*x}
			echo "$1: flowchart ${FLOW_W}x${FLOW_H}"
			# a column per lane, each as wide as its widest node (a
			# name of 24 characters, about 200 px at 16 px) and a
			# little room: 220 px a lane at most
			lanes=$(grep -c '^    subgraph ' "$FLOW")
			ok
			[ "$FLOW_W" -le $((lanes * 220)) ] ||
				fail "$1: the flowchart is $FLOW_W px wide for $lanes lanes"
		fi
		i=$((i + 1))
	done
}

# export NAME FILE [LOCALE]: the map's Markdown into $T/NAME.md
export_md() {
	if [ -n "${3:-}" ]; then
		run env LANG="$3" LC_ALL="$3" LANGUAGE= "$CXMAP" export -o "$T/$1.md" "$2"
	else
		run "$CXMAP" export -o "$T/$1.md" "$2"
	fi
	expect_rc 0 "export $1"
}

# --- the templates, in English and Spanish -----------------------------
for tpl in demo b2b-saas retail blank; do
	for lang in en es; do
		loc=
		if [ "$lang" = es ]; then
			[ -n "$ES" ] || continue
			loc=$ES
		fi
		rm -f "$T/$tpl.cxmap"
		if [ -n "$loc" ]; then
			run env LANG="$loc" LC_ALL="$loc" LANGUAGE= "$CXMAP" new --template "$tpl" "$T/$tpl.cxmap"
		else
			run "$CXMAP" new --template "$tpl" "$T/$tpl.cxmap"
		fi
		expect_rc 0 "new --template $tpl ($lang)"
		export_md "$tpl-$lang" "$T/$tpl.cxmap" "$loc"
		draw "$tpl ($lang)" "$T/$tpl-$lang.md"
		[ "$tpl" = blank ] && continue
		ok
		[ -n "$FLOW" ] || fail "$tpl ($lang): no ownership flowchart"
		ok
		[ "$FLOW_W" -le "$READABLE" ] ||
			fail "$tpl ($lang): the flowchart is $FLOW_W px wide, its text ${FLOW_W}>$READABLE: under 10 px at 800 px"
		# their silos: the handoffs across one are marked
		if [ "$tpl" != demo ]; then
			ok
			grep -q '^    t[0-9]* ==>|"silo"| t[0-9]*$' "$FLOW" ||
				fail "$tpl ($lang): no silo handoff marked"
		fi
		if [ "$tpl" = demo ]; then
			# 6 departments and the unowned box in under 1,100 px: text
			# of at least 11.6 px on the page
			ok
			[ "$FLOW_W" -le 1100 ] ||
				fail "demo ($lang): the flowchart is $FLOW_W px wide (at most 1100)"
			# the departments by name, the unowned box, the handoff into pain
			for want in 'subgraph d[0-9]*\["\(Sales\|Ventas\)"\]' \
				'subgraph nobody\["' '-->|"'; do
				ok
				grep -q -- "$want" "$FLOW" || fail "demo ($lang): the flowchart lacks $want"
			done
		fi
	done
done

# --- hostile names ------------------------------------------------------
# quotes, brackets of every kind, HTML, Mermaid comments and entities,
# semicolons, line breaks, escape sequences, Markdown and very long names,
# in departments (the lanes' titles) and touchpoints (the nodes)
LONG='A very long touchpoint name that goes on and on well past anything a diagram can show in one box'
cat >"$T/hostile.json" <<JSON
{ "format": "cxmap-map", "version": 2, "name": "Hostile \"map\"",
  "departments": [
    { "name": "Sales \"East\" <b>bold</b> [x] (y) {z}" },
    { "name": "%% comment; #quot; &amp; end" },
    { "name": "\`\`\`js\nalert(1)\u001b[31m" },
    { "name": "end" } ],
  "stages": [
    { "name": "One", "touchpoints": [
      { "name": "Quote \" here", "owner": "Sales \"East\" <b>bold</b> [x] (y) {z}",
        "contributors": ["end"], "emotion": 1 },
      { "name": "<script>alert('x')</script>", "owner": "%% comment; #quot; &amp; end",
        "moment": true, "emotion": -2 },
      { "name": "%%{init: {\"theme\": \"dark\"}}%%", "owner": "Sales \"East\" <b>bold</b> [x] (y) {z}" } ] },
    { "name": "Empty", "touchpoints": [] },
    { "name": "Two", "touchpoints": [
      { "name": "a]; click t1 call alert(1) ;[b", "owner": "end" },
      { "name": "line\nbreak\r\nand\ttab \u001b]0;title\u0007", "owner": "\`\`\`js\nalert(1)\u001b[31m" },
      { "name": "$LONG", "owner": null, "contributors": ["end", "%% comment; #quot; &amp; end"] },
      { "name": "#35; #lt;b#gt; &lt;i&gt; \\\\\` \`md\`", "owner": "end" },
      { "name": "-->|x| t1 --- end", "owner": "Sales \"East\" <b>bold</b> [x] (y) {z}" },
      { "name": "日本語の長い名前がここにありますとても長い名前です", "owner": "end" } ] } ],
  "silos": [ { "departments": ["end", "Sales \"East\" <b>bold</b> [x] (y) {z}"],
               "description": "x", "status": "open" } ] }
JSON
run "$CXMAP" import "$T/hostile.cxmap" "$T/hostile.json"
expect_rc 0 "import the hostile map"
export_md hostile "$T/hostile.cxmap"
draw hostile "$T/hostile.md"
ok
[ -n "$FLOW" ] || fail "hostile: no ownership flowchart"
# nothing from a name reaches Mermaid's grammar: every label is one
# quoted string without quotes, HTML or backticks inside, and the
# character references it holds are those written for them
ok
if grep -E '^ +(subgraph [a-z0-9]+|t[0-9]+)\["' "$FLOW" |
	sed 's/^[^"]*"//; s/"\]$//' | sed 's/<br\/>//' |
	sed -E 's/#(quot|amp|lt|gt|35|59|37|96);//g' | grep -E '["<>&#;`%]'; then
	fail "hostile: a label keeps a character Mermaid reads"
fi
# the nodes: one per touchpoint, in their lanes (9 of them)
ok
n=$(grep -cE '^ +t[0-9]+\["' "$FLOW")
[ "$n" -eq 9 ] || fail "hostile: $n nodes, want 9"
# the silo between "end" and Sales: the handoff t8 -> t9 is marked
ok
grep -q '^    t8 ==>|"silo"| t9$' "$FLOW" || fail "hostile: the silo handoff is not marked:
$(grep -- '-->\|==>' "$FLOW")"
# a long name is cut, with an ellipsis
ok
grep -q 'A very long touchpoint…' "$FLOW" || fail "hostile: the long name is not shortened"

# --- 12 departments -----------------------------------------------------
# every department owns two touchpoints; the lanes get 12 colours
{
	printf '{ "format": "cxmap-map", "version": 2, "name": "Twelve",\n'
	printf '  "departments": ['
	i=1
	while [ $i -le 12 ]; do
		[ $i -gt 1 ] && printf ', '
		printf '{ "name": "Department %02d" }' $i
		i=$((i + 1))
	done
	printf '],\n  "stages": ['
	s=1
	while [ $s -le 4 ]; do
		[ $s -gt 1 ] && printf ', '
		printf '{ "name": "Stage %d", "touchpoints": [' $s
		k=1
		while [ $k -le 6 ]; do
			[ $k -gt 1 ] && printf ', '
			d=$(( ((s - 1) * 6 + k - 1) % 12 + 1 ))
			printf '{ "name": "Touchpoint %d.%d", "owner": "Department %02d" }' $s $k $d
			k=$((k + 1))
		done
		printf '] }'
		s=$((s + 1))
	done
	printf '] }\n'
} >"$T/twelve.json"
run "$CXMAP" import "$T/twelve.cxmap" "$T/twelve.json"
expect_rc 0 "import the map of 12 departments"
export_md twelve "$T/twelve.cxmap"
draw twelve "$T/twelve.md"
ok
n=$(grep -c '^    subgraph d' "$FLOW")
[ "$n" -eq 12 ] || fail "twelve: $n lanes, want 12"
ok
n=$(grep -o '^    classDef c[0-9]* fill:#[0-9a-f]*' "$FLOW" | sed 's/.*fill://' | sort -u | wc -l)
[ "$n" -eq 12 ] || fail "twelve: $n distinct colours, want 12"
finish
