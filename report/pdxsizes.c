/* SPDX-License-Identifier: BSD-2-Clause */
/* An identity arch's table under each PDX scheme (pdxsizes.h). */
#include "pdxsizes.h"

static uint64_t table_bytes(const struct ft_ctx *ctx, enum ft_pdx_mode mode)
{
	const struct ft_bank *first = &ctx->st.banks[0];
	const struct ft_bank *last = &ctx->st.banks[ctx->nr_banks - 1];
	unsigned sh = ctx->arch->page_shift;
	uint64_t page = UINT64_C(1) << sh, d = ctx->params.desc_size;
	struct ft_pdx pdx;

	/* ft_pdx_setup is Xen's rule for every scheme (the public one). */
	if (ft_pdx_setup(&pdx, mode, ctx->params.pdx_offset_slots,
			 ctx->st.banks, ctx->nr_banks, sh))
		return 0;
	uint64_t p0 = ft_pfn_to_pdx(&pdx, first->base >> sh);
	uint64_t p1 =
		ft_pfn_to_pdx(&pdx, (last->base + (last->size - 1)) >> sh);
	uint64_t span = p1 + 1 - p0;
	if (span > (UINT64_MAX - page) / d)
		return 0;
	return (span * d + page - 1) & ~(page - 1);
}

void ft_pdx_sizes_get(const struct ft_ctx *ctx, struct ft_pdx_sizes *s)
{
	struct ft_stats st;

	s->none = table_bytes(ctx, FT_PDX_NONE);
	s->mask = table_bytes(ctx, FT_PDX_MASK);
	s->offset_xen = table_bytes(ctx, FT_PDX_OFFSET);
	ft_get_stats(ctx, &st);
	s->plan = st.allocated_bytes;
	s->limit = st.limit_bytes;
}

void ft_pdx_sizes_put(ft_putc_fn out, void *arg, const struct ft_pdx_sizes *s)
{
	static const char *const key[] = {
		"none=", " mask=", " offset_xen=", " plan=", " limit="};
	const uint64_t val[] = {s->none, s->mask, s->offset_xen, s->plan,
				s->limit};

	for (unsigned i = 0; i < 5; i++) {
		ft_put_str(out, arg, key[i]);
		ft_put_dec(out, arg, val[i]);
	}
}
