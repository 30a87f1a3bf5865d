/*
 * agg.c: rows into groups for the reports.
 *
 * A group is named by its key values packed into one byte string, which is
 * at once the hash key, the sort key and the source of the labels: a text
 * value ends in a NUL (the smallest byte, so "al" sorts before "alice"),
 * an intent is led by a rank byte (hot before warm before cold), and a time
 * bucket is its first day as four big-endian bytes with the sign bit
 * flipped, so memcmp orders it by date.  A row's key is packed into one
 * reused buffer and hashed once; a group costs memory, a row does not.
 */
#include <stdlib.h>
#include <string.h>

#include "salesdesk.h"
#include "internal.h"

static const char *const key_names[SD_NKEYS] = {
	[SD_KEY_REP] = "rep", [SD_KEY_REGION] = "region",
	[SD_KEY_PRODUCT] = "product", [SD_KEY_CLIENT] = "client",
	[SD_KEY_CATEGORY] = "category", [SD_KEY_INTENT] = "intent",
	[SD_KEY_YEAR] = "year", [SD_KEY_QUARTER] = "quarter",
	[SD_KEY_MONTH] = "month", [SD_KEY_WEEK] = "week",
};

const char *
sd_key_name(enum sd_key k)
{
	return key_names[k];
}

static int
find_key(const char *name, size_t len)
{
	for (int k = 0; k < SD_NKEYS; k++)
		if (strlen(key_names[k]) == len &&
		    strncmp(key_names[k], name, len) == 0)
			return k;
	return -1;
}

/* "rep, region, month" for the message about a bad key. */
static void
allowed_list(unsigned allowed, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int k = 0; k < SD_NKEYS; k++)
		if (allowed & 1u << k)
			n += (size_t)snprintf(buf + n, size - n, "%s%s",
			    n ? ", " : "", key_names[k]);
}

/* what: "unknown", "repeated" or NULL (a key this report has not). */
static int
bad_key(const char *word, size_t len, unsigned allowed, const char *what,
    sd_err *e)
{
	char list[128], shown[48];

	allowed_list(allowed, list, sizeof list);
	snprintf(shown, sizeof shown, "%.*s", (int)(len < 40 ? len : 40), word);
	if (what == NULL)
		return sd_usage_error(e, "--by key '%s' does not apply to this "
		    "report (keys: %s)", shown, list);
	return sd_usage_error(e, "%s --by key '%s' (keys: %s)", what, shown,
	    list);
}

int
sd_keys_parse(const char *s, unsigned allowed, enum sd_key *keys,
    size_t *nkeys, sd_err *e)
{
	unsigned seen = 0;
	size_t n = 0;

	for (;;) {
		size_t len = strcspn(s, ","), lead = strspn(s, " \t"), tail = len;
		int k;

		while (tail > lead && (s[tail - 1] == ' ' || s[tail - 1] == '\t'))
			tail--;
		k = find_key(s + lead, tail - lead);
		if (k < 0 || !(allowed & 1u << k))
			return bad_key(s + lead, tail - lead, allowed,
			    k < 0 ? "unknown" : NULL, e);
		if (seen & 1u << k)
			return bad_key(s + lead, tail - lead, allowed,
			    "repeated", e);
		seen |= 1u << k;
		keys[n++] = (enum sd_key)k;
		if (s[len] == '\0')
			break;
		s += len + 1;
	}
	*nkeys = n;
	return 0;
}

/* Time buckets */


static sd_day
month_day(int64_t idx)
{
	sd_date d = { (int)((idx - sd_floor_mod(idx, 12)) / 12),
		(int)sd_floor_mod(idx, 12) + 1, 1 };

	return sd_date_to_day(d);
}

/* A year, quarter or month: a run of len months, the first of which is
 * (start month - 1) modulo len. */
static void
month_bucket(sd_day day, int first, int len, sd_day *from, sd_day *to)
{
	sd_date d = sd_day_to_date(day);
	int64_t idx = (int64_t)d.year * 12 + d.month - 1;

	idx -= sd_floor_mod(idx - (first - 1), len);
	*from = month_day(idx);
	*to = month_day(idx + len);
}

void
sd_bucket(enum sd_key k, sd_day day, int fy_start, sd_day *from,
    sd_day *to)
{
	if (fy_start < 1 || fy_start > 12)
		fy_start = 1;
	switch (k) {
	case SD_KEY_YEAR:
		month_bucket(day, fy_start, 12, from, to);
		break;
	case SD_KEY_QUARTER:
		month_bucket(day, fy_start, 3, from, to);
		break;
	case SD_KEY_WEEK:
		*from = day - sd_weekday(day);
		*to = *from + 7;
		break;
	default:
		month_bucket(day, 1, 1, from, to);
	}
}

