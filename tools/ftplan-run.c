/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ftplan's whole path on the bytes of one input: tell a DTB from a bank
 * list (or refuse a file that is neither), load it, plan, place with the
 * library's own boot allocator over the same banks minus reserved ranges
 * (so the PAs shown are the ones a boot stub would get), and print the
 * plan; or name the culprit of an error (bank, line, node, chunk) from
 * ctx->err. Nothing is printed half-way: the whole plan is made before any
 * output. No byte of the input reaches a message unescaped, and a blob the
 * library refused is never handed to libfdt again: the library's own check
 * says why it is malformed.
 *
 * The library never allocates; the tool owns its storage and grows it when
 * the library says it is too small, then plans again from scratch.
 */
#define _POSIX_C_SOURCE 200809L

#include "ftplan.h"
#include "banksfile.h"
#include "planjson.h"
#include "svg.h"
#include "util.h"

#include <frametable/bootalloc.h>

#include <errno.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Beyond this, --json would print more than anyone can read or diff. */
#define MAX_JSON_MAPPINGS 1000000u

/* Storage caps: far above any real board, low enough that a hostile input
 * cannot make the tool eat the host's memory. */
#define MAX_BANK_SLOTS	(1u << 22)
#define MAX_CHUNK_SLOTS (1u << 22)
#define MAX_GROUP_WORDS ((size_t)1 << 26)

#define FDT_MAGIC_BYTES "\xd0\x0d\xfe\xed"

struct run {
	const struct ftplan_options *opt;
	const char *path;
	const char *data;
	size_t len;
	bool is_dtb;
	FILE *out, *err;
	struct ft_storage st;
	struct ft_ctx ctx;
	struct banksfile_error bad; /* bank list: where loading stopped */
	struct ft_bootalloc ba;
	struct ft_bank *ba_storage;
	struct ft_stats stats;
};

