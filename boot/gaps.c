/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Probing the unmapped gaps of the frametable window (gaps.h).
 *
 * A probe of the first descriptor of every hole group misses what lies
 * between two chunks in one group: with groups of 2^22 to 2^26 frames
 * (the planner's choice on 16K and some 64K maps), chunks share groups,
 * and a page mapped past a chunk's end sits in VA no group probe
 * reaches. So every gap is probed
 * on its own, at both ends (where an overshoot of either neighbour would
 * be) and in the middle (a stray mapping anywhere else). The frames whose
 * descriptors overlap a probed page have no descriptor, so ft_mfn_valid
 * must say so.
 */
#include "gaps.h"

static void probe_page(const struct ft_ctx *ctx, struct gaps *g, uint64_t va)
{
	uint64_t page = UINT64_C(1) << ctx->arch->page_shift;

	g->probes++;
	if (!g->faults(va)) {
		g->bad(g->arg, "unmapped gap readable (va)", va);
		return;
	}
	g->faulted++;
	gaps_frames_invalid(ctx, g, va, page);
}

static void probe_gap(const struct ft_ctx *ctx, struct gaps *g, uint64_t s,
		      uint64_t e)
{
	unsigned sh = ctx->arch->page_shift;
	uint64_t page = UINT64_C(1) << sh;
	uint64_t first = s, last = e - page;
	uint64_t mid = s + (((e - s) >> sh) / 2 << sh);

	if (e <= s)
		return;
	g->gaps++;
	probe_page(ctx, g, first);
	if (mid != first && mid != last)
		probe_page(ctx, g, mid);
	if (last != first)
		probe_page(ctx, g, last);
}

/* Identity arch: no window, so the holes are physical. Every gap between
 * two banks is probed at its first, middle and last page: no region may
 * cover it. Frames there may still be ft_mfn_valid (ghosts inside the one
 * table), so only the load is judged. */
static void probe_holes_identity(const struct ft_ctx *ctx, struct gaps *g)
{
	unsigned sh = ctx->arch->page_shift;
	uint64_t page = UINT64_C(1) << sh;

	for (unsigned i = 0; i + 1 < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t s = b->base + b->size, e = ctx->st.banks[i + 1].base;
		uint64_t at[3] = {s, s + (((e - s) >> sh) / 2 << sh), e - page};
		if (e <= s)
			continue;
		g->gaps++;
		for (unsigned k = 0; k < 3; k++) {
			if (k && (at[k] == at[k - 1] || at[k] == at[0]))
				continue;
			g->probes++;
			if (g->faults(at[k]))
				g->faulted++;
			else
				g->bad(g->arg,
				       "hole between banks readable (pa)",
				       at[k]);
		}
	}
}

void gaps_probe(const struct ft_ctx *ctx, struct gaps *g)
{
	const struct ft_arch *a = ctx->arch;
	uint64_t cursor = a->window_base, end = a->window_base + a->window_size;

	if (a->identity) {
		probe_holes_identity(ctx, g);
		return;
	}
	/* Chunks are sorted by VA, inside the window, page aligned. */
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		probe_gap(ctx, g, cursor, c->va_start);
		cursor = c->va_end;
	}
	probe_gap(ctx, g, cursor, end);
}

void gaps_frames_invalid(const struct ft_ctx *ctx, struct gaps *g, uint64_t va,
			 uint64_t len)
{
	uint64_t p0 = ft_desc_va_to_pdx(ctx, va);
	uint64_t p1 = ft_desc_va_to_pdx(ctx, va + len - 1);

	for (uint64_t pdx = p0; pdx <= p1; pdx++) {
		uint64_t mfn = ft_pdx_to_pfn(&ctx->pdx, pdx);
		/* A PDX no frame maps to (a squeezed hole, an unused offset
		 * slot) names nothing to ask about. */
		if (ft_pfn_to_pdx(&ctx->pdx, mfn) != pdx)
			continue;
		g->frames++;
		if (ft_mfn_valid(ctx, mfn))
			g->bad(g->arg,
			       "mfn_valid true, descriptor unmapped (mfn)",
			       mfn);
	}
}
