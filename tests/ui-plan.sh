#!/bin/sh
# ui-plan.sh - metrics, voices, actions and moments of truth on the board
# (issue 13), in a real terminal (tmux): the detail pane beside the board
# on a wide terminal and none on a narrow one, adding each item with one
# key and one form and undoing it, the item's own form from the detail
# form, the moment-of-truth marker, the map's owners and success, and the
# same in LANG=C and with NO_COLOR.
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
export LC_ALL=C
# today is 2026-01-01 for the voice's default date and the overdue mark
UI_ENV="TZ=UTC CXMAP_TEST_NOW=1767268800"
DB="$T/plan.db"

# a stage with one card owned by Success, selected
setup_card() {
	expect_screen "press A to add the first stage" "empty map"
	ui_keys A; ui_type "Onboarding"; ui_keys Enter
	ui_keys a; ui_type "Kick-off call"; ui_keys Enter
	expect_screen "Kick-off call" "the card"
	ui_keys o; ui_type "Success"
	expect_screen '+ create "Success"' "owner picker"
	ui_keys Enter
	expect_screen_gone "(no owner)" "the card has an owner"
}

# --- at 120x40: a metric, a voice and an action by keys, in the pane -----
scenario_wide() {
	ui_start 120 40 "$DB"
	setup_card
	expect_screen "Metrics (0)" "the pane shows the card's empty lists"
	expect_screen "Owner: Success" "the pane shows the owner"
	# a metric: the name first, then the form
	ui_keys M
	expect_screen "Metric" "M asks the metric's name"
	ui_type "NPS"; ui_keys Enter
	expect_screen "New metric" "the metric's form"
	expect_screen "higher is better" "default direction"
	ui_keys j Enter; ui_type "31"; ui_keys Enter
	ui_keys j Enter; ui_type "soon"; ui_keys Enter
	expect_screen "Target (a number, such as 42 or 3.5, or nothing)" \
		"a target that is not a number is asked again with the reason"
	ui_keys C-u; ui_type "40"; ui_keys Enter
	ui_keys j Enter; ui_type "points"; ui_keys Enter
	expect_screen_re "Target +40" "the form shows the target"
	ui_keys C-d
	expect_screen "Metric added (u undoes)" "saved with Ctrl-D"
	expect_screen "Metrics (1)" "the pane counts the metric"
	expect_screen "NPS 31 / 40 points" "the pane shows value, target, unit"
	expect_screen "off target" "the pane says it is off target"
	expect_screen "Success $(printf '\342\226\274')1" "the card marks an off-target metric"
	ui_keys Tab
	expect_screen "$(printf '\342\226\274')Kick-off call" "the lanes mark it too"
	ui_keys BTab
	expect_screen "Metrics (1)" "back on the board"
	# a voice: the quote first; the customer's, dated today
	ui_keys V
	ui_type "Nobody told us who to call"; ui_keys Enter
	expect_screen "New voice" "the voice's form"
	expect_screen_re "Whose voice +customer" "a customer's voice by default"
	expect_screen_re "Date +2026-01-01" "dated today by default"
	ui_keys j Enter; ui_type "interview"; ui_keys Enter
	ui_keys C-d
	expect_screen "Voice added (u undoes)" "voice saved"
	expect_screen "customer: Nobody told us" "the pane shows whose voice and the quote"
	expect_screen "interview, 2026-01-01" "the pane shows the source and date"
	# an action: owned by the card's owner, an idea, impact and effort 2
	ui_keys T
	ui_type "Call within a day"; ui_keys Enter
	expect_screen "New action" "the action's form"
	expect_screen_re "Owner department +Success" "owner: the touchpoint's"
	expect_screen_re "Status +idea" "status idea"
	expect_screen_re "Impact +2 medium" "impact 2"
	ui_keys j j j j Enter; ui_type "2025-12-01"; ui_keys Enter
	ui_keys C-d
	expect_screen "Action added (u undoes)" "action saved"
	expect_screen "[idea] Call within a day" "the pane shows the action"
	expect_screen "Success, due 2025-12-01," "the pane shows the owner and due date"
	expect_screen "OVERDUE" "an overdue action is marked"
	# each one undone with u, newest first
	ui_keys u
	expect_screen_gone "Call within a day" "u takes the action back"
	ui_keys u
	expect_screen_gone "Nobody told us" "u takes the voice back"
	ui_keys u
	expect_screen_gone "NPS 31" "u takes the metric back"
	expect_screen "Metrics (0)" "no metric left"
	# and redone
	ui_keys C-r C-r
	expect_screen "NPS 31 / 40 points" "Ctrl-R brings the metric back"
	expect_screen "customer: Nobody told us" "and the voice"
	ui_keys q
	ui_stop
}

