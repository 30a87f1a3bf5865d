/* Unit tests for lib/agg.c (groups, buckets, proration), lib/chart.c and
 * lib/html.c: what the report tool is made of. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "salesdesk.h"

#define ALL_KEYS ((1u << SD_NKEYS) - 1)

static sd_day
day(int y, int m, int d)
{
	return sd_date_to_day((sd_date){ y, m, d });
}

static void
keys_parse__list_with_spaces__in_order(void **state)
{
	enum sd_key keys[SD_NKEYS];
	size_t n;
	sd_err e = { 0 };

	(void)state;
	assert_int_equal(sd_keys_parse(" rep , month", ALL_KEYS, keys, &n, &e),
	    0);
	assert_int_equal(n, 2);
	assert_int_equal(keys[0], SD_KEY_REP);
	assert_int_equal(keys[1], SD_KEY_MONTH);
}

static void
keys_parse__unknown__usage_error(void **state)
{
	enum sd_key keys[SD_NKEYS];
	size_t n;
	sd_err e = { 0 };
	unsigned allowed = 1u << SD_KEY_REP | 1u << SD_KEY_MONTH;

	(void)state;
	assert_int_equal(sd_keys_parse("rep,colour", allowed, keys, &n, &e),
	    EX_USAGE);
	assert_string_equal(e.msg, "unknown --by key 'colour' (keys: rep, "
	    "month)");
}

static void
keys_parse__not_allowed__usage_error(void **state)
{
	enum sd_key keys[SD_NKEYS];
	size_t n;
	sd_err e = { 0 };

	(void)state;
	assert_int_equal(sd_keys_parse("category", 1u << SD_KEY_REP, keys, &n,
	    &e), EX_USAGE);
	assert_string_equal(e.msg, "--by key 'category' does not apply to "
	    "this report (keys: rep)");
}

static void
keys_parse__repeated_or_empty__usage_error(void **state)
{
	enum sd_key keys[SD_NKEYS];
	size_t n;
	sd_err e = { 0 };

	(void)state;
	assert_int_equal(sd_keys_parse("rep,rep", ALL_KEYS, keys, &n, &e),
	    EX_USAGE);
	assert_non_null(strstr(e.msg, "repeated --by key 'rep'"));
	assert_int_equal(sd_keys_parse("rep,", ALL_KEYS, keys, &n, &e),
	    EX_USAGE);
	assert_int_equal(sd_keys_parse("", ALL_KEYS, keys, &n, &e), EX_USAGE);
}

static void
bucket__fiscal_april__quarter_and_year(void **state)
{
	sd_day from, to;

	(void)state;
	sd_bucket(SD_KEY_QUARTER, day(2026, 5, 10), 4, &from, &to);
	assert_int_equal(from, day(2026, 4, 1));
	assert_int_equal(to, day(2026, 7, 1));
	sd_bucket(SD_KEY_YEAR, day(2027, 2, 28), 4, &from, &to);
	assert_int_equal(from, day(2026, 4, 1));
	assert_int_equal(to, day(2027, 4, 1));
	sd_bucket(SD_KEY_QUARTER, day(2027, 1, 1), 4, &from, &to);
	assert_int_equal(from, day(2027, 1, 1));
	assert_int_equal(to, day(2027, 4, 1));
}

static void
bucket__week__monday_to_monday(void **state)
{
	sd_day from, to;

	(void)state;
	sd_bucket(SD_KEY_WEEK, day(2026, 12, 1), 1, &from, &to);
	assert_int_equal(from, day(2026, 11, 30));
	assert_int_equal(to, day(2026, 12, 7));
	sd_bucket(SD_KEY_MONTH, day(2024, 2, 29), 7, &from, &to);
	assert_int_equal(from, day(2024, 2, 1));
	assert_int_equal(to, day(2024, 3, 1));
}

static void
keymap__many_keys__dense_indices_kept(void **state)
{
	sd_keymap *m = sd_keymap_new();
	char key[32];
	bool added;

	(void)state;
	for (int i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "F%d", i);
		assert_int_equal(sd_keymap_put(m, key, strlen(key), &added), i);
		assert_true(added);
	}
	assert_int_equal(sd_keymap_put(m, "F77", 3, &added), 77);
	assert_false(added);
	assert_int_equal(sd_keymap_get(m, "F9999", 5), 9999);
	assert_int_equal(sd_keymap_get(m, "F10000", 6), SD_NOTFOUND);
	assert_int_equal(sd_keymap_count(m), 10000);
	sd_keymap_free(m);
}

/* Keys of every length around the ones compared in place (4, 8, 16)
 * that differ in one byte only are all told apart. */
