/*
 * route.c: who takes an inbound call, for assign-rep(1).
 *
 * The active reps are indexed once by region and by product; the reps who
 * may take a call are the smaller of the two lists (plus the reps of "*")
 * filtered by sd_rep_covers, remembered per region and product, so a
 * million calls cost a million hash lookups, not a million scans of the
 * team.  Each rep has a standing: turns (past and this run's assignments
 * that did not go to a client's owner), open follow-ups, what this run
 * gave, and when the rep last got a call (a sequence: the order of
 * assignments.csv, then this run's).  Ties go to the rep who got a call
 * least recently, then to the smaller rep id, so no rep collects them.
 * The history files are read through lib/scan.c when it takes them, and
 * "is this rep away at t" is a binary search among the rep's aways whose
 * answer is kept for the times it holds.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "salesdesk.h"

#define NO_SLOT INT64_MAX

struct list {
	size_t *v;		/* rep indices, ascending */
	size_t n, cap;
};

struct standing {
	int64_t turns, open, given;
	uint64_t last;		/* 0: never */
	bool away_known;	/* the rep's aways are book->away[lo .. hi) */
	size_t away_lo, away_hi;
	bool away;		/* the answer for every moment in */
	sd_time same_from, same_to;	/* [same_from, same_to) */
	sd_time *slots;		/* first-free: today's free slots */
	size_t nslots;
	bool slots_known;
};

struct sd_route {
	const sd_reps *reps;
	enum sd_strategy strategy;
	struct standing *st;
	uint64_t seq;
	sd_keymap *regions, *products, *memo;
	struct list *by_region, *by_product, *cands;
	struct list any_region, any_product, active, pool;
	const sd_book *book;
	const sd_config *cfg;
	const char *zone;
	sd_time from, to;
	char *text;		/* the reason */
	size_t len, cap;
	char *key;		/* scratch for index keys */
	size_t keycap;
};

static const char *const strategy_names[] = {
	[SD_ROUND_ROBIN] = "round-robin",
	[SD_LEAST_LOADED] = "least-loaded",
	[SD_FIRST_FREE] = "first-free",
};

int
sd_strategy_parse(const char *s, enum sd_strategy *out)
{
	for (size_t i = 0; i < sizeof strategy_names / sizeof *strategy_names;
	    i++)
		if (strcmp(s, strategy_names[i]) == 0) {
			*out = (enum sd_strategy)i;
			return 0;
		}
	return -1;
}

const char *
sd_strategy_name(enum sd_strategy s)
{
	return strategy_names[s];
}

static void
list_add(struct list *l, size_t i)
{
	if (l->n > 0 && l->v[l->n - 1] == i)
		return;	/* "printers;Printers" lists a rep once */
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = sd_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = i;
}

/* The list of a key in map, made when new; lists parallels the map. */
static struct list *
keyed_list(sd_keymap *map, struct list **lists, const char *key, size_t len)
{
	bool added;
	size_t i = sd_keymap_put(map, key, len, &added);

	if (added) {
		size_t n = sd_keymap_count(map);

		if ((n & (n - 1)) == 0)
			*lists = sd_xrealloc(*lists, 2 * n * sizeof **lists);
		memset(&(*lists)[i], 0, sizeof **lists);
	}
	return &(*lists)[i];
}

/* key = the parts folded to lower case, joined by NUL: a key of the
 * index.  Returns its length. */
static size_t
fold_key(sd_route *rt, const char *a, const char *b)
{
	size_t na = strlen(a), nb = b ? strlen(b) + 1 : 0;
	size_t n = na + nb;

	if (n + 1 > rt->keycap) {
		rt->keycap = n + 64;
		rt->key = sd_xrealloc(rt->key, rt->keycap);
	}
	for (size_t i = 0; i < na; i++)
		rt->key[i] = (char)(a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 :
		    a[i]);
	if (b) {
		rt->key[na] = '\0';
		for (size_t i = 0; i + 1 < nb; i++)
			rt->key[na + 1 + i] = (char)(b[i] >= 'A' &&
			    b[i] <= 'Z' ? b[i] + 32 : b[i]);
	}
	rt->key[n] = '\0';
	return n;
}

