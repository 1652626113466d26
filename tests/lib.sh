# lib.sh - shared by the shell tests: a private folder, and assertions
# that say what a user would have seen.
set -u
: "${CXMAP:?run me through make check}"
T=$(mktemp -d "${TMPDIR:-/tmp}/cxmap-sh-XXXXXX")
trap 'for s in "$T"/tmux*.sock; do [ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null; done; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
FAILS=0
CHECKS=0

fail() { FAILS=$((FAILS + 1)); printf 'FAIL: %s\n' "$*"; }
ok() { CHECKS=$((CHECKS + 1)); }

# run CMD...: runs it, keeping stdout in $T/out, stderr in $T/err, status in $rc
run() { "$@" >"$T/out" 2>"$T/err"; rc=$?; }

expect_rc() { ok; [ "$rc" -eq "$1" ] || fail "$2: exit $rc, want $1 (stderr: $(cat "$T/err"))"; }
expect_out() { ok; grep -q -- "$1" "$T/out" || fail "$2: stdout lacks '$1': $(cat "$T/out")"; }
expect_err() { ok; grep -q -- "$1" "$T/err" || fail "$2: stderr lacks '$1': $(cat "$T/err")"; }
expect_no_out() { ok; [ ! -s "$T/out" ] || fail "$1: unexpected stdout: $(cat "$T/out")"; }
expect_lines() { ok; n=$(wc -l <"$T/out"); [ "$n" -eq "$1" ] || fail "$2: $n lines, want $1"; }

finish() {
	printf '%s: %d checks, %d failed\n' "$(basename "$0")" "$CHECKS" "$FAILS"
	[ "$FAILS" -eq 0 ]
}

# --- driving the interface in a real terminal (tmux) ---
UI_N=0
TMUX_SOCK="$T/tmux0.sock"
tm() { tmux -S "$TMUX_SOCK" "$@"; }

# ui_start COLS LINES ARGS...: starts cxmap in a fresh tmux session; the
# environment comes from the caller (LANG, NO_COLOR, TERM...).
ui_start() {
	cols=$1 lines=$2
	shift 2
	tm kill-server 2>/dev/null
	UI_N=$((UI_N + 1))
	TMUX_SOCK="$T/tmux$UI_N.sock"
	printf '%s\n' "$@" >"$T/ui-args"
	tm -f /dev/null new-session -d -x "$cols" -y "$lines" \
		"env LANG='${UI_LANG:-C.UTF-8}' LC_ALL='${UI_LANG:-C.UTF-8}' TERM='${UI_TERM:-xterm-256color}' ${UI_ENV:-} '$CXMAP' $*; echo CXMAP-EXIT=\$?; sleep 60"
	tm set-option -g status off >/dev/null
	ui_wait "" || true
}
ui_keys() { tm send-keys -t 0 "$@"; }
ui_type() { tm send-keys -t 0 -l "$1"; }
ui_screen() { tm capture-pane -p -t 0; }
ui_screen_escapes() { tm capture-pane -p -e -t 0; }
# ui_until TEST ARGS...: reads the screen into $T/screen until the shell
# function TEST ARGS... succeeds on it, for up to 5 s
ui_until() {
	i=0
	while [ $i -lt 50 ]; do
		ui_screen >"$T/screen" 2>/dev/null
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
screen_has() { [ -z "$1" ] || grep -qF -- "$1" "$T/screen"; }
screen_matches() { grep -qE -- "$1" "$T/screen"; }
screen_lacks() { ! grep -qF -- "$1" "$T/screen"; }
screen_line_has() { sed -n "$1p" "$T/screen" | grep -qF -- "$2"; }
# ui_wait TEXT: waits up to 5 s for TEXT on the screen (fixed string)
ui_wait() { ui_until screen_has "$1"; }
# expect_screen TEXT WHAT: the screen shows TEXT (waiting for it)
expect_screen() {
	ok
	ui_wait "$1" || fail "$2: screen lacks '$1':
$(cat "$T/screen")"
}
# expect_no_screen TEXT WHAT: after things settle, TEXT is not shown
expect_no_screen() {
	ok
	sleep 0.3
	ui_screen >"$T/screen"
	if grep -qF -- "$1" "$T/screen"; then fail "$2: screen shows '$1':
$(cat "$T/screen")"; fi
}
# ui_wait_escapes REGEX: waits up to 5 s for REGEX in the screen with its
# attributes as escape sequences
ui_wait_escapes() {
	i=0
	while [ $i -lt 50 ]; do
		ui_screen_escapes | grep -q -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
ui_stop() { tm kill-server 2>/dev/null; }
# expect_screen_re REGEX WHAT: the screen matches the extended REGEX
# (waiting for it), e.g. "Name +Invoice" for a form's selected card
expect_screen_re() {
	ok
	ui_until screen_matches "$1" || fail "$2: screen does not match '$1':
$(cat "$T/screen")"
}
# expect_screen_gone TEXT WHAT: TEXT leaves the screen (waiting for it)
expect_screen_gone() {
	ok
	ui_until screen_lacks "$1" || fail "$2: screen still shows '$1':
$(cat "$T/screen")"
}
# expect_screen_line N TEXT WHAT: line N of the screen shows TEXT (waiting)
expect_screen_line() {
	ok
	ui_until screen_line_has "$1" "$2" || fail "$3: line $1 lacks '$2':
$(cat "$T/screen")"
}
