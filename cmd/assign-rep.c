/*
 * assign-rep: hand each inbound call or lead to a rep (assign-rep(1)).
 *
 * A filter: rows come in (FILE arguments or stdin) and go out with every
 * column as it was plus rep and reason; lib/route.c decides.  A known
 * client goes to its owner (clients.csv, by id, else by exact name); a new
 * client's first rep is its owner for the rest of the run.  With --record
 * the input is read whole before the lock is taken, so the lock covers
 * only reading the data, deciding and writing, and the rows are printed
 * after it is released: a tool further down the pipe that takes the lock
 * itself never waits on us while we wait on it.  New clients are appended
 * to clients.csv, not rewritten with it.
 *
 * A million calls: input files are read through lib/scan.c, of the book
 * only the away entries and today's are kept, and per call the work is a
 * few hash lookups and the router's pick, with no malloc per row.
 */
#include <getopt.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "salesdesk.h"

#define ARENA_BLOCK	(1024 * 1024)
#define RECEIVED_MEMO	65536

enum { OPT_EXPLAIN = SD_OPT_TOOL, OPT_PERIOD, OPT_RECORD, OPT_STRATEGY };

static const struct option options[] = {
	{ "explain",	no_argument,		NULL, OPT_EXPLAIN },
	{ "period",	required_argument,	NULL, OPT_PERIOD },
	{ "record",	no_argument,		NULL, OPT_RECORD },
	{ "strategy",	required_argument,	NULL, OPT_STRATEGY },
	{ NULL, 0, NULL, 0 },
};

static const char usage[] =
    "usage: assign-rep [--strategy S] [--record] [--explain] [FILE|-]\n"
    "       assign-rep stats [--period P]\n";

static bool explain, record, strategy_set;
static enum sd_strategy strategy;
static const char *period;

static const char *const assign_cols[] = { "at", "client", "region",
	"product", "rep", "reason" };
#define NASSIGN (sizeof assign_cols / sizeof *assign_cols)

static const char *const client_cols[] = { "client", "name", "contact",
	"phone", "email", "region", "industry", "rep", "stage", "created" };
#define NCLIENT (sizeof client_cols / sizeof *client_cols)

static int
on_option(int key, const char *arg, sd_err *e)
{
	switch (key) {
	case OPT_EXPLAIN:
		explain = true;
		break;
	case OPT_PERIOD:
		period = arg;
		break;
	case OPT_RECORD:
		record = true;
		break;
	case OPT_STRATEGY:
		if (sd_strategy_parse(arg, &strategy) != 0)
			return sd_usage_error(e, "unknown strategy '%s' "
			    "(round-robin, least-loaded or first-free)", arg);
		strategy_set = true;
		break;
	default:
		return sd_usage_error(e, "unknown option");
	}
	return 0;
}

/* A value without the blanks around it: *p, *n into s. */
static void
trimmed(const char *s, const char **p, size_t *n)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*p = s, *n = len;
}

struct buf {
	char *p;
	size_t cap;
};

static char *
trimmed_copy(const char *s)
{
	const char *p;
	size_t n;
	char *copy;

	trimmed(s, &p, &n);
	copy = sd_xmalloc(n + 1);
	memcpy(copy, p, n);
	copy[n] = '\0';
	return copy;
}

/* s without the blanks around it, in *buf (grown as needed). */
static const char *
trimmed_into(struct buf *b, const char *s)
{
	const char *p;
	size_t n;

	trimmed(s, &p, &n);
	if (n + 1 > b->cap) {
		b->cap = n + 64;
		b->p = sd_xrealloc(b->p, b->cap);
	}
	memcpy(b->p, p, n);
	b->p[n] = '\0';
	return b->p;
}

/* Text kept for the whole run, in large blocks: a million held rows are
 * not a million mallocs. */
struct block {
	struct block *next;
	size_t used, cap;
	max_align_t data[];
};

