/*
 * contracts: see contracts(1).  Its commands arrive with their own issue; until then
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
	{ "add", not_yet, false },
	{ "list", not_yet, false },
	{ "show", not_yet, false },
	{ "path", not_yet, false },
	{ "cat", not_yet, false },
	{ "set", not_yet, false },
	{ "search", not_yet, false },
	{ "expiring", not_yet, false },
	{ "verify", not_yet, false },
	{ NULL, NULL, false },
};

static const sd_tool tool = {
	.name = "contracts",
	.usage =
    "usage: contracts add FILE --client C --title T [--kind K] [--status S] [--signed D]\n"
    "                      [--starts D] [--expires D | --term DUR] [--notice DUR]\n"
    "                      [--renewal auto|manual|none] [--rep R] [--note TEXT]\n"
    "       contracts list [--client C] [--kind K] [--status S] [--rep R]\n"
    "       contracts show|path|cat ID\n"
    "       contracts set ID [--client C] [--title T] [--kind K] [--status S]\n"
    "                      [--signed D] [--starts D] [--expires D | --term DUR]\n"
    "                      [--notice DUR] [--renewal R] [--rep R] [--note TEXT]\n"
    "       contracts search WORDS\n"
    "       contracts expiring [--within DUR] [--on DATE] [--rep R]\n"
    "       contracts verify\n",
	.options = options,
	.on_option = on_option,
	.commands = commands,
};

int
main(int argc, char **argv)
{
	return sd_main(&tool, argc, argv);
}
