/* Unit tests for lib/csvio.c: reading rows by header name, writing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

static char path[64];

/* Write bytes to a fresh temporary file and open it as CSV. */
static int
open_bytes(const char *bytes, size_t len, sd_csv **r, sd_err *e)
{
	int fd;

	strcpy(path, "/tmp/test_csvio.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, len), (ssize_t)len);
	close(fd);
	sd_err_clear(e);
	return sd_csv_open(r, path, 0, e);
}

static int
open_text(const char *text, sd_csv **r, sd_err *e)
{
	return open_bytes(text, strlen(text), r, e);
}

static void
done(sd_csv *r)
{
	sd_csv_close(r);
	unlink(path);
}

/* Read every row; return the status of the last sd_csv_next. */
static int
drain(sd_csv *r, sd_err *e, int *rows)
{
	sd_row *row;
	int got;

	*rows = 0;
	while ((got = sd_csv_next(r, &row, e)) == 1)
		(*rows)++;
	return got;
}

static void
csv_read__quoted_fields__round_trip(void **state)
{
	const char *fields[] = { "a,b", "say \"hi\"", "two\nlines", "",
	    " padded " };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	sd_csv *r;
	sd_row *row;
	sd_err e;

	(void)state;
	sd_csv_put_row(f, 5, (const char *const[]){ "a", "b", "c", "d", "e" });
	sd_csv_put_row(f, 5, fields);
	fclose(f);
	assert_string_equal(text, "a,b,c,d,e\n\"a,b\",\"say \"\"hi\"\"\","
	    "\"two\nlines\",,\" padded \"\n");
	assert_int_equal(open_text(text, &r, &e), 0);
	assert_int_equal(sd_csv_next(r, &row, &e), 1);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(row->field[i], fields[i]);
	assert_int_equal(row->line, 2);
	assert_int_equal(sd_csv_next(r, &row, &e), 0);
	done(r);
	free(text);
}

/* Found by fuzzing: a row of one empty field written as a blank line was
 * skipped on reading, and a leading U+FEFF in a field read as a BOM. */
static void
csv_write__empty_row_and_bom_field__read_back(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	sd_csv *r;
	sd_row *row;
	sd_err e;

	(void)state;
	sd_csv_put_row(f, 1, (const char *const[]){ "\xef\xbb\xbf" "a" });
	sd_csv_put_row(f, 1, (const char *const[]){ "" });
	fclose(f);
	assert_string_equal(text, "\"\xef\xbb\xbf" "a\"\n\"\"\n");
	assert_int_equal(open_text(text, &r, &e), 0);
	assert_string_equal(sd_csv_colname(r, 0), "\xef\xbb\xbf" "a");
	assert_int_equal(sd_csv_next(r, &row, &e), 1);
	assert_string_equal(row->field[0], "");
	done(r);
	free(text);
}

static void
csv_read__bom_crlf_no_final_newline__accepted(void **state)
{
	sd_csv *r;
	sd_row *row;
	sd_err e;

	(void)state;
	assert_int_equal(open_text("\xef\xbb\xbf Rep ,Amount\r\nalice,\"1.50\"\r\n"
	    "bob,2", &r, &e), 0);
	assert_int_equal(sd_csv_col(r, "rep"), 0);
	assert_int_equal(sd_csv_col(r, "AMOUNT"), 1);
	assert_int_equal(sd_csv_next(r, &row, &e), 1);
	assert_string_equal(row->field[0], "alice");
	assert_string_equal(row->field[1], "1.50");
	assert_int_equal(sd_csv_next(r, &row, &e), 1);
	assert_string_equal(row->field[1], "2");
	assert_int_equal(row->line, 3);
	assert_int_equal(sd_csv_next(r, &row, &e), 0);
	done(r);
}

static void
csv_read__blank_lines__skipped_lines_counted(void **state)
{
	sd_csv *r;
	sd_row *row;
	sd_err e;

	(void)state;
	assert_int_equal(open_text("a\n\n\nx\n", &r, &e), 0);
	assert_int_equal(sd_csv_next(r, &row, &e), 1);
	assert_string_equal(row->field[0], "x");
	assert_int_equal(row->line, 4);
	done(r);
}

static void
csv_read__ragged_row__error_names_line(void **state)
{
	sd_csv *r;
	sd_err e;
	int rows;

	(void)state;
	assert_int_equal(open_text("a,b\n1,2\n\"x\ny\",2\n1,2,3\n", &r, &e), 0);
	assert_int_equal(drain(r, &e, &rows), -1);
	assert_int_equal(rows, 2);
	assert_int_equal(e.status, EX_DATAERR);
	assert_non_null(strstr(e.where, ":5"));
	assert_string_equal(e.msg, "expected 2 fields as in the header, found 3");
	done(r);
}

static void
csv_read__unterminated_quote__error_at_end(void **state)
{
	sd_csv *r;
	sd_err e;
	int rows;

	(void)state;
	assert_int_equal(open_text("a,b\n1,2\n1,\"open\nmore\n", &r, &e), 0);
	assert_int_equal(drain(r, &e, &rows), -1);
	assert_int_equal(rows, 1);
	assert_int_equal(e.status, EX_DATAERR);
	assert_string_equal(strrchr(e.where, ':'), ":3");
	assert_string_equal(e.msg,
	    "column 2: malformed CSV: unterminated quoted field");
	done(r);
}

static void
csv_read__stray_quote__error_names_line_and_column(void **state)
{
	sd_csv *r;
	sd_err e;
	int rows;

	(void)state;
	assert_int_equal(open_text("a,b\n1,2\n3,4\"x\n", &r, &e), 0);
	assert_int_equal(drain(r, &e, &rows), -1);
	assert_int_equal(rows, 1);
	assert_non_null(strstr(e.where, ":3"));
	assert_non_null(strstr(e.msg, "column 2"));
	done(r);
}

static void
csv_read__junk_after_closing_quote__rejected(void **state)
{
	sd_csv *r;
	sd_err e;
	int rows;

	(void)state;
	assert_int_equal(open_text("a\n\"x\"y\n", &r, &e), 0);
	assert_int_equal(drain(r, &e, &rows), -1);
	assert_int_equal(e.status, EX_DATAERR);
	done(r);
}

static void
csv_read__nul_byte__rejected(void **state)
{
	sd_csv *r;
	sd_err e;
	int rows;

	(void)state;
	assert_int_equal(open_bytes("a,b\n1,x\0y\n", 10, &r, &e), 0);
	assert_int_equal(drain(r, &e, &rows), -1);
	assert_string_equal(e.msg, "column 2: a NUL byte");
	done(r);
}

static void
csv_read__invalid_utf8__rejected(void **state)
{
	sd_csv *r;
	sd_err e;
	int rows;

	(void)state;
	assert_int_equal(open_text("a\nok \xc3\xa9\n\xc3\x28\n", &r, &e), 0);
	assert_int_equal(drain(r, &e, &rows), -1);
	assert_int_equal(rows, 1);
	assert_string_equal(e.msg, "column 1: invalid UTF-8");
	done(r);
}

static void
csv_read__empty_and_header_only__no_rows(void **state)
{
	sd_csv *r;
	sd_err e;
	int rows;

	(void)state;
	assert_int_equal(open_text("", &r, &e), 0);
	assert_int_equal(sd_csv_ncols(r), 0);
	assert_int_equal(drain(r, &e, &rows), 0);
	done(r);
	assert_int_equal(open_text("a,b\n", &r, &e), 0);
	assert_int_equal(sd_csv_ncols(r), 2);
	assert_int_equal(drain(r, &e, &rows), 0);
	assert_int_equal(rows, 0);
	done(r);
}

static void
csv_open__missing_file__noinput_unless_allowed(void **state)
{
	sd_csv *r;
	sd_err e = { 0 };
	int rows;

	(void)state;
	assert_int_equal(sd_csv_open(&r, "/nonexistent/x.csv", 0, &e),
	    EX_NOINPUT);
	assert_null(r);
	assert_int_equal(sd_csv_open(&r, "/nonexistent/x.csv",
	    SD_CSV_MISSING_OK, &e), 0);
	assert_int_equal(drain(r, &e, &rows), 0);
	sd_csv_close(r);
}

static void
csv_need__duplicate_or_missing__rejected(void **state)
{
	sd_csv *r;
	sd_err e;
	int idx;

	(void)state;
	assert_int_equal(open_text("rep,REP ,x\n", &r, &e), 0);
	assert_int_equal(sd_csv_need(r, "rep", &idx, &e), EX_DATAERR);
	assert_string_equal(e.msg, "column 'rep' appears twice (columns 1 and 2)");
	assert_int_equal(sd_csv_need(r, "amount", &idx, &e), EX_DATAERR);
	assert_int_equal(sd_csv_need(r, "x", &idx, &e), 0);
	assert_int_equal(idx, 2);
	done(r);
}

static void
csv_field_error__names_column_and_value(void **state)
{
	sd_csv *r;
	sd_row *row;
	sd_err e;

	(void)state;
	assert_int_equal(open_text("date,amount\n2026-01-01,12.345\n", &r, &e), 0);
	assert_int_equal(sd_csv_next(r, &row, &e), 1);
	sd_csv_field_error(&e, r, row, 1, "bad amount");
	assert_int_equal(e.status, EX_DATAERR);
	assert_string_equal(e.msg, "column 2 (amount): bad amount '12.345'");
	done(r);
}

static void
csv_unsafe_cell__formulas_guarded_numbers_not(void **state)
{
	(void)state;
	assert_true(sd_csv_unsafe_cell("=SUM(A1)"));
	assert_true(sd_csv_unsafe_cell("+1+2"));
	assert_true(sd_csv_unsafe_cell("-2+3"));
	assert_true(sd_csv_unsafe_cell("@cmd"));
	assert_true(sd_csv_unsafe_cell("\tx"));
	assert_false(sd_csv_unsafe_cell("-12.50"));
	assert_false(sd_csv_unsafe_cell("+7"));
	assert_false(sd_csv_unsafe_cell(""));
	assert_false(sd_csv_unsafe_cell("plain"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_read__quoted_fields__round_trip),
		cmocka_unit_test(csv_write__empty_row_and_bom_field__read_back),
		cmocka_unit_test(csv_read__bom_crlf_no_final_newline__accepted),
		cmocka_unit_test(csv_read__blank_lines__skipped_lines_counted),
		cmocka_unit_test(csv_read__ragged_row__error_names_line),
		cmocka_unit_test(csv_read__unterminated_quote__error_at_end),
		cmocka_unit_test(csv_read__stray_quote__error_names_line_and_column),
		cmocka_unit_test(csv_read__junk_after_closing_quote__rejected),
		cmocka_unit_test(csv_read__nul_byte__rejected),
		cmocka_unit_test(csv_read__invalid_utf8__rejected),
		cmocka_unit_test(csv_read__empty_and_header_only__no_rows),
		cmocka_unit_test(csv_open__missing_file__noinput_unless_allowed),
		cmocka_unit_test(csv_need__duplicate_or_missing__rejected),
		cmocka_unit_test(csv_field_error__names_column_and_value),
		cmocka_unit_test(csv_unsafe_cell__formulas_guarded_numbers_not),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
