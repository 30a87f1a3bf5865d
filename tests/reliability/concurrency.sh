#!/bin/sh
# concurrency.sh BIN REL [ROUNDS]: eight writers and two readers on one
# book, ROUNDS times (default 3), then once more on a big book.
#
# Each round starts from an empty data directory (no reps.csv: any rep,
# the default hours 09:00-17:00 Monday to Friday).  Writer p books 250
# meetings for its own rep wp, on slots no other booking touches (six a
# weekday, 80 minutes apart, from 2027-01-04): all 2,000 must succeed.
# Between them, every writer also tries the same 10 slots of one shared
# rep: exactly one booking of each may win, the others must be refused
# with exit 1, since the conflict check and the write happen under one
# lock.  Meanwhile two readers loop: schedule list and schedule check
# (always exit 0: the book never holds a conflict), and report activity;
# any other exit (65 would be a torn file) fails the round.
#
# After the round: 2,010 rows, every id once, each writer's 250 slots
# once, one booking per shared slot, schedule check exit 0, no temporary
# file, no journal, the lock free.
#
# A last round books 8 x 50 into a book of 9,000 old rows (1.1 MB): past
# 1 MiB an append goes in place under the journal instead of rewriting
# the file, and the readers must not see that either.
#
# fsync(2) on a disk makes each booking wait for the disk, and 8 writers
# share one lock: the round runs in /dev/shm when it exists (a process
# crash or a race is the same in memory), else in TMPDIR.
set -u
BIN=$(cd "$1" && pwd) REL=$(cd "$2" && pwd) TOP=$(pwd) rounds=${3:-3}
base=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
T=$(mktemp -d "$base/salesdesk-concurrency.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
. tests/reliability/lib.sh

WRITERS=8
bookings=0 refusals=0 reads=0

# The weekdays from 2027-01-04 on, as many as the writers need.
weekdays() {
	awk -v n="$1" 'BEGIN {
		split("31 28 31 30 31 30 31 31 30 31 30 31", dim, " ")
		y = 2027; m = 1; d = 4; wd = 0	# a Monday
		while (n > 0) {
			if (wd < 5) { printf "%04d-%02d-%02d\n", y, m, d; n-- }
			wd = (wd + 1) % 7
			if (++d > dim[m]) { d = 1; if (++m > 12) { m = 1; y++ } }
		}
	}'
}

# Slot k (0-based) of the plan: a weekday and one of six times.
slots() {	# slots COUNT: "DATE TIME" lines
	weekdays $((($1 + 5) / 6)) | awk -v n="$1" '{
		split("09:00 10:20 11:40 13:00 14:20 15:40", t, " ")
		for (i = 1; i <= 6 && k < n; i++) { print $1 " " t[i]; k++ }
	}'
}

writer() {	# writer P: its own slots, and a try at each shared one
	i=0
	while read -r day time; do
		schedule add --rep "w$1" --client "c$1-$i" \
		    --at "${day}T$time" >/dev/null 2>>"$T/w$1.err" ||
		    echo "w$1 ${day}T$time: exit $?" >>"$T/w$1.bad"
		i=$((i + 1))
		[ $((i % 25)) != 0 ] || shared_try "$1" $((i / 25))
	done <"$T/slots"
}

shared_try() {	# shared_try P K: slot K of the shared rep
	at=$(sed -n "$2p" "$T/shared" | tr ' ' T)
	schedule add --rep shared --client "c$1" --at "$at" >/dev/null \
	    2>/dev/null
	echo "$at $?" >>"$T/shared.$1"
}

reader() {	# reader N: loops until $T/stop exists
	n=0
	while [ ! -e "$T/stop" ]; do
		if [ "$1" = 1 ]; then
			schedule list >/dev/null 2>>"$T/r1.err" ||
			    echo "schedule list: exit $?" >>"$T/r1.bad"
			schedule check >/dev/null 2>>"$T/r1.err" ||
			    echo "schedule check: exit $?" >>"$T/r1.bad"
		else
			report activity --period 2027 >/dev/null \
			    2>>"$T/r2.err" ||
			    echo "report activity: exit $?" >>"$T/r2.bad"
		fi
		n=$((n + 1))
	done
	echo "$n" >"$T/r$1.count"
}

