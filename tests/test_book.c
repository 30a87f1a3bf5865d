/* Unit tests for lib/book.c: reading the book, the rules, slots, check. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

#define HEADER "id,rep,client,start,end,kind,location,status,note\n"
#define NY "America/New_York"

static char path[64];
static sd_config cfg;
static sd_rep alice = { .id = "alice", .zone = NY, .day_start = 9 * 60,
	.day_end = 17 * 60, .days_mask = 0x1f, .active = true, .weight = 1 };

static void
write_file(const char *text)
{
	int fd;

	strcpy(path, "/tmp/test_book.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static int
read_book(const char *text, const char *rep, sd_book *b, sd_err *e)
{
	int rc;

	write_file(text);
	sd_err_clear(e);
	rc = sd_book_read(b, path, 0, "America/Chicago", rep, e);
	unlink(path);
	return rc;
}

static sd_time
at(const char *s)
{
	sd_time t;

	assert_int_equal(sd_datetime_parse(s, NY, &t), 0);
	return t;
}

static sd_entry
candidate(const char *start, const char *end, const char *location)
{
	sd_entry en = { .id = "", .rep = "alice", .client = "new",
		.kind = "meeting", .location = (char *)location,
		.status = "scheduled", .note = "", .uid = "" };

	en.start = at(start);
	en.end = at(end);
	return en;
}

static int
setup(void **state)
{
	(void)state;
	sd_config_defaults(&cfg);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	sd_config_free(&cfg);
	return 0;
}

static void
book_read__rows__sorted_by_rep_then_start(void **state)
{
	sd_book b;
	sd_err e;

	(void)state;
	assert_int_equal(read_book(HEADER
	    "M3,bob,x,2026-12-01T10:00-06:00,2026-12-01T11:00-06:00,,,,\n"
	    "M2,alice,y,2026-12-02T10:00-05:00,2026-12-02T11:00-05:00,Demo,,"
	    "DONE,\n"
	    "M1,alice,z,2026-12-01T10:00,2026-12-01T11:00,call,,,\n",
	    NULL, &b, &e), 0);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.v[0].id, "M1");
	assert_string_equal(b.v[1].id, "M2");
	assert_string_equal(b.v[2].id, "M3");
	/* No offset: the zone given; empty kind and status: the defaults. */
	assert_int_equal(b.v[0].start, at("2026-12-01T11:00-05:00"));
	assert_string_equal(b.v[1].kind, "demo");
	assert_string_equal(b.v[1].status, "done");
	assert_string_equal(b.v[2].kind, "meeting");
	assert_string_equal(b.v[2].status, "scheduled");
	assert_int_equal(b.v[2].line, 2);
	assert_int_equal(b.ncols, 9);
	sd_book_free(&b);
}

static void
book_read__rep_given__keeps_only_its_entries(void **state)
{
	size_t lo, hi;
	sd_book b;
	sd_err e;

	(void)state;
	assert_int_equal(read_book(HEADER
	    "M1,bob,x,2026-12-01T10:00Z,2026-12-01T11:00Z,,,,\n"
	    "M2, alice ,y,2026-12-01T10:00Z,2026-12-01T11:00Z,,,,\n",
	    "alice", &b, &e), 0);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.v[0].rep, "alice");
	sd_book_range(&b, "alice", &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 1);
	sd_book_range(&b, "bob", &lo, &hi);
	assert_int_equal(lo, hi);
	sd_book_free(&b);
}

static void
book_read__end_before_start__rejected_naming_line(void **state)
{
	sd_book b;
	sd_err e;

	(void)state;
	assert_int_equal(read_book(HEADER
	    "M1,bob,x,2026-12-01T10:00Z,2026-12-01T11:00Z,,,,\n"
	    "M2,bob,x,2026-12-01T10:00Z,2026-12-01T09:00Z,,,,\n",
	    NULL, &b, &e), EX_DATAERR);
	assert_non_null(strstr(e.where, ":3"));
	assert_non_null(strstr(e.msg, "column 5 (end): end not after start"));
	assert_int_equal(b.n, 0);
}

