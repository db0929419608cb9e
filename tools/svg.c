/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The plan as an SVG picture: see svg.h.
 *
 * Two rows share the width. The top row is the physical address space:
 * banks as boxes, holes blank, reserved ranges hatched. The bottom row is
 * the frametable's virtual layout: each chunk drawn as its runs of TLB
 * entries, coloured by mapping size, the unmapped hole groups blank. A
 * translucent band links each bank to the VA range of its descriptors.
 *
 * Both rows use a broken axis: boxes and small holes to scale, a hole
 * larger than all the boxes together shortened to a fixed break marked
 * with U+2248 and its size (a 5 TiB hole would otherwise leave 2 GiB
 * banks a fraction of a pixel). Boxes get a minimum width so that every bank
 * and chunk stays visible and can carry its two edge labels.
 *
 * The body is written to a memory stream first because the SVG's height
 * depends on the labels' lengths and the legend's rows.
 */
#define _POSIX_C_SOURCE 200809L

#include "svg.h"
#include "banksfile.h"
#include "planjson.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define W_PX	 1200.0
#define MARGIN	 20.0
#define AXIS_W	 (W_PX - 2 * MARGIN)
#define PBOX_H	 40.0
#define VBOX_H	 44.0
#define LINK_H	 130.0
#define LABEL_PX 10.0 /* address labels, monospace */
/* Advance of one character, in em: DejaVu Sans Mono is 0.602; sans-serif
 * text is estimated a little wide so that a label never overflows. */
#define MONO_EM 0.61
#define SANS_EM 0.62
/* Two vertical edge labels of LABEL_PX side by side, and a margin. */
#define ITEM_MIN_W 24.0
#define GAP_MIN_W  6.0
#define BREAK_W	   96.0
/* Ticks between TLB entries only where they are this far apart. */
#define TICK_MIN_W 5.0

#define FONT_SANS "DejaVu Sans, Verdana, Arial, sans-serif"
#define FONT_MONO "DejaVu Sans Mono, Menlo, Consolas, monospace"

#define U_APPROX "\xe2\x89\x88" /* U+2248 almost equal to */
#define U_DOT	 "\xc2\xb7"	/* U+00B7 middle dot */
#define U_DASH	 "\xe2\x80\x94" /* U+2014 em dash */

/* One colour per size class, ascending sizes: warm for small entries
 * (many TLB entries), cool for large ones (the Tableau 10 palette, whose
 * neighbours stay distinct). */
static const char *const class_colour[FT_MAX_MAP_SIZES] = {
	"#e15759", "#f28e2b", "#edc948", "#59a14f", "#4e79a7",
	"#b07aa1", "#76b7b2", "#9c755f", "#ff9da7", "#bab0ac",
};

enum seg_kind { SEG_ITEM, SEG_GAP, SEG_BREAK };

/* A piece of a broken axis: an item (bank, chunk) or the hole after one.
 * Inclusive last byte, so that a range ending at 2^64 does not wrap. */
struct seg {
	uint64_t lo, last;
	double x0, x1;
	enum seg_kind kind;
	size_t item;
};

struct axis {
	struct seg *seg;
	size_t n;
	double item_min; /* the smallest width a box gets */
	size_t *at;	 /* item i is seg[at[i]] */
};

struct range {
	uint64_t lo, last;
};

/* A run of entries waiting to be drawn: runs thinner than a pixel are
 * merged into their neighbour so that a plan of a million entries gives
 * a picture of at most a few thousand rectangles. */
struct pending {
	bool active;
	unsigned chunk, cls;
	double x0, x1;
	uint64_t va, bytes, entries;
	bool mixed;
};

struct pic {
	FILE *f;
	const struct ft_ctx *ctx;
	const struct ft_arch *arch;
	struct ft_stats stats;
	struct axis pa, va;
	struct range *desc; /* banks' descriptor VA ranges, sorted */
	double vbox_y;
	struct pending pend;
	uint64_t class_entries[FT_MAX_MAP_SIZES];
};

/* ---- text ---- */

/* Length of a valid UTF-8 sequence at s that XML allows, else 0. */
static size_t utf8_ok(const unsigned char *s)
{
	uint32_t cp;
	size_t n;

	if (s[0] < 0x80)
		return s[0] >= 0x20 || s[0] == '\t' ? 1 : 0;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond Unicode, and the two
	 * non-characters XML forbids. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || cp == 0xfffe ||
	    cp == 0xffff)
		return 0;
	return n;
}

/* Text content or attribute value: markup escaped, bytes that would make
 * the document ill-formed replaced by '?'. */
static void put_esc(FILE *f, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;

	while (*s) {
		size_t n = utf8_ok(s);
		if (!n) {
			fputc('?', f);
			s++;
			continue;
		}
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			fwrite(s, 1, n, f);
			break;
		}
		s += n;
	}
}

/* Characters, not bytes, for width estimates. */
static size_t nchars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static double mono_w(const char *s, double px)
{
	return (double)nchars(s) * MONO_EM * px;
}

static double sans_w(const char *s, double px)
{
	return (double)nchars(s) * SANS_EM * px;
}

/* <text x y ATTRS>TEXT</text>, the text printf-formatted then escaped. */
static void text(struct pic *p, double x, double y, const char *attrs,
		 const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(p->f, "<text x=\"%.2f\" y=\"%.2f\" %s>", x, y, attrs);
	put_esc(p->f, buf);
	fputs("</text>\n", p->f);
}

