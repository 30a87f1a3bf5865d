/*
 * followup: the coordinator's call list (followups.csv).  plan opens one
 * follow-up per done meeting or expiring contract, deliveries one per late
 * order and one per order with a problem, add one by hand; log records a
 * call; due, stale and list read.  Opening is idempotent: the input is read
 * first (a pipe from a tool that holds the lock must not wait on us), then
 * under one lock the sources already followed up are hashed, the new rows
 * numbered and appended.  See followup(1).
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

enum { O_AFTER = SD_OPT_TOOL, O_CLIENT, O_DAYS, O_DONE, O_DUE, O_INTENT,
	O_KIND, O_NEXT, O_NOTE, O_ON, O_OVERDUE, O_PROBABILITY, O_REP,
	O_ROADBLOCK, O_SOURCE, O_STATUS, O_TERMS, O_VALUE, O_END };

#define NOPTS		(O_END - SD_OPT_TOOL)
#define BIT(o)		(1u << ((o) - SD_OPT_TOOL))
#define ARG(o)		(optval[(o) - SD_OPT_TOOL])
#define HAS(o)		((seen & BIT(o)) != 0)
#define MAX_ROADBLOCKS	32

static const struct option options[] = {
	{ "after",	required_argument,	NULL, O_AFTER },
	{ "client",	required_argument,	NULL, O_CLIENT },
	{ "days",	required_argument,	NULL, O_DAYS },
	{ "done",	no_argument,		NULL, O_DONE },
	{ "due",	required_argument,	NULL, O_DUE },
	{ "intent",	required_argument,	NULL, O_INTENT },
	{ "kind",	required_argument,	NULL, O_KIND },
	{ "next",	required_argument,	NULL, O_NEXT },
	{ "note",	required_argument,	NULL, O_NOTE },
	{ "on",		required_argument,	NULL, O_ON },
	{ "overdue",	no_argument,		NULL, O_OVERDUE },
	{ "probability", required_argument,	NULL, O_PROBABILITY },
	{ "rep",	required_argument,	NULL, O_REP },
	{ "roadblock",	required_argument,	NULL, O_ROADBLOCK },
	{ "source",	required_argument,	NULL, O_SOURCE },
	{ "status",	required_argument,	NULL, O_STATUS },
	{ "terms",	required_argument,	NULL, O_TERMS },
	{ "value",	required_argument,	NULL, O_VALUE },
	{ NULL, 0, NULL, 0 },
};

/* Options arrive before the command is known: keep them all, and let
 * each command refuse the ones it does not take. */
static const char *optval[NOPTS];
static unsigned seen;
static const char *roadblocks[MAX_ROADBLOCKS];
static size_t nroadblocks;

static const char *const kind_names[] = { "meeting", "inbound", "delivery",
	"issue", "renewal" };
static const char *const meeting_cols[] = { "id", "rep", "client", "start",
	"end", "kind", "location", "status", "note" };
static const char *const contract_cols[] = { "id", "client", "title",
	"kind", "status", "file", "sha256", "bytes", "signed", "starts",
	"expires", "notice", "renewal", "rep", "added", "note" };

#define NELEM(a)	(sizeof (a) / sizeof *(a))

static int
on_option(int key, const char *arg, sd_err *e)
{
	if (key < SD_OPT_TOOL || key >= O_END)
		return sd_usage_error(e, "unknown option");
	if (key == O_ROADBLOCK) {
		if (nroadblocks == MAX_ROADBLOCKS)
			return sd_usage_error(e, "more than %d --roadblock "
			    "options", MAX_ROADBLOCKS);
		roadblocks[nroadblocks++] = arg;
	}
	seen |= BIT(key);
	ARG(key) = arg;
	return 0;
}

static int
only_options(const sd_ctx *ctx, unsigned allowed, sd_err *e)
{
	for (const struct option *o = options; o->name; o++)
		if ((seen & BIT(o->val)) && !(allowed & BIT(o->val)))
			return sd_usage_error(e, "%s does not take --%s",
			    ctx->cli->args[0], o->name);
	return 0;
}

static int
check_usage(const sd_ctx *ctx, unsigned allowed, int argc, int min, int max,
    sd_err *e)
{
	if (only_options(ctx, allowed, e) != 0)
		return EX_USAGE;
	if (argc < min)
		return sd_usage_error(e, "%s: missing operand",
		    ctx->cli->args[0]);
	if (argc > max)
		return sd_usage_error(e, "%s: too many operands",
		    ctx->cli->args[0]);
	return 0;
}

static const char *
kind_name(unsigned bit)
{
	for (size_t i = 0; i < NELEM(kind_names); i++)
		if (bit == 1u << i)
			return kind_names[i];
	return "";
}

static enum sd_coltype
col_type(const char *name)
{
	static const char *const numbers[] = { "probability", "value",
		"days_overdue", "days_since" };

	for (size_t i = 0; i < NELEM(numbers); i++)
		if (sd_streq_ci(name, numbers[i]))
			return SD_NUM;
	return SD_TEXT;
}

static void
out_columns(sd_out *o, size_t n, const char *const *names)
{
	enum sd_coltype *types = sd_xcalloc(n, sizeof *types);

	for (size_t i = 0; i < n; i++)
		types[i] = col_type(names[i]);
	sd_out_columns(o, n, names, types);
	free(types);
}

static void
dry_note(const sd_ctx *ctx, const char *file)
{
	fprintf(stderr, "%s: dry run: %s not changed\n", ctx->tool, file);
}

/* The desk: the team and its clients, read once per run. */

struct desk {
	sd_ctx *ctx;
	sd_reps reps;
	sd_table clients;
	sd_fu_map *client_row;	/* NULL until clients.csv is read */
};

static int
desk_init(struct desk *d, sd_ctx *ctx, sd_err *e)
{
	memset(d, 0, sizeof *d);
	d->ctx = ctx;
	return sd_reps_load(&d->reps, &ctx->store, &ctx->cfg, e);
}

static void
desk_free(struct desk *d)
{
	sd_reps_free(&d->reps);
	if (d->client_row != NULL)
		sd_table_free(&d->clients);
	sd_fu_map_free(d->client_row);
}

static int
load_clients(struct desk *d, sd_err *e)
{
	static const char *const want[] = { "client", "name", "phone", "rep" };
	char *path = sd_store_path(&d->ctx->store, "clients.csv");
	int rc = sd_table_load(&d->clients, path, want, NELEM(want), e);
	int col = sd_table_col(&d->clients, "client");

	free(path);
	d->client_row = sd_fu_map_new();
	for (size_t i = 0; rc == 0 && i < d->clients.nrows; i++) {
		char *key = sd_xstrdup(sd_table_get(&d->clients, i, col));

		if (sd_fu_map_get(d->client_row, sd_trim(key)) == NULL)
			*sd_fu_map_put(d->client_row, sd_trim(key)) =
			    (int64_t)i;
		free(key);
	}
	return rc;
}

/* A column of the client's row in clients.csv, or "". */
static int
client_get(struct desk *d, const char *client, const char *col,
    const char **out, sd_err *e)
{
	int64_t *row;
	int rc;

	*out = "";
	if (d->client_row == NULL && (rc = load_clients(d, e)) != 0)
		return rc;
	if ((row = sd_fu_map_get(d->client_row, client)) != NULL)
		*out = sd_table_get(&d->clients, (size_t)*row,
		    sd_table_col(&d->clients, col));
	return 0;
}

