/*
 * zone.c: time zones, and converting between UTC and a zone's wall time.
 *
 * A named zone is read once from its TZif file (RFC 8536) under $TZDIR,
 * else the system's zoneinfo directory, and kept for the life of the
 * process: its transitions, and the POSIX TZ rule of its footer for the
 * times past the last one.  Putting the name in $TZ instead would make
 * glibc read the file again on every change of zone, and fall back to UTC
 * without a word when it could not.  The answers are glibc's: before the
 * first transition the first standard time type; past the last, the
 * footer's rule for the UTC year.  Zone NULL, the system's own, is read
 * the same way from $TZ's zone or /etc/localtime; only a POSIX rule in
 * $TZ goes to the C library, whose $TZ we never touch.  None of this is
 * thread-safe: the tools convert times in one thread.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "salesdesk.h"
#include "internal.h"

#define ZONE_DIR	"/usr/share/zoneinfo"	/* glibc's, unless $TZDIR */
#define ZONE_FILE_MAX	(1 << 20)	/* zone files are a few KiB */
#define TZ_HEAD		44	/* magic, version, 15 bytes, 6 counts */
#define TZ_TYPES_MAX	256	/* a transition names its type in a byte */

/* When the footer's rule changes the clock: a day of the year, and a
 * local time of day that may be negative or past 24 hours. */
struct change {
	char kind;		/* 'J': day 1..365, never Feb 29; 'N': day
				 * 0..365; 'M': month, week 1..5 (5: the
				 * last), day the weekday (0: Sunday) */
	int month, week, day;
	int32_t secs;
};

struct rule {
	bool set, dst;		/* a footer; one with daylight time */
	int32_t std, dstoff;	/* seconds east of UTC */
	struct change start, end;	/* into daylight time, out of it */
};

struct sd_zone {
	size_t n;		/* transitions */
	int64_t *at;		/* strictly ascending */
	int32_t *off;		/* seconds east of UTC from at[i] on */
	int32_t before;		/* the offset before at[0] */
	struct rule rule;
};

/* Reading a POSIX TZ string */

static bool
is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Decimal digits at *pp, at most max. */
static bool
tz_num(const char **pp, int max, int *v)
{
	const char *p = *pp;
	int x = 0;

	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((x = x * 10 + (*p - '0')) > max)
			return false;
	*v = x;
	*pp = p;
	return true;
}

/* ":mm" or ":ss" at *pp, if there. */
static bool
tz_part(const char **pp, int *v)
{
	if (**pp != ':')
		return true;
	++*pp;
	return tz_num(pp, 59, v);
}

/* [+-]hh[:mm[:ss]] in seconds, the hours at most max. */
static bool
tz_hms(const char **pp, int max, int32_t *out)
{
	const char *p = *pp;
	int sign = 1, h, m = 0, s = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!tz_num(&p, max, &h) || !tz_part(&p, &m) || !tz_part(&p, &s))
		return false;
	*out = sign * (h * 3600 + m * 60 + s);
	*pp = p;
	return true;
}

/* An abbreviation: three or more letters, or <+0545> quoted. */
static bool
tz_name(const char **pp)
{
	const char *p = *pp, *s;

	if (*p == '<') {
		for (s = ++p; is_alpha(*p) || (*p >= '0' && *p <= '9') ||
		    *p == '+' || *p == '-'; p++)
			;
		if (*p != '>' || p - s < 3)
			return false;
		*pp = p + 1;
		return true;
	}
	for (s = p; is_alpha(*p); p++)
		;
	*pp = p;
	return p - s >= 3;
}

/* Jn, n or Mm.w.d, then /time (02:00 when not said); RFC 8536 lets the
 * time run from -167 to 167 hours. */
static bool
tz_change(const char **pp, struct change *c)
{
	const char *p = *pp;

	c->kind = *p == 'J' || *p == 'M' ? *p++ : 'N';
	if (c->kind == 'M') {
		if (!tz_num(&p, 12, &c->month) || c->month < 1 ||
		    *p++ != '.' || !tz_num(&p, 5, &c->week) || c->week < 1 ||
		    *p++ != '.' || !tz_num(&p, 6, &c->day))
			return false;
	} else if (!tz_num(&p, 365, &c->day) || (c->kind == 'J' && c->day < 1))
		return false;
	c->secs = 7200;
	if (*p == '/') {
		p++;
		if (!tz_hms(&p, 167, &c->secs))
			return false;
	}
	*pp = p;
	return true;
}

/* The footers zic writes: "CST6CDT,M3.2.0,M11.1.0", "<+0545>-5:45",
 * "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0".  Offsets count hours west. */
