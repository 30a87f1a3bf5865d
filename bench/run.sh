#!/bin/sh
# bench/run.sh BUILDDIR BINDIR SCALE RUNS: the benchmark behind make bench.
#
# Makes the data once per SCALE (BUILDDIR/data-SCALE, by BUILDDIR/gen),
# then times each tool next to what a user would pick instead, on the same
# files in the same run: cat, wc -l, sha256sum, sort, sqlite3 and mlr
# (installed through apt when missing and run as root; skipped when not to
# be had).  Each command runs RUNS times (a write command on a fresh copy
# of its files each time, copied untimed); the table shows the median
# wall time and the peak resident memory over the runs, the ratios, the
# targets of issue 9, and whether every answer agreed: report's sales per
# rep and month against sqlite3's integer cents and mlr's sums, the other
# tools against what the generator planted.  A command a tool does not
# have yet shows n/a.
set -u
build=$1 bin=$(cd "$2" && pwd) scale=$3 runs=$4
timer=$(cd "$build" && pwd)/timer
data=$build/data-$scale
work=$build/work
export SALESDESK_NOW=2026-12-01T09:30 TZ=America/Chicago LC_ALL=C
unset SALESDESK_DIR SALESDESK_CONFIG

if [ ! -f "$data/expect.txt" ]; then
	echo "bench: generating the data at scale $scale in $data"
	rm -rf "$data"
	"$build/gen" "$data" "$scale" && sync || exit 1
fi
data=$(cd "$data" && pwd)
rm -rf "$work" && mkdir -p "$work/d" || exit 1
work=$(cd "$work" && pwd)
expect() { sed -n "s/^$1=//p" "$data/expect.txt"; }