/* An address label standing on its end: reading upwards, its glyphs to
 * the left of x. anchor "start" grows it up from y, "end" down from y. */
static void vlabel(struct pic *p, double x, double y, const char *anchor,
		   const char *s)
{
	fprintf(p->f,
		"<text transform=\"translate(%.2f %.2f) rotate(-90)\" "
		"class=\"addr\" text-anchor=\"%s\">",
		x, y, anchor);
	put_esc(p->f, s);
	fputs("</text>\n", p->f);
}

/* A hover tooltip; browsers show it, converters ignore it. */
static void tooltip(struct pic *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fputs("<title>", p->f);
	put_esc(p->f, buf);
	fputs("</title>", p->f);
}

/* ---- the broken axis ---- */

static double span(uint64_t lo, uint64_t last)
{
	return (double)(last - lo) + 1.0;
}

/* Total width of the axis when a byte is worth s pixels. */
static double axis_width(const struct axis *ax, double s, double item_min,
			 double gap_min, double brk)
{
	double w = 0;

	for (size_t i = 0; i < ax->n; i++) {
		const struct seg *g = &ax->seg[i];
		double nat = span(g->lo, g->last) * s;
		if (g->kind == SEG_BREAK)
			w += brk;
		else if (g->kind == SEG_ITEM)
			w += nat > item_min ? nat : item_min;
		else
			w += nat > gap_min ? nat : gap_min;
	}
	return w;
}

/*
 * Items r[0..n) sorted and disjoint. A hole is broken when it is larger
 * than all the items together: drawn to scale it would squeeze them to
 * less than half the width. The scale is the largest one that fits the
 * width once the minimum widths are paid for (found by bisection: the
 * total width grows with the scale).
 */
static int axis_build(struct axis *ax, const struct range *r, size_t n)
{
	double total = 0, smallest = 0, item_min, gap_min, brk, lo, hi, sum;
	size_t gaps = 0, breaks = 0;

	ax->seg = calloc(2 * n + 1, sizeof(*ax->seg));
	ax->at = calloc(n + 1, sizeof(*ax->at));
	if (!ax->seg || !ax->at)
		return -1;
	ax->n = 0;
	for (size_t i = 0; i < n; i++) {
		double w = span(r[i].lo, r[i].last);
		total += w;
		if (!i || w < smallest)
			smallest = w;
	}
	for (size_t i = 0; i < n; i++) {
		ax->at[i] = ax->n;
		struct seg *g = &ax->seg[ax->n++];
		g->lo = r[i].lo;
		g->last = r[i].last;
		g->kind = SEG_ITEM;
		g->item = i;
		if (i + 1 < n && r[i + 1].lo > r[i].last + 1) {
			g = &ax->seg[ax->n++];
			g->lo = r[i].last + 1;
			g->last = r[i + 1].lo - 1;
			g->item = i;
			g->kind = span(g->lo, g->last) > total ? SEG_BREAK
							       : SEG_GAP;
			if (g->kind == SEG_BREAK)
				breaks++;
			else
				gaps++;
		}
	}
	/* The minimums may take at most half the width (a third for the
	 * breaks): a map of thousands of banks still gets an axis. */
	item_min = n && ITEM_MIN_W * (double)n > AXIS_W / 2
			   ? AXIS_W / 2 / (double)n
			   : ITEM_MIN_W;
	gap_min = gaps && GAP_MIN_W * (double)gaps > AXIS_W / 8
			  ? AXIS_W / 8 / (double)gaps
			  : GAP_MIN_W;
	brk = breaks && BREAK_W * (double)breaks > AXIS_W / 3
		      ? AXIS_W / 3 / (double)breaks
		      : BREAK_W;
	ax->item_min = item_min;
	lo = 0;
	hi = smallest > 0 ? AXIS_W / smallest : 1;
	for (int it = 0; it < 200; it++) {
		double mid = (lo + hi) / 2;
		if (axis_width(ax, mid, item_min, gap_min, brk) > AXIS_W)
			hi = mid;
		else
			lo = mid;
	}
	/* Rounding leaves a sliver: stretch everything to the exact width. */
	sum = axis_width(ax, lo, item_min, gap_min, brk);
	double x = MARGIN, k = sum > 0 ? AXIS_W / sum : 1;
	for (size_t i = 0; i < ax->n; i++) {
		struct seg *g = &ax->seg[i];
		double nat = span(g->lo, g->last) * lo, w;
		if (g->kind == SEG_BREAK)
			w = brk;
		else if (g->kind == SEG_ITEM)
			w = nat > item_min ? nat : item_min;
		else
			w = nat > gap_min ? nat : gap_min;
		g->x0 = x;
		x += w * k;
		g->x1 = x;
	}
	if (ax->n)
		ax->seg[ax->n - 1].x1 = MARGIN + AXIS_W;
	return 0;
}

