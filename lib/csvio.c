/*
 * csvio.c: CSV rows by header name, read with libcsv, written per RFC 4180.
 *
 * libcsv is a push parser; the tools want to pull one row at a time.  We
 * feed it one physical line at a time (up to and including '\n'), so a call
 * to csv_parse completes at most one row and the line number of an error is
 * the line being fed.  Only '\n' ends a row; '\r' counts as the "space"
 * libcsv trims around fields, which is how CRLF input reads as LF while
 * spaces stay data.  Fields are copied once, from libcsv's buffer into the
 * row's arena; memory grows with the longest row, never with the file.
 * A record held in memory (sd_csv_record) goes through the same parser
 * settings and the same field accumulator, so it reads as the stream does.
 */
#include <sys/stat.h>

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "salesdesk.h"

#define READ_SIZE (256 * 1024)

/* A row's fields as libcsv hands them over, copied into one arena. */
struct fields {
	char *arena;		/* the fields, each NUL-ended */
	size_t arena_len, arena_cap;
	size_t *offset, *len;
	char **field;
	size_t n, cap;
	int rows;		/* rows ended since the last reset */
	const char *bad;	/* the first field error seen, or NULL */
	size_t bad_field;
	sd_row row;
};

struct sd_csv {
	char *name;		/* for messages: the path, or "stdin" */
	int fd;
	struct csv_parser parser;
	char *buf;
	size_t pos, end;
	bool eof;
	long line;		/* physical lines fed so far */
	long quote_line;	/* where the open quoted field began, or 0 */
	struct fields f;	/* the current row */

	char **header;
	size_t nheader;
};

struct sd_csv_record {
	struct csv_parser parser;
	struct fields f;
};

static int
is_cr(unsigned char c)
{
	return c == '\r';
}

static int
is_lf(unsigned char c)
{
	return c == '\n';
}

/* Is s (len bytes) valid UTF-8?  Overlong forms and surrogates are not. */
bool
sd_utf8_valid(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return false;
		if (i + n >= len)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

static void
on_field(void *data, size_t len, void *arg)
{
	struct fields *f = arg;

	if (f->bad == NULL) {
		if (memchr(data, '\0', len))
			f->bad = "a NUL byte", f->bad_field = f->n;
		else if (!sd_utf8_valid(data, len))
			f->bad = "invalid UTF-8", f->bad_field = f->n;
	}
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->offset = sd_xrealloc(f->offset, f->cap * sizeof *f->offset);
		f->len = sd_xrealloc(f->len, f->cap * sizeof *f->len);
		f->field = sd_xrealloc(f->field, f->cap * sizeof *f->field);
	}
	if (f->arena_len + len + 1 > f->arena_cap) {
		while (f->arena_len + len + 1 > f->arena_cap)
			f->arena_cap = f->arena_cap ? f->arena_cap * 2 : 4096;
		f->arena = sd_xrealloc(f->arena, f->arena_cap);
	}
	memcpy(f->arena + f->arena_len, data, len);
	f->arena[f->arena_len + len] = '\0';
	f->offset[f->n] = f->arena_len;
	f->len[f->n++] = len;
	f->arena_len += len + 1;
}

static void
on_row(int term, void *arg)
{
	struct fields *f = arg;

	(void)term;
	f->rows++;
}

/* Start a row.  A field error is kept: the stream's rows end there. */
static void
fields_reset(struct fields *f)
{
	f->n = f->arena_len = 0;
	f->rows = 0;
}

static void
fields_publish(struct fields *f, long line)
{
	for (size_t i = 0; i < f->n; i++)
		f->field[i] = f->arena + f->offset[i];
	f->row = (sd_row){ f->n, f->field, f->len, line };
}

static void
fields_free(struct fields *f)
{
	free(f->arena);
	free(f->offset);
	free(f->len);
	free(f->field);
}

/* The dialect: strict quotes, an unclosed quote at the end an error, '\r'
 * trimmed as space, '\n' alone ending a row.  csv_init fails only on a
 * NULL parser. */
static void
parser_init(struct csv_parser *p)
{
	(void)csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	/* libcsv grows a field 128 bytes at a time by default: a 1 MiB field
	 * would be copied thousands of times. */
	csv_set_blk_size(p, 64 * 1024);
	csv_set_space_func(p, is_cr);
	csv_set_term_func(p, is_lf);
}

