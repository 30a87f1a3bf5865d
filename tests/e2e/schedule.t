# schedule(1): the reps' calendars.  Now is Tuesday 2026-12-01 09:30 in
# Chicago; alice and bruno work in New York, elena in Chicago.

fixture reps-alice-new-york reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice Moreau,,,East,*,America/New_York,,,,,yes
EOF

=== add books an entry in the rep's zone and prints it
use reps-alice-new-york
run schedule add --rep alice --client acme --at 14:00 --kind demo --where "New York" --note "3 MFPs"
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,demo,New York,scheduled,3 MFPs
EOF
expect meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,demo,New York,scheduled,3 MFPs
EOF

=== add: an overlap with a live entry is refused, naming it
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M12,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,
EOF
run schedule add --rep alice --client beta --at 14:30
exit 1
stdout
EOF
stderr
schedule: alice is busy 14:00-15:00 with M12 (acme)
EOF

=== add: the buffer keeps a gap after an entry
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M12,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,
EOF
run schedule add --rep alice --client beta --at 15:10
exit 1
stderr
schedule: alice is busy 14:00-15:00 with M12 (acme), buffer 15m
EOF
run schedule add --rep alice --client beta --at 15:15 --for 30m
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M13,alice,beta,2026-12-01T15:15-05:00,2026-12-01T15:45-05:00,meeting,,scheduled,
EOF

=== add: the buffer comes from the config, and before an entry too
file salesdesk.ini
[schedule]
buffer = 30m
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M12,alice,acme,2026-12-01T14:00-06:00,2026-12-01T15:00-06:00,meeting,,scheduled,
EOF
run schedule add --rep alice --client beta --at 12:45
exit 1
stderr
schedule: alice is busy 14:00-15:00 with M12 (acme), buffer 30m
EOF
run schedule add --rep alice --client beta --at 12:30 --for 1h
exit 0

=== add: travel.csv sets the time between two places, both ways
use reps-alice-new-york
file travel.csv
from,to,minutes
New York,Newark,45
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M12,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,Newark,scheduled,
EOF
run schedule add --rep alice --client beta --at 15:30 --where "new york"
exit 1
stderr
schedule: alice is in Newark 14:00-15:00 with M12 (acme), travel 45m + buffer 15m
EOF
run schedule add --rep alice --client beta --at 12:30 --where "New York"
exit 1
stderr
schedule: alice is in Newark 14:00-15:00 with M12 (acme), travel 45m + buffer 15m
EOF
run schedule add --rep alice --client beta --at 16:00 --where "New York" | cut -d, -f1-7
exit 0
stdout
id,rep,client,start,end,kind,location
M13,alice,beta,2026-12-01T16:00-05:00,2026-12-01T17:00-05:00,meeting,New York
EOF

=== add: two places travel.csv does not list take [schedule] travel
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M12,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,Stamford,scheduled,
EOF
run schedule add --rep alice --client beta --at 15:30 --where Hoboken
exit 1
stderr
schedule: alice is in Stamford 14:00-15:00 with M12 (acme), travel 30m + buffer 15m
EOF
run schedule add --rep alice --client beta --at 15:30 --where Stamford
exit 0
run schedule add --rep alice --client gamma --at 12:00
exit 0

=== add: outside the rep's hours, on days off and on holidays: refused
file salesdesk.ini
[hours]
holidays = 2026-12-25
EOF
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice Moreau,,,East,*,America/New_York,,,,,yes
bruno,Bruno Costa,,,East,printers,America/New_York,08:00-16:00,mon-thu,,,yes
EOF
run schedule add --rep alice --client acme --at 16:30
exit 1
stderr
schedule: 16:30-17:30 is outside alice's hours 09:00-17:00 (America/New_York)
EOF
run schedule add --rep bruno --client acme --at "2026-12-04 10:00"
exit 1
stderr
schedule: bruno does not work on Fridays (2026-12-04 is a Friday; days mon-thu)
EOF
run schedule add --rep alice --client acme --at "2026-12-05 10:00"
exit 1
stderr
schedule: alice does not work on Saturdays (2026-12-05 is a Saturday; days mon-fri)
EOF
run schedule add --rep alice --client acme --at "2026-12-25 10:00"
exit 1
stderr
schedule: 2026-12-25 is a holiday
EOF
run schedule add --rep bruno --client acme --at 08:00
exit 0
absent nothing

