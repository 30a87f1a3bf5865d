/*
 * when.c: dates, stored datetimes, moments a person types, durations and
 * calendar spans, business days and report periods.  Time zones and the
 * conversions between UTC and a wall time are zone.c's.
 *
 * A date is a day number counted from 1970-01-01, converted with Howard
 * Hinnant's civil-days algorithms: integer arithmetic on the proleptic
 * Gregorian calendar, and no libc date code on the path the report tool
 * takes for every row.  Every date is validated here; mktime never gets
 * the chance to turn 2026-02-30 into March 2.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "salesdesk.h"
#include "internal.h"

#define YEAR_MIN	1	/* the years a YYYY field can name */
#define YEAR_MAX	9999
/* Spans are capped near ten thousand years, so no sum of a span and a
 * date can overflow. */
#define SPAN_MAX_DAYS	3660000
#define SPAN_MAX_MONTHS	120000
#define SPAN_MAX_MIN	((int64_t)SPAN_MAX_DAYS * 1440)
#define SPAN_NUM_MAX	1000000000000LL
#define TEXT_MAX	64	/* longest moment or period worth reading */

/* Integer helpers */

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Exactly n ASCII digits at p.  It stops at the first other byte, so it
 * never reads past the end of a string. */
static int
get_digits(const char *p, int n, int *v)
{
	int x = 0;

	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		x = x * 10 + (p[i] - '0');
	}
	*v = x;
	return 0;
}

/* v (non-negative) as width zero-padded digits; returns the end. */
static char *
put_num(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

/* Calendar arithmetic */

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
sd_days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && is_leap(year));
}

bool
sd_date_valid(int year, int month, int day)
{
	return year >= YEAR_MIN && year <= YEAR_MAX && day >= 1 &&
	    day <= sd_days_in_month(year, month);
}

/* Hinnant's days_from_civil: years start in March, so the leap day is
 * the last day of its year. */
sd_day
sd_date_to_day(sd_date d)
{
	int64_t y = d.year - (d.month <= 2);
	int64_t era = sd_floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * ((d.month + 9) % 12) + 2) / 5 + d.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (sd_day)(era * 146097 + doe - 719468);
}

