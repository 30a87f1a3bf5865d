/* test_followups.c: kinds, the source hash, the call list's order, the
 * deliveries rules and the followups.csv files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

static sd_day
day(const char *s)
{
	sd_day d;

	assert_int_equal(sd_date_parse(s, &d), 0);
	return d;
}

static char *
temp_dir(void)
{
	char tmpl[] = "/tmp/test_followups.XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	return sd_xstrdup(tmpl);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *
read_file(const char *dir, const char *name)
{
	char path[512], *text = sd_xcalloc(1, 8192);
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "r"));
	fread(text, 1, 8191, f);
	fclose(f);
	return text;
}

static void
remove_dir(char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

static void
fu_kind_parse__names_in_any_case__their_bits(void **state)
{
	(void)state;
	assert_int_equal(sd_fu_kind_parse("meeting"), SD_FK_MEETING);
	assert_int_equal(sd_fu_kind_parse(" Inbound "), SD_FK_INBOUND);
	assert_int_equal(sd_fu_kind_parse("DELIVERY"), SD_FK_DELIVERY);
	assert_int_equal(sd_fu_kind_parse("issue"), SD_FK_ISSUE);
	assert_int_equal(sd_fu_kind_parse("renewal"), SD_FK_RENEWAL);
}

static void
fu_kind_parse__unknown__zero(void **state)
{
	(void)state;
	assert_int_equal(sd_fu_kind_parse("sales"), 0);
	assert_int_equal(sd_fu_kind_parse(""), 0);
	assert_int_equal(sd_fu_kind_parse("meetings"), 0);
}

static void
fu_status_and_intent__spec_words__valid(void **state)
{
	(void)state;
	assert_true(sd_fu_status_valid("open"));
	assert_true(sd_fu_status_valid("Done"));
	assert_true(sd_fu_status_valid("cancelled"));
	assert_false(sd_fu_status_valid("closed"));
	assert_true(sd_fu_intent_valid(""));
	assert_true(sd_fu_intent_valid("won"));
	assert_true(sd_fu_intent_valid("COLD"));
	assert_false(sd_fu_intent_valid("maybe"));
}

static void
fu_probability_parse__zero_to_hundred__accepted(void **state)
{
	int p = -1;

	(void)state;
	assert_int_equal(sd_fu_probability_parse("0", &p), 0);
	assert_int_equal(p, 0);
	assert_int_equal(sd_fu_probability_parse("100", &p), 0);
	assert_int_equal(p, 100);
	assert_int_equal(sd_fu_probability_parse("007", &p), 0);
	assert_int_equal(p, 7);
}

static void
fu_probability_parse__out_of_range_or_not_digits__rejected(void **state)
{
	int p = 42;

	(void)state;
	assert_int_equal(sd_fu_probability_parse("140", &p), -1);
	assert_int_equal(sd_fu_probability_parse("101", &p), -1);
	assert_int_equal(sd_fu_probability_parse("-1", &p), -1);
	assert_int_equal(sd_fu_probability_parse("", &p), -1);
	assert_int_equal(sd_fu_probability_parse("50%", &p), -1);
	assert_int_equal(sd_fu_probability_parse("99999999999999", &p), -1);
	assert_int_equal(p, 42);
}

static void
fu_map__many_keys__each_keeps_its_value(void **state)
{
	sd_fu_map *m = sd_fu_map_new();
	char key[32];

	(void)state;
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "M%d", i);
		*sd_fu_map_put(m, key) = i * 3;
	}
	assert_int_equal(sd_fu_map_count(m), 100000);
	for (int i = 0; i < 100000; i += 997) {
		snprintf(key, sizeof key, "M%d", i);
		assert_non_null(sd_fu_map_get(m, key));
		assert_true(*sd_fu_map_get(m, key) == i * 3);
	}
	assert_null(sd_fu_map_get(m, "M100000"));
	assert_null(sd_fu_map_get(m, ""));
	sd_fu_map_free(m);
}

static void
fu_map__put_twice__same_slot(void **state)
{
	sd_fu_map *m = sd_fu_map_new();

	(void)state;
	*sd_fu_map_put(m, "SO-1") |= SD_FK_DELIVERY;
	*sd_fu_map_put(m, "SO-1") |= SD_FK_ISSUE;
	assert_int_equal(sd_fu_map_count(m), 1);
	assert_true(*sd_fu_map_get(m, "SO-1") == (SD_FK_DELIVERY |
	    SD_FK_ISSUE));
	sd_fu_map_free(m);
}

static void
fu_id_cmp__numbers__compared_as_numbers(void **state)
{
	(void)state;
	assert_true(sd_fu_id_cmp("F2", "F10") < 0);
	assert_true(sd_fu_id_cmp("F10", "F9") > 0);
	assert_true(sd_fu_id_cmp("F7", "F7") == 0);
	assert_true(sd_fu_id_cmp("F007", "F7") == 0);
	assert_true(sd_fu_id_cmp("F99999999999999999999", "F100") > 0);
	assert_true(sd_fu_id_cmp("E5", "F1") < 0);
	assert_true(sd_fu_id_cmp("x-1", "x-2") < 0);
}

static void
fu_rank_cmp__due_then_weight_then_id__ordered(void **state)
{
	sd_fu_rank older = { 10, 0, "F9" }, heavy = { 11, 800, "F3" },
	    light = { 11, 500, "F1" }, tie = { 11, 500, "F10" };

	(void)state;
	assert_true(sd_fu_rank_cmp(&older, &heavy) < 0);
	assert_true(sd_fu_rank_cmp(&heavy, &light) < 0);
	assert_true(sd_fu_rank_cmp(&light, &tie) < 0);
	assert_true(sd_fu_rank_cmp(&tie, &older) > 0);
	assert_true(sd_fu_rank_cmp(&tie, &tie) == 0);
}

static void
fu_weight__value_times_probability__rounded_cents(void **state)
{
	(void)state;
	assert_true(sd_fu_weight(100000, 80) == 80000);
	assert_true(sd_fu_weight(333, 50) == 167);	/* 166.5 rounds up */
	assert_true(sd_fu_weight(INT64_MAX, 100) == INT64_MAX);
	assert_true(sd_fu_weight(-1, 50) == 0);
	assert_true(sd_fu_weight(100000, -1) == 0);
}

