/*
 * contracts: a checksummed store of contracts and sales documents.
 *
 * contracts.csv holds one row per document; DIR/contracts/ holds the
 * documents themselves, each under a name of our own (lib/docstore.c).
 * An add copies and hashes the file, puts it in place durably and only
 * then appends its row, all under the data directory's lock.  Nothing
 * rewrites a status as time passes: a contract past its expiry shows as
 * expired when it is read.  "expiring" is the renewal call list that
 * followup plan turns into renewal follow-ups, one per contract, due on
 * the notice date it prints.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "salesdesk.h"

#define DATA_FILE	"contracts.csv"
#define WITHIN_DEFAULT	"30d"

enum { C_ID, C_CLIENT, C_TITLE, C_KIND, C_STATUS, C_FILE, C_SHA256, C_BYTES,
	C_SIGNED, C_STARTS, C_EXPIRES, C_NOTICE, C_RENEWAL, C_REP, C_ADDED,
	C_NOTE, NCOLS };

static const char *const colnames[NCOLS] = { "id", "client", "title",
	"kind", "status", "file", "sha256", "bytes", "signed", "starts",
	"expires", "notice", "renewal", "rep", "added", "note" };

static const char *const kinds[] = { "contract", "nda", "quote", "proposal",
	"price-list", "brochure", "template", "other", NULL };
static const char *const statuses[] = { "draft", "sent", "signed", "active",
	"expired", "terminated", NULL };
static const char *const renewals[] = { "auto", "manual", "none", NULL };

/* The tool's options: their values stay in opt[] (NULL: not given). */
enum { O_CLIENT, O_EXPIRES, O_KIND, O_NOTE, O_NOTICE, O_ON, O_RENEWAL,
	O_REP, O_SIGNED, O_STARTS, O_STATUS, O_TERM, O_TITLE, O_WITHIN, NOPTS };

static const struct option options[] = {
	{ "client",	required_argument, NULL, SD_OPT_TOOL + O_CLIENT },
	{ "expires",	required_argument, NULL, SD_OPT_TOOL + O_EXPIRES },
	{ "kind",	required_argument, NULL, SD_OPT_TOOL + O_KIND },
	{ "note",	required_argument, NULL, SD_OPT_TOOL + O_NOTE },
	{ "notice",	required_argument, NULL, SD_OPT_TOOL + O_NOTICE },
	{ "on",		required_argument, NULL, SD_OPT_TOOL + O_ON },
	{ "renewal",	required_argument, NULL, SD_OPT_TOOL + O_RENEWAL },
	{ "rep",	required_argument, NULL, SD_OPT_TOOL + O_REP },
	{ "signed",	required_argument, NULL, SD_OPT_TOOL + O_SIGNED },
	{ "starts",	required_argument, NULL, SD_OPT_TOOL + O_STARTS },
	{ "status",	required_argument, NULL, SD_OPT_TOOL + O_STATUS },
	{ "term",	required_argument, NULL, SD_OPT_TOOL + O_TERM },
	{ "title",	required_argument, NULL, SD_OPT_TOOL + O_TITLE },
	{ "within",	required_argument, NULL, SD_OPT_TOOL + O_WITHIN },
	{ NULL, 0, NULL, 0 },
};

static const char *opt[NOPTS];

#define BIT(o)		(1u << (o))
#define EDITS		(BIT(O_CLIENT) | BIT(O_EXPIRES) | BIT(O_KIND) | \
	BIT(O_NOTE) | BIT(O_NOTICE) | BIT(O_RENEWAL) | BIT(O_REP) | \
	BIT(O_SIGNED) | BIT(O_STARTS) | BIT(O_STATUS) | BIT(O_TERM) | \
	BIT(O_TITLE))
#define FILTERS		(BIT(O_CLIENT) | BIT(O_KIND) | BIT(O_REP) | \
	BIT(O_STATUS))

/* contracts.csv in memory: col[] finds the SPEC columns, extra[] the
 * ones a person added, shown after ours. */
struct docs {
	sd_table t;
	int col[NCOLS];
	int *extra;
	size_t nextra;
	sd_day today;
	const sd_calendar *cal;
};

static int
lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
on_option(int key, const char *arg, sd_err *e)
{
	if (key < SD_OPT_TOOL || key >= SD_OPT_TOOL + NOPTS)
		return sd_usage_error(e, "unknown option");
	opt[key - SD_OPT_TOOL] = arg;
	return 0;
}

/* Options given that the command does not take are misuse. */
static int
allow(const sd_ctx *ctx, unsigned mask, sd_err *e)
{
	for (int i = 0; i < NOPTS; i++)
		if (opt[i] && !(mask & BIT(i)))
			return sd_usage_error(e, "%s %s: --%s does not apply",
			    ctx->tool, ctx->cli->args[0], options[i].name);
	return 0;
}

static int
operands(const sd_ctx *ctx, int argc, int want, const char *what,
    sd_err *e)
{
	if (argc == want)
		return 0;
	return sd_usage_error(e, "%s %s: expected %s", ctx->tool,
	    ctx->cli->args[0], what);
}

/* Loading and checking rows */

static const char *
cell(const struct docs *d, size_t r, int c)
{
	return sd_table_get(&d->t, r, d->col[c]);
}

static int
field_error(const struct docs *d, size_t r, int c, const char *what,
    sd_err *e)
{
	char buf[128];

	return sd_fail_at(e, EX_DATAERR, d->t.name, d->t.lines[r],
	    "column %d (%s): %s '%s'", d->col[c] + 1, d->t.cols[d->col[c]],
	    what, sd_quote_value(cell(d, r, c), buf, sizeof buf));
}

