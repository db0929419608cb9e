/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A frametable window at the top of the address space: plans whose chunk
 * edges would round past 2^64 are never clipped (every RAM frame keeps a
 * mapped descriptor, or ft_plan fails with FT_ERR_WINDOW), and a window
 * that wraps past 2^64 is refused by ft_init with FT_ERR_WINDOW_WRAPS.
 */
#include "sim.h"
#include "testutil.h"

FT_STORAGE_DEFINE(top, 16, 4, 64, 1 << 12, 0);

#define MB(x) ((uint64_t)(x) << 20)
#define GB(x) ((uint64_t)(x) << 30)

/* The board: 2 GiB at 2 GiB and 2 GiB at 32 GiB, 56 MiB of
 * descriptors at 4K. */
static const struct ft_bank two[] = {{GB(2), GB(2)}, {GB(32), GB(2)}};

static struct ft_arch window_at(const char *variant, uint64_t base,
				uint64_t size)
{
	struct ft_arch a = *ft_arch_find("arm64", variant);

	a.window_base = base;
	a.window_size = size;
	return a;
}

static int plan_two(struct ft_ctx *ctx, const struct ft_arch *a,
		    enum ft_policy pol)
{
	struct ft_params p;
	int rc;

	ft_params_default(&p);
	p.policy = pol;
	rc = ft_init(ctx, a, &p, &top_storage);
	for (unsigned i = 0; !rc && i < 2; i++)
		rc = ft_add_bank(ctx, two[i].base, two[i].size);
	return rc ? rc : ft_plan(ctx);
}

/* Every RAM frame, one by one: its descriptor is mapped and zeroed. */
static uint64_t unmapped_ram_frames(const struct ft_ctx *ctx,
				    const struct sim *sim)
{
	uint64_t d = ctx->params.desc_size, bad = 0;

	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t first = b->base >> ctx->arch->page_shift;
		uint64_t n = b->size >> ctx->arch->page_shift;
		for (uint64_t mfn = first; mfn < first + n; mfn++) {
			uint64_t va = ft_mfn_to_desc_va(ctx, mfn);
			if (va > UINT64_MAX - d + 1 || !sim_mapped(sim, va, d))
				bad++;
		}
	}
	return bad;
}

