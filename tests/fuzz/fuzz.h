/*
 * fuzz.h: what the harnesses share.  The readers under test take paths,
 * so an input becomes a file in memory (memfd) named by /proc/self/fd/N:
 * nothing is left on disk, even when a run dies.  Include it first: it
 * asks for memfd_create.
 */
#ifndef FUZZ_H
#define FUZZ_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "salesdesk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant is a crash, so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
		    __LINE__, #cond);					\
		abort();						\
	}								\
} while (0)

struct fuzz_file {
	int fd;			/* 0 until first use */
	char path[32];
};

/* The input as a C string of exactly its bytes: a NUL inside ends it. */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	FUZZ_CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Make f hold exactly the bytes given; returns its path. */
static inline const char *
fuzz_file_put(struct fuzz_file *f, const void *data, size_t size)
{
	size_t done = 0;
	ssize_t n;

	if (f->fd <= 0) {
		f->fd = memfd_create("fuzz", MFD_CLOEXEC);
		FUZZ_CHECK(f->fd > 0);
		snprintf(f->path, sizeof f->path, "/proc/self/fd/%d", f->fd);
	}
	FUZZ_CHECK(ftruncate(f->fd, 0) == 0);
	for (; done < size; done += (size_t)n) {
		n = pwrite(f->fd, (const char *)data + done, size - done,
		    (off_t)done);
		FUZZ_CHECK(n > 0);
	}
	return f->path;
}

#endif
