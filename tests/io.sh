#!/bin/sh
# io.sh - export, import and new at the command line: exit statuses and
# messages, and files left exactly as they were when something is wrong.
. "$top_srcdir/tests/lib.sh"
FIXTURE=$(dirname "$CXMAP")/../tests/fixture
export LC_ALL=C
unset LANGUAGE LANG LC_MESSAGES

# expect_same A B WHAT: the two files hold the same bytes
expect_same() { ok; cmp -s "$1" "$2" || fail "$3: $(diff "$1" "$2" | head -5)"; }
expect_absent() { ok; [ ! -e "$1" ] || fail "$2: $1 exists"; }

# --- help and usage ---------------------------------------------------
for c in export import new; do
	run "$CXMAP" $c --help
	expect_rc 0 "$c --help"
	expect_out "Usage: cxmap $c" "$c --help"
done
run "$CXMAP" --help
expect_out "export \[--map NAME|--all\] \[--format markdown|html|json\] \[-o OUT\] FILE" "--help lists export"
expect_out "import \[--map NAME\] FILE JSON" "--help lists import"
expect_out "new \[--template NAME\] \[--map NAME\] FILE" "--help lists new"

run "$CXMAP" export
expect_rc 2 "export without FILE"
expect_err "export: the map FILE is missing" "export without FILE"
expect_err "Try 'cxmap --help'" "export without FILE"
run "$CXMAP" export --format yaml "$T/x"
expect_rc 2 "export --format yaml"
expect_err "unknown format 'yaml' (use markdown, html or json)" "export --format yaml"
run "$CXMAP" export --map A --all "$T/x"
expect_rc 2 "export --map with --all"
expect_err "do not go together" "export --map with --all"
run "$CXMAP" export a b
expect_rc 2 "export with two files"
run "$CXMAP" export --bogus a
expect_rc 2 "export --bogus"
run "$CXMAP" import "$T/x"
expect_rc 2 "import without JSON"
expect_err "needs the map FILE and the JSON document" "import without JSON"
run "$CXMAP" import a b c
expect_rc 2 "import with three arguments"
run "$CXMAP" new
expect_rc 2 "new without FILE"
run "$CXMAP" new --list-templates "$T/x"
expect_rc 2 "new --list-templates with a FILE"
expect_absent "$T/x" "usage errors create no file"

# --- export -----------------------------------------------------------
run "$CXMAP" export "$T/missing.cxmap"
expect_rc 1 "export of a missing file"
expect_err "missing.cxmap: no such file" "export of a missing file"
expect_absent "$T/missing.cxmap" "export of a missing file"

"$FIXTURE" "$T/one.cxmap" "B2B onboarding"
cp "$T/one.cxmap" "$T/one.orig"
run "$CXMAP" export "$T/one.cxmap"
expect_rc 0 "export of the only map"
expect_out "^# B2B onboarding$" "Markdown by default"
expect_out '^```mermaid$' "a Mermaid block"
expect_out "^| 1 | 2. Purchase › Invoice | Nobody owns billing | high | open |" "the gap"
cp "$T/out" "$T/first.md"
run "$CXMAP" export "$T/one.cxmap"
expect_same "$T/out" "$T/first.md" "the same map gives the same bytes"
expect_same "$T/one.cxmap" "$T/one.orig" "export leaves the map file untouched"
expect_absent "$T/one.cxmap-wal" "export creates no -wal file"
expect_absent "$T/one.cxmap-shm" "export creates no -shm file"

run "$CXMAP" export --format json "$T/one.cxmap"
expect_rc 0 "export --format json"
expect_out '^  "format": "cxmap-map",$' "JSON has its format"
expect_out '^  "version": 2,$' "JSON has its version"

chmod 444 "$T/one.cxmap"
run "$CXMAP" export -f json "$T/one.cxmap"
expect_rc 0 "export of a read-only file"
chmod 644 "$T/one.cxmap"

