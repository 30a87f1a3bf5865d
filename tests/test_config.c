/* test_config.c: salesdesk.ini fixtures written to a fresh directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

static char dir[512];
static char path[600];

/* Warnings seen by the last load. */
static char warned[8][1024];
static int nwarned;

static void
capture_warn(const char *msg)
{
	if (nwarned < 8)
		snprintf(warned[nwarned], sizeof warned[0], "%s", msg);
	nwarned++;
}

static int
make_dir(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof dir, "%s/test_config.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
remove_dir(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "%s/salesdesk.ini", dir);
	unlink(path);
	return rmdir(dir);
}

/* Write text as DIR/salesdesk.ini and return its path. */
static const char *
fixture(const char *text)
{
	FILE *f;

	snprintf(path, sizeof path, "%s/salesdesk.ini", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Load text over the defaults; cfg must be freed by the caller. */
static int
load(sd_config *cfg, const char *text, sd_err *e)
{
	sd_config_defaults(cfg);
	sd_err_clear(e);
	nwarned = 0;
	return sd_config_load(cfg, fixture(text), capture_warn, e);
}

/* A load that must fail with status and message, leaving cfg as it was. */
static void
load_fails(const char *text, int status, const char *msg)
{
	sd_config cfg;
	sd_err e;

	assert_int_equal(load(&cfg, text, &e), status);
	assert_int_equal(e.status, status);
	assert_string_equal(e.where, path);
	assert_string_equal(e.msg, msg);
	assert_int_equal(cfg.fiscal_year_start, 1);
	assert_string_equal(cfg.currency, "USD");
	assert_string_equal(cfg.path, "");
	sd_config_free(&cfg);
}

static void
config_defaults__fresh__documented_values(void **state)
{
	sd_config cfg;

	(void)state;
	sd_config_defaults(&cfg);
	assert_string_equal(cfg.path, "");
	assert_null(cfg.timezone);
	assert_string_equal(cfg.currency, "USD");
	assert_int_equal(cfg.fiscal_year_start, 1);
	assert_int_equal(cfg.day_start, 540);
	assert_int_equal(cfg.day_end, 1020);
	assert_int_equal(cfg.days_mask, 0x1f);
	assert_null(cfg.holidays);
	assert_int_equal(cfg.nholidays, 0);
	assert_null(cfg.cal.holidays);
	assert_int_equal(cfg.cal.nholidays, 0);
	assert_int_equal(cfg.length_min, 60);
	assert_int_equal(cfg.buffer_min, 15);
	assert_int_equal(cfg.travel_min, 30);
	assert_string_equal(cfg.domain, "salesdesk.invalid");
	assert_int_equal(cfg.followup_after.bdays, 2);
	assert_int_equal(cfg.followup_after.days, 0);
	assert_int_equal(cfg.followup_after.minutes, 0);
	assert_int_equal(cfg.install_within.bdays, 5);
	assert_int_equal(cfg.strategy, SD_ROUND_ROBIN);
	assert_false(cfg.csv_safe);
	assert_int_equal(cfg.lock_timeout_ms, 10000);
	sd_config_free(&cfg);
}

static void
config_load__full_file__every_value(void **state)
{
	sd_config cfg;
	sd_err e;
	sd_day d1, d2;

	(void)state;
	assert_int_equal(load(&cfg,
	    "; the team's rules\n"
	    "[salesdesk]\n"
	    "timezone = America/Chicago\n"
	    "currency = EUR\n"
	    "fiscal_year_start = 4      ; April\n"
	    "[hours]\n"
	    "default = 08:30-18:00\n"
	    "days = mon,tue,thu\n"
	    "holidays = 2026-12-25, 2027-01-01\n"
	    "[schedule]\n"
	    "length = 45m\n"
	    "buffer = 0\n"
	    "travel = 1h\n"
	    "domain = sales.example.com\n"
	    "[followup]\n"
	    "after = 3d\n"
	    "install_within = 10bd\n"
	    "[assign]\n"
	    "strategy = least-loaded\n"
	    "[output]\n"
	    "csv_safe = yes            # guard cells\n"
	    "[lock]\n"
	    "timeout = 500ms\n", &e), 0);
	assert_int_equal(nwarned, 0);
	assert_string_equal(cfg.path, path);
	assert_string_equal(cfg.timezone, "America/Chicago");
	assert_string_equal(cfg.currency, "EUR");
	assert_int_equal(cfg.fiscal_year_start, 4);
	assert_int_equal(cfg.day_start, 510);
	assert_int_equal(cfg.day_end, 1080);
	assert_int_equal(cfg.days_mask, 0x0b);
	assert_int_equal(sd_date_parse("2026-12-25", &d1), 0);
	assert_int_equal(sd_date_parse("2027-01-01", &d2), 0);
	assert_int_equal(cfg.nholidays, 2);
	assert_int_equal(cfg.holidays[0], d1);
	assert_int_equal(cfg.holidays[1], d2);
	assert_ptr_equal(cfg.cal.holidays, cfg.holidays);
	assert_int_equal(cfg.cal.nholidays, 2);
	assert_int_equal(cfg.length_min, 45);
	assert_int_equal(cfg.buffer_min, 0);
	assert_int_equal(cfg.travel_min, 60);
	assert_string_equal(cfg.domain, "sales.example.com");
	assert_int_equal(cfg.followup_after.days, 3);
	assert_int_equal(cfg.followup_after.bdays, 0);
	assert_int_equal(cfg.install_within.bdays, 10);
	assert_int_equal(cfg.strategy, SD_LEAST_LOADED);
	assert_true(cfg.csv_safe);
	assert_int_equal(cfg.lock_timeout_ms, 500);
	sd_config_free(&cfg);
}

static void
config_load__quoted_and_commented__plain_value(void **state)
{
	sd_config cfg;
	sd_err e;

	(void)state;
	assert_int_equal(load(&cfg,
	    "[Salesdesk]\n"
	    "TimeZone = \"America/Chicago\" ; quoted\n"
	    "[schedule]\n"
	    "domain = 'q.example'\n", &e), 0);
	assert_string_equal(cfg.timezone, "America/Chicago");
	assert_string_equal(cfg.domain, "q.example");
	sd_config_free(&cfg);
}

static void
config_load__empty_file__defaults(void **state)
{
	sd_config cfg;
	sd_err e;

	(void)state;
	assert_int_equal(load(&cfg, "", &e), 0);
	assert_string_equal(cfg.path, path);
	assert_int_equal(cfg.length_min, 60);
	assert_string_equal(cfg.currency, "USD");
	sd_config_free(&cfg);
}

static void
config_load__fiscal_12abc__names_section_and_key(void **state)
{
	(void)state;
	load_fails("[salesdesk]\nfiscal_year_start = 12abc\n", EX_CONFIG,
	    "[salesdesk] fiscal_year_start: expected a month 1-12, "
	    "got '12abc'");
	load_fails("[salesdesk]\nfiscal_year_start = 13\n", EX_CONFIG,
	    "[salesdesk] fiscal_year_start: expected a month 1-12, got '13'");
	load_fails("[salesdesk]\nfiscal_year_start = 0\n", EX_CONFIG,
	    "[salesdesk] fiscal_year_start: expected a month 1-12, got '0'");
	load_fails("[salesdesk]\nfiscal_year_start =\n", EX_CONFIG,
	    "[salesdesk] fiscal_year_start: expected a month 1-12, got ''");
}

static void
config_load__huge_number__rejected(void **state)
{
	(void)state;
	/* 2^64 + 4 would wrap to 4. */
	load_fails("[salesdesk]\nfiscal_year_start = 18446744073709551620\n",
	    EX_CONFIG, "[salesdesk] fiscal_year_start: expected a month 1-12, "
	    "got '18446744073709551620'");
	load_fails("[lock]\ntimeout = 9223372036854775807s\n", EX_CONFIG,
	    "[lock] timeout: expected a time like 10s, 500ms or 2m, "
	    "got '9223372036854775807s'");
}

static void
config_load__key_named_like_section__warned(void **state)
{
	sd_config cfg;
	sd_err e;

	(void)state;
	assert_int_equal(load(&cfg,
	    "salesdesk = 3\n"
	    "[salesdesk]\n"
	    "fiscal_year_start = 7\n"
	    "[hours]\n"
	    "hours = x\n", &e), 0);
	assert_int_equal(cfg.fiscal_year_start, 7);
	assert_int_equal(nwarned, 2);
	assert_true(strstr(warned[0],
	    ": salesdesk: key outside any section, ignored") != NULL);
	assert_true(strstr(warned[1],
	    ": [hours] hours: unknown key, ignored") != NULL);
	sd_config_free(&cfg);
}

static void
config_load__section_header_over_key__rejected(void **state)
{
	(void)state;
	/* The entry iniparser_getint would crash on. */
	load_fails("[salesdesk]\n[salesdesk:timezone]\n", EX_CONFIG,
	    "[salesdesk] timezone: no value (a section header "
	    "[salesdesk:timezone] takes its place)");
}

static void
config_load__long_line__names_line(void **state)
{
	char text[1200];
	sd_config cfg;
	sd_err e;
	char where[700];

	(void)state;
	snprintf(text, sizeof text, "[hours]\n; ok\nholidays = %01100d\n", 0);
	assert_int_equal(load(&cfg, text, &e), EX_CONFIG);
	snprintf(where, sizeof where, "%s:3", path);
	assert_string_equal(e.where, where);
	assert_string_equal(e.msg, "line longer than 1020 bytes");
	sd_config_free(&cfg);
}

static void
config_load__line_at_limit__accepted(void **state)
{
	char text[1200];
	sd_config cfg;
	sd_err e;

	(void)state;
	snprintf(text, sizeof text, "[x]\nk = %01016d\n", 0);
	assert_int_equal(strlen(text), 4 + 1020 + 1);
	assert_int_equal(load(&cfg, text, &e), 0);
	assert_int_equal(nwarned, 1);
	sd_config_free(&cfg);
}

static void
config_load__long_joined_lines__names_line(void **state)
{
	char text[1400];
	sd_config cfg;
	sd_err e;
	char where[700];

	(void)state;
	snprintf(text, sizeof text, "[hours]\nholidays = %0600d \\\n%0600d\n",
	    0, 0);
	assert_int_equal(load(&cfg, text, &e), EX_CONFIG);
	snprintf(where, sizeof where, "%s:3", path);
	assert_string_equal(e.where, where);
	assert_string_equal(e.msg,
	    "lines joined by '\\' longer than 1020 bytes");
	sd_config_free(&cfg);
}

static void
config_load__syntax_error__names_line(void **state)
{
	sd_config cfg;
	sd_err e;
	char where[700];

	(void)state;
	assert_int_equal(load(&cfg, "[hours]\ndays = mon-fri\njunk line\n",
	    &e), EX_CONFIG);
	snprintf(where, sizeof where, "%s:3", path);
	assert_string_equal(e.where, where);
	assert_string_equal(e.msg,
	    "not a section, key = value or comment: 'junk line'");
	sd_config_free(&cfg);
}

static void
config_load__unknown_key__warned(void **state)
{
	sd_config cfg;
	sd_err e;
	char want[700];

	(void)state;
	assert_int_equal(load(&cfg,
	    "[salesdesk]\n"
	    "timezon = UTC\n"
	    "[colours]\n"
	    "a = 1\n"
	    "b = 2\n", &e), 0);
	assert_int_equal(nwarned, 2);
	snprintf(want, sizeof want,
	    "%s: [salesdesk] timezon: unknown key, ignored", path);
	assert_string_equal(warned[0], want);
	snprintf(want, sizeof want, "%s: [colours]: unknown section, ignored",
	    path);
	assert_string_equal(warned[1], want);
	assert_null(cfg.timezone);
	sd_config_free(&cfg);
}

static void
config_load__unknown_key_no_warn__loaded(void **state)
{
	sd_config cfg;
	sd_err e;

	(void)state;
	sd_config_defaults(&cfg);
	assert_int_equal(sd_config_load(&cfg,
	    fixture("[x]\ny = 1\n[lock]\ntimeout = 2m\n"), NULL, &e), 0);
	assert_int_equal(cfg.lock_timeout_ms, 120000);
	sd_config_free(&cfg);
}

static void
config_load__bad_timezone__rejected(void **state)
{
	(void)state;
	load_fails("[salesdesk]\ntimezone = Mars/Olympus\n", EX_CONFIG,
	    "[salesdesk] timezone: expected a time zone name like "
	    "America/Chicago, got 'Mars/Olympus'");
}

static void
config_load__empty_timezone__unset(void **state)
{
	sd_config cfg;
	sd_err e;

	(void)state;
	assert_int_equal(load(&cfg, "[salesdesk]\ntimezone =\n", &e), 0);
	assert_null(cfg.timezone);
	sd_config_free(&cfg);
}

static void
config_load__bad_holiday__names_date(void **state)
{
	(void)state;
	load_fails("[hours]\nholidays = 2026-12-25, 2026-02-30, 2027-01-01\n",
	    EX_CONFIG, "[hours] holidays: expected dates like 2026-12-25, "
	    "2027-01-01, got '2026-02-30'");
	load_fails("[hours]\nholidays = 2026-12-25,,2027-01-01\n", EX_CONFIG,
	    "[hours] holidays: expected dates like 2026-12-25, 2027-01-01, "
	    "got ''");
}

static void
config_load__holidays_unsorted__sorted_once(void **state)
{
	sd_config cfg;
	sd_err e;
	sd_day a, b, c;

	(void)state;
	assert_int_equal(load(&cfg, "[hours]\nholidays = 2027-01-01,"
	    "2026-12-25 ,2026-07-04, 2026-12-25\n", &e), 0);
	sd_date_parse("2026-07-04", &a);
	sd_date_parse("2026-12-25", &b);
	sd_date_parse("2027-01-01", &c);
	assert_int_equal(cfg.nholidays, 3);
	assert_int_equal(cfg.holidays[0], a);
	assert_int_equal(cfg.holidays[1], b);
	assert_int_equal(cfg.holidays[2], c);
	assert_ptr_equal(cfg.cal.holidays, cfg.holidays);
	assert_int_equal(cfg.cal.nholidays, 3);
	sd_config_free(&cfg);
}

static void
config_load__bad_values__rejected(void **state)
{
	(void)state;
	load_fails("[salesdesk]\ncurrency = usd\n", EX_CONFIG,
	    "[salesdesk] currency: expected three capital letters like USD, "
	    "got 'usd'");
	load_fails("[hours]\ndefault = 17:00-09:00\n", EX_CONFIG,
	    "[hours] default: expected hours like 09:00-17:00, "
	    "got '17:00-09:00'");
	load_fails("[hours]\ndays = funday\n", EX_CONFIG,
	    "[hours] days: expected days like mon-fri or mon,tue,thu, "
	    "got 'funday'");
	load_fails("[schedule]\nlength = 0\n", EX_CONFIG,
	    "[schedule] length: expected a duration above zero like 60m, "
	    "got '0'");
	load_fails("[schedule]\nbuffer = 2bd\n", EX_CONFIG,
	    "[schedule] buffer: expected a duration like 15m, got '2bd'");
	load_fails("[schedule]\ndomain = a b\n", EX_CONFIG,
	    "[schedule] domain: expected a domain name of letters, digits, "
	    "'.' and '-', got 'a b'");
	load_fails("[assign]\nstrategy = random\n", EX_CONFIG,
	    "[assign] strategy: expected round-robin, least-loaded or "
	    "first-free, got 'random'");
	load_fails("[output]\ncsv_safe = maybe\n", EX_CONFIG,
	    "[output] csv_safe: expected yes or no, got 'maybe'");
	load_fails("[followup]\nafter = soon\n", EX_CONFIG,
	    "[followup] after: expected a span like 2bd, got 'soon'");
}

static void
config_load__bad_value_late__earlier_values_dropped(void **state)
{
	sd_config cfg;
	sd_err e;

	(void)state;
	/* All or nothing: the good timezone before the bad key is not kept. */
	assert_int_equal(load(&cfg, "[salesdesk]\ntimezone = UTC\n"
	    "currency = EUR\n[lock]\ntimeout = forever\n", &e), EX_CONFIG);
	assert_null(cfg.timezone);
	assert_string_equal(cfg.currency, "USD");
	assert_int_equal(cfg.lock_timeout_ms, 10000);
	sd_config_free(&cfg);
}

static void
config_load__lock_units__milliseconds(void **state)
{
	static const struct {
		const char *text;
		int64_t ms;
	} t[] = {
		{ "[lock]\ntimeout = 10s\n", 10000 },
		{ "[lock]\ntimeout = 500ms\n", 500 },
		{ "[lock]\ntimeout = 2m\n", 120000 },
		{ "[lock]\ntimeout = 7\n", 7000 },
		{ "[lock]\ntimeout = 0\n", 0 },
		{ "[lock]\ntimeout = 3S\n", 3000 },
	};
	sd_config cfg;
	sd_err e;

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		assert_int_equal(load(&cfg, t[i].text, &e), 0);
		assert_int_equal(cfg.lock_timeout_ms, t[i].ms);
		sd_config_free(&cfg);
	}
}

static void
config_load__lock_bad_units__rejected(void **state)
{
	static const char *const bad[] = { "10 s", "-1s", "1h", "s", "1.5s",
	    "10sec" };
	char text[64], msg[200];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, "[lock]\ntimeout = %s\n", bad[i]);
		snprintf(msg, sizeof msg, "[lock] timeout: expected a time "
		    "like 10s, 500ms or 2m, got '%s'", bad[i]);
		load_fails(text, EX_CONFIG, msg);
	}
}

