/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Placement: physical memory for every chunk, from the host's allocator.
 *
 * Takes a plan; gives each chunk a PA congruent to its VA modulo the
 * largest mapping size the chunk can use, so that 2M / 32M-contig / 1G
 * entries are really possible (an allocation merely aligned to 32 MiB
 * loses them as soon as the chunk's VA is not). If the allocator cannot
 * give that congruence, the next smaller mapping size is asked for, down to
 * the page. All or nothing: if a chunk gets no memory, what was taken is
 * given back and the plan stays unplaced.
 *
 * Chunks are placed largest first: their congruence is the hardest to find
 * once memory fragments.
 */
#include "internal.h"

static void unplace(struct ft_ctx *ctx, const struct ft_ops *ops)
{
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		struct ft_chunk *c = &ctx->st.chunks[i];
		if (c->pa == FT_PA_NONE)
			continue;
		if (ops->free)
			ops->free(ops->alloc_arg, c->pa,
				  c->va_end - c->va_start);
		c->pa = FT_PA_NONE;
		if (ctx->arch->identity) {
			c->va_end -= c->va_start;
			c->va_start = 0;
			ctx->window_base = 0;
		} else {
			c->pa_align = ft_best_align(ctx->arch, c->va_start,
						    c->va_end);
		}
	}
}

static unsigned next_largest(const struct ft_ctx *ctx)
{
	unsigned pick = ctx->nr_chunks;
	uint64_t size = 0;

	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		if (c->pa == FT_PA_NONE && c->va_end - c->va_start > size) {
			size = c->va_end - c->va_start;
			pick = i;
		}
	}
	return pick;
}

static int place_chunk(struct ft_ctx *ctx, const struct ft_ops *ops,
		       struct ft_chunk *c)
{
	const struct ft_arch *arch = ctx->arch;
	uint64_t len = c->va_end - c->va_start;
	int k = (int)arch->nr_sizes - 1;

	while (k > 0 && arch->sizes[k].size > c->pa_align)
		k--;
	for (; k >= 0; k--) {
		uint64_t align = arch->sizes[k].size, pa;
		uint64_t phase = arch->identity ? 0 : c->va_start & (align - 1);
		int rc = ops->alloc(ops->alloc_arg, len, align, phase, &pa);
		if (rc == -FT_ERR_NOMEM)
			continue;
		if (rc)
			return rc;
		/* The allocator broke its contract: a range that wraps past
		 * 2^64 (or ends there: a chunk's end is exclusive) would make
		 * PA + offset arithmetic wrap. */
		if ((pa & (align - 1)) != phase || pa > UINT64_MAX - len) {
			if (ops->free)
				ops->free(ops->alloc_arg, pa, len);
			return -FT_ERR_BADPARAM;
		}
		c->pa = pa;
		c->pa_align = align;
		return 0;
	}
	return -FT_ERR_NOMEM;
}

int ft_place(struct ft_ctx *ctx, const struct ft_ops *ops)
{
	if (ctx->state != FT_STATE_PLANNED)
		return ft_fail(ctx, FT_ERR_STATE, -1, 0, 0);
	if (!ops || !ops->alloc)
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
	for (;;) {
		unsigned i = next_largest(ctx);
		if (i == ctx->nr_chunks)
			break;
		struct ft_chunk *c = &ctx->st.chunks[i];
		int rc = place_chunk(ctx, ops, c);
		if (rc) {
			uint64_t len = c->va_end - c->va_start;
			unplace(ctx, ops);
			ctx->err.need = len;
			return ft_fail(ctx, (enum ft_err) - rc, (int)i,
				       c->va_start, len);
		}
		if (ctx->arch->identity) {
			/* VA == PA: the table lives where it was put. */
			c->va_end = c->pa + (c->va_end - c->va_start);
			c->va_start = c->pa;
			ctx->window_base = c->pa;
		}
	}
	ctx->state = FT_STATE_PLACED;
	return 0;
}

void ft_unplace_internal(struct ft_ctx *ctx, const struct ft_ops *ops)
{
	unplace(ctx, ops);
	ctx->state = FT_STATE_PLANNED;
}
