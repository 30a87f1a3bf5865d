/* test_store.c: the data directory, its lock, atomic writes, ids. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "salesdesk.h"

#define HEADER	"id,rep\n"

/* Each test gets a fresh ROOT with the data directory ROOT/data, which
 * does not exist until the store is locked. */
struct fx {
	char root[512];
	char dir[700];
	sd_store st;
	sd_err e;
};

static void
rm_tree(const char *path)
{
	struct dirent *de;
	struct stat sb;
	char sub[1024];
	DIR *d;

	if (lstat(path, &sb) == -1)
		return;
	if (S_ISDIR(sb.st_mode) && (d = opendir(path)) != NULL) {
		chmod(path, 0700);
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
			rm_tree(sub);
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct fx *fx = calloc(1, sizeof *fx);

	if (fx == NULL)
		return -1;
	snprintf(fx->root, sizeof fx->root, "%s/test_store.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(fx->root) == NULL)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "%s/data", fx->root);
	if (sd_store_init(&fx->st, fx->dir, &fx->e) != 0)
		return -1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	sd_store_free(&fx->st);
	rm_tree(fx->root);
	free(fx);
	return 0;
}

static char *
path_in(const struct fx *fx, const char *name)
{
	static char buf[1024];

	snprintf(buf, sizeof buf, "%s/%s", fx->dir, name);
	return buf;
}

static void
put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The file's contents, or "<absent>". */
static const char *
get_file(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return "<absent>";
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The directory's entries, sorted, joined by spaces. */
static const char *
list_dir(const char *dir)
{
	static char buf[4096];
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);

	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 &&
		    strcmp(names[i]->d_name, "..") != 0) {
			if (buf[0])
				strcat(buf, " ");
			strcat(buf, names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	return buf;
}

static int64_t
elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 +
	    (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

static void
clear_env(void)
{
	unsetenv("SALESDESK_DIR");
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
}

static void
init_ok(const char *dir_opt, const char *want)
{
	sd_store st;
	sd_err e;

	sd_err_clear(&e);
	assert_int_equal(sd_store_init(&st, dir_opt, &e), 0);
	assert_string_equal(st.dir, want);
	assert_int_equal(st.lock_fd, -1);
	assert_int_equal(st.lock_timeout_ms, 10000);
	sd_store_free(&st);
}

static void
store_init__dir_option__beats_environment(void **state)
{
	(void)state;
	clear_env();
	setenv("SALESDESK_DIR", "/env/sd", 1);
	init_ok("/opt/team/", "/opt/team");
}

static void
store_init__salesdesk_dir__beats_xdg(void **state)
{
	(void)state;
	clear_env();
	setenv("SALESDESK_DIR", "/env/sd", 1);
	setenv("XDG_DATA_HOME", "/xdg", 1);
	init_ok(NULL, "/env/sd");
}

static void
store_init__empty_salesdesk_dir__ignored(void **state)
{
	(void)state;
	clear_env();
	setenv("SALESDESK_DIR", "", 1);
	setenv("XDG_DATA_HOME", "/xdg/", 1);
	init_ok(NULL, "/xdg/salesdesk");
}

static void
store_init__relative_xdg__falls_back_to_home(void **state)
{
	(void)state;
	clear_env();
	setenv("XDG_DATA_HOME", "xdg", 1);
	setenv("HOME", "/home/pat", 1);
	init_ok(NULL, "/home/pat/.local/share/salesdesk");
}

static void
store_init__no_home__cantcreat(void **state)
{
	sd_store st;
	sd_err e;

	(void)state;
	clear_env();
	setenv("HOME", "", 1);
	sd_err_clear(&e);
	assert_int_equal(sd_store_init(&st, NULL, &e), EX_CANTCREAT);
	assert_string_equal(e.msg,
	    "no data directory: set SALESDESK_DIR or HOME");
	assert_null(st.dir);
	sd_store_free(&st);
}

static void
store_path__name__joined(void **state)
{
	struct fx *fx = *state;
	char *p = sd_store_path(&fx->st, "meetings.csv");

	assert_string_equal(p, path_in(fx, "meetings.csv"));
	free(p);
}

static void
store_lock__missing_directories__created(void **state)
{
	struct fx *fx = *state;
	struct stat sb;

	assert_int_equal(stat(fx->dir, &sb), -1);
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(stat(fx->dir, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0755);
	assert_int_equal(stat(path_in(fx, ".lock"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0644);
}

static void
store_lock__twice__noop(void **state)
{
	struct fx *fx = *state;
	int fd;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	fd = fx->st.lock_fd;
	assert_true(fd >= 0);
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(fx->st.lock_fd, fd);
	sd_store_unlock(&fx->st);
	assert_int_equal(fx->st.lock_fd, -1);
}

static void
store_lock__parent_is_a_file__cantcreat(void **state)
{
	struct fx *fx = *state;
	char file[600];

	snprintf(file, sizeof file, "%s/file", fx->root);
	put_file(file, "x");
	sd_store_free(&fx->st);
	snprintf(fx->dir, sizeof fx->dir, "%s/data", file);
	assert_int_equal(sd_store_init(&fx->st, fx->dir, &fx->e), 0);
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), EX_CANTCREAT);
	assert_string_equal(fx->e.where, file);
	assert_string_equal(fx->e.msg, "not a directory");
	assert_int_equal(fx->st.lock_fd, -1);
}

static void
store_lock__readonly_parent__cantcreat(void **state)
{
	struct fx *fx = *state;

	if (geteuid() == 0) {	/* permissions do not stop root: a file does */
		char file[600];

		snprintf(file, sizeof file, "%s/file", fx->root);
		fclose(fopen(file, "w"));
		snprintf(fx->dir, sizeof fx->dir, "%s/sub", file);
		free(fx->st.dir);
		fx->st.dir = sd_xstrdup(fx->dir);
		assert_int_equal(sd_store_lock(&fx->st, &fx->e), EX_CANTCREAT);
		return;
	}
	assert_int_equal(chmod(fx->root, 0555), 0);
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), EX_CANTCREAT);
	assert_string_equal(fx->e.where, fx->dir);
	assert_string_equal(fx->e.msg,
	    "cannot create directory: Permission denied");
}

/* A child that holds an flock on DIR/.lock until killed, or until this
 * process ends (a failed assertion must not leave it behind). */
static pid_t
hold_lock(const char *lockpath)
{
	int ready[2], alive[2];
	pid_t pid;
	char c = 0;
	int fd;

	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(alive), 0);
	if ((pid = fork()) == 0) {
		close(alive[1]);
		fd = open(lockpath, O_RDWR | O_CREAT, 0666);
		if (fd == -1 || flock(fd, LOCK_EX) == -1)
			_exit(1);
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		while (read(alive[0], &c, 1) == -1 && errno == EINTR)
			;
		_exit(0);
	}
	assert_true(pid > 0);
	close(ready[1]);
	close(alive[0]);
	fcntl(alive[1], F_SETFD, FD_CLOEXEC);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	return pid;
}

static void
release(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

static void
store_lock__held_elsewhere__tempfail_after_timeout(void **state)
{
	struct fx *fx = *state;
	struct timespec t0;
	pid_t pid;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	sd_store_unlock(&fx->st);
	pid = hold_lock(path_in(fx, ".lock"));
	fx->st.lock_timeout_ms = 200;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), EX_TEMPFAIL);
	assert_true(elapsed_ms(&t0) >= 200);
	assert_true(elapsed_ms(&t0) < 2000);
	assert_int_equal(fx->st.lock_fd, -1);
	assert_string_equal(fx->e.where, fx->dir);
	assert_string_equal(fx->e.msg,
	    "locked by another process for more than 200ms");
	fx->st.lock_timeout_ms = 1000;
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), EX_TEMPFAIL);
	assert_string_equal(fx->e.msg,
	    "locked by another process for more than 1s");
	release(pid);
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
}