static unsigned
order(const char *promised, const char *shipped, const char *installed,
    const char *status, const char *issue, const char *today)
{
	static const sd_day holidays[] = { 20790 };	/* 2026-12-03 */
	sd_calendar cal = { holidays, 1 };
	sd_span within = { .bdays = 5 };
	sd_order o = { SD_FU_NODAY, SD_FU_NODAY, SD_FU_NODAY, status, issue };

	assert_true(day("2026-12-03") == holidays[0]);
	if (*promised)
		o.promised = day(promised);
	if (*shipped)
		o.shipped = day(shipped);
	if (*installed)
		o.installed = day(installed);
	return sd_order_followups(&o, day(today), &cal, &within);
}

static void
order_followups__past_promised_not_shipped__delivery(void **state)
{
	(void)state;
	assert_int_equal(order("2026-11-30", "", "", "ordered", "",
	    "2026-12-01"), SD_FK_DELIVERY);
	assert_int_equal(order("2026-12-01", "", "", "ordered", "",
	    "2026-12-01"), 0);
	assert_int_equal(order("", "", "", "ordered", "", "2026-12-01"), 0);
}

static void
order_followups__not_installed_in_business_days__delivery(void **state)
{
	(void)state;
	/* Shipped Mon 11-30: five business days skip the weekend and the
	 * holiday on Thu 12-03, so the install is due by Tue 12-08. */
	assert_int_equal(order("2026-11-20", "2026-11-30", "", "shipped", "",
	    "2026-12-08"), 0);
	assert_int_equal(order("2026-11-20", "2026-11-30", "", "shipped", "",
	    "2026-12-09"), SD_FK_DELIVERY);
	assert_int_equal(order("2026-11-20", "2026-11-30", "2026-12-01",
	    "shipped", "", "2026-12-09"), 0);
	assert_int_equal(order("2026-11-20", "2026-11-30", "", "Delivered",
	    "", "2026-12-09"), 0);
}

static void
order_followups__issue__open_unless_settled(void **state)
{
	(void)state;
	assert_int_equal(order("2026-11-20", "2026-11-18", "2026-11-19",
	    "installed", "paper jams", "2026-12-01"), SD_FK_ISSUE);
	assert_int_equal(order("2026-11-20", "2026-11-18", "2026-11-19",
	    "resolved", "paper jams", "2026-12-01"), 0);
	assert_int_equal(order("2026-11-20", "2026-11-18", "2026-11-19",
	    "Closed", "paper jams", "2026-12-01"), 0);
	assert_int_equal(order("2026-11-20", "2026-11-18", "2026-11-19",
	    "installed", "  ", "2026-12-01"), 0);
	assert_int_equal(order("2026-11-20", "", "", "ordered", "wrong model",
	    "2026-12-01"), SD_FK_DELIVERY | SD_FK_ISSUE);
}

