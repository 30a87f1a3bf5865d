/*
 * report: sales against target, expenses against revenue, the team's
 * activity and the open pipeline, grouped by any keys, for a person, a
 * spreadsheet or a cron mail.  See report(1).
 *
 * Each report reads its files once, row by row, into an sd_agg (lib/agg.c):
 * memory grows with the groups, never with the rows, and every sum is in
 * integer cents, checked for overflow.  Targets are spread over the groups
 * by days (sd_agg_prorate).  The groups then come out sorted by key with a
 * total row, through sd_out, or as one html page with an SVG chart.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "salesdesk.h"

static const char *by_opt, *period_opt;
static bool chart_opt, forecast_opt;

enum { OPT_BY = SD_OPT_TOOL, OPT_CHART, OPT_FORECAST, OPT_PERIOD };

static const struct option options[] = {
	{ "by",		required_argument,	NULL, OPT_BY },
	{ "chart",	no_argument,		NULL, OPT_CHART },
	{ "forecast",	no_argument,		NULL, OPT_FORECAST },
	{ "period",	required_argument,	NULL, OPT_PERIOD },
	{ NULL, 0, NULL, 0 },
};

static int
on_option(int key, const char *arg, sd_err *e)
{
	switch (key) {
	case OPT_BY:
		by_opt = arg;
		break;
	case OPT_CHART:
		chart_opt = true;
		break;
	case OPT_FORECAST:
		forecast_opt = true;
		break;
	case OPT_PERIOD:
		period_opt = arg;
		break;
	default:
		return sd_usage_error(e, "unknown option");
	}
	return 0;
}

#define K(k) (1u << (k))
#define TIME_KEYS (K(SD_KEY_YEAR) | K(SD_KEY_QUARTER) | K(SD_KEY_MONTH) | \
	K(SD_KEY_WEEK))
/* The text keys each file can name a group by. */
#define SALES_KINDS (K(SD_KEY_REP) | K(SD_KEY_REGION) | K(SD_KEY_PRODUCT) | \
	K(SD_KEY_CLIENT))
#define EXPENSE_KINDS (K(SD_KEY_REP) | K(SD_KEY_CATEGORY))
#define MEETING_KINDS (K(SD_KEY_REP) | K(SD_KEY_CLIENT))
#define FOLLOWUP_KINDS (K(SD_KEY_REP) | K(SD_KEY_CLIENT) | K(SD_KEY_INTENT))
#define TARGET_KINDS (K(SD_KEY_REP) | K(SD_KEY_REGION) | K(SD_KEY_PRODUCT))

#define MAXVALS 8

/* One report being made. */
struct run {
	sd_ctx *ctx;
	sd_agg *agg;
	enum sd_key keys[SD_NKEYS];
	size_t nkeys;
	sd_day from, to, today;
	const char *period;	/* as typed, for the page */
	int64_t loose[MAXVALS];	/* sums no group can hold: total only */
	size_t nvals;
};

/* One CSV being read, with the columns of the keys it serves. */
struct source {
	sd_csv *r;
	bool keyed;		/* its rows can be put in groups */
	int col[SD_NTEXT_KEYS];
};

static const char *
file_path(const struct run *run, const char *name, char **tofree)
{
	*tofree = sd_store_path(&run->ctx->store, name);
	return *tofree;
}

/* Can rows with these text columns be put in the report's groups? */
static bool
serves(const struct run *run, unsigned kinds)
{
	for (size_t i = 0; i < run->nkeys; i++)
		if (run->keys[i] < SD_NTEXT_KEYS && !(kinds & K(run->keys[i])))
			return false;
	return true;
}

/* Open path and find the key columns it must have to serve the groups. */
static int
source_open(struct source *s, const struct run *run, const char *path,
    int flags, unsigned kinds, sd_err *e)
{
	int status;

	memset(s, 0, sizeof *s);
	for (int k = 0; k < SD_NTEXT_KEYS; k++)
		s->col[k] = -1;
	if ((status = sd_csv_open(&s->r, path, flags, e)) != 0)
		return status;
	s->keyed = serves(run, kinds);
	for (size_t i = 0; s->keyed && i < run->nkeys &&
	    sd_csv_ncols(s->r) > 0; i++) {
		enum sd_key k = run->keys[i];

		if (k < SD_NTEXT_KEYS && (status = sd_csv_need(s->r,
		    sd_key_name(k), &s->col[k], e)) != 0)
			return status;
	}
	return 0;
}

/* A column the rows need; a file with no header has no rows either. */
static int
need(sd_csv *r, const char *name, int *col, sd_err *e)
{
	*col = -1;
	return sd_csv_ncols(r) == 0 ? 0 : sd_csv_need(r, name, col, e);
}

static void
keyval_of(const struct source *s, const sd_row *row, sd_day day,
    sd_keyval *kv)
{
	for (int k = 0; k < SD_NTEXT_KEYS; k++)
		kv->text[k] = s->col[k] >= 0 ? row->field[s->col[k]] : NULL;
	kv->day = day;
}

static int
too_large(sd_err *e, const struct source *s, const sd_row *row)
{
	return sd_fail_at(e, EX_DATAERR, sd_csv_name(s->r), row->line,
	    "a sum grows past the largest amount");
}

/* Add x to value v of the row's group, or to the total alone. */
static int
tally(struct run *run, const struct source *s, const sd_row *row,
    sd_day day, size_t v, int64_t x, sd_err *e)
{
	sd_keyval kv;
	size_t g;

	if (!s->keyed)
		return sd_money_add(&run->loose[v], x) == 0 ? 0 :
		    too_large(e, s, row);
	keyval_of(s, row, day, &kv);
	g = sd_agg_group(run->agg, &kv);
	return sd_agg_add(run->agg, g, v, x) == 0 ? 0 : too_large(e, s, row);
}

static bool
in_period(const struct run *run, sd_day day)
{
	return day != SD_NODAY && day >= run->from && day < run->to;
}

/* Does a field say word (any case, spaces around ignored)? */
static bool
is(const char *field, const char *word)
{
	size_t n = strlen(word);

	while (*field == ' ' || *field == '\t')
		field++;
	if (strncasecmp(field, word, n) != 0)
		return false;
	for (field += n; *field == ' ' || *field == '\t'; field++)
		;
	return *field == '\0';
}

static bool
blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* A stored moment's local day: the date written in it (the rep's own
 * day, as the tools store it), after checking the whole value. */
static int
stamp_day(const struct run *run, const char *s, sd_day *out)
{
	char date[11];
	sd_time t;
	int rc;

	if (sd_date_parse(s, out) == 0)
		return 0;
	rc = sd_datetime_parse(s, run->ctx->zone, &t);
	if (rc != 0 && rc != SD_EGAP)
		return -1;
	s += strspn(s, " \t");
	memcpy(date, s, 10);
	date[10] = '\0';
	return sd_date_parse(date, out);
}

/* Rows with a date and an amount: sales.csv, expenses.csv */

struct amounts {
	struct source src;
	int date, amount;
	size_t v;
};

