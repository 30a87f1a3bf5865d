# bash completion for the salesdesk tools: schedule, followup, assign-rep,
# report and contracts.
#
# Completes commands, the options of each command, the fixed values of
# options (kinds, statuses, formats, report keys, ...), and from the data
# directory (-d on the line, else SALESDESK_DIR, else the default) rep ids,
# regions and product lines from reps.csv, client ids from clients.csv,
# scheduled meeting ids, open follow-up ids and contract ids.  Installed as
# .../bash-completion/completions/salesdesk with a link per tool, so that
# bash-completion loads it on first use; or source it from ~/.bashrc.
# It needs bash alone, not the bash-completion package.

# Options that take no value; every other option takes one.
_salesdesk_flags=" -h --help --version --no-header -n --dry-run --force --week
 --overdue --done --record --explain --forecast --chart "
_salesdesk_shared="-h --help --version -d --dir -c --config -o --format
 --no-header --now"

# _salesdesk_commands TOOL
_salesdesk_commands() {
	case $1 in
	schedule) echo add slots book list agenda move cancel "done" no-show check export import ;;
	followup) echo plan add due log deliveries stale list ;;
	assign-rep) echo stats ;;
	report) echo sales expenses activity pipeline ;;
	contracts) echo add list show path cat set search expiring verify ;;
	esac
}

# _salesdesk_options TOOL COMMAND: the options of a command, besides the
# shared ones.  COMMAND is empty for assign-rep's routing.
_salesdesk_options() {
	local w="-n --dry-run"
	case $1/$2 in
	schedule/add) printf '%s\n' $w --rep --client --at --for --until --kind --where --note --force ;;
	schedule/slots) printf '%s\n' --rep --region --product --on --from --to --for --count --where ;;
	schedule/book) printf '%s\n' $w --rep --region --product --client --on --from --to --for --kind --where --note ;;
	schedule/list|schedule/export) printf '%s\n' --rep --client --from --to --on --status --kind ;;
	schedule/agenda) printf '%s\n' --rep --on --week ;;
	schedule/move) printf '%s\n' $w --at --for --until --force ;;
	schedule/cancel|schedule/done|schedule/no-show) printf '%s\n' $w ;;
	schedule/import) printf '%s\n' $w --rep ;;
	followup/plan) printf '%s\n' $w --after ;;
	followup/add) printf '%s\n' $w --client --rep --due --kind --source --note ;;
	followup/due) printf '%s\n' --on --rep --overdue ;;
	followup/log) printf '%s\n' $w --intent --probability --value --terms --roadblock --note --next --done ;;
	followup/deliveries) printf '%s\n' $w ;;
	followup/stale) printf '%s\n' --days ;;
	followup/list) printf '%s\n' --rep --client --status --kind ;;
	assign-rep/) printf '%s\n' $w --strategy --record --explain ;;
	assign-rep/stats) printf '%s\n' --period ;;
	report/sales) printf '%s\n' --by --period --forecast --chart ;;
	report/expenses|report/activity) printf '%s\n' --by --period ;;
	report/pipeline) printf '%s\n' --by ;;
	contracts/add|contracts/set) printf '%s\n' $w --client --title --kind --status --signed --starts --expires --term --notice --renewal --rep --note ;;
	contracts/list) printf '%s\n' --client --kind --status --rep ;;
	contracts/expiring) printf '%s\n' --within --on --rep ;;
	esac
}

# _salesdesk_all_options TOOL: every option the tool takes (-n/--dry-run
# is offered only with a command that writes, but every tool takes it).
_salesdesk_all_options() {
	local c
	{
		echo $_salesdesk_shared --dry-run
		[ "$1" = assign-rep ] && _salesdesk_options assign-rep ""
		for c in $(_salesdesk_commands "$1"); do
			_salesdesk_options "$1" "$c"
		done
	} | tr ' ' '\n' | sort -u
}

