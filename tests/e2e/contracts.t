# contracts: the checksummed store of contracts and sales documents.

fixture doc-first a.txt
first
EOF

=== add copies the file under a name of its own and prints the row
file msa.PDF
hello
EOF
run contracts add msa.PDF --client acme --title "Master Services Agreement" --signed 2026-01-01 --term 12m --notice 60d --renewal auto --rep alice
exit 0
stdout
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,Master Services Agreement,contract,signed,K1-acme-master-services-agreement.pdf,5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03,6,2026-01-01,2026-01-01,2026-12-31,60d,auto,alice,2026-12-01,
EOF
expect contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,Master Services Agreement,contract,signed,K1-acme-master-services-agreement.pdf,5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03,6,2026-01-01,2026-01-01,2026-12-31,60d,auto,alice,2026-12-01,
EOF
expect contracts/K1-acme-master-services-agreement.pdf
hello
EOF
run sha256sum contracts/K1-acme-master-services-agreement.pdf
stdout
5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  contracts/K1-acme-master-services-agreement.pdf
EOF

=== cat gives back the bytes, identical; path is absolute
bytes deck.bin
\0\1\2binary\r\n\377\376no final newline
EOF
run contracts add deck.bin --client acme --title Deck --kind brochure >/dev/null && contracts cat K1 >out.bin && cmp out.bin deck.bin && echo identical
exit 0
stdout
identical
EOF
run test "$(contracts path K1)" = "$(pwd -P)/contracts/K1-acme-deck.bin" && echo absolute
exit 0
stdout
absolute
EOF

=== show: one record, every column; top to bottom as a table
file q.txt
hello
EOF
run contracts add q.txt --client bolt --title "Quote 7" --kind quote --status sent --note "valid 30 days" >/dev/null && contracts show k1 -o table
exit 0
stdout
id       K1
client   bolt
title    Quote 7
kind     quote
status   sent
file     K1-bolt-quote-7.txt
sha256   5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03
bytes    6
signed
starts
expires
notice
renewal
rep
added    2026-12-01
note     valid 30 days
EOF
run contracts show K1 -o json
stdout
{"id":"K1","client":"bolt","title":"Quote 7","kind":"quote","status":"sent","file":"K1-bolt-quote-7.txt","sha256":"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03","bytes":6,"signed":"","starts":"","expires":"","notice":"","renewal":"","rep":"","added":"2026-12-01","note":"valid 30 days"}
EOF

=== a hostile title or file name never reaches the file system
run printf hello >"$(printf 'evil\nname .tx t')" && printf x >'ünï côdé.Docx' && printf y >'with space.pdf'
run contracts add "$(printf 'evil\nname .tx t')" --client '../..' --title ../../etc/passwd >/dev/null && contracts add 'ünï côdé.Docx' --client 'Café Noir' --title 'Größe → ÜBER' >/dev/null && contracts add 'with space.pdf' --client x --title '$(rm -rf ~) `id` ; |' >/dev/null && ls -A contracts
exit 0
stdout
K1-etc-passwd
K2-cafe-noir-grosse-uber.docx
K3-x-rm-rf-id.pdf
EOF
absent ../etc
run contracts list -o csv | cut -d, -f1-3
stdout
id,client,title
K1,../..,../../etc/passwd
K2,Café Noir,Größe → ÜBER
K3,x,$(rm -rf ~) `id` ; |
EOF

=== a file value a person edited to point outside the store is refused
file contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,t,contract,draft,../contracts.csv,x,1,,,,,,,2026-12-01,
K2,acme,t,contract,draft,.hidden,x,1,,,,,,,2026-12-01,
K3,acme,t,contract,draft,/etc/passwd,x,1,,,,,,,2026-12-01,
EOF
run contracts cat K1
exit 65
stdout
EOF
stderr
contracts: unsafe stored file name '../contracts.csv': refused
EOF
run contracts path K3
exit 65
run contracts verify
exit 1
stdout
id,file,problem
K1,../contracts.csv,unsafe file name
K2,.hidden,unsafe file name
K3,/etc/passwd,unsafe file name
EOF