static void
keymap__lengths_and_near_twins__told_apart(void **state)
{
	sd_keymap *m = sd_keymap_new();
	char key[40];
	size_t n = 0;
	bool added;

	(void)state;
	for (size_t len = 0; len <= 33; len++)
		for (size_t at = 0; at < (len ? len : 1); at++) {
			memset(key, 'k', sizeof key);
			if (len > 0)
				key[at] = 'x';
			if (sd_keymap_put(m, key, len, &added) == n)
				n++;
		}
	assert_int_equal(sd_keymap_count(m), n);
	assert_int_equal(n, 1 + 33 * 34 / 2);
	for (size_t len = 1; len <= 33; len++) {
		memset(key, 'k', sizeof key);
		key[len - 1] = 'x';
		assert_int_not_equal(sd_keymap_get(m, key, len), SD_NOTFOUND);
		key[len - 1] = 'y';
		assert_int_equal(sd_keymap_get(m, key, len), SD_NOTFOUND);
	}
	sd_keymap_free(m);
}

static sd_keyval
kv_rep(const char *rep, sd_day d)
{
	sd_keyval kv = { .day = d };

	kv.text[SD_KEY_REP] = rep;
	return kv;
}

static void
agg_group__spaces_around__same_group(void **state)
{
	enum sd_key keys[] = { SD_KEY_REP, SD_KEY_MONTH };
	sd_agg *a = sd_agg_new(keys, 2, 1, 1, day(2026, 1, 1), day(2027, 1, 1));
	sd_keyval x = kv_rep("alice", day(2026, 3, 2));
	sd_keyval y = kv_rep(" alice\t", day(2026, 3, 31));
	sd_keyval z = kv_rep("alice", day(2026, 4, 1));

	(void)state;
	assert_int_equal(sd_agg_group(a, &x), 0);
	assert_int_equal(sd_agg_group(a, &y), 0);
	assert_int_equal(sd_agg_group(a, &z), 1);
	assert_int_equal(sd_agg_count(a), 2);
	sd_agg_free(a);
}

static void
agg_sorted__text_then_dates__in_order(void **state)
{
	enum sd_key keys[] = { SD_KEY_REP, SD_KEY_MONTH };
	sd_agg *a = sd_agg_new(keys, 2, 1, 1, day(2025, 1, 1), day(2027, 1, 1));
	const char *reps[] = { "alice", "al", "alice", "" };
	sd_day days[] = { day(2026, 1, 5), day(2026, 1, 5), day(2025, 12, 9),
		day(2026, 2, 1) };
	const char *want[][2] = { { "", "2026-02" }, { "al", "2026-01" },
		{ "alice", "2025-12" }, { "alice", "2026-01" } };
	char buf[2][16];
	size_t *order;

	(void)state;
	for (int i = 0; i < 4; i++) {
		sd_keyval kv = kv_rep(reps[i], days[i]);

		sd_agg_group(a, &kv);
	}
	order = sd_agg_sorted(a);
	for (int i = 0; i < 4; i++) {
		assert_string_equal(sd_agg_label(a, order[i], 0, buf[0]),
		    want[i][0]);
		assert_string_equal(sd_agg_label(a, order[i], 1, buf[1]),
		    want[i][1]);
	}
	free(order);
	sd_agg_free(a);
}

