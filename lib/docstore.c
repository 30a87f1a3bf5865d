/*
 * docstore.c: the contracts store, DIR/contracts/.
 *
 * A document is stored under a name of our own, derived from its id,
 * client and title, so no user's path (../../etc/passwd, a newline, a
 * name from another system) ever reaches the file system.  An add copies
 * to a temporary file, hashing in the same pass, syncs it and renames it
 * into place before the tool commits the row: a crash leaves at worst an
 * unregistered file (which verify reports), never a row without its file.
 * A name read back from contracts.csv is checked again before it is
 * opened, since a person may have edited the file.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "salesdesk.h"

#define COPY_BUF	(1024 * 1024)
#define CLIENT_MAX	24	/* slug lengths in a stored name */
#define TITLE_MAX	48
#define EXT_MAX		8
#define TMP_MARK	".tmp."
#define TMP_SUFFIX	"XXXXXX"

static bool
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Latin-1 letters (U+00C0..U+00FF) as ASCII, so "Café" is "cafe"; the
 * rest of Unicode only separates words. */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o",
	"u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o",
	"u", "u", "u", "u", "y", "th", "y",
};

/* s reduced to [a-z0-9] runs joined by single dashes, at most cap bytes,
 * cut between letters rather than inside a transliteration. */
static void
slug(const char *s, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *piece;
	char one[2] = "";
	size_t n = 0, len;
	bool gap = false;

	for (; *p; p++) {
		piece = one;
		if (p[0] == 0xc3 && (p[1] & 0xc0) == 0x80)
			piece = latin1[*++p - 0x80];
		else
			one[0] = is_alnum(lower(*p)) ? (char)lower(*p) : '\0';
		if ((len = strlen(piece)) == 0) {
			gap = true;
			continue;
		}
		if (n + (gap && n > 0) + len > cap)
			break;
		if (gap && n > 0)
			out[n++] = '-';
		memcpy(out + n, piece, len);
		n += len;
		gap = false;
	}
	out[n] = '\0';
}

/* The extension of src's last component, folded, if it is plain. */
static void
extension(const char *src, char out[EXT_MAX + 1])
{
	const char *base = strrchr(src, '/'), *dot;
	size_t n;

	base = base ? base + 1 : src;
	out[0] = '\0';
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		return;
	if ((n = strlen(dot + 1)) == 0 || n > EXT_MAX)
		return;
	for (size_t i = 0; i < n; i++)
		if (!is_alnum(out[i] = (char)lower((unsigned char)dot[1 + i]))) {
			out[0] = '\0';
			return;
		}
	out[n] = '\0';
}

char *
sd_doc_name(const char *id, const char *client, const char *title,
    const char *src)
{
	char cs[CLIENT_MAX + 1], ts[TITLE_MAX + 1], ext[EXT_MAX + 1];
	size_t size, n = 0;
	char *name;

	slug(client, cs, CLIENT_MAX);
	slug(title, ts, TITLE_MAX);
	extension(src, ext);
	size = strlen(id) + strlen(cs) + strlen(ts) + strlen(ext) + 8;
	name = sd_xmalloc(size);
	for (; *id; id++)	/* ours ("K12"), but never trusted */
		if (is_alnum(lower((unsigned char)*id)))
			name[n++] = *id;
	snprintf(name + n, size - n, "%s%s%s%s%s%s", *cs ? "-" : "", cs,
	    *ts ? "-" : "", ts, *ext ? "." : "", ext);
	return name;
}