=== a symbolic link in the store is not followed
file contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,t,contract,draft,K1-link,x,1,,,,,,,2026-12-01,
EOF
run mkdir -m 700 contracts && ln -s /etc/hostname contracts/K1-link
run contracts cat K1
exit 66
stdout
EOF
stderr-has K1-link: a symbolic link
run contracts verify
exit 1
stdout
id,file,problem
K1,K1-link,not a regular file
EOF

=== verify: a tampered file, a deleted one and an unregistered one; exit 1
use doc-first
file b.txt
second
EOF
file c.txt
third
EOF
run for f in a b c; do contracts add $f.txt --client acme --title $f >/dev/null || exit; done
run contracts verify
exit 0
stdout
EOF
run printf 'x' >>contracts/K1-acme-a.txt && rm contracts/K2-acme-b.txt && echo stray >contracts/notes.txt && echo partial >contracts/.K9-x.txt.tmp.AbCdEf
run contracts verify
exit 1
stdout
id,file,problem
K1,K1-acme-a.txt,changed
K2,K2-acme-b.txt,missing
,notes.txt,unregistered
EOF
run contracts verify -o table
exit 1
stdout
id  file           problem
K1  K1-acme-a.txt  changed
K2  K2-acme-b.txt  missing
    notes.txt      unregistered
EOF

=== verify: same size, other bytes is still a change
use doc-first
run contracts add a.txt --client acme --title a >/dev/null && printf 'FIRST\n' >contracts/K1-acme-a.txt && contracts verify --no-header
exit 1
stdout
K1,K1-acme-a.txt,changed
EOF

=== cat of a changed file: the bytes, a warning and exit 1
use doc-first
run contracts add a.txt --client acme --title a >/dev/null && printf 'forged\n' >contracts/K1-acme-a.txt && contracts cat K1
exit 1
stdout
forged
EOF
stderr
contracts: warning: K1: K1-acme-a.txt does not match its recorded sha256: it changed after it was added (see contracts verify)
EOF

=== cat and path of a deleted file: exit 66
use doc-first
run contracts add a.txt --client acme --title a >/dev/null && rm contracts/K1-acme-a.txt && contracts cat K1
exit 66
stdout
EOF
stderr-has K1-acme-a.txt: missing from the store
run contracts path K1
exit 66

