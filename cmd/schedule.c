/*
 * schedule: see schedule(1).  Its commands arrive with their own issue; until then
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
	{ "slots", not_yet, false },
	{ "book", not_yet, false },
	{ "list", not_yet, false },
	{ "agenda", not_yet, false },
	{ "move", not_yet, false },
	{ "cancel", not_yet, false },
	{ "done", not_yet, false },
	{ "no-show", not_yet, false },
	{ "check", not_yet, false },
	{ "export", not_yet, false },
	{ "import", not_yet, false },
	{ NULL, NULL, false },
};

static const sd_tool tool = {
	.name = "schedule",
	.usage =
    "usage: schedule add --rep R --client C --at WHEN [--for DUR | --until WHEN]\n"
    "                [--kind K] [--where TEXT] [--note TEXT] [--force]\n"
    "       schedule slots (--rep R | --region X | --product P)\n"
    "                [--on DATE | --from WHEN --to WHEN] [--for DUR] [--count N]\n"
    "                [--where TEXT]\n"
    "       schedule book (--rep R | --region X | --product P) --client C\n"
    "                [--on DATE | --from WHEN --to WHEN] [--for DUR] [--kind K]\n"
    "                [--where TEXT] [--note TEXT]\n"
    "       schedule list [--rep R] [--client C] [--from WHEN] [--to WHEN] [--on DATE]\n"
    "                [--status S] [--kind K] [FILE]\n"
    "       schedule agenda [--rep R] [--on DATE] [--week]\n"
    "       schedule move ID --at WHEN [--for DUR | --until WHEN] [--force]\n"
    "       schedule cancel | done | no-show ID\n"
    "       schedule check [FILE]\n"
    "       schedule export [--rep R] [--client C] [--from WHEN] [--to WHEN]\n"
    "                [--on DATE] [--status S] [--kind K] [-o ics]\n"
    "       schedule import --rep R FILE.ics\n",
	.options = options,
	.on_option = on_option,
	.commands = commands,
};

int
main(int argc, char **argv)
{
	return sd_main(&tool, argc, argv);
}
