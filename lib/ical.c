/*
 * ical.c: iCalendar (RFC 5545) out of the book and busy times into it,
 * through libical, which does the line folding, the CRLF and the text
 * escaping on the way out, and the unfolding and parsing on the way in.
 *
 * Reading, a time is placed by the first rule that applies: UTC as it
 * is; a TZID the file defines in a VTIMEZONE through libical; a TZID that
 * is an IANA zone name through our own zone code; anything else (floating
 * times, all-day dates, unknown TZIDs) in the rep's zone.  A recurring
 * event is expanded by libical's recurrence iterator; an occurrence a
 * file overrides (RECURRENCE-ID) or cancels gives way to the override.
 */
#include <sys/stat.h>

#include <libical/ical.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

#define ICS_MAX		(64 * 1024 * 1024)	/* bytes of one .ics file */
#define ITER_MAX	100000	/* occurrences looked at per event */
#define OCC_MAX		1000	/* occurrences kept per event: more is no
				 * calendar a person keeps */

/* Writing */

/* Text for libical: control bytes other than tab and newline would make
 * an invalid content line, so they become spaces. */
static char *
clean_text(const char *s)
{
	char *copy = sd_xstrdup(s ? s : "");

	for (char *p = copy; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n')
			*p = ' ';
	return copy;
}

static struct icaltimetype
utc_time(sd_time t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0,
	    icaltimezone_get_utc_timezone());
}

/* "demo with acme (alice)", "away (alice)". */
static char *
summary(const sd_entry *en)
{
	size_t n = strlen(en->kind) + strlen(en->client) + strlen(en->rep) +
	    16;
	char *s = sd_xmalloc(n);

	if (*en->client)
		snprintf(s, n, "%s with %s (%s)", en->kind, en->client,
		    en->rep);
	else
		snprintf(s, n, "%s (%s)", en->kind, en->rep);
	return s;
}

static void
add_text(icalcomponent *ev, icalproperty *(*make)(const char *),
    const char *s)
{
	char *clean;

	if (s == NULL || *s == '\0')
		return;
	clean = clean_text(s);
	icalcomponent_add_property(ev, make(clean));
	free(clean);
}

static icalcomponent *
vevent(const sd_entry *en, const char *domain, sd_time stamp)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	size_t n = strlen(en->id) + strlen(domain) + 2;
	char *uid = sd_xmalloc(n), *sum = summary(en);

	snprintf(uid, n, "%s@%s", en->id, domain);
	add_text(ev, icalproperty_new_uid, uid);
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(
	    utc_time(stamp)));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(
	    utc_time(en->start)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(
	    utc_time(en->end)));
	add_text(ev, icalproperty_new_summary, sum);
	add_text(ev, icalproperty_new_location, en->location);
	add_text(ev, icalproperty_new_description, en->note);
	icalcomponent_add_property(ev, icalproperty_new_status(
	    strcmp(en->status, "cancelled") == 0 ? ICAL_STATUS_CANCELLED :
	    ICAL_STATUS_CONFIRMED));
	free(uid);
	free(sum);
	return ev;
}

/* The calendar's own lines are written here so that events stream out
 * one at a time: a large book never sits in memory as one component. */
int
sd_ical_write(FILE *f, const sd_entry *const *v, size_t n,
    const char *domain, sd_time stamp, sd_err *e)
{
	icalerror_set_errors_are_fatal(0);
	fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//salesdesk//schedule " SD_VERSION "//EN\r\n"
	    "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n", f);
	for (size_t i = 0; i < n && !ferror(f); i++) {
		icalcomponent *ev = vevent(v[i], domain, stamp);
		char *text = icalcomponent_as_ical_string_r(ev);

		fputs(text, f);
		free(text);
		icalcomponent_free(ev);
	}
	fputs("END:VCALENDAR\r\n", f);
	if (fflush(f) == EOF || ferror(f))
		return sd_fail(e, EX_IOERR, "write error: %s", strerror(errno));
	return 0;
}

/* Reading */

