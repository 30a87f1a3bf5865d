# assign-rep: routing inbound calls and leads (SPEC section 3, issue 5).
# The clock is 2026-12-01T09:30 (a Tuesday) in America/Chicago.

fixture reps-alice-bob-west reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,*,,,,,1,yes
bob,,,,West,*,,,,,1,yes
EOF

fixture reps-alice-west reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,*,,,,,1,yes
EOF

=== a known client goes to its owner, by id or else by exact name
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,*,,,,,1,yes
bob,,,,East,*,,,,,1,yes
EOF
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
c1,Acme Corp,,,,East,,bob,customer,2025-01-01
c2,Bolt Ltd,,,,West,,alice,customer,2025-01-01
EOF
stdin
client,name,region,product
c1,,West,printers
,Bolt Ltd,East,printers
,bolt ltd,East,printers
EOF
run assign-rep
stdout
client,name,region,product,rep,reason
c1,,West,printers,bob,owner
,Bolt Ltd,East,printers,alice,owner
,bolt ltd,East,printers,bob,round-robin among 1
EOF
exit 0

=== an inactive owner or one not in reps.csv: the strategy picks
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,*,,,,,1,yes
bob,,,,West,*,,,,,1,no
EOF
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
c1,Acme,,,,West,,bob,customer,2025-01-01
c2,Bolt,,,,West,,zed,customer,2025-01-01
EOF
stdin
client,region
c1,West
c2,West
EOF
run assign-rep
stdout
client,region,rep,reason
c1,West,alice,owner bob inactive; round-robin among 1
c2,West,alice,owner zed not in reps.csv; round-robin among 1
EOF
exit 0

=== an owner away at the call's received time (else now) is skipped
use reps-alice-bob-west
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
c1,Acme,,,,West,,bob,customer,2025-01-01
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,bob,,2026-12-01T08:00-06:00,2026-12-01T12:00-06:00,away,,scheduled,dentist
M2,alice,,2026-11-30T08:00-06:00,2026-11-30T17:00-06:00,away,,scheduled,
EOF
stdin
client,region,received
c1,West,
c1,West,2026-12-01T13:00
c1,West,2026-12-01 11:59
c9,West,2026-11-30T10:00-06:00
EOF
run assign-rep
stdout
client,region,received,rep,reason
c1,West,,alice,owner bob away; round-robin among 1
c1,West,2026-12-01T13:00,bob,owner
c1,West,2026-12-01 11:59,alice,owner bob away; round-robin among 1
c9,West,2026-11-30T10:00-06:00,bob,round-robin among 1
EOF
exit 0

=== region and product match case-insensitively; * covers every one
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,*,,,,,1,yes
bob,,,,*,copiers;service,,,,,1,yes
carol,,,,East,printers,,,,,1,yes
dave,,,,West,copiers,,,,,1,no
EOF
stdin
region,product
west,COPIERS
East,printers
Central,service
Central,printers
EOF
run assign-rep --explain
stdout
region,product,rep,reason
west,COPIERS,alice,"round-robin: alice 0/1=0.00, bob 0/1=0.00 -> alice (tie: rep id)"
East,printers,carol,round-robin: carol 0/1=0.00 -> carol
Central,service,bob,round-robin: bob 0/1=0.00 -> bob
Central,printers,,no active rep covers region Central for product 'printers'
EOF
exit 1

=== capacity counts open follow-ups and this run's calls
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,*,,,,2,1,yes
bob,,,,West,*,,,,1,1,yes
EOF
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c7,alice,2026-12-02,meeting,open,M1,,,,,,,,
F2,c8,bob,2026-12-02,meeting,done,M2,,,,,,,,
EOF
stdin
client,region
c1,West
c2,West
c3,West
EOF
run assign-rep --explain
stdout
client,region,rep,reason
c1,West,alice,"round-robin: alice 0/1=0.00, bob 0/1=0.00 -> alice (tie: rep id)"
c2,West,bob,"round-robin: alice at capacity 2/2, bob 0/1=0.00 -> bob"
c3,West,,"all 2 active reps covering region West are at capacity: alice at capacity 2/2, bob at capacity 1/1"
EOF
exit 1

=== away and at capacity together: the reason says both
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,printers,,,,0,1,yes
bob,,,,West,printers,,,,,1,yes
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,bob,,2026-11-30T08:00-06:00,2026-12-04T17:00-06:00,away,,scheduled,PTO
EOF
stdin
client,region,product
c1,West,printers
EOF
run assign-rep
stdout
client,region,product,rep,reason
c1,West,printers,,all 2 active reps covering region West for product 'printers' are at capacity or away
EOF
exit 1

