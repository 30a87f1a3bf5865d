/* Unit tests for lib/bookindex.c, through sd_book_read_store (book.c):
 * the index agrees with a full read of meetings.csv, whatever happened to
 * the file or to the index in between. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

#define ZONE "America/Chicago"
#define HEADER "id,rep,client,start,end,kind,location,status,note\n"
#define BOOK HEADER \
	"M1,alice,acme,2026-12-01T10:00-06:00,2026-12-01T11:00-06:00,,,,\n" \
	"M2,bob,,2026-12-01T00:00-06:00,2026-12-03T00:00-06:00,away,,,\n" \
	"M3,alice,\"Smith, \"\"Jo\"\"\",2026-12-01T08:00-06:00," \
	"2026-12-01T09:00-06:00,call,phone,done,\"two\nlines\"\n" \
	"M4, alice ,zed,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,,,,\n"

struct fix {
	char dir[64];
	sd_store st;
	char *book, *index;
};

static int
setup(void **state)
{
	struct fix *f = sd_xcalloc(1, sizeof *f);
	sd_err e = { 0 };

	strcpy(f->dir, "/tmp/test_bookindex.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(sd_store_init(&f->st, f->dir, &e), 0);
	assert_int_equal(sd_store_lock(&f->st, &e), 0);
	f->book = sd_store_path(&f->st, "meetings.csv");
	f->index = sd_store_path(&f->st, ".meetings.index");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	static const char *const names[] = { "meetings.csv", ".meetings.index",
		".ids", ".lock", ".journal" };

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *path = sd_store_path(&f->st, names[i]);

		unlink(path);
		free(path);
	}
	rmdir(f->dir);
	free(f->book);
	free(f->index);
	sd_store_free(&f->st);
	free(f);
	return 0;
}

static void
put(const char *path, const char *text, const char *mode)
{
	FILE *fp = fopen(path, mode);

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* The entries of rep in the store, "id@start-end" each. */
static void
entries(struct fix *f, const char *rep, char *out, size_t size)
{
	sd_book b;
	sd_err e = { 0 };
	size_t len = 0;

	assert_int_equal(sd_book_read_store(&b, &f->st, ZONE, rep, &e), 0);
	out[0] = '\0';
	for (size_t i = 0; i < b.n; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s@%lld",
		    i ? " " : "", b.v[i].id, (long long)b.v[i].start % 86400);
	sd_book_free(&b);
}

/* The store's entries of rep are those of a full read of the file. */
static void
agrees(struct fix *f, const char *rep)
{
	sd_book a, b;
	sd_err e = { 0 };

	assert_int_equal(sd_book_read_store(&a, &f->st, ZONE, rep, &e), 0);
	assert_int_equal(sd_book_read(&b, f->book, 0, ZONE, rep, &e), 0);
	assert_int_equal(a.n, b.n);
	assert_int_equal(a.ncols, b.ncols);
	assert_int_equal(a.naway, b.naway);
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.v[i].id, b.v[i].id);
		assert_string_equal(a.v[i].client, b.v[i].client);
		assert_string_equal(a.v[i].note, b.v[i].note);
		assert_string_equal(a.v[i].status, b.v[i].status);
		assert_true(a.v[i].start == b.v[i].start);
		assert_true(a.v[i].end == b.v[i].end);
	}
	sd_book_free(&a);
	sd_book_free(&b);
}

/* Is the index there and describing the file as it is? */
static bool
index_holds(struct fix *f)
{
	int fd = open(f->book, O_RDONLY);
	sd_bix *x;

	assert_true(fd >= 0);
	x = sd_bix_open(&f->st, fd);
	close(fd);
	sd_bix_close(x);
	return x != NULL;
}

/* Append a row as schedule does: the store's append, then the note. */
static void
append(struct fix *f, sd_book *b, const char *rep, const char *row)
{
	sd_err e = { 0 };
	size_t len = strlen(row);
	const char *reps[] = { rep };

	assert_int_equal(sd_store_append(&f->st, "meetings.csv", HEADER, row,
	    len, &e), 0);
	sd_book_noted(b, &f->st, 1, reps, &len);
}

static void
append_noted(struct fix *f, const char *rep, const char *row)
{
	sd_book b;
	sd_err e = { 0 };

	assert_int_equal(sd_book_read_store(&b, &f->st, ZONE, rep, &e), 0);
	append(f, &b, rep, row);
	sd_book_free(&b);
}