/* The key map: open addressing over a power-of-two table.  A slot holds
 * its entry's number (0: empty), hash and length, and a key of up to 16
 * bytes itself, so finding a short key reads one slot and nothing else
 * (a report looks up a group for each of millions of rows); a longer key
 * is compared where the entry keeps it. */

#define SHORT_KEY 16

struct entry {
	uint64_t hash;
	size_t off, len;
};

struct slot {
	uint64_t hash;
	uint32_t num;		/* entry + 1; 0: empty */
	uint32_t len;		/* SHORT_KEY + 1: longer */
	unsigned char key[SHORT_KEY];
};

struct sd_keymap {
	struct slot *slot;
	size_t mask;
	struct entry *ent;
	size_t n, cap;
	unsigned char *bytes;
	size_t used, size;
};

static uint64_t
mix(uint64_t h, uint64_t w)
{
	h ^= w * 0x9e3779b97f4a7c15ULL;
	h = (h << 31 | h >> 33) * 0xbf58476d1ce4e5b9ULL;
	return h;
}

static uint64_t
load8(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/* Eight bytes at a time, the last eight overlapping the ones before
 * (keys are short: a rep and a month are ten bytes); under eight, two
 * overlapping halves. */
static uint64_t
hash_bytes(const unsigned char *p, size_t len)
{
	uint64_t h = len * 0x94d049bb133111ebULL, w = 0;
	size_t i = 0;

	if (len >= 8) {
		for (; i + 8 < len; i += 8)
			h = mix(h, load8(p + i));
		w = load8(p + len - 8);
	} else if (len >= 4) {
		uint32_t a, b;

		memcpy(&a, p, 4);
		memcpy(&b, p + len - 4, 4);
		w = (uint64_t)a << 32 | b;
	} else
		for (; i < len; i++)
			w = w << 8 | p[i];
	h = mix(h, w);
	h ^= h >> 29;
	h *= 0x94d049bb133111ebULL;
	return h ^ h >> 32;
}

/* Is the short key at a (len bytes) the one at b?  Without a call. */
static bool
same_short(const unsigned char *a, const unsigned char *b, size_t len)
{
	uint32_t x, y, z, w;

	if (len >= 8)
		return load8(a) == load8(b) &&
		    load8(a + len - 8) == load8(b + len - 8);
	if (len < 4)
		return memcmp(a, b, len) == 0;
	memcpy(&x, a, 4), memcpy(&y, b, 4);
	memcpy(&z, a + len - 4, 4), memcpy(&w, b + len - 4, 4);
	return x == y && z == w;
}

static bool
slot_holds(const sd_keymap *m, const struct slot *s, const void *key,
    size_t len, uint64_t h)
{
	const struct entry *en;

	if (s->hash != h)
		return false;
	if (len <= SHORT_KEY)
		return s->len == len && same_short(s->key, key, len);
	en = &m->ent[s->num - 1];
	return en->len == len && memcmp(m->bytes + en->off, key, len) == 0;
}

static void
slot_set(struct slot *s, uint64_t h, size_t num, const void *key,
    size_t len)
{
	s->hash = h;
	s->num = (uint32_t)num;
	s->len = len <= SHORT_KEY ? (uint32_t)len : SHORT_KEY + 1;
	memcpy(s->key, key, len <= SHORT_KEY ? len : 0);
}

sd_keymap *
sd_keymap_new(void)
{
	sd_keymap *m = sd_xcalloc(1, sizeof *m);

	m->mask = 63;
	m->slot = sd_xcalloc(m->mask + 1, sizeof *m->slot);
	return m;
}

void
sd_keymap_free(sd_keymap *m)
{
	if (m == NULL)
		return;
	free(m->slot);
	free(m->ent);
	free(m->bytes);
	free(m);
}

/* The slot holding key, or the empty slot where it would go. */
static size_t
probe(const sd_keymap *m, const void *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & m->mask;

	while (m->slot[i].num != 0 && !slot_holds(m, &m->slot[i], key, len, h))
		i = (i + 1) & m->mask;
	return i;
}

/* Double the table when it is half full, so probes stay short. */
static void
grow_slots(sd_keymap *m)
{
	size_t size = (m->mask + 1) * 2;

	free(m->slot);
	m->slot = sd_xcalloc(size, sizeof *m->slot);
	m->mask = size - 1;
	for (size_t k = 0; k < m->n; k++) {
		const struct entry *en = &m->ent[k];
		size_t i = (size_t)en->hash & m->mask;

		while (m->slot[i].num != 0)
			i = (i + 1) & m->mask;
		slot_set(&m->slot[i], en->hash, k + 1, m->bytes + en->off,
		    en->len);
	}
}

static void
add_entry(sd_keymap *m, const void *key, size_t len, uint64_t h)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->ent = sd_xrealloc(m->ent, m->cap * sizeof *m->ent);
	}
	while (m->used + len + 1 > m->size) {
		m->size = m->size ? m->size * 2 : 4096;
		m->bytes = sd_xrealloc(m->bytes, m->size);
	}
	memcpy(m->bytes + m->used, key, len);
	m->bytes[m->used + len] = '\0';
	m->ent[m->n] = (struct entry){ h, m->used, len };
	m->used += len + 1;
	m->n++;
}

