/*
 * fuzz_csv.c: the CSV reader (lib/csvio.c) on any bytes.  Every row read
 * must look as the header promises, and every row read, written back with
 * sd_csv_put_row and read again must come back the same: what a tool
 * rewrites, it must not change.  A record parsed alone (sd_csv_record)
 * must read as the same bytes do in the file, as the meetings index
 * (lib/bookread.c) relies on.
 */
#include "fuzz.h"

/* Each column is found by its own name (or an earlier twin's). */
static void
check_header(const sd_csv *r)
{
	size_t n = sd_csv_ncols(r);

	for (size_t i = 0; i < n; i++) {
		char *copy = sd_xstrdup(sd_csv_colname(r, i));
		const char *name = sd_trim(copy);
		sd_err e = { 0 };
		int col = sd_csv_col(r, name), idx;

		FUZZ_CHECK(col >= 0 && (size_t)col <= i);
		if (sd_csv_need(r, name, &idx, &e) != 0)
			FUZZ_CHECK(e.status == EX_DATAERR && e.msg[0] != '\0');
		FUZZ_CHECK(idx == col);
		free(copy);
	}
	FUZZ_CHECK(strcmp(sd_csv_colname(r, n), "") == 0);
}

static void
check_row(const sd_csv *r, const sd_row *row)
{
	sd_err e = { 0 };

	FUZZ_CHECK(row->n == sd_csv_ncols(r) && row->n > 0 && row->line > 1);
	for (size_t i = 0; i < row->n; i++) {
		FUZZ_CHECK(strlen(row->field[i]) == row->len[i]);
		(void)sd_csv_unsafe_cell(row->field[i]);
	}
	FUZZ_CHECK(*sd_row_get(row, -1) == '\0');
	FUZZ_CHECK(*sd_row_get(row, (int)row->n) == '\0');
	FUZZ_CHECK(sd_csv_field_error(&e, r, row, (int)row->n - 1, "bad") ==
	    EX_DATAERR && e.where[0] != '\0');
}

static void
put_header(FILE *out, const sd_csv *r)
{
	size_t n = sd_csv_ncols(r);
	const char **names = sd_xcalloc(n, sizeof *names);

	for (size_t i = 0; i < n; i++)
		names[i] = sd_csv_colname(r, i);
	FUZZ_CHECK(sd_csv_put_row(out, n, names) == 0);
	free(names);
}

/* Read all of path, checking as we go, and write what was read to out. */
static void
copy_all(const char *path, FILE *out)
{
	sd_csv *r;
	sd_row *row;
	sd_err e = { 0 };
	int got;

	if (sd_csv_open(&r, path, 0, &e) != 0) {
		FUZZ_CHECK(e.status == EX_DATAERR && e.msg[0] != '\0');
		return;
	}
	check_header(r);
	if (sd_csv_ncols(r) > 0)
		put_header(out, r);
	while ((got = sd_csv_next(r, &row, &e)) == 1) {
		check_row(r, row);
		FUZZ_CHECK(sd_csv_put_row(out, row->n,
		    (const char *const *)row->field) == 0);
	}
	FUZZ_CHECK(got == 0 || (e.status == EX_DATAERR && e.msg[0] != '\0'));
	sd_csv_close(r);
}

static bool
same_row(const sd_row *a, const sd_row *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->len[i] != b->len[i] ||
		    memcmp(a->field[i], b->field[i], a->len[i]) != 0)
			return false;
	return true;
}

/* The copy holds the original's header and every row it had before its
 * first error, field for field, and nothing else. */
static void
compare(const char *orig, const char *copy)
{
	sd_csv *a, *b;
	sd_row *ra, *rb;
	sd_err e = { 0 };

	if (sd_csv_open(&a, orig, 0, &e) != 0)
		return;
	FUZZ_CHECK(sd_csv_open(&b, copy, 0, &e) == 0);
	FUZZ_CHECK(sd_csv_ncols(a) == sd_csv_ncols(b));
	for (size_t i = 0; i < sd_csv_ncols(a); i++)
		FUZZ_CHECK(strcmp(sd_csv_colname(a, i),
		    sd_csv_colname(b, i)) == 0);
	while (sd_csv_next(a, &ra, &e) == 1) {
		FUZZ_CHECK(sd_csv_next(b, &rb, &e) == 1);
		FUZZ_CHECK(same_row(ra, rb));
	}
	FUZZ_CHECK(sd_csv_next(b, &rb, &e) == 0);
	sd_csv_close(a);
	sd_csv_close(b);
}

