/*
 * book.c: the reps' calendars, and the rules a booking must obey
 * (schedule(1), "Conflict rules").  bookread.c reads meetings.csv into a
 * book: sorted by rep and start, so one rep's entries are a run found by
 * binary search.
 *
 * Two entries of a rep conflict when they overlap, when the gap between
 * them is under [schedule] buffer, or, for consecutive entries at two
 * different places, under buffer plus the travel time.  A booking must
 * also fall on one of the rep's working days, inside their hours, and not
 * on a holiday; an "away" entry is exempt from those day rules.
 */
#include <stdlib.h>
#include <string.h>

#include "salesdesk.h"

#define QUARTER		(15 * 60)	/* slots start on quarter hours */

const char *const sd_book_columns[9] = { "id", "rep", "client", "start",
	"end", "kind", "location", "status", "note" };

static const char *const kinds[] = { "meeting", "call", "demo", "visit",
	"away" };
static const char *const statuses[] = { "scheduled", "done", "cancelled",
	"no-show" };

struct sd_trip {
	char *from, *to;
	int64_t minutes;
};

static bool
in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

bool
sd_kind_valid(const char *kind)
{
	return in_list(kind, kinds, sizeof kinds / sizeof *kinds);
}

bool
sd_status_valid(const char *status)
{
	return in_list(status, statuses, sizeof statuses / sizeof *statuses);
}

static bool
is_away(const sd_entry *en)
{
	return strcmp(en->kind, "away") == 0;
}


void
sd_book_range(const sd_book *b, const char *rep, size_t *lo, size_t *hi)
{
	size_t l = 0, h = b->n, m;

	while (l < h) {
		m = l + (h - l) / 2;
		if (strcmp(b->v[m].rep, rep) < 0)
			l = m + 1;
		else
			h = m;
	}
	*lo = l;
	for (h = b->n; l < h;) {
		m = l + (h - l) / 2;
		if (strcmp(b->v[m].rep, rep) <= 0)
			l = m + 1;
		else
			h = m;
	}
	*hi = l;
}

bool
sd_entry_blocks(const sd_entry *en)
{
	return strcmp(en->status, "cancelled") != 0;
}

void
sd_book_away_range(const sd_book *b, const char *rep, size_t *lo,
    size_t *hi)
{
	size_t l = 0, h = b->naway, m;

	while (l < h) {
		m = l + (h - l) / 2;
		if (strcmp(b->away[m].rep, rep) < 0)
			l = m + 1;
		else
			h = m;
	}
	*lo = l;
	for (h = b->naway; l < h;) {
		m = l + (h - l) / 2;
		if (strcmp(b->away[m].rep, rep) <= 0)
			l = m + 1;
		else
			h = m;
	}
	*hi = l;
}

/* Calls mostly come after a rep's last away has started: that one is
 * tried first. */
size_t
sd_book_away_last(const sd_book *b, size_t lo, size_t hi, sd_time t)
{
	size_t l = lo, h = hi, m;

	if (lo == hi || b->away[lo].start > t)
		return hi;
	if (b->away[hi - 1].start <= t)
		return hi - 1;
	while (l < h) {
		m = l + (h - l) / 2;
		if (b->away[m].start <= t)
			l = m + 1;
		else
			h = m;
	}
	return l - 1;
}

bool
sd_book_away(const sd_book *b, const char *rep, sd_time t)
{
	size_t lo, hi;

	sd_book_away_range(b, rep, &lo, &hi);
	lo = sd_book_away_last(b, lo, hi, t);
	return lo < hi && b->away[lo].until > t;
}

/* travel.csv */

static char *
trimmed_copy(const char *s)
{
	char *copy = sd_xstrdup(s), *t = sd_trim(copy);

	memmove(copy, t, strlen(t) + 1);
	return copy;
}

static int
read_trip(sd_travel *t, const sd_csv *r, const sd_row *row, const int *col,
    sd_err *e)
{
	const char *m = sd_row_get(row, col[2]);
	int64_t v = 0;

	while (*m == ' ')
		m++;
	if (*m == '\0')
		return sd_csv_field_error(e, r, row, col[2], "bad minutes");
	for (; *m >= '0' && *m <= '9' && v < 100000; m++)
		v = v * 10 + (*m - '0');
	while (*m == ' ')
		m++;
	if (*m != '\0' || v >= 100000)
		return sd_csv_field_error(e, r, row, col[2], "bad minutes "
		    "(a whole number under 100000)");
	t->v = sd_xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	t->v[t->n].from = trimmed_copy(sd_row_get(row, col[0]));
	t->v[t->n].to = trimmed_copy(sd_row_get(row, col[1]));
	t->v[t->n++].minutes = v;
	return 0;
}