/* Any rep goes while the team has no reps.csv; a follow-up may have no
 * rep at all when neither its source nor clients.csv names one. */
static bool
rep_ok(const struct desk *d, const char *rep)
{
	return *rep == '\0' || d->reps.n == 0 ||
	    sd_reps_find(&d->reps, rep) != NULL;
}

static sd_clock
rep_clock(const struct desk *d, const char *rep)
{
	sd_clock clk = d->ctx->clock;

	clk.zone = sd_rep_zone(sd_reps_find(&d->reps, rep), d->ctx->zone);
	return clk;
}

static void
stamp(const struct desk *d, const char *rep, char buf[32])
{
	sd_clock clk = rep_clock(d, rep);

	sd_datetime_format(clk.now, clk.zone, buf);
}

/* New follow-ups, gathered before the lock and numbered under it. */

struct batch {
	size_t n, cap;
	char **cells;		/* n rows of SD_FU_NCOLS */
	unsigned *blocked_by;	/* kinds whose presence for the source
				 * rules the row out; 0: never */
	size_t nextra;		/* pass-through columns (plan) */
	char **extra_names;
	char **extras;		/* n rows of nextra */
};

static void
set(char **row, int col, const char *value)
{
	free(row[col]);
	row[col] = sd_xstrdup(value);
}

static char **
batch_add(struct batch *b, unsigned blocked_by)
{
	char **row;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->cells = sd_xrealloc(b->cells,
		    b->cap * SD_FU_NCOLS * sizeof *b->cells);
		b->blocked_by = sd_xrealloc(b->blocked_by,
		    b->cap * sizeof *b->blocked_by);
		b->extras = sd_xrealloc(b->extras,
		    b->cap * (b->nextra + 1) * sizeof *b->extras);
	}
	row = b->cells + b->n * SD_FU_NCOLS;
	for (int c = 0; c < SD_FU_NCOLS; c++)
		row[c] = sd_xstrdup("");
	for (size_t c = 0; c < b->nextra; c++)
		b->extras[b->n * b->nextra + c] = NULL;
	b->blocked_by[b->n++] = blocked_by;
	return row;
}

static void
free_row(struct batch *b, size_t i)
{
	for (int c = 0; c < SD_FU_NCOLS; c++)
		free(b->cells[i * SD_FU_NCOLS + (size_t)c]);
	for (size_t c = 0; c < b->nextra; c++)
		free(b->extras[i * b->nextra + c]);
}

static void
move_row(struct batch *b, size_t from, size_t to)
{
	if (from == to)
		return;
	memcpy(b->cells + to * SD_FU_NCOLS, b->cells + from * SD_FU_NCOLS,
	    SD_FU_NCOLS * sizeof *b->cells);
	memcpy(b->extras + to * b->nextra, b->extras + from * b->nextra,
	    b->nextra * sizeof *b->extras);
	b->blocked_by[to] = b->blocked_by[from];
}

static void
batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		free_row(b, i);
	for (size_t c = 0; c < b->nextra; c++)
		free(b->extra_names[c]);
	free(b->extra_names);
	free(b->extras);
	free(b->cells);
	free(b->blocked_by);
}

struct fu {
	const char *client, *rep, *kind, *source, *note;
	sd_day due;
};

static char **
add_followup(const struct desk *d, struct batch *b, const struct fu *f,
    unsigned blocked_by)
{
	char **row = batch_add(b, blocked_by);
	char due[11], now[32];

	sd_date_format(f->due, due);
	stamp(d, f->rep, now);
	set(row, SD_FU_CLIENT, f->client);
	set(row, SD_FU_REP, f->rep);
	set(row, SD_FU_DUE, due);
	set(row, SD_FU_KIND, f->kind);
	set(row, SD_FU_STATUS, "open");
	set(row, SD_FU_SOURCE, f->source);
	set(row, SD_FU_NOTE, f->note);
	set(row, SD_FU_UPDATED, now);
	return row;
}

/* May a follow-up that a kind in blocked_by rules out be opened for
 * source?  Then source counts as having one of kind from now on, so a
 * source twice in the input opens once. */
static bool
claim(sd_fu_map *known, const char *source, unsigned blocked_by,
    unsigned kind)
{
	int64_t *kinds;

	if (blocked_by == 0 || *source == '\0')
		return true;
	kinds = sd_fu_map_put(known, source);
	if (*kinds & blocked_by)
		return false;
	*kinds |= kind;
	return true;
}

static bool
is_new(sd_fu_map *known, const struct batch *b, size_t i)
{
	char *const *row = b->cells + i * SD_FU_NCOLS;

	return claim(known, row[SD_FU_SOURCE], b->blocked_by[i],
	    sd_fu_kind_parse(row[SD_FU_KIND]));
}

/* What followups.csv held before the lock: rows it already follows up
 * are dropped as they are read, so a million known meetings cost a hash
 * lookup each, not a row in memory.  The check that counts is made again
 * under the lock. */
static int
load_known(sd_ctx *ctx, sd_fu_map **known, sd_err *e)
{
	char *path = sd_store_path(&ctx->store, "followups.csv");
	int64_t high;
	int rc;

	*known = sd_fu_map_new();
	rc = sd_fu_sources_load(path, *known, &high, e);
	free(path);
	return rc;
}

/* Drop the rows whose source already has its follow-up; *high is the
 * highest id in the file (for the ids a dry run shows). */
static int
drop_known(sd_ctx *ctx, struct batch *b, int64_t *high, sd_err *e)
{
	bool need = ctx->cli->dry_run;
	sd_fu_map *known;
	size_t kept = 0;
	char *path;
	int rc;

	*high = 0;
	for (size_t i = 0; i < b->n; i++)
		need = need || b->blocked_by[i] != 0;
	if (!need)
		return 0;
	path = sd_store_path(&ctx->store, "followups.csv");
	known = sd_fu_map_new();
	if ((rc = sd_fu_sources_load(path, known, high, e)) == 0) {
		for (size_t i = 0; i < b->n; i++)
			if (is_new(known, b, i))
				move_row(b, i, kept++);
			else
				free_row(b, i);
		b->n = kept;
	}
	sd_fu_map_free(known);
	free(path);
	return rc;
}

static void
number(struct batch *b, int64_t first)
{
	char id[32];

	for (size_t i = 0; i < b->n; i++) {
		snprintf(id, sizeof id, "F%lld", (long long)(first +
		    (int64_t)i));
		set(b->cells + i * SD_FU_NCOLS, SD_FU_ID, id);
	}
}

static int
print_batch(const sd_ctx *ctx, const struct batch *b, sd_err *e)
{
	size_t n = SD_FU_NCOLS + b->nextra;
	const char **names = sd_xcalloc(n, sizeof *names);
	const char **v = sd_xcalloc(n, sizeof *v);
	sd_out *o = sd_ctx_out(ctx);

	for (size_t c = 0; c < n; c++)
		names[c] = c < SD_FU_NCOLS ? sd_fu_cols[c] :
		    b->extra_names[c - SD_FU_NCOLS];
	out_columns(o, n, names);
	for (size_t i = 0; i < b->n; i++) {
		for (size_t c = 0; c < n; c++)
			v[c] = c < SD_FU_NCOLS ? b->cells[i * SD_FU_NCOLS + c] :
			    b->extras[i * b->nextra + c - SD_FU_NCOLS];
		sd_out_row(o, v);
	}
	free(names);
	free(v);
	return sd_out_end(o, e);
}

