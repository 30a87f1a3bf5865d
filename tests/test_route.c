/* Unit tests for lib/route.c: who takes an inbound call. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salesdesk.h"

#define HEADER "rep,name,email,phone,region,products,timezone,hours,days," \
	"capacity,weight,active\n"

/* alice (weight 2) and bob sell everything in West; carol sells copiers
 * everywhere; dave is inactive. */
#define TEAM HEADER \
	"alice,,,,West,*,,,,,2,yes\n" \
	"bob,,,,west,*,,,,,1,yes\n" \
	"carol,,,,*,copiers,,,,1,1,yes\n" \
	"dave,,,,West,*,,,,,1,no\n"

static const char *const files[] = { "reps.csv", "assignments.csv",
	"followups.csv", "meetings.csv" };

struct fix {
	char dir[64];
	sd_store st;
	sd_config cfg;
	sd_reps reps;
	sd_route *rt;
	sd_book book;
	bool has_book;
};

static void
put(struct fix *f, const char *name, const char *text)
{
	char *path = sd_store_path(&f->st, name);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(path);
}

static int
setup(void **state)
{
	struct fix *f = sd_xcalloc(1, sizeof *f);
	sd_err e = { 0 };

	strcpy(f->dir, "/tmp/test_route.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(sd_store_init(&f->st, f->dir, &e), 0);
	sd_config_defaults(&f->cfg);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	sd_route_free(f->rt);
	if (f->has_book)
		sd_book_free(&f->book);
	sd_reps_free(&f->reps);
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char *path = sd_store_path(&f->st, files[i]);

		unlink(path);
		free(path);
	}
	rmdir(f->dir);
	sd_store_free(&f->st);
	sd_config_free(&f->cfg);
	free(f);
	return 0;
}

/* A router over the team in reps.csv text, with the store's history. */
static sd_route *
team(struct fix *f, const char *reps, enum sd_strategy s)
{
	sd_err e = { 0 };

	put(f, "reps.csv", reps);
	assert_int_equal(sd_reps_load(&f->reps, &f->st, &f->cfg, &e), 0);
	f->rt = sd_route_new(&f->reps, s);
	assert_int_equal(sd_route_load(f->rt, &f->st, &e), 0);
	return f->rt;
}

/* Route a call; the rep's id or "" when nobody takes it. */
static const char *
route(struct fix *f, const char *region, const char *product,
    const char *owner, bool explain, const char **reason)
{
	sd_call call = { region, product, owner, 0 };
	sd_pick p;

	sd_route_pick(f->rt, &call, explain, &p);
	if (reason)
		*reason = p.reason;
	return p.rep ? p.rep : "";
}

/* The reps of n calls for West printers, one letter each (a: alice). */
static void
west_calls(struct fix *f, int n, char *out)
{
	for (int i = 0; i < n; i++)
		out[i] = route(f, "West", "printers", "", false, NULL)[0];
	out[n] = '\0';
}

static void
strategy_parse__names__round_trip(void **state)
{
	enum sd_strategy s;

	(void)state;
	assert_int_equal(sd_strategy_parse("least-loaded", &s), 0);
	assert_int_equal(s, SD_LEAST_LOADED);
	assert_string_equal(sd_strategy_name(s), "least-loaded");
	assert_int_equal(sd_strategy_parse("first-free", &s), 0);
	assert_int_equal(s, SD_FIRST_FREE);
	assert_int_equal(sd_strategy_parse("round-robin", &s), 0);
	assert_int_equal(s, SD_ROUND_ROBIN);
}

static void
strategy_parse__unknown__rejected(void **state)
{
	enum sd_strategy s;

	(void)state;
	assert_int_equal(sd_strategy_parse("random", &s), -1);
	assert_int_equal(sd_strategy_parse("", &s), -1);
}

static void
route_pick__weights_two_to_one__six_and_three_of_nine(void **state)
{
	struct fix *f = *state;
	char got[16];

	team(f, TEAM, SD_ROUND_ROBIN);
	west_calls(f, 9, got);
	assert_string_equal(got, "ababaabaa");
}