static int
slurp(const char *path, char **text, sd_err *e)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO :
	    open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0, cap = 64 * 1024;
	struct stat sb;
	char *buf;
	ssize_t r = 0;

	*text = NULL;
	if (fd >= 0 && (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode))) {
		close(fd);
		errno = EISDIR;
		fd = -1;
	}
	if (fd < 0)
		return sd_fail_at(e, EX_NOINPUT, path, 0, "cannot open: %s",
		    strerror(errno));
	buf = sd_xmalloc(cap + 1);
	while (len <= ICS_MAX && ((r = read(fd, buf + len, cap - len)) > 0 ||
	    (r < 0 && errno == EINTR))) {
		len += r > 0 ? (size_t)r : 0;
		if (len == cap)
			buf = sd_xrealloc(buf, (cap *= 2) + 1);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	buf[len] = '\0';
	*text = buf;
	if (r < 0)
		return sd_fail_at(e, EX_IOERR, path, 0, "read error: %s",
		    strerror(errno));
	if (len > ICS_MAX)
		return sd_fail_at(e, EX_DATAERR, path, 0, "too large for a "
		    "calendar (over %d MiB)", ICS_MAX / (1024 * 1024));
	if (memchr(buf, '\0', len))
		return sd_fail_at(e, EX_DATAERR, path, 0, "not an iCalendar "
		    "file: it holds a NUL byte");
	return 0;
}

/* A busy time found, before overrides and cancellations settle. */
struct item {
	sd_busy b;
	bool drop;		/* cancelled or transparent: hides its key */
	int rank;		/* 0 an override (RECURRENCE-ID), 1 the rest */
	size_t seq;
};

/* What one import keeps while it reads. */
struct reading {
	const char *path, *zone;
	icalcomponent *root;
	sd_time from, to;
	struct item *v;
	size_t n, cap;
	sd_err *e;
};

static int
local_time(const char *zone, struct icaltimetype tt, sd_time *out)
{
	sd_day day = sd_date_to_day((sd_date){ tt.year, tt.month, tt.day });
	int minute = tt.is_date ? 0 : tt.hour * 60 + tt.minute, rc;
	sd_time t;

	rc = sd_local_to_utc(zone, day, minute, &t);
	/* RFC 5545 3.3.5: a time in a gap is read with the offset before
	 * it, which lands an hour later. */
	if (rc == SD_EGAP && minute + 60 < 1440)
		rc = sd_local_to_utc(zone, day, minute + 60, &t);
	if (rc != 0)
		return -1;
	*out = t + (tt.is_date ? 0 : tt.second);
	return 0;
}

static int
to_utc(const struct reading *rd, struct icaltimetype tt, const char *tzid,
    sd_time *out)
{
	icaltimezone *tz;

	if (icaltime_is_null_time(tt) ||
	    !sd_date_valid(tt.year, tt.month, tt.day) || tt.hour < 0 ||
	    tt.hour > 23 || tt.minute < 0 || tt.minute > 59 ||
	    tt.second < 0 || tt.second > 60)
		return -1;
	if (!tt.is_date && icaltime_is_utc(tt)) {
		*out = (sd_time)sd_date_to_day((sd_date){ tt.year, tt.month,
		    tt.day }) * 86400 + tt.hour * 3600 + tt.minute * 60 +
		    tt.second;
		return 0;
	}
	if (!tt.is_date && tzid) {
		tz = icalcomponent_get_timezone(rd->root, tzid);
		if (tz) {
			*out = icaltime_as_timet_with_zone(tt, tz);
			return 0;
		}
		if (sd_zone_check(tzid) == 0)
			return local_time(tzid, tt, out);
	}
	return local_time(rd->zone, tt, out);
}

static const char *
tzid_of(icalproperty *p)
{
	icalparameter *par = p ? icalproperty_get_first_parameter(p,
	    ICAL_TZID_PARAMETER) : NULL;

	return par ? icalparameter_get_tzid(par) : NULL;
}

/* A time property of ev in UTC: 1 found, 0 absent, -1 unreadable. */
static int
prop_time(const struct reading *rd, icalcomponent *ev, icalproperty_kind k,
    sd_time *out, bool *is_date)
{
	icalproperty *p = icalcomponent_get_first_property(ev, k);
	struct icaltimetype tt;

	if (p == NULL)
		return 0;
	tt = icalvalue_get_datetime(icalproperty_get_value(p));
	if (is_date)
		*is_date = tt.is_date;
	return to_utc(rd, tt, tzid_of(p), out) == 0 ? 1 : -1;
}

static int
event_error(const struct reading *rd, icalcomponent *ev, const char *what)
{
	const char *uid = icalcomponent_get_uid(ev);
	char shown[128];

	return sd_fail_at(rd->e, EX_DATAERR, rd->path, 0, "event '%s': %s",
	    sd_quote_value(uid ? uid : "(no UID)", shown, sizeof shown), what);
}

/* Start and end of ev: DTEND, else DTSTART plus DURATION, else a day for
 * an all-day event (nothing for a moment: it blocks no time). */
