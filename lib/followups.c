/*
 * followups.c: followups.csv and followup-log.csv, and the rules of the
 * call list that more than one command (and tool) needs: which kinds and
 * states exist, which follow-ups a source already has, the order of the
 * list, and when an order needs chasing.
 *
 * `followup plan` joins a million meetings with a million follow-ups, so
 * the sources go into a hash table: open addressing with linear probing,
 * kept at most half full, keys copied into large blocks rather than one
 * malloc each.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "salesdesk.h"

const char *const sd_fu_cols[SD_FU_NCOLS] = { "id", "client", "rep", "due",
	"kind", "status", "source", "intent", "probability", "value", "terms",
	"roadblocks", "next_step", "note", "updated" };

const char *const sd_fl_cols[SD_FL_NCOLS] = { "at", "followup", "intent",
	"probability", "value", "terms", "roadblocks", "note" };

static const char *const kind_names[] = { "meeting", "inbound", "delivery",
	"issue", "renewal" };

/* Compare a cell with a word, ignoring case and surrounding blanks. */
static bool
is_word(const char *cell, const char *word)
{
	size_t n = strlen(word), m;

	while (*cell == ' ' || *cell == '\t')
		cell++;
	m = strlen(cell);
	while (m > 0 && (cell[m - 1] == ' ' || cell[m - 1] == '\t'))
		m--;
	return m == n && strncasecmp(cell, word, n) == 0;
}

static bool
is_one_of(const char *cell, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_word(cell, words[i]))
			return true;
	return false;
}

#define IS_ONE_OF(cell, words) \
	is_one_of(cell, words, sizeof words / sizeof *words)

unsigned
sd_fu_kind_parse(const char *s)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
		if (is_word(s, kind_names[i]))
			return 1u << i;
	return 0;
}

bool
sd_fu_status_valid(const char *s)
{
	static const char *const words[] = { "open", "done", "cancelled" };

	return IS_ONE_OF(s, words);
}

bool
sd_fu_intent_valid(const char *s)
{
	static const char *const words[] = { "", "hot", "warm", "cold", "won",
		"lost" };

	return IS_ONE_OF(s, words);
}

int
sd_fu_probability_parse(const char *s, int *out)
{
	int v = 0, digits = 0;

	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		v = v * 10 + (*s - '0');
		if (v > 100)
			return -1;
	}
	if (digits == 0 || *s != '\0')
		return -1;
	*out = v;
	return 0;
}

/* The map */


struct slot {
	const char *key;	/* NULL: empty */
	uint64_t hash;
	int64_t value;
};

struct sd_fu_map {
	struct slot *slots;
	size_t cap, count;	/* cap a power of two */
	sd_strpool keys;
};