/* Under one lock: what is already followed up, the ids, the append. */
static int
commit(sd_ctx *ctx, struct batch *b, sd_err *e)
{
	bool dry = ctx->cli->dry_run;
	int64_t first = 0, high = 0;
	int rc = 0;

	if (b->n == 0 && !dry)
		return 0;
	if (!dry && (rc = sd_store_lock(&ctx->store, e)) != 0)
		return rc;
	rc = drop_known(ctx, b, &high, e);
	if (rc == 0 && b->n > 0 && !dry)
		rc = sd_store_next_ids(&ctx->store, "followups.csv", "F",
		    (int64_t)b->n, &first, e);
	if (rc == 0 && b->n > 0) {
		number(b, dry ? high + 1 : first);
		if (!dry)
			rc = sd_fu_append(&ctx->store,
			    (const char *const *)b->cells, b->n, e);
	}
	sd_store_unlock(&ctx->store);
	if (rc == 0)
		rc = print_batch(ctx, b, e);
	if (rc == 0 && dry)
		dry_note(ctx, "followups.csv");
	return rc;
}

/* Reading rows from a file or a pipe */

struct reader {
	struct desk *d;
	sd_csv *r;
	sd_row *row;
	sd_fu_map *known;	/* plan, deliveries: sources followed up */
	int col[16];
	const sd_span *span;	/* plan: --after */
	sd_day today;
};

/* A known column's value, trimmed in the row's own buffer. */
static const char *
fld(const struct reader *rd, int c)
{
	int i = rd->col[c];

	return i < 0 ? "" : sd_trim(rd->row->field[i]);
}

static int
ferr(const struct reader *rd, int c, const char *what, sd_err *e)
{
	return sd_csv_field_error(e, rd->r, rd->row, rd->col[c], what);
}

/* The first nneed of names must be in the header, the rest may be. */
static int
find_cols(struct reader *rd, const char *const *names, size_t n,
    size_t nneed, sd_err *e)
{
	for (size_t i = 0; i < n; i++) {
		if (i < nneed && sd_csv_need(rd->r, names[i], &rd->col[i], e))
			return e->status;
		if (i >= nneed)
			rd->col[i] = sd_csv_col(rd->r, names[i]);
	}
	return 0;
}

/* For plan, a pipe on stdin is the input when no operand names one, so
 * "schedule list ... | followup plan" works as written; a terminal, a
 * file or /dev/null leaves the usual data file.  deliveries has no such
 * pipe in its life: cron hands every job a pipe on stdin, so it reads
 * stdin only when told to with "-". */
static bool
stdin_is_pipe(void)
{
	struct stat sb;

	return fstat(STDIN_FILENO, &sb) == 0 && (S_ISFIFO(sb.st_mode) ||
	    S_ISSOCK(sb.st_mode));
}

/* The input named by the operand, else (if piped_ok) a pipe on stdin,
 * else DIR/name (missing: empty). */
static int
open_input(struct reader *rd, int argc, char **argv, const char *name,
    bool piped_ok, sd_err *e)
{
	char *path;
	int rc;

	if (argc > 0)
		return sd_csv_open(&rd->r, argv[0], 0, e);
	if (piped_ok && stdin_is_pipe())
		return sd_csv_open(&rd->r, "-", 0, e);
	path = sd_store_path(&rd->d->ctx->store, name);
	rc = sd_csv_open(&rd->r, path, SD_CSV_MISSING_OK, e);
	free(path);
	return rc;
}

/* The row's rep, else the client's owner; either must be on the team. */
static int
row_rep(struct reader *rd, int crep, int cclient, const char **rep,
    sd_err *e)
{
	int rc;

	*rep = fld(rd, crep);
	if (**rep != '\0') {
		if (!rep_ok(rd->d, *rep))
			return ferr(rd, crep, "unknown rep", e);
		return 0;
	}
	if ((rc = client_get(rd->d, fld(rd, cclient), "rep", rep, e)) != 0)
		return rc;
	if (!rep_ok(rd->d, *rep))
		return ferr(rd, cclient, "the client's owner in clients.csv "
		    "is not in reps.csv", e);
	return 0;
}

static int
need_text(const struct reader *rd, int c, const char *what, sd_err *e)
{
	if (*fld(rd, c) == '\0')
		return ferr(rd, c, what, e);
	return 0;
}

static int
get_day(const struct reader *rd, int c, sd_day *day, sd_err *e)
{
	const char *s = fld(rd, c);

	*day = SD_FU_NODAY;
	if (*s != '\0' && sd_date_parse(s, day) != 0)
		return ferr(rd, c, "bad date", e);
	return 0;
}

/* plan: meetings */

enum { M_ID, M_REP, M_CLIENT, M_END, M_KIND, M_STATUS, M_NCOLS };
static const char *const meeting_need[M_NCOLS] = { "id", "rep", "client",
	"end", "kind", "status" };

/* The end's local date is the date part as written: a stored end carries
 * the rep's offset, one without an offset is local already. */
