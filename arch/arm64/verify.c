/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Verification on the real MMU, after ft_apply() (the stub wrote
 * PREFILL_BYTE over all of the frametable's memory before it, so reading
 * zero means ft_apply wrote zero):
 *   - the tables hold, for every TLB entry of the plan, the leaves it
 *     promises (level, output address, the mapper's attributes);
 *   - every leaf of the window obeys the architecture's rules (ptcheck.c:
 *     walked from the live registers, independently of the plan and of
 *     pt.c) and lies inside a chunk;
 *   - every descriptor byte of every chunk reads zero;
 *   - every RAM frame is ft_mfn_valid and its descriptor (or a stride of
 *     them in a huge bank) reads zero, then holds a pattern unique to the
 *     frame and the word: written in one pass and read back in a second,
 *     so two frames whose descriptors alias the same memory are caught;
 *   - ghost descriptors (wholly inside a chunk, of no RAM frame) read zero;
 *   - slack bytes (partial descriptors at a chunk's edges) read 0xff;
 *   - a load from inside every hole group, and from the first, middle and
 *     last page of every unmapped gap of the window (gaps.c), takes a
 *     translation fault, and no frame whose descriptor it hit is
 *     ft_mfn_valid.
 * A wrong mapping that faults unexpectedly ends the run in fault.c.
 *
 * Only check_tables() is arm64's own (pt.c, ptcheck.c); the rest uses the
 * library's conversions and the fault probe.
 */
#include "verify.h"
#include "fault.h"
#include "gaps.h"
#include "pt.h"
#include "ptcheck.h"
#include "uart.h"

#include <frametable/frametable.h>

struct verify {
	const struct ft_ctx *ctx;
	const char *failed;
	unsigned reports; /* FT-CHECK lines printed, capped */
};

#define MAX_REPORTS 8

static void fail(struct verify *v, const char *what, uint64_t where)
{
	if (!v->failed)
		v->failed = what;
	if (v->reports++ >= MAX_REPORTS)
		return;
	uart_puts("FT-CHECK: ");
	uart_puts(what);
	uart_puts(" at ");
	uart_put_hex(where);
	uart_putc('\n');
}

static void bad_cb(void *arg, const char *what, uint64_t where)
{
	fail(arg, what, where);
}

static volatile uint64_t *desc_words(uint64_t va)
{
	return (volatile uint64_t *)(uintptr_t)va;
}

static uint64_t pattern(uint64_t mfn, unsigned word)
{
	return (mfn << 8 | word) ^ UINT64_C(0x5a5a000000000000);
}

static uint64_t bank_frames(const struct ft_ctx *ctx, const struct ft_bank *b)
{
	return b->size >> ctx->arch->page_shift;
}

/* The smallest stride touching at most the cap, the last frame added. */
static uint64_t bank_stride(uint64_t frames)
{
	uint64_t cap = VERIFY_MAX_FRAMES_PER_BANK;

	if (frames <= cap)
		return 1;
	/* frames k * stride for k <= (frames - 1) / stride, plus the last. */
	return (frames - 1 + cap - 3) / (cap - 2);
}

/* Calls fn on frame k * stride of b for each k, then on the last frame. */
static uint64_t for_each_sampled(struct verify *v, const struct ft_bank *b,
				 uint64_t stride,
				 void (*fn)(struct verify *v, uint64_t mfn))
{
	uint64_t first = b->base >> v->ctx->arch->page_shift;
	uint64_t n = bank_frames(v->ctx, b), done = 0, k;

	for (k = 0; k < n; k += stride, done++)
		fn(v, first + k);
	if (k - stride != n - 1) {
		fn(v, first + n - 1);
		done++;
	}
	return done;
}

static void ram_zero_then_write(struct verify *v, uint64_t mfn)
{
	const struct ft_ctx *ctx = v->ctx;
	unsigned words = ctx->params.desc_size / 8;

	if (!ft_mfn_valid(ctx, mfn)) {
		fail(v, "RAM frame without a mapped descriptor (mfn)", mfn);
		return;
	}
	volatile uint64_t *d = desc_words(ft_mfn_to_desc_va(ctx, mfn));
	for (unsigned i = 0; i < words; i++)
		if (d[i])
			fail(v, "RAM descriptor not zero (mfn)", mfn);
	for (unsigned i = 0; i < words; i++)
		d[i] = pattern(mfn, i);
}

static void ram_read_back(struct verify *v, uint64_t mfn)
{
	const struct ft_ctx *ctx = v->ctx;
	unsigned words = ctx->params.desc_size / 8;

	if (!ft_mfn_valid(ctx, mfn))
		return;
	volatile uint64_t *d = desc_words(ft_mfn_to_desc_va(ctx, mfn));
	for (unsigned i = 0; i < words; i++)
		if (d[i] != pattern(mfn, i))
			fail(v, "RAM descriptor pattern lost (mfn)", mfn);
}

static void check_ram(struct verify *v)
{
	const struct ft_ctx *ctx = v->ctx;
	uint64_t checked = 0, max_stride = 1;

	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t stride = bank_stride(bank_frames(ctx, b));
		uint64_t n =
			for_each_sampled(v, b, stride, ram_zero_then_write);
		uart_puts("bank ");
		uart_put_dec(i);
		uart_puts(": base=");
		uart_put_hex(b->base);
		uart_puts(" size=");
		uart_put_hex(b->size);
		uart_puts(" frames=");
		uart_put_dec(bank_frames(ctx, b));
		uart_puts(" checked=");
		uart_put_dec(n);
		uart_puts(" stride=");
		uart_put_dec(stride);
		uart_putc('\n');
		checked += n;
		if (stride > max_stride)
			max_stride = stride;
	}
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		for_each_sampled(v, b, bank_stride(bank_frames(ctx, b)),
				 ram_read_back);
	}
	uart_puts("ram descriptors checked: ");
	uart_put_dec(checked);
	uart_puts(" (stride ");
	uart_put_dec(max_stride);
	uart_puts(")\n");
}