# --- at 80x24: no pane; the detail form shows, edits and deletes --------
scenario_narrow() {
	ui_start 80 24 "$DB"
	expect_screen "Kick-off call" "the card"
	expect_no_screen "Metrics (" "no pane on a narrow terminal"
	expect_no_screen "Nobody told us" "no pane: the quote is not shown"
	ui_keys j e
	expect_screen "NPS 31 / 40 points - off target" "the detail form lists the metric"
	expect_screen "customer: Nobody told us" "and the voice"
	expect_screen "+ add an action" "and a row to add an action"
	ui_keys j j j j j j
	expect_screen "Enter edits, d deletes" "on the metric's row"
	ui_keys Enter
	expect_screen "Better when" "Enter opens the metric's form"
	ui_keys j Enter; ui_keys C-u; ui_type "45"; ui_keys Enter
	expect_screen_re "Value +45" "the value is saved"
	ui_keys Escape
	expect_screen "NPS 45 / 40 points - on target" "now on target"
	ui_keys d
	expect_screen 'Delete the metric "NPS 45' "d asks before deleting"
	ui_keys y
	expect_screen_gone "NPS 45" "the metric is deleted"
	ui_keys Escape u
	ui_keys e
	expect_screen "NPS 45 / 40 points - on target" "u brings the metric back"
	ui_keys Escape
	# a moment of truth
	ui_keys '*'
	expect_screen "Marked a moment of truth (u undoes)" "* marks it"
	expect_screen "$(printf '\342\230\205') Kick-off call" "the card shows a star"
	ui_keys '?'
	expect_screen "Also on cards: $(printf '\342\226\274')N metrics off" \
		"the help's first page explains the new markers"
	ui_keys q
	ui_keys u
	expect_screen_gone "$(printf '\342\230\205') Kick-off call" "u unmarks it"
	ui_keys q
	ui_stop
}

# --- the map's owner, CX lead, success and its journey metrics ------------
scenario_map() {
	ui_start 100 30 "$DB"
	expect_screen "Kick-off call" "the board"
	ui_keys m
	expect_screen "Maps" "the maps view"
	ui_keys e
	expect_screen "Journey owner" "the map form has the journey owner"
	expect_screen "Definition of success" "and the definition of success"
	ui_keys j j j j Enter; ui_type "Ana Ruiz"; ui_keys Enter
	expect_screen_re "Journey owner +Ana Ruiz" "journey owner saved"
	ui_keys j Enter; ui_type "Luis Gil"; ui_keys Enter
	expect_screen_re "CX lead +Luis Gil" "CX lead saved"
	ui_keys j j Enter
	ui_type "Renewal rate"; ui_keys Enter
	expect_screen "New metric" "a journey metric's form"
	ui_keys C-d
	expect_screen "Renewal rate" "the journey metric is listed in the map form"
	ui_keys Escape q
	ui_stop
	# still there after reopening
	ui_start 100 30 "$DB"
	expect_screen "Kick-off call" "the board"
	ui_keys m e
	expect_screen_re "Journey owner +Ana Ruiz" "the owner was saved in the file"
	expect_screen "Renewal rate" "and the journey metric"
	ui_keys Escape q
	ui_stop
	# on a wide terminal, the pane of a stage shows the journey's
	ui_start 120 40 "$DB"
	expect_screen "Kick-off call" "the board"
	ui_keys j k
	expect_screen "The journey (1)" "the stage's pane has the journey"
	expect_screen "Journey owner: Ana Ruiz" "with its owner"
	expect_screen "CX lead: Luis Gil" "and its CX lead"
	expect_screen "Renewal rate -" "and its success metric"
	ui_keys q
	ui_stop
}