static int
end_day(const char *s, const char *zone, sd_day *day)
{
	char date[11];
	sd_time t;

	if (sd_datetime_parse(s, zone, &t) != 0 || strlen(s) < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	return sd_date_parse(date, day);
}

static void
pass_through(const struct reader *rd, struct batch *b, const int *from)
{
	char **dst = b->extras + (b->n - 1) * b->nextra;

	for (size_t c = 0; c < b->nextra; c++)
		dst[c] = sd_xstrdup(sd_row_get(rd->row, from[c]));
}

static int
meeting_row(struct reader *rd, struct batch *b, const int *extra, sd_err *e)
{
	const char *kind = fld(rd, M_KIND), *rep;
	struct fu f = { .kind = "meeting" };
	char note[128], date[11];
	sd_day end;
	int rc;

	if (!sd_streq_ci(fld(rd, M_STATUS), "done") || sd_streq_ci(kind, "away"))
		return 0;
	if ((rc = need_text(rd, M_ID, "no meeting id", e)) != 0 ||
	    (rc = need_text(rd, M_CLIENT, "no client", e)) != 0 ||
	    !claim(rd->known, fld(rd, M_ID), ~0u, SD_FK_MEETING))
		return rc;
	if (end_day(fld(rd, M_END), rd->d->ctx->zone, &end) != 0)
		return ferr(rd, M_END, "bad date and time", e);
	if ((rc = row_rep(rd, M_REP, M_CLIENT, &rep, e)) != 0)
		return rc;
	sd_date_format(end, date);
	snprintf(note, sizeof note, "%.40s on %s", *kind ? kind : "meeting",
	    date);
	f.client = fld(rd, M_CLIENT);
	f.rep = rep;
	f.source = fld(rd, M_ID);
	f.note = note;
	f.due = sd_span_add_day(&rd->d->ctx->cfg.cal, end, rd->span, 1);
	add_followup(rd->d, b, &f, ~0u);
	pass_through(rd, b, extra);
	return 0;
}

/* plan: contracts */

enum { K_ID, K_CLIENT, K_EXPIRES, K_TITLE, K_STATUS, K_NOTICE, K_NOTICE_ON,
	K_REP, K_NCOLS };
static const char *const contract_want[K_NCOLS] = { "id", "client",
	"expires", "title", "status", "notice", "notice_on", "rep" };

/* The notice date: notice_on when the input has it, else expires less
 * notice.  *has is false for a contract that does not expire. */
static int
notice_day(const struct reader *rd, sd_day *due, bool *has, sd_err *e)
{
	const char *notice = fld(rd, K_NOTICE);
	sd_day expires;
	sd_span span;
	int rc;

	*has = false;
	if ((rc = get_day(rd, K_NOTICE_ON, due, e)) != 0 ||
	    (rc = get_day(rd, K_EXPIRES, &expires, e)) != 0)
		return rc;
	if (*due != SD_FU_NODAY || expires == SD_FU_NODAY) {
		*has = *due != SD_FU_NODAY;
		return 0;
	}
	if (*notice != '\0' && (sd_span_parse(notice, &span) != 0 ||
	    span.minutes != 0 || span.days < 0 || span.bdays < 0 ||
	    span.months < 0))
		return ferr(rd, K_NOTICE, "bad notice (a span such as 60d or "
		    "3m)", e);
	*due = *notice ? sd_span_add_day(&rd->d->ctx->cfg.cal, expires, &span,
	    -1) : expires;
	*has = true;
	return 0;
}

static void
contract_note(const struct reader *rd, char *buf, size_t size)
{
	const char *title = fld(rd, K_TITLE), *expires = fld(rd, K_EXPIRES);

	if (*title && *expires)
		snprintf(buf, size, "%.80s, expires %s", title, expires);
	else if (*expires)
		snprintf(buf, size, "expires %s", expires);
	else
		snprintf(buf, size, "%.80s", title);
}

static int
contract_row(struct reader *rd, struct batch *b, const int *extra,
    sd_err *e)
{
	struct fu f = { .kind = "renewal" };
	char note[128];
	bool has;
	int rc;

	if (sd_streq_ci(fld(rd, K_STATUS), "terminated"))
		return 0;
	if ((rc = need_text(rd, K_ID, "no contract id", e)) != 0 ||
	    (rc = notice_day(rd, &f.due, &has, e)) != 0 || !has ||
	    !claim(rd->known, fld(rd, K_ID), ~0u, SD_FK_RENEWAL))
		return rc;
	if ((rc = need_text(rd, K_CLIENT, "no client", e)) != 0 ||
	    (rc = row_rep(rd, K_REP, K_CLIENT, &f.rep, e)) != 0)
		return rc;
	contract_note(rd, note, sizeof note);
	f.client = fld(rd, K_CLIENT);
	f.source = fld(rd, K_ID);
	f.note = note;
	add_followup(rd->d, b, &f, ~0u);
	pass_through(rd, b, extra);
	return 0;
}

static bool
listed(const char *name, const char *const *names, size_t n)
{
	char *copy = sd_xstrdup(name);
	const char *key = sd_trim(copy);
	bool found = false;

	for (size_t i = 0; i < n && !found; i++)
		found = sd_streq_ci(key, names[i]);
	free(copy);
	return found;
}

/* Columns of the input that are neither its file's own nor ours pass
 * through; returns their indexes (malloc'd). */
static int *
find_extras(struct reader *rd, struct batch *b, bool contracts)
{
	size_t n = sd_csv_ncols(rd->r);
	int *idx = sd_xcalloc(n, sizeof *idx);

	b->extra_names = sd_xcalloc(n, sizeof *b->extra_names);
	for (size_t i = 0; i < n; i++) {
		const char *name = sd_csv_colname(rd->r, i);

		if ((contracts ? listed(name, contract_cols,
		    NELEM(contract_cols)) : listed(name, meeting_cols,
		    NELEM(meeting_cols))) || listed(name, sd_fu_cols,
		    SD_FU_NCOLS))
			continue;
		idx[b->nextra] = (int)i;
		b->extra_names[b->nextra++] = sd_xstrdup(name);
	}
	return idx;
}

static int
read_plan(struct reader *rd, struct batch *b, sd_err *e)
{
	bool contracts = sd_csv_col(rd->r, "expires") >= 0;
	int *extra, got, rc;

	if (sd_csv_ncols(rd->r) == 0)
		return 0;
	rc = contracts ? find_cols(rd, contract_want, K_NCOLS, 3, e) :
	    find_cols(rd, meeting_need, M_NCOLS, M_NCOLS, e);
	if (rc != 0)
		return rc;
	extra = find_extras(rd, b, contracts);
	while (rc == 0 && (got = sd_csv_next(rd->r, &rd->row, e)) == 1)
		rc = contracts ? contract_row(rd, b, extra, e) :
		    meeting_row(rd, b, extra, e);
	free(extra);
	return rc != 0 ? rc : got < 0 ? e->status : 0;
}

static int
after_span(const sd_ctx *ctx, sd_span *span, sd_err *e)
{
	const char *s = ARG(O_AFTER);

	*span = ctx->cfg.followup_after;
	if (!HAS(O_AFTER))
		return 0;
	if (sd_span_parse(s, span) != 0 || span->minutes != 0 ||
	    span->days < 0 || span->bdays < 0 || span->months < 0)
		return sd_fail(e, EX_DATAERR, "bad span '%s' (days, business "
		    "days, weeks or months: 2bd, 3d, 1w, 1m)", s);
	return 0;
}

static int
run_plan(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct batch b = { 0 };
	struct reader rd = { 0 };
	struct desk d;
	sd_span span;
	int rc;

	if ((rc = check_usage(ctx, BIT(O_AFTER), argc, 0, 1, e)) != 0 ||
	    (rc = after_span(ctx, &span, e)) != 0)
		return rc;
	if ((rc = desk_init(&d, ctx, e)) == 0 &&
	    (rc = load_known(ctx, &rd.known, e)) == 0) {
		rd.d = &d;
		rd.span = &span;
		if ((rc = open_input(&rd, argc, argv, "meetings.csv", true, e)) == 0)
			rc = read_plan(&rd, &b, e);
		sd_csv_close(rd.r);
	}
	sd_fu_map_free(rd.known);
	if (rc == 0)
		rc = commit(ctx, &b, e);
	batch_free(&b);
	desk_free(&d);
	return rc;
}

/* deliveries */

enum { D_ORDER, D_CLIENT, D_PROMISED, D_SHIPPED, D_INSTALLED, D_STATUS,
	D_ISSUE, D_REP, D_NCOLS };
static const char *const order_want[D_NCOLS] = { "order", "client",
	"promised", "shipped", "installed", "status", "issue", "rep" };

static void
order_note(const struct reader *rd, unsigned kind, const sd_order *o,
    char *buf, size_t size)
{
	char day[11];

	if (kind == SD_FK_ISSUE)
		snprintf(buf, size, "%s", fld(rd, D_ISSUE));
	else if (o->shipped == SD_FU_NODAY) {
		sd_date_format(o->promised, day);
		snprintf(buf, size, "not shipped, promised %s", day);
	} else {
		sd_date_format(o->shipped, day);
		snprintf(buf, size, "shipped %s, not installed", day);
	}
}

static int
order_row(struct reader *rd, struct batch *b, sd_err *e)
{
	sd_order o = { .status = fld(rd, D_STATUS), .issue = fld(rd, D_ISSUE) };
	struct fu f = { .due = rd->today };
	unsigned want;
	char note[256];
	int rc;

	if ((rc = need_text(rd, D_ORDER, "no order number", e)) != 0 ||
	    (rc = get_day(rd, D_PROMISED, &o.promised, e)) != 0 ||
	    (rc = get_day(rd, D_SHIPPED, &o.shipped, e)) != 0 ||
	    (rc = get_day(rd, D_INSTALLED, &o.installed, e)) != 0)
		return rc;
	want = sd_order_followups(&o, rd->today, &rd->d->ctx->cfg.cal,
	    &rd->d->ctx->cfg.install_within);
	for (unsigned k = SD_FK_DELIVERY; k <= SD_FK_ISSUE; k <<= 1)
		if ((want & k) && !claim(rd->known, fld(rd, D_ORDER), k, k))
			want &= ~k;
	if (want == 0)
		return 0;
	if ((rc = need_text(rd, D_CLIENT, "no client", e)) != 0 ||
	    (rc = row_rep(rd, D_REP, D_CLIENT, &f.rep, e)) != 0)
		return rc;
	f.client = fld(rd, D_CLIENT);
	f.source = fld(rd, D_ORDER);
	f.note = note;
	for (unsigned k = SD_FK_DELIVERY; k <= SD_FK_ISSUE; k <<= 1)
		if (want & k) {
			f.kind = kind_name(k);
			order_note(rd, k, &o, note, sizeof note);
			add_followup(rd->d, b, &f, k);
		}
	return 0;
}

static int
read_orders(struct reader *rd, struct batch *b, sd_err *e)
{
	int got = 0, rc;

	if (sd_csv_ncols(rd->r) == 0)
		return 0;
	if ((rc = find_cols(rd, order_want, D_NCOLS, D_REP, e)) != 0)
		return rc;
	while (rc == 0 && (got = sd_csv_next(rd->r, &rd->row, e)) == 1)
		rc = order_row(rd, b, e);
	return rc != 0 ? rc : got < 0 ? e->status : 0;
}

static int
run_deliveries(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct batch b = { 0 };
	struct reader rd = { 0 };
	struct desk d;
	int rc;

	if ((rc = check_usage(ctx, 0, argc, 0, 1, e)) != 0)
		return rc;
	if ((rc = desk_init(&d, ctx, e)) == 0 &&
	    (rc = load_known(ctx, &rd.known, e)) == 0) {
		rd.d = &d;
		rd.today = sd_today(&ctx->clock);
		if ((rc = open_input(&rd, argc, argv, "orders.csv", false, e)) == 0)
			rc = read_orders(&rd, &b, e);
		sd_csv_close(rd.r);
	}
	sd_fu_map_free(rd.known);
	if (rc == 0)
		rc = commit(ctx, &b, e);
	batch_free(&b);
	desk_free(&d);
	return rc;
}

/* add */

static int
add_rep(struct desk *d, const char *client, const char **rep, sd_err *e)
{
	int rc;

	if (HAS(O_REP))
		*rep = ARG(O_REP);
	else if ((rc = client_get(d, client, "rep", rep, e)) != 0)
		return rc;
	else if (**rep == '\0')
		return sd_usage_error(e, "client '%s' has no owner in "
		    "clients.csv: give --rep", client);
	if (!rep_ok(d, *rep))
		return sd_fail(e, EX_DATAERR, "unknown rep '%s' (not in "
		    "reps.csv)", *rep);
	return 0;
}

static int
add_fields(struct desk *d, struct fu *f, sd_err *e)
{
	unsigned kind = HAS(O_KIND) ? sd_fu_kind_parse(ARG(O_KIND)) :
	    SD_FK_INBOUND;
	sd_clock clk;
	int rc;

	if (*f->client == '\0')
		return sd_usage_error(e, "followup add needs --client");
	if ((rc = add_rep(d, f->client, &f->rep, e)) != 0)
		return rc;
	if (kind == 0)
		return sd_fail(e, EX_DATAERR, "bad kind '%s' (meeting, "
		    "inbound, delivery, issue or renewal)", ARG(O_KIND));
	f->kind = kind_name(kind);
	clk = rep_clock(d, f->rep);
	f->due = sd_today(&clk);
	if (HAS(O_DUE) && sd_when_parse_day(ARG(O_DUE), &clk, &f->due) != 0)
		return sd_fail(e, EX_DATAERR, "bad date '%s'", ARG(O_DUE));
	return 0;
}

static int
run_add(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	unsigned allowed = BIT(O_CLIENT) | BIT(O_REP) | BIT(O_DUE) |
	    BIT(O_KIND) | BIT(O_NOTE) | BIT(O_SOURCE);
	struct fu f = { .source = HAS(O_SOURCE) ? ARG(O_SOURCE) : "" };
	struct batch b = { 0 };
	struct desk d;
	int rc;

	(void)argv;
	if ((rc = check_usage(ctx, allowed, argc, 0, 0, e)) != 0)
		return rc;
	f.client = HAS(O_CLIENT) ? ARG(O_CLIENT) : "";
	f.note = HAS(O_NOTE) ? ARG(O_NOTE) : "";
	if ((rc = desk_init(&d, ctx, e)) == 0 &&
	    (rc = add_fields(&d, &f, e)) == 0) {
		add_followup(&d, &b, &f, 0);
		rc = commit(ctx, &b, e);
	}
	batch_free(&b);
	desk_free(&d);
	return rc;
}

/* log */

struct call {
	char intent[8];
	char probability[4];
	char value[32];
	char *roadblocks;	/* joined, or NULL */
	bool closes;
};

static int
parse_intent(struct call *c, sd_err *e)
{
	const char *s = ARG(O_INTENT);
	size_t i;

	if (!HAS(O_INTENT))
		return 0;
	if (!sd_fu_intent_valid(s) || strlen(s) >= sizeof c->intent)
		return sd_fail(e, EX_DATAERR, "bad intent '%s' (hot, warm, "
		    "cold, won or lost)", s);
	for (i = 0; s[i]; i++)
		c->intent[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 :
		    s[i]);
	c->intent[i] = '\0';
	c->closes = strcmp(c->intent, "won") == 0 ||
	    strcmp(c->intent, "lost") == 0;
	/* A deal won is certain, one lost is gone, unless told otherwise. */
	if (strcmp(c->intent, "won") == 0)
		strcpy(c->probability, "100");
	else if (strcmp(c->intent, "lost") == 0)
		strcpy(c->probability, "0");
	return 0;
}

static int
parse_numbers(struct call *c, sd_err *e)
{
	sd_money m;
	int p;

	if (HAS(O_PROBABILITY)) {
		if (sd_fu_probability_parse(ARG(O_PROBABILITY), &p) != 0)
			return sd_fail(e, EX_DATAERR, "bad probability '%s' "
			    "(a whole number from 0 to 100)",
			    ARG(O_PROBABILITY));
		snprintf(c->probability, sizeof c->probability, "%d", p);
	}
	if (HAS(O_VALUE)) {
		if (sd_money_parse(ARG(O_VALUE), &m) != 0 || m < 0)
			return sd_fail(e, EX_DATAERR, "bad amount '%s'",
			    ARG(O_VALUE));
		sd_money_format(m, c->value);
	}
	return 0;
}

static char *
join_roadblocks(void)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < nroadblocks; i++)
		len += strlen(roadblocks[i]) + 2;
	s = sd_xcalloc(1, len);
	for (size_t i = 0; i < nroadblocks; i++) {
		if (i > 0)
			strcat(s, "; ");
		strcat(s, roadblocks[i]);
	}
	return s;
}