# -o: the file, nothing on standard output, mode from the umask
(umask 027 && "$CXMAP" export -o "$T/one.md" "$T/one.cxmap") >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "export -o"
expect_no_out "export -o"
expect_same "$T/one.md" "$T/first.md" "export -o writes the document"
ok; [ "$(stat -c %a "$T/one.md")" = 640 ] || fail "export -o ignores the umask: $(stat -c %a "$T/one.md")"
run "$CXMAP" export -o "$T/no/such/dir/x.md" "$T/one.cxmap"
expect_rc 1 "export -o into a missing folder"
expect_err "x.md: No such file or directory" "export -o into a missing folder"
run "$CXMAP" export -f json -o "$T/one.cxmap" "$T/one.cxmap"
expect_rc 1 "export -o onto the map file"
expect_err "this is the map file" "export -o onto the map file"
expect_same "$T/one.cxmap" "$T/one.orig" "the map file survives -o onto itself"

# several maps: --map, --all, or a list to choose from
"$FIXTURE" "$T/two.cxmap" "Alpha" && "$FIXTURE" "$T/two.cxmap" "Beta"
run "$CXMAP" export "$T/two.cxmap"
expect_rc 1 "export of one of several maps without --map"
expect_err "two.cxmap holds 2 maps; choose one with --map NAME, or use --all:" "export without --map"
expect_err "^  Alpha$" "the maps are listed"
expect_err "^  Beta$" "the maps are listed"
expect_no_out "export without --map"
run "$CXMAP" export --map Gamma "$T/two.cxmap"
expect_rc 1 "export --map of a missing map"
expect_err "no map named 'Gamma'; the maps are:" "export --map of a missing map"
run "$CXMAP" export --map Beta "$T/two.cxmap"
expect_rc 0 "export --map"
expect_out "^# Beta$" "export --map"
run "$CXMAP" export --all "$T/two.cxmap"
expect_rc 0 "export --all"
expect_out "^# Journey maps$" "export --all has one title"
expect_out "^1\. \[Alpha\](#alpha)$" "export --all lists the maps"
expect_out "^2\. \[Beta\](#beta)$" "export --all lists the maps"
expect_out "^## Alpha$" "export --all: a section per map"
expect_out "^## Beta$" "export --all: a section per map"
expect_out "^### Journey — Beta$" "export --all: headings name their map"
ok; [ "$(grep -c '^# ' "$T/out")" -eq 1 ] || fail "export --all: one H1: $(grep '^# ' "$T/out")"
ok; [ -z "$(grep '^#' "$T/out" | sort | uniq -d)" ] || fail "export --all: headings twice: $(grep '^#' "$T/out" | sort | uniq -d)"

# hostile names never put an escape character in the output
"$FIXTURE" "$T/evil.cxmap" "$(printf 'Evil\033[2J\033]0;pwned\007 | *x*')"
run "$CXMAP" export "$T/evil.cxmap"
expect_rc 0 "export of hostile names"
ok; if grep -q "$(printf '\033')" "$T/out"; then fail "an escape character reached the Markdown"; fi
expect_out '^# Evil\\\\x1b\\\[2J' "the escape is shown as text"
run "$CXMAP" export -f json "$T/evil.cxmap"
ok; if grep -q "$(printf '\033')" "$T/out"; then fail "an escape character reached the JSON"; fi

# names that hold addresses become no links in GFM (cmark-gfm, as GitHub)
"$FIXTURE" "$T/links.cxmap" "https://evil.example/a www.evil.example a@evil.example"
run "$CXMAP" export "$T/links.cxmap"
expect_rc 0 "export of a map named with addresses"
if command -v cmark-gfm >/dev/null 2>&1; then
	cmark-gfm -e autolink -e table "$T/out" >"$T/links.html"
	ok; ! grep -q '<a ' "$T/links.html" || fail "a name became a link: $(grep '<a ' "$T/links.html")"
	ok; grep -q "^<h1>https://evil.example/a www.evil.example a@$(printf '\342\201\240')evil.example</h1>\$" "$T/links.html" ||
		fail "the name reads as written: $(head -1 "$T/links.html")"
fi

# --- import -----------------------------------------------------------
"$CXMAP" export -f json "$T/one.cxmap" >"$T/one.json"
run "$CXMAP" import "$T/copy.cxmap" "$T/one.json"
expect_rc 0 "import into a new file"
expect_no_out "import is quiet"
"$CXMAP" export -f json "$T/copy.cxmap" >"$T/copy.json"
expect_same "$T/copy.json" "$T/one.json" "export, import, export: the same bytes"