/* x of the left edge of byte a, or of its right edge when after. */
static double axis_x(const struct axis *ax, uint64_t a, bool after)
{
	size_t lo = 0, hi = ax->n;

	if (!ax->n)
		return MARGIN;
	if (a < ax->seg[0].lo)
		return ax->seg[0].x0;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (ax->seg[mid].lo <= a)
			lo = mid;
		else
			hi = mid;
	}
	const struct seg *g = &ax->seg[lo];
	if (a > g->last)
		return g->x1;
	double off = (double)(a - g->lo) + (after ? 1.0 : 0.0);
	return g->x0 + (g->x1 - g->x0) * off / span(g->lo, g->last);
}

/* ---- pieces of the drawing ---- */

static void defs(struct pic *p)
{
	fputs("<defs>\n"
	      "<pattern id=\"hatch\" width=\"6\" height=\"6\" "
	      "patternUnits=\"userSpaceOnUse\" "
	      "patternTransform=\"rotate(45)\">"
	      "<rect width=\"6\" height=\"6\" fill=\"#f6d5d1\"/>"
	      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b03a2e\" "
	      "stroke-width=\"2.5\"/></pattern>\n"
	      "<pattern id=\"ghost\" width=\"5\" height=\"5\" "
	      "patternUnits=\"userSpaceOnUse\" "
	      "patternTransform=\"rotate(-45)\">"
	      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#ffffff\" "
	      "stroke-width=\"2.5\"/></pattern>\n"
	      "<style>\n"
	      "text{font-family:" FONT_SANS ";fill:#222}\n"
	      ".addr{font-family:" FONT_MONO ";font-size:10px;fill:#333}\n"
	      ".small{font-size:11px}\n"
	      ".halo{paint-order:stroke;stroke:#fff;stroke-width:3px;"
	      "stroke-linejoin:round}\n"
	      ".bank{fill:#dfe8f1;stroke:#2f4b6e;stroke-width:1}\n"
	      ".chunk{fill:none;stroke:#222;stroke-width:1.2}\n"
	      ".link{fill:#4e79a7;fill-opacity:0.16;stroke:#4e79a7;"
	      "stroke-opacity:0.7;stroke-width:0.8}\n"
	      ".axis{stroke:#999;stroke-width:1;stroke-dasharray:3 3}\n"
	      ".brk{fill:#fff;stroke:#555;stroke-width:1.2}\n"
	      ".tick{stroke:#fff;stroke-opacity:0.8;stroke-width:1}\n"
	      "</style>\n"
	      "</defs>\n",
	      p->f);
}

/* A shortened hole: white band between two zig-zags, its size on it. */
static void draw_break(struct pic *p, const struct seg *g, double y, double h,
		       const char *what)
{
	double xm = (g->x0 + g->x1) / 2, half = (g->x1 - g->x0) / 2 - 3;
	double top = y - 6, bot = y + h + 6, step = (bot - top) / 8;
	char sz[32];

	if (half < 2)
		half = 2;
	fputs("<path class=\"brk\" d=\"", p->f);
	fprintf(p->f, "M%.2f %.2f", xm - half, top);
	for (int i = 1; i <= 8; i++)
		fprintf(p->f, " L%.2f %.2f", xm - half + (i & 1 ? 4 : 0),
			top + step * i);
	fprintf(p->f, " L%.2f %.2f", xm + half, bot);
	for (int i = 7; i >= 0; i--)
		fprintf(p->f, " L%.2f %.2f", xm + half - (i & 1 ? 4 : 0),
			top + step * i);
	fputs(" Z\">", p->f);
	tooltip(p,
		"%s of 0x%" PRIx64 " bytes: 0x%" PRIx64 "..0x%" PRIx64
		", shortened",
		what, g->last - g->lo + 1, g->lo, g->last + 1);
	fputs("</path>\n", p->f);
	banksfile_human(g->last - g->lo + 1, sz, sizeof(sz));
	text(p, xm, y + h / 2 - 2, "class=\"small\" text-anchor=\"middle\"",
	     U_APPROX " %s", sz);
	text(p, xm, y + h / 2 + 11, "class=\"small\" text-anchor=\"middle\"",
	     "%s", what);
}

/* A hole drawn to scale: its size in it if the text fits. */
static void draw_gap(struct pic *p, const struct seg *g, double y, double h,
		     const char *what)
{
	char sz[32], label[64];

	banksfile_human(g->last - g->lo + 1, sz, sizeof(sz));
	snprintf(label, sizeof(label), "%s %s", what, sz);
	if (sans_w(label, 11) + 6 <= g->x1 - g->x0)
		text(p, (g->x0 + g->x1) / 2, y + h / 2 + 4,
		     "class=\"small\" text-anchor=\"middle\" fill=\"#666\"",
		     "%s", label);
	else if (sans_w(sz, 11) + 6 <= g->x1 - g->x0)
		text(p, (g->x0 + g->x1) / 2, y + h / 2 + 4,
		     "class=\"small\" text-anchor=\"middle\" fill=\"#666\"",
		     "%s", sz);
}

static void axis_line(struct pic *p, double y)
{
	fprintf(p->f,
		"<line class=\"axis\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" "
		"y2=\"%.2f\"/>\n",
		MARGIN, y, MARGIN + AXIS_W, y);
}

/* Edge labels of a box: the start address inside its left edge growing
 * up (or down), the end address inside its right edge. A label that would
 * overprint the previous one (*free_x is where that one ends) is left
 * out: on a map of thousands of banks only some edges get an address. */