/* Fill the read buffer; drop a UTF-8 BOM at the very start. */
static int
refill(sd_csv *r, sd_err *e)
{
	ssize_t n;
	bool first = r->line == 0 && r->end == 0 && r->pos == 0;

	do
		n = read(r->fd, r->buf, READ_SIZE);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return sd_fail_at(e, EX_IOERR, r->name, r->line + 1,
		    "read error: %s", strerror(errno));
	r->pos = 0;
	r->end = (size_t)n;
	r->eof = n == 0;
	if (first && n >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
	return 0;
}

static int
parse_error(sd_csv *r, sd_err *e)
{
	return sd_fail_at(e, EX_DATAERR, r->name, r->line + 1,
	    "column %zu: malformed CSV: a quote must start and end a field",
	    r->f.n + 1);
}

/* Feed the next physical line, or the rest of the buffer when the line
 * goes on past it. */
static int
feed_line(sd_csv *r, sd_err *e)
{
	const char *start = r->buf + r->pos;
	const char *nl = memchr(start, '\n', r->end - r->pos);
	size_t n = nl ? (size_t)(nl - start) + 1 : r->end - r->pos;

	if (csv_parse(&r->parser, start, n, on_field, on_row, &r->f) != n)
		return parse_error(r, e);
	r->pos += n;
	if (nl)
		r->line++;
	return 0;
}

static int
finish(sd_csv *r, sd_err *e)
{
	if (csv_fini(&r->parser, on_field, on_row, &r->f) != 0)
		return sd_fail_at(e, EX_DATAERR, r->name, r->quote_line,
		    "column %zu: malformed CSV: unterminated quoted field",
		    r->f.n + 1);
	return 0;
}

/* Has the line just fed started a row?  libcsv's state 0 is "no row
 * begun": blank lines leave it there. */
static bool
row_begun(const sd_csv *r)
{
	return r->f.n > 0 || r->f.rows > 0 || r->parser.pstate != 0;
}

/* Remember the line a quoted field opened on, for the error at the end of
 * the file when it never closes (libcsv state 2: inside a field). */
static void
note_open_quote(sd_csv *r, long fed)
{
	if (!r->parser.quoted || r->parser.pstate != 2)
		r->quote_line = 0;
	else if (r->quote_line == 0)
		r->quote_line = fed;
}

/* Read one row into r->f.row: 1, 0 at the end, or -1. */
static int
read_row(sd_csv *r, sd_err *e)
{
	long start_line = -1, fed;

	fields_reset(&r->f);
	while (r->f.rows == 0) {
		if (r->pos == r->end && !r->eof && refill(r, e) != 0)
			return -1;
		if (r->pos == r->end) {
			if (finish(r, e) != 0)
				return -1;
			break;
		}
		if (feed_line(r, e) != 0)
			return -1;
		fed = r->line + (r->buf[r->pos - 1] != '\n');
		if (start_line < 0 && row_begun(r))
			start_line = fed;
		note_open_quote(r, fed);
	}
	if (r->f.rows == 0)
		return 0;
	fields_publish(&r->f, start_line);
	if (r->f.bad)
		return sd_fail_at(e, EX_DATAERR, r->name, start_line,
		    "column %zu: %s", r->f.bad_field + 1, r->f.bad), -1;
	return 1;
}

static int
read_header(sd_csv *r, sd_err *e)
{
	int got = read_row(r, e);

	if (got <= 0)
		return got;
	r->nheader = r->f.row.n;
	r->header = sd_xcalloc(r->nheader, sizeof *r->header);
	for (size_t i = 0; i < r->nheader; i++)
		r->header[i] = sd_xstrdup(r->f.row.field[i]);
	return 1;
}

static int
open_fd(sd_csv *r, const char *path, int flags, sd_err *e)
{
	struct stat sb;

	if (strcmp(path, "-") == 0) {
		r->fd = STDIN_FILENO;
		r->name = sd_xstrdup("stdin");
		return 0;
	}
	r->name = sd_xstrdup(path);
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd >= 0 && fstat(r->fd, &sb) == 0 && S_ISDIR(sb.st_mode))
		return sd_fail_at(e, EX_NOINPUT, path, 0,
		    "cannot open: Is a directory");
	if (r->fd >= 0)
		return 0;
	if ((errno == ENOENT || errno == ENOTDIR) &&
	    (flags & SD_CSV_MISSING_OK)) {
		r->eof = true;
		return 0;
	}
	return sd_fail_at(e, EX_NOINPUT, path, 0, "cannot open: %s",
	    strerror(errno));
}

