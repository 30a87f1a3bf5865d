/*
 * config.c: salesdesk.ini over built-in defaults (SPEC section 4).
 *
 * iniparser 4.1 splits the file into "section:key" strings; the rest is
 * ours.  Its typed getters accept "12abc", wrap large numbers and crash
 * on a key that names a section (CVE-2023-33461), so every value is taken
 * as a string and parsed here, strictly.  Its messages would go to
 * stderr; they are captured into the sd_err instead.  A load is all or
 * nothing: values go into a copy of cfg that replaces it only when every
 * key parsed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <iniparser/iniparser.h>

#include "salesdesk.h"

/* iniparser 4.1 fails the whole load on a line of 1023 bytes or more
 * (1022 with CRLF); we stop a little short and name the line. */
#define INI_LINE_MAX 1020

static const char *const day_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
};

static const char *const strategy_names[] = {
	[SD_ROUND_ROBIN] = "round-robin",
	[SD_LEAST_LOADED] = "least-loaded",
	[SD_FIRST_FREE] = "first-free",
};

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* [*s, *s + *n) without surrounding blanks. */
static void
trim_span(const char **s, size_t *n)
{
	while (*n > 0 && blank(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && blank((*s)[*n - 1]))
		(*n)--;
}

static bool
word_is(const char *s, size_t n, const char *word)
{
	return n == strlen(word) && strncasecmp(s, word, n) == 0;
}

/* Leading decimal digits of *sp into *out, checked; advances *sp. */
static int
number(const char **sp, int64_t *out)
{
	const char *s = *sp;
	int64_t v = 0;

	if (!digit(*s))
		return -1;
	for (; digit(*s); s++)
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, *s - '0', &v))
			return -1;
	*sp = s;
	*out = v;
	return 0;
}

/* "mon" or "monday", any case: 0 (Monday) .. 6, or -1. */
static int
day_index(const char *s, size_t n)
{
	trim_span(&s, &n);
	for (int i = 0; i < 7; i++)
		if ((n == 3 || n == strlen(day_names[i])) &&
		    strncasecmp(s, day_names[i], n) == 0)
			return i;
	return -1;
}

/* One item of a days list: a day, or a range that may wrap past Sunday
 * ("fri-mon" is Friday to Monday). */
static int
days_item(const char *s, size_t n, unsigned *mask)
{
	const char *dash = memchr(s, '-', n);
	int from, to;

	if (dash == NULL)
		from = to = day_index(s, n);
	else {
		from = day_index(s, (size_t)(dash - s));
		to = day_index(dash + 1, n - (size_t)(dash - s) - 1);
	}
	if (from < 0 || to < 0)
		return -1;
	for (int i = from;; i = (i + 1) % 7) {
		*mask |= 1u << i;
		if (i == to)
			return 0;
	}
}

int
sd_days_parse(const char *s, unsigned *mask)
{
	unsigned m = 0;
	size_t n;

	for (;;) {
		n = strcspn(s, ",");
		if (days_item(s, n, &m) != 0)
			return -1;
		if (s[n] == '\0')
			break;
		s += n + 1;
	}
	*mask = m;
	return 0;
}

/* H:MM or HH:MM, 00:00 to 23:59, at *sp; advances *sp past it. */
static int
hhmm(const char **sp, int *minutes)
{
	const char *s = *sp;
	int h = 0, n = 0, m;

	for (; digit(*s) && n < 2; s++, n++)
		h = h * 10 + (*s - '0');
	if (n == 0 || *s++ != ':' || !digit(s[0]) || !digit(s[1]) ||
	    digit(s[2]))
		return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	if (h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	*sp = s + 2;
	return 0;
}

int
sd_hours_parse(const char *s, int *start, int *end)
{
	int a, b;

	while (blank(*s))
		s++;
	if (hhmm(&s, &a) != 0)
		return -1;
	while (blank(*s))
		s++;
	if (*s++ != '-')
		return -1;
	while (blank(*s))
		s++;
	if (hhmm(&s, &b) != 0)
		return -1;
	while (blank(*s))
		s++;
	if (*s != '\0' || b <= a)
		return -1;
	*start = a;
	*end = b;
	return 0;
}

int
sd_bool_parse(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t n = strlen(s);

	trim_span(&s, &n);
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (word_is(s, n, yes[i]) || word_is(s, n, no[i])) {
			*out = word_is(s, n, yes[i]);
			return 0;
		}
	}
	return -1;
}