static void
index_rep(sd_route *rt, size_t i)
{
	const sd_rep *rep = &rt->reps->v[i];
	size_t n;

	list_add(&rt->active, i);
	if (strcmp(rep->region, "*") == 0)
		list_add(&rt->any_region, i);
	else {
		n = fold_key(rt, rep->region, NULL);
		list_add(keyed_list(rt->regions, &rt->by_region, rt->key, n),
		    i);
	}
	if (rep->products == NULL)
		list_add(&rt->any_product, i);
	for (char **p = rep->products; p && *p; p++) {
		n = fold_key(rt, *p, NULL);
		list_add(keyed_list(rt->products, &rt->by_product, rt->key, n),
		    i);
	}
}

sd_route *
sd_route_new(const sd_reps *reps, enum sd_strategy strategy)
{
	sd_route *rt = sd_xcalloc(1, sizeof *rt);

	rt->reps = reps;
	rt->strategy = strategy;
	rt->st = sd_xcalloc(reps->n ? reps->n : 1, sizeof *rt->st);
	rt->regions = sd_keymap_new();
	rt->products = sd_keymap_new();
	rt->memo = sd_keymap_new();
	for (size_t i = 0; i < reps->n; i++)
		if (reps->v[i].active)
			index_rep(rt, i);
	return rt;
}

static void
lists_free(struct list *lists, const sd_keymap *map)
{
	for (size_t i = 0; map && i < sd_keymap_count(map); i++)
		free(lists[i].v);
	free(lists);
}

void
sd_route_free(sd_route *rt)
{
	if (rt == NULL)
		return;
	for (size_t i = 0; i < rt->reps->n; i++)
		free(rt->st[i].slots);
	free(rt->st);
	lists_free(rt->by_region, rt->regions);
	lists_free(rt->by_product, rt->products);
	lists_free(rt->cands, rt->memo);
	sd_keymap_free(rt->regions);
	sd_keymap_free(rt->products);
	sd_keymap_free(rt->memo);
	free(rt->any_region.v);
	free(rt->any_product.v);
	free(rt->active.v);
	free(rt->pool.v);
	free(rt->text);
	free(rt->key);
	free(rt);
}

void
sd_route_book(sd_route *rt, const sd_book *b, const sd_config *cfg,
    const char *team_zone, sd_time from, sd_time to)
{
	rt->book = b;
	rt->cfg = cfg;
	rt->zone = team_zone;
	rt->from = from;
	rt->to = to;
}

static struct standing *
standing_of(sd_route *rt, const char *rep)
{
	const sd_rep *r = sd_reps_find(rt->reps, rep);

	return r ? &rt->st[r - rt->reps->v] : NULL;
}

void
sd_route_past(sd_route *rt, const char *rep, bool owner)
{
	struct standing *s = standing_of(rt, rep);

	if (s == NULL)
		return;
	if (!owner)
		s->turns++;
	s->last = ++rt->seq;
}

void
sd_route_open(sd_route *rt, const char *rep)
{
	struct standing *s = standing_of(rt, rep);

	if (s)
		s->open++;
}

bool
sd_route_owner_reason(const char *reason)
{
	size_t n;

	while (*reason == ' ' || *reason == '\t')
		reason++;
	n = strlen(reason);
	while (n > 0 && (reason[n - 1] == ' ' || reason[n - 1] == '\t'))
		n--;
	return n == 5 && strncasecmp(reason, "owner", 5) == 0;
}

typedef void row_fn(sd_route *, const char *, const char *);

/* Field i of row without the blanks around it, in place: the row's
 * fields are ours until the next row. */
static const char *
trimmed_field(const sd_row *row, int i)
{
	char *f = row->field[i];

	while (*f == ' ' || *f == '\t')
		f++;
	return sd_trim(f);
}

/* What the history did to the standings, to undo a read that sd_scan
 * gave up halfway. */
struct saved {
	struct standing *st;
	uint64_t seq;
};

static void
save(const sd_route *rt, struct saved *sv)
{
	size_t n = rt->reps->n ? rt->reps->n : 1;

	sv->st = sd_xcalloc(n, sizeof *sv->st);
	memcpy(sv->st, rt->st, n * sizeof *sv->st);
	sv->seq = rt->seq;
}