bool
sd_doc_name_ok(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;

	if (*p == '\0' || *p == '.' || strlen(name) > 255)
		return false;
	for (; *p; p++)
		if (*p == '/' || *p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

bool
sd_doc_is_temp(const char *name)
{
	size_t n = strlen(name), tail = strlen(TMP_MARK TMP_SUFFIX);

	return name[0] == '.' && n > tail + 1 &&
	    strncmp(name + n - tail, TMP_MARK, strlen(TMP_MARK)) == 0;
}

bool
sd_doc_text_ok(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
			return false;
	return sd_utf8_valid(s, strlen(s));
}

static char *
join(const char *dir, const char *name)
{
	size_t size = strlen(dir) + strlen(name) + 2;
	char *p = sd_xmalloc(size);

	snprintf(p, size, "%s/%s", dir, name);
	return p;
}

char *
sd_doc_dir(const sd_store *st)
{
	return sd_store_path(st, SD_DOC_DIR);
}

char *
sd_doc_path(const sd_store *st, const char *name)
{
	char *dir = sd_doc_dir(st), *path = join(dir, name);

	free(dir);
	return path;
}

/* A path as it may appear in a one-line message: control bytes as '?'. */
static const char *
shown(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s && n + 1 < size; s++)
		buf[n++] = (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s;
	buf[n] = '\0';
	return buf;
}

static int
write_all(int fd, const unsigned char *p, size_t n)
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

static void
hex(const unsigned char *d, unsigned n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (unsigned i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* read(2) that retries on EINTR: bytes read, 0 at the end, -1. */
static ssize_t
read_some(int fd, unsigned char *buf, size_t n)
{
	ssize_t r;

	while ((r = read(fd, buf, n)) == -1 && errno == EINTR)
		;
	return r;
}

static int
pump(EVP_MD_CTX *md, int in, const char *inname, int out,
    const char *outname, sd_doc_sum *sum, sd_err *e)
{
	unsigned char *buf = sd_xmalloc(COPY_BUF);
	char where[512];
	ssize_t r = 0;
	int err, rc = 0;

	while (rc == 0 && (r = read_some(in, buf, COPY_BUF)) > 0) {
		if (EVP_DigestUpdate(md, buf, (size_t)r) != 1)
			rc = sd_fail(e, EX_SOFTWARE, "SHA-256 failed");
		else if (out >= 0 && (err = write_all(out, buf, (size_t)r)))
			rc = sd_fail_at(e, EX_IOERR, shown(outname, where,
			    sizeof where), 0, "write failed: %s",
			    strerror(err));
		sum->bytes += (uint64_t)r;
	}
	if (rc == 0 && r == -1)
		rc = sd_fail_at(e, EX_IOERR, shown(inname, where, sizeof where),
		    0, "read error: %s", strerror(errno));
	free(buf);
	return rc;
}

int
sd_doc_copy(int in, const char *inname, int out, const char *outname,
    sd_doc_sum *sum, sd_err *e)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned dlen = 0;
	int rc;

	sum->bytes = 0;
	sum->sha256[0] = '\0';
	if (md == NULL || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1)
		rc = sd_fail(e, EX_SOFTWARE, "SHA-256 is not available");
	else if ((rc = pump(md, in, inname, out, outname, sum, e)) == 0 &&
	    (EVP_DigestFinal_ex(md, digest, &dlen) != 1 || dlen != 32))
		rc = sd_fail(e, EX_SOFTWARE, "SHA-256 failed");
	if (rc == 0)
		hex(digest, dlen, sum->sha256);
	EVP_MD_CTX_free(md);
	return rc;
}

/* Non-blocking, so a FIFO or a device does not hang the open; the flag
 * is cleared once the file is known to be a regular one. */
static int
open_regular(const char *path, int flags, int *fd, const char **why)
{
	struct stat sb;

	*why = NULL;
	if ((*fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC |
	    flags)) == -1)
		return errno;
	if (fstat(*fd, &sb) == -1) {
		int err = errno;

		close(*fd);
		*fd = -1;
		return err;
	}
	if (!S_ISREG(sb.st_mode))
		*why = S_ISDIR(sb.st_mode) ? "a directory, not a file" :
		    "not a regular file";
	else if (fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) & ~O_NONBLOCK) == -1)
		*why = strerror(errno);
	if (*why) {
		close(*fd);
		*fd = -1;
	}
	return 0;
}

int
sd_doc_open_source(const char *path, int *fd, sd_err *e)
{
	char where[512];
	const char *why;
	int err;

	shown(path, where, sizeof where);
	if ((err = open_regular(path, 0, fd, &why)) != 0)
		return sd_fail_at(e, EX_NOINPUT, where, 0, "cannot open: %s",
		    strerror(err));
	if (why)
		return sd_fail_at(e, EX_NOINPUT, where, 0, "%s", why);
	return 0;
}

/* Open DIR/contracts/name, not following a symbolic link: 0, or why
 * not in *why, with the error number behind it in *err. */
