/*
 * bookread.c: meetings.csv into a book (book.c), every value checked.
 *
 * The whole file is read through sd_scan (lib/scan.c) when it takes it,
 * else through sd_csv (libcsv), which names the line of an error.  One
 * rep's entries are read through DIR/.meetings.index (bookindex.c): only
 * the rep's rows, each parsed alone as sd_csv would (sd_csv_record); a
 * full read under the lock makes that index anew.  The entries' text lives in
 * a few large blocks rather than a malloc per field: a million-entry book
 * for "schedule check" costs one pass and one sort.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "salesdesk.h"


/* A copy of s in the book's blocks. */
static char *
keep(sd_book *b, const char *s)
{
	return sd_strpool_add(&b->mem, s);
}

/* Reading */

enum { C_ID, C_REP, C_CLIENT, C_START, C_END, C_KIND, C_LOCATION, C_STATUS,
	C_NOTE, C_UID, NCOLS };

struct collect;

/* Rows come from r (sd_csv), or r is NULL and they come through the
 * index; co, when set, takes every row's rep and place for a new index. */
struct reading {
	sd_csv *r;
	sd_row *row;
	int col[NCOLS];
	const char *zone, *rep;
	bool window;		/* keep only away entries and [from, to) */
	sd_time from, to;
	struct collect *co;
	sd_err *e;
};

static void collect_row(struct collect *co, const char *rep, long line);

static int
find_columns(struct reading *rd)
{
	static const int need[] = { C_ID, C_REP, C_START, C_END };

	for (int c = 0; c < C_UID; c++)
		rd->col[c] = sd_csv_col(rd->r, sd_book_columns[c]);
	rd->col[C_UID] = sd_csv_col(rd->r, "uid");
	for (size_t i = 0; i < sizeof need / sizeof *need; i++)
		if (sd_csv_need(rd->r, sd_book_columns[need[i]],
		    &rd->col[need[i]], rd->e) != 0)
			return rd->e->status;
	return 0;
}

static int
bad(const struct reading *rd, int c, const char *what)
{
	if (rd->r == NULL)
		return sd_fail(rd->e, EX_DATAERR, "%s", what);
	return sd_csv_field_error(rd->e, rd->r, rd->row, rd->col[c], what);
}

/* Field c, trimmed, in buf (values we match on are short). */
static const char *
get(const struct reading *rd, int c, char *buf, size_t size)
{
	const char *v = sd_row_get(rd->row, rd->col[c]);

	while (*v == ' ' || *v == '\t')
		v++;
	snprintf(buf, size, "%s", v);
	return sd_trim(buf);
}

static int
read_time(const struct reading *rd, int c, sd_time *out)
{
	int rc = sd_datetime_parse(sd_row_get(rd->row, rd->col[c]), rd->zone,
	    out);

	if (rc == SD_EGAP)
		return bad(rd, c, "a time that does not exist (daylight "
		    "saving gap)");
	if (rc != 0)
		return bad(rd, c, "bad date and time");
	return 0;
}

/* s in lower case into out[16] (too long: empty, which no list holds),
 * or dflt when s is empty. */
static void
lower(char *out, const char *s, const char *dflt)
{
	size_t n = strlen(s);

	if (n == 0)
		s = dflt, n = strlen(dflt);
	if (n >= 16)
		n = 0;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	out[n] = '\0';
}

/* The checked values of one row: times, kind and status (empty: meeting,
 * scheduled; any case). */
static int
check_row(const struct reading *rd, sd_entry *en, char *kind, char *status)
{
	char buf[64];

	if (*get(rd, C_ID, buf, sizeof buf) == '\0')
		return bad(rd, C_ID, "empty id");
	if (*get(rd, C_REP, buf, sizeof buf) == '\0')
		return bad(rd, C_REP, "empty rep");
	if (read_time(rd, C_START, &en->start) != 0 ||
	    read_time(rd, C_END, &en->end) != 0)
		return rd->e->status;
	if (en->end <= en->start)
		return bad(rd, C_END, "end not after start");
	lower(kind, get(rd, C_KIND, buf, sizeof buf), "meeting");
	lower(status, get(rd, C_STATUS, buf, sizeof buf), "scheduled");
	if (!sd_kind_valid(kind))
		return bad(rd, C_KIND, "bad kind (meeting, call, demo, visit "
		    "or away)");
	if (!sd_status_valid(status))
		return bad(rd, C_STATUS, "bad status (scheduled, done, "
		    "cancelled or no-show)");
	return 0;
}