static void *
arena_alloc(struct block **arena, size_t n)
{
	struct block *b = *arena;
	size_t a = sizeof(max_align_t), at;

	if (b == NULL || b->cap - b->used < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = sd_xmalloc(sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		b->next = *arena;
		*arena = b;
	}
	at = b->used;
	b->used += (n + a - 1) / a * a;
	if (b->used > b->cap)
		b->used = b->cap;
	return (char *)b->data + at;
}

static char *
arena_strdup(struct block **arena, const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(arena_alloc(arena, n), s, n);
}

static void
arena_free(struct block *b)
{
	struct block *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
}

/* Clients: clients.csv in memory, found by id and by name */

#define NONE ((size_t)-1)

/* Rep names, each kept once for the run: new clients share a few reps. */
struct repnames {
	sd_keymap *map;
	char **name;		/* parallel to map */
};

static const char *
rep_name(struct repnames *rn, const char *rep)
{
	bool added;
	size_t i;

	if (rn->map == NULL)
		rn->map = sd_keymap_new();
	i = sd_keymap_put(rn->map, rep, strlen(rep), &added);
	if (added) {
		if ((i & (i - 1)) == 0)
			rn->name = sd_xrealloc(rn->name, 2 * (i + 1) *
			    sizeof *rn->name);
		rn->name[i] = sd_xstrdup(rep);
	}
	return rn->name[i];
}

static void
repnames_free(struct repnames *rn)
{
	for (size_t i = 0; rn->map && i < sd_keymap_count(rn->map); i++)
		free(rn->name[i]);
	free(rn->name);
	sd_keymap_free(rn->map);
}

/* New clients' reps by id, for the rest of the run: a client's slot is
 * made when it is first looked up, its rep set once it has one. */
struct memo {
	sd_keymap *map;
	const char **rep;	/* parallel to map; NULL: none yet */
};

/* The slot of key (trimmed), made when new; NONE for an empty key. */
static size_t
memo_slot(struct memo *m, const char *key)
{
	const char *p;
	size_t n, i;
	bool added;

	trimmed(key, &p, &n);
	if (n == 0)
		return NONE;
	if (m->map == NULL)
		m->map = sd_keymap_new();
	i = sd_keymap_put(m->map, p, n, &added);
	if (added) {
		if ((i & (i - 1)) == 0)
			m->rep = sd_xrealloc(m->rep, 2 * (i + 1) *
			    sizeof *m->rep);
		m->rep[i] = NULL;
	}
	return i;
}

static void
memo_free(struct memo *m)
{
	free(m->rep);
	sd_keymap_free(m->map);
}

/* New clients' reps by name, asked for only by calls without a client
 * id: kept in a list, put in a memo when first asked. */
struct names {
	char *bytes;
	size_t used, size;
	size_t *off;
	const char **rep;
	size_t n, cap, done;	/* done: how many are in m */
	struct memo m;
};

static void
names_add(struct names *nm, const char *key, const char *rep)
{
	const char *p;
	size_t n;

	trimmed(key, &p, &n);
	if (n == 0)
		return;
	while (nm->used + n + 1 > nm->size) {
		nm->size = nm->size ? nm->size * 2 : 4096;
		nm->bytes = sd_xrealloc(nm->bytes, nm->size);
	}
	if (nm->n == nm->cap) {
		nm->cap = nm->cap ? nm->cap * 2 : 64;
		nm->off = sd_xrealloc(nm->off, nm->cap * sizeof *nm->off);
		nm->rep = sd_xrealloc(nm->rep, nm->cap * sizeof *nm->rep);
	}
	memcpy(nm->bytes + nm->used, p, n);
	nm->bytes[nm->used + n] = '\0';
	nm->off[nm->n] = nm->used;
	nm->rep[nm->n++] = rep;
	nm->used += n + 1;
}

/* The rep of the first new client named key, or "". */
static const char *
names_get(struct names *nm, const char *key)
{
	size_t i;

	for (; nm->done < nm->n; nm->done++) {
		i = memo_slot(&nm->m, nm->bytes + nm->off[nm->done]);
		if (nm->m.rep[i] == NULL)
			nm->m.rep[i] = nm->rep[nm->done];
	}
	if ((i = memo_slot(&nm->m, key)) == NONE || nm->m.rep[i] == NULL)
		return "";
	return nm->m.rep[i];
}

static void
names_free(struct names *nm)
{
	free(nm->bytes);
	free(nm->off);
	free(nm->rep);
	memo_free(&nm->m);
}

/* The clients: the rows of clients.csv (0 .. t.nrows - 1), then with
 * --record the clients new this run (t.nrows on), whose rows are
 * appended to the file. */
struct clients {
	sd_table t;
	int id, name, rep, stage, created;
	sd_keymap *by_id, *by_name;
	size_t *id_row, *name_row;	/* parallel to the maps */
	char **new_id;		/* in the run's arena */
	const char **new_rep;
	size_t nnew, capnew;
	FILE *addf;		/* the new clients' rows */
	char *adds;
	size_t addlen;
	bool appendable;	/* the file has all of t's columns */
	struct memo new_ids;
	struct names new_names;
	struct repnames reps;
	size_t set;		/* owners set in rows of the file */
};

/* Map key (trimmed) to v in map, keeping the first; rows parallels it. */
static void
index_put(sd_keymap *map, size_t **rows, const char *key, size_t v)
{
	const char *p;
	size_t n, i;
	bool added;

	trimmed(key, &p, &n);
	if (n == 0)
		return;
	i = sd_keymap_put(map, p, n, &added);
	if (!added)
		return;
	if ((i & (i - 1)) == 0)
		*rows = sd_xrealloc(*rows, 2 * (i + 1) * sizeof **rows);
	(*rows)[i] = v;
}

static long
index_get(const sd_keymap *map, const size_t *rows, const char *key)
{
	const char *p;
	size_t n, i;

	trimmed(key, &p, &n);
	if (n == 0)
		return -1;
	i = sd_keymap_get(map, p, n);
	return i == SD_NOTFOUND ? -1 : (long)rows[i];
}

/* Can rows in t's columns be appended to the file as it is?  Not when
 * sd_table_load added columns it lacks. */
static bool
appendable(const char *path, const sd_table *t)
{
	sd_err ignored;
	sd_csv *csv;
	bool ok;

	if (sd_csv_open(&csv, path, SD_CSV_MISSING_OK, &ignored) != 0)
		return false;
	ok = sd_csv_ncols(csv) == 0 || sd_csv_ncols(csv) == t->ncols;
	sd_csv_close(csv);
	return ok;
}

static int
clients_load(struct clients *c, const sd_store *st, sd_err *e)
{
	char *path = sd_store_path(st, "clients.csv");
	int status = sd_table_load(&c->t, path, client_cols, NCLIENT, e);

	c->by_id = sd_keymap_new();
	c->by_name = sd_keymap_new();
	if (status == 0 && record)
		c->appendable = appendable(path, &c->t);
	free(path);
	if (status != 0)
		return status;
	c->id = sd_table_col(&c->t, "client");
	c->name = sd_table_col(&c->t, "name");
	c->rep = sd_table_col(&c->t, "rep");
	c->stage = sd_table_col(&c->t, "stage");
	c->created = sd_table_col(&c->t, "created");
	for (size_t row = 0; row < c->t.nrows; row++) {
		index_put(c->by_id, &c->id_row,
		    sd_table_get(&c->t, row, c->id), row);
		index_put(c->by_name, &c->name_row,
		    sd_table_get(&c->t, row, c->name), row);
	}
	return 0;
}

static void
clients_free(struct clients *c)
{
	memo_free(&c->new_ids);
	names_free(&c->new_names);
	repnames_free(&c->reps);
	sd_keymap_free(c->by_id);
	sd_keymap_free(c->by_name);
	free(c->id_row);
	free(c->name_row);
	free(c->new_id);
	free(c->new_rep);
	if (c->addf)
		fclose(c->addf);
	free(c->adds);
	sd_table_free(&c->t);
}

/* The client a call is from, and the slots that remember it. */
struct who {
	long row;		/* -1: new */
	size_t memo;		/* its id's in new_ids, or NONE */
	size_t id_slot, name_slot;	/* --record: in by_id, by_name */
};

/* --record: key's slot in map, made when new (its row NONE), so that a
 * new client added later is not looked up again; *row is -1 when no
 * client has it yet. */
static size_t
index_slot(sd_keymap *map, size_t **rows, const char *key, long *row)
{
	const char *p;
	size_t n, i;
	bool added;

	*row = -1;
	trimmed(key, &p, &n);
	if (n == 0)
		return NONE;
	i = sd_keymap_put(map, p, n, &added);
	if (added) {
		if ((i & (i - 1)) == 0)
			*rows = sd_xrealloc(*rows, 2 * (i + 1) * sizeof **rows);
		(*rows)[i] = NONE;
	}
	if ((*rows)[i] != NONE)
		*row = (long)(*rows)[i];
	return i;
}

/* Put row in a slot index_slot made, unless a client has it. */
static void
slot_set(size_t *rows, size_t slot, size_t row)
{
	if (slot != NONE && rows[slot] == NONE)
		rows[slot] = row;
}

/* The client a call is from: by id, else by exact name. */
static struct who
clients_find(struct clients *c, const char *id, const char *name)
{
	struct who w = { -1, NONE, NONE, NONE };

	if (!record) {
		w.row = index_get(c->by_id, c->id_row, id);
		if (w.row < 0)
			w.row = index_get(c->by_name, c->name_row, name);
		return w;
	}
	w.id_slot = index_slot(c->by_id, &c->id_row, id, &w.row);
	if (w.row < 0)
		w.name_slot = index_slot(c->by_name, &c->name_row, name,
		    &w.row);
	return w;
}

static const char *
client_id(const struct clients *c, long row)
{
	if ((size_t)row < c->t.nrows)
		return sd_table_get(&c->t, (size_t)row, c->id);
	return c->new_id[(size_t)row - c->t.nrows];
}

static const char *
client_rep(const struct clients *c, long row)
{
	if ((size_t)row < c->t.nrows)
		return sd_table_get(&c->t, (size_t)row, c->rep);
	return c->new_rep[(size_t)row - c->t.nrows];
}

/* The input, its columns, and what the run has decided */

enum { IN_CLIENT, IN_NAME, IN_REGION, IN_PRODUCT, IN_RECEIVED, IN_REP,
	IN_REASON, NIN };
static const char *const in_names[NIN] = { "client", "name", "region",
	"product", "received", "rep", "reason" };

/* A row read before the lock (--record): its fields in one block. */
struct held {
	char **f;
	sd_time at;
	const char *rep, *reason;	/* rep NULL: it came with one */
};

struct run {
	sd_ctx *ctx;
	sd_reps reps;
	sd_book book;
	sd_route *rt;
	struct clients cl;
	char **names;		/* the input's header, as written */
	size_t ncols, nout;
	int in[NIN];
	int *copy;		/* clients.csv column -> input column or -1 */
	const char **client_cells;	/* a new client's row */
	char (*stamps)[32];	/* now, in each rep's zone */
	char today[11];		/* a new client's created */
	int *layout;		/* assignments.csv column -> ours or -1 */
	const char **layout_cells;	/* a row of it */
	size_t nlayout;
	const char **cells;	/* a row out */
	char *adds;		/* assignments.csv rows to append */
	size_t addlen;
	FILE *addf;
	size_t nadds;
	struct held *held;
	size_t nheld, capheld;
	struct block *mem;	/* the held rows and their reasons */
	sd_out *out;
	struct buf region, product, owner, client;	/* a call's */
	sd_keymap *when_map;	/* received texts parsed */
	sd_time *when;		/* parallel to when_map */
	bool unassigned;
};

static bool
same_name(const char *cell, const char *name)
{
	const char *p;
	size_t n;

	trimmed(cell, &p, &n);
	return n == strlen(name) && strncasecmp(p, name, n) == 0;
}

/* The columns of the first input; the others must have the same. */
static int
take_header(struct run *r, const sd_csv *csv, sd_err *e)
{
	size_t n = sd_csv_ncols(csv);

	if (r->names != NULL) {
		for (size_t i = 0; i < n && n == r->ncols; i++)
			if (!same_name(sd_csv_colname(csv, i), r->names[i]))
				n = 0;
		if (n != r->ncols)
			return sd_fail_at(e, EX_DATAERR, sd_csv_name(csv), 1,
			    "the columns differ from the first input's");
		return 0;
	}
	r->ncols = n;
	r->names = sd_xcalloc(n + 2, sizeof *r->names);
	for (size_t i = 0; i < n; i++)
		r->names[i] = sd_xstrdup(sd_csv_colname(csv, i));
	for (int k = 0; k < NIN; k++)
		if ((r->in[k] = sd_csv_col(csv, in_names[k])) >= 0 &&
		    k >= IN_REP && sd_csv_need(csv, in_names[k], &r->in[k], e))
			return e->status;
	r->nout = n;
	r->cells = sd_xcalloc(n + 2, sizeof *r->cells);
	if (r->in[IN_REP] < 0)
		r->names[r->nout++] = sd_xstrdup("rep");
	if (r->in[IN_REASON] < 0)
		r->names[r->nout++] = sd_xstrdup("reason");
	return 0;
}

static const char *
field(const struct run *r, char *const *f, int k)
{
	return r->in[k] >= 0 ? f[r->in[k]] : "";
}

/* received, else now; typed by a person, so any form sd_when_parse
 * reads (a time without an offset is in the team's zone).  0 or -1.
 * Calls come by the minute, so the same text comes again and again:
 * each is parsed once (up to RECEIVED_MEMO of them), since reading a
 * wall time on a zone's clock is the costly part. */
static int
received_at(struct run *r, const sd_row *row, sd_time *at)
{
	const char *v = sd_row_get(row, r->in[IN_RECEIVED]);
	const char *p;
	size_t n, i;
	bool added;

	*at = r->ctx->clock.now;
	trimmed(v, &p, &n);
	if (n == 0)
		return 0;
	if (r->when_map == NULL)
		r->when_map = sd_keymap_new();
	if ((i = sd_keymap_get(r->when_map, p, n)) != SD_NOTFOUND) {
		*at = r->when[i];
		return 0;
	}
	if (sd_when_parse(v, &r->ctx->clock, at) != 0)
		return -1;
	if (sd_keymap_count(r->when_map) < RECEIVED_MEMO) {
		i = sd_keymap_put(r->when_map, p, n, &added);
		if ((i & (i - 1)) == 0)
			r->when = sd_xrealloc(r->when, 2 * (i + 1) *
			    sizeof *r->when);
		r->when[i] = *at;
	}
	return 0;
}

static int
received(struct run *r, const sd_csv *csv, const sd_row *row,
    sd_time *at, sd_err *e)
{
	if (received_at(r, row, at) != 0)
		return sd_csv_field_error(e, csv, row, r->in[IN_RECEIVED],
		    "bad received time");
	return 0;
}

/* Recording */

/* Which input column feeds each clients.csv column of a new client. */
static void
map_copy(struct run *r)
{
	const sd_table *t = &r->cl.t;

	r->copy = sd_xcalloc(t->ncols ? t->ncols : 1, sizeof *r->copy);
	r->client_cells = sd_xcalloc(t->ncols ? t->ncols : 1,
	    sizeof *r->client_cells);
	for (size_t c = 0; c < t->ncols; c++) {
		r->copy[c] = -1;
		for (size_t i = 0; i < r->ncols && r->copy[c] < 0; i++)
			if (same_name(r->names[i], t->cols[c]) &&
			    !same_name(r->names[i], "rep"))
				r->copy[c] = (int)i;
	}
}

/* A new client with an id: a clients.csv row from the input's columns
 * of the same names, its rep the one just given, to be appended to the
 * file; known by id and name for the rest of the run. */
static void
add_client(struct run *r, char *const *f, const struct who *w,
    const char *rep)
{
	struct clients *c = &r->cl;
	const char **cells;
	char *id = arena_strdup(&r->mem, trimmed_into(&r->client,
	    field(r, f, IN_CLIENT)));
	size_t row = c->t.nrows + c->nnew;

	if (r->copy == NULL)
		map_copy(r);
	cells = r->client_cells;
	for (size_t k = 0; k < c->t.ncols; k++)
		cells[k] = r->copy[k] >= 0 ? f[r->copy[k]] : "";
	cells[c->id] = id;
	cells[c->rep] = rep;
	if (*cells[c->stage] == '\0')
		cells[c->stage] = "lead";
	if (*cells[c->created] == '\0')
		cells[c->created] = r->today;
	sd_csv_put_row(c->addf, c->t.ncols, cells);
	if (c->nnew == c->capnew) {
		c->capnew = c->capnew ? c->capnew * 2 : 256;
		c->new_id = sd_xrealloc(c->new_id, c->capnew *
		    sizeof *c->new_id);
		c->new_rep = sd_xrealloc(c->new_rep, c->capnew *
		    sizeof *c->new_rep);
	}
	c->new_id[c->nnew] = id;
	c->new_rep[c->nnew++] = rep_name(&c->reps, rep);
	slot_set(c->id_row, w->id_slot, row);
	slot_set(c->name_row, w->name_slot, row);
}

/* Does the row say something (not only spaces) in input column col? */
static bool
nonblank(const struct run *r, char *const *f, int col)
{
	const char *p;
	size_t n;

	trimmed(field(r, f, col), &p, &n);
	return n > 0;
}

/* The client now has an owner: a row of the file without one gets it; a
 * new client gets a row when recording and has an id, else is
 * remembered for the rest of the run. */
static void
own(struct run *r, char *const *f, const struct who *w, const char *rep)
{
	struct clients *c = &r->cl;
	const char *p;
	size_t n;

	if (w->row >= 0 && (size_t)w->row < c->t.nrows) {
		trimmed(sd_table_get(&c->t, (size_t)w->row, c->rep), &p, &n);
		if (n == 0) {
			sd_table_set(&c->t, (size_t)w->row, c->rep, rep);
			c->set++;
		}
	} else if (w->row >= 0)
		return;		/* new this run: it has its rep */
	else if (record && nonblank(r, f, IN_CLIENT))
		add_client(r, f, w, rep);
	else {
		if (w->memo != NONE && c->new_ids.rep[w->memo] == NULL)
			c->new_ids.rep[w->memo] = rep_name(&c->reps, rep);
		names_add(&c->new_names, field(r, f, IN_NAME),
		    rep_name(&c->reps, rep));
	}
}

/* The owner of the client a row is from, or "". */
static const char *
owner_of(struct run *r, char *const *f, const struct who *w)
{
	struct clients *c = &r->cl;
	const char *rep = "";

	if (w->row >= 0)
		return trimmed_into(&r->owner, client_rep(c, w->row));
	if (w->memo != NONE && c->new_ids.rep[w->memo] != NULL)
		rep = c->new_ids.rep[w->memo];
	if (*rep == '\0' && !nonblank(r, f, IN_CLIENT))
		rep = names_get(&c->new_names, field(r, f, IN_NAME));
	return rep;
}

/* assignments.csv's own column order, for appending to it. */
static int
read_layout(struct run *r, sd_err *e)
{
	char *path = sd_store_path(&r->ctx->store, "assignments.csv");
	sd_csv *csv;
	int status = sd_csv_open(&csv, path, SD_CSV_MISSING_OK, e);
	int col;

	free(path);
	if (status != 0)
		return status;
	r->nlayout = sd_csv_ncols(csv) ? sd_csv_ncols(csv) : NASSIGN;
	r->layout = sd_xcalloc(r->nlayout, sizeof *r->layout);
	r->layout_cells = sd_xcalloc(r->nlayout, sizeof *r->layout_cells);
	for (size_t i = 0; i < r->nlayout; i++)
		r->layout[i] = sd_csv_ncols(csv) ? -1 : (int)i;
	for (size_t k = 0; sd_csv_ncols(csv) && status == 0 && k < NASSIGN;
	    k++)
		if ((status = sd_csv_need(csv, assign_cols[k], &col, e)) == 0)
			r->layout[col] = (int)k;
	sd_csv_close(csv);
	return status;
}

static void
add_assignment(struct run *r, const char *const v[NASSIGN])
{
	const char **cells = r->layout_cells;

	for (size_t i = 0; i < r->nlayout; i++)
		cells[i] = r->layout[i] >= 0 ? v[r->layout[i]] : "";
	sd_csv_put_row(r->addf, r->nlayout, cells);
	r->nadds++;
}

/* Now in the rep's zone (the team's for no rep): the same for every call
 * of the run, so formatted once per rep rather than once per row. */
static const char *
stamp(struct run *r, const sd_rep *rep)
{
	size_t i = rep ? (size_t)(rep - r->reps.v) : r->reps.n;

	if (r->stamps == NULL)
		r->stamps = sd_xcalloc(r->reps.n + 1, sizeof *r->stamps);
	if (r->stamps[i][0] == '\0')
		sd_datetime_format(r->ctx->clock.now, sd_rep_zone(rep,
		    r->ctx->zone), r->stamps[i]);
	return r->stamps[i];
}

/* at: when the decision was made, in the rep's zone. */
static void
note_assignment(struct run *r, char *const *f, const sd_call *call,
    long row, const sd_pick *p)
{
	const sd_rep *rep = p->rep ? sd_reps_find(&r->reps, p->rep) : NULL;
	const char *v[NASSIGN];

	v[0] = stamp(r, rep);
	v[1] = trimmed_into(&r->client, row >= 0 ? client_id(&r->cl, row) :
	    field(r, f, IN_CLIENT));
	v[2] = call->region, v[3] = call->product;
	v[4] = p->rep ? p->rep : "", v[5] = p->reason;
	add_assignment(r, v);
}

/* Deciding */

/* Decide one row: *rep stays valid for the run, *reason until the next
 * call. */
static void
decide(struct run *r, char *const *f, sd_time at, const char **rep,
    const char **reason)
{
	struct who w = clients_find(&r->cl, field(r, f, IN_CLIENT),
	    field(r, f, IN_NAME));
	sd_call call;
	sd_pick p;

	if (w.row < 0 && !record)
		w.memo = memo_slot(&r->cl.new_ids, field(r, f, IN_CLIENT));
	call = (sd_call){ trimmed_into(&r->region, field(r, f, IN_REGION)),
	    trimmed_into(&r->product, field(r, f, IN_PRODUCT)),
	    owner_of(r, f, &w), at };
	sd_route_pick(r->rt, &call, explain, &p);
	/* The rep may be the owner's name, in r->owner: keep a copy. */
	*rep = rep_name(&r->cl.reps, p.rep ? p.rep : "");
	if (p.rep)
		own(r, f, &w, *rep);
	else
		r->unassigned = true;
	if (record)
		note_assignment(r, f, &call, w.row, &p);
	*reason = p.reason;
}

/* The state the decisions read: the team, the calendar, the history and
 * the clients.  Under the lock when recording. */

/* first-free looks for slots from now to the end of the team's day. */
static sd_time
end_of_today(const sd_ctx *ctx)
{
	sd_day day;
	int minute, off;
	sd_time t;

	sd_utc_to_local(ctx->zone, ctx->clock.now, &day, &minute, &off);
	if (sd_local_to_utc(ctx->zone, day + 1, 0, &t) != 0)
		t = ctx->clock.now + (sd_time)(1440 - minute) * 60;
	return t;
}

/* Of the book, the away entries and what first-free looks at: today's
 * entries from now on, with the buffer around them. */
static int
load_state(struct run *r, sd_err *e)
{
	sd_ctx *ctx = r->ctx;
	char *path = sd_store_path(&ctx->store, "meetings.csv");
	sd_time from = ctx->clock.now, to = end_of_today(ctx);
	int64_t margin = ctx->cfg.buffer_min * 60;
	int status;

	status = sd_reps_load(&r->reps, &ctx->store, &ctx->cfg, e);
	if (status == 0)
		status = sd_book_load_window(&r->book, path, ctx->zone,
		    from - margin, to + margin, e);
	free(path);
	if (status != 0)
		return status;
	r->rt = sd_route_new(&r->reps, strategy_set ? strategy :
	    ctx->cfg.strategy);
	sd_route_book(r->rt, &r->book, &ctx->cfg, ctx->zone, from, to);
	if ((status = sd_route_load(r->rt, &ctx->store, e)) != 0 ||
	    (status = clients_load(&r->cl, &ctx->store, e)) != 0)
		return status;
	return record ? read_layout(r, e) : 0;
}

static void
run_free(struct run *r)
{
	free(r->held);
	for (size_t i = 0; r->names && i < r->ncols + 2; i++)
		free(r->names[i]);
	free(r->names);
	free(r->copy);
	free(r->client_cells);
	free(r->stamps);
	free(r->layout);
	free(r->layout_cells);
	free(r->cells);
	free(r->adds);
	free(r->region.p);
	free(r->product.p);
	free(r->owner.p);
	free(r->client.p);
	arena_free(r->mem);
	sd_keymap_free(r->when_map);
	free(r->when);
	clients_free(&r->cl);
	sd_route_free(r->rt);
	sd_book_free(&r->book);
	sd_reps_free(&r->reps);
}

/* Output: the input's columns, then rep and reason when it had none. */
static void
emit(struct run *r, char *const *f, const char *rep, const char *reason)
{
	const char **v = r->cells;
	size_t k = r->ncols;

	for (size_t i = 0; i < r->ncols; i++)
		v[i] = f[i];
	v[r->in[IN_REP] >= 0 ? (size_t)r->in[IN_REP] : k++] = rep;
	v[r->in[IN_REASON] >= 0 ? (size_t)r->in[IN_REASON] : k++] = reason;
	if (r->out == NULL) {
		r->out = sd_ctx_out(r->ctx);
		sd_out_columns(r->out, r->nout, (const char *const *)r->names,
		    NULL);
	}
	sd_out_row(r->out, v);
}

/* A row that came with a rep passes through as it is. */
static const char *
given_reason(const struct run *r, char *const *f)
{
	const char *p;
	size_t n;

	trimmed(field(r, f, IN_REASON), &p, &n);
	return n ? field(r, f, IN_REASON) : "given";
}

static void
stream_row(struct run *r, const sd_row *row, sd_time at)
{
	const char *rep, *reason;

	if (nonblank(r, row->field, IN_REP)) {
		rep = field(r, row->field, IN_REP);
		reason = given_reason(r, row->field);
	} else
		decide(r, row->field, at, &rep, &reason);
	emit(r, row->field, rep, reason);
}

/* --record: the row is kept, its fields in one block. */
static void
hold_row(struct run *r, const sd_row *row, sd_time at)
{
	size_t bytes = row->n * sizeof(char *);
	struct held *h;
	char *p;

	for (size_t i = 0; i < row->n; i++)
		bytes += row->len[i] + 1;
	if (r->nheld == r->capheld) {
		r->capheld = r->capheld ? r->capheld * 2 : 256;
		r->held = sd_xrealloc(r->held, r->capheld * sizeof *r->held);
	}
	h = &r->held[r->nheld++];
	memset(h, 0, sizeof *h);
	h->at = at;
	h->f = arena_alloc(&r->mem, bytes);
	p = (char *)(h->f + row->n);
	for (size_t i = 0; i < row->n; i++) {
		memcpy(p, row->field[i], row->len[i] + 1);
		h->f[i] = p;
		p += row->len[i] + 1;
	}
}

typedef void row_fn(struct run *, const sd_row *, sd_time);

/* The rows of a regular file through sd_scan (lib/scan.c), far faster
 * than libcsv, which yields the same rows: how many were done, and
 * *all when that is every one.  When the scan gives up, or a row is bad,
 * sd_csv goes on after the rows done (and names the error). */
static long
scan_rows(struct run *r, const char *path, row_fn *fn, bool *all)
{
	sd_scan *s;
	sd_row *row;
	sd_time at;
	long done = 0;
	int got = -1;

	*all = false;
	if (strcmp(path, "-") == 0 || sd_scan_open(&s, path, 1, 0) != 0)
		return 0;
	while ((got = sd_scan_next(sd_scan_part_at(s, 0), &row)) == 1 &&
	    received_at(r, row, &at) == 0) {
		fn(r, row, at);
		done++;
	}
	sd_scan_close(s);
	*all = got == 0;
	return done;
}

static int
read_input(struct run *r, const char *path, row_fn *fn, sd_err *e)
{
	sd_csv *csv;
	sd_row *row;
	sd_time at;
	long skip = 0;
	bool all = false;
	int got = 0, status = sd_csv_open(&csv, path, 0, e);

	if (status != 0)
		return status;
	if (sd_csv_ncols(csv) > 0 && take_header(r, csv, e) != 0)
		got = -1;
	if (got == 0 && sd_csv_ncols(csv) > 0)
		skip = scan_rows(r, path, fn, &all);
	while (got == 0 && !all && sd_csv_ncols(csv) > 0 &&
	    (got = sd_csv_next(csv, &row, e)) == 1) {
		if (skip > 0)
			skip--, got = 0;
		else if (received(r, csv, row, &at, e) != 0)
			got = -1;
		else
			fn(r, row, at), got = 0;
	}
	sd_csv_close(csv);
	return got < 0 ? e->status : 0;
}

static int
read_inputs(struct run *r, int argc, char **argv, row_fn *fn, sd_err *e)
{
	static char dash[] = "-";
	static char *just_stdin[] = { dash };
	int status = 0;

	if (argc == 0)
		argc = 1, argv = just_stdin;
	for (int i = 0; status == 0 && i < argc; i++)
		status = read_input(r, argv[i], fn, e);
	return status;
}

static int
assign_stream(struct run *r, int argc, char **argv, sd_err *e)
{
	int status = load_state(r, e);

	return status ? status : read_inputs(r, argc, argv, stream_row, e);
}

/* The rows to append go to memory first: one append writes them all. */
static int
decide_held(struct run *r, sd_err *e)
{
	struct clients *c = &r->cl;

	if ((r->addf = open_memstream(&r->adds, &r->addlen)) == NULL ||
	    (c->addf = open_memstream(&c->adds, &c->addlen)) == NULL)
		return sd_fail(e, EX_OSERR, "out of memory");
	sd_date_format(sd_today(&r->ctx->clock), r->today);
	for (size_t i = 0; i < r->nheld; i++) {
		struct held *h = &r->held[i];
		const char *rep, *reason;

		if (nonblank(r, h->f, IN_REP))
			continue;
		decide(r, h->f, h->at, &rep, &reason);
		h->rep = rep;
		h->reason = arena_strdup(&r->mem, reason);
	}
	if (fclose(r->addf) != 0 || fclose(c->addf) != 0) {
		c->addf = NULL;
		return sd_fail(e, EX_OSERR, "out of memory");
	}
	c->addf = NULL;
	return 0;
}

/* New clients are appended to clients.csv; owners given to its rows,
 * or columns it lacks, make a new version of it, new clients last. */
static int
write_clients(struct run *r, sd_err *e)
{
	struct clients *c = &r->cl;
	sd_store *st = &r->ctx->store;
	sd_replace rp;
	char *header;
	int status;

	if (c->set == 0 && c->appendable) {
		header = sd_csv_line(c->t.ncols,
		    (const char *const *)c->t.cols);
		status = sd_store_append(st, "clients.csv", header, c->adds,
		    c->addlen, e);
		free(header);
		return status;
	}
	if ((status = sd_replace_begin(st, "clients.csv", &rp, e)) != 0)
		return status;
	if (sd_table_write(&c->t, rp.f) != 0 ||
	    fwrite(c->adds, 1, c->addlen, rp.f) != c->addlen) {
		sd_replace_abort(&rp);
		return sd_fail_at(e, EX_IOERR, "clients.csv", 0,
		    "write failed");
	}
	return sd_replace_commit(&rp, e);
}

static int
write_records(struct run *r, sd_err *e)
{
	static const char header[] = "at,client,region,product,rep,reason\n";
	sd_store *st = &r->ctx->store;
	bool clients = r->cl.nnew || r->cl.set;
	int status = 0;

	if (r->ctx->cli->dry_run) {
		if (r->nadds)
			fprintf(stderr, "%s: dry run: assignments.csv not "
			    "changed\n", r->ctx->tool);
		if (clients)
			fprintf(stderr, "%s: dry run: clients.csv not "
			    "changed\n", r->ctx->tool);
		return 0;
	}
	if (clients)
		status = write_clients(r, e);
	if (status == 0 && r->addlen)
		status = sd_store_append(st, "assignments.csv", header,
		    r->adds, r->addlen, e);
	return status;
}

/* Read everything, then lock, decide, write, unlock, and print. */
static int
assign_record(struct run *r, int argc, char **argv, sd_err *e)
{
	int status = read_inputs(r, argc, argv, hold_row, e);

	if (status == 0 && !r->ctx->cli->dry_run)
		status = sd_store_lock(&r->ctx->store, e);
	if (status == 0)
		status = load_state(r, e);
	if (status == 0)
		status = decide_held(r, e);
	if (status == 0)
		status = write_records(r, e);
	sd_store_unlock(&r->ctx->store);
	for (size_t i = 0; status == 0 && i < r->nheld; i++) {
		struct held *h = &r->held[i];

		if (h->rep)
			emit(r, h->f, h->rep, h->reason);
		else
			emit(r, h->f, field(r, h->f, IN_REP),
			    given_reason(r, h->f));
	}
	return status;
}

static int
assign(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	struct run r = { .ctx = ctx };
	sd_err ignored;
	int status;

	if (period)
		return sd_usage_error(e, "--period applies to "
		    "assign-rep stats");
	if (ctx->cli->dry_run && !record)
		return sd_usage_error(e, "-n/--dry-run shows what --record "
		    "would write: give --record too");
	if (argc == 0 && isatty(STDIN_FILENO)) {
		fputs(usage, stderr);
		return EX_USAGE;
	}
	status = record ? assign_record(&r, argc, argv, e) :
	    assign_stream(&r, argc, argv, e);
	if (r.out && sd_out_end(r.out, status ? &ignored : e) != 0 &&
	    status == 0)
		status = e->status;
	if (status == 0 && r.unassigned)
		status = 1;
	run_free(&r);
	return status;
}

/* stats: how the assignments spread over the reps */

struct tally {
	sd_keymap *ids;
	char **id;		/* parallel to ids */
	int64_t *assigned, *owner, *load;
	size_t cap;
	int64_t unassigned;
	bool has_period;
	sd_day from, to;
	const sd_ctx *ctx;
};

static size_t
tally_rep(struct tally *t, const char *rep)
{
	bool added;
	size_t i = sd_keymap_put(t->ids, rep, strlen(rep), &added);

	if (added && i == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->id = sd_xrealloc(t->id, t->cap * sizeof *t->id);
		t->assigned = sd_xrealloc(t->assigned,
		    t->cap * sizeof *t->assigned);
		t->owner = sd_xrealloc(t->owner, t->cap * sizeof *t->owner);
		t->load = sd_xrealloc(t->load, t->cap * sizeof *t->load);
	}
	if (added) {
		t->id[i] = sd_xstrdup(rep);
		t->assigned[i] = t->owner[i] = t->load[i] = 0;
	}
	return i;
}

static void
tally_free(struct tally *t)
{
	for (size_t i = 0; t->ids && i < sd_keymap_count(t->ids); i++)
		free(t->id[i]);
	sd_keymap_free(t->ids);
	free(t->id);
	free(t->assigned);
	free(t->owner);
	free(t->load);
}

typedef int cell_fn(struct tally *, const sd_csv *, const sd_row *,
    const int *, sd_err *);

/* fn for each row of DIR/name, with the columns of want found. */
static int
each_row(struct tally *t, const char *name, const char *const *want,
    size_t n, cell_fn *fn, sd_err *e)
{
	char *path = sd_store_path(&t->ctx->store, name);
	int col[3], got = 0, status;
	sd_csv *csv;
	sd_row *row;

	status = sd_csv_open(&csv, path, SD_CSV_MISSING_OK, e);
	free(path);
	if (status != 0)
		return status;
	for (size_t k = 0; got == 0 && sd_csv_ncols(csv) && k < n; k++)
		if (sd_csv_need(csv, want[k], &col[k], e) != 0)
			got = -1;
	while (got == 0 && sd_csv_ncols(csv) &&
	    (got = sd_csv_next(csv, &row, e)) == 1)
		got = fn(t, csv, row, col, e) != 0 ? -1 : 0;
	sd_csv_close(csv);
	return got < 0 ? e->status : 0;
}

/* An assignment row: counted when its day is in the period. */
static int
count_assignment(struct tally *t, const sd_csv *csv, const sd_row *row,
    const int *col, sd_err *e)
{
	char *at = trimmed_copy(sd_row_get(row, col[0]));
	char *rep = trimmed_copy(sd_row_get(row, col[1]));
	bool in = true;
	sd_time when;
	sd_day day;
	int minute, off, status = 0;
	size_t i;

	if (*at && sd_datetime_parse(at, t->ctx->zone, &when) != 0)
		status = sd_csv_field_error(e, csv, row, col[0],
		    "bad date and time");
	else if (t->has_period && *at == '\0')
		in = false;
	else if (t->has_period) {
		sd_utc_to_local(t->ctx->zone, when, &day, &minute, &off);
		in = day >= t->from && day < t->to;
	}
	if (status == 0 && in && *rep == '\0')
		t->unassigned++;
	else if (status == 0 && in) {
		i = tally_rep(t, rep);
		t->assigned[i]++;
		if (sd_route_owner_reason(sd_row_get(row, col[2])))
			t->owner[i]++;
	}
	free(at);
	free(rep);
	return status;
}

static int
count_load(struct tally *t, const sd_csv *csv, const sd_row *row,
    const int *col, sd_err *e)
{
	char *rep = trimmed_copy(sd_row_get(row, col[0]));
	char *status = trimmed_copy(sd_row_get(row, col[1]));

	(void)csv, (void)e;
	if (*rep && sd_streq_ci(status, "open"))
		t->load[tally_rep(t, rep)]++;
	free(rep);
	free(status);
	return 0;
}

static const char *const stats_cols[] = { "rep", "active", "weight",
	"assigned", "owner", "turns", "turn_share", "weight_share", "load",
	"capacity" };
#define NSTATS (sizeof stats_cols / sizeof *stats_cols)
static const enum sd_coltype stats_types[NSTATS] = { SD_TEXT, SD_TEXT,
	SD_NUM, SD_NUM, SD_NUM, SD_NUM, SD_NUM, SD_NUM, SD_NUM, SD_NUM };

struct order {
	const char *id;
	size_t i;
};

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct order *)a)->id,
	    ((const struct order *)b)->id);
}