static void edge_labels(struct pic *p, const struct seg *g, double y, bool up,
			const char *start, const char *end, double *free_x)
{
	const char *anchor = up ? "start" : "end";
	double xs = g->x0 + LABEL_PX + 1, xe = g->x1 - 2;

	if (xs - LABEL_PX >= *free_x) {
		vlabel(p, xs, y, anchor, start);
		*free_x = xs + 1;
	}
	if (xe - LABEL_PX >= *free_x) {
		vlabel(p, xe, y, anchor, end);
		*free_x = xe + 1;
	}
}

/* Outlines of boxes a few pixels wide would hide what is inside them. */
static const char *thin(const struct seg *g)
{
	return g->x1 - g->x0 < 4 ? " style=\"stroke-width:0.3px\"" : "";
}

static double max_d(double a, double b)
{
	return a > b ? a : b;
}

/* The label at a box's start edge: its address, and its size when the
 * box is too narrow to hold the size. */
static void start_label(const struct axis *ax, size_t item, uint64_t base,
			uint64_t size, char *buf, size_t len)
{
	const struct seg *g = &ax->seg[ax->at[item]];
	char sz[32];

	banksfile_human(size, sz, sizeof(sz));
	if (sans_w(sz, 12) + 6 <= g->x1 - g->x0)
		snprintf(buf, len, "0x%" PRIx64, base);
	else
		snprintf(buf, len, "0x%" PRIx64 " (%s)", base, sz);
}

/* Reserved ranges clipped to the banks (a carve-out outside RAM has no
 * descriptors and nothing to hatch). Both lists are sorted and merged, so
 * one pass over each. */
static void draw_reserved(struct pic *p, double y)
{
	const struct ft_ctx *ctx = p->ctx;
	size_t j = 0;

	for (size_t i = 0; i < ctx->nr_reserved; i++) {
		const struct ft_bank *r = &ctx->st.reserved[i];
		uint64_t r_last = r->base + (r->size - 1);
		while (j < ctx->nr_banks &&
		       ctx->st.banks[j].base + (ctx->st.banks[j].size - 1) <
			       r->base)
			j++;
		for (size_t k = j; k < ctx->nr_banks; k++) {
			const struct ft_bank *b = &ctx->st.banks[k];
			uint64_t b_last = b->base + (b->size - 1);
			if (b->base > r_last)
				break;
			uint64_t lo = r->base > b->base ? r->base : b->base;
			uint64_t last = r_last < b_last ? r_last : b_last;
			double x0 = axis_x(&p->pa, lo, false);
			double x1 = axis_x(&p->pa, last, true);
			/* A 4 KiB carve-out in a 16 GiB bank is still
			 * worth seeing. */
			if (x1 - x0 < 2) {
				double m = (x0 + x1) / 2;
				x0 = m - 1;
				x1 = m + 1;
			}
			fprintf(p->f,
				"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
				"height=\"%.2f\" fill=\"url(#hatch)\">",
				x0, y + 1, x1 - x0, PBOX_H - 2);
			char sz[32];
			tooltip(p, "reserved 0x%" PRIx64 "..0x%" PRIx64 " (%s)",
				lo, last + 1,
				banksfile_human(last - lo + 1, sz, sizeof(sz)));
			fputs("</rect>\n", p->f);
		}
	}
}

static void draw_banks(struct pic *p, double y)
{
	const struct ft_ctx *ctx = p->ctx;
	char sz[32], s1[64], s2[32];

	axis_line(p, y + PBOX_H / 2);
	for (size_t k = 0; k < p->pa.n; k++) {
		const struct seg *g = &p->pa.seg[k];
		if (g->kind == SEG_BREAK) {
			draw_break(p, g, y, PBOX_H, "hole");
			continue;
		}
		if (g->kind == SEG_GAP) {
			draw_gap(p, g, y, PBOX_H, "hole");
			continue;
		}
		const struct ft_bank *b = &ctx->st.banks[g->item];
		uint64_t va, va_end;
		ft_bank_desc_range(ctx, b, &va, &va_end);
		fprintf(p->f,
			"<rect class=\"bank\" x=\"%.2f\" y=\"%.2f\" "
			"width=\"%.2f\" height=\"%.2f\"%s>",
			g->x0, y, g->x1 - g->x0, PBOX_H, thin(g));
		tooltip(p,
			"bank %zu: 0x%" PRIx64 "..0x%" PRIx64
			" (%s), descriptors at 0x%" PRIx64 "..0x%" PRIx64,
			g->item, b->base, b->base + b->size,
			banksfile_human(b->size, sz, sizeof(sz)), va, va_end);
		fputs("</rect>\n", p->f);
	}
	draw_reserved(p, y);
	double free_x = 0;
	for (size_t k = 0; k < p->pa.n; k++) {
		const struct seg *g = &p->pa.seg[k];
		if (g->kind != SEG_ITEM)
			continue;
		const struct ft_bank *b = &ctx->st.banks[g->item];
		banksfile_human(b->size, sz, sizeof(sz));
		if (sans_w(sz, 12) + 6 <= g->x1 - g->x0)
			text(p, (g->x0 + g->x1) / 2, y + PBOX_H / 2 + 4,
			     "text-anchor=\"middle\" font-size=\"12\" "
			     "font-weight=\"bold\" class=\"halo\"",
			     "%s", sz);
		start_label(&p->pa, g->item, b->base, b->size, s1, sizeof(s1));
		snprintf(s2, sizeof(s2), "0x%" PRIx64, b->base + b->size);
		edge_labels(p, g, y - 4, true, s1, s2, &free_x);
	}
}

