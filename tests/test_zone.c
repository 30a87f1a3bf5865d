/*
 * test_zone.c: time zones, and the conversions between UTC and a zone's
 * wall time, checked on hand-picked cases and against the C library over
 * every zone of the system's zoneinfo directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "salesdesk.h"
#include "internal.h"

#define CHICAGO "America/Chicago"
#define NEW_YORK "America/New_York"
#define BERLIN "Europe/Berlin"
#define LORD_HOWE "Australia/Lord_Howe"	/* daylight time: 30 minutes */
#define KATHMANDU "Asia/Kathmandu"	/* +05:45 */
#define NOW_CHICAGO 1796139000	/* 2026-12-01T09:30-06:00, a Tuesday */

static char *tzdir;		/* $TZDIR as the tests found it, or NULL */

static sd_day
D(int y, int m, int d)
{
	return sd_date_to_day((sd_date){ y, m, d });
}

static const char *
dt_format(sd_time t, const char *zone)
{
	static char buf[32];

	sd_datetime_format(t, zone, buf);
	return buf;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
put_tzif_head(FILE *f, unsigned char ntimes, unsigned char nleap)
{
	unsigned char h[44] = { 'T', 'Z', 'i', 'f', '2' };

	h[31] = nleap;		/* big-endian counts from byte 20 */
	h[35] = ntimes;
	h[39] = 1;		/* one type */
	h[43] = 4;		/* "-03" */
	assert_int_equal(fwrite(h, 1, sizeof h, f), sizeof h);
}

/* A version 2 TZif file: one transition, at 0, to -03 standard time,
 * nleap (0 or 1) leap second records, then the footer. */
static void
write_tzif(const char *path, const char *footer, unsigned char nleap)
{
	static const unsigned char type[] = { 0xff, 0xff, 0xd5, 0xd0, 0, 0,
		'-', '0', '3', 0 };
	static const unsigned char at0[9], leap[12];
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	put_tzif_head(f, 0, nleap);
	fwrite(type, 1, sizeof type, f);
	fwrite(leap, 1, 8 * (size_t)nleap, f);
	put_tzif_head(f, 1, nleap);
	fwrite(at0, 1, sizeof at0, f);
	fwrite(type, 1, sizeof type, f);
	fwrite(leap, 1, 12 * (size_t)nleap, f);
	fprintf(f, "\n%s\n", footer);
	assert_int_equal(fclose(f), 0);
}

/* A zone directory of a test's own, as $TZDIR, holding name. */
static void
tzdir_begin(char *dir, char *path, size_t size, const char *name)
{
	assert_non_null(mkdtemp(dir));
	snprintf(path, size, "%s/%s", dir, name);
	setenv("TZDIR", dir, 1);
}

static void
tzdir_end(const char *dir, const char *path)
{
	if (tzdir)
		setenv("TZDIR", tzdir, 1);
	else
		unsetenv("TZDIR");
	unlink(path);
	rmdir(dir);
}

/* Naming zones */

static void
zone_check__known_names__accepted(void **state)
{
	(void)state;
	assert_int_equal(sd_zone_check("UTC"), 0);
	assert_int_equal(sd_zone_check(CHICAGO), 0);
	assert_int_equal(sd_zone_check("Europe/London"), 0);
	assert_int_equal(sd_zone_check("Etc/GMT+5"), 0);
	assert_int_equal(sd_zone_check(NULL), 0);
}

static void
zone_check__typos_and_paths__rejected(void **state)
{
	static const char *bad[] = {
		"America/Chicgo", "../etc/passwd", "/etc/localtime", "",
		"America", "America/", "America/../UTC", "Foo Bar",
		"EST5EDT,M3.2.0,M11.1.0", "CST6", ":America/Chicago",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(sd_zone_check(bad[i]), -1);
}

/* Only the zones of $TZDIR count; a file without the magic is none, one
 * with the magic and nothing after it a damaged one. */
static void
zone_check__tzdir_without_magic__rejected(void **state)
{
	char dir[] = "/tmp/test_zone.XXXXXX", good[64], bad[64], dam[64];

	(void)state;
	tzdir_begin(dir, good, sizeof good, "Good");
	snprintf(bad, sizeof bad, "%s/Bad", dir);
	snprintf(dam, sizeof dam, "%s/Damaged", dir);
	write_tzif(good, "<-03>3", 0);
	write_file(bad, "UTC0\n");
	write_file(dam, "TZif2 and the rest");
	assert_int_equal(sd_zone_check("Good"), 0);
	assert_int_equal(sd_zone_check("Bad"), -1);
	assert_int_equal(sd_zone_check("Damaged"), SD_EZONE);
	assert_int_equal(sd_zone_check(CHICAGO), -1);
	unlink(bad);
	unlink(dam);
	tzdir_end(dir, good);
}

/* A damaged file is refused by the check, and converting in that zone
 * is an error, never UTC. */
static void
zone_check__damaged_zone_file__refused_not_utc(void **state)
{
	char dir[] = "/tmp/test_zone.XXXXXX", path[64];
	sd_time t;
	int off;

	(void)state;
	tzdir_begin(dir, path, sizeof path, "Damaged");
	write_file(path, "TZif2 and the rest");
	assert_int_equal(sd_zone_check("Damaged"), SD_EZONE);
	assert_int_equal(sd_local_to_utc("Damaged", D(2027, 3, 1), 90, &t),
	    -1);
	assert_int_equal(sd_datetime_parse("2027-03-01T01:30", "Damaged", &t),
	    -1);
	assert_int_equal(sd_utc_to_local("Damaged", 0, NULL, NULL, &off), -1);
	assert_int_equal(off, 0);
	tzdir_end(dir, path);
}

/* The right/ zones count leap seconds, which the system clock does not. */
static void
zone_check__leap_seconds__refused(void **state)
{
	char dir[] = "/tmp/test_zone.XXXXXX", path[64];

	(void)state;
	tzdir_begin(dir, path, sizeof path, "Leap");
	write_tzif(path, "<-03>3", 1);
	assert_int_equal(sd_zone_check("Leap"), SD_EZONE);
	tzdir_end(dir, path);
}

/* Converting in a misspelt zone is an error, not UTC, also once the
 * zone it misspells has been read. */
static void
zone_check__misspelt__refused_not_utc(void **state)
{
	sd_time t = 0;
	sd_day day;
	int minute, off;

	(void)state;
	assert_int_equal(sd_zone_check(BERLIN), 0);
	assert_int_equal(sd_zone_check("Europe/Berlinn"), -1);
	assert_int_equal(sd_zone_check("europe/berlin"), -1);
	assert_int_equal(sd_local_to_utc("Europe/Berlinn", D(2026, 12, 1), 600,
	    &t), -1);
	assert_int_equal(sd_datetime_parse("2026-12-01T10:00",
	    "Europe/Berlinn", &t), -1);
	assert_int_equal(sd_utc_to_local("Europe/Berlinn", NOW_CHICAGO, &day,
	    &minute, &off), -1);
	assert_int_equal(off, 0);
}

/* Converting */

static void
local_to_utc__spring_forward__gap(void **state)
{
	sd_time t = 0;

	(void)state;
	assert_int_equal(sd_local_to_utc(NEW_YORK, D(2026, 3, 8), 150, &t),
	    SD_EGAP);
	assert_int_equal(sd_local_to_utc(NEW_YORK, D(2026, 3, 8), 120, &t),
	    SD_EGAP);
	assert_int_equal(sd_local_to_utc(NEW_YORK, D(2026, 3, 8), 119, &t),
	    0);
	assert_int_equal(t, 1772953140);
	assert_int_equal(sd_local_to_utc(NEW_YORK, D(2026, 3, 8), 180, &t),
	    0);
	assert_int_equal(t, 1772953200);
}

static void
local_to_utc__fall_back__earlier(void **state)
{
	sd_time t = 0;

	(void)state;
	assert_int_equal(sd_local_to_utc(NEW_YORK, D(2026, 11, 1), 90, &t),
	    0);
	assert_int_equal(t, 1793511000);
	assert_string_equal(dt_format(t, NEW_YORK), "2026-11-01T01:30-04:00");
	assert_string_equal(dt_format(t + 3600, NEW_YORK),
	    "2026-11-01T01:30-05:00");
}

static void
local_to_utc__bad_minute__rejected(void **state)
{
	sd_time t;

	(void)state;
	assert_int_equal(sd_local_to_utc(CHICAGO, D(2026, 12, 1), 1440, &t),
	    -1);
	assert_int_equal(sd_local_to_utc(CHICAGO, D(2026, 12, 1), -1, &t),
	    -1);
}

static void
utc_to_local__offsets__across_dst(void **state)
{
	sd_day day;
	int minute, off;

	(void)state;
	sd_utc_to_local(NEW_YORK, 1782921600, &day, &minute, &off);
	assert_int_equal(day, D(2026, 7, 1));
	assert_int_equal(minute, 720);
	assert_int_equal(off, -240);
	sd_utc_to_local(CHICAGO, NOW_CHICAGO, &day, &minute, &off);
	assert_int_equal(day, D(2026, 12, 1));
	assert_int_equal(minute, 570);
	assert_int_equal(off, -360);
	sd_utc_to_local("Asia/Kolkata", 0, &day, &minute, &off);
	assert_int_equal(day, 0);
	assert_int_equal(minute, 330);
	assert_int_equal(off, 330);
}

static void
utc_to_local__null_zone__original_tz(void **state)
{
	(void)state;
	assert_string_equal(dt_format(1796155200, "UTC"),
	    "2026-12-01T20:00+00:00");
	assert_string_equal(dt_format(1796155200, NULL),
	    "2026-12-02T05:00+09:00");
	assert_string_equal(getenv("TZ"), "Asia/Tokyo");
}

/* Zone NULL follows $TZ's zone the way a named zone reads, folds
 * included: Pyongyang went from +08:30 to +09:00 in 2015, and 23:45 on
 * August 14 came twice; mktime alone gives the later. */
static void
local_to_utc__null_zone_fold__earlier(void **state)
{
	sd_time t = 0;

	(void)state;
	setenv("TZ", "Asia/Pyongyang", 1);
	assert_int_equal(sd_local_to_utc(NULL, D(2015, 8, 14), 23 * 60 + 45,
	    &t), 0);
	assert_int_equal(t, 1439563500);
	assert_int_equal(sd_local_to_utc("Asia/Pyongyang", D(2015, 8, 14),
	    23 * 60 + 45, &t), 0);
	assert_int_equal(t, 1439563500);
	setenv("TZ", "Asia/Tokyo", 1);
}

/* Half-hour daylight time: a 30-minute gap and a 30-minute fold. */
static void
local_to_utc__half_hour_dst__gap_and_earlier(void **state)
{
	sd_time t = 0;

	(void)state;
	assert_int_equal(sd_local_to_utc(LORD_HOWE, D(2026, 4, 5), 105, &t),
	    0);
	assert_int_equal(t, 1775313900);
	assert_string_equal(dt_format(t, LORD_HOWE), "2026-04-05T01:45+11:00");
	assert_string_equal(dt_format(t + 1800, LORD_HOWE),
	    "2026-04-05T01:45+10:30");
	assert_int_equal(sd_local_to_utc(LORD_HOWE, D(2026, 10, 4), 135, &t),
	    SD_EGAP);
	assert_int_equal(sd_local_to_utc(LORD_HOWE, D(2026, 10, 4), 150, &t),
	    0);
	assert_int_equal(t, 1791041400);
}

/* Past the zone file's last transition (2037) its footer rules. */
static void
datetime_format__quarter_hour_and_far_future__exact(void **state)
{
	(void)state;
	assert_string_equal(dt_format(1796112900, KATHMANDU),
	    "2026-12-01T14:00+05:45");
	assert_string_equal(dt_format(4118144400, CHICAGO),
	    "2100-07-01T12:00-05:00");
	assert_string_equal(dt_format(4118932800, LORD_HOWE),
	    "2100-07-11T06:30+10:30");
	assert_string_equal(dt_format(4118932800, BERLIN),
	    "2100-07-10T22:00+02:00");
}

static const char *const switch_zones[] = { CHICAGO, BERLIN, LORD_HOWE,
	KATHMANDU };
#define NZONES (sizeof switch_zones / sizeof switch_zones[0])
#define NQUARTERS (6 * 96)

struct answer {
	int rc;
	sd_time utc;		/* of the wall time */
	sd_day day;		/* of the instant */
	int minute, off;
};

/* Both ways at the k-th quarter-hour of the days the zones change in
 * 2026. */
static struct answer
convert(const char *zone, size_t k)
{
	static const int days[6][2] = { { 3, 8 }, { 3, 29 }, { 4, 5 },
		{ 10, 4 }, { 10, 25 }, { 11, 1 } };
	sd_day day = D(2026, days[k / 96][0], days[k / 96][1]);
	int minute = (int)(k % 96) * 15;
	struct answer a = { 0, 0, 0, 0, 0 };

	a.rc = sd_local_to_utc(zone, day, minute, &a.utc);
	assert_int_equal(sd_utc_to_local(zone, (sd_time)day * 86400 +
	    minute * 60, &a.day, &a.minute, &a.off), 0);
	return a;
}

static void
zone_switch__back_and_forth__same_as_alone(void **state)
{
	static struct answer alone[NZONES][NQUARTERS];
	struct answer a, *b;

	(void)state;
	for (size_t z = 0; z < NZONES; z++)
		for (size_t k = 0; k < NQUARTERS; k++)
			alone[z][k] = convert(switch_zones[z], k);
	for (size_t k = 0; k < NQUARTERS; k++) {
		for (size_t z = 0; z < NZONES; z++) {
			a = convert(switch_zones[z], k);
			b = &alone[z][k];
			assert_int_equal(a.rc, b->rc);
			assert_int_equal(a.utc, b->utc);
			assert_int_equal(a.day, b->day);
			assert_int_equal(a.minute, b->minute);
			assert_int_equal(a.off, b->off);
		}
	}
	/* A gap in each: none in Kathmandu. */
	assert_int_equal(alone[0][96 * 0 + 9].rc, SD_EGAP);	/* 02:15 */
	assert_int_equal(alone[1][96 * 1 + 9].rc, SD_EGAP);
	assert_int_equal(alone[2][96 * 3 + 9].rc, SD_EGAP);
	for (size_t k = 0; k < NQUARTERS; k++)
		assert_int_equal(alone[3][k].off, 345);
}

/* Rules no zone uses today but the format allows: Julian days without
 * Feb 29 (J60: March 1) and with it (300), and a negative time. */
static void
utc_to_local__footer_julian_days__exact(void **state)
{
	char dir[] = "/tmp/test_zone.XXXXXX", path[64];
	sd_time t;

	(void)state;
	tzdir_begin(dir, path, sizeof path, "Rule");
	write_tzif(path, "<-03>3<-02>,J60/1,300/-1", 0);
	assert_string_equal(dt_format(-1, "Rule"), "1969-12-31T20:59-03:00");
	assert_string_equal(dt_format(1803873540, "Rule"),
	    "2027-03-01T00:59-03:00");
	assert_string_equal(dt_format(1803873600, "Rule"),
	    "2027-03-01T02:00-02:00");
	assert_string_equal(dt_format(1835438400, "Rule"),
	    "2028-02-29T09:00-03:00");
	assert_string_equal(dt_format(1835496000, "Rule"),
	    "2028-03-01T02:00-02:00");
	assert_string_equal(dt_format(1824685140, "Rule"),
	    "2027-10-27T22:59-02:00");
	assert_string_equal(dt_format(1824685200, "Rule"),
	    "2027-10-27T22:00-03:00");
	assert_string_equal(dt_format(1856221140, "Rule"),
	    "2028-10-26T22:59-02:00");
	assert_string_equal(dt_format(1856221200, "Rule"),
	    "2028-10-26T22:00-03:00");
	assert_int_equal(sd_local_to_utc("Rule", D(2027, 3, 1), 90, &t),
	    SD_EGAP);
	tzdir_end(dir, path);
}

/* A zone is read once and kept: its file may go. */
static void
utc_to_local__zone_file_removed__still_read(void **state)
{
	char dir[] = "/tmp/test_zone.XXXXXX", path[64];

	(void)state;
	tzdir_begin(dir, path, sizeof path, "Gone");
	write_tzif(path, "<-03>3", 0);
	assert_string_equal(dt_format(1796155200, "Gone"),
	    "2026-12-01T17:00-03:00");
	unlink(path);
	assert_int_equal(sd_zone_check("Gone"), 0);
	assert_string_equal(dt_format(1796155200, "Gone"),
	    "2026-12-01T17:00-03:00");
	tzdir_end(dir, path);
}

/* A zone of one's own, from bytes */

static const char *
zoneinfo(void)
{
	return tzdir && *tzdir ? tzdir : "/usr/share/zoneinfo";
}

/* The bytes of the system's file for zone; malloc'd. */
static unsigned char *
zone_bytes(const char *zone, size_t *len)
{
	char path[4096];
	unsigned char *buf = malloc(1 << 20);
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", zoneinfo(), zone);
	assert_non_null(buf);
	assert_non_null(f = fopen(path, "rb"));
	*len = fread(buf, 1, 1 << 20, f);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* The footer ends the file with a newline: every shorter part of it is
 * refused. */
static void
zone_parse__truncated__refused(void **state)
{
	size_t len;
	unsigned char *buf = zone_bytes(CHICAGO, &len);
	sd_zone *z = NULL;

	(void)state;
	for (size_t n = 0; n < len; n++)
		assert_int_equal(sd_zone_parse(buf, n, &z), -1);
	assert_null(z);
	assert_int_equal(sd_zone_parse(buf, len, &z), 0);
	sd_zone_free(z);
	free(buf);
}

static void
zone_parse__system_file__converts(void **state)
{
	size_t len;
	unsigned char *buf = zone_bytes(CHICAGO, &len);
	sd_zone *z;
	sd_time t = 0;

	(void)state;
	assert_int_equal(sd_zone_parse(buf, len, &z), 0);
	assert_int_equal(sd_zone_offset(z, NOW_CHICAGO), -21600);
	assert_int_equal(sd_zone_offset(z, 1782921600), -18000);
	assert_int_equal(sd_zone_offset(z, 4118144400), -18000);
	assert_int_equal(sd_zone_to_utc(z, D(2026, 3, 8), 150, &t), SD_EGAP);
	assert_int_equal(sd_zone_to_utc(z, D(2026, 11, 1), 90, &t), 0);
	assert_int_equal(t, 1793514600);
	assert_int_equal(sd_zone_to_utc(z, D(2026, 11, 1), 1440, &t), -1);
	assert_int_equal(sd_zone_to_utc(z, D(10000, 1, 1), 0, &t), -1);
	sd_zone_free(z);
	free(buf);
}

/*
 * Every zone against the C library, which reads the same files with $TZ
 * set to the zone.  UTC to local must agree at every instant tried; local
 * to UTC must give the earliest instant that glibc maps back to the wall
 * time, as its mktime and the offsets around find them, and a gap where
 * there is none.  The instants: a few in each of a fixed set of years, and
 * those around every change of offset glibc shows in 2020-2030 and
 * 2037-2040.
 */

#define SHOW_MAX 20	/* mismatches printed; the rest only counted */

struct diff {
	const char *zone;
	size_t zones, checks, bad;
};

static sd_day
tm_day(const struct tm *tm)
{
	return D(tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday);
}

static long
glibc_offset(time_t t)
{
	struct tm tm;

	assert_non_null(localtime_r(&t, &tm));
	return tm.tm_gmtoff;
}

/* Count a check; true when it failed and is one to show. */
static bool
shown(struct diff *df, bool same)
{
	df->checks++;
	return !same && df->bad++ < SHOW_MAX;
}

/* Seconds since the epoch, an instant or a wall time, as text. */
static const char *
iso(int64_t secs, char buf[32])
{
	sd_day day = (sd_day)sd_floor_div(secs, 86400);
	int s = (int)(secs - (int64_t)day * 86400);
	char date[11];

	sd_date_format(day, date);
	snprintf(buf, 32, "%sT%02d:%02d:%02d", date, s / 3600, s / 60 % 60,
	    s % 60);
	return buf;
}

static void
check_utc(struct diff *df, time_t t)
{
	struct tm tm;
	sd_day day;
	int minute, off, rc;
	char a[32], b[32], c[32];

	assert_non_null(localtime_r(&t, &tm));
	rc = sd_utc_to_local(df->zone, t, &day, &minute, &off);
	if (shown(df, rc == 0 && day == tm_day(&tm) &&
	    minute == tm.tm_hour * 60 + tm.tm_min && off == tm.tm_gmtoff / 60))
		print_error("%s: utc_to_local at %sZ: rc %d, %s %+d min; "
		    "glibc %s %+ld min\n", df->zone, iso(t, a), rc,
		    iso((int64_t)day * 86400 + minute * 60, b), off,
		    iso(t + tm.tm_gmtoff, c), tm.tm_gmtoff / 60);
}

static bool
same_wall(const struct tm *a, const struct tm *b)
{
	return a->tm_year == b->tm_year && a->tm_mon == b->tm_mon &&
	    a->tm_mday == b->tm_mday && a->tm_hour == b->tm_hour &&
	    a->tm_min == b->tm_min && a->tm_sec == b->tm_sec;
}

/* An instant of the wall time want if glibc maps it back to it: kept
 * when it is the first found or earlier. */
static void
try_instant(const struct tm *want, time_t t, time_t *best, int *rc)
{
	struct tm back;

	if (localtime_r(&t, &back) == NULL || !same_wall(want, &back))
		return;
	if (*rc != 0 || t < *best)
		*best = t;
	*rc = 0;
}

/* The reference: 0 and the earliest instant of the wall time, or SD_EGAP.
 * Its instants lie within 26 hours of it, so the offsets in force 26
 * hours either side are tried, then mktime with tm_isdst as each side
 * has it.  mktime alone would not do: in a fold between two standard
 * times it gives the later instant, and asked for a daylight time a zone
 * does not have, it searches for years. */
static int
glibc_to_utc(sd_day day, int minute, time_t *out)
{
	sd_date d = sd_day_to_date(day);
	time_t wall = (time_t)day * 86400 + minute * 60, side;
	struct tm want = { 0 }, tm, edge[2];
	int rc = SD_EGAP;

	want.tm_year = d.year - 1900;
	want.tm_mon = d.month - 1;
	want.tm_mday = d.day;
	want.tm_hour = minute / 60;
	want.tm_min = minute % 60;
	for (int i = 0; i < 2; i++) {
		side = wall + (i ? 26 : -26) * 3600;
		assert_non_null(localtime_r(&side, &edge[i]));
		try_instant(&want, wall - edge[i].tm_gmtoff, out, &rc);
	}
	for (int i = 0; i < 2; i++) {
		if (i == 1 && edge[1].tm_isdst == edge[0].tm_isdst)
			break;
		tm = want;
		tm.tm_isdst = edge[i].tm_isdst;
		try_instant(&want, mktime(&tm), out, &rc);
	}
	return rc;
}

/* The minute of the day that holds wall (local seconds since the epoch). */
static void
check_wall(struct diff *df, int64_t wall)
{
	sd_day day = (sd_day)sd_floor_div(wall, 86400);
	int minute = (int)(wall - (int64_t)day * 86400) / 60, rc, ref;
	sd_time t = 0;
	time_t want = 0;
	char a[32], b[32], c[32];

	rc = sd_local_to_utc(df->zone, day, minute, &t);
	ref = glibc_to_utc(day, minute, &want);
	if (shown(df, rc == ref && (rc != 0 || t == want)))
		print_error("%s: local_to_utc of %s: rc %d, %sZ; glibc rc %d, "
		    "%sZ\n", df->zone, iso((int64_t)day * 86400 + minute * 60,
		    a), rc, iso(t, b), ref, iso(want, c));
}

/* An instant both ways: to local, and its wall time back. */
static void
check_instant(struct diff *df, time_t t)
{
	check_utc(df, t);
	check_wall(df, t + glibc_offset(t));
}

/* Around a change of offset at t: the instants next to it, and the wall
 * times at both ends of the gap or the fold and amid it. */
static void
check_change(struct diff *df, time_t t)
{
	long before = glibc_offset(t - 1), after = glibc_offset(t);

	check_instant(df, t - 1);
	check_instant(df, t);
	check_instant(df, t + 1);
	check_wall(df, t + before);
	check_wall(df, t + after - 60);
	check_wall(df, t + (before + after) / 2);
}

/* The first instant of (lo, hi] with another offset than lo's. */
static time_t
bisect(time_t lo, time_t hi)
{
	long off = glibc_offset(lo);

	while (hi - lo > 1) {
		time_t mid = lo + (hi - lo) / 2;

		if (glibc_offset(mid) == off)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* Day by day from the start of year from to that of year to: no zone
 * changes its offset twice in a day. */
static void
check_changes(struct diff *df, int from, int to)
{
	time_t t = (time_t)D(from, 1, 1) * 86400;
	time_t end = (time_t)D(to, 1, 1) * 86400;
	long off, next;

	for (off = glibc_offset(t); t < end; t += 86400, off = next)
		if ((next = glibc_offset(t + 86400)) != off)
			check_change(df, bisect(t, t + 86400));
}

/* The changes of 2020 to 2030, and of 2037 to 2040, where a zone file's
 * transitions often end and its footer's rule takes over. */
static void
check_zone(struct diff *df, const char *zone)
{
	static const int years[] = { 1900, 1950, 1970, 1990, 2000, 2014,
		2026, 2037, 2038, 2050, 2100, 2500 };
	static const int when[][3] = { { 1, 15, 12 * 3600 },
		{ 4, 15, 6 * 3600 + 30 }, { 7, 15, 59 }, { 10, 15, 18 * 3600 } };

	df->zone = zone;
	df->zones++;
	setenv("TZ", zone, 1);
	tzset();
	for (size_t y = 0; y < sizeof years / sizeof years[0]; y++)
		for (size_t i = 0; i < sizeof when / sizeof when[0]; i++)
			check_instant(df, (time_t)D(years[y], when[i][0],
			    when[i][1]) * 86400 + when[i][2]);
	check_changes(df, 2020, 2031);
	check_changes(df, 2037, 2041);
}

struct names {
	char **v;
	size_t n, cap;
};

static bool
is_tzif(const char *path)
{
	FILE *f = fopen(path, "rb");
	char magic[4];
	bool yes;

	if (f == NULL)
		return false;
	yes = fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(f);
	return yes;
}

/* The TZif files under dir/sub, by name, links to files included.
 * posix/ holds the same zones again, right/ ones that count leap
 * seconds. */
static void
list_zones(const char *dir, const char *sub, struct names *l)
{
	char path[4096], name[1024];
	struct dirent *de;
	struct stat sb;
	DIR *d;

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	if ((d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || (*sub == '\0' &&
		    (strcmp(de->d_name, "posix") == 0 ||
		    strcmp(de->d_name, "right") == 0)))
			continue;
		snprintf(name, sizeof name, "%s%s%s", sub, *sub ? "/" : "",
		    de->d_name);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (lstat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode))
			list_zones(dir, name, l);
		else if (is_tzif(path)) {
			if (l->n == l->cap)
				l->v = sd_xrealloc(l->v,
				    (l->cap = l->cap * 2 + 64) * sizeof *l->v);
			l->v[l->n++] = sd_xstrdup(name);
		}
	}
	closedir(d);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
zone__every_system_zone__same_as_glibc(void **state)
{
	struct names l = { NULL, 0, 0 };
	struct diff df = { NULL, 0, 0, 0 };
	char *tz = getenv("TZ") ? sd_xstrdup(getenv("TZ")) : NULL;

	(void)state;
	list_zones(zoneinfo(), "", &l);
	if (l.n == 0)
		skip();
	qsort(l.v, l.n, sizeof *l.v, cmp_names);
	for (size_t i = 0; i < l.n; i++) {
		check_zone(&df, l.v[i]);
		free(l.v[i]);
	}
	free(l.v);
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
	free(tz);
	print_message("# %zu zones, %zu checks, %zu mismatches\n", df.zones,
	    df.checks, df.bad);
	assert_int_equal(df.bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utc_to_local__null_zone__original_tz),
		cmocka_unit_test(local_to_utc__null_zone_fold__earlier),
		cmocka_unit_test(zone_check__known_names__accepted),
		cmocka_unit_test(zone_check__typos_and_paths__rejected),
		cmocka_unit_test(zone_check__tzdir_without_magic__rejected),
		cmocka_unit_test(
		    zone_check__damaged_zone_file__refused_not_utc),
		cmocka_unit_test(zone_check__leap_seconds__refused),
		cmocka_unit_test(zone_check__misspelt__refused_not_utc),
		cmocka_unit_test(local_to_utc__spring_forward__gap),
		cmocka_unit_test(local_to_utc__fall_back__earlier),
		cmocka_unit_test(local_to_utc__bad_minute__rejected),
		cmocka_unit_test(utc_to_local__offsets__across_dst),
		cmocka_unit_test(local_to_utc__half_hour_dst__gap_and_earlier),
		cmocka_unit_test(
		    datetime_format__quarter_hour_and_far_future__exact),
		cmocka_unit_test(zone_switch__back_and_forth__same_as_alone),
		cmocka_unit_test(utc_to_local__footer_julian_days__exact),
		cmocka_unit_test(utc_to_local__zone_file_removed__still_read),
		cmocka_unit_test(zone_parse__truncated__refused),
		cmocka_unit_test(zone_parse__system_file__converts),
		cmocka_unit_test(zone__every_system_zone__same_as_glibc),
	};

	/* The system zone for zone NULL: the test that checks it runs
	 * before any other zone is set. */
	setenv("TZ", "Asia/Tokyo", 1);
	if (getenv("TZDIR"))
		tzdir = sd_xstrdup(getenv("TZDIR"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
