# Hostile input (issue 8): each case its exact exit status and a message
# naming the file, line and column at fault.  Files are given by a path
# relative to the case's directory (FILE, or -d .), so messages compare
# exactly.

# ---- malformed CSV ---------------------------------------------------------

fixture ini-csv-safe salesdesk.ini
[output]
csv_safe = yes
EOF

=== an unterminated quote: 65, line and column
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,"Chicago,scheduled,
EOF
run schedule list meetings.csv
exit 65
stdout
EOF
stderr
schedule: meetings.csv:2: column 7: malformed CSV: unterminated quoted field
EOF

=== a stray quote inside a field: 65
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,Chi"cago,scheduled,
EOF
run schedule list meetings.csv
exit 65
stderr
schedule: meetings.csv:2: column 7: malformed CSV: a quote must start and end a field
EOF

=== junk after a closing quote: 65
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,"Chicago"x,scheduled,
EOF
run schedule list meetings.csv
exit 65
stderr
schedule: meetings.csv:2: column 7: malformed CSV: a quote must start and end a field
EOF

=== a row with a field too few: 65
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,Chicago,scheduled
EOF
run schedule list meetings.csv
exit 65
stderr
schedule: meetings.csv:2: expected 9 fields as in the header, found 8
EOF

=== a row with a field too many: 65, even in the data directory
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,Chicago,scheduled,,extra
EOF
run schedule -d . list
exit 65
stderr
schedule: ./meetings.csv:2: expected 9 fields as in the header, found 10
EOF

=== a 0-byte file reads as no rows; a write gives it its header
bytes meetings.csv
EOF
run schedule list meetings.csv && schedule check meetings.csv
exit 0
stdout
EOF
run schedule add --rep alice --client c1 --at 2026-12-02T10:00 >/dev/null
exit 0
expect meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,,scheduled,
EOF

=== a header-only file reads as no rows
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
EOF
run followup due && followup list && report pipeline
exit 0
stdout
EOF
stderr
EOF

=== a duplicate column: 65 naming both
file meetings.csv
id,rep,client,start,end,kind,location,status,rep
M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,Chicago,scheduled,bob
EOF
run schedule list meetings.csv
exit 65
stderr
schedule: meetings.csv:1: column 'rep' appears twice (columns 2 and 9)
EOF

=== a missing column: 65 naming it
file meetings.csv
id,rep,client,end,kind,location,status,note
M1,alice,c1,2026-12-02T11:00-06:00,meeting,Chicago,scheduled,
EOF
run schedule list meetings.csv
exit 65
stderr
schedule: meetings.csv:1: no column 'start' in the header
EOF

=== a NUL byte: 65
bytes meetings.csv
id,rep,client,start,end,kind,location,status,note\nM1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,Chi\0cago,scheduled,\n
EOF
run schedule list meetings.csv
exit 65
stderr
schedule: meetings.csv:2: column 7: a NUL byte
EOF

=== invalid UTF-8: 65
bytes meetings.csv
id,rep,client,start,end,kind,location,status,note\nM1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,Chicago,scheduled,caf\0351 ok\n
EOF
run schedule list meetings.csv
exit 65
stderr
schedule: meetings.csv:2: column 9: invalid UTF-8
EOF

=== a 1 MiB field passes through whole
run awk 'BEGIN { print "id,rep,client,start,end,kind,location,status,note"; printf "M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,,scheduled,"; for (i = 0; i < 1048576; i++) printf "x"; print "" }' >meetings.csv && schedule list meetings.csv | awk -F, '{ print NR, length($9) }'
exit 0
stdout
1 4
2 1048576
EOF

=== a bad 100 kB field: 65, the value shortened in the message
run awk 'BEGIN { print "id,rep,client,start,end,kind,location,status,note"; printf "M1,alice,c1,"; for (i = 0; i < 100000; i++) printf "9"; print ",2026-12-02T11:00-06:00,meeting,,scheduled," }' >meetings.csv && schedule list meetings.csv
exit 65
stderr
schedule: meetings.csv:2: column 4 (start): bad date and time '9999999999999999999999999999999999999999...'
EOF

=== a 10,000-column header: extra columns pass through
run awk 'BEGIN { h = "id,rep,client,start,end,kind,location,status,note"; r = "M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,,scheduled,"; for (i = 1; i <= 10000; i++) { h = h ",x" i; r = r "," i } print h; print r }' >meetings.csv && schedule list meetings.csv | awk -F, '{ print NF, $NF }'
exit 0
stdout
10009 x10000
10009 10000
EOF

=== a 10,000-column header and a short row: 65
run awk 'BEGIN { h = "id,rep,client,start,end,kind,location,status,note"; for (i = 1; i <= 10000; i++) h = h ",x" i; print h; print "M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,,scheduled," }' >meetings.csv && schedule list meetings.csv
exit 65
stderr
schedule: meetings.csv:2: expected 10009 fields as in the header, found 9
EOF

