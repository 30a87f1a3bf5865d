#!/bin/sh
# options.sh SRC TOOL: does TOOL --help agree with man/TOOL.1?  Prints one
# line per difference, nothing when they agree:
#
#	--foo: in --help, not in the man page
#	command bar: in the man page, not in --help
#
# The long options are those --help prints and, in the page, those of the
# SYNOPSIS and of the .It items (its option lists), together with the
# options every tool shares, listed in OPTIONS of salesdesk(7).  The
# commands are the words after the tool's name in the usage lines and
# after .Nm in the SYNOPSIS.  The bash completion must offer the same
# options and commands too.
set -eu
src=$1 tool=$2
man="$src/man/$tool.1"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/options.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

longs() { grep -o -- '--[a-z][a-z-]*' | sort -u; }

# What one mdoc section holds: section NAME FILE
section() {
	awk -v name="$1" '/^\.Sh /{ s = ($2 == name) } s' "$2"
}

"$tool" --help >"$tmp/help"
longs <"$tmp/help" >"$tmp/help.opts"
{
	section SYNOPSIS "$man"
	grep '^\.It' "$man"
	section OPTIONS "$src/man/salesdesk.7" | grep '^\.It'
} | sed -n 's/Fl \\\{0,1\}-/--/gp' | longs >"$tmp/man.opts"

awk -v tool="$tool" '
{ sub(/^usage:/, ""); $0 = $0 }
$1 == tool && $2 !~ /^[[(-]/ {
	for (i = 2; i <= NF; i++) {
		if ($i == "|") continue
		n = split($i, w, "|")
		for (j = 1; j <= n; j++) if (w[j] ~ /^[a-z][a-z-]*$/) print w[j]
		if ($(i + 1) != "|") break
	}
}' "$tmp/help" | sort -u >"$tmp/help.cmds"
section SYNOPSIS "$man" | awk '
prev == ".Nm" && $1 == ".Cm" { for (i = 2; i <= NF; i++) if ($i != "|") print $i }
{ prev = $0 }' | sort -u >"$tmp/man.cmds"

bash -c '. "$1/completion/salesdesk.bash"
	_salesdesk_all_options "$2" | grep -- "^--"
	_salesdesk_commands "$2" | tr " " "\n"' sh "$src" "$tool" >"$tmp/comp"
grep -- '^--' "$tmp/comp" | sort -u >"$tmp/comp.opts"
grep -v -- '^--' "$tmp/comp" | sort -u >"$tmp/comp.cmds"

# differ KIND A-FILE A-NAME B-FILE B-NAME
differ() {
	comm -23 "$2" "$4" | sed "s/^/$1/; s/\$/: in $3, not in $5/"
	comm -13 "$2" "$4" | sed "s/^/$1/; s/\$/: in $5, not in $3/"
}
differ "" "$tmp/help.opts" --help "$tmp/man.opts" "the man page"
differ "command " "$tmp/help.cmds" --help "$tmp/man.cmds" "the man page"
differ "" "$tmp/help.opts" --help "$tmp/comp.opts" "the bash completion"
differ "command " "$tmp/help.cmds" --help "$tmp/comp.cmds" "the bash completion"
