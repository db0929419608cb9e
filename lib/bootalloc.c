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

static uint64_t end_of(const struct ft_bank *r)
{
	return r->base + r->size; /* free ranges never wrap (add checks) */
}

/* Index of the first free range ending above pa: binary search, so adding
 * and reserving cost O(log n) to find their place, not a walk from the
 * bottom of memory for every chunk placed. */
static unsigned first_ending_above(const struct ft_bootalloc *ba, uint64_t pa)
{
	unsigned lo = 0, hi = ba->nr;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (end_of(&ba->free[mid]) <= pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Replace free[i, j) by n (0 or 1) ranges: one move of the tail. */
static int splice(struct ft_bootalloc *ba, unsigned i, unsigned j,
		  const struct ft_bank *r, unsigned n)
{
	unsigned tail = ba->nr - j;

	if (i + n > j && ba->nr + (i + n - j) > ba->max)
		return -FT_ERR_TOOMANYBANKS;
	if (i + n != j) {
		struct ft_bank *from = &ba->free[j], *to = &ba->free[i + n];
		if (to < from)
			for (unsigned k = 0; k < tail; k++)
				to[k] = from[k];
		else
			for (unsigned k = tail; k-- > 0;)
				to[k] = from[k];
	}
	if (n)
		ba->free[i] = *r;
	ba->nr = ba->nr - (j - i) + n;
	return 0;
}

int ft_bootalloc_add(struct ft_bootalloc *ba, uint64_t base, uint64_t size)
{
	uint64_t end = base + size;

	if (!size)
		return 0;
	if (end < base)
		return -FT_ERR_BADPARAM;
	/* Absorb every range that overlaps or touches [base, end). */
	unsigned i = base ? first_ending_above(ba, base - 1) : 0, j = i;
	while (j < ba->nr && ba->free[j].base <= end) {
		base = ft_min64(base, ba->free[j].base);
		end = ft_max64(end, end_of(&ba->free[j]));
		j++;
	}
	struct ft_bank r = {base, end - base};
	return splice(ba, i, j, &r, 1);
}

int ft_bootalloc_reserve(struct ft_bootalloc *ba, uint64_t base, uint64_t size)
{
	uint64_t end = base + size < base ? UINT64_MAX : base + size;
	unsigned i = first_ending_above(ba, base), j;

	if (!size || i >= ba->nr || ba->free[i].base >= end)
		return 0;
	struct ft_bank *f = &ba->free[i];
	uint64_t fs = f->base, fe = end_of(f);
	if (fs < base && fe > end) {
		/* Split: keep both sides, or change nothing. */
		struct ft_bank above = {end, fe - end};
		int rc = splice(ba, i + 1, i + 1, &above, 1);
		if (!rc)
			f->size = base - fs;
		return rc;
	}
	if (fs < base) {
		f->size = base - fs; /* keep what lies below */
		i++;
	}
	/* Ranges wholly inside go; one reaching past end keeps its top. */
	for (j = i; j < ba->nr && end_of(&ba->free[j]) <= end; j++)
		;
	if (j < ba->nr && ba->free[j].base < end) {
		ba->free[j].size = end_of(&ba->free[j]) - end;
		ba->free[j].base = end;
	}
	return splice(ba, i, j, NULL, 0);
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
