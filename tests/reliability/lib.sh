# lib.sh: what the reliability tests share.  Sourced with BIN (the tools),
# REL (faults.so and sdcheck) and T (a scratch directory) set.
#
# A data directory's state is its data files: every file whose name does
# not start with a dot, contracts/ included.  The others are the store's
# own (.lock, .ids, .journal, .meetings.index, temporary files), checked
# by what they do: the lock is free, the next writer's lock leaves no
# temporary file and no journal, and a booking read through the index
# still sees every meeting (probe below).  A state is kept as "CRC SIZE
# NAME" lines (cksum), so telling whether a file is its old or its new
# version is one awk pass, not a cmp per file.

export PATH="$BIN:$PATH" LC_ALL=C TZ=America/Chicago
export SALESDESK_NOW=2026-12-01T08:30
unset SALESDESK_DIR SALESDESK_CONFIG XDG_DATA_HOME LD_PRELOAD SD_FAULT_OPS \
    SD_FAULT_AT SD_FAULT_ACTION SD_FAULT_CUT SD_FAULT_LOG SD_FAULT_TRACE \
    SD_FAULT_MALLOC SD_FAULT_FSIZE SD_FAULT_NOSYNC SD_FAULT_ERRNO

failures=0 W=$T/data BASE=$T/base

# A failure: say what was tried and what went wrong, and carry on.
bad() {
	failures=$((failures + 1))
	echo "FAIL: $*"
}

temp_files() {	# temp_files DIR: temporary files of the store, if any
	find "$1" -name '.*.tmp.??????'
}

state() {	# state DIR: CRC SIZE NAME of each data file, sorted
	(cd "$1" && find . -type f ! -name '.*' -exec cksum {} + | sort -k 3)
}

csv_files() {	# csv_files DIR: the CSV data files, for sdcheck parse
	find "$1" -maxdepth 1 -name '*.csv' | sort
}

# whole DIR OLD NEW: every data file of DIR is its version in state OLD
# or in state NEW, and none is missing or new to both.  Prints the
# offenders.
whole() {
	state "$1" | awk -v old="$2" -v new="$3" '
	BEGIN {
		while ((getline l < old) > 0) { split(l, f, " "); o[f[3]] = l }
		while ((getline l < new) > 0) { split(l, f, " "); n[f[3]] = l }
	}
	{
		seen[$3] = 1
		if ($0 != o[$3] && $0 != n[$3]) { print $3 ": torn"; bad = 1 }
	}
	END {
		for (k in o) if (!(k in seen) && (k in n)) {
			print k ": lost"; bad = 1 }
		exit bad
	}'
}

# An append to a file over 1 MiB goes in place, and its interrupted rows
# stay at the end of the file until the next writer takes the lock:
# allowed when INPLACE names that file and its old version, INPLACE_OLD,
# is all there before them.
tail_only() {	# tail_only DIR OFFENDERS
	[ -n "${INPLACE:-}" ] && [ "$2" = "./$INPLACE: torn" ] &&
	    cmp -s -n "$(wc -c <"$INPLACE_OLD")" "$INPLACE_OLD" "$1/$INPLACE"
}

# check_dir DIR OLD NEW WHAT: the data files are whole (or the in-place
# append above); the lock is free.  Then the next writer's first step
# (taking the lock) leaves no temporary file and no journal, and every
# file whole and parsing strictly.
check_dir() {
	if ! out=$(whole "$1" "$2" "$3") && ! tail_only "$1" "$out"; then
		bad "$4: after the kill: $out"
	fi
	if ! flock -n "$1/.lock" true; then
		bad "$4: the lock is still held"
	fi
	if ! out=$("$REL/sdcheck" lock "$1" 2>&1); then
		bad "$4: the next writer cannot lock: $out"
	fi
	if [ -n "$(temp_files "$1")" ] || [ -e "$1/.journal" ]; then
		bad "$4: left after the next lock: $(temp_files "$1")" \
		    "$([ -e "$1/.journal" ] && echo .journal)"
	fi
	if ! out=$(whole "$1" "$2" "$3"); then
		bad "$4: after the next lock: $out"
	fi
	if ! out=$("$REL/sdcheck" parse $(csv_files "$1") 2>&1); then
		bad "$4: does not parse: $out"
	fi
	probe "$1" "$4"
}

