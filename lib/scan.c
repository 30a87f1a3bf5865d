/*
 * scan.c: a fast reader for big CSV files, for the reports over millions
 * of rows.
 *
 * lib/csvio.c (libcsv) stays the reference.  This reader yields exactly
 * the header, rows and fields sd_csv yields, or it declines the file, and
 * the caller reads it with sd_csv, which names the error if there is one.
 * It declines on anything sd_csv refuses (a stray quote, an unterminated
 * field, a row of the wrong width, a NUL, invalid UTF-8) and on what it
 * does not do (stdin, a row longer than SCAN_MAX).  Only accepting must be
 * exact; declining is always safe.  tests/test_scan.c and
 * tests/fuzz/fuzz_scan.c hold the two readers to that.
 *
 * libcsv's dialect, as csvio.c sets it up: ',' separates, '"' quotes,
 * only '\n' ends a row, and '\r' is the "space" skipped before a field,
 * trimmed after an unquoted one and allowed between a closing quote and
 * the separator; blank lines are skipped; at the end of the file an open
 * row ends as if a newline followed.
 *
 * The rows are split into parts, each read with pread into its own
 * buffer, one thread each.  Fields are cut in place (a NUL over what
 * follows them, doubled quotes undone), so a row costs no copy and no
 * allocation.  Part k starts just after the first newline past k/n of the
 * data: a guess, wrong only if that newline is inside a quoted field.
 * Part k-1 checks it, since its last row must end exactly there.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "salesdesk.h"

#define SCAN_BUF (1u << 20)		/* a part's buffer at first */
#define SCAN_MAX ((size_t)64 << 20)	/* the longest row we take */
#define SCAN_PART_MIN ((off_t)8 << 20)	/* less is not worth a thread */
#define SCAN_MAX_PARTS 16
#define PAD 64			/* past the data: a sentinel, loads */

/* One field of the row being cut: where it starts in the buffer, its raw
 * length, and whether it holds doubled quotes to undo. */
struct cut {
	size_t start, len;
	bool doubled;
};

struct sd_scan_part {
	int fd;
	off_t next, hi;		/* the bytes still to read: [next, hi) */
	bool last;		/* hi is the end of the file */
	bool declined;
	size_t want;		/* fields a row must have; 0: any */
	unsigned char *buf;	/* cap bytes and PAD */
	size_t cap, pos, end;	/* unread rows: [pos, end) */
	size_t init;		/* first size of buf */
	struct cut *cuts;
	char **field;
	size_t *len;
	size_t ncap;
	sd_row row;
};

struct sd_scan {
	int fd;
	off_t size;
	char **cols;
	size_t ncols, nparts;
	sd_scan_part *part[SCAN_MAX_PARTS];	/* see sd_xalloc_lines */
};

enum { ROW, READY, MORE, END, DECLINE };

/*
 * No NUL and valid UTF-8.  Bytes past 0x7f only ever stand in fields, in
 * runs that ASCII bytes (separators, quotes, line ends) bound, so a row
 * is valid run by run exactly when every field sd_csv cuts from it is:
 * one pass over the row's bytes, with sd_utf8_valid on each run, does
 * for all its fields.  s..s+n must start and end at the edges of ASCII
 * bytes.
 */
static bool
text_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
#ifdef __SSE2__
		if (n - i >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(s + i));

			if ((_mm_movemask_epi8(v) | _mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, _mm_setzero_si128()))) == 0) {
				i += 16;
				continue;
			}
		}
#endif
		if (s[i] == '\0')
			return false;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		for (j = i; j < n && s[j] >= 0x80; j++)
			;
		if (!sd_utf8_valid((const char *)s + i, j - i))
			return false;
		i = j;
	}
	return true;
}

/* The first ',', '\n' or '"' from b + i on; the sentinel '\n' at the end
 * of the data stops the search. */
static size_t
special(const unsigned char *b, size_t i)
{
#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(','), nl = _mm_set1_epi8('\n'),
	    quote = _mm_set1_epi8('"');

	for (;; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(b + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, comma),
		    _mm_cmpeq_epi8(v, nl)), _mm_cmpeq_epi8(v, quote)));

		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#else
	while (b[i] != ',' && b[i] != '\n' && b[i] != '"')
		i++;
	return i;
