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
 * Identity arches (MPU) have one candidate: one chunk from the first to the
 * last RAM descriptor.
 */
#include "plan-internal.h"

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
	/* Figures, filled by evaluate(). */
	bool fits;
	uint64_t bytes, tlb, chunks;
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
	if (va_e > s->va_limit || va_e <= va_s || va_e - va_s > s->chunk_limit)
		s->fits = false;
	s->bytes += va_e - va_s;
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
	struct chunk_sink t = {ctx, cand, false,    0,	  0,
			       0,   0,	  va_limit, true, chunk_limit};

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
	struct chunk_sink s = {ctx, cand, false,	   0,	 0,
			       0,   0,	  window_end(ctx), true, chunk_limit};
	uint64_t first, pe;

	ft_bank_pdx_range(ctx, 0, &first, &pe);
	/* Cheap pre-check, also guarding the multiplications below. */
	cand->fits = cand->base_pdx <= first &&
		     ctx->max_pdx - cand->base_pdx <=
			     ctx->arch->window_size / ctx->params.desc_size;
	if (!cand->fits)
		return;
	layout_from_banks(&s);
	cand->fits = s.fits;
	cand->bytes = s.bytes;
	cand->tlb = s.tlb;
	cand->chunks = s.chunks;
}

static bool better(const struct ft_ctx *ctx, const struct candidate *a,
		   const struct candidate *b, const struct candidate *ref)
{
	if (!a->fits)
		return false;
	/* Where upstream's own layout could not be placed, the default is
	 * the least memory that can. */
	if (ctx->params.policy == FT_POLICY_DEFAULT && ref->fits &&
	    (a->bytes > ref->bytes || a->tlb > ref->tlb))
		return false;
	if (!b->fits)
		return true;
	if (ctx->params.policy == FT_POLICY_MIN_TLB) {
		if (a->tlb != b->tlb)
			return a->tlb < b->tlb;
		return a->bytes < b->bytes;
	}
	if (a->bytes != b->bytes)
		return a->bytes < b->bytes;
	return a->tlb < b->tlb;
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

static int plan_identity(struct ft_ctx *ctx, uint64_t first)
{
	uint64_t page = UINT64_C(1) << ctx->arch->page_shift;
	uint64_t d = ctx->params.desc_size;
	uint64_t span = ctx->max_pdx - first;

	ctx->base_pdx = first;
	ctx->window_base = 0;
	if (span > (UINT64_MAX - page) / d ||
	    (ctx->arch->window_size &&
	     ft_round_up(span * d, page) > ctx->arch->window_size)) {
		ctx->err.need = span > (UINT64_MAX - page) / d
					? UINT64_MAX
					: ft_round_up(span * d, page);
		ctx->err.have = ctx->arch->window_size;
		return ft_fail(ctx, FT_ERR_WINDOW, -1, 0, 0);
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
		     struct candidate *best, const struct candidate *ref,
		     uint64_t chunk_limit)
{
	evaluate(ctx, cand, chunk_limit);
	if (better(ctx, cand, best, ref))
		*best = *cand;
}

int ft_plan(struct ft_ctx *ctx)
{
	const struct ft_arch *arch = ctx->arch;
	uint64_t first, pe, big_ps = 0, big_len = 0;
	int rc;

	if (ctx->state != FT_STATE_BANKS)
		return ft_fail(ctx, FT_ERR_STATE, -1, 0, 0);
	ctx->nr_chunks = 0;
	rc = ft_banks_validate(ctx);
	if (rc)
		return rc;
	rc = ft_pdx_setup(&ctx->pdx, ctx->params.pdx_mode,
			  ctx->params.pdx_offset_slots, ctx->st.banks,
			  ctx->nr_banks, arch->page_shift);
	if (rc)
		return ft_fail(ctx, (enum ft_err) - rc, -1, 0, 0);
	ft_bank_pdx_range(ctx, 0, &first, &pe);
	ft_bank_pdx_range(ctx, ctx->nr_banks - 1, &pe, &ctx->max_pdx);
	if (arch->identity) {
		rc = plan_identity(ctx, first);
		if (!rc)
			ctx->state = FT_STATE_PLANNED;
		return rc;
	}

	unsigned fine =
		ctx->params.group_order >= 0
			? (unsigned)ctx->params.group_order
			: ft_derived_group_order(arch, ctx->params.desc_size);
	unsigned coarse = upstream_order(arch, ctx->params.desc_size, fine);
	unsigned min_order =
		ft_derived_group_order(arch, ctx->params.desc_size);
	if (fine < min_order) {
		/* A group's descriptors would not fill whole pages. */
		ctx->err.need = min_order;
		ctx->err.have = fine;
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
	}
	if (ctx->params.group_order >= 0)
		coarse = fine; /* an explicit order is kept as given */

	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		uint64_t s, e;
		ft_bank_pdx_range(ctx, i, &s, &e);
		if (e - s > big_len) {
			big_len = e - s;
			big_ps = s;
		}
	}
	/* A bank is contiguous in PDX space: its frames are its PDX range. */
	uint64_t chunk_limit = big_len << arch->page_shift;

	struct candidate ref = {
		coarse,	    ft_round_down(first, UINT64_C(1) << coarse),
		EDGE_WHOLE, 0,
		0,	    false,
		0,	    0,
		0};
	ref.ref_base = ref.base_pdx;
	struct candidate best = ref, cand;
	evaluate(ctx, &ref, chunk_limit);
	best = ref;
	best.fits = false;

	unsigned orders[2] = {fine, coarse};
	for (unsigned oi = 0; oi < (coarse == fine ? 1u : 2u); oi++) {
		uint64_t bases[2 + FT_MAX_MAP_SIZES];
		unsigned nb = 0;
		bases[nb++] = ft_round_down(first, UINT64_C(1) << orders[oi]);
		bases[nb++] = ft_round_down(first, UINT64_C(1) << fine);
		for (unsigned k = 1; k < arch->nr_sizes; k++)
			if (aligning_base(big_ps, first, arch->sizes[k].size,
					  ctx->params.desc_size, fine,
					  &bases[nb]))
				nb++;
		for (unsigned bi = 0; bi < nb; bi++) {
			cand.order = orders[oi];
			cand.base_pdx = bases[bi];
			cand.ref_base = ref.base_pdx;
			cand.edge = EDGE_WHOLE;
			cand.round = 0;
			consider(ctx, &cand, &best, &ref, chunk_limit);
			if (orders[oi] == coarse &&
			    ctx->params.policy == FT_POLICY_DEFAULT) {
				cand.edge = EDGE_MIXED;
				consider(ctx, &cand, &best, &ref, chunk_limit);
			}
			for (unsigned k = 0; k < arch->nr_sizes; k++) {
				cand.edge = EDGE_TRIM;
				cand.round = arch->sizes[k].size;
				consider(ctx, &cand, &best, &ref, chunk_limit);
			}
			cand.edge = EDGE_FIT;
			cand.round = 0;
			consider(ctx, &cand, &best, &ref, chunk_limit);
		}
	}
	if (!best.fits) {
		uint64_t d = ctx->params.desc_size;
		uint64_t span = ctx->max_pdx -
				ft_round_down(first, UINT64_C(1) << fine);
		ctx->err.need = span > UINT64_MAX / d ? UINT64_MAX : span * d;
		ctx->err.have = window_end(ctx) - arch->window_base;
		return ft_fail(ctx, FT_ERR_WINDOW, -1, 0, 0);
	}

	ctx->group_order = best.order;
	ctx->base_pdx = best.base_pdx;
	ctx->window_base = arch->window_base;
	rc = ft_groups_build(ctx);
	if (rc)
		return rc;
	struct chunk_sink s = {ctx, &best,	     true, 0,	      0, 0,
			       0,   window_end(ctx), true, UINT64_MAX};
	layout_from_bitmap(&s);
	if (s.rc == -FT_ERR_TOOMANYCHUNKS)
		ctx->err.need = s.chunks; /* the sink counts past the storage */
	/* The kept plan passes the window checks its evaluation passed, or
	 * it is refused: never stored clipped. */
	if (!s.rc && !s.fits)
		s.rc = ft_fail(ctx, FT_ERR_WINDOW, -1, 0, 0);
	if (s.rc) {
		ctx->nr_chunks = 0;
		return s.rc;
	}
	ctx->state = FT_STATE_PLANNED;
	return 0;
}
