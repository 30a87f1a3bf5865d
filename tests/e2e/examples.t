# The scripts of examples/, run on a copy of the demo data with the demo's
# clock (Tuesday 2026-12-01, 08:30 in Chicago), and the README's tour.
# SALESDESK_SRC is the source tree; each case copies examples/demo into its
# data directory first.

=== make demo: every step runs and examples/demo is left as it was
env SALESDESK_NOW=2026-12-01T08:30
run cd "$SALESDESK_SRC/examples/demo" && cksum * >"$SALESDESK_DIR/before" && sh ../demo.sh >"$SALESDESK_DIR/demo.out" && cksum * | cmp - "$SALESDESK_DIR/before" && grep '^== ' "$SALESDESK_DIR/demo.out"
stdout
== Today, rep by rep
== The call list
== Follow-ups after yesterday's and the weekend's meetings
== Late deliveries from the shipping export
== A prospect calls
== Inbound web leads
== Contracts, and the renewals to call about
== The quarter: actual against target
== The pipeline
EOF
exit 0

=== the README's tour is what the demo prints
run sh "$SALESDESK_SRC/examples/readme-tour.sh" -c
stdout
EOF
exit 0

=== morning.sh: agenda, deliveries, renewals, then the call list
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." . && cp -R "$SALESDESK_SRC/examples/documents" docs
run contracts add docs/northgate-service-agreement.txt --client c241 --title 'Service agreement' --starts 2026-01-01 --term 12m --notice 30d --rep bruno && contracts add docs/parkside-copier-lease.txt --client c113 --title 'Copier lease' --starts 2025-02-01 --term 24m --notice 60d --rep kate
exit 0
run sh "$SALESDESK_SRC/examples/morning.sh"
stdout
== Today's agenda
rep     date        start  end    kind     client  location     status     note
alice   2026-12-01  09:00  09:45  visit    c229    Newark       scheduled  quarterly review
alice   2026-12-01  10:30  11:30  meeting  c259    Newark       scheduled  intro meeting
bruno   2026-12-01  08:00  08:30  call     c043    phone        done
bruno   2026-12-01  09:45  11:15  demo     c285    Stamford     scheduled  show secure release printing
carmen  2026-12-01  11:00  12:00  meeting  c041    Jersey City  cancelled  lease ends in March
carmen  2026-12-01  12:45  14:15  demo     c260    New York     scheduled  demo print management, bring samples
elena   2026-12-01  10:00  10:30  call     c183    phone        scheduled
elena   2026-12-01  13:00  17:00  away                          scheduled  dentist
farid   2026-12-01  10:00  10:30  call     c204    phone        scheduled  billing question
farid   2026-12-01  10:45  11:30  call     c013    phone        scheduled  renewal question
grace   2026-12-01  09:00  10:30  demo     c251    Joliet       scheduled  show secure release printing
grace   2026-12-01  11:15  12:45  demo     c154    Chicago      scheduled  demo for the IT lead
hiro    2026-12-01  09:00  10:00  meeting  c132    Naperville   scheduled
hiro    2026-12-01  11:15  12:45  demo     c131    Naperville   scheduled  show secure release printing
ines    2026-12-01  09:30  10:30  visit    c084    Burbank      scheduled  bring paper samples, brochure
ines    2026-12-01  11:15  12:15  visit    c211    Pasadena     scheduled  quarterly review
jamal   2026-12-01  08:30  09:00  call     c125    phone        cancelled  quote follow-up
jamal   2026-12-01  09:30  10:00  call     c146    phone        scheduled  check-in
kate    2026-12-01  00:00  24:00  away                          scheduled  PTO