int
sd_csv_open(sd_csv **out, const char *path, int flags, sd_err *e)
{
	sd_csv *r = sd_xcalloc(1, sizeof *r);

	*out = NULL;
	r->fd = -1;
	if (open_fd(r, path, flags, e) != 0) {
		sd_csv_close(r);
		return e->status;
	}
	parser_init(&r->parser);
	r->buf = sd_xmalloc(READ_SIZE);
	if (read_header(r, e) < 0) {
		sd_csv_close(r);
		return e->status;
	}
	*out = r;
	return 0;
}

int
sd_csv_next(sd_csv *r, sd_row **row, sd_err *e)
{
	int got;

	if (r->header == NULL)
		return 0;
	got = read_row(r, e);
	if (got <= 0)
		return got;
	if (r->f.row.n != r->nheader) {
		sd_fail_at(e, EX_DATAERR, r->name, r->f.row.line,
		    "expected %zu fields as in the header, found %zu",
		    r->nheader, r->f.row.n);
		return -1;
	}
	*row = &r->f.row;
	return 1;
}

void
sd_csv_close(sd_csv *r)
{
	if (r == NULL)
		return;
	if (r->fd > STDIN_FILENO)
		close(r->fd);
	if (r->buf)
		csv_free(&r->parser);
	for (size_t i = 0; i < r->nheader; i++)
		free(r->header[i]);
	free(r->header);
	fields_free(&r->f);
	free(r->buf);
	free(r->name);
	free(r);
}

const char *
sd_csv_name(const sd_csv *r)
{
	return r->name;
}

size_t
sd_csv_ncols(const sd_csv *r)
{
	return r->nheader;
}

const char *
sd_csv_colname(const sd_csv *r, size_t i)
{
	return i < r->nheader ? r->header[i] : "";
}

bool
sd_csv_header_is(const char *cell, const char *name)
{
	size_t n = strlen(name), m;

	while (*cell == ' ' || *cell == '\t')
		cell++;
	m = strlen(cell);
	while (m > 0 && (cell[m - 1] == ' ' || cell[m - 1] == '\t'))
		m--;
	return m == n && strncasecmp(cell, name, n) == 0;
}

int
sd_csv_col(const sd_csv *r, const char *name)
{
	for (size_t i = 0; i < r->nheader; i++)
		if (sd_csv_header_is(r->header[i], name))
			return (int)i;
	return -1;
}

int
sd_csv_need(const sd_csv *r, const char *name, int *idx, sd_err *e)
{
	*idx = sd_csv_col(r, name);
	if (*idx < 0)
		return sd_fail_at(e, EX_DATAERR, r->name, 1,
		    "no column '%s' in the header", name);
	for (size_t i = (size_t)*idx + 1; i < r->nheader; i++)
		if (sd_csv_header_is(r->header[i], name))
			return sd_fail_at(e, EX_DATAERR, r->name, 1,
			    "column '%s' appears twice (columns %d and %zu)",
			    name, *idx + 1, i + 1);
	return 0;
}

const char *
sd_row_get(const sd_row *row, int idx)
{
	return idx >= 0 && (size_t)idx < row->n ? row->field[idx] : "";
}

int
sd_csv_field_error(sd_err *e, const sd_csv *r, const sd_row *row, int idx,
    const char *what)
{
	char shown[128];

	return sd_fail_at(e, EX_DATAERR, r->name, row->line,
	    "column %d (%s): %s '%s'", idx + 1, sd_csv_colname(r, (size_t)idx),
	    what, sd_quote_value(sd_row_get(row, idx), shown, sizeof shown));
}

