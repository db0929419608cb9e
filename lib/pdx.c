/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PDX translation: which of none / mask / offset a map uses, and the
 * conversions both ways in O(1). The translation is data in struct ft_pdx,
 * chosen at run time, so one binary serves every board.
 *
 * "auto" here sets up every scheme the map allows and keeps the one with
 * the smallest PDX span (last RAM frame's PDX + 1 - first RAM frame's PDX),
 * preferring the simpler scheme on ties: for an identity arch (MPU) the
 * span is the table. With a virtual window, ft_plan() instead weighs the
 * schemes by the plans they give (lib/plan.c).
 *
 * An identity arch's offset scheme is the packed layout
 * (pdx-offset-packed.c): page-aligned regions on fine PDX granules, with
 * the conversions unchanged. Every other arch keeps Xen's layout
 * (pdx-offset.c), 1 GiB aligned, for the large blocks of its window.
 */
#include "pdx-internal.h"

const char *ft_pdx_mode_name(enum ft_pdx_mode mode)
{
	switch (mode) {
	case FT_PDX_AUTO:
		return "auto";
	case FT_PDX_NONE:
		return "none";
	case FT_PDX_MASK:
		return "mask";
	case FT_PDX_OFFSET:
		return "offset";
	}
	return "unknown";
}

static uint64_t span_of(const struct ft_pdx *pdx, const struct ft_bank *banks,
			unsigned nr, unsigned page_shift)
{
	const struct ft_bank *last = &banks[nr - 1];
	uint64_t first_pfn = banks[0].base >> page_shift;
	uint64_t last_pfn = ((last->base + last->size) >> page_shift) - 1;

	return ft_pfn_to_pdx(pdx, last_pfn) + 1 - ft_pfn_to_pdx(pdx, first_pfn);
}

static int offset_setup(struct ft_pdx *pdx, unsigned slots,
			const struct ft_bank *banks, unsigned nr,
			unsigned page_shift, bool identity)
{
	if (identity)
		return ft_pdx_offset_packed_setup(pdx, slots, banks, nr,
						  page_shift);
	return ft_pdx_offset_setup(pdx, slots, banks, nr, page_shift);
}

int ft_pdx_setup(struct ft_pdx *pdx, enum ft_pdx_mode mode, unsigned slots,
		 const struct ft_bank *banks, unsigned nr, unsigned page_shift)
{
	return ft_pdx_setup_for(pdx, mode, slots, banks, nr, page_shift, false);
}

int ft_pdx_setup_for(struct ft_pdx *pdx, enum ft_pdx_mode mode, unsigned slots,
		     const struct ft_bank *banks, unsigned nr,
		     unsigned page_shift, bool identity)
{
	struct ft_pdx cand;
	uint64_t best;

	if (!nr)
		return -FT_ERR_NOBANKS;
	switch (mode) {
	case FT_PDX_NONE:
		ft_pdx_none_setup(pdx);
		return 0;
	case FT_PDX_MASK:
		ft_pdx_mask_setup(pdx, banks, nr, page_shift);
		return 0;
	case FT_PDX_OFFSET:
		return offset_setup(pdx, slots, banks, nr, page_shift,
				    identity);
	case FT_PDX_AUTO:
		break;
	default:
		return -FT_ERR_BADPARAM;
	}
	ft_pdx_none_setup(pdx);
	best = span_of(pdx, banks, nr, page_shift);
	ft_pdx_mask_setup(&cand, banks, nr, page_shift);
	if (span_of(&cand, banks, nr, page_shift) < best) {
		best = span_of(&cand, banks, nr, page_shift);
		*pdx = cand;
	}
	if (!offset_setup(&cand, slots, banks, nr, page_shift, identity) &&
	    span_of(&cand, banks, nr, page_shift) < best)
		*pdx = cand;
	return 0;
}