struct totals {
	int64_t turns, weight;
};

static void
stats_row(sd_out *o, const struct tally *t, size_t i, const sd_rep *rep,
    const struct totals *all)
{
	char num[6][24], tshare[32], wshare[32];
	int64_t turns = t->assigned[i] - t->owner[i];
	const char *v[NSTATS];

	snprintf(num[0], 24, "%d", rep ? rep->weight : 0);
	snprintf(num[1], 24, "%lld", (long long)t->assigned[i]);
	snprintf(num[2], 24, "%lld", (long long)t->owner[i]);
	snprintf(num[3], 24, "%lld", (long long)turns);
	snprintf(num[4], 24, "%lld", (long long)t->load[i]);
	snprintf(num[5], 24, "%lld", rep ? (long long)rep->capacity : -1LL);
	sd_percent_format(turns, all->turns, tshare);
	sd_percent_format(rep && rep->active ? rep->weight : 0, all->weight,
	    wshare);
	v[0] = t->id[i];
	v[1] = rep ? (rep->active ? "yes" : "no") : "";
	v[2] = rep ? num[0] : "";
	v[3] = num[1], v[4] = num[2], v[5] = num[3], v[6] = tshare;
	v[7] = rep ? wshare : "";
	v[8] = num[4];
	v[9] = rep && rep->capacity >= 0 ? num[5] : "";
	sd_out_row(o, v);
}

