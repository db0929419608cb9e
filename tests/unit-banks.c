/* SPDX-License-Identifier: BSD-2-Clause */
/* Bank set: sorting, merging, and one distinct error per kind of bad bank. */
#include "testutil.h"

#include <frametable/frametable.h>
#include <string.h>

FT_STORAGE_DEFINE(ub, 4, 4, 16, 4096, 0);

static const struct ft_arch *arm64;

static int plan_banks(struct ft_ctx *ctx, const struct ft_bank *b, unsigned n,
		      unsigned pa_bits)
{
	struct ft_params p;

	ft_params_default(&p);
	p.pa_bits = pa_bits;
	if (ft_init(ctx, arm64, &p, &ub_storage))
		return 1000;
	for (unsigned i = 0; i < n; i++) {
		int rc = ft_add_bank(ctx, b[i].base, b[i].size);
		if (rc)
			return rc;
	}
	return ft_banks_validate(ctx);
}

int main(void)
{
	struct ft_ctx ctx;
	arm64 = ft_arch_find("arm64", "4k");

	TU_CASE("banks_are_sorted_and_adjacent_ones_merged");
	{
		const struct ft_bank b[] = {{0x880000000, 0x80000000},
					    {0x80000000, 0x40000000},
					    {0xc0000000, 0x40000000}};
		TU_CHECK_EQ(plan_banks(&ctx, b, 3, 48), 0);
		TU_CHECK_EQ(ctx.nr_banks, 2);
		TU_CHECK_EQ(ctx.st.banks[0].base, 0x80000000);
		TU_CHECK_EQ(ctx.st.banks[0].size, 0x80000000);
		TU_CHECK_EQ(ctx.st.banks[1].base, 0x880000000);
	}
	TU_CASE("zero_sized_bank_is_named");
	{
		const struct ft_bank b[] = {{0x80000000, 0x1000},
					    {0x90000000, 0}};
		TU_CHECK_EQ(plan_banks(&ctx, b, 2, 48), -FT_ERR_BANK_ZERO);
		TU_CHECK_EQ(ctx.err.index, 1);
		TU_CHECK_EQ(ctx.err.base, 0x90000000);
	}
	TU_CASE("unaligned_bank_edge_is_named");
	{
		const struct ft_bank b[] = {{0x80000800, 0x100000}};
		TU_CHECK_EQ(plan_banks(&ctx, b, 1, 48), -FT_ERR_BANK_UNALIGNED);
		const struct ft_bank c[] = {{0x80000000, 0x100800}};
		TU_CHECK_EQ(plan_banks(&ctx, c, 1, 48), -FT_ERR_BANK_UNALIGNED);
	}
	TU_CASE("bank_beyond_pa_width_is_named");
	{
		const struct ft_bank b[] = {{0xfffff000000, 0x2000000}};
		TU_CHECK_EQ(plan_banks(&ctx, b, 1, 44), -FT_ERR_BANK_BEYOND_PA);
		TU_CHECK_EQ(plan_banks(&ctx, b, 1, 48), 0);
	}
	TU_CASE("bank_wrapping_past_2_64_is_named_as_wrapping");
	{
		const struct ft_bank wrap[] = {{0x80000000, 0x1000},
					       {0xfffffffffffff000, 0x2000}};
		/* Whatever the width: the end wraps to 0x1000, which is
		 * inside any width, so only the wrap can name it. */
		TU_CHECK_EQ(plan_banks(&ctx, wrap, 2, 48), -FT_ERR_BANK_WRAPS);
		TU_CHECK_EQ(ctx.err.index, 1);
		TU_CHECK_EQ(ctx.err.base, 0xfffffffffffff000);
		TU_CHECK_EQ(ctx.err.size, 0x2000);
		TU_CHECK_EQ(plan_banks(&ctx, wrap, 2, 64), -FT_ERR_BANK_WRAPS);
	}
	TU_CASE("bank_ending_at_exactly_2_64_wraps");
	{
		const struct ft_bank top[] = {{0xfffffffffffff000, 0x1000}};
		TU_CHECK_EQ(plan_banks(&ctx, top, 1, 64), -FT_ERR_BANK_WRAPS);
		const struct ft_bank below[] = {{0xffffffffffffe000, 0x1000}};
		TU_CHECK_EQ(plan_banks(&ctx, below, 1, 64), 0);
	}
	TU_CASE("overlapping_banks_name_both");
	{
		const struct ft_bank b[] = {{0x90000000, 0x20000000},
					    {0x80000000, 0x20000000}};
		TU_CHECK_EQ(plan_banks(&ctx, b, 2, 48), -FT_ERR_BANK_OVERLAP);
		TU_CHECK_EQ(ctx.err.base, 0x80000000);
		TU_CHECK_EQ(ctx.err.base2, 0x90000000);
		TU_CHECK(ctx.err.other >= 0);
	}
	TU_CASE("no_banks_is_an_error");
	TU_CHECK_EQ(plan_banks(&ctx, NULL, 0, 48), -FT_ERR_NOBANKS);
	TU_CASE("bank_storage_full_is_an_error");
	{
		const struct ft_bank b[] = {{0x1000, 0x1000},
					    {0x3000, 0x1000},
					    {0x5000, 0x1000},
					    {0x7000, 0x1000},
					    {0x9000, 0x1000}};
		TU_CHECK_EQ(plan_banks(&ctx, b, 5, 48), -FT_ERR_TOOMANYBANKS);
		TU_CHECK_EQ(ctx.err.have, 4);
	}
	TU_CASE("reserved_storage_full_is_its_own_error");
	{
		ft_init(&ctx, arm64, NULL, &ub_storage);
		for (int i = 0; i < 4; i++)
			TU_CHECK_EQ(ft_add_reserved(&ctx,
						    0x1000 * (uint64_t)(2 * i),
						    0x1000),
				    0);
		TU_CHECK_EQ(ft_add_reserved(&ctx, 0x100000, 0x1000),
			    -FT_ERR_TOOMANYRESERVED);
	}
	TU_CASE("window_not_on_a_page_is_refused");
	{
		struct ft_arch odd = *arm64;
		odd.window_base += 0x800;
		TU_CHECK_EQ(ft_init(&ctx, &odd, NULL, &ub_storage),
			    -FT_ERR_BADPARAM);
	}
	TU_CASE("reserved_ranges_are_sorted_and_merged");
	{
		const struct ft_bank b[] = {{0x80000000, 0x40000000}};
		ft_init(&ctx, arm64, NULL, &ub_storage);
		ft_add_bank(&ctx, b[0].base, b[0].size);
		ft_add_reserved(&ctx, 0x90000000, 0x2000);
		ft_add_reserved(&ctx, 0x80000000, 0x1000);
		ft_add_reserved(&ctx, 0x90001000, 0x3000);
		TU_CHECK_EQ(ft_banks_validate(&ctx), 0);
		TU_CHECK_EQ(ctx.nr_reserved, 2);
		TU_CHECK_EQ(ctx.st.reserved[1].base, 0x90000000);
		TU_CHECK_EQ(ctx.st.reserved[1].size, 0x4000);
	}
	TU_CASE("every_error_has_its_own_name");
	for (int i = 0; i < FT_ERR_COUNT_; i++)
		for (int j = 0; j < i; j++)
			TU_CHECK(strcmp(ft_strerror(-i), ft_strerror(-j)) != 0);
	TU_CHECK(strcmp(ft_strerror(-FT_ERR_COUNT_), "unknown error") == 0);
	TU_CASE("bad_parameters_are_refused");
	{
		struct ft_params p;
		ft_params_default(&p);
		p.desc_size = 0;
		TU_CHECK_EQ(ft_init(&ctx, arm64, &p, &ub_storage),
			    -FT_ERR_BADPARAM);
		ft_params_default(&p);
		p.pdx_offset_slots = 3;
		TU_CHECK_EQ(ft_init(&ctx, arm64, &p, &ub_storage),
			    -FT_ERR_BADPARAM);
		TU_CHECK_EQ(ft_init(&ctx, NULL, NULL, &ub_storage),
			    -FT_ERR_BADPARAM);
	}
	return tu_finish();
}
