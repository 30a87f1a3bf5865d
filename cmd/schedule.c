/*
 * schedule: the reps' calendars, kept in meetings.csv (schedule(1)).
 *
 * Every booking (add, book, move, import) takes the data directory's lock,
 * reads the book, checks the rules of lib/book.c and writes, all under
 * that one lock, so two coordinators booking the same rep at the same
 * minute cannot both succeed.  A booking reads only its rep's rows,
 * through the index of lib/bookindex.c, and appends its entry (a
 * million-entry book is neither read nor rewritten per booking); changes
 * to an entry rewrite the file through a table that keeps a person's
 * extra columns, then make the index anew.
 *
 * Times a person types are read on the rep's own clock; stored times carry
 * the rep's UTC offset; agenda shows each rep's local day.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "salesdesk.h"

#define BOOK		"meetings.csv"
#define WINDOW_DAYS	14	/* slots and book look this far ahead */
#define IMPORT_DAYS	90	/* recurring events are expanded this far */
#define COUNT_MAX	10000
#define MAX_CONFLICTS	16

enum {
	O_AT = SD_OPT_TOOL, O_CLIENT, O_COUNT, O_FOR, O_FORCE, O_FROM, O_KIND,
	O_NOTE, O_ON, O_PRODUCT, O_REGION, O_REP, O_STATUS, O_TO, O_UNTIL,
	O_WEEK, O_WHERE, O_END
};
#define NOPTS		(O_END - SD_OPT_TOOL)
#define BIT(o)		(1u << ((o) - SD_OPT_TOOL))
#define OPT(o)		(optarg_of[(o) - SD_OPT_TOOL])
#define HAS(o)		(OPT(o) != NULL)

static const struct option options[] = {
	{ "at",		required_argument,	NULL, O_AT },
	{ "client",	required_argument,	NULL, O_CLIENT },
	{ "count",	required_argument,	NULL, O_COUNT },
	{ "for",	required_argument,	NULL, O_FOR },
	{ "force",	no_argument,		NULL, O_FORCE },
	{ "from",	required_argument,	NULL, O_FROM },
	{ "kind",	required_argument,	NULL, O_KIND },
	{ "note",	required_argument,	NULL, O_NOTE },
	{ "on",		required_argument,	NULL, O_ON },
	{ "product",	required_argument,	NULL, O_PRODUCT },
	{ "region",	required_argument,	NULL, O_REGION },
	{ "rep",	required_argument,	NULL, O_REP },
	{ "status",	required_argument,	NULL, O_STATUS },
	{ "to",		required_argument,	NULL, O_TO },
	{ "until",	required_argument,	NULL, O_UNTIL },
	{ "week",	no_argument,		NULL, O_WEEK },
	{ "where",	required_argument,	NULL, O_WHERE },
	{ NULL, 0, NULL, 0 },
};

/* The options seen, by number; a flag's value is "". */
static const char *optarg_of[NOPTS];

#define FILTERS	(BIT(O_REP) | BIT(O_CLIENT) | BIT(O_FROM) | BIT(O_TO) | \
	BIT(O_ON) | BIT(O_STATUS) | BIT(O_KIND))
#define SELECT	(BIT(O_REP) | BIT(O_REGION) | BIT(O_PRODUCT) | BIT(O_ON) | \
	BIT(O_FROM) | BIT(O_TO) | BIT(O_FOR) | BIT(O_WHERE))
#define ENTRY	(BIT(O_CLIENT) | BIT(O_KIND) | BIT(O_WHERE) | BIT(O_NOTE))

static int
on_option(int key, const char *arg, sd_err *e)
{
	if (key < SD_OPT_TOOL || key >= O_END)
		return sd_usage_error(e, "unknown option");
	OPT(key) = arg ? arg : "";
	return 0;
}

static const char *
option_name(int key)
{
	for (const struct option *o = options; o->name; o++)
		if (o->val == key)
			return o->name;
	return "?";
}

/* A wrong option for the command is misuse, as is -o ics outside export. */
static int
allowed(const sd_ctx *ctx, unsigned mask, sd_err *e)
{
	const char *cmd = ctx->cli->args[0];

	for (int k = SD_OPT_TOOL; k < O_END; k++)
		if (HAS(k) && !(mask & BIT(k)))
			return sd_usage_error(e, "--%s does not apply to %s",
			    option_name(k), cmd);
	if (ctx->format == SD_FMT_ICS && strcmp(cmd, "export") != 0)
		return sd_usage_error(e, "-o ics is for export, not %s", cmd);
	return 0;
}

static int
need(int key, sd_err *e)
{
	if (HAS(key) && *OPT(key))
		return 0;
	return sd_usage_error(e, "--%s is required", option_name(key));
}

static int
check_text(sd_err *e)
{
	static const int keys[] = { O_CLIENT, O_NOTE, O_REP, O_WHERE };

	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (HAS(keys[i]) &&
		    !sd_utf8_valid(OPT(keys[i]), strlen(OPT(keys[i]))))
			return sd_fail(e, EX_DATAERR, "--%s: not valid UTF-8",
			    option_name(keys[i]));
	return 0;
}

static int
check_kind(const char *kind, sd_err *e)
{
	if (kind && !sd_kind_valid(kind))
		return sd_usage_error(e, "unknown kind '%s' (meeting, call, "
		    "demo, visit or away)", kind);
	return 0;
}

/* The team */

struct team {
	sd_reps reps;
	sd_rep scratch;		/* a rep when reps.csv lists nobody */
};

static int
team_load(const sd_ctx *ctx, struct team *t, sd_err *e)
{
	memset(&t->scratch, 0, sizeof t->scratch);
	return sd_reps_load(&t->reps, &ctx->store, &ctx->cfg, e);
}

/* A rep of reps.csv; without one, any id goes, on the config's hours. */
static int
team_rep(const sd_ctx *ctx, struct team *t, const char *id,
    const sd_rep **out, sd_err *e)
{
	sd_rep *r = &t->scratch;

	if (t->reps.n > 0)
		return sd_reps_need(&t->reps, id, out, e);
	r->id = (char *)id;
	r->name = r->email = r->phone = "";
	r->region = "*";
	r->day_start = ctx->cfg.day_start;
	r->day_end = ctx->cfg.day_end;
	r->days_mask = ctx->cfg.days_mask;
	r->capacity = -1;
	r->weight = 1;
	r->active = true;
	*out = r;
	return 0;
}

/* The zone an entry's times are shown in: its rep's, else the team's. */
static const char *
entry_zone(const sd_ctx *ctx, const struct team *t, const char *rep)
{
	return sd_rep_zone(sd_reps_find(&t->reps, rep), ctx->zone);
}

static sd_clock
rep_clock(const sd_ctx *ctx, const sd_rep *rep)
{
	sd_clock clk = ctx->clock;

	clk.zone = sd_rep_zone(rep, ctx->zone);
	return clk;
}

/* Words a person typed */

static int
when_arg(int key, const sd_clock *clk, sd_time *out, sd_err *e)
{
	int rc = sd_when_parse(OPT(key), clk, out);

	if (rc == SD_EGAP)
		return sd_fail(e, EX_DATAERR, "--%s: '%s' does not exist in %s: "
		    "the clocks skip that hour (daylight saving time)",
		    option_name(key), OPT(key), clk->zone ? clk->zone :
		    "the local zone");
	if (rc != 0)
		return sd_fail(e, EX_DATAERR, "--%s: bad date '%s'",
		    option_name(key), OPT(key));
	return 0;
}