static int
open_stored(const sd_store *st, const char *name, int *fd, const char **why)
{
	char *path = sd_doc_path(st, name);
	int err = open_regular(path, O_NOFOLLOW, fd, why);

	free(path);
	if (err == ELOOP)
		*why = "a symbolic link";
	else if (err == ENOENT)
		*why = "missing";
	else if (err != 0)
		*why = strerror(err);
	return err != 0 || *why != NULL ? -1 : 0;
}

int
sd_doc_open(const sd_store *st, const char *name, int *fd, sd_err *e)
{
	const char *why;
	char *path;

	*fd = -1;
	if (!sd_doc_name_ok(name))
		return sd_fail(e, EX_DATAERR, "unsafe stored file name '%s': "
		    "refused", name);
	if (open_stored(st, name, fd, &why) == 0)
		return 0;
	path = sd_doc_path(st, name);
	sd_fail_at(e, EX_NOINPUT, path, 0, "%s%s", why,
	    strcmp(why, "missing") == 0 ? " from the store" : "");
	free(path);
	return e->status;
}

/* DIR/contracts, made 0700 whatever the umask; its new entry in DIR is
 * synced so the folder survives a crash with the file in it. */
static int
make_store_dir(const sd_store *st, const char *dir, sd_err *e)
{
	struct stat sb;

	if (stat(dir, &sb) == 0)
		return S_ISDIR(sb.st_mode) ? 0 : sd_fail_at(e, EX_CANTCREAT,
		    dir, 0, "not a directory");
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return sd_fail_at(e, EX_CANTCREAT, dir, 0,
		    "cannot create directory: %s", strerror(errno));
	if (chmod(dir, 0700) == -1)
		return sd_fail_at(e, EX_CANTCREAT, dir, 0, "%s",
		    strerror(errno));
	return sd_sync_dir(st->dir, e);
}

