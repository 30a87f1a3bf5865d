/*
 * timer: run a command and say how long it took and how much memory it
 * held at most, for the benchmark (so it does not depend on a
 * /usr/bin/time being installed).
 *
 *   timer [-i IN] [-o OUT] [-e ERR] COMMAND [ARG ...]
 *
 * prints "WALL_SECONDS PEAK_RSS_KB EXIT_STATUS" on stdout; the command's
 * standard streams are IN, OUT and ERR (default /dev/null).  An exit
 * status of 127 means the command could not be run.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void
redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0666);

	if (f < 0 || dup2(f, fd) < 0) {
		perror(path);
		_exit(127);
	}
	close(f);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char *in = "/dev/null", *out = "/dev/null", *err = "/dev/null";
	struct rusage ru;
	double start;
	pid_t pid;
	int c, status;

	while ((c = getopt(argc, argv, "+i:o:e:")) != -1) {
		if (c == 'i')
			in = optarg;
		else if (c == 'o')
			out = optarg;
		else if (c == 'e')
			err = optarg;
		else
			return 2;
	}
	if (optind == argc) {
		fputs("usage: timer [-i IN] [-o OUT] [-e ERR] COMMAND "
		    "[ARG ...]\n", stderr);
		return 2;
	}
	start = now();
	if ((pid = fork()) < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		redirect(in, 0, O_RDONLY);
		redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
		redirect(err, 2, O_WRONLY | O_CREAT | O_TRUNC);
		execvp(argv[optind], argv + optind);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		return 2;
	}
	printf("%.3f %ld %d\n", now() - start, ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
