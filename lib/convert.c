/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Use: conversions between frames, PDXs and descriptor addresses, and
 * ft_mfn_valid.
 *
 * Descriptor VAs are linear in the PDX from base_pdx, which is not zero in
 * general (the planner chooses it), so every conversion goes through it;
 * there is no frame_table[pdx] shortcut that would silently assume zero.
 * ft_mfn_valid answers "has a mapped descriptor", never "is RAM": a ghost
 * frame in a mapped group has a zeroed, inert descriptor and is valid; a
 * frame whose descriptor would sit in a hole group, or straddle a chunk's
 * edge, is not. Chunks are sorted by VA, so the lookup is a binary search.
 *
 * The conversions do no range checks, as they sit on hot paths: for a frame
 * that has a descriptor the VA lies in a chunk, below 2^64, and for any
 * other frame the result means nothing (Xen's pdx_to_page alike).
 * ft_mfn_valid is the check: it rejects a descriptor past 2^64 before it
 * computes a VA.
 */
#include "internal.h"

uint64_t ft_pdx_to_desc_va(const struct ft_ctx *ctx, uint64_t pdx_val)
{
	return ctx->window_base +
	       (pdx_val - ctx->base_pdx) * ctx->params.desc_size;
}

uint64_t ft_desc_va_to_pdx(const struct ft_ctx *ctx, uint64_t va)
{
	return ctx->base_pdx + (va - ctx->window_base) / ctx->params.desc_size;
}

uint64_t ft_mfn_to_desc_va(const struct ft_ctx *ctx, uint64_t mfn)
{
	return ft_pdx_to_desc_va(ctx, ft_pfn_to_pdx(&ctx->pdx, mfn));
}

uint64_t ft_desc_va_to_mfn(const struct ft_ctx *ctx, uint64_t va)
{
	return ft_pdx_to_pfn(&ctx->pdx, ft_desc_va_to_pdx(ctx, va));
}

int ft_chunk_of_va(const struct ft_ctx *ctx, uint64_t va)
{
	unsigned lo = 0, hi = ctx->nr_chunks;

	if (ctx->state < FT_STATE_PLANNED)
		return -1;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		const struct ft_chunk *c = &ctx->st.chunks[mid];
		if (va < c->va_start)
			hi = mid;
		else if (va >= c->va_end)
			lo = mid + 1;
		else
			return (int)mid;
	}
	return -1;
}

bool ft_mfn_valid(const struct ft_ctx *ctx, uint64_t mfn)
{
	uint64_t pdx_val, offset_max;
	int i;

	if (ctx->state < FT_STATE_PLANNED)
		return false;
	pdx_val = ft_pfn_to_pdx(&ctx->pdx, mfn);
	/* Frames that no PDX names (bits in a squeezed hole, slots of no
	 * region) do not round-trip. */
	if (ft_pdx_to_pfn(&ctx->pdx, pdx_val) != mfn || pdx_val < ctx->base_pdx)
		return false;
	offset_max = UINT64_MAX / ctx->params.desc_size;
	if (pdx_val - ctx->base_pdx >= offset_max ||
	    (pdx_val - ctx->base_pdx) * ctx->params.desc_size >
		    UINT64_MAX - ctx->window_base)
		return false;
	uint64_t va = ft_pdx_to_desc_va(ctx, pdx_val);
	i = ft_chunk_of_va(ctx, va);
	if (i < 0)
		return false;
	return ctx->st.chunks[i].va_end - va >= ctx->params.desc_size;
}