/*
 * The value parsers, one per key.  Each gets a trimmed private copy of the
 * value and may point *bad at the part to blame.  A string they keep is
 * new memory: the old one still belongs to the config being replaced.
 */

static int
set_timezone(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	if (*v != '\0' && sd_zone_check(v) != 0)
		return -1;
	c->timezone = *v != '\0' ? sd_xstrdup(v) : NULL;
	return 0;
}

static int
set_currency(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	if (strlen(v) != 3)
		return -1;
	for (int i = 0; i < 3; i++)
		if (v[i] < 'A' || v[i] > 'Z')
			return -1;
	c->currency = sd_xstrdup(v);
	return 0;
}

static int
set_fiscal_year_start(sd_config *c, char *v, const char **bad)
{
	const char *s = v;
	int64_t month;

	(void)bad;
	if (number(&s, &month) != 0 || *s != '\0' || month < 1 || month > 12)
		return -1;
	c->fiscal_year_start = (int)month;
	return 0;
}

static int
set_hours(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	return sd_hours_parse(v, &c->day_start, &c->day_end);
}

static int
set_days(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	return sd_days_parse(v, &c->days_mask);
}

static int
cmp_day(const void *a, const void *b)
{
	sd_day x = *(const sd_day *)a, y = *(const sd_day *)b;

	return (x > y) - (x < y);
}

/* A comma list of dates, kept sorted and without repeats; empty: none. */
static int
set_holidays(sd_config *c, char *v, const char **bad)
{
	sd_day *h = NULL;
	size_t n = 0, kept = 0, items = 1;
	char *item, *next;

	if (*v != '\0') {
		for (item = v; (item = strchr(item, ',')) != NULL; item++)
			items++;
		h = sd_xcalloc(items, sizeof *h);
		for (item = v; item != NULL; item = next) {
			if ((next = strchr(item, ',')) != NULL)
				*next++ = '\0';
			item = sd_trim(item);
			if (sd_date_parse(item, &h[n++]) != 0) {
				*bad = item;
				free(h);
				return -1;
			}
		}
		qsort(h, n, sizeof *h, cmp_day);
		for (size_t i = 0; i < n; i++)
			if (kept == 0 || h[i] != h[kept - 1])
				h[kept++] = h[i];
	}
	c->holidays = h;
	c->nholidays = kept;
	return 0;
}

/* A clock duration in whole minutes, at least least. */
static int
minutes(const char *v, int64_t least, int64_t *out)
{
	sd_span span;
	int64_t m;

	if (sd_duration_parse(v, &span) != 0 ||
	    (m = sd_span_minutes(&span)) < least)
		return -1;
	*out = m;
	return 0;
}

static int
set_length(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	return minutes(v, 1, &c->length_min);
}

static int
set_buffer(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	return minutes(v, 0, &c->buffer_min);
}

static int
set_travel(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	return minutes(v, 0, &c->travel_min);
}