void ftplan_msg(FILE *f, const char *fmt, ...)
{
	va_list ap;

	fputs("ftplan: ", f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
}

#define msg(r, ...) ftplan_msg((r)->err, __VA_ARGS__)

/* ---- storage: grown on demand, the plan redone from scratch ---- */

static void storage_free(struct ft_storage *st)
{
	free(st->banks);
	free(st->reserved);
	free(st->chunks);
	free(st->group_words);
	memset(st, 0, sizeof(*st));
}

static int storage_alloc(struct ft_storage *st, unsigned nb, unsigned nr,
			 unsigned nc, size_t nw)
{
	storage_free(st);
	st->banks = calloc(nb, sizeof(*st->banks));
	st->reserved = calloc(nr, sizeof(*st->reserved));
	st->chunks = calloc(nc, sizeof(*st->chunks));
	st->group_words = calloc(nw, sizeof(*st->group_words));
	if (!st->banks || !st->reserved || !st->chunks || !st->group_words) {
		storage_free(st);
		return -1;
	}
	st->max_banks = nb;
	st->max_reserved = nr;
	st->max_chunks = nc;
	st->max_group_words = nw;
	return 0;
}

static uint64_t grown(uint64_t have, uint64_t need, uint64_t cap)
{
	uint64_t n = have * 2 > need ? have * 2 : need;

	return n > cap ? cap : n;
}

/* After a storage error, new sizes in *n; false when at the cap. */
static bool storage_grown(const struct run *r, int rc, uint64_t n[4])
{
	const struct ft_storage *st = &r->st;
	const struct ft_error_info *e = &r->ctx.err;

	n[0] = st->max_banks;
	n[1] = st->max_reserved;
	n[2] = st->max_chunks;
	n[3] = st->max_group_words;
	switch (-rc) {
	case FT_ERR_TOOMANYBANKS:
		n[0] = grown(n[0], e->need, MAX_BANK_SLOTS);
		return n[0] != st->max_banks;
	case FT_ERR_TOOMANYRESERVED:
		n[1] = grown(n[1], e->need, MAX_BANK_SLOTS);
		return n[1] != st->max_reserved;
	case FT_ERR_TOOMANYCHUNKS:
		n[2] = grown(n[2], e->need, MAX_CHUNK_SLOTS);
		return n[2] != st->max_chunks;
	case FT_ERR_GROUPS_FULL:
		n[3] = e->need;
		return e->need <= MAX_GROUP_WORDS;
	default:
		return false;
	}
}

/* ---- input ---- */

/* The DTB magic says DTB; else a file whose first line is not text is
 * binary, and no bank list either. */
static int detect_type(struct run *r)
{
	char byte[8];
	size_t at;

	r->is_dtb = r->len >= 4 && !memcmp(r->data, FDT_MAGIC_BYTES, 4);
	if (r->is_dtb || !banksfile_is_binary(r->data, r->len, &at))
		return 0;
	msg(r,
	    "%s: neither a DTB nor a bank list: no DTB magic (d0 0d fe ed) "
	    "in the first 4 bytes, and byte '%s' at offset %zu is not text",
	    r->path, util_escape(r->data + at, 1, byte, sizeof(byte)), at);
	return FTPLAN_EXIT_INPUT;
}

static int load_input(struct run *r)
{
	memset(&r->bad, 0, sizeof(r->bad));
	if (r->is_dtb)
		return ft_add_fdt(&r->ctx, r->data, r->len);
	return banksfile_load_buf(&r->ctx, r->data, r->len, &r->bad);
}

/* ---- naming the culprit of an error ---- */

/* Where a bank came from: a line of a bank list, or an entry of a DTB
 * node's reg. */
struct culprit {
	unsigned line; /* 0: not found */
	int node;      /* -1: not found */
	int entry, entries;
};

struct find_line {
	uint64_t base, size;
	const struct culprit *skip;
	unsigned line;
};

static int match_line(void *arg, uint64_t base, uint64_t size, unsigned line)
{
	struct find_line *f = arg;

	if (base != f->base || size != f->size ||
	    (f->skip && f->skip->line == line))
		return 0;
	f->line = line;
	return 1;
}

/* fdt32_ld: a malformed blob can put a reg value at an address that is
 * not 4-byte aligned (as lib/banks-fdt.c). */
static uint64_t read_cells(const fdt32_t *c, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_ld(&c[i]);
	return v;
}

/* The top-level node and reg entry of a DTB that hold (base, size), other
 * than skip: banks come from the root's memory nodes only. Called only on
 * a blob that passed the library's check, which makes libfdt's readers
 * safe on it. */
static void fdt_find(const void *fdt, uint64_t base, uint64_t size,
		     const struct culprit *skip, struct culprit *c)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	int depth = 0;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return;
	for (int n = fdt_next_node(fdt, 0, &depth); n >= 0 && depth > 0;
	     n = fdt_next_node(fdt, n, &depth)) {
		int len;
		const fdt32_t *reg = fdt_getprop(fdt, n, "reg", &len);
		if (depth != 1 || !reg || len <= 0)
			continue;
		int entries = len / (int)sizeof(fdt32_t) / (ac + sc);
		for (int e = 0; e < entries; e++) {
			const fdt32_t *cell = reg + e * (ac + sc);
			if (read_cells(cell, ac) != base ||
			    read_cells(cell + ac, sc) != size ||
			    (skip && skip->node == n && skip->entry == e))
				continue;
			c->node = n;
			c->entry = e;
			c->entries = entries;
			return;
		}
	}
}

/* The path of node in a checked DTB, escaped; false if there is none. */
static bool node_path(const struct run *r, int node, char *buf, size_t size)
{
	char path[256];
	int next;

	if (node < 0 || fdt_next_tag(r->data, node, &next) != FDT_BEGIN_NODE ||
	    fdt_get_path(r->data, node, path, sizeof(path)))
		return false;
	util_escape(path, strlen(path), buf, size);
	return true;
}

/* "FILE:LINE: " or "FILE: node /memory@0: " for a bank (", reg entry N"
 * when the node lists several), other than skip; "FILE: " if the bank
 * cannot be traced back (the library merged or changed it). */
static void where(const struct run *r, uint64_t base, uint64_t size,
		  const struct culprit *skip, struct culprit *c, char *buf,
		  size_t len)
{
	char path[512];

	c->line = 0;
	c->node = -1;
	c->entry = c->entries = 0;
	if (r->is_dtb) {
		fdt_find(r->data, base, size, skip, c);
		if (!node_path(r, c->node, path, sizeof(path)))
			snprintf(buf, len, "%s: ", r->path);
		else if (c->entries > 1)
			snprintf(buf, len,
				 "%s: node %s, reg entry %d: ", r->path, path,
				 c->entry);
		else
			snprintf(buf, len, "%s: node %s: ", r->path, path);
		return;
	}
	struct find_line f = {base, size, skip, 0};
	struct banksfile_line_cb cb = {match_line, NULL, &f};
	banksfile_parse(r->data, r->len, &cb, NULL);
	c->line = f.line;
	if (f.line)
		snprintf(buf, len, "%s:%u: ", r->path, f.line);
	else
		snprintf(buf, len, "%s: ", r->path);
}

