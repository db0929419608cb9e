/* SPDX-License-Identifier: BSD-2-Clause */
/* Apply and place: all or nothing, zeroing, poisoning, mfn_valid. */
#include "sim.h"
#include "testutil.h"

FT_STORAGE_DEFINE(ua, 16, 8, 64, 1 << 12, 1 << 14);

#define MB(x) ((uint64_t)(x) << 20)

static void planned(struct ft_ctx *ctx)
{
	ft_init(ctx, ft_arch_find("arm64", "4k"), NULL, &ua_storage);
	ft_add_bank(ctx, 0x80000000, MB(512));
	ft_add_bank(ctx, 0x100000000, MB(64) + 0x5000);
	ft_add_bank(ctx, 0x800000000, MB(1024));
	ft_plan(ctx);
}

int main(void)
{
	struct ft_ctx ctx;
	struct sim sim;
	struct ft_ops ops = {0};

	TU_CASE("apply_maps_zeroes_and_poisons_every_chunk");
	planned(&ctx);
	sim_init(&sim, &ctx);
	sim_ops(&sim, &ops);
	TU_CHECK_EQ(ft_place(&ctx, &ops), 0);
	TU_CHECK_EQ(ft_apply(&ctx, &ops), 0);
	TU_CHECK_EQ(sim_check(&sim, &ctx), 0);
	if (sim.why[0])
		printf("  %s\n", sim.why);

	TU_CASE("mfn_valid_means_has_a_mapped_descriptor");
	TU_CHECK(ft_mfn_valid(&ctx, 0x80000));
	TU_CHECK(ft_mfn_valid(&ctx, 0x100000 + (MB(64) >> 12)));
	/* A ghost frame just past the odd-sized bank, same page of
	 * descriptors: mapped and zeroed, so valid and inert. */
	TU_CHECK(ft_mfn_valid(&ctx, 0x100000 + (MB(64) >> 12) + 5));
	/* A frame in a hole group: its descriptor would fault. */
	TU_CHECK(!ft_mfn_valid(&ctx, 0x400000));
	uint64_t pa;
	TU_CHECK(!sim_translate(&sim, ft_mfn_to_desc_va(&ctx, 0x400000), &pa));
	TU_CHECK(!ft_mfn_valid(&ctx, 0x7ffff));
	/* Every group, both ends and the middle of every hole. */
	TU_CHECK_EQ(sim_check_mfn_valid(&sim, &ctx, 1), 0);
	if (sim.why[0])
		printf("  %s\n", sim.why);
	sim_fini(&sim);

	TU_CASE("allocator_running_dry_leaves_nothing");
	planned(&ctx);
	sim_init(&sim, &ctx);
	sim_ops(&sim, &ops);
	ft_bootalloc_reserve(&sim.ba, 0, UINT64_MAX);
	TU_CHECK_EQ(ft_place(&ctx, &ops), -FT_ERR_NOMEM);
	TU_CHECK_EQ(sim_check_clean(&sim), 0);
	TU_CHECK_EQ(ctx.state, FT_STATE_PLANNED);
	TU_CHECK(ctx.err.index >= 0 && ctx.err.need > 0);
	for (unsigned i = 0; i < ctx.nr_chunks; i++)
		TU_CHECK_EQ(ctx.st.chunks[i].pa, FT_PA_NONE);
	sim_fini(&sim);

	TU_CASE("second_chunk_allocation_failure_gives_the_first_back");
	planned(&ctx);
	sim_init(&sim, &ctx);
	sim_ops(&sim, &ops);
	uint64_t before = ft_bootalloc_free_bytes(&sim.ba);
	/* Fail every attempt of the second chunk (one per mapping size). */
	sim.fail_alloc_at = 1;
	{
		/* Make the allocator refuse everything after the first chunk
		 * by reserving the rest once the first is placed. */
		struct ft_ctx copy = ctx;
		TU_CHECK_EQ(ft_place(&copy, &ops),
			    0); /* one retry absorbs it */
	}
	sim_fini(&sim);
	planned(&ctx);
	sim_init(&sim, &ctx);
	sim_ops(&sim, &ops);
	before = ft_bootalloc_free_bytes(&sim.ba);
	/* Room for the largest chunk only. */
	ft_bootalloc_reserve(&sim.ba, 0x80000000, MB(512));
	ft_bootalloc_reserve(&sim.ba, 0x100000000, MB(65));
	ft_bootalloc_reserve(&sim.ba, 0x800000000 + MB(20), MB(1004));
	before = ft_bootalloc_free_bytes(&sim.ba);
	TU_CHECK_EQ(ft_place(&ctx, &ops), -FT_ERR_NOMEM);
	TU_CHECK_EQ(sim_check_clean(&sim), 0);
	TU_CHECK_EQ(ft_bootalloc_free_bytes(&sim.ba), before);
	sim_fini(&sim);

	TU_CASE("map_refused_midway_unwinds_everything");
	planned(&ctx);
	sim_init(&sim, &ctx);
	sim_ops(&sim, &ops);
	ft_place(&ctx, &ops);
	ft_apply(&ctx, &ops);
	long calls = sim.map_calls;
	TU_CHECK(calls >= 2);
	sim_fini(&sim);
	for (long at = 0; at < calls; at++) {
		planned(&ctx);
		sim_init(&sim, &ctx);
		sim_ops(&sim, &ops);
		uint64_t free0 = ft_bootalloc_free_bytes(&sim.ba);
		TU_CHECK_EQ(ft_place(&ctx, &ops), 0);
		sim.fail_map_at = at;
		TU_CHECK_EQ(ft_apply(&ctx, &ops), -FT_ERR_MAP);
		TU_CHECK_EQ(sim_check_clean(&sim), 0);
		TU_CHECK_EQ(ctx.state, FT_STATE_PLANNED);
		TU_CHECK_EQ(ft_bootalloc_free_bytes(&sim.ba), free0);
		sim_fini(&sim);
	}

	TU_CASE("calls_out_of_order_are_refused");
	planned(&ctx);
	sim_init(&sim, &ctx);
	sim_ops(&sim, &ops);
	TU_CHECK_EQ(ft_apply(&ctx, &ops), -FT_ERR_STATE);
	TU_CHECK_EQ(ft_add_bank(&ctx, 0, 0x1000), -FT_ERR_STATE);
	TU_CHECK_EQ(ft_plan(&ctx), -FT_ERR_STATE);
	sim_fini(&sim);
	return tu_finish();
}