# _salesdesk_column FILE COLUMN [STATUS]: the values of COLUMN, found by
# header name, in the rows of FILE whose status is STATUS when given.
# A small CSV reader: quoted fields, doubled quotes; a field may not span
# lines (such a row only yields junk that matches no word typed).
_salesdesk_column() {
	[ -r "$1" ] || return 0
	awk -v want="$2" -v status="$3" '
	function split_csv(line, f,    n, i, c, q, v) {
		n = 1; q = 0; v = ""
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q && c == "\"" && substr(line, i + 1, 1) == "\"") { v = v c; i++ }
			else if (c == "\"") q = !q
			else if (!q && c == ",") { f[n++] = v; v = "" }
			else v = v c
		}
		f[n] = v
		return n
	}
	{ sub(/\r$/, "") }
	NR == 1 {
		sub(/^\357\273\277/, "")
		n = split_csv($0, h)
		for (i = 1; i <= n; i++) {
			k = tolower(h[i]); gsub(/^[ \t]+|[ \t]+$/, "", k)
			if (k == want) col = i
			if (k == "status") scol = i
		}
		if (!col) exit
		next
	}
	{
		split_csv($0, f)
		if (status != "" && f[scol] != status) next
		v = f[col]; gsub(/^[ \t]+|[ \t]+$/, "", v)
		if (v != "" && !seen[v]++) print v
	}' "$1" 2>/dev/null
}

# _salesdesk_dir: the data directory the command line would use.
_salesdesk_dir() {
	local i w
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-d|--dir)
			if [ "${COMP_WORDS[i + 1]}" = "=" ]; then
				w=${COMP_WORDS[i + 2]}
			else
				w=${COMP_WORDS[i + 1]}
			fi
			echo "${w/#\~/$HOME}"
			return ;;
		--dir=*) w=${w#--dir=}; echo "${w/#\~/$HOME}"; return ;;
		esac
	done
	if [ -n "${SALESDESK_DIR-}" ]; then
		echo "$SALESDESK_DIR"
	elif [ -n "${XDG_DATA_HOME-}" ]; then
		echo "$XDG_DATA_HOME/salesdesk"
	else
		echo "$HOME/.local/share/salesdesk"
	fi
}

# _salesdesk_values TOOL COMMAND OPTION: the words OPTION's value may be.
_salesdesk_values() {
	local dir
	dir=$(_salesdesk_dir)
	case $1/$3 in
	*/--rep) _salesdesk_column "$dir/reps.csv" rep ;;
	*/--client) _salesdesk_column "$dir/clients.csv" client ;;
	*/--region) _salesdesk_column "$dir/reps.csv" region | grep -vx '[*]' ;;
	*/--product) _salesdesk_column "$dir/reps.csv" products |
	    tr ';' '\n' | grep -vx '[*]' | sort -u ;;
	schedule/--kind) echo meeting call demo visit away ;;
	schedule/--status) echo scheduled "done" cancelled no-show ;;
	followup/--kind) echo meeting inbound delivery issue renewal ;;
	followup/--status) echo open "done" cancelled ;;
	followup/--intent) echo hot warm cold won lost ;;
	contracts/--kind) echo contract nda quote proposal price-list brochure template other ;;
	contracts/--status) echo draft sent signed active expired terminated ;;
	contracts/--renewal) echo auto manual none ;;
	assign-rep/--strategy) echo round-robin least-loaded first-free ;;
	*/--period) echo this-month last-month this-quarter last-quarter \
	    this-year last-year mtd qtd ytd ;;
	*/--on|*/--at|*/--due|*/--next|*/--from|*/--to|*/--now|*/--signed|\
	*/--starts|*/--expires)
		echo today tomorrow yesterday mon tue wed thu fri sat sun ;;
	schedule/-o|schedule/--format) echo csv tsv table json ics ;;
	report/-o|report/--format) echo csv tsv table json md html ;;
	*/-o|*/--format) echo csv tsv table json ;;
	esac
}

# _salesdesk_by COMMAND: the keys of report --by.
_salesdesk_by() {
	case $1 in
	sales) echo rep region product client year quarter month week ;;
	expenses) echo rep category year quarter month week ;;
	activity) echo rep client year quarter month week ;;
	pipeline) echo rep client intent year quarter month week ;;
	esac
}

