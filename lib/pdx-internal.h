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

#endif