=== round-robin by weight, fair across runs: 2:1 over 9 calls is 6:3
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,*,,,,,2,yes
bob,,,,West,*,,,,,1,yes
EOF
file calls.csv
client,region
,West
,West
,West
EOF
run for i in 1 2 3; do assign-rep --record calls.csv | cut -d, -f3 | tr '\n' ' '; echo; done
stdout
rep alice bob alice 
rep bob alice alice 
rep bob alice alice 
EOF
exit 0
run assign-rep stats
stdout
rep,active,weight,assigned,owner,turns,turn_share,weight_share,load,capacity
alice,yes,2,6,0,6,66.7,66.7,0,
bob,yes,1,3,0,3,33.3,33.3,0,
EOF
exit 0

=== ties go to the rep with the least recent call, then the smaller id
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
bob,,,,West,*,,,,,1,yes
alice,,,,West,*,,,,,1,yes
EOF
file assignments.csv
at,client,region,product,rep,reason
2026-11-30T10:00-06:00,c1,West,,bob,round-robin among 2
2026-11-30T11:00-06:00,c2,West,,alice,round-robin among 2
2026-11-30T12:00-06:00,c3,West,,bob,owner
EOF
stdin
client,region
,West
,West
,West
EOF
run assign-rep --explain
stdout
client,region,rep,reason
,West,alice,"round-robin: alice 1/1=1.00, bob 1/1=1.00 -> alice (tie: least recent call)"
,West,bob,"round-robin: alice 2/1=2.00, bob 1/1=1.00 -> bob"
,West,alice,"round-robin: alice 2/1=2.00, bob 2/1=2.00 -> alice (tie: least recent call)"
EOF
exit 0

=== least-loaded: fewest open follow-ups plus this run's calls
use reps-alice-bob-west
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c7,alice,2026-12-02,meeting,open,M1,,,,,,,,
F2,c8,alice,2026-12-02,meeting,open,M2,,,,,,,,
F3,c9,bob,2026-12-02,meeting,cancelled,M3,,,,,,,,
EOF
stdin
client,region
c1,West
c2,West
c3,West
c4,West
EOF
run assign-rep --strategy least-loaded --explain
stdout
client,region,rep,reason
c1,West,bob,"least-loaded: alice 2, bob 0 -> bob"
c2,West,bob,"least-loaded: alice 2, bob 1 -> bob"
c3,West,alice,"least-loaded: alice 2, bob 2 -> alice (tie: least recent call)"
c4,West,bob,"least-loaded: alice 3, bob 2 -> bob"
EOF
exit 0

=== the [assign] strategy is the default; --strategy overrides it
file salesdesk.ini
[assign]
strategy = least-loaded
EOF
use reps-alice-west
stdin
client,region
c1,West
EOF
run assign-rep
stdout
client,region,rep,reason
c1,West,alice,least-loaded among 1
EOF
stdin
client,region
c1,West
EOF
run assign-rep --strategy=round-robin
stdout
client,region,rep,reason
c1,West,alice,round-robin among 1
EOF
exit 0

=== first-free: the earliest free slot today, each call taking one
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,*,,,,,1,yes
bob,,,,West,*,America/Los_Angeles,,,,1,yes
carol,,,,West,*,,,,,1,yes
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,c7,2026-12-01T09:00-06:00,2026-12-01T10:30-06:00,meeting,,scheduled,
M2,carol,c8,2026-12-01T09:00-06:00,2026-12-01T15:00-06:00,meeting,,scheduled,
EOF
stdin
client,region
c1,West
c2,West
c3,West
EOF
run assign-rep --strategy first-free --explain
stdout
client,region,rep,reason
c1,West,alice,"first-free: alice 10:45, bob 11:00, carol 15:15 -> alice"
c2,West,bob,"first-free: alice 11:45, bob 11:00, carol 15:15 -> bob"
c3,West,alice,"first-free: alice 11:45, bob 12:00, carol 15:15 -> alice"
EOF
exit 0

=== a row nobody can take keeps an empty rep; the rest still go out
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,printers,,,,,1,yes
EOF
stdin
client,region,product
c1,EMEA,drones
c2,West,printers
c3,,drones
EOF
run assign-rep -o json
stdout
{"client":"c1","region":"EMEA","product":"drones","rep":"","reason":"no active rep covers region EMEA for product 'drones'"}
{"client":"c2","region":"West","product":"printers","rep":"alice","reason":"round-robin among 1"}
{"client":"c3","region":"","product":"drones","rep":"","reason":"no active rep covers product 'drones'"}
EOF
exit 1