static int
parse_call(struct call *c, sd_err *e)
{
	int rc;

	memset(c, 0, sizeof *c);
	if ((rc = parse_intent(c, e)) != 0 || (rc = parse_numbers(c, e)) != 0)
		return rc;
	c->closes = c->closes || HAS(O_DONE);
	if (c->closes && HAS(O_NEXT))
		return sd_usage_error(e, "--next keeps the follow-up open: not "
		    "with --done, won or lost");
	if (nroadblocks > 0)
		c->roadblocks = join_roadblocks();
	return 0;
}

static void
set_if(sd_table *t, size_t row, const char *col, bool given,
    const char *value)
{
	if (given)
		sd_table_set(t, row, sd_table_col(t, col), value);
}

static int
apply_call(const struct desk *d, sd_table *t, size_t row,
    const struct call *c, sd_err *e)
{
	const char *rep = sd_table_get(t, row, sd_table_col(t, "rep"));
	sd_clock clk = rep_clock(d, rep);
	char now[32], due[11];
	sd_day day;

	if (HAS(O_NEXT)) {
		if (sd_when_parse_day(ARG(O_NEXT), &clk, &day) != 0)
			return sd_fail(e, EX_DATAERR, "bad date '%s'",
			    ARG(O_NEXT));
		sd_date_format(day, due);
		set_if(t, row, "due", true, due);
		set_if(t, row, "status", true, "open");
	}
	set_if(t, row, "intent", HAS(O_INTENT), c->intent);
	set_if(t, row, "probability", *c->probability != '\0',
	    c->probability);
	set_if(t, row, "value", HAS(O_VALUE), c->value);
	set_if(t, row, "terms", HAS(O_TERMS), ARG(O_TERMS));
	set_if(t, row, "roadblocks", c->roadblocks != NULL, c->roadblocks);
	set_if(t, row, "note", HAS(O_NOTE), ARG(O_NOTE));
	set_if(t, row, "status", c->closes, "done");
	stamp(d, rep, now);
	set_if(t, row, "updated", true, now);
	return 0;
}