/* Line number line of the input, escaped, as a second message line. */
static void print_line(const struct run *r, unsigned line)
{
	const char *p = r->data, *end = r->data + r->len, *eol;
	char shown[128];

	for (unsigned i = 1; i < line && p < end; i++) {
		eol = memchr(p, '\n', (size_t)(end - p));
		p = eol ? eol + 1 : end;
	}
	eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	if (eol > p && eol[-1] == '\r')
		eol--;
	fprintf(r->err, "ftplan:   %s\n",
		util_escape(p, (size_t)(eol - p), shown, sizeof(shown)));
}

static uint64_t largest_free(const struct ft_bootalloc *ba)
{
	uint64_t best = 0;

	for (unsigned i = 0; i < ba->nr; i++)
		if (ba->free[i].size > best)
			best = ba->free[i].size;
	return best;
}

static uint64_t plan_bytes(const struct ft_ctx *ctx)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < ctx->nr_chunks; i++)
		sum += ctx->st.chunks[i].va_end - ctx->st.chunks[i].va_start;
	return sum;
}

static void report_overlap(const struct run *r, const char *what)
{
	const struct ft_error_info *e = &r->ctx.err;
	struct culprit first, second;
	char at[600], at2[600];

	where(r, e->base, e->size, NULL, &first, at, sizeof(at));
	where(r, e->base2, e->size2, &first, &second, at2, sizeof(at2));
	if (e->base == e->base2 && e->size == e->size2) {
		msg(r,
		    "%s%s: the same bank twice: [0x%" PRIx64 ", 0x%" PRIx64
		    ") (base 0x%" PRIx64 " size 0x%" PRIx64 ")",
		    at, what, e->base, e->base + e->size, e->base, e->size);
		msg(r, "%sthe same bank again", at2);
		return;
	}
	msg(r,
	    "%s%s: [0x%" PRIx64 ", 0x%" PRIx64 ") (base 0x%" PRIx64
	    " size 0x%" PRIx64 ")",
	    at, what, e->base, e->base + e->size, e->base, e->size);
	msg(r,
	    "%sthe other bank: [0x%" PRIx64 ", 0x%" PRIx64 ") (base 0x%" PRIx64
	    " size 0x%" PRIx64 ")",
	    at2, e->base2, e->base2 + e->size2, e->base2, e->size2);
}

