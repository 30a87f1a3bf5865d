/*
 * gen: the benchmark's data, from a fixed seed, so every run measures the
 * same bytes.  gen DIR [SCALE] writes into DIR (a data directory):
 *
 *   reps.csv       1,000 reps in 8 regions and 4 time zones
 *   clients.csv    20,000 clients, each owned by a rep
 *   sales.csv      10 M order lines over 2024-2026 (about 0.8 GB): client
 *                  names quoted per RFC 4180 (commas, doubled quotes,
 *                  UTF-8), 3% refunds
 *   targets.csv    monthly and quarterly targets of the 200 selling reps
 *   meetings.csv   1 M entries, two a weekday per rep, valid but for a few
 *                  planted conflicts
 *   followups.csv  1 M follow-ups: one per done meeting but a few, and
 *                  inbound ones
 *   calls.csv      1 M inbound calls to route
 *   contracts.csv and contracts/: about 1 GB of stored documents
 *   expect.txt     the answers the benchmark checks the tools against
 *
 * SCALE (default 1) multiplies every count but the reps and clients, and
 * the contracts' bytes: 0.01 is a quick run.
 */
#include <errno.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "salesdesk.h"

#define NREPS 1000
#define NSELLERS 200		/* the reps with sales */
#define NCLIENTS 20000
#define NREGIONS 8
#define NPRODUCTS 12

static const char *const regions[NREGIONS] = { "Northeast", "Southeast",
	"Midwest", "Southwest", "West", "Northwest", "Central", "Mountain" };
static const char *const zones[NREGIONS] = { "America/New_York",
	"America/New_York", "America/Chicago", "America/Chicago",
	"America/Los_Angeles", "America/Los_Angeles", "America/Chicago",
	"America/Denver" };
static const char *const products[NPRODUCTS] = { "laser-printers",
	"copiers", "scanners", "supplies", "service-plans", "shredders",
	"projectors", "whiteboards", "furniture", "software", "leasing",
	"installation" };
static const char *const words[] = { "Harbor", "Summit", "Bluebird",
	"Meridian", "Granite", "Lakeshore", "Pioneer", "Cedar", "Northwind",
	"Atlas", "Riverside", "Keystone", "Redwood", "Beacon", "Sterling",
	"Orchard" };
static const char *const trades[] = { "Logistics", "Dental Group",
	"Auto Parts", "Law Offices", "Construction", "Insurance Agency",
	"Medical Center", "Accounting", "Realty", "Printing Works" };
static const char *const towns[] = { "Springfield", "Riverton",
	"Fairview", "Madison", "Georgetown", "Clinton", "Franklin", "Salem" };

static uint64_t seed = 0x5a1e5de5c0ffee01ULL;