static void
agg_sorted__intents__deal_order(void **state)
{
	enum sd_key keys[] = { SD_KEY_INTENT };
	sd_agg *a = sd_agg_new(keys, 1, 1, 1, SD_NODAY + 1, INT32_MAX);
	const char *in[] = { "", "lost", "cold", "maybe", "hot", "won",
		"warm" };
	const char *want[] = { "hot", "warm", "cold", "won", "lost", "maybe",
		"" };
	char buf[16];
	size_t *order;

	(void)state;
	for (int i = 0; i < 7; i++) {
		sd_keyval kv = { .day = SD_NODAY };

		kv.text[SD_KEY_INTENT] = in[i];
		sd_agg_group(a, &kv);
	}
	order = sd_agg_sorted(a);
	for (int i = 0; i < 7; i++)
		assert_string_equal(sd_agg_label(a, order[i], 0, buf), want[i]);
	free(order);
	sd_agg_free(a);
}

static void
agg_label__fiscal_april__named_by_start_year(void **state)
{
	enum sd_key keys[] = { SD_KEY_YEAR, SD_KEY_QUARTER, SD_KEY_WEEK };
	sd_agg *a = sd_agg_new(keys, 3, 1, 4, day(2026, 1, 1), day(2028, 1, 1));
	sd_keyval kv = { .day = day(2027, 2, 10) };
	char buf[16];
	size_t g = sd_agg_group(a, &kv);

	(void)state;
	assert_string_equal(sd_agg_label(a, g, 0, buf), "2026");
	assert_string_equal(sd_agg_label(a, g, 1, buf), "2026-Q4");
	assert_string_equal(sd_agg_label(a, g, 2, buf), "2027-W06");
	sd_agg_free(a);
}

static void
agg_label__no_day__empty_and_first(void **state)
{
	enum sd_key keys[] = { SD_KEY_MONTH };
	sd_agg *a = sd_agg_new(keys, 1, 1, 1, SD_NODAY + 1, INT32_MAX);
	sd_keyval dated = { .day = day(1970, 1, 1) }, none = { .day = SD_NODAY };
	char buf[16];
	size_t *order;

	(void)state;
	sd_agg_group(a, &dated);
	sd_agg_group(a, &none);
	order = sd_agg_sorted(a);
	assert_string_equal(sd_agg_label(a, order[0], 0, buf), "");
	assert_string_equal(sd_agg_label(a, order[1], 0, buf), "1970-01");
	free(order);
	sd_agg_free(a);
}

static void
agg_range__week_across_period_edge__clipped(void **state)
{
	enum sd_key keys[] = { SD_KEY_WEEK };
	sd_agg *a = sd_agg_new(keys, 1, 1, 1, day(2026, 10, 1), day(2027, 1, 1));
	sd_keyval kv = { .day = day(2026, 10, 2) };
	sd_day from, to;
	size_t g = sd_agg_group(a, &kv);

	(void)state;
	sd_agg_range(a, g, &from, &to);
	assert_int_equal(from, day(2026, 10, 1));	/* a Thursday */
	assert_int_equal(to, day(2026, 10, 5));
	sd_agg_free(a);
}

/* Q4 has 92 days: 31, 30, 31.  90000.00 x 31 / 92 = 30326.0869...;
 * x 61 / 92 = 59673.9130... */
static void
agg_prorate__quarter_by_month__adds_up_exactly(void **state)
{
	enum sd_key keys[] = { SD_KEY_MONTH };
	sd_agg *a = sd_agg_new(keys, 1, 1, 1, day(2026, 1, 1), day(2027, 1, 1));
	sd_keyval kv = { .day = SD_NODAY };
	int64_t want[] = { 3032609, 2934782, 3032609 };

	(void)state;
	assert_int_equal(sd_agg_prorate(a, &kv, day(2026, 10, 1),
	    day(2027, 1, 1), 9000000, 0), 0);
	assert_int_equal(sd_agg_count(a), 3);
	for (size_t g = 0; g < 3; g++)
		assert_int_equal(sd_agg_get(a, g, 0), want[g]);
	sd_agg_free(a);
}

/* Only the part inside the period counts: Nov 15..30 of a yearly
 * -365000.00 is 16 days, and round(-365000.00 x 334 / 365) -
 * round(-365000.00 x 318 / 365) = -16000.00. */