static void
store_lock__released_during_wait__taken(void **state)
{
	struct fx *fx = *state;
	pid_t pid, killer;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	sd_store_unlock(&fx->st);
	pid = hold_lock(path_in(fx, ".lock"));
	if ((killer = fork()) == 0) {
		usleep(100 * 1000);
		kill(pid, SIGKILL);
		_exit(0);
	}
	fx->st.lock_timeout_ms = 5000;
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	release(killer);
	release(pid);
}

/* Can another process take the lock right now? */
static bool
lock_free_elsewhere(const char *lockpath)
{
	int status, fd;
	pid_t pid;

	if ((pid = fork()) == 0) {
		fd = open(lockpath, O_RDWR);
		_exit(fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void
store_unlock__held__others_may_lock(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_false(lock_free_elsewhere(path_in(fx, ".lock")));
	sd_store_unlock(&fx->st);
	assert_true(lock_free_elsewhere(path_in(fx, ".lock")));
}

static void
store_lock__journal_left__append_undone(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(mkdir(fx->dir, 0777), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M1,ann\nM2,bo\nM3,c");
	put_file(path_in(fx, ".journal"), "meetings.csv\n20\n");
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,ann\nM2,bo\n");
	assert_string_equal(list_dir(fx->dir), ".lock meetings.csv");
}

static void
store_lock__journal_of_absent_file__dropped(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(mkdir(fx->dir, 0777), 0);
	put_file(path_in(fx, ".journal"), "meetings.csv\n20\n");
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_string_equal(list_dir(fx->dir), ".lock");
}

static void
store_lock__bad_journal__dataerr(void **state)
{
	struct fx *fx = *state;
	char where[1100];

	assert_int_equal(mkdir(fx->dir, 0777), 0);
	put_file(path_in(fx, ".journal"), "meetings.csv\n20x\n");
	snprintf(where, sizeof where, "%s", path_in(fx, ".journal"));
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), EX_DATAERR);
	assert_string_equal(fx->e.where, where);
	assert_int_equal(fx->st.lock_fd, -1);
}

static void
store_lock__stale_temp__removed(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(mkdir(fx->dir, 0777), 0);
	put_file(path_in(fx, ".meetings.csv.tmp.Ab12Cd"), "id\n");
	put_file(path_in(fx, ".ids.tmp.zzzzzz"), "x");
	put_file(path_in(fx, ".notes.tmp.txt"), "a person's");
	put_file(path_in(fx, "meetings.csv.tmp.Ab12Cd"), "a person's");
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_string_equal(list_dir(fx->dir),
	    ".lock .notes.tmp.txt meetings.csv.tmp.Ab12Cd");
}

static void
store_lock__stale_temp_in_contracts__removed(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(mkdir(fx->dir, 0777), 0);
	assert_int_equal(mkdir(path_in(fx, SD_DOC_DIR), 0700), 0);
	put_file(path_in(fx, SD_DOC_DIR "/.K4-c004-terms.txt.tmp.Ab12Cd"),
	    "half a copy");
	put_file(path_in(fx, SD_DOC_DIR "/K3-c003-prices.csv"), "kept");
	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_string_equal(list_dir(path_in(fx, SD_DOC_DIR)),
	    "K3-c003-prices.csv");
}

static void
replace_commit__existing_file__mode_kept(void **state)
{
	struct fx *fx = *state;
	sd_replace rp;
	struct stat sb;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M1,ann\n");
	assert_int_equal(chmod(path_in(fx, "meetings.csv"), 0640), 0);
	assert_int_equal(sd_replace_begin(&fx->st, "meetings.csv", &rp,
	    &fx->e), 0);
	fputs(HEADER "M1,bo\n", rp.f);
	assert_int_equal(sd_replace_commit(&rp, &fx->e), 0);
	assert_null(rp.tmp);
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,bo\n");
	assert_int_equal(stat(path_in(fx, "meetings.csv"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	assert_string_equal(list_dir(fx->dir), ".lock meetings.csv");
}

static void
replace_commit__new_file__umask_mode(void **state)
{
	struct fx *fx = *state;
	sd_replace rp;
	struct stat sb;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(sd_replace_begin(&fx->st, "notes.csv", &rp,
	    &fx->e), 0);
	fputs("a\n1\n", rp.f);
	assert_int_equal(sd_replace_commit(&rp, &fx->e), 0);
	assert_int_equal(stat(path_in(fx, "notes.csv"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0644);
}

static void
replace_abort__written__no_trace(void **state)
{
	struct fx *fx = *state;
	sd_replace rp;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(sd_replace_begin(&fx->st, "meetings.csv", &rp,
	    &fx->e), 0);
	fputs(HEADER, rp.f);
	sd_replace_abort(&rp);
	assert_null(rp.f);
	assert_string_equal(list_dir(fx->dir), ".lock");
}

static void
replace_commit__ragged_rows__refused_old_kept(void **state)
{
	struct fx *fx = *state;
	sd_replace rp;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M1,ann\n");
	assert_int_equal(sd_replace_begin(&fx->st, "meetings.csv", &rp,
	    &fx->e), 0);
	fputs(HEADER "M1,ann\nM2\n", rp.f);
	assert_int_equal(sd_replace_commit(&rp, &fx->e), EX_DATAERR);
	assert_string_equal(fx->e.where, path_in(fx, "meetings.csv"));
	assert_non_null(strstr(fx->e.msg,
	    "not written: the new contents would not read back (line 3: "));
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,ann\n");
	assert_string_equal(list_dir(fx->dir), ".lock meetings.csv");
}

/* Writes past limit bytes fail with EFBIG, as on a full disk. */
static void
limit_file_size(rlim_t limit, struct rlimit *saved)
{
	struct rlimit rl;

	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, saved), 0);
	rl = *saved;
	rl.rlim_cur = limit;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
}

static void
replace_commit__disk_full__ioerr_old_kept(void **state)
{
	struct fx *fx = *state;
	struct rlimit saved;
	sd_replace rp;
	int rc;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M1,ann\n");
	assert_int_equal(sd_replace_begin(&fx->st, "meetings.csv", &rp,
	    &fx->e), 0);
	limit_file_size(100, &saved);
	for (int i = 0; i < 1000; i++)
		fprintf(rp.f, "M%d,ann\n", i);
	rc = sd_replace_commit(&rp, &fx->e);
	setrlimit(RLIMIT_FSIZE, &saved);
	assert_int_equal(rc, EX_IOERR);
	assert_string_equal(fx->e.where, path_in(fx, "meetings.csv"));
	assert_string_equal(fx->e.msg, "write failed: File too large");
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,ann\n");
	assert_string_equal(list_dir(fx->dir), ".lock meetings.csv");
}

static void
replace_begin__unlocked__refused(void **state)
{
	struct fx *fx = *state;
	sd_replace rp;

	assert_int_equal(sd_replace_begin(&fx->st, "meetings.csv", &rp,
	    &fx->e), EX_SOFTWARE);
	assert_null(rp.f);
	assert_null(rp.tmp);
}

static void
replace_begin__name_with_slash__refused(void **state)
{
	struct fx *fx = *state;
	sd_replace rp;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(sd_replace_begin(&fx->st, "../x.csv", &rp, &fx->e),
	    EX_SOFTWARE);
	assert_string_equal(fx->e.msg, "bad data file name '../x.csv'");
}

static int
append(struct fx *fx, const char *name, const char *rows)
{
	return sd_store_append(&fx->st, name, HEADER, rows, strlen(rows),
	    &fx->e);
}

static void
store_append__missing_file__created_with_header(void **state)
{
	struct fx *fx = *state;
	struct stat sb;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(append(fx, "meetings.csv", "M1,ann\n"), 0);
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,ann\n");
	assert_int_equal(stat(path_in(fx, "meetings.csv"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0644);
	assert_string_equal(list_dir(fx->dir), ".lock meetings.csv");
}

static void
store_append__existing_file__rows_added(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M1,ann\n");
	assert_int_equal(append(fx, "meetings.csv", "M2,bo\nM3,cy\n"), 0);
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,ann\nM2,bo\nM3,cy\n");
	assert_string_equal(list_dir(fx->dir), ".lock meetings.csv");
}

static void
store_append__no_final_newline__newline_first(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M1,ann");
	assert_int_equal(append(fx, "meetings.csv", "M2,bo\n"), 0);
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,ann\nM2,bo\n");
}

static void
store_append__empty_file__header_first(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), "");
	assert_int_equal(append(fx, "meetings.csv", "M1,ann\n"), 0);
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,ann\n");
}

static void
store_append__disk_full__file_as_before(void **state)
{
	struct fx *fx = *state;
	struct rlimit saved;
	char rows[4000] = "";
	int rc;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M1,ann\n");
	for (int i = 2; i < 200; i++)
		snprintf(rows + strlen(rows), sizeof rows - strlen(rows),
		    "M%d,ann\n", i);
	limit_file_size(100, &saved);
	rc = append(fx, "meetings.csv", rows);
	setrlimit(RLIMIT_FSIZE, &saved);
	assert_int_equal(rc, EX_IOERR);
	assert_string_equal(fx->e.where, path_in(fx, "meetings.csv"));
	assert_string_equal(fx->e.msg, "write failed: File too large");
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,ann\n");
	assert_string_equal(list_dir(fx->dir), ".lock meetings.csv");
}

/* A file of more than 1 MiB, the size past which appends go in place. */
static void
put_large_file(const char *path)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(HEADER, f);
	for (int i = 1; i <= 120000; i++)
		fprintf(f, "M%d,ann\n", i);
	assert_int_equal(fclose(f), 0);
}

static void
store_append__small_file__new_version_renamed(void **state)
{
	struct fx *fx = *state;
	struct stat before, after;
	char old[64];
	int fd;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M1,ann\n");
	fd = open(path_in(fx, "meetings.csv"), O_RDONLY);
	assert_int_equal(fstat(fd, &before), 0);
	assert_int_equal(append(fx, "meetings.csv", "M2,bo\n"), 0);
	assert_int_equal(stat(path_in(fx, "meetings.csv"), &after), 0);
	assert_true(before.st_ino != after.st_ino);
	/* A reader that opened the old version reads it whole. */
	assert_int_equal(read(fd, old, sizeof old), strlen(HEADER "M1,ann\n"));
	close(fd);
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,ann\nM2,bo\n");
	assert_string_equal(list_dir(fx->dir), ".lock meetings.csv");
}

static void
store_append__large_file__rows_added_in_place(void **state)
{
	struct fx *fx = *state;
	struct stat before, after;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_large_file(path_in(fx, "meetings.csv"));
	assert_int_equal(stat(path_in(fx, "meetings.csv"), &before), 0);
	assert_true(before.st_size > 1024 * 1024);
	assert_int_equal(append(fx, "meetings.csv", "M120001,bo\n"), 0);
	assert_int_equal(stat(path_in(fx, "meetings.csv"), &after), 0);
	assert_true(before.st_ino == after.st_ino);
	assert_int_equal(after.st_size, before.st_size + 11);
	assert_string_equal(list_dir(fx->dir), ".lock meetings.csv");
}

static void
store_append__large_file_disk_full__file_as_before(void **state)
{
	struct fx *fx = *state;
	struct stat before, after;
	struct rlimit saved;
	int rc;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_large_file(path_in(fx, "meetings.csv"));
	assert_int_equal(stat(path_in(fx, "meetings.csv"), &before), 0);
	limit_file_size((rlim_t)before.st_size + 5, &saved);
	rc = append(fx, "meetings.csv", "M120001,bo\nM120002,cy\n");
	setrlimit(RLIMIT_FSIZE, &saved);
	assert_int_equal(rc, EX_IOERR);
	assert_string_equal(fx->e.msg, "write failed: File too large");
	assert_int_equal(stat(path_in(fx, "meetings.csv"), &after), 0);
	assert_int_equal(after.st_size, before.st_size);
	assert_string_equal(list_dir(fx->dir), ".lock meetings.csv");
}

static void
store_append__unterminated_rows__refused(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M1,ann\n");
	assert_int_equal(append(fx, "meetings.csv", "M2,bo"), EX_SOFTWARE);
	assert_string_equal(get_file(path_in(fx, "meetings.csv")),
	    HEADER "M1,ann\n");
}

static int64_t
next_id(struct fx *fx, const char *name, const char *prefix)
{
	int64_t id = -1;

	assert_int_equal(sd_store_next_id(&fx->st, name, prefix, &id,
	    &fx->e), 0);
	return id;
}

static void
store_next_id__no_file__one_then_two(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 1);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 2);
	assert_int_equal(next_id(fx, "followups.csv", "F"), 1);
}

static void
store_next_id__row_deleted__not_reused(void **state)
{
	struct fx *fx = *state;
	sd_replace rp;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 1);
	assert_int_equal(append(fx, "meetings.csv", "M1,ann\n"), 0);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 2);
	assert_int_equal(append(fx, "meetings.csv", "M2,bo\n"), 0);
	assert_int_equal(sd_replace_begin(&fx->st, "meetings.csv", &rp,
	    &fx->e), 0);
	fputs(HEADER "M1,ann\n", rp.f);
	assert_int_equal(sd_replace_commit(&rp, &fx->e), 0);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 3);
}