/* The log line: the call's moment and the outcome as it now stands. */
static char *
log_line(const sd_table *t, size_t row)
{
	static const int from[SD_FL_NCOLS] = { SD_FU_UPDATED, SD_FU_ID,
		SD_FU_INTENT, SD_FU_PROBABILITY, SD_FU_VALUE, SD_FU_TERMS,
		SD_FU_ROADBLOCKS, SD_FU_NOTE };
	const char *v[SD_FL_NCOLS];

	for (int i = 0; i < SD_FL_NCOLS; i++)
		v[i] = sd_table_get(t, row, sd_table_col(t,
		    sd_fu_cols[from[i]]));
	return sd_csv_line(SD_FL_NCOLS, v);
}

static int
write_call(sd_ctx *ctx, const sd_table *t, size_t row, sd_err *e)
{
	char *header = sd_csv_line(SD_FL_NCOLS, sd_fl_cols);
	char *line = log_line(t, row);
	int rc;

	/* The audit trail first: a call it lacks would be lost for good. */
	rc = sd_store_append(&ctx->store, "followup-log.csv", header, line,
	    strlen(line), e);
	if (rc == 0)
		rc = sd_table_save(t, &ctx->store, "followups.csv", e);
	free(line);
	free(header);
	return rc;
}

static int
print_table_row(const sd_ctx *ctx, const sd_table *t, size_t row,
    sd_err *e)
{
	const char **v = sd_xcalloc(t->ncols, sizeof *v);
	sd_out *o = sd_ctx_out(ctx);

	out_columns(o, t->ncols, (const char *const *)t->cols);
	for (size_t c = 0; c < t->ncols; c++)
		v[c] = sd_table_get(t, row, (int)c);
	sd_out_row(o, v);
	free(v);
	return sd_out_end(o, e);
}

static int
log_locked(struct desk *d, const char *id, const struct call *c,
    sd_err *e)
{
	sd_ctx *ctx = d->ctx;
	char *path = sd_store_path(&ctx->store, "followups.csv");
	sd_table t;
	long row = -1;
	int rc;

	rc = sd_table_load(&t, path, sd_fu_cols, SD_FU_NCOLS, e);
	free(path);
	if (rc == 0 && (row = sd_table_find(&t, sd_table_col(&t, "id"),
	    id)) < 0)
		rc = sd_fail(e, EX_DATAERR, "unknown follow-up '%s'", id);
	if (rc == 0)
		rc = apply_call(d, &t, (size_t)row, c, e);
	if (rc == 0 && !ctx->cli->dry_run)
		rc = write_call(ctx, &t, (size_t)row, e);
	sd_store_unlock(&ctx->store);
	if (rc == 0)
		rc = print_table_row(ctx, &t, (size_t)row, e);
	sd_table_free(&t);
	return rc;
}

static int
run_log(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	unsigned allowed = BIT(O_INTENT) | BIT(O_PROBABILITY) | BIT(O_VALUE) |
	    BIT(O_TERMS) | BIT(O_ROADBLOCK) | BIT(O_NOTE) | BIT(O_NEXT) |
	    BIT(O_DONE);
	struct call c;
	struct desk d;
	int rc;

	if ((rc = check_usage(ctx, allowed, argc, 1, 1, e)) != 0 ||
	    (rc = parse_call(&c, e)) != 0)
		return rc;
	if ((rc = desk_init(&d, ctx, e)) == 0 && (ctx->cli->dry_run ||
	    (rc = sd_store_lock(&ctx->store, e)) == 0))
		rc = log_locked(&d, argv[0], &c, e);
	if (rc == 0 && ctx->cli->dry_run) {
		dry_note(ctx, "followups.csv");
		dry_note(ctx, "followup-log.csv");
	}
	free(c.roadblocks);
	desk_free(&d);
	return rc;
}

/* Reading followups.csv: due, stale, list */

enum { F_ID, F_DUE, F_STATUS, F_CLIENT, F_REP, F_KIND, F_INTENT,
	F_PROBABILITY, F_VALUE, F_NEXT_STEP, F_NOTE, F_UPDATED, F_NCOLS };
static const char *const fu_want[F_NCOLS] = { "id", "due", "status",
	"client", "rep", "kind", "intent", "probability", "value", "next_step",
	"note", "updated" };

static int
open_followups(struct reader *rd, sd_ctx *ctx, sd_err *e)
{
	char *path = sd_store_path(&ctx->store, "followups.csv");
	int rc = sd_csv_open(&rd->r, path, SD_CSV_MISSING_OK, e);

	free(path);
	if (rc == 0 && sd_csv_ncols(rd->r) > 0)
		rc = find_cols(rd, fu_want, F_NCOLS, 3, e);
	return rc;
}

/* Value and probability of the current row; -1 when empty. */
static int
row_numbers(const struct reader *rd, sd_money *value, int *prob, sd_err *e)
{
	const char *v = fld(rd, F_VALUE), *p = fld(rd, F_PROBABILITY);

	*value = -1;
	*prob = -1;
	if (*v != '\0' && (sd_money_parse(v, value) != 0 || *value < 0))
		return ferr(rd, F_VALUE, "bad amount", e);
	if (*p != '\0' && sd_fu_probability_parse(p, prob) != 0)
		return ferr(rd, F_PROBABILITY, "bad probability", e);
	return 0;
}

