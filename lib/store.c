/*
 * store.c: the data directory, its lock and atomic writes.
 *
 * Every change happens under flock(2) on DIR/.lock.  A rewrite goes to a
 * temporary file beside its target and is flushed, synced and read back
 * before rename(2) puts it in place, so a reader or a crash sees the old
 * file or the new one.  An append to a file of up to APPEND_COPY_MAX is
 * such a rewrite.  A larger file takes its rows in place: the append
 * first records the file's size in DIR/.journal, and a writer killed
 * halfway is undone by the next one to take the lock (until then, a
 * reader may see the interrupted rows at the end of the file).  Taking
 * the lock also removes the temporary files a killed writer left in DIR
 * and in the contracts store.
 * DIR/.ids keeps the highest id issued per file, with the size, inode and
 * mtime of the file it has seen, so an id is never issued twice even after
 * its row is deleted, and a million-row file is not rescanned for each new
 * id unless a person changed it.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "salesdesk.h"

#define LOCK_NAME	".lock"
#define JOURNAL_NAME	".journal"
#define IDS_NAME	".ids"
#define TMP_MARK	".tmp."
#define TMP_SUFFIX	"XXXXXX"
#define WRITE_BUF	(256 * 1024)
#define META_MAX	(64 * 1024)	/* .journal and .ids are a few lines */
#define NAP_MAX_US	5000
/* Up to this size an append writes the whole file anew (append_copy), so
 * that readers never see half of it; past it, copying for each row would
 * cost too much and the rows go in place, under the journal. */
#define APPEND_COPY_MAX	(1024 * 1024)

/* What identifies one version of a data file; all zero when absent. */
struct fprint {
	uint64_t ino, size;
	int64_t mtime_ns;
};

struct id_entry {
	char *name, *prefix;
	int64_t high;
	bool has_print;		/* a line a person wrote has none */
	struct fprint print;
};

struct id_table {
	struct id_entry *v;
	size_t n;
};

/* The mode a new file gets: what open(2) would give 0666.  The umask can
 * only be read by setting it, so read it once. */
static mode_t
file_mode(void)
{
	static mode_t mask;
	static bool known;

	if (!known) {
		mask = umask(0);
		umask(mask);
		known = true;
	}
	return 0666 & ~mask;
}

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir), size = n + strlen(name) + 2;
	char *p = sd_xmalloc(size);

	snprintf(p, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/",
	    name);
	return p;
}

/* A copy of dir without trailing slashes ("/" stays). */
static char *
dir_copy(const char *dir)
{
	char *p = sd_xstrdup(dir);
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	return p;
}

int
sd_store_init(sd_store *st, const char *dir_opt, sd_err *e)
{
	const char *env;

	st->dir = NULL;
	st->lock_fd = -1;
	st->lock_timeout_ms = 10000;
	if (dir_opt != NULL) {
		if (*dir_opt == '\0')
			return sd_fail(e, EX_USAGE,
			    "empty data directory name");
		st->dir = dir_copy(dir_opt);
	} else if ((env = getenv("SALESDESK_DIR")) != NULL && *env)
		st->dir = dir_copy(env);
	else if ((env = getenv("XDG_DATA_HOME")) != NULL && *env == '/')
		st->dir = join(env, "salesdesk");	/* relative: ignored */
	else if ((env = getenv("HOME")) != NULL && *env)
		st->dir = join(env, ".local/share/salesdesk");
	else
		return sd_fail(e, EX_CANTCREAT,
		    "no data directory: set SALESDESK_DIR or HOME");
	return 0;
}

/* A zeroed store (never initialised) has no dir and owns no descriptor. */
void
sd_store_free(sd_store *st)
{
	if (st->dir == NULL)
		return;
	sd_store_unlock(st);
	free(st->dir);
	st->dir = NULL;
}

char *
sd_store_path(const sd_store *st, const char *name)
{
	return join(st->dir, name);
}

/* Names of data files are ours: one plain component, no spaces, so they
 * fit the one-line formats of .journal and .ids. */