run "$CXMAP" import "$T/copy.cxmap" "$T/one.json"
expect_rc 1 "import of a map name already there"
expect_err "copy.cxmap: a map named 'B2B onboarding' already exists; choose another name with --map NAME" "name clash"
run "$CXMAP" import --map "From stdin" "$T/copy.cxmap" - <"$T/one.json"
expect_rc 0 "import --map from standard input"
run "$CXMAP" list "$T/copy.cxmap"
expect_lines 2 "import --map adds a second map"
expect_out "^From stdin	3 stages	3 touchpoints	1 unowned	1 open gap	1 open silo$" "import --map"

# a bad document: the place and the reason; the map file not even opened
sed 's/"emotion": null/"emotion": 7/' "$T/one.json" >"$T/bad.json"
cp "$T/copy.cxmap" "$T/copy.orig"
run "$CXMAP" import --map Other "$T/copy.cxmap" "$T/bad.json"
expect_rc 1 "import of a bad document"
expect_err "bad.json: stages\[0\].touchpoints\[0\].emotion: expected an integer from -2 to 2" "the place and the reason"
expect_same "$T/copy.cxmap" "$T/copy.orig" "a refused import leaves the file untouched"
run "$CXMAP" import "$T/new.cxmap" "$T/bad.json"
expect_rc 1 "import of a bad document into a new file"
expect_absent "$T/new.cxmap" "a refused import creates no file"
head -c 200 "$T/one.json" >"$T/cut.json"
run "$CXMAP" import "$T/new.cxmap" "$T/cut.json"
expect_rc 1 "import of a truncated document"
expect_err "cut.json: line [0-9]*, column [0-9]*: the document ends too early" "truncated"
printf '{"format": "cxmap-map", "version": 1, "name": "x", "lanes": []}' | run "$CXMAP" import "$T/new.cxmap" -
expect_rc 1 "import of an unknown field"
expect_err "standard input: lanes: unknown field" "unknown fields are reported"
# version 2: a reference that points nowhere, a newer version
printf '{"format": "cxmap-map", "version": 2, "name": "x", "gaps": [{"description": "g"}], "actions": [{"title": "a", "fixes": {"gap": 3}}]}' |
	run "$CXMAP" import "$T/copy.cxmap" -
expect_rc 1 "import of an action fixing a gap that is not there"
expect_err "standard input: actions\[0\].fixes.gap: points nowhere: expected an index from 0 to 0 into \"gaps\"" "the reference is named"
expect_same "$T/copy.cxmap" "$T/copy.orig" "a refused reference leaves the file untouched"
printf '{"format": "cxmap-map", "version": 3, "name": "x", "wormholes": []}' | run "$CXMAP" import "$T/copy.cxmap" -
expect_rc 1 "import of a version 3 document"
expect_err "standard input: version: format version 3 was written by a newer cxmap" "a newer version is named as such"
expect_same "$T/copy.cxmap" "$T/copy.orig" "a newer document leaves the file untouched"
run "$CXMAP" import "$T/new.cxmap" "$T/nothing.json"
expect_rc 1 "import of a missing document"
expect_err "nothing.json: No such file or directory" "import of a missing document"
expect_absent "$T/new.cxmap" "nothing was created"

# several maps at once, in one go
"$CXMAP" export --all -f json "$T/two.cxmap" >"$T/two.json"
run "$CXMAP" import "$T/both.cxmap" "$T/two.json"
expect_rc 0 "import of an --all export"
run "$CXMAP" list "$T/both.cxmap"
expect_lines 2 "both maps were imported"
run "$CXMAP" import --map One "$T/other.cxmap" "$T/two.json"
expect_rc 2 "import --map of several maps"
expect_absent "$T/other.cxmap" "import --map of several maps"
run "$CXMAP" import "$T/both.cxmap" "$T/two.json"
expect_rc 1 "import of maps already there"
run "$CXMAP" list "$T/both.cxmap"
expect_lines 2 "all or nothing: no map was added"

# --- new --------------------------------------------------------------
run "$CXMAP" new --list-templates
expect_rc 0 "new --list-templates"
expect_lines 4 "four templates"
expect_out "^b2b-saas	B2B SaaS journey$" "the B2B SaaS template"
expect_out "^blank	" "the blank template"
expect_out "^demo	" "the demo"
expect_out "^retail	" "the retail template"