static bool
row_open(const struct reader *rd)
{
	return sd_streq_ci(fld(rd, F_STATUS), "open");
}

/* Rows kept for sorting: their cells copied, in output order. */
struct kept {
	sd_fu_rank rank;
	sd_time last;		/* stale: the last call, or INT64_MIN */
	char **cell;
};

struct keep {
	struct kept *v;
	size_t n, cap, ncols;
};

static struct kept *
keep_add(struct keep *k)
{
	struct kept *r;

	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 64;
		k->v = sd_xrealloc(k->v, k->cap * sizeof *k->v);
	}
	r = &k->v[k->n++];
	memset(r, 0, sizeof *r);
	r->cell = sd_xcalloc(k->ncols, sizeof *r->cell);
	return r;
}

static void
keep_free(struct keep *k)
{
	for (size_t i = 0; i < k->n; i++) {
		for (size_t c = 0; c < k->ncols; c++)
			free(k->v[i].cell[c]);
		free(k->v[i].cell);
	}
	free(k->v);
}

static int
print_kept(const sd_ctx *ctx, const struct keep *k, const char *const *names,
    sd_err *e)
{
	sd_out *o = sd_ctx_out(ctx);

	out_columns(o, k->ncols, names);
	for (size_t i = 0; i < k->n; i++)
		sd_out_row(o, (const char *const *)k->v[i].cell);
	return sd_out_end(o, e);
}

/* due */

enum { U_ID, U_DUE, U_DAYS, U_REP, U_CLIENT, U_NAME, U_PHONE, U_KIND,
	U_INTENT, U_PROBABILITY, U_VALUE, U_NEXT_STEP, U_NOTE, U_NCOLS };
static const char *const due_cols[U_NCOLS] = { "id", "due", "days_overdue",
	"rep", "client", "name", "phone", "kind", "intent", "probability",
	"value", "next_step", "note" };

static int
cmp_due(const void *a, const void *b)
{
	return sd_fu_rank_cmp(&((const struct kept *)a)->rank,
	    &((const struct kept *)b)->rank);
}

/* A follow-up without a due date is due today. */
static int
due_row(struct reader *rd, struct keep *k, sd_day on, sd_err *e)
{
	static const int from[U_NCOLS] = { F_ID, F_DUE, -1, F_REP, F_CLIENT,
		-1, -1, F_KIND, F_INTENT, F_PROBABILITY, -1, F_NEXT_STEP,
		F_NOTE };
	sd_day due = rd->today;
	struct kept *r;
	sd_money value;
	char buf[32];
	int prob, rc;

	if ((rc = get_day(rd, F_DUE, &due, e)) != 0)
		return rc;
	if (due == SD_FU_NODAY)
		due = rd->today;
	if (due > on || (HAS(O_OVERDUE) && due == on) ||
	    (HAS(O_REP) && strcmp(fld(rd, F_REP), ARG(O_REP)) != 0))
		return 0;
	if ((rc = row_numbers(rd, &value, &prob, e)) != 0)
		return rc;
	r = keep_add(k);
	for (int c = 0; c < U_NCOLS; c++)
		r->cell[c] = sd_xstrdup(from[c] >= 0 ? fld(rd, from[c]) : "");
	snprintf(buf, sizeof buf, "%ld", (long)(on - due));
	set(r->cell, U_DAYS, buf);
	if (value >= 0)
		sd_money_format(value, buf);
	set(r->cell, U_VALUE, value >= 0 ? buf : "");
	r->rank = (sd_fu_rank){ due, sd_fu_weight(value, prob), r->cell[U_ID] };
	return 0;
}

static int
join_clients(struct desk *d, struct keep *k, sd_err *e)
{
	const char *v;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < k->n; i++) {
		char **cell = k->v[i].cell;

		if ((rc = client_get(d, cell[U_CLIENT], "name", &v, e)) == 0)
			set(cell, U_NAME, v);
		if (rc == 0 &&
		    (rc = client_get(d, cell[U_CLIENT], "phone", &v, e)) == 0)
			set(cell, U_PHONE, v);
	}
	return rc;
}

static int
read_due(struct reader *rd, struct keep *k, sd_day on, sd_err *e)
{
	int got = 0, rc = 0;

	if ((rc = open_followups(rd, rd->d->ctx, e)) != 0)
		return rc;
	while (rc == 0 && (got = sd_csv_next(rd->r, &rd->row, e)) == 1)
		if (row_open(rd))
			rc = due_row(rd, k, on, e);
	return rc != 0 ? rc : got < 0 ? e->status : 0;
}

static int
run_due(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct keep k = { .ncols = U_NCOLS };
	struct reader rd = { 0 };
	struct desk d;
	sd_day on;
	int rc;

	(void)argv;
	if ((rc = check_usage(ctx, BIT(O_ON) | BIT(O_REP) | BIT(O_OVERDUE),
	    argc, 0, 0, e)) != 0)
		return rc;
	rd.today = on = sd_today(&ctx->clock);
	if (HAS(O_ON) && sd_when_parse_day(ARG(O_ON), &ctx->clock, &on) != 0)
		return sd_fail(e, EX_DATAERR, "bad date '%s'", ARG(O_ON));
	if ((rc = desk_init(&d, ctx, e)) == 0) {
		rd.d = &d;
		rc = read_due(&rd, &k, on, e);
		sd_csv_close(rd.r);
	}
	if (rc == 0 && (rc = join_clients(&d, &k, e)) == 0) {
		if (k.n > 0)
			qsort(k.v, k.n, sizeof *k.v, cmp_due);
		rc = print_kept(ctx, &k, due_cols, e);
	}
	keep_free(&k);
	desk_free(&d);
	return rc;
}

/* stale */

enum { S_ID, S_CLIENT, S_REP, S_DUE, S_KIND, S_INTENT, S_PROBABILITY,
	S_VALUE, S_LAST, S_DAYS, S_NOTE, S_NCOLS };
static const char *const stale_cols[S_NCOLS] = { "id", "client", "rep",
	"due", "kind", "intent", "probability", "value", "last_call",
	"days_since", "note" };

/* The longest silence first; a follow-up with no record of any call at
 * all comes before them. */
static int
cmp_stale(const void *a, const void *b)
{
	const struct kept *x = a, *y = b;

	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	return sd_fu_id_cmp(x->cell[S_ID], y->cell[S_ID]);
}

static int
last_call(struct reader *rd, const sd_fu_map *calls, sd_time *last,
    sd_err *e)
{
	const int64_t *v = sd_fu_map_get(calls, fld(rd, F_ID));
	const char *updated = fld(rd, F_UPDATED);

	*last = INT64_MIN;
	if (v != NULL)
		*last = *v;
	else if (*updated != '\0' &&
	    sd_datetime_parse(updated, rd->d->ctx->zone, last) != 0)
		return ferr(rd, F_UPDATED, "bad date and time", e);
	return 0;
}