static int
check_write(const sd_store *st, const char *name, sd_err *e)
{
	const unsigned char *p = (const unsigned char *)name;

	if (*p == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return sd_fail(e, EX_SOFTWARE, "bad data file name '%s'", name);
	for (; *p; p++)
		if (*p == '/' || isspace(*p) || iscntrl(*p))
			return sd_fail(e, EX_SOFTWARE,
			    "bad data file name '%s'", name);
	if (st->lock_fd < 0)
		return sd_fail_at(e, EX_SOFTWARE, st->dir, 0,
		    "%s written without the lock", name);
	return 0;
}

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
sd_sync_dir(const char *dir, sd_err *e)
{
	int fd, rc = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return sd_fail_at(e, EX_IOERR, dir, 0, "%s", strerror(errno));
	/* EINVAL: a file system that cannot sync a directory at all. */
	if (fsync(fd) == -1 && errno != EINVAL)
		rc = sd_fail_at(e, EX_IOERR, dir, 0,
		    "cannot sync directory: %s", strerror(errno));
	close(fd);
	return rc;
}

/* The whole of a small file of ours; *text is NULL when it is absent. */
static int
slurp(const char *path, char **text, sd_err *e)
{
	char *buf = sd_xmalloc(META_MAX + 1);
	size_t len = 0;
	ssize_t r = 0;
	int fd;

	*text = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		free(buf);
		if (errno == ENOENT)
			return 0;
		return sd_fail_at(e, EX_IOERR, path, 0, "%s", strerror(errno));
	}
	while (len < META_MAX) {
		if ((r = read(fd, buf + len, META_MAX - len)) > 0)
			len += (size_t)r;
		else if (r == 0 || errno != EINTR)
			break;
	}
	close(fd);
	if (len == META_MAX || r == -1) {
		free(buf);
		return sd_fail_at(e, EX_IOERR, path, 0, "%s",
		    r == -1 ? strerror(errno) : "too large");
	}
	buf[len] = '\0';
	*text = buf;
	return 0;
}

static bool
is_temp_name(const char *name)
{
	const char *mark = NULL, *p;

	if (name[0] != '.')
		return false;
	for (p = name; (p = strstr(p, TMP_MARK)) != NULL; p++)
		mark = p;
	return mark != NULL &&
	    strlen(mark + strlen(TMP_MARK)) == strlen(TMP_SUFFIX);
}

/* A new file DIR/.NAME.tmp.XXXXXX with mode; returns its descriptor, or
 * -1 with e filled. */
static int
open_temp(const char *dir, const char *name, mode_t mode, char **tmp,
    sd_err *e)
{
	size_t size = strlen(name) + sizeof "." TMP_MARK TMP_SUFFIX;
	char *base = sd_xmalloc(size);
	int fd;

	snprintf(base, size, ".%s" TMP_MARK TMP_SUFFIX, name);
	*tmp = join(dir, base);
	free(base);
	if ((fd = mkstemp(*tmp)) == -1) {
		sd_fail_at(e, EX_CANTCREAT, dir, 0,
		    "cannot create a temporary file: %s", strerror(errno));
	} else if (fchmod(fd, mode) == -1 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) == -1) {
		sd_fail_at(e, EX_CANTCREAT, *tmp, 0, "%s", strerror(errno));
		close(fd);
		unlink(*tmp);
		fd = -1;
	}
	if (fd == -1) {
		free(*tmp);
		*tmp = NULL;
	}
	return fd;
}

/* Replace DIR/name with text, atomically and durably: for our own small
 * files, which are not CSV. */
static int
write_meta(const char *dir, const char *name, const char *text, sd_err *e)
{
	char *tmp, *path;
	int fd, err, rc;

	if ((fd = open_temp(dir, name, file_mode(), &tmp, e)) == -1)
		return e->status;
	if ((err = write_all(fd, text, strlen(text))) == 0 && fsync(fd) == -1)
		err = errno;
	if (close(fd) == -1 && err == 0)
		err = errno;
	path = join(dir, name);
	if (err == 0 && rename(tmp, path) == -1)
		err = errno;
	if (err != 0) {
		unlink(tmp);
		rc = sd_fail_at(e, EX_IOERR, path, 0, "write failed: %s",
		    strerror(err));
	} else
		rc = sd_sync_dir(dir, e);
	free(tmp);
	free(path);
	return rc;
}

