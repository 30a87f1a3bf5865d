#!/bin/sh
# man-examples.sh PAGE...: run the shell examples of each man page's
# EXAMPLES section in the current directory, one after the other, and print
# one line for each that fails (an exit status over 1, "no", or a usage
# message): "STATUS PAGE: first line of the example".
#
# An example is a .Dl line (joined with the next when it ends in a
# backslash) or a .Bd -literal block; a crontab line loses its five time
# fields and runs as cron would run it, with a pipe on standard input.
# Blocks that are not shell (an INI file, CSV rows) are in pages of
# sections 5, which are not run.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/examples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# extract PAGE: the examples, each ended by a line holding only "%%".
extract() {
	awk '
	function unescape(s) {
		gsub(/\\e/, "\\", s); gsub(/\\\(dq/, "\"", s)
		gsub(/\\ /, " ", s); gsub(/\\-/, "-", s); gsub(/\\&/, "", s)
		return s
	}
	function cron(s) {
		if (s ~ /^[0-9*\/,-]+[ \t]+[0-9*\/,-]+[ \t]+[0-9*\/,-]+[ \t]+[0-9*\/,-]+[ \t]+[0-9*\/,-]+[ \t]/) {
			for (i = 0; i < 5; i++) sub(/^[^ \t]+[ \t]+/, "", s)
			return ": | " s
		}
		return s
	}
	/^\.Sh / { on = ($2 == "EXAMPLES"); next }
	!on { next }
	/^\.Bd -literal/ { lit = 1; next }
	/^\.Ed/ { lit = 0; print "%%"; next }
	lit { print cron(unescape($0)); next }
	/^\.Dl / {
		s = unescape(substr($0, 5))
		print cron(s)
		if (s !~ /\\$/) print "%%"
	}' "$1"
}

for page; do
	extract "$page" >"$tmp/all"
	n=0
	: >"$tmp/ex"
	while IFS= read -r line; do
		if [ "$line" != "%%" ]; then
			printf '%s\n' "$line" >>"$tmp/ex"
			continue
		fi
		n=$((n + 1))
		sh "$tmp/ex" </dev/null >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc -gt 1 ] || grep -q '^usage' "$tmp/err"; then
			echo "$rc ${page##*/}: $(head -n 1 "$tmp/ex")"
			sed 's/^/    /' "$tmp/err"
		fi
		: >"$tmp/ex"
	done <"$tmp/all"
	[ $n -gt 0 ] || echo "${page##*/}: no examples"
done
