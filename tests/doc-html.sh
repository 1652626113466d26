#!/bin/sh
# doc-html.sh - the HTML page where people look at it: headless Chromium
# loads the demo's page (English and Spanish), a blank map's and a
# hostile map's, and a small script added to a COPY of each page (the
# exported page has none) measures what a reader sees: the summary, the
# worst problem, every stage and department, the findings, gaps and
# silos; an emotion curve that has a size and fits the window at 1280 px
# and at 760 px (the page itself never scrolls sideways); and on the
# hostile page nothing a name brought: one script (ours), no on*
# attribute, no img, iframe or object, the names shown as text.  The
# page also prints to PDF (issue 14, items 2 and 4).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-doc.sh"
need_chromium
export LC_ALL=C.UTF-8
unset LANGUAGE

# measure PAGE WIDTH: Chromium at that window width loads a copy of PAGE
# with the script below; $T/seen gets the page's visible text, $T/facts
# one fact a line ("svg 1180x300", "scripts 1"...)
measure() {
	cp "$1" "$T/measured.html"
	cat >>"$T/measured.html" <<'JS'
<script>
(function () {
	var r = [], txt = document.body.innerText;
	var svg = document.querySelector('svg');
	var b = svg ? svg.getBoundingClientRect() : null;
	var vw = document.documentElement.clientWidth;
	r.push('svg ' + (b ? Math.round(b.width) + 'x' + Math.round(b.height) : 'none'));
	r.push('svgfits ' + (b && b.left >= 0 && b.right <= vw + 0.5 ? 'yes' : 'no'));
	r.push('pagefits ' + (document.documentElement.scrollWidth <= vw ? 'yes' : 'no'));
	r.push('scripts ' + document.querySelectorAll('script').length);
	var on = 0;
	document.querySelectorAll('*').forEach(function (e) {
		for (var i = 0; i < e.attributes.length; i++)
			if (/^on/i.test(e.attributes[i].name)) on++;
	});
	r.push('onattrs ' + on);
	r.push('embedded ' + document.querySelectorAll(
		'img,iframe,object,embed,link,base,form,input,frame').length);
	var w = document.querySelector('.worst li');
	r.push('worst ' + (w && w.getBoundingClientRect().height > 0 ? 'shown' : 'none'));
	var g = document.querySelector('.grid-wrap');
	r.push('grid ' + (g ? (g.scrollWidth > g.clientWidth ? 'scrolls' : 'fits') : 'none'));
	var out = document.createElement('pre');
	out.id = 'res';
	out.textContent = '\n@@facts\n' + r.join('\n') + '\n@@text\n' + txt + '\n@@end\n';
	document.body.appendChild(out);
})();
</script>
JS
	chromium_run --window-size="$2",1000 --dump-dom \
		"file://$T/measured.html" >"$T/dom"
	sed -n '/^@@facts$/,/^@@text$/p' "$T/dom" >"$T/facts"
	sed -n '/^@@text$/,/^@@end$/p' "$T/dom" |
		sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g' >"$T/seen"
}

fact() { ok; grep -qx -- "$1" "$T/facts" || fail "$2: want '$1', got: $(tr '\n' ' ' <"$T/facts")"; }
fact_re() { ok; grep -qE -- "$1" "$T/facts" || fail "$2: want /$1/, got: $(tr '\n' ' ' <"$T/facts")"; }
seen() { ok; grep -qF -- "$1" "$T/seen" || fail "$2: the page does not show '$1'"; }

# names of the map's stages, departments and journey metrics (the JSON
# export's second level)
names() {
	"$CXMAP" export --format json "$1" | sed -n 's/^      "name": "\(.*\)",$/\1/p'
}

page_checks() {	# FILE.cxmap PAGE LABEL
	measure "$2" 1280
	fact_re '^svg [1-9][0-9]*x[1-9][0-9]*$' "$3: the emotion curve has a size at 1280 px"
	fact 'svgfits yes' "$3: the curve fits the window at 1280 px"
	fact 'pagefits yes' "$3: the page does not scroll sideways at 1280 px"
	fact 'scripts 1' "$3: no script but the measuring one"
	fact 'onattrs 0' "$3: no event handler attribute"
	fact 'embedded 0' "$3: nothing embedded or fetched"
	names "$1" >"$T/names"
	while IFS= read -r n; do
		seen "$n" "$3: a stage, department or metric"
	done <"$T/names"
	measure "$2" 760
	fact 'pagefits yes' "$3: the page does not scroll sideways at 760 px"
	fact 'svgfits yes' "$3: the curve fits the window at 760 px"
}