static int
day_arg(int key, const sd_clock *clk, sd_day *out, sd_err *e)
{
	if (sd_when_parse_day(OPT(key), clk, out) != 0)
		return sd_fail(e, EX_DATAERR, "--%s: bad date '%s'",
		    option_name(key), OPT(key));
	return 0;
}

/* A day alone ("2026-12-05", "fri") as the end of a range means the end
 * of that day. */
static bool
names_a_day(const char *s)
{
	return strchr(s, ':') == NULL && !sd_streq_ci(s, "now") &&
	    !((s[0] == '+' || s[0] == '-') && s[1] >= '0' && s[1] <= '9');
}

static int
until_arg(int key, const sd_clock *clk, sd_time *out, sd_err *e)
{
	sd_day day;

	if (!names_a_day(OPT(key)))
		return when_arg(key, clk, out, e);
	if (day_arg(key, clk, &day, e) != 0)
		return e->status;
	if (sd_local_to_utc(clk->zone, day + 1, 0, out) != 0 &&
	    sd_local_to_utc(clk->zone, day + 1, 60, out) != 0)
		return sd_fail(e, EX_DATAERR, "--%s: bad date '%s'",
		    option_name(key), OPT(key));
	return 0;
}

static int
length_arg(int64_t *minutes, sd_err *e)
{
	sd_span sp;

	if (sd_duration_parse(OPT(O_FOR), &sp) != 0 ||
	    (*minutes = sd_span_minutes(&sp)) <= 0 ||
	    *minutes > 366 * 1440)
		return sd_fail(e, EX_DATAERR, "--for: bad duration '%s'",
		    OPT(O_FOR));
	return 0;
}

static int
count_arg(size_t *count, sd_err *e)
{
	const char *s = OPT(O_COUNT);
	size_t v = 0;

	*count = 5;
	if (s == NULL)
		return 0;
	for (; *s >= '0' && *s <= '9' && v <= COUNT_MAX; s++)
		v = v * 10 + (size_t)(*s - '0');
	if (*s != '\0' || v == 0 || v > COUNT_MAX || *OPT(O_COUNT) == '\0')
		return sd_usage_error(e, "--count: want a number 1-%d, not "
		    "'%s'", COUNT_MAX, OPT(O_COUNT));
	*count = v;
	return 0;
}

/* Start and end of a booking: --at, then --for, --until or the given
 * length. */
static int
entry_times(const sd_clock *clk, int64_t length, sd_time *start,
    sd_time *end, sd_err *e)
{
	if (HAS(O_FOR) && HAS(O_UNTIL))
		return sd_usage_error(e, "--for and --until: give one");
	if (when_arg(O_AT, clk, start, e) != 0)
		return e->status;
	if (HAS(O_UNTIL) && when_arg(O_UNTIL, clk, end, e) != 0)
		return e->status;
	if (HAS(O_FOR) && length_arg(&length, e) != 0)
		return e->status;
	if (!HAS(O_UNTIL))
		*end = *start + length * 60;
	if (*end <= *start)
		return sd_fail(e, EX_DATAERR, "--until: the end '%s' is not "
		    "after the start '%s'", OPT(O_UNTIL), OPT(O_AT));
	return 0;
}

/* Rows out */

static bool
col_is(const char *cell, const char *name)
{
	char *copy = sd_xstrdup(cell);
	bool same = sd_streq_ci(sd_trim(copy), name);

	free(copy);
	return same;
}

/* One entry as it is written: its start and end in zone. */
struct wrow {
	const sd_entry *en;
	char start[32], end[32];
};

static void
wrow_init(struct wrow *w, const sd_entry *en, const char *zone)
{
	w->en = en;
	sd_datetime_format(en->start, zone, w->start);
	sd_datetime_format(en->end, zone, w->end);
}

static const char *
wrow_get(const struct wrow *w, const char *col)
{
	const sd_entry *en = w->en;
	const char *v[] = { en->id, en->rep, en->client, w->start, w->end,
		en->kind, en->location, en->status, en->note };

	for (size_t i = 0; i < 9; i++)
		if (col_is(col, sd_book_columns[i]))
			return v[i];
	return col_is(col, "uid") ? en->uid : "";
}

static void
print_rows(const sd_ctx *ctx, const struct wrow *w, size_t n, size_t ncols,
    char *const *cols, sd_err *e)
{
	sd_out *o = sd_ctx_out(ctx);
	const char **cells = sd_xcalloc(ncols, sizeof *cells);

	sd_out_columns(o, ncols, (const char *const *)cols, NULL);
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < ncols; c++)
			cells[c] = wrow_get(&w[i], cols[c]);
		sd_out_row(o, cells);
	}
	free(cells);
	sd_out_end(o, e);
}

static void
dry_run_note(const sd_ctx *ctx)
{
	fprintf(stderr, "%s: dry run: %s not changed\n", ctx->tool, BOOK);
}

/* The columns new rows need: ours, and uid when one is set. */
static size_t
wanted(const struct wrow *w, size_t n, const char **want)
{
	size_t k = 9;

	memcpy(want, sd_book_columns, sizeof sd_book_columns);
	for (size_t i = 0; i < n; i++)
		if (*w[i].en->uid) {
			want[k++] = "uid";
			break;
		}
	return k;
}

static bool
has_all(char *const *cols, size_t ncols, const char **want, size_t nwant)
{
	for (size_t i = 0; i < nwant; i++) {
		size_t c = 0;

		while (c < ncols && !col_is(cols[c], want[i]))
			c++;
		if (c == ncols)
			return false;
	}
	return true;
}

/* The rows as CSV lines, one after another; lens[i] is row i's. */
static char *
rows_text(const struct wrow *w, size_t n, char *const *cols, size_t ncols,
    size_t *len, size_t *lens)
{
	const char **cells = sd_xcalloc(ncols, sizeof *cells);
	char *text = NULL, *line;
	size_t size = 0;

	*len = 0;
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < ncols; c++)
			cells[c] = wrow_get(&w[i], cols[c]);
		line = sd_csv_line(ncols, cells);
		lens[i] = strlen(line);
		text = sd_xrealloc(text, size += lens[i]);
		memcpy(text + *len, line, lens[i]);
		*len += lens[i];
		free(line);
	}
	free(cells);
	return text;
}

/* Append when the file has every column the rows need (a new file gets
 * them as its header); otherwise rewrite it with them added.  The index
 * the book was read through learns where the new rows are. */
static int
store_rows(sd_ctx *ctx, sd_book *b, char *const *cols, size_t ncols,
    const struct wrow *w, size_t n, sd_err *e)
{
	size_t *lens = sd_xcalloc(n, sizeof *lens), len;
	const char **reps = sd_xcalloc(n, sizeof *reps);
	char *text, *header;
	int rc;

	text = rows_text(w, n, cols, ncols, &len, lens);
	header = sd_csv_line(ncols, (const char *const *)cols);
	rc = sd_store_append(&ctx->store, BOOK, header, text, len, e);
	for (size_t i = 0; i < n; i++)
		reps[i] = w[i].en->rep;
	if (rc == 0)
		sd_book_noted(b, &ctx->store, n, reps, lens);
	free(reps);
	free(lens);
	free(text);
	free(header);
	return rc;
}

