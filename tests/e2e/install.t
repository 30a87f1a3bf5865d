# make install and make uninstall, into a DESTDIR in the case's directory,
# from the source tree as built (make install does not rebuild).

=== make install PREFIX=/usr: binaries, pages, completion, examples where Debian looks
run make -s --no-print-directory -C "$SALESDESK_SRC" install DESTDIR="$PWD/root" PREFIX=/usr && cd root && find . -type f -printf '%m %p\n' -o -type l -printf 'link %p -> %l\n' | sort -k 2
stdout
755 ./usr/bin/assign-rep
755 ./usr/bin/contracts
755 ./usr/bin/followup
755 ./usr/bin/report
755 ./usr/bin/schedule
link ./usr/share/bash-completion/completions/assign-rep -> salesdesk
link ./usr/share/bash-completion/completions/contracts -> salesdesk
link ./usr/share/bash-completion/completions/followup -> salesdesk
link ./usr/share/bash-completion/completions/report -> salesdesk
644 ./usr/share/bash-completion/completions/salesdesk
link ./usr/share/bash-completion/completions/schedule -> salesdesk
644 ./usr/share/doc/salesdesk/examples/crontab
644 ./usr/share/doc/salesdesk/examples/inbound.sh
644 ./usr/share/doc/salesdesk/examples/morning.sh
644 ./usr/share/doc/salesdesk/examples/weekly-report.sh
644 ./usr/share/man/man1/assign-rep.1
644 ./usr/share/man/man1/contracts.1
644 ./usr/share/man/man1/followup.1
644 ./usr/share/man/man1/report.1
644 ./usr/share/man/man1/schedule.1
644 ./usr/share/man/man5/salesdesk-files.5
644 ./usr/share/man/man5/salesdesk.ini.5
644 ./usr/share/man/man7/salesdesk.7
644 ./usr/share/zsh/vendor-completions/_salesdesk
EOF
exit 0
run root/usr/bin/report --version && mandoc -Tlint -W warning root/usr/share/man/man*/* && bash -c '. root/usr/share/bash-completion/completions/followup && complete -p followup contracts'
stdout
report (salesdesk) 0.1.0
complete -F _salesdesk followup
complete -F _salesdesk contracts
EOF
exit 0
run make -s --no-print-directory -C "$SALESDESK_SRC" uninstall DESTDIR="$PWD/root" PREFIX=/usr && find root | sort
stdout
root
root/usr
root/usr/bin
root/usr/share
root/usr/share/bash-completion
root/usr/share/bash-completion/completions
root/usr/share/doc
root/usr/share/man
root/usr/share/man/man1
root/usr/share/man/man5
root/usr/share/man/man7
root/usr/share/zsh
root/usr/share/zsh/vendor-completions
EOF
exit 0

=== BINDIR and MANDIR apart, and the default PREFIX
run make -s --no-print-directory -C "$SALESDESK_SRC" install DESTDIR="$PWD/root" BINDIR=/opt/sd/bin MANDIR=/opt/sd/man && cd root && find . -name schedule -o -name salesdesk.7 -o -name _salesdesk | sort
stdout
./opt/sd/bin/schedule
./opt/sd/man/man7/salesdesk.7
./usr/local/share/bash-completion/completions/schedule
./usr/local/share/zsh/vendor-completions/_salesdesk
EOF
exit 0
run make -s --no-print-directory -C "$SALESDESK_SRC" uninstall DESTDIR="$PWD/root" BINDIR=/opt/sd/bin MANDIR=/opt/sd/man && find root -type f -o -type l
stdout
EOF
exit 0