static void
route_pick__history__counts_across_runs(void **state)
{
	struct fix *f = *state;
	char got[16];

	/* alice had 4 turns and an owner call; bob 1: bob's turn twice */
	put(f, "assignments.csv", "at,client,region,product,rep,reason\n"
	    "x,c1,West,,alice,round-robin among 2\n"
	    "x,c2,West,,alice,round-robin among 2\n"
	    "x,c3,West,,alice,round-robin among 2\n"
	    "x,c4,West,,alice,round-robin among 2\n"
	    "x,c5,West,,alice,owner\n"
	    "x,c6,West,,bob,least-loaded among 2\n"
	    "x,c7,West,,,no active rep\n");
	team(f, TEAM, SD_ROUND_ROBIN);
	west_calls(f, 3, got);
	assert_string_equal(got, "bab");
}

static void
route_pick__tie__least_recent_call_wins(void **state)
{
	struct fix *f = *state;
	const char *why;

	/* 2/2 and 1/1 tie; bob's last call is older than alice's owner one */
	put(f, "assignments.csv", "at,client,region,product,rep,reason\n"
	    "x,c1,West,,alice,round-robin among 2\n"
	    "x,c2,West,,bob,round-robin among 2\n"
	    "x,c3,West,,alice,round-robin among 2\n"
	    "x,c4,West,,alice,Owner\n");
	team(f, TEAM, SD_ROUND_ROBIN);
	assert_string_equal(route(f, "West", "printers", "", true, &why),
	    "bob");
	assert_string_equal(why, "round-robin: alice 2/2=1.00, "
	    "bob 1/1=1.00 -> bob (tie: least recent call)");
}

static void
route_pick__tie_never_called__rep_id(void **state)
{
	struct fix *f = *state;
	const char *why;

	team(f, TEAM, SD_ROUND_ROBIN);
	assert_string_equal(route(f, "West", "printers", "", true, &why),
	    "alice");
	assert_string_equal(why, "round-robin: alice 0/2=0.00, "
	    "bob 0/1=0.00 -> alice (tie: rep id)");
}

static void
route_pick__plain_reason__counts_candidates(void **state)
{
	struct fix *f = *state;
	const char *why;

	team(f, TEAM, SD_ROUND_ROBIN);
	assert_string_equal(route(f, "WEST", "copiers", "", false, &why),
	    "alice");
	assert_string_equal(why, "round-robin among 3");
}

static void
route_pick__star_region__covers_every_region(void **state)
{
	struct fix *f = *state;
	const char *why;

	team(f, TEAM, SD_ROUND_ROBIN);
	assert_string_equal(route(f, "East", "Copiers", "", false, &why),
	    "carol");
	assert_string_equal(why, "round-robin among 1");
}

static void
route_pick__nobody_covers__names_region_and_product(void **state)
{
	struct fix *f = *state;
	const char *why;

	team(f, HEADER "alice,,,,West,printers,,,,,1,yes\n", SD_ROUND_ROBIN);
	assert_string_equal(route(f, "EMEA", "drones", "", false, &why), "");
	assert_string_equal(why,
	    "no active rep covers region EMEA for product 'drones'");
	assert_string_equal(route(f, "", "drones", "", false, &why), "");
	assert_string_equal(why, "no active rep covers product 'drones'");
	assert_string_equal(route(f, "EMEA", "", "", false, &why), "");
	assert_string_equal(why, "no active rep covers region EMEA");
}

static void
route_pick__no_reps__names_reps_csv(void **state)
{
	struct fix *f = *state;
	const char *why;

	team(f, "", SD_ROUND_ROBIN);
	assert_string_equal(route(f, "West", "", "", false, &why), "");
	assert_string_equal(why, "no reps in reps.csv");
}

static void
route_pick__no_reps__owner_taken_as_is(void **state)
{
	struct fix *f = *state;
	const char *why;

	team(f, "", SD_ROUND_ROBIN);
	assert_string_equal(route(f, "West", "", "zoe", false, &why), "zoe");
	assert_string_equal(why, "owner");
}