static void
config_load__twice__later_file_wins(void **state)
{
	sd_config cfg;
	sd_err e;

	(void)state;
	assert_int_equal(load(&cfg, "[salesdesk]\ntimezone = UTC\n"
	    "currency = EUR\n[hours]\nholidays = 2026-12-25\n"
	    "[schedule]\ndomain = a.example\n", &e), 0);
	assert_int_equal(sd_config_load(&cfg, fixture("[salesdesk]\n"
	    "timezone = Europe/Paris\ncurrency = GBP\n[hours]\nholidays =\n"
	    "[schedule]\ndomain = b.example\n"), NULL, &e), 0);
	assert_string_equal(cfg.timezone, "Europe/Paris");
	assert_string_equal(cfg.currency, "GBP");
	assert_string_equal(cfg.domain, "b.example");
	assert_null(cfg.holidays);
	assert_int_equal(cfg.nholidays, 0);
	assert_null(cfg.cal.holidays);
	sd_config_free(&cfg);
	sd_config_free(&cfg);	/* a second free is harmless */
}

static void
config_load__missing_file__noinput(void **state)
{
	sd_config cfg;
	sd_err e;
	char missing[700];

	(void)state;
	snprintf(missing, sizeof missing, "%s/absent.ini", dir);
	sd_config_defaults(&cfg);
	assert_int_equal(sd_config_load(&cfg, missing, NULL, &e), EX_NOINPUT);
	assert_string_equal(e.where, missing);
	assert_string_equal(e.msg, "cannot open: No such file or directory");
	assert_string_equal(cfg.path, "");
	sd_config_free(&cfg);
}