/* Only what an iCalendar UID's right-hand side may safely carry. */
static int
set_domain(sd_config *c, char *v, const char **bad)
{
	size_t n = strlen(v);

	(void)bad;
	if (n == 0 || n > 253 || strspn(v, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != n)
		return -1;
	c->domain = sd_xstrdup(v);
	return 0;
}

/* A calendar span that does not run backwards. */
static int
span(const char *v, sd_span *out)
{
	sd_span s;

	if (sd_span_parse(v, &s) != 0 || s.minutes < 0 || s.days < 0 ||
	    s.bdays < 0 || s.months < 0)
		return -1;
	*out = s;
	return 0;
}

static int
set_after(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	return span(v, &c->followup_after);
}

static int
set_install_within(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	return span(v, &c->install_within);
}

static int
set_strategy(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	for (size_t i = 0; i < sizeof strategy_names /
	    sizeof strategy_names[0]; i++) {
		if (sd_streq_ci(v, strategy_names[i])) {
			c->strategy = (enum sd_strategy)i;
			return 0;
		}
	}
	return -1;
}

static int
set_csv_safe(sd_config *c, char *v, const char **bad)
{
	(void)bad;
	return sd_bool_parse(v, &c->csv_safe);
}

/* The header's durations have no seconds, so the lock timeout has its
 * own units: 500ms, 10s, 2m; a bare number is seconds. */
static int
set_lock_timeout(sd_config *c, char *v, const char **bad)
{
	const char *s = v;
	int64_t n, unit, ms;

	(void)bad;
	if (number(&s, &n) != 0)
		return -1;
	if (*s == '\0' || sd_streq_ci(s, "s"))
		unit = 1000;
	else if (sd_streq_ci(s, "ms"))
		unit = 1;
	else if (sd_streq_ci(s, "m"))
		unit = 60000;
	else
		return -1;
	if (__builtin_mul_overflow(n, unit, &ms))
		return -1;
	c->lock_timeout_ms = ms;
	return 0;
}

static const struct key {
	const char *sect, *name;
	int (*set)(sd_config *, char *, const char **);
	const char *expect;
} keys[] = {
	{ "salesdesk", "timezone", set_timezone,
	    "a time zone name like America/Chicago" },
	{ "salesdesk", "currency", set_currency,
	    "three capital letters like USD" },
	{ "salesdesk", "fiscal_year_start", set_fiscal_year_start,
	    "a month 1-12" },
	{ "hours", "default", set_hours, "hours like 09:00-17:00" },
	{ "hours", "days", set_days, "days like mon-fri or mon,tue,thu" },
	{ "hours", "holidays", set_holidays,
	    "dates like 2026-12-25, 2027-01-01" },
	{ "schedule", "length", set_length, "a duration above zero like 60m" },
	{ "schedule", "buffer", set_buffer, "a duration like 15m" },
	{ "schedule", "travel", set_travel, "a duration like 30m" },
	{ "schedule", "domain", set_domain,
	    "a domain name of letters, digits, '.' and '-'" },
	{ "followup", "after", set_after, "a span like 2bd" },
	{ "followup", "install_within", set_install_within,
	    "a span like 5bd" },
	{ "assign", "strategy", set_strategy,
	    "round-robin, least-loaded or first-free" },
	{ "output", "csv_safe", set_csv_safe, "yes or no" },
	{ "lock", "timeout", set_lock_timeout, "a time like 10s, 500ms or 2m" },
};

#define NKEYS (sizeof keys / sizeof keys[0])

static bool
known_section(const char *sect)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].sect, sect) == 0)
			return true;
	return false;
}

/* The key named by iniparser's "section:key" (already lower case). */
static const struct key *
known_key(const char *entry)
{
	for (size_t i = 0; i < NKEYS; i++) {
		size_t n = strlen(keys[i].sect);

		if (strncmp(entry, keys[i].sect, n) == 0 && entry[n] == ':' &&
		    strcmp(entry + n + 1, keys[i].name) == 0)
			return &keys[i];
	}
	return NULL;
}

/* A section header like [salesdesk:timezone] leaves the key with no value
 * at all (the entry iniparser_getint crashes on). */
