/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The planner: from validated banks and a PDX translation to chunks of
 * descriptor VA, each with the PA congruence it wants.
 *
 * Descriptor VAs are linear in the PDX (va = window_base + (pdx - base_pdx)
 * * desc_size) so conversions stay O(1). What the planner chooses is:
 *   - base_pdx, the PDX of the descriptor at the window's start. It shifts
 *     every descriptor's VA by the same amount, so choosing it puts the
 *     descriptors of a large bank on a large-block boundary;
 *   - the group order: holes are skipped at group granularity and every
 *     hole group stays unmapped;
 *   - the chunk edges inside each run of valid groups: trimmed to the pages
 *     holding RAM descriptors, optionally widened to a mapping size (never
 *     past the run, so never into a hole group or another chunk), widened
 *     chunk by chunk to whatever size needs the fewest TLB entries, or the
 *     whole run as Xen's upstream layout maps it.
 * Each combination is a candidate; its bytes and TLB entries are counted
 * arithmetically (PA assumed congruent to VA, which ft_place() then asks
 * of the allocator) and the policy picks one:
 *   min-memory  fewest bytes, then fewest TLB entries;
 *   min-tlb     fewest TLB entries, then fewest bytes;
 *   default     fewest bytes among the candidates that use no more bytes
 *               and no more TLB entries than the upstream-shaped candidate
 *               (Xen's init_frametable: groups of 2 MiB / (D & -D) frames,
 *               base rounded down to a group, whole runs of valid groups,
 *               the last one ending at max_pdx). That candidate is always
 *               in the set, so the default never loses to upstream.
 * With --pdx auto the whole search runs once per PDX scheme (none, mask,
 * offset) and the policy's order picks among the schemes' best plans; the
 * default is then also bounded by upstream's shape with mask PDX, Xen/Arm's
 * own layout (choose_plan()). No plan in the window: FT_ERR_WINDOW; plans
 * in the window, but each with a chunk no bank can hold (a chunk is one
 * allocation): FT_ERR_CHUNK_TOO_BIG.
 * Identity arches (MPU) have one candidate: one chunk from the first to the
 * last RAM descriptor, with the PDX of the smallest span.
 */
#include "pdx-internal.h"
#include "plan-internal.h"

/* EDGE_TRIM rounds to the first this many mapping sizes only. */
#define PLAN_TRIM_SIZES 4

enum edge_mode {
	EDGE_TRIM,  /* RAM descriptors' pages, widened to round */
	EDGE_WHOLE, /* whole runs of valid groups; the last ends at max_pdx */
	EDGE_MIXED, /* per run: the fewest bytes not worse than upstream's */
	EDGE_FIT,   /* per chunk: widened to the size that needs fewest TLB */
};

struct candidate {
	unsigned order;
	uint64_t base_pdx;
	enum edge_mode edge;
	uint64_t round;	   /* EDGE_TRIM: power of two >= page */
	uint64_t ref_base; /* EDGE_MIXED: the upstream-shaped base */
	unsigned strategy; /* FT_PLAN_* bits: its edge, order and base */
	/* Figures, filled by evaluate(). */
	bool fits;
	uint64_t bytes, tlb, chunks;
	/* In the window, but a chunk larger than any bank: its size. */
	uint64_t oversize;
};

/* Receives chunks in VA order. */
struct chunk_sink {
	struct ft_ctx *ctx;
	const struct candidate *cand;
	bool store;
	int rc;
	uint64_t bytes, tlb, chunks, va_limit;
	bool fits;
	/* A chunk is one allocation: one larger than the largest bank could
	 * never be placed, however the planner likes it. */
	uint64_t chunk_limit;
	/* Why a layout does not fit: a chunk past the window's end, and the
	 * largest chunk (against chunk_limit). */
	bool over_window;
	uint64_t biggest;
	/* The first chunk's start and the last one's end (VA). */
	uint64_t first_va, last_va_end;
};

/* Saturates: the end of a run of large groups can lie past the top of
 * the address space (a window near 2^64, found by fuzzing); clipping
 * against a wrapped value would make a chunk end below its start. */
static uint64_t pdx_va(const struct ft_ctx *ctx, const struct candidate *cand,
		       uint64_t pdx)
{
	uint64_t w = ctx->arch->window_base, d = ctx->params.desc_size;
	uint64_t off = pdx - cand->base_pdx;

	if (off > (UINT64_MAX - w) / d)
		return UINT64_MAX;
	return w + off * d;
}

/* Saturates to UINT64_MAX, which no window reaches (window_end): an edge
 * rounded past 2^64 makes its chunk not fit. Rounding it down instead
 * clipped the chunk below its own descriptors and left RAM unmapped. */
static uint64_t sat_round_up(uint64_t x, uint64_t a)
{
	return x > UINT64_MAX - (a - 1) ? UINT64_MAX : ft_round_up(x, a);
}