#endif
}

/* old (size bytes) moved into cache lines of their own, of size grown. */
static void *
regrow(void *old, size_t size, size_t grown)
{
	void *p = sd_xalloc_lines(grown);

	if (old != NULL)
		memcpy(p, old, size);
	free(old);
	return p;
}

/* Room for field n of a row.  The arrays a row is cut into are written
 * for every field, so each is in cache lines of its own. */
static void
room_fields(sd_scan_part *p, size_t n)
{
	size_t was = p->ncap;

	if (n < p->ncap)
		return;
	while (n >= p->ncap)
		p->ncap = p->ncap ? p->ncap * 2 : 16;
	p->cuts = regrow(p->cuts, was * sizeof *p->cuts,
	    p->ncap * sizeof *p->cuts);
	p->field = regrow(p->field, was * sizeof *p->field,
	    p->ncap * sizeof *p->field);
	p->len = regrow(p->len, was * sizeof *p->len,
	    p->ncap * sizeof *p->len);
	p->row.field = p->field;
	p->row.len = p->len;
}

static bool
push_cut(sd_scan_part *p, size_t n, size_t start, size_t len, bool doubled)
{
	if (p->want > 0 && n >= p->want)
		return false;
	room_fields(p, n);
	p->cuts[n] = (struct cut){ start, len, doubled };
	return true;
}

/* Where the parse of one field got to. */
struct at {
	size_t i;		/* the byte after the field's separator */
	bool row_end;		/* the separator ended the row */
};

/* After a field, at b[i]: a separator, the end of the row, or the end of
 * the data.  At the end of the file the row ends there too; a part ends
 * just after a newline, so a row that gets to its end otherwise ran into
 * the next part through a quoted field. */
static int
after_field(const sd_scan_part *p, size_t i, struct at *at)
{
	const unsigned char *b = p->buf;

	if (i == p->end) {
		if (p->next < p->hi)
			return MORE;
		if (!p->last)		/* ran into the next part */
			return DECLINE;
		at->i = i;
		at->row_end = true;
		return ROW;
	}
	if (b[i] != ',' && b[i] != '\n')
		return DECLINE;
	at->i = i + 1;
	at->row_end = b[i] == '\n';
	return ROW;
}

/* A quoted field from its opening quote at b[i]. */
static int
quoted_field(sd_scan_part *p, size_t n, size_t i, struct at *at)
{
	const unsigned char *b = p->buf, *q;
	size_t start = i + 1, j = start;
	bool doubled = false;

	for (;;) {
		if ((q = memchr(b + j, '"', p->end - j)) == NULL)
			return p->next < p->hi ? MORE : DECLINE;
		j = (size_t)(q - b) + 1;
		if (j == p->end || b[j] != '"')
			break;
		doubled = true;
		j++;
	}
	if (!push_cut(p, n, start, j - 1 - start, doubled))
		return DECLINE;
	while (b[j] == '\r')
		j++;
	return after_field(p, j, at);
}

/* An unquoted field from its first byte at b[i]; trailing '\r' are cut,
 * and a quote in it is refused where the field ends. */
static int
plain_field(sd_scan_part *p, size_t n, size_t i, struct at *at)
{
	const unsigned char *b = p->buf;
	size_t j = special(b, i), len;

	for (len = j - i; len > 0 && b[i + len - 1] == '\r'; len--)
		;
	if (!push_cut(p, n, i, len, false))
		return DECLINE;
	return after_field(p, j, at);
}

/* One field from b[i], where a field may begin. */
static int
field(sd_scan_part *p, size_t n, size_t i, struct at *at)
{
	const unsigned char *b = p->buf;

	while (b[i] == '\r')
		i++;
	if (i < p->end && b[i] == '"')
		return quoted_field(p, n, i, at);
	if (i < p->end && (b[i] == ',' || b[i] == '\n')) {
		if (!push_cut(p, n, i, 0, false))
			return DECLINE;
		at->i = i + 1;
		at->row_end = b[i] == '\n';
		return ROW;
	}
	if (i == p->end) {
		if (!push_cut(p, n, i, 0, false))
			return DECLINE;
		return after_field(p, i, at);
	}
	return plain_field(p, n, i, at);
}