# _salesdesk_ids TOOL COMMAND: the ids the command's operand may be.
_salesdesk_ids() {
	local dir
	dir=$(_salesdesk_dir)
	case $1/$2 in
	schedule/move|schedule/cancel|schedule/done|schedule/no-show)
		_salesdesk_column "$dir/meetings.csv" id scheduled ;;
	followup/log) _salesdesk_column "$dir/followups.csv" id open ;;
	contracts/show|contracts/path|contracts/cat|contracts/set)
		_salesdesk_column "$dir/contracts.csv" id ;;
	esac
}

# _salesdesk_add: each line of standard input, a file name that may hold
# spaces, as one more word of COMPREPLY.
_salesdesk_add() {
	local l
	while IFS= read -r l; do
		COMPREPLY+=("$l")
	done
}

_salesdesk() {
	local tool=${COMP_WORDS[0]##*/} cur=${COMP_WORDS[COMP_CWORD]}
	local prev="" cmd="" nargs=0 i w words
	COMPREPLY=()
	if ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		[ "$prev" = "=" ] && prev=${COMP_WORDS[COMP_CWORD - 2]}
		[ "$cur" = "=" ] && { prev=${COMP_WORDS[COMP_CWORD - 1]}; cur=""; }
	fi

	# The command, and how many operands follow it before the cursor.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		=) ((i++)); continue ;;
		-*=*) continue ;;
		-*)
			[[ $_salesdesk_flags == *" $w "* ]] ||
			    [ "${COMP_WORDS[i + 1]}" = "=" ] || ((i++))
			continue ;;
		esac
		if [ -z "$cmd" ] && [[ " $(_salesdesk_commands "$tool") " == *" $w "* ]]; then
			cmd=$w
		else
			((nargs++))
		fi
	done

	# The value of an option.
	case $prev in
	-d|--dir)
		compopt -o filenames 2>/dev/null
		COMPREPLY=(); _salesdesk_add < <(compgen -d -- "$cur")
		return ;;
	-c|--config)
		compopt -o filenames 2>/dev/null
		COMPREPLY=(); _salesdesk_add < <(compgen -f -- "$cur")
		return ;;
	--by)
		local typed=${cur%"${cur##*,}"}
		COMPREPLY=($(compgen -P "$typed" -W "$(_salesdesk_by "$cmd")" -- "${cur##*,}"))
		compopt -o nospace 2>/dev/null
		return ;;
	-*)
		if [[ $_salesdesk_flags != *" $prev "* ]]; then
			words=$(_salesdesk_values "$tool" "$cmd" "$prev")
			[ -n "$words" ] && COMPREPLY=($(compgen -W "$words" -- "$cur"))
			return
		fi ;;
	esac

	if [[ $cur == -* ]]; then
		words="$_salesdesk_shared $(_salesdesk_options "$tool" "$cmd")"
		if [ -z "$cmd" ] && [ "$tool" != assign-rep ]; then
			words="$words -n --dry-run"
		fi
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return
	fi
	if [ -z "$cmd" ] && { [ "$tool" != assign-rep ] || [ $nargs -eq 0 ]; }; then
		COMPREPLY=($(compgen -W "$(_salesdesk_commands "$tool")" -- "$cur"))
		[ "$tool" = assign-rep ] || return
	fi
	case $tool/$cmd in
	schedule/move|schedule/cancel|schedule/done|schedule/no-show|\
	followup/log|contracts/show|contracts/path|contracts/cat|contracts/set)
		((nargs > 0)) ||
		    COMPREPLY=($(compgen -W "$(_salesdesk_ids "$tool" "$cmd")" -- "$cur")) ;;
	schedule/import)
		compopt -o filenames 2>/dev/null
		COMPREPLY=(); _salesdesk_add < <(compgen -f -X '!*.ics' -- "$cur"; compgen -d -- "$cur") ;;
	schedule/list|schedule/check|followup/plan|followup/deliveries|\
	assign-rep/|report/sales|report/expenses|contracts/add)
		compopt -o filenames 2>/dev/null
		_salesdesk_add < <(compgen -f -- "$cur") ;;
	esac
}

complete -F _salesdesk schedule followup assign-rep report contracts