size_t
sd_keymap_put(sd_keymap *m, const void *key, size_t len, bool *added)
{
	uint64_t h = hash_bytes(key, len);
	size_t i = probe(m, key, len, h);

	if (added)
		*added = m->slot[i].num == 0;
	if (m->slot[i].num != 0)
		return m->slot[i].num - 1;
	if (m->n >= UINT32_MAX - 1) {	/* as util.c: memory ran out */
		fputs("salesdesk: out of memory\n", stderr);
		exit(EX_OSERR);
	}
	add_entry(m, key, len, h);
	slot_set(&m->slot[i], h, m->n, key, len);
	if (m->n * 2 > m->mask + 1)
		grow_slots(m);
	return m->n - 1;
}

size_t
sd_keymap_get(const sd_keymap *m, const void *key, size_t len)
{
	size_t i = probe(m, key, len, hash_bytes(key, len));

	return m->slot[i].num ? m->slot[i].num - 1 : SD_NOTFOUND;
}

size_t
sd_keymap_count(const sd_keymap *m)
{
	return m->n;
}

static const unsigned char *
keymap_key(const sd_keymap *m, size_t i, size_t *len)
{
	*len = m->ent[i].len;
	return m->bytes + m->ent[i].off;
}

/* Groups */

/* Buckets of recent days, direct-mapped by day: rows of a few years in
 * any order hit it, so the calendar arithmetic runs once per day seen. */
#define CACHE_DAYS 2048
struct cached {
	sd_day day;
	sd_day bucket[SD_NKEYS - SD_NTEXT_KEYS][2];
};

struct sd_agg {
	sd_keymap *map;
	enum sd_key keys[SD_NKEYS];
	size_t nkeys, nvals;
	int fy;
	sd_day from, to;
	int64_t *vals;		/* nvals per group */
	sd_day *range;		/* from, to per group */
	size_t cap;		/* groups vals and range hold */
	unsigned char *buf;	/* the row's packed key */
	size_t bufsize;
	struct cached *cache;	/* days seen lately, with their buckets */
};

sd_agg *
sd_agg_new(const enum sd_key *keys, size_t nkeys, size_t nvals,
    int fy_start, sd_day from, sd_day to)
{
	sd_agg *a = sd_xcalloc(1, sizeof *a);

	a->map = sd_keymap_new();
	a->nkeys = nkeys < SD_NKEYS ? nkeys : SD_NKEYS;
	memcpy(a->keys, keys, a->nkeys * sizeof *keys);
	a->nvals = nvals;
	a->fy = fy_start;
	a->from = from;
	a->to = to;
	a->cache = sd_xcalloc(CACHE_DAYS, sizeof *a->cache);
	for (size_t i = 0; i < CACHE_DAYS; i++)
		a->cache[i].day = SD_NODAY;
	return a;
}

void
sd_agg_free(sd_agg *a)
{
	if (a == NULL)
		return;
	sd_keymap_free(a->map);
	free(a->vals);
	free(a->range);
	free(a->buf);
	free(a->cache);
	free(a);
}

bool
sd_agg_has(const sd_agg *a, enum sd_key k)
{
	for (size_t i = 0; i < a->nkeys; i++)
		if (a->keys[i] == k)
			return true;
	return false;
}

static bool
is_time(enum sd_key k)
{
	return k >= SD_NTEXT_KEYS;
}

static void
trimmed(const char *s, const char **start, size_t *len)
{
	size_t n;

	if (s == NULL)
		s = "";
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*start = s;
	*len = n;
}