=== add: an away entry blocks the calendar and needs no client
use reps-alice-new-york
run schedule add --rep alice --kind away --at "2026-12-02 08:00" --until "2026-12-04 18:00" --note vacation
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M1,alice,,2026-12-02T08:00-05:00,2026-12-04T18:00-05:00,away,,scheduled,vacation
EOF
run schedule add --rep alice --client acme --at "2026-12-03 11:00"
exit 1
stderr
schedule: alice is away 2026-12-02 08:00-2026-12-04 18:00 (M1: vacation)
EOF

=== add: cancelled entries never block; done and no-show ones do
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,cancelled,
M2,alice,beta,2026-12-01T10:00-05:00,2026-12-01T11:00-05:00,call,,no-show,
EOF
run schedule add --rep alice --client gamma --at 14:00 | tail -1
exit 0
stdout
M3,alice,gamma,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,
EOF
run schedule add --rep alice --client gamma --at 10:30
exit 1
stderr
schedule: alice is busy 10:00-11:00 with M2 (beta)
EOF

=== add --force books anyway, with a warning for each broken rule
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M12,alice,acme,2026-12-01T16:00-05:00,2026-12-01T17:00-05:00,meeting,,scheduled,
EOF
run schedule add --rep alice --client beta --at 16:30 --force
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M13,alice,beta,2026-12-01T16:30-05:00,2026-12-01T17:30-05:00,meeting,,scheduled,
EOF
stderr
schedule: warning: 16:30-17:30 is outside alice's hours 09:00-17:00 (America/New_York) (booked anyway: --force)
schedule: warning: alice is busy 16:00-17:00 with M12 (acme) (booked anyway: --force)
EOF

=== add: a time in the daylight saving gap is refused
use reps-alice-new-york
run schedule add --rep alice --client acme --at "2026-03-08 02:30" --force
exit 65
stderr
schedule: --at: '2026-03-08 02:30' does not exist in America/New_York: the clocks skip that hour (daylight saving time)
EOF
absent meetings.csv

=== the week clocks spring forward: offsets change, local hours stay
env SALESDESK_NOW=2026-03-06T15:30
use reps-alice-new-york
run schedule add --rep alice --client acme --at "2026-03-06 16:00" --for 30m >/dev/null && schedule add --rep alice --client beta --at "2026-03-09 09:00" >/dev/null && cat meetings.csv
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-03-06T16:00-05:00,2026-03-06T16:30-05:00,meeting,,scheduled,
M2,alice,beta,2026-03-09T09:00-04:00,2026-03-09T10:00-04:00,meeting,,scheduled,
EOF
run schedule slots --rep alice --count 3
stdout
rep,start,end
alice,2026-03-09T10:15-04:00,2026-03-09T11:15-04:00
alice,2026-03-09T11:15-04:00,2026-03-09T12:15-04:00
alice,2026-03-09T12:15-04:00,2026-03-09T13:15-04:00
EOF
run schedule agenda --rep alice --on 2026-03-05 --week
stdout
rep,date,start,end,kind,client,location,status,note
alice,2026-03-06,16:00,16:30,meeting,acme,,scheduled,
alice,2026-03-09,09:00,10:00,meeting,beta,,scheduled,
EOF

=== the week clocks fall back: the Sunday is 25 hours, Monday's hours hold
env SALESDESK_NOW=2026-10-30T16:50
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice Moreau,,,East,*,America/New_York,,sat-sun,,,yes
EOF
run schedule slots --rep alice --count 2 --on 2026-11-01 --for 2h
stdout
rep,start,end
alice,2026-11-01T09:00-05:00,2026-11-01T11:00-05:00
alice,2026-11-01T11:00-05:00,2026-11-01T13:00-05:00
EOF
run schedule add --rep alice --kind away --at "2026-11-01 00:00" --until "2026-11-02 00:00" --note "25 hours" | cut -d, -f4,5
stdout
start,end
2026-11-01T00:00-04:00,2026-11-02T00:00-05:00
EOF
run schedule agenda --rep alice --on 2026-10-31 --week -o tsv
stdout
rep	date	start	end	kind	client	location	status	note
alice	2026-11-01	00:00	24:00	away			scheduled	25 hours
EOF