static int
set_key(sd_config *n, const struct key *k, const char *val,
    const char *path, sd_err *e)
{
	char q[192], *copy, *v;
	const char *bad;
	int rc = 0;

	if (val == NULL)
		return sd_fail_at(e, EX_CONFIG, path, 0, "[%s] %s: no value "
		    "(a section header [%s:%s] takes its place)", k->sect,
		    k->name, k->sect, k->name);
	copy = sd_xstrdup(val);
	v = sd_trim(copy);
	bad = v;
	if (k->set(n, v, &bad) != 0)
		rc = sd_fail_at(e, EX_CONFIG, path, 0,
		    "[%s] %s: expected %s, got '%s'", k->sect, k->name,
		    k->expect, sd_quote_value(bad, q, sizeof q));
	free(copy);
	return rc;
}

/* Warn about an entry we do not know: once per unknown section, once per
 * unknown key of a known one, and for keys before the first section. */
static void
warn_unknown(const dictionary *d, const char *entry, const char *path,
    void (*warn)(const char *))
{
	char *sect = sd_xstrdup(entry), *name = strchr(sect, ':');
	char qs[192], qn[192], msg[1024] = "";

	if (name != NULL)
		*name++ = '\0';
	sd_quote_value(sect, qs, sizeof qs);
	if (name != NULL)
		sd_quote_value(name, qn, sizeof qn);
	if (name == NULL && !known_section(sect))
		snprintf(msg, sizeof msg, "%s: [%s]: unknown section, ignored",
		    path, qs);
	else if (name != NULL && *sect == '\0')
		snprintf(msg, sizeof msg, "%s: %s: key outside any section, "
		    "ignored", path, qn);
	else if (name != NULL && known_section(sect))
		snprintf(msg, sizeof msg, "%s: [%s] %s: unknown key, ignored",
		    path, qs, qn);
	else if (name != NULL && !iniparser_find_entry(d, sect))
		snprintf(msg, sizeof msg, "%s: [%s] %s: unknown section, "
		    "ignored", path, qs, qn);
	if (msg[0] != '\0')
		warn(msg);
	free(sect);
}

/*
 * Every entry in file order.  The dictionary is walked directly rather
 * than through iniparser_getseckeys: a key above the first section header
 * is stored as ":key" and belongs to no section that API can name.
 */
static int
walk(const dictionary *d, sd_config *n, const char *path,
    void (*warn)(const char *), sd_err *e)
{
	const struct key *k;
	int rc;

	for (ssize_t i = 0; i < d->size; i++) {
		if (d->key[i] == NULL)
			continue;
		if ((k = known_key(d->key[i])) != NULL) {
			if ((rc = set_key(n, k, d->val[i], path, e)) != 0)
				return rc;
		} else if (warn != NULL)
			warn_unknown(d, d->key[i], path, warn);
	}
	return 0;
}

/* iniparser's first message of a load.  Its two messages about the file
 * itself carry a line number worth keeping apart. */
static struct {
	long line;
	char msg[1024];
} ini_error;

#define INI_SYNTAX "iniparser: syntax error in %s (%d):\n-> %s\n"
#define INI_TOO_LONG "iniparser: input line too long in %s (%d)\n"

static int
ini_capture(const char *fmt, ...)
{
	char q[192];
	va_list ap;

	if (ini_error.msg[0] != '\0')
		return 0;
	va_start(ap, fmt);
	if (strcmp(fmt, INI_SYNTAX) == 0 || strcmp(fmt, INI_TOO_LONG) == 0) {
		(void)va_arg(ap, const char *);
		ini_error.line = va_arg(ap, int);
		if (strcmp(fmt, INI_SYNTAX) == 0)
			snprintf(ini_error.msg, sizeof ini_error.msg,
			    "not a section, key = value or comment: '%s'",
			    sd_quote_value(va_arg(ap, const char *), q,
			    sizeof q));
		else	/* each line was short: the '\\' joins are not */
			snprintf(ini_error.msg, sizeof ini_error.msg,
			    "lines joined by '\\' longer than %d bytes",
			    INI_LINE_MAX);
	} else {
		vsnprintf(ini_error.msg, sizeof ini_error.msg, fmt, ap);
		ini_error.msg[strcspn(ini_error.msg, "\n")] = '\0';
	}
	va_end(ap);
	return 0;
}