sd_csv_record *
sd_csv_record_new(void)
{
	sd_csv_record *p = sd_xcalloc(1, sizeof *p);

	parser_init(&p->parser);
	return p;
}

/* libcsv keeps its state after an error; the next record needs a fresh
 * parser.  Past its first row the record's fault is to hold more. */
static int
record_fail(sd_csv_record *p, const char *what, sd_err *e)
{
	csv_free(&p->parser);
	parser_init(&p->parser);
	if (p->f.rows > 0)
		return sd_fail(e, EX_DATAERR,
		    "malformed CSV: more than one row");
	return sd_fail(e, EX_DATAERR, "column %zu: malformed CSV: %s",
	    p->f.n + 1, what);
}

int
sd_csv_record_parse(sd_csv_record *p, const char *s, size_t len,
    sd_row **row, sd_err *e)
{
	struct fields *f = &p->f;

	fields_reset(f);
	f->bad = NULL;
	if (csv_parse(&p->parser, s, len, on_field, on_row, f) != len)
		return record_fail(p, "a quote must start and end a field", e);
	if (csv_fini(&p->parser, on_field, on_row, f) != 0)
		return record_fail(p, "unterminated quoted field", e);
	if (f->rows != 1)
		return sd_fail(e, EX_DATAERR, "%s", f->rows == 0 ?
		    "malformed CSV: no row" :
		    "malformed CSV: more than one row");
	if (f->bad)
		return sd_fail(e, EX_DATAERR, "column %zu: %s",
		    f->bad_field + 1, f->bad);
	fields_publish(f, 0);
	*row = &f->row;
	return 0;
}

void
sd_csv_record_free(sd_csv_record *p)
{
	if (p == NULL)
		return;
	csv_free(&p->parser);
	fields_free(&p->f);
	free(p);
}

/* Quote when the field holds the separator, a quote or a line end, or has
 * spaces at either end (readers that trim would lose them), or starts with
 * U+FEFF (first in a file, readers would drop it as a byte order mark). */
static bool
needs_quotes(const char *s, char sep)
{
	size_t n = strlen(s);

	if (n == 0)
		return false;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t' || strncmp(s, "\xef\xbb\xbf", 3) == 0)
		return true;
	for (; *s; s++)
		if (*s == sep || *s == '"' || *s == '\n' || *s == '\r')
			return true;
	return false;
}

/* Callers hold the stream's lock (flockfile): a million rows written a
 * character at a time must not pay for a lock per character. */
static int
put_field_unlocked(FILE *f, const char *s, char sep)
{
	if (!needs_quotes(s, sep))
		return fputs(s, f) < 0 ? -1 : 0;
	if (putc_unlocked('"', f) == EOF)
		return -1;
	for (; *s; s++)
		if ((*s == '"' && putc_unlocked('"', f) == EOF) ||
		    putc_unlocked(*s, f) == EOF)
			return -1;
	return putc_unlocked('"', f) == EOF ? -1 : 0;
}

int
sd_csv_put_field(FILE *f, const char *s, char sep)
{
	int rc;

	flockfile(f);
	rc = put_field_unlocked(f, s, sep);
	funlockfile(f);
	return rc;
}

static int
put_row_unlocked(FILE *f, size_t n, const char *const *fields)
{
	/* A lone empty field would make a blank line, which reads as none. */
	if (n == 1 && (fields[0] == NULL || fields[0][0] == '\0'))
		return fputs("\"\"\n", f) < 0 ? -1 : 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && putc_unlocked(',', f) == EOF)
			return -1;
		if (put_field_unlocked(f, fields[i] ? fields[i] : "", ',') != 0)
			return -1;
	}
	return putc_unlocked('\n', f) == EOF ? -1 : 0;
}

int
sd_csv_put_row(FILE *f, size_t n, const char *const *fields)
{
	int rc;

	flockfile(f);
	rc = put_row_unlocked(f, n, fields);
	funlockfile(f);
	return rc;
}

/* A plain number such as -12.50 is safe: spreadsheets read it as a value. */
static bool
plain_number(const char *s)
{
	bool digits = false;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits = true;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits = true;
	return digits && *s == '\0';
}

bool
sd_csv_unsafe_cell(const char *s)
{
	return strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0' &&
	    !plain_number(s);
}