=== two reps in two zones: --at is each rep's own clock, agenda each rep's day
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice Moreau,,,East,*,America/New_York,,,,,yes
ines,Ines Duarte,,,West,*,America/Los_Angeles,,,,,yes
EOF
run schedule add --rep alice --client acme --at "tomorrow 10:00" >/dev/null && schedule add --rep ines --client zenith --at "tomorrow 10:00" >/dev/null && cut -d, -f1-5 meetings.csv
stdout
id,rep,client,start,end
M1,alice,acme,2026-12-02T10:00-05:00,2026-12-02T11:00-05:00
M2,ines,zenith,2026-12-02T10:00-08:00,2026-12-02T11:00-08:00
EOF
run schedule agenda --on tomorrow -o table | sed 's/ *$//'
stdout
rep    date        start  end    kind     client  location  status     note
alice  2026-12-02  10:00  11:00  meeting  acme              scheduled
ines   2026-12-02  10:00  11:00  meeting  zenith            scheduled
EOF
run schedule slots --rep ines --count 1
stdout
rep,start,end
ines,2026-12-01T09:00-08:00,2026-12-01T10:00-08:00
EOF

=== slots: across a region's active reps, earliest first, ties by rep id
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice Moreau,,,East,*,America/New_York,,,,,yes
bruno,Bruno Costa,,,East,printers,America/New_York,08:00-16:00,,,,yes
carmen,Carmen Ortiz,,,East,copiers,America/New_York,,,,,no
elena,Elena Rossi,,,Central,*,,,,,,yes
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T10:30-05:00,2026-12-01T12:00-05:00,meeting,,scheduled,
EOF
run schedule slots --region east --count 4
exit 0
stdout
rep,start,end
bruno,2026-12-01T10:30-05:00,2026-12-01T11:30-05:00
bruno,2026-12-01T11:30-05:00,2026-12-01T12:30-05:00
alice,2026-12-01T12:15-05:00,2026-12-01T13:15-05:00
bruno,2026-12-01T12:30-05:00,2026-12-01T13:30-05:00
EOF
run schedule slots --product copiers --on tomorrow --for 90m --count 3
stdout
rep,start,end
alice,2026-12-02T09:00-05:00,2026-12-02T10:30-05:00
elena,2026-12-02T09:00-06:00,2026-12-02T10:30-06:00
alice,2026-12-02T10:30-05:00,2026-12-02T12:00-05:00
EOF
run schedule slots --region Nowhere
exit 0
stdout
EOF
absent .lock
run schedule book --region east --client newco --kind call -n 2>/dev/null
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
,bruno,newco,2026-12-01T10:30-05:00,2026-12-01T11:30-05:00,call,,scheduled,
EOF
run schedule slots --count 2
exit 64
stderr
schedule: give --rep, --region or --product
EOF

=== book: a prospect calls at 10:40, the rep is on the road until 14:00
env SALESDESK_NOW=2026-12-01T09:40
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M7,alice,,2026-12-01T09:00-05:00,2026-12-01T14:00-05:00,away,Stamford,scheduled,on the road
EOF
run schedule book --rep alice --client prospect-9 --on today --note "called in"
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M8,alice,prospect-9,2026-12-01T14:15-05:00,2026-12-01T15:15-05:00,meeting,,scheduled,called in
EOF
run schedule book --rep alice --client prospect-10 --on today --for 2h
exit 1
stderr
schedule: no free slot of 2h for alice in the window
EOF
run schedule book --rep alice --client prospect-10 --for 2h -n
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
,alice,prospect-10,2026-12-02T09:00-05:00,2026-12-02T11:00-05:00,meeting,,scheduled,
EOF
stderr
schedule: dry run: meetings.csv not changed
EOF