# --- LANG=C: ASCII markers; NO_COLOR: the words still say it --------------
scenario_ascii() {
	UI_LANG=C ui_start 120 40 "$DB"
	expect_screen "Kick-off call" "the card"
	ui_keys j
	expect_screen "Success v1 \"1" "ASCII markers for off target and voices"
	expect_screen "NPS 38 / 40 points v off target" "the pane in LANG=C"
	ui_keys M; ui_type "CSAT"; ui_keys Enter
	ui_keys j Enter; ui_type "3.5"; ui_keys Enter
	ui_keys j Enter; ui_type "4"; ui_keys Enter C-d
	expect_screen "Success v2 \"1" "ASCII marker counts two off target"
	expect_screen "CSAT 3.5 / 4 v off target" "the pane says off target in LANG=C"
	ui_keys '*'
	expect_screen "* Kick-off call" "ASCII moment of truth"
	ui_keys u q
	ui_stop
	UI_ENV="$UI_ENV NO_COLOR=1" ui_start 120 40 "$DB"
	expect_screen "Kick-off call" "the card"
	ui_keys j
	expect_screen "Success $(printf '\342\226\274')2" "NO_COLOR: the off-target marker"
	expect_screen "CSAT 3.5 / 4" "NO_COLOR: the pane shows the metric"
	expect_screen "off target" "NO_COLOR: off target in words"
	ui_keys q
	ui_stop
}

# --- two people change one metric's value: the second is asked -----------
scenario_conflict() {
	ME=$(id -un)
	ui_start 100 30 "$DB"
	A_SOCK=$TMUX_SOCK
	expect_screen "Kick-off call" "the first person"
	UI_N=$((UI_N + 1)); TMUX_SOCK="$T/tmux$UI_N.sock"
	tm -f /dev/null new-session -d -x 100 -y 30 \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color $UI_ENV '$CXMAP' '$DB'; sleep 60"
	tm set-option -g status off >/dev/null
	B_SOCK=$TMUX_SOCK
	expect_screen "with $ME" "the second person sees the first"
	# A opens NPS's value to type a new one
	TMUX_SOCK=$A_SOCK
	ui_keys j e j j j j j j Enter
	expect_screen "Better when" "A's metric form"
	ui_keys j Enter
	# B sets it meanwhile
	TMUX_SOCK=$B_SOCK
	ui_keys j e j j j j j j Enter
	expect_screen "Better when" "B's metric form"
	ui_keys j Enter C-u; ui_type "50"; ui_keys Enter
	expect_screen_re "Value +50" "B saved 50"
	TMUX_SOCK=$A_SOCK
	ui_keys C-u; ui_type "38"; ui_keys Enter
	expect_screen "Meanwhile $ME" "A is told who changed the value"
	expect_screen 'Save yours ("38") over it? (y/n)' "A is asked before saving over it"
	ui_keys n
	expect_screen "Kept their version" "A kept B's value"
	expect_screen_re "Value +50" "A's form shows B's value"
	ui_keys Enter C-u; ui_type "38"; ui_keys Enter
	expect_screen_re "Value +38" "A's next change is saved"
	# B's open form shows A's value, marked, and says who
	TMUX_SOCK=$B_SOCK
	expect_screen_re "Value +\* +38" "B's form marks the value A changed"
	expect_screen "$ME changed this meanwhile" "B is told who changed it"
	ui_keys Escape Escape q
	ui_stop
	TMUX_SOCK=$A_SOCK
	ui_keys Escape Escape q
	ui_stop
}

scenario_wide
scenario_narrow
scenario_conflict
scenario_map
scenario_ascii
finish
