/*
 * out.c: rows out as csv, tsv, table, json (JSON Lines), md or html.
 *
 * The header is written with the first row, so a command that finds
 * nothing prints nothing (cron mails nothing).  table and md keep the rows
 * to align the columns; the other formats stream.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

static const char *const format_names[] = {
	[SD_FMT_CSV] = "csv", [SD_FMT_TSV] = "tsv", [SD_FMT_TABLE] = "table",
	[SD_FMT_JSON] = "json", [SD_FMT_MD] = "md", [SD_FMT_HTML] = "html",
	[SD_FMT_ICS] = "ics",
};

struct sd_out {
	FILE *f;
	enum sd_format fmt;
	bool header, csv_safe, started;
	size_t ncols;
	char **names;
	enum sd_coltype *types;
	char **kept;		/* table, md: every cell, row after row */
	size_t nkept, capkept;
	int err;		/* errno of the first failed write, or 0 */
};

int
sd_format_parse(const char *s, enum sd_format *out)
{
	for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
		if (strcmp(s, format_names[i]) == 0) {
			*out = (enum sd_format)i;
			return 0;
		}
	return -1;
}

const char *
sd_format_name(enum sd_format f)
{
	return format_names[f];
}

sd_out *
sd_out_new(FILE *f, enum sd_format fmt, bool header, bool csv_safe)
{
	sd_out *o = sd_xcalloc(1, sizeof *o);

	o->f = f;
	o->fmt = fmt;
	o->header = header;
	o->csv_safe = csv_safe;
	return o;
}

void
sd_out_columns(sd_out *o, size_t n, const char *const *names,
    const enum sd_coltype *types)
{
	o->ncols = n;
	o->names = sd_xcalloc(n, sizeof *o->names);
	o->types = sd_xcalloc(n, sizeof *o->types);
	for (size_t i = 0; i < n; i++) {
		o->names[i] = sd_xstrdup(names[i]);
		o->types[i] = types ? types[i] : SD_TEXT;
	}
}

/* The csv_safe guard: a leading quote makes a spreadsheet show the cell
 * as text instead of running it. */
static const char *
guarded(const sd_out *o, size_t col, const char *v, char **tofree)
{
	*tofree = NULL;
	if (!o->csv_safe || o->types[col] != SD_TEXT || !sd_csv_unsafe_cell(v))
		return v;
	*tofree = sd_xmalloc(strlen(v) + 2);
	(*tofree)[0] = '\'';
	strcpy(*tofree + 1, v);
	return *tofree;
}

static void
put_tsv_field(FILE *f, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		default: putc(*s, f);
		}
}

static void
put_delimited(sd_out *o, const char *const *v)
{
	for (size_t i = 0; i < o->ncols; i++) {
		char *tofree;
		const char *s = guarded(o, i, v[i] ? v[i] : "", &tofree);

		if (i > 0)
			putc(o->fmt == SD_FMT_TSV ? '\t' : ',', o->f);
		if (o->fmt == SD_FMT_TSV)
			put_tsv_field(o->f, s);
		else
			sd_csv_put_field(o->f, s, ',');
		free(tofree);
	}
	putc('\n', o->f);
}

static void
put_json_string(FILE *f, const char *s)
{
	putc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			putc(*p, f);
	}
	putc('"', f);
}

/* A number JSON accepts as it is: -?digits(.digits)?, no leading zeros. */
static bool
json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0' && s[1] >= '0' && s[1] <= '9')
		return false;
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		if (s[1] < '0' || s[1] > '9')
			return false;
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	}
	return *s == '\0';
}

static void
put_json(sd_out *o, const char *const *v)
{
	putc('{', o->f);
	for (size_t i = 0; i < o->ncols; i++) {
		const char *s = v[i] ? v[i] : "";

		if (i > 0)
			putc(',', o->f);
		put_json_string(o->f, o->names[i]);
		putc(':', o->f);
		if (o->types[i] == SD_NUM && *s == '\0')
			fputs("null", o->f);
		else if (o->types[i] == SD_NUM && json_number(s))
			fputs(s, o->f);
		else
			put_json_string(o->f, s);
	}
	fputs("}\n", o->f);
}

static void
keep(sd_out *o, const char *const *v)
{
	if (o->nkept + o->ncols > o->capkept) {
		o->capkept = (o->capkept + o->ncols) * 2;
		o->kept = sd_xrealloc(o->kept, o->capkept * sizeof *o->kept);
	}
	for (size_t i = 0; i < o->ncols; i++) {
		char *tofree;
		const char *s = guarded(o, i, v[i] ? v[i] : "", &tofree);

		o->kept[o->nkept++] = tofree ? tofree : sd_xstrdup(s);
	}
}

static void
put_html_cell(FILE *f, const char *tag, const char *s)
{
	fprintf(f, "<%s>", tag);
	sd_html_text(f, s);
	fprintf(f, "</%s>", tag);
}

static void
put_html_row(sd_out *o, const char *const *v, const char *tag)
{
	fputs("<tr>", o->f);
	for (size_t i = 0; i < o->ncols; i++)
		put_html_cell(o->f, tag, v[i] ? v[i] : "");
	fputs("</tr>\n", o->f);
}