static int
amount_row(struct run *run, struct amounts *a, const sd_row *row, sd_err *e)
{
	sd_day day;
	sd_money amount;
	int rc;

	if (sd_date_parse(row->field[a->date], &day) != 0)
		return sd_csv_field_error(e, a->src.r, row, a->date,
		    "bad date");
	if ((rc = sd_money_parse(row->field[a->amount], &amount)) != 0)
		return sd_csv_field_error(e, a->src.r, row, a->amount,
		    rc == -2 ? "amount too large" : "bad amount");
	if (!in_period(run, day))
		return 0;
	return tally(run, &a->src, row, day, a->v, amount, e);
}

/*
 * The fast way through a big file (lib/scan.c): the rows in parts, each
 * part into groups of its own in its own thread, merged at the end.  A
 * part declines at any row the slow way would stop at, and then nothing
 * is kept: sd_csv reads the file again and names the error.  The parts'
 * sums start at zero, not where the slow way's would be, so they are
 * merged only when no running sum can overflow: when the largest sum
 * before plus every amount's magnitude stays within 64 bits.
 *
 * Files come in order of date, so while the day stays the same the text
 * keys alone tell a row's group: a part looks them up first in a small
 * table that stays in the cache (the packed text keys, each NUL-ended,
 * up to 24 bytes, in three words; open addressing; emptied when the day
 * changes or it is half full), and in the groups only when they are new.
 */
#define MEMO_SLOTS 1024
struct memo {
	uint64_t w[3];
	uint32_t n;		/* key bytes + 1; 0: empty */
	uint32_t g;
};

struct share {
	sd_agg *agg;
	int64_t loose;
	uint64_t magnitude;	/* of the amounts in the period */
	char date[16];		/* the last date read and its day */
	size_t datelen;
	sd_day day;
	sd_day memo_day;	/* the day memo holds groups of */
	struct memo *memo;
	size_t memo_n;
};

struct fast {
	struct run *run;
	const struct amounts *a;
	struct share *share;
};

/* A date as the row before's is the same day. */
static int
fast_day(struct share *sh, const char *s, size_t len, sd_day *day)
{
	if (len == sh->datelen && (len == 10 ? memcmp(s, sh->date, 10) :
	    memcmp(s, sh->date, len)) == 0) {
		*day = sh->day;
		return 0;
	}
	if (sd_date_parse(s, day) != 0)
		return -1;
	if (len < sizeof sh->date) {
		memcpy(sh->date, s, len);
		sh->datelen = len;
		sh->day = *day;
	}
	return 0;
}

/* The usual amount, "-1234.56" (up to 15 digits before the point), by
 * hand; anything else as sd_money_parse reads it. */
static int
fast_money(const char *s, size_t len, sd_money *out)
{
	size_t i = s[0] == '-';
	int64_t v = 0;

	if (len < i + 4 || len > i + 18 || s[len - 3] != '.')
		return sd_money_parse(s, out);
	for (size_t k = i; k < len; k++) {
		unsigned d = (unsigned char)s[k] - '0';

		if (k == len - 3)
			continue;
		if (d > 9)
			return sd_money_parse(s, out);
		v = v * 10 + d;
	}
	*out = i ? -v : v;
	return 0;
}

/* The row's text keys, each with its NUL, packed into w: their length,
 * or -1 if too long. */
static int
memo_key(const struct fast *f, const sd_row *row, uint64_t w[3])
{
	const struct run *run = f->run;
	unsigned char key[sizeof(uint64_t[3])] = { 0 };
	size_t n = 0, len;
	int col;

	for (size_t i = 0; i < run->nkeys; i++) {
		if (run->keys[i] >= SD_NTEXT_KEYS)
			continue;
		col = f->a->src.col[run->keys[i]];
		if ((len = row->len[col]) + n + 1 > sizeof key)
			return -1;
		memcpy(key + n, row->field[col], len + 1);
		n += len + 1;
	}
	memcpy(w, key, sizeof key);
	return (int)n;
}

static size_t
fast_group(const struct fast *f, struct share *sh, const sd_row *row,
    sd_day day)
{
	struct memo *m;
	sd_keyval kv;
	uint64_t w[3], h;
	int n = memo_key(f, row, w);

	if (n < 0) {
		keyval_of(&f->a->src, row, day, &kv);
		return sd_agg_group(sh->agg, &kv);
	}
	if (day != sh->memo_day || sh->memo_n == MEMO_SLOTS / 2) {
		memset(sh->memo, 0, MEMO_SLOTS * sizeof *sh->memo);
		sh->memo_day = day;
		sh->memo_n = 0;
	}
	h = (w[0] * 0x9e3779b97f4a7c15ULL) ^ (w[1] * 0xbf58476d1ce4e5b9ULL) ^
	    (w[2] * 0x94d049bb133111ebULL);
	for (h ^= h >> 32 ^ h >> 47;; h++) {
		m = &sh->memo[h % MEMO_SLOTS];
		if (m->n == (uint32_t)n + 1 && m->w[0] == w[0] &&
		    m->w[1] == w[1] && m->w[2] == w[2])
			return m->g;
		if (m->n == 0)
			break;
	}
	keyval_of(&f->a->src, row, day, &kv);
	*m = (struct memo){ { w[0], w[1], w[2] }, (uint32_t)n + 1,
	    (uint32_t)sd_agg_group(sh->agg, &kv) };
	sh->memo_n++;
	return m->g;
}

static int
fast_row(const struct fast *f, struct share *sh, const sd_row *row)
{
	const struct amounts *a = f->a;
	sd_day day;
	sd_money amount;

	if (fast_day(sh, row->field[a->date], row->len[a->date], &day) != 0 ||
	    fast_money(row->field[a->amount], row->len[a->amount],
	    &amount) != 0)
		return -1;
	if (!in_period(f->run, day))
		return 0;
	if (__builtin_add_overflow(sh->magnitude, amount < 0 ?
	    -(uint64_t)amount : (uint64_t)amount, &sh->magnitude))
		return -1;
	if (!a->src.keyed)
		return sd_money_add(&sh->loose, amount) == 0 ? 0 : -1;
	return sd_agg_add(sh->agg, fast_group(f, sh, row, day), a->v,
	    amount) == 0 ? 0 : -1;
}

/* A part sums into a copy of its share on its own thread's stack: the
 * shares side by side would put two threads' counters, written on every
 * row, in one cache line. */
static int
fast_part(sd_scan_part *p, size_t i, void *arg)
{
	const struct fast *f = arg;
	struct share sh = f->share[i];
	sd_row *row;
	int got;

	while ((got = sd_scan_next(p, &row)) == 1)
		if (fast_row(f, &sh, row) != 0) {
			got = -1;
			break;
		}
	f->share[i] = sh;
	return got;
}

static uint64_t
magnitude(int64_t v)
{
	return v < 0 ? -(uint64_t)v : (uint64_t)v;
}

/* Merge the shares, if no running sum could have overflowed. */
static int
fast_merge(struct run *run, const struct amounts *a,
    const struct share *share, size_t n)
{
	uint64_t most = magnitude(run->loose[a->v]), sum = 0;

	for (size_t g = 0; g < sd_agg_count(run->agg); g++)
		if (magnitude(sd_agg_get(run->agg, g, a->v)) > most)
			most = magnitude(sd_agg_get(run->agg, g, a->v));
	for (size_t k = 0; k < n; k++)
		if (__builtin_add_overflow(sum, share[k].magnitude, &sum))
			return -1;
	if (__builtin_add_overflow(most, sum, &sum) || sum > INT64_MAX)
		return -1;
	for (size_t k = 0; k < n; k++) {
		run->loose[a->v] += share[k].loose;
		sd_agg_merge(run->agg, share[k].agg);	/* bounded above */
	}
	return 0;
}