# Peers: sqlite3 and Miller, from Debian when missing and we may.
want() {
	command -v "$1" >/dev/null 2>&1 && return 0
	[ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
	echo "bench: installing $2 for the comparison"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" \
	    >/dev/null 2>&1
	command -v "$1" >/dev/null 2>&1
}
want sqlite3 sqlite3 && have_sqlite=1 || have_sqlite=0
want mlr miller && have_mlr=1 || have_mlr=0
command -v duckdb >/dev/null 2>&1 && have_duckdb=1 || have_duckdb=0

# measure PREP CMD...: run CMD $runs times, PREP (shell text) untimed
# before each; sets wall (median seconds), mb (peak MB) and rc (the last
# exit status); the last run's output is in $work/out, or in $sink.
sink=
measure() {
	prep=$1
	shift
	: >"$work/times"
	i=0
	while [ $i -lt "$runs" ]; do
		[ -z "$prep" ] || eval "$prep"
		"$timer" -o "${sink:-$work/out}" -e "$work/err" "$@" \
		    >>"$work/times"
		i=$((i + 1))
	done
	wall=$(sort -n "$work/times" | awk '{ w[NR] = $1 }
	    END { print w[int((NR + 1) / 2)] }')
	mb=$(awk '$2 > m { m = $2 } END { printf "%.1f", m / 1024 }' \
	    "$work/times")
	rc=$(tail -n 1 "$work/times" | cut -d' ' -f3)
}

# Read files once, untimed: every command is timed on a warm cache.
warm() { cat "$@" >/dev/null; }

# A tool's command that does not exist yet exits 64 (or cannot run).
missing() { [ "$rc" = 64 ] || [ "$rc" = 127 ]; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
met() { if le "$@"; then echo met; else echo "NOT met"; fi; }

table=$work/table
printf '| task | command | wall s | peak MB | ratio | target | answer |\n' \
    >"$table"
printf '| --- | --- | ---: | ---: | --- | --- | --- |\n' >>"$table"
row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@" >>"$table"; }
rows=$(($(wc -l <"$data/meetings.csv") - 1))

# Sales: actual per rep and month over every row, with the targets.
sales() {
	s=$data/sales.csv
	warm "$s" "$data/targets.csv"
	sink=/dev/null
	measure "" cat "$s"
	sink=
	row "sales.csv, $(expect sales_rows) rows, $(($(wc -c <"$s") / 1000000)) MB" \
	    "cat" "$wall" "$mb" "" "" ""
	measure "" wc -l "$s"
	wc=$wall
	row "" "wc -l" "$wall" "$mb" "1.00x" "" ""
	measure "" "$bin/report" -d "$data" sales --by rep,month \
	    --period 2024-01-01..2026-12-31
	if missing; then
		row "" "report sales --by rep,month" n/a n/a "" "" ""
		return
	fi
	awk -F, 'NR > 1 && $1 != "total" { c = $3; sub(/\./, "", c);
	    print $1 "," $2 "," c + 0 }' "$work/out" | sort >"$work/report.cents"
	groups=$(wc -l <"$work/report.cents")
	report=$wall report_mb=$mb
	cp "$work/out" "$work/report.out"
	answers=""
	command -v taskset >/dev/null 2>&1 && sales_one_processor
	sales_stdin
	[ $have_sqlite = 1 ] && sales_sqlite
	[ $have_mlr = 1 ] && sales_mlr
	[ $have_duckdb = 1 ] && sales_duckdb
	row "" "**report sales --by rep,month**" "**$report**" "$report_mb" \
	    "$(ratio "$report" "$wc") wc -l, $(ratio "$report" 2.7) DuckDB's 2.7 s" \
	    "<= 3x wc -l: $(met "$report" "$(awk -v w="$wc" 'BEGIN { print 3 * w }')"); <= 1.3 s: $(met "$report" 1.3); < 50 MB: $(met "$report_mb" 49.9)" \
	    "$groups groups;${answers%;}"
	cat "$work/peers" 2>/dev/null >>"$table"
	rm -f "$work/peers"
}

# Same sums to the cent as report's, or say how many differ.
agree() {
	sort "$1" >"$1.sorted"
	if cmp -s "$1.sorted" "$work/report.cents"; then
		answers="$answers $2 agrees to the cent;"
	else
		answers="$answers $2 DIFFERS in $(comm -3 "$1.sorted" \
		    "$work/report.cents" | wc -l) lines;"
	fi
}

# The same report on one processor: what the second one adds.
sales_one_processor() {
	measure "" taskset -c 0 "$bin/report" -d "$data" sales --by rep,month \
	    --period 2024-01-01..2026-12-31
	if cmp -s "$work/out" "$work/report.out"; then
		same="the same output"
	else
		same="DIFFERENT output"
		answers="$answers the one-processor run DIFFERS;"
	fi
	peer "report sales ... on one processor (taskset -c 0)" "$wall" \
	    "$mb" "$(ratio "$wall" "$report") report" "$same"
}

# The same report from standard input: the libcsv path, one thread.
sales_stdin() {
	measure "" sh -c "exec $bin/report -d $data sales --by rep,month \
	    --period 2024-01-01..2026-12-31 - <$data/sales.csv"
	if cmp -s "$work/out" "$work/report.out"; then
		answers="$answers the libcsv path agrees byte for byte;"
	else
		answers="$answers the libcsv path DIFFERS;"
	fi
	peer "report sales ... - <sales.csv (libcsv, 1 thread)" "$wall" \
	    "$mb" "$(ratio "$wall" "$report") report" "the same output"
}

peer() { printf '| | %s | %s | %s | %s | | %s |\n' "$@" >>"$work/peers"; }

sales_sqlite() {
	measure "" sqlite3 :memory: -cmd ".mode csv" \
	    -cmd ".import $data/sales.csv sales" \
	    -cmd ".import $data/targets.csv targets" \
	    -cmd "CREATE INDEX by_rep ON targets (rep, period)" \
	    "WITH a AS (SELECT rep, substr(date, 1, 7) AS month,
	    sum(CAST(round(amount * 100) AS INTEGER)) AS cents FROM sales
	    GROUP BY 1, 2) SELECT a.rep, a.month, a.cents, t.target FROM a
	    LEFT JOIN targets t ON t.rep = a.rep AND t.period = a.month;"
	cut -d, -f1-3 "$work/out" >"$work/sqlite.cents"
	agree "$work/sqlite.cents" sqlite3
	peer "sqlite3 (.import, GROUP BY, join)" "$wall" "$mb" \
	    "$(ratio "$wall" "$report") report" "integer cents"
}

sales_mlr() {
	measure "" mlr --icsv --ocsv put '$month = substr0($date, 0, 6)' \
	    then stats1 -a sum -f amount -g rep,month \
	    then join --ur -f "$data/targets.csv" -l rep,period -r rep,month \
	    -j rep,month then put '$actual = fmtnum($amount_sum, "%.2lf")' \
	    then cut -o -f rep,month,actual,target "$data/sales.csv"
	awk -F, 'NR > 1 { c = $3; sub(/\./, "", c); print $1 "," $2 "," c + 0 }' \
	    "$work/out" >"$work/mlr.cents"
	agree "$work/mlr.cents" mlr
	peer "mlr (stats1, join)" "$wall" "$mb" \
	    "$(ratio "$wall" "$report") report" "float sums, to 2 places"
}

sales_duckdb() {
	measure "" duckdb -csv -noheader -c "SELECT rep, strftime(date, '%Y-%m'),
	    sum(CAST(round(amount * 100) AS BIGINT)) FROM
	    read_csv('$data/sales.csv', types = {'amount': 'DECIMAL(18,2)'})
	    GROUP BY ALL"
	agree "$work/out" duckdb
	peer "duckdb" "$wall" "$mb" "$(ratio "$wall" "$report") report" \
	    "integer cents"
}

# The calendar: conflicts over the whole book, one entry added into it.
calendar() {
	m=$work/d/meetings.csv
	warm "$data/meetings.csv"
	measure "" sort -t, -k2,2 -k4,4 "$data/meetings.csv"
	sorted=$wall
	row "meetings.csv, $rows entries" "sort -t, -k2,2 -k4,4 (the order a check needs)" \
	    "$wall" "$mb" "" "" ""
	measure "cp $data/meetings.csv $data/reps.csv $work/d/" \
	    "$bin/schedule" -d "$work/d" check
	if missing; then
		row "" "schedule check" n/a n/a "" "< 2 s" ""
	else
		pairs=$(($(wc -l <"$work/out") - 1))
		row "" "**schedule check**" "**$wall**" "$mb" \
		    "$(ratio "$wall" "$sorted") sort" "< 2 s: $(met "$wall" 1.999)" \
		    "$(answer "$pairs" "$(expect conflicts)" "conflicting pairs") (exit $rc)"
	fi
	# A fresh copy of the book is new to the tools: the first booking
	# reads it whole to build the per-rep index and the id cache.  That
	# one is untimed; the timed one is a coordinator's next booking.
	measure "cp $data/meetings.csv $data/reps.csv $work/d/; rm -f \
	    $work/d/.ids $work/d/.meetings.index; $bin/schedule -d $work/d \
	    add --rep r0002 --client c00002 --at 2026-12-02T15:00 --for 30m \
	    >/dev/null" \
	    "$bin/schedule" -d "$work/d" add --rep r0001 --client c00001 \
	    --at 2026-12-02T15:00 --for 30m
	if missing; then
		row "" "schedule add" n/a n/a "" "< 50 ms" ""
	else
		row "" "**schedule add** (into the $rows-entry book)" "**$wall**" \
		    "$mb" "" "< 0.05 s: $(met "$wall" 0.0499)" \
		    "$(answer $(($(wc -l <"$m") - 1)) $((rows + 2)) "entries after") (exit $rc)"
	fi
}

# answer GOT WANT WHAT
answer() {
	if [ "$1" = "$2" ]; then
		echo "$1 $3, as planted"
	else
		echo "$1 $3, WANTED $2"
	fi
}

calls() {
	n=$(expect calls)
	warm "$data/calls.csv" "$data/followups.csv"
	measure "cp $data/reps.csv $data/clients.csv $data/followups.csv $data/meetings.csv $work/d/" \
	    "$bin/assign-rep" -d "$work/d" "$data/calls.csv"
	if missing; then
		row "calls.csv, $n calls, 1000 reps" "assign-rep" n/a n/a "" "< 3 s" ""
		return
	fi
	got=$(awk -F, 'NR > 1 && $(NF - 1) != "" { k++ } END { print k + 0 }' \
	    "$work/out")
	row "calls.csv, $n calls, 1000 reps" "**assign-rep**" "**$wall**" "$mb" \
	    "" "< 3 s: $(met "$wall" 2.999)" \
	    "$(answer "$got" "$n" "calls given a rep") (exit $rc)"
}

plan() {
	f=$(expect followups)
	measure "cp $data/meetings.csv $data/followups.csv $data/reps.csv $work/d/" \
	    "$bin/followup" -d "$work/d" plan
	if missing; then
		row "$rows meetings, $f follow-ups" "followup plan" n/a n/a "" \
		    "< 3 s" ""
		return
	fi
	opened=$(($(wc -l <"$work/out") - 1))
	plan=$wall
	row "$rows meetings, $f follow-ups" "**followup plan**" "**$wall**" \
	    "$mb" "" "< 3 s: $(met "$wall" 2.999)" \
	    "$(answer "$opened" "$(expect plan_opens)" "opened") (exit $rc)"
	[ $have_sqlite = 1 ] || return
	measure "" sqlite3 :memory: -cmd ".mode csv" \
	    -cmd ".import $data/meetings.csv m" \
	    -cmd ".import $data/followups.csv f" \
	    "SELECT count(*) FROM m WHERE status = 'done' AND id NOT IN
	    (SELECT source FROM f WHERE kind = 'meeting');"
	row "" "sqlite3 (.import, anti-join)" "$wall" "$mb" \
	    "$(ratio "$wall" "$plan") followup plan" "" \
	    "$(answer "$(cat "$work/out")" "$opened" "done meetings without one")"
}

store() {
	n=$(expect contracts)
	mb_store=$(($(expect contract_bytes) / 1000000))
	warm "$data"/contracts/*
	measure "" sh -c "sha256sum $data/contracts/*"
	sha=$wall
	awk '{ print $1 }' "$work/out" | sort >"$work/sha.sums"
	awk -F, 'NR > 1 { print $7 }' "$data/contracts.csv" | sort \
	    >"$work/csv.sums"
	row "contracts store, $n files, $mb_store MB" "sha256sum" "$wall" "$mb" \
	    "1.00x" "" "$(cmp -s "$work/sha.sums" "$work/csv.sums" &&
	    echo "every sum as recorded" || echo "SUMS DIFFER")"
	measure "" "$bin/contracts" -d "$data" verify
	if missing; then
		row "" "contracts verify" n/a n/a "" "<= 1.1x sha256sum" ""
		return
	fi
	row "" "**contracts verify**" "**$wall**" "$mb" "$(ratio "$wall" "$sha") sha256sum" \
	    "<= 1.1x sha256sum: $(met "$wall" "$(awk -v s="$sha" 'BEGIN { print 1.1 * s }')")" \
	    "exit $rc$([ "$rc" = 0 ] && echo ": every file intact")"
}

echo "bench: scale $scale, $runs runs each, on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); $(date -u +%Y-%m-%d)" |
    tee "$work/table.notes"
sales
calendar
calls
plan
store
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" \
    >>"$work/table.notes"
echo
cat "$table" "$work/table.notes"
cat "$table" "$work/table.notes" >"$build/table-$scale.md"
