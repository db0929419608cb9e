/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PDX offset compression, packed: the layout for an identity arch (MPU).
 *
 * Same tables and the same two O(1) conversions as pdx-offset.c:
 *
 *   pdx = pfn - pfn_delta[(pfn >> pfn_shift) & (slots - 1)]
 *   pfn = pdx + pdx_delta[pdx >> pdx_shift]
 *
 * only filled differently. Xen's layout (pdx-offset.c) starts each region
 * on a 1 GiB boundary and gives every region a PDX slot as large as the
 * largest one, rounded up to a power of two: that keeps 1 GiB blocks of
 * descriptor VA aligned, which a page-table mapping wants. Without
 * translation there are no blocks to keep, and the table is one array from
 * the first PDX to the last, so every frame of a slot that holds no RAM is
 * a descriptor paid for. Here instead:
 *   - a region starts at its first bank's first frame (page alignment, no
 *     rounding down);
 *   - the PDX space is cut into granules of 2^pdx_shift frames, and each
 *     region starts on the first granule after the previous region's end:
 *     regions are packed, the loss is under one granule per region edge;
 *   - pdx_delta has one entry per granule (a region over several granules
 *     fills each with its delta), pfn_delta one per PFN block of
 *     2^pfn_shift frames (a region over several blocks likewise). Banks in
 *     one PFN block share an entry, so they form one region and the hole
 *     between them stays in the PDX space, as in Xen's scheme.
 * For each pfn_shift the smallest pdx_shift whose granules fit the table
 * is the best one (a larger granule only adds padding); every pfn_shift is
 * tried and the smallest span kept, ties to the smaller shift. A shift is
 * unusable when two regions' blocks meet at one table index.
 *
 * With a 256-entry table the padding is under (regions - 1) / 256 of the
 * span: under 1% for three regions. Frames past a region's end in its last
 * granule (and the ghosts of merged holes) round-trip, so they have
 * descriptors inside the table: ft_mfn_valid stays exact, as it only
 * promises "has a descriptor".
 */
#include "pdx-internal.h"

#define NO_REGION 0xffffu

struct packed_region {
	uint64_t first, last; /* frames, inclusive */
};

/* Banks as regions under shift: consecutive banks whose first frame lies
 * in the block of the region's last frame join it. False when more
 * regions than entries, or two regions meet at one pfn_delta index. */
static bool regions_of(const struct ft_bank *banks, unsigned nr,
		       unsigned page_shift, unsigned shift, unsigned slots,
		       struct packed_region *r, unsigned *nr_regions)
{
	uint16_t owner[FT_PDX_OFFSET_MAX_SLOTS];
	unsigned n = 0;

	for (unsigned i = 0; i < nr; i++) {
		uint64_t first = banks[i].base >> page_shift;
		uint64_t last =
			(banks[i].base + (banks[i].size - 1)) >> page_shift;
		if (n && (first >> shift) == (r[n - 1].last >> shift)) {
			r[n - 1].last = last;
			continue;
		}
		if (n == slots)
			return false;
		r[n++] = (struct packed_region){first, last};
	}
	for (unsigned i = 0; i < slots; i++)
		owner[i] = NO_REGION;
	for (unsigned k = 0; k < n; k++) {
		uint64_t b0 = r[k].first >> shift, b1 = r[k].last >> shift;
		/* A region over a whole table of blocks owns every index. */
		uint64_t count = b1 - b0 >= slots ? slots : b1 - b0 + 1;
		if (count == slots && n > 1)
			return false;
		for (uint64_t b = 0; b < count; b++) {
			unsigned idx = (unsigned)((b0 + b) & (slots - 1));
			if (owner[idx] != NO_REGION && owner[idx] != k)
				return false;
			owner[idx] = (uint16_t)k;
		}
	}
	*nr_regions = n;
	return true;
}

/* The PDX span of regions packed on granules of 2^order, the first region
 * at PDX 0; UINT64_MAX when the granules outnumber the table. */
static uint64_t packed_span(const struct packed_region *r, unsigned n,
			    unsigned order, unsigned slots)
{
	uint64_t g = UINT64_C(1) << order, p = 0;

	for (unsigned k = 0; k < n; k++) {
		uint64_t len = r[k].last - r[k].first + 1;
		if (k) {
			if (p > UINT64_MAX - (g - 1))
				return UINT64_MAX;
			p = ft_round_up(p, g);
		}
		if (len > UINT64_MAX - p)
			return UINT64_MAX;
		p += len;
	}
	if (((p - 1) >> order) >= slots)
		return UINT64_MAX;
	return p;
}

int ft_pdx_offset_packed_setup(struct ft_pdx *pdx, unsigned slots,
			       const struct ft_bank *banks, unsigned nr,
			       unsigned page_shift)
{
	struct packed_region r[FT_PDX_OFFSET_MAX_SLOTS];
	uint64_t best = UINT64_MAX;
	unsigned best_shift = 0, best_order = 0, n = 0;

	ft_zero(pdx, sizeof(*pdx));
	pdx->mode = FT_PDX_OFFSET;
	if (!nr || slots < 2 || slots > FT_PDX_OFFSET_MAX_SLOTS ||
	    !ft_is_pow2(slots))
		return -FT_ERR_BADPARAM;
	for (unsigned shift = 0; shift < 64 - page_shift; shift++) {
		if (!regions_of(banks, nr, page_shift, shift, slots, r, &n))
			continue;
		for (unsigned order = 0; order < 64; order++) {
			uint64_t span = packed_span(r, n, order, slots);
			if (span == UINT64_MAX)
				continue;
			if (span < best) {
				best = span;
				best_shift = shift;
				best_order = order;
			}
			break; /* larger granules only add padding */
		}
	}
	if (best == UINT64_MAX)
		return -FT_ERR_PDX_UNFIT;
	regions_of(banks, nr, page_shift, best_shift, slots, r, &n);
	pdx->slots = slots;
	pdx->pfn_shift = best_shift;
	pdx->pdx_shift = best_order;
	uint64_t g = UINT64_C(1) << best_order, p = 0;
	for (unsigned k = 0; k < n; k++) {
		uint64_t len = r[k].last - r[k].first + 1;
		if (k)
			p = ft_round_up(p, g);
		uint64_t delta = r[k].first - p;
		uint64_t b0 = r[k].first >> best_shift;
		uint64_t blocks = (r[k].last >> best_shift) - b0;
		for (uint64_t b = 0; b <= blocks && b < slots; b++)
			pdx->pfn_delta[(b0 + b) & (slots - 1)] = delta;
		for (uint64_t s = p >> best_order;
		     s <= (p + len - 1) >> best_order; s++)
			pdx->pdx_delta[s] = delta;
		p += len;
	}
	pdx->nr_regions = (unsigned)(((p - 1) >> best_order) + 1);
	return 0;
}
