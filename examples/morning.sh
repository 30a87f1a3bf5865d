#!/bin/sh
# morning.sh: the coordinator's morning, for a person or for cron.
#
#	morning.sh [ORDERS.csv]
#
# Prints, as tables: today's agenda of every rep; the delivery and issue
# follow-ups opened from the shipping department's export (ORDERS.csv,
# else orders.csv in the data directory); the renewal follow-ups opened for
# the contracts whose notice date comes within a month; then the call list,
# which includes what was just opened for today.  A section with nothing
# in it says "none".
#
# The data directory, configuration and clock come from the environment as
# for the tools themselves (SALESDESK_DIR, SALESDESK_CONFIG, SALESDESK_NOW,
# TZ).  Opening follow-ups is idempotent: a second run the same day opens
# nothing new.  Exit status: 0, or the status of the first step that failed
# (its error is on standard error); the other steps still run.
set -u

case ${1-} in
-h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
-*) echo "usage: morning.sh [ORDERS.csv]" >&2; exit 64 ;;
esac
if [ $# -gt 1 ]; then
	echo "usage: morning.sh [ORDERS.csv]" >&2
	exit 64
fi

# cron gives a job a pipe on standard input, and followup reads rows from
# a pipe in preference to its own files: read nothing from there.
exec </dev/null

tmp=$(mktemp -d "${TMPDIR:-/tmp}/morning.XXXXXX") || exit 73
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
status=0

# section TITLE COMMAND...: a heading, then what the command printed.
section() {
	title=$1
	shift
	"$@" >"$tmp/out"
	rc=$?
	[ $rc -eq 0 ] || [ $status -ne 0 ] || status=$rc
	printf '== %s\n' "$title"
	if [ -s "$tmp/out" ]; then
		cat "$tmp/out"
	elif [ $rc -eq 0 ]; then
		echo none
	else
		echo "failed (exit $rc)"
	fi
	echo
}

# The notice dates of the coming month, one renewal follow-up each.  Through
# a file, not a pipe, so that a failing contracts is not hidden.
renewals() {
	contracts expiring --within 1m -o csv >"$tmp/expiring" &&
	    followup plan -o table "$tmp/expiring"
}

section "Today's agenda" schedule agenda -o table
section "New delivery and issue follow-ups" followup deliveries -o table "$@"
section "New renewal follow-ups" renewals
section "The call list" followup due -o table
exit $status