/* 0 when the file was read the fast way, -1 when sd_csv must read it. */
static int
fast_amounts(struct run *run, const struct amounts *a, const char *path)
{
	struct fast f = { run, a, NULL };
	sd_scan *s;
	size_t n;
	int rc;

	if (sd_scan_open(&s, path, 0, 0) != 0)
		return -1;
	n = sd_scan_nparts(s);
	f.share = sd_xcalloc(n, sizeof *f.share);
	for (size_t k = 0; k < n; k++) {
		f.share[k].agg = sd_agg_new(run->keys, run->nkeys, run->nvals,
		    run->ctx->cfg.fiscal_year_start, run->from, run->to);
		f.share[k].datelen = SIZE_MAX;
		f.share[k].memo_day = SD_NODAY;
		f.share[k].memo = sd_xcalloc(MEMO_SLOTS,
		    sizeof *f.share[k].memo);
	}
	rc = sd_scan_ncols(s) == sd_csv_ncols(a->src.r) ?
	    sd_scan_each(s, fast_part, &f) : -1;
	if (rc == 0)
		rc = fast_merge(run, a, f.share, n);
	for (size_t k = 0; k < n; k++) {
		sd_agg_free(f.share[k].agg);
		free(f.share[k].memo);
	}
	free(f.share);
	sd_scan_close(s);
	return rc;
}

/* One streaming pass: every row is checked, in the period or not.  The
 * header read, the fast way does the rows if it can. */
static int
read_amounts(struct run *run, const char *path, int flags, unsigned kinds,
    size_t v, sd_err *e)
{
	struct amounts a = { .v = v };
	sd_row *row;
	int status, got;

	status = source_open(&a.src, run, path, flags, kinds, e);
	if (status == 0)
		status = need(a.src.r, "date", &a.date, e);
	if (status == 0)
		status = need(a.src.r, "amount", &a.amount, e);
	if (status == 0 && sd_csv_ncols(a.src.r) > 0 &&
	    fast_amounts(run, &a, path) == 0) {
		sd_csv_close(a.src.r);
		return 0;
	}
	while (status == 0 && (got = sd_csv_next(a.src.r, &row, e)) != 0)
		status = got < 0 ? e->status : amount_row(run, &a, row, e);
	sd_csv_close(a.src.r);
	return status;
}

/* FILE operands, else the data file (which may not exist yet). */
static int
read_amount_files(struct run *run, int argc, char **argv, const char *name,
    unsigned kinds, size_t v, sd_err *e)
{
	char *path;
	int status = 0;

	if (argc == 0) {
		status = read_amounts(run, file_path(run, name, &path),
		    SD_CSV_MISSING_OK, kinds, v, e);
		free(path);
		return status;
	}
	for (int i = 0; i < argc && status == 0; i++)
		status = read_amounts(run, argv[i], 0, kinds, v, e);
	return status;
}

/* targets.csv */

struct targets {
	struct source src;
	int period, target, dim[3];
	unsigned want;		/* the dimensions a target must name */
	size_t v;
};

static const enum sd_key target_dims[3] = { SD_KEY_REP, SD_KEY_REGION,
	SD_KEY_PRODUCT };

/* A target's period is fixed: 2026, 2026-Q3, 2026-07, a week, a day or
 * a range of them; this-month in a file would move every day. */