static void sink_chunk(struct chunk_sink *s, uint64_t va_s, uint64_t va_e)
{
	struct ft_ctx *ctx = s->ctx;
	uint64_t align = ft_best_align(ctx->arch, va_s, va_e);

	/* An edge saturated past 2^64 is above every limit; an empty or
	 * inverted chunk is what clipping such an edge would leave. */
	if (va_e > s->va_limit || va_e <= va_s)
		s->over_window = true;
	else
		s->biggest = ft_max64(s->biggest, va_e - va_s);
	if (va_e > s->va_limit || va_e <= va_s || va_e - va_s > s->chunk_limit)
		s->fits = false;
	s->bytes += va_e - va_s;
	if (!s->chunks)
		s->first_va = va_s;
	s->last_va_end = va_e;
	s->chunks++;
	if (!s->store) {
		s->tlb += ft_cut_mappings(ctx->arch, va_s, va_e, align, NULL,
					  NULL);
		return;
	}
	if (s->rc)
		return;
	if (ctx->nr_chunks >= ctx->st.max_chunks) {
		ctx->err.need = ctx->nr_chunks + 1;
		ctx->err.have = ctx->st.max_chunks;
		s->rc = ft_fail(ctx, FT_ERR_TOOMANYCHUNKS, (int)ctx->nr_chunks,
				va_s, va_e - va_s);
		return;
	}
	struct ft_chunk *c = &ctx->st.chunks[ctx->nr_chunks++];
	uint64_t d = ctx->params.desc_size;
	uint64_t off_s = va_s - ctx->window_base,
		 off_e = va_e - ctx->window_base;
	c->va_start = va_s;
	c->va_end = va_e;
	c->pdx_start = s->cand->base_pdx + off_s / d + (off_s % d != 0);
	c->pdx_end = s->cand->base_pdx + off_e / d;
	c->pa = FT_PA_NONE;
	c->pa_align = align;
}

/*
 * The chunks of one run of valid groups [r_s, r_e) (PDX), whose banks are
 * *cursor onwards. Advances *cursor past them.
 */
static void region_chunks(struct chunk_sink *s, uint64_t r_s, uint64_t r_e,
			  unsigned *cursor);

/* Bytes and TLB entries of one run of valid groups under cand. */
static void region_figures(struct ft_ctx *ctx, const struct candidate *cand,
			   uint64_t r_s, uint64_t r_e, unsigned cursor,
			   uint64_t va_limit, uint64_t chunk_limit,
			   uint64_t *bytes, uint64_t *tlb, bool *fits)
{
	struct chunk_sink t = {.ctx = ctx,
			       .cand = cand,
			       .va_limit = va_limit,
			       .fits = true,
			       .chunk_limit = chunk_limit};

	region_chunks(&t, r_s, r_e, &cursor);
	*bytes = t.bytes;
	*tlb = t.tlb;
	*fits = t.fits;
}

/*
 * EDGE_MIXED: each run of valid groups takes, of the whole run and the
 * trimmed-and-widened shapes, the one with the fewest bytes among those
 * that use no more bytes and no more TLB entries than the run as Xen's
 * upstream layout maps it (at the upstream base). Both figures add up over
 * runs, so the plan as a whole is never worse than upstream either, and a
 * board gets the small shape wherever it costs no TLB entries.
 */
static void mixed_region(struct chunk_sink *s, uint64_t r_s, uint64_t r_e,
			 unsigned *cursor)
{
	const struct candidate *cand = s->cand;
	const struct ft_arch *arch = s->ctx->arch;
	struct candidate ref = *cand, opt = *cand, best = *cand;
	uint64_t ref_bytes, ref_tlb, b, t, best_bytes = UINT64_MAX,
					   best_tlb = 0;
	bool fits, found = false;

	ref.base_pdx = cand->ref_base;
	ref.edge = EDGE_WHOLE;
	if (r_s < ref.base_pdx) {
		s->fits = false;
		return;
	}
	region_figures(s->ctx, &ref, r_s, r_e, *cursor, UINT64_MAX, UINT64_MAX,
		       &ref_bytes, &ref_tlb, &fits);
	for (unsigned k = 0; k <= arch->nr_sizes + 1; k++) {
		opt.edge = k == arch->nr_sizes	     ? EDGE_WHOLE
			   : k == arch->nr_sizes + 1 ? EDGE_FIT
						     : EDGE_TRIM;
		opt.round = k < arch->nr_sizes ? arch->sizes[k].size : 0;
		region_figures(s->ctx, &opt, r_s, r_e, *cursor, s->va_limit,
			       s->chunk_limit, &b, &t, &fits);
		if (!fits || b > ref_bytes || t > ref_tlb)
			continue;
		if (!found || b < best_bytes ||
		    (b == best_bytes && t < best_tlb)) {
			best = opt;
			best_bytes = b;
			best_tlb = t;
			found = true;
		}
	}
	if (!found) {
		s->fits = false;
		best.edge = EDGE_WHOLE; /* keep the walk going */
	}
	s->cand = &best;
	region_chunks(s, r_s, r_e, cursor);
	s->cand = cand;
}