/* PDX range of bank i: contiguous in every PDX mode. */
static void bank_pdx(const struct ft_ctx *ctx, unsigned i, uint64_t *ps,
		     uint64_t *pe)
{
	const struct ft_bank *b = &ctx->st.banks[i];
	unsigned sh = ctx->arch->page_shift;

	*ps = ft_pfn_to_pdx(&ctx->pdx, b->base >> sh);
	*pe = ft_pfn_to_pdx(&ctx->pdx, ((b->base + b->size) >> sh) - 1) + 1;
}

static void ghost_zero(struct verify *v, uint64_t pdx)
{
	const struct ft_ctx *ctx = v->ctx;
	volatile uint64_t *d = desc_words(ft_pdx_to_desc_va(ctx, pdx));

	for (unsigned w = 0; w < ctx->params.desc_size / 8; w++)
		if (d[w])
			fail(v, "ghost descriptor not zero (pdx)", pdx);
}

/*
 * Ghosts of chunk c are its PDXs outside every bank. Walks them in order,
 * calling check on every stride-th one when check is set; returns how
 * many there are (when counting) or how many were checked.
 */
static uint64_t walk_ghosts(struct verify *v, const struct ft_chunk *c,
			    uint64_t stride, bool check)
{
	const struct ft_ctx *ctx = v->ctx;
	uint64_t cursor = c->pdx_start, idx = 0, next = 0, done = 0;

	for (unsigned i = 0; i <= ctx->nr_banks && cursor < c->pdx_end; i++) {
		uint64_t bs = c->pdx_end, be = c->pdx_end;
		if (i < ctx->nr_banks)
			bank_pdx(ctx, i, &bs, &be);
		if (be <= cursor)
			continue;
		uint64_t gap_end = bs < c->pdx_end ? bs : c->pdx_end;
		if (gap_end > cursor) {
			uint64_t len = gap_end - cursor;
			while (check && next < idx + len) {
				ghost_zero(v, cursor + (next - idx));
				next += stride;
				done++;
			}
			idx += len;
		}
		cursor = be > cursor ? be : cursor;
	}
	return check ? done : idx;
}