static int
target_period(const struct run *run, const char *s, sd_day *from,
    sd_day *to)
{
	for (const char *p = s; *p; p++)
		if (strchr("QqWw", *p) == NULL &&
		    ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return -1;
	return sd_period_parse(s, run->today, run->ctx->cfg.fiscal_year_start,
	    from, to);
}

static int
target_row(struct run *run, struct targets *t, const sd_row *row, sd_err *e)
{
	sd_day from, to;
	sd_money amount;
	sd_keyval kv = { .day = SD_NODAY };
	unsigned named = 0;
	int rc;

	if (target_period(run, row->field[t->period], &from, &to) != 0)
		return sd_csv_field_error(e, t->src.r, row, t->period,
		    "bad period");
	if ((rc = sd_money_parse(row->field[t->target], &amount)) != 0)
		return sd_csv_field_error(e, t->src.r, row, t->target,
		    rc == -2 ? "amount too large" : "bad amount");
	for (int i = 0; i < 3; i++) {
		const char *s = sd_row_get(row, t->dim[i]);

		kv.text[target_dims[i]] = s;
		if (!blank(s))
			named |= K(target_dims[i]);
	}
	if (named != t->want)
		return 0;
	if (sd_agg_prorate(run->agg, &kv, from, to, amount, t->v) != 0)
		return too_large(e, &t->src, row);
	return 0;
}

/* A group's target is the sum of the targets that name exactly its
 * rep, region and product keys; no target names a client. */
static int
read_targets(struct run *run, size_t v, sd_err *e)
{
	struct targets t = { .v = v };
	sd_row *row;
	char *path;
	int status, got;

	if (sd_agg_has(run->agg, SD_KEY_CLIENT))
		return 0;
	for (size_t i = 0; i < run->nkeys; i++)
		t.want |= K(run->keys[i]) & TARGET_KINDS;
	status = source_open(&t.src, run, file_path(run, "targets.csv", &path),
	    SD_CSV_MISSING_OK, 0, e);
	free(path);
	if (status == 0)
		status = need(t.src.r, "period", &t.period, e);
	if (status == 0)
		status = need(t.src.r, "target", &t.target, e);
	for (int i = 0; i < 3 && status == 0; i++)
		t.dim[i] = sd_csv_col(t.src.r, sd_key_name(target_dims[i]));
	while (status == 0 && (got = sd_csv_next(t.src.r, &row, e)) != 0)
		status = got < 0 ? e->status : target_row(run, &t, row, e);
	sd_csv_close(t.src.r);
	return status;
}

/* followups.csv */

struct followups {
	struct source src;
	int due, status, intent, probability, value, updated, id, kind,
	    source;
};

static int
followups_open(struct followups *f, const struct run *run, sd_err *e)
{
	char *path;
	int status = source_open(&f->src, run,
	    file_path(run, "followups.csv", &path), SD_CSV_MISSING_OK,
	    FOLLOWUP_KINDS, e);
	struct { const char *name; int *col; } cols[] = {
		{ "due", &f->due }, { "status", &f->status },
		{ "intent", &f->intent }, { "probability", &f->probability },
		{ "value", &f->value }, { "updated", &f->updated },
		{ "id", &f->id }, { "kind", &f->kind }, { "source", &f->source },
	};

	free(path);
	for (size_t i = 0; i < sizeof cols / sizeof *cols && status == 0; i++)
		status = need(f->src.r, cols[i].name, cols[i].col, e);
	return status;
}

static int
parse_probability(const char *s, int64_t *out)
{
	int64_t v = 0;

	s += strspn(s, " \t");
	if (*s == '\0') {
		*out = 0;
		return 0;
	}
	for (; *s >= '0' && *s <= '9' && v <= 100; s++)
		v = v * 10 + (*s - '0');
	if (*(s + strspn(s, " \t")) != '\0' || v > 100)
		return -1;
	*out = v;
	return 0;
}

/* An open follow-up's due day (SD_NODAY: none), value and value weighted
 * by its probability, rounded to the cent. */
struct deal {
	sd_day due;
	sd_money value, weighted;
};

static int
deal_of(const struct followups *f, const sd_row *row, struct deal *d,
    sd_err *e)
{
	const char *due = row->field[f->due], *value = row->field[f->value];
	int64_t prob;
	int rc;

	d->due = SD_NODAY;
	if (!blank(due) && sd_date_parse(due, &d->due) != 0)
		return sd_csv_field_error(e, f->src.r, row, f->due, "bad date");
	d->value = 0;
	if (!blank(value) && (rc = sd_money_parse(value, &d->value)) != 0)
		return sd_csv_field_error(e, f->src.r, row, f->value,
		    rc == -2 ? "amount too large" : "bad amount");
	if (parse_probability(row->field[f->probability], &prob) != 0)
		return sd_csv_field_error(e, f->src.r, row, f->probability,
		    "bad probability");
	sd_muldiv(d->value, prob, 100, &d->weighted);
	return 0;
}

/* Each report reads follow-ups for its own purpose. */
typedef int (*followup_fn)(struct run *, const struct followups *,
    const sd_row *, void *, sd_err *);

static int
read_followups(struct run *run, followup_fn fn, void *arg, sd_err *e)
{
	struct followups f;
	sd_row *row;
	int status, got;

	status = followups_open(&f, run, e);
	while (status == 0 && (got = sd_csv_next(f.src.r, &row, e)) != 0)
		status = got < 0 ? e->status : fn(run, &f, row, arg, e);
	sd_csv_close(f.src.r);
	return status;
}

/* The day a follow-up was last updated, SD_NODAY when never. */
static int
updated_day(const struct run *run, const struct followups *f,
    const sd_row *row, sd_day *day, sd_err *e)
{
	const char *s = row->field[f->updated];

	*day = SD_NODAY;
	if (!blank(s) && stamp_day(run, s, day) != 0)
		return sd_csv_field_error(e, f->src.r, row, f->updated,
		    "bad date and time");
	return 0;
}

/* meetings.csv */

struct meetings {
	struct source src;
	int id, start, end, kind, status;
};

/* What became of a meeting in the period. */
enum outcome { HELD, CANCELLED, NO_SHOW, OTHER };

static int
meetings_open(struct meetings *m, const struct run *run, sd_err *e)
{
	char *path;
	int status = source_open(&m->src, run,
	    file_path(run, "meetings.csv", &path), SD_CSV_MISSING_OK,
	    MEETING_KINDS, e);
	struct { const char *name; int *col; } cols[] = {
		{ "id", &m->id }, { "start", &m->start }, { "end", &m->end },
		{ "kind", &m->kind }, { "status", &m->status },
	};

	free(path);
	for (size_t i = 0; i < sizeof cols / sizeof *cols && status == 0; i++)
		status = need(m->src.r, cols[i].name, cols[i].col, e);
	return status;
}

/* An away entry is time off, not a meeting: it counts nowhere. */
static enum outcome
outcome_of(const struct meetings *m, const sd_row *row)
{
	const char *status = row->field[m->status];

	if (is(row->field[m->kind], "away"))
		return OTHER;
	if (is(status, "done"))
		return HELD;
	if (is(status, "cancelled"))
		return CANCELLED;
	return is(status, "no-show") ? NO_SHOW : OTHER;
}

static int
meeting_days(const struct run *run, const struct meetings *m,
    const sd_row *row, sd_day *start, sd_day *end, sd_err *e)
{
	if (stamp_day(run, row->field[m->start], start) != 0)
		return sd_csv_field_error(e, m->src.r, row, m->start,
		    "bad date and time");
	if (stamp_day(run, row->field[m->end], end) != 0)
		return sd_csv_field_error(e, m->src.r, row, m->end,
		    "bad date and time");
	return 0;
}

typedef int (*meeting_fn)(struct run *, const struct meetings *,
    const sd_row *, enum outcome, sd_day, sd_day, void *, sd_err *);

/* Meetings that started in the period, with what became of them. */
static int
meeting_row(struct run *run, const struct meetings *m, const sd_row *row,
    meeting_fn fn, void *arg, sd_err *e)
{
	sd_day start, end;
	int status = meeting_days(run, m, row, &start, &end, e);
	enum outcome oc = outcome_of(m, row);

	if (status != 0 || oc == OTHER || !in_period(run, start))
		return status;
	return fn(run, m, row, oc, start, end, arg, e);
}

static int
read_meetings(struct run *run, meeting_fn fn, void *arg, sd_err *e)
{
	struct meetings m;
	sd_row *row;
	int status, got;

	status = meetings_open(&m, run, e);
	while (status == 0 && (got = sd_csv_next(m.src.r, &row, e)) != 0)
		status = got < 0 ? e->status :
		    meeting_row(run, &m, row, fn, arg, e);
	sd_csv_close(m.src.r);
	return status;
}

/* The output.  Rows go out as they are made, through sd_out or into the
 * html page; the chart keeps the pairs of the first SD_CHART_MAX groups.
 * Every figure is checked before the first row is printed, so an error
 * never leaves half a report behind. */

#define MAXCOLS 24

struct result {
	const struct run *run;
	const char *title;
	bool period;		/* the page names the period */
	size_t ncols;
	const char *names[MAXCOLS];
	enum sd_coltype types[MAXCOLS];
	bool numeric[MAXCOLS];
	sd_out *o;		/* NULL until started, and for html */
	bool started, total;
	const char *series[2];
	bool money;
	int64_t pairs[2 * SD_CHART_MAX];
	char *labels[SD_CHART_MAX];
	size_t ngroups;
};

static void
result_init(struct result *res, const struct run *run, const char *title,
    bool period)
{
	memset(res, 0, sizeof *res);
	res->run = run;
	res->title = title;
	res->period = period;
	for (size_t i = 0; i < run->nkeys; i++) {
		res->names[res->ncols] = sd_key_name(run->keys[i]);
		res->types[res->ncols++] = SD_TEXT;
	}
}

static void
column(struct result *res, const char *name)
{
	res->names[res->ncols] = name;
	res->numeric[res->ncols] = true;
	res->types[res->ncols++] = SD_NUM;
}

static void
series(struct result *res, const char *a, const char *b, bool money)
{
	res->series[0] = a;
	res->series[1] = b;
	res->money = money;
}

/* "2026-10-01 to 2026-12-31 (this-quarter), by rep; as of ..." */
static void
subtitle(const struct result *res, char *buf, size_t size)
{
	const struct run *run = res->run;
	char from[11], last[11], now[32];
	size_t n = 0;

	if (res->period) {
		sd_date_format(run->from, from);
		sd_date_format(run->to - 1, last);
		n = (size_t)snprintf(buf, size, "%s to %s (%s), ", from, last,
		    run->period);
	}
	for (size_t i = 0; i < run->nkeys && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
		    i ? ", " : "by ", sd_key_name(run->keys[i]));
	sd_datetime_format(run->ctx->clock.now, run->ctx->zone, now);
	if (n < size)
		snprintf(buf + n, size - n, "; as of %.10s %.5s", now, now + 11);
}

static void
start(struct result *res)
{
	char sub[256];

	res->started = true;
	if (res->run->ctx->format != SD_FMT_HTML) {
		res->o = sd_ctx_out(res->run->ctx);
		sd_out_columns(res->o, res->ncols, res->names, res->types);
		return;
	}
	subtitle(res, sub, sizeof sub);
	sd_html_begin(stdout, res->title, sub, res->ncols, res->names,
	    res->numeric);
}

static void
add_row(struct result *res, const char *const *cells)
{
	if (!res->started)
		start(res);
	if (res->o)
		sd_out_row(res->o, cells);
	else
		sd_html_row(stdout, res->ncols, cells, res->numeric,
		    res->total);
}

/* A group's pair of bars, labelled by its keys. */
static void
add_pair(struct result *res, const char *const *keys, int64_t a,
    int64_t b)
{
	size_t i = res->ngroups++, len = 1;
	const struct run *run = res->run;
	char *label;

	if (i >= SD_CHART_MAX)
		return;
	for (size_t k = 0; k < run->nkeys; k++)
		len += strlen(keys[k]) + 3;
	label = sd_xcalloc(1, len);
	for (size_t k = 0; k < run->nkeys; k++) {
		if (k > 0)
			strcat(label, " / ");
		strcat(label, keys[k]);
	}
	res->labels[i] = label;
	res->pairs[2 * i] = a;
	res->pairs[2 * i + 1] = b;
}

static void
chart_text(const struct result *res, const sd_chart *chart)
{
	bool md = res->run->ctx->format == SD_FMT_MD;

	fputs(md ? "\n```\n" : "\n", stdout);
	sd_chart_text(stdout, chart);
	if (md)
		fputs("```\n", stdout);
}

/* Nothing started: nothing printed, so cron mails nothing. */
static int
result_end(struct result *res, sd_err *e)
{
	sd_chart chart = { { res->series[0], res->series[1] }, res->money,
		res->ngroups, (const char *const *)res->labels, res->pairs };
	int status = 0;

	if (res->started && res->o == NULL)
		sd_html_end(stdout, &chart);
	else if (res->started)
		status = sd_out_end(res->o, e);
	if (status == 0 && res->o && chart_opt && res->ngroups > 0)
		chart_text(res, &chart);
	for (size_t i = 0; i < res->ngroups && i < SD_CHART_MAX; i++)
		free(res->labels[i]);
	return status;
}

/* Row cells: the keys of group g, then values into bufs. */
struct cells {
	const char *v[MAXCOLS];
	char buf[MAXCOLS][32];
	size_t n;
};

static void
key_cells(struct cells *c, const struct run *run, size_t g)
{
	c->n = 0;
	for (size_t i = 0; i < run->nkeys; i++, c->n++)
		c->v[c->n] = sd_agg_label(run->agg, g, i, c->buf[c->n]);
}

/* The total row's keys; the row itself is bold on the page. */
static void
total_cells(struct cells *c, struct result *res)
{
	for (c->n = 0; c->n < res->run->nkeys; c->n++)
		c->v[c->n] = c->n == 0 ? "total" : "";
	res->total = true;
}

static void
put_money(struct cells *c, int64_t v)
{
	sd_money_format(v, c->buf[c->n]);
	c->v[c->n] = c->buf[c->n];
	c->n++;
}

static void
put_count(struct cells *c, int64_t v)
{
	snprintf(c->buf[c->n], 32, "%lld", (long long)v);
	c->v[c->n] = c->buf[c->n];
	c->n++;
}

static void
put_percent(struct cells *c, int64_t part, int64_t whole)
{
	sd_percent_format(part, whole, c->buf[c->n]);
	c->v[c->n] = c->buf[c->n];
	c->n++;
}

static void
put_empty(struct cells *c)
{
	c->v[c->n++] = "";
}

/* An amount per unit, to the cent; empty when there are no units. */
static void
put_per(struct cells *c, int64_t amount, int64_t units)
{
	int64_t q;

	if (units == 0 || sd_muldiv(amount, 1, units, &q) != 0)
		put_empty(c);
	else
		put_money(c, q);
}

static int
total_add(int64_t *acc, int64_t v, sd_err *e)
{
	if (sd_money_add(acc, v) != 0)
		return sd_fail(e, EX_DATAERR, "a total grows past the largest "
		    "amount");
	return 0;
}

/* The totals of nvals values over every group: the first pass, which
 * finds an overflow before anything is printed. */
static int
sum_groups(const struct run *run, size_t nvals, int64_t *t, sd_err *e)
{
	int status = 0;

	for (size_t g = 0; g < sd_agg_count(run->agg) && status == 0; g++)
		for (size_t v = 0; v < nvals && status == 0; v++)
			status = total_add(&t[v], sd_agg_get(run->agg, g, v),
			    e);
	return status;
}

static void
get_values(const struct run *run, size_t g, size_t nvals, int64_t *v)
{
	for (size_t k = 0; k < nvals; k++)
		v[k] = sd_agg_get(run->agg, g, k);
}

/* Setting up */

static int
no_operands(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	if (argc > 0)
		return sd_usage_error(e, "%s %s: unexpected argument '%s'",
		    ctx->tool, ctx->cli->args[0], argv[0]);
	return 0;
}

/* --forecast and --chart belong to report sales; --period to all but
 * report pipeline.  --chart draws text, so it wants a text format. */
static int
check_options(sd_ctx *ctx, bool sales, bool period, sd_err *e)
{
	const char *cmd = ctx->cli->args[0];
	enum sd_format f = ctx->format;

	if (!sales && (forecast_opt || chart_opt))
		return sd_usage_error(e, "report %s: %s applies to report "
		    "sales only", cmd, forecast_opt ? "--forecast" : "--chart");
	if (!period && period_opt)
		return sd_usage_error(e, "report %s: --period does not apply",
		    cmd);
	if (!chart_opt)
		return 0;
	if (!ctx->cli->format_set)
		ctx->format = SD_FMT_TABLE;
	else if (f != SD_FMT_TABLE && f != SD_FMT_MD && f != SD_FMT_HTML)
		return sd_usage_error(e, "--chart draws text: use -o table, "
		    "md or html");
	return 0;
}

static bool
has_key(const struct run *run, enum sd_key k)
{
	for (size_t i = 0; i < run->nkeys; i++)
		if (run->keys[i] == k)
			return true;
	return false;
}

/* The keys (default: rep) and the period (default: this quarter). */
static int
setup(struct run *run, sd_ctx *ctx, unsigned allowed, bool period,
    sd_err *e)
{
	char shown[128];
	int status;

	memset(run, 0, sizeof *run);
	run->ctx = ctx;
	run->today = sd_today(&ctx->clock);
	run->from = SD_NODAY + 1;
	run->to = INT32_MAX;
	if ((status = sd_keys_parse(by_opt ? by_opt : "rep", allowed,
	    run->keys, &run->nkeys, e)) != 0)
		return status;
	if (!period)
		return 0;
	run->period = period_opt ? period_opt : "this-quarter";
	if (sd_period_parse(run->period, run->today,
	    ctx->cfg.fiscal_year_start, &run->from, &run->to) != 0)
		return sd_fail(e, EX_DATAERR, "bad period '%s'",
		    sd_quote_value(run->period, shown, sizeof shown));
	return 0;
}

static void
begin(struct run *run, size_t nvals)
{
	run->nvals = nvals;
	run->agg = sd_agg_new(run->keys, run->nkeys, nvals,
	    run->ctx->cfg.fiscal_year_start, run->from, run->to);
}

/* report sales */

enum { S_ACTUAL, S_TARGET, S_PIPELINE, S_PROJECTED, S_NVALS };

/* Open follow-ups due in the period, weighted by probability. */
static int
pipeline_row(struct run *run, const struct followups *f, const sd_row *row,
    void *arg, sd_err *e)
{
	struct deal d;
	int status;

	(void)arg;
	if (!is(row->field[f->status], "open"))
		return 0;
	if ((status = deal_of(f, row, &d, e)) != 0 || !in_period(run, d.due))
		return status;
	return tally(run, &f->src, row, d.due, S_PIPELINE, d.weighted, e);
}

/* The run rate to the end of the group's days: actual x days / days
 * elapsed through today.  A group wholly past or to come keeps actual.
 * Stored as a value of the group, so the totals check it too. */
static int
project(struct run *run, size_t g, sd_err *e)
{
	sd_day from, to;
	int64_t days, elapsed, actual = sd_agg_get(run->agg, g, S_ACTUAL), p;

	sd_agg_range(run->agg, g, &from, &to);
	days = (int64_t)to - from;
	elapsed = (int64_t)run->today + 1 - from;
	elapsed = elapsed > days ? days : elapsed;
	p = actual;
	if (elapsed > 0 && sd_muldiv(actual, days, elapsed, &p) != 0)
		return sd_fail(e, EX_DATAERR, "a projection grows past the "
		    "largest amount");
	sd_agg_add(run->agg, g, S_PROJECTED, p);
	return 0;
}

/* actual, target, variance, attainment, and the forecast columns;
 * pipeline: false when the keys cannot hold it. */
static void
sales_cells(struct result *res, struct cells *c, const int64_t *v,
    bool pipeline)
{
	put_money(c, v[S_ACTUAL]);
	put_money(c, v[S_TARGET]);
	put_money(c, v[S_ACTUAL] - v[S_TARGET]);
	put_percent(c, v[S_ACTUAL], v[S_TARGET]);
	if (forecast_opt) {
		put_money(c, v[S_PROJECTED]);
		if (pipeline)
			put_money(c, v[S_PIPELINE]);
		else
			put_empty(c);
	}
	add_row(res, c->v);
}

static int
no_overflow(int64_t a, int64_t b, sd_err *e)
{
	int64_t d;

	if (__builtin_sub_overflow(a, b, &d))
		return sd_fail(e, EX_DATAERR, "a variance grows past the "
		    "largest amount");
	return 0;
}

/* Every projection, variance and total, before anything is printed. */
static int
sales_check(struct run *run, int64_t *t, sd_err *e)
{
	size_t n = sd_agg_count(run->agg);
	int status = 0;

	for (size_t g = 0; g < n && status == 0; g++)
		if ((status = project(run, g, e)) == 0)
			status = no_overflow(sd_agg_get(run->agg, g, S_ACTUAL),
			    sd_agg_get(run->agg, g, S_TARGET), e);
	if (status == 0)
		status = sum_groups(run, S_NVALS, t, e);
	if (status == 0)
		status = total_add(&t[S_PIPELINE], run->loose[S_PIPELINE], e);
	return status == 0 ? no_overflow(t[S_ACTUAL], t[S_TARGET], e) : status;
}

static int
sales_result(struct run *run, sd_err *e)
{
	struct result res;
	int64_t v[S_NVALS], t[S_NVALS] = { 0 };
	bool keyed = serves(run, FOLLOWUP_KINDS);
	size_t *order, n = sd_agg_count(run->agg);
	struct cells c;
	int status;

	if (n == 0 || (status = sales_check(run, t, e)) != 0)
		return n == 0 ? 0 : status;
	result_init(&res, run, "Sales against target", true);
	column(&res, "actual"), column(&res, "target");
	column(&res, "variance"), column(&res, "attainment");
	if (forecast_opt)
		column(&res, "projected"), column(&res, "pipeline");
	series(&res, "actual", "target", true);
	order = sd_agg_sorted(run->agg);
	for (size_t i = 0; i < n; i++) {
		get_values(run, order[i], S_NVALS, v);
		key_cells(&c, run, order[i]);
		add_pair(&res, c.v, v[S_ACTUAL], v[S_TARGET]);
		sales_cells(&res, &c, v, keyed);
	}
	free(order);
	total_cells(&c, &res);
	sales_cells(&res, &c, t, true);
	return result_end(&res, e);
}

static int
sales(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct run run;
	int status;

	if ((status = check_options(ctx, true, true, e)) != 0 ||
	    (status = setup(&run, ctx, SALES_KINDS | TIME_KEYS, true, e)) != 0)
		return status;
	begin(&run, S_NVALS);
	status = read_targets(&run, S_TARGET, e);
	if (status == 0)
		status = read_amount_files(&run, argc, argv, "sales.csv",
		    SALES_KINDS, S_ACTUAL, e);
	if (status == 0 && forecast_opt)
		status = read_followups(&run, pipeline_row, NULL, e);
	if (status == 0)
		status = sales_result(&run, e);
	sd_agg_free(run.agg);
	return status;
}

/* report expenses */

enum { E_EXPENSES, E_REVENUE, E_MEETINGS, E_WON, E_NVALS };

static int
held_meeting(struct run *run, const struct meetings *m, const sd_row *row,
    enum outcome oc, sd_day start, sd_day end, void *arg, sd_err *e)
{
	(void)end, (void)arg;
	if (oc != HELD)
		return 0;
	return tally(run, &m->src, row, start, E_MEETINGS, 1, e);
}

/* A deal is won on the day its follow-up was updated to won. */
static int
won_deal(struct run *run, const struct followups *f, const sd_row *row,
    void *arg, sd_err *e)
{
	sd_day day;
	int status;

	(void)arg;
	if (!is(row->field[f->intent], "won"))
		return 0;
	if ((status = updated_day(run, f, row, &day, e)) != 0 ||
	    !in_period(run, day))
		return status;
	return tally(run, &f->src, row, day, E_WON, 1, e);
}

/* known: false when the keys name an expense category, which sales,
 * meetings and deals do not have. */
static void
expense_cells(struct result *res, struct cells *c, const int64_t *v,
    bool known)
{
	put_money(c, v[E_EXPENSES]);
	if (!known) {
		while (c->n < res->ncols)
			put_empty(c);
		add_row(res, c->v);
		return;
	}
	put_money(c, v[E_REVENUE]);
	put_percent(c, v[E_EXPENSES], v[E_REVENUE]);
	put_count(c, v[E_MEETINGS]);
	put_count(c, v[E_WON]);
	put_per(c, v[E_EXPENSES], v[E_MEETINGS]);
	put_per(c, v[E_EXPENSES], v[E_WON]);
	add_row(res, c->v);
}

static int
expense_result(struct run *run, sd_err *e)
{
	static const char *const names[] = { "expenses", "revenue", "ratio",
		"meetings", "won", "cost_per_meeting", "cost_per_won" };
	struct result res;
	int64_t v[E_NVALS], t[E_NVALS] = { 0 };
	bool keyed = serves(run, SALES_KINDS);
	size_t *order, n = sd_agg_count(run->agg);
	struct cells c;
	int status = n ? sum_groups(run, E_NVALS, t, e) : 0;

	for (int k = 0; k < E_NVALS && status == 0 && n > 0; k++)
		status = total_add(&t[k], run->loose[k], e);
	if (n == 0 || status != 0)
		return status;
	result_init(&res, run, "Expenses against revenue", true);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		column(&res, names[i]);
	series(&res, "expenses", "revenue", true);
	order = sd_agg_sorted(run->agg);
	for (size_t i = 0; i < n; i++) {
		get_values(run, order[i], E_NVALS, v);
		key_cells(&c, run, order[i]);
		add_pair(&res, c.v, v[E_EXPENSES], v[E_REVENUE]);
		expense_cells(&res, &c, v, keyed);
	}
	free(order);
	total_cells(&c, &res);
	expense_cells(&res, &c, t, true);
	return result_end(&res, e);
}

static int
expenses(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct run run;
	int status;

	if ((status = check_options(ctx, false, true, e)) != 0 ||
	    (status = setup(&run, ctx, EXPENSE_KINDS | TIME_KEYS, true,
	    e)) != 0)
		return status;
	begin(&run, E_NVALS);
	status = read_amount_files(&run, argc, argv, "expenses.csv",
	    EXPENSE_KINDS, E_EXPENSES, e);
	if (status == 0)
		status = read_amount_files(&run, 0, NULL, "sales.csv",
		    SALES_KINDS, E_REVENUE, e);
	if (status == 0)
		status = read_meetings(&run, held_meeting, NULL, e);
	if (status == 0)
		status = read_followups(&run, won_deal, NULL, e);
	if (status == 0)
		status = expense_result(&run, e);
	sd_agg_free(run.agg);
	return status;
}

/* report activity */

enum { A_HELD, A_CANCELLED, A_NO_SHOW, A_DONE, A_WON, A_LOST, A_NVALS };

/* Ids to the earliest day seen for them. */
struct firsts {
	sd_keymap *ids;
	sd_day *day;
	size_t cap;
};

static const char *
trim_span(const char *s, size_t *len)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

static void
firsts_put(struct firsts *f, const char *id, sd_day day)
{
	size_t len, i;
	bool added;

	id = trim_span(id, &len);
	if (len == 0)
		return;
	i = sd_keymap_put(f->ids, id, len, &added);
	if (i >= f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->day = sd_xrealloc(f->day, f->cap * sizeof *f->day);
	}
	if (added || day < f->day[i])
		f->day[i] = day;
}

static sd_day
firsts_get(const struct firsts *f, const char *id)
{
	size_t len, i;

	id = trim_span(id, &len);
	i = sd_keymap_get(f->ids, id, len);
	return i == SD_NOTFOUND ? SD_NODAY : f->day[i];
}

struct days {
	int32_t *v;
	size_t n, cap;
};

static void
days_push(struct days *d, int32_t v)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = sd_xrealloc(d->v, d->cap * sizeof *d->v);
	}
	d->v[d->n++] = v;
}

