/* Unit tests for lib/ical.c: iCalendar out, busy times in. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libical/ical.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

#define CHI "America/Chicago"

static char path[64];

static sd_time
at(const char *s)
{
	sd_time t;

	assert_int_equal(sd_datetime_parse(s, CHI, &t), 0);
	return t;
}

/* Read busy times from text, now being 2026-12-01 09:30 Chicago and the
 * window 90 days. */
static int
read_busy(const char *text, sd_busy_list *l, sd_err *e)
{
	sd_time from = at("2026-12-01T09:30");
	int fd, rc;

	strcpy(path, "/tmp/test_ical.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	sd_err_clear(e);
	rc = sd_ical_read_busy(path, CHI, from, from + 90 * 86400, l, e);
	unlink(path);
	return rc;
}

#define CAL(events) "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" \
	events "END:VCALENDAR\r\n"
#define EVENT(props) "BEGIN:VEVENT\r\nDTSTAMP:20261120T120000Z\r\n" props \
	"END:VEVENT\r\n"

static void
ical_write__entries__parse_back_with_libical(void **state)
{
	sd_entry a = { .id = "M1", .rep = "alice", .client = "acme",
		.kind = "demo", .location = "New York, 5th Ave",
		.status = "scheduled", .note = "bring: samples; a \\ b\nline 2",
		.uid = "" };
	sd_entry b = { .id = "M2", .rep = "alice", .client = "",
		.kind = "away", .location = "", .status = "cancelled",
		.note = "", .uid = "" };
	const sd_entry *v[] = { &a, &b };
	icalcomponent *cal, *ev;
	char *text = NULL, *line, *save;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	sd_err e = { 0 };

	(void)state;
	a.start = at("2026-12-01T13:00");
	a.end = at("2026-12-01T14:30");
	b.start = at("2026-12-02T09:00");
	b.end = at("2026-12-02T17:00");
	assert_int_equal(sd_ical_write(f, v, 2, "example.com",
	    at("2026-12-01T09:30"), &e), 0);
	fclose(f);
	cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_count_components(cal,
	    ICAL_VEVENT_COMPONENT), 2);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ev), "M1@example.com");
	assert_string_equal(icalcomponent_get_summary(ev),
	    "demo with acme (alice)");
	assert_string_equal(icalcomponent_get_location(ev),
	    "New York, 5th Ave");
	assert_string_equal(icalcomponent_get_description(ev),
	    "bring: samples; a \\ b\nline 2");
	assert_int_equal(icaltime_as_timet(icalcomponent_get_dtstart(ev)),
	    a.start);
	assert_true(icaltime_is_utc(icalcomponent_get_dtstart(ev)));
	assert_int_equal(icaltime_as_timet(icalcomponent_get_dtend(ev)),
	    a.end);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);
	ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_summary(ev), "away (alice)");
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
	icalcomponent_free(cal);
	/* Every line ends in CRLF and keeps to 75 octets. */
	assert_true(len > 2 && strcmp(text + len - 2, "\r\n") == 0);
	for (line = strtok_r(text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		assert_int_equal(line[strlen(line) - 1], '\r');
		assert_true(strlen(line) - 1 <= 75);
	}
	free(text);
}

static void
ical_read_busy__zones__utc_tzid_vtimezone_floating(void **state)
{
	sd_busy_list l;
	sd_err e;

	(void)state;
	assert_int_equal(read_busy(CAL(
	    EVENT("UID:u1\r\nDTSTART:20261201T200000Z\r\n"
	    "DTEND:20261201T210000Z\r\nSUMMARY:utc\r\n")
	    EVENT("UID:u2\r\nDTSTART;TZID=America/New_York:20261202T100000\r\n"
	    "DURATION:PT30M\r\nSUMMARY:iana\r\nLOCATION:Main St\r\n")
	    EVENT("UID:u3\r\nDTSTART:20261203T100000\r\n"
	    "DTEND:20261203T110000\r\nSUMMARY:floating\r\n")
	    EVENT("UID:u4\r\nDTSTART;VALUE=DATE:20261204\r\nSUMMARY:all day\r\n")
	    "BEGIN:VTIMEZONE\r\nTZID:Office Time\r\nBEGIN:STANDARD\r\n"
	    "DTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\n"
	    "TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
	    EVENT("UID:u5\r\nDTSTART;TZID=Office Time:20261205T100000\r\n"
	    "DTEND;TZID=Office Time:20261205T110000\r\nSUMMARY:custom\r\n")),
	    &l, &e), 0);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.v[0].key, "u1");
	assert_int_equal(l.v[0].start, at("2026-12-01T14:00"));
	assert_string_equal(l.v[1].summary, "iana");
	assert_string_equal(l.v[1].location, "Main St");
	assert_int_equal(l.v[1].start, at("2026-12-02T09:00"));
	assert_int_equal(l.v[1].end, at("2026-12-02T09:30"));
	assert_int_equal(l.v[2].start, at("2026-12-03T10:00"));
	assert_int_equal(l.v[3].start, at("2026-12-04T00:00"));
	assert_int_equal(l.v[3].end, at("2026-12-05T00:00"));
	assert_int_equal(l.v[4].start, at("2026-12-05T03:00"));
	sd_busy_list_free(&l);
}