/* splitmix64: small, fast, and the same everywhere */
static uint64_t
rnd(void)
{
	uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static long
pick(long n)
{
	return (long)(rnd() % (uint64_t)n);
}

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("gen: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static const char *dir;

static FILE *
create(const char *name, const char *header)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	if (header)
		fprintf(f, "%s\n", header);
	return f;
}

static void
done(FILE *f, const char *name)
{
	if (ferror(f) | fclose(f))
		die("%s: write error", name);
}

/* Cents as 1234.56 / -12.05, by hand: millions of them. */
static char *
put_money(char *p, int64_t cents)
{
	char tmp[24];
	int n = 0;
	uint64_t u = cents < 0 ? -(uint64_t)cents : (uint64_t)cents;

	if (cents < 0)
		*p++ = '-';
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
		if (n == 2)
			tmp[n++] = '.';
	} while (u > 0 || n < 4);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

static char *
put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

static char *
put_int(char *p, long v, int width)
{
	char tmp[24];
	int n = 0;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	if (v < 0)
		*p++ = '-';
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0 || n < width);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

static char *
put_date(char *p, sd_day day)
{
	sd_date_format(day, p);
	return p + 10;
}

/* The team */

struct rep {
	int region;
	const char *zone;
};
static struct rep reps[NREPS];

static void
gen_reps(void)
{
	FILE *f = create("reps.csv", "rep,name,email,phone,region,products,"
	    "timezone,hours,days,capacity,weight,active");

	for (int r = 0; r < NREPS; r++) {
		int a = (int)pick(NPRODUCTS), b = (a + 1 + (int)pick(5)) %
		    NPRODUCTS;

		reps[r].region = r % NREGIONS;
		reps[r].zone = zones[reps[r].region];
		fprintf(f, "r%04d,Rep %d %s,r%04d@example.com,555-01%02d,%s,",
		    r + 1, r + 1, words[r % 16], r + 1, r % 100,
		    regions[reps[r].region]);
		if (r % 5 == 0)
			fputs("*", f);
		else
			fprintf(f, "%s;%s", products[a], products[b]);
		fprintf(f, ",%s,08:00-18:00,mon-fri,,%d,yes\n", reps[r].zone,
		    1 + r % 3);
	}
	done(f, "reps.csv");
}

/* Client names as CSV fields, some of which need quotes. */
static char *client_field[NCLIENTS];

static char *
client_name(int c)
{
	char buf[128];
	const char *w = words[c % 16], *t = trades[(c / 16) % 10];
	const char *town = towns[(c / 160) % 8];

	switch (c % 50) {
	case 0:
		snprintf(buf, sizeof buf, "\"The \"\"%s\"\" %s of %s %d\"", w,
		    t, town, c);
		break;
	case 1:
		snprintf(buf, sizeof buf, "Soci\xc3\xa9t\xc3\xa9 %s de %s %d",
		    w, town, c);
		break;
	default:
		if (c % 8 == 2)
			snprintf(buf, sizeof buf, "\"%s %s of %s, Inc. %d\"", w,
			    t, town, c);
		else
			snprintf(buf, sizeof buf, "%s %s of %s %d", w, t, town,
			    c);
	}
	return sd_xstrdup(buf);
}

static void
gen_clients(void)
{
	FILE *f = create("clients.csv", "client,name,contact,phone,email,"
	    "region,industry,rep,stage,created");

	for (int c = 0; c < NCLIENTS; c++) {
		int r = (int)pick(NREPS);

		client_field[c] = client_name(c);
		fprintf(f, "c%05d,%s,Contact %d,555-02%02d,c%05d@example.com,"
		    "%s,%s,r%04d,customer,2024-01-02\n", c + 1, client_field[c],
		    c, c % 100, c + 1, regions[reps[r].region],
		    trades[c % 10], r + 1);
	}
	done(f, "clients.csv");
}

/* Sales and targets */

static sd_day
ymd(int y, int m, int d)
{
	return sd_date_to_day((sd_date){ y, m, d });
}

static void
gen_sales(long n, FILE *expect)
{
	FILE *f = create("sales.csv", "date,rep,client,region,product,"
	    "quantity,amount");
	sd_day first = ymd(2024, 1, 1), days = ymd(2027, 1, 1) - first;
	long refunds = 0;
	char line[256];

	for (long i = 0; i < n; i++) {
		int r = (int)pick(NSELLERS), q = 1 + (int)pick(12);
		int64_t price = 500 + (int64_t)pick(150000);
		char *p = line;

		if (pick(100) < 3) {
			q = -q;
			refunds++;
		}
		p = put_date(p, first + (sd_day)(i * days / n));
		p = put_str(p, ",r");
		p = put_int(p, r + 1, 4);
		*p++ = ',';
		p = put_str(p, client_field[pick(NCLIENTS)]);
		*p++ = ',';
		p = put_str(p, regions[reps[r].region]);
		*p++ = ',';
		p = put_str(p, products[pick(NPRODUCTS)]);
		*p++ = ',';
		p = put_int(p, q, 1);
		*p++ = ',';
		p = put_money(p, price * q);
		*p++ = '\n';
		fwrite(line, 1, (size_t)(p - line), f);
	}
	done(f, "sales.csv");
	fprintf(expect, "sales_rows=%ld\nsales_refunds=%ld\n", n, refunds);
}

/* A rep sells about $6.8M a month at scale 1: targets around it, the
 * monthly ones plus a quarterly bonus goal, and the team's year. */
static void
gen_targets(double scale)
{
	FILE *f = create("targets.csv", "period,rep,region,product,target");
	char buf[32];

	for (int y = 2024; y <= 2026; y++)
		for (int r = 0; r < NSELLERS; r++) {
			for (int m = 1; m <= 12; m++) {
				*put_money(buf, (int64_t)(scale * (6e8 +
				    pick(200000000)))) = '\0';
				fprintf(f, "%d-%02d,r%04d,,,%s\n", y, m, r + 1,
				    buf);
			}
			for (int q = 1; q <= 4; q++) {
				*put_money(buf, (int64_t)(scale * (5e7 +
				    pick(10000000)))) = '\0';
				fprintf(f, "%d-Q%d,r%04d,,,%s\n", y, q, r + 1,
				    buf);
			}
		}
	for (int y = 2024; y <= 2026; y++) {
		*put_money(buf, (int64_t)(scale * 1.6e12)) = '\0';
		fprintf(f, "%d,,,,%s\n", y, buf);
	}
	done(f, "targets.csv");
}

/* The calendar: two entries a weekday per rep, at 09:00 and 11:00 local
 * (an hour apart: more than buffer and travel), afternoons left free. */

#define NOW_DAY (ymd(2026, 12, 1))

/* The UTC offset of a zone at noon on day, in minutes (a cache: four
 * zones, a few thousand days). */
static int
offset_of(int zone, sd_day day)
{
	static int cache[NREGIONS][4096];
	static bool have[NREGIONS][4096];
	size_t i = (size_t)(day - ymd(2024, 1, 1)) % 4096;
	sd_time t;
	int off;

	if (!have[zone][i]) {
		if (sd_local_to_utc(zones[zone], day, 720, &t) != 0)
			die("bad zone %s", zones[zone]);
		sd_utc_to_local(zones[zone], t, NULL, NULL, &off);
		cache[zone][i] = off;
		have[zone][i] = true;
	}
	return cache[zone][i];
}

static char *
put_stamp(char *p, sd_day day, int minute, int off)
{
	p = put_date(p, day);
	*p++ = 'T';
	p = put_int(p, minute / 60, 2);
	*p++ = ':';
	p = put_int(p, minute % 60, 2);
	*p++ = off < 0 ? '-' : '+';
	off = off < 0 ? -off : off;
	p = put_int(p, off / 60, 2);
	*p++ = ':';
	return put_int(p, off % 60, 2);
}

static const char *const kinds[] = { "meeting", "call", "demo", "visit" };

/* What became of each meeting, for the follow-ups. */
struct meeting {
	int rep, client;
	sd_day day;
	bool done;
};
static struct meeting *book;

static sd_day
next_weekday(sd_day d)
{
	do
		d++;
	while (sd_weekday(d) >= 5);
	return d;
}

/* What became of an entry: planted conflicts stay live (done or to
 * come), so the check must see them. */
static const char *
status_of(sd_day day, bool live, bool *held)
{
	long x = live ? 99 : pick(100);

	*held = false;
	if (day >= NOW_DAY)
		return "scheduled";
	if (x < 8)
		return "cancelled";
	if (x < 14)
		return "no-show";
	*held = true;
	return "done";
}

static void
put_meeting(FILE *f, long id, int r, sd_day day, int start, int len,
    bool live)
{
	char line[512], *p = line;
	int kind = (int)pick(4), off = offset_of(reps[r].region, day);
	int c = (int)pick(NCLIENTS);
	bool held;
	const char *status = status_of(day, live, &held);

	p += snprintf(p, 64, "M%ld,r%04d,c%05d,", id, r + 1, c + 1);
	p = put_stamp(p, day, start, off);
	*p++ = ',';
	p = put_stamp(p, day, start + len, off);
	p += snprintf(p, 256, ",%s,%s,%s,\n", kinds[kind],
	    kind == 1 ? "phone" : "client site", status);
	fwrite(line, 1, (size_t)(p - line), f);
	book[id - 1] = (struct meeting){ r, c, day, held };
}

/* Per rep, entries on consecutive weekdays up to a little past now.
 * About 20 times in the book, the second of a day's pair is planted at
 * 09:15, over the first: a conflict. */
static void
gen_meetings(long n, FILE *expect)
{
	FILE *f = create("meetings.csv", "id,rep,client,start,end,kind,"
	    "location,status,note");
	long per = n / NREPS, id = 0, conflicts = 0;
	long every = n / 20 < 10 ? 10 : n / 20;

	book = sd_xcalloc((size_t)n + 1, sizeof *book);
	for (int r = 0; r < NREPS; r++) {
		sd_day d = next_weekday(NOW_DAY - (sd_day)(per / 2 * 7 / 5) +
		    (sd_day)pick(20));
		long mine = per + (r < n % NREPS);
		bool plant = false;

		for (long k = 0; k < mine; k++) {
			if (k % 2 == 0) {
				d = k > 0 ? next_weekday(d) : d;
				plant = k + 1 < mine && (id + 2) % every == 0;
				put_meeting(f, ++id, r, d, 540, 30 + 15 *
				    (int)pick(3), plant);
			} else if (plant) {
				put_meeting(f, ++id, r, d, 555, 45, true);
				conflicts++;
			} else
				put_meeting(f, ++id, r, d, 660, 30 + 15 *
				    (int)pick(3), false);
		}
	}
	done(f, "meetings.csv");
	fprintf(expect, "meetings=%ld\nconflicts=%ld\n", id, conflicts);
}

/* One follow-up per done meeting but every 100th, then inbound ones up
 * to n; old ones done, recent ones open. */
static void
gen_followups(long n, long meetings, FILE *expect)
{
	static const char *const intents[] = { "hot", "warm", "cold", "won",
		"lost" };
	FILE *f = create("followups.csv", "id,client,rep,due,kind,status,"
	    "source,intent,probability,value,terms,roadblocks,next_step,"
	    "note,updated");
	long id = 0, unplanned = 0;
	char due[11];

	for (long m = 0; m < meetings && id < n; m++) {
		const struct meeting *mt = &book[m];

		if (!mt->done)
			continue;
		if (m % 100 == 7) {
			unplanned++;
			continue;
		}
		sd_date_format(mt->day + 2, due);
		fprintf(f, "F%ld,c%05d,r%04d,%s,meeting,%s,M%ld,%s,%ld,%ld.00,"
		    ",,,,%sT17:00-06:00\n", ++id, mt->client + 1,
		    mt->rep + 1, due, mt->day + 30 < NOW_DAY ? "done" : "open",
		    m + 1, intents[pick(5)], pick(101), pick(50000), due);
	}
	for (; id < n; id++)
		fprintf(f, "F%ld,c%05ld,r%04ld,2026-11-%02ld,inbound,open,,"
		    "warm,50,%ld.00,,,,,2026-11-01T09:00-06:00\n", id + 1,
		    pick(NCLIENTS) + 1, pick(NREPS) + 1, 1 + pick(30),
		    pick(20000));
	done(f, "followups.csv");
	fprintf(expect, "followups=%ld\nplan_opens=%ld\n", id, unplanned);
}

static void
gen_calls(long n, FILE *expect)
{
	FILE *f = create("calls.csv", "client,name,region,product,received");

	for (long i = 0; i < n; i++) {
		long c = pick(NCLIENTS * 10);

		if (c < NCLIENTS)
			fprintf(f, "c%05ld,%s,", c + 1, client_field[c]);
		else
			fprintf(f, "p%07ld,Prospect %ld,", i + 1, i + 1);
		fprintf(f, "%s,%s,2026-12-01T%02ld:%02ld-06:00\n",
		    regions[pick(NREGIONS)], products[pick(NPRODUCTS)],
		    8 + i * 9 / n, pick(60));
	}
	done(f, "calls.csv");
	fprintf(expect, "calls=%ld\n", n);
}

/* The contracts store: files of pseudo-random bytes, hashed as written. */

#define DOC_BYTES ((long)2 << 20)

static void
put_doc(const char *path, long bytes, char hex[65])
{
	static unsigned char block[1 << 16];
	unsigned char md[32];
	unsigned len;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	FILE *f = fopen(path, "w");

	if (f == NULL || ctx == NULL || !EVP_DigestInit_ex(ctx, EVP_sha256(),
	    NULL))
		die("%s: %s", path, strerror(errno));
	for (long left = bytes; left > 0; left -= (long)sizeof block) {
		size_t n = left < (long)sizeof block ? (size_t)left :
		    sizeof block;

		for (size_t i = 0; i < n; i += 8) {
			uint64_t w = rnd();

			memcpy(block + i, &w, n - i < 8 ? n - i : 8);
		}
		fwrite(block, 1, n, f);
		EVP_DigestUpdate(ctx, block, n);
	}
	EVP_DigestFinal_ex(ctx, md, &len);
	EVP_MD_CTX_free(ctx);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	done(f, path);
	chmod(path, 0600);
}

static void
gen_contracts(double scale, FILE *expect)
{
	FILE *f = create("contracts.csv", "id,client,title,kind,status,file,"
	    "sha256,bytes,signed,starts,expires,notice,renewal,rep,added,"
	    "note");
	long n = (long)(500 * scale + 0.5), bytes = DOC_BYTES;
	char path[4096], hex[65], id[24], client[24];

	n = n < 1 ? 1 : n;
	snprintf(path, sizeof path, "%s/%s", dir, SD_DOC_DIR);
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		die("%s: %s", path, strerror(errno));
	for (long k = 1; k <= n; k++) {
		char *name;

		snprintf(id, sizeof id, "K%ld", k);
		snprintf(client, sizeof client, "c%05ld", k % NCLIENTS + 1);
		name = sd_doc_name(id, client, "master services agreement",
		    "msa.pdf");
		snprintf(path, sizeof path, "%s/%s/%s", dir, SD_DOC_DIR, name);
		put_doc(path, bytes, hex);
		fprintf(f, "%s,%s,master services agreement,contract,active,"
		    "%s,%s,%ld,2025-01-15,2025-02-01,2027-01-31,60d,manual,"
		    "r%04ld,2025-01-15,\n", id, client, name, hex,
		    bytes, k % NREPS + 1);
		free(name);
	}
	done(f, "contracts.csv");
	fprintf(expect, "contracts=%ld\ncontract_bytes=%ld\n", n, n * bytes);
}

int
main(int argc, char **argv)
{
	double scale = argc > 2 ? strtod(argv[2], NULL) : 1.0;
	FILE *expect;

	if (argc < 2 || argc > 3 || !(scale > 0 && scale <= 100))
		die("usage: gen DIR [SCALE]");
	dir = argv[1];
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		die("%s: %s", dir, strerror(errno));
	expect = create("expect.txt", NULL);
	fprintf(expect, "scale=%g\n", scale);
	gen_reps();
	gen_clients();
	gen_targets(scale);
	gen_sales((long)(10000000 * scale), expect);
	gen_meetings((long)(1000000 * scale), expect);
	gen_followups((long)(1000000 * scale),
	    (long)(1000000 * scale), expect);
	gen_calls((long)(1000000 * scale), expect);
	gen_contracts(scale, expect);
	done(expect, "expect.txt");
	return 0;
}
