/* SPDX-License-Identifier: BSD-2-Clause */
/* Group bitmap: find-next-set / find-next-clear against a bit-by-bit
 * reference, at word boundaries and bitmap ends. */
#include "testutil.h"

#include <frametable/frametable.h>
#include <string.h>

FT_STORAGE_DEFINE(ug, 64, 1, 256, 4096, 0);

/* Reference: is group g (absolute, order o) touched by a bank? */
static bool ref_valid(const struct ft_ctx *ctx, uint64_t g)
{
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t p0 = ft_pfn_to_pdx(&ctx->pdx, b->base >> 12);
		uint64_t p1 = ft_pfn_to_pdx(&ctx->pdx,
					    ((b->base + b->size) >> 12) - 1);
		if (g >= p0 >> ctx->group_order && g <= p1 >> ctx->group_order)
			return true;
	}
	return false;
}

#define WORDS 8

static uint64_t ref_next(const ft_word_t *m, uint64_t n, uint64_t s, int want)
{
	for (uint64_t i = s; i < n; i++)
		if ((int)((m[i / FT_WORD_BITS] >> (i % FT_WORD_BITS)) & 1) ==
		    want)
			return i;
	return n;
}

int main(void)
{
	ft_word_t m[WORDS], r[WORDS];
	uint64_t seed = 12345;

	TU_CASE("find_next_matches_reference_everywhere");
	for (int round = 0; round < 300; round++) {
		for (int w = 0; w < WORDS; w++) {
			seed = seed * 6364136223846793005u +
			       1442695040888963407u;
			/* Sparse, dense, empty and full words. */
			ft_word_t v = (ft_word_t)(seed >> 11);
			switch (round % 4) {
			case 0:
				v &= (ft_word_t)(seed >> 7);
				v &= (ft_word_t)(seed >> 3);
				break;
			case 1:
				v |= (ft_word_t)(seed >> 5);
				break;
			case 2:
				v = (round & 8) ? 0 : ~(ft_word_t)0;
				break;
			default:
				break;
			}
			m[w] = v;
		}
		uint64_t nbits =
			1 + (uint64_t)(round * 7) % (WORDS * FT_WORD_BITS);
		for (uint64_t s = 0; s <= nbits + 1; s++) {
			TU_CHECK_EQ(ft_find_next_bit(m, nbits, s),
				    ref_next(m, nbits, s, 1));
			TU_CHECK_EQ(ft_find_next_zero_bit(m, nbits, s),
				    ref_next(m, nbits, s, 0));
		}
	}
	TU_CASE("set_range_sets_exactly_the_range");
	for (uint64_t start = 0; start < 2 * FT_WORD_BITS + 3; start += 5) {
		for (uint64_t len = 0; start + len <= WORDS * FT_WORD_BITS;
		     len += 13) {
			memset(m, 0, sizeof(m));
			memset(r, 0, sizeof(r));
			ft_bitmap_set_range(m, start, len);
			for (uint64_t i = start; i < start + len; i++)
				r[i / FT_WORD_BITS] |= (ft_word_t)1
						       << (i % FT_WORD_BITS);
			TU_CHECK(memcmp(m, r, sizeof(m)) == 0);
		}
	}
	TU_CASE("sparse_bitmap_matches_the_banks_and_runs_are_exact");
	for (int round = 0; round < 200; round++) {
		struct ft_params p;
		struct ft_ctx ctx;
		ft_params_default(&p);
		p.pdx_mode = FT_PDX_NONE;
		p.policy = FT_POLICY_MIN_MEMORY;
		p.group_order = 9 + round % 4;
		ft_init(&ctx, ft_arch_find("arm64", "4k"), &p, &ug_storage);
		uint64_t base = (uint64_t)(round % 7) << 21;
		for (int b = 0; b < 1 + round % 9; b++) {
			seed = seed * 6364136223846793005u +
			       1442695040888963407u;
			uint64_t size = ((seed >> 20) % 4096 + 1) << 12;
			ft_add_bank(&ctx, base, size);
			seed = seed * 6364136223846793005u +
			       1442695040888963407u;
			/* Gaps from a page to beyond a machine word of groups.
			 */
			base += size +
				(((seed >> 24) % 3 ? (seed >> 30) % 64
						   : (seed >> 30) % 100000) +
				 1) * 4096;
		}
		TU_CHECK_EQ(ft_plan(&ctx), 0);
		uint64_t first = ctx.group_first, end = first + ctx.nr_groups;
		TU_CHECK(ctx.nr_group_words <=
			 ctx.nr_groups / FT_WORD_BITS + 2 * ctx.nr_banks);
		for (uint64_t g = first; g < end; g++)
			TU_CHECK_EQ(ft_group_valid(&ctx, g),
				    ref_valid(&ctx, g));
		/* Walk runs and holes and compare with the reference. */
		uint64_t g = first;
		while (g < end) {
			uint64_t v = ft_group_next_valid(&ctx, g);
			uint64_t h = ft_group_next_hole(&ctx, g);
			uint64_t rv = g, rh = g;
			while (rv < end && !ref_valid(&ctx, rv))
				rv++;
			while (rh < end && ref_valid(&ctx, rh))
				rh++;
			TU_CHECK_EQ(v, rv);
			TU_CHECK_EQ(h, rh);
			g = (v > h ? v : h);
			if (g == rv && g == rh)
				break;
		}
		TU_CHECK(!ft_group_valid(&ctx, first - 1));
		TU_CHECK(!ft_group_valid(&ctx, end));
	}
	return tu_finish();
}