static void
unassigned_row(sd_out *o, int64_t n)
{
	char count[24];
	const char *v[NSTATS] = { "(none)", "", "", count, "", "", "", "", "",
		"" };

	snprintf(count, sizeof count, "%lld", (long long)n);
	sd_out_row(o, v);
}

static int
print_stats(const sd_ctx *ctx, const struct tally *t, const sd_reps *reps,
    sd_err *e)
{
	size_t n = sd_keymap_count(t->ids);
	struct order *ord = sd_xcalloc(n ? n : 1, sizeof *ord);
	struct totals all = { 0, 0 };
	sd_out *o = sd_ctx_out(ctx);

	for (size_t i = 0; i < n; i++) {
		ord[i] = (struct order){ t->id[i], i };
		all.turns += t->assigned[i] - t->owner[i];
	}
	for (size_t i = 0; i < reps->n; i++)
		if (reps->v[i].active)
			all.weight += reps->v[i].weight;
	if (n > 1)
		qsort(ord, n, sizeof *ord, by_id);
	sd_out_columns(o, NSTATS, stats_cols, stats_types);
	for (size_t k = 0; k < n; k++)
		stats_row(o, t, ord[k].i, sd_reps_find(reps, ord[k].id), &all);
	if (t->unassigned)
		unassigned_row(o, t->unassigned);
	free(ord);
	return sd_out_end(o, e);
}