/*
 * EDGE_FIT: the RAM descriptors' pages [rs, re), widened on each side to
 * whichever mapping size gives the fewest TLB entries (then the fewest
 * bytes), within [l, r): never into the previous chunk, the next one's
 * pages or outside the run of valid groups. A 2 GiB bank rounded to a
 * 32 MiB contiguous run next to a 256 KiB bank kept to its one page is
 * the kind of plan neither uniform rounding finds.
 */
static uint64_t fit_chunk(struct chunk_sink *s, uint64_t l, uint64_t r,
			  uint64_t rs, uint64_t re)
{
	const struct ft_arch *arch = s->ctx->arch;
	uint64_t best_a = rs, best_b = re;
	uint64_t best_t = ft_cut_mappings(
		arch, rs, re, ft_best_align(arch, rs, re), NULL, NULL);

	for (unsigned k = 1; k < arch->nr_sizes; k++) {
		uint64_t sz = arch->sizes[k].size;
		uint64_t a = ft_max64(l, ft_round_down(rs, sz));
		uint64_t b = ft_min64(r, sat_round_up(re, sz));
		if (b > s->va_limit)
			continue; /* never widened past the window */
		uint64_t t = ft_cut_mappings(
			arch, a, b, ft_best_align(arch, a, b), NULL, NULL);
		if (t < best_t || (t == best_t && b - a < best_b - best_a)) {
			best_a = a;
			best_b = b;
			best_t = t;
		}
	}
	sink_chunk(s, best_a, best_b);
	return best_b;
}

static void region_chunks(struct chunk_sink *s, uint64_t r_s, uint64_t r_e,
			  unsigned *cursor)
{
	struct ft_ctx *ctx = s->ctx;
	const struct candidate *cand = s->cand;
	uint64_t page = UINT64_C(1) << ctx->arch->page_shift;
	uint64_t lo = pdx_va(ctx, cand, ft_max64(r_s, cand->base_pdx));
	uint64_t hi = pdx_va(ctx, cand, r_e);
	uint64_t cur_s = 0, cur_e = 0, ps, pe;
	bool open = false;

	if (cand->edge == EDGE_MIXED) {
		mixed_region(s, r_s, r_e, cursor);
		return;
	}
	if (cand->edge == EDGE_WHOLE) {
		uint64_t end = r_e > ctx->max_pdx ? ctx->max_pdx : r_e;
		while (*cursor < ctx->nr_banks) {
			ft_bank_pdx_range(ctx, *cursor, &ps, &pe);
			if (ps >= r_e)
				break;
			(*cursor)++;
		}
		sink_chunk(s, lo, sat_round_up(pdx_va(ctx, cand, end), page));
		return;
	}
	bool fit = cand->edge == EDGE_FIT;
	uint64_t round = fit ? page : cand->round, left = lo;
	while (*cursor < ctx->nr_banks) {
		ft_bank_pdx_range(ctx, *cursor, &ps, &pe);
		if (ps >= r_e)
			break;
		(*cursor)++;
		uint64_t a = ft_round_down(pdx_va(ctx, cand, ps), round);
		uint64_t b = sat_round_up(pdx_va(ctx, cand, pe), round);
		a = ft_max64(a, lo);
		b = ft_min64(b, hi);
		if (open && a <= cur_e) {
			cur_e = ft_max64(cur_e, b);
			continue;
		}
		/* A fitted chunk stops a page short of the next RAM pages,
		 * so chunks never touch. */
		if (open && fit)
			left = fit_chunk(s, left, a - page, cur_s, cur_e) +
			       page;
		else if (open)
			sink_chunk(s, cur_s, cur_e);
		cur_s = a;
		cur_e = b;
		open = true;
	}
	if (open && fit)
		fit_chunk(s, left, hi, cur_s, cur_e);
	else if (open)
		sink_chunk(s, cur_s, cur_e);
}

/* Runs of valid groups straight from the banks: same runs as the bitmap,
 * without building one per candidate. */
static void layout_from_banks(struct chunk_sink *s)
{
	struct ft_ctx *ctx = s->ctx;
	unsigned order = s->cand->order, i = 0, cursor = 0;
	uint64_t ps, pe;

	while (i < ctx->nr_banks) {
		ft_bank_pdx_range(ctx, i, &ps, &pe);
		uint64_t g_s = ps >> order, g_e = ((pe - 1) >> order) + 1;
		for (i++; i < ctx->nr_banks; i++) {
			ft_bank_pdx_range(ctx, i, &ps, &pe);
			if ((ps >> order) > g_e)
				break;
			g_e = ((pe - 1) >> order) + 1;
		}
		region_chunks(s, g_s << order, g_e << order, &cursor);
	}
}

/* Runs of valid groups from the bitmap: the plan that is kept. */
static void layout_from_bitmap(struct chunk_sink *s)
{
	struct ft_ctx *ctx = s->ctx;
	unsigned order = ctx->group_order, cursor = 0;
	uint64_t end = ctx->group_first + ctx->nr_groups, g = ctx->group_first;

	for (;;) {
		uint64_t b = ft_group_next_valid(ctx, g);
		if (b >= end)
			break;
		uint64_t e = ft_group_next_hole(ctx, b);
		region_chunks(s, b << order, e << order, &cursor);
		g = e;
	}
}

