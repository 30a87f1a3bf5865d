/* Unit tests for lib/scan.c: the fast reader against sd_csv (lib/csvio.c)
 * on a table of tricky inputs, whole and split into parts, through
 * buffers from 1 byte to 1 MiB; then the threads and the edges. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

#define S(lit) lit, sizeof lit - 1

/* An input, whether one part takes it, and the rows sd_csv yields. */
struct tricky {
	const char *name;
	const char *text;
	size_t len;
	bool accepted;
	long rows;		/* when accepted */
};

static const struct tricky table[] = {
	{ "empty", S(""), true, 0 },
	{ "blank lines only", S("\n\r\n\n"), true, 0 },
	{ "header only, no newline", S("a,b"), true, 0 },
	{ "bom", S("\xef\xbb\xbf" "a,b\n1,2\n"), true, 1 },
	{ "bom only", S("\xef\xbb\xbf"), true, 0 },
	{ "bom twice", S("\xef\xbb\xbf\xef\xbb\xbf" "a\n1\n"), true, 1 },
	{ "crlf", S("a,b\r\n1,2\r\n3,4\r\n"), true, 2 },
	{ "blank and cr lines", S("a,b\n\n1,2\n\r\n\r\r\n3,4\n\n"), true, 2 },
	{ "no final newline", S("a,b\n1,2"), true, 1 },
	{ "empty last field at end", S("a,b\n1,"), true, 1 },
	{ "empty last field, cr", S("a,b\r\n1,\r\n"), true, 1 },
	{ "quoted comma and quotes", S("a,b\n\"x, \"\"y\"\"\",z\n"), true, 1 },
	{ "quoted newline", S("a,b\n\"line 1\nline 2\",z\n"), true, 1 },
	{ "quoted crlf kept", S("a,b\n\"x\r\ny\r\",\"\r\"\n"), true, 1 },
	{ "only doubled quotes", S("a\n\"\"\"\"\"\"\n\"\"\n"), true, 2 },
	{ "cr before a quote", S("a,b\n\r\r\"x\",\ry\n"), true, 1 },
	{ "cr after a closing quote", S("a,b\n\"x\"\r\r,\"y\"\r\n"), true, 1 },
	{ "cr inside a plain field", S("a\nx\ry\r\r\n"), true, 1 },
	{ "closing quote at the end", S("a\n\"x\""), true, 1 },
	{ "closing quote, cr at the end", S("a\n\"x\"\r"), true, 1 },
	{ "spaces and tabs kept", S("a,b\n x ,\ty\t\n"), true, 1 },
	{ "utf-8", S("name\nSoci\xc3\xa9t\xc3\xa9\n\xf0\x9f\x93\x88\n"), true,
	    2 },
	{ "empty fields", S("a,b,c\n,,\n\"\",,\"\"\n"), true, 2 },
	{ "stray quote", S("a,b\nx\"y,z\n"), false, 0 },
	{ "junk after a quote", S("a,b\n\"x\"y,z\n"), false, 0 },
	{ "cr then quote after a quote", S("a\n\"x\"\r\"\n"), false, 0 },
	{ "unterminated quote", S("a,b\n\"x,y\n"), false, 0 },
	{ "lone quote", S("\""), false, 0 },
	{ "too few fields", S("a,b\n1\n"), false, 0 },
	{ "too many fields", S("a,b\n1,2,3\n"), false, 0 },
	{ "nul byte", S("a,b\n1,x\0y\n"), false, 0 },
	{ "nul in the header", S("a\0,b\n"), false, 0 },
	{ "overlong utf-8", S("a\n\xc0\xaf\n"), false, 0 },
	{ "surrogate", S("a\n\xed\xa0\x80\n"), false, 0 },
	{ "truncated utf-8 at the end", S("a\nx\xc3"), false, 0 },
	{ "utf-8 cut by a quote", S("a\n\"\xc3\"\"\xa9\"\n"), false, 0 },
	{ "bad utf-8 far down", S("a\n1\n2\n3\n4\n5\n\xff\n"), false, 0 },
};

static const struct {
	size_t nparts, bufsize;
} configs[] = { { 1, 0 }, { 1, 1 }, { 2, 2 }, { 3, 7 }, { 4, 1 },
	{ 8, 64 } };

