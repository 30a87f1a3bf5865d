# The bash completion: commands, options per command, fixed values, and
# ids read from the data directory (a copy of the demo data).

=== the commands of a tool
run bash "$SALESDESK_SRC/tests/e2e/complete.bash" schedule ''
stdout
add
agenda
book
cancel
check
done
export
import
list
move
no-show
slots
EOF

=== a command from its first letters, after a shared option and its value
run bash "$SALESDESK_SRC/tests/e2e/complete.bash" followup -o table d
stdout
deliveries
due
EOF

=== the options of a command, shared ones included
run bash "$SALESDESK_SRC/tests/e2e/complete.bash" followup log F131 --
stdout
--config
--dir
--done
--dry-run
--format
--help
--intent
--next
--no-header
--note
--now
--probability
--roadblock
--terms
--value
--version
EOF

=== -n is offered only to a command that writes
run bash "$SALESDESK_SRC/tests/e2e/complete.bash" schedule agenda -; bash "$SALESDESK_SRC/tests/e2e/complete.bash" schedule cancel -
stdout
--config
--dir
--format
--help
--no-header
--now
--on
--rep
--version
--week
-c
-d
-h
-o
--config
--dir
--dry-run
--format
--help
--no-header
--now
--version
-c
-d
-h
-n
-o
EOF

=== rep ids from reps.csv, with --rep VALUE and --rep=VALUE
run cp -R "$SALESDESK_SRC/examples/demo/." .
run bash "$SALESDESK_SRC/tests/e2e/complete.bash" schedule add --rep ''; bash "$SALESDESK_SRC/tests/e2e/complete.bash" followup due --rep = k
stdout
alice
bruno
carmen
dmitri
elena
farid
grace
hiro
ines
jamal
kate
luis
kate
EOF

=== -d names the data directory the ids come from
run mkdir other && printf 'rep,name\nzoe,Zoe\nzack,Zack\n' >other/reps.csv
run bash "$SALESDESK_SRC/tests/e2e/complete.bash" schedule -d other agenda --rep z
stdout
zack
zoe
EOF

=== regions and product lines from reps.csv, clients from clients.csv
run cp -R "$SALESDESK_SRC/examples/demo/." .
run bash "$SALESDESK_SRC/tests/e2e/complete.bash" schedule slots --region ''; bash "$SALESDESK_SRC/tests/e2e/complete.bash" schedule slots --product ''; bash "$SALESDESK_SRC/tests/e2e/complete.bash" schedule book --client c29
stdout
Central
East
West
copiers
printers
service
supplies
c290
c291
c292
c293
c294
c295
c296
c297
c298
c299
EOF

=== scheduled meetings for cancel, open follow-ups for log
run cp -R "$SALESDESK_SRC/examples/demo/." .
run bash "$SALESDESK_SRC/tests/e2e/complete.bash" schedule cancel M40; bash "$SALESDESK_SRC/tests/e2e/complete.bash" followup log F18
stdout
M400
M401
M402
F181
F182
F183
EOF

=== contract ids for show, and none after the first operand
run cp -R "$SALESDESK_SRC/examples/demo/." . && contracts add reps.csv --client c1 --title a >/dev/null && contracts add reps.csv --client c2 --title b >/dev/null 2>&1
run bash "$SALESDESK_SRC/tests/e2e/complete.bash" contracts show ''; bash "$SALESDESK_SRC/tests/e2e/complete.bash" contracts show K1 ''
stdout
K1
K2

EOF

=== fixed values: kinds, statuses, intents, strategies, formats, periods
run for w in "schedule add --kind" "followup list --status" "followup log F1 --intent" "assign-rep --strategy" "report sales -o" "contracts add x --renewal" "report sales --period"; do echo "$w: $(bash "$SALESDESK_SRC/tests/e2e/complete.bash" $w '' | tr '\n' ' ')"; done
stdout
schedule add --kind: away call demo meeting visit 
followup list --status: cancelled done open 
followup log F1 --intent: cold hot lost warm won 
assign-rep --strategy: first-free least-loaded round-robin 
report sales -o: csv html json md table tsv 
contracts add x --renewal: auto manual none 
report sales --period: last-month last-quarter last-year mtd qtd this-month this-quarter this-year ytd 
EOF

=== report --by completes each key of a comma list
run bash "$SALESDESK_SRC/tests/e2e/complete.bash" report sales --by rep,m; bash "$SALESDESK_SRC/tests/e2e/complete.bash" report expenses --by c
stdout
rep,month
category
EOF

=== assign-rep: stats or a file of calls
run touch calls.csv && bash "$SALESDESK_SRC/tests/e2e/complete.bash" assign-rep ''
stdout
calls.csv
stats
EOF

=== a quoted field with a comma does not shift the columns
run printf 'rep,days,name\nann,"mon,tue",Ann\n"bo,b",,Bob\n' >reps.csv && bash "$SALESDESK_SRC/tests/e2e/complete.bash" schedule list --rep ''
stdout
ann
bo,b
EOF