=== quoted newlines before an error: the line is the physical one
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,"Suite 4
Chicago",scheduled,"two
lines"
M2,alice,c1,2026-12-02T12:00-06:00,2026-12-02T13:00-06:00,meeting,,scheduled,
M3,alice,c1,2026-12-02T24:00-06:00,2026-12-03T01:00-06:00,meeting,,scheduled,
EOF
run schedule list meetings.csv
exit 65
stderr
schedule: meetings.csv:6: column 4 (start): bad date and time '2026-12-02T24:00-06:00'
EOF

# ---- bad dates and money ---------------------------------------------------

=== a day that does not exist: 65
run schedule add --rep alice --client c1 --at 2026-02-30
exit 65
stderr
schedule: --at: bad date '2026-02-30'
EOF
absent meetings.csv

=== 24:00 is not a time: 65
run schedule add --rep alice --client c1 --at 2026-12-02T24:00
exit 65
stderr
schedule: --at: bad date '2026-12-02T24:00'
EOF

=== a time in the daylight saving gap: 65
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
sam,Sam Night,,,,*,,00:00-23:59,mon-sun,,,yes
EOF
run schedule add --rep sam --client c1 --at 2027-03-14T02:30
exit 65
stderr
schedule: --at: '2027-03-14T02:30' does not exist in America/Chicago: the clocks skip that hour (daylight saving time)
EOF
absent meetings.csv

=== a stored date that does not exist: 65 with line and column
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-02-30,inbound,open,,,,,,,,,2026-12-01T09:00-06:00
EOF
run followup -d . due
exit 65
stderr
followup: ./followups.csv:2: column 4 (due): bad date '2026-02-30'
EOF

=== money with an exponent, three decimals, grouping or too many digits: 65
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-02,inbound,open,,,,,,,,,2026-12-01T09:00-06:00
EOF
run for v in 1e3 12.345 1,234.56 99999999999999999999; do followup log F1 --value "$v"; echo "exit $?"; done
stdout
exit 65
exit 65
exit 65
exit 65
EOF
stderr
followup: bad amount '1e3'
followup: bad amount '12.345'
followup: bad amount '1,234.56'
followup: bad amount '99999999999999999999'
EOF
expect followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-02,inbound,open,,,,,,,,,2026-12-01T09:00-06:00
EOF
absent followup-log.csv

=== bad money in a file: 65 with line and column
file sales.csv
date,rep,client,region,product,quantity,amount
2026-11-02,alice,c1,East,copiers,1,100.00
2026-11-03,alice,c1,East,copiers,1,1e3
EOF
run report sales sales.csv
exit 65
stderr
report: sales.csv:3: column 7 (amount): bad amount '1e3'
EOF

=== amounts that overflow when summed: 65, not a wrapped total
file sales.csv
date,rep,client,region,product,quantity,amount
2026-11-02,alice,c1,East,copiers,1,92233720368547758.07
2026-11-03,alice,c1,East,copiers,1,0.01
EOF
run report sales --period 2026 sales.csv
exit 65
stdout
EOF
stderr
report: sales.csv:3: a sum grows past the largest amount
EOF

# ---- configuration ---------------------------------------------------------

=== a config line over 1024 bytes: 78
run awk 'BEGIN { printf "[salesdesk]\ncurrency = "; for (i = 0; i < 1100; i++) printf "X"; print "" }' >salesdesk.ini && schedule -d . list
exit 78
stderr
schedule: ./salesdesk.ini:2: line longer than 1020 bytes
EOF

=== a section used as a key: 78, not a crash
file salesdesk.ini
[lock:timeout]
[lock]
EOF
run followup -d . list
exit 78
stderr
followup: ./salesdesk.ini: [lock] timeout: no value (a section header [lock:timeout] takes its place)
EOF

=== a misspelt time zone in the config: 78
file salesdesk.ini
[salesdesk]
timezone = America/Chicgo
EOF
env TZ=
run report -d . pipeline
exit 78
stderr
report: ./salesdesk.ini: [salesdesk] timezone: expected a time zone name like America/Chicago, got 'America/Chicgo'
EOF

=== a misspelt time zone in reps.csv: 65 with line and column
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice,,,East,*,America/New_Yrok,,,,,yes
EOF
run schedule -d . agenda
exit 65
stderr
schedule: ./reps.csv:2: column 7 (timezone): unknown time zone 'America/New_Yrok'
EOF

=== a misspelt $TZ: 78
env TZ=Europe/Pariss
run contracts list
exit 78
stderr
contracts: TZ: unknown time zone 'Europe/Pariss'
EOF

# ---- output, directory, lock -----------------------------------------------

=== output to a full disk: 74
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,,scheduled,
EOF
run schedule list meetings.csv >/dev/full
exit 74
stderr
schedule: stdout: write error: No space left on device
EOF

=== output to a full disk, as a table: 74
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,,scheduled,
EOF
run report pipeline -o table >/dev/full; schedule list -o table meetings.csv >/dev/full
exit 74
stderr
schedule: stdout: write error: No space left on device
EOF

=== | head -1 is quiet
run awk 'BEGIN { print "id,rep,client,start,end,kind,location,status,note"; for (i = 1; i <= 5000; i++) print "M" i ",alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,Chicago,cancelled,a row long enough to fill the pipe" }' >meetings.csv && schedule list meetings.csv | head -1
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
EOF
stderr
EOF