static void
config_load__directory__noinput(void **state)
{
	sd_config cfg;
	sd_err e;

	(void)state;
	sd_config_defaults(&cfg);
	assert_int_equal(sd_config_load(&cfg, dir, NULL, &e), EX_NOINPUT);
	assert_string_equal(e.where, dir);
	assert_string_equal(e.msg, "cannot read: Is a directory");
	sd_config_free(&cfg);
}

static void
days_is(const char *s, unsigned want)
{
	unsigned mask = 0xdead;

	assert_int_equal(sd_days_parse(s, &mask), 0);
	assert_int_equal(mask, want);
}

static void
days_parse__lists_and_ranges__mask(void **state)
{
	(void)state;
	days_is("mon-fri", 0x1f);
	days_is("mon,tue,thu", 0x0b);
	days_is("sat-sun", 0x60);
	days_is("Monday-Wednesday", 0x07);
	days_is("SUN", 0x40);
	days_is(" mon , fri ", 0x11);
	days_is("mon - wed", 0x07);
	days_is("mon-mon", 0x01);
	days_is("mon-fri,sat", 0x3f);
	days_is("tue,tue", 0x02);
}

static void
days_parse__wrapping_range__through_sunday(void **state)
{
	(void)state;
	days_is("fri-mon", 0x71);
	days_is("sat-mon", 0x61);
	days_is("sun-tue", 0x43);
	days_is("tue-mon", 0x7f);
}