/* A calendar span without clock parts (a notice, a term, a window). */
static int
span_parse(const char *s, sd_span *out)
{
	return sd_span_parse(s, out) != 0 || out->minutes != 0 ? -1 : 0;
}

/* A stored date; false when the cell is empty (or not a date, which
 * check_row has already refused). */
static bool
row_day(const struct docs *d, size_t r, int c, sd_day *out)
{
	return *cell(d, r, c) && sd_date_parse(cell(d, r, c), out) == 0;
}

static int
check_row(const struct docs *d, size_t r, sd_err *e)
{
	static const int dates[] = { C_SIGNED, C_STARTS, C_EXPIRES, C_ADDED };
	sd_span sp;
	sd_day day;

	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
		if (*cell(d, r, dates[i]) && !row_day(d, r, dates[i], &day))
			return field_error(d, r, dates[i], "bad date", e);
	if (*cell(d, r, C_NOTICE) && span_parse(cell(d, r, C_NOTICE), &sp))
		return field_error(d, r, C_NOTICE, "bad duration", e);
	return 0;
}

static bool
is_ours(const char *name)
{
	for (int c = 0; c < NCOLS; c++)
		if (sd_streq_ci(name, colnames[c]))
			return true;
	return false;
}

/* Find the columns; with all, the ones missing from the file are added
 * (empty) so every command sees them. */
static void
index_columns(struct docs *d)
{
	for (int c = 0; c < NCOLS; c++)
		d->col[c] = sd_table_col(&d->t, colnames[c]);
	d->extra = sd_xcalloc(d->t.ncols, sizeof *d->extra);
	d->nextra = 0;
	for (size_t i = 0; i < d->t.ncols; i++) {
		char *name = sd_xstrdup(d->t.cols[i]);

		if (!is_ours(sd_trim(name)))
			d->extra[d->nextra++] = (int)i;
		free(name);
	}
}

static void
docs_free(struct docs *d)
{
	sd_table_free(&d->t);
	free(d->extra);
	d->extra = NULL;
}

static int
docs_load(const sd_ctx *ctx, struct docs *d, bool all, sd_err *e)
{
	char *path = sd_store_path(&ctx->store, DATA_FILE);
	int rc = sd_table_load(&d->t, path, all ? colnames : NULL,
	    all ? NCOLS : 0, e);

	free(path);
	d->extra = NULL;
	d->today = sd_today(&ctx->clock);
	d->cal = &ctx->cfg.cal;
	if (rc != 0)
		return rc;
	index_columns(d);
	for (size_t r = 0; rc == 0 && r < d->t.nrows; r++)
		rc = check_row(d, r, e);
	return rc;
}

static bool
has_all_columns(const struct docs *d)
{
	for (int c = 0; c < NCOLS; c++)
		if (d->col[c] < 0)
			return false;
	return true;
}

