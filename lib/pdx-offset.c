/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PDX offset compression (the idea of Xen's newer offset scheme).
 *
 * Mask compression squeezes a single run of bits, so banks at 0x0,
 * 0x8_0000_0000 and 0x500_0000_0000 with different sizes compress only
 * partly. Offset compression instead slides each RAM region down by its own
 * offset, found in a small lookup table indexed by some bits of the PFN:
 *
 *   pdx = pfn - pfn_delta[(pfn >> pfn_shift) & (slots - 1)]
 *   pfn = pdx + pdx_delta[pdx >> pdx_shift]
 *
 * Set-up: every bank is widened to 2^FT_PDX_OFFSET_ALIGN_ORDER frames
 * (1 GiB at 4K, so offsets never split a large mapping) and overlapping
 * widened banks become one region. Each region gets a PDX slot of
 * 2^pdx_shift frames, the smallest power of two that holds the largest
 * region, in address order, so the PDX keeps the order of the PFNs. On the
 * PFN side, pfn_shift is the smallest shift such that every region lies in
 * one 2^pfn_shift block of PFNs and no two regions' blocks share a table
 * index. With more regions than slots, or no such shift, the map does not
 * fit and FT_ERR_PDX_UNFIT is returned (auto mode then picks another).
 *
 * Cost: two table loads per conversion pair, and the PDX span grows to
 * (regions - 1) slots plus the last region: with very unequal regions the
 * mask scheme can win, which is why "auto" compares spans.
 */
#include "pdx-internal.h"

static unsigned ceil_log2(uint64_t x)
{
	return x <= 1 ? 0 : ft_msb64(x - 1) + 1;
}

/* Does every region sit in its own 2^shift block with distinct indices? */
static bool shift_fits(const struct ft_bank *r, unsigned n, unsigned shift,
		       unsigned slots)
{
	uint64_t used = 0;

	for (unsigned i = 0; i < n; i++) {
		uint64_t first = r[i].base >> shift;
		uint64_t last = (r[i].base + r[i].size - 1) >> shift;
		if (first != last)
			return false;
		if (i && (r[i - 1].base >> shift) == first)
			return false;
		unsigned idx = (unsigned)(first & (slots - 1));
		if (used & (UINT64_C(1) << idx))
			return false;
		used |= UINT64_C(1) << idx;
	}
	return true;
}

int ft_pdx_offset_setup(struct ft_pdx *pdx, unsigned slots,
			const struct ft_bank *banks, unsigned nr,
			unsigned page_shift)
{
	/* Regions in frame numbers; at most slots of them can be used. */
	struct ft_bank region[FT_PDX_OFFSET_MAX_SLOTS];
	const uint64_t align = UINT64_C(1) << FT_PDX_OFFSET_ALIGN_ORDER;
	unsigned n = 0, shift;
	uint64_t largest = 0;

	ft_zero(pdx, sizeof(*pdx));
	pdx->mode = FT_PDX_OFFSET;
	for (unsigned i = 0; i < nr; i++) {
		uint64_t s = ft_round_down(banks[i].base >> page_shift, align);
		uint64_t e = (banks[i].base + banks[i].size) >> page_shift;
		e = e > UINT64_MAX - align ? UINT64_MAX : ft_round_up(e, align);
		if (n && s <= region[n - 1].base + region[n - 1].size) {
			region[n - 1].size = e - region[n - 1].base;
			continue;
		}
		if (n == slots)
			return -FT_ERR_PDX_UNFIT;
		region[n].base = s;
		region[n].size = e - s;
		n++;
	}
	for (unsigned i = 0; i < n; i++)
		largest = ft_max64(largest, region[i].size);
	pdx->slots = slots;
	pdx->pdx_shift = ceil_log2(largest);
	if ((uint64_t)n << pdx->pdx_shift >> pdx->pdx_shift != n)
		return -FT_ERR_PDX_UNFIT;
	for (shift = pdx->pdx_shift; shift < 64; shift++)
		if (shift_fits(region, n, shift, slots))
			break;
	if (shift == 64)
		return -FT_ERR_PDX_UNFIT;
	pdx->pfn_shift = shift;
	for (unsigned j = 0; j < n; j++) {
		uint64_t delta =
			region[j].base - ((uint64_t)j << pdx->pdx_shift);
		unsigned idx =
			(unsigned)((region[j].base >> shift) & (slots - 1));
		pdx->pfn_delta[idx] = delta;
		pdx->pdx_delta[j] = delta;
		pdx->pdx_slot_used |= UINT64_C(1) << j;
	}
	return 0;
}

uint64_t ft_pdx_offset_pfn_to_pdx(const struct ft_pdx *pdx, uint64_t pfn)
{
	return pfn - pdx->pfn_delta[(pfn >> pdx->pfn_shift) & (pdx->slots - 1)];
}

uint64_t ft_pdx_offset_pdx_to_pfn(const struct ft_pdx *pdx, uint64_t pdx_val)
{
	uint64_t slot = pdx_val >> pdx->pdx_shift;

	/* A PDX past the used slots names no frame: return a value that can
	 * never round-trip, so validity checks reject it. */
	if (slot >= pdx->slots || !(pdx->pdx_slot_used & (UINT64_C(1) << slot)))
		return UINT64_MAX;
	return pdx_val + pdx->pdx_delta[slot];
}