static int
stats_usage(int argc, char **argv, sd_err *e)
{
	const char *wrong = record ? "--record" : explain ? "--explain" :
	    strategy_set ? "--strategy" : NULL;

	if (argc > 0)
		return sd_usage_error(e, "assign-rep stats: unexpected '%s'",
		    argv[0]);
	if (wrong)
		return sd_usage_error(e, "%s does not apply to "
		    "assign-rep stats", wrong);
	return 0;
}

static int
stats(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	static const char *const acols[] = { "at", "rep", "reason" };
	static const char *const fcols[] = { "rep", "status" };
	struct tally t = { .ctx = ctx, .has_period = period != NULL };
	sd_reps reps;
	int status;

	if ((status = stats_usage(argc, argv, e)) != 0)
		return status;
	if (period && sd_period_parse(period, sd_today(&ctx->clock),
	    ctx->cfg.fiscal_year_start, &t.from, &t.to) != 0)
		return sd_fail(e, EX_DATAERR, "--period: bad period '%s'",
		    period);
	status = sd_reps_load(&reps, &ctx->store, &ctx->cfg, e);
	t.ids = sd_keymap_new();
	for (size_t i = 0; status == 0 && i < reps.n; i++)
		tally_rep(&t, reps.v[i].id);
	if (status == 0)
		status = each_row(&t, "assignments.csv", acols, 3,
		    count_assignment, e);
	if (status == 0)
		status = each_row(&t, "followups.csv", fcols, 2, count_load, e);
	if (status == 0)
		status = print_stats(ctx, &t, &reps, e);
	tally_free(&t);
	sd_reps_free(&reps);
	return status;
}

static const sd_command commands[] = {
	{ "assign", assign, true },
	{ "stats", stats, false },
	{ NULL, NULL, false },
};

static const sd_tool tool = {
	.name = "assign-rep",
	.usage = usage,
	.options = options,
	.on_option = on_option,
	.commands = commands,
	.default_command = "assign",
};

/*
 * assign-rep [--strategy S] [--record] [--explain] [FILE|-]: each call in,
 * the same row out with the rep who takes it and why.
 */
int
main(int argc, char **argv)
{
	return sd_main(&tool, argc, argv);
}