"$CXMAP" new --template demo "$T/demo.cxmap" >/dev/null 2>&1 ||
	fail "cxmap new --template demo"

# --- the demo, in English ---
run "$CXMAP" export --format html -o "$T/demo.html" "$T/demo.cxmap"
expect_rc 0 "export --format html -o"
ok; [ -s "$T/demo.html" ] || fail "no page written"
ok; ! grep -qi '<script' "$T/demo.html" || fail "the exported page has a script"
page_checks "$T/demo.cxmap" "$T/demo.html" "demo"
measure "$T/demo.html" 1280
for s in Summary "The worst problems" "Journey owner:" Journey Findings \
	Ownership Gaps Silos Legend "moment of truth"; do
	seen "$s" "demo: a heading or label"
done
seen "6 stages" "demo: the counts line"
fact 'worst shown' "demo: the worst problem is shown"
measure "$T/demo.html" 760
fact 'grid scrolls' "demo at 760 px: the grid scrolls inside its box"

# standard output gives the same bytes
run "$CXMAP" export --format html "$T/demo.cxmap"
ok; cmp -s "$T/out" "$T/demo.html" || fail "stdout and -o differ"

# --- the demo, in Spanish ---
rm -f "$T/es.cxmap"
LANGUAGE=es LC_ALL=es_ES.UTF-8 "$CXMAP" new --template demo "$T/es.cxmap" \
	>/dev/null 2>&1 || fail "cxmap new in Spanish"
LANGUAGE=es LC_ALL=es_ES.UTF-8 "$CXMAP" export --format html \
	-o "$T/es.html" "$T/es.cxmap"
ok; grep -q '<html lang="es">' "$T/es.html" || fail "Spanish: lang is not es"
page_checks "$T/es.cxmap" "$T/es.html" "demo in Spanish"
measure "$T/es.html" 1280
for s in Resumen "Los peores problemas" Recorrido Hallazgos Brechas Silos Leyenda; do
	seen "$s" "Spanish demo: a heading"
done

# --- a blank map ---
"$CXMAP" new --template blank "$T/blank.cxmap" >/dev/null 2>&1 ||
	"$CXMAP" new "$T/blank.cxmap" >/dev/null 2>&1
"$CXMAP" export --format html -o "$T/blank.html" "$T/blank.cxmap"
measure "$T/blank.html" 1280
fact 'scripts 1' "blank: no script but ours"
fact 'pagefits yes' "blank: the page fits"
seen Summary "blank: the summary"
seen "Legend" "blank: the legend"

# --- a hostile map ---
"$CXMAP" import "$T/hostile.cxmap" "$top_srcdir/tests/data/export-hostile.json" \
	>/dev/null 2>&1 || fail "import of the hostile map"
"$CXMAP" export --format html -o "$T/hostile.html" "$T/hostile.cxmap"
ok; ! grep -qi '<script\|<img\|<iframe' "$T/hostile.html" ||
	fail "hostile: markup from a name in the page"
measure "$T/hostile.html" 1280
fact 'scripts 1' "hostile: no script but ours"
fact 'onattrs 0' "hostile: no on* attribute"
fact 'embedded 0' "hostile: no img, iframe or object"
fact_re '^svg [1-9][0-9]*x[1-9][0-9]*$' "hostile: the curve is drawn"
seen '<img src=x onerror=alert(1)>' "hostile: a department name shown as text"
seen '<script>alert(1)</script>' "hostile: the map name shown as text"

# --- several maps in one page ---
"$CXMAP" new --template retail "$T/demo.cxmap" >/dev/null 2>&1
run "$CXMAP" export --all --format html -o "$T/all.html" "$T/demo.cxmap"
expect_rc 0 "export --all --format html"
measure "$T/all.html" 1280
seen "Journey maps" "--all: the title"
seen "Contents" "--all: the contents"
fact 'scripts 1' "--all: no script but ours"

# --- printed to PDF ---
chromium_run --no-pdf-header-footer --print-to-pdf="$T/demo.pdf" \
	"file://$T/demo.html" >/dev/null
ok; [ -s "$T/demo.pdf" ] && head -c 5 "$T/demo.pdf" | grep -q '%PDF-' ||
	fail "print to PDF: no PDF"
if command -v pdfinfo >/dev/null 2>&1; then
	pages=$(pdfinfo "$T/demo.pdf" | sed -n 's/^Pages: *//p')
	ok; [ "${pages:-0}" -ge 2 ] && [ "${pages:-0}" -le 30 ] ||
		fail "print to PDF: $pages pages"
fi

finish
