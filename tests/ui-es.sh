#!/bin/sh
# ui-es.sh - cxmap in Spanish: --help, a sub-command's --help, the
# Spanish templates, and the interface at 80x24 (bottom bar, help screen,
# a y/n question answered "s", the gaps view, "terminal too small").
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1 || ! command -v msgfmt >/dev/null 2>&1; then
	echo "SKIP: tmux or msgfmt is not installed"
	exit 77
fi
# the locale: generated here when the machine lacks it and we may
if ! locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8'; then
	if [ "$(id -u)" -eq 0 ] && command -v localedef >/dev/null 2>&1; then
		localedef -i es_ES -c -f UTF-8 es_ES.UTF-8 2>/dev/null || true
	fi
fi
if ! locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8'; then
	echo "SKIP: no es_ES.UTF-8 locale, and it cannot be generated here"
	exit 77
fi
# the catalogue of this tree, as it will be installed
mkdir -p "$T/locale/es/LC_MESSAGES"
msgfmt -o "$T/locale/es/LC_MESSAGES/cxmap.mo" "$top_srcdir/po/es.po" ||
	fail "msgfmt failed"
export CXMAP_LOCALEDIR="$T/locale"
es() { LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 LANGUAGE= "$@"; }
# line_of TEXT: the line of the last screen that shows TEXT first
line_of() { grep -n -F -- "$1" "$T/screen" | head -1 | cut -d: -f1; }

run es "$CXMAP" --help
expect_rc 0 "--help in Spanish"
expect_out "^Uso: cxmap" "--help in Spanish"
expect_out "Teclas de la interfaz" "--help lists the keys in Spanish"
expect_out "deshace el último cambio" "key descriptions in Spanish"
run es "$CXMAP" list --help
expect_out "^Uso: cxmap list" "list --help in Spanish"
run es "$CXMAP" --bogus
expect_rc 2 "usage error in Spanish"
expect_err "Pruebe «cxmap --help»" "usage hint in Spanish"
run es "$CXMAP" list "$T/nada.db"
expect_err "no existe el fichero" "error message in Spanish"

run es "$CXMAP" new --template demo "$T/demo.cxmap"
expect_rc 0 "a map from the Spanish demo template"
# the Spanish templates are what cxmap writes in Spanish, byte for byte
# (departments in Spanish order: Éxito del cliente with the E)
run es "$CXMAP" export --format json "$T/demo.cxmap"
ok; cmp -s "$T/out" "$top_srcdir/data/templates/demo.es.json" ||
	fail "the Spanish demo does not come back byte for byte: $(diff "$top_srcdir/data/templates/demo.es.json" "$T/out" | head -20)"
for t in b2b-saas retail; do
	run es "$CXMAP" new --template "$t" "$T/same-$t.cxmap"
	run es "$CXMAP" export --format json "$T/same-$t.cxmap"
	ok; cmp -s "$T/out" "$top_srcdir/data/templates/$t.es.json" ||
		fail "the Spanish $t does not come back byte for byte: $(diff "$top_srcdir/data/templates/$t.es.json" "$T/out" | head -20)"
done

UI_LANG=es_ES.UTF-8 UI_ENV="CXMAP_LOCALEDIR=$T/locale LANGUAGE=" ui_start 80 24 "$T/demo.cxmap"
expect_screen "A Etapa" "bottom bar in Spanish"
expect_screen "q Salir" "Quit fits the bar at 80 columns"
expect_screen "? Ayuda" "Help fits the bar at 80 columns"
expect_screen "sin responsable" "header counts in Spanish"
expect_screen "Emoción" "emotion curve title in Spanish"
# the keys people look for fit at 80 columns, on two lines
for k in "c Colab." "s Silo" "d Borrar" "/ Buscar" "u Deshacer" "Tab Vista" \
	"m Mapas" "D Dptos." "w Cambios" "x Exportar"; do
	expect_screen "$k" "the Spanish bar shows $k at 80 columns"
done
# departments in the order of Spanish (LC_COLLATE), not of bytes
ui_keys D
expect_screen "Éxito del cliente" "the departments view"
ok; [ "$(line_of "Éxito del cliente")" -lt "$(line_of "Finanzas")" ] ||
	fail "Éxito del cliente sorts with the E, before Finanzas: $(cat "$T/screen")"
ui_keys Tab Tab
expect_screen "A Etapa" "back on the board"
ui_keys ?
expect_screen "Teclas de cxmap" "help screen in Spanish"
expect_screen "En las tarjetas: &N" "the marks' legend opens the help"
expect_screen "deshace el último cambio" "help lists keys in Spanish"
ui_keys q
ui_keys l j d
expect_screen "(s/n)" "y/n question in Spanish"
ui_keys s
expect_screen "Borrado (u lo deshace)" "answered s(í): deleted"
ui_keys u
expect_screen "Deshecho: borrar" "undo in Spanish"
ui_keys Tab Tab
expect_screen "a la vista" "gaps view in Spanish"
expect_screen "sin responsable" "finding kinds in Spanish"
tm resize-window -t 0 -x 30 -y 10
expect_screen "Terminal demasiado" "too small, in Spanish"
ui_stop

# maps in the order of Spanish too
for name in "Zona norte" "Ágora" "Mercado"; do
	run es "$CXMAP" new --map "$name" "$T/maps.cxmap"
	expect_rc 0 "a map named $name"
done
UI_LANG=es_ES.UTF-8 UI_ENV="CXMAP_LOCALEDIR=$T/locale LANGUAGE=" ui_start 80 24 "$T/maps.cxmap"
ui_keys m
expect_screen "Mapas de este fichero" "the maps view"
ok; [ "$(line_of "Ágora")" -lt "$(line_of "Mercado")" ] ||
	fail "Ágora sorts with the A, first: $(cat "$T/screen")"
ui_stop

# "none recorded" agrees with what it is about: ninguna brecha, ningún silo
# (the blank template records none; the others record some)
run es "$CXMAP" new --template blank "$T/blank.cxmap"
run es "$CXMAP" export -o "$T/blank.md" "$T/blank.cxmap"
expect_rc 0 "export in Spanish"
ok; grep -q "No hay ninguna registrada" "$T/blank.md" || fail "no gaps: ninguna"
ok; grep -q "No hay ninguno registrado" "$T/blank.md" || fail "no silos: ninguno"
# the Spanish B2B template: its gaps, silo and actions in Spanish
run es "$CXMAP" new --template b2b-saas "$T/b2b.cxmap"
run es "$CXMAP" export -o "$T/b2b.md" "$T/b2b.cxmap"
expect_rc 0 "export of the B2B template in Spanish"
ok; grep -q "El cliente se entera de las subidas de precio" "$T/b2b.md" ||
	fail "the B2B template's gap, in Spanish"
ok; grep -q "Finanzas fija los precios de renovación" "$T/b2b.md" ||
	fail "the B2B template's silo, in Spanish"
finish