static void
book_read_store__no_index__made_then_read_through(void **state)
{
	struct fix *f = *state;
	char got[1024];
	sd_book b;
	sd_err e = { 0 };

	put(f->book, BOOK, "w");
	assert_false(index_holds(f));
	entries(f, "alice", got, sizeof got);
	assert_string_equal(got, "M3@50400 M1@57600 M4@57600");
	assert_true(index_holds(f));
	assert_int_equal(sd_book_read_store(&b, &f->st, ZONE, "alice", &e),
	    0);
	assert_non_null(b.ix);
	assert_int_equal(b.ncols, 9);
	assert_string_equal(b.v[0].client, "Smith, \"Jo\"");
	assert_string_equal(b.v[0].note, "two\nlines");
	assert_string_equal(b.v[0].kind, "call");
	sd_book_free(&b);
	agrees(f, "alice");
	agrees(f, "bob");
	agrees(f, "carol");
}

static void
book_read_store__appends_noted__read_without_rebuild(void **state)
{
	struct fix *f = *state;
	struct stat before, after;

	put(f->book, BOOK, "w");
	agrees(f, "alice");
	assert_int_equal(stat(f->index, &before), 0);
	append_noted(f, "alice", "M5,alice,x,2026-12-03T10:00-06:00,"
	    "2026-12-03T11:00-06:00,,,,\n");
	append_noted(f, "carol", "M6,carol,y,2026-12-03T10:00-06:00,"
	    "2026-12-03T11:00-06:00,,,,\n");
	assert_true(index_holds(f));
	agrees(f, "alice");
	agrees(f, "carol");
	assert_int_equal(stat(f->index, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);	/* only its tail grew */
}

static void
book_read_store__hand_edit__index_made_anew(void **state)
{
	struct fix *f = *state;
	struct timespec later[2] = { { 0, UTIME_OMIT }, { 2000000000, 0 } };
	char got[1024];
	int fd;

	put(f->book, BOOK, "w");
	agrees(f, "alice");
	/* The same size, M1 an hour later: only the time tells. */
	put(f->book, HEADER
	    "M1,alice,acme,2026-12-01T11:00-06:00,2026-12-01T12:00-06:00,,,,\n"
	    "M2,bob,,2026-12-01T00:00-06:00,2026-12-03T00:00-06:00,away,,,\n"
	    "M3,alice,\"Smith, \"\"Jo\"\"\",2026-12-01T08:00-06:00,"
	    "2026-12-01T09:00-06:00,call,phone,done,\"two\nlines\"\n"
	    "M4, alice ,zed,2026-12-02T10:00-06:00,2026-12-02T11:00-06:00,"
	    ",,,\n", "r+");
	assert_true((fd = open(f->book, O_RDONLY)) >= 0);
	assert_int_equal(futimens(fd, later), 0);
	close(fd);
	assert_false(index_holds(f));
	entries(f, "alice", got, sizeof got);
	assert_string_equal(got, "M3@50400 M1@61200 M4@57600");
	/* A row a person added at the end, and one taken out. */
	put(f->book, "M9,alice,,2026-12-04T10:00-06:00,"
	    "2026-12-04T11:00-06:00,,,,\n", "a");
	agrees(f, "alice");
	put(f->book, HEADER
	    "M2,bob,,2026-12-01T00:00-06:00,2026-12-03T00:00-06:00,away,,,\n",
	    "w");
	entries(f, "alice", got, sizeof got);
	assert_string_equal(got, "");
	agrees(f, "bob");
}

static void
book_read_store__crash_before_note__index_made_anew(void **state)
{
	struct fix *f = *state;
	sd_err e = { 0 };
	const char *row = "M5,alice,x,2026-12-03T10:00-06:00,"
	    "2026-12-03T11:00-06:00,,,,\n";
	char got[1024];

	put(f->book, BOOK, "w");
	agrees(f, "alice");
	/* The rows went in, the writer died before noting them. */
	assert_int_equal(sd_store_append(&f->st, "meetings.csv", HEADER, row,
	    strlen(row), &e), 0);
	assert_false(index_holds(f));
	entries(f, "alice", got, sizeof got);
	assert_string_equal(got, "M3@50400 M1@57600 M4@57600 M5@57600");
	assert_true(index_holds(f));
}

static off_t
size_of(const char *path)
{
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	return sb.st_size;
}

static void
book_read_store__torn_or_lost_record__index_made_anew(void **state)
{
	struct fix *f = *state;
	off_t built, one;
	char zeros[512] = { 0 };
	int fd;

	put(f->book, BOOK, "w");
	agrees(f, "alice");
	append_noted(f, "alice", "M5,alice,x,2026-12-03T10:00-06:00,"
	    "2026-12-03T11:00-06:00,,,,\n");
	append_noted(f, "alice", "M6,alice,x,2026-12-04T10:00-06:00,"
	    "2026-12-04T11:00-06:00,,,,\n");
	assert_true(index_holds(f));
	/* The last record cut short. */
	assert_int_equal(truncate(f->index, size_of(f->index) - 3), 0);
	assert_false(index_holds(f));
	agrees(f, "alice");
	assert_true(index_holds(f));
	/* A record in the middle lost (zeros where it was), the next one
	 * whole: the chain is broken. */
	built = size_of(f->index);
	append_noted(f, "alice", "M7,alice,x,2026-12-07T10:00-06:00,"
	    "2026-12-07T11:00-06:00,,,,\n");
	one = size_of(f->index);
	append_noted(f, "alice", "M8,alice,x,2026-12-08T10:00-06:00,"
	    "2026-12-08T11:00-06:00,,,,\n");
	assert_true(one - built <= (off_t)sizeof zeros);
	assert_true((fd = open(f->index, O_WRONLY)) >= 0);
	assert_int_equal(pwrite(fd, zeros, (size_t)(one - built), built),
	    one - built);
	close(fd);
	assert_false(index_holds(f));
	agrees(f, "alice");
}

/* A copy of the file at from. */
static void
copy(const char *from, const char *to)
{
	char buf[4096];
	FILE *in = fopen(from, "r"), *out = fopen(to, "w");
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

static void
book_read_store__garbage_or_old_index__not_trusted(void **state)
{
	struct fix *f = *state;
	char old[96];

	put(f->book, BOOK, "w");
	agrees(f, "alice");
	snprintf(old, sizeof old, "%s/old", f->dir);
	copy(f->index, old);
	append_noted(f, "alice", "M5,alice,x,2026-12-03T10:00-06:00,"
	    "2026-12-03T11:00-06:00,,,,\n");
	/* The index of an older version put back. */
	assert_int_equal(rename(old, f->index), 0);
	assert_false(index_holds(f));
	agrees(f, "alice");
	put(f->index, "not an index at all\n", "w");
	assert_false(index_holds(f));
	agrees(f, "alice");
	put(f->index, "", "w");
	agrees(f, "alice");
}

static void
book_read_store__unlocked__reads_but_never_writes_index(void **state)
{
	struct fix *f = *state;

	put(f->book, BOOK, "w");
	sd_store_unlock(&f->st);
	agrees(f, "alice");
	assert_int_equal(access(f->index, F_OK), -1);
	sd_store_lock(&f->st, &(sd_err){ 0 });
	agrees(f, "alice");
	sd_store_unlock(&f->st);
	assert_true(index_holds(f));
	agrees(f, "bob");
}

/* Enough rows appended that the tail is folded into a new index. */
static void
book_read_store__long_tail__folded(void **state)
{
	struct fix *f = *state;
	size_t n = 3000, len = 0, *lens = sd_xcalloc(n, sizeof *lens);
	const char **reps = sd_xcalloc(n, sizeof *reps);
	char *text = sd_xmalloc(n * 80);
	struct stat before, after;
	sd_err e = { 0 };
	sd_book b;

	put(f->book, BOOK, "w");
	agrees(f, "alice");
	assert_int_equal(stat(f->index, &before), 0);
	for (int round = 0; round < 5; round++) {
		len = 0;
		for (size_t i = 0; i < n; i++) {
			lens[i] = (size_t)sprintf(text + len, "N%d-%zu,%s,,"
			    "2027-01-01T10:00-06:00,2027-01-01T10:01-06:00,"
			    ",,,\n", round, i, i % 2 ? "alice" : "dave");
			reps[i] = i % 2 ? "alice" : "dave";
			len += lens[i];
		}
		assert_int_equal(sd_book_read_store(&b, &f->st, ZONE, "alice",
		    &e), 0);
		assert_non_null(b.ix);
		assert_int_equal(sd_store_append(&f->st, "meetings.csv",
		    HEADER, text, len, &e), 0);
		sd_book_noted(&b, &f->st, n, reps, lens);
		sd_book_free(&b);
	}
	assert_int_equal(stat(f->index, &after), 0);
	assert_int_not_equal(before.st_ino, after.st_ino);
	assert_true(index_holds(f));
	agrees(f, "alice");
	agrees(f, "dave");
	free(text);
	free(reps);
	free(lens);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    book_read_store__no_index__made_then_read_through,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    book_read_store__appends_noted__read_without_rebuild,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    book_read_store__hand_edit__index_made_anew,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    book_read_store__crash_before_note__index_made_anew,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    book_read_store__torn_or_lost_record__index_made_anew,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    book_read_store__garbage_or_old_index__not_trusted,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    book_read_store__unlocked__reads_but_never_writes_index,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    book_read_store__long_tail__folded, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
