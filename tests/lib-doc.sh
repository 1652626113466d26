# lib-doc.sh - for the tests of cxmap's documents (source it after
# lib.sh): the tools people read them with.  markdownlint-cli2 and the
# Mermaid library come from tests/node/package.json, which
# build-aux/quickstart installs (npm ci) into a cache folder; Chromium
# and cmark-gfm are Debian packages it installs.  A missing tool skips
# the test (exit 77), or fails it when CXMAP_REQUIRE_TOOLS=1 (set by the
# quickstart, so that CI never passes by skipping).

DOC_TOOLS=${CXMAP_TEST_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/cxmap-tests}
DOC_NODE=$DOC_TOOLS/node_modules

# need_tool NAME PATH: PATH must exist (an executable or a file)
need_tool() {
	[ -e "$2" ] && return 0
	if [ "${CXMAP_REQUIRE_TOOLS:-0}" = 1 ]; then
		printf 'FAIL: %s is missing (%s): run sh build-aux/quickstart test\n' "$1" "$2"
		exit 1
	fi
	printf 'SKIP: %s is missing (%s); sh build-aux/quickstart test installs it\n' "$1" "$2"
	exit 77
}

need_markdownlint() { need_tool markdownlint-cli2 "$DOC_NODE/.bin/markdownlint-cli2"; }
need_mermaid() {
	need_tool mermaid "$DOC_NODE/mermaid/dist/mermaid.min.js"
	need_chromium
}
need_chromium() { need_tool chromium "$(command -v chromium || echo /usr/bin/chromium)"; }
need_cmark() { need_tool cmark-gfm "$(command -v cmark-gfm || echo /usr/bin/cmark-gfm)"; }

# The configuration cxmap's Markdown is checked with (and that users can
# lint their exports with): doc/markdownlint.jsonc.
DOC_MDLINT_CONFIG=$top_srcdir/doc/markdownlint.jsonc

# mdlint FILE...: markdownlint-cli2 with that configuration; its report
# in $T/mdlint, status in $rc
mdlint() {
	"$DOC_NODE/.bin/markdownlint-cli2" --config "$DOC_MDLINT_CONFIG" "$@" \
		>"$T/mdlint" 2>&1
	rc=$?
}

# chromium_run ARGS...: headless Chromium, its own profile in $T, with
# Debian's launcher's noise dropped; scripts may read files beside the page
chromium_run() {
	chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$T/chromium-profile" \
		--allow-file-access-from-files --virtual-time-budget=20000 \
		"$@" 2>/dev/null
}

# chromium_dom FILE: the page's DOM after it loaded (and ran its
# scripts), on stdout
chromium_dom() { chromium_run --dump-dom "file://$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }

# mermaid_render FILE.mmd: draws the diagram with the Mermaid library in
# Chromium; prints "ok WIDTHxHEIGHT" (the SVG's viewBox size, what the
# diagram needs at full size) or "error: MESSAGE"
mermaid_render() {
	page="$T/mermaid-$$.html"
	{
		printf '<!doctype html><meta charset="utf-8"><body>'
		printf '<pre id="res">pending</pre><div id="out"></div>\n'
		printf '<script src="file://%s/mermaid/dist/mermaid.min.js"></script>\n' "$DOC_NODE"
		printf '<script type="text/plain" id="src">'
		sed 's/&/\&amp;/g; s/</\&lt;/g' "$1"
		printf '</script>\n<script>\n'
		cat <<'JS'
var res = document.getElementById('res');
var code = document.getElementById('src').textContent;
mermaid.initialize({ startOnLoad: false });
mermaid.render('d0', code).then(function (r) {
	document.getElementById('out').innerHTML = r.svg;
	var vb = document.querySelector('#out svg').viewBox.baseVal;
	res.textContent = 'ok ' + Math.round(vb.width) + 'x' +
		Math.round(vb.height);
}).catch(function (e) {
	res.textContent = 'error: ' + String(e.message).replace(/\s+/g, ' ');
});
JS
		printf '</script>\n'
	} >"$page"
	chromium_dom "$page" | sed -n 's/.*<pre id="res">\([^<]*\)<.*/\1/p' |
		sed 's/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g'
}

# mermaid_blocks FILE.md DIR: writes each ```mermaid block of FILE.md to
# DIR/1.mmd, DIR/2.mmd...; prints how many
mermaid_blocks() {
	mkdir -p "$2"
	awk -v dir="$2" '
		/^```mermaid$/ { n++; on = 1; next }
		on && /^```$/ { on = 0; close(f); next }
		on { f = dir "/" n ".mmd"; print > f }
		END { print n + 0 }' "$1"
}