static void
agg_prorate__year_into_part_of_month__period_part_only(void **state)
{
	enum sd_key keys[] = { SD_KEY_REP };
	sd_agg *a = sd_agg_new(keys, 1, 2, 1, day(2026, 11, 15),
	    day(2026, 12, 1));
	sd_keyval kv = kv_rep("alice", SD_NODAY);

	(void)state;
	assert_int_equal(sd_agg_prorate(a, &kv, day(2026, 1, 1),
	    day(2027, 1, 1), -36500000, 1), 0);
	assert_int_equal(sd_agg_count(a), 1);
	assert_int_equal(sd_agg_get(a, 0, 1), -1600000);
	assert_int_equal(sd_agg_get(a, 0, 0), 0);
	sd_agg_free(a);
}

static void
agg_prorate__outside_period__no_group(void **state)
{
	enum sd_key keys[] = { SD_KEY_REP };
	sd_agg *a = sd_agg_new(keys, 1, 1, 1, day(2026, 11, 1),
	    day(2026, 12, 1));
	sd_keyval kv = kv_rep("alice", SD_NODAY);

	(void)state;
	assert_int_equal(sd_agg_prorate(a, &kv, day(2026, 12, 1),
	    day(2027, 1, 1), 100, 0), 0);
	assert_int_equal(sd_agg_count(a), 0);
	sd_agg_free(a);
}

static void
agg_add__overflow__refused_and_kept(void **state)
{
	enum sd_key keys[] = { SD_KEY_REP };
	sd_agg *a = sd_agg_new(keys, 1, 1, 1, 0, 100000);
	sd_keyval kv = kv_rep("x", 5);
	size_t g = sd_agg_group(a, &kv);

	(void)state;
	assert_int_equal(sd_agg_add(a, g, 0, INT64_MAX), 0);
	assert_int_equal(sd_agg_add(a, g, 0, 1), -2);
	assert_true(sd_agg_get(a, g, 0) == INT64_MAX);
	sd_agg_free(a);
}

static char *
render_chart(bool svg, size_t n, const char *const *labels,
    const int64_t *values)
{
	sd_chart c = { { "actual", "target" }, true, n, labels, values };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (svg)
		sd_chart_svg(f, &c);
	else
		sd_chart_text(f, &c);
	fclose(f);
	return text;
}

static void
chart_text__largest_is_full_width__negative_draws_nothing(void **state)
{
	const char *labels[] = { "alice", "bo" };
	int64_t values[] = { 400000, 200000, -5000, 1 };
	char *text = render_chart(false, 2, labels, values);

	(void)state;
	assert_string_equal(text,
	    "alice  actual  ########################################  4000.00\n"
	    "       target  ====================                      2000.00\n"
	    "bo     actual                                             -50.00\n"
	    "       target  =                                            0.01\n");
	free(text);
}

static void
chart_svg__labels_escaped__one_rect_per_value(void **state)
{
	const char *labels[] = { "<b>&co" };
	int64_t values[] = { 100, 50 };
	char *text = render_chart(true, 1, labels, values);
	size_t rects = 0;

	(void)state;
	assert_non_null(strstr(text, "&lt;b&gt;&amp;co"));
	assert_null(strstr(text, "<b>"));
	for (char *p = text; (p = strstr(p, "<rect")) != NULL; p++)
		rects++;
	assert_int_equal(rects, 4);	/* two in the legend, two bars */
	free(text);
}

/* Groups two parts of a file made are summed by key; a group only one
 * part has keeps its days. */
