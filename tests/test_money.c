/* test_money.c: cents in, cents out, no wrap. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "salesdesk.h"

static void
parse_ok(const char *s, sd_money want)
{
	sd_money m = 12345;

	assert_int_equal(sd_money_parse(s, &m), 0);
	assert_true(m == want);
}

static void
parse_fails(const char *s, int status)
{
	sd_money m = 12345;

	assert_int_equal(sd_money_parse(s, &m), status);
	assert_true(m == 12345);	/* untouched */
}

static void
format_is(sd_money m, const char *want)
{
	char buf[32];

	sd_money_format(m, buf);
	assert_string_equal(buf, want);
}

static void
percent_is(int64_t part, int64_t whole, const char *want)
{
	char buf[32];

	sd_percent_format(part, whole, buf);
	assert_string_equal(buf, want);
}

static void
money_parse__plain_forms__cents(void **state)
{
	(void)state;
	parse_ok("1234.5", 123450);
	parse_ok("-12", -1200);
	parse_ok("+3.07", 307);
	parse_ok(" 7.00 ", 700);
	parse_ok("\t0.01\t", 1);
	parse_ok("0", 0);
	parse_ok("-0.00", 0);
	parse_ok("007.50", 750);
	parse_ok("-0.05", -5);
}

static void
money_parse__bare_point__accepted(void **state)
{
	(void)state;
	parse_ok(".5", 50);
	parse_ok("-.05", -5);
	parse_ok("12.", 1200);
}

static void
money_parse__three_decimals__rejected(void **state)
{
	(void)state;
	parse_fails("12.345", -1);
	parse_fails("0.001", -1);
}

static void
money_parse__malformed__rejected(void **state)
{
	static const char *const bad[] = {
		"", " ", "-", "+", ".", "-.", "1e3", "1,234.56", "$12", "12$",
		"12 34", "0x10", "1.2.3", "nan", "inf", "-inf", "+-1", "- 1",
		"1-", "12\n", "\xd9\xa1\xd9\xa2", "12abc",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		parse_fails(bad[i], -1);
}

static void
money_parse__limits__exact(void **state)
{
	(void)state;
	parse_ok("92233720368547758.07", INT64_MAX);
	parse_ok("-92233720368547758.08", INT64_MIN);
	parse_ok("-92233720368547758.07", INT64_MIN + 1);
}

static void
money_parse__beyond_int64__overflow(void **state)
{
	(void)state;
	parse_fails("92233720368547758.08", -2);
	parse_fails("-92233720368547758.09", -2);
	parse_fails("92233720368547759", -2);
	parse_fails("99999999999999999999999999999999", -2);
	parse_fails("-99999999999999999999999999999999.9", -2);
}

static void
money_parse__overflow_and_malformed__malformed(void **state)
{
	(void)state;
	parse_fails("99999999999999999999999x", -1);
	parse_fails("99999999999999999999999.123", -1);
}

static void
money_format__signs_and_zero__two_decimals(void **state)
{
	(void)state;
	format_is(0, "0.00");
	format_is(5, "0.05");
	format_is(-5, "-0.05");
	format_is(-1200, "-12.00");
	format_is(123450, "1234.50");
	format_is(100, "1.00");
}

static void
money_format__limits__exact(void **state)
{
	(void)state;
	format_is(INT64_MAX, "92233720368547758.07");
	format_is(INT64_MIN, "-92233720368547758.08");
}

static void
money_format__round_trip__same(void **state)
{
	static const sd_money v[] = { 0, 1, -1, 99, -100, 123456789, INT64_MIN,
	    INT64_MAX };
	char buf[32];
	sd_money m;

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		sd_money_format(v[i], buf);
		assert_int_equal(sd_money_parse(buf, &m), 0);
		assert_true(m == v[i]);
	}
}

static void
money_add__in_range__sum(void **state)
{
	sd_money acc = 150;

	(void)state;
	assert_int_equal(sd_money_add(&acc, -200), 0);
	assert_true(acc == -50);
	acc = INT64_MAX - 1;
	assert_int_equal(sd_money_add(&acc, 1), 0);
	assert_true(acc == INT64_MAX);
}

static void
money_add__overflow__unchanged(void **state)
{
	sd_money acc = INT64_MAX;

	(void)state;
	assert_int_equal(sd_money_add(&acc, 1), -2);
	assert_true(acc == INT64_MAX);
	acc = INT64_MIN;
	assert_int_equal(sd_money_add(&acc, -1), -2);
	assert_true(acc == INT64_MIN);
}

