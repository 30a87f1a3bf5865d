/*
 * followup: see followup(1).  Its commands arrive with their own issue; until then
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
	{ "plan", not_yet, false },
	{ "add", not_yet, false },
	{ "due", not_yet, false },
	{ "log", not_yet, false },
	{ "deliveries", not_yet, false },
	{ "stale", not_yet, false },
	{ "list", not_yet, false },
	{ NULL, NULL, false },
};

static const sd_tool tool = {
	.name = "followup",
	.usage =
    "usage: followup plan [--after DUR] [FILE|-]\n"
    "       followup add --client C [--rep R] [--due WHEN] [--kind K] [--note TEXT]\n"
    "       followup due [--on DATE] [--rep R] [--overdue]\n"
    "       followup log ID [--intent I] [--probability P] [--value MONEY] [--terms TEXT]\n"
    "                       [--roadblock TEXT] [--note TEXT] [--next WHEN] [--done]\n"
    "       followup deliveries [FILE|-]\n"
    "       followup stale [--days N]\n"
    "       followup list [--rep R] [--client C] [--status S] [--kind K]\n",
	.options = options,
	.on_option = on_option,
	.commands = commands,
};

int
main(int argc, char **argv)
{
	return sd_main(&tool, argc, argv);
}