static sd_entry *
next_slot(sd_book *b)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = sd_xrealloc(b->v, b->cap * sizeof *b->v);
	}
	return &b->v[b->n];
}

/* A copy of s without surrounding spaces, in the book's blocks. */
static char *
keep_trimmed(sd_book *b, const char *s)
{
	char *p;

	while (*s == ' ' || *s == '\t')
		s++;
	p = keep(b, s);
	sd_trim(p);
	return p;
}

/* Is field, less surrounding spaces, want? */
static bool
trimmed_is(const char *field, const char *want)
{
	size_t n = strlen(want);

	while (*field == ' ' || *field == '\t')
		field++;
	if (strncmp(field, want, n) != 0)
		return false;
	for (field += n; *field == ' ' || *field == '\t'; field++)
		;
	return *field == '\0';
}

static int
read_row(sd_book *b, const struct reading *rd)
{
	const sd_row *row = rd->row;
	sd_entry en = { 0 };
	char kind[16], status[16];

	if (check_row(rd, &en, kind, status) != 0)
		return rd->e->status;
	if (rd->co)
		collect_row(rd->co, sd_row_get(row, rd->col[C_REP]), row->line);
	if (rd->rep && !trimmed_is(sd_row_get(row, rd->col[C_REP]), rd->rep))
		return 0;
	if (rd->window && strcmp(kind, "away") != 0 &&
	    (en.end <= rd->from || en.start >= rd->to))
		return 0;
	en.id = keep_trimmed(b, sd_row_get(row, rd->col[C_ID]));
	en.rep = keep_trimmed(b, sd_row_get(row, rd->col[C_REP]));
	en.client = keep(b, sd_row_get(row, rd->col[C_CLIENT]));
	en.location = keep(b, sd_row_get(row, rd->col[C_LOCATION]));
	en.note = keep(b, sd_row_get(row, rd->col[C_NOTE]));
	en.uid = keep(b, sd_row_get(row, rd->col[C_UID]));
	en.kind = keep(b, kind);
	en.status = keep(b, status);
	en.line = row->line;
	*next_slot(b) = en;
	b->n++;
	return 0;
}

static bool
is_away(const sd_entry *en)
{
	return strcmp(en->kind, "away") == 0;
}

/* The live away entries in book order, each with the latest end of its
 * rep's so far. */
static void
index_away(sd_book *b)
{
	size_t n = 0;
	sd_away *a;

	for (size_t i = 0; i < b->n; i++)
		if (is_away(&b->v[i]) && sd_entry_blocks(&b->v[i]))
			n++;
	b->away = sd_xcalloc(n ? n : 1, sizeof *b->away);
	for (size_t i = 0; i < b->n; i++) {
		const sd_entry *en = &b->v[i];

		if (!is_away(en) || !sd_entry_blocks(en))
			continue;
		a = &b->away[b->naway];
		*a = (sd_away){ en->rep, en->start, en->end, en->end };
		if (b->naway > 0 && strcmp(a[-1].rep, en->rep) == 0 &&
		    a[-1].until > a->until)
			a->until = a[-1].until;
		b->naway++;
	}
}

static int
by_rep_start(const void *pa, const void *pb)
{
	const sd_entry *a = pa, *b = pb;
	int c = strcmp(a->rep, b->rep);

	if (c != 0)
		return c;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->line > b->line) - (a->line < b->line);
}

static void
keep_header(sd_book *b, const sd_csv *r)
{
	b->ncols = sd_csv_ncols(r);
	b->cols = sd_xcalloc(b->ncols ? b->ncols : 1, sizeof *b->cols);
	for (size_t i = 0; i < b->ncols; i++)
		b->cols[i] = keep(b, sd_csv_colname(r, i));
}

static void
finish_book(sd_book *b)
{
	if (b->n > 1)
		qsort(b->v, b->n, sizeof *b->v, by_rep_start);
	index_away(b);
}

/* The first header cell that is name, or -1. */
static int
header_col(const sd_row *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++)
		if (sd_csv_header_is(h->field[i], name))
			return (int)i;
	return -1;
}

/* The columns from a header, as find_columns finds them: -1 when one we
 * need is missing or twice (sd_csv then says which). */
static int
columns_of(struct reading *rd, const sd_row *h)
{
	static const int need[] = { C_ID, C_REP, C_START, C_END };

	for (int c = 0; c < C_UID; c++)
		rd->col[c] = header_col(h, sd_book_columns[c]);
	rd->col[C_UID] = header_col(h, "uid");
	for (size_t i = 0; i < sizeof need / sizeof *need; i++) {
		int c = rd->col[need[i]];

		if (c < 0)
			return -1;
		for (size_t k = (size_t)c + 1; k < h->n; k++)
			if (sd_csv_header_is(h->field[k],
			    sd_book_columns[need[i]]))
				return -1;
	}
	return 0;
}