== New delivery and issue follow-ups
id    client  rep     due         kind      status  source    intent  probability  value  terms  roadblocks  next_step  note                               updated
F184  c250    elena   2026-12-01  delivery  open    SO-41005                                                            shipped 2026-09-15, not installed  2026-12-01T08:30-06:00
F185  c004    hiro    2026-12-01  issue     open    SO-41014                                                            network card dead on arrival       2026-12-01T08:30-06:00
F186  c182    dmitri  2026-12-01  delivery  open    SO-41015                                                            not shipped, promised 2026-10-14   2026-12-01T09:30-05:00
F187  c072    jamal   2026-12-01  delivery  open    SO-41016                                                            shipped 2026-10-05, not installed  2026-12-01T06:30-08:00
F188  c102    alice   2026-12-01  delivery  open    SO-41017                                                            shipped 2026-10-07, not installed  2026-12-01T09:30-05:00
F189  c267    farid   2026-12-01  issue     open    SO-41023                                                            scanner not sending to email       2026-12-01T08:30-06:00
F190  c213    jamal   2026-12-01  issue     open    SO-41030                                                            wrong paper tray delivered         2026-12-01T06:30-08:00
F191  c023    dmitri  2026-12-01  delivery  open    SO-41038                                                            not shipped, promised 2026-10-19   2026-12-01T09:30-05:00
F192  c277    hiro    2026-12-01  issue     open    SO-41039                                                            network card dead on arrival       2026-12-01T08:30-06:00
F193  c078    bruno   2026-12-01  delivery  open    SO-41056                                                            not shipped, promised 2026-11-12   2026-12-01T09:30-05:00
F194  c293    dmitri  2026-12-01  delivery  open    SO-41065                                                            not shipped, promised 2026-11-19   2026-12-01T09:30-05:00

== New renewal follow-ups
id    client  rep    due         kind     status  source  intent  probability  value  terms  roadblocks  next_step  note                                   updated                 notice_on
F195  c241    bruno  2026-12-01  renewal  open    K1                                                                Service agreement, expires 2026-12-31  2026-12-01T09:30-05:00  2026-12-01
F196  c113    kate   2026-12-02  renewal  open    K2                                                                Copier lease, expires 2027-01-31       2026-12-01T06:30-08:00  2026-12-02

