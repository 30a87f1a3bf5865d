/*
 * salesdesk.h: the core library shared by the five salesdesk tools.
 *
 * One section per source file in lib/.  The library never prints and never
 * exits: every function that can fail returns 0 on success or a <sysexits.h>
 * status, and fills an sd_err the tool reports as "TOOL: WHERE: MESSAGE".
 */
#ifndef SALESDESK_H
#define SALESDESK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sysexits.h>

#define SD_VERSION "0.1.0"

/* err.c */
typedef struct sd_err {
	int status;		/* a <sysexits.h> code, 0 while nothing failed */
	char where[512];	/* "FILE:LINE", "FILE", or empty */
	char msg[1024];
} sd_err;

int  sd_fail(sd_err *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int  sd_fail_at(sd_err *e, int status, const char *file, long line,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void sd_err_clear(sd_err *e);
/* Print "tool: where: msg" (or "tool: msg") on stderr. */
void sd_err_print(const char *tool, const sd_err *e);
/* Copy a value for an error message: shortened, control bytes escaped. */
const char *sd_quote_value(const char *value, char *buf, size_t size);

/* util.c: memory that fails loudly rather than returning NULL */
void *sd_xmalloc(size_t n);
void *sd_xcalloc(size_t n, size_t size);
void *sd_xrealloc(void *p, size_t n);
char *sd_xstrdup(const char *s);
/* n bytes, zeroed, in cache lines of their own (SD_LINE-aligned, padded to
 * a multiple of SD_LINE): for what one thread writes on every row while
 * another works, which must not share a line with anything the other
 * touches.  free() them. */
#define SD_LINE 128	/* two lines: processors fetch lines in pairs */
void *sd_xalloc_lines(size_t n);
/* Trim ASCII spaces and tabs in place; returns s advanced past leading ones. */
char *sd_trim(char *s);
bool  sd_streq_ci(const char *a, const char *b);
/* Display width in a terminal, near enough: code points, not bytes. */
size_t sd_text_width(const char *s);
/* Strings copied into large blocks, freed all at once: for tables of many
 * short keys, one allocation per 64 KiB instead of one per string. */
typedef struct sd_strpool { struct sd_strblock *blocks; } sd_strpool;
char *sd_strpool_add(sd_strpool *pool, const char *s);
void  sd_strpool_free(sd_strpool *pool);

/* when.c: dates, datetimes, durations, periods (zones: zone.c) */
typedef int64_t sd_time;	/* seconds since the epoch, UTC */
typedef int32_t sd_day;		/* days since 1970-01-01 */

typedef struct sd_date { int year, month, day; } sd_date;

/* Holidays and working days: business-day arithmetic skips the rest. */
typedef struct sd_calendar {
	const sd_day *holidays;	/* sorted ascending */
	size_t nholidays;
} sd_calendar;

/* What "now" means for parsing a person's words. */
typedef struct sd_clock {
	sd_time now;
	const char *zone;	/* IANA name; NULL: the system's local zone */
	const sd_calendar *cal;
} sd_clock;

/* A length of time.  Clock parts (minutes) and calendar parts (days,
 * business days, months) stay apart: "+1m" on Jan 31 is Feb 28, and
 * "2bd" depends on the calendar. */
typedef struct sd_span {
	int64_t minutes;
	int32_t days;
	int32_t bdays;
	int32_t months;
} sd_span;

bool    sd_date_valid(int year, int month, int day);
int     sd_days_in_month(int year, int month);
sd_day  sd_date_to_day(sd_date d);
sd_date sd_day_to_date(sd_day day);
int     sd_weekday(sd_day day);		/* 0 = Monday .. 6 = Sunday */
sd_date sd_date_add_months(sd_date d, int months);	/* clamps to month end */
/* Strict YYYY-MM-DD; surrounding spaces allowed.  Returns 0 or -1. */
int     sd_date_parse(const char *s, sd_day *out);
void    sd_date_format(sd_day day, char buf[11]);
/* HH:MM (H:MM allowed), 00:00..23:59, into minutes of the day. */
int     sd_hhmm_parse(const char *s, int *minutes);

bool    sd_is_business_day(const sd_calendar *cal, sd_day day);
sd_day  sd_add_business_days(const sd_calendar *cal, sd_day day, int n);

/* The local day of clk->now in clk->zone (UTC's in a zone that cannot
 * be read). */
sd_day  sd_today(const sd_clock *clk);

/* Stored datetime: 2026-12-01T14:00-06:00 (seconds and Z accepted). A value
 * without an offset is read in zone.  Returns 0, -1 (malformed, or a zone
 * that cannot be read) or SD_EGAP. */
int     sd_datetime_parse(const char *s, const char *zone, sd_time *out);
/* Format t as local time in zone with its offset: 2026-12-01T14:00-06:00
 * (in a zone that cannot be read, as UTC: +00:00, still the moment t). */
void    sd_datetime_format(sd_time t, const char *zone, char buf[32]);

/* A moment typed by a person (SPEC 1: dates and times), in clk->zone:
 * 2026-12-01, 2026-12-01T14:00, "2026-12-01 14:00", 14:00, now, today,
 * tomorrow, yesterday, mon/monday (the next one after today),
 * "tomorrow 14:00", "mon 9:30", +3d, -2w, +1m (months), +2bd, +2h, +30min.
 * A date alone means its midnight.  Returns 0, -1 or SD_EGAP. */
int     sd_when_parse(const char *s, const sd_clock *clk, sd_time *out);
/* The same, but a date: the local day the moment falls on. */
int     sd_when_parse_day(const char *s, const sd_clock *clk, sd_day *out);

/* Durations on the clock: 45m, 1h, 1h30m, 2d, 3w, 2bd; a bare number is
 * minutes; "m" is minutes.  Returns 0 or -1. */
int     sd_duration_parse(const char *s, sd_span *out);
/* Spans on the calendar (terms, notice, windows, offsets): 12m is twelve
 * months, 30d, 2w, 1y, 5bd; "min" for minutes; a bare number has no unit
 * and is refused.  Returns 0 or -1. */
int     sd_span_parse(const char *s, sd_span *out);
/* Print a span in the shortest form sd_duration_parse reads back (1h30m,
 * 2w, 2bd, 0m); with months, in sd_span_parse's words (18m30min, 1y).
 * SD_DURATION_MAX holds any span: every part at its type's minimum is 62
 * bytes. */
#define SD_DURATION_MAX 64
void    sd_duration_format(const sd_span *span, char buf[SD_DURATION_MAX]);
/* Whole minutes of a span, a day counting 1440; -1 if it has business
 * days or months. */
int64_t sd_span_minutes(const sd_span *span);
/* Apply a span to a day (minutes ignored), sign +1 or -1. */
sd_day  sd_span_add_day(const sd_calendar *cal, sd_day day, const sd_span *s,
	int sign);
/* Apply a span to a moment in zone: calendar parts move the local date and
 * keep the wall time, then the minutes are added. */
int     sd_span_add_time(const sd_clock *clk, sd_time t, const sd_span *s,
	int sign, sd_time *out);

/* Periods: [*from, *to) in days.  2026, 2026-Q3, 2026-07, 2026-W14,
 * 2026-07-01..2026-09-15 (inclusive end), this-month, last-month,
 * this-quarter, last-quarter, this-year, last-year, ytd, mtd, qtd.
 * Years and quarters start in month fy_start (1..12); a fiscal year is
 * named by the calendar year it starts in (fy_start 4: 2026 is 2026-04-01
 * to 2027-03-31, 2026-Q1 is April to June 2026).  Returns 0 or -1. */
int     sd_period_parse(const char *s, sd_day today, int fy_start,
	sd_day *from, sd_day *to);
/* Bucket keys for report grouping (fiscal where it applies). */
void    sd_period_year(sd_day day, int fy_start, char buf[16]);	/* 2026 */
void    sd_period_quarter(sd_day day, int fy_start, char buf[16]);	/* 2026-Q3 */
void    sd_period_month(sd_day day, char buf[16]);		/* 2026-07 */
void    sd_period_week(sd_day day, char buf[16]);		/* 2026-W14 (ISO) */

/* zone.c: time zones.  A zone is an IANA name, read from its TZif file
 * (RFC 8536) under $TZDIR, else the system's zoneinfo directory, once and
 * kept for the run.  NULL is the system's own zone: $TZ's when it names
 * one, else /etc/localtime's (UTC when there is none), read the same way;
 * only a POSIX rule in $TZ is left to the C library.  A named zone that
 * cannot be read makes the conversions fail (-1): they never fall back to
 * UTC. */
typedef struct sd_zone sd_zone;

#define SD_EGAP (-2)	/* a wall time in a daylight saving gap */
#define SD_EZONE (-3)	/* a zone file that has the magic, not the rest */
/* 0 when zone is NULL or names a zone that reads: then it converts for
 * the rest of the run (while $TZDIR stays).  -1 when no file of that name
 * has the TZif magic; SD_EZONE when one has but does not read as a zone
 * (damaged, or counting leap seconds, as the right/ zones do). */
int     sd_zone_check(const char *zone);
/* Local wall time to UTC.  Returns 0, or SD_EGAP when the wall time does
 * not exist (a DST gap); an ambiguous time (fall back) takes the earlier.
 * -1 for a minute outside 0..1439, a year outside 1..9999 or a zone that
 * cannot be read. */
int     sd_local_to_utc(const char *zone, sd_day day, int minute, sd_time *out);
/* UTC to local wall time: day, minute of day, offset from UTC in minutes.
 * Any of the three may be NULL.  Returns 0, or -1 when the zone cannot be
 * read: then they are UTC's. */
int     sd_utc_to_local(const char *zone, sd_time t, sd_day *day, int *minute,
	int *offset_minutes);

/* The same on a zone of one's own: the bytes of a TZif file, in memory
 * (tests and fuzzing).  sd_zone_parse returns 0, or -1 when they do not
 * read as one. */
int     sd_zone_parse(const unsigned char *bytes, size_t len, sd_zone **out);
void    sd_zone_free(sd_zone *z);
/* The file's transition times, ascending; after the last, its footer's
 * rule makes the changes. */
size_t  sd_zone_transitions(const sd_zone *z, const sd_time **at);
/* Seconds east of UTC at t. */
int32_t sd_zone_offset(const sd_zone *z, sd_time t);
/* As sd_local_to_utc: 0, SD_EGAP, or -1 for a minute or year out of range. */
int     sd_zone_to_utc(const sd_zone *z, sd_day day, int minute,
	sd_time *out);

/* money.c: amounts in integer minor units (cents) */
typedef int64_t sd_money;
/* "1234.5", "-12", "+3.07", " 7.00 ": at most two decimals, no exponent, no
 * grouping.  Returns 0, -1 (malformed) or -2 (overflow). */
int     sd_money_parse(const char *s, sd_money *out);
/* Exactly two decimals: 1234.50, -12.00.  buf of 32 bytes. */
void    sd_money_format(sd_money m, char buf[32]);
/* Checked sum: returns -2 on overflow, leaving *acc unchanged. */
int     sd_money_add(sd_money *acc, sd_money m);
/* a * num / den rounded half away from zero, computed in 128 bits.
 * Returns 0, or -2 on overflow or a zero den. */
int     sd_muldiv(int64_t a, int64_t num, int64_t den, int64_t *out);
/* part / whole as a percentage with one decimal ("87.5"); "" when whole is
 * zero.  buf of 32 bytes. */
void    sd_percent_format(int64_t part, int64_t whole, char buf[32]);

/* config.c: salesdesk.ini */
enum sd_strategy { SD_ROUND_ROBIN, SD_LEAST_LOADED, SD_FIRST_FREE };

typedef struct sd_config {
	char path[512];		/* the file read, or "" for built-in defaults */
	char *timezone;		/* [salesdesk] timezone, NULL when unset */
	char *currency;
	int fiscal_year_start;	/* 1..12 */
	int day_start, day_end;	/* [hours] default, minutes of the day */
	unsigned days_mask;	/* [hours] days, bit 0 = Monday */
	sd_day *holidays;	/* [hours] holidays, sorted */
	size_t nholidays;
	sd_calendar cal;	/* points at holidays */
	int64_t length_min, buffer_min, travel_min;	/* [schedule] */
	char *domain;		/* [schedule] domain, for iCalendar UIDs */
	sd_span followup_after, install_within;		/* [followup] */
	enum sd_strategy strategy;	/* [assign] */
	bool csv_safe;		/* [output] */
	int64_t lock_timeout_ms;	/* [lock] timeout */
} sd_config;

void sd_config_defaults(sd_config *cfg);
/* Load path over the defaults.  Bad values: EX_CONFIG naming file, section
 * and key.  Unknown keys are reported through warn (may be NULL). */
int  sd_config_load(sd_config *cfg, const char *path,
	void (*warn)(const char *msg), sd_err *e);
void sd_config_free(sd_config *cfg);
/* "mon-fri", "mon,tue,thu", "sat-mon": bit 0 = Monday.  0 or -1. */
int  sd_days_parse(const char *s, unsigned *mask);
/* "09:00-17:00" into minutes of the day; end after start.  0 or -1. */
int  sd_hours_parse(const char *s, int *start, int *end);
int  sd_bool_parse(const char *s, bool *out);

/* csvio.c: reading rows by header name, writing RFC 4180 */
typedef struct sd_row {
	size_t n;		/* fields in this row */
	char **field;		/* NUL-terminated; valid until the next read */
	size_t *len;
	long line;		/* physical line the row starts on */
} sd_row;

typedef struct sd_csv sd_csv;

#define SD_CSV_MISSING_OK 1	/* a file that does not exist reads as empty */

/* Open path ("-" is stdin) and read its header.  A 0-byte file has no
 * header and no rows.  Errors: EX_NOINPUT, EX_DATAERR (with line). */
int  sd_csv_open(sd_csv **out, const char *path, int flags, sd_err *e);
/* The next row: 1, 0 at the end, or -1 with e filled (EX_DATAERR naming
 * the line and column).  A row whose field count differs from the header's
 * is an error. */
int  sd_csv_next(sd_csv *r, sd_row **row, sd_err *e);
void sd_csv_close(sd_csv *r);
const char *sd_csv_name(const sd_csv *r);	/* "stdin" for "-" */
/* Header: column count, names as written, index of a name (case-insensitive,
 * trimmed) or -1. */
size_t sd_csv_ncols(const sd_csv *r);
const char *sd_csv_colname(const sd_csv *r, size_t i);
int  sd_csv_col(const sd_csv *r, const char *name);
/* Whether a header cell is name, as sd_csv_col compares them. */
bool sd_csv_header_is(const char *cell, const char *name);
/* Index of a column that must be there, else EX_DATAERR naming it. */
int  sd_csv_need(const sd_csv *r, const char *name, int *idx, sd_err *e);
/* Field idx of row, or "" when idx < 0. */
const char *sd_row_get(const sd_row *row, int idx);
/* An error about one field: "FILE:LINE: column COL: MESSAGE 'VALUE'". */
int  sd_csv_field_error(sd_err *e, const sd_csv *r, const sd_row *row,
	int idx, const char *what);

/* One CSV record held in memory, read as sd_csv reads a row: the same
 * dialect, checks and messages, less the file and line (e->where is
 * empty, row->line 0).  s (len bytes) must hold exactly one row; blank
 * lines around it are allowed, a byte order mark is not dropped.  A parser
 * keeps its buffers from one record to the next. */
typedef struct sd_csv_record sd_csv_record;

sd_csv_record *sd_csv_record_new(void);
/* 0 with *row valid until the next parse, or EX_DATAERR. */
int  sd_csv_record_parse(sd_csv_record *p, const char *s, size_t len,
	sd_row **row, sd_err *e);
void sd_csv_record_free(sd_csv_record *p);

/* Write one field or row as RFC 4180, quoting only when needed. */
int  sd_csv_put_field(FILE *f, const char *s, char sep);
int  sd_csv_put_row(FILE *f, size_t n, const char *const *fields);
/* Is text (len bytes) valid UTF-8?  Overlong forms and surrogates are not. */
bool sd_utf8_valid(const char *text, size_t len);
/* Would this text cell run as a formula in a spreadsheet? */
bool sd_csv_unsafe_cell(const char *s);

/* scan.c: a fast reader for big CSV files.  It yields exactly the header
 * and rows sd_csv yields (row->line is 0), or declines the file: on what
 * sd_csv would refuse, and on what it does not do (stdin, huge rows).
 * The rows are split into parts at row boundaries, one thread each. */
typedef struct sd_scan sd_scan;
typedef struct sd_scan_part sd_scan_part;
/* Open path (a regular file), read its header and split the rows into
 * nparts parts (0: one per processor, fewer for a small file), each read
 * through a buffer of bufsize bytes at first (0: 1 MiB).  Returns 0, or
 * -1 when the file is not for this reader: read it with sd_csv. */
int    sd_scan_open(sd_scan **out, const char *path, size_t nparts,
	size_t bufsize);
void   sd_scan_close(sd_scan *s);
size_t sd_scan_ncols(const sd_scan *s);
const char *sd_scan_colname(const sd_scan *s, size_t i);
size_t sd_scan_nparts(const sd_scan *s);
sd_scan_part *sd_scan_part_at(sd_scan *s, size_t i);
/* The part's next row: 1, 0 at the part's end, or -1: the reader declines
 * the file, so the caller drops what it made of its rows and reads it
 * with sd_csv, which names the error if there is one. */
int    sd_scan_next(sd_scan_part *p, sd_row **row);
/* Run fn on every part, each in a thread of its own: 0 when every call
 * returned 0, else -1. */
typedef int (*sd_scan_fn)(sd_scan_part *p, size_t i, void *arg);
int    sd_scan_each(sd_scan *s, sd_scan_fn fn, void *arg);

/* store.c: the data directory, its lock, atomic writes */
typedef struct sd_store {
	char *dir;
	int lock_fd;		/* -1 while unlocked */
	int64_t lock_timeout_ms;
} sd_store;

/* Resolve -d, else $SALESDESK_DIR, else $XDG_DATA_HOME/salesdesk, else
 * ~/.local/share/salesdesk.  Creates nothing. */
int  sd_store_init(sd_store *st, const char *dir_opt, sd_err *e);
void sd_store_free(sd_store *st);
/* DIR/name, malloc'd. */
char *sd_store_path(const sd_store *st, const char *name);
/* Create the directory if needed and take the exclusive lock on DIR/.lock,
 * waiting up to lock_timeout_ms (EX_TEMPFAIL after).  Recovers an append
 * interrupted by a crash.  Re-entrant: a second call is a no-op. */
int  sd_store_lock(sd_store *st, sd_err *e);
void sd_store_unlock(sd_store *st);

/* Make a rename or unlink in dir survive a crash (fsync the directory). */
int  sd_sync_dir(const char *dir, sd_err *e);

/* Atomic replace of DIR/name: write to a temp file in DIR, then commit
 * (flush, fsync, re-read it strictly, rename, fsync DIR).  Must hold the
 * lock.  The new file gets the old one's mode, else 0666 & ~umask. */
typedef struct sd_replace {
	FILE *f;
	char *tmp, *final;
	char *buf;		/* f's buffer, freed with it */
} sd_replace;
int  sd_replace_begin(sd_store *st, const char *name, sd_replace *rp,
	sd_err *e);
int  sd_replace_commit(sd_replace *rp, sd_err *e);
void sd_replace_abort(sd_replace *rp);

/* Append complete CSV rows (text ending in '\n') to DIR/name, atomically:
 * a crash leaves the file as before or with every row.  A missing file is
 * created with header (a CSV line with '\n').  Must hold the lock. */
int  sd_store_append(sd_store *st, const char *name, const char *header,
	const char *rows, size_t len, sd_err *e);

/* The next id with prefix ("M", "F", "K") for DIR/name's id column: one
 * more than the highest ever used, remembered in DIR/.ids so an id is
 * never reused even after its row is deleted.  Must hold the lock.
 * DIR/name is rescanned only when something other than sd_store_append or
 * sd_replace_commit changed it, so rows written through those must take
 * their ids from here. */
int  sd_store_next_id(sd_store *st, const char *name, const char *prefix,
	int64_t *out, sd_err *e);
/* The same for count ids at once (*first .. *first + count - 1): one
 * durable update of DIR/.ids instead of count. */
int  sd_store_next_ids(sd_store *st, const char *name, const char *prefix,
	int64_t count, int64_t *first, sd_err *e);

/* table.c: a whole CSV file in memory, for commands that change rows */
typedef struct sd_table {
	char *name;		/* the path, for messages */
	size_t ncols, nrows, caprows;
	char **cols;		/* header names as written */
	char **cells;		/* nrows * ncols, row after row, malloc'd */
	long *lines;		/* the line each row was read from (0: new) */
} sd_table;

/* Read path (missing: empty).  Columns in want that the file lacks are
 * added at the end, so a person's extra columns stay where they were. */
int   sd_table_load(sd_table *t, const char *path,
	const char *const *want, size_t nwant, sd_err *e);
void  sd_table_free(sd_table *t);
int   sd_table_col(const sd_table *t, const char *name);	/* or -1 */
const char *sd_table_get(const sd_table *t, size_t row, int col);
void  sd_table_set(sd_table *t, size_t row, int col, const char *value);
/* Append an empty row; returns its index. */
size_t sd_table_add(sd_table *t);
/* The first row whose column col equals value, or -1. */
long  sd_table_find(const sd_table *t, int col, const char *value);
/* Write header and rows to f as CSV. */
int   sd_table_write(const sd_table *t, FILE *f);
/* Replace DIR/name with the table, atomically (the lock must be held). */
int   sd_table_save(const sd_table *t, sd_store *st, const char *name,
	sd_err *e);
/* One row as a CSV line (for sd_store_append); malloc'd. */
char *sd_csv_line(size_t n, const char *const *fields);

/* reps.c: the team, from reps.csv */
typedef struct sd_rep {
	char *id, *name, *email, *phone, *region;	/* region "*": all */
	char **products;	/* NULL-terminated; NULL itself: all ("*") */
	char *zone;		/* NULL: the team's zone */
	int day_start, day_end;	/* working hours, minutes of the day */
	unsigned days_mask;	/* working days, bit 0 = Monday */
	int64_t capacity;	/* most open follow-ups; -1: no cap */
	int weight;		/* round-robin share, >= 1 */
	bool active;
	long line;		/* in reps.csv */
} sd_rep;

typedef struct sd_reps {
	sd_rep *v;		/* sorted by id */
	size_t n;
} sd_reps;

/* Load DIR/reps.csv, checking every value (EX_DATAERR naming line and
 * column); empty hours and days take cfg's defaults. */
int   sd_reps_load(sd_reps *reps, const sd_store *st, const sd_config *cfg,
	sd_err *e);
void  sd_reps_free(sd_reps *reps);
const sd_rep *sd_reps_find(const sd_reps *reps, const char *id);
/* A known rep or EX_DATAERR "unknown rep 'x'". */
int   sd_reps_need(const sd_reps *reps, const char *id, const sd_rep **out,
	sd_err *e);
/* Does the rep cover region and product?  Empty means "not said": any. */
bool  sd_rep_covers(const sd_rep *rep, const char *region,
	const char *product);
/* The rep's zone, else the fallback (the team's). */
const char *sd_rep_zone(const sd_rep *rep, const char *fallback);

/* book.c: meetings.csv, the reps' calendars: entries, conflicts, slots */
typedef struct sd_entry {
	char *id, *rep, *client, *kind, *location, *status, *note;
	char *uid;		/* iCalendar UID of an imported entry, or "" */
	sd_time start, end;
	long line;		/* its place in meetings.csv, for the order of
				 * the book: the line it starts on, or
				 * another number in file order (0: none) */
} sd_entry;

/* A live away entry, for "is the rep away at t" by binary search. */
typedef struct sd_away {
	const char *rep;
	sd_time start, end;
	sd_time until;		/* the latest end of the rep's aways so far */
} sd_away;

typedef struct sd_book {
	sd_entry *v;		/* sorted by rep, then start, then line */
	size_t n, cap;
	char **cols;		/* the file's header as written (none: empty) */
	size_t ncols;
	sd_strpool mem;		/* the entries' text */
	sd_away *away;		/* the live away entries, in the same order */
	size_t naway;
	struct sd_bix *ix;	/* the index it was read through, or NULL */
} sd_book;

/* meetings.csv's columns in order (SPEC 2); the kinds and statuses. */
extern const char *const sd_book_columns[9];
bool  sd_kind_valid(const char *kind);	/* meeting call demo visit away */
bool  sd_status_valid(const char *status); /* scheduled done cancelled no-show */

/* The entries of rep are b->v[*lo .. *hi). */
void  sd_book_range(const sd_book *b, const char *rep, size_t *lo,
	size_t *hi);
/* Does the entry block its rep's calendar?  Every status but cancelled
 * (done and no-show lie in the past, where nothing is booked). */
bool  sd_entry_blocks(const sd_entry *en);
/* Is the rep away (inside a live "away" entry) at t? */
bool  sd_book_away(const sd_book *b, const char *rep, sd_time t);
/* For many questions about one rep: its live away entries are
 * b->away[*lo .. *hi); the last of them that starts at or before t is
 * sd_book_away_last (hi: none), and the rep is away at t when that one's
 * until is past t.  O(log n). */
void  sd_book_away_range(const sd_book *b, const char *rep, size_t *lo,
	size_t *hi);
size_t sd_book_away_last(const sd_book *b, size_t lo, size_t hi,
	sd_time t);
/* The earliest free slots of `minutes` for rep in [from, to) that obey
 * every rule of "schedule add" (hours, days, holidays, buffer, away);
 * at most max of them into starts, one slot length apart.  Returns how
 * many were found. */
size_t sd_book_slots(const sd_book *b, const sd_rep *rep,
	const sd_config *cfg, const char *team_zone, sd_time from, sd_time to,
	int64_t minutes, sd_time *starts, size_t max);

/* travel.csv: minutes between two places, the same both ways. */
typedef struct sd_travel {
	struct sd_trip *v;
	size_t n;
} sd_travel;

/* Load DIR/travel.csv (missing: empty), checking every value. */
int   sd_travel_load(sd_travel *t, const sd_store *st, sd_err *e);
void  sd_travel_free(sd_travel *t);
/* 0 when either place is empty or both are the same (case ignored); the
 * travel.csv minutes for the pair; else fallback ([schedule] travel). */
int64_t sd_travel_minutes(const sd_travel *t, int64_t fallback,
	const char *from, const char *to);

/* The rules of "schedule add" (schedule(1): CONFLICT RULES). */
typedef struct sd_rules {
	const sd_config *cfg;	/* hours, days, holidays, buffer, travel */
	const sd_travel *travel;	/* NULL: [schedule] travel for any pair */
	const char *team_zone;	/* for reps without their own */
} sd_rules;

enum sd_rule { SD_RULE_HOLIDAY, SD_RULE_DAYS, SD_RULE_HOURS, SD_RULE_AWAY,
	SD_RULE_BUSY, SD_RULE_BUFFER, SD_RULE_TRAVEL };

typedef struct sd_conflict {
	enum sd_rule rule;
	const sd_entry *other;	/* the entry in the way; NULL: a day rule */
	int64_t minutes;	/* the gap needed (buffer, or travel + buffer) */
} sd_conflict;

/* The rules cand (rep, start, end, kind, location) breaks for rep, given
 * the book (an entry with cand's id is skipped: a move); at most max of
 * them into out, day rules first.  Returns how many. */
size_t sd_book_conflicts(const sd_book *b, const sd_rep *rep,
	const sd_rules *rules, const sd_entry *cand, sd_conflict *out,
	size_t max);
/* One sentence for a conflict, times in the rep's zone:
 * "alice is busy 14:00-15:00 with M12 (acme), buffer 15m". */
void  sd_conflict_text(const sd_conflict *c, const sd_entry *cand,
	const sd_rep *rep, const sd_rules *rules, char *buf, size_t size);
/* sd_book_slots with travel: a slot at location keeps the travel time to
 * and from the rep's entries around it (location NULL or "": none). */
size_t sd_book_free_slots(const sd_book *b, const sd_rep *rep,
	const sd_rules *rules, const char *location, sd_time from, sd_time to,
	int64_t minutes, sd_time *starts, size_t max);

/* A conflicting pair in the book: first starts no later than second. */
typedef struct sd_pair {
	const sd_entry *first, *second;
	enum sd_rule rule;	/* SD_RULE_BUSY, AWAY, BUFFER or TRAVEL */
	int64_t minutes;
} sd_pair;

/* Every conflicting pair of live entries of one rep, by rep then start:
 * overlaps, gaps under the buffer, and too little travel time between
 * consecutive entries.  Sort, then sweep: O(n log n + pairs).  Calls fn
 * for each; returns how many. */
size_t sd_book_check(const sd_book *b, const sd_rules *rules,
	void (*fn)(const sd_pair *pair, void *arg), void *arg);

/* bookread.c: meetings.csv into a book */
/* Read meeting rows from path ("-": stdin), checking every value (EX_DATAERR
 * naming line and column); flags: SD_CSV_MISSING_OK.  Datetimes without an
 * offset are read in zone.  With rep set, only its entries are kept (every
 * row is still checked): what "schedule add" needs from a large book. */
int   sd_book_read(sd_book *b, const char *path, int flags, const char *zone,
	const char *rep, sd_err *e);
/* sd_book_read of every rep, a missing file reading as empty. */
int   sd_book_load(sd_book *b, const char *path, const char *zone,
	sd_err *e);
/* sd_book_load keeping, of the rows it checks, the away entries and the
 * entries that overlap [from, to): what routing calls looks at. */
int   sd_book_load_window(sd_book *b, const char *path, const char *zone,
	sd_time from, sd_time to, sd_err *e);
/* sd_book_load of DIR/meetings.csv, rep's entries only (rep NULL: all),
 * read through the index (bookindex.c) when it describes the file as it
 * is; else from the whole file, and with the lock held the index is made
 * anew.  What a booking reads: a million-entry book costs one rep's
 * rows. */
int   sd_book_read_store(sd_book *b, sd_store *st, const char *zone,
	const char *rep, sd_err *e);
/* After appending n rows to DIR/meetings.csv under the lock (lens[i]
 * bytes of rep reps[i] each, the last ending the file): note them in the
 * index b was read through.  Without one, or when noting fails, the next
 * read makes the index anew. */
void  sd_book_noted(sd_book *b, sd_store *st, size_t n,
	const char *const *reps, const size_t *lens);
/* After rewriting DIR/meetings.csv under the lock: make its index anew,
 * so the next booking need not (errors only leave that to it). */
void  sd_book_reindex(sd_store *st, const char *zone);
void  sd_book_free(sd_book *b);

/* bookindex.c: DIR/.meetings.index, where each rep's rows of
 * meetings.csv are (byte offset and length), for the version of the file
 * (inode, size, modification time) it names.  A cache that book.c builds
 * from a full read and notes appends in; safe to delete. */
typedef struct sd_bix sd_bix;
typedef struct sd_bix_row { uint64_t off, len; } sd_bix_row;

/* The index of meetings.csv open as book_fd, or NULL when it is missing,
 * damaged, or describes another version of the file. */
sd_bix  *sd_bix_open(const sd_store *st, int book_fd);
void     sd_bix_close(sd_bix *x);
/* meetings.csv's header row is its bytes [0, sd_bix_header_len). */
uint64_t sd_bix_header_len(const sd_bix *x);
/* rep's rows (its field trimmed), in file order: 0 with *rows malloc'd,
 * or -1 when the index contradicts itself. */
int      sd_bix_rows(const sd_bix *x, const char *rep, sd_bix_row **rows,
	size_t *n);
/* Note n rows just appended under the lock, lens[i] bytes of rep reps[i]
 * each, the last ending the file.  0, or -1: the index is left to be
 * made anew. */
int      sd_bix_note(sd_bix *x, const sd_store *st, size_t n,
	const char *const *reps, const uint64_t *lens);

/* A new index: the rows of meetings.csv (open as book_fd) in file order,
 * then written (under the lock) when the file is still the version it
 * was when the build began.  0 or -1. */
typedef struct sd_bix_build sd_bix_build;
sd_bix_build *sd_bix_build_new(int book_fd);
void     sd_bix_build_row(sd_bix_build *bb, const char *rep, size_t replen,
	uint64_t off, uint64_t len);
int      sd_bix_build_write(const sd_bix_build *bb, const sd_store *st,
	int book_fd, uint64_t hdr_len);
void     sd_bix_build_free(sd_bix_build *bb);

/* ical.c: iCalendar (RFC 5545) through libical */
/* Write a VCALENDAR with one VEVENT per entry to f: UID id@domain, DTSTAMP
 * stamp, DTSTART and DTEND in UTC, SUMMARY, LOCATION, DESCRIPTION, STATUS
 * CONFIRMED or CANCELLED; CRLF lines folded at 75 octets. */
int   sd_ical_write(FILE *f, const sd_entry *const *v, size_t n,
	const char *domain, sd_time stamp, sd_err *e);

/* A busy time read from someone's calendar. */
typedef struct sd_busy {
	char *key;		/* UID, or UID/start for one occurrence */
	char *summary, *location;
	sd_time start, end;
} sd_busy;

typedef struct sd_busy_list {
	sd_busy *v;
	size_t n;
} sd_busy_list;

/* The busy times of an .ics file ("-": stdin) that end after from:
 * VEVENTs, except cancelled and transparent ones; a recurring event's
 * occurrences that start before to (RRULE, less EXDATE).  Floating times
 * and all-day dates are read in zone.  EX_NOINPUT, EX_DATAERR. */
int   sd_ical_read_busy(const char *path, const char *zone, sd_time from,
	sd_time to, sd_busy_list *out, sd_err *e);
void  sd_busy_list_free(sd_busy_list *l);

/* docstore.c: the contracts store, DIR/contracts/ (folder 0700, files
 * 0600).  A stored name is ours (sd_doc_name), never a user's path; a
 * name read back from contracts.csv is opened only if sd_doc_name_ok. */
#define SD_DOC_DIR	"contracts"

typedef struct sd_doc_sum {
	char sha256[65];	/* lowercase hex */
	uint64_t bytes;
} sd_doc_sum;

/* "K12-acme-master-services-agreement.pdf": id, client and title reduced
 * to [a-z0-9-] and capped, and src's extension when it is [a-z0-9]{1,8}
 * (case folded).  malloc'd. */
char *sd_doc_name(const char *id, const char *client, const char *title,
	const char *src);
/* One path component, not starting with '.', no control bytes. */
bool  sd_doc_name_ok(const char *name);
/* A temporary file of an add ("." NAME ".tmp." 6 chars). */
bool  sd_doc_is_temp(const char *name);
/* Valid UTF-8 without control bytes other than tab and newline. */
bool  sd_doc_text_ok(const char *s);
char *sd_doc_dir(const sd_store *st);			/* malloc'd */
char *sd_doc_path(const sd_store *st, const char *name);	/* malloc'd */
/* Copy in to out (-1: hash only) in large blocks, hashing as it goes.
 * The names are for messages.  EX_IOERR on a read or write error. */
int   sd_doc_copy(int in, const char *inname, int out, const char *outname,
	sd_doc_sum *sum, sd_err *e);
/* Open a file to add: a regular file, else EX_NOINPUT. */
int   sd_doc_open_source(const char *path, int *fd, sd_err *e);
/* Open a stored file: EX_DATAERR for an unsafe name, EX_NOINPUT when
 * missing, a symbolic link or not a regular file. */
int   sd_doc_open(const sd_store *st, const char *name, int *fd, sd_err *e);
/* Copy in into DIR/contracts/name, durably: a 0600 temporary file,
 * hashed while written, synced, renamed (never over an existing file),
 * the folder synced.  Creates the folder (0700) and removes temporary
 * files a killed add left.  Must hold the lock. */
int   sd_doc_store(sd_store *st, int in, const char *inname,
	const char *name, sd_doc_sum *sum, sd_err *e);
/* Remove a stored file (an add whose row could not be written). */
int   sd_doc_remove(sd_store *st, const char *name, sd_err *e);
/* Compare a stored file with its recorded sha256 and size: *problem is
 * NULL when it matches, else "missing", "changed", ...  e only for an
 * I/O error. */
int   sd_doc_check(const sd_store *st, const char *name, const char *sha256,
	const char *bytes, const char **problem, sd_err *e);
/* The names in DIR/contracts but temporary ones, sorted; none when the
 * folder does not exist.  Free with sd_doc_names_free. */
int   sd_doc_list(const sd_store *st, char ***names, size_t *n, sd_err *e);
void  sd_doc_names_free(char **names, size_t n);
/* The last day of a term from starts: the day before starts + term, or
 * the month's last day when the months land past it (2026-01-31 + 1m:
 * 2026-02-28; 2026-01-01 + 12m: 2026-12-31). */
sd_day sd_doc_term_end(const sd_calendar *cal, sd_day starts,
	const sd_span *term);
/* The status to show on today: "expired" once past expires (has_expiry)
 * unless terminated, else status as stored. */
const char *sd_doc_status(const char *status, bool has_expiry,
	sd_day expires, sd_day today);

/* followups.c: followups.csv, its log, and the rules of the call list */
enum { SD_FU_ID, SD_FU_CLIENT, SD_FU_REP, SD_FU_DUE, SD_FU_KIND,
	SD_FU_STATUS, SD_FU_SOURCE, SD_FU_INTENT, SD_FU_PROBABILITY,
	SD_FU_VALUE, SD_FU_TERMS, SD_FU_ROADBLOCKS, SD_FU_NEXT_STEP,
	SD_FU_NOTE, SD_FU_UPDATED, SD_FU_NCOLS };
enum { SD_FL_AT, SD_FL_FOLLOWUP, SD_FL_INTENT, SD_FL_PROBABILITY,
	SD_FL_VALUE, SD_FL_TERMS, SD_FL_ROADBLOCKS, SD_FL_NOTE, SD_FL_NCOLS };
extern const char *const sd_fu_cols[SD_FU_NCOLS];	/* SPEC section 2 */
extern const char *const sd_fl_cols[SD_FL_NCOLS];

/* Kinds as bits, so a source can record every kind it has opened. */
enum { SD_FK_MEETING = 1, SD_FK_INBOUND = 2, SD_FK_DELIVERY = 4,
	SD_FK_ISSUE = 8, SD_FK_RENEWAL = 16, SD_FK_OTHER = 32 };
/* A kind's bit (case-insensitive, trimmed), or 0 if it is not one. */
unsigned sd_fu_kind_parse(const char *s);
bool  sd_fu_status_valid(const char *s);	/* open, done, cancelled */
bool  sd_fu_intent_valid(const char *s);	/* hot ... lost, or "" */
/* "0".."100", digits only.  Returns 0 or -1. */
int   sd_fu_probability_parse(const char *s, int *out);

/* A hash from strings to int64 values (open addressing, keys copied). */
typedef struct sd_fu_map sd_fu_map;
sd_fu_map *sd_fu_map_new(void);
void  sd_fu_map_free(sd_fu_map *m);
/* key's value, added as 0 when new. */
int64_t *sd_fu_map_put(sd_fu_map *m, const char *key);
/* key's value, or NULL. */
int64_t *sd_fu_map_get(const sd_fu_map *m, const char *key);
size_t sd_fu_map_count(const sd_fu_map *m);

/* Stream followups.csv at path (missing: empty): each source (trimmed,
 * non-empty) to the SD_FK_ bits of its follow-ups, any status; *high is
 * the highest F<n> id seen (0 if none). */
int   sd_fu_sources_load(const char *path, sd_fu_map *sources,
	int64_t *high, sd_err *e);
/* Stream followup-log.csv at path: each follow-up id to the latest `at`
 * logged for it.  A bad `at` is EX_DATAERR naming the line. */
int   sd_fu_last_calls(const char *path, const char *zone, sd_fu_map *last,
	sd_err *e);
/* Append n new rows (n * SD_FU_NCOLS cells, row after row) to
 * DIR/followups.csv under the lock, laid out by the file's own header
 * (extra columns empty); a file lacking some of the SPEC columns is
 * rewritten whole with them added. */
int   sd_fu_append(sd_store *st, const char *const *cells, size_t n,
	sd_err *e);

/* The order of the call list: due ascending (most overdue first), then
 * weight descending, then id (F2 before F10). */
typedef struct sd_fu_rank {
	sd_day due;
	int64_t weight;		/* value in cents * probability / 100 */
	const char *id;
} sd_fu_rank;
int   sd_fu_rank_cmp(const sd_fu_rank *a, const sd_fu_rank *b);
/* Ids compared as prefix then number: F2 < F10; otherwise bytewise. */
int   sd_fu_id_cmp(const char *a, const char *b);
/* value * probability / 100, rounded; 0 when either is unknown (< 0). */
int64_t sd_fu_weight(sd_money value, int probability);

/* An order from the shipping export, for `followup deliveries`. */
#define SD_FU_NODAY INT32_MIN	/* an empty date */
typedef struct sd_order {
	sd_day promised, shipped, installed;
	const char *status, *issue;
} sd_order;
/* Which follow-ups the order calls for today: SD_FK_DELIVERY when it is
 * past its promised day and not shipped, or shipped and not installed
 * within install_within of shipping; SD_FK_ISSUE when it has an issue and
 * its status is not closed, resolved or cancelled.  See followup(1). */
unsigned sd_order_followups(const sd_order *o, sd_day today,
	const sd_calendar *cal, const sd_span *install_within);

/* agg.c: rows into groups for the reports.  A key is a text column of the
 * row (rep, region, ...) or a time bucket of its day (fiscal year and
 * quarter, month, ISO week).  Memory grows with the groups, not the rows. */
enum sd_key { SD_KEY_REP, SD_KEY_REGION, SD_KEY_PRODUCT, SD_KEY_CLIENT,
	SD_KEY_CATEGORY, SD_KEY_INTENT, SD_KEY_YEAR, SD_KEY_QUARTER,
	SD_KEY_MONTH, SD_KEY_WEEK, SD_NKEYS };
#define SD_NTEXT_KEYS SD_KEY_YEAR	/* the text keys come first */
#define SD_NODAY INT32_MIN		/* a row without a day */
#define SD_NOTFOUND ((size_t)-1)

const char *sd_key_name(enum sd_key k);
/* "rep,month": known keys, each once, each in allowed (a mask of
 * 1u << key), at most SD_NKEYS.  EX_USAGE naming the bad key. */
int  sd_keys_parse(const char *s, unsigned allowed, enum sd_key *keys,
	size_t *nkeys, sd_err *e);
/* The bucket [*from, *to) of a time key that holds day. */
void sd_bucket(enum sd_key k, sd_day day, int fy_start, sd_day *from,
	sd_day *to);

/* Byte strings to dense indices 0, 1, ... in order of arrival. */
typedef struct sd_keymap sd_keymap;
sd_keymap *sd_keymap_new(void);
void   sd_keymap_free(sd_keymap *m);
/* The index of key, added when new (*added tells; may be NULL). */
size_t sd_keymap_put(sd_keymap *m, const void *key, size_t len,
	bool *added);
size_t sd_keymap_get(const sd_keymap *m, const void *key, size_t len);
size_t sd_keymap_count(const sd_keymap *m);

/* A row's key values: text by key (NULL: empty; surrounding spaces do
 * not count) and its day for the time keys (SD_NODAY: none). */
typedef struct sd_keyval {
	const char *text[SD_NTEXT_KEYS];
	sd_day day;
} sd_keyval;

typedef struct sd_agg sd_agg;
/* Groups by keys, each with nvals sums starting at 0.  Time buckets are
 * clipped to the period [from, to). */
sd_agg *sd_agg_new(const enum sd_key *keys, size_t nkeys, size_t nvals,
	int fy_start, sd_day from, sd_day to);
void    sd_agg_free(sd_agg *a);
bool    sd_agg_has(const sd_agg *a, enum sd_key k);
/* The group of kv, made when new: its index. */
size_t  sd_agg_group(sd_agg *a, const sd_keyval *kv);
size_t  sd_agg_count(const sd_agg *a);
int64_t sd_agg_get(const sd_agg *a, size_t g, size_t v);
/* Checked sum: 0, or -2 on overflow leaving the sum as it was. */
int     sd_agg_add(sd_agg *a, size_t g, size_t v, int64_t x);
/* Add the groups of from (made with the same keys, values and period)
 * to into's, making those it lacks: 0, or -2 when a sum overflows. */
int     sd_agg_merge(sd_agg *into, const sd_agg *from);
/* The days a group covers: its buckets within the period. */
void    sd_agg_range(const sd_agg *a, size_t g, sd_day *from, sd_day *to);
/* Spread amount, meant for the days [from, to), over the groups of kv's
 * text values by days: the group holding days a .. b-1 of the span (0 is
 * its first day) gets round(amount x b / n) - round(amount x a / n), n
 * the span's days, rounded half away from zero, so the shares add up to
 * amount exactly.  Only days inside the period count.  0, or -2 on
 * overflow. */
int     sd_agg_prorate(sd_agg *a, const sd_keyval *kv, sd_day from,
	sd_day to, int64_t amount, size_t v);
/* Group indices sorted by their keys in order: text bytewise, intent
 * hot, warm, cold, won, lost, others, none; time chronologically.
 * malloc'd, sd_agg_count entries. */
size_t *sd_agg_sorted(const sd_agg *a);
/* Key i of group g as text: text keys point into a; time keys are
 * written into buf. */
const char *sd_agg_label(const sd_agg *a, size_t g, size_t i, char buf[16]);

/* chart.c: two series of bars per group (actual and target, ...) */
#define SD_CHART_WIDTH 40	/* text columns of the longest bar */
#define SD_CHART_MAX 100	/* groups drawn; the rest are left out */
typedef struct sd_chart {
	const char *series[2];	/* "actual", "target" */
	bool money;		/* values are cents, else counts */
	size_t n;		/* groups */
	const char *const *labels;	/* the first SD_CHART_MAX of them */
	const int64_t *values;	/* their pairs: series 0, series 1 */
} sd_chart;

/* Text bars: label, series name, '#' (or '=' for series 1) scaled so the
 * largest magnitude is SD_CHART_WIDTH wide, then the value.  A negative
 * value draws no bar. */
void sd_chart_text(FILE *f, const sd_chart *c);
/* The same as an inline SVG element (horizontal bars from a zero axis). */
void sd_chart_svg(FILE *f, const sd_chart *c);

/* html.c: one self-contained page, no scripts and no outside assets: a
 * title, a subtitle, a table whose rows stream, then a chart. */
void sd_html_text(FILE *f, const char *s);	/* < > & " escaped */
void sd_html_begin(FILE *f, const char *title, const char *subtitle,
	size_t ncols, const char *const *names, const bool *numeric);
void sd_html_row(FILE *f, size_t ncols, const char *const *cells,
	const bool *numeric, bool bold);
/* End the table, draw the chart (NULL or no groups: none), end the page. */
void sd_html_end(FILE *f, const sd_chart *chart);

/* route.c: who takes an inbound call (assign-rep(1)): the active reps
 * indexed by region and product, load and capacity, the strategies and
 * their tie-break (the rep who got a call least recently, then the
 * smaller rep id). */
typedef struct sd_route sd_route;

/* A call as its row says: region and product trimmed, "" when not said
 * (any); owner the known client's rep or ""; at the moment the away rule
 * looks at (received, else now). */
typedef struct sd_call {
	const char *region, *product, *owner;
	sd_time at;
} sd_call;

/* rep NULL: no rep can take the call, and reason says which rule emptied
 * the list.  Valid until the next sd_route_pick. */
typedef struct sd_pick {
	const char *rep;
	const char *reason;
} sd_pick;

/* "round-robin", "least-loaded", "first-free".  Returns 0 or -1. */
int   sd_strategy_parse(const char *s, enum sd_strategy *out);
const char *sd_strategy_name(enum sd_strategy s);
/* A router over reps (kept, not copied). */
sd_route *sd_route_new(const sd_reps *reps, enum sd_strategy strategy);
void  sd_route_free(sd_route *rt);
/* The calendar for the away rule, and for first-free the window [from, to)
 * to find free slots of [schedule] length in (all kept, not copied).
 * Without it nobody is away and nobody has a free slot. */
void  sd_route_book(sd_route *rt, const sd_book *b, const sd_config *cfg,
	const char *team_zone, sd_time from, sd_time to);
/* One past assignment, oldest first: a turn unless it went to the
 * client's owner; the rep's latest call either way. */
void  sd_route_past(sd_route *rt, const char *rep, bool owner);
/* One open follow-up of rep. */
void  sd_route_open(sd_route *rt, const char *rep);
/* sd_route_past for each row of DIR/assignments.csv, sd_route_open for
 * each open one of DIR/followups.csv (missing files: none). */
int   sd_route_load(sd_route *rt, const sd_store *st, sd_err *e);
/* Is a recorded reason an owner routing ("owner"), not a turn? */
bool  sd_route_owner_reason(const char *reason);
/* Route a call and count it as given by this run: to the owner when the
 * owner is active (or reps is empty) and not away; else among the active
 * reps covering region and product, less those away at call->at and those
 * at capacity (open follow-ups plus this run's calls), by the strategy.
 * explain: every candidate's standing goes into the reason. */
void  sd_route_pick(sd_route *rt, const sd_call *call, bool explain,
	sd_pick *out);

/* out.c: output formats */
enum sd_format { SD_FMT_CSV, SD_FMT_TSV, SD_FMT_TABLE, SD_FMT_JSON,
	SD_FMT_MD, SD_FMT_HTML, SD_FMT_ICS };
enum sd_coltype { SD_TEXT, SD_NUM };

/* Parse a -o name; returns 0 or -1. */
int  sd_format_parse(const char *s, enum sd_format *out);
const char *sd_format_name(enum sd_format f);

typedef struct sd_out sd_out;
/* Rows go to f in format fmt.  table and md keep rows until sd_out_end to
 * align columns; the others stream.  csv_safe guards SD_TEXT cells. */
sd_out *sd_out_new(FILE *f, enum sd_format fmt, bool header, bool csv_safe);
/* Declare the columns (types may be NULL: all text). */
void sd_out_columns(sd_out *o, size_t n, const char *const *names,
	const enum sd_coltype *types);
void sd_out_row(sd_out *o, const char *const *values);
/* Flush what is kept, free o; returns 0 or EX_IOERR when writing failed. */
int  sd_out_end(sd_out *o, sd_err *e);
/* Flush and close stdout: a full disk must not exit 0. EPIPE is quiet. */
int  sd_close_stdout(sd_err *e);

/* cli.c: the command-line frame every tool shares */
typedef struct sd_ctx sd_ctx;

/* A command: operands are what follows its name, options already parsed. */
typedef struct sd_command {
	const char *name;
	int (*run)(sd_ctx *ctx, int argc, char **argv, sd_err *e);
	bool writes;		/* takes -n/--dry-run */
} sd_command;

typedef struct sd_tool {
	const char *name;
	const char *usage;	/* the SYNOPSIS lines, as in the man page */
	const struct option *options;	/* the tool's own, zero-terminated */
	const char *short_options;
	/* Each tool option seen: returns 0, or EX_USAGE with e filled. */
	int (*on_option)(int key, const char *arg, sd_err *e);
	const sd_command *commands;	/* NULL-terminated */
	unsigned formats;	/* extra formats: 1u << SD_FMT_HTML, ... */
	/* With no command: run this one instead of printing usage (for
	 * assign-rep, whose main job is the filter).  NULL: usage, exit 64. */
	const char *default_command;
} sd_tool;

typedef struct sd_cli {
	const sd_tool *tool;
	const char *dir, *config, *now;
	enum sd_format format;
	bool format_set, no_header, dry_run;
	char **args;		/* the command and its operands */
	int nargs;
} sd_cli;

/* The options every tool shares; tools number their own long-only
 * options from SD_OPT_TOOL. */
enum { SD_OPT_VERSION = 1000, SD_OPT_NO_HEADER, SD_OPT_NOW,
	SD_OPT_TOOL = 1100 };

/* What a command runs with: resolved directory, config, clock, output. */
struct sd_ctx {
	const sd_cli *cli;
	const char *tool;
	sd_store store;
	sd_config cfg;
	const char *zone;	/* $TZ, else [salesdesk] timezone, else NULL */
	sd_clock clock;
	enum sd_format format;	/* -o, else table on a terminal, else csv */
};

/* The whole life of a tool: parse, load, dispatch, report, close stdout.
 * Returns the exit status. */
int  sd_main(const sd_tool *tool, int argc, char **argv);
/* "TOOL: warning: ..." on stderr. */
void sd_warn(const sd_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* An output for ctx's format and header choice, on stdout. */
sd_out *sd_ctx_out(const sd_ctx *ctx);
/* Misuse of a command: fill e with EX_USAGE and the message. */
int  sd_usage_error(sd_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