static void report_error(const struct run *r, int rc)
{
	const struct ft_error_info *e = &r->ctx.err;
	const char *what = ft_strerror(rc);
	char at[600], h1[32], h2[32], h3[32], path[512];
	struct culprit c;

	switch (-rc) {
	case FT_ERR_BANK_ZERO:
	case FT_ERR_BANK_UNALIGNED:
	case FT_ERR_BANK_BEYOND_PA:
	case FT_ERR_BANK_WRAPS:
		where(r, e->base, e->size, NULL, &c, at, sizeof(at));
		msg(r, "%s%s: bank base 0x%" PRIx64 " size 0x%" PRIx64, at,
		    what, e->base, e->size);
		if (-rc == FT_ERR_BANK_UNALIGNED)
			msg(r, "  the page granule is 0x%" PRIx64 " bytes",
			    UINT64_C(1) << r->opt->arch.page_shift);
		else if (-rc == FT_ERR_BANK_BEYOND_PA)
			msg(r,
			    "  the bank ends at 0x%" PRIx64
			    ", beyond 2^%u (--pa-bits %u)",
			    e->base + e->size, r->ctx.params.pa_bits,
			    r->ctx.params.pa_bits);
		else if (-rc == FT_ERR_BANK_WRAPS)
			/* The true sum is 2^64 plus the wrapped one. */
			msg(r,
			    "  base + size = 0x1%016" PRIx64
			    ", which does not fit in 64 bits",
			    e->base + e->size);
		return;
	case FT_ERR_BANK_OVERLAP:
		report_overlap(r, what);
		return;
	case FT_ERR_NOBANKS:
		msg(r, "%s: %s: the input declares no memory", r->path, what);
		return;
	case FT_ERR_FDT_BAD:
		/* Never libfdt again on a blob the library refused: its own
		 * check says why. */
		if (e->detail && e->fdt_offset >= 0)
			msg(r, "%s: %s: %s (at byte 0x%x)", r->path, what,
			    e->detail, (unsigned)e->fdt_offset);
		else if (e->detail)
			msg(r, "%s: %s: %s", r->path, what, e->detail);
		else
			msg(r, "%s: %s", r->path, what);
		return;
	case FT_ERR_FDT_NOMEMORY:
	case FT_ERR_FDT_CELLS:
		if (node_path(r, e->fdt_node, path, sizeof(path)))
			msg(r, "%s: %s: node %s", r->path, what, path);
		else
			msg(r, "%s: %s", r->path, what);
		return;
	case FT_ERR_CHUNK_TOO_BIG:
		if (r->opt->arch.identity) {
			msg(r,
			    "%s: the one table of 0x%" PRIx64
			    " bytes (%s), the largest free range of a bank "
			    "0x%" PRIx64 " (%s)",
			    what, e->need,
			    banksfile_human(e->need, h1, sizeof(h1)), e->have,
			    banksfile_human(e->have, h2, sizeof(h2)));
			return;
		}
		msg(r,
		    "%s: the window has room, but the plan with the smallest "
		    "chunks still has one of 0x%" PRIx64
		    " bytes (%s) and the largest bank has 0x%" PRIx64 " (%s)",
		    what, e->need, banksfile_human(e->need, h1, sizeof(h1)),
		    e->have, banksfile_human(e->have, h2, sizeof(h2)));
		msg(r,
		    "  a chunk is one physical allocation, with PA congruent "
		    "to VA for its large mappings");
		return;
	case FT_ERR_REGIONS:
		msg(r,
		    "%s: need %" PRIu64 ", regions for %" PRIu64
		    " (--mpu-regions)",
		    what, e->need, e->have);
		msg(r, "  one region per bank, one for the frametable and one "
		       "for the rest of the bank it is carved from");
		return;
	case FT_ERR_WINDOW:
		msg(r,
		    "%s: needs 0x%" PRIx64
		    " bytes (%s), the window has 0x%" PRIx64 " (%s)",
		    what, e->need, banksfile_human(e->need, h1, sizeof(h1)),
		    e->have, banksfile_human(e->have, h2, sizeof(h2)));
		return;
	case FT_ERR_NOMEM:
		msg(r,
		    "%s: chunk %d (va 0x%" PRIx64 "..0x%" PRIx64
		    ") needs 0x%" PRIx64 " bytes (%s) in one piece",
		    what, e->index, e->base, e->base + e->size, e->size,
		    banksfile_human(e->size, h1, sizeof(h1)));
		msg(r,
		    "  the plan needs %s in %u chunks (placed largest first); "
		    "RAM minus reserved has %s, its largest range %s",
		    banksfile_human(plan_bytes(&r->ctx), h1, sizeof(h1)),
		    r->ctx.nr_chunks,
		    banksfile_human(ft_bootalloc_free_bytes(&r->ba), h2,
				    sizeof(h2)),
		    banksfile_human(largest_free(&r->ba), h3, sizeof(h3)));
		return;
	case FT_ERR_PDX_UNFIT:
		msg(r, "%s (--pdx %s, --pdx-slots %u)", what,
		    ft_pdx_mode_name(r->ctx.params.pdx_mode),
		    r->ctx.params.pdx_offset_slots);
		return;
	case FT_ERR_GROUPS_FULL:
	case FT_ERR_TOOMANYCHUNKS:
	case FT_ERR_TOOMANYBANKS:
	case FT_ERR_TOOMANYRESERVED:
		msg(r, "%s: needs %" PRIu64 ", the tool's limit is %" PRIu64,
		    what, e->need, e->have);
		return;
	default:
		msg(r, "%s (error %d)", what, rc);
		return;
	}
}

static void report_malformed_list(const struct run *r)
{
	char why[256];

	msg(r, "%s:%u: %s", r->path, r->bad.line,
	    banksfile_strerror(&r->bad, why, sizeof(why)));
	print_line(r, r->bad.line);
}

/* ---- plan and place ---- */