static void
ical_read_busy__free_and_past__skipped(void **state)
{
	sd_busy_list l;
	sd_err e;

	(void)state;
	assert_int_equal(read_busy(CAL(
	    EVENT("UID:c\r\nDTSTART:20261202T150000Z\r\nDTEND:20261202T160000Z"
	    "\r\nSTATUS:CANCELLED\r\n")
	    EVENT("UID:t\r\nDTSTART:20261202T150000Z\r\nDTEND:20261202T160000Z"
	    "\r\nTRANSP:TRANSPARENT\r\n")
	    EVENT("UID:p\r\nDTSTART:20261101T150000Z\r\nDTEND:20261101T160000Z"
	    "\r\n")
	    EVENT("UID:z\r\nDTSTART:20261202T150000Z\r\n")),
	    &l, &e), 0);
	assert_int_equal(l.n, 0);
	sd_busy_list_free(&l);
}

static void
ical_read_busy__rrule__expanded_less_exdate_and_overrides(void **state)
{
	sd_busy_list l;
	sd_err e;

	(void)state;
	assert_int_equal(read_busy(CAL(
	    EVENT("UID:s\r\nDTSTART;TZID=America/Chicago:20261124T110000\r\n"
	    "DTEND;TZID=America/Chicago:20261124T113000\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=6\r\n"
	    "EXDATE;TZID=America/Chicago:20261208T110000\r\n"
	    "SUMMARY:series\r\n")
	    EVENT("UID:s\r\nRECURRENCE-ID;TZID=America/Chicago:20261215T110000"
	    "\r\nDTSTART;TZID=America/Chicago:20261215T150000\r\n"
	    "DTEND;TZID=America/Chicago:20261215T153000\r\nSUMMARY:moved\r\n")
	    EVENT("UID:s\r\nRECURRENCE-ID;TZID=America/Chicago:20261222T110000"
	    "\r\nDTSTART;TZID=America/Chicago:20261222T110000\r\n"
	    "DTEND;TZID=America/Chicago:20261222T113000\r\nSTATUS:CANCELLED"
	    "\r\n")),
	    &l, &e), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].key, "s/20261201T170000Z");
	assert_string_equal(l.v[1].key, "s/20261215T170000Z");
	assert_string_equal(l.v[1].summary, "moved");
	assert_int_equal(l.v[1].start, at("2026-12-15T15:00"));
	assert_string_equal(l.v[2].key, "s/20261229T170000Z");
	sd_busy_list_free(&l);
}

static void
ical_read_busy__bad_input__refused(void **state)
{
	sd_busy_list l;
	sd_err e;

	(void)state;
	assert_int_equal(read_busy("hello\n", &l, &e), EX_DATAERR);
	assert_non_null(strstr(e.msg, "not an iCalendar file"));
	assert_int_equal(read_busy(CAL(EVENT("UID:x\r\nSUMMARY:no start\r\n")),
	    &l, &e), EX_DATAERR);
	assert_string_equal(e.msg, "event 'x': no readable DTSTART");
	assert_int_equal(read_busy(CAL(EVENT("UID:y\r\n"
	    "DTSTART:20260230T100000Z\r\n")), &l, &e), EX_DATAERR);
	assert_int_equal(read_busy(CAL(EVENT("UID:m\r\n"
	    "DTSTART:20261201T160000Z\r\nDURATION:PT1M\r\n"
	    "RRULE:FREQ=MINUTELY\r\n")), &l, &e), EX_DATAERR);
	assert_string_equal(e.msg, "event 'm': more than 1000 occurrences in "
	    "the window");
	assert_int_equal(sd_ical_read_busy("/nonexistent.ics", CHI, 0, 1, &l,
	    &e), EX_NOINPUT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ical_write__entries__parse_back_with_libical),
		cmocka_unit_test(
		    ical_read_busy__zones__utc_tzid_vtimezone_floating),
		cmocka_unit_test(ical_read_busy__free_and_past__skipped),
		cmocka_unit_test(
		    ical_read_busy__rrule__expanded_less_exdate_and_overrides),
		cmocka_unit_test(ical_read_busy__bad_input__refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