static const char *const intents[] = { "hot", "warm", "cold", "won", "lost" };
#define NINTENTS (sizeof intents / sizeof *intents)

/* Known intents in the order of a deal, then others, then none. */
static unsigned char
intent_rank(const char *s, size_t len)
{
	if (len == 0)
		return NINTENTS + 2;
	for (size_t i = 0; i < NINTENTS; i++)
		if (strlen(intents[i]) == len && memcmp(intents[i], s, len) == 0)
			return (unsigned char)(i + 1);
	return NINTENTS + 1;
}

static void
room(sd_agg *a, size_t need)
{
	if (need <= a->bufsize)
		return;
	while (a->bufsize < need)
		a->bufsize = a->bufsize ? a->bufsize * 2 : 256;
	a->buf = sd_xrealloc(a->buf, a->bufsize);
}

static size_t
pack_text(sd_agg *a, size_t n, enum sd_key k, const char *s)
{
	const char *p;
	size_t len;

	trimmed(s, &p, &len);
	room(a, n + len + 2);
	if (k == SD_KEY_INTENT)
		a->buf[n++] = intent_rank(p, len);
	memcpy(a->buf + n, p, len);
	a->buf[n + len] = '\0';
	return n + len + 1;
}

static const sd_day *
buckets(sd_agg *a, enum sd_key k, sd_day day)
{
	struct cached *c = &a->cache[(uint32_t)day % CACHE_DAYS];

	if (c->day != day) {
		for (size_t i = 0; i < a->nkeys; i++)
			if (is_time(a->keys[i]))
				sd_bucket(a->keys[i], day, a->fy,
				    &c->bucket[a->keys[i] - SD_NTEXT_KEYS][0],
				    &c->bucket[a->keys[i] - SD_NTEXT_KEYS][1]);
		c->day = day;
	}
	return c->bucket[k - SD_NTEXT_KEYS];
}

static size_t
pack_day(sd_agg *a, size_t n, enum sd_key k, sd_day day)
{
	uint32_t u = day == SD_NODAY ? 0 :
	    (uint32_t)buckets(a, k, day)[0] ^ 0x80000000u;

	room(a, n + 4);
	a->buf[n] = (unsigned char)(u >> 24);
	a->buf[n + 1] = (unsigned char)(u >> 16);
	a->buf[n + 2] = (unsigned char)(u >> 8);
	a->buf[n + 3] = (unsigned char)u;
	return n + 4;
}

static size_t
pack(sd_agg *a, const sd_keyval *kv)
{
	size_t n = 0;

	for (size_t i = 0; i < a->nkeys; i++)
		if (is_time(a->keys[i]))
			n = pack_day(a, n, a->keys[i], kv->day);
		else
			n = pack_text(a, n, a->keys[i], kv->text[a->keys[i]]);
	return n;
}

/* Room for group g, its sums at 0. */
static void
room_group(sd_agg *a, size_t g)
{
	if (g >= a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->vals = sd_xrealloc(a->vals,
		    a->cap * (a->nvals ? a->nvals : 1) * sizeof *a->vals);
		a->range = sd_xrealloc(a->range, a->cap * 2 * sizeof *a->range);
	}
	memset(a->vals + g * a->nvals, 0, a->nvals * sizeof *a->vals);
}

/* A new group's days: the period, narrowed by each of its buckets. */
static void
new_group(sd_agg *a, size_t g, sd_day day)
{
	sd_day from = a->from, to = a->to;

	room_group(a, g);
	for (size_t i = 0; i < a->nkeys && day != SD_NODAY; i++) {
		const sd_day *b;

		if (!is_time(a->keys[i]))
			continue;
		b = buckets(a, a->keys[i], day);
		from = b[0] > from ? b[0] : from;
		to = b[1] < to ? b[1] : to;
	}
	a->range[2 * g] = from;
	a->range[2 * g + 1] = to;
}

size_t
sd_agg_group(sd_agg *a, const sd_keyval *kv)
{
	size_t len = pack(a, kv);
	bool added;
	size_t g = sd_keymap_put(a->map, a->buf, len, &added);

	if (added)
		new_group(a, g, kv->day);
	return g;
}

size_t
sd_agg_count(const sd_agg *a)
{
	return sd_keymap_count(a->map);
}

int64_t
sd_agg_get(const sd_agg *a, size_t g, size_t v)
{
	return a->vals[g * a->nvals + v];
}