static void
days_parse__malformed__rejected(void **state)
{
	static const char *const bad[] = { "", " ", ",", "mon,", ",mon",
	    "mon,,tue", "mo", "mond", "funday", "mon-", "-fri", "mon-tue-wed",
	    "1-5", "mon fri" };
	unsigned mask = 0xdead;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(sd_days_parse(bad[i], &mask), -1);
	assert_int_equal(mask, 0xdead);
}

static void
hours_parse__valid__minutes(void **state)
{
	int a = -1, b = -1;

	(void)state;
	assert_int_equal(sd_hours_parse("09:00-17:00", &a, &b), 0);
	assert_int_equal(a, 540);
	assert_int_equal(b, 1020);
	assert_int_equal(sd_hours_parse(" 9:30 - 23:59 ", &a, &b), 0);
	assert_int_equal(a, 570);
	assert_int_equal(b, 1439);
	assert_int_equal(sd_hours_parse("00:00-00:01", &a, &b), 0);
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
}

static void
hours_parse__malformed__rejected(void **state)
{
	static const char *const bad[] = { "", "09:00", "09:00-", "17:00-09:00",
	    "09:00-09:00", "9-17", "09:0-17:00", "09:000-17:00", "24:00-25:00",
	    "09:60-17:00", "009:00-17:00", "09:00-17:00x", "09:00--17:00",
	    "09:00/17:00", "+9:00-17:00" };
	int a = -1, b = -1;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(sd_hours_parse(bad[i], &a, &b), -1);
	assert_int_equal(a, -1);
	assert_int_equal(b, -1);
}

