# report: sales against target, expenses, activity, pipeline (report(1)).
#
# The clock is 2026-12-01T09:30 America/Chicago, so this-quarter is
# 2026-10-01..2026-12-31 (92 days) and 62 of its days have begun.
# Every figure below was worked out by hand and checked with sqlite3 over
# the same files, independently of the tool: each target's share of a
# group's days a..b-1 computed as round(T*b/n) - round(T*a/n) in integer
# cents, half away from zero, with
#   CASE WHEN x >= 0 THEN (2*x + n) / (2*n) ELSE -((2*-x + n) / (2*n)) END
# and the target periods' first and last days typed in by hand.

fixture sales-this-quarter sales.csv
date,rep,client,region,product,quantity,amount
2026-10-01,alice,acme,East,printers,2,1200.00
2026-10-15,bob,"Bolt, Inc.",West,copiers,1,5000.50
2026-10-31,alice,"Bolt, Inc.",East,copiers,1,300.25
2026-11-01,bob,acme,West,printers,3,450.00
2026-11-16,carol,zenith,East,service,1,2000.00
2026-11-20,alice,acme,East,printers,-1,-600.00
2026-11-30,bob,"Bolt, Inc.",West,copiers,1,0.05
2026-12-01,alice,zenith,East,service,1,100.10
EOF

=== sales by rep: targets prorated, a target without sales, sales without target, refunds
file sales.csv
date,rep,client,region,product,quantity,amount
2026-09-30,alice,acme,East,printers,1,999.99
2026-10-01,alice,acme,East,printers,2,1200.00
2026-10-15,bob,"Bolt, Inc.",West,copiers,1,5000.50
2026-10-31,alice,"Bolt, Inc.",East,copiers,1,300.25
2026-11-01,bob,acme,West,printers,3,450.00
2026-11-16,carol,zenith,East,service,1,2000.00
2026-11-20,alice,acme,East,printers,-1,-600.00
2026-11-30,bob,"Bolt, Inc.",West,copiers,1,0.05
2026-12-01,alice,zenith,East,service,1,100.10
2027-01-01,bob,acme,West,printers,1,777.77
EOF
file targets.csv
period,rep,region,product,target
2026-Q4,alice,,,9000.00
2026-10,bob,,,2000.00
2026-11,bob,,,2500.00
2026-12,bob,,,3100.00
2026,dave,,,36500.00
2026-Q4,,East,,12000.00
2026-Q4,,West,,9000.00
2026,,,,100000.00
2026-Q4,,,printers,5000.00
2026-Q4,alice,East,,1.00
EOF
# alice 1200.00 + 300.25 - 600.00 + 100.10; bob's three months add up;
# dave's year gives round(3650000*365/365) - round(3650000*273/365).
run report sales
exit 0
stdout
rep,actual,target,variance,attainment
alice,1000.35,9000.00,-7999.65,11.1
bob,5450.55,7600.00,-2149.45,71.7
carol,2000.00,0.00,2000.00,
dave,0.00,9200.00,-9200.00,0.0
total,8450.90,25800.00,-17349.10,32.8
EOF

=== sales by month: the team's yearly target spread over the months by days
file sales.csv
date,rep,client,region,product,quantity,amount
2026-09-30,alice,acme,East,printers,1,999.99
2026-10-01,alice,acme,East,printers,2,1200.00
2026-10-15,bob,"Bolt, Inc.",West,copiers,1,5000.50
2026-10-31,alice,"Bolt, Inc.",East,copiers,1,300.25
2026-11-01,bob,acme,West,printers,3,450.00
2026-11-16,carol,zenith,East,service,1,2000.00
2026-11-20,alice,acme,East,printers,-1,-600.00
2026-11-30,bob,"Bolt, Inc.",West,copiers,1,0.05
2026-12-01,alice,zenith,East,service,1,100.10
2027-01-01,bob,acme,West,printers,1,777.77
EOF
file targets.csv
period,rep,region,product,target
2026-Q4,alice,,,9000.00
2026,,,,100000.00
2026-Q4,,East,,12000.00
EOF
# October is days 273..303 of 365: round(10000000*304/365) -
# round(10000000*273/365) = 8328767 - 7479452.
run report sales --by month
exit 0
stdout
month,actual,target,variance,attainment
2026-10,6500.75,8493.15,-1992.40,76.5
2026-11,1850.05,8219.18,-6369.13,22.5
2026-12,100.10,8493.15,-8393.05,1.2
total,8450.90,25205.48,-16754.58,33.5
EOF