== The call list
id    due         days_overdue  rep     client  name                            phone         kind      intent  probability     value  next_step             note
F8    2026-09-10            82  kate    c265    Bluebird Academy                626-555-0157  meeting
F12   2026-09-11            81  elena   c205    Crescent Public Library         630-555-0129  meeting                         1700.00
F43   2026-10-02            60  ines    c211    Prairie Tool & Die, Inc.        949-555-0189  delivery                                 call shipping         not shipped, promised 2026-09-28
F53   2026-10-07            55  dmitri  c015    Redwood Hardware, LLC           973-555-0107  issue                                    send a technician     toner streaks on every page
F54   2026-10-07            55  alice   c259    Elm Street Hotel & Co.          914-555-0139  delivery                                 book the install      shipped 2026-09-28, not installed
F59   2026-10-09            53  alice   c071    Highland Hardware, LLC          212-555-0124  delivery                                 call shipping         not shipped, promised 2026-10-07
F66   2026-10-12            50  grace   c046    Granite Architects              773-555-0198  meeting                        10550.00
F79   2026-10-15            47  jamal   c100    Harbor Architects               310-555-0196  meeting
F82   2026-10-16            46  farid   c105    Maple Public Library            773-555-0115  delivery                                 book the install      shipped 2026-10-07, not installed
F88   2026-10-16            46  jamal   c213    Elm Street Print & Mail & Co.   562-555-0195  meeting
F102  2026-10-21            41  elena   c257    Hillcrest Packaging & Co.       312-555-0168  meeting
F111  2026-10-27            35  dmitri  c164    Ironwood Dental Group           203-555-0128  meeting                         4900.00
F95   2026-11-03            28  bruno   c048    Crescent Architects             718-555-0130  renewal                        11550.00                        service agreement ends 2026-12-31
F96   2026-11-03            28  carmen  c272    Bayside Hardware, LLC           914-555-0155  renewal                         3900.00                        service agreement ends 2026-12-31
F97   2026-11-03            28  ines    c297    Hillcrest Architects            562-555-0150  renewal                         3500.00                        service agreement ends 2026-12-31
F162  2026-11-20            11  ines    c075    Maple Charter School            213-555-0188  issue                                    send a technician     wrong paper tray delivered
F163  2026-11-20            11  alice   c221    Crescent Insurance Agency       973-555-0140  issue                                    send a technician     toner streaks on every page
F131  2026-11-23             8  kate    c113    Parkside Auto Group, LLC        949-555-0156  meeting   warm             60   3150.00  email the contract    interested, no rush
F168  2026-11-23             8  bruno   c241    Northgate Logistics, Inc.       973-555-0112  meeting                        12000.00
F169  2026-11-23             8  ines    c299    Beacon Water District           949-555-0164  meeting
F173  2026-11-24             7  kate    c110    Parkside Water District         562-555-0160  meeting
F174  2026-11-24             7  jamal   c206    Elm Street Engineering & Co.    213-555-0125  meeting
F147  2026-11-25             6  elena   c292    Parkside Law Offices            847-555-0178  inbound   hot              75   4100.00  book a first meeting  ready once terms are agreed
F149  2026-11-25             6  alice   c101    Prairie Packaging               718-555-0125  meeting   hot              70   3050.00  book the install      ready once terms are agreed
F177  2026-11-25             6  kate    c175    Prairie Academy                 562-555-0117  meeting
F93   2026-11-27             4  dmitri  c173    Pioneer Water District          718-555-0137  inbound   hot              90   1450.00  book a first meeting  ready once terms are agreed
F179  2026-11-27             4  alice   c076    Highland Freight                203-555-0136  meeting
F181  2026-11-27             4  grace   c210    Elm Street Realty, LLC          312-555-0126  meeting
F182  2026-11-30             1  carmen  c041    Highland Charter School         914-555-0182  inbound                                                        asked about service
F183  2026-12-01             0  elena   c187    Eastgate Insurance Agency, LLC  773-555-0181  inbound                                                        asked about copiers
F184  2026-12-01             0  elena   c250    Maple Insurance Agency, Inc.    312-555-0131  delivery                                                       shipped 2026-09-15, not installed
F185  2026-12-01             0  hiro    c004    Meridian Freight                213-555-0104  issue                                                          network card dead on arrival
F186  2026-12-01             0  dmitri  c182    Brookside Family Medicine       203-555-0164  delivery                                                       not shipped, promised 2026-10-14
F187  2026-12-01             0  jamal   c072    Westfield Family Medicine       626-555-0130  delivery                                                       shipped 2026-10-05, not installed
F188  2026-12-01             0  alice   c102    Union Square Charter School     718-555-0110  delivery                                                       shipped 2026-10-07, not installed
F189  2026-12-01             0  farid   c267    Redwood Animal Hospital         312-555-0102  issue                                                          scanner not sending to email
F190  2026-12-01             0  jamal   c213    Elm Street Print & Mail & Co.   562-555-0195  issue                                                          wrong paper tray delivered
F191  2026-12-01             0  dmitri  c023    Oakridge Family Medicine        212-555-0174  delivery                                                       not shipped, promised 2026-10-19
F192  2026-12-01             0  hiro    c277    Beacon Academy                  773-555-0134  issue                                                          network card dead on arrival
F193  2026-12-01             0  bruno   c078    Harbor Hardware & Co.           914-555-0195  delivery                                                       not shipped, promised 2026-11-12
F194  2026-12-01             0  dmitri  c293    Sunrise Print & Mail & Co.      212-555-0112  delivery                                                       not shipped, promised 2026-11-19
F195  2026-12-01             0  bruno   c241    Northgate Logistics, Inc.       973-555-0112  renewal                                                        Service agreement, expires 2026-12-31

EOF
exit 0

