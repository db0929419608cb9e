/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The context: parameters, caller storage and error reporting.
 * Takes an arch description and storage; keeps every later stage's state.
 */
#include "internal.h"

void ft_params_default(struct ft_params *p)
{
	p->desc_size = FT_DEFAULT_DESC_SIZE;
	p->pa_bits = FT_DEFAULT_PA_BITS;
	p->pdx_mode = FT_PDX_AUTO;
	p->pdx_offset_slots = FT_PDX_OFFSET_MAX_SLOTS;
	p->group_order = -1;
	p->policy = FT_POLICY_DEFAULT;
	p->strategies = FT_PLAN_ALL;
}

void ft_params_for_arch(struct ft_params *p, const struct ft_arch *arch)
{
	ft_params_default(p);
	/* The host hypervisor's own defaults where the arch has them (arm32:
	 * Xen's 32-byte page_info and LPAE's 40-bit PA). */
	if (arch && arch->desc_size)
		p->desc_size = arch->desc_size;
	if (arch && arch->pa_bits)
		p->pa_bits = arch->pa_bits;
}

int ft_fail(struct ft_ctx *ctx, enum ft_err code, int index, uint64_t base,
	    uint64_t size)
{
	ctx->err.code = -(int)code;
	ctx->err.index = index;
	ctx->err.base = base;
	ctx->err.size = size;
	ctx->err.detail = NULL;
	ctx->err.fdt_offset = -1;
	return -(int)code;
}

static void clear_error(struct ft_ctx *ctx)
{
	ft_zero(&ctx->err, sizeof(ctx->err));
	ctx->err.index = -1;
	ctx->err.other = -1;
	ctx->err.fdt_node = -1;
	ctx->err.fdt_offset = -1;
}

static bool arch_is_sane(const struct ft_arch *a)
{
	if (!a || a->page_shift < 10 || a->page_shift > 20 || !a->nr_sizes ||
	    a->nr_sizes > FT_MAX_MAP_SIZES || a->nr_levels > FT_MAX_LEVELS)
		return false;
	if (a->sizes[0].size != (UINT64_C(1) << a->page_shift))
		return false;
	for (unsigned i = 0; i < a->nr_sizes; i++) {
		if (!ft_is_pow2(a->sizes[i].size))
			return false;
		if (i && a->sizes[i].size <= a->sizes[i - 1].size)
			return false;
		if (!a->identity && a->sizes[i].level >= a->nr_levels)
			return false;
	}
	/* Chunk edges are rounded in absolute VA: the window must start on
	 * a page for them to be pages of the window. */
	if (!a->identity && (a->window_base & (a->sizes[0].size - 1)))
		return false;
	return true;
}

int ft_init(struct ft_ctx *ctx, const struct ft_arch *arch,
	    const struct ft_params *params, const struct ft_storage *st)
{
	ft_zero(ctx, sizeof(*ctx));
	clear_error(ctx);
	ft_valid_reset(ctx);
	if (!arch_is_sane(arch))
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
	if (params)
		ctx->params = *params;
	else
		ft_params_for_arch(&ctx->params, arch);
	/* Refused here, not by ft_plan(): the window is the arch's, whatever
	 * the map, and a window past 2^64 would let descriptor VAs wrap to
	 * low addresses. Ending at 2^64 exactly is fine. An identity arch's
	 * window_base is unused (window_size is only a cap). */
	if (!arch->identity && arch->window_size &&
	    arch->window_size - 1 > UINT64_MAX - arch->window_base)
		return ft_fail(ctx, FT_ERR_WINDOW_WRAPS, -1, arch->window_base,
			       arch->window_size);
	ctx->arch = arch;
	const struct ft_params *p = &ctx->params;
	if (!p->desc_size || p->pa_bits <= arch->page_shift ||
	    p->pa_bits > 64 || p->pdx_mode > FT_PDX_OFFSET ||
	    p->policy > FT_POLICY_MIN_TLB)
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
#ifdef FT_ENV_DESC_SIZE
	/* The inline conversions multiply by the environment's size. */
	if (p->desc_size != (FT_ENV_DESC_SIZE))
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
#endif
	ctx->desc_shift = ft_ctz64(p->desc_size);
	ctx->desc_inverse = ft_inverse_odd64(p->desc_size >> ctx->desc_shift);
	if (p->pdx_offset_slots < 2 ||
	    p->pdx_offset_slots > FT_PDX_OFFSET_MAX_SLOTS ||
	    !ft_is_pow2(p->pdx_offset_slots))
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
	if (p->group_order != -1 && (p->group_order < 0 || p->group_order > 40))
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
	if (p->strategies & ~FT_PLAN_ALL)
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
	if (!st || !st->banks || !st->max_banks || !st->chunks ||
	    !st->max_chunks || !st->group_words || !st->max_group_words ||
	    (st->max_reserved && !st->reserved) ||
	    (st->max_valid_words && !st->valid_words))
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
	ctx->st = *st;
	ctx->state = FT_STATE_BANKS;
	return 0;
}

const char *ft_policy_name(enum ft_policy policy)
{
	switch (policy) {
	case FT_POLICY_DEFAULT:
		return "default";
	case FT_POLICY_MIN_MEMORY:
		return "min-memory";
	case FT_POLICY_MIN_TLB:
		return "min-tlb";
	}
	return "unknown";
}
