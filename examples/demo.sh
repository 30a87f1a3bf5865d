#!/bin/sh
# demo.sh: a sales coordinator's morning, on a copy of the demo data.
#
#	sh examples/demo.sh	what `make demo` runs: the steps, for a person
#	sh examples/demo.sh -m	the same steps as Markdown: the README's tour
#
# The demo team's clock is pinned to Tuesday 2026-12-01, 08:30 in Chicago.
# Every step runs the real tools of bin/ on a copy of examples/demo in a
# temporary directory, removed at the end: examples/demo is never written.
# A step that fails stops the demo with the tool's exit status.
set -eu

markdown=0
case ${1-} in
-m) markdown=1 ;;
'') ;;
*) echo "usage: demo.sh [-m]" >&2; exit 64 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
PATH="$top/bin:$PATH"
export SALESDESK_NOW=2026-12-01T08:30 TZ=America/Chicago LC_ALL=C
unset SALESDESK_CONFIG XDG_DATA_HOME

work=$(mktemp -d "${TMPDIR:-/tmp}/salesdesk-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
cp -R "$here/demo" "$work/desk"
cp -R "$here/leads.csv" "$here/documents" "$work"
export SALESDESK_DIR="$work/desk"
cd "$work"

# step TITLE TEXT: a heading and a sentence before the commands of a step.
step() {
	if [ $markdown = 1 ]; then
		printf '\n### %s\n\n%s\n' "$1" "$2"
	else
		printf '\n== %s\n%s\n' "$1" "$2" | fold -s -w 78
	fi
}

# show COMMAND...: print each command as typed, then run it.  In Markdown
# the commands of a step share one block, and a long output is cut after
# $cut lines, with the number of lines left out.
cut=20
show() {
	[ $markdown = 0 ] || printf '\n```'
	for c; do
		printf '\n$ %s\n' "$c"
		if [ $markdown = 0 ]; then
			eval "$c"
			continue
		fi
		eval "$c" >"$work/out" 2>&1 || { cat "$work/out" >&2; return 1; }
		awk -v cut=$cut 'NR <= cut { print } END {
			if (NR > cut) printf "... (%d more lines)\n", NR - cut }' \
		    "$work/out"
	done
	[ $markdown = 0 ] || printf '```\n'
}

if [ $markdown = 0 ]; then
	echo "salesdesk demo: Lakeshore Office Systems, twelve reps in three time zones."
	echo "Now is Tuesday 2026-12-01 08:30 in Chicago; the tools work on a copy of"
	echo "examples/demo, removed at the end."
fi

step "Today, rep by rep" \
"Each rep's day in the rep's own time zone: Alice's 09:00 is New York's, Ines's
is Los Angeles's.  Kate is away all day and Elena from 13:00."
show "schedule agenda -o table"

step "The call list" \
"Open follow-ups due today or before, most overdue first, then by expected
value, with the client's name and phone number."
show "followup due -o table"

step "Follow-ups after yesterday's and the weekend's meetings" \
"Every meeting held since Saturday gets one follow-up call, two business
days after it ended; running it twice opens nothing new."
show "schedule list --status done --from -3d | followup plan -o table"

step "Late deliveries from the shipping export" \
"Orders past their promised date and not shipped, shipped but not installed
within five business days, or with an open issue: one call each."
show "followup deliveries -o table"

step "A prospect calls" \
"Eastgate Insurance (c187) wants a demo this afternoon.  Their rep, Elena, is
away from 13:00, so the earliest free hour of any rep in Central is booked."
show "schedule book --region Central --client c187 --from 13:00 --to today --kind demo --where Chicago -o table"

step "Inbound web leads" \
"The night's web form, routed: a known client goes to its owner, the others
by weighted round robin among the reps who cover the region and product and
are neither away nor at capacity.  --explain shows each candidate's standing;
--record keeps the decisions and files the new clients."
show "assign-rep --explain --record -o table leads.csv"

step "Contracts, and the renewals to call about" \
"Documents go into a checksummed store; those whose notice date falls in the
next 60 days become renewal follow-ups, due on the notice date."
show "contracts add documents/northgate-service-agreement.txt --client c241 --title 'Service agreement' --starts 2026-01-01 --term 12m --notice 30d --renewal auto --rep bruno | cut -d, -f1-3,6" \
    "contracts add documents/parkside-copier-lease.txt --client c113 --title 'Copier lease' --starts 2025-02-01 --term 24m --notice 60d --renewal manual --rep kate | cut -d, -f1-3,6" \
    "contracts add documents/parkside-catering-quote.txt --client c042 --title 'Quote Q-2026-118' --kind quote --status sent --rep carmen | cut -d, -f1-3,6" \
    "contracts expiring --within 60d | followup plan -o table"

step "The quarter: actual against target" \
"Sales against the targets, prorated by day, per region, with bars; --by rep,
month or any other keys, and -o html for a page to mail."
show "report sales --by region --chart"

step "The pipeline" \
"Open follow-ups by intent: how many, their value, and the value weighted by
the probability the rep gave."
show "report pipeline --by intent -o table"

if [ $markdown = 0 ]; then
	echo
	echo "Done.  examples/morning.sh, inbound.sh and weekly-report.sh run the same"
	echo "tools from cron; the manual starts at salesdesk(7): man -l man/salesdesk.7"
fi