/* The highest chunk end the window allows, a page boundary. ft_init()
 * refuses a window that wraps; one that ends at 2^64 exactly ends, for
 * chunks, at its last page (a chunk's end is exclusive and 2^64 is no
 * uint64_t), so an edge saturated to UINT64_MAX never passes. */
static uint64_t window_end(const struct ft_ctx *ctx)
{
	const struct ft_arch *a = ctx->arch;
	uint64_t page = UINT64_C(1) << a->page_shift;
	uint64_t end = a->window_size > UINT64_MAX - a->window_base
			       ? UINT64_MAX
			       : a->window_base + a->window_size;

	return ft_round_down(end, page);
}

/* chunk_limit: the largest bank's size, found once by ft_plan(). */
static void evaluate(struct ft_ctx *ctx, struct candidate *cand,
		     uint64_t chunk_limit)
{
	struct chunk_sink s = {.ctx = ctx,
			       .cand = cand,
			       .va_limit = window_end(ctx),
			       .fits = true,
			       .chunk_limit = chunk_limit};
	uint64_t first, pe;

	ft_bank_pdx_range(ctx, 0, &first, &pe);
	/* Cheap pre-check, also guarding the multiplications below. */
	cand->oversize = 0;
	cand->fits = cand->base_pdx <= first &&
		     ctx->max_pdx - cand->base_pdx <=
			     ctx->arch->window_size / ctx->params.desc_size;
	if (!cand->fits)
		return;
	layout_from_banks(&s);
	cand->fits = s.fits;
	cand->oversize = !s.fits && !s.over_window && s.biggest > chunk_limit
				 ? s.biggest
				 : 0;
	cand->bytes = s.bytes;
	cand->tlb = s.tlb;
	cand->chunks = s.chunks;
}

/* The layouts the default policy must not exceed in bytes or TLB entries:
 * upstream's shape with the PDX being searched, and, when "auto" weighs
 * several PDX schemes, upstream's shape with Xen/Arm's own PDX (mask). A
 * reference that does not fit its window constrains nothing. Also what a
 * failed search reports: the smallest oversize chunk of the layouts that
 * fit the window (0: none did). */
struct plan_refs {
	const struct candidate *own, *arm;
	uint64_t *oversize;
};

static bool within(const struct candidate *a, const struct candidate *ref)
{
	return !ref || !ref->fits ||
	       (a->bytes <= ref->bytes && a->tlb <= ref->tlb);
}

/* The policy's order between two fitting plans: is a strictly better? */
static bool policy_prefers(const struct ft_ctx *ctx, const struct candidate *a,
			   const struct candidate *b)
{
	if (ctx->params.policy == FT_POLICY_MIN_TLB) {
		if (a->tlb != b->tlb)
			return a->tlb < b->tlb;
		return a->bytes < b->bytes;
	}
	if (a->bytes != b->bytes)
		return a->bytes < b->bytes;
	return a->tlb < b->tlb;
}

static bool better(const struct ft_ctx *ctx, const struct candidate *a,
		   const struct candidate *b, const struct plan_refs *refs)
{
	if (!a->fits)
		return false;
	if (ctx->params.policy == FT_POLICY_DEFAULT &&
	    (!within(a, refs->own) || !within(a, refs->arm)))
		return false;
	return !b->fits || policy_prefers(ctx, a, b);
}

/* The upstream group order: a level-2 block's worth of descriptors per
 * group, i.e. log2(L2 / (desc_size & -desc_size)). */
static unsigned upstream_order(const struct ft_arch *arch, uint32_t desc_size,
			       unsigned fine)
{
	for (unsigned i = 0; i < arch->nr_sizes; i++) {
		const struct ft_map_size *m = &arch->sizes[i];
		if (!m->contig && arch->nr_levels >= 2 &&
		    m->level == arch->nr_levels - 2) {
			unsigned o = ft_msb64(m->size) - ft_ctz64(desc_size);
			return o > fine ? o : fine;
		}
	}
	return fine;
}

/* The base that puts PDX ps's descriptor on a multiple of size in VA, as
 * close below first as possible, keeping base a multiple of 2^fine.
 * Returns false when no such base exists. */
static bool aligning_base(uint64_t ps, uint64_t first, uint64_t size,
			  uint32_t desc_size, unsigned fine, uint64_t *base)
{
	unsigned tz = ft_ctz64(desc_size);
	unsigned sz_order = ft_msb64(size);
	uint64_t modulus = sz_order > tz ? UINT64_C(1) << (sz_order - tz) : 1;
	uint64_t fine_mod = UINT64_C(1) << fine;

	if (ps & (fine_mod - 1))
		return false;
	modulus = ft_max64(modulus, fine_mod);
	uint64_t back = ft_round_up(ps - first, modulus);
	if (back > ps)
		return false;
	*base = ps - back;
	return true;
}

/* The largest range of a bank that no reserved range touches: what one
 * allocation of the boot allocator can get at most. Reserved ranges are
 * sorted and merged by then. */
