/*
 * fuzz_when.c: the date, moment, duration, span and period parsers
 * (lib/when.c) on any string, with the clock pinned in America/Chicago
 * the day before a DST change.  What parses must print and parse back:
 * a moment to the same minute, a span to the same span, a period's
 * report buckets to periods that hold their days.
 */
#include "fuzz.h"

#define ZONE "America/Chicago"

static const sd_day holidays[] = { 20521, 20812 };	/* 03-09, 12-25 */
static const sd_calendar cal = { holidays, 2 };
static sd_clock clk = { 0, ZONE, &cal };

/* Printed, a moment parses back to the start of its minute, and prints
 * the same again. */
static void
check_time(sd_time t)
{
	char buf[32], again[32];
	sd_time back;

	sd_datetime_format(t, ZONE, buf);
	FUZZ_CHECK(sd_datetime_parse(buf, ZONE, &back) == 0);
	FUZZ_CHECK(back <= t && t < back + 60);
	sd_datetime_format(back, ZONE, again);
	FUZZ_CHECK(strcmp(buf, again) == 0);
}

/* A moment typed, as a time and as a day: the same day. */
static void
check_moments(const char *s)
{
	char buf[11];
	sd_time t;
	sd_day day, back;
	int r, rday;

	r = sd_datetime_parse(s, ZONE, &t);
	FUZZ_CHECK(r == 0 || r == -1 || r == SD_EGAP);
	if (r == 0)
		check_time(t);
	if ((rday = sd_when_parse_day(s, &clk, &day)) == 0) {
		sd_date_format(day, buf);
		FUZZ_CHECK(sd_date_parse(buf, &back) == 0 && back == day);
	}
	r = sd_when_parse(s, &clk, &t);
	FUZZ_CHECK(r == 0 || r == -1 || r == SD_EGAP);
	if (r != 0)
		return;
	check_time(t);
	sd_utc_to_local(ZONE, t, &back, NULL, NULL);
	FUZZ_CHECK(rday == 0 && day == back);
}

static bool
same_span(const sd_span *a, const sd_span *b)
{
	return a->minutes == b->minutes && a->days == b->days &&
	    a->bdays == b->bdays && a->months == b->months;
}

/* Printed, a span reads back the same: with months in sd_span_parse's
 * words, without in sd_duration_parse's. */
static void
check_span(const sd_span *sp)
{
	char buf[SD_DURATION_MAX];
	sd_span back;

	sd_duration_format(sp, buf);
	if (sp->months != 0)
		FUZZ_CHECK(sd_span_parse(buf, &back) == 0);
	else
		FUZZ_CHECK(sd_duration_parse(buf, &back) == 0);
	FUZZ_CHECK(same_span(sp, &back));
}

static void
check_spans(const char *s)
{
	sd_span sp;

	if (sd_duration_parse(s, &sp) == 0) {
		FUZZ_CHECK(sp.months == 0);
		check_span(&sp);
	}
	if (sd_span_parse(s, &sp) == 0)
		check_span(&sp);
}

static void
check_label(const char *label, sd_day day, int fy)
{
	sd_day from, to;

	FUZZ_CHECK(sd_period_parse(label, 0, fy, &from, &to) == 0);
	FUZZ_CHECK(from <= day && day < to);
}

/* The report's buckets of day name periods that hold it (years 2 to 9998:
 * a fiscal year can start in year 0 or end in 10000, which no YYYY
 * names). */
static void
check_buckets(sd_day day, int fy)
{
	sd_date d = sd_day_to_date(day);
	char buf[16];

	if (d.year < 2 || d.year > 9998)
		return;
	sd_period_year(day, fy, buf);
	check_label(buf, day, fy);
	sd_period_quarter(day, fy, buf);
	check_label(buf, day, fy);
	sd_period_month(day, buf);
	check_label(buf, day, fy);
	sd_period_week(day, buf);
	check_label(buf, day, fy);
}

static void
check_periods(const char *s)
{
	sd_day today = sd_today(&clk), from, to;

	for (int fy = 1; fy <= 12; fy += 3) {
		if (sd_period_parse(s, today, fy, &from, &to) != 0)
			continue;
		FUZZ_CHECK(from < to);
		check_buckets(from, fy);
		check_buckets(to - 1, fy);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);

	if (clk.now == 0)
		FUZZ_CHECK(sd_datetime_parse("2026-03-07T14:45:27-06:00", NULL,
		    &clk.now) == 0);
	check_moments(s);
	check_spans(s);
	check_periods(s);
	free(s);
	return 0;
}
