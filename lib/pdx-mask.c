/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PDX mask compression (the classic scheme of Xen's xen/common/pdx.c).
 *
 * Boards often place RAM banks at addresses that differ in a few high bits
 * (0x0, 0x8_0000_0000, 0x500_0000_0000): the bits in between are zero in
 * every RAM frame number. Removing one such run of always-zero bits maps
 * the PFNs onto a denser index, the PDX, at the cost of a shift and two
 * masks per conversion (inline, include/frametable/hot.h):
 *
 *   pdx = (pfn & low_mask) | ((pfn >> hole_bits) & ~low_mask)
 *   pfn = (pdx & low_mask) | ((pdx & ~low_mask) << hole_bits)
 *
 * Which bits are always zero: for a bank of frames [b, l], every bit at or
 * below the highest bit where b and l differ takes both values inside the
 * bank, and the bits above it are those of b. OR-ing b and that low fill
 * over all banks gives the bits that may be one; the longest run of zeros
 * below the top set bit is the hole we squeeze. Because each bank's varying
 * bits all lie below the hole, a bank stays contiguous in PDX space, so
 * runs of RAM stay runs of descriptors.
 *
 * As Xen does (its MAX_ORDER on Arm), the hole never starts below PFN bit
 * FT_PDX_OFFSET_ALIGN_ORDER (18: 1 GiB at 4K), so every naturally aligned
 * block of up to 2^18 frames stays contiguous in PDX space, and so do the
 * large mappings of its descriptors.
 *
 * Cost: one hole only. A map whose banks need two separate holes squeezed
 * compresses partly; the offset scheme (pdx-offset.c) handles those.
 */
#include "pdx-internal.h"

/* All bits at and below the highest set bit of x. */
static uint64_t fill_below(uint64_t x)
{
	if (!x)
		return 0;
	unsigned top = ft_msb64(x);
	return top == 63 ? UINT64_MAX : (UINT64_C(1) << (top + 1)) - 1;
}

void ft_pdx_mask_setup(struct ft_pdx *pdx, const struct ft_bank *banks,
		       unsigned nr, unsigned page_shift)
{
	uint64_t may_be_one = 0;
	unsigned best_start = 0, best_len = 0;

	ft_zero(pdx, sizeof(*pdx));
	pdx->mode = FT_PDX_MASK;
	for (unsigned i = 0; i < nr; i++) {
		uint64_t first = banks[i].base >> page_shift;
		uint64_t last =
			((banks[i].base + banks[i].size) >> page_shift) - 1;
		may_be_one |= first | last | fill_below(first ^ last);
	}
	if (may_be_one) {
		unsigned top = ft_msb64(may_be_one);
		unsigned run = 0;
		for (unsigned bit = FT_PDX_OFFSET_ALIGN_ORDER; bit < top;
		     bit++) {
			if (may_be_one & (UINT64_C(1) << bit)) {
				run = 0;
				continue;
			}
			run++;
			if (run > best_len) {
				best_len = run;
				best_start = bit + 1 - run;
			}
		}
	}
	pdx->hole_shift = best_start;
	pdx->hole_bits = best_len;
	pdx->low_mask = (UINT64_C(1) << best_start) - 1;
	pdx->hole_mask =
		best_len ? ((UINT64_C(1) << best_len) - 1) << best_start : 0;
}
