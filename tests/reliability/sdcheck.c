/*
 * sdcheck: the library's own view of a data directory, for the
 * reliability tests.
 *
 *   sdcheck parse FILE...  read each file strictly, as every tool does;
 *                          the first error, exit 65
 *   sdcheck lock DIR       take DIR's lock without waiting, as every
 *                          command that writes does first (undoing an
 *                          interrupted append, sweeping stale temporary
 *                          files), and release it; 75 if it is held
 */
#include <stdio.h>
#include <string.h>

#include "salesdesk.h"

static int
parse(const char *path)
{
	sd_err e = { 0 };
	sd_csv *r;
	sd_row *row;
	int got;

	if (sd_csv_open(&r, path, 0, &e) != 0) {
		sd_err_print("sdcheck", &e);
		return e.status;
	}
	while ((got = sd_csv_next(r, &row, &e)) == 1)
		;
	sd_csv_close(r);
	if (got == -1) {
		sd_err_print("sdcheck", &e);
		return e.status;
	}
	return 0;
}

static int
lock(const char *dir)
{
	sd_err e = { 0 };
	sd_store st;
	int rc;

	if ((rc = sd_store_init(&st, dir, &e)) == 0) {
		st.lock_timeout_ms = 0;
		rc = sd_store_lock(&st, &e);
		sd_store_free(&st);
	}
	if (rc != 0)
		sd_err_print("sdcheck", &e);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc = 0;

	if (argc >= 3 && strcmp(argv[1], "parse") == 0) {
		for (int i = 2; i < argc && rc == 0; i++)
			rc = parse(argv[i]);
		return rc;
	}
	if (argc == 3 && strcmp(argv[1], "lock") == 0)
		return lock(argv[2]);
	fputs("usage: sdcheck parse FILE...\n       sdcheck lock DIR\n",
	    stderr);
	return EX_USAGE;
}