static void
book_read__bad_values__rejected(void **state)
{
	sd_book b;
	sd_err e;

	(void)state;
	assert_int_equal(read_book(HEADER
	    "M1,bob,x,2026-02-30T10:00Z,2026-03-01T11:00Z,,,,\n", NULL, &b,
	    &e), EX_DATAERR);
	assert_non_null(strstr(e.msg, "bad date and time '2026-02-30T10:00Z'"));
	assert_int_equal(read_book(HEADER
	    "M1,bob,x,2026-03-08T02:30,2026-03-08T04:00,,,,\n", NULL, &b,
	    &e), EX_DATAERR);
	assert_non_null(strstr(e.msg, "daylight saving gap"));
	assert_int_equal(read_book(HEADER
	    "M1,bob,x,2026-12-01T10:00Z,2026-12-01T11:00Z,party,,,\n", NULL,
	    &b, &e), EX_DATAERR);
	assert_non_null(strstr(e.msg, "bad kind"));
	assert_int_equal(read_book("id,rep,start\nM1,bob,x\n", NULL, &b, &e),
	    EX_DATAERR);
	assert_non_null(strstr(e.msg, "no column 'end'"));
}

static void
book_read__missing_file__empty_or_noinput(void **state)
{
	sd_book b;
	sd_err e = { 0 };

	(void)state;
	assert_int_equal(sd_book_load(&b, "/nonexistent/meetings.csv", NULL,
	    &e), 0);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.ncols, 0);
	sd_book_free(&b);
	assert_int_equal(sd_book_read(&b, "/nonexistent/meetings.csv", 0,
	    NULL, NULL, &e), EX_NOINPUT);
}

static void
entry_blocks__statuses__only_cancelled_frees(void **state)
{
	sd_entry en = { .status = "scheduled" };

	(void)state;
	assert_true(sd_entry_blocks(&en));
	en.status = "done";
	assert_true(sd_entry_blocks(&en));
	en.status = "no-show";
	assert_true(sd_entry_blocks(&en));
	en.status = "cancelled";
	assert_false(sd_entry_blocks(&en));
	assert_true(sd_kind_valid("away"));
	assert_false(sd_kind_valid("Away"));
	assert_true(sd_status_valid("no-show"));
	assert_false(sd_status_valid(""));
}

static void
book_away__inside_live_away__true(void **state)
{
	sd_book b;
	sd_err e;

	(void)state;
	assert_int_equal(read_book(HEADER
	    "M1,alice,,2026-12-01T09:00-05:00,2026-12-03T17:00-05:00,away,,,\n"
	    "M2,alice,,2026-12-07T09:00-05:00,2026-12-07T17:00-05:00,away,,"
	    "cancelled,\n"
	    "M3,alice,x,2026-12-08T09:00-05:00,2026-12-08T17:00-05:00,,,,\n",
	    NULL, &b, &e), 0);
	assert_true(sd_book_away(&b, "alice", at("2026-12-02T23:00-05:00")));
	assert_false(sd_book_away(&b, "alice", at("2026-12-03T17:00-05:00")));
	assert_false(sd_book_away(&b, "alice", at("2026-12-07T10:00-05:00")));
	assert_false(sd_book_away(&b, "alice", at("2026-12-08T10:00-05:00")));
	assert_false(sd_book_away(&b, "bob", at("2026-12-02T10:00-05:00")));
	sd_book_free(&b);
}

