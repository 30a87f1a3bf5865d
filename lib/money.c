/*
 * money.c: amounts in integer cents.  Never floating point: a sum over ten
 * million sales rows must come out to the cent, and an amount too large
 * for 64 bits is an error, never a wrap.  Products and ratios go through
 * 128-bit intermediates, rounded half away from zero (as a person rounds).
 */
#include <string.h>

#include "salesdesk.h"

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Called once per amount in the sales and expense files, so it is written
 * out by hand: no strtod, no allocation.  Digits accumulate with the sign
 * already applied so that INT64_MIN cents is reachable.  "12." and ".5"
 * are accepted (12.00 and 0.50): both are what a person means, and a
 * spreadsheet export writes either.  On overflow the scan still runs to
 * the end, so a malformed string reports -1 whatever its length.
 */
int
sd_money_parse(const char *s, sd_money *out)
{
	int64_t v = 0;
	int sign = 1, digits = 0, dec = -1;	/* dec: digits after the '.' */
	bool over = false;

	while (blank(*s))
		s++;
	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	for (;; s++) {
		if (*s >= '0' && *s <= '9') {
			if (dec == 2)
				return -1;
			over |= __builtin_mul_overflow(v, 10, &v);
			over |= __builtin_add_overflow(v, sign * (*s - '0'),
			    &v);
			digits++;
			if (dec >= 0)
				dec++;
		} else if (*s == '.' && dec < 0)
			dec = 0;
		else
			break;
	}
	while (blank(*s))
		s++;
	if (digits == 0 || *s != '\0')
		return -1;
	for (dec = dec < 0 ? 0 : dec; dec < 2; dec++)
		over |= __builtin_mul_overflow(v, 10, &v);
	if (over)
		return -2;
	*out = v;
	return 0;
}

/* v / 10^dec with exactly dec decimals: -0.05, 12.0.  Fits 32 bytes for
 * any value below 10^28. */
static void
fixed_format(i128 v, int dec, char buf[32])
{
	char tmp[48], *p = tmp + sizeof tmp;
	u128 u = v < 0 ? -(u128)v : (u128)v;
	int n = 0;

	*--p = '\0';
	do {
		if (n++ == dec)
			*--p = '.';
		*--p = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u > 0 || n <= dec);
	if (v < 0)
		*--p = '-';
	memcpy(buf, p, (size_t)(tmp + sizeof tmp - p));
}

void
sd_money_format(sd_money m, char buf[32])
{
	fixed_format(m, 2, buf);
}

int
sd_money_add(sd_money *acc, sd_money m)
{
	sd_money sum;

	if (__builtin_add_overflow(*acc, m, &sum))
		return -2;
	*acc = sum;
	return 0;
}

/* p / den rounded half away from zero; den != 0, |p| < 2^126. */
static i128
div_round(i128 p, i128 den)
{
	i128 q = p / den, r = p % den;

	if (r < 0)
		r = -r;
	if (2 * r >= (den < 0 ? -den : den))
		q += (p < 0) == (den < 0) ? 1 : -1;
	return q;
}

int
sd_muldiv(int64_t a, int64_t num, int64_t den, int64_t *out)
{
	i128 q;

	if (den == 0)
		return -2;
	q = div_round((i128)a * num, den);
	if (q < INT64_MIN || q > INT64_MAX)
		return -2;
	*out = (int64_t)q;
	return 0;
}

/* Tenths of a percent, so the rounding happens once, in integers. */
void
sd_percent_format(int64_t part, int64_t whole, char buf[32])
{
	if (whole == 0) {
		buf[0] = '\0';
		return;
	}
	fixed_format(div_round((i128)part * 1000, whole), 1, buf);
}