/* ---- the virtual layout ---- */

static void pend_flush(struct pic *p)
{
	struct pending *q = &p->pend;
	const struct ft_map_size *ms;
	char sz[32];

	if (!q->active)
		return;
	q->active = false;
	ms = &p->arch->sizes[q->cls];
	fprintf(p->f,
		"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
		"fill=\"%s\">",
		q->x0, p->vbox_y, q->x1 - q->x0, VBOX_H, class_colour[q->cls]);
	if (q->mixed)
		tooltip(p,
			"0x%" PRIx64 "..0x%" PRIx64 " (%s): %" PRIu64
			" entries of several sizes, mostly %s",
			q->va, q->va + q->bytes,
			banksfile_human(q->bytes, sz, sizeof(sz)), q->entries,
			ms->name);
	else
		tooltip(p,
			"0x%" PRIx64 "..0x%" PRIx64 " (%s): %" PRIu64 " %s %s",
			q->va, q->va + q->bytes,
			banksfile_human(q->bytes, sz, sizeof(sz)), q->entries,
			ms->name, q->entries == 1 ? "entry" : "entries");
	fputs("</rect>\n", p->f);
}

static int draw_run(void *arg, const struct ft_mapping *m)
{
	struct pic *p = arg;
	struct pending *q = &p->pend;
	uint64_t bytes = m->size * m->count;
	double x0 = axis_x(&p->va, m->va, false);
	double x1 = axis_x(&p->va, m->va + (bytes - 1), true);

	p->class_entries[m->size_class] += m->count;
	if (q->active && q->chunk == m->chunk &&
	    (q->cls == m->size_class || x1 - x0 < 1 || q->x1 - q->x0 < 1)) {
		/* Same colour, or one of the two is too thin to see: the
		 * wider one's colour wins. */
		if (q->cls != m->size_class) {
			if (x1 - x0 > q->x1 - q->x0)
				q->cls = m->size_class;
			q->mixed = true;
		}
		q->x1 = x1;
		q->bytes += bytes;
		q->entries += m->count;
	} else {
		pend_flush(p);
		*q = (struct pending){true,  m->chunk, m->size_class, x0,   x1,
				      m->va, bytes,    m->count,      false};
	}
	/* One tick between entries where they are wide enough to count. */
	double ew = (x1 - x0) / (double)m->count;
	if (m->count > 1 && ew >= TICK_MIN_W) {
		pend_flush(p);
		fputs("<path class=\"tick\" d=\"", p->f);
		for (uint64_t k = 1; k < m->count; k++)
			fprintf(p->f, "%sM%.2f %.2fv%.2f", k > 1 ? " " : "",
				x0 + ew * (double)k, p->vbox_y, VBOX_H);
		fputs("\"/>\n", p->f);
	}
	return 0;
}

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	return 0;
}

/* Mapped VA that holds no RAM frame's descriptor: descriptors of the
 * non-RAM frames of partly populated groups, and the slack to the page
 * edge. Overlaid on the runs, so the colours stay readable under it. */
static void draw_ghost(struct pic *p, uint64_t lo, uint64_t end)
{
	double x0 = axis_x(&p->va, lo, false);
	double x1 = axis_x(&p->va, end - 1, true);

	if (x1 - x0 < 1)
		x1 = x0 + 1;
	fprintf(p->f,
		"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
		"fill=\"url(#ghost)\"/>\n",
		x0, p->vbox_y, x1 - x0, VBOX_H);
}

static void draw_ghosts(struct pic *p)
{
	const struct ft_ctx *ctx = p->ctx;
	size_t j = 0;

	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		uint64_t cur = c->va_start;
		while (j < ctx->nr_banks && p->desc[j].last < c->va_start)
			j++;
		for (size_t k = j; k < ctx->nr_banks; k++) {
			if (p->desc[k].lo >= c->va_end)
				break;
			if (p->desc[k].lo > cur)
				draw_ghost(p, cur, p->desc[k].lo);
			if (p->desc[k].last + 1 > cur)
				cur = p->desc[k].last + 1;
		}
		if (cur < c->va_end)
			draw_ghost(p, cur, c->va_end);
	}
}