static void check_ghosts(struct verify *v)
{
	uint64_t checked = 0, total = 0;

	for (unsigned i = 0; i < v->ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &v->ctx->st.chunks[i];
		uint64_t n = walk_ghosts(v, c, 1, false);
		uint64_t cap = VERIFY_MAX_GHOSTS_PER_CHUNK;
		total += n;
		if (n)
			checked += walk_ghosts(v, c, (n + cap - 1) / cap, true);
	}
	uart_puts("ghost descriptors zero: ");
	uart_put_dec(checked);
	uart_puts(" (of ");
	uart_put_dec(total);
	uart_puts(")\n");
}

/* The first non-zero byte of [va, va + len), which is 8-byte aligned and
 * holds a whole number of words; len if there is none. */
static uint64_t first_nonzero(uint64_t va, uint64_t len)
{
	const uint64_t *w = (const uint64_t *)(uintptr_t)va;
	uint64_t n = len / 8, acc = 0, i;

	/* OR a page's worth at a time: the common case is one pass. */
	for (i = 0; i < n; i++) {
		acc |= w[i];
		if ((i & 511) == 511 && acc)
			break;
	}
	if (!acc)
		return len;
	for (uint64_t b = (i & ~UINT64_C(511)) * 8; b < len; b++)
		if (((const uint8_t *)w)[b])
			return b;
	return len;
}

/* Every descriptor byte of every chunk: the pattern the stub wrote before
 * ft_apply must be gone. */
static void check_filled(struct verify *v)
{
	const struct ft_ctx *ctx = v->ctx;
	uint64_t bytes = 0;

	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		uint64_t s = ft_pdx_to_desc_va(ctx, c->pdx_start);
		uint64_t e = ft_pdx_to_desc_va(ctx, c->pdx_end);
		if (e <= s)
			continue;
		uint64_t off = first_nonzero(s, e - s);
		if (off < e - s)
			fail(v, "descriptor byte not zero (va)", s + off);
		bytes += e - s;
	}
	uart_puts("descriptor bytes zero: ");
	uart_put_dec(bytes);
	uart_puts(" (every descriptor of every chunk)\n");
}

static uint64_t check_ff(struct verify *v, uint64_t va, uint64_t end)
{
	for (uint64_t p = va; p < end; p++)
		if (*(volatile uint8_t *)(uintptr_t)p != 0xff)
			fail(v, "slack byte not 0xff (va)", p);
	return end > va ? end - va : 0;
}

static void check_slack(struct verify *v)
{
	const struct ft_ctx *ctx = v->ctx;
	uint64_t bytes = 0;

	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		bytes += check_ff(v, c->va_start,
				  ft_pdx_to_desc_va(ctx, c->pdx_start));
		bytes += check_ff(v, ft_pdx_to_desc_va(ctx, c->pdx_end),
				  c->va_end);
	}
	uart_puts("slack bytes poisoned: ");
	uart_put_dec(bytes);
	uart_putc('\n');
}

/* VA of group g's first descriptor, if it lies in the window. */
static bool group_va(const struct ft_ctx *ctx, uint64_t g, uint64_t *va)
{
	uint64_t pdx = g << ctx->group_order;
	uint64_t span = ctx->arch->window_size / ctx->params.desc_size;

	if (pdx < ctx->base_pdx || pdx - ctx->base_pdx >= span)
		return false;
	*va = ft_pdx_to_desc_va(ctx, pdx);
	return true;
}

static void probe_group(struct verify *v, struct gaps *gp, uint64_t g)
{
	uint64_t va;

	if (!group_va(v->ctx, g, &va))
		return;
	gp->probes++;
	if (ft_chunk_of_va(v->ctx, va) >= 0) {
		fail(v, "hole group inside a chunk (group)", g);
		return;
	}
	if (!fault_probe_faults(va)) {
		fail(v, "hole descriptor readable (va)", va);
		return;
	}
	gp->faulted++;
	gaps_frames_invalid(v->ctx, gp, va, 1);
}

