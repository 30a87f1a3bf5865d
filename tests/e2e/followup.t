# followup: the call list (SPEC section 3).  Now is Tuesday 2026-12-01
# 09:30 in America/Chicago unless a case says otherwise.

=== plan: done meetings from a pipe open one follow-up each, extra columns pass through
file meetings.txt
id,rep,client,start,end,kind,location,status,note,region
M1,alice,c1,2026-11-27T09:00-05:00,2026-11-27T10:00-05:00,meeting,Albany,done,first meeting,East
M2,bob,c2,2026-11-30T14:00-06:00,2026-11-30T15:00-06:00,demo,Chicago,done,,"Central, north"
M3,bob,c3,2026-12-01T08:00-06:00,2026-12-01T09:00-06:00,call,phone,scheduled,,Central
M4,alice,,2026-11-30T00:00-05:00,2026-12-01T00:00-05:00,away,,done,vacation,East
M5,alice,c5,2026-11-30T10:00-05:00,2026-11-30T11:00-05:00,visit,Boston,cancelled,,East
EOF
run cat meetings.txt | followup plan -
exit 0
stdout
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated,region
F1,c1,alice,2026-12-01,meeting,open,M1,,,,,,,meeting on 2026-11-27,2026-12-01T09:30-06:00,East
F2,c2,bob,2026-12-02,meeting,open,M2,,,,,,,demo on 2026-11-30,2026-12-01T09:30-06:00,"Central, north"
EOF
expect followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,meeting,open,M1,,,,,,,meeting on 2026-11-27,2026-12-01T09:30-06:00
F2,c2,bob,2026-12-02,meeting,open,M2,,,,,,,demo on 2026-11-30,2026-12-01T09:30-06:00
EOF

=== plan: a second run opens nothing; a meeting twice in the input opens once
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-11-27T09:00-05:00,2026-11-27T10:00-05:00,meeting,Albany,done,
M1,alice,c1,2026-11-27T09:00-05:00,2026-11-27T10:00-05:00,meeting,Albany,done,
M2,bob,c2,2026-11-30T14:00-06:00,2026-11-30T15:00-06:00,demo,Chicago,scheduled,
EOF
run followup plan | cut -d, -f1,7
stdout
id,source
F1,M1
EOF
run sed -i 's/scheduled/done/' meetings.csv && followup plan | cut -d, -f1,7
exit 0
stdout
id,source
F2,M2
EOF
run followup plan
exit 0
stdout
EOF
run cut -d, -f1,7 followups.csv
stdout
id,source
F1,M1
F2,M2
EOF

=== plan: two runs at once open each follow-up once
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-11-27T09:00-05:00,2026-11-27T10:00-05:00,meeting,,done,
M2,bob,c2,2026-11-30T14:00-06:00,2026-11-30T15:00-06:00,demo,,done,
M3,bob,c3,2026-11-30T16:00-06:00,2026-11-30T17:00-06:00,call,,done,
EOF
run (followup plan >a & followup plan >b & wait) && cat a b | grep -c '^F'; cut -d, -f7 followups.csv | sort | tr '\n' ' '; echo
stdout
3
M1 M2 M3 source 
EOF

=== plan: the due date skips a weekend and the holidays of salesdesk.ini
file salesdesk.ini
[hours]
holidays = 2026-11-30, 2026-12-25
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-11-27T09:00-05:00,2026-11-27T10:00-05:00,meeting,,done,
M2,alice,c2,2026-12-24T09:00-05:00,2026-12-24T10:00-05:00,meeting,,done,
M3,alice,c3,2026-12-02T09:00-05:00,2026-12-02T10:00-05:00,meeting,,done,
EOF
run followup plan | cut -d, -f1,4,7
stdout
id,due,source
F1,2026-12-02,M1
F2,2026-12-29,M2
F3,2026-12-04,M3
EOF

=== plan --after: calendar days, and the end's own date in the rep's zone
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
carol,Carol,,,West,*,America/Los_Angeles,,,,,yes
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,carol,c1,2026-11-27T22:30-08:00,2026-11-27T23:30-08:00,call,,done,
EOF
run followup plan --after 3d | cut -d, -f1,4,14,15
stdout
id,due,note,updated
F1,2026-11-30,call on 2026-11-27,2026-12-01T07:30-08:00
EOF