=== without reps.csv nobody but a client's owner can take a call
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
c1,Acme,,,,West,,bob,customer,2025-01-01
EOF
stdin
client,region
c1,West
c2,West
EOF
run assign-rep
stdout
client,region,rep,reason
c1,West,bob,owner
c2,West,,no reps in reps.csv
EOF
exit 1

=== every column passes through in order; rep and reason are filled in place
use reps-alice-west
stdin
note,Rep,client,Region,reason,extra
"called twice, urgent",,c1,West,,"line one
line two"
kept as is,bob,c2,West,,
also kept,carol,c3,West,set by hand,
EOF
run assign-rep
stdout
note,Rep,client,Region,reason,extra
"called twice, urgent",alice,c1,West,round-robin among 1,"line one
line two"
kept as is,bob,c2,West,given,
also kept,carol,c3,West,set by hand,
EOF
exit 0

=== a new client keeps the rep it got for the rest of the run
use reps-alice-bob-west
stdin
client,name,region
c1,Acme,West
c1,Acme,West
,Bolt,West
,Bolt,West
,Crane,West
EOF
run assign-rep
stdout
client,name,region,rep,reason
c1,Acme,West,alice,round-robin among 2
c1,Acme,West,alice,owner
,Bolt,West,bob,round-robin among 2
,Bolt,West,bob,owner
,Crane,West,alice,round-robin among 2
EOF
exit 0
absent assignments.csv
absent clients.csv

=== --record appends the decisions and writes the owners of new clients
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,*,,,,,1,yes
bob,,,,West,*,America/Los_Angeles,,,,1,yes
EOF
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created,notes
c1,Acme,Ann,,,West,retail,,prospect,2025-01-01,keep me
c2,Bolt,,,,West,,bob,customer,2025-01-01,
EOF
stdin
client,name,region,product,email,received
c1,Acme,West,printers,,2026-12-01T08:15
c2,,West,copiers,,
c3,Crane Co,West,printers,crane@example.com,
,Delta,West,,,
,Echo,EMEA,drones,,
EOF
run assign-rep --record
stdout
client,name,region,product,email,received,rep,reason
c1,Acme,West,printers,,2026-12-01T08:15,alice,round-robin among 2
c2,,West,copiers,,,bob,owner
c3,Crane Co,West,printers,crane@example.com,,bob,round-robin among 2
,Delta,West,,,,alice,round-robin among 2
,Echo,EMEA,drones,,,,no active rep covers region EMEA for product 'drones'
EOF
exit 1
expect assignments.csv
at,client,region,product,rep,reason
2026-12-01T09:30-06:00,c1,West,printers,alice,round-robin among 2
2026-12-01T07:30-08:00,c2,West,copiers,bob,owner
2026-12-01T07:30-08:00,c3,West,printers,bob,round-robin among 2
2026-12-01T09:30-06:00,,West,,alice,round-robin among 2
2026-12-01T09:30-06:00,,EMEA,drones,,no active rep covers region EMEA for product 'drones'
EOF
expect clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created,notes
c1,Acme,Ann,,,West,retail,alice,prospect,2025-01-01,keep me
c2,Bolt,,,,West,,bob,customer,2025-01-01,
c3,Crane Co,,,crane@example.com,West,,bob,lead,2026-12-01,
EOF

=== --record appends new clients; the file's rows stay as written
use reps-alice-west
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
"c1","Acme, Inc.",,,,West,,alice,customer,2026-01-01
EOF
stdin
client,name,region
c2,Bolt,West
c3,"Acme, Inc.",West
c2,,West
EOF
run assign-rep --record
stdout
client,name,region,rep,reason
c2,Bolt,West,alice,round-robin among 1
c3,"Acme, Inc.",West,alice,owner
c2,,West,alice,owner
EOF
expect clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
"c1","Acme, Inc.",,,,West,,alice,customer,2026-01-01
c2,Bolt,,,,West,,alice,lead,2026-12-01
EOF
expect assignments.csv
at,client,region,product,rep,reason
2026-12-01T09:30-06:00,c2,West,,alice,round-robin among 1
2026-12-01T09:30-06:00,c1,West,,alice,owner
2026-12-01T09:30-06:00,c2,West,,alice,owner
EOF

