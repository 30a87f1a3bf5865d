#!/bin/sh
# crash.sh BIN REL: every command that writes, killed at every point of
# its write, and starved by a file-size limit.
#
# The data directory is the demo data (examples/demo, a year of a
# twelve-rep team) plus three contracts; the commands are lib.sh's.  Each
# runs once whole with faults.so tracing the calls that change files
# (write, fsync, rename, ftruncate, unlink, on files and directories):
# that run gives the new state and the points.  Then, from the old state
# each time, it is SIGKILLed before each point, and for a write also after
# half of its bytes and after all but its last one.  (A kill before a
# close(2) is a kill after the call before it.)
#
# What the store guarantees, and each kill checks:
#   - every data file is its old version or its new one, and parses
#     strictly -- at once, for a reader, not only after a repair.  A
#     file of up to 1 MiB is rewritten whole even for an append (a
#     temporary file, then rename).  Past 1 MiB an append goes in place
#     under DIR/.journal: until the next writer takes the lock, the file
#     may end with the interrupted rows after its old contents; then it
#     is cut back to the old version;
#   - a command that changes two files (followup log, assign-rep --record,
#     contracts add) changes one, then the other: each is whole, and the
#     first may be new while the second is old;
#   - the lock is free: it dies with the process;
#   - the next writer, on taking the lock, undoes an interrupted append
#     and removes every temporary file a killed writer left, in DIR and
#     in DIR/contracts; no reader or writer ever reads a temporary file.
#     A document that contracts add put in DIR/contracts before it was
#     killed, without its row, stays: contracts verify reports it.
#
# The same commands then run under file-size limits (RLIMIT_FSIZE, SIGXFSZ
# ignored, so write(2) fails with EFBIG): each must fail with exit 74 and
# a message, the files whole, or succeed with the new state.
#
# Last, on a book of 24,000 meetings (2.4 MB, so appends go in place):
# the kill points and limits of schedule add again, and kills after a
# random delay, in microseconds, inside the real system calls, of schedule
# add and schedule cancel.
set -u
BIN=$(cd "$1" && pwd) REL=$(cd "$2" && pwd) TOP=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/salesdesk-crash.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
. tests/reliability/lib.sh

# A kill before close(2) is a kill after the call before it: not counted.
KILL_OPS="SD_FAULT_OPS=write,fsync,rename,ftruncate,unlink SD_FAULT_NOSYNC=1"
points=0 limits=0 randoms=0 commands=0 partial=0

# The whole run: the new state and how many points it has.
clean_run() {
	reset
	rm -f "$T/log"
	if ! run_in $KILL_OPS SD_FAULT_TRACE=1 SD_FAULT_LOG="$T/log" -- "$2"
	then
		bad "$1: fails without faults: $(cat "$T/err")"
		return 1
	fi
	state "$W" >"$T/new"
	n=$(sed -n 's/^calls //p' "$T/log")
}

kill_at() {	# kill_at LABEL COMMAND N CUT WHAT
	reset
	run_in $KILL_OPS SD_FAULT_AT="$3" SD_FAULT_CUT="$4" \
	    SD_FAULT_ACTION=kill -- "$2"
	rc=$?
	[ $rc = 137 ] || bad "$1: point $5: not killed (exit $rc)"
	check_dir "$W" "$T/old" "$T/new" "$1, killed at point $5 (cut $4/1000)"
	k=$((k + 1))
}

# Each point: a kill before the call, and for a write also after half of
# its bytes and after all but its last byte.
kill_points() {	# kill_points LABEL COMMAND
	k=0
	sed -n 's/^call //p' "$T/log" >"$T/points"
	while read -r op i _ path; do
		what="$i, $op ${path#$W/}"
		kill_at "$1" "$2" "$i" 0 "$what"
		if [ "$op" = write ]; then
			kill_at "$1" "$2" "$i" 500 "$what"
			kill_at "$1" "$2" "$i" 1000 "$what"
		fi
	done <"$T/points"
}

# File sizes to stop at: nothing, one byte, a page, and some of the sizes
# just under and half of each file the command changed.
limit_sizes() {
	printf '0\n1\n4096\n'
	awk '{ print $2 - 1; print int($2 / 2) }' "$T/new" | sort -un |
	    grep -v '^-' | while read -r s; do
		grep -q " $((s + 1)) " "$T/old" || echo "$s"
	    done | awk 'NR % 3 == 1'
}

