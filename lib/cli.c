/*
 * cli.c: the frame every tool runs in.  Options may come before or after
 * the command, so one getopt_long pass takes the shared options and the
 * tool's own; the words left are the command and its operands.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "salesdesk.h"

static const struct option shared_options[] = {
	{ "config",	required_argument,	NULL, 'c' },
	{ "dir",	required_argument,	NULL, 'd' },
	{ "dry-run",	no_argument,		NULL, 'n' },
	{ "format",	required_argument,	NULL, 'o' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "no-header",	no_argument,		NULL, SD_OPT_NO_HEADER },
	{ "now",	required_argument,	NULL, SD_OPT_NOW },
	{ "version",	no_argument,		NULL, SD_OPT_VERSION },
};
#define NSHARED (sizeof shared_options / sizeof *shared_options)

static const char shared_usage[] =
    "options: -h, --help   --version   -d, --dir DIR   -c, --config FILE\n"
    "         -o, --format csv|tsv|table|json%s   --no-header   --now WHEN\n"
    "         -n, --dry-run (commands that write)\n";

int
sd_usage_error(sd_err *e, const char *fmt, ...)
{
	va_list ap;

	e->status = EX_USAGE;
	e->where[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return EX_USAGE;
}

static void
print_usage(const sd_tool *tool, FILE *f)
{
	char extra[64] = "";

	for (int fmt = SD_FMT_JSON + 1; fmt <= SD_FMT_ICS; fmt++)
		if (tool->formats & (1u << fmt)) {
			strcat(extra, "|");
			strcat(extra, sd_format_name((enum sd_format)fmt));
		}
	fputs(tool->usage, f);
	fprintf(f, shared_usage, extra);
}

/* The shared options first, then the tool's, in one table. */
static struct option *
merge_options(const sd_tool *tool)
{
	size_t n = 0;
	struct option *all;

	while (tool->options && tool->options[n].name)
		n++;
	all = sd_xcalloc(NSHARED + n + 1, sizeof *all);
	memcpy(all, shared_options, sizeof shared_options);
	if (n)
		memcpy(all + NSHARED, tool->options, n * sizeof *all);
	return all;
}

static int
shared_option(sd_cli *cli, int key, const char *arg, sd_err *e)
{
	switch (key) {
	case 'c':
		cli->config = arg;
		break;
	case 'd':
		cli->dir = arg;
		break;
	case 'h':
		print_usage(cli->tool, stdout);
		exit(EX_OK);
	case 'n':
		cli->dry_run = true;
		break;
	case 'o':
		if (sd_format_parse(arg, &cli->format) != 0 ||
		    (cli->format > SD_FMT_JSON &&
		    !(cli->tool->formats & (1u << cli->format))))
			return sd_usage_error(e, "unknown format '%s'", arg);
		cli->format_set = true;
		break;
	case SD_OPT_NO_HEADER:
		cli->no_header = true;
		break;
	case SD_OPT_NOW:
		cli->now = arg;
		break;
	case SD_OPT_VERSION:
		printf("%s (salesdesk) %s\n", cli->tool->name, SD_VERSION);
		exit(EX_OK);
	default:
		return sd_usage_error(e, "unknown option");
	}
	return 0;
}

static bool
is_shared(int key)
{
	/* strchr on a long option's number (1000 and up) would look for
	 * its low byte: 1123 is 'c'. */
	return (key > 0 && key < 256 && strchr("cdhno", key) != NULL) ||
	    key == SD_OPT_NO_HEADER || key == SD_OPT_NOW ||
	    key == SD_OPT_VERSION;
}

/* A leading '-' in the option string hands us operands in order as key 1,
 * whatever POSIXLY_CORRECT says, so options may follow the command. */
static int
parse(sd_cli *cli, int argc, char **argv, sd_err *e)
{
	const sd_tool *tool = cli->tool;
	struct option *all = merge_options(tool);
	char shortopts[64];
	int key, status = 0;

	snprintf(shortopts, sizeof shortopts, "-:c:d:hno:%s",
	    tool->short_options ? tool->short_options : "");
	cli->args = sd_xcalloc((size_t)argc + 1, sizeof *cli->args);
	opterr = 0;
	while (status == 0 &&
	    (key = getopt_long(argc, argv, shortopts, all, NULL)) != -1) {
		if (key == 1)
			cli->args[cli->nargs++] = optarg;
		else if (key == '?')
			status = sd_usage_error(e, "unknown option '%s'",
			    argv[optind - 1]);
		else if (key == ':')
			status = sd_usage_error(e, "option '%s' needs a value",
			    argv[optind - 1]);
		else if (is_shared(key))
			status = shared_option(cli, key, optarg, e);
		else
			status = tool->on_option(key, optarg, e);
	}
	while (status == 0 && optind < argc)
		cli->args[cli->nargs++] = argv[optind++];
	free(all);
	return status;
}

void
sd_warn(const sd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: warning: ", ctx->tool);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	putc('\n', stderr);
}

static const char *warn_tool;

static void
warn_config(const char *msg)
{
	fprintf(stderr, "%s: warning: %s\n", warn_tool, msg);
}