static uint64_t largest_free(const struct ft_ctx *ctx)
{
	uint64_t best = 0;

	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t cur = b->base, end = b->base + b->size;
		for (unsigned r = 0; r < ctx->nr_reserved && cur < end; r++) {
			const struct ft_bank *rv = &ctx->st.reserved[r];
			uint64_t rs = rv->base, re = rv->base + rv->size;
			if (re <= cur || rs >= end)
				continue;
			if (rs > cur)
				best = ft_max64(best, rs - cur);
			cur = ft_max64(cur, re);
		}
		if (end > cur)
			best = ft_max64(best, end - cur);
	}
	return best;
}

static int plan_identity(struct ft_ctx *ctx, uint64_t first)
{
	uint64_t page = UINT64_C(1) << ctx->arch->page_shift;
	uint64_t d = ctx->params.desc_size;
	uint64_t span = ctx->max_pdx - first;

	ctx->base_pdx = first;
	ctx->window_base = 0;
	if (ctx->arch->regions && ctx->nr_banks + 2u > ctx->arch->regions) {
		ctx->err.need = ctx->nr_banks + 2u;
		ctx->err.have = ctx->arch->regions;
		return ft_fail(ctx, FT_ERR_REGIONS, -1, 0, 0);
	}
	if (span > (UINT64_MAX - page) / d ||
	    (ctx->arch->window_size &&
	     ft_round_up(span * d, page) > ctx->arch->window_size)) {
		ctx->err.need = span > (UINT64_MAX - page) / d
					? UINT64_MAX
					: ft_round_up(span * d, page);
		ctx->err.have = ctx->arch->window_size;
		return ft_fail(ctx, FT_ERR_WINDOW, -1, 0, 0);
	}
	/* One allocation: the table must fit in the largest free range. */
	if (ft_round_up(span * d, page) > largest_free(ctx)) {
		ctx->err.need = ft_round_up(span * d, page);
		ctx->err.have = largest_free(ctx);
		return ft_fail(ctx, FT_ERR_CHUNK_TOO_BIG, -1, 0, 0);
	}
	ctx->group_order = ctx->params.group_order >= 0
				   ? (unsigned)ctx->params.group_order
				   : ft_derived_group_order(
					     ctx->arch, ctx->params.desc_size);
	int rc = ft_groups_build(ctx);
	if (rc)
		return rc;
	struct ft_chunk *c = &ctx->st.chunks[0];
	c->va_start = 0;
	c->va_end = ft_round_up(span * d, page);
	c->pdx_start = first;
	c->pdx_end = first + c->va_end / d;
	c->pa = FT_PA_NONE;
	c->pa_align = page;
	ctx->nr_chunks = 1;
	return 0;
}

static void consider(struct ft_ctx *ctx, struct candidate *cand,
		     struct candidate *best, const struct plan_refs *refs,
		     uint64_t chunk_limit)
{
	evaluate(ctx, cand, chunk_limit);
	if (cand->oversize &&
	    (!*refs->oversize || cand->oversize < *refs->oversize))
		*refs->oversize = cand->oversize;
	if (better(ctx, cand, best, refs))
		*best = *cand;
}

/* Group orders the search uses: fine (page-filling groups) and coarse
 * (upstream's), equal when the caller fixed the order. */
struct plan_orders {
	unsigned fine, coarse;
};

/* Set ctx->max_pdx for the PDX in ctx->pdx; returns the first RAM PDX. */
static uint64_t pdx_extent(struct ft_ctx *ctx)
{
	uint64_t first, pe;

	ft_bank_pdx_range(ctx, 0, &first, &pe);
	ft_bank_pdx_range(ctx, ctx->nr_banks - 1, &pe, &ctx->max_pdx);
	return first;
}

/* Xen's init_frametable shape for the PDX in ctx->pdx. */
static struct candidate upstream_shape(struct ft_ctx *ctx,
				       const struct plan_orders *o,
				       uint64_t chunk_limit)
{
	uint64_t first = pdx_extent(ctx);
	struct candidate ref = {
		.order = o->coarse,
		.base_pdx = ft_round_down(first, UINT64_C(1) << o->coarse),
		.edge = EDGE_WHOLE,
		.strategy = FT_PLAN_EDGE_WHOLE | FT_PLAN_ORDER_COARSE |
			    FT_PLAN_BASE_GROUP,
	};

	ref.ref_base = ref.base_pdx;
	evaluate(ctx, &ref, chunk_limit);
	return ref;
}

/*
 * The best plan for the PDX in ctx->pdx under the policy: every group
 * order, base and edge mode below, against upstream's shape (and arm_ref,
 * when several PDX schemes are weighed).
 */
