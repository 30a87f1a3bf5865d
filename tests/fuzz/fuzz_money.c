/*
 * fuzz_money.c: the money parser and arithmetic (lib/money.c).  A parsed
 * amount prints and parses back to the same cents; sd_muldiv, fed the
 * input's first 24 bytes as three integers, rounds half away from zero or
 * says it overflowed, and never crashes.
 */
#include "fuzz.h"

__extension__ typedef __int128 i128;

static void
check_amount(const char *s)
{
	char buf[32];
	sd_money m, back, sum;
	int r = sd_money_parse(s, &m);

	FUZZ_CHECK(r == 0 || r == -1 || r == -2);
	if (r != 0)
		return;
	sd_money_format(m, buf);
	FUZZ_CHECK(sd_money_parse(buf, &back) == 0 && back == m);
	sum = m;
	if (sd_money_add(&sum, m) == 0)
		FUZZ_CHECK((i128)sum == (i128)m * 2);
	else
		FUZZ_CHECK(sum == m && ((i128)m * 2 > INT64_MAX ||
		    (i128)m * 2 < INT64_MIN));
}

/* q is a * num / den rounded half away from zero: the remainder is at
 * most half of den, and exactly half only when rounding went outwards. */
static void
check_muldiv(int64_t a, int64_t num, int64_t den)
{
	i128 p = (i128)a * num, exact, rem;
	int64_t q;
	char buf[32];

	if (sd_muldiv(a, num, den, &q) != 0) {
		FUZZ_CHECK(den == 0 || p / den >= INT64_MAX ||
		    p / den <= INT64_MIN);
		return;
	}
	exact = (i128)q * den;
	rem = p - exact;
	if (rem < 0)
		rem = -rem;
	FUZZ_CHECK(2 * rem <= (den < 0 ? -(i128)den : den));
	if (2 * rem == (den < 0 ? -(i128)den : den))
		FUZZ_CHECK(p < 0 ? exact < p : exact > p);
	sd_percent_format(a, den, buf);
	FUZZ_CHECK(strlen(buf) < sizeof buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	int64_t v[3];

	check_amount(s);
	if (size >= sizeof v) {
		memcpy(v, data, sizeof v);
		check_muldiv(v[0], v[1], v[2]);
	}
	free(s);
	return 0;
}