static int
event_times(const struct reading *rd, icalcomponent *ev, sd_time *start,
    sd_time *end)
{
	icalproperty *dur;
	bool is_date = false;
	int rc;

	if (prop_time(rd, ev, ICAL_DTSTART_PROPERTY, start, &is_date) != 1)
		return event_error(rd, ev, "no readable DTSTART");
	if ((rc = prop_time(rd, ev, ICAL_DTEND_PROPERTY, end, NULL)) < 0)
		return event_error(rd, ev, "unreadable DTEND");
	if (rc == 1)
		return 0;
	dur = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
	if (dur)
		*end = *start + icaldurationtype_as_int(
		    icalproperty_get_duration(dur));
	else if (is_date)
		*end = *start + 86400;
	else
		*end = *start;
	return 0;
}

/* UID, or UID/20261203T140000Z for one occurrence of a series. */
static char *
busy_key(const char *uid, bool one, sd_time occurrence)
{
	size_t n = strlen(uid) + 24;
	char *key = sd_xmalloc(n);
	sd_date d;
	int secs;

	if (!one) {
		snprintf(key, n, "%s", uid);
		return key;
	}
	d = sd_day_to_date((sd_day)(occurrence / 86400));
	secs = (int)(occurrence % 86400);
	snprintf(key, n, "%s/%04d%02d%02dT%02d%02d%02dZ", uid, d.year % 10000,
	    d.month % 100, d.day % 100, secs / 3600, secs / 60 % 60,
	    secs % 60);
	return key;
}

/* A summary or place on one line. */
static char *
one_line(const char *s)
{
	char *copy = clean_text(s);

	for (char *p = copy; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return copy;
}

static void
push(struct reading *rd, icalcomponent *ev, char *key, sd_time start,
    sd_time end, bool drop, int rank)
{
	struct item *it;

	if (rd->n == rd->cap) {
		rd->cap = rd->cap ? rd->cap * 2 : 32;
		rd->v = sd_xrealloc(rd->v, rd->cap * sizeof *rd->v);
	}
	it = &rd->v[rd->n];
	it->b.key = key;
	it->b.summary = one_line(icalcomponent_get_summary(ev));
	it->b.location = one_line(icalcomponent_get_location(ev));
	it->b.start = start;
	it->b.end = end;
	it->drop = drop;
	it->rank = rank;
	it->seq = rd->n++;
}

static bool
excluded(const sd_time *ex, size_t nex, sd_time t)
{
	for (size_t i = 0; i < nex; i++)
		if (ex[i] == t)
			return true;
	return false;
}

static size_t
exdates(const struct reading *rd, icalcomponent *ev, sd_time **out)
{
	icalproperty *p;
	size_t n = 0;
	sd_time t;

	*out = NULL;
	for (p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
	    p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
		if (to_utc(rd, icalproperty_get_exdate(p), tzid_of(p), &t))
			continue;
		*out = sd_xrealloc(*out, (n + 1) * sizeof **out);
		(*out)[n++] = t;
	}
	return n;
}

/* The occurrences of a recurring event in the window, on the event's own
 * wall clock, each placed in UTC the way DTSTART is. */
static int
expand(struct reading *rd, icalcomponent *ev, icalproperty *rrule,
    sd_time start, sd_time end, const char *uid, bool drop)
{
	icalproperty *dtp = icalcomponent_get_first_property(ev,
	    ICAL_DTSTART_PROPERTY);
	struct icaltimetype next;
	icalrecur_iterator *it;
	sd_time *ex, t;
	size_t nex = exdates(rd, ev, &ex);
	int rc = 0;

	it = icalrecur_iterator_new(icalproperty_get_rrule(rrule),
	    icalproperty_get_dtstart(dtp));
	if (it == NULL) {
		free(ex);
		return event_error(rd, ev, "unreadable RRULE");
	}
	for (int i = 0, kept = 0; i < ITER_MAX && rc == 0; i++) {
		next = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(next) ||
		    to_utc(rd, next, tzid_of(dtp), &t) != 0 || t >= rd->to)
			break;
		if (t + (end - start) <= rd->from || excluded(ex, nex, t))
			continue;
		if (++kept > OCC_MAX)
			rc = event_error(rd, ev, "more than 1000 occurrences "
			    "in the window");
		else
			push(rd, ev, busy_key(uid, true, t), t,
			    t + (end - start), drop, 1);
	}
	icalrecur_iterator_free(it);
	free(ex);
	return rc;
}

static bool
transparent(icalcomponent *ev)
{
	icalproperty *p = icalcomponent_get_first_property(ev,
	    ICAL_TRANSP_PROPERTY);

	return p && icalproperty_get_transp(p) == ICAL_TRANSP_TRANSPARENT;
}

