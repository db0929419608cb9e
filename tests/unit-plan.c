/* SPDX-License-Identifier: BSD-2-Clause */
/* Planner: chunk edges, group order, base choice, policies, window. */
#include "policy-order.h"
#include "sim.h"
#include "testutil.h"
#include "upstream-model.h"

FT_STORAGE_DEFINE(up, 64, 8, 64, 1 << 16, 1 << 14);

#define MB(x) ((uint64_t)(x) << 20)
#define GB(x) ((uint64_t)(x) << 30)

static int plan(struct ft_ctx *ctx, const char *arch, const char *variant,
		enum ft_policy pol, const struct ft_bank *b, unsigned n)
{
	struct ft_params p;

	ft_params_default(&p);
	p.policy = pol;
	if (ft_init(ctx, ft_arch_find(arch, variant), &p, &up_storage))
		return 1000;
	for (unsigned i = 0; i < n; i++)
		ft_add_bank(ctx, b[i].base, b[i].size);
	return ft_plan(ctx);
}

static void check_disjoint_sorted(const struct ft_ctx *ctx)
{
	uint64_t page = UINT64_C(1) << ctx->arch->page_shift;
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		TU_CHECK(c->va_start < c->va_end);
		TU_CHECK_EQ(c->va_start % page, 0);
		TU_CHECK_EQ(c->va_end % page, 0);
		/* A gap between chunks: touching ones would be one chunk. */
		TU_CHECK(i == 0 || ctx->st.chunks[i - 1].va_end < c->va_start);
	}
}