static int
rewrite_rows(sd_ctx *ctx, const char **want, size_t nwant,
    const struct wrow *w, size_t n, sd_table *t, sd_err *e)
{
	char *path = sd_store_path(&ctx->store, BOOK);
	int rc = sd_table_load(t, path, want, nwant, e);

	free(path);
	if (rc != 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		size_t r = sd_table_add(t);

		for (size_t c = 0; c < t->ncols; c++)
			sd_table_set(t, r, (int)c, wrow_get(&w[i],
			    t->cols[c]));
	}
	if (ctx->cli->dry_run)
		return 0;
	if ((rc = sd_table_save(t, &ctx->store, BOOK, e)) == 0)
		sd_book_reindex(&ctx->store, ctx->zone);
	return rc;
}

/* Give new entries their ids, write them (unless -n) and print them. */
static int
write_new(sd_ctx *ctx, sd_book *b, sd_entry *v, size_t n,
    const char *zone, sd_err *e)
{
	struct wrow *w = sd_xcalloc(n, sizeof *w);
	char (*ids)[24] = sd_xcalloc(n, sizeof *ids);
	const char *want[10];
	size_t nwant, ncols = b->ncols;
	char *const *cols = b->cols;
	int64_t first = 0;
	sd_table t = { 0 };
	int rc = 0;

	if (!ctx->cli->dry_run && (rc = sd_store_next_ids(&ctx->store, BOOK,
	    "M", (int64_t)n, &first, e)) != 0) {
		free(ids);
		free(w);
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		if (first > 0)
			snprintf(ids[i], sizeof ids[i], "M%lld",
			    (long long)(first + (int64_t)i));
		v[i].id = ids[i];
		wrow_init(&w[i], &v[i], zone);
	}
	nwant = wanted(w, n, want);
	if (ncols == 0)
		cols = (char *const *)want, ncols = nwant;
	if (has_all(cols, ncols, want, nwant)) {
		if (!ctx->cli->dry_run)
			rc = store_rows(ctx, b, cols, ncols, w, n, e);
	} else if ((rc = rewrite_rows(ctx, want, nwant, w, n, &t, e)) == 0)
		cols = t.cols, ncols = t.ncols;
	if (rc == 0) {
		if (ctx->cli->dry_run)
			dry_run_note(ctx);
		print_rows(ctx, w, n, ncols, cols, e);
	}
	sd_table_free(&t);
	free(ids);
	free(w);
	return rc ? rc : e->status;
}

/* Booking */

static int
lock(sd_ctx *ctx, sd_err *e)
{
	return ctx->cli->dry_run ? 0 : sd_store_lock(&ctx->store, e);
}

/* A rep's entries come through the index (lib/bookindex.c). */
static int
read_book(sd_ctx *ctx, sd_book *b, const char *rep, sd_err *e)
{
	return sd_book_read_store(b, &ctx->store, ctx->zone, rep, e);
}

/* Refuse on the first broken rule; with --force, warn about each. */
static int
check_rules(sd_ctx *ctx, const sd_book *b, const sd_rep *rep,
    const sd_rules *rules, const sd_entry *cand, sd_err *e)
{
	sd_conflict c[MAX_CONFLICTS];
	size_t n = sd_book_conflicts(b, rep, rules, cand, c, MAX_CONFLICTS);
	char text[512];

	for (size_t i = 0; i < n; i++) {
		sd_conflict_text(&c[i], cand, rep, rules, text, sizeof text);
		if (!HAS(O_FORCE))
			return sd_fail(e, 1, "%s", text);
		sd_warn(ctx, "%s (booked anyway: --force)", text);
	}
	return 0;
}

static void
new_entry(sd_entry *en, const sd_rep *rep, sd_time start, sd_time end)
{
	memset(en, 0, sizeof *en);
	en->id = "";
	en->rep = rep->id;
	en->client = HAS(O_CLIENT) ? (char *)OPT(O_CLIENT) : "";
	en->kind = HAS(O_KIND) ? (char *)OPT(O_KIND) : "meeting";
	en->location = HAS(O_WHERE) ? (char *)OPT(O_WHERE) : "";
	en->status = "scheduled";
	en->note = HAS(O_NOTE) ? (char *)OPT(O_NOTE) : "";
	en->uid = "";
	en->start = start;
	en->end = end;
}

static int
need_client(sd_err *e)
{
	if (HAS(O_KIND) && strcmp(OPT(O_KIND), "away") == 0)
		return 0;
	return need(O_CLIENT, e);
}

/* The rest of a booking, under the lock: read, check, write. */
static int
book_entry(sd_ctx *ctx, const sd_rep *rep, sd_entry *en, sd_err *e)
{
	sd_rules rules = { &ctx->cfg, NULL, ctx->zone };
	sd_travel travel;
	sd_book b;
	int rc;

	if ((rc = lock(ctx, e)) != 0)
		return rc;
	if ((rc = sd_travel_load(&travel, &ctx->store, e)) != 0)
		return rc;
	rules.travel = &travel;
	if ((rc = read_book(ctx, &b, rep->id, e)) == 0) {
		if ((rc = check_rules(ctx, &b, rep, &rules, en, e)) == 0)
			rc = write_new(ctx, &b, en, 1, sd_rep_zone(rep,
			    ctx->zone), e);
		sd_book_free(&b);
	}
	sd_travel_free(&travel);
	return rc;
}

static int
cmd_add(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	const sd_rep *rep;
	struct team t;
	sd_time start, end;
	sd_clock clk;
	sd_entry en;
	int rc;

	(void)argv;
	if (allowed(ctx, BIT(O_REP) | BIT(O_AT) | BIT(O_FOR) | BIT(O_UNTIL) |
	    BIT(O_FORCE) | ENTRY, e) || need(O_REP, e) || need(O_AT, e) ||
	    need_client(e) || check_kind(OPT(O_KIND), e) || check_text(e))
		return e->status;
	if (argc > 0)
		return sd_usage_error(e, "add: unexpected operand '%s'",
		    argv[0]);
	if ((rc = team_load(ctx, &t, e)) != 0)
		return rc;
	if ((rc = team_rep(ctx, &t, OPT(O_REP), &rep, e)) == 0) {
		clk = rep_clock(ctx, rep);
		rc = entry_times(&clk, ctx->cfg.length_min, &start, &end, e);
	}
	if (rc == 0) {
		if (!rep->active)
			sd_warn(ctx, "%s is not active", rep->id);
		new_entry(&en, rep, start, end);
		rc = book_entry(ctx, rep, &en, e);
	}
	sd_reps_free(&t.reps);
	return rc;
}

/* Slots */

/* The window a rep's slots are looked for in: --on (the rep's local
 * day), --from and --to (on the rep's clock), else the next two weeks;
 * never before now. */