int main(void)
{
	struct ft_ctx ctx;
	struct ft_stats st;
	struct sim sim;
	struct ft_ops ops;

	TU_CASE("window_ending_at_2_64_maps_every_ram_descriptor");
	/* Reproduction: 64 MiB ending at 2^64; rounding the 56 MiB of
	 * descriptors up to 32 MiB overflowed and the chunk was clipped to
	 * 32 MiB, leaving 449390 RAM frames without a mapped descriptor
	 * while plan, place and apply all returned 0. */
	for (int pol = 0; pol < 3; pol++) {
		struct ft_arch a = window_at("4k", 0 - MB(64), MB(64));
		TU_CHECK_EQ(plan_two(&ctx, &a, (enum ft_policy)pol), 0);
		ft_get_stats(&ctx, &st);
		TU_CHECK(st.allocated_bytes >= st.limit_bytes);
		TU_CHECK(st.ghost_descs < st.ram_frames);
		TU_CHECK_EQ(sim_init(&sim, &ctx), 0);
		sim_ops(&sim, &ops);
		TU_CHECK_EQ(ft_place(&ctx, &ops), 0);
		TU_CHECK_EQ(ft_apply(&ctx, &ops), 0);
		TU_CHECK_EQ(sim_check(&sim, &ctx), 0);
		TU_CHECK_EQ(unmapped_ram_frames(&ctx, &sim), 0);
		sim_fini(&sim);
	}

	TU_CASE("every_granule_at_the_top_maps_or_fails_with_window");
	{
		static const char *const v[] = {"4k", "16k", "64k"};
		for (unsigned g = 0; g < 3; g++) {
			for (uint64_t size = MB(1); size <= MB(128);
			     size *= 2) {
				struct ft_arch a =
					window_at(v[g], 0 - size, size);
				int rc = plan_two(&ctx, &a, FT_POLICY_DEFAULT);
				TU_CHECK(rc == 0 || rc == -FT_ERR_WINDOW);
				if (rc) {
					TU_CHECK_EQ(ctx.nr_chunks, 0);
					continue;
				}
				TU_CHECK_EQ(sim_init(&sim, &ctx), 0);
				sim_ops(&sim, &ops);
				TU_CHECK_EQ(ft_place(&ctx, &ops), 0);
				TU_CHECK_EQ(ft_apply(&ctx, &ops), 0);
				TU_CHECK_EQ(sim_check(&sim, &ctx), 0);
				TU_CHECK_EQ(unmapped_ram_frames(&ctx, &sim), 0);
				sim_fini(&sim);
			}
		}
	}

	TU_CASE("descriptors_reaching_2_64_fail_with_window_not_clipped");
	{
		/* 56 MiB of descriptors in a 56 MiB window ending at 2^64:
		 * the last chunk would end at 2^64, which no uint64_t end
		 * holds, so the window's last page is not usable. */
		struct ft_arch a = window_at("4k", 0 - MB(56), MB(56));
		TU_CHECK_EQ(plan_two(&ctx, &a, FT_POLICY_MIN_MEMORY),
			    -FT_ERR_WINDOW);
		TU_CHECK_EQ(ctx.nr_chunks, 0);
		TU_CHECK_EQ(ctx.err.have, MB(56) - 4096);
		TU_CHECK(ctx.err.need > ctx.err.have);
		/* One page more and it fits, ending a page below 2^64. */
		a = window_at("4k", 0 - MB(56) - 4096, MB(56) + 4096);
		TU_CHECK_EQ(plan_two(&ctx, &a, FT_POLICY_MIN_MEMORY), 0);
		TU_CHECK_EQ(ctx.st.chunks[ctx.nr_chunks - 1].va_end,
			    0 - UINT64_C(4096));
		ft_get_stats(&ctx, &st);
		TU_CHECK_EQ(st.allocated_bytes, st.limit_bytes);
	}

	TU_CASE("window_that_wraps_past_2_64_is_refused_at_init");
	{
		/* Reproduction: a 32 GiB window at 0xfffffffffffff000 was
		 * planned as one 0-byte chunk. */
		struct ft_arch a = window_at("4k", 0xfffffffffffff000, GB(32));
		TU_CHECK_EQ(plan_two(&ctx, &a, FT_POLICY_DEFAULT),
			    -FT_ERR_WINDOW_WRAPS);
		TU_CHECK_EQ(ctx.err.code, -FT_ERR_WINDOW_WRAPS);
		TU_CHECK_EQ(ctx.err.base, 0xfffffffffffff000);
		TU_CHECK_EQ(ctx.err.size, GB(32));
		/* One byte past 2^64 wraps; ending at 2^64 does not. */
		a = window_at("4k", 0 - MB(64), MB(64) + 1);
		TU_CHECK_EQ(ft_init(&ctx, &a, NULL, &top_storage),
			    -FT_ERR_WINDOW_WRAPS);
		a = window_at("4k", 0 - MB(64), MB(64));
		TU_CHECK_EQ(ft_init(&ctx, &a, NULL, &top_storage), 0);
		/* The largest window of all, from 0 to 2^64 - 1. */
		a = window_at("4k", 0, UINT64_MAX);
		TU_CHECK_EQ(ft_init(&ctx, &a, NULL, &top_storage), 0);
		/* An identity arch's window_base is unused: no wrap. */
		struct ft_arch mpu = *ft_arch_find("arm-mpu", NULL);
		mpu.window_base = 0xfffffffffffff000;
		mpu.window_size = GB(1);
		TU_CHECK_EQ(ft_init(&ctx, &mpu, NULL, &top_storage), 0);
	}
	return tu_finish();
}