static void
store_next_id__person_deleted_row__not_reused(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 1);
	assert_int_equal(append(fx, "meetings.csv", "M1,ann\n"), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 2);
}

static void
store_next_id__person_added_id__picked_up(void **state)
{
	struct fx *fx = *state;
	FILE *f;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 1);
	assert_int_equal(append(fx, "meetings.csv", "M1,ann\n"), 0);
	f = fopen(path_in(fx, "meetings.csv"), "a");
	assert_non_null(f);
	fputs("M41,bo\n", f);
	fclose(f);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 42);
}

static void
store_next_id__other_values__ignored(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), "rep,ID\n"
	    "a,M3\na, M7 \na,X99\na,M12a\na,\na,m50\na,M\na,F80\n");
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 8);
}

static void
store_next_id__ids_by_hand__respected(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M5,ann\n");
	put_file(path_in(fx, ".ids"), "meetings.csv M 100\n\n");
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 101);
}

static void
store_next_ids__count__range_reserved(void **state)
{
	struct fx *fx = *state;
	int64_t first = 0;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(sd_store_next_ids(&fx->st, "followups.csv", "F", 5,
	    &first, &fx->e), 0);
	assert_int_equal(first, 1);
	assert_int_equal(next_id(fx, "followups.csv", "F"), 6);
}