=== morning.sh a second time opens nothing new
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." . && sh "$SALESDESK_SRC/examples/morning.sh" >/dev/null
run sh "$SALESDESK_SRC/examples/morning.sh" | grep -A 1 '^== New'
stdout
== New delivery and issue follow-ups
none
--
== New renewal follow-ups
none
EOF
exit 0

=== morning.sh with an export that is not there: the other steps run, exit 66
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." . && sh "$SALESDESK_SRC/examples/morning.sh" export.csv >out
exit 66
stderr-has followup: export.csv: cannot open
run grep -A 1 '^==' out
stdout
== Today's agenda
rep     date        start  end    kind     client  location     status     note
--
== New delivery and issue follow-ups
failed (exit 66)
--
== New renewal follow-ups
none
--
== The call list
id    due         days_overdue  rep     client  name                            phone         kind      intent  probability     value  next_step             note
EOF

=== morning.sh with a bad config: exit 78
run printf '[followup]\nafter = soon\n' >salesdesk.ini && sh "$SALESDESK_SRC/examples/morning.sh" >/dev/null
exit 78

=== inbound.sh: a rep, a demo this afternoon, a follow-up
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." . && sh "$SALESDESK_SRC/examples/inbound.sh" -k demo "$SALESDESK_SRC/examples/calls.csv"
stdout
c305: hiro (round-robin among 3), demo M404 at 2026-12-01T13:00-06:00, follow-up F184
EOF
exit 0
run tail -n 1 meetings.csv && tail -n 1 followups.csv && tail -n 1 assignments.csv && grep '^c305,' clients.csv
stdout
M404,hiro,c305,2026-12-01T13:00-06:00,2026-12-01T14:00-06:00,demo,,scheduled,inbound call
F184,c305,hiro,2026-12-03,inbound,open,,,,,,,,after demo M404,2026-12-01T08:30-06:00
2026-12-01T08:30-06:00,c305,Central,copiers,hiro,round-robin among 3
c305,Greenfield Dental Group,Priya Shah,773-555-0148,,Central,,hiro,lead,2026-12-01
EOF

=== inbound.sh as in the README: a call typed on standard input
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." .
run printf 'client,name,region,product\nc305,Greenfield Dental,Central,copiers\n' | sh "$SALESDESK_SRC/examples/inbound.sh" -k demo
stdout
c305: hiro (round-robin among 3), demo M404 at 2026-12-01T13:00-06:00, follow-up F184
EOF
exit 0

=== inbound.sh: a call no rep covers, a lead without an id, a full afternoon
env SALESDESK_NOW=2026-12-01T16:30
run cp -R "$SALESDESK_SRC/examples/demo/." .
stdin
client,name,region,product
c900,Atlas Drones,EMEA,drones
,Acme Print,West,copiers
c901,Late Caller,Central,service
EOF
run sh "$SALESDESK_SRC/examples/inbound.sh"
stdout
c900: no rep: no active rep covers region EMEA for product 'drones'
Acme Print: hiro (round-robin among 3), not booked: no client id
c901: grace (round-robin among 1), no free slot today: call back, follow-up F184
EOF
exit 1
stderr-has no free slot
run tail -n 1 followups.csv
stdout
F184,c901,grace,2026-12-01,inbound,open,,,,,,,,call back: no free slot today,2026-12-01T16:30-06:00
EOF

=== inbound.sh: bad input is the tool's exit status, nothing written
run cp -R "$SALESDESK_SRC/examples/demo/." . && printf 'client,received\nc1,2026-02-30\n' | sh "$SALESDESK_SRC/examples/inbound.sh"
exit 65
run cmp assignments.csv "$SALESDESK_SRC/examples/demo/assignments.csv" && cmp meetings.csv "$SALESDESK_SRC/examples/demo/meetings.csv"
exit 0

