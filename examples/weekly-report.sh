#!/bin/sh
# weekly-report.sh: the quarter's sales against target, as an html page
# mailed to management.
#
#	weekly-report.sh [-f FILE] [ADDRESS ...]
#
# Makes `report sales --by rep --period this-quarter --forecast -o html`,
# one self-contained page with a chart, and mails it to each ADDRESS with
# sendmail(8) (looked for on PATH, then in /usr/sbin and /usr/lib, where
# cron's short PATH does not reach), else with mail(1) of bsd-mailx.  With
# no ADDRESS, or no mailer on the machine, or with -f, the page is written
# to FILE (default: sales-DATE.html in the current directory) and the
# script says where.  A quarter with no sales and no target mails nothing.
#
# The data directory, configuration and clock come from the environment as
# for the tools (SALESDESK_DIR, SALESDESK_CONFIG, SALESDESK_NOW, TZ).
# Exit status: 0 when the page was mailed or written; else the status of
# report(1), of the mailer, or 73 when FILE cannot be written.
set -u

usage() {
	echo "usage: weekly-report.sh [-f FILE] [ADDRESS ...]" >&2
	exit 64
}

file=""
while getopts f:h opt; do
	case $opt in
	f) file=$OPTARG ;;
	h) sed -n '2,/^set/s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))

# The day in the file name and the subject: the pinned clock when there
# is one, so that a rerun for an old date names the page after that date.
today=${SALESDESK_NOW:-$(date +%Y-%m-%d)}
today=${today%%[T ]*}
case $today in
[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
*) today=$(date +%Y-%m-%d) ;;
esac
subject="Sales against target, this quarter, as of $today"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/weekly.XXXXXX") || exit 73
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

report sales --by rep --period this-quarter --forecast -o html \
    >"$tmp/page.html" || exit $?
if [ ! -s "$tmp/page.html" ]; then
	echo "weekly-report.sh: no sales and no target this quarter: nothing sent"
	exit 0
fi

mailer() {
	for m in "$(command -v sendmail)" /usr/sbin/sendmail /usr/lib/sendmail; do
		[ -n "$m" ] && [ -x "$m" ] && { echo "sendmail $m"; return; }
	done
	m=$(command -v mail) && echo "mail $m"
}

# send KIND PATH ADDRESS...: the page as a text/html message.
send() {
	kind=$1 path=$2
	shift 2
	if [ "$kind" = sendmail ]; then
		{
			echo "$*" | sed 's/ /, /g; s/^/To: /'
			printf 'Subject: %s\n' "$subject"
			printf 'MIME-Version: 1.0\n'
			printf 'Content-Type: text/html; charset=utf-8\n\n'
			cat "$tmp/page.html"
		} | "$path" -oi -- "$@"
	else
		"$path" -a 'Content-Type: text/html; charset=utf-8' \
		    -s "$subject" "$@" <"$tmp/page.html"
	fi
}

m=""
[ $# -eq 0 ] || m=$(mailer)
[ $# -eq 0 ] || [ -n "$m" ] || echo "weekly-report.sh: no sendmail or mail here"
if [ -n "$file" ] || [ -z "$m" ]; then
	file=${file:-sales-$today.html}
	cp "$tmp/page.html" "$file" || exit 73
	case $file in
	/*) ;;
	*) file="$(pwd)/$file" ;;
	esac
	echo "weekly-report.sh: wrote $file"
fi
if [ -n "$m" ]; then
	send $m "$@" || exit $?
	echo "weekly-report.sh: mailed to $* with ${m%% *}"
fi
exit 0