static void
restore(sd_route *rt, struct saved *sv)
{
	memcpy(rt->st, sv->st, (rt->reps->n ? rt->reps->n : 1) *
	    sizeof *sv->st);
	rt->seq = sv->seq;
}

/* The index of column name, there once, or -1. */
static int
scan_col(const sd_scan *s, const char *name)
{
	int col = -1;

	for (size_t i = 0; i < sd_scan_ncols(s); i++) {
		char *cell = sd_xstrdup(sd_scan_colname(s, i));
		const char *t = cell;

		while (*t == ' ' || *t == '\t')
			t++;
		if (sd_streq_ci(sd_trim((char *)t), name))
			col = col < 0 ? (int)i : -2;
		free(cell);
	}
	return col < 0 ? -1 : col;
}

/* The file through sd_scan (lib/scan.c), in order: 0, or -1 when it
 * declines the file (nothing done), for sd_csv to read it and name any
 * error. */
static int
scan_stream(const char *path, const char *const want[2], row_fn *fn,
    sd_route *rt)
{
	struct saved sv;
	sd_scan *s;
	sd_row *row;
	int col[2], got;

	if (sd_scan_open(&s, path, 1, 0) != 0)
		return -1;
	col[0] = scan_col(s, want[0]);
	col[1] = scan_col(s, want[1]);
	if (col[0] < 0 || col[1] < 0) {
		sd_scan_close(s);
		return -1;
	}
	save(rt, &sv);
	while ((got = sd_scan_next(sd_scan_part_at(s, 0), &row)) == 1)
		fn(rt, trimmed_field(row, col[0]), trimmed_field(row, col[1]));
	if (got < 0)
		restore(rt, &sv);
	free(sv.st);
	sd_scan_close(s);
	return got < 0 ? -1 : 0;
}

/* Stream a file: for each row, fn gets the fields of want (trimmed). */
static int
stream(const sd_store *st, const char *name, const char *const want[2],
    row_fn *fn, sd_route *rt, sd_err *e)
{
	char *path = sd_store_path(st, name);
	int col[2], got = 0, status;
	sd_csv *r;
	sd_row *row;

	if (scan_stream(path, want, fn, rt) == 0) {
		free(path);
		return 0;
	}
	status = sd_csv_open(&r, path, SD_CSV_MISSING_OK, e);
	free(path);
	if (status != 0)
		return status;
	if (sd_csv_ncols(r) > 0 && (sd_csv_need(r, want[0], &col[0], e) ||
	    sd_csv_need(r, want[1], &col[1], e))) {
		sd_csv_close(r);
		return e->status;
	}
	while (sd_csv_ncols(r) > 0 && (got = sd_csv_next(r, &row, e)) == 1)
		fn(rt, trimmed_field(row, col[0]), trimmed_field(row, col[1]));
	sd_csv_close(r);
	return got < 0 ? e->status : 0;
}

static void
past_row(sd_route *rt, const char *rep, const char *reason)
{
	if (*rep)
		sd_route_past(rt, rep, sd_route_owner_reason(reason));
}

static void
open_row(sd_route *rt, const char *rep, const char *status)
{
	if (*rep && sd_streq_ci(status, "open"))
		sd_route_open(rt, rep);
}

int
sd_route_load(sd_route *rt, const sd_store *st, sd_err *e)
{
	static const char *const assignments[2] = { "rep", "reason" };
	static const char *const followups[2] = { "rep", "status" };
	int status;

	status = stream(st, "assignments.csv", assignments, past_row, rt, e);
	if (status == 0)
		status = stream(st, "followups.csv", followups, open_row, rt,
		    e);
	return status;
}