struct activity {
	struct firsts calls;	/* follow-up id: its first logged call */
	struct firsts after;	/* meeting id: the first call after it */
	struct days *lists;	/* per group: days from meeting to call */
	size_t nlists;
	struct days all;
};

static void
activity_free(struct activity *act)
{
	sd_keymap_free(act->calls.ids);
	sd_keymap_free(act->after.ids);
	free(act->calls.day);
	free(act->after.day);
	for (size_t i = 0; i < act->nlists; i++)
		free(act->lists[i].v);
	free(act->lists);
	free(act->all.v);
}

static void
add_wait(struct activity *act, size_t g, int32_t days)
{
	if (g >= act->nlists) {
		size_t n = g + 1 > 2 * act->nlists ? g + 1 : 2 * act->nlists;

		act->lists = sd_xrealloc(act->lists, n * sizeof *act->lists);
		memset(act->lists + act->nlists, 0,
		    (n - act->nlists) * sizeof *act->lists);
		act->nlists = n;
	}
	days_push(&act->lists[g], days);
	days_push(&act->all, days);
}

/* followup-log.csv: the first call logged on each follow-up. */
static int
read_calls(struct run *run, struct activity *act, sd_err *e)
{
	sd_csv *r;
	sd_row *row;
	char *path;
	int at, id, status, got;
	sd_day day;

	status = sd_csv_open(&r, file_path(run, "followup-log.csv", &path),
	    SD_CSV_MISSING_OK, e);
	free(path);
	if (status != 0)
		return status;
	if ((status = need(r, "at", &at, e)) == 0)
		status = need(r, "followup", &id, e);
	while (status == 0 && (got = sd_csv_next(r, &row, e)) != 0) {
		if (got < 0)
			status = e->status;
		else if (stamp_day(run, row->field[at], &day) != 0)
			status = sd_csv_field_error(e, r, row, at,
			    "bad date and time");
		else
			firsts_put(&act->calls, row->field[id], day);
	}
	sd_csv_close(r);
	return status;
}