static void
start(sd_out *o)
{
	o->started = true;
	if (o->fmt == SD_FMT_HTML) {
		fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
		    "<title>salesdesk</title></head><body><table>\n", o->f);
		put_html_row(o, (const char *const *)o->names, "th");
		return;
	}
	if (!o->header || o->fmt == SD_FMT_JSON)
		return;
	if (o->fmt == SD_FMT_CSV || o->fmt == SD_FMT_TSV) {
		bool safe = o->csv_safe;

		o->csv_safe = false;	/* our own column names need no guard */
		put_delimited(o, (const char *const *)o->names);
		o->csv_safe = safe;
	}
}

/* errno is only good right after the write that failed: keep it then. */
static void
note_error(sd_out *o)
{
	if (o->err == 0 && ferror(o->f))
		o->err = errno != 0 ? errno : EIO;
}

void
sd_out_row(sd_out *o, const char *const *values)
{
	errno = 0;
	if (!o->started)
		start(o);
	switch (o->fmt) {
	case SD_FMT_JSON:
		put_json(o, values);
		break;
	case SD_FMT_TABLE:
	case SD_FMT_MD:
		keep(o, values);
		break;
	case SD_FMT_HTML:
		put_html_row(o, values, "td");
		break;
	default:
		put_delimited(o, values);
	}
	note_error(o);
}

static void
pad(FILE *f, size_t n)
{
	while (n-- > 0)
		putc(' ', f);
}

/* One table cell: numbers right-aligned, text left-aligned; newlines in
 * a cell would break the table, so they show as a space. */
static void
put_cell(sd_out *o, size_t col, const char *s, size_t w, bool last)
{
	size_t gap = w - sd_text_width(s);

	if (o->types[col] == SD_NUM)
		pad(o->f, gap);
	for (; *s; s++)
		putc(*s == '\n' || *s == '\r' ? ' ' : *s, o->f);
	if (o->types[col] != SD_NUM && !last)
		pad(o->f, gap);
}

static void
put_md_cell(FILE *f, const char *s)
{
	putc(' ', f);
	for (; *s; s++)
		if (*s == '|')
			fputs("\\|", f);
		else
			putc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	fputs(" |", f);
}

static void
put_md_line(sd_out *o, char *const *cells)
{
	putc('|', o->f);
	for (size_t i = 0; i < o->ncols; i++)
		put_md_cell(o->f, cells[i]);
	putc('\n', o->f);
}

static void
flush_md(sd_out *o)
{
	put_md_line(o, o->names);
	putc('|', o->f);
	for (size_t i = 0; i < o->ncols; i++)
		fputs(o->types[i] == SD_NUM ? " ---: |" : " --- |", o->f);
	putc('\n', o->f);
	for (size_t r = 0; r < o->nkept; r += o->ncols)
		put_md_line(o, o->kept + r);
}

/* Empty cells at the end of a line would leave trailing spaces. */
static void
put_table_line(sd_out *o, char *const *cells, const size_t *w)
{
	size_t n = o->ncols;

	while (n > 1 && cells[n - 1][0] == '\0')
		n--;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputs("  ", o->f);
		put_cell(o, i, cells[i], w[i], i + 1 == n);
	}
	putc('\n', o->f);
}

static void
flush_table(sd_out *o)
{
	size_t *w = sd_xcalloc(o->ncols, sizeof *w);

	for (size_t i = 0; i < o->ncols; i++)
		if (o->header)
			w[i] = sd_text_width(o->names[i]);
	for (size_t r = 0; r < o->nkept; r++) {
		size_t cw = sd_text_width(o->kept[r]);

		if (cw > w[r % o->ncols])
			w[r % o->ncols] = cw;
	}
	if (o->header)
		put_table_line(o, o->names, w);
	for (size_t r = 0; r < o->nkept; r += o->ncols)
		put_table_line(o, o->kept + r, w);
	free(w);
}

static void
out_free(sd_out *o)
{
	for (size_t i = 0; i < o->ncols; i++)
		free(o->names[i]);
	for (size_t i = 0; i < o->nkept; i++)
		free(o->kept[i]);
	free(o->names);
	free(o->types);
	free(o->kept);
	free(o);
}

/* A reader that went away (head -1) is no error to report: exit 74 with
 * no message, as quiet as the SIGPIPE that would have ended us. */
static int
write_error(sd_err *e, const char *name, int err)
{
	if (err == EPIPE) {
		sd_err_clear(e);
		e->status = EX_IOERR;
		return EX_IOERR;
	}
	return sd_fail(e, EX_IOERR, "%s: write error: %s", name,
	    strerror(err));
}

int
sd_out_end(sd_out *o, sd_err *e)
{
	const char *name = o->f == stdout ? "stdout" : "output";
	int status = 0;

	errno = 0;
	if (o->started && o->fmt == SD_FMT_TABLE)
		flush_table(o);
	else if (o->started && o->fmt == SD_FMT_MD)
		flush_md(o);
	else if (o->started && o->fmt == SD_FMT_HTML)
		fputs("</table></body></html>\n", o->f);
	note_error(o);
	if (fflush(o->f) == EOF && o->err == 0)
		o->err = errno != 0 ? errno : EIO;
	if (o->err != 0 || ferror(o->f))
		status = write_error(e, name, o->err ? o->err : EIO);
	out_free(o);
	return status;
}

int
sd_close_stdout(sd_err *e)
{
	int err = 0;

	errno = 0;
	if (ferror(stdout))
		err = EIO;	/* reported already, unless ignored */
	if (fflush(stdout) == EOF || fclose(stdout) == EOF)
		err = errno != 0 ? errno : EIO;
	return err != 0 ? write_error(e, "stdout", err) : 0;
}