=== plan: renewals from contract rows, due on the notice date
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
c2,Bolt Inc,Ben,555-0102,,Central,,bob,customer,2025-01-01
EOF
file expiring.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note,days_left
K1,c1,Service agreement,contract,active,k1.pdf,ab,10,2025-03-01,2025-04-01,2027-03-31,60d,manual,alice,2025-03-01,,120
K2,c2,Lease,contract,active,k2.pdf,ab,10,2025-01-01,2025-01-01,2027-01-31,3m,auto,,2025-01-01,,61
K3,c3,NDA,nda,terminated,k3.pdf,ab,10,,,2027-01-15,,none,bob,2025-01-01,,45
K4,c4,Price list,price-list,active,k4.pdf,ab,10,,,,,none,bob,2025-01-01,,
K5,c3,Support,contract,signed,k5.pdf,ab,10,,,2027-02-15,,manual,bob,2025-01-01,,76
EOF
run cat expiring.csv | followup plan
exit 0
stdout
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated,days_left
F1,c1,alice,2027-01-30,renewal,open,K1,,,,,,,"Service agreement, expires 2027-03-31",2026-12-01T09:30-06:00,120
F2,c2,bob,2026-10-31,renewal,open,K2,,,,,,,"Lease, expires 2027-01-31",2026-12-01T09:30-06:00,61
F3,c3,bob,2027-02-15,renewal,open,K5,,,,,,,"Support, expires 2027-02-15",2026-12-01T09:30-06:00,76
EOF
run followup plan expiring.csv
exit 0
stdout
EOF

=== plan: a notice_on column gives the due date as it is
stdin
id,client,expires,notice,notice_on,rep
K7,c1,2027-06-30,90d,2027-04-01,alice
EOF
run followup plan - | cut -d, -f1,4,5,7,16
stdout
id,due,kind,source,notice_on
F1,2027-04-01,renewal,K7,2027-04-01
EOF

=== plan: bad rows and bad options are refused and nothing is written
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-11-27T09:00-05:00,2026-11-27T10:00-05:00,meeting,,done,
M2,alice,c2,2026-11-27T11:00-05:00,2026-11-31T12:00-05:00,meeting,,done,
EOF
run followup plan
exit 65
stderr-has meetings.csv:3: column 5 (end): bad date and time '2026-11-31T12:00-05:00'

absent followups.csv
run followup plan --after 4h
exit 65
stderr
followup: bad span '4h' (days, business days, weeks or months: 2bd, 3d, 1w, 1m)
EOF
run followup plan nosuch.csv
exit 66
stderr-has followup: nosuch.csv: cannot open
run followup plan a b
exit 64
run followup plan --days 3
exit 64
stderr
followup: plan does not take --days
EOF
absent followups.csv

=== plan: a rep not in reps.csv is bad input
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice,,,East,*,,,,,,yes
EOF
stdin
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-11-27T09:00-05:00,2026-11-27T10:00-05:00,meeting,,done,
M2,zed,c2,2026-11-27T11:00-05:00,2026-11-27T12:00-05:00,meeting,,done,
EOF
run followup plan -
exit 65
stderr
followup: stdin:3: column 2 (rep): unknown rep 'zed'
EOF
absent followups.csv

=== plan: malformed CSV names the line
bytes meetings.csv
id,rep,client,start,end,kind,location,status,note\nM1,alice,c1,x,y,meeting,"Albany,done,\n
EOF
run followup plan
exit 65
stderr-has unterminated quoted field
absent followups.csv

=== plan -n: prints what it would open, writes nothing
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-11-27T09:00-05:00,2026-11-27T10:00-05:00,meeting,,done,
EOF
run followup -n plan | cut -d, -f1,7
exit 0
stdout
id,source
F1,M1
EOF
stderr
followup: dry run: followups.csv not changed
EOF
absent followups.csv

=== appending keeps a person's extra column and its place
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated,region
F7,c9,alice,2026-11-20,inbound,done,,,,,,,,,2026-11-19T10:00-06:00,East
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-11-27T09:00-05:00,2026-11-27T10:00-05:00,meeting,,done,
EOF
run followup plan >/dev/null
expect followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated,region
F7,c9,alice,2026-11-20,inbound,done,,,,,,,,,2026-11-19T10:00-06:00,East
F8,c1,alice,2026-12-01,meeting,open,M1,,,,,,,meeting on 2026-11-27,2026-12-01T09:30-06:00,
EOF

=== a followups.csv missing columns gets them when rows are added
file followups.csv
id,client,rep,due,kind,status,source
F1,c9,alice,2026-11-20,meeting,done,M1
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-11-27T09:00-05:00,2026-11-27T10:00-05:00,meeting,,done,
M2,alice,c2,2026-11-27T11:00-05:00,2026-11-27T12:00-05:00,meeting,,done,
EOF
run followup plan >/dev/null
expect followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c9,alice,2026-11-20,meeting,done,M1,,,,,,,,
F2,c2,alice,2026-12-01,meeting,open,M2,,,,,,,meeting on 2026-11-27,2026-12-01T09:30-06:00
EOF

