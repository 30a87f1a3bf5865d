/* test_docstore.c: safe names, hashing, the durable copy, term ends. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

#define SHA_ABC \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_EMPTY \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static void
name_is(const char *client, const char *title, const char *src,
    const char *want)
{
	char *name = sd_doc_name("K12", client, title, src);

	assert_string_equal(name, want);
	assert_true(sd_doc_name_ok(name));
	free(name);
}

static void
doc_name__plain__id_client_title_ext(void **state)
{
	(void)state;
	name_is("acme", "Master Services Agreement", "msa.PDF",
	    "K12-acme-master-services-agreement.pdf");
}

static void
doc_name__path_title__no_escape(void **state)
{
	(void)state;
	name_is("acme", "../../etc/passwd", "../../etc/passwd",
	    "K12-acme-etc-passwd");
}

static void
doc_name__newline_and_spaces__dashes(void **state)
{
	(void)state;
	name_is(" Bolt  &\nCo ", "a\nb", "dir.d/evil\nname .tx t",
	    "K12-bolt-co-a-b");
}

static void
doc_name__latin1__transliterated(void **state)
{
	(void)state;
	name_is("Café Noir", "Größe → Œuvre", "x.docx",
	    "K12-cafe-noir-grosse-uvre.docx");
}

static void
doc_name__long_title__capped_at_word(void **state)
{
	char *name = sd_doc_name("K1", "a-very-long-client-name-indeed-yes",
	    "one two three four five six seven eight nine ten eleven", "f");

	(void)state;
	assert_string_equal(name, "K1-a-very-long-client-name-"
	    "one-two-three-four-five-six-seven-eight-nine-ten");
	assert_true(strlen(name) < 100);
	free(name);
}

static void
doc_name__no_slug__id_only(void **state)
{
	(void)state;
	name_is("→", "!!!", ".bashrc", "K12");
}

static void
doc_name__odd_extension__dropped(void **state)
{
	(void)state;
	name_is("a", "b", "x.toolongext", "K12-a-b");
	name_is("a", "b", "x.p-f", "K12-a-b");
	name_is("a", "b", "x.", "K12-a-b");
	name_is("a", "b", "x.tar.GZ", "K12-a-b.gz");
}

static void
doc_name_ok__hostile__refused(void **state)
{
	(void)state;
	assert_false(sd_doc_name_ok(""));
	assert_false(sd_doc_name_ok("../x"));
	assert_false(sd_doc_name_ok(".."));
	assert_false(sd_doc_name_ok(".hidden"));
	assert_false(sd_doc_name_ok("a/b"));
	assert_false(sd_doc_name_ok("/etc/passwd"));
	assert_false(sd_doc_name_ok("a\nb"));
	assert_true(sd_doc_name_ok("K1-a b.pdf"));
}

static void
doc_is_temp__ours__recognised(void **state)
{
	(void)state;
	assert_true(sd_doc_is_temp(".K1-a.pdf.tmp.Ab3xYz"));
	assert_false(sd_doc_is_temp("K1-a.pdf.tmp.Ab3xYz"));
	assert_false(sd_doc_is_temp(".K1-a.pdf.tmp.Ab3x"));
	assert_false(sd_doc_is_temp(".tmp.Ab3xYz"));
	assert_false(sd_doc_is_temp(".notes"));
}

static void
doc_text_ok__utf8_and_controls(void **state)
{
	(void)state;
	assert_true(sd_doc_text_ok("Größe → ok\twith\nlines"));
	assert_false(sd_doc_text_ok("bad \xc3("));
	assert_false(sd_doc_text_ok("overlong \xc0\xaf"));
	assert_false(sd_doc_text_ok("surrogate \xed\xa0\x80"));
	assert_false(sd_doc_text_ok("escape \x1b[31m"));
	assert_false(sd_doc_text_ok("cr \r"));
}

static int
mem_fd(const char *bytes, size_t n)
{
	char path[] = "/tmp/test_docstore.XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, bytes, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static void
doc_copy__abc__known_digest(void **state)
{
	sd_doc_sum sum;
	sd_err e = { 0 };
	int fd = mem_fd("abc", 3);

	(void)state;
	assert_int_equal(sd_doc_copy(fd, "abc", -1, NULL, &sum, &e), 0);
	assert_string_equal(sum.sha256, SHA_ABC);
	assert_true(sum.bytes == 3);
	close(fd);
}

static void
doc_copy__empty__known_digest(void **state)
{
	sd_doc_sum sum;
	sd_err e = { 0 };
	int fd = mem_fd("", 0);

	(void)state;
	assert_int_equal(sd_doc_copy(fd, "empty", -1, NULL, &sum, &e), 0);
	assert_string_equal(sum.sha256, SHA_EMPTY);
	assert_true(sum.bytes == 0);
	close(fd);
}

static void
doc_copy__unreadable__ioerr(void **state)
{
	sd_doc_sum sum;
	sd_err e = { 0 };
	int fd = open("/tmp", O_RDONLY | O_DIRECTORY);

	(void)state;
	assert_int_equal(sd_doc_copy(fd, "/tmp", -1, NULL, &sum, &e),
	    EX_IOERR);
	assert_string_equal(e.where, "/tmp");
	close(fd);
}

static void
doc_open_source__directory__noinput(void **state)
{
	sd_err e = { 0 };
	int fd;

	(void)state;
	assert_int_equal(sd_doc_open_source("/tmp", &fd, &e), EX_NOINPUT);
	assert_string_equal(e.msg, "a directory, not a file");
	assert_int_equal(sd_doc_open_source("/nonexistent/x", &fd, &e),
	    EX_NOINPUT);
	assert_int_equal(sd_doc_open_source("/dev/null", &fd, &e),
	    EX_NOINPUT);
	assert_string_equal(e.msg, "not a regular file");
}

/* A fresh data directory, locked. */
static int
store_setup(void **state)
{
	char tmpl[] = "/tmp/test_docstore.XXXXXX";
	sd_store *st = sd_xcalloc(1, sizeof *st);
	sd_err e = { 0 };
	char *dir;

	assert_non_null(mkdtemp(tmpl));
	assert_int_equal(sd_store_init(st, tmpl, &e), 0);
	assert_int_equal(sd_store_lock(st, &e), 0);
	dir = sd_doc_dir(st);
	assert_int_equal(mkdir(dir, 0700), 0);
	free(dir);
	*state = st;
	return 0;
}