static void draw_chunks(struct pic *p)
{
	const struct ft_ctx *ctx = p->ctx;
	double y = p->vbox_y;
	char sz[32], s1[64], s2[32], pa[32];

	axis_line(p, y + VBOX_H / 2);
	for (size_t k = 0; k < p->va.n; k++) {
		const struct seg *g = &p->va.seg[k];
		if (g->kind == SEG_BREAK)
			draw_break(p, g, y, VBOX_H, "unmapped");
		else if (g->kind == SEG_GAP)
			draw_gap(p, g, y, VBOX_H, "unmapped");
	}
	memset(&p->pend, 0, sizeof(p->pend));
	ft_for_each_mapping(ctx, draw_run, p);
	pend_flush(p);
	draw_ghosts(p);
	double free_x = 0;
	for (size_t k = 0; k < p->va.n; k++) {
		const struct seg *g = &p->va.seg[k];
		if (g->kind != SEG_ITEM)
			continue;
		const struct ft_chunk *c = &ctx->st.chunks[g->item];
		uint64_t bytes = c->va_end - c->va_start;
		banksfile_human(bytes, sz, sizeof(sz));
		if (c->pa == FT_PA_NONE)
			snprintf(pa, sizeof(pa), "not placed");
		else
			snprintf(pa, sizeof(pa), "pa 0x%" PRIx64, c->pa);
		fprintf(p->f,
			"<rect class=\"chunk\" x=\"%.2f\" y=\"%.2f\" "
			"width=\"%.2f\" height=\"%.2f\"%s>",
			g->x0, y, g->x1 - g->x0, VBOX_H, thin(g));
		tooltip(p,
			"chunk %zu: va 0x%" PRIx64 "..0x%" PRIx64
			" (%s), %s, pdx 0x%" PRIx64 "..0x%" PRIx64,
			g->item, c->va_start, c->va_end, sz, pa, c->pdx_start,
			c->pdx_end);
		fputs("</rect>\n", p->f);
		double w = g->x1 - g->x0, xm = (g->x0 + g->x1) / 2;
		if (sans_w(sz, 12) + 6 <= w)
			text(p, xm, y + 18,
			     "text-anchor=\"middle\" font-size=\"12\" "
			     "font-weight=\"bold\" class=\"halo\"",
			     "%s", sz);
		if (sans_w(pa, 11) + 6 <= w)
			text(p, xm, y + 34,
			     "text-anchor=\"middle\" class=\"small halo\"",
			     "%s", pa);
		start_label(&p->va, g->item, c->va_start, bytes, s1,
			    sizeof(s1));
		snprintf(s2, sizeof(s2), "0x%" PRIx64, c->va_end);
		edge_labels(p, g, y + VBOX_H + 4, false, s1, s2, &free_x);
	}
}

/* Each bank's box joined to its descriptors' VA range. Drawn first, under
 * the boxes. */
static void draw_links(struct pic *p, double y0, double y1)
{
	const struct ft_ctx *ctx = p->ctx;

	for (size_t k = 0; k < p->pa.n; k++) {
		const struct seg *g = &p->pa.seg[k];
		if (g->kind != SEG_ITEM)
			continue;
		uint64_t va, va_end;
		ft_bank_desc_range(ctx, &ctx->st.banks[g->item], &va, &va_end);
		double v0 = axis_x(&p->va, va, false);
		double v1 = axis_x(&p->va, va_end - 1, true);
		fprintf(p->f,
			"<path class=\"link\" d=\"M%.2f %.2fL%.2f %.2f"
			"L%.2f %.2fL%.2f %.2fZ\"/>\n",
			g->x0, y0, g->x1, y0, v1, y1, v0, y1);
	}
}

/* Swatches for every size class of the arch, and for the other marks.
 * Returns the y below the last row. */
static double legend(struct pic *p, double y, bool draw)
{
	const struct ft_arch *a = p->arch;
	double x = MARGIN, row = 20;
	char label[96];

	for (unsigned k = 0; k < a->nr_sizes + 4; k++) {
		const char *fill;
		if (k < a->nr_sizes) {
			snprintf(label, sizeof(label), "%s: %" PRIu64 " %s",
				 a->sizes[k].name, p->class_entries[k],
				 p->class_entries[k] == 1 ? "entry"
							  : "entries");
			fill = class_colour[k];
		} else if (k == a->nr_sizes) {
			snprintf(label, sizeof(label), "reserved RAM");
			fill = "url(#hatch)";
		} else if (k == a->nr_sizes + 1) {
			snprintf(label, sizeof(label),
				 "mapped, no RAM frame (ghosts, slack)");
			fill = "#888";
		} else if (k == a->nr_sizes + 2) {
			snprintf(label, sizeof(label),
				 "bank "
				 "\xe2\x86\x92"
				 " its descriptors");
			fill = NULL;
		} else {
			snprintf(label, sizeof(label),
				 U_APPROX " hole shortened");
			fill = "#fff";
		}
		double w = 22 + sans_w(label, 11) + 18;
		if (x + w > MARGIN + AXIS_W && x > MARGIN) {
			x = MARGIN;
			y += row;
		}
		if (draw) {
			if (!fill)
				fprintf(p->f,
					"<rect class=\"link\" x=\"%.2f\" "
					"y=\"%.2f\" width=\"16\" "
					"height=\"12\"/>\n",
					x, y - 10);
			else
				fprintf(p->f,
					"<rect x=\"%.2f\" y=\"%.2f\" "
					"width=\"16\" height=\"12\" "
					"fill=\"%s\" stroke=\"#555\" "
					"stroke-width=\"0.5\"/>\n",
					x, y - 10, fill);
			if (k == a->nr_sizes + 1)
				fprintf(p->f,
					"<rect x=\"%.2f\" y=\"%.2f\" "
					"width=\"16\" height=\"12\" "
					"fill=\"url(#ghost)\"/>\n",
					x, y - 10);
			text(p, x + 22, y, "class=\"small\"", "%s", label);
		}
		x += w;
	}
	return y + row;
}

/* ---- the whole picture ---- */