static bool
tz_rule(const char *s, struct rule *r)
{
	const char *p = s;
	int32_t west;

	if (!tz_name(&p) || !tz_hms(&p, 24, &west))
		return false;
	r->set = true;
	r->std = -west;
	if (*p == '\0')
		return true;
	if (!tz_name(&p))
		return false;
	r->dst = true;
	r->dstoff = r->std + 3600;
	if (*p != ',') {
		if (!tz_hms(&p, 24, &west))
			return false;
		r->dstoff = -west;
	}
	return *p++ == ',' && tz_change(&p, &r->start) && *p++ == ',' &&
	    tz_change(&p, &r->end) && *p == '\0';
}

/* Reading a TZif file */

struct tzhead {
	uint32_t isut, isstd, leap, time, type, chars;	/* the counts */
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* A signed big-endian time of 4 or 8 bytes. */
static int64_t
be_time(const unsigned char *p, int size)
{
	if (size == 4)
		return (int32_t)be32(p);
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

static bool
read_head(const unsigned char *p, size_t len, struct tzhead *h)
{
	if (len < TZ_HEAD || memcmp(p, "TZif", 4) != 0)
		return false;
	h->isut = be32(p + 20);
	h->isstd = be32(p + 24);
	h->leap = be32(p + 28);
	h->time = be32(p + 32);
	h->type = be32(p + 36);
	h->chars = be32(p + 40);
	return true;
}

/* The bytes of the data block after a header, times of tsize bytes. */
static uint64_t
body_size(const struct tzhead *h, int tsize)
{
	return (uint64_t)h->time * (tsize + 1) + (uint64_t)h->type * 6 +
	    h->chars + (uint64_t)h->leap * (tsize + 4) + h->isstd + h->isut;
}

/* The offsets of the types, and which one holds before the first
 * transition: the first standard time type, as glibc picks it. */
static bool
read_types(sd_zone *z, const unsigned char *tt, uint32_t n, int32_t *utoff)
{
	if (n == 0 || n > TZ_TYPES_MAX)
		return false;
	z->before = (int32_t)be32(tt);
	for (uint32_t j = n; j-- > 0;) {
		utoff[j] = (int32_t)be32(tt + 6 * j);
		if (utoff[j] < SD_OFF_MIN || utoff[j] > SD_OFF_MAX)
			return false;
		if (tt[6 * j + 4] == 0)
			z->before = utoff[j];
	}
	return true;
}

/* A data block whose size the caller has checked.  A zone with leap
 * seconds counts time as the system clock does not: refused. */
static bool
read_body(sd_zone *z, const unsigned char *p, const struct tzhead *h,
    int tsize)
{
	const unsigned char *idx = p + (size_t)h->time * tsize;
	int32_t utoff[TZ_TYPES_MAX];

	if (h->leap != 0 || !read_types(z, idx + h->time, h->type, utoff))
		return false;
	z->n = h->time;
	z->at = sd_xcalloc(z->n, sizeof *z->at);
	z->off = sd_xcalloc(z->n, sizeof *z->off);
	for (size_t i = 0; i < z->n; i++) {
		z->at[i] = be_time(p + i * tsize, tsize);
		if ((i > 0 && z->at[i] <= z->at[i - 1]) || idx[i] >= h->type)
			return false;
		z->off[i] = utoff[idx[i]];
	}
	return true;
}

/* The footer, between two newlines; empty: no rule, the last type holds
 * on. */
static bool
read_footer(struct rule *r, const unsigned char *p, size_t len)
{
	const unsigned char *nl;
	char buf[256];
	size_t n;

	if (len < 2 || p[0] != '\n' ||
	    (nl = memchr(p + 1, '\n', len - 1)) == NULL)
		return false;
	if ((n = (size_t)(nl - p - 1)) == 0)
		return true;
	if (n >= sizeof buf || memchr(p + 1, '\0', n) != NULL)
		return false;
	memcpy(buf, p + 1, n);
	buf[n] = '\0';
	return tz_rule(buf, r);
}

/* Version 1 has 32-bit times and no footer; later versions follow it
 * with a second header, the data again with 64-bit times, and a footer. */
static bool
parse_tzif(sd_zone *z, const unsigned char *p, size_t len)
{
	struct tzhead h;
	uint64_t size;

	if (!read_head(p, len, &h))
		return false;
	size = body_size(&h, 4);
	if (p[4] == '\0')
		return size <= len - TZ_HEAD &&
		    read_body(z, p + TZ_HEAD, &h, 4);
	if (size + TZ_HEAD > len - TZ_HEAD)
		return false;
	p += TZ_HEAD + size;
	len -= TZ_HEAD + size;
	if (!read_head(p, len, &h) || (size = body_size(&h, 8)) >
	    len - TZ_HEAD || !read_body(z, p + TZ_HEAD, &h, 8))
		return false;
	return read_footer(&z->rule, p + TZ_HEAD + size,
	    len - TZ_HEAD - size);
}

int
sd_zone_parse(const unsigned char *bytes, size_t len, sd_zone **out)
{
	sd_zone *z = sd_xcalloc(1, sizeof *z);

	if (!parse_tzif(z, bytes, len)) {
		sd_zone_free(z);
		return -1;
	}
	*out = z;
	return 0;
}

void
sd_zone_free(sd_zone *z)
{
	if (z == NULL)
		return;
	free(z->at);
	free(z->off);
	free(z);
}

size_t
sd_zone_transitions(const sd_zone *z, const sd_time **at)
{
	*at = z->at;
	return z->n;
}

/* UTC to the zone's offset */

/* The UTC year of t; beyond the years a date here can name, the nearest
 * one's rules hold. */
static int
utc_year(int64_t t)
{
	int64_t day = sd_floor_div(t, 86400);

	day = day < SD_FIRST_DAY ? SD_FIRST_DAY :
	    day > SD_LAST_DAY ? SD_LAST_DAY : day;
	return sd_day_to_date((sd_day)day).year;
}

/* The instant a change happens in year, worked out as glibc does: the
 * day's midnight as if in UTC, plus the time of day, less the offset in
 * force before it. */
static int64_t
change_at(const struct change *c, int year, int32_t off)
{
	sd_day day = sd_date_to_day((sd_date){ year, 1, 1 });
	int d;

	if (c->kind == 'J')
		day += c->day - 1 + (c->day >= 60 &&
		    sd_days_in_month(year, 2) == 29);
	else if (c->kind == 'N')
		day += c->day;
	else {
		day = sd_date_to_day((sd_date){ year, c->month, 1 });
		/* The first such weekday, then a week on while the month
		 * lasts: week 5 is the last. */
		d = (int)sd_floor_mod(c->day - (sd_weekday(day) + 1), 7);
		for (int w = 1; w < c->week &&
		    d + 7 < sd_days_in_month(year, c->month); w++)
			d += 7;
		day += d;
	}
	return (int64_t)day * 86400 + c->secs - off;
}

/* In the southern hemisphere daylight time spans the new year. */
static int32_t
rule_offset(const struct rule *r, int64_t t)
{
	int64_t on, off;
	int year;

	if (!r->dst)
		return r->std;
	year = utc_year(t);
	on = change_at(&r->start, year, r->std);
	off = change_at(&r->end, year, r->dstoff);
	if (on > off)
		return t < off || t >= on ? r->dstoff : r->std;
	return t >= on && t < off ? r->dstoff : r->std;
}

/* How many transitions happen at or before t. */
static size_t
passed(const sd_zone *z, int64_t t)
{
	size_t lo = 0, hi = z->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (z->at[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* With no transitions at all glibc ignores the footer too. */
int32_t
sd_zone_offset(const sd_zone *z, sd_time t)
{
	size_t i = passed(z, t);

	if (i == 0)
		return z->before;
	if (i == z->n && z->rule.set)
		return rule_offset(&z->rule, t);
	return z->off[i - 1];
}

/* Wall time to UTC */

/* A minute of a day with a YYYY-MM-DD form. */
static bool
wall_ok(sd_day day, int minute)
{
	return minute >= 0 && minute < 1440 && day >= SD_FIRST_DAY &&
	    day <= SD_LAST_DAY;
}

/* wall - off is an instant of the wall time if off is in force then; the
 * earliest such instant wins. */
static void
try_offset(const sd_zone *z, int64_t wall, int32_t off, int64_t *best,
    bool *found)
{
	int64_t t = wall - off;

	if (sd_zone_offset(z, t) != off || (*found && t >= *best))
		return;
	*best = t;
	*found = true;
}

/* Every instant of the wall time lies in [lo, hi], so every offset in
 * force there is one to try: the one at lo, those the transitions up to
 * hi bring, and the footer's. */
int
sd_zone_to_utc(const sd_zone *z, sd_day day, int minute, sd_time *out)
{
	int64_t wall, lo, hi, best = 0;
	bool found = false;

	if (!wall_ok(day, minute))
		return -1;
	wall = (int64_t)day * 86400 + minute * 60;
	lo = wall - SD_OFF_MAX;
	hi = wall - SD_OFF_MIN;
	try_offset(z, wall, sd_zone_offset(z, lo), &best, &found);
	for (size_t i = passed(z, lo); i < z->n && z->at[i] <= hi; i++)
		try_offset(z, wall, z->off[i], &best, &found);
	if (z->rule.set && z->n > 0 && z->at[z->n - 1] <= hi) {
		try_offset(z, wall, z->rule.std, &best, &found);
		if (z->rule.dst)
			try_offset(z, wall, z->rule.dstoff, &best, &found);
	}
	if (!found)
		return SD_EGAP;
	*out = best;
	return 0;
}

/* The zones read so far */

/* A name and what its file holds: zone NULL when the file has the TZif
 * magic but does not read as one. */
struct entry {
	char *name;
	sd_zone *zone;
};

/* All from one directory. */
static struct {
	char *dir;
	sd_keymap *names;	/* a name to its index in v */
	struct entry **v;
	size_t cap;
	struct entry *last;	/* the one found last: most often the next */
} zones;

/* A plain relative name: no leading '/', and with no '.' allowed at all
 * no ".." component can climb out of the zone directory. */
static bool
zone_name_ok(const char *z)
{
	if (*z == '\0' || *z == '/' || strlen(z) > 255)
		return false;
	for (; *z; z++) {
		char c = *z;

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("/_+-", c) != NULL))
			return false;
	}
	return true;
}

/* A regular file, whole, or its first ZONE_FILE_MAX bytes: no zone is
 * that long, so a longer file fails to parse as one.  malloc'd. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	unsigned char *buf = NULL;
	struct stat sb;
	size_t n = 0, want;
	ssize_t got = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		want = sb.st_size < ZONE_FILE_MAX ? (size_t)sb.st_size :
		    ZONE_FILE_MAX;
		buf = sd_xmalloc(want + 1);
		while (n < want && (got = read(fd, buf + n, want - n)) > 0)
			n += (size_t)got;
	}
	close(fd);
	if (got < 0) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* The zone in dir/name, or NULL when that is no TZif file. */
static struct entry *
entry_read(const char *dir, const char *name)
{
	char path[4096];
	unsigned char *buf;
	struct entry *en;
	size_t len;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >=
	    sizeof path || (buf = slurp(path, &len)) == NULL)
		return NULL;
	if (len < 4 || memcmp(buf, "TZif", 4) != 0) {
		free(buf);
		return NULL;
	}
	en = sd_xcalloc(1, sizeof *en);
	en->name = sd_xstrdup(name);
	/* A file that does not parse leaves en->zone NULL. */
	sd_zone_parse(buf, len, &en->zone);
	free(buf);
	return en;
}

/* The zones come from one directory: another $TZDIR starts afresh. */
static void
zones_reset(const char *dir)
{
	for (size_t i = 0; zones.names && i < sd_keymap_count(zones.names);
	    i++) {
		sd_zone_free(zones.v[i]->zone);
		free(zones.v[i]->name);
		free(zones.v[i]);
	}
	sd_keymap_free(zones.names);
	free(zones.v);
	free(zones.dir);
	zones.dir = sd_xstrdup(dir);
	zones.names = sd_keymap_new();
	zones.v = NULL;
	zones.cap = 0;
	zones.last = NULL;
}

/* A name never found is not kept: there is no end to misspellings. */
static struct entry *
entry_add(const char *dir, const char *name)
{
	struct entry *en;
	size_t i;

	if (!zone_name_ok(name) || (en = entry_read(dir, name)) == NULL)
		return NULL;
	i = sd_keymap_put(zones.names, name, strlen(name), NULL);
	if (i >= zones.cap) {
		zones.cap = zones.cap ? zones.cap * 2 : 16;
		zones.v = sd_xrealloc(zones.v, zones.cap * sizeof *zones.v);
	}
	return zones.v[i] = en;
}

/* The zone of that name, read on first use; NULL when it has no file. */
static struct entry *
entry_find(const char *name)
{
	const char *dir = getenv("TZDIR");
	size_t i;

	if (dir == NULL || *dir == '\0')
		dir = ZONE_DIR;
	if (zones.dir == NULL || strcmp(zones.dir, dir) != 0)
		zones_reset(dir);
	if (zones.last && strcmp(zones.last->name, name) == 0)
		return zones.last;
	i = sd_keymap_get(zones.names, name, strlen(name));
	zones.last = i != SD_NOTFOUND ? zones.v[i] : entry_add(dir, name);
	return zones.last;
}

/* A zone to convert in, or NULL: then the caller gets an error. */
static const sd_zone *
zone_get(const char *name)
{
	const struct entry *en = entry_find(name);

	return en ? en->zone : NULL;
}

/* glibc reads an unknown name as a POSIX TZ rule and quietly falls back
 * to UTC, so a typo would shift every time: look for the file itself.
 * It is read whole here, so a damaged one is refused where the name is
 * given, not at the first time converted in it. */
int
sd_zone_check(const char *zone)
{
	const struct entry *en;

	if (zone == NULL)
		return 0;
	if ((en = entry_find(zone)) == NULL)
		return -1;
	return en->zone ? 0 : SD_EZONE;
}

/* The system's zone */

#define LOCALTIME	"/etc/localtime"	/* the C library's default */

/* The machine's own zone, read once like a named one; a missing or
 * unreadable file is UTC, as the C library takes it. */
static const sd_zone *
localtime_zone(void)
{
	static const sd_zone utc;	/* no transitions, offset 0 */
	static sd_zone *local;
	static bool read;
	unsigned char *bytes;
	size_t len;

	if (!read) {
		read = true;
		if ((bytes = slurp(LOCALTIME, &len)) != NULL &&
		    sd_zone_parse(bytes, len, &local) != 0)
			local = NULL;
		free(bytes);
	}
	return local ? local : &utc;
}

/* What zone NULL stands for: $TZ when it names a zone, else the
 * machine's.  NULL for $TZ holding a POSIX rule, left to the C library. */
static const sd_zone *
system_zone(void)
{
	const char *tz = getenv("TZ");

	if (tz && *tz == ':')
		tz++;
	if (tz == NULL || *tz == '\0')
		return localtime_zone();
	return zone_get(tz);
}

static bool
same_wall(const struct tm *a, const struct tm *b)
{
	return a->tm_year == b->tm_year && a->tm_mon == b->tm_mon &&
	    a->tm_mday == b->tm_mday && a->tm_hour == b->tm_hour &&
	    a->tm_min == b->tm_min && a->tm_sec == b->tm_sec;
}

/* Through mktime, for a POSIX rule in $TZ: read the wall time as
 * standard time and as daylight time, and keep what reads back as the
 * same wall time.  None: a gap.  Two: a fall back, the earlier wins (a
 * fold between two standard times can read as the later: the rules
 * have none). */
static int
system_to_utc(sd_date d, int minute, sd_time *out)
{
	struct tm want = { 0 }, tm, back;
	time_t t, best = 0;
	bool found = false;

	want.tm_year = d.year - 1900;
	want.tm_mon = d.month - 1;
	want.tm_mday = d.day;
	want.tm_hour = minute / 60;
	want.tm_min = minute % 60;
	for (int dst = 0; dst <= 1; dst++) {
		tm = want;
		tm.tm_isdst = dst;
		t = mktime(&tm);
		if (localtime_r(&t, &back) == NULL || !same_wall(&want, &back))
			continue;
		if (!found || t < best)
			best = t;
		found = true;
	}
	if (!found)
		return SD_EGAP;
	*out = best;
	return 0;
}

/* localtime_r need not look at $TZ again, mktime does: so both follow
 * it. */
static int64_t
system_offset(sd_time t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	tzset();
	return localtime_r(&tt, &tm) != NULL ? tm.tm_gmtoff : 0;
}

/* Conversions by name */

int
sd_local_to_utc(const char *zone, sd_day day, int minute, sd_time *out)
{
	const sd_zone *z;

	if (zone != NULL)
		return (z = zone_get(zone)) != NULL ?
		    sd_zone_to_utc(z, day, minute, out) : -1;
	if ((z = system_zone()) != NULL)
		return sd_zone_to_utc(z, day, minute, out);
	if (!wall_ok(day, minute))
		return -1;
	return system_to_utc(sd_day_to_date(day), minute, out);
}

int
sd_utc_to_local(const char *zone, sd_time t, sd_day *day, int *minute,
    int *offset_minutes)
{
	const sd_zone *z;
	int64_t off = 0;
	int rc = 0;

	if (zone == NULL)
		off = (z = system_zone()) != NULL ? sd_zone_offset(z, t) :
		    system_offset(t);
	else if ((z = zone_get(zone)) != NULL)
		off = sd_zone_offset(z, t);
	else
		rc = -1;
	/* The local day and minute straight from the offset: no struct tm
	 * field can overflow, even for times no calendar reaches. */
	t += off;
	if (day)
		*day = (sd_day)sd_floor_div(t, 86400);
	if (minute)
		*minute = (int)(sd_floor_mod(t, 86400) / 60);
	if (offset_minutes)
		*offset_minutes = (int)(off / 60);
	return rc;
}
