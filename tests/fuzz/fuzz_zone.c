/*
 * fuzz_zone.c: the TZif reader and the POSIX TZ rule of its footer
 * (lib/zone.c) on any bytes.  A zone that reads converts both ways around
 * each of its transitions and its rule's changes: every offset within
 * the bounds RFC 8536 sets, and a wall time back to UTC gives the instant
 * it came from, or an earlier one of the same wall time (a fold), never a
 * gap; a wall time in a gap has no offset around that reaches it.
 */
#include "fuzz.h"
#include "internal.h"

#define CHANGES_MAX	64	/* transitions looked at, spread evenly */

/* Instants far enough inside years 1..9999 that their wall times are. */
static bool
in_range(int64_t t)
{
	return t >= (SD_FIRST_DAY + 2) * 86400LL &&
	    t < (SD_LAST_DAY - 1) * 86400LL;
}

/* Does the offset in force at at reach the wall time? */
static bool
reaches(const sd_zone *z, int64_t wall, int64_t at)
{
	int32_t off = sd_zone_offset(z, at);

	return sd_zone_offset(z, wall - off) == off;
}

/* The wall minute that holds wall, back to UTC: 0 and an instant of it,
 * or SD_EGAP when neither offset in force around reaches it. */
static int
wall_to_utc(const sd_zone *z, int64_t wall, sd_time *back)
{
	int64_t start = sd_floor_div(wall, 60) * 60;
	sd_day day = (sd_day)sd_floor_div(start, 86400);
	int r = sd_zone_to_utc(z, day, (int)(start - day * 86400LL) / 60,
	    back);

	FUZZ_CHECK(r == 0 || r == SD_EGAP);
	if (r == 0)
		FUZZ_CHECK(*back + sd_zone_offset(z, *back) == start);
	else
		FUZZ_CHECK(!reaches(z, start, start - SD_OFF_MAX) &&
		    !reaches(z, start, start - SD_OFF_MIN));
	return r;
}

/* t to its wall time and back: t's minute, or an earlier instant of the
 * same wall minute. */
static void
check_instant(const sd_zone *z, sd_time t)
{
	int32_t off;
	int64_t first;
	sd_time back = 0;
	int r;

	if (!in_range(t))
		return;
	off = sd_zone_offset(z, t);
	FUZZ_CHECK(off >= SD_OFF_MIN && off <= SD_OFF_MAX);
	r = wall_to_utc(z, t + off, &back);
	/* The instant the wall minute starts at, if the offset holds then. */
	first = sd_floor_div(t + off, 60) * 60 - off;
	if (sd_zone_offset(z, first) == off)
		FUZZ_CHECK(r == 0 && back <= first);
}

/* Both sides of a change of offset at t, and the wall times at the ends
 * of its gap or fold. */
static void
check_change(const sd_zone *z, sd_time t)
{
	int32_t before, after;
	sd_time back;

	if (!in_range(t - 1) || !in_range(t + 1))
		return;
	before = sd_zone_offset(z, t - 1);
	after = sd_zone_offset(z, t);
	check_instant(z, t - 1);
	check_instant(z, t);
	check_instant(z, t + 1);
	wall_to_utc(z, t + before, &back);
	wall_to_utc(z, t + after - 60, &back);
}

/* The first instant of (lo, hi] with another offset than lo's. */
static sd_time
bisect(const sd_zone *z, sd_time lo, sd_time hi)
{
	int32_t off = sd_zone_offset(z, lo);

	while (hi - lo > 1) {
		sd_time mid = lo + (hi - lo) / 2;

		if (sd_zone_offset(z, mid) == off)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* The footer's changes in year, found day by day. */
static void
check_year(const sd_zone *z, int year)
{
	sd_time t, end;

	if (year < 1 || year > 9999)
		return;
	t = (sd_time)sd_date_to_day((sd_date){ year, 1, 1 }) * 86400;
	end = t + 366 * 86400;
	for (; t < end; t += 86400)
		if (sd_zone_offset(z, t + 86400) != sd_zone_offset(z, t))
			check_change(z, bisect(z, t, t + 86400));
}

static void
check_zone(const sd_zone *z)
{
	const sd_time *at;
	size_t n = sd_zone_transitions(z, &at);
	size_t step = n > CHANGES_MAX ? n / CHANGES_MAX : 1;
	int last = 1970;

	for (size_t i = 0; i < n; i += step)
		check_change(z, at[i]);
	if (n > 0 && in_range(at[n - 1]))
		last = sd_day_to_date((sd_day)sd_floor_div(at[n - 1],
		    86400)).year;
	check_year(z, last);
	check_year(z, last + 1);
	check_year(z, 2100);
	check_year(z, 9998);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sd_zone *z;

	if (sd_zone_parse(data, size, &z) != 0)
		return 0;
	check_zone(z);
	sd_zone_free(z);
	return 0;
}
