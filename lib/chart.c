/*
 * chart.c: bar charts of two series per group, as text for a terminal and
 * as SVG for the html page.  Values are integers (cents or counts); bar
 * lengths are scaled in integers for the text, in doubles for the SVG
 * (pixels need no cent exactness), and every figure shown is the exact
 * value, formatted as money or as a count.
 */
#include <stdlib.h>
#include <string.h>

#include "salesdesk.h"

__extension__ typedef unsigned __int128 u128;

static void
value_text(const sd_chart *c, int64_t v, char buf[32])
{
	if (c->money)
		sd_money_format(v, buf);
	else
		snprintf(buf, 32, "%lld", (long long)v);
}

static size_t
shown(const sd_chart *c)
{
	return c->n < SD_CHART_MAX ? c->n : SD_CHART_MAX;
}

static uint64_t
magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* The largest magnitude of a value, and the widest label and value. */
static uint64_t
measure(const sd_chart *c, size_t *lw, size_t *vw)
{
	uint64_t max = 0;
	char buf[32];

	*lw = *vw = 0;
	for (size_t i = 0; i < 2 * shown(c); i++) {
		size_t w = sd_text_width(c->labels[i / 2]);

		max = magnitude(c->values[i]) > max ? magnitude(c->values[i]) : max;
		*lw = w > *lw ? w : *lw;
		value_text(c, c->values[i], buf);
		*vw = strlen(buf) > *vw ? strlen(buf) : *vw;
	}
	return max;
}

static void
repeat(FILE *f, int ch, size_t n)
{
	while (n-- > 0)
		putc(ch, f);
}

/* Bar length in columns, rounded half up; never below one for a value
 * that is not zero, so a small amount still shows. */
static size_t
bar_len(int64_t v, uint64_t max)
{
	uint64_t m = magnitude(v);
	size_t n;

	if (v <= 0 || max == 0)
		return 0;
	n = (size_t)(((u128)m * SD_CHART_WIDTH * 2 + max) / (2 * (u128)max));
	return n ? n : 1;
}

void
sd_chart_text(FILE *f, const sd_chart *c)
{
	size_t lw, vw, sw = strlen(c->series[0]);
	uint64_t max = measure(c, &lw, &vw);
	char buf[32];

	if (strlen(c->series[1]) > sw)
		sw = strlen(c->series[1]);
	for (size_t i = 0; i < 2 * shown(c); i++) {
		const char *label = i % 2 ? "" : c->labels[i / 2];
		size_t n = bar_len(c->values[i], max);

		fputs(label, f);
		repeat(f, ' ', lw - sd_text_width(label) + 2);
		fprintf(f, "%-*s  ", (int)sw, c->series[i % 2]);
		repeat(f, i % 2 ? '=' : '#', n);
		repeat(f, ' ', SD_CHART_WIDTH - n + 2);
		value_text(c, c->values[i], buf);
		fprintf(f, "%*s\n", (int)vw, buf);
	}
	if (c->n > shown(c))
		fprintf(f, "(%zu more groups not drawn)\n", c->n - shown(c));
}

/* SVG geometry, in pixels. */
#define SVG_W		760
#define SVG_BAR		14	/* one bar's height */
#define SVG_ROW		(2 * SVG_BAR + 14)	/* a group: two bars, a gap */
#define SVG_TOP		34	/* the legend */
#define SVG_VALUES	96	/* room right of the bars for the figures */
#define SVG_CHAR	7	/* a label character, about, at 12px */

static const char *const colors[2] = { "#2b6cb0", "#a0aec0" };

struct scale {
	double lo, hi;		/* the values at the bars' two ends */
	int left, right;	/* the bars' area */
};

static double
xpos(const struct scale *s, int64_t v)
{
	if (s->hi <= s->lo)
		return s->left;
	return s->left + ((double)v - s->lo) / (s->hi - s->lo) *
	    (s->right - s->left);
}

static void
make_scale(const sd_chart *c, struct scale *s)
{
	size_t lw = 0;

	s->lo = s->hi = 0;
	for (size_t i = 0; i < 2 * shown(c); i++) {
		s->lo = c->values[i] < s->lo ? (double)c->values[i] : s->lo;
		s->hi = c->values[i] > s->hi ? (double)c->values[i] : s->hi;
		if (sd_text_width(c->labels[i / 2]) > lw)
			lw = sd_text_width(c->labels[i / 2]);
	}
	lw = lw > 32 ? 32 : lw;
	s->left = (int)lw * SVG_CHAR + 16;
	s->right = SVG_W - SVG_VALUES;
}

static void
svg_legend(FILE *f, const sd_chart *c, const struct scale *s)
{
	for (int k = 0; k < 2; k++) {
		int x = s->left + k * 120;

		fprintf(f, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" "
		    "fill=\"%s\"/>", x, colors[k]);
		fprintf(f, "<text x=\"%d\" y=\"19\">", x + 18);
		sd_html_text(f, c->series[k]);
		fputs("</text>\n", f);
	}
}

static void
svg_bar(FILE *f, const sd_chart *c, const struct scale *s, size_t i, int y)
{
	int64_t v = c->values[i];
	double x0 = xpos(s, 0), x1 = xpos(s, v);
	double x = x1 < x0 ? x1 : x0, w = x1 < x0 ? x0 - x1 : x1 - x0;
	char buf[32];

	value_text(c, v, buf);
	fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
	    "fill=\"%s\"><title>%s %s</title></rect>", x, y, w, SVG_BAR,
	    colors[i % 2], c->series[i % 2], buf);
	fprintf(f, "<text x=\"%.1f\" y=\"%d\">%s</text>\n",
	    (x1 > x0 ? x1 : x0) + 4, y + SVG_BAR - 3, buf);
}

static void
svg_group(FILE *f, const sd_chart *c, const struct scale *s, size_t g)
{
	int y = SVG_TOP + (int)g * SVG_ROW;
	char label[160];

	/* Long labels are cut to fit the room left of the bars. */
	snprintf(label, sizeof label, "%s", c->labels[g]);
	if (sd_text_width(label) > 32) {
		size_t i = 0, cps = 0;

		while (label[i] && cps < 31)
			if (((unsigned char)label[++i] & 0xc0) != 0x80)
				cps++;
		strcpy(label + i, "\xe2\x80\xa6");
	}
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
	    s->left - 8, y + SVG_BAR + 4);
	sd_html_text(f, label);
	fputs("</text>\n", f);
	svg_bar(f, c, s, 2 * g, y);
	svg_bar(f, c, s, 2 * g + 1, y + SVG_BAR);
}

void
sd_chart_svg(FILE *f, const sd_chart *c)
{
	struct scale s;
	int h = SVG_TOP + (int)shown(c) * SVG_ROW + 8;
	double zero;

	make_scale(c, &s);
	zero = xpos(&s, 0);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" "
	    "fill=\"#1a202c\">\n<title>", SVG_W, h, SVG_W, h);
	sd_html_text(f, c->series[0]);
	fputs(" and ", f);
	sd_html_text(f, c->series[1]);
	fputs("</title>\n", f);
	svg_legend(f, c, &s);
	for (size_t g = 0; g < shown(c); g++)
		svg_group(f, c, &s, g);
	fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
	    "stroke=\"#4a5568\"/>\n</svg>\n", zero, SVG_TOP - 4, zero, h - 4);
	if (c->n > shown(c))
		fprintf(f, "<p>%zu more groups not drawn.</p>\n",
		    c->n - shown(c));
}
