/* util.c: allocation that cannot return NULL, small string helpers. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "salesdesk.h"

/* Out of memory is not an error a tool can report usefully row by row:
 * say so and stop, leaving the data files as they were (every write goes
 * through a temporary file). */
static void *
checked(void *p)
{
	if (p == NULL) {
		fputs("salesdesk: out of memory\n", stderr);
		exit(EX_OSERR);
	}
	return p;
}

void *
sd_xmalloc(size_t n)
{
	return checked(malloc(n ? n : 1));
}

void *
sd_xcalloc(size_t n, size_t size)
{
	return checked(calloc(n ? n : 1, size ? size : 1));
}

void *
sd_xrealloc(void *p, size_t n)
{
	return checked(realloc(p, n ? n : 1));
}

void *
sd_xalloc_lines(size_t n)
{
	size_t size = (n / SD_LINE + 1) * SD_LINE;

	return memset(checked(aligned_alloc(SD_LINE, size)), 0, size);
}

char *
sd_xstrdup(const char *s)
{
	return checked(strdup(s));
}

char *
sd_trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

bool
sd_streq_ci(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

/* Display width in a terminal, near enough: code points, not bytes. */
size_t
sd_text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

#define POOL_BLOCK (64 * 1024)

struct sd_strblock {
	struct sd_strblock *next;
	size_t used, cap;
	char text[];
};

char *
sd_strpool_add(sd_strpool *pool, const char *s)
{
	size_t n = strlen(s) + 1;
	struct sd_strblock *blk = pool->blocks;
	char *p;

	if (blk == NULL || blk->cap - blk->used < n) {
		size_t cap = n > POOL_BLOCK ? n : POOL_BLOCK;

		blk = sd_xmalloc(sizeof *blk + cap);
		blk->used = 0;
		blk->cap = cap;
		blk->next = pool->blocks;
		pool->blocks = blk;
	}
	p = blk->text + blk->used;
	memcpy(p, s, n);
	blk->used += n;
	return p;
}

void
sd_strpool_free(sd_strpool *pool)
{
	struct sd_strblock *blk, *next;

	for (blk = pool->blocks; blk; blk = next) {
		next = blk->next;
		free(blk);
	}
	pool->blocks = NULL;
}