static void
route_pick__capacity__counts_this_run(void **state)
{
	struct fix *f = *state;
	const char *why;

	/* bob carries one open follow-up of two */
	put(f, "followups.csv", "id,rep,status\nF1,bob,open\nF2,bob,done\n"
	    "F3,alice,cancelled\n");
	team(f, HEADER "alice,,,,West,*,,,,1,1,yes\n"
	    "bob,,,,West,*,,,,2,1,yes\n", SD_ROUND_ROBIN);
	assert_string_equal(route(f, "West", "", "", false, NULL), "alice");
	assert_string_equal(route(f, "West", "", "", false, NULL), "bob");
	assert_string_equal(route(f, "West", "", "", true, &why), "");
	assert_string_equal(why, "all 2 active reps covering region West "
	    "are at capacity: alice at capacity 1/1, bob at capacity 2/2");
}

static void
route_pick__one_rep_full__says_the_one(void **state)
{
	struct fix *f = *state;
	const char *why;

	team(f, HEADER "alice,,,,West,printers,,,,0,1,yes\n", SD_ROUND_ROBIN);
	assert_string_equal(route(f, "West", "printers", "", false, &why),
	    "");
	assert_string_equal(why, "the one active rep covering region West "
	    "for product 'printers' is at capacity");
}

static void
route_pick__owner__takes_the_call_and_counts_as_load(void **state)
{
	struct fix *f = *state;
	const char *why;

	team(f, HEADER "alice,,,,West,*,,,,1,1,yes\n"
	    "bob,,,,East,*,,,,,1,yes\n", SD_ROUND_ROBIN);
	assert_string_equal(route(f, "West", "", "bob", false, &why), "bob");
	assert_string_equal(why, "owner");
	assert_string_equal(route(f, "West", "", "alice", false, NULL),
	    "alice");
	assert_string_equal(route(f, "West", "", "", false, &why), "");
	assert_string_equal(why, "the one active rep covering region West "
	    "is at capacity");
}

static void
route_pick__inactive_owner__routed_by_strategy(void **state)
{
	struct fix *f = *state;
	const char *why;

	team(f, TEAM, SD_ROUND_ROBIN);
	assert_string_equal(route(f, "West", "printers", "dave", false, &why),
	    "alice");
	assert_string_equal(why, "owner dave inactive; round-robin among 2");
	assert_string_equal(route(f, "West", "printers", "zed", false, &why),
	    "bob");
	assert_string_equal(why,
	    "owner zed not in reps.csv; round-robin among 2");
}

static void
route_pick__least_loaded__fewest_open_then_this_run(void **state)
{
	struct fix *f = *state;
	const char *why;

	put(f, "followups.csv", "id,rep,status\nF1,alice,open\n"
	    "F2,alice,open\nF3,bob,open\n");
	team(f, TEAM, SD_LEAST_LOADED);
	assert_string_equal(route(f, "West", "printers", "", true, &why),
	    "bob");
	assert_string_equal(why, "least-loaded: alice 2, bob 1 -> bob");
	assert_string_equal(route(f, "West", "printers", "", true, &why),
	    "alice");
	assert_string_equal(why,
	    "least-loaded: alice 2, bob 2 -> alice (tie: least recent call)");
}

/* The book from meetings.csv text; first-free looks from 09:30 to
 * midnight, Chicago time, on Tuesday 2026-12-01. */
static void
calendar(struct fix *f, const char *meetings)
{
	char *path = sd_store_path(&f->st, "meetings.csv");
	const char *zone = "America/Chicago";
	sd_time from, to;
	sd_err e = { 0 };

	put(f, "meetings.csv", meetings);
	assert_int_equal(sd_book_load(&f->book, path, zone, &e), 0);
	f->has_book = true;
	free(path);
	assert_int_equal(sd_datetime_parse("2026-12-01T09:30", zone, &from),
	    0);
	assert_int_equal(sd_datetime_parse("2026-12-02T00:00", zone, &to), 0);
	sd_route_book(f->rt, &f->book, &f->cfg, zone, from, to);
}

#define MEETINGS "id,rep,client,start,end,kind,location,status,note\n"