=== sales: a target applies when it names exactly the grouping's rep, region and product
use sales-this-quarter
file targets.csv
period,rep,region,product,target
2026-Q4,alice,,,9000.00
2026-Q4,,East,,12000.00
2026-Q4,,West,,9000.00
2026,,,,100000.00
2026-Q4,,,printers,5000.00
2026-Q4,alice,East,,1.00
EOF
run report sales --by region
stdout
region,actual,target,variance,attainment
East,3000.35,12000.00,-8999.65,25.0
West,5450.55,9000.00,-3549.45,60.6
total,8450.90,21000.00,-12549.10,40.2
EOF
run report sales --by product
stdout
product,actual,target,variance,attainment
copiers,5300.80,0.00,5300.80,
printers,1050.00,5000.00,-3950.00,21.0
service,2100.10,0.00,2100.10,
total,8450.90,5000.00,3450.90,169.0
EOF
run report sales --by rep,region
stdout
rep,region,actual,target,variance,attainment
alice,East,1000.35,1.00,999.35,100035.0
bob,West,5450.55,0.00,5450.55,
carol,East,2000.00,0.00,2000.00,
total,,8450.90,1.00,8449.90,845090.0
EOF
exit 0

=== sales by client: no target names a client; sorted byte by byte, quoted as needed
file sales.csv
date,rep,client,region,product,quantity,amount
2026-10-01,alice,acme,East,printers,2,1200.00
2026-10-15,bob,"Bolt, Inc.",West,copiers,1,5000.50
2026-10-31,alice," Bolt, Inc. ",East,copiers,1,300.25
2026-11-16,carol,zenith,East,service,1,2000.00
EOF
file targets.csv
period,rep,region,product,target
2026,,,,100000.00
2026-Q4,alice,,,9000.00
EOF
run report sales --by client
exit 0
stdout
client,actual,target,variance,attainment
"Bolt, Inc.",5300.75,0.00,5300.75,
acme,1200.00,0.00,1200.00,
zenith,2000.00,0.00,2000.00,
total,8500.75,0.00,8500.75,
EOF

=== sales by rep and week: monthly targets prorated across a month boundary
file sales.csv
date,rep,client,region,product,quantity,amount
2026-11-29,bob,acme,West,printers,1,999.00
2026-11-30,bob,"Bolt, Inc.",West,copiers,1,0.05
2026-12-01,alice,zenith,East,service,1,100.10
EOF
file targets.csv
period,rep,region,product,target
2026-Q4,alice,,,9000.00
2026-11,bob,,,2500.00
2026-12,bob,,,3100.00
2026,dave,,,36500.00
EOF
# Week 49 is Mon 2026-11-30 .. Sun 12-06.  bob: one day of November,
# round(250000*30/30) - round(250000*29/30) = 8333, and six of December,
# round(310000*6/31) = 60000.  alice: days 60..66 of the quarter,
# round(900000*67/92) - round(900000*60/92) = 655435 - 586957.
run report sales --by rep,week --period 2026-11-30..2026-12-06
exit 0
stdout
rep,week,actual,target,variance,attainment
alice,2026-W49,100.10,684.78,-584.68,14.6
bob,2026-W49,0.05,683.33,-683.28,0.0
dave,2026-W49,0.00,700.00,-700.00,0.0
total,,100.15,2068.11,-1967.96,4.8
EOF

=== sales: only the part of a target's period inside the report's period counts
file sales.csv
date,rep,client,region,product,quantity,amount
2026-11-15,alice,acme,East,printers,1,5.00
2026-11-16,carol,zenith,East,service,1,2000.00
2026-11-20,alice,acme,East,printers,-1,-600.00
2026-11-30,bob,"Bolt, Inc.",West,copiers,1,0.05
2026-12-01,alice,zenith,East,service,1,100.10
2026-12-16,alice,zenith,East,service,1,5.00
EOF
file targets.csv
period,rep,region,product,target
2026-Q4,alice,,,9000.00
2026-11,bob,,,2500.00
2026-12,bob,,,3100.00
2026,dave,,,36500.00
EOF
run report sales --by rep,month --period 2026-11-16..2026-12-15
exit 0
stdout
rep,month,actual,target,variance,attainment
alice,2026-11,-600.00,1467.39,-2067.39,-40.9
alice,2026-12,100.10,1467.39,-1367.29,6.8
bob,2026-11,0.05,1250.00,-1249.95,0.0
bob,2026-12,0.00,1500.00,-1500.00,0.0
carol,2026-11,2000.00,0.00,2000.00,
dave,2026-11,0.00,1500.00,-1500.00,0.0
dave,2026-12,0.00,1500.00,-1500.00,0.0
total,,1500.15,8684.78,-7184.63,17.3
EOF

