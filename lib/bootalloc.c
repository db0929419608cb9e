/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot allocator: free ranges of declared RAM, handed out top-down.
 *
 * Takes banks and reserved ranges; gives aligned, phase-congruent blocks
 * only from declared RAM that is not reserved. The free list is kept
 * sorted, disjoint and with neighbours merged, in caller storage.
 */
#include <frametable/bootalloc.h>
#include "internal.h"

void ft_bootalloc_init(struct ft_bootalloc *ba, struct ft_bank *storage,
		       unsigned max)
{
	ba->free = storage;
	ba->nr = 0;
	ba->max = max;
}

static void remove_at(struct ft_bootalloc *ba, unsigned i)
{
	for (unsigned j = i; j + 1 < ba->nr; j++)
		ba->free[j] = ba->free[j + 1];
	ba->nr--;
}

static int insert_at(struct ft_bootalloc *ba, unsigned i, uint64_t base,
		     uint64_t size)
{
	if (ba->nr >= ba->max)
		return -FT_ERR_TOOMANYBANKS;
	for (unsigned j = ba->nr; j > i; j--)
		ba->free[j] = ba->free[j - 1];
	ba->free[i].base = base;
	ba->free[i].size = size;
	ba->nr++;
	return 0;
}

int ft_bootalloc_add(struct ft_bootalloc *ba, uint64_t base, uint64_t size)
{
	uint64_t end = base + size;
	unsigned i = 0;

	if (!size)
		return 0;
	if (end < base)
		return -FT_ERR_BADPARAM;
	/* Absorb every range that overlaps or touches [base, end). */
	while (i < ba->nr && ba->free[i].base + ba->free[i].size < base)
		i++;
	while (i < ba->nr && ba->free[i].base <= end) {
		uint64_t fe = ba->free[i].base + ba->free[i].size;
		base = ft_min64(base, ba->free[i].base);
		end = ft_max64(end, fe);
		remove_at(ba, i);
	}
	return insert_at(ba, i, base, end - base);
}

int ft_bootalloc_reserve(struct ft_bootalloc *ba, uint64_t base, uint64_t size)
{
	uint64_t end = base + size < base ? UINT64_MAX : base + size;

	for (unsigned i = 0; i < ba->nr; i++) {
		uint64_t fs = ba->free[i].base, fe = fs + ba->free[i].size;
		if (fe <= base || fs >= end)
			continue;
		if (fs < base && fe > end) {
			/* Split: keep both sides. */
			ba->free[i].size = base - fs;
			return insert_at(ba, i + 1, end, fe - end);
		}
		if (fs < base) {
			ba->free[i].size = base - fs;
		} else if (fe > end) {
			ba->free[i].base = end;
			ba->free[i].size = fe - end;
		} else {
			remove_at(ba, i);
			i--;
		}
	}
	return 0;
}

int ft_bootalloc_alloc(struct ft_bootalloc *ba, uint64_t size, uint64_t align,
		       uint64_t phase, uint64_t *pa)
{
	if (!size || !ft_is_pow2(align) || phase >= align)
		return -FT_ERR_BADPARAM;
	for (unsigned i = ba->nr; i-- > 0;) {
		uint64_t fs = ba->free[i].base, fe = fs + ba->free[i].size;
		if (ba->free[i].size < size)
			continue;
		uint64_t top = fe - size;
		uint64_t cand = ft_round_down(top, align) + phase;
		if (cand > top) {
			if (ft_round_down(top, align) < align)
				continue;
			cand -= align;
		}
		if (cand < fs)
			continue;
		*pa = cand;
		return ft_bootalloc_reserve(ba, cand, size);
	}
	return -FT_ERR_NOMEM;
}

uint64_t ft_bootalloc_free_bytes(const struct ft_bootalloc *ba)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < ba->nr; i++)
		total += ba->free[i].size;
	return total;
}

int ft_bootalloc_from_ctx(struct ft_bootalloc *ba, const struct ft_ctx *ctx)
{
	int rc;

	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		rc = ft_bootalloc_add(ba, ctx->st.banks[i].base,
				      ctx->st.banks[i].size);
		if (rc)
			return rc;
	}
	for (unsigned i = 0; i < ctx->nr_reserved; i++) {
		rc = ft_bootalloc_reserve(ba, ctx->st.reserved[i].base,
					  ctx->st.reserved[i].size);
		if (rc)
			return rc;
	}
	return 0;
}

int ft_bootalloc_hook_alloc(void *arg, uint64_t size, uint64_t align,
			    uint64_t phase, uint64_t *pa)
{
	return ft_bootalloc_alloc(arg, size, align, phase, pa);
}

void ft_bootalloc_hook_free(void *arg, uint64_t pa, uint64_t size)
{
	(void)ft_bootalloc_add(arg, pa, size);
}