static void
book_away__overlapping_aways__latest_end_counts(void **state)
{
	size_t lo, hi;
	sd_book b;
	sd_err e;

	(void)state;
	/* A week off holds a day off inside it; bob's away follows. */
	assert_int_equal(read_book(HEADER
	    "M1,alice,,2026-12-01T00:00-05:00,2026-12-08T00:00-05:00,away,,,\n"
	    "M2,alice,,2026-12-02T00:00-05:00,2026-12-03T00:00-05:00,away,,,\n"
	    "M3,alice,x,2026-12-09T09:00-05:00,2026-12-09T10:00-05:00,,,,\n"
	    "M4,alice,,2026-12-10T00:00-05:00,2026-12-11T00:00-05:00,away,,"
	    "cancelled,\n"
	    "M5,bob,,2026-12-05T00:00-05:00,2026-12-06T00:00-05:00,Away,,,\n",
	    NULL, &b, &e), 0);
	assert_int_equal(b.naway, 3);
	sd_book_away_range(&b, "alice", &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 2);
	assert_int_equal(sd_book_away_last(&b, lo, hi,
	    at("2026-12-04T12:00-05:00")), 1);
	assert_int_equal(sd_book_away_last(&b, lo, hi,
	    at("2026-12-01T12:00-05:00")), 0);
	assert_int_equal(sd_book_away_last(&b, lo, hi,
	    at("2026-11-30T12:00-05:00")), hi);
	assert_true(sd_book_away(&b, "alice", at("2026-12-01T00:00-05:00")));
	assert_false(sd_book_away(&b, "alice", at("2026-11-30T23:59-05:00")));
	assert_false(sd_book_away(&b, "alice", at("2026-12-08T00:00-05:00")));
	assert_false(sd_book_away(&b, "alice", at("2026-12-10T12:00-05:00")));
	assert_true(sd_book_away(&b, "bob", at("2026-12-05T12:00-05:00")));
	assert_false(sd_book_away(&b, "bob", at("2026-12-04T12:00-05:00")));
	sd_book_away_range(&b, "carol", &lo, &hi);
	assert_int_equal(lo, hi);
	sd_book_free(&b);
}

static void
book_load_window__keeps_aways_and_what_overlaps(void **state)
{
	sd_book b;
	sd_err e = { 0 };

	(void)state;
	write_file(HEADER
	    "M1,alice,x,2026-12-01T09:00-05:00,2026-12-01T10:00-05:00,,,,\n"
	    "M2,alice,,2026-11-01T00:00-05:00,2026-11-02T00:00-05:00,away,,,\n"
	    "M3,alice,x,2026-12-01T13:00-05:00,2026-12-01T14:00-05:00,,,,\n"
	    "M4,bob,x,2026-12-01T11:00-05:00,2026-12-01T12:30-05:00,,,,\n");
	assert_int_equal(sd_book_load_window(&b, path, NULL,
	    at("2026-12-01T10:00-05:00"), at("2026-12-01T13:00-05:00"), &e),
	    0);
	unlink(path);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.v[0].id, "M2");
	assert_string_equal(b.v[1].id, "M4");
	assert_int_equal(b.naway, 1);
	sd_book_free(&b);
	/* Every row is still checked. */
	write_file(HEADER
	    "M1,alice,x,2026-12-01T09:00-05:00,2026-12-01T10:00-05:00,,,,\n"
	    "M2,alice,x,2026-02-30T09:00-05:00,2026-12-01T10:00-05:00,,,,\n");
	assert_int_equal(sd_book_load_window(&b, path, NULL, 0, 1, &e),
	    EX_DATAERR);
	unlink(path);
	assert_non_null(strstr(e.where, ":3"));
}

static void
book_read__equal_starts__file_order(void **state)
{
	sd_book b;
	sd_err e;

	(void)state;
	assert_int_equal(read_book(HEADER
	    "M9,alice,x,2026-12-01T09:00-05:00,2026-12-01T10:00-05:00,,,,\n"
	    "M2,alice,y,2026-12-01T09:00-05:00,2026-12-01T09:30-05:00,,,,\n"
	    "M5,alice,z,2026-12-01T09:00-05:00,2026-12-01T11:00-05:00,,,,\n",
	    NULL, &b, &e), 0);
	assert_string_equal(b.v[0].id, "M9");
	assert_string_equal(b.v[1].id, "M2");
	assert_string_equal(b.v[2].id, "M5");
	sd_book_free(&b);
}