static size_t
group_of(struct run *run, const struct source *s, const sd_row *row,
    sd_day day)
{
	sd_keyval kv;

	keyval_of(s, row, day, &kv);
	return sd_agg_group(run->agg, &kv);
}

/* Follow-ups closed in the period, by the day they were updated; and
 * for each meeting, the first call on a follow-up it led to. */
static int
activity_followup(struct run *run, const struct followups *f,
    const sd_row *row, void *arg, sd_err *e)
{
	struct activity *act = arg;
	const char *intent = row->field[f->intent];
	sd_day day, call;
	int status;

	if ((status = updated_day(run, f, row, &day, e)) != 0)
		return status;
	if (is(row->field[f->kind], "meeting") && (call = firsts_get(
	    &act->calls, row->field[f->id])) != SD_NODAY)
		firsts_put(&act->after, row->field[f->source], call);
	if (!in_period(run, day))
		return 0;
	if (is(row->field[f->status], "done"))
		status = tally(run, &f->src, row, day, A_DONE, 1, e);
	if (status == 0 && is(intent, "won"))
		status = tally(run, &f->src, row, day, A_WON, 1, e);
	if (status == 0 && is(intent, "lost"))
		status = tally(run, &f->src, row, day, A_LOST, 1, e);
	return status;
}