static void
route_pick__away_at_call_time__dropped(void **state)
{
	struct fix *f = *state;
	sd_call call = { "West", "printers", "", 0 };
	sd_pick p;

	team(f, TEAM, SD_ROUND_ROBIN);
	calendar(f, MEETINGS "M1,alice,,2026-12-01T08:00-06:00,"
	    "2026-12-01T12:00-06:00,away,,scheduled,\n");
	assert_int_equal(sd_datetime_parse("2026-12-01T11:59-06:00", NULL,
	    &call.at), 0);
	sd_route_pick(f->rt, &call, true, &p);
	assert_string_equal(p.rep, "bob");
	assert_string_equal(p.reason,
	    "round-robin: alice away, bob 0/1=0.00 -> bob");
	call.at += 60;
	sd_route_pick(f->rt, &call, false, &p);
	assert_string_equal(p.rep, "alice");
}

/* Calls out of time order, around two aways of alice (one inside the
 * other) and one of bob's: each moment is answered on its own. */
static void
route_pick__aways_any_order__each_moment_answered(void **state)
{
	static const struct {
		const char *at;
		bool alice, bob;	/* away */
	} calls[] = {
		{ "2026-12-01T12:00-06:00", true, false },
		{ "2026-11-20T12:00-06:00", false, false },
		{ "2026-12-02T12:00-06:00", true, false },
		{ "2026-12-05T12:00-06:00", false, false },
		{ "2026-12-07T10:00-06:00", false, true },
		{ "2026-12-04T23:59-06:00", true, false },
		{ "2026-12-05T00:00-06:00", false, false },
		{ "2026-12-31T12:00-06:00", false, false },
		{ "2026-12-07T08:00-06:00", false, true },
		{ "2026-12-07T07:59-06:00", false, false },
		{ "2026-12-03T00:00-06:00", true, false },
	};
	struct fix *f = *state;
	sd_call call = { "West", "printers", "", 0 };
	sd_pick p;

	team(f, TEAM, SD_ROUND_ROBIN);
	calendar(f, MEETINGS "M1,alice,,2026-12-01T00:00-06:00,"
	    "2026-12-05T00:00-06:00,away,,scheduled,\n"
	    "M2,alice,,2026-12-02T00:00-06:00,2026-12-03T00:00-06:00,away,,,\n"
	    "M3,bob,,2026-12-07T08:00-06:00,2026-12-07T12:00-06:00,away,,,\n");
	for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
		assert_int_equal(sd_datetime_parse(calls[i].at, NULL,
		    &call.at), 0);
		sd_route_pick(f->rt, &call, true, &p);
		assert_int_equal(strstr(p.reason, "alice away") != NULL,
		    calls[i].alice);
		assert_int_equal(strstr(p.reason, "bob away") != NULL,
		    calls[i].bob);
	}
}

static void
route_pick__cancelled_away__not_away(void **state)
{
	struct fix *f = *state;
	sd_call call = { "West", "printers", "bob", 0 };
	sd_pick p;

	team(f, TEAM, SD_ROUND_ROBIN);
	calendar(f, MEETINGS "M1,bob,,2026-12-01T08:00-06:00,"
	    "2026-12-01T12:00-06:00,away,,cancelled,\n"
	    "M2,alice,,2026-12-01T08:00-06:00,2026-12-01T12:00-06:00,"
	    "meeting,,scheduled,\n");
	assert_int_equal(sd_datetime_parse("2026-12-01T10:00-06:00", NULL,
	    &call.at), 0);
	sd_route_pick(f->rt, &call, false, &p);
	assert_string_equal(p.rep, "bob");
	assert_string_equal(p.reason, "owner");
}

static void
route_pick__owner_away__says_so_then_routes(void **state)
{
	struct fix *f = *state;
	sd_call call = { "West", "printers", "bob", 0 };
	sd_pick p;

	team(f, TEAM, SD_ROUND_ROBIN);
	calendar(f, MEETINGS "M1,bob,,2026-11-30T08:00-06:00,"
	    "2026-12-04T17:00-06:00,away,,scheduled,PTO\n");
	assert_int_equal(sd_datetime_parse("2026-12-01T10:00-06:00", NULL,
	    &call.at), 0);
	sd_route_pick(f->rt, &call, false, &p);
	assert_string_equal(p.rep, "alice");
	assert_string_equal(p.reason, "owner bob away; round-robin among 1");
}