=== list: filters, extra columns passed through, the pipe into followup
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice Moreau,,,East,*,America/New_York,,,,,yes
elena,Elena Rossi,,,Central,*,,,,,,yes
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note,source
M1,alice,acme,2026-11-30T23:30-05:00,2026-12-01T00:30-05:00,call,,done,late call,web
M2,alice,acme,2026-12-01T08:00-05:00,2026-12-01T09:00-05:00,meeting,,done,,phone
M3,elena,beta,2026-12-01T08:00-06:00,2026-12-01T09:00-06:00,demo,,done,,
M4,elena,beta,2026-12-02T08:00-06:00,2026-12-02T09:00-06:00,demo,,scheduled,,
EOF
run schedule list --status done --on today
exit 0
stdout
id,rep,client,start,end,kind,location,status,note,source
M2,alice,acme,2026-12-01T08:00-05:00,2026-12-01T09:00-05:00,meeting,,done,,phone
M3,elena,beta,2026-12-01T08:00-06:00,2026-12-01T09:00-06:00,demo,,done,,
EOF
run schedule list --rep elena --kind demo --from tomorrow -o json
stdout
{"id":"M4","rep":"elena","client":"beta","start":"2026-12-02T08:00-06:00","end":"2026-12-02T09:00-06:00","kind":"demo","location":"","status":"scheduled","note":"","source":""}
EOF
run schedule list --client acme --to 2026-11-30 --no-header
stdout
M1,alice,acme,2026-11-30T23:30-05:00,2026-12-01T00:30-05:00,call,,done,late call,web
EOF
run schedule list --status done --on today | schedule list --rep alice - | cut -d, -f1
stdout
id
M2
EOF
run schedule list --status finished
exit 64
run schedule list --rep zoe
exit 65
stderr
schedule: unknown rep 'zoe' (not in reps.csv)
EOF

=== move checks the rules again and keeps a person's extra columns
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note,source
M1,alice,acme,2026-12-01T10:00-05:00,2026-12-01T11:30-05:00,demo,,scheduled,,web
M2,alice,beta,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,,
EOF
run schedule move M1 --at 13:30
exit 1
stderr
schedule: alice is busy 14:00-15:00 with M2 (beta)
EOF
run schedule move M1 --at 15:15
exit 0
stdout
id,rep,client,start,end,kind,location,status,note,source
M1,alice,acme,2026-12-01T15:15-05:00,2026-12-01T16:45-05:00,demo,,scheduled,,web
EOF
run schedule move M2 --at 15:30 --for 30m -n
exit 1
stderr
schedule: alice is busy 15:15-16:45 with M1 (acme)
EOF
run schedule move M2 --at "2026-12-02 14:00" --for 30m
exit 0
expect meetings.csv
id,rep,client,start,end,kind,location,status,note,source
M1,alice,acme,2026-12-01T15:15-05:00,2026-12-01T16:45-05:00,demo,,scheduled,,web
M2,alice,beta,2026-12-02T14:00-05:00,2026-12-02T14:30-05:00,meeting,,scheduled,,
EOF
run schedule move M9 --at 15:00
exit 65
stderr
schedule: no entry 'M9' in meetings.csv
EOF

=== cancel, done and no-show set the status; a cancelled entry frees the time
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,
M2,alice,beta,2026-11-30T10:00-05:00,2026-11-30T11:00-05:00,meeting,,scheduled,
M3,alice,gamma,2026-11-30T13:00-05:00,2026-11-30T14:00-05:00,call,,scheduled,
EOF
run schedule cancel M1 && schedule done M2 && schedule no-show M3 -o tsv
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,cancelled,
id,rep,client,start,end,kind,location,status,note
M2,alice,beta,2026-11-30T10:00-05:00,2026-11-30T11:00-05:00,meeting,,done,
id	rep	client	start	end	kind	location	status	note
M3	alice	gamma	2026-11-30T13:00-05:00	2026-11-30T14:00-05:00	call		no-show	
EOF
run schedule add --rep alice --client delta --at 14:00 | cut -d, -f1-3
stdout
id,rep,client
M4,alice,delta
EOF
run schedule done
exit 64
run schedule done M4 -n && cut -d, -f1,8 meetings.csv
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M4,alice,delta,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,done,
id,status
M1,cancelled
M2,done
M3,no-show
M4,scheduled
EOF
stderr
schedule: dry run: meetings.csv not changed
EOF