static int
rep_window(const sd_ctx *ctx, const sd_rep *rep, sd_time *from,
    sd_time *to, sd_err *e)
{
	sd_clock clk = rep_clock(ctx, rep);
	sd_day day;

	*from = ctx->clock.now;
	if (HAS(O_ON)) {
		if (day_arg(O_ON, &clk, &day, e) != 0)
			return e->status;
		if (sd_local_to_utc(clk.zone, day, 0, from) != 0)
			sd_local_to_utc(clk.zone, day, 60, from);
		if (sd_local_to_utc(clk.zone, day + 1, 0, to) != 0)
			sd_local_to_utc(clk.zone, day + 1, 60, to);
	} else {
		if (HAS(O_FROM) && when_arg(O_FROM, &clk, from, e) != 0)
			return e->status;
		*to = *from + WINDOW_DAYS * 86400;
		if (HAS(O_TO) && until_arg(O_TO, &clk, to, e) != 0)
			return e->status;
	}
	if (*from < ctx->clock.now)
		*from = ctx->clock.now;
	return 0;
}

static int
check_window_options(sd_err *e)
{
	if (HAS(O_ON) && (HAS(O_FROM) || HAS(O_TO)))
		return sd_usage_error(e, "--on, or --from and --to: not both");
	return 0;
}

/* The reps a slot search covers: --rep, or the active reps of --region
 * and --product. */
static int
pick_reps(const sd_ctx *ctx, struct team *t, const sd_rep ***out,
    size_t *n, sd_err *e)
{
	const char *region = HAS(O_REGION) ? OPT(O_REGION) : "";
	const char *product = HAS(O_PRODUCT) ? OPT(O_PRODUCT) : "";

	*n = 0;
	*out = sd_xcalloc(t->reps.n + 1, sizeof **out);
	if (HAS(O_REP) && (HAS(O_REGION) || HAS(O_PRODUCT)))
		return sd_usage_error(e, "--rep, or --region and --product: "
		    "not both");
	if (HAS(O_REP))
		return team_rep(ctx, t, OPT(O_REP), &(*out)[(*n)++], e);
	if (!HAS(O_REGION) && !HAS(O_PRODUCT))
		return sd_usage_error(e, "give --rep, --region or --product");
	for (size_t i = 0; i < t->reps.n; i++)
		if (t->reps.v[i].active && sd_rep_covers(&t->reps.v[i], region,
		    product))
			(*out)[(*n)++] = &t->reps.v[i];
	return 0;
}

struct slot {
	const sd_rep *rep;
	sd_time start;
};

static int
by_start_rep(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->rep->id, y->rep->id);
}

/* Up to count slots for each rep, earliest first (ties by rep id). */
static int
find_slots(const sd_ctx *ctx, const sd_book *b, const sd_rules *rules,
    const sd_rep **reps, size_t nreps, int64_t minutes, size_t count,
    struct slot **out, size_t *n, sd_err *e)
{
	sd_time *starts = sd_xcalloc(count, sizeof *starts), from, to;
	int rc = 0;

	*out = NULL;
	*n = 0;
	for (size_t r = 0; rc == 0 && r < nreps; r++) {
		size_t got;

		if ((rc = rep_window(ctx, reps[r], &from, &to, e)) != 0)
			break;
		got = sd_book_free_slots(b, reps[r], rules, HAS(O_WHERE) ?
		    OPT(O_WHERE) : NULL, from, to, minutes, starts, count);
		*out = sd_xrealloc(*out, (*n + got + 1) * sizeof **out);
		for (size_t i = 0; i < got; i++)
			(*out)[(*n)++] = (struct slot){ reps[r], starts[i] };
	}
	free(starts);
	if (rc == 0 && *n > 1)
		qsort(*out, *n, sizeof **out, by_start_rep);
	return rc;
}

/* What slots and book share: the reps, the book, the rules. */
struct search {
	struct team team;
	const sd_rep **reps;
	size_t nreps;
	sd_book book;
	sd_travel travel;
	sd_rules rules;
	int64_t minutes;
	bool loaded;
};

/* book writes: it searches under the lock it writes under. */
static int
search_begin(sd_ctx *ctx, struct search *s, bool writes, sd_err *e)
{
	int rc;

	memset(s, 0, sizeof *s);
	s->minutes = ctx->cfg.length_min;
	s->rules = (sd_rules){ &ctx->cfg, &s->travel, ctx->zone };
	if ((HAS(O_FOR) && length_arg(&s->minutes, e)) ||
	    check_window_options(e) || check_text(e))
		return e->status;
	if ((rc = team_load(ctx, &s->team, e)) != 0 ||
	    (rc = pick_reps(ctx, &s->team, &s->reps, &s->nreps, e)) != 0)
		return rc;
	if ((writes && (rc = lock(ctx, e)) != 0) ||
	    (rc = sd_travel_load(&s->travel, &ctx->store, e)) != 0)
		return rc;
	rc = read_book(ctx, &s->book, HAS(O_REP) ? s->reps[0]->id : NULL, e);
	s->loaded = rc == 0;
	return rc;
}

static void
search_end(struct search *s)
{
	if (s->loaded)
		sd_book_free(&s->book);
	sd_travel_free(&s->travel);
	free(s->reps);
	sd_reps_free(&s->team.reps);
}

static void
print_slots(const sd_ctx *ctx, const struct slot *v, size_t n,
    int64_t minutes, sd_err *e)
{
	static const char *const cols[] = { "rep", "start", "end" };
	sd_out *o = sd_ctx_out(ctx);
	char start[32], end[32];

	sd_out_columns(o, 3, cols, NULL);
	for (size_t i = 0; i < n; i++) {
		const char *zone = sd_rep_zone(v[i].rep, ctx->zone);
		const char *cells[] = { v[i].rep->id, start, end };

		sd_datetime_format(v[i].start, zone, start);
		sd_datetime_format(v[i].start + minutes * 60, zone, end);
		sd_out_row(o, cells);
	}
	sd_out_end(o, e);
}

static int
cmd_slots(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct search s;
	struct slot *v = NULL;
	size_t count, n = 0;
	int rc;

	if (allowed(ctx, SELECT | BIT(O_COUNT), e) || count_arg(&count, e))
		return e->status;
	if (argc > 0)
		return sd_usage_error(e, "slots: unexpected operand '%s'",
		    argv[0]);
	if ((rc = search_begin(ctx, &s, false, e)) == 0)
		rc = find_slots(ctx, &s.book, &s.rules, s.reps, s.nreps,
		    s.minutes, count, &v, &n, e);
	if (rc == 0)
		print_slots(ctx, v, n < count ? n : count, s.minutes, e);
	free(v);
	search_end(&s);
	return rc ? rc : e->status;
}

static int
no_slot(const struct search *s, sd_err *e)
{
	sd_span sp = { .minutes = s->minutes };
	char len[SD_DURATION_MAX];

	sd_duration_format(&sp, len);
	if (HAS(O_REP))
		return sd_fail(e, 1, "no free slot of %s for %s in the window",
		    len, OPT(O_REP));
	return sd_fail(e, 1, "no free slot of %s for the active reps of "
	    "%s%s%s in the window", len, HAS(O_REGION) ? OPT(O_REGION) : "",
	    HAS(O_REGION) && HAS(O_PRODUCT) ? " and " : "",
	    HAS(O_PRODUCT) ? OPT(O_PRODUCT) : "");
}