=== sales --forecast: run rate to the quarter's end and the weighted open pipeline
use sales-this-quarter
file targets.csv
period,rep,region,product,target
2026-Q4,alice,,,9000.00
2026-10,bob,,,2000.00
2026-11,bob,,,2500.00
2026-12,bob,,,3100.00
2026,dave,,,36500.00
2026-Q4,,East,,12000.00
2026-Q4,,West,,9000.00
EOF
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,acme,alice,2026-12-10,meeting,open,M1,hot,80,1000.00,,,,,2026-11-20T10:00-06:00
F2,zenith,bob,2026-12-20,meeting,open,M2,warm,50,333.33,,,,,2026-11-21T10:00-08:00
F3,acme,alice,2027-01-10,meeting,open,M3,hot,90,5000.00,,,,,
F4,acme,carol,2026-11-05,inbound,done,,won,100,700.00,,,,,2026-11-05T15:00-06:00
F5,zenith,bob,2026-12-31,inbound,open,,cold,15,0.10,,,,,
F6,acme,erin,2026-10-20,inbound,open,,warm,50,100.00,,,,,
EOF
# projected = actual x 92 / 62; bob's pipeline 33333 x 50 / 100 = 16666.5
# -> 16667, and 10 x 15 / 100 = 1.5 -> 2 cents.  erin has nothing but an
# open follow-up due in the quarter.
run report sales --forecast
exit 0
stdout
rep,actual,target,variance,attainment,projected,pipeline
alice,1000.35,9000.00,-7999.65,11.1,1484.39,800.00
bob,5450.55,7600.00,-2149.45,71.7,8087.91,166.69
carol,2000.00,0.00,2000.00,,2967.74,0.00
dave,0.00,9200.00,-9200.00,0.0,0.00,0.00
erin,0.00,0.00,0.00,,0.00,50.00
total,8450.90,25800.00,-17349.10,32.8,12540.04,1016.69
EOF
# A follow-up names no region: its pipeline counts in the total only.
run report sales --forecast --by region
stdout
region,actual,target,variance,attainment,projected,pipeline
East,3000.35,12000.00,-8999.65,25.0,4452.13,
West,5450.55,9000.00,-3549.45,60.6,8087.91,
total,8450.90,21000.00,-12549.10,40.2,12540.04,1016.69
EOF

=== sales: fiscal year starting in April
file salesdesk.ini
[salesdesk]
fiscal_year_start = 4
EOF
file sales.csv
date,rep,client,region,product,quantity,amount
2026-03-31,alice,acme,East,printers,1,100.00
2026-04-01,alice,acme,East,printers,1,200.00
2026-06-30,alice,acme,East,printers,1,300.00
2026-07-01,alice,acme,East,printers,1,400.00
2027-01-15,alice,acme,East,printers,-1,-50.00
2027-03-31,alice,acme,East,printers,1,500.00
2027-04-01,alice,acme,East,printers,1,600.00
EOF
file targets.csv
period,rep,region,product,target
2026,,,,36500.00
2026-Q1,,,,1000.00
EOF
# Fiscal 2026 is 2026-04-01..2027-03-31, 365 days: 100.00 a day, so
# quarters of 91, 92, 92 and 90 days; 2026-Q1 is April to June.
run report sales --by year,quarter --period 2026
exit 0
stdout
year,quarter,actual,target,variance,attainment
2026,2026-Q1,500.00,10100.00,-9600.00,5.0
2026,2026-Q2,400.00,9200.00,-8800.00,4.3
2026,2026-Q3,0.00,9200.00,-9200.00,0.0
2026,2026-Q4,450.00,9000.00,-8550.00,5.0
total,,1350.00,37500.00,-36150.00,3.6
EOF
run report sales --by quarter,month
stdout
quarter,month,actual,target,variance,attainment
2026-Q3,2026-10,0.00,3100.00,-3100.00,0.0
2026-Q3,2026-11,0.00,3000.00,-3000.00,0.0
2026-Q3,2026-12,0.00,3100.00,-3100.00,0.0
total,,0.00,9200.00,-9200.00,0.0
EOF
run report sales --by year --period 2025-Q4..2027-Q1
stdout
year,actual,target,variance,attainment
2025,100.00,0.00,100.00,
2026,1350.00,37500.00,-36150.00,3.6
2027,600.00,0.00,600.00,
total,2050.00,37500.00,-35450.00,5.5
EOF

