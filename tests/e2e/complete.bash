# complete.bash WORD...: what the bash completion offers for the last WORD
# of the command line WORD..., one per line, sorted.  The words are split
# as readline splits them ("--rep=al" is "--rep" "=" "al").
. "$SALESDESK_SRC/completion/salesdesk.bash"
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
_salesdesk
printf '%s\n' "${COMPREPLY[@]}" | sort