/* The reason, built as the decision is made. */
static void
say(sd_route *rt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
say(sd_route *rt, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (rt->len + (size_t)n + 1 > rt->cap) {
		rt->cap = (rt->len + (size_t)n + 1) * 2;
		rt->text = sd_xrealloc(rt->text, rt->cap);
	}
	va_start(ap, fmt);
	vsnprintf(rt->text + rt->len, rt->cap - rt->len, fmt, ap);
	va_end(ap);
	rt->len += (size_t)n;
}

/* Candidates */

static void
add_union(struct list *out, const struct list *a, const struct list *b,
    const sd_route *rt, const char *region, const char *product)
{
	for (size_t i = 0; i < a->n; i++)
		if (sd_rep_covers(&rt->reps->v[a->v[i]], region, product))
			list_add(out, a->v[i]);
	for (size_t i = 0; b && i < b->n; i++)
		if (sd_rep_covers(&rt->reps->v[b->v[i]], region, product))
			list_add(out, b->v[i]);
}

static int
by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* The reps of one side of the index that may cover value: all active
 * reps when the call does not say, else the value's and the "*" ones. */
static void
side(sd_route *rt, sd_keymap *map, const struct list *lists,
    const struct list *any, const char *value, const struct list **a,
    const struct list **b)
{
	size_t i;

	*a = &rt->active, *b = NULL;
	if (*value == '\0')
		return;
	i = sd_keymap_get(map, rt->key, fold_key(rt, value, NULL));
	*a = any;
	if (i != SD_NOTFOUND)
		*b = &lists[i];
}

static size_t
list_len(const struct list *a, const struct list *b)
{
	return a->n + (b ? b->n : 0);
}

/* The active reps covering region and product, in rep id order. */
static const struct list *
candidates(sd_route *rt, const char *region, const char *product)
{
	const struct list *ra, *rb, *pa, *pb;
	struct list *out;
	size_t len = fold_key(rt, region, product);
	size_t k = sd_keymap_get(rt->memo, rt->key, len);

	if (k != SD_NOTFOUND)
		return &rt->cands[k];
	side(rt, rt->regions, rt->by_region, &rt->any_region, region, &ra,
	    &rb);
	side(rt, rt->products, rt->by_product, &rt->any_product, product,
	    &pa, &pb);
	len = fold_key(rt, region, product);
	out = keyed_list(rt->memo, &rt->cands, rt->key, len);
	if (list_len(ra, rb) <= list_len(pa, pb))
		add_union(out, ra, rb, rt, region, product);
	else
		add_union(out, pa, pb, rt, region, product);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, by_index);
	return out;
}

/* Standing */

static const sd_rep *
rep_at(const sd_route *rt, size_t i)
{
	return &rt->reps->v[i];
}

static int64_t
load_of(const sd_route *rt, size_t i)
{
	return rt->st[i].open + rt->st[i].given;
}

static bool
is_full(const sd_route *rt, size_t i)
{
	return rep_at(rt, i)->capacity >= 0 &&
	    load_of(rt, i) >= rep_at(rt, i)->capacity;
}

/* The rep's away entries are found once; then a moment is a binary
 * search among them, and the answer holds until the next away starts
 * (or the one that covers the moment ends).  Calls come in any order of
 * time, but most fall where the last answer still holds. */
static bool
is_away(sd_route *rt, size_t i, sd_time at)
{
	struct standing *s = &rt->st[i];
	const sd_away *a;
	size_t k;

	if (rt->book == NULL)
		return false;
	if (!s->away_known) {
		sd_book_away_range(rt->book, rep_at(rt, i)->id, &s->away_lo,
		    &s->away_hi);
		s->away_known = true;
	}
	if (s->away_lo == s->away_hi ||
	    (at >= s->same_from && at < s->same_to))
		return s->away_lo < s->away_hi && s->away;
	a = rt->book->away;
	k = sd_book_away_last(rt->book, s->away_lo, s->away_hi, at);
	s->away = k < s->away_hi && a[k].until > at;
	s->same_from = k == s->away_hi ? INT64_MIN : s->away ? at :
	    a[k].until;
	s->same_to = s->away ? a[k].until : k == s->away_hi ?
	    a[s->away_lo].start : k + 1 < s->away_hi ? a[k + 1].start :
	    INT64_MAX;
	return s->away;
}

static void
find_slots(sd_route *rt, size_t i)
{
	struct standing *s = &rt->st[i];
	int64_t minutes = rt->cfg ? rt->cfg->length_min : 60;
	size_t max;

	s->slots_known = true;
	if (rt->book == NULL || rt->cfg == NULL || minutes <= 0 ||
	    rt->to <= rt->from)
		return;
	max = (size_t)((rt->to - rt->from) / (minutes * 60)) + 1;
	if (max > 1440)
		max = 1440;
	s->slots = sd_xcalloc(max, sizeof *s->slots);
	s->nslots = sd_book_slots(rt->book, rep_at(rt, i), rt->cfg, rt->zone,
	    rt->from, rt->to, minutes, s->slots, max);
}

