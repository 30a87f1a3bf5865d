/*
 * reps.c: the team from reps.csv, every value checked once on load so the
 * tools can trust what they look up.
 */
#include <stdlib.h>
#include <string.h>

#include "salesdesk.h"

enum { C_REP, C_NAME, C_EMAIL, C_PHONE, C_REGION, C_PRODUCTS, C_TIMEZONE,
	C_HOURS, C_DAYS, C_CAPACITY, C_WEIGHT, C_ACTIVE, NCOLS };

static const char *const colnames[NCOLS] = { "rep", "name", "email",
	"phone", "region", "products", "timezone", "hours", "days", "capacity",
	"weight", "active" };

struct loading {
	sd_csv *r;
	sd_row *row;
	int col[NCOLS];
	const sd_config *cfg;
	sd_err *e;
};

static char *
field(const struct loading *ld, int c)
{
	char *copy = sd_xstrdup(sd_row_get(ld->row, ld->col[c]));
	char *trimmed = sd_trim(copy);

	memmove(copy, trimmed, strlen(trimmed) + 1);
	return copy;
}

static int
bad(const struct loading *ld, int c, const char *what)
{
	return sd_csv_field_error(ld->e, ld->r, ld->row, ld->col[c], what);
}

/* "printers;copiers" into a NULL-terminated list; "*" (or empty) is all. */
static char **
split_products(const char *s)
{
	char *copy, *tok, *save;
	char **list = NULL;
	size_t n = 0;

	if (*s == '\0' || strcmp(s, "*") == 0)
		return NULL;
	copy = sd_xstrdup(s);
	for (tok = strtok_r(copy, ";", &save); tok;
	    tok = strtok_r(NULL, ";", &save)) {
		char *name = sd_trim(tok);

		if (*name == '\0')
			continue;
		list = sd_xrealloc(list, (n + 2) * sizeof *list);
		list[n++] = sd_xstrdup(name);
	}
	free(copy);
	if (list)
		list[n] = NULL;
	return list;
}

/* A whole number in [min, max] with nothing else around it. */
static bool
parse_count(const char *s, int64_t min, int64_t max, int64_t *out)
{
	int64_t v = 0;

	if (*s == '\0')
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return v >= min;
}

static int
load_schedule(struct loading *ld, sd_rep *rep)
{
	char *hours = field(ld, C_HOURS), *days = field(ld, C_DAYS);
	int status = 0;

	rep->day_start = ld->cfg->day_start;
	rep->day_end = ld->cfg->day_end;
	rep->days_mask = ld->cfg->days_mask;
	if (*hours && sd_hours_parse(hours, &rep->day_start,
	    &rep->day_end) != 0)
		status = bad(ld, C_HOURS, "bad hours (want 09:00-17:00)");
	else if (*days && sd_days_parse(days, &rep->days_mask) != 0)
		status = bad(ld, C_DAYS, "bad days (want mon-fri or mon,tue)");
	free(hours);
	free(days);
	return status;
}

static int
load_numbers(struct loading *ld, sd_rep *rep)
{
	char *cap = field(ld, C_CAPACITY), *weight = field(ld, C_WEIGHT);
	char *active = field(ld, C_ACTIVE);
	int64_t w = 1;
	bool on = true;
	int status = 0;

	rep->capacity = -1;
	if (*cap && !parse_count(cap, 0, INT32_MAX, &rep->capacity))
		status = bad(ld, C_CAPACITY, "bad capacity (a whole number)");
	else if (*weight && !parse_count(weight, 1, 1000, &w))
		status = bad(ld, C_WEIGHT, "bad weight (a whole number 1-1000)");
	else if (*active && sd_bool_parse(active, &on) != 0)
		status = bad(ld, C_ACTIVE, "bad active (yes or no)");
	rep->weight = (int)w;
	rep->active = on;
	free(cap);
	free(weight);
	free(active);
	return status;
}

static int
load_zone(struct loading *ld, sd_rep *rep)
{
	char *zone = field(ld, C_TIMEZONE);
	int rc;

	if (*zone == '\0') {
		free(zone);
		return 0;
	}
	if ((rc = sd_zone_check(zone)) != 0) {
		free(zone);
		return bad(ld, C_TIMEZONE, rc == SD_EZONE ?
		    "unreadable zone file for time zone" :
		    "unknown time zone");
	}
	rep->zone = zone;
	return 0;
}