=== the store is private whatever the umask; contracts.csv follows it
use doc-first
run umask 000 && contracts add a.txt --client acme --title a >/dev/null && stat -c '%a %n' contracts contracts/* contracts.csv
stdout
700 contracts
600 contracts/K1-acme-a.txt
666 contracts.csv
EOF
run umask 077 && contracts add a.txt --client acme --title b >/dev/null && stat -c '%a %n' contracts/K2-acme-b.txt
stdout
600 contracts/K2-acme-b.txt
EOF

=== a missing FILE is exit 66, a directory too, and nothing is written
run contracts add nope.pdf --client acme --title t
exit 66
stderr
contracts: nope.pdf: cannot open: No such file or directory
EOF
absent contracts.csv
absent contracts
run mkdir folder && contracts add folder --client acme --title t
exit 66
stderr
contracts: folder: a directory, not a file
EOF
absent contracts.csv
run contracts add /dev/null --client acme --title t
exit 66
stderr
contracts: /dev/null: not a regular file
EOF

=== bad values are exit 65, misuse is exit 64, and nothing is written
use doc-first
run contracts add a.txt --client acme --title t --kind flyer
exit 65
stderr
contracts: --kind: unknown kind 'flyer' (expected contract, nda, quote, proposal, price-list, brochure, template, other)
EOF
run contracts add a.txt --client acme --title t --expires 2026-02-30
exit 65
stderr
contracts: --expires: bad date '2026-02-30'
EOF
run contracts add a.txt --client acme --title t --renewal sometimes
exit 65
run contracts add a.txt --client acme --title t --term 2x
exit 65
stderr
contracts: --term: bad duration '2x'
EOF
run contracts add a.txt --client acme --title t --notice 90min
exit 65
run contracts add a.txt --client acme --title t --starts 2026-06-01 --expires 2026-05-31
exit 65
stderr
contracts: expires 2026-05-31 is before starts 2026-06-01
EOF
run contracts add a.txt --client acme --title "$(printf 'bell\007')"
exit 65
run contracts add a.txt --client acme
exit 64
stderr
contracts: contracts add: --client and --title are required
EOF
run contracts add a.txt --client acme --title t --expires 2027-01-01 --term 1y
exit 64
run contracts add a.txt b.txt --client acme --title t
exit 64
run contracts add a.txt --client acme --title t --within 3d
exit 64
stderr
contracts: contracts add: --within does not apply
EOF
absent contracts.csv
absent contracts

=== an unknown rep is exit 65 once reps.csv lists the team
file reps.csv
rep,name,email,phone,region,products,timezone,hours,days,capacity,weight,active
alice,Alice,,,,*,,,,,,yes
EOF
use doc-first
run contracts add a.txt --client acme --title t --rep mallory
exit 65
stderr
contracts: unknown rep 'mallory' (not in reps.csv)
EOF
absent contracts.csv
run contracts add a.txt --client acme --title t --rep alice | cut -d, -f1,14
exit 0
stdout
id,rep
K1,alice
EOF

=== --term counts months and clamps at month ends
use doc-first
run for s in 2026-01-01 2026-01-31 2028-01-30 2026-03-15; do contracts add a.txt --client c --title t --starts $s --term 1m --no-header | cut -d, -f10,11; done
stdout
2026-01-01,2026-01-31
2026-01-31,2026-02-28
2028-01-30,2028-02-29
2026-03-15,2026-04-14
EOF
run contracts add a.txt --client c --title t --term 2y --no-header | cut -d, -f10,11
stdout
2026-12-01,2028-11-30
EOF
run contracts add a.txt --client c --title t --signed 2026-07-01 --term 6m --no-header | cut -d, -f5,9-11
stdout
signed,2026-07-01,2026-07-01,2026-12-31
EOF

=== dates take a person's words
use doc-first
run contracts add a.txt --client c --title t --signed yesterday --starts today --expires +1y --no-header | cut -d, -f9-11
stdout
2026-11-30,2026-12-01,2027-12-01
EOF

=== a dry run prints the row and writes nothing
use doc-first
run contracts add a.txt --client acme --title t -n
exit 0
stdout
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,t,contract,draft,K1-acme-t.txt,b640e840b19d378660b32fb51ae18d67dccb4a8596a29e7bd72c1b2ae5928f41,6,,,,,,,2026-12-01,
EOF
stderr
contracts: dry run: contracts.csv not changed
EOF
absent contracts.csv
absent contracts
absent .ids

=== list: past its expiry a contract shows as expired, unless terminated
file contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,old,contract,active,K1-a,x,1,,2025-01-01,2025-12-31,,,alice,2025-01-01,
K2,acme,live,contract,active,K2-a,x,1,,2026-01-01,2026-12-01,,,bob,2026-01-01,
K3,bolt,ended,contract,terminated,K3-a,x,1,,2025-01-01,2025-06-30,,,alice,2025-01-01,
K4,bolt,deck,brochure,draft,K4-a,x,1,,,,,,alice,2026-01-01,
EOF
run contracts list | cut -d, -f1,5
stdout
id,status
K1,expired
K2,active
K3,terminated
K4,draft
EOF
run contracts list --status expired --no-header | cut -d, -f1
stdout
K1
EOF
run contracts list --client BOLT --kind contract --no-header | cut -d, -f1
stdout
K3
EOF
run contracts list --rep alice --no-header | cut -d, -f1
stdout
K1
K3
K4
EOF
run contracts list --kind leaflet
exit 65
run contracts list --title x
exit 64
expect contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,old,contract,active,K1-a,x,1,,2025-01-01,2025-12-31,,,alice,2025-01-01,
K2,acme,live,contract,active,K2-a,x,1,,2026-01-01,2026-12-01,,,bob,2026-01-01,
K3,bolt,ended,contract,terminated,K3-a,x,1,,2025-01-01,2025-06-30,,,alice,2025-01-01,
K4,bolt,deck,brochure,draft,K4-a,x,1,,,,,,alice,2026-01-01,
EOF

=== set changes fields, refuses an unknown status, keeps a person's columns
file contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note,owner notes
K1,acme,msa,contract,sent,K1-a,x,1,,2026-01-01,2026-12-31,,,alice,2026-01-01,,call Tom
K2,bolt,nda,nda,draft,K2-a,x,1,,,,,,bob,2026-01-01,,
EOF
run contracts set K1 --status active --notice 3m --renewal manual --note "renew at 5%"
exit 0
stdout
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note,owner notes
K1,acme,msa,contract,active,K1-a,x,1,,2026-01-01,2026-12-31,3m,manual,alice,2026-01-01,renew at 5%,call Tom
EOF
expect contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note,owner notes
K1,acme,msa,contract,active,K1-a,x,1,,2026-01-01,2026-12-31,3m,manual,alice,2026-01-01,renew at 5%,call Tom
K2,bolt,nda,nda,draft,K2-a,x,1,,,,,,bob,2026-01-01,,
EOF
run contracts set K2 --status cancelled
exit 65
stderr
contracts: --status: unknown status 'cancelled' (expected draft, sent, signed, active, expired, terminated)
EOF
run contracts set K1 --term 2y --notice "" --no-header
stdout
K1,acme,msa,contract,active,K1-a,x,1,,2026-01-01,2027-12-31,,manual,alice,2026-01-01,renew at 5%,call Tom
EOF
run contracts set K9 --status active
exit 65
stderr
contracts: no contract 'K9' in contracts.csv
EOF
run contracts set K1
exit 64
run contracts set K2 --status signed -n --no-header
stdout
K2,bolt,nda,nda,signed,K2-a,x,1,,,,,,bob,2026-01-01,,
EOF
stderr
contracts: dry run: contracts.csv not changed
EOF
expect contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note,owner notes
K1,acme,msa,contract,active,K1-a,x,1,,2026-01-01,2027-12-31,,manual,alice,2026-01-01,renew at 5%,call Tom
K2,bolt,nda,nda,draft,K2-a,x,1,,,,,,bob,2026-01-01,,
EOF

=== add appends in the file's own column order, keeping a person's columns
file contracts.csv
note,id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,region
,K7,acme,old,contract,draft,K7-a,x,1,,,,,,,2026-01-01,East
EOF
use doc-first
run contracts add a.txt --client bolt --title new --note hi --no-header
stdout
K8,bolt,new,contract,draft,K8-bolt-new.txt,b640e840b19d378660b32fb51ae18d67dccb4a8596a29e7bd72c1b2ae5928f41,6,,,,,,,2026-12-01,hi,
EOF
expect contracts.csv
note,id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,region
,K7,acme,old,contract,draft,K7-a,x,1,,,,,,,2026-01-01,East
hi,K8,bolt,new,contract,draft,K8-bolt-new.txt,b640e840b19d378660b32fb51ae18d67dccb4a8596a29e7bd72c1b2ae5928f41,6,,,,,,,2026-12-01,
EOF

=== ids are never reused after a row is deleted
use doc-first
run contracts add a.txt --client a --title a >/dev/null && contracts add a.txt --client a --title b >/dev/null && head -2 contracts.csv >k && mv k contracts.csv && contracts add a.txt --client a --title c --no-header | cut -d, -f1,6
stdout
K3,K3-a-c.txt
EOF
stderr
contracts: warning: the same file is already stored as K1
contracts: warning: the same file is already stored as K1
EOF

=== search: every word, any case, across client, client name, title, kind, note
file clients.csv
client,name,contact,phone,email,region,industry,rep,stage,created
acme,Acme Tools Inc,,,,,,,,
bolt,Bolt Logistics,,,,,,,,
EOF
file contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,Master services,contract,active,K1-a,x,1,,,,,,,2026-01-01,
K2,bolt,Mutual NDA,nda,signed,K2-a,x,1,,,,,,,2026-01-01,covers the Tools pilot
K3,bolt,Price list 2027,price-list,active,K3-a,x,1,,,,,,,2026-01-01,
EOF
run contracts search TOOLS --no-header | cut -d, -f1
stdout
K1
K2
EOF
run contracts search "logistics nda" --no-header | cut -d, -f1
stdout
K2
EOF
run contracts search price-list bolt --no-header | cut -d, -f1
stdout
K3
EOF
run contracts search acme nda
exit 0
stdout
EOF
run contracts search
exit 64

=== expiring: notice date or expiry in the window, soonest notice first
file contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,msa,contract,active,K1-a,x,1,,2026-01-01,2027-01-31,60d,auto,alice,2026-01-01,
K2,bolt,nda,nda,signed,K2-a,x,1,,2026-01-01,2026-12-20,,none,bob,2026-01-01,
K3,cask,lease,contract,active,K3-a,x,1,,2026-01-01,2027-02-28,1m,manual,alice,2026-01-01,
K4,dune,old,contract,terminated,K4-a,x,1,,2026-01-01,2026-12-10,,auto,alice,2026-01-01,
K5,echo,far,contract,active,K5-a,x,1,,2026-01-01,2027-06-30,30d,auto,bob,2026-01-01,
K6,fern,soon,contract,active,K6-a,x,1,,2026-01-01,2026-12-31,90d,auto,bob,2026-01-01,
EOF
run contracts expiring
stdout
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note,notice_on
K6,fern,soon,contract,active,K6-a,x,1,,2026-01-01,2026-12-31,90d,auto,bob,2026-01-01,,2026-10-02
K1,acme,msa,contract,active,K1-a,x,1,,2026-01-01,2027-01-31,60d,auto,alice,2026-01-01,,2026-12-02
K2,bolt,nda,nda,signed,K2-a,x,1,,2026-01-01,2026-12-20,,none,bob,2026-01-01,,2026-12-20
EOF
run contracts expiring --on 2027-01-28 --within 3d --no-header | cut -d, -f1,11,17
stdout
K1,2027-01-31,2026-12-02
K3,2027-02-28,2027-01-28
EOF
run contracts expiring --on 2027-01-31 --within 1m --no-header | cut -d, -f1,11,17
stdout
K1,2027-01-31,2026-12-02
K3,2027-02-28,2027-01-28
EOF
run contracts expiring --on 2027-02-01 --within 1m --rep alice --no-header | cut -d, -f1,11,17
stdout
K3,2027-02-28,2027-01-28
EOF
run contracts expiring --on 2026-12-11 --within 8d
exit 0
stdout
EOF
run contracts expiring --within soon
exit 65
run contracts expiring --on 2026-13-01
exit 65

=== expiring rows carry what followup plan needs to open renewal follow-ups
file contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,msa,contract,active,K1-a,x,1,,2026-01-01,2026-12-31,2w,auto,alice,2026-01-01,
EOF
run contracts expiring -o json
stdout
{"id":"K1","client":"acme","title":"msa","kind":"contract","status":"active","file":"K1-a","sha256":"x","bytes":1,"signed":"","starts":"2026-01-01","expires":"2026-12-31","notice":"2w","renewal":"auto","rep":"alice","added":"2026-01-01","note":"","notice_on":"2026-12-17"}
EOF

=== a bad date in contracts.csv names the file, line and column: exit 65
file contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,msa,contract,active,K1-a,x,1,,2026-01-01,2026-12-31,,,,2026-01-01,
K2,acme,nda,nda,active,K2-a,x,1,,2026-01-01,2026-02-30,,,,2026-01-01,
EOF
run contracts list
exit 65
stdout
EOF
stderr-has contracts.csv:3: column 11 (expires): bad date '2026-02-30'

=== read commands take no -n; unknown ids and extra operands are refused
run contracts list -n
exit 64
run contracts show K1
exit 65
stderr
contracts: no contract 'K1' in contracts.csv
EOF
run contracts show
exit 64
run contracts verify extra
exit 64

=== an empty data directory: nothing to list, nothing to verify
run contracts list && contracts expiring && contracts verify && echo quiet
exit 0
stdout
quiet
EOF

=== the pipe into followup plan opens one renewal follow-up per contract, once
file contracts.csv
id,client,title,kind,status,file,sha256,bytes,signed,starts,expires,notice,renewal,rep,added,note
K1,acme,msa,contract,active,K1-a,x,1,,2026-01-01,2027-01-31,60d,auto,alice,2026-01-01,
K2,bolt,nda,nda,signed,K2-a,x,1,,2026-01-01,2026-12-20,,none,bob,2026-01-01,
K3,cask,lease,contract,terminated,K3-a,x,1,,2026-01-01,2026-12-15,,auto,bob,2026-01-01,
EOF
run contracts expiring | followup plan >/dev/null && contracts expiring | followup plan && cut -d, -f1-7 followups.csv
exit 0
stdout
id,client,rep,due,kind,status,source
F1,acme,alice,2026-12-02,renewal,open,K1
F2,bolt,bob,2026-12-20,renewal,open,K2
EOF