=== weekly-report.sh without an address writes the page and says where
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." . && sh "$SALESDESK_SRC/examples/weekly-report.sh" | sed "s|$PWD/||" && sed -n 's/.*<p[^>]*>\(.*\)<\/p>.*/\1/p' sales-2026-12-01.html
stdout
weekly-report.sh: wrote sales-2026-12-01.html
2026-10-01 to 2026-12-31 (this-quarter), by rep; as of 2026-12-01 08:30
EOF
exit 0

=== weekly-report.sh mails the page as html with sendmail
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." . && mkdir fake && printf '#!/bin/sh\necho "sendmail $*" >mail.txt\ncat >>mail.txt\n' >fake/sendmail && chmod +x fake/sendmail
run PATH="$PWD/fake:$PATH" sh "$SALESDESK_SRC/examples/weekly-report.sh" boss@example.com sales@example.com && head -n 7 mail.txt && grep -c '<svg' mail.txt
stdout
weekly-report.sh: mailed to boss@example.com sales@example.com with sendmail
sendmail -oi -- boss@example.com sales@example.com
To: boss@example.com, sales@example.com
Subject: Sales against target, this quarter, as of 2026-12-01
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<!DOCTYPE html>
1
EOF
exit 0
absent sales-2026-12-01.html

=== weekly-report.sh: a mailer that fails is the exit status
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." . && mkdir fake && printf '#!/bin/sh\nexit 75\n' >fake/sendmail && chmod +x fake/sendmail
run PATH="$PWD/fake:$PATH" sh "$SALESDESK_SRC/examples/weekly-report.sh" -f week.html boss@example.com | sed "s|$PWD/||"
stdout
weekly-report.sh: wrote week.html
EOF
run PATH="$PWD/fake:$PATH" sh "$SALESDESK_SRC/examples/weekly-report.sh" boss@example.com
exit 75

=== weekly-report.sh: a quarter with nothing in it sends nothing
run sh "$SALESDESK_SRC/examples/weekly-report.sh" boss@example.com
stdout
weekly-report.sh: no sales and no target this quarter: nothing sent
EOF
exit 0

=== every line of the crontab runs on the demo data, stdin a pipe as in cron
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." . && cp "$SALESDESK_SRC/examples/leads.csv" web-leads.csv && mkdir fake && printf '#!/bin/sh\ncat >/dev/null\n' >fake/sendmail && chmod +x fake/sendmail
run grep -v -e '^#' -e '^$' -e '^[A-Z_]*=' "$SALESDESK_SRC/examples/crontab" | sed 's/^[^ 	]*[ 	][^ 	]*[ 	][^ 	]*[ 	][^ 	]*[ 	][^ 	]*[ 	]*//' >jobs && while IFS= read -r job; do (cd "$HOME" && : | EX="$SALESDESK_SRC/examples" PATH="$HOME/fake:$PATH" sh -c "$job" >/dev/null 2>&1); echo "$? $job" | cut -c 1-60; done <jobs && followup list --kind delivery | wc -l
stdout
0 sh $EX/morning.sh
0 cd $SALESDESK_DIR && [ -s web-leads.csv ] && mv web-leads.
0 schedule list --status done --on today | followup plan -o 
0 sh $EX/weekly-report.sh sales-managers@example.com
0 followup stale --days 14 -o table
0 contracts verify -o table
15
EOF
exit 0
absent web-leads.csv

=== one change is one line of a diff: rows keep their order and their bytes
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." . && followup log F131 --intent hot --next fri >/dev/null && schedule cancel M300 >/dev/null && schedule add --rep alice --client c042 --at 'tomorrow 14:00' >/dev/null
run for f in followups.csv meetings.csv; do diff "$SALESDESK_SRC/examples/demo/$f" $f; done
stdout
132c132
< F131,c113,kate,2026-11-23,meeting,open,M133,warm,60,3150.00,first year of service included,wants a longer trial,email the contract,"interested, no rush",2026-11-10T14:15-06:00
---
> F131,c113,kate,2026-12-04,meeting,open,M133,hot,60,3150.00,first year of service included,wants a longer trial,email the contract,"interested, no rush",2026-12-01T06:30-08:00
301c301
< M300,kate,c265,2026-12-17T09:00-08:00,2026-12-17T10:00-08:00,meeting,Burbank,scheduled,meet the office manager
---
> M300,kate,c265,2026-12-17T09:00-08:00,2026-12-17T10:00-08:00,meeting,Burbank,cancelled,meet the office manager
404a405
> M404,alice,c042,2026-12-02T14:00-05:00,2026-12-02T15:00-05:00,meeting,,scheduled,
EOF

