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
 * once memory fragments. The order comes from sorting the chunks in their
 * own array (heapsort, O(n log n), no storage of its own), sorted back to
 * VA order afterwards, whether placement succeeded or not.
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

enum chunk_order {
	/* Placement: larger first; among equals, lower VA first. Chunks are
	 * disjoint in VA, so this is a total order, the result deterministic
	 * and the same as picking the largest unplaced chunk each time. */
	BY_SIZE,
	/* The plan's own order, which every later stage relies on. */
	BY_VA,
};

static inline bool before(const struct ft_chunk *a, const struct ft_chunk *b,
			  enum chunk_order order)
{
	uint64_t la = a->va_end - a->va_start, lb = b->va_end - b->va_start;

	if (order == BY_SIZE && la != lb)
		return la > lb;
	return a->va_start < b->va_start;
}

/* Move c[root] down to its place in the heap c[0, n): children move up
 * into the hole, one copy per level rather than a swap. */
static void sift_down(struct ft_chunk *c, unsigned root, unsigned n,
		      enum chunk_order order)
{
	struct ft_chunk t = c[root];

	for (;;) {
		unsigned child = 2 * root + 1;
		if (child >= n)
			break;
		if (child + 1 < n && before(&c[child], &c[child + 1], order))
			child++;
		if (!before(&t, &c[child], order))
			break;
		c[root] = c[child];
		root = child;
	}
	c[root] = t;
}

/* Heapsort in place: O(n log n), no recursion, no storage but the chunks'
 * own, so the order to place in costs the caller nothing. */
static void sort_chunks(struct ft_chunk *c, unsigned n, enum chunk_order order)
{
	if (n < 2)
		return;
	for (unsigned i = n / 2; i-- > 0;)
		sift_down(c, i, n, order);
	for (unsigned end = n - 1; end > 0; end--) {
		struct ft_chunk t = c[0];
		c[0] = c[end];
		c[end] = t;
		sift_down(c, 0, end, order);
	}
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
	struct ft_chunk *chunks = ctx->st.chunks;
	unsigned n = ctx->nr_chunks;

	if (ctx->state != FT_STATE_PLANNED)
		return ft_fail(ctx, FT_ERR_STATE, -1, 0, 0);
	if (!ops || !ops->alloc)
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
	/* Placing in the chunks' own array, sorted by size, then sorting it
	 * back to VA order (which every later stage relies on), replaces a
	 * search for the largest unplaced chunk per chunk: O(n log n), not
	 * O(n^2), with the same order. */
	sort_chunks(chunks, n, BY_SIZE);
	for (unsigned i = 0; i < n; i++) {
		struct ft_chunk *c = &chunks[i];
		uint64_t va = c->va_start, len = c->va_end - c->va_start;
		int rc = place_chunk(ctx, ops, c);
		if (rc) {
			unplace(ctx, ops);
			sort_chunks(chunks, n, BY_VA);
			ctx->err.need = len;
			return ft_fail(ctx, (enum ft_err) - rc,
				       ft_chunk_of_va(ctx, va), va, len);
		}
		if (ctx->arch->identity) {
			/* VA == PA: the table lives where it was put. */
			c->va_end = c->pa + len;
			c->va_start = c->pa;
			ctx->window_base = c->pa;
		}
	}
	sort_chunks(chunks, n, BY_VA);
	ctx->state = FT_STATE_PLACED;
	return 0;
}

void ft_unplace_internal(struct ft_ctx *ctx, const struct ft_ops *ops)
{
	unplace(ctx, ops);
	ctx->state = FT_STATE_PLANNED;
}