static void title(struct pic *p, const char *board)
{
	const struct ft_ctx *ctx = p->ctx;
	const struct ft_arch *a = p->arch;
	const struct ft_stats *s = &p->stats;
	char h1[32], h2[32], h3[32], h4[32], win[96];
	double r_alloc = s->limit_bytes ? (double)s->allocated_bytes /
						  (double)s->limit_bytes
					: 0;
	double r_dense = s->allocated_bytes ? (double)s->dense_bytes /
						      (double)s->allocated_bytes
					    : 0;
	double r_nopdx = s->allocated_bytes ? (double)s->dense_nopdx_bytes /
						      (double)s->allocated_bytes
					    : 0;

	if (a->identity)
		snprintf(win, sizeof(win), "identity map (VA == PA)");
	else
		snprintf(win, sizeof(win), "window 0x%" PRIx64 " (%s)",
			 a->window_base,
			 banksfile_human(a->window_size, h1, sizeof(h1)));
	text(p, MARGIN, 30, "font-size=\"20\" font-weight=\"bold\"",
	     "Frametable plan " U_DASH " %s", board);
	text(p, MARGIN, 54, "font-size=\"13\"",
	     "%s%s%s " U_DOT " %s pages " U_DOT " %" PRIu32
	     "-byte descriptors " U_DOT " policy %s " U_DOT " PDX %s%s " U_DOT
	     " group order %u " U_DOT " %s",
	     a->name, *a->variant ? "/" : "", a->variant,
	     banksfile_human(UINT64_C(1) << a->page_shift, h2, sizeof(h2)),
	     ctx->params.desc_size, ft_policy_name(ctx->params.policy),
	     ft_pdx_mode_name(ctx->pdx.mode),
	     ctx->params.pdx_mode == FT_PDX_AUTO ? " (auto)" : "",
	     ctx->group_order, win);
	text(p, MARGIN, 76, "font-size=\"13\" font-weight=\"bold\"",
	     "limit %s " U_DOT " allocated %s = %.4fx limit " U_DOT " %" PRIu64
	     " TLB entr%s " U_DOT " %" PRIu64 " page-table page%s " U_DOT
	     " %" PRIu64 " ghost descriptor%s",
	     banksfile_human(s->limit_bytes, h1, sizeof(h1)),
	     banksfile_human(s->allocated_bytes, h2, sizeof(h2)), r_alloc,
	     s->tlb_entries, s->tlb_entries == 1 ? "y" : "ies", s->pt_pages,
	     s->pt_pages == 1 ? "" : "s", s->ghost_descs,
	     s->ghost_descs == 1 ? "" : "s");
	text(p, MARGIN, 96, "font-size=\"13\"",
	     "dense layout %s = %.2fx this plan (%" PRIu64
	     " TLB entr%s); without PDX %s = %.2fx",
	     banksfile_human(s->dense_bytes, h3, sizeof(h3)), r_dense,
	     s->dense_tlb_entries, s->dense_tlb_entries == 1 ? "y" : "ies",
	     banksfile_human(s->dense_nopdx_bytes, h4, sizeof(h4)), r_nopdx);
}

static double max_label(struct pic *p, bool banks)
{
	double m = 0;
	char s[64];

	if (banks) {
		for (unsigned i = 0; i < p->ctx->nr_banks; i++) {
			const struct ft_bank *b = &p->ctx->st.banks[i];
			start_label(&p->pa, i, b->base, b->size, s, sizeof(s));
			m = max_d(m, mono_w(s, LABEL_PX));
			snprintf(s, sizeof(s), "0x%" PRIx64, b->base + b->size);
			m = max_d(m, mono_w(s, LABEL_PX));
		}
	} else {
		for (unsigned i = 0; i < p->ctx->nr_chunks; i++) {
			const struct ft_chunk *c = &p->ctx->st.chunks[i];
			start_label(&p->va, i, c->va_start,
				    c->va_end - c->va_start, s, sizeof(s));
			m = max_d(m, mono_w(s, LABEL_PX));
			snprintf(s, sizeof(s), "0x%" PRIx64, c->va_end);
			m = max_d(m, mono_w(s, LABEL_PX));
		}
	}
	return m + 8;
}

static int build_axes(struct pic *p)
{
	const struct ft_ctx *ctx = p->ctx;
	size_t n =
		ctx->nr_banks > ctx->nr_chunks ? ctx->nr_banks : ctx->nr_chunks;
	struct range *r = calloc(n ? n : 1, sizeof(*r));
	int rc;

	p->desc = calloc(ctx->nr_banks + 1, sizeof(*p->desc));
	if (!r || !p->desc) {
		free(r);
		return -1;
	}
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t va, va_end;
		r[i] = (struct range){b->base, b->base + (b->size - 1)};
		ft_bank_desc_range(ctx, b, &va, &va_end);
		p->desc[i] = (struct range){va, va_end - 1};
	}
	qsort(p->desc, ctx->nr_banks, sizeof(*p->desc), cmp_range);
	rc = axis_build(&p->pa, r, ctx->nr_banks);
	for (unsigned i = 0; !rc && i < ctx->nr_chunks; i++)
		r[i] = (struct range){ctx->st.chunks[i].va_start,
				      ctx->st.chunks[i].va_end - 1};
	if (!rc)
		rc = axis_build(&p->va, r, ctx->nr_chunks);
	free(r);
	return rc;
}

