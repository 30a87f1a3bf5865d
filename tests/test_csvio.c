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

/* One record through parser p: its status, e cleared first. */
static int
record(sd_csv_record *p, const char *s, size_t len, sd_row **row, sd_err *e)
{
	sd_err_clear(e);
	*row = NULL;
	return sd_csv_record_parse(p, s, len, row, e);
}

static int
record_text(sd_csv_record *p, const char *s, sd_row **row, sd_err *e)
{
	return record(p, s, strlen(s), row, e);
}

/* After an error the parser reads the next record as if new. */
static void
assert_fresh(sd_csv_record *p)
{
	sd_row *row;
	sd_err e;

	assert_int_equal(record_text(p, "x,y\n", &row, &e), 0);
	assert_int_equal(row->n, 2);
	assert_string_equal(row->field[0], "x");
	assert_string_equal(row->field[1], "y");
}

static void
assert_record_error(const char *s, size_t len, const char *msg)
{
	sd_csv_record *p = sd_csv_record_new();
	sd_row *row;
	sd_err e;

	assert_int_equal(record(p, s, len, &row, &e), EX_DATAERR);
	assert_int_equal(e.status, EX_DATAERR);
	assert_string_equal(e.where, "");
	assert_string_equal(e.msg, msg);
	assert_null(row);
	assert_fresh(p);
	sd_csv_record_free(p);
}

static void
csv_record__plain_row__fields_lengths_count(void **state)
{
	sd_csv_record *p = sd_csv_record_new();
	sd_row *row;
	sd_err e;

	(void)state;
	assert_int_equal(record_text(p, "alice, Bob ,42", &row, &e), 0);
	assert_int_equal(row->n, 3);
	assert_string_equal(row->field[0], "alice");
	assert_string_equal(row->field[1], " Bob ");
	assert_string_equal(row->field[2], "42");
	assert_int_equal(row->len[0], 5);
	assert_int_equal(row->len[1], 5);
	assert_int_equal(row->len[2], 2);
	assert_int_equal(row->line, 0);
	sd_csv_record_free(p);
}

static void
csv_record__quoted_comma_and_doubled_quotes__unquoted(void **state)
{
	sd_csv_record *p = sd_csv_record_new();
	sd_row *row;
	sd_err e;

	(void)state;
	assert_int_equal(record_text(p, "\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n",
	    &row, &e), 0);
	assert_int_equal(row->n, 3);
	assert_string_equal(row->field[0], "a,b");
	assert_string_equal(row->field[1], "say \"hi\"");
	assert_string_equal(row->field[2], "\"");
	assert_int_equal(row->len[1], 8);
	sd_csv_record_free(p);
}

static void
csv_record__quoted_newline__one_field(void **state)
{
	sd_csv_record *p = sd_csv_record_new();
	sd_row *row;
	sd_err e;

	(void)state;
	assert_int_equal(record_text(p, "M1,\"two\nlines\r\n\",x\n", &row, &e),
	    0);
	assert_int_equal(row->n, 3);
	assert_string_equal(row->field[0], "M1");
	assert_string_equal(row->field[1], "two\nlines\r\n");
	assert_string_equal(row->field[2], "x");
	sd_csv_record_free(p);
}

static void
csv_record__trailing_cr__trimmed_as_sd_csv_does(void **state)
{
	static const char *text[] = { "a,b\r\n", "a,b\r", "\ra,\"b\"\r\n" };
	sd_csv_record *p = sd_csv_record_new();
	sd_row *row;
	sd_err e;

	(void)state;
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		assert_int_equal(record_text(p, text[i], &row, &e), 0);
		assert_int_equal(row->n, 2);
		assert_string_equal(row->field[0], "a");
		assert_string_equal(row->field[1], "b");
		assert_int_equal(row->len[1], 1);
	}
	sd_csv_record_free(p);
}

