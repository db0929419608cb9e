/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The group bitmap: PDX space cut into groups of 2^group_order frames, one
 * bit per group that holds any RAM.
 *
 * Takes the validated banks and the PDX translation; gives the runs of
 * valid groups that the planner turns into chunks. Keeps the invariant
 * that every RAM frame's group is marked, and that no hole group is.
 *
 * The group order is derived, never a fixed 2 MiB: the smallest group whose
 * descriptors fill whole pages is 2^(page_shift - ctz(desc_size)) frames
 * (512 frames for 56-byte descriptors on 4K pages, 8192 on 64K pages), so
 * group edges are page edges in the descriptor VA for every granule.
 *
 * Only the groups from the first to the last RAM frame are stored, relative
 * to group_first. Runs are found a machine word at a time with the
 * find-next-set / find-next-clear semantics of Linux and Xen.
 */
#include "internal.h"
#include "plan-internal.h"

uint64_t ft_find_next_bit(const ft_word_t *map, uint64_t nbits, uint64_t start)
{
	if (start >= nbits)
		return nbits;
	uint64_t w = start / FT_WORD_BITS;
	ft_word_t cur = map[w] & (~(ft_word_t)0 << (start % FT_WORD_BITS));
	for (;;) {
		if (cur) {
			uint64_t r = w * FT_WORD_BITS + ft_ctz_word(cur);
			return r < nbits ? r : nbits;
		}
		if (++w * FT_WORD_BITS >= nbits)
			return nbits;
		cur = map[w];
	}
}

uint64_t ft_find_next_zero_bit(const ft_word_t *map, uint64_t nbits,
			       uint64_t start)
{
	if (start >= nbits)
		return nbits;
	uint64_t w = start / FT_WORD_BITS;
	ft_word_t cur = ~map[w] & (~(ft_word_t)0 << (start % FT_WORD_BITS));
	for (;;) {
		if (cur) {
			uint64_t r = w * FT_WORD_BITS + ft_ctz_word(cur);
			return r < nbits ? r : nbits;
		}
		if (++w * FT_WORD_BITS >= nbits)
			return nbits;
		cur = ~map[w];
	}
}

void ft_bitmap_set_range(ft_word_t *map, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;

	while (start < end && start % FT_WORD_BITS) {
		map[start / FT_WORD_BITS] |= (ft_word_t)1 << (start % FT_WORD_BITS);
		start++;
	}
	while (end - start >= FT_WORD_BITS) {
		map[start / FT_WORD_BITS] = ~(ft_word_t)0;
		start += FT_WORD_BITS;
	}
	while (start < end) {
		map[start / FT_WORD_BITS] |= (ft_word_t)1 << (start % FT_WORD_BITS);
		start++;
	}
}

bool ft_group_valid(const struct ft_ctx *ctx, uint64_t g)
{
	if (ctx->state < FT_STATE_PLANNED || g < ctx->group_first ||
	    g - ctx->group_first >= ctx->nr_groups)
		return false;
	uint64_t bit = g - ctx->group_first;
	return (ctx->st.group_words[bit / FT_WORD_BITS] >>
		(bit % FT_WORD_BITS)) & 1;
}

void ft_bank_pdx_range(const struct ft_ctx *ctx, unsigned i, uint64_t *ps,
		       uint64_t *pe)
{
	const struct ft_bank *b = &ctx->st.banks[i];
	unsigned shift = ctx->arch->page_shift;

	*ps = ft_pfn_to_pdx(&ctx->pdx, b->base >> shift);
	*pe = ft_pfn_to_pdx(&ctx->pdx, ((b->base + b->size) >> shift) - 1) + 1;
}

unsigned ft_derived_group_order(const struct ft_arch *arch, uint32_t desc_size)
{
	unsigned tz = ft_ctz64(desc_size);

	return tz >= arch->page_shift ? 0 : arch->page_shift - tz;
}

int ft_groups_build(struct ft_ctx *ctx)
{
	uint64_t ps, pe, last;
	unsigned order = ctx->group_order;

	ft_bank_pdx_range(ctx, 0, &ps, &pe);
	ctx->group_first = ps >> order;
	last = (ctx->max_pdx - 1) >> order;
	ctx->nr_groups = last - ctx->group_first + 1;
	uint64_t words = (ctx->nr_groups + FT_WORD_BITS - 1) / FT_WORD_BITS;
	if (words > ctx->st.max_group_words) {
		ctx->err.need = words;
		ctx->err.have = ctx->st.max_group_words;
		return ft_fail(ctx, FT_ERR_GROUPS_FULL, -1, 0, 0);
	}
	for (uint64_t w = 0; w < words; w++)
		ctx->st.group_words[w] = 0;
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		ft_bank_pdx_range(ctx, i, &ps, &pe);
		uint64_t g0 = (ps >> order) - ctx->group_first;
		uint64_t g1 = ((pe - 1) >> order) - ctx->group_first;
		ft_bitmap_set_range(ctx->st.group_words, g0, g1 - g0 + 1);
	}
	return 0;
}