static void
bool_parse__words__value(void **state)
{
	static const char *const yes[] = { "yes", "YES", "true", "True", "on",
	    "1", " yes " };
	static const char *const no[] = { "no", "No", "false", "FALSE", "off",
	    "0", "\tno" };
	bool v;

	(void)state;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		v = false;
		assert_int_equal(sd_bool_parse(yes[i], &v), 0);
		assert_true(v);
		v = true;
		assert_int_equal(sd_bool_parse(no[i], &v), 0);
		assert_false(v);
	}
}

static void
bool_parse__other__rejected(void **state)
{
	static const char *const bad[] = { "", "y", "n", "2", "yess", "of",
	    "10", "t", "enabled", "yes no" };
	bool v = true;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(sd_bool_parse(bad[i], &v), -1);
	assert_true(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(config_defaults__fresh__documented_values),
		cmocka_unit_test(config_load__full_file__every_value),
		cmocka_unit_test(
		    config_load__quoted_and_commented__plain_value),
		cmocka_unit_test(config_load__empty_file__defaults),
		cmocka_unit_test(
		    config_load__fiscal_12abc__names_section_and_key),
		cmocka_unit_test(config_load__huge_number__rejected),
		cmocka_unit_test(
		    config_load__key_named_like_section__warned),
		cmocka_unit_test(
		    config_load__section_header_over_key__rejected),
		cmocka_unit_test(config_load__long_line__names_line),
		cmocka_unit_test(config_load__line_at_limit__accepted),
		cmocka_unit_test(config_load__long_joined_lines__names_line),
		cmocka_unit_test(config_load__syntax_error__names_line),
		cmocka_unit_test(config_load__unknown_key__warned),
		cmocka_unit_test(config_load__unknown_key_no_warn__loaded),
		cmocka_unit_test(config_load__bad_timezone__rejected),
		cmocka_unit_test(config_load__empty_timezone__unset),
		cmocka_unit_test(config_load__bad_holiday__names_date),
		cmocka_unit_test(config_load__holidays_unsorted__sorted_once),
		cmocka_unit_test(config_load__bad_values__rejected),
		cmocka_unit_test(
		    config_load__bad_value_late__earlier_values_dropped),
		cmocka_unit_test(config_load__lock_units__milliseconds),
		cmocka_unit_test(config_load__lock_bad_units__rejected),
		cmocka_unit_test(config_load__twice__later_file_wins),
		cmocka_unit_test(config_load__missing_file__noinput),
		cmocka_unit_test(config_load__directory__noinput),
		cmocka_unit_test(days_parse__lists_and_ranges__mask),
		cmocka_unit_test(days_parse__wrapping_range__through_sunday),
		cmocka_unit_test(days_parse__malformed__rejected),
		cmocka_unit_test(hours_parse__valid__minutes),
		cmocka_unit_test(hours_parse__malformed__rejected),
		cmocka_unit_test(bool_parse__words__value),
		cmocka_unit_test(bool_parse__other__rejected),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