static void check_holes(struct verify *v)
{
	const struct ft_ctx *ctx = v->ctx;
	struct gaps gp = {
		.faults = fault_probe_faults, .bad = bad_cb, .arg = v};
	uint64_t z, end = ctx->group_first + ctx->nr_groups, groups;

	if (ctx->group_first)
		probe_group(v, &gp, ctx->group_first - 1);
	for (uint64_t g = ctx->group_first;
	     (z = ft_group_next_hole(ctx, g)) < end; g = z + 1)
		probe_group(v, &gp, z);
	probe_group(v, &gp, end);
	groups = gp.probes;
	gaps_probe(ctx, &gp);
	uart_puts("unmapped gaps probed: ");
	uart_put_dec(gp.gaps);
	uart_puts(" (");
	uart_put_dec(gp.probes - groups);
	uart_puts(" pages: first, middle, last), hole groups probed: ");
	uart_put_dec(groups);
	uart_puts(", frames there not mfn_valid: ");
	uart_put_dec(gp.frames);
	uart_putc('\n');
	uart_puts("holes fault: ");
	uart_put_dec(gp.faulted);
	uart_putc('/');
	uart_put_dec(gp.probes);
	uart_putc('\n');
}

struct leaf_count {
	struct verify *v;
	uint64_t leaves, contig;
};

static int check_leaves(void *arg, const struct ft_mapping *m)
{
	struct leaf_count *lc = arg;
	const struct ft_arch *arch = lc->v->ctx->arch;
	uint64_t bad;
	int64_t n = pt_check_mapping(arch, m->va, m->pa, m->size * m->count,
				     m->size_class, &bad);

	if (n < 0) {
		fail(lc->v, "page-table leaf differs from the plan (va)", bad);
		return 0;
	}
	lc->leaves += (uint64_t)n;
	if (arch->sizes[m->size_class].contig)
		lc->contig += (uint64_t)n;
	return 0;
}

/* A leaf the walk found: it must lie inside one chunk's VA. */
static void leaf_in_chunk(void *arg, uint64_t va, uint64_t size)
{
	struct verify *v = arg;
	int c = ft_chunk_of_va(v->ctx, va);

	if (c < 0 || size > v->ctx->st.chunks[c].va_end - va)
		fail(v, "leaf outside every chunk (va)", va);
}

/* arm64's own: the plan's entries read back through pt.c, then every
 * entry of the window judged by ptcheck.c. */
static void check_tables(struct verify *v)
{
	const struct ft_arch *a = v->ctx->arch;
	struct leaf_count lc = {v, 0, 0};
	struct ptcheck pc = {.leaf = leaf_in_chunk, .bad = bad_cb, .arg = v};

	ft_for_each_mapping(v->ctx, check_leaves, &lc);
	uart_puts("leaf entries match the plan: ");
	uart_put_dec(lc.leaves);
	uart_puts(" (contiguous bit: ");
	uart_put_dec(lc.contig);
	uart_puts(")\n");
	if (!ptcheck_walk(&pc, a->window_base, a->window_size)) {
		fail(v, "TCR_EL2 names no granule (tcr)", 0);
		return;
	}
	if (pc.leaves != lc.leaves)
		fail(v, "leaves in the window not the plan's (count)",
		     pc.leaves);
	uart_puts("leaf entries obey the architecture: ");
	uart_put_dec(pc.leaves);
	uart_puts(" (contiguous runs: ");
	uart_put_dec(pc.contig_runs);
	uart_puts("; granule 2^");
	uart_put_dec(pc.granule_shift);
	uart_puts(", walk from level ");
	uart_put_dec(pc.first_level);
	uart_puts(")\n");
}

const char *verify_frametable(const struct ft_ctx *ctx)
{
	struct verify v = {ctx, NULL, 0};

	if (ctx->state != FT_STATE_APPLIED || ctx->params.desc_size % 8)
		return "not applied, or descriptors not 8-byte multiples";
	check_tables(&v);
	check_filled(&v);
	check_ram(&v);
	check_ghosts(&v);
	check_slack(&v);
	check_holes(&v);
	return v.failed;
}
