/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PDX "none": the PDX is the PFN. The frametable's VA span is then the
 * physical span of RAM; only the planner's hole skipping saves memory.
 * It is the reference the compressing modes are measured against.
 */
#include "pdx-internal.h"

void ft_pdx_none_setup(struct ft_pdx *pdx)
{
	ft_zero(pdx, sizeof(*pdx));
	pdx->mode = FT_PDX_NONE;
}
