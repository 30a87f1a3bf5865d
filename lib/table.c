/*
 * table.c: a whole CSV file in memory, for the commands that change rows
 * in place (move, cancel, log, set).  Columns a person added are kept, in
 * their place, and written back unchanged.
 */
#include <stdlib.h>
#include <string.h>

#include "salesdesk.h"

static void
add_col(sd_table *t, const char *name)
{
	t->cols = sd_xrealloc(t->cols, (t->ncols + 1) * sizeof *t->cols);
	t->cols[t->ncols++] = sd_xstrdup(name);
}

static void
read_header(sd_table *t, const sd_csv *r, const char *const *want,
    size_t nwant)
{
	for (size_t i = 0; i < sd_csv_ncols(r); i++)
		add_col(t, sd_csv_colname(r, i));
	for (size_t i = 0; i < nwant; i++)
		if (sd_csv_col(r, want[i]) < 0 && sd_table_col(t, want[i]) < 0)
			add_col(t, want[i]);
}

static void
keep_row(sd_table *t, const sd_row *row)
{
	size_t at = sd_table_add(t);

	for (size_t i = 0; i < row->n; i++)
		t->cells[at * t->ncols + i] = sd_xstrdup(row->field[i]);
	t->lines[at] = row->line;
}

int
sd_table_load(sd_table *t, const char *path, const char *const *want,
    size_t nwant, sd_err *e)
{
	sd_csv *r;
	sd_row *row;
	int got, status;

	memset(t, 0, sizeof *t);
	t->name = sd_xstrdup(path);
	if ((status = sd_csv_open(&r, path, SD_CSV_MISSING_OK, e)) != 0)
		return status;
	read_header(t, r, want, nwant);
	while ((got = sd_csv_next(r, &row, e)) == 1)
		keep_row(t, row);
	sd_csv_close(r);
	return got < 0 ? e->status : 0;
}

void
sd_table_free(sd_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cells);
	free(t->cols);
	free(t->lines);
	free(t->name);
	memset(t, 0, sizeof *t);
}

int
sd_table_col(const sd_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++) {
		char *copy = sd_xstrdup(t->cols[i]);
		bool same = sd_streq_ci(sd_trim(copy), name);

		free(copy);
		if (same)
			return (int)i;
	}
	return -1;
}

const char *
sd_table_get(const sd_table *t, size_t row, int col)
{
	const char *v;

	if (col < 0 || row >= t->nrows)
		return "";
	v = t->cells[row * t->ncols + (size_t)col];
	return v ? v : "";
}

void
sd_table_set(sd_table *t, size_t row, int col, const char *value)
{
	char **cell;

	if (col < 0 || row >= t->nrows)
		return;
	cell = &t->cells[row * t->ncols + (size_t)col];
	free(*cell);
	*cell = sd_xstrdup(value);
}

size_t
sd_table_add(sd_table *t)
{
	if (t->nrows == t->caprows) {
		t->caprows = t->caprows ? t->caprows * 2 : 64;
		t->cells = sd_xrealloc(t->cells,
		    t->caprows * (t->ncols ? t->ncols : 1) * sizeof *t->cells);
		t->lines = sd_xrealloc(t->lines, t->caprows * sizeof *t->lines);
	}
	memset(t->cells + t->nrows * t->ncols, 0, t->ncols * sizeof *t->cells);
	t->lines[t->nrows] = 0;
	return t->nrows++;
}

long
sd_table_find(const sd_table *t, int col, const char *value)
{
	for (size_t r = 0; col >= 0 && r < t->nrows; r++)
		if (strcmp(sd_table_get(t, r, col), value) == 0)
			return (long)r;
	return -1;
}

int
sd_table_write(const sd_table *t, FILE *f)
{
	const char **cells = sd_xcalloc(t->ncols, sizeof *cells);
	int rc = sd_csv_put_row(f, t->ncols, (const char *const *)t->cols);

	for (size_t r = 0; rc == 0 && r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			cells[c] = sd_table_get(t, r, (int)c);
		rc = sd_csv_put_row(f, t->ncols, cells);
	}
	free(cells);
	return rc;
}

int
sd_table_save(const sd_table *t, sd_store *st, const char *name, sd_err *e)
{
	sd_replace rp;
	int status;

	if ((status = sd_replace_begin(st, name, &rp, e)) != 0)
		return status;
	if (sd_table_write(t, rp.f) != 0) {
		sd_replace_abort(&rp);
		return sd_fail_at(e, EX_IOERR, name, 0, "write failed");
	}
	return sd_replace_commit(&rp, e);
}

char *
sd_csv_line(size_t n, const char *const *fields)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL || sd_csv_put_row(f, n, fields) != 0 || fclose(f) != 0) {
		fputs("salesdesk: out of memory\n", stderr);
		exit(EX_OSERR);
	}
	return text;
}