/* The whole file through sd_scan (lib/scan.c), far faster than libcsv:
 * 0, or -1 when it declines the file or a row is bad, and sd_csv reads
 * it instead (naming the line of the error).  Rows are numbered in file
 * order for the sort. */
static int
scan_file(sd_book *b, const char *path, struct reading *rd)
{
	sd_scan *s;
	sd_scan_part *part;
	sd_row h = { 0 };
	sd_err scratch, *e = rd->e;
	long line = 1;
	int got;

	memset(b, 0, sizeof *b);
	if (sd_scan_open(&s, path, 1, 0) != 0)
		return -1;
	b->ncols = h.n = sd_scan_ncols(s);
	h.field = b->cols = sd_xcalloc(h.n ? h.n : 1, sizeof *b->cols);
	for (size_t i = 0; i < h.n; i++)
		b->cols[i] = keep(b, sd_scan_colname(s, i));
	got = h.n > 0 && columns_of(rd, &h) == 0 ? 1 : -1;
	part = sd_scan_part_at(s, 0);
	rd->e = &scratch;
	while (got == 1 && (got = sd_scan_next(part, &rd->row)) == 1) {
		rd->row->line = ++line;
		if (read_row(b, rd) != 0)
			got = -1;
	}
	rd->e = e;
	sd_scan_close(s);
	if (got < 0) {
		sd_book_free(b);
		return -1;
	}
	finish_book(b);
	return 0;
}

static int
read_file(sd_book *b, const char *path, int flags, struct reading *rd)
{
	int got = 0, status;

	if (rd->co == NULL && scan_file(b, path, rd) == 0)
		return 0;
	memset(b, 0, sizeof *b);
	if ((status = sd_csv_open(&rd->r, path, flags, rd->e)) != 0)
		return status;
	keep_header(b, rd->r);
	if (b->ncols > 0 && find_columns(rd) != 0)
		got = -1;
	while (got == 0 && (got = sd_csv_next(rd->r, &rd->row, rd->e)) == 1)
		got = read_row(b, rd) != 0 ? -1 : 0;
	sd_csv_close(rd->r);
	if (got < 0) {
		sd_book_free(b);
		return rd->e->status;
	}
	finish_book(b);
	return 0;
}

int
sd_book_read(sd_book *b, const char *path, int flags, const char *zone,
    const char *rep, sd_err *e)
{
	struct reading rd = { .zone = zone, .rep = rep, .e = e };

	return read_file(b, path, flags, &rd);
}

int
sd_book_load(sd_book *b, const char *path, const char *zone, sd_err *e)
{
	return sd_book_read(b, path, SD_CSV_MISSING_OK, zone, NULL, e);
}

int
sd_book_load_window(sd_book *b, const char *path, const char *zone,
    sd_time from, sd_time to, sd_err *e)
{
	struct reading rd = { .zone = zone, .window = true, .from = from,
		.to = to, .e = e };

	return read_file(b, path, SD_CSV_MISSING_OK, &rd);
}

/* Reading through the index.  Only '\n' ends a row and libcsv starts
 * afresh after one, so a row read alone from the start of its line
 * parses as it does in the stream. */

#define BOOK		"meetings.csv"
#define HEADER_MAX	(1024 * 1024)
#define COLLECT_BUF	(256 * 1024)

/* The one row in s (len bytes) as sd_csv reads it, numbered line: NULL
 * when s is not exactly one valid row. */
static sd_row *
parse_one(sd_csv_record *p, const char *s, size_t len, long line)
{
	sd_row *row;
	sd_err ignored;

	if (sd_csv_record_parse(p, s, len, &row, &ignored) != 0)
		return NULL;
	row->line = line;
	return row;
}