=== check: every conflicting pair, exit 1; a clean book exits 0
use reps-alice-new-york
file travel.csv
from,to,minutes
Newark,New York,45
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T09:00-05:00,2026-12-01T12:00-05:00,meeting,,scheduled,
M2,alice,beta,2026-12-01T10:00-05:00,2026-12-01T10:30-05:00,call,,scheduled,
M3,alice,gamma,2026-12-01T11:00-05:00,2026-12-01T11:30-05:00,call,,scheduled,
M4,alice,delta,2026-12-01T12:10-05:00,2026-12-01T13:00-05:00,meeting,Newark,scheduled,
M5,alice,,2026-12-01T13:30-05:00,2026-12-01T17:00-05:00,away,New York,scheduled,
M6,alice,omega,2026-12-01T13:30-05:00,2026-12-01T14:00-05:00,meeting,,cancelled,
M7,elena,beta,2026-12-01T12:00-06:00,2026-12-01T13:00-06:00,meeting,,scheduled,
EOF
run schedule check
exit 1
stdout
rep,first,second,first_start,second_start,reason
alice,M1,M2,2026-12-01T09:00-05:00,2026-12-01T10:00-05:00,overlap
alice,M1,M3,2026-12-01T09:00-05:00,2026-12-01T11:00-05:00,overlap
alice,M1,M4,2026-12-01T09:00-05:00,2026-12-01T12:10-05:00,buffer 15m
alice,M4,M5,2026-12-01T12:10-05:00,2026-12-01T13:30-05:00,travel 45m + buffer 15m
EOF
stderr
schedule: 4 conflicting pairs
EOF
run schedule cancel M1 >/dev/null && schedule check
exit 1
stdout
rep,first,second,first_start,second_start,reason
alice,M4,M5,2026-12-01T12:10-05:00,2026-12-01T13:30-05:00,travel 45m + buffer 15m
EOF
run schedule move M5 --at 14:00 --until 17:00 >/dev/null && schedule check
exit 0
stdout
EOF

=== check FILE and stdin; a missing FILE is 66; an empty book is clean
file other.csv
id,rep,client,start,end,kind,location,status,note
A1,zoe,x,2026-12-01T10:00Z,2026-12-01T11:00Z,meeting,,scheduled,
A2,zoe,y,2026-12-01T10:59Z,2026-12-01T11:30Z,meeting,,scheduled,
EOF
run schedule check other.csv -o table
exit 1
stdout
rep  first  second  first_start             second_start            reason
zoe  A1     A2      2026-12-01T04:00-06:00  2026-12-01T04:59-06:00  overlap
EOF
run schedule check - < other.csv | wc -l
stdout
2
EOF
run schedule check missing.csv
exit 66
run schedule check
exit 0
stdout
EOF

=== bad input: unknown rep, impossible date, end before start (65)
use reps-alice-new-york
run schedule add --rep zoe --client acme --at 10:00
exit 65
stderr
schedule: unknown rep 'zoe' (not in reps.csv)
EOF
run schedule add --rep alice --client acme --at 2026-02-30T10:00
exit 65
stderr
schedule: --at: bad date '2026-02-30T10:00'
EOF
run schedule add --rep alice --client acme --at "2026-12-02 10:00" --until "2026-12-02 09:00"
exit 65
stderr
schedule: --until: the end '2026-12-02 09:00' is not after the start '2026-12-02 10:00'
EOF
run schedule add --rep alice --client acme --at 10:00 --for 0m
exit 65
stderr
schedule: --for: bad duration '0m'
EOF
run schedule add --rep alice --client acme --at 10:00 --for 1h --until 12:00
exit 64
run schedule add --rep alice --at 10:00
exit 64
stderr
schedule: --client is required
EOF
run schedule add --rep alice --client acme --at 10:00 --kind party
exit 64
run schedule add --rep alice --client acme --at 10:00 --count 3
exit 64
stderr
schedule: --count does not apply to add
EOF
absent meetings.csv

=== bad input: a malformed meetings.csv line is reported with its number
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,
M2,alice,be"ta,2026-12-02T14:00-05:00,2026-12-02T15:00-05:00,meeting,,scheduled,
M3,alice,gamma,2026-12-02T16:00-05:00,2026-12-02T17:00-05:00,meeting,,scheduled,
EOF
run schedule add --rep alice --client gamma --at 10:00
exit 65
stderr-has meetings.csv:3: column 3: malformed CSV
run schedule check
exit 65
stderr-has meetings.csv:3: column 3: malformed CSV
run printf 'M4,alice,delta\n' >> meetings.csv; sed -i 's/be"ta/beta/' meetings.csv; schedule list
exit 65
stderr-has meetings.csv:5: expected 9 fields as in the header, found 3

=== bad input: bad values in meetings.csv name line, column and value
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,
M2,alice,acme,2026-12-01T16:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,
EOF
run schedule check
exit 65
stderr-has meetings.csv:3: column 5 (end): end not after start '2026-12-01T15:00-05:00'
run printf 'id,rep,start,end,status\nM1,alice,2026-13-01T10:00,2026-12-01T11:00,scheduled\n' > meetings.csv; schedule list
exit 65
stderr-has meetings.csv:2: column 3 (start): bad date and time '2026-13-01T10:00'
run printf 'id,rep,start,end,status\nM1,alice,2026-12-01T10:00,2026-12-01T11:00,maybe\n' > meetings.csv; schedule agenda
exit 65
stderr-has meetings.csv:2: column 5 (status): bad status