static int
cmd_book(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct search s;
	struct slot *v = NULL;
	sd_entry en;
	size_t n = 0;
	int rc;

	if (allowed(ctx, SELECT | ENTRY, e) || need_client(e) ||
	    check_kind(OPT(O_KIND), e))
		return e->status;
	if (argc > 0)
		return sd_usage_error(e, "book: unexpected operand '%s'",
		    argv[0]);
	if ((rc = search_begin(ctx, &s, true, e)) == 0)
		rc = find_slots(ctx, &s.book, &s.rules, s.reps, s.nreps,
		    s.minutes, 1, &v, &n, e);
	if (rc == 0 && n == 0)
		rc = no_slot(&s, e);
	if (rc == 0) {
		new_entry(&en, v[0].rep, v[0].start, v[0].start +
		    s.minutes * 60);
		rc = write_new(ctx, &s.book, &en, 1, sd_rep_zone(v[0].rep,
		    ctx->zone), e);
	}
	free(v);
	search_end(&s);
	return rc;
}

/* Filters of list and export */

struct filter {
	const struct team *team;
	const char *zone;	/* the team's */
	bool by_time, by_day;
	sd_time from, to;	/* --from, --to: the start in [from, to) */
	sd_day day;		/* --on: the start's local day, rep's zone */
};

static int
filter_init(sd_ctx *ctx, const struct team *t, struct filter *f,
    sd_err *e)
{
	const sd_rep *rep = HAS(O_REP) ? sd_reps_find(&t->reps, OPT(O_REP)) :
	    NULL;
	sd_clock clk = rep_clock(ctx, rep);

	memset(f, 0, sizeof *f);
	f->team = t;
	f->zone = ctx->zone;
	if (HAS(O_REP) && t->reps.n > 0 && rep == NULL)
		return sd_reps_need(&t->reps, OPT(O_REP), &rep, e);
	if (HAS(O_STATUS) && !sd_status_valid(OPT(O_STATUS)))
		return sd_usage_error(e, "unknown status '%s' (scheduled, "
		    "done, cancelled or no-show)", OPT(O_STATUS));
	if (check_kind(OPT(O_KIND), e) || check_window_options(e))
		return e->status;
	f->by_day = HAS(O_ON);
	if (f->by_day && day_arg(O_ON, &clk, &f->day, e) != 0)
		return e->status;
	f->by_time = HAS(O_FROM) || HAS(O_TO);
	f->from = INT64_MIN;
	f->to = INT64_MAX;
	if (HAS(O_FROM) && when_arg(O_FROM, &clk, &f->from, e) != 0)
		return e->status;
	if (HAS(O_TO) && until_arg(O_TO, &clk, &f->to, e) != 0)
		return e->status;
	return 0;
}

static bool
text_is(const char *field, const char *want)
{
	return want == NULL || col_is(field, want);
}

static bool
filter_keep(const struct filter *f, const sd_entry *en)
{
	sd_day day;

	if (!text_is(en->rep, OPT(O_REP)) ||
	    !text_is(en->client, OPT(O_CLIENT)) ||
	    !text_is(en->status, OPT(O_STATUS)) ||
	    !text_is(en->kind, OPT(O_KIND)))
		return false;
	if (f->by_time && (en->start < f->from || en->start >= f->to))
		return false;
	if (f->by_day) {
		sd_utc_to_local(sd_rep_zone(sd_reps_find(&f->team->reps,
		    en->rep), f->zone), en->start, &day, NULL, NULL);
		return day == f->day;
	}
	return true;
}

/* list streams the file: rows pass through whole, extra columns too. */
struct lister {
	sd_csv *r;
	int col[6];		/* rep client status kind start end */
	const struct filter *f;
	sd_out *o;
};

static int
lister_row(struct lister *ls, sd_row *row, sd_err *e)
{
	sd_entry en = { 0 };
	const char *zone = ls->f->zone;
	char kind[16], status[16];

	en.rep = (char *)sd_row_get(row, ls->col[0]);
	en.client = (char *)sd_row_get(row, ls->col[1]);
	snprintf(status, sizeof status, "%s", *sd_row_get(row, ls->col[2]) ?
	    sd_row_get(row, ls->col[2]) : "scheduled");
	snprintf(kind, sizeof kind, "%s", *sd_row_get(row, ls->col[3]) ?
	    sd_row_get(row, ls->col[3]) : "meeting");
	en.status = status;
	en.kind = kind;
	for (int i = 4; i < 6; i++)
		if (sd_datetime_parse(sd_row_get(row, ls->col[i]), zone,
		    i == 4 ? &en.start : &en.end) != 0)
			return sd_csv_field_error(e, ls->r, row, ls->col[i],
			    "bad date and time");
	if (filter_keep(ls->f, &en))
		sd_out_row(ls->o, (const char *const *)row->field);
	return 0;
}

static int
list_columns(struct lister *ls, sd_err *e)
{
	static const char *const names[6] = { "rep", "client", "status",
		"kind", "start", "end" };

	for (int i = 0; i < 6; i++) {
		ls->col[i] = sd_csv_col(ls->r, names[i]);
		if ((i == 0 || i >= 4) &&
		    sd_csv_need(ls->r, names[i], &ls->col[i], e) != 0)
			return e->status;
	}
	return 0;
}

static int
list_file(sd_ctx *ctx, const char *path, int flags, const struct filter *f,
    sd_err *e)
{
	struct lister ls = { .f = f };
	const char **names;
	sd_row *row;
	size_t ncols;
	int rc, got = 0;

	if ((rc = sd_csv_open(&ls.r, path, flags, e)) != 0)
		return rc;
	ncols = sd_csv_ncols(ls.r);
	if (ncols > 0 && list_columns(&ls, e) != 0) {
		sd_csv_close(ls.r);
		return e->status;
	}
	names = sd_xcalloc(ncols, sizeof *names);
	for (size_t i = 0; i < ncols; i++)
		names[i] = sd_csv_colname(ls.r, i);
	ls.o = sd_ctx_out(ctx);
	sd_out_columns(ls.o, ncols, names, NULL);
	while ((got = sd_csv_next(ls.r, &row, e)) == 1)
		if (lister_row(&ls, row, e) != 0) {
			got = -1;
			break;
		}
	rc = got < 0 ? e->status : 0;
	sd_out_end(ls.o, rc ? &(sd_err){ 0 } : e);
	sd_csv_close(ls.r);
	free(names);
	return rc ? rc : e->status;
}

static int
cmd_list(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct team t;
	struct filter f;
	char *path;
	int rc;

	if (allowed(ctx, FILTERS, e))
		return e->status;
	if (argc > 1)
		return sd_usage_error(e, "schedule list: one FILE at most");
	if ((rc = team_load(ctx, &t, e)) == 0 &&
	    (rc = filter_init(ctx, &t, &f, e)) == 0) {
		path = argc ? sd_xstrdup(argv[0]) :
		    sd_store_path(&ctx->store, BOOK);
		rc = list_file(ctx, path, argc ? 0 : SD_CSV_MISSING_OK, &f, e);
		free(path);
	}
	sd_reps_free(&t.reps);
	return rc;
}

/* Agenda: each rep's day (or week) on the rep's own clock.  An entry
 * that runs over several days shows once per day it covers. */