/* Open errors are the input's (66); a line iniparser would choke on (too
 * long, or cut short by a NUL byte) is the config's (78), named by its
 * number rather than failing blind. */
static int
check_lines(const char *path, sd_err *e)
{
	FILE *f;
	long line = 1, len = 0;
	int c, rc = 0;

	if ((f = fopen(path, "r")) == NULL)
		return sd_fail_at(e, EX_NOINPUT, path, 0, "cannot open: %s",
		    strerror(errno));
	while (rc == 0 && (c = getc(f)) != EOF) {
		if (c == '\n') {
			line++;
			len = 0;
		} else if (c == '\0')
			rc = sd_fail_at(e, EX_CONFIG, path, line,
			    "a NUL byte: not a text file");
		else if (++len > INI_LINE_MAX)
			rc = sd_fail_at(e, EX_CONFIG, path, line,
			    "line longer than %d bytes", INI_LINE_MAX);
	}
	if (rc == 0 && ferror(f))
		rc = sd_fail_at(e, EX_NOINPUT, path, 0, "cannot read: %s",
		    strerror(errno));
	fclose(f);
	return rc;
}

static dictionary *
ini_load(const char *path, sd_err *e)
{
	dictionary *d;

	ini_error.line = 0;
	ini_error.msg[0] = '\0';
	iniparser_set_error_callback(ini_capture);
	if ((d = iniparser_load(path)) == NULL)
		sd_fail_at(e, EX_CONFIG, path, ini_error.line, "%s",
		    ini_error.msg[0] != '\0' ? ini_error.msg :
		    "cannot be read as INI");
	return d;
}

/* Free what old owns and keep does not share. */
static void
release(const sd_config *old, const sd_config *keep)
{
	if (old->timezone != keep->timezone)
		free(old->timezone);
	if (old->currency != keep->currency)
		free(old->currency);
	if (old->domain != keep->domain)
		free(old->domain);
	if (old->holidays != keep->holidays)
		free(old->holidays);
}

void
sd_config_defaults(sd_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->currency = sd_xstrdup("USD");
	cfg->fiscal_year_start = 1;
	cfg->day_start = 9 * 60;
	cfg->day_end = 17 * 60;
	cfg->days_mask = 0x1f;		/* Monday to Friday */
	cfg->length_min = 60;
	cfg->buffer_min = 15;
	cfg->travel_min = 30;
	cfg->domain = sd_xstrdup("salesdesk.invalid");
	cfg->followup_after = (sd_span){ .bdays = 2 };
	cfg->install_within = (sd_span){ .bdays = 5 };
	cfg->strategy = SD_ROUND_ROBIN;
	cfg->lock_timeout_ms = 10000;
}

int
sd_config_load(sd_config *cfg, const char *path,
    void (*warn)(const char *msg), sd_err *e)
{
	sd_config next = *cfg;
	dictionary *d;
	int rc;

	if ((rc = check_lines(path, e)) != 0)
		return rc;
	if ((d = ini_load(path, e)) == NULL)
		return e->status;
	rc = walk(d, &next, path, warn, e);
	iniparser_freedict(d);
	if (rc != 0) {
		release(&next, cfg);
		return rc;
	}
	release(cfg, &next);
	snprintf(next.path, sizeof next.path, "%s", path);
	next.cal.holidays = next.holidays;
	next.cal.nholidays = next.nholidays;
	*cfg = next;
	return 0;
}

void
sd_config_free(sd_config *cfg)
{
	free(cfg->timezone);
	free(cfg->currency);
	free(cfg->domain);
	free(cfg->holidays);
	cfg->timezone = cfg->currency = cfg->domain = NULL;
	cfg->holidays = NULL;
	cfg->nholidays = 0;
	cfg->cal.holidays = NULL;
	cfg->cal.nholidays = 0;
}