=== without reps.csv any rep goes, on the config's hours and the team zone
file salesdesk.ini
[hours]
default = 08:00-12:00
EOF
run schedule add --rep walk-in --client acme --at 11:00
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
M1,walk-in,acme,2026-12-01T11:00-06:00,2026-12-01T12:00-06:00,meeting,,scheduled,
EOF
run schedule add --rep walk-in --client acme --at "tomorrow 11:30"
exit 1
stderr
schedule: 11:30-12:30 is outside walk-in's hours 08:00-12:00 (America/Chicago)
EOF

=== -n prints what add would write and writes nothing
run schedule add --rep alice --client acme --at 10:00 -n
exit 0
stdout
id,rep,client,start,end,kind,location,status,note
,alice,acme,2026-12-01T10:00-06:00,2026-12-01T11:00-06:00,meeting,,scheduled,
EOF
stderr
schedule: dry run: meetings.csv not changed
EOF
absent meetings.csv
absent .ids

=== add appends to a book with extra columns, keeping them
file meetings.csv
id,rep,client,start,end,kind,location,status,note,source
M1,alice,acme,2026-12-01T10:00-06:00,2026-12-01T11:00-06:00,meeting,,scheduled,,web
EOF
run schedule add --rep alice --client beta --at 14:00 >/dev/null
expect meetings.csv
id,rep,client,start,end,kind,location,status,note,source
M1,alice,acme,2026-12-01T10:00-06:00,2026-12-01T11:00-06:00,meeting,,scheduled,,web
M2,alice,beta,2026-12-01T14:00-06:00,2026-12-01T15:00-06:00,meeting,,scheduled,,
EOF

=== several processes booking the same rep at the same minute: one wins
use reps-alice-new-york
run for i in 1 2 3 4 5 6 7 8; do (schedule add --rep alice --client c$i --at "tomorrow 10:00" >/dev/null 2>&1; echo $? >rc.$i) & done; wait; cat rc.* | sort | uniq -c | tr -s ' '; wc -l < meetings.csv
exit 0
stdout
 1 0
 7 1
2
EOF

=== agenda: per rep, local times; a person-friendly table
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice Moreau,,,East,*,America/New_York,,,,,yes
elena,Elena Rossi,,,Central,*,,,,,,yes
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,elena,beta,2026-12-01T13:00-06:00,2026-12-01T14:00-06:00,demo,Evanston,scheduled,bring samples
M2,alice,acme,2026-12-01T15:00-05:00,2026-12-01T15:30-05:00,call,phone,scheduled,
M3,alice,acme,2026-12-01T09:00-05:00,2026-12-01T10:00-05:00,visit,Newark,done,
M4,alice,omega,2026-12-02T09:00-05:00,2026-12-02T10:00-05:00,visit,Newark,scheduled,
EOF
run schedule agenda -o table | sed 's/ *$//'
exit 0
stdout
rep    date        start  end    kind   client  location  status     note
alice  2026-12-01  09:00  10:00  visit  acme    Newark    done
alice  2026-12-01  15:00  15:30  call   acme    phone     scheduled
elena  2026-12-01  13:00  14:00  demo   beta    Evanston  scheduled  bring samples
EOF
run schedule agenda --rep elena --on 2026-12-02
exit 0
stdout
EOF
run schedule agenda --week --rep alice | cut -d, -f1-4
stdout
rep,date,start,end
alice,2026-12-01,09:00,10:00
alice,2026-12-01,15:00,15:30
alice,2026-12-02,09:00,10:00
EOF

