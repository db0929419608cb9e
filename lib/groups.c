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
 * The bitmap is sparse: only the words that hold a valid group are stored,
 * sorted, each with its index relative to group_first. Building it and
 * walking its runs cost what the valid groups cost, whatever the span of
 * the physical address space (a 5 TiB hole is one missing range of words).
 * Runs are found a machine word at a time with the find-next-set /
 * find-next-clear semantics of Linux and Xen; a word that is not stored
 * reads as all clear.
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
		map[start / FT_WORD_BITS] |= (ft_word_t)1
					     << (start % FT_WORD_BITS);
		start++;
	}
	while (end - start >= FT_WORD_BITS) {
		map[start / FT_WORD_BITS] = ~(ft_word_t)0;
		start += FT_WORD_BITS;
	}
	while (start < end) {
		map[start / FT_WORD_BITS] |= (ft_word_t)1
					     << (start % FT_WORD_BITS);
		start++;
	}
}

/* Index of the first stored word whose index is >= w. */
static size_t word_at_or_after(const struct ft_ctx *ctx, uint64_t w)
{
	size_t lo = 0, hi = ctx->nr_group_words;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ctx->st.group_words[mid].index < w)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool ft_group_valid(const struct ft_ctx *ctx, uint64_t g)
{
	if (ctx->state < FT_STATE_PLANNED || g < ctx->group_first ||
	    g - ctx->group_first >= ctx->nr_groups)
		return false;
	uint64_t bit = g - ctx->group_first;
	size_t i = word_at_or_after(ctx, bit / FT_WORD_BITS);
	return i < ctx->nr_group_words &&
	       ctx->st.group_words[i].index == bit / FT_WORD_BITS &&
	       ((ctx->st.group_words[i].bits >> (bit % FT_WORD_BITS)) & 1);
}

uint64_t ft_group_next_valid(const struct ft_ctx *ctx, uint64_t g)
{
	uint64_t end = ctx->group_first + ctx->nr_groups;
	uint64_t rel = g < ctx->group_first ? 0 : g - ctx->group_first;

	if (rel >= ctx->nr_groups)
		return end;
	for (size_t i = word_at_or_after(ctx, rel / FT_WORD_BITS);
	     i < ctx->nr_group_words; i++) {
		const struct ft_group_word *w = &ctx->st.group_words[i];
		uint64_t from =
			w->index == rel / FT_WORD_BITS ? rel % FT_WORD_BITS : 0;
		uint64_t b = ft_find_next_bit(&w->bits, FT_WORD_BITS, from);
		if (b < FT_WORD_BITS) {
			uint64_t r = w->index * FT_WORD_BITS + b;
			return r < ctx->nr_groups ? ctx->group_first + r : end;
		}
	}
	return end;
}

uint64_t ft_group_next_hole(const struct ft_ctx *ctx, uint64_t g)
{
	uint64_t end = ctx->group_first + ctx->nr_groups;
	uint64_t rel = g < ctx->group_first ? 0 : g - ctx->group_first;

	if (rel >= ctx->nr_groups)
		return end;
	size_t i = word_at_or_after(ctx, rel / FT_WORD_BITS);
	for (;;) {
		uint64_t w = rel / FT_WORD_BITS;
		/* A word that is not stored holds no valid group at all. */
		if (i >= ctx->nr_group_words ||
		    ctx->st.group_words[i].index != w)
			break;
		uint64_t b =
			ft_find_next_zero_bit(&ctx->st.group_words[i].bits,
					      FT_WORD_BITS, rel % FT_WORD_BITS);
		if (b < FT_WORD_BITS) {
			rel = w * FT_WORD_BITS + b;
			break;
		}
		rel = (w + 1) * FT_WORD_BITS;
		i++;
	}
	return rel < ctx->nr_groups ? ctx->group_first + rel : end;
}

/* Words the whole bitmap needs: each bank's groups span words w0..w1, and
 * a bank whose first word is the previous bank's last shares it. Counted
 * when the storage runs out, so err.need is the total the caller must
 * provide, not what the failing bank alone lacks: a caller that grows its
 * storage to err.need then plans once more, not once per bank. */
static uint64_t words_needed(const struct ft_ctx *ctx)
{
	unsigned order = ctx->group_order;
	uint64_t ps, pe, words = 0, last = 0;

	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		ft_bank_pdx_range(ctx, i, &ps, &pe);
		uint64_t w0 = ((ps >> order) - ctx->group_first) / FT_WORD_BITS;
		uint64_t w1 =
			(((pe - 1) >> order) - ctx->group_first) / FT_WORD_BITS;
		words += w1 - w0 + 1 - (i && w0 == last);
		last = w1;
	}
	return words;
}

uint64_t ft_groups_words_needed(struct ft_ctx *ctx)
{
	uint64_t ps, pe;

	ft_bank_pdx_range(ctx, 0, &ps, &pe);
	ctx->group_first = ps >> ctx->group_order;
	return words_needed(ctx);
}

/* Mark groups [start, end) (relative), coming in increasing order. */
static int set_groups(struct ft_ctx *ctx, uint64_t start, uint64_t end)
{
	while (start < end) {
		uint64_t w = start / FT_WORD_BITS;
		unsigned bit = (unsigned)(start % FT_WORD_BITS);
		uint64_t n = ft_min64(end - start, FT_WORD_BITS - bit);
		ft_word_t mask = 0;
		ft_bitmap_set_range(&mask, bit, n);
		size_t nr = ctx->nr_group_words;
		if (nr && ctx->st.group_words[nr - 1].index == w) {
			ctx->st.group_words[nr - 1].bits |= mask;
		} else {
			if (nr >= ctx->st.max_group_words) {
				ctx->err.need = words_needed(ctx);
				ctx->err.have = ctx->st.max_group_words;
				return ft_fail(ctx, FT_ERR_GROUPS_FULL, -1, 0,
					       0);
			}
			ctx->st.group_words[nr].index = w;
			ctx->st.group_words[nr].bits = mask;
			ctx->nr_group_words = nr + 1;
		}
		start += n;
	}
	return 0;
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
	int rc;

	ft_bank_pdx_range(ctx, 0, &ps, &pe);
	ctx->group_first = ps >> order;
	last = (ctx->max_pdx - 1) >> order;
	ctx->nr_groups = last - ctx->group_first + 1;
	ctx->nr_group_words = 0;
	/* Banks are sorted and the PDX keeps their order: each bank's groups
	 * come after the previous bank's, so words are appended in order. */
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		ft_bank_pdx_range(ctx, i, &ps, &pe);
		uint64_t g0 = (ps >> order) - ctx->group_first;
		uint64_t g1 = ((pe - 1) >> order) - ctx->group_first;
		rc = set_groups(ctx, g0, g1 + 1);
		if (rc)
			return rc;
	}
	return 0;
}