static void
fprint_stat(const struct stat *sb, struct fprint *fp)
{
	fp->ino = (uint64_t)sb->st_ino;
	fp->size = (uint64_t)sb->st_size;
	fp->mtime_ns = (int64_t)sb->st_mtim.tv_sec * 1000000000 +
	    sb->st_mtim.tv_nsec;
}

static int
fprint_path(const char *path, struct fprint *fp, sd_err *e)
{
	struct stat sb;

	memset(fp, 0, sizeof *fp);
	if (stat(path, &sb) == 0)
		fprint_stat(&sb, fp);
	else if (errno != ENOENT)
		return sd_fail_at(e, EX_IOERR, path, 0, "%s", strerror(errno));
	return 0;
}

static bool
fprint_same(const struct fprint *a, const struct fprint *b)
{
	return a->ino == b->ino && a->size == b->size &&
	    a->mtime_ns == b->mtime_ns;
}

/* Digits only, no sign, no overflow. */
static int
parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno != 0 || *end != '\0' ? -1 : 0;
}

static int
parse_i64(const char *s, int64_t *v)
{
	uint64_t u;
	bool neg = *s == '-';

	if (parse_u64(s + neg, &u) == -1 || u > INT64_MAX)
		return -1;
	*v = neg ? -(int64_t)u : (int64_t)u;
	return 0;
}

/* The journal is "NAME\nSIZE\n": the file an append was writing to and
 * its size before. */
static int
parse_journal(char *text, char **name, int64_t *size)
{
	char *nl = strchr(text, '\n'), *end;

	if (nl == NULL || nl == text)
		return -1;
	*nl = '\0';
	*name = text;
	if ((end = strchr(nl + 1, '\n')) == NULL || end[1] != '\0')
		return -1;
	*end = '\0';
	return strchr(*name, '/') != NULL || parse_i64(nl + 1, size) == -1 ||
	    *size < 0 ? -1 : 0;
}

static int
drop_journal(const char *dir, sd_err *e)
{
	char *path = join(dir, JOURNAL_NAME);
	int rc = 0;

	if (unlink(path) == -1 && errno != ENOENT)
		rc = sd_fail_at(e, EX_IOERR, path, 0, "%s", strerror(errno));
	free(path);
	return rc == 0 ? sd_sync_dir(dir, e) : rc;
}

/* Cut path back to size: what it was before an append that failed.  A
 * file that is gone or shorter has nothing of that append to remove. */
static int
truncate_back(const char *path, int64_t size, sd_err *e)
{
	struct stat sb;
	int fd, rc = 0;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : sd_fail_at(e, EX_IOERR, path, 0,
		    "cannot undo an interrupted append: %s", strerror(errno));
	if (fstat(fd, &sb) == -1 || (sb.st_size > size &&
	    (ftruncate(fd, (off_t)size) == -1 || fsync(fd) == -1)))
		rc = sd_fail_at(e, EX_IOERR, path, 0,
		    "cannot undo an interrupted append: %s", strerror(errno));
	close(fd);
	return rc;
}

/* A writer was killed during an append: take its rows back out. */
static int
undo_append(const char *dir, sd_err *e)
{
	char *jpath = join(dir, JOURNAL_NAME), *text, *name, *path;
	int64_t size;
	int rc;

	if ((rc = slurp(jpath, &text, e)) != 0 || text == NULL) {
		free(jpath);
		return rc;
	}
	if (parse_journal(text, &name, &size) == -1)
		rc = sd_fail_at(e, EX_DATAERR, jpath, 0, "not a journal of "
		    "an interrupted append; check the data files, then "
		    "remove it");
	else {
		path = join(dir, name);
		rc = truncate_back(path, size, e);
		free(path);
	}
	if (rc == 0)
		rc = drop_journal(dir, e);
	free(text);
	free(jpath);
	return rc;
}

/* Temporary files of a rewrite killed before its rename.  Only safe
 * while holding the lock: no other writer can be using one.  A folder
 * that does not exist has none. */
static int
remove_stale_temps(const char *dir, sd_err *e)
{
	struct dirent *de;
	char *path;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : sd_fail_at(e, EX_IOERR, dir, 0,
		    "%s", strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (!is_temp_name(de->d_name))
			continue;
		path = join(dir, de->d_name);
		if (unlink(path) == -1 && errno != ENOENT)
			rc = sd_fail_at(e, EX_IOERR, path, 0,
			    "cannot remove a stale temporary file: %s",
			    strerror(errno));
		free(path);
	}
	closedir(d);
	return rc;
}

