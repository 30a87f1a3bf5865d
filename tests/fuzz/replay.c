/*
 * replay.c: a main for a fuzz harness without libFuzzer.  Each FILE (a
 * directory stands for the files in it) goes through
 * LLVMFuzzerTestOneInput once, and each gives a TAP line, so make check
 * replays the seed corpora and every crash ever kept in them.  When a
 * sanitizer or a failed check kills the run, the input at fault is still
 * named: a "not ok" line is ready before each call.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>
#endif

#include "salesdesk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char obituary[4096];

static void
died(void)
{
	ssize_t n = write(STDOUT_FILENO, obituary, strlen(obituary));

	(void)n;
}

static void
on_abort(int sig)
{
	died();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A file's bytes in a block of exactly their size, as libFuzzer gives
 * them, so reading one byte past the input is caught. */
static unsigned char *
slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL, *exact;
	size_t cap = 0, n;

	*size = 0;
	if (f == NULL)
		return NULL;
	do {
		if (*size == cap)
			buf = sd_xrealloc(buf, cap = cap * 2 + 4096);
		n = fread(buf + *size, 1, cap - *size, f);
		*size += n;
	} while (n > 0);
	exact = ferror(f) ? NULL : sd_xmalloc(*size ? *size : 1);
	if (exact)
		memcpy(exact, buf, *size);
	free(buf);
	fclose(f);
	return exact;
}

static int
replay(int num, const char *path)
{
	unsigned char *data;
	size_t size;

	if ((data = slurp(path, &size)) == NULL) {
		printf("not ok %d - %s: %s\n", num, path, strerror(errno));
		return 1;
	}
	snprintf(obituary, sizeof obituary, "not ok %d - %s\n", num, path);
	fflush(stdout);
	LLVMFuzzerTestOneInput(data, size);
	obituary[0] = '\0';
	free(data);
	printf("ok %d - %s\n", num, path);
	return 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct names {
	char **v;
	size_t n, cap;
};

static void
add_name(struct names *l, const char *dir, const char *name)
{
	size_t len = (dir ? strlen(dir) + 1 : 0) + strlen(name) + 1;

	if (l->n == l->cap)
		l->v = sd_xrealloc(l->v, (l->cap = l->cap * 2 + 16) *
		    sizeof *l->v);
	l->v[l->n] = sd_xmalloc(len);
	snprintf(l->v[l->n++], len, "%s%s%s", dir ? dir : "", dir ? "/" : "",
	    name);
}

/* The inputs: files as given, a directory's files sorted by name. */
static void
expand(char **args, int nargs, struct names *l)
{
	struct dirent *de;
	size_t first;
	DIR *d;

	for (int i = 0; i < nargs; i++) {
		if ((d = opendir(args[i])) == NULL) {
			add_name(l, NULL, args[i]);
			continue;
		}
		first = l->n;
		while ((de = readdir(d)) != NULL)
			if (de->d_name[0] != '.')
				add_name(l, args[i], de->d_name);
		closedir(d);
		qsort(l->v + first, l->n - first, sizeof *l->v, cmp_names);
	}
}

int
main(int argc, char **argv)
{
	struct names in = { NULL, 0, 0 };
	int failed = 0;

	expand(argv + 1, argc - 1, &in);
	signal(SIGABRT, on_abort);
#ifdef __SANITIZE_ADDRESS__
	__sanitizer_set_death_callback(died);
#endif
	printf("1..%zu\n", in.n);
	for (size_t i = 0; i < in.n; i++) {
		failed |= replay((int)i + 1, in.v[i]);
		free(in.v[i]);
	}
	free(in.v);
	return failed;
}