static int make_plan(struct run *r)
{
	uint64_t n[4] = {64, 64, 256, 4096};
	int rc;

	for (;;) {
		if (storage_alloc(&r->st, (unsigned)n[0], (unsigned)n[1],
				  (unsigned)n[2], (size_t)n[3])) {
			msg(r, "out of memory");
			return FTPLAN_EXIT_INPUT;
		}
		rc = ft_init(&r->ctx, &r->opt->arch, &r->opt->params, &r->st);
		if (rc == -FT_ERR_WINDOW_WRAPS) {
			msg(r,
			    "%s: window 0x%" PRIx64 " + 0x%" PRIx64
			    " (--window-base, --window-size) ends past 2^64; "
			    "at this base the size can be at most 0x%" PRIx64,
			    ft_strerror(rc), r->opt->arch.window_base,
			    r->opt->arch.window_size,
			    UINT64_MAX - r->opt->arch.window_base + 1);
			return FTPLAN_EXIT_USAGE;
		}
		if (rc) {
			msg(r, "%s: the options do not fit the arch %s/%s",
			    ft_strerror(rc), r->opt->arch.name,
			    r->opt->arch.variant);
			return FTPLAN_EXIT_USAGE;
		}
		rc = load_input(r);
		if (rc == -FT_ERR_BADPARAM && !r->is_dtb &&
		    r->ctx.err.code != rc) {
			report_malformed_list(r);
			return FTPLAN_EXIT_INPUT;
		}
		if (!rc && (r->ctx.nr_banks > n[2] ||
			    2 * (uint64_t)r->ctx.nr_banks + 2 > n[3])) {
			/* Every chunk holds RAM of its own, so there are no
			 * more chunks than banks, and a bank touches at least
			 * one bitmap word and often two: size them now rather
			 * than learn it from a failed plan. */
			n[2] = r->ctx.nr_banks > n[2] ? r->ctx.nr_banks : n[2];
			n[3] = 2 * (uint64_t)r->ctx.nr_banks + 2 > n[3]
				       ? 2 * (uint64_t)r->ctx.nr_banks + 2
				       : n[3];
			continue;
		}
		if (!rc)
			rc = ft_plan(&r->ctx);
		if (!rc)
			return 0;
		if (!storage_grown(r, rc, n))
			break;
	}
	report_error(r, rc);
	return FTPLAN_EXIT_INPUT;
}

static int place(struct run *r)
{
	struct ft_ctx *ctx = &r->ctx;
	/* Each range added or reserved splits at most one free range. */
	unsigned max = ctx->nr_banks + ctx->nr_reserved + ctx->nr_chunks + 1;
	int rc;

	r->ba_storage = calloc(max, sizeof(*r->ba_storage));
	if (!r->ba_storage) {
		msg(r, "out of memory");
		return FTPLAN_EXIT_INPUT;
	}
	ft_bootalloc_init(&r->ba, r->ba_storage, max);
	rc = ft_bootalloc_from_ctx(&r->ba, ctx);
	if (rc) {
		msg(r, "boot allocator: %s", ft_strerror(rc));
		return FTPLAN_EXIT_INPUT;
	}
	struct ft_ops ops = {
		.alloc = ft_bootalloc_hook_alloc,
		.free = ft_bootalloc_hook_free,
		.alloc_arg = &r->ba,
	};
	rc = ft_place(ctx, &ops);
	if (rc) {
		report_error(r, rc);
		return FTPLAN_EXIT_INPUT;
	}
	return 0;
}

/* ---- output ---- */

/* JSON comes from report/planjson.c, shared with the boot stubs so that a
 * guest's plan and the host's compare byte for byte. */
static void json_putc(void *arg, char c)
{
	putc(c, (FILE *)arg);
}

static int print_plan(struct run *r)
{
	const struct ftplan_options *o = r->opt;

	/* Before stdout: a failed picture leaves stdout empty, as any error. */
	if (o->svg &&
	    ft_svg_write(o->svg, &r->ctx, r->path, r->is_dtb ? NULL : r->data,
			 r->is_dtb ? 0 : r->len)) {
		msg(r, "%s: %s", o->svg, strerror(errno));
		return FTPLAN_EXIT_INPUT;
	}
	ft_get_stats(&r->ctx, &r->stats);
	/* tlb_entries is the number of mapping objects --json prints: a
	 * contiguous run counts once in both. */
	if (o->json && r->stats.tlb_entries > MAX_JSON_MAPPINGS) {
		msg(r,
		    "the plan has %" PRIu64 " mappings, more than the %u "
		    "--json prints; use the report",
		    r->stats.tlb_entries, MAX_JSON_MAPPINGS);
		return FTPLAN_EXIT_FLOOD;
	}
	if (o->json)
		ft_plan_write_json(&r->ctx, json_putc, r->out);
	else
		ftplan_print_report(r->out, r->path, &r->ctx, &r->stats);
	return 0;
}

int ftplan_run(const struct ftplan_options *o, const char *path,
	       const char *data, size_t len, FILE *out, FILE *err)
{
	struct run *r = calloc(1, sizeof(*r));
	int rc;

	if (!r) {
		ftplan_msg(err, "out of memory");
		return FTPLAN_EXIT_INPUT;
	}
	r->opt = o;
	r->path = path;
	r->data = data;
	r->len = len;
	r->out = out;
	r->err = err;
	rc = detect_type(r);
	if (!rc)
		rc = make_plan(r);
	if (!rc && o->place)
		rc = place(r);
	if (!rc)
		rc = print_plan(r);
	free(r->ba_storage);
	storage_free(&r->st);
	free(r);
	return rc;
}