/* The data directory and the contracts store (docstore.c), which writes
 * its documents the same way: a temporary name, then rename(2). */
static int
sweep(const char *dir, sd_err *e)
{
	char *docs = join(dir, SD_DOC_DIR);
	int rc;

	if ((rc = remove_stale_temps(dir, e)) == 0)
		rc = remove_stale_temps(docs, e);
	free(docs);
	return rc;
}

static int
make_dir(const char *path, sd_err *e)
{
	struct stat sb;

	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return 0;
		return sd_fail_at(e, EX_CANTCREAT, path, 0,
		    "not a directory");
	}
	/* EEXIST: another process made it in between. */
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	return sd_fail_at(e, EX_CANTCREAT, path, 0,
	    "cannot create directory: %s", strerror(errno));
}

/* mkdir -p, each new directory 0777 less the umask. */
static int
make_dirs(const char *dir, sd_err *e)
{
	char *p = sd_xstrdup(dir), *s;
	bool end;
	int rc;

	for (s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		end = *s == '\0';
		*s = '\0';
		if ((rc = make_dir(p, e)) != 0 || end)
			break;
		*s = '/';
	}
	free(p);
	return rc;
}

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
nap(int64_t us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static int
locked_error(const sd_store *st, sd_err *e)
{
	int64_t shown = st->lock_timeout_ms;
	const char *unit = "ms";

	if (shown > 0 && shown % 1000 == 0) {
		shown /= 1000;
		unit = "s";
	}
	return sd_fail_at(e, EX_TEMPFAIL, st->dir, 0,
	    "locked by another process for more than %" PRId64 "%s", shown,
	    unit);
}

/* Poll rather than block, so the wait can end: 1 ms at first, since the
 * lock is usually held briefly, backing off to 5 ms.  A waiter asleep for
 * longer kept missing the release to writers just started and polling
 * fast: one of eight busy writers waited past the timeout. */
static int
wait_lock(const sd_store *st, int fd, sd_err *e)
{
	int64_t start = now_us(), left, sleep_us = 1000;

	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EINTR && errno != EWOULDBLOCK && errno != EAGAIN)
			return sd_fail_at(e, EX_IOERR, st->dir, 0,
			    "cannot lock %s: %s", LOCK_NAME, strerror(errno));
		left = st->lock_timeout_ms * 1000 - (now_us() - start);
		if (left <= 0)
			return locked_error(st, e);
		nap(sleep_us < left ? sleep_us : left);
		if ((sleep_us *= 2) > NAP_MAX_US)
			sleep_us = NAP_MAX_US;
	}
}

int
sd_store_lock(sd_store *st, sd_err *e)
{
	char *path;
	int fd, rc;

	if (st->lock_fd >= 0)
		return 0;
	if ((rc = make_dirs(st->dir, e)) != 0)
		return rc;
	path = join(st->dir, LOCK_NAME);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) == -1)
		rc = sd_fail_at(e, EX_CANTCREAT, path, 0, "%s",
		    strerror(errno));
	free(path);
	if (fd == -1)
		return rc;
	if ((rc = wait_lock(st, fd, e)) != 0) {
		close(fd);
		return rc;
	}
	st->lock_fd = fd;
	if ((rc = undo_append(st->dir, e)) == 0)
		rc = sweep(st->dir, e);
	if (rc != 0)
		sd_store_unlock(st);
	return rc;
}

void
sd_store_unlock(sd_store *st)
{
	if (st->lock_fd >= 0) {
		close(st->lock_fd);
		st->lock_fd = -1;
	}
}

static void
ids_free(struct id_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].prefix);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

/* The entry for name and prefix, added (high 0, no print) if missing. */
static struct id_entry *
ids_entry(struct id_table *t, const char *name, const char *prefix)
{
	struct id_entry *ent;

	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0 &&
		    strcmp(t->v[i].prefix, prefix) == 0)
			return &t->v[i];
	t->v = sd_xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	ent = &t->v[t->n++];
	memset(ent, 0, sizeof *ent);
	ent->name = sd_xstrdup(name);
	ent->prefix = sd_xstrdup(prefix);
	return ent;
}