=== add: the rep is the client's owner, due today, kind inbound
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
c1,Acme Corp,Ann,555-0101,,East,,alice,customer,2025-01-01
EOF
run followup add --client c1 --note "asked for a quote"
exit 0
stdout
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,inbound,open,,,,,,,,asked for a quote,2026-12-01T09:30-06:00
EOF
run followup add --client c1 --rep bob --due tomorrow --kind Renewal | cut -d, -f1,3,4,5
stdout
id,rep,due,kind
F2,bob,2026-12-02,renewal
EOF
run followup add --client c9
exit 64
stderr
followup: client 'c9' has no owner in clients.csv: give --rep
EOF
run followup add --rep bob
exit 64
run followup add --client c1 --kind sales
exit 65
run followup add --client c1 --due 2026-02-30
exit 65
stderr
followup: bad date '2026-02-30'
EOF
run wc -l <followups.csv
stdout
3
EOF

=== add: an unknown rep is bad input; a data directory that cannot be made is 73 (Linux /proc)
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice,,,East,*,,,,,,yes
EOF
run followup add --client c1 --rep zed
exit 65
stderr
followup: unknown rep 'zed' (not in reps.csv)
EOF
run followup -d /proc/salesdesk-none add --client c1 --rep bob
exit 73
stderr
followup: /proc/salesdesk-none: cannot create directory: No such file or directory
EOF
absent followups.csv

=== due: most overdue first, then value x probability, then id; names and phones joined
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
c1,Acme Corp,Ann,555-0101,,East,,alice,customer,2025-01-01
c2,"Bolt, Inc.",Ben,555-0102,,Central,,bob,prospect,2025-01-01
EOF
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,meeting,open,M1,warm,50,1000.00,,,,,2026-11-20T10:00-06:00
F2,c2,bob,2026-11-25,inbound,open,,,,,,,call back,,2026-11-20T10:00-06:00
F3,c3,alice,2026-12-01,meeting,open,M3,hot,80,1000,,,,,2026-11-20T10:00-06:00
F10,c1,bob,2026-12-01,meeting,open,M9,cold,10,5000.00,,,,,2026-11-20T10:00-06:00
F4,c2,alice,2026-12-02,meeting,open,M4,,,,,,,,2026-11-20T10:00-06:00
F5,c3,bob,2026-11-20,delivery,done,SO-1,,,,,,,,2026-11-20T10:00-06:00
F6,c1,alice,2026-11-28,renewal,open,K1,,,2000.00,,,,,2026-11-20T10:00-06:00
F9,c2,bob,2026-12-01,inbound,open,,cold,10,5000.00,,,,,2026-11-20T10:00-06:00
EOF
run followup due
exit 0
stdout
id,due,days_overdue,rep,client,name,phone,kind,intent,probability,value,next_step,note
F2,2026-11-25,6,bob,c2,"Bolt, Inc.",555-0102,inbound,,,,call back,
F6,2026-11-28,3,alice,c1,Acme Corp,555-0101,renewal,,,2000.00,,
F3,2026-12-01,0,alice,c3,,,meeting,hot,80,1000.00,,
F1,2026-12-01,0,alice,c1,Acme Corp,555-0101,meeting,warm,50,1000.00,,
F9,2026-12-01,0,bob,c2,"Bolt, Inc.",555-0102,inbound,cold,10,5000.00,,
F10,2026-12-01,0,bob,c1,Acme Corp,555-0101,meeting,cold,10,5000.00,,
EOF
run followup due --overdue | cut -d, -f1
stdout
id
F2
F6
EOF
run followup due --rep bob --on 2026-12-02 | cut -d, -f1,3
stdout
id,days_overdue
F2,7
F9,1
F10,1
EOF
run followup due --on 2026-11-20
exit 0
stdout
EOF
run followup due --on someday
exit 65
stderr
followup: bad date 'someday'
EOF

=== due: a bad amount in followups.csv names the line
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,meeting,open,M1,warm,50,12.345,,,,,2026-11-20T10:00-06:00
EOF
run followup due
exit 65
stderr-has followups.csv:2: column 10 (value): bad amount '12.345'