/* One VEVENT: an override of one occurrence (RECURRENCE-ID), a recurring
 * event, or a single one.  Cancelled ones are kept as markers, so that a
 * cancelled occurrence hides the one its series would give. */
static int
read_event(struct reading *rd, icalcomponent *ev)
{
	icalproperty *rrule = icalcomponent_get_first_property(ev,
	    ICAL_RRULE_PROPERTY);
	const char *uid = icalcomponent_get_uid(ev);
	bool drop = icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED;
	sd_time start, end, rid;
	int rc;

	if (uid == NULL || *uid == '\0')
		return event_error(rd, ev, "no UID");
	if ((rc = prop_time(rd, ev, ICAL_RECURRENCEID_PROPERTY, &rid, NULL))
	    < 0)
		return event_error(rd, ev, "unreadable RECURRENCE-ID");
	if (event_times(rd, ev, &start, &end) != 0)
		return rd->e->status;
	drop = drop || transparent(ev) || end <= start;
	/* An override moved out of the window still hides its occurrence. */
	if (rc == 1)
		push(rd, ev, busy_key(uid, true, rid), start, end,
		    drop || end <= rd->from || start >= rd->to, 0);
	else if (rrule)
		return expand(rd, ev, rrule, start, end, uid, drop);
	else if (end > rd->from)
		push(rd, ev, busy_key(uid, false, 0), start, end, drop, 1);
	return 0;
}

static int
by_key(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = strcmp(x->b.key, y->b.key);

	if (c != 0)
		return c;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int
by_start(const void *a, const void *b)
{
	const sd_busy *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void
item_free(struct item *it)
{
	free(it->b.key);
	free(it->b.summary);
	free(it->b.location);
}

/* The first of each key wins (an override before its series); then the
 * cancelled markers go. */
static void
settle(struct reading *rd, sd_busy_list *out)
{
	bool *first = sd_xcalloc(rd->n, sizeof *first);

	if (rd->n > 1)
		qsort(rd->v, rd->n, sizeof *rd->v, by_key);
	for (size_t i = 0; i < rd->n; i++)
		first[i] = i == 0 ||
		    strcmp(rd->v[i].b.key, rd->v[i - 1].b.key) != 0;
	out->v = sd_xcalloc(rd->n, sizeof *out->v);
	out->n = 0;
	for (size_t i = 0; i < rd->n; i++)
		if (first[i] && !rd->v[i].drop)
			out->v[out->n++] = rd->v[i].b;
		else
			item_free(&rd->v[i]);
	free(first);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, by_start);
}

static int
read_root(struct reading *rd)
{
	icalcomponent *ev;
	icalcomponent_kind k = icalcomponent_isa(rd->root);

	if (k == ICAL_VEVENT_COMPONENT)
		return read_event(rd, rd->root);
	for (ev = icalcomponent_get_first_component(rd->root,
	    ICAL_VEVENT_COMPONENT); ev; ev = icalcomponent_get_next_component(
	    rd->root, ICAL_VEVENT_COMPONENT))
		if (read_event(rd, ev) != 0)
			return rd->e->status;
	return 0;
}

int
sd_ical_read_busy(const char *path, const char *zone, sd_time from,
    sd_time to, sd_busy_list *out, sd_err *e)
{
	struct reading rd = { .path = strcmp(path, "-") ? path : "stdin",
		.zone = zone, .from = from, .to = to, .e = e };
	char *text;
	int rc;

	memset(out, 0, sizeof *out);
	icalerror_set_errors_are_fatal(0);
	if ((rc = slurp(path, &text, e)) != 0) {
		free(text);
		return rc;
	}
	rd.root = strstr(text, "BEGIN:V") ? icalparser_parse_string(text) :
	    NULL;
	free(text);
	if (rd.root == NULL || (icalcomponent_isa(rd.root) !=
	    ICAL_VCALENDAR_COMPONENT && icalcomponent_isa(rd.root) !=
	    ICAL_VEVENT_COMPONENT))
		rc = sd_fail_at(e, EX_DATAERR, rd.path, 0, "not an iCalendar "
		    "file (no BEGIN:VCALENDAR)");
	else
		rc = read_root(&rd);
	if (rd.root)
		icalcomponent_free(rd.root);
	if (rc == 0)
		settle(&rd, out);
	else
		for (size_t i = 0; i < rd.n; i++)
			item_free(&rd.v[i]);
	free(rd.v);
	return rc;
}

void
sd_busy_list_free(sd_busy_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].summary);
		free(l->v[i].location);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}