/* Does the header read as row? */
static bool
same_header(const sd_csv *r, const sd_row *row)
{
	if (row->n != sd_csv_ncols(r))
		return false;
	for (size_t i = 0; i < row->n; i++)
		if (strcmp(row->field[i], sd_csv_colname(r, i)) != 0 ||
		    row->len[i] != strlen(row->field[i]))
			return false;
	return true;
}

/* The text's bytes [from, to) parsed as one record: NULL on an error,
 * which must be told as sd_csv tells it, less the file and line. */
static const sd_row *
record_of(const char *text, size_t from, size_t to)
{
	static sd_csv_record *p;	/* kept: reuse after errors is tested */
	sd_row *row;
	sd_err e = { 0 };

	if (p == NULL)
		p = sd_csv_record_new();
	if (sd_csv_record_parse(p, text + from, to - from, &row, &e) == 0)
		return row;
	FUZZ_CHECK(e.status == EX_DATAERR && e.msg[0] != '\0' &&
	    e.where[0] == '\0');
	return NULL;
}

/* Where line k (from 1) starts: at[k - 1]; at[lines] is the end. */
static size_t *
line_starts(const char *text, size_t size)
{
	size_t n = 1, *at;

	for (size_t i = 0; i < size; i++)
		n += text[i] == '\n';
	at = sd_xcalloc(n + 1, sizeof *at);
	n = 1;
	for (size_t i = 0; i < size; i++)
		if (text[i] == '\n')
			at[n++] = i + 1;
	at[n] = size;
	return at;
}

/* The lines rows start on, in *v: true when the file has a header and
 * reads to its end without an error. */
static bool
row_lines(const char *path, long **v, size_t *nrows)
{
	sd_csv *r;
	sd_row *row;
	sd_err e = { 0 };
	int got;

	*v = NULL;
	*nrows = 0;
	if (sd_csv_open(&r, path, 0, &e) != 0)
		return false;
	while ((got = sd_csv_next(r, &row, &e)) == 1) {
		*v = sd_xrealloc(*v, (*nrows + 1) * sizeof **v);
		(*v)[(*nrows)++] = row->line;
	}
	got = got == 0 && sd_csv_ncols(r) > 0;
	sd_csv_close(r);
	return got;
}

/* The whole input is one record exactly when sd_csv finds a header and
 * no row, and then it is the header. */
static void
check_whole(const char *path, const char *text, size_t size, size_t skip)
{
	const sd_row *rec = record_of(text, skip, size);
	sd_csv *r;
	sd_row *row;
	sd_err e = { 0 };

	if (sd_csv_open(&r, path, 0, &e) != 0) {
		FUZZ_CHECK(rec == NULL);
		return;
	}
	FUZZ_CHECK((rec != NULL) == (sd_csv_ncols(r) > 0 &&
	    sd_csv_next(r, &row, &e) == 0));
	FUZZ_CHECK(rec == NULL || same_header(r, rec));
	sd_csv_close(r);
}

/* In a file read without an error, the header's bytes (after a byte order
 * mark) and each row's, from the start of its line to the start of the
 * next row's, parse alone into that header and row. */
static void
check_records(const char *path, const char *text, size_t size)
{
	size_t skip = size >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	size_t nrows, *at = line_starts(text, size), i = 0, end;
	long *line;
	const sd_row *rec;
	sd_csv *r;
	sd_row *row;
	sd_err e = { 0 };

	check_whole(path, text, size, skip);
	if (row_lines(path, &line, &nrows)) {
		FUZZ_CHECK(sd_csv_open(&r, path, 0, &e) == 0);
		end = nrows > 0 ? at[line[0] - 1] : size;
		FUZZ_CHECK((rec = record_of(text, skip, end)) != NULL &&
		    same_header(r, rec));
		for (; sd_csv_next(r, &row, &e) == 1; i++) {
			FUZZ_CHECK(i < nrows);
			end = i + 1 < nrows ? at[line[i + 1] - 1] : size;
			rec = record_of(text, at[line[i] - 1], end);
			FUZZ_CHECK(rec != NULL && same_row(rec, row));
		}
		FUZZ_CHECK(i == nrows);
		sd_csv_close(r);
	}
	free(line);
	free(at);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fuzz_file in, out;
	const char *orig = fuzz_file_put(&in, data, size);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	FUZZ_CHECK(f != NULL);
	copy_all(orig, f);
	FUZZ_CHECK(fclose(f) == 0);
	compare(orig, fuzz_file_put(&out, text, len));
	free(text);
	check_records(orig, (const char *)data, size);
	return 0;
}