static char *
put_file(const char *text, size_t len)
{
	char *path = sd_xstrdup("/tmp/test_scan.XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	return path;
}

static bool
same_row(const sd_row *a, const sd_row *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->len[i] != b->len[i] ||
		    memcmp(a->field[i], b->field[i], a->len[i] + 1) != 0)
			return false;
	return true;
}

/* Read the rest of r: 0 at a clean end, -1 at an error. */
static int
drain(sd_csv *r)
{
	sd_row *row;
	sd_err e = { 0 };
	int got;

	while ((got = sd_csv_next(r, &row, &e)) == 1)
		;
	return got;
}

/*
 * Read path with sd_scan in parts, in order, and with sd_csv in step:
 * each row yielded must be sd_csv's.  Returns the rows, or -1 when the
 * scan declined; then sd_csv must refuse the file too, unless a split
 * fell in a quoted field.
 */
static long
differ(const char *path, size_t nparts, size_t bufsize)
{
	sd_csv *r = NULL;
	sd_scan *s;
	sd_row *mine, *ref;
	sd_err e = { 0 };
	long rows = 0;
	int got = 0, ref_open = sd_csv_open(&r, path, 0, &e) == 0;

	if (sd_scan_open(&s, path, nparts, bufsize) != 0) {
		assert_true(!ref_open || drain(r) < 0);
		sd_csv_close(r);
		return -1;
	}
	assert_true(ref_open);
	assert_int_equal(sd_scan_ncols(s), sd_csv_ncols(r));
	for (size_t i = 0; i < sd_csv_ncols(r); i++)
		assert_string_equal(sd_scan_colname(s, i),
		    sd_csv_colname(r, i));
	for (size_t k = 0; k < sd_scan_nparts(s) && got == 0; k++) {
		sd_scan_part *p = sd_scan_part_at(s, k);

		while ((got = sd_scan_next(p, &mine)) == 1) {
			assert_int_equal(sd_csv_next(r, &ref, &e), 1);
			assert_true(same_row(mine, ref));
			rows++;
		}
	}
	if (got == 0)
		assert_int_equal(drain(r), 0);
	else if (nparts == 1)
		assert_int_equal(drain(r), -1);
	sd_scan_close(s);
	sd_csv_close(r);
	return got == 0 ? rows : -1;
}

static void
scan__tricky_inputs__as_sd_csv(void **state)
{
	(void)state;
	for (size_t t = 0; t < sizeof table / sizeof *table; t++) {
		char *path = put_file(table[t].text, table[t].len);

		for (size_t c = 0; c < sizeof configs / sizeof *configs; c++) {
			long rows = differ(path, configs[c].nparts,
			    configs[c].bufsize);

			if (rows != (table[t].accepted ? table[t].rows : -1) &&
			    (configs[c].nparts == 1 || rows >= 0))
				fail_msg("%s: %zu parts, %zu bytes: %ld rows",
				    table[t].name, configs[c].nparts,
				    configs[c].bufsize, rows);
		}
		unlink(path);
		free(path);
	}
}

static void
scan__fields_cut__quotes_undone(void **state)
{
	char *path = put_file(
	    S("a,b,c\r\n\"x, \"\"y\"\"\",\r\"\"\"\", z \r\n"));
	sd_scan *s;
	sd_row *row;

	(void)state;
	assert_int_equal(sd_scan_open(&s, path, 1, 0), 0);
	assert_int_equal(sd_scan_next(sd_scan_part_at(s, 0), &row), 1);
	assert_int_equal(row->n, 3);
	assert_string_equal(row->field[0], "x, \"y\"");
	assert_int_equal(row->len[0], 6);
	assert_string_equal(row->field[1], "\"");
	assert_string_equal(row->field[2], " z ");
	assert_int_equal(row->line, 0);
	assert_int_equal(sd_scan_next(sd_scan_part_at(s, 0), &row), 0);
	sd_scan_close(s);
	unlink(path);
	free(path);
}

/* rows of "i,<name>,<i>" with a quoted name every so often, some with a
 * newline in it, so splits land near quoted newlines. */