#ifdef __SSE2__
/* Undo the cuts of a row that was not plain after all: each was a comma. */
static bool
unplain(sd_scan_part *p, size_t n)
{
	for (size_t k = 0; k < n; k++)
		p->field[k][p->len[k]] = ',';
	return false;
}

/* The bytes of 16 that need the careful parse: a quote, a '\r', a NUL or
 * one past 0x7f (which text_valid must see). */
static uint32_t
odd16(__m128i v)
{
	return (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
	    _mm_cmpeq_epi8(v, _mm_setzero_si128()))) |
	    (uint32_t)_mm_movemask_epi8(v);
}

/* Bit masks of the separators, of the newlines and of the odd bytes, in
 * 32 bytes. */
static uint32_t
masks(const unsigned char *b, uint32_t *odd, uint32_t *nl)
{
	const __m128i c = _mm_set1_epi8(','), n = _mm_set1_epi8('\n');
	__m128i v = _mm_loadu_si128((const __m128i *)b);
	__m128i w = _mm_loadu_si128((const __m128i *)(b + 16));
	__m128i nv = _mm_cmpeq_epi8(v, n), nw = _mm_cmpeq_epi8(w, n);

	*nl = (uint32_t)_mm_movemask_epi8(nv) |
	    (uint32_t)_mm_movemask_epi8(nw) << 16;
	*odd = odd16(v) | odd16(w) << 16;
	return (uint32_t)_mm_movemask_epi8(_mm_or_si128(nv,
	    _mm_cmpeq_epi8(v, c))) | (uint32_t)_mm_movemask_epi8(
	    _mm_or_si128(nw, _mm_cmpeq_epi8(w, c))) << 16;
}

/*
 * The common row, 32 bytes at a time: ASCII without a quote, a '\r' or a
 * NUL up to its newline, which is in the buffer, and as many fields as
 * the header.  Then every field is plain and ends at a comma or the
 * newline, as libcsv would cut it, so it is cut at once: a NUL over its
 * comma, and into the row.  Anything else is left to the careful parse,
 * with the commas put back.
 */
static bool
plain_row(sd_scan_part *p, size_t i, size_t *row_end)
{
	unsigned char *b = p->buf;
	size_t start = i, n = 0, end;
	uint32_t sep, odd, nl, upto;

	for (size_t at = i;; at += 32) {
		sep = masks(b + at, &odd, &nl);
		upto = nl ? (nl & -nl) | ((nl & -nl) - 1) : ~(uint32_t)0;
		if (odd & upto)
			return unplain(p, n);
		for (sep &= upto; sep != 0; sep &= sep - 1) {
			end = at + (size_t)__builtin_ctz(sep);
			if ((b[end] == '\n' ? n + 1 != p->want :
			    n + 2 > p->want) || end == p->end)
				return unplain(p, n);
			p->field[n] = (char *)b + start;
			p->len[n++] = end - start;
			b[end] = '\0';
			start = end + 1;
		}
		if (nl != 0)
			break;
	}
	p->row.n = n;
	p->row.line = 0;
	*row_end = start;
	return true;
}
#else
static bool
plain_row(sd_scan_part *p, size_t i, size_t *row_end)
{
	(void)p, (void)i, (void)row_end;
	return false;
}
#endif

/* Find the next row's fields without changing a byte, so that a row cut
 * short by the end of the buffer can be parsed again after a refill. */
static int
find_row(sd_scan_part *p, size_t *nfields, size_t *row_end)
{
	unsigned char *b = p->buf;
	size_t i = p->pos, n = 0;
	struct at at;
	int rc;

	b[p->end] = '\n';
	for (;; i++) {		/* blank lines */
		while (b[i] == '\r')
			i++;
		if (i == p->end) {
			p->pos = i;
			if (p->next < p->hi)
				return MORE;
			return END;
		}
		if (b[i] != '\n')
			break;
	}
	p->pos = i;
	if (plain_row(p, i, row_end))
		return READY;
	do {
		if ((rc = field(p, n++, i, &at)) != ROW)
			return rc;
		i = at.i;
	} while (!at.row_end);
	if ((p->want > 0 && n != p->want) ||
	    !text_valid(b + p->pos, i - p->pos))
		return DECLINE;
	*nfields = n;
	*row_end = i;
	return ROW;
}

