/* err.c: the error record the library fills and the tools report. */
#include <stdarg.h>
#include <string.h>

#include "salesdesk.h"

static int
vfail(sd_err *e, int status, const char *where, const char *fmt, va_list ap)
{
	e->status = status;
	snprintf(e->where, sizeof e->where, "%s", where);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	return status;
}

int
sd_fail(sd_err *e, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(e, status, "", fmt, ap);
	va_end(ap);
	return status;
}

int
sd_fail_at(sd_err *e, int status, const char *file, long line,
    const char *fmt, ...)
{
	char where[sizeof e->where];
	va_list ap;

	if (line > 0)
		snprintf(where, sizeof where, "%s:%ld", file, line);
	else
		snprintf(where, sizeof where, "%s", file);
	va_start(ap, fmt);
	vfail(e, status, where, fmt, ap);
	va_end(ap);
	return status;
}

void
sd_err_clear(sd_err *e)
{
	e->status = 0;
	e->where[0] = e->msg[0] = '\0';
}

void
sd_err_print(const char *tool, const sd_err *e)
{
	if (e->where[0])
		fprintf(stderr, "%s: %s: %s\n", tool, e->where, e->msg);
	else
		fprintf(stderr, "%s: %s\n", tool, e->msg);
}

/* A value as it may appear in a one-line message: at most 40 bytes, with
 * newlines and other control bytes shown as \n or \xHH. */
const char *
sd_quote_value(const char *value, char *buf, size_t size)
{
	size_t o = 0, shown = 0;

	for (const unsigned char *p = (const unsigned char *)value;
	    *p && o + 8 < size; p++, shown++) {
		if (shown == 40) {
			o += snprintf(buf + o, size - o, "...");
			break;
		}
		if (*p == '\n')
			o += snprintf(buf + o, size - o, "\\n");
		else if (*p < 0x20 || *p == 0x7f)
			o += snprintf(buf + o, size - o, "\\x%02x", *p);
		else
			buf[o++] = (char)*p;
	}
	buf[o] = '\0';
	return buf;
}