# The demo's alice is busy on 2026-12-03 from 10:00 to 11:00 in every
# state the commands make: a booking then must be refused, whatever the
# store's index of meetings.csv says.
probe() {	# probe DIR WHAT
	(cd "$1" && SALESDESK_DIR="$1" exec schedule add -n --rep alice \
	    --client probe --at 2026-12-03T10:00) >/dev/null 2>&1 </dev/null
	rc=$?
	[ $rc = 1 ] || bad "$2: a booking over alice's 10:00 meeting: exit $rc"
}

# demo_dir DIR: the demo data with a contracts store of three documents.
demo_dir() {
	cp -R "$TOP/examples/demo" "$1"
	printf '%%PDF-1.4 master agreement\n' >"$T/msa.pdf"
	printf 'mutual NDA\n' >"$T/nda.txt"
	printf 'price list 2027\n' >"$T/prices.csv"
	contracts -d "$1" add "$T/msa.pdf" --client c001 --title "Master" \
	    --kind contract --status active --starts 2026-01-01 --term 12m \
	    --notice 30d --rep alice >/dev/null &&
	contracts -d "$1" add "$T/nda.txt" --client c002 --title "NDA" \
	    --kind nda >/dev/null &&
	contracts -d "$1" add "$T/prices.csv" --client c003 --title "Prices" \
	    --kind price-list >/dev/null
}

# The commands, one a line: LABEL|COMMAND (run in the data directory).
commands() {
	cat <<-EOF
	schedule add|schedule add --rep alice --client c001 --at 2026-12-03T14:00 --note 'crash test'
	schedule move|schedule move M199 --at 2026-12-03T13:00
	schedule cancel|schedule cancel M200
	schedule import|schedule import --rep alice $T/busy.ics
	followup plan|followup plan
	followup add|followup add --client c001 --rep alice --due 2026-12-04 --note 'crash test'
	followup log|followup log F8 --intent warm --probability 40 --value 1200 --note called
	followup deliveries|followup deliveries
	assign-rep --record|assign-rep --record $T/calls.csv
	contracts add|contracts add $T/renewal.txt --client c004 --title 'Renewal 2027' --kind contract --expires 2027-06-30
	contracts set|contracts set K1 --status signed --note 'crash test'
	EOF
}

inputs() {
	schedule -d "$BASE" export --rep bruno --from 2026-12-02 \
	    --to 2026-12-05 -o ics >"$T/busy.ics"
	printf 'client,name,region,product\nc001,,East,printers\n%s\n%s\n' \
	    'n1,New Co,Central,copiers' 'n2,Other Co,West,service' \
	    >"$T/calls.csv"
	printf 'renewal terms for 2027\n' >"$T/renewal.txt"
}

reset() {
	rm -rf "$W"
	cp -Rp "$BASE" "$W"
}

# run_in ENV... -- COMMAND: the command in the data directory, with the
# shim preloaded (into the command only, not the shell that reads its
# words) and ENV set; stdout dropped, stderr in $T/err through a pipe (a
# file would be under the file-size limit too).
run_in() {
	(cd "$W" && export SALESDESK_DIR="$W" && while [ "$1" != -- ]; do
		export "$1"; shift; done; shift
	sh -c "LD_PRELOAD='$REL/faults.so' exec $1" 2>&1 >/dev/null </dev/null
	echo $? >"$T/rc") | cat >"$T/err"
	return "$(cat "$T/rc")"
}