=== sales by week: a week that starts before the period covers only its days inside
file targets.csv
period,rep,region,product,target
2026-Q4,,,,9200.00
EOF
run report sales --by week --period 2026-10-01..2026-10-11
exit 0
stdout
week,actual,target,variance,attainment
2026-W40,0.00,400.00,-400.00,0.0
2026-W41,0.00,700.00,-700.00,0.0
total,0.00,1100.00,-1100.00,0.0
EOF

=== an empty period prints nothing, in every format
file sales.csv
date,rep,client,region,product,quantity,amount
2026-10-01,alice,acme,East,printers,2,1200.00
EOF
file targets.csv
period,rep,region,product,target
2026-Q4,alice,,,9000.00
EOF
run for f in csv tsv table json md html; do report sales --period 2020 -o $f || echo "exit $?"; done; report expenses --period 2020; report activity --period 2020; report sales --period 2020 --chart
exit 0
stdout
EOF

=== no data files at all: nothing to report
run report sales && report expenses && report activity && report pipeline
exit 0
stdout
EOF

=== formats: tsv, table, json and md
file sales.csv
date,rep,client,region,product,quantity,amount
2026-10-01,alice,acme,East,printers,2,1200.00
2026-10-15,bob,"Bolt, Inc.",West,copiers,1,5000.50
2026-11-16,carol,zenith,East,service,1,2000.00
EOF
file targets.csv
period,rep,region,product,target
2026-Q4,,East,,12000.00
2026-Q4,,West,,9000.00
EOF
run report sales --by region -o tsv
stdout
region	actual	target	variance	attainment
East	3200.00	12000.00	-8800.00	26.7
West	5000.50	9000.00	-3999.50	55.6
total	8200.50	21000.00	-12799.50	39.1
EOF
run report sales --by region -o table
stdout
region   actual    target   variance  attainment
East    3200.00  12000.00   -8800.00        26.7
West    5000.50   9000.00   -3999.50        55.6
total   8200.50  21000.00  -12799.50        39.1
EOF
run report sales --by rep -o json
stdout
{"rep":"alice","actual":1200.00,"target":0.00,"variance":1200.00,"attainment":null}
{"rep":"bob","actual":5000.50,"target":0.00,"variance":5000.50,"attainment":null}
{"rep":"carol","actual":2000.00,"target":0.00,"variance":2000.00,"attainment":null}
{"rep":"total","actual":8200.50,"target":0.00,"variance":8200.50,"attainment":null}
EOF
run report sales --by region -o md --no-header
stdout
| region | actual | target | variance | attainment |
| --- | ---: | ---: | ---: | ---: |
| East | 3200.00 | 12000.00 | -8800.00 | 26.7 |
| West | 5000.50 | 9000.00 | -3999.50 | 55.6 |
| total | 8200.50 | 21000.00 | -12799.50 | 39.1 |
EOF
run report sales --by region --no-header
stdout
East,3200.00,12000.00,-8800.00,26.7
West,5000.50,9000.00,-3999.50,55.6
total,8200.50,21000.00,-12799.50,39.1
EOF
exit 0

=== html: one self-contained page with the title, the period, the table and an SVG chart
file sales.csv
date,rep,client,region,product,quantity,amount
2026-10-01,alice,acme,East,printers,2,1200.00
2026-10-15,bob,<b>&co,West,copiers,1,5000.50
EOF
file targets.csv
period,rep,region,product,target
2026-Q4,alice,,,9000.00
EOF
run report sales -o html > page.html; echo $?; head -1 page.html; tail -1 page.html; grep -c -e '<script' -e ' src=' -e ' href=' -e '@import' -e 'url(' page.html
stdout
0
<!DOCTYPE html>
</html>
0
EOF
run grep -o -e '<h1[^>]*>[^<]*</h1>' -e '<p [^>]*>[^<]*</p>' -e '<td [^>]*>[a-z][a-z]*</td>' -e '<svg xmlns="[^"]*"' -e '</svg>' -e '<rect [^>]*fill="#2b6cb0"><title>[^<]*' page.html
stdout
<h1 style="font-size:20px;margin:0 0 4px">Sales against target</h1>
<p style="margin:0;color:#4a5568">2026-10-01 to 2026-12-31 (this-quarter), by rep; as of 2026-12-01 09:30</p>
<td style="padding:4px 10px;border-bottom:1px solid #e2e8f0;text-align:left;">alice</td>
<td style="padding:4px 10px;border-bottom:1px solid #e2e8f0;text-align:left;">bob</td>
<td style="padding:4px 10px;border-bottom:1px solid #e2e8f0;text-align:left;font-weight:bold;">total</td>
<svg xmlns="http://www.w3.org/2000/svg"
<rect x="51.0" y="34" width="81.7" height="14" fill="#2b6cb0"><title>actual 1200.00
<rect x="51.0" y="76" width="340.6" height="14" fill="#2b6cb0"><title>actual 5000.50
</svg>
EOF
run report sales --by client -o html | grep -c '&lt;b&gt;&amp;co'
stdout
2
EOF