/* "NAME PREFIX HIGH" as a person may write it, or with "INO SIZE
 * MTIME_NS" after it: the version of NAME that HIGH covers.  Two lines
 * for one file and prefix merge into the higher mark, and a rescan. */
static int
ids_parse_line(struct id_table *t, char *line)
{
	char *tok[6], *save = NULL, *s;
	struct id_entry *ent;
	struct fprint fp;
	uint64_t high;
	size_t n = 0, before = t->n;

	for (s = strtok_r(line, " \t", &save); s != NULL;
	    s = strtok_r(NULL, " \t", &save)) {
		if (n == 6)
			return -1;
		tok[n++] = s;
	}
	if (n == 0)
		return 0;
	if ((n != 3 && n != 6) || parse_u64(tok[2], &high) == -1 ||
	    high > INT64_MAX)
		return -1;
	if (n == 6 && (parse_u64(tok[3], &fp.ino) == -1 ||
	    parse_u64(tok[4], &fp.size) == -1 ||
	    parse_i64(tok[5], &fp.mtime_ns) == -1))
		return -1;
	ent = ids_entry(t, tok[0], tok[1]);
	ent->has_print = n == 6 && t->n > before;
	if (ent->has_print)
		ent->print = fp;
	if ((int64_t)high > ent->high)
		ent->high = (int64_t)high;
	return 0;
}

static int
ids_load(const char *dir, struct id_table *t, sd_err *e)
{
	char *path = join(dir, IDS_NAME), *text, *line, *next;
	long lineno = 0;
	int rc;

	t->v = NULL;
	t->n = 0;
	if ((rc = slurp(path, &text, e)) == 0 && text != NULL) {
		for (line = text; rc == 0 && *line; line = next) {
			lineno++;
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			else
				next = line + strlen(line);
			if (ids_parse_line(t, line) == -1)
				rc = sd_fail_at(e, EX_DATAERR, path, lineno,
				    "expected 'FILE PREFIX NUMBER'");
		}
	}
	free(text);
	free(path);
	if (rc != 0)
		ids_free(t);
	return rc;
}

static int
ids_save(const char *dir, const struct id_table *t, sd_err *e)
{
	size_t size = 1, len = 0;
	char *text;
	int rc;

	/* Two spaces, four numbers of at most 20 digits and a sign each, a
	 * space before each of the last three, a newline: 91 bytes. */
	for (size_t i = 0; i < t->n; i++)
		size += strlen(t->v[i].name) + strlen(t->v[i].prefix) + 96;
	text = sd_xmalloc(size);
	text[0] = '\0';
	for (size_t i = 0; i < t->n; i++) {
		const struct id_entry *ent = &t->v[i];

		len += (size_t)snprintf(text + len, size - len,
		    "%s %s %" PRId64, ent->name, ent->prefix, ent->high);
		if (ent->has_print)
			len += (size_t)snprintf(text + len, size - len,
			    " %" PRIu64 " %" PRIu64 " %" PRId64,
			    ent->print.ino, ent->print.size,
			    ent->print.mtime_ns);
		len += (size_t)snprintf(text + len, size - len, "\n");
	}
	rc = write_meta(dir, IDS_NAME, text, e);
	free(text);
	return rc;
}

/* After our own write to name, the entries that covered the old version
 * cover the new one (its new rows took their ids from here).  A failure
 * only costs a rescan on the next id, so it is not reported. */
static void
ids_refresh(const char *dir, const char *name, const struct fprint *old,
    const struct fprint *new)
{
	struct id_table t;
	sd_err ignored;
	bool changed = false;

	if (ids_load(dir, &t, &ignored) != 0)
		return;
	for (size_t i = 0; i < t.n; i++) {
		struct id_entry *ent = &t.v[i];

		if (strcmp(ent->name, name) == 0 && ent->has_print &&
		    fprint_same(&ent->print, old)) {
			ent->print = *new;
			changed = true;
		}
	}
	if (changed)
		ids_save(dir, &t, &ignored);
	ids_free(&t);
}