int
sd_travel_load(sd_travel *t, const sd_store *st, sd_err *e)
{
	char *path = sd_store_path(st, "travel.csv");
	int col[3], got = 0, rc;
	sd_csv *r;
	sd_row *row;

	memset(t, 0, sizeof *t);
	rc = sd_csv_open(&r, path, SD_CSV_MISSING_OK, e);
	free(path);
	if (rc != 0)
		return rc;
	if (sd_csv_ncols(r) && (sd_csv_need(r, "from", &col[0], e) ||
	    sd_csv_need(r, "to", &col[1], e) ||
	    sd_csv_need(r, "minutes", &col[2], e)))
		got = -1;
	while (got == 0 && (got = sd_csv_next(r, &row, e)) == 1)
		got = read_trip(t, r, row, col, e) != 0 ? -1 : 0;
	sd_csv_close(r);
	if (got < 0) {
		sd_travel_free(t);
		return e->status;
	}
	return 0;
}

void
sd_travel_free(sd_travel *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].from);
		free(t->v[i].to);
	}
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* Places compare without case and surrounding spaces. */
static bool
same_place(const char *a, const char *b)
{
	char *x = trimmed_copy(a), *y = trimmed_copy(b);
	bool same = sd_streq_ci(x, y);

	free(x);
	free(y);
	return same;
}

static bool
blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

int64_t
sd_travel_minutes(const sd_travel *t, int64_t fallback, const char *from,
    const char *to)
{
	if (from == NULL || to == NULL || blank(from) || blank(to) ||
	    same_place(from, to))
		return 0;
	for (size_t i = 0; t && i < t->n; i++)
		if ((same_place(t->v[i].from, from) &&
		    same_place(t->v[i].to, to)) ||
		    (same_place(t->v[i].from, to) &&
		    same_place(t->v[i].to, from)))
			return t->v[i].minutes;
	return fallback;
}

/* The rules */

static const char *
zone_of(const sd_rep *rep, const sd_rules *rules)
{
	return sd_rep_zone(rep, rules->team_zone);
}

static bool
holiday(const sd_config *cfg, sd_day day)
{
	for (size_t i = 0; i < cfg->nholidays; i++)
		if (cfg->holidays[i] == day)
			return true;
	return false;
}

static size_t
add(sd_conflict *out, size_t n, size_t max, enum sd_rule rule,
    const sd_entry *other, int64_t minutes)
{
	if (n < max)
		out[n++] = (sd_conflict){ rule, other, minutes };
	return n;
}

/* Holidays, days and hours, on the rep's own clock.  An entry that runs
 * past midnight is outside any hours. */
static size_t
day_rules(const sd_rep *rep, const sd_rules *rules, const sd_entry *cand,
    sd_conflict *out, size_t max)
{
	const char *zone = zone_of(rep, rules);
	sd_day day, end_day;
	int start_min, end_min;
	size_t n = 0;

	sd_utc_to_local(zone, cand->start, &day, &start_min, NULL);
	sd_utc_to_local(zone, cand->end, &end_day, &end_min, NULL);
	if (end_day == day + 1 && end_min == 0)
		end_day = day, end_min = 1440;
	if (holiday(rules->cfg, day))
		n = add(out, n, max, SD_RULE_HOLIDAY, NULL, 0);
	if (!(rep->days_mask & 1u << sd_weekday(day)))
		n = add(out, n, max, SD_RULE_DAYS, NULL, 0);
	if (end_day != day || start_min < rep->day_start ||
	    end_min > rep->day_end)
		n = add(out, n, max, SD_RULE_HOURS, NULL, 0);
	return n;
}

struct around {
	const sd_entry *prev, *next;	/* the neighbours that do not overlap */
};

static bool
skipped(const sd_entry *x, const sd_entry *cand)
{
	return !sd_entry_blocks(x) || x == cand ||
	    (cand->id && *cand->id && strcmp(x->id, cand->id) == 0);
}

/* Overlaps and gaps under the buffer, noting the nearest entry on each
 * side for the travel rule. */
static size_t
entry_rules(const sd_book *b, const sd_rep *rep, const sd_rules *rules,
    const sd_entry *cand, sd_conflict *out, size_t n, size_t max,
    struct around *ar)
{
	int64_t buffer = rules->cfg->buffer_min;
	size_t lo, hi;