/* first-free: the rep's next free slot; each call this run gave the rep
 * took one. */
static sd_time
free_at(sd_route *rt, size_t i)
{
	struct standing *s = &rt->st[i];

	if (!s->slots_known)
		find_slots(rt, i);
	return (uint64_t)s->given < s->nslots ? s->slots[s->given] : NO_SLOT;
}

static int
cmp64(int64_t x, int64_t y)
{
	return x < y ? -1 : x > y;
}

/* The strategy's order: turns per weight, load, or the next free slot. */
static int
primary_cmp(sd_route *rt, size_t a, size_t b)
{
	switch (rt->strategy) {
	case SD_LEAST_LOADED:
		return cmp64(load_of(rt, a), load_of(rt, b));
	case SD_FIRST_FREE:
		return cmp64(free_at(rt, a), free_at(rt, b));
	default:
		return cmp64(rt->st[a].turns * rep_at(rt, b)->weight,
		    rt->st[b].turns * rep_at(rt, a)->weight);
	}
}

/* Ties: the rep who got a call least recently, then the smaller id. */
static int
order_cmp(sd_route *rt, size_t a, size_t b)
{
	int c = primary_cmp(rt, a, b);

	if (c == 0)
		c = rt->st[a].last < rt->st[b].last ? -1 :
		    rt->st[a].last > rt->st[b].last;
	if (c == 0)
		c = a < b ? -1 : a > b;
	return c;
}

static size_t
choose(sd_route *rt)
{
	size_t best = rt->pool.v[0];

	for (size_t k = 1; k < rt->pool.n; k++)
		if (order_cmp(rt, rt->pool.v[k], best) < 0)
			best = rt->pool.v[k];
	return best;
}

static void
give(sd_route *rt, size_t i, bool owner)
{
	rt->st[i].given++;
	if (!owner)
		rt->st[i].turns++;
	rt->st[i].last = ++rt->seq;
}

/* Reasons */

static void
say_standing(sd_route *rt, size_t i)
{
	const struct standing *s = &rt->st[i];
	int w = rep_at(rt, i)->weight;
	sd_time t;
	sd_day day;
	int minute, off;

	say(rt, "%s ", rep_at(rt, i)->id);
	switch (rt->strategy) {
	case SD_LEAST_LOADED:
		say(rt, "%lld", (long long)load_of(rt, i));
		break;
	case SD_FIRST_FREE:
		if ((t = free_at(rt, i)) == NO_SLOT) {
			say(rt, "no slot today");
			break;
		}
		sd_utc_to_local(rt->zone, t, &day, &minute, &off);
		say(rt, "%02d:%02d", minute / 60, minute % 60);
		break;
	default:
		say(rt, "%lld/%d=%lld.%02lld", (long long)s->turns, w,
		    (long long)((s->turns * 200 + w) / (2 * w) / 100),
		    (long long)((s->turns * 200 + w) / (2 * w) % 100));
	}
}

/* Why a covering rep cannot take the call, or NULL. */
static const char *
dropped(sd_route *rt, size_t i, sd_time at)
{
	if (is_away(rt, i, at))
		return "away";
	if (is_full(rt, i))
		return "at capacity";
	return NULL;
}

static void
say_dropped(sd_route *rt, size_t i, const char *why)
{
	say(rt, "%s %s", rep_at(rt, i)->id, why);
	if (strcmp(why, "at capacity") == 0)
		say(rt, " %lld/%lld", (long long)load_of(rt, i),
		    (long long)rep_at(rt, i)->capacity);
}

/* How the winner won a tie on the strategy's own measure, if it did. */
static const char *
tie_note(sd_route *rt, size_t best)
{
	bool tie = false, by_id = false;

	for (size_t k = 0; k < rt->pool.n; k++) {
		size_t o = rt->pool.v[k];

		if (o == best || primary_cmp(rt, o, best) != 0)
			continue;
		tie = true;
		if (rt->st[o].last == rt->st[best].last)
			by_id = true;
	}
	if (!tie)
		return "";
	return by_id ? " (tie: rep id)" : " (tie: least recent call)";
}