static int
activity_meeting(struct run *run, const struct meetings *m,
    const sd_row *row, enum outcome oc, sd_day start, sd_day end, void *arg,
    sd_err *e)
{
	struct activity *act = arg;
	size_t g = group_of(run, &m->src, row, start);
	sd_day call;

	if (sd_agg_add(run->agg, g, oc == HELD ? A_HELD :
	    oc == CANCELLED ? A_CANCELLED : A_NO_SHOW, 1) != 0)
		return too_large(e, &m->src, row);
	if (oc == HELD && (call = firsts_get(&act->after,
	    row->field[m->id])) != SD_NODAY)
		add_wait(act, g, call - end);
	return 0;
}

static int
cmp_int32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* The median, with one decimal: the middle value, or the mean of the
 * two middle ones. */
static void
put_median(struct cells *c, struct days *d)
{
	int64_t twice;

	if (d == NULL || d->n == 0) {
		put_empty(c);
		return;
	}
	qsort(d->v, d->n, sizeof *d->v, cmp_int32);
	twice = d->n % 2 ? 2 * (int64_t)d->v[d->n / 2] :
	    (int64_t)d->v[d->n / 2 - 1] + d->v[d->n / 2];
	snprintf(c->buf[c->n], 32, "%s%lld.%d", twice < 0 ? "-" : "",
	    (long long)(llabs(twice) / 2), llabs(twice) % 2 ? 5 : 0);
	c->v[c->n] = c->buf[c->n];
	c->n++;
}

