/*
 * internal.h: what the library's modules (and their tests) share that is
 * not the library's interface.
 */
#ifndef SD_INTERNAL_H
#define SD_INTERNAL_H

#include <stdint.h>

/* The days an sd_day may hold: 0001-01-01 to 9999-12-31. */
#define SD_FIRST_DAY	(-719162)
#define SD_LAST_DAY	2932896

/* The widest offsets from UTC RFC 8536 allows, in seconds: the instants
 * of a wall time all lie within them. */
#define SD_OFF_MIN	(-89999)
#define SD_OFF_MAX	93599

/* a / b rounded toward minus infinity, and what is left (0 to b - 1 for
 * b > 0): the day of an instant before 1970 is not the one after it. */
static inline int64_t
sd_floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static inline int64_t
sd_floor_mod(int64_t a, int64_t b)
{
	return a - sd_floor_div(a, b) * b;
}

#endif