static int
load_rep(struct loading *ld, sd_rep *rep)
{
	char *products;

	memset(rep, 0, sizeof *rep);
	rep->line = ld->row->line;
	rep->id = field(ld, C_REP);
	rep->name = field(ld, C_NAME);
	rep->email = field(ld, C_EMAIL);
	rep->phone = field(ld, C_PHONE);
	rep->region = field(ld, C_REGION);
	products = field(ld, C_PRODUCTS);
	rep->products = split_products(products);
	free(products);
	if (*rep->id == '\0')
		return bad(ld, C_REP, "empty rep id");
	if (load_zone(ld, rep) || load_schedule(ld, rep) ||
	    load_numbers(ld, rep))
		return ld->e->status;
	return 0;
}

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const sd_rep *)a)->id, ((const sd_rep *)b)->id);
}

static int
check_unique(const sd_reps *reps, const char *path, sd_err *e)
{
	for (size_t i = 1; i < reps->n; i++)
		if (strcmp(reps->v[i - 1].id, reps->v[i].id) == 0)
			return sd_fail_at(e, EX_DATAERR, path, reps->v[i].line,
			    "rep '%s' is listed twice (also line %ld)",
			    reps->v[i].id, reps->v[i - 1].line);
	return 0;
}

static int
read_reps(sd_reps *reps, struct loading *ld)
{
	size_t cap = 0;
	int got;

	for (int c = 0; c < NCOLS; c++)
		ld->col[c] = sd_csv_col(ld->r, colnames[c]);
	if (sd_csv_ncols(ld->r) && sd_csv_need(ld->r, "rep", &ld->col[C_REP],
	    ld->e))
		return ld->e->status;
	while ((got = sd_csv_next(ld->r, &ld->row, ld->e)) == 1) {
		if (reps->n == cap) {
			cap = cap ? cap * 2 : 16;
			reps->v = sd_xrealloc(reps->v, cap * sizeof *reps->v);
		}
		if (load_rep(ld, &reps->v[reps->n++]) != 0)
			return ld->e->status;
	}
	return got < 0 ? ld->e->status : 0;
}

int
sd_reps_load(sd_reps *reps, const sd_store *st, const sd_config *cfg,
    sd_err *e)
{
	char *path = sd_store_path(st, "reps.csv");
	struct loading ld = { .cfg = cfg, .e = e };
	int status;

	memset(reps, 0, sizeof *reps);
	status = sd_csv_open(&ld.r, path, SD_CSV_MISSING_OK, e);
	if (status == 0) {
		status = read_reps(reps, &ld);
		sd_csv_close(ld.r);
	}
	if (status == 0 && reps->n > 1) {
		qsort(reps->v, reps->n, sizeof *reps->v, by_id);
		status = check_unique(reps, path, e);
	}
	free(path);
	return status;
}

static void
rep_free(sd_rep *rep)
{
	for (char **p = rep->products; p && *p; p++)
		free(*p);
	free(rep->products);
	free(rep->id);
	free(rep->name);
	free(rep->email);
	free(rep->phone);
	free(rep->region);
	free(rep->zone);
}

void
sd_reps_free(sd_reps *reps)
{
	for (size_t i = 0; i < reps->n; i++)
		rep_free(&reps->v[i]);
	free(reps->v);
	memset(reps, 0, sizeof *reps);
}

const sd_rep *
sd_reps_find(const sd_reps *reps, const char *id)
{
	sd_rep key = { .id = (char *)id };

	if (reps->n == 0)
		return NULL;
	return bsearch(&key, reps->v, reps->n, sizeof *reps->v, by_id);
}

int
sd_reps_need(const sd_reps *reps, const char *id, const sd_rep **out,
    sd_err *e)
{
	*out = sd_reps_find(reps, id);
	if (*out == NULL)
		return sd_fail(e, EX_DATAERR, "unknown rep '%s' (not in "
		    "reps.csv)", id);
	return 0;
}

bool
sd_rep_covers(const sd_rep *rep, const char *region, const char *product)
{
	bool region_ok = *region == '\0' || strcmp(rep->region, "*") == 0 ||
	    sd_streq_ci(rep->region, region);

	if (!region_ok)
		return false;
	if (*product == '\0' || rep->products == NULL)
		return true;
	for (char **p = rep->products; *p; p++)
		if (sd_streq_ci(*p, product))
			return true;
	return false;
}

const char *
sd_rep_zone(const sd_rep *rep, const char *fallback)
{
	return rep && rep->zone ? rep->zone : fallback;
}