static struct candidate search_plans(struct ft_ctx *ctx,
				     const struct plan_orders *o,
				     uint64_t chunk_limit,
				     const struct candidate *arm_ref,
				     uint64_t *oversize)
{
	const struct ft_arch *arch = ctx->arch;
	uint64_t big_ps = 0, big_len = 0;
	struct candidate ref = upstream_shape(ctx, o, chunk_limit), cand;
	struct candidate best = ref;
	struct plan_refs refs = {&ref, arm_ref, oversize};
	uint64_t first = pdx_extent(ctx);

	best.fits = false;
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		uint64_t s, e;
		ft_bank_pdx_range(ctx, i, &s, &e);
		if (e - s > big_len) {
			big_len = e - s;
			big_ps = s;
		}
	}
	unsigned use =
		ctx->params.strategies ? ctx->params.strategies : FT_PLAN_ALL;
	const unsigned order_bit[2] = {FT_PLAN_ORDER_FINE,
				       FT_PLAN_ORDER_COARSE};
	unsigned orders[2] = {o->fine, o->coarse};
	for (unsigned oi = 0; oi < 2; oi++) {
		/* With one order (fixed by the caller), either bit takes it. */
		if (oi == 1 && o->coarse == o->fine)
			break;
		if (o->coarse == o->fine ? !(use & (FT_PLAN_ORDER_FINE |
						    FT_PLAN_ORDER_COARSE))
					 : !(use & order_bit[oi]))
			continue;
		uint64_t bases[2 + FT_MAX_MAP_SIZES];
		unsigned base_kind[2 + FT_MAX_MAP_SIZES];
		unsigned nb = 0;
		if (use & FT_PLAN_BASE_GROUP) {
			base_kind[nb] = FT_PLAN_BASE_GROUP;
			bases[nb++] =
				ft_round_down(first, UINT64_C(1) << orders[oi]);
		}
		/* At the fine order both rules give the same base. */
		if ((use & FT_PLAN_BASE_FINE) &&
		    !(orders[oi] == o->fine && (use & FT_PLAN_BASE_GROUP))) {
			base_kind[nb] = FT_PLAN_BASE_FINE;
			bases[nb++] =
				ft_round_down(first, UINT64_C(1) << o->fine);
		}
		for (unsigned k = 1;
		     (use & FT_PLAN_BASE_ALIGNED) && k < arch->nr_sizes; k++) {
			base_kind[nb] = FT_PLAN_BASE_ALIGNED;
			if (aligning_base(big_ps, first, arch->sizes[k].size,
					  ctx->params.desc_size, o->fine,
					  &bases[nb]))
				nb++;
		}
		for (unsigned bi = 0; bi < nb; bi++) {
			unsigned kind = order_bit[oi] | base_kind[bi];
			cand.order = orders[oi];
			cand.base_pdx = bases[bi];
			cand.ref_base = ref.base_pdx;
			cand.round = 0;
			if (use & FT_PLAN_EDGE_WHOLE) {
				cand.edge = EDGE_WHOLE;
				cand.strategy = kind | FT_PLAN_EDGE_WHOLE;
				consider(ctx, &cand, &best, &refs, chunk_limit);
			}
			if ((use & FT_PLAN_EDGE_MIXED) &&
			    orders[oi] == o->coarse &&
			    ctx->params.policy == FT_POLICY_DEFAULT) {
				cand.edge = EDGE_MIXED;
				cand.strategy = kind | FT_PLAN_EDGE_MIXED;
				consider(ctx, &cand, &best, &refs, chunk_limit);
			}
			/* Uniform rounding to the large sizes never won, on
			 * the boards or on random maps (make bench): it swells
			 * every small chunk, and EDGE_FIT already widens each
			 * chunk to a large size where that pays. */
			for (unsigned k = 0;
			     (use & FT_PLAN_EDGE_TRIM) && k < arch->nr_sizes &&
			     k < PLAN_TRIM_SIZES;
			     k++) {
				cand.edge = EDGE_TRIM;
				cand.round = arch->sizes[k].size;
				cand.strategy = kind | FT_PLAN_EDGE_TRIM;
				consider(ctx, &cand, &best, &refs, chunk_limit);
			}
			if (use & FT_PLAN_EDGE_FIT) {
				cand.edge = EDGE_FIT;
				cand.round = 0;
				cand.strategy = kind | FT_PLAN_EDGE_FIT;
				consider(ctx, &cand, &best, &refs, chunk_limit);
			}
		}
	}
	return best;
}

static int setup_pdx(struct ft_ctx *ctx, enum ft_pdx_mode mode)
{
	return ft_pdx_setup_for(&ctx->pdx, mode, ctx->params.pdx_offset_slots,
				ctx->st.banks, ctx->nr_banks,
				ctx->arch->page_shift, ctx->arch->identity);
}

/*
 * "auto" weighs every PDX scheme by the plan it gives, not by its span:
 * once several fit the window, the descriptor VAs, and so the alignment of
 * large blocks, differ from one scheme to the next. Mask's upstream shape
 * is computed first: it is Xen/Arm's own layout, which the default policy
 * must not exceed whatever scheme it ends up with. Ties go to the simpler
 * scheme (none, mask, offset). A mask with no hole is none, and skipped.
 */
static int choose_plan(struct ft_ctx *ctx, const struct plan_orders *o,
		       uint64_t chunk_limit, enum ft_pdx_mode *mode_out,
		       struct candidate *best_out, uint64_t *oversize)
{
	static const enum ft_pdx_mode schemes[] = {FT_PDX_NONE, FT_PDX_MASK,
						   FT_PDX_OFFSET};
	enum ft_pdx_mode asked = ctx->params.pdx_mode;
	struct candidate arm_ref = {.fits = false}, best = {.fits = false};
	bool mask_is_none = false;
	int rc;