static char *
big_text(long n, size_t *len, bool newlines)
{
	size_t cap = (size_t)n * 40 + 64, at = 0;
	char *t = sd_xmalloc(cap);

	at += (size_t)snprintf(t, cap, "id,name,amount\n");
	for (long i = 0; i < n; i++) {
		const char *name = i % 7 == 0 ? "\"Smith, \"\"Jr\"\"\"" :
		    newlines && i % 11 == 0 ? "\"two\nlines\"" : "plain";

		at += (size_t)snprintf(t + at, cap - at, "%ld,%s,%ld\n", i,
		    name, i % 100);
	}
	*len = at;
	return t;
}

struct sums {
	long rows[4];
	long total[4];
};

static int
sum_part(sd_scan_part *p, size_t i, void *arg)
{
	struct sums *s = arg;
	sd_row *row;
	int got;

	while ((got = sd_scan_next(p, &row)) == 1) {
		s->rows[i]++;
		s->total[i] += atol(row->field[2]);
	}
	return got;
}

static void
scan_each__four_parts__every_row_once(void **state)
{
	size_t len;
	char *text = big_text(200000, &len, false), *path = put_file(text, len);
	struct sums sums = { { 0 }, { 0 } };
	sd_scan *s;

	(void)state;
	assert_int_equal(sd_scan_open(&s, path, 4, 4096), 0);
	assert_int_equal(sd_scan_nparts(s), 4);
	assert_int_equal(sd_scan_each(s, sum_part, &sums), 0);
	assert_int_equal(sums.rows[0] + sums.rows[1] + sums.rows[2] +
	    sums.rows[3], 200000);
	assert_true(sums.rows[3] > 0);
	assert_int_equal(sums.total[0] + sums.total[1] + sums.total[2] +
	    sums.total[3], 200000 / 100 * 4950);
	sd_scan_close(s);
	unlink(path);
	free(path);
	free(text);
}

static void
scan__quoted_newlines_everywhere__same_rows_or_declined(void **state)
{
	size_t len;
	char *text = big_text(30000, &len, true), *path = put_file(text, len);

	(void)state;
	assert_int_equal(differ(path, 1, 0), 30000);
	assert_int_equal(differ(path, 1, 3), 30000);
	for (size_t n = 2; n <= 16; n++) {
		long rows = differ(path, n, 1000);

		assert_true(rows == 30000 || rows == -1);
	}
	unlink(path);
	free(path);
	free(text);
}

/* The newline just past half the file is inside a quoted field. */
static void
scan__split_inside_quotes__declined(void **state)
{
	char *path = put_file(S("a,b\n1,\"x\n\n\n\n\n\n\n\n\n\n\n\n\n\ny\"\n"));

	(void)state;
	assert_int_equal(differ(path, 1, 0), 1);
	assert_int_equal(differ(path, 2, 0), -1);
	unlink(path);
	free(path);
}

static void
scan_open__not_a_regular_file__declined(void **state)
{
	sd_scan *s;

	(void)state;
	assert_int_equal(sd_scan_open(&s, "-", 1, 0), -1);
	assert_null(s);
	assert_int_equal(sd_scan_open(&s, "/nonexistent/x.csv", 1, 0), -1);
	assert_int_equal(sd_scan_open(&s, "/tmp", 1, 0), -1);
}

/* A row longer than the buffer makes it grow. */
static void
scan__row_past_the_buffer__buffer_grows(void **state)
{
	size_t len = 100000;
	char *text = sd_xmalloc(len), *path;
	sd_scan *s;
	sd_row *row;

	(void)state;
	memcpy(text, "a,b\n\"", 5);
	memset(text + 5, 'x', len - 9);
	memcpy(text + len - 4, "\",y\n", 4);
	path = put_file(text, len);
	assert_int_equal(sd_scan_open(&s, path, 1, 16), 0);
	assert_int_equal(sd_scan_next(sd_scan_part_at(s, 0), &row), 1);
	assert_int_equal(row->len[0], len - 9);
	assert_string_equal(row->field[1], "y");
	sd_scan_close(s);
	unlink(path);
	free(path);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scan__tricky_inputs__as_sd_csv),
		cmocka_unit_test(scan__fields_cut__quotes_undone),
		cmocka_unit_test(scan_each__four_parts__every_row_once),
		cmocka_unit_test(
		    scan__quoted_newlines_everywhere__same_rows_or_declined),
		cmocka_unit_test(scan__split_inside_quotes__declined),
		cmocka_unit_test(scan_open__not_a_regular_file__declined),
		cmocka_unit_test(scan__row_past_the_buffer__buffer_grows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