int
sd_agg_add(sd_agg *a, size_t g, size_t v, int64_t x)
{
	return sd_money_add(&a->vals[g * a->nvals + v], x);
}

/* Groups are named by their packed keys, so a group of from is found
 * in into by its key bytes alone. */
int
sd_agg_merge(sd_agg *into, const sd_agg *from)
{
	for (size_t g = 0; g < sd_keymap_count(from->map); g++) {
		size_t len, h;
		const unsigned char *key = keymap_key(from->map, g, &len);
		bool added;

		h = sd_keymap_put(into->map, key, len, &added);
		if (added) {
			room_group(into, h);
			into->range[2 * h] = from->range[2 * g];
			into->range[2 * h + 1] = from->range[2 * g + 1];
		}
		for (size_t v = 0; v < into->nvals; v++)
			if (sd_agg_add(into, h, v, sd_agg_get(from, g, v)) != 0)
				return -2;
	}
	return 0;
}

void
sd_agg_range(const sd_agg *a, size_t g, sd_day *from, sd_day *to)
{
	*from = a->range[2 * g];
	*to = a->range[2 * g + 1];
}

/* Walk [from, to) in runs of days that share every bucket: each run is
 * one group.  A run from day a to day b of the span gets
 * round(amount x b / days) - round(amount x a / days), so the shares of
 * a whole span add up to amount to the cent, each within a cent of its
 * exact part. */
int
sd_agg_prorate(sd_agg *a, const sd_keyval *kv, sd_day from, sd_day to,
    int64_t amount, size_t v)
{
	sd_keyval at = *kv;
	sd_day lo = from > a->from ? from : a->from;
	sd_day hi = to < a->to ? to : a->to;
	int64_t before = 0, upto;

	if (lo < hi && sd_muldiv(amount, lo - from, to - from, &before) != 0)
		return -2;
	for (sd_day d = lo; d < hi;) {
		size_t g;
		sd_day end;

		at.day = d;
		g = sd_agg_group(a, &at);
		end = a->range[2 * g + 1] < hi ? a->range[2 * g + 1] : hi;
		if (sd_muldiv(amount, end - from, to - from, &upto) != 0 ||
		    sd_agg_add(a, g, v, upto - before) != 0)
			return -2;
		before = upto;
		d = end;
	}
	return 0;
}

struct sortkey {
	const unsigned char *key;
	size_t len, g;
};

static int
cmp_sortkey(const void *x, const void *y)
{
	const struct sortkey *a = x, *b = y;
	int c = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);

	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

size_t *
sd_agg_sorted(const sd_agg *a)
{
	size_t n = sd_agg_count(a);
	struct sortkey *sk = sd_xcalloc(n, sizeof *sk);
	size_t *order = sd_xcalloc(n, sizeof *order);

	for (size_t g = 0; g < n; g++) {
		sk[g].key = keymap_key(a->map, g, &sk[g].len);
		sk[g].g = g;
	}
	qsort(sk, n, sizeof *sk, cmp_sortkey);
	for (size_t i = 0; i < n; i++)
		order[i] = sk[i].g;
	free(sk);
	return order;
}

static void
time_label(const sd_agg *a, enum sd_key k, const unsigned char *p,
    char buf[16])
{
	uint32_t u = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
	sd_day day = (sd_day)(u ^ 0x80000000u);

	if (u == 0)
		buf[0] = '\0';
	else if (k == SD_KEY_YEAR)
		sd_period_year(day, a->fy, buf);
	else if (k == SD_KEY_QUARTER)
		sd_period_quarter(day, a->fy, buf);
	else if (k == SD_KEY_MONTH)
		sd_period_month(day, buf);
	else
		sd_period_week(day, buf);
}

/* Past one packed part: four bytes of a bucket, or text and its NUL. */
static const unsigned char *
skip_part(enum sd_key k, const unsigned char *p)
{
	if (is_time(k))
		return p + 4;
	if (k == SD_KEY_INTENT)
		p++;
	return p + strlen((const char *)p) + 1;
}

const char *
sd_agg_label(const sd_agg *a, size_t g, size_t i, char buf[16])
{
	size_t len;
	const unsigned char *p = keymap_key(a->map, g, &len);

	for (size_t k = 0; k < i; k++)
		p = skip_part(a->keys[k], p);
	if (is_time(a->keys[i])) {
		time_label(a, a->keys[i], p, buf);
		return buf;
	}
	return (const char *)p + (a->keys[i] == SD_KEY_INTENT);
}
