/*
 * assign-rep: see assign-rep(1).  Its commands arrive with their own issue; until then
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
	{ "assign", not_yet, false },
	{ "stats", not_yet, false },
	{ NULL, NULL, false },
};

static const sd_tool tool = {
	.name = "assign-rep",
	.usage =
    "usage: assign-rep\n",
	.options = options,
	.on_option = on_option,
	.commands = commands,
	.default_command = "assign",
};

int
main(int argc, char **argv)
{
	return sd_main(&tool, argc, argv);
}