=== every example of the tools' pages and of salesdesk(7) runs on the demo data
env SALESDESK_NOW=2026-12-01T08:30
run cp -R "$SALESDESK_SRC/examples/demo/." . && cp "$SALESDESK_SRC/examples/calls.csv" . && cp "$SALESDESK_SRC/examples/leads.csv" web-leads.csv && cp orders.csv orders-export.csv && cp salesdesk.ini new.ini
run printf 'client,name,region,product\nc301,Northwind Dental,Central,copiers\nc302,Harborview Hotels,East,printers\n' >leads.csv && printf '%%PDF-1.4 master services agreement\n' >msa.pdf && printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\nUID:dentist-1@phone\r\nDTSTAMP:20261130T120000Z\r\nDTSTART:20261203T150000Z\r\nDTEND:20261203T160000Z\r\nSUMMARY:dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >alice-phone.ics
run mkdir fake && printf '#!/bin/sh\ncat >/dev/null\n' >fake/mail && chmod +x fake/mail
run PATH="$PWD/fake:$PATH" sh "$SALESDESK_SRC/tests/e2e/man-examples.sh" "$SALESDESK_SRC"/man/*.1 "$SALESDESK_SRC/man/salesdesk.7"
stdout
EOF
exit 0
run contracts verify && grep -c 'imported: dentist' meetings.csv && grep -c '^K1,acme,Master services,' contracts.csv && cmp msa.pdf msa-copy.pdf && test -s sales.html && test -s expenses.html
stdout
1
1
EOF
exit 0

=== the examples runner reports an example that fails
run printf '.Sh EXAMPLES\n.Dl followup due --bogus\n.Dl report sales --period 2026-13\n.Dl schedule check\n' >bad.1 && sh "$SALESDESK_SRC/tests/e2e/man-examples.sh" bad.1
stdout
64 bad.1: followup due --bogus
    followup: unknown option '--bogus'
65 bad.1: report sales --period 2026-13
    report: bad period '2026-13'
EOF

=== the README's "try the tools by hand" block works as written
run awk 'index($0, "To try the tools by hand") { f = 1; next } f && /^    / { print substr($0, 5); s = 1; next } s { exit }' "$SALESDESK_SRC/README.md" | sed "s|/tmp/desk|$PWD/desk|g" >try.sh && cd "$SALESDESK_SRC" && sh "$SALESDESK_DIR/try.sh" | head -n 3
stdout
rep,date,start,end,kind,client,location,status,note
elena,2026-12-01,10:00,10:30,call,c183,phone,scheduled,
elena,2026-12-01,13:00,17:00,away,,,scheduled,dentist
EOF
exit 0

=== the README's inbound.sh example works as written
run cp -R "$SALESDESK_SRC/examples/demo/." . && awk 'index($0, "examples/inbound.sh [-k KIND]") { f = 1; next } f && /^      / { print substr($0, 7); s = 1; next } s { exit }' "$SALESDESK_SRC/README.md" >inbound.sh && cat inbound.sh && cd "$SALESDESK_SRC" && SALESDESK_NOW=2026-12-01T08:30 sh "$SALESDESK_DIR/inbound.sh"
stdout
printf 'client,name,region,product\nc305,Greenfield Dental,Central,copiers\n' |
    sh examples/inbound.sh -k demo
c305: hiro (round-robin among 3), demo M404 at 2026-12-01T13:00-06:00, follow-up F184
EOF
exit 0
