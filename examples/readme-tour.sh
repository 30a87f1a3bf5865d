#!/bin/sh
# readme-tour.sh: the README's tour, from the demo's real output.
#
#	sh examples/readme-tour.sh	print the tour (demo.sh -m)
#	sh examples/readme-tour.sh -u	write it into README.md
#	sh examples/readme-tour.sh -c	check that README.md has it: exit 1
#					and the difference when it has not
#
# The tour lies in README.md between the two marker lines below; the rest
# of the README is written by hand.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
readme="$(dirname "$here")/README.md"
begin='<!-- tour: made by examples/readme-tour.sh -u, do not edit -->'
end='<!-- end of tour -->'

tour() {
	echo "$begin"
	sh "$here/demo.sh" -m
	echo
	echo "$end"
}

# The README with its tour replaced by standard input.
splice() {
	awk -v begin="$begin" -v end="$end" -v tour="$1" '
	$0 == begin { while ((getline l < tour) > 0) print l; skip = 1; next }
	$0 == end { skip = 0; next }
	!skip' "$readme"
}

case ${1-} in
'') tour ;;
-u|-c)
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/tour.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	tour >"$tmp/tour"
	grep -qxF "$begin" "$readme" || { echo "README.md has no tour marker" >&2; exit 1; }
	splice "$tmp/tour" >"$tmp/readme"
	if [ "$1" = -u ]; then
		cat "$tmp/readme" >"$readme"
	elif ! cmp -s "$readme" "$tmp/readme"; then
		echo "README.md's tour is not what the demo prints now; update it with"
		echo "sh examples/readme-tour.sh -u"
		diff -u "$readme" "$tmp/readme" || true
		exit 1
	fi ;;
*) echo "usage: readme-tour.sh [-u | -c]" >&2; exit 64 ;;
esac
