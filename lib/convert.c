/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Use: the out-of-line half of the hot path, and the map that makes
 * ft_mfn_valid O(1).
 *
 * The conversions themselves are inline (include/frametable/hot.h).
 * ft_mfn_valid answers "has a mapped descriptor", never "is RAM": a ghost
 * frame in a mapped group has a zeroed, inert descriptor and is valid; a
 * frame whose descriptor would sit in a hole group, or straddle a chunk's
 * edge, is not.
 *
 * The valid map: two bitmaps, a bit per group of 2^group_order PDXs each,
 * from the first chunk's group to the last one's, built once the chunks
 * are stored. FULL: every descriptor of the group lies wholly in a chunk.
 * CUT: a chunk's edge falls inside the group (page-granular chunk
 * edges, EDGE_TRIM and EDGE_FIT, or a descriptor straddling the edge);
 * only the first and the last group of a chunk can be cut, and for those
 * ft_pdx_has_desc() searches the chunks. Neither: a hole. Random RAM
 * frames nearly always hit FULL: one bitmap test, as Xen's __mfn_valid.
 * The FULL bitmap is the first half of st.valid_words, CUT the second.
 */
#include "internal.h"

/* Every group cut, over two groups that cover every PDX: the map of a
 * context with no valid_words storage, so ft_mfn_valid always searches. */
static const ft_word_t none_full = 0, all_cut = ~(ft_word_t)0;

void ft_valid_reset(struct ft_ctx *ctx)
{
	ctx->valid.full = &none_full;
	ctx->valid.cut = &all_cut;
	ctx->valid.nr_words = 1;
	ctx->valid.order = 63;
	ctx->valid.first = 0;
	ctx->valid.groups = 0; /* nothing is valid before a plan */
}

/* Groups [first, last] the map covers: the chunks' descriptors. */
static bool valid_extent(const struct ft_ctx *ctx, uint64_t *first,
			 uint64_t *last)
{
	unsigned order = ctx->group_order, n = ctx->nr_chunks;
	unsigned i = 0, j = n;

	while (i < n &&
	       ctx->st.chunks[i].pdx_end <= ctx->st.chunks[i].pdx_start)
		i++;
	while (j > i &&
	       ctx->st.chunks[j - 1].pdx_end <= ctx->st.chunks[j - 1].pdx_start)
		j--;
	if (i == j)
		return false;
	*first = ctx->st.chunks[i].pdx_start >> order;
	*last = (ctx->st.chunks[j - 1].pdx_end - 1) >> order;
	return true;
}

size_t ft_valid_words_for(const struct ft_ctx *ctx, uint64_t first_pdx,
			  uint64_t end_pdx)
{
	unsigned order = ctx->group_order;
	uint64_t groups;

	if (end_pdx <= first_pdx)
		return 0;
	groups = ((end_pdx - 1) >> order) - (first_pdx >> order) + 1;
	return 2 * (size_t)((groups + FT_WORD_BITS - 1) / FT_WORD_BITS);
}

static void set_bit(ft_word_t *w, uint64_t g)
{
	w[g / FT_WORD_BITS] |= (ft_word_t)1 << (g % FT_WORD_BITS);
}

int ft_valid_build(struct ft_ctx *ctx)
{
	unsigned order = ctx->group_order;
	uint64_t first, last, size = UINT64_C(1) << order;
	ft_word_t *w = ctx->st.valid_words;
	size_t words;

	ft_valid_reset(ctx);
	if (!valid_extent(ctx, &first, &last))
		return 0;
	if (!ctx->st.max_valid_words) {
		/* No map: every PDX reads as cut, the search decides. */
		ctx->valid.groups = 2;
		return 0;
	}
	words = ft_valid_words_for(ctx, first << order, (last << order) + 1);
	if (words > ctx->st.max_valid_words) {
		ctx->err.need = words;
		ctx->err.have = ctx->st.max_valid_words;
		return ft_fail(ctx, FT_ERR_VALIDMAP_FULL, -1, 0, 0);
	}
	ft_zero(w, words * sizeof(*w));
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		if (c->pdx_end <= c->pdx_start)
			continue;
		uint64_t g0 = c->pdx_start >> order;
		uint64_t g1 = (c->pdx_end - 1) >> order;
		for (uint64_t g = g0; g <= g1; g++) {
			bool whole = (g << order) >= c->pdx_start &&
				     (g << order) + size <= c->pdx_end;
			FT_ASSERT(g >= first && g <= last);
			/* A group that is whole in one chunk has no edge of
			 * another: never both FULL and CUT. */
			set_bit(whole ? w : w + words / 2, g - first);
		}
	}
	ctx->valid.full = w;
	ctx->valid.cut = w + words / 2;
	ctx->valid.nr_words = words / 2;
	ctx->valid.order = order;
	ctx->valid.first = first;
	ctx->valid.groups = last - first + 1;
	return 0;
}

bool ft_pdx_has_desc(const struct ft_ctx *ctx, uint64_t pdx_val)
{
	unsigned lo = 0, hi = ctx->nr_chunks;

	if (ctx->state < FT_STATE_PLANNED)
		return false;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		const struct ft_chunk *c = &ctx->st.chunks[mid];
		if (pdx_val < c->pdx_start)
			hi = mid;
		else if (pdx_val >= c->pdx_end)
			lo = mid + 1;
		else
			return true;
	}
	return false;
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