static int
load_config(sd_ctx *ctx, sd_err *e)
{
	const char *path = ctx->cli->config;
	char *in_dir = NULL;
	int status = 0;

	sd_config_defaults(&ctx->cfg);
	if (path == NULL && getenv("SALESDESK_CONFIG") &&
	    *getenv("SALESDESK_CONFIG"))
		path = getenv("SALESDESK_CONFIG");
	if (path == NULL) {
		in_dir = sd_store_path(&ctx->store, "salesdesk.ini");
		if (access(in_dir, F_OK) == 0)
			path = in_dir;
	}
	warn_tool = ctx->tool;
	if (path)
		status = sd_config_load(&ctx->cfg, path, warn_config, e);
	free(in_dir);
	ctx->store.lock_timeout_ms = ctx->cfg.lock_timeout_ms;
	return status;
}

/* $TZ wins over the config, as everywhere on Unix; a misspelt zone name
 * would silently read as UTC, so it is refused instead. */
static int
choose_zone(sd_ctx *ctx, sd_err *e)
{
	const char *tz = getenv("TZ");
	int rc;

	if (tz && *tz == ':')
		tz++;
	if (tz == NULL || *tz == '\0') {
		ctx->zone = ctx->cfg.timezone;
		return 0;
	}
	if ((rc = sd_zone_check(tz)) == SD_EZONE)
		return sd_fail(e, EX_CONFIG, "TZ: unreadable zone file for "
		    "time zone '%s'", tz);
	if (rc != 0)
		return sd_fail(e, EX_CONFIG, "TZ: unknown time zone '%s'", tz);
	ctx->zone = tz;
	return 0;
}

static int
set_clock(sd_ctx *ctx, sd_err *e)
{
	const char *when = ctx->cli->now;
	const char *from = "--now";
	int rc;

	ctx->clock.zone = ctx->zone;
	ctx->clock.cal = &ctx->cfg.cal;
	ctx->clock.now = time(NULL);
	if (when == NULL && getenv("SALESDESK_NOW") && *getenv("SALESDESK_NOW"))
		when = getenv("SALESDESK_NOW"), from = "SALESDESK_NOW";
	if (when == NULL)
		return 0;
	rc = sd_when_parse(when, &ctx->clock, &ctx->clock.now);
	if (rc == SD_EGAP)
		return sd_usage_error(e, "%s: '%s' does not exist in this time "
		    "zone (a daylight saving gap)", from, when);
	if (rc != 0)
		return sd_usage_error(e, "%s: not a date and time: '%s'", from,
		    when);
	return 0;
}

static int
ctx_init(sd_ctx *ctx, const sd_cli *cli, sd_err *e)
{
	int status;

	memset(ctx, 0, sizeof *ctx);
	ctx->cli = cli;
	ctx->tool = cli->tool->name;
	ctx->store.lock_fd = -1;
	if ((status = sd_store_init(&ctx->store, cli->dir, e)) != 0)
		return status;
	if ((status = load_config(ctx, e)) != 0)
		return status;
	if ((status = choose_zone(ctx, e)) != 0)
		return status;
	if ((status = set_clock(ctx, e)) != 0)
		return status;
	if (cli->format_set)
		ctx->format = cli->format;
	else
		ctx->format = isatty(STDOUT_FILENO) ? SD_FMT_TABLE : SD_FMT_CSV;
	return 0;
}

static void
ctx_free(sd_ctx *ctx)
{
	sd_store_unlock(&ctx->store);
	sd_store_free(&ctx->store);
	sd_config_free(&ctx->cfg);
}

sd_out *
sd_ctx_out(const sd_ctx *ctx)
{
	return sd_out_new(stdout, ctx->format, !ctx->cli->no_header,
	    ctx->cfg.csv_safe);
}

static const sd_command *
find_command(const sd_tool *tool, const char *name)
{
	for (const sd_command *c = tool->commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* Pick the command, or the tool's default when the first word is not
 * one (assign-rep FILE). */
static int
dispatch(sd_ctx *ctx, sd_cli *cli, sd_err *e)
{
	const sd_tool *tool = cli->tool;
	const sd_command *cmd = cli->nargs ? find_command(tool, cli->args[0])
	    : NULL;
	char **operands = cli->args + 1;
	int noperands = cli->nargs - 1;

	if (cmd == NULL && tool->default_command) {
		cmd = find_command(tool, tool->default_command);
		operands = cli->args, noperands = cli->nargs;
	}
	if (cmd == NULL)
		return sd_usage_error(e, "unknown command '%s'", cli->args[0]);
	if (cli->dry_run && !cmd->writes)
		return sd_usage_error(e, "%s %s does not write: -n/--dry-run "
		    "does not apply", tool->name, cmd->name);
	return cmd->run(ctx, noperands, operands, e);
}

int
sd_main(const sd_tool *tool, int argc, char **argv)
{
	sd_cli cli = { .tool = tool };
	sd_ctx ctx;
	sd_err e = { 0 };
	int status;

	if (parse(&cli, argc, argv, &e) != 0 ||
	    (cli.nargs == 0 && tool->default_command == NULL)) {
		if (e.status)	/* one line: the usage would bury it */
			sd_err_print(tool->name, &e);
		else
			print_usage(tool, stderr);
		free(cli.args);
		return EX_USAGE;
	}
	status = ctx_init(&ctx, &cli, &e);
	if (status == 0)
		status = dispatch(&ctx, &cli, &e);
	ctx_free(&ctx);
	if (e.status && e.msg[0])
		sd_err_print(tool->name, &e);
	sd_err_clear(&e);
	/* A write error the command reported already needs no second line;
	 * a reader gone away (EPIPE) needs none at all. */
	if (sd_close_stdout(&e) != 0 && status == 0) {
		if (e.msg[0])
			sd_err_print(tool->name, &e);
		status = EX_IOERR;
	}
	free(cli.args);
	return status;
}