/* "K12" is 12; anything else is not one of our ids. */
static int64_t
id_number(const char *s)
{
	int64_t v = 0;

	if (*s != 'K' && *s != 'k')
		return -1;
	for (s++; *s >= '0' && *s <= '9'; s++) {
		if (v > (INT64_MAX - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return *s == '\0' ? v : -1;
}

/* The row whose id is id (case and surrounding spaces ignored). */
static int
find(const struct docs *d, const char *id, size_t *row, sd_err *e)
{
	char *want = sd_xstrdup(id), *copy;
	const char *w = sd_trim(want);
	bool found = false;
	char buf[128];

	for (size_t r = 0; !found && r < d->t.nrows; r++) {
		copy = sd_xstrdup(cell(d, r, C_ID));
		if ((found = *w && sd_streq_ci(sd_trim(copy), w)))
			*row = r;
		free(copy);
	}
	free(want);
	if (!found)
		return sd_fail(e, EX_DATAERR, "no contract '%s' in %s",
		    sd_quote_value(id, buf, sizeof buf), DATA_FILE);
	return 0;
}

static const char *
status_on(const struct docs *d, size_t r)
{
	sd_day expires;
	bool has = row_day(d, r, C_EXPIRES, &expires);

	return sd_doc_status(cell(d, r, C_STATUS), has, expires, d->today);
}

/* Output: our columns in the SPEC's order, then a person's, then more
 * (expiring's notice_on). */

static sd_out *
out_start(const sd_ctx *ctx, const struct docs *d, const char *more)
{
	size_t n = NCOLS + d->nextra + (more != NULL);
	const char **names = sd_xcalloc(n, sizeof *names);
	enum sd_coltype *types = sd_xcalloc(n, sizeof *types);
	sd_out *o = sd_ctx_out(ctx);

	for (int c = 0; c < NCOLS; c++)
		names[c] = colnames[c];
	for (size_t i = 0; i < d->nextra; i++)
		names[NCOLS + i] = d->t.cols[d->extra[i]];
	if (more)
		names[n - 1] = more;
	types[C_BYTES] = SD_NUM;
	sd_out_columns(o, n, names, types);
	free(names);
	free(types);
	return o;
}

static void
out_row(sd_out *o, const struct docs *d, size_t r, const char *status,
    const char *more)
{
	size_t n = NCOLS + d->nextra + (more != NULL);
	const char **v = sd_xcalloc(n, sizeof *v);

	for (int c = 0; c < NCOLS; c++)
		v[c] = cell(d, r, c);
	if (status)
		v[C_STATUS] = status;
	for (size_t i = 0; i < d->nextra; i++)
		v[NCOLS + i] = sd_table_get(&d->t, r, d->extra[i]);
	if (more)
		v[n - 1] = more;
	sd_out_row(o, v);
	free(v);
}

/* One row, as written (add, set) or as it stands today (status). */
static int
print_one(const sd_ctx *ctx, const struct docs *d, size_t r,
    const char *status, sd_err *e)
{
	sd_out *o = out_start(ctx, d, NULL);

	out_row(o, d, r, status, NULL);
	return sd_out_end(o, e);
}

static void
dry_run_note(const sd_ctx *ctx)
{
	fprintf(stderr, "%s: dry run: %s not changed\n", ctx->tool, DATA_FILE);
}

/* Option values: checked once, kept in canonical form */

static const int opt_col[NOPTS] = {
	[O_CLIENT] = C_CLIENT, [O_EXPIRES] = C_EXPIRES, [O_KIND] = C_KIND,
	[O_NOTE] = C_NOTE, [O_NOTICE] = C_NOTICE, [O_ON] = -1,
	[O_RENEWAL] = C_RENEWAL, [O_REP] = C_REP, [O_SIGNED] = C_SIGNED,
	[O_STARTS] = C_STARTS, [O_STATUS] = C_STATUS, [O_TERM] = -1,
	[O_TITLE] = C_TITLE, [O_WITHIN] = -1,
};

struct edit {
	char *val[NOPTS];	/* NULL: not given; "" clears a column */
	sd_span term;
};

static int
bad_value(int o, const char *what, const char *tail, sd_err *e)
{
	char buf[128];

	return sd_fail(e, EX_DATAERR, "--%s: %s '%s'%s", options[o].name,
	    what, sd_quote_value(opt[o], buf, sizeof buf), tail);
}

static int
word_value(int o, const char *const *list, const char *what, char **out,
    sd_err *e)
{
	char names[256] = " (expected ";

	for (const char *const *w = list; *w; w++)
		if (sd_streq_ci(opt[o], *w)) {
			*out = sd_xstrdup(*w);
			return 0;
		}
	for (const char *const *w = list; *w; w++)
		snprintf(names + strlen(names), sizeof names - strlen(names),
		    "%s%s", *w, w[1] ? ", " : ")");
	return bad_value(o, what, names, e);
}

static int
date_value(const sd_ctx *ctx, int o, char **out, sd_err *e)
{
	sd_day day;
	char buf[11];

	if (*opt[o] == '\0') {
		*out = sd_xstrdup("");
		return 0;
	}
	if (sd_when_parse_day(opt[o], &ctx->clock, &day) != 0)
		return bad_value(o, "bad date", "", e);
	sd_date_format(day, buf);
	*out = sd_xstrdup(buf);
	return 0;
}

static int
span_value(int o, sd_span *sp, char **out, sd_err *e)
{
	char *copy = sd_xstrdup(opt[o]);
	const char *s = sd_trim(copy);
	sd_span ignored;

	if (sp == NULL)
		sp = &ignored;
	if (*s && span_parse(s, sp) != 0) {
		free(copy);
		return bad_value(o, "bad duration", "", e);
	}
	*out = sd_xstrdup(s);
	free(copy);
	return 0;
}

static int
text_value(int o, char **out, sd_err *e)
{
	char *copy;

	if (!sd_doc_text_ok(opt[o]))
		return bad_value(o, "not UTF-8 text", " (or it has control "
		    "characters)", e);
	copy = sd_xstrdup(opt[o]);
	*out = sd_xstrdup(o == O_NOTE ? opt[o] : sd_trim(copy));
	free(copy);
	return 0;
}

static int
one_value(const sd_ctx *ctx, int o, struct edit *ed, sd_err *e)
{
	switch (o) {
	case O_KIND:
		return word_value(o, kinds, "unknown kind", &ed->val[o], e);
	case O_STATUS:
		return word_value(o, statuses, "unknown status", &ed->val[o],
		    e);
	case O_RENEWAL:
		if (*opt[o] == '\0')
			return text_value(o, &ed->val[o], e);
		return word_value(o, renewals, "unknown renewal", &ed->val[o],
		    e);
	case O_SIGNED:
	case O_STARTS:
	case O_EXPIRES:
		return date_value(ctx, o, &ed->val[o], e);
	case O_NOTICE:
		return span_value(o, NULL, &ed->val[o], e);
	case O_TERM:
		if (span_value(o, &ed->term, &ed->val[o], e) != 0)
			return e->status;
		if (*ed->val[o] == '\0' || (ed->term.days == 0 &&
		    ed->term.bdays == 0 && ed->term.months == 0))
			return bad_value(o, "bad term", " (a day at least)", e);
		return 0;
	default:
		return text_value(o, &ed->val[o], e);
	}
}

static void
edit_free(struct edit *ed)
{
	for (int i = 0; i < NOPTS; i++)
		free(ed->val[i]);
	memset(ed, 0, sizeof *ed);
}

/* Misuse first (64), then the values (65). */
static int
edit_parse(const sd_ctx *ctx, struct edit *ed, sd_err *e)
{
	int rc = 0;

	memset(ed, 0, sizeof *ed);
	if (opt[O_EXPIRES] && opt[O_TERM])
		return sd_usage_error(e, "%s %s: give --expires or --term, not "
		    "both", ctx->tool, ctx->cli->args[0]);
	if ((opt[O_CLIENT] && *opt[O_CLIENT] == '\0') ||
	    (opt[O_TITLE] && *opt[O_TITLE] == '\0'))
		return sd_usage_error(e, "%s %s: --client and --title cannot "
		    "be empty", ctx->tool, ctx->cli->args[0]);
	for (int o = 0; rc == 0 && o < NOPTS; o++)
		if (opt[o] && (EDITS & BIT(o)))
			rc = one_value(ctx, o, ed, e);
	if (rc == 0 && ed->val[O_STARTS] && *ed->val[O_STARTS] &&
	    ed->val[O_EXPIRES] && *ed->val[O_EXPIRES] &&
	    strcmp(ed->val[O_EXPIRES], ed->val[O_STARTS]) < 0)
		rc = sd_fail(e, EX_DATAERR, "expires %s is before starts %s",
		    ed->val[O_EXPIRES], ed->val[O_STARTS]);
	if (rc != 0)
		edit_free(ed);
	return rc;
}

/* A rep must be in reps.csv, unless the team has not written it yet. */
static int
check_rep(const sd_ctx *ctx, const char *rep, sd_err *e)
{
	const sd_rep *found;
	sd_reps reps;
	int rc;

	if (rep == NULL || *rep == '\0')
		return 0;
	if ((rc = sd_reps_load(&reps, &ctx->store, &ctx->cfg, e)) == 0 &&
	    reps.n > 0)
		rc = sd_reps_need(&reps, rep, &found, e);
	sd_reps_free(&reps);
	return rc;
}

static void
set_cell(struct docs *d, size_t r, int c, const char *value)
{
	sd_table_set(&d->t, r, d->col[c], value);
}

/* --term counts from the start, else the signing, else today; the start
 * it counted from is recorded with it. */
static void
apply_term(struct docs *d, size_t r, const sd_span *term)
{
	char buf[11];
	sd_day starts;

	if (!row_day(d, r, C_STARTS, &starts) &&
	    !row_day(d, r, C_SIGNED, &starts))
		starts = d->today;
	sd_date_format(starts, buf);
	set_cell(d, r, C_STARTS, buf);
	sd_date_format(sd_doc_term_end(d->cal, starts, term), buf);
	set_cell(d, r, C_EXPIRES, buf);
}

static int
apply_edit(struct docs *d, size_t r, const struct edit *ed, sd_err *e)
{
	sd_day starts, expires;

	for (int o = 0; o < NOPTS; o++)
		if (ed->val[o] && opt_col[o] >= 0)
			set_cell(d, r, opt_col[o], ed->val[o]);
	if (ed->val[O_TERM])
		apply_term(d, r, &ed->term);
	if (row_day(d, r, C_STARTS, &starts) &&
	    row_day(d, r, C_EXPIRES, &expires) && expires < starts)
		return sd_fail(e, EX_DATAERR, "expires %s is before starts %s",
		    cell(d, r, C_EXPIRES), cell(d, r, C_STARTS));
	return 0;
}

/* add */

/* A dry run takes no id: it shows the one after the highest in the file
 * (the real one may be higher when rows were deleted). */
static int64_t
next_id_guess(const struct docs *d)
{
	int64_t high = 0, v;

	for (size_t r = 0; r < d->t.nrows; r++)
		if ((v = id_number(cell(d, r, C_ID))) > high)
			high = v;
	return high < INT64_MAX ? high + 1 : high;
}

/* The new row with the defaults, then what the options say. */
static int
new_row(struct docs *d, const struct edit *ed, const char *id,
    const char *name, size_t *r, sd_err *e)
{
	char buf[11];

	*r = sd_table_add(&d->t);
	set_cell(d, *r, C_ID, id);
	set_cell(d, *r, C_KIND, "contract");
	set_cell(d, *r, C_STATUS, opt[O_SIGNED] && *opt[O_SIGNED] ?
	    "signed" : "draft");
	set_cell(d, *r, C_FILE, name);
	sd_date_format(d->today, buf);
	set_cell(d, *r, C_ADDED, buf);
	return apply_edit(d, *r, ed, e);
}

static void
set_sum(struct docs *d, size_t r, const sd_doc_sum *sum)
{
	char buf[32];

	set_cell(d, r, C_SHA256, sum->sha256);
	snprintf(buf, sizeof buf, "%" PRIu64, sum->bytes);
	set_cell(d, r, C_BYTES, buf);
}

static void
warn_duplicate(const sd_ctx *ctx, const struct docs *d, size_t row)
{
	for (size_t r = 0; r < row; r++)
		if (strcmp(cell(d, r, C_SHA256), cell(d, row, C_SHA256)) == 0) {
			sd_warn(ctx, "the same file is already stored as %s",
			    cell(d, r, C_ID));
			return;
		}
}

/* Load contracts.csv for an add: a file with all our columns takes the
 * new row as an append in its own column order; a file without some of
 * them is rewritten with them added. */
static int
load_for_add(const sd_ctx *ctx, struct docs *d, bool *rewrite, sd_err *e)
{
	int rc;

	if ((rc = docs_load(ctx, d, false, e)) != 0)
		return rc;
	*rewrite = d->t.ncols > 0 && !has_all_columns(d);
	if (has_all_columns(d))
		return 0;
	docs_free(d);
	return docs_load(ctx, d, true, e);
}

static int
commit_row(sd_ctx *ctx, struct docs *d, size_t r, bool rewrite, sd_err *e)
{
	const char **cells = sd_xcalloc(d->t.ncols, sizeof *cells);
	char *header, *line;
	int rc;

	if (rewrite) {
		free(cells);
		return sd_table_save(&d->t, &ctx->store, DATA_FILE, e);
	}
	for (size_t c = 0; c < d->t.ncols; c++)
		cells[c] = sd_table_get(&d->t, r, (int)c);
	header = sd_csv_line(NCOLS, colnames);
	line = sd_csv_line(d->t.ncols, cells);
	rc = sd_store_append(&ctx->store, DATA_FILE, header, line,
	    strlen(line), e);
	free(header);
	free(line);
	free(cells);
	return rc;
}

/* Under the lock: an id, the file in place, then its row.  A row that
 * cannot be written takes its file back out of the store. */
static int
add_locked(sd_ctx *ctx, struct docs *d, const struct edit *ed, int fd,
    const char *src, sd_err *e)
{
	char id[32], *name = NULL;
	sd_doc_sum sum;
	bool rewrite;
	int64_t n;
	size_t r;
	int rc;

	if ((rc = sd_store_lock(&ctx->store, e)) != 0 ||
	    (rc = load_for_add(ctx, d, &rewrite, e)) != 0 ||
	    (rc = sd_store_next_id(&ctx->store, DATA_FILE, "K", &n, e)) != 0)
		return rc;
	snprintf(id, sizeof id, "K%" PRId64, n);
	name = sd_doc_name(id, ed->val[O_CLIENT], ed->val[O_TITLE], src);
	if ((rc = new_row(d, ed, id, name, &r, e)) == 0 &&
	    (rc = sd_doc_store(&ctx->store, fd, src, name, &sum, e)) == 0) {
		set_sum(d, r, &sum);
		if ((rc = commit_row(ctx, d, r, rewrite, e)) != 0)
			sd_doc_remove(&ctx->store, name, &(sd_err){ 0 });
		else
			warn_duplicate(ctx, d, r);
	}
	free(name);
	return rc;
}

static int
add_dry(sd_ctx *ctx, struct docs *d, const struct edit *ed, int fd,
    const char *src, sd_err *e)
{
	char id[32], *name;
	sd_doc_sum sum;
	size_t r;
	int rc;

	if ((rc = docs_load(ctx, d, true, e)) != 0)
		return rc;
	snprintf(id, sizeof id, "K%" PRId64, next_id_guess(d));
	name = sd_doc_name(id, ed->val[O_CLIENT], ed->val[O_TITLE], src);
	if ((rc = new_row(d, ed, id, name, &r, e)) == 0 &&
	    (rc = sd_doc_copy(fd, src, -1, NULL, &sum, e)) == 0)
		set_sum(d, r, &sum);
	free(name);
	return rc;
}

static int
cmd_add(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct docs d = { 0 };
	struct edit ed;
	int fd, rc;

	if ((rc = allow(ctx, EDITS, e)) != 0 ||
	    (rc = operands(ctx, argc, 1, "one FILE", e)) != 0)
		return rc;
	if (opt[O_CLIENT] == NULL || opt[O_TITLE] == NULL)
		return sd_usage_error(e, "contracts add: --client and --title "
		    "are required");
	if ((rc = edit_parse(ctx, &ed, e)) != 0)
		return rc;
	if ((rc = check_rep(ctx, ed.val[O_REP], e)) == 0 &&
	    (rc = sd_doc_open_source(argv[0], &fd, e)) == 0) {
		if (ctx->cli->dry_run)
			rc = add_dry(ctx, &d, &ed, fd, argv[0], e);
		else
			rc = add_locked(ctx, &d, &ed, fd, argv[0], e);
		close(fd);
	}
	if (rc == 0)
		rc = print_one(ctx, &d, d.t.nrows - 1, NULL, e);
	if (rc == 0 && ctx->cli->dry_run)
		dry_run_note(ctx);
	docs_free(&d);
	edit_free(&ed);
	return rc;
}

/* list, show, path, cat */

static bool
same_word(const char *cellv, const char *want)
{
	char *copy = sd_xstrdup(cellv);
	bool same = sd_streq_ci(sd_trim(copy), want);

	free(copy);
	return same;
}

static bool
listed(const struct docs *d, size_t r, const struct edit *f)
{
	return (f->val[O_CLIENT] == NULL ||
	    same_word(cell(d, r, C_CLIENT), f->val[O_CLIENT])) &&
	    (f->val[O_KIND] == NULL ||
	    same_word(cell(d, r, C_KIND), f->val[O_KIND])) &&
	    (f->val[O_REP] == NULL ||
	    same_word(cell(d, r, C_REP), f->val[O_REP])) &&
	    (f->val[O_STATUS] == NULL ||
	    same_word(status_on(d, r), f->val[O_STATUS]));
}

static int
cmd_list(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct docs d = { 0 };
	struct edit f;
	sd_out *o;
	int rc;

	(void)argv;
	if ((rc = allow(ctx, FILTERS, e)) != 0 ||
	    (rc = operands(ctx, argc, 0, "no operands", e)) != 0 ||
	    (rc = edit_parse(ctx, &f, e)) != 0)
		return rc;
	if ((rc = docs_load(ctx, &d, true, e)) == 0) {
		o = out_start(ctx, &d, NULL);
		for (size_t r = 0; r < d.t.nrows; r++)
			if (listed(&d, r, &f))
				out_row(o, &d, r, status_on(&d, r), NULL);
		rc = sd_out_end(o, e);
	}
	docs_free(&d);
	edit_free(&f);
	return rc;
}

/* Load and find the one row a command is about. */
static int
load_one(sd_ctx *ctx, int argc, char **argv, struct docs *d, size_t *r,
    sd_err *e)
{
	int rc;

	if ((rc = operands(ctx, argc, 1, "one ID", e)) != 0 ||
	    (rc = docs_load(ctx, d, true, e)) != 0)
		return rc;
	return find(d, argv[0], r, e);
}

/* For a person at a terminal, one record reads best top to bottom. */
static int
show_vertical(const sd_ctx *ctx, const struct docs *d, size_t r, sd_err *e)
{
	static const char *const names[] = { "field", "value" };
	sd_out *o = sd_out_new(stdout, SD_FMT_TABLE, false, ctx->cfg.csv_safe);
	const char *v[2];

	sd_out_columns(o, 2, names, NULL);
	for (int c = 0; c < NCOLS; c++) {
		v[0] = colnames[c];
		v[1] = c == C_STATUS ? status_on(d, r) : cell(d, r, c);
		sd_out_row(o, v);
	}
	for (size_t i = 0; i < d->nextra; i++) {
		v[0] = d->t.cols[d->extra[i]];
		v[1] = sd_table_get(&d->t, r, d->extra[i]);
		sd_out_row(o, v);
	}
	return sd_out_end(o, e);
}

static int
cmd_show(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct docs d = { 0 };
	size_t r;
	int rc;

	if ((rc = allow(ctx, 0, e)) == 0 &&
	    (rc = load_one(ctx, argc, argv, &d, &r, e)) == 0)
		rc = ctx->format == SD_FMT_TABLE ? show_vertical(ctx, &d, r, e) :
		    print_one(ctx, &d, r, status_on(&d, r), e);
	docs_free(&d);
	return rc;
}

/* The stored file of the row, opened (unsafe names, links refused). */
static int
open_one(sd_ctx *ctx, int argc, char **argv, struct docs *d, size_t *r,
    int *fd, sd_err *e)
{
	int rc;

	*fd = -1;
	if ((rc = allow(ctx, 0, e)) != 0 ||
	    (rc = load_one(ctx, argc, argv, d, r, e)) != 0)
		return rc;
	return sd_doc_open(&ctx->store, cell(d, *r, C_FILE), fd, e);
}

static int
cmd_path(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct docs d = { 0 };
	char *path, *abs = NULL;
	size_t r;
	int fd, rc;

	if ((rc = open_one(ctx, argc, argv, &d, &r, &fd, e)) == 0) {
		close(fd);
		path = sd_doc_path(&ctx->store, cell(&d, r, C_FILE));
		if ((abs = realpath(path, NULL)) == NULL)
			rc = sd_fail_at(e, EX_NOINPUT, path, 0, "%s",
			    strerror(errno));
		else
			printf("%s\n", abs);
		free(abs);
		free(path);
	}
	docs_free(&d);
	return rc;
}

/* The bytes go out as they are read, so a file changed since it was
 * added is found only at the end: the warning and exit 1 say so. */
static int
cmd_cat(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct docs d = { 0 };
	char bytes[32];
	sd_doc_sum sum;
	size_t r;
	int fd, rc;

	if ((rc = open_one(ctx, argc, argv, &d, &r, &fd, e)) == 0) {
		fflush(stdout);
		rc = sd_doc_copy(fd, cell(&d, r, C_FILE), STDOUT_FILENO,
		    "stdout", &sum, e);
		close(fd);
		snprintf(bytes, sizeof bytes, "%" PRIu64, sum.bytes);
		if (rc == 0 && (!same_word(cell(&d, r, C_SHA256), sum.sha256) ||
		    !same_word(cell(&d, r, C_BYTES), bytes))) {
			sd_warn(ctx, "%s: %s does not match its recorded "
			    "sha256: it changed after it was added (see "
			    "contracts verify)", cell(&d, r, C_ID),
			    cell(&d, r, C_FILE));
			rc = 1;
		}
	}
	docs_free(&d);
	return rc;
}

/* set */

static int
set_row(sd_ctx *ctx, const char *id, const struct edit *ed, struct docs *d,
    size_t *r, sd_err *e)
{
	int rc;

	if ((!ctx->cli->dry_run && (rc = sd_store_lock(&ctx->store, e)) != 0) ||
	    (rc = docs_load(ctx, d, true, e)) != 0 ||
	    (rc = find(d, id, r, e)) != 0 ||
	    (rc = apply_edit(d, *r, ed, e)) != 0)
		return rc;
	if (ctx->cli->dry_run)
		return 0;
	return sd_table_save(&d->t, &ctx->store, DATA_FILE, e);
}

static int
cmd_set(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct docs d = { 0 };
	struct edit ed;
	bool any = false;
	size_t r;
	int rc;

	if ((rc = allow(ctx, EDITS, e)) != 0 ||
	    (rc = operands(ctx, argc, 1, "one ID", e)) != 0)
		return rc;
	for (int o = 0; o < NOPTS; o++)
		any = any || opt[o] != NULL;
	if (!any)
		return sd_usage_error(e, "contracts set: nothing to set");
	if ((rc = edit_parse(ctx, &ed, e)) != 0)
		return rc;
	if ((rc = check_rep(ctx, ed.val[O_REP], e)) == 0 &&
	    (rc = set_row(ctx, argv[0], &ed, &d, &r, e)) == 0)
		rc = print_one(ctx, &d, r, NULL, e);
	if (rc == 0 && ctx->cli->dry_run)
		dry_run_note(ctx);
	docs_free(&d);
	edit_free(&ed);
	return rc;
}

/* search */

struct client_name {
	const char *client, *name;
};

static int
by_client(const void *a, const void *b)
{
	return strcasecmp(((const struct client_name *)a)->client,
	    ((const struct client_name *)b)->client);
}

/* clients.csv's names, sorted by client id for lookups. */
static int
load_names(const sd_ctx *ctx, sd_table *t, struct client_name **v,
    sd_err *e)
{
	static const char *const want[] = { "client", "name" };
	char *path = sd_store_path(&ctx->store, "clients.csv");
	int rc = sd_table_load(t, path, want, 2, e), cc, nc;

	free(path);
	*v = NULL;
	if (rc != 0)
		return rc;
	cc = sd_table_col(t, "client");
	nc = sd_table_col(t, "name");
	*v = sd_xcalloc(t->nrows, sizeof **v);
	for (size_t r = 0; r < t->nrows; r++) {
		(*v)[r].client = sd_table_get(t, r, cc);
		(*v)[r].name = sd_table_get(t, r, nc);
	}
	qsort(*v, t->nrows, sizeof **v, by_client);
	return 0;
}

static void
ascii_lower(char *s)
{
	for (; *s; s++)
		*s = (char)lower_ascii((unsigned char)*s);
}

/* client, its name, title, kind and note, lowered, one per line so no
 * word matches across two of them. */
static char *
haystack(const struct docs *d, size_t r, const struct client_name *names,
    size_t nnames)
{
	struct client_name key = { cell(d, r, C_CLIENT), NULL }, *found;
	const char *name;
	size_t size;
	char *text;

	found = nnames ? bsearch(&key, names, nnames, sizeof *names,
	    by_client) : NULL;
	name = found ? found->name : "";
	size = strlen(key.client) + strlen(name) + strlen(cell(d, r, C_TITLE))
	    + strlen(cell(d, r, C_KIND)) + strlen(cell(d, r, C_NOTE)) + 8;
	text = sd_xmalloc(size);
	snprintf(text, size, "%s\n%s\n%s\n%s\n%s", key.client, name,
	    cell(d, r, C_TITLE), cell(d, r, C_KIND), cell(d, r, C_NOTE));
	ascii_lower(text);
	return text;
}

/* The words of every operand, lowered; returns how many. */
static size_t
split_words(int argc, char **argv, char ***words)
{
	size_t n = 0;
	char *copy, *w, *save;

	*words = NULL;
	for (int i = 0; i < argc; i++) {
		copy = sd_xstrdup(argv[i]);
		for (w = strtok_r(copy, " \t\n", &save); w;
		    w = strtok_r(NULL, " \t\n", &save)) {
			*words = sd_xrealloc(*words, (n + 1) * sizeof **words);
			ascii_lower((*words)[n++] = sd_xstrdup(w));
		}
		free(copy);
	}
	return n;
}

static bool
all_words(const char *text, char **words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(text, words[i]) == NULL)
			return false;
	return true;
}

static int
search_rows(sd_ctx *ctx, char **words, size_t nwords, sd_err *e)
{
	struct docs d = { 0 };
	struct client_name *names = NULL;
	sd_table clients = { 0 };
	sd_out *o;
	char *text;
	int rc;

	if ((rc = docs_load(ctx, &d, true, e)) == 0 &&
	    (rc = load_names(ctx, &clients, &names, e)) == 0) {
		o = out_start(ctx, &d, NULL);
		for (size_t r = 0; r < d.t.nrows; r++) {
			text = haystack(&d, r, names, clients.nrows);
			if (all_words(text, words, nwords))
				out_row(o, &d, r, status_on(&d, r), NULL);
			free(text);
		}
		rc = sd_out_end(o, e);
	}
	free(names);
	sd_table_free(&clients);
	docs_free(&d);
	return rc;
}

static int
cmd_search(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	char **words;
	size_t n;
	int rc;

	if ((rc = allow(ctx, 0, e)) != 0)
		return rc;
	if ((n = split_words(argc, argv, &words)) == 0)
		return sd_usage_error(e, "contracts search: expected WORDS");
	rc = search_rows(ctx, words, n, e);
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	free(words);
	return rc;
}

/* expiring */

struct due {
	sd_day notice_on, expires;
	int64_t id;
	size_t row;
};

static int
by_due(const void *a, const void *b)
{
	const struct due *x = a, *y = b;

	if (x->notice_on != y->notice_on)
		return x->notice_on < y->notice_on ? -1 : 1;
	if (x->expires != y->expires)
		return x->expires < y->expires ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* The window [*from, *to]: --on (today) and --within (30 days). */
static int
window(const sd_ctx *ctx, const struct docs *d, sd_day *from, sd_day *to,
    sd_err *e)
{
	const char *within = opt[O_WITHIN] ? opt[O_WITHIN] : WITHIN_DEFAULT;
	sd_span sp;

	*from = d->today;
	if (opt[O_ON] && sd_when_parse_day(opt[O_ON], &ctx->clock, from) != 0)
		return bad_value(O_ON, "bad date", "", e);
	if (span_parse(within, &sp) != 0)
		return bad_value(O_WITHIN, "bad duration", "", e);
	*to = sd_span_add_day(d->cal, *from, &sp, 1);
	return 0;
}

/* A live contract whose notice date or expiry falls in the window. */
static bool
due_in(const struct docs *d, size_t r, sd_day from, sd_day to,
    struct due *out)
{
	sd_span notice = { 0 };

	if (same_word(cell(d, r, C_STATUS), "terminated") ||
	    !row_day(d, r, C_EXPIRES, &out->expires))
		return false;
	if (*cell(d, r, C_NOTICE))
		span_parse(cell(d, r, C_NOTICE), &notice);	/* checked */
	out->notice_on = sd_span_add_day(d->cal, out->expires, &notice, -1);
	out->id = id_number(cell(d, r, C_ID));
	out->row = r;
	return (out->notice_on >= from && out->notice_on <= to) ||
	    (out->expires >= from && out->expires <= to);
}

static int
print_due(const sd_ctx *ctx, const struct docs *d, struct due *v, size_t n,
    sd_err *e)
{
	sd_out *o = out_start(ctx, d, "notice_on");
	char buf[11];

	qsort(v, n, sizeof *v, by_due);
	for (size_t i = 0; i < n; i++) {
		sd_date_format(v[i].notice_on, buf);
		out_row(o, d, v[i].row, status_on(d, v[i].row), buf);
	}
	return sd_out_end(o, e);
}

static int
cmd_expiring(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct docs d = { 0 };
	struct due *v = NULL;
	sd_day from = 0, to = 0;
	size_t n = 0;
	int rc;

	(void)argv;
	if ((rc = allow(ctx, BIT(O_ON) | BIT(O_WITHIN) | BIT(O_REP), e)) != 0 ||
	    (rc = operands(ctx, argc, 0, "no operands", e)) != 0)
		return rc;
	if ((rc = docs_load(ctx, &d, true, e)) == 0 &&
	    (rc = window(ctx, &d, &from, &to, e)) == 0) {
		v = sd_xcalloc(d.t.nrows, sizeof *v);
		for (size_t r = 0; r < d.t.nrows; r++)
			if ((opt[O_REP] == NULL ||
			    same_word(cell(&d, r, C_REP), opt[O_REP])) &&
			    due_in(&d, r, from, to, &v[n]))
				n++;
		rc = print_due(ctx, &d, v, n, e);
	}
	free(v);
	docs_free(&d);
	return rc;
}

/* verify */

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
problem(sd_out *o, const char *id, const char *file, const char *what,
    size_t *count)
{
	const char *v[3] = { id, file, what };

	sd_out_row(o, v);
	(*count)++;
}

/* Every row's file against its record.  A read error is reported and
 * counted as a problem; the check goes on. */
static void
verify_rows(const sd_ctx *ctx, const struct docs *d, sd_out *o,
    size_t *count)
{
	const char *what;
	sd_err re;

	for (size_t r = 0; r < d->t.nrows; r++) {
		sd_err_clear(&re);
		if (sd_doc_check(&ctx->store, cell(d, r, C_FILE),
		    cell(d, r, C_SHA256), cell(d, r, C_BYTES), &what, &re)) {
			sd_warn(ctx, "%s: %s", re.where, re.msg);
			what = "unreadable";
		}
		if (what)
			problem(o, cell(d, r, C_ID), cell(d, r, C_FILE), what,
			    count);
	}
}

/* Files in the store that no row names. */
static int
verify_unregistered(const sd_ctx *ctx, const struct docs *d, sd_out *o,
    size_t *count, sd_err *e)
{
	const char **known = sd_xcalloc(d->t.nrows, sizeof *known);
	char **names;
	size_t n, nknown = 0;
	int rc;

	for (size_t r = 0; r < d->t.nrows; r++)
		known[nknown++] = cell(d, r, C_FILE);
	qsort(known, nknown, sizeof *known, by_string);
	if ((rc = sd_doc_list(&ctx->store, &names, &n, e)) == 0) {
		for (size_t i = 0; i < n; i++)
			if (nknown == 0 || !bsearch(&names[i], known, nknown,
			    sizeof *known, by_string))
				problem(o, "", names[i], "unregistered", count);
		sd_doc_names_free(names, n);
	}
	free(known);
	return rc;
}

static int
cmd_verify(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	static const char *const names[] = { "id", "file", "problem" };
	struct docs d = { 0 };
	sd_err ignored = { 0 };
	size_t count = 0;
	sd_out *o;
	int rc;

	(void)argv;
	if ((rc = allow(ctx, 0, e)) != 0 ||
	    (rc = operands(ctx, argc, 0, "no operands", e)) != 0)
		return rc;
	if ((rc = docs_load(ctx, &d, true, e)) == 0) {
		o = sd_ctx_out(ctx);
		sd_out_columns(o, 3, names, NULL);
		verify_rows(ctx, &d, o, &count);
		rc = verify_unregistered(ctx, &d, o, &count, e);
		/* An error already in e is the one to report. */
		if (sd_out_end(o, rc ? &ignored : e) != 0 && rc == 0)
			rc = e->status;
	}
	docs_free(&d);
	return rc != 0 ? rc : count > 0;
}

static const sd_command commands[] = {
	{ "add", cmd_add, true },
	{ "cat", cmd_cat, false },
	{ "expiring", cmd_expiring, false },
	{ "list", cmd_list, false },
	{ "path", cmd_path, false },
	{ "search", cmd_search, false },
	{ "set", cmd_set, true },
	{ "show", cmd_show, false },
	{ "verify", cmd_verify, false },
	{ NULL, NULL, false },
};

static const sd_tool tool = {
	.name = "contracts",
	.usage =
    "usage: contracts add FILE --client C --title T [--kind K] [--status S] [--signed D]\n"
    "                      [--starts D] [--expires D | --term DUR] [--notice DUR]\n"
    "                      [--renewal auto|manual|none] [--rep R] [--note TEXT]\n"
    "       contracts list [--client C] [--kind K] [--status S] [--rep R]\n"
    "       contracts show|path|cat ID\n"
    "       contracts set ID [--client C] [--title T] [--kind K] [--status S]\n"
    "                      [--signed D] [--starts D] [--expires D | --term DUR]\n"
    "                      [--notice DUR] [--renewal R] [--rep R] [--note TEXT]\n"
    "       contracts search WORDS\n"
    "       contracts expiring [--within DUR] [--on DATE] [--rep R]\n"
    "       contracts verify\n",
	.options = options,
	.on_option = on_option,
	.commands = commands,
};

/* contracts: see the comment at the top and contracts(1). */
int
main(int argc, char **argv)
{
	return sd_main(&tool, argc, argv);
}