=== log --next: the row is updated, the call appended to the log, the follow-up stays open
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,meeting,open,M1,,,,,,,,2026-11-20T10:00-06:00
F2,c2,bob,2026-12-01,meeting,open,M2,,,,,,,,2026-11-20T10:00-06:00
EOF
run followup log F2 --intent Hot --probability 85 --value 1500 --terms "net 30" --roadblock budget --roadblock "IT review" --note "wants a demo" --next fri
exit 0
stdout
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F2,c2,bob,2026-12-04,meeting,open,M2,hot,85,1500.00,net 30,budget; IT review,,wants a demo,2026-12-01T09:30-06:00
EOF
expect followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,meeting,open,M1,,,,,,,,2026-11-20T10:00-06:00
F2,c2,bob,2026-12-04,meeting,open,M2,hot,85,1500.00,net 30,budget; IT review,,wants a demo,2026-12-01T09:30-06:00
EOF
expect followup-log.csv
at,followup,intent,probability,value,terms,roadblocks,note
2026-12-01T09:30-06:00,F2,hot,85,1500.00,net 30,budget; IT review,wants a demo
EOF

=== log: won closes the follow-up at probability 100; --done closes too
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,meeting,open,M1,hot,80,900.00,,,,,2026-11-20T10:00-06:00
F2,c2,bob,2026-12-01,meeting,open,M2,,,,,,,,2026-11-20T10:00-06:00
EOF
run followup log F1 --intent won --note signed && followup log F2 --done | cut -d, -f1,6
exit 0
stdout
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,meeting,done,M1,won,100,900.00,,,,signed,2026-12-01T09:30-06:00
id,status
F2,done
EOF
expect followup-log.csv
at,followup,intent,probability,value,terms,roadblocks,note
2026-12-01T09:30-06:00,F1,won,100,900.00,,,signed
2026-12-01T09:30-06:00,F2,,,,,,
EOF

=== log: a bad id, probability or amount is refused and nothing is written
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,meeting,open,M1,,,,,,,,2026-11-20T10:00-06:00
EOF
run followup log F9 --intent warm
exit 65
stderr
followup: unknown follow-up 'F9'
EOF
run followup log F1 --probability 140
exit 65
stderr
followup: bad probability '140' (a whole number from 0 to 100)
EOF
run followup log F1 --value 12.345
exit 65
stderr
followup: bad amount '12.345'
EOF
run followup log F1 --intent maybe
exit 65
run followup log F1 --next 2026-02-30
exit 65
run followup log F1 --done --next tomorrow
exit 64
run followup log
exit 64
run followup log F1 --overdue
exit 64
absent followup-log.csv
expect followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,meeting,open,M1,,,,,,,,2026-11-20T10:00-06:00
EOF

=== log -n: shows the row, changes nothing
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,meeting,open,M1,,,,,,,,2026-11-20T10:00-06:00
EOF
run followup log F1 --intent cold -n | cut -d, -f1,8
stdout
id,intent
F1,cold
EOF
stderr
followup: dry run: followups.csv not changed
followup: dry run: followup-log.csv not changed
EOF
absent followup-log.csv

=== deliveries: late and not shipped, shipped and not installed, open issues
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
c2,Bolt Inc,Ben,555-0102,,Central,,bob,customer,2025-01-01
EOF
file orders.csv
order,client,rep,product,ordered,promised,shipped,installed,status,issue
SO-1,c1,alice,copiers,2026-11-01,2026-11-30,,,ordered,
SO-2,c1,alice,copiers,2026-11-01,2026-12-01,,,ordered,
SO-3,c2,bob,printers,2026-11-01,2026-11-20,2026-11-23,,shipped,
SO-4,c2,bob,printers,2026-11-01,2026-11-20,2026-11-24,,shipped,
SO-5,c1,alice,copiers,2026-11-01,2026-11-20,2026-11-18,2026-11-19,installed,paper jams daily
SO-6,c1,alice,copiers,2026-11-01,2026-11-20,2026-11-18,2026-11-19,resolved,toner leak
SO-7,c2,bob,printers,2026-11-01,2026-11-10,,,cancelled,
SO-8,c2,,printers,2026-11-01,2026-11-10,,,ordered,
SO-9,c2,bob,supplies,2026-11-01,2026-11-10,2026-11-12,,delivered,
EOF
run followup deliveries
exit 0
stdout
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-01,delivery,open,SO-1,,,,,,,"not shipped, promised 2026-11-30",2026-12-01T09:30-06:00
F2,c2,bob,2026-12-01,delivery,open,SO-3,,,,,,,"shipped 2026-11-23, not installed",2026-12-01T09:30-06:00
F3,c1,alice,2026-12-01,issue,open,SO-5,,,,,,,paper jams daily,2026-12-01T09:30-06:00
F4,c2,bob,2026-12-01,delivery,open,SO-8,,,,,,,"not shipped, promised 2026-11-10",2026-12-01T09:30-06:00
EOF
run followup deliveries
exit 0
stdout
EOF