	if (asked != FT_PDX_AUTO) {
		rc = setup_pdx(ctx, asked);
		if (rc)
			return rc;
		*mode_out = asked;
		*best_out = search_plans(ctx, o, chunk_limit, NULL, oversize);
		return 0;
	}
	setup_pdx(ctx, FT_PDX_MASK);
	mask_is_none = !ctx->pdx.hole_bits;
	arm_ref = upstream_shape(ctx, o, chunk_limit);
	for (unsigned i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		if ((schemes[i] == FT_PDX_MASK && mask_is_none) ||
		    setup_pdx(ctx, schemes[i]))
			continue;
		struct candidate c =
			search_plans(ctx, o, chunk_limit, &arm_ref, oversize);
		if (c.fits && (!best.fits || policy_prefers(ctx, &c, &best))) {
			best = c;
			*mode_out = schemes[i];
		}
	}
	if (!best.fits)
		*mode_out = FT_PDX_NONE;
	*best_out = best;
	return 0;
}

/* The smallest table any scheme allowed: what a window error reports. */
static uint64_t smallest_need(struct ft_ctx *ctx, unsigned fine)
{
	enum ft_pdx_mode asked = ctx->params.pdx_mode;
	uint64_t need = UINT64_MAX, d = ctx->params.desc_size;

	for (int m = FT_PDX_NONE; m <= FT_PDX_OFFSET; m++) {
		if ((asked != FT_PDX_AUTO && m != (int)asked) ||
		    setup_pdx(ctx, (enum ft_pdx_mode)m))
			continue;
		uint64_t first = pdx_extent(ctx);
		uint64_t span = ctx->max_pdx -
				ft_round_down(first, UINT64_C(1) << fine);
		need = ft_min64(need,
				span > UINT64_MAX / d ? UINT64_MAX : span * d);
	}
	return need;
}

/* Ranges dropped for want of storage: neither plan nor size without them. */
static int dropped_ranges(struct ft_ctx *ctx)
{
	bool banks = ctx->banks_offered != 0;
	int rc;

	if (!ctx->banks_offered && !ctx->reserved_offered)
		return 0;
	rc = ft_fail(ctx, banks ? FT_ERR_TOOMANYBANKS : FT_ERR_TOOMANYRESERVED,
		     -1, 0, 0);
	ctx->err.need =
		banks ? (uint64_t)ctx->st.max_banks + ctx->banks_offered
		      : (uint64_t)ctx->st.max_reserved + ctx->reserved_offered;
	ctx->err.have = banks ? ctx->st.max_banks : ctx->st.max_reserved;
	return rc;
}

/* The group order of an identity plan. */
static unsigned identity_order(const struct ft_ctx *ctx)
{
	return ctx->params.group_order >= 0
		       ? (unsigned)ctx->params.group_order
		       : ft_derived_group_order(ctx->arch,
						ctx->params.desc_size);
}

/*
 * The search of ft_plan() for a windowed arch, up to the kept candidate:
 * on success ctx->pdx, ctx->max_pdx, base_pdx, group_order and
 * window_base are the plan's, nothing is stored.
 */
static int plan_search(struct ft_ctx *ctx, struct candidate *best)
{
	const struct ft_arch *arch = ctx->arch;
	struct plan_orders o;
	enum ft_pdx_mode mode = FT_PDX_NONE;
	uint64_t chunk_limit = 0, oversize = 0;
	int rc;

	o.fine = ctx->params.group_order >= 0
			 ? (unsigned)ctx->params.group_order
			 : ft_derived_group_order(arch, ctx->params.desc_size);
	o.coarse = upstream_order(arch, ctx->params.desc_size, o.fine);
	unsigned min_order =
		ft_derived_group_order(arch, ctx->params.desc_size);
	if (o.fine < min_order) {
		/* A group's descriptors would not fill whole pages. */
		ctx->err.need = min_order;
		ctx->err.have = o.fine;
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
	}
	if (ctx->params.group_order >= 0)
		o.coarse = o.fine; /* an explicit order is kept as given */
	/* A chunk is one allocation: none may outgrow the largest bank. */
	for (unsigned i = 0; i < ctx->nr_banks; i++)
		chunk_limit = ft_max64(chunk_limit, ctx->st.banks[i].size);

	rc = choose_plan(ctx, &o, chunk_limit, &mode, best, &oversize);
	if (rc)
		return ft_fail(ctx, (enum ft_err) - rc, -1, 0, 0);
	if (!best->fits && oversize) {
		/* The window has room; no bank is large enough for one of
		 * the chunks, in the best of the layouts that fit it. */
		ctx->err.need = oversize;
		ctx->err.have = chunk_limit;
		return ft_fail(ctx, FT_ERR_CHUNK_TOO_BIG, -1, 0, 0);
	}
	if (!best->fits) {
		ctx->err.need = smallest_need(ctx, o.fine);
		ctx->err.have = window_end(ctx) - arch->window_base;
		return ft_fail(ctx, FT_ERR_WINDOW, -1, 0, 0);
	}
	setup_pdx(ctx, mode);
	pdx_extent(ctx);
	ctx->group_order = best->order;
	ctx->base_pdx = best->base_pdx;
	ctx->plan_strategy = best->strategy;
	ctx->window_base = arch->window_base;
	return 0;
}