=== | head -1 with SIGPIPE ignored is quiet too (exit 74)
run awk 'BEGIN { print "id,rep,client,start,end,kind,location,status,note"; for (i = 1; i <= 5000; i++) print "M" i ",alice,c1,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,Chicago,cancelled,a row long enough to fill the pipe" }' >meetings.csv && trap '' PIPE && { schedule list meetings.csv; echo "exit $?" >status; } | head -1 && cat status
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
exit 74
EOF
stderr
EOF

=== a data directory under a regular file: 73, nothing written
file terms.txt
terms
EOF
run : >plain && contracts -d plain/data add terms.txt --client c1 --title Terms
exit 73
stderr
contracts: plain: not a directory
EOF
run assign-rep -d plain/data --record
stdin
client,region,product
c1,East,copiers
EOF
exit 73
stderr
assign-rep: plain: not a directory
EOF

=== a lock held by another process: 75 after [lock] timeout
# flock(1) takes the lock on descriptor 9; schedule opens .lock anew, so
# its lock is another one and waits.
file salesdesk.ini
[lock]
timeout = 200ms
EOF
run exec 9>.lock && flock 9 && schedule -d . add --rep alice --client c1 --at 2026-12-02T10:00
exit 75
stdout
EOF
stderr
schedule: .: locked by another process for more than 200ms
EOF
absent meetings.csv

# ---- cells bound for a spreadsheet (csv_safe) ------------------------------
# With [output] csv_safe = yes a text cell starting with = + - @, a tab or
# a carriage return gets a leading quote, so a spreadsheet shows it rather
# than running it; numbers (-12.50, -5) and cells that only contain such
# characters later are left alone.  Tabs and CRs show as > and ~ below.

=== csv_safe: schedule list guards text cells, in csv and tsv
use ini-csv-safe
bytes meetings.csv
id,rep,client,start,end,kind,location,status,note\nM1,alice,"=HYPERLINK(""http://x"")",2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,+1 555 0100,scheduled,-2+3\nM2,alice,@SUM(A1),2026-12-02T12:00-06:00,2026-12-02T13:00-06:00,meeting,"\tTab",scheduled,-12.50\nM3,alice,c3,2026-12-02T14:00-06:00,2026-12-02T15:00-06:00,meeting,"\rCR",scheduled,plain = fine\n
EOF
run schedule -d . list | tr '\t\r' '>~'; schedule -d . list -o tsv
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M1,alice,"'=HYPERLINK(""http://x"")",2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,'+1 555 0100,scheduled,'-2+3
M2,alice,'@SUM(A1),2026-12-02T12:00-06:00,2026-12-02T13:00-06:00,meeting,'>Tab,scheduled,-12.50
M3,alice,c3,2026-12-02T14:00-06:00,2026-12-02T15:00-06:00,meeting,"'~CR",scheduled,plain = fine
id	rep	client	start	end	kind	location	status	note
M1	alice	'=HYPERLINK("http://x")	2026-12-02T10:00-06:00	2026-12-02T11:00-06:00	meeting	'+1 555 0100	scheduled	'-2+3
M2	alice	'@SUM(A1)	2026-12-02T12:00-06:00	2026-12-02T13:00-06:00	meeting	'\tTab	scheduled	-12.50
M3	alice	c3	2026-12-02T14:00-06:00	2026-12-02T15:00-06:00	meeting	'\rCR	scheduled	plain = fine
EOF

=== csv_safe off (the default): cells go out as they are
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,@SUM(A1),2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,+1 555 0100,scheduled,=1+1
EOF
run schedule list meetings.csv
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M1,alice,@SUM(A1),2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,+1 555 0100,scheduled,=1+1
EOF

=== csv_safe: followup due guards text, not the value or probability
use ini-csv-safe
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,=cmd|calc,alice,2026-12-01,inbound,open,,warm,50,12.50,+net 30,@risk,-call back,=1+1,2026-12-01T09:00-06:00
F2,c2,alice,2026-12-01,inbound,open,,hot,80,1200.00,,,,-5,2026-12-01T09:00-06:00
EOF
run followup -d . due
exit 0
stdout
id,due,days_overdue,rep,client,name,phone,kind,intent,probability,value,next_step,note
F2,2026-12-01,0,alice,c2,,,inbound,hot,80,1200.00,,-5
F1,2026-12-01,0,alice,'=cmd|calc,,,inbound,warm,50,12.50,'-call back,'=1+1
EOF

=== csv_safe: report sales -o csv guards the keys, not the amounts
use ini-csv-safe
file sales.csv
date,rep,client,region,product,quantity,amount
2026-11-02,=rep,@client,+East,-copiers,1,-12.50
2026-11-03,alice,c2,East,copiers,1,100.00
EOF
run report -d . sales --by rep,client,region,product --period 2026-11 -o csv
exit 0
stdout
rep,client,region,product,actual,target,variance,attainment
'=rep,'@client,'+East,'-copiers,-12.50,0.00,-12.50,
alice,c2,East,copiers,100.00,0.00,100.00,
total,,,,87.50,0.00,87.50,
EOF
