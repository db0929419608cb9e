/* SPDX-License-Identifier: BSD-2-Clause */
/* Group bitmap: find-next-set / find-next-clear against a bit-by-bit
 * reference, at word boundaries and bitmap ends. */
#include "testutil.h"

#include <frametable/frametable.h>
#include <string.h>

#define WORDS 8

static uint64_t ref_next(const ft_word_t *m, uint64_t n, uint64_t s, int want)
{
	for (uint64_t i = s; i < n; i++)
		if ((int)((m[i / FT_WORD_BITS] >> (i % FT_WORD_BITS)) & 1) == want)
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
			seed = seed * 6364136223846793005u + 1442695040888963407u;
			/* Sparse, dense, empty and full words. */
			ft_word_t v = (ft_word_t)(seed >> 11);
			switch (round % 4) {
			case 0: v &= (ft_word_t)(seed >> 7); v &= (ft_word_t)(seed >> 3); break;
			case 1: v |= (ft_word_t)(seed >> 5); break;
			case 2: v = (round & 8) ? 0 : ~(ft_word_t)0; break;
			default: break;
			}
			m[w] = v;
		}
		uint64_t nbits = 1 + (uint64_t)(round * 7) % (WORDS * FT_WORD_BITS);
		for (uint64_t s = 0; s <= nbits + 1; s++) {
			TU_CHECK_EQ(ft_find_next_bit(m, nbits, s),
				    ref_next(m, nbits, s, 1));
			TU_CHECK_EQ(ft_find_next_zero_bit(m, nbits, s),
				    ref_next(m, nbits, s, 0));
		}
	}
	TU_CASE("set_range_sets_exactly_the_range");
	for (uint64_t start = 0; start < 2 * FT_WORD_BITS + 3; start += 5) {
		for (uint64_t len = 0; start + len <= WORDS * FT_WORD_BITS; len += 13) {
			memset(m, 0, sizeof(m));
			memset(r, 0, sizeof(r));
			ft_bitmap_set_range(m, start, len);
			for (uint64_t i = start; i < start + len; i++)
				r[i / FT_WORD_BITS] |= (ft_word_t)1 << (i % FT_WORD_BITS);
			TU_CHECK(memcmp(m, r, sizeof(m)) == 0);
		}
	}
	return tu_finish();
}