# The book after the round, against the plan.
verify() {	# verify ROUND
	book=$SALESDESK_DIR/meetings.csv
	rows=$(($(grep -c -v "^M[0-9]*,old" "$book") - 1))
	want=$((WRITERS * EACH + SHARED))
	[ "$rows" = "$want" ] || bad "round $1: $rows rows, expected $want"
	dups=$(cut -d, -f1 "$book" | sort | uniq -d | head -3)
	[ -z "$dups" ] || bad "round $1: ids used twice: $dups"
	p=1
	while [ $p -le $WRITERS ]; do
		got=$(grep -c "^M[0-9]*,w$p," "$book")
		[ "$got" = "$EACH" ] || bad "round $1: w$p has $got rows"
		[ ! -s "$T/w$p.bad" ] || bad "round $1: $(head -3 "$T/w$p.bad")"
		p=$((p + 1))
	done
	won=$(cat "$T"/shared.* | awk '$2 == 0' | wc -l)
	lost=$(cat "$T"/shared.* | awk '$2 == 1' | wc -l)
	[ "$won" = "$SHARED" ] || bad "round $1: $won shared slots won"
	[ $((won + lost)) = $((WRITERS * SHARED)) ] ||
	    bad "round $1: a shared try neither won nor was refused"
	shared=$(grep -c "^M[0-9]*,shared," "$book")
	[ "$shared" = "$SHARED" ] || bad "round $1: $shared shared rows"
	schedule check >/dev/null || bad "round $1: schedule check: exit $?"
	[ -z "$(temp_files "$SALESDESK_DIR")" ] && [ ! -e "$SALESDESK_DIR/.journal" ] ||
	    bad "round $1: temporary files or journal left"
	flock -n "$SALESDESK_DIR/.lock" true || bad "round $1: lock held"
	for r in 1 2; do
		[ ! -s "$T/r$r.bad" ] ||
		    bad "round $1: reader $r: $(sort "$T/r$r.bad" | uniq -c |
		    head -3) $(head -3 "$T/r$r.err")"
	done
	bookings=$((bookings + won + WRITERS * EACH))
	refusals=$((refusals + lost))
	reads=$((reads + $(cat "$T/r1.count") + $(cat "$T/r2.count")))
}

round() {	# round N
	rm -rf "$T/data" "$T"/w* "$T"/r* "$T"/shared.* "$T/stop"
	mkdir "$T/data"
	[ -z "${PREFILL:-}" ] || cp "$PREFILL" "$T/data/meetings.csv"
	export SALESDESK_DIR="$T/data"
	reader 1 & r1=$!
	reader 2 & r2=$!
	pids=""
	p=1
	while [ $p -le $WRITERS ]; do
		writer $p & pids="$pids $!"
		p=$((p + 1))
	done
	wait $pids
	touch "$T/stop"
	wait $r1 $r2
	verify "$1"
}

# plan EACH: each writer's slots, and the shared rep's: one for every 25
# of a writer's bookings.
plan() {
	EACH=$1 SHARED=$(($1 / 25))
	slots "$EACH" >"$T/slots"
	slots "$SHARED" >"$T/shared"
}

# A book of 9,000 cancelled meetings (1.1 MB): past the size up to which
# an append rewrites the file, so the bookings go in place, under the
# journal, while the readers read.
big_book() {
	awk 'BEGIN {
		print "id,rep,client,start,end,kind,location,status,note"
		for (i = 1; i <= 9000; i++)
			printf "M%d,old%d,c%d,2026-01-05T09:00-06:00,"	\
			    "2026-01-05T10:00-06:00,meeting,Chicago,"	\
			    "cancelled,a meeting of long ago, kept\n",	\
			    i, i % 50, i
	}' | sed 's/,a meeting of long ago, kept$/,"a meeting of long ago, kept"/'
}

plan 250
i=1
while [ $i -le "$rounds" ]; do
	round $i
	i=$((i + 1))
done
big_book >"$T/big.csv"
plan 50
PREFILL=$T/big.csv
round "$i (a book past 1 MiB)"
echo "concurrency: $i rounds of $WRITERS writers: $bookings bookings," \
    "$refusals double bookings refused, $reads reads; $failures failures"
[ "$failures" = 0 ]