static void
store_next_id__after_append__ids_match_file(void **state)
{
	struct fx *fx = *state;
	char want[256];
	struct stat sb;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 1);
	assert_int_equal(append(fx, "meetings.csv", "M1,ann\n"), 0);
	assert_int_equal(next_id(fx, "meetings.csv", "M"), 2);
	assert_int_equal(append(fx, "meetings.csv", "M2,bo\n"), 0);
	assert_int_equal(stat(path_in(fx, "meetings.csv"), &sb), 0);
	snprintf(want, sizeof want, "meetings.csv M 2 %llu %lld %lld\n",
	    (unsigned long long)sb.st_ino, (long long)sb.st_size,
	    (long long)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec);
	assert_string_equal(get_file(path_in(fx, ".ids")), want);
	assert_string_equal(list_dir(fx->dir), ".ids .lock meetings.csv");
}

static void
store_next_id__bad_ids_line__dataerr(void **state)
{
	struct fx *fx = *state;
	char where[1100];
	int64_t id;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, ".ids"), "meetings.csv M 4\nfollowups.csv F\n");
	snprintf(where, sizeof where, "%s:2", path_in(fx, ".ids"));
	assert_int_equal(sd_store_next_id(&fx->st, "meetings.csv", "M", &id,
	    &fx->e), EX_DATAERR);
	assert_string_equal(fx->e.where, where);
	assert_string_equal(fx->e.msg, "expected 'FILE PREFIX NUMBER'");
}

