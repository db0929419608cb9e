/* SPDX-License-Identifier: BSD-2-Clause */
/* Planner pieces shared between lib/ files; not installed. */
#ifndef FRAMETABLE_LIB_PLAN_INTERNAL_H
#define FRAMETABLE_LIB_PLAN_INTERNAL_H

#include "internal.h"

/* PDX range [ps, pe) of validated bank i (contiguous in every mode). */
void ft_bank_pdx_range(const struct ft_ctx *ctx, unsigned i, uint64_t *ps,
		       uint64_t *pe);
/* page_shift - ctz(desc_size): the smallest page-filling group. */
unsigned ft_derived_group_order(const struct ft_arch *arch, uint32_t desc_size);
/* Words the group bitmap needs at ctx->group_order for the banks. */
uint64_t ft_groups_words_needed(struct ft_ctx *ctx);
/* Build the group bitmap at ctx->group_order. */
int ft_groups_build(struct ft_ctx *ctx);

#endif
