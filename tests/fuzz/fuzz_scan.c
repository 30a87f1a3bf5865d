/*
 * fuzz_scan.c: the fast reader (lib/scan.c) against the reference
 * (lib/csvio.c, libcsv) on any bytes.  Each input is read by sd_csv and,
 * in step with it, by sd_scan split into 1 to 4 parts read through
 * buffers from 1 byte (grown row by row) to 1 MiB.  Every row sd_scan
 * yields must be the row sd_csv yields at that place; sd_scan must end
 * where sd_csv ends, or decline; and with one part it declines exactly
 * the files sd_csv refuses.  More parts may also decline a file whose
 * split fell inside a quoted field, never accept a wrong one.
 */
#include "fuzz.h"

static const struct {
	size_t nparts, bufsize;
} configs[] = { { 1, 0 }, { 1, 1 }, { 2, 3 }, { 3, 16 }, { 4, 64 } };

static bool
same_row(const sd_row *a, const sd_row *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->len[i] != b->len[i] ||
		    memcmp(a->field[i], b->field[i], a->len[i] + 1) != 0)
			return false;
	return true;
}

/* Read the rest of r: 0 at a clean end, -1 at an error. */
static int
drain(sd_csv *r)
{
	sd_row *row;
	sd_err e = { 0 };
	int got;

	while ((got = sd_csv_next(r, &row, &e)) == 1)
		;
	FUZZ_CHECK(got == 0 || e.status == EX_DATAERR);
	return got;
}

static void
same_header(const sd_csv *r, const sd_scan *s)
{
	FUZZ_CHECK(sd_scan_ncols(s) == sd_csv_ncols(r));
	for (size_t i = 0; i < sd_csv_ncols(r); i++)
		FUZZ_CHECK(strcmp(sd_scan_colname(s, i),
		    sd_csv_colname(r, i)) == 0);
}

/* The parts in order, each row against sd_csv's: 0, or -1 declined. */
static int
in_step(sd_csv *r, sd_scan *s)
{
	sd_row *mine, *ref;
	sd_err e = { 0 };
	int got;

	for (size_t k = 0; k < sd_scan_nparts(s); k++) {
		sd_scan_part *p = sd_scan_part_at(s, k);

		while ((got = sd_scan_next(p, &mine)) == 1) {
			FUZZ_CHECK(mine->line == 0);
			FUZZ_CHECK(sd_csv_next(r, &ref, &e) == 1);
			FUZZ_CHECK(same_row(mine, ref));
		}
		if (got < 0)
			return -1;
	}
	return 0;
}

static void
check(const char *path, const uint8_t *data, size_t size, size_t nparts,
    size_t bufsize)
{
	sd_csv *r = NULL;
	sd_scan *s;
	sd_err e = { 0 };
	bool ref_open = sd_csv_open(&r, path, 0, &e) == 0;

	if (sd_scan_open(&s, path, nparts, bufsize) != 0) {
		/* Declined at the header: sd_csv must refuse the file. */
		FUZZ_CHECK(!ref_open || drain(r) < 0);
		sd_csv_close(r);
		return;
	}
	FUZZ_CHECK(ref_open);
	same_header(r, s);
	if (in_step(r, s) == 0)
		FUZZ_CHECK(drain(r) == 0);
	else
		FUZZ_CHECK(drain(r) < 0 ||
		    (nparts > 1 && memchr(data, '"', size) != NULL));
	sd_scan_close(s);
	sd_csv_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fuzz_file in;
	const char *path = fuzz_file_put(&in, data, size);

	for (size_t i = 0; i < sizeof configs / sizeof *configs; i++)
		check(path, data, size, configs[i].nparts, configs[i].bufsize);
	return 0;
}