=== export: RFC 5545 text, CRLF, UTC times, UID from the domain
file salesdesk.ini
[schedule]
domain = lakeshore.example
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,demo,"New York, 5th Ave",scheduled,"bring: samples; price list"
M2,alice,beta,2026-12-02T10:00-05:00,2026-12-02T11:00-05:00,meeting,,cancelled,
M3,elena,gamma,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,call,,scheduled,
EOF
run schedule export --rep alice -o ics | tr -d '\r'
exit 0
stdout
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//salesdesk//schedule 0.1.0//EN
CALSCALE:GREGORIAN
METHOD:PUBLISH
BEGIN:VEVENT
UID:M1@lakeshore.example
DTSTAMP:20261201T153000Z
DTSTART:20261201T190000Z
DTEND:20261201T200000Z
SUMMARY:demo with acme (alice)
LOCATION:New York\, 5th Ave
DESCRIPTION:bring: samples\; price list
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
UID:M2@lakeshore.example
DTSTAMP:20261201T153000Z
DTSTART:20261202T150000Z
DTEND:20261202T160000Z
SUMMARY:meeting with beta (alice)
STATUS:CANCELLED
END:VEVENT
END:VCALENDAR
EOF
run schedule export | awk '/\r$/ { crlf++ } END { print crlf, NR }'
stdout
32 32
EOF
run schedule export --client nobody
stdout
EOF
run schedule export -o csv
exit 64
run schedule list -o ics
exit 64

=== export folds long lines at 75 octets, never inside a character
run schedule add --rep alice --client acme --at 14:00 --note "Ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé end" >/dev/null
run schedule export > out.ics && LC_ALL=C awk '{ if (length($0) > 76) bad++ } END { print bad + 0 }' out.ics && grep -c '^ ' out.ics && iconv -f UTF-8 -t UTF-8 out.ics >/dev/null && echo utf-8
stdout
0
1
utf-8
EOF

=== export and import round trip: the calendar reads back as busy times
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-06:00,2026-12-01T15:00-06:00,demo,Evanston,scheduled,
M2,alice,beta,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,meeting,,cancelled,
M3,alice,gamma,2026-11-30T10:00-06:00,2026-11-30T11:00-06:00,meeting,,done,
EOF
run schedule export > alice.ics && schedule -d other import --rep alice alice.ics
exit 0
stdout
id,rep,client,start,end,kind,location,status,note,uid
M1,alice,,2026-12-01T14:00-06:00,2026-12-01T15:00-06:00,away,Evanston,scheduled,imported: demo with acme (alice),M1@salesdesk.invalid
EOF
run schedule -d other import --rep alice alice.ics
exit 0
stdout
EOF
run cat other/meetings.csv | wc -l
stdout
2
EOF

=== import: a rep's own calendar becomes away entries that block slots
use reps-alice-new-york
bytes phone.ics
BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\nUID:dentist-1@phone\r\nDTSTAMP:20261120T120000Z\r\nDTSTART;TZID=America/New_York:20261201T103000\r\nDTEND;TZID=America/New_York:20261201T120000\r\nSUMMARY:Dentist\r\nLOCATION:Main St\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:lunch@phone\r\nDTSTAMP:20261120T120000Z\r\nDTSTART:20261201T180000Z\r\nDURATION:PT1H\r\nSUMMARY:Lunch\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:gone@phone\r\nDTSTAMP:20261120T120000Z\r\nDTSTART:20261202T150000Z\r\nDTEND:20261202T160000Z\r\nSUMMARY:Cancelled\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:old@phone\r\nDTSTAMP:20261120T120000Z\r\nDTSTART:20261101T150000Z\r\nDTEND:20261101T160000Z\r\nSUMMARY:Past\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:off@phone\r\nDTSTAMP:20261120T120000Z\r\nDTSTART;VALUE=DATE:20261203\r\nDTEND;VALUE=DATE:20261204\r\nSUMMARY:Day off\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n
EOF
run schedule import --rep alice phone.ics
exit 0
stdout
id,rep,client,start,end,kind,location,status,note,uid
M1,alice,,2026-12-01T10:30-05:00,2026-12-01T12:00-05:00,away,Main St,scheduled,imported: Dentist,dentist-1@phone
M2,alice,,2026-12-03T00:00-05:00,2026-12-04T00:00-05:00,away,,scheduled,imported: Day off,off@phone
EOF
run schedule slots --rep alice --count 2
stdout
rep,start,end
alice,2026-12-01T12:15-05:00,2026-12-01T13:15-05:00
alice,2026-12-01T13:15-05:00,2026-12-01T14:15-05:00
EOF
run schedule import --rep alice phone.ics && wc -l < meetings.csv
exit 0
stdout
3
EOF