/* A new DIR/contracts/.NAME.tmp.XXXXXX, 0600 whatever the umask. */
static int
open_temp(const char *dir, const char *name, char **tmp, sd_err *e)
{
	size_t size = strlen(dir) + strlen(name) + sizeof "/." TMP_MARK
	    TMP_SUFFIX;
	int fd;

	*tmp = sd_xmalloc(size);
	snprintf(*tmp, size, "%s/.%s" TMP_MARK TMP_SUFFIX, dir, name);
	if ((fd = mkstemp(*tmp)) == -1) {
		sd_fail_at(e, EX_CANTCREAT, dir, 0,
		    "cannot create a temporary file: %s", strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	if (fchmod(fd, 0600) == -1 || fcntl(fd, F_SETFD, FD_CLOEXEC) == -1) {
		sd_fail_at(e, EX_CANTCREAT, *tmp, 0, "%s", strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	return fd;
}

/* Copy, sync and close the temporary file, then put it in place.  The
 * lock keeps other adds out, so checking first is enough to never
 * replace a file a person left under the same name. */
static int
fill_and_place(int in, const char *inname, int fd, const char *tmp,
    const char *final, sd_doc_sum *sum, sd_err *e)
{
	struct stat sb;
	int rc;

	rc = sd_doc_copy(in, inname, fd, tmp, sum, e);
	if (rc == 0 && fsync(fd) == -1)
		rc = sd_fail_at(e, EX_IOERR, final, 0, "write failed: %s",
		    strerror(errno));
	if (close(fd) == -1 && rc == 0)
		rc = sd_fail_at(e, EX_IOERR, final, 0, "write failed: %s",
		    strerror(errno));
	if (rc == 0 && lstat(final, &sb) == 0)
		rc = sd_fail_at(e, EX_CANTCREAT, final, 0,
		    "already exists: not replaced");
	if (rc == 0 && rename(tmp, final) == -1)
		rc = sd_fail_at(e, EX_IOERR, final, 0,
		    "cannot rename the new file into place: %s",
		    strerror(errno));
	return rc;
}

int
sd_doc_store(sd_store *st, int in, const char *inname, const char *name,
    sd_doc_sum *sum, sd_err *e)
{
	char *dir, *tmp = NULL, *final;
	int fd = -1, rc;

	if (st->lock_fd < 0 || !sd_doc_name_ok(name))
		return sd_fail(e, EX_SOFTWARE, "bad store request '%s'", name);
	dir = sd_doc_dir(st);
	final = join(dir, name);
	/* Temporary files of a killed add went when the lock was taken. */
	if ((rc = make_store_dir(st, dir, e)) == 0 &&
	    (fd = open_temp(dir, name, &tmp, e)) == -1)
		rc = e->status;
	if (rc == 0 &&
	    (rc = fill_and_place(in, inname, fd, tmp, final, sum, e)) != 0)
		unlink(tmp);
	if (rc == 0)
		rc = sd_sync_dir(dir, e);
	free(tmp);
	free(final);
	free(dir);
	return rc;
}

int
sd_doc_remove(sd_store *st, const char *name, sd_err *e)
{
	char *dir, *path;
	int rc = 0;

	if (!sd_doc_name_ok(name))
		return sd_fail(e, EX_SOFTWARE, "bad store request '%s'", name);
	dir = sd_doc_dir(st);
	path = join(dir, name);
	if (unlink(path) == -1 && errno != ENOENT)
		rc = sd_fail_at(e, EX_IOERR, path, 0, "cannot remove: %s",
		    strerror(errno));
	else
		rc = sd_sync_dir(dir, e);
	free(path);
	free(dir);
	return rc;
}

/* The recorded size, or -1 when it is not a plain number. */
static int64_t
recorded_bytes(const char *s)
{
	int64_t v = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (INT64_MAX - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	while (*s == ' ' || *s == '\t')
		s++;
	return *s ? -1 : v;
}

static bool
same_hex(const char *a, const char *b)
{
	while (*b == ' ' || *b == '\t')
		b++;
	for (; *a; a++, b++)
		if (*a != lower((unsigned char)*b))
			return false;
	while (*b == ' ' || *b == '\t')
		b++;
	return *b == '\0';
}

/* Open errors are problems to report, not failures of the check. */
static const char *
open_problem(const sd_store *st, const char *name, int *fd)
{
	const char *why;

	if (!sd_doc_name_ok(name))
		return *name ? "unsafe file name" : "no file";
	if (open_stored(st, name, fd, &why) == 0)
		return NULL;
	if (strcmp(why, "missing") == 0)
		return "missing";
	if (strcmp(why, "a symbolic link") == 0 || strncmp(why, "a dir", 5) == 0
	    || strcmp(why, "not a regular file") == 0)
		return "not a regular file";
	return "unreadable";
}

int
sd_doc_check(const sd_store *st, const char *name, const char *sha256,
    const char *bytes, const char **problem, sd_err *e)
{
	struct stat sb;
	sd_doc_sum sum;
	int fd, rc = 0;

	if ((*problem = open_problem(st, name, &fd)) != NULL)
		return 0;
	if (fstat(fd, &sb) == 0 && sb.st_size != recorded_bytes(bytes))
		*problem = "changed";
	else if ((rc = sd_doc_copy(fd, name, -1, NULL, &sum, e)) == 0 &&
	    !same_hex(sum.sha256, sha256))
		*problem = "changed";
	close(fd);
	return rc;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
sd_doc_list(const sd_store *st, char ***names, size_t *n, sd_err *e)
{
	char *dir = sd_doc_dir(st);
	struct dirent *de;
	DIR *d;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		int rc = errno == ENOENT ? 0 : sd_fail_at(e, EX_NOINPUT, dir,
		    0, "%s", strerror(errno));

		free(dir);
		return rc;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 || sd_doc_is_temp(de->d_name))
			continue;
		*names = sd_xrealloc(*names, (*n + 1) * sizeof **names);
		(*names)[(*n)++] = sd_xstrdup(de->d_name);
	}
	closedir(d);
	free(dir);
	if (*n)
		qsort(*names, *n, sizeof **names, by_name);
	return 0;
}

void
sd_doc_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

sd_day
sd_doc_term_end(const sd_calendar *cal, sd_day starts, const sd_span *term)
{
	sd_date d = sd_day_to_date(starts);
	sd_date m = sd_date_add_months(d, term->months);
	sd_day end = sd_span_add_day(cal, starts, term, 1);

	/* Clamped: no day in that month matches the start day, so the term
	 * runs to the month's end (as contract law counts months). */
	if (term->months && term->days == 0 && term->bdays == 0 &&
	    m.day != d.day)
		return end;
	return end - 1;
}

const char *
sd_doc_status(const char *status, bool has_expiry, sd_day expires,
    sd_day today)
{
	if (has_expiry && today > expires && !sd_streq_ci(status, "terminated"))
		return "expired";
	return status;
}
