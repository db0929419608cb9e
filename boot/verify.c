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
 * A wrong mapping that faults unexpectedly ends the run in the port's
 * fault handler.
 *
 * The port lends the table walk, the lookup and the fault probe
 * (boot-arch.h); everything else is the library's conversions.
 */
#include "verify.h"
#include "console.h"
#include "gaps.h"

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
	boot_puts("FT-CHECK: ");
	boot_puts(what);
	boot_puts(" at ");
	boot_put_hex(where);
	boot_putc('\n');
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
		boot_puts("bank ");
		boot_put_dec(i);
		boot_puts(": base=");
		boot_put_hex(b->base);
		boot_puts(" size=");
		boot_put_hex(b->size);
		boot_puts(" frames=");
		boot_put_dec(bank_frames(ctx, b));
		boot_puts(" checked=");
		boot_put_dec(n);
		boot_puts(" stride=");
		boot_put_dec(stride);
		boot_putc('\n');
		checked += n;
		if (stride > max_stride)
			max_stride = stride;
	}
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		for_each_sampled(v, b, bank_stride(bank_frames(ctx, b)),
				 ram_read_back);
	}
	boot_puts("ram descriptors checked: ");
	boot_put_dec(checked);
	boot_puts(" (stride ");
	boot_put_dec(max_stride);
	boot_puts(")\n");
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
	boot_puts("ghost descriptors zero: ");
	boot_put_dec(checked);
	boot_puts(" (of ");
	boot_put_dec(total);
	boot_puts(")\n");
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
	boot_puts("descriptor bytes zero: ");
	boot_put_dec(bytes);
	boot_puts(" (every descriptor of every chunk)\n");
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
	boot_puts("slack bytes poisoned: ");
	boot_put_dec(bytes);
	boot_putc('\n');
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
	if (!boot_faults(va)) {
		fail(v, "hole descriptor readable (va)", va);
		return;
	}
	gp->faulted++;
	gaps_frames_invalid(v->ctx, gp, va, 1);
}

static void check_holes(struct verify *v)
{
	const struct ft_ctx *ctx = v->ctx;
	struct gaps gp = {.faults = boot_faults, .bad = bad_cb, .arg = v};
	uint64_t z, end = ctx->group_first + ctx->nr_groups, groups;

	if (ctx->group_first)
		probe_group(v, &gp, ctx->group_first - 1);
	for (uint64_t g = ctx->group_first;
	     (z = ft_group_next_hole(ctx, g)) < end; g = z + 1)
		probe_group(v, &gp, z);
	probe_group(v, &gp, end);
	groups = gp.probes;
	gaps_probe(ctx, &gp);
	boot_puts("unmapped gaps probed: ");
	boot_put_dec(gp.gaps);
	boot_puts(" (");
	boot_put_dec(gp.probes - groups);
	boot_puts(" pages: first, middle, last), hole groups probed: ");
	boot_put_dec(groups);
	boot_puts(", frames there not mfn_valid: ");
	boot_put_dec(gp.frames);
	boot_putc('\n');
	boot_puts("holes fault: ");
	boot_put_dec(gp.faulted);
	boot_putc('/');
	boot_put_dec(gp.probes);
	boot_putc('\n');
}

struct leaf_count {
	struct verify *v;
	uint64_t leaves, contig;
};

/* Every entry of one run of the plan, looked up in the live tables: a
 * leaf of the class's entry size, at the planned output address, with
 * the bits the port's mapper gives the class. */
static int check_leaves(void *arg, const struct ft_mapping *m)
{
	struct leaf_count *lc = arg;
	const struct ft_map_size *sz = &lc->v->ctx->arch->sizes[m->size_class];
	uint64_t entry = sz->contig ? sz->size / sz->contig : sz->size;
	uint64_t n = m->size * m->count / entry;
	struct boot_leaf leaf;

	for (uint64_t k = 0; k < n; k++) {
		uint64_t off = k * entry;
		if (!boot_port->lookup(m->va + off, &leaf) ||
		    leaf.pa != m->pa + off || leaf.size != entry ||
		    leaf.size_class != (int)m->size_class) {
			fail(lc->v,
			     "page-table leaf differs from the plan (va)",
			     m->va + off);
			return 0;
		}
	}
	lc->leaves += n;
	if (sz->contig)
		lc->contig += n;
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

/* The plan's entries read back through the port's lookup (which shares
 * the mapper's idea of the bits, so it proves the plan was carried out),
 * then every entry of the window judged by the port's walk of the live
 * tables by the architecture's rules (which proves the bits are right). */
static void check_tables(struct verify *v)
{
	const struct ft_arch *a = v->ctx->arch;
	struct leaf_count lc = {v, 0, 0};
	struct boot_walk w = {.leaf = leaf_in_chunk, .bad = bad_cb, .arg = v};
	uint64_t va = a->window_base, len = a->window_size;

	ft_for_each_mapping(v->ctx, check_leaves, &lc);
	boot_puts("leaf entries match the plan: ");
	boot_put_dec(lc.leaves);
	boot_puts(" (contiguous bit: ");
	boot_put_dec(lc.contig);
	boot_puts(")\n");
	if (a->identity && v->ctx->nr_chunks) {
		/* No window: the walk judges the table's own range. */
		va = v->ctx->st.chunks[0].va_start;
		len = v->ctx->st.chunks[v->ctx->nr_chunks - 1].va_end - va;
	}
	if (!boot_port->check_tables(&w, va, len)) {
		fail(v,
		     "the table walk could not start (translation "
		     "registers)",
		     0);
		return;
	}
	if (w.leaves != lc.leaves)
		fail(v, "leaves in the window not the plan's (count)",
		     w.leaves);
	boot_puts("leaf entries obey the architecture: ");
	boot_put_dec(w.leaves);
	boot_puts(" (contiguous runs: ");
	boot_put_dec(w.contig_runs);
	boot_puts("; granule 2^");
	boot_put_dec(w.granule_shift);
	boot_puts(", walk from level ");
	boot_put_dec(w.first_level);
	boot_puts(")\n");
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