=== import: recurring events expand over 90 days, less EXDATE and overrides
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
elena,Elena Rossi,,,Central,*,,,,,,yes
EOF
bytes gym.ics
BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\nUID:standup@office\r\nDTSTAMP:20261120T120000Z\r\nDTSTART;TZID=America/Chicago:20261124T110000\r\nDTEND;TZID=America/Chicago:20261124T111500\r\nRRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4\r\nEXDATE;TZID=America/Chicago:20261208T110000\r\nSUMMARY:Stand-up\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:standup@office\r\nRECURRENCE-ID;TZID=America/Chicago:20261215T110000\r\nDTSTAMP:20261120T120000Z\r\nDTSTART;TZID=America/Chicago:20261215T130000\r\nDTEND;TZID=America/Chicago:20261215T131500\r\nSUMMARY:Stand-up (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n
EOF
run schedule import --rep elena gym.ics | cut -d, -f1,4,9,10
exit 0
stdout
id,start,note,uid
M1,2026-12-01T11:00-06:00,imported: Stand-up,standup@office/20261201T170000Z
M2,2026-12-15T13:00-06:00,imported: Stand-up (moved),standup@office/20261215T170000Z
EOF
run schedule import --rep elena gym.ics
stdout
EOF

=== import: not a calendar, a missing file, no --rep
file notes.txt
hello
EOF
run schedule import --rep alice notes.txt
exit 65
stderr-has not an iCalendar file
run schedule import --rep alice missing.ics
exit 66
run schedule import missing.ics
exit 64
absent meetings.csv
absent .lock

=== add: the book's index follows an edit by hand
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,
EOF
run schedule add -n --rep alice --client beta --at 10:00 >/dev/null 2>&1; ls -a | grep -c index
stdout
0
EOF
run schedule add --rep alice --client beta --at 10:00 | cut -d, -f1-4
exit 0
stdout
id,rep,client,start
M2,alice,beta,2026-12-01T10:00-05:00
EOF
run ls -a | grep index
stdout
.meetings.index
EOF
run printf 'M7,alice,zeta,2026-12-01T11:00-05:00,2026-12-01T12:00-05:00,,,,\n' >>meetings.csv
run schedule add --rep alice --client gamma --at 11:30
exit 1
stderr
schedule: alice is busy 11:00-12:00 with M7 (zeta)
EOF
run sed -i 's/^M1,alice,acme/M1,bruno,acme/' meetings.csv
run schedule add --rep alice --client delta --at 14:00 | cut -d, -f1-4
exit 0
stdout
id,rep,client,start
M8,alice,delta,2026-12-01T14:00-05:00
EOF
run schedule add --rep alice --client eta --at 14:30
exit 1
stderr
schedule: alice is busy 14:00-15:00 with M8 (delta)
EOF

=== add: an index that is old, cut short or garbage is not trusted
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,
EOF
run schedule add --rep alice --client beta --at 10:00 >/dev/null && cp .meetings.index old
run schedule add --rep alice --client gamma --at 12:00 >/dev/null && mv old .meetings.index
run schedule add --rep alice --client delta --at 12:30
exit 1
stderr
schedule: alice is busy 12:00-13:00 with M3 (gamma)
EOF
run head -c 150 .meetings.index >cut && mv cut .meetings.index
run schedule add --rep alice --client delta --at 10:30
exit 1
stderr
schedule: alice is busy 10:00-11:00 with M2 (beta)
EOF
run echo garbage >.meetings.index && schedule add --rep alice --client delta --at 14:30
exit 1
stderr
schedule: alice is busy 14:00-15:00 with M1 (acme)
EOF
run rm .meetings.index && schedule add --rep alice --client delta --at 16:00 | cut -d, -f1-3
exit 0
stdout
id,rep,client
M4,alice,delta
EOF

=== cancel and move leave the index describing the book
use reps-alice-new-york
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-12-01T14:00-05:00,2026-12-01T15:00-05:00,meeting,,scheduled,
M2,alice,beta,2026-12-01T16:00-05:00,2026-12-01T17:00-05:00,meeting,,scheduled,
EOF
run schedule add --rep alice --client gamma --at 10:00 >/dev/null && schedule cancel M1 >/dev/null && schedule move M2 --at 11:15 >/dev/null
run schedule add --rep alice --client delta --at 14:00 | cut -d, -f1-4
exit 0
stdout
id,rep,client,start
M4,alice,delta,2026-12-01T14:00-05:00
EOF
run schedule add --rep alice --client eta --at 11:30
exit 1
stderr
schedule: alice is busy 11:15-12:15 with M2 (beta)
EOF