static void
muldiv_is(int64_t a, int64_t num, int64_t den, int64_t want)
{
	int64_t out = 777;

	assert_int_equal(sd_muldiv(a, num, den, &out), 0);
	assert_true(out == want);
}

static void
muldiv__halves__away_from_zero(void **state)
{
	(void)state;
	muldiv_is(5, 1, 2, 3);		/* 2.5 */
	muldiv_is(-5, 1, 2, -3);
	muldiv_is(5, 1, -2, -3);
	muldiv_is(-5, -1, 2, 3);
	muldiv_is(1, 1, 2, 1);		/* 0.5 */
	muldiv_is(-1, 1, 2, -1);
	muldiv_is(1, 1, -2, -1);
}

static void
muldiv__below_half__truncated(void **state)
{
	(void)state;
	muldiv_is(1, 1, 3, 0);
	muldiv_is(-1, 1, 3, 0);
	muldiv_is(2, 1, 3, 1);
	muldiv_is(-2, 1, 3, -1);
	muldiv_is(10000, 7, 30, 2333);
	muldiv_is(0, 5, -7, 0);
}

static void
muldiv__wide_product__exact(void **state)
{
	(void)state;
	/* The product overflows 64 bits, the quotient does not. */
	muldiv_is(INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX);
	muldiv_is(INT64_MIN, 3, 3, INT64_MIN);
	muldiv_is(INT64_MIN, -1, -1, INT64_MIN);
	muldiv_is(4000000000000000000, 10, 20, 2000000000000000000);
}

static void
muldiv__overflow_or_zero_den__error(void **state)
{
	int64_t out = 777;

	(void)state;
	assert_int_equal(sd_muldiv(1, 1, 0, &out), -2);
	assert_int_equal(sd_muldiv(INT64_MIN, -1, 1, &out), -2);
	assert_int_equal(sd_muldiv(INT64_MIN, 1, -1, &out), -2);
	assert_int_equal(sd_muldiv(INT64_MAX, 2, 1, &out), -2);
	assert_true(out == 777);
}

static void
percent_format__thirds__one_decimal(void **state)
{
	(void)state;
	percent_is(1, 3, "33.3");
	percent_is(2, 3, "66.7");
	percent_is(7, 8, "87.5");
	percent_is(3, 3, "100.0");
}

static void
percent_format__negative__half_away(void **state)
{
	(void)state;
	percent_is(-1, 8, "-12.5");
	percent_is(1, -8, "-12.5");
	percent_is(-1, -8, "12.5");
	percent_is(1, 16, "6.3");	/* 6.25 */
	percent_is(-1, 16, "-6.3");
}

static void
percent_format__tiny__no_negative_zero(void **state)
{
	(void)state;
	percent_is(-1, 100000, "0.0");
	percent_is(0, 5, "0.0");
}

static void
percent_format__whole_zero__empty(void **state)
{
	(void)state;
	percent_is(5, 0, "");
	percent_is(0, 0, "");
}

static void
percent_format__extremes__no_overflow(void **state)
{
	(void)state;
	percent_is(INT64_MAX, 1, "922337203685477580700.0");
	percent_is(INT64_MIN, 1, "-922337203685477580800.0");
	percent_is(1, INT64_MIN, "0.0");
	percent_is(INT64_MIN, INT64_MIN, "100.0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_parse__plain_forms__cents),
		cmocka_unit_test(money_parse__bare_point__accepted),
		cmocka_unit_test(money_parse__three_decimals__rejected),
		cmocka_unit_test(money_parse__malformed__rejected),
		cmocka_unit_test(money_parse__limits__exact),
		cmocka_unit_test(money_parse__beyond_int64__overflow),
		cmocka_unit_test(
		    money_parse__overflow_and_malformed__malformed),
		cmocka_unit_test(money_format__signs_and_zero__two_decimals),
		cmocka_unit_test(money_format__limits__exact),
		cmocka_unit_test(money_format__round_trip__same),
		cmocka_unit_test(money_add__in_range__sum),
		cmocka_unit_test(money_add__overflow__unchanged),
		cmocka_unit_test(muldiv__halves__away_from_zero),
		cmocka_unit_test(muldiv__below_half__truncated),
		cmocka_unit_test(muldiv__wide_product__exact),
		cmocka_unit_test(muldiv__overflow_or_zero_den__error),
		cmocka_unit_test(percent_format__thirds__one_decimal),
		cmocka_unit_test(percent_format__negative__half_away),
		cmocka_unit_test(percent_format__tiny__no_negative_zero),
		cmocka_unit_test(percent_format__whole_zero__empty),
		cmocka_unit_test(percent_format__extremes__no_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
