#!/bin/sh
# inbound.sh: a prospect calls: give the call a rep, book the rep's earliest
# free slot this afternoon, and open the follow-up for after the meeting.
#
#	inbound.sh [-k KIND] [FILE | -]
#
# Reads inbound calls or leads as assign-rep(1) does (CSV with some of the
# columns client, name, region, product, received; FILE, or standard input),
# for instance one typed while the prospect is on the phone:
#
#	printf 'client,name,region,product\nc305,Greenfield Dental,Central,copiers\n' |
#	    inbound.sh -k demo
#
# For each call: assign-rep --record picks the rep (the client's owner, or
# the rules of the team) and files a new client; schedule book books a
# KIND (default meeting) in the rep's earliest free slot from 12:00 to the
# end of the rep's day today; followup add opens an inbound follow-up due
# two business days later.  When the rep has no free slot left today, the
# follow-up is due today instead: call the prospect back to find a time.
# One line per call says what was done.
#
# The data directory, configuration and clock come from the environment as
# for the tools (SALESDESK_DIR, SALESDESK_CONFIG, SALESDESK_NOW, TZ).
# Exit status: 0 when every call has a rep and a meeting, 1 when a call
# was left without one, else the status of the tool that failed.  Run it
# once per file of calls: a second run books a second meeting.
set -u

usage() {
	echo "usage: inbound.sh [-k KIND] [FILE | -]" >&2
	exit 64
}

kind=meeting
while getopts hk: opt; do
	case $opt in
	h) sed -n '2,/^set/s/^# \{0,1\}//p' "$0"; exit 0 ;;
	k) kind=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage

tmp=$(mktemp -d "${TMPDIR:-/tmp}/inbound.XXXXXX") || exit 73
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# The routing, recorded.  assign-rep exits 1 when a call found no rep: its
# rows still come out, and that call is reported below.
assign-rep --record -o tsv "$@" >"$tmp/assigned"
status=$?
[ $status -le 1 ] || exit $status

# One call per line: client, name, rep and reason, found by header name
# and separated by the unit separator, which tab-separated values never hold
# and which read(1) does not merge as it merges tabs.
us=$(printf '\037')
awk -F '\t' -v OFS="$us" '
function get(name) { return (name in col) ? $col[name] : "" }
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{ print get("client"), get("name"), get("rep"), get("reason") }
' "$tmp/assigned" >"$tmp/calls"

# book CLIENT REP: books the meeting into $tmp/meeting; exit 1 when the
# rep has no free slot left today.
book() {
	schedule book --rep "$2" --client "$1" --from 12:00 --to today \
	    --kind "$kind" --note "inbound call" -o tsv --no-header \
	    </dev/null >"$tmp/meeting"
}

# follow CLIENT REP DUE NOTE: opens the follow-up, prints its id.
follow() {
	followup add --client "$1" --rep "$2" --due "$3" --kind inbound \
	    --note "$4" -o tsv --no-header </dev/null >"$tmp/followup" || exit $?
	cut -f 1 "$tmp/followup"
}

while IFS=$us read -r client name rep reason; do
	if [ -z "$rep" ]; then
		echo "${client:-$name}: no rep: $reason"
		status=1
		continue
	fi
	if [ -z "$client" ]; then
		echo "$name: $rep ($reason), not booked: no client id"
		status=1
		continue
	fi
	book "$client" "$rep"
	rc=$?
	if [ $rc -eq 0 ]; then
		id=$(cut -f 1 "$tmp/meeting")
		at=$(cut -f 4 "$tmp/meeting")
		f=$(follow "$client" "$rep" +2bd "after $kind $id") || exit $?
		echo "$client: $rep ($reason), $kind $id at $at, follow-up $f"
	elif [ $rc -eq 1 ]; then
		f=$(follow "$client" "$rep" today "call back: no free slot today") ||
		    exit $?
		echo "$client: $rep ($reason), no free slot today: call back, follow-up $f"
		status=1
	else
		exit $rc
	fi
done <"$tmp/calls"
exit $status
