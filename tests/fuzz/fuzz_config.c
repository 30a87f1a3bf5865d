/*
 * fuzz_config.c: sd_config_load (lib/config.c, over iniparser) on any
 * bytes as salesdesk.ini.  A load either fails with EX_CONFIG and leaves
 * the config exactly as it was, or gives values every tool can trust.
 */
#include "fuzz.h"

static void
warned(const char *msg)
{
	FUZZ_CHECK(msg[0] != '\0');
}

static void
check_loaded(const sd_config *c, const char *path)
{
	FUZZ_CHECK(strcmp(c->path, path) == 0);
	FUZZ_CHECK(c->timezone == NULL || sd_zone_check(c->timezone) == 0);
	FUZZ_CHECK(c->currency != NULL && strlen(c->currency) == 3);
	FUZZ_CHECK(c->fiscal_year_start >= 1 && c->fiscal_year_start <= 12);
	FUZZ_CHECK(c->day_start >= 0 && c->day_start < c->day_end &&
	    c->day_end < 1440);
	FUZZ_CHECK(c->days_mask <= 0x7f);
	FUZZ_CHECK(c->cal.holidays == c->holidays &&
	    c->cal.nholidays == c->nholidays);
	for (size_t i = 1; i < c->nholidays; i++)
		FUZZ_CHECK(c->holidays[i - 1] < c->holidays[i]);
	FUZZ_CHECK(c->length_min >= 1 && c->buffer_min >= 0 &&
	    c->travel_min >= 0);
	FUZZ_CHECK(c->domain != NULL && c->domain[0] != '\0');
	FUZZ_CHECK(c->followup_after.days >= 0 &&
	    c->followup_after.bdays >= 0 && c->followup_after.months >= 0);
	FUZZ_CHECK(c->lock_timeout_ms >= 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fuzz_file in;
	const char *path = fuzz_file_put(&in, data, size);
	sd_config cfg, before;
	sd_err e = { 0 };

	sd_config_defaults(&cfg);
	memcpy(&before, &cfg, sizeof cfg);
	if (sd_config_load(&cfg, path, warned, &e) == 0)
		check_loaded(&cfg, path);
	else {
		FUZZ_CHECK(e.status == EX_CONFIG && e.msg[0] != '\0');
		FUZZ_CHECK(memcmp(&before, &cfg, sizeof cfg) == 0);
	}
	sd_config_free(&cfg);
	return 0;
}