static void
order_followups__cancelled__nothing(void **state)
{
	(void)state;
	assert_int_equal(order("2026-11-20", "", "", "cancelled", "refund",
	    "2026-12-01"), 0);
	assert_int_equal(order("2026-11-20", "", "", "Canceled", "",
	    "2026-12-01"), 0);
}

static void
fu_sources_load__kinds_and_high_id__collected(void **state)
{
	char *dir = temp_dir(), path[512];
	sd_fu_map *m = sd_fu_map_new();
	sd_err e = { 0 };
	int64_t high = -1;

	(void)state;
	write_file(dir, "followups.csv",
	    "id,client,rep,due,kind,status,source\n"
	    "F3,c1,a,2026-12-01,delivery,done,SO-1\n"
	    "F12,c1,a,2026-12-01,issue,open, SO-1 \n"
	    "F4,c2,a,2026-12-01,Meeting,open,M1\n"
	    "x9,c2,a,2026-12-01,odd,open,M2\n"
	    "F5,c2,a,2026-12-01,inbound,open,\n");
	snprintf(path, sizeof path, "%s/followups.csv", dir);
	assert_int_equal(sd_fu_sources_load(path, m, &high, &e), 0);
	assert_true(high == 12);
	assert_int_equal(sd_fu_map_count(m), 3);
	assert_true(*sd_fu_map_get(m, "SO-1") == (SD_FK_DELIVERY |
	    SD_FK_ISSUE));
	assert_true(*sd_fu_map_get(m, "M1") == SD_FK_MEETING);
	assert_true(*sd_fu_map_get(m, "M2") == SD_FK_OTHER);
	sd_fu_map_free(m);
	remove_dir(dir);
}

static void
fu_sources_load__missing_file__empty(void **state)
{
	sd_fu_map *m = sd_fu_map_new();
	sd_err e = { 0 };
	int64_t high = -1;

	(void)state;
	assert_int_equal(sd_fu_sources_load("/nonexistent/followups.csv", m,
	    &high, &e), 0);
	assert_true(high == 0);
	assert_int_equal(sd_fu_map_count(m), 0);
	sd_fu_map_free(m);
}

static void
fu_last_calls__latest_per_followup__kept(void **state)
{
	char *dir = temp_dir(), path[512];
	sd_fu_map *m = sd_fu_map_new();
	sd_err e = { 0 };
	sd_time want;

	(void)state;
	write_file(dir, "followup-log.csv",
	    "at,followup,intent,probability,value,terms,roadblocks,note\n"
	    "2026-11-25T10:00-06:00,F1,warm,,,,,\n"
	    "2026-11-05T10:00-06:00,F1,cold,,,,,\n"
	    "2026-11-06T10:00-05:00,F2,cold,,,,,\n");
	snprintf(path, sizeof path, "%s/followup-log.csv", dir);
	assert_int_equal(sd_fu_last_calls(path, "America/Chicago", m, &e), 0);
	assert_int_equal(sd_datetime_parse("2026-11-25T16:00Z", NULL, &want),
	    0);
	assert_true(*sd_fu_map_get(m, "F1") == want);
	assert_int_equal(sd_datetime_parse("2026-11-06T15:00Z", NULL, &want),
	    0);
	assert_true(*sd_fu_map_get(m, "F2") == want);
	sd_fu_map_free(m);
	remove_dir(dir);
}

static void
fu_last_calls__bad_moment__names_the_line(void **state)
{
	char *dir = temp_dir(), path[512];
	sd_fu_map *m = sd_fu_map_new();
	sd_err e = { 0 };

	(void)state;
	write_file(dir, "followup-log.csv", "at,followup\n"
	    "2026-11-25T10:00-06:00,F1\nyesterday,F2\n");
	snprintf(path, sizeof path, "%s/followup-log.csv", dir);
	assert_int_equal(sd_fu_last_calls(path, NULL, m, &e), EX_DATAERR);
	assert_non_null(strstr(e.where, "followup-log.csv:3"));
	assert_non_null(strstr(e.msg, "column 1 (at)"));
	sd_fu_map_free(m);
	remove_dir(dir);
}

