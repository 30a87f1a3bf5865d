/*
 * bookindex.c: DIR/.meetings.index, where each rep's rows of meetings.csv
 * are, so that a booking into a book of a million entries reads the
 * rows of one rep, not the book.
 *
 * The index is a cache, safe to delete.  It describes one version of
 * meetings.csv, named by its inode, size and modification time (as
 * DIR/.ids does), and is built anew from a full read of the file when the
 * file changed in a way the index did not record: a person's edit, a
 * rewrite.  Each append under the lock adds a record to the index's tail:
 * the new rows, and the file's version before and after, so the records
 * chain from the version the index was built for to the file as it is.
 * A record a crash cut short or lost breaks its checksum or the chain,
 * and one that never got written leaves the index a version behind: in
 * each case the index no longer describes the file and is built anew.
 * A new index is synced before the rename that puts it in place; a tail
 * past TAIL_MAX is folded into a new one.  Every row read through the
 * index is checked again: a row that does not parse as one record of its
 * rep means the index is not to be trusted.
 *
 * Layout, integers little-endian:
 *   header  MAGIC, ino, size, mtime_ns (the version built for), hdr_len
 *           (meetings.csv's header row is [0, hdr_len)), nreps, nrows,
 *           names (bytes of rep names), checksum of all that
 *   reps    nreps x (first row, rows, name offset, name length), by name
 *   rows    nrows x (offset, length): each rep's rows in file order
 *   names   the reps' names
 *   tail    records: REC_MAGIC, rows n, the version before and after,
 *           n x (offset, length, rep length), the reps, checksum
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

#define INDEX_NAME	".meetings.index"
#define BOOK_NAME	"meetings.csv"
#define MAGIC		"SDBIX\0\0\1"
#define REC_MAGIC	0x52424453u	/* "SDBR" */
#define HEAD_SIZE	72
#define REP_SIZE	32
#define ROW_SIZE	16
#define REC_HEAD	56
#define REC_ROW		24
#define TAIL_MAX	(256 * 1024)
#define WRITE_BUF	(1024 * 1024)

/* One version of meetings.csv; all zero when it does not exist. */
struct version {
	uint64_t ino, size;
	int64_t mtime_ns;
};

struct trow {
	uint64_t off, len;
	size_t rep, replen;	/* the rep's name: tail[rep .. rep + replen) */
};

struct sd_bix {
	int fd;
	struct version now;	/* the file the index describes */
	uint64_t hdr_len, nreps, nrows, names_len;
	unsigned char *reps, *names;
	uint64_t rows_at, end;	/* where rows start; the index's end */
	uint64_t tail_at;
	unsigned char *tail;	/* the records */
	size_t tail_len;
	struct trow *trows;
	size_t ntrows;
};

struct brow {
	size_t rep;
	uint64_t off, len;
};

struct sd_bix_build {
	struct version v;	/* the file the rows describe */
	sd_keymap *map;
	unsigned char **name;	/* parallel to map */
	size_t *namelen;
	struct brow *rows;
	size_t n, cap;
};

/* Encoding */

static void
put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void
put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* FNV-1a: enough to tell a record a crash cut short from a whole one. */
static uint64_t
checksum(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n-- > 0) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void
put_version(unsigned char *p, const struct version *v)
{
	put64(p, v->ino);
	put64(p + 8, v->size);
	put64(p + 16, (uint64_t)v->mtime_ns);
}

static struct version
get_version(const unsigned char *p)
{
	return (struct version){ get64(p), get64(p + 8),
	    (int64_t)get64(p + 16) };
}

static bool
same_version(const struct version *a, const struct version *b)
{
	return a->ino == b->ino && a->size == b->size &&
	    a->mtime_ns == b->mtime_ns;
}

static void
version_stat(const struct stat *sb, struct version *v)
{
	v->ino = (uint64_t)sb->st_ino;
	v->size = (uint64_t)sb->st_size;
	v->mtime_ns = (int64_t)sb->st_mtim.tv_sec * 1000000000 +
	    sb->st_mtim.tv_nsec;
}

static int
version_fd(int fd, struct version *v)
{
	struct stat sb;

	if (fstat(fd, &sb) == -1)
		return -1;
	version_stat(&sb, v);
	return 0;
}

