/* SPDX-License-Identifier: BSD-2-Clause */
/* The PDX algorithms' entry points, one file each; not installed. */
#ifndef FRAMETABLE_LIB_PDX_INTERNAL_H
#define FRAMETABLE_LIB_PDX_INTERNAL_H

#include "internal.h"

void ft_pdx_none_setup(struct ft_pdx *pdx);

void ft_pdx_mask_setup(struct ft_pdx *pdx, const struct ft_bank *banks,
		       unsigned nr, unsigned page_shift);

int ft_pdx_offset_setup(struct ft_pdx *pdx, unsigned slots,
			const struct ft_bank *banks, unsigned nr,
			unsigned page_shift);
/* The packed layout of the same tables, for an identity arch. */
int ft_pdx_offset_packed_setup(struct ft_pdx *pdx, unsigned slots,
			       const struct ft_bank *banks, unsigned nr,
			       unsigned page_shift);
/* ft_pdx_setup, with the offset layout an identity arch uses when
 * identity is set. */
int ft_pdx_setup_for(struct ft_pdx *pdx, enum ft_pdx_mode mode, unsigned slots,
		     const struct ft_bank *banks, unsigned nr,
		     unsigned page_shift, bool identity);
uint64_t ft_pdx_offset_pfn_to_pdx(const struct ft_pdx *pdx, uint64_t pfn);
uint64_t ft_pdx_offset_pdx_to_pfn(const struct ft_pdx *pdx, uint64_t pdx_val);

#endif
