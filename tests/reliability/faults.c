/*
 * faults.c: an LD_PRELOAD shim that makes one call fail, or kills the
 * process at it, so the tests can prove every write path leaves whole
 * files behind.  Environment:
 *
 *   SD_FAULT_OPS     calls counted, a comma list of write fsync rename
 *                    close ftruncate unlink malloc ("io" is the first six)
 *   SD_FAULT_AT      the counted call (1 is the first) that misbehaves
 *   SD_FAULT_ACTION  fail (default): that call fails with SD_FAULT_ERRNO
 *                    (default EIO; malloc returns NULL); kill: SIGKILL
 *                    before it, or for a write of n bytes after the first
 *                    n * SD_FAULT_CUT / 1000 of them (default 500; 0 is
 *                    none, else at least one and one short of n)
 *   SD_FAULT_LOG     appended: "hit OP N WHAT" when the fault fires, and
 *                    "calls N" at exit (how many there were to try); WHAT
 *                    is "w PATH" for a descriptor open for writing, "r
 *                    PATH" for one read only, "- PATH" for a path
 *   SD_FAULT_TRACE   1: also "call OP N WHAT" for each counted call
 *   SD_FAULT_MALLOC  "all": count every allocation; by default only those
 *                    the program itself makes (malloc, calloc, realloc,
 *                    strdup, strndup called from its own code, lib/ and
 *                    cmd/): glibc falls back silently when its own fail
 *                    (tzset to UTC, stdio to unbuffered), and libical
 *                    does not check them
 *   SD_FAULT_FSIZE   RLIMIT_FSIZE in bytes, SIGXFSZ ignored: writes past
 *                    it fail with EFBIG
 *   SD_FAULT_NOSYNC  1: fsync and fdatasync return at once (they still
 *                    count): a killed process loses nothing they would
 *                    have kept, and thousands of runs go faster
 *
 * Only calls on regular files and directories count, so stdout and
 * stderr do not shift the numbers.  glibc's stdio writes through internal
 * calls no shim can see, so streams opened for writing with fdopen(3)
 * are rebuilt with fopencookie(3) over the shim's own write and close;
 * fileno(3) still gives their descriptor.  malloc failures go through
 * glibc's __libc_ entry points, which need no dlsym (dlsym allocates).
 */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/stat.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum op { OP_WRITE, OP_FSYNC, OP_RENAME, OP_CLOSE, OP_FTRUNCATE, OP_UNLINK,
	OP_MALLOC, NOPS };

static const char *const op_names[NOPS] = { "write", "fsync", "rename",
	"close", "ftruncate", "unlink", "malloc" };

#define NRANGES 8

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static struct {
	bool ready, quiet, counting[NOPS], kill, nosync, trace;
	long at, calls, cut;
	int err;
	const char *log;
	bool all_mallocs;
	uintptr_t exe[NRANGES][2];	/* the program's own mappings */
	int nexe;
} cfg;

/* Streams rebuilt over the shim: FILE to descriptor, for fileno. */
#define NSTREAMS 16
static struct stream { FILE *f; int fd; } streams[NSTREAMS];

static void
note(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int fd, n;

	if (cfg.log == NULL)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= (int)sizeof line)
		n = (int)strlen(line);
	cfg.quiet = true;	/* the log's own calls do not count */
	if ((fd = open(cfg.log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0666)) != -1) {
		if (write(fd, line, (size_t)n) != n)
			n = -1;
		close(fd);
	}
	cfg.quiet = false;
}

static void
parse_ops(const char *s)
{
	for (int i = 0; i < NOPS; i++) {
		const char *p = strstr(s, op_names[i]);
		size_t n = strlen(op_names[i]);

		cfg.counting[i] = p != NULL && (p == s || p[-1] == ',') &&
		    (p[n] == '\0' || p[n] == ',');
	}
	if (strstr(s, "io") != NULL)
		for (int i = 0; i < OP_MALLOC; i++)
			cfg.counting[i] = true;
}

static void
report(void)
{
	note("calls %ld\n", cfg.calls);
}

/* The address ranges /proc/self/maps gives the executable: read with
 * plain system calls, since nothing may allocate before setup is done. */