static void
activity_cells(struct result *res, struct cells *c, const int64_t *v,
    struct days *d)
{
	for (int i = A_HELD; i <= A_LOST; i++)
		put_count(c, v[i]);
	put_percent(c, v[A_WON], v[A_WON] + v[A_LOST]);
	put_median(c, d);
	add_row(res, c->v);
}

static int
activity_result(struct run *run, struct activity *act, sd_err *e)
{
	static const char *const names[] = { "held", "cancelled", "no_show",
		"done", "won", "lost", "win_rate", "median_days" };
	struct result res;
	int64_t v[A_NVALS], t[A_NVALS] = { 0 };
	size_t *order, n = sd_agg_count(run->agg);
	struct cells c;
	int status = n ? sum_groups(run, A_NVALS, t, e) : 0;

	if (n == 0 || status != 0)
		return status;
	result_init(&res, run, "Activity", true);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		column(&res, names[i]);
	series(&res, "won", "lost", false);
	order = sd_agg_sorted(run->agg);
	for (size_t i = 0; i < n; i++) {
		size_t g = order[i];

		get_values(run, g, A_NVALS, v);
		key_cells(&c, run, g);
		add_pair(&res, c.v, v[A_WON], v[A_LOST]);
		activity_cells(&res, &c, v, g < act->nlists ? &act->lists[g] :
		    NULL);
	}
	free(order);
	total_cells(&c, &res);
	activity_cells(&res, &c, t, &act->all);
	return result_end(&res, e);
}

static int
activity(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct run run;
	struct activity act = { { sd_keymap_new(), NULL, 0 },
		{ sd_keymap_new(), NULL, 0 }, NULL, 0, { NULL, 0, 0 } };
	int status;

	if ((status = no_operands(ctx, argc, argv, e)) == 0 &&
	    (status = check_options(ctx, false, true, e)) == 0 &&
	    (status = setup(&run, ctx, MEETING_KINDS | TIME_KEYS, true,
	    e)) == 0) {
		begin(&run, A_NVALS);
		status = read_calls(&run, &act, e);
		if (status == 0)
			status = read_followups(&run, activity_followup, &act,
			    e);
		if (status == 0)
			status = read_meetings(&run, activity_meeting, &act, e);
		if (status == 0)
			status = activity_result(&run, &act, e);
		sd_agg_free(run.agg);
	}
	activity_free(&act);
	return status;
}

/* report pipeline */

enum { P_COUNT, P_VALUE, P_WEIGHTED, P_NVALS };

/* Open follow-ups, in groups by their due day (none: an empty bucket). */
static int
open_deal(struct run *run, const struct followups *f, const sd_row *row,
    void *arg, sd_err *e)
{
	struct deal d;
	size_t g;
	int status;

	(void)arg;
	if (!is(row->field[f->status], "open"))
		return 0;
	if ((status = deal_of(f, row, &d, e)) != 0)
		return status;
	g = group_of(run, &f->src, row, d.due);
	if (sd_agg_add(run->agg, g, P_COUNT, 1) != 0 ||
	    sd_agg_add(run->agg, g, P_VALUE, d.value) != 0 ||
	    sd_agg_add(run->agg, g, P_WEIGHTED, d.weighted) != 0)
		return too_large(e, &f->src, row);
	return 0;
}

static void
pipeline_cells(struct result *res, struct cells *c, const int64_t *v)
{
	put_count(c, v[P_COUNT]);
	put_money(c, v[P_VALUE]);
	put_money(c, v[P_WEIGHTED]);
	add_row(res, c->v);
}

static int
pipeline_result(struct run *run, sd_err *e)
{
	struct result res;
	int64_t v[P_NVALS], t[P_NVALS] = { 0 };
	size_t *order, n = sd_agg_count(run->agg);
	struct cells c;
	int status = n ? sum_groups(run, P_NVALS, t, e) : 0;

	if (n == 0 || status != 0)
		return status;
	result_init(&res, run, "Pipeline", false);
	column(&res, "count"), column(&res, "value");
	column(&res, "weighted");
	series(&res, "value", "weighted", true);
	order = sd_agg_sorted(run->agg);
	for (size_t i = 0; i < n; i++) {
		get_values(run, order[i], P_NVALS, v);
		key_cells(&c, run, order[i]);
		add_pair(&res, c.v, v[P_VALUE], v[P_WEIGHTED]);
		pipeline_cells(&res, &c, v);
	}
	free(order);
	total_cells(&c, &res);
	pipeline_cells(&res, &c, t);
	return result_end(&res, e);
}

/* By intent always: it is added as the last key when --by lacks it. */
static int
pipeline(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct run run;
	int status;

	if ((status = no_operands(ctx, argc, argv, e)) != 0 ||
	    (status = check_options(ctx, false, false, e)) != 0 ||
	    (status = setup(&run, ctx, FOLLOWUP_KINDS | TIME_KEYS, false,
	    e)) != 0)
		return status;
	if (!has_key(&run, SD_KEY_INTENT))
		run.keys[run.nkeys++] = SD_KEY_INTENT;
	begin(&run, P_NVALS);
	status = read_followups(&run, open_deal, NULL, e);
	if (status == 0)
		status = pipeline_result(&run, e);
	sd_agg_free(run.agg);
	return status;
}

static const sd_command commands[] = {
	{ "activity", activity, false },
	{ "expenses", expenses, false },
	{ "pipeline", pipeline, false },
	{ "sales", sales, false },
	{ NULL, NULL, false },
};

static const sd_tool tool = {
	.name = "report",
	.usage =
    "usage: report sales [--by KEYS] [--period P] [--forecast] [--chart] "
    "[FILE ...]\n"
    "       report expenses [--by KEYS] [--period P] [FILE ...]\n"
    "       report activity [--by KEYS] [--period P]\n"
    "       report pipeline [--by KEYS]\n",
	.options = options,
	.on_option = on_option,
	.commands = commands,
	.formats = 1u << SD_FMT_MD | 1u << SD_FMT_HTML,
};

/* Reports for management: actual against target, expenses, activity and
 * the pipeline, from the team's CSV files. */
int
main(int argc, char **argv)
{
	return sd_main(&tool, argc, argv);
}