static int
stale_row(struct reader *rd, struct keep *k, const sd_fu_map *calls,
    int days, sd_err *e)
{
	static const int from[S_NCOLS] = { F_ID, F_CLIENT, F_REP, F_DUE,
		F_KIND, F_INTENT, F_PROBABILITY, F_VALUE, -1, -1, F_NOTE };
	sd_clock clk = rep_clock(rd->d, fld(rd, F_REP));
	char buf[32];
	sd_time last;
	sd_day day = 0;
	struct kept *r;
	int rc;

	if ((rc = last_call(rd, calls, &last, e)) != 0)
		return rc;
	if (last != INT64_MIN) {
		sd_utc_to_local(clk.zone, last, &day, NULL, NULL);
		if (rd->today - day < days)
			return 0;
	}
	r = keep_add(k);
	r->last = last;
	for (int c = 0; c < S_NCOLS; c++)
		r->cell[c] = sd_xstrdup(from[c] >= 0 ? fld(rd, from[c]) : "");
	if (last == INT64_MIN)
		return 0;
	sd_datetime_format(last, clk.zone, buf);
	set(r->cell, S_LAST, buf);
	snprintf(buf, sizeof buf, "%ld", (long)(rd->today - day));
	set(r->cell, S_DAYS, buf);
	return 0;
}

static int
read_stale(struct reader *rd, struct keep *k, int days, sd_err *e)
{
	sd_ctx *ctx = rd->d->ctx;
	char *path = sd_store_path(&ctx->store, "followup-log.csv");
	sd_fu_map *calls = sd_fu_map_new();
	int got = 0, rc;

	rc = sd_fu_last_calls(path, ctx->zone, calls, e);
	free(path);
	if (rc == 0)
		rc = open_followups(rd, ctx, e);
	while (rc == 0 && (got = sd_csv_next(rd->r, &rd->row, e)) == 1)
		if (row_open(rd))
			rc = stale_row(rd, k, calls, days, e);
	sd_fu_map_free(calls);
	return rc != 0 ? rc : got < 0 ? e->status : 0;
}

static int
parse_days(int *days, sd_err *e)
{
	const char *s = ARG(O_DAYS);
	long v = 0;

	*days = 14;
	if (!HAS(O_DAYS))
		return 0;
	for (const char *p = s; v <= 100000 && *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	if (*s == '\0' || s[strspn(s, "0123456789")] != '\0' || v > 100000)
		return sd_fail(e, EX_DATAERR, "bad number of days '%s'", s);
	*days = (int)v;
	return 0;
}

static int
run_stale(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct keep k = { .ncols = S_NCOLS };
	struct reader rd = { 0 };
	struct desk d;
	int days, rc;

	(void)argv;
	if ((rc = check_usage(ctx, BIT(O_DAYS), argc, 0, 0, e)) != 0 ||
	    (rc = parse_days(&days, e)) != 0)
		return rc;
	if ((rc = desk_init(&d, ctx, e)) == 0) {
		rd.d = &d;
		rd.today = sd_today(&ctx->clock);
		rc = read_stale(&rd, &k, days, e);
		sd_csv_close(rd.r);
	}
	if (rc == 0) {
		if (k.n > 0)
			qsort(k.v, k.n, sizeof *k.v, cmp_stale);
		rc = print_kept(ctx, &k, stale_cols, e);
	}
	keep_free(&k);
	desk_free(&d);
	return rc;
}

/* list */

/* Compare a cell as a person reads it, leaving the row as stored. */
static bool
cell_is(const struct reader *rd, int c, const char *want, bool ci)
{
	char *copy = sd_xstrdup(rd->col[c] < 0 ? "" :
	    rd->row->field[rd->col[c]]);
	const char *v = sd_trim(copy);
	bool same = ci ? sd_streq_ci(v, want) : strcmp(v, want) == 0;

	free(copy);
	return same;
}

static bool
list_match(const struct reader *rd)
{
	return (!HAS(O_REP) || cell_is(rd, F_REP, ARG(O_REP), false)) &&
	    (!HAS(O_CLIENT) || cell_is(rd, F_CLIENT, ARG(O_CLIENT), false)) &&
	    (!HAS(O_STATUS) || cell_is(rd, F_STATUS, ARG(O_STATUS), true)) &&
	    (!HAS(O_KIND) || cell_is(rd, F_KIND, ARG(O_KIND), true));
}

static int
check_filters(sd_err *e)
{
	if (HAS(O_STATUS) && !sd_fu_status_valid(ARG(O_STATUS)))
		return sd_fail(e, EX_DATAERR, "bad status '%s' (open, done or "
		    "cancelled)", ARG(O_STATUS));
	if (HAS(O_KIND) && sd_fu_kind_parse(ARG(O_KIND)) == 0)
		return sd_fail(e, EX_DATAERR, "bad kind '%s' (meeting, "
		    "inbound, delivery, issue or renewal)", ARG(O_KIND));
	return 0;
}

/* Rows as stored, every column of the file, in the file's order. */
static int
print_list(struct reader *rd, sd_err *e)
{
	size_t n = sd_csv_ncols(rd->r);
	const char **names = sd_xcalloc(n, sizeof *names);
	sd_out *o = sd_ctx_out(rd->d->ctx);
	int got;

	for (size_t i = 0; i < n; i++)
		names[i] = sd_csv_colname(rd->r, i);
	out_columns(o, n, names);
	free(names);
	while ((got = sd_csv_next(rd->r, &rd->row, e)) == 1)
		if (list_match(rd))
			sd_out_row(o, (const char *const *)rd->row->field);
	if (got < 0) {
		sd_err ignored;

		sd_out_end(o, &ignored);
		return e->status;
	}
	return sd_out_end(o, e);
}

static int
run_list(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct reader rd = { 0 };
	struct desk d;
	int rc;

	(void)argv;
	if ((rc = check_usage(ctx, BIT(O_REP) | BIT(O_CLIENT) | BIT(O_STATUS) |
	    BIT(O_KIND), argc, 0, 0, e)) != 0 || (rc = check_filters(e)) != 0)
		return rc;
	memset(&d, 0, sizeof d);
	d.ctx = ctx;
	rd.d = &d;
	if ((rc = open_followups(&rd, ctx, e)) == 0 &&
	    sd_csv_ncols(rd.r) > 0)
		rc = print_list(&rd, e);
	sd_csv_close(rd.r);
	return rc;
}

static const sd_command commands[] = {
	{ "plan", run_plan, true },
	{ "add", run_add, true },
	{ "due", run_due, false },
	{ "log", run_log, true },
	{ "deliveries", run_deliveries, true },
	{ "stale", run_stale, false },
	{ "list", run_list, false },
	{ NULL, NULL, false },
};

static const sd_tool tool = {
	.name = "followup",
	.usage =
    "usage: followup plan [--after DUR] [FILE|-]\n"
    "       followup add --client C [--rep R] [--due WHEN] [--kind K] [--source ID]\n"
    "                    [--note TEXT]\n"
    "       followup due [--on DATE] [--rep R] [--overdue]\n"
    "       followup log ID [--intent I] [--probability P] [--value MONEY] [--terms TEXT]\n"
    "                       [--roadblock TEXT] [--note TEXT] [--next WHEN] [--done]\n"
    "       followup deliveries [FILE|-]\n"
    "       followup stale [--days N]\n"
    "       followup list [--rep R] [--client C] [--status S] [--kind K]\n",
	.options = options,
	.on_option = on_option,
	.commands = commands,
};

int
main(int argc, char **argv)
{
	return sd_main(&tool, argc, argv);
}