	sd_book_range(b, rep->id, &lo, &hi);
	for (size_t i = lo; i < hi; i++) {
		const sd_entry *x = &b->v[i];

		if (skipped(x, cand))
			continue;
		if (x->start < cand->end && cand->start < x->end)
			n = add(out, n, max, is_away(x) ? SD_RULE_AWAY :
			    SD_RULE_BUSY, x, buffer);
		else if (x->start < cand->end + buffer * 60 &&
		    cand->start < x->end + buffer * 60)
			n = add(out, n, max, SD_RULE_BUFFER, x, buffer);
		if (x->end <= cand->start &&
		    (ar->prev == NULL || x->end > ar->prev->end))
			ar->prev = x;
		if (x->start >= cand->end &&
		    (ar->next == NULL || x->start < ar->next->start))
			ar->next = x;
	}
	return n;
}

/* Too little time to get from x to cand, or from cand to x: a buffer
 * conflict with x becomes a travel one. */
static size_t
travel_rule(const sd_rules *rules, const sd_entry *cand, const sd_entry *x,
    sd_conflict *out, size_t n, size_t max)
{
	int64_t minutes, gap;

	if (x == NULL)
		return n;
	minutes = sd_travel_minutes(rules->travel, rules->cfg->travel_min,
	    x->location, cand->location);
	if (minutes == 0)
		return n;
	minutes += rules->cfg->buffer_min;
	gap = x->end <= cand->start ? cand->start - x->end :
	    x->start - cand->end;
	if (gap >= minutes * 60)
		return n;
	for (size_t i = 0; i < n; i++)
		if (out[i].other == x) {
			out[i].rule = SD_RULE_TRAVEL;
			out[i].minutes = minutes;
			return n;
		}
	return add(out, n, max, SD_RULE_TRAVEL, x, minutes);
}

size_t
sd_book_conflicts(const sd_book *b, const sd_rep *rep, const sd_rules *rules,
    const sd_entry *cand, sd_conflict *out, size_t max)
{
	struct around ar = { NULL, NULL };
	size_t n = 0;

	if (!is_away(cand))
		n = day_rules(rep, rules, cand, out, max);
	n = entry_rules(b, rep, rules, cand, out, n, max, &ar);
	n = travel_rule(rules, cand, ar.prev, out, n, max);
	return travel_rule(rules, cand, ar.next, out, n, max);
}

/* Texts */

/* A minute of the day (0..1440) as HH:MM. */
static void
hhmm(int minute, char buf[6])
{
	unsigned m = (unsigned)minute % 1441;

	snprintf(buf, 6, "%02u:%02u", m / 60, m % 60);
}

/* "14:00-15:00" when x is all on day ref, else with its dates. */
static void
span_text(const sd_entry *x, const char *zone, sd_day ref, char *buf,
    size_t size)
{
	sd_day d1, d2;
	int m1, m2;
	char t1[6], t2[6], s1[11], s2[11];

	sd_utc_to_local(zone, x->start, &d1, &m1, NULL);
	sd_utc_to_local(zone, x->end, &d2, &m2, NULL);
	if (d2 == d1 + 1 && m2 == 0)
		d2 = d1, m2 = 1440;
	hhmm(m1, t1);
	hhmm(m2, t2);
	sd_date_format(d1, s1);
	sd_date_format(d2, s2);
	if (d1 == ref && d2 == d1)
		snprintf(buf, size, "%s-%s", t1, t2);
	else if (d2 == d1)
		snprintf(buf, size, "%s %s-%s", s1, t1, t2);
	else
		snprintf(buf, size, "%s %s-%s %s", s1, t1, s2, t2);
}

/* "M12 (acme)", "M7: dentist" for an away entry, or "M12". */
static void
who_text(const sd_entry *x, char *buf, size_t size)
{
	const char *what = is_away(x) ? x->note : x->client;

	if (what && *what)
		snprintf(buf, size, is_away(x) ? "%s: %.80s" : "%s (%.80s)",
		    x->id, what);
	else
		snprintf(buf, size, "%s", x->id);
}

static void
minutes_text(int64_t minutes, char buf[SD_DURATION_MAX])
{
	sd_span sp = { .minutes = minutes };

	sd_duration_format(&sp, buf);
}

/* "mon-fri", "mon,tue,thu", "sat-mon". */
static void
days_text(unsigned mask, char *buf, size_t size)
{
	static const char *const names[7] = { "mon", "tue", "wed", "thu",
		"fri", "sat", "sun" };
	size_t len = 0;
	int i = 0, j;

	buf[0] = '\0';
	while (i < 7 && len < size) {
		if (!(mask & 1u << i)) {
			i++;
			continue;
		}
		for (j = i; j + 1 < 7 && mask & 1u << (j + 1); j++)
			;
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s%s",
		    len ? "," : "", names[i], j - i >= 2 ? "-" : "",
		    j - i >= 2 ? names[j] : "");
		if (j - i == 1)
			len += (size_t)snprintf(buf + len, size - len, ",%s",
			    names[j]);
		i = j + 1;
	}
}