static void
travel_minutes__pairs__both_ways_else_fallback(void **state)
{
	sd_store st = { .dir = "/tmp", .lock_fd = -1 };
	sd_travel t;
	sd_err e = { 0 };
	int fd;
	char dir[] = "/tmp/test_book.XXXXXX", *file;

	(void)state;
	assert_non_null(mkdtemp(dir));
	st.dir = dir;
	file = sd_store_path(&st, "travel.csv");
	fd = creat(file, 0600);
	assert_int_equal(write(fd, "from,to,minutes\nNew York, Newark ,45\n",
	    37), 37);
	close(fd);
	assert_int_equal(sd_travel_load(&t, &st, &e), 0);
	assert_int_equal(sd_travel_minutes(&t, 30, "New York", "Newark"), 45);
	assert_int_equal(sd_travel_minutes(&t, 30, "newark", "NEW YORK"), 45);
	assert_int_equal(sd_travel_minutes(&t, 30, "Newark", "Stamford"), 30);
	assert_int_equal(sd_travel_minutes(&t, 30, "Newark", " newark"), 0);
	assert_int_equal(sd_travel_minutes(&t, 30, "", "Newark"), 0);
	assert_int_equal(sd_travel_minutes(NULL, 20, "a", "b"), 20);
	sd_travel_free(&t);
	fd = creat(file, 0600);
	assert_int_equal(write(fd, "from,to,minutes\na,b,-4\n", 23), 23);
	close(fd);
	assert_int_equal(sd_travel_load(&t, &st, &e), EX_DATAERR);
	assert_non_null(strstr(e.msg, "bad minutes"));
	unlink(file);
	rmdir(dir);
	free(file);
}

/* The first conflict's rule and text for a candidate against text. */
static size_t
conflicts(const char *book, const sd_entry *cand, sd_conflict *c,
    char *text, size_t size)
{
	sd_rules rules = { &cfg, NULL, "America/Chicago" };
	sd_book b;
	sd_err e;
	size_t n;

	assert_int_equal(read_book(book, NULL, &b, &e), 0);
	n = sd_book_conflicts(&b, &alice, &rules, cand, c, 8);
	text[0] = '\0';
	if (n > 0)
		sd_conflict_text(&c[0], cand, &alice, &rules, text, size);
	sd_book_free(&b);
	return n;
}

#define ACME HEADER "M12,alice,acme,2026-12-01T14:00-05:00," \
	"2026-12-01T15:00-05:00,meeting,Newark,scheduled,\n"

static void
book_conflicts__overlap_buffer_travel__named(void **state)
{
	sd_entry en = candidate("2026-12-01T14:30", "2026-12-01T15:30", "");
	sd_conflict c[8];
	char text[256];

	(void)state;
	assert_int_equal(conflicts(ACME, &en, c, text, sizeof text), 1);
	assert_int_equal(c[0].rule, SD_RULE_BUSY);
	assert_string_equal(text, "alice is busy 14:00-15:00 with M12 (acme)");
	en = candidate("2026-12-01T15:10", "2026-12-01T16:00", "");
	assert_int_equal(conflicts(ACME, &en, c, text, sizeof text), 1);
	assert_int_equal(c[0].rule, SD_RULE_BUFFER);
	assert_string_equal(text,
	    "alice is busy 14:00-15:00 with M12 (acme), buffer 15m");
	en = candidate("2026-12-01T15:15", "2026-12-01T16:00", "");
	assert_int_equal(conflicts(ACME, &en, c, text, sizeof text), 0);
	en = candidate("2026-12-01T15:30", "2026-12-01T16:00", "Stamford");
	assert_int_equal(conflicts(ACME, &en, c, text, sizeof text), 1);
	assert_int_equal(c[0].rule, SD_RULE_TRAVEL);
	assert_int_equal(c[0].minutes, 45);
	assert_string_equal(text, "alice is in Newark 14:00-15:00 with M12 "
	    "(acme), travel 30m + buffer 15m");
	en = candidate("2026-12-01T12:00", "2026-12-01T13:20", "Stamford");
	assert_int_equal(conflicts(ACME, &en, c, text, sizeof text), 1);
	assert_int_equal(c[0].rule, SD_RULE_TRAVEL);
	en = candidate("2026-12-01T15:45", "2026-12-01T16:00", "Stamford");
	assert_int_equal(conflicts(ACME, &en, c, text, sizeof text), 0);
}