/* "M41" with prefix "M" is 41; anything else is not an id of ours. */
static int
id_number(const char *s, const char *prefix, int64_t *out)
{
	size_t n = strlen(prefix);
	int64_t v = 0;
	const char *p;

	while (*s == ' ' || *s == '\t')
		s++;
	if (strncmp(s, prefix, n) != 0 || !isdigit((unsigned char)s[n]))
		return -1;
	for (p = s + n; isdigit((unsigned char)*p); p++) {
		if (v > (INT64_MAX - (*p - '0')) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0')
		return -1;
	*out = v;
	return 0;
}

/* The highest id with prefix in the id column of path (0 if none). */
static int
scan_ids(const char *path, const char *prefix, int64_t *high, sd_err *e)
{
	sd_csv *r;
	sd_row *row;
	int64_t v;
	int col, rc;

	*high = 0;
	if ((rc = sd_csv_open(&r, path, SD_CSV_MISSING_OK, e)) != 0)
		return rc;
	col = sd_csv_col(r, "id");
	while (col >= 0 && (rc = sd_csv_next(r, &row, e)) == 1)
		if (id_number(sd_row_get(row, col), prefix, &v) == 0 &&
		    v > *high)
			*high = v;
	sd_csv_close(r);
	return rc == -1 ? e->status : 0;
}

static int
check_prefix(const char *prefix, int64_t count, sd_err *e)
{
	const char *p = prefix;

	while (isalpha((unsigned char)*p))
		p++;
	if (*prefix == '\0' || *p != '\0' || count < 1)
		return sd_fail(e, EX_SOFTWARE, "cannot issue %" PRId64
		    " ids with prefix '%s'", count, prefix);
	return 0;
}

/* Trust the recorded high mark while name is the version it was recorded
 * for; otherwise a person edited it, so take the larger of the mark and a
 * scan.  The mark is durable before the ids are handed out: a crash may
 * leave a gap, never a reuse. */
int
sd_store_next_ids(sd_store *st, const char *name, const char *prefix,
    int64_t count, int64_t *first, sd_err *e)
{
	struct id_table t;
	struct id_entry *ent;
	struct fprint now;
	int64_t high;
	char *path;
	int rc;

	if ((rc = check_write(st, name, e)) != 0 ||
	    (rc = check_prefix(prefix, count, e)) != 0 ||
	    (rc = ids_load(st->dir, &t, e)) != 0)
		return rc;
	path = join(st->dir, name);
	ent = ids_entry(&t, name, prefix);
	rc = fprint_path(path, &now, e);
	if (rc == 0 && !(ent->has_print && fprint_same(&ent->print, &now)) &&
	    (rc = scan_ids(path, prefix, &high, e)) == 0 && high > ent->high)
		ent->high = high;
	if (rc == 0 && ent->high > INT64_MAX - count)
		rc = sd_fail_at(e, EX_DATAERR, path, 0, "no %s ids left",
		    prefix);
	if (rc == 0) {
		*first = ent->high + 1;
		ent->high += count;
		ent->print = now;
		ent->has_print = true;
		rc = ids_save(st->dir, &t, e);
	}
	ids_free(&t);
	free(path);
	return rc;
}

int
sd_store_next_id(sd_store *st, const char *name, const char *prefix,
    int64_t *out, sd_err *e)
{
	return sd_store_next_ids(st, name, prefix, 1, out, e);
}

int
sd_replace_begin(sd_store *st, const char *name, sd_replace *rp, sd_err *e)
{
	struct stat sb;
	mode_t mode = file_mode();
	int fd, rc;

	memset(rp, 0, sizeof *rp);
	if ((rc = check_write(st, name, e)) != 0)
		return rc;
	rp->final = join(st->dir, name);
	if (stat(rp->final, &sb) == 0)
		mode = sb.st_mode & 07777;
	else if (errno != ENOENT)
		rc = sd_fail_at(e, EX_IOERR, rp->final, 0, "%s",
		    strerror(errno));
	if (rc == 0 && (fd = open_temp(st->dir, name, mode, &rp->tmp, e)) == -1)
		rc = e->status;
	if (rc == 0 && (rp->f = fdopen(fd, "w")) == NULL) {
		rc = sd_fail_at(e, EX_IOERR, rp->tmp, 0, "%s", strerror(errno));
		close(fd);
	}
	if (rc != 0) {
		sd_replace_abort(rp);
		return rc;
	}
	rp->buf = sd_xmalloc(WRITE_BUF);
	setvbuf(rp->f, rp->buf, _IOFBF, WRITE_BUF);
	return 0;
}

/* Flush, sync and close the temporary file (rp->f is gone after), and
 * note what it is now. */
static int
close_temp(sd_replace *rp, struct fprint *fp, sd_err *e)
{
	struct stat sb;
	int err = 0;

	errno = 0;
	if (fflush(rp->f) == EOF || ferror(rp->f))
		err = errno != 0 ? errno : EIO;
	else if (fsync(fileno(rp->f)) == -1 || fstat(fileno(rp->f), &sb) == -1)
		err = errno;
	else
		fprint_stat(&sb, fp);
	if (fclose(rp->f) == EOF && err == 0)
		err = errno;
	rp->f = NULL;
	if (err != 0)
		return sd_fail_at(e, EX_IOERR, rp->final, 0,
		    "write failed: %s", strerror(err));
	return 0;
}

/* Prove the new file reads back before it replaces a good one. */
static int
verify_csv(const sd_replace *rp, sd_err *e)
{
	size_t n = strlen(rp->tmp);
	sd_err ce;
	sd_csv *r;
	sd_row *row;
	int rc;

	sd_err_clear(&ce);
	if ((rc = sd_csv_open(&r, rp->tmp, 0, &ce)) == 0) {
		while ((rc = sd_csv_next(r, &row, &ce)) == 1)
			;
		sd_csv_close(r);
	}
	if (rc == 0)
		return 0;
	if (strncmp(ce.where, rp->tmp, n) == 0 && ce.where[n] == ':')
		return sd_fail_at(e, EX_DATAERR, rp->final, 0, "not written: "
		    "the new contents would not read back (line %s: %s)",
		    ce.where + n + 1, ce.msg);
	return sd_fail_at(e, EX_DATAERR, rp->final, 0, "not written: "
	    "the new contents would not read back (%s)", ce.msg);
}

int
sd_replace_commit(sd_replace *rp, sd_err *e)
{
	struct fprint old, new;
	char *dir, *name;
	int rc;

	if ((rc = close_temp(rp, &new, e)) == 0 &&
	    (rc = verify_csv(rp, e)) == 0 &&
	    (rc = fprint_path(rp->final, &old, e)) == 0 &&
	    rename(rp->tmp, rp->final) == -1)
		rc = sd_fail_at(e, EX_IOERR, rp->final, 0,
		    "cannot rename the new file into place: %s",
		    strerror(errno));
	if (rc == 0) {
		free(rp->tmp);
		rp->tmp = NULL;		/* renamed: nothing to remove */
		dir = sd_xstrdup(rp->final);
		name = strrchr(dir, '/');
		*name++ = '\0';
		if ((rc = sd_sync_dir(*dir ? dir : "/", e)) == 0)
			ids_refresh(*dir ? dir : "/", name, &old, &new);
		free(dir);
	}
	sd_replace_abort(rp);
	return rc;
}

void
sd_replace_abort(sd_replace *rp)
{
	if (rp->f != NULL)
		fclose(rp->f);
	if (rp->tmp != NULL)
		unlink(rp->tmp);
	free(rp->tmp);
	free(rp->final);
	free(rp->buf);
	memset(rp, 0, sizeof *rp);
}

/* The first size bytes of fd into f; *last is the last one copied. */
static int
copy_into(int fd, uint64_t size, FILE *f, char *last)
{
	char buf[16384];
	uint64_t off = 0;
	size_t want;
	ssize_t r;

	while (off < size) {
		want = size - off < sizeof buf ? (size_t)(size - off) :
		    sizeof buf;
		if ((r = pread(fd, buf, want, (off_t)off)) == -1 &&
		    errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 ? EIO : errno;
		fwrite(buf, 1, (size_t)r, f);
		*last = buf[r - 1];
		off += (uint64_t)r;
	}
	return 0;
}

/* A small file (fd, size bytes; -1 when it does not exist yet) takes its
 * new rows as a whole new version, through the replace path: atomic by
 * itself, for readers too.  Rows before, header or a missing final
 * newline as write_lead says. */
static int
append_copy(sd_store *st, const char *name, const char *path, int fd,
    uint64_t size, const char *header, const char *rows, size_t len,
    sd_err *e)
{
	sd_replace rp;
	char last = '\n';
	int err, rc;

	if ((rc = sd_replace_begin(st, name, &rp, e)) != 0)
		return rc;
	if (fd >= 0 && (err = copy_into(fd, size, rp.f, &last)) != 0) {
		sd_replace_abort(&rp);
		return sd_fail_at(e, EX_IOERR, path, 0, "read error: %s",
		    strerror(err));
	}
	if (size == 0 && header != NULL)
		fputs(header, rp.f);
	else if (last != '\n')
		putc('\n', rp.f);
	fwrite(rows, 1, len, rp.f);
	return sd_replace_commit(&rp, e);
}

/* What goes before the rows: the header into an empty file, a newline
 * after a last line a person saved without one. */
static int
write_lead(int fd, uint64_t size, const char *header)
{
	ssize_t r;
	char last;

	if (size == 0)
		return header == NULL ? 0 :
		    write_all(fd, header, strlen(header));
	while ((r = pread(fd, &last, 1, (off_t)size - 1)) == -1 &&
	    errno == EINTR)
		;
	if (r != 1)
		return r == -1 ? errno : EIO;
	return last == '\n' ? 0 : write_all(fd, "\n", 1);
}

static int
write_journal(const char *dir, const char *name, uint64_t size, sd_err *e)
{
	size_t n = strlen(name) + 32;
	char *text = sd_xmalloc(n);
	int rc;

	snprintf(text, n, "%s\n%" PRIu64 "\n", name, size);
	rc = write_meta(dir, JOURNAL_NAME, text, e);
	free(text);
	return rc;
}

/* A write failed: cut the file back now.  If even that fails, the journal
 * stays and the next writer to take the lock finishes the job. */
static void
undo_write(const char *dir, int fd, uint64_t size)
{
	sd_err ignored;

	if (ftruncate(fd, (off_t)size) == 0 && fsync(fd) == 0)
		drop_journal(dir, &ignored);
}

/* Until the journal is removed, the rows are not there: the next writer
 * to take the lock would cut the file back to its old size. */
static int
append_fd(sd_store *st, const char *name, const char *path, int fd,
    const char *header, const char *rows, size_t len, sd_err *e)
{
	struct fprint old, new;
	struct stat sb;
	int err, rc;

	if (fstat(fd, &sb) == -1)
		return sd_fail_at(e, EX_IOERR, path, 0, "%s", strerror(errno));
	if (sb.st_size <= APPEND_COPY_MAX)
		return append_copy(st, name, path, fd, (uint64_t)sb.st_size,
		    header, rows, len, e);
	fprint_stat(&sb, &old);
	if ((rc = write_journal(st->dir, name, old.size, e)) != 0)
		return rc;
	if ((err = write_lead(fd, old.size, header)) == 0 &&
	    (err = write_all(fd, rows, len)) == 0 &&
	    (fsync(fd) == -1 || fstat(fd, &sb) == -1))
		err = errno;
	if (err != 0) {
		undo_write(st->dir, fd, old.size);
		return sd_fail_at(e, EX_IOERR, path, 0, "write failed: %s",
		    strerror(err));
	}
	fprint_stat(&sb, &new);
	if ((rc = drop_journal(st->dir, e)) == 0)
		ids_refresh(st->dir, name, &old, &new);
	return rc;
}

int
sd_store_append(sd_store *st, const char *name, const char *header,
    const char *rows, size_t len, sd_err *e)
{
	char *path;
	int fd, rc;

	if ((rc = check_write(st, name, e)) != 0)
		return rc;
	if (len == 0)
		return 0;
	if (rows[len - 1] != '\n')
		return sd_fail(e, EX_SOFTWARE,
		    "%s: rows to append must end with a newline", name);
	path = join(st->dir, name);
	if ((fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC)) != -1) {
		rc = append_fd(st, name, path, fd, header, rows, len, e);
		close(fd);
	} else if (errno == ENOENT)
		rc = append_copy(st, name, path, -1, 0, header, rows, len, e);
	else
		rc = sd_fail_at(e, EX_CANTCREAT, path, 0, "%s",
		    strerror(errno));
	free(path);
	return rc;
}