static void
agg_merge__shared_and_new_groups__summed(void **state)
{
	enum sd_key keys[] = { SD_KEY_REP, SD_KEY_MONTH };
	sd_agg *a = sd_agg_new(keys, 2, 2, 1, day(2026, 1, 1), day(2027, 1, 1));
	sd_agg *b = sd_agg_new(keys, 2, 2, 1, day(2026, 1, 1), day(2027, 1, 1));
	sd_keyval x = kv_rep("alice", day(2026, 3, 2));
	sd_keyval y = kv_rep("bob", day(2026, 12, 31));
	sd_day from, to;
	size_t g;

	(void)state;
	sd_agg_add(a, sd_agg_group(a, &x), 0, 150);
	sd_agg_add(b, sd_agg_group(b, &y), 1, 7);
	sd_agg_add(b, sd_agg_group(b, &x), 0, -50);
	assert_int_equal(sd_agg_merge(a, b), 0);
	assert_int_equal(sd_agg_count(a), 2);
	assert_int_equal(sd_agg_get(a, 0, 0), 100);
	g = sd_agg_group(a, &y);
	assert_int_equal(g, 1);
	assert_int_equal(sd_agg_get(a, g, 1), 7);
	assert_int_equal(sd_agg_get(a, g, 0), 0);
	sd_agg_range(a, g, &from, &to);
	assert_int_equal(from, day(2026, 12, 1));
	assert_int_equal(to, day(2027, 1, 1));
	sd_agg_add(b, 1, 0, INT64_MAX);
	assert_int_equal(sd_agg_merge(a, b), -2);
	sd_agg_free(a);
	sd_agg_free(b);
}

static void
html_page__self_contained__table_and_chart(void **state)
{
	const char *names[] = { "rep", "actual" };
	const bool numeric[] = { false, true };
	const char *row[] = { "a\"b", "1.00" }, *total[] = { "total", "1.00" };
	const char *labels[] = { "a\"b" };
	int64_t values[] = { 100, 0 };
	sd_chart c = { { "actual", "target" }, true, 1, labels, values };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	sd_html_begin(f, "Sales & more", "Q4", 2, names, numeric);
	sd_html_row(f, 2, row, numeric, false);
	sd_html_row(f, 2, total, numeric, true);
	sd_html_end(f, &c);
	fclose(f);
	assert_true(strncmp(text, "<!DOCTYPE html>\n", 16) == 0);
	assert_non_null(strstr(text, "<title>Sales &amp; more</title>"));
	assert_non_null(strstr(text, "<tr><td style=\"padding:4px 10px;"
	    "border-bottom:1px solid #e2e8f0;text-align:left;\">a&quot;b</td>"
	    "<td style=\"padding:4px 10px;border-bottom:1px solid #e2e8f0;"
	    "text-align:right;\">1.00</td></tr>\n"));
	assert_non_null(strstr(text, "font-weight:bold;\">total</td>"));
	assert_non_null(strstr(text, "</table>\n<svg "));
	assert_null(strstr(text, "<script"));
	assert_null(strstr(text, "href"));
	assert_null(strstr(text, "src="));
	assert_true(strcmp(text + len - 8, "</html>\n") == 0);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_parse__list_with_spaces__in_order),
		cmocka_unit_test(keys_parse__unknown__usage_error),
		cmocka_unit_test(keys_parse__not_allowed__usage_error),
		cmocka_unit_test(keys_parse__repeated_or_empty__usage_error),
		cmocka_unit_test(bucket__fiscal_april__quarter_and_year),
		cmocka_unit_test(bucket__week__monday_to_monday),
		cmocka_unit_test(keymap__many_keys__dense_indices_kept),
		cmocka_unit_test(keymap__lengths_and_near_twins__told_apart),
		cmocka_unit_test(agg_group__spaces_around__same_group),
		cmocka_unit_test(agg_sorted__text_then_dates__in_order),
		cmocka_unit_test(agg_sorted__intents__deal_order),
		cmocka_unit_test(agg_label__fiscal_april__named_by_start_year),
		cmocka_unit_test(agg_label__no_day__empty_and_first),
		cmocka_unit_test(agg_range__week_across_period_edge__clipped),
		cmocka_unit_test(agg_prorate__quarter_by_month__adds_up_exactly),
		cmocka_unit_test(
		    agg_prorate__year_into_part_of_month__period_part_only),
		cmocka_unit_test(agg_prorate__outside_period__no_group),
		cmocka_unit_test(agg_add__overflow__refused_and_kept),
		cmocka_unit_test(
		    chart_text__largest_is_full_width__negative_draws_nothing),
		cmocka_unit_test(agg_merge__shared_and_new_groups__summed),
		cmocka_unit_test(chart_svg__labels_escaped__one_rect_per_value),
		cmocka_unit_test(html_page__self_contained__table_and_chart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
