/*
 * report: see report(1).  Its commands arrive with their own issue; until then
 * each says so.
 */
#include <getopt.h>

#include "salesdesk.h"

static const struct option options[] = {
	{ NULL, 0, NULL, 0 },
};

static int
on_option(int key, const char *arg, sd_err *e)
{
	(void)arg;
	return sd_usage_error(e, "unknown option %d", key);
}

static int
not_yet(sd_ctx *ctx, int argc, char **argv, sd_err *e)
{
	(void)argc, (void)argv;
	return sd_fail(e, EX_UNAVAILABLE, "%s %s: not yet", ctx->tool,
	    ctx->cli->args[0]);
}

static const sd_command commands[] = {
	{ "sales", not_yet, false },
	{ "expenses", not_yet, false },
	{ "activity", not_yet, false },
	{ "pipeline", not_yet, false },
	{ NULL, NULL, false },
};

static const sd_tool tool = {
	.name = "report",
	.usage =
    "usage: report sales [--by KEYS] [--period P] [--forecast] [--chart] "
    "[FILE ...]\n"
    "       report expenses [--by KEYS] [--period P] [FILE ...]\n"
    "       report activity [--by KEYS] [--period P]\n"
    "       report pipeline [--by KEYS]\n",
	.options = options,
	.on_option = on_option,
	.commands = commands,
};

int
main(int argc, char **argv)
{
	return sd_main(&tool, argc, argv);
}