static int
version_path(const sd_store *st, struct version *v)
{
	char *path = sd_store_path(st, BOOK_NAME);
	struct stat sb;
	int rc = stat(path, &sb);

	free(path);
	if (rc == -1)
		return -1;
	version_stat(&sb, v);
	return 0;
}

static int
read_at(int fd, void *buf, size_t n, uint64_t off)
{
	unsigned char *p = buf;
	ssize_t r;

	while (n > 0) {
		r = pread(fd, p, n, (off_t)off);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

static int
write_at(int fd, const void *buf, size_t n, uint64_t off)
{
	const unsigned char *p = buf;
	ssize_t w;

	while (n > 0) {
		w = pwrite(fd, p, n, (off_t)off);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
		off += (uint64_t)w;
	}
	return 0;
}

/* Opening */

void
sd_bix_close(sd_bix *x)
{
	if (x == NULL)
		return;
	if (x->fd >= 0)
		close(x->fd);
	free(x->reps);
	free(x->names);
	free(x->tail);
	free(x->trows);
	free(x);
}

/* The header, and where the parts after it lie within size bytes. */
static int
read_header(sd_bix *x, uint64_t size)
{
	unsigned char h[HEAD_SIZE];
	uint64_t names_at;

	if (size < HEAD_SIZE || read_at(x->fd, h, HEAD_SIZE, 0) != 0 ||
	    memcmp(h, MAGIC, 8) != 0 ||
	    get64(h + 64) != checksum(h, HEAD_SIZE - 8))
		return -1;
	x->now = get_version(h + 8);
	x->hdr_len = get64(h + 32);
	x->nreps = get64(h + 40);
	x->nrows = get64(h + 48);
	x->names_len = get64(h + 56);
	if (x->nreps > x->nrows || x->nrows > size / ROW_SIZE ||
	    x->names_len > size || x->hdr_len > x->now.size)
		return -1;
	x->rows_at = HEAD_SIZE + x->nreps * REP_SIZE;
	names_at = x->rows_at + x->nrows * ROW_SIZE;
	x->tail_at = names_at + x->names_len;
	if (x->tail_at > size)
		return -1;
	x->reps = sd_xmalloc((size_t)(x->nreps * REP_SIZE));
	x->names = sd_xmalloc((size_t)x->names_len);
	return read_at(x->fd, x->reps, (size_t)(x->nreps * REP_SIZE),
	    HEAD_SIZE) == 0 && read_at(x->fd, x->names, (size_t)x->names_len,
	    names_at) == 0 ? 0 : -1;
}

/* Each rep's rows follow the one before's, and its name is in names. */
static int
check_reps(const sd_bix *x)
{
	uint64_t next = 0;

	for (uint64_t i = 0; i < x->nreps; i++) {
		const unsigned char *r = x->reps + i * REP_SIZE;

		if (get64(r) != next || get64(r + 8) == 0 ||
		    get64(r + 8) > x->nrows - next ||
		    get64(r + 16) > x->names_len ||
		    get64(r + 24) > x->names_len - get64(r + 16))
			return -1;
		next += get64(r + 8);
	}
	return next == x->nrows ? 0 : -1;
}

/* The record at tail[at] (n bytes left): its size, or 0 when it is not
 * a whole record that follows the version before it. */
static size_t
read_record(sd_bix *x, size_t at, size_t n)
{
	const unsigned char *p = x->tail + at;
	struct version before;
	uint64_t rows, need, reps = 0;
	size_t rp;

	if (n < REC_HEAD + 8 || get32(p) != REC_MAGIC)
		return 0;
	rows = get32(p + 4);
	if (rows == 0 || rows > (n - REC_HEAD - 8) / REC_ROW)
		return 0;
	for (uint64_t i = 0; i < rows; i++) {
		if (get64(p + REC_HEAD + i * REC_ROW + 16) > n)
			return 0;
		reps += get64(p + REC_HEAD + i * REC_ROW + 16);
	}
	need = REC_HEAD + rows * REC_ROW + 8;
	if (reps > n - need || get64(p + need - 8 + reps) !=
	    checksum(p, (size_t)(need - 8 + reps)))
		return 0;
	before = get_version(p + 8);
	if (!same_version(&before, &x->now))
		return 0;
	x->now = get_version(p + 32);
	rp = at + (size_t)(REC_HEAD + rows * REC_ROW);
	x->trows = sd_xrealloc(x->trows, (x->ntrows + rows) *
	    sizeof *x->trows);
	for (uint64_t i = 0; i < rows; i++) {
		const unsigned char *r = p + REC_HEAD + i * REC_ROW;
		struct trow *t = &x->trows[x->ntrows++];

		*t = (struct trow){ get64(r), get64(r + 8), rp,
		    (size_t)get64(r + 16) };
		rp += t->replen;
	}
	return (size_t)(need + reps);
}

static int
read_tail(sd_bix *x, uint64_t size)
{
	size_t n = (size_t)(size - x->tail_at), at = 0, got;

	if (size - x->tail_at > 4 * TAIL_MAX)
		return -1;
	x->tail = sd_xmalloc(n);
	x->tail_len = n;
	if (read_at(x->fd, x->tail, n, x->tail_at) != 0)
		return -1;
	while (at < n) {
		if ((got = read_record(x, at, n - at)) == 0)
			return -1;
		at += got;
	}
	x->end = size;
	return 0;
}

static int
open_index(const sd_store *st)
{
	char *path = sd_store_path(st, INDEX_NAME);
	int fd = open(path, (st->lock_fd >= 0 ? O_RDWR : O_RDONLY) |
	    O_CLOEXEC);

	free(path);
	return fd;
}

sd_bix *
sd_bix_open(const sd_store *st, int book_fd)
{
	sd_bix *x = sd_xcalloc(1, sizeof *x);
	struct version file;
	struct stat sb;

	if ((x->fd = open_index(st)) == -1 || fstat(x->fd, &sb) == -1 ||
	    read_header(x, (uint64_t)sb.st_size) != 0 ||
	    check_reps(x) != 0 || read_tail(x, (uint64_t)sb.st_size) != 0 ||
	    version_fd(book_fd, &file) != 0 ||
	    !same_version(&file, &x->now)) {
		sd_bix_close(x);
		return NULL;
	}
	return x;
}

uint64_t
sd_bix_header_len(const sd_bix *x)
{
	return x->hdr_len;
}

/* Names sort bytewise, a prefix first. */
static int
name_cmp(const unsigned char *a, size_t na, const unsigned char *b,
    size_t nb)
{
	int c = memcmp(a, b, na < nb ? na : nb);

	return c != 0 ? c : (na > nb) - (na < nb);
}

/* The index of rep in the reps part, or -1. */
static long
find_rep(const sd_bix *x, const char *rep)
{
	size_t len = strlen(rep), lo = 0, hi = (size_t)x->nreps, m;
	const unsigned char *r;
	int c;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		r = x->reps + m * REP_SIZE;
		c = name_cmp(x->names + get64(r + 16), (size_t)get64(r + 24),
		    (const unsigned char *)rep, len);
		if (c == 0)
			return (long)m;
		if (c < 0)
			lo = m + 1;
		else
			hi = m;
	}
	return -1;
}

static int
body_rows(const sd_bix *x, long i, sd_bix_row **v, size_t *n)
{
	const unsigned char *r = x->reps + (size_t)i * REP_SIZE;
	uint64_t first = get64(r), count = get64(r + 8);
	unsigned char *buf = sd_xmalloc((size_t)(count * ROW_SIZE));
	int rc = read_at(x->fd, buf, (size_t)(count * ROW_SIZE),
	    x->rows_at + first * ROW_SIZE);

	*v = sd_xcalloc((size_t)count + 1, sizeof **v);
	for (uint64_t k = 0; rc == 0 && k < count; k++)
		(*v)[(*n)++] = (sd_bix_row){ get64(buf + k * ROW_SIZE),
		    get64(buf + k * ROW_SIZE + 8) };
	free(buf);
	return rc;
}

/* In file order, past the header, inside the file. */
static int
check_rows(const sd_bix *x, const sd_bix_row *v, size_t n)
{
	uint64_t next = x->hdr_len;

	for (size_t i = 0; i < n; i++) {
		if (v[i].off < next || v[i].off > x->now.size ||
		    v[i].len == 0 || v[i].len > x->now.size - v[i].off)
			return -1;
		next = v[i].off + v[i].len;
	}
	return 0;
}

int
sd_bix_rows(const sd_bix *x, const char *rep, sd_bix_row **out, size_t *n)
{
	long i = find_rep(x, rep);
	size_t len = strlen(rep);
	sd_bix_row *v = NULL;

	*n = 0;
	if (i >= 0 && body_rows(x, i, &v, n) != 0) {
		free(v);
		return -1;
	}
	for (size_t k = 0; k < x->ntrows; k++) {
		const struct trow *t = &x->trows[k];

		if (t->replen != len ||
		    memcmp(x->tail + t->rep, rep, len) != 0)
			continue;
		v = sd_xrealloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = (sd_bix_row){ t->off, t->len };
	}
	*out = v;
	if (check_rows(x, v, *n) == 0)
		return 0;
	free(v);
	*out = NULL;
	return -1;
}

/* Building */

sd_bix_build *
sd_bix_build_new(int book_fd)
{
	sd_bix_build *bb = sd_xcalloc(1, sizeof *bb);

	if (version_fd(book_fd, &bb->v) != 0) {
		free(bb);
		return NULL;
	}
	bb->map = sd_keymap_new();
	return bb;
}

void
sd_bix_build_free(sd_bix_build *bb)
{
	if (bb == NULL)
		return;
	for (size_t i = 0; i < sd_keymap_count(bb->map); i++)
		free(bb->name[i]);
	free(bb->name);
	free(bb->namelen);
	free(bb->rows);
	sd_keymap_free(bb->map);
	free(bb);
}

void
sd_bix_build_row(sd_bix_build *bb, const char *rep, size_t replen,
    uint64_t off, uint64_t len)
{
	bool added;
	size_t i = sd_keymap_put(bb->map, rep, replen, &added);

	if (added) {
		if ((i & (i - 1)) == 0) {
			bb->name = sd_xrealloc(bb->name, 2 * (i + 1) *
			    sizeof *bb->name);
			bb->namelen = sd_xrealloc(bb->namelen, 2 * (i + 1) *
			    sizeof *bb->namelen);
		}
		bb->name[i] = sd_xmalloc(replen + 1);
		memcpy(bb->name[i], rep, replen);
		bb->namelen[i] = replen;
	}
	if (bb->n == bb->cap) {
		bb->cap = bb->cap ? bb->cap * 2 : 1024;
		bb->rows = sd_xrealloc(bb->rows, bb->cap *
		    sizeof *bb->rows);
	}
	bb->rows[bb->n++] = (struct brow){ i, off, len };
}

static const sd_bix_build *sort_bb;

static int
by_name(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return name_cmp(sort_bb->name[x], sort_bb->namelen[x],
	    sort_bb->name[y], sort_bb->namelen[y]);
}

/* The reps in name order: order[k] is a rep, rank[rep] its place. */
static size_t *
rep_order(const sd_bix_build *bb, size_t **rank)
{
	size_t n = sd_keymap_count(bb->map);
	size_t *order = sd_xcalloc(n, sizeof *order);

	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_bb = bb;
	qsort(order, n, sizeof *order, by_name);
	*rank = sd_xcalloc(n, sizeof **rank);
	for (size_t k = 0; k < n; k++)
		(*rank)[order[k]] = k;
	return order;
}

static void
write_header(FILE *f, const sd_bix_build *bb, uint64_t hdr_len,
    uint64_t names)
{
	unsigned char h[HEAD_SIZE];

	memcpy(h, MAGIC, 8);
	put_version(h + 8, &bb->v);
	put64(h + 32, hdr_len);
	put64(h + 40, sd_keymap_count(bb->map));
	put64(h + 48, bb->n);
	put64(h + 56, names);
	put64(h + 64, checksum(h, HEAD_SIZE - 8));
	fwrite(h, 1, HEAD_SIZE, f);
}

/* The reps part; first[k] is where rank k's rows go. */
static void
write_reps(FILE *f, const sd_bix_build *bb, const size_t *order,
    uint64_t *first)
{
	size_t n = sd_keymap_count(bb->map);
	uint64_t *count = sd_xcalloc(n, sizeof *count), at = 0, names = 0;
	unsigned char r[REP_SIZE];

	for (size_t i = 0; i < bb->n; i++)
		count[bb->rows[i].rep]++;
	for (size_t k = 0; k < n; k++) {
		first[k] = at;
		put64(r, at);
		put64(r + 8, count[order[k]]);
		put64(r + 16, names);
		put64(r + 24, bb->namelen[order[k]]);
		fwrite(r, 1, REP_SIZE, f);
		at += count[order[k]];
		names += bb->namelen[order[k]];
	}
	free(count);
}

/* Rows grouped by rep in name order, each group in the order given. */
static void
write_rows(FILE *f, const sd_bix_build *bb, const size_t *rank,
    uint64_t *first)
{
	unsigned char *rows = sd_xmalloc(bb->n * ROW_SIZE);

	for (size_t i = 0; i < bb->n; i++) {
		const struct brow *b = &bb->rows[i];
		unsigned char *p = rows + first[rank[b->rep]]++ * ROW_SIZE;

		put64(p, b->off);
		put64(p + 8, b->len);
	}
	fwrite(rows, 1, bb->n * ROW_SIZE, f);
	free(rows);
}

static void
write_body(FILE *f, const sd_bix_build *bb, uint64_t hdr_len)
{
	size_t n = sd_keymap_count(bb->map), *rank;
	size_t *order = rep_order(bb, &rank);
	uint64_t *first = sd_xcalloc(n, sizeof *first), names = 0;

	for (size_t k = 0; k < n; k++)
		names += bb->namelen[k];
	write_header(f, bb, hdr_len, names);
	write_reps(f, bb, order, first);
	write_rows(f, bb, rank, first);
	for (size_t k = 0; k < n; k++)
		fwrite(bb->name[order[k]], 1, bb->namelen[order[k]], f);
	free(first);
	free(order);
	free(rank);
}

/* A new file beside the index, named as store.c names its temporary
 * files, so that the next lock removes it if we die before the rename. */
static FILE *
open_temp(const sd_store *st, int book_fd, char **tmp)
{
	char *base = sd_store_path(st, "." INDEX_NAME ".tmp.XXXXXX");
	struct stat sb;
	FILE *f;
	int fd;

	*tmp = base;
	if ((fd = mkstemp(base)) == -1)
		return NULL;
	if (fstat(book_fd, &sb) == -1 || fchmod(fd, sb.st_mode & 0666) == -1 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(base);
		return NULL;
	}
	return f;
}

static int
finish_temp(FILE *f, char *buf)
{
	int rc = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0 ?
	    0 : -1;

	if (fclose(f) != 0)
		rc = -1;
	free(buf);
	return rc;
}

/* Is meetings.csv (open as book_fd, and at its path) still the version
 * the rows were read from? */
static bool
unchanged(const sd_bix_build *bb, const sd_store *st, int book_fd)
{
	struct version a, b;

	return version_fd(book_fd, &a) == 0 && version_path(st, &b) == 0 &&
	    same_version(&a, &bb->v) && same_version(&b, &bb->v);
}

int
sd_bix_build_write(const sd_bix_build *bb, const sd_store *st, int book_fd,
    uint64_t hdr_len)
{
	char *tmp, *path, *buf;
	FILE *f;
	int rc = -1;

	if (st->lock_fd < 0 || !unchanged(bb, st, book_fd))
		return -1;
	if ((f = open_temp(st, book_fd, &tmp)) == NULL) {
		free(tmp);
		return -1;
	}
	buf = sd_xmalloc(WRITE_BUF);
	setvbuf(f, buf, _IOFBF, WRITE_BUF);
	write_body(f, bb, hdr_len);
	path = sd_store_path(st, INDEX_NAME);
	if (finish_temp(f, buf) == 0 && unchanged(bb, st, book_fd) &&
	    rename(tmp, path) == 0)
		rc = 0;
	else
		unlink(tmp);
	free(path);
	free(tmp);
	return rc;
}

/* Noting appends */

/* Fold the tail into a new index: every row as the index has it. */
static void
fold(const sd_bix *x, const sd_store *st)
{
	char *path = sd_store_path(st, BOOK_NAME);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	sd_bix_build *bb = fd >= 0 ? sd_bix_build_new(fd) : NULL;
	sd_bix_row *v;
	size_t n;
	int rc = bb && same_version(&bb->v, &x->now) ? 0 : -1;

	for (uint64_t i = 0; rc == 0 && i < x->nreps; i++) {
		const unsigned char *r = x->reps + i * REP_SIZE;

		n = 0;
		if ((rc = body_rows(x, (long)i, &v, &n)) == 0)
			for (size_t k = 0; k < n; k++)
				sd_bix_build_row(bb, (const char *)x->names +
				    get64(r + 16), (size_t)get64(r + 24),
				    v[k].off, v[k].len);
		free(v);
	}
	for (size_t k = 0; rc == 0 && k < x->ntrows; k++)
		sd_bix_build_row(bb, (const char *)x->tail + x->trows[k].rep,
		    x->trows[k].replen, x->trows[k].off, x->trows[k].len);
	if (rc == 0)
		sd_bix_build_write(bb, st, fd, x->hdr_len);
	sd_bix_build_free(bb);
	if (fd >= 0)
		close(fd);
	free(path);
}

/* The record of n rows that end the file as it is now (after). */
static unsigned char *
make_record(const sd_bix *x, const struct version *after, size_t n,
    const char *const *reps, const uint64_t *lens, size_t *size)
{
	uint64_t off = after->size, reps_len = 0;
	unsigned char *p, *rp;

	for (size_t i = 0; i < n; i++) {
		off -= lens[i];
		reps_len += strlen(reps[i]);
	}
	*size = REC_HEAD + n * REC_ROW + (size_t)reps_len + 8;
	p = sd_xcalloc(1, *size);
	put32(p, REC_MAGIC);
	put32(p + 4, (uint32_t)n);
	put_version(p + 8, &x->now);
	put_version(p + 32, after);
	rp = p + REC_HEAD + n * REC_ROW;
	for (size_t i = 0; i < n; i++) {
		unsigned char *r = p + REC_HEAD + i * REC_ROW;
		size_t len = strlen(reps[i]);

		put64(r, off);
		put64(r + 8, lens[i]);
		put64(r + 16, len);
		memcpy(rp, reps[i], len);
		rp += len;
		off += lens[i];
	}
	put64(p + *size - 8, checksum(p, *size - 8));
	return p;
}

/* The rows must end the file, after what the index had (and at most a
 * newline store.c put after a last line saved without one). */
static int
check_append(const sd_bix *x, const struct version *after, size_t n,
    const uint64_t *lens)
{
	uint64_t total = 0;

	for (size_t i = 0; i < n; i++) {
		if (lens[i] == 0 || lens[i] > after->size - total)
			return -1;
		total += lens[i];
	}
	if (x->now.size == 0 || after->size - total < x->now.size ||
	    after->size - total - x->now.size > 1)
		return -1;
	return 0;
}

int
sd_bix_note(sd_bix *x, const sd_store *st, size_t n,
    const char *const *reps, const uint64_t *lens)
{
	struct version after;
	unsigned char *rec;
	size_t size;
	int rc;

	if (st->lock_fd < 0 || n == 0 || n > UINT32_MAX ||
	    version_path(st, &after) != 0 ||
	    check_append(x, &after, n, lens) != 0)
		return -1;
	rec = make_record(x, &after, n, reps, lens, &size);
	rc = write_at(x->fd, rec, size, x->end);
	if (rc == 0) {
		/* Read back as the next open would: x describes the file. */
		x->tail = sd_xrealloc(x->tail, x->tail_len + size);
		memcpy(x->tail + x->tail_len, rec, size);
		x->tail_len += size;
		x->end += size;
		if (read_record(x, x->tail_len - size, size) != size)
			rc = -1;
	}
	free(rec);
	if (rc == 0 && x->end - x->tail_at > TAIL_MAX)
		fold(x, st);
	return rc;
}