/* Hinnant's civil_from_days. */
sd_date
sd_day_to_date(sd_day day)
{
	int64_t z = (int64_t)day + 719468;
	int64_t era = sd_floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	sd_date d;

	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

int
sd_weekday(sd_day day)
{
	return (int)sd_floor_mod((int64_t)day + 3, 7); /* 1970-01-01: Thu */
}

sd_date
sd_date_add_months(sd_date d, int months)
{
	int64_t idx = (int64_t)d.year * 12 + d.month - 1 + months;
	sd_date r;
	int last;

	r.year = (int)sd_floor_div(idx, 12);
	r.month = (int)sd_floor_mod(idx, 12) + 1;
	last = sd_days_in_month(r.year, r.month);
	r.day = d.day < last ? d.day : last;
	return r;
}

/* YYYY-MM-DD at *pp, validated; advances *pp past it. */
static int
scan_date(const char **pp, sd_day *out)
{
	const char *p = *pp;
	sd_date d;

	if (get_digits(p, 4, &d.year) != 0 || p[4] != '-' ||
	    get_digits(p + 5, 2, &d.month) != 0 || p[7] != '-' ||
	    get_digits(p + 8, 2, &d.day) != 0 ||
	    !sd_date_valid(d.year, d.month, d.day))
		return -1;
	*out = sd_date_to_day(d);
	*pp = p + 10;
	return 0;
}

int
sd_date_parse(const char *s, sd_day *out)
{
	const char *p = skip_space(s);
	sd_day day;

	if (scan_date(&p, &day) != 0 || *skip_space(p) != '\0')
		return -1;
	*out = day;
	return 0;
}

/* Days outside years 1..9999 have no YYYY form: print the nearest one
 * rather than overflow the buffer. */
static sd_date
printable_date(sd_day day)
{
	return sd_day_to_date(day < SD_FIRST_DAY ? SD_FIRST_DAY :
	    day > SD_LAST_DAY ? SD_LAST_DAY : day);
}

static char *
put_date(char *p, sd_day day)
{
	sd_date d = printable_date(day);

	p = put_num(p, d.year, 4);
	*p++ = '-';
	p = put_num(p, d.month, 2);
	*p++ = '-';
	return put_num(p, d.day, 2);
}

void
sd_date_format(sd_day day, char buf[11])
{
	*put_date(buf, day) = '\0';
}

/* HH:MM at *pp (H:MM too unless strict), into minutes of the day. */
static int
scan_clock(const char **pp, bool strict, int *minutes)
{
	const char *p = *pp;
	int h, m;

	if (get_digits(p, 2, &h) == 0)
		p += 2;
	else if (!strict && get_digits(p, 1, &h) == 0)
		p += 1;
	else
		return -1;
	if (*p != ':' || get_digits(p + 1, 2, &m) != 0 || h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	*pp = p + 3;
	return 0;
}

int
sd_hhmm_parse(const char *s, int *minutes)
{
	const char *p = skip_space(s);
	int m;

	if (scan_clock(&p, false, &m) != 0 || *skip_space(p) != '\0')
		return -1;
	*minutes = m;
	return 0;
}

/* Business days */

static int
cmp_day(const void *a, const void *b)
{
	sd_day x = *(const sd_day *)a, y = *(const sd_day *)b;

	return (x > y) - (x < y);
}

static bool
is_holiday(const sd_calendar *cal, sd_day day)
{
	if (cal == NULL || cal->nholidays == 0)
		return false;
	return bsearch(&day, cal->holidays, cal->nholidays, sizeof day,
	    cmp_day) != NULL;
}

bool
sd_is_business_day(const sd_calendar *cal, sd_day day)
{
	return sd_weekday(day) < 5 && !is_holiday(cal, day);
}

/* A day at a time: counts are small in practice, and parsed spans are
 * capped, so the walk is bounded. */
sd_day
sd_add_business_days(const sd_calendar *cal, sd_day day, int n)
{
	int step = n < 0 ? -1 : 1;

	while (n != 0) {
		day += step;
		if (sd_is_business_day(cal, day))
			n -= step;
	}
	return day;
}

/* The clock */

sd_day
sd_today(const sd_clock *clk)
{
	sd_day day;

	sd_utc_to_local(clk->zone, clk->now, &day, NULL, NULL);
	return day;
}

/* Stored datetimes */

struct stamp {
	sd_day day;
	int minute, sec;
	bool has_offset;
	int offset;		/* minutes east of UTC */
};

/* Z, +HH:MM, -HH:MM, +HHMM, or nothing at *pp. */
static int
scan_offset(const char **pp, struct stamp *st)
{
	const char *p = *pp;
	int sign, h, m;

	st->has_offset = false;
	if (*p == 'Z' || *p == 'z') {
		st->has_offset = true;
		st->offset = 0;
		*pp = p + 1;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return 0;
	sign = *p++ == '-' ? -1 : 1;
	if (get_digits(p, 2, &h) != 0)
		return -1;
	p += 2 + (p[2] == ':');
	if (get_digits(p, 2, &m) != 0 || h > 23 || m > 59)
		return -1;
	st->has_offset = true;
	st->offset = sign * (h * 60 + m);
	*pp = p + 2;
	return 0;
}

/* YYYY-MM-DD, 'T' or spaces, HH:MM[:SS], then an optional offset. */
static int
scan_stamp(const char *s, struct stamp *st)
{
	const char *p = skip_space(s);

	if (scan_date(&p, &st->day) != 0)
		return -1;
	if (*p == 'T' || *p == 't')
		p++;
	else if (*p == ' ' || *p == '\t')
		p = skip_space(p);
	else
		return -1;
	if (scan_clock(&p, true, &st->minute) != 0)
		return -1;
	st->sec = 0;
	if (*p == ':') {
		if (get_digits(p + 1, 2, &st->sec) != 0 || st->sec > 59)
			return -1;
		p += 3;
	}
	if (scan_offset(&p, st) != 0)
		return -1;
	return *skip_space(p) == '\0' ? 0 : -1;
}

static int
stamp_time(const struct stamp *st, const char *zone, sd_time *out)
{
	sd_time t;
	int r;

	if (st->has_offset) {
		*out = (sd_time)st->day * 86400 + st->minute * 60 + st->sec -
		    st->offset * 60;
		return 0;
	}
	if ((r = sd_local_to_utc(zone, st->day, st->minute, &t)) != 0)
		return r;
	*out = t + st->sec;
	return 0;
}

/* Can t be written back?  Its local date in zone, as
 * sd_datetime_format prints it (from the offset in whole minutes), must
 * have a YYYY form, or the text would name another moment.  Only the
 * first and last days need the zone. */
static int
storable(const char *zone, sd_time t)
{
	sd_day day = (sd_day)sd_floor_div(t, 86400);
	int off;

	if (day < SD_FIRST_DAY + 2 || day > SD_LAST_DAY - 2) {
		if (sd_utc_to_local(zone, t, NULL, NULL, &off) != 0)
			return -1;
		day = (sd_day)sd_floor_div(t + (sd_time)off * 60, 86400);
	}
	return day >= SD_FIRST_DAY && day <= SD_LAST_DAY ? 0 : -1;
}

int
sd_datetime_parse(const char *s, const char *zone, sd_time *out)
{
	struct stamp st;
	sd_time t;
	int r;

	if (scan_stamp(s, &st) != 0)
		return -1;
	if ((r = stamp_time(&st, zone, &t)) != 0)
		return r;
	if (storable(zone, t) != 0)
		return -1;
	*out = t;
	return 0;
}

/* The wall time comes from the offset as printed, in whole minutes: a
 * local mean time offset such as -5:50:36 would otherwise make the text
 * name another minute than t's, and each rewrite move it. */
void
sd_datetime_format(sd_time t, const char *zone, char buf[32])
{
	sd_time local;
	int minute, off;
	char *p;

	sd_utc_to_local(zone, t, NULL, NULL, &off);
	local = t + (sd_time)off * 60;
	minute = (int)(sd_floor_mod(local, 86400) / 60);
	p = put_date(buf, (sd_day)sd_floor_div(local, 86400));
	*p++ = 'T';
	p = put_num(p, minute / 60, 2);
	*p++ = ':';
	p = put_num(p, minute % 60, 2);
	*p++ = off < 0 ? '-' : '+';
	off = abs(off);
	p = put_num(p, off / 60 % 100, 2);
	*p++ = ':';
	p = put_num(p, off % 60, 2);
	*p = '\0';
}

/* Durations and spans */

enum unit { U_NONE = -1, U_MIN, U_HOUR, U_DAY, U_WEEK, U_BDAY, U_MONTH,
	U_YEAR };

/* "m" is minutes on the clock and months on the calendar; "min" is
 * minutes on both, so it is tried first. */
static const struct unit_name {
	const char *name;
	enum unit clock, calendar;
} unit_names[] = {
	{ "min", U_MIN, U_MIN },
	{ "bd", U_BDAY, U_BDAY },
	{ "h", U_HOUR, U_HOUR },
	{ "d", U_DAY, U_DAY },
	{ "w", U_WEEK, U_WEEK },
	{ "m", U_MIN, U_MONTH },
	{ "y", U_NONE, U_YEAR },
};

static enum unit
scan_unit(const char **pp, bool calendar)
{
	for (size_t i = 0; i < sizeof unit_names / sizeof unit_names[0]; i++) {
		const struct unit_name *u = &unit_names[i];
		size_t n = strlen(u->name);

		if (strncasecmp(*pp, u->name, n) == 0) {
			*pp += n;
			return calendar ? u->calendar : u->clock;
		}
	}
	return U_NONE;
}

static int
scan_count(const char **pp, int64_t *v)
{
	const char *p = *pp;
	int64_t x = 0;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (x > SPAN_NUM_MAX)
			return -1;
		x = x * 10 + (*p - '0');
	}
	*v = x;
	*pp = p;
	return 0;
}

/* *field += v, refused past max. */
static int
add_capped(int64_t *field, int64_t v, int64_t max)
{
	if (v > max - *field)
		return -1;
	*field += v;
	return 0;
}

static int
add_unit(sd_span *s, enum unit u, int64_t v)
{
	int64_t days = s->days, bdays = s->bdays, months = s->months;
	int r;

	switch (u) {
	case U_MIN:
		return add_capped(&s->minutes, v, SPAN_MAX_MIN);
	case U_HOUR:
		return add_capped(&s->minutes, v * 60, SPAN_MAX_MIN);
	case U_DAY:
	case U_WEEK:
		r = add_capped(&days, u == U_WEEK ? v * 7 : v, SPAN_MAX_DAYS);
		s->days = (int32_t)days;
		return r;
	case U_BDAY:
		r = add_capped(&bdays, v, SPAN_MAX_DAYS);
		s->bdays = (int32_t)bdays;
		return r;
	default:
		r = add_capped(&months, u == U_YEAR ? v * 12 : v,
		    SPAN_MAX_MONTHS);
		s->months = (int32_t)months;
		return r;
	}
}

/* Counts with units, each unit at most once; on the clock a bare count
 * is minutes. */
static int
parse_span(const char *s, bool calendar, sd_span *out)
{
	const char *p = skip_space(s);
	sd_span sp = { 0 };
	unsigned seen = 0;
	enum unit u;
	int64_t v;

	do {
		if (scan_count(&p, &v) != 0)
			return -1;
		if (!calendar && seen == 0 && *skip_space(p) == '\0')
			u = U_MIN;
		else if ((u = scan_unit(&p, calendar)) == U_NONE ||
		    (seen & 1u << u))
			return -1;
		seen |= 1u << u;
		if (add_unit(&sp, u, v) != 0)
			return -1;
	} while (*p >= '0' && *p <= '9');
	if (*skip_space(p) != '\0')
		return -1;
	*out = sp;
	return 0;
}

int
sd_duration_parse(const char *s, sd_span *out)
{
	return parse_span(s, false, out);
}

int
sd_span_parse(const char *s, sd_span *out)
{
	return parse_span(s, true, out);
}

/* Append "<v><unit>" when v is not zero.  SD_DURATION_MAX holds every
 * part of any span at once; n is clamped all the same, should sd_span
 * grow. */
static size_t
put_part(char *buf, size_t n, int64_t v, const char *unit)
{
	int k;

	if (v == 0 || n >= SD_DURATION_MAX - 1)
		return n;
	k = snprintf(buf + n, SD_DURATION_MAX - n, "%lld%s", (long long)v,
	    unit);
	n += k > 0 ? (size_t)k : 0;
	return n < SD_DURATION_MAX - 1 ? n : SD_DURATION_MAX - 1;
}

void
sd_duration_format(const sd_span *s, char buf[SD_DURATION_MAX])
{
	size_t n = 0;

	buf[0] = '\0';
	if (s->months % 12 == 0)
		n = put_part(buf, n, s->months / 12, "y");
	else
		n = put_part(buf, n, s->months, "m");
	if (s->days % 7 == 0)
		n = put_part(buf, n, s->days / 7, "w");
	else
		n = put_part(buf, n, s->days, "d");
	n = put_part(buf, n, s->bdays, "bd");
	n = put_part(buf, n, s->minutes / 60, "h");
	/* After months, "m" would read back as more months. */
	n = put_part(buf, n, s->minutes % 60, s->months ? "min" : "m");
	if (n == 0)
		snprintf(buf, SD_DURATION_MAX, "0m");
}

int64_t
sd_span_minutes(const sd_span *s)
{
	if (s->bdays != 0 || s->months != 0)
		return -1;
	return s->minutes + (int64_t)s->days * 1440;
}

sd_day
sd_span_add_day(const sd_calendar *cal, sd_day day, const sd_span *s,
    int sign)
{
	sign = sign < 0 ? -1 : 1;
	if (s->months != 0)
		day = sd_date_to_day(sd_date_add_months(sd_day_to_date(day),
		    sign * s->months));
	day += sign * s->days;
	return sd_add_business_days(cal, day, sign * s->bdays);
}

int
sd_span_add_time(const sd_clock *clk, sd_time t, const sd_span *s,
    int sign, sd_time *out)
{
	sd_time u = t;
	sd_day day;
	int minute, r;

	sign = sign < 0 ? -1 : 1;
	if (s->days != 0 || s->bdays != 0 || s->months != 0) {
		if (sd_utc_to_local(clk->zone, t, &day, &minute, NULL) != 0)
			return -1;
		day = sd_span_add_day(clk->cal, day, s, sign);
		if ((r = sd_local_to_utc(clk->zone, day, minute, &u)) != 0)
			return r;
		u += sd_floor_mod(t, 60);
	}
	*out = u + sign * s->minutes * 60;
	return 0;
}

/* Moments a person types */

enum moment_kind { M_NOW, M_STAMP, M_OFFSET };

struct moment {
	enum moment_kind kind;
	struct stamp st;	/* M_STAMP */
	sd_span span;		/* M_OFFSET: from now, by sign */
	int sign;
};

static const char *const weekday_names[7][2] = {
	{ "mon", "monday" }, { "tue", "tuesday" }, { "wed", "wednesday" },
	{ "thu", "thursday" }, { "fri", "friday" }, { "sat", "saturday" },
	{ "sun", "sunday" },
};

/* A weekday name means the next such day strictly after today. */
static int
weekday_word(const char *w, sd_day today, sd_day *out)
{
	for (int i = 0; i < 7; i++) {
		if (sd_streq_ci(w, weekday_names[i][0]) ||
		    sd_streq_ci(w, weekday_names[i][1])) {
			*out = today + 1 +
			    (sd_day)sd_floor_mod(i - sd_weekday(today) - 1, 7);
			return 0;
		}
	}
	return -1;
}

static int
day_word(const char *w, sd_day today, sd_day *out)
{
	if (sd_streq_ci(w, "today"))
		*out = today;
	else if (sd_streq_ci(w, "tomorrow"))
		*out = today + 1;
	else if (sd_streq_ci(w, "yesterday"))
		*out = today - 1;
	else if (sd_date_parse(w, out) != 0)
		return weekday_word(w, today, out);
	return 0;
}

/* "DAY", "DAY H:MM" or "H:MM" (today), read in the clock's zone. */
static int
parse_words(char *w, sd_day today, struct moment *m)
{
	char *time = w + strcspn(w, " \t");
	int minute = 0;

	memset(&m->st, 0, sizeof m->st);
	m->kind = M_STAMP;
	if (*time != '\0') {
		*time++ = '\0';
		if (sd_hhmm_parse(time, &minute) != 0)
			return -1;
	} else if (sd_hhmm_parse(w, &minute) == 0) {
		m->st.day = today;
		m->st.minute = minute;
		return 0;
	}
	m->st.minute = minute;
	return day_word(w, today, &m->st.day);
}

static int
parse_moment(const char *s, const sd_clock *clk, struct moment *m)
{
	char buf[TEXT_MAX], *w;
	size_t n = strlen(s);

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, s, n + 1);
	w = sd_trim(buf);
	if ((w[0] == '+' || w[0] == '-') && w[1] >= '0' && w[1] <= '9') {
		m->kind = M_OFFSET;
		m->sign = w[0] == '-' ? -1 : 1;
		return sd_span_parse(w + 1, &m->span);
	}
	if (scan_stamp(w, &m->st) == 0) {
		m->kind = M_STAMP;
		return 0;
	}
	if (sd_streq_ci(w, "now")) {
		m->kind = M_NOW;
		return 0;
	}
	return parse_words(w, sd_today(clk), m);
}

static int
moment_time(const struct moment *m, const sd_clock *clk, sd_time *out)
{
	switch (m->kind) {
	case M_NOW:
		*out = clk->now;
		return 0;
	case M_STAMP:
		return stamp_time(&m->st, clk->zone, out);
	default:
		return sd_span_add_time(clk, clk->now, &m->span, m->sign, out);
	}
}

int
sd_when_parse(const char *s, const sd_clock *clk, sd_time *out)
{
	struct moment m;
	sd_time t;
	int r;

	if (parse_moment(s, clk, &m) != 0)
		return -1;
	if ((r = moment_time(&m, clk, &t)) != 0)
		return r;
	if (storable(clk->zone, t) != 0)
		return -1;
	*out = t;
	return 0;
}

/* A local date needs no instant: "2026-03-08 02:30" in a gap still
 * names a day, and "+3d" counts days from today. */
int
sd_when_parse_day(const char *s, const sd_clock *clk, sd_day *out)
{
	struct moment m;
	sd_time t;
	sd_day day;
	int r;

	if (parse_moment(s, clk, &m) != 0)
		return -1;
	if (m.kind == M_STAMP && !m.st.has_offset)
		day = m.st.day;
	else if (m.kind == M_OFFSET && m.span.minutes == 0)
		day = sd_span_add_day(clk->cal, sd_today(clk), &m.span,
		    m.sign);
	else if ((r = moment_time(&m, clk, &t)) != 0)
		return r;
	else if (sd_utc_to_local(clk->zone, t, &day, NULL, NULL) != 0)
		return -1;
	if (day < SD_FIRST_DAY || day > SD_LAST_DAY)
		return -1;	/* no YYYY-MM-DD names it */
	*out = day;
	return 0;
}

/* Periods.  Months are counted as year * 12 + month - 1, so a month, a
 * quarter and a year are runs of 1, 3 and 12 of them. */

static int64_t
month_index(sd_day day)
{
	sd_date d = sd_day_to_date(day);

	return (int64_t)d.year * 12 + d.month - 1;
}

static sd_day
month_start(int64_t idx)
{
	sd_date d = { (int)sd_floor_div(idx, 12),
	    (int)sd_floor_mod(idx, 12) + 1, 1 };

	return sd_date_to_day(d);
}

/* The first month of the month, fiscal quarter (len 3) or fiscal year
 * (len 12) that holds day. */
static int64_t
block_start(sd_day day, int fy_start, int len)
{
	int64_t idx = month_index(day);

	return idx - sd_floor_mod(idx - (fy_start - 1), len);
}

static int
set_months(int64_t start, int len, sd_day *from, sd_day *to)
{
	*from = month_start(start);
	*to = month_start(start + len);
	return 0;
}

/* Monday of ISO week 1: the week that holds January 4. */
static sd_day
iso_week1(int year)
{
	sd_day jan4 = sd_date_to_day((sd_date){ year, 1, 4 });

	return jan4 - sd_weekday(jan4);
}

/* The ISO year and week of day: those of its week's Thursday. */
static void
iso_week(sd_day day, int *year, int *week)
{
	sd_day thu = day - sd_weekday(day) + 3;

	*year = sd_day_to_date(thu).year;
	*week = (thu - iso_week1(*year)) / 7 + 1;
}

static int
week_period(int year, int week, sd_day *from, sd_day *to)
{
	if (week < 1 || week > (iso_week1(year + 1) - iso_week1(year)) / 7)
		return -1;
	*from = iso_week1(year) + (week - 1) * 7;
	*to = *from + 7;
	return 0;
}

/* 2026, 2026-Q3, 2026-07, 2026-W14 or 2026-07-01. */
static int
fixed_period(const char *s, int fy, sd_day *from, sd_day *to)
{
	size_t n = strlen(s);
	int y, v;

	if (n == 10 && sd_date_parse(s, from) == 0) {
		*to = *from + 1;
		return 0;
	}
	if (get_digits(s, 4, &y) != 0 || y < YEAR_MIN)
		return -1;
	if (n == 4)
		return set_months((int64_t)y * 12 + fy - 1, 12, from, to);
	if (s[4] != '-')
		return -1;
	if (n == 7 && (s[5] == 'Q' || s[5] == 'q') &&
	    get_digits(s + 6, 1, &v) == 0 && v >= 1 && v <= 4)
		return set_months((int64_t)y * 12 + fy - 1 + (v - 1) * 3, 3,
		    from, to);
	if (n == 7 && get_digits(s + 5, 2, &v) == 0 && v >= 1 && v <= 12)
		return set_months((int64_t)y * 12 + v - 1, 1, from, to);
	if (n == 8 && (s[5] == 'W' || s[5] == 'w') &&
	    get_digits(s + 6, 2, &v) == 0)
		return week_period(y, v, from, to);
	return -1;
}

enum { REL_THIS, REL_LAST, REL_TO_DATE };

static const struct relative {
	const char *name;
	int len;		/* months: 1, 3 or 12 */
	int which;
} relatives[] = {
	{ "this-month", 1, REL_THIS }, { "last-month", 1, REL_LAST },
	{ "this-quarter", 3, REL_THIS }, { "last-quarter", 3, REL_LAST },
	{ "this-year", 12, REL_THIS }, { "last-year", 12, REL_LAST },
	{ "mtd", 1, REL_TO_DATE }, { "qtd", 3, REL_TO_DATE },
	{ "ytd", 12, REL_TO_DATE },
};

static int
relative_period(const char *s, sd_day today, int fy, sd_day *from,
    sd_day *to)
{
	for (size_t i = 0; i < sizeof relatives / sizeof relatives[0]; i++) {
		const struct relative *r = &relatives[i];
		int64_t start;

		if (!sd_streq_ci(s, r->name))
			continue;
		start = block_start(today, fy, r->len);
		if (r->which == REL_LAST)
			start -= r->len;
		set_months(start, r->len, from, to);
		if (r->which == REL_TO_DATE)
			*to = today + 1;
		return 0;
	}
	return -1;
}

static int
single_period(const char *s, sd_day today, int fy, sd_day *from,
    sd_day *to)
{
	if (fixed_period(s, fy, from, to) == 0)
		return 0;
	return relative_period(s, today, fy, from, to);
}

/* A range A..B runs from the start of A to the end of B. */
int
sd_period_parse(const char *s, sd_day today, int fy_start, sd_day *from,
    sd_day *to)
{
	char buf[TEXT_MAX], *w, *dots;
	sd_day af, at, bf, bt;
	size_t n = strlen(s);

	if (fy_start < 1 || fy_start > 12 || n >= sizeof buf)
		return -1;
	memcpy(buf, s, n + 1);
	w = sd_trim(buf);
	if ((dots = strstr(w, "..")) == NULL)
		return single_period(w, today, fy_start, from, to);
	*dots = '\0';
	if (single_period(sd_trim(w), today, fy_start, &af, &at) != 0 ||
	    single_period(sd_trim(dots + 2), today, fy_start, &bf, &bt) != 0 ||
	    bf < af)
		return -1;
	*from = af;
	*to = bt;
	return 0;
}

/* Bucket keys: written by hand, since a report makes one per row. */

static char *
put_year(char *p, int64_t year)
{
	return put_num(p, year < 0 ? 0 : year > 9999 ? 9999 : (int)year, 4);
}

static int
fy_or_january(int fy_start)
{
	return fy_start >= 1 && fy_start <= 12 ? fy_start : 1;
}

void
sd_period_year(sd_day day, int fy_start, char buf[16])
{
	int64_t start = block_start(day, fy_or_january(fy_start), 12);

	*put_year(buf, sd_floor_div(start, 12)) = '\0';
}

void
sd_period_quarter(sd_day day, int fy_start, char buf[16])
{
	int64_t start = block_start(day, fy_or_january(fy_start), 12);
	char *p = put_year(buf, sd_floor_div(start, 12));

	*p++ = '-';
	*p++ = 'Q';
	*p++ = (char)('1' + (month_index(day) - start) / 3);
	*p = '\0';
}

void
sd_period_month(sd_day day, char buf[16])
{
	sd_date d = sd_day_to_date(day);
	char *p = put_year(buf, d.year);

	*p++ = '-';
	*put_num(p, d.month, 2) = '\0';
}

void
sd_period_week(sd_day day, char buf[16])
{
	int year, week;
	char *p;

	iso_week(day, &year, &week);
	p = put_year(buf, year);
	*p++ = '-';
	*p++ = 'W';
	*put_num(p, week, 2) = '\0';
}