static void
day_text(const sd_conflict *c, const sd_entry *cand, const sd_rep *rep,
    const sd_rules *rules, char *buf, size_t size)
{
	static const char *const wday[7] = { "Monday", "Tuesday", "Wednesday",
		"Thursday", "Friday", "Saturday", "Sunday" };
	const char *zone = zone_of(rep, rules);
	char date[11], span[64], from[6], to[6], days[48];
	sd_day day;

	sd_utc_to_local(zone, cand->start, &day, NULL, NULL);
	sd_date_format(day, date);
	if (c->rule == SD_RULE_HOLIDAY) {
		snprintf(buf, size, "%s is a holiday", date);
	} else if (c->rule == SD_RULE_DAYS) {
		days_text(rep->days_mask, days, sizeof days);
		snprintf(buf, size, "%s does not work on %ss (%s is a %s; "
		    "days %s)", rep->id, wday[sd_weekday(day)], date,
		    wday[sd_weekday(day)], days);
	} else {
		span_text(cand, zone, day, span, sizeof span);
		hhmm(rep->day_start, from);
		hhmm(rep->day_end, to);
		snprintf(buf, size, "%s is outside %s's hours %s-%s%s%s%s",
		    span, rep->id, from, to, zone ? " (" : "",
		    zone ? zone : "", zone ? ")" : "");
	}
}

void
sd_conflict_text(const sd_conflict *c, const sd_entry *cand,
    const sd_rep *rep, const sd_rules *rules, char *buf, size_t size)
{
	const char *zone = zone_of(rep, rules);
	const sd_entry *x = c->other;
	char span[64], who[128], need[SD_DURATION_MAX];
	char buffer[SD_DURATION_MAX];
	sd_day day;

	if (x == NULL) {
		day_text(c, cand, rep, rules, buf, size);
		return;
	}
	sd_utc_to_local(zone, cand->start, &day, NULL, NULL);
	span_text(x, zone, day, span, sizeof span);
	who_text(x, who, sizeof who);
	minutes_text(rules->cfg->buffer_min, buffer);
	minutes_text(c->minutes - rules->cfg->buffer_min, need);
	if (c->rule == SD_RULE_TRAVEL)
		snprintf(buf, size, "%s is in %s %s with %s, travel %s + "
		    "buffer %s", rep->id, x->location, span, who, need,
		    buffer);
	else if (is_away(x))
		snprintf(buf, size, "%s is away %s (%s)%s%s", rep->id, span,
		    who, c->rule == SD_RULE_BUFFER ? ", buffer " : "",
		    c->rule == SD_RULE_BUFFER ? buffer : "");
	else
		snprintf(buf, size, "%s is busy %s with %s%s%s", rep->id, span,
		    who, c->rule == SD_RULE_BUFFER ? ", buffer " : "",
		    c->rule == SD_RULE_BUFFER ? buffer : "");
}

/* Slots */

static sd_time
round_up(sd_time t)
{
	sd_time r = t % QUARTER;

	if (r < 0)
		r += QUARTER;
	return r ? t + QUARTER - r : t;
}

/* The start of the rep's hours on day, or 0 when it does not exist. */
static sd_time
hours_start(const sd_rep *rep, const char *zone, sd_day day)
{
	sd_time t;

	return sd_local_to_utc(zone, day, rep->day_start, &t) == 0 ? t : 0;
}

/* After a failed try at t: the earliest start that can clear every
 * conflict found, at least a quarter later. */
static sd_time
next_try(const sd_rep *rep, const char *zone, sd_time t,
    const sd_conflict *c, size_t n)
{
	sd_time next = t + QUARTER, v;
	sd_day day;
	int minute;

	sd_utc_to_local(zone, t, &day, &minute, NULL);
	for (size_t i = 0; i < n; i++) {
		if (c[i].rule == SD_RULE_TRAVEL)
			continue;
		if (c[i].other)
			v = c[i].other->end + c[i].minutes * 60;
		else if (c[i].rule == SD_RULE_HOURS &&
		    minute < rep->day_start)
			v = hours_start(rep, zone, day);
		else
			v = hours_start(rep, zone, day + 1);
		if (v > next)
			next = v;
	}
	return round_up(next);
}