static void
store_next_id__bad_csv__dataerr(void **state)
{
	struct fx *fx = *state;
	int64_t id;

	assert_int_equal(sd_store_lock(&fx->st, &fx->e), 0);
	put_file(path_in(fx, "meetings.csv"), HEADER "M1\n");
	assert_int_equal(sd_store_next_id(&fx->st, "meetings.csv", "M", &id,
	    &fx->e), EX_DATAERR);
	assert_string_equal(get_file(path_in(fx, ".ids")), "<absent>");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(store_init__dir_option__beats_environment),
		cmocka_unit_test(store_init__salesdesk_dir__beats_xdg),
		cmocka_unit_test(store_init__empty_salesdesk_dir__ignored),
		cmocka_unit_test(store_init__relative_xdg__falls_back_to_home),
		cmocka_unit_test(store_init__no_home__cantcreat),
		T(store_path__name__joined),
		T(store_lock__missing_directories__created),
		T(store_lock__twice__noop),
		T(store_lock__parent_is_a_file__cantcreat),
		T(store_lock__readonly_parent__cantcreat),
		T(store_lock__held_elsewhere__tempfail_after_timeout),
		T(store_lock__released_during_wait__taken),
		T(store_unlock__held__others_may_lock),
		T(store_lock__journal_left__append_undone),
		T(store_lock__journal_of_absent_file__dropped),
		T(store_lock__bad_journal__dataerr),
		T(store_lock__stale_temp__removed),
		T(store_lock__stale_temp_in_contracts__removed),
		T(replace_commit__existing_file__mode_kept),
		T(replace_commit__new_file__umask_mode),
		T(replace_abort__written__no_trace),
		T(replace_commit__ragged_rows__refused_old_kept),
		T(replace_commit__disk_full__ioerr_old_kept),
		T(replace_begin__unlocked__refused),
		T(replace_begin__name_with_slash__refused),
		T(store_append__missing_file__created_with_header),
		T(store_append__existing_file__rows_added),
		T(store_append__no_final_newline__newline_first),
		T(store_append__empty_file__header_first),
		T(store_append__disk_full__file_as_before),
		T(store_append__small_file__new_version_renamed),
		T(store_append__large_file__rows_added_in_place),
		T(store_append__large_file_disk_full__file_as_before),
		T(store_append__unterminated_rows__refused),
		T(store_next_id__no_file__one_then_two),
		T(store_next_id__row_deleted__not_reused),
		T(store_next_id__person_deleted_row__not_reused),
		T(store_next_id__person_added_id__picked_up),
		T(store_next_id__other_values__ignored),
		T(store_next_id__ids_by_hand__respected),
		T(store_next_ids__count__range_reserved),
		T(store_next_id__after_append__ids_match_file),
		T(store_next_id__bad_ids_line__dataerr),
		T(store_next_id__bad_csv__dataerr),
	};

	umask(022);	/* the modes asserted assume it */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