=== --chart: bars after the table, scaled to the largest amount
file sales.csv
date,rep,client,region,product,quantity,amount
2026-10-01,alice,acme,East,printers,2,1000.35
2026-10-15,bob,"Bolt, Inc.",West,copiers,1,5450.55
2026-11-16,carol,zenith,East,service,1,-20.00
EOF
file targets.csv
period,rep,region,product,target
2026-Q4,alice,,,9000.00
2026-Q4,bob,,,7600.00
2026-Q4,carol,,,92.00
2026-Q4,dave,,,9200.00
EOF
run report sales --chart
exit 0
stdout
rep     actual    target   variance  attainment
alice  1000.35   9000.00   -7999.65        11.1
bob    5450.55   7600.00   -2149.45        71.7
carol   -20.00     92.00    -112.00       -21.7
dave      0.00   9200.00   -9200.00         0.0
total  6430.90  25892.00  -19461.10        24.8

alice  actual  ####                                      1000.35
       target  =======================================   9000.00
bob    actual  ########################                  5450.55
       target  =================================         7600.00
carol  actual                                             -20.00
       target  =                                           92.00
dave   actual                                               0.00
       target  ========================================  9200.00
EOF
# October's share of the quarter: 31 of 92 days.
run report sales --chart -o md --by rep --period 2026-10
stdout
| rep | actual | target | variance | attainment |
| --- | ---: | ---: | ---: | ---: |
| alice | 1000.35 | 3032.61 | -2032.26 | 33.0 |
| bob | 5450.55 | 2560.87 | 2889.68 | 212.8 |
| carol | 0.00 | 31.00 | -31.00 | 0.0 |
| dave | 0.00 | 3100.00 | -3100.00 | 0.0 |
| total | 6450.90 | 8724.48 | -2273.58 | 73.9 |

```
alice  actual  #######                                   1000.35
       target  ======================                    3032.61
bob    actual  ########################################  5450.55
       target  ===================                       2560.87
carol  actual                                               0.00
       target  =                                           31.00
dave   actual                                               0.00
       target  =======================                   3100.00
```
EOF
run report sales --chart -o csv
exit 64
stderr
report: --chart draws text: use -o table, md or html
EOF