static int
read_at(int fd, char *p, uint64_t n, uint64_t off)
{
	ssize_t r;

	while (n > 0) {
		r = pread(fd, p, (size_t)n, (off_t)off);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (uint64_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

/* The header row, the file's bytes [0, len): the book's columns. */
static int
index_header(sd_book *b, struct reading *rd, int fd, uint64_t len,
    sd_csv_record *p)
{
	char *buf;
	size_t skip = 0;
	sd_row *h = NULL;
	int rc;

	if (len == 0 || len > HEADER_MAX)
		return -1;
	buf = sd_xmalloc((size_t)len);
	if ((rc = read_at(fd, buf, len, 0)) == 0 && len >= 3 &&
	    memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		skip = 3;	/* a byte order mark, as sd_csv drops it */
	if (rc == 0)
		h = parse_one(p, buf + skip, (size_t)len - skip, 1);
	free(buf);
	if (h == NULL)
		return -1;
	b->ncols = h->n;
	b->cols = sd_xcalloc(b->ncols, sizeof *b->cols);
	for (size_t i = 0; i < b->ncols; i++)
		b->cols[i] = keep(b, h->field[i]);
	return columns_of(rd, h);
}

/* The bytes of the rows of v, one after another; adjacent rows are read
 * at once. */
static char *
read_rows(int fd, const sd_bix_row *v, size_t n)
{
	uint64_t total = 0, len;
	char *buf, *p;
	size_t j;

	for (size_t i = 0; i < n; i++)
		total += v[i].len;
	if (total > SIZE_MAX / 2)
		return NULL;
	p = buf = sd_xmalloc((size_t)total);
	for (size_t i = 0; i < n; i = j) {
		len = v[i].len;
		for (j = i + 1; j < n && v[j].off == v[j - 1].off +
		    v[j - 1].len; j++)
			len += v[j].len;
		if (read_at(fd, p, len, v[i].off) != 0) {
			free(buf);
			return NULL;
		}
		p += len;
	}
	return buf;
}

/* Each of v's rows must be one row of the header's width, of the rep,
 * with valid values.  Its place in the file stands for its line. */
static int
index_rows(sd_book *b, struct reading *rd, const char *buf,
    const sd_bix_row *v, size_t n, sd_csv_record *p)
{
	size_t at = 0, before;

	for (size_t i = 0; i < n; i++) {
		before = b->n;
		rd->row = parse_one(p, buf + at, (size_t)v[i].len,
		    (long)v[i].off);
		if (rd->row == NULL || rd->row->n != b->ncols)
			return -1;
		if (read_row(b, rd) != 0 || b->n != before + 1)
			return -1;
		at += (size_t)v[i].len;
	}
	return 0;
}

/* rd->rep's entries through the index x of the file open as fd: 0, or
 * -1 when the index does not hold (read the file instead). */
static int
read_indexed(sd_book *b, int fd, const sd_bix *x, struct reading *rd)
{
	sd_csv_record *p = sd_csv_record_new();
	sd_bix_row *v = NULL;
	char *buf = NULL;
	size_t n = 0;
	int rc;

	memset(b, 0, sizeof *b);
	rc = index_header(b, rd, fd, sd_bix_header_len(x), p);
	if (rc == 0)
		rc = sd_bix_rows(x, rd->rep, &v, &n);
	if (rc == 0 && (buf = read_rows(fd, v, n)) == NULL)
		rc = -1;
	if (rc == 0)
		rc = index_rows(b, rd, buf, v, n, p);
	free(buf);
	free(v);
	sd_csv_record_free(p);
	if (rc != 0) {
		sd_book_free(b);
		return -1;
	}
	finish_book(b);
	return 0;
}

/* A new index, made while the whole file is read: each row's rep, and
 * where the line it starts on starts, found by counting newlines. */
struct collect {
	sd_bix_build *bb;
	int fd;
	char *buf;
	uint64_t base;		/* buf holds the bytes [base, base + have) */
	size_t have, pos;	/* pos: the start of line number line */
	long line;
	char *rep;		/* the row before, waiting for its length */
	size_t replen, repcap;
	uint64_t off, first;
	bool pending, failed;
};

/* Where line want starts; rows come in the order of their lines. */
static int
line_offset(struct collect *co, long want, uint64_t *off)
{
	const char *nl;
	ssize_t r;

	while (co->line < want) {
		if (co->pos == co->have) {
			co->base += co->have;
			co->pos = co->have = 0;
			while ((r = pread(co->fd, co->buf, COLLECT_BUF,
			    (off_t)co->base)) == -1 && errno == EINTR)
				;
			if (r <= 0)
				return -1;
			co->have = (size_t)r;
		}
		nl = memchr(co->buf + co->pos, '\n', co->have - co->pos);
		if (nl == NULL)
			co->pos = co->have;
		else {
			co->pos = (size_t)(nl - co->buf) + 1;
			co->line++;
		}
	}
	*off = co->base + co->pos;
	return 0;
}

static void
collect_row(struct collect *co, const char *rep, long line)
{
	uint64_t off;
	size_t n;

	if (co->failed || line_offset(co, line, &off) != 0) {
		co->failed = true;
		return;
	}
	if (co->pending)
		sd_bix_build_row(co->bb, co->rep, co->replen, co->off,
		    off - co->off);
	else
		co->first = off;
	while (*rep == ' ' || *rep == '\t')
		rep++;
	for (n = strlen(rep); n > 0 && (rep[n - 1] == ' ' ||
	    rep[n - 1] == '\t'); n--)
		;
	if (n > co->repcap)
		co->rep = sd_xrealloc(co->rep, co->repcap = n * 2);
	memcpy(co->rep, rep, n);
	co->replen = n;
	co->off = off;
	co->pending = true;
}

/* The last row runs to the end of the file; the header up to the first
 * row. */
static int
collect_end(struct collect *co, const sd_store *st, uint64_t size)
{
	if (co->failed)
		return -1;
	if (co->pending)
		sd_bix_build_row(co->bb, co->rep, co->replen, co->off,
		    size - co->off);
	return sd_bix_build_write(co->bb, st, co->fd, co->pending ?
	    co->first : size);
}

/* The whole file; with the lock, its index made on the way. */
static int
read_and_index(sd_book *b, sd_store *st, const char *path, int fd,
    struct reading *rd)
{
	struct collect co = { .fd = fd, .line = 1 };
	struct stat sb;
	int rc;

	if (fd < 0 || st->lock_fd < 0 || fstat(fd, &sb) == -1 ||
	    !S_ISREG(sb.st_mode) || sb.st_size == 0 ||
	    (co.bb = sd_bix_build_new(fd)) == NULL)
		return read_file(b, path, SD_CSV_MISSING_OK, rd);
	co.buf = sd_xmalloc(COLLECT_BUF);
	rd->co = &co;
	rc = read_file(b, path, SD_CSV_MISSING_OK, rd);
	rd->co = NULL;
	if (rc == 0 && collect_end(&co, st, (uint64_t)sb.st_size) == 0)
		b->ix = sd_bix_open(st, fd);
	free(co.buf);
	free(co.rep);
	sd_bix_build_free(co.bb);
	return rc;
}

int
sd_book_read_store(sd_book *b, sd_store *st, const char *zone,
    const char *rep, sd_err *e)
{
	char *path = sd_store_path(st, BOOK);
	struct reading rd = { .zone = zone, .rep = rep, .e = e };
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;
	sd_bix *x = fd >= 0 ? sd_bix_open(st, fd) : NULL;
	sd_err scratch;

	if (x && rep) {
		rd.e = &scratch;
		rc = read_indexed(b, fd, x, &rd);
		rd.e = e;
		if (rc == 0)
			b->ix = x, x = NULL;
		else
			rc = read_and_index(b, st, path, fd, &rd);
	} else if (x) {
		if ((rc = read_file(b, path, SD_CSV_MISSING_OK, &rd)) == 0)
			b->ix = x, x = NULL;
	} else
		rc = read_and_index(b, st, path, fd, &rd);
	sd_bix_close(x);
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

void
sd_book_noted(sd_book *b, sd_store *st, size_t n, const char *const *reps,
    const size_t *lens)
{
	char **keys;
	uint64_t *l;

	if (b->ix == NULL || n == 0)
		return;
	keys = sd_xcalloc(n, sizeof *keys);
	l = sd_xcalloc(n, sizeof *l);
	for (size_t i = 0; i < n; i++) {
		const char *s = reps[i];

		while (*s == ' ' || *s == '\t')
			s++;
		keys[i] = sd_trim(sd_xstrdup(s));
		l[i] = lens[i];
	}
	if (sd_bix_note(b->ix, st, n, (const char *const *)keys, l) != 0) {
		sd_bix_close(b->ix);
		b->ix = NULL;
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(l);
}

/* Every row is read and checked, and none kept: no row has an empty rep
 * (check_row refuses one). */
void
sd_book_reindex(sd_store *st, const char *zone)
{
	char *path = sd_store_path(st, BOOK);
	sd_err ignored;
	struct reading rd = { .zone = zone, .rep = "", .e = &ignored };
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	sd_book b;

	if (fd >= 0 && read_and_index(&b, st, path, fd, &rd) == 0)
		sd_book_free(&b);
	if (fd >= 0)
		close(fd);
	free(path);
}

void
sd_book_free(sd_book *b)
{
	sd_strpool_free(&b->mem);
	free(b->v);
	free(b->cols);
	free(b->away);
	sd_bix_close(b->ix);
	memset(b, 0, sizeof *b);
}
