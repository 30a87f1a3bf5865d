/* Unit tests for lib/out.c: the output formats. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

static const char *const names[] = { "rep", "note", "amount" };
static const enum sd_coltype types[] = { SD_TEXT, SD_TEXT, SD_NUM };

/* Render rows (nrows of 3 cells) in fmt; the caller frees the text. */
static char *
render(enum sd_format fmt, bool header, bool safe, size_t nrows,
    const char *const *cells)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	sd_out *o = sd_out_new(f, fmt, header, safe);
	sd_err e = { 0 };

	sd_out_columns(o, 3, names, types);
	for (size_t i = 0; i < nrows; i++)
		sd_out_row(o, cells + 3 * i);
	assert_int_equal(sd_out_end(o, &e), 0);
	fclose(f);
	return text;
}

static const char *const rows[] = {
	"alice", "said \"yes\", then left", "1234.50",
	"bo", "=HYPERLINK(\"x\")", "-12.00",
};

static void
out_csv__no_rows__prints_nothing(void **state)
{
	char *text = render(SD_FMT_CSV, true, false, 0, rows);

	(void)state;
	assert_string_equal(text, "");
	free(text);
}

static void
out_csv__quotes_only_when_needed(void **state)
{
	char *text = render(SD_FMT_CSV, true, false, 2, rows);

	(void)state;
	assert_string_equal(text, "rep,note,amount\n"
	    "alice,\"said \"\"yes\"\", then left\",1234.50\n"
	    "bo,\"=HYPERLINK(\"\"x\"\")\",-12.00\n");
	free(text);
}

static void
out_csv__csv_safe__guards_text_not_numbers(void **state)
{
	char *text = render(SD_FMT_CSV, false, true, 2, rows);

	(void)state;
	assert_string_equal(text, "alice,\"said \"\"yes\"\", then left\",1234.50\n"
	    "bo,\"'=HYPERLINK(\"\"x\"\")\",-12.00\n");
	free(text);
}

static void
out_tsv__tabs_and_newlines__escaped(void **state)
{
	const char *const cells[] = { "a\tb", "x\ny", "1" };
	char *text = render(SD_FMT_TSV, true, false, 1, cells);

	(void)state;
	assert_string_equal(text, "rep\tnote\tamount\na\\tb\tx\\ny\t1\n");
	free(text);
}

static void
out_json__numbers_bare_text_quoted(void **state)
{
	const char *const cells[] = { "al\"ice", "", "", "bo", "n", "12.50" };
	char *text = render(SD_FMT_JSON, true, false, 2, cells);

	(void)state;
	assert_string_equal(text,
	    "{\"rep\":\"al\\\"ice\",\"note\":\"\",\"amount\":null}\n"
	    "{\"rep\":\"bo\",\"note\":\"n\",\"amount\":12.50}\n");
	free(text);
}

static void
out_table__aligned_numbers_right(void **state)
{
	const char *const cells[] = { "alice", "hi", "1.00", "bo", "héllo",
	    "-120.00" };
	char *text = render(SD_FMT_TABLE, true, false, 2, cells);

	(void)state;
	assert_string_equal(text,
	    "rep    note    amount\n"
	    "alice  hi        1.00\n"
	    "bo     héllo  -120.00\n");
	free(text);
}

static void
out_md__pipes_escaped(void **state)
{
	const char *const cells[] = { "a|b", "x", "3" };
	char *text = render(SD_FMT_MD, true, false, 1, cells);

	(void)state;
	assert_string_equal(text, "| rep | note | amount |\n"
	    "| --- | --- | ---: |\n| a\\|b | x | 3 |\n");
	free(text);
}

static void
format_parse__known_and_unknown(void **state)
{
	enum sd_format f;

	(void)state;
	assert_int_equal(sd_format_parse("json", &f), 0);
	assert_int_equal(f, SD_FMT_JSON);
	assert_string_equal(sd_format_name(f), "json");
	assert_int_equal(sd_format_parse("xml", &f), -1);
}

/* Rows enough to fill any stdio buffer, so writing fails before the end. */
static void
write_rows(sd_out *o)
{
	sd_out_columns(o, 3, names, types);
	for (int i = 0; i < 20000; i++)
		sd_out_row(o, rows);
}

static void
out_end__disk_full__ioerr_with_the_reason(void **state)
{
	FILE *f = fopen("/dev/full", "w");
	sd_out *o;
	sd_err e = { 0 };

	(void)state;
	assert_non_null(f);
	o = sd_out_new(f, SD_FMT_CSV, true, false);
	write_rows(o);
	assert_int_equal(sd_out_end(o, &e), EX_IOERR);
	assert_string_equal(e.msg,
	    "output: write error: No space left on device");
	fclose(f);
}

static void
out_end__reader_gone__ioerr_without_a_message(void **state)
{
	void (*saved)(int) = signal(SIGPIPE, SIG_IGN);
	sd_err e = { 0 };
	int fd[2];
	FILE *f;
	sd_out *o;

	(void)state;
	assert_int_equal(pipe(fd), 0);
	close(fd[0]);
	f = fdopen(fd[1], "w");
	o = sd_out_new(f, SD_FMT_JSON, true, false);
	write_rows(o);
	assert_int_equal(sd_out_end(o, &e), EX_IOERR);
	assert_int_equal(e.status, EX_IOERR);
	assert_string_equal(e.msg, "");
	fclose(f);
	signal(SIGPIPE, saved);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(out_csv__no_rows__prints_nothing),
		cmocka_unit_test(out_csv__quotes_only_when_needed),
		cmocka_unit_test(out_csv__csv_safe__guards_text_not_numbers),
		cmocka_unit_test(out_tsv__tabs_and_newlines__escaped),
		cmocka_unit_test(out_json__numbers_bare_text_quoted),
		cmocka_unit_test(out_table__aligned_numbers_right),
		cmocka_unit_test(out_md__pipes_escaped),
		cmocka_unit_test(format_parse__known_and_unknown),
		cmocka_unit_test(out_end__disk_full__ioerr_with_the_reason),
		cmocka_unit_test(out_end__reader_gone__ioerr_without_a_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