=== expenses: against revenue, meetings held and deals won
use sales-this-quarter
file expenses.csv
date,rep,category,amount,note
2026-10-05,alice,travel,350.00,flight
2026-11-12,alice,meals,49.99,lunch
2026-11-13,bob,mileage,84.00,120 mi
2026-12-01,bob,travel,-50.00,refund of a fare
2026-09-30,alice,travel,999.00,outside the quarter
EOF
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-10-06T10:00-04:00,2026-10-06T11:00-04:00,meeting,,done,
M2,bob,zenith,2026-11-02T09:00-08:00,2026-11-02T10:00-08:00,demo,,done,
M3,alice,acme,2026-11-03T14:00-05:00,2026-11-03T15:00-05:00,visit,,done,
M4,alice,zenith,2026-11-10T09:00-05:00,2026-11-10T10:00-05:00,meeting,,cancelled,
M5,bob,acme,2026-11-12T09:00-08:00,2026-11-12T10:00-08:00,call,,no-show,
M6,alice,,2026-11-20T00:00-05:00,2026-11-21T00:00-05:00,away,,done,
M7,bob,acme,2026-12-03T09:00-08:00,2026-12-03T10:00-08:00,meeting,,scheduled,
M8,carol,zenith,2026-09-29T09:00-05:00,2026-09-29T10:00-05:00,meeting,,done,
EOF
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,acme,alice,2026-10-08,meeting,done,M1,won,100,1000.00,,,,,2026-10-09T11:00-04:00
F2,zenith,bob,2026-11-04,meeting,done,M2,lost,0,500.00,,,,,2026-11-06T16:00-08:00
F3,acme,alice,2026-11-05,meeting,open,M3,hot,80,2000.00,,,,,2026-11-05T10:00-05:00
F4,acme,bob,2026-11-20,inbound,done,,won,100,300.00,,,,,2026-11-21T10:00-08:00
F5,zenith,alice,2026-12-12,renewal,open,K1,,,,,,,,
F6,acme,carol,2026-09-20,inbound,done,,won,100,50.00,,,,,2026-09-25T10:00-05:00
F7,zenith,bob,2026-11-25,delivery,done,1001,,,,,,,,2026-11-26T10:00-08:00
EOF
# alice: 399.99 / 2 meetings = 199.995 -> 200.00; the total 433.99 / 3
# = 144.663 -> 144.66 and / 2 = 216.995 -> 217.00.
run report expenses
exit 0
stdout
rep,expenses,revenue,ratio,meetings,won,cost_per_meeting,cost_per_won
alice,399.99,1000.35,40.0,2,1,200.00,399.99
bob,34.00,5450.55,0.6,1,1,34.00,34.00
carol,0.00,2000.00,0.0,0,0,,
total,433.99,8450.90,5.1,3,2,144.66,217.00
EOF
# A sale, a meeting, a deal have no category: they count in the total only.
run report expenses --by category
stdout
category,expenses,revenue,ratio,meetings,won,cost_per_meeting,cost_per_won
meals,49.99,,,,,,
mileage,84.00,,,,,,
travel,300.00,,,,,,
total,433.99,8450.90,5.1,3,2,144.66,217.00
EOF
run report expenses --by rep,month
stdout
rep,month,expenses,revenue,ratio,meetings,won,cost_per_meeting,cost_per_won
alice,2026-10,350.00,1500.25,23.3,1,1,350.00,350.00
alice,2026-11,49.99,-600.00,-8.3,1,0,49.99,
alice,2026-12,0.00,100.10,0.0,0,0,,
bob,2026-10,0.00,5000.50,0.0,0,0,,
bob,2026-11,84.00,450.05,18.7,1,1,84.00,84.00
bob,2026-12,-50.00,0.00,,0,0,,
carol,2026-11,0.00,2000.00,0.0,0,0,,
total,,433.99,8450.90,5.1,3,2,144.66,217.00
EOF
run report expenses --by region
exit 64
stderr
report: --by key 'region' does not apply to this report (keys: rep, category, year, quarter, month, week)
EOF

=== expenses: FILE operands and stdin instead of expenses.csv
stdin
date,rep,category,amount,note
2026-11-02,alice,travel,10.00,
2026-11-03,alice,travel,0.01,
EOF
run report expenses --by category -
exit 0
stdout
category,expenses,revenue,ratio,meetings,won,cost_per_meeting,cost_per_won
travel,10.01,,,,,,
total,10.01,0.00,,0,0,,
EOF
run report expenses missing.csv
exit 66
stderr
report: missing.csv: cannot open: No such file or directory
EOF