struct piece {
	const sd_entry *en;
	sd_day day;
	int from, to;		/* minutes of that day; to may be 1440 */
};

struct agenda {
	const sd_ctx *ctx;
	sd_day first;
	int ndays;
	bool have_mid;
	const char *zone;	/* the zone mid[] is for */
	sd_time mid[8];		/* the midnights that start each day, and
				 * the one after the last */
	struct piece *v;
	size_t n, cap;
};

static sd_time
midnight(const char *zone, sd_day day)
{
	sd_time t = 0;

	if (sd_local_to_utc(zone, day, 0, &t) != 0)
		sd_local_to_utc(zone, day, 60, &t);
	return t;
}

static void
add_piece(struct agenda *ag, const sd_entry *en, sd_day day,
    const char *zone, sd_time lo, sd_time hi)
{
	sd_time s = en->start > lo ? en->start : lo;
	sd_time t = en->end < hi ? en->end : hi;
	struct piece *p;

	if (ag->n == ag->cap) {
		ag->cap = ag->cap ? ag->cap * 2 : 64;
		ag->v = sd_xrealloc(ag->v, ag->cap * sizeof *ag->v);
	}
	p = &ag->v[ag->n++];
	p->en = en;
	p->day = day;
	sd_utc_to_local(zone, s, NULL, &p->from, NULL);
	if (t == hi)
		p->to = 1440;
	else
		sd_utc_to_local(zone, t, NULL, &p->to, NULL);
}

/* The days' bounds are worked out once per zone: the book is sorted by
 * rep, so a large one costs a comparison per entry. */
static void
agenda_entry(struct agenda *ag, const sd_entry *en, const char *zone)
{
	if (!ag->have_mid || !(ag->zone == zone ||
	    (ag->zone && zone && strcmp(ag->zone, zone) == 0))) {
		for (int i = 0; i <= ag->ndays; i++)
			ag->mid[i] = midnight(zone, ag->first + i);
		ag->zone = zone;
		ag->have_mid = true;
	}
	if (en->end <= ag->mid[0] || en->start >= ag->mid[ag->ndays])
		return;
	for (int i = 0; i < ag->ndays; i++)
		if (en->start < ag->mid[i + 1] && ag->mid[i] < en->end)
			add_piece(ag, en, ag->first + i, zone, ag->mid[i],
			    ag->mid[i + 1]);
}

static int
by_rep_day(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;
	int c = strcmp(x->en->rep, y->en->rep);

	if (c != 0)
		return c;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->from != y->from)
		return x->from - y->from;
	return x->en->start < y->en->start ? -1 : x->en->start > y->en->start;
}

static void
hhmm(int minute, char buf[6])
{
	unsigned m = (unsigned)minute % 1441;

	snprintf(buf, 6, "%02u:%02u", m / 60, m % 60);
}

static void
print_agenda(const struct agenda *ag, sd_err *e)
{
	static const char *const cols[] = { "rep", "date", "start", "end",
		"kind", "client", "location", "status", "note" };
	sd_out *o = sd_ctx_out(ag->ctx);
	char date[11], from[6], to[6];

	sd_out_columns(o, 9, cols, NULL);
	for (size_t i = 0; i < ag->n; i++) {
		const struct piece *p = &ag->v[i];
		const char *cells[] = { p->en->rep, date, from, to,
			p->en->kind, p->en->client, p->en->location,
			p->en->status, p->en->note };

		sd_date_format(p->day, date);
		hhmm(p->from, from);
		hhmm(p->to, to);
		sd_out_row(o, cells);
	}
	sd_out_end(o, e);
}

static int
cmd_agenda(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct agenda ag = { .ctx = ctx, .ndays = HAS(O_WEEK) ? 7 : 1 };
	struct team t;
	struct filter f;
	sd_book b;
	int rc;

	if (allowed(ctx, BIT(O_REP) | BIT(O_ON) | BIT(O_WEEK), e))
		return e->status;
	if (argc > 0)
		return sd_usage_error(e, "agenda: unexpected operand '%s'",
		    argv[0]);
	if ((rc = team_load(ctx, &t, e)) != 0 ||
	    (rc = filter_init(ctx, &t, &f, e)) != 0 ||
	    (rc = read_book(ctx, &b, OPT(O_REP), e)) != 0) {
		sd_reps_free(&t.reps);
		return rc;
	}
	ag.first = HAS(O_ON) ? f.day : sd_today(&ctx->clock);
	for (size_t i = 0; i < b.n; i++)
		agenda_entry(&ag, &b.v[i], entry_zone(ctx, &t, b.v[i].rep));
	if (ag.n > 1)
		qsort(ag.v, ag.n, sizeof *ag.v, by_rep_day);
	print_agenda(&ag, e);
	free(ag.v);
	sd_book_free(&b);
	sd_reps_free(&t.reps);
	return e->status;
}

/* Changes to one entry: move, cancel, done, no-show */

struct change {
	sd_table t;
	long row;
	int col_start, col_end, col_status;
};

static int
change_begin(sd_ctx *ctx, const char *id, struct change *ch, sd_err *e)
{
	char *path = sd_store_path(&ctx->store, BOOK);
	int rc;

	memset(ch, 0, sizeof *ch);
	if ((rc = lock(ctx, e)) == 0)
		rc = sd_table_load(&ch->t, path, sd_book_columns, 9, e);
	free(path);
	if (rc != 0)
		return rc;
	ch->row = sd_table_find(&ch->t, sd_table_col(&ch->t, "id"), id);
	ch->col_start = sd_table_col(&ch->t, "start");
	ch->col_end = sd_table_col(&ch->t, "end");
	ch->col_status = sd_table_col(&ch->t, "status");
	if (ch->row < 0)
		return sd_fail(e, EX_DATAERR, "no entry '%s' in %s", id, BOOK);
	return 0;
}

/* Write the table back (unless -n) and print the changed row. */
static int
change_end(sd_ctx *ctx, struct change *ch, bool changed, sd_err *e)
{
	const char **cells = sd_xcalloc(ch->t.ncols, sizeof *cells);
	sd_out *o;
	int rc = 0;

	if (changed && ctx->cli->dry_run)
		dry_run_note(ctx);
	else if (changed &&
	    (rc = sd_table_save(&ch->t, &ctx->store, BOOK, e)) == 0)
		sd_book_reindex(&ctx->store, ctx->zone);
	if (rc == 0) {
		o = sd_ctx_out(ctx);
		sd_out_columns(o, ch->t.ncols, (const char *const *)ch->t.cols,
		    NULL);
		for (size_t c = 0; c < ch->t.ncols; c++)
			cells[c] = sd_table_get(&ch->t, (size_t)ch->row, (int)c);
		sd_out_row(o, cells);
		rc = sd_out_end(o, e);
	}
	free(cells);
	return rc;
}

static int
one_id(const sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	if (argc != 1)
		return sd_usage_error(e, "usage: schedule %s ID",
		    ctx->cli->args[0]);
	(void)argv;
	return 0;
}