static void
book_conflicts__moved_entry__not_its_own_conflict(void **state)
{
	sd_entry en = candidate("2026-12-01T14:30", "2026-12-01T15:30", "");
	sd_conflict c[8];
	char text[256];

	(void)state;
	en.id = "M12";
	assert_int_equal(conflicts(ACME, &en, c, text, sizeof text), 0);
}

static void
book_conflicts__day_rules__hours_days_holiday(void **state)
{
	sd_day xmas = sd_date_to_day((sd_date){ 2026, 12, 25 });
	sd_entry en = candidate("2026-12-01T16:30", "2026-12-01T17:30", "");
	sd_conflict c[8];
	char text[256];

	(void)state;
	assert_int_equal(conflicts(HEADER, &en, c, text, sizeof text), 1);
	assert_int_equal(c[0].rule, SD_RULE_HOURS);
	assert_string_equal(text, "16:30-17:30 is outside alice's hours "
	    "09:00-17:00 (America/New_York)");
	en = candidate("2026-12-05T10:00", "2026-12-05T11:00", "");
	assert_int_equal(conflicts(HEADER, &en, c, text, sizeof text), 1);
	assert_int_equal(c[0].rule, SD_RULE_DAYS);
	assert_string_equal(text, "alice does not work on Saturdays "
	    "(2026-12-05 is a Saturday; days mon-fri)");
	cfg.holidays = &xmas;
	cfg.nholidays = 1;
	en = candidate("2026-12-25T10:00", "2026-12-25T11:00", "");
	assert_int_equal(conflicts(HEADER, &en, c, text, sizeof text), 1);
	assert_string_equal(text, "2026-12-25 is a holiday");
	/* Time off may fall anywhere. */
	en.kind = "away";
	assert_int_equal(conflicts(HEADER, &en, c, text, sizeof text), 0);
	cfg.holidays = NULL;
	cfg.nholidays = 0;
	/* Ending at midnight is the end of the day, not the next one. */
	alice.day_end = 1440;
	en = candidate("2026-12-01T23:00", "2026-12-02T00:00", "");
	assert_int_equal(conflicts(HEADER, &en, c, text, sizeof text), 0);
	alice.day_end = 17 * 60;
}

static void
book_conflicts__away_entry__named_with_its_note(void **state)
{
	sd_entry en = candidate("2026-12-02T10:00", "2026-12-02T11:00", "");
	sd_conflict c[8];
	char text[256];

	(void)state;
	assert_int_equal(conflicts(HEADER "M7,alice,,2026-12-01T09:00-05:00,"
	    "2026-12-03T17:00-05:00,away,,scheduled,vacation\n", &en, c, text,
	    sizeof text), 1);
	assert_int_equal(c[0].rule, SD_RULE_AWAY);
	assert_string_equal(text, "alice is away 2026-12-01 09:00-2026-12-03 "
	    "17:00 (M7: vacation)");
}