/* The quoted text at s (len bytes) with each "" made ": its new length. */
static size_t
undouble(unsigned char *s, size_t len)
{
	size_t to = 0;

	for (size_t from = 0; from < len; from++)
		if ((s[to++] = s[from]) == '"')
			from++;
	return to;
}

/* Cut the fields found in place: undo doubled quotes, end each in NUL. */
static void
cut_row(sd_scan_part *p, size_t n)
{
	unsigned char *b = p->buf;

	for (size_t k = 0; k < n; k++) {
		const struct cut *c = &p->cuts[k];
		size_t len = c->len;

		if (c->doubled)
			len = undouble(b + c->start, c->len);
		b[c->start + len] = '\0';
		p->field[k] = (char *)b + c->start;
		p->len[k] = len;
	}
	p->row.n = n;
	p->row.line = 0;
}

/* The bytes a search may load past the data are set, if never read. */
static void
grow(sd_scan_part *p, size_t cap)
{
	p->buf = sd_xrealloc(p->buf, cap + PAD);
	p->cap = cap;
	memset(p->buf + p->end, 0, PAD);
}

/* Keep the row begun and read what follows. */
static int
refill(sd_scan_part *p)
{
	size_t want;
	ssize_t got;

	if (p->pos > 0) {
		memmove(p->buf, p->buf + p->pos, p->end - p->pos);
		p->end -= p->pos;
		p->pos = 0;
	}
	if (p->end == p->cap) {
		if (p->cap >= SCAN_MAX)
			return -1;
		grow(p, p->cap ? p->cap * 2 : p->init);
	}
	want = p->cap - p->end;
	if ((off_t)want > p->hi - p->next)
		want = (size_t)(p->hi - p->next);
	do
		got = pread(p->fd, p->buf + p->end, want, p->next);
	while (got < 0 && errno == EINTR);
	if (got <= 0)
		return -1;	/* an error, or the file got shorter */
	p->end += (size_t)got;
	p->next += got;
	memset(p->buf + p->end, 0, PAD);
	return 0;
}

int
sd_scan_next(sd_scan_part *p, sd_row **row)
{
	size_t n = 0, end = 0;

	while (!p->declined) {
		switch (find_row(p, &n, &end)) {
		case ROW:
			cut_row(p, n);
			/* FALLTHROUGH */
		case READY:
			p->pos = end;
			*row = &p->row;
			return 1;
		case END:
			return 0;
		case MORE:
			if (refill(p) == 0)
				continue;
			/* FALLTHROUGH */
		default:
			p->declined = true;
		}
	}
	return -1;
}

static void
part_init(sd_scan_part *p, int fd, off_t lo, off_t hi, off_t size,
    size_t bufsize)
{
	memset(p, 0, sizeof *p);
	p->fd = fd;
	p->next = lo;
	p->hi = hi;
	p->last = hi == size;
	p->init = bufsize;
	grow(p, 0);
}

static void
part_free(sd_scan_part *p)
{
	free(p->buf);
	free(p->cuts);
	free(p->field);
	free(p->len);
}

/* The header, read as a part of its own from the start (after a UTF-8
 * BOM, which sd_csv drops too); *data is where the rows begin. */
static int
read_header(sd_scan *s, size_t bufsize, off_t *data)
{
	sd_scan_part p;
	unsigned char bom[3];
	off_t lo = pread(s->fd, bom, 3, 0) == 3 &&
	    memcmp(bom, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	sd_row *row;
	int got;

	part_init(&p, s->fd, lo, s->size, s->size, bufsize);
	got = sd_scan_next(&p, &row);
	if (got == 1) {
		s->ncols = row->n;
		s->cols = sd_xcalloc(row->n, sizeof *s->cols);
		for (size_t i = 0; i < row->n; i++)
			s->cols[i] = sd_xstrdup(row->field[i]);
		*data = p.next - (off_t)(p.end - p.pos);
	} else
		*data = s->size;
	part_free(&p);
	return got < 0 ? -1 : 0;
}

/* Just past the first newline at or after off (the end: none). */
static off_t
after_newline(int fd, off_t off, off_t size)
{
	char buf[4096];
	ssize_t got;
	char *nl;

	for (; off < size; off += got) {
		if ((got = pread(fd, buf, sizeof buf, off)) <= 0)
			return size;
		if ((nl = memchr(buf, '\n', (size_t)got)) != NULL)
			return off + (nl - buf) + 1;
	}
	return size;
}

static size_t
parts_for(off_t bytes, size_t nparts)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (nparts == 0) {
		nparts = cpus > 0 ? (size_t)cpus : 1;
		if ((off_t)nparts > bytes / SCAN_PART_MIN)
			nparts = (size_t)(bytes / SCAN_PART_MIN);
	}
	if (nparts < 1)
		nparts = 1;
	return nparts < SCAN_MAX_PARTS ? nparts : SCAN_MAX_PARTS;
}