static int
set_status(sd_ctx *ctx, int argc, char **argv, const char *status,
    sd_err *e)
{
	struct change ch;
	bool changed;
	int rc;

	if (allowed(ctx, 0, e) || one_id(ctx, argc, argv, e))
		return e->status;
	if ((rc = change_begin(ctx, argv[0], &ch, e)) == 0) {
		changed = strcmp(sd_table_get(&ch.t, (size_t)ch.row,
		    ch.col_status), status) != 0;
		sd_table_set(&ch.t, (size_t)ch.row, ch.col_status, status);
		rc = change_end(ctx, &ch, changed, e);
	}
	sd_table_free(&ch.t);
	return rc;
}

static int
cmd_cancel(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	return set_status(ctx, argc, argv, "cancelled", e);
}

static int
cmd_done(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	return set_status(ctx, argc, argv, "done", e);
}

static int
cmd_no_show(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	return set_status(ctx, argc, argv, "no-show", e);
}

/* The entry being moved, from the checked book. */
static const sd_entry *
book_find(const sd_book *b, const char *id)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->v[i].id, id) == 0)
			return &b->v[i];
	return NULL;
}

static int
move_entry(sd_ctx *ctx, struct change *ch, const sd_rep *rep,
    const sd_book *b, const sd_entry *old, sd_err *e)
{
	sd_rules rules = { &ctx->cfg, NULL, ctx->zone };
	sd_clock clk = rep_clock(ctx, rep);
	sd_entry en = *old;
	sd_travel travel;
	char start[32], end[32];
	int rc;

	if ((rc = entry_times(&clk, (old->end - old->start) / 60, &en.start,
	    &en.end, e)) != 0)
		return rc;
	if (strcmp(old->status, "scheduled") != 0)
		return sd_fail(e, 1, "%s is %s: only a scheduled entry moves",
		    old->id, old->status);
	if ((rc = sd_travel_load(&travel, &ctx->store, e)) != 0)
		return rc;
	rules.travel = &travel;
	rc = check_rules(ctx, b, rep, &rules, &en, e);
	sd_travel_free(&travel);
	if (rc != 0)
		return rc;
	sd_datetime_format(en.start, clk.zone, start);
	sd_datetime_format(en.end, clk.zone, end);
	sd_table_set(&ch->t, (size_t)ch->row, ch->col_start, start);
	sd_table_set(&ch->t, (size_t)ch->row, ch->col_end, end);
	return change_end(ctx, ch, true, e);
}

static int
cmd_move(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	const sd_entry *old;
	const sd_rep *rep;
	struct change ch;
	struct team t;
	sd_book b = { 0 };
	char *id = NULL;
	int rc;

	if (allowed(ctx, BIT(O_AT) | BIT(O_FOR) | BIT(O_UNTIL) |
	    BIT(O_FORCE), e) || one_id(ctx, argc, argv, e) || need(O_AT, e))
		return e->status;
	if ((rc = team_load(ctx, &t, e)) != 0)
		return rc;
	if ((rc = change_begin(ctx, argv[0], &ch, e)) == 0) {
		id = sd_xstrdup(sd_table_get(&ch.t, (size_t)ch.row,
		    sd_table_col(&ch.t, "rep")));
		rc = team_rep(ctx, &t, sd_trim(id), &rep, e);
	}
	if (rc == 0 && (rc = read_book(ctx, &b, rep->id, e)) == 0) {
		if ((old = book_find(&b, argv[0])) == NULL)
			rc = sd_fail(e, EX_DATAERR, "no entry '%s' in %s",
			    argv[0], BOOK);
		else
			rc = move_entry(ctx, &ch, rep, &b, old, e);
	}
	sd_book_free(&b);
	sd_table_free(&ch.t);
	sd_reps_free(&t.reps);
	free(id);
	return rc;
}

/* check */

struct checker {
	const sd_ctx *ctx;
	const struct team *team;
	sd_out *o;
};

static void
reason_text(const sd_pair *p, const sd_config *cfg, char *buf, size_t size)
{
	sd_span need = { .minutes = p->minutes };
	sd_span buffer = { .minutes = cfg->buffer_min };
	sd_span travel = { .minutes = p->minutes - cfg->buffer_min };
	char a[SD_DURATION_MAX], b[SD_DURATION_MAX];

	sd_duration_format(&buffer, b);
	if (p->rule == SD_RULE_TRAVEL) {
		sd_duration_format(&travel, a);
		snprintf(buf, size, "travel %s + buffer %s", a, b);
	} else if (p->rule == SD_RULE_BUFFER) {
		sd_duration_format(&need, a);
		snprintf(buf, size, "buffer %s", a);
	} else
		snprintf(buf, size, "%s", p->rule == SD_RULE_AWAY ? "away" :
		    "overlap");
}

static void
check_pair(const sd_pair *p, void *arg)
{
	struct checker *ck = arg;
	const char *zone = entry_zone(ck->ctx, ck->team, p->first->rep);
	char s1[32], s2[32], reason[2 * SD_DURATION_MAX + 32];
	const char *cells[] = { p->first->rep, p->first->id, p->second->id,
		s1, s2, reason };

	sd_datetime_format(p->first->start, zone, s1);
	sd_datetime_format(p->second->start, zone, s2);
	reason_text(p, &ck->ctx->cfg, reason, sizeof reason);
	sd_out_row(ck->o, cells);
}

static int
check_book(sd_ctx *ctx, const struct team *t, const sd_book *b, sd_err *e)
{
	static const char *const cols[] = { "rep", "first", "second",
		"first_start", "second_start", "reason" };
	struct checker ck = { ctx, t, sd_ctx_out(ctx) };
	sd_rules rules = { &ctx->cfg, NULL, ctx->zone };
	sd_travel travel;
	size_t n;
	int rc;

	if ((rc = sd_travel_load(&travel, &ctx->store, e)) != 0) {
		sd_out_end(ck.o, &(sd_err){ 0 });
		return rc;
	}
	rules.travel = &travel;
	sd_out_columns(ck.o, 6, cols, NULL);
	n = sd_book_check(b, &rules, check_pair, &ck);
	sd_travel_free(&travel);
	if ((rc = sd_out_end(ck.o, e)) != 0)
		return rc;
	if (n > 0)
		return sd_fail(e, 1, "%zu conflicting pair%s", n, n == 1 ?
		    "" : "s");
	return 0;
}

static int
cmd_check(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct team t;
	sd_book b;
	char *path;
	int rc;

	if (allowed(ctx, 0, e))
		return e->status;
	if (argc > 1)
		return sd_usage_error(e, "schedule check: one FILE at most");
	if ((rc = team_load(ctx, &t, e)) != 0)
		return rc;
	path = argc ? sd_xstrdup(argv[0]) : sd_store_path(&ctx->store, BOOK);
	rc = sd_book_read(&b, path, argc ? 0 : SD_CSV_MISSING_OK, ctx->zone,
	    NULL, e);
	free(path);
	if (rc == 0) {
		rc = check_book(ctx, &t, &b, e);
		sd_book_free(&b);
	}
	sd_reps_free(&t.reps);
	return rc;
}

/* export and import */

