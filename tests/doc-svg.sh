#!/bin/sh
# doc-svg.sh - the HTML page's emotion curve as a browser draws it
# (headless Chromium, 1000 px wide): present and sized, every text inside
# the drawing and at least 11 px, no two level texts on top of each other
# (stage names, callouts, the legend, names under wide columns), nothing
# from a hostile map turned into markup.  Maps: the demo in English and
# Spanish, tests/testmaps.c's sample and hostile ones, 8, 61, 200 and
# 10,000 touchpoints (in 40 stages and in 10,000).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-doc.sh"
need_chromium
PAGE=$(dirname "$CXMAP")/../tests/svg-page
PAGE_ENV=

# measure NAME: appends a script that reports what the page shows to
# $T/NAME.html and prints the report (lines "size WxH", "svgs N",
# "texts N", "bad: WHY" ...)
measure() {
	cat >>"$T/$1.html" <<'EOF'
<pre id="res"></pre><script>
(function () {
  var out = [], svg = document.querySelector('svg.cx-curve');
  if (!svg) { document.getElementById('res').textContent = 'no svg'; return; }
  var vb = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
  var scale = r.width / vb.width;
  out.push('size ' + Math.round(r.width) + 'x' + Math.round(r.height));
  out.push('viewbox ' + vb.width + 'x' + vb.height);
  out.push('svgs ' + document.querySelectorAll('svg').length);
  out.push('foreign ' + document.querySelectorAll('img, iframe, object, embed, svg script, svg a, svg foreignObject').length);
  out.push('scripts ' + document.querySelectorAll('script').length);
  var texts = svg.querySelectorAll('text'), level = [];
  out.push('texts ' + texts.length);
  texts.forEach(function (t) {
    var b = t.getBoundingClientRect();
    var fs = parseFloat(getComputedStyle(t).fontSize) * scale;
    var what = (t.getAttribute('class') || '') + ' "' + t.textContent + '"';
    if (b.width <= 0 || b.height <= 0) out.push('bad: empty ' + what);
    if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1)
      out.push('bad: outside ' + what + ' ' + Math.round(b.left) + ',' + Math.round(b.top) + ' ' + Math.round(b.right) + ',' + Math.round(b.bottom));
    if (fs < 10.95) out.push('bad: ' + fs.toFixed(1) + ' px ' + what);
    if (!t.getAttribute('transform')) level.push([t, b, what]);
  });
  for (var i = 0; i < level.length; i++)
    for (var j = i + 1; j < level.length; j++) {
      var a = level[i][1], c = level[j][1];
      if (a.left < c.right - 1 && c.left < a.right - 1 && a.top < c.bottom - 1 && c.top < a.bottom - 1)
        out.push('bad: overlap ' + level[i][2] + ' and ' + level[j][2]);
    }
  var shapes = svg.querySelectorAll('circle, path, polygon, polyline, rect, line');
  var drawn = 0;
  shapes.forEach(function (s) { var b = s.getBoundingClientRect(); if (b.width > 0 || b.height > 0) drawn++; });
  out.push('shapes ' + shapes.length + ' drawn ' + drawn);
  out.push('points ' + svg.querySelectorAll('g.cx-point').length);
  out.push('pains ' + svg.querySelectorAll('g.cx-pain').length);
  out.push('title ' + svg.querySelector('title').textContent);
  document.getElementById('res').textContent = out.join('\n');
})();
</script>
EOF
	chromium_dom "$T/$1.html" >"$T/$1.dom"
	sed -n '/<pre id="res">/,/<\/pre>/p' "$T/$1.dom" | sed 's/<[^>]*>//g' >"$T/$1.res"
}

# check NAME ARGS...: the page of `svg-page ARGS` drawn well
check() {
	name=$1
	shift
	ok
	env $PAGE_ENV "$PAGE" "$@" >"$T/$name.html" || { fail "$name: svg-page $*"; return; }
	measure "$name"
	res="$T/$name.res"
	ok
	grep -q '^size 1000x[2-9][0-9][0-9]$' "$res" ||
		fail "$name: the curve is not 1000 px wide and 200-999 high: $(head -3 "$res")"
	ok
	grep -q '^svgs 1$' "$res" || fail "$name: not one svg: $(cat "$res")"
	ok
	grep -q '^foreign 0$' "$res" && grep -q '^scripts 1$' "$res" ||
		fail "$name: markup from the map: $(grep -E '^(foreign|scripts)' "$res")"
	ok
	! grep -q '^bad:' "$res" || fail "$name: $(grep '^bad:' "$res" | head -8)"
	ok
	grep -q '^shapes [1-9][0-9]* drawn [1-9]' "$res" ||
		fail "$name: nothing drawn: $(grep shapes "$res")"
}

CXMAP_DATADIR=$top_srcdir/data "$CXMAP" new --template demo "$T/demo.cxmap" >/dev/null 2>&1 ||
	fail "the demo map"
check demo "$T/demo.cxmap"
grep -q '^points 17$' "$T/demo.res" || fail "demo: points: $(grep points "$T/demo.res")"
grep -q '^pains 4$' "$T/demo.res" || fail "demo: pains: $(grep pains "$T/demo.res")"
grep -q '^title Emotion across the journey$' "$T/demo.res" || fail "demo: title"

if locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8'; then
	LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 LANGUAGE= CXMAP_DATADIR=$top_srcdir/data \
		"$CXMAP" new --template demo "$T/demo-es.cxmap" >/dev/null 2>&1 ||
		fail "the Spanish demo map"
	CXMAP_LOCALEDIR="$(dirname "$CXMAP")/../po/locale"
	export CXMAP_LOCALEDIR
	PAGE_ENV="LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 LANGUAGE="
	check demo-es "$T/demo-es.cxmap"
	PAGE_ENV=
	unset CXMAP_LOCALEDIR
	ok
	grep -q '^title Emoción a lo largo del recorrido$' "$T/demo-es.res" ||
		fail "demo-es: not in Spanish: $(grep title "$T/demo-es.res")"
fi

check sample --sample
check hostile --hostile
ok
! grep -qi '<img\|onerror="\|<script>alert' "$T/hostile.dom" ||
	fail "hostile: markup in the page: $(grep -i -o '.\{20\}<img.\{20\}\|.\{20\}onerror.\{20\}' "$T/hostile.dom" | head -3)"
check eight --big 8 3
check sixty-one --big 61 5
check two-hundred --big 200 8
grep -q '^points 200$' "$T/two-hundred.res" || fail "200: points: $(grep points "$T/two-hundred.res")"
check ten-k --big 10000 40
check ten-k-stages --big 10000 10000
ok
size=$(wc -c <"$T/ten-k-stages.html")
[ "$size" -lt 204800 ] || fail "10k stages: $size bytes"
finish