int ft_plan(struct ft_ctx *ctx)
{
	struct candidate best;
	int rc;

	if (ctx->state != FT_STATE_BANKS)
		return ft_fail(ctx, FT_ERR_STATE, -1, 0, 0);
	rc = dropped_ranges(ctx);
	if (rc)
		return rc;
	ctx->nr_chunks = 0;
	ft_valid_reset(ctx);
	rc = ft_banks_validate(ctx);
	if (rc)
		return rc;
	if (ctx->arch->identity) {
		/* One table from the first to the last RAM frame: its bytes
		 * are the span's, so "auto" keeps the smallest span. */
		rc = setup_pdx(ctx, ctx->params.pdx_mode);
		if (rc)
			return ft_fail(ctx, (enum ft_err) - rc, -1, 0, 0);
		rc = plan_identity(ctx, pdx_extent(ctx));
		if (!rc)
			rc = ft_valid_build(ctx);
		if (rc) {
			ctx->nr_chunks = 0;
			return rc;
		}
		ctx->state = FT_STATE_PLANNED;
		return 0;
	}
	rc = plan_search(ctx, &best);
	if (rc)
		return rc;
	rc = ft_groups_build(ctx);
	if (rc)
		return rc;
	struct chunk_sink s = {.ctx = ctx,
			       .cand = &best,
			       .store = true,
			       .va_limit = window_end(ctx),
			       .fits = true,
			       .chunk_limit = UINT64_MAX};
	layout_from_bitmap(&s);
	if (s.rc == -FT_ERR_TOOMANYCHUNKS)
		ctx->err.need = s.chunks; /* the sink counts past the storage */
	/* The kept plan passes the window checks its evaluation passed, or
	 * it is refused: never stored clipped. */
	if (!s.rc && !s.fits)
		s.rc = ft_fail(ctx, FT_ERR_WINDOW, -1, 0, 0);
	if (!s.rc)
		s.rc = ft_valid_build(ctx);
	if (s.rc) {
		ctx->nr_chunks = 0;
		ft_valid_reset(ctx);
		return s.rc;
	}
	ctx->state = FT_STATE_PLANNED;
	return 0;
}

/*
 * The sizes ft_plan() would need: the same search, then the kept plan's
 * chunks counted (not stored), its bitmap's words and its valid map's
 * words computed from the banks and the first and last chunk.
 */
int ft_storage_need(struct ft_ctx *ctx, struct ft_storage_need *need)
{
	const struct ft_arch *arch = ctx->arch;
	uint64_t d = ctx->params.desc_size, first, pe;
	struct candidate best;
	int rc;

	ft_zero(need, sizeof(*need));
	if (ctx->state != FT_STATE_BANKS)
		return ft_fail(ctx, FT_ERR_STATE, -1, 0, 0);
	need->banks = ctx->nr_banks + ctx->banks_offered;
	need->reserved = ctx->nr_reserved + ctx->reserved_offered;
	rc = dropped_ranges(ctx);
	if (!rc)
		rc = ft_banks_validate(ctx);
	if (rc)
		return rc;
	if (arch->identity) {
		uint64_t page = UINT64_C(1) << arch->page_shift, span;
		rc = setup_pdx(ctx, ctx->params.pdx_mode);
		if (rc)
			return ft_fail(ctx, (enum ft_err) - rc, -1, 0, 0);
		first = pdx_extent(ctx);
		span = ctx->max_pdx - first;
		if (span > (UINT64_MAX - page) / d)
			return ft_fail(ctx, FT_ERR_WINDOW, -1, 0, 0);
		ctx->group_order = identity_order(ctx);
		need->chunks = 1;
		need->group_words = ft_groups_words_needed(ctx);
		need->valid_words = ft_valid_words_for(
			ctx, first, first + ft_round_up(span * d, page) / d);
		return 0;
	}
	rc = plan_search(ctx, &best);
	if (rc)
		return rc;
	need->group_words = ft_groups_words_needed(ctx);
	struct chunk_sink s = {.ctx = ctx,
			       .cand = &best,
			       .va_limit = window_end(ctx),
			       .fits = true,
			       .chunk_limit = UINT64_MAX};
	layout_from_banks(&s);
	need->chunks = (unsigned)s.chunks;
	ft_bank_pdx_range(ctx, 0, &first, &pe);
	if (s.chunks) {
		/* The first and last chunks' descriptors (as sink_chunk). */
		uint64_t off_s = s.first_va - ctx->window_base;
		uint64_t off_e = s.last_va_end - ctx->window_base;
		need->valid_words = ft_valid_words_for(
			ctx, best.base_pdx + off_s / d + (off_s % d != 0),
			best.base_pdx + off_e / d);
	}
	return 0;
}