=== --record rewrites clients.csv to give a row an owner, or add a column
use reps-alice-west
file clients.csv
client,name,rep
"c1","Acme",
EOF
stdin
client,name,region
c2,Bolt,West
EOF
run assign-rep --record >/dev/null
expect clients.csv
client,name,rep,contact,phone,email,region,industry,stage,created
c1,Acme,,,,,,,,
c2,Bolt,alice,,,,West,,lead,2026-12-01
EOF
stdin
client,name,region
c1,,West
EOF
run assign-rep --record >/dev/null
expect clients.csv
client,name,rep,contact,phone,email,region,industry,stage,created
c1,Acme,alice,,,,,,,
c2,Bolt,alice,,,,West,,lead,2026-12-01
EOF

=== --record appends by the file's own header, extra columns kept
use reps-alice-west
file assignments.csv
rep,at,reason,client,region,product,by
alice,2026-11-30T10:00-06:00,owner,c0,West,,ann
EOF
stdin
client,region
c1,West
EOF
run assign-rep --record --no-header
stdout
c1,West,alice,round-robin among 1
EOF
expect assignments.csv
rep,at,reason,client,region,product,by
alice,2026-11-30T10:00-06:00,owner,c0,West,,ann
alice,2026-12-01T09:30-06:00,round-robin among 1,c1,West,,
EOF

=== a dry run prints the decisions and writes nothing
use reps-alice-west
stdin
client,region
c1,West
EOF
run assign-rep -n --record
stdout
client,region,rep,reason
c1,West,alice,round-robin among 1
EOF
stderr
assign-rep: dry run: assignments.csv not changed
assign-rep: dry run: clients.csv not changed
EOF
exit 0
absent assignments.csv
absent clients.csv
absent .lock

=== -n without --record is a usage error
stdin
client,region
c1,West
EOF
run assign-rep -n
exit 64
stderr
assign-rep: -n/--dry-run shows what --record would write: give --record too
EOF

=== an unknown strategy is a usage error
run assign-rep --strategy random calls.csv
exit 64
stdout
EOF
stderr
assign-rep: unknown strategy 'random' (round-robin, least-loaded or first-free)
EOF

=== malformed CSV names its line; nothing is recorded
use reps-alice-west
file calls.csv
client,region
c1,West
c2,We"st
EOF
run assign-rep --record calls.csv
exit 65
stdout
EOF
stderr
assign-rep: calls.csv:3: column 2: malformed CSV: a quote must start and end a field
EOF
absent assignments.csv

=== a bad received time names its line and column
file calls.csv
client,received
c1,2026-02-30 10:00
EOF
run assign-rep calls.csv
exit 65
stderr
assign-rep: calls.csv:2: column 2 (received): bad received time '2026-02-30 10:00'
EOF

=== a missing input file is 66; inputs must share their columns
file a.csv
client,region
c1,West
EOF
file b.csv
client,product
c2,printers
EOF
run assign-rep nope.csv
exit 66
stderr
assign-rep: nope.csv: cannot open: No such file or directory
EOF
run assign-rep a.csv b.csv >/dev/null
exit 65
stderr
assign-rep: b.csv:1: the columns differ from the first input's
EOF

=== an empty input prints nothing
run assign-rep </dev/null
exit 0
stdout
EOF

=== stats: per rep over a period, with load and capacity
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,,,,West,*,,,,5,2,yes
bob,,,,West,*,,,,,1,yes
carol,,,,West,*,,,,,1,no
EOF
file assignments.csv
at,client,region,product,rep,reason
2026-10-30T10:00-05:00,c1,West,,bob,round-robin among 2
2026-11-02T10:00-06:00,c2,West,,alice,round-robin among 2
2026-11-03T10:00-06:00,c3,West,,alice,owner
2026-11-04T10:00-06:00,c4,West,,bob,round-robin among 2
2026-11-05T10:00-06:00,c5,West,,zed,round-robin among 3
2026-11-06T10:00-06:00,c6,EMEA,,,no active rep covers region EMEA
EOF
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,c2,alice,2026-12-02,meeting,open,M1,,,,,,,,
EOF
run assign-rep stats --period 2026-11 -o table
stdout
rep     active  weight  assigned  owner  turns  turn_share  weight_share  load  capacity
alice   yes          2         2      1      1        33.3          66.7     1         5
bob     yes          1         1      0      1        33.3          33.3     0
carol   no           1         0      0      0         0.0           0.0     0
zed                            1      0      1        33.3                   0
(none)                         1
EOF
exit 0
run assign-rep stats --period 2026-13
exit 65
stderr
assign-rep: --period: bad period '2026-13'
EOF
run assign-rep stats --record
exit 64