static void
route_pick__first_free__each_call_takes_a_slot(void **state)
{
	struct fix *f = *state;
	const char *why;

	team(f, TEAM, SD_FIRST_FREE);
	calendar(f, MEETINGS "M1,alice,c1,2026-12-01T09:00-06:00,"
	    "2026-12-01T10:30-06:00,meeting,,scheduled,\n");
	assert_string_equal(route(f, "West", "printers", "", true, &why),
	    "bob");
	assert_string_equal(why,
	    "first-free: alice 10:45, bob 09:30 -> bob");
	assert_string_equal(route(f, "West", "printers", "", true, &why),
	    "bob");
	assert_string_equal(why,
	    "first-free: alice 10:45, bob 10:30 -> bob");
	assert_string_equal(route(f, "West", "printers", "", true, &why),
	    "alice");
	assert_string_equal(why, "first-free: alice 10:45, bob 11:30 -> "
	    "alice");
}

static void
route_pick__first_free_none_today__ties_by_recency(void **state)
{
	struct fix *f = *state;
	const char *why;

	sd_time sat, sun;

	/* Saturday: nobody works */
	team(f, TEAM, SD_FIRST_FREE);
	calendar(f, MEETINGS);
	assert_int_equal(sd_datetime_parse("2026-12-05T00:00-06:00", NULL,
	    &sat), 0);
	assert_int_equal(sd_datetime_parse("2026-12-06T00:00-06:00", NULL,
	    &sun), 0);
	sd_route_book(f->rt, &f->book, &f->cfg, "America/Chicago", sat, sun);
	assert_string_equal(route(f, "West", "printers", "", true, &why),
	    "alice");
	assert_string_equal(why, "first-free: alice no slot today, "
	    "bob no slot today -> alice (tie: rep id)");
	assert_string_equal(route(f, "West", "printers", "", false, &why),
	    "bob");
}

static void
route_load__assignments_without_rep_column__rejected(void **state)
{
	struct fix *f = *state;
	sd_err e = { 0 };

	put(f, "reps.csv", TEAM);
	put(f, "assignments.csv", "at,client\nx,c1\n");
	assert_int_equal(sd_reps_load(&f->reps, &f->st, &f->cfg, &e), 0);
	f->rt = sd_route_new(&f->reps, SD_ROUND_ROBIN);
	assert_int_equal(sd_route_load(f->rt, &f->st, &e), EX_DATAERR);
	assert_string_equal(e.msg, "no column 'rep' in the header");
}

static void
route_owner_reason__only_owner__is_owner(void **state)
{
	(void)state;
	assert_true(sd_route_owner_reason(" owner "));
	assert_true(sd_route_owner_reason("OWNER"));
	assert_false(sd_route_owner_reason("owner bob away; round-robin "
	    "among 2"));
	assert_false(sd_route_owner_reason(""));
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strategy_parse__names__round_trip),
		cmocka_unit_test(strategy_parse__unknown__rejected),
		T(route_pick__weights_two_to_one__six_and_three_of_nine),
		T(route_pick__history__counts_across_runs),
		T(route_pick__tie__least_recent_call_wins),
		T(route_pick__tie_never_called__rep_id),
		T(route_pick__plain_reason__counts_candidates),
		T(route_pick__star_region__covers_every_region),
		T(route_pick__nobody_covers__names_region_and_product),
		T(route_pick__no_reps__names_reps_csv),
		T(route_pick__no_reps__owner_taken_as_is),
		T(route_pick__capacity__counts_this_run),
		T(route_pick__one_rep_full__says_the_one),
		T(route_pick__owner__takes_the_call_and_counts_as_load),
		T(route_pick__inactive_owner__routed_by_strategy),
		T(route_pick__least_loaded__fewest_open_then_this_run),
		T(route_pick__away_at_call_time__dropped),
		T(route_pick__aways_any_order__each_moment_answered),
		T(route_pick__cancelled_away__not_away),
		T(route_pick__owner_away__says_so_then_routes),
		T(route_pick__first_free__each_call_takes_a_slot),
		T(route_pick__first_free_none_today__ties_by_recency),
		T(route_load__assignments_without_rep_column__rejected),
		T(route_owner_reason__only_owner__is_owner),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