# A write that fails is exit 74 with a message, every file its old or
# new version: a command that changes two files (followup log, assign-rep
# --record, contracts add) changes them one after the other, so the first
# may be new and the second old.
limit_at() {	# limit_at LABEL COMMAND BYTES
	reset
	run_in SD_FAULT_NOSYNC=1 SD_FAULT_FSIZE="$3" -- "$2"
	rc=$?
	case $rc in
	0) out=$(whole "$W" "$T/new" "$T/new") ||
		bad "$1: limit $3: exit 0 but not the new state: $out" ;;
	74) [ -s "$T/err" ] || bad "$1: limit $3: exit 74 without a message"
		whole "$W" "$T/old" "$T/old" >/dev/null ||
		    partial=$((partial + 1)) ;;
	*) bad "$1: limit $3: exit $rc: $(cat "$T/err")" ;;
	esac
	check_dir "$W" "$T/old" "$T/new" "$1, limit $3"
}

one_command() {	# one_command LABEL COMMAND
	clean_run "$1" "$2" || return
	commands=$((commands + 1))
	kill_points "$1" "$2"
	l=0
	for s in $(limit_sizes); do
		limit_at "$1" "$2" "$s"
		l=$((l + 1))
	done
	echo "crash: $1: $n calls, $k kill points, $l file-size limits"
	points=$((points + k)) limits=$((limits + l))
}

# Kill after a random delay, microseconds from 0 to span: inside the real
# system calls, without the shim.
random_kill() {	# random_kill LABEL COMMAND SPAN SEED
	reset
	delay=$(awk -v s="$4" -v span="$3" 'BEGIN { srand(s);
	    printf "%.6f", rand() * span / 1e6 }')
	(cd "$W" && SALESDESK_DIR="$W" exec sh -c "exec $2") \
	    >/dev/null 2>"$T/err" &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	case $rc in
	0|137) ;;
	*) bad "$1: random kill: exit $rc: $(cat "$T/err")" ;;
	esac
	check_dir "$W" "$T/old" "$T/new" "$1, killed after ${delay}s"
	randoms=$((randoms + 1))
}

random_kills() {	# random_kills LABEL COMMAND TRIES
	reset
	start=$(date +%s%N)
	(cd "$W" && SALESDESK_DIR="$W" sh -c "exec $2") >/dev/null 2>&1 ||
	    bad "$1: fails on the big book"
	span=$((($(date +%s%N) - start) / 1000))
	state "$W" >"$T/new"
	i=1
	while [ "$i" -le "$3" ]; do
		random_kill "$1" "$2" "$span" "$i"
		i=$((i + 1))
	done
	echo "crash: $1: $3 random kills within ${span}us"
	randoms=$((randoms + $3))
}

# A book of 24,000 meetings (2.4 MB, past the 1 MiB up to which an
# append rewrites the file): the demo's, again and again.
big_book() {
	awk -F, 'NR == 1 { print; next } { rows[NR] = $0 }
	END {
		for (k = 0; k < 60; k++)
			for (i = 2; i <= NR; i++) {
				r = rows[i]; sub(/^M[0-9]+/, "M" (k * 1000 + i), r)
				print r
			}
	}' "$1/meetings.csv" >"$2/meetings.csv"
}

demo_dir "$BASE" || { echo "crash: cannot set up the demo data"; exit 1; }
inputs
state "$BASE" >"$T/old"
commands >"$T/commands"
while IFS='|' read -r label cmd; do
	one_command "$label" "$cmd"
done <"$T/commands"

cp -Rp "$BASE" "$T/big"
big_book "$BASE" "$T/big"
BASE=$T/big INPLACE=meetings.csv INPLACE_OLD=$T/big/meetings.csv
state "$BASE" >"$T/old"
add="schedule add --rep alice --client c001 --at 2026-12-03T14:00"
one_command "schedule add, 24,000 meetings" "$add"
random_kills "schedule add, 24,000 meetings" "$add" 15
random_kills "schedule cancel, 24,000 meetings" "schedule cancel M200" 15

echo "crash: $commands commands: $points kill points, $limits file-size" \
    "limits ($partial left one of two files changed), $randoms random" \
    "kills; $failures failures"
[ "$failures" = 0 ]