static void
say_explained(sd_route *rt, const struct list *c, sd_time at, size_t best)
{
	say(rt, "%s: ", strategy_names[rt->strategy]);
	for (size_t k = 0; k < c->n; k++) {
		const char *why = dropped(rt, c->v[k], at);

		if (k > 0)
			say(rt, ", ");
		if (why)
			say_dropped(rt, c->v[k], why);
		else
			say_standing(rt, c->v[k]);
	}
	say(rt, " -> %s%s", rep_at(rt, best)->id, tie_note(rt, best));
}

/* " region West for product 'copiers'": what the call asks for. */
static void
say_scope(sd_route *rt, const sd_call *call)
{
	if (*call->region)
		say(rt, " region %s", call->region);
	if (*call->region && *call->product)
		say(rt, " for");
	if (*call->product)
		say(rt, " product '%s'", call->product);
}

static void
say_no_cover(sd_route *rt, const sd_call *call)
{
	if (rt->reps->n == 0)
		say(rt, "no reps in reps.csv");
	else if (*call->region == '\0' && *call->product == '\0')
		say(rt, "no active rep");
	else {
		say(rt, "no active rep covers");
		say_scope(rt, call);
	}
}

static void
say_all_dropped(sd_route *rt, const struct list *c, const sd_call *call,
    bool explain)
{
	size_t away = 0;
	const char *what;

	for (size_t k = 0; k < c->n; k++)
		if (strcmp(dropped(rt, c->v[k], call->at), "away") == 0)
			away++;
	what = away == c->n ? "away" : away == 0 ? "at capacity" :
	    "at capacity or away";
	if (c->n == 1)
		say(rt, "the one active rep covering");
	else
		say(rt, "all %zu active reps covering", c->n);
	say_scope(rt, call);
	say(rt, " %s %s", c->n == 1 ? "is" : "are", what);
	for (size_t k = 0; explain && k < c->n; k++) {
		say(rt, k ? ", " : ": ");
		say_dropped(rt, c->v[k], dropped(rt, c->v[k], call->at));
	}
}

/* Picking */

/* The owner takes the call when active and not away; else the reason
 * starts with why not. */
static bool
owner_takes(sd_route *rt, const sd_call *call, sd_pick *out)
{
	const sd_rep *rep = sd_reps_find(rt->reps, call->owner);
	const char *why = NULL;

	if (rt->reps->n > 0 && rep == NULL)
		why = "not in reps.csv";
	else if (rep && !rep->active)
		why = "inactive";
	else if (rep ? is_away(rt, (size_t)(rep - rt->reps->v), call->at) :
	    rt->book && sd_book_away(rt->book, call->owner, call->at))
		why = "away";
	if (why) {
		say(rt, "owner %s %s; ", call->owner, why);
		return false;
	}
	say(rt, "owner");
	out->rep = rep ? rep->id : call->owner;
	if (rep)
		give(rt, (size_t)(rep - rt->reps->v), true);
	return true;
}

static void
pick_candidate(sd_route *rt, const sd_call *call, bool explain,
    sd_pick *out)
{
	const struct list *c = candidates(rt, call->region, call->product);
	size_t best;

	if (c->n == 0) {
		say_no_cover(rt, call);
		return;
	}
	rt->pool.n = 0;
	for (size_t k = 0; k < c->n; k++)
		if (dropped(rt, c->v[k], call->at) == NULL)
			list_add(&rt->pool, c->v[k]);
	if (rt->pool.n == 0) {
		say_all_dropped(rt, c, call, explain);
		return;
	}
	best = choose(rt);
	if (explain)
		say_explained(rt, c, call->at, best);
	else
		say(rt, "%s among %zu", strategy_names[rt->strategy],
		    rt->pool.n);
	give(rt, best, false);
	out->rep = rep_at(rt, best)->id;
}

void
sd_route_pick(sd_route *rt, const sd_call *call, bool explain, sd_pick *out)
{
	rt->len = 0;
	say(rt, "%s", "");
	out->rep = NULL;
	if (call->owner == NULL || *call->owner == '\0' ||
	    !owner_takes(rt, call, out))
		pick_candidate(rt, call, explain, out);
	out->reason = rt->text;
}