run "$CXMAP" new --template demo "$T/demo.cxmap"
expect_rc 0 "new --template demo"
run "$CXMAP" list "$T/demo.cxmap"
expect_out "^Demo: B2B SaaS journey	6 stages	17 touchpoints	2 unowned	3 open gaps	1 open silo$" "the demo map"
# a template is what cxmap itself writes: the demo and the templates come
# back out of a file byte for byte (JSON version 2, every metric, voice,
# action and decision)
for t in demo b2b-saas retail blank; do
	run "$CXMAP" new --template "$t" "$T/same-$t.cxmap"
	run "$CXMAP" export --format json "$T/same-$t.cxmap"
	expect_rc 0 "the $t template exported"
	ok; cmp -s "$T/out" "$top_srcdir/data/templates/$t.json" ||
		fail "the $t template does not come back byte for byte: $(diff "$top_srcdir/data/templates/$t.json" "$T/out" | head -20)"
done
# what the README's method says of the demo, on its last day of November
run env CXMAP_TEST_NOW=1796040000 TZ=UTC "$CXMAP" actions --overdue "$T/demo.cxmap"
expect_rc 0 "the demo's overdue actions"
expect_out "1 overdue" "the demo has one overdue action"
expect_out "^Put the brand name and the contract number on every invoice  *Finance  *Marta Vidal  *doing  *2026-11-20" \
	"the overdue action, its owner and person"
run env CXMAP_TEST_NOW=1796040000 TZ=UTC "$CXMAP" gaps "$T/demo.cxmap"
expect_out "^Findings: 11$" "the demo counts only findings to act on"
expect_out "^Decisions: 4$" "the demo's decisions on findings"
expect_out "^  accepted   metric off target *'Free trial'" "the demo accepts a known risk"
run "$CXMAP" new --template demo "$T/demo.cxmap"
expect_rc 1 "the demo twice"
expect_err "a map named 'Demo: B2B SaaS journey' already exists" "the demo twice"
run "$CXMAP" new --template b2b-saas --map "Our journey" "$T/demo.cxmap"
expect_rc 0 "new --template --map"
run "$CXMAP" new "$T/demo.cxmap"
expect_rc 0 "new, empty"
run "$CXMAP" list "$T/demo.cxmap"
expect_out "^New map	0 stages	" "an empty map"
expect_out "^Our journey	6 stages	" "a template under a name"
run "$CXMAP" new --template nope "$T/nope.cxmap"
expect_rc 1 "new --template of a missing template"
expect_err "no template named 'nope' (see 'cxmap new --list-templates')" "missing template"
expect_absent "$T/nope.cxmap" "no file for a missing template"
run "$CXMAP" new --template ../data/templates/demo "$T/nope.cxmap"
expect_rc 1 "a template name is not a path"

# names are trimmed of Unicode white space; one that shows nothing is no name
run "$CXMAP" new --map "$(printf '\302\240\343\200\200\342\200\213')" "$T/blank.cxmap"
expect_rc 2 "new --map of invisible characters"
expect_err "the map name must not be empty" "new --map of invisible characters"
expect_absent "$T/blank.cxmap" "new --map of invisible characters"
run "$CXMAP" new --map "$(printf '\343\200\200Padded\302\240')" "$T/blank.cxmap"
expect_rc 0 "new --map with spaces around"
run "$CXMAP" import --map "$(printf '\342\200\213 Imported\342\200\203')" "$T/blank.cxmap" "$T/one.json"
expect_rc 0 "import --map with spaces around"
run "$CXMAP" list "$T/blank.cxmap"
expect_out "^Padded	0 stages" "new --map trims the name"
expect_out "^Imported	3 stages" "import --map trims the name"
run "$CXMAP" import --map "$(printf '\302\240')" "$T/blank.cxmap" "$T/one.json"
expect_rc 2 "import --map of a no-break space"

# in Spanish, the Spanish template
env -u LC_ALL LANG=es_ES.UTF-8 "$CXMAP" new --template b2b-saas "$T/es.cxmap" 2>"$T/err"
rc=$?
expect_rc 0 "new in Spanish"
run "$CXMAP" list "$T/es.cxmap"
expect_out "^Recorrido B2B SaaS	6 stages	" "a Spanish map"
run "$CXMAP" export "$T/es.cxmap"
expect_out "Atención al cliente" "Spanish department names"

finish
