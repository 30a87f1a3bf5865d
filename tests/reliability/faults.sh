#!/bin/sh
# faults.sh BIN REL: every command that writes, with one write(2),
# fsync(2), rename(2), close(2) or malloc(3) failing.
#
# Each command of lib.sh runs once whole with faults.so tracing its calls
# on the data directory and its files, then once for each traced call of
# write, fsync, rename and close failing with EIO, from the same old
# state.
# Each such run must either
#   - exit 74, its last line on stderr "TOOL: FILE: ..." (warnings may come
#     before), every data file its old or new version, or
#   - exit 0 with the new state, when the call could not matter: a close
#     of a descriptor read from, or of the lock, or a failure in writing
#     a cache the store rebuilds when it does not match (DIR/.ids after
#     the write, DIR/.meetings.index): it costs a rescan, never data.
# For malloc, some fifteen calls spread over the whole run and the last
# fifteen (where the writing is) return NULL -- the program's own
# allocations, see faults.c -- and the command must exit non-zero with a
# message, or succeed; never die by a signal; the files stay whole.
# After each run the next writer's lock must find no temporary file and
# no journal.
#
# The binaries are the normal build: a sanitizer runtime must be loaded
# first and does not mix with a preloaded malloc.
set -u
BIN=$(cd "$1" && pwd) REL=$(cd "$2" && pwd) TOP=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/salesdesk-faults.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
. tests/reliability/lib.sh

IO_OPS="SD_FAULT_OPS=write,fsync,rename,close SD_FAULT_NOSYNC=1"
tried=0 reported=0 harmless=0 mallocs=0

# The whole run, traced: the new state, and the calls in $T/calls.
clean_run() {	# clean_run LABEL COMMAND OPS
	reset
	rm -f "$T/log"
	if ! run_in $3 SD_FAULT_TRACE=1 SD_FAULT_LOG="$T/log" -- "$2"; then
		bad "$1: fails without faults: $(cat "$T/err")"
		return 1
	fi
	state "$W" >"$T/new"
	# Calls on the data directory only (not on zone files); the
	# directory's fsync after the rename of a cache belongs to it.
	awk -v dir="$W" '/^call / { sub(/^call /, "")
		if ($1 != "malloc" && index($4, dir) != 1) next
		if (cache && $1 == "fsync") $0 = $0 " (cache)"
		cache = $1 == "rename" && $4 ~ /\/\.(ids|meetings\.index)$/
		print }' "$T/log" >"$T/calls"
}

# Could failing this call go unreported?  A close of a descriptor read
# from (the replaced file's own, too) or of the lock; a call on one of the
# store's caches, whose failures cost a rebuild, never data: DIR/.ids
# (store.c) and DIR/.meetings.index (bookindex.c).
harmless() {	# harmless "OP N MODE PATH"
	case $1 in
	"close "*" r "*|"close "*" (deleted)"|"close "*"/.lock") return 0 ;;
	*/.ids|*/..ids.tmp.??????|*" (cache)") return 0 ;;
	*/.meetings.index|*/..meetings.index.tmp.??????) return 0 ;;
	*/.meetings.index.tmp.??????) return 0 ;;
	esac
	return 1
}

fail_io() {	# fail_io LABEL COMMAND N "OP N MODE PATH"
	reset
	run_in $IO_OPS SD_FAULT_AT="$3" -- "$2"
	rc=$?
	what="$1: $4 failing"
	case $rc in
	0) if ! harmless "$4"; then
		bad "$what: exit 0, the failure unreported"
	   elif ! out=$(whole "$W" "$T/new" "$T/new"); then
		bad "$what: exit 0 but not the new state: $out"
	   fi
	   harmless=$((harmless + 1)) ;;
	74) if ! tail -n 1 "$T/err" | grep -q "^${1%% *}: [^ ]*: " ||
	    grep -qv "^${1%% *}: " "$T/err"; then
		bad "$what: no clear message: $(cat "$T/err")"
	    fi
	    reported=$((reported + 1)) ;;
	*) bad "$what: exit $rc: $(cat "$T/err")" ;;
	esac
	check_dir "$W" "$T/old" "$T/new" "$what"
	tried=$((tried + 1))
}

fail_malloc() {	# fail_malloc LABEL COMMAND N
	reset
	run_in SD_FAULT_OPS=malloc SD_FAULT_NOSYNC=1 SD_FAULT_AT="$3" -- "$2"
	rc=$?
	what="$1: malloc $3 failing"
	if [ "$rc" -ge 128 ]; then
		bad "$what: killed by signal $((rc - 128)): $(cat "$T/err")"
	elif [ "$rc" != 0 ] && [ ! -s "$T/err" ]; then
		bad "$what: exit $rc without a message"
	fi
	echo "exit $rc $(tail -n 1 "$T/err")" >>"$T/oom"
	check_dir "$W" "$T/old" "$T/new" "$what"
	mallocs=$((mallocs + 1))
}

# Some fifteen calls spread over the run, and its last fifteen.
malloc_points() {	# malloc_points COUNT
	awk -v n="$1" 'BEGIN {
		step = int(n / 15) + 1
		for (i = 1; i <= n; i += step) print i
		for (i = n - 14; i <= n; i++) if (i > 0) print i
	}' | sort -un
}

one_command() {	# one_command LABEL COMMAND
	clean_run "$1" "$2" "$IO_OPS" || return
	t0=$tried
	while read -r op i rest; do
		fail_io "$1" "$2" "$i" "$op $i $rest"
	done <"$T/calls"
	clean_run "$1" "$2" "SD_FAULT_OPS=malloc SD_FAULT_NOSYNC=1" || return
	m0=$mallocs
	for i in $(malloc_points "$(wc -l <"$T/calls")"); do
		fail_malloc "$1" "$2" "$i"
	done
	echo "faults: $1: $((tried - t0)) I/O calls failed," \
	    "$((mallocs - m0)) of $(wc -l <"$T/calls") mallocs failed"
}

demo_dir "$BASE" || { echo "faults: cannot set up the demo data"; exit 1; }
inputs
state "$BASE" >"$T/old"
commands >"$T/commands"
while IFS='|' read -r label cmd; do
	one_command "$label" "$cmd"
done <"$T/commands"
echo "faults: the malloc failures ended in:"
sed 's/^\(exit [0-9]*\) \([^ :]*\): .*: /\1 \2: /' "$T/oom" | sort |
    uniq -c | sort -rn | sed 's/^ */  /'
echo "faults: $tried I/O failures ($reported reported with exit 74," \
    "$harmless harmless), $mallocs malloc failures; $failures failures"
[ "$failures" = 0 ]