=== deliveries from cron: an empty pipe on stdin still reads orders.csv
file orders.csv
order,client,rep,product,ordered,promised,shipped,installed,status,issue
SO-1,c1,alice,copiers,2026-11-01,2026-11-30,,,ordered,
EOF
run : | followup deliveries | cut -d, -f1,5,7
exit 0
stdout
id,kind,source
F1,delivery,SO-1
EOF

=== deliveries: a changed export the next day opens only what is new
file orders.csv
order,client,rep,product,ordered,promised,shipped,installed,status,issue
SO-1,c1,alice,copiers,2026-11-01,2026-11-30,,,ordered,
SO-3,c2,bob,printers,2026-11-01,2026-11-20,2026-11-23,,shipped,
SO-4,c2,bob,printers,2026-11-01,2026-11-20,2026-11-24,,shipped,
EOF
run followup deliveries | cut -d, -f1,5,7
stdout
id,kind,source
F1,delivery,SO-1
F2,delivery,SO-3
EOF
file orders2.csv
order,client,rep,product,ordered,promised,shipped,installed,status,issue
SO-1,c1,alice,copiers,2026-11-01,2026-11-30,2026-12-01,,shipped,
SO-3,c2,bob,printers,2026-11-01,2026-11-20,2026-11-23,2026-12-01,installed,dented cover
SO-4,c2,bob,printers,2026-11-01,2026-11-20,2026-11-24,,shipped,
EOF
env SALESDESK_NOW=2026-12-02T09:30
run followup deliveries - <orders2.csv | cut -d, -f1,5,7
stdout
id,kind,source
F3,issue,SO-3
F4,delivery,SO-4
EOF

=== deliveries: a bad date in the export is refused
file orders.csv
order,client,rep,product,ordered,promised,shipped,installed,status,issue
SO-1,c1,alice,copiers,2026-11-01,2026-13-01,,,ordered,
EOF
run followup deliveries
exit 65
stderr-has orders.csv:2: column 6 (promised): bad date '2026-13-01'

absent followups.csv

=== stale: no logged call for N days, the longest silence first
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-03,meeting,open,M1,warm,50,,,,,,2026-11-01T10:00-06:00
F2,c2,bob,2026-12-04,inbound,open,,,,,,,,,2026-11-10T10:00-06:00
F3,c3,bob,2026-11-04,inbound,done,,,,,,,,,2026-11-01T10:00-06:00
F4,c4,alice,2026-12-10,renewal,open,K1,,,,,,,,
EOF
file followup-log.csv
at,followup,intent,probability,value,terms,roadblocks,note
2026-11-05T10:00-06:00,F1,cold,20,,,,
2026-11-25T10:00-06:00,F1,warm,50,,,,
EOF
run followup stale
exit 0
stdout
id,client,rep,due,kind,intent,probability,value,last_call,days_since,note
F4,c4,alice,2026-12-10,renewal,,,,,,
F2,c2,bob,2026-12-04,inbound,,,,2026-11-10T10:00-06:00,21,
EOF
run followup stale --days 6 | cut -d, -f1,10
stdout
id,days_since
F4,
F2,21
F1,6
EOF
run followup stale --days ten
exit 65

=== list: filters by rep, client, status and kind
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c1,alice,2026-12-03,meeting,open,M1,,,,,,,,
F2,c2,bob,2026-12-04,inbound,open,,,,,,,,,
F3,c3,bob,2026-11-04,inbound,done,,,,,,,,,
EOF
run followup list --rep bob --status open | cut -d, -f1
stdout
id
F2
EOF
run followup list --kind inbound --client c3 | cut -d, -f1
stdout
id
F3
EOF
run followup list --status closed
exit 65
run followup list -o json --kind meeting
stdout
{"id":"F1","client":"c1","rep":"alice","due":"2026-12-03","kind":"meeting","status":"open","source":"M1","intent":"","probability":null,"value":null,"terms":"","roadblocks":"","next_step":"","note":"","updated":""}
EOF

=== add --source ties a follow-up to its meeting: plan then opens no second one
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c1,2026-11-30T10:00-06:00,2026-11-30T11:00-06:00,meeting,Austin,done,
EOF
run followup add --client c1 --rep alice --source M1 --note "called in" | cut -d, -f1,5,7
exit 0
stdout
id,kind,source
F1,inbound,M1
EOF
run followup plan </dev/null
exit 0
stdout
EOF