static void
split(sd_scan *s, off_t data, size_t nparts, size_t bufsize)
{
	off_t lo = data, hi;

	s->nparts = parts_for(s->size - data, nparts);
	for (size_t k = 0; k < s->nparts; k++) {
		hi = k + 1 == s->nparts ? s->size : after_newline(s->fd,
		    data + (s->size - data) / (off_t)s->nparts * (off_t)(k + 1),
		    s->size);
		hi = hi < lo ? lo : hi;
		s->part[k] = sd_xalloc_lines(sizeof *s->part[k]);
		part_init(s->part[k], s->fd, lo, hi, s->size, bufsize);
		s->part[k]->want = s->ncols;
		room_fields(s->part[k], s->ncols);
		lo = hi;
	}
}

int
sd_scan_open(sd_scan **out, const char *path, size_t nparts, size_t bufsize)
{
	sd_scan *s = sd_xcalloc(1, sizeof *s);
	struct stat st;
	off_t data;

	*out = NULL;
	s->fd = strcmp(path, "-") == 0 ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0 || fstat(s->fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (s->size = st.st_size, read_header(s, bufsize ? bufsize : SCAN_BUF,
	    &data)) != 0) {
		sd_scan_close(s);
		return -1;
	}
	split(s, data, nparts, bufsize ? bufsize : SCAN_BUF);
	*out = s;
	return 0;
}

void
sd_scan_close(sd_scan *s)
{
	if (s == NULL)
		return;
	for (size_t k = 0; k < s->nparts; k++) {
		part_free(s->part[k]);
		free(s->part[k]);
	}
	for (size_t i = 0; i < s->ncols; i++)
		free(s->cols[i]);
	free(s->cols);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
}

size_t
sd_scan_ncols(const sd_scan *s)
{
	return s->ncols;
}

const char *
sd_scan_colname(const sd_scan *s, size_t i)
{
	return i < s->ncols ? s->cols[i] : "";
}

size_t
sd_scan_nparts(const sd_scan *s)
{
	return s->nparts;
}

sd_scan_part *
sd_scan_part_at(sd_scan *s, size_t i)
{
	return i < s->nparts ? s->part[i] : NULL;
}

struct job {
	sd_scan *s;
	size_t k;
	sd_scan_fn fn;
	void *arg;
	int rc;
	pthread_t t;
	bool started;
};

static void *
run_job(void *arg)
{
	struct job *j = arg;

	j->rc = j->fn(j->s->part[j->k], j->k, j->arg);
	return NULL;
}

/* Parts 1.. in threads of their own, part 0 in the caller's; a part
 * whose thread cannot start runs in the caller's too. */
int
sd_scan_each(sd_scan *s, sd_scan_fn fn, void *arg)
{
	struct job jobs[SCAN_MAX_PARTS];
	int rc = 0;

	for (size_t k = 0; k < s->nparts; k++) {
		jobs[k] = (struct job){ .s = s, .k = k, .fn = fn, .arg = arg };
		if (k > 0)
			jobs[k].started = pthread_create(&jobs[k].t, NULL,
			    run_job, &jobs[k]) == 0;
	}
	for (size_t k = 0; k < s->nparts; k++) {
		if (jobs[k].started)
			pthread_join(jobs[k].t, NULL);
		else
			run_job(&jobs[k]);
		rc |= jobs[k].rc;
	}
	return rc == 0 ? 0 : -1;
}