/* FNV-1a, 64 bits. */
static uint64_t
hash_key(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

sd_fu_map *
sd_fu_map_new(void)
{
	sd_fu_map *m = sd_xcalloc(1, sizeof *m);

	m->cap = 64;
	m->slots = sd_xcalloc(m->cap, sizeof *m->slots);
	return m;
}

void
sd_fu_map_free(sd_fu_map *m)
{
	if (m == NULL)
		return;
	sd_strpool_free(&m->keys);
	free(m->slots);
	free(m);
}


static struct slot *
find_slot(struct slot *slots, size_t cap, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (slots[i].key != NULL &&
	    (slots[i].hash != h || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void
grow(sd_fu_map *m)
{
	size_t cap = m->cap * 2;
	struct slot *slots = sd_xcalloc(cap, sizeof *slots);

	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key != NULL)
			*find_slot(slots, cap, m->slots[i].key,
			    m->slots[i].hash) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

int64_t *
sd_fu_map_put(sd_fu_map *m, const char *key)
{
	uint64_t h = hash_key(key);
	struct slot *s;

	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	s = find_slot(m->slots, m->cap, key, h);
	if (s->key == NULL) {
		s->key = sd_strpool_add(&m->keys, key);
		s->hash = h;
		s->value = 0;
		m->count++;
	}
	return &s->value;
}

int64_t *
sd_fu_map_get(const sd_fu_map *m, const char *key)
{
	struct slot *s = find_slot(m->slots, m->cap, key, hash_key(key));

	return s->key != NULL ? &s->value : NULL;
}

size_t
sd_fu_map_count(const sd_fu_map *m)
{
	return m->count;
}

/* Reading the files */

/* "F41" is 41; anything else is not one of our ids. */
static int64_t
fu_number(const char *s)
{
	int64_t v = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s++ != 'F' || !isdigit((unsigned char)*s))
		return 0;
	for (; isdigit((unsigned char)*s); s++) {
		if (v > (INT64_MAX - 9) / 10)
			return 0;
		v = v * 10 + (*s - '0');
	}
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0' ? v : 0;
}

/* A copy of s without surrounding blanks, in buf when it fits. */
static const char *
trimmed(const char *s, char *buf, size_t size, char **tofree)
{
	size_t n = strlen(s);
	char *p;

	*tofree = NULL;
	if (n < size)
		p = memcpy(buf, s, n + 1);
	else
		p = *tofree = sd_xstrdup(s);
	return sd_trim(p);
}

static void
note_source(sd_fu_map *sources, const char *source, const char *kind)
{
	char buf[128], *tofree;
	const char *key = trimmed(source, buf, sizeof buf, &tofree);
	unsigned bit = sd_fu_kind_parse(kind);

	if (*key != '\0')
		*sd_fu_map_put(sources, key) |= bit ? bit : SD_FK_OTHER;
	free(tofree);
}

int
sd_fu_sources_load(const char *path, sd_fu_map *sources, int64_t *high,
    sd_err *e)
{
	sd_csv *r;
	sd_row *row;
	int got, cid, csrc, ckind;
	int64_t n;

	*high = 0;
	if (sd_csv_open(&r, path, SD_CSV_MISSING_OK, e) != 0)
		return e->status;
	cid = sd_csv_col(r, "id");
	csrc = sd_csv_col(r, "source");
	ckind = sd_csv_col(r, "kind");
	while ((got = sd_csv_next(r, &row, e)) == 1) {
		if ((n = fu_number(sd_row_get(row, cid))) > *high)
			*high = n;
		if (csrc >= 0)
			note_source(sources, sd_row_get(row, csrc),
			    sd_row_get(row, ckind));
	}
	sd_csv_close(r);
	return got < 0 ? e->status : 0;
}

static int
read_call(sd_csv *r, const sd_row *row, int cat, int cid, const char *zone,
    sd_fu_map *last, sd_err *e)
{
	char buf[128], *tofree;
	const char *id;
	int64_t *v;
	sd_time t;

	if (sd_datetime_parse(sd_row_get(row, cat), zone, &t) != 0)
		return sd_csv_field_error(e, r, row, cat, "bad date and time");
	id = trimmed(sd_row_get(row, cid), buf, sizeof buf, &tofree);
	if (*id != '\0') {
		if ((v = sd_fu_map_get(last, id)) == NULL)
			*(v = sd_fu_map_put(last, id)) = t;
		else if (t > *v)
			*v = t;
	}
	free(tofree);
	return 0;
}

int
sd_fu_last_calls(const char *path, const char *zone, sd_fu_map *last,
    sd_err *e)
{
	sd_csv *r;
	sd_row *row;
	int got, cat = -1, cid = -1;

	if (sd_csv_open(&r, path, SD_CSV_MISSING_OK, e) != 0)
		return e->status;
	if (sd_csv_ncols(r) > 0 && (sd_csv_need(r, "at", &cat, e) != 0 ||
	    sd_csv_need(r, "followup", &cid, e) != 0)) {
		sd_csv_close(r);
		return e->status;
	}
	while ((got = sd_csv_next(r, &row, e)) == 1)
		if (read_call(r, row, cat, cid, zone, last, e) != 0) {
			got = -1;
			break;
		}
	sd_csv_close(r);
	return got < 0 ? e->status : 0;
}

/* Appending */

/* Where each SPEC column sits in the file's header: *ncols 0 when there
 * is no header yet, -1 in map for a column the file lacks. */
static int
read_layout(const char *path, size_t *ncols, int map[SD_FU_NCOLS],
    sd_err *e)
{
	sd_csv *r;

	if (sd_csv_open(&r, path, SD_CSV_MISSING_OK, e) != 0)
		return e->status;
	*ncols = sd_csv_ncols(r);
	for (int i = 0; i < SD_FU_NCOLS; i++)
		map[i] = sd_csv_col(r, sd_fu_cols[i]);
	sd_csv_close(r);
	return 0;
}

static char *
rows_text(const char *const *cells, size_t n, size_t ncols,
    const int map[SD_FU_NCOLS], size_t *len)
{
	const char **line = sd_xcalloc(ncols, sizeof *line);
	char *text = NULL;
	FILE *f = open_memstream(&text, len);

	if (f == NULL) {
		fputs("salesdesk: out of memory\n", stderr);
		exit(EX_OSERR);
	}
	for (size_t r = 0; r < n; r++) {
		for (size_t c = 0; c < ncols; c++)
			line[c] = "";
		for (int c = 0; c < SD_FU_NCOLS; c++)
			line[map[c]] = cells[r * SD_FU_NCOLS + (size_t)c];
		sd_csv_put_row(f, ncols, line);
	}
	free(line);
	if (fclose(f) != 0) {
		fputs("salesdesk: out of memory\n", stderr);
		exit(EX_OSERR);
	}
	return text;
}

/* A file a person saved without some SPEC columns: rewrite it whole, the
 * missing columns added at the end. */
static int
append_by_table(sd_store *st, const char *path, const char *const *cells,
    size_t n, sd_err *e)
{
	sd_table t;
	int rc;

	if ((rc = sd_table_load(&t, path, sd_fu_cols, SD_FU_NCOLS, e)) == 0) {
		for (size_t r = 0; r < n; r++) {
			size_t at = sd_table_add(&t);

			for (int c = 0; c < SD_FU_NCOLS; c++)
				sd_table_set(&t, at, sd_table_col(&t,
				    sd_fu_cols[c]), cells[r * SD_FU_NCOLS +
				    (size_t)c]);
		}
		rc = sd_table_save(&t, st, "followups.csv", e);
	}
	sd_table_free(&t);
	return rc;
}

static int
append_by_layout(sd_store *st, const char *const *cells, size_t n,
    size_t ncols, const int map[SD_FU_NCOLS], sd_err *e)
{
	char *header = sd_csv_line(SD_FU_NCOLS, sd_fu_cols), *text;
	size_t len;
	int rc;

	text = rows_text(cells, n, ncols, map, &len);
	rc = sd_store_append(st, "followups.csv", header, text, len, e);
	free(text);
	free(header);
	return rc;
}

int
sd_fu_append(sd_store *st, const char *const *cells, size_t n, sd_err *e)
{
	char *path;
	int map[SD_FU_NCOLS], rc;
	size_t ncols = 0;
	bool whole = true;

	if (n == 0)
		return 0;
	path = sd_store_path(st, "followups.csv");
	if ((rc = read_layout(path, &ncols, map, e)) != 0) {
		free(path);
		return rc;
	}
	if (ncols == 0) {
		for (int c = 0; c < SD_FU_NCOLS; c++)
			map[c] = c;
		ncols = SD_FU_NCOLS;
	}
	for (int c = 0; c < SD_FU_NCOLS; c++)
		whole = whole && map[c] >= 0;
	if (whole)
		rc = append_by_layout(st, cells, n, ncols, map, e);
	else
		rc = append_by_table(st, path, cells, n, e);
	free(path);
	return rc;
}

/* The call list's order */

static bool
split_id(const char *s, size_t *letters, size_t *digits)
{
	size_t i = 0, j;

	while (isalpha((unsigned char)s[i]))
		i++;
	for (j = i; isdigit((unsigned char)s[j]); j++)
		;
	*letters = i;
	*digits = j - i;
	return j > i && s[j] == '\0';
}

int
sd_fu_id_cmp(const char *a, const char *b)
{
	size_t la, da, lb, db;

	if (!split_id(a, &la, &da) || !split_id(b, &lb, &db) || la != lb ||
	    strncmp(a, b, la) != 0)
		return strcmp(a, b);
	a += la, b += lb;
	while (da > 1 && *a == '0')
		a++, da--;
	while (db > 1 && *b == '0')
		b++, db--;
	if (da != db)
		return da < db ? -1 : 1;
	return strcmp(a, b);
}

int
sd_fu_rank_cmp(const sd_fu_rank *a, const sd_fu_rank *b)
{
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return sd_fu_id_cmp(a->id, b->id);
}

int64_t
sd_fu_weight(sd_money value, int probability)
{
	int64_t w;

	if (value < 0 || probability < 0 ||
	    sd_muldiv(value, probability, 100, &w) != 0)
		return 0;
	return w;
}

/* Deliveries */

unsigned
sd_order_followups(const sd_order *o, sd_day today, const sd_calendar *cal,
    const sd_span *install_within)
{
	static const char *const dead[] = { "cancelled", "canceled" };
	static const char *const delivered[] = { "installed", "delivered",
		"complete", "completed", "closed" };
	static const char *const settled[] = { "closed", "resolved" };
	unsigned want = 0;
	bool done;

	if (IS_ONE_OF(o->status, dead))
		return 0;
	done = o->installed != SD_FU_NODAY || IS_ONE_OF(o->status, delivered);
	if (!done && o->shipped == SD_FU_NODAY && o->promised != SD_FU_NODAY &&
	    today > o->promised)
		want |= SD_FK_DELIVERY;
	if (!done && o->shipped != SD_FU_NODAY &&
	    today > sd_span_add_day(cal, o->shipped, install_within, 1))
		want |= SD_FK_DELIVERY;
	if (!is_word(o->issue, "") && !IS_ONE_OF(o->status, settled))
		want |= SD_FK_ISSUE;
	return want;
}