static int
by_start_id(const void *a, const void *b)
{
	const sd_entry *x = *(const sd_entry *const *)a;
	const sd_entry *y = *(const sd_entry *const *)b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int
cmd_export(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	const sd_entry **v;
	struct team t;
	struct filter f;
	sd_book b;
	size_t n = 0;
	int rc;

	if (allowed(ctx, FILTERS, e))
		return e->status;
	if (argc > 0)
		return sd_usage_error(e, "export: unexpected operand '%s'",
		    argv[0]);
	if (ctx->cli->format_set && ctx->format != SD_FMT_ICS)
		return sd_usage_error(e, "schedule export writes iCalendar: "
		    "-o ics");
	if ((rc = team_load(ctx, &t, e)) != 0 ||
	    (rc = filter_init(ctx, &t, &f, e)) != 0 ||
	    (rc = read_book(ctx, &b, OPT(O_REP), e)) != 0) {
		sd_reps_free(&t.reps);
		return rc;
	}
	v = sd_xcalloc(b.n, sizeof *v);
	for (size_t i = 0; i < b.n; i++)
		if (filter_keep(&f, &b.v[i]))
			v[n++] = &b.v[i];
	qsort(v, n, sizeof *v, by_start_id);
	if (n > 0)
		rc = sd_ical_write(stdout, v, n, ctx->cfg.domain,
		    ctx->clock.now, e);
	free(v);
	sd_book_free(&b);
	sd_reps_free(&t.reps);
	return rc;
}

static int
by_uid(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The busy times not imported before (their keys are in the uid column),
 * as away entries. */
static size_t
fresh_busy(const sd_book *b, const sd_busy_list *busy, const sd_rep *rep,
    sd_entry *out, char **notes)
{
	const char **uids = sd_xcalloc(b->n, sizeof *uids);
	size_t nuids = 0, n = 0;

	for (size_t i = 0; i < b->n; i++)
		if (*b->v[i].uid)
			uids[nuids++] = b->v[i].uid;
	qsort(uids, nuids, sizeof *uids, by_uid);
	for (size_t i = 0; i < busy->n; i++) {
		const sd_busy *bz = &busy->v[i];
		size_t len = strlen(bz->summary) + 16;

		if (bsearch(&bz->key, uids, nuids, sizeof *uids, by_uid))
			continue;
		new_entry(&out[n], rep, bz->start, bz->end);
		out[n].client = "";
		out[n].kind = "away";
		out[n].location = bz->location;
		out[n].uid = bz->key;
		notes[n] = sd_xmalloc(len);
		snprintf(notes[n], len, "imported%s%s", *bz->summary ? ": " :
		    "", bz->summary);
		out[n].note = notes[n];
		n++;
	}
	free(uids);
	return n;
}

static void
warn_overlaps(sd_ctx *ctx, const sd_book *b, const sd_rep *rep,
    const sd_entry *v, size_t n)
{
	sd_rules rules = { &ctx->cfg, NULL, ctx->zone };
	sd_conflict c[MAX_CONFLICTS];
	char text[512];

	for (size_t i = 0; i < n; i++) {
		size_t k = sd_book_conflicts(b, rep, &rules, &v[i], c,
		    MAX_CONFLICTS);

		for (size_t j = 0; j < k; j++) {
			if (c[j].rule != SD_RULE_BUSY)
				continue;
			sd_conflict_text(&c[j], &v[i], rep, &rules, text,
			    sizeof text);
			sd_warn(ctx, "imported busy time over a booking: %s",
			    text);
		}
	}
}

static int
import_busy(sd_ctx *ctx, const sd_rep *rep, const char *file, sd_err *e)
{
	const char *zone = sd_rep_zone(rep, ctx->zone);
	sd_busy_list busy;
	sd_entry *v;
	char **notes;
	sd_book b;
	size_t n;
	int rc;

	/* The calendar first: a file that cannot be read takes no lock. */
	if ((rc = sd_ical_read_busy(file, zone, ctx->clock.now,
	    ctx->clock.now + IMPORT_DAYS * 86400, &busy, e)) != 0)
		return rc;
	if ((rc = lock(ctx, e)) != 0 ||
	    (rc = read_book(ctx, &b, rep->id, e)) != 0) {
		sd_busy_list_free(&busy);
		return rc;
	}
	v = sd_xcalloc(busy.n, sizeof *v);
	notes = sd_xcalloc(busy.n, sizeof *notes);
	n = fresh_busy(&b, &busy, rep, v, notes);
	warn_overlaps(ctx, &b, rep, v, n);
	if (n > 0)
		rc = write_new(ctx, &b, v, n, zone, e);
	for (size_t i = 0; i < n; i++)
		free(notes[i]);
	free(notes);
	free(v);
	sd_busy_list_free(&busy);
	sd_book_free(&b);
	return rc;
}

static int
cmd_import(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	const sd_rep *rep;
	struct team t;
	int rc;

	if (allowed(ctx, BIT(O_REP), e) || need(O_REP, e) || check_text(e))
		return e->status;
	if (argc != 1)
		return sd_usage_error(e, "usage: schedule import --rep R "
		    "FILE.ics");
	if ((rc = team_load(ctx, &t, e)) == 0 &&
	    (rc = team_rep(ctx, &t, OPT(O_REP), &rep, e)) == 0)
		rc = import_busy(ctx, rep, argv[0], e);
	sd_reps_free(&t.reps);
	return rc;
}

static const sd_command commands[] = {
	{ "add", cmd_add, true },
	{ "agenda", cmd_agenda, false },
	{ "book", cmd_book, true },
	{ "cancel", cmd_cancel, true },
	{ "check", cmd_check, false },
	{ "done", cmd_done, true },
	{ "export", cmd_export, false },
	{ "import", cmd_import, true },
	{ "list", cmd_list, false },
	{ "move", cmd_move, true },
	{ "no-show", cmd_no_show, true },
	{ "slots", cmd_slots, false },
	{ NULL, NULL, false },
};

static const sd_tool tool = {
	.name = "schedule",
	.usage =
    "usage: schedule add --rep R --client C --at WHEN [--for DUR | --until WHEN]\n"
    "                [--kind K] [--where TEXT] [--note TEXT] [--force]\n"
    "       schedule slots (--rep R | --region X | --product P)\n"
    "                [--on DATE | --from WHEN --to WHEN] [--for DUR] [--count N]\n"
    "                [--where TEXT]\n"
    "       schedule book (--rep R | --region X | --product P) --client C\n"
    "                [--on DATE | --from WHEN --to WHEN] [--for DUR] [--kind K]\n"
    "                [--where TEXT] [--note TEXT]\n"
    "       schedule list [--rep R] [--client C] [--from WHEN] [--to WHEN] [--on DATE]\n"
    "                [--status S] [--kind K] [FILE | -]\n"
    "       schedule agenda [--rep R] [--on DATE] [--week]\n"
    "       schedule move ID --at WHEN [--for DUR | --until WHEN] [--force]\n"
    "       schedule cancel | done | no-show ID\n"
    "       schedule check [FILE | -]\n"
    "       schedule export [--rep R] [--client C] [--from WHEN] [--to WHEN]\n"
    "                [--on DATE] [--status S] [--kind K] [-o ics]\n"
    "       schedule import --rep R FILE.ics\n",
	.options = options,
	.on_option = on_option,
	.commands = commands,
	.formats = 1u << SD_FMT_ICS,
};

/* schedule: book, move and check the reps' meetings, find free slots,
 * show agendas, and trade busy times with calendar software. */
int
main(int argc, char **argv)
{
	return sd_main(&tool, argc, argv);
}