int main(void)
{
	struct ft_ctx ctx;
	struct ft_stats st;
	/* The board: 2 GiB at 2 GiB and 2 GiB at 32 GiB. */
	const struct ft_bank two[] = {{0x80000000, GB(2)},
				      {0x800000000, GB(2)}};

	TU_CASE("min_memory_is_within_a_page_per_chunk_edge_of_the_limit");
	TU_CHECK_EQ(plan(&ctx, "arm64", "4k", FT_POLICY_MIN_MEMORY, two, 2), 0);
	ft_get_stats(&ctx, &st);
	TU_CHECK_EQ(st.limit_bytes, 2 * (GB(2) >> 12) * 56);
	TU_CHECK(st.allocated_bytes >= st.limit_bytes);
	TU_CHECK(st.allocated_bytes - st.limit_bytes <=
		 2 * 4096 * st.nr_chunks);
	TU_CHECK(st.dense_nopdx_bytes > 7 * st.allocated_bytes);
	check_disjoint_sorted(&ctx);

	TU_CASE("group_order_is_derived_from_granule_and_descriptor_size");
	TU_CHECK_EQ(plan(&ctx, "arm64", "4k", FT_POLICY_MIN_MEMORY, two, 2), 0);
	TU_CHECK_EQ(ctx.group_order, 9); /* 4K / (56 & -56) = 512 frames */
	TU_CHECK_EQ(plan(&ctx, "arm64", "64k", FT_POLICY_MIN_MEMORY, two, 2),
		    0);
	TU_CHECK_EQ(ctx.group_order, 13); /* 64K / 8 */
	{
		struct ft_params p;
		ft_params_default(&p);
		p.group_order = 12;
		p.policy = FT_POLICY_MIN_MEMORY;
		ft_init(&ctx, ft_arch_find("arm64", "4k"), &p, &up_storage);
		ft_add_bank(&ctx, two[0].base, two[0].size);
		TU_CHECK_EQ(ft_plan(&ctx), 0);
		TU_CHECK_EQ(ctx.group_order, 12);
		p.group_order =
			8; /* descriptors of a group no longer fill pages */
		ft_init(&ctx, ft_arch_find("arm64", "4k"), &p, &up_storage);
		ft_add_bank(&ctx, two[0].base, two[0].size);
		TU_CHECK_EQ(ft_plan(&ctx), -FT_ERR_BADPARAM);
	}

	TU_CASE("min_memory_skips_every_hole_of_a_page_of_descriptors");
	{
		/* 64 KiB apart (16 frames, 896 bytes of descriptors: same
		 * page), then 512 KiB apart (7 KiB: skipped though in the
		 * same group), then 64 MiB away (another run of groups). */
		const struct ft_bank b[] = {{0x80000000, MB(1)},
					    {0x80110000, 0x70000},
					    {0x80200000, MB(1)},
					    {0x84000000, MB(4)}};
		TU_CHECK_EQ(
			plan(&ctx, "arm64", "4k", FT_POLICY_MIN_MEMORY, b, 4),
			0);
		TU_CHECK_EQ(ctx.nr_chunks, 3);
		check_disjoint_sorted(&ctx);
		TU_CHECK(!ft_mfn_valid(&ctx, 0x801c0));
		TU_CHECK(ft_mfn_valid(&ctx, 0x80101)); /* ghost, same page */
	}

	TU_CASE("a_bank_smaller_than_a_group_gets_its_descriptors");
	{
		const struct ft_bank b[] = {{0x80000000, 0x3000},
					    {0x900000000, MB(64)}};
		TU_CHECK_EQ(
			plan(&ctx, "arm64", "4k", FT_POLICY_MIN_MEMORY, b, 2),
			0);
		TU_CHECK(ft_mfn_valid(&ctx, 0x80000));
		TU_CHECK(ft_mfn_valid(&ctx, 0x80002));
		ft_get_stats(&ctx, &st);
		TU_CHECK_EQ(st.allocated_bytes - st.limit_bytes < 3 * 4096, 1);
	}

	TU_CASE("no_chunk_maps_into_its_neighbour");
	{
		/* Xen's seed rounded each chunk up to 2 or 32 MiB and so ran
		 * into the next chunk's descriptors when two runs were less
		 * than that apart in VA. */
		const struct ft_bank b[] = {{0x80000000, MB(2)},
					    {0x80800000, MB(2)},
					    {0x81000000, MB(2)}};
		for (int pol = 0; pol < 3; pol++) {
			TU_CHECK_EQ(plan(&ctx, "arm64", "4k",
					 (enum ft_policy)pol, b, 3),
				    0);
			check_disjoint_sorted(&ctx);
		}
	}

	TU_CASE("default_never_loses_to_upstream_and_large_banks_align");
	{
		const struct ft_bank versal[] = {{0x0, GB(2)},
						 {0x800000000, GB(14)},
						 {0x50000000000, GB(16)}};
		struct upstream_figures upf;
		TU_CHECK_EQ(
			plan(&ctx, "arm64", "4k", FT_POLICY_DEFAULT, versal, 3),
			0);
		ft_get_stats(&ctx, &st);
		TU_CHECK_EQ(upstream_model(ctx.st.banks, ctx.nr_banks, &ctx.pdx,
					   ctx.arch, 56, ctx.arch->window_base,
					   &upf),
			    0);
		TU_CHECK(st.allocated_bytes <= upf.bytes);
		TU_CHECK(st.tlb_entries <= upf.tlb_entries);
		/* The 16 GiB bank's descriptors start on a 2 MiB boundary. */
		uint64_t va = ft_mfn_to_desc_va(&ctx, 0x50000000000 >> 12);
		TU_CHECK_EQ(va % MB(2), 0);
	}

	TU_CASE("min_tlb_uses_no_more_entries_than_default");
	{
		const struct ft_bank b[] = {{0x40000000, MB(128)}};
		uint64_t def_tlb;
		plan(&ctx, "arm64", "4k", FT_POLICY_DEFAULT, b, 1);
		ft_get_stats(&ctx, &st);
		def_tlb = st.tlb_entries;
		plan(&ctx, "arm64", "4k", FT_POLICY_MIN_TLB, b, 1);
		ft_get_stats(&ctx, &st);
		TU_CHECK(st.tlb_entries <= def_tlb);
		TU_CHECK_EQ(st.tlb_entries,
			    1); /* 7 MiB of descriptors in a 2M... */
	}

	TU_CASE("frametable_larger_than_window_fails_cleanly");
	{
		/* 5 TiB apart with no compression: 70 GiB > 32 GiB window. */
		struct ft_params p;
		ft_params_default(&p);
		p.pdx_mode = FT_PDX_NONE;
		ft_init(&ctx, ft_arch_find("arm64", "4k"), &p, &up_storage);
		ft_add_bank(&ctx, 0, GB(2));
		ft_add_bank(&ctx, 0x50000000000, GB(16));
		TU_CHECK_EQ(ft_plan(&ctx), -FT_ERR_WINDOW);
		TU_CHECK_EQ(ctx.nr_chunks, 0);
		TU_CHECK_EQ(ctx.state, FT_STATE_BANKS);
		TU_CHECK(ctx.err.need > ctx.err.have);
		TU_CHECK_EQ(ctx.err.have, GB(32));
		TU_CHECK(!ft_mfn_valid(&ctx, 0));
	}

	TU_CASE("low_ram_beside_a_large_bank_plans_with_offset");
	{
		/* A server layout: 2 GiB at 0, 60 GiB from 4 GiB, and nodes
		 * at 1, 2, 4 ... 64 TiB. Mask squeezes only 3 bits (56 GiB of
		 * descriptors, over the 32 GiB window); offset merges the two
		 * low banks into one region and packs the rest. */
		struct ft_bank b[9] = {{0, GB(2)}, {GB(4), GB(60)}};
		for (unsigned i = 0; i < 7; i++) {
			b[2 + i].base = (uint64_t)1 << (40 + i);
			b[2 + i].size = GB(64);
		}
		TU_CHECK_EQ(plan(&ctx, "arm64", "4k", FT_POLICY_DEFAULT, b, 9),
			    0);
		TU_CHECK_EQ(ctx.pdx.mode, FT_PDX_OFFSET);
		ft_get_stats(&ctx, &st);
		TU_CHECK_EQ(st.allocated_bytes, st.limit_bytes);
		check_disjoint_sorted(&ctx);
	}

	TU_CASE("auto_never_loses_to_a_single_scheme_in_its_policy_order");
	{
		/* Three banks where several schemes fit: each policy's auto
		 * plan is at least as good, in the policy's own order, as
		 * the same policy with any one scheme. */
		const struct ft_bank b[] = {{0x80000000, GB(2)},
					    {0x880000000, GB(30)},
					    {0x50000000000, GB(1)}};
		for (int pol = FT_POLICY_DEFAULT; pol <= FT_POLICY_MIN_TLB;
		     pol++) {
			struct ft_stats a, o;
			TU_CHECK_EQ(plan(&ctx, "arm64", "4k",
					 (enum ft_policy)pol, b, 3),
				    0);
			ft_get_stats(&ctx, &a);
			for (int m = FT_PDX_NONE; m <= FT_PDX_OFFSET; m++) {
				struct ft_params p;
				ft_params_default(&p);
				p.policy = (enum ft_policy)pol;
				p.pdx_mode = (enum ft_pdx_mode)m;
				ft_init(&ctx, ft_arch_find("arm64", "4k"), &p,
					&up_storage);
				for (unsigned i = 0; i < 3; i++)
					ft_add_bank(&ctx, b[i].base, b[i].size);
				if (ft_plan(&ctx))
					continue;
				ft_get_stats(&ctx, &o);
				/* The default is bounded by Xen/Arm's own
				 * layout, so only mask binds it. */
				if (pol == FT_POLICY_DEFAULT &&
				    m != FT_PDX_MASK)
					continue;
				TU_CHECK(!plan_worse((enum ft_policy)pol, &a,
						     &o));
			}
		}
	}

	TU_CASE("chunk_larger_than_every_bank_has_its_own_error");
	{
		/* Two 64 KiB banks, 64K granule: 112 KiB of descriptors in
		 * one run of groups fits the window, not any bank. */
		const struct ft_bank b[] = {{0x80000000, 0x10000},
					    {0x88000000, 0x10000}};
		TU_CHECK_EQ(plan(&ctx, "arm64", "64k", FT_POLICY_DEFAULT, b, 2),
			    -FT_ERR_CHUNK_TOO_BIG);
		TU_CHECK_EQ(ctx.err.have, 0x10000);
		TU_CHECK(ctx.err.need > ctx.err.have);
		TU_CHECK_EQ(ctx.nr_chunks, 0);
		TU_CHECK_EQ(ctx.state, FT_STATE_BANKS);
	}

	TU_CASE("identity_arch_maps_one_chunk_at_its_pa");
	{
		const struct ft_bank b[] = {{0x0, GB(1)}, {0x80000000, GB(1)}};
		struct sim sim;
		struct ft_ops ops = {0};
		TU_CHECK_EQ(
			plan(&ctx, "arm-mpu", NULL, FT_POLICY_DEFAULT, b, 2),
			0);
		TU_CHECK_EQ(ctx.nr_chunks, 1);
		sim_init(&sim, &ctx);
		sim_ops(&sim, &ops);
		TU_CHECK_EQ(ft_place(&ctx, &ops), 0);
		TU_CHECK_EQ(ctx.st.chunks[0].va_start, ctx.st.chunks[0].pa);
		TU_CHECK_EQ(ft_apply(&ctx, &ops), 0);
		TU_CHECK_EQ(sim_check(&sim, &ctx), 0);
		TU_CHECK_EQ(ft_mfn_to_desc_va(&ctx, 0), ctx.st.chunks[0].pa);
		ft_get_stats(&ctx, &st);
		TU_CHECK_EQ(st.tlb_entries, 1);
		sim_fini(&sim);
	}

	TU_CASE("identity_arch_packs_three_banks_to_the_limit");
	{
		/* tests/qemu/boards/mpu-three-banks.banks: no common bit run,
		 * no GiB boundary; Xen's offset layout keeps both holes. */
		const struct ft_bank b[] = {{0x60000000, 0x10000000},
					    {0x76000000, 0x12000000},
					    {0x9e000000, 0x1e000000}};
		TU_CHECK_EQ(
			plan(&ctx, "arm-mpu", NULL, FT_POLICY_DEFAULT, b, 3),
			0);
		TU_CHECK_EQ(ctx.pdx.mode, FT_PDX_OFFSET);
		ft_get_stats(&ctx, &st);
		TU_CHECK_EQ(st.allocated_bytes, st.limit_bytes);
		/* Without PDX, one array from 0x6000_0000 to 0xbc00_0000,
		 * page rounded: an identity arch has no 2 MiB blocks. */
		TU_CHECK_EQ(st.dense_nopdx_bytes,
			    ((UINT64_C(0xbc000000) - 0x60000000) >> 12) * 56);
		for (unsigned i = 0; i < 3; i++) {
			uint64_t f = b[i].base >> 12;
			uint64_t l = f + (b[i].size >> 12) - 1;
			TU_CHECK(ft_mfn_valid(&ctx, f));
			TU_CHECK(ft_mfn_valid(&ctx, l));
			TU_CHECK_EQ(ft_pdx_to_pfn(&ctx.pdx,
						  ft_pfn_to_pdx(&ctx.pdx, l)),
				    l);
		}
		/* The middle of a hole has no descriptor. */
		TU_CHECK(!ft_mfn_valid(&ctx, 0x90000000 >> 12));
	}

	TU_CASE("identity_arch_refuses_more_banks_than_regions");
	{
		static struct ft_bank b[11];
		struct ft_arch mpu = *ft_arch_find("arm-mpu", NULL);
		struct ft_params p;
		for (unsigned i = 0; i < 11; i++)
			b[i] = (struct ft_bank){0x60000000 +
							(uint64_t)i * 0x8000000,
						0x4000000};
		TU_CHECK_EQ(
			plan(&ctx, "arm-mpu", NULL, FT_POLICY_DEFAULT, b, 11),
			-FT_ERR_REGIONS);
		TU_CHECK_EQ(ctx.err.need, 13);
		TU_CHECK_EQ(ctx.err.have, 12);
		TU_CHECK_EQ(ctx.nr_chunks, 0);
		/* Ten banks fit the same budget; no budget plans eleven. */
		TU_CHECK_EQ(
			plan(&ctx, "arm-mpu", NULL, FT_POLICY_DEFAULT, b, 10),
			0);
		mpu.regions = 0;
		ft_params_default(&p);
		TU_CHECK_EQ(ft_init(&ctx, &mpu, &p, &up_storage), 0);
		for (unsigned i = 0; i < 11; i++)
			ft_add_bank(&ctx, b[i].base, b[i].size);
		TU_CHECK_EQ(ft_plan(&ctx), 0);
	}

	TU_CASE("identity_arch_refuses_a_table_larger_than_free_ram");
	{
		const struct ft_bank b[] = {{0x60000000, GB(1)}};
		struct ft_params p;
		ft_params_default(&p);
		TU_CHECK_EQ(ft_init(&ctx, ft_arch_find("arm-mpu", NULL), &p,
				    &up_storage),
			    0);
		ft_add_bank(&ctx, b[0].base, b[0].size);
		ft_add_reserved(&ctx, 0x60010000, GB(1) - 0x10000);
		TU_CHECK_EQ(ft_plan(&ctx), -FT_ERR_CHUNK_TOO_BIG);
		TU_CHECK_EQ(ctx.err.have, 0x10000);
		TU_CHECK_EQ(ctx.err.need, (GB(1) >> 12) * 56);
	}

	TU_CASE("arm32_defaults_survive_a_changed_field");
	{
		/* A caller that starts from the arch's params to change the
		 * PDX mode keeps Xen arm32's 32-byte page_info and 40-bit PA;
		 * ft_init without params gives the same. */
		const struct ft_arch *a32 = ft_arch_find("arm32", NULL);
		const struct ft_arch *a64 = ft_arch_find("arm64", "4k");
		struct ft_params p, d;
		TU_CHECK(a32 != NULL);
		ft_params_default(&d);
		ft_params_for_arch(&p, a32);
		TU_CHECK_EQ(p.desc_size, 32);
		TU_CHECK_EQ(p.pa_bits, 40);
		p.pdx_mode = FT_PDX_MASK;
		TU_CHECK_EQ(ft_init(&ctx, a32, &p, &up_storage), 0);
		TU_CHECK_EQ(ctx.params.desc_size, 32);
		TU_CHECK_EQ(ft_init(&ctx, a32, NULL, &up_storage), 0);
		TU_CHECK_EQ(ctx.params.desc_size, 32);
		TU_CHECK_EQ(ctx.params.pa_bits, 40);
		ft_params_for_arch(&p, a64);
		TU_CHECK_EQ(p.desc_size, d.desc_size);
		TU_CHECK_EQ(p.pa_bits, d.pa_bits);
	}
	return tu_finish();
}