static void
book_slots__busy_day__skips_entries_hours_and_weekend(void **state)
{
	sd_time starts[4];
	sd_book b;
	sd_err e;

	(void)state;
	assert_int_equal(read_book(HEADER
	    "M1,alice,x,2026-12-04T09:00-05:00,2026-12-04T14:00-05:00,,,,\n"
	    "M2,alice,y,2026-12-04T14:30-05:00,2026-12-04T16:00-05:00,,,"
	    "cancelled,\n", NULL, &b, &e), 0);
	assert_int_equal(sd_book_slots(&b, &alice, &cfg, NULL,
	    at("2026-12-04T08:07"), at("2026-12-08T00:00"), 90, starts, 4), 4);
	assert_int_equal(starts[0], at("2026-12-04T14:15"));
	assert_int_equal(starts[1], at("2026-12-07T09:00"));
	assert_int_equal(starts[2], at("2026-12-07T10:30"));
	assert_int_equal(starts[3], at("2026-12-07T12:00"));
	assert_int_equal(sd_book_slots(&b, &alice, &cfg, NULL,
	    at("2026-12-05T00:00"), at("2026-12-07T00:00"), 60, starts, 4), 0);
	sd_book_free(&b);
}

struct seen {
	char text[512];
	size_t len;
};

static void
note_pair(const sd_pair *p, void *arg)
{
	static const char *const names[] = { "holiday", "days", "hours",
		"away", "busy", "buffer", "travel" };
	struct seen *s = arg;

	s->len += (size_t)snprintf(s->text + s->len, sizeof s->text - s->len,
	    "%s-%s:%s ", p->first->id, p->second->id, names[p->rule]);
}

static void
book_check__every_pair__by_rep_then_start(void **state)
{
	sd_rules rules = { &cfg, NULL, NULL };
	struct seen s = { "", 0 };
	sd_book b;
	sd_err e;

	(void)state;
	assert_int_equal(read_book(HEADER
	    "A1,alice,,2026-12-01T09:00Z,2026-12-01T17:00Z,away,,,\n"
	    "A2,alice,,2026-12-01T10:00Z,2026-12-01T11:00Z,,,,\n"
	    "A3,alice,,2026-12-01T11:00Z,2026-12-01T12:00Z,,,cancelled,\n"
	    "A4,alice,,2026-12-01T16:30Z,2026-12-01T18:00Z,,Newark,,\n"
	    "A5,alice,,2026-12-01T18:40Z,2026-12-01T19:00Z,,Stamford,,\n"
	    "B1,bob,,2026-12-01T10:00Z,2026-12-01T11:00Z,,,,\n"
	    "B2,bob,,2026-12-01T11:10Z,2026-12-01T12:00Z,,,,\n"
	    "C1,carl,,2026-12-01T10:00Z,2026-12-01T11:00Z,,,,\n",
	    NULL, &b, &e), 0);
	assert_int_equal(sd_book_check(&b, &rules, note_pair, &s), 4);
	assert_string_equal(s.text, "A1-A2:away A1-A4:away A4-A5:travel "
	    "B1-B2:buffer ");
	sd_book_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(book_read__rows__sorted_by_rep_then_start),
		cmocka_unit_test(book_read__rep_given__keeps_only_its_entries),
		cmocka_unit_test(
		    book_read__end_before_start__rejected_naming_line),
		cmocka_unit_test(book_read__bad_values__rejected),
		cmocka_unit_test(book_read__missing_file__empty_or_noinput),
		cmocka_unit_test(entry_blocks__statuses__only_cancelled_frees),
		cmocka_unit_test(book_away__inside_live_away__true),
		cmocka_unit_test(
		    book_away__overlapping_aways__latest_end_counts),
		cmocka_unit_test(
		    book_load_window__keeps_aways_and_what_overlaps),
		cmocka_unit_test(book_read__equal_starts__file_order),
		cmocka_unit_test(
		    travel_minutes__pairs__both_ways_else_fallback),
		cmocka_unit_test(
		    book_conflicts__overlap_buffer_travel__named),
		cmocka_unit_test(
		    book_conflicts__moved_entry__not_its_own_conflict),
		cmocka_unit_test(
		    book_conflicts__day_rules__hours_days_holiday),
		cmocka_unit_test(
		    book_conflicts__away_entry__named_with_its_note),
		cmocka_unit_test(
		    book_slots__busy_day__skips_entries_hours_and_weekend),
		cmocka_unit_test(book_check__every_pair__by_rep_then_start),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