static int
store_teardown(void **state)
{
	sd_store *st = *state;
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", st->dir);
	assert_int_equal(system(cmd), 0);
	sd_store_free(st);
	free(st);
	return 0;
}

static void
write_file(const sd_store *st, const char *name, const char *text)
{
	char *path = sd_doc_path(st, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static mode_t
mode_of(const char *path)
{
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	return sb.st_mode & 07777;
}

static void
doc_store__abc__private_file_and_digest(void **state)
{
	sd_store *st = *state;
	char *dir = sd_doc_dir(st), *path = sd_doc_path(st, "K1-a.txt");
	mode_t old = umask(0);
	sd_doc_sum sum;
	sd_err e = { 0 };
	int fd = mem_fd("abc", 3);

	assert_int_equal(sd_doc_store(st, fd, "abc", "K1-a.txt", &sum, &e),
	    0);
	umask(old);
	assert_string_equal(sum.sha256, SHA_ABC);
	assert_int_equal(mode_of(dir), 0700);
	assert_int_equal(mode_of(path), 0600);
	close(fd);
	free(dir);
	free(path);
}

static void
doc_store__name_taken__not_replaced(void **state)
{
	sd_store *st = *state;
	sd_doc_sum sum;
	sd_err e = { 0 };
	char **names;
	size_t n;
	int fd = mem_fd("abc", 3);

	assert_int_equal(sd_doc_store(st, fd, "abc", "K1.txt", &sum, &e), 0);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(sd_doc_store(st, fd, "abc", "K1.txt", &sum, &e),
	    EX_CANTCREAT);
	assert_int_equal(sd_doc_list(st, &names, &n, &e), 0);
	assert_int_equal(n, 1);		/* and no temporary file left */
	sd_doc_names_free(names, n);
	close(fd);
}

static void
doc_store__unsafe_name__refused(void **state)
{
	sd_doc_sum sum;
	sd_err e = { 0 };

	assert_int_equal(sd_doc_store(*state, 0, "x", "../x", &sum, &e),
	    EX_SOFTWARE);
}

static void
doc_store__stale_temp__removed(void **state)
{
	sd_store *st = *state;
	sd_doc_sum sum;
	sd_err e = { 0 };
	char *path;
	int fd = mem_fd("abc", 3);

	assert_int_equal(sd_doc_store(st, fd, "abc", "K1.txt", &sum, &e), 0);
	write_file(st, ".K2.txt.tmp.AbCdEf", "partial");
	/* The next writer to take the lock sweeps what a killed add left. */
	sd_store_unlock(st);
	assert_int_equal(sd_store_lock(st, &e), 0);
	path = sd_doc_path(st, ".K2.txt.tmp.AbCdEf");
	assert_int_equal(access(path, F_OK), -1);
	free(path);
	close(fd);
}

static void
doc_check__intact_changed_missing(void **state)
{
	sd_store *st = *state;
	const char *problem = "x";
	sd_err e = { 0 };

	write_file(st, "K1.txt", "abc");
	assert_int_equal(sd_doc_check(st, "K1.txt", SHA_ABC, "3", &problem,
	    &e), 0);
	assert_null(problem);
	assert_int_equal(sd_doc_check(st, "K1.txt", SHA_EMPTY, "3", &problem,
	    &e), 0);
	assert_string_equal(problem, "changed");
	assert_int_equal(sd_doc_check(st, "K1.txt", SHA_ABC, "4", &problem,
	    &e), 0);
	assert_string_equal(problem, "changed");
	assert_int_equal(sd_doc_check(st, "K2.txt", SHA_ABC, "3", &problem,
	    &e), 0);
	assert_string_equal(problem, "missing");
	assert_int_equal(sd_doc_check(st, "../K1.txt", SHA_ABC, "3", &problem,
	    &e), 0);
	assert_string_equal(problem, "unsafe file name");
}

static void
doc_check__symlink__not_followed(void **state)
{
	sd_store *st = *state;
	const char *problem = NULL;
	char *link = sd_doc_path(st, "K1.txt");
	sd_err e = { 0 };
	int fd;

	assert_int_equal(symlink("/etc/hostname", link), 0);
	assert_int_equal(sd_doc_check(st, "K1.txt", SHA_ABC, "3", &problem,
	    &e), 0);
	assert_string_equal(problem, "not a regular file");
	assert_int_equal(sd_doc_open(st, "K1.txt", &fd, &e), EX_NOINPUT);
	assert_int_equal(sd_doc_open(st, ".x", &fd, &e), EX_DATAERR);
	free(link);
}

static void
doc_list__sorted_without_temps(void **state)
{
	sd_store *st = *state;
	char **names;
	sd_err e = { 0 };
	size_t n;

	write_file(st, "b", "");
	write_file(st, "a", "");
	write_file(st, ".b.tmp.123456", "");
	write_file(st, ".hidden", "");
	assert_int_equal(sd_doc_list(st, &names, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(names[0], ".hidden");
	assert_string_equal(names[1], "a");
	assert_string_equal(names[2], "b");
	sd_doc_names_free(names, n);
}

static void
term_is(const char *starts, const char *term, const char *want)
{
	sd_day day, end;
	sd_span span;
	char buf[11];

	assert_int_equal(sd_date_parse(starts, &day), 0);
	assert_int_equal(sd_span_parse(term, &span), 0);
	end = sd_doc_term_end(NULL, day, &span);
	sd_date_format(end, buf);
	assert_string_equal(buf, want);
}

static void
doc_term_end__months__day_before_anniversary(void **state)
{
	(void)state;
	term_is("2026-01-01", "12m", "2026-12-31");
	term_is("2026-01-01", "1y", "2026-12-31");
	term_is("2026-03-15", "1m", "2026-04-14");
	term_is("2026-01-28", "1m", "2026-02-27");
	term_is("2026-01-01", "30d", "2026-01-30");
	term_is("2026-01-01", "1w", "2026-01-07");
}

static void
doc_term_end__no_matching_day__month_end(void **state)
{
	(void)state;
	term_is("2026-01-31", "1m", "2026-02-28");
	term_is("2026-01-29", "1m", "2026-02-28");
	term_is("2028-01-30", "1m", "2028-02-29");
	term_is("2028-02-29", "12m", "2029-02-28");
	term_is("2026-08-31", "1m", "2026-09-30");
}

static void
doc_status__past_expiry__expired_unless_terminated(void **state)
{
	sd_day exp;

	(void)state;
	assert_int_equal(sd_date_parse("2026-11-30", &exp), 0);
	assert_string_equal(sd_doc_status("active", true, exp, exp), "active");
	assert_string_equal(sd_doc_status("active", true, exp, exp + 1),
	    "expired");
	assert_string_equal(sd_doc_status("Terminated", true, exp, exp + 1),
	    "Terminated");
	assert_string_equal(sd_doc_status("draft", false, 0, exp), "draft");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(doc_name__plain__id_client_title_ext),
		cmocka_unit_test(doc_name__path_title__no_escape),
		cmocka_unit_test(doc_name__newline_and_spaces__dashes),
		cmocka_unit_test(doc_name__latin1__transliterated),
		cmocka_unit_test(doc_name__long_title__capped_at_word),
		cmocka_unit_test(doc_name__no_slug__id_only),
		cmocka_unit_test(doc_name__odd_extension__dropped),
		cmocka_unit_test(doc_name_ok__hostile__refused),
		cmocka_unit_test(doc_is_temp__ours__recognised),
		cmocka_unit_test(doc_text_ok__utf8_and_controls),
		cmocka_unit_test(doc_copy__abc__known_digest),
		cmocka_unit_test(doc_copy__empty__known_digest),
		cmocka_unit_test(doc_copy__unreadable__ioerr),
		cmocka_unit_test(doc_open_source__directory__noinput),
		cmocka_unit_test_setup_teardown(
		    doc_store__abc__private_file_and_digest, store_setup,
		    store_teardown),
		cmocka_unit_test_setup_teardown(
		    doc_store__name_taken__not_replaced, store_setup,
		    store_teardown),
		cmocka_unit_test_setup_teardown(
		    doc_store__unsafe_name__refused, store_setup,
		    store_teardown),
		cmocka_unit_test_setup_teardown(
		    doc_store__stale_temp__removed, store_setup,
		    store_teardown),
		cmocka_unit_test_setup_teardown(
		    doc_check__intact_changed_missing, store_setup,
		    store_teardown),
		cmocka_unit_test_setup_teardown(
		    doc_check__symlink__not_followed, store_setup,
		    store_teardown),
		cmocka_unit_test_setup_teardown(
		    doc_list__sorted_without_temps, store_setup,
		    store_teardown),
		cmocka_unit_test(doc_term_end__months__day_before_anniversary),
		cmocka_unit_test(doc_term_end__no_matching_day__month_end),
		cmocka_unit_test(
		    doc_status__past_expiry__expired_unless_terminated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
