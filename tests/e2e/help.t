# Every tool's --help and its man page agree: the same long options (the
# page's SYNOPSIS and option lists, with the shared ones of salesdesk(7))
# and the same commands; the bash completion offers the same.  Each
# difference is printed as one line saying where the option is missing.

=== schedule --help, schedule(1) and the completion agree
run sh "$SALESDESK_SRC/tests/e2e/options.sh" "$SALESDESK_SRC" schedule
stdout
EOF
exit 0

=== followup --help, followup(1) and the completion agree
run sh "$SALESDESK_SRC/tests/e2e/options.sh" "$SALESDESK_SRC" followup
stdout
EOF
exit 0

=== assign-rep --help, assign-rep(1) and the completion agree
run sh "$SALESDESK_SRC/tests/e2e/options.sh" "$SALESDESK_SRC" assign-rep
stdout
EOF
exit 0

=== report --help, report(1) and the completion agree
run sh "$SALESDESK_SRC/tests/e2e/options.sh" "$SALESDESK_SRC" report
stdout
EOF
exit 0

=== contracts --help, contracts(1) and the completion agree
run sh "$SALESDESK_SRC/tests/e2e/options.sh" "$SALESDESK_SRC" contracts
stdout
EOF
exit 0

=== the comparison sees an option and a command missing from a page
run mkdir -p src/man src/completion && cp "$SALESDESK_SRC/man/salesdesk.7" src/man && cp "$SALESDESK_SRC/completion/salesdesk.bash" src/completion && grep -v -e 'Fl \\-days' -e '^\.Cm stale' "$SALESDESK_SRC/man/followup.1" >src/man/followup.1 && sh "$SALESDESK_SRC/tests/e2e/options.sh" "$PWD/src" followup
stdout
--days: in --help, not in the man page
command stale: in --help, not in the man page
EOF
exit 0