=== activity: meetings held, cancelled, no-show; follow-ups; win rate; days to the first call
file meetings.csv
id,rep,client,start,end,kind,location,status,note
M1,alice,acme,2026-10-06T10:00-04:00,2026-10-06T11:00-04:00,meeting,,done,
M2,bob,zenith,2026-11-02T09:00-08:00,2026-11-02T10:00-08:00,demo,,done,
M3,alice,acme,2026-11-03T14:00-05:00,2026-11-03T15:00-05:00,visit,,done,
M4,alice,zenith,2026-11-10T09:00-05:00,2026-11-10T10:00-05:00,meeting,,cancelled,
M5,bob,acme,2026-11-12T09:00-08:00,2026-11-12T10:00-08:00,call,,no-show,
M6,alice,,2026-11-20T00:00-05:00,2026-11-21T00:00-05:00,away,,done,
M7,bob,acme,2026-12-03T09:00-08:00,2026-12-03T10:00-08:00,meeting,,scheduled,
M8,carol,zenith,2026-09-29T09:00-05:00,2026-09-29T10:00-05:00,meeting,,done,
EOF
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,acme,alice,2026-10-08,meeting,done,M1,won,100,1000.00,,,,,2026-10-09T11:00-04:00
F2,zenith,bob,2026-11-04,meeting,done,M2,lost,0,500.00,,,,,2026-11-06T16:00-08:00
F3,acme,alice,2026-11-05,meeting,open,M3,hot,80,2000.00,,,,,2026-11-05T10:00-05:00
F4,acme,bob,2026-11-20,inbound,done,,won,100,300.00,,,,,2026-11-21T10:00-08:00
F5,zenith,alice,2026-12-12,renewal,open,K1,,,,,,,,
F6,acme,carol,2026-09-20,inbound,done,,won,100,50.00,,,,,2026-09-25T10:00-05:00
F7,zenith,bob,2026-11-25,delivery,done,1001,,,,,,,,2026-11-26T10:00-08:00
EOF
file followup-log.csv
at,followup,intent,probability,value,terms,roadblocks,note
2026-10-09T11:00-04:00,F1,won,100,1000.00,,,signed
2026-10-08T09:30-04:00,F1,hot,80,1000.00,,,first call
2026-11-06T16:00-08:00,F2,lost,0,500.00,,,went elsewhere
2026-11-04T10:00-05:00,F3,warm,50,2000.00,,,
2026-11-05T10:00-05:00,F3,hot,80,2000.00,,,
EOF
# Days from meeting to first call: M1 10-06 -> 10-08 = 2, M3 11-03 ->
# 11-04 = 1, M2 11-02 -> 11-06 = 4.
run report activity
exit 0
stdout
rep,held,cancelled,no_show,done,won,lost,win_rate,median_days
alice,2,1,0,1,1,0,100.0,1.5
bob,1,0,1,3,1,1,50.0,4.0
total,3,1,1,4,2,1,66.7,2.0
EOF
run report activity --by month -o table
stdout
month    held  cancelled  no_show  done  won  lost  win_rate  median_days
2026-10     1          0        0     1    1     0     100.0          2.0
2026-11     2          1        1     3    1     1      50.0          2.5
total       3          1        1     4    2     1      66.7          2.0
EOF
run report activity x
exit 64
stderr
report: report activity: unexpected argument 'x'
EOF

=== pipeline: open follow-ups by intent, count, value, weighted value
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,acme,alice,2026-12-10,meeting,open,M1,hot,80,1000.00,,,,,2026-11-20T10:00-06:00
F2,zenith,bob,2026-12-20,meeting,open,M2,warm,50,333.33,,,,,2026-11-21T10:00-08:00
F3,acme,alice,2027-01-10,meeting,open,M3,hot,90,5000.00,,,,,
F4,acme,carol,2026-11-05,inbound,done,,won,100,700.00,,,,,2026-11-05T15:00-06:00
F5,zenith,bob,2026-12-31,inbound,open,,cold,15,0.10,,,,,
F6,zenith,bob,,inbound,open,,,,250.00,,,,,
F7,acme,alice,2026-12-02,meeting,open,M9,warm,60,,,,,,
EOF
run report pipeline
exit 0
stdout
rep,intent,count,value,weighted
alice,hot,2,6000.00,5300.00
alice,warm,1,0.00,0.00
bob,warm,1,333.33,166.67
bob,cold,1,0.10,0.02
bob,,1,250.00,0.00
total,,6,6583.43,5466.69
EOF
run report pipeline --by intent,month
stdout
intent,month,count,value,weighted
hot,2026-12,1,1000.00,800.00
hot,2027-01,1,5000.00,4500.00
warm,2026-12,2,333.33,166.67
cold,2026-12,1,0.10,0.02
,,1,250.00,0.00
total,,6,6583.43,5466.69
EOF
run report pipeline --period 2026
exit 64
stderr
report: report pipeline: --period does not apply
EOF

=== sales: a BOM, CRLF line ends, blank lines, quotes and a quoted newline read as plain rows
bytes sales.csv
\0357\0273\0277date,rep,client,region,product,quantity,amount\r\n2026-10-01,alice,"Bolt, ""Inc.""",East,printers,2,1200.00\r\n\r\n2026-10-02,bob,"two\nlines",West,copiers,1,"5000.50"\r\n2026-10-03,alice,acme,East,printers,1,0.05
EOF
run report sales --by rep,client
exit 0
stdout
rep,client,actual,target,variance,attainment
alice,"Bolt, ""Inc.""",1200.00,0.00,1200.00,
alice,acme,0.05,0.00,0.05,
bob,"two
lines",5000.50,0.00,5000.50,
total,,6200.55,0.00,6200.55,
EOF