static const char *const row1[SD_FU_NCOLS] = { "F1", "c1", "alice",
	"2026-12-01", "meeting", "open", "M1", "", "", "", "", "", "",
	"a note, with a comma", "2026-12-01T09:30-06:00" };

static char *
append_to(const char *initial)
{
	char *dir = temp_dir(), *text;
	sd_store st;
	sd_err e = { 0 };

	if (initial != NULL)
		write_file(dir, "followups.csv", initial);
	assert_int_equal(sd_store_init(&st, dir, &e), 0);
	assert_int_equal(sd_store_lock(&st, &e), 0);
	assert_int_equal(sd_fu_append(&st, row1, 1, &e), 0);
	sd_store_free(&st);
	text = read_file(dir, "followups.csv");
	remove_dir(dir);
	return text;
}

static void
fu_append__no_file__created_with_header(void **state)
{
	char *text = append_to(NULL);

	(void)state;
	assert_string_equal(text, "id,client,rep,due,kind,status,source,"
	    "intent,probability,value,terms,roadblocks,next_step,note,updated\n"
	    "F1,c1,alice,2026-12-01,meeting,open,M1,,,,,,,"
	    "\"a note, with a comma\",2026-12-01T09:30-06:00\n");
	free(text);
}

static void
fu_append__columns_reordered_and_extra__follows_the_header(void **state)
{
	char *text = append_to("note,id,region,client,rep,due,kind,status,"
	    "source,intent,probability,value,terms,roadblocks,next_step,"
	    "updated\n");

	(void)state;
	assert_string_equal(text, "note,id,region,client,rep,due,kind,status,"
	    "source,intent,probability,value,terms,roadblocks,next_step,"
	    "updated\n"
	    "\"a note, with a comma\",F1,,c1,alice,2026-12-01,meeting,open,M1,"
	    ",,,,,,2026-12-01T09:30-06:00\n");
	free(text);
}

static void
fu_append__columns_missing__file_rewritten_with_them(void **state)
{
	char *text = append_to("id,client,extra\nF0,c0,x\n");

	(void)state;
	assert_string_equal(text, "id,client,extra,rep,due,kind,status,"
	    "source,intent,probability,value,terms,roadblocks,next_step,note,"
	    "updated\n"
	    "F0,c0,x,,,,,,,,,,,,,\n"
	    "F1,c1,,alice,2026-12-01,meeting,open,M1,,,,,,,"
	    "\"a note, with a comma\",2026-12-01T09:30-06:00\n");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fu_kind_parse__names_in_any_case__their_bits),
		cmocka_unit_test(fu_kind_parse__unknown__zero),
		cmocka_unit_test(fu_status_and_intent__spec_words__valid),
		cmocka_unit_test(
		    fu_probability_parse__zero_to_hundred__accepted),
		cmocka_unit_test(
		    fu_probability_parse__out_of_range_or_not_digits__rejected),
		cmocka_unit_test(fu_map__many_keys__each_keeps_its_value),
		cmocka_unit_test(fu_map__put_twice__same_slot),
		cmocka_unit_test(fu_id_cmp__numbers__compared_as_numbers),
		cmocka_unit_test(fu_rank_cmp__due_then_weight_then_id__ordered),
		cmocka_unit_test(
		    fu_weight__value_times_probability__rounded_cents),
		cmocka_unit_test(
		    order_followups__past_promised_not_shipped__delivery),
		cmocka_unit_test(
		    order_followups__not_installed_in_business_days__delivery),
		cmocka_unit_test(order_followups__issue__open_unless_settled),
		cmocka_unit_test(order_followups__cancelled__nothing),
		cmocka_unit_test(fu_sources_load__kinds_and_high_id__collected),
		cmocka_unit_test(fu_sources_load__missing_file__empty),
		cmocka_unit_test(fu_last_calls__latest_per_followup__kept),
		cmocka_unit_test(fu_last_calls__bad_moment__names_the_line),
		cmocka_unit_test(fu_append__no_file__created_with_header),
		cmocka_unit_test(
		    fu_append__columns_reordered_and_extra__follows_the_header),
		cmocka_unit_test(
		    fu_append__columns_missing__file_rewritten_with_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
