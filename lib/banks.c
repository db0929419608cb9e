/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The bank set: the RAM of the machine as sorted, disjoint, merged ranges.
 *
 * Takes banks in any order; returns them sorted by base with adjacent ones
 * merged. Keeps the first invariant of the data flow: every range that
 * reaches the PDX stage is non-empty, page aligned, ends below 2^64 (no
 * wrap), inside the physical address width and disjoint from the others. Each
 * violation has its own error code and ctx->err names the bank(s).
 */
#include "internal.h"

int ft_add_bank(struct ft_ctx *ctx, uint64_t base, uint64_t size)
{
	if (ctx->state != FT_STATE_BANKS)
		return ft_fail(ctx, FT_ERR_STATE, -1, base, size);
	if (ctx->nr_banks >= ctx->st.max_banks) {
		/* Counted, so that err.need is every bank offered so far: a
		 * caller that adds all its banks (or ft_add_fdt(), which
		 * reads on) learns the size it needs in one go. */
		int rc = ft_fail(ctx, FT_ERR_TOOMANYBANKS, (int)ctx->nr_banks,
				 base, size);
		ctx->banks_offered++;
		ctx->err.need =
			(uint64_t)ctx->st.max_banks + ctx->banks_offered;
		ctx->err.have = ctx->st.max_banks;
		return rc;
	}
	ctx->st.banks[ctx->nr_banks].base = base;
	ctx->st.banks[ctx->nr_banks].size = size;
	ctx->nr_banks++;
	return 0;
}

int ft_add_reserved(struct ft_ctx *ctx, uint64_t base, uint64_t size)
{
	if (ctx->state != FT_STATE_BANKS)
		return ft_fail(ctx, FT_ERR_STATE, -1, base, size);
	if (!size)
		return 0;
	if (ctx->nr_reserved >= ctx->st.max_reserved) {
		int rc = ft_fail(ctx, FT_ERR_TOOMANYRESERVED,
				 (int)ctx->nr_reserved, base, size);
		ctx->reserved_offered++;
		ctx->err.need =
			(uint64_t)ctx->st.max_reserved + ctx->reserved_offered;
		ctx->err.have = ctx->st.max_reserved;
		return rc;
	}
	ctx->st.reserved[ctx->nr_reserved].base = base;
	ctx->st.reserved[ctx->nr_reserved].size = size;
	ctx->nr_reserved++;
	return 0;
}

/* Heapsort by base: no recursion, no allocation, O(n log n) for the
 * thousands of banks the scaling benchmark feeds. */
static void sift_down(struct ft_bank *b, unsigned root, unsigned n)
{
	for (;;) {
		unsigned child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && b[child + 1].base > b[child].base)
			child++;
		if (b[root].base >= b[child].base)
			return;
		struct ft_bank t = b[root];
		b[root] = b[child];
		b[child] = t;
		root = child;
	}
}

static void sort_banks(struct ft_bank *b, unsigned n)
{
	if (n < 2)
		return;
	for (unsigned i = n / 2; i-- > 0;)
		sift_down(b, i, n);
	for (unsigned end = n - 1; end > 0; end--) {
		struct ft_bank t = b[0];
		b[0] = b[end];
		b[end] = t;
		sift_down(b, 0, end);
	}
}

static int check_one(struct ft_ctx *ctx, unsigned i)
{
	const struct ft_bank *b = &ctx->st.banks[i];
	uint64_t page = UINT64_C(1) << ctx->arch->page_shift;
	uint64_t end = b->base + b->size;

	if (!b->size)
		return ft_fail(ctx, FT_ERR_BANK_ZERO, (int)i, b->base, b->size);
	if ((b->base | b->size) & (page - 1))
		return ft_fail(ctx, FT_ERR_BANK_UNALIGNED, (int)i, b->base,
			       b->size);
	/* An end of exactly 2^64 wraps to 0 as well: every later stage
	 * computes with the end, so it must fit in 64 bits. */
	if (end <= b->base)
		return ft_fail(ctx, FT_ERR_BANK_WRAPS, (int)i, b->base,
			       b->size);
	if (ctx->params.pa_bits < 64 &&
	    end > (UINT64_C(1) << ctx->params.pa_bits))
		return ft_fail(ctx, FT_ERR_BANK_BEYOND_PA, (int)i, b->base,
			       b->size);
	return 0;
}

/* Sort and merge overlapping or adjacent ranges: reserved ranges may
 * overlap each other (a /memreserve/ inside a /reserved-memory node). */
static unsigned normalise_reserved(struct ft_bank *r, unsigned n)
{
	unsigned out = 0;

	sort_banks(r, n);
	for (unsigned i = 0; i < n; i++) {
		uint64_t end = r[i].base + r[i].size;
		if (end < r[i].base)
			end = UINT64_MAX;
		if (out && r[i].base <= r[out - 1].base + r[out - 1].size) {
			uint64_t prev_end = r[out - 1].base + r[out - 1].size;
			if (end > prev_end)
				r[out - 1].size = end - r[out - 1].base;
			continue;
		}
		r[out].base = r[i].base;
		r[out].size = end - r[i].base;
		out++;
	}
	return out;
}

int ft_banks_validate(struct ft_ctx *ctx)
{
	struct ft_bank *b = ctx->st.banks;
	unsigned n = ctx->nr_banks, out = 0;
	int rc;

	if (!n)
		return ft_fail(ctx, FT_ERR_NOBANKS, -1, 0, 0);
	for (unsigned i = 0; i < n; i++) {
		rc = check_one(ctx, i);
		if (rc)
			return rc;
	}
	sort_banks(b, n);
	for (unsigned i = 1; i < n; i++) {
		if (b[i - 1].base + b[i - 1].size > b[i].base) {
			rc = ft_fail(ctx, FT_ERR_BANK_OVERLAP, (int)i - 1,
				     b[i - 1].base, b[i - 1].size);
			ctx->err.other = (int)i;
			ctx->err.base2 = b[i].base;
			ctx->err.size2 = b[i].size;
			return rc;
		}
	}
	for (unsigned i = 0; i < n; i++) {
		if (out && b[out - 1].base + b[out - 1].size == b[i].base) {
			b[out - 1].size += b[i].size;
			continue;
		}
		b[out++] = b[i];
	}
	ctx->nr_banks = out;
	ctx->nr_reserved =
		normalise_reserved(ctx->st.reserved, ctx->nr_reserved);
	return 0;
}
