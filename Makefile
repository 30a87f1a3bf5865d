# salesdesk: five tools over one library.  See README.md.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
CC      ?= cc
CFLAGS  ?= -O2 -g
override CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Wpedantic -Ilib $(CFLAGS)
LDLIBS  = -lcsv -liniparser -lical -lcrypto -lm -pthread

TOOLS   = schedule followup assign-rep report contracts
LIBSRC  = $(sort $(wildcard lib/*.c))
UNITSRC = $(sort $(wildcard tests/test_*.c))
MAN1    = $(TOOLS:%=man/%.1)
MAN5    = man/salesdesk.ini.5 man/salesdesk-files.5
MAN7    = man/salesdesk.7

# Where a build lands: $(B) for the normal build, build/san for the
# sanitizer build that make check runs the same suite under.
B       = build/normal
SAN     = build/san
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

all: deps $(TOOLS:%=bin/%)

deps: build/.deps
build/.deps: mk/deps.sh
	@sh mk/deps.sh
	@mkdir -p build && touch $@

bin/%: $(B)/cmd/%.o $(B)/libsalesdesk.a
	@mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/%.o: %.c lib/salesdesk.h lib/internal.h | build/.deps
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/libsalesdesk.a: $(LIBSRC:%.c=$(B)/%.o)
	$(AR) rcs $@ $^

$(B)/tests/%: $(B)/tests/%.o $(B)/libsalesdesk.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# The sanitizer build: a second make of the same sources under build/san.
san:
	@$(MAKE) --no-print-directory B=$(SAN) CFLAGS="$(SANFLAGS)" \
		$(TOOLS:%=$(SAN)/bin/%) $(UNITSRC:tests/%.c=$(SAN)/tests/%)

$(SAN)/bin/%: $(SAN)/cmd/%.o $(SAN)/libsalesdesk.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

unit: $(UNITSRC:tests/%.c=$(B)/tests/%)

check: all unit san
	@sh tests/run-checks $(B) $(SAN) bin $(SAN)/bin

demo: all
	@sh examples/demo.sh

lint:
	mandoc -Tlint -W warning $(MAN1) $(MAN5) $(MAN7)

# Where Debian looks: bash-completion loads completions/TOOL on first use
# (one file, a link per tool); zsh reads vendor-completions; the cron
# scripts go with the other examples.
COMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHDIR  = $(PREFIX)/share/zsh/vendor-completions
EXDIR   = $(PREFIX)/share/doc/salesdesk/examples
EXAMPLES = examples/morning.sh examples/inbound.sh examples/weekly-report.sh \
	examples/crontab

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(COMPDIR) $(DESTDIR)$(ZSHDIR) $(DESTDIR)$(EXDIR)
	install -m0755 $(TOOLS:%=bin/%) $(DESTDIR)$(BINDIR)
	install -m0644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m0644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	install -m0644 completion/salesdesk.bash $(DESTDIR)$(COMPDIR)/salesdesk
	for t in $(TOOLS); do ln -sf salesdesk $(DESTDIR)$(COMPDIR)/$$t; done
	install -m0644 completion/_salesdesk $(DESTDIR)$(ZSHDIR)/_salesdesk
	install -m0644 $(EXAMPLES) $(DESTDIR)$(EXDIR)

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%) \
		$(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) \
		$(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%) \
		$(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%) \
		$(TOOLS:%=$(DESTDIR)$(COMPDIR)/%) $(DESTDIR)$(COMPDIR)/salesdesk \
		$(DESTDIR)$(ZSHDIR)/_salesdesk \
		$(EXAMPLES:examples/%=$(DESTDIR)$(EXDIR)/%)
	rmdir $(DESTDIR)$(EXDIR) $(DESTDIR)$(EXDIR:%/examples=%) 2>/dev/null || true

clean:
	rm -rf bin build/normal build/san

.PHONY: all deps san unit check demo lint install uninstall clean
.SECONDARY:

# ---- fuzzing (issue 8) -----------------------------------------------------
# make fuzz: each libFuzzer harness in tests/fuzz runs FUZZ_SECONDS, built by
# clang with ASan and UBSan, on a copy of its seed corpus in build/fuzz (the
# corpus in git stays as written).  An input that crashes lands in build/fuzz
# as NAME-crash-* and fails the target: keep it as
# tests/fuzz/corpus/NAME/crash-*.  make check replays every corpus file
# through the same harnesses, built by $(CC) into the sanitizer build.
FUZZERS      = csv config when money zone
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FZ           = build/fuzz
FUZZ_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib \
	-Wall -Wextra -Wpedantic -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OBJ     = $(LIBSRC:lib/%.c=$(FZ)/lib/%.o)

fuzz: $(FUZZERS:%=fuzz-%)

$(FUZZERS:%=fuzz-%): fuzz-%: $(FZ)/fuzz_%
	@mkdir -p $(FZ)/corpus-$*
	@cp tests/fuzz/corpus/$*/* $(FZ)/corpus-$*/
	@echo "fuzz_$*: $(FUZZ_SECONDS)s, log in $(FZ)/$*.log"
	@$(FZ)/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-print_final_stats=1 -artifact_prefix=$(FZ)/$*- \
		$(FZ)/corpus-$* >$(FZ)/$*.log 2>&1 || { \
		tail -n 30 $(FZ)/$*.log; \
		echo "fuzz_$*: FOUND" $(FZ)/$*-*; exit 1; }
	@sed -n 's/^Done \(.*\)/fuzz_$*: \1, nothing found/p' $(FZ)/$*.log

$(FZ)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) \
		$(LDLIBS)

$(FZ)/lib/%.o: lib/%.c lib/salesdesk.h lib/internal.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

fuzz-replay: san
	@$(MAKE) --no-print-directory B=$(SAN) CFLAGS="$(SANFLAGS)" \
		$(FUZZERS:%=$(SAN)/fuzz/replay_%)

$(SAN)/fuzz/replay_%: $(SAN)/tests/fuzz/fuzz_%.o $(SAN)/tests/fuzz/replay.o \
		$(SAN)/libsalesdesk.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(FUZZERS:%=$(SAN)/tests/fuzz/fuzz_%.o): tests/fuzz/fuzz.h

check: fuzz-replay

fuzz-clean:
	rm -rf $(FZ)

clean: fuzz-clean

.PHONY: fuzz $(FUZZERS:%=fuzz-%) fuzz-replay fuzz-clean
# ---- end of fuzzing --------------------------------------------------------

# ---- reliability (issue 8) --------------------------------------------------
# make check runs tests/reliability (crash, fault injection, concurrency)
# against bin/; make reliability builds what they need, and
# "sh tests/reliability/run build/normal bin" runs them alone.  faults.so
# is an LD_PRELOAD shim, built without sanitizers (they must come first in
# the process); sdcheck reads a data directory through the library, as
# the tools do.
REL      = $(B)/reliability

reliability: all $(REL)/faults.so $(REL)/sdcheck

$(REL)/faults.so: tests/reliability/faults.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fPIC -shared -o $@ $< -ldl

$(REL)/sdcheck: $(B)/tests/reliability/sdcheck.o $(B)/libsalesdesk.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

check: reliability

.PHONY: reliability
# ---- end of reliability -----------------------------------------------------

# ---- benchmark (issue 9) ----------------------------------------------------
# make bench: generate the data once per BENCH_SCALE into build/bench,
# outside git (1: 10 M sales rows, 1 M meetings, follow-ups and calls, a
# 1 GB contracts store; 0.01 for a quick run), then time every tool next
# to cat, wc -l, sort, sha256sum, sqlite3 and mlr on the same files, check
# that their answers agree, and print the table (see bench/README.md).
BENCH_SCALE ?= 1
BENCH_RUNS  ?= 3
BD           = build/bench

bench: all $(BD)/gen $(BD)/timer
	@sh bench/run.sh $(BD) bin $(BENCH_SCALE) $(BENCH_RUNS)

$(BD)/gen: bench/gen.c $(B)/libsalesdesk.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ bench/gen.c $(B)/libsalesdesk.a $(LDLIBS)

$(BD)/timer: bench/timer.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ bench/timer.c

# Not part of make clean: the data take a while to make again.
bench-clean:
	rm -rf $(BD)

# The fast reader's differential harness, tests/fuzz/fuzz_scan.c, joins
# the fuzz targets above (make fuzz, and the corpus replay of make check)
# unless their list names it already.
ifeq ($(filter scan,$(FUZZERS)),)
FUZZERS += scan
fuzz: fuzz-scan
fuzz-scan:
	@$(MAKE) --no-print-directory FUZZERS=scan fuzz-scan
$(SAN)/tests/fuzz/fuzz_scan.o: tests/fuzz/fuzz.h
.PHONY: fuzz-scan
endif

.PHONY: bench bench-clean
# ---- end of benchmark -------------------------------------------------------
