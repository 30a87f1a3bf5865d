#!/bin/sh
# readonly.sh BIN REL: every command that writes, on a data directory
# made read-only with chmod: exit 73 with a message naming the file or
# directory, nothing changed, no temporary file left.
#
# chmod does not stop root, so as root this only says it is skipped:
# tests/e2e/hostile.t gets 73 from a data directory under a regular file,
# which stops root too.
set -u
BIN=$(cd "$1" && pwd) REL=$(cd "$2" && pwd) TOP=$(pwd)
if [ "$(id -u)" = 0 ]; then
	echo "readonly: skipped as root (chmod does not stop root)"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/salesdesk-readonly.XXXXXX") || exit 1
trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT
. tests/reliability/lib.sh

tried=0
demo_dir "$BASE" || { echo "readonly: cannot set up the demo data"; exit 1; }
inputs
# The lock file exists, as in any directory written before: opening it
# needs no write permission on the directory.
: >"$BASE/.lock"
chmod a-w "$BASE" "$BASE/contracts"
state "$BASE" >"$T/old"
commands >"$T/commands"
while IFS='|' read -r label cmd; do
	(cd "$BASE" && SALESDESK_DIR="$BASE" sh -c "exec $cmd") \
	    >/dev/null 2>"$T/err" </dev/null
	rc=$?
	[ $rc = 73 ] || bad "$label: exit $rc, expected 73: $(cat "$T/err")"
	grep -q "^${label%% *}: [^ ]*: " "$T/err" ||
	    bad "$label: no message naming a file: $(cat "$T/err")"
	out=$(whole "$BASE" "$T/old" "$T/old") || bad "$label: changed: $out"
	[ -z "$(temp_files "$BASE")" ] || bad "$label: left temporary files"
	tried=$((tried + 1))
done <"$T/commands"
echo "readonly: $tried commands on a read-only directory; $failures failures"
[ "$failures" = 0 ]