static void body(struct pic *p, const char *board, double *height)
{
	const struct ft_ctx *ctx = p->ctx;
	char h1[32], h2[32];
	uint64_t ram = 0, mapped = 0;

	for (unsigned i = 0; i < ctx->nr_banks; i++)
		ram += ctx->st.banks[i].size;
	for (unsigned i = 0; i < ctx->nr_chunks; i++)
		mapped += ctx->st.chunks[i].va_end - ctx->st.chunks[i].va_start;

	title(p, board);

	double y = 128;
	text(p, MARGIN, y, "font-size=\"14\" font-weight=\"bold\"",
	     "Physical memory: %u bank%s, %s of RAM, %u reserved range%s%s",
	     ctx->nr_banks, ctx->nr_banks == 1 ? "" : "s",
	     banksfile_human(ram, h1, sizeof(h1)), ctx->nr_reserved,
	     ctx->nr_reserved == 1 ? "" : "s",
	     ctx->nr_reserved ? " (hatched where inside RAM)" : "");
	double pbox_y = y + 10 + max_label(p, true);
	p->vbox_y = pbox_y + PBOX_H + LINK_H;

	/* Links first: under both rows of boxes. */
	draw_links(p, pbox_y + PBOX_H, p->vbox_y);
	draw_banks(p, pbox_y);

	if (ctx->arch->identity)
		text(p, MARGIN, p->vbox_y - 12,
		     "font-size=\"14\" font-weight=\"bold\" class=\"halo\"",
		     "Frametable, identity mapped (VA == PA): %u chunk%s, %s, "
		     "coloured by mapping size",
		     ctx->nr_chunks, ctx->nr_chunks == 1 ? "" : "s",
		     banksfile_human(mapped, h2, sizeof(h2)));
	else
		text(p, MARGIN, p->vbox_y - 12,
		     "font-size=\"14\" font-weight=\"bold\" class=\"halo\"",
		     "Frametable VA in the window at 0x%" PRIx64
		     ": %u chunk%s, %s mapped, coloured by mapping size; "
		     "hole groups unmapped",
		     ctx->arch->window_base, ctx->nr_chunks,
		     ctx->nr_chunks == 1 ? "" : "s",
		     banksfile_human(mapped, h2, sizeof(h2)));
	draw_chunks(p);

	y = p->vbox_y + VBOX_H + 4 + max_label(p, false) + 22;
	y = legend(p, y, true);
	text(p, MARGIN, y + 2, "font-size=\"10\" fill=\"#666\"",
	     "Both rows to scale within each box and small hole; a hole "
	     "larger than all boxes together is shortened (" U_APPROX
	     "); boxes at least %.3g px wide. Ticks separate TLB entries.",
	     p->pa.item_min < p->va.item_min ? p->pa.item_min : p->va.item_min);
	*height = y + 14;
}

int ft_svg_print(FILE *f, const struct ft_ctx *ctx, const char *board)
{
	struct pic p;
	char *buf = NULL;
	size_t len = 0;
	double height = 0;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.arch = ctx->arch;
	ft_get_stats(ctx, &p.stats);
	if (build_axes(&p))
		goto out;
	p.f = open_memstream(&buf, &len);
	if (!p.f)
		goto out;
	defs(&p);
	fputs("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n", p.f);
	body(&p, board, &height);
	if (fclose(p.f)) {
		p.f = NULL;
		goto out;
	}
	p.f = NULL;
	fprintf(f,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n<title>",
		W_PX, height, W_PX, height);
	fputs("frametable plan: ", f);
	put_esc(f, board);
	fputs("</title>\n<desc>", f);
	fprintf(f,
		"ftplan " FT_VERSION " limit_bytes=%" PRIu64
		" allocated_bytes=%" PRIu64 " tlb_entries=%" PRIu64
		" pt_pages=%" PRIu64 " nr_chunks=%" PRIu64
		" dense_bytes=%" PRIu64 "</desc>\n",
		p.stats.limit_bytes, p.stats.allocated_bytes,
		p.stats.tlb_entries, p.stats.pt_pages, p.stats.nr_chunks,
		p.stats.dense_bytes);
	fwrite(buf, 1, len, f);
	fputs("</svg>\n", f);
	rc = ferror(f) ? -1 : 0;
	if (rc && !errno)
		errno = EIO;
out:
	if (p.f)
		fclose(p.f);
	if (rc && !errno)
		errno = ENOMEM;
	free(buf);
	free(p.pa.seg);
	free(p.pa.at);
	free(p.va.seg);
	free(p.va.at);
	free(p.desc);
	return rc;
}

int ft_svg_write(const char *out_path, const struct ft_ctx *ctx,
		 const char *in_path, const char *banks_text, size_t banks_len)
{
	char board[256] = "";
	FILE *f;
	int rc, err;

	if (banks_text)
		banksfile_board_name(banks_text, banks_len, board,
				     sizeof(board));
	if (!*board) {
		const char *slash = strrchr(in_path, '/');
		snprintf(board, sizeof(board), "%s",
			 slash ? slash + 1 : in_path);
	}
	f = fopen(out_path, "w");
	if (!f)
		return -1;
	errno = 0;
	rc = ft_svg_print(f, ctx, board);
	err = errno;
	if (fclose(f) && !rc) {
		rc = -1;
		err = errno;
	}
	if (rc) {
		remove(out_path);
		errno = err ? err : EIO;
	}
	return rc;
}