=== sales: amounts too large to add up in any order, whose running sum stays in range
file sales.csv
date,rep,client,region,product,quantity,amount
2026-11-02,alice,acme,East,printers,1,92233720368547758.07
2026-11-03,alice,acme,East,printers,-1,-92233720368547758.07
2026-11-04,alice,acme,East,printers,1,0.01
EOF
run report sales
exit 0
stdout
rep,actual,target,variance,attainment
alice,0.01,0.00,0.01,
total,0.01,0.00,0.01,
EOF

=== bad input: a sum that overflows row by row, though the file's own amounts add up to nothing
file a.csv
date,rep,client,region,product,quantity,amount
2026-11-02,alice,acme,East,printers,1,92233720368547758.07
EOF
file b.csv
date,rep,client,region,product,quantity,amount
2026-11-03,alice,acme,East,printers,1,0.01
2026-11-04,alice,acme,East,printers,-1,-0.01
EOF
run report sales a.csv b.csv
exit 65
stderr-has b.csv:2: a sum grows past the largest amount

=== bad input: a bad amount names its file, line and column
run awk 'BEGIN { print "date,rep,client,region,product,quantity,amount"; for (i = 2; i < 1234; i++) print "2026-11-02,alice,acme,East,printers,1,10.00"; print "2026-11-03,alice,acme,East,printers,1,12.345" }' > sales.csv && report sales
exit 65
stdout
EOF
stderr-has sales.csv:1234: column 7 (amount): bad amount '12.345'

=== bad input: every row is checked, in the period or not
file sales.csv
date,rep,client,region,product,quantity,amount
2026-11-02,alice,acme,East,printers,1,10.00
2020-02-30,alice,acme,East,printers,1,10.00
EOF
run report sales
exit 65
stderr-has sales.csv:3: column 1 (date): bad date '2020-02-30'

=== bad input: an amount too large, a sum too large
file sales.csv
date,rep,client,region,product,quantity,amount
2026-11-02,alice,acme,East,printers,1,92233720368547758.07
2026-11-03,alice,acme,East,printers,1,0.01
EOF
run report sales
exit 65
stderr-has sales.csv:3: a sum grows past the largest amount
run report sales --period 2026-11-03 && report sales - < /dev/null
exit 0
stdout
rep,actual,target,variance,attainment
alice,0.01,0.00,0.01,
total,0.01,0.00,0.01,
EOF

=== bad input: malformed CSV and a missing column
file sales.csv
date,rep,client,region,product,quantity,amount
2026-11-02,alice,"acme,East,printers,1,10.00
EOF
run report sales
exit 65
stderr-has sales.csv:2: column 3: malformed CSV: unterminated quoted field
file expenses.csv
date,rep,category,note
2026-11-02,alice,travel,
EOF
run report expenses
exit 65
stderr-has expenses.csv:1: no column 'amount' in the header

=== bad input: a target with a moving or bad period, a bad probability
file targets.csv
period,rep,region,product,target
2026-Q4,alice,,,9000.00
this-month,alice,,,100.00
EOF
run report sales
exit 65
stderr-has targets.csv:3: column 1 (period): bad period 'this-month'
file targets.csv
period,rep,region,product,target
2026-Q5,alice,,,9000.00
EOF
run report sales
exit 65
stderr-has targets.csv:2: column 1 (period): bad period '2026-Q5'
file followups.csv
id,client,rep,due,kind,status,source,intent,probability,value,terms,roadblocks,next_step,note,updated
F1,acme,alice,2026-12-10,meeting,open,M1,hot,101,1000.00,,,,,
EOF
run report pipeline
exit 65
stderr-has followups.csv:2: column 9 (probability): bad probability '101'

=== bad usage: unknown, inapplicable and repeated keys, a bad period, options of another command
run report sales --by rep,colour
exit 64
stderr
report: unknown --by key 'colour' (keys: rep, region, product, client, year, quarter, month, week)
EOF
run report sales --by rep,rep
exit 64
stderr
report: repeated --by key 'rep' (keys: rep, region, product, client, year, quarter, month, week)
EOF
run report activity --by product
exit 64
stderr
report: --by key 'product' does not apply to this report (keys: rep, client, year, quarter, month, week)
EOF
run report sales --period 2026-02-30
exit 65
stderr
report: bad period '2026-02-30'
EOF
run report expenses --forecast
exit 64
stderr
report: report expenses: --forecast applies to report sales only
EOF
run report activity --chart
exit 64
stderr
report: report activity: --chart applies to report sales only
EOF
