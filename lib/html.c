/*
 * html.c: a report as one self-contained page, fit to mail from cron: no
 * scripts, no style sheet to fetch, no fonts or images.  Styles are
 * inline attributes, because mail clients drop <style> blocks more often
 * than attributes; a client that draws no SVG still shows the table.
 * Rows are written as they come, so a long report costs no memory.
 */
#include "salesdesk.h"

void
sd_html_text(FILE *f, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: putc(*s, f);
		}
}

#define CELL "padding:4px 10px;border-bottom:1px solid #e2e8f0;"

static void
cell(FILE *f, const char *tag, bool numeric, bool bold, const char *s)
{
	fprintf(f, "<%s style=\"" CELL "text-align:%s;%s\">", tag,
	    numeric ? "right" : "left", bold ? "font-weight:bold;" : "");
	sd_html_text(f, s ? s : "");
	fprintf(f, "</%s>", tag);
}

void
sd_html_begin(FILE *f, const char *title, const char *subtitle,
    size_t ncols, const char *const *names, const bool *numeric)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<title>", f);
	sd_html_text(f, title);
	fputs("</title>\n</head>\n<body style=\"margin:24px;color:#1a202c;"
	    "font-family:Helvetica,Arial,sans-serif;font-size:14px\">\n"
	    "<h1 style=\"font-size:20px;margin:0 0 4px\">", f);
	sd_html_text(f, title);
	fputs("</h1>\n<p style=\"margin:0;color:#4a5568\">", f);
	sd_html_text(f, subtitle);
	fputs("</p>\n<table style=\"border-collapse:collapse;margin:16px 0;"
	    "font-variant-numeric:tabular-nums\">\n<thead><tr>", f);
	for (size_t c = 0; c < ncols; c++)
		cell(f, "th", numeric[c], true, names[c]);
	fputs("</tr></thead>\n<tbody>\n", f);
}

void
sd_html_row(FILE *f, size_t ncols, const char *const *cells,
    const bool *numeric, bool bold)
{
	fputs(bold ? "<tr style=\"background:#edf2f7\">" : "<tr>", f);
	for (size_t c = 0; c < ncols; c++)
		cell(f, "td", numeric[c], bold, cells[c]);
	fputs("</tr>\n", f);
}

void
sd_html_end(FILE *f, const sd_chart *chart)
{
	fputs("</tbody>\n</table>\n", f);
	if (chart && chart->n > 0)
		sd_chart_svg(f, chart);
	fputs("</body>\n</html>\n", f);
}