size_t
sd_book_free_slots(const sd_book *b, const sd_rep *rep, const sd_rules *rules,
    const char *location, sd_time from, sd_time to, int64_t minutes,
    sd_time *starts, size_t max)
{
	sd_entry cand = { .id = "", .rep = rep->id, .client = "",
		.kind = "meeting", .location = (char *)(location ? location :
		""), .status = "scheduled", .note = "", .uid = "" };
	const char *zone = zone_of(rep, rules);
	sd_conflict c[16];
	sd_time t = round_up(from);
	size_t found = 0, n;

	if (minutes <= 0)
		return 0;
	while (found < max && t + minutes * 60 <= to) {
		cand.start = t;
		cand.end = t + minutes * 60;
		n = sd_book_conflicts(b, rep, rules, &cand, c, 16);
		if (n == 0) {
			starts[found++] = t;
			t = round_up(cand.end);
		} else
			t = next_try(rep, zone, t, c, n);
	}
	return found;
}

size_t
sd_book_slots(const sd_book *b, const sd_rep *rep, const sd_config *cfg,
    const char *team_zone, sd_time from, sd_time to, int64_t minutes,
    sd_time *starts, size_t max)
{
	sd_rules rules = { cfg, NULL, team_zone };

	return sd_book_free_slots(b, rep, &rules, NULL, from, to, minutes,
	    starts, max);
}

/* check: per rep, in start order, keep the entries whose end (plus the
 * buffer) is still ahead; each new entry pairs with all of them. */

struct sweep {
	const sd_rules *rules;
	size_t *active, nactive;
	const sd_entry *latest;		/* the live entry that ends last */
	void (*fn)(const sd_pair *, void *);
	void *arg;
	size_t pairs;
};

static void
report(struct sweep *sw, const sd_entry *a, const sd_entry *b,
    enum sd_rule rule, int64_t minutes)
{
	sd_pair p = { a, b, rule, minutes };

	sw->pairs++;
	if (sw->fn)
		sw->fn(&p, sw->arg);
}

/* Travel plus buffer when x and cur are at two places and too close for
 * it; else 0. */
static int64_t
travel_short(const struct sweep *sw, const sd_entry *x, const sd_entry *cur)
{
	int64_t travel = sd_travel_minutes(sw->rules->travel,
	    sw->rules->cfg->travel_min, x->location, cur->location);
	int64_t need = travel + sw->rules->cfg->buffer_min;

	if (travel == 0 || x->end > cur->start ||
	    cur->start - x->end >= need * 60)
		return 0;
	return need;
}

static void
sweep_one(struct sweep *sw, const sd_book *bk, size_t i)
{
	const sd_entry *cur = &bk->v[i], *x, *latest = sw->latest;
	int64_t buffer = sw->rules->cfg->buffer_min, need;
	size_t kept = 0;

	for (size_t k = 0; k < sw->nactive; k++) {
		x = &bk->v[sw->active[k]];
		if (x->end + buffer * 60 <= cur->start)
			continue;
		sw->active[kept++] = sw->active[k];
		if (cur->start < x->end)
			report(sw, x, cur, is_away(x) || is_away(cur) ?
			    SD_RULE_AWAY : SD_RULE_BUSY, buffer);
		else if (x == latest && (need = travel_short(sw, x, cur)))
			report(sw, x, cur, SD_RULE_TRAVEL, need);
		else
			report(sw, x, cur, SD_RULE_BUFFER, buffer);
	}
	sw->nactive = kept;
	/* The entry before cur, left behind by the buffer: travel only. */
	if (latest && latest->end + buffer * 60 <= cur->start &&
	    (need = travel_short(sw, latest, cur)))
		report(sw, latest, cur, SD_RULE_TRAVEL, need);
	sw->active[sw->nactive++] = i;
	if (latest == NULL || cur->end > latest->end)
		sw->latest = cur;
}

size_t
sd_book_check(const sd_book *b, const sd_rules *rules,
    void (*fn)(const sd_pair *pair, void *arg), void *arg)
{
	struct sweep sw = { .rules = rules, .fn = fn, .arg = arg };

	sw.active = sd_xcalloc(b->n ? b->n : 1, sizeof *sw.active);
	for (size_t i = 0; i < b->n; i++) {
		if (i > 0 && strcmp(b->v[i].rep, b->v[i - 1].rep) != 0) {
			sw.nactive = 0;
			sw.latest = NULL;
		}
		if (sd_entry_blocks(&b->v[i]))
			sweep_one(&sw, b, i);
	}
	free(sw.active);
	return sw.pairs;
}
