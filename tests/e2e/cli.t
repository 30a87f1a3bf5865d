# The command-line frame every tool shares (SPEC section 1).

=== --version names the tool and the suite
run schedule --version && report --version
stdout
schedule (salesdesk) 0.1.0
report (salesdesk) 0.1.0
EOF
exit 0

=== no command: usage on stderr, exit 64
run followup
exit 64
stdout
EOF
stderr-has usage: followup plan

=== --help: usage on stdout, exit 0
run contracts --help | head -1
stdout
usage: contracts add FILE --client C --title T [--kind K] [--status S] [--signed D]
EOF
exit 0

=== an unknown format is a usage error
run schedule list -o xml
exit 64
stderr
schedule: unknown format 'xml'
EOF

=== an unknown option is a usage error
run report sales --bogus
exit 64
stderr
report: unknown option '--bogus'
EOF

=== an option without its value is a usage error
run schedule list --dir
exit 64
stderr
schedule: option '--dir' needs a value
EOF

=== an unknown command is a usage error
run contracts frobnicate
exit 64
stderr
contracts: unknown command 'frobnicate'
EOF

=== a bad SALESDESK_NOW is refused
env SALESDESK_NOW=2026-02-30T10:00
run schedule list
exit 64
stderr
schedule: SALESDESK_NOW: not a date and time: '2026-02-30T10:00'
EOF

=== a misspelt TZ is refused, not read as UTC
env TZ=America/Chicgo
run schedule list
exit 78
stderr
schedule: TZ: unknown time zone 'America/Chicgo'
EOF

=== a zone file that cannot be read is refused, not read as UTC
file Damaged
TZif2 and the rest
EOF
env TZDIR=. TZ=Damaged
run schedule list
exit 78
stderr
schedule: TZ: unreadable zone file for time zone 'Damaged'
EOF

=== a bad config value names file, section and key: exit 78
file salesdesk.ini
[salesdesk]
fiscal_year_start = 12abc
EOF
run followup list
exit 78
stderr-has [salesdesk] fiscal_year_start

=== -c names a config that does not exist: exit 66
run report sales -c missing.ini
exit 66
stderr-has missing.ini

=== -n on a command that does not write is a usage error
run report sales -n
exit 64
stderr
report: report sales does not write: -n/--dry-run does not apply
EOF