static void
csv_record__empty_fields__kept(void **state)
{
	sd_csv_record *p = sd_csv_record_new();
	sd_row *row;
	sd_err e;

	(void)state;
	assert_int_equal(record_text(p, ",,\n", &row, &e), 0);
	assert_int_equal(row->n, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(row->field[i], "");
		assert_int_equal(row->len[i], 0);
	}
	assert_int_equal(record_text(p, "\"\"\n", &row, &e), 0);
	assert_int_equal(row->n, 1);
	assert_string_equal(row->field[0], "");
	sd_csv_record_free(p);
}

/* An index row runs up to the next row: blank lines come with it. */
static void
csv_record__blank_lines_around__one_row(void **state)
{
	sd_csv_record *p = sd_csv_record_new();
	sd_row *row;
	sd_err e;

	(void)state;
	assert_int_equal(record_text(p, "\n\r\na,b\n\n\r\n", &row, &e), 0);
	assert_int_equal(row->n, 2);
	assert_string_equal(row->field[0], "a");
	assert_string_equal(row->field[1], "b");
	sd_csv_record_free(p);
}

static void
csv_record__stray_quote__rejected(void **state)
{
	(void)state;
	assert_record_error("1,2\"x\n", 6,
	    "column 2: malformed CSV: a quote must start and end a field");
	assert_record_error("\"x\"y\n", 5,
	    "column 1: malformed CSV: a quote must start and end a field");
}

static void
csv_record__unterminated_quote__rejected(void **state)
{
	(void)state;
	assert_record_error("1,\"open\nmore\n", 13,
	    "column 2: malformed CSV: unterminated quoted field");
}

static void
csv_record__nul_byte__rejected(void **state)
{
	(void)state;
	assert_record_error("1,x\0y\n", 6, "column 2: a NUL byte");
}

static void
csv_record__invalid_utf8__rejected(void **state)
{
	(void)state;
	assert_record_error("ok \xc3\xa9,\xc3\x28\n", 9,
	    "column 2: invalid UTF-8");
}

static void
csv_record__two_rows_or_none__rejected(void **state)
{
	(void)state;
	assert_record_error("a,b\nc,d\n", 8,
	    "malformed CSV: more than one row");
	assert_record_error("a,b\n\"c", 6, "malformed CSV: more than one row");
	assert_record_error("", 0, "malformed CSV: no row");
	assert_record_error("\r\n\n", 3, "malformed CSV: no row");
}

/* The streaming reader and the record agree on a row sd_csv_put_row
 * wrote. */
static void
csv_record__written_row__reads_as_stream(void **state)
{
	const char *fields[] = { "a,b", "say \"hi\"", "two\nlines", "",
	    " padded ", "\xc3\xa9t\xc3\xa9" };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	sd_csv_record *p = sd_csv_record_new();
	sd_row *row;
	sd_err e;

	(void)state;
	sd_csv_put_row(f, 6, fields);
	fclose(f);
	assert_int_equal(record(p, text, len, &row, &e), 0);
	assert_int_equal(row->n, 6);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(row->field[i], fields[i]);
		assert_int_equal(row->len[i], strlen(fields[i]));
	}
	sd_csv_record_free(p);
	free(text);
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
		cmocka_unit_test(csv_record__plain_row__fields_lengths_count),
		cmocka_unit_test(
		    csv_record__quoted_comma_and_doubled_quotes__unquoted),
		cmocka_unit_test(csv_record__quoted_newline__one_field),
		cmocka_unit_test(
		    csv_record__trailing_cr__trimmed_as_sd_csv_does),
		cmocka_unit_test(csv_record__empty_fields__kept),
		cmocka_unit_test(csv_record__blank_lines_around__one_row),
		cmocka_unit_test(csv_record__stray_quote__rejected),
		cmocka_unit_test(csv_record__unterminated_quote__rejected),
		cmocka_unit_test(csv_record__nul_byte__rejected),
		cmocka_unit_test(csv_record__invalid_utf8__rejected),
		cmocka_unit_test(csv_record__two_rows_or_none__rejected),
		cmocka_unit_test(csv_record__written_row__reads_as_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