static void
find_exe(void)
{
	char exe[512], buf[16384], *line, *nl, *p;
	ssize_t n, len = 0;
	int fd;

	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0 ||
	    (fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)) == -1)
		return;
	exe[n] = '\0';
	while (len < (ssize_t)sizeof buf - 1 &&
	    (n = read(fd, buf + len, sizeof buf - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	for (line = buf; cfg.nexe < NRANGES && (nl = strchr(line, '\n'));
	    line = nl + 1) {
		*nl = '\0';
		if ((p = strchr(line, '/')) == NULL || strcmp(p, exe) != 0)
			continue;
		cfg.exe[cfg.nexe][0] = (uintptr_t)strtoull(line, &p, 16);
		cfg.exe[cfg.nexe++][1] = (uintptr_t)strtoull(p + 1, NULL, 16);
	}
}

static bool
from_exe(const void *ra)
{
	uintptr_t a = (uintptr_t)ra;

	if (cfg.all_mallocs)
		return true;
	for (int i = 0; i < cfg.nexe; i++)
		if (a >= cfg.exe[i][0] && a < cfg.exe[i][1])
			return true;
	return false;
}

__attribute__((constructor)) static void
setup(void)
{
	const char *s;

	if ((s = getenv("SD_FAULT_FSIZE")) != NULL && *s) {
		struct rlimit rl;

		rl.rlim_cur = rl.rlim_max = (rlim_t)strtoull(s, NULL, 10);
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
	}
	if ((s = getenv("SD_FAULT_OPS")) != NULL)
		parse_ops(s);
	cfg.at = (s = getenv("SD_FAULT_AT")) ? strtol(s, NULL, 10) : 0;
	cfg.kill = (s = getenv("SD_FAULT_ACTION")) && strcmp(s, "kill") == 0;
	cfg.err = (s = getenv("SD_FAULT_ERRNO")) ? atoi(s) : EIO;
	cfg.log = getenv("SD_FAULT_LOG");
	cfg.all_mallocs = (s = getenv("SD_FAULT_MALLOC")) &&
	    strcmp(s, "all") == 0;
	find_exe();
	cfg.nosync = (s = getenv("SD_FAULT_NOSYNC")) && strcmp(s, "1") == 0;
	cfg.trace = (s = getenv("SD_FAULT_TRACE")) && strcmp(s, "1") == 0;
	cfg.cut = (s = getenv("SD_FAULT_CUT")) ? strtol(s, NULL, 10) : 500;
	cfg.ready = true;
	if (cfg.log)
		atexit(report);
}

static bool
counted_fd(int fd)
{
	struct stat sb;

	return fstat(fd, &sb) == 0 &&
	    (S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode));
}

/* What a call works on, for the log: "w PATH" for a descriptor open for
 * writing, "r PATH" for one open for reading only, "- PATH" for a path. */
static void
target(int fd, const char *path, char *buf, size_t size)
{
	char link[64];
	ssize_t n;
	int mode;

	if (fd < 0) {
		snprintf(buf, size, "- %s", path ? path : "?");
		return;
	}
	mode = fcntl(fd, F_GETFL);
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	buf[0] = mode != -1 && (mode & O_ACCMODE) == O_RDONLY ? 'r' : 'w';
	buf[1] = ' ';
	if ((n = readlink(link, buf + 2, size - 3)) < 0)
		n = 0;
	buf[2 + n] = '\0';
}

/* Is this the call to break?  Counts it when op is being counted. */
static bool
hit(enum op op, int fd, const char *path)
{
	char what[512];

	if (!cfg.ready || cfg.quiet || !cfg.counting[op] ||
	    (fd >= 0 && !counted_fd(fd)))
		return false;
	++cfg.calls;
	if (!cfg.trace && cfg.calls != cfg.at)
		return false;
	if (op == OP_MALLOC)
		snprintf(what, sizeof what, "-");
	else
		target(fd, path, what, sizeof what);
	if (cfg.trace)
		note("call %s %ld %s\n", op_names[op], cfg.calls, what);
	if (cfg.calls != cfg.at)
		return false;
	note("hit %s %ld %s\n", op_names[op], cfg.calls, what);
	return true;
}

static void
die(void)
{
	raise(SIGKILL);
	_exit(137);
}

static int
fail(void)
{
	if (cfg.kill)
		die();
	errno = cfg.err;
	return -1;
}

static void *
no_memory(void)
{
	if (cfg.kill)
		die();
	errno = ENOMEM;
	return NULL;
}

/* The next definition of name; POSIX's way to store dlsym's answer in a
 * function pointer without a cast ISO C forbids. */
#define REAL(ret, name, args) \
	static ret (*real) args; \
	if (real == NULL) \
		*(void **)&real = dlsym(RTLD_NEXT, name)

ssize_t
write(int fd, const void *buf, size_t n)
{
	REAL(ssize_t, "write", (int, const void *, size_t));
	if (!hit(OP_WRITE, fd, NULL))
		return real(fd, buf, n);
	if (cfg.kill) {
		size_t part = (size_t)((double)n * (double)cfg.cut / 1000);

		if (cfg.cut > 0 && n > 1)
			real(fd, buf, part < 1 ? 1 : part >= n ? n - 1 : part);
		die();
	}
	return fail();
}

int
fsync(int fd)
{
	REAL(int, "fsync", (int));
	if (hit(OP_FSYNC, fd, NULL))
		return fail();
	return cfg.nosync ? 0 : real(fd);
}

int
fdatasync(int fd)
{
	REAL(int, "fdatasync", (int));
	if (hit(OP_FSYNC, fd, NULL))
		return fail();
	return cfg.nosync ? 0 : real(fd);
}

int
rename(const char *from, const char *to)
{
	REAL(int, "rename", (const char *, const char *));
	return hit(OP_RENAME, -1, to) ? fail() : real(from, to);
}

/* A close that fails still releases the descriptor, as on Linux. */
int
close(int fd)
{
	REAL(int, "close", (int));
	if (!hit(OP_CLOSE, fd, NULL))
		return real(fd);
	if (cfg.kill)
		die();
	real(fd);
	return fail();
}

int
ftruncate(int fd, off_t size)
{
	REAL(int, "ftruncate", (int, off_t));
	return hit(OP_FTRUNCATE, fd, NULL) ? fail() : real(fd, size);
}

int
unlink(const char *path)
{
	REAL(int, "unlink", (const char *));
	return hit(OP_UNLINK, -1, path) ? fail() : real(path);
}

/* Allocations: counted when the caller is the program itself. */
#define CALLER __builtin_return_address(0)

void *
malloc(size_t n)
{
	return from_exe(CALLER) && hit(OP_MALLOC, -1, NULL) ? no_memory() :
	    __libc_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	return from_exe(CALLER) && hit(OP_MALLOC, -1, NULL) ? no_memory() :
	    __libc_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	return from_exe(CALLER) && hit(OP_MALLOC, -1, NULL) ? no_memory() :
	    __libc_realloc(p, n);
}

static char *
copy(const char *s, size_t n, bool counted)
{
	char *p;

	if (counted && hit(OP_MALLOC, -1, NULL))
		return no_memory();
	if ((p = __libc_malloc(n + 1)) != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *
strdup(const char *s)
{
	return copy(s, strlen(s), from_exe(CALLER));
}

char *
strndup(const char *s, size_t max)
{
	return copy(s, strnlen(s, max), from_exe(CALLER));
}

static ssize_t
cookie_write(void *c, const char *buf, size_t n)
{
	ssize_t w = write(*(int *)c, buf, n);

	return w < 0 ? -1 : w;
}

static int
cookie_close(void *c)
{
	int fd = *(int *)c;

	for (int i = 0; i < NSTREAMS; i++)
		if (streams[i].f != NULL && streams[i].fd == fd)
			streams[i].f = NULL;
	free(c);
	return close(fd);
}

FILE *
fdopen(int fd, const char *mode)
{
	cookie_io_functions_t io = { NULL, cookie_write, NULL, cookie_close };
	int *c, i;
	FILE *f;

	REAL(FILE *, "fdopen", (int, const char *));
	for (i = 0; i < NSTREAMS && streams[i].f != NULL; i++)
		;
	if (strpbrk(mode, "wa+") == NULL || i == NSTREAMS)
		return real(fd, mode);
	if ((c = malloc(sizeof *c)) == NULL)
		return NULL;
	*c = fd;
	if ((f = fopencookie(c, mode, io)) == NULL) {
		free(c);
		return NULL;
	}
	streams[i].f = f;
	streams[i].fd = fd;
	return f;
}

int
fileno(FILE *f)
{
	REAL(int, "fileno", (FILE *));
	for (int i = 0; i < NSTREAMS; i++)
		if (streams[i].f == f)
			return streams[i].fd;
	return real(f);
}
